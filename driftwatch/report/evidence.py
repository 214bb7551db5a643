"""The evidence pack's faces: one self-contained HTML page and a Markdown document
(`driftwatch evidence --format html|markdown`; the JSON is `EvidencePack.to_json`).

Both say the same things in the same order: the gates, the review's risk rows with their answers,
the figures per server, then each section. Every string in them (server names, launch commands,
reasons, evidence) passes through the same devices as the drift report's: the HTML page through
the report's Jinja environment (autoescaped, `visible()` on every value, no script, a CSP that
forbids any), the Markdown through `markdown.prose`/`cell`.
"""

from __future__ import annotations

from driftwatch.evidence.pack import EvidencePack
from driftwatch.report.markdown import cell, prose
from driftwatch.report.text import short_hash, when

SECTIONS = {
    "inventory": "Inventory",
    "approvals": "Approvals",
    "drift_events": "Drift events",
    "unknown_servers": "Unknown servers",
    "findings": "Open findings",
    "suppressions": "Suppressions",
    "credentials": "OAuth credential custody",
    "audit": "Audit log",
}
"""Each section's anchor (the JSON key of its list) and title."""


def duration(seconds: float | None) -> str:
    """`45 s`, `3 min 12 s`, `2 h 5 min`, `3 d 4 h`; `-` when it never happened."""
    if seconds is None:
        return "-"
    whole = round(seconds)
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s"
    return f"{secs} s" if whole or not seconds else f"{seconds:.1f} s"


def render_evidence_html(pack: EvidencePack) -> str:
    from driftwatch.report.html import ENVIRONMENT  # Jinja: only for an HTML page

    context: dict[str, object] = {
        "pack": pack,
        "sections": SECTIONS,
        "duration": duration,
        "when": when,
        "short_hash": short_hash,
    }
    return ENVIRONMENT.get_template("evidence.html.j2").render(context)


def render_evidence_markdown(pack: EvidencePack) -> str:
    lines = [
        "# driftwatch evidence pack",
        "",
        f"Period {when(pack.since)} to {when(pack.generated_at)}; driftwatch {prose(pack.version)}.",
        "",
        "## Gates",
        "",
        "| gate | value | result |",
        "|---|---|---|",
        *(f"| {prose(g.question)} | {g.value} | {'pass' if g.passed else '**FAIL**'} |" for g in pack.gates),
        "",
        "## Risks and what this pack answers",
        "",
        "| risk | question | answer | status |",
        "|---|---|---|---|",
        *(
            f"| {prose(r.risk)} | {prose(r.question)} | {prose(r.answer)} | {_status(r.attention)} |"
            for r in pack.risks
        ),
        "",
    ]
    lines += _per_server(pack) + _inventory(pack) + _approvals(pack) + _events(pack)
    lines += _unknown(pack) + _findings(pack) + _custody(pack) + _audit(pack)
    return "\n".join(lines) + "\n"


def _status(attention: bool) -> str:
    return "**attention**" if attention else "ok"


def _table(title: str, header: list[str], rows: list[list[str]], empty: str) -> list[str]:
    lines = [f"## {title}", ""]
    if not rows:
        return [*lines, f"*{empty}*", ""]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return [*lines, *("| " + " | ".join(row) + " |" for row in rows), ""]


def _per_server(pack: EvidencePack) -> list[str]:
    rows = [
        [
            cell(s.server or "all servers"),
            str(s.approvals),
            str(s.events),
            str(s.unexplained),
            str(s.open_events),
            str(s.findings),
            duration(s.median_page_seconds),
            duration(s.median_close_seconds),
        ]
        for s in [*pack.per_server, pack.totals]
    ]
    header = ["server", "approvals", "drift events", "outside window, no ticket", "open", "open findings"]
    return _table("Per server", [*header, "median time to page", "median time to close"], rows, "no servers")


