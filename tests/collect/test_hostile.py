"""Issue 11's acceptance: a hostile server cannot blind, kill or outlive the monitor.

Each attack (tests/servers/hostile_server.py) is scanned by the real CLI (`driftwatch scan
--format json`, one subprocess) beside a well-behaved server (tests/servers/manifest_server.py).
For every attack: the good server is scanned and stored exactly as it is, driftwatch's peak RSS
(the CLI's own `ru_maxrss`, support.run_measured) stays under 300 MB, the hostile server's scan
ends within its timeout plus 2 s (its `duration_seconds`; the whole CLI run, start-up and storage
included, gets twice that), and no process of the hostile server is left. Then, on the database under test
(PostgreSQL when DRIFTWATCH_TEST_DATABASE_URL is set): a NUL in a tool name and server version
opens a drift and pages; and a `kill -9` of the CLI mid-scan leaves no server process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.daemon_support import DaemonProcess, drift_posts, register, triggers, wait_for
from tests.fake_saas import FakeSaaS
from tests.support import (
    PY,
    TEST_SERVERS,
    VENV_BIN,
    ControlledServer,
    Processes,
    free_port,
    processes_with,
    run_measured,
)

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the driftwatch CLI or daemon)

HOSTILE = TEST_SERVERS / "hostile_server.py"
TIMEOUT = 10
"""The hostile server's scan timeout, in seconds."""
MAX_RSS_MB = 300


@dataclass(frozen=True)
class Attack:
    name: str
    transport: str  # stdio, streamable_http or sse
    status: str  # the hostile server's expected status: ok or error
    error_class: str | None = None
    says: str = ""  # a piece of the error message that names what happened


ATTACKS = [
    Attack("long-token", "stdio", "ok"),
    Attack("percent", "stdio", "ok"),
    Attack("gzip-bomb", "streamable_http", "error", "too_large", "after decompression"),
    Attack("nul", "stdio", "ok"),
    Attack("nul", "streamable_http", "ok"),
    Attack("bad-name", "stdio", "error", "protocol", "tools.0.name"),
    Attack("setsid", "stdio", "ok"),
    Attack("flood", "stdio", "error", "too_large"),
    Attack("hang", "stdio", "error", "timeout"),
    Attack("crash", "stdio", "error", "exited", "Error: Cannot find module '/srv/mcp/dist/index.js'"),
    Attack("brotli", "streamable_http", "error", "protocol", "content-encoding 'br'"),
    Attack("stacked", "streamable_http", "error", "protocol", "3 content-encodings"),
    Attack("double-gzip", "streamable_http", "ok"),
    Attack("foreign-endpoint", "sse", "error", "protocol", "another origin"),
]


@dataclass(frozen=True)
class Scan:
    output: dict[str, Any]
    stderr: str
    returncode: int
    seconds: float
    peak_rss_mb: float

    def server(self, name: str) -> dict[str, Any]:
        [found] = [entry for entry in self.output["servers"] if entry["name"] == name]
        entry: dict[str, Any] = found
        return entry


