"""Exfiltration in English phrasing: an address named in the text, and an order to send to it.

The data-flow rules live in orders.py, in every language: what is read, what is passed on, and
where it goes. This module keeps the one English rule that anchors on the destination and looks
back for the verb (`bcc every e-mail to …`, `change the recipient to …`), on the folded text, where
look-alike letters are already Latin again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from driftwatch.detect.gate import Gated
from driftwatch.detect.rule import Hit
from driftwatch.detect.vocab import (
    CONVERSATION,
    CONVERSATION_HINTS,
    DATA_HINTS,
    DIRECTIVE,
    FILE_HINTS,
    GAP,
    HARVEST,
    SENSITIVE_DATA,
    SENSITIVE_FILES,
    SINK,
    before,
    destinations,
    negated,
    span,
)

_FILES = Gated(SENSITIVE_FILES, FILE_HINTS)
_DATA = Gated(SENSITIVE_DATA, DATA_HINTS)
_CONVERSATION = Gated(CONVERSATION, CONVERSATION_HINTS)
_HARVEST = re.compile(HARVEST)
_SINK = re.compile(SINK)
_SINK_AFTER = re.compile(r"[^.!?\n]{0,60}?" + SINK)
_SINK_TARGET = re.compile(
    SINK + GAP + r"\b(?:in|into|as|inside|within|to|via|with)\b"
    r"|\b(?:your|the) (?:response|answer|reply|output)\b|\b(?:parameter|argument|field|header)\b"
)
"""Where harvested data is put: a response, a parameter, a header, an address."""
_SEND = re.compile(
    r"\b(?:send|sends|post|posts|upload|forward|transmit|exfiltrate|report|bcc|cc|redirect|copy|mirror|deliver"
    r"|log|leak|sync|submit|push)\b" + GAP + r"\b(?:to|at|into|via|towards)\b"
)
_REDIRECT = re.compile(
    r"\b(?:change|set|replace|redirect|update|swap|switch)\b" + GAP
    + r"\b(?:recipients?|destination|to address|phone number|receiver|payee|iban|wallet address"
    r"|email address)\b"
)  # fmt: skip
_DATA_SCOPE = re.compile(
    r"\b(?:all|every|each|any|full|entire|complete|whole|copy of) (?:\w+ ){0,2}(?:emails?|messages?|data|"
    r"results?|responses?|quer(?:y|ies)|requests?|files?|contents?|conversations?|inputs?|outputs?|information|"
    r"documents?|"
    r"prompts?|transactions?)\b|" + "|".join((SENSITIVE_DATA, SENSITIVE_FILES, CONVERSATION))
)
"""Data worth stealing, in the sentence that sends it somewhere."""


def _verb_before(text: str, target: re.Match[str], verbs: re.Pattern[str]) -> re.Match[str] | None:
    verb = before(text, target.start(), verbs)
    return verb if verb is not None and not negated(text, verb.start()) else None


def _exfiltration(text: str) -> tuple[str, str] | None:
    """(evidence, message) for the first destination that something is sent or redirected to."""
    for target in destinations(text):
        if (verb := _verb_before(text, target, _REDIRECT)) is not None:
            return span(text, verb.start(), target.end()), "redirect messages or payments to"
        verb = before(text, target.start(), _SEND, width=160)
        if verb is None or negated(text, verb.start()):
            continue
        lo = max(0, verb.start() - 200)
        for stop in (". ", "\n"):
            if (end := text.rfind(stop, lo, verb.start())) >= 0:
                lo = max(lo, end + len(stop))
        window = text[lo : target.end() + 120]
        if _DATA_SCOPE.search(window) or DIRECTIVE.search(window):
            return span(text, verb.start(), target.end()), "send data to"
    return None


def sensitive_hits(text: str) -> Iterator[Hit]:
    """Rules on one folded text, at their default severity."""
    if (found := _exfiltration(text)) is not None:
        evidence, what = found
        yield Hit.of(
            "exfiltration-destination",
            f"tells the model to {what} an address named in the text",
            evidence,
        )
