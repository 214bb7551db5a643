"""Claiming a server's scan for the current interval (see models.ScanSlot)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from driftwatch.store.manifests import insert_ignoring_conflicts
from driftwatch.store.models import ScanSlot


def slot_of(now: datetime, interval: timedelta) -> int:
    return int(now.timestamp() // interval.total_seconds())


def claim(session: Session, server: str, replica: str, now: datetime, interval: timedelta) -> bool:
    """Whether `replica` won the right to scan `server` in the current interval."""
    current = slot_of(now, interval)
    insert_ignoring_conflicts(
        session,
        ScanSlot.__table__,  # type: ignore[arg-type]
        [{"server_name": server, "slot": current - 1, "holder": "", "claimed_at": now}],
    )
    won = session.execute(
        update(ScanSlot)
        .where(ScanSlot.server_name == server, ScanSlot.slot < current)
        .values(slot=current, holder=replica, claimed_at=now)
    )
    return bool(won.rowcount == 1)  # type: ignore[attr-defined]


def held_since(session: Session, replica: str, since: datetime) -> int:
    """How many servers `replica` claimed since `since` (its share of the work, for readiness)."""
    mine = select(func.count()).select_from(ScanSlot)
    return session.scalar(mine.where(ScanSlot.holder == replica, ScanSlot.claimed_at >= since)) or 0
