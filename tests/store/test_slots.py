"""Scan slots in process: one replica scans a server per interval, whichever asks first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from driftwatch.store import Store, slots

INTERVAL = timedelta(minutes=5)
T0 = datetime(2026, 12, 4, 2, 0, 30, tzinfo=UTC)


def claim(store: Store, replica: str, now: datetime, server: str = "s") -> bool:
    with store.transaction() as session:
        return slots.claim(session, server, replica, now, INTERVAL)


def test_one_replica_wins_each_interval(store: Store) -> None:
    assert claim(store, "a", T0) is True
    assert claim(store, "b", T0 + timedelta(seconds=10)) is False
    assert claim(store, "a", T0 + timedelta(seconds=20)) is False  # not twice in one interval either
    assert claim(store, "b", T0 + INTERVAL) is True  # the next interval is anyone's
    assert claim(store, "a", T0 + INTERVAL) is False


def test_servers_are_claimed_independently_and_counted_per_replica(store: Store) -> None:
    assert claim(store, "a", T0, "s1") and claim(store, "b", T0, "s2") and claim(store, "a", T0, "s3")
    with store.transaction() as session:
        assert slots.held_since(session, "a", T0 - timedelta(minutes=1)) == 2
        assert slots.held_since(session, "b", T0 - timedelta(minutes=1)) == 1
        assert slots.held_since(session, "a", T0 + timedelta(minutes=1)) == 0
