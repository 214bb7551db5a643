"""Docker MCP gateway: a `tools.yaml` of the approved tools, run with `--servers` of the approved.

`docker mcp gateway run --servers a,b` runs only the named servers (from its catalog, under the
registry's names); with `--tools` left empty, `--tools-config FILE` decides their tools: a server
the file names gets exactly the tools listed under it, compared exactly, per server
(pkg/gateway/capabilitites.go, `isToolEnabled`; the file is `server: [tool, …]`,
pkg/config/tools.go). The export is that file, opened by a comment with the command line to run.

Why not `--tools server:tool`: the gateway also enables a tool whose bare name equals an entry, case
folded, so a server that adds a tool literally named `files:read_file` would get it through; the
file's per-server lists cannot be matched that way. A server whose baseline has no tool is listed
with none (`[]`: none offered), and every approved server is named, so none falls back to "all".
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from driftwatch.enforce.approved import TOOL_NAME, ApprovedServer, Rendered


def render(servers: Sequence[ApprovedServer]) -> Rendered:
    assert servers and all(TOOL_NAME.fullmatch(s.name) for s in servers)  # names go on a command line
    names = ",".join(s.name for s in servers)
    header = (
        "# driftwatch policy export --format docker-gateway: the approved tools of each approved server.\n"
        f"# docker mcp gateway run --servers={names} --tools-config=THIS_FILE\n"
    )
    body = yaml.safe_dump({s.name: list(s.tools) for s in servers}, sort_keys=False, default_flow_style=False)
    return Rendered(header + body)
