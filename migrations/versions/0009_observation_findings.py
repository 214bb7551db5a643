"""Observations keep the detectors' findings on their manifest, so an unchanged scan reuses them.

`findings` (JSON, before suppressions and severity overrides) and `findings_context` (a digest of
what they were computed against besides the manifest: the detectors' code and the other servers'
tools). Existing rows get neither: their next scan runs the detectors once and fills them in.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("findings", sa.Text(), nullable=True))
        batch.add_column(sa.Column("findings_context", sa.String(length=71), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.drop_column("findings_context")
        batch.drop_column("findings")
