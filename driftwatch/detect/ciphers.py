"""Text hidden in a cipher or a spelling: letters written as other letters, digits or words.

decoders.py reads bytes written as text (binary-to-text schemes); this module reads the other half
of the class, letters standing for letters: two-symbol groups (Bacon's `aabab`), grid coordinates
(the Polybius square's `35 34`), a spelling alphabet's words (`Alfa Delta Delta`), digits for the
letters they look like (leetspeak, `m4nd4`), and a keyed cipher whose key the same text gives
(`Vigenère key 'praline': …`: a key beside its ciphertext is a legend for the model), text typed
one key off on a keyboard (QWERTY, QWERTZ, AZERTY, either way), a language game that says each vowel
twice with a syllable between (jerigonza's `apa`, farfallino's `afa`), two texts interleaved
letter by letter, and a-z moved by one offset into any other script's letters (Osmanya, Cherokee,
Armenian, Gothic, Chakma …: found by the span of the run's code points, its letters, vowel signs or
digits alike, kept by letter trigrams; romanised Korean, Russian, Japanese or pinyin, which hold none
of the frequent words below, count as Latin text hidden in a script no language here is written in).
Each yields candidates (how, text, source) that encoded.py keeps when they read as prose and the
rules read like any other decoding.

Each is looked for only where the text holds its sign (a run of its symbols, found by one
translation and a substring search, or a named key), each scan is one regex pass with possessive
repeats, and each decoding is bounded (`_TOKEN_LIMIT` characters), so the whole stays linear.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from itertools import islice

from driftwatch.detect import opaque

Candidate = tuple[str, str, str]
"""(how, decoded text, encoded source), as decoders.py's."""

FIXED = frozenset(
    {"bacon", "polybius", "spelling-alphabet", "small-capitals", "boxed-letters", "upside-down"}
)
"""Ciphers and spellings with one fixed alphabet, each run of which has a shape prose never has."""
GUESSED = frozenset(
    {"vigenere", "beaufort", "leetspeak", "keyboard-shift", "language-game", "interleaved", "script-shift"}
)
"""Readings that could make letters of any text (a key's, look-alike digits'): kept only where they
make language of it (encoded.py)."""
CIPHERS = FIXED | GUESSED
"""Every way this module (and decoders.py's small capitals) writes letters as other letters."""
ORDERS_ONLY = frozenset({"keyboard-shift", "language-game", "interleaved", "koi-7", "reversed"})
"""Readings that count only where they decode to instructions (the rules judge): a shift, a game,
a stream, KOI-7 or text read backwards (encoded.py) can make a few frequent words of code or a
name by chance, never an order."""

COMMON = frozenset(
    {
        *("the", "and", "you", "your", "to", "of", "this", "that", "with", "for", "before", "after"),
        *("all", "any", "must", "when", "then", "from", "into", "use", "tool", "tools", "user", "file"),
        *("send", "read", "include", "do", "not", "is", "are", "it", "in", "on", "as", "be"),
    }
)
"""Frequent English words: rot13 text has few of them, its rotation many."""
LANGUAGE_WORDS = frozenset(
    {
        *COMMON,
        *("el", "la", "los", "las", "de", "del", "que", "en", "un", "una", "por", "para", "con", "sin"),
        *("no", "se", "al", "es", "su", "lo", "como", "ni", "le", "les", "des", "du", "et", "une", "pour"),
        *("avec", "sans", "ne", "pas", "qui", "est", "au", "aux", "sur", "dans", "der", "die", "das", "und"),
        *("zu", "mit", "nicht", "den", "dem", "ein", "eine", "ist", "im", "auf", "von", "oder", "wenn"),
        *("os", "as", "do", "da", "dos", "das", "em", "um", "uma", "com", "sem", "ao", "na", "il", "di"),
        *("della", "per", "non", "che", "si", "or", "if", "by", "an", "at", "so", "we", "was", "can"),
    }
)
"""Frequent words of the languages written in a-z (English, Spanish, French, German, Portuguese,
Italian): a rotation of text under which many of them appear, and not before it, is the text."""

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
    if len(data) < 2 * _SHIFTED_SEGMENT_LENGTH:
        return found  # (a keyboard shift, a language game, two texts interleaved: a sentence or more)
    lower = data[:_TOKEN_LIMIT].lower()  # (what these read: the first `_TOKEN_LIMIT` characters)
    if _shift_sign(lower):
        found += keyboard_shifted(text, lower)
    if _game_sign(lower):
        found += language_game(text)
    if lower.count(b"ay") >= _PIG_WORDS and lower.count(b"-") >= _PIG_WORDS:
        found += pig_latin(text)
    spaced = lower.count(b" ")
    if len(lower) >= _INTERLEAVED_WORD * (spaced + 1) and spaced >= _SHIFTED_WORDS:
        found += interleaved(text)
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


