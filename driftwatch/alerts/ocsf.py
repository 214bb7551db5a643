"""Drift events as OCSF Detection Findings, for SIEMs that ingest OCSF without a parser.

Splunk, Datadog, Elastic and Amazon Security Lake read the Open Cybersecurity Schema Framework.
A drift event opened is a Detection Finding (class 2004, OCSF 1.1.0, the first version that has
it and the one Security Lake reads) with activity Create; its close is the same finding with
activity Close and status Resolved (approved, reverted) or Other (superseded). The finding's
`uid` is the event's, so a SIEM correlates the two. Every server string is one visible line
within a bound (alerts/fit.py `plain`); the schema forbids properties it does not define, so
driftwatch's own fields go under `unmapped`.

Besides the file and Splunk, a finding goes to a syslog collector as an RFC 5424 message
(`syslog_message`), its MSG the same JSON.

The event is validated in the tests against the class's JSON Schema as the `ocsf-json-schema`
package generates it (tests/alerts/ocsf/README.md).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Literal

from driftwatch import __version__
from driftwatch.alerts.fit import plain
from driftwatch.alerts.messages import LINE, WORD, AlertContext, approve_command, dedup_key, kind_of
from driftwatch.model import DriftEventRecord, EventState, JSONObject, Severity, by_severity

OCSF_VERSION = "1.1.0"
CLASS_UID = 2004
ACTIVITIES = {"create": (1, "Create"), "close": (3, "Close")}
SEVERITY_ID = {
    Severity.INFO: (1, "Informational"),
    Severity.LOW: (2, "Low"),
    Severity.MEDIUM: (3, "Medium"),
    Severity.HIGH: (4, "High"),
    Severity.CRITICAL: (5, "Critical"),
}
STATUS_ID = {
    EventState.OPEN: (1, "New"),
    EventState.APPROVED: (4, "Resolved"),
    EventState.REVERTED: (4, "Resolved"),
    EventState.SUPERSEDED: (99, "Superseded"),
}
MAX_TYPES = 10


def _ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


def detection_finding(
    event: DriftEventRecord, context: AlertContext | None, activity: Literal["create", "close"]
) -> JSONObject:
    """The OCSF Detection Finding of `event` (`context`: why it paged, on create)."""
    activity_id, activity_name = ACTIVITIES[activity]
    severity_id, severity = SEVERITY_ID[event.severity]
    status_id, status = STATUS_ID[event.state]
    title = plain(f"{kind_of(event)} on {event.server}", WORD)
    rules = list(dict.fromkeys(r for c in by_severity(event.changes) for r in c.rules))
    rules += [f.rule for f in by_severity(event.findings) if f.rule not in rules]
    when = event.closed_at if activity == "close" and event.closed_at else event.first_seen
    finding_info: JSONObject = {
        "uid": f"driftwatch:{plain(event.server, WORD)}:{event.id}",
        "title": title,
        "desc": plain(context.reason, LINE * 2) if context else title,
        "types": rules[:MAX_TYPES],
        "created_time": _ms(event.first_seen),
        "first_seen_time": _ms(event.first_seen),
        "last_seen_time": _ms(event.last_seen),
    }
    if rules:
        finding_info["analytic"] = {"type_id": 1, "type": "Rule", "name": rules[0], "uid": rules[0]}
    return {
        "class_uid": CLASS_UID,
        "class_name": "Detection Finding",
        "category_uid": 2,
        "category_name": "Findings",
        "activity_id": activity_id,
        "activity_name": activity_name,
        "type_uid": CLASS_UID * 100 + activity_id,
        "type_name": f"Detection Finding: {activity_name}",
        "time": _ms(when),
        "severity_id": severity_id,
        "severity": severity,
        "status_id": status_id,
        "status": status,
        "message": plain(f"{title}: {event.severity}, {event.change_count} changes", LINE),
        "finding_info": finding_info,
        "metadata": {
            "version": OCSF_VERSION,
            "product": {"name": "driftwatch", "vendor_name": "driftwatch", "version": __version__},
            "correlation_uid": dedup_key(event.server, event.observed_hash, event.subject),
        },
        "resources": [{"name": plain(event.server, WORD), "type": "MCP server", "uid": event.observed_hash}],
        "unmapped": _unmapped(event, context),
    }


def _unmapped(event: DriftEventRecord, context: AlertContext | None) -> JSONObject:
    """driftwatch's fields that OCSF has no place for."""
    return {
        "event_id": event.id,
        "subject": event.subject,
        "baseline_hash": event.baseline_hash,
        "observed_hash": event.observed_hash,
        "change_count": event.change_count,
        "closed_by": plain(event.closed_by, WORD) if event.closed_by else None,
        "paged": context.paging if context else None,
        "window": plain(context.window, WORD) if context and context.window else None,
        "approve": approve_command(event),
    }


SYSLOG_FACILITY = 16
"""local0: the facility of every message (an operator's collector routes on it)."""
SYSLOG_SEVERITY = {1: 6, 2: 5, 3: 4, 4: 3, 5: 2}
"""OCSF severity_id -> syslog severity (informational, notice, warning, error, critical)."""
SYSLOG_UDP_BYTES = 8_192
"""A datagram's size at most: rsyslog's default message size, above RFC 5426's 2,048 SHOULD.
A longer finding goes without its `unmapped` details and with a shorter description."""


def syslog_message(finding: JSONObject, hostname: str, procid: int, limit: int | None = None) -> bytes:
    """An RFC 5424 message carrying `finding` as its MSG (ASCII JSON, so no BOM is needed):
    `<PRI>1 TIMESTAMP HOSTNAME driftwatch PROCID ocsf-2004-create - {...}`. Within `limit` bytes
    (a datagram), the finding loses `unmapped` and most of its description (what is left is
    bounded: titles, names and rule ids, each cut by `plain`); never cut inside its JSON."""
    severity = SYSLOG_SEVERITY.get(int(finding.get("severity_id", 1)), 6)
    when = datetime.fromtimestamp(int(finding.get("time", 0)) / 1000, UTC)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"
    host = "".join(c for c in hostname if 33 <= ord(c) <= 126)[:255] or "-"
    activity = str(finding.get("activity_name", "")).lower() or "create"
    header = f"<{SYSLOG_FACILITY * 8 + severity}>1 {stamp} {host} driftwatch {procid} ocsf-2004-{activity} - "
    body = json.dumps(finding, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    message = (header + body).encode("ascii")
    if limit is None or len(message) <= limit:
        return message
    shorter = {k: v for k, v in finding.items() if k != "unmapped"}
    info = dict(shorter.get("finding_info") or {})
    info["desc"] = str(info.get("desc", ""))[:200]
    shorter["finding_info"] = info
    return (header + json.dumps(shorter, ensure_ascii=True, separators=(",", ":"), sort_keys=True)).encode()[
        :limit
    ]
