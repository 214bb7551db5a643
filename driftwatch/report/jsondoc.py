"""`report --format json`: the histories as stored, plus the period and the summary numbers.

Keys are sorted so two reports diff cleanly. Non-ASCII characters are written as `\\u` escapes:
the values are the servers' raw text (exact, for machines), and escaping keeps hidden characters
(tag characters, bidi overrides, C1 controls) from reaching whoever opens or `cat`s the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from driftwatch import jsonout
from driftwatch.report.summary import summarize

if TYPE_CHECKING:  # records only: the CLI's console imports this package
    from driftwatch.store.history import ServerHistory


def render_json(histories: Sequence[ServerHistory], *, since: datetime | None, generated_at: datetime) -> str:
    document = {
        "generated_at": generated_at.isoformat(),
        "since": since.isoformat() if since else None,
        "summary": summarize(histories, since).to_json(),
        "servers": [h.to_json() for h in histories],
    }
    return jsonout.dumps(jsonout.document("report", document), sort_keys=True)
