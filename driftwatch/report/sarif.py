"""SARIF 2.1.0, so that GitHub code scanning (and any SARIF viewer) lists drift and findings.

Code scanning wants every result anchored in a file of the repository, which a server's drift
is not: results point into the lock file that pins the servers (`driftwatch.lock` by default), at
the line where it holds the item a result concerns (the tool's name), else the line where the
server's baseline opens (driftwatch/lockfile.py `LockLines`: `report`, `scan --baseline-file`,
`check`), or at the client config line that declares the server (`discover`),
and name what actually changed in `logicalLocations` (`server/kind/item/path`). Because many
results share one file, GitHub's own line-based fingerprint would merge them; each result
therefore carries `partialFingerprints` of what identifies it, content hashes included, so an
unchanged finding stays one alert across runs and uploads: a drift change is keyed by the observed
manifest's hash (a new manifest is a new alert), a detector finding of `check` or `scan` by the
hash of the text it matched (`evidence_hash`: the same text on the same field is the same alert,
whatever else the manifest changed). Each run names its command in `automationDetails.id`
(`driftwatch/scan/`), so that several commands' runs can be uploaded together (GitHub keeps one
analysis per tool and category).

Only open drift events are results: an approved or reverted event is history, not a problem.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote

from driftwatch import __version__, jsonout
from driftwatch.lockfile import LockLines
from driftwatch.model import Change, DriftEventRecord, Finding, JSONObject, Severity
from driftwatch.report.text import change_title, finding_location, one_line, short_hash
from driftwatch.rules import CATALOGUE, Source, canonical, of

if TYPE_CHECKING:  # records only: the CLI's console imports this package
    from driftwatch.discover import Report
    from driftwatch.model import DriftSummary
    from driftwatch.store.history import ServerHistory

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "driftwatch/v1"

LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}

GENERIC_RULES = of(Source.GENERIC)
"""Results for a change no rule flagged, and for a server with no baseline (the catalogue's generic rules)."""


# GitHub renders a result's `message.text` as Markdown: a `[label](url)`, `![image](url)` or
# `<url>` in server text would become a live link or load an image in the code scanning view.
_MARKUP = re.compile(r"([\\\[\]<>])")
_SCHEME = re.compile(r"(?i)\b(https?|ftp|file|data|javascript|vbscript|mailto)(:)")


def inert(text: str) -> str:
    """Message text that renders as itself: the characters every link, image, autolink and HTML
    tag needs (`[`, `]`, `<`, `>`, and `\\` itself) backslash escaped, and URL schemes defanged
    (`https[:]//`) so that GitHub's bare-URL autolinks cannot form either."""
    return _SCHEME.sub(r"\1\\[:\\]", _MARKUP.sub(r"\\\1", text))


@dataclass(frozen=True)
class _Result:
    """A result before rule indices are known (they depend on every rule seen)."""

    rule: str
    severity: Severity
    message: str
    artifact_uri: str
    location: list[str]
    """server (or file), kind, item, path or field: what the logical location names."""
    fingerprint: list[str]
    properties: JSONObject
    line: int = 1


@dataclass(frozen=True)
class FileFinding:
    """A finding of `check`: the file it was read from, the server when that file is a lock file,
    and the line of that server's baseline in it."""

    path: str
    finding: Finding
    server: str | None = None
    line: int = 1


@dataclass(frozen=True)
class LockedScan:
    """What `scan --baseline-file` says of one server: its drift from the lock's baseline (None:
    it shows that baseline), the classified changes, and every finding on what it shows."""

    server: str
    drift: DriftSummary | None
    changes: Sequence[Change]
    findings: Sequence[Finding]


def render_sarif(
    histories: Sequence[ServerHistory], *, lock_path: str = "driftwatch.lock", lines: LockLines | None = None
) -> str:
    """`report --format sarif`: one result per change of each open drift event, and per finding,
    each at its server's (and item's) line of the lock at `lock_path` (`lines`: where it holds
    them; without, the first line)."""
    uri, where = _file_uri(lock_path), lines or LockLines()
    results = [r for h in histories for e in h.events if e.is_open for r in _event_results(e, uri, where)]
    return _log(results, "report")


def findings_sarif(findings: Sequence[FileFinding]) -> str:
    """`check --format sarif`: detector findings on manifest files and lock files, each anchored
    in its file (a lock file's at the line of the server's baseline)."""
    results = []
    for hit in findings:
        scope = f"{hit.path}/{hit.server}" if hit.server is not None else hit.path
        extra: JSONObject = {"file": hit.path, **({"server": hit.server} if hit.server is not None else {})}
        result = _finding_result(hit.finding, _file_uri(hit.path), scope, observed="", extra=extra)
        results.append(replace(result, line=hit.line))
    return _log(results, "check")


def lock_scan_sarif(scans: Sequence[LockedScan], lock_path: str, lines: LockLines) -> str:
    """`scan --baseline-file LOCK --format sarif`: per server, its drift from the lock (no baseline,
    or one result per change) and every finding on what it shows, anchored at the line of the
    item concerned in the lock, else at its server's baseline."""
    uri = _file_uri(lock_path)
    results: list[_Result] = []
    for scan in scans:
        base: JSONObject = {"server": scan.server, "lock_file": lock_path}
        drift = scan.drift
        if drift is not None:
            base["baseline_hash"], base["observed_hash"] = drift.baseline_hash, drift.observed_hash
            found = _Drift(scan.server, drift.baseline_hash, drift.observed_hash, drift.severity)
            results.extend(_drift_results(found, scan.changes, uri, base, lines))
        for finding in scan.findings:
            line = lines.line(scan.server, finding.kind, finding.name)
            results.append(replace(_finding_result(finding, uri, scan.server, "", base), line=line))
    return _log(results, "scan")


def unknown_servers_sarif(report: Report) -> str:
    """`discover --format sarif`: one result per unregistered server per config file that declares
    it, anchored in that file (what to fix is there: register the server or remove the entry)."""
    results = []
    for seen in report.unknown:
        document = seen.to_json()  # scrubbed of every secret the reading registered
        identity = document["identity"]
        for place in document["found_in"]:
            said = f"{place['client']} config entry {one_line(place['name'], 80)!r} launches "
            results.append(
                _Result(
                    rule="unregistered-server",
                    severity=CATALOGUE["unregistered-server"].severity,
                    message=f"{said}{one_line(identity['key'], 200)}, which is not in the registry.",
                    artifact_uri=_file_uri(place["file"]),
                    location=[place["file"], place["client"], place["name"]],
                    fingerprint=["unregistered-server", identity["key"], place["file"], place["name"]],
                    properties={"identity": identity, "client": place["client"], "name": place["name"]},
                    line=place.get("line") or 1,
                )
            )
    return _log(results, "discover")


def _event_results(event: DriftEventRecord, artifact_uri: str, lines: LockLines) -> Iterable[_Result]:
    base = {"server": event.server, "event_id": event.id, "state": event.state}
    drift = _Drift(event.server, event.baseline_hash, event.observed_hash, event.severity)
    yield from _drift_results(drift, event.changes, artifact_uri, base, lines)
    for finding in event.findings:
        result = _finding_result(finding, artifact_uri, event.server, event.observed_hash, base)
        yield replace(result, line=lines.line(event.server, finding.kind, finding.name))


@dataclass(frozen=True)
class _Drift:
    """One server's drift, from a stored event (`report`) or from a lock file (`scan`)."""

    server: str
    baseline_hash: str | None
    observed_hash: str
    severity: Severity


def _drift_results(
    drift: _Drift, changes: Iterable[Change], artifact_uri: str, base: JSONObject, lines: LockLines
) -> Iterable[_Result]:
    """`unapproved-server` when the server has no baseline, then one result per change, each keyed
    by the observed manifest's hash (a new manifest is a new alert) and at the line of the item
    it changed (an added item, not in the lock: the server's)."""
    if drift.baseline_hash is None:
        yield _Result(
            rule="unapproved-server",
            severity=drift.severity,
            message=f"{one_line(drift.server, 80)}: no approved baseline; it shows "
            f"{short_hash(drift.observed_hash)}, which nobody has reviewed.",
            artifact_uri=artifact_uri,
            location=[drift.server],
            fingerprint=[drift.server, "unapproved-server", drift.observed_hash],
            properties={**base, "observed_hash": drift.observed_hash},
            line=lines.line(drift.server),
        )
    for change in changes:
        locked = (
            change.before if change.change == "renamed" and isinstance(change.before, str) else change.name
        )
        line = lines.line(drift.server, change.kind, locked)  # the lock holds a renamed tool's old name
        yield replace(_change_result(drift, change, artifact_uri, base), line=line)


def _change_result(event: _Drift, change: Change, artifact_uri: str, base: JSONObject) -> _Result:
    rules = list(change.rules)
    generic = f"drift-{change.change}"
    rule = rules[0] if rules else (generic if generic in GENERIC_RULES else "drift-changed")
    reasons = " ".join(one_line(r, 300) for r in change.reasons)
    message = f"{one_line(event.server, 80)}: {change_title(change)}."
    if reasons:
        message += f" {reasons}"
    if change.change in ("changed", "renamed"):
        message += f" Before: {one_line(change.before, 160)} After: {one_line(change.after, 160)}"
    path = str(change.path or "")
    item = str(change.name)
    return _Result(
        rule=rule,
        severity=change.severity,
        message=message,
        artifact_uri=artifact_uri,
        location=[event.server, str(change.kind), item, path],
        fingerprint=[event.server, rule, str(change.kind), item, path, event.observed_hash],
        properties={
            **base,
            "change": change.change,
            "category": change.category,
            "breaking": bool(change.breaking),
            "rules": rules,
            "baseline_hash": event.baseline_hash,
            "observed_hash": event.observed_hash,
        },
    )


def _finding_result(
    finding: Finding, artifact_uri: str, scope: str, observed: str, extra: JSONObject
) -> _Result:
    """A detector finding; keyed by the `observed` manifest's hash when it belongs to a drift event
    (`report`), else (`observed` empty: `check`, `scan`) by the hash of the text it matched."""
    rule = finding.rule
    kind, item, field = str(finding.kind), finding.name, finding.field
    said = one_line(finding.detail or finding.message, 300)
    message = f"{one_line(scope, 80)}: {finding_location(finding)}: {said}"
    if finding.evidence:
        message += f" Evidence: {one_line(finding.evidence, 200)}"
    return _Result(
        rule=rule,
        severity=finding.severity,
        message=message,
        artifact_uri=artifact_uri,
        location=[scope, kind, item, field],
        fingerprint=[scope, rule, kind, item, field, observed or finding.evidence_hash],
        properties={"observed_hash": observed or None, **extra, "evidence_hash": finding.evidence_hash},
    )


def _log(results: Sequence[_Result], command: str) -> str:
    """The SARIF document: rules (the generic ones, then every rule seen) and the results; the
    run's category names the `command`."""
    seen = {r.rule for r in results if r.rule not in GENERIC_RULES}
    rule_ids = [*GENERIC_RULES, *sorted(seen)]
    index = {rule: number for number, rule in enumerate(rule_ids)}
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "driftwatch",
                        "version": __version__,
                        "rules": [_rule(rule) for rule in rule_ids],
                    }
                },
                "automationDetails": {"id": f"driftwatch/{command}/"},
                "results": [_result(r, index[r.rule]) for r in results],
            }
        ],
    }
    return jsonout.dumps(document)


