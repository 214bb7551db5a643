"""The rows of a typical MCP security review, and the pack's gates: what each section of the
evidence pack answers, in the reviewer's words (docs/evidence.md lists them).

The risk names follow the rows security questionnaires and launch gates for AI agents use for MCP:
tool poisoning, registry supply chain, shadow servers, token custody, STDIO command execution,
change management and audit logs. Each answer is a sentence of figures from the pack; a row needs
attention when a figure a reviewer would stop at is not zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from driftwatch.evidence.pack import (
    AuditState,
    CredentialEntry,
    EventEntry,
    FindingEntry,
    Gate,
    InventoryEntry,
    RiskRow,
    SuppressionEntry,
    UnknownServer,
)
from driftwatch.model import Severity


def gates(
    inventory: Sequence[InventoryEntry],
    events: Sequence[EventEntry],
    unknown: Sequence[UnknownServer],
    audit: AuditState,
) -> list[Gate]:
    """The figures a launch gate checks: each must be 0."""
    figures = (
        (
            "drift_outside_window_without_ticket",
            "Manifest drift detected outside a change window with no change ticket linked",
            sum(e.unexplained for e in events),
        ),
        ("unknown_servers", "MCP servers client configs launch that nobody registered", len(unknown)),
        (
            "unapproved_servers",
            "Registered servers with no approved manifest",
            sum(not i.baseline_hash for i in inventory),
        ),
        (
            "unpinned_launches",
            "Launches that fetch whatever was published last",
            sum(bool(i.unpinned) for i in inventory),
        ),
        ("audit_log_problems", "Audit log entries that do not verify", 0 if audit.verified else 1),
    )
    return [Gate(name, question, value, value == 0) for name, question, value in figures]


QUESTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Tool poisoning and rug pulls",
        "Are tool descriptions checked for hidden instructions, and is a change after approval"
        " detected and paged?",
        ("drift_events", "findings", "approvals"),
    ),
    (
        "Registry and supply chain",
        "Is the package each server runs known, and pinned to the version that was reviewed?",
        ("inventory",),
    ),
    ("Shadow servers", "Do agents' clients launch MCP servers that nobody approved?", ("unknown_servers",)),
    (
        "Token custody",
        "Where are the MCP servers' OAuth tokens kept, are they encrypted, and when were they rotated?",
        ("credentials",),
    ),
    (
        "STDIO command execution",
        "Which local commands can agents' clients launch, and who approved each?",
        ("inventory", "approvals"),
    ),
    (
        "Change management",
        "Did any tool change outside an approved change window without a change ticket?",
        ("drift_events",),
    ),
    (
        "Exceptions",
        "Which findings were accepted as false positives, by whom, why, and until when?",
        ("suppressions",),
    ),
    (
        "Audit logs",
        "Is there a tamper-evident record of approvals, changes, windows and exceptions?",
        ("audit",),
    ),
)
"""Each row: the risk, the question it asks, and the sections (JSON keys) that answer it."""


def risk_rows(
    inventory: Sequence[InventoryEntry],
    events: Sequence[EventEntry],
    findings: Sequence[FindingEntry],
    unknown: Sequence[UnknownServer],
    suppressions: Sequence[SuppressionEntry],
    credentials: Sequence[CredentialEntry],
    audit: AuditState,
) -> list[RiskRow]:
    answers = [
        _poisoning(events, findings),
        _supply_chain(inventory),
        (f"{_n(len(unknown), 'unregistered server')} found by discovery in the period", bool(unknown)),
        (
            f"{_n(len(credentials), 'server')} with stored OAuth credentials, all encrypted at rest;"
            " values never exported",
            False,
        ),
        _launches(inventory),
        _change_management(events),
        _exceptions(suppressions),
        _audit(audit),
    ]
    return [
        RiskRow(risk, question, sections, answer, attention)
        for (risk, question, sections), (answer, attention) in zip(QUESTIONS, answers, strict=True)
    ]


def _poisoning(events: Sequence[EventEntry], findings: Sequence[FindingEntry]) -> tuple[str, bool]:
    open_serious = sum(e.state == "open" and Severity.parse(e.severity) >= Severity.HIGH for e in events)
    live = [f for f in findings if not f.suppressed]
    serious = sum(f.finding.severity >= Severity.MEDIUM for f in live)
    answer = (
        f"{_n(len(events), 'drift event')} in the period, {open_serious} open at high or above;"
        f" {_n(len(live), 'open finding')} ({serious} at medium or above),"
        f" {len(findings) - len(live)} suppressed"
    )
    return answer, open_serious > 0 or serious > 0


def _supply_chain(inventory: Sequence[InventoryEntry]) -> tuple[str, bool]:
    unpinned = sum(bool(i.unpinned) for i in inventory)
    known = sum(i.package is not None for i in inventory)
    return (
        f"{known} of {_n(len(inventory), 'server')} with a known package;"
        f" {_n(unpinned, 'unpinned launch', 'es')}",
        unpinned > 0,
    )


def _launches(inventory: Sequence[InventoryEntry]) -> tuple[str, bool]:
    stdio = [i for i in inventory if i.transport == "stdio"]
    approved = sum(i.baseline_hash is not None for i in stdio)
    return f"{_n(len(stdio), 'launched server')}, {approved} with an approved manifest", approved < len(stdio)


def _change_management(events: Sequence[EventEntry]) -> tuple[str, bool]:
    unexplained = sum(e.unexplained for e in events)
    return f"{_n(unexplained, 'drift event')} outside a change window without a ticket", unexplained > 0


def _exceptions(suppressions: Sequence[SuppressionEntry]) -> tuple[str, bool]:
    active = [s for s in suppressions if s.active]
    forever = sum(s.expires_at is None for s in active)
    return f"{_n(len(active), 'suppression')} in force, {forever} without an expiry", forever > 0


def _audit(audit: AuditState) -> tuple[str, bool]:
    if audit.verified:
        return f"{_n(audit.entries, 'hash-chained entry')}; the chain verifies", False
    return (
        f"{_n(audit.entries, 'hash-chained entry')};"
        f" entry {audit.first_bad} does not verify: {audit.problem}",
        True,
    )


def _n(count: int, noun: str, suffix: str = "s") -> str:
    """`1 server`, `3 servers`, `2 unpinned launches`, `4 hash-chained entries`."""
    if count == 1:
        return f"1 {noun}"
    if noun.endswith("entry"):
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}{suffix}"
