"""ToolHive: one `MCPToolConfig` per approved server, its `toolsFilter` the baseline's tools.

The ToolHive operator's `MCPToolConfig` (`toolhive.stacklok.dev/v1beta1`, namespaced) is the tool
filter an `MCPServer` (or `MCPRemoteProxy`) names in `spec.toolConfigRef.name`: only the tools it
lists are exposed. Each is named after its server, so `kubectl apply -n NAMESPACE -f` beside the
servers and a `toolConfigRef` per server put it in force (`thv run --tools` takes the same list).

Two things this document cannot say, so they are refused and named on stderr: a server whose name
is not a Kubernetes object name (an underscore, say), and a server whose baseline has no tool to
allow, since an empty `toolsFilter` exposes every tool. It filters tools only: which servers run is
the `MCPServer` objects' business (docs/policy-export.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml

from driftwatch.enforce.approved import ApprovedServer, Refusal, Rendered

API_VERSION = "toolhive.stacklok.dev/v1beta1"
_OBJECT_NAME = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
"""A Kubernetes object name (an RFC 1123 subdomain; at most 253 characters)."""


def render(servers: Sequence[ApprovedServer]) -> Rendered:
    documents, refusals = [], []
    for server in servers:
        if not (_OBJECT_NAME.fullmatch(server.name) and len(server.name) <= 253):
            refusals.append(Refusal(server.name, "the server", "its name is not a Kubernetes object name"))
        elif not server.tools:
            refusals.append(
                Refusal(
                    server.name, "the server", "its baseline has no tool, and an empty filter exposes all"
                )
            )
        else:
            documents.append(_tool_config(server))
    text = yaml.safe_dump_all(documents, sort_keys=False, explicit_start=True) if documents else ""
    return Rendered(text, tuple(refusals))


def _tool_config(server: ApprovedServer) -> dict[str, object]:
    return {
        "apiVersion": API_VERSION,
        "kind": "MCPToolConfig",
        "metadata": {"name": server.name, "labels": {"app.kubernetes.io/managed-by": "driftwatch"}},
        "spec": {"toolsFilter": list(server.tools)},
    }
