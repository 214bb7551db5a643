"""Alembic migrations, shipped inside the package as `driftwatch.migrations`."""
