"""Hidden characters are shown as escapes, never passed through."""

from __future__ import annotations

import pytest

from driftwatch.visible import has_hidden, shorten, visible


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("\x9b31m", "\\x9b31m"),
        ("a\u200bb", "a\\u200bb"),
        ("\u202etxt.exe", "\\u202etxt.exe"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("line\rover", "line\\roverr"[:-1]),
        ("bom\ufeff", "bom\\ufeff"),
    ],
)
def test_hidden_characters_become_escapes(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert has_hidden(raw)


def test_ordinary_text_is_untouched() -> None:
    text = "Récupère les fichiers — 文件 — файлы 👍"
    assert visible(text) == text
    assert not has_hidden(text)
    assert visible("two\nlines\tand tab") == "two\nlines\tand tab"
    assert visible("two\nlines\tand tab", one_line=True) == "two\\nlines\\tand tab"


def test_shorten_says_how_much_was_cut() -> None:
    assert shorten("x" * 10, 20) == "x" * 10
    assert shorten("x" * 30, 20) == "x" * 20 + "… (10 more characters)"
