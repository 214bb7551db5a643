"""Recording what each scan saw, as intervals.

An observation covers consecutive scans that saw the same thing: the same manifest, or the same
class of error. Recording an unchanged scan updates `last_seen` and `scans` in place, so a server
scanned every minute for a year holds as many rows as it had changes (a scan cycle records its
unchanged scans in batches: store/known.py).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, ScalarSelect, Select, Subquery, func, select
from sqlalchemy.orm import Session

from driftwatch.model import AuthSurface, Finding, ObservationStatus, Package
from driftwatch.store.codec import storage_json
from driftwatch.store.models import ItemRow, ManifestItem, Observation, Server


@dataclass(frozen=True)
class Outcome:
    """What one scan of one server produced: a manifest hash, or an error."""

    status: ObservationStatus
    manifest_hash: str | None = None
    protocol_version: str | None = None
    error_class: str | None = None
    error_message: str | None = None
    findings: Sequence[Finding] | None = None
    """The detectors' findings on the manifest (before suppressions and overrides), if they ran."""
    findings_context: str | None = None
    """What `findings` were computed against besides the manifest (drift.ToolIndex.context)."""
    index_digest: str | None = None
    """The registry's tool index `findings_context` was judged against (drift.ToolIndex.digest)."""
    package: Package | None = None
    """What the launch ran (collect/package.py); None when unknown or not a stdio server."""
    auth_surface: AuthSurface | None = None
    """An HTTP server's authorization surface (collect/authsurface.py); None when unknown."""

    def continues(self, observation: Observation) -> bool:
        """Whether this scan saw the same thing as `observation` (so it extends it)."""
        return (
            observation.status == self.status
            and observation.manifest_hash == self.manifest_hash
            and observation.error_class == self.error_class
            and package_of(observation) == self.package
            and observation.auth_surface == surface_column(self.auth_surface)
        )


def package_of(observation: Observation) -> Package | None:
    """The package an observation's launch ran, or None when it was not known."""
    o = observation
    return package_from(o.package_ecosystem, o.package_name, o.package_version, o.package_digest)


def package_from(
    ecosystem: str | None, name: str | None, version: str | None, digest: str | None
) -> Package | None:
    """The package stored in an observation's columns, or None when it was not known."""
    if ecosystem is None or name is None:
        return None
    return Package.from_json({"ecosystem": ecosystem, "name": name, "version": version, "digest": digest})


def auth_surface_of(observation: Observation) -> AuthSurface | None:
    """The authorization surface an observation saw, or None when it was not known."""
    stored = observation.auth_surface
    return AuthSurface.from_json(json.loads(stored)) if stored is not None else None


def surface_column(surface: AuthSurface | None) -> str | None:
    return storage_json(surface.to_json()) if surface is not None else None


def _package_columns(package: Package | None) -> dict[str, str | None]:
    return {
        "package_ecosystem": package.ecosystem if package else None,
        "package_name": package.name if package else None,
        "package_version": package.version if package else None,
        "package_digest": package.digest if package else None,
    }


def server_row(session: Session, name: str, transport: str) -> Server:
    """The server's row, created on first sight."""
    server = session.scalar(select(Server).where(Server.name == name))
    if server is None:
        server = Server(name=name, transport=transport)
        session.add(server)
        session.flush()
    elif server.transport != transport:
        server.transport = transport
    return server


def latest_observation(session: Session, server_id: int) -> Observation | None:
    return session.scalar(
        select(Observation).where(Observation.server_id == server_id).order_by(Observation.id.desc()).limit(1)
    )


