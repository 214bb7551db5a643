"""Tables. Storage grows with changes, not with scans.

- `items` and `manifests` are content-addressed: a manifest is stored once, keyed by its hash, and
  an item (one tool, prompt, …) once, keyed by its own hash; `manifest_items` links them, so a new
  manifest that changes one tool of fifty adds one item row.
- An observation is "server S showed manifest H (or failed with error E) from first_seen to
  last_seen": an unchanged scan moves `last_seen` and counts `scans`; it adds no row. It keeps
  the detectors' findings on H, so an unchanged scan does not run them again.

Bodies are stored as canonical JSON text, not as a JSON column type: the exact bytes are what was
hashed, and a JSONB column would reorder keys and re-render numbers on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar, TypeVar

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from driftwatch.model import AlertState, EventState, ObservationStatus
from driftwatch.store.codec import JSONString

HASH = String(71)  # "sha256:" + 64 hex digits

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no time zone; this puts it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use datetime.now(UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


class Server(Base):
    """A registered server as the database knows it: a stable id for its history."""

    __tablename__ = "servers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    transport: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ItemRow(Base):
    """One tool, prompt, resource or template body, stored once whatever manifests share it."""

    __tablename__ = "items"

    hash: Mapped[str] = mapped_column(HASH, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(JSONString)
    body: Mapped[str] = mapped_column(Text)


class ManifestRow(Base):
    """A manifest's header (server block, instructions) and summary; its items are linked."""

    __tablename__ = "manifests"

    hash: Mapped[str] = mapped_column(HASH, primary_key=True)
    header: Mapped[str] = mapped_column(Text)
    server_version: Mapped[str | None] = mapped_column(JSONString)
    counts: Mapped[str] = mapped_column(Text)
    """Items per kind as JSON (`{"tools": 13, …}`): lists and tables need it without the items."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ManifestItem(Base):
    __tablename__ = "manifest_items"

    manifest_hash: Mapped[str] = mapped_column(HASH, ForeignKey("manifests.hash"), primary_key=True)
    item_hash: Mapped[str] = mapped_column(HASH, ForeignKey("items.hash"), primary_key=True)
    copies: Mapped[int] = mapped_column(Integer, default=1)
    """How often the manifest lists this exact item (a server may list a tool twice)."""


E = TypeVar("E", bound=StrEnum)


class StateColumn(TypeDecorator[E]):
    """A typed state (a StrEnum of driftwatch.model) in a VARCHAR(16): the enum in Python, its
    value in the database, so states are never bare strings above the store."""

    impl = String(16)
    cache_ok = True

    def __init__(self, states: type[E]) -> None:
        super().__init__()
        self.states = states

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.states(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        return None if value is None else self.states(value)


class Observation(Base):
    """What one server showed, or how it failed, over an interval of consecutive scans."""

    __tablename__ = "observations"
    __table_args__ = (Index("ix_observations_server_id_id", "server_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_id: Mapped[int] = mapped_column(ForeignKey("servers.id"))
    status: Mapped[ObservationStatus] = mapped_column(StateColumn(ObservationStatus))
    manifest_hash: Mapped[str | None] = mapped_column(HASH, ForeignKey("manifests.hash"))
    error_class: Mapped[str | None] = mapped_column(String(32))
    error_message: Mapped[str | None] = mapped_column(Text)
    protocol_version: Mapped[str | None] = mapped_column(String(32))
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    scans: Mapped[int] = mapped_column(Integer, default=1)
    findings: Mapped[str | None] = mapped_column(Text, deferred=True)
    """The detectors' findings on the manifest as JSON, before suppressions and severity overrides
    (those are applied when a scan decides): an unchanged scan reuses them instead of detecting.
    Deferred: histories and reports load observations without them."""
    findings_context: Mapped[str | None] = mapped_column(HASH)
    """What `findings` were computed against besides the manifest (the detectors' code, the other
    servers' tools: drift.ToolIndex.context); None: not computed yet."""
    index_digest: Mapped[str | None] = mapped_column(HASH)
    """The registry's tool index `findings_context` was last judged against (drift.ToolIndex.digest):
    an unchanged manifest scanned against the same index keeps its context without its view of the
    other servers' tools being built again; None: not known (the view is built)."""
    package_ecosystem: Mapped[str | None] = mapped_column(String(16))
    """The package the launch ran (model.Package; collect/package.py), all four None when unknown:
    part of what an observation saw, so a new package under the same manifest opens a new row."""
    package_name: Mapped[str | None] = mapped_column(Text)
    package_version: Mapped[str | None] = mapped_column(Text)
    package_digest: Mapped[str | None] = mapped_column(Text)
    auth_surface: Mapped[str | None] = mapped_column(Text)
    """An HTTP server's authorization surface as canonical JSON (model.AuthSurface); null when unknown."""


class Baseline(Base):
    """An approval: who declared which manifest trusted, when, why, under which ticket.

    Never updated but to mark it superseded: the newest row of a server is its baseline, the
    older ones are the audit trail (and what `approve --hash` can roll back to).
    """

    __tablename__ = "baselines"
    __table_args__ = (Index("ix_baselines_server_id_id", "server_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_id: Mapped[int] = mapped_column(ForeignKey("servers.id"))
    manifest_hash: Mapped[str] = mapped_column(HASH, ForeignKey("manifests.hash"))
    approved_by: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    ticket: Mapped[str | None] = mapped_column(Text)
    approved_at: Mapped[datetime] = mapped_column(default=utcnow)
    superseded_at: Mapped[datetime | None]


class DriftEvent(Base):
    """One server showing one manifest that is not its baseline (or having no baseline at all).

    Opened by the first scan that sees the manifest, updated (not duplicated) by later ones,
    closed as `approved` (that manifest was approved), `reverted` (the server went back to its
    baseline) or `superseded` (the server moved on to yet another manifest, or a different
    manifest was approved: a new event tracks what it shows now). `changes` and `findings`
    are the classified diff and detector findings as JSON, kept for history and reports.
    """

    __tablename__ = "drift_events"
    __table_args__ = (Index("ix_drift_events_server_id_state", "server_id", "state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_id: Mapped[int] = mapped_column(ForeignKey("servers.id"))
    baseline_hash: Mapped[str | None] = mapped_column(HASH, ForeignKey("manifests.hash"))
    """None: the server has no baseline yet (an `unapproved` event)."""
    observed_hash: Mapped[str] = mapped_column(HASH, ForeignKey("manifests.hash"))
    subject: Mapped[str] = mapped_column(String(16), default="manifest", server_default="manifest")
    """`manifest` (the state machine of drift/events.py), `package` (a `package-changed` event
    under an unchanged manifest, drift/packages.py) or `auth` (`auth-surface-changed`,
    drift/authsurface.py)."""
    state: Mapped[EventState] = mapped_column(StateColumn(EventState))
    severity: Mapped[str] = mapped_column(String(16))
    change_count: Mapped[int] = mapped_column(Integer)
    changes: Mapped[str] = mapped_column(Text)
    findings: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(Text)
    acknowledged_at: Mapped[datetime | None]
    """When someone took the open event (`driftwatch ack`, PagerDuty's acknowledge): the repeat
    interval stops re-notifying it."""
    acknowledged_by: Mapped[str | None] = mapped_column(Text)
    group_key: Mapped[str | None] = mapped_column(String(64), index=True)
    """The cause it shares with other servers' events (alerts/grouping.py); None: not grouped."""
    group_id: Mapped[int | None] = mapped_column(ForeignKey("drift_events.id"))
    """The event whose notification speaks for its group (itself when it opened the group)."""
    window: Mapped[str | None] = mapped_column(Text)
    """The change window open when it was detected, as alerts describe it (notify.py); None: none
    was (or it was detected before driftwatch recorded windows): the evidence pack's gate."""
    window_ticket: Mapped[str | None] = mapped_column(Text)
    """The change ticket of that window, when it was an ad-hoc one opened with `--ticket`."""


class Alert(Base):
    """One message to deliver (the outbox). Written in the same transaction as the drift event
    that causes it, delivered later by whichever dispatcher claims it, at most once per success.

    No secret is stored: the routing key, token or channel is resolved from the registry and the
    settings when the alert is sent. `dedup_key` is PagerDuty's (server + observed manifest), so a
    replayed trigger after a crash is the same incident, not a second page.
    """

    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_state_next_attempt_at", "state", "next_attempt_at"),
        Index("ix_alerts_event_id", "event_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_id: Mapped[int | None] = mapped_column(ForeignKey("servers.id"))
    """None: an alert about a server nobody registered (the daemon's discovery job), whose
    `dedup_key` names its host identity; such rows are what "paged once" means, and are kept."""
    event_id: Mapped[int | None] = mapped_column(ForeignKey("drift_events.id"))
    channel: Mapped[str] = mapped_column(String(16))
    """The receiver's type: `pagerduty`, `slack`, `webhook`, … (alerts/channels.py)."""
    receiver: Mapped[str | None] = mapped_column(String(64))
    """The named receiver (routing.py); None on rows older than receivers: `channel`'s."""
    action: Mapped[str] = mapped_column(String(16))
    """PagerDuty: `trigger` / `resolve`. Slack: `post` / `reply` (in the thread of `parent_id`)."""
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"))
    dedup_key: Mapped[str] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)
    """What to say, as JSON, rendered when the alert was written (the event may change later)."""
    state: Mapped[AlertState] = mapped_column(StateColumn(AlertState), default=AlertState.PENDING)
    """`failed`: gave up after the retry cap."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    delivery_ref: Mapped[str | None] = mapped_column(Text)
    """What the channel answered that later alerts need: the Slack message `ts` to thread under."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    silence_id: Mapped[int | None] = mapped_column(ForeignKey("silences.id"))
    """The silence that held it when written: it is due when the silence ends (`next_attempt_at`),
    or `muted` if its event closes first (alerts/silences.py)."""


class Silence(Base):
    """`driftwatch silence add`: notifications about matching drift are held, never evaluation.

    One matcher per silence (`server`, `tag` or `rule` = `value`); several silences make an OR."""

    __tablename__ = "silences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    matcher: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    ticket: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    expired_by: Mapped[str | None] = mapped_column(Text)
    """Who ended it early (`silence expire`); its `ends_at` is then that moment."""


class ChangeWindow(Base):
    """An ad-hoc change window (`driftwatch window open`); recurring ones live in the registry."""

    __tablename__ = "change_windows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_id: Mapped[int | None] = mapped_column(ForeignKey("servers.id"))
    """None: the window covers every server (`--all`)."""
    opened_by: Mapped[str] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    ticket: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(Text)


class Suppression(Base):
    """A reviewer's decision that one finding is a false positive, so it stops firing.

    Keyed by server, rule, item and the hash of the matched text: the same rule on other text of
    the same item (an attacker editing the description) fires again. It may expire.
    """

    __tablename__ = "suppressions"
    __table_args__ = (Index("ix_suppressions_server_id", "server_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_id: Mapped[int] = mapped_column(ForeignKey("servers.id"))
    rule: Mapped[str] = mapped_column(String(64))
    item: Mapped[str] = mapped_column(Text)
    """`kind:name`, as scan JSON names items (`tool:add_note`, `server:`)."""
    evidence_hash: Mapped[str] = mapped_column(HASH)
    created_by: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    removed_at: Mapped[datetime | None]


class ScanSlot(Base):
    """Which replica scans a server in which interval: the coordination point between replicas.

    Time is cut into slots of the server's interval; a replica scans a server only after moving its
    row to the current slot with one conditional UPDATE (`WHERE slot < :current`). Exactly one
    replica wins each slot, whatever their number; a dead replica holds nothing, so the others
    take its servers in the next slot.
    """

    __tablename__ = "scan_slots"

    server_name: Mapped[str] = mapped_column(String(128), primary_key=True)
    slot: Mapped[int] = mapped_column(Integer)
    holder: Mapped[str] = mapped_column(String(128))
    claimed_at: Mapped[datetime]


class OAuthCredential(Base):
    """What an OAuth flow left for a server: its client registration and tokens, encrypted.

    Keyed by server name, not id: `driftwatch auth login` may come before the server's first scan.
    `client_info` and `tokens` are Fernet tokens (auth/custody.py); the rest is not secret and is
    what `driftwatch auth status` shows.
    """

    __tablename__ = "oauth_credentials"

    server: Mapped[str] = mapped_column(String(128), primary_key=True)
    client_info: Mapped[str | None] = mapped_column(Text)
    tokens: Mapped[str | None] = mapped_column(Text)
    expires_at: Mapped[datetime | None]
    """When the access token expires (the SDK keeps only `expires_in`, which a restart loses)."""
    scope: Mapped[str | None] = mapped_column(Text)
    refreshable: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """One entry of the audit log (driftwatch/chain.py, docs/audit.md): never updated, never pruned.

    `body` is the entry's canonical JSON exactly as hashed, so verifying never depends on how a
    backend gives back a timestamp; the other columns repeat what the body says, for queries (and
    verification checks that they agree)."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_kind_seq", "kind", "seq"),
        Index("ix_audit_log_at", "at"),  # `audit export --since` (store/audit.py `first_since`)
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str | None] = mapped_column(HASH)
    hash: Mapped[str] = mapped_column(HASH)


class AuditHead(Base):
    """The audit log's newest entry, in one row (`id` 1) that appenders lock: concurrent appenders
    (replicas on PostgreSQL) never fork the chain, and a deleted last entry is seen (the head names
    an entry that is gone). Seq 0 and no hash: nothing recorded yet."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str | None] = mapped_column(HASH)
