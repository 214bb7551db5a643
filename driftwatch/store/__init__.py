"""The database: content-addressed manifests, observations, and the queries the rest uses."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from driftwatch.manifest import Manifest
from driftwatch.model import AlertState, EventState, ObservationStatus
from driftwatch.settings import Settings
from driftwatch.store import observations
from driftwatch.store.database import ensure_schema, make_engine
from driftwatch.store.manifests import save_manifest
from driftwatch.store.models import Alert, DriftEvent, Observation, Server
from driftwatch.store.observations import Outcome
from driftwatch.store.queries import pairs

__all__ = ["Gauges", "Observation", "Outcome", "Store", "gauges", "record"]

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Gauges:
    open_events: dict[str, int]
    outbox_depth: int
    last_success: dict[str, datetime]


class Store:
    """One database, for one process: its engine and its transactions, safe from worker threads.

    Every query of the store is a function that takes a session (the caller's transaction); `read`
    runs one in a short transaction of its own.

    On SQLite, one transaction at a time per process: SQLite has one writer, and the worker
    threads of a scan that wait for it inside SQLite sleep in its busy handler and retry, so a
    cycle of 200 servers storing from 16 threads took twice as long as storing them in turn.
    A `read` does not wait (in WAL mode readers never block the writer); other processes (a CLI
    beside the daemon) still meet SQLite's own lock and its busy timeout.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._one_at_a_time: AbstractContextManager[object] = (
            threading.RLock() if engine.dialect.name == "sqlite" else nullcontext()
        )

    @classmethod
    def open(cls, settings: Settings) -> Store:
        """Connect and check (SQLite: upgrade) the schema."""
        engine = make_engine(settings.database_url)
        ensure_schema(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._one_at_a_time, self._sessions.begin() as session:
            yield session

    def read(self, query: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run one of the store's reading functions (all take a session first) in a short transaction
        of its own, beside any writing one."""
        with self._sessions.begin() as session:
            return query(session, *args, **kwargs)

    def ping(self) -> None:
        """Raise if the database cannot be reached (readiness)."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))


def gauges(session: Session) -> Gauges:
    """Open drift events by severity, alerts waiting, last successful scan per server."""
    events = pairs(
        session,
        select(DriftEvent.severity, func.count())
        .where(DriftEvent.state == EventState.OPEN)
        .group_by(DriftEvent.severity),
    )
    pending = select(func.count()).select_from(Alert).where(Alert.state == AlertState.PENDING)
    last_ok = pairs(
        session,
        select(Server.name, func.max(Observation.last_seen))
        .join(Observation, Observation.server_id == Server.id)
        .where(Observation.status == ObservationStatus.OK)
        .group_by(Server.name),
    )
    return Gauges(open_events=events, outbox_depth=session.scalar(pending) or 0, last_success=last_ok)


def record(
    session: Session, name: str, transport: str, outcome: Outcome, now: datetime, manifest: Manifest | None
) -> Server:
    """Store one scan's outcome (and its manifest, if new) in the caller's transaction."""
    if manifest is not None:
        save_manifest(session, manifest)
    server = observations.server_row(session, name, transport)
    observations.record(session, server, outcome, now)
    return server
