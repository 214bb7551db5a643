"""The words of names and of the text that could name them: which tools a manifest could name.

A server is judged against the other servers' tools its manifest could name (drift.ToolIndex);
a text names a tool when it holds every word of the tool's name (`send_email` in "send an
email"). Here: the strings of a JSON value as the detectors and the cues read them (`joined`),
the words of a name or of a whole manifest, and names filed by their rarest word (`NameIndex`).

Kept apart from the diff (diff/cues.py) and the detectors: a scan whose manifests are all
unchanged needs only this, and loads neither (the detectors' text folding is loaded for a
manifest holding text that is not plain printable ASCII only).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from itertools import chain
from typing import Any

from driftwatch import normalize
from driftwatch.budgets import STRING_BUDGET
from driftwatch.manifest import Manifest

_NAMED = ("properties", "$defs", "definitions", "patternProperties")
MAX_DEPTH = 64


def joined(value: Any) -> str:
    """Every string in a JSON value (property names included), one per line: the text a leaf shows."""
    return "\n".join(_strings(value, "", 0))


def _strings(value: Any, parent: str, depth: int) -> list[str]:
    """The strings of `value` in document order (property names under `_NAMED` keys included),
    no deeper than MAX_DEPTH: gathered into one list (a generator per level cost a resumption per
    string per level, the most of `manifest_words`' time)."""
    found: list[str] = []
    _gather(value, parent, depth, found)
    return found


def _gather(value: Any, parent: str, depth: int, found: list[str]) -> None:
    if depth > MAX_DEPTH:
        return
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, dict):
        named = parent in _NAMED
        for key, inner in value.items():
            if named:
                found.append(str(key))
            if isinstance(inner, str) and depth < MAX_DEPTH:
                found.append(inner)  # (a leaf string: no call for it)
            else:
                _gather(inner, str(key), depth + 1, found)
    elif isinstance(value, list):
        for inner in value:
            _gather(inner, parent, depth + 1, found)


class NameIndex:
    """Names filed under their rarest word, to find the names whose every word a text holds in one
    pass over the text's words (`tool_1` … `tool_9999` are not all filed under `tool`)."""

    def __init__(self, names: Iterable[str]) -> None:
        # Words as tuples of interned strings: a registry's 20,000 tool names share few words.
        named = [(name, tuple(sorted(map(sys.intern, words(name))))) for name in names]
        counts = Counter(chain.from_iterable(parts for _, parts in named))
        # Each distinct word ranked once (rarest, then longest, then first in order), not once per
        # name that holds it: a fleet's 20,000 names hold a few thousand distinct words.
        rank = {word: (count, -len(word), word) for word, count in counts.items()}.__getitem__
        self._by_word: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self.wordless = [name for name, parts in named if not parts]
        """Names without a word (`__`, `-`): no text can be said to hold them, so every one may."""
        for entry in named:
            if parts := entry[1]:
                rarest = parts[0] if len(parts) == 1 else min(parts, key=rank)
                self._by_word.setdefault(rarest, []).append(entry)

    def held_by(self, held: frozenset[str]) -> list[str]:
        """The names whose every word is in `held` (a text's words), wordless names left out."""
        return [
            name
            for word in held
            for name, parts in self._by_word.get(word, ())
            if all(part in held for part in parts)
        ]


_WORDS = re.compile(r"[^\W_]+")
_ASCII_WORDS = re.compile(r"[a-z0-9]+")
"""_WORDS in lowercased ASCII text (there a word character is a letter, a digit or `_`): a class
of ranges instead of a negated category, read a third faster."""


def words(text: str) -> frozenset[str]:
    """The casefolded words of `text` (`send_email` holds `send` and `email`)."""
    return frozenset(_WORDS.findall(text.casefold()))


_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
"""Where a camelCase name turns to its next word (`readFile`, `getHTTPResponse`)."""


def name_words(name: str) -> list[str]:
    """The casefolded words of a name in their order, split as `words` splits a text and at each
    camelCase hump too (`readFile` -> read, file; `getHTTPResponse` -> get, http, response): how
    near two tools' names are (orders._kin). `words` does not split humps: a text that names
    `sendEmail` holds it as one word, as manifest_words reads it, and NameIndex files it so."""
    return _WORDS.findall(_HUMP.sub(" ", name).casefold())


def manifest_words(manifest: Manifest) -> frozenset[str]:
    """Every word of the text of `manifest` (its header and each item, read as `joined` reads a
    value: the strings a detector or a cue reads, property names included), as written and as the
    detectors fold it (normalize.fold: NFKC, hidden characters gone, look-alikes folded),
    within what the detectors read of a string: the words any name it holds is made of."""
    parts = [manifest.header(), *(item.body for item in manifest.items())]
    # Each distinct string once: schemas repeat their property names and types from tool to tool.
    texts = {text: None for part in parts for text in _strings(part, "", 0)}
    plain = [text for text in texts if text.isascii() and text.isprintable()]
    # The plain strings (nearly all of them) in one pass: joined by a line break, which no word
    # holds and none of them does, and lowercased whole (on ASCII, casefolding is lowercasing,
    # letter by letter), each cut to what the detectors read of it.
    joined = "\n".join(text if len(text) <= STRING_BUDGET else text[:STRING_BUDGET] for text in plain)
    held = set(_ASCII_WORDS.findall(joined.lower()))
    for text in texts.keys() - plain:
        # Words casefolded one by one: no copy of a hostile 15 MB string is made to fold it whole.
        held.update(map(str.casefold, _WORDS.findall(text, 0, STRING_BUDGET)))
        held.update(_WORDS.findall(normalize.fold(text[:STRING_BUDGET])))
    return frozenset(held)
