"""An index on the audit log's `at` (when each entry was recorded).

`audit export --since` starts at the first entry recorded at or after its cutoff
(driftwatch/store/audit.py `first_since`); without an index on `at` that is a scan of the whole
log, which is never pruned. `ix_audit_log_at` makes it a range read.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 20:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_at", table_name="audit_log")
