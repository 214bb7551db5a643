"""Text hidden by encoding, recovered so the instruction rules can read it too.

Unicode tag characters (invisible ASCII), bytes in runs of variation selectors, base64, base32,
hex, Ascii85, `\\uXXXX`, `\\xNN` and octal escapes (single-byte escapes read as the UTF-8 they
usually are), HTML entities, percent encoding, quoted-printable, decimal character codes, Morse,
and rotations: any Caesar shift (found because the rotated text reads as common words of English,
Spanish, French, German, Portuguese or Italian while the original does not) and ROT47; the wider
families are decoders.py's (binary-to-text) and ciphers.py's (letters as other letters: ciphers,
spelling alphabets, leetspeak), whose readings that could make letters of anything are kept only
where they make language. Each is
looked for wherever a string is (a name, an enum value, a title: analyze.py reads every string),
and only where the string holds a sign of it, since most hold none.

A decoding only counts when it is prose: mostly letters and spaces, several words, or several
characters of a script written without spaces (Chinese, Japanese), or a long name spelled with
`_`. That keeps documented examples (an image, a hash, a token) out: they decode to bytes, not
prose. A decoding that is readable but not prose is decoded again (`%2520`: percent twice; base64
in percent), up to `_DEPTH` times.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import quopri
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import unquote

from driftwatch.detect import ciphers, decoders, opaque
from driftwatch.detect.ciphers import COMMON, LANGUAGE_WORDS, LETTERS_ONLY

T = TypeVar("T", str, bytes)

TAG_BLOCK = re.compile("[\U000e0000-\U000e007f]+")
FLAG_TAGS = re.compile("\U0001f3f4[\U000e0061-\U000e007a]{2,6}\U000e007f")
"""Subdivision flag emoji (England, Scotland, Wales): the one legitimate use of tag characters."""
_TAGS_FROM = "\U000e0000"
"""The lowest tag character: text whose highest character is below it holds none."""
_LATIN_LAST = "\u036f"
"""The last of Latin's letters and marks: text whose highest character is no higher holds no other script."""
_SELECTORS_FROM = "\ufe00"
"""The lowest variation selector (`_SELECTOR_RUN`): text whose highest character is below it holds none."""

_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{20,}={0,6}(?![A-Za-z0-9+/=_-])")
_HEX = re.compile(r"(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){12,}+(?![0-9A-Fa-f])")
_ESCAPES = re.compile(r"(?:\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2}|\\U[0-9A-Fa-f]{8}|\\[0-3][0-7]{2}){4,}")
"""Four escapes or more in a row: `\\u`, `\\x`, `\\U` and three-digit octal (`\\303\\234`)."""
_ENTITIES = re.compile(r"(?:&#x?[0-9A-Fa-f]{1,6};){4,}")
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2}[A-Za-z0-9._~/:@-]{0,40}){6,}")
"""Six escapes or more, each with up to a word or two after it (`%3CSYSTEM%3E%20Forward%20every…`: a
sentence with only its spaces and marks escaped; a path or an address in it, `~/.aws/x`, kept).
Every repetition opens with `%`, which the characters after an escape never hold: one way to
match, linear."""
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
_LOWER_LETTERS_ONLY = bytes(
    code + 32 if ord("A") <= code <= ord("Z") else LETTERS_ONLY[code] for code in range(256)
)
"""`LETTERS_ONLY` after lowering (A-Z as a-z): for ASCII text, whose bytes need no `lower()` first."""


@dataclass(frozen=True)
class Variant:
    """Text decoded out of a string, and how."""

    how: str
    """`unicode-tags`, `variation-selectors`, `base64`, `base32`, `hex`, `ascii85`, `escapes`,
    `entities`, `percent`, `quoted-printable`, `char-codes`, `morse`, `rot13`, `rotN` (another
    Caesar shift) or `rot47`; nested ones joined by `+` (`percent+percent`)."""
    text: str
    source: str
    """The raw encoded span, for evidence."""


