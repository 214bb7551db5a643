"""Migrations build exactly the schema the models describe, from an empty database."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.resources import as_file, files

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.orm import Session

from driftwatch.model import AlertState
from driftwatch.store.database import (
    downgrade,
    head_revision,
    make_engine,
    schema_status,
    stored_revision,
    upgrade,
)
from driftwatch.store.models import Alert, Base, ItemRow, ManifestRow, Server, Suppression


def test_migrations_match_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    current, head = schema_status(engine)
    engine.dispose()
    assert differences == []
    assert current == head


def test_head_read_from_the_files_is_alembics_head() -> None:
    """The schema check reads the head without alembic; alembic must agree on it."""
    config = Config()
    with as_file(files("driftwatch.migrations")) as location:
        config.set_main_option("script_location", str(location))
        assert head_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_stored_revision_is_what_alembic_reads(database_url: str) -> None:
    """No schema yet, at head, and part-way down: the check reads what alembic itself would."""
    engine = make_engine(database_url)
    if stored_revision_of(engine) is not None:  # PostgreSQL: the session's database is kept at head
        downgrade(engine, "base")
    seen = [stored_revision_of(engine)]
    upgrade(engine)
    seen.append(stored_revision_of(engine))
    downgrade(engine, "0006")
    seen.append(stored_revision_of(engine))
    upgrade(engine)
    engine.dispose()
    assert seen == [None, head_revision(), "0006"]


def stored_revision_of(engine: Engine) -> str | None:
    """Ours, after checking it against alembic's."""
    with engine.connect() as connection:
        ours = stored_revision(connection)
        assert ours == MigrationContext.configure(connection).get_current_revision()
    return ours


def test_downgrade_to_nothing_and_back(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert {"servers", "manifests", "items", "manifest_items", "observations"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()


def test_sqlite_runs_in_wal_mode(database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite only")
    engine = make_engine(database_url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_json_string_columns_keep_existing_rows_readable(database_url: str) -> None:
    """0007 quotes the names and versions stored before it: they read back unchanged."""
    engine = make_engine(database_url)
    upgrade(engine)
    downgrade(engine, "0006")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO items (hash, kind, key, body) VALUES ('sha256:a', 'tool', 'add \"x\"', '{}')")
        )
        connection.execute(
            text(
                "INSERT INTO manifests (hash, header, server_version, counts, created_at)"
                " VALUES ('sha256:m', '{}', '1.2.3', '{}', CURRENT_TIMESTAMP)"
            )
        )
    upgrade(engine)
    with Session(engine) as session:
        assert session.get(ItemRow, "sha256:a").key == 'add "x"'  # type: ignore[union-attr]
        assert session.get(ManifestRow, "sha256:m").server_version == "1.2.3"  # type: ignore[union-attr]
    engine.dispose()


def test_renamed_rules_move_stored_suppressions(database_url: str) -> None:
    """0008 rewrites suppressions stored under an old rule id (driftwatch/rules.py, ALIASES)."""
    engine = make_engine(database_url)
    upgrade(engine)
    downgrade(engine, "0007")
    now = datetime.now(UTC)
    with Session(engine) as session, session.begin():
        server = Server(name="s", transport="stdio")
        session.add(server)
        session.flush()
        for rule in ("cross-tool-shadowing", "schema-side-channel", "conceal-from-user"):
            session.add(
                Suppression(
                    server_id=server.id, rule=rule, item="tool:t", evidence_hash="sha256:" + "0" * 64,
                    created_by="me", reason="test", created_at=now,
                )
            )  # fmt: skip
    upgrade(engine)
    with Session(engine) as session:
        rules = sorted(session.scalars(select(Suppression.rule)))
    engine.dispose()
    assert rules == ["conceal-from-user", "cross-tool-instruction", "side-channel-request"]


def test_alerts_about_unregistered_servers_have_no_server(database_url: str) -> None:
    """0011 lets an alert have no server (the daemon's discovery job); going back to 0010 drops
    those alerts and keeps every other one."""
    engine = make_engine(database_url)
    upgrade(engine)
    now = datetime.now(UTC)
    with Session(engine) as session, session.begin():
        server = Server(name="s", transport="stdio")
        session.add(server)
        session.flush()
        kept = f"k{server.id}"
        for server_id in (server.id, None):
            session.add(
                Alert(
                    server_id=server_id, channel="slack", action="post", dedup_key=f"k{server_id}",
                    payload="{}", state=AlertState.PENDING, attempts=0, next_attempt_at=now,
                )
            )  # fmt: skip
    downgrade(engine, "0010")
    assert inspect(engine).get_columns("alerts")[1]["nullable"] is False
    with engine.connect() as connection:
        assert connection.execute(text("SELECT dedup_key FROM alerts")).scalars().all() == [kept]
    upgrade(engine)
    engine.dispose()
