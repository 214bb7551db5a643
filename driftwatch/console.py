"""Terminal output: rich tables built from `Text` objects, never from markup strings.

Server-provided values are wrapped in `Text` after `visible()`, so neither rich markup
(`[link=…]`) nor ANSI escapes nor bidi overrides inside them can reach the terminal as anything
but characters.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from driftwatch.monitor import ServerResult
from driftwatch.registry import ServerSpec
from driftwatch.visible import visible

PIPE_WIDTH = 160
"""Width when stdout is not a terminal (CI logs, `| less`): wide enough that hashes stay whole."""


def stdout() -> Console:
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal:
        console.width = PIPE_WIDTH
    return console


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def safe(value: object, style: str = "") -> Text:
    """A table cell from any value, hidden characters made visible, markup inert."""
    return Text(visible("" if value is None else str(value), one_line=True), style=style)


def short_hash(digest: str | None) -> str:
    return digest[:19] if digest else "-"  # "sha256:" + 12 hex digits


STATUS_STYLE = {"ok": "green", "error": "red"}


def scan_table(results: Sequence[ServerResult]) -> Table:
    table = Table(title="driftwatch scan", title_justify="left")
    for column in (
        "server",
        "status",
        "tools",
        "prompts",
        "resources",
        "version",
        "manifest",
        "drift",
        "findings",
    ):
        numeric = column in ("tools", "prompts", "resources")
        table.add_column(
            column, justify="right" if numeric else "left", no_wrap=column in ("server", "manifest")
        )
    for result in results:
        counts = result.manifest.counts() if result.manifest else {}
        drift = result.drift
        table.add_row(
            safe(result.name, "bold"),
            safe(result.status, STATUS_STYLE.get(result.status, "")),
            safe(counts.get("tools", "-")),
            safe(counts.get("prompts", "-")),
            safe(counts.get("resources", "-")),
            safe(result.server_version or "-"),
            safe(short_hash(result.manifest_hash)),
            safe(drift_cell(drift)),
            safe(findings_cell(result.findings)),
        )
    return table


def drift_cell(drift: Mapping[str, object] | None) -> str:
    """`-`, `unapproved (medium)` or `high: 3 changes`."""
    if not drift:
        return "-"
    if drift.get("state") == "unapproved":
        return f"unapproved ({drift['severity']})"
    return f"{drift['severity']}: {drift['changes']} changes"


def findings_cell(findings: Sequence[Mapping[str, object]]) -> str:
    """How many findings, and the worst severity among them."""
    if not findings:
        return "-"
    order = ["info", "low", "medium", "high", "critical"]
    worst = max((str(f["severity"]) for f in findings), key=order.index)
    return f"{len(findings)} (worst {worst})"


def scan_errors(results: Sequence[ServerResult]) -> list[Text]:
    """One line per failed server: what went wrong, in words."""
    return [
        Text.assemble(safe(r.name, "bold"), ": ", safe(f"{r.error.error_class}: {r.error.message}", "red"))
        for r in results
        if r.error is not None
    ]


def servers_table(specs: Sequence[ServerSpec]) -> Table:
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


def windows_table(rows: Sequence[Mapping[str, object]]) -> Table:
    table = Table(title="open change windows", title_justify="left")
    for column in ("id", "server", "until", "opened_by", "ticket", "reason"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            safe(row["id"]),
            safe(row["server"] or "all servers"),
            safe(row["ends_at"]),
            safe(row["opened_by"]),
            safe(row["ticket"] or "-"),
            safe(row["reason"] or "-"),
        )
    return table


def rows_table(title: str, rows: Sequence[Mapping[str, object]]) -> Table:
    """A table of JSON-ish rows (column names from the first row), every cell made safe."""
    table = Table(title=title, title_justify="left")
    for column in rows[0] if rows else ():
        table.add_column(column)
    for row in rows:
        table.add_row(*(safe("-" if value is None else value) for value in row.values()))
    return table


def write_stdout(text: str) -> None:
    """Command output (JSON, Markdown, a report) to stdout, exactly as given."""
    sys.stdout.write(text + "\n")
