"""Substring gates in front of the rules' large patterns.

Python's regex engine tries every alternative of a large pattern at every position of a text,
and most text an agent reads holds nothing any rule looks for. So each large pattern is `Gated`
by hints: substrings of which every match contains at least one. One Aho-Corasick pass over a text
(pyahocorasick) finds the hints of every gate at once, and the words of every `Substrings` test
too (one automaton of both: the rules ask both of the same folded string); a pattern then runs
only on text that holds one of its own. The detector tests check the hints on every text they run
(tests/conftest.py), so an alternative added without a hint fails them rather than silently never
matching.
"""

from __future__ import annotations

import heapq
import operator
import re
import re._constants as _sre  # type: ignore[import-not-found]  # (no stub: the parser of `re`)
import re._parser as _sre_parse  # type: ignore[import-not-found]
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import ClassVar, Protocol, TypeVar, cast

import ahocorasick

_T = TypeVar("_T")


ASCII_GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
"""German written without its umlauts (`aufführen` as `auffuehren`, `über` as `ueber`), as ASCII
keyboards, file names and many servers write it: each letter and its two-letter spelling."""
_SPELLED_IN_ASCII = str.maketrans(ASCII_GERMAN)


def with_ascii_german(words: tuple[str, ...]) -> tuple[str, ...]:
    """`words` and, for each one with a German umlaut or `ß`, its spelling without them (`über dem
    grenzwert` as `ueber dem grenzwert`, `schäden` as `schaeden`): German as ASCII keyboards write it,
    and as every `Caseless` pattern reads it."""
    spelled = (word.translate(_SPELLED_IN_ASCII) for word in words)
    return (*words, *dict.fromkeys(w for w in spelled if w not in words))


class Searcher(Protocol):
    """What a gate may stand in front of: a compiled pattern, or a `Caseless` one."""

    def search(self, text: str, /) -> re.Match[str] | None: ...


