"""Approvals enforced, not only observed: the approved servers and tools as the managed
configuration each MCP client or gateway reads, so what nobody approved is not even offered.

`approved.py` turns the registry and the store's baselines into typed records (`ApprovedServer`:
how to launch or reach the server, and the tools of its baseline) and decides once which
server-provided tool names can be named safely at all; one module per format renders those records
(`claude_code`, `vscode`, `cursor`, `toolhive`, `docker_gateway`). Everything here is pure: no
store, no network, no file. What each format enforces, where the client reads it, its source and
its limits: docs/policy-export.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from driftwatch.enforce import claude_code, cursor, docker_gateway, toolhive, vscode
from driftwatch.enforce.approved import ApprovedServer, Refusal, Rendered, approved

__all__ = ["FORMATS", "TOOL_FORMATS", "ApprovedServer", "Refusal", "Rendered", "approved", "render"]

FORMATS: dict[str, Callable[[Sequence[ApprovedServer]], Rendered]] = {
    "claude-code": claude_code.render,
    "vscode": vscode.render,
    "cursor": cursor.render,
    "toolhive": toolhive.render,
    "docker-gateway": docker_gateway.render,
}
"""`policy export --format` -> the renderer of that client's or gateway's document."""


TOOL_FORMATS = frozenset({"cursor", "toolhive", "docker-gateway"})
"""The formats that name tools (the others allow whole servers): a refused tool matters to them."""


def render(fmt: str, servers: Sequence[ApprovedServer]) -> Rendered:
    """The document of format `fmt` for `servers` (KeyError: no such format)."""
    return FORMATS[fmt](servers)
