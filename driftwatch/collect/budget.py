"""A cap on the bytes one server may send in one scan, and the HTTP view that enforces it.

A hostile or broken server can answer `tools/list` with gigabytes, or with one megabyte of gzip
that inflates to a gigabyte. Every byte received from a server, over a pipe or over HTTP (SSE and
streamable HTTP alike), is charged to that server's ByteBudget *as the parser will see it*: HTTP
bodies are decompressed here, in bounded pieces, and each piece is charged before the next is
inflated. So:

1. the request offers only the codings decoded here (`gzip`, `deflate`);
2. a response with more than MAX_ENCODINGS codings, or a coding not offered, fails as `protocol`;
3. the body is inflated at most INFLATE_PIECE bytes at a time, each piece charged to the budget,
   so the first byte over the cap fails the scan as `too_large` before the payload is buffered,
   parsed or stored, and memory stays bounded by the cap whatever the compression ratio;
4. the response reaches the SDK already decoded (no `Content-Encoding`), so httpx never inflates
   anything behind the budget's back.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from urllib.parse import urljoin, urlsplit

import anyio
import httpx2

from driftwatch.collect.guard import Refused
from driftwatch.errors import CollectError, ErrorClass

ACCEPTED_ENCODINGS = ("gzip", "deflate")
"""The content-codings driftwatch offers and decodes itself; anything else is refused."""

MAX_ENCODINGS = 2
"""More codings stacked on one body than this is an attack, not a server configuration."""

INFLATE_PIECE = 64 * 1024
"""The most bytes inflated in one step, before they are charged to the budget."""

DRAIN_SECONDS = 0.05
DRAIN_BYTES = 64 * 1024
"""How long, and how much, the end of a response body closed early is read (`_Watched`)."""


class ByteBudget:
    """Bytes left for one server's scan; `charge` raises once they run out."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self.exceeded: CollectError | None = None

    def charge(self, count: int) -> None:
        self.used += count
        if self.used > self.limit:
            self.exceeded = CollectError(
                "too_large",
                f"server sent more than {self.limit:,} bytes (the max_manifest_bytes cap,"
                " counted after decompression)",
            )
            raise self.exceeded


class _Inflater:
    """One content-coding, inflated in pieces of at most INFLATE_PIECE bytes."""

    def __init__(self, coding: str) -> None:
        # gzip: a gzip header; deflate: a zlib header (RFC 9110), or gzip from a confused server.
        self.coding = coding
        self._inflate = zlib.decompressobj(zlib.MAX_WBITS | (16 if coding == "gzip" else 32))

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            while data:
                piece = self._inflate.decompress(data, INFLATE_PIECE)
                left = self._inflate.unconsumed_tail
                if piece:
                    yield piece
                elif len(left) == len(data):
                    return  # nothing consumed, nothing produced: the stream has ended
                data = left
            if self._inflate.unused_data:
                raise CollectError(ErrorClass.PROTOCOL, f"data after the end of the {self.coding} body")
        except zlib.error as exc:
            raise CollectError(ErrorClass.PROTOCOL, f"the {self.coding} body does not decode: {exc}") from exc


def _codings(response: httpx2.Response) -> list[str]:
    """The codings applied to the body, in the order they were applied; refused when unsafe."""
    header = ",".join(response.headers.get_list("content-encoding"))
    codings = [part.strip().lower() for part in header.split(",") if part.strip()]
    codings = [coding for coding in codings if coding != "identity"]
    if len(codings) > MAX_ENCODINGS:
        raise CollectError(
            "protocol", f"response stacks {len(codings)} content-encodings (at most {MAX_ENCODINGS})"
        )
    for coding in codings:
        if coding not in ACCEPTED_ENCODINGS and coding != "x-gzip":
            raise CollectError(
                "protocol", f"response uses content-encoding {coding!r}, which was not offered"
            )
    return ["gzip" if coding == "x-gzip" else coding for coding in codings]


class _BudgetedStream(httpx2.AsyncByteStream):
    """The body as the SDK will parse it: decoded, each decoded piece charged first."""

    def __init__(self, inner: httpx2.AsyncByteStream, budget: ByteBudget, codings: list[str]) -> None:
        self._inner = inner
        self._budget = budget
        self._inflaters = [_Inflater(coding) for coding in reversed(codings)]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            for piece in self._decode(chunk, 0):
                self._budget.charge(len(piece))
                yield piece

    def _decode(self, data: bytes, depth: int) -> Iterator[bytes]:
        if depth == len(self._inflaters):
            yield data
            return
        for piece in self._inflaters[depth].feed(data):
            yield from self._decode(piece, depth + 1)

    async def aclose(self) -> None:
        await self._inner.aclose()


