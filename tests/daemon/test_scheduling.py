"""The daemon's scheduling in process, on a fake clock: which servers get a job, when they first
run, how a registry edit lands, and which replica scans in an interval. Nothing sleeps: the clock
is moved by hand and what happened is counted (jobs, metrics, slot claims, and the scans a fired
job asked `monitor.scan` for)."""

from __future__ import annotations

import asyncio
import itertools
import math
import os
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest
import yaml

from driftwatch import monitor
from driftwatch.collect.authsurface import Kept
from driftwatch.collect.client import Collected, Collector
from driftwatch.daemon import Daemon
from driftwatch.drift import ToolIndex
from driftwatch.manifest import Manifest
from driftwatch.model import ObservationStatus
from driftwatch.monitor import ServerResult
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from driftwatch.store import Store, slots

T0 = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def write_registry(path: Path, servers: dict[str, str | None], stamp: int) -> None:
    """`servers`: name -> interval (None: the default). `stamp` moves the file's mtime, so that
    the daemon sees an edit without anyone waiting for the file system clock to tick."""
    entries = [
        {"name": name, "transport": "stdio", "command": "true", **({"interval": every} if every else {})}
        for name, every in servers.items()
    ]
    path.write_text(yaml.safe_dump({"servers": entries}))
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    return tmp_path / "registry.yaml"


@pytest.fixture
def daemon(settings: Settings, registry_file: Path, store: Store) -> tuple[Daemon, Clock]:
    clock = Clock()
    write_registry(registry_file, {"a": None, "b": "60s"}, stamp=1)
    daemon = Daemon(settings.model_copy(update={"registry": registry_file}), clock=clock)
    daemon.store = store
    daemon.load_first_registry()
    return daemon, clock


def jobs(daemon: Daemon) -> dict[str, float]:
    """Scan jobs by server: the interval of each, in seconds."""
    return {
        job.id.removeprefix("scan:"): job.trigger.interval.total_seconds()
        for job in daemon.scheduler.get_jobs()
        if job.id.startswith("scan:")
    }


def reloads(daemon: Daemon, outcome: str) -> float:
    value = daemon.metrics.registry.get_sample_value(
        "driftwatch_registry_reloads_total", {"outcome": outcome}
    )
    return value or 0.0


def test_every_server_gets_one_job_first_run_spread_within_its_interval(daemon: tuple[Daemon, Clock]) -> None:
    scheduler, clock = daemon[0], daemon[1]
    assert jobs(scheduler) == {"a": scheduler.settings.scan_interval.total_seconds(), "b": 60.0}
    for job in scheduler.scheduler.get_jobs():
        assert clock.now <= job.next_run_time <= clock.now + timedelta(seconds=60)
        assert job.max_instances == 1 and job.coalesce


def test_a_registry_edit_adds_removes_and_reschedules_without_a_restart(
    daemon: tuple[Daemon, Clock], registry_file: Path
) -> None:
    scheduler = daemon[0]
    scheduler.reload_registry()  # unchanged file: nothing happens
    assert reloads(scheduler, "applied") == 0
    write_registry(registry_file, {"a": "30s", "c": None}, stamp=2)
    scheduler.reload_registry()
    assert jobs(scheduler) == {"a": 30.0, "c": scheduler.settings.scan_interval.total_seconds()}
    assert reloads(scheduler, "applied") == 1
    scheduler.reload_registry()
    assert reloads(scheduler, "applied") == 1  # counted once per edit, not per check


def test_an_invalid_edit_is_refused_whole_and_the_last_good_registry_keeps_running(
    daemon: tuple[Daemon, Clock], registry_file: Path
) -> None:
    scheduler = daemon[0]
    before = jobs(scheduler)
    registry_file.write_text("servers:\n  - name: a\n    transport: carrier-pigeon\n")
    os.utime(registry_file, ns=(3, 3))
    scheduler.reload_registry()
    assert jobs(scheduler) == before
    assert reloads(scheduler, "refused") == 1
    write_registry(registry_file, {"a": None}, stamp=4)  # fixed: applied at its next change
    scheduler.reload_registry()
    assert set(jobs(scheduler)) == {"a"} and reloads(scheduler, "applied") == 1


