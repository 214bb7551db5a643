"""Terminal output: rich tables built from `Text` objects, never from markup strings.

Server-provided values are wrapped in `Text` after `visible()`, so neither rich markup
(`[link=…]`) nor ANSI escapes nor bidi overrides inside them can reach the terminal as anything
but characters.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from driftwatch.model import DriftSummary, Finding, ObservationStatus
from driftwatch.report.text import SEVERITY_STYLE, one_line, plural, when
from driftwatch.visible import visible

if TYPE_CHECKING:  # every command imports this module, `--help` included: it loads neither the
    # scan pipeline nor rich's console and tables (imported where a view is made)
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

    from driftwatch.monitor import ServerResult
    from driftwatch.registry import ServerSpec

PIPE_WIDTH = 1000
"""Layout width when stdout is not a terminal (CI logs, files, `| less`): tables take only the
width their cells need, so this only bounds how long a table row may grow before it wraps;
text is never wrapped at all (`show`)."""


def stdout() -> Console:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal:
        console.width = PIPE_WIDTH
    return console


def show(renderable: RenderableType) -> None:
    """Print a view to stdout: laid out for the terminal, or, into a pipe or file, unwrapped and
    without the padding spaces rich adds to fill the width (a reader greps it, an editor opens it)."""
    out = stdout()
    if out.is_terminal:
        out.print(renderable)
        return
    with out.capture() as captured:
        out.print(renderable, soft_wrap=True)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def safe(value: object, style: str = "") -> Text:
    """A table cell from any value, hidden characters made visible, markup inert."""
    from rich.text import Text

    return Text(visible("" if value is None else str(value), one_line=True), style=style)


def short_hash(digest: str | None) -> str:
    """12 hex digits: what `--hash` takes as a prefix, narrow enough for an 80-column table."""
    return digest.removeprefix("sha256:")[:12] if digest else "-"


STATUS_STYLE = {"ok": "green", "error": "red"}


def scan_table(results: Sequence[ServerResult]) -> Table:
    """One row per server; fits 80 columns: cells fold rather than being cut to `…`, and a failed
    server shows `error` where its manifest would be (why is printed under the table)."""
    from rich import box
    from rich.table import Table

    table = Table(
        title="driftwatch scan",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        caption="items: tools/prompts/resources",
        caption_justify="left",
    )
    name_width = min(max((len(r.name) for r in results), default=6), 16)
    for column in ("server", "items", "version", "manifest", "drift", "findings"):
        table.add_column(
            column,
            overflow="fold",
            no_wrap=column == "manifest",
            min_width=name_width if column == "server" else None,
        )
    for result in results:
        counts = result.shown.counts if result.shown else {}
        items = "/".join(str(counts.get(kind, "-")) for kind in ("tools", "prompts", "resources"))
        manifest = (
            safe(short_hash(result.manifest_hash))
            if result.status is ObservationStatus.OK
            else safe(result.status, "red")
        )
        table.add_row(
            safe(result.name, "bold"),
            safe(items if counts else "-"),
            safe(result.server_version or "-"),
            manifest,
            safe(drift_cell(result.drift)),
            safe(findings_cell(result.findings)),
        )
    return table


def drift_cell(drift: DriftSummary | None) -> str:
    """`-`, `unapproved (medium)` or `high: 3 changes`."""
    if drift is None:
        return "-"
    if drift.baseline_hash is None:
        return f"unapproved ({drift.severity})"
    return f"{drift.severity}: {plural(drift.change_count, 'change')}"


def findings_cell(findings: Sequence[Finding]) -> str:
    """How many findings, and the worst severity among them: `2, high`."""
    if not findings:
        return "-"
    worst = max(f.severity for f in findings)
    return f"{len(findings)}, {worst}"


EXCERPT = 100
"""Characters of a finding's evidence shown under the scan table (JSON output has it all)."""


def scan_findings(results: Sequence[ServerResult]) -> list[Text]:
    """The findings of a scan, most severe first, two lines each: what fired where, then on which words."""
    from rich.text import Text

    rows = sorted(((r.name, f) for r in results for f in r.findings), key=lambda row: -row[1].severity)
    lines = [Text(f"findings ({len(rows)})", style="bold")] if rows else []
    for name, finding in rows:
        severity = str(finding.severity)
        where = f"{finding.kind} {finding.name} {finding.field}".rstrip()
        lines.append(
            Text.assemble(
                "  ",
                (severity, SEVERITY_STYLE[finding.severity]),
                " ",
                safe(finding.rule, "magenta"),
                " ",
                safe(name, "bold"),
                ": ",
                Text(one_line(where, 120)),
            )
        )
        lines.append(Text.assemble("    ", Text(one_line(finding.evidence, EXCERPT), "yellow")))
    return lines


def scan_view(results: Sequence[ServerResult]) -> RenderableType:
    """`driftwatch scan`: the table, then the findings, then what failed."""
    from rich.console import Group

    return Group(scan_table(results), *scan_findings(results), *scan_errors(results))


def scan_errors(results: Sequence[ServerResult]) -> list[Text]:
    """One line per failed server: what went wrong, in words."""
    from rich.text import Text

    return [
        Text.assemble(safe(r.name, "bold"), ": ", safe(f"{r.error.error_class}: {r.error.message}", "red"))
        for r in results
        if r.error is not None
    ]