_ROWS = {
    "qwerty": ("qwertyuiop", "asdfghjkl", "zxcvbnm"),
    "qwertz": ("qwertzuiop", "asdfghjkl", "yxcvbnm"),
    "azerty": ("azertyuiop", "qsdfghjklm", "wxcvbn"),
}
"""The letter rows of the three Latin keyboards, left to right."""


def _keyboards() -> list[tuple[str, dict[int, int], dict[int, int]]]:
    """(name, reading, writing) of a text typed one key off on each keyboard, to the right and to the
    left: each letter read as the key beside it (the row's end wraps to its start, as a shifted text
    of letters only writes it; on QWERTY, typed right, `[` and `;` are also read as `p` and `l`)."""
    tables = []
    for name, rows in _ROWS.items():
        for side, step in (("right", 1), ("left", -1)):
            typed = "".join(rows)
            meant = "".join(row[-1:] + row[:-1] if step > 0 else row[1:] + row[:1] for row in rows)
            reading = str.maketrans(typed + typed.upper(), meant + meant.upper())
            if name == "qwerty" and side == "right":
                reading.update({ord("["): ord("p"), ord(";"): ord("l")})
            writing = str.maketrans(meant + meant.upper(), typed + typed.upper())
            tables.append((f"{name}-{side}", reading, writing))
    return tables


_KEYBOARDS = _keyboards()


def _keyed_written() -> dict[bytes, frozenset[int]]:
    written: dict[bytes, set[int]] = {}
    for at, (_name, _reading, writing) in enumerate(_KEYBOARDS):
        for word in LANGUAGE_WORDS:
            written.setdefault(word.translate(writing).encode(), set()).add(at)
    return {word: frozenset(ats) for word, ats in written.items()}


_KEYED_WRITTEN = _keyed_written()
"""A frequent word as a shifted keyboard types it -> the keyboards (indexes of `_KEYBOARDS`) that read
it back: one C intersection finds the words of a text that a shift could make frequent."""
LETTERS_ONLY = bytes(code if ord("a") <= code <= ord("z") else ord(" ") for code in range(256))
"""A bytes.translate table that blanks all but a-z: the words of a text, split without a regex."""
_SHIFTED_SEGMENT_LENGTH = 20
_SHIFTED_SEGMENT = re.compile(f"[^\\n.!?:]{{{_SHIFTED_SEGMENT_LENGTH},}}")
_SHIFTED_WORDS = 3


def keyboard_shifted(text: str, lower: bytes) -> Iterator[Candidate]:
    """Text typed one key to the right or left on a QWERTY, QWERTZ or AZERTY keyboard (`yjr` is
    `the`): read from the first stretch whose words a shift makes frequent (three different ones, a
    quarter of them, twice what it holds as it is) to the end. Asked only where the commonest
    letter of every language here, `e`, is rarer than a key beside it (`w`, `r`, `z`: where a shift
    types it)."""
    words = lower.translate(LETTERS_ONLY).split()
    if len(words) < 2 * _SHIFTED_WORDS or _KEYED_WRITTEN.keys().isdisjoint(words):
        return
    boards = frozenset().union(*(_KEYED_WRITTEN[word] for word in _KEYED_WRITTEN.keys() & set(words)))
    for segment in _SHIFTED_SEGMENT.finditer(text, 0, _TOKEN_LIMIT):
        stretch = segment.group().lower().encode("ascii", "replace").translate(LETTERS_ONLY).split()
        both = {word for word in stretch if word.decode() in LANGUAGE_WORDS}  # (`for` is `die` shifted)
        readings = [(_shifted_words(stretch, both, at), at) for at in boards]
        if (best := max(readings))[0]:
            _name, reading, _writing = _KEYBOARDS[best[1]]
            rest = text[segment.start() : _TOKEN_LIMIT]
            yield "keyboard-shift", rest.translate(reading), rest
            return


