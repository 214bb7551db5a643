"""Approving a manifest closes the loop: the baseline moves, and whoever was paged hears of it."""

from __future__ import annotations

from datetime import datetime

from driftwatch import drift
from driftwatch.alerts import triggers
from driftwatch.registry import Registry
from driftwatch.settings import Settings
from driftwatch.store import Store


def approve(
    store: Store,
    settings: Settings,
    registry: Registry,
    server: str,
    *,
    ref: str | None,
    by: str,
    reason: str,
    ticket: str | None,
    now: datetime,
) -> drift.Approval:
    """Record the approval and, in the same transaction, the PagerDuty resolves and Slack thread
    replies for the events it closed (and the alerts for an event it opened, on a rollback)."""
    with store.transaction() as session:
        approval = drift.approve(session, server, ref=ref, by=by, reason=reason, ticket=ticket, now=now)
        for event in approval.closed:
            triggers.on_closed(session, approval.server, event, now)
        spec = registry.get(server)
        if approval.opened is not None and spec is not None:
            triggers.on_opened(session, approval.server, spec, approval.opened, settings, now)
    return approval
