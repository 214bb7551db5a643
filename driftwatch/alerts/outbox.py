"""The outbox: alerts are rows written with the event that causes them, delivered by a loop.

Writing an alert is part of the scan's (or approval's) transaction, so a drift event never exists
without its alert, nor an alert without its event, whatever crashes when. Delivering is separate:

1. Claim due alerts with one conditional UPDATE per row (`claimed_until` is a lease): several
   dispatchers (replicas, or a CLI `approve` beside the daemon) never send the same row at once,
   and a dispatcher killed mid-delivery loses its claim when the lease runs out.
2. Send each claimed alert through its channel, outside any transaction (the network is slow).
3. Record the outcome, again conditionally on still holding the claim: `sent` with what the
   channel answered, or a retry after an exponential backoff, or `failed` after the cap.

A crash between 2 and 3 re-sends the alert after the lease: PagerDuty deduplicates by
`dedup_key`, so at worst the same incident is triggered twice, never a second incident.
A Slack reply waits until the message it answers has been sent (it needs its `ts`).
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from driftwatch.alerts.channels import Channel, Outgoing
from driftwatch.errors import DeliveryError
from driftwatch.model import AlertState, EventState
from driftwatch.registry import Owner
from driftwatch.store.codec import storage_json
from driftwatch.store.models import Alert, DriftEvent, Server
from driftwatch.store.queries import pairs


def lease_for(delivery_timeout: timedelta) -> timedelta:
    """How long a claim lasts: comfortably longer than one delivery, short enough that a killed
    dispatcher's alerts are picked up again soon."""
    return delivery_timeout * 3 + timedelta(seconds=5)


UNREGISTERED = ""
"""The owner key of alerts about unregistered servers (no registry name is empty)."""


def enqueue(
    session: Session,
    *,
    server_id: int | None,
    event_id: int | None,
    channel: str,
    action: str,
    dedup_key: str,
    payload: Mapping[str, Any],
    now: datetime,
    receiver: str | None = None,
    parent_id: int | None = None,
    held: tuple[int, datetime] | None = None,
) -> Alert:
    """Write an alert for `receiver` (default: the one named after `channel`), due now, or
    (`held`: a silence's id and end) due when the silence ends."""
    alert = Alert(
        server_id=server_id,
        event_id=event_id,
        channel=channel,
        receiver=receiver if receiver != channel else None,
        action=action,
        dedup_key=dedup_key,
        payload=storage_json(payload),
        parent_id=parent_id,
        state=AlertState.PENDING,
        attempts=0,
        next_attempt_at=held[1] if held else now,
        silence_id=held[0] if held else None,
        created_at=now,
    )
    session.add(alert)
    session.flush()
    return alert


def answer(
    session: Session,
    first: Alert,
    action: str,
    payload: Mapping[str, Any],
    now: datetime,
    threaded: bool = False,
) -> Alert:
    """Write what follows `first` in its conversation (a close, an update, a repeat, an
    acknowledgement): the same receiver, event and dedup key; in its thread if `threaded`."""
    return enqueue(
        session,
        server_id=first.server_id,
        event_id=first.event_id,
        channel=first.channel,
        receiver=receiver_of(first),
        action=action,
        dedup_key=first.dedup_key,
        payload=payload,
        now=now,
        parent_id=first.id if threaded else None,
    )


def firsts(session: Session, event_id: int, openers: Sequence[tuple[str, str]]) -> list[Alert]:
    """The first alert of each receiver that opened a conversation about an event (`openers`:
    the (channel, action) pairs that do), in the order they were written."""
    rows = session.scalars(select(Alert).where(Alert.event_id == event_id).order_by(Alert.id)).all()
    found: dict[str, Alert] = {}
    for alert in rows:
        if (alert.channel, alert.action) in openers:
            found.setdefault(receiver_of(alert), alert)
    return list(found.values())


