"""Receivers, groups and acknowledgement (issue 17 items 1 and 3).

`alerts.receiver`: the named receiver (alerts/routes.py) an alert is for; NULL on rows written
before receivers existed, whose receiver is the one named after their channel. `drift_events.
acknowledged_at` / `acknowledged_by`: someone took the event (`driftwatch ack`, or PagerDuty's
acknowledge); the repeat interval stops re-notifying it. `ix_alerts_event_id`: an event's alerts
(its close, its repeats) are read by event.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.add_column(sa.Column("receiver", sa.String(length=64), nullable=True))
        batch.create_index("ix_alerts_event_id", ["event_id"])
    with op.batch_alter_table("drift_events") as batch:
        batch.add_column(sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("acknowledged_by", sa.Text(), nullable=True))
        batch.add_column(sa.Column("group_key", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("group_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_drift_events_group_id_drift_events"), "drift_events", ["group_id"], ["id"]
        )
        batch.create_index("ix_drift_events_group_key", ["group_key"])


def downgrade() -> None:
    with op.batch_alter_table("drift_events") as batch:
        batch.drop_index("ix_drift_events_group_key")
        batch.drop_constraint(op.f("fk_drift_events_group_id_drift_events"), type_="foreignkey")
        batch.drop_column("group_id")
        batch.drop_column("group_key")
        batch.drop_column("acknowledged_by")
        batch.drop_column("acknowledged_at")
    with op.batch_alter_table("alerts") as batch:
        batch.drop_index("ix_alerts_event_id")
        batch.drop_column("receiver")
