"""Huge server text through every reader's path: diff and report in every format stay bounded.

A server that turns one 15 MB description into another (one character changed), and replaces a
200,000-value `enum`, is scanned twice for real; then each `diff` and `report` format runs as its
own CLI process. Each must succeed with a bounded peak RSS (the child's own `ru_maxrss`),
print no more than a bounded excerpt of the huge string in the human formats, and keep the
200,000-value replacement as one change rather than 400,000.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import anyio
import pytest

from driftwatch import approval, monitor
from driftwatch.diff.leaves import CONTAINER_LIMIT
from driftwatch.settings import Settings
from driftwatch.store import Store
from tests.support import VENV_BIN, ControlledServer, run_measured

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the driftwatch CLI or daemon)

HUGE = 14_000_000  # with the enum, just under the 16 MiB a scan accepts
VALUES = 200_000
HUMAN_RSS_MB = 300
"""`diff` in a human format reads the two manifests and prints an excerpt."""
WHOLE_RSS_MB = 400
"""The JSON formats, and every `report` (it loads each event's changes whole for them), carry
two 14 MB strings and two 200,000-value lists as objects, as serialized text and as output."""


@pytest.fixture
def drifted(settings: Settings, store: Store, controlled: ControlledServer) -> None:
    manifest = controlled.read()
    tool = manifest["tools"][0]
    tool["description"] = "a" * HUGE
    tool["inputSchema"]["properties"] = {"mode": {"type": "string", "enum": [f"v{i}" for i in range(VALUES)]}}
    controlled.write(manifest)
    anyio.run(monitor.scan, [controlled.spec()], settings, store)
    with store.transaction() as session:
        approval.record(
            session, "controlled", ref=None, by="a", reason="r", ticket=None, now=datetime.now(UTC)
        )
    tool["description"] = "a" * (HUGE - 1) + "b"
    tool["inputSchema"]["properties"]["mode"]["enum"] = [f"w{i}" for i in range(VALUES)]
    controlled.write(manifest)
    anyio.run(monitor.scan, [controlled.spec()], settings, store)


COMMANDS = (
    ["diff", "controlled"],
    ["diff", "controlled", "--format", "markdown"],
    ["diff", "controlled", "--format", "json"],
    ["report", "--format", "html"],
    ["report", "--format", "markdown"],
    ["report", "--format", "json"],
    ["report", "--format", "sarif"],
)


@pytest.mark.usefixtures("drifted")
def test_huge_change_renders_within_memory(database_url: str, tmp_path: Path) -> None:
    """Every reader over one drifted store: the two scans of 15 MB manifests are the costly part,
    so they are made once for all seven commands (each still its own CLI process)."""
    for index, command in enumerate(COMMANDS):
        _renders_within_memory(command, database_url, tmp_path / str(index))


def _renders_within_memory(command: list[str], database_url: str, tmp_path: Path) -> None:
    tmp_path.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")}
    env["DRIFTWATCH_DATABASE_URL"] = database_url
    out = tmp_path / "out"
    code, peak = run_measured([str(VENV_BIN / "driftwatch"), *command], env, out, tmp_path / "err", 300)
    error = (tmp_path / "err").read_text(encoding="utf-8", errors="replace")
    assert code == 0, f"{command}: {error[-2000:]}"
    whole = command[0] == "report" or "json" in command
    assert peak < (WHOLE_RSS_MB if whole else HUMAN_RSS_MB), f"{command}: {peak} MB"
    text = out.read_text(encoding="utf-8")
    if "json" in command or "sarif" in command:
        json.loads(text)  # whole and valid (machine formats carry everything)
    else:
        assert "a" * 100_000 not in text, command  # an excerpt of the huge string, not the string
    if command[:2] == ["diff", "controlled"] and "json" in command:
        changes = json.loads(text)["changes"]
        enum_changes = [c for c in changes if ".enum" in c["path"]]
        assert len(enum_changes) == 1 and len(changes) <= CONTAINER_LIMIT
