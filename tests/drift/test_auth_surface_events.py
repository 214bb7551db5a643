"""Auth surface events (drift/authsurface.py) against the database under test: a surface first
read, or unknown, opens nothing; another one opens one `high` event and supersedes the last."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from driftwatch.drift import Before, evaluate_auth_surface
from driftwatch.drift.authsurface import surface_changes
from driftwatch.manifest import Manifest
from driftwatch.model import AuthSurface, EventState, ItemKind, Severity
from driftwatch.store import Store
from driftwatch.store.events import open_events
from driftwatch.store.manifests import save_manifest
from driftwatch.store.observations import server_row

NOW = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
OWN = AuthSurface(
    True,
    "https://mcp.example/mcp",
    ("https://login.example",),
    ("notes",),
    (("https://login.example", "https://login.example"),),
)
MOVED = AuthSurface(
    True, "https://mcp.example/mcp", ("https://login.evil",), ("notes",), (("https://login.evil", None),)
)


def test_first_read_and_unknown_surfaces_open_nothing(store: Store) -> None:
    with store.transaction() as session:
        server = server_row(session, "notes", "streamable_http")
        upgraded = Before("sha256:m", None, None)  # (an observation stored before surfaces were read)
        assert evaluate_auth_surface(session, server, upgraded, ("sha256:m", OWN), NOW).opened is None
        known = Before("sha256:m", None, OWN)
        assert evaluate_auth_surface(session, server, known, ("sha256:m", None), NOW).opened is None
        assert evaluate_auth_surface(session, server, known, ("sha256:m", OWN), NOW).opened is None
        assert open_events(session, server.id, subject=None) == []


def test_a_challenge_one_scan_did_not_ask_is_no_change_and_another_address_is() -> None:
    asked = replace(OWN, resource_metadata="https://mcp.example/.well-known/oauth-protected-resource")
    assert surface_changes(OWN, asked) == [] and surface_changes(asked, OWN) == []
    moved = replace(asked, resource_metadata="https://mcp.example/other")
    assert [(c.path, c.before, c.after) for c in surface_changes(asked, moved)] == [
        ("resource_metadata", asked.resource_metadata, moved.resource_metadata)
    ]
    none = replace(OWN, resource_metadata="")
    assert [c.path for c in surface_changes(none, asked)] == ["resource_metadata"]


def test_another_surface_opens_one_high_event_and_supersedes_the_last(store: Store) -> None:
    with store.transaction() as session:
        server = server_row(session, "notes", "streamable_http")
        tool = {"name": "add_note", "inputSchema": {"type": "object"}}
        shown = save_manifest(session, Manifest.build(tools=[tool]))
        first = evaluate_auth_surface(session, server, Before(shown, None, OWN), (shown, MOVED), NOW)
        assert first.opened is not None and first.opened.severity is Severity.HIGH
        paths = {c.path for c in first.opened.changes}
        assert paths == {"authorization_servers", "issuers"}
        assert all(
            c.kind is ItemKind.AUTH_SURFACE and c.rules == ("auth-surface-changed",)
            for c in first.opened.changes
        )
        back = evaluate_auth_surface(session, server, Before(shown, None, MOVED), (shown, OWN), NOW)
        assert [e.state for e in back.closed] == [EventState.SUPERSEDED]
        [still] = open_events(session, server.id, subject="auth")
        assert back.opened is not None and still.id == back.opened.id
