"""The encodings a text can hide another in, beyond the classic ones encoded.py finds itself.

encoded.py looks for base64, hex, escapes, entities and rotations, each where the text holds its
sign. The class is wider: any standard binary-to-text encoding (base58, base85 and Ascii85 without
their delimiters, base32hex, base32 in lower case, z-base-32, base36, uuencode, hex bytes spaced
out), bytes in any standard text encoding (UTF-16, as PowerShell's `-EncodedCommand` holds; the
legacy CJK codecs), compressed (gzip, zlib), one key XORed over every byte, bytes as Braille
patterns, bits in any two code points that are no letter, digit or printable ASCII (by class: controls,
format characters, marks, blanks, symbols), one such character between every letter, bytes as groups
of digits in any base from 7 to 36, bytes taken one to four at a time as numbers in fixed-width
digit groups of any base up to 62, letters in their compatibility forms (fullwidth,
circled, parenthesized, mathematical), boxed letters (squared, negative, regional indicators: one
table by code point), text turned upside down, small capitals, UTF-7 and MIME encoded-words (read
by the standard library), Russian in KOI-7 (KOI8-R with its eighth bit stripped, Cyrillic as
Latin capitals), Hangul spelled in loose jamo, letters as
their place in the alphabet (A1Z26), CSS escapes and code points written `u53d1` or `U+53D1`.
Letters written as other letters (ciphers, spelling alphabets, leetspeak) are ciphers.py's.

Each yields candidate texts (how, text, source); encoded.py keeps those that read as prose. Each
is looked for only where the text holds its sign (checked in C: a translation and a substring
search, or a character range), each scan is one linear regex pass with possessive repeats, and
each decoding is bounded (`_TOKENS` candidates per text, `_TOKEN_LIMIT` characters per token), so
the whole stays linear in the input.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import email.errors
import email.header
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import islice

from driftwatch.visible import HIDDEN

Candidate = tuple[str, str, str]
"""(how, decoded text, encoded source)."""

_TOKENS = 8
"""Candidates of one kind decoded per text at most."""
_TOKEN_LIMIT = 4096
"""Characters of one token decoded at most (base58's big number is quadratic in its length)."""


def readable(text: str) -> bool:
    """Printable text, what a second encoding can hide in (`%2520`, base64 inside percent)."""
    if len(text) < 8 or text.isprintable():  # (one pass in C answers for nearly every text)
        return len(text) >= 8
    return (sum(map(str.isprintable, text)) + text.count("\n")) / len(text) >= 0.95


_LEGACY = ("shift_jis", "euc_jp", "euc_kr", "gbk", "big5")
"""Legacy codecs of Japanese, Korean and Chinese text: bytes that are not UTF-8 may be one of these."""
_KANA = re.compile("[\u3040-\u30ff]")
_HANGUL = re.compile("[\uac00-\ud7af]")
_COMMON_LEADS = {"gbk": (0xB0, 0xD7), "big5": (0xA4, 0xC6)}
"""Lead bytes of the frequent characters (GB2312's first level, Big5's frequent hanzi)."""
_SCRIPT_SHARE = 0.7
"""Share of a legacy reading's characters outside ASCII that must be its script's frequent ones."""


_NOT_CONTROL = bytes(code for code in range(256) if (code >= 0x20 and code != 0x7F) or code in b"\t\n\r")
"""Every byte but the control bytes text never holds: what `bytes.translate` deletes to find those."""


_COMPRESSED = {b"\x1f\x8b": 16 + 15, b"\x78\x01": 15, b"\x78\x5e": 15, b"\x78\x9c": 15, b"\x78\xda": 15}
"""The magic of gzip and of zlib's four levels -> the window bits that read it."""
_INFLATED = 65536
"""Bytes a compressed blob is inflated to at most (a bomb stops there)."""


def text_of_bytes(data: bytes) -> str | None:
    """The readable text `data` holds: inflated first when it is gzip or zlib; UTF-8; else UTF-16
    when every other byte is zero (text in ASCII, the way Windows and PowerShell store it); else,
    when it holds bytes above ASCII, a legacy CJK codec whose reading is mostly the script's
    characters (a random key read as GBK is not)."""
    if (bits := _COMPRESSED.get(data[:2])) is not None:
        try:
            data = zlib.decompressobj(bits).decompress(data, _INFLATED)
        except zlib.error:
            return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and readable(text):
        return text
    if len(data) >= 8:
        for zeros, codec in ((data[1::2], "utf-16-le"), (data[0::2], "utf-16-be")):
            if zeros.count(0) * 4 >= len(zeros) * 3:
                try:
                    wide = data[: len(data) // 2 * 2].decode(codec)
                except UnicodeDecodeError:
                    continue
                return wide if readable(wide) else None
    if text is None and max(data, default=0) >= 0x80 and not data.translate(None, _NOT_CONTROL):
        return _legacy(data)  # (random bytes, a key or a hash, hold a control byte in nearly every 8)
    return None


def _legacy(data: bytes) -> str | None:
    """A legacy CJK reading of `data` that reads as its language: Japanese with kana, Korean in
    Hangul syllables, Chinese in frequent characters (random bytes, a key or a hash, decode into
    rare characters and halfwidth katakana)."""
    for codec in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = _ASCII.sub("", text)
        if len(wide) >= 4 and readable(text) and _frequent(codec, wide) >= _SCRIPT_SHARE * len(wide):
            return text
    return None


_ASCII = re.compile("[\x00-\x7f]+")


def _frequent(codec: str, wide: str) -> int:
    """How many characters of `wide` (a legacy reading's characters outside ASCII) are its script's
    frequent ones."""
    if codec in ("shift_jis", "euc_jp"):
        kana = len(_KANA.findall(wide))
        return len(wide) if 3 * kana >= len(wide) else 0  # (Japanese prose: a third kana or more)
    if codec == "euc_kr":
        return len(_HANGUL.findall(wide))
    leads = wide.encode(codec)[0::2]  # (GBK and Big5 write every character outside ASCII in two bytes)
    return len(leads) - len(leads.translate(None, _LEAD_RANGES[codec]))


_LEAD_RANGES = {codec: bytes(range(low, high + 1)) for codec, (low, high) in _COMMON_LEADS.items()}
"""The frequent lead bytes of each codec, as `bytes.translate` deletes them."""


_BASE58_LIMIT = 512
"""Characters of a base58 blob decoded at most (375 bytes: a paragraph; its big number costs the
square of its length)."""
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_DIGITS = {char: value for value, char in enumerate(_BASE58)}


_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_BASE62_DIGITS = {char: value for value, char in enumerate(_BASE62)}


def base58(blob: str) -> str | None:
    """The text a Bitcoin-alphabet base58 blob holds (asked of a base64 run in its alphabet)."""
    if len(blob) > _BASE58_LIMIT or not set(blob) <= _BASE58_DIGITS.keys():
        return None
    data = _big_number(blob, _BASE58_DIGITS)
    return text_of_bytes(b"\0" * (len(blob) - len(blob.lstrip("1"))) + data)


def number_blob(blob: str) -> tuple[str, str] | None:
    """(how, text) of a blob of upper and lower case letters and digits read as one big number:
    base58 (Bitcoin's alphabet) or base62 (digits, then A-Z, then a-z), whichever gives text."""
    if (found := base58(blob)) is not None:
        return "base58", found
    if len(blob) > _BASE58_LIMIT or not set(blob) <= _BASE62_DIGITS.keys():
        return None
    found = text_of_bytes(_big_number(blob, _BASE62_DIGITS))
    return None if found is None else ("base62", found)


def _big_number(blob: str, digits: dict[str, int]) -> bytes:
    """The bytes of `blob` read as one big-endian number in `digits` (its length: the base)."""
    number = 0
    for char in blob:
        number = number * len(digits) + digits[char]
    return number.to_bytes((number.bit_length() + 7) // 8, "big")


_BASE32HEX = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUV")
_BASE32_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz234567")
_ZBASE32 = "ybndrfg8ejkmcpqxot1uwisza345h769"
_ZBASE32_AS_RFC = str.maketrans(_ZBASE32, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
_BASE36_LIMIT = 512
"""Characters of a base36 blob decoded at most (its big number costs the square of its length)."""


def lower_case_blob(piece: str) -> Iterator[tuple[str, str | None]]:
    """Readings of a run of lower case letters and digits: base32 in lower case, z-base-32 (its
    alphabet chosen for people, `ybndrfg8…`), base36 (a number in digits and letters, as bytes)."""
    bare = piece.rstrip("=")
    if len(bare) % 8 not in (1, 3, 6):
        if _BASE32_LOWER.issuperset(bare):
            yield "base32", _b32(bare.upper())
        if set(_ZBASE32).issuperset(bare):
            yield "z-base-32", _b32(bare.translate(_ZBASE32_AS_RFC))
    if len(piece) <= _BASE36_LIMIT:
        number = int(piece, 36)
        yield "base36", text_of_bytes(number.to_bytes((number.bit_length() + 7) // 8, "big"))


def _b32(bare: str) -> str | None:
    try:
        return text_of_bytes(base64.b32decode(bare + "=" * (-len(bare) % 8)))
    except (binascii.Error, ValueError):
        return None


def base32hex(bare: str) -> str | None:
    """The text a base32hex blob (RFC 4648's extended hex alphabet, 0-9 and A-V) holds."""
    if not _BASE32HEX.issuperset(bare):
        return None
    try:
        return text_of_bytes(base64.b32hexdecode(bare + "=" * (-len(bare) % 8)))
    except (binascii.Error, ValueError):
        return None


def xored(data: bytes) -> str | None:
    """Bytes XORed with one key, read back: the key is one that makes one of the three most frequent
    bytes a space (prose's most frequent character, or its second or third after `e` and `t`),
    three passes; kept only when the result is readable and mostly letters and spaces."""
    if len(data) < 16:
        return None
    for byte, _ in Counter(data).most_common(3):
        key = byte ^ 0x20
        found = text_of_bytes(bytes(value ^ key for value in data)) if key else None
        if found is not None and sum(map(str.isalpha, found)) + found.count(" ") >= 0.75 * len(found):
            return found
    return None


_DUMP_OFFSET = r"[ \t]*+\n[0-9A-Fa-f]{4,8}+:?[ \t]++"
"""A line break and the offset column that opens each line of a hex dump (`00000010  `, `0010: `)."""
_SPACED_HEX = re.compile(
    rf"(?<![0-9A-Fa-f])[0-9A-Fa-f]{{2}}(?:(?:[ :]|{_DUMP_OFFSET})[0-9A-Fa-f]{{2}}(?![0-9A-Fa-f])){{11,}}+"
)
"""Twelve hex pairs or more, a space or a colon between, and across a dump's lines their offsets."""
_OFFSETS = re.compile(_DUMP_OFFSET)
_SPACED_HEX_MARKS = bytes(
    ord("h") if chr(code) in "0123456789abcdefABCDEF" else ord("s") if chr(code) in " :" else ord(".")
    for code in range(256)
)
_SPACED_HEX_HINT = b"hhshhshhshh"


def spaced_hex(text: str, data: bytes) -> Iterator[Candidate]:
    """Bytes written as hex pairs with a space or colon between (a hex dump, its lines' offsets left
    out), read as text, or XORed with one key (a fingerprint or a MAC address reads as neither)."""
    for match in _limited(_SPACED_HEX.finditer(text)):
        raw = bytes.fromhex(_OFFSETS.sub(" ", match.group()).replace(":", " "))
        if (found := text_of_bytes(raw)) is not None:
            yield "hex", found, match.group()
        if (found := xored(raw)) is not None:
            yield "hex+xor", found, match.group()


def _limited(matches: Iterator[re.Match[str]]) -> Iterator[re.Match[str]]:
    for count, match in enumerate(matches):
        if count >= _TOKENS:
            return
        yield match


_B85_ONLY = "!#$%&()*;<=>?@^`{|}~"
"""Characters of the base85 alphabets outside base64's: a token with few is base64's to read, or a word."""
_A85_ONLY = "\"',./:[\\]"
"""Characters of Ascii85's alphabet (`!` to `u`) outside base85's and base64's."""
_B85_MARKS = bytes(
    ord("p")
    if chr(code) in _B85_ONLY
    else ord("a")
    if chr(code) in "+-_" + _A85_ONLY or (chr(code).isalnum() and code < 128)
    else ord(" ")
    for code in range(256)
)
_B85_LENGTH = 20
"""Characters of a base85 token at least."""
_B85_SIGNS = 3
"""Characters of `_B85_ONLY` a base85 token holds at least (a sixteenth of it or more): text encoded
in base85 holds one in four or so, in Ascii85 one in eight; an identifier, a path or a sum in code, few."""
_B85_SIGNED = re.compile(rb"p(?:a*+p){%d}" % (_B85_SIGNS - 1))
"""`_B85_SIGNS` signs in one run of the alphabets: led by a literal, the search skips in C from sign to sign
(a run's own pattern, `[ap]{20,}+`, is tried at every letter of every word)."""


def base85(text: str, data: bytes) -> Iterator[Candidate]:
    """Base85 (RFC 1924, as git and Python's b85encode write it) and Ascii85 without its `<~ ~>`,
    asked of long runs of their alphabets that hold their own signs (marked in `data`, one C pass)."""
    marks = data.translate(_B85_MARKS)
    tokens = 0
    for start, end in _signed_runs(marks):
        signs, length = marks.count(b"p", start, end), end - start
        if length < _B85_LENGTH or 16 * signs < length or 2 * signs > length:
            continue
        token = text[start:end][:_TOKEN_LIMIT]
        for how, found in _readings(token):
            yield how, found, token
        if (tokens := tokens + 1) >= _TOKENS:
            return


_READINGS: dict[str, tuple[tuple[str, str], ...]] = {}
"""Base85 tokens read lately -> their readings: the same path or pattern (`/rest/api/3/issue/{id}`,
`^[A-Z][A-Z0-9_]+-\\d+$`) comes back in string after string, and its decoders are Python loops."""
_READINGS_MEMO = 4096
"""Tokens remembered at most, each of `_READING_LIMIT` characters at most: the memory stays bounded."""
_READING_LIMIT = 200


def _readings(token: str) -> tuple[tuple[str, str], ...]:
    """(how, text) of each base85 alphabet `token` can be in that reads it as text, remembered for
    short tokens."""
    found = _READINGS.get(token)
    if found is None:
        read = []
        for decode, how in _decoders_of(token):
            try:
                text = text_of_bytes(decode(token))
            except ValueError:
                continue
            if text is not None:
                read.append((how, text))
        found = tuple(read)
        if len(token) <= _READING_LIMIT:
            if len(_READINGS) >= _READINGS_MEMO:
                _READINGS.clear()  # (one atomic call: threads may share the memo; a miss costs one reading)
            _READINGS[token] = found
    return found


def _signed_runs(marks: bytes) -> Iterator[tuple[int, int]]:
    """The (start, end) of each run of `marks` (`a` and `p`, between blanks) that holds `_B85_SIGNS`
    signs (`p`) or more, in order: each found from its first signs' match, one search per run."""
    at = 0
    while (signed := _B85_SIGNED.search(marks, at)) is not None:
        start = marks.rfind(b" ", 0, signed.start()) + 1
        end = marks.find(b" ", signed.end())
        end = len(marks) if end < 0 else end
        yield start, end
        at = end


_A85_SIGNS = re.compile("[\"',./:\\[\\]\\\\]")
_BEYOND_A85 = re.compile("[v-z{|}~]")


def _decoders_of(token: str) -> list[tuple[Callable[[str], bytes], str]]:
    """The base85 alphabets `token` can be in: RFC 1924's has no `"',./:[\\]`, Ascii85's nothing past
    `u`; basE91's (both and more) no `-`, `'` nor backslash."""
    found: list[tuple[Callable[[str], bytes], str]] = []
    if _A85_SIGNS.search(token) is None:
        found.append((base64.b85decode, "base85"))
    if _BEYOND_A85.search(token) is None:
        found.append((base64.a85decode, "ascii85"))
    if set(token) <= _BASE91_DIGITS.keys():
        found.append((base91, "base91"))
    return found


_BASE91 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&()*+,./:;<=>?@[]^_`{|}~"'
_BASE91_DIGITS = {char: value for value, char in enumerate(_BASE91)}


def base91(token: str) -> bytes:
    """basE91 (Joachim Henke's: two characters carry 13 or 14 bits), decoded in one pass."""
    out = bytearray()
    queue = bits = 0
    pending = -1
    for char in token:
        if pending < 0:
            pending = _BASE91_DIGITS[char]
            continue
        pending += _BASE91_DIGITS[char] * 91
        queue |= pending << bits
        bits += 13 if (pending & 8191) > 88 else 14
        while bits > 7:
            out.append(queue & 255)
            queue >>= 8
            bits -= 8
        pending = -1
    if pending >= 0:
        out.append((queue | pending << bits) & 255)
    return bytes(out)


_UU_BEGIN = re.compile(
    r"(?<!\S)begin [0-7]{3,4} [^\n]{1,200}\n((?:[ -`]{1,62}\n){1,2000}?)`?\n?end\b", re.MULTILINE
)


def uuencoded(text: str) -> Iterator[Candidate]:
    """A uuencoded block (`begin 644 name` … `end`), line by line."""
    if "begin " not in text:
        return
    for match in _limited(_UU_BEGIN.finditer(text)):
        try:
            data = b"".join(binascii.a2b_uu(line) for line in match.group(1).splitlines())
        except binascii.Error:
            continue
        if (found := text_of_bytes(data)) is not None:
            yield "uuencode", found, match.group()


_BRAILLE = re.compile("[\u2800-\u28ff]{12,}+")


def braille_bytes(text: str) -> Iterator[Candidate]:
    """Bytes as Braille patterns (U+2800 + the byte: the eight dots are the eight bits)."""
    for match in _limited(_BRAILLE.finditer(text)):
        data = bytes(ord(char) - 0x2800 for char in match.group()[:_TOKEN_LIMIT])
        if (found := text_of_bytes(data)) is not None:
            yield "braille-bytes", found, match.group()


_NOT_TEXT = "[^\\x20-\\x7e\\t\\n\\r\\w]"
"""A character that is no printable ASCII and no letter or digit of any script: a control, a format
character, a mark, a blank, a symbol (what two code points carrying bits are, whichever they are)."""
_TWO_SYMBOL_RUN = re.compile(f"({_NOT_TEXT})\\1{{0,63}}+({_NOT_TEXT})(?:\\1|\\2){{14,}}+")
"""Sixteen characters or more in a row of two such code points (LRM and RLM, ZWSP and ZWNJ, two C1
controls, two musical format characters, a Braille blank and a narrow no-break space). From each
position the run is taken possessively, the first kind at most 64 times before the second: linear."""


def invisible_bits(text: str) -> Iterator[Candidate]:
    """Bits in a run of two code points that are no letter, digit or printable ASCII, as bytes,
    either way round: the one channel two such characters make, whichever two they are (by class,
    not by list: control, format, mark, blank or symbol). Kept when the bytes are readable text."""
    for match in _limited(_TWO_SYMBOL_RUN.finditer(text)):
        run = match.group()[: 8 * _TOKEN_LIMIT]
        kinds = sorted(set(run))
        if len(kinds) != 2 or len(run) < 16:
            continue
        for zero, one in (kinds, kinds[::-1]):
            bits = run.replace(zero, "0").replace(one, "1")
            data = int(bits[: len(bits) // 8 * 8], 2).to_bytes(len(bits) // 8, "big")
            if (found := text_of_bytes(data)) is not None:
                yield f"invisible-bits[U+{ord(zero):04X}=0 U+{ord(one):04X}=1]", found, run
                break


SEPARATED = re.compile(f"({_NOT_TEXT})(?:(?!\\1)[^\\n]\\1){{7,}}+")
"""One such character after each of eight characters or more in a row (`e\U0001d159n\U0001d159v…`):
tried from each separator once, possessive, so linear. hidden.py reads the same runs as a hiding
method whatever they carry (and its `_INTERLEAVED` the same shape for visible.HIDDEN's characters)."""
_SEPARATED_LETTERS = 6
_SHOWN_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""Combining marks made for letters (accents, a strike or an underline through each: `s̶t̶r̶i̶k̶e̶`):
over a letter they show, so a letter and one of them is styled text, not a letter hidden among others."""


def separated_letters(text: str) -> Iterator[Candidate]:
    """Text with one character between every two of its letters that is no letter, digit, blank,
    punctuation or printable ASCII (`U+FFFC`, a musical notehead or accent, a control): the letters
    read without it. By class, whatever the character; a mark made for letters shows, and the
    characters visible.HIDDEN lists are hidden.py's to report."""
    for match in _limited(SEPARATED.finditer(text)):
        separator = match.group(1)
        if (
            HIDDEN.match(separator) is not None
            or _SHOWN_MARKS.match(separator) is not None
            or unicodedata.category(separator)[0] in "PZ"
        ):
            continue
        carried = match.group()[1::2]
        if sum(map(str.isalpha, carried)) < _SEPARATED_LETTERS:
            continue
        before = text[match.start() - 1] if match.start() and text[match.start() - 1] != "\n" else ""
        after = text[match.end()] if match.end() < len(text) and text[match.end()] != "\n" else ""
        yield f"separated-letters[U+{ord(separator):04X}]", before + carried + after, match.group()


_COMPATIBLE = "\u249c-\u24e9\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d6a5\U0001d7ce-\U0001d7ff"
"""Letters in compatibility forms (parenthesized and circled, fullwidth, mathematical): NFKC reads
each as the ASCII letter or digit it styles (boxed letters are `boxed_letters`')."""
_STYLED_RUN = re.compile(
    f"[{_COMPATIBLE}][{_COMPATIBLE}\\s\u3000\uff01-\uff20\uff3b-\uff40\\-.,:;!?'\"()@/_]*+"
)
_STYLED_LETTERS = 12
TRAILING = re.compile(r"(?<![ \t])[ \t]++$", re.MULTILINE)
"""Blanks at a line's end, whole (a run is tried from its start only, once: linear): where whitespace
steganography (SNOW) writes its bits, a tab among them."""
TRAILING_RUN = 8
"""Blanks of a trailing run that can carry a byte: shorter runs are an editor's leftovers."""


def trailing_bits(text: str) -> Iterator[Candidate]:
    """Bits in the blanks at the ends of lines (a space 0, a tab 1), read as bytes: each line's run
    whole, or after the one blank that separates it from the text."""
    runs = [
        run for run in TRAILING.findall(text, 0, 8 * _TOKEN_LIMIT) if len(run) >= TRAILING_RUN and "\t" in run
    ]
    if len(runs) < 2:
        return
    for skip in (0, 1):
        bits = "".join(run[skip:] for run in runs).replace(" ", "0").replace("\t", "1")
        data = int(bits[: len(bits) // 8 * 8] or "0", 2).to_bytes(len(bits) // 8, "big")
        if (found := text_of_bytes(data)) is not None:
            yield "trailing-whitespace", found, "".join(runs)
            return


def styled_letters(text: str) -> Iterator[Candidate]:
    """A passage in styled letters (`Ｓｅｎｄ`, `ⓢⓔⓝⓓ`, `𝐬𝐞𝐧𝐝`, `⒮⒠⒩⒟`), as the letters they
    style: the rules read the folded text already (but for parenthesized letters, which NFKC spells
    `(s)(e)(n)(d)`), this reports the styling as a hiding of its own."""
    for match in _limited(_STYLED_RUN.finditer(text)):
        run = match.group()
        if len(re.findall(f"[{_COMPATIBLE}]", run)) >= _STYLED_LETTERS:
            yield "styled-letters", _ENCLOSED.sub(r"\1", unicodedata.normalize("NFKC", run)).strip(), run


_ENCLOSED = re.compile(r"\((\w)\)")
"""A letter NFKC reads out of a parenthesized one (`⒮` is `(s)`)."""
_SMALL_CAPITAL_LETTERS = "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ"
_SMALL_CAPITALS = str.maketrans(_SMALL_CAPITAL_LETTERS, "abcdefghijklmnopqrstuvwyz")
"""Small capitals (IPA and phonetic letters NFKC leaves as they are) -> the letters they look like."""
_SMALL_RUN = re.compile(f"[{_SMALL_CAPITAL_LETTERS}][{_SMALL_CAPITAL_LETTERS}x\\s\\-.,:;!?'\"()@/_]*+")


_BOXED = {
    **{0x1F130 + at: chr(65 + at) for at in range(26)},
    **{0x1F150 + at: chr(65 + at) for at in range(26)},
    **{0x1F170 + at: chr(65 + at) for at in range(26)},
    **{0x1F1E6 + at: chr(65 + at) for at in range(26)},
}
"""Latin letters in boxes, by code point: squared (U+1F130), negative circled (U+1F150), negative
squared (U+1F170) and the regional indicator symbols (U+1F1E6, two of which make a flag) -> A-Z."""
_BOXES = "\U0001f130-\U0001f189\U0001f1e6-\U0001f1ff"
_BOXED_RUN = re.compile(f"[{_BOXES}][{_BOXES}\\s\\-.,:;!?'\"@/_]*+")
_BOXED_WORD = re.compile(f"[{_BOXES}]+")


def boxed_letters(text: str) -> Iterator[Candidate]:
    """A passage in boxed letters (`🄴🄽🅅🄾🄸🄴`, `🅂🄴🄽🄳`, regional indicators `🇸🇪🇳🇩`), as the letters:
    NFKC folds only the squared ones, and the rules read past what it leaves. Flags are regional
    indicators two by two: a run of them is read only when a word of it is an odd number of letters."""
    for match in _limited(_BOXED_RUN.finditer(text)):
        run = match.group()[:_TOKEN_LIMIT]
        words = _BOXED_WORD.findall(run)
        if sum(map(len, words)) < _STYLED_LETTERS:
            continue
        if all(len(word) % 2 == 0 and min(word) >= "\U0001f1e6" for word in words):
            continue  # (flags: `🇫🇷 🇩🇪` is France and Germany)
        yield "boxed-letters", run.translate(_BOXED).strip(), run


_TURNED = {
    **dict(zip("ɐqɔpǝɟƃɥᴉıɾʞןlɯuodbɹsʇnʌʍxʎz", "abcdefghiijkllmnopqrstuvwxyz", strict=True)),
    **dict(zip("∀ꓭƆᗡƎℲ⅁HIſꓘ˥WNOԀὉᴚS⊥∩ΛMX⅄Z", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", strict=True)),
    **dict(zip("˙',‾¿¡)(][}{><⅋", ".,'_?!()[]{}<>&", strict=True)),
}
"""Text turned upside down, character by character (`ɐ` is `a`, `p` is `d`, `‾` is `_`), read the
right way up."""
_TURNED_TABLE = str.maketrans({turned: plain for turned, plain in _TURNED.items()})
_TURNED_ONLY = "ɐɔǝɟƃɥᴉɾʞןɯɹʇʌʍʎ∀ꓭƆᗡƎℲ⅁ꓘ˥ԀᴚΛ⅄‾˙"
"""Characters only turned text holds (IPA letters, most of them, a transcription holds a few)."""
_TURNED_RUN = re.compile(f"[{_TURNED_ONLY}][{re.escape(''.join(_TURNED))}\\w\\s\\-.,:;!?'\"@/]*+")
_TURNED_LETTERS = 12


def turned_text(text: str) -> Iterator[Candidate]:
    """A passage written upside down (`ǝɥʇ ɹǝʇɟɐ`): each character turned back, the whole reversed;
    the run read from the start of the word its first turned letter is in."""
    for match in _limited(_TURNED_RUN.finditer(text)):
        run = match.group()[:_TOKEN_LIMIT]
        if sum(char in _TURNED_ONLY for char in run) < _TURNED_LETTERS:
            continue
        start = match.start()
        while start > max(0, match.start() - 64) and not text[start - 1].isspace():
            start -= 1  # (the word's letters that read the same either way up: `sdo-ɥɔʇ…`)
        run = text[start : match.start()] + run
        yield "upside-down", run[::-1].translate(_TURNED_TABLE).strip(), run


def small_capitals(text: str) -> Iterator[Candidate]:
    """A passage in small capitals (`ꜱᴇɴᴅ ᴛʜᴇ ᴋᴇʏꜱ`), as the letters they look like: Latin letters
    NFKC does not fold, which a filter of words walks past and a model reads."""
    for match in _limited(_SMALL_RUN.finditer(text)):
        run = match.group()
        if len(run) - len(run.encode("ascii", "ignore")) >= _STYLED_LETTERS:
            yield "small-capitals", run.translate(_SMALL_CAPITALS).strip(), run


_LEADS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_TAILS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_JAMO_RUN = re.compile("[\u3131-\u3163][\u3131-\u3163\\s.,:;!?]*+")
_LOOSE_JAMO = 12


def composed_jamo(text: str) -> Iterator[Candidate]:
    """Hangul written as loose compatibility jamo (`ㅎㅚㅇㅝㄴ`), composed back into syllables (회원)."""
    for match in _limited(_JAMO_RUN.finditer(text)):
        run = match.group()[:_TOKEN_LIMIT]
        if sum(char in _VOWELS for char in run) >= _LOOSE_JAMO:
            yield "hangul-jamo", _compose(run), run


def _compose(run: str) -> str:
    """Loose jamo as syllables: a lead and a vowel, and a tail when the consonant after them is
    not the lead of the next syllable (not followed by a vowel)."""
    out: list[str] = []
    at = 0
    while at < len(run):
        char = run[at]
        if char in _LEADS and at + 1 < len(run) and run[at + 1] in _VOWELS:
            lead, vowel, tail = _LEADS.index(char), _VOWELS.index(run[at + 1]), 0
            at += 2
            after = run[at + 1] if at + 1 < len(run) else ""
            if at < len(run) and run[at] in _TAILS[1:] and after not in _VOWELS:
                tail = _TAILS.index(run[at])
                at += 1
            out.append(chr(0xAC00 + (lead * 21 + vowel) * 28 + tail))
        else:
            out.append(char)
            at += 1
    return "".join(out)


_A1Z26 = re.compile(
    r"(?<![\w-])(?:2[0-6]|1\d|[1-9])(?!\d)(?:(?:-{1,3}|[ \t]*/[ \t]*|[ \t]+)(?:2[0-6]|1\d|[1-9])(?!\d))*+"
)
_A1Z26_MARKS = bytes(
    ord("0") if chr(code).isdigit() else ord("-") if code == ord("-") else ord(" ") for code in range(256)
)
_A1Z26_HINT = b"0-0-0"
_QUWEI_HINT = b"0000 0000 0000"
_A1Z26_NUMBERS = 15


def letter_numbers(text: str, data: bytes) -> Iterator[Candidate]:
    """Letters as their place in the alphabet, joined by hyphens into words (`5-14-22-9-1` is
    `envia`), words apart by blanks or slashes, a literal hyphen as three."""
    for match in _limited(_A1Z26.finditer(text)):
        run = match.group()
        if len(re.findall(r"\d+", run)) < _A1Z26_NUMBERS:
            continue
        words = re.split(r"[ \t]*/[ \t]*|[ \t]+", run)
        spelled = [
            "-".join("".join(chr(96 + int(n)) for n in part.split("-") if n) for part in word.split("---"))
            for word in words
        ]
        yield "a1z26", " ".join(spelled), run


_CSS_ESCAPE = re.compile(r"\\([0-9A-Fa-f]{1,6}) ?")
_CSS_RUN = re.compile(r"(?:\\[0-9A-Fa-f]{1,6}+ ?[^\\\n]{0,2}+){4,}+")
"""Four CSS escapes or more, each followed by two characters at most (a space, a hyphen, a dot):
the escaped span, decoded alone (a Windows path, `C:\\Data\\Backup`, holds escapes of a kind too,
each before a word)."""
_CODE_POINT = re.compile(r"(?<![0-9A-Za-z])(?:[uU]\+?)([0-9A-Fa-f]{4,6})(?![0-9A-Fa-f])")
_CODE_POINTS = re.compile(
    r"(?<![0-9A-Za-z])[uU]\+?[0-9A-Fa-f]{4,6}(?:[_\s,;-]{1,3}[uU]\+?[0-9A-Fa-f]{4,6}(?![0-9A-Fa-f])){3,}+"
)


_POINT_MARKS = bytes(
    ord("u") if chr(code) in "uU" else ord("h") if chr(code) in "0123456789abcdefABCDEF+" else ord(" ")
    for code in range(256)
)
_POINT_HINT = b"uhhhh"


def escaped_points(text: str, data: bytes) -> Iterator[Candidate]:
    """Characters written as CSS escapes (`\\43b `) or as code points (`u53d1_u9001`, `U+53D1`)."""
    if "\\" in text:
        for run in _limited(_CSS_RUN.finditer(text)):
            yield "css-escapes", _CSS_ESCAPE.sub(_point, run.group()), run.group()
    if _POINT_HINT in data.translate(_POINT_MARKS) and (points := _CODE_POINTS.search(text)) is not None:
        yield "code-points", _CODE_POINT.sub(_point, points.group()).replace("_", ""), points.group()


def _point(match: re.Match[str]) -> str:
    value = int(match.group(1), 16)
    return chr(value) if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else match.group()


_SIGNS_ONLY = bytes(code for code in range(256) if chr(code) not in _B85_ONLY)
"""Every byte but base85's own signs: what `bytes.translate` deletes to count those."""


_NOT_DIGITS = bytes(code for code in range(256) if not ord("0") <= code <= ord("9"))
"""Every byte but the digits: what `bytes.translate` deletes to count them."""


_UTF7_RUN = re.compile(r"\+[A-Za-z0-9/]{3,}+-?(?:[\t -*,-~]{0,40}+\+[A-Za-z0-9/]{3,}+-?){2,}+")
"""Three UTF-7 shifted runs or more (`+uqi04A`, base64 of UTF-16 after a `+`), a few ASCII words between:
each repetition opens with `+`, which what comes between never holds (one way to match, linear)."""
_UTF7_SCRIPT_SHARE = 0.9
"""Share of a UTF-7 reading's characters outside ASCII that must be letters of one block of 256
code points or of its script (random base64 read as UTF-16 is characters from all over the plane)."""


def utf7(text: str) -> Iterator[Candidate]:
    """Text in UTF-7 (RFC 2152, `+uqi04A +1ozG0MdY`: UTF-16 in modified base64 after a `+`), read by
    the standard codec; kept when its characters outside ASCII are letters of one script."""
    for match in _limited(_UTF7_RUN.finditer(text)):
        run = match.group()[:_TOKEN_LIMIT]
        try:
            found = codecs.decode(run.encode("ascii"), "utf-7")
        except UnicodeDecodeError:
            continue
        wide = [char for char in found if not char.isascii()]
        scripts = Counter(unicodedata.name(char, " ").split(" ")[0] for char in wide if char.isalpha())
        if len(wide) >= 4 and scripts and scripts.most_common(1)[0][1] >= _UTF7_SCRIPT_SHARE * len(wide):
            yield "utf-7", found, run


_ENCODED_WORD = re.compile(r"=\?[A-Za-z0-9_.:-]{1,40}+(?:\*[A-Za-z-]{1,20}+)?\?[BbQq]\?[!->@-~]{1,4096}+\?=")
"""An RFC 2047 encoded-word (`=?ISO-2022-JP?B?GyRC…?=`): a charset, B or Q, the encoded text (no
`?` nor blank in it); possessive, so a long run that fails fails once."""


def mime_words(text: str) -> Iterator[Candidate]:
    """MIME encoded-words (a mail header's non-ASCII text: `=?UTF-8?B?…?=`), each read by the
    standard library in its own charset (`email.header`)."""
    for match in _limited(_ENCODED_WORD.finditer(text)):
        try:
            parts = email.header.decode_header(match.group())
            found = "".join(
                part.decode(charset or "ascii") if isinstance(part, bytes) else part
                for part, charset in parts
            )
        except (LookupError, UnicodeDecodeError, ValueError, email.errors.HeaderParseError):
            continue
        if found != match.group():
            yield "mime-encoded-word", found, match.group()


_QUWEI = re.compile(r"(?<!\d)\d{4}+(?:[ \t]++\d{4}+(?!\d)){11,}+")
"""Twelve groups of four digits or more, blanks between: GB2312 area-position codes (区位码)."""
_QUWEI_SHARE = 0.7
"""Share of a reading's hanzi that must be GB2312's first level (areas 16-55, the frequent ones)."""


def quwei(text: str) -> Iterator[Candidate]:
    """Chinese written as GB2312 area-position codes (`1649 4389`: area 16, position 49), read back;
    kept when every group is a cell of the table and most of its hanzi are frequent ones."""
    for match in _limited(_QUWEI.finditer(text)):
        groups = [group for group in match.group()[:_TOKEN_LIMIT].split() if len(group) == 4]
        cells = [(int(group[:2]), int(group[2:])) for group in groups]
        if not all(1 <= area <= 87 and 1 <= place <= 94 for area, place in cells):
            continue
        frequent = sum(16 <= area <= 55 for area, _ in cells)
        hanzi = sum(area >= 16 for area, _ in cells)
        if hanzi < 4 or frequent < _QUWEI_SHARE * hanzi:
            continue
        try:
            found = bytes(code + 0xA0 for cell in cells for code in cell).decode("gb2312")
        except UnicodeDecodeError:
            continue
        yield "gb2312-quwei", unicodedata.normalize("NFKC", found), match.group()


_DIGIT_GROUPS = re.compile(
    r"[0-9](?<![\w.][0-9])[0-9A-Za-z]{1,7}+"
    r"(?:(?:[ \t]*+[,;][ \t]*+|[ \t]++)[0-9][0-9A-Za-z]{1,7}+(?![\w.])){7,}+"
)
"""Eight groups or more of two to eight digits of some base (0-9, then a-z), each opening on a digit,
apart by blanks, commas or semicolons (`08a 07a 076 …`, `4d 51 56 5c …`): a byte in any base from
11 up opens on a digit when the group is as wide as its largest byte needs. Opens on its first
digit (the lookbehind after it: the regex engine skips in C to the next digit); possessive, linear."""
_GROUP = re.compile(r"[0-9A-Za-z]+")
_GROUP_MARKS = bytes(
    ord("0") if chr(code).isdigit() else ord(" ") if code in b" \t,;" else 0 for code in range(256)
)
_GROUP_STARTS = 7
"""Digits after a blank, a comma or a semicolon (counted in C) that eight groups have at least."""
_FEW_SYMBOLS = 6
"""Distinct digits at most of the runs opaque.py reads as a tiny alphabet (and flags, decoded or not)."""
_PROSE_SHARE = 0.8
"""Share of letters, digits and blanks a reading needs to be the one base among several whose bytes read."""


def digit_groups(text: str) -> Iterator[Candidate]:
    """Bytes written as groups of digits in any base from 7 to 36 (base 13 in threes, base 21 in
    twos …), groups of one width or not: each base from the smallest the digits allow up to the
    first whose value of some group passes 255 (values only grow with the base), kept when the
    bytes read as text, mostly letters and blanks; the best such reading. Decimal and hex are read
    too (a table of numbers reads as no text)."""
    for match in _limited(_DIGIT_GROUPS.finditer(text)):
        groups = _GROUP.findall(match.group()[:_TOKEN_LIMIT].lower())
        if len(set("".join(groups))) <= _FEW_SYMBOLS:
            continue  # (bits, base 3 to 6: opaque.small_alphabet_run's, a run no number table is written in)
        lowest = max(int(max(group), 36) for group in groups) + 1
        best: tuple[float, int, str] | None = None
        for base in range(max(lowest, 2), 37):
            values = [int(group, base) for group in groups]
            if max(values) > 255:
                break
            if (found := text_of_bytes(bytes(values))) is None:
                continue
            share = sum(char.isalnum() or char == " " for char in found) / len(found)
            if share >= _PROSE_SHARE and (best is None or share > best[0]):
                best = (share, base, found)
        if best is not None:
            width = {len(group) for group in groups}
            widths = f"{width.pop()} digits" if len(width) == 1 else "groups"
            yield f"base-{best[1]}-bytes[{widths}]", best[2], match.group()


_WIDE_MARKS = bytes(
    ord("a") if chr(code).isascii() and chr(code).isalnum() else ord(".") if code in b" \t._,:;-" else 0
    for code in range(256)
)
"""Letters and digits marked `a`, the separators of digit groups `.` (blank, tab, dot, underscore,
comma, colon, semicolon, hyphen), anything else NUL: a run of groups of one width is `aaa.aaa.…`."""
_WIDE_RUN = re.compile(rb"(?<!a)(a{2,12}+)(?:\.\1(?!a)){7,}+")
"""Eight groups or more of one width (2 to 12) in the marks, one separator between each two: the
group repeated (`\\1`) is its width. Possessive, and its lookbehind fails inside a run: linear."""
_WIDE_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_WIDE_VALUES = {char: value for value, char in enumerate(_WIDE_DIGITS)}
_WIDE_FOLDED = {char: int(char, 36) for char in _WIDE_DIGITS}
"""Digits of a run written in one case: 0-9 then a-z or A-Z alike, bases up to 36."""
_WIDE_DECIDE = 64
"""Groups read to choose the base (the rest decoded in the one chosen)."""
_WIDE_BYTES = 4
"""Bytes a group stands for at most (a 32-bit number)."""


def wide_groups(text: str, data: bytes) -> Iterator[Candidate]:
    """Bytes taken k at a time (1 to 4) as a big-endian number written in fixed-width groups of digits
    (0-9, A-Z, a-z) in any base up to 62, one separator between the groups (`0oKLN_0EDXn_…`: three
    bytes in five base-53 digits; `CY5.AdK.3TE…`: two in three base-48 digits). The width fixes k
    for each base: the groups are as wide as k bytes need and no wider, so each base from the
    smallest the digits allow gives one reading at most; kept when the bytes read as text (whether
    it is prose is encoded.py's to say): the one with most letters, digits and blanks. Only runs
    holding a decimal digit are read."""
    for match in islice(_WIDE_RUN.finditer(data.translate(_WIDE_MARKS)), _TOKENS):
        run = text[match.start() : min(match.end(), match.start() + _TOKEN_LIMIT)]
        width = len(match.group(1))
        joints = set(run[width :: width + 1])
        if len(joints) != 1 or not any(char.isdigit() for char in run):
            continue  # (one separator throughout; words of one length hold no digit)
        groups = run.split(separator := joints.pop())
        if len(set("".join(groups))) <= _FEW_SYMBOLS:
            continue  # (bits, base 3 to 6: opaque.small_alphabet_run's)
        if (found := _wide_reading(groups, width)) is not None:
            base, count, reading = found
            yield f"base-{base}-{count}-bytes[{width} digits, {separator!r}]", reading, run


def _wide_reading(groups: list[str], width: int) -> tuple[int, int, str] | None:
    """(base, bytes a group, text) of the fixed-width `groups` read in the base whose bytes read as
    the most prose-like text, deciding on the first `_WIDE_DECIDE` groups."""
    folded = "".join(groups).isupper() or "".join(groups).islower() or "".join(groups).isdigit()
    values = _WIDE_FOLDED if folded else _WIDE_VALUES
    digits = [[values[char] for char in group] for group in groups]
    lowest = max(max(group) for group in digits) + 1
    best: tuple[float, int, int] | None = None
    for base in range(max(lowest, 2), 37 if folded else 63):
        if (count := _bytes_per_group(base, width)) is None:
            continue
        if (found := _wide_text(digits[:_WIDE_DECIDE], base, count)) is None:
            continue
        share = sum(char.isalnum() or char == " " for char in found) / len(found)
        if best is None or share > best[0]:
            best = (share, base, count)
    if best is None or (found := _wide_text(digits, best[1], best[2])) is None:
        return None
    return best[1], best[2], found


def _bytes_per_group(base: int, width: int) -> int | None:
    """The k (1 to `_WIDE_BYTES`) whose k bytes need exactly `width` digits of `base`, if any."""
    for count in range(1, _WIDE_BYTES + 1):
        if base ** (width - 1) < 256**count <= base**width:
            return count
    return None


def _wide_text(digits: list[list[int]], base: int, count: int) -> str | None:
    """The text of `digits` (one list a group) read as `count`-byte numbers in `base`: the last
    group's leading zero bytes and the whole's trailing ones are padding."""
    numbers = []
    for group in digits:
        number = 0
        for digit in group:
            number = number * base + digit
        numbers.append(number)
    if max(numbers) >= 256**count:
        return None
    data = b"".join(number.to_bytes(count, "big") for number in numbers[:-1])
    return text_of_bytes((data + numbers[-1].to_bytes(count, "big").lstrip(b"\0")).rstrip(b"\0"))


def in_ascii(text: str, data: bytes) -> list[Candidate]:
    """Every candidate of the encodings written in ASCII characters (`data`: `text` in ASCII, one
    byte a character), each asked only where the text holds its sign (counted in C). Each holds
    digits (hex pairs, base85's tenth of digits, A1Z26's numbers, code points), which prose rarely
    holds many of: one count rules most text out of all of them."""
    found = list(uuencoded(text)) if "begin " in text else []
    if "=?" in text and "?=" in text:
        found += mime_words(text)
    if text.count("+") >= 3:
        found += utf7(text)
    if "\t" in text and "\n" in text:
        found += trailing_bits(text)
    if _koi7_sign(data):
        found += koi7(text, data)
    if (digits := len(data.translate(None, _NOT_DIGITS))) < 2:
        return found
    if len(data.translate(None, _SIGNS_ONLY)) >= _B85_SIGNS:
        found += base85(text, data)
    if digits < 4:
        return found
    if "\\" in text or _POINT_HINT in data.translate(_POINT_MARKS):
        found += escaped_points(text, data)
    pairs = digits >= 8 and (text.count(" ") >= 11 or text.count(":") >= 11)
    if pairs and _SPACED_HEX_HINT in data.translate(_SPACED_HEX_MARKS):
        found += spaced_hex(text, data)
    if digits >= 16 and data.translate(_GROUP_MARKS).count(b" 0") >= _GROUP_STARTS:
        found += digit_groups(text)
    found += wide_groups(text, data)
    if digits >= 48 and _QUWEI_HINT in data.translate(_A1Z26_MARKS):
        found += quwei(text)
    if digits >= _A1Z26_NUMBERS and "-" in text and _A1Z26_HINT in data.translate(_A1Z26_MARKS):
        found += letter_numbers(text, data)
    return found


def beyond_ascii(text: str, highest: str) -> Iterator[Candidate]:
    """Every candidate of the encodings written in characters outside ASCII, each asked only where
    the text holds a character of its range (`highest`: `max(text)`, which the caller has), and the
    runs of letters only where one of them can start (`_RUN_STARTS`: one scan for the six)."""
    yield from invisible_bits(text)
    yield from separated_letters(text)
    if highest < "\u0250" or _RUN_STARTS.search(text) is None:
        return  # (most text beyond ASCII: accents, CJK, Cyrillic; no run of any of these opens in it)
    if highest >= "\u2460":
        yield from braille_bytes(text)
        yield from styled_letters(text)
        yield from composed_jamo(text)
    if highest >= "\U0001f130":
        yield from boxed_letters(text)
    if highest >= "\u0250":
        yield from turned_text(text)
    if highest >= "\u0262":
        yield from small_capitals(text)


_RUN_STARTS = re.compile(
    f"[\u2800-\u28ff{_COMPATIBLE}\u3131-\u3163{_BOXES}{_TURNED_ONLY}{_SMALL_CAPITAL_LETTERS}]"
)
"""A character that opens a run of `braille_bytes`, `styled_letters`, `composed_jamo`, `boxed_letters`,
`turned_text` or `small_capitals` (the first class of each run's pattern): text without one holds none."""


_KOI7_RUSSIAN = (
    "не на что по как все это для от из за или если при же так только без после всех когда их вы она "
    "они всегда никогда нет да это кто где чем того ее ему нас вам им них будет есть можно нужно надо "
    "также пожалуйста сразу каждый каждого всем"
)
"""Frequent Russian words whose KOI-7 spelling is no English word (`но`, `то`, `он`, `до`, `мы` are
`NO`, `TO`, `ON`, `DO`, `MY`; `и`, `а`, `в` single letters, left out)."""
_KOI7 = {0x40 + at: char for at, char in enumerate(bytes(range(0xC0, 0xE0)).decode("koi8_r"))}
"""KOI-7 N2 (KOI8-R with its eighth bit stripped): `@`, `A`-`Z`, `[\\]^_` are the lowercase Cyrillic
letters in KOI8's order (`юабцдефгхийклмнопярстужвьызшэщчъ`), which spells Russian in Latin look-alikes."""
_KOI7_SPELLING = {ord(char): code for code, char in _KOI7.items()}
_KOI7_WRITTEN = frozenset(word.translate(_KOI7_SPELLING).encode() for word in _KOI7_RUSSIAN.split())
"""The frequent Russian words as KOI-7 writes them (`KAK`, `WSE`, `^TO`)."""
_KOI7_WORD = re.compile(rb"[@-_]+")
_KOI7_RUN = re.compile(r"[@-_]++")
_KOI7_MARKS = "@[\\]^_"
"""KOI-7's letters that are no capitals: a run of them alone (`archive@host`, `send_email`) is an
address's or a name's, read as it is."""
_NOT_UPPER = bytes(code for code in range(256) if not 0x40 <= code <= 0x5F)
_KOI7_LETTERS = 16
_KOI7_WORDS = 3


def koi7(text: str, data: bytes) -> Iterator[Candidate]:
    """Russian in KOI-7 (`OTME^AJ WSE ... KAK OPLA^ENNYE`: KOI8-R's lowercase letters with the eighth
    bit stripped, as old terminals and mail printed them): the capitals and `@[\\]^_` read as the
    Cyrillic letters they stand for, kept when three different frequent Russian words and a fifth
    of its words appear. Asked only of text whose ASCII is a fifth capitals or more (counted in C)."""
    window = data[:_TOKEN_LIMIT]
    words = _KOI7_WORD.findall(window)
    found = [word for word in words if word in _KOI7_WRITTEN]
    if len(set(found)) >= _KOI7_WORDS and 5 * len(found) >= len(words):
        piece = text[:_TOKEN_LIMIT]
        yield "koi-7", _KOI7_RUN.sub(_koi7_word, piece), piece


def _koi7_word(run: re.Match[str]) -> str:
    word = run.group()
    return word.translate(_KOI7) if word.strip(_KOI7_MARKS) else word


def _koi7_sign(data: bytes) -> bool:
    """Whether the first `_TOKEN_LIMIT` characters of `data` (what `koi7` reads) are a fifth capitals
    (KOI-7's lowercase Cyrillic) or more, counted in C."""
    window = data[:_TOKEN_LIMIT]
    upper = len(window.translate(None, _NOT_UPPER))
    return upper >= _KOI7_LETTERS and 5 * upper >= len(window)
