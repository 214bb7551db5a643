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
from functools import cache, cached_property
from pathlib import Path

from driftwatch import __version__, model, normalize, redact, rules, semantic_switch, visible
from driftwatch.manifest import Manifest
from driftwatch.model import Change, ChangeKind, Finding, ItemKind, Severity, SuppressionKey
from driftwatch.names import NameIndex, manifest_words
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

    Cross-server shadowing judges a server's manifest against the other servers' tools; but the
    detectors and the diff can only react to a name the manifest's text holds (the diff finds a
    name by its words, `send_email` in "send an email"; a detector by the name itself, which
    holds those words too). So a server is judged against the other servers' tools whose every
    word its manifest holds, and every tool of another server it names (`others`), and `context`
    is a digest of exactly that: stored findings stay valid until a name the manifest could see
    comes, goes or changes hands, not whenever any server anywhere changes a tool (which made
    every server of a fleet detect again). Building each server's view from the whole index
    would be quadratic in the fleet; names are filed under their rarest word (NameIndex).
    """

    def __init__(self, owners: Mapping[str, Sequence[str]]) -> None:
        self._owners = {tool: servers for tool, servers in owners.items() if servers}

    @cached_property
    def _tools_of(self) -> dict[str, list[str]]:
        # (made on the first view: a cycle whose every manifest was judged in this index makes none)
        tools_of: dict[str, list[str]] = {}
        for tool, servers in self._owners.items():
            for server in servers:
                tools_of.setdefault(server, []).append(tool)
        return tools_of

    @cached_property
    def _names(self) -> NameIndex:
        return NameIndex([*self._owners, *self._tools_of])

    def others(self, server: str, manifest: Manifest) -> dict[str, str]:
        """Tool name -> another server exposing it, for the tools `manifest` could name."""
        named = {*self._names.wordless, *self._names.held_by(manifest_words(manifest))}
        tools = {tool for name in named for tool in self._tools_of.get(name, ()) if name != server}
        tools.update(name for name in named if name in self._owners)
        return other_servers_tools({tool: self._owners[tool] for tool in tools}, server)

    @staticmethod
    def context(others: Mapping[str, str]) -> str:
        """A digest of what a server's detectors read besides its manifest: the detectors' code,
        whether the semantic layer reads with them, and `others`, the other servers' tools its
        manifest could name (the view `others` made)."""
        return _digest(json.dumps(sorted(others.items()), ensure_ascii=False))

    def digest(self) -> str:
        """A digest of the whole index and of what reads it (the detectors' code, the semantic
        layer): `others` and `context` are functions of the index, the server and its manifest,
        so a manifest last judged against an index of this digest has the same view of it, and
        its stored context holds without the view being made again (monitor.py)."""
        return _digest(self._listing)

    @cached_property
    def _listing(self) -> str:
        """Every tool and its servers in code point order (the database returns them in any), as
        a digest: the daemon keeps an index for many scans of one server each, and each asks."""
        listed = json.dumps(sorted((tool, sorted(s)) for tool, s in self._owners.items()))  # (ASCII)
        return hashlib.sha256(listed.encode()).hexdigest()


def _digest(seen: str) -> str:
    read_by = f"{detectors_version()}{semantic_switch.signature()}"
    return "sha256:" + hashlib.sha256(f"{read_by}\n{seen}".encode()).hexdigest()


@cache
def detectors_version() -> str:
    """A digest of the code findings come from (the detectors, the rule catalogue, how evidence is
    shown): stored findings are reused only by the code that computed them. The source itself, not a
    version number, so that a detector edited without a release still counts as new; and the learned
    layer's weights (detect/ideas_model.json), which change findings without a line of code."""
    folder = Path(__file__).parent.parent / "detect"  # (read, not imported: unchanged scans need none)
    sources = sorted([*folder.glob("*.py"), *folder.glob("*.json")])

    sources += [Path(m.__file__) for m in (model, normalize, redact, rules, visible) if m.__file__]
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
    from driftwatch import detect  # (loaded when a manifest is read again: an unchanged scan never is)

    return screen(detect.detect(observed, other_tools=other_tools), suppressed, overrides)


def assess(
    baseline: Manifest | None,
    observed: Manifest,
    other_tools: Mapping[str, str],
    suppressed: Collection[SuppressionKey] = (),
    overrides: SeverityOverrides = NO_OVERRIDES,
    detected: Sequence[Finding] | None = None,
    baseline_detected: Sequence[Finding] | None = None,
) -> Assessment:
    """Diff `observed` against `baseline` and run the detectors, at the operator's severities.

    `detected`, `baseline_detected`: the detectors' own findings on `observed` and on `baseline`
    when they already ran, or were stored in this context (drift/recall.py): not run again.
    """
    from driftwatch import detect  # (the detectors and the diff: loaded when a manifest is read again)
    from driftwatch.diff import diff_manifests, overall_severity

    if detected is None:
        detected = detect.detect(observed, other_tools=other_tools)
    findings = screen(detected, suppressed, overrides)
    if baseline is None:
        return Assessment([], findings, findings, max([UNAPPROVED_SEVERITY, *(f.severity for f in findings)]))
    changes = diff_manifests(baseline, observed, other_servers_tools=other_tools, overrides=overrides)
    approved = []
    if changes:
        approved = (
            screen(baseline_detected, suppressed, overrides)
            if baseline_detected is not None
            else findings_on(baseline, other_tools, suppressed, overrides)
        )
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