_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
"""Kana, CJK ideographs, Hangul syllables, Thai: scripts whose sentences hold few spaces or none."""
_UNSPACED_WORDS = 8
"""Characters of such a script that make a sentence without spaces prose (about four words)."""


def _prose(text: str) -> bool:
    """Reads like natural language: printable, mostly letters and spaces, several words (or, in
    a script written without spaces, several characters of it)."""
    if " " not in text.strip():
        if len(_UNSPACED.findall(text, 0, 400)) < _UNSPACED_WORDS:
            return False
    elif len(text) < 12:
        return False
    printable = sum(map(str.isprintable, text)) + text.count("\n") + text.count("\t")
    if printable < 0.95 * len(text):
        return False
    numbers = _NUMBER.sub("0", text)  # (a number, an account's or an amount, is one word)
    letters = sum(map(str.isalpha, numbers)) + numbers.count(" ") + numbers.count("0")
    return letters >= 0.7 * len(numbers) and numbers.count("0") * 4 < letters


_NUMBER = re.compile(r"\d+")


_NAME_JOINTS = re.compile(r"[_-]+")


def _spelled(text: str) -> bool:
    """A name of four words or more spelled with `_` or `-` (`joindre_le_contenu_du_fichier`): a
    sentence once its joints are spaces."""
    return (
        " " not in text.strip()
        and text.count("_") + text.count("-") >= 3
        and _prose(_NAME_JOINTS.sub(" ", text))
    )


_URL_SAFE = bytes.maketrans(b"-_", b"+/")
"""The URL-safe alphabet's two characters as the standard one's (what base64.urlsafe_b64decode does)."""


def _base64(blob: str) -> str | None:
    """The readable text `blob` decodes to, in the standard alphabet or the URL-safe one (as
    base64.b64decode and base64.urlsafe_b64decode read it: binascii called directly, since a blob
    that is not base64 at all, an identifier or a path, is tried in every string that holds one);
    prose first, whichever alphabet gives it."""
    padded = (blob.rstrip("=") + "=" * (-len(blob.rstrip("=")) % 4)).encode()
    readable = None
    for url_safe in (False, True) if b"-" in padded or b"_" in padded else (False,):
        try:
            found = decoders.text_of_bytes(
                binascii.a2b_base64(padded.translate(_URL_SAFE) if url_safe else padded)
            )
        except (binascii.Error, ValueError):
            continue
        if found and _prose(found):
            return found
        readable = readable or found
    return readable


_BASE32_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def _base32(blob: str) -> str | None:
    """The prose `blob` decodes to in base32 (RFC 4648: capitals and the digits 2 to 7), asked of a
    blob in that alphabet whose base64 reading held none."""
    bare = blob.rstrip("=")
    if len(bare) % 8 in (1, 3, 6):
        return None  # (no whole number of bytes)
    if not _BASE32_ALPHABET.issuperset(bare):
        return decoders.base32hex(bare)
    try:
        return decoders.text_of_bytes(base64.b32decode(bare + "=" * (-len(bare) % 8)))
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
    mark = "#" if decode is _hex else "!" if decode is _lower else "$"  # (in no alphabet)
    key = blob if decode is _base64 else mark + blob
    if key in _BLOBS:
        return _BLOBS[key]
    found = decode(blob)
    if len(_BLOBS) >= _BLOB_MEMO:
        _BLOBS.clear()  # (one atomic call: threads may share the memo; a miss costs one decoding)
    _BLOBS[key] = found
    return found


def _hex(blob: str) -> str | None:
    return decoders.text_of_bytes(bytes.fromhex(blob))


_LOWER_PIECE = re.compile(r"[a-z0-9]{20,}")


def _lower(blob: str) -> str | None:
    """The text a blob of lower case letters and digits holds (`wdi3xyouwhfn…`, or such a piece of a
    longer name): base32 written in lower case, z-base-32 or base36 (decoders.py). An identifier's
    words are shorter than a piece, and a hash decodes to bytes no text encoding reads."""
    for piece in _LOWER_PIECE.findall(blob):
        if piece.isalpha() or piece.isdigit():
            continue  # (a long word, a number: neither is any of these)
        for how, found in decoders.lower_case_blob(piece):
            if found is not None:
                return f"{how}\0{found}"
    return None


