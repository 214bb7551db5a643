"""Text no decoder reads, handed to the model to read anyway.

encoded.py, decoders.py and ciphers.py recover what a known encoding hides; a writer can always pick
one they do not know (a transposition, a historic alphabet, bases for bits, telegraph codes). What
such a block cannot change is its shape, and why it is there:

- an opaque block (letters of a historic or constructed alphabet, a run of bit groups, a long token
  of four letters or fewer) that the same text tells the model to decode and act on (analyze.py's
  reading: `the assistant decodes it and carries it out`), or to follow just before it (`… which we
  ask to be followed: 10110 00101 …`);
- or, told nothing, the skeleton of an address (`://`, `~/.`, `name@host.tld`) spelled in a
  historic alphabet: no address, path or mailbox is written in Ogham or Shavian, and a letter-for-
  letter substitution keeps the punctuation where it stood.

Nothing is decoded here. A cipher tool's own description names decoding without an order to act on
what comes out, a genome's example sequence or a bitmask comes with no order at all, and a runic
inscription holds no address: none of them is read as hidden text.
"""

from __future__ import annotations

import re

_HISTORIC = "\U00010000-\U00010cff\u1681-\u169f\u16a0-\u16ff\u2c00-\u2cff\u2d30-\u2d7f\u13a0-\u13ff"
"""Historic and constructed alphabets no language of these texts is written in: Linear B through Old
Hungarian (U+10000-U+10CFF: Gothic, Deseret, Shavian, Osmanya, Phoenician, Old Turkic …), Ogham,
Runic, Glagolitic, Coptic, Tifinagh, Cherokee."""
_HISTORIC_RUN = re.compile(f"[{_HISTORIC}][{_HISTORIC}\\s\u1680.,:;/~@_'-]*+")
_HISTORIC_LETTERS = 12
"""Letters of a historic alphabet that make a block (a word or two is a name, a glyph shown)."""
_SKELETON = re.compile(
    f"[{_HISTORIC}]://|~/\\.?[{_HISTORIC}]|[{_HISTORIC}]@[{_HISTORIC}][^\\s]*\\.[{_HISTORIC}]"
)
"""An address's punctuation between historic letters: a scheme, a home path, a mailbox."""
_BITS = re.compile(r"(?<![\w.])[01]{5,8}+(?:[ \t,;/|]++[01]{5,8}+(?![\w.])){11,}+")
"""Twelve groups of bits or more (five-bit telegraph codes, seven- or eight-bit characters)."""
_LONG_TOKEN = re.compile(r"[A-Za-z]{40,}+")
_LETTER_MARKS = bytes(ord("a") if code < 128 and chr(code).isalpha() else ord(" ") for code in range(256))
_LETTER_RUN = b"a" * 40
"""Forty ASCII letters in a row (as `_LETTER_MARKS` marks them): what a `_LONG_TOKEN` needs, found by a
translation and a substring search rather than a regex tried at every letter of every word."""
_FEW_LETTERS = 4
"""Letters a long token of bases (A, C, G, T) or two-symbol codes is written in."""


def addressed_in_historic_letters(text: str) -> str | None:
    """A run of a historic alphabet that spells an address's skeleton (`ᚆᚈᚈᚚᚄ://`, `~/.𐑔𐑺𐑪𐑣/`)."""
    if text.isascii():
        return None
    for run in _HISTORIC_RUN.finditer(text):
        block = run.group()
        if _letters(block) >= _HISTORIC_LETTERS and _SKELETON.search(block) is not None:
            return block.rstrip()
    return None


def opaque_block(text: str) -> tuple[int, str] | None:
    """The first block of `text` that no language reads, and where it starts: historic letters, bit
    groups, or a long token of few letters (each looked for only where its characters are)."""
    if not text.isascii():
        for run in _HISTORIC_RUN.finditer(text):
            if _letters(run.group()) >= _HISTORIC_LETTERS:
                return run.start(), run.group().rstrip()
    if "0" in text and "1" in text and (bits := _BITS.search(text)) is not None:
        return bits.start(), bits.group()
    if _LETTER_RUN not in text.encode("utf-8", "surrogatepass").translate(_LETTER_MARKS):
        return None
    for token in _LONG_TOKEN.finditer(text):
        if len(set(token.group().lower())) <= _FEW_LETTERS:
            return token.start(), token.group()
    return None


def _letters(block: str) -> int:
    return sum(char.isalpha() for char in block)
