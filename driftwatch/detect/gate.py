"""Substring gates in front of the rules' large patterns.

Python's regex engine tries every alternative of a large pattern at every position of a text,
and most text an agent reads holds nothing any rule looks for. So each large pattern is `Gated`
by hints: substrings of which every match contains at least one. One Aho-Corasick pass over a text
(pyahocorasick) finds the hints of every gate at once; a pattern then runs only on text that holds
one of its own. The detector tests check the hints on every text they run (tests/conftest.py), so
an alternative added without a hint fails them rather than silently never matching.
"""

from __future__ import annotations

import operator
import re
import sys
import threading
from collections.abc import Iterator
from typing import ClassVar

import ahocorasick


class Gated:
    """A compiled pattern that runs only on text holding one of its `hints`."""

    _all: ClassVar[list[Gated]] = []

    def __init__(self, pattern: str, hints: tuple[str, ...]) -> None:
        self.pattern = re.compile(pattern)
        self.hints = hints
        with _lock:
            self.index = len(Gated._all)
            Gated._all.append(self)

    def possible(self, text: str) -> bool:
        """Whether `text` holds a hint, so that the pattern could match it."""
        last = _last  # (gates_hinted's cache, read here too: the rules ask many times per text)
        return self.index in (last[1] if last[0] is text else gates_hinted(text))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.search(text, pos, endpos) if self.possible(text) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text, pos, endpos) if self.possible(text) else iter(())


_lock = threading.Lock()
_automaton: tuple[int, ahocorasick.Automaton] | None = None
"""(number of gates it covers, automaton of all their hints -> the gates holding each hint)."""
_last: tuple[str, frozenset[int]] = ("", frozenset())
"""The last text asked about and its gates: the rules ask about the same text one after another."""
_recent: dict[str, frozenset[int]] = {}
"""The last few texts and their gates: a string, its folded view (often equal, another object) and
its plain form are asked about in turn, and each would evict the one before from `_last`."""
_RECENT = 8
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


def _hint_automaton() -> ahocorasick.Automaton:
    global _automaton
    built = _automaton
    if built is not None and built[0] == len(Gated._all):
        return built[1]
    with _lock:
        gates_of: dict[str, set[int]] = {}
        for gate in Gated._all:
            for hint in gate.hints:
                gates_of.setdefault(hint, set()).add(gate.index)
        gates_of |= _placeholders(gates_of)
        automaton = ahocorasick.Automaton()
        for hint in sorted(gates_of, key=_rarity):
            automaton.add_word(hint, frozenset(gates_of[hint]))
        automaton.make_automaton()
        _automaton = (len(Gated._all), automaton)
    return automaton


def gates_hinted(text: str) -> frozenset[int]:
    """The indices of the gates with a hint in `text`."""
    global _last
    last = _last  # one read: another thread may replace it meanwhile
    if last[0] is text:
        return last[1]
    found = _recent.get(text)
    if found is None:
        found = frozenset().union(*map(_GATES, _hint_automaton().iter(text)))
        if len(_recent) >= _RECENT:
            _recent.clear()  # (one atomic call: threads may share the cache; a miss costs one pass)
        _recent[text] = found
    _last = (text, found)
    return found
