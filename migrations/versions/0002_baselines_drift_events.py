"""baselines and drift events

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 18:36:06.956217
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "baselines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_id", sa.Integer(), nullable=False),
        sa.Column("manifest_hash", sa.String(length=71), nullable=False),
        sa.Column("approved_by", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("ticket", sa.Text(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["manifest_hash"], ["manifests.hash"], name=op.f("fk_baselines_manifest_hash_manifests")
        ),
        sa.ForeignKeyConstraint(["server_id"], ["servers.id"], name=op.f("fk_baselines_server_id_servers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_baselines")),
    )
    with op.batch_alter_table("baselines", schema=None) as batch_op:
        batch_op.create_index("ix_baselines_server_id_id", ["server_id", "id"], unique=False)

    op.create_table(
        "drift_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_id", sa.Integer(), nullable=False),
        sa.Column("baseline_hash", sa.String(length=71), nullable=True),
        sa.Column("observed_hash", sa.String(length=71), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("change_count", sa.Integer(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["baseline_hash"], ["manifests.hash"], name=op.f("fk_drift_events_baseline_hash_manifests")
        ),
        sa.ForeignKeyConstraint(
            ["observed_hash"], ["manifests.hash"], name=op.f("fk_drift_events_observed_hash_manifests")
        ),
        sa.ForeignKeyConstraint(
            ["server_id"], ["servers.id"], name=op.f("fk_drift_events_server_id_servers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drift_events")),
    )
    with op.batch_alter_table("drift_events", schema=None) as batch_op:
        batch_op.create_index("ix_drift_events_server_id_state", ["server_id", "state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("drift_events", schema=None) as batch_op:
        batch_op.drop_index("ix_drift_events_server_id_state")

    op.drop_table("drift_events")
    with op.batch_alter_table("baselines", schema=None) as batch_op:
        batch_op.drop_index("ix_baselines_server_id_id")

    op.drop_table("baselines")
