"""Package pins end to end (issue 16, item 2): a real npm server launched through `npx`.

`@modelcontextprotocol/server-memory` 2025.11.25 and 2026.1.26 list the same tools (checked by
hand: the code between them changed, `serverInfo.version` stayed 0.6.3), the postmark-mcp case:
new code under an unchanged manifest. The second scan must open a `package-changed` event naming
both versions and integrities; an unpinned `npx -y` entry must raise `unpinned-launch`. npm's
cache is the test's own (`npm_config_cache`), so what is read is what this launch installed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import anyio
import pytest

from driftwatch import approval, monitor
from driftwatch.model import Severity
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from driftwatch.store import Store
from driftwatch.store.history import load_histories

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]  # npx, node and the npm registry

PACKAGE = "@modelcontextprotocol/server-memory"
OLD, NEW = "2025.11.25", "2026.1.26"


def memory(tmp_path: Path, version: str | None) -> ServerSpec:
    spec = f"{PACKAGE}@{version}" if version else PACKAGE
    env = {"npm_config_cache": str(tmp_path / "npm"), "MEMORY_FILE_PATH": str(tmp_path / "memory.jsonl")}
    return ServerSpec(name="memory", command="npx", args=("-y", spec), env=env)


NPX_TIMEOUTS = {"server_timeout": timedelta(seconds=120), "request_timeout": timedelta(seconds=60)}
"""npx fetches the package from the registry before the server answers `initialize`: with the
suite's other worker busy beside it, that took longer than the suite's 5 s request timeout."""


def scan(spec: ServerSpec, settings: Settings, store: Store) -> monitor.ServerResult:
    [result] = anyio.run(monitor.scan, [spec], settings, store)
    assert result.status == "ok", result.error
    return result


def test_a_new_version_under_the_same_tools_opens_package_changed(
    tmp_path: Path, settings: Settings, store: Store
) -> None:
    settings = settings.model_copy(update=NPX_TIMEOUTS)
    first = scan(memory(tmp_path, OLD), settings, store)
    assert first.package is not None and first.package.version == OLD
    assert first.package.ecosystem == "npm" and first.package.name == PACKAGE
    assert first.package.digest is not None and first.package.digest.startswith("sha512-")
    assert not [f for f in first.findings if f.rule == "unpinned-launch"]  # pinned
    with store.transaction() as session:
        approval.record(session, "memory", ref=None, by="a", reason="r", ticket=None, now=datetime.now(UTC))

    again = scan(memory(tmp_path, OLD), settings, store)
    assert again.drift is None  # same package, same manifest: nothing to say

    second = scan(memory(tmp_path, NEW), settings, store)
    assert second.manifest_hash == first.manifest_hash  # the same tools…
    assert second.package is not None and second.package.version == NEW  # …from other code
    assert second.drift is not None and second.drift.severity == Severity.MEDIUM
    document = second.to_json()
    assert document["package"] == second.package.to_json()

    [history] = store.read(load_histories, ["memory"], None)
    [event] = [e for e in history.events if e.state == "open"]
    [change] = event.changes
    assert change.rules == ("package-changed",)
    assert (change.before["version"], change.after["version"]) == (OLD, NEW)
    assert change.before["digest"] == first.package.digest
    assert change.after["digest"] == second.package.digest != first.package.digest
    assert OLD in change.reasons[0] and NEW in change.reasons[0]
    assert f"{first.package.digest}" in change.reasons[0] and f"{second.package.digest}" in change.reasons[0]
    packages = [o.to_json()["package"] for o in history.observations]
    assert [p["version"] for p in packages] == [OLD, NEW]  # two rows: the unchanged scan added none

    third = scan(memory(tmp_path, NEW), settings, store)  # seen again: the event is still reported
    assert third.drift is not None and third.drift.event_id == event.id


def test_an_unpinned_npx_launch_is_a_finding_naming_the_pinned_form(
    tmp_path: Path, settings: Settings, store: Store
) -> None:
    settings = settings.model_copy(update=NPX_TIMEOUTS)
    result = scan(memory(tmp_path, None), settings, store)
    [finding] = [f for f in result.findings if f.rule == "unpinned-launch"]
    assert finding.severity == Severity.MEDIUM and finding.field == "launch"
    assert result.package is not None and result.package.version is not None
    assert f"npx -y {PACKAGE}@{result.package.version}" in finding.detail
