"""A rule's hit on one text, before it becomes a Finding with its item and field."""

from __future__ import annotations

from dataclasses import dataclass

from driftwatch.severity import Severity


@dataclass(frozen=True)
class Hit:
    rule: str
    severity: Severity
    message: str
    evidence: str
