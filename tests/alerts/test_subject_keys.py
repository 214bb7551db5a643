"""Events of different subjects under one manifest (drift/packages.py, drift/authsurface.py) are
separate PagerDuty incidents (alerts/messages.py `dedup_key`): resolving the approved package's
incident must not resolve the open authorization surface's, which shares the server and hash."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import SecretStr

from driftwatch.alerts import messages, triggers
from driftwatch.manifest import Manifest
from driftwatch.model import Category, Change, ChangeKind, EventState, ItemKind, Severity
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from driftwatch.store import Store
from driftwatch.store.events import close_event, open_event, open_events
from driftwatch.store.manifests import save_manifest
from driftwatch.store.models import Alert
from driftwatch.store.observations import server_row

NOW = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
SETTINGS = Settings(pagerduty_routing_key=SecretStr("R0UT1NGKEY0000000000000000000000"))
SPEC = ServerSpec(name="notes", transport="streamable_http", url="https://mcp.example/mcp")


def change(kind: ItemKind, path: str) -> Change:
    return Change(
        change=ChangeKind.CHANGED,
        kind=kind,
        name="",
        path=path,
        before="a",
        after="b",
        category=Category.METADATA,
        breaking=False,
        severity=Severity.HIGH,
        rules=("auth-surface-changed",),
        reasons=("moved",),
    )


def test_each_subject_is_its_own_incident_and_resolving_one_leaves_the_other(store: Store) -> None:
    with store.transaction() as session:
        server = server_row(session, "notes", "streamable_http")
        observed = save_manifest(session, Manifest.build(tools=[{"name": "read"}]))
        opened = {
            subject: open_event(
                session,
                server,
                (observed, observed),  # (under the approved manifest)
                severity=Severity.HIGH,
                changes=[change(ItemKind.AUTH_SURFACE, subject)],
                findings=[],
                now=NOW,
                subject=subject,
            )
            for subject in ("package", "auth")
        }
        for event in opened.values():
            assert triggers.on_opened(session, server, SPEC, event, None, SETTINGS, NOW).page
        [package] = open_events(session, server.id, subject="package")
        closed = close_event(session, package, EventState.APPROVED, NOW, by="ops", server="notes")
        triggers.on_closed(session, server, closed, NOW)
        sent = [(a.action, a.dedup_key) for a in session.query(Alert).order_by(Alert.id)]
    assert sent == [
        ("trigger", f"driftwatch/notes/package/{observed}"),
        ("trigger", f"driftwatch/notes/auth/{observed}"),
        ("resolve", f"driftwatch/notes/package/{observed}"),
    ]
    assert messages.dedup_key("notes", observed) == f"driftwatch/notes/{observed}"  # (as before subjects)
