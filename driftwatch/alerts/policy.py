"""Policy: who gets told about a drift event, and how loudly, and why.

The defaults are the product's promise ("if what your agents are told changes in a way that
matters, someone is paged at 2 a.m."; a rewording is not that):

- drift outside any change window at or above `page_at` (default `medium`): page the owner
  (PagerDuty) and notify (Slack). A change's severity comes from what it introduces (driftwatch/diff:
  a new destination, finding, tool reference or free-text parameter is `medium`; hidden characters,
  a concealment clause, a permissive annotation or a side-channel parameter `high`), so a benign
  rewording or a non-breaking widening, `low`, does not page, with or without a version bump;
- drift below `page_at`: notify only (at or above `notify_at`, default `info`);
- drift inside a change window: notify only (and a PagerDuty Change Event for the service's
  timeline, alerts/triggers.py: a record, not an incident); the event waits for approval;
- a detector finding at or above `poisoning_pages_at` (default `high`): page, window or not (a window
  is for expected changes, not for hidden instructions to the model);
- a server nobody approved yet: notify (someone added it on purpose; it still needs a review);
  page only with `page_unapproved`;
- a server that cannot be scanned N times in a row: notify (a monitor that silently loses a
  server is a blind spot; alerts/triggers.py);
- drift that only removes items, from a server that failed a scan lately (`unreachable`):
  inhibited, neither paged nor notified. A server coming back half-started lists less; its
  "unreachable" notice already told the owner, and a removal adds nothing a model could be told.
  The event is recorded and stays open until approved or reverted (the items coming back).

Each server's `alerting:` block in the registry can move the thresholds. Every decision carries a
reason naming the rule of the policy that applied and the evidence behind it (the finding, or the
most severe change and why it is that severe); every Slack message and PagerDuty event shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from driftwatch.model import Change, ChangeKind, DriftEventRecord, Finding, OpenWindow, by_severity
from driftwatch.registry import AlertingSpec
from driftwatch.visible import shorten


@dataclass(frozen=True)
class Decision:
    page: bool
    notify: bool
    reason: str
    """Why it paged (or did not): the policy's rule, the thresholds, and the evidence."""


def decide(
    event: DriftEventRecord, window: OpenWindow | None, rules: AlertingSpec, unreachable_lately: bool = False
) -> Decision:
    """What to do about a newly opened drift event (`unreachable_lately`: its server failed one
    of its last few scans)."""
    severity = event.severity
    if unreachable_lately and removals_only(event):
        why = (
            f"inhibited: {len(event.changes)} item(s) removed while the server was unreachable lately "
            "(a server coming back lists less); recorded, not notified"
        )
        return Decision(page=False, notify=False, reason=why)
    notify = severity >= rules.notify_at
    worst = by_severity(event.findings)[:1]
    if worst and worst[0].severity >= rules.poisoning_pages_at:
        why = (
            f"poisoning finding of severity {worst[0].severity} (at or above poisoning_pages_at "
            f"{rules.poisoning_pages_at}, windows or not): {_finding(worst[0])}"
        )
        return Decision(page=True, notify=True, reason=why)
    if event.baseline_hash is None:
        paging = "pages (page_unapproved)" if rules.page_unapproved else "notify only"
        return Decision(
            page=rules.page_unapproved, notify=notify, reason=f"server has no approved baseline: {paging}"
        )
    evidence = _evidence(event)
    if window is not None:
        why = f"drift of severity {severity} inside change window {window.description}: notify only"
        return Decision(page=False, notify=notify, reason=f"{why}; {evidence}")
    if severity >= rules.page_at:
        why = f"drift of severity {severity} outside any change window, at or above page_at {rules.page_at}"
        return Decision(page=True, notify=True, reason=f"{why}; {evidence}")
    why = f"drift of severity {severity} is below the paging threshold (page_at {rules.page_at}): notify only"
    return Decision(page=False, notify=notify, reason=f"{why}; {evidence}")


def removals_only(event: DriftEventRecord) -> bool:
    """Whether the event only removes items (and carries no finding): what an unreachable
    server's recovery looks like."""
    return (
        bool(event.changes)
        and not event.findings
        and all(c.change is ChangeKind.REMOVED for c in event.changes)
    )


def _finding(finding: Finding) -> str:
    return f"{finding.rule} in {finding.kind} {shorten(finding.name, 80)!r} {shorten(finding.field, 80)}"


def _evidence(event: DriftEventRecord) -> str:
    """The most severe change and what made it so (its rules' reasons, or that none fired), and
    the most severe finding when it is as severe."""
    top = by_severity(event.changes)[:1]
    worst = by_severity(event.findings)[:1]
    finding = f"; finding of severity {worst[0].severity}: {_finding(worst[0])}" if worst else ""
    if not top:
        return "the changes are unknown (the manifest could not be stored)" + finding
    change = top[0]
    if not worst or worst[0].severity < change.severity:
        finding = ""
    return _change(change) + finding


def _change(change: Change) -> str:
    where = f"{change.change} {change.kind} {shorten(change.name, 80)!r}" + (
        f" {shorten(change.path, 80)}" if change.path else ""
    )
    if not change.rules:
        return f"most severe change: {where} ({change.severity}), no rule fired"
    pairs = zip(change.rules, change.reasons, strict=False)
    reasons = "; ".join(f"{rule}: {shorten(str(why), 160)}" for rule, why in pairs)
    return f"most severe change: {where} ({change.severity}): {reasons}"
