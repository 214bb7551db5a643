"""Grouping: one notification for many servers' drift that shares a cause (issue 17 item 3).

A shared dependency that changes forty servers' tools must not send forty pages: the on-call
needs one, saying "the same change on forty servers", updated as more arrive, and resolved when
the last of them is approved or reverted. Alertmanager's `group_by` does this for alerts; here the
label is the cause (the `group_by` setting):

- `cause` (default): the same change. Two events share it when their changes are the same list of
  (change, item kind, item name, path, new value): the same tools changed to the same new text, or
  the same new package under the same manifest. The new value is hashed, not the old one: servers
  that ran different versions and now run the same one share the change that matters;
- `team`: the same owner, whatever changed (a team whose servers all drift hears once);
- `server`: nothing is grouped.

Events share a group only when they would also share their notifications: the same receivers,
the same decision (paging or not) and the same window state, and neither is silenced (a silence
holds what it holds; alerts/triggers.py). An event of a server nobody approved yet is never
grouped: each unapproved server needs a review of its own. A group takes new events for
`group_interval` after it opened.

Everything here is pure: the key is a digest of JSON, linear in the size of the changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Literal

from driftwatch.model import DriftEventRecord

GroupBy = Literal["cause", "team", "server"]


def cause(event: DriftEventRecord, team: str | None, group_by: GroupBy) -> str | None:
    """What `event` shares with others of the same group (None: it is grouped with nothing)."""
    if group_by == "server" or event.baseline_hash is None:
        return None
    if group_by == "team":
        return f"team:{team}" if team else None
    changes = sorted(
        json.dumps([str(c.change), str(c.kind), c.name, c.path, c.after], sort_keys=True, default=str)
        for c in event.changes
    )
    if not changes:
        return None
    digest = hashlib.sha256(json.dumps([event.subject, changes]).encode("utf-8", "surrogatepass"))
    return f"changes:{digest.hexdigest()}"


def group_key(shared: str, *, page: bool, notify: bool, window_open: bool, receivers: Iterable[str]) -> str:
    """The stored key of a group: its cause and how its notifications go (receivers, decision and
    window), so that every event of a group is told to the same people in the same way."""
    document = [shared, page, notify, window_open, sorted(set(receivers))]
    return hashlib.sha256(json.dumps(document).encode()).hexdigest()[:64]
