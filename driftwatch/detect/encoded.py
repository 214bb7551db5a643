"""Text hidden by encoding, recovered so the instruction rules can read it too.

Unicode tag characters (invisible ASCII), base64, base32, hex, `\\uXXXX` escapes, HTML entities, percent
encoding, and rot13 (found because the rotated text reads as English while the original does
not). A blob only counts when it decodes to prose: mostly letters and spaces, several words. That
keeps documented base64 examples (an image, a hash, a token) out: they decode to bytes, not prose.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

TAG_BLOCK = re.compile("[\U000e0000-\U000e007f]+")
FLAG_TAGS = re.compile("\U0001f3f4[\U000e0061-\U000e007a]{2,6}\U000e007f")
"""Subdivision flag emoji (England, Scotland, Wales): the one legitimate use of tag characters."""

_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{20,}={0,2}(?![A-Za-z0-9+/=_-])")
_HEX = re.compile(r"(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){12,}+(?![0-9A-Fa-f])")
_ESCAPES = re.compile(r"(?:\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2}|\\U[0-9A-Fa-f]{8}){4,}")
_ENTITIES = re.compile(r"(?:&#x?[0-9A-Fa-f]{1,6};){4,}")
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2}[A-Za-z0-9._~-]{0,40}){6,}")
"""Six escapes or more, each with up to a word or two after it (`%3CSYSTEM%3E%20Forward%20every…`: a
sentence with only its spaces and marks escaped). Every repetition opens with `%`, which the
characters after an escape never hold: one way to match, linear."""
_NAMED_ROT13 = re.compile(r"\brot-?13\b")
"""The text naming rot13 (`Maintainer note (rot13)`, `(rot13+base64)`): what follows, and what any
other encoding in it decodes to, is rotated whatever its language (the test for rotated English
finds only English)."""
_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-")
_RUN_MARKS = bytes(ord("a") if code in _ALPHABET else ord(" ") for code in range(256))
"""A bytes.translate table that marks the base64 alphabet `a` and blanks the rest."""
_RUN = b"a" * 20
"""Twenty characters of the base64 alphabet in a row (as `_RUN_MARKS` marks them): what a base64
or hex blob needs (hex is a subset). A translation and a substring search find it in a fraction of
what a regex spends trying every position."""
_HEX_MARKS = bytes(ord("h") if chr(code) in "0123456789abcdefABCDEF" else ord(" ") for code in range(256))
_HEX_RUN = b"h" * 24
"""Twenty-four hex digits in a row (as `_HEX_MARKS` marks them): what a `_HEX` blob needs, found as
`_RUN` is (`_HEX` starts with a lookbehind, so its search tries every position of the text)."""
_SEGMENT = re.compile(r"[^\n.!?]{20,}")
_WORD = re.compile(r"[a-z]+")
_COMMON = frozenset(
    {
        *("the", "and", "you", "your", "to", "of", "this", "that", "with", "for", "before", "after"),
        *("all", "any", "must", "when", "then", "from", "into", "use", "tool", "tools", "user", "file"),
        *("send", "read", "include", "do", "not", "is", "are", "it", "in", "on", "as", "be"),
    }
)
"""Frequent English words: rot13 text has few of them, its rotation many."""
_ROTATED_COMMON = frozenset(codecs.encode(word, "rot13").encode("ascii") for word in _COMMON)
"""Words whose rotation is frequent English: text without three of them cannot hide rot13 prose."""
_LETTERS_ONLY = bytes(code if ord("a") <= code <= ord("z") else ord(" ") for code in range(256))
"""A bytes.translate table that blanks all but a-z: the words `_WORD` finds, split without a regex."""
_LOWER_LETTERS_ONLY = bytes(
    code + 32 if ord("A") <= code <= ord("Z") else _LETTERS_ONLY[code] for code in range(256)
)
"""`_LETTERS_ONLY` after lowering (A-Z as a-z): for ASCII text, whose bytes need no `lower()` first."""


@dataclass(frozen=True)
class Variant:
    """Text decoded out of a string, and how."""

    how: str
    """`unicode-tags`, `base64`, `base32`, `hex`, `escapes`, `entities`, `percent` or `rot13`."""
    text: str
    source: str
    """The raw encoded span, for evidence."""


def _prose(text: str) -> bool:
    """Reads like natural language: printable, mostly letters and spaces, several words."""
    if len(text) < 12 or " " not in text.strip():
        return False
    printable = sum(map(str.isprintable, text)) + text.count("\n") + text.count("\t")
    letters = sum(map(str.isalpha, text)) + text.count(" ")
    return printable / len(text) >= 0.95 and letters / len(text) >= 0.7


def _utf8_prose(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if _prose(text) else None


_URL_SAFE = bytes.maketrans(b"-_", b"+/")
"""The URL-safe alphabet's two characters as the standard one's (what base64.urlsafe_b64decode does)."""


def _base64(blob: str) -> str | None:
    """The prose `blob` decodes to, in the standard alphabet or else the URL-safe one (as
    base64.b64decode and base64.urlsafe_b64decode read it: binascii called directly, since a blob
    that is not base64 at all, an identifier or a path, is tried in every string that holds one)."""
    padded = (blob.rstrip("=") + "=" * (-len(blob.rstrip("=")) % 4)).encode()
    for url_safe in (False, True):
        try:
            found = _utf8_prose(binascii.a2b_base64(padded.translate(_URL_SAFE) if url_safe else padded))
        except (binascii.Error, ValueError):
            continue
        if found:
            return found
    return None


_BASE32_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def _base32(blob: str) -> str | None:
    """The prose `blob` decodes to in base32 (RFC 4648: capitals and the digits 2 to 7), asked of a
    blob in that alphabet whose base64 reading held none."""
    bare = blob.rstrip("=")
    if len(bare) % 8 in (1, 3, 6) or not _BASE32_ALPHABET.issuperset(bare):
        return None  # (no whole number of bytes, or not the alphabet)
    try:
        return _utf8_prose(base64.b32decode(bare + "=" * (-len(bare) % 8)))
    except (binascii.Error, ValueError):
        return None


_BLOBS: dict[str, str | None] = {}
"""Blobs decoded lately (base64 or hex run, as matched) -> the prose they hold: the same URL path
or identifier (`json-schema.org/draft/2020-12/schema`) comes back in string after string."""
_BLOB_MEMO = 4096
"""Blobs remembered at most, each of `_BLOB_LIMIT` characters at most: the memory stays bounded."""
_BLOB_LIMIT = 200


def _decoded_blob(blob: str, decode: Callable[[str], str | None]) -> str | None:
    """`decode(blob)`, remembered for short blobs (`decode` is `_base64` or `_hex`: a run of hex
    digits is matched as either, and decodes the same way whichever pattern found it)."""
    if len(blob) > _BLOB_LIMIT:
        return decode(blob)
    key = blob if decode is _base64 else ("#" if decode is _hex else "$") + blob  # (in no alphabet)
    if key in _BLOBS:
        return _BLOBS[key]
    found = decode(blob)
    if len(_BLOBS) >= _BLOB_MEMO:
        _BLOBS.clear()  # (one atomic call: threads may share the memo; a miss costs one decoding)
    _BLOBS[key] = found
    return found


def _hex(blob: str) -> str | None:
    return _utf8_prose(bytes.fromhex(blob))


_ROTATED_WORDS = frozenset(codecs.encode(word, "rot13") for word in _COMMON)
"""`_COMMON` rotated, as text: a word of a segment whose rotation is a common word is one of these
(rot13 maps a-z onto a-z and leaves the rest), so a segment's words are found once, not rotated."""