def servers_table(specs: Sequence[ServerSpec]) -> Table:
    from rich.table import Table

    table = Table(title="registered servers", title_justify="left")
    for column in ("name", "transport", "target", "owner", "tags"):
        table.add_column(column)
    for spec in specs:
        table.add_row(
            safe(spec.name, "bold"),
            safe(spec.transport),
            safe(spec.target),
            safe(spec.owner.team or "-"),
            safe(", ".join(spec.tags) or "-"),
        )
    return table


def unknown_servers_table(rows: Sequence[Mapping[str, Any]]) -> Table:
    """`discover`: one row per place an unregistered server was found (rows from its JSON, which
    is scrubbed of secrets; cells are made visible here)."""
    from rich.table import Table

    table = Table(title="unregistered MCP servers", title_justify="left")
    for column in ("identity", "name in config", "client", "file"):
        table.add_column(column, overflow="fold")
    for row in rows:
        identity = row["identity"]
        shown = identity["key"] + (f"@{identity['version']}" if identity.get("version") else "")
        for place in row["found_in"]:
            cells = (place["name"], place["client"], place["file"])
            table.add_row(safe(shown, "bold"), *(safe(cell) for cell in cells))
    return table


def windows_table(rows: Sequence[Mapping[str, object]]) -> Table:
    from rich.table import Table

    table = Table(title="open change windows", title_justify="left")
    for column in ("id", "server", "until", "opened_by", "ticket", "reason"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            safe(row["id"]),
            safe(row["server"] or "all servers"),
            safe(human_time(row["ends_at"])),
            safe(row["opened_by"]),
            safe(row["ticket"] or "-"),
            safe(row["reason"] or "-"),
        )
    return table


def routes_table(rows: Sequence[Mapping[str, object]]) -> Table:
    """`config check`: each server's resolved route (receivers per event type, with the
    severities that reach them) and its thresholds."""
    from rich.table import Table

    table = Table(title="where each server's events go", title_justify="left")
    columns = (
        "server",
        "transport",
        "team",
        "drift",
        "finding",
        "unreachable",
        "page at",
        "notify at",
        "windows",
    )
    for column in columns:
        table.add_column(column)
    for row in rows:
        route = row["route"]
        assert isinstance(route, dict)
        table.add_row(
            safe(row["server"]),
            safe(row["transport"]),
            safe(row["team"] or "-"),
            *(
                _reached(route.get(kind) or [], kind != "unreachable")
                for kind in ("drift", "finding", "unreachable")
            ),
            safe(row["page_at"]),
            safe(row["notify_at"]),
            safe(row["change_windows"]),
        )
    return table


def _reached(entries: Sequence[Mapping[str, object]], graded: bool) -> Text:
    """`secops-pager (high+), slack`: the receivers of one event type, with the severities that
    reach each when not all of them do (`graded`: the event type has severities)."""
    if not entries:
        return safe("nobody", "yellow")
    everything = ["info", "low", "medium", "high", "critical"]
    parts = []
    for entry in entries:
        levels = entry["severities"]
        assert isinstance(levels, list)
        if not graded or levels == everything:
            parts.append(str(entry["receiver"]))
        elif levels == everything[everything.index(levels[0]) :]:
            parts.append(f"{entry['receiver']} ({levels[0]}+)")
        else:
            parts.append(f"{entry['receiver']} ({', '.join(map(str, levels))})")
    return safe(", ".join(parts))


def silences_table(rows: Sequence[Mapping[str, object]]) -> Table:
    from rich.table import Table

    table = Table(title="silences", title_justify="left")
    for column in ("id", "match", "until", "by", "ticket", "reason"):
        table.add_column(column)
    for row in rows:
        ended = f" (ended by {row['expired_by']})" if row["expired_by"] else ""
        table.add_row(
            safe(row["id"]),
            safe(row["match"]),
            safe(human_time(row["ends_at"]) + ended),
            safe(row["created_by"]),
            safe(row["ticket"] or "-"),
            safe(row["reason"]),
        )
    return table


def human_time(value: object) -> str:
    """An ISO timestamp (as the JSON output carries it) the way reports show times: to the minute, UTC."""
    if not isinstance(value, str):
        return "-" if value is None else str(value)
    try:
        return when(datetime.fromisoformat(value))
    except ValueError:
        return value


def rows_table(title: str, rows: Sequence[Mapping[str, object]]) -> Table:
    """A table of JSON-ish rows (column names from the first row), every cell made safe."""
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in rows[0] if rows else ():
        table.add_column(column)
    for row in rows:
        table.add_row(
            *(
                safe(human_time(value) if key.endswith("_at") else "-" if value is None else value)
                for key, value in row.items()
            )
        )
    return table


def write_stdout(text: str | Iterable[str]) -> None:
    """Command output (JSON, Markdown, a report) to stdout, exactly as given: one text, or the
    pieces of one written as they come (jsonout.dumps_listing)."""
    for piece in [text] if isinstance(text, str) else text:
        sys.stdout.write(piece)
    sys.stdout.write("\n")