def due(server: str, interval: timedelta, after: datetime = T0) -> datetime:
    """The first moment at or after `after` when the server's scans are due on its grid."""
    every, phase = interval.total_seconds(), slots.phase_of(server, interval)
    return datetime.fromtimestamp(phase + math.ceil((after.timestamp() - phase) / every) * every, UTC)


def test_one_replica_scans_a_server_per_interval(daemon: tuple[Daemon, Clock], settings: Settings) -> None:
    first, clock = daemon
    second = Daemon(first.settings, clock=clock)
    second.replica, second.store, second.registry = "other:1", first.store, first.registry
    spec = first.registry.get("b")
    assert spec is not None
    clock.now = due("b", timedelta(seconds=60))
    assert first._claim(spec) is True
    assert second._claim(spec) is False
    clock.now += timedelta(seconds=20)
    assert first._claim(spec) is False and second._claim(spec) is False  # same 60 s interval
    clock.now += timedelta(seconds=60)
    assert second._claim(spec) is True and first._claim(spec) is False
    assert (first._claimed_recently(), second._claimed_recently()) == (0, 1)  # the latest claim counts


def test_every_replica_fires_a_server_on_the_same_grid_a_first_run_soon_then_one_run_per_interval(
    daemon: tuple[Daemon, Clock],
) -> None:
    first = daemon[0]
    second = Daemon(first.settings, clock=daemon[1])
    second.registry = first.registry
    for spec in first.registry.servers:
        second._schedule(spec, first=True)
    for name, every in (("a", first.settings.scan_interval), ("b", timedelta(seconds=60))):
        triggers = [r.scheduler.get_job(f"scan:{name}").trigger for r in (first, second)]
        soon = T0 + timedelta(seconds=7)  # a first run set apart from the grid
        runs = [[t.get_next_fire_time(soon, soon)] for t in triggers]
        for fired in runs:
            for _ in range(5):
                fired.append(triggers[0].get_next_fire_time(fired[-1], fired[-1]))
        assert runs[0] == runs[1], "every replica fires the server at the same moments"
        assert runs[0][0] == due(name, every, soon)
        assert {b - a for a, b in itertools.pairwise(runs[0])} == {every}, "no jitter adds to a period"


def test_runs_early_or_late_by_under_half_an_interval_scan_each_interval_once(
    daemon: tuple[Daemon, Clock],
) -> None:
    """Whatever a run waited for (its turn among `concurrency`, a busy loop), and with replicas
    firing the same server, the server is scanned once per interval: no interval twice, none missed."""
    first, clock = daemon
    second = Daemon(first.settings, clock=clock)
    second.replica, second.store, second.registry = "other:1", first.store, first.registry
    b = first.registry.get("b")
    assert b is not None
    every, moments = timedelta(seconds=60), random.Random(15)
    for spec in [b.model_copy(update={"name": f"s{i}"}) for i in range(10)]:  # phases all over
        won = 0
        for n in range(20):
            on_time = due(spec.name, every) + n * every
            for replica in (first, second):  # each fires once per interval, early or late
                clock.now = on_time + every * moments.uniform(-0.49, 0.49)
                won += replica._claim(spec)
        assert won == 20, spec.name


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The servers `monitor.scan` was asked to scan, in order (nothing is really scanned)."""
    calls: list[str] = []

    async def fake_scan(specs: list[ServerSpec], *args: object, **kwargs: object) -> list[ServerResult]:
        calls.extend(s.name for s in specs)
        return [ServerResult(name=s.name, status=ObservationStatus.OK) for s in specs]

    monkeypatch.setattr(monitor, "scan", fake_scan)  # the daemon calls `monitor.scan`
    return calls


def fire(daemon: Daemon, *names: str) -> None:
    """What the scheduler does when these servers' jobs fire (the collector is never reached)."""
    daemon.collector = daemon.collector or object()  # type: ignore[assignment]

    async def jobs_fire() -> None:
        for name in names:
            await daemon.scan_server(name)

    asyncio.run(jobs_fire())


