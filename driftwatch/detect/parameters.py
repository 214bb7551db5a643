"""Schema side channels: a parameter that asks the model to fill it with data it should not share.

A tool gets whatever the model writes into its arguments, so a parameter described (or named) as
"the contents of ~/.ssh/id_rsa" or "the full conversation so far" is a way to steal it without
any instruction sentence. Asking for a secret is normal for a login tool ("password: the account
password"); asking for a key file, the conversation, or every secret at once is not.
"""

from __future__ import annotations

import functools
import re

from driftwatch.detect.gate import Gated
from driftwatch.detect.rule import Hit
from driftwatch.detect.vocab import (
    CONVERSATION,
    CONVERSATION_HINTS,
    CONVERSATION_STARTS,
    DATA_HINTS,
    KEY_FILES,
    PATH_WORD,
    PROTECT_REACH,
    PROTECTING,
    SENSITIVE_DATA,
    VERBATIM,
    span,
    warned_contents,
)

PARAMETER_FIELD = re.compile(
    r"^(?:input|output)Schema\.(?:.+\.)?(?:properties|\$defs|definitions)\.[^.]+(?:\.|$)"
)
"""Anything inside a property definition: its name, description, title, default, enum, examples."""

_NOT_A_KIND = r"(?! (?:types?|patterns?|names?|ids?|kinds?|categories|rules?|counts?|formats?)\b)"
"""`all secret types`, `every password rule`: kinds of secret, not secrets."""

CONTENTS = re.compile(
    r"\b(?:contents?|text|body|material|paste|inhalt|contenu|contenido|conteúdo|contenuto|содержим\w*|texte"
    r"|texto|testo|текст\w*)\b|内容|내용"
    r"|^(?:put|paste|insert|enter|include|fill in|copy)\b(?!.*\b(?:path|alias|name|location|directory)\b)"
    r"|\b(?:output|result)s? of\b|\bcat\s"
)
r"""A file's contents, not its path: `the contents of ~/.ssh/id_rsa` or `output of \`cat ~/.netrc\``
asks for the key, `host alias from ~/.ssh/config` or `key file (default ~/.ssh/id_ed25519)` asks
for a name."""

_SIDE_CHANNELS = (
    Gated(CONVERSATION, CONVERSATION_HINTS, CONVERSATION_STARTS),
    Gated(
        r"\b(?:all|every|each|any|values of) (?:\w+ ){0,3}" + SENSITIVE_DATA + _NOT_A_KIND
        + r"|\b(?:contents?|text) of (?:the |any |every |all )?(?:\w+ ){0,2}(?:" + SENSITIVE_DATA
        + r"|files? (?:in|from|under) ~)",
        (*DATA_HINTS, "~"),
        ("all ", "every ", "each ", "any ", "values of ", "content", "text of "),
    ),
)  # fmt: skip
"""Key files, conversation data, or secrets in bulk ("all API keys", "the contents of …")."""


def _contents_asked(text: str) -> bool:
    """Whether a parameter naming a key file asks for what is in it: its contents (`CONTENTS`), or
    the file whole and unchanged (`VERBATIM`: `~/.kube/config の全文をそのまま`) unless a path is asked."""
    if CONTENTS.search(text) is not None or ("_" in text and CONTENTS.search(text.replace("_", " "))):
        return True  # (`inhalt_der_datei_~/.ssh/…`: a name whose words a path cuts short)
    return VERBATIM.search(text) is not None and PATH_WORD.search(text) is None


@functools.lru_cache(maxsize=4096)  # (a manifest repeats a few hundred paths; bounded: they are the server's)
def is_parameter_field(field: str) -> bool:
    return PARAMETER_FIELD.match(field) is not None


def _protected(text: str, start: int, end: int) -> bool:
    """Whether an act that protects secrets lies beside `text[start:end]` (within PROTECT_REACH)."""
    return PROTECTING.search(text, max(0, start - PROTECT_REACH), end + PROTECT_REACH) is not None


def side_channel_hit(text: str, field: str) -> Hit | None:
    """On a parameter's folded text (or its name split into words), when `field` is inside one."""
    if not is_parameter_field(field):
        return None
    found = next((m for gated in _SIDE_CHANNELS if (m := gated.search(text)) is not None), None)
    if found is not None and (
        _protected(text, found.start(), found.end()) or warned_contents(text, found.start())
    ):
        found = None  # (`mask every secret`, `how much of each secret to redact`: what the tool guards)
    if found is None and KEY_FILES.possible(text) and _contents_asked(text):
        found = KEY_FILES.search(text)
    if found is None:
        return None
    return Hit.of(
        "side-channel-request",
        "a parameter asks the model for file contents, secrets or conversation data",
        span(text, found.start(), found.end()),
    )
