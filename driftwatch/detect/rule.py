"""A rule's hit on one text, before it is placed in an item and field (a Finding).

A hit names its rule and takes its severity from the rule catalogue (driftwatch/rules.py): the
rule's severity, its `lowered` form (`Hit.weak`) or, in context, its `escalated` one
(`Hit.escalated`). No detector picks a severity of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from driftwatch.model import Severity
from driftwatch.rules import Source, of, rule

RULES = of(Source.DETECTOR)
"""The detector rules of the catalogue."""


@dataclass(frozen=True)
class Hit:
    """One rule firing on one string."""

    rule: str
    severity: Severity
    detail: str
    """What this hit saw, in words (the finding's `detail`); the rule's message says what it means."""
    evidence: str
    """The raw matched span: hashed for suppressions, shown only through visible()."""

    @classmethod
    def of(cls, rule_id: str, detail: str, evidence: str) -> Hit:
        """A hit at the rule's own severity."""
        return cls(rule_id, RULES[rule_id].severity, detail, evidence)

    @classmethod
    def weak(cls, rule_id: str, detail: str, evidence: str) -> Hit:
        """A hit at the rule's `lowered` severity (the weaker form the catalogue describes)."""
        lowered = RULES[rule_id].lowered
        assert lowered is not None, f"{rule_id} has no lowered form in the catalogue"
        return cls(rule_id, lowered, detail, evidence)

    def escalated(self, why: str = "") -> Hit:
        """This hit in context: at the rule's `escalated` severity (or its own, if higher), `why` said."""
        ceiling = rule(self.rule).escalated or rule(self.rule).severity
        if self.severity >= ceiling:
            return self
        return replace(self, severity=ceiling, detail=self.detail + why)