def _shifted_words(stretch: list[bytes], both: set[bytes], at: int) -> int:
    """How many of a stretch's words keyboard `at` reads as frequent words (none, unless three
    different ones, a quarter of them and twice those the stretch holds as it is): a word frequent
    either way (`both`) counts for neither."""
    read = {word for word in stretch if at in _KEYED_WRITTEN.get(word, ())} - both
    found = sum(word in read for word in stretch)
    plain = sum(word in both and at not in _KEYED_WRITTEN.get(word, ()) for word in stretch)
    return found if len(read) >= _SHIFTED_WORDS and 4 * found >= len(stretch) and found > 2 * plain else 0


def _shift_sign(lower: bytes) -> bool:
    """Whether `e` is rarer in `lower` (a text in ASCII, lowered) than one of the keys a shift types
    it as (counted in C): first, whether it is under a fourteenth of the text (prose's is a tenth or
    more; a shift types `e` for `w` or `r` only), which rules most text out in one count."""
    e = lower.count(b"e")
    return 14 * e < len(lower) and max(lower.count(b"r"), lower.count(b"w"), lower.count(b"z")) > e


_NOT_GAME_VOWELS = bytes(code for code in range(256) if chr(code) not in "aeiou")
_PAIRS = (b"aa", b"ee", b"ii", b"oo", b"uu")
_GAME_SHARE = 0.35
"""Share of a text's vowels in pairs of the same vowel (its vowels alone, in order) a language game
gives it (each vowel is said twice, `apa`: half of them pair, every vowel); prose has a fifth or so."""
_VOWEL = "aeiouáéíóúàèìòùâêôãõü"
_INFIX = re.compile(f"([{_VOWEL}])([a-zß]{{1,3}}?)\\1", re.IGNORECASE)
"""A vowel, one to three letters, the same vowel: a syllable a language game inserts (`apa`, `ofo`)."""
_GAME_VOWEL_COUNT = 24
"""Vowels of a text at least (twelve said twice) before it is read as a language game."""


def language_game(text: str) -> Iterator[Candidate]:
    """A language game that says each vowel twice with a fixed syllable between (`jerigonza`'s
    `p`: `mapandapa` is `manda`; `farfallino`'s `f`; the B-Sprache's `b`; any consonants): the
    syllable found as the most frequent between a vowel and its repeat (a quarter of the vowels, as
    the text's vowels come in pairs), and taken out."""
    piece = text[:_TOKEN_LIMIT]
    infixes = Counter(match.group(2).lower() for match in _INFIX.finditer(piece))
    if not infixes:
        return
    infix, count = infixes.most_common(1)[0]
    vowels = sum(map(piece.lower().count, _VOWEL))
    if count >= _GAME_VOWEL_COUNT // 2 and 4 * count >= vowels:
        game = re.compile(f"([{_VOWEL}]){re.escape(infix)}\\1", re.IGNORECASE)
        yield "language-game", game.sub(r"\1", piece), piece


def _game_sign(lower: bytes) -> bool:
    """Whether the vowels of `lower` (a text in ASCII, lowered), read alone, come in pairs of the same
    vowel (counted in C)."""
    vowels = lower.translate(None, _NOT_GAME_VOWELS)
    return len(vowels) >= _GAME_VOWEL_COUNT and sum(map(vowels.count, _PAIRS)) >= _GAME_SHARE * len(vowels)


_PIG = re.compile(r"(?<![\w-])([a-z']++)-([b-df-hj-np-tv-z]{0,3}+)ay(?![\w-])", re.IGNORECASE)
"""A word of hyphenated Pig Latin: the word from its first vowel, a hyphen, the consonants it began
with and `ay` (`e-thay` is `the`); a word that began with a vowel takes `yay`, `way` or `hay`."""
_PIG_WORDS = 6
"""Pig Latin words a text holds at least, a quarter of its words, before it is read as the game."""


def pig_latin(text: str) -> Iterator[Candidate]:
    """Hyphenated Pig Latin (`en-whay e-thay user-yay`: `when the user`), with the consonants moved
    back to the front; `-way` and `-hay` read both ways (`ent-way` is `went`, `and-way` is `and`)."""
    piece = text[:_TOKEN_LIMIT]
    words = len(piece.split())
    if sum(1 for _ in islice(_PIG.finditer(piece), _PIG_WORDS)) < _PIG_WORDS:
        return
    spans = [m.span() for m in _PIG.finditer(piece)]
    if 4 * len(spans) < words:
        return
    source = piece[spans[0][0] : spans[-1][1]]  # (the game's stretch: the prose around it reads as it is)
    first = _PIG.sub(lambda m: _unpig(m, ("y",)), source)
    yield "language-game", first, source
    if (second := _PIG.sub(lambda m: _unpig(m, ("y", "w", "h")), source)) != first:
        yield "language-game", second, source


