"""Observations keep the digest of the registry's tool index their findings context was judged in.

`index_digest` (drift.ToolIndex.digest: every server's tool names, the detectors' code, the
semantic layer): an unchanged manifest scanned against an index of the same digest has the same
view of the other servers' tools, so its `findings_context` holds without that view being built
again (issue 15: a tenth of the CPU of an unchanged scan). Null for existing rows: their next scan
builds the view once and fills it in.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("index_digest", sa.String(length=71), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.drop_column("index_digest")
