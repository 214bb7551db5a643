"""Claude Code: `managed-mcp.json`, the fixed server set that takes exclusive control.

Deployed at `/etc/claude-code/managed-mcp.json` (Linux, WSL), `/Library/Application
Support/ClaudeCode/managed-mcp.json` (macOS) or `C:\\Program Files\\ClaudeCode\\managed-mcp.json`
(Windows), the file is the only source of MCP servers Claude Code loads: users cannot add others.
Its format is a project `.mcp.json` (`mcpServers`: name -> `type`, `command`/`args`/`env` or
`url`/`headers`), and Claude Code expands `${VAR}` in all of those, so env and header values are
written as references (`approved.reference`), never as values. Servers only: the file has no
per-tool allowlist (docs/policy-export.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from driftwatch import jsonout
from driftwatch.enforce.approved import ApprovedServer, Refusal, Rendered, public_url, quoted, reference
from driftwatch.model import JSONObject

_TYPES = {"stdio": "stdio", "sse": "sse", "streamable_http": "http"}


def render(servers: Sequence[ApprovedServer]) -> Rendered:
    entries: JSONObject = {}
    refusals: list[Refusal] = []
    for server in servers:
        entries[server.name] = _entry(server, refusals)
    return Rendered(jsonout.dumps({"mcpServers": entries}) + "\n", tuple(refusals))


def _entry(server: ApprovedServer, refusals: list[Refusal]) -> JSONObject:
    entry: JSONObject = {"type": _TYPES[server.transport]}
    if server.transport == "stdio":
        entry["command"] = server.command
        if server.args:
            entry["args"] = list(server.args)
        if server.env:
            entry["env"] = _references(server, server.env, refusals, header=False)
        return entry
    assert server.url is not None
    entry["url"] = public_url(server.url)
    parts = urlsplit(server.url)
    if parts.username or parts.password or parts.query:
        refusals.append(Refusal(server.name, "its URL's user info or query", "may carry a token"))
    if server.headers:
        entry["headers"] = _references(server, server.headers, refusals, header=True)
    return entry


def _references(
    server: ApprovedServer, values: Mapping[str, str], refusals: list[Refusal], *, header: bool
) -> JSONObject:
    written: JSONObject = {}
    for key, value in values.items():
        ref = reference(key, value, header=header)
        if ref is None:
            what = "header" if header else "env variable"
            refusals.append(
                Refusal(server.name, f"{what} {quoted(key)}", "no ${NAME} can be made of its name")
            )
        else:
            written[key] = ref
    return written