def _rotated_common_words(text: str, data: bytes) -> int:
    """How many of the words of `text.lower()` (runs of a-z, as `_WORD` finds them) are in
    `_ROTATED_COMMON`; `data`: `text` encoded to ASCII, which lowers with its translation (only
    other text must be lowered first: `lower()` turns some letters outside ASCII into ASCII ones)."""
    if text.isascii():
        words = data.translate(_LOWER_LETTERS_ONLY).split()
    else:
        words = text.lower().encode("ascii", "replace").translate(_LETTERS_ONLY).split()
    # (one C pass finds which of them occur, none in most text; only those are counted, each in C)
    return sum(map(words.count, _ROTATED_COMMON.intersection(words)))


def _rot13(text: str) -> Iterator[Variant]:
    """The rot13 of the text from the first sentence whose rotation reads as English (and which
    does not itself) to the end: a payload runs on across the dots of the paths it names. (Asked
    only of text with three words or more whose rotation is a common word: `_rotated_common_words`.)"""
    lowered = text.lower()
    for segment in _SEGMENT.finditer(lowered):
        words = _WORD.findall(segment.group())
        common = sum(map(_ROTATED_WORDS.__contains__, words))  # (the common words of its rotation)
        if common >= 3 and common > 2 * sum(map(_COMMON.__contains__, words)):
            rest = lowered[segment.start() :]
            yield Variant("rot13", codecs.encode(rest, "rot13"), text[segment.start() :])
            return


