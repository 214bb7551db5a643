"""Baselines and drift events as rows: the queries and writes the drift state machine needs.

The decisions (which event opens, which closes and why) are `driftwatch.drift`'s; this module only
reads and writes, always in the caller's session, so that an event and the alerts it causes are
committed together.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from driftwatch.errors import NotFoundError
from driftwatch.model import (
    Change,
    DriftEventRecord,
    EventState,
    Finding,
    ItemKind,
    OpenWindow,
    Severity,
)
from driftwatch.store import audit
from driftwatch.store.codec import storage_json
from driftwatch.store.history import event_record
from driftwatch.store.models import Baseline, DriftEvent, ItemRow, ManifestItem, Observation, Server
from driftwatch.store.queries import pairs

EventKey = tuple[str | None, str]
"""(baseline hash, observed hash): one event per pair, however many scans see it."""


def server_id_of(session: Session, name: str) -> int | None:
    return session.scalar(select(Server.id).where(Server.name == name))


def server_by_name(session: Session, name: str) -> Server:
    server = session.scalar(select(Server).where(Server.name == name))
    if server is None:
        raise NotFoundError(f"server {name!r} has never been scanned")
    return server


def current_baseline(session: Session, server_id: int) -> Baseline | None:
    return session.scalar(
        select(Baseline).where(Baseline.server_id == server_id).order_by(Baseline.id.desc()).limit(1)
    )


def approved_tools(session: Session) -> dict[str, tuple[str, ...]]:
    """Every server with a baseline in force, and the names of its baseline's tools (sorted, each
    once): what `policy export` allows. One query whatever the number of servers; a server whose
    baseline has no tools (or whose manifest could not be stored) is there with none."""
    newest = (
        select(Baseline.server_id, func.max(Baseline.id).label("id"))
        .where(Baseline.superseded_at.is_(None))
        .group_by(Baseline.server_id)
        .subquery()
    )
    rows = session.execute(
        select(Server.name, ItemRow.key)
        .join(newest, newest.c.server_id == Server.id)
        .join(Baseline, Baseline.id == newest.c.id)
        .outerjoin(ManifestItem, ManifestItem.manifest_hash == Baseline.manifest_hash)
        .outerjoin(ItemRow, and_(ItemRow.hash == ManifestItem.item_hash, ItemRow.kind == ItemKind.TOOL))
    )
    tools: dict[str, set[str]] = {}
    for name, key in rows:
        names = tools.setdefault(name, set())
        if key is not None:
            names.add(key)
    return {name: tuple(sorted(names)) for name, names in sorted(tools.items())}


def add_baseline(
    session: Session, server: Server, digest: str, *, by: str, reason: str, ticket: str | None, now: datetime
) -> Baseline:
    """The new baseline of `server`, superseding (never overwriting) the one in force."""
    previous = current_baseline(session, server.id)
    if previous is not None:
        previous.superseded_at = now
    baseline = Baseline(
        server_id=server.id,
        manifest_hash=digest,
        approved_by=by,
        reason=reason,
        ticket=ticket,
        approved_at=now,
    )
    session.add(baseline)
    session.flush()
    audit.record(
        session,
        audit.EntryKind.BASELINE_APPROVED,
        at=now,
        subject=server.name,
        actor=by,
        data={
            "baseline_id": baseline.id,
            "manifest_hash": digest,
            "reason": reason,
            "ticket": ticket,
            "superseded": previous.manifest_hash if previous is not None else None,
        },
    )
    return baseline


def open_events(session: Session, server_id: int, subject: str | None = "manifest") -> list[DriftEvent]:
    """The server's open events about `subject` (`manifest`, `package`; None: all), oldest first."""
    query = select(DriftEvent).where(DriftEvent.server_id == server_id, DriftEvent.state == EventState.OPEN)
    if subject is not None:
        query = query.where(DriftEvent.subject == subject)
    return list(session.scalars(query.order_by(DriftEvent.id)))


def observed_hashes(session: Session, server_id: int) -> list[str]:
    """Manifest hashes the server has shown, newest first."""
    rows = session.execute(
        select(Observation.manifest_hash, func.max(Observation.id).label("newest"))
        .where(Observation.server_id == server_id, Observation.manifest_hash.is_not(None))
        .group_by(Observation.manifest_hash)
        .order_by(func.max(Observation.id).desc())
    )
    return [digest for digest, _ in rows if digest is not None]


