"""observations, content-addressed manifests and items

Revision ID: 0001
Revises:
Create Date: 2026-11-21 18:22:50.611578
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    _content_tables()
    _server_tables()


def _content_tables() -> None:
    """Items and manifests, stored once by content hash."""
    op.create_table(
        "items",
        sa.Column("hash", sa.String(length=71), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("hash", name=op.f("pk_items")),
    )
    op.create_table(
        "manifests",
        sa.Column("hash", sa.String(length=71), nullable=False),
        sa.Column("header", sa.Text(), nullable=False),
        sa.Column("server_version", sa.Text(), nullable=True),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("hash", name=op.f("pk_manifests")),
    )


def _server_tables() -> None:
    """Servers, which manifest holds which items, and each server's observations."""
    op.create_table(
        "servers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("transport", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_servers")),
        sa.UniqueConstraint("name", name=op.f("uq_servers_name")),
    )
    op.create_table(
        "manifest_items",
        sa.Column("manifest_hash", sa.String(length=71), nullable=False),
        sa.Column("item_hash", sa.String(length=71), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_hash"], ["items.hash"], name=op.f("fk_manifest_items_item_hash_items")
        ),
        sa.ForeignKeyConstraint(
            ["manifest_hash"], ["manifests.hash"], name=op.f("fk_manifest_items_manifest_hash_manifests")
        ),
        sa.PrimaryKeyConstraint("manifest_hash", "item_hash", name=op.f("pk_manifest_items")),
    )
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("manifest_hash", sa.String(length=71), nullable=True),
        sa.Column("error_class", sa.String(length=32), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("protocol_version", sa.String(length=32), nullable=True),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("scans", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["manifest_hash"], ["manifests.hash"], name=op.f("fk_observations_manifest_hash_manifests")
        ),
        sa.ForeignKeyConstraint(
            ["server_id"], ["servers.id"], name=op.f("fk_observations_server_id_servers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observations")),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index("ix_observations_server_id_id", ["server_id", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index("ix_observations_server_id_id")

    op.drop_table("observations")
    op.drop_table("manifest_items")
    op.drop_table("servers")
    op.drop_table("manifests")
    op.drop_table("items")
