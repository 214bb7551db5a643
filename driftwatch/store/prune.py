"""Retention: `driftwatch db prune --keep 90d`.

What goes: observations that ended before the cutoff (but never a server's latest one: it is the
current state), drift events closed before it with their delivered alerts, expired suppressions,
and then every manifest and item nothing refers to any more. What stays: every baseline and the
manifests baselines, open events and kept observations point to, so `diff`, `history` and
`report` keep working for the period that is kept, and rollbacks to any approved manifest too.
The audit log (store/audit.py) is never pruned: the pruning is one of its entries (`db.pruned`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import CompoundSelect, Delete, delete, or_, select, union
from sqlalchemy.orm import Session

from driftwatch.chain import timestamp
from driftwatch.model import AlertState
from driftwatch.store import audit
from driftwatch.store.models import (
    Alert,
    Baseline,
    DriftEvent,
    ItemRow,
    ManifestItem,
    ManifestRow,
    Observation,
    Suppression,
)
from driftwatch.store.observations import newest_per_server


@dataclass(frozen=True)
class Pruned:
    observations: int
    drift_events: int
    alerts: int
    suppressions: int
    manifests: int
    items: int


def _count(session: Session, statement: Delete) -> int:
    return int(session.execute(statement).rowcount)  # type: ignore[attr-defined]


def prune(session: Session, cutoff: datetime, now: datetime | None = None) -> Pruned:
    """Delete what ended before `cutoff`; `now` (default: the cutoff) dates the audit entry."""
    latest = select(newest_per_server().c.id)
    observations = _count(
        session, delete(Observation).where(Observation.last_seen < cutoff, Observation.id.not_in(latest))
    )
    # delivered (or abandoned) alerts first: events are only deleted once nothing refers to them
    kept_replies = select(Alert.parent_id).where(
        Alert.parent_id.is_not(None), or_(Alert.state == AlertState.PENDING, Alert.created_at >= cutoff)
    )
    alerts = _count(
        session,
        delete(Alert).where(
            Alert.state != AlertState.PENDING,
            Alert.created_at < cutoff,
            Alert.id.not_in(kept_replies),
            Alert.server_id.is_not(None),  # an unregistered server's alert: it says "paged once"
        ),
    )
    with_alerts = select(Alert.event_id).where(Alert.event_id.is_not(None))
    events = _count(
        session,
        delete(DriftEvent).where(DriftEvent.closed_at < cutoff, DriftEvent.id.not_in(with_alerts)),
    )
    suppressions = _count(
        session,
        delete(Suppression).where(or_(Suppression.expires_at < cutoff, Suppression.removed_at < cutoff)),
    )
    referenced: CompoundSelect[tuple[str | None]] = union(
        select(Observation.manifest_hash).where(Observation.manifest_hash.is_not(None)),
        select(Baseline.manifest_hash),
        select(DriftEvent.observed_hash),
        select(DriftEvent.baseline_hash).where(DriftEvent.baseline_hash.is_not(None)),
    )
    unreferenced = select(ManifestRow.hash).where(ManifestRow.hash.not_in(referenced))
    session.execute(delete(ManifestItem).where(ManifestItem.manifest_hash.in_(unreferenced)))
    manifests = _count(session, delete(ManifestRow).where(ManifestRow.hash.in_(unreferenced)))
    items = _count(session, delete(ItemRow).where(ItemRow.hash.not_in(select(ManifestItem.item_hash))))
    pruned = Pruned(observations, events, alerts, suppressions, manifests, items)
    audit.record(
        session,
        audit.EntryKind.DB_PRUNED,
        at=now or cutoff,
        data={"cutoff": timestamp(cutoff), **asdict(pruned)},
    )
    return pruned
