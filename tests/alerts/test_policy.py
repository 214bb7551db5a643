"""Who gets told, and how loudly: the policy's decisions as a table (driftwatch/alerts/policy.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from driftwatch.alerts.messages import AlertContext, pagerduty_trigger, slack_drift_message
from driftwatch.alerts.policy import decide
from driftwatch.model import (
    Category,
    Change,
    ChangeKind,
    DriftEventRecord,
    EventState,
    Finding,
    ItemKind,
    OpenWindow,
    Severity,
)
from driftwatch.registry import AlertingSpec

NOW = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
WINDOW = OpenWindow(NOW - timedelta(hours=1), NOW + timedelta(hours=1), "Tuesday deploys")


def event(severity: Severity, *, finding: Severity | None = None, approved: bool = True) -> DriftEventRecord:
    """The one place the table builds its input: a drift event as the store would hand it over."""
    findings = [] if finding is None else [_finding(finding)]
    baseline = "sha256:" + "a" * 64 if approved else None
    return DriftEventRecord(
        1,
        "s",
        baseline,
        "sha256:" + "b" * 64,
        EventState.OPEN,
        severity,
        1,
        [],
        findings,
        NOW,
        NOW,
        None,
        None,
    )


def _finding(severity: Severity) -> Finding:
    return Finding(ItemKind.TOOL, "t", "description", "sensitive-file-access", severity, "m", "d", "e", "h")


LOW, MEDIUM, HIGH = Severity.LOW, Severity.MEDIUM, Severity.HIGH


@pytest.mark.parametrize(
    ("drift", "window", "rules", "page", "notify", "why"),
    [
        # drift outside any window pages (the product's promise), at or above page_at (default medium)
        (
            event(MEDIUM),
            None,
            AlertingSpec(),
            True,
            True,
            "outside any change window, at or above page_at medium",
        ),
        (event(HIGH), None, AlertingSpec(), True, True, "outside any change window"),
        # below it (a rewording, a widening: low), Slack only
        (event(LOW), None, AlertingSpec(), False, True, "below the paging threshold (page_at medium)"),
        (event(LOW), None, AlertingSpec(page_at=LOW), True, True, "outside any change window"),
        (event(MEDIUM), None, AlertingSpec(page_at=HIGH), False, True, "below the paging threshold"),
        # inside a window: notify only, whatever the severity...
        (event(HIGH), WINDOW, AlertingSpec(), False, True, "inside change window"),
        # ...unless a poisoning finding is there: a window is for expected changes, not for that
        (event(HIGH, finding=HIGH), WINDOW, AlertingSpec(), True, True, "poisoning finding"),
        (event(MEDIUM, finding=MEDIUM), WINDOW, AlertingSpec(), False, True, "inside change window"),
        (
            event(MEDIUM, finding=MEDIUM),
            WINDOW,
            AlertingSpec(poisoning_pages_at=MEDIUM),
            True,
            True,
            "poisoning",
        ),
        # a server nobody approved: notify, page only when asked to
        (event(MEDIUM, approved=False), None, AlertingSpec(), False, True, "no approved baseline"),
        (event(MEDIUM, approved=False), None, AlertingSpec(page_unapproved=True), True, True, "no approved"),
        # notify_at filters Slack, never a page
        (event(LOW), WINDOW, AlertingSpec(notify_at=MEDIUM), False, False, "inside change window"),
        (
            event(LOW),
            None,
            AlertingSpec(notify_at=MEDIUM, page_at=LOW),
            True,
            True,
            "outside any change window",
        ),
        (event(LOW), None, AlertingSpec(notify_at=MEDIUM), False, False, "below the paging threshold"),
    ],
)
def test_decisions(
    drift: DriftEventRecord,
    window: OpenWindow | None,
    rules: AlertingSpec,
    page: bool,
    notify: bool,
    why: str,
) -> None:
    decision = decide(drift, window, rules)
    assert (decision.page, decision.notify) == (page, notify)
    assert why in decision.reason


def _with_change(severity: Severity, rules: tuple[str, ...], reasons: tuple[str, ...]) -> DriftEventRecord:
    change = Change(
        ChangeKind.CHANGED, ItemKind.TOOL, "add_note", "description", "Add.", "Add <!channel>.",
        Category.DESCRIPTION, False, severity, rules, reasons,
    )  # fmt: skip
    return replace(event(severity), changes=[change])


def test_the_reason_names_the_evidence_behind_the_severity() -> None:
    drift = _with_change(HIGH, ("new-destination", "silent-change"), ("new destination 'evil.example'", "v"))
    decision = decide(drift, None, AlertingSpec())
    assert decision.page
    assert "tool 'add_note' description (high)" in decision.reason
    assert "new-destination: new destination 'evil.example'" in decision.reason
    quiet = decide(_with_change(LOW, (), ()), None, AlertingSpec())
    assert not quiet.page and "no rule fired" in quiet.reason


def test_every_drift_alert_says_why_it_paged() -> None:
    drift = _with_change(HIGH, ("new-hidden-characters",), ("1 invisible characters (U+200B) <@U1>",))
    decision = decide(drift, None, AlertingSpec())
    context = AlertContext("s", None, None, paging=decision.page, reason=decision.reason)
    slack = slack_drift_message(drift, context)
    [why] = [
        b["text"]["text"] for b in slack["blocks"] if b.get("text", {}).get("text", "").startswith("*Why*")
    ]
    assert "at or above page_at medium" in why and "new-hidden-characters" in why
    assert "<@U1>" not in why and "&lt;@U1&gt;" in why  # server text escaped
    details = pagerduty_trigger(drift, context)["payload"]["custom_details"]
    assert "at or above page_at medium" in details["why"] and "new-hidden-characters" in details["why"]
    assert any("new-hidden-characters: 1 invisible characters" in line for line in details["changes"])


def _removal(name: str) -> Change:
    return Change(
        ChangeKind.REMOVED, ItemKind.TOOL, name, None, {"name": name}, None, Category.DESCRIPTION, True, LOW
    )


@pytest.mark.parametrize(
    ("changes", "findings", "lately", "page", "notify"),
    [
        ([_removal("a"), _removal("b")], [], True, False, False),  # a server coming back: inhibited
        ([_removal("a")], [], False, True, True),  # the same removals from a steady server: as any drift
        (
            [_removal("a"), replace(_removal("b"), change=ChangeKind.ADDED)],
            [],
            True,
            True,
            True,
        ),  # not only removals
        ([_removal("a")], [_finding(HIGH)], True, True, True),  # a finding is never inhibited
    ],
    ids=["inhibited", "steady-server", "something-added", "with-a-finding"],
)
def test_an_unreachable_server_inhibits_its_own_removals_only(
    changes: list[Change], findings: list[Finding], lately: bool, page: bool, notify: bool
) -> None:
    drift = replace(event(LOW), changes=changes, findings=findings, change_count=len(changes))
    decision = decide(drift, None, AlertingSpec(page_at=LOW), unreachable_lately=lately)
    assert (decision.page, decision.notify) == (page, notify)
    assert decision.reason.startswith("inhibited") == (not page and not notify)
