"""`driftwatch policy export` through typer's runner: stdout by default, a file written whole with
`--output`, what was left out named on stderr (one escaped line each), nothing written when
nothing is approved."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import yaml
from typer.testing import CliRunner, Result

from driftwatch.cli import app
from driftwatch.store import Store
from tests.policy.conftest import (
    BEARER_SECRET,
    ENV_SECRET,
    HOSTILE_TOOLS,
    URL_SECRET,
    Fleet,
    observe,
)
from tests.support import tools_manifest


def export(fleet: Fleet, *args: str) -> Result:
    env = {"DRIFTWATCH_DATABASE_URL": fleet.database_url, "DRIFTWATCH_REGISTRY": str(fleet.registry_path)}
    return CliRunner().invoke(app, ["policy", "export", *args], env=env)


def test_export_to_stdout_names_what_it_left_out(fleet: Fleet) -> None:
    done = export(fleet, "--format", "cursor")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["mcpAllowlist"] == [
        "files:list_dir",
        "files:read_file",
        "search:fetch",
        "search:query",
    ]
    refused = [line for line in done.stderr.splitlines() if line.startswith("left out of files: tool ")]
    assert len(refused) == len(HOSTILE_TOOLS)  # one line each, whatever the name holds
    assert "left out of files: tool 'evil\\nname': not a name" in done.stderr
    assert "\x1b" not in done.stderr and "\u200b" not in done.stderr
    for secret in (ENV_SECRET, BEARER_SECRET, URL_SECRET):
        assert secret not in done.stdout + done.stderr


def test_export_to_a_file(fleet: Fleet, tmp_path: Path) -> None:
    target = tmp_path / "out" / "managed-mcp.json"
    done = export(fleet, "--format", "claude-code", "--output", str(target))
    assert done.exit_code == 0, done.stderr
    assert done.stdout == ""
    assert set(json.loads(target.read_text(encoding="utf-8"))["mcpServers"]) == {"files", "search"}
    assert "wrote 2 approved servers (claude-code)" in done.stderr
    assert "tool 'evil" not in done.stderr  # managed-mcp.json names no tools: nothing of them to report
    assert [p.name for p in target.parent.iterdir()] == ["managed-mcp.json"]  # no temporary left


def test_every_format_is_a_choice(fleet: Fleet) -> None:
    for fmt in ("claude-code", "vscode", "cursor", "toolhive", "docker-gateway"):
        done = export(fleet, "-f", fmt)
        assert done.exit_code == 0, (fmt, done.stderr)
        assert list(yaml.safe_load_all(done.stdout))  # JSON is YAML too
    wrong = export(fleet, "--format", "windsurf")
    assert wrong.exit_code == 2


def test_nothing_approved_writes_nothing(store: Store, database_url: str, tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text(yaml.safe_dump({"servers": [{"name": "shell", "command": "shell-mcp"}]}))
    observe(store, "shell", "stdio", tools_manifest("run"), datetime.now(UTC))
    target = tmp_path / "allow.json"
    env = {"DRIFTWATCH_DATABASE_URL": database_url, "DRIFTWATCH_REGISTRY": str(registry)}
    done = CliRunner().invoke(app, ["policy", "export", "-f", "vscode", "-o", str(target)], env=env)
    assert done.exit_code == 1
    assert "nothing is approved" in done.stderr
    assert not os.path.exists(target)