def _inventory(pack: EvidencePack) -> list[str]:
    rows = [
        [
            cell(i.server),
            prose(i.team or "-"),
            i.transport,
            cell(i.target),
            cell(i.package or "-"),
            "pinned" if i.unpinned is None else f"**unpinned**: {prose(i.unpinned)}",
            cell(short_hash(i.baseline_hash)) if i.baseline_hash else "**not approved**",
        ]
        for i in pack.inventory
    ]
    header = ["server", "team", "transport", "launch or URL", "package", "pin", "approved manifest"]
    return _table(SECTIONS["inventory"], header, rows, "no servers registered")


def _approvals(pack: EvidencePack) -> list[str]:
    rows = [
        [
            when(a.baseline.approved_at),
            cell(a.server),
            prose(a.baseline.approved_by),
            prose(a.baseline.reason),
            prose(a.baseline.ticket or "-"),
            cell(short_hash(a.baseline.manifest_hash)),
        ]
        for a in pack.approvals
    ]
    header = ["when", "server", "by", "why", "ticket", "manifest"]
    return _table(SECTIONS["approvals"], header, rows, "no approval in the period")


def _events(pack: EvidencePack) -> list[str]:
    rows = [
        [
            str(e.id),
            cell(e.server),
            e.severity,
            e.state,
            when(e.opened_at),
            prose(e.window or "none") + (" **(no ticket)**" if e.unexplained else ""),
            prose(e.ticket or "-"),
            duration(e.detection_seconds),
            duration(e.page_seconds),
            duration(e.close_seconds),
        ]
        for e in pack.events
    ]
    header = ["id", "server", "severity", "state", "detected", "change window", "ticket"]
    header += ["detection (at most)", "to page", "to close"]
    return _table(SECTIONS["drift_events"], header, rows, "no drift in the period")


def _unknown(pack: EvidencePack) -> list[str]:
    rows = [
        [cell(u.identity), prose(u.transport or "-"), cell(", ".join(u.found_in)), when(u.first_found)]
        for u in pack.unknown_servers
    ]
    return _table(
        SECTIONS["unknown_servers"], ["server", "transport", "found in", "first found"], rows, "none found"
    )


def _findings(pack: EvidencePack) -> list[str]:
    findings = [
        [
            cell(f.server),
            cell(f.item),
            cell(f.finding.rule),
            str(f.finding.severity),
            cell(f.finding.evidence, 120),
            "suppressed" if f.suppressed else "open",
        ]
        for f in pack.findings
    ]
    suppressions = [
        [
            str(s.id),
            cell(s.server),
            cell(s.rule),
            cell(s.item),
            prose(s.created_by),
            prose(s.reason),
            when(s.expires_at) if s.expires_at else "**never**",
            "in force" if s.active else f"ended {when(s.removed_at or s.expires_at)}",
        ]
        for s in pack.suppressions
    ]
    lines = _table(
        SECTIONS["findings"], ["server", "item", "rule", "severity", "evidence", "status"], findings, "none"
    )
    header = ["id", "server", "rule", "item", "by", "why", "expires", "state"]
    return lines + _table(SECTIONS["suppressions"], header, suppressions, "none")


def _custody(pack: EvidencePack) -> list[str]:
    rows = [
        [
            cell(c.server),
            "yes",
            "yes" if c.token_stored else "no",
            "yes" if c.refreshable else "no",
            prose(c.scope or "-"),
            when(c.expires_at),
            when(c.rotated_at),
        ]
        for c in pack.credentials
    ]
    header = ["server", "encrypted", "token", "refreshable", "scope", "expires", "last rotated"]
    return _table(SECTIONS["credentials"], header, rows, "no OAuth credentials stored")


def _audit(pack: EvidencePack) -> list[str]:
    state = pack.audit
    verdict = (
        f"The chain of {state.entries} entries verifies; head {state.head_seq}"
        f" {cell(state.head_hash or '-')}."
        if state.verified
        else f"**Entry {state.first_bad} does not verify**: {prose(state.problem or '')}"
    )
    return [f"## {SECTIONS['audit']}", "", verdict, ""]
