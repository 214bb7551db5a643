"""The change window an event was detected in (issue 18, the evidence pack).

`drift_events.window`: the description of the change window open when the event opened, as its
alerts say it (notify.py writes it); NULL when none was. `window_ticket`: that window's change
ticket (an ad-hoc window opened with `--ticket`). The evidence pack counts drift detected
outside any window with no change ticket linked. Events opened before this migration have NULL:
the pack cannot tell, and counts them as outside (docs/evidence.md says so).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 17:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("drift_events") as batch:
        batch.add_column(sa.Column("window", sa.Text(), nullable=True))
        batch.add_column(sa.Column("window_ticket", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("drift_events") as batch:
        batch.drop_column("window_ticket")
        batch.drop_column("window")
