"""The read model of what happened to servers over time: observations, baselines, drift events.

`history`, `diff` and `report` all read through here, as plain records detached from the session,
so renderers never touch the database and tests can build records by hand.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from driftwatch.lockfile import LockedBaseline
from driftwatch.model import (
    Acknowledged,
    AuthSurface,
    Change,
    DriftEventRecord,
    EventState,
    Finding,
    Held,
    JSONObject,
    ObservationStatus,
    Package,
    Severity,
)
from driftwatch.rules import canonical
from driftwatch.store.manifests import load_manifests
from driftwatch.store.models import Alert, Baseline, DriftEvent, ManifestRow, Observation, Server, Silence
from driftwatch.store.observations import auth_surface_of, package_of


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _jsonable(record: Any) -> JSONObject:
    return {k: _iso(v) if isinstance(v, datetime) else v for k, v in asdict(record).items()}


@dataclass(frozen=True)
class ObservationRecord:
    status: ObservationStatus
    manifest_hash: str | None
    server_version: str | None
    protocol_version: str | None
    error_class: str | None
    error_message: str | None
    first_seen: datetime
    last_seen: datetime
    scans: int
    package: Package | None = None
    """What the launch ran (collect/package.py); None when unknown."""
    auth_surface: AuthSurface | None = None
    """An HTTP server's authorization surface (collect/authsurface.py); None when unknown."""

    def to_json(self) -> JSONObject:
        data = _jsonable(self)
        data["package"] = self.package.to_json() if self.package else None
        data["auth_surface"] = self.auth_surface.to_json() if self.auth_surface else None
        # `error` as in scan JSON; the flat error_class/error_message stay until the next release
        data["error"] = (
            {"class": self.error_class, "message": self.error_message} if self.error_class else None
        )
        return data


@dataclass(frozen=True)
class BaselineRecord:
    id: int
    manifest_hash: str
    approved_by: str
    reason: str
    ticket: str | None
    approved_at: datetime
    superseded_at: datetime | None

    def to_json(self) -> JSONObject:
        return _jsonable(self)


@dataclass(frozen=True)
class ApprovalRecord:
    """An approval as the report and the evidence pack list it: a baseline and its server."""

    server: str
    baseline: BaselineRecord

    def to_json(self) -> JSONObject:
        shown = self.baseline.to_json()
        del shown["id"]
        return {"server": self.server, **shown}


@dataclass(frozen=True)
class ServerHistory:
    """Everything known about one server in a period, oldest first."""

    name: str
    observations: list[ObservationRecord] = field(default_factory=list)
    baselines: list[BaselineRecord] = field(default_factory=list)
    events: list[DriftEventRecord] = field(default_factory=list)

    @property
    def baseline(self) -> BaselineRecord | None:
        """The baseline in force at the end of the period."""
        current = [b for b in self.baselines if b.superseded_at is None]
        return current[-1] if current else None

    def to_json(self) -> JSONObject:
        return {
            "server": self.name,
            "baseline": self.baseline.to_json() if self.baseline else None,
            "observations": [o.to_json() for o in self.observations],
            "baselines": [b.to_json() for b in self.baselines],
            "drift_events": [e.to_json() for e in self.events],
        }


def _current_rules(stored: JSONObject) -> JSONObject:
    """A stored change or finding with the rule ids of today's catalogue (renamed ones, see ALIASES)."""
    if "rule" in stored:
        return {**stored, "rule": canonical(str(stored["rule"]))}
    return {**stored, "rules": [canonical(str(r)) for r in stored.get("rules", ())]}


def event_record(event: DriftEvent, server: str) -> DriftEventRecord:
    return DriftEventRecord(
        id=event.id,
        server=server,
        baseline_hash=event.baseline_hash,
        observed_hash=event.observed_hash,
        state=EventState(event.state),
        severity=Severity.read(event.severity),
        change_count=event.change_count,
        changes=tuple(Change.from_json(_current_rules(c)) for c in json.loads(event.changes)),
        findings=tuple(Finding.from_json(_current_rules(f)) for f in json.loads(event.findings)),
        first_seen=event.first_seen,
        last_seen=event.last_seen,
        closed_at=event.closed_at,
        closed_by=event.closed_by,
        subject=event.subject,
        group_id=event.group_id,
        acknowledged=Acknowledged(event.acknowledged_by, event.acknowledged_at)
        if event.acknowledged_at is not None and event.acknowledged_by is not None
        else None,
    )


