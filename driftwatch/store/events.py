"""Baselines and drift events as rows: the queries and writes the drift state machine needs.

The decisions (which event opens, which closes and why) are `driftwatch.drift`'s; this module only
reads and writes, always in the caller's session, so that an event and the alerts it causes are
committed together.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from driftwatch.errors import NotFoundError
from driftwatch.model import Change, DriftEventRecord, DriftSummary, EventState, Finding, Severity
from driftwatch.store.codec import storage_json
from driftwatch.store.history import event_record
from driftwatch.store.models import Baseline, DriftEvent, Observation, Server

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
    return event_record(event, server.name)


def close_event(
    event: DriftEvent, state: EventState, now: datetime, *, by: str | None, server: str
) -> DriftEventRecord:
    """Close a row `open_events` returned (its session writes it)."""
    event.state = state
    event.closed_at = now
    event.closed_by = by
    return event_record(event, server)


def seen_again(event: DriftEvent, now: datetime, server: str) -> DriftEventRecord:
    event.last_seen = now
    return event_record(event, server)


def seen_again_summary(event: DriftEvent, now: datetime) -> DriftSummary:
    """`seen_again` for a scan that needs only the event's summary: its changes and findings stay
    unread (an upgrade's event holds hundreds of changes)."""
    event.last_seen = now
    return DriftSummary(
        event.id,
        event.baseline_hash,
        event.observed_hash,
        Severity.read(event.severity),
        event.change_count,
        EventState(event.state),
    )
