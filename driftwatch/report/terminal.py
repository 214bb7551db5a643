"""Terminal views for `diff`, `history` and `check`: rich renderables built from `Text` only.

Nothing from a server is ever parsed as rich markup or written raw: each value is made visible
(`visible()`, through the shared helpers) and wrapped in a `Text`, so `[bold]`, `[link=…]`, ANSI
escapes and bidi overrides inside a description reach the terminal as characters to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from driftwatch.report.text import (
    DiffLine,
    by_severity,
    finding_location,
    group_by_item,
    one_line,
    severity_of,
    short_hash,
    value_lines,
    when,
)
from driftwatch.store.history import ServerHistory

SEVERITY_STYLE = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "info": "dim",
}
_LINE_STYLE = {"-": "red", "+": "green", "@": "cyan", " ": "dim"}


def _safe(value: object, style: str = "") -> Text:
    """Any value as one inert line of text."""
    return Text(one_line("" if value is None else str(value), 300), style=style)


def _severity(record: dict[str, Any]) -> Text:
    name = str(severity_of(record))
    return Text(name, style=SEVERITY_STYLE[name])


def _diff_text(lines: Sequence[DiffLine]) -> Text:
    """A unified diff; within replaced lines the changed words are shown reversed."""
    text = Text()
    for line in lines:
        style = _LINE_STYLE[line.op]
        text.append(f"{line.op} ", style=style)
        for segment in line.segments:
            changed = segment.changed and line.op in "-+"
            text.append(segment.text, style=f"{style} reverse" if changed else style)
        text.append("\n")
    text.rstrip()
    return text


def diff_renderable(
    server: str, from_hash: str, to_hash: str, changes: list[dict[str, Any]]
) -> RenderableType:
    """`driftwatch diff`: the changes per item, most severe first, each with its reasons and diff."""
    count = f"{len(changes)} change{'' if len(changes) == 1 else 's'}"
    parts: list[RenderableType] = [
        Text.assemble(
            "drift of ",
            _safe(server, "bold"),
            ": ",
            _safe(short_hash(from_hash)),
            " → ",
            _safe(short_hash(to_hash)),
            f"  ({count})",
        )
    ]
    if not changes:
        parts.append(Text("the manifests are identical", style="green"))
    for label, item_changes in group_by_item(by_severity(changes)):
        parts += [Text(), _safe(label, "bold underline")]
        for change in item_changes:
            head = Text.assemble(
                "  ",
                _severity(change),
                " ",
                _safe(change.get("change"), "bold"),
                " ",
                _safe(change.get("path") or "(whole item)"),
                " ",
                _safe(change.get("category"), "dim"),
            )
            if change.get("breaking"):
                head.append(" breaking", style="bold red")
            rules = [str(r) for r in change.get("rules") or []]
            if rules:
                head.append_text(_safe(f" [{', '.join(rules)}]", "magenta"))
            parts.append(head)
            parts += [_safe(f"    {reason}", "italic") for reason in change.get("reasons") or []]
            parts.append(Padding(_diff_text(value_lines(change)), (0, 0, 0, 4)))
    return Group(*parts)


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
            else _safe(f"version {o.server_version or '-'}, {o.scans} scans")
        )
        details.append(f", until {when(o.last_seen)}")
        what = _safe(
            "observed" if o.status == "ok" else o.status, "green" if o.status == "ok" else "bold red"
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
        severity = _severity({"severity": e.severity})
        details = Text.assemble(severity, " ", _safe(e.state, "bold" if e.is_open else ""))
        plural = "" if e.change_count == 1 else "s"
        details.append(f", {e.change_count} change{plural}" if e.baseline_hash else ", no approved baseline")
        if e.closed_at:
            details.append(f", closed {when(e.closed_at)}")
            if e.closed_by:
                details.append_text(Text.assemble(" by ", _safe(e.closed_by, "bold")))
        what = Text(f"drift #{e.id}", style=SEVERITY_STYLE[str(severity_of({"severity": e.severity}))])
        entries.append(
            (e.first_seen, 2, (_safe(when(e.first_seen)), what, _safe(short_hash(e.observed_hash)), details))
        )
    return entries


def findings_renderable(findings: Sequence[tuple[str, dict[str, Any]]]) -> RenderableType:
    """`driftwatch check`: one row per detector finding, most severe first."""
    if not findings:
        return Text("no findings", style="green")
    table = Table(title="driftwatch check", title_justify="left")
    for column in ("file", "severity", "rule", "where", "message", "evidence"):
        table.add_column(column, no_wrap=column in ("severity", "rule"))
    ordered = sorted(findings, key=lambda pair: -severity_of(pair[1]))
    for path, finding in ordered:
        table.add_row(
            _safe(path),
            _severity(finding),
            _safe(finding.get("rule")),
            _safe(finding_location(finding)),
            _safe(finding.get("message")),
            _safe(finding.get("evidence"), "yellow"),
        )
    return table
