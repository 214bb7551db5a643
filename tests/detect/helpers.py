"""Shared helpers: which rules fire on a text, at or above a severity."""

from __future__ import annotations

from collections.abc import Collection

from driftwatch.detect import scan_text
from driftwatch.model import Severity


def flagged(
    text: str,
    *,
    field: str = "description",
    known_tools: Collection[str] = (),
    at: Severity = Severity.MEDIUM,
) -> set[str]:
    """Rule ids that fire on `text` with severity `at` or above."""
    return {f.rule for f in scan_text(text, field=field, known_tools=known_tools) if f.severity >= at}
