"""What a change is about (its category) and how much it matters before any rule fires.

Base severities, which rules (rules.py, cues.py) may only raise:

- an item added: a tool `medium`, because it is new power for the model that nobody reviewed;
  a prompt, resource or resource template `low`, because a person picks those, not the model;
- an item removed: `low`. It breaks its users (so it is `breaking`), but grants nothing;
- a changed leaf, whatever its category: `low`. That something changed is no evidence; what the
  change introduces is (a destination, a finding, a breaking schema change: `breaking-schema-change`);
- `serverInfo.version`: `info`. A version bump is context for the other changes, not a risk.
"""

from __future__ import annotations

from driftwatch.diff.leaves import Path
from driftwatch.model import Category, Severity

TEXT_KEYS = frozenset({"description", "title"})
SCHEMA_ROOTS = frozenset({"inputSchema", "outputSchema", "arguments"})

ADDED_SEVERITY = {
    "tool": Severity.MEDIUM,
    "prompt": Severity.LOW,
    "resource": Severity.LOW,
    "resourceTemplate": Severity.LOW,
}
REMOVED_SEVERITY = Severity.LOW
CHANGED_SEVERITY = Severity.LOW
PROSE = frozenset({Category.DESCRIPTION, Category.INSTRUCTIONS, Category.SCHEMA})
"""Categories whose text the model reads as prose: every cue of cues.py is looked for there."""


def category_of(kind: str, path: Path) -> Category:
    """`description` for text the model reads (at any depth, parameter descriptions included),
    `schema` for parameters and results, `annotations` for hints, `instructions` and `metadata`."""
    keys = [p for p in path if isinstance(p, str)]
    if kind == "server":
        return Category.INSTRUCTIONS if keys[:1] == ["instructions"] else Category.METADATA
    if keys[:1] == ["annotations"]:
        return Category.ANNOTATIONS
    if _is_text(path):
        return Category.DESCRIPTION
    if keys[:1] and keys[0] in SCHEMA_ROOTS:
        return Category.SCHEMA
    return Category.METADATA


def _is_text(path: Path) -> bool:
    """A `description` or `title` keyword, not a parameter that happens to be named so."""
    return bool(path) and path[-1] in TEXT_KEYS and (len(path) == 1 or path[-2] != "properties")


def changed_severity(category: Category, path: str) -> Severity:
    """`info` for a version bump, `low` for every other changed leaf (rules raise it)."""
    return (
        Severity.INFO if category is Category.METADATA and path == "serverInfo.version" else CHANGED_SEVERITY
    )
