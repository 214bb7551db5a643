"""Saving and loading content-addressed manifests.

Saving a manifest the store already has costs one indexed lookup; saving a new one inserts only
the items no earlier manifest had. Inserts ignore conflicts, so two processes saving the same
manifest at once (replicas, CLI beside the daemon) both succeed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from driftwatch.manifest import Manifest
from driftwatch.model import JSONObject
from driftwatch.store.codec import storage_json
from driftwatch.store.models import ItemRow, ManifestItem, ManifestRow


def insert_ignoring_conflicts(session: Session, table: Table, rows: Sequence[Mapping[str, object]]) -> None:
    """INSERT … ON CONFLICT DO NOTHING, in the dialect of the session's database."""
    if not rows:
        return
    session.execute(dialect_insert(session, table).on_conflict_do_nothing(), rows)


def dialect_insert(session: Session, table: Any) -> Any:
    """`INSERT` in the dialect of the session's database (which has `on_conflict_do_nothing`).
    The dialect's module is imported here: a process on SQLite never loads PostgreSQL's."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    if dialect == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table)
    raise NotImplementedError(f"driftwatch supports SQLite and PostgreSQL, not {dialect}")


def save_manifest(session: Session, manifest: Manifest) -> str:
    """Store `manifest` (if new) and return its hash."""
    digest = manifest.hash
    if session.get(ManifestRow, digest) is not None:
        return digest
    items = list(manifest.items())
    insert_ignoring_conflicts(
        session,
        ItemRow.__table__,  # type: ignore[arg-type]
        [
            {"hash": i.hash, "kind": i.kind, "key": i.key, "body": _text(i.body)}
            for i in {i.hash: i for i in items}.values()
        ],
    )
    insert_ignoring_conflicts(
        session,
        ManifestRow.__table__,  # type: ignore[arg-type]
        [
            {
                "hash": digest,
                "header": _text(manifest.header()),
                "server_version": manifest.server_version,
                "counts": _text(manifest.counts()),
            }
        ],
    )
    copies = Counter(i.hash for i in items)
    insert_ignoring_conflicts(
        session,
        ManifestItem.__table__,  # type: ignore[arg-type]
        [{"manifest_hash": digest, "item_hash": h, "copies": n} for h, n in copies.items()],
    )
    return digest


def load_manifests(session: Session, hashes: Iterable[str]) -> dict[str, Manifest]:
    """The manifests with these hashes, in two queries whatever their number."""
    wanted = set(hashes)
    if not wanted:
        return {}
    headers = {
        row.hash: json.loads(row.header)
        for row in session.scalars(select(ManifestRow).where(ManifestRow.hash.in_(wanted)))
    }
    bodies: dict[str, dict[str, list[JSONObject]]] = {h: {} for h in headers}
    rows = session.execute(
        select(ManifestItem.manifest_hash, ManifestItem.copies, ItemRow.kind, ItemRow.body)
        .join(ItemRow, ItemRow.hash == ManifestItem.item_hash)
        .where(ManifestItem.manifest_hash.in_(wanted))
    )
    for manifest_hash, copies, kind, body in rows:
        bodies[manifest_hash].setdefault(kind, []).extend([json.loads(body)] * copies)
    return {
        h: Manifest.build(
            server=header.get("server"),
            instructions=header.get("instructions"),
            tools=bodies[h].get("tool", []),
            prompts=bodies[h].get("prompt", []),
            resources=bodies[h].get("resource", []),
            resource_templates=bodies[h].get("resourceTemplate", []),
        )
        for h, header in headers.items()
    }


def _text(value: Any) -> str:
    return storage_json(value)


def save_stub(session: Session, digest: str) -> None:
    """A manifest row that records only a hash: what a scan saw when its content could not be
    stored, so that a drift event can still name it."""
    insert_ignoring_conflicts(
        session,
        ManifestRow.__table__,  # type: ignore[arg-type]
        [
            {
                "hash": digest,
                "header": storage_json({"unstored": True}),
                "server_version": None,
                "counts": "{}",
            }
        ],
    )
