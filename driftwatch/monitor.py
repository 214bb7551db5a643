"""One scan cycle: collect every server (bounded concurrency), store what each showed.

1. One Collector per cycle, so HTTP servers share one TLS context (each has its own small pool).
2. At most `concurrency` servers in flight; each has its own deadline inside the collector.
3. Each server's outcome is stored as soon as it is known, in its own transaction, from a worker
   thread so that database I/O never stalls the other servers' connections; but for an
   unchanged scan (5.).
4. Nothing one server does (hang, crash, garbage, a huge answer, even a driftwatch bug while
   storing it) reaches another server's result: every failure ends as that server's error.
5. What is known is skipped: the cycle reads once what the store knows of its servers
   (store/known.py); a server showing the manifest of its latest observation, with nothing left to
   decide, is decided from that read in the event loop (drift.decide_unchanged: no query, no
   thread) and recorded in a batch (`Pending`: one UPDATE per table per 100 scans). Only a
   changed manifest (or a change among the other servers' tools it names) runs the detectors and
   the diff, once. The registry's tool names, which shadowing is judged against, are read once
   per cycle (drift.ToolIndex); a server's view of them (the other servers' tools its manifest
   could name) is made only when its manifest or the index changed since its findings context was
   judged (`_judged_in`: the observation keeps the index's digest). Of a server's manifest only
   what the scan reports (`Shown`) is kept once its result is stored: memory grows with
   concurrency, not the fleet.
6. For a stdio server, the package its launch ran is read from the files the launch used
   (collect/package.py) and stored with the observation: a new package under the same manifest is
   a `package-changed` event (drift/packages.py); a launch that is not pinned is an
   `unpinned-launch` finding, added to the server's findings (it is about the registry entry, not
   what the server showed, so it is not stored with the manifest's findings).
7. For an HTTP server, its authorization surface (OAuth protected resource metadata and its
   authorization servers' issuers, collect/authsurface.py) is read after its lists and stored with
   the observation the same way: a new one is an `auth-surface-changed` event (drift/authsurface.py).
   The surface of a server that publishes none and is scanned without credentials is read again
   once per `auth_surface_recheck` (`_kept_surfaces`; collect/authsurface.py says why that is safe
   and the rest is not).
8. When traces are on (telemetry.py), a cycle is a span, each server's scan (collected and
   stored) a span inside it, with its MCP attributes and its outcome: ok, changed or error.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime

import anyio

from driftwatch import drift, semantic_switch, telemetry
from driftwatch.auth.storage import auth_for, database_tokens
from driftwatch.collect import authsurface
from driftwatch.collect import package as packages
from driftwatch.collect.client import AuthFor, Collected, Collector, Era
from driftwatch.errors import CollectError, ConfigError, ErrorClass
from driftwatch.lockfile import LockedBaseline
from driftwatch.logs import get_logger
from driftwatch.manifest import Manifest
from driftwatch.model import (
    AuthSurface,
    Change,
    DriftSummary,
    EventState,
    Finding,
    JSONObject,
    ObservationStatus,
    Package,
)
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from driftwatch.store import Outcome, Store, record
from driftwatch.store.known import Known, Touch, read_known, touch
from driftwatch.store.observations import surface_column, tool_owners

log = get_logger(__name__)


@dataclass(frozen=True)
class Shown:
    """What a scan reports of a manifest, kept once the manifest itself is stored and let go."""

    server_version: str | None
    counts: dict[str, int]
    items: dict[str, str]
    """Item ref -> item hash, the first item of each name."""
    duplicates: list[dict[str, str]]
    """Items listed under a name already seen (`items` keeps the first of each name): every copy is
    shown, since a second tool of the same name is how an agent gets shadowed."""

    @classmethod
    def of(cls, manifest: Manifest) -> Shown:
        """The items map and the duplicates in one walk of the items (each `ref` made once)."""
        listed = [(item.ref, item.hash) for item in manifest.items()]
        first: dict[str, str] = {}
        duplicates = []
        for ref, digest in listed:
            if ref in first:
                duplicates.append({"item": ref, "hash": digest})
            else:
                first[ref] = digest
        items = {ref: first[ref] for ref, _ in reversed(listed)}  # (in the order scan JSON has them)
        return cls(manifest.server_version, manifest.counts(), items, duplicates)


@dataclass
class ServerResult:
    """What a scan found for one server; `to_json` is the `servers[]` entry of `scan --format json`.

    `manifest` is held until the result is stored (`release`): a cycle of a thousand servers keeps
    what it reports of each (`shown`), not what each showed."""

    name: str
    status: ObservationStatus
    error: CollectError | None = None
    manifest: Manifest | None = None
    shown: Shown | None = None
    manifest_hash: str | None = None
    protocol_version: str | None = None
    duration: float = 0.0
    drift: DriftSummary | None = None
    findings: list[Finding] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    """The classified changes against a lock file's baseline (`scan_against_lock`, for `scan
    --baseline-file --format sarif`); a scan against the database stores them instead."""
    package: Package | None = None
    """What a stdio launch ran (collect/package.py); None when unknown."""
    auth_surface: AuthSurface | None = None
    """An HTTP server's authorization surface (collect/authsurface.py); None when unknown."""
    stored: bool = True
    """False when not even the error observation could be written (the database refuses writes)."""

    @property
    def server_version(self) -> str | None:
        return self.shown.server_version if self.shown else None

    def release(self) -> ServerResult:
        """Let go of the manifest, keeping what is reported of it."""
        self.manifest = None
        return self

    def to_json(self) -> JSONObject:
        shown = self.shown
        return {
            "server": self.name,
            "name": self.name,  # the old name of `server`, kept until the next release
            "status": str(self.status),
            "error": {"class": self.error.error_class, "message": self.error.message} if self.error else None,
            "manifest_hash": self.manifest_hash,
            "server_version": self.server_version,
            "protocol_version": self.protocol_version,
            "counts": shown.counts if shown else None,
            "items": shown.items if shown else {},
            "duplicates": shown.duplicates if shown else [],
            "package": self.package.to_json() if self.package else None,
            "auth_surface": self.auth_surface.to_json() if self.auth_surface else None,
            "drift": self.drift.to_json() if self.drift else None,
            "findings": [f.to_json() for f in self.findings],
            "duration_seconds": round(self.duration, 3),
        }


async def scan(
    specs: Sequence[ServerSpec],
    settings: Settings,
    store: Store,
    collector: Collector | None = None,
    index: drift.ToolIndex | None = None,
    trigger: str = "scan",
    eras_from_store: bool = False,
) -> list[ServerResult]:
    """Scan `specs` once, storing each result as it comes; results in the order of `specs`.

    A long-lived `collector` (the daemon's) keeps its TLS context and protocol eras between calls;
    without one, the scan opens a collector for itself. `eras_from_store`: the given collector
    learns the protocol era of each server it does not know yet from its latest observation (a
    `scan` command's fresh collector; the daemon's remembers its own). Without an `index` of the
    registry's tools (the daemon keeps one), the scan reads it. `trigger`: why the cycle runs (its
    span says it: `scan`, the daemon's `schedule` or `rescan`). Unchanged scans are recorded in
    batches (`Pending`), the last when the cycle ends, however it ends.
    """
    tools, known = await anyio.to_thread.run_sync(_read_cycle, store, [s.name for s in specs], index)
    if collector is not None and eras_from_store:
        for name, era in _eras(known).items():
            collector.eras.setdefault(name, era)
    pending = Pending(store)
    digest = tools.digest()

    async def stored(spec: ServerSpec, result: ServerResult) -> ServerResult:
        view = None
        if result.manifest is not None:
            last = known.get(spec.name)
            context = _judged_in(digest, last, result)
            if context is None:
                view = _view(tools, spec, result.manifest, digest)
                context = view.context
            if pending.take(result, _unchanged(spec, result, last, (context, digest), settings)):
                if pending.due():
                    await pending.flush()
                return result.release()
            view = view or _view(tools, spec, result.manifest, digest)
        done = await anyio.to_thread.run_sync(_store_result, store, settings, spec, result, view)
        return done.release()

    auth = auth_for(database_tokens(store, settings))
    kept = _kept_surfaces(specs, known, settings, datetime.now(UTC))
    try:
        return await _collect_all(specs, settings, stored, collector, auth, trigger=trigger, kept=kept)
    finally:
        with anyio.CancelScope(shield=True):
            await pending.flush()


@dataclass(frozen=True)
class View:
    """The other servers' tools a manifest could name, their digest, and the index they were read
    from (drift.ToolIndex: `others`, `context`, `digest`)."""

    others: Mapping[str, str]
    context: str
    index: str


def _view(index: drift.ToolIndex, spec: ServerSpec, manifest: Manifest, digest: str) -> View:
    others = index.others(spec.name, manifest)
    return View(others, index.context(others), digest)


def _judged_in(digest: str, known: Known | None, result: ServerResult) -> str | None:
    """The findings context of the server's latest observation, when the scan shows its manifest
    and that context was judged in this very index (`digest`, drift.ToolIndex.digest): the view
    would be the one it was, so it is not made again. None: the view is to be made. (Another
    server gaining, losing or renaming a tool changes the index: every view is made once more.)"""
    if known is None or known.manifest_hash != result.manifest_hash or known.index_digest != digest:
        return None
    return known.findings_context


def _read_cycle(
    store: Store, names: list[str], index: drift.ToolIndex | None
) -> tuple[drift.ToolIndex, dict[str, Known]]:
    """What the cycle reads once: the registry's tools (unless given) and what the store knows of
    each server (store/known.py). A store that cannot be read leaves every server to the full
    path, which records each one's failure as its own."""
    index = index if index is not None else read_tool_index(store)
    try:
        return index, store.read(read_known, names, datetime.now(UTC))
    except Exception:
        log.exception("reading the known servers failed")
        return index, {}


def _eras(known: Mapping[str, Known]) -> dict[str, Era]:
    """The protocol each server answered in at its last successful scan, when that was its last
    scan, so that a 2025-era server is not asked `server/discover` again."""
    return {
        name: Era(k.protocol_version, k.manifest_hash)
        for name, k in known.items()
        if k.status is ObservationStatus.OK and k.protocol_version is not None and k.manifest_hash is not None
    }


_NO_METADATA = surface_column(authsurface.NO_METADATA)


def _kept_surfaces(
    specs: Sequence[ServerSpec], known: Mapping[str, Known], settings: Settings, now: datetime
) -> dict[str, authsurface.Kept]:
    """The authorization surfaces this cycle keeps instead of reading (collect/authsurface.py): of
    each HTTP server scanned without credentials whose latest observation, a successful one, saw
    no metadata published, and whose read again is not due. The collector reads the surface
    anyway if the server shows another manifest, or asks for credentials (its scan then fails and
    its surface is read)."""
    if not settings.auth_surface_pins:
        return {}
    kept = {}
    for spec in specs:
        last = known.get(spec.name)
        if (
            spec.url is not None
            and not spec.credentialed
            and last is not None
            and last.status is ObservationStatus.OK
            and last.manifest_hash is not None
            and last.auth_surface == _NO_METADATA
            and not authsurface.recheck_due(spec.name, last.last_seen, now, settings.auth_surface_recheck)
        ):
            kept[spec.name] = authsurface.Kept(last.manifest_hash, authsurface.NO_METADATA)
    return kept


def _unchanged(
    spec: ServerSpec,
    result: ServerResult,
    known: Known | None,
    judged: tuple[str, str],
    settings: Settings,
) -> drift.Unchanged | None:
    """The scan's result when it saw what the server's latest observation saw with nothing left
    to decide (drift.decide_unchanged), without a query; None for the full path. `judged`: the
    findings context of this scan and the digest of the index it holds in."""
    outcome = Outcome(
        ObservationStatus.OK,
        manifest_hash=result.manifest_hash,
        protocol_version=result.protocol_version,
        findings_context=judged[0],
        index_digest=judged[1],
        package=result.package,
        auth_surface=result.auth_surface,
    )
    unchanged = drift.decide_unchanged(known, spec.transport, outcome, datetime.now(UTC), settings.overrides)
    if unchanged is not None:
        result.drift, result.findings = unchanged.drift, unchanged.findings
    return unchanged


class Pending:
    """Unchanged scans decided but not yet recorded, written in batches (store/known.py `touch`):
    one statement per table per batch instead of a transaction, and a worker thread, per server.

    A batch is written once it holds BATCH scans or its oldest is BATCH_SECONDS old (checked as
    scans come), and when the cycle ends, however it ends (a cancellation included). A process
    killed outright loses the batch it held: the `last_seen` and `scans` of at most BATCH
    unchanged scans, never a change, an event or an alert (those are stored at once, on the full
    path). A batch the database refuses turns its scans into `store` errors, as the full path
    would report them; one whose rows moved on meanwhile (store/known.py) is logged.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._batch: list[tuple[Touch, ServerResult]] = []
        self._since = 0.0

    def take(self, result: ServerResult, unchanged: drift.Unchanged | None) -> bool:
        """Queue `result`'s scan if it is unchanged; False when it needs the full path."""
        if unchanged is None:
            return False
        if not self._batch:
            self._since = time.monotonic()
        self._batch.append((unchanged.touch, result))
        return True

    def due(self) -> bool:
        return len(self._batch) >= BATCH or time.monotonic() - self._since >= BATCH_SECONDS

    async def flush(self) -> None:
        batch, self._batch = self._batch, []
        if batch:
            await anyio.to_thread.run_sync(self._write, batch)

    def _write(self, batch: list[tuple[Touch, ServerResult]]) -> None:
        try:
            with self._store.transaction() as session:
                extended = touch(session, [t for t, _ in batch])
        except Exception as exc:
            log.exception("recording unchanged scans failed", scans=len(batch))
            for _, result in batch:
                _unrecorded(result, exc)
            return
        if extended < len(batch):
            log.warning(
                "unchanged scans not counted: their observations moved on", scans=len(batch) - extended
            )


BATCH = 100
BATCH_SECONDS = 2.0


def _unrecorded(result: ServerResult, exc: Exception) -> None:
    """An unchanged scan the database refused: reported as `_store_unstorable` reports a scan
    whose error could not be recorded either."""
    message = f"manifest {result.manifest_hash} could not be stored: {type(exc).__name__}"
    result.status, result.error, result.stored = (
        ObservationStatus.ERROR,
        CollectError(ErrorClass.STORE, message),
        False,
    )
    result.shown = result.manifest_hash = result.protocol_version = result.drift = None
    result.package = result.auth_surface = None
    result.findings = []


async def scan_against_lock(
    specs: Sequence[ServerSpec],
    settings: Settings,
    baselines: Mapping[str, LockedBaseline],
    collector: Collector | None = None,
) -> list[ServerResult]:
    """Scan `specs` and compare them with a lock file's baselines, touching no database.

    Shadowing is judged among the servers of this scan (there is no stored registry-wide view).
    """

    async def unchanged(spec: ServerSpec, result: ServerResult) -> ServerResult:
        return result

    results = await _collect_all(specs, settings, unchanged, collector, trigger="lock")
    owners: dict[str, list[str]] = {}
    for result in results:
        for tool in result.manifest.tools if result.manifest else ():
            owners.setdefault(tool.key, []).append(result.name)
    index = drift.ToolIndex(owners)
    for result in results:
        if result.manifest is None:
            continue
        locked = baselines.get(result.name)
        baseline = locked.manifest if locked else None
        other_tools = index.others(result.name, result.manifest)
        assessment = drift.assess(baseline, result.manifest, other_tools, overrides=settings.overrides)
        result.findings = assessment.findings
        result.changes = assessment.changes
        if baseline is None or baseline.hash != result.manifest.hash:
            result.drift = DriftSummary(
                None,
                baseline.hash if baseline else None,
                result.manifest.hash,
                assessment.severity,
                len(assessment.changes),
                EventState.OPEN,
            )
    return results


def read_tool_index(store: Store) -> drift.ToolIndex:
    """The registry's tools as the database knows them now."""
    return drift.ToolIndex(store.read(tool_owners))


async def _collect_all(
    specs: Sequence[ServerSpec],
    settings: Settings,
    handle: Callable[[ServerSpec, ServerResult], Awaitable[ServerResult]],
    collector: Collector | None = None,
    auth: AuthFor | None = None,
    *,
    trigger: str,
    kept: Mapping[str, authsurface.Kept] | None = None,
) -> list[ServerResult]:
    """Collect every server with bounded concurrency, passing each result to `handle` as it comes.

    Without a `collector`, one is opened for this call, with `auth` for servers that need OAuth
    (tokens in memory only when None). `kept`: the authorization surfaces not read again, by
    server (`_kept_surfaces`).
    """
    surfaces = kept or {}
    results: dict[str, ServerResult] = {}
    limiter = anyio.CapacityLimiter(settings.concurrency)
    telemetry.setup(log.warning)

    async def scan_one(active: Collector, spec: ServerSpec) -> None:
        # A slot is held until the result is handled (stored), not only collected: results waiting
        # for the store count against the concurrency, so memory is bounded by it, not by the fleet.
        async with limiter:
            attributes = telemetry.server_attributes(spec.name, spec.transport, spec.url)
            with telemetry.span(f"scan {spec.name}", attributes) as traced:
                result = await handle(spec, await _collect(active, spec, surfaces.get(spec.name)))
                launch = packages.unpinned(spec, result.package)
                if launch is not None:
                    result.findings = [*result.findings, *settings.overrides.findings([launch])]
                _trace_outcome(traced, result)
            results[spec.name] = result

    cycle: dict[str, telemetry.Attribute | None] = {
        "driftwatch.trigger": trigger,
        "driftwatch.servers": len(specs),
    }
    with telemetry.span("scan cycle", cycle) as traced:
        async with AsyncExitStack() as stack:
            active = (
                collector
                if collector is not None
                else await stack.enter_async_context(Collector(settings, auth or auth_for()).session())
            )
            active.read_environment()
            async with anyio.create_task_group() as tasks:
                for spec in specs:
                    tasks.start_soon(scan_one, active, spec)
        done = [results[spec.name] for spec in specs]
        traced.set(
            {
                "driftwatch.failed": sum(r.status is ObservationStatus.ERROR for r in done),
                "driftwatch.changed": sum(r.drift is not None for r in done),
            }
        )
    return done


def _trace_outcome(traced: telemetry.SpanHandle, result: ServerResult) -> None:
    """A server's span: its outcome (`changed`: it shows drift, against its baseline or with none
    approved), the protocol version it answered in, its manifest's hash; an error's class."""
    failed = result.status is ObservationStatus.ERROR
    traced.set(
        {
            "driftwatch.outcome": "error" if failed else "changed" if result.drift is not None else "ok",
            "mcp.protocol.version": telemetry.protocol_version(result.protocol_version),
            "driftwatch.manifest.hash": result.manifest_hash,
            "driftwatch.findings": len(result.findings),
        }
    )
    if result.error is not None:
        traced.fail(str(result.error.error_class))


async def _collect(
    collector: Collector, spec: ServerSpec, kept: authsurface.Kept | None = None
) -> ServerResult:
    started = time.monotonic()
    try:
        collected: Collected = await collector.collect(spec, kept)
    except CollectError as error:
        failed = _failed(spec, error, started)
        failed.auth_surface = await _surface_of_failed(collector, spec)
        return failed
    except Exception as exc:  # a driftwatch bug must not take the other servers down with it
        log.exception("scan crashed", server=spec.name)
        return _failed(spec, CollectError(ErrorClass.INTERNAL, repr(exc)), started)
    manifest = collected.manifest
    digest = manifest.hash
    package = await anyio.to_thread.run_sync(_package, spec) if spec.transport == "stdio" else None
    duration = time.monotonic() - started
    log.info("scanned", server=spec.name, manifest_hash=digest, seconds=round(duration, 3))
    return ServerResult(
        name=spec.name,
        status=ObservationStatus.OK,
        manifest=manifest,
        shown=Shown.of(manifest),
        manifest_hash=digest,
        protocol_version=collected.protocol_version,
        duration=duration,
        package=package,
        auth_surface=collected.auth_surface,
    )


async def _surface_of_failed(collector: Collector, spec: ServerSpec) -> AuthSurface | None:
    """A failed HTTP server's authorization surface: a server that sends logins elsewhere fails
    driftwatch's own login (as `auth`, or as `connect` or `timeout` when the new authorization
    server does not answer), and that must not hide the move (drift/authsurface.py). Read
    whatever the failure: the read is bounded (collect/authsurface.py) and a server that does not
    answer at all fails it at once."""
    try:
        return await collector.surface(spec)
    except ConfigError:  # the scan's own failure already says it (a ca_bundle that cannot load)
        return None
    except Exception:  # a bug here must not cost the failure's own record
        log.exception("reading the authorization surface failed", server=spec.name)
        return None


def _package(spec: ServerSpec) -> Package | None:
    """The package the launch ran, read after the scan (npx has installed it by then); a failure to
    read it leaves it unknown, never fails the scan."""
    try:
        return packages.resolve(spec)
    except Exception:  # hostile files must not cost the scan; the package stays unknown
        log.exception("reading the package failed", server=spec.name)
        return None


def _failed(spec: ServerSpec, error: CollectError, started: float) -> ServerResult:
    duration = time.monotonic() - started
    log.warning(
        "scan failed",
        server=spec.name,
        error_class=error.error_class,
        error=error.message,
        seconds=round(duration, 3),
    )
    return ServerResult(name=spec.name, status=ObservationStatus.ERROR, error=error, duration=duration)


def _store_result(
    store: Store, settings: Settings, spec: ServerSpec, result: ServerResult, view: View | None
) -> ServerResult:
    """Record the observation and bring drift events up to date, in one transaction."""
    now = datetime.now(UTC)
    try:
        if result.manifest is None or view is None:
            _store_failure(store, settings, spec, result, now)
        else:
            _store_manifest(store, settings, spec, result, view, now)
    except Exception as exc:
        log.exception("storing scan failed", server=spec.name)
        return _store_unstorable(store, settings, spec, result, exc, now)
    return result


def _store_manifest(
    store: Store,
    settings: Settings,
    spec: ServerSpec,
    result: ServerResult,
    view: View,
    now: datetime,
) -> None:
    """Detect and assess outside the write transaction (drift.prepare), then record the observation
    with the detectors' findings, bring the events up to date and queue what they cause. `view`:
    the other servers' tools the manifest could name, their digest and the index's (`View`)."""
    assert result.manifest is not None
    other_tools = view.others
    prepared = drift.prepare(store, spec.name, result.manifest, now, other_tools, settings.overrides)
    # (the semantic layer's worker failed on it: no context, so that the next scan reads it again)
    degraded = semantic_switch.degraded(prepared.detected)
    outcome = Outcome(
        ObservationStatus.OK,
        manifest_hash=result.manifest_hash,
        protocol_version=result.protocol_version,
        findings=prepared.detected,
        findings_context=None if degraded else view.context,
        index_digest=None if degraded else view.index,
        package=result.package,
        auth_surface=result.auth_surface,
    )
    from driftwatch import notify  # the alert channels: loaded only when a result needs them

    with store.transaction() as session:
        before = drift.scan_before(session, spec.name)
        server = record(session, spec.name, spec.transport, outcome, now, manifest=result.manifest)
        evaluation = drift.evaluate(
            session, server, result.manifest, now, other_tools, prepared, settings.overrides
        )
        observed = result.manifest.hash
        sides = [
            drift.evaluate_package(
                session, server, before, (observed, result.package), now, settings.overrides
            ),
            drift.evaluate_auth_surface(
                session, server, before, (observed, result.auth_surface), now, settings.overrides
            ),
        ]
        current = evaluation.current or next((s.opened for s in sides if s.opened), None)
        result.drift = current.summary() if current else None
        result.findings = evaluation.findings
        opened = evaluation.current if evaluation.opened else None
        closed = [*evaluation.closed, *(e for side in sides for e in side.closed)]
        notify.on_events(session, server, spec, settings, now, closed, opened)
        for side in sides:
            if side.opened is not None:
                notify.on_events(session, server, spec, settings, now, [], side.opened)


def _store_failure(
    store: Store, settings: Settings, spec: ServerSpec, result: ServerResult, now: datetime
) -> None:
    """Record a failed scan, and notify when the failures have lasted (alerts.triggers.on_failed)."""
    assert result.error is not None
    outcome = Outcome(
        ObservationStatus.ERROR,
        error_class=result.error.error_class,
        error_message=result.error.message,
        auth_surface=result.auth_surface,
    )
    from driftwatch import notify  # the alert channels: loaded only when a result needs them
    from driftwatch.alerts import triggers

    with store.transaction() as session:
        # (read before the failure is recorded with its surface; a stdio server has none to judge)
        before = drift.scan_before(session, spec.name) if result.auth_surface is not None else None
        server = record(session, spec.name, spec.transport, outcome, now, manifest=None)
        triggers.on_failed(session, server, spec, result.error, settings, now)
        if before is not None and before.manifest_hash is not None:
            observed = (before.manifest_hash, result.auth_surface)
            moved = drift.evaluate_auth_surface(session, server, before, observed, now, settings.overrides)
            result.drift = moved.opened.summary() if moved.opened else None
            notify.on_events(session, server, spec, settings, now, moved.closed, moved.opened)


def _store_unstorable(
    store: Store, settings: Settings, spec: ServerSpec, result: ServerResult, exc: Exception, now: datetime
) -> ServerResult:
    """What a server sent could not be stored: record that as its error, and if the manifest's
    hash is not the approved one, open a drift event for it anyway (drift.evaluate_unstored)."""
    what = f"manifest {result.manifest_hash}" if result.manifest_hash else "the scan"
    error = CollectError(ErrorClass.STORE, f"{what} could not be stored: {type(exc).__name__}")
    failed = ServerResult(
        name=spec.name, status=ObservationStatus.ERROR, error=error, duration=result.duration
    )
    outcome = Outcome(ObservationStatus.ERROR, error_class=error.error_class, error_message=error.message)
    try:
        from driftwatch import notify  # the alert channels: loaded only when a result needs them

        with store.transaction() as session:
            server = record(session, spec.name, spec.transport, outcome, now, manifest=None)
            if result.manifest_hash is not None:
                evaluation = drift.evaluate_unstored(session, server, result.manifest_hash, now)
                failed.drift = evaluation.current.summary() if evaluation.current else None
                opened = evaluation.current if evaluation.opened else None
                notify.on_events(session, server, spec, settings, now, [], opened)
    except Exception:
        log.exception("recording the failed store failed too", server=spec.name)
        failed.stored = False
    return failed
