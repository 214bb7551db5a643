"""Text hidden in a cipher or a spelling: letters written as other letters, digits or words.

decoders.py reads bytes written as text (binary-to-text schemes); this module reads the other half
of the class, letters standing for letters: two-symbol groups (Bacon's `aabab`), grid coordinates
(the Polybius square's `35 34`), a spelling alphabet's words (`Alfa Delta Delta`), digits for the
letters they look like (leetspeak, `m4nd4`), and a keyed cipher whose key the same text gives
(`Vigenère key 'praline': …`: a key beside its ciphertext is a legend for the model). Each yields
candidates (how, text, source) that encoded.py keeps when they read as prose and the rules read
like any other decoding.

Each is looked for only where the text holds its sign (a run of its symbols, found by one
translation and a substring search, or a named key), each scan is one regex pass with possessive
repeats, and each decoding is bounded (`_TOKEN_LIMIT` characters), so the whole stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Candidate = tuple[str, str, str]
"""(how, decoded text, encoded source), as decoders.py's."""

FIXED = frozenset(
    {"bacon", "polybius", "spelling-alphabet", "small-capitals", "boxed-letters", "upside-down"}
)
"""Ciphers and spellings with one fixed alphabet, each run of which has a shape prose never has."""
GUESSED = frozenset({"vigenere", "beaufort", "leetspeak"})
"""Readings that could make letters of any text (a key's, look-alike digits'): kept only where they
make language of it (encoded.py)."""
CIPHERS = FIXED | GUESSED
"""Every way this module (and decoders.py's small capitals) writes letters as other letters."""

_TOKEN_LIMIT = 4096
"""Characters of one run decoded at most."""
_RUNS = 4
"""Runs of one cipher decoded per text at most."""
_LETTERS = 12
"""Letters a run must spell at least: shorter ones are a code, a grade, a call sign."""
_WORD_BREAK = re.compile(r"[ \t]*[/|][ \t]*|[ \t]{2,}")
"""Between two words of a spelled text: a slash or a bar, or two blanks (between letters: one)."""

_BACON_MARKS = bytes(
    ord("x") if chr(code) in "abAB" else ord(" ") if chr(code) in " \t/|" else ord(".") for code in range(256)
)
_BACON_HINT = b"xxxxx xxxxx xxxxx"
_BACON = re.compile(r"(?<![A-Za-z])[abAB]{5}(?:[ \t/|]++[abAB]{5}(?![A-Za-z]))++")


def bacon(text: str, data: bytes) -> Iterator[Candidate]:
    """Bacon's cipher: each letter five symbols of two (`a`/`b`), letters apart by a blank, words by
    a slash, a bar or two blanks; read in the 26-letter alphabet and in the classic 24 (I=J, U=V)."""
    for count, match in enumerate(_BACON.finditer(text)):
        if count >= _RUNS:
            return
        run = match.group()[:_TOKEN_LIMIT]
        words = [word.split() for word in _WORD_BREAK.split(run.lower())]
        if sum(map(len, words)) < _LETTERS:
            continue
        for full in (True, False):
            yield (
                "bacon",
                " ".join("".join(_bacon_letter(group, full) for group in word) for word in words),
                run,
            )


def _bacon_letter(group: str, full: bool) -> str:
    value = int(group.replace("a", "0").replace("b", "1"), 2)
    if full:
        return chr(97 + value) if value < 26 else "?"
    classic = "abcdefghiklmnopqrstuwxyz"
    return classic[value] if value < len(classic) else "?"


_GRID_MARKS = bytes(
    ord("d") if chr(code) in "12345" else ord(" ") if chr(code) in " \t/|" else ord(".")
    for code in range(256)
)
_GRID_HINT = b"dddd dd"
_POLYBIUS = re.compile(r"(?<![\d.,])(?:[1-5]{2})++(?:[ \t/|]++(?:[1-5]{2})++(?![\d.,]))++")
_SQUARE = "abcdefghiklmnopqrstuvwxyz"
"""The Polybius square's 25 letters (I and J share a cell), row by row."""


