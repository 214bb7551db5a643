"""Alerts about servers nobody registered: `alerts.server_id` may be NULL.

The daemon's discovery job (issue 16, item 4) pages on an MCP server that client configs launch
but the registry does not hold. Such a server has no `servers` row; its alert is a row with no
server, whose `dedup_key` names the server's host identity, and that row is also the record that
it was paged once (driftwatch/alerts/unregistered.py). Existing rows are unchanged.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.alter_column("server_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM alerts WHERE server_id IS NULL")
    with op.batch_alter_table("alerts") as batch:
        batch.alter_column("server_id", existing_type=sa.Integer(), nullable=False)
