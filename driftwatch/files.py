"""Files: written whole or not at all, and read only when they are what they claim to be.

Writing: what every file driftwatch writes for people needs.
A lock file, a report or the registry is read by CI, by reviewers and by the daemon; a half
written one would be worse than none. The text goes to a temporary file beside the target (same
file system), created with the final mode (so a registry holding references never exists world
readable, not even for a moment), then renamed over the target.

Reading a file someone else chose (a client config in a cloned repository, a package's metadata in
a cache): it is opened without blocking and read only when it is a regular file within a size cap,
so a FIFO, `/dev/zero` behind a symlink, a symlink loop or a huge file costs nothing
(`read_regular`).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from driftwatch.errors import DriftwatchError


class UnreadableFile(DriftwatchError):
    """A file `read_regular` would not read: why, in one line that quotes none of its content."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path` when it is a regular file of at most `limit` bytes, opened without
    blocking; UnreadableFile says why not."""
    too_large = f"larger than {_size(limit)}, not read"
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        why = "a symlink loop" if exc.errno == errno.ELOOP else exc.strerror
        raise UnreadableFile(f"cannot read: {why}") from None
    try:
        with os.fdopen(descriptor, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableFile("not a regular file")
            if info.st_size > limit:
                raise UnreadableFile(too_large)
            data = file.read(limit + 1)
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror}") from None
    if len(data) > limit:
        raise UnreadableFile(too_large)
    return data


def _size(limit: int) -> str:
    return f"{limit >> 20} MiB" if limit >= 1 << 20 and limit % (1 << 20) == 0 else f"{limit} bytes"


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
