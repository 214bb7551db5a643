"""Cursor: the MCP allowlist of `permissions.json`, the closest documented file.

Cursor's enforcing MCP allowlist (which servers may run, and per server which tools) lives in the
team dashboard (Enterprise, "MCP Configuration"); Cursor documents no file or API for it. The file it
does document, `~/.cursor/permissions.json` (deployable through device management) or
`<workspace>/.cursor/permissions.json`, takes `mcpAllowlist`: `server:tool` entries, matched
case-insensitively with `*` as a wildcard. An entry there lets a tool run without asking; a tool it
does not list is asked about, not hidden. So this export lists exactly the approved tools, one
`server:tool` each, and docs/policy-export.md says how to key the same set into the dashboard.
Tool names with `:` or `*` never get here (`approved.TOOL_NAME`).
"""

from __future__ import annotations

from collections.abc import Sequence

from driftwatch import jsonout
from driftwatch.enforce.approved import ApprovedServer, Refusal, Rendered


def render(servers: Sequence[ApprovedServer]) -> Rendered:
    entries = [f"{server.name}:{tool}" for server in servers for tool in server.tools]
    refusals = tuple(
        Refusal(server.name, "the server", "its baseline has no tool to allow")
        for server in servers
        if not server.tools
    )
    return Rendered(jsonout.dumps({"mcpAllowlist": entries}) + "\n", refusals)
