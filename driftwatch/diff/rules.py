"""Rug-pull and escalation signals: named rules on top of the raw diff, each with its reason.

A raw diff says what changed; these rules say why a reviewer should care, in the patterns real
rug pulls follow: a tool claiming more power than it was approved with, a new free-text parameter
that can carry data out (named like a side channel: `high`; any other: `medium`), a parameter newly
mirrored into an HTTP header, a schema change that breaks its callers, a tool taking a name another
server's tool already has. What a changed *text* introduces is read in cues.py.

Two rules are labels. `silent-change` says the version did not announce a change; it raises a
change that already has evidence by one step (`medium` -> `high`) and leaves one without evidence
at `low`, so a rewording never pages for want of a version bump. `whitespace-only` says a text
changed only in whitespace: shown, at `low`, so that it neither pages nor hides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from driftwatch.diff.leaves import LeafChange, Path
from driftwatch.model import Change, Severity
from driftwatch.rules import NO_OVERRIDES, SeverityOverrides, Source, of

RULES = of(Source.DRIFT)
"""The drift rules of the catalogue (driftwatch/rules.py): what each raises a change to, and why."""


def flag(
    change: Change,
    rule: str,
    reason: str,
    overrides: SeverityOverrides = NO_OVERRIDES,
    severity: Severity | None = None,
) -> Change:
    """`change` with `rule` fired for `reason`, its severity raised to the rule's (`severity` when
    the evidence sets it, as a finding does); an operator's override for the rule wins."""
    return change.flagged(rule, reason, overrides.severity(rule, severity or RULES[rule].severity))


# --- silent-change ---------------------------------------------------------------------------

SILENT_CATEGORIES = frozenset({"description", "schema", "instructions"})


def is_silent_candidate(change: Change) -> bool:
    """A change the version should have announced: text or schema edited, not just reformatted."""
    return (
        change.change == "changed"
        and change.category in SILENT_CATEGORIES
        and "whitespace-only" not in change.rules
    )


def silent_reason(change: Change, version: str | None) -> str:
    stayed = f"stayed {version!r}" if version is not None else "is absent on both sides"
    return f"{change.category} changed at {change.path} but serverInfo.version {stayed}"


def flag_silent(change: Change, version: str | None, overrides: SeverityOverrides = NO_OVERRIDES) -> Change:
    """`silent-change` on a candidate: one step up when the change already has evidence.

    Evidence is a severity of `medium` or above, which only a rule gives a changed leaf. With an
    operator's override the rule raises like any other (to at least that severity).
    """
    if not is_silent_candidate(change):
        return change
    reason = silent_reason(change, version)
    chosen = overrides.get("silent-change")
    if chosen is not None:
        return change.flagged("silent-change", reason, chosen)
    if change.severity < Severity.MEDIUM or change.severity >= Severity.HIGH:
        return change.flagged("silent-change", reason, change.severity)
    raised = Severity(change.severity + 1)
    return change.flagged("silent-change", f"{reason}: raised one step, from {change.severity}", raised)


# --- annotation-escalation -------------------------------------------------------------------

HINT_DEFAULTS = {
    "readOnlyHint": False,
    "destructiveHint": True,
    "idempotentHint": False,
    "openWorldHint": True,
}
"""MCP's value for each hint when it is absent (specification, ToolAnnotations)."""

SAFE_VALUES = {"readOnlyHint": True, "destructiveHint": False, "idempotentHint": True, "openWorldHint": False}
"""The value of each hint that grants less power: a move away from it is an escalation."""


def effective_hints(tool: Mapping[str, Any]) -> dict[str, bool]:
    """What a client assumes of each hint. A missing or non-boolean hint counts as its default,
    which is always the powerful value: a hostile `"readOnlyHint": "true"` earns no trust."""
    given = tool.get("annotations")
    annotations = given if isinstance(given, dict) else {}
    hints = {}
    for hint, default in HINT_DEFAULTS.items():
        value = annotations.get(hint)
        hints[hint] = value if isinstance(value, bool) else default
    return hints


def escalated_hints(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, str]:
    """Hint -> `readOnlyHint true -> false` for each hint that moved away from its safe value."""
    old, new = effective_hints(before), effective_hints(after)
    return {
        hint: f"{hint} {str(old[hint]).lower()} -> {str(new[hint]).lower()}"
        for hint, safe in SAFE_VALUES.items()
        if old[hint] == safe and new[hint] != safe
    }


def escalations_at(path: Path, escalated: Mapping[str, str]) -> list[str]:
    """The escalations a leaf under `annotations` carries: its own hint, or all for the whole object."""
    if path[:1] != ["annotations"]:
        return []
    if len(path) == 1:
        return list(escalated.values())
    hint = escalated.get(str(path[1]))
    return [hint] if hint else []


# --- side-channel-parameter ------------------------------------------------------------------

