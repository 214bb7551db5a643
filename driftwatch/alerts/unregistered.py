"""Alerts about MCP servers that client configs launch but nobody registered (issue 16, item 4).

The daemon's discovery job hands the servers it could not match to the registry here. Each one
gets its alerts (a Slack post and, with `discovery_page`, a PagerDuty trigger) once: the alert rows
are the record. Their `dedup_key` is `driftwatch/unregistered/<digest of the host identity>`, so a
server already alerted about (sent, pending or given up) is skipped, whichever replica or run saw
it first, and PagerDuty folds a replay into the same incident. A digest, not the identity itself:
an identity may hold a URL path or a script path that someone considers private, and the key is
sent to PagerDuty as is. These rows have no server (`server_id` NULL) and are never pruned
(driftwatch/store/prune.py), so "once" holds for the database's life.

A server that is registered later stops being unknown and is never alerted about here again; if
it is removed from the registry and still launched, it does not page a second time either: its
removal was an edit of the registry (a reviewed change), and the `driftwatch_unknown_servers`
gauge and `driftwatch discover` (exit 1) keep showing it. docs/contract.md says the same.

What the alerts say is built by messages.py from `Seen.to_json()`, whose strings are scrubbed of
every credential the reading registered (driftwatch/discover/match.py), and then escaped as any
text someone else wrote.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from driftwatch import routing
from driftwatch.alerts import messages, outbox
from driftwatch.discover import Seen
from driftwatch.logs import get_logger
from driftwatch.model import Severity
from driftwatch.registry import Owner
from driftwatch.routing import ReceiverSpec
from driftwatch.settings import Settings
from driftwatch.store import audit

log = get_logger(__name__)


def dedup_key(seen: Seen) -> str:
    digest = hashlib.sha256(seen.identity.key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"driftwatch/unregistered/{digest}"


def owner(settings: Settings) -> Owner:
    """Where alerts about unregistered servers go: the discovery route, else the defaults."""
    key = settings.discovery_pagerduty_routing_key
    return Owner(
        team="unregistered servers",
        slack_channel=settings.discovery_slack_channel,
        pagerduty_routing_key=key.get_secret_value() if key else None,
    )


def targets(settings: Settings) -> list[ReceiverSpec]:
    """The receivers an unregistered server's alert reaches: its route (event `unknown_server`,
    severity `discovery_severity`), Slack receivers, and PagerDuty ones with `discovery_page`."""
    severity = Severity.parse(settings.discovery_severity)
    subject = routing.Subject("", frozenset(), owner(settings).team, severity, frozenset({"unknown_server"}))
    found = [
        t.receiver
        for t in routing.resolve(settings.route, settings.receiver_specs(), subject)
        if t.wants(severity)
    ]
    kinds = {"slack", "pagerduty"} if settings.discovery_page else {"slack"}
    return [r for r in found if r.type in kinds and _reachable(settings, r)]


def _reachable(settings: Settings, receiver: ReceiverSpec) -> bool:
    if receiver.type == "pagerduty":
        return bool(
            receiver.routing_key or settings.discovery_pagerduty_routing_key or settings.pagerduty_routing_key
        )
    if receiver.url or settings.slack_bot_token is None:
        return True
    return bool(receiver.channel or settings.discovery_slack_channel or settings.slack_channel)


def channels(settings: Settings) -> list[str]:
    """The receivers an unregistered server's alert would reach (empty: nobody would hear)."""
    return [r.name for r in targets(settings)]


def _record(session: Session, keys: dict[str, Seen], now: datetime) -> None:
    """A `discovery.unknown` audit entry per server not recorded before (the evidence pack's
    record of shadow servers, kept whether or not anyone is alerted): its identity, transport and
    the client configuration files that launch it, scrubbed as the alerts are (`Seen.to_json`)."""
    known = audit.recorded_subjects(session, audit.EntryKind.DISCOVERY_UNKNOWN, list(keys))
    for key, seen in keys.items():
        if key in known:
            continue
        document = seen.to_json()
        data = {
            "identity": str(document["identity"]["key"]),
            "transport": seen.transport,
            "found_in": sorted({str(s["file"]) for s in document["found_in"]}),
        }
        audit.record(session, audit.EntryKind.DISCOVERY_UNKNOWN, at=now, subject=key, data=data)


def on_unknown(session: Session, unknown: Sequence[Seen], settings: Settings, now: datetime) -> int:
    """Record every server in `unknown` in the audit log once, and write the alerts of those not
    alerted about before; how many servers were alerted about."""
    keys = {dedup_key(seen): seen for seen in unknown}
    _record(session, keys, now)
    reach = targets(settings)
    if not reach or not unknown:
        return 0
    done = outbox.sent_keys(session, list(keys))
    severity = Severity.parse(settings.discovery_severity)
    paging = any(r.type == "pagerduty" for r in reach)
    for key, seen in keys.items():
        if key in done:
            continue
        document = seen.to_json()
        payloads = {
            "slack": messages.slack_unregistered_message(document, severity, paging),
            "pagerduty": messages.pagerduty_unregistered_trigger(document, severity),
        }
        for receiver in reach:
            outbox.enqueue(
                session,
                server_id=None,
                event_id=None,
                channel=receiver.type,
                receiver=receiver.name,
                action="trigger" if receiver.type == "pagerduty" else "post",
                dedup_key=key,
                payload=payloads[receiver.type],
                now=now,
            )
        log.warning(
            "unregistered MCP server",
            identity=document["identity"],
            places=len(seen.sightings),
            alerts=",".join(r.name for r in reach),
        )
    return len(keys.keys() - done)
