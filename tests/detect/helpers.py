"""Shared helpers: which rules fire on a text, at or above a severity."""

from __future__ import annotations

from collections.abc import Collection

import pytest

from driftwatch.detect import detect, scan_text
from driftwatch.manifest import Manifest
from driftwatch.model import JSONObject, Severity


def flagged(
    text: str,
    *,
    field: str = "description",
    known_tools: Collection[str] = (),
    at: Severity = Severity.MEDIUM,
) -> set[str]:
    """Rule ids that fire on `text` with severity `at` or above."""
    return {f.rule for f in scan_text(text, field=field, known_tools=known_tools) if f.severity >= at}


def tool_flagged(tool: JSONObject, *, at: Severity = Severity.MEDIUM) -> set[str]:
    """Rule ids that fire anywhere in one tool's manifest with severity `at` or above."""
    return {f.rule for f in detect(Manifest.build(tools=[tool])) if f.severity >= at}


def known_gap(*values: object, reason: str) -> object:
    """A table row the detector misses today but issue 14 demands: a strict xfail, so a fix shows up."""
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason))


def in_digits(data: bytes, alphabet: str) -> str:
    """`data` as one big-endian number written in `alphabet`'s digits (base58, base36)."""
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, digit = divmod(number, len(alphabet))
        out = alphabet[digit] + out
    return out
