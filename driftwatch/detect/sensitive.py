"""Requests to read or send sensitive data, and the addresses it would go to.

Three strengths of target, three levels of proof. Key, credential and agent config files
(`~/.ssh/id_rsa`, `.env`, `mcp.json`) are never a tool's business: an order to read or pass one
is enough. Secrets named in general words (API keys, passwords, environment variables) are what
legitimate tools handle every day ("Get a secret from Key Vault"), so the rule needs an order to
collect them *and* a place to put them (a response, a parameter, an address). Conversation data
(chat history, other tools' output, the system prompt) is already in the model's context: an
order to pass it on is enough. Sending to an address needs a named destination and data worth
stealing, or a standing order ("all emails", "after each search").

Each rule anchors on its rare part (the target, the destination) and looks back for the verb.
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
    near,
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


def _file_access(text: str) -> str | None:
    for target in _FILES.finditer(text):
        if (verb := _verb_before(text, target, _HARVEST)) is not None:
            return span(text, verb.start(), target.end())
        sink = _SINK_AFTER.match(text, target.end())
        if sink is not None and not negated(text, target.start()):
            return span(text, target.start(), sink.end())
    return None


def _data_request(text: str) -> str | None:
    for target in _DATA.finditer(text):
        verb = _verb_before(text, target, _HARVEST)
        if verb is not None and near(text, verb.start(), target.end(), _SINK_TARGET):
            return span(text, verb.start(), target.end())
    for target in _CONVERSATION.finditer(text):
        if (verb := _verb_before(text, target, _SINK)) is not None:
            return span(text, verb.start(), target.end())
    return None


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
    if (evidence := _file_access(text)) is not None:
        yield Hit.of(
            "sensitive-file-access",
            "asks the model to read or pass on a key, credential or agent config file",
            evidence,
        )
    if (evidence := _data_request(text)) is not None:
        yield Hit.of(
            "sensitive-data-request",
            "asks the model to collect secrets or conversation data and pass them on",
            evidence,
        )
    if (found := _exfiltration(text)) is not None:
        evidence, what = found
        yield Hit.of(
            "exfiltration-destination",
            f"tells the model to {what} an address named in the text",
            evidence,
        )
