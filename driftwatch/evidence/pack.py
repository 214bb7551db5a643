"""The evidence pack's records: what a security review of AI agents asks about MCP servers, as
typed facts read from the store and the audit log (docs/evidence.md).

Every record is plain data: the renderers (report/evidence.py) and the JSON writer never reach
back into the database, and tests check each figure against what they did. Durations are seconds
(`None` when the thing never happened: an event never paged, never closed). Strings that came from
servers or operators are carried as they are; each renderer escapes them for its format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from driftwatch import jsonout
from driftwatch.model import Finding, JSONObject
from driftwatch.store.history import ApprovalRecord


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


@dataclass(frozen=True)
class InventoryEntry:
    """A registered server: who owns it, how it is reached or launched, what package it runs."""

    server: str
    team: str | None
    email: str | None
    transport: str
    target: str
    """The launch command line, or the URL without credentials or query (registry.ServerSpec.target)."""
    package: str | None
    """`ecosystem:name@version` of what the launch ran at its latest scan (collect/package.py)."""
    digest: str | None
    unpinned: str | None
    """The pinned form to launch instead, when the launch fetches whatever was published last."""
    baseline_hash: str | None
    """The approved manifest in force at the end of the period; None: never approved."""

    def to_json(self) -> JSONObject:
        return {
            "server": self.server,
            "team": self.team,
            "email": self.email,
            "transport": self.transport,
            "target": self.target,
            "package": self.package,
            "digest": self.digest,
            "pinned": self.unpinned is None,
            "unpinned_hint": self.unpinned,
            "approved": self.baseline_hash is not None,
            "baseline_hash": self.baseline_hash,
        }


@dataclass(frozen=True)
class EventEntry:
    """A drift event of the period and how fast each step of its handling came."""

    id: int
    server: str
    subject: str
    severity: str
    state: str
    opened_at: datetime
    closed_at: datetime | None
    closed_by: str | None
    window: str | None
    """The change window open when it was detected (notify.py records it); None: none was."""
    ticket: str | None
    """The change ticket linked to it: its approval's, else the ad-hoc window's it opened in."""
    detection_seconds: float | None
    """At most this long between the change and its detection: since the last scan that saw the
    server before (the change happened somewhere in between); None: nothing seen before."""
    page_seconds: float | None
    """From detection to the first page PagerDuty accepted; None: it never paged."""
    notify_seconds: float | None
    """From detection to the first message any receiver accepted; None: nobody was told."""
    close_seconds: float | None
    """From detection to its approval or revert (or its supersession); None: still open."""

    @property
    def unexplained(self) -> bool:
        """Drift outside any change window with no change ticket linked: the review's gate."""
        return self.window is None and self.ticket is None

    def to_json(self) -> JSONObject:
        return {
            "id": self.id,
            "server": self.server,
            "subject": self.subject,
            "severity": self.severity,
            "state": self.state,
            "opened_at": _iso(self.opened_at),
            "closed_at": _iso(self.closed_at),
            "closed_by": self.closed_by,
            "window": self.window,
            "ticket": self.ticket,
            "outside_window_without_ticket": self.unexplained,
            "time_to_detection_seconds": self.detection_seconds,
            "time_to_page_seconds": self.page_seconds,
            "time_to_notify_seconds": self.notify_seconds,
            "time_to_close_seconds": self.close_seconds,
        }


@dataclass(frozen=True)
class UnknownServer:
    """An MCP server that client configurations launch but nobody registered (`discover`)."""

    identity: str
    transport: str | None
    found_in: tuple[str, ...]
    first_found: datetime

    def to_json(self) -> JSONObject:
        return {
            "identity": self.identity,
            "transport": self.transport,
            "found_in": list(self.found_in),
            "first_found": _iso(self.first_found),
        }


@dataclass(frozen=True)
class FindingEntry:
    """A detector finding on what a server shows at the end of the period, and whether a
    suppression in force covers it."""

    server: str
    finding: Finding
    suppressed: bool

    @property
    def item(self) -> str:
        return f"{self.finding.kind}:{self.finding.name}"

    def to_json(self) -> JSONObject:
        f = self.finding
        return {
            "server": self.server,
            "item": self.item,
            "field": f.field,
            "rule": f.rule,
            "severity": str(f.severity),
            "message": f.message,
            "evidence": f.evidence,
            "suppressed": self.suppressed,
        }


