"""The inhibition's reach is counted in scans, not in time (alerts/policy.py): a failure among a
server's last few scans inhibits its removals however long those scans took, and a failure older
than that reach does not, however recent it is on the clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from driftwatch import store as store_module
from driftwatch.manifest import Manifest
from driftwatch.model import ObservationStatus
from driftwatch.store import Store
from driftwatch.store.models import Server
from driftwatch.store.observations import Outcome, failed_lately
from tests.support import tools_manifest

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def scan(store: Store, shown: Manifest | None, at: datetime) -> int:
    """One scan of `srv` at `at`: the manifest it listed, or a failure (None); its server's id."""
    with store.transaction() as session:
        if shown is None:
            outcome = Outcome(status=ObservationStatus.ERROR, error_class="crashed", error_message="exit 1")
        else:
            outcome = Outcome(status=ObservationStatus.OK, manifest_hash=shown.hash)
        server: Server = store_module.record(session, "srv", "stdio", outcome, at, shown)
        return server.id


def lately(store: Store, server_id: int, scans: int) -> bool:
    with store.transaction() as session:
        return failed_lately(session, server_id, scans)


@pytest.mark.parametrize("steady_scans", [0, 1, 2])
def test_a_failure_in_the_last_scans_counts_however_slow_they_were(store: Store, steady_scans: int) -> None:
    at = iter(START + timedelta(hours=i) for i in range(20))  # scans an hour apart: far past any interval
    scan(store, tools_manifest("a", "b"), next(at))
    for _ in range(3):
        scan(store, None, next(at))
    for _ in range(steady_scans):
        scan(store, tools_manifest("a"), next(at))
    server_id = scan(store, tools_manifest("a"), next(at))  # (the scan that came back with less)
    assert lately(store, server_id, 4) is True
    assert lately(store, server_id, steady_scans + 1) is False  # the failures are just out of reach


def test_a_recent_failure_before_enough_steady_scans_is_out_of_reach(store: Store) -> None:
    at = iter(START + timedelta(seconds=i) for i in range(20))  # a second apart: all recent on the clock
    scan(store, tools_manifest("a", "b"), next(at))
    scan(store, None, next(at))
    for _ in range(5):
        scan(store, tools_manifest("a", "b"), next(at))  # (one observation row counting five scans)
    server_id = scan(store, tools_manifest("a"), next(at))
    assert lately(store, server_id, 4) is False
    assert lately(store, server_id, 7) is True


def test_a_server_that_never_failed_is_not_inhibited(store: Store) -> None:
    server_id = scan(store, tools_manifest("a", "b"), START)
    assert lately(store, server_id, 4) is False