def load_histories(
    session: Session, names: Sequence[str] | None, since: datetime | None
) -> list[ServerHistory]:
    """Histories of the named (or all) servers for everything that overlaps `since`..now.

    Five queries whatever the number of servers. Baselines are all kept (the one in force at
    the start of the period matters as much as the ones approved in it).
    """
    servers = session.scalars(
        select(Server).where(Server.name.in_(names)) if names is not None else select(Server)
    ).all()
    by_id = {s.id: s.name for s in servers}
    ids = list(by_id)
    histories = {s.id: ServerHistory(name=s.name) for s in sorted(servers, key=lambda s: s.name)}

    for server_id, observation in _observations(session, ids, since):
        histories[server_id].observations.append(observation)
    for baseline in session.scalars(
        select(Baseline).where(Baseline.server_id.in_(ids)).order_by(Baseline.id)
    ):
        histories[baseline.server_id].baselines.append(
            BaselineRecord(
                id=baseline.id,
                manifest_hash=baseline.manifest_hash,
                approved_by=baseline.approved_by,
                reason=baseline.reason,
                ticket=baseline.ticket,
                approved_at=baseline.approved_at,
                superseded_at=baseline.superseded_at,
            )
        )
    events = select(DriftEvent).where(DriftEvent.server_id.in_(ids)).order_by(DriftEvent.id)
    if since is not None:
        events = events.where(or_(DriftEvent.last_seen >= since, DriftEvent.closed_at.is_(None)))
    held = _held(session, ids)
    for event in session.scalars(events):
        record = event_record(event, by_id[event.server_id])
        histories[event.server_id].events.append(replace(record, held=held.get(event.id)))
    return list(histories.values())


def _observations(
    session: Session, server_ids: Sequence[int], since: datetime | None
) -> list[tuple[int, ObservationRecord]]:
    """The observations of `server_ids` that overlap `since`..now, with their server ids (one query)."""
    found: list[tuple[int, ObservationRecord]] = []
    observations = (
        select(Observation, ManifestRow.server_version)
        .outerjoin(ManifestRow, ManifestRow.hash == Observation.manifest_hash)
        .where(Observation.server_id.in_(server_ids))
        .order_by(Observation.id)
    )
    if since is not None:
        observations = observations.where(Observation.last_seen >= since)
    for observation, version in session.execute(observations):
        found.append(
            (
                observation.server_id,
                ObservationRecord(
                    status=observation.status,
                    manifest_hash=observation.manifest_hash,
                    server_version=version,
                    protocol_version=observation.protocol_version,
                    error_class=observation.error_class,
                    error_message=observation.error_message,
                    first_seen=observation.first_seen,
                    last_seen=observation.last_seen,
                    scans=observation.scans,
                    package=package_of(observation),
                    auth_surface=auth_surface_of(observation),
                ),
            )
        )
    return found


def _held(session: Session, server_ids: Sequence[int]) -> dict[int, Held]:
    """The silence that held each event's alerts, for the events of `server_ids` (one query)."""
    rows = session.execute(
        select(Alert.event_id, Silence)
        .join(Silence, Silence.id == Alert.silence_id)
        .join(DriftEvent, DriftEvent.id == Alert.event_id)
        .where(DriftEvent.server_id.in_(server_ids))
        .distinct()
    )
    return {
        event_id: Held(
            silence.id,
            f"{silence.matcher}={silence.value}",
            silence.created_by,
            silence.reason,
            silence.ends_at,
        )
        for event_id, silence in rows
        if event_id is not None
    }


def locked_baselines(session: Session, histories: Sequence[ServerHistory]) -> list[LockedBaseline]:
    """The baselines in force of `histories` as lock-file entries, with their manifests (one query);
    servers without a baseline are left out."""
    approved = {h.name: h.baseline for h in histories if h.baseline is not None}
    manifests = load_manifests(session, [b.manifest_hash for b in approved.values()])
    return [
        LockedBaseline(
            server=name,
            manifest=manifests[b.manifest_hash],
            approved_by=b.approved_by,
            approved_at=b.approved_at.isoformat(),
            reason=b.reason,
            ticket=b.ticket,
        )
        for name, b in approved.items()
    ]