_AZ = "abcdefghijklmnopqrstuvwxyz"
_SHIFTS = [
    str.maketrans(_AZ + _AZ.upper(), _AZ[s:] + _AZ[:s] + (_AZ[s:] + _AZ[:s]).upper()) for s in range(26)
]
"""`text.translate(_SHIFTS[s])`: text with every letter moved `s` places on (a Caesar shift)."""


def _written_as() -> dict[bytes, frozenset[int]]:
    shifted: dict[bytes, set[int]] = {}
    for word in LANGUAGE_WORDS:
        for shift in range(1, 26):
            shifted.setdefault(word.translate(_SHIFTS[26 - shift]).encode(), set()).add(shift)
    return {written: frozenset(shifts) for written, shifts in shifted.items()}


_WRITTEN_AS = _written_as()
"""A frequent word as a shift writes it -> the shifts that read it back: the words of a text found
here are the only ones a rotation can make frequent (one C intersection finds them, none in most text)."""
_WRITTEN_AS_TEXT = {written.decode(): shifts for written, shifts in _WRITTEN_AS.items()}
_ROTATION_WORDS = 3
"""Frequent words a rotation must make of a sentence (counted with repeats), and (but for rot13)
different frequent words."""
_SHIFT_ORDER = (13, *range(1, 13), *range(14, 26))
"""rot13 first: the classic, read against its own English words."""


def _tallies(words: list[T], written_as: Mapping[T, frozenset[int]]) -> tuple[list[int], list[int]]:
    """For each shift, how many of `words` it makes frequent words (with repeats) and how many
    different words it does: the words found in `written_as` by one C intersection, counted in C."""
    tally, kinds = [0] * 26, [0] * 26
    found = written_as.keys() & set(words)
    counts: Mapping[T, int] = (
        Counter(words) if len(found) > 8 else {word: words.count(word) for word in found}
    )
    for word in found:
        for shift in written_as[word]:
            tally[shift] += counts[word]
            kinds[shift] += 1
    return tally, kinds


_ROT13_WRITTEN = frozenset(codecs.encode(word, "rot13").encode() for word in COMMON)
"""Frequent English words as rot13 writes them: text with fewer than three cannot hide rot13 prose."""
_LONG_WRITTEN = frozenset(written for written in _WRITTEN_AS if len(written) > 2)
"""The shifted frequent words of three letters or more: some shift makes nearly every pair of
letters a frequent word (`px` is `we` under rot7), far fewer triples, so a text with none of these
is not asked for any shift but rot13."""


_SHIFTED_WRITTEN = _ROT13_WRITTEN | _LONG_WRITTEN
"""Either kind: a text with neither is asked for no shift at all."""


def _letter_words(data: bytes, text: str) -> list[bytes]:
    """The words of a-z letters of `text`, in lower case (`data`: `text` encoded to ASCII)."""
    if text.isascii():
        return data.translate(_LOWER_LETTERS_ONLY).split()
    # (`lower()` turns some letters outside ASCII into ASCII ones: lowered first)
    return text.lower().encode("ascii", "replace").translate(LETTERS_ONLY).split()


def _candidate_shifts(words: list[bytes]) -> list[int]:
    """The shifts under which the whole of a text (its `_letter_words`) has what `_reads_rotated`
    asks of one of its sentences; the others only if one of their frequent words is three letters
    long or more. Two C intersections decide for most text."""
    if len(words) < _ROTATION_WORDS or _SHIFTED_WRITTEN.isdisjoint(words):
        return []  # (most text: one C pass finds neither kind of word)
    shifts = [13] if sum(map(words.count, _ROT13_WRITTEN.intersection(words))) >= _ROTATION_WORDS else []
    if not (long := _LONG_WRITTEN.intersection(words)):
        return shifts
    tally, kinds = _tallies(words, _WRITTEN_AS)
    readable = frozenset().union(*(_WRITTEN_AS[word] for word in long))
    return shifts + [
        shift
        for shift in _SHIFT_ORDER[1:]
        if shift in readable and tally[shift] >= _ROTATION_WORDS and kinds[shift] >= _ROTATION_WORDS
    ]


