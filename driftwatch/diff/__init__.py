"""Two manifests in, classified changes out. Pure: no network, no database.

`diff_manifests` is the whole engine, in five steps:

1. match items by key, per kind (items.py): added, removed, renamed (tools only) and changed;
2. break each changed item, and the server header (serverInfo, capabilities, instructions), into
   one change per changed leaf (leaves.py), lists compared as multisets;
3. classify each change: its category and base severity (classify.py: a changed leaf is `low`),
   whether it is breaking (schema.py, oasdiff's request/response rules);
4. read what each changed leaf introduces (cues.py) and fire the rules (rules.py): each new cue
   or schema signal raises the change's severity to its rule's and says why in `reasons`;
5. label changes the version did not announce (`silent-change`: one step up with evidence only).

Severities are the catalogue's (driftwatch/rules.py) unless the operator overrides a rule
(`severity_overrides:` in the config, passed in as `overrides`).

The result is sorted by (kind, name, path) so that two runs, two processes and two databases
render, store and compare the same list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from driftwatch.diff.classify import ADDED_SEVERITY, PROSE, REMOVED_SEVERITY, category_of, changed_severity
from driftwatch.diff.cues import Context, Cue, introduced
from driftwatch.diff.items import ItemDiff, match_items
from driftwatch.diff.leaves import LeafChange, dotted, leaf_changes
from driftwatch.diff.rules import (
    RULES,
    breaking_reason,
    collision_reason,
    escalated_hints,
    escalations_at,
    flag,
    flag_silent,
    free_text_reason,
    mcp_header_reasons,
    new_parameters,
    only_whitespace_differs,
    side_channel_reason,
)
from driftwatch.diff.schema import is_breaking
from driftwatch.manifest import Manifest
from driftwatch.model import Category, Change, ChangeKind, ItemKind, JSONObject, Severity
from driftwatch.rules import NO_OVERRIDES, SeverityOverrides

__all__ = ["RULES", "Change", "ChangeKind", "diff_manifests", "overall_severity"]

KIND_ORDER = {"server": 0, "tool": 1, "prompt": 2, "resource": 3, "resourceTemplate": 4}


def diff_manifests(
    before: Manifest,
    after: Manifest,
    *,
    other_servers_tools: Mapping[str, str] | None = None,
    overrides: SeverityOverrides = NO_OVERRIDES,
) -> list[Change]:
    """Every difference from `before` to `after`, classified, flagged and in a stable order.

    `other_servers_tools` maps tool name -> server name for the tools OTHER registered servers
    expose: a tool added or renamed onto one of those names collides with it (`tool-name-collision`),
    and a text that starts naming one references it (`new-tool-reference`).
    """
    others = other_servers_tools or {}
    context = Context.of(before, after, others, overrides)
    changes = list(_server_changes(before, after, context))
    for found in match_items(before, after):
        changes += [
            *_added(found, context, others),
            *_removed(found),
            *_renamed(found, context, others),
            *_changed(found, context),
        ]
    if before.server_version == after.server_version:
        changes = [flag_silent(c, before.server_version, overrides) for c in changes]
    return sorted(changes, key=_order)


def overall_severity(changes: Sequence[Change]) -> Severity | None:
    """The most severe change's severity; None when nothing changed."""
    return max((c.severity for c in changes), default=None)


def _order(change: Change) -> tuple[int, str, str, str, bool]:
    # A value removed from and another added to one list can share a path: removal first.
    return KIND_ORDER[change.kind], change.name, change.path or "", change.change, change.after is not None


def _server_changes(before: Manifest, after: Manifest, context: Context) -> Iterator[Change]:
    old: JSONObject = {**before.server, "instructions": before.instructions}
    new: JSONObject = {**after.server, "instructions": after.instructions}
    for leaf in leaf_changes(old, new):
        yield _leaf_change(ItemKind.SERVER, "", leaf, context, breaking=False)


def _added(found: ItemDiff, context: Context, others: Mapping[str, str]) -> Iterator[Change]:
    for name, body in found.added.items():
        change = Change(
            ChangeKind.ADDED,
            ItemKind(found.kind),
            name,
            None,
            None,
            body,
            Category.METADATA,
            False,
            ADDED_SEVERITY[found.kind],
        )
        yield _flag_collision(change, name, others, context) if found.kind == "tool" else change


