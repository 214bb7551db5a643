"""names.manifest_words reads every word a manifest's text holds, as a detector would read it.

Its one pass over the plain strings must find exactly the words the string-by-string reading
finds: same casefolding, same cut at the detectors' budget, the folded forms of other text too.
"""

from __future__ import annotations

import re

from driftwatch import names, normalize
from driftwatch.budgets import STRING_BUDGET
from driftwatch.detect.orders import _AKIN, _FAMILY, _UNRELATED, _kin
from driftwatch.manifest import Manifest
from driftwatch.names import _strings, manifest_words

WORDS = re.compile(r"[^\W_]+")


def one_by_one(manifest: Manifest) -> frozenset[str]:
    """The reading string by string: each string's words casefolded, cut at the budget, and the
    folded words of text that is not plain printable ASCII."""
    held: set[str] = set()
    for part in [manifest.header(), *(item.body for item in manifest.items())]:
        for text in _strings(part, "", 0):
            held.update(map(str.casefold, WORDS.findall(text, 0, STRING_BUDGET)))
            if not text.isascii() or not text.isprintable():
                held.update(WORDS.findall(normalize.fold(text[:STRING_BUDGET])))
    return frozenset(held)


def test_one_pass_finds_the_words_of_the_string_by_string_reading() -> None:
    cut = " " * (STRING_BUDGET - 3) + "CutWordHere tail"
    texts = [
        "Send_Email to the USER",
        "Straße and ДОКУМЕНТ, ｆｕｌｌｗｉｄｔｈ",
        "tab\there\nnew line",
        "zero\u200bwidth join",
        "İstanbul ǅemal ﬁle",
        cut,
        "é" + cut,
        "",
    ]
    tools = [
        {
            "name": f"tool_{i}",
            "description": text,
            "inputSchema": {"type": "object", "properties": {f"Param{i}_Name": {"description": text}}},
        }
        for i, text in enumerate(texts)
    ]
    manifest = Manifest.build(
        server={"serverInfo": {"name": "Fleet_Server", "version": "1.0"}},
        instructions="Use ONLY the Tools",
        tools=tools,
    )
    words = manifest_words(manifest)
    assert words == one_by_one(manifest)
    assert {"send", "email", "user", "strasse", "документ", "fullwidth", "param3", "file"} <= words
    assert "cutwordhere" not in words and "cut" in words  # (the budget ends inside the word)


def test_ascii_words_are_the_words_of_plain_text() -> None:
    """The pattern read over plain text finds what `words` finds, character class by class."""
    printable = "".join(chr(c) for c in range(32, 127))
    for text in (printable, printable[::-1], "send_Email-v2 ID9_x", "a_b_c"):
        assert set(names._ASCII_WORDS.findall(text.lower())) == set(names.words(text))


def test_name_words_split_at_camel_case_humps_and_joints() -> None:
    """A name's words in order, at `_`, `-`, `.` and camelCase humps: how near two tools' names are
    (orders._kin). `words` keeps a hump whole, as a text naming `readFile` holds it."""
    assert names.name_words("readFile") == ["read", "file"]
    assert names.name_words("getHTTPResponse") == ["get", "http", "response"]
    assert names.name_words("send_email") == ["send", "email"]
    assert names.name_words("x-y.z") == ["x", "y", "z"]
    assert names.words("readFile") == frozenset({"readfile"})  # (the twin: a text's word unsplit)


def test_tools_of_one_family_by_their_first_word_in_any_case_style() -> None:
    assert _kin("readFile", "read_file_chunked") == _FAMILY
    assert _kin("search_issues", "listIssues") == _AKIN
    assert _kin("brambleton_drop", "uploadFile") == _UNRELATED
