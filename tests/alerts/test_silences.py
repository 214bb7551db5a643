"""Silences on the database under test (store/silences.py, alerts/triggers.py): a matching silence
holds an event's alerts until it ends, muting them if the event closes first; `expire` releases
them at once; evaluation is untouched. Time is passed in, never slept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import anyio
import pytest
from pydantic import SecretStr
from sqlalchemy.orm import Session

from driftwatch.alerts import outbox, triggers
from driftwatch.alerts.dispatcher import Dispatcher
from driftwatch.errors import ConfigError, NotFoundError
from driftwatch.manifest import Manifest
from driftwatch.model import (
    AlertState,
    Category,
    Change,
    ChangeKind,
    DriftEventRecord,
    EventState,
    ItemKind,
    Severity,
)
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from driftwatch.store import Store, silences
from driftwatch.store.events import close_event, open_event, open_events
from driftwatch.store.manifests import save_manifest
from driftwatch.store.models import Alert, Server
from driftwatch.store.observations import server_row
from tests.fake_saas import WEBHOOK_SECRET

NOW = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)
SETTINGS = Settings(
    pagerduty_routing_key=SecretStr("R0UT1NGKEY0000000000000000000000"),
    slack_bot_token=SecretStr("xoxb-test"),
    slack_channel="#alerts",
    webhook_url=SecretStr("https://hooks.example/driftwatch"),
    webhook_secret=SecretStr(WEBHOOK_SECRET),
)
SPEC = ServerSpec(name="notes", command="notes-server", tags=("prod", "team-a"))


def drifted(session: Session, server: Server, rule: str = "new-destination") -> DriftEventRecord:
    observed = save_manifest(session, Manifest.build(tools=[{"name": "add", "description": rule}]))
    change = Change(
        change=ChangeKind.CHANGED,
        kind=ItemKind.TOOL,
        name="add",
        path="description",
        before="a",
        after="b",
        category=Category.DESCRIPTION,
        breaking=False,
        severity=Severity.HIGH,
        rules=(rule,),
        reasons=("a new destination",),
    )
    return open_event(
        session,
        server,
        (observed, observed),
        severity=Severity.HIGH,
        changes=[change],
        findings=[],
        now=NOW,
    )


def silence(store: Store, match: str, hours: float = 4) -> silences.SilenceRecord:
    with store.transaction() as session:
        return silences.add_silence(
            session,
            silences.Match.parse(match),
            duration=timedelta(hours=hours),
            by="ana",
            reason="upgrade",
            ticket=None,
            now=NOW,
        )


def open_and_alert(store: Store, rule: str = "new-destination") -> int:
    with store.transaction() as session:
        server = server_row(session, "notes", "stdio")
        event = drifted(session, server, rule)
        assert triggers.on_opened(session, server, SPEC, event, None, SETTINGS, NOW).page
        return event.id


def due(store: Store, at: datetime) -> list[tuple[str, str]]:
    with store.transaction() as session:
        return sorted((a.channel, a.action) for a in outbox.claim(session, "r", at, LEASE))


@pytest.mark.parametrize("match", ["server=notes", "tag=prod", "rule=new-destination"])
def test_a_matching_silence_holds_every_alert_until_it_ends(store: Store, match: str) -> None:
    held = silence(store, match)
    open_and_alert(store)
    assert due(store, NOW + timedelta(hours=1)) == []  # (evaluation done, nothing sent)
    with store.transaction() as session:
        rows = session.query(Alert).all()
        assert {(a.silence_id, a.next_attempt_at) for a in rows} == {(held.id, held.ends_at)}
        server = server_row(session, "notes", "stdio")
        assert [e.state for e in open_events(session, server.id)] == [EventState.OPEN]
    assert due(store, held.ends_at) == [("pagerduty", "trigger"), ("slack", "post"), ("webhook", "opened")]


@pytest.mark.parametrize("match", ["server=other", "tag=staging", "rule=hidden-instruction-tag"])
def test_a_silence_that_does_not_match_holds_nothing(store: Store, match: str) -> None:
    silence(store, match)
    open_and_alert(store)
    assert len(due(store, NOW)) == 3


def test_an_event_closed_while_held_is_muted_and_never_answered(store: Store) -> None:
    silence(store, "server=notes")
    open_and_alert(store)
    with store.transaction() as session:
        server = server_row(session, "notes", "stdio")
        [event] = open_events(session, server.id)
        triggers.on_closed(
            session,
            server,
            close_event(session, event, EventState.APPROVED, NOW, by="ops", server="notes"),
            NOW,
        )
        states = sorted((a.action, a.state) for a in session.query(Alert))
    assert states == [("opened", AlertState.MUTED), ("post", AlertState.MUTED), ("trigger", AlertState.MUTED)]
    assert due(store, NOW + timedelta(days=1)) == []  # (no resolve of a page nobody got)


def test_expire_releases_what_the_silence_held_at_once(store: Store) -> None:
    held = silence(store, "tag=team-a")
    open_and_alert(store)
    later = NOW + timedelta(minutes=10)
    with store.transaction() as session:
        assert silences.expire(session, held.id, "ana", later) == 3
        assert silences.records(session, later) == []
        [ended] = silences.records(session, later, ended_too=True)
    assert ended.expired_by == "ana" and ended.ends_at == later
    assert len(due(store, later)) == 3
    with store.transaction() as session, pytest.raises(NotFoundError):
        silences.expire(session, held.id, "ana", later)


def test_the_longest_matching_silence_holds(store: Store) -> None:
    silence(store, "server=notes", hours=1)
    longest = silence(store, "rule=new-destination", hours=8)
    open_and_alert(store)
    assert due(store, NOW + timedelta(hours=2)) == []
    assert len(due(store, longest.ends_at)) == 3


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("server", "--match must be"),
        ("owner=platform", "--match must be"),
        ("rule=new-destinaton", "not in the rule catalogue"),
        ("tag=", "--match must be"),
    ],
)
def test_a_match_that_could_silently_match_nothing_is_refused(text: str, problem: str) -> None:
    with pytest.raises(ConfigError) as refused:
        silences.Match.parse(text)
    assert problem in str(refused.value)


def test_an_old_rule_id_is_read_as_its_current_one() -> None:
    assert str(silences.Match.parse("rule=tool-shadowing")) == "rule=tool-name-collision"


def test_an_alert_for_a_destination_removed_from_the_configuration_waits_and_blocks_nothing(
    store: Store,
) -> None:
    """Written while Opsgenie was configured; the operator removed it since: the dispatcher keeps
    going (the other alerts are sent) and the orphan is retried, to be sent if the setting returns."""
    open_and_alert(store)
    with store.transaction() as session:
        outbox.enqueue(
            session,
            server_id=None,
            event_id=None,
            channel="opsgenie",
            action="create",
            dedup_key="k",
            payload={"message": "m"},
            now=NOW,
        )
    settings = Settings()  # (no channel configured at all any more)
    dispatcher = Dispatcher(settings, store, dict, clock=lambda: NOW)  # (alerts of NOW are not stale)
    try:
        stats = anyio.run(dispatcher.run_once)
    finally:
        dispatcher.close()
    # every alert was handled in the one pass: PagerDuty (a receiver that always exists, owners may
    # hold keys) refuses without a routing key; the removed receivers wait for theirs to come back
    assert (stats.sent, stats.failed, stats.retried) == (0, 1, 3)
    with store.transaction() as session:
        errors = {a.channel: (a.state, a.last_error) for a in session.query(Alert)}
    assert errors["opsgenie"] == (AlertState.PENDING, "receiver opsgenie is not configured")
    assert errors["webhook"] == (AlertState.PENDING, "receiver webhook is not configured")