def _reads_rotated(words: list[str], shift: int, tally: list[int], kinds: list[int]) -> bool:
    """Whether the words of a sentence read as language once rotated by `shift`, and do not as
    they are (`tally`, `kinds`: the sentence's `_tallies`): rot13 (the classic) against its
    English words; any other shift, which prose hits by chance more often, also needs a quarter
    of its words frequent, three of them different (`px` thrice is `we` thrice under rot7, no
    sentence), and three words longer than three letters (of 676 pairs of letters, a shift makes
    many a frequent word: a list of language codes is no Spanish)."""
    if shift == 13:
        common = sum(map(_ROTATED_WORDS.__contains__, words))
        return common >= 3 and common > 2 * sum(map(COMMON.__contains__, words))
    if kinds[shift] < _ROTATION_WORDS or 4 * tally[shift] < len(words):
        return False
    if sum(len(word) > 3 for word in words) < 3:
        return False
    return tally[shift] > 2 * sum(map(LANGUAGE_WORDS.__contains__, words))


def _rotated(text: str, shifts: list[int]) -> Iterator[Variant]:
    """The text rotated from the first sentence that reads as language under one of `shifts` (the
    Caesar shifts under which the whole text could: `_candidate_shifts`), and does not as it is,
    to the end: a payload runs on across the dots of the paths it names."""
    lowered = text.lower()
    for segment in _SEGMENT.finditer(lowered):
        words = _WORD.findall(segment.group())
        tally, kinds = _tallies(words, _WRITTEN_AS_TEXT)
        for shift in shifts:
            if tally[shift] >= _ROTATION_WORDS and _reads_rotated(words, shift, tally, kinds):
                rest = text[segment.start() :]
                how = "rot13" if shift == 13 else f"rot{shift}"
                yield Variant(how, rest.translate(_SHIFTS[shift]).lower(), rest)
                return


_REVERSED_WRITTEN = frozenset(
    word[::-1].encode() for word in LANGUAGE_WORDS if len(word) > 1 and word[::-1] not in LANGUAGE_WORDS
)
"""Frequent words written backwards (`eht`, `led`, `elif`) that are no frequent word as they stand."""
_REVERSED_KINDS = 2
"""Different ones of them a text needs to be read backwards at all (one C intersection decides)."""
_REVERSED_MEAN = -2.2
"""Letter-trigram mean (opaque.letters_mean) the words of three letters or more need read backwards:
the fourteenth and twenty-first sets' backward texts read -1.7 to -1.9 so; prose read backwards
-2.1 (a list of palindromes) to -2.6."""
_REVERSED_SHARE = 0.5
"""Share of those words that must read better backwards than as written, by `_REVERSED_GAIN` (the
backward texts 0.55 to 0.69 with a plain title before them; prose none, or a seventh)."""
_REVERSED_GAIN = 0.5
_REVERSED_READ = 1000
"""Words of a text scored at most (the first ones)."""


def _reversed(text: str, words: list[bytes], depth: int) -> Iterator[Variant]:
    """Text written backwards (`.saton opmac le ne ... setnA`), after a title or not: half its
    words of three letters or more read as a language's once reversed and not as written (letter
    trigrams, any language of letters_model.txt); the whole text reversed, for the rules."""
    written = [word.decode() for word in words[:_REVERSED_READ] if len(word) > 2]
    if not written:
        return
    better = sum(map(_reads_backwards, written))
    if better >= _REVERSED_SHARE * len(written) and (
        opaque.letters_mean([word[::-1] for word in written]) >= _REVERSED_MEAN
    ):
        piece = text[: _REVERSED_READ * 8]
        yield from _settled("reversed", piece[::-1], piece, depth)


def _reads_backwards(word: str) -> bool:
    return opaque.word_mean(word[::-1]) >= opaque.word_mean(word) + _REVERSED_GAIN