def cli_env(database_url: str, registry: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")}
    env.update({"DRIFTWATCH_DATABASE_URL": database_url, "DRIFTWATCH_REGISTRY": str(registry)})
    if not database_url.startswith("sqlite"):
        subprocess.run(
            [str(VENV_BIN / "driftwatch"), "db", "upgrade"], env=env, check=True, capture_output=True
        )
    return env


def scan(env: dict[str, str], tmp_path: Path) -> Scan:
    """One `driftwatch scan --format json`, with its own peak RSS (support.run_measured)."""
    out, err = tmp_path / "scan.out", tmp_path / "scan.err"
    started = time.monotonic()
    # a runaway scan fails the test (killed after 120 s), not the suite
    code, peak = run_measured([str(VENV_BIN / "driftwatch"), "scan", "--format", "json"], env, out, err)
    seconds = time.monotonic() - started
    text = out.read_text(encoding="utf-8")
    output = json.loads(text) if text.strip() else {"servers": []}
    return Scan(output, err.read_text(encoding="utf-8"), code, seconds, peak)


def hostile_entry(attack: Attack, marker: str, processes: Processes, **extra: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": "hostile", "timeout": f"{TIMEOUT}s", **extra}
    if attack.transport == "stdio":
        return entry | {
            "transport": "stdio",
            "command": PY,
            "args": [str(HOSTILE), attack.name, "stdio", marker],
        }
    port = free_port()
    processes.start([PY, str(HOSTILE), attack.name, "http", str(port)], port)  # lives until teardown
    path = "sse" if attack.transport == "sse" else "mcp"
    return entry | {"transport": attack.transport, "url": f"http://127.0.0.1:{port}/{path}"}


def history(env: dict[str, str], name: str) -> dict[str, Any]:
    done = subprocess.run(
        [str(VENV_BIN / "driftwatch"), "history", name, "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: f"{a.name}-{a.transport}")
def test_a_hostile_server_beside_a_good_one(
    attack: Attack, controlled: ControlledServer, processes: Processes, database_url: str, tmp_path: Path
) -> None:
    marker = f"driftwatch-hostile-{uuid.uuid4().hex}"
    registry = tmp_path / "registry.yaml"
    good = {**controlled.registry_entry(), "name": "good"}
    registry.write_text(yaml.safe_dump({"servers": [hostile_entry(attack, marker, processes), good]}))
    env = cli_env(database_url, registry)

    done = scan(env, tmp_path)

    assert done.output["servers"], done.stderr
    stored = done.server("good")
    assert stored["status"] == "ok", stored
    tools = sorted(item for item in stored["items"] if item.startswith("tool:"))
    assert tools == sorted(f"tool:{tool['name']}" for tool in controlled.read()["tools"])
    [observation] = history(env, "good")["observations"]
    assert observation["manifest_hash"] == stored["manifest_hash"]

    hostile = done.server("hostile")
    assert hostile["status"] == attack.status, hostile
    if attack.error_class is not None:
        assert hostile["error"]["class"] == attack.error_class, hostile
        assert attack.says in hostile["error"]["message"], hostile
    assert hostile["duration_seconds"] <= TIMEOUT + 2
    assert done.seconds <= 2 * TIMEOUT + 2, "the scan did not end in time"
    assert done.peak_rss_mb < MAX_RSS_MB, f"peak RSS {done.peak_rss_mb:.0f} MB"
    assert processes_with(marker) == []


def test_nul_in_name_and_version_opens_a_drift_and_pages(
    daemon: DaemonProcess, fake: FakeSaaS, daemon_env: dict[str, str], tmp_path: Path
) -> None:
    """On PostgreSQL too: a NUL must not turn "changed" into "not stored" (issue 11, point 3)."""
    state = tmp_path / "hostile.state"
    state.write_text("v1", encoding="utf-8")
    entry = {
        "name": "hostile",
        "transport": "stdio",
        "command": PY,
        "args": [str(HOSTILE), "nul", "stdio"],
        "env": {"HOSTILE_STATE": str(state)},
        "owner": {"team": "platform"},
    }
    register(Path(daemon_env["DRIFTWATCH_REGISTRY"]), entry)
    daemon.start()

    def stored() -> list[dict[str, Any]]:
        done = daemon.cli("history", "hostile", "--format", "json")
        if done.returncode != 0:
            return []
        return [o for o in json.loads(done.stdout)["observations"] if o["status"] == "ok"]

    [first] = wait_for(stored, 30, "the first stored scan")
    assert "\x00" in first["server_version"]
    approved = daemon.cli("approve", "hostile", "--by", "alice", "--reason", "initial review")
    assert approved.returncode == 0, approved.stderr

    state.write_text("v2", encoding="utf-8")
    [post] = wait_for(lambda: drift_posts(fake) or None, 30, "the Slack drift message")
    [trigger] = wait_for(lambda: triggers(fake) or None, 30, "the PagerDuty trigger")
    assert trigger.body["payload"]["component"] == "hostile"
    assert "hostile" in json.dumps(post.body)
    changed = wait_for(
        lambda: [o for o in stored() if o["manifest_hash"] != first["manifest_hash"]], 30, "v2"
    )
    assert changed[0]["server_version"] == "1.0\x00v2"


def test_kill_9_of_the_cli_mid_scan_leaves_no_server_process(database_url: str, tmp_path: Path) -> None:
    """The server (and its setsid grandchild) go with the CLI, even when the CLI cannot clean up."""
    marker = f"driftwatch-hostile-{uuid.uuid4().hex}"
    registry = tmp_path / "registry.yaml"
    entry = {
        "name": "hostile",
        "transport": "stdio",
        "command": PY,
        "args": [str(HOSTILE), "setsid-hang", "stdio", marker],
        "timeout": "60s",
    }
    registry.write_text(yaml.safe_dump({"servers": [entry]}))
    env = cli_env(database_url, registry)
    process = subprocess.Popen(
        [str(VENV_BIN / "driftwatch"), "scan"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        # the server and its grandchild in a new session, both carrying the marker
        wait_for(lambda: len(processes_with(marker)) >= 2, 30, "the server and its grandchild")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        wait_for(lambda: processes_with(marker) == [], 10, "every server process to be gone")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
