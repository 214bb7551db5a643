"""`driftwatch run`: the long-running service, top to bottom.

1. Open the database and the registry; open one collector (TLS context, server processes, each
   server's protocol era) for the daemon's life.
2. Schedule one job per server at its interval (APScheduler, AsyncIOScheduler), on the server's
   own grid (`Grid`, store/slots.py): a digest of its name places it in the interval, so 500
   servers don't fire at once and every replica fires a server at the same moments. The first run
   comes within a minute; `coalesce` and `max_instances=1` mean a slow server never piles up scans.
   (No jitter: APScheduler's adds to each period, 5 % on average, and a daemon whose every server
   runs late falls behind its interval.) At most `concurrency`
   scheduled scans run at once across the daemon (`_scan_slots`); a fired job waits its turn,
   and a run due while it waits is skipped (counted: driftwatch_scans_skipped_total). Without
   that bound, the first cycle (every manifest new, each read by the detectors one after another
   in the semantic layer's worker) had every server's scan waiting in a worker thread, and the
   quick database work of the others, and housekeeping, waited behind them.
3. Every few seconds: deliver due alerts (the outbox dispatcher), reload the registry if its
   file changed (servers added, removed or changed take effect without a restart), refresh gauges,
   read the registry's tools again if a server showed something new (cross-server shadowing).
   With `discovery_homes`, `discovery_paths` or `discovery_kubernetes` set, every
   `discovery_interval` (one replica per interval): read the MCP client configs there (and the
   cluster's MCP server objects) in a worker thread, match them to the current registry, and
   alert once per server nobody registered (driftwatch/alerts/unregistered.py).
   Between scans, keep a listening session open to each server that can announce its changes
   (driftwatch/collect/listen.py) and re-scan a server the moment it does (`rescan`: the same
   single-server scan, never two of one server at once).
4. Serve /healthz (the process is alive), /readyz (database reachable, scheduler running) and
   /metrics (Prometheus) on the configured port.
5. On SIGTERM or SIGINT: take no new scans, close the listening sessions, give running scans
   `shutdown_grace` to finish (then cancel them, said in one line: their stdio servers are still
   reaped), flush the outbox, exit 0.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
import signal
import socket
from collections.abc import Callable, Iterator
from contextlib import AsyncExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import anyio
import uvicorn
from apscheduler.events import EVENT_JOB_MAX_INSTANCES, JobSubmissionEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from driftwatch import audit, discover, heap, monitor, redact, semantic_switch
from driftwatch.alerts import inbound, reminders, triggers, unregistered
from driftwatch.alerts.dispatcher import Dispatcher
from driftwatch.auth.storage import auth_for, database_tokens
from driftwatch.collect.client import Collector
from driftwatch.collect.listen import Listeners
from driftwatch.drift import ToolIndex
from driftwatch.errors import ConfigError
from driftwatch.logs import get_logger
from driftwatch.metrics import Metrics
from driftwatch.model import Severity
from driftwatch.registry import Owner, Registry, ServerSpec, load_registry
from driftwatch.replica import replica_id
from driftwatch.settings import Settings
from driftwatch.store import Store, slots
from driftwatch.store import gauges as store_gauges
from driftwatch.store.observations import observations_stamp

log = get_logger(__name__)

HOUSEKEEPING_SECONDS = 2.0
"""How often the outbox is drained and the registry file checked."""
REMIND_SECONDS = 2.0
"""How often the repeat pass runs (one replica per period): a repeat is due within this of its time."""
REMIND_SLOT = "(remind)"
"""The scan slot the repeat pass claims (no server name has parentheses)."""

DISCOVERY_SLOT = "(discovery)"
"""The scan slot the discovery job claims per interval (no server name has parentheses)."""


def listen_slot(server: str) -> str:
    """The slot a notification's re-scan claims: `(listen) NAME`, or a digest of a long name
    (the slot's column holds a server name's 128 characters)."""
    slot = f"(listen) {server}"
    return slot if len(slot) <= 128 else f"(listen) {hashlib.sha256(server.encode()).hexdigest()}"


UNSTORED_NOT_READY = 2
"""Consecutive scans that could not be written at all (not even as an error) before /readyz
says the replica is not doing its job."""


class _NoSkipWarnings(logging.Filter):
    """APScheduler warns once per skipped run of a job still running; for scan jobs the daemon
    counts them instead (driftwatch_scans_skipped_total) and says so once per SKIPPED_LOG_SECONDS."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not ("scan_server" in message and "maximum number of running instances" in message)