_ROT47 = {code: 33 + (code - 33 + 47) % 94 for code in range(33, 127)}
"""A str.translate table: ROT47 turns each printable ASCII character 47 places (and leaves the rest)."""
_NOT_ROT47_LOWER = bytes(code for code in range(256) if not ord("2") <= code <= ord("K"))
_NOT_LOWER = bytes(code for code in range(256) if not ord("a") <= code <= ord("z"))
"""Every byte but those ROT47 writes a-z as (`2` to `K`), and every byte but a-z: ROT47 prose is a
sixth of these or more, and holds few lowercase letters (ROT47 writes them for the digits 2 to 9,
capitals A to K and a few signs); text with digits and capitals holds many more of them."""


def _rot47(text: str) -> Iterator[Variant]:
    """Each line of `text` that reads as language under ROT47 and not as it is."""
    for line in text.splitlines():
        if len(line) < 20:
            continue
        rotated = line.translate(_ROT47)
        words = _WORD.findall(rotated.lower())
        common = sum(map(LANGUAGE_WORDS.__contains__, words))
        plain = sum(map(LANGUAGE_WORDS.__contains__, _WORD.findall(line.lower())))
        if common >= 3 and 6 * common >= len(words) and common > 2 * plain and _prose(rotated):
            yield Variant("rot47", rotated, line)


_ROTATED_WORDS = frozenset(codecs.encode(word, "rot13") for word in COMMON)
"""`COMMON` rotated, as text: a word of a segment whose rotation is a common word is one of these
(rot13 maps a-z onto a-z and leaves the rest), so a segment's words are found once, not rotated."""


_DEPTH = 2
"""Encodings undone inside a decoding, at most (`%2520`: percent twice; base64 in percent)."""


def _settled(how: str, found: str, source: str, depth: int) -> Iterator[Variant]:
    """`found` (decoded out of `source`) as a variant when it is prose or a long name; else, when
    it is readable and shorter than its source, whatever encoding it holds in turn, decoded."""
    if _prose(found) or _spelled(found):
        yield Variant(how, found, source)
    elif depth < _DEPTH and len(found) < len(source) and decoders.readable(found):
        for inner in _decoded(found, depth + 1):
            yield Variant(f"{how}+{inner.how}", inner.text, source)


def _decoded(text: str, depth: int = 0) -> Iterator[Variant]:
    """Prose recovered from every encoding found in `text`.

    Each encoding is looked for only when `text` holds what it needs (a non-ASCII character, a run of
    its alphabet, a backslash, `&#`, `%`, digits beside a separator, `.-`, `=`, `<~`, words a shift
    makes frequent): most text holds none, and the scans add up. `depth`: decodings around it.
    """
    if not text.isascii():
        highest = max(text)  # (one pass: tags and variation selectors lie above most text's characters)
        if highest >= _TAGS_FROM:
            tags = "".join(TAG_BLOCK.findall(FLAG_TAGS.sub("", text)))
            ascii_text = "".join(chr(ord(ch) - 0xE0000) for ch in tags if 0xE0020 <= ord(ch) <= 0xE007E)
            if ascii_text.strip():
                yield Variant("unicode-tags", ascii_text, tags)
        if highest >= _SELECTORS_FROM:
            yield from _selector_bytes(text, depth)
        for how, decoded, source in decoders.beyond_ascii(text, highest):
            yield from _settled(how, decoded, source, depth)
        if highest > _LATIN_LAST:
            for how, decoded, source in ciphers.script_shifted(text):
                yield from _settled(how, decoded, source, depth)
    data = text.encode("ascii", "replace")  # (what is not ASCII is neither base64 nor rot13)
    # (a generator is called only where its sign is: most text holds none, and each costs a call)
    if (run := data.translate(_RUN_MARKS).find(_RUN)) >= 0:
        yield from _blobs(text, data, run, depth)
    if "\\" in text:
        for match in _ESCAPES.finditer(text):
            if (found := _unescaped(match.group())) is not None:
                yield from _settled("escapes", found, match.group(), depth)
    if "&#" in text:
        for match in _ENTITIES.finditer(text):
            yield from _settled("entities", html.unescape(match.group()), match.group(), depth)
    if "%" in text:
        for match in _PERCENT.finditer(text):
            yield from _settled("percent", unquote(match.group()), match.group(), depth)
    if (
        "=" in text
        or "<~" in text
        or ".-" in text
        or "-." in text
        or _CODES_HINT in data.translate(_DIGIT_MARKS)
    ):
        yield from _spelled_out(text, data, depth)
    for how, decoded, source in decoders.in_ascii(text, data):
        yield from _settled(how, decoded, source, depth)
    for how, decoded, source in ciphers.spelled(text, data):
        if how not in ciphers.GUESSED or _reads_better(decoded, source):
            yield from _settled(how, decoded, source, depth)
    words = _letter_words(data, text)
    if shifts := _candidate_shifts(words):
        yield from _rotated(text, shifts)
    if len(_REVERSED_WRITTEN.intersection(words)) >= _REVERSED_KINDS:
        yield from _reversed(text, words, depth)
    if (marked := len(data.translate(None, _NOT_ROT47_LOWER))) * 6 >= len(data) >= 20 and marked > 2 * len(
        data.translate(None, _NOT_LOWER)
    ):
        yield from _rot47(text)


