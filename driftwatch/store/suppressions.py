"""Suppressions: recorded false positives (see models.Suppression)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from driftwatch.chain import timestamp
from driftwatch.errors import ConfigError, NotFoundError
from driftwatch.manifest import ITEM_KINDS
from driftwatch.model import JSONObject, SuppressionKey
from driftwatch.rules import Source, canonical, of
from driftwatch.settings import did_you_mean
from driftwatch.store import audit
from driftwatch.store.models import Server, Suppression


def add(
    session: Session,
    server: Server,
    *,
    rule: str,
    item: str,
    evidence_hash: str,
    by: str,
    reason: str,
    now: datetime,
    duration: timedelta | None,
) -> Suppression:
    if not by.strip() or not reason.strip():
        raise ConfigError("a suppression needs --by and --reason")
    rule = canonical(rule)
    _check_finding(rule, item, evidence_hash)
    suppression = Suppression(
        server_id=server.id,
        rule=rule,
        item=item,
        evidence_hash=evidence_hash,
        created_by=by,
        reason=reason,
        created_at=now,
        expires_at=now + duration if duration else None,
    )
    session.add(suppression)
    session.flush()
    audit.record(
        session,
        audit.EntryKind.SUPPRESSION_ADDED,
        at=now,
        subject=server.name,
        actor=by,
        data={
            "suppression_id": suppression.id,
            "rule": rule,
            "item": item,
            "evidence_hash": evidence_hash,
            "reason": reason,
            "expires_at": timestamp(suppression.expires_at) if suppression.expires_at else None,
        },
    )
    return suppression


def active(session: Session, now: datetime, server_id: int | None = None) -> list[tuple[Suppression, str]]:
    """Suppressions in force (not removed, not expired), with their server's name."""
    query = (
        select(Suppression, Server.name)
        .join(Server, Server.id == Suppression.server_id)
        .where(Suppression.removed_at.is_(None))
        .where(or_(Suppression.expires_at.is_(None), Suppression.expires_at > now))
        .order_by(Suppression.id)
    )
    if server_id is not None:
        query = query.where(Suppression.server_id == server_id)
    return [(suppression, name) for suppression, name in session.execute(query)]


@dataclass(frozen=True)
class SuppressionRecord:
    """A suppression in force, as `suppression list` shows it."""

    id: int
    server: str
    rule: str
    item: str
    evidence_hash: str
    created_by: str
    reason: str
    expires_at: datetime | None

    def to_json(self) -> JSONObject:
        return {
            "id": self.id,
            "server": self.server,
            "rule": self.rule,
            "item": self.item,
            "evidence_hash": self.evidence_hash,
            "created_by": self.created_by,
            "by": self.created_by,  # the old name of created_by, kept until the next release
            "reason": self.reason,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
        }


def active_records(session: Session, now: datetime) -> list[SuppressionRecord]:
    return [
        SuppressionRecord(s.id, name, s.rule, s.item, s.evidence_hash, s.created_by, s.reason, s.expires_at)
        for s, name in active(session, now)
    ]


def active_keys(session: Session, server_id: int, now: datetime) -> set[SuppressionKey]:
    return {(s.rule, s.item, s.evidence_hash) for s, _ in active(session, now, server_id)}


def remove(session: Session, suppression_id: int, now: datetime, by: str | None = None) -> None:
    suppression = session.get(Suppression, suppression_id)
    if suppression is None or suppression.removed_at is not None:
        raise NotFoundError(f"no suppression {suppression_id}")
    suppression.removed_at = now
    server = session.get(Server, suppression.server_id)
    audit.record(
        session,
        audit.EntryKind.SUPPRESSION_REMOVED,
        at=now,
        subject=server.name if server else None,
        actor=by,
        data={"suppression_id": suppression.id, "rule": suppression.rule, "item": suppression.item},
    )


_EVIDENCE_HASH = re.compile(r"sha256:[0-9a-f]{64}")
_FINDING_KINDS = (*ITEM_KINDS, "server")


def _check_finding(rule: str, item: str, evidence_hash: str) -> None:
    """A suppression that could never match a finding is refused, not recorded: an unknown rule,
    an item that is not `kind:name`, or an evidence hash that is not a finding's whole hash."""
    detector_rules = of(Source.DETECTOR)
    if rule not in detector_rules:
        known = ", ".join(sorted(detector_rules))
        raise ConfigError(f"unknown rule {rule!r}{did_you_mean(rule, detector_rules)}; rules: {known}")
    kind, _, name = item.partition(":")
    if kind not in _FINDING_KINDS or not name:
        raise ConfigError(f"--item is `kind:name` with kind one of {', '.join(_FINDING_KINDS)}, not {item!r}")
    if not _EVIDENCE_HASH.fullmatch(evidence_hash):
        raise ConfigError(
            "--evidence-hash is the whole `evidence_hash` of a finding (sha256: and 64 hex digits, "
            "as `scan --format json` prints it)"
        )
