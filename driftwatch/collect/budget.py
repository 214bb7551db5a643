"""A cap on the bytes one server may send in one scan, and the HTTP view that enforces it.

A hostile or broken server can answer `tools/list` with gigabytes. Every byte received from a
server, over a pipe or over HTTP, is charged to that server's ByteBudget; the first byte over the
cap fails the scan as `too_large` before the payload is buffered, parsed or stored.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx2

from driftwatch.collect.errors import CollectError


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
                "too_large", f"server sent more than {self.limit:,} bytes (the max_manifest_bytes cap)"
            )
            raise self.exceeded


class _BudgetedStream(httpx2.AsyncByteStream):
    def __init__(self, inner: httpx2.AsyncByteStream, budget: ByteBudget) -> None:
        self._inner = inner
        self._budget = budget

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            self._budget.charge(len(chunk))
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


class ServerTransport(httpx2.AsyncBaseTransport):
    """One server's view of the scan cycle's shared connection pool.

    Responses are charged to the server's budget, and error statuses are remembered: the SDK
    turns an HTTP 500 into a bare JSON-RPC "internal error", and the operator needs the status.
    Closing it leaves the shared pool open: the SDK closes its client when a server's connection
    ends, and the pool must outlive that.
    """

    def __init__(self, shared: httpx2.AsyncBaseTransport, budget: ByteBudget) -> None:
        self._shared = shared
        self._budget = budget
        self.error_status: tuple[int, str] | None = None
        """The HTTP error status (>= 400) of the last answer, with its reason phrase, unless a later
        request succeeded: an OAuth challenge (401) or a discovery miss (404) that the flow got
        past explains nothing."""

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await self._shared.handle_async_request(request)
        if response.status_code >= 400:
            self.error_status = (response.status_code, response.reason_phrase)
        elif response.status_code < 300:
            self.error_status = None
        assert isinstance(response.stream, httpx2.AsyncByteStream)
        response.stream = _BudgetedStream(response.stream, self._budget)
        return response

    async def aclose(self) -> None:
        """The shared pool belongs to the scan cycle, which closes it."""
