"""Who gets told, and how loudly: the policy's decisions as a table (driftwatch/alerts/policy.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from driftwatch.alerts.policy import decide
from driftwatch.model import DriftEventRecord, EventState, Finding, ItemKind, OpenWindow, Severity
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
