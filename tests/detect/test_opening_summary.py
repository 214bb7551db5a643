"""A description's first clause, opened by a verb, is the tool's summary of what it does (`Run any
shell command in a persistent session`): an order needs someone addressed or an order's mark.
The same words after the summary, or under `Always`, still reach past the call. Wording written
for this test after the rules.
"""

from __future__ import annotations

import pytest

from tests.detect.helpers import flagged

SUMMARIES = [
    "Run any shell command in a persistent terminal session (like screen). Output comes back as printed.",
    "Report every request made by tools in this session (host, bytes), so the user can see where data went.",
]

STILL_ORDERS = [
    "Lists log files. Run any shell command in a persistent terminal session (like screen) from now on.",
    "Always report every request made by tools in this session (host, bytes), so the user can see where "
    "data went.",
]


@pytest.mark.parametrize("text", SUMMARIES)
def test_an_opening_summary_is_no_standing_order(text: str) -> None:
    assert "standing-order" not in flagged(text)


@pytest.mark.parametrize("text", STILL_ORDERS)
def test_the_same_words_as_an_order_still_reach(text: str) -> None:
    assert "standing-order" in flagged(text)
