"""What the detectors and the diff say about one observed manifest: pure, no database.

A drift event's severity is the worst of its changes and of the findings the change brought: on
items that are new or changed, and not already on the same item in the baseline (a finding the
baseline had, same rule at that severity or above, was approved with it; a second payload of an
approved kind is the diff's `new-detector-finding`). A server nobody approved has no changes, only
findings, and is worth a look (`medium`) but not a page by itself.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from driftwatch import __version__, detect, model, redact, rules, visible
from driftwatch.diff import diff_manifests, overall_severity
from driftwatch.manifest import Manifest
from driftwatch.model import Change, ChangeKind, Finding, ItemKind, Severity, SuppressionKey
from driftwatch.rules import NO_OVERRIDES, SeverityOverrides

UNAPPROVED_SEVERITY = Severity.MEDIUM
"""A server nobody approved is worth a look, not a page: `scan --fail-on medium` makes CI strict."""


@dataclass(frozen=True)
class Assessment:
    """What the detectors and the diff say about one observed manifest."""

    changes: list[Change]
    findings: list[Finding]
    """Findings on the whole observed manifest (what `scan` reports)."""
    event_findings: list[Finding]
    """Findings the change brought (what raises a drift event's severity): see findings_on_changes."""
    severity: Severity


UNKNOWN = Assessment([], [], [], Severity.HIGH)
"""A manifest that could not be stored: its changes are unknown, so it counts as high."""


def other_servers_tools(owners: Mapping[str, Sequence[str]], server: str) -> dict[str, str]:
    """Tool name -> another server exposing it: what `server`'s tools could shadow."""
    others = {tool: [s for s in servers if s != server] for tool, servers in owners.items()}
    return {tool: servers[0] for tool, servers in others.items() if servers}


class ToolIndex:
    """The registry's tool names and the servers exposing them, read once per scan cycle.

    Cross-server shadowing judges each server against every other server's tools. Building that
    view for every server costs the whole registry each time (quadratic in the fleet); the index
    is built once, and a server's view (`others`) is made only when its detectors actually run.
    `context` names what a server's findings were computed against, so that stored findings are
    reused only while the registry's tools are the same.
    """

    def __init__(self, owners: Mapping[str, Sequence[str]]) -> None:
        self._owners = {tool: list(servers) for tool, servers in owners.items()}
        canonical = json.dumps(sorted(self._owners.items()), ensure_ascii=False, separators=(",", ":"))
        self._digest = hashlib.sha256(f"{detectors_version()}\n{canonical}".encode()).hexdigest()

    def others(self, server: str) -> dict[str, str]:
        """Tool name -> another server exposing it: what `server`'s tools could shadow."""
        return other_servers_tools(self._owners, server)

    def context(self, server: str) -> str:
        """A digest of what `server`'s detectors read besides its manifest: the detectors' code and
        the other servers' tools (a function of the index and the server's own name)."""
        return "sha256:" + hashlib.sha256(f"{self._digest}\n{server}".encode()).hexdigest()


@cache
def detectors_version() -> str:
    """A digest of the code findings come from (the detectors, the rule catalogue, how evidence is
    shown): stored findings are reused only by the code that computed them. The source itself, not a
    version number, so that a detector edited without a release still counts as new; and the learned
    layer's weights (detect/ideas_model.json), which change findings without a line of code."""
    folder = Path(detect.__file__).parent
    sources = sorted([*folder.glob("*.py"), *folder.glob("*.json")])

    sources += [Path(m.__file__) for m in (model, redact, rules, visible) if m.__file__]
    digest = hashlib.sha256(__version__.encode())
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def screen(
    found: Iterable[Finding],
    suppressed: Collection[SuppressionKey] = (),
    overrides: SeverityOverrides = NO_OVERRIDES,
) -> list[Finding]:
    """Detector findings at the operator's severities, less those a reviewer suppressed: applied
    at decision time, so stored findings follow today's suppressions and overrides."""
    return overrides.findings(
        f for f in found if (f.rule, f"{f.kind}:{f.name}", f.evidence_hash) not in suppressed
    )


def findings_on(
    observed: Manifest,
    other_tools: Mapping[str, str],
    suppressed: Collection[SuppressionKey] = (),
    overrides: SeverityOverrides = NO_OVERRIDES,
) -> list[Finding]:
    """The detectors' findings on a manifest, at the operator's severities, less those a reviewer
    suppressed."""
    return screen(detect.detect(observed, other_tools=other_tools), suppressed, overrides)


def assess(
    baseline: Manifest | None,
    observed: Manifest,
    other_tools: Mapping[str, str],
    suppressed: Collection[SuppressionKey] = (),
    overrides: SeverityOverrides = NO_OVERRIDES,
    detected: Sequence[Finding] | None = None,
) -> Assessment:
    """Diff `observed` against `baseline` and run the detectors, at the operator's severities.

    `detected`: the detectors' own findings on `observed` when they already ran (not run again).
    """
    if detected is None:
        detected = detect.detect(observed, other_tools=other_tools)
    findings = screen(detected, suppressed, overrides)
    if baseline is None:
        return Assessment([], findings, findings, max([UNAPPROVED_SEVERITY, *(f.severity for f in findings)]))
    changes = diff_manifests(baseline, observed, other_servers_tools=other_tools, overrides=overrides)
    approved = findings_on(baseline, other_tools, suppressed, overrides) if changes else []
    event_findings = findings_on_changes(findings, changes, approved)
    severities = [
        s for s in (overall_severity(changes), *(f.severity for f in event_findings)) if s is not None
    ]
    return Assessment(changes, findings, event_findings, max(severities, default=Severity.LOW))


def findings_on_changes(
    findings: Sequence[Finding], changes: Sequence[Change], approved: Sequence[Finding] = ()
) -> list[Finding]:
    """The findings on items that are new or changed, less those `approved` (the baseline's
    findings) already had on the same item with the same rule at that severity or above."""
    had: dict[tuple[str, str, str], Severity] = {}
    for finding in approved:
        key = (finding.kind, finding.name, finding.rule)
        had[key] = max(finding.severity, had.get(key, Severity.INFO))
    touched = {
        (c.kind, c.after if c.change is ChangeKind.RENAMED else c.name)
        for c in changes
        if c.change is not ChangeKind.REMOVED
    }
    server_changed = any(c.kind is ItemKind.SERVER for c in changes)
    return [
        f
        for f in findings
        if ((f.kind, f.name) in touched or (f.kind is ItemKind.SERVER and server_changed))
        and ((f.kind, f.name, f.rule) not in had or f.severity > had[(f.kind, f.name, f.rule)])
    ]
