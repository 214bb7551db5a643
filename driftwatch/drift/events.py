"""The drift event state machine: each observed manifest against the server's baseline.

Each successful scan of a server is compared with its baseline (its newest approval):

1. no baseline at all: the server is `unapproved`, an event of its own (never silently trusted);
2. the baseline itself: every open event of the server closes as `reverted`;
3. anything else: one event per (baseline, observed manifest) holds the classified diff and the
   findings on the new text; later scans that see the same manifest update it rather than open
   another, and a server that moves on to yet another manifest closes it as `superseded`.

Approving closes events as `approved` (driftwatch.approval). Everything happens in the caller's
transaction (the rows through driftwatch.store.events), so that an event and the alerts it causes
are written together.

A scan that sees what the server's latest observation saw, with nothing left to decide (the
baseline, or the one open event for this manifest against the baseline in force), is
`decide_unchanged`: decided from what the cycle read of every server at its start
(store/known.py), without a query of its own; the observation and the event are to be touched, the
findings stored with the observation are screened by the suppressions in force and today's
overrides, and nothing is detected or diffed.
Anything else (a new manifest, a new baseline, another open event, other servers' tools that
changed) takes the full path, which runs the detectors once and stores their findings.

Side events (`subject` `package`: a new package under the same manifest, drift/packages.py;
`auth`: a new authorization surface, drift/authsurface.py) are not this machine's: it neither
closes nor counts them, and only reports an open one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from driftwatch.drift.assess import UNKNOWN, Assessment, assess, screen
from driftwatch.drift.recall import Recall
from driftwatch.manifest import Manifest
from driftwatch.model import DriftEventRecord, DriftSummary, EventState, Finding, SuppressionKey
from driftwatch.rules import NO_OVERRIDES, SeverityOverrides
from driftwatch.store import Outcome, Store, suppressions
from driftwatch.store.events import (
    close_event,
    current_baseline,
    open_event,
    open_events,
    seen_again,
    server_id_of,
)
from driftwatch.store.known import Known, OpenEvent, Touch
from driftwatch.store.manifests import load_manifests, save_stub
from driftwatch.store.models import Server


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
    detected: list[Finding]
    """The detectors' own findings, before suppressions and overrides: what the observation keeps."""


@dataclass(frozen=True)
class Unchanged:
    """A scan that saw what the server's latest observation saw, with nothing left to decide."""

    drift: DriftSummary | None
    """The open event the manifest is still seen under; None when it is the baseline."""
    findings: list[Finding]
    """The stored findings on the manifest, screened by today's suppressions and overrides."""
    touch: Touch
    """What records the scan (store/known.py `touch`, batched by the caller)."""


def prepare(
    store: Store,
    server_name: str,
    observed: Manifest,
    now: datetime,
    other_tools: Mapping[str, str],
    overrides: SeverityOverrides = NO_OVERRIDES,
) -> Prepared:
    """Read what `evaluate` will need in a short read transaction, then run the detectors with
    no transaction open."""
    with store.transaction() as session:
        server_id = server_id_of(session, server_name)
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
        recall = Recall(server_id, server_name, other_tools)
        stored = recall.stored(session, observed)
        approved = recall.stored(session, baseline_manifest) if baseline_manifest is not None else None
    detected = recall.detected_now(observed) if stored is None else stored
    if known:
        return Prepared(baseline_hash, suppressed, None, screen(detected, suppressed, overrides), detected)
    assessment = assess(baseline_manifest, observed, other_tools, suppressed, overrides, detected, approved)
    return Prepared(baseline_hash, suppressed, assessment, assessment.findings, detected)