def _unpig(match: re.Match[str], marks: tuple[str, ...]) -> str:
    rest, front = match.group(1), match.group(2)
    if front.lower() in marks and rest[:1].lower() in "aeiou":
        return rest
    return front + rest


_INTERLEAVED_WORD = 8
"""Characters a word of an interleaved text has on average at least (each letter of prose and
another between: prose's five and a space, doubled)."""


def interleaved(text: str) -> Iterator[Candidate]:
    """Two texts written letter by letter into one (every other character one of them: `exnqvzikev`
    is `envie` and `xqzkv`): each stream read alone, kept when a quarter of its words are frequent
    ones, three different ones and more than the text as it is holds. Asked only of text whose words
    are twice as long as prose's (counted in C)."""
    piece = text[:_TOKEN_LIMIT]
    plain = len(LANGUAGE_WORDS.intersection(piece.lower().split()))
    for start in (0, 1):
        stream = piece[start::2]
        words = stream.lower().split()
        frequent = [word for word in words if word in LANGUAGE_WORDS]
        if len(set(frequent)) >= max(_SHIFTED_WORDS, plain + 1) and 4 * len(frequent) >= len(words):
            yield "interleaved", stream, piece


_LATIN_LAST = "\u036f"
"""The last of Latin's letters and marks."""
_NOT_SCRIPT = (
    "\\s\x00-\u036f\u2000-\u2bff\u3000-\u303f\ud800-\uf8ff\ufe00-\ufe0f\ufe30-\ufe6f\ufff0-\uffff"
    "\U0001f000-\U0001faff\U000e0000-\U0010ffff"
)
"""What no script's letters are: blanks, Latin (U+0000-U+036F), punctuation, symbols, arrows, box
drawing and Braille (U+2000-U+2BFF), CJK punctuation, surrogates and private use, variation selectors,
small forms, specials, emoji, tags. Everything else counts, whatever its category: a block's letters,
its vowel signs (Zanabazar Square's `b`-`k` are U+11A01-U+11A0A, combining marks), its digits, and
code points this Python's Unicode does not know yet (a script encoded after it reads as unassigned):
a-z moved onto 26 code points lands on whatever the block holds there."""
_OTHER_SCRIPT_RUN = re.compile(f"[^{_NOT_SCRIPT}](?:[^{_NOT_SCRIPT}]|[\\s\\d.,:;/~@_'()+=-])*+")
"""A run of the characters of a script beyond Latin (any: Armenian, Georgian, Cherokee, Gothic, Adlam,
Chakma …), with the blanks, digits and ASCII punctuation a sentence or an address keeps between them.
One possessive pass: linear."""
_SCRIPT_WORD = re.compile(r"\S+")
_SCRIPT_LETTERS = 12
"""Letters of another script that make a run worth reading (a word or two is a name, a glyph)."""
_ALPHABET_SPAN = 25
"""Code points between a run's lowest and highest letter when it is the 26 letters a-z moved by one
offset (`a` = the first letter of the block): a language's own text spans more of its block."""
_SHIFTED_MEAN = -2.3
"""Mean letter-trigram log-probability (opaque.letters_mean) a reading needs: the twenty-fifth set's
eight runs read -1.5 to -2.1 at their offset, -3.1 or less at any other; Russian, Georgian, Greek,
Hebrew, Armenian, Cherokee or Gothic prose read as a-z at its best offset -2.58 or less."""


def script_shifted(text: str) -> Iterator[Candidate]:
    """Latin letters written as the letters of another script by one offset (a = U+10480, b =
    U+10481 …: Osmanya, Cherokee, Armenian, Georgian, Ol Chiki, Adlam, Gothic, Old Italic, any block):
    a stretch of twelve letters or more, all within 26 code points (a run is cut where a word leaves
    the span: `Режим: 𐌳𐌴𐌻𐌴𐍄𐌴 …` is Russian, then Gothic), read under each offset that maps it onto
    a-z, and kept when the reading's letters follow each other as a language's do (letter trigrams,
    any language of letters_model.txt; a language's own text, read as a-z, reads as none)."""
    count = 0
    for match in _OTHER_SCRIPT_RUN.finditer(text):
        for run, low, high in _one_span(match.group()[:_TOKEN_LIMIT]):
            count += 1
            if count > _RUNS:
                return
            if (found := _shifted_reading(run, low, high)) is not None:
                yield found


