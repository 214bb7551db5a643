"""Baselines and drift events: what is approved, and what differs from it.

Each successful scan of a server is compared with the server's baseline (its newest approval):

- no baseline at all: the server is `unapproved`, an event of its own (never silently trusted);
- the baseline: every open event of the server closes as `reverted`;
- anything else: one event per (baseline, observed manifest) holds the classified diff and the
  detector findings on the new text; later scans that see the same manifest update it rather than
  open another, and a server that moves on to yet another manifest supersedes it.

Approving a manifest closes its events as `approved`. All of this happens in the caller's
transaction, so that an event and the alert it causes (see alerts) are written together.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from driftwatch.detect import Finding, detect
from driftwatch.diff import Change, diff_manifests, overall_severity
from driftwatch.errors import ConfigError
from driftwatch.manifest import Manifest
from driftwatch.model import Severity
from driftwatch.store import Store, suppressions
from driftwatch.store.codec import storage_json
from driftwatch.store.history import DriftEventRecord, event_record
from driftwatch.store.manifests import load_manifests, save_stub
from driftwatch.store.models import Baseline, DriftEvent, Observation, Server
from driftwatch.store.observations import tool_owners
from driftwatch.store.suppressions import SuppressionKey

OPEN_STATES = ("open", "acknowledged")
UNAPPROVED_SEVERITY = Severity.MEDIUM
"""A server nobody approved is worth a look, not a page: `scan --fail-on medium` makes CI strict."""


@dataclass(frozen=True)
class Assessment:
    """What the detectors and the diff say about one observed manifest."""

    changes: list[Change]
    findings: list[Finding]
    """Findings on the whole observed manifest (what `scan` reports)."""
    event_findings: list[Finding]
    """Findings on the new or changed text only (what raises a drift event's severity)."""
    severity: Severity


def current_baseline(session: Session, server_id: int) -> Baseline | None:
    return session.scalar(
        select(Baseline).where(Baseline.server_id == server_id).order_by(Baseline.id.desc()).limit(1)
    )


def open_events(session: Session, server_id: int) -> list[DriftEvent]:
    return list(
        session.scalars(
            select(DriftEvent)
            .where(DriftEvent.server_id == server_id, DriftEvent.state.in_(OPEN_STATES))
            .order_by(DriftEvent.id)
        )
    )


def other_servers_tools(owners: Mapping[str, Sequence[str]], server: str) -> dict[str, str]:
    """Tool name -> another server exposing it: what `server`'s tools could shadow."""
    others = {tool: [s for s in servers if s != server] for tool, servers in owners.items()}
    return {tool: servers[0] for tool, servers in others.items() if servers}


def findings_on(
    observed: Manifest, other_tools: Mapping[str, str], suppressed: Collection[SuppressionKey] = ()
) -> list[Finding]:
    """The detectors' findings on a manifest, less those a reviewer suppressed."""
    return [
        f
        for f in detect(observed, other_tools=other_tools)
        if (f.rule, f"{f.kind}:{f.name}", f.evidence_hash) not in suppressed
    ]


def assess(
    baseline: Manifest | None,
    observed: Manifest,
    other_tools: Mapping[str, str],
    suppressed: Collection[SuppressionKey] = (),
) -> Assessment:
    """Diff `observed` against `baseline` and run the detectors; pure, no database."""
    findings = findings_on(observed, other_tools, suppressed)
    if baseline is None:
        return Assessment([], findings, findings, max([UNAPPROVED_SEVERITY, *(f.severity for f in findings)]))
    changes = diff_manifests(baseline, observed, other_servers_tools=other_tools)
    event_findings = findings_on_changes(findings, changes)
    severities = [
        s for s in (overall_severity(changes), *(f.severity for f in event_findings)) if s is not None
    ]
    return Assessment(changes, findings, event_findings, max(severities, default=Severity.LOW))


@dataclass(frozen=True)
class Evaluation:
    """How one observation changed a server's drift events."""

    current: DriftEventRecord | None
    """The open event for the observed manifest; None when the server shows its baseline."""
    opened: bool
    """Whether `current` was opened by this observation (so alerts are due)."""
    closed: list[DriftEventRecord]
    """Events this observation closed (`reverted`, `superseded`)."""
    findings: list[Finding]
    """Detector findings on the observed manifest."""


@dataclass(frozen=True)
class Prepared:
    """An assessment made outside the write transaction, and the state it was made against.

    Detectors may take seconds on a large manifest; holding a write transaction that long would
    stall every other server's result on SQLite. `evaluate` uses the assessment only while the
    baseline and suppressions it was made against still hold.
    """

    baseline_hash: str | None
    suppressed: frozenset[SuppressionKey]
    assessment: Assessment | None
    """None when no new event can open (the manifest is the baseline, or an event is open for it)."""
    findings: list[Finding]


def prepare(
    store: Store, server_name: str, observed: Manifest, now: datetime, other_tools: Mapping[str, str]
) -> Prepared:
    """Read what `evaluate` will need in a short read transaction, then run the detectors with
    no transaction open."""
    with store.transaction() as session:
        server_id = session.scalar(select(Server.id).where(Server.name == server_name))
        baseline = current_baseline(session, server_id) if server_id is not None else None
        baseline_hash = baseline.manifest_hash if baseline else None
        suppressed = frozenset(suppressions.active_keys(session, server_id, now) if server_id else ())
        events = open_events(session, server_id) if server_id is not None else []
        known = baseline_hash == observed.hash or any(
            (e.baseline_hash, e.observed_hash) == (baseline_hash, observed.hash) for e in events
        )
        baseline_manifest = (
            load_manifests(session, [baseline_hash])[baseline_hash] if baseline_hash and not known else None
        )
    if known:
        return Prepared(baseline_hash, suppressed, None, findings_on(observed, other_tools, suppressed))
    assessment = assess(baseline_manifest, observed, other_tools, suppressed)
    return Prepared(baseline_hash, suppressed, assessment, assessment.findings)


def evaluate(
    session: Session,
    server: Server,
    observed: Manifest,
    now: datetime,
    other_tools: Mapping[str, str],
    prepared: Prepared | None = None,
) -> Evaluation:
    """Bring the server's drift events in line with what it shows now.

    `prepared` (from `prepare`) saves running the detectors again in this transaction.
    """
    baseline = current_baseline(session, server.id)
    events = open_events(session, server.id)
    suppressed = frozenset(suppressions.active_keys(session, server.id, now))
    baseline_hash = baseline.manifest_hash if baseline else None
    if prepared is not None and (prepared.baseline_hash, prepared.suppressed) != (baseline_hash, suppressed):
        prepared = None  # an approval or a suppression landed meanwhile: assess again
    findings = prepared.findings if prepared else None
    if baseline_hash == observed.hash:
        closed = [_close(event, "reverted", now, by=None, server=server.name) for event in events]
        return Evaluation(None, False, closed, _or_detect(findings, observed, other_tools, suppressed))
    key = (baseline_hash, observed.hash)
    current = next((e for e in events if (e.baseline_hash, e.observed_hash) == key), None)
    closed = [_close(e, "superseded", now, by=None, server=server.name) for e in events if e is not current]
    if current is not None:
        current.last_seen = now
        return Evaluation(
            event_record(current, server.name),
            False,
            closed,
            _or_detect(findings, observed, other_tools, suppressed),
        )
    assessment = prepared.assessment if prepared else None
    if assessment is None:
        baseline_manifest = load_manifests(session, [baseline_hash])[baseline_hash] if baseline_hash else None
        assessment = assess(baseline_manifest, observed, other_tools, suppressed)
    event = _open(server, key, assessment, now)
    session.add(event)
    session.flush()
    return Evaluation(event_record(event, server.name), True, closed, assessment.findings)


def evaluate_unstored(session: Session, server: Server, observed_hash: str, now: datetime) -> Evaluation:
    """A scan whose manifest could not be stored still counts: if its hash is not the baseline,
    a HIGH drift event opens for it (the changes are unknown), so nobody can hide a change by
    making it unstorable."""
    baseline = current_baseline(session, server.id)
    baseline_hash = baseline.manifest_hash if baseline else None
    if baseline_hash == observed_hash:
        return Evaluation(None, False, [], [])
    events = open_events(session, server.id)
    current = next((e for e in events if e.observed_hash == observed_hash), None)
    if current is not None:
        current.last_seen = now
        return Evaluation(event_record(current, server.name), False, [], [])
    save_stub(session, observed_hash)
    unknown = Assessment([], [], [], Severity.HIGH)
    event = _open(server, (baseline_hash, observed_hash), unknown, now)
    session.add(event)
    session.flush()
    return Evaluation(event_record(event, server.name), True, [], [])


def _or_detect(
    findings: list[Finding] | None,
    observed: Manifest,
    other_tools: Mapping[str, str],
    suppressed: Collection[SuppressionKey],
) -> list[Finding]:
    return findings if findings is not None else findings_on(observed, other_tools, suppressed)


def _open(server: Server, key: tuple[str | None, str], assessment: Assessment, now: datetime) -> DriftEvent:
    return DriftEvent(
        server_id=server.id,
        baseline_hash=key[0],
        observed_hash=key[1],
        state="open",
        severity=str(assessment.severity),
        change_count=len(assessment.changes),
        changes=_dump([c.to_json() for c in assessment.changes]),
        findings=_dump([f.to_json() for f in assessment.event_findings]),
        first_seen=now,
        last_seen=now,
    )


def _close(event: DriftEvent, state: str, now: datetime, by: str | None, server: str) -> DriftEventRecord:
    event.state = state
    event.closed_at = now
    event.closed_by = by
    return event_record(event, server)


def _dump(value: Any) -> str:
    return storage_json(value)


# ---------------------------------------------------------------------------------------------
# Approval


@dataclass(frozen=True)
class Approval:
    server: Server
    baseline_id: int
    manifest_hash: str
    closed: list[DriftEventRecord]
    """Events closed by this approval: `approved` ones, and `superseded` ones."""
    opened: DriftEventRecord | None
    """When the server currently shows something other than what was approved (a rollback to
    an older manifest), the event that now tracks the difference."""


def server_by_name(session: Session, name: str) -> Server:
    server = session.scalar(select(Server).where(Server.name == name))
    if server is None:
        raise ConfigError(f"server {name!r} has never been scanned")
    return server


def observed_hashes(session: Session, server_id: int) -> list[str]:
    """Manifest hashes the server has shown, newest first."""
    rows = session.execute(
        select(Observation.manifest_hash, func.max(Observation.id).label("newest"))
        .where(Observation.server_id == server_id, Observation.manifest_hash.is_not(None))
        .group_by(Observation.manifest_hash)
        .order_by(func.max(Observation.id).desc())
    )
    return [digest for digest, _ in rows if digest is not None]


def resolve_ref(session: Session, server: Server, ref: str | None) -> str:
    """`latest` (default), `baseline`, or a hash prefix (`sha256:ab12…` or `ab12…`) the server showed."""
    shown = observed_hashes(session, server.id)
    if ref in (None, "latest"):
        if not shown:
            raise ConfigError(f"server {server.name!r} has no successful scan yet")
        return shown[0]
    if ref == "baseline":
        baseline = current_baseline(session, server.id)
        if baseline is None:
            raise ConfigError(f"server {server.name!r} has no baseline yet: approve one")
        return baseline.manifest_hash
    assert ref is not None
    prefix = ref if ref.startswith("sha256:") else f"sha256:{ref}"
    matches = [h for h in shown if h.startswith(prefix)]
    if len(matches) != 1:
        what = "no" if not matches else "more than one"
        raise ConfigError(f"{what} manifest of {server.name!r} matches {ref!r}")
    return matches[0]


def approve(
    session: Session,
    server_name: str,
    *,
    ref: str | None,
    by: str,
    reason: str,
    ticket: str | None,
    now: datetime,
    other_tools: Mapping[str, str] | None = None,
) -> Approval:
    """Make the referenced manifest the server's baseline, superseding (never overwriting) the last."""
    if not by.strip() or not reason.strip():
        raise ConfigError("an approval needs --by and --reason")
    server = server_by_name(session, server_name)
    digest = resolve_ref(session, server, ref)
    previous = current_baseline(session, server.id)
    if previous is not None and previous.manifest_hash == digest:
        raise ConfigError(
            f"{digest[:19]} already is the baseline of {server_name!r} (approved by {previous.approved_by})"
        )
    if previous is not None:
        previous.superseded_at = now
    baseline = Baseline(
        server_id=server.id,
        manifest_hash=digest,
        approved_by=by,
        reason=reason,
        ticket=ticket,
        approved_at=now,
    )
    session.add(baseline)
    closed = [
        _close(
            event,
            "approved" if event.observed_hash == digest else "superseded",
            now,
            by=by,
            server=server.name,
        )
        for event in open_events(session, server.id)
    ]
    session.flush()
    opened = None
    latest = observed_hashes(session, server.id)[0]
    if latest != digest:
        observed = load_manifests(session, [latest])[latest]
        other = (
            other_tools if other_tools is not None else other_servers_tools(tool_owners(session), server.name)
        )
        opened = evaluate(session, server, observed, now, other).current
    return Approval(
        server=server, baseline_id=baseline.id, manifest_hash=digest, closed=closed, opened=opened
    )


def diff_refs(
    session: Session, server_name: str, from_ref: str | None, to_ref: str | None
) -> tuple[str, str, Sequence[Change]]:
    """The classified changes between two manifests the server showed (default: baseline -> latest)."""
    server = server_by_name(session, server_name)
    before = resolve_ref(session, server, from_ref or "baseline")
    after = resolve_ref(session, server, to_ref or "latest")
    manifests = load_manifests(session, [before, after])
    other = other_servers_tools(tool_owners(session), server.name)
    return before, after, diff_manifests(manifests[before], manifests[after], other_servers_tools=other)


def diff_findings(
    session: Session, server_name: str, manifest_hash: str, changes: Sequence[Change]
) -> list[Finding]:
    """The detectors' findings on the new or changed text of a diff (what `diff` leads with),
    less suppressed ones: the same selection a drift event records."""
    server = server_by_name(session, server_name)
    observed = load_manifests(session, [manifest_hash])[manifest_hash]
    other = other_servers_tools(tool_owners(session), server.name)
    suppressed = frozenset(suppressions.active_keys(session, server.id, datetime.now(UTC)))
    return findings_on_changes(findings_on(observed, other, suppressed), changes)


def findings_on_changes(findings: Sequence[Finding], changes: Sequence[Change]) -> list[Finding]:
    """The findings on items that are new or changed (a drift event's findings)."""
    touched = {
        (c.kind, c.after if c.change == "renamed" else c.name) for c in changes if c.change != "removed"
    }
    return [
        f
        for f in findings
        if (f.kind, f.name) in touched or (f.kind == "server" and any(c.kind == "server" for c in changes))
    ]
