"""Credential echo: a server that sends back a secret driftwatch gave it.

Redaction (driftwatch/redact.py) runs on everything a server sends before the detectors see it,
and replaces every echo of a credential (env value, header, URL credential, token, in any form)
with `MARKER`. So the marker in a server's text is proof of an echo: the server read a secret and
put it where an agent, a log or a report would carry it on. The check is one substring search on
the whole string, so it holds for strings too long for the other rules (detect/limits.py).
"""

from __future__ import annotations

from driftwatch.detect.rule import Hit
from driftwatch.redact import MARKER


def echo_hit(text: str) -> Hit | None:
    """A `credential-echo` hit when `text` holds the redaction marker."""
    at = text.find(MARKER)
    if at < 0:
        return None
    count = text.count(MARKER)
    return Hit.of(
        "credential-echo",
        f"the server sent back a credential driftwatch gave it ({count} echo(es), redacted)",
        text[max(0, at - 60) : at + len(MARKER) + 60],
    )
