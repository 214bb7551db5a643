"""Changed leaves between two JSON values: order-blind, one entry per changed path, linear.

Lists are compared as multisets: a server reordering `required`, `enum` or a prompt's
`arguments` changes nothing it shows. Inside a list of plain values an index carries no meaning,
so a changed value is reported as what it is: one value removed (indexed in the old list) and one
added (indexed in the new list). Objects in a list are paired when they are the only ones to
differ or when they share a `name`, and then compared field by field.

Every value a server sends is hostile, so the walk is linear in the size of both values
(a general-purpose differ such as deepdiff pairs list elements by distance: 100,000 changed
`enum` values cost it 30 s and 810 MB). Steps:

1. digest every subtree once, bottom up (lists as sorted multisets of their elements' digests),
   memoized per node, so equal subtrees are skipped in O(1) at any depth;
2. walk both values together: objects by key, lists as multisets of digests, scalars by type
   and value;
3. a list or object that gains and loses more than CONTAINER_LIMIT elements or keys is one
   change of the whole container, so the number of changes stays bounded too.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from driftwatch.model import JSONObject

Path = list[str | int]
How = Literal["added", "removed", "changed"]


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
    walk = _Walk()
    yield from walk.values([], before, after, in_list=False)


class _Walk:
    """One comparison: the digest memo lives as long as the values it was taken of."""

    def __init__(self) -> None:
        self._memo: dict[int, bytes] = {}

    def token(self, value: Any) -> bytes:
        """Bytes equal exactly for equal JSON values (lists as multisets): a container's digest,
        or a scalar's `repr`, which tells `1`, `1.0`, `True` and `'1'` apart and holds no NUL."""
        if isinstance(value, dict | list):
            return b"c" + self.digest(value)
        return b"s" + repr(value).encode()

    def digest(self, container: JSONObject | list[Any]) -> bytes:
        """A container's digest, each container digested once (memoized by identity)."""
        known = self._memo.get(id(container))
        if known is not None:
            return known
        if isinstance(container, dict):
            parts = [repr(key).encode() + self.token(container[key]) for key in sorted(container)]
        else:
            parts = sorted(self.token(element) for element in container)
        digest = hashlib.blake2b(b"\0".join(parts), digest_size=16).hexdigest().encode()
        self._memo[id(container)] = digest
        return digest

    def values(self, path: Path, old: Any, new: Any, *, in_list: bool) -> Iterator[LeafChange]:
        if self.token(old) == self.token(new):
            return
        if isinstance(old, dict) and isinstance(new, dict):
            shared = old.keys() & new.keys()
            changed = sum(1 for key in shared if self.token(old[key]) != self.token(new[key]))
            if _too_many(len(old.keys() ^ new.keys()) + changed):
                yield LeafChange(path, old, new, "changed", in_list)
                return
            for key in old.keys() - new.keys():
                yield LeafChange([*path, key], old[key], None, "removed", False)
            for key in new.keys() - old.keys():
                yield LeafChange([*path, key], None, new[key], "added", False)
            for key in shared:
                yield from self.values([*path, key], old[key], new[key], in_list=False)
        elif isinstance(old, list) and isinstance(new, list):
            yield from self._lists(path, old, new)
        else:
            yield LeafChange(path, old, new, "changed", in_list)

    def _lists(self, path: Path, old: list[Any], new: list[Any]) -> Iterator[LeafChange]:
        removed = self._unmatched(old, new)
        added = self._unmatched(new, old)
        if _too_many(len(removed) + len(added)):
            yield LeafChange(path, old, new, "changed", False)
            return
        paired_old: set[int] = set()
        paired_new: set[int] = set()
        for (old_at, before), (new_at, after) in _pairs(removed, added):
            yield from self.values([*path, old_at], before, after, in_list=True)
            paired_old.add(old_at)
            paired_new.add(new_at)
        for at, value in removed:
            if at not in paired_old:
                yield LeafChange([*path, at], value, None, "removed", True)
        for at, value in added:
            if at not in paired_new:
                yield LeafChange([*path, at], None, value, "added", True)

    def _unmatched(self, these: list[Any], others: list[Any]) -> list[tuple[int, Any]]:
        """Elements of `these` (with their index) beyond the copies `others` holds."""
        available = Counter(self.token(element) for element in others)
        left: list[tuple[int, Any]] = []
        for at, element in enumerate(these):
            token = self.token(element)
            if available[token]:
                available[token] -= 1
            else:
                left.append((at, element))
        return left


Indexed = tuple[int, Any]

CONTAINER_LIMIT = 1_000
"""Most elements or keys one list or object may gain and lose and still be listed one by one;
beyond it the container is one change (before and after whole): a server replacing 100,000 enum
values is one fact for a reader, and 200,000 change records would cost memory the scan does not
have (about 750 bytes each)."""


def _too_many(differing: int) -> bool:
    return differing > CONTAINER_LIMIT


def _pairs(removed: list[Indexed], added: list[Indexed]) -> list[tuple[Indexed, Indexed]]:
    """Objects that are one object changed: the only two that differ, or two with the same name."""
    old_objects = [entry for entry in removed if isinstance(entry[1], dict)]
    new_objects = [entry for entry in added if isinstance(entry[1], dict)]
    if len(old_objects) == 1 and len(new_objects) == 1:
        return [(old_objects[0], new_objects[0])]
    by_name: dict[str, Indexed] = {}
    for entry in new_objects:
        name = entry[1].get("name")
        if isinstance(name, str):
            by_name.setdefault(name, entry)
    pairs = []
    for entry in old_objects:
        name = entry[1].get("name")
        match = by_name.pop(name, None) if isinstance(name, str) else None
        if match is not None:
            pairs.append((entry, match))
    return pairs
