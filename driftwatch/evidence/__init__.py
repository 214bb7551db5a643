"""The evidence pack: what a security review of AI agents asks about their MCP servers, for a
period, built from the store and the audit log (`driftwatch evidence`, docs/evidence.md).

Reviewers ask for evidence, not assurances: the inventory with its launch commands and package
pins, every approval with who, why and the ticket, each drift event with how fast it was detected,
paged and closed, drift outside change windows without a ticket (the launch gate: 0), servers
nobody registered (0), open findings and the exceptions granted, how OAuth tokens are kept, and
whether the audit log still verifies. `build` gathers those facts in a fixed number of queries
(the histories, then one query per kind of fact), `risks` maps them to the review's rows.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from driftwatch import __version__, audit
from driftwatch.alerts.triggers import FIRSTS
from driftwatch.collect.package import unpinned
from driftwatch.drift.assess import screen
from driftwatch.evidence.pack import (
    AuditState,
    CredentialEntry,
    EventEntry,
    EvidencePack,
    FindingEntry,
    InventoryEntry,
    ServerTotals,
    SuppressionEntry,
    UnknownServer,
)
from driftwatch.evidence.risks import gates, risk_rows
from driftwatch.model import DriftEventRecord
from driftwatch.redact import redact_text
from driftwatch.registry import Registry
from driftwatch.routing import PAGERS
from driftwatch.settings import Settings
from driftwatch.store import audit as audit_rows
from driftwatch.store import evidence as facts
from driftwatch.store.history import ApprovalRecord, ServerHistory, load_histories
from driftwatch.store.observations import latest_per_server, package_of

__all__ = ["EvidencePack", "build"]

OPENERS = frozenset(FIRSTS)
"""The alerts that tell someone of an event (time to notify); those of a pager page (time to page)."""


def build(
    session: Session, settings: Settings, registry: Registry, since: datetime, now: datetime
) -> EvidencePack:
    """The evidence pack of `since`..`now`: registered servers now, everything that happened since."""
    histories = load_histories(session, None, since=since)
    inventory = _inventory(session, registry, {h.name: h for h in histories})
    events = _events(session, histories, since)
    findings = _findings(session, settings, registry, since, now)
    suppressions = _suppressions(session, since, now)
    credentials = _credentials(session)
    state = _audit(session)
    unknown = _unknown(session, since)
    per_server = [_totals(name, histories, events, findings, since) for name in _names(registry, histories)]
    return EvidencePack(
        generated_at=now,
        since=since,
        version=__version__,
        inventory=inventory,
        approvals=_approvals(histories, since),
        events=events,
        unknown_servers=unknown,
        findings=findings,
        suppressions=suppressions,
        credentials=credentials,
        audit=state,
        per_server=per_server,
        totals=_totals("", histories, events, findings, since),
        gates=gates(inventory, events, unknown, state),
        risks=risk_rows(inventory, events, findings, unknown, suppressions, credentials, state),
    )


def _names(registry: Registry, histories: Sequence[ServerHistory]) -> list[str]:
    """Every server registered now or with a history in the period."""
    return sorted({s.name for s in registry.servers} | {h.name for h in histories if h.events or h.baselines})


def _inventory(
    session: Session, registry: Registry, histories: dict[str, ServerHistory]
) -> list[InventoryEntry]:
    latest = latest_per_server(session, [s.name for s in registry.servers])
    entries = []
    for spec in sorted(registry.servers, key=lambda s: s.name):
        observation = latest.get(spec.name)
        package = package_of(observation) if observation is not None else None
        loose = unpinned(spec, package) if spec.transport == "stdio" else None
        history = histories.get(spec.name)
        baseline = history.baseline if history is not None else None
        entries.append(
            InventoryEntry(
                server=spec.name,
                team=spec.owner.team,
                email=spec.owner.email,
                transport=spec.transport,
                target=redact_text(spec.target),
                package=f"{package.ecosystem}:{package.name}@{package.version or '?'}" if package else None,
                digest=package.digest if package else None,
                unpinned=loose.detail if loose else None,
                baseline_hash=baseline.manifest_hash if baseline else None,
            )
        )
    return entries


def _approvals(histories: Sequence[ServerHistory], since: datetime) -> list[ApprovalRecord]:
    found = [ApprovalRecord(h.name, b) for h in histories for b in h.baselines if b.approved_at >= since]
    return sorted(found, key=lambda a: a.baseline.approved_at)


def _events(session: Session, histories: Sequence[ServerHistory], since: datetime) -> list[EventEntry]:
    records = [(h, e) for h in histories for e in h.events if e.first_seen >= since or e.is_open]
    ids = [e.id for _, e in records]
    delivered = facts.first_deliveries(session, ids + [e.group_id for _, e in records if e.group_id])
    windows = facts.event_windows(session, ids)
    seen = facts.sightings(session, sorted({h.name for h, _ in records}))
    entries = []
    for history, event in records:
        window, window_ticket = windows.get(event.id, (None, None))
        mine = delivered.get(event.id) or [
            d for d in delivered.get(event.group_id or event.id, []) if d.at >= event.first_seen
        ]
        entries.append(
            EventEntry(
                id=event.id,
                server=history.name,
                subject=event.subject,
                severity=str(event.severity),
                state=str(event.state),
                opened_at=event.first_seen,
                closed_at=event.closed_at,
                closed_by=event.closed_by,
                window=window,
                ticket=_approval_ticket(history, event) or window_ticket,
                detection_seconds=_since_last_sighting(seen.get(history.name, []), event.first_seen),
                page_seconds=_after(
                    event, [d.at for d in mine if d.channel in PAGERS and (d.channel, d.action) in OPENERS]
                ),
                notify_seconds=_after(event, [d.at for d in mine if (d.channel, d.action) in OPENERS]),
                close_seconds=(event.closed_at - event.first_seen).total_seconds()
                if event.closed_at
                else None,
            )
        )
    return sorted(entries, key=lambda e: (e.opened_at, e.id))


def _approval_ticket(history: ServerHistory, event: DriftEventRecord) -> str | None:
    """The ticket of the approval that closed `event` (the baseline of its manifest approved then)."""
    if str(event.state) != "approved" or event.closed_at is None:
        return None
    for baseline in history.baselines:
        if baseline.manifest_hash == event.observed_hash and baseline.approved_at >= event.first_seen:
            return baseline.ticket
    return None


def _since_last_sighting(sightings: list[datetime], detected: datetime) -> float | None:
    """Seconds from the last successful scan before `detected` to it; None: none came before."""
    before = bisect_left(sightings, detected)
    return (detected - sightings[before - 1]).total_seconds() if before else None


def _after(event: DriftEventRecord, moments: list[datetime]) -> float | None:
    return (min(moments) - event.first_seen).total_seconds() if moments else None


def _findings(
    session: Session, settings: Settings, registry: Registry, since: datetime, now: datetime
) -> list[FindingEntry]:
    current = facts.current_findings(session, [s.name for s in registry.servers])
    suppressed = {
        (name, s.rule, s.item, s.evidence_hash)
        for s, name, active in facts.suppressions_of(session, since, now)
        if active
    }
    found = []
    for server in sorted(current):
        for f in screen(current[server], (), settings.overrides):
            hidden = (server, f.rule, f"{f.kind}:{f.name}", f.evidence_hash) in suppressed
            found.append(FindingEntry(server, f, hidden))
    return found


def _suppressions(session: Session, since: datetime, now: datetime) -> list[SuppressionEntry]:
    return [
        SuppressionEntry(
            s.id,
            name,
            s.rule,
            s.item,
            s.created_by,
            s.reason,
            s.created_at,
            s.expires_at,
            s.removed_at,
            active,
        )
        for s, name, active in facts.suppressions_of(session, since, now)
    ]


def _credentials(session: Session) -> list[CredentialEntry]:
    return [
        CredentialEntry(
            server=row.server,
            client_registered=row.client_info is not None,
            token_stored=row.tokens is not None,
            refreshable=row.refreshable,
            scope=row.scope,
            expires_at=row.expires_at,
            rotated_at=row.updated_at,
        )
        for row in facts.credentials(session)
    ]


def _audit(session: Session) -> AuditState:
    checked = audit.verify_store(session)
    return AuditState(
        checked.ok, checked.entries, checked.head_seq, checked.head_hash, checked.first_bad, checked.problem
    )


def _unknown(session: Session, since: datetime) -> list[UnknownServer]:
    """The servers discovery found unregistered in the period: its audit entries (alerts/unregistered.py)."""
    return [
        UnknownServer(
            identity=str(entry.data.get("identity", "")),
            transport=str(entry.data["transport"]) if entry.data.get("transport") else None,
            found_in=tuple(str(f) for f in entry.data.get("found_in") or ()),
            first_found=entry.at,
        )
        for entry in audit_rows.entries_since(session, audit_rows.EntryKind.DISCOVERY_UNKNOWN, since)
    ]


def _totals(
    name: str,
    histories: Sequence[ServerHistory],
    events: Sequence[EventEntry],
    findings: Sequence[FindingEntry],
    since: datetime,
) -> ServerTotals:
    """One server's figures (`name`), or the whole fleet's (`name` empty)."""
    mine = [e for e in events if not name or e.server == name]
    pages = [e.page_seconds for e in mine if e.page_seconds is not None]
    closes = [e.close_seconds for e in mine if e.close_seconds is not None]
    return ServerTotals(
        server=name,
        approvals=sum(
            b.approved_at >= since for h in histories if not name or h.name == name for b in h.baselines
        ),
        events=len(mine),
        unexplained=sum(e.unexplained for e in mine),
        open_events=sum(e.state == "open" for e in mine),
        findings=sum(not f.suppressed for f in findings if not name or f.server == name),
        median_page_seconds=statistics.median(pages) if pages else None,
        median_close_seconds=statistics.median(closes) if closes else None,
    )
