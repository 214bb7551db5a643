"""The numbers at the top of a report: what a reader needs before deciding to scroll.

Computed once from the histories so the HTML, Markdown and JSON summaries are the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from driftwatch.model import Change, JSONObject, Severity

if TYPE_CHECKING:  # records only: the CLI's console imports this module
    from driftwatch.store.history import ApprovalRecord, ServerHistory


SEVERITIES = [str(s) for s in sorted(Severity, reverse=True)]
"""`critical` first: the order in which severities are listed everywhere in a report."""


@dataclass(frozen=True)
class Summary:
    servers: int
    open_by_severity: dict[str, int]
    """Open drift events per severity, every severity present, critical first."""
    events_in_period: int
    unapproved: list[str]
    """Servers whose open event says they have no approved baseline at all."""
    failing: list[str]
    """Servers whose latest observation is an error."""
    approvals: list[ApprovalRecord]
    """Approvals made in the period, oldest first."""

    @property
    def open_events(self) -> int:
        return sum(self.open_by_severity.values())

    def to_json(self) -> JSONObject:
        return {
            "servers": self.servers,
            "open_events": self.open_by_severity,
            "events_in_period": self.events_in_period,
            "unapproved_servers": self.unapproved,
            "failing_servers": self.failing,
            "approvals_in_period": len(self.approvals),
        }


def summarize(histories: Sequence[ServerHistory], since: datetime | None) -> Summary:
    from driftwatch.store.history import ApprovalRecord  # (SQLAlchemy: not at the CLI's start)

    open_by_severity = dict.fromkeys(SEVERITIES, 0)
    for event in (e for h in histories for e in h.events if e.is_open):
        open_by_severity[str(event.severity)] += 1
    approvals = sorted(
        (
            ApprovalRecord(h.name, b)
            for h in histories
            for b in h.baselines
            if since is None or b.approved_at >= since
        ),
        key=lambda a: a.baseline.approved_at,
    )
    return Summary(
        servers=len(histories),
        open_by_severity=open_by_severity,
        events_in_period=sum(
            1 for h in histories for e in h.events if since is None or e.first_seen >= since
        ),
        unapproved=[
            h.name for h in histories if any(e.is_open and e.baseline_hash is None for e in h.events)
        ],
        failing=[h.name for h in histories if h.observations and h.observations[-1].status != "ok"],
        approvals=approvals,
    )


CHANGE_KINDS = ["added", "removed", "renamed", "changed"]


@dataclass(frozen=True)
class ChangeSummary:
    """What a set of changes amounts to: the lines a reader sees before any change."""

    total: int
    by_severity: dict[str, int]
    """Changes per severity, critical first, only severities present."""
    by_item: dict[str, dict[str, int]]
    """Item kind (`tool`) -> change kind (`added`) -> count, in order of first appearance."""
    breaking: int
    rules: dict[str, int]
    """Rule -> how many changes it fired on, most first."""


def summarize_changes(changes: Sequence[Change]) -> ChangeSummary:
    severities = dict.fromkeys(SEVERITIES, 0)
    by_item: dict[str, dict[str, int]] = {}
    rules: dict[str, int] = {}
    for change in changes:
        severity = str(change.severity)
        severities[severity] += 1
        counts = by_item.setdefault(str(change.kind), dict.fromkeys(CHANGE_KINDS, 0))
        kind = str(change.change)
        counts[kind] = counts.get(kind, 0) + 1
        for rule in change.rules:
            rules[str(rule)] = rules.get(str(rule), 0) + 1
    return ChangeSummary(
        total=len(changes),
        by_severity={name: n for name, n in severities.items() if n},
        by_item=by_item,
        breaking=sum(1 for c in changes if c.breaking),
        rules=dict(sorted(rules.items(), key=lambda pair: -pair[1])),
    )
