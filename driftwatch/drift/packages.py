"""A changed package under an unchanged manifest is drift (`package-changed`).

The manifest state machine (events.py) compares manifests; it cannot see new code shipped under
the same tools (postmark-mcp 1.0.16). So each stored scan also compares the package its launch
ran (collect/package.py) with the one of the server's previous successful observation: when the
manifest is the same and the package is not (another version or digest; a package that became
unknown is not a change), a `package` event opens naming both, and older open package events of
the server close as superseded. Approving the manifest (even the baseline again) closes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from driftwatch.model import Category, Change, ChangeKind, DriftEventRecord, EventState, ItemKind, Package
from driftwatch.rules import NO_OVERRIDES, SeverityOverrides
from driftwatch.store.events import close_event, current_baseline, open_event, open_events, server_id_of
from driftwatch.store.models import Server
from driftwatch.store.observations import latest_ok, package_of

RULE = "package-changed"


@dataclass(frozen=True)
class Before:
    """What the server's previous successful observation saw: its manifest and package."""

    manifest_hash: str | None
    package: Package | None


@dataclass(frozen=True)
class PackageEvaluation:
    opened: DriftEventRecord | None
    closed: list[DriftEventRecord]


NOTHING = PackageEvaluation(None, [])


def package_before(session: Session, server_name: str) -> Before | None:
    """Read before the scan is recorded: the previous successful observation's manifest and package."""
    server_id = server_id_of(session, server_name)
    previous = latest_ok(session, server_id) if server_id is not None else None
    return Before(previous.manifest_hash, package_of(previous)) if previous is not None else None


def package_change(before: Package, after: Package, overrides: SeverityOverrides = NO_OVERRIDES) -> Change:
    """The one change of a package event: both packages, named with their versions and digests."""
    return Change(
        change=ChangeKind.CHANGED,
        kind=ItemKind.SERVER,
        name="",
        path="package",
        before=before.to_json(),
        after=after.to_json(),
        category=Category.METADATA,
        breaking=False,
        severity=overrides.severity(RULE),
        rules=(RULE,),
        reasons=(f"the launch now runs {after}, not {before}; the manifest did not change",),
    )


def evaluate_package(
    session: Session,
    server: Server,
    before: Before | None,
    observed: tuple[str, Package | None],
    now: datetime,
    overrides: SeverityOverrides = NO_OVERRIDES,
) -> PackageEvaluation:
    """Open a `package-changed` event when `observed` (manifest hash, package) keeps the previous
    manifest under another package; close older open package events of the server as superseded."""
    manifest_hash, package = observed
    if before is None or before.package is None or package is None:
        return NOTHING
    if before.manifest_hash != manifest_hash or before.package == package:
        return NOTHING
    closed = [
        close_event(e, EventState.SUPERSEDED, now, by=None, server=server.name)
        for e in open_events(session, server.id, subject="package")
    ]
    baseline = current_baseline(session, server.id)
    change = package_change(before.package, package, overrides)
    opened = open_event(
        session,
        server,
        (baseline.manifest_hash if baseline else None, manifest_hash),
        severity=change.severity,
        changes=[change],
        findings=[],
        now=now,
        subject="package",
    )
    return PackageEvaluation(opened, closed)
