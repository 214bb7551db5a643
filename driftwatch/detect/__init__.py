"""Findings on the text a server shows an agent: hidden instructions, hidden content, side channels.

Pure functions, offline: a manifest in, findings out. Every string an agent reads is scanned
(walk.py) three ways: the raw text for hidden content (hidden.py), its normalized form for
instructions aimed at the model (instructions.py), and every encoded payload found in it
(normalize.decoded_variants) with the same instruction rules: a decoded instruction is reported
with how it was hidden, and hiding raises its severity to `high`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from driftwatch.detect.hidden import hidden_comments, hidden_hits
from driftwatch.detect.instructions import MENTIONS_SENSITIVE, SENSITIVE, instruction_hits
from driftwatch.detect.normalize import decoded_variants, normalize
from driftwatch.detect.rule import Hit
from driftwatch.detect.walk import manifest_strings
from driftwatch.manifest import Manifest
from driftwatch.severity import Severity
from driftwatch.visible import shorten, visible

__all__ = ["RULES", "Finding", "detect", "scan_text"]

RULES: dict[str, tuple[Severity, str]] = {
    "hidden-instruction-tag": (
        Severity.HIGH,
        "markup that addresses the model: <IMPORTANT>, <SYSTEM>, [INST], …",
    ),
    "conceal-from-user": (Severity.HIGH, "tells the model to keep something from the user"),
    "instruction-override": (Severity.HIGH, "tries to override the model's instructions or safety controls"),
    "priority-claim": (Severity.MEDIUM, "claims precedence over other tools, or a new role for the model"),
    "sensitive-data-request": (
        Severity.HIGH,
        "asks the model to read or pass on keys, config files or chat data",
    ),
    "exfiltration-destination": (
        Severity.HIGH,
        "tells the model to send data to a URL, email or phone number",
    ),
    "decode-and-follow": (Severity.HIGH, "asks the model to decode hidden text and act on it"),
    "cross-tool-shadowing": (Severity.HIGH, "tells the model how to use another tool or server"),
    "coercive-precondition": (Severity.MEDIUM, "claims the tool fails unless the model does something first"),
    "parameter-name-instruction": (
        Severity.HIGH,
        "a parameter name that spells out a request for sensitive data",
    ),
    "schema-side-channel": (
        Severity.HIGH,
        "a free-text parameter that asks for file contents, secrets or chat data",
    ),
    "unicode-tag-characters": (Severity.HIGH, "invisible Unicode tag characters"),
    "ansi-escape": (Severity.HIGH, "ANSI escape sequences"),
    "bidi-control": (Severity.HIGH, "bidirectional control characters that reorder displayed text"),
    "zero-width-characters": (Severity.MEDIUM, "zero-width characters inside words"),
    "whitespace-padding": (Severity.MEDIUM, "long whitespace runs that push text out of view"),
    "hidden-comment": (Severity.LOW, "HTML or Markdown comments (high when they hold instructions)"),
    "mixed-script-word": (Severity.MEDIUM, "words mixing Latin with look-alike Cyrillic or Greek letters"),
}

_PARAMETER_DESCRIPTION = re.compile(r"^(input|output)Schema\.(.+\.)?properties\.[^.]+\.description$")
_PARAMETER_NAME = re.compile(r"^(input|output)Schema\.(.+\.)?properties\.[^.]+$")
_IDENTIFIER_PARTS = re.compile(r"[_\-\s.]+|(?<=[a-z])(?=[A-Z])")
_ASKS_FOR = re.compile(
    r"\b(pass|put|include|insert|paste|provide|fill|add|send|give|enter|copy)\b[^.!?\n]{0,60}?"
    r"(contents? of|" + SENSITIVE[1:-1] + r")"
)


@dataclass(frozen=True)
class Finding:
    kind: str
    name: str
    field: str
    rule: str
    severity: Severity
    message: str
    evidence: str
    """The matched text, hidden characters made visible, shortened."""
    evidence_hash: str
    """sha256 of the matched text: what a suppression names, so an edited text fires again."""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "field": self.field,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "evidence": self.evidence,
            "evidence_hash": self.evidence_hash,
        }


def _finding(kind: str, name: str, field: str, hit: Hit) -> Finding:
    digest = "sha256:" + hashlib.sha256(hit.evidence.encode("utf-8", "surrogatepass")).hexdigest()
    evidence = visible(shorten(hit.evidence, 200), one_line=True)
    return Finding(kind, name, field, hit.rule, hit.severity, hit.message, evidence, digest)


SHORT_TOKEN = 24
"""Below this length, a string without spaces (a type name, most enum values and property names)
can hold neither a sentence nor an encoded payload: only hidden characters, checked for anyway."""


def text_hits(text: str, field: str, known_tools: Collection[str] = (), own_name: str = "") -> Iterator[Hit]:
    """Every rule's hits on one string."""
    hidden = list(hidden_hits(text))
    if len(text) < SHORT_TOKEN and not any(ch.isspace() for ch in text):
        yield from hidden
        return
    obfuscated = any(
        h.rule in ("zero-width-characters", "mixed-script-word", "whitespace-padding") for h in hidden
    )
    for hit in instruction_hits(normalize(text), known_tools, own_name):
        if obfuscated and hit.severity >= Severity.MEDIUM:
            hit = Hit(hit.rule, Severity.HIGH, hit.message + " (in obfuscated text)", hit.evidence)
        yield hit
    comments = hidden_comments(text)
    for hit in hidden:
        if hit.rule == "hidden-comment" and any(
            h.severity >= Severity.MEDIUM
            for c in comments
            for h in instruction_hits(normalize(c), known_tools)
        ):
            hit = Hit(
                hit.rule, Severity.HIGH, "a comment hides instructions from rendered views", hit.evidence
            )
        yield hit
    for variant in decoded_variants(text):
        for hit in instruction_hits(normalize(variant.text), known_tools, own_name):
            severity = Severity.HIGH if hit.severity >= Severity.MEDIUM else hit.severity
            yield Hit(
                hit.rule,
                severity,
                f"{hit.message} (hidden as {variant.how})",
                f"{variant.how}: {shorten(variant.source, 60)} -> {hit.evidence}",
            )
    if _PARAMETER_NAME.match(field) and len(words := _IDENTIFIER_PARTS.split(text)) >= 6:
        sentence = normalize(" ".join(words))
        hits = list(instruction_hits(sentence, known_tools, own_name))
        if not hits and MENTIONS_SENSITIVE.search(sentence):
            hits = [
                Hit(
                    "parameter-name-instruction",
                    Severity.HIGH,
                    "a parameter name spells out a request for sensitive data",
                    text,
                )
            ]
        for hit in hits:
            yield Hit(
                hit.rule,
                max(hit.severity, Severity.HIGH),
                hit.message + " (spelled as a parameter name)",
                text,
            )
    if _PARAMETER_DESCRIPTION.match(field) and (ask := _ASKS_FOR.search(normalize(text))):
        yield Hit(
            "schema-side-channel",
            Severity.HIGH,
            "a parameter description asks for file contents, secrets or conversation data",
            ask.group(),
        )