def _mixed(blob: str) -> bool:
    """A blob of upper and lower case letters and digits (base58's, not a word or an identifier)."""
    return not blob.isalpha() and not blob.islower() and not blob.isupper() and "_" not in blob


_PREFIXED = 20
"""Characters a blob after a name's `_` (`profile_b62_2Gjt47…`) has at least to be read alone."""


def _after_prefix(blob: str) -> str:
    """`blob` after its last `_`, when what follows is long enough to be a blob of its own."""
    tail = blob.rpartition("_")[2]
    return tail if len(tail) >= _PREFIXED else blob


def _blobs(text: str, data: bytes, run: int, depth: int) -> Iterator[Variant]:
    """Base64, base32 and hex blobs, the first of which can start at `run`."""
    # (a blob's first characters are a run: the scan starts at the first run, where the first
    # blob can; lookbehinds still see the character before it)
    for match in _BASE64.finditer(text, run):
        if (found := _decoded_blob(match.group(), _base64)) is not None and (
            _prose(found) or not match.group().isupper()
        ):
            yield from _settled("base64", found, match.group(), depth)
        elif match.group().isupper() and (found := _decoded_blob(match.group(), _base32)) is not None:
            yield from _settled("base32", found, match.group(), depth)
        elif (
            found is None
            and _mixed(tail := _after_prefix(match.group()))
            and (numbered := decoders.number_blob(tail)) is not None
        ):
            yield from _settled(numbered[0], numbered[1], match.group(), depth)
        elif not _mixed(match.group()) and (lowered := _decoded_blob(match.group(), _lower)) is not None:
            how, _, found = lowered.partition("\0")
            yield from _settled(how, found, match.group(), depth)
    hex_run = data.translate(_HEX_MARKS).find(_HEX_RUN)
    for match in _HEX.finditer(text, hex_run) if hex_run >= 0 else ():
        if (found := _decoded_blob(match.group(), _hex)) is not None:
            yield from _settled("hex", found, match.group(), depth)


def _unescaped(run: str) -> str | None:
    """A run of `\\u`, `\\x` or octal escapes decoded; escapes of single bytes read as the UTF-8
    bytes they most often are (`\\xe6\\x89\\x8b` is one Chinese character, not three Latin ones)."""
    try:
        found = codecs.decode(run, "unicode_escape")
    except UnicodeDecodeError:
        return None
    if not found.isascii() and max(found) < "\u0100":
        try:
            return found.encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            return found
    return found


