"""The audit log's rows: entries recorded by the store functions that make each change, chained
in the same transaction, and read back for verifying and exporting (driftwatch/audit.py).

A store function that changes something a reviewer may ask about calls `record`: the entry waits
in the session and is chained when the transaction commits (`_chain_on_commit`), so nothing is
committed without its entry, and nothing is recorded that was rolled back. Chaining last keeps
the head row locked only for the commit itself, and always last: a transaction never waits for
anything else while it holds the head, so two transactions cannot deadlock over it. On
PostgreSQL the head is locked with `SELECT … FOR UPDATE`, so concurrent appenders (replicas)
take turns and never fork the chain; on SQLite the session's change is flushed first, which takes
the database's one writer lock before the head is read. The order of the log (`seq`) is the order
of commits; `at` is when each change happened, as the caller's clock says.

(A savepoint rolled back would not take its entries back: driftwatch uses none.)
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from driftwatch.chain import Entry, Head, Link, digest
from driftwatch.model import JSONObject
from driftwatch.store.manifests import dialect_insert
from driftwatch.store.models import AuditEntry, AuditHead

_PENDING = "driftwatch.audit.pending"
"""Where a session keeps the entries recorded in its transaction until it commits."""

HEAD_ID = 1


class EntryKind(StrEnum):
    """Every kind of audit entry, as docs/audit.md's table lists them (a test compares the two).
    What an entry of each kind holds is written where it is recorded: by the one function that
    makes that change."""

    BASELINE_APPROVED = "baseline.approved"
    EVENT_OPENED = "event.opened"
    EVENT_CLOSED = "event.closed"
    EVENT_ACKNOWLEDGED = "event.acknowledged"
    WINDOW_OPENED = "window.opened"
    WINDOW_CLOSED = "window.closed"
    SUPPRESSION_ADDED = "suppression.added"
    SUPPRESSION_REMOVED = "suppression.removed"
    SILENCE_ADDED = "silence.added"
    SILENCE_EXPIRED = "silence.expired"
    DISCOVERY_UNKNOWN = "discovery.unknown"
    DB_PRUNED = "db.pruned"
    CONFIG_CHANGED = "config.changed"


@dataclass(frozen=True)
class Recorded:
    """An entry recorded in a transaction, before it has its place in the chain."""

    at: datetime
    kind: str
    subject: str | None
    actor: str | None
    data: JSONObject


def record(
    session: Session,
    kind: EntryKind,
    *,
    at: datetime,
    subject: str | None = None,
    actor: str | None = None,
    data: JSONObject | None = None,
) -> None:
    """Record a change in the caller's transaction: chained when it commits, gone if it rolls back.

    `data` holds no secret (docs/audit.md): only what the change was, as the reviewer reads it."""
    pending: list[Recorded] = session.info.setdefault(_PENDING, [])
    pending.append(Recorded(at, kind.value, subject, actor, data or {}))


@event.listens_for(Session, "before_commit")
def _chain_on_commit(session: Session) -> None:
    pending: list[Recorded] | None = session.info.pop(_PENDING, None)
    if pending:
        session.flush()  # the change itself first (on SQLite, its write takes the writer lock)
        append(session, pending)


@event.listens_for(Session, "after_rollback")
def _forget_on_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


def append(session: Session, recorded: list[Recorded]) -> list[Entry]:
    """Chain `recorded` after the head, which stays locked until the transaction ends."""
    head = _locked_head(session)
    entries = []
    seq, prev = head.seq, head.hash
    for one in recorded:
        seq += 1
        entry = Entry(seq, one.at, one.kind, one.subject, one.actor, one.data, prev)
        body = entry.body()
        prev = digest(body)
        session.add(
            AuditEntry(
                seq=seq,
                at=one.at,
                kind=one.kind,
                subject=one.subject,
                body=body,
                prev_hash=entry.prev,
                hash=prev,
            )
        )
        entries.append(entry)
    head.seq, head.hash = seq, prev
    session.flush()
    return entries


def _locked_head(session: Session) -> AuditHead:
    """The head row, locked; created by the first append (from the log's last entry, if any)."""
    query = select(AuditHead).where(AuditHead.id == HEAD_ID).with_for_update()
    head = session.scalar(query)
    if head is not None:
        return head
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    values = {"id": HEAD_ID, "seq": last[0] if last else 0, "hash": last[1] if last else None}
    session.execute(dialect_insert(session, AuditHead).values(**values).on_conflict_do_nothing())
    head = session.scalar(query.execution_options(populate_existing=True))
    assert head is not None
    return head


def head(session: Session) -> Head | None:
    """The head as the database holds it (None: no head row)."""
    row = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == HEAD_ID)).first()
    return Head(row[0], row[1]) if row else None


def links(session: Session, first: int = 1, last: int | None = None) -> Generator[Link]:
    """The entries from `first` (to `last`), in order of `seq`, read in batches (on PostgreSQL,
    through a server-side cursor: close the generator when stopping early)."""
    query = select(
        AuditEntry.seq, AuditEntry.kind, AuditEntry.prev_hash, AuditEntry.body, AuditEntry.hash, AuditEntry.at
    ).where(AuditEntry.seq >= first)
    if last is not None:
        query = query.where(AuditEntry.seq <= last)
    result = session.execute(query.order_by(AuditEntry.seq).execution_options(yield_per=1000))
    try:
        for seq, kind, prev, body, hashed, at in result:
            yield Link(seq, kind, prev, body, hashed, at)
    finally:  # (a walk that stops at a fault closes the generator: PostgreSQL's cursor goes too)
        result.close()


def last_seq(session: Session) -> int:
    """The newest entry's seq (0: none)."""
    return session.scalar(select(func.max(AuditEntry.seq))) or 0


def first_since(session: Session, cutoff: datetime) -> int | None:
    """The first entry (by seq: clocks of replicas may disagree) recorded at or after `cutoff`
    (None: none was). Ordered by `seq + 0`, not by the primary key: PostgreSQL would walk that
    from the oldest entry and filter every one before the cutoff; this reads ix_audit_log_at's
    range (the entries the export reads next anyway) and sorts it."""
    return session.scalar(
        select(AuditEntry.seq).where(AuditEntry.at >= cutoff).order_by(AuditEntry.seq + 0).limit(1)
    )


def last_of(session: Session, kind: EntryKind, subject: str | None) -> Entry | None:
    """The newest entry of `kind` about `subject`."""
    body = session.scalar(
        select(AuditEntry.body)
        .where(AuditEntry.kind == kind, AuditEntry.subject == subject)
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    )
    return Entry.parse(body) if body is not None else None


def recorded_subjects(session: Session, kind: EntryKind, subjects: list[str]) -> set[str]:
    """Those of `subjects` that an entry of `kind` is about already (one query)."""
    if not subjects:
        return set()
    found = session.scalars(
        select(AuditEntry.subject).where(AuditEntry.kind == kind, AuditEntry.subject.in_(subjects))
    )
    return {subject for subject in found if subject is not None}


def entries_since(session: Session, kind: EntryKind, since: datetime) -> list[Entry]:
    """The entries of `kind` recorded at or after `since`, oldest first (the kind's index)."""
    bodies = session.scalars(
        select(AuditEntry.body)
        .where(AuditEntry.kind == kind, AuditEntry.at >= since)
        .order_by(AuditEntry.seq)
    )
    return [Entry.parse(body) for body in bodies]
