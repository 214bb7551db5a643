"""The one way a test runs a local HTTP stand-in: bound to 127.0.0.1 on a free port, served from a
thread, stopped and closed when the test leaves it.

The stand-ins (tests/fake_saas.py, tests/fake_otlp.py, tests/collect/netsupport.py,
tests/discover/kube_api.py, and the one-route servers of tests/auth/test_secrets.py and
tests/collect/test_faults.py) each say only what they answer and what they record; starting,
stopping, reading a request's body, answering with a length and keeping quiet on stderr live here.
What each records stays with it: a span, a Slack message, a request line are different records.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Listening:
    """Where a running stand-in listens."""

    port: int
    scheme: str = "http"

    @property
    def url(self) -> str:
        """The stand-in's base URL, without a trailing slash."""
        return f"{self.scheme}://127.0.0.1:{self.port}"


class StandIn(BaseHTTPRequestHandler):
    """A request handler that reads a body by its length, answers with one, and logs nothing
    (the test reads what the stand-in recorded, not stderr)."""

    def body(self) -> bytes:
        """The request's body, as long as its Content-Length says (empty without one)."""
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def reply(self, status: int, body: bytes = b"", headers: Mapping[str, str] | None = None) -> None:
        """Answer `status` with `body` and `headers` (a Content-Length added); a client that gave
        up waiting (a test's timeout) is not an error of the stand-in."""
        try:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@contextmanager
def listening(
    handler: type[BaseHTTPRequestHandler], tls: ssl.SSLContext | None = None
) -> Iterator[Listening]:
    """Serve `handler` on 127.0.0.1 (a free port; over TLS with `tls`) until the block ends, then
    stop serving, close the socket and join the serving thread. Requests still being answered run
    on daemon threads, so one held open (a hang) does not hold the test."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Listening(server.server_address[1], "https" if tls else "http")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
