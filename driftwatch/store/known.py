"""What a scan cycle needs to know to recognise an unchanged scan, read once; and its batched writes.

Most scans of a fleet see what the server showed last time. Deciding that (drift/events.py
`decide_unchanged`) needs, per server: its latest observation (manifest hash, the context its
findings were computed in, package, authorization surface, the findings), its baseline in force,
its open events, and its suppressions in force when there are findings to screen. `read_known`
reads all of that for a whole cycle in at most three queries, whatever the number of servers (no
query per server); `touch` records a batch of unchanged scans with one UPDATE of observations and
one of events, each executed once over the batch (executemany). Each observation extended keeps
the digest of the tool index its findings context held in (drift.ToolIndex.digest), so that the
next cycle, if the index is the same, need not make the server's view of it again (monitor.py).

A batch is written after the scans it records were decided, so its UPDATEs carry guards: an
observation is extended only while it is still its server's latest with the same manifest hash and
findings context, and an event only while it is open. A row that changed in between (another
process scanned or approved the server meanwhile) is left as that process wrote it: the scan,
which saw nothing new, is then not counted.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, func, select, update
from sqlalchemy.orm import Session, aliased

from driftwatch.model import DriftSummary, EventState, ObservationStatus, Package, Severity, SuppressionKey
from driftwatch.store.models import Baseline, DriftEvent, Observation, Server
from driftwatch.store.observations import Outcome, newest_id, newest_per_server, package_from, surface_column
from driftwatch.store.suppressions import active

Rows = Select[*tuple[Any, ...]]

FEW_NAMES = 200
"""Up to this many servers, `read_known` asks for them by name; beyond, it reads every server's
rows and keeps those asked for (an IN list of a whole fleet would meet the databases' caps on
bound parameters)."""


@dataclass(frozen=True)
class OpenEvent:
    """An open drift event of a server, as an unchanged scan reports it."""

    id: int
    subject: str
    baseline_hash: str | None
    observed_hash: str
    severity: str
    change_count: int

    def summary(self) -> DriftSummary:
        return DriftSummary(
            self.id,
            self.baseline_hash,
            self.observed_hash,
            Severity.read(self.severity),
            self.change_count,
            EventState.OPEN,
        )


@dataclass(frozen=True)
class Known:
    """One server as the store knows it at the start of a cycle: what decides an unchanged scan."""

    server_id: int
    transport: str
    observation_id: int
    status: ObservationStatus
    manifest_hash: str | None
    findings_context: str | None
    findings: str | None
    """The stored detector findings of the latest observation (JSON), None when never computed."""
    package: Package | None
    auth_surface: str | None
    """The stored authorization surface (canonical JSON), None when unknown."""
    baseline_hash: str | None
    protocol_version: str | None = None
    """The protocol the latest observation's scans answered in (the collector's era)."""
    last_seen: datetime | None = None
    """When the latest observation was last seen: the server's previous scan."""
    events: tuple[OpenEvent, ...] = ()
    """Open events, oldest first."""
    suppressed: frozenset[SuppressionKey] = frozenset()
    """Suppressions in force; read only when the stored findings are not empty."""
    index_digest: str | None = None
    """The registry's tool index `findings_context` was judged against (drift.ToolIndex.digest)."""

    def continued_by(self, outcome: Outcome) -> bool:
        """Whether a scan's `outcome` saw what the latest observation saw, with findings computed
        in the same context (so the stored ones hold): it would extend the observation."""
        return (
            self.status == ObservationStatus.OK == outcome.status
            and self.manifest_hash == outcome.manifest_hash
            and self.findings is not None
            and self.findings_context == outcome.findings_context
            and self.package == outcome.package
            and self.auth_surface == surface_column(outcome.auth_surface)
        )


@dataclass(frozen=True)
class Touch:
    """An unchanged scan to record: the observation it extends and the open event it saw again."""

    server_id: int
    observation_id: int
    manifest_hash: str
    findings_context: str | None
    event_id: int | None
    protocol_version: str | None
    seen: datetime
    index_digest: str | None = None
    """The registry's tool index the scan's `findings_context` holds in (drift.ToolIndex.digest)."""


def read_known(session: Session, names: Collection[str], now: datetime) -> dict[str, Known]:
    """What the store knows of each server of `names` that was ever scanned, in three queries at
    most: servers with their latest observation and baseline, open events, suppressions."""
    wanted = set(names)
    rows = session.connection()  # plain columns: no ORM result machinery per row
    by_name = {
        row.name: _known(row) for row in rows.execute(_narrowed(_latest_rows(), wanted)) if row.name in wanted
    }
    by_id = {known.server_id: name for name, known in by_name.items()}
    events: dict[int, list[OpenEvent]] = {}
    for row in rows.execute(_narrowed(_open_event_rows(), wanted)):
        if row.server_id in by_id:
            events.setdefault(row.server_id, []).append(
                OpenEvent(
                    row.id, row.subject, row.baseline_hash, row.observed_hash, row.severity, row.change_count
                )
            )
    screened = any(known.findings not in (None, "[]") for known in by_name.values())
    suppressed: dict[str, set[SuppressionKey]] = {}
    for suppression, name in active(session, now) if screened else ():
        suppressed.setdefault(name, set()).add(
            (suppression.rule, suppression.item, suppression.evidence_hash)
        )
    return {
        name: _with(known, tuple(events.get(known.server_id, ())), frozenset(suppressed.get(name, ())))
        for name, known in by_name.items()
    }


