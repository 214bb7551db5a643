"""Configuration errors as an operator meets them: one line, exit 2, never a traceback.

Each case runs the real `driftwatch` command with one thing wrong (a typo in the config file, an
unknown key in the registry, a YAML syntax error, a database URL that cannot work, an interval
under 1 s, a unitless `--for`) and checks that the whole of what it prints is one line on stderr
that names the problem, with exit code 2 (issue 12 point 3, issue 11 point 4).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.support import driftwatch, free_port

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the driftwatch CLI or daemon)

POSTGRES = os.environ.get("DRIFTWATCH_TEST_DATABASE_URL") or "postgresql+psycopg://postgres@127.0.0.1:5432/x"


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    """The single line the command printed, after checking it is an exit-2 configuration error."""
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    assert done.returncode == 2, output
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: "), lines
    return lines[0]


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """A working setup (SQLite, an empty registry) that each case then breaks in one place."""
    (tmp_path / "registry.yaml").write_text("servers: []\n")
    return {
        "DRIFTWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'dw.db'}",
        "DRIFTWATCH_REGISTRY": str(tmp_path / "registry.yaml"),
    }


def test_the_working_setup_works(home: dict[str, str], tmp_path: Path) -> None:
    """The baseline every case below breaks: without a fault the same commands succeed."""
    done = driftwatch("window", "list", env=home, cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def test_unknown_key_in_the_config_file_suggests_the_right_one(home: dict[str, str], tmp_path: Path) -> None:
    config = tmp_path / "driftwatch.yaml"
    config.write_text(f"databse_url: sqlite:///{tmp_path / 'elsewhere.db'}\n")
    line = one_line_error(driftwatch("--config", str(config), "window", "list", env=home, cwd=tmp_path))
    assert "databse_url" in line and "did you mean database_url?" in line
    assert f"{config}: line 1: unknown setting" in line
    assert not (tmp_path / "elsewhere.db").exists()


def test_unknown_top_level_key_in_the_registry(home: dict[str, str], tmp_path: Path) -> None:
    Path(home["DRIFTWATCH_REGISTRY"]).write_text("server:\n  - name: a\n    command: a\n")
    line = one_line_error(driftwatch("servers", "list", env=home, cwd=tmp_path))
    assert "'server'" in line and "did you mean servers?" in line


def test_unknown_key_in_a_server_entry_suggests_the_right_one(home: dict[str, str], tmp_path: Path) -> None:
    Path(home["DRIFTWATCH_REGISTRY"]).write_text("servers:\n  - name: a\n    command: a\n    intervl: 5m\n")
    line = one_line_error(driftwatch("servers", "list", env=home, cwd=tmp_path))
    assert "line 4: server 'a'.intervl" in line and "did you mean interval?" in line


def test_config_check_names_every_problem_with_its_file_and_line(
    home: dict[str, str], tmp_path: Path
) -> None:
    registry = (
        "servers:\n  - name: a\n    command: a\n\n  - name: b\n    command: b\n    alerting: {page_at: hgh}\n"
    )
    Path(home["DRIFTWATCH_REGISTRY"]).write_text(registry + "  - name: c\n    command: c\n    comand: c\n")
    line = one_line_error(driftwatch("config", "check", env=home, cwd=tmp_path))
    assert line.startswith(f"error: {home['DRIFTWATCH_REGISTRY']}: ")
    assert "line 7: server 'b'.alerting.page_at: unknown severity 'hgh'" in line
    assert "line 10: server 'c'.comand: unknown key (did you mean command?)" in line
    config = tmp_path / "driftwatch.yaml"
    config.write_text("registry: registry.yaml\nscan_interval: 500ms\n")
    Path(home["DRIFTWATCH_REGISTRY"]).write_text("servers: []\n")
    line = one_line_error(driftwatch("--config", str(config), "config", "check", env=home, cwd=tmp_path))
    assert "line 2: scan_interval (DRIFTWATCH_SCAN_INTERVAL): must be at least 1s" in line


ROUTED = """\
registry: registry.yaml
slack_bot_token: xoxb-test-token-1234
receivers:
  - name: secops-pager
    type: pagerduty
    routing_key: ${SECOPS_KEY}
  - name: payments-chat
    type: slack
    channel: "#payments"
