"""Commands that would silently do nothing say so; CI gates fail closed; imports keep no secret.

Real CLI processes against a real server (tests/servers/manifest_server.py) and a real database.
"""

from __future__ import annotations

import json
import stat
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support import ControlledServer, driftwatch

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the driftwatch CLI or daemon)


@pytest.fixture
def env(controlled: ControlledServer, tmp_path: Path, database_url: str) -> dict[str, str]:
    """A registry of two servers (`controlled`, `other`), both scanned once, only `controlled`
    approved."""
    other = {**controlled.registry_entry(), "name": "other"}
    registry = tmp_path / "registry.yaml"
    registry.write_text(yaml.safe_dump({"servers": [controlled.registry_entry(), other]}))
    variables = {"DRIFTWATCH_DATABASE_URL": database_url, "DRIFTWATCH_REGISTRY": str(registry)}
    assert driftwatch("scan", env=variables).returncode == 0
    approved = driftwatch("approve", "controlled", "--by", "alice", "--reason", "reviewed", env=variables)
    assert approved.returncode == 0, approved.stderr
    return variables


def _one_error_line(done: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert done.returncode == code, done.stderr
    stderr = done.stderr
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1, stderr
    for word in words:
        assert word in stderr, stderr


def test_unknown_server_is_an_error_not_an_empty_answer(env: dict[str, str], tmp_path: Path) -> None:
    _one_error_line(driftwatch("report", "--format", "json", "--server", "nosuch", env=env), 2, "nosuch")
    lock = tmp_path / "driftwatch.lock"
    lock.write_text("the real lock file\n")
    done = driftwatch("baseline", "export", "--server", "nosuch", "-o", str(lock), env=env)
    _one_error_line(done, 2, "nosuch")
    assert lock.read_text() == "the real lock file\n"  # never overwritten by an empty export


def test_baseline_export_names_what_it_left_out_and_writes_atomically(
    env: dict[str, str], tmp_path: Path
) -> None:
    lock = tmp_path / "driftwatch.lock"
    done = driftwatch("baseline", "export", "-o", str(lock), env=env)
    assert done.returncode == 0, done.stderr
    assert "left out (no approved baseline): other" in done.stderr
    assert list(json.loads(lock.read_text())["servers"]) == ["controlled"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    nothing = driftwatch("baseline", "export", "--server", "other", "-o", str(lock), env=env)
    assert nothing.returncode == 1 and "nothing is approved" in nothing.stderr
    assert list(json.loads(lock.read_text())["servers"]) == ["controlled"]  # untouched


def test_scan_with_a_baseline_file_fails_closed(env: dict[str, str], tmp_path: Path) -> None:
    lock = tmp_path / "driftwatch.lock"
    assert driftwatch("baseline", "export", "-o", str(lock), env=env).returncode == 0
    only_locked = driftwatch("scan", "--server", "controlled", "--baseline-file", str(lock), env=env)
    assert only_locked.returncode == 0, only_locked.stderr
    both = driftwatch("scan", "--baseline-file", str(lock), env=env)
    assert both.returncode == 1  # `other` has no approved baseline: a gate must not pass it
    assert "no approved baseline" in both.stderr and "other" in both.stderr


def test_fail_on_any_fails_on_any_drift(env: dict[str, str]) -> None:
    default = driftwatch("scan", "--server", "other", env=env)
    assert default.returncode == 0  # unapproved is medium, under the default `high`
    assert driftwatch("scan", "--server", "other", "--fail-on", "any", env=env).returncode == 1
    assert driftwatch("scan", "--server", "controlled", "--fail-on", "any", env=env).returncode == 0
    shown = " ".join(driftwatch("scan", "--help", env=env).stdout.split())  # the help may wrap anywhere
    assert "[default: high]" in shown


def test_check_accepts_the_lock_file_export_writes(env: dict[str, str], tmp_path: Path) -> None:
    lock = tmp_path / "driftwatch.lock"
    assert driftwatch("baseline", "export", "-o", str(lock), env=env).returncode == 0
    done = driftwatch("check", str(lock), "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["files"] == 1 and document["items"] > 0


def test_servers_list_json_masks_a_literal_routing_key(tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    owner = {"team": "t", "pagerduty_routing_key": "R0123456789abcdef0123456789abcdef"}
    referenced = {"team": "u", "pagerduty_routing_key": "${PD_KEY}"}
    servers = [
        {"name": "a", "command": "x", "owner": owner},
        {"name": "b", "command": "x", "owner": referenced},
    ]
    registry.write_text(yaml.safe_dump({"servers": servers}))
    done = driftwatch("servers", "list", "--format", "json", env={"DRIFTWATCH_REGISTRY": str(registry)})
    assert done.returncode == 0, done.stderr
    assert "R0123456789abcdef" not in done.stdout
    keys = [s["owner"]["pagerduty_routing_key"] for s in json.loads(done.stdout)["servers"]]
    assert keys == ["[driftwatch:redacted]", "${PD_KEY}"]


REGISTRY_WITH_COMMENTS = """\
# Servers the platform team watches. Ask #mcp before adding one.
servers:
  - name: time        # the PyPI reference server
    command: mcp-server-time
    interval: 5m      # keep in step with the agents' deploys
"""


def test_servers_import_keeps_comments_and_writes_no_secret(tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text(REGISTRY_WITH_COMMENTS)
    secrets = ["ghp_s3cr3tTokenValue0123456789", "Bearer sk-live-abcdef0123456789"]
    client = tmp_path / "claude_desktop_config.json"
    client.write_text(
        json.dumps(
            {
                "mcpServers": {
                    "github": {"command": "npx", "args": ["-y", "gh"], "env": {"GITHUB_TOKEN": secrets[0]}},
                    "search": {
                        "url": "https://mcp.example.com/mcp",
                        "headers": {"Authorization": secrets[1]},
                    },
                }
            }
        )
    )
    done = driftwatch("servers", "import", str(client), env={"DRIFTWATCH_REGISTRY": str(registry)})
    assert done.returncode == 0, done.stderr
    written = registry.read_text()
    assert written.startswith(REGISTRY_WITH_COMMENTS.splitlines()[0])
    for comment in ("# the PyPI reference server", "# keep in step with the agents' deploys"):
        assert comment in written
    for secret in secrets:
        assert secret not in written and secret not in done.stdout + done.stderr
        assert secret[4:16] not in written
    assert stat.S_IMODE(registry.stat().st_mode) == 0o600
    entries = {s["name"]: s for s in yaml.safe_load(written)["servers"]}
    assert entries["github"]["env"] == {"GITHUB_TOKEN": "${GITHUB_TOKEN}"}
    assert entries["search"]["headers"] == {"Authorization": "${SEARCH_AUTHORIZATION}"}
    assert "GITHUB_TOKEN" in done.stderr and "SEARCH_AUTHORIZATION" in done.stderr


@pytest.mark.parametrize(
    "url", ["https://user:hunter2hunter2@mcp.example.com/mcp", "https://mcp.example.com/mcp?api_key=abc123"]
)
def test_servers_import_refuses_credentials_in_urls(tmp_path: Path, url: str) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text(REGISTRY_WITH_COMMENTS)
    client = tmp_path / "mcp.json"
    client.write_text(json.dumps({"mcpServers": {"remote": {"url": url}}}))
    done = driftwatch("servers", "import", str(client), env={"DRIFTWATCH_REGISTRY": str(registry)})
    _one_error_line(done, 2, "remote", "credential")
    assert "hunter2" not in done.stderr and "abc123" not in done.stderr
    assert registry.read_text() == REGISTRY_WITH_COMMENTS


@pytest.mark.parametrize(
    ("rule", "item", "evidence", "words"),
    [
        ("hiden-instruction-tag", "tool:echo", "sha256:" + "a" * 64, ["unknown rule", "did you mean"]),
        ("credential-echo", "echo", "sha256:" + "a" * 64, ["kind:name"]),
        ("credential-echo", "tool:echo", "sha256:abcdef", ["whole", "evidence_hash"]),
    ],
)
def test_suppress_add_refuses_what_could_never_match(
    env: dict[str, str], rule: str, item: str, evidence: str, words: list[str]
) -> None:
    done = driftwatch(
        "suppress", "add", "controlled", "--rule", rule, "--item", item, "--evidence-hash", evidence,
        "--by", "alice", "--reason", "false positive", env=env,
    )  # fmt: skip
    _one_error_line(done, 2, *words)
    listed = driftwatch("suppress", "list", "--format", "json", env=env).stdout
    assert json.loads(listed)["suppressions"] == []


def test_servers_list_says_where_it_looked(tmp_path: Path) -> None:
    """With no registry configured, the default place is named (a configured one that is missing
    is an error, exit 2)."""
    missing = tmp_path / "xdg-config" / "driftwatch" / "registry.yaml"  # XDG_CONFIG_HOME of the test
    done = driftwatch("servers", "list")
    assert done.returncode == 0, done.stderr
    assert f"no servers registered: {missing} does not exist" in " ".join(done.stderr.split())
