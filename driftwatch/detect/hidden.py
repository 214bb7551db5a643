"""Content a person reviewing the text would not see, but the model reads.

These rules look at the raw text: what matters is that something is hidden, whatever it says.
What hidden text says is judged by the instruction rules, on the folded text and on what
encoded.py decodes. Legitimate uses stay quiet: flag emoji (tag characters), emoji and Indic or
Arabic joiners (zero-width characters between non-Latin letters), right-to-left marks in
right-to-left text, typographic no-break spaces, one variation selector after an emoji or an
ideograph (a run of them carries bytes), a Hangul filler beside the jamo it pads (between
syllables it only hides).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from driftwatch.detect import markup
from driftwatch.detect.decoders import SEPARATED, TRAILING, TRAILING_RUN
from driftwatch.detect.encoded import FLAG_TAGS, TAG_BLOCK
from driftwatch.detect.lexicon import Concept, ideas
from driftwatch.detect.rule import Hit
from driftwatch.normalize import ANSI, CONFUSABLE_CHARS
from driftwatch.visible import HIDDEN, visible

_BIDI_OVERRIDE = re.compile("[\u202d\u202e]")
_BIDI_EMBED = re.compile("[\u202a-\u202c\u2066-\u2069]")
_LATIN = re.compile(r"[A-Za-z]")
_CARRIED_ELSEWHERE = "\t\n\r\x1b\x9b\u2028\u2029\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f"
"""Hidden characters another rule here reads (ANSI escapes, bidi embeddings and overrides, tag
characters) or that break lines (CR, the line and paragraph separators)."""
_SELECTORS = "\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef"
_FILLERS = "\u3164\uffa0\u115f\u1160"
_ZERO_WIDTH = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9a\x9c-\x9f\u00ad\u034f\u061c\u17b4\u17b5\u180e"
    "\u200b-\u200f\u2060-\u2065\u206a-\u206f\ufeff\ufff0-\ufffb\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0080-\U000e00ff\U000e01f0-\U000e0fff]+"
)
"""Characters that show nothing, by Unicode property (visible.HIDDEN: every default-ignorable code
point, every format character, the control characters): zero-width spaces and joiners, the word
joiner and the invisible operators (`W\u2063h\u2063e\u2063n`: a separator between every letter
hides the words from a filter), bidi marks, deprecated format characters, the BOM, the soft
hyphen, Khmer inherent vowels, interlinear annotation marks, musical-symbol format characters, a
backspace that lets a terminal print over what it follows. Selectors and Hangul fillers have
rules of their own below (each has a legitimate place); so do the characters `_CARRIED_ELSEWHERE`.
visible.HIDDEN is the three together (tests/detect/test_invisible_class.py checks it)."""
_ASCII_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]")
"""`_ZERO_WIDTH`'s characters in ASCII: control characters (a backspace prints over what it follows)."""
_BIDI_MARKS = frozenset("\u200e\u200f\u061c")
_RIGHT_TO_LEFT = re.compile("[\u0590-\u061b\u061d-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
"""Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms: text where a bidi mark orders
what it sits beside."""
_JOINERS = frozenset("\u200c\u200d")
_SELECTOR_RUN = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]{2,}")
_SELECTOR = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
"""Variation selectors two or more in a row: a glyph takes one selector at most (an emoji, an
ideograph's variant), so a run carries data (encoded.py decodes its bytes)."""
_JAMO = "\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\ud7b0-\ud7ff"
_LONE_FILLER = re.compile(f"(?<![{_JAMO}])[{_FILLERS}](?![{_JAMO}])")
_FILLER = re.compile(f"[{_FILLERS}]")
_SMUGGLER = re.compile(f"[{_FILLERS}\ufe00-\ufe0f\U000e0100-\U000e01ef]")
"""Hangul fillers: one shows nothing outside the jamo sequence it pads (`ㄱ\u3164`), so one with no
jamo beside it (between syllables, between letters) only hides what it separates."""
_PADDING = re.compile(r"[ \t\u00a0\u3000]{40,}|\n(?:[ \t\u00a0]*+\n){11,}")
"""40 blanks in a row, or a dozen empty lines: text after them is scrolled or wrapped out of view."""
_MARKDOWN_COMMENT = re.compile(
    r"\[(?://|comment|hidden|_)?\]:[ \t]*#[ \t]*[(\"']([^\n]{0,2000})[)\"'][ \t]*$", re.MULTILINE
)
_CONFUSABLE = re.compile("[" + "".join(sorted(CONFUSABLE_CHARS)) + "]")
_WORD = re.compile(r"[^\W\d_]{3,}")
"""A run of letters: `контрагент_id` is a Cyrillic word and a Latin one, not one mixed word."""


