"""VS Code with GitHub Copilot: `allowedMcpServers` of the enterprise `managed-settings.json`.

Copilot Business and Enterprise read the enterprise's managed settings (served by GitHub from the
enterprise's `.github-private` repository, or installed on machines by device management); VS Code,
the Copilot CLI, the Copilot app and JetBrains block every MCP server that matches no
`allowedMcpServers` entry. An approved stdio server is allowed by its exact command and arguments
(`serverCommand`), a remote one by its URL (`serverUrl`, with `?*` when the registry's URL has a
query, which is left out: it may carry a token); `serverName` is never used, since users name
servers. The same two keys, in the same syntax, are Claude Code's managed-settings allowlist.

Servers only: VS Code does not read the file's `permissions` rules, so no tool is restricted
(docs/policy-export.md). A server whose command or URL holds a `${…}` reference is refused: the
clients block a server whose URL or command has an unresolved variable, so no entry could match it.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from driftwatch import jsonout
from driftwatch.enforce.approved import ApprovedServer, Refusal, Rendered, public_url
from driftwatch.model import JSONObject

_UNRESOLVED = "its command or URL holds a ${…} reference, which these clients block"


def render(servers: Sequence[ApprovedServer]) -> Rendered:
    allowed: list[JSONObject] = []
    refusals: list[Refusal] = []
    for server in servers:
        entry = _entry(server)
        if entry is None:
            refusals.append(Refusal(server.name, "the server", _UNRESOLVED))
        else:
            allowed.append(entry)
    return Rendered(jsonout.dumps({"allowedMcpServers": allowed}) + "\n", tuple(refusals))


def _entry(server: ApprovedServer) -> JSONObject | None:
    if server.transport == "stdio":
        command = [server.command or "", *server.args]
        return None if any("${" in part for part in command) else {"serverCommand": command}
    assert server.url is not None
    if "${" in server.url:
        return None
    url = public_url(server.url)
    return {"serverUrl": url + "?*" if urlsplit(server.url).query else url}
