"""Approving a manifest: the baseline moves, its events close, and whoever was paged hears of it.

One command, one transaction (`approve --group`: one for every server of a group): the new baseline,
the events it closes (`approved` for the approved manifest, `superseded` for others), the event that
opens when the server currently shows something else (a rollback approved to an older manifest), and
their alerts (PagerDuty resolves, Slack thread replies, or a new page) are committed together or not
at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from driftwatch import notify
from driftwatch.drift import evaluate, registry_tools, resolve_ref
from driftwatch.errors import ConfigError, ConflictError, NotFoundError
from driftwatch.model import DriftEventRecord, EventState
from driftwatch.registry import Registry
from driftwatch.rules import NO_OVERRIDES, SeverityOverrides
from driftwatch.settings import Settings
from driftwatch.store import Store
from driftwatch.store.events import (
    add_baseline,
    close_event,
    current_baseline,
    group_events,
    observed_hashes,
    open_events,
    server_by_name,
)
from driftwatch.store.manifests import load_manifests
from driftwatch.store.models import Server


@dataclass(frozen=True)
class Approval:
    server: Server
    baseline_id: int
    manifest_hash: str
    closed: list[DriftEventRecord]
    """Events closed by this approval: `approved` ones, and `superseded` ones."""
    opened: DriftEventRecord | None
    """When the server currently shows something other than what was approved (a rollback to
    an older manifest), the event that now tracks the difference."""


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
) -> Approval:
    """Record the approval and, in the same transaction, the alerts of the events it closed or opened."""
    with store.transaction() as session:
        return _record_and_tell(session, settings, registry, server, ref, (by, reason, ticket), now)


def _record_and_tell(
    session: Session,
    settings: Settings,
    registry: Registry,
    server: str,
    ref: str | None,
    who: tuple[str, str, str | None],
    now: datetime,
) -> Approval:
    """One server's approval (`who`: by, reason, ticket) and the alerts of what it closed or opened."""
    by, reason, ticket = who
    approval = record(
        session, server, ref=ref, by=by, reason=reason, ticket=ticket, now=now, overrides=settings.overrides
    )
    spec = registry.get(server)
    if spec is not None:
        notify.on_events(session, approval.server, spec, settings, now, approval.closed, approval.opened)
    else:
        notify.on_closed(session, approval.server, approval.closed, now)
    return approval


def approve_group(
    store: Store,
    settings: Settings,
    registry: Registry,
    group: int,
    *,
    by: str,
    reason: str,
    ticket: str | None,
    now: datetime,
) -> list[Approval]:
    """Approve, in one transaction, what every server of a group (alerts/grouping.py) shows in
    its open event: the group's notification is answered once, when the last of them closes."""
    with store.transaction() as session:
        members = group_events(session, group)
        if not members:
            raise NotFoundError(f"drift event group {group} has no open event (see `driftwatch history`)")
        return [
            _record_and_tell(session, settings, registry, server, observed, (by, reason, ticket), now)
            for server, observed in members
        ]


def record(
    session: Session,
    server_name: str,
    *,
    ref: str | None,
    by: str,
    reason: str,
    ticket: str | None,
    now: datetime,
    overrides: SeverityOverrides = NO_OVERRIDES,
) -> Approval:
    """Make the referenced manifest the server's baseline, superseding (never overwriting) the last."""
    if not by.strip() or not reason.strip():
        raise ConfigError("an approval needs --by and --reason")
    server = server_by_name(session, server_name)
    digest = resolve_ref(session, server, ref)
    previous = current_baseline(session, server.id)
    sides = [e for e in open_events(session, server.id, subject=None) if e.subject != "manifest"]
    if previous is not None and previous.manifest_hash == digest and not sides:
        # (approving the baseline again is how a changed package or authorization surface is accepted)
        raise ConflictError(
            f"{digest[:19]} already is the baseline of {server_name!r} (approved by {previous.approved_by})"
        )
    baseline = add_baseline(session, server, digest, by=by, reason=reason, ticket=ticket, now=now)
    closed = [
        close_event(
            session,
            event,
            EventState.APPROVED if event.observed_hash == digest else EventState.SUPERSEDED,
            now,
            by=by,
            server=server.name,
        )
        for event in open_events(session, server.id, subject=None)
    ]
    session.flush()
    opened = None
    latest = observed_hashes(session, server.id)[0]
    if latest != digest:
        observed = load_manifests(session, [latest])[latest]
        other_tools = registry_tools(session, server.name)
        opened = evaluate(session, server, observed, now, other_tools, overrides=overrides).current
    return Approval(
        server=server, baseline_id=baseline.id, manifest_hash=digest, closed=closed, opened=opened
    )
