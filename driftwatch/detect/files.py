"""Reading manifest files for `driftwatch check` (docs/contract.md: "Manifest files").

A file is read whole, whatever combination of the documented keys it holds: an `instructions`
beside `tools` is text the model reads as much as a description, and dropping it would let a
poisoned instruction pass `check` unseen. Other keys (`nextCursor`, `_meta` of a `tools/list`
result) carry nothing the model reads and are ignored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from driftwatch.manifest import Manifest

LISTS = {
    "tools": "tools",
    "prompts": "prompts",
    "resources": "resources",
    "resourceTemplates": "resource_templates",
}
"""The item lists a manifest file may hold (MCP's names) -> Manifest.build's argument."""
SHAPE = 'expected {"tools": [...]}, a list of tools, or a full manifest'


def manifest_from_json(data: Any) -> Manifest:
    """A `tools/list` result, a list of tools, or any combination of `server`, `instructions`,
    `tools`, `prompts`, `resources` and `resourceTemplates`, read whole."""
    if isinstance(data, list):
        return Manifest.build(tools=_objects(data, "tools"))
    if not isinstance(data, dict) or not any(key in data for key in (*LISTS, "server", "instructions")):
        raise ValueError(SHAPE)
    lists = {argument: _objects(_given(data, key, []), key) for key, argument in LISTS.items()}
    server = _given(data, "server", {})
    if not isinstance(server, dict):
        raise ValueError("`server` must be a JSON object")
    instructions = data.get("instructions")
    if instructions is not None and not isinstance(instructions, str):
        raise ValueError("`instructions` must be a string")
    return Manifest.build(server=server, instructions=instructions, **lists)


def _given(data: dict[str, Any], key: str, empty: Any) -> Any:
    """The value of `key`, `empty` when it is absent or null."""
    value = data.get(key)
    return empty if value is None else value


def _objects(items: Any, key: str) -> list[dict[str, Any]]:
    if not isinstance(items, list):
        raise ValueError(f"`{key}` must be a list")
    if not all(isinstance(item, dict) for item in items):
        what = "tool" if key == "tools" else f"entry of `{key}`"
        raise ValueError(f"every {what} must be a JSON object")
    return items


def load_manifest_file(path: Path) -> Manifest:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc}") from exc
    return manifest_from_json(data)
