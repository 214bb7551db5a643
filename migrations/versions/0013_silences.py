"""Silences (issue 17 item 2): notifications held for matching drift, never its evaluation.

`silences`: one matcher (`server`, `tag` or `rule` = `value`), who set it and why, when it ends
(`expired_by` when someone ended it early). `alerts.silence_id`: the silence that held an alert
when it was written; it is due when the silence ends, or `muted` if its event closed first.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "silences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("matcher", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("ticket", sa.Text(), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expired_by", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_silences")),
    )
    with op.batch_alter_table("alerts") as batch:
        batch.add_column(sa.Column("silence_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_alerts_silence_id_silences"), "silences", ["silence_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.drop_constraint(op.f("fk_alerts_silence_id_silences"), type_="foreignkey")
        batch.drop_column("silence_id")
    op.drop_table("silences")
