"""The queries behind the evidence pack (driftwatch/evidence/): what the histories do not already
hold, each in one query whatever the number of servers or events.

- when each event's first alerts were delivered (time to page, time to notify);
- when each server was last seen before each of its changes (time to detection, at most);
- the findings on what each server shows now, and the suppressions and OAuth credentials, without
  a secret (credentials: only whether and when, never the sealed values).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, undefer

from driftwatch.model import AlertState, Finding, ObservationStatus
from driftwatch.store.models import Alert, DriftEvent, OAuthCredential, Observation, Server, Suppression
from driftwatch.store.observations import latest_query


@dataclass(frozen=True)
class Delivered:
    """The first time an alert of one kind (`channel`, `action`) about an event was accepted."""

    channel: str
    action: str
    at: datetime


def first_deliveries(session: Session, event_ids: Sequence[int]) -> dict[int, list[Delivered]]:
    """Per event, when each kind of its alerts was first delivered (one query)."""
    found: dict[int, list[Delivered]] = defaultdict(list)
    if not event_ids:
        return found
    rows = session.execute(
        select(Alert.event_id, Alert.channel, Alert.action, func.min(Alert.sent_at))
        .where(Alert.event_id.in_(event_ids), Alert.state == AlertState.SENT, Alert.sent_at.is_not(None))
        .group_by(Alert.event_id, Alert.channel, Alert.action)
    )
    for event_id, channel, action, at in rows:
        if event_id is not None and at is not None:
            found[event_id].append(Delivered(channel, action, at))  # min() keeps the column's UTC type
    return found


def sightings(session: Session, names: Sequence[str]) -> dict[str, list[datetime]]:
    """Per server, the `last_seen` of each of its successful observations, oldest first (one
    query): the scan before a change is the last one of these before the change's detection."""
    found: dict[str, list[datetime]] = defaultdict(list)
    if not names:
        return found
    rows = session.execute(
        select(Server.name, Observation.last_seen)
        .join(Server, Server.id == Observation.server_id)
        .where(Server.name.in_(list(names)), Observation.status == ObservationStatus.OK)
        .order_by(Observation.last_seen)
    )
    for name, last_seen in rows:
        found[name].append(last_seen)
    return found


def event_windows(session: Session, event_ids: Sequence[int]) -> dict[int, tuple[str, str | None]]:
    """The change window each event was detected in, and its ticket (`drift_events.window`,
    `window_ticket`), for the events detected in one (one query)."""
    if not event_ids:
        return {}
    rows = session.execute(
        select(DriftEvent.id, DriftEvent.window, DriftEvent.window_ticket).where(
            DriftEvent.id.in_(event_ids), DriftEvent.window.is_not(None)
        )
    )
    return {event_id: (window, ticket) for event_id, window, ticket in rows if window is not None}


def current_findings(session: Session, names: Sequence[str]) -> dict[str, list[Finding]]:
    """The detectors' findings (before suppressions and overrides) on each named server's latest
    successful observation: what it shows now (one query)."""
    rows = session.execute(latest_query(names, successful=True).options(undefer(Observation.findings)))
    return {
        name: [Finding.from_json(f) for f in json.loads(observation.findings or "[]")]
        for name, observation in rows
    }


def suppressions_of(session: Session, since: datetime, now: datetime) -> list[tuple[Suppression, str, bool]]:
    """Suppressions in force now or made, removed or expired in the period, with their server's
    name and whether they are in force (one query)."""
    rows = session.execute(
        select(Suppression, Server.name)
        .join(Server, Server.id == Suppression.server_id)
        .where(
            or_(
                Suppression.created_at >= since,
                Suppression.removed_at.is_(None),
                Suppression.removed_at >= since,
            )
        )
        .order_by(Suppression.id)
    )
    found = []
    for suppression, name in rows:
        active = suppression.removed_at is None and (
            suppression.expires_at is None or suppression.expires_at > now
        )
        expired_before = suppression.expires_at is not None and suppression.expires_at < since
        if active or not expired_before:
            found.append((suppression, name, active))
    return found


def credentials(session: Session) -> list[OAuthCredential]:
    """Every server's stored OAuth credentials row (sealed values and all: the caller keeps only
    whether they exist)."""
    return list(session.scalars(select(OAuthCredential).order_by(OAuthCredential.server)))