def polybius(text: str, data: bytes) -> Iterator[Candidate]:
    """The Polybius square: each letter its row and column (1-5), the digits of a word run together,
    words apart by blanks; at least `_LETTERS` letters in three words or more."""
    for count, match in enumerate(_POLYBIUS.finditer(text)):
        if count >= _RUNS:
            return
        run = match.group()[:_TOKEN_LIMIT]
        words = re.split(r"[ \t/|]+", run)
        if len(words) < 3 or sum(len(word) // 2 for word in words) < _LETTERS:
            continue
        spelled = ["".join(_cell(word[at : at + 2]) for at in range(0, len(word) - 1, 2)) for word in words]
        yield "polybius", " ".join(spelled), run


def _cell(pair: str) -> str:
    """The letter in a row and column of the square (`35` is `p`)."""
    return _SQUARE[(int(pair[0]) - 1) * 5 + int(pair[1]) - 1]


_SPELLING = {
    **dict.fromkeys(("alfa", "alpha"), "a"), "bravo": "b", "charlie": "c", "delta": "d", "echo": "e",
    "foxtrot": "f", "golf": "g", "hotel": "h", "india": "i", **dict.fromkeys(("juliett", "juliet"), "j"),
    "kilo": "k", "lima": "l", "mike": "m", "november": "n", "oscar": "o", "papa": "p", "quebec": "q",
    "romeo": "r", "sierra": "s", "tango": "t", "uniform": "u", "victor": "v",
    **dict.fromkeys(("whiskey", "whisky"), "w"), **dict.fromkeys(("x-ray", "xray"), "x"), "yankee": "y",
    "zulu": "z", "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", **dict.fromkeys(("nine", "niner"), "9"), "dash": "-", "dot": ".",
    "period": ".", "at": "@", "slash": "/", "colon": ":", "underscore": "_", "space": " ",
}  # fmt: skip
"""The ICAO/NATO spelling alphabet (both spellings of its few variants), its digits and marks."""
_SPELLING_HINTS = ("echo", "alfa", "alpha", "oscar", "tango", "india", "november", "sierra", "romeo", "delta")
"""The words of its most frequent letters (e, a, o, t, i, n, s, r, d): a spelled sentence holds three."""
_SPELLED_WORD = "(?:" + "|".join(sorted(map(re.escape, _SPELLING), key=len, reverse=True)) + ")"
_SPELLED = re.compile(
    rf"(?<![\w-]){_SPELLED_WORD}(?![\w-])(?:[ \t,/|-]++{_SPELLED_WORD}(?![\w-]))++", re.IGNORECASE
)


def spelling_alphabet(text: str) -> Iterator[Candidate]:
    """Letters spelled in the radio alphabet (`Alfa Delta Delta | Foxtrot India Victor Echo`): a
    word a letter, letters apart by blanks, words by a slash, a bar or two blanks."""
    if sum(map(text.casefold().__contains__, _SPELLING_HINTS)) < 3:
        return  # (three of its frequent words at least: `echo` alone is a shell's, `India` a country)
    for count, match in enumerate(_SPELLED.finditer(text)):
        if count >= _RUNS:
            return
        run = match.group()[:_TOKEN_LIMIT]
        words = [re.split(r"[ \t,]+", word.strip()) for word in _WORD_BREAK.split(run)]
        if sum(map(len, words)) < _LETTERS:
            continue
        spelled = ["".join(_SPELLING.get(name.lower(), "") for name in word) for word in words]
        yield "spelling-alphabet", " ".join(spelled), run


_LEET = str.maketrans("4310572$", "aeiostzs")
_LEET_L = str.maketrans("4310572$", "aelostzs")
_LEET_WORD = re.compile(r"(?<![\w.])(?=[a-z]*+[0-9$])(?=[0-9$]*+[a-z])[a-z0-9$]{2,}+(?![\w])")
_LEET_WORDS = 3
_HEX = frozenset("0123456789abcdef")
_NOT_LEET_DIGITS = frozenset("2689")
"""A word of hex digits (`a1`, `4d5e`, `0a3a`) is a byte's or a hash's, not a word spelled with digits."""
"""Words mixing letters and look-alike digits a text needs before it is read as leetspeak."""


def leetspeak(text: str) -> Iterator[Candidate]:
    """Digits for the letters they look like (`m4nd4 31 f1ch3r0`): where three words or more mix
    lower case letters with the digits 0, 1, 3, 4, 5 and 7 (and a third of its words do), the text with
    the digits read as letters; a `1` as an `i` and, in a second reading, as an `l`. Words of three
    characters or more, not all hex digits (a MAC address, a fingerprint)."""
    mixed = _LEET_WORD.findall(text, 0, _TOKEN_LIMIT)
    leet = [w for w in mixed if len(w) >= 3 and not set(w) <= _HEX and not set(w) & _NOT_LEET_DIGITS]
    if len(leet) < _LEET_WORDS or 3 * len(leet) < len(text[:_TOKEN_LIMIT].split()):
        return
    piece = text[:_TOKEN_LIMIT]
    yield "leetspeak", piece.translate(_LEET), piece
    if "1" in piece:
        yield "leetspeak", piece.translate(_LEET_L), piece


_QUOTED_WORD = re.compile("['\"‘“«] ?([A-Za-z]{3,24}) ?['\"’”»]")
"""A word of 3 to 24 letters in quotes: what a key is given as (the search skips in C from quote to
quote)."""
_KEY_NAME = re.compile(
    r"(?:vigen[eè]re|beaufort|\bkey|schl(?:ü|ue)ssel|\bclave|\bcl[eé]\b|chiave|\bchave|ключ)[^'\"‘’“”«»\n]*\Z"
)
"""A word that names a key, in the stretch (casefolded) before a quoted word, no quote or line between."""
_KEY_REACH = 40
"""Characters before a quoted word read for the name of a key."""


def keyed(text: str) -> Iterator[Candidate]:
    """A Vigenère (or Beaufort) ciphertext with its key in the same text (`Vigenère key 'praline':
    …`): the text after the key, deciphered with it (letters only; the key moves on each letter).
    A key given beside a ciphertext is a legend the model can use; a reader can use it too."""
    named = 0
    for count, match in enumerate(_QUOTED_WORD.finditer(text)):
        if count >= 4 * _RUNS or named >= _RUNS:
            return
        before = text[max(0, match.start() - _KEY_REACH) : match.start()].casefold()
        if _KEY_NAME.search(before) is None:
            continue
        named += 1
        key = [ord(char) - 97 for char in match.group(1).lower()]
        body = text[match.end() : match.end() + _TOKEN_LIMIT].lstrip(" :=-–—\t")
        if sum(map(str.isalpha, body)) < _LETTERS:
            continue
        yield "vigenere", _shifted(body, key, -1), body
        yield "beaufort", _shifted(body, key, 0), body


def _shifted(body: str, key: list[int], sign: int) -> str:
    """`body` with each a-z letter moved by the key's next letter: back (`sign` -1, Vigenère) or
    mirrored (`sign` 0, Beaufort: the key's letter minus the text's)."""
    out: list[str] = []
    at = 0
    for char in body:
        lower = char.lower()
        if "a" <= lower <= "z":
            shift = key[at % len(key)]
            at += 1
            value = (ord(lower) - 97 - shift) % 26 if sign else (shift - (ord(lower) - 97)) % 26
            letter = chr(97 + value)
            out.append(letter.upper() if char.isupper() else letter)
        else:
            out.append(char)
    return "".join(out)


def spelled(text: str, data: bytes) -> list[Candidate]:
    """Every candidate of the ciphers and spellings, each asked only where the text holds its sign
    (`data`: the text in ASCII, one byte a character). Most text holds none: the signs are counted
    here, in C, and no generator is made for a cipher whose sign is missing."""
    found: list[Candidate] = []
    blanks = text.count(" ")
    if blanks < 2:
        return found  # (every cipher here spells three words or a key and a sentence)
    symbols = data.count(b"a") + data.count(b"b") + data.count(b"A") + data.count(b"B")
    if symbols >= 4 * _LETTERS and _BACON_HINT in data.translate(_BACON_MARKS):
        found += bacon(text, data)
    digits = len(data.translate(None, _NOT_DIGITS))
    if digits >= 2 * _LETTERS and _GRID_HINT in data.translate(_GRID_MARKS):
        found += polybius(text, data)
    if blanks >= _LETTERS - 1:  # (a letter a word: twelve letters are eleven blanks apart)
        found += spelling_alphabet(text)
    if ("'" in text or '"' in text or "«" in text or "‘" in text or "“" in text) and any(
        map(text.casefold().__contains__, _KEY_WORDS)
    ):
        found += keyed(text)
    if 8 * digits >= len(data) and len(data.translate(None, _NOT_LEET)) >= _LEET_WORDS:
        found += leetspeak(text)
    return found


_NOT_DIGITS = bytes(code for code in range(256) if not ord("0") <= code <= ord("9"))
"""Every byte but the digits: what `bytes.translate` deletes to count them."""
_KEY_WORDS = (
    "vigen",
    "beaufort",
    "key",
    "schlüssel",
    "schluessel",
    "clave",
    "clé",
    "cle ",
    "chiave",
    "chave",
    "ключ",
)
"""Words that name a key (what `_KEY_NAME` reads), asked only of text with a quote."""
_NOT_LEET = bytes(code for code in range(256) if chr(code) not in "013457$")
"""Every byte but leetspeak's digits: what `bytes.translate` deletes to count them."""