def open_event(
    session: Session,
    server: Server,
    key: EventKey,
    *,
    severity: Severity,
    changes: list[Change],
    findings: list[Finding],
    now: datetime,
    subject: str = "manifest",
) -> DriftEventRecord:
    event = DriftEvent(
        server_id=server.id,
        subject=subject,
        baseline_hash=key[0],
        observed_hash=key[1],
        state=EventState.OPEN,
        severity=str(severity),
        change_count=len(changes),
        changes=storage_json([c.to_json() for c in changes]),
        findings=storage_json([f.to_json() for f in findings]),
        first_seen=now,
        last_seen=now,
    )
    session.add(event)
    session.flush()
    audit.record(
        session,
        audit.EntryKind.EVENT_OPENED,
        at=now,
        subject=server.name,
        data={
            "event_id": event.id,
            "about": subject,
            "severity": str(severity),
            "baseline_hash": key[0],
            "observed_hash": key[1],
            "changes": len(changes),
            "findings": len(findings),
        },
    )
    return event_record(event, server.name)


def close_event(
    session: Session, event: DriftEvent, state: EventState, now: datetime, *, by: str | None, server: str
) -> DriftEventRecord:
    """Close a row `open_events` returned, as `approved` (`by` who), `reverted` or `superseded`."""
    event.state = state
    event.closed_at = now
    event.closed_by = by
    audit.record(
        session,
        audit.EntryKind.EVENT_CLOSED,
        at=now,
        subject=server,
        actor=by,
        data={
            "event_id": event.id,
            "about": event.subject,
            "how": str(state),
            "observed_hash": event.observed_hash,
        },
    )
    return event_record(event, server)


def seen_again(event: DriftEvent, now: datetime, server: str) -> DriftEventRecord:
    event.last_seen = now
    return event_record(event, server)


def group_leader(session: Session, key: str, since: datetime) -> int | None:
    """The open event that leads the group of `key` opened at or after `since`, if any (the
    oldest, should two have opened at once)."""
    return session.scalar(
        select(DriftEvent.id)
        .where(DriftEvent.group_key == key, DriftEvent.group_id == DriftEvent.id)
        .where(DriftEvent.state == EventState.OPEN, DriftEvent.first_seen >= since)
        .order_by(DriftEvent.id)
        .limit(1)
    )


def set_group(session: Session, event_id: int, key: str, leader_id: int) -> None:
    event = session.get(DriftEvent, event_id)
    assert event is not None
    event.group_key, event.group_id = key, leader_id
    session.flush()


def note_window(session: Session, event_id: int, window: OpenWindow) -> None:
    """Record the change window `event_id` was detected in (the evidence pack reads it)."""
    session.execute(
        update(DriftEvent)
        .where(DriftEvent.id == event_id)
        .values(window=window.description, window_ticket=window.ticket)
    )


def group_of(session: Session, event_id: int) -> int | None:
    """The leader of the group `event_id` belongs to (None: it belongs to none)."""
    return session.scalar(select(DriftEvent.group_id).where(DriftEvent.id == event_id))


def group_servers(session: Session, leader_id: int, open_only: bool = True) -> list[str]:
    """The servers of a group's (open) events, in the order they joined."""
    query = (
        select(Server.name)
        .join(DriftEvent, DriftEvent.server_id == Server.id)
        .where(DriftEvent.group_id == leader_id)
        .order_by(DriftEvent.id)
    )
    if open_only:
        query = query.where(DriftEvent.state == EventState.OPEN)
    return list(session.scalars(query))


def group_events(session: Session, leader_id: int) -> list[tuple[str, str]]:
    """(server, observed hash) of every open event of a group: what `approve --group` approves."""
    rows = session.execute(
        select(Server.name, DriftEvent.observed_hash)
        .join(DriftEvent, DriftEvent.server_id == Server.id)
        .where(DriftEvent.group_id == leader_id, DriftEvent.state == EventState.OPEN)
        .order_by(DriftEvent.id)
    )
    return [(name, digest) for name, digest in rows]


def exists(session: Session, event_id: int) -> bool:
    return session.get(DriftEvent, event_id) is not None


def acknowledge(session: Session, event_id: int, by: str, now: datetime) -> list[int]:
    """Acknowledge the open, unacknowledged events of the group `event_id` leads (or it alone)."""
    rows = list(
        session.scalars(
            select(DriftEvent)
            .where(or_(DriftEvent.id == event_id, DriftEvent.group_id == event_id))
            .where(DriftEvent.state == EventState.OPEN, DriftEvent.acknowledged_at.is_(None))
            .order_by(DriftEvent.id)
        )
    )
    names = pairs(session, select(Server.id, Server.name).where(Server.id.in_({r.server_id for r in rows})))
    for row in rows:
        row.acknowledged_at, row.acknowledged_by = now, by
        audit.record(
            session,
            audit.EntryKind.EVENT_ACKNOWLEDGED,
            at=now,
            subject=names.get(row.server_id),
            actor=by,
            data={"event_id": row.id},
        )
    session.flush()
    return [row.id for row in rows]
