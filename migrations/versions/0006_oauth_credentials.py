"""OAuth credentials: client registrations and tokens per server, encrypted (auth/custody.py).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 21:38:07.747595
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "oauth_credentials",
        sa.Column("server", sa.String(length=128), nullable=False),
        sa.Column("client_info", sa.Text(), nullable=True),
        sa.Column("tokens", sa.Text(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scope", sa.Text(), nullable=True),
        sa.Column("refreshable", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("server", name=op.f("pk_oauth_credentials")),
    )


def downgrade() -> None:
    op.drop_table("oauth_credentials")
