"""The words instruction rules are built from: sensitive targets, verbs, destinations, negation.

All patterns run on folded text (normalize.fold: lower case, hidden characters gone, one space
between words). A gap between the parts of an instruction stays inside one sentence and is
bounded, and a pattern has at most one unbounded-looking gap after an atomic group, so matching
stays linear in the text's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from driftwatch.detect.gate import Gated

GAP = r"[^.!?\n]{0,80}?"
"""A short stretch within one sentence: what lies between the parts of an instruction."""

SENSITIVE_FILES = (
    r"(?:~/\.ssh\b|\.ssh/|\bid_(?:rsa|dsa|ecdsa|ed25519)\b(?!\.pub)|\bauthorized_keys\b|\bknown_hosts\b"
    r"|(?<![\w.])\.env\b(?![.\w-]*example)|\bmcp\.json\b|claude_desktop_config|\.cursor/|\.vscode/mcp"
    r"|\.aws/(?:credentials|config)\b|\.pgpass\b|\.config/(?:gh|glab-cli)/|\.azure/|\.config/gcloud|application_default_credentials"
    r"|\.kube/config|\bkubeconfig\b|\.docker/config\.json|\.npmrc\b|\.pypirc\b|\.netrc\b|\.git-credentials"
    r"|\.gnupg\b|\.(?:bash|zsh)_history\b|/etc/(?:passwd|shadow|sudoers)\b|\bkeychain\b|\blogin data\b"
    r"|cookies\.sqlite|browser (?:cookies|passwords|history|profiles?|data)|saved passwords|wallet\.dat"
    r"|\bsecrets?\.(?:json|ya?ml|toml|env)\b|\bcredentials\.json\b|service[_ -]account(?:[_ -]key)?\.json)"
)
"""Key, credential and agent configuration files: no tool needs the model to read these."""
FILE_HINTS = (
    "ssh", "id_", "authorized_keys", "known_hosts", ".env", "mcp.json", "claude_desktop_config",
    ".cursor/", ".vscode/", ".aws/", "pgpass", "/gh/", "glab-cli", ".azure/", "gcloud",
    "application_default_credentials", "kube",

    ".docker/", ".npmrc", ".pypirc", ".netrc", ".git-credentials", ".gnupg", "_history", "/etc/",
    "keychain", "login data", "cookies", "browser", "saved passwords", "wallet.dat", "secret",
    "credentials.json", "service",
)  # fmt: skip

SENSITIVE_DATA = (
    r"(?:\bprivate keys?\b|\bseed phrases?\b|\bmnemonic\b|\bapi[ _-]?(?:keys?|tokens?)\b"
    r"|\baccess[ _-]?tokens?\b"
    r"|\bauth(?:entication)?[ _-]?tokens?\b|\bbearer tokens?\b|\bsession (?:tokens?|cookies?)\b"
    r"|\bpasswords?\b|\bpassphrases?\b|\bcredentials?\b|\bsecrets?\b|\benvironment variables?\b"
    r"|\benv vars?\b|\bconfidential\b|\b(?:all|every|any) (?:user|customer|company|personal|internal) "
    r"(?:data|information|records)\b|\bpersonal (?:data|information)\b|\bcredit card\b|\bssh keys?\b)"
)
"""Secrets and private data in general words: legitimate tools handle these, so the rules that use
them need an order to collect them *and* to pass them on."""
DATA_HINTS = (
    "private key", "seed phrase", "mnemonic", "api", "access", "auth", "bearer", "session", "password",
    "passphrase", "credential", "secret", "environment variable", "env var", "confidential", "data",
    "information", "records", "credit card", "ssh key",
)  # fmt: skip

CONVERSATION = (
    r"(?:\b(?:conversation|chat|message) history\b|\bprevious (?:messages|conversations?|turns|prompts)\b"
    r"|\b(?:entire|whole|full|complete) (?:conversation|chat|context|transcript|dialog(?:ue)?)\b"
    r"|\b(?:last|recent|prior|earlier) (?:\d+ )?messages\b|\bsystem prompt\b|\bcontext window\b"
    r"|\bother tools'? (?:outputs?|results?|responses?)\b"
    r"|\b(?:outputs?|results?|responses?) (?:of|from) (?:other|previous|all|any) "
    r"(?:tools?|tool calls?|calls?)\b"
    r"|\b(?:all|every) (?:of )?(?:the )?user'?s? (?:messages|prompts|queries)\b)"
)
"""Data that lives only in the model's context: nothing a tool description has reason to ask for."""
CONVERSATION_HINTS = (
    "history", "previous", "conversation", "chat", "context", "transcript", "dialog", "messages",
    "system prompt", "other tool", "of other", "from other", "of all", "from all", "of any", "from any",
    "prompts", "queries",
)  # fmt: skip

