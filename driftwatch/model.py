"""The domain model: the words every layer shares, typed, on the ground floor.

Everything here is plain data (enums and frozen dataclasses) with no I/O and no imports from the
rest of driftwatch, so that collect, diff, detect, store, policy, alerts and report can all pass
it to one another without importing one another. JSON exists only at the edges: `to_json` turns a
record into the documented shape (docs/contract.md), `from_json` reads back what the store wrote.

- `Severity` orders everything (`max()` and `>=` work);
- `ItemKind`, `ChangeKind`, `Category` describe a `Change` (one difference between manifests);
- a `Finding` is one detector rule firing on one string of a manifest;
- `EventState`, `AlertState`, `ObservationStatus` are the stored states of drift events, outbox
  alerts and observations;
- a `DriftSummary` is what a scan says about a server's drift (the `drift` object of scan JSON);
- a `Package` is what a stdio launch actually runs (npm package, PyPI distribution, OCI image).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any, Literal, TypeVar

JSONObject = dict[str, Any]
"""A JSON object as `json.loads` returns it: the only untyped shape, and only at the edges."""


class Severity(IntEnum):
    """Low to high, as docs/contract.md names them."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """`high` -> Severity.HIGH; a clear ValueError for anything else."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(str(s) for s in cls)
            raise ValueError(f"unknown severity {text!r} (one of: {names})") from None

    @classmethod
    def read(cls, text: object) -> Severity:
        """A stored or received severity; an unknown word counts as `info`, never as an error."""
        try:
            return cls.parse(str(text))
        except ValueError:
            return cls.INFO


class ItemKind(StrEnum):
    """What a change or a finding is about: an item of a manifest, or its server header."""

    SERVER = "server"
    TOOL = "tool"
    PROMPT = "prompt"
    RESOURCE = "resource"
    RESOURCE_TEMPLATE = "resourceTemplate"
    AUTH_SURFACE = "authSurface"
    """Where an HTTP server sends its clients for tokens (model.AuthSurface): not a manifest item."""


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    RENAMED = "renamed"


class Category(StrEnum):
    DESCRIPTION = "description"
    SCHEMA = "schema"
    ANNOTATIONS = "annotations"
    METADATA = "metadata"
    INSTRUCTIONS = "instructions"


class EventState(StrEnum):
    """A drift event is open until an approval, a revert or a newer manifest closes it."""

    OPEN = "open"
    APPROVED = "approved"
    REVERTED = "reverted"
    SUPERSEDED = "superseded"

    @property
    def is_open(self) -> bool:
        return self is EventState.OPEN


UNAPPROVED = "unapproved"
"""How a summary shows the open event of a server nobody approved yet (not a stored state)."""


