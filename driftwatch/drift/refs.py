"""Naming the manifests a server showed: `latest`, `baseline`, or a hash prefix; and the diff
between two of them, as `driftwatch diff` and `driftwatch approve --ref` need it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from driftwatch.drift.assess import findings_on_changes, other_servers_tools, screen
from driftwatch.drift.recall import Recall
from driftwatch.errors import NotFoundError
from driftwatch.model import Change, Finding
from driftwatch.rules import NO_OVERRIDES, SeverityOverrides
from driftwatch.store import suppressions
from driftwatch.store.events import current_baseline, observed_hashes, server_by_name
from driftwatch.store.manifests import load_manifests
from driftwatch.store.models import Server
from driftwatch.store.observations import tool_owners


def resolve_ref(session: Session, server: Server, ref: str | None) -> str:
    """`latest` (default), `baseline`, or a hash prefix (`sha256:ab12…` or `ab12…`) the server showed."""
    shown = observed_hashes(session, server.id)
    if ref in (None, "latest"):
        if not shown:
            raise NotFoundError(f"server {server.name!r} has no successful scan yet")
        return shown[0]
    if ref == "baseline":
        baseline = current_baseline(session, server.id)
        if baseline is None:
            raise NotFoundError(f"server {server.name!r} has no baseline yet: approve one")
        return baseline.manifest_hash
    assert ref is not None
    prefix = ref if ref.startswith("sha256:") else f"sha256:{ref}"
    matches = [h for h in shown if h.startswith(prefix)]
    if len(matches) != 1:
        what = "no" if not matches else "more than one"
        raise NotFoundError(f"{what} manifest of {server.name!r} matches {ref!r}")
    return matches[0]


def registry_tools(session: Session, server: str) -> dict[str, str]:
    """The other stored servers' tools, for shadowing (see drift.assess.other_servers_tools)."""
    return other_servers_tools(tool_owners(session), server)


def diff_refs(
    session: Session,
    server_name: str,
    from_ref: str | None,
    to_ref: str | None,
    overrides: SeverityOverrides = NO_OVERRIDES,
) -> tuple[str, str, Sequence[Change]]:
    """The classified changes between two manifests the server showed (default: baseline -> latest)."""
    from driftwatch.diff import diff_manifests  # (the diff and the detectors: loaded when asked for)

    server = server_by_name(session, server_name)
    before = resolve_ref(session, server, from_ref or "baseline")
    after = resolve_ref(session, server, to_ref or "latest")
    manifests = load_manifests(session, [before, after])
    other = registry_tools(session, server.name)
    changes = diff_manifests(
        manifests[before], manifests[after], other_servers_tools=other, overrides=overrides
    )
    return before, after, changes


def diff_findings(
    session: Session,
    server_name: str,
    manifest_hash: str,
    changes: Sequence[Change],
    overrides: SeverityOverrides = NO_OVERRIDES,
    before_hash: str | None = None,
) -> list[Finding]:
    """The detectors' findings on the new or changed text of a diff (what `diff` leads with),
    less suppressed ones and those `before_hash`'s manifest already had: the same selection a
    drift event records. Findings a scan stored in the same context are read, not detected
    again (drift/recall.py)."""
    server = server_by_name(session, server_name)
    suppressed = frozenset(suppressions.active_keys(session, server.id, datetime.now(UTC)))
    recall = Recall(server.id, server.name, registry_tools(session, server.name))
    # One manifest in memory at a time: beside the changes, two huge manifests would double the peak.
    approved = []
    if before_hash is not None:
        before = load_manifests(session, [before_hash])[before_hash]
        approved = screen(recall.detected(session, before), suppressed, overrides)
        del before
    observed = load_manifests(session, [manifest_hash])[manifest_hash]
    found = screen(recall.detected(session, observed), suppressed, overrides)
    return findings_on_changes(found, changes, approved)
