"""Routes (driftwatch/routing.py): the tree walk Alertmanager users know, over typed subjects."""

from __future__ import annotations

from typing import Any

import pytest

from driftwatch.model import Severity
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
