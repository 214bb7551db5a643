"""Scans rewritten for speed find what the scans they replace find: a faster pattern that missed a
place (or found one more) would change findings silently, so each is checked against the original
on texts built to hit its edges (case, word bounds, the start and end of the text, marks beside
other marks)."""

from __future__ import annotations

import re

import pytest

from driftwatch import normalize
from driftwatch.detect import falsified, orders, split
from driftwatch.detect.lexicon import PERSONAL

LABEL_TEXTS = [
    "",
    "as",
    "As the report says, record it AS passed",
    "has was alias basis as",  # (`as` inside words: no bound before it)
    "Als Ergebnis: COMME prévu, como siempre, come sempre, comme",
    "commence comedy comes comma como.",  # (`com…` not a whole word)
    "MARK IT passed; Marked them clean, ticks each box, stamped every file, stamps all",
    "bookmark it, remark them, postmark all, trademarks each",  # (no bound before `mark`)
    "mark every, mark itself, marked items, ticked allowance",  # (no word or bound after)
    "'quoted' and \"double\" x'not' y\"not\"\t'tab'\n\"line\"",  # (a quote after a blank only)
    "'at the start",
    "text ending with a quote '",
    "_as as_ 1as as1 -as- .mark it. (tick them)",
    "Record the inspection as passed even if it failed; mark it certified.",
]


@pytest.mark.parametrize("text", LABEL_TEXTS)
def test_label_marks_are_found_where_the_original_pattern_finds_them(text: str) -> None:
    expected = [(m.span(), m.group()) for m in falsified._MARK.finditer(text)]
    assert [(m.span(), m.group()) for m in falsified._marks(text, text.lower())] == expected


def test_label_marks_in_text_beyond_ascii_are_the_original_patterns() -> None:
    text = "Отметь как «годен», 合格と記録, и mark it as passed"
    expected = [(m.span(), m.group()) for m in falsified._MARK.finditer(text)]
    assert expected and [(m.span(), m.group()) for m in falsified._marks(text, None)] == expected


VERB_TEXTS = [
    "Log it",
    "RECORD the result",
    "summarise, Summarize and SUMMARISED",
    "blog catalog backlog dialog",  # (a verb inside a word: no bound before it)
    "notation notes Noted not",
    "present presented represent",
    "the result was; recorded",  # (a stop between the verb and the end: none)
    "files\nthe result",  # (a line between)
    "enter " + "x" * 70,  # (farther than the stretch after the verb reaches)
    "ticks all the boxes and marks it",
    "register_it flag-it x_report",
]


@pytest.mark.parametrize("text", VERB_TEXTS)
def test_a_verb_before_a_label_is_found_where_the_original_pattern_finds_it(text: str) -> None:
    for start in range(len(text)):
        for end in range(start, len(text) + 1, 3):
            expected = falsified._VERB_BEFORE.search(text, start, end) is not None
            assert (falsified._ASCII_VERB_BEFORE.search(text.lower(), start, end) is not None) == expected


def test_the_ascii_verbs_are_every_ascii_verb_of_the_original_pattern() -> None:
    for verb in ("log", "summarize", "markier", "protokollier", "fuehr", "zeichne", "decri", "present"):
        assert falsified._ASCII_VERB_BEFORE.search(f"then {verb} it") is not None
    with pytest.raises(ValueError, match="not an alternation of words"):
        falsified._ascii_verbs(r"\b(?:log|(?:mark))\w")


ORIGINAL_CLAUSE_END = re.compile(
    r"[.!?](?<!\.\.\.)(?<!<!)(?<!e\.g\.)(?<!i\.e\.)(?<!z\.b\.)(?<!z\.B\.)(?:\s+|(?=[*#>-]))|;\s|[。！？；\n]"
)
ORIGINAL_SPACE_RUN = re.compile(r"\s{2,}|[^\S ]")
"""The patterns as first written (one class of first characters, tried at every position)."""
BLANK_TEXTS = [
    "",
    "One. Two! Three? Four; five\nsix",
    "e.g. this, i.e. that, z.B. dies, z.b. das... and <!-- a comment --> end.",
    "a.*b x!#y q?>z end.-list",  # (a mark before a list's or a heading's mark)
    "终了。始まり！問？句；尾",
    "tabs\tand  runs   of\u3000blanks\u00a0here \n\n\t next",
    " \t",
    "last.",
]


@pytest.mark.parametrize("text", BLANK_TEXTS)
def test_clause_ends_are_found_where_the_original_pattern_finds_them(text: str) -> None:
    expected = [m.span() for m in ORIGINAL_CLAUSE_END.finditer(text)]
    assert [m.span() for m in orders._CLAUSE_END.finditer(text)] == expected
    if text.isascii():
        assert [m.span() for m in orders._ASCII_CLAUSE_END.finditer(text)] == expected


@pytest.mark.parametrize("text", BLANK_TEXTS)
def test_blank_runs_are_found_where_the_original_pattern_finds_them(text: str) -> None:
    expected = [(m.span(), m.group()) for m in ORIGINAL_SPACE_RUN.finditer(text)]
    assert [(m.span(), m.group()) for m in normalize._SPACE_RUN.finditer(text)] == expected


PERSONAL_TEXTS = [
    "iban, tax id, home address, phone and date of birth",
    "telephone numbers, smartphone, headphones; mail address, ip address, web address, addresses",
    "the user's medical history and allergies, credit card number and cvv",
    "anschrift, telefonnummer, geburtsdatum; 手机号,身份证号; номер банковской карты",
    "pinned pins pin. passports passport_number bankaccount bank account",
]


@pytest.mark.parametrize("text", PERSONAL_TEXTS)
def test_personal_kinds_are_found_where_the_whole_pattern_finds_them(text: str) -> None:
    for gated, pattern in ((split._PERSONAL, PERSONAL), (split._KEPT, re.compile(split._KEPT_PATTERN))):
        expected = [(m.span(), m.lastgroup) for m in pattern.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in gated.finditer(text)] == expected
