"""The outbox protocol in process, on the database under test: claim, lease, backoff, give-up,
threads waiting for their parent, the minimal form of a refused page. Time is passed in, never
slept; the channel talks to an in-process transport."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from pydantic import SecretStr

from driftwatch.alerts import outbox
from driftwatch.alerts.channels import Outgoing, PagerDuty, change_events_url
from driftwatch.model import AlertState, JSONObject
from driftwatch.registry import Owner
from driftwatch.settings import Settings
from driftwatch.store import Store
from driftwatch.store.models import Alert, Server

T0 = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)
BACKOFF = {
    "give_up_after": timedelta(hours=1),
    "backoff": timedelta(seconds=10),
    "backoff_cap": timedelta(minutes=5),
}


def enqueue(store: Store, count: int = 1, parent: int | None = None) -> list[int]:
    with store.transaction() as session:
        server = session.query(Server).filter_by(name="s").one_or_none()
        if server is None:
            server = Server(name="s", transport="stdio")
            session.add(server)
            session.flush()
        return [
            outbox.enqueue(
                session,
                server_id=server.id,
                event_id=None,
                channel="slack",
                action="reply" if parent else "post",
                dedup_key=f"k{n}",
                payload={"text": "drift"},
                now=T0,
                parent_id=parent,
            ).id
            for n in range(count)
        ]


def claim(store: Store, replica: str, now: datetime) -> list[int]:
    with store.transaction() as session:
        return [a.id for a in outbox.claim(session, replica, now, LEASE)]


def record(store: Store, attempt: outbox.Attempt, replica: str, now: datetime) -> AlertState:
    with store.transaction() as session:
        return outbox.record(session, attempt, replica, now, **BACKOFF)


def row(store: Store, alert_id: int) -> Alert:
    with store.transaction() as session:
        found = session.get(Alert, alert_id)
        assert found is not None
        return found


def test_two_replicas_never_claim_the_same_alert(store: Store) -> None:
    ids = enqueue(store, 3)
    first = claim(store, "a", T0)
    second = claim(store, "b", T0)
    assert first == ids and second == []


def test_an_expired_lease_is_claimed_again_and_the_old_holder_cannot_record(store: Store) -> None:
    [alert] = enqueue(store)
    assert claim(store, "a", T0) == [alert]
    assert claim(store, "b", T0 + LEASE - timedelta(seconds=1)) == []
    assert claim(store, "b", T0 + LEASE + timedelta(seconds=1)) == [alert]
    late = outbox.Attempt(alert, "slack", delivered=True, delivery_ref="ts-1")
    record(store, late, "a", T0 + LEASE * 2)  # "a" lost its claim: its outcome is not stored
    assert row(store, alert).state is AlertState.PENDING and row(store, alert).claimed_by == "b"
    assert record(store, late, "b", T0 + LEASE * 2) is AlertState.SENT
    assert row(store, alert).delivery_ref == "ts-1"


def test_a_retryable_failure_backs_off_exponentially_then_gives_up(store: Store) -> None:
    [alert] = enqueue(store)
    now, delays = T0, []
    for _ in range(3):
        assert claim(store, "a", now) == [alert]
        failed = outbox.Attempt(alert, "slack", delivered=False, error="HTTP 503", retry=True)
        assert record(store, failed, "a", now) is AlertState.PENDING
        due = row(store, alert).next_attempt_at.replace(tzinfo=UTC)
        delays.append((due - now).total_seconds())
        assert claim(store, "a", due - timedelta(seconds=1)) == []  # not before it is due
        now = due
    assert 8 <= delays[0] <= 12 and 16 <= delays[1] <= 24 and 32 <= delays[2] <= 48  # 10 s x 2^n, jittered
    assert row(store, alert).attempts == 3
    created = row(store, alert).created_at  # the database's clock: give_up_after counts from it
    late = (created if created.tzinfo else created.replace(tzinfo=UTC)) + timedelta(hours=2)
    assert claim(store, "a", late) == [alert]
    last = outbox.Attempt(alert, "slack", delivered=False, error="HTTP 503", retry=True)
    assert record(store, last, "a", late) is AlertState.FAILED  # past give_up_after


def test_a_refused_alert_fails_at_once(store: Store) -> None:
    [alert] = enqueue(store)
    claim(store, "a", T0)
    refused = outbox.Attempt(alert, "slack", delivered=False, error="invalid_auth", retry=False)
    assert record(store, refused, "a", T0) is AlertState.FAILED
    assert claim(store, "a", T0 + timedelta(days=1)) == []


def test_a_reply_waits_for_its_parent_and_then_threads_under_it(store: Store) -> None:
    [parent] = enqueue(store)
    [reply] = enqueue(store, parent=parent)
    with store.transaction() as session:
        prepared = outbox.prepare(session, outbox.claim(session, "a", T0, LEASE), {})
    waiting = [p for p in prepared if isinstance(p, outbox.Attempt)]
    assert [w.alert_id for w in waiting] == [reply] and waiting[0].waiting
    assert record(store, waiting[0], "a", T0) is AlertState.PENDING  # released, not failed
    assert record(store, outbox.Attempt(parent, "slack", delivered=True, delivery_ref="ts-9"), "a", T0) is (
        AlertState.SENT
    )
    later = T0 + timedelta(seconds=20)
    with store.transaction() as session:
        [outgoing] = outbox.prepare(session, outbox.claim(session, "a", later, LEASE), {})
    assert isinstance(outgoing, Outgoing) and outgoing.thread_ref == "ts-9"


PAGERDUTY = Settings(
    pagerduty_routing_key=SecretStr("R0UT1NGKEY0000000000000000000000"),
    pagerduty_events_url="https://events.example/v2/enqueue",
)
PAGE = {
    "event_action": "trigger",
    "payload": {"summary": "x" * 5000, "source": "victim", "severity": "critical"},
    "minimal": {"summary": "MCP drift on victim", "approve": "driftwatch approve victim"},
}


def page_with(answers: list[int], action: str = "trigger") -> tuple[outbox.Attempt, list[JSONObject]]:
    """Deliver PAGE (as `action`) through the PagerDuty channel to an in-process transport
    answering `answers` in turn; returns the attempt and the bodies sent (with `url`)."""
    bodies: list[JSONObject] = []

    def answer(request: httpx.Request) -> httpx.Response:
        bodies.append({**json.loads(request.content), "url": str(request.url)})
        return httpx.Response(answers[len(bodies) - 1], text="invalid event")

    page = Outgoing(7, "pagerduty", "pagerduty", action, "driftwatch/victim/0", PAGE, Owner())
    with httpx.Client(transport=httpx.MockTransport(answer)) as client:
        return outbox.deliver(page, PagerDuty(PAGERDUTY, client)), bodies


def test_an_invalid_payload_is_sent_once_more_in_its_minimal_form() -> None:
    attempt, (full, minimal) = page_with([400, 202])
    assert attempt.delivered
    assert "minimal" not in full and full["payload"] == PAGE["payload"]
    assert minimal["payload"] == {
        "summary": "MCP drift on victim",
        "source": "victim",
        "severity": "critical",
        "custom_details": {"approve": "driftwatch approve victim"},
    }
    assert minimal["dedup_key"] == full["dedup_key"] == "driftwatch/victim/0"
    assert full["url"] == "https://events.example/v2/enqueue"


def test_a_change_event_goes_to_the_change_endpoint_without_a_dedup_key_and_has_a_minimal_form() -> None:
    attempt, (full, minimal) = page_with([400, 202], action="change")
    assert attempt.delivered
    assert full["url"] == minimal["url"] == "https://events.example/v2/change/enqueue"
    assert "dedup_key" not in full and "dedup_key" not in minimal
    assert minimal["payload"] == {
        "summary": "MCP drift on victim",
        "source": "victim",
        "custom_details": {"approve": "driftwatch approve victim"},
    }
    assert "event_action" not in minimal


@pytest.mark.parametrize(
    ("events", "change"),
    [
        ("https://events.pagerduty.com/v2/enqueue", "https://events.pagerduty.com/v2/change/enqueue"),
        ("https://events.eu.pagerduty.com/v2/enqueue", "https://events.eu.pagerduty.com/v2/change/enqueue"),
        ("http://127.0.0.1:9/v2/enqueue/", "http://127.0.0.1:9/v2/change/enqueue/"),
        ("http://pd.internal/events", "http://pd.internal/events/change/enqueue"),
    ],
)
def test_the_change_endpoint_is_beside_the_events_one(events: str, change: str) -> None:
    assert change_events_url(events) == change


def test_a_refused_minimal_form_fails_without_a_third_try() -> None:
    attempt, bodies = page_with([400, 400])
    assert (attempt.delivered, attempt.retry, len(bodies)) == (False, False, 2)


def test_a_retryable_refusal_is_not_shortened() -> None:
    attempt, bodies = page_with([503])
    assert (attempt.delivered, attempt.retry, len(bodies)) == (False, True, 1)