SIDE_CHANNEL_WORDS = frozenset(
    {
        "sidenote", "note", "notes", "context", "metadata", "meta", "feedback", "extra", "extras",
        "comment", "comments", "reasoning", "debug", "remark", "remarks", "thought", "thoughts",
        "scratchpad", "memo", "annotation", "additional", "history", "conversation",
    }
)  # fmt: skip
SIDE_CHANNEL_DESCRIPTION = re.compile(
    r"\b(conversation|chat history|previous messages|system prompt|other tools?|side ?note|"
    r"your reasoning|debug(ging)? info(rmation)?|any (additional|extra) (information|context)|"
    r"full context|everything you know|file contents?|credentials?|api keys?|secrets?)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_CONSTRAINTS = ("enum", "const", "pattern", "format")
_STRUCTURE = ("properties", "items", "additionalProperties")


def name_words(name: str) -> set[str]:
    """`sideNote`, `side_note`, `SIDE-NOTE` -> {side, note, sidenote}: words, not substrings,
    so that `extract_mode` is not `extra` and `notebook_id` is not `note`."""
    words = [w.lower() for w in _WORD.findall(name)]
    return {*words, "".join(words)}


def accepts_free_text(schema: Any) -> bool:
    """A parameter any string fits: type string (or no type), with no enum, const, pattern or format.

    `true` and `{}` accept anything; with `anyOf`/`oneOf`, one free-text alternative is enough.
    """
    if schema is True:
        return True
    if not isinstance(schema, dict) or any(key in schema for key in _CONSTRAINTS):
        return False
    alternatives = [s for key in ("anyOf", "oneOf") if isinstance(schema.get(key), list) for s in schema[key]]
    if alternatives:
        return any(accepts_free_text(s) for s in alternatives)
    kind = schema.get("type")
    if kind is None:
        return not any(key in schema for key in _STRUCTURE)
    return kind == "string" or (isinstance(kind, list) and "string" in kind)


def free_text_reason(name: str, schema: Any) -> str | None:
    """Why a new parameter deserves a look (`new-free-text-parameter`), or None: it takes any text."""
    return f"new free-text parameter {name!r}" if accepts_free_text(schema) else None


def side_channel_reason(name: str, schema: Any) -> str | None:
    """Why a new parameter looks like a side channel, or None when it does not."""
    if not accepts_free_text(schema):
        return None
    if name_words(name) & SIDE_CHANNEL_WORDS:
        return f"new free-text parameter {name!r} is named like a side channel"
    description = schema.get("description") if isinstance(schema, dict) else None
    if isinstance(description, str) and SIDE_CHANNEL_DESCRIPTION.search(description):
        return f"new free-text parameter {name!r} asks for conversation, reasoning, file or secret content"
    return None


def new_parameters(leaf: LeafChange) -> Iterator[tuple[str, Any]]:
    """(name, schema) of every parameter an added `inputSchema` subtree brings, at any depth:
    one property, a whole `properties` object, a nested object schema or the whole inputSchema."""
    if leaf.how != "added" or leaf.path[:1] != ["inputSchema"]:
        return
    if len(leaf.path) >= 2 and leaf.path[-2] == "properties" and isinstance(leaf.path[-1], str):
        yield leaf.path[-1], leaf.after
        yield from _properties_of(leaf.after)
    elif leaf.path[-1] == "properties":
        yield from _named_schemas(leaf.after)
    else:
        yield from _properties_of(leaf.after)


def _properties_of(schema: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(schema, dict):
        yield from _named_schemas(schema.get("properties"))


def _named_schemas(properties: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(properties, dict):
        for name, schema in properties.items():
            yield name, schema
            yield from _properties_of(schema)


# --- new-mcp-header --------------------------------------------------------------------------

MCP_HEADER = "x-mcp-header"
"""The inputSchema property extension (MCP 2026-07-28, SEP-2243) that names the HTTP header
(`Mcp-Param-<value>`) a client mirrors the parameter's value into."""


def mcp_header_reasons(leaf: LeafChange) -> list[str]:
    """One reason per parameter an inputSchema leaf newly sends in a header (declared or renamed)."""
    if leaf.path[:1] != ["inputSchema"] or leaf.how == "removed":
        return []
    if leaf.path[-1] == MCP_HEADER and len(leaf.path) >= 2:
        return [_header_reason(str(leaf.path[-2]), leaf.after)]
    return [
        _header_reason(name, schema[MCP_HEADER])
        for name, schema in new_parameters(leaf)
        if isinstance(schema, dict) and MCP_HEADER in schema
    ]


def _header_reason(name: str, header: Any) -> str:
    return f"parameter {name!r} is now sent in HTTP header Mcp-Param-{header}"


# --- breaking-schema-change ------------------------------------------------------------------


def breaking_reason(change: Change) -> str:
    return f"breaking {change.category} change at {change.path} ({change.change})"


# --- tool-name-collision ---------------------------------------------------------------------


def collision_reason(name: str, other_servers_tools: Mapping[str, str]) -> str | None:
    owner = other_servers_tools.get(name)
    return f"server {owner!r} already exposes a tool named {name!r}" if owner else None


# --- whitespace-only -------------------------------------------------------------------------

_ASCII_SPACE = re.compile(r"[ \t\r\n]+")


def only_whitespace_differs(before: Any, after: Any) -> bool:
    """Two different texts equal once runs of ASCII whitespace are one space and the ends trimmed.

    Only ASCII whitespace: a space turned into U+2028 or U+3000 is a hidden-character change for
    the detectors, not formatting. Removing a space ("do not" -> "donot") changes words, so runs
    are collapsed, never deleted.
    """
    if not isinstance(before, str) or not isinstance(after, str) or before == after:
        return False
    return _ASCII_SPACE.sub(" ", before).strip() == _ASCII_SPACE.sub(" ", after).strip()
