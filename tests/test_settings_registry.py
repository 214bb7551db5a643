"""Settings precedence, durations, registry validation and references."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from driftwatch import redact
from driftwatch.errors import ConfigError
from driftwatch.model import Severity
from driftwatch.registry import ServerSpec, display_url, load_registry, parse_registry, resolve
from driftwatch.settings import format_duration, load_settings, parse_duration
from tests.support import PY, TEST_SERVERS, VENV_BIN, default_manifest


def test_env_wins_over_config_file_over_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "conf" / "driftwatch.yaml"
    config.parent.mkdir()
    config.write_text("concurrency: 3\nserver_timeout: 45s\nregistry: servers.yaml\n")
    settings = load_settings(config)
    assert settings.concurrency == 3
    assert settings.server_timeout == timedelta(seconds=45)
    assert settings.registry == config.parent / "servers.yaml"  # relative to the config file
    assert settings.request_timeout == timedelta(seconds=10)  # default
    monkeypatch.setenv("DRIFTWATCH_CONCURRENCY", "5")
    monkeypatch.setenv("DRIFTWATCH_CONFIG", str(config))
    assert load_settings().concurrency == 5


def test_default_database_is_sqlite_in_the_user_data_dir(tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.database_url == f"sqlite:///{tmp_path / 'xdg-data' / 'driftwatch' / 'driftwatch.db'}"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("5m", 300), ("1h30m", 5400), ("7d", 604800), ("90", 90), ("250ms", 0.25)],
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == timedelta(seconds=seconds)
    assert parse_duration(format_duration(timedelta(seconds=seconds))) == timedelta(seconds=seconds)


def test_bad_duration_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="not a duration"):
        load_settings(scan_interval="every now and then")


def test_severity_overrides_from_the_config_file_and_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "driftwatch.yaml"
    config.write_text("severity_overrides:\n  new-destination: high\n  silent-change: low\n")
    overrides = load_settings(config).overrides
    assert (
        overrides.get("new-destination") is Severity.HIGH and overrides.get("silent-change") is Severity.LOW
    )
    assert load_settings().overrides.by_rule == {}  # none by default
    monkeypatch.setenv("DRIFTWATCH_SEVERITY_OVERRIDES", '{"conceal-from-user": "critical"}')
    assert load_settings().overrides.by_rule == {"conceal-from-user": Severity.CRITICAL}


def test_an_override_naming_no_rule_is_one_line_naming_it(tmp_path: Path) -> None:
    config = tmp_path / "driftwatch.yaml"
    config.write_text("severity_overrides:\n  new-destinaton: high\n")
    with pytest.raises(ConfigError) as refused:
        load_settings(config)
    message = str(refused.value)
    assert "unknown rule 'new-destinaton'" in message and "\n" not in message


def test_inline_servers_in_config_file(tmp_path: Path) -> None:
    config = tmp_path / "driftwatch.yaml"
    config.write_text("servers:\n  - name: local\n    command: ./server\n    cwd: srv\n")
    registry = load_registry(load_settings(config))
    assert registry.servers[0].cwd == str(tmp_path / "srv")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"name": "a", "transport": "stdio"}, "needs `command`"),
        ({"name": "a", "transport": "sse"}, "needs `url`"),
        ({"name": "a", "transport": "streamable_http", "url": "file:///etc/passwd"}, "http:// or https://"),
        ({"name": "a", "command": "x", "url": "http://h/mcp"}, "not `url`"),
        ({"name": "UPPER", "command": "x"}, "name"),
        ({"name": "a", "command": "x", "colour": "red"}, "colour"),
    ],
)
def test_invalid_entries(entry: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_registry({"servers": [entry]}, source="test")


def test_duplicate_names_rejected() -> None:
    with pytest.raises(ConfigError, match="declared twice"):
        parse_registry(
            {"servers": [{"name": "a", "command": "x"}, {"name": "a", "command": "y"}]}, source="t"
        )


def test_references_resolve_from_env_and_files_and_are_redacted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret_file = tmp_path / "token"
    secret_file.write_text("file-secret-value\n")
    monkeypatch.setenv("MY_TOKEN", "env-secret-value")
    assert resolve("Bearer ${MY_TOKEN}") == "Bearer env-secret-value"
    assert resolve(f"${{file:{secret_file}}}") == "file-secret-value"
    masked = redact.scrub("got env-secret-value and file-secret-value")
    assert masked == f"got {redact.MARKER} and {redact.MARKER}"
    with pytest.raises(ConfigError, match="NOT_SET_ANYWHERE is not set"):
        resolve("${NOT_SET_ANYWHERE}")


def test_display_url_drops_credentials() -> None:
    assert (
        display_url("https://user:pw@mcp.example.com:8443/mcp?key=abc#x")
        == "https://mcp.example.com:8443/mcp"
    )
    spec = ServerSpec(name="r", transport="streamable_http", url="https://u:p@h/mcp?token=t")
    assert spec.target == "https://h/mcp"
    assert display_url("https://u:p@[2001:db8::1]:8443/mcp?k=v") == "https://[2001:db8::1]:8443/mcp"
    assert display_url("http://[::1]/mcp") == "http://[::1]/mcp"


def test_url_credentials_never_silently_replace_an_authorization_header() -> None:
    from driftwatch.registry import ServerSpec

    with pytest.raises(ValueError, match="keep one"):
        ServerSpec(
            name="x",
            transport="streamable_http",
            url="https://user:pw@mcp.example/mcp",
            headers={"authorization": "Bearer ${TOKEN}"},
        )


@pytest.mark.e2e  # runs in a separate process
def test_relative_paths_resolve_against_the_registry_file(tmp_path: Path) -> None:
    """A relative `cwd` is relative to the registry file's directory, and a server without `cwd`
    runs in that directory, so relative `command`/`args` mean the same from wherever driftwatch
    starts. Proved with real scans started from two other directories."""
    conf = tmp_path / "conf"
    (conf / "sub").mkdir(parents=True)
    server = (TEST_SERVERS / "manifest_server.py").read_text(encoding="utf-8")
    for where in (conf, conf / "sub"):
        (where / "server.py").write_text(server, encoding="utf-8")
        (where / "manifest.json").write_text(json.dumps(default_manifest()), encoding="utf-8")
    registry = conf / "registry.yaml"
    registry.write_text(
        "servers:\n"
        f"  - {{name: beside, command: {PY}, args: [server.py, manifest.json, stdio]}}\n"
        f"  - {{name: under, command: {PY}, args: [./server.py, manifest.json, stdio], cwd: sub}}\n"
        "  - {name: remote, transport: streamable_http, url: 'http://127.0.0.1:1/mcp'}\n"
    )
    loaded = load_registry(load_settings(registry=registry))
    assert [s.cwd for s in loaded.servers] == [str(conf), str(conf / "sub"), None]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")}
    env |= {
        "DRIFTWATCH_REGISTRY": str(registry),
        "DRIFTWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'dw.db'}",
    }
    for start_in in (tmp_path, Path("/")):
        done = subprocess.run(
            [
                str(VENV_BIN / "driftwatch"),
                "scan",
                "--server",
                "beside",
                "--server",
                "under",
                "--format",
                "json",
            ],
            env=env,
            cwd=start_in,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert [s["status"] for s in json.loads(done.stdout)["servers"]] == ["ok", "ok"]


@pytest.mark.e2e  # runs in a separate process
def test_venv_servers_are_found_without_the_venv_on_path(tmp_path: Path) -> None:
    """`.venv/bin/driftwatch scan` run by its full path finds `mcp-server-time`, installed into the
    same venv, though the venv's bin directory is not on PATH."""
    registry = tmp_path / "registry.yaml"
    registry.write_text(
        "servers:\n  - {name: time, command: mcp-server-time, args: [--local-timezone, UTC]}\n"
    )
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if Path(p) != VENV_BIN)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")}
    env |= {
        "PATH": path,
        "DRIFTWATCH_REGISTRY": str(registry),
        "DRIFTWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'dw.db'}",
    }
    done = subprocess.run(
        [str(VENV_BIN / "driftwatch"), "scan", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [server] = json.loads(done.stdout)["servers"]
    assert server["status"] == "ok" and server["counts"]["tools"] >= 1
