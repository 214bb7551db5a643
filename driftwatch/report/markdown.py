"""Markdown for tickets and pull requests: `diff --format markdown` and `report --format markdown`.

Server text pasted into a ticket must stay text. Three devices, each for a place:
- prose (reasons, messages, approval notes): every ASCII punctuation character is backslash
  escaped, which CommonMark renders literally, so no emphasis, link, HTML tag, table pipe,
  `@mention` or `#ref` can form;
- names, paths and hashes: code spans whose backtick fence is longer than any run inside;
- before/after values: fenced code blocks, likewise fenced longer than any backtick run inside,
  so no line of the value can close the block.
Hidden characters are made visible first in all three.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from driftwatch.model import Change, DriftEventRecord, Finding, by_severity
from driftwatch.report.summary import CHANGE_KINDS, SEVERITIES, summarize, summarize_changes
from driftwatch.report.text import (
    finding_location,
    group_by_item,
    item_digest,
    one_line,
    plural,
    short_hash,
    value_lines,
    when,
)

if TYPE_CHECKING:  # records only: the CLI's console imports this package
    from driftwatch.store.history import ServerHistory

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_BACKTICKS = re.compile(r"`+")


def prose(value: Any, limit: int = 300) -> str:
    """Server or operator text as inert Markdown prose, on one line."""
    return _PUNCTUATION.sub(r"\\\1", one_line(value, limit))


def code(value: Any, limit: int = 200) -> str:
    """A code span that no backtick inside can close."""
    text = one_line(value, limit)
    if not text:
        return "*(empty)*"
    fence = "`" * (_longest_backtick_run(text) + 1)
    return f"{fence} {text} {fence}"


def cell(value: Any, limit: int = 200) -> str:
    """A code span for a table cell: GFM splits cells on `|` even inside code spans unless escaped."""
    return code(value, limit).replace("|", "\\|")


def fenced(lines: Sequence[str], info: str = "") -> str:
    """A fenced code block that no line inside can close."""
    body = "\n".join(lines)
    fence = "`" * max(3, _longest_backtick_run(body) + 1)
    return f"{fence}{info}\n{body}\n{fence}"


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in _BACKTICKS.findall(text)), default=0)


def changes_markdown(changes: Sequence[Change], heading: str = "###", *, full: bool = True) -> list[str]:
    """The classified changes, grouped per item, each with its reasons and a `diff` block (an
    added or removed item as its digest unless `full`)."""
    lines: list[str] = []
    for label, item_changes in group_by_item(by_severity(changes)):
        lines += [f"{heading} {code(label)}", ""]
        for change in item_changes:
            rules = ", ".join(code(rule) for rule in change.rules or [])
            path = change.path
            notes = [prose(change.category)] if path and change.category != path else []
            notes += ["**breaking**"] if change.breaking else []
            lines.append(
                f"- **{change.severity}** {prose(change.change)}"
                f"{' ' + code(path) if path else ''}{' (' + ', '.join(notes) + ')' if notes else ''}"
                f"{': ' + rules if rules else ''}"
            )
            lines += [f"  - {prose(reason)}" for reason in change.reasons or []]
            lines += ["", fenced(_body_lines(change, full), "diff"), ""]
    return lines


def _body_lines(change: Change, full: bool) -> list[str]:
    kind = change.change
    if kind in ("added", "removed") and not change.path and not full:
        sign = "+" if kind == "added" else "-"
        return [f"{sign} {line}" for line in item_digest(change.after if kind == "added" else change.before)]
    return [f"{line.op} {line.text}" for line in value_lines(change)]


def _summary_markdown(changes: Sequence[Change], findings: Sequence[Finding]) -> list[str]:
    """What `diff` leads with: counts by severity and by item, breaking changes, rules, top findings."""
    summary = summarize_changes(changes)
    severities = ", ".join(f"{count} {name}" for name, count in summary.by_severity.items())
    rules = ", ".join(f"{code(rule)} ×{count}" for rule, count in summary.rules.items()) or "none"
    lines = [
        f"**{plural(summary.total, 'change')}**: {severities}; {summary.breaking or 'none'} breaking; "
        f"rules fired: {rules}",
        "",
        f"| item | {' | '.join(CHANGE_KINDS)} |",
        f"|---|{'---:|' * len(CHANGE_KINDS)}",
        *(
            f"| {cell(item)} | {' | '.join(str(counts[k] or '-') for k in CHANGE_KINDS)} |"
            for item, counts in summary.by_item.items()
        ),
        "",
        f"**Findings on the new text:** {len(findings) or 'none'}",
        "",
    ]
    for finding in by_severity(list(findings))[:5]:
        lines.append(
            f"- **{finding.severity}** {code(finding.rule)} {code(finding_location(finding))}: "
            f"{code(finding.evidence)}"
        )
    return [*lines, ""] if findings else lines


def diff_markdown(
    server: str,
    from_hash: str,
    to_hash: str,
    changes: Sequence[Change],
    findings: Sequence[Finding] = (),
    *,
    full: bool = False,
) -> str:
    """`driftwatch diff --format markdown`: a summary, then the changes between two manifests."""
    lines = [
        f"## Drift of {code(server)}",
        "",
        f"{code(short_hash(from_hash))} → {code(short_hash(to_hash))}",
        "",
    ]
    if not changes:
        return "\n".join([*lines, "0 changes: the manifests are identical."])
    lines += _summary_markdown(changes, findings)
    return (
        "\n".join([*lines, "### Changes", "", *changes_markdown(changes, "####", full=full)]).rstrip() + "\n"
    )


def render_markdown(
    histories: Sequence[ServerHistory], *, since: datetime | None, generated_at: datetime
) -> str:
    """`report --format markdown`: the summary, then per server its events, approvals and observations."""
    summary = summarize(histories, since)
    period = f"{when(since)} to {when(generated_at)}" if since else f"all history to {when(generated_at)}"
    open_counts = ", ".join(
        f"{summary.open_by_severity[name]} {name}" for name in SEVERITIES if summary.open_by_severity[name]
    )
    lines = [
        "# driftwatch report",
        "",
        f"Period: {period}",
        "",
        "| servers | open drift events | approvals in the period | drift events in the period |",
        "|---|---|---|---|",
        f"| {summary.servers} | {summary.open_events}{f' ({open_counts})' if open_counts else ''} "
        f"| {len(summary.approvals)} | {summary.events_in_period} |",
        "",
    ]
    if summary.unapproved:
        lines += [f"**Never approved:** {', '.join(code(name) for name in summary.unapproved)}", ""]
    if summary.failing:
        lines += [f"**Failing to scan:** {', '.join(code(name) for name in summary.failing)}", ""]
    for history in histories:
        lines += _server_markdown(history)
    return "\n".join(lines).rstrip() + "\n"


def _server_markdown(history: ServerHistory) -> list[str]:
    baseline = history.baseline
    lines = [
        f"## {code(history.name)}",
        "",
        (
            f"Baseline {code(short_hash(baseline.manifest_hash))} approved by {prose(baseline.approved_by)} "
            f"{when(baseline.approved_at)}"
            if baseline
            else "**No approved baseline.**"
        ),
        "",
        "### Drift events",
        "",
    ]
    for event in reversed(history.events):
        lines += _event_markdown(event)
    if not history.events:
        lines += ["None in the period.", ""]
    lines += ["### Approvals", ""]
    if history.baselines:
        lines += ["| approved | by | why | ticket | manifest | superseded |", "|---|---|---|---|---|---|"]
        lines += [
            f"| {when(b.approved_at)} | {prose(b.approved_by)} | {prose(b.reason)} | "
            f"{prose(b.ticket or '-')} | {cell(short_hash(b.manifest_hash))} | "
            f"{when(b.superseded_at) if b.superseded_at else 'in force'} |"
            for b in reversed(history.baselines)
        ]
    else:
        lines.append("Never approved.")
    lines += ["", "### Observations", ""]
    if history.observations:
        lines += [
            "| first seen | last seen | scans | status | manifest | version | package | auth surface "
            "| error |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {when(o.first_seen)} | {when(o.last_seen)} | {o.scans} | {prose(o.status)} | "
            f"{cell(short_hash(o.manifest_hash))} | {prose(o.server_version or '-')} | "
            f"{prose(str(o.package) if o.package else '-')} | "
            f"{prose(str(o.auth_surface) if o.auth_surface else '-')} | "
            f"{prose(f'{o.error_class}: {o.error_message}') if o.error_class else '-'} |"
            for o in reversed(history.observations)
        ]
    else:
        lines.append("None in the period.")
    return [*lines, ""]


def _event_markdown(event: DriftEventRecord) -> list[str]:
    closed = ""
    if event.closed_at:
        closed = f"; closed {when(event.closed_at)}"
        if event.closed_by:
            closed += f" by {prose(event.closed_by)}"
    if event.held:
        closed += f"; {prose(str(event.held))}"
    observed = code(short_hash(event.observed_hash))
    compared = (
        f"Baseline {code(short_hash(event.baseline_hash))} → observed {observed}."
        if event.baseline_hash
        else f"Unapproved server: nothing it showed ({observed}) was reviewed."
    )
    lines = [
        f"#### #{event.id} {str(event.severity).upper()} {prose(event.state)}",
        "",
        f"{when(event.first_seen)} to {when(event.last_seen)}{closed}. {compared}",
        "",
    ]
    lines += changes_markdown(event.changes, heading="#####")
    if event.findings:
        lines += [
            "##### Findings",
            "",
            "| severity | rule | where | message | evidence |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {f.severity} | {cell(f.rule)} | {prose(finding_location(f))} | "
            f"{prose(f.detail or f.message)} | {cell(f.evidence)} |"
            for f in by_severity(event.findings)
        ]
        lines.append("")
    return lines
