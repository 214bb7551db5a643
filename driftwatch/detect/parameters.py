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
from driftwatch.detect.lexicon import Concept, ideas
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
from driftwatch.normalize import spell_joints

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


_UNREDACTED = re.compile(
    r"\b(?:unredacted|unmasked|uncensored|ungeschwärzt|unmaskiert|non masqué|sin (?:enmascarar|censura)"
    r"|sem mascarar|non mascherat\w*|без (?:маскировки|цензуры))\b"
    r"|不要?脱敏|未脱敏|原文|マスクせず|마스킹 ?없이"
)
"""A secret asked for as it is, its masking refused (`不要脱敏`, `unredacted`): the value itself."""

_WHOLE = re.compile(
    r"\b(?:complet[ao]s?|intero|intera|entier|entière|vollständig\w*|полн\w*|цел\w*)\b|完整|全部"
)
"""A secret asked for whole (`clave_privada_completa`): its value, not a setting of it."""

_ENV_FILE = re.compile(r"\b(?:dot ?)?env file\b")
"""The `.env` file spelt in a name's words (`env_file_no_naiyo`), which holds a project's secrets."""

_SOURCE_FILE = re.compile(
    r"(?<![\w.])[\w.-]{2,40}?(?:rc|config|cfg|conf|\.toml|\.ya?ml|\.ini|\.json|\.secret|\.key|\.pem)\b"
    r"|\b(?:config|conf|cfg) (?:toml|ya?ml|ini|json)\b"
    r"|\b(?:from|off|с|со|из|s|so|iz|aus|von|de|du|desde|da|dal) (?:the |my |your |their |user's )?(?:\w+ )?"
    r"(?:computer|laptop|desktop|pc|компьютер\w*|ноутбук\w*|kompyuter\w*|noutbuk\w*|rechner\w*|ordinateur"
    r"|ordenador|computador|portatile)\b"
)
"""A client's own file a secret is kept in, spelt in a name (`mbsyncrc`, `ossutilconfig`,
`identity.secret`, `config_toml`), or the user's computer itself (`с_рабочего_компьютера`): the
secret is to be read out of it."""

_HANDLE_END = re.compile(
    r" (?:path|paths|file|files|filename|name|dir|directory|location|id|ids|env|var|ref|flag|enabled|mode"
    r"|type|source|provider|policy|rules?|rotation|scope|length|strength|expiry|ttl|lujing|wenjian|put|fayl"
    r"|datei|fichier|archivo|arquivo)$|(?:路径|文件|パス|ファイル|경로|파일)$"
)
"""A name ending in what points at the secret (`ssh_key_path`, `token_from_netrc_file`): the
client's own login named, not its value asked for."""

_SWITCH_START = re.compile(r"(?:use|load|read|fetch|resolve|enable|allow|prefer|skip|disable) ")
"""A name that switches how the tool finds its own login (`use_token_from_npmrc`): no value asked."""

_SECRET_NAME_WORDS = 3
"""Words a parameter's name needs to be read as a request for a secret (`token_from_mbsyncrc`)."""


def named_secret_hit(name: str) -> Hit | None:
    """`side-channel-request` when a parameter's name asks for a secret's value: a secret with its
    contents or its text unmasked, or a secret taken out of a client's file (`password_from_
    fetchmailrc`). The name is spelt into words even when a path is in it (`~/.aws/…`, `identity.
    secret`), which the phrase of a plain identifier (normalize.identifier_phrase) leaves out."""
    if " " in name or "_" not in name:
        return None
    words = spell_joints(name).casefold()
    if words.count(" ") + 1 < _SECRET_NAME_WORDS or _SWITCH_START.match(words) or _HANDLE_END.search(words):
        return None
    found = ideas(words)
    if Concept.HANDLE in found or (Concept.SECRET not in found and _ENV_FILE.search(words) is None):
        return None
    unmasked = _UNREDACTED.search(words) is not None or _WHOLE.search(words) is not None
    if Concept.NEGATION in found and not unmasked:
        return None  # (`never_log_the_api_key`: a promise; `不要脱敏`: the masking refused)
    asked = unmasked or Concept.CONTENTS in found or VERBATIM.search(words) is not None
    if not asked and _SOURCE_FILE.search(words) is None:
        return None
    detail = "a parameter's name asks the model for a secret's value"
    return Hit.of("side-channel-request", detail, words)
