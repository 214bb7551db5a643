"""The audit log's entries as a hash chain: their canonical bytes, their hashes, and checking a run.

Every change a reviewer may ask about (an approval, a drift event opened or closed, a window, a
suppression, a silence, a configuration change) is one entry; each entry holds the hash of the one
before it, so an entry edited, deleted or moved breaks the chain where it happened (docs/audit.md).
This module is pure, below the store (which hashes on append) and the audit service (which
verifies the database and exported files): the record, its canonical form, and a `Walk` that
checks a sequence of stored entries from an anchor.

The canonical form is what a reviewer re-implements to verify by hand, so it is small and strict:
compact JSON (no whitespace), keys sorted, ASCII only (every other code point a `\\uXXXX`
escape, lower-case hex, as Python's `json.dumps(ensure_ascii=True)` writes it), no floats;
timestamps are strings, ISO 8601 in UTC with microseconds. The hash is `sha256:` and the hex
SHA-256 of those bytes, the form of every other hash driftwatch stores.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from driftwatch.model import JSONObject

HASH_PREFIX = "sha256:"


def canonical(value: Any) -> str:
    """`value` (str, int, bool, None, lists and string-keyed objects of them) as canonical JSON.

    ValueError for a float (its text differs between languages) or anything JSON cannot hold."""
    _refuse_floats(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


def _refuse_floats(value: Any) -> None:
    pending = [value]
    while pending:  # iterative: a deep value cannot exhaust the stack
        node = pending.pop()
        if isinstance(node, float):
            raise ValueError("the audit log's canonical form holds no floats")
        if isinstance(node, dict):
            if not all(isinstance(key, str) for key in node):
                raise ValueError("the audit log's canonical form has string keys only")
            pending.extend(node.values())
        elif isinstance(node, list | tuple):
            pending.extend(node)


def digest(text: str) -> str:
    """The hash of canonical text: `sha256:` and 64 hex digits."""
    return HASH_PREFIX + hashlib.sha256(text.encode("ascii")).hexdigest()


def timestamp(at: datetime) -> str:
    """`2026-12-05T13:00:00.000000+00:00`: the one spelling of a moment in the log."""
    if at.tzinfo is None:
        raise ValueError("naive datetime given to the audit log; use datetime.now(UTC)")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Entry:
    """One audit entry: its place (`seq`, 1 for the first ever), when, what (`kind`, e.g.
    `event.opened`), about what (`subject`: a server's name, a silence's matcher, …), who did it
    (`actor`, as given with --by; None: driftwatch itself), what else (`data`) and the hash of the
    entry before it (`prev`, None for the first)."""

    seq: int
    at: datetime
    kind: str
    subject: str | None
    actor: str | None
    data: JSONObject
    prev: str | None

    def body(self) -> str:
        """The canonical bytes the entry's hash is taken over (and which the store keeps as is)."""
        return canonical(
            {
                "seq": self.seq,
                "at": timestamp(self.at),
                "kind": self.kind,
                "subject": self.subject,
                "actor": self.actor,
                "data": self.data,
                "prev": self.prev,
            }
        )

    @classmethod
    def parse(cls, body: str) -> Entry:
        """The entry a stored body holds; ValueError when it is not one, in canonical form."""
        try:
            value = json.loads(body)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not JSON ({exc.msg})") from None
        if not isinstance(value, dict) or set(value) != _FIELDS:
            raise ValueError(
                "not an audit entry (its fields are not seq, at, kind, subject, actor, data, prev)"
            )
        entry = cls(
            seq=_typed(value, "seq", int),
            at=datetime.fromisoformat(_typed(value, "at", str)),
            kind=_typed(value, "kind", str),
            subject=_typed(value, "subject", str, optional=True),
            actor=_typed(value, "actor", str, optional=True),
            data=_typed(value, "data", dict),
            prev=_typed(value, "prev", str, optional=True),
        )
        if entry.body() != body:
            raise ValueError("not in canonical form")
        return entry


_FIELDS = frozenset({"seq", "at", "kind", "subject", "actor", "data", "prev"})


def _typed(value: JSONObject, key: str, kind: type, *, optional: bool = False) -> Any:
    found = value[key]
    if (found is None and optional) or (isinstance(found, kind) and not isinstance(found, bool)):
        return found
    raise ValueError(f"its {key} is not a {kind.__name__}")


@dataclass(frozen=True)
class Link:
    """One entry as read back: the row's own `seq`, `kind` and `prev_hash` columns (an export's
    line: the entry's own), its stored body and its stored hash. `at` is the row's column (None:
    an export line, where there is no column)."""

    seq: int
    kind: str
    prev: str | None
    body: str
    hash: str
    at: datetime | None = None


@dataclass(frozen=True)
class Head:
    """The newest entry as the head row (or an export's last line) names it."""

    seq: int
    hash: str | None


@dataclass(frozen=True)
class Fault:
    """Where a chain stops verifying: the first bad entry (None when no one entry is to blame,
    e.g. the head itself is missing) and what is wrong."""

    seq: int | None
    problem: str


class Walk:
    """Checks entries in order, from an anchor: the `seq` the first must have and the hash it must
    name as `prev` (the whole log: 1 and None; an export starting mid-chain: its first entry's)."""

    def __init__(self, first: int, anchor: str | None) -> None:
        self.expected = first
        self.prev = anchor
        self.count = 0

    def check(self, link: Link) -> Fault | None:
        """The fault of the next entry, if it has one; a fault ends the walk."""
        seq = self.expected
        if link.seq != seq:
            if link.seq > seq:
                return Fault(seq, f"entry {seq} is missing (the next entry is {link.seq})")
            return Fault(seq, f"entry {link.seq} appears where entry {seq} should be (rows reordered)")
        if digest(link.body) != link.hash:
            return Fault(seq, f"entry {seq}: its content does not match its hash")
        try:
            entry = Entry.parse(link.body)
        except ValueError as exc:
            return Fault(seq, f"entry {seq}: its body is {exc}")
        columns = (link.seq, link.kind, link.prev) + ((link.at,) if link.at is not None else ())
        held = (entry.seq, entry.kind, entry.prev) + ((entry.at,) if link.at is not None else ())
        if columns != held:
            return Fault(seq, f"entry {seq}: its columns do not match its body (rows edited or reordered)")
        if entry.prev != self.prev:
            before = f"entry {seq - 1}" if seq > 1 else "the start of the log"
            return Fault(seq, f"entry {seq}: its previous hash does not match {before}")
        self.expected, self.prev, self.count = seq + 1, link.hash, self.count + 1
        return None

    def finish(self, head: Head | None) -> Fault | None:
        """Whether the entries walked end where the head says the log ends."""
        last = self.expected - 1
        if head is None:
            return Fault(None, "the head is missing") if self.count else None
        if head.seq > last:
            return Fault(last + 1, f"the head names entry {head.seq} but the log ends at {last}")
        if head.seq < last:
            return Fault(head.seq + 1, f"entry {head.seq + 1} is past the head (entry {head.seq})")
        if head.hash != self.prev:
            return Fault(head.seq or None, f"the head's hash does not match entry {head.seq}")
        return None


def walk(
    links: Iterable[Link], first: int, anchor: str | None, head: Head | None
) -> tuple[int, Fault | None]:
    """Walk `links` from the anchor to `head`: how many verified, and the first fault (None: all did)."""
    walker = Walk(first, anchor)
    for link in links:
        fault = walker.check(link)
        if fault is not None:
            return walker.count, fault
    return walker.count, walker.finish(head)
