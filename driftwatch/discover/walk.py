"""Which files to read: the known places in a home directory, and every matching file of a tree.

A repository is walked, not globbed, so that the walk can be bounded: directories that hold
dependencies or tooling (`node_modules`, `.git`, `.venv`…) and `--exclude` globs are not entered,
symlinked directories are never followed (a link back up the tree cannot loop the walk), and
the walk stops after `MAX_DEPTH` levels and `MAX_ENTRIES` directory entries with an error that
says so (what was found until then is still reported).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from driftwatch.discover.clients import HOME_FILES, PROJECT_FILES, ConfigFile

DEFAULT_EXCLUDES = (
    "node_modules", ".git", ".hg", ".svn", ".venv", "venv", "__pycache__", ".tox", ".nox",
    ".mypy_cache", ".ruff_cache", ".pytest_cache", ".cache", ".npm", "site-packages",
)  # fmt: skip
MAX_DEPTH = 16
MAX_ENTRIES = 200_000

_BY_NAME: dict[str, list[ConfigFile]] = {}
for _kind in PROJECT_FILES:
    _BY_NAME.setdefault(Path(_kind.path).name, []).append(_kind)


@dataclass
class Walk:
    """What a walk found: the files to read, and why it stopped early (if it did)."""

    files: list[tuple[Path, ConfigFile]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    """(path, one-line message)."""


def home_files(home: Path) -> Iterator[tuple[Path, ConfigFile]]:
    """The user-level config files that exist (or are broken symlinks: reading says why)."""
    for kind in HOME_FILES:
        path = home / kind.path
        if path.is_symlink() or path.exists():
            yield path, kind


def project_kind(path: Path) -> ConfigFile | None:
    """The kind of config file `path` is by its name and parent directory (`.vscode/mcp.json`)."""
    for kind in _BY_NAME.get(path.name, []):
        parts = Path(kind.path).parts
        if tuple(path.parts[-len(parts) :]) == parts:
            return kind
    return None


def walk_tree(root: Path, excludes: Sequence[str], into: Walk) -> None:
    """Add every project config file under `root` to `into` (see the module doc)."""
    if root.is_file():
        kind = project_kind(root) or _guess(root)
        into.files.append((root, kind))
        return
    patterns = (*DEFAULT_EXCLUDES, *excludes)
    seen = 0
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        directory, depth = stack.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            into.errors.append((str(directory), f"cannot list: {exc.strerror}"))
            continue
        seen += len(entries)
        if seen > MAX_ENTRIES:
            into.errors.append((str(root), f"stopped after {MAX_ENTRIES} entries (use --exclude)"))
            return
        below: list[tuple[Path, int]] = []
        for item in entries:
            path = Path(item.path)
            if _excluded(path, root, patterns):
                continue
            if item.is_dir(follow_symlinks=False):
                if depth + 1 > MAX_DEPTH:
                    into.errors.append((str(path), f"not entered: deeper than {MAX_DEPTH} levels"))
                else:
                    below.append((path, depth + 1))
            elif (found := project_kind(path)) is not None:
                into.files.append((path, found))
        stack.extend(reversed(below))  # popped in name order: a stable, readable order


def _excluded(path: Path, root: Path, patterns: Sequence[str]) -> bool:
    relative = path.relative_to(root).as_posix()
    return any(fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(relative, p) for p in patterns)


def _guess(path: Path) -> ConfigFile:
    """A file named on the command line that no client names so: read as any client's JSON."""
    if path.suffix == ".toml":
        return ConfigFile("codex", path.name, "toml")
    return ConfigFile("unknown", path.name, "jsonc")
