"""Changed leaves between two JSON values: deepdiff, order-blind, one entry per changed path.

Lists are compared as multisets (`ignore_order`): a server reordering `required`, `enum` or a
prompt's `arguments` changes nothing it shows. Inside a list of plain values an index carries no
meaning, so a value deepdiff pairs with another ("enum[1]: b -> x") is reported as what it is:
one value removed (indexed in the old list) and one added (indexed in the new list).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from deepdiff import DeepDiff
from deepdiff.helper import NotPresent

Path = list[str | int]
How = Literal["added", "removed", "changed"]

_HOW: dict[str, How] = {
    "dictionary_item_added": "added",
    "iterable_item_added": "added",
    "dictionary_item_removed": "removed",
    "iterable_item_removed": "removed",
    "values_changed": "changed",
    "type_changes": "changed",
}


@dataclass(frozen=True)
class LeafChange:
    path: Path
    before: Any
    after: Any
    how: How
    in_list: bool
    """Whether the leaf is an element of a list (so `added`/`removed` widen or narrow a set)."""


def dotted(path: Path) -> str:
    """`['inputSchema', 'properties', 'x', 'enum', 2]` -> `inputSchema.properties.x.enum[2]`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def leaf_changes(before: Any, after: Any) -> Iterator[LeafChange]:
    """Every changed leaf from `before` to `after`."""
    tree = DeepDiff(before, after, ignore_order=True, view="tree", verbose_level=2)
    for report, levels in tree.items():
        how = _HOW.get(report)
        if how is None:  # repetition and attribute reports do not occur on parsed JSON
            continue
        for level in levels:
            yield from _leaves(level, how)


def _leaves(level: Any, how: How) -> Iterator[LeafChange]:
    old = None if isinstance(level.t1, NotPresent) else level.t1
    new = None if isinstance(level.t2, NotPresent) else level.t2
    path: Path = list(level.path(output_format="list"))
    in_list = bool(path) and isinstance(path[-1], int)
    if how == "changed" and in_list and _is_scalar(old) and _is_scalar(new):
        yield LeafChange(path, old, None, "removed", True)
        yield LeafChange(list(level.path(output_format="list", use_t2=True)), None, new, "added", True)
        return
    yield LeafChange(path, old, new, how, in_list)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)
