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

from driftwatch.detect.rule import Hit
from driftwatch.detect.vocab import GAP, span
from driftwatch.severity import Severity

_NAME = r"[`'\"]?(?=[a-z][\w.-]*[_-])[a-z][\w.-]*+[`'\"]?"
"""A tool-like identifier (`send_email`, `get-weather`), optionally quoted; possessive, so linear."""

GENERIC = re.compile(
    r"\bwhen (?:this|the) (?:tool|server) is (?:available|present|loaded|installed|enabled|connected)\b"
    r"|\bside effects? on (?:the )?(?:\w+ ){0,2}" + _NAME
    + r"|\bwhen (?:\(\S+\) )?(?:the |any |an? )?" + _NAME
    + r" (?:(?:tool|function) (?:is|gets|was) (?:used|run)|(?:tool |function )?(?:is|gets|was|are) "
    r"(?:called|invoked|executed|requested))\b"
    r"|\b(?:all|every|any) (?:emails?|messages?|payments?|transfers?|transactions?) (?:\w+ ){0,4}"
    r"(?:must|should|shall|will) (?:always )?(?:be )?(?:sent|routed|forwarded|redirected|delivered|addressed|"
    r"copied|cc'?d|bcc'?d)\b"
)  # fmt: skip
"""Shadowing phrased without a known tool name."""

_TOKEN = re.compile(r"[a-z0-9][\w.-]*[a-z0-9]")
_CONTROL = (
    r"(?:must|should|needs? to|has to|shall|always|never|will now|is required to|requires)\b" + GAP
    + r"\b(?:send|include|add|use|bcc|cc|forward|redirect|set|replace|change|append|prepend|route|copy|pass"
    r"|attach)\b"
)  # fmt: skip
_ALTER = r"\b(?:bcc|cc|redirect|replace|change|modify|override|prepend|append|swap|rewrite)\b"


def _mentions(text: str, known: Mapping[str, str], own: str) -> list[tuple[str, int]]:
    """(tool name, position) of each other tool named in `text`, also as `server_tool` suffixes."""
    found = []
    for token in _TOKEN.finditer(text):
        word = token.group()
        candidates = [word]
        if "_" in word:
            candidates += [word[i + 1 :] for i, ch in enumerate(word) if ch == "_"]
        for name in candidates:
            if name in known and name != own and len(name) >= 4:
                found.append((name, token.start()))
                break
    return found


def _controls(text: str, name: str, position: int, foreign: bool) -> re.Match[str] | None:
    name = re.escape(name)
    pattern = (
        rf"\bwhen\b{GAP}{name}{GAP}\b(?:is|are|gets?) (?:called|used|invoked|run|executed)"
        rf"|{name}[`'\"]? (?:tool |function )?{_CONTROL}"
        rf"|{name}{GAP}\b(?:use|set|change|replace|switch)\b{GAP}\b(?:instead|rather)\b"
        rf"|\b(?:before|after|whenever|every time|each time) (?:you )?(?:call|use|invoke|run)(?:ing)? "
        rf"(?:the )?[`'\"]?{name}{GAP}{_ALTER}"
    )
    if foreign:
        pattern += rf"|\b(?:instead of|rather than|(?:do not|don't|never) use|avoid) (?:using )?{name}"
    return re.compile(pattern).search(text, max(0, position - 120), position + 200)


def shadowing_hit(text: str, known: Mapping[str, str], own: str) -> Hit | None:
    """`known`: casefolded tool name -> owning server ("" for this manifest's own tools)."""
    for name, position in _mentions(text, known, own):
        if (control := _controls(text, name, position, foreign=bool(known[name]))) is not None:
            where = f" of server {known[name]!r}" if known[name] else ""
            return Hit(
                "cross-tool-shadowing",
                Severity.MEDIUM,
                f"tells the model how to use another tool{where}",
                span(text, control.start(), control.end()),
            )
    generic = next((m for m in GENERIC.finditer(text) if not own or own not in m.group()), None)
    if generic is not None:
        return Hit(
            "cross-tool-shadowing",
            Severity.MEDIUM,
            "tells the model how to use another tool",
            span(text, generic.start(), generic.end()),
        )
    return None
