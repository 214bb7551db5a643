"""Policy: who gets told about a drift event, and how loudly.

The defaults are the product's promise ("if your manifest changes at 2 a.m., someone is paged"):

- drift outside any change window: page the owner (PagerDuty) and notify (Slack);
- drift inside a change window: notify only; the event waits for approval;
- a poisoning finding of `high` or above: page, window or not (a window is for expected changes,
  not for hidden instructions to the model);
- a server nobody approved yet: notify (someone added it on purpose; it still needs a review);
- a server that cannot be scanned N times in a row: notify (a monitor that silently loses a
  server is a blind spot).

Each server's `alerting:` block in the registry can move the thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass

from driftwatch.model import DriftEventRecord, OpenWindow
from driftwatch.registry import AlertingSpec


@dataclass(frozen=True)
class Decision:
    page: bool
    notify: bool
    reason: str


def decide(event: DriftEventRecord, window: OpenWindow | None, rules: AlertingSpec) -> Decision:
    """What to do about a newly opened drift event."""
    severity = event.severity
    worst_finding = max((f.severity for f in event.findings), default=None)
    notify = severity >= rules.notify_at
    if worst_finding is not None and worst_finding >= rules.poisoning_pages_at:
        return Decision(page=True, notify=True, reason=f"poisoning finding of severity {worst_finding}")
    if event.baseline_hash is None:
        return Decision(page=rules.page_unapproved, notify=notify, reason="server has no approved baseline")
    if window is not None:
        return Decision(page=False, notify=notify, reason=f"inside change window {window.description}")
    if severity >= rules.page_at:
        return Decision(page=True, notify=True, reason="drift outside any change window")
    return Decision(page=False, notify=notify, reason=f"drift below the paging threshold ({rules.page_at})")
