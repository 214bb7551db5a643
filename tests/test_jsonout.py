"""Every JSON output escapes the code points that act on a reader, and still parses back exactly."""

from __future__ import annotations

import json

import pytest

from driftwatch import jsonout

ACTIVE = [
    "\x7f",
    "\x85",
    "\x9b",  # 8-bit CSI
    "\u061c",
    "\u200b",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2028",
    "\u2029",
    "\u202a",
    "\u202e",
    "\u2060",
    "\u2066",
    "\u2069",
    "\ufeff",
    "\ud800",  # lone surrogates: not UTF-8 at all
    "\udfff",
    "\U000e0001",
    "\U000e0041",
    "\U000e007f",
]


@pytest.mark.parametrize("char", ACTIVE, ids=[f"U+{ord(c):04X}" for c in ACTIVE])
def test_active_code_points_are_escaped_and_round_trip(char: str) -> None:
    value = {f"key{char}": [f"before{char}after", char * 3]}
    text = jsonout.dumps(value)
    assert char not in text
    assert json.loads(text) == value
    text.encode("utf-8")  # writable: no lone surrogate left raw


def test_ordinary_text_stays_readable() -> None:
    value = {"name": "ëあ😀", "lines": "a\nb\tc\x1b[31m"}
    text = jsonout.dumps(value, indent=None)
    assert "ëあ😀" in text  # not \\u-escaped: people read this output
    assert "\\u001b" in text and "\x1b" not in text
    assert json.loads(text) == value


def test_linear_in_size() -> None:
    """Sixteen megabytes of active characters cost one pass (a bound, not a timing)."""
    value = "\u202e\U000e0041" * (1 << 20)
    text = jsonout.dumps(value)
    assert len(text) == 2 + (1 << 20) * (6 + 12)
    assert json.loads(text) == value


@pytest.mark.parametrize(
    "items",
    [
        [],
        [{"name": "a\u202eb", "nested": {"list": [1, "\u2028", {"x": None}]}}],
        [{"text": "line\nbreak \x1b[31m"}, 3, "\U000e0041", [], {}],
    ],
)
def test_a_listing_written_in_pieces_is_the_document_written_whole(items: list[object]) -> None:
    pieces = list(jsonout.dumps_listing("servers", iter(items)))
    assert len(pieces) == len(items) + 1  # one piece per item, then the close (or the empty list)
    assert "".join(pieces) == jsonout.dumps({"servers": items})
    assert json.loads("".join(pieces)) == {"servers": items}


def test_ascii_output_without_del_is_returned_as_it_is() -> None:
    plain = '{"a": "b"}'
    assert jsonout.escape_active(plain) is plain
    assert jsonout.escape_active('"\x7f"') == '"\\u007f"'