class AlertState(StrEnum):
    """An outbox row: waiting (or being sent under a lease, or held by a silence until it ends),
    delivered, given up on, or muted (held by a silence whose event closed first: never sent)."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    MUTED = "muted"


SuppressionKey = tuple[str, str, str]
"""(rule, `kind:name` of the item, evidence hash): a finding a reviewer suppressed."""


class ObservationStatus(StrEnum):
    OK = "ok"
    ERROR = "error"


@dataclass(frozen=True)
class Finding:
    """One detector rule firing on one string of a manifest."""

    kind: ItemKind
    name: str
    """The item key (tool or prompt name, resource URI, URI template); the server name for `server`."""
    field: str
    """Dotted path inside the item: `description`, `inputSchema.properties.mode.enum[2]`."""
    rule: str
    severity: Severity
    message: str
    """The rule's message, from the rule catalogue (driftwatch/rules.py): what the finding means."""
    detail: str
    """What this hit saw, in words ("12 invisible tag characters carry text only the model reads")."""
    evidence: str
    """The matched text, hidden characters made visible, shortened."""
    evidence_hash: str
    """`sha256:<hex>` of the raw matched text: what a suppression names, so an edited text fires again."""

    def to_json(self) -> JSONObject:
        return {
            "kind": str(self.kind),
            "name": self.name,
            "field": self.field,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "detail": self.detail,
            "evidence": self.evidence,
            "evidence_hash": self.evidence_hash,  # what `driftwatch suppression add --evidence-hash` takes
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Finding:
        return cls(
            kind=ItemKind(data["kind"]),
            name=str(data["name"]),
            field=str(data["field"]),
            rule=str(data["rule"]),
            severity=Severity.read(data.get("severity")),
            message=str(data.get("message", "")),
            detail=str(data.get("detail", "")),
            evidence=str(data.get("evidence", "")),
            evidence_hash=str(data.get("evidence_hash", "")),
        )


@dataclass(frozen=True)
class Change:
    """One difference: an item added, removed or renamed, or one changed leaf inside an item.

    `before` and `after` are the server's raw JSON values (None when absent), hostile text
    included: renderers make them visible, the diff keeps them exact so that hashes and reviews
    see what the server really sent.
    """

    change: ChangeKind
    """What happened (`added`, `removed`, `changed`, `renamed`); JSON `change`."""
    kind: ItemKind
    """What it happened to; JSON `kind`, as in a Finding."""
    name: str
    """The item key (the new name for a rename); "" for `server`."""
    path: str | None
    """Dotted leaf path inside the item (`inputSchema.properties.mode.enum[2]`); None for whole items."""
    before: Any
    after: Any
    category: Category
    breaking: bool
    severity: Severity
    rules: tuple[str, ...] = ()
    """Named signals that fired on this change (ids in the rule catalogue)."""
    reasons: tuple[str, ...] = ()
    """One human sentence per rule, in the same order."""

    def flagged(self, rule: str, reason: str, severity: Severity) -> Change:
        """This change with `rule` fired: its severity raised (never lowered) to the rule's."""
        if rule in self.rules:
            return self
        return replace(
            self,
            rules=(*self.rules, rule),
            reasons=(*self.reasons, reason),
            severity=max(self.severity, severity),
        )

    @property
    def item(self) -> tuple[ItemKind, str]:
        return (self.kind, self.name)

    def to_json(self) -> JSONObject:
        """The `changes[]` entry of `diff --format json` (docs/contract.md), plus `rules` and `reasons`."""
        return {
            "change": str(self.change),
            "kind": str(self.kind),
            "name": self.name,
            "path": self.path,
            "before": self.before,
            "after": self.after,
            "category": str(self.category),
            "breaking": self.breaking,
            "severity": str(self.severity),
            "rules": list(self.rules),
            "reasons": list(self.reasons),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Change:
        return cls(
            change=ChangeKind(data["change"]),
            kind=ItemKind(data["kind"]),
            name=str(data.get("name", "")),
            path=data.get("path"),
            before=data.get("before"),
            after=data.get("after"),
            category=Category(data.get("category", "metadata")),
            breaking=bool(data.get("breaking", False)),
            severity=Severity.read(data.get("severity")),
            rules=tuple(str(r) for r in data.get("rules", ())),
            reasons=tuple(data.get("reasons", ())),
        )


Ranked = TypeVar("Ranked", Change, Finding)


def by_severity(records: Iterable[Ranked]) -> list[Ranked]:
    """Most severe first, the original order kept among equals (the diff engine's order is meaningful)."""
    return sorted(records, key=lambda r: -r.severity)


@dataclass(frozen=True)
class DriftSummary:
    """What a scan says about a server's drift: the `drift` object of `scan --format json`.

    `event_id` is None when nothing is stored (a scan against a lock file).
    """

    event_id: int | None
    baseline_hash: str | None
    observed_hash: str
    severity: Severity
    change_count: int
    state: EventState

    @property
    def shown_state(self) -> str:
        """The state as people read it: an open event without a baseline is `unapproved`."""
        return str(self.state) if self.baseline_hash else UNAPPROVED

    def to_json(self) -> JSONObject:
        return {
            "event_id": self.event_id,
            "baseline_hash": self.baseline_hash,
            "observed_hash": self.observed_hash,
            "severity": str(self.severity),
            "change_count": self.change_count,
            "changes": self.change_count,  # the old name of change_count, kept until the next release
            "state": self.shown_state,
        }


@dataclass(frozen=True)
class Held:
    """The silence that held an event's alerts (store/silences.py): history and reports say so,
    since whoever is paged when it ends asks why it was quiet."""

    silence_id: int
    match: str
    created_by: str
    reason: str
    ends_at: datetime

    def to_json(self) -> JSONObject:
        return {
            "silence_id": self.silence_id,
            "match": self.match,
            "created_by": self.created_by,
            "reason": self.reason,
            "ends_at": self.ends_at.isoformat(),
        }

    def __str__(self) -> str:
        until = f"{self.ends_at:%Y-%m-%d %H:%M} UTC"
        return f"silenced by {self.created_by} ({self.match}) until {until}: {self.reason}"


@dataclass(frozen=True)
class Acknowledged:
    """Someone took an open drift event: the repeat interval stops re-notifying it."""

    by: str
    at: datetime

    def to_json(self) -> JSONObject:
        return {"by": self.by, "at": self.at.isoformat()}


@dataclass(frozen=True)
class DriftEventRecord:
    """A drift event with its classified changes and findings. `baseline_hash` None means the
    server had no baseline. `subject`: what changed, `manifest` (what the server lists),
    `package` (what a stdio launch runs) or `auth` (its authorization surface)."""

    id: int
    server: str
    baseline_hash: str | None
    observed_hash: str
    state: EventState
    severity: Severity
    change_count: int
    changes: Sequence[Change]
    findings: Sequence[Finding]
    first_seen: datetime
    last_seen: datetime
    closed_at: datetime | None
    closed_by: str | None
    subject: str = "manifest"
    held: Held | None = None
    """The silence that held its alerts, if one did (history and reports; alerts/triggers.py)."""
    group_id: int | None = None
    """The event whose notification speaks for it and the other servers' events of the same
    cause (alerts/grouping.py); its own id when it opened the group; None: never grouped."""
    acknowledged: Acknowledged | None = None
    """Who took the open event, and when (`driftwatch ack`, PagerDuty's acknowledge)."""

    @property
    def is_open(self) -> bool:
        return self.state.is_open

    def summary(self) -> DriftSummary:
        """The `drift` object of `scan --format json`."""
        return DriftSummary(
            self.id, self.baseline_hash, self.observed_hash, self.severity, self.change_count, self.state
        )

    def to_json(self) -> JSONObject:
        return {
            "id": self.id,
            "server": self.server,
            "baseline_hash": self.baseline_hash,
            "observed_hash": self.observed_hash,
            "state": str(self.state),
            "severity": str(self.severity),
            "change_count": self.change_count,
            "changes": [c.to_json() for c in self.changes],
            "findings": [f.to_json() for f in self.findings],
            "first_seen": self.first_seen.isoformat(),
            "last_seen": self.last_seen.isoformat(),
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "closed_by": self.closed_by,
            "silenced": self.held.to_json() if self.held else None,
            "group_id": self.group_id,
            "acknowledged": self.acknowledged.to_json() if self.acknowledged else None,
        }


@dataclass(frozen=True)
class OpenWindow:
    """A change window that is open now: when it opened, when it closes, and what it is."""

    starts_at: datetime
    ends_at: datetime
    description: str
    ticket: str | None = None
    """The change ticket an ad-hoc window was opened under (`window open --ticket`)."""


@dataclass(frozen=True)
class AuthSurface:
    """Where an HTTP server sends its clients for tokens (collect/authsurface.py): its OAuth
    protected resource metadata (RFC 9728) and the issuer each authorization server it names gives
    in its own metadata (RFC 8414). `protected` False: the server publishes no such metadata.

    A new authorization server, issuer or scope redirects the tokens of every client that follows
    the MCP authorization spec, without a tool changing: it is pinned and diffed like the package.
    Every string is the server's and bounded (collect/authsurface.py); `issuers` maps each
    authorization server to its issuer, None when its metadata could not be read.
    `resource_metadata` is the metadata address the server's 401 challenge names ("" for none),
    None when the challenge was not asked: then it is absent from the JSON, and never a change."""

    protected: bool
    resource: str | None = None
    authorization_servers: tuple[str, ...] = ()
    scopes_supported: tuple[str, ...] = ()
    issuers: tuple[tuple[str, str | None], ...] = ()
    resource_metadata: str | None = None

    def to_json(self) -> JSONObject:
        shown: JSONObject = {
            "protected": self.protected,
            "resource": self.resource,
            "authorization_servers": list(self.authorization_servers),
            "scopes_supported": list(self.scopes_supported),
            "issuers": dict(self.issuers),
        }
        if self.resource_metadata is not None:
            shown["resource_metadata"] = self.resource_metadata
        return shown

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AuthSurface:
        resource, issuers = data.get("resource"), data.get("issuers") or {}
        challenge = data.get("resource_metadata")
        return cls(
            bool(data["protected"]),
            None if resource is None else str(resource),
            tuple(str(s) for s in data.get("authorization_servers") or ()),
            tuple(str(s) for s in data.get("scopes_supported") or ()),
            tuple((str(k), None if v is None else str(v)) for k, v in issuers.items()),
            None if challenge is None else str(challenge),
        )

    def __str__(self) -> str:
        challenge = f"; challenge names {self.resource_metadata}" if self.resource_metadata else ""
        if not self.protected:
            return "no protected resource metadata" + challenge
        servers = ", ".join(f"{a} (issuer {i or 'unknown'})" for a, i in self.issuers) or "none"
        scopes = ", ".join(self.scopes_supported) or "none"
        return f"authorization servers {servers}; scopes {scopes}{challenge}"


Ecosystem = Literal["npm", "pypi", "oci"]


@dataclass(frozen=True)
class Package:
    """What a stdio launch runs, read from the files the launch uses (collect/package.py).

    `digest`: npm's `integrity` (`sha512-…`), `sha256:` of a PyPI distribution's RECORD (which
    lists the hash of every installed file), or an OCI image's `sha256:` digest; None when the
    files do not say (an image given by tag only, a missing RECORD or lock)."""

    ecosystem: Ecosystem
    name: str
    version: str | None
    digest: str | None

    def __str__(self) -> str:
        version = f"@{self.version}" if self.version else " (version unknown)"
        return f"{self.ecosystem}:{self.name}{version} ({self.digest or 'digest unknown'})"

    def to_json(self) -> JSONObject:
        return {
            "ecosystem": self.ecosystem,
            "name": self.name,
            "version": self.version,
            "digest": self.digest,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Package:
        ecosystem = data["ecosystem"]
        if ecosystem not in ("npm", "pypi", "oci"):
            raise ValueError(f"unknown package ecosystem {ecosystem!r}")
        version, digest = data.get("version"), data.get("digest")
        return cls(
            ecosystem,
            str(data["name"]),
            None if version is None else str(version),
            None if digest is None else str(digest),
        )