def revise(
    session: Session,
    first: Alert,
    opening: Mapping[str, Any],
    action: str,
    later: Mapping[str, Any],
    now: datetime,
) -> str:
    """Tell `first`'s receiver what a group now holds, in as few messages as can be: rewrite
    `first` itself while it is unsent and unclaimed (`opening`), else the newest unsent update,
    else write a new update (`action`, `later`) answering `first`. Conditional UPDATEs, like
    a claim: a row a dispatcher is sending is never rewritten under it. Returns what it did."""
    unclaimed = (
        Alert.state == AlertState.PENDING,
        or_(Alert.claimed_until.is_(None), Alert.claimed_until < now),
    )
    rewrite = update(Alert).where(Alert.id == first.id, *unclaimed).values(payload=storage_json(opening))
    if session.execute(rewrite).rowcount == 1:  # type: ignore[attr-defined]
        return "rewritten"
    newest = session.scalar(
        select(Alert.id)
        .where(Alert.parent_id == first.id, Alert.action == action)
        .order_by(Alert.id.desc())
        .limit(1)
    )
    if newest is not None:
        again = update(Alert).where(Alert.id == newest, *unclaimed).values(payload=storage_json(later))
        if session.execute(again).rowcount == 1:  # type: ignore[attr-defined]
            return f"{action} rewritten"
    answer(session, first, action, later, now, threaded=True)
    return action


def alerts_of(session: Session, event_ids: Sequence[int]) -> dict[int, list[Alert]]:
    """Every alert of each event, in the order written (one query per 500 events)."""
    found: dict[int, list[Alert]] = {}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        for alert in session.scalars(select(Alert).where(Alert.event_id.in_(chunk)).order_by(Alert.id)):
            found.setdefault(alert.event_id or 0, []).append(alert)
    return found


def quiet_since(session: Session, cutoff: datetime) -> list[int]:
    """Open, unacknowledged, approved-server events that speak for themselves or their group,
    whose newest alert is older than `cutoff`: what a repeat may say again (one query)."""
    return list(
        session.scalars(
            select(Alert.event_id)
            .join(DriftEvent, DriftEvent.id == Alert.event_id)
            .where(DriftEvent.state == EventState.OPEN, DriftEvent.acknowledged_at.is_(None))
            .where(DriftEvent.baseline_hash.is_not(None))
            .where(or_(DriftEvent.group_id.is_(None), DriftEvent.group_id == DriftEvent.id))
            .group_by(Alert.event_id)
            .having(func.max(Alert.created_at) <= cutoff)
            .order_by(Alert.event_id)
        )
    )


def paged_as(session: Session, dedup_key: str) -> list[int]:
    """The event PagerDuty was first triggered about under `dedup_key` (a group's: its first)."""
    found = session.scalar(
        select(Alert.event_id)
        .where(Alert.channel == "pagerduty", Alert.action == "trigger", Alert.dedup_key == dedup_key)
        .where(Alert.event_id.is_not(None))
        .order_by(Alert.id)
        .limit(1)
    )
    return [found] if found is not None else []


def payload_of(alert: Alert) -> dict[str, Any]:
    """What an alert said, as written."""
    payload: dict[str, Any] = json.loads(alert.payload)
    return payload


def receiver_of(alert: Alert) -> str:
    """The receiver an alert is for (rows older than receivers: the one named after the channel)."""
    return alert.receiver or alert.channel


def sent_keys(session: Session, dedup_keys: Sequence[str]) -> set[str]:
    """Which of `dedup_keys` some alert about an unregistered server already carries (any state:
    a pending or failed alert was still written once, and is not written again)."""
    found: set[str] = set()
    for start in range(0, len(dedup_keys), 500):
        chunk = dedup_keys[start : start + 500]
        found.update(
            session.scalars(
                select(Alert.dedup_key).where(Alert.server_id.is_(None), Alert.dedup_key.in_(chunk))
            )
        )
    return found


