"""Every string an agent sees in an item, with the dotted path of the field that holds it.

Names, titles, descriptions, URIs; every schema string at any depth (property names, enum values,
defaults, examples, `$defs`, `outputSchema`); prompt arguments. Object keys inside schemas count
too: a property *name* is text the model reads. Field paths keep at most `KEY_LIMIT` characters
of each key (the key itself is still read whole as text).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from driftwatch.manifest import Manifest
from driftwatch.model import JSONObject

MAX_DEPTH = 64
KEY_LIMIT = 200
"""Characters of an object key kept in a field path: a path repeats the keys above it, so a long
key copied into every path below it would cost its length times the depth."""


_SCHEMA_MAPS = ("properties", "$defs", "definitions", "patternProperties")
"""Objects whose keys are names the model reads (a property's name), not just structure."""


class Switch(str):
    """The field path of a boolean property's name (`inputSchema.properties.mask_secret_values`):
    the name of a switch of the tool's own behaviour. Its value is true or false, never the secret
    or the conversation it is named for, so the name asks the model for neither (an order in it,
    stealth, a safeguard waived, the model's rules overridden, is read as in any name). A `str`, so
    every other reader takes it as the field path it is."""

    __slots__ = ()


def is_key_of(field: str, text: str) -> bool:
    """Whether `text` is the key that ends the field path `field` (a property's name, read as text),
    however long: a path keeps `KEY_LIMIT` characters of a key and ends a longer one cut (`_collect`),
    so padding a name past the limit does not make the readers of names take it for a value."""
    return field.endswith("." + (text if len(text) <= KEY_LIMIT else f"{text[:KEY_LIMIT]}…"))


def _boolean(schema: Any) -> bool:
    """Whether a property's schema types it true/false (`"boolean"`, or `["boolean", "null"]`)."""
    kind = schema.get("type") if isinstance(schema, dict) else None
    return kind == "boolean" or (
        isinstance(kind, list) and "boolean" in kind and set(kind) <= {"boolean", "null"}
    )


def strings(value: Any, path: str = "", depth: int = 0) -> list[tuple[str, str]]:
    """(field path, text) for every string in a JSON value, keys of schema objects included."""
    found: list[tuple[str, str]] = []
    _collect(value, path, depth, found)
    return found


def _collect(value: Any, path: str, depth: int, found: list[tuple[str, str]]) -> None:
    """`strings` into `found`: a list filled by plain recursion, because nested generators pass
    every string up through each level above it (a schema is deep, and manifests hold 300k strings)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, str):
        found.append((path, value))
    elif isinstance(value, dict):
        named = path.endswith(_SCHEMA_MAPS)
        prefix = f"{path}." if path else ""
        for key, inner in value.items():
            child = prefix + (key if len(key) <= KEY_LIMIT else f"{key[:KEY_LIMIT]}…")
            if named:
                found.append((Switch(child) if _boolean(inner) else child, str(key)))
            if isinstance(inner, str):  # (most values are strings: no call for them)
                if depth < MAX_DEPTH:
                    found.append((child, inner))
            else:
                _collect(inner, child, depth + 1, found)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            _collect(inner, f"{path}[{index}]", depth + 1, found)


def manifest_strings(manifest: Manifest, server_name: str = "") -> Iterator[tuple[str, str, str, str]]:
    """(kind, item name, field path, text) for the whole manifest, server block first."""
    server: JSONObject = {"serverInfo": manifest.server.get("serverInfo", {})}
    if manifest.instructions:
        server["instructions"] = manifest.instructions
    for field, text in strings(server):
        yield "server", server_name or manifest.server_name or "", field, text
    for item in manifest.items():
        for field, text in strings(item.body):
            yield item.kind, item.key, field, text
