"""Claiming a server's scan for the current interval (see models.ScanSlot).

A server's scheduled scans fall on a grid of its own: `phase_of` places it in its interval from a
digest of its name, so every replica schedules it at the same moments and a fleet's scans are
spread evenly over the interval. Its slots are centred on those moments (`start` half an interval
before them): a run that waited its turn, or fired a little early or late, still claims the slot
it was scheduled for, up to half an interval either way. The passes that poll instead (reminders,
discovery, re-scans after a notification) keep slots starting at the epoch (`start` 0).
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from driftwatch.store.manifests import insert_ignoring_conflicts
from driftwatch.store.models import ScanSlot


def phase_of(server: str, interval: timedelta) -> float:
    """Where in each `interval` the server's scans fall: seconds past the epoch, modulo the interval
    (to the millisecond), the same on every replica."""
    digest = int.from_bytes(hashlib.sha256(server.encode()).digest()[:8], "big")
    return digest % max(1, round(interval.total_seconds() * 1000)) / 1000


def slot_start(server: str, interval: timedelta) -> float:
    """Where the server's slots start: half an interval before its scans are due (`phase_of`)."""
    return phase_of(server, interval) - interval.total_seconds() / 2


def slot_of(now: datetime, interval: timedelta, start: float = 0.0) -> int:
    """The slot `now` falls in, slots being `interval` long from `start` seconds past the epoch."""
    return math.floor((now.timestamp() - start) / interval.total_seconds())


def claim(
    session: Session, server: str, replica: str, now: datetime, interval: timedelta, start: float = 0.0
) -> bool:
    """Whether `replica` won the right to scan `server` in the slot `now` falls in."""
    current = slot_of(now, interval, start)
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
