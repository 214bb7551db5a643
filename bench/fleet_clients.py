"""The two yardsticks bench/scale.py holds driftwatch against, each run as a process of its own.

    python bench/fleet_clients.py sdk   URLS.json CONCURRENCY
    python bench/fleet_clients.py httpx URLS.json CONCURRENCY

`sdk`: the bare mcp SDK client as a careful user would write it for a fleet: one shared HTTP
connection pool, `mcp.Client` per server (defaults: mode auto, its response cache on), the four
lists where the server has them, at most CONCURRENCY servers at a time. No store, no diff, no
detectors: the floor of any SDK-based monitor.

`httpx`: the same lists as raw JSON-RPC POSTs over one shared httpx client (protocol 2026-07-28,
stateless): no SDK, no validation of the answers beyond JSON. The floor of any Python client.

Each prints the number of servers that answered and the items listed; bench/scale.py times the
whole process (imports included, as a user's job pays them).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import anyio

PROTOCOL = "2026-07-28"
LISTS = ("tools/list", "prompts/list", "resources/list", "resources/templates/list")


def request(ident: int, method: str) -> tuple[dict[str, Any], dict[str, str]]:
    """A stateless 2026-07-28 request: its JSON-RPC body and its HTTP headers."""
    meta = {
        "io.modelcontextprotocol/protocolVersion": PROTOCOL,
        "io.modelcontextprotocol/clientInfo": {"name": "bench", "version": "1"},
        "io.modelcontextprotocol/clientCapabilities": {},
    }
    body = {"jsonrpc": "2.0", "id": ident, "method": method, "params": {"_meta": meta}}
    headers = {
        "accept": "application/json, text/event-stream",
        "mcp-protocol-version": PROTOCOL,
        "mcp-method": method,
    }
    return body, headers


async def sdk(urls: list[str], concurrency: int) -> tuple[int, int]:
    import httpx2
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client

    pool = httpx2.AsyncHTTPTransport(limits=httpx2.Limits(max_connections=max(10, concurrency * 2)))
    limiter = anyio.CapacityLimiter(concurrency)
    answered = items = 0

    async def one(url: str) -> None:
        nonlocal answered, items
        async with limiter:
            http = httpx2.AsyncClient(transport=pool)
            async with Client(streamable_http_client(url, http_client=http)) as client:
                capabilities = client.server_capabilities
                # (each count awaited before it is added: `items += len(await ...)` reads `items`
                # first, and the other servers' additions made during the await were lost)
                listed = 0
                if capabilities.tools is not None:
                    listed += len((await client.list_tools()).tools)
                if capabilities.prompts is not None:
                    listed += len((await client.list_prompts()).prompts)
                if capabilities.resources is not None:
                    listed += len((await client.list_resources()).resources)
                    listed += len((await client.list_resource_templates()).resource_templates)
            answered += 1
            items += listed

    async with pool, anyio.create_task_group() as tasks:
        for url in urls:
            tasks.start_soon(one, url)
    return answered, items


async def raw(urls: list[str], concurrency: int) -> tuple[int, int]:
    import httpx

    limiter = anyio.CapacityLimiter(concurrency)
    answered = items = 0

    async def call(client: httpx.AsyncClient, url: str, ident: int, method: str) -> dict[str, Any]:
        body, headers = request(ident, method)
        response = await client.post(url, json=body, headers=headers)
        result: dict[str, Any] = response.raise_for_status().json()["result"]
        return result

    async def one(client: httpx.AsyncClient, url: str) -> None:
        nonlocal answered, items
        async with limiter:
            await call(client, url, 1, "server/discover")
            for ident, method in enumerate(LISTS, start=2):
                result = await call(client, url, ident, method)
                items += sum(len(v) for v in result.values() if isinstance(v, list))
            answered += 1

    limits = httpx.Limits(max_connections=max(10, concurrency * 2))
    async with httpx.AsyncClient(limits=limits) as client, anyio.create_task_group() as tasks:
        for url in urls:
            tasks.start_soon(one, client, url)
    return answered, items


def main() -> None:
    kind, path, concurrency = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    urls = json.loads(path.read_text())
    answered, items = anyio.run(sdk if kind == "sdk" else raw, urls, concurrency)
    print(json.dumps({"answered": answered, "items": items}))


if __name__ == "__main__":
    main()
