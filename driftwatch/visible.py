"""Make hidden characters visible, so server-provided text can be shown without obeying it.

Everything a server sends is hostile. Shown raw, an ANSI escape drives the reviewer's terminal,
a bidi override reorders what they read, a Unicode tag character carries text they cannot see.
`visible()` replaces each such character by its escape (`\\x1b`, `\\u200b`, `\\U000e0041`), so the
reviewer sees that it is there and what it is. It is the one place that decides what "hidden"
means; terminal output, reports, logs, alerts and detector evidence all go through it.
"""

from __future__ import annotations

import re

# Control characters (C0 but tab/newline, DEL, C1: 0x9b alone is a terminal CSI), format characters
# (zero-width, bidi embeddings/overrides/isolates, soft hyphen, BOM, invisible operators), line and
# paragraph separators, variation selectors, the combining grapheme joiner, Hangul fillers that
# render blank, interlinear annotation marks, and the Unicode tag block: every Default_Ignorable_Code_Point
# and every format character (category Cf) but the prepended concatenation marks (U+0600-0605, U+06DD,
# ...: visible signs around digits), as tests/test_visible.py checks against unicodedata.
_HIDDEN_RANGES = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
)
HIDDEN = re.compile(f"[{_HIDDEN_RANGES}]")
"""Matches one character that does not show what it is when printed."""

_HIDDEN_OR_LINEBREAK = re.compile(f"[{_HIDDEN_RANGES}\t\n]")
_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape_char(char: str) -> str:
    """`\\x1b`, `\\u200b` or `\\U000e0041`: the escape a Python or JSON reader would recognise."""
    point = ord(char)
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if point < 0x100:
        return f"\\x{point:02x}"
    if point < 0x10000:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """Return `text` with every hidden character replaced by its escape.

    With `one_line`, tabs and newlines are escaped too (table cells, log values, Slack fields).
    """
    pattern = _HIDDEN_OR_LINEBREAK if one_line else HIDDEN
    return pattern.sub(lambda m: escape_char(m.group()), text)


def has_hidden(text: str) -> bool:
    return HIDDEN.search(text) is not None


def shorten(text: str, limit: int = 200) -> str:
    """Cut `text` to at most `limit` characters, saying how much was cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"