HARVEST = (
    r"\b(?:read|cat|open|access|retrieve|collect|gather|extract|copy|dump|export"
    r"|fetch|grab|load|scan|search for|look for|look up|find|list|obtain|harvest|steal|enumerate|get|print"
    r"|output|check|include|pass|send|upload|forward|append|attach|embed)\b"
)
SINK = (
    r"\b(?:include|including|pass|put|insert|append|attach|embed|add|paste|fill|encode|send|post|upload"
    r"|forward|transmit|exfiltrate|leak|share|submit|report|write|log|save|store|copy)\b"
)
"""Verbs that move data somewhere: into a response, a parameter, a file, an address."""


DIRECTIVE = re.compile(
    r"\b(?:before (?:using|calling|invoking|running|executing|any|each|every|you|providing|responding|"
    r"answering|proceeding)|after (?:using|calling|each|every|any|\w+ing)|first|also|in addition|"
    r"additionally|"
    r"you (?:must|should|need to|have to)|make sure|be sure|ensure|always|automatically|silently|quietly|"
    r"secretly|otherwise|required|mandatory)\b"
)
"""Words that turn a sentence into an order to the model, or a condition on its next step."""


DESTINATIONS = (
    Gated(r"https?://\S{1,200}", ("http",)),
    Gated(r"\bwww\.\S{1,200}", ("www.",)),
    Gated(r"\b[\w.+-]{1,64}+@[\w-]{1,64}+\.[\w.-]{1,64}\b", ("@",)),
    Gated(
        r"\b[\w.+-]{1,64}+ ?(?:\[at\]|\(at\)| at ) ?[\w-]{1,64}+ ?(?:\[dot\]|\(dot\)| dot |\.| )"
        r"(?:com|net|org|io|ru|cn|xyz)\b",
        (" at ", "[at]", "(at)"),
    ),
    Gated(r"\+\d[\d ()-]{7,20}\d", ("+",)),
    Gated(r"\b\d{1,3}(?:\.\d{1,3}){3}\b", tuple(f"{digit}." for digit in range(10))),
    Gated(
        r"\battacker\b|\bwebhook\.site\b|\bngrok\b|\brequestbin\b|\bpastebin\b"
        r"|\b(?:external|remote|third[- ]party|my|our) (?:server|endpoint|host)\b",
        (
            "attacker",
            "webhook.site",
            "ngrok",
            "requestbin",
            "pastebin",
            "external",
            "remote",
            "third",
            "my ",
            "our ",
        ),
    ),
)
"""Where data could be sent: URLs, emails (also `name at host dot com`), phone numbers, IP addresses,
hosts. One gated pattern each: the email forms backtrack on every word unless kept off text without `@`."""


def destinations(text: str) -> list[re.Match[str]]:
    """Every destination named in `text`, in order."""
    return sorted((m for gated in DESTINATIONS for m in gated.finditer(text)), key=lambda m: m.start())


_NEGATION = re.compile(r"\b(?:not|never|no|cannot|n't|nor)(?: \w+){0,4} ?$")


def negated(text: str, start: int) -> bool:
    """Whether the words just before `start` negate it: `do not read`, `never ignore the`."""
    return _NEGATION.search(text, max(0, start - 40), start) is not None


def affirmed(pattern: re.Pattern[str] | Gated, text: str) -> Iterator[re.Match[str]]:
    """Matches of `pattern` that are not negated (defensive text names attacks to forbid them)."""
    return (m for m in pattern.finditer(text) if not negated(text, m.start()))


def before(text: str, start: int, pattern: re.Pattern[str], width: int = 80) -> re.Match[str] | None:
    """The last match of `pattern` in the same sentence, at most `width` characters before `start`.

    Rules anchor on their rare part (a sensitive file, a destination) and look back for the verb:
    cheaper than scanning forward from every common verb, and linear.
    """
    lo = max(0, start - width)
    for stop in (". ", "! ", "? ", "\n"):
        if (end := text.rfind(stop, lo, start)) >= 0:
            lo = max(lo, end + len(stop))
    last = None
    for last in pattern.finditer(text, lo, start):  # noqa: B007 (the loop keeps the last match)
        continue
    return last


def span(text: str, start: int, end: int, margin: int = 30) -> str:
    """The matched text with a little context, for evidence."""
    return text[max(0, start - margin) : end + margin].strip()


def near(text: str, start: int, end: int, pattern: re.Pattern[str], radius: int = 250) -> bool:
    """Whether `pattern` matches within `radius` characters of [start, end) (same paragraph)."""
    left = text.rfind("\n", max(0, start - radius), start)
    right = text.find("\n", end, end + radius)
    lo = left if left >= 0 else max(0, start - radius)
    hi = right if right >= 0 else end + radius
    return pattern.search(text, lo, hi) is not None
