"""The HTML report: one self-contained file a reviewer opens in a browser or attaches to a ticket.

Every string in it comes from a server or an operator, so the page is built with autoescaping
on for everything, and the environment's `finalize` passes every `{{ value }}` through
`visible()` before it is escaped: a template cannot forget either step. The page carries no
script of its own, and its Content-Security-Policy forbids any (and any fetch), so even a
mistake in escaping could not run code or phone home.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from driftwatch import __version__
from driftwatch.model import DriftEventRecord, Severity, by_severity
from driftwatch.report.summary import CHANGE_KINDS, SEVERITIES, summarize, summarize_changes
from driftwatch.report.text import (
    group_by_item,
    item_digest,
    plural,
    short_hash,
    value_lines,
    when,
)
from driftwatch.visible import visible

if TYPE_CHECKING:  # records only: the CLI's console imports this package
    from driftwatch.store.history import ServerHistory


def _finalize(value: object) -> str:
    """Applied by Jinja to every expression output, before autoescaping.

    `Markup` is what the template's own macros return (built from already escaped parts); it
    passes as it is. Nothing else is ever `Markup`: no filter or helper marks data as safe.
    """
    if isinstance(value, Markup):
        return value
    return visible("" if value is None else str(value))


def _severity_name(value: Severity) -> str:
    """A severity as the word that is also its CSS class (`sev-high`)."""
    return str(value)


def _open_events(history: ServerHistory) -> list[DriftEventRecord]:
    """The server's open events, most severe first."""
    return sorted((e for e in history.events if e.is_open), key=lambda e: -e.severity)


def _attention(histories: Sequence[ServerHistory]) -> list[tuple[str, DriftEventRecord]]:
    """Every open event of every server, most severe first, newest first among equals: the top of
    the report, what a reader came for."""
    pairs = [(h.name, e) for h in histories for e in h.events if e.is_open]
    pairs.sort(key=lambda pair: pair[1].first_seen, reverse=True)
    return sorted(pairs, key=lambda pair: -pair[1].severity)


LONG_BODY = 12
"""Lines of a change's body above which it is collapsed (`<details>`): the head and the digest stay."""


ENVIRONMENT = Environment(  # the report's and the evidence pack's (report/evidence.py)
    loader=PackageLoader("driftwatch.report", "templates"),
    autoescape=True,
    finalize=_finalize,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENVIRONMENT.globals.update(
    by_severity=by_severity,
    change_kinds=CHANGE_KINDS,
    group_by_item=group_by_item,
    item_digest=item_digest,
    long_body=LONG_BODY,
    plural=plural,
    summarize_changes=summarize_changes,
    open_events=_open_events,
    severity=_severity_name,
    short_hash=short_hash,
    value_lines=value_lines,
    when=when,
)


def render_html(histories: Sequence[ServerHistory], *, since: datetime | None, generated_at: datetime) -> str:
    context: dict[str, object] = {
        "histories": histories,
        "attention": _attention(histories),
        "summary": summarize(histories, since),
        "severities": SEVERITIES,
        "since": since,
        "generated_at": generated_at,
        "version": __version__,
    }
    return ENVIRONMENT.get_template("report.html.j2").render(context)
