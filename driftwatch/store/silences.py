"""Silences as rows: set and ended by people, read when an alert is written.

A silence mutes notifications, never evaluation: the drift event is recorded, shown and paged as
usual once the silence ends (alerts/triggers.py holds the alert, `silence_id`, until `ends_at`).
One matcher per silence: `server=NAME`, `tag=TAG` (a registry tag of the server) or `rule=ID` (a
rule of the event's changes or findings, from the catalogue: a typo is refused, not silently
matching nothing).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, cast

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from driftwatch import rules
from driftwatch.chain import timestamp
from driftwatch.errors import ConfigError, NotFoundError
from driftwatch.model import AlertState, JSONObject
from driftwatch.store import audit
from driftwatch.store.models import Alert, Silence

Matcher = Literal["server", "tag", "rule"]
MATCHERS: tuple[Matcher, ...] = ("server", "tag", "rule")


@dataclass(frozen=True)
class Match:
    """What a silence matches: `server=notes`, `tag=prod`, `rule=new-destination`."""

    matcher: Matcher
    value: str

    @classmethod
    def parse(cls, text: str) -> Match:
        """`KEY=VALUE`, KEY one of MATCHERS; a rule id must be in the catalogue."""
        key, equals, value = text.partition("=")
        if not equals or key not in MATCHERS or not value:
            raise ConfigError(f"--match must be server=NAME, tag=TAG or rule=ID, not {text!r}")
        if key == "rule":
            try:
                value = rules.rule(value).id
            except KeyError as unknown:
                raise ConfigError(str(unknown.args[0])) from None
        return cls(key, value)

    def __str__(self) -> str:
        return f"{self.matcher}={self.value}"


@dataclass(frozen=True)
class Subject:
    """What an alert is about, as silences match it."""

    server: str
    tags: frozenset[str]
    rules: frozenset[str]

    def matched_by(self, match: Match) -> bool:
        if match.matcher == "server":
            return match.value == self.server
        return match.value in (self.tags if match.matcher == "tag" else self.rules)


@dataclass(frozen=True)
class SilenceRecord:
    """A silence as `silence list` shows it."""

    id: int
    match: Match
    created_by: str
    reason: str
    ticket: str | None
    starts_at: datetime
    ends_at: datetime
    expired_by: str | None

    def to_json(self) -> JSONObject:
        return {
            "id": self.id,
            "match": str(self.match),
            "created_by": self.created_by,
            "reason": self.reason,
            "ticket": self.ticket,
            "starts_at": self.starts_at.isoformat(),
            "ends_at": self.ends_at.isoformat(),
            "expired_by": self.expired_by,
        }

    @classmethod
    def of(cls, row: Silence) -> SilenceRecord:
        match = Match(cast(Matcher, row.matcher), row.value)
        return cls(
            row.id, match, row.created_by, row.reason, row.ticket, row.starts_at, row.ends_at, row.expired_by
        )


def add_silence(
    session: Session,
    match: Match,
    *,
    duration: timedelta,
    by: str,
    reason: str,
    ticket: str | None,
    now: datetime,
) -> SilenceRecord:
    if duration <= timedelta(0):
        raise ConfigError("a silence needs a positive --for duration")
    if not reason.strip():
        raise ConfigError("a silence needs a --reason: whoever is paged later asks why it was quiet")
    row = Silence(
        matcher=match.matcher,
        value=match.value,
        created_by=by,
        reason=reason,
        ticket=ticket,
        starts_at=now,
        ends_at=now + duration,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        audit.EntryKind.SILENCE_ADDED,
        at=now,
        subject=str(match),
        actor=by,
        data={"silence_id": row.id, "reason": reason, "ticket": ticket, "ends_at": timestamp(row.ends_at)},
    )
    return SilenceRecord.of(row)


def records(session: Session, now: datetime, *, ended_too: bool = False) -> list[SilenceRecord]:
    """Silences in force now (and, with `ended_too`, every one), oldest first."""
    query = select(Silence).order_by(Silence.id)
    if not ended_too:
        query = query.where(Silence.starts_at <= now, Silence.ends_at > now)
    return [SilenceRecord.of(row) for row in session.scalars(query)]


def holding(session: Session, subject: Subject, now: datetime) -> SilenceRecord | None:
    """The silence in force now that matches `subject` and ends last (None: nothing holds it)."""
    found = [s for s in records(session, now) if subject.matched_by(s.match)]
    return max(found, key=lambda s: s.ends_at) if found else None


def expire(session: Session, silence_id: int, by: str, now: datetime) -> int:
    """End a silence now; the alerts it holds become due now. Returns how many it released."""
    row = session.get(Silence, silence_id)
    if row is None or row.ends_at <= now:
        raise NotFoundError(f"no silence {silence_id} in force")
    row.ends_at, row.expired_by = now, by
    released = session.execute(
        update(Alert)
        .where(Alert.silence_id == silence_id, Alert.state == AlertState.PENDING, Alert.next_attempt_at > now)
        .values(next_attempt_at=now)
    )
    held = int(released.rowcount)  # type: ignore[attr-defined]
    audit.record(
        session,
        audit.EntryKind.SILENCE_EXPIRED,
        at=now,
        subject=f"{row.matcher}={row.value}",
        actor=by,
        data={"silence_id": row.id, "released": held},
    )
    return held


def mute_held(alerts: Iterable[Alert], now: datetime) -> list[Alert]:
    """Of an event's first alerts, the ones a silence still holds (never sent): they are muted,
    since the event closed before anyone was told; the rest, returned, get their answers."""
    told = []
    for alert in alerts:
        held = alert.state == AlertState.PENDING and alert.attempts == 0 and alert.next_attempt_at > now
        if alert.silence_id is not None and held:
            alert.state = AlertState.MUTED
        else:
            told.append(alert)
    return told
