"""Turn what happened to a server into outbox rows, in the caller's transaction.

- a drift event opened: what notifies (Slack, Teams) and what pages (PagerDuty, Opsgenie), as the
  policy decides; the webhook and the SIEMs (OCSF) for either; inside a change window a PagerDuty
  Change Event (the service timeline shows the approved change). A silence that matches holds
  them all until it ends (store/silences.py);
- a drift event closed (approved, reverted, superseded): each channel that heard of its opening
  is answered in its own terms (`_answer`: a resolve, a thread reply, a close by alias, …), and
  what a silence still held is muted instead;
- a server failing scan after scan: one Slack notice per streak of failures; for refused
  credentials at once (they will not heal by themselves), for other failures after a few scans.

Only channels that are configured get rows: an alert nobody could ever deliver is noise.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from driftwatch.alerts import messages, ocsf, outbox, policy
from driftwatch.alerts.messages import Link
from driftwatch.errors import CollectError, ErrorClass
from driftwatch.logs import get_logger
from driftwatch.model import DriftEventRecord, JSONObject, OpenWindow
from driftwatch.registry import ServerSpec, display_url
from driftwatch.settings import Settings
from driftwatch.store import silences
from driftwatch.store.models import Alert, Server
from driftwatch.store.observations import failing_streak

log = get_logger(__name__)


def slack_configured(settings: Settings) -> bool:
    return settings.slack_bot_token is not None or settings.slack_webhook_url is not None


def shared_channels(settings: Settings) -> list[str]:
    """The destinations configured once for every server (no owner overrides them): the webhook,
    Opsgenie, Teams and the SIEMs (`siem`: OCSF as JSON lines in a file, `splunk`: HEC)."""
    configured = {
        "webhook": settings.webhook_url is not None and settings.webhook_secret is not None,
        "opsgenie": settings.opsgenie_api_key is not None,
        "teams": settings.teams_webhook_url is not None,
        "siem": settings.siem_file is not None,
        "splunk": settings.splunk_hec_url is not None,
    }
    return [name for name, on in configured.items() if on]


SIEMS = ("siem", "splunk")
"""The shared channels that get OCSF findings (alerts/ocsf.py)."""


def pagerduty_configured(settings: Settings, spec: ServerSpec) -> bool:
    return settings.pagerduty_routing_key is not None or bool(spec.owner.pagerduty_routing_key)


def on_opened(
    session: Session,
    server: Server,
    spec: ServerSpec,
    event: DriftEventRecord,
    window: OpenWindow | None,
    settings: Settings,
    now: datetime,
) -> policy.Decision:
    """Page and/or notify for a newly opened event, as the policy decides for `window`."""
    decision = policy.decide(event, window, spec.alerting)
    context = messages.AlertContext(
        server=server.name,
        team=spec.owner.team,
        window=window.description if window else None,
        paging=decision.page,
        reason=decision.reason,
        links=links_for(spec, settings, event),
    )
    key = messages.dedup_key(server.name, event.observed_hash, event.subject)
    paging = pagerduty_configured(settings, spec)
    shared = shared_channels(settings)
    outgoing: list[tuple[str, str, JSONObject]] = []
    if decision.notify and slack_configured(settings):
        outgoing.append(("slack", "post", messages.slack_drift_message(event, context)))
    if decision.notify and "teams" in shared:
        outgoing.append(("teams", "post", messages.teams_message(event, context)))
    if decision.page and paging:
        outgoing.append(("pagerduty", "trigger", messages.pagerduty_trigger(event, context)))
    if decision.page and "opsgenie" in shared:
        outgoing.append(("opsgenie", "create", messages.opsgenie_create(event, context)))
    if decision.notify or decision.page:
        if "webhook" in shared:
            outgoing.append(("webhook", "opened", messages.webhook_body(event, context, "drift.opened")))
        for siem in (name for name in shared if name in SIEMS):
            outgoing.append((siem, "create", ocsf.detection_finding(event, context, "create")))
    if window is not None and event.baseline_hash is not None and paging:  # (the service's timeline)
        outgoing.append(("pagerduty", "change", messages.pagerduty_change(event, context)))
    silence = silences.holding(session, _subject(spec, event), now) if outgoing else None
    for channel, action, payload in outgoing:
        outbox.enqueue(
            session,
            server_id=server.id,
            event_id=event.id,
            channel=channel,
            action=action,
            dedup_key=key,
            payload=payload,
            now=now,
            held=(silence.id, silence.ends_at) if silence else None,
        )
    enqueued = [f"{channel}:{action}" for channel, action, _ in outgoing]
    held = f"by silence {silence.id} until {silence.ends_at.isoformat()}" if silence else None
    _log_event("drift event opened", event, enqueued, window="open" if window else "closed", held=held)
    return decision


def _subject(spec: ServerSpec, event: DriftEventRecord) -> silences.Subject:
    rules = {r for c in event.changes for r in c.rules} | {f.rule for f in event.findings}
    return silences.Subject(spec.name, frozenset(spec.tags), frozenset(rules))


def links_for(spec: ServerSpec, settings: Settings, event: DriftEventRecord) -> tuple[Link, ...]:
    """Where an alert about `event` sends the on-call: the MCP server (an HTTP one, without its
    credentials), the owner's runbook (else the `runbook_url` setting), and the event's section
    of the published HTML report (`report_base_url`)."""
    links = []
    if spec.url:
        links.append(Link(display_url(spec.url), "the MCP server"))
    runbook = spec.owner.runbook_url or settings.runbook_url
    if runbook:
        links.append(Link(runbook, "runbook"))
    if settings.report_base_url:
        links.append(Link(f"{settings.report_base_url}#event-{event.id}", "drift report"))
    return tuple(links)


FIRSTS = (
    ("pagerduty", "trigger"),
    ("slack", "post"),
    ("webhook", "opened"),
    ("opsgenie", "create"),
    ("teams", "post"),
    ("siem", "create"),
    ("splunk", "create"),
)
"""The alerts that open a conversation about an event, which its close answers."""


def on_closed(session: Session, server: Server, event: DriftEventRecord, now: datetime) -> None:
    """Resolve what the event triggered, answer in its Slack thread and tell the webhook that had
    its opening; nothing if it alerted nobody."""
    firsts = [outbox.first_alert(session, event.id, *first) for first in FIRSTS]
    told = silences.mute_held([a for a in firsts if a is not None], now)  # (a silence kept them)
    answers = [(first, *_answer(first, event)) for first in told]
    for first, action, payload, parent in answers:
        outbox.enqueue(
            session,
            server_id=server.id,
            event_id=event.id,
            channel=first.channel,
            action=action,
            dedup_key=first.dedup_key,
            payload=payload,
            now=now,
            parent_id=parent,
        )
    enqueued = [f"{first.channel}:{action}" for first, action, _, _ in answers]
    _log_event("drift event closed", event, enqueued)


def _answer(first: Alert, event: DriftEventRecord) -> tuple[str, JSONObject, int | None]:
    """How a channel hears that `event` closed, after `first` opened the conversation: (the
    action, its payload, the alert it answers in a thread, if the channel has threads)."""
    if first.channel == "pagerduty":
        return "resolve", messages.pagerduty_resolve(), None
    if first.channel == "slack":
        return "reply", messages.slack_closed_message(event), first.id
    if first.channel == "teams":
        return "reply", messages.teams_closed_message(event), None
    if first.channel == "opsgenie":
        return "close", messages.opsgenie_close(event), None
    if first.channel == "webhook":
        return "closed", messages.webhook_body(event, None, "drift.closed"), None
    return "close", ocsf.detection_finding(event, None, "close"), None  # (siem, splunk)


def top_rule(event: DriftEventRecord) -> str | None:
    """The rule of the event's most severe finding (the first, on a tie)."""
    ranked = sorted(event.findings, key=lambda f: -f.severity)
    return ranked[0].rule if ranked else None


