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
of every code point), so the case-insensitive pattern and its twin compare it alike.

Accented Latin, Cyrillic, Greek (`Résumé`, `Straße`, `Отчёт`) is searched the same way when each of
its cased characters is `_alike`: the engine compares such a character `c` by its lower case `l`
(`_sre.unicode_tolower`), and `str.lower` writes that same one character in its place (not the
dotted `İ`, two characters; nor `Σ`, `ς` at a word's end); `l` is beyond ASCII, a letter as `c` is
(so `\\w`, `\\b`, `\\d`, `\\s` see them alike), is `c` itself or has a case to the engine (an uncased
literal of the pattern, compared as it stands, is then neither), is its own lower case, and is
named by none of the engine's extra equivalences or is the common letter of one (`σ` of `σ`/`ς`,
`в` of `в`/`ᲀ`: `_COMMON`). Every character the pattern names is its own lower case too, and no rare
letter of an equivalence (`_check` refuses any other, and a class range beyond the BMP, which the
engine would compare through upper case as well). So each comparison the case-insensitive pattern
makes of `c` (`l` against the lower case of a literal or of a class's members, with their extra
equivalents) is the one its twin makes of `l`, at the same place. Any other text is searched as it
always was.
"""

from __future__ import annotations

import _sre as _engine  # type: ignore[import-not-found]  # (no stub: the regex engine's case mapping)
import re
import re._casefix  # type: ignore[import-not-found]  # (no stub: the engine's extra equivalences)
import re._constants as _sre  # type: ignore[import-not-found]  # (no stub: the parser of `re`)
import re._parser as _sre_parse  # type: ignore[import-not-found]
import sys
from collections.abc import Iterator
from typing import Any

import ahocorasick

from driftwatch.detect.gate import ASCII_GERMAN, keep_last


class Caseless:
    """A pattern compiled case-insensitive (`pattern`), searched in ASCII text through its
    case-sensitive twin on the text's lower case. With `starts`, the twin is tried only where a
    branch's first word stands (`Starts`): for a long alternation of words, each opening on `\\b`,
    which the engine otherwise tries branch by branch at every character."""

    __slots__ = ("_starts", "_twin", "pattern")

    def __init__(self, pattern: str, *, starts: bool = False) -> None:
        _check(pattern)
        pattern = transliterated(pattern)
        self.pattern = re.compile(pattern, re.IGNORECASE)
        self._twin = re.compile(pattern)
        self._starts = Starts(pattern) if starts else None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        lowered = _lower(text) if text.isascii() else _lower_caseless(text)
        if lowered is None:
            return self.pattern.search(text, pos, endpos)
        if self._starts is not None:
            found = self._starts.first(self._twin, lowered, pos, endpos)
        else:
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
    """The lower case of `text` when each of its characters beyond ASCII has no case or is `_alike`
    (the module docstring), else None: it is then searched case-insensitive."""
    beyond = "".join(_BEYOND_ASCII.findall(text))
    if (beyond.lower() != beyond or beyond.upper() != beyond) and not all(map(_alike, set(beyond))):
        return None
    return text.lower()


_EXTRA = frozenset(re._casefix._EXTRA_CASES).union(*re._casefix._EXTRA_CASES.values())
"""The code points the engine's extra equivalences name (`s` and `ſ`, `σ` and `ς`, `в` and `ᲀ`)."""
_COMMON = frozenset(
    code for code in _EXTRA if len(upper := chr(code).upper()) == 1 and upper.lower() == chr(code)
)
"""Of `_EXTRA`, the letter each equivalence holds in common use, the lower case of its capital (`σ`,
`в`, `μ`, not `ς`, `ᲀ`, `µ`): a pattern names no other (`_check`), so that the engine takes no
letter of text for one of these but the letter itself."""


def _alike_uncached(char: str) -> bool:
    """Whether the engine compares `char`, case-insensitive, as its twin compares `char.lower()`
    (the module docstring): no case at all, or a letter the engine lowers as `str.lower` does."""
    if char.lower() == char and char.upper() == char:
        return True
    low = _engine.unicode_tolower(ord(char))
    lowered = chr(low)
    return (
        char != _CAPITAL_SIGMA
        and char.lower() == lowered
        and low > 0x7F
        and (low not in _EXTRA or low in _COMMON)
        and _engine.unicode_tolower(low) == low
        and (_engine.unicode_iscased(low) or lowered == char)
        and char.isalpha()
        and lowered.isalpha()
    )


_CAPITAL_SIGMA = "\u03a3"
"""`Σ`, which `str.lower` writes `ς` at a word's end and `σ` elsewhere, where the engine reads `σ`."""
_alike_of: dict[str, bool] = {}
"""`_alike_uncached` of each character asked about, up to `_ALIKE_KEPT` of them."""
_ALIKE_KEPT = 8192