def decide_unchanged(
    known: Known | None,
    transport: str,
    outcome: Outcome,
    now: datetime,
    overrides: SeverityOverrides = NO_OVERRIDES,
) -> Unchanged | None:
    """Decide, from what the store knew of the server at the start of the cycle (store/known.py),
    whether a scan (`outcome`, with the `findings_context` of this cycle) saw the manifest of the
    server's latest observation with nothing left to decide: the manifest is the baseline and no
    event is open, or exactly one event is open, for this manifest against the baseline in force.
    Then the observation and the event are to be touched (`Unchanged.touch`) and no alert is due
    (as `evaluate` would decide); otherwise None, and the scan takes the full path."""
    if known is None or known.transport != transport or not known.continued_by(outcome):
        return None
    assert outcome.manifest_hash is not None and known.findings is not None
    every = known.events
    events = [e for e in every if e.subject == "manifest"]
    baseline_hash = known.baseline_hash
    current: OpenEvent | None
    if baseline_hash == outcome.manifest_hash:
        # a side event (a package, an authorization surface) stays what the scan reports while open
        current = next((e for e in reversed(every) if e.subject != "manifest"), None)
        if events:
            return None  # they close as reverted: the full path
    elif [(e.baseline_hash, e.observed_hash) for e in events] == [(baseline_hash, outcome.manifest_hash)]:
        current = events[0]
    else:
        return None  # an event opens, or others close as superseded: the full path
    detected = [Finding.from_json(f) for f in json.loads(known.findings)]
    touch = Touch(
        known.server_id,
        known.observation_id,
        outcome.manifest_hash,
        outcome.findings_context,
        current.id if current is not None else None,
        outcome.protocol_version,
        now,
        outcome.index_digest,
    )
    summary = current.summary() if current is not None else None
    return Unchanged(summary, screen(detected, known.suppressed, overrides), touch)


def evaluate(
    session: Session,
    server: Server,
    observed: Manifest,
    now: datetime,
    other_tools: Mapping[str, str],
    prepared: Prepared | None = None,
    overrides: SeverityOverrides = NO_OVERRIDES,
) -> Evaluation:
    """Bring the server's drift events in line with what it shows now.

    `prepared` (from `prepare`) saves running the detectors again in this transaction.
    """
    baseline = current_baseline(session, server.id)
    events = open_events(session, server.id)
    suppressed = frozenset(suppressions.active_keys(session, server.id, now))
    baseline_hash = baseline.manifest_hash if baseline else None
    detected = prepared.detected if prepared else None
    if prepared is not None and (prepared.baseline_hash, prepared.suppressed) != (baseline_hash, suppressed):
        prepared = None  # an approval or a suppression landed meanwhile: assess again
    recall = Recall(server.id, server.name, other_tools)
    if detected is None:
        detected = recall.detected(session, observed)
    findings = prepared.findings if prepared else screen(detected, suppressed, overrides)
    if baseline_hash == observed.hash:
        closed = [
            close_event(session, e, EventState.REVERTED, now, by=None, server=server.name) for e in events
        ]
        return Evaluation(None, False, closed, findings)
    key = (baseline_hash, observed.hash)
    current = next((e for e in events if (e.baseline_hash, e.observed_hash) == key), None)
    closed = [
        close_event(session, e, EventState.SUPERSEDED, now, by=None, server=server.name)
        for e in events
        if e is not current
    ]
    if current is not None:
        return Evaluation(seen_again(current, now, server.name), False, closed, findings)
    assessment = prepared.assessment if prepared else None
    if assessment is None:
        baseline_manifest = load_manifests(session, [baseline_hash])[baseline_hash] if baseline_hash else None
        approved = recall.stored(session, baseline_manifest) if baseline_manifest is not None else None
        assessment = assess(
            baseline_manifest, observed, other_tools, suppressed, overrides, detected, approved
        )
    event = _open(session, server, key, assessment, now)
    return Evaluation(event, True, closed, assessment.findings)


def evaluate_unstored(session: Session, server: Server, observed_hash: str, now: datetime) -> Evaluation:
    """A scan whose manifest could not be stored still counts: if its hash is not the baseline,
    a HIGH drift event opens for it (the changes are unknown), so nobody can hide a change by
    making it unstorable."""
    baseline = current_baseline(session, server.id)
    baseline_hash = baseline.manifest_hash if baseline else None
    if baseline_hash == observed_hash:
        return Evaluation(None, False, [], [])
    current = next((e for e in open_events(session, server.id) if e.observed_hash == observed_hash), None)
    if current is not None:
        return Evaluation(seen_again(current, now, server.name), False, [], [])
    save_stub(session, observed_hash)
    return Evaluation(_open(session, server, (baseline_hash, observed_hash), UNKNOWN, now), True, [], [])


def _open(
    session: Session, server: Server, key: tuple[str | None, str], assessment: Assessment, now: datetime
) -> DriftEventRecord:
    return open_event(
        session,
        server,
        key,
        severity=assessment.severity,
        changes=assessment.changes,
        findings=assessment.event_findings,
        now=now,
    )
