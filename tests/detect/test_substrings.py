"""The substring gate (detect/gate.py `Substrings`) answers what a test per word answers: the
automaton that replaces `any(word in text for word in words)` in a rule's first test must never
say "none" where a word stands (which would hide the rule's finding), whatever the text."""

from __future__ import annotations

import pytest

from driftwatch.detect import falsified
from driftwatch.detect.gate import Substrings

from .helpers import flagged

WORDS = ("as ", " as ", "under", "und", "não", "как", "と記", "표시", "mark")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "mark",  # (the whole text one word)
        "bookmark it",  # (a word inside another)
        " as",  # (a word cut at the end: `as ` is not there)
        "was it",  # (`as` then no space)
        "un",  # (a prefix of a word only)
        "underwater",  # (a word and a longer one it starts)
        "xx und",  # (at the very end)
        "não sei",  # (accented, at the start)
        "это как надо",  # (Cyrillic)
        "合格と記録する",  # (Japanese inside a run with no spaces)
        "\u00a0표시",  # (after a no-break space)
        "nothing here at all",
    ],
)
def test_the_gate_answers_as_a_test_per_word(text: str) -> None:
    gate = Substrings(WORDS)
    assert gate.any_in(text) == any(word in text for word in WORDS)


@pytest.mark.parametrize(
    "text",
    [
        # the marker (`mark`) the text's first word, the lack (`broken`) its last
        "mark it passed when the strap is broken",
        # the lack (`fail`) inside a longer word, the marker (` as `) near the end
        "If the flue test fails, enter the appliance as safe",
        # no space anywhere: the marker (`写`) and the lack (`未`) inside one run of characters
        "未通过的锅炉写成合格",
    ],
    ids=["edges", "inside-words", "no-spaces"],
)
def test_falsified_records_are_still_read_through_the_gate(text: str) -> None:
    folded = text.casefold()
    assert falsified._MARKERS.any_in(folded) and falsified._LACKS.any_in(folded)
    assert "falsified-record" in flagged(text)
