"""How much of a server's text the detectors read, so that no string can blind or kill them.

The server writes every string the detectors read, and a string may be megabytes long. Rules that
are linear on a paragraph can still cost a large constant per character (decoders, identifier
splitting), so the text they see is bounded, and what is left unread is reported, never skipped:

1. A string of up to `FIELD_LIMIT` characters is read whole.
2. A longer one is read in windows of `FIELD_LIMIT + OVERLAP` characters, one starting every
   `FIELD_LIMIT`: an instruction of up to `OVERLAP` characters that straddles a boundary lies whole
   in one window, and no rule ever sees more than one window at a time.
3. At most `STRING_BUDGET` characters of one string are read, at most `MANIFEST_BUDGET` characters
   of one manifest, within `TIME_BUDGET` seconds; a string not fully read is an `oversized-text`
   finding saying how much of it was not read (detect/__init__.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from driftwatch import budgets

FIELD_LIMIT = 65_536
"""Characters of a string read in one piece; longer strings are read in windows."""
OVERLAP = 8_192
"""Characters each window shares with the next: the longest instruction sure to be seen whole."""
STRING_BUDGET = budgets.STRING_BUDGET
"""Characters read of one string (4 Mi): the rest of a longer one is `oversized-text`."""
MANIFEST_BUDGET = 32 * 2**20
"""Characters read of one manifest (32 Mi): strings after it is spent are `oversized-text`."""
TIME_BUDGET = 60.0
"""Seconds the detectors spend on one manifest: strings after it are `oversized-text`."""
MEMO_LIMIT = 4_096
"""Strings up to this length are remembered with their hits (schemas repeat them); longer ones are not,
so the memo cannot hold the manifest's text a second time."""


@dataclass
class Budget:
    """What is left to read of one manifest: characters, and time until a deadline."""

    chars: int = field(default_factory=lambda: MANIFEST_BUDGET)
    deadline: float = field(default_factory=lambda: time.monotonic() + TIME_BUDGET)
    spent_on: str = ""
    """Why reading stopped: "" while there is budget left, else which budget ran out."""

    def take(self, chars: int) -> bool:
        """Whether `chars` more characters may be read (and charge them if so)."""
        if not self.spent_on and self.chars <= 0:
            self.spent_on = f"the manifest budget of {MANIFEST_BUDGET:,} characters"
        elif not self.spent_on and time.monotonic() > self.deadline:
            self.spent_on = f"the time budget of {TIME_BUDGET:g} s"
        if self.spent_on:
            return False
        self.chars -= chars
        return True


def windows(length: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the windows a string of `length` characters is read in, within `STRING_BUDGET`."""
    start = 0
    while start < min(length, STRING_BUDGET):
        end = min(length, start + FIELD_LIMIT + OVERLAP) if length > FIELD_LIMIT else length
        yield start, end
        if end == length:
            return
        start += FIELD_LIMIT
