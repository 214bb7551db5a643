"""The Change: one classified difference between two manifests, as `diff --format json` lists it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from driftwatch.severity import Severity

ChangeKind = Literal["added", "removed", "changed", "renamed"]
Category = Literal["description", "schema", "annotations", "metadata", "instructions"]


@dataclass(frozen=True)
class Change:
    """One difference: an item added, removed or renamed, or one changed leaf inside an item.

    `before` and `after` are the server's raw JSON values (None when absent), hostile text
    included: renderers make them visible, the diff keeps them exact so that hashes and reviews
    see what the server really sent.
    """

    change: ChangeKind
    kind: str
    """`tool`, `prompt`, `resource`, `resourceTemplate` or `server`."""
    name: str
    """The item key (the new name for a rename); "" for `server`."""
    path: str | None
    """Dotted leaf path inside the item (`inputSchema.properties.mode.enum[2]`); None for whole items."""
    before: Any
    after: Any
    category: Category
    breaking: bool
    severity: Severity
    rules: tuple[str, ...] = ()
    """Named signals that fired on this change (keys of `driftwatch.diff.RULES`)."""
    reasons: tuple[str, ...] = ()
    """One human sentence per rule, in the same order."""

    def flagged(self, rule: str, reason: str, severity: Severity) -> Change:
        """This change with `rule` fired: its severity raised (never lowered) to the rule's."""
        if rule in self.rules:
            return self
        return replace(
            self,
            rules=(*self.rules, rule),
            reasons=(*self.reasons, reason),
            severity=max(self.severity, severity),
        )

    def to_json(self) -> dict[str, Any]:
        """The `changes[]` entry of `diff --format json` (docs/contract.md), plus `rules` and `reasons`."""
        return {
            "change": self.change,
            "kind": self.kind,
            "name": self.name,
            "path": self.path,
            "before": self.before,
            "after": self.after,
            "category": self.category,
            "breaking": self.breaking,
            "severity": str(self.severity),
            "rules": list(self.rules),
            "reasons": list(self.reasons),
        }
