"""A rule's hit on one text, and the catalogue of every rule (ids, default severity, meaning)."""

from __future__ import annotations

from dataclasses import dataclass

from driftwatch.model import Severity


@dataclass(frozen=True)
class Hit:
    """One rule firing on one string, before it is placed in an item and field (a Finding)."""

    rule: str
    severity: Severity
    message: str
    evidence: str
    """The raw matched span: hashed for suppressions, shown only through visible()."""


RULES: dict[str, tuple[Severity, str]] = {
    # Instructions addressed to the model (instructions.py).
    "hidden-instruction-tag": (
        Severity.MEDIUM,
        "markup that addresses the model (<IMPORTANT>, <SYSTEM>, [INST], <|system|>); high with intent",
    ),
    "conceal-from-user": (Severity.HIGH, "tells the model to keep something from the user"),
    "instruction-override": (Severity.HIGH, "tries to override the model's instructions or safety controls"),
    "priority-claim": (
        Severity.MEDIUM,
        "claims precedence over other tools or disparages them, or gives the model a new role",
    ),
    "decode-and-follow": (Severity.HIGH, "asks the model to decode hidden text and act on it"),
    "coercive-precondition": (Severity.LOW, "claims the tool fails unless the model does something first"),
    # Sensitive data (sensitive.py).
    "sensitive-file-access": (
        Severity.HIGH,
        "asks the model to read key, credential or agent config files (~/.ssh, .env, mcp.json, …)",
    ),
    "sensitive-data-request": (
        Severity.HIGH,
        "asks the model to collect secrets or conversation data and pass them on",
    ),
    "exfiltration-destination": (
        Severity.HIGH,
        "tells the model to send or copy data to a URL, email address or phone number",
    ),
    # Control over other tools (shadowing.py).
    "cross-tool-shadowing": (
        Severity.MEDIUM,
        "tells the model how to use another tool or server; high with intent",
    ),
    # Schema side channels (schema.py).
    "schema-side-channel": (
        Severity.HIGH,
        "a parameter whose name or text asks for file contents, secrets or conversation data",
    ),
    # Hidden content (hidden.py, encoded.py).
    "unicode-tag-characters": (Severity.HIGH, "invisible Unicode tag characters (U+E0000–E007F)"),
    "ansi-escape": (Severity.HIGH, "ANSI escape sequences that hide or rewrite text in a terminal"),
    "bidi-control": (Severity.HIGH, "bidirectional control characters that reorder displayed text"),
    "zero-width-characters": (Severity.MEDIUM, "zero-width characters splitting Latin words"),
    "whitespace-padding": (Severity.MEDIUM, "long whitespace runs that push text out of view"),
    "hidden-comment": (Severity.LOW, "HTML or Markdown comments; high when they hold instructions"),
    "mixed-script-word": (Severity.MEDIUM, "words mixing Latin with look-alike Cyrillic or Greek letters"),
    "encoded-payload": (
        Severity.LOW,
        "base64, hex, escaped, tag-encoded or rot13 text that decodes to prose; high with instructions",
    ),
    # The manifest as a whole (limits.py, duplicates.py, echo.py).
    "oversized-text": (
        Severity.MEDIUM,
        "text too long for the detectors to read in full within their budget; the unread part is unchecked",
    ),
    "duplicate-name": (Severity.HIGH, "two tools, prompts, resources or templates listed under one name"),
    "credential-echo": (
        Severity.HIGH,
        "the server sent back a credential driftwatch gave it (redacted before anything stores it)",
    ),
}
"""Rule id -> (default severity, one-line description): for docs and SARIF rule metadata.

The default is the severity a rule fires with on its own; context (other intent in the same
text, obfuscation, encoding) can raise it, never lower it below what is listed here.
"""
