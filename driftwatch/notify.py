"""What changed, then who hears of it, in the caller's transaction: the one place that turns an
evaluation (events closed, an event opened) into outbox rows.

Both writers of drift events go through here: a scan (driftwatch.monitor) and an approval
(driftwatch.approval). The change window is looked up here, above the alerts package, so that
alerts decide over plain records and never query windows themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from driftwatch import windows
from driftwatch.alerts import triggers
from driftwatch.model import DriftEventRecord
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from driftwatch.store.events import note_window
from driftwatch.store.models import Server


def on_events(
    session: Session,
    server: Server,
    spec: ServerSpec,
    settings: Settings,
    now: datetime,
    closed: Sequence[DriftEventRecord],
    opened: DriftEventRecord | None,
) -> None:
    """Resolve and answer what the closed events triggered; page or notify for the opened one."""
    on_closed(session, server, closed, now)
    if opened is not None:
        window = windows.open_for(session, server.id, spec.change_windows, now)
        if window is not None:
            note_window(session, opened.id, window)
        triggers.on_opened(session, server, spec, opened, window, settings, now)


def on_closed(session: Session, server: Server, closed: Sequence[DriftEventRecord], now: datetime) -> None:
    for event in closed:
        triggers.on_closed(session, server, event, now)