def _between(text: str, opening: str, closing: str) -> list[str]:
    """The bodies of every `opening … closing` span, in order (str.find, not a lazy regex: linear
    even on `<!--<!--<!--…` without an end)."""
    bodies = []
    position = text.find(opening)
    while position >= 0:
        end = text.find(closing, position + len(opening))
        if end < 0:
            break
        bodies.append(text[position + len(opening) : end])
        position = text.find(opening, end + len(closing))
    return bodies


def comments(text: str) -> list[str]:
    """The bodies of HTML (`<!-- -->`) and Markdown (`[//]: # (...)`) comments, and of the comments
    of template and markup languages that speak to the model (`{# agent: … #}`, `{{!-- Hinweis für
    den Assistenten: … --}}`, `<noscript>asistente: …</noscript>`, an reST `.. agent notes:`)."""
    bodies = _between(text, "<!--", "-->")
    if "]:" in text:
        bodies += [m.group(1) for m in _MARKDOWN_COMMENT.finditer(text)]
    bodies += [body for body in _template_comments(text) if Concept.ADDRESS in ideas(body)]
    bodies += [body for body in markup.line_comments(text) if labelled_for_model(body)]
    return [body for body in bodies if body.strip()]


_REST_COMMENT = re.compile(
    r"(?:\A|\n)\.\. (?![\w-]+::|_|\[|\|)([^\n]{1,300}(?:\n[ \t]{2,}[^\n]{1,300}){0,20})"
)
"""An reST comment: `.. ` at the start of a line, not a directive (`.. note::`), a target (`.. _x:`),
a footnote or a substitution, with its indented lines."""


def _template_comments(text: str) -> list[str]:
    """The bodies of template and markup comments (most text holds no opening of any)."""
    bodies = []
    for opening, closing in markup.BLOCK_COMMENTS:
        if opening in text:
            bodies += _between(text, opening, closing)
    if "\n.. " in text or text.startswith(".. "):
        bodies += [m.group(1) for m in _REST_COMMENT.finditer(text)]
    return bodies


def _around(text: str, start: int, end: int, margin: int = 40) -> str:
    return text[max(0, start - margin) : end + margin]


_BLANKS = " " * 40
"""The shortest run of blanks `_PADDING` finds (in ASCII text, once its tabs are spaces)."""
_EMPTY_LINES = "\n" * 12
"""The line breaks around a dozen empty lines, once the spaces and tabs on them are gone."""


def _padded(text: str) -> bool:
    """Whether `text` could hold a padding run: a cheap test before the regex scan. In ASCII text,
    whose only blanks are spaces and tabs, it is exact, in C: a description's indented lines and
    its line breaks are not run after run of blanks, and the regex tries every position of it."""
    if text.isascii():
        if _BLANKS in text.replace("\t", " "):
            return True
        return text.count("\n") > 11 and _EMPTY_LINES in text.replace(" ", "").replace("\t", "")
    return "  " in text or "\t" in text or "\u00a0" in text or "\u3000" in text or text.count("\n") > 11


def _hides_plainly(text: str) -> bool:
    """Whether `text` could hold an escape, a padding run, a comment or hiding markup (most text holds
    none): what `_padding_and_comment_hits` reads needs one of these signs."""
    return (
        "\x1b" in text
        or "]:" in text
        or _padded(text)
        or "<" in text  # (HTML comments, `<!--`, `<%--`, `<noscript>`, `<#`, elements that hide)
        or (("{" in text or "*" in text) and any(opening in text for opening, _ in markup.BLOCK_COMMENTS))
        or ".. " in text
        or markup.may_comment(text)
        or ("\t" in text and ("\t\n" in text or " \n" in text))  # (blanks that end lines, a tab among them)
    )