def claim(session: Session, replica: str, now: datetime, lease: timedelta, limit: int = 20) -> list[Alert]:
    """Claim up to `limit` due alerts for `replica`: one conditional UPDATE per candidate."""
    candidates = session.scalars(
        select(Alert.id)
        .where(Alert.state == AlertState.PENDING, Alert.next_attempt_at <= now)
        .where(or_(Alert.claimed_until.is_(None), Alert.claimed_until < now))
        .order_by(Alert.id)
        .limit(limit)
    ).all()
    claimed = []
    for alert_id in candidates:
        result = session.execute(
            update(Alert)
            .where(Alert.id == alert_id, Alert.state == AlertState.PENDING)
            .where(or_(Alert.claimed_until.is_(None), Alert.claimed_until < now))
            .values(claimed_by=replica, claimed_until=now + lease)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            claimed.append(alert_id)
    if not claimed:
        return []
    return list(session.scalars(select(Alert).where(Alert.id.in_(claimed)).order_by(Alert.id)))


@dataclass(frozen=True)
class Attempt:
    """The outcome of one delivery attempt, to record."""

    alert_id: int
    channel: str
    delivered: bool
    delivery_ref: str | None = None
    error: str | None = None
    retry: bool = True
    waiting: bool = False
    """Not attempted: it waits for its parent (a Slack thread's first message)."""


def prepare(
    session: Session, alerts: Sequence[Alert], owners: Mapping[str, Owner]
) -> list[Outgoing | Attempt]:
    """What to send for each claimed alert (owner and thread resolved), or why not yet."""
    ids = {a.server_id for a in alerts if a.server_id is not None}
    names = pairs(session, select(Server.id, Server.name).where(Server.id.in_(ids)))
    parents = {a.parent_id for a in alerts if a.parent_id is not None}
    parent_refs = pairs(session, select(Alert.id, Alert.delivery_ref).where(Alert.id.in_(parents)))
    parent_states = pairs(session, select(Alert.id, Alert.state).where(Alert.id.in_(parents)))
    prepared: list[Outgoing | Attempt] = []
    for alert in alerts:
        thread = None
        if alert.parent_id is not None:
            state = parent_states.get(alert.parent_id)
            if state == AlertState.PENDING:
                prepared.append(Attempt(alert.id, alert.channel, delivered=False, waiting=True))
                continue
            thread = parent_refs.get(alert.parent_id)  # failed parent: reply as a new message
        prepared.append(
            Outgoing(
                alert_id=alert.id,
                channel=alert.channel,
                receiver=receiver_of(alert),
                action=alert.action,
                dedup_key=alert.dedup_key,
                payload=json.loads(alert.payload),
                owner=owners.get(
                    UNREGISTERED if alert.server_id is None else names[alert.server_id], Owner()
                ),
                thread_ref=thread,
            )
        )
    return prepared


def deliver(outgoing: Outgoing, channel: Channel) -> Attempt:
    try:
        reference = channel.send(outgoing)
    except DeliveryError as exc:
        return Attempt(outgoing.alert_id, outgoing.channel, delivered=False, error=str(exc), retry=exc.retry)
    return Attempt(outgoing.alert_id, outgoing.channel, delivered=True, delivery_ref=reference)


def record(
    session: Session,
    attempt: Attempt,
    replica: str,
    now: datetime,
    *,
    give_up_after: timedelta,
    backoff: timedelta,
    backoff_cap: timedelta,
) -> AlertState:
    """Store an attempt's outcome if `replica` still holds the claim; returns the new state.

    A failed delivery is retried after an exponential backoff (capped), until the channel says
    retrying is pointless or the alert is older than `give_up_after`.
    """
    mine = (Alert.id == attempt.alert_id, Alert.claimed_by == replica, Alert.state == AlertState.PENDING)
    if attempt.waiting:
        values: dict[str, object] = {
            "claimed_by": None,
            "claimed_until": None,
            "next_attempt_at": now + backoff,
        }
        state = AlertState.PENDING
    elif attempt.delivered:
        values = {
            "state": AlertState.SENT,
            "sent_at": now,
            "delivery_ref": attempt.delivery_ref,
            "claimed_until": None,
        }
        state = AlertState.SENT
    else:
        row = session.execute(
            select(Alert.attempts, Alert.created_at).where(Alert.id == attempt.alert_id)
        ).one()
        attempts = row.attempts + 1
        gave_up = not attempt.retry or now - row.created_at >= give_up_after
        state = AlertState.FAILED if gave_up else AlertState.PENDING
        delay = min(backoff_cap, backoff * (2 ** (attempts - 1))) * random.uniform(0.8, 1.2)  # noqa: S311
        values = {
            "state": state,
            "attempts": attempts,
            "last_error": attempt.error,
            "next_attempt_at": now + delay,
            "claimed_by": None,
            "claimed_until": None,
        }
    session.execute(update(Alert).where(*mine).values(**values))
    return state
