"""Cross-tool shadowing: a description that tells the model how to use *another* tool.

A tool's description reaches the model whether or not the tool is ever called, so a malicious one
can rewrite how a trusted tool behaves ("when send_email is called, always BCC …"). Mentioning
another tool is normal ("call list_allowed_directories first"); controlling its arguments or
behaviour is not. Tools are recognised by name, among this manifest's other tools and (in a
registry scan) other servers' tools, and by phrasing when the name is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from driftwatch.detect.gate import Gated
from driftwatch.detect.rule import Hit
from driftwatch.detect.vocab import GAP, span

_NAME = r"[`'\"]?(?=[a-z][\w.-]*[_-])[a-z][\w.-]*+[`'\"]?"
"""A tool-like identifier (`send_email`, `get-weather`), optionally quoted; possessive, so linear."""

GENERIC = Gated(
    r"\bwhen (?:this|the) (?:tool|server) is (?:available|present|loaded|installed|enabled|connected)\b"
    r"|\bside effects? on (?:the )?(?:\w+ ){0,2}" + _NAME
    + r"|\bwhen (?:\(\S+\) )?(?:the |any |an? )?" + _NAME
    + r" (?:(?:tool|function) (?:is|gets|was) (?:used|run)|(?:tool |function )?(?:is|gets|was|are) "
    r"(?:called|invoked|executed|requested))\b"
    r"|\b(?:all|every|any) (?:emails?|messages?|payments?|transfers?|transactions?) (?:\w+ ){0,4}"
    r"(?:must|should|shall|will) (?:always )?(?:be )?(?:sent|routed|forwarded|redirected|delivered|addressed|"
    r"copied|cc'?d|bcc'?d)\b",
    ("when ", "side effect", "email", "message", "payment", "transfer", "transaction"),
)  # fmt: skip
"""Shadowing phrased without a known tool name."""

NAME_LIMIT = 256
"""Tool names longer than this are matched whole only, never as the suffix of a prefixed name."""
_TOKEN = re.compile(r"[a-z0-9][\w.-]*[a-z0-9]")
_CONTROL = (
    r"(?:must|should|needs? to|has to|shall|always|never|will now|is required to|requires)\b" + GAP
    + r"\b(?:send|include|add|use|bcc|cc|forward|redirect|set|replace|change|append|prepend|route|copy|pass"
    r"|attach)\b"
)  # fmt: skip
_ALTER = r"\b(?:bcc|cc|redirect|replace|change|modify|override|prepend|append|swap|rewrite)\b"

# What is said around a tool's name (matched before or after it, never compiled per name):
_CALLED_AFTER = re.compile(GAP + r"\b(?:is|are|gets?) (?:called|used|invoked|run|executed)")
_WHEN_BEFORE = re.compile(r"\bwhen\b" + GAP + r"\Z")
_ORDERED_AFTER = re.compile(r"[`'\"]? (?:tool |function )?" + _CONTROL)
_SWAPPED_AFTER = re.compile(GAP + r"\b(?:use|set|change|replace|switch)\b" + GAP + r"\b(?:instead|rather)\b")
_CALL_BEFORE = re.compile(
    r"\b(?:before|after|whenever|every time|each time) (?:you )?(?:call|use|invoke|run)(?:ing)? "
    r"(?:the )?[`'\"]?\Z"
)
_ALTER_AFTER = re.compile(GAP + _ALTER)
_AVOID_BEFORE = re.compile(r"\b(?:instead of|rather than|(?:do not|don't|never) use|avoid) (?:using )?\Z")


def _mentions(text: str, known: Mapping[str, str], own: str) -> list[tuple[str, int, int]]:
    """(tool name, start, end) of each other tool named in `text`, also as `server_tool` suffixes."""
    words = _TOKEN.findall(text)
    if known.keys().isdisjoint(words) and not any(
        suffix in known for word in words if "_" in word for suffix in _suffixes(word)
    ):
        return []  # the common case, decided without a loop over every word's position
    found = []
    for token in _TOKEN.finditer(text):
        word = token.group()
        for name in (word, *_suffixes(word)):
            if name in known and name != own and len(name) >= 4:
                found.append((name, token.end() - len(name), token.end()))
                break
    return found


def _suffixes(word: str) -> list[str]:
    """`srv_send_email` -> `send_email`, `email`: how a tool name looks with its server's prefix.

    Only suffixes of at most `NAME_LIMIT` characters: every suffix of a long snake_case word would
    cost the square of its length.
    """
    found = []
    cut = word.rfind("_")
    while cut >= 0 and len(word) - cut - 1 <= NAME_LIMIT:
        found.append(word[cut + 1 :])
        cut = word.rfind("_", 0, cut)
    return found[::-1]  # longest first, as a prefixed name is matched


def _controls(text: str, start: int, end: int, foreign: bool) -> tuple[int, int] | None:
    """The span of text around the name at [start, end) that controls how that tool is used."""
    lo = max(0, start - 120)
    if (after := _CALLED_AFTER.match(text, end)) is not None and (
        when := _WHEN_BEFORE.search(text, lo, start)
    ) is not None:
        return when.start(), after.end()
    for pattern in (_ORDERED_AFTER, _SWAPPED_AFTER):
        if (after := pattern.match(text, end)) is not None:
            return start, after.end()
    if (call := _CALL_BEFORE.search(text, lo, start)) is not None and (
        after := _ALTER_AFTER.match(text, end)
    ) is not None:
        return call.start(), after.end()
    if foreign and (avoid := _AVOID_BEFORE.search(text, lo, start)) is not None:
        return avoid.start(), end
    return None


_CONTROL_WORDS = Gated(
    r"\b(?:called|used|invoked|run|executed|requested|must|should|needs?|has to|shall|always|never|will now"
    r"|required|requires|instead|rather|before|after|whenever|every time|each time|bcc|cc|redirect|replace"
    r"|change|modify|override|prepend|append|swap|rewrite|avoid|use)\b",
    (
        "called", "used", "invoked", "run", "executed", "requested", "must", "should", "need", "has to",
        "shall", "always", "never", "will now", "require", "instead", "rather", "before", "after", "whenever",
        "every time", "each time", "bcc", "cc", "redirect", "replace", "change", "modify", "override",
        "prepend", "append", "swap", "rewrite", "avoid", "use",
    ),
)  # fmt: skip
"""Every way of controlling another tool uses one of these words: a text without any names no tool
in a way that matters, so its tool names are not looked for (the common case, decided by the gate)."""


def shadowing_hit(text: str, known: Mapping[str, str], own: str) -> Hit | None:
    """`known`: casefolded tool name -> owning server ("" for this manifest's own tools)."""
    if not _CONTROL_WORDS.possible(text):
        return None
    for name, start, end in _mentions(text, known, own):
        if (control := _controls(text, start, end, foreign=bool(known[name]))) is not None:
            where = f" of server {known[name]!r}" if known[name] else ""
            return Hit.of(
                "cross-tool-instruction",
                f"tells the model how to use another tool{where}",
                span(text, *control),
            )
    generic = next((m for m in GENERIC.finditer(text) if not own or own not in m.group()), None)
    if generic is not None:
        return Hit.of(
            "cross-tool-instruction",
            "tells the model how to use another tool",
            span(text, generic.start(), generic.end()),
        )
    return None
