"""Acknowledgement and the repeat interval (issue 17 item 3): an open event nobody took is said again.

A page at 2 a.m. that the on-call swipes away is worse than none if the drift stays: Alertmanager's
`repeat_interval` re-sends a firing alert until someone acts. Here:

- an open drift event that paged or notified, and that nobody acknowledged, is said again every
  `repeat_interval` (default 4h; `0s`: never) to each receiver that heard its opening: a reply in
  the Slack thread, the PagerDuty trigger again (the same dedup key: the same incident, reopened
  if someone resolved it by hand while the drift is still there), a new Teams card. Opsgenie runs
  its own escalations, and the webhook and SIEMs are records: they are not repeated;
- a group (alerts/grouping.py) is one conversation: only its first event is repeated;
- what a silence holds is not repeated (the silence's end sends it), nor the event of a server
  nobody approved yet (a review waiting, not an incident);
- `driftwatch ack EVENT` (or PagerDuty's acknowledge, received at `/hooks/pagerduty`) marks the
  event (its whole group) acknowledged: no more repeats; PagerDuty and Opsgenie are told (unless
  the acknowledgement came from PagerDuty), and the Slack thread says who took it. The event
  stays open until approved or reverted.

The repeat pass is one aggregate query (the events whose newest alert is older than the interval)
and one over those events' alerts, never a query per event; the daemon's housekeeping runs it
under a slot claim, the tests with the time passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from driftwatch.alerts import messages, outbox
from driftwatch.alerts.fit import plain
from driftwatch.errors import ConfigError, ConflictError, NotFoundError
from driftwatch.logs import get_logger
from driftwatch.model import AlertState, JSONObject
from driftwatch.settings import format_duration
from driftwatch.store import events
from driftwatch.store.models import Alert

log = get_logger(__name__)

REPEATED = ("slack", "pagerduty", "teams")
"""The receiver types a repeat speaks to again."""


def remind(session: Session, repeat: timedelta, now: datetime) -> int:
    """Say again what open, unacknowledged events told `repeat` ago or more, and was not said
    since; returns how many events were repeated."""
    if not repeat:
        return 0
    due = outbox.quiet_since(session, now - repeat)
    told = outbox.alerts_of(session, due)
    repeated = 0
    for event_id in due:
        alerts = told.get(event_id, [])
        if not alerts or any(_held(a) for a in alerts):
            continue
        firsts = _firsts(alerts)
        for first in firsts:
            action, payload, threaded = _again(first, event_id, now - min(a.created_at for a in alerts))
            outbox.answer(session, first, action, payload, now, threaded)
        if firsts:
            repeated += 1
            log.info(
                "drift event repeated", event_id=event_id, receivers=",".join(map(outbox.receiver_of, firsts))
            )
    return repeated


def _held(alert: Alert) -> bool:
    """An alert a silence holds (or held and muted): its event is not repeated."""
    return alert.silence_id is not None and alert.state in (AlertState.PENDING, AlertState.MUTED)


def _firsts(alerts: Sequence[Alert]) -> list[Alert]:
    """The first alert per receiver of the types a repeat speaks to (openings only)."""
    openers = {("slack", "post"), ("pagerduty", "trigger"), ("teams", "post")}
    found: dict[str, Alert] = {}
    for alert in sorted(alerts, key=lambda a: a.id):
        if (alert.channel, alert.action) in openers:
            found.setdefault(outbox.receiver_of(alert), alert)
    return list(found.values())


def _again(first: Alert, event_id: int, open_for: timedelta) -> tuple[str, JSONObject, bool]:
    """What a receiver is told again: (action, payload, whether in `first`'s thread)."""
    since = format_duration(timedelta(seconds=int(open_for.total_seconds())))
    text = (
        f"Drift event {event_id} is still open after {since} and nobody acknowledged it. "
        f"`driftwatch ack {event_id} --by <you>` stops these reminders; approving or reverting closes it."
    )
    if first.channel == "slack":
        return "reply", messages.plain_message(text), True
    if first.channel == "teams":
        return "post", messages.teams_note(f"Still open: drift event {event_id}", text), False
    return "trigger", outbox.payload_of(first), False  # (pagerduty: the same incident again)


def acknowledge(
    session: Session, event_id: int, by: str, now: datetime, from_pagerduty: bool = False
) -> list[int]:
    """Mark `event_id` (its whole group) acknowledged, and tell the receivers that heard of it:
    PagerDuty (unless it told us) and Opsgenie acknowledge, the Slack thread says who took it.
    Returns the events acknowledged."""
    if not by.strip():
        raise ConfigError("an acknowledgement needs --by")
    leader = events.group_of(session, event_id)
    if leader is None and not events.exists(session, event_id):
        raise NotFoundError(f"no drift event {event_id}")
    taken = events.acknowledge(session, leader or event_id, by, now)
    if not taken:
        raise ConflictError(f"drift event {event_id} is not open, or was acknowledged already")
    told = outbox.alerts_of(session, [leader or event_id]).get(leader or event_id, [])
    answers = {
        ("pagerduty", "trigger"): ("acknowledge", {"event_action": "acknowledge"}),
        ("opsgenie", "create"): (
            "acknowledge",
            {"source": "driftwatch", "user": plain(by, 100), "note": "acknowledged in driftwatch"},
        ),
        ("slack", "post"): ("reply", messages.plain_message(f"Acknowledged by {by}: no more reminders.")),
    }
    done: set[str] = set()
    for first in sorted(told, key=lambda a: a.id):
        answer = answers.get((first.channel, first.action))
        receiver = outbox.receiver_of(first)
        if answer is None or receiver in done or (from_pagerduty and first.channel == "pagerduty"):
            continue
        done.add(receiver)
        outbox.answer(session, first, answer[0], answer[1], now, threaded=first.channel == "slack")
    log.info(
        "drift event acknowledged", event_id=event_id, by=by, events=len(taken), told=",".join(sorted(done))
    )
    return taken