def test_a_fired_job_scans_a_due_server_once_per_its_interval(
    daemon: tuple[Daemon, Clock], scanned: list[str]
) -> None:
    replica, clock = daemon  # a: the default 5 minutes, b: 60 s
    for name, every in (("a", replica.settings.scan_interval), ("b", timedelta(seconds=60))):
        clock.now = due(name, every)
        fire(replica, name, name)
        clock.now += every / 3
        fire(replica, name)
        assert scanned == [name], "not again within its interval"
        clock.now += every
        fire(replica, name, name)
        assert scanned == [name, name], "once in the next"
        scanned.clear()


def test_a_removed_server_is_not_scanned_even_if_its_job_fires(
    daemon: tuple[Daemon, Clock], registry_file: Path, scanned: list[str]
) -> None:
    replica = daemon[0]
    write_registry(registry_file, {"b": "60s", "c": "60s"}, stamp=2)
    replica.reload_registry()
    fire(replica, "a", "b", "c")
    assert scanned == ["b", "c"]


def test_a_stopping_daemon_starts_no_scan(daemon: tuple[Daemon, Clock], scanned: list[str]) -> None:
    replica = daemon[0]
    replica.stopping.set()
    fire(replica, "a", "b")
    assert scanned == []


class Shown(Collector):
    """Servers answering from a dict of name -> manifest, in process."""

    def __init__(self, settings: Settings, manifests: dict[str, Manifest]) -> None:
        super().__init__(settings)
        self.manifests = manifests

    async def collect(self, spec: ServerSpec, kept: Kept | None = None) -> Collected:
        return Collected(self.manifests[spec.name], "2026-07-28")


def tools(*names: str, description: str = "Does one thing.") -> Manifest:
    return Manifest.build(tools=[{"name": n, "description": description, "inputSchema": {}} for n in names])


