"""Undo what attackers do to hide text from people and from keyword filters.

Matching runs on a normalized form: NFKC (full-width and ligature forms to plain letters),
hidden characters removed (a zero-width space splitting `i\u200bd_rsa` no longer splits it),
look-alike Cyrillic and Greek letters folded to Latin (`іd_rѕа` reads `id_rsa`), spaced-out
letters joined (`r e a d` reads `read`), case folded, whitespace collapsed. Every step is linear.

Text hidden by encoding is recovered as separate variants, each scanned like the original:
Unicode tag characters (invisible ASCII), base64, hex, `\\uXXXX` escapes, HTML entities, and rot13
when the text announces it.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from driftwatch.visible import HIDDEN

# Cyrillic and Greek letters that render like Latin ones (Unicode confusables, the common subset).
_CONFUSABLES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ӏ": "l", "ɡ": "g", "һ": "h", "ь": "b", "п": "n", "г": "r",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "У": "Y", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W",
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "ω": "w", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}  # fmt: skip
_FOLD = str.maketrans(_CONFUSABLES)
CONFUSABLE_CHARS = frozenset(_CONFUSABLES)

_SPACED = re.compile(r"(?:\S {1,3}){5,}\S")
"""Runs of single characters separated by spaces, words by three: `r e a d   t h e`."""
_WORD_GAP = re.compile(r" {3,}")
_SPACE_RUN = re.compile(r"\s+")

TAG_BLOCK = re.compile("[\U000e0000-\U000e007f]+")
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{24,}={0,2}(?![A-Za-z0-9+/=_-])")
_HEX = re.compile(r"(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){16,}(?![0-9A-Fa-f])")
_ESCAPES = re.compile(r"(?:\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2}){4,}")
_ENTITIES = re.compile(r"(?:&#x?[0-9A-Fa-f]+;){4,}")
_ROT13_MARKER = re.compile(r"\brot[\s_-]?13\b", re.IGNORECASE)


def _join_spaced(match: re.Match[str]) -> str:
    run = match.group()
    return " ".join(part.replace(" ", "") for part in _WORD_GAP.split(run))


def strip_hidden(text: str) -> str:
    """Remove the characters that do not show (tabs and newlines stay)."""
    return HIDDEN.sub("", text)


def normalize(text: str) -> str:
    """The form rules match on: see the module docstring. Length is at most the input's."""
    text = unicodedata.normalize("NFKC", text)
    text = strip_hidden(text).translate(_FOLD)
    text = _SPACED.sub(_join_spaced, text)
    return _SPACE_RUN.sub(" ", text).casefold()


@dataclass(frozen=True)
class Variant:
    """A text to scan: the original, or something decoded out of it."""

    how: str
    """`plain`, or the decoding: `unicode-tags`, `base64`, `hex`, `escapes`, `entities`, `rot13`."""
    text: str
    source: str
    """What was decoded (the raw blob), for evidence; the text itself for `plain`."""


def _printable_ratio(text: str) -> float:
    if not text:
        return 0.0
    return sum(ch.isprintable() or ch in "\n\t" for ch in text) / len(text)


def _as_text(data: bytes) -> str | None:
    """Decoded bytes that read as natural text (mostly letters and spaces), or None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    letters = sum(ch.isalpha() or ch == " " for ch in text)
    if len(text) < 8 or _printable_ratio(text) < 0.95 or letters / len(text) < 0.6 or " " not in text:
        return None
    return text


def _base64(blob: str) -> str | None:
    padded = blob + "=" * (-len(blob) % 4)
    for decode in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            found = _as_text(decode(padded.encode()))
        except (binascii.Error, ValueError):
            continue
        if found:
            return found
    return None


def decoded_variants(text: str) -> Iterator[Variant]:
    """Text recovered from every encoding found in `text` (not the plain text itself)."""
    tags = "".join(TAG_BLOCK.findall(text))
    if tags:
        ascii_text = "".join(chr(ord(ch) - 0xE0000) for ch in tags if 0xE0020 <= ord(ch) <= 0xE007E)
        if ascii_text.strip():
            yield Variant("unicode-tags", ascii_text, tags)
    for blob in _BASE64.findall(text):
        if (found := _base64(blob)) is not None:
            yield Variant("base64", found, blob)
    for blob in _HEX.findall(text):
        if (found := _as_text(bytes.fromhex(blob))) is not None:
            yield Variant("hex", found, blob)
    for blob in _ESCAPES.findall(text):
        try:
            found = codecs.decode(blob, "unicode_escape")
        except UnicodeDecodeError:
            continue
        yield Variant("escapes", found, blob)
    for blob in _ENTITIES.findall(text):
        yield Variant("entities", html.unescape(blob), blob)
    if _ROT13_MARKER.search(text):
        yield Variant("rot13", codecs.encode(text, "rot13"), text)
