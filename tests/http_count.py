"""What an HTTP MCP server sees of a scan: connections, requests, and the JSON-RPC methods asked.

A TCP proxy on 127.0.0.1 in front of any server (server-everything in node, the Python manifest
server), run in a thread of the test. It counts at the server's door, not in the client, so
a request the client sends behind driftwatch's back (a GET stream, a `server/discover` probe)
is counted too. Requests are read as HTTP/1.1 (the request line, headers, a Content-Length
body); the JSON-RPC method of a POST is taken from its body.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit


@dataclass
class Seen:
    """Everything the server behind the proxy was sent, in order."""

    connections: int = 0
    closed: int = 0
    """Connections the client has ended (the proxy read its end of them)."""
    _ended: threading.Condition = field(default_factory=threading.Condition, repr=False)
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    """(HTTP method, JSON-RPC method of the body or None), one per HTTP request."""
    connection_of: list[int] = field(default_factory=list)
    """The connection (1, 2, ...) each request came on."""

    def wait_closed(self, count: int, timeout: float = 10) -> bool:
        """Whether `count` connections have ended within `timeout` seconds (the proxy reads the
        client's end in its own thread, a moment after the client closed it)."""
        with self._ended:
            return self._ended.wait_for(lambda: self.closed >= count, timeout)

    def connection_ended(self) -> None:
        with self._ended:
            self.closed += 1
            self._ended.notify_all()

    def methods(self) -> Counter[str]:
        return Counter(rpc or http for http, rpc in self.requests)

    def clear(self) -> None:
        self.connections = self.closed = 0
        self.requests.clear()
        self.connection_of.clear()


class CountingProxy:
    """`with CountingProxy(url) as proxy:` scan `proxy.url`, then read `proxy.seen`."""

    def __init__(self, upstream_url: str) -> None:
        parts = urlsplit(upstream_url)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._parts = parts
        self.seen = Seen()
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.base_events.Server | None = None

    def __enter__(self) -> CountingProxy:
        self._thread.start()
        serving = asyncio.start_server(self._accept, "127.0.0.1", 0)
        future = asyncio.run_coroutine_threadsafe(serving, self._loop)
        self._server = future.result(10)
        port = self._server.sockets[0].getsockname()[1]
        self.url = urlunsplit(self._parts._replace(netloc=f"127.0.0.1:{port}"))
        return self

    def __exit__(self, *exc: object) -> None:
        async def close() -> None:
            assert self._server is not None
            self._server.close()
            await self._server.wait_closed()
            others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in others:
                task.cancel()
            await asyncio.gather(*others, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.seen.connections += 1
        number = self.seen.connections
        up_reader, up_writer = await asyncio.open_connection(*self._upstream)
        back = asyncio.ensure_future(_pipe(up_reader, writer))
        try:
            while request := await _read_request(reader):
                head, body = request
                self.seen.requests.append((_http_method(head), _rpc_method(body)))
                self.seen.connection_of.append(number)
                up_writer.write(head + body)
                await up_writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self.seen.connection_ended()
            up_writer.close()
            writer.close()
            await asyncio.gather(back, return_exceptions=True)


async def _read_request(reader: asyncio.StreamReader) -> tuple[bytes, bytes] | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    return head, await reader.readexactly(length) if length else b""


def _http_method(head: bytes) -> str:
    """The request's HTTP method; `GET metadata` for a GET of a well-known metadata document (the
    authorization surface, collect/authsurface.py), told apart from a GET stream."""
    method, _, rest = head.partition(b" ")
    return "GET metadata" if method == b"GET" and rest.startswith(b"/.well-known/") else method.decode()


def _rpc_method(body: bytes) -> str | None:
    try:
        message = json.loads(body)
    except ValueError:
        return None
    return message.get("method") if isinstance(message, dict) else None


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()