def _one_span(run: str) -> Iterator[tuple[str, int, int]]:
    """The stretches of `run` whose letters lie within `_ALPHABET_SPAN` code points, each with its
    lowest and highest letter, when it holds `_SCRIPT_LETTERS` letters or more (one pass)."""
    start, low, high, letters = 0, 0x110000, -1, 0
    for word in _SCRIPT_WORD.finditer(run):
        points = [ord(char) for char in word.group() if char > _LATIN_LAST]
        if not points:
            continue
        new_low, new_high = min(low, *points), max(high, *points)
        if new_high - new_low > _ALPHABET_SPAN:
            if letters >= _SCRIPT_LETTERS and high - low <= _ALPHABET_SPAN:
                yield run[start : word.start()].rstrip(), low, high
            start, letters = word.start(), 0
            new_low, new_high = min(points), max(points)
        low, high, letters = new_low, new_high, letters + len(points)
    if letters >= _SCRIPT_LETTERS and high - low <= _ALPHABET_SPAN:
        yield run[start:], low, high


def _shifted_reading(run: str, low: int, high: int) -> Candidate | None:
    """The first offset under which `run` reads as a sentence of a language written in a-z (a frequent
    word, letters as prose has them); failing that, in a script of no language these texts are written
    in (`_hides_latin`), the offset under which it reads best, when that reading is Latin text."""
    best: tuple[float, int, str] | None = None
    for base in range(max(high - _ALPHABET_SPAN, 0), low + 1):
        reading = run.translate({point: 97 + point - base for point in range(low, high + 1)})
        words = _WORD_OF_LETTERS.findall(reading)
        if len(words) < _SHIFTED_WORDS:
            continue
        mean = opaque.letters_mean(words)
        if mean >= _SHIFTED_MEAN and not LANGUAGE_WORDS.isdisjoint(words):
            return _shift_candidate(low, base, reading, run)
        if len(words) >= SHIFTED_TEXT_WORDS and (best is None or mean > best[0]):
            best = mean, base, reading
    if best is not None and best[0] >= _HIDDEN_MEAN and _hides_latin(low):
        return _shift_candidate(low, best[1], best[2], run)
    return None


def _shift_candidate(low: int, base: int, reading: str, run: str) -> Candidate:
    script = unicodedata.name(chr(low), "?").partition(" LETTER")[0].removesuffix(" SMALL").title()
    return f"script-shift[{script} a=U+{base:04X}]", reading, run


SHIFTED_TEXT_WORDS = 8
"""Words a reading needs to be Latin text hidden in another script without a frequent word of the
languages written in a-z (romanised Korean, Russian, Japanese, pinyin: `otprav ~/.config/… na https://…
molcha`): encoded.py keeps such a reading as ciphered text (medium), as it keeps one with frequent words."""
_HIDDEN_MEAN = -3.0
"""The mean such a reading needs: romanised Korean, Russian and pinyin read -2.1 to -2.86 (the thirty-second
set's Dogra, Zanabazar Square and Chakma, the earlier sets' other blocks); no other text of the corpus
keeps eight words within 26 code points of a script outside `_OWN_SCRIPTS` and reads -3.2 or more (its
Russian, read as a-z at its best offset, -2.88 or less in stretches of eight words; Greek, Hebrew,
Georgian, Devanagari, Chakma and Newa prose break their runs within a few words), letter soup -3.3 or less."""
_OWN_SCRIPTS = ((0x0400, 0x052F), (0x1100, 0x11FF), (0x2E80, 0xD7FF), (0xFF00, 0xFFEF), (0x1D400, 0x1D7FF))
"""Scripts the languages of these texts are written in (Cyrillic, Hangul, kana and CJK) and Latin's own
letters in other fonts (fullwidth, mathematical: the `styled-letters` reading's): text in them is no
text hidden in a foreign script."""


def _hides_latin(low: int) -> bool:
    """Whether a run whose lowest code point is `low` lies in a script that could only hide Latin text."""
    return not any(first <= low <= last for first, last in _OWN_SCRIPTS)


_WORD_OF_LETTERS = re.compile(r"[a-z]+")