class Gated:
    """A compiled pattern that runs only on text holding one of its `hints`, and, when it names the
    `starts` every match of it starts with (each branch's first word), only where one of them stands."""

    _all: ClassVar[list[Gated]] = []

    def __init__(self, pattern: str, hints: tuple[str, ...], starts: tuple[str, ...] = ()) -> None:
        self.pattern = re.compile(pattern)
        self.hints = hints
        self.starts = starts
        self._starts_found: tuple[ahocorasick.Automaton, int] | None = None
        with _lock:
            self.index = len(Gated._all)
            Gated._all.append(self)
            _forget()

    def possible(self, text: str) -> bool:
        """Whether `text` holds a hint, so that the pattern could match it."""
        last = _last  # (gates_hinted's cache, read here too: the rules ask many times per text)
        return self.index in (last[1] if last[0] is text else gates_hinted(text))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if not self.possible(text):
            return None
        return (
            next(self._started(text, pos, endpos), None)
            if self.starts
            else self.pattern.search(text, pos, endpos)
        )

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        if not self.possible(text):
            return iter(())
        return self._started(text, pos, endpos) if self.starts else self.pattern.finditer(text, pos, endpos)

    def _started(self, text: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        """The matches `pattern.finditer` finds (leftmost, one after the other), tried only where one
        of `starts` stands: a pattern that opens with `\\b` or a lookahead is tried at every
        character. The places are found by one pass of an automaton of the words (`_places`), where
        a `str.find` per word scanned the text once per word (two hundred times for a gate of
        harms.py). Where the words stand closer than `_SPARSE` characters apart on average (`<<<<`),
        trying each from Python costs more than the full scan, which takes over from there."""
        first, tried = pos, 0
        for start in self._places(text, pos, min(endpos, len(text))):
            if start < pos:
                continue  # (inside the match just found)
            tried += 1
            if tried > _SPARSE and tried * _SPARSE > start - first:
                yield from self.pattern.finditer(text, pos, endpos)
                return
            if (match := self.pattern.match(text, start, endpos)) is None:
                pos = start + 1
            else:
                yield match
                pos = max(match.end(), start + 1)  # (a match holds its start word: never empty)

    def _places(self, text: str, pos: int, stop: int) -> Iterator[int]:
        """Where a word of `starts` stands whole in `text[pos:stop]`, in order, each place once, as
        `str.find` finds them. The automaton reports a word at its end: a place is given once the
        pass is a longest word beyond it, when no word starting there or before is still to come.
        Lazy, so that a search that stops at its first match reads the text only that far."""
        if pos >= stop:
            return  # (the automaton takes C ints: `stop` is at most the text's length)
        automaton, longest = self._starts_automaton()
        pending: list[int] = []
        given = -1
        for end, size in automaton.iter(text, pos, stop):
            heapq.heappush(pending, end + 1 - size)
            while pending and pending[0] + longest <= end:
                if (place := heapq.heappop(pending)) != given:
                    given = place
                    yield place
        while pending:
            if (place := heapq.heappop(pending)) != given:
                given = place
                yield place

    def _starts_automaton(self) -> tuple[ahocorasick.Automaton, int]:
        """An automaton of `starts` -> each one's length, and the longest (built when first asked for)."""
        built = self._starts_found
        if built is None:
            automaton = ahocorasick.Automaton()
            for word in self.starts:
                automaton.add_word(word, len(word))
            automaton.make_automaton()
            built = self._starts_found = (automaton, max(map(len, self.starts)))
        return built


class Beside(Gated):
    """A `Gated` pattern whose hints are words *beside* a match, not in it: a bank account number
    is read as a destination only in a text that speaks of an account (vocab.DESTINATIONS), so the
    gate's "no hint" means "not looked for here" rather than "cannot match". The detector tests'
    soundness check of hints (tests/conftest.py) skips these, and only these."""


class Substrings:
    """Whether a text holds one of many fixed substrings: one pass of an automaton of them, in C,
    where `any(word in text for word in words)` scans the text once per word from Python (a rule's
    cheap first test, asked of every string, costs a scan per word of a long list otherwise).

    Every gate's words are in the automaton of the `Gated` hints, as the key `-1 - index` (the hints'
    keys are their gates' indices, from 0), and its answers for the last texts asked about are kept
    (found by identity, else by value): withheld.py, favoured.py, falsified.py and orders._tries ask
    their gates of the same folded string (one object: `casefolded`), and the instruction rules the
    hints of its folded view, most often an equal string; one pass answers them all."""

    _all: ClassVar[list[Substrings]] = []

    def __init__(self, words: Iterable[str], guards: Iterable[Searcher] = ()) -> None:
        self.words = with_ascii_german(tuple(words))
        """The words, each with an umlaut also spelled without it (`bestätigung`, `bestaetigung`), as
        the `Caseless` patterns behind the gates read German."""
        self.opening = tuple(word[1:] for word in self.words if word.startswith(" ") and word.strip())
        """The words written after a blank (` acta`, ` board `, so that `data` or `keyboard` holds
        none), without it: each such word is held by a text that opens with it too."""
        self.guards = tuple(guards)
        """Patterns this gate stands in front of: each match of one, in the text the gate is asked
        of, holds one of `words` (tests/conftest.py proves it on every text the tests read)."""
        with _lock:
            self.index = len(Substrings._all)
            self.key = -1 - self.index
            Substrings._all.append(self)
            _forget()

    def any_in(self, text: str) -> bool:
        """Whether `text` holds one of the words (exactly `any(w in text for w in words)`), or opens
        with one written after a blank (`opening`)."""
        last = _last  # (one read: another thread may replace it meanwhile)
        hinted = last[1] if last[0] is text else gates_hinted(text)
        return self.key in hinted or text.startswith(self.opening)


def leading_literals(pattern: str) -> tuple[str, ...]:
    """The literal text each alternative of `pattern` starts with (after a `\\b`), as the regex
    parser reads it (`bank ?account` starts with `bank`): the hints of a long word list, read
    off the pattern rather than written a second time. A ValueError for an alternative that starts
    with no literal of two characters or more (a class, a group, a repeat): its hints are written by
    hand. (re._parser is the standard library's own parser, present since Python 3.11.)"""
    found: list[str] = []
    pending = [list(_sre_parse.parse(pattern))]
    while pending:
        items = pending.pop()
        if len(items) == 1 and items[0][0] is _sre.BRANCH:
            pending += [list(branch) for branch in items[0][1][1]]
            continue
        if len(items) == 1 and items[0][0] is _sre.SUBPATTERN:
            pending.append(list(items[0][1][3]))
            continue
        at = 0
        while at < len(items) and items[at][0] is _sre.AT:
            at += 1
        literal = ""
        while at < len(items) and items[at][0] is _sre.LITERAL:
            literal += chr(items[at][1])
            at += 1
        if len(literal) < 2:
            raise ValueError(f"an alternative of {pattern[:40]!r}… starts with no literal: hints by hand")
        found.append(literal)
    return tuple(sorted(set(found)))


_SPARSE = 32
"""Characters per place where a start word stands, on average, below which a gated pattern's full scan
is cheaper than trying it at each (Gated._started)."""


_lock = threading.Lock()
_automaton: ahocorasick.Automaton | None = None
"""The automaton of every `Gated` hint and every `Substrings` word -> the keys of the gates holding
each (None until built, and again whenever a gate is added)."""
_last: tuple[str, frozenset[int]] = ("", frozenset())
"""The last text asked about and its gates: the rules ask about the same text one after another."""
_recent: dict[str, frozenset[int]] = {}
"""The last few texts asked about and their gates, the least recently asked first: a string, its
folded view (often equal, another object) and its plain form are asked about in turn, and each
would evict the one before from `_last`. The override rule asks of each clause of a string (a new
slice each time, orders._ranks) and of the whole string again: the one asked again stays, where
emptying the cache when full made it scanned once more per clause."""
_RECENT = 16


def _forget() -> None:
    """A gate was added (under `_lock`): the automaton is built again, and no text's answer is kept."""
    global _automaton, _last
    _automaton = None
    _last = ("", frozenset())
    _recent.clear()


_GATES = operator.itemgetter(1)
"""The gates of an (end, gates) match of the automaton."""


_FREQUENT = " etsoarinlcduhpmfg.yb-,wv_`0/2:1'35748kj\"96x()*q${}z=[]+><#"
"""Characters of folded text, most frequent first (as counted over the benign servers' tools of the
development corpus)."""
_NEVER = "\uffff"
"""A noncharacter: a placeholder word is a frequent character and this, and its gates are none."""


def _rarity(hint: str) -> int:
    """Hints by how common their first character is: pyahocorasick looks for a character among a
    node's children one after another, in the order they were added, so common ones go first."""
    first = _FREQUENT.find(hint[0])
    return first if first >= 0 else len(_FREQUENT)


def _placeholders(hints: dict[str, set[int]]) -> dict[str, set[int]]:
    """A word for each frequent character that starts no hint, with no gates: it is found among the
    root's children where its frequency puts it, rather than after all of them (a `u`, a `,`)."""
    firsts = {hint[0] for hint in hints}
    return {char + _NEVER: set() for char in _FREQUENT if char not in firsts and char + _NEVER not in hints}


def _automaton_of(gates: Iterable[tuple[int, tuple[str, ...]]]) -> ahocorasick.Automaton:
    """An automaton of the words of (index, words) gates -> the indices of the gates holding each,
    common first characters first (a placeholder's gates are none: it changes no answer)."""
    gates_of: dict[str, set[int]] = {}
    for index, words in gates:
        for word in words:
            gates_of.setdefault(word, set()).add(index)
    gates_of |= _placeholders(gates_of)
    automaton = ahocorasick.Automaton()
    for word in sorted(gates_of, key=_rarity):
        automaton.add_word(word, frozenset(gates_of[word]))
    automaton.make_automaton()
    return automaton


def _hint_automaton() -> ahocorasick.Automaton:
    global _automaton
    built = _automaton
    if built is not None:
        return built
    with _lock:
        gates = [(gate.index, gate.hints) for gate in Gated._all]
        automaton = _automaton_of(gates + [(gate.key, gate.words) for gate in Substrings._all])
        _automaton = automaton
    return automaton


def keep_last(compute: Callable[[str], _T]) -> Callable[[str], _T]:
    """`compute`, with its answer for the last string kept and given again for the same object (by
    identity, compared in one step): the rules ask the same question of one string in turn (its
    folded form, its lower case, whether it warns), and asking again would scan it again each time.
    The pair is replaced whole, so another thread reads an old pair or a new one, never a mix."""
    last: tuple[str, _T] | None = None

    def remembered(text: str) -> _T:
        nonlocal last
        seen = last  # (one read: another thread may replace it meanwhile)
        if seen is not None and seen[0] is text:
            return seen[1]
        answer = compute(text)
        last = (text, answer)
        return answer

    return remembered


NAME_KEPT = 200
"""Characters of a tool's name up to which `per_name` remembers its answer (a name is an identifier;
an adversary's longer one is asked again, and holds no memory)."""
NAMES_KEPT = 1024
"""Names `per_name` remembers at most (emptied when full: a manifest chooses its names)."""


def per_name(compute: Callable[[str], _T]) -> Callable[[str], _T]:
    """`compute` of a tool's name, remembered by value: a rule asks the same question of the tool's
    name for every string of the tool (its name, description, each parameter's), and its answer
    depends on the name alone."""
    kept: dict[str, _T] = {}

    def remembered(name: str) -> _T:
        found = kept.get(name, _MISSING)
        if found is not _MISSING:
            return cast(_T, found)
        answer = compute(name)
        if len(name) <= NAME_KEPT:
            if len(kept) >= NAMES_KEPT:
                kept.clear()
            kept[name] = answer
        return answer

    return remembered


_MISSING = object()


casefolded = keep_last(str.casefold)
"""`text.casefold()`, the same object for the same text asked again: falsified.py, withheld.py,
favoured.py and orders._tries ask their `Substrings` of one string's folded form in turn, and a
gate's answer is kept for the object it was asked of (by identity first: a folded copy of its own
would be hashed and compared whole by each of them)."""


def gates_hinted(text: str) -> frozenset[int]:
    """The keys of the gates with a hint or a word in `text`: the index of each `Gated`, and the
    `key` (below 0) of each `Substrings`."""
    global _last
    last = _last  # one read: another thread may replace it meanwhile
    if last[0] is text:
        return last[1]
    found = _recent.pop(text, None)  # (put back last below: the least recently asked goes first)
    if found is None:
        found = frozenset().union(*map(_GATES, _hint_automaton().iter(text)))
        if len(_recent) >= _RECENT:
            _forget_oldest()
    _recent[text] = found
    _last = (text, found)
    return found


def _forget_oldest() -> None:
    """The least recently asked text dropped from `_recent`. (Threads may share the cache: one
    changing it meanwhile costs another a miss, never a wrong answer.)"""
    try:  # (not contextlib.suppress: an object made and entered per text the automaton reads)
        del _recent[next(iter(_recent))]
    except (KeyError, RuntimeError, StopIteration):
        return