_NO_SKIP_WARNINGS = _NoSkipWarnings()
SKIPPED_LOG_SECONDS = 60.0
"""How often at most the daemon says that scheduled scans were skipped (it is behind)."""


class Grid(IntervalTrigger):  # type: ignore[misc]
    """An interval trigger that keeps to its grid (`phase` + n x `interval` seconds past the epoch)
    whatever its previous run: APScheduler's own counts each run from the one before, so a first
    run set apart (soon after start) would move every later one off the server's slots."""

    def __init__(self, interval: timedelta, phase: float) -> None:
        super().__init__(seconds=interval.total_seconds(), start_date=datetime.fromtimestamp(phase, UTC))

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        if previous_fire_time is not None:
            now = max(now, previous_fire_time + timedelta(microseconds=1))
        return super().get_next_fire_time(None, now)  # type: ignore[no-any-return]


class _QuietServer(uvicorn.Server):
    """uvicorn without its own signal handling: the daemon owns SIGTERM and SIGINT."""

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Daemon:
    def __init__(self, settings: Settings, clock: Callable[[], datetime] = _utc_now) -> None:
        self.settings = settings
        self.clock = clock
        """Wall-clock time (UTC) for scheduling and scan slots; tests pass a fake one."""
        self.metrics = Metrics()
        self.registry = Registry()
        self._unheard: tuple[Registry, list[str]] | None = None
        self._registry_stamp: tuple[int, int] | None = None
        self.unstored_scans = 0
        """Consecutive scans (any server) whose result could not be written."""
        self.replica = replica_id()
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self.stopping = asyncio.Event()
        self.running: set[asyncio.Task[Any]] = set()
        """Scans under way (scheduled or re-scans)."""
        self.jobs: set[asyncio.Task[Any]] = set()
        """Scheduled scan jobs fired and not done: waiting for a slot, or scanning."""
        self._scan_slots = asyncio.Semaphore(settings.concurrency)
        """At most `concurrency` scheduled scans at once across the daemon, as a `scan` command."""
        self._skipped_said = (0.0, 0.0)
        """(the skipped count, the monotonic time) when skipped runs were last logged."""
        self.store: Store | None = None
        self.collector: Collector | None = None
        self.dispatcher: Dispatcher | None = None
        self.listeners: Listeners | None = None
        """The long-lived listening sessions (real-time drift), synced with the registry."""
        self._scan_locks: dict[str, asyncio.Lock] = {}
        """One scan of a server at a time, scheduled or triggered by a notification."""
        self.tools: ToolIndex | None = None
        """The registry's tools (cross-server shadowing), read again when the observations move."""
        self._tools_stamp: int | None = None
        self._config_unrecorded = True
        """The registry applied last (or the settings at start) is not in the audit log yet."""

    # -- life cycle -------------------------------------------------------------------------

    async def run(self) -> int:
        semantic_switch.choose(self.settings.semantic_detection)  # (`on` without the extra: refused)
        listener = self._listen()  # a port in use is a configuration error, said before "running"
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stopping.set)
        self.store = Store.open(self.settings)
        async with AsyncExitStack() as stack:
            stack.callback(self.store.close)
            auth = auth_for(database_tokens(self.store, self.settings))
            self.collector = await stack.enter_async_context(Collector(self.settings, auth).session())
            self.dispatcher = Dispatcher(self.settings, self.store, self._owners, self._count_alert)
            stack.callback(self.dispatcher.close)
            self.listeners = Listeners(self.collector, self.settings, self.rescan, self.metrics)
            stack.push_async_callback(self.listeners.close)
            self.load_first_registry()
            self.record_config()
            self._warn_unheard()
            heap.settle()  # loaded and set up: what lives now lives as long as the process
            self.scheduler.add_listener(self._count_skipped, EVENT_JOB_MAX_INSTANCES)
            logging.getLogger("apscheduler.scheduler").addFilter(_NO_SKIP_WARNINGS)
            self.scheduler.start()
            stack.callback(lambda: self.scheduler.shutdown(wait=False))
            self.scheduler.add_job(
                self.housekeeping,
                "interval",
                seconds=HOUSEKEEPING_SECONDS,
                id="housekeeping",
                coalesce=True,
                max_instances=1,
                next_run_time=self.clock(),
            )
            self._schedule_discovery()
            http = _QuietServer(
                uvicorn.Config(
                    self.http_app(),
                    host=self.settings.http_host,
                    port=self.settings.http_port,
                    log_level="warning",
                    access_log=False,
                    lifespan="off",
                )
            )
            http_task = asyncio.create_task(http.serve(sockets=[listener]))
            port = listener.getsockname()[1]  # (http_port 0: the free port the system chose)
            log.info("driftwatch running", servers=len(self.registry.servers), port=port)
            await self.stopping.wait()
            log.info("stopping: no new scans", running=len(self.running))
            self.scheduler.pause()
            await self.listeners.close()
            await self._finish_running_scans()
            await self.dispatcher.drain(deadline=self.settings.shutdown_grace.total_seconds())
            http.should_exit = True
            await http_task
        log.info("driftwatch stopped")
        return 0

    def _listen(self) -> socket.socket:
        host, port = self.settings.http_host, self.settings.http_port
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        listener = socket.socket(family, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind((host, port))
        except OSError as exc:
            listener.close()
            raise ConfigError(
                f"cannot listen on {host}:{port} (http_host, http_port): {exc.strerror or exc}"
            ) from exc
        listener.listen(128)
        listener.setblocking(False)
        return listener

    def _warn_unheard(self) -> None:
        """Say at start, loudly, when a drift would alert nobody (the README's alert settings)."""
        unheard = self.unheard_servers()
        if not self.alert_channels():
            log.warning(
                "no alert channel configured: drift is recorded but nobody is told",
                enable="DRIFTWATCH_SLACK_WEBHOOK_URL, DRIFTWATCH_SLACK_BOT_TOKEN (+ slack_channel) "
                "or DRIFTWATCH_PAGERDUTY_ROUTING_KEY, DRIFTWATCH_OPSGENIE_API_KEY, "
                "DRIFTWATCH_TEAMS_WEBHOOK_URL, DRIFTWATCH_SIEM_FILE, DRIFTWATCH_SYSLOG_URL, "
                "DRIFTWATCH_WEBHOOK_URL (+ DRIFTWATCH_WEBHOOK_SECRET), or `receivers` (docs/routing.md)",
            )
        elif unheard:
            log.warning(
                "servers whose drift reaches no alert channel",
                servers=",".join(unheard),
                enable="owner.slack_channel or owner.pagerduty_routing_key, or the default settings",
            )

    def alert_channels(self) -> list[str]:
        """The receivers configured (a PagerDuty one only where some routing key exists: the
        receiver's, the setting's or an owner's)."""
        owners = [Owner(), *(s.owner for s in self.registry.servers)]
        return [
            name
            for name, receiver in self.settings.receiver_specs().items()
            if receiver.type != "pagerduty"
            or any(triggers.reachable(self.settings, receiver, owner) for owner in owners)
        ]

    def unheard_servers(self) -> list[str]:
        """Servers whose drift reaches no receiver: resolved once per registry loaded (readiness
        probes ask every few seconds; 1,000 servers' routes take 0.1 s)."""
        if self._unheard is None or self._unheard[0] is not self.registry:
            names = [s.name for s in self.registry.servers if not triggers.channels_for(self.settings, s)]
            self._unheard = (self.registry, names)
        return self._unheard[1]

    async def _finish_running_scans(self) -> None:
        """Give the scans under way `shutdown_grace`, then cancel what is left, in one line; a job
        waiting for a slot sees the daemon stopping when it gets one, and starts nothing."""
        under_way = self.running | self.jobs
        if not under_way:
            return
        _done, pending = await asyncio.wait(under_way, timeout=self.settings.shutdown_grace.total_seconds())
        for task in pending:
            task.cancel()
        if pending:
            log.warning("stopping: scans cancelled after the grace", scans=len(pending))
            await asyncio.wait(pending, timeout=10)

    # -- registry and jobs ------------------------------------------------------------------

    def load_first_registry(self) -> None:
        """The registry at start must load: a daemon watching nothing because of a typo would look
        healthy and page nobody. Later edits are reloaded all or nothing (`reload_registry`)."""
        self._registry_stamp = self._stamp()
        self._apply(load_registry(self.settings))

    def reload_registry(self) -> None:
        """Apply the registry file when it changed, all or nothing: an invalid file is refused
        whole (the error names the entry), the last good registry stays scheduled, and the file is
        tried again at its next change."""
        stamp = self._stamp()
        if stamp == self._registry_stamp:
            return
        self._registry_stamp = stamp
        try:
            registry = load_registry(self.settings)
        except ConfigError as exc:
            log.error("registry not reloaded: keeping the previous one", error=str(exc))
            self.metrics.registry_reloads.labels(outcome="refused").inc()
            return
        self._apply(registry)
        self.metrics.registry_reloads.labels(outcome="applied").inc()

    def record_config(self) -> None:
        """Append `config.changed` to the audit log when the configuration the daemon runs with
        (its settings, the registry applied) differs from the last it recorded; a database that
        cannot be written now is tried again at the next housekeeping."""
        if self.store is None:
            return
        self._config_unrecorded = False
        try:
            with self.store.transaction() as session:
                audit.record_config(session, self.settings, self.registry, "daemon", self.clock())
        except Exception:  # the database may be down: the scans go on, and this is tried again
            self._config_unrecorded = True
            log.exception("configuration not recorded in the audit log yet")

    def _stamp(self) -> tuple[int, int] | None:
        try:
            status = self.settings.registry_path.stat()
        except OSError:
            return None
        return status.st_mtime_ns, status.st_size

    def _apply(self, registry: Registry) -> None:
        """Add, remove and reschedule jobs to match `registry`; one server's scheduling error
        keeps that server's previous job and never stops the others'."""
        old = {s.name: s for s in self.registry.servers}
        kept: list[ServerSpec] = []
        for name in old.keys() - {s.name for s in registry.servers}:
            self.scheduler.remove_job(f"scan:{name}")
            log.info("server removed", server=name)
        for spec in registry.servers:
            try:
                if old.get(spec.name) != spec:
                    self._schedule(spec, first=spec.name not in old)
                kept.append(spec)
            except Exception as exc:
                log.error(
                    "server not rescheduled: keeping its previous job", server=spec.name, error=str(exc)
                )
                if spec.name in old:
                    kept.append(old[spec.name])
        self.registry = Registry(servers=tuple(kept))
        self._config_unrecorded = True
        self.metrics.servers.set(len(kept))
        if self.listeners is not None:
            self.listeners.sync(self.registry.servers)

    def _interval(self, spec: ServerSpec) -> timedelta:
        return spec.interval or self.settings.scan_interval

    def _schedule(self, spec: ServerSpec, *, first: bool) -> None:
        interval = self._interval(spec)
        start = self.clock() + timedelta(seconds=random.uniform(0, min(interval.total_seconds(), 60)))  # noqa: S311
        self.scheduler.add_job(
            self.scan_server,
            Grid(interval, slots.phase_of(spec.name, interval)),
            args=[spec.name],
            id=f"scan:{spec.name}",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(interval.total_seconds()),
            next_run_time=start,
        )
        log.info(
            "server scheduled" if first else "server changed",
            server=spec.name,
            every_seconds=interval.total_seconds(),
        )

    async def scan_server(self, name: str) -> None:
        """A server's job fired: wait for a scan slot (`_scan_slots`), claim the interval, scan.
        Cancelled while stopping (after `shutdown_grace`), it ends quietly: `run` says it once."""
        task = asyncio.current_task()
        assert task is not None
        self.jobs.add(task)
        try:
            async with self._scan_slots:
                spec = self.registry.get(name)  # (as it is now: the wait may have been long)
                if spec is None or self.stopping.is_set() or self.store is None or self.collector is None:
                    return
                if not await anyio.to_thread.run_sync(self._claim, spec):
                    return  # another replica scans this server in this interval
                await self._scan(spec, "schedule")
        except asyncio.CancelledError:
            if not self.stopping.is_set():
                raise
        finally:
            self.jobs.discard(task)

    def _count_skipped(self, event: JobSubmissionEvent) -> None:
        """A job was due while its previous run was still waiting or scanning: counted, not piled up."""
        if event.job_id.startswith("scan:"):
            self.metrics.scans_skipped.inc()

    def _say_skipped(self) -> None:
        """Log how many scheduled runs were skipped since it was last said, once per SKIPPED_LOG_SECONDS."""
        skipped = self.metrics.registry.get_sample_value("driftwatch_scans_skipped_total") or 0.0
        said, when = self._skipped_said
        now = asyncio.get_running_loop().time()
        if skipped > said and now - when >= SKIPPED_LOG_SECONDS:
            log.warning(
                "scans behind their interval: runs skipped while the previous one waited or ran",
                skipped=int(skipped - said),
                waiting_or_scanning=len(self.jobs),
                concurrency=self.settings.concurrency,
            )
            self._skipped_said = (skipped, now)

    async def rescan(self, name: str) -> None:
        """A server announced a change on its listening session (driftwatch/collect/listen.py):
        scan it now, the scheduled way, then deliver what the scan raised without waiting for
        housekeeping. The re-scan claims a slot of its own (`listen_rescan_gap` long), so with
        several replicas listening, one of them scans."""
        spec = self.registry.get(name)
        if spec is None or self.stopping.is_set() or self.store is None or self.dispatcher is None:
            return
        if not await anyio.to_thread.run_sync(self._claim_rescan, spec):
            return
        # Its own task: closing the listeners at shutdown leaves the scan its `shutdown_grace`;
        # it is counted as running from now, not from its first step, so a shutdown between the two
        # still waits for it.
        scan = asyncio.create_task(self._scan(spec, "rescan"), name=f"rescan:{name}")
        self.running.add(scan)
        scan.add_done_callback(self.running.discard)
        await asyncio.shield(scan)
        await self.dispatcher.run_once()

    async def _scan(self, spec: ServerSpec, trigger: str) -> None:
        assert self.store is not None and self.collector is not None
        task = asyncio.current_task()
        assert task is not None
        lock = self._scan_locks.setdefault(spec.name, asyncio.Lock())
        self.running.add(task)
        try:
            async with lock:
                [result] = await monitor.scan(
                    [spec], self.settings, self.store, self.collector, self.tools, trigger
                )
        finally:
            self.running.discard(task)
        error_class = result.error.error_class if result.error else ""
        self.unstored_scans = 0 if result.stored else self.unstored_scans + 1
        self.metrics.scans.labels(status=result.status, error_class=error_class).inc()
        self.metrics.scan_duration.observe(result.duration)

    # -- housekeeping -----------------------------------------------------------------------

    async def housekeeping(self) -> None:
        if self.stopping.is_set():
            return
        self._say_skipped()
        self.reload_registry()
        assert self.dispatcher is not None and self.store is not None
        if self._config_unrecorded:
            await anyio.to_thread.run_sync(self.record_config)
        await anyio.to_thread.run_sync(self._refresh_tools)
        repeated = await anyio.to_thread.run_sync(self._remind)
        if repeated is not None:
            self.metrics.reminders.labels(outcome="repeated" if repeated else "quiet").inc()
        await self.dispatcher.run_once()
        gauges = await anyio.to_thread.run_sync(self.store.read, store_gauges)
        for severity in map(str, Severity):
            self.metrics.open_events.labels(severity=severity).set(gauges.open_events.get(severity, 0))
        self.metrics.outbox_depth.set(gauges.outbox_depth)
        for server, when in gauges.last_success.items():
            self.metrics.last_success.labels(server=server).set(when.timestamp())

    def _remind(self) -> int | None:
        """Say again what nobody acknowledged (alerts/reminders.py), once per REMIND_SECONDS
        across replicas (a slot claim); None when another replica has this pass, or none is due."""
        assert self.store is not None
        if not self.settings.repeat_interval:
            return None
        with self.store.transaction() as session:
            now = self.clock()
            if not slots.claim(session, REMIND_SLOT, self.replica, now, timedelta(seconds=REMIND_SECONDS)):
                return None
            return reminders.remind(session, self.settings.repeat_interval, now)

    def _refresh_tools(self) -> None:
        """Read the registry's tools again if any server showed something new since they were read
        (by this replica or another): once per change, not once per scan (a read of every tool of
        the fleet, which made the daemon quadratic in its servers)."""
        assert self.store is not None
        stamp = self.store.read(observations_stamp)
        if self.tools is None or stamp != self._tools_stamp:
            self.tools, self._tools_stamp = monitor.read_tool_index(self.store), stamp

    def _claim(self, spec: ServerSpec) -> bool:
        assert self.store is not None
        with self.store.transaction() as session:
            interval = self._interval(spec)
            start = slots.slot_start(spec.name, interval)
            return slots.claim(session, spec.name, self.replica, self.clock(), interval, start)

    def _claim_rescan(self, spec: ServerSpec) -> bool:
        assert self.store is not None
        slot = listen_slot(spec.name)
        with self.store.transaction() as session:
            return slots.claim(session, slot, self.replica, self.clock(), self.settings.listen_rescan_gap)

    def _claimed_recently(self) -> int:
        """Servers whose latest scan this replica won (its share of the work), looking back two of
        the longest intervals: one interval, and room for a run that waited its turn."""
        assert self.store is not None
        longest = max((self._interval(s) for s in self.registry.servers), default=self.settings.scan_interval)
        since = self.clock() - 2 * longest
        with self.store.transaction() as session:
            return slots.held_since(session, self.replica, since)

    def _owners(self) -> dict[str, Owner]:
        return {s.name: s.owner for s in self.registry.servers}

    def _count_alert(self, channel: str, outcome: str) -> None:
        self.metrics.alerts.labels(channel=channel, outcome=outcome).inc()

    # -- discovery --------------------------------------------------------------------------

    def _schedule_discovery(self) -> None:
        if not self.settings.discovery_enabled:
            log.info("discovery off: no discovery_homes, discovery_paths or discovery_kubernetes configured")
            return
        every = self.settings.discovery_interval.total_seconds()
        self.scheduler.add_job(
            self.discover_unknown,
            "interval",
            seconds=every,
            id="discovery",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(every),
            next_run_time=self.clock(),
        )
        if not unregistered.channels(self.settings):
            log.warning("discovery on, but no alert channel: unregistered servers are only counted")
        log.info("discovery scheduled", every_seconds=every)

    async def discover_unknown(self) -> None:
        """One discovery run: claim the interval, read the configs (files: a worker thread), match
        them to the registry as it is now, alert once per unknown server. A failure of any kind
        is counted and logged, and the next interval tries again: it never stops the daemon."""
        if self.stopping.is_set() or self.store is None:
            return
        registry = self.registry
        try:
            if not await anyio.to_thread.run_sync(self._claim_discovery):
                return  # another replica looks in this interval
            report = await anyio.to_thread.run_sync(self._discover, registry)
            alerted = await anyio.to_thread.run_sync(self._alert_unknown, report)
        except Exception as exc:
            log.error("discovery run failed", error_type=type(exc).__name__, error=redact.scrub(str(exc)))
            self.metrics.discovery_runs.labels(outcome="failed").inc()
            return
        self.metrics.discovery_runs.labels(outcome="ok").inc()
        self.metrics.unknown_servers.set(len(report.unknown))
        self.metrics.discovery_unreadable.set(len(report.problems))
        log.info(
            "discovery run",
            files=len(report.files),
            unknown=len(report.unknown),
            registered=len(report.registered),
            unreadable=len(report.problems),
            alerted=alerted,
        )

    def _claim_discovery(self) -> bool:
        assert self.store is not None
        with self.store.transaction() as session:
            interval = self.settings.discovery_interval
            return slots.claim(session, DISCOVERY_SLOT, self.replica, self.clock(), interval)

    def _discover(self, registry: Registry) -> discover.Report:
        """Read every configured home and tree, and the cluster when `discovery_kubernetes` is
        not off (each bounded by driftwatch.discover), and match."""
        settings = self.settings
        homes: list[Path | None] = [*settings.discovery_homes] or [None]
        excludes = settings.discovery_excludes
        runs = [discover.discover(settings.discovery_paths, home=homes[0], excludes=excludes)]
        runs += [discover.discover([], home=home, excludes=excludes) for home in homes[1:]]
        runs.append(discover.discover_kubernetes(discover.kube_options(settings)))
        return discover.match(discover.merge(runs), registry)

    def _alert_unknown(self, report: discover.Report) -> int:
        assert self.store is not None
        with self.store.transaction() as session:
            return unregistered.on_unknown(session, report.unknown, self.settings, self.clock())

    # -- HTTP -------------------------------------------------------------------------------

    def http_app(self) -> Starlette:
        async def healthz(request: Request) -> Response:
            return JSONResponse({"status": "alive"})

        async def readyz(request: Request) -> Response:
            problems = []
            if not self.scheduler.running or self.stopping.is_set():
                problems.append("scheduler not running")
            try:
                assert self.store is not None
                with anyio.fail_after(5):
                    await anyio.to_thread.run_sync(self.store.ping)
            except Exception as exc:
                problems.append(f"database unreachable: {type(exc).__name__}")
            if self.unstored_scans >= UNSTORED_NOT_READY:
                problems.append(
                    f"database writes failing: the last {self.unstored_scans} scans were not stored"
                )
            claimed = 0 if problems else await anyio.to_thread.run_sync(self._claimed_recently)
            body = {
                "status": "ready" if not problems else "not ready",
                "problems": problems,
                "replica": self.replica,
                "servers": len(self.registry.servers),
                "servers_claimed_recently": claimed,
                "scans_running": len(self.running),
                "alerts": ",".join(self.alert_channels()) or "none configured",
                "servers_without_alerts": self.unheard_servers(),
            }
            return JSONResponse(body, status_code=200 if not problems else 503)

        async def metrics(request: Request) -> Response:
            return Response(generate_latest(self.metrics.registry), media_type=CONTENT_TYPE_LATEST)

        return Starlette(
            routes=[
                Route("/healthz", healthz),
                Route("/readyz", readyz),
                Route("/metrics", metrics),
                Route("/hooks/pagerduty", self.pagerduty_hook, methods=["POST"]),
            ]
        )

    async def pagerduty_hook(self, request: Request) -> Response:
        """A PagerDuty V3 webhook delivery (alerts/inbound.py): signed, bounded, then an
        `incident.acknowledged` acknowledges its drift events. 404 while no secret is set."""
        secret = self.settings.pagerduty_webhook_secret
        if secret is None:
            return JSONResponse({"error": "not configured"}, status_code=404)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > inbound.MAX_BODY:
                return JSONResponse({"error": "too large"}, status_code=413)
        header = request.headers.get("x-pagerduty-signature", "")
        if not inbound.signed(bytes(body), header, secret.get_secret_value()):
            return JSONResponse({"error": "bad signature"}, status_code=401)
        acknowledged = inbound.acknowledgement(bytes(body))
        if acknowledged is not None and self.store is not None:
            taken = await anyio.to_thread.run_sync(self._acknowledge, acknowledged)
            log.info("pagerduty acknowledged", events=len(taken))
        return JSONResponse({"ok": True})

    def _acknowledge(self, acknowledged: inbound.Acknowledged) -> list[int]:
        assert self.store is not None
        with self.store.transaction() as session:
            return inbound.acknowledge(session, acknowledged, self.clock())


def run(settings: Settings) -> int:
    return asyncio.run(Daemon(settings).run())
