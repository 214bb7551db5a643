"""The `driftwatch` command as users and CI scripts run it: a real process, real servers."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.support import EVERYTHING, ControlledServer, driftwatch, node

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the driftwatch CLI or daemon)


def test_scan_url_not_in_registry(everything_http: Callable[[str], str], tmp_path: Path) -> None:
    url = everything_http("streamableHttp")
    env = {"DRIFTWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'dw.db'}"}
    done = driftwatch("scan", "--url", url, "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    [server] = json.loads(done.stdout)["servers"]
    assert server["status"] == "ok"
    assert server["counts"]["tools"] == 13
    assert server["manifest_hash"].startswith("sha256:")
    assert server["items"]["tool:echo"].startswith("sha256:")
    assert server["drift"]["state"] == "unapproved"  # a first scan is never silently trusted
    assert server["drift"]["baseline_hash"] is None
    assert server["drift"]["severity"] == "medium"
    assert server["findings"] == [], server["findings"]  # server-everything has nothing poisoned
    text = driftwatch("scan", "--url", url, env=env)
    assert text.returncode == 0
    assert "127.0.0.1" in text.stdout
    assert server["manifest_hash"][7:19] in text.stdout  # the short hash, as `--hash` takes it


def test_scan_registry_text_table_and_exit_codes(controlled: ControlledServer, tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    broken = {"name": "broken", "command": "driftwatch-no-such-server"}
    registry.write_text(yaml.safe_dump({"servers": [controlled.registry_entry(), broken]}))
    env = {"DRIFTWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'dw.db'}", "DRIFTWATCH_REGISTRY": str(registry)}

    only_ok = driftwatch("scan", "--server", "controlled", env=env)
    assert only_ok.returncode == 0, only_ok.stderr
    assert "controlled" in only_ok.stdout
    assert "unapproved (medium)" in only_ok.stdout

    both = driftwatch("scan", env=env)
    assert both.returncode == 3  # some servers could not be scanned, nothing else failed
    assert "broken: config: command 'driftwatch-no-such-server' not found on PATH" in both.stdout
    assert "not found on PATH" not in both.stderr  # said once, in the output, not again as a log line
    assert [
        line for line in both.stdout.splitlines() if line != line.rstrip()
    ] == []  # a pipe gets no padding

    unknown = driftwatch("scan", "--server", "nope", env=env)
    assert unknown.returncode == 2
    assert "unknown server nope" in unknown.stderr

    bad_severity = driftwatch("scan", "--fail-on", "catastrophic", env=env)
    assert bad_severity.returncode == 2


def test_configuration_errors_exit_2_with_one_clear_line(tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text("servers:\n  - name: Bad Name\n    command: x\n")
    done = driftwatch("scan", env={"DRIFTWATCH_REGISTRY": str(registry)})
    assert done.returncode == 2
    assert "server 'Bad Name'.name" in done.stderr
    assert "Traceback" not in done.stderr
    missing = driftwatch("scan", env={"DRIFTWATCH_REGISTRY": str(tmp_path / "nope.yaml")})
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr
    bad_setting = driftwatch("scan", env={"DRIFTWATCH_SERVER_TIMEOUT": "soon"})
    assert bad_setting.returncode == 2
    assert "server_timeout" in bad_setting.stderr


def test_import_claude_desktop_and_vscode_configs_then_scan(tmp_path: Path) -> None:
    claude = tmp_path / "claude_desktop_config.json"
    claude.write_text(
        json.dumps(
            {
                "mcpServers": {
                    "Everything": {
                        "command": node(),
                        "args": [str(EVERYTHING), "stdio"],
                        "env": {"TOKEN": "${EVERYTHING_TOKEN}"},
                    },
                    "remote": {
                        "url": "https://mcp.example.com/sse",
                        "headers": {"Authorization": "Bearer literal-value"},
                    },
                }
            }
        )
    )
    vscode = tmp_path / "mcp.json"
    vscode.write_text(
        json.dumps(
            {
                "servers": {
                    "github": {"type": "http", "url": "https://api.example.com/mcp"},
                }
            }
        )
    )
    env = {
        "DRIFTWATCH_REGISTRY": str(tmp_path / "registry.yaml"),
        "DRIFTWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'dw.db'}",
        "EVERYTHING_TOKEN": "tok-123456",
    }
    first = driftwatch("servers", "import", str(claude), env=env)
    assert first.returncode == 0, first.stderr
    assert "remote.headers.Authorization" in first.stderr  # warned about the literal value
    assert driftwatch("servers", "import", str(vscode), env=env).returncode == 0
    again = driftwatch("servers", "import", str(vscode), env=env)
    assert again.returncode == 2
    assert "already registered: github" in again.stderr

    listed = json.loads(driftwatch("servers", "list", "--format", "json", env=env).stdout)["servers"]
    assert [(s["name"], s["transport"]) for s in listed] == [
        ("everything", "stdio"),
        ("remote", "sse"),
        ("github", "streamable_http"),
    ]
    stored = yaml.safe_load((tmp_path / "registry.yaml").read_text())
    assert stored["servers"][0]["env"] == {"TOKEN": "${EVERYTHING_TOKEN}"}  # references kept, not resolved

    scanned = driftwatch("scan", "--server", "everything", "--format", "json", env=env)
    assert scanned.returncode == 0, scanned.stderr
    assert json.loads(scanned.stdout)["servers"][0]["counts"]["tools"] == 13


def test_registry_can_be_a_client_config_file_directly(controlled: ControlledServer, tmp_path: Path) -> None:
    spec = controlled.spec()
    config = tmp_path / "claude_desktop_config.json"
    config.write_text(
        json.dumps({"mcpServers": {"notes": {"command": spec.command, "args": list(spec.args)}}})
    )
    done = driftwatch(
        "scan",
        "--format",
        "json",
        env={
            "DRIFTWATCH_REGISTRY": str(config),
            "DRIFTWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'dw.db'}",
        },
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["servers"][0]["name"] == "notes"


def test_db_upgrade(tmp_path: Path) -> None:
    done = driftwatch("db", "upgrade", env={"DRIFTWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'new.db'}"})
    assert done.returncode == 0, done.stderr
    assert "database at revision" in done.stderr
    assert (tmp_path / "new.db").exists()


def test_window_list_shows_human_times(tmp_path: Path) -> None:
    env = {"DRIFTWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'dw.db'}"}
    opened = driftwatch("window", "open", "--all", "--for", "2h", "--by", "alice", "--reason", "x", env=env)
    assert opened.returncode == 0, opened.stderr
    listed = driftwatch("window", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert re.search(r"all servers\W+\d{4}-\d\d-\d\d \d\d:\d\d UTC\W+alice\W+-\W+x", listed.stdout), (
        listed.stdout
    )
    assert re.search(r"\d\d:\d\d:\d\d", listed.stdout) is None  # no ISO seconds/microseconds
    [window] = json.loads(driftwatch("window", "list", "--format", "json", env=env).stdout)["windows"]
    assert "T" in window["ends_at"]  # the JSON keeps ISO timestamps


def test_scans_record_the_configuration_once_and_unchanged_scans_nothing(
    controlled: ControlledServer, tmp_path: Path
) -> None:
    """`scan` records `config.changed` before it stores; a second, unchanged scan appends no entry;
    the record verifies (issue 18 item 1)."""
    import sqlite3

    registry = tmp_path / "registry.yaml"
    registry.write_text(yaml.safe_dump({"servers": [controlled.registry_entry()]}))
    database = tmp_path / "dw.db"
    env = {"DRIFTWATCH_DATABASE_URL": f"sqlite:///{database}", "DRIFTWATCH_REGISTRY": str(registry)}

    def kinds() -> list[str]:
        with sqlite3.connect(database) as connection:
            return [kind for (kind,) in connection.execute("SELECT kind FROM audit_log ORDER BY seq")]

    assert driftwatch("scan", env=env).returncode == 0
    assert kinds() == ["config.changed", "event.opened"]
    assert driftwatch("scan", env=env).returncode == 0
    assert kinds() == ["config.changed", "event.opened"]
    verified = driftwatch("audit", "verify", env=env)
    assert verified.returncode == 0, verified.stderr
    assert "audit log verified: 2 entries" in verified.stderr
