"""Reports and terminal views of what servers did over time.

`render_report` writes the historical report in each of its formats; `terminal.diff_renderable`,
`markdown.diff_markdown` and `terminal.history_renderable` are the faces of `driftwatch diff` and
`history`; `terminal.findings_renderable` and `sarif.findings_sarif` those of `driftwatch check`.
Everything here reads plain records (`driftwatch.store.history`) and treats every server-provided
string as hostile.

Every command imports this package (the CLI's console reads `text`), `--help` included, so the
package itself loads nothing else: a format's writer (Jinja for HTML, rich for the terminal, the
rule catalogue for SARIF) is imported from its module when something is written in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # records only: the CLI's console imports this package
    from driftwatch.lockfile import LockLines
    from driftwatch.store.history import ServerHistory

__all__ = ["render_report"]


def render_report(
    histories: Sequence[ServerHistory],
    *,
    since: datetime | None,
    generated_at: datetime,
    fmt: str,
    lock_path: str = "driftwatch.lock",
    lock_lines: LockLines | None = None,
) -> str:
    """The historical report of `histories` in `fmt` (html, markdown, json or sarif).

    `lock_path` is the repository file SARIF results are anchored to (code scanning needs one),
    at the lines `lock_lines` says it holds each server and item (else line 1).
    """
    if fmt == "html":
        from driftwatch.report.html import render_html  # Jinja: only for an HTML report

        return render_html(histories, since=since, generated_at=generated_at)
    if fmt == "markdown":
        from driftwatch.report.markdown import render_markdown

        return render_markdown(histories, since=since, generated_at=generated_at)
    if fmt == "json":
        from driftwatch.report.jsondoc import render_json

        return render_json(histories, since=since, generated_at=generated_at)
    if fmt == "sarif":
        from driftwatch.report.sarif import render_sarif

        return render_sarif(histories, lock_path=lock_path, lines=lock_lines)
    raise ValueError(f"unknown report format {fmt!r} (one of: html, markdown, json, sarif)")
