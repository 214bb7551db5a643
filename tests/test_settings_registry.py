"""Settings precedence, durations, registry validation and references."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from driftwatch import redact
from driftwatch.registry import ServerSpec, display_url, load_registry, parse_registry, resolve
from driftwatch.settings import ConfigError, format_duration, load_settings, parse_duration


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


def test_url_credentials_never_silently_replace_an_authorization_header() -> None:
    from driftwatch.registry import ServerSpec

    with pytest.raises(ValueError, match="keep one"):
        ServerSpec(
            name="x",
            transport="streamable_http",
            url="https://user:pw@mcp.example/mcp",
            headers={"authorization": "Bearer ${TOKEN}"},
        )