class _EndpointWatch(httpx2.AsyncByteStream):
    """An SSE stream whose `endpoint` event must stay on the connection's origin.

    The SDK refuses a foreign endpoint inside a task that then waits for a reader that is not
    there yet, so the scan would hang until its deadline; checking here fails it at once.
    """

    def __init__(self, inner: httpx2.AsyncByteStream, url: str) -> None:
        self._inner = inner
        self._url = url
        self._pending = b""
        self._event = ""
        self._checked = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            if not self._checked:
                self._scan(chunk)
            yield chunk

    def _scan(self, chunk: bytes) -> None:
        self._pending += chunk
        *lines, self._pending = self._pending.replace(b"\r\n", b"\n").split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace")
            if line.startswith("event:"):
                self._event = line[6:].strip()
            elif line.startswith("data:") and self._event == "endpoint":
                self._checked = True
                self._pending = b""
                _same_origin(self._url, urljoin(self._url, line[5:].strip()))
                return
            elif not line:
                self._event = ""

    async def aclose(self) -> None:
        await self._inner.aclose()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _same_origin(url: str, endpoint: str) -> None:
    ours, theirs = urlsplit(url), urlsplit(endpoint)
    if (ours.scheme, ours.netloc) != (theirs.scheme, theirs.netloc):
        origin = f"{theirs.scheme}://{theirs.netloc}"
        raise CollectError(
            ErrorClass.PROTOCOL, f"SSE endpoint event points to another origin ({origin}); refused"
        )


class ServerTransport(httpx2.AsyncBaseTransport):
    """One server's view of its connection pool (collect.client.Collector opens one per server).

    Responses are decoded and charged to the server's budget, and error statuses are remembered:
    the SDK turns an HTTP 500 into a bare JSON-RPC "internal error", and the operator needs the
    status. A refusal (a foreign SSE endpoint, an unsafe encoding) is kept in `fault`, because the
    SDK may report only the symptom it causes. Closing it leaves the pool open: the SDK closes its
    client when a server's connection ends, and the collector closes the pool after that.

    Over streamable HTTP, unless `notifications` are wanted, the GET stream the SDK opens after
    `initialize` (it carries only server notifications) is answered here with the 405 of a server
    that has none: it would hold a second connection open for the whole scan, for nothing.
    """

    def __init__(
        self,
        shared: httpx2.AsyncBaseTransport,
        budget: ByteBudget,
        *,
        sse: bool = False,
        notifications: bool = False,
    ) -> None:
        self._shared = shared
        self._budget = budget
        self._sse = sse
        self._notifications = notifications
        self.drains = True
        """Whether bodies closed early are drained (until one fails to end in time)."""
        self.fault: CollectError | None = None
        self.on_stream_end: Callable[[str], None] = lambda reason: None
        """Called when the stream that carries the server's notifications (the GET, when
        `notifications` are wanted) is refused or ends: a listening session is then deaf."""
        self.on_fault: Callable[[], None] = lambda: None
        """Called on a fault: the collector cancels the server's scan with it."""
        self.error_status: tuple[int, str] | None = None
        """The HTTP error status (>= 400) of the last answer, with its reason phrase, unless a later
        request succeeded: an OAuth challenge (401) or a discovery miss (404) that the flow got
        past explains nothing."""
        self._trace: tuple[str, dict[str, str]] = ("", {})

    def propagate(self, url: str, headers: dict[str, str]) -> None:
        """Send `headers` (the W3C trace context of the server's span, driftwatch/telemetry.py) on
        every request to `url`'s origin, and only there: an OAuth flow's requests to its
        authorization server go through this transport too."""
        self._trace = (_origin(url), headers)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if self._unwanted_stream(request):
            return httpx2.Response(405, headers={"Allow": "POST, DELETE"}, request=request)
        request.headers["Accept-Encoding"] = ", ".join(ACCEPTED_ENCODINGS)
        origin, trace = self._trace
        if trace and _origin(str(request.url)) == origin:
            for name, value in trace.items():
                request.headers.setdefault(name, value)  # a header the operator set wins
        try:
            response = await self._shared.handle_async_request(request)
        except Refused as refused:  # (only the OAuth flow leaves the server's origin)
            fault = CollectError(ErrorClass.AUTH, f"auth failed: the server named {refused}")
            self.refuse(fault)
            raise fault from refused
        if response.status_code >= 400:
            self.error_status = (response.status_code, response.reason_phrase)
        elif response.status_code < 300:
            self.error_status = None
        assert isinstance(response.stream, httpx2.AsyncByteStream)
        try:
            codings = _codings(response)
        except CollectError as exc:
            await response.aclose()
            self.refuse(exc)
            raise
        if codings:  # the SDK gets the body as decoded here
            for name in ("content-encoding", "content-length"):
                if name in response.headers:
                    del response.headers[name]
        stream: httpx2.AsyncByteStream = _BudgetedStream(response.stream, self._budget, codings)
        if self._sse and request.method == "GET":
            stream = _EndpointWatch(stream, str(request.url))
        if self._notifications and request.method == "GET":
            if response.status_code >= 300:
                self.on_stream_end(f"notification stream refused: HTTP {response.status_code}")
            else:
                stream = _StreamEnd(stream, self.on_stream_end)
        response.stream = _Watched(stream, self, drain=request.method != "GET")
        return response

    def _unwanted_stream(self, request: httpx2.Request) -> bool:
        """The streamable-HTTP notification stream, when no notification is wanted. A GET that
        resumes a response stream (`Last-Event-ID`) carries a response, so it goes through."""
        return (
            not self._sse
            and not self._notifications
            and request.method == "GET"
            and "text/event-stream" in request.headers.get("accept", "")
            and "last-event-id" not in request.headers
        )

    def refuse(self, fault: CollectError) -> None:
        """Keep the first fault and end the scan now (the SDK may swallow the exception)."""
        if self.fault is None:
            self.fault = fault
        self.on_fault()

    async def aclose(self) -> None:
        """The pool belongs to the collector, which closes it when the server's scan ends."""


