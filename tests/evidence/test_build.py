"""The evidence pack built from a real store (SQLite, and PostgreSQL in its pass): what it says
of OAuth credentials, and that it never carries their sealed values."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from driftwatch import discover, evidence
from driftwatch.alerts import unregistered
from driftwatch.registry import Registry
from driftwatch.report.evidence import render_evidence_html, render_evidence_markdown
from driftwatch.settings import Settings
from driftwatch.store import Store
from driftwatch.store import audit as audit_rows
from driftwatch.store import credentials as stored

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SEALED_TOKENS = "gAAAAABsealed-token-value-that-must-never-leave"
SEALED_CLIENT = "gAAAAABsealed-client-registration-value"


def test_credential_custody_says_whether_and_when_never_what(settings: Settings, store: Store) -> None:
    rotated = NOW - timedelta(days=3)
    with store.transaction() as session:
        stored.save_client_info(session, "search", SEALED_CLIENT, rotated - timedelta(days=30))
        stored.save_tokens(
            session,
            "search",
            SEALED_TOKENS,
            expires_at=NOW + timedelta(hours=1),
            scope="read",
            refreshable=True,
            now=rotated,
        )
        stored.save_client_info(session, "tickets", SEALED_CLIENT, rotated)
    with store.transaction() as session:
        pack = evidence.build(session, settings, Registry(), NOW - timedelta(days=90), NOW)
    assert [c.to_json() for c in pack.credentials] == [
        {
            "server": "search",
            "encrypted": True,
            "client_registered": True,
            "token_stored": True,
            "refreshable": True,
            "scope": "read",
            "expires_at": (NOW + timedelta(hours=1)).isoformat(),
            "rotated_at": rotated.isoformat(),
        },
        {
            "server": "tickets",
            "encrypted": True,
            "client_registered": True,
            "token_stored": False,
            "refreshable": False,
            "scope": None,
            "expires_at": None,
            "rotated_at": rotated.isoformat(),
        },
    ]
    for text in (json.dumps(pack.to_json()), render_evidence_html(pack), render_evidence_markdown(pack)):
        assert "sealed" not in text and "gAAAA" not in text


def test_an_empty_store_passes_every_gate_but_nothing_is_claimed(settings: Settings, store: Store) -> None:
    with store.transaction() as session:
        pack = evidence.build(session, settings, Registry(), NOW - timedelta(days=90), NOW)
    assert all(g.passed for g in pack.gates)
    assert (pack.inventory, pack.events, pack.approvals, pack.findings) == ([], [], [], [])
    assert pack.audit.verified and pack.totals.events == 0


def test_discovery_records_each_unknown_server_once_even_with_nobody_to_alert(
    settings: Settings, store: Store, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    launches = {"mcpServers": {"shadow": {"command": "npx", "args": ["-y", "@acme/shadow@1.0.0"],
                                          "env": {"GH_TOKEN": "ghp_never-in-the-record"}}}}  # fmt: skip
    (home / ".claude.json").write_text(json.dumps(launches))
    report = discover.match(discover.discover([], home=home), Registry())
    assert unregistered.targets(settings) == []  # no receiver configured: nobody hears of it
    for moment in (NOW - timedelta(days=2), NOW - timedelta(days=1)):  # the daemon's job, twice
        with store.transaction() as session:
            assert unregistered.on_unknown(session, report.unknown, settings, moment) == 0  # nobody alerted
    with store.transaction() as session:
        pack = evidence.build(session, settings, Registry(), NOW - timedelta(days=90), NOW)
        entries = audit_rows.entries_since(
            session, audit_rows.EntryKind.DISCOVERY_UNKNOWN, NOW - timedelta(days=90)
        )
    assert len(entries) == 1
    [found] = pack.unknown_servers
    assert found.identity == "npm:@acme/shadow" and found.first_found == NOW - timedelta(days=2)
    assert found.found_in == (str(home / ".claude.json"),) and found.transport == "stdio"
    assert "ghp_never" not in json.dumps(pack.to_json()) + entries[0].body()
    assert pack.audit.verified and {g.name: g.value for g in pack.gates}["unknown_servers"] == 1
