"""Case-insensitive patterns searched, in ASCII text, as case-sensitive ones on its lower case.

Python's regex engine compares each character of a case-insensitive pattern through the Unicode case
tables, and a pattern that opens on `\\b` and an alternation of words (`\\b(?:fail|under|…)`) is tried
at every position of the text: the word lists of withheld.py, falsified.py and favoured.py cost three
to seven times, case-insensitive on the text, what the same pattern costs case-sensitive on the
text's lower case. On ASCII text both find the same matches at the same places, provided that the
pattern names no capital letter and no character whose case partner is ASCII (the Kelvin sign, the
long s, the dotless i): each character of the text is then compared in lower case either way, and
`\\w`, `\\d`, `\\s` and `\\b` do not depend on case. `Caseless` checks that when it is built (a
ValueError otherwise), searches the lower case of ASCII text (made once per text: the rules ask
several patterns of the same string in turn), and matches the pattern itself where its twin
matched, so that a caller gets the match on the text it passed, its groups in their own case.

Text beyond ASCII is searched the same way when none of its characters beyond ASCII has a case
(typographic quotes and dashes, arrows, CJK, emoji: most such text an agent reads), since lower-
casing then moves no character and changes none of them: such a character has no lower or upper
case of its own (str.lower and str.upper leave it), no other character lower-cases to it, and none
of the engine's extra equivalences names it (`ı`, `ſ`, `µ`: tests/detect/test_caseless.py checks it
of every code point), so the case-insensitive pattern and its twin compare it alike. Any other
text is searched as it always was.
"""

from __future__ import annotations

import re
import re._constants as _sre  # type: ignore[import-not-found]  # (no stub: the parser of `re`)
import re._parser as _sre_parse  # type: ignore[import-not-found]
import sys
from collections.abc import Iterator
from typing import Any

from driftwatch.detect.gate import keep_last


class Caseless:
    """A pattern compiled case-insensitive (`pattern`), searched in ASCII text through its
    case-sensitive twin on the text's lower case."""

    __slots__ = ("_twin", "pattern")

    def __init__(self, pattern: str) -> None:
        _check(pattern)
        pattern = transliterated(pattern)
        self.pattern = re.compile(pattern, re.IGNORECASE)
        self._twin = re.compile(pattern)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        lowered = _lower(text) if text.isascii() else _lower_caseless(text)
        if lowered is None:
            return self.pattern.search(text, pos, endpos)
        found = self._twin.search(lowered, pos, endpos)
        return None if found is None else self.pattern.match(text, found.start(), endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        lowered = _lower(text) if text.isascii() else _lower_caseless(text)
        if lowered is None:
            return self.pattern.finditer(text, pos, endpos)
        return self._matched(text, self._twin.finditer(lowered, pos, endpos), endpos)

    def _matched(self, text: str, found: Iterator[re.Match[str]], endpos: int) -> Iterator[re.Match[str]]:
        for twin in found:
            if (match := self.pattern.match(text, twin.start(), endpos)) is not None:  # (always: see above)
                yield match


ASCII_GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
"""German written without its umlauts (`aufführen` as `auffuehren`, `über` as `ueber`), as ASCII
keyboards, file names and many servers write it: each letter and its two-letter spelling."""
_TRANSLITERATION = {char: f"(?:{char}|{ascii})" for char, ascii in ASCII_GERMAN.items()}
"""`ASCII_GERMAN` as alternatives in a pattern."""


def transliterated(pattern: str) -> str:
    """`pattern` with each German umlaut (and `ß`) outside a character class matching its ASCII
    spelling too (`nicht aufführ` matches `nicht auffuehren`); a class (`[aä]`) is left as written.
    One pass over the pattern, when it is built."""
    if not any(char in pattern for char in _TRANSLITERATION):
        return pattern
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            char = _TRANSLITERATION.get(char, char)
        out.append(char)
    return "".join(out)


_lower = keep_last(str.lower)
"""The lower case of the last ASCII text asked about (the rules ask several patterns of one text)."""
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]+")


def _lower_if_caseless(text: str) -> str | None:
    """The lower case of `text` when none of its characters beyond ASCII has a case (the module
    docstring), else None: it is then searched case-insensitive."""
    beyond = "".join(_BEYOND_ASCII.findall(text))
    if beyond.lower() != beyond or beyond.upper() != beyond:
        return None
    return text.lower()


_lower_caseless = keep_last(_lower_if_caseless)
"""`_lower_if_caseless` of the last text beyond ASCII asked about."""


_RANGE_CHECKED = 4096
"""Characters of a class's range checked one by one at most (a longer range is refused)."""


def _check(pattern: str) -> None:
    """A ValueError unless every character `pattern` names is one that case-insensitive matching
    compares with ASCII exactly as the same pattern does with the lower case of ASCII text."""
    parsed = _sre_parse.parse(pattern)
    if parsed.state.flags & ~re.UNICODE.value:
        raise ValueError(f"an inline flag in {pattern[:40]!r}…")
    _walk(list(parsed), pattern)


def _walk(items: list[tuple[Any, Any]], pattern: str) -> None:
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            _check_char(av, pattern)
        elif op is _sre.IN:
            _check_class(av, pattern)
        elif op is _sre.BRANCH:
            for branch in av[1]:
                _walk(list(branch), pattern)
        elif op is _sre.SUBPATTERN:
            if av[1] or av[2]:
                raise ValueError(f"an inline flag in {pattern[:40]!r}…")
            _walk(list(av[3]), pattern)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            _walk(list(av[2]), pattern)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            _walk(list(av[1]), pattern)
        elif op is _sre.ATOMIC_GROUP:
            _walk(list(av), pattern)
        elif op is _sre.GROUPREF_EXISTS:
            _walk(list(av[1]), pattern)
            _walk(list(av[2] or ()), pattern)
        elif op not in (_sre.AT, _sre.ANY, _sre.GROUPREF):
            raise ValueError(f"{op} in {pattern[:40]!r}…: not checked")


def _check_class(items: list[tuple[Any, Any]], pattern: str) -> None:
    for kind, value in items:
        if kind in (_sre.LITERAL, _sre.NOT_LITERAL):
            _check_char(value, pattern)
        elif kind is _sre.RANGE:
            low, high = value
            if high - low > _RANGE_CHECKED:
                raise ValueError(f"a range too long to check in {pattern[:40]!r}…")
            for code in range(low, high + 1):
                _check_char(code, pattern)
        elif kind not in (_sre.CATEGORY, _sre.NEGATE):
            raise ValueError(f"{kind} in a class of {pattern[:40]!r}…: not checked")


def _check_char(code: int, pattern: str) -> None:
    """A capital letter, or a character whose lower or upper case is ASCII (`K`, the Kelvin sign, is
    `k` in lower case; `ſ`, the long s, is `S` in upper case; the engine maps one character to one,
    so that `ß` in upper case, `SS`, is no ASCII letter to it), matches differently."""
    char = chr(code)
    if char.isascii() and not char.isupper():
        return
    upper = char.upper()
    if char.isascii() or char.lower()[0].isascii() or (len(upper) == 1 and upper.isascii()):
        raise ValueError(f"{char!r} in {pattern[:40]!r}… matches ASCII in another case")
