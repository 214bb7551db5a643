"""Alembic environment: the engine comes from `driftwatch db upgrade`, or from the same settings
driftwatch uses (`DRIFTWATCH_DATABASE_URL`, config file) when alembic's own CLI runs it."""

from __future__ import annotations

from alembic import context

from driftwatch.store.database import make_engine
from driftwatch.store.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    from driftwatch.settings import load_settings

    engine = make_engine(load_settings().database_url)

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
