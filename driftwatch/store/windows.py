"""Ad-hoc change windows as rows: opened and closed by people, for one server or for all of them.

Whether a window (recurring or ad hoc) is open for a server now is driftwatch.windows's question.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from driftwatch.chain import timestamp
from driftwatch.errors import ConfigError, NotFoundError
from driftwatch.model import JSONObject
from driftwatch.store import audit
from driftwatch.store.models import ChangeWindow, Server


def add_window(
    session: Session,
    server: Server | None,
    *,
    duration: timedelta,
    by: str,
    reason: str | None,
    ticket: str | None,
    now: datetime,
) -> ChangeWindow:
    if duration <= timedelta(0):
        raise ConfigError("a change window needs a positive --for duration")
    window = ChangeWindow(
        server_id=server.id if server else None,
        opened_by=by,
        reason=reason,
        ticket=ticket,
        starts_at=now,
        ends_at=now + duration,
    )
    session.add(window)
    session.flush()
    audit.record(
        session,
        audit.EntryKind.WINDOW_OPENED,
        at=now,
        subject=server.name if server else None,
        actor=by,
        data={
            "window_id": window.id,
            "all_servers": server is None,
            "reason": reason,
            "ticket": ticket,
            "ends_at": timestamp(window.ends_at),
        },
    )
    return window


@dataclass(frozen=True)
class WindowRecord:
    """An ad-hoc window open now, as `window list` shows it; `server` None means every server."""

    id: int
    server: str | None
    opened_by: str
    reason: str | None
    ticket: str | None
    starts_at: datetime
    ends_at: datetime

    def to_json(self) -> JSONObject:
        return {
            "id": self.id,
            "server": self.server,
            "opened_by": self.opened_by,
            "reason": self.reason,
            "ticket": self.ticket,
            "starts_at": self.starts_at.isoformat(),
            "ends_at": self.ends_at.isoformat(),
        }


def active_records(session: Session, now: datetime) -> list[WindowRecord]:
    """Windows open now, with the name of their server (None: all servers)."""
    rows = session.execute(
        select(ChangeWindow, Server.name)
        .outerjoin(Server, Server.id == ChangeWindow.server_id)
        .where(ChangeWindow.closed_at.is_(None), ChangeWindow.ends_at > now)
        .where(ChangeWindow.starts_at <= now)
        .order_by(ChangeWindow.id)
    )
    return [
        WindowRecord(w.id, name, w.opened_by, w.reason, w.ticket, w.starts_at, w.ends_at) for w, name in rows
    ]


def close_window(session: Session, window_id: int, by: str, now: datetime) -> ChangeWindow:
    window = session.get(ChangeWindow, window_id)
    if window is None or window.closed_at is not None or window.ends_at <= now:
        raise NotFoundError(f"no open change window {window_id}")
    window.closed_at = now
    window.closed_by = by
    window.ends_at = now
    server = session.get(Server, window.server_id) if window.server_id is not None else None
    audit.record(
        session,
        audit.EntryKind.WINDOW_CLOSED,
        at=now,
        subject=server.name if server else None,
        actor=by,
        data={"window_id": window.id, "all_servers": server is None},
    )
    return window


def adhoc_open_for(session: Session, server_id: int, now: datetime) -> ChangeWindow | None:
    """The first ad-hoc window open now for this server or for all servers."""
    return session.scalar(
        select(ChangeWindow)
        .where(or_(ChangeWindow.server_id == server_id, ChangeWindow.server_id.is_(None)))
        .where(ChangeWindow.starts_at <= now, ChangeWindow.ends_at > now, ChangeWindow.closed_at.is_(None))
        .order_by(ChangeWindow.id)
        .limit(1)
    )