def _rule(rule_id: str) -> JSONObject:
    """A `reportingDescriptor` from the rule catalogue (driftwatch/rules.py)."""
    known = CATALOGUE.get(canonical(rule_id))
    if known is None:  # an id stored by a release whose catalogue had it: say so, never fail
        return {"id": rule_id, "shortDescription": {"text": f"{rule_id} (no longer in the catalogue)"}}
    return {
        "id": rule_id,  # as the results name it, so that every ruleId is its rules[ruleIndex].id
        "shortDescription": {"text": known.message},
        "fullDescription": {"text": known.help},
        "defaultConfiguration": {"level": LEVELS[known.severity]},
        "properties": {"tags": ["security", "mcp", str(known.source)]},
    }


def _result(result: _Result, rule_index: int) -> JSONObject:
    names = [one_line(part, 200) for part in result.location if part]
    return {
        "ruleId": result.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[result.severity],
        "message": {"text": inert(result.message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": result.artifact_uri},
                    "region": {"startLine": result.line},
                },
                "logicalLocations": [
                    {"name": names[-1], "fullyQualifiedName": "/".join(names), "kind": "member"}
                ],
            }
        ],
        "partialFingerprints": {
            FINGERPRINT_KEY: hashlib.sha256("\0".join(result.fingerprint).encode()).hexdigest()
        },
        "properties": {"severity": str(result.severity), **result.properties},
    }


def _file_uri(path: str) -> str:
    """A relative path stays relative (GitHub resolves it in the repository); spaces and the like
    encoded. A Kubernetes object (`kubernetes:cluster/namespace/kind/name`) is its own URI."""
    if path.startswith("kubernetes:"):
        return quote(path, safe=":/")
    pure = PurePath(path)
    return pure.as_uri() if pure.is_absolute() else quote(pure.as_posix())