def detect(manifest: Manifest, *, other_tools: Mapping[str, str] | None = None) -> list[Finding]:
    """Findings on every string of `manifest`. `other_tools`: tool name -> server, for the tools of
    other registered servers (cross-server shadowing)."""
    known = frozenset(name.casefold() for name in {t.key for t in manifest.tools} | set(other_tools or {}))
    findings: dict[tuple[str, str, str, str], Finding] = {}
    for kind, name, field, text in manifest_strings(manifest):
        own = name if kind == "tool" else ""
        for hit in text_hits(text, field, known, own):
            finding = _finding(kind, name, field, hit)
            key = (kind, name, field, hit.rule)
            if key not in findings or findings[key].severity < finding.severity:
                findings[key] = finding
    return sorted(findings.values(), key=lambda f: (-f.severity, f.kind, f.name, f.field, f.rule))


def scan_text(text: str, *, field: str = "description", known_tools: Collection[str] = ()) -> list[Finding]:
    """The rules on one string, as a finding list (for tests and quick checks)."""
    hits: dict[str, Hit] = {}
    for hit in text_hits(text, field, frozenset(t.casefold() for t in known_tools)):
        if hit.rule not in hits or hits[hit.rule].severity < hit.severity:
            hits[hit.rule] = hit
    return sorted(
        (_finding("tool", "", field, h) for h in hits.values()), key=lambda f: (-f.severity, f.rule)
    )
