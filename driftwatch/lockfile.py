"""Baselines as a file (`driftwatch.lock`), so approvals can live in git and change by pull request.

The lock holds, per server, the approved manifest in full (so `scan --baseline-file` can diff
without a database) and the approval's who/when/why. It is canonical JSON with one indent level
per structure, so a changed tool shows up as a readable diff in code review.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from driftwatch import jsonout
from driftwatch.errors import ConfigError
from driftwatch.manifest import Manifest
from driftwatch.model import JSONObject

LOCK_VERSION = 1

_SERVER_KEY = re.compile(r'^    ("(?:[^"\\]|\\.)*"): \{$')
"""A server's entry in a lock as `dumps` writes it: the only keys four spaces deep (under `servers`)."""


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


def server_lines(path: Path) -> dict[str, int]:
    """The line (1-based) where each server's entry opens in a lock file `dumps` wrote, so a SARIF
    result can point at the baseline it concerns. Read a line at a time; a lock that someone
    reformatted by hand gives fewer (or no) lines, and its results point at the first line."""
    lines: dict[str, int] = {}
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            for number, line in enumerate(file, start=1):
                match = _SERVER_KEY.match(line.rstrip("\r\n"))
                if match is None:
                    continue
                try:
                    name = json.loads(match.group(1))
                except json.JSONDecodeError:
                    continue
                lines.setdefault(name, number)
    except OSError:
        return {}
    return lines