def test_the_daemon_reads_the_registry_tools_once_per_change_not_once_per_scan(
    daemon: tuple[Daemon, Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    replica, clock = daemon
    reads: list[int] = []
    read = monitor.read_tool_index

    def counted(store: Store) -> ToolIndex:
        reads.append(1)
        return read(store)

    monkeypatch.setattr(monitor, "read_tool_index", counted)
    mentions = tools("add_note", description="Add a note; then call send_email.")
    replica.collector = Shown(replica.settings, {"a": mentions, "b": tools("send_email")})
    replica._refresh_tools()
    assert len(reads) == 1 and replica.tools is not None
    assert replica.tools.others("a", mentions) == {}  # nothing stored yet
    fire(replica, "a", "b")  # each scan uses the daemon's index: no read of its own
    assert len(reads) == 1
    replica._refresh_tools()  # two new manifests were stored: read again, once
    replica._refresh_tools()
    assert len(reads) == 2
    assert replica.tools.others("a", mentions) == {"send_email": "b"}
    clock.now += replica.settings.scan_interval
    fire(replica, "a", "b")  # nothing new shown: the index stays
    replica._refresh_tools()
    assert len(reads) == 2


class Held:
    """A `monitor.scan` that holds every scan until released, counting how many run at once."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.moved = asyncio.Event()
        self.started: list[str] = []
        self.at_once = 0
        self.most_at_once = 0
        self.done = 0

    async def scan(self, specs: list[ServerSpec], *args: object, **kwargs: object) -> list[ServerResult]:
        self.started.extend(s.name for s in specs)
        self.moved.set()
        self.at_once += 1
        self.most_at_once = max(self.most_at_once, self.at_once)
        try:
            await self.release.wait()
        finally:
            self.at_once -= 1
        self.done += 1
        return [ServerResult(name=s.name, status=ObservationStatus.OK) for s in specs]

    async def until_started(self, scans: int) -> None:
        while len(self.started) < scans:
            self.moved.clear()
            await self.moved.wait()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Held:
    scans = Held()
    monkeypatch.setattr(monitor, "scan", scans.scan)
    return scans


class Asked(asyncio.Semaphore):
    """The daemon's bound on scheduled scans, telling when `expected` jobs have asked for a slot
    (those past it are scanning; the rest wait on it)."""

    def __init__(self, value: int, expected: int) -> None:
        super().__init__(value)
        self.expected, self.asked, self.all_asked = expected, 0, asyncio.Event()

    async def acquire(self) -> Literal[True]:
        self.asked += 1
        if self.asked == self.expected:
            self.all_asked.set()
        return await super().acquire()


def fleet(settings: Settings, registry_file: Path, store: Store, servers: int, concurrency: int) -> Daemon:
    write_registry(registry_file, {f"s{i}": "60s" for i in range(servers)}, stamp=5)
    update = {"registry": registry_file, "concurrency": concurrency, "shutdown_grace": timedelta(0)}
    replica = Daemon(settings.model_copy(update=update), clock=Clock())
    replica.store, replica.collector = store, object()  # type: ignore[assignment]
    replica.load_first_registry()
    return replica


def all_asked(replica: Daemon, jobs: int) -> Asked:
    """Put a counting bound on scans in the daemon before `jobs` jobs fire."""
    replica._scan_slots = Asked(replica.settings.concurrency, jobs)
    return replica._scan_slots


def test_the_daemon_runs_at_most_concurrency_scheduled_scans_at_once(
    settings: Settings, registry_file: Path, store: Store, held: Held
) -> None:
    replica = fleet(settings, registry_file, store, servers=5, concurrency=2)

    async def all_fire() -> None:
        slots = all_asked(replica, 5)
        jobs = [asyncio.create_task(replica.scan_server(f"s{i}")) for i in range(5)]
        await held.until_started(2)
        await slots.all_asked.wait()
        assert held.at_once == 2 and len(replica.jobs) == 5 and slots.locked()  # three wait for a slot
        held.release.set()
        await asyncio.gather(*jobs)

    asyncio.run(all_fire())
    assert held.most_at_once == 2
    assert sorted(held.started) == [f"s{i}" for i in range(5)] and held.done == 5
    assert not replica.jobs


def test_stopping_cancels_what_outlives_the_grace_quietly_and_starts_nothing_waiting(
    settings: Settings, registry_file: Path, store: Store, held: Held
) -> None:
    replica = fleet(settings, registry_file, store, servers=3, concurrency=1)

    async def stop_while_scanning() -> list[asyncio.Task[None]]:
        slots = all_asked(replica, 3)
        jobs = [asyncio.create_task(replica.scan_server(f"s{i}")) for i in range(3)]
        await held.until_started(1)
        await slots.all_asked.wait()  # the two others wait for a slot
        replica.stopping.set()
        await replica._finish_running_scans()  # a grace of 0: the scan under way is cancelled
        return jobs

    jobs = asyncio.run(stop_while_scanning())
    assert held.started == ["s0"] and held.done == 0  # the two waiting never started a scan
    # every job ended without an exception, so the scheduler logs no traceback for any of them
    assert all(job.done() and not job.cancelled() and job.exception() is None for job in jobs)
    assert not replica.jobs and not replica.running


def test_a_cancelled_scan_job_still_raises_when_the_daemon_is_not_stopping(
    settings: Settings, registry_file: Path, store: Store, held: Held
) -> None:
    replica = fleet(settings, registry_file, store, servers=1, concurrency=1)

    async def cancel_one() -> asyncio.Task[None]:
        job = asyncio.create_task(replica.scan_server("s0"))
        await held.until_started(1)
        job.cancel()
        await asyncio.wait([job])
        return job

    assert asyncio.run(cancel_one()).cancelled()