def _removed(found: ItemDiff) -> Iterator[Change]:
    for name, body in found.removed.items():
        yield Change(
            ChangeKind.REMOVED,
            ItemKind(found.kind),
            name,
            None,
            body,
            None,
            Category.METADATA,
            True,
            REMOVED_SEVERITY,
        )


def _renamed(found: ItemDiff, context: Context, others: Mapping[str, str]) -> Iterator[Change]:
    """A rename breaks whoever calls the old name: `renamed-tool` sets its severity (`medium`), so a
    pin never misses it."""
    for old_name, new_name in found.renamed.items():
        change = Change(
            ChangeKind.RENAMED,
            ItemKind(found.kind),
            new_name,
            None,
            old_name,
            new_name,
            Category.METADATA,
            True,
            Severity.INFO,
        )
        reason = f"tool {old_name!r} is now {new_name!r}, its definition otherwise unchanged"
        renamed = flag(change, "renamed-tool", reason, context.overrides)
        yield _flag_collision(renamed, new_name, others, context)


def _changed(found: ItemDiff, context: Context) -> Iterator[Change]:
    for name, (old, new) in found.changed.items():
        escalated = escalated_hints(old, new) if found.kind == "tool" else {}
        for leaf in leaf_changes(old, new):
            change = _leaf_change(found.kind, name, leaf, context, breaking=is_breaking(leaf, new))
            change = _flag_escalation(change, leaf, escalated, context)
            yield _flag_parameters(change, leaf, context) if found.kind == "tool" else change


def _leaf_change(kind: ItemKind, name: str, leaf: LeafChange, context: Context, *, breaking: bool) -> Change:
    """One changed leaf at its base severity, raised by what it introduces."""
    category = category_of(kind, leaf.path)
    path = dotted(leaf.path)
    severity = changed_severity(category, path)
    change = Change(
        ChangeKind.CHANGED, kind, name, path, leaf.before, leaf.after, category, breaking, severity
    )
    if category in PROSE and only_whitespace_differs(leaf.before, leaf.after):
        return flag(change, "whitespace-only", f"only whitespace changed in {path}", context.overrides)
    if path == "serverInfo.version":
        return change
    prose = category in PROSE or path.endswith("title")
    for cue_rule, cues in _by_rule(introduced(leaf.before, leaf.after, path, name, context, prose=prose)):
        reason = "; ".join(c.reason for c in cues[:MAX_REASONS])
        more = len(cues) - MAX_REASONS
        reason += f"; and {more} more" if more > 0 else ""
        change = flag(change, cue_rule, reason, context.overrides, max(c.severity for c in cues))
    if breaking:
        change = flag(change, "breaking-schema-change", breaking_reason(change), context.overrides)
    return change


MAX_REASONS = 5
"""Cues of one rule named in a change's reason; the rest are counted."""


def _by_rule(cues: list[Cue]) -> list[tuple[str, list[Cue]]]:
    grouped: dict[str, list[Cue]] = {}
    for cue in cues:
        grouped.setdefault(cue.rule, []).append(cue)
    return list(grouped.items())


def _flag_escalation(
    change: Change, leaf: LeafChange, escalated: Mapping[str, str], context: Context
) -> Change:
    found = escalations_at(leaf.path, escalated)
    return flag(change, "annotation-escalation", "; ".join(found), context.overrides) if found else change


def _flag_parameters(change: Change, leaf: LeafChange, context: Context) -> Change:
    """New parameters of an existing tool: named like a side channel (high), or free text (medium);
    and parameters newly mirrored into an HTTP header."""
    side, free = [], []
    for name, schema in new_parameters(leaf):
        if reason := side_channel_reason(name, schema):
            side.append(reason)
        elif reason := free_text_reason(name, schema):
            free.append(reason)
    if side:
        change = flag(change, "side-channel-parameter", "; ".join(side), context.overrides)
    if free:
        change = flag(change, "new-free-text-parameter", "; ".join(free), context.overrides)
    if headers := mcp_header_reasons(leaf):
        change = flag(change, "new-mcp-header", "; ".join(headers), context.overrides)
    return change


def _flag_collision(change: Change, name: str, others: Mapping[str, str], context: Context) -> Change:
    reason = collision_reason(name, others)
    return flag(change, "tool-name-collision", reason, context.overrides) if reason else change
