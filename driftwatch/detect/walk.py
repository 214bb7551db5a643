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


def strings(value: Any, path: str = "", depth: int = 0) -> Iterator[tuple[str, str]]:
    """(field path, text) for every string in a JSON value, keys of schema objects included."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            step = key if len(key) <= KEY_LIMIT else f"{key[:KEY_LIMIT]}…"
            child = f"{path}.{step}" if path else step
            if path.endswith(("properties", "$defs", "definitions", "patternProperties")):
                yield child, str(key)
            yield from strings(inner, child, depth + 1)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from strings(inner, f"{path}[{index}]", depth + 1)


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
