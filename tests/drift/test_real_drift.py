"""REAL drift: a published older server-everything approved, then the newest one at the same entry.

The expected changes are computed here, independently of driftwatch, from the two raw
`tools/list` results a plain SDK client gets.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import anyio
import pytest
from mcp import Client, StdioServerParameters

from driftwatch import approval, monitor
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from driftwatch.store import Store
from driftwatch.store.history import load_histories
from tests.support import EVERYTHING, EVERYTHING_2025, node

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the driftwatch CLI or daemon)


async def raw_tools(script: str) -> dict[str, dict[str, Any]]:
    async with Client(StdioServerParameters(command=node(), args=[script, "stdio"]), mode="legacy") as client:
        tools: list[Any] = []
        cursor = None
        while True:
            page = await client.list_tools(cursor=cursor)
            tools += page.tools
            if (cursor := page.next_cursor) is None:
                break
        return {t.name: t.model_dump(by_alias=True, mode="json", exclude_none=True) for t in tools}


def test_upgrade_of_server_everything_is_one_drift_event_with_exact_changes(
    settings: Settings, store: Store
) -> None:
    old_spec = ServerSpec(name="everything", command=node(), args=(str(EVERYTHING_2025), "stdio"))
    new_spec = old_spec.model_copy(update={"args": (str(EVERYTHING), "stdio")})
    [old] = anyio.run(monitor.scan, [old_spec], settings, store)
    with store.transaction() as session:
        approval.record(
            session,
            "everything",
            ref=None,
            by="alice",
            reason="initial review",
            ticket=None,
            now=datetime.now(UTC),
        )
    [new] = anyio.run(monitor.scan, [new_spec], settings, store)
    [again] = anyio.run(monitor.scan, [new_spec], settings, store)

    before = anyio.run(raw_tools, str(EVERYTHING_2025))
    after = anyio.run(raw_tools, str(EVERYTHING))
    expected_added = set(after) - set(before)
    expected_removed = set(before) - set(after)
    expected_changed = {name for name in set(before) & set(after) if before[name] != after[name]}
    assert expected_added and expected_removed and expected_changed  # a real upgrade, not a no-op

    assert new.drift is not None
    assert again.drift is not None
    assert new.drift.event_id == again.drift.event_id
    assert new.drift.baseline_hash == old.manifest_hash
    with store.transaction() as session:
        [history] = load_histories(session, ["everything"], since=None)
    [event] = [e for e in history.events if e.state == "open"]
    tool_changes = [c for c in event.changes if c.kind == "tool"]
    added = {c.name for c in tool_changes if c.change == "added"}
    removed = {c.name for c in tool_changes if c.change == "removed"}
    renamed = {(c.before, c.after) for c in tool_changes if c.change == "renamed"}
    changed = {c.name for c in tool_changes if c.change == "changed"}
    # a rename is one change standing for one removed and one added name
    assert added | {new_name for _, new_name in renamed} == expected_added
    assert removed | {old_name for old_name, _ in renamed} == expected_removed
    assert changed == expected_changed

    # before/after for changed descriptions and schemas are the raw values of each version
    for change in (c for c in tool_changes if c.change == "changed"):
        name, path = change.name, change.path
        assert path, change
        if path == "description":
            assert change.before == before[name].get("description")
            assert change.after == after[name].get("description")
    schema_changes = [c for c in tool_changes if c.category == "schema"]
    assert schema_changes
    for change in schema_changes:
        assert (change.path or "").split(".")[0] in ("inputSchema", "outputSchema")