def record(session: Session, server: Server, outcome: Outcome, now: datetime) -> Observation:
    """Extend the server's current observation, or open a new one if the scan saw something else."""
    current = latest_observation(session, server.id)
    if current is not None and outcome.continues(current):
        current.last_seen = now
        current.scans += 1
        if outcome.error_message is not None:
            current.error_message = outcome.error_message  # keep the newest wording of the same error
        if outcome.protocol_version is not None:
            current.protocol_version = outcome.protocol_version
        if outcome.findings is not None:
            current.findings, current.findings_context, current.index_digest = _stored(outcome)
        return current
    observation = Observation(
        server_id=server.id,
        status=outcome.status,
        manifest_hash=outcome.manifest_hash,
        error_class=outcome.error_class,
        error_message=outcome.error_message,
        protocol_version=outcome.protocol_version,
        first_seen=now,
        last_seen=now,
        scans=1,
        auth_surface=surface_column(outcome.auth_surface),
        **_package_columns(outcome.package),
    )
    if outcome.findings is not None:
        observation.findings, observation.findings_context, observation.index_digest = _stored(outcome)
    session.add(observation)
    session.flush()
    return observation


def _stored(outcome: Outcome) -> tuple[str, str | None, str | None]:
    findings = storage_json([f.to_json() for f in outcome.findings or ()])
    return findings, outcome.findings_context, outcome.index_digest


def latest_ok(session: Session, server_id: int) -> Observation | None:
    """The server's newest successful observation: what a package change is judged against."""
    return session.scalar(
        select(Observation)
        .where(Observation.server_id == server_id, Observation.status == ObservationStatus.OK)
        .order_by(Observation.id.desc())
        .limit(1)
    )


def latest_surface(session: Session, server_id: int) -> AuthSurface | None:
    """The newest authorization surface the server's observations know, failed scans included."""
    stored = session.scalar(
        select(Observation.auth_surface)
        .where(Observation.server_id == server_id, Observation.auth_surface.is_not(None))
        .order_by(Observation.id.desc())
        .limit(1)
    )
    return AuthSurface.from_json(json.loads(stored)) if stored is not None else None


def newest_per_server(successful: bool = False) -> Subquery:
    """Each server's newest observation as (`server_id`, `id`) rows; with `successful`, its newest
    `ok` one (what it shows now, past a failed scan). The one definition of "latest" that every
    query of a server's current state joins (here, store/evidence.py, store/prune.py,
    store/known.py); for one server given as a bound value, `newest_id`.

    On PostgreSQL, at 1,000 servers of 21 observations each, joining this (one aggregate over the
    index) read store/known.py's rows in 23 ms where a correlated max(id) per server took 32 ms
    (the same at one observation each: 9 against 12 ms)."""
    query = select(Observation.server_id, func.max(Observation.id).label("id"))
    if successful:
        query = query.where(Observation.status == ObservationStatus.OK)
    return query.group_by(Observation.server_id).subquery()


def newest_id(server: ColumnElement[int]) -> ScalarSelect[int]:
    """The id of the newest observation of the one server `server` names (a bound value): an
    index lookup, for a statement executed once per server (store/known.py's guarded UPDATE)."""
    newer = Observation.__table__.alias("newer")
    return select(func.max(newer.c.id)).where(newer.c.server_id == server).scalar_subquery()


def latest_query(names: Iterable[str] | None = None, *, successful: bool = False) -> Select[str, Observation]:
    """(server name, its newest observation) rows, of the `names` given (else every server)."""
    newest = newest_per_server(successful)
    query = (
        select(Server.name, Observation)
        .join(newest, newest.c.server_id == Server.id)
        .join(Observation, Observation.id == newest.c.id)
    )
    return query if names is None else query.where(Server.name.in_(list(names)))


def latest_per_server(session: Session, names: Iterable[str] | None = None) -> dict[str, Observation]:
    """Each server's most recent observation, in one query."""
    return {name: observation for name, observation in session.execute(latest_query(names))}


