"""Reports and terminal views of what servers did over time.

`render_report` writes the historical report in each of its formats; `diff_renderable`,
`diff_markdown` and `history_renderable` are the faces of `driftwatch diff` and `history`;
`findings_renderable` and `findings_sarif` those of `driftwatch check`. Everything here reads
plain records (`driftwatch.store.history`) and treats every server-provided string as hostile.

The CLI's console imports this package for every command, `--help` included, so nothing here loads
the store (its records are type-only imports), and the writers of a format (Jinja for HTML,
Markdown, JSON, SARIF with the rule catalogue) are imported when a report or a diff is written in it
(`driftwatch.report.markdown`, `.sarif`), not by every command's start.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from driftwatch.report.terminal import diff_renderable, findings_renderable, history_renderable

if TYPE_CHECKING:  # records only: the CLI's console imports this package
    from driftwatch.store.history import ServerHistory

__all__ = [
    "diff_renderable",
    "findings_renderable",
    "history_renderable",
    "render_report",
]


def render_report(
    histories: Sequence[ServerHistory],
    *,
    since: datetime | None,
    generated_at: datetime,
    fmt: str,
    artifact_uri: str = "driftwatch.lock",
) -> str:
    """The historical report of `histories` in `fmt` (html, markdown, json or sarif).

    `artifact_uri` is the repository file SARIF results are anchored to (code scanning needs one).
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

        return render_sarif(histories, artifact_uri=artifact_uri)
    raise ValueError(f"unknown report format {fmt!r} (one of: html, markdown, json, sarif)")
