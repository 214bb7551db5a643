"""Renamed rules: suppressions stored under an old rule id move to the new one.

`cross-tool-shadowing` is now `cross-tool-instruction` and `schema-side-channel` is now
`side-channel-request` (driftwatch/rules.py, ALIASES), so that each threat has one unambiguous
name. Suppressions are matched by rule id, so they are rewritten; drift events keep the ids they
were written with and are read back through the aliases.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_RENAMED = (
    ("cross-tool-shadowing", "cross-tool-instruction"),
    ("schema-side-channel", "side-channel-request"),
)


def _rename(pairs: tuple[tuple[str, str], ...]) -> None:
    statement = sa.text("UPDATE suppressions SET rule = :new WHERE rule = :old")
    for old, new in pairs:
        op.execute(statement.bindparams(old=old, new=new))


def upgrade() -> None:
    _rename(_RENAMED)


def downgrade() -> None:
    _rename(tuple((new, old) for old, new in _RENAMED))
