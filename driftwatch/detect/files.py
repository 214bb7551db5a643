"""Reading manifest files for `driftwatch check` (docs/contract.md: "Manifest files")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from driftwatch.manifest import Manifest


def manifest_from_json(data: Any) -> Manifest:
    """A `tools/list` result, a list of tools, or a full manifest as driftwatch exports it."""
    if isinstance(data, list):
        tools = data
    elif isinstance(data, dict) and any(
        k in data for k in ("server", "prompts", "resources", "resourceTemplates")
    ):
        return Manifest.from_json(data)
    elif isinstance(data, dict) and isinstance(data.get("tools"), list):
        tools = data["tools"]
    else:
        raise ValueError('expected {"tools": [...]}, a list of tools, or a full manifest')
    if not all(isinstance(t, dict) for t in tools):
        raise ValueError("every tool must be a JSON object")
    return Manifest.build(tools=tools)


def load_manifest_file(path: Path) -> Manifest:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc}") from exc
    return manifest_from_json(data)
