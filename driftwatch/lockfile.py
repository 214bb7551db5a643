"""Baselines as a file (`driftwatch.lock`), so approvals can live in git and change by pull request.

The lock holds, per server, the approved manifest in full (so `scan --baseline-file` can diff
without a database) and the approval's who/when/why. It is canonical JSON with one indent level
per structure, so a changed tool shows up as a readable diff in code review.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from driftwatch import jsonout
from driftwatch.errors import ConfigError
from driftwatch.manifest import KEY_FIELDS, LIST_FIELDS, Manifest
from driftwatch.model import ItemKind, JSONObject

LOCK_VERSION = 1

_LOCK_KEY = re.compile(r'^(?P<indent> *)(?P<key>"(?:[^"\\]|\\.)*"): (?P<value>.*)$')
"""A key of a lock as `dumps` writes it: one per line, two spaces an indent level."""
_SERVER_DEPTH, _LIST_DEPTH, _ITEM_DEPTH = 4, 8, 12
"""Servers are the keys under `servers`; a manifest's item lists the keys under `manifest`; an
item's fields (its key field among them) the keys of an object in such a list."""
_LIST_KINDS = {name: kind for kind, name in LIST_FIELDS.items()}


@dataclass(frozen=True)
class LockedBaseline:
    server: str
    manifest: Manifest
    approved_by: str | None = None
    approved_at: str | None = None
    reason: str | None = None
    ticket: str | None = None

    def to_json(self) -> JSONObject:
        return {
            "manifest_hash": self.manifest.hash,
            "approved_by": self.approved_by,
            "approved_at": self.approved_at,
            "reason": self.reason,
            "ticket": self.ticket,
            "manifest": self.manifest.to_json(),
        }


def dumps(baselines: list[LockedBaseline]) -> str:
    data = {
        "driftwatch_lock": LOCK_VERSION,
        "servers": {b.server: b.to_json() for b in sorted(baselines, key=lambda b: b.server)},
    }
    return jsonout.dumps(data, sort_keys=True) + "\n"


def is_lock_file(path: Path) -> bool:
    """Whether `path` holds a lock file (rather than a manifest): its first bytes say so."""
    with path.open("rb") as file:
        return b'"driftwatch_lock"' in file.read(4096)


def load(path: Path) -> dict[str, LockedBaseline]:
    """Read a lock file; a lock whose manifest no longer matches its recorded hash is refused
    (someone edited the manifest by hand without re-approving it)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read baseline file {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(f"baseline file {path} is not JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("driftwatch_lock") != LOCK_VERSION:
        raise ConfigError(f"{path} is not a driftwatch lock file (version {LOCK_VERSION})")
    baselines = {}
    for server, entry in (data.get("servers") or {}).items():
        manifest = Manifest.from_json(entry.get("manifest") or {})
        if manifest.hash != entry.get("manifest_hash"):
            raise ConfigError(
                f"{path}: the manifest of {server!r} does not match its manifest_hash; re-export the baseline"
            )
        baselines[server] = LockedBaseline(
            server=server,
            manifest=manifest,
            approved_by=entry.get("approved_by"),
            approved_at=entry.get("approved_at"),
            reason=entry.get("reason"),
            ticket=entry.get("ticket"),
        )
    return baselines


@dataclass(frozen=True)
class LockLines:
    """Where a lock file `dumps` wrote holds each server's entry and each item of its manifest, so
    a SARIF result can point at the baseline (and the tool) it concerns. Lines are 1-based."""

    servers: dict[str, int] = field(default_factory=dict)
    """Server name -> the line where its entry opens."""
    items: dict[tuple[str, ItemKind, str], int] = field(default_factory=dict)
    """(server, kind, key) -> the line of the item's key field (`"name": ...`, `"uri": ...`)."""

    def line(self, server: str, kind: ItemKind | None = None, name: str | None = None) -> int:
        """The item's line when the lock holds it, else the server's entry, else the first line (a
        server the lock does not hold, or a lock someone reformatted by hand)."""
        if kind is not None and name is not None and (server, kind, name) in self.items:
            return self.items[(server, kind, name)]
        return self.servers.get(server, 1)


def lock_lines(path: Path) -> LockLines:
    """Where `path`'s servers and items are written, read a line at a time; a lock that someone
    reformatted by hand gives fewer (or none), and a file that cannot be read none at all."""
    found = LockLines()
    server: str | None = None
    kind: ItemKind | None = None
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            for number, line in enumerate(file, start=1):
                match = _LOCK_KEY.match(line.rstrip("\r\n"))
                if match is None:
                    continue
                depth, key, value = len(match["indent"]), _string(match["key"]), match["value"]
                if depth == _SERVER_DEPTH and value == "{" and key is not None:
                    server, kind = key, None
                    found.servers.setdefault(key, number)
                elif depth <= _LIST_DEPTH:  # a list opens, or what follows it
                    kind = _LIST_KINDS.get(key or "") if depth == _LIST_DEPTH and value == "[" else None
                elif depth == _ITEM_DEPTH and server is not None and kind is not None:
                    name = _string(value.removesuffix(",")) if key == KEY_FIELDS[kind] else None
                    if name is not None:
                        found.items.setdefault((server, kind, name), number)
    except OSError:
        return LockLines()
    return found


def _string(text: str) -> str | None:
    """A JSON string literal's value; None for anything else."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, str) else None
