"""Rows of `oauth_credentials`: one per server, upserted as a flow registers a client or gets tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete
from sqlalchemy.orm import Session

from driftwatch.store.models import OAuthCredential


def load(session: Session, server: str) -> OAuthCredential | None:
    return session.get(OAuthCredential, server)


def _row(session: Session, server: str, now: datetime) -> OAuthCredential:
    row = session.get(OAuthCredential, server)
    if row is None:
        row = OAuthCredential(server=server, updated_at=now)
        session.add(row)
    row.updated_at = now
    return row


def save_client_info(session: Session, server: str, sealed: str, now: datetime) -> None:
    _row(session, server, now).client_info = sealed


def save_tokens(
    session: Session,
    server: str,
    sealed: str,
    *,
    expires_at: datetime | None,
    scope: str | None,
    refreshable: bool,
    now: datetime,
) -> None:
    row = _row(session, server, now)
    row.tokens, row.expires_at, row.scope, row.refreshable = sealed, expires_at, scope, refreshable


def forget(session: Session, server: str) -> bool:
    """Delete the server's credentials; whether there were any."""
    result = cast(
        CursorResult[Any], session.execute(delete(OAuthCredential).where(OAuthCredential.server == server))
    )
    return result.rowcount > 0
