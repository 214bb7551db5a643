"""A changed authorization surface is drift (`auth-surface-changed`, high).

An HTTP server that names another authorization server, another issuer or other scopes in its
OAuth protected resource metadata sends every client's login and tokens somewhere else, with
every tool unchanged. Each stored scan compares the surface it read (collect/authsurface.py)
with the one of the server's previous successful observation, as packages.py compares packages:
a difference opens an event (`subject` `auth`) whose changes are of kind `authSurface`, one per
field that changed, and older open auth events close as superseded. Approving the manifest
(even the baseline again) closes it.

A surface that was not known before (an observation stored before surfaces were read, a scan
whose metadata could not be read) or is not known now is no change: an upgrade, or a metadata
endpoint that failed once, never pages. A server that starts or stops publishing metadata is.
So is a new metadata address in its 401 challenge, where both scans asked for it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from driftwatch.drift.packages import Before, SideEvaluation, open_side_event
from driftwatch.model import AuthSurface, Category, Change, ChangeKind, ItemKind
from driftwatch.rules import NO_OVERRIDES, SeverityOverrides
from driftwatch.store.models import Server

RULE = "auth-surface-changed"
SUBJECT = "auth"
NOTHING = SideEvaluation(None, [])


def surface_changes(
    before: AuthSurface, after: AuthSurface, overrides: SeverityOverrides = NO_OVERRIDES
) -> list[Change]:
    """One change per field of the surface that differs, naming both values; a field one side
    does not know (a challenge not asked) is no change."""
    old, new = before.to_json(), after.to_json()
    return [
        _change(field, old[field], new[field], overrides)
        for field in new
        if field in old and old[field] != new[field]
    ]


def _change(field: str, before: Any, after: Any, overrides: SeverityOverrides) -> Change:
    return Change(
        change=ChangeKind.CHANGED,
        kind=ItemKind.AUTH_SURFACE,
        name="",
        path=field,
        before=before,
        after=after,
        category=Category.METADATA,
        breaking=False,
        severity=overrides.severity(RULE),
        rules=(RULE,),
        reasons=(
            f"the server's authorization surface changed its {field}: clients' tokens may go elsewhere",
        ),
    )


def evaluate_auth_surface(
    session: Session,
    server: Server,
    before: Before | None,
    observed: tuple[str, AuthSurface | None],
    now: datetime,
    overrides: SeverityOverrides = NO_OVERRIDES,
) -> SideEvaluation:
    """Open an `auth-surface-changed` event when `observed` (manifest hash, surface) holds another
    surface than the previous successful observation; close older open auth events as superseded."""
    manifest_hash, surface = observed
    if before is None or before.auth_surface is None or surface is None or before.auth_surface == surface:
        return NOTHING
    changes = surface_changes(before.auth_surface, surface, overrides)
    if not changes:
        return NOTHING
    return open_side_event(session, server, (SUBJECT, manifest_hash), changes, now)