def _decoded(text: str) -> Iterator[Variant]:
    """Prose recovered from every encoding found in `text`.

    Each encoding is looked for only when `text` holds what it needs (a non-ASCII character, a run of
    its alphabet, a backslash, `&#`, `%`): most text holds none, and the scans add up.
    """
    if not text.isascii():
        tags = "".join(TAG_BLOCK.findall(FLAG_TAGS.sub("", text)))
        ascii_text = "".join(chr(ord(ch) - 0xE0000) for ch in tags if 0xE0020 <= ord(ch) <= 0xE007E)
        if ascii_text.strip():
            yield Variant("unicode-tags", ascii_text, tags)
    data = text.encode("ascii", "replace")  # (what is not ASCII is neither base64 nor rot13)
    # (a blob's first characters are a run: the scan starts at the first run, where the first
    # blob can; lookbehinds still see the character before it)
    if (run := data.translate(_RUN_MARKS).find(_RUN)) >= 0:
        for match in _BASE64.finditer(text, run):
            if (found := _decoded_blob(match.group(), _base64)) is not None:
                yield Variant("base64", found, match.group())
            elif match.group().isupper() and (found := _decoded_blob(match.group(), _base32)) is not None:
                yield Variant("base32", found, match.group())
        hex_run = data.translate(_HEX_MARKS).find(_HEX_RUN)
        for match in _HEX.finditer(text, hex_run) if hex_run >= 0 else ():
            if (found := _decoded_blob(match.group(), _hex)) is not None:
                yield Variant("hex", found, match.group())
    if "\\" in text:
        for match in _ESCAPES.finditer(text):
            try:
                found = codecs.decode(match.group(), "unicode_escape")
            except UnicodeDecodeError:
                continue
            if _prose(found):
                yield Variant("escapes", found, match.group())
    if "&#" in text:
        for match in _ENTITIES.finditer(text):
            if _prose(found := html.unescape(match.group())):
                yield Variant("entities", found, match.group())
    if "%" in text:
        for match in _PERCENT.finditer(text):
            if _prose(found := unquote(match.group())):
                yield Variant("percent", found, match.group())
    if _rotated_common_words(text, data) >= 3:  # (most text has none: no generator for it)
        yield from _rot13(text)


def decoded_variants(text: str) -> Iterator[Variant]:
    """Prose recovered from every encoding found in `text` (not the plain text itself); where the
    text names rot13, each decoding rotated too, and the text after the name."""
    if "13" not in text or (named := _NAMED_ROT13.search(text.lower())) is None:
        return _decoded(text)  # (most text: no generator wrapped around the other)
    return _rotated_too(text, named)


def _rotated_too(text: str, named: re.Match[str]) -> Iterator[Variant]:
    for variant in _decoded(text):
        yield variant
        if variant.how != "rot13":
            yield Variant("rot13", codecs.encode(variant.text, "rot13"), variant.source)
    rest = text[named.end() :]
    if _prose(rest):
        yield Variant("rot13", codecs.encode(rest, "rot13"), rest)