def hidden_hits(text: str) -> Iterator[Hit]:
    """Every way `text` hides something: one Hit per kind of hiding, on its first occurrence."""
    if text.isascii():  # tag, bidi, zero-width and look-alike characters are all outside ASCII
        if not text.isprintable() and (control := _ASCII_CONTROL.search(text)) is not None:
            yield _invisible_hit(text, [control], len(_ASCII_CONTROL.findall(text)))
        if not _hides_plainly(text):
            return
        yield from _ansi_hits(text)
        yield from _padding_and_comment_hits(text)
        return
    unflagged = FLAG_TAGS.sub("", text)
    if (tags := TAG_BLOCK.search(unflagged)) is not None:
        count = sum(len(block) for block in TAG_BLOCK.findall(unflagged))
        yield Hit.of(
            "unicode-tag-characters",
            f"{count} invisible Unicode tag characters carry text only the model reads",
            _around(unflagged, tags.start(), tags.end()),
        )
    yield from _ansi_hits(text)
    if (bidi := _BIDI_OVERRIDE.search(text)) is not None:
        yield Hit.of(
            "bidi-control",
            "a bidirectional override makes text display in another order than the model reads it",
            _around(text, bidi.start(), bidi.end()),
        )
    elif (bidi := _BIDI_EMBED.search(text)) is not None and _LATIN.search(text[bidi.end() : bidi.end() + 40]):
        yield Hit.weak(
            "bidi-control",
            "bidirectional embedding controls around Latin text",
            _around(text, bidi.start(), bidi.end()),
        )
    zero_width = (
        _zero_width_hit(text) or _interleaved_hit(text) or _interleaved_hit(text, SEPARATED, _separator)
    )
    if zero_width is not None:
        yield zero_width
    if (blank_bits := _blank_bits_hit(text) or _mark_bits_hit(text)) is not None:
        yield blank_bits
    if _hides_plainly(text):
        yield from _padding_and_comment_hits(text)
    if _CONFUSABLE.search(text) is None:
        return
    for word in _WORD.finditer(text):
        token = word.group()
        if _LATIN.search(token) and _CONFUSABLE.search(token):
            yield Hit.of(
                "mixed-script-word",
                "a word mixes Latin with look-alike Cyrillic or Greek letters",
                token,
            )
            break


def _joins_script(text: str, run: re.Match[str]) -> bool:
    """A joiner doing its job: between letters of a script that shapes with it (Persian, Indic,
    Arabic) or inside an emoji sequence; a bidi mark in right-to-left text; the BOM that opens a
    text. Anywhere else a character that shows nothing only hides."""
    found = run.group()
    if run.start() == 0 and found == "\ufeff":
        return True
    if set(found) <= _BIDI_MARKS:
        return len(found) < 3 and _RIGHT_TO_LEFT.search(text) is not None
    if not set(found) <= _JOINERS:
        return False
    before = text[run.start() - 1] if run.start() else " "
    after = text[run.end()] if run.end() < len(text) else " "
    return all(
        (c.isalpha() and not c.isascii()) or ord(c) >= 0x1F000 or c == "\ufe0f" for c in (before, after)
    )


_SHOWS_NOTHING = HIDDEN.pattern[1:-1] + "\u070f"
"""What a separator between letters can be: a character that does not show (visible.HIDDEN), or the
Syriac abbreviation mark, a sign over Syriac letters that shows nothing over any other."""
_INTERLEAVED = re.compile(f"([{_SHOWS_NOTHING}])(?:[^{_SHOWS_NOTHING}\n]\\1){{7,}}+")
"""The same such character after each of eight characters or more in a row (`a\u2029u\u2029t\u2029…`):
tried from each separator once, possessive, so linear."""
_PLAIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u052f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
"""Letters of scripts no separator has a place between (Latin, Greek, Cyrillic, kana, ideographs,
Hangul): between Mongolian, Syriac, Arabic or Indic letters a selector, a mark or a joiner shapes them."""
_INTERLEAVED_LETTERS = 6


