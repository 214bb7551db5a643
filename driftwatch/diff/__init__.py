"""Two manifests in, classified changes out. Pure: no network, no database.

`diff_manifests` is the whole engine, in four steps:

1. match items by key, per kind (items.py): added, removed, renamed (tools only) and changed;
2. break each changed item, and the server header (serverInfo, capabilities, instructions), into
   one change per changed leaf (leaves.py), lists compared as multisets;
3. classify each change: its category and base severity (classify.py), whether it is breaking
   (schema.py, oasdiff's request/response rules);
4. fire the rug-pull rules (rules.py) on top: each raises a change's severity and says why.

The result is sorted by (kind, name, path) so that two runs, two processes and two databases
render, store and compare the same list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from driftwatch.diff.classify import ADDED_SEVERITY, REMOVED_SEVERITY, category_of, changed_severity
from driftwatch.diff.items import ItemDiff, match_items
from driftwatch.diff.leaves import LeafChange, dotted, leaf_changes
from driftwatch.diff.rules import (
    RULES,
    collision_reason,
    escalated_hints,
    escalations_at,
    flag,
    is_silent_candidate,
    new_parameters,
    only_whitespace_differs,
    side_channel_reason,
    silent_reason,
)
from driftwatch.diff.schema import is_breaking
from driftwatch.manifest import Manifest
from driftwatch.model import Category, Change, ChangeKind, ItemKind, JSONObject, Severity
from driftwatch.rules import rule

__all__ = ["RULES", "Change", "ChangeKind", "diff_manifests", "overall_severity"]

METADATA = Category.METADATA
WHITESPACE = rule("whitespace-only").severity
"""A whitespace-only edit is `low` whatever its category: the rule, not the category, sets it."""
KIND_ORDER = {"server": 0, "tool": 1, "prompt": 2, "resource": 3, "resourceTemplate": 4}


def diff_manifests(
    before: Manifest, after: Manifest, *, other_servers_tools: Mapping[str, str] | None = None
) -> list[Change]:
    """Every difference from `before` to `after`, classified, flagged and in a stable order.

    `other_servers_tools` maps tool name -> server name for the tools OTHER registered servers
    expose: a tool added or renamed onto one of those names collides with it (`tool-name-collision`).
    """
    others = other_servers_tools or {}
    changes = list(_server_changes(before, after))
    for found in match_items(before, after):
        changes += [*_added(found, others), *_removed(found), *_renamed(found, others), *_changed(found)]
    if before.server_version == after.server_version:
        changes = [_flag_silent(c, before.server_version) for c in changes]
    return sorted(changes, key=_order)


def overall_severity(changes: Sequence[Change]) -> Severity | None:
    """The most severe change's severity; None when nothing changed."""
    return max((c.severity for c in changes), default=None)


def _order(change: Change) -> tuple[int, str, str, str, bool]:
    # A value removed from and another added to one list can share a path: removal first.
    return KIND_ORDER[change.kind], change.name, change.path or "", change.change, change.after is not None


def _server_changes(before: Manifest, after: Manifest) -> Iterator[Change]:
    old: JSONObject = {**before.server, "instructions": before.instructions}
    new: JSONObject = {**after.server, "instructions": after.instructions}
    for leaf in leaf_changes(old, new):
        yield _leaf_change(ItemKind.SERVER, "", leaf, breaking=False)


def _added(found: ItemDiff, others: Mapping[str, str]) -> Iterator[Change]:
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
        yield _flag_collision(change, name, others) if found.kind == "tool" else change


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


def _renamed(found: ItemDiff, others: Mapping[str, str]) -> Iterator[Change]:
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
            rule("renamed-tool").severity,
        )
        reason = f"tool {old_name!r} is now {new_name!r}, its definition otherwise unchanged"
        yield _flag_collision(flag(change, "renamed-tool", reason), new_name, others)


def _changed(found: ItemDiff) -> Iterator[Change]:
    for name, (old, new) in found.changed.items():
        escalated = escalated_hints(old, new) if found.kind == "tool" else {}
        for leaf in leaf_changes(old, new):
            change = _leaf_change(found.kind, name, leaf, breaking=is_breaking(leaf, new))
            yield _flag_side_channel(_flag_escalation(change, leaf, escalated), leaf)


def _leaf_change(kind: ItemKind, name: str, leaf: LeafChange, *, breaking: bool) -> Change:
    category = category_of(kind, leaf.path)
    path = dotted(leaf.path)
    if category in (Category.DESCRIPTION, Category.INSTRUCTIONS) and only_whitespace_differs(
        leaf.before, leaf.after
    ):
        change = Change(
            ChangeKind.CHANGED, kind, name, path, leaf.before, leaf.after, category, breaking, WHITESPACE
        )
        return flag(change, "whitespace-only", f"only whitespace changed in {path}")
    severity = changed_severity(category, breaking, path)
    return Change(ChangeKind.CHANGED, kind, name, path, leaf.before, leaf.after, category, breaking, severity)


def _flag_silent(change: Change, version: str | None) -> Change:
    return (
        flag(change, "silent-change", silent_reason(change, version))
        if is_silent_candidate(change)
        else change
    )


def _flag_escalation(change: Change, leaf: LeafChange, escalated: Mapping[str, str]) -> Change:
    found = escalations_at(leaf.path, escalated)
    return flag(change, "annotation-escalation", "; ".join(found)) if found else change


def _flag_side_channel(change: Change, leaf: LeafChange) -> Change:
    reasons = [r for name, schema in new_parameters(leaf) if (r := side_channel_reason(name, schema))]
    return flag(change, "side-channel-parameter", "; ".join(reasons)) if reasons else change


def _flag_collision(change: Change, name: str, others: Mapping[str, str]) -> Change:
    reason = collision_reason(name, others)
    return flag(change, "tool-name-collision", reason) if reason else change
