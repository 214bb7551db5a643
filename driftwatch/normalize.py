"""Undo what attackers do to hide text from people and from keyword filters.

Rules match on a folded form: NFKC (full-width and ligature forms to plain letters), ANSI escapes
and hidden characters removed (a zero-width space splitting `i\u200bd_rsa` no longer splits it),
look-alike Cyrillic and Greek letters folded to Latin (`іd_rѕа` reads `id_rsa`), spaced-out
letters joined (`r e a d` reads `read`), case folded, whitespace collapsed (a blank line, which
ends a paragraph, to one newline). Every step is a single regex pass or a translate, so folding
is linear in the text's length.

A hard-wrapped line (prose wrapped at 70 to 100 columns, as docstrings and READMEs are) is one
sentence on two lines: `unwrap` is where a line break is told apart as such a soft wrap, and the
lexicon's plain form (which keeps the other line breaks, each one the end of a clause) reads it
as a space.

It lives beside the detectors, not in their package: names.py reads a manifest's words as the
detectors fold them on every scan, and importing driftwatch.detect for that would load every
detector on a scan that runs none (a description of two lines is not printable ASCII).
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from driftwatch.visible import HIDDEN

# Cyrillic and Greek letters that render like Latin ones (the common subset of Unicode confusables).
_CONFUSABLES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ӏ": "l", "ɡ": "g", "һ": "h", "ь": "b", "п": "n", "г": "r", "ү": "y", "ԍ": "g", "ɑ": "a",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "У": "Y", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ү": "Y",
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "ω": "w", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}  # fmt: skip
_DOTLESS = {"ı": "i", "İ": "I", "ȷ": "j"}
"""Latin letters read as `i` and `j` (`ıgnore`, `İGNORE`): Latin, so no word mixes scripts with them
(Turkish writes `ı`), but a regex's ignore-case matches `ı` and `İ` for `i` where a case-folded
substring test does not, so unfolded they would slip a rule past its hint gate."""
_FOLD = str.maketrans(_CONFUSABLES | _DOTLESS)
CONFUSABLE_CHARS = frozenset(_CONFUSABLES)
"""The look-alikes from other scripts (a word holding one and a Latin letter mixes scripts)."""

ANSI = re.compile(
    r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]{0,200}(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-9;?]*[@-~]"
)
"""CSI, OSC and two-character escape sequences (and the 8-bit CSI)."""

_SPACED = re.compile(r"(?:\S {1,3}){5,}\S")
"""Runs of single characters separated by spaces: `r e a d   t h e   f i l e`."""
_SPACED_HINT = re.compile(r" \S {1,3}\S {1,3}\S {1,3}\S ")
"""Four single characters after a space, each followed by spaces: what every `_SPACED` run holds.
Its search jumps from space to space, where `_SPACED` is tried at every character."""
_WORD_GAP = re.compile(r" {2,}")
_SPACE_RUN = re.compile(r"\s(?:\s+|(?<=[^\S ]))")
"""Whitespace that is not already a single plain space: a run of two or more, or one tab or line
break. Collapsing these is collapsing every run (a lone space stays as it is), without a
replacement, or a call of `_collapse`, between every two words. (`\\s{2,}|[^\\S ]` written to open
on one class, so that the regex engine skips in C to the next blank: twice as fast.)"""
_LOWER = "a-zß-öø-ÿα-ωа-яёіїєґ"
_UPPER = "A-ZÀ-ÖØ-ÞΑ-ΩА-ЯЁІЇЄҐ"
"""Lower and upper case letters of the cased scripts names are written in (Latin with its accents,
Greek, Cyrillic): where a camel case joint lies (`удалитьБезПодтверждения`)."""
_JOINT = re.compile(rf"(?<=[{_LOWER}0-9])(?=[{_UPPER}])|[_\-]+")
"""Where the words of a name meet, in any script: an underscore or hyphen, or a lower case letter
or digit before a capital. The one definition of a name's joints, for every reader of names."""
_SNAKE_OR_KEBAB = re.compile(r"[^\W\d_](?<![\w-].)[^\W_]*+(?:[_\-][^\W_]++){3,}")
_CAMEL_CASE = re.compile(rf"(?<![^\W_])[{_UPPER}]?[{_LOWER}]++(?:[{_UPPER}][{_LOWER}0-9]++){{3,}}")
"""Snake, kebab, camel or Pascal case identifiers of four words or more, in any script (`no_
mencionar_al_paciente`, `токен_бота_и_архив`, `IgnoreEarlierRules`): a sentence hidden in a
name. Possessive and anchored at word starts, so a megabyte of letters is one linear scan. (The
snake or kebab case one opens on its first letter, the lookbehind after it: the regex engine skips
in C to the next letter rather than trying every character.)"""
_SNAKE_HINT = re.compile(r"[_\-][^\W_]++[_\-][^\W_]++[_\-][^\W_]")
_CAMEL_HINT = re.compile(rf"[{_UPPER}][{_LOWER}0-9]++[{_UPPER}][{_LOWER}0-9]++[{_UPPER}][{_LOWER}0-9]")
"""Three joints in a row, which every such identifier holds: their searches start only at a `_`,
a `-` or a capital letter, so most text is ruled out at a fraction of the identifiers' cost."""


