"""Keep secrets out of everything driftwatch writes.

Every value resolved from a registry reference (env values, header values, tokens) is registered
here the moment it is resolved. `scrub()` replaces any registered value in a text by `***`, and
every sink that could carry a secret by accident passes through it: stored error messages (a
server's stderr may echo its env), log lines, CLI output. Redaction by value is deliberately
blunt: it catches the secret wherever it shows up, in whatever message, without knowing why.
"""

from __future__ import annotations

import threading

MIN_SECRET_LENGTH = 4
"""Shorter values (`1`, `on`) are not secret material, and scrubbing them would mangle text."""

MASK = "***"

_lock = threading.Lock()
_secrets: frozenset[str] = frozenset()


def register(value: str) -> None:
    """Remember a resolved value as a secret, for the life of the process."""
    global _secrets
    value = value.strip()
    if len(value) < MIN_SECRET_LENGTH or value in _secrets:
        return
    with _lock:
        _secrets = _secrets | {value}


def scrub(text: str) -> str:
    """`text` with every registered secret replaced by `***`, longest first (a secret that
    contains another is masked whole)."""
    secrets = _secrets
    if not secrets:
        return text
    for secret in sorted((s for s in secrets if s in text), key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text
