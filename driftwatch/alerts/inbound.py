"""What PagerDuty tells driftwatch back: an incident acknowledged there acknowledges its events.

A PagerDuty V3 webhook subscription (event `incident.acknowledged`) pointed at the daemon's
`/hooks/pagerduty` signs each delivery: `X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the raw
body, keyed by the subscription's secret>`, several comma-separated during a secret rotation
(docs/routing.md, "Acknowledgement"). A request whose body is over `MAX_BODY` bytes, unsigned, or
signed by another key is refused before it is parsed. The incident's `incident_key` is the dedup
key driftwatch triggered it with; the events paged under that key (a group's, all of them) are
acknowledged (alerts/reminders.py), and the agent's name is kept as who did it, one visible line.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from driftwatch.alerts import outbox, reminders
from driftwatch.errors import ConflictError
from driftwatch.visible import shorten, visible

MAX_BODY = 256 * 1024
"""Bytes of one webhook delivery accepted at most (PagerDuty's are a few KB)."""


def signed(body: bytes, header: str, secret: str) -> bool:
    """Whether one of the header's `v1=` signatures is the body's HMAC-SHA256 under `secret`
    (compared in constant time)."""
    expected = "v1=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, part.strip()) for part in header.split(",")[:8])


@dataclass(frozen=True)
class Acknowledged:
    """An `incident.acknowledged` delivery: the incident's key, and who acknowledged it."""

    incident_key: str
    by: str


def acknowledgement(body: bytes) -> Acknowledged | None:
    """The acknowledgement a V3 delivery carries, if it is one (any other event: None)."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return None
    event = document.get("event") if isinstance(document, dict) else None
    if not isinstance(event, dict) or event.get("event_type") != "incident.acknowledged":
        return None
    data, agent = event.get("data"), event.get("agent")
    key = data.get("incident_key") if isinstance(data, dict) else None
    who = agent.get("summary") if isinstance(agent, dict) else None
    if not isinstance(key, str) or not key:
        return None
    name = shorten(visible(who, one_line=True), 200) if isinstance(who, str) and who else "someone"
    return Acknowledged(key[:512], f"{name} (PagerDuty)")


def acknowledge(session: Session, acknowledged: Acknowledged, now: datetime) -> list[int]:
    """Acknowledge the events PagerDuty was paged about under the incident's key."""
    taken: list[int] = []
    for event_id in outbox.paged_as(session, acknowledged.incident_key):
        try:
            taken += reminders.acknowledge(session, event_id, acknowledged.by, now, from_pagerduty=True)
        except ConflictError:
            continue  # (closed or acknowledged already: nothing to do)
    return taken
