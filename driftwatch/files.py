"""Writing a file whole or not at all: what every file driftwatch writes for people needs.

A lock file, a report or the registry is read by CI, by reviewers and by the daemon; a half
written one would be worse than none. The text goes to a temporary file beside the target (same
file system), created with the final mode (so a registry holding references never exists world
readable, not even for a moment), then renamed over the target.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, text: str, *, mode: int = 0o644) -> None:
    """Replace `path` with `text` (UTF-8), atomically; OSError says why not, and nothing changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, mode)  # the umask may have narrowed it at creation
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
