"""Server text that PostgreSQL cannot hold raw (NUL) is stored as JSON string literals.

`items.key` and `manifests.server_version` become JSON string literals (store/codec.py), so a
NUL in a tool name or a server version is stored, not refused. Existing rows are quoted in place.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 17:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_COLUMNS = (("items", "key"), ("manifests", "server_version"))


def upgrade() -> None:
    quote = "to_json({0})::text" if op.get_bind().dialect.name == "postgresql" else "json_quote({0})"
    for table, column in _COLUMNS:
        # Table and column names come from _COLUMNS above, never from input.
        op.execute(f"UPDATE {table} SET {column} = {quote.format(column)} WHERE {column} IS NOT NULL")  # noqa: S608


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    unquote = "({0})::json #>> '{{}}'" if postgres else "json_extract({0}, '$')"
    for table, column in _COLUMNS:
        op.execute(f"UPDATE {table} SET {column} = {unquote.format(column)} WHERE {column} IS NOT NULL")  # noqa: S608
