"""Observations keep an HTTP server's authorization surface (issue 16, item 3).

`auth_surface`: the canonical JSON of model.AuthSurface (its protected resource metadata and its
authorization servers' issuers), null when unknown, for a stdio server, and for existing rows. A
different surface under the same manifest opens a new observation, so storage still grows with
changes, not scans; a changed surface opens a drift event whose `subject` is `auth`.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("auth_surface", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.drop_column("auth_surface")