_CODES = re.compile(r"(?<![\d.])\d{2,7}+(?:(?:[ \t]*+[,;][ \t]*+|[ \t]++)\d{2,7}+){7,}+")
"""Eight decimal numbers or more, separated by commas, semicolons or blanks: character codes
(`72,101,108,108,111`). Possessive, and nothing asked after the last number: a match that fails
fails within eight numbers of its start, so a megabyte of numbers is one scan."""
_MORSE = re.compile(r"(?<![\w.-])[.-]{1,7}+(?:(?:[ \t]*+/[ \t]*+|[ \t]++)[.-]{1,7}+){11,}+")
"""Twelve Morse letters or more (`.-` runs of up to seven) separated by blanks, words by `/` (as
`_CODES`, nothing asked after the last: a failing match fails within twelve letters)."""
_QUOTED_PRINTABLE = re.compile(r"(?:=[0-9A-Fa-f]{2}[A-Za-z0-9._~ -]{0,40}+){6,}+")
"""Six quoted-printable escapes or more (`=49=6E=63`), each with up to a word or two after it."""
_ASCII85 = re.compile(r"<~([!-uz\s]{10,}+)~>")
"""Ascii85 between its Adobe delimiters (`<~` … `~>`; `~` is outside its alphabet)."""
_MORSE_LETTERS = (
    ".- -... -.-. -.. . ..-. --. .... .. .--- -.- .-.. -- -. --- .--. --.- .-. ... - ..- ...- .-- -..- "
    "-.-- --.. ----- .---- ..--- ...-- ....- ..... -.... --... ---.. ----. .-.-.- --..-- ..--.. -.-.-- "
    "-....- -..-. .--.-. ---... -.--. -.--.- .----. .-..-. -...- .-.-. ..--.-"
)
_MORSE_CODE = dict(
    zip(_MORSE_LETTERS.split(" "), "abcdefghijklmnopqrstuvwxyz0123456789.,?!-/@:()'\"=+_", strict=True)
)


def _spelled_out(text: str, data: bytes, depth: int) -> Iterator[Variant]:
    """Text spelled in character codes, Morse, quoted-printable or Ascii85: each looked for only
    where `text` holds a sign of it (digits beside a separator, `.-`, `=`, `<~`)."""
    if _CODES_HINT in data.translate(_DIGIT_MARKS):
        for match in _CODES.finditer(text):
            codes = [int(code) for code in re.split(r"[\s,;]+", match.group())]
            if max(codes) <= 0x10FFFF:
                yield from _settled("char-codes", "".join(map(chr, codes)), match.group(), depth)
    if ".-" in text or "-." in text:
        for match in _MORSE.finditer(text):
            words = [w.split() for w in match.group().split("/")]
            if all(letter in _MORSE_CODE for word in words for letter in word):
                spelled = " ".join("".join(_MORSE_CODE[letter] for letter in word) for word in words)
                yield from _settled("morse", spelled, match.group(), depth)
    if text.count("=") >= 6:
        for match in _QUOTED_PRINTABLE.finditer(text):
            if (found := decoders.text_of_bytes(quopri.decodestring(match.group().encode()))) is not None:
                yield from _settled("quoted-printable", found, match.group(), depth)
    if "<~" in text:
        for match in _ASCII85.finditer(text):
            try:
                found = decoders.text_of_bytes(base64.a85decode(match.group(1), ignorechars=b" \t\n\r\x0b"))
            except ValueError:
                continue
            if found is not None:
                yield from _settled("ascii85", found, match.group(), depth)


_DIGIT_MARKS = bytes(
    ord("0") if chr(code).isdigit() else ord(",") if chr(code) in ",; \t" else ord(" ") for code in range(256)
)
"""Digits as `0`, separators as `,`: `_CODES_HINT` in the translation is a code beside another."""
_CODES_HINT = b"00,0"
_SELECTOR_RUN = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]{2,}")
"""Two variation selectors or more in a row: no glyph takes more than one, so a run carries data
(a byte each: U+FE00-FE0F are 0-15, U+E0100-E01EF are 16-255)."""


_SELECTOR_BYTES = {
    **{0xFE00 + byte: byte for byte in range(16)},
    **{0xE0100 + byte - 16: byte for byte in range(16, 256)},
}
"""A str.translate table: each variation selector as the byte it stands for (as a Latin-1 character)."""