def _collapse(match: re.Match[str]) -> str:
    return "\n" if match.group().count("\n") > 1 else " "


def _join_spaced(match: re.Match[str]) -> str:
    return " ".join(part.replace(" ", "") for part in _WORD_GAP.split(match.group()))


_CONFUSABLE = re.compile("[" + "".join(sorted(CONFUSABLE_CHARS | set(_DOTLESS))) + "]")


def has_confusables(text: str) -> bool:
    return _CONFUSABLE.search(text) is not None


def fold_confusables(text: str) -> str:
    """Look-alike Cyrillic and Greek letters, and Latin's dotless ones, as the Latin letters they imitate."""
    return text.translate(_FOLD)


def _joined(text: str) -> str:
    """Runs of spaced-out letters joined: `r e a d   t h e` -> `read the`."""
    return _SPACED.sub(_join_spaced, text) if _SPACED_HINT.search(text) is not None else text


def join_spaced(text: str) -> str:
    """`r e a d   t h e   f i l e` -> `read the file` (only text with a double space can hold it)."""
    return _joined(text) if "  " in text else text


_ASCII_HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""The characters of visible.HIDDEN that ASCII holds (control characters but tab and newline, DEL): one
bitmap where HIDDEN walks its dozens of ranges for every character (a string with a line break is
not printable, so nearly every description of several lines is stripped)."""


def strip_hidden(text: str) -> str:
    """Remove ANSI escapes and the characters that do not show (tabs and newlines stay)."""
    global _stripped
    last = _stripped  # (one read: another thread may replace it meanwhile)
    if last[0] is text:
        return last[1]
    shown = ANSI.sub("", text) if "\x1b" in text or "\x9b" in text else text
    shown = (_ASCII_HIDDEN if shown.isascii() else HIDDEN).sub("", shown)
    _stripped = (text, shown)
    return shown


_stripped: tuple[str, str] = ("", "")
"""The last string stripped, and the result (by identity): a string with a line break is not
printable, and its plain form (lexicon.py) and its views (below) strip it one after the other."""


_WRAP = re.compile(r"\n(?<=[\w,:]\n)(?=[ \t]{0,8}+(?![^\W\d_][.)])([^\W\d_])[^\W\d_]*+(?:[\s,.;!?'’-]|\Z))")
"""A line break after a word, a comma or a colon, before a word of prose (not a key `ids:`, a call
`search(`, an identifier `new_name`, a list's mark `a)`), the next line indented by eight at
most (a docstring's continuation). Led by the line break, so the search skips from one to the next."""
WRAPPED_LINE = 40
"""Characters the line before a soft wrap holds at least: a short line ended where its writer ended it."""
_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)", re.MULTILINE)
"""A Markdown code fence: the lines between two of them are code, not prose."""
_HEADING = re.compile(r"[ \t]{0,3}#")
"""A Markdown heading, which its line ends."""


def unwrap(text: str) -> str:
    """`text` with each soft wrap (a line break inside a hard-wrapped sentence) a space, at the same
    place (the text keeps its length): the line break follows a word, a comma or a colon at the end of a
    line of WRAPPED_LINE characters or more, the next line starts with a word in lower case
    (`_WRAP`), and neither is inside a code fence. A line break before a capital, a list's item, a
    heading, a table's row or a short line stays (each ends a clause). A text in lower case only
    tells no line's start from a sentence's, and stays as it is: so does a case-folded text whose
    soft wraps were read before it was folded (the lexicon's plain form, read again, is unchanged).
    Bounded work per line break: linear in the text's length."""
    if "\n" not in text or text.islower():
        return text
    fences = [m.start() for m in _FENCE.finditer(text)] if "```" in text or "~~~" in text else []

    def joined(match: re.Match[str]) -> str:
        at = match.start()
        line = text.rfind("\n", 0, at) + 1  # (the line before, scanned once: its end is this break)
        soft = (
            match.group(1).islower()
            and at - line >= WRAPPED_LINE
            and _HEADING.match(text, line) is None
            and bisect.bisect(fences, at) % 2 == 0
        )
        return " " if soft else "\n"

    return _WRAP.sub(joined, text)


def _clean(text: str) -> str:
    """NFKC, hidden characters gone, look-alikes folded: what both views start from.

    ASCII text skips the Unicode steps: NFKC and the look-alike table leave it as it is.
    """
    if text.isascii():
        return text if text.isprintable() else strip_hidden(text)
    clean = strip_hidden(unicodedata.normalize("NFKC", text))
    # (a table translation looks up every character: a class search finds none far sooner, the common case)
    return clean.translate(_FOLD) if has_confusables(clean) else clean


def spell_joints(text: str) -> str:
    """Every joint of every name in `text` as a space: `systemPrompt_override` -> `system Prompt override`.
    A word of one capitalised word and a run of capitals to its end (`OpenSSH`, `PostgreSQL`,
    `OpenAPI`) is a product's name, not a joint of two: `open ssh` is no act on a key."""
    if _BRAND_HINT.search(text) is None:
        return _JOINT.sub(" ", text)
    return _BRAND_OR_JOINT.sub(_joint_unless_brand, text)


_BRAND_HINT = re.compile(rf"[{_LOWER}][{_UPPER}]{{2}}")
"""A lower case letter before two capitals, which every `_BRAND` holds."""
_BRAND_OR_JOINT = re.compile(rf"(?<!\w)([{_UPPER}][{_LOWER}]++[{_UPPER}]{{2,}}+)(?!\w)|{_JOINT.pattern}")


def _joint_unless_brand(match: re.Match[str]) -> str:
    return match.group(1) or " "


def _split_identifier(match: re.Match[str]) -> str:
    return spell_joints(match.group())


def _folded(clean: str) -> str:
    text = _joined(clean)
    if text.isascii() and "  " not in text and "\t" not in text and "\n" not in text:
        return text.casefold().strip()  # single spaces already: nothing to collapse
    if text.count("\n") < 2:  # no blank line to keep: every run of whitespace is one space
        return " ".join(text.split()).casefold()  # (str.split's whitespace is `\s`'s, in C)
    return _SPACE_RUN.sub(_collapse, text).casefold().strip()


def _identifier_words(clean: str) -> str | None:
    """`values_of_all_api_keys` -> `values of all api keys`, folded; None when `clean` holds no such name.

    A parameter or tool *name* is text the model reads, and a sentence can hide in one.
    """
    found = 0
    if ("_" in clean or "-" in clean) and _SNAKE_HINT.search(clean) is not None:
        clean, found = _SNAKE_OR_KEBAB.subn(_split_identifier, clean)
    if clean != clean.lower() and _CAMEL_HINT.search(clean) is not None:
        clean, camel = _CAMEL_CASE.subn(_split_identifier, clean)
        found += camel
    return " ".join(clean.split()).casefold() if found else None  # (every run of whitespace one space)


_PHRASE_LIMIT = 400
"""Characters of a string read as one name's words: longer strings are prose (or padding), read whole."""


def identifier_phrase(text: str) -> str | None:
    """The words a string spells when it is one long identifier and nothing else (a parameter's
    name, an enum value, a default: `no_mencionar_al_paciente_el_resultado` -> `no mencionar al
    paciente el resultado`), in its own script and case, for the lexicon to read as the phrase it
    is (lexicon.plain folds look-alikes word by word, so a Russian name keeps its Russian); None
    for any other string. Only a whole name: in prose, an identifier names a tool or a field."""
    if len(text) > _PHRASE_LIMIT or " " in (name := text.strip()):
        return None  # (prose, the common case: a name holds no space)
    if "_" not in name and "-" not in name and name.islower():
        return None  # (one word: no joint, nor a capital to start a camel case word)
    name = name if name.isascii() else strip_hidden(unicodedata.normalize("NFKC", name)).strip()
    if _SNAKE_OR_KEBAB.fullmatch(name) is None and _CAMEL_CASE.fullmatch(name) is None:
        return None
    return spell_joints(name)


def fold(text: str) -> str:
    """The form rules match on: see the module docstring."""
    return _folded(_clean(text))


def views(text: str) -> list[str]:
    """What the rules read: the folded text, then its identifier words when it holds a long identifier."""
    clean = _clean(text)
    words = _identifier_words(clean)
    return [_folded(clean)] if words is None else [_folded(clean), words]
