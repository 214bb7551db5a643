"""One scan cycle: collect every server (bounded concurrency), store what each showed.

1. One Collector per cycle, so HTTP servers share one connection pool and TLS context.
2. At most `concurrency` servers in flight; each has its own deadline inside the collector.
3. Each server's outcome is stored as soon as it is known, in its own transaction, from a worker
   thread so that database I/O never stalls the other servers' connections.
4. Nothing one server does (hang, crash, garbage, a huge answer, even a driftwatch bug while
   storing it) reaches another server's result: every failure ends as that server's error.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import anyio

from driftwatch.collect.client import Collected, Collector
from driftwatch.collect.errors import CollectError
from driftwatch.logs import get_logger
from driftwatch.manifest import Manifest
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from driftwatch.store import Outcome, Store

log = get_logger(__name__)


@dataclass
class ServerResult:
    """What a scan found for one server; `to_json` is the `servers[]` entry of `scan --format json`."""

    name: str
    status: str  # "ok" | "error"
    error: CollectError | None = None
    manifest: Manifest | None = None
    manifest_hash: str | None = None
    protocol_version: str | None = None
    duration: float = 0.0
    drift: dict[str, Any] | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def server_version(self) -> str | None:
        return self.manifest.server_version if self.manifest else None

    def to_json(self) -> dict[str, Any]:
        manifest = self.manifest
        return {
            "name": self.name,
            "status": self.status,
            "error": {"class": self.error.error_class, "message": self.error.message} if self.error else None,
            "manifest_hash": self.manifest_hash,
            "server_version": self.server_version,
            "protocol_version": self.protocol_version,
            "counts": manifest.counts() if manifest else None,
            "items": {item.ref: item.hash for item in manifest.items()} if manifest else {},
            "drift": self.drift,
            "findings": self.findings,
            "duration_seconds": round(self.duration, 3),
        }


async def scan(specs: Sequence[ServerSpec], settings: Settings, store: Store | None) -> list[ServerResult]:
    """Scan `specs` once; results come back in the order of `specs`. With no store, nothing is saved."""
    results: dict[str, ServerResult] = {}
    limiter = anyio.CapacityLimiter(settings.concurrency)

    async def scan_one(spec: ServerSpec) -> None:
        async with limiter:
            result = await _collect(collector, spec)
        if store is not None:
            result = await anyio.to_thread.run_sync(_store_result, store, spec, result)
        results[spec.name] = result

    async with Collector(settings).session() as collector, anyio.create_task_group() as tasks:
        for spec in specs:
            tasks.start_soon(scan_one, spec)
    return [results[spec.name] for spec in specs]


async def _collect(collector: Collector, spec: ServerSpec) -> ServerResult:
    started = time.monotonic()
    try:
        collected: Collected = await collector.collect(spec)
    except CollectError as error:
        return _failed(spec, error, started)
    except Exception as exc:  # a driftwatch bug must not take the other servers down with it
        log.exception("scan crashed", server=spec.name)
        return _failed(spec, CollectError("internal", repr(exc)), started)
    manifest = collected.manifest
    duration = time.monotonic() - started
    log.info("scanned", server=spec.name, manifest_hash=manifest.hash, seconds=round(duration, 3))
    return ServerResult(
        name=spec.name,
        status="ok",
        manifest=manifest,
        manifest_hash=manifest.hash,
        protocol_version=collected.protocol_version,
        duration=duration,
    )


def _failed(spec: ServerSpec, error: CollectError, started: float) -> ServerResult:
    duration = time.monotonic() - started
    log.warning(
        "scan failed",
        server=spec.name,
        error_class=error.error_class,
        error=error.message,
        seconds=round(duration, 3),
    )
    return ServerResult(name=spec.name, status="error", error=error, duration=duration)


def _store_result(store: Store, spec: ServerSpec, result: ServerResult) -> ServerResult:
    now = datetime.now(UTC)
    if result.error is not None:
        outcome = Outcome(
            status="error", error_class=result.error.error_class, error_message=result.error.message
        )
    else:
        outcome = Outcome(
            status="ok", manifest_hash=result.manifest_hash, protocol_version=result.protocol_version
        )
    try:
        store.record(spec.name, spec.transport, outcome, now, manifest=result.manifest)
    except Exception as exc:
        log.exception("storing scan failed", server=spec.name)
        return ServerResult(
            name=spec.name, status="error", error=CollectError("internal", f"not stored: {exc!r}")
        )
    return result
