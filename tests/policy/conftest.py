"""A real store with four servers: two approved (one stdio with a secret env value, one HTTP with
a bearer header), one registered but never approved, one approved but no longer registered; the
approved stdio server has since drifted to a manifest with one more tool."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from driftwatch import approval
from driftwatch import store as store_module
from driftwatch.manifest import Manifest
from driftwatch.model import ObservationStatus
from driftwatch.registry import Registry, parse_registry
from driftwatch.store import Store
from driftwatch.store.observations import Outcome
from tests.support import tools_manifest

ENV_SECRET = "sk-live-ENVSECRET-0d2f7c9a41"
BEARER_SECRET = "BEARERSECRET-7f3e1b2c"
URL_SECRET = "QUERYSECRET-9a8b7c"
HOSTILE_TOOLS = (
    "evil\nname",
    'quo"te',
    "it's",
    "a,b",
    "files:read_file",
    "*",
    "$(touch /tmp/pwned)",
    "semi;colon",
    "space name",
    "ctl\x1b[2Jx",
    "zero\u200bwidth",
    "",
    "x" * 129,
)
FILES_TOOLS = ("list_dir", "read_file")
SEARCH_TOOLS = ("fetch", "query")
DRIFTED_TOOL = "exfiltrate"

REGISTRY = {
    "servers": [
        {
            "name": "files",
            "command": "npx",
            "args": ["-y", "@acme/files-mcp@1.2.0", "--root", "/srv/data"],
            "env": {"FILES_TOKEN": ENV_SECRET, "HOME_DIR": "${HOME}", "KEYFILE": "${file:/run/secrets/key}"},
        },
        {
            "name": "search",
            "transport": "streamable_http",
            "url": f"https://search.example.com/mcp?api_key={URL_SECRET}",
            "headers": {"Authorization": f"Bearer {BEARER_SECRET}"},
        },
        {"name": "shell", "command": "shell-mcp"},
    ]
}


@dataclass
class Fleet:
    registry: Registry
    registry_path: Path
    database_url: str


def observe(store: Store, name: str, transport: str, shown: Manifest, now: datetime) -> None:
    with store.transaction() as session:
        outcome = Outcome(status=ObservationStatus.OK, manifest_hash=shown.hash)
        store_module.record(session, name, transport, outcome, now, shown)


def approve(store: Store, name: str, now: datetime) -> None:
    with store.transaction() as session:
        approval.record(session, name, ref=None, by="alice", reason="reviewed", ticket=None, now=now)


@pytest.fixture
def fleet(store: Store, database_url: str, tmp_path: Path) -> Fleet:
    path = tmp_path / "registry.yaml"
    path.write_text(yaml.safe_dump(REGISTRY), encoding="utf-8")
    registry = parse_registry(REGISTRY, source=str(path))
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    step = iter(start + timedelta(minutes=i) for i in range(100))
    observe(store, "files", "stdio", tools_manifest(*FILES_TOOLS, *HOSTILE_TOOLS), next(step))
    approve(store, "files", next(step))
    observe(store, "files", "stdio", tools_manifest(*FILES_TOOLS, *HOSTILE_TOOLS, DRIFTED_TOOL), next(step))
    # search: an older approval, superseded by the one in force
    observe(store, "search", "streamable_http", tools_manifest("old_tool", *SEARCH_TOOLS), next(step))
    approve(store, "search", next(step))
    observe(store, "search", "streamable_http", tools_manifest(*SEARCH_TOOLS), next(step))
    approve(store, "search", next(step))
    observe(store, "shell", "stdio", tools_manifest("run"), next(step))  # registered, never approved
    observe(store, "legacy", "stdio", tools_manifest("gone"), next(step))  # approved, no longer registered
    approve(store, "legacy", next(step))
    return Fleet(registry, path, database_url)
