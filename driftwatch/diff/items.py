"""Items of each kind matched by key across two manifests: added, removed, renamed, changed.

Matching is by key (tool and prompt name, resource URI, template URI template), never by list
position. A tool whose name changed while everything else stayed byte-identical is a rename:
one change a reviewer can approve at a glance, where removed + added would hide that nothing
else moved. A rename with any other edit is reported as a removal and an addition, because the
old approval then says nothing about the new definition. Only tools are matched for renames:
a tool's name is what agents and pins call; prompts and resources are looked up by a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from driftwatch.manifest import ITEM_KINDS, Manifest, content_hash
from driftwatch.model import ItemKind, JSONObject


@dataclass
class ItemDiff:
    """The items of one kind that differ between two manifests."""

    kind: ItemKind
    added: dict[str, JSONObject] = field(default_factory=dict)
    removed: dict[str, JSONObject] = field(default_factory=dict)
    changed: dict[str, tuple[JSONObject, JSONObject]] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)
    """Old name -> new name, for tools whose only difference is their name."""


def match_items(before: Manifest, after: Manifest) -> list[ItemDiff]:
    """One ItemDiff per item kind, in ITEM_KINDS order."""
    return [_match_kind(kind, before, after) for kind in ITEM_KINDS]


def _match_kind(kind: ItemKind, before: Manifest, after: Manifest) -> ItemDiff:
    # A hostile server listing one key twice: the last body (in canonical order) wins on each side.
    # The manifest hash still differs, and the detectors see every copy.
    old = {item.key: item.body for item in before.items_of(kind)}
    new = {item.key: item.body for item in after.items_of(kind)}
    found = ItemDiff(
        kind,
        added={k: v for k, v in new.items() if k not in old},
        removed={k: v for k, v in old.items() if k not in new},
        changed={k: (old[k], new[k]) for k in sorted(old.keys() & new.keys()) if old[k] != new[k]},
    )
    if kind == "tool":
        _pair_renames(found)
    return found


def _pair_renames(found: ItemDiff) -> None:
    """Turn each removed tool that reappears, identical but for its name, into one rename."""
    added_by_body: dict[str, str] = {}
    for name in sorted(found.added):
        added_by_body.setdefault(_hash_without_name(found.added[name]), name)
    for old_name in sorted(found.removed):
        new_name = added_by_body.pop(_hash_without_name(found.removed[old_name]), None)
        if new_name is not None:
            found.renamed[old_name] = new_name
            del found.removed[old_name]
            del found.added[new_name]


def _hash_without_name(body: JSONObject) -> str:
    return content_hash({k: v for k, v in body.items() if k != "name"})
