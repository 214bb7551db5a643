"""Content a person reviewing the text would not see, but the model reads.

These rules look at the raw text: what matters is that something is hidden, whatever it says.
What the hidden text says is judged by the instruction rules on the decoded variants.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from driftwatch.detect.normalize import CONFUSABLE_CHARS, TAG_BLOCK
from driftwatch.detect.rule import Hit
from driftwatch.severity import Severity

_ANSI = re.compile(
    r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]{0,200}(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-9;?]*[@-~]"
)
_BIDI_OVERRIDE = re.compile("[\u202d\u202e]")
_BIDI_EMBED = re.compile("[\u202a-\u202c\u2066-\u2069]")
_ZERO_WIDTH_IN_WORD = re.compile(r"(?<=\w)[\u200b-\u200d\u2060\ufeff\u00ad]+(?=\w)")
_PADDING = re.compile(r"[ \t\u00a0]{40,}|(?:[ \t\u00a0]*\n){12,}")
_HTML_COMMENT = re.compile(r"<!--(.{0,2000}?)-->", re.DOTALL)
_MARKDOWN_COMMENT = re.compile(
    r"^\s*\[(?://|comment|hidden)?\]:\s*#\s*[(\"'](.{0,2000}?)[)\"']\s*$", re.MULTILINE
)
_WORD = re.compile(r"\w{3,}")
_LATIN = re.compile(r"[a-zA-Z]")
_PLAIN = re.compile(r"[\x20-\x7e\n\t]*")
_FLAG_TAGS = re.compile("\U0001f3f4[\U000e0061-\U000e007a]{2,6}\U000e007f")
"""Subdivision flag emoji (England, Scotland, Wales): the one legitimate use of tag characters."""


def hidden_comments(text: str) -> list[str]:
    """The bodies of HTML (`<!-- -->`) and Markdown (`[//]: # (...)`) comments."""
    return [
        m.group(1)
        for pattern in (_HTML_COMMENT, _MARKDOWN_COMMENT)
        for m in pattern.finditer(text)
        if m.group(1).strip()
    ]


def _around(text: str, start: int, end: int, margin: int = 40) -> str:
    return text[max(0, start - margin) : end + margin]


def hidden_hits(text: str) -> Iterator[Hit]:
    """Every way `text` hides something, one Hit per kind of hiding (the first occurrence)."""
    if _PLAIN.fullmatch(text):  # the common case: no character here can hide anything
        yield from _layout_hits(text)
        return
    unflagged = _FLAG_TAGS.sub("", text)
    if (tags := TAG_BLOCK.search(unflagged)) is not None:
        count = sum(len(block) for block in TAG_BLOCK.findall(unflagged))
        yield Hit(
            "unicode-tag-characters",
            Severity.HIGH,
            f"{count} invisible Unicode tag characters carry text only the model reads",
            _around(unflagged, tags.start(), tags.end()),
        )
    if (ansi := _ANSI.search(text)) is not None:
        yield Hit(
            "ansi-escape",
            Severity.HIGH,
            "ANSI escape sequences can hide or rewrite text in a terminal",
            _around(text, ansi.start(), ansi.end()),
        )
    if (bidi := _BIDI_OVERRIDE.search(text)) is not None:
        yield Hit(
            "bidi-control",
            Severity.HIGH,
            "a bidirectional override makes text display in another order than the model reads it",
            _around(text, bidi.start(), bidi.end()),
        )
    elif (bidi := _BIDI_EMBED.search(text)) is not None and _LATIN.search(text[bidi.end() : bidi.end() + 40]):
        yield Hit(
            "bidi-control",
            Severity.MEDIUM,
            "bidirectional embedding controls around Latin text",
            _around(text, bidi.start(), bidi.end()),
        )
    zero_width = _ZERO_WIDTH_IN_WORD.findall(text)
    if zero_width:
        first = _ZERO_WIDTH_IN_WORD.search(text)
        assert first is not None
        yield Hit(
            "zero-width-characters",
            Severity.MEDIUM,
            f"{len(zero_width)} zero-width characters split words (a keyword filter would miss them)",
            _around(text, first.start(), first.end()),
        )
    yield from _layout_hits(text)
    for word in _WORD.finditer(text):
        token = word.group()
        if _LATIN.search(token) and any(ch in CONFUSABLE_CHARS for ch in token):
            yield Hit(
                "mixed-script-word",
                Severity.MEDIUM,
                "a word mixes Latin with look-alike Cyrillic or Greek letters",
                token,
            )
            break


def _layout_hits(text: str) -> Iterator[Hit]:
    """Hiding by layout rather than by character: padding, comments."""
    if (padding := _PADDING.search(text)) is not None and text[padding.end() :].strip():
        yield Hit(
            "whitespace-padding",
            Severity.MEDIUM,
            f"{len(padding.group())} characters of whitespace push the rest of the text out of view",
            text[padding.end() : padding.end() + 120],
        )
    for comment in hidden_comments(text):
        yield Hit("hidden-comment", Severity.LOW, "a comment hides text from rendered views", comment)
