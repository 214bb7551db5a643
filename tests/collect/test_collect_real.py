"""Scanning REAL third-party MCP servers over all three transports.

What driftwatch stores must equal what a plain SDK client, in the same test, gets from the same
server: same tool names, same counts, pagination followed to the end.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.sse import sse_client

from driftwatch import monitor
from driftwatch.model import Severity
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from driftwatch.store import Store
from driftwatch.store.manifests import load_manifests
from tests.support import EVERYTHING, EVERYTHING_2025, VENV_BIN, node, stored_manifest

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the driftwatch CLI or daemon)


async def plain_listing(target: Any) -> dict[str, list[dict[str, Any]]]:
    """Every tool, prompt and resource, the way any SDK user would list them."""
    async with Client(target, mode="legacy") as client:
        listed: dict[str, list[dict[str, Any]]] = {}
        for field, fetch in (
            ("tools", client.list_tools),
            ("prompts", client.list_prompts),
            ("resources", client.list_resources),
        ):
            items: list[dict[str, Any]] = []
            cursor = None
            while True:
                page = await fetch(cursor=cursor)
                items += [m.model_dump(by_alias=True, mode="json") for m in getattr(page, field)]
                if (cursor := page.next_cursor) is None:
                    break
            listed[field] = items
        return listed


def scan_one(spec: ServerSpec, settings: Settings, store: Store) -> monitor.ServerResult:
    [result] = anyio.run(monitor.scan, [spec], settings, store)
    assert result.status == "ok", result.error
    return result


def assert_stored_equals_plain(
    result: monitor.ServerResult, store: Store, plain: dict[str, list[Any]]
) -> None:
    assert result.manifest_hash is not None
    stored = store.read(load_manifests, [result.manifest_hash])[result.manifest_hash]
    assert sorted(t.key for t in stored.tools) == sorted(t["name"] for t in plain["tools"])
    assert sorted(p.key for p in stored.prompts) == sorted(p["name"] for p in plain["prompts"])
    assert sorted(r.key for r in stored.resources) == sorted(r["uri"] for r in plain["resources"])
    assert stored.counts()["tools"] == len(plain["tools"]) > 0
    assert {t.key: t.body.get("description") for t in stored.tools} == {
        t["name"]: t.get("description") for t in plain["tools"]
    }


@pytest.mark.parametrize("transport", ["stdio", "sse", "streamableHttp"])
def test_server_everything_over_each_transport(
    transport: str, everything_http: Callable[[str], str], settings: Settings, store: Store
) -> None:
    if transport == "stdio":
        spec = ServerSpec(name="everything", command=node(), args=(str(EVERYTHING), "stdio"))
        target: Any = StdioServerParameters(command=node(), args=[str(EVERYTHING), "stdio"])
    else:
        url = everything_http(transport)
        kind = "sse" if transport == "sse" else "streamable_http"
        spec = ServerSpec(name="everything", transport=kind, url=url)
        target = sse_client(url) if kind == "sse" else url
    result = scan_one(spec, settings, store)
    plain = anyio.run(plain_listing, target)
    assert_stored_equals_plain(result, store, plain)
    manifest = stored_manifest(store, result)
    assert manifest.server["serverInfo"]["name"] == "mcp-servers/everything"
    assert manifest.counts()["resourceTemplates"] >= 1


def test_tools_hash_the_same_over_every_transport(
    everything_http: Callable[[str], str], settings: Settings, store: Store
) -> None:
    specs = [
        ServerSpec(name="stdio", command=node(), args=(str(EVERYTHING), "stdio")),
        ServerSpec(name="sse", transport="sse", url=everything_http("sse")),
        ServerSpec(name="http", transport="streamable_http", url=everything_http("streamableHttp")),
    ]
    results = anyio.run(monitor.scan, specs, settings, store)
    tool_hashes = [{i.ref: i.hash for i in stored_manifest(store, r).tools} for r in results]
    assert len(tool_hashes) == 3
    assert tool_hashes[0] == tool_hashes[1] == tool_hashes[2]


def test_pagination_is_followed_to_the_end(settings: Settings, store: Store) -> None:
    """server-everything 2025.9.25 pages its 100 resources."""
    spec = ServerSpec(name="everything-2025", command=node(), args=(str(EVERYTHING_2025), "stdio"))
    result = scan_one(spec, settings, store)
    plain = anyio.run(
        plain_listing, StdioServerParameters(command=node(), args=[str(EVERYTHING_2025), "stdio"])
    )
    assert len(plain["resources"]) == 100
    assert_stored_equals_plain(result, store, plain)


def test_pypi_server_time(settings: Settings, store: Store) -> None:
    command = str(VENV_BIN / "mcp-server-time")
    assert Path(command).exists(), "mcp-server-time is a test dependency (pip install -e '.[test]')"
    spec = ServerSpec(name="time", command=command, args=("--local-timezone", "UTC"))
    result = scan_one(spec, settings, store)
    plain = anyio.run(plain_listing, StdioServerParameters(command=command, args=["--local-timezone", "UTC"]))
    assert_stored_equals_plain(result, store, plain)
    assert {t.key for t in stored_manifest(store, result).tools} == {"get_current_time", "convert_time"}


def test_controlled_server_paginates_every_list(controlled: Any, settings: Settings, store: Store) -> None:
    data = controlled.read()
    data["tools"] = [dict(data["tools"][1], name=f"tool_{i:02d}") for i in range(23)]
    controlled.write(data)
    spec = controlled.spec(env={"PAGE_SIZE": "5"})
    result = scan_one(spec, settings, store)
    assert [t.key for t in stored_manifest(store, result).tools] == [f"tool_{i:02d}" for i in range(23)]


def _example_servers() -> list[ServerSpec]:
    """The example registry's servers (config/registry.example.yaml) and the older everything."""
    modules = EVERYTHING.parents[2]
    sandbox = modules.parent.parent / "sandbox"
    return [
        ServerSpec(name="everything", command=node(), args=(str(EVERYTHING), "stdio")),
        ServerSpec(name="everything-2025", command=node(), args=(str(EVERYTHING_2025), "stdio")),
        ServerSpec(
            name="filesystem",
            command=node(),
            args=(str(modules / "server-filesystem/dist/index.js"), str(sandbox)),
        ),
        ServerSpec(name="memory", command=node(), args=(str(modules / "server-memory/dist/index.js"),)),
        ServerSpec(name="time", command=str(VENV_BIN / "mcp-server-time"), args=("--local-timezone", "UTC")),
    ]


def test_real_servers_raise_no_finding_at_medium_or_above(settings: Settings, store: Store) -> None:
    """A page must mean something: the reference servers' real text is documentation, not poisoning."""
    results = anyio.run(monitor.scan, _example_servers(), settings, store)
    assert [r.status for r in results] == ["ok"] * len(results), [r.error for r in results]
    loud = [
        (r.name, f.rule, f.name, f.field)
        for r in results
        for f in r.findings
        if f.severity >= Severity.MEDIUM
    ]
    assert loud == []
    assert sum(len(stored_manifest(store, r).tools) for r in results) > 30
