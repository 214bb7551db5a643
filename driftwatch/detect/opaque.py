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

Two shapes carry no alphabet of their own and are read by what no language does (issue 14: the
twenty-second set's ciphers were none of the twenty-first's):

- letter soup: six Latin words in a row whose letter sequences every language of letters_model.txt
  finds unlikely (a Vigenère, Beaufort, autokey or substitution cipher, a transposition, Roman
  numerals), scored by letter trigrams, not by a word list, so a language nobody listed still reads
  as a language if its letters follow each other as they do in prose. Technical English (`ssh`,
  `jql`, `xoxb`) stays above the bar: the profiles come from software message catalogues. It is a
  block on its own when far below every language (`_SOUP`), and beside a cipher, a key or an
  order to decode in the same text when less far (`_SOUP_NAMED`);
- a long run over a tiny alphabet: digit groups in six digits or fewer (bits, base 3, base 6, Gray
  code) or a run of `+-<>[].,` (a Brainfuck program): no number, date or version list is written
  in so few digits for so long.

Nothing is decoded here. A cipher tool's own description names decoding without an order to act on
what comes out, a genome's example sequence or a bitmask comes with no order at all, and a runic
inscription holds no address: none of them is read as hidden text.
"""

from __future__ import annotations

import re
from itertools import islice
from operator import itemgetter
from pathlib import Path

from driftwatch.detect.caseless import Caseless

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
_BITS = re.compile(r"[01](?<![\w.].)[01]{4,7}+(?:[ \t,;/|]++[01]{5,8}+(?![\w.])){11,}+")
"""Twelve groups of bits or more (five-bit telegraph codes, seven- or eight-bit characters), opening
on the first bit (the lookbehind after it: the regex engine skips in C to the next 0 or 1)."""
_LONG_TOKEN = re.compile(r"[A-Za-z]{40,}+")
_LETTER_MARKS = bytes(ord("a") if code < 128 and chr(code).isalpha() else ord(" ") for code in range(256))
_LETTER_RUN = b"a" * 40
"""Forty ASCII letters in a row (as `_LETTER_MARKS` marks them): what a `_LONG_TOKEN` needs, found by a
translation and a substring search rather than a regex tried at every letter of every word."""
_FEW_LETTERS = 4
"""Letters a long token of bases (A, C, G, T) or two-symbol codes is written in."""


_TRIGRAMS = Path(__file__).with_name("letters_model.txt").read_text(encoding="ascii").strip()
"""letters_model.txt (bench/letter_profiles.py): per letter trigram, the best log-probability of seven
languages' profiles, times -4, as chr(48 + level)."""
_INDEX = {char: i for i, char in enumerate("^abcdefghijklmnopqrstuvwxyz$")}
_SOUP_WORD = re.compile(
    r"[A-Za-z](?<![A-Za-z0-9].)(?:(?<!\..)[a-z]{2,}+|(?<=[A-Z])[A-Z]{2,}+)(?![A-Za-z0-9])"
)
"""A word for the soup: three letters or more, cased as prose is (not camelCase, not base64), and in
lower case not after a dot (`.npmrc`, `odbc.ini`: a file's name or extension is no prose to read).
Written to open on its first letter (the lookbehinds after it: nothing alphanumeric before it, no
dot before a word in lower case), so that the regex engine skips in C to the next letter rather
than trying every character; a capital then takes lower case letters after it, or capitals only."""
_SOUP_WINDOW = 6
"""Words a block of letter soup is read over."""
_SOUP = -3.3
"""Mean trigram log-probability (best language) below which six words are no language: the ciphers of
the measured sets score -3.4 to -4.0, the lowest window in any benign string of every set, the
development split and `scary` -3.04 (`xoxb xoxp ghp akia are masked`), prose -1 to -2.6."""
_SOUP_NAMED = -3.15
"""The bar when the same text names a cipher, a key or an encoding (`Schlüssel`, `clave`, `cipher`),
or when the six words are written in six letters or fewer (a Polybius square's coordinates)."""
_DIGIT_RUN = re.compile(r"[0-9][0-9 \t\n.,;:|/_-]{62,}+")
_DIGIT_GROUP = re.compile(r"[0-9]+")
_SMALL_DIGITS = 6
"""Distinct digits at most in a run of digit groups read as a code (base 6 and below)."""
_SMALL_GROUPS = 24
"""Groups a run of digits needs: two dozen characters of hidden text at least (a register's bit fields
or a bitmask shown in a datasheet's order has a dozen or so groups)."""
_SYMBOL_RUN = re.compile(r"[-+<>\[\].,]{3}[-+<>\[\].,\s]{61,}+")
_SYMBOL_KINDS = 4
"""Distinct symbols a run of `+-<>[].,` needs (a rule `-----` or `.....` has one or two)."""


CIPHER_NAMED = Caseless(
    r"cipher|chiffr|cifr|ciphr|schlüssel|\bkey\b|\bclave\b|\bchiave\b|\bcl(?:é|e|ef)\b|\bchave\b|ключ|шифр"
    r"|密钥|密码|暗号|鍵|암호|\bprimer\b|\bencoded\b|kodiert|codifica|codé|\bcoded\b",
)
"""A cipher, a key or an encoding named (`cifrado Gronsfeld, clave 2718`, `autokey cipher, primer
TRACE`, `Schlüssel`): the text says its block is to be read with one."""


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