def _log_event(
    what: str,
    event: DriftEventRecord,
    enqueued: list[str],
    window: str | None = None,
    held: str | None = None,
) -> None:
    """One structured line per drift event opened or closed: what an on-call greps for."""
    fields: dict[str, object] = {
        "server": event.server,
        "event_id": event.id,
        "state": str(event.state),
        "severity": str(event.severity),
        "changes": event.change_count,
        "top_rule": top_rule(event),
        "alerts_enqueued": ",".join(enqueued) or "none",
    }
    if window is not None:
        fields["window"] = window
    if held is not None:
        fields["alerts_held"] = held
    if event.is_open:
        log.warning(what, **fields)
    else:
        log.info(what, **fields)


def on_failed(
    session: Session, server: Server, spec: ServerSpec, error: CollectError, settings: Settings, now: datetime
) -> bool:
    """Notify once per streak: on the first scan refused for auth (a revoked or expired credential
    needs a person), or when other failures reach `unreachable_after` consecutive scans."""
    if not slack_configured(settings):
        return False
    if error.error_class is ErrorClass.AUTH:
        if failing_streak(session, server.id, 2, "auth") != 1:
            return False
        kind, payload = "auth", messages.slack_auth_failed_message(server.name, error.message)
    else:
        if failing_streak(session, server.id, settings.unreachable_after) != settings.unreachable_after:
            return False
        kind = "unreachable"
        payload = messages.slack_unreachable_message(server.name, settings.unreachable_after, error.message)
    outbox.enqueue(
        session,
        server_id=server.id,
        event_id=None,
        channel="slack",
        action="post",
        dedup_key=f"driftwatch/{server.name}/{kind}/{now.isoformat()}",
        payload=payload,
        now=now,
    )
    return True


def channels_for(settings: Settings, spec: ServerSpec) -> list[str]:
    """The channels a drift of `spec`'s would reach: empty means nobody would hear of it."""
    channels = []
    slack_target = settings.slack_webhook_url is not None or (
        settings.slack_bot_token is not None and bool(spec.owner.slack_channel or settings.slack_channel)
    )
    if slack_target:
        channels.append("slack")
    if pagerduty_configured(settings, spec):
        channels.append("pagerduty")
    return channels + shared_channels(settings)