def tool_owners(session: Session) -> dict[str, list[str]]:
    """Tool name -> the servers exposing it, over every server's latest successful manifest.

    One query (the newest `ok` observation per server, joined to its manifest's tool items), run
    once per scan cycle (the daemon: when `observations_stamp` moves): cross-server shadowing is
    judged against the whole registry. Run on the session's connection: rows of two plain columns
    need none of the ORM's result machinery (20,000 tools: ~40 % less CPU).

    Each tool's servers are listed in code point order (the first is the one a shadowing finding
    names), sorted here rather than by the query: streamed through a server-side cursor, an ORDER
    BY servers.name made PostgreSQL choose a plan that starts returning rows at once (a walk of the
    servers' name index, the rest of the join materialized and scanned again for every server):
    at 1,000 servers of 20 tools, 1.0-1.4 s on a database not yet analyzed, against 0.15-0.2 s
    unordered (0.2 against 0.15 s analyzed); and in code point order on every database, whatever
    its collation.
    """
    newest_ok = newest_per_server(successful=True)
    rows = session.connection().execute(
        select(ItemRow.key, Server.name)
        .select_from(newest_ok)
        .join(Observation, Observation.id == newest_ok.c.id)
        .join(Server, Server.id == Observation.server_id)
        .join(ManifestItem, ManifestItem.manifest_hash == Observation.manifest_hash)
        .join(ItemRow, ItemRow.hash == ManifestItem.item_hash)
        .where(ItemRow.kind == "tool")
        .execution_options(yield_per=2000)  # streamed: a fleet's tools are not all in memory twice
    )
    owners: dict[str, list[str]] = {}
    for tool, server in rows:
        owners.setdefault(tool, []).append(sys.intern(server))  # one copy of each server's name
    for servers in owners.values():
        if len(servers) > 1:
            servers.sort()
    return owners


def observations_stamp(session: Session) -> int | None:
    """The newest observation's id: it moves whenever a server shows something it did not show at
    its last scan, so whatever was read from the latest observations (tool_owners) may be stale."""
    return session.scalar(select(func.max(Observation.id)))


def failing_streak(session: Session, server_id: int, limit: int, error_class: str | None = None) -> int:
    """Consecutive failed scans up to now (of `error_class`, or of any), counting at most `limit` rows."""
    streak = 0
    for observation in session.scalars(
        select(Observation)
        .where(Observation.server_id == server_id)
        .order_by(Observation.id.desc())
        .limit(limit)
    ):
        if observation.status == ObservationStatus.OK or error_class not in (None, observation.error_class):
            break
        streak += observation.scans
    return streak


def failed_lately(session: Session, server_id: int, scans: int) -> bool:
    """Whether one of the server's last `scans` scans failed (what inhibits the removals of a
    server coming back; alerts/policy.py). Counted in scans, not in time: a scan slower than its
    interval (a loaded host, a slow start) does not push a failure out of reach."""
    seen = 0
    for status, count in session.execute(
        select(Observation.status, Observation.scans)
        .where(Observation.server_id == server_id)
        .order_by(Observation.id.desc())
        .limit(scans)
    ):
        if status != ObservationStatus.OK:
            return True
        seen += count
        if seen >= scans:
            break
    return False


def findings_contexts(session: Session, server_id: int, manifest_hash: str) -> set[str]:
    """The contexts (drift.ToolIndex.context) in which the server's observations of a manifest
    stored the detectors' findings: empty for a manifest never judged (drift/recall.py)."""
    stored = session.scalars(
        select(Observation.findings_context).where(*_judged(server_id, manifest_hash)).distinct()
    )
    return {context for context in stored if context is not None}


def stored_findings(
    session: Session, server_id: int, manifest_hash: str, context: str
) -> list[Finding] | None:
    """The detectors' own findings on a manifest as the server's newest observation of it stored them
    in `context`; None when none did."""
    found = session.scalar(
        select(Observation.findings)
        .where(*_judged(server_id, manifest_hash), Observation.findings_context == context)
        .order_by(Observation.id.desc())
        .limit(1)
    )
    return None if found is None else [Finding.from_json(f) for f in json.loads(found)]


def _judged(server_id: int, manifest_hash: str) -> tuple[ColumnElement[bool], ...]:
    return (
        Observation.server_id == server_id,
        Observation.manifest_hash == manifest_hash,
        Observation.findings.is_not(None),
    )