def _interleaved_hit(
    text: str, separated: re.Pattern[str] = _INTERLEAVED, kept: Callable[[str], bool] = bool
) -> Hit | None:
    """One character that shows nothing between every letter of a phrase (`a\u2029u\u2029t\u2029o…`,
    `顧\u200d客\u200dの…`): whatever its place elsewhere (a paragraph break, a Mongolian selector, a
    joiner), there it only keeps the words from a reader's search and a keyword filter. `separated`
    and `kept`: another pattern of runs, and which of their separators count (`SEPARATED`, `_separator`)."""
    for run in separated.finditer(text):
        carried = run.group()[1::2]
        if kept(run.group(1)) and len(_PLAIN_LETTER.findall(carried)) >= _INTERLEAVED_LETTERS:
            return Hit.of(
                "zero-width-characters",
                f"{visible(run.group(1))} between every letter of {len(carried)} characters: the words hide "
                "from a reader's search and a keyword filter",
                _around(text, run.start(), run.end()),
            )
    return None


_TYPOGRAPHIC_BLANKS = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\U00016fe4"
_BLANK_BITS = re.compile(f"[{_TYPOGRAPHIC_BLANKS}{HIDDEN.pattern[1:-1]}]{{32,}}+")
"""32 characters or more in a row that show as a blank or as nothing (typographic spaces, the Khitan
filler, visible.HIDDEN's characters): room for four bytes. Possessive: one linear scan."""


def _blank_bits_hit(text: str) -> Hit | None:
    """A run of blanks of two kinds or more (`\u2009\u200a\u200a\u2009…`, en and em quads, a filler and
    an isolate): no view tells a thin space from a hair space, so the run carries bits no reader sees.
    A run of one kind is alignment or an indent."""
    for run in _BLANK_BITS.finditer(text):
        if len(set(run.group())) >= 2:
            return Hit.of(
                "whitespace-padding",
                f"{len(run.group())} blanks of {len(set(run.group()))} kinds in a row: bits no view shows",
                visible(_around(text, run.start(), run.end()), one_line=True),
            )
    return None


_DRAWN = re.compile("[\u2190-\u27ff\u2900-\u2bff\u3000-\u33ff\U0001f000-\U0001faff]")
"""Symbols drawn to be seen: arrows, technical and geometric shapes, box drawing and blocks, stars,
dingbats, CJK symbols, emoji (a progress bar, a rating, a grid of squares)."""
_MARK_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Co", "Cn", "So", "Zs"})


def _mark(char: str) -> bool:
    """A character that is no letter, digit or punctuation and is not drawn to be seen: a combining
    mark (with no letter of its own to sit on, or the same one on every letter), a format, private
    or unassigned code point, a blank, or a symbol outside the drawn blocks (the object replacement
    character, the Braille blank, a musical null notehead): what a separator or a bit can be made of."""
    return (
        not char.isascii() and unicodedata.category(char) in _MARK_CATEGORIES and _DRAWN.match(char) is None
    )


def _separator(char: str) -> bool:
    """A `_mark` that is no blank, between letters (`s\ufffce\ufffcn\ufffcd`, `c\U0001d17bl\U0001d17ba…`):
    whatever it shows, it keeps the words from a search (a blank between letters spaces a heading
    out; punctuation, `、` between single ideographs, and drawn symbols separate items)."""
    return _mark(char) and not char.isspace()


_MARK_RUN = re.compile(r"[^\w\x00-\x7f]{32,}+")
"""32 non-ASCII characters or more in a row that are no letter or digit (blanks among them): room
for four bytes, read by `_mark_bits_hit`. Possessive: one linear scan."""
_BIT_KINDS = 2


def _mark_bits_hit(text: str) -> Hit | None:
    """A run of exactly two `_mark` characters (two musical combining marks, a Braille blank and a
    narrow no-break space): with no letter to sit on and nothing drawn, the run shows as a blank or a
    smudge and carries bits no reader sees, as `_blank_bits_hit`'s blanks do. A bar or a rating is
    drawn (`_DRAWN`), and a run of one kind is a rule or an indent."""
    for run in _MARK_RUN.finditer(text):
        kinds = set(run.group())
        if len(kinds) == _BIT_KINDS and all(map(_mark, kinds)):
            return Hit.of(
                "zero-width-characters",
                f"{len(run.group())} marks of {len(kinds)} kinds in a row: bits no view shows",
                visible(_around(text, run.start(), run.end()), one_line=True),
            )
    return None


