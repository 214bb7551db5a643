"""scan slots

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 19:40:03.840056
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scan_slots",
        sa.Column("server_name", sa.String(length=128), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=128), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("server_name", name=op.f("pk_scan_slots")),
    )


def downgrade() -> None:
    op.drop_table("scan_slots")
