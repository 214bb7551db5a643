"""Manifests built in the test: one tool worth diffing, and ways to edit a copy of it."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from driftwatch.diff import Change, diff_manifests
from driftwatch.manifest import Manifest

Edit = Callable[[dict[str, Any]], object]


def send_tool() -> dict[str, Any]:
    return {
        "name": "send_message",
        "title": "Send message",
        "description": "Send a message to a channel.",
        "inputSchema": {
            "type": "object",
            "properties": {
                "message": {"type": "string", "description": "Message text."},
                "mode": {"type": "string", "enum": ["fast", "safe", "slow"]},
                "count": {"type": "integer", "minimum": 1, "maximum": 10},
            },
            "required": ["message"],
        },
        "annotations": {"readOnlyHint": False, "destructiveHint": False, "idempotentHint": True},
    }


def manifest(
    tools: list[dict[str, Any]] | None = None,
    *,
    version: str | None = "1.0.0",
    instructions: str | None = "Use these tools to send messages.",
    prompts: Sequence[dict[str, Any]] = (),
    resources: Sequence[dict[str, Any]] = (),
    resource_templates: Sequence[dict[str, Any]] = (),
) -> Manifest:
    server_info = {"name": "messenger"} | ({"version": version} if version is not None else {})
    return Manifest.build(
        server={"serverInfo": server_info, "capabilities": {"tools": {}}},
        instructions=instructions,
        tools=[send_tool()] if tools is None else tools,
        prompts=prompts,
        resources=resources,
        resource_templates=resource_templates,
    )


def tool_diff(edit: Edit, *, bump: bool = False, others: Mapping[str, str] | None = None) -> list[Change]:
    """Changes from the base manifest to one whose tool went through `edit` (and a version bump)."""
    after = copy.deepcopy(send_tool())
    edit(after)
    return diff_manifests(
        manifest(), manifest([after], version="1.1.0" if bump else "1.0.0"), other_servers_tools=others
    )


def schema(tool: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = tool["inputSchema"]
    return found


def params(tool: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = tool["inputSchema"]["properties"]
    return found


def only(changes: list[Change], **match: Any) -> Change:
    found = [c for c in changes if all(getattr(c, k) == v for k, v in match.items())]
    assert len(found) == 1, (match, changes)
    return found[0]


def tool_changes(changes: list[Change]) -> list[Change]:
    return [c for c in changes if c.kind == "tool"]
