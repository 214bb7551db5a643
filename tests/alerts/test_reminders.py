"""The repeat interval and acknowledgement (driftwatch/alerts/reminders.py) on the database under
test, time passed in: an open event nobody took is said again every interval to the receivers
that heard it, until someone acknowledges it; a silenced one is not. And PagerDuty's side of it
(driftwatch/alerts/inbound.py): its signature and its acknowledgement."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import timedelta

import pytest

from driftwatch.alerts import inbound, reminders
from driftwatch.errors import ConflictError, NotFoundError
from driftwatch.store import Store
from driftwatch.store.models import Alert, DriftEvent
from tests.alerts.test_silences import NOW, open_and_alert, silence

REPEAT = timedelta(hours=4)


def remind(store: Store, hours: float) -> int:
    with store.transaction() as session:
        return reminders.remind(session, REPEAT, NOW + timedelta(hours=hours))


def written(store: Store, after: int = 0) -> list[tuple[str, str, str]]:
    """(channel, action, first words) of every alert after the first `after`."""
    with store.transaction() as session:
        rows = session.query(Alert).order_by(Alert.id).offset(after)
        return [(a.channel, a.action, json.loads(a.payload).get("text", "")[:40]) for a in rows]


def test_an_open_event_nobody_took_is_said_again_each_interval_until_acknowledged(store: Store) -> None:
    event = open_and_alert(store)
    opened = len(written(store))
    assert remind(store, 1) == 0 and remind(store, 3.9) == 0
    assert remind(store, 4) == 1
    again = written(store, opened)
    assert sorted(a[:2] for a in again) == [("pagerduty", "trigger"), ("slack", "reply")]  # (not the webhook)
    assert [a[2] for a in again if a[0] == "slack"] == [f"Drift event {event} is still open after 4h and"]
    with store.transaction() as session:
        first, repeated = session.query(Alert).filter_by(channel="pagerduty").order_by(Alert.id).all()
        assert (repeated.dedup_key, repeated.payload) == (first.dedup_key, first.payload)  # the same incident
    assert remind(store, 5) == 0  # (said at 4h: next at 8h)
    assert remind(store, 8) == 1

    with store.transaction() as session:
        assert reminders.acknowledge(session, event, "ana <!channel>", NOW + timedelta(hours=9)) == [event]
        row = session.get(DriftEvent, event)
        assert row is not None and row.acknowledged_by == "ana <!channel>"
    told = written(store, opened + 4)
    assert sorted(a[:2] for a in told) == [("pagerduty", "acknowledge"), ("slack", "reply")]
    assert [a[2] for a in told if a[0] == "slack"] == [
        "Acknowledged by ana &lt;!channel&gt;: no"
    ]  # (escaped)
    assert remind(store, 12) == 0 and remind(store, 100) == 0
    with store.transaction() as session, pytest.raises(ConflictError, match="acknowledged already"):
        reminders.acknowledge(session, event, "bob", NOW + timedelta(hours=10))
    with store.transaction() as session, pytest.raises(NotFoundError):
        reminders.acknowledge(session, event + 100, "bob", NOW)


def test_what_a_silence_holds_is_not_repeated(store: Store) -> None:
    silence(store, "server=notes", hours=24)
    open_and_alert(store)
    assert remind(store, 4) == 0 and remind(store, 20) == 0


def test_a_repeat_interval_of_zero_repeats_nothing(store: Store) -> None:
    open_and_alert(store)
    with store.transaction() as session:
        assert reminders.remind(session, timedelta(0), NOW + timedelta(days=30)) == 0


def sign(body: bytes, secret: str) -> str:
    return "v1=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_pagerduty_signatures_are_checked_over_the_raw_body() -> None:
    body = b'{"event": {"event_type": "incident.acknowledged"}}'
    assert inbound.signed(body, sign(body, "s3cret"), "s3cret")
    assert inbound.signed(body, f"{sign(body, 'old')}, {sign(body, 's3cret')}", "s3cret")  # (a rotation)
    assert not inbound.signed(body + b" ", sign(body, "s3cret"), "s3cret")
    assert not inbound.signed(body, sign(body, "other"), "s3cret")
    assert not inbound.signed(body, "", "s3cret")


def test_an_acknowledgement_names_the_incident_and_who_took_it_in_one_visible_line() -> None:
    delivery = {
        "event": {
            "event_type": "incident.acknowledged",
            "agent": {"summary": "Jane\n\x1b[31mDoe"},
            "data": {"incident_key": "driftwatch/notes/sha256:ab"},
        }
    }
    found = inbound.acknowledgement(json.dumps(delivery).encode())
    assert found is not None and found.incident_key == "driftwatch/notes/sha256:ab"
    assert "\n" not in found.by and "\x1b" not in found.by and found.by.endswith("(PagerDuty)")
    others: list[object] = [{"event": {"event_type": "incident.resolved"}}, {"event": []}, [], "x"]
    for other in others:
        assert inbound.acknowledgement(json.dumps(other).encode()) is None
    assert inbound.acknowledgement(b"[" * 100_000) is None
