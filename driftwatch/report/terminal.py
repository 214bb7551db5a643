"""Terminal views for `diff`, `history` and `check`: rich renderables built from `Text` only.

Nothing from a server is ever parsed as rich markup or written raw: each value is made visible
(`visible()`, through the shared helpers) and wrapped in a `Text`, so `[bold]`, `[link=…]`, ANSI
escapes and bidi overrides inside a description reach the terminal as characters to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from driftwatch.model import Change, Finding, ObservationStatus, Severity, by_severity
from driftwatch.report.summary import CHANGE_KINDS, summarize_changes
from driftwatch.report.text import (
    SEVERITY_STYLE,
    DiffLine,
    DiffOp,
    Segment,
    finding_location,
    group_by_item,
    item_digest,
    one_line,
    plural,
    short_hash,
    value_lines,
    when,
)

if TYPE_CHECKING:  # records only: the CLI's console imports this module
    from driftwatch.store.history import ServerHistory

_LINE_STYLE = {"-": "red", "+": "green", "@": "cyan", " ": "dim"}


def _safe(value: object, style: str = "") -> Text:
    """Any value as one inert line of text."""
    return Text(one_line("" if value is None else str(value), 300), style=style)


def _severity(severity: Severity) -> Text:
    name = str(severity)
    return Text(name, style=SEVERITY_STYLE[severity])


def _diff_text(lines: Sequence[DiffLine]) -> Text:
    """A unified diff; within replaced lines the changed words are shown reversed."""
    text = Text()
    for line in lines:
        style = _LINE_STYLE[line.op]
        text.append(f"    {line.op} ", style=style)
        for segment in line.segments:
            changed = segment.changed and line.op in "-+"
            text.append(segment.text, style=f"{style} reverse" if changed else style)
        text.append("\n")
    text.rstrip()
    return text


TOP_FINDINGS = 5
"""Findings shown in the summary of `diff`; the rest are counted."""


def diff_renderable(
    server: str,
    from_hash: str,
    to_hash: str,
    changes: Sequence[Change],
    findings: Sequence[Finding] = (),
    *,
    full: bool = False,
) -> RenderableType:
    """`driftwatch diff`: a summary first (what changed, how bad, what fired, on which words), then
    the changes per item, most severe first. Added and removed items are shown as a digest
    (description, parameters) unless `full`."""
    parts: list[RenderableType] = [
        Text.assemble(
            "drift of ",
            _safe(server, "bold"),
            ": ",
            _safe(short_hash(from_hash)),
            " → ",
            _safe(short_hash(to_hash)),
        )
    ]
    if not changes:
        parts.append(Text("0 changes: the manifests are identical", style="green"))
        return Group(*parts)
    parts += _diff_summary(changes, findings)
    parts += [
        Text(),
        Text("changes, most severe first" + ("" if full else " (--full: whole items)"), style="bold"),
    ]
    for label, item_changes in group_by_item(by_severity(changes)):
        parts += [Text(), _safe(label, "bold underline")]
        for change in item_changes:
            parts += _change_block(change, full)
    return Group(*parts)


def _diff_summary(changes: Sequence[Change], findings: Sequence[Finding]) -> list[RenderableType]:
    """The lines before any change: counts by severity and by item, breaking changes, rules, findings."""
    summary = summarize_changes(changes)
    head = Text(f"{plural(summary.total, 'change')}: ")
    for number, (name, count) in enumerate(summary.by_severity.items()):
        head.append(", " if number else "")
        head.append(f"{count} {name}", style=SEVERITY_STYLE[Severity.parse(name)])
    head.append("; ")
    head.append(
        f"{summary.breaking} breaking" if summary.breaking else "none breaking",
        style="bold red" if summary.breaking else "",
    )
    table = Table(box=None, show_header=True, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("item", style="bold")
    for kind in CHANGE_KINDS:
        table.add_column(kind, justify="right")
    for item, counts in summary.by_item.items():
        table.add_row(_safe(item), *(Text(str(counts[k]) if counts[k] else "-") for k in CHANGE_KINDS))
    rules = ", ".join(f"{rule} ×{n}" for rule, n in summary.rules.items()) or "none"
    lines: list[RenderableType] = [
        Text(),
        head,
        table,
        Text.assemble("rules fired: ", _safe(rules, "magenta")),
    ]
    if not findings:
        return [*lines, Text("findings on the new text: none", style="green")]
    ranked = by_severity(list(findings))
    shown = f" (top {TOP_FINDINGS})" if len(ranked) > TOP_FINDINGS else ""
    lines.append(Text(f"findings on the new text: {len(ranked)}{shown}", style="bold"))
    lines += [Text.assemble("  ", _finding_line(finding)) for finding in ranked[:TOP_FINDINGS]]
    return lines


def _change_block(change: Change, full: bool) -> list[RenderableType]:
    """One change: its head line, its reasons, and its value (a diff, a digest, or the whole item)."""
    path, kind = change.path, change.change
    head = Text.assemble("  ", _severity(change.severity), " ", _safe(kind, "bold"))
    if path:
        head.append_text(_safe(f" {path}"))
    if path and change.category not in (None, path):
        head.append_text(_safe(f" ({change.category})", "dim"))
    if change.breaking:
        head.append(" breaking", style="bold red")
    rules = [str(r) for r in change.rules or []]
    if rules:
        head.append_text(_safe(f" [{', '.join(rules)}]", "magenta"))
    block: list[RenderableType] = [head]
    block += [_safe(f"    {reason}", "italic") for reason in change.reasons or []]
    if kind in ("added", "removed") and not path and not full:
        sign: DiffOp = "+" if kind == "added" else "-"
        value = change.after if kind == "added" else change.before
        block.append(_diff_text([DiffLine(sign, (Segment(line, False),)) for line in item_digest(value)]))
    else:
        block.append(_diff_text(value_lines(change)))
    return block


def history_renderable(history: ServerHistory) -> RenderableType:
    """`driftwatch history`: observations, approvals and drift events on one timeline, oldest first."""
    baseline = history.baseline
    head = Text.assemble("history of ", _safe(history.name, "bold"), ": ")
    if baseline:
        head.append_text(
            Text.assemble(
                "baseline ",
                _safe(short_hash(baseline.manifest_hash)),
                " approved by ",
                _safe(baseline.approved_by, "bold"),
                f" {when(baseline.approved_at)}",
            )
        )
    else:
        head.append("no approved baseline", style="bold red")
    table = Table(title_justify="left", show_edge=False)
    for column in ("when", "what", "manifest", "details"):
        table.add_column(column, no_wrap=column != "details")
    for _moment, _order, row in sorted(_timeline(history), key=lambda entry: (entry[0], entry[1])):
        table.add_row(*row)
    return Group(head, table)


_Row = tuple[Text, Text, Text, Text]


def _timeline(history: ServerHistory) -> list[tuple[datetime, int, _Row]]:
    """(time, tie-breaker, row) per observation, approval and drift event."""
    entries: list[tuple[datetime, int, _Row]] = []
    for o in history.observations:
        details = (
            _safe(f"{o.error_class}: {o.error_message}", "red")
            if o.status != "ok"
            else _safe(
                f"version {o.server_version or '-'}, {plural(o.scans, 'scan')}"
                + (f", package {o.package}" if o.package else "")
                + (f", auth surface: {o.auth_surface}" if o.auth_surface else "")
            )
        )
        details.append(f", until {when(o.last_seen)}")
        what = _safe(
            "observed" if o.status == ObservationStatus.OK else o.status,
            "green" if o.status == ObservationStatus.OK else "bold red",
        )
        entries.append(
            (o.first_seen, 0, (_safe(when(o.first_seen)), what, _safe(short_hash(o.manifest_hash)), details))
        )
    for b in history.baselines:
        details = Text.assemble("by ", _safe(b.approved_by, "bold"), ": ", _safe(b.reason))
        if b.ticket:
            details.append_text(_safe(f" ({b.ticket})"))
        if b.superseded_at:
            details.append(f"; superseded {when(b.superseded_at)}", style="dim")
        approved = (
            _safe(when(b.approved_at)),
            Text("approved", style="bold green"),
            _safe(short_hash(b.manifest_hash)),
        )
        entries.append((b.approved_at, 1, (*approved, details)))
    for e in history.events:
        severity = _severity(e.severity)
        details = Text.assemble(severity, " ", _safe(e.state, "bold" if e.is_open else ""))
        details.append(
            f", {plural(e.change_count, 'change')}" if e.baseline_hash else ", no approved baseline"
        )
        if e.closed_at:
            details.append(f", closed {when(e.closed_at)}")
            if e.closed_by:
                details.append_text(Text.assemble(" by ", _safe(e.closed_by, "bold")))
        if e.held:
            details.append_text(Text.assemble(", ", _safe(str(e.held), "")))
        for finding in by_severity(e.findings)[:EVENT_FINDINGS]:
            details.append("\n")
            details.append_text(_finding_line(finding))
        if len(e.findings) > EVENT_FINDINGS:
            details.append(
                f"\n… and {len(e.findings) - EVENT_FINDINGS} more findings (history --format json)"
            )
        what = Text(f"drift #{e.id}", style=SEVERITY_STYLE[e.severity])
        entries.append(
            (e.first_seen, 2, (_safe(when(e.first_seen)), what, _safe(short_hash(e.observed_hash)), details))
        )
    return entries


EVENT_FINDINGS = 10
"""Findings listed under a drift event in `history`; the JSON output has them all."""


def _finding_line(finding: Finding) -> Text:
    """`high hidden-unicode tool "add" description: "…\\u200b…"`: one finding on one line."""
    return Text.assemble(
        _severity(finding.severity),
        " ",
        _safe(finding.rule, "magenta"),
        " ",
        _safe(finding_location(finding)),
        ": ",
        _safe(finding.evidence, "yellow"),
    )


def findings_renderable(findings: Sequence[tuple[str, Finding]]) -> RenderableType:
    """`driftwatch check`: one row per detector finding, most severe first."""
    if not findings:
        return Text("no findings", style="green")
    table = Table(title="driftwatch check", title_justify="left")
    for column in ("file", "severity", "rule", "where", "message", "evidence"):
        table.add_column(column, no_wrap=column in ("severity", "rule"))
    ordered = sorted(findings, key=lambda pair: -pair[1].severity)
    for path, finding in ordered:
        table.add_row(
            _safe(path),
            _severity(finding.severity),
            _safe(finding.rule),
            _safe(finding_location(finding)),
            _safe(finding.detail or finding.message),
            _safe(finding.evidence, "yellow"),
        )
    return table
