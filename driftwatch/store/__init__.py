"""The database: content-addressed manifests, observations, and the queries the rest uses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from driftwatch.manifest import Manifest
from driftwatch.settings import Settings
from driftwatch.store import observations
from driftwatch.store.database import ensure_schema, make_engine
from driftwatch.store.manifests import load_manifests, save_manifest
from driftwatch.store.models import Observation
from driftwatch.store.observations import Outcome

__all__ = ["Observation", "Outcome", "Store"]


class Store:
    """One database, for one process; methods are short transactions, safe from worker threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

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
        with self._sessions.begin() as session:
            yield session

    def record(
        self, name: str, transport: str, outcome: Outcome, now: datetime, manifest: Manifest | None = None
    ) -> Observation:
        """Store one scan's outcome (and its manifest, if new) in one transaction."""
        with self.transaction() as session:
            if manifest is not None:
                save_manifest(session, manifest)
            server = observations.server_row(session, name, transport)
            return observations.record(session, server, outcome, now)

    def manifests(self, hashes: Iterable[str]) -> dict[str, Manifest]:
        with self.transaction() as session:
            return load_manifests(session, hashes)

    def latest_observations(self, names: Iterable[str] | None = None) -> dict[str, Observation]:
        with self.transaction() as session:
            return observations.latest_per_server(session, names)
