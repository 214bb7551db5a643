"""A local syslog collector that records what it got, the way a real one reads it.

It listens on UDP and on TCP (127.0.0.1, free ports) and parses every message with an RFC 5424
parser (`syslog-rfc5424-parser`): a message that is not RFC 5424 is refused (counted, not
recorded), as a collector configured for RFC 5424 would. Over UDP a datagram is one message and a
datagram over 8,192 bytes (rsyslog's default maximum message size) is refused; over TCP messages
are framed by octet counting (RFC 6587, `LEN SP MSG`), and a frame that is not is refused and
closes the connection.
"""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from syslog_rfc5424_parser import SyslogMessage
from syslog_rfc5424_parser.message import ParseError

MAX_DATAGRAM = 8_192


@dataclass
class FakeSyslog:
    messages: list[dict[str, Any]] = field(default_factory=list)
    """Each message parsed (`severity`, `facility`, `appname`, `msgid`, `msg`, …) and its `transport`."""
    refused: int = 0
    udp_port: int = 0
    tcp_port: int = 0
    _lock: threading.Condition = field(default_factory=threading.Condition)

    def wait(self, count: int, timeout: float = 10) -> list[dict[str, Any]]:
        """The messages once `count` have arrived (woken by each arrival, never by polling)."""
        with self._lock:
            assert self._lock.wait_for(lambda: len(self.messages) >= count, timeout), (
                "the collector got too little"
            )
            return list(self.messages)

    def take(self, raw: bytes, transport: str) -> bool:
        try:
            parsed = SyslogMessage.parse(raw.decode("utf-8")).as_dict()
        except (ParseError, UnicodeDecodeError, ValueError):
            with self._lock:
                self.refused += 1
            return False
        with self._lock:
            self.messages.append({**parsed, "transport": transport, "bytes": len(raw)})
            self._lock.notify_all()
        return True

    @contextmanager
    def running(self) -> Iterator[FakeSyslog]:
        fake = self

        class Datagrams(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                data = self.request[0]
                if len(data) > MAX_DATAGRAM:
                    with fake._lock:
                        fake.refused += 1
                    return
                fake.take(data, "udp")

        class Stream(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                while True:
                    length = b""
                    while (char := self.rfile.read(1)) not in (b" ", b""):
                        length += char
                        if len(length) > 7 or not char.isdigit():
                            fake.take(b"", "tcp")  # (not octet-counted: refused)
                            return
                    if not length:
                        return
                    if not fake.take(self.rfile.read(int(length)), "tcp"):
                        return

        udp = socketserver.ThreadingUDPServer(("127.0.0.1", 0), Datagrams)
        tcp = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Stream)
        servers: list[socketserver.BaseServer] = [udp, tcp]
        for server in servers:
            server.daemon_threads = True  # type: ignore[attr-defined]
            threading.Thread(target=server.serve_forever, daemon=True).start()
        self.udp_port, self.tcp_port = udp.server_address[1], tcp.server_address[1]
        try:
            yield self
        finally:
            for server in servers:
                server.shutdown()
                server.server_close()