def _zero_width_hit(text: str) -> Hit | None:
    """Zero-width characters anywhere in the text (inside words, next to spaces, after a
    sentence), except joiners doing their job in scripts and emoji that need them."""
    hidden = [run for run in _ZERO_WIDTH.finditer(text) if not _joins_script(text, run)]
    count = sum(len(run.group()) for run in hidden)
    # (selector runs and lone fillers, in the text that holds either: the first is evidence, the
    # rest counted in C)
    smuggles = _SMUGGLER.search(text) is not None
    for first, every in ((_SELECTOR_RUN, _SELECTOR), (_LONE_FILLER, _FILLER)) if smuggles else ():
        if (found := first.search(text)) is not None:
            hidden.append(found)
            count += len(text) - len(every.sub("", text))
    return _invisible_hit(text, hidden, count) if hidden else None


def _invisible_hit(text: str, hidden: list[re.Match[str]], count: int) -> Hit:
    first = min(hidden, key=lambda run: run.start())
    return Hit.of(
        "zero-width-characters",
        f"{count} invisible characters that do not show: a reader or keyword filter misses what they mark",
        _around(text, first.start(), first.end()),
    )


def _ansi_hits(text: str) -> Iterator[Hit]:
    if ("\x1b" in text or "\x9b" in text) and (ansi := ANSI.search(text)) is not None:
        yield Hit.of(
            "ansi-escape",
            "ANSI escape sequences can hide or rewrite text in a terminal",
            _around(text, ansi.start(), ansi.end()),
        )


def _padding_and_comment_hits(text: str) -> Iterator[Hit]:
    if _padded(text) and (padding := _PADDING.search(text)) is not None and text[padding.end() :].strip():
        yield Hit.of(
            "whitespace-padding",
            f"{len(padding.group())} characters of whitespace push the text after them out of view",
            text[padding.end() : padding.end() + 160],
        )
    elif (
        "\t" in text
        and ("\t\n" in text or " \n" in text)
        and (trailing := _trailing_channel(text)) is not None
    ):
        yield trailing
    for body in comments(text):
        yield Hit.of("hidden-comment", "a comment hides text from rendered views", body)
        break
    for body in markup.hidden_elements(text):
        yield Hit.of(
            "hidden-markup-text",
            "markup keeps words out of the rendered view (an element or a style that hides them)",
            body,
        )
        break


def _trailing_channel(text: str) -> Hit | None:
    """Runs of spaces and tabs at the ends of two lines or more, each long enough for a byte: bits
    no view shows (whitespace steganography, SNOW), which encoded.py decodes when it can."""
    runs = [
        m for m in TRAILING.finditer(text, 0, 64000) if len(m.group()) >= TRAILING_RUN and "\t" in m.group()
    ]
    if len(runs) < 2:
        return None
    return Hit.of(
        "whitespace-padding",
        f"blanks at the ends of {len(runs)} lines, spaces and tabs mixed: bits no view shows",
        visible(_around(text, runs[0].start(), runs[0].end()), one_line=True),
    )


def labelled_for_model(body: str) -> bool:
    """Whether a comment's body opens with a label for the model (`agent:`, `Hinweis für den
    Assistenten:`, `asistente:`) and goes on in words: a note hidden from the reader of the rendered
    text, for the model."""
    label = _MODEL_LABEL.match(body[:_LABEL_READ].casefold())
    return label is not None and len(_WORD.findall(body, label.end(), label.end() + 200)) >= _LABELLED_WORDS


_LABELLED_WORDS = 3
"""Words after the label: `<!-- assistant: ... -->` in a list of what a scanner detects names the
form of an attack, and holds none."""


_MODEL_LABEL = re.compile(
    r"\s*[^:\n]{0,40}(?<![\w-])(?:agent|assistant|ai|llm|model|claude|gpt|chatgpt|copilot|bot|ki|assistent\w*"
    r"|modell|modèle|ia|asistente|modelo|assistente|modello|ассистент\w*|модел\w*|ии|助手|模型|アシスタント|モデル"
    r"|어시스턴트|모델|agente|агент\w*|代理|智能体|エージェント|에이전트)(?![\w-])[^:\n]{0,30}[:：]"
)
"""A note labelled for the model (`agent:`, `Hinweis für den Assistenten:`, `asistente:`, `.. agent
instructions:`): hidden from the person who reads the rendered text, meant for the model alone."""
_LABEL_READ = 100
"""Characters at the start of a comment read for its label."""