def _with(known: Known, events: tuple[OpenEvent, ...], suppressed: frozenset[SuppressionKey]) -> Known:
    return Known(**{**known.__dict__, "events": events, "suppressed": suppressed})


def _narrowed(query: Rows, wanted: Collection[str]) -> Rows:
    return query.where(Server.name.in_(list(wanted))) if len(wanted) <= FEW_NAMES else query


def _latest_rows() -> Rows:
    """Each server, its latest observation (store/observations.py `newest_per_server`) and the
    manifest hash of its newest baseline (none when never approved)."""
    newest = newest_per_server()
    newest_baseline = aliased(Baseline)
    baseline = select(func.max(newest_baseline.id)).where(newest_baseline.server_id == Server.id)
    o = Observation
    return (
        select(Server.id.label("server_id"), Server.name, Server.transport, o.id, o.status, o.manifest_hash)
        .add_columns(o.findings_context, o.findings, o.auth_surface, Baseline.manifest_hash.label("baseline"))
        .add_columns(o.package_ecosystem, o.package_name, o.package_version, o.package_digest)
        .add_columns(o.protocol_version, o.last_seen, o.index_digest)
        .select_from(Server)
        .join(newest, newest.c.server_id == Server.id)
        .join(o, o.id == newest.c.id)
        .outerjoin(Baseline, Baseline.id == baseline.scalar_subquery())
    )


def _known(row: Any) -> Known:
    return Known(
        server_id=row.server_id,
        transport=row.transport,
        observation_id=row.id,
        status=ObservationStatus(row.status),
        manifest_hash=row.manifest_hash,
        findings_context=row.findings_context,
        findings=row.findings,
        package=package_from(
            row.package_ecosystem, row.package_name, row.package_version, row.package_digest
        ),
        auth_surface=row.auth_surface,
        baseline_hash=row.baseline,
        protocol_version=row.protocol_version,
        last_seen=row.last_seen,
        index_digest=row.index_digest,
    )


def _open_event_rows() -> Rows:
    e = DriftEvent
    return (
        select(e.id, e.server_id, e.subject, e.baseline_hash, e.observed_hash, e.severity, e.change_count)
        .join(Server, Server.id == e.server_id)
        .where(e.state == EventState.OPEN)
        .order_by(e.id)
    )


def touch(session: Session, touches: Sequence[Touch]) -> int:
    """Record unchanged scans: `last_seen`, `scans`, the protocol version and the index digest of
    each observation, `last_seen` of each event seen again, one statement per table for the whole
    batch. Returns how many observations were extended (fewer than `touches` when rows moved on
    meanwhile)."""
    if not touches:
        return 0
    extended = session.execute(
        _EXTEND,
        [
            {
                "observation": t.observation_id,
                "server": t.server_id,
                "hash": t.manifest_hash,
                "context": t.findings_context,
                "protocol": t.protocol_version,
                "seen": t.seen,
                "index": t.index_digest,
            }
            for t in touches
        ],
    )
    events = [{"event": t.event_id, "seen": t.seen} for t in touches if t.event_id is not None]
    if events:
        session.execute(_SEE_AGAIN, events)
    return cast(int, getattr(extended, "rowcount", len(touches)))


def _extend() -> Any:
    # On the tables, not the ORM classes: executed over a batch, as plain executemany.
    table = cast(Table, Observation.__table__)
    c = table.c
    return (
        update(table)
        .where(
            table.c.id == bindparam("observation"),
            table.c.id == newest_id(bindparam("server")),
            table.c.status == ObservationStatus.OK,
            table.c.manifest_hash == bindparam("hash"),
            table.c.findings_context.is_not_distinct_from(
                bindparam("context", type_=c.findings_context.type)
            ),
        )
        .values(
            last_seen=bindparam("seen", type_=c.last_seen.type),
            scans=c.scans + 1,
            index_digest=bindparam("index", type_=c.index_digest.type),
            protocol_version=func.coalesce(
                bindparam("protocol", type_=c.protocol_version.type), c.protocol_version
            ),
        )
    )


def _see_again() -> Any:
    table = cast(Table, DriftEvent.__table__)
    return (
        update(table)
        .where(table.c.id == bindparam("event"), table.c.state == EventState.OPEN)
        .values(last_seen=bindparam("seen", type_=table.c.last_seen.type))
    )


_EXTEND = _extend()
_SEE_AGAIN = _see_again()