def _selector_bytes(text: str, depth: int) -> Iterator[Variant]:
    """The bytes runs of variation selectors smuggle, read as UTF-8."""
    for match in _SELECTOR_RUN.finditer(text):
        run = match.group()
        data = run.translate(_SELECTOR_BYTES).encode("latin-1")
        if (found := decoders.text_of_bytes(data)) is not None:
            yield from _settled("variation-selectors", found, run, depth)


_PASSAGE_WORDS = 8
"""Words of decoded text that make it a passage, not a token or a short documented example."""


def is_passage(text: str, how: str = "rot13") -> bool:
    """Whether decoded `text` is several sentences' worth of language: eight words or more (in a
    script written without spaces, twice as many characters of it), of which, when `how` substitutes
    letters for letters (a rotation, A1Z26) in a-z text, some are frequent words, two different
    ones (a rotation of text that was never rotated reads as none; bytes decoded out of base64 that
    read as eight words were written as words). A reading that counts only as an order
    (`ciphers.ORDERS_ONLY`: a keyboard shift, a language game, a stream, KOI-7) is no passage."""
    if how.partition("[")[0] in ciphers.ORDERS_ONLY:
        return False
    words = _WORD.findall(text.lower())
    if len(_UNSPACED.findall(text, 0, 400)) >= 2 * _PASSAGE_WORDS:
        return True
    if len(re.findall(r"\w+", text)) < _PASSAGE_WORDS:
        return False
    if len(words) < _PASSAGE_WORDS or not how.startswith(_SUBSTITUTIONS):
        return True
    return len(LANGUAGE_WORDS.intersection(words)) >= 2


_SUBSTITUTIONS = ("rot", "a1z26", *ciphers.CIPHERS)
"""Decodings that put letters for letters: any text comes out as letters, words only by chance."""


_SHORTEST = 16
"""Characters of the shortest ASCII text that can hide prose: four escapes (`\\101` four times),
four entities (`&#9;`); every other encoding needs more (a segment rot13 reads is 20)."""


def ciphered(text: str, how: str) -> bool:
    """Whether `text`, decoded by a cipher or a spelling (ciphers.py), reads as language: four words
    or more, of which frequent words (two different ones where a key or look-alike digits could
    make letters of anything; one where the alphabet is fixed). No tool documents itself in Bacon's
    cipher or the radio alphabet: a sentence in one is written to be read past a reviewer."""
    how = how.partition("[")[0]  # (`script-shift[Gothic a=U+10330]`: the cipher, then its alphabet)
    if (
        how not in ciphers.CIPHERS
        or how in ciphers.ORDERS_ONLY
        or len(re.findall(r"[^\W_]+", text)) < _ORDER_WORDS
    ):
        return False  # (words joined by `_` are words: `ENVOIE_LES_CODES` is three)
    words = _WORD.findall(text.lower())
    if how == "script-shift" and len(words) >= ciphers.SHIFTED_TEXT_WORDS:
        return True  # (kept by letter trigrams, a language's or Latin text's in a foreign script: ciphers.py)
    frequent = len(LANGUAGE_WORDS.intersection(words))
    return frequent >= (1 if how in ciphers.FIXED else 2)


_ORDER_WORDS = 4


def _reads_better(decoded: str, source: str) -> bool:
    """Whether a reading that could make letters of anything (a key, look-alike digits) made language
    of its source: two different frequent words or more, more than the source held (plain text after
    a key's name, `key 'DEV'. This is the prefix…`, deciphers into noise)."""
    found = len(LANGUAGE_WORDS.intersection(_WORD.findall(decoded.lower())))
    return found >= 2 and found > len(LANGUAGE_WORDS.intersection(_WORD.findall(source.lower())))


def decoded_variants(text: str) -> Iterator[Variant]:
    """Prose recovered from every encoding found in `text` (not the plain text itself); where the
    text names rot13, each decoding rotated too, and the text after the name."""
    if len(text) < _SHORTEST and text.isascii():
        return iter(())  # (the shortest ASCII text any encoding can hide prose in: keys, types, names)
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