route:
  receivers: [slack]
  routes:
    - match: {tag: prod, event: finding}
      receivers:
        - {name: secops-pager, min_severity: high}
      continue: true
    - match: {team: payments}
      receivers: [payments-chat]
"""


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        (
            ("- {name: secops-pager", "- {name: secops-pagr"),
            "line 15: route.routes.0.receivers.0: no receiver 'secops-pagr' (did you mean secops-pager?)",
        ),
        (
            ("      receivers: [payments-chat]", "      recievers: [payments-chat]"),
            "line 18: route.routes.1.recievers (DRIFTWATCH_ROUTE): Extra inputs are not permitted",
        ),
        (
            ("match: {team: payments}", "match: {teem: payments}"),
            "line 17: route.routes.1.match.teem (DRIFTWATCH_ROUTE): Extra inputs are not permitted",
        ),
        (
            ("event: finding}", "event: findings}"),
            "line 13: route.routes.0.match.event.0 (DRIFTWATCH_ROUTE): Input should be 'drift', 'finding'",
        ),
        (
            ('    channel: "#payments"', "    routing_key: abc"),
            "line 7: receivers.1 (DRIFTWATCH_RECEIVERS): a slack receiver takes channel, url, "
            "not routing_key",
        ),
        (
            ("    type: pagerduty", "    type: pagerdty"),
            "line 5: receivers.0.type (DRIFTWATCH_RECEIVERS): Input should be 'slack', 'pagerduty'",
        ),
    ],
    ids=["receiver-name", "route-key", "match-key", "event-type", "receiver-field", "receiver-type"],
)
def test_config_check_names_a_typo_in_a_route_or_a_receiver_with_its_line(
    typo: tuple[str, str], expected: str, home: dict[str, str], tmp_path: Path
) -> None:
    config = tmp_path / "driftwatch.yaml"
    config.write_text(ROUTED)
    assert driftwatch("--config", str(config), "config", "check", env=home, cwd=tmp_path).returncode == 0
    assert typo[0] in ROUTED
    config.write_text(ROUTED.replace(*typo))
    line = one_line_error(driftwatch("--config", str(config), "config", "check", env=home, cwd=tmp_path))
    assert f"({config}): " in line and expected in line, line


def test_config_check_prints_the_resolved_route_of_every_server(home: dict[str, str], tmp_path: Path) -> None:
    config = tmp_path / "driftwatch.yaml"
    config.write_text(ROUTED)
    Path(home["DRIFTWATCH_REGISTRY"]).write_text(
        "servers:\n"
        "  - {name: pay, command: a, tags: [prod], owner: {team: payments}}\n"
        "  - {name: dev, command: b, tags: [dev], owner: {team: search, slack_channel: '#search'}}\n"
    )
    done = driftwatch("--config", str(config), "config", "check", "--format", "json", env=home, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    checked = json.loads(done.stdout)
    assert checked["receivers"] == {
        "slack": "slack",
        "pagerduty": "pagerduty",
        "secops-pager": "pagerduty",
        "payments-chat": "slack",
    }
    routes = {
        s["server"]: {k: {r["receiver"]: r["severities"] for r in v} for k, v in s["route"].items()}
        for s in checked["servers"]
    }
    assert routes["pay"]["drift"] == {"payments-chat": ["info", "low", "medium", "high", "critical"]}
    assert routes["pay"]["finding"] == {
        "secops-pager": ["high", "critical"],
        "payments-chat": ["info", "low", "medium", "high", "critical"],
    }
    assert routes["dev"]["drift"] == {"slack": ["info", "low", "medium", "high", "critical"]}
    assert routes["dev"]["unreachable"] == {"slack": ["medium"]}
    assert checked["unheard"] == []
    text = driftwatch("--config", str(config), "config", "check", env=home | {"COLUMNS": "200"}, cwd=tmp_path)
    assert "secops-pager (high+), payments-chat" in text.stdout


def test_config_check_shows_where_each_servers_drift_goes(home: dict[str, str], tmp_path: Path) -> None:
    Path(home["DRIFTWATCH_REGISTRY"]).write_text(
        "servers:\n"
        "  - {name: paged, command: a, owner: {team: platform, pagerduty_routing_key: k}}\n"
        "  - {name: quiet, command: b, alerting: {page_at: high}}\n"
    )
    env = {**home, "DRIFTWATCH_SLACK_WEBHOOK_URL": "https://hooks.slack.example/x"}
    done = driftwatch("config", "check", "--format", "json", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    checked = {s["server"]: s for s in json.loads(done.stdout)["servers"]}
    drift = {name: [r["receiver"] for r in s["route"]["drift"]] for name, s in checked.items()}
    assert drift == {"paged": ["slack", "pagerduty"], "quiet": ["slack"]}
    assert checked["paged"]["team"] == "platform" and checked["quiet"]["page_at"] == "high"
    notices = [r["receiver"] for r in checked["paged"]["route"]["unreachable"]]
    assert notices == ["slack"]  # (a notice that a server cannot be scanned is a chat message)
    alone = driftwatch("config", "check", "--format", "json", env=home, cwd=tmp_path)
    assert json.loads(alone.stdout)["unheard"] == ["quiet"]


@pytest.mark.parametrize("which", ["registry", "config"])
def test_yaml_syntax_error_names_file_line_and_column(
    which: str, home: dict[str, str], tmp_path: Path
) -> None:
    broken = tmp_path / f"{which}-broken.yaml"
    broken.write_text("servers:\n  - name: a\n    args: [x, y\n    command: a\n")
    env = home | {"DRIFTWATCH_REGISTRY": str(broken)} if which == "registry" else home
    args = ("--config", str(broken)) if which == "config" else ()
    line = one_line_error(driftwatch(*args, "servers", "list", env=env, cwd=tmp_path))
    assert f"{broken}:4:" in line and "not valid YAML" in line


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/var/lib/driftwatch/driftwatch.db", "is not a database URL"),
        ("mysqlx://root@127.0.0.1/driftwatch", "no driver for 'mysqlx'"),
        (f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/driftwatch", "cannot connect"),
        ("postgresql+psycopg://postgres@driftwatch-no-such-host.invalid/x", "cannot connect"),
        (
            make_url(POSTGRES).set(database="driftwatch_no_such_database").render_as_string(False),
            'database "driftwatch_no_such_database" does not exist',
        ),
    ],
    ids=["plain-path", "wrong-scheme", "nobody-listening", "unknown-host", "missing-database"],
)
def test_bad_database_url(url: str, expected: str, home: dict[str, str], tmp_path: Path) -> None:
    env = home | {"DRIFTWATCH_DATABASE_URL": url}
    for command in (("window", "list"), ("db", "upgrade")):
        line = one_line_error(driftwatch(*command, env=env, cwd=tmp_path))
        assert expected in line and "database_url" in line


@pytest.mark.parametrize("value", ["0", "500ms", "0.2"])
def test_scan_interval_under_one_second(value: str, home: dict[str, str], tmp_path: Path) -> None:
    line = one_line_error(driftwatch("scan", env=home | {"DRIFTWATCH_SCAN_INTERVAL": value}, cwd=tmp_path))
    assert "scan_interval (DRIFTWATCH_SCAN_INTERVAL): must be at least 1s" in line


@pytest.mark.parametrize(("key", "value"), [("interval", "0"), ("interval", "250ms"), ("timeout", "0.5s")])
def test_server_interval_or_timeout_under_one_second(
    key: str, value: str, home: dict[str, str], tmp_path: Path
) -> None:
    registry = Path(home["DRIFTWATCH_REGISTRY"])
    registry.write_text(f"servers:\n  - name: quick\n    command: quick\n    {key}: {value}\n")
    line = one_line_error(driftwatch("servers", "list", env=home, cwd=tmp_path))
    assert f"server 'quick'.{key}: must be at least 1s" in line


def test_window_for_a_unitless_duration(home: dict[str, str], tmp_path: Path) -> None:
    line = one_line_error(
        driftwatch("window", "open", "--all", "--for", "2", "--by", "alice", env=home, cwd=tmp_path)
    )
    assert "'2' has no unit" in line
    opened = driftwatch("window", "open", "--all", "--for", "2h", "--by", "alice", env=home, cwd=tmp_path)
    assert opened.returncode == 0, opened.stderr