def small_alphabet_run(text: str) -> str | None:
    """A run of 64 characters or more written in a tiny alphabet: digit groups in six digits or
    fewer (`0150 0245 …`, `01111011 …`, `002111 011010 …`) or a Brainfuck-like program."""
    if "0" in text or "1" in text:
        for run in _DIGIT_RUN.finditer(text):
            block = run.group()
            digits = {char for char in block if char.isdigit()}
            if len(digits) <= _SMALL_DIGITS and len(_DIGIT_GROUP.findall(block)) >= _SMALL_GROUPS:
                return block.rstrip(" \t\n.,;:|/_-")
    if "+" in text or "<" in text or ">" in text:
        for run in _SYMBOL_RUN.finditer(text):
            if len(set(run.group()) - set(" \t\n")) >= _SYMBOL_KINDS:
                return run.group().strip()
    return None


def letter_soup(text: str) -> str | None:
    """Six Latin words in a row that no language of letters_model.txt writes (their mean trigram
    log-probability below `_SOUP`, or below `_SOUP_NAMED` when the text names a cipher or a key)."""
    words = _SOUP_WORD.findall(text)
    if len(words) < _SOUP_WINDOW:
        return None
    # A window's mean is a weighted mean of its words': none under the looser bar, no window under
    # it either. Prose has a word under it now and then, letter soup in every window: the gate, in C,
    # spares the window walk for almost every string. (Each distinct word is scored once for it:
    # prose repeats its words, `the`, `to`, `of`.)
    if min(map(_MEAN, map(_SCORES.__getitem__, set(words)))) >= _SOUP_NAMED:
        return None
    return _soup_window(text, words, list(map(_SCORES.__getitem__, words)))


def _soup_window(text: str, words: list[str], scores: list[tuple[float, int, float]]) -> str | None:
    """The first six words in a row whose mean is under `_SOUP`, or under `_SOUP_NAMED` when the text
    names a cipher or a key or the six are written in six letters or fewer, as the text has them.
    CIPHER_NAMED costs a scan of the text (a tenth of the long strings of prose come this far), so it
    is searched only for a window whose mean lies between the two bars, the one case its answer
    decides (`_SOUP` < `_SOUP_NAMED`: under `_SOUP` a window is soup either way, at `_SOUP_NAMED` or
    above it is not, named or not)."""
    total = sum(s for s, _, _ in scores[:_SOUP_WINDOW])
    count = sum(n for _, n, _ in scores[:_SOUP_WINDOW])
    named: bool | None = None
    for first in range(len(words) - _SOUP_WINDOW + 1):
        if first:
            total += scores[first + _SOUP_WINDOW - 1][0] - scores[first - 1][0]
            count += scores[first + _SOUP_WINDOW - 1][1] - scores[first - 1][1]
        mean = total / count
        if mean >= _SOUP_NAMED:
            continue
        if mean >= _SOUP and named is None:
            named = CIPHER_NAMED.search(text) is not None
        if mean < _SOUP or named or _few_letters([w.lower() for w in words[first : first + _SOUP_WINDOW]]):
            spans = [m.span() for m in islice(_SOUP_WORD.finditer(text), first + _SOUP_WINDOW)]
            return text[spans[first][0] : spans[-1][1]]  # (where the words are: asked of the block found)
    return None


def _few_letters(words: list[str]) -> bool:
    """Whether `words` are written in six letters or fewer (`FGFAAFAG DDAVFXFD …`: a Polybius square's
    coordinates), as no language's words are."""
    return len(set().union(*words)) <= _SMALL_DIGITS


def _word_score(word: str) -> tuple[float, int, float]:
    """The sum of `word`'s trigram log-probabilities (bounded `^^word$`), how many there are, and
    their mean."""
    bounded = "^^" + word + "$"
    codes = [_INDEX[char] for char in bounded]
    levels = sum(
        ord(_TRIGRAMS[(a * 28 + b) * 28 + c]) - 48
        for a, b, c in zip(codes, codes[1:], codes[2:], strict=False)
    )
    return -levels / 4, len(bounded) - 2, -levels / 4 / (len(bounded) - 2)


class _Scores(dict[str, tuple[float, int, float]]):
    """Each word's `_word_score` (of the word in lower case), computed the first time it is seen as
    written: a dict's lookup runs in C with no call, where a cached function pays a call, its key
    and its order for every word of every text, and the word need not be lowered first. Bounded:
    emptied once it holds `_SCORED` words (a text chooses its words)."""

    def __missing__(self, word: str) -> tuple[float, int, float]:
        if len(self) >= _SCORED:
            self.clear()
        score = self[word] = _word_score(word.lower())
        return score


_SCORED = 65536
_SCORES = _Scores()
_MEAN = itemgetter(2)


def _letters(block: str) -> int:
    return sum(char.isalpha() for char in block)


def letters_mean(words: list[str]) -> float:
    """The mean trigram log-probability of `words` (a-z, in lower case) under the best language of
    letters_model.txt, over all their trigrams: prose scores -1 to -2.6, letter soup under -3.3."""
    scores = [_SCORES[word] for word in words]
    count = sum(n for _, n, _ in scores)
    return sum(s for s, _, _ in scores) / count if count else _SOUP


def word_mean(word: str) -> float:
    """The mean trigram log-probability of one word (a-z, in lower case), as `letters_mean` reads it."""
    return _SCORES[word][2]
