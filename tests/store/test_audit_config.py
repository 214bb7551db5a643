"""Configuration changes in the audit log (issue 18 item 1): `config.changed` only when a digest of
the configuration differs from the last one the same kind of process recorded, naming the servers
added, removed and changed; and never a secret, in clear or as a digest of it."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import yaml
from pydantic import SecretStr
from sqlalchemy import select

from driftwatch import audit, redact
from driftwatch.daemon import Daemon
from driftwatch.registry import Registry, ServerSpec, load_registry
from driftwatch.settings import Settings
from driftwatch.store import Store
from driftwatch.store.models import AuditEntry

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
SECRETS = (
    "literal-api-key-0123456789",
    "literal-bearer-token-abcdef",
    "url-password-987654321",
    "query-token-555555555",
    "xoxb-slack-token-424242",
    "R0UT1NGKEY-literal-owner-key",
    "client-secret-literal-999",
)


def entries(store: Store) -> list[dict[str, object]]:
    with store.transaction() as session:
        bodies = session.scalars(
            select(AuditEntry.body).where(AuditEntry.kind == "config.changed").order_by(AuditEntry.seq)
        )
        return [json.loads(body) for body in bodies]


def record(store: Store, settings: Settings, registry: Registry, source: str = "daemon") -> bool:
    with store.transaction() as session:
        return audit.record_config(session, settings, registry, source, NOW)


def spec(name: str, **fields: object) -> ServerSpec:
    return ServerSpec.model_validate({"name": name, "command": "notes-server", **fields})


def test_only_a_changed_configuration_is_recorded(settings: Settings, store: Store) -> None:
    first = Registry(servers=(spec("notes"), spec("files")))
    assert record(store, settings, first) is True
    assert record(store, settings, first) is False  # unchanged: nothing appended
    assert record(store, settings, Registry(servers=(spec("files"), spec("notes")))) is False  # order
    second = Registry(servers=(spec("notes", args=["--v2"]), spec("mail")))
    assert record(store, settings, second) is True
    louder = settings.model_copy(
        update={"repeat_interval": settings.repeat_interval * 2, "log_level": "debug"}
    )
    assert record(store, louder, second) is True
    assert record(store, louder.model_copy(update={"log_level": "info"}), second) is False  # a process knob
    made = [e["data"] for e in entries(store)]
    assert len(made) == 3
    assert isinstance(made[0], dict) and made[0]["added"] == ["files", "notes"]
    assert isinstance(made[1], dict)
    assert (made[1]["added"], made[1]["removed"], made[1]["changed"]) == (["mail"], ["files"], ["notes"])
    assert isinstance(made[2], dict)
    assert made[2]["settings_changed"] == ["repeat_interval"] and made[2]["changed"] == []


def test_the_daemon_and_a_scan_each_compare_with_their_own_last_record(
    settings: Settings, store: Store
) -> None:
    """A CLI scan with a configuration of its own beside the daemon does not flap the record."""
    watched = Registry(servers=(spec("notes"),))
    quiet = settings.model_copy(update={"repeat_interval": settings.repeat_interval * 3})
    assert record(store, settings, watched, "daemon") and record(store, quiet, watched, "scan")
    assert not record(store, settings, watched, "daemon") and not record(store, quiet, watched, "scan")
    assert [e["subject"] for e in entries(store)] == ["daemon", "scan"]


def test_no_secret_is_recorded_nor_digested(settings: Settings, store: Store) -> None:
    api, bearer, password, query, slack, routing, client = SECRETS
    servers = (
        spec("local", env={"API_KEY": api, "FROM_ENV": "${NOTES_TOKEN}", "MODE": "debug"}),
        ServerSpec.model_validate(
            {
                "name": "remote",
                "transport": "streamable_http",
                "url": f"https://bot:{password}@mcp.example/mcp?token={query}&region=eu",
                "headers": {"X-Api": f"Bearer {bearer}"},
                "owner": {"pagerduty_routing_key": routing, "team": "notes"},
            }
        ),
        ServerSpec.model_validate(
            {
                "name": "oauth",
                "transport": "streamable_http",
                "url": "https://oauth.example/mcp",
                "auth": {"flow": "client_credentials", "client_id": "driftwatch", "client_secret": client},
            }
        ),
    )
    configured = settings.model_copy(update={"slack_bot_token": SecretStr(slack)})
    assert record(store, configured, Registry(servers=servers))
    with store.transaction() as session:
        stored = " ".join(session.scalars(select(AuditEntry.body)))
    assert not [s for s in SECRETS if s in stored]
    forms = {s.name: audit._server_form(s) for s in servers}  # what the digests are taken over
    assert not [s for s in SECRETS if s in json.dumps(forms) + json.dumps(audit._settings_form(configured))]
    assert forms["local"]["env"] == {
        "API_KEY": redact.MARKER,
        "FROM_ENV": "${NOTES_TOKEN}",
        "MODE": redact.MARKER,
    }
    assert (
        forms["remote"]["url"]
        == f"https://{redact.MARKER}@mcp.example/mcp?token={redact.MARKER}&region={redact.MARKER}"
    )
    # a rotated literal secret is not a configuration change: its value never enters the record
    rotated = (
        spec("local", env={"API_KEY": "another-literal-key-000", "FROM_ENV": "${NOTES_TOKEN}", "MODE": "x"}),
    )
    assert not record(store, configured, Registry(servers=rotated + servers[1:]))


def write(path: Path, *names: str) -> None:
    path.write_text(yaml.safe_dump({"servers": [{"name": n, "command": "true"} for n in names]}))


def test_the_daemon_records_its_configuration_at_start_and_at_each_reload(
    settings: Settings, store: Store, tmp_path: Path
) -> None:
    registry = tmp_path / "registry.yaml"
    write(registry, "a", "b")
    daemon = Daemon(settings.model_copy(update={"registry": registry}), clock=lambda: NOW)
    daemon.store = store
    daemon.load_first_registry()
    daemon.record_config()
    daemon.record_config()
    assert len(entries(store)) == 1
    write(registry, "a", "c")
    daemon.reload_registry()
    daemon.record_config()
    latest = entries(store)[-1]["data"]
    assert isinstance(latest, dict) and (latest["added"], latest["removed"]) == (["c"], ["b"])
    again = Daemon(daemon.settings, clock=lambda: NOW)  # a restart with the same configuration
    again.store = store
    again.load_first_registry()
    again.record_config()
    assert len(entries(store)) == 2
    assert [s.name for s in load_registry(daemon.settings).servers] == ["a", "c"]


def test_a_digest_reads_floats_and_keys_that_are_not_strings_as_their_text() -> None:
    """What the canonical form cannot hold is digested as its text; anything else as itself."""
    assert audit._digest({"a": 1.5, "b": [2.0]}) == audit._digest({"a": "1.5", "b": ["2.0"]})
    assert audit._digest({1: ("x", None)}) == audit._digest({"1": ["x", None]})
    assert audit._digest({"a": 1}) != audit._digest({"a": "1"})
    assert audit._digest({"a": [1, True]}) == "sha256:" + hashlib.sha256(b'{"a":[1,true]}').hexdigest()