@dataclass(frozen=True)
class SuppressionEntry:
    """A reviewer's decision that a finding is a false positive, in force or made in the period."""

    id: int
    server: str
    rule: str
    item: str
    created_by: str
    reason: str
    created_at: datetime
    expires_at: datetime | None
    removed_at: datetime | None
    active: bool

    def to_json(self) -> JSONObject:
        return {
            "id": self.id,
            "server": self.server,
            "rule": self.rule,
            "item": self.item,
            "created_by": self.created_by,
            "reason": self.reason,
            "created_at": _iso(self.created_at),
            "expires_at": _iso(self.expires_at),
            "removed_at": _iso(self.removed_at),
            "active": self.active,
        }


@dataclass(frozen=True)
class CredentialEntry:
    """What driftwatch keeps for a server's OAuth, never the values: they are encrypted at rest."""

    server: str
    client_registered: bool
    token_stored: bool
    refreshable: bool
    scope: str | None
    expires_at: datetime | None
    rotated_at: datetime
    """When its tokens or registration were last written (a refresh rotates them)."""

    def to_json(self) -> JSONObject:
        return {
            "server": self.server,
            "encrypted": True,
            "client_registered": self.client_registered,
            "token_stored": self.token_stored,
            "refreshable": self.refreshable,
            "scope": self.scope,
            "expires_at": _iso(self.expires_at),
            "rotated_at": _iso(self.rotated_at),
        }


@dataclass(frozen=True)
class AuditState:
    """The audit log's verification, as `driftwatch audit verify` would print it."""

    verified: bool
    entries: int
    head_seq: int | None
    head_hash: str | None
    first_bad: int | None
    problem: str | None

    def to_json(self) -> JSONObject:
        return {
            "verified": self.verified,
            "entries": self.entries,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "first_bad": self.first_bad,
            "problem": self.problem,
        }


@dataclass(frozen=True)
class Gate:
    """A figure a launch gate checks, and whether it holds."""

    name: str
    question: str
    value: int
    passed: bool

    def to_json(self) -> JSONObject:
        return {"name": self.name, "question": self.question, "value": self.value, "passed": self.passed}


@dataclass(frozen=True)
class RiskRow:
    """A row of a typical MCP security review, the question it asks, and what this pack answers."""

    risk: str
    question: str
    sections: tuple[str, ...]
    answer: str
    attention: bool

    def to_json(self) -> JSONObject:
        return {
            "risk": self.risk,
            "question": self.question,
            "sections": list(self.sections),
            "answer": self.answer,
            "status": "attention" if self.attention else "ok",
        }


@dataclass(frozen=True)
class ServerTotals:
    """One server's figures for the period (the per-server table)."""

    server: str
    approvals: int
    events: int
    unexplained: int
    open_events: int
    findings: int
    median_page_seconds: float | None
    median_close_seconds: float | None

    def to_json(self) -> JSONObject:
        return {
            "server": self.server,
            "approvals": self.approvals,
            "drift_events": self.events,
            "outside_window_without_ticket": self.unexplained,
            "open_drift_events": self.open_events,
            "open_findings": self.findings,
            "median_time_to_page_seconds": self.median_page_seconds,
            "median_time_to_close_seconds": self.median_close_seconds,
        }


@dataclass(frozen=True)
class EvidencePack:
    """Everything `driftwatch evidence` reports for a period."""

    generated_at: datetime
    since: datetime
    version: str
    inventory: Sequence[InventoryEntry]
    approvals: Sequence[ApprovalRecord]
    events: Sequence[EventEntry]
    unknown_servers: Sequence[UnknownServer]
    findings: Sequence[FindingEntry]
    suppressions: Sequence[SuppressionEntry]
    credentials: Sequence[CredentialEntry]
    audit: AuditState
    per_server: Sequence[ServerTotals]
    totals: ServerTotals
    gates: Sequence[Gate]
    risks: Sequence[RiskRow]

    def to_json(self) -> JSONObject:
        """The document of `--format json` (docs/schemas/evidence.v1.json)."""
        return jsonout.document(
            "evidence",
            {
                "generated_at": _iso(self.generated_at),
                "since": _iso(self.since),
                "driftwatch_version": self.version,
                "gates": [g.to_json() for g in self.gates],
                "risks": [r.to_json() for r in self.risks],
                "totals": self.totals.to_json(),
                "per_server": [s.to_json() for s in self.per_server],
                "inventory": [e.to_json() for e in self.inventory],
                "approvals": [a.to_json() for a in self.approvals],
                "drift_events": [e.to_json() for e in self.events],
                "unknown_servers": [u.to_json() for u in self.unknown_servers],
                "findings": [f.to_json() for f in self.findings],
                "suppressions": [s.to_json() for s in self.suppressions],
                "credentials": [c.to_json() for c in self.credentials],
                "audit": self.audit.to_json(),
            },
        )
