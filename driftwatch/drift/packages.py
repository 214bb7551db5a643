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

from driftwatch.model import (
    AuthSurface,
    Category,
    Change,
    ChangeKind,
    DriftEventRecord,
    EventState,
    ItemKind,
    Package,
)
from driftwatch.rules import NO_OVERRIDES, SeverityOverrides
from driftwatch.store.events import close_event, current_baseline, open_event, open_events, server_id_of
from driftwatch.store.models import Server
from driftwatch.store.observations import latest_ok, latest_surface, package_of

RULE = "package-changed"


@dataclass(frozen=True)
class Before:
    """What the server's previous successful observation saw: its manifest, its package and (for
    an HTTP server) its authorization surface (drift/authsurface.py judges that one)."""

    manifest_hash: str | None
    package: Package | None
    auth_surface: AuthSurface | None = None


@dataclass(frozen=True)
class SideEvaluation:
    """What a scan did to the events of a side subject (a package, an authorization surface): the
    one it opened, the older ones it superseded."""

    opened: DriftEventRecord | None
    closed: list[DriftEventRecord]


NOTHING = SideEvaluation(None, [])


def scan_before(session: Session, server_name: str) -> Before | None:
    """Read before the scan is recorded: what the previous successful observation saw, and the
    newest authorization surface known (a failed scan of an HTTP server records its surface too)."""
    server_id = server_id_of(session, server_name)
    previous = latest_ok(session, server_id) if server_id is not None else None
    if previous is None:
        return None
    assert server_id is not None
    return Before(previous.manifest_hash, package_of(previous), latest_surface(session, server_id))


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
) -> SideEvaluation:
    """Open a `package-changed` event when `observed` (manifest hash, package) keeps the previous
    manifest under another package; close older open package events of the server as superseded."""
    manifest_hash, package = observed
    if before is None or before.package is None or package is None:
        return NOTHING
    if before.manifest_hash != manifest_hash or before.package == package:
        return NOTHING
    change = package_change(before.package, package, overrides)
    return open_side_event(session, server, ("package", manifest_hash), [change], now)


def open_side_event(
    session: Session, server: Server, about: tuple[str, str], changes: list[Change], now: datetime
) -> SideEvaluation:
    """Open the event of a side subject (`about`: the subject and the manifest hash observed)
    with `changes`, closing the server's older open events of that subject as superseded."""
    subject, manifest_hash = about
    closed = [
        close_event(session, e, EventState.SUPERSEDED, now, by=None, server=server.name)
        for e in open_events(session, server.id, subject=subject)
    ]
    baseline = current_baseline(session, server.id)
    opened = open_event(
        session,
        server,
        (baseline.manifest_hash if baseline else None, manifest_hash),
        severity=max(c.severity for c in changes),
        changes=changes,
        findings=[],
        now=now,
        subject=subject,
    )
    return SideEvaluation(opened, closed)
