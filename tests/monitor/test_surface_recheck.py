"""Which authorization surfaces a scan cycle keeps instead of reading (monitor._kept_surfaces,
collect/authsurface.py `recheck_due`): only that of a server that publishes no metadata, scanned
without credentials after a successful scan, until its period comes round; every other surface is
read on every scan."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from driftwatch import monitor
from driftwatch.collect.authsurface import NO_METADATA, recheck_due
from driftwatch.model import AuthSurface, ObservationStatus
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from driftwatch.store.known import Known
from driftwatch.store.observations import surface_column

NOW = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
PUBLIC = ServerSpec(name="public", transport="streamable_http", url="https://mcp.example/mcp")


def known(surface: AuthSurface | None, last_seen: datetime = NOW - timedelta(seconds=60)) -> Known:
    return Known(
        server_id=1,
        transport="streamable_http",
        observation_id=1,
        status=ObservationStatus.OK,
        manifest_hash="sha256:m",
        findings_context=None,
        findings="[]",
        package=None,
        auth_surface=surface_column(surface),
        baseline_hash="sha256:m",
        protocol_version="2026-07-28",
        last_seen=last_seen,
    )


def kept(spec: ServerSpec, last: Known, settings: Settings) -> dict[str, AuthSurface]:
    surfaces = monitor._kept_surfaces([spec], {spec.name: last}, settings, NOW)
    assert all(k.manifest_hash == last.manifest_hash for k in surfaces.values())  # kept for it only
    return {name: k.surface for name, k in surfaces.items()}


def test_a_server_that_publishes_nothing_keeps_its_answer_until_its_period_comes_round(
    settings: Settings,
) -> None:
    assert kept(PUBLIC, known(NO_METADATA), settings) == {"public": NO_METADATA}
    a_period_ago = known(NO_METADATA, NOW - settings.auth_surface_recheck)
    assert kept(PUBLIC, a_period_ago, settings) == {}
    never = replace(known(NO_METADATA), last_seen=None)
    assert kept(PUBLIC, never, settings) == {}


@pytest.mark.parametrize(
    "spec",
    [
        PUBLIC.model_copy(update={"headers": {"authorization": "Bearer x"}}),
        PUBLIC.model_copy(update={"url": "https://mcp.example/mcp?key=x"}),
        ServerSpec(name="public", transport="stdio", command="server"),
    ],
    ids=["headers", "query", "stdio"],
)
def test_a_server_scanned_with_credentials_or_over_stdio_is_never_kept(
    spec: ServerSpec, settings: Settings
) -> None:
    assert kept(spec, known(NO_METADATA), settings) == {}


def test_metadata_published_an_unknown_surface_or_a_failed_scan_is_read_again(settings: Settings) -> None:
    protected = AuthSurface(True, "https://mcp.example/mcp", ("https://login.example",))
    assert kept(PUBLIC, known(protected), settings) == {}
    assert kept(PUBLIC, known(None), settings) == {}
    asked = replace(NO_METADATA, resource_metadata="")  # (read with its challenge asked)
    assert kept(PUBLIC, known(asked), settings) == {}
    failed = replace(known(NO_METADATA), status=ObservationStatus.ERROR)
    assert kept(PUBLIC, failed, settings) == {}


def test_no_recheck_period_or_no_pins_reads_every_surface(settings: Settings) -> None:
    every_scan = settings.model_copy(update={"auth_surface_recheck": timedelta(0)})
    assert kept(PUBLIC, known(NO_METADATA), every_scan) == {}
    unpinned = settings.model_copy(update={"auth_surface_pins": False})
    assert kept(PUBLIC, known(NO_METADATA), unpinned) == {}


def test_a_server_is_read_once_per_period_at_its_own_moment() -> None:
    scans = [NOW + timedelta(minutes=m) for m in range(0, 6 * 60 + 1)]  # a scan a minute, 6 hours
    reads = {
        name: [now for last, now in pairwise(scans) if recheck_due(name, last, now, HOUR)]
        for name in (f"s{i}" for i in range(50))
    }
    assert all(len(due) in (5, 6) for due in reads.values())  # once in each hour, whatever its phase
    assert all(b - a == HOUR for due in reads.values() for a, b in pairwise(due))
    assert len({due[0].minute for due in reads.values()}) > 20  # spread, not all on the hour


def test_a_scan_more_than_a_period_after_the_last_always_reads() -> None:
    assert recheck_due("s", NOW - HOUR - timedelta(seconds=1), NOW, HOUR)
    assert recheck_due("s", None, NOW, HOUR)
    assert recheck_due("s", NOW, NOW, timedelta(0))
