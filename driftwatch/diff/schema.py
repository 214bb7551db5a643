"""Is a change breaking? Classified the way API diff tools (oasdiff) classify request/response changes.

A tool's `inputSchema` is a request: its callers (the model, pinned agents) break when a call that
was valid may now be rejected. That is any narrowing: a parameter removed, a new required
parameter or an existing one made required, a type changed to one that does not include the old
one (`integer` includes nothing but integers, `number` includes `integer`), an enum value removed
or an enum imposed, a bound tightened, a pattern, format or const imposed, extra properties
forbidden, an `anyOf`/`oneOf` alternative dropped. Widening (a new optional parameter, an enum
value added, a looser bound) is not breaking.

An `outputSchema` is a response: its consumers break when they may receive what they did not
expect or lose what they relied on: a property removed or no longer required, a type widened, an
enum value added. A prompt's `arguments` break their callers when one is removed or made required.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from driftwatch.diff.leaves import LeafChange, Path
from driftwatch.model import JSONObject

UPPER_BOUNDS = frozenset({"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"})
LOWER_BOUNDS = frozenset({"minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"})
IMPOSED = frozenset({"pattern", "format", "const", "not"})
ALTERNATIVES = frozenset({"anyOf", "oneOf"})


def is_breaking(leaf: LeafChange, after: JSONObject) -> bool:
    """Whether `leaf`, a change inside an item whose new body is `after`, can break its users."""
    root = leaf.path[0] if leaf.path else None
    if root == "inputSchema":
        return _input_breaking(leaf, after)
    if root == "outputSchema":
        return _output_breaking(leaf)
    if root == "arguments":
        return _argument_breaking(leaf)
    return False


def _input_breaking(leaf: LeafChange, after: JSONObject) -> bool:
    if _is_property(leaf.path):
        return leaf.how == "removed" or (
            leaf.how == "added" and leaf.path[-1] in _required_at(after, leaf.path)
        )
    check = _INPUT_KEYWORDS.get(_keyword(leaf.path))
    return check is not None and check(leaf)


def _output_breaking(leaf: LeafChange) -> bool:
    keyword = _keyword(leaf.path)
    if _is_property(leaf.path) or keyword == "required":
        return leaf.how == "removed"
    if keyword == "type":
        return _type_narrowed(leaf, reverse=True)
    if keyword == "enum":
        return leaf.how == "added" if leaf.in_list else leaf.how == "removed"
    return False


def _argument_breaking(leaf: LeafChange) -> bool:
    if len(leaf.path) == 2:  # a whole argument
        added_required = isinstance(leaf.after, dict) and leaf.after.get("required") is True
        return leaf.how == "removed" or (leaf.how == "added" and added_required)
    return leaf.path[-1] == "required" and leaf.after is True


def _required_added(leaf: LeafChange) -> bool:
    """`required` gained a name, or appeared (or was replaced) as a whole list."""
    return leaf.how != "removed"


def _enum_narrowed(leaf: LeafChange) -> bool:
    """A value removed from an enum, or an enum imposed (or replaced) where any value passed."""
    return leaf.how == "removed" if leaf.in_list else leaf.how != "removed"


def _imposed(leaf: LeafChange) -> bool:
    """A pattern, format, const or `not` added or changed: some values that passed may not."""
    return leaf.how != "removed"


def _alternative_dropped(leaf: LeafChange) -> bool:
    return leaf.in_list and leaf.how == "removed"


def _forbids_extra(leaf: LeafChange) -> bool:
    return leaf.after is False


def _input_type_narrowed(leaf: LeafChange) -> bool:
    return _type_narrowed(leaf, reverse=False)


def _upper_bound_tightened(leaf: LeafChange) -> bool:
    return _tightened(leaf, lambda old, new: new < old)


def _lower_bound_tightened(leaf: LeafChange) -> bool:
    return _tightened(leaf, lambda old, new: new > old)


_INPUT_KEYWORDS: dict[str, Callable[[LeafChange], bool]] = {
    "required": _required_added,
    "enum": _enum_narrowed,
    "type": _input_type_narrowed,
    "additionalProperties": _forbids_extra,
    **dict.fromkeys(IMPOSED, _imposed),
    **dict.fromkeys(ALTERNATIVES, _alternative_dropped),
    **dict.fromkeys(UPPER_BOUNDS, _upper_bound_tightened),
    **dict.fromkeys(LOWER_BOUNDS, _lower_bound_tightened),
}


def _type_narrowed(leaf: LeafChange, *, reverse: bool) -> bool:
    """Whether the accepted types shrank (or, with `reverse`, grew): an element or the whole `type`."""
    if leaf.in_list:  # one name added to or removed from a list of types
        return leaf.how == ("added" if reverse else "removed")
    old, new = _types(leaf.before), _types(leaf.after)
    return not _covers(old, new) if reverse else not _covers(new, old)


def _types(value: Any) -> frozenset[str] | None:
    """The JSON types a `type` keyword admits; None when it admits any (absent or unreadable)."""
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else None
    if names is None:
        return None
    admitted = {n for n in names if isinstance(n, str)}
    if "number" in admitted:
        admitted.add("integer")  # every integer is a number
    return frozenset(admitted)


def _covers(wider: frozenset[str] | None, narrower: frozenset[str] | None) -> bool:
    if wider is None:
        return True
    return narrower is not None and narrower <= wider


def _tightened(leaf: LeafChange, tighter: Callable[[float, float], bool]) -> bool:
    if leaf.how == "added":
        return True
    old, new = leaf.before, leaf.after
    numbers = (int, float)
    return isinstance(old, numbers) and isinstance(new, numbers) and tighter(old, new)


def _is_property(path: Path) -> bool:
    """`…properties.<name>`: a parameter (or nested property) itself, not one of its keywords."""
    return len(path) >= 2 and path[-2] == "properties" and isinstance(path[-1], str)


def _keyword(path: Path) -> str:
    """The schema keyword a leaf belongs to: `enum` for `….enum[2]`, `type` for `….type`."""
    return next((p for p in reversed(path) if isinstance(p, str)), "")


def _required_at(body: JSONObject, property_path: Path) -> set[str]:
    """The `required` names of the object schema that holds the property at `property_path`."""
    node: Any = body
    for part in property_path[:-2]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return set()
    required = node.get("required") if isinstance(node, dict) else None
    return {r for r in required if isinstance(r, str)} if isinstance(required, list) else set()
