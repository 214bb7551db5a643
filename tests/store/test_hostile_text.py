"""Every string a server can send is stored losslessly on both backends and hashes as sent."""

from __future__ import annotations

from driftwatch.manifest import Manifest
from driftwatch.store import Store
from driftwatch.store.manifests import load_manifests, save_manifest

HOSTILE = "add\x00note\ud800\u202e\x1b[2J"


def _manifest(name: str, version: str, description: str) -> Manifest:
    return Manifest.build(
        server={"serverInfo": {"name": "hostile", "version": version}},
        instructions=description,
        tools=[{"name": name, "description": description, "inputSchema": {"type": "object"}}],
        prompts=[],
        resources=[],
        resource_templates=[],
    )


def test_nul_and_lone_surrogates_are_stored_and_hash_as_sent(store: Store) -> None:
    manifest = _manifest(HOSTILE, "1.0\x00evil", f"desc {HOSTILE}")
    with store.transaction() as session:
        digest = save_manifest(session, manifest)
    with store.transaction() as session:
        loaded = load_manifests(session, [digest])[digest]
    assert digest == manifest.hash == loaded.hash
    assert loaded.server_version == "1.0\x00evil"
    [tool] = loaded.tools
    assert tool.key == tool.body["name"] == HOSTILE
    # one code point apart is another manifest, even where the backend needed escapes
    other = _manifest(HOSTILE.replace("\x00", "\\u0000"), "1.0\x00evil", f"desc {HOSTILE}")
    assert other.hash != manifest.hash
