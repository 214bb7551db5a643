"""Observations keep the package a stdio launch runs; drift events say what they are about.

`package_ecosystem`, `package_name`, `package_version`, `package_digest` (all null when unknown,
and for existing rows): a different package under the same manifest opens a new observation, so
storage still grows with changes, not scans. `drift_events.subject` is `manifest` (every existing
event) or `package` (a `package-changed` event, which the manifest state machine leaves alone).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("package_ecosystem", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("package_name", sa.Text(), nullable=True))
        batch.add_column(sa.Column("package_version", sa.Text(), nullable=True))
        batch.add_column(sa.Column("package_digest", sa.Text(), nullable=True))
    with op.batch_alter_table("drift_events") as batch:
        batch.add_column(
            sa.Column("subject", sa.String(length=16), nullable=False, server_default="manifest")
        )


def downgrade() -> None:
    with op.batch_alter_table("drift_events") as batch:
        batch.drop_column("subject")
    with op.batch_alter_table("observations") as batch:
        batch.drop_column("package_digest")
        batch.drop_column("package_version")
        batch.drop_column("package_name")
        batch.drop_column("package_ecosystem")