class _StreamEnd(httpx2.AsyncByteStream):
    """A notification stream that says when it ends, however it ends (the SDK retries a dropped
    GET stream twice, then gives up without a word, leaving its session deaf)."""

    def __init__(self, inner: httpx2.AsyncByteStream, on_end: Callable[[str], None]) -> None:
        self._inner = inner
        self._on_end = on_end

    async def __aiter__(self) -> AsyncIterator[bytes]:
        reason = "notification stream ended"
        try:
            async for chunk in self._inner:
                yield chunk
        except BaseException as exc:
            reason = f"notification stream failed: {type(exc).__name__}"
            raise
        finally:
            self._on_end(reason)

    async def aclose(self) -> None:
        await self._inner.aclose()


class _Watched(httpx2.AsyncByteStream):
    """Keeps a refusal raised while reading the body as the transport's `fault`; and drains the
    end of a body the SDK closes early, so its connection is kept for the next request.

    The SDK closes a POST's SSE response as soon as the JSON-RPC response has arrived, a moment
    before the server ends the stream; a body closed unfinished costs its connection (one new
    connection per request), and so does the `Accepted` body of a 202 it never reads. So the
    unread rest of an answer to a POST or DELETE is read for at most DRAIN_SECONDS and DRAIN_BYTES
    (charged to the budget like any other byte); if it ends, the connection goes back to the pool.
    A server that keeps its streams open costs one such wait per scan: after a miss, its transport
    stops draining. A GET (an SSE transport's stream) is never drained: it is not meant to end.
    """

    def __init__(self, inner: httpx2.AsyncByteStream, link: ServerTransport, *, drain: bool) -> None:
        self._inner = inner
        self._link = link
        self._chunks: AsyncIterator[bytes] | None = None
        self._ended = not drain

    async def __aiter__(self) -> AsyncIterator[bytes]:
        # One iterator over the body, kept here, so that `aclose` can read on where the SDK stopped.
        self._chunks = self._chunks or aiter(self._inner)
        try:
            async for chunk in self._chunks:
                yield chunk
            self._ended = True
        except CollectError as exc:
            self._link.refuse(exc)
            raise

    async def aclose(self) -> None:
        try:
            if not self._ended and self._link.drains:
                self._chunks = self._chunks or aiter(self._inner)
                self._ended = await self._drain(self._chunks)
                self._link.drains = self._ended
        finally:
            await self._inner.aclose()

    async def _drain(self, chunks: AsyncIterator[bytes]) -> bool:
        """True when the body ended within the drain's time and bytes."""
        left = DRAIN_BYTES
        with anyio.move_on_after(DRAIN_SECONDS):
            try:
                async for chunk in chunks:
                    left -= len(chunk)
                    if left < 0:
                        return False
            except (httpx2.HTTPError, CollectError):
                return False
            return True
        return False