def _alike(char: str) -> bool:
    found = _alike_of.get(char)
    if found is None:
        found = _alike_uncached(char)
        if len(_alike_of) < _ALIKE_KEPT:
            _alike_of[char] = found
    return found


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
            if high - low > _RANGE_CHECKED or high > 0xFFFF:
                raise ValueError(f"a range too long to check, or beyond the BMP, in {pattern[:40]!r}…")
            for code in range(low, high + 1):
                _check_char(code, pattern)
        elif kind not in (_sre.CATEGORY, _sre.NEGATE):
            raise ValueError(f"{kind} in a class of {pattern[:40]!r}…: not checked")


def _check_char(code: int, pattern: str) -> None:
    """A capital letter (`É` as well as `E`: the engine lowers it to another character), a rare form
    of a letter the engine's extra equivalences name (`ς`, `ᲀ`, `µ`), or a character whose lower or
    upper case is ASCII (`K`, the Kelvin sign, is `k` in lower case; `ſ`, the long s, is `S` in upper
    case; the engine maps one character to one, so that `ß` in upper case, `SS`, is no ASCII letter
    to it), matches differently."""
    char = chr(code)
    if char.isascii() and not char.isupper():
        return
    upper = char.upper()
    if char.isascii() or char.lower()[0].isascii() or (len(upper) == 1 and upper.isascii()):
        raise ValueError(f"{char!r} in {pattern[:40]!r}… matches ASCII in another case")
    if _engine.unicode_tolower(code) != code:
        raise ValueError(f"{char!r} in {pattern[:40]!r}… is a capital: write it in lower case")
    if code in _EXTRA and code not in _COMMON:
        raise ValueError(f"{char!r} in {pattern[:40]!r}… is a rare form of a letter: write the letter")


class Starts:
    """The first words of a pattern's branches, read off the pattern (`first_words`), and the first
    match of it found by trying it only where one stands: one pass of an automaton of the words
    finds the places, where the engine tries every branch at every character of the text. Each
    branch opening on `\\b` is tried only where its word starts a word (the character before it,
    if any, is no word character: what `\\b` before a word character asks)."""

    __slots__ = ("_automaton",)

    def __init__(self, pattern: str) -> None:
        automaton = ahocorasick.Automaton()
        for word, bounded in first_words(pattern).items():
            automaton.add_word(word, (len(word), bounded))
        automaton.make_automaton()
        self._automaton = automaton

    def first(self, pattern: re.Pattern[str], text: str, pos: int, endpos: int) -> re.Match[str] | None:
        """`pattern.search(text, pos, endpos)`, whose every match starts with one of the words: the
        places are tried in order, and the first that matches is where the search would stop."""
        stop = min(endpos, len(text))
        if pos >= stop:
            return pattern.search(text, pos, endpos)  # (an empty span: as the engine answers it)
        places: dict[int, bool] = {}
        for end, (size, bounded) in self._automaton.iter(text, pos, stop):
            place = end + 1 - size
            places[place] = places.get(place, True) and bounded
        for place in sorted(places):
            if places[place] and place > 0 and ((before := text[place - 1]).isalnum() or before == "_"):
                continue  # (only branches opening on `\\b` start here, and it is inside a word)
            if (found := pattern.match(text, place, endpos)) is not None:
                return found
        return None


def first_words(pattern: str) -> dict[str, bool]:
    """The literal text each branch of `pattern` starts with, read through groups and alternations
    to the first thing that is not literal (`\\b(?:by|from)\\s+` starts with `by` or `from`), each
    with whether every branch starting with it opens on `\\b` before it. A ValueError for a branch
    that starts with anything but literal text (a class, a repeat, a lookaround, an optional group):
    its matches could start anywhere."""
    found: dict[str, bool] = {}
    op: Any
    av: Any
    pending: list[tuple[list[tuple[Any, Any]], bool, str]] = [(list(_sre_parse.parse(pattern)), False, "")]
    while pending:
        items, bounded, literal = pending.pop()
        at = 0
        while not literal and at < len(items) and items[at][0] is _sre.AT:
            bounded = bounded or items[at][1] is _sre.AT_BOUNDARY
            at += 1
        while at < len(items) and items[at][0] is _sre.LITERAL:
            literal += chr(items[at][1])
            at += 1
        op, av = items[at] if at < len(items) else (None, None)
        if op is _sre.BRANCH:
            pending += [([*branch, *items[at + 1 :]], bounded, literal) for branch in av[1]]
        elif op is _sre.SUBPATTERN and not (av[1] or av[2]):
            pending.append(([*av[3], *items[at + 1 :]], bounded, literal))
        elif literal:
            bounded = bounded and literal[0].isalnum()  # (`\\b` before a word character: none before it)
            found[literal] = found.get(literal, True) and bounded
        else:
            raise ValueError(f"a branch of {pattern[:40]!r}… starts with no literal text")
    return found
