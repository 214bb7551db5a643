"""Unregistered ("shadow") MCP servers: what the clients on a machine or in a repository run that
nobody registered, so nobody watches.

    walk.py      which files: the known places in a home directory, matching files in trees
    parse.py     reading one file that anyone may have written: bounded, linear, one-line errors
    clients.py   the table of clients, their files and how each spells a server
    identity.py  what a server is, from how it is launched or where it listens (the match key)
    found.py     files -> found servers (secrets registered for redaction as they are read)
    kubeconfig.py  where a Kubernetes API is and its credentials (kubeconfig or service account)
    kube.py      Kubernetes objects -> found servers (ToolHive MCPServers, labelled pods)
    match.py     found servers against the registry, by identity: the report

Floor 3 (tests/architecture/test_layers.py): like `collect` it reads the outside world (other
programs' files, the Kubernetes API) and it depends on the registry (floor 1); the
report writers (floor 4), `server import` (floor 6) and the daemon's scheduled job (floor 7) sit
above it and use its records.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from driftwatch.discover.found import Discovery, Found, Problem, discover, merge
from driftwatch.discover.identity import Identity, of_launch, of_url
from driftwatch.discover.kubeconfig import KubeOptions
from driftwatch.discover.match import Report, Seen, Sighting, match, of_spec, registry_entries

if TYPE_CHECKING:
    from driftwatch.discover.kube import discover_kubernetes
    from driftwatch.discover.kube import options as kube_options

_FROM_KUBE = {"discover_kubernetes": "discover_kubernetes", "kube_options": "options"}
"""kube.py's names, loaded when first asked for (PEP 562): kube.py loads httpx, which a stdio
scan (collect/package.py reads identity.py) has no use for."""


def __getattr__(name: str) -> object:
    if name not in _FROM_KUBE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module("driftwatch.discover.kube"), _FROM_KUBE[name])
    globals()[name] = value
    return value


__all__ = [
    "Discovery",
    "Found",
    "Identity",
    "KubeOptions",
    "Problem",
    "Report",
    "Seen",
    "Sighting",
    "discover",
    "discover_kubernetes",
    "kube_options",
    "match",
    "merge",
    "of_launch",
    "of_spec",
    "of_url",
    "registry_entries",
]
