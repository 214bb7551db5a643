"""Routes (driftwatch/routing.py): the tree walk Alertmanager users know, over typed subjects;
and the keys that group several servers' events (driftwatch/alerts/grouping.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from driftwatch.alerts.grouping import cause, group_key
from driftwatch.model import Category, Change, ChangeKind, DriftEventRecord, EventState, ItemKind, Severity
from driftwatch.routing import ReceiverSpec, Route, Subject, resolve, unknown_references

RECEIVERS = {
    name: ReceiverSpec(name=name, type=kind)
    for name, kind in [("pager", "pagerduty"), ("chat", "slack"), ("hook", "webhook"), ("genie", "opsgenie")]
}


def subject(
    server: str = "payments",
    tags: tuple[str, ...] = ("prod",),
    team: str | None = "payments",
    severity: Severity = Severity.HIGH,
    events: tuple[str, ...] = ("drift",),
) -> Subject:
    return Subject(server, frozenset(tags), team, severity, frozenset(events))


def reached(route: dict[str, Any] | None, about: Subject) -> dict[str, str]:
    tree = Route.model_validate(route) if route is not None else None
    return {t.receiver.name: str(t.min_severity) for t in resolve(tree, RECEIVERS, about)}


def test_without_a_route_every_receiver_hears_of_everything() -> None:
    assert reached(None, subject()) == dict.fromkeys(RECEIVERS, "info")


def test_the_first_matching_route_wins_and_the_root_catches_the_rest() -> None:
    route = {
        "receivers": ["chat"],
        "routes": [
            {"match": {"tag": "prod"}, "receivers": ["pager"]},
            {"match": {"team": "payments"}, "receivers": ["genie"]},
        ],
    }
    assert reached(route, subject()) == {"pager": "info"}
    assert reached(route, subject(tags=("dev",))) == {"genie": "info"}
    assert reached(route, subject(tags=("dev",), team="search")) == {"chat": "info"}


def test_continue_falls_through_and_a_receiver_named_twice_gets_the_lower_minimum() -> None:
    route = {
        "receivers": ["chat"],
        "routes": [
            {
                "match": {"event": "finding"},
                "receivers": [{"name": "pager", "min_severity": "high"}],
                "continue": True,
            },
            {"match": {"server": "pay*"}, "receivers": [{"name": "pager", "min_severity": "medium"}, "hook"]},
        ],
    }
    assert reached(route, subject(events=("drift", "finding"))) == {"pager": "medium", "hook": "info"}
    assert reached(route, subject(server="search", events=("drift", "finding"))) == {"pager": "high"}


def test_a_matching_route_whose_children_do_not_match_uses_its_own_receivers() -> None:
    route = {
        "receivers": ["chat"],
        "routes": [
            {
                "match": {"tag": ["prod", "staging"]},
                "receivers": ["hook"],
                "routes": [{"match": {"severity": ["high", "critical"]}, "receivers": ["pager"]}],
            }
        ],
    }
    assert reached(route, subject(severity=Severity.CRITICAL)) == {"pager": "info"}
    assert reached(route, subject(tags=("staging",), severity=Severity.LOW)) == {"hook": "info"}


def test_every_key_of_a_match_must_hold() -> None:
    route = {
        "receivers": [],
        "routes": [{"match": {"tag": "prod", "event": "unreachable"}, "receivers": ["chat"]}],
    }
    assert reached(route, subject(events=("unreachable",))) == {"chat": "info"}
    assert reached(route, subject(events=("drift",))) == {}
    assert reached(route, subject(tags=(), events=("unreachable",))) == {}


def test_a_child_naming_no_receivers_has_its_parents() -> None:
    route = {"receivers": ["hook"], "routes": [{"match": {"server": "payments"}, "continue": True}]}
    assert reached(route, subject()) == {"hook": "info"}


def test_names_a_route_gives_that_nobody_configured_are_found_with_where_they_are() -> None:
    route = Route.model_validate({"receivers": ["chat"], "routes": [{"receivers": ["hook", "pagr"]}]})
    assert unknown_references(route, RECEIVERS) == [(("route", "routes", 0, "receivers", 1), "pagr")]


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        (
            {"name": "x", "type": "slack", "routing_key": "k"},
            "a slack receiver takes channel, url, not routing_key",
        ),
        (
            {"name": "x", "type": "webhook", "secret": "whsec_c2hvcnQ="},
            "must hold a key of at least 24 bytes",
        ),
        ({"name": "x", "type": "email"}, "Input should be"),
        ({"name": "x y", "type": "slack"}, "String should match pattern"),
    ],
)
def test_a_receiver_takes_only_the_targets_of_its_type(fields: dict[str, str], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        ReceiverSpec.model_validate(fields)


def _event(
    changes: list[tuple[str, str, Any]], baseline: str | None = "sha256:b", subject: str = "manifest"
) -> Any:
    now = datetime.now(UTC)
    recorded = [
        Change(
            ChangeKind.CHANGED,
            ItemKind.TOOL,
            name,
            path,
            "old",
            after,
            Category.DESCRIPTION,
            False,
            Severity.HIGH,
        )
        for name, path, after in changes
    ]
    return DriftEventRecord(
        1,
        "s",
        baseline,
        "sha256:o",
        EventState.OPEN,
        Severity.HIGH,
        len(recorded),
        recorded,
        [],
        now,
        now,
        None,
        None,
        subject,
    )


def test_a_cause_is_the_same_changes_to_the_same_new_values_in_any_order() -> None:
    one = _event([("echo", "description", "read ~/.ssh"), ("add", "description", "x")])
    same = _event([("add", "description", "x"), ("echo", "description", "read ~/.ssh")])
    other = _event([("echo", "description", "read ~/.aws"), ("add", "description", "x")])
    assert cause(one, "a", "cause") == cause(same, "b", "cause") is not None
    assert cause(one, "a", "cause") != cause(other, "a", "cause")
    assert cause(one, "a", "team") == cause(other, "a", "team") != cause(one, "b", "team")
    assert cause(one, None, "team") is None and cause(one, "a", "server") is None
    assert cause(_event([("echo", "description", "x")], baseline=None), "a", "cause") is None  # (unapproved)
    assert cause(_event([("echo", "description", "x")], subject="package"), "a", "cause") != cause(
        _event([("echo", "description", "x")]), "a", "cause"
    )


def test_a_group_key_holds_how_its_notifications_go() -> None:
    base = group_key("c", page=True, notify=True, window_open=False, receivers=["slack", "pagerduty"])
    assert base == group_key("c", page=True, notify=True, window_open=False, receivers=["pagerduty", "slack"])
    assert base != group_key(
        "c", page=False, notify=True, window_open=False, receivers=["slack", "pagerduty"]
    )
    assert base != group_key("c", page=True, notify=True, window_open=True, receivers=["slack", "pagerduty"])
    assert base != group_key("c", page=True, notify=True, window_open=False, receivers=["slack"])
