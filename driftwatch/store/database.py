"""Connecting to the database and keeping its schema current.

SQLite (the embedded default) is upgraded automatically on open: a single-user file has no one
else to coordinate with. Any other backend must be upgraded explicitly (`driftwatch db upgrade`,
e.g. as a Kubernetes Job), because replicas must not race to migrate a shared database.

A database URL that cannot work (a plain path, an unknown scheme or missing driver, an unreachable
host, a database that does not exist) is a configuration error found when the engine is made: one
line naming `database_url` and the driver's reason, never a driver traceback at the first query.

Every command that opens the store checks the schema first, and alembic (with Mako) costs more to
import than most commands take to run. So the check reads alembic's own records without it: the
revision stored in `alembic_version`, and the head read from the `revision`/`down_revision` lines of
the migration files (tests/store/test_migrations.py holds that to alembic's answer). Alembic is
imported only when a migration runs.
"""

from __future__ import annotations

import ast
import functools
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from driftwatch.errors import ConfigError

if TYPE_CHECKING:
    from alembic.config import Config


URL_EXAMPLES = (
    "e.g. sqlite:////var/lib/driftwatch/driftwatch.db or postgresql+psycopg://user@host:5432/driftwatch"
)


CONNECT_TIMEOUT_SECONDS = 10
"""A host that drops packets is reported after this long, not after the kernel's TCP timeout."""


def make_engine(url: str) -> Engine:
    """An engine for `url`, connected once to prove the URL works; for SQLite, the file's
    directory is created and WAL turned on."""
    parsed = parse_url(url)
    shown = parsed.render_as_string(hide_password=True)
    try:
        engine = _engine(parsed)
    except (NoSuchModuleError, ImportError) as exc:
        raise ConfigError(
            f"database_url {shown}: no driver for {parsed.drivername!r} ({URL_EXAMPLES})"
        ) from exc
    except OSError as exc:
        raise ConfigError(f"database_url {shown}: {exc.strerror or exc}") from exc
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        reason = " ".join(str(exc.orig).split()) if exc.orig is not None else type(exc).__name__
        raise ConfigError(f"cannot connect to database_url {shown}: {reason}") from exc
    return engine


def parse_url(url: str) -> URL:
    """The URL, or a configuration error saying what a database URL looks like."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        shown = url if "@" not in url else "(hidden: it may hold a password)"
        raise ConfigError(f"database_url {shown} is not a database URL ({URL_EXAMPLES})") from None
    return parsed


def _engine(parsed: URL) -> Engine:
    if parsed.get_backend_name() != "sqlite":
        connect_args = (
            {"connect_timeout": CONNECT_TIMEOUT_SECONDS} if parsed.get_backend_name() == "postgresql" else {}
        )
        return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer (daemon + CLI)
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable enough in WAL mode, much faster
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def _alembic_config(engine: Engine, script_location: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", script_location)
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to `revision` (alembic's env.py uses the engine given here)."""
    from alembic import command

    with as_file(files("driftwatch.migrations")) as location:
        command.upgrade(_alembic_config(engine, str(location)), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Revert migrations down to `revision` (`base`: an empty database)."""
    from alembic import command

    with as_file(files("driftwatch.migrations")) as location:
        command.downgrade(_alembic_config(engine, str(location)), revision)


def schema_status(engine: Engine) -> tuple[str | None, str]:
    """(current revision of the database, head revision of this driftwatch)."""
    with engine.connect() as connection:
        current = stored_revision(connection)
    return current, head_revision()


def stored_revision(connection: Connection) -> str | None:
    """The revision the database is at, as alembic recorded it (None: no driftwatch schema yet)."""
    if not inspect(connection).has_table("alembic_version"):  # alembic's default, kept by env.py
        return None
    stored = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(stored) > 1:  # alembic writes one row per head; driftwatch's migrations have one head
        raise ConfigError(f"database schema is at several revisions ({', '.join(sorted(stored))})")
    return stored[0] if stored else None


@functools.cache
def head_revision() -> str:
    """The newest revision of driftwatch's migrations: the one no other revision comes after.

    Read from the `revision = "…"` and `down_revision = …` assignments of migrations/versions/,
    as alembic itself reads them, but without importing alembic or running the files.
    """
    revisions: set[str] = set()
    followed: set[str] = set()
    for script in (files("driftwatch.migrations") / "versions").iterdir():
        if script.name.endswith(".py") and not script.name.startswith("__"):
            found = _revision_lines(script.read_text(encoding="utf-8"))
            revisions.add(str(found["revision"]))
            down = found.get("down_revision") or ()
            followed.update((down,) if isinstance(down, str) else down)
    heads = revisions - followed
    assert len(heads) == 1, f"driftwatch's migrations must have one head, not {sorted(heads)}"
    return heads.pop()


def _revision_lines(source: str) -> dict[str, Any]:
    """The module-level `revision` and `down_revision` assignments of a migration's source."""
    found: dict[str, Any] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:  # `revision: str = "0009"`
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
            found[target.id] = ast.literal_eval(value)
    return found


def ensure_schema(engine: Engine) -> None:
    """Upgrade SQLite in place; refuse to run on an out-of-date shared database."""
    current, head = schema_status(engine)
    if current == head:
        return
    if engine.dialect.name == "sqlite":
        upgrade(engine)
        return
    raise ConfigError(
        (
            f"database schema is at revision {current}"
            if current
            else "the database has no driftwatch schema yet"
        )
        + f", this driftwatch needs revision {head}: run `driftwatch db upgrade`"
    )
