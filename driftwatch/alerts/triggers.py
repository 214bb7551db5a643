"""Turn what happened to a server into outbox rows, in the caller's transaction.

Who hears of it is the route's call (routing.py: the receivers that match its server, tags,
team, severity and event type, each above its minimum severity); what each receiver is sent is
decided here, by the receiver's type:

- a drift event opened: what notifies (Slack, Teams) and what pages (PagerDuty, Opsgenie), as the
  policy decides; the webhook and the SIEMs (OCSF) for either; inside a change window a PagerDuty
  Change Event (the service timeline shows the approved change). A silence that matches holds
  them all until it ends (store/silences.py);
- a drift event closed (approved, reverted, superseded): each channel that heard of its opening
  is answered in its own terms (`_answer`: a resolve, a thread reply, a close by alias, …), and
  what a silence still held is muted instead;
- a server failing scan after scan: one Slack notice per streak of failures; for refused
  credentials at once (they will not heal by themselves), for other failures after a few scans.

Only receivers that could deliver get rows (`reachable`): an alert nobody could ever deliver is
noise. Each row names its receiver, so a close answers the receiver that heard the opening.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy.orm import Session

from driftwatch import routing
from driftwatch.alerts import grouping, messages, ocsf, outbox, policy
from driftwatch.alerts.messages import Link
from driftwatch.errors import CollectError, ErrorClass
from driftwatch.logs import get_logger
from driftwatch.model import DriftEventRecord, JSONObject, OpenWindow, Severity
from driftwatch.registry import Owner, ServerSpec, display_url
from driftwatch.routing import ReceiverSpec
from driftwatch.settings import Settings
from driftwatch.store import events, silences
from driftwatch.store.models import Alert, Server
from driftwatch.store.observations import failed_lately, failing_streak

log = get_logger(__name__)


NOTICE_SEVERITY = Severity.MEDIUM
"""The severity routes see for a server that cannot be scanned (`unreachable`, `auth_failure`)."""


def reachable(settings: Settings, receiver: ReceiverSpec, owner: Owner) -> bool:
    """Whether an alert for `owner`'s server could reach `receiver` at all: PagerDuty needs a
    routing key (the receiver's, the owner's or the setting), a Slack bot a channel; the other
    types are whole once configured (settings.py refuses them otherwise)."""
    if receiver.type == "pagerduty":
        return bool(receiver.routing_key or owner.pagerduty_routing_key or settings.pagerduty_routing_key)
    if receiver.type == "slack" and not receiver.url and settings.slack_bot_token is not None:
        return bool(receiver.channel or owner.slack_channel or settings.slack_channel)
    return True


def targets(
    settings: Settings, spec: ServerSpec, events: Iterable[str], severity: Severity
) -> list[routing.Target]:
    """The receivers an event of `spec`'s goes to (its route), that could reach it."""
    subject = routing.Subject(spec.name, frozenset(spec.tags), spec.owner.team, severity, frozenset(events))
    found = routing.resolve(settings.route, settings.receiver_specs(), subject)
    return [t for t in found if t.wants(severity) and reachable(settings, t.receiver, spec.owner)]


def drift_events(event: DriftEventRecord) -> frozenset[str]:
    """The event types of a drift event: `drift`, and `finding` when it carries one."""
    return frozenset({"drift", "finding"} if event.findings else {"drift"})


def on_opened(
    session: Session,
    server: Server,
    spec: ServerSpec,
    event: DriftEventRecord,
    window: OpenWindow | None,
    settings: Settings,
    now: datetime,
) -> policy.Decision:
    """Page and/or notify for a newly opened event, as the policy decides for `window`, to the
    receivers its route names."""
    lately = policy.removals_only(event) and failed_lately(session, server.id, settings.unreachable_after + 1)
    decision = policy.decide(event, window, spec.alerting, unreachable_lately=lately)
    context = messages.AlertContext(
        server=server.name,
        team=spec.owner.team,
        window=window.description if window else None,
        paging=decision.page,
        reason=decision.reason,
        links=links_for(spec, settings, event),
    )
    reached = targets(settings, spec, drift_events(event), event.severity)
    openings = _Openings(event, context, decision, window)
    outgoing = [
        (t.receiver, action, payload) for t in reached for action, payload in openings.of(t.receiver.type)
    ]
    silence = silences.holding(session, _subject(spec, event), now) if outgoing else None
    grouping = (decision, window is not None, [t.receiver.name for t in reached])
    leader = _group(session, settings, spec, event, *grouping, now) if outgoing and not silence else None
    if leader is not None and leader != event.id:
        enqueued = _join(session, server, event, leader, replace(openings, built={}), outgoing, now)
        _log_event("drift event opened", event, enqueued, window="open" if window else "closed", group=leader)
        return decision
    enqueued = _write(
        session, server, event, outgoing, now, (silence.id, silence.ends_at) if silence else None
    )
    held = f"by silence {silence.id} until {silence.ends_at.isoformat()}" if silence else None
    _log_event("drift event opened", event, enqueued, window="open" if window else "closed", held=held)
    return decision


def _group(
    session: Session,
    settings: Settings,
    spec: ServerSpec,
    event: DriftEventRecord,
    decision: policy.Decision,
    window_open: bool,
    receivers: list[str],
    now: datetime,
) -> int | None:
    """Put `event` in the group of its cause (alerts/grouping.py): the id of the group's leader,
    itself when it opens one; None when it is grouped with nothing."""
    shared = grouping.cause(event, spec.owner.team, settings.group_by)
    if shared is None or not settings.group_interval:
        return None
    key = grouping.group_key(
        shared, page=decision.page, notify=decision.notify, window_open=window_open, receivers=receivers
    )
    leader = events.group_leader(session, key, now - settings.group_interval) or event.id
    events.set_group(session, event.id, key, leader)
    return leader


def _join(
    session: Session,
    server: Server,
    event: DriftEventRecord,
    leader: int,
    openings: _Openings,
    outgoing: list[tuple[ReceiverSpec, str, JSONObject]],
    now: datetime,
) -> list[str]:
    """Fold `event` into its group's notification: each receiver that heard of the group's first
    event has that notification rewritten while unsent, else gets an update (a Slack message
    edited, the PagerDuty incident and Opsgenie alert deduplicated by their key, a new Teams
    card, `drift.grouped` on the webhook) that names every server of the group. What is a record
    of each event (the SIEMs' findings, a window's Change Event) is still written for it."""
    servers = tuple(events.group_servers(session, leader))
    openings.context = replace(openings.context, group=servers, group_id=leader)
    enqueued = []
    for first in outbox.firsts(session, leader, FIRSTS):
        if first.channel in routing.SIEMS:
            continue
        opening = [pair for pair in openings.of(first.channel) if pair[0] != "change"]
        if not opening:
            continue
        action, payload = UPDATES.get(first.channel, opening[0][0]), opening[0][1]
        if first.channel == "webhook":
            update = messages.webhook_body(event, openings.context, "drift.grouped")
        else:
            update = payload
        enqueued.append(
            f"{outbox.receiver_of(first)}:{outbox.revise(session, first, payload, action, update, now)}"
        )
    records = [o for o in outgoing if o[0].type in routing.SIEMS or o[1] == "change"]
    return enqueued + _write(session, server, event, records, now)


def _write(
    session: Session,
    server: Server,
    event: DriftEventRecord,
    outgoing: list[tuple[ReceiverSpec, str, JSONObject]],
    now: datetime,
    held: tuple[int, datetime] | None = None,
) -> list[str]:
    """Write an event's own alerts (its dedup key; `held` by a silence until it ends); what was
    written, as `receiver:action`."""
    key = messages.dedup_key(server.name, event.observed_hash, event.subject)
    for receiver, action, payload in outgoing:
        outbox.enqueue(
            session,
            server_id=server.id,
            event_id=event.id,
            channel=receiver.type,
            receiver=receiver.name,
            action=action,
            dedup_key=key,
            payload=payload,
            now=now,
            held=held,
        )
    return [f"{receiver.name}:{action}" for receiver, action, _ in outgoing]


UPDATES = {"slack": "update", "webhook": "grouped"}
"""The action of a group's update, by receiver type, where it is not the opening's own."""


@dataclass
class _Openings:
    """What each receiver type is sent about a newly opened event (each payload built once):
    chat when the policy notifies, pagers when it pages, the webhook and the SIEMs for either;
    inside a change window PagerDuty also gets a Change Event (the service's timeline)."""

    event: DriftEventRecord
    context: messages.AlertContext
    decision: policy.Decision
    window: OpenWindow | None
    built: dict[str, list[tuple[str, JSONObject]]] = field(default_factory=dict)

    def of(self, kind: str) -> list[tuple[str, JSONObject]]:
        if kind not in self.built:
            self.built[kind] = self._build(kind)
        return self.built[kind]

    def _build(self, kind: str) -> list[tuple[str, JSONObject]]:
        event, context, decision = self.event, self.context, self.decision
        told = (
            decision.notify
            if kind in routing.CHATS
            else decision.page
            if kind in routing.PAGERS
            else (decision.notify or decision.page)
        )
        found: list[tuple[str, JSONObject]] = []
        if told and kind == "slack":
            found.append(("post", messages.slack_drift_message(event, context)))
        elif told and kind == "teams":
            found.append(("post", messages.teams_message(event, context)))
        elif told and kind == "pagerduty":
            found.append(("trigger", messages.pagerduty_trigger(event, context)))
        elif told and kind == "opsgenie":
            found.append(("create", messages.opsgenie_create(event, context)))
        elif told and kind == "webhook":
            found.append(("opened", messages.webhook_body(event, context, "drift.opened")))
        elif told and kind in routing.SIEMS:
            found.append(("create", ocsf.detection_finding(event, context, "create")))
        if kind == "pagerduty" and self.window is not None and event.baseline_hash is not None:
            found.append(("change", messages.pagerduty_change(event, context)))
        return found


def _subject(spec: ServerSpec, event: DriftEventRecord) -> silences.Subject:
    rules = {r for c in event.changes for r in c.rules} | {f.rule for f in event.findings}
    return silences.Subject(spec.name, frozenset(spec.tags), frozenset(rules))


def links_for(spec: ServerSpec, settings: Settings, event: DriftEventRecord) -> tuple[Link, ...]:
    """Where an alert about `event` sends the on-call: the MCP server (an HTTP one, without its
    credentials), the owner's runbook (else its route's, else the `runbook_url` setting), and the
    event's section of the published HTML report (`report_base_url`)."""
    links = []
    if spec.url:
        links.append(Link(display_url(spec.url), "the MCP server"))
    subject = routing.Subject(
        spec.name, frozenset(spec.tags), spec.owner.team, event.severity, drift_events(event)
    )
    runbook = spec.owner.runbook_url or routing.runbook(settings.route, subject) or settings.runbook_url
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
    ("syslog", "create"),
)
"""The alerts that open a conversation about an event, which its close answers."""


def on_closed(session: Session, server: Server, event: DriftEventRecord, now: datetime) -> None:
    """Answer every receiver that heard of the event's opening, each in its own terms (a resolve,
    a thread reply, a close by alias, …); nothing if it alerted nobody. An event of a group
    answers its own records (the SIEMs' findings) at once, and the group's notification only when
    it is the group's last open event: the page stands while any of its servers still drifts."""
    leader = events.group_of(session, event.id) or event.id
    answering = [a for a in outbox.firsts(session, event.id, FIRSTS) if a.channel in routing.SIEMS]
    still_open = events.group_servers(session, leader)
    group = None
    if not still_open:
        answering += [a for a in outbox.firsts(session, leader, FIRSTS) if a.channel not in routing.SIEMS]
        members = events.group_servers(session, leader, open_only=False)
        group = (leader, members) if len(members) > 1 else None
    told = silences.mute_held(answering, now)  # (what a silence still held is muted instead)
    answers = [(first, *_answer(first, event, group)) for first in told]
    for first, action, payload, threaded in answers:
        outbox.answer(session, first, action, payload, now, threaded)
    enqueued = [f"{outbox.receiver_of(first)}:{action}" for first, action, _, _ in answers]
    _log_event("drift event closed", event, enqueued, group=leader if still_open or group else None)


def _answer(
    first: Alert, event: DriftEventRecord, group: tuple[int, Sequence[str]] | None
) -> tuple[str, JSONObject, bool]:
    """How a channel hears that `event` closed (the last of `group`, if it had one), after
    `first` opened the conversation: (the action, its payload, whether it answers in `first`'s
    thread, where the channel has threads)."""
    if first.channel == "pagerduty":
        return "resolve", messages.pagerduty_resolve(), False
    if first.channel == "slack":
        return "reply", messages.slack_closed_message(event, group), True
    if first.channel == "teams":
        return "reply", messages.teams_closed_message(event, group), False
    if first.channel == "opsgenie":
        return "close", messages.opsgenie_close(event, group), False
    if first.channel == "webhook":
        return "closed", messages.webhook_body(event, None, "drift.closed", group), False
    return "close", ocsf.detection_finding(event, None, "close"), False  # (siem, splunk)


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
    group: int | None = None,
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
    if group is not None:
        fields["group"] = group
    if event.is_open:
        log.warning(what, **fields)
    else:
        log.info(what, **fields)


def on_failed(
    session: Session, server: Server, spec: ServerSpec, error: CollectError, settings: Settings, now: datetime
) -> bool:
    """Notify once per streak: on the first scan refused for auth (a revoked or expired credential
    needs a person), or when other failures reach `unreachable_after` consecutive scans. These
    notices are chat messages: the Slack receivers on the route of `auth_failure` or
    `unreachable` get them."""
    if error.error_class is ErrorClass.AUTH:
        kind, streak = "auth_failure", "auth"
        if failing_streak(session, server.id, 2, "auth") != 1:
            return False
        payload = messages.slack_auth_failed_message(server.name, error.message)
    else:
        kind = streak = "unreachable"
        if failing_streak(session, server.id, settings.unreachable_after) != settings.unreachable_after:
            return False
        payload = messages.slack_unreachable_message(server.name, settings.unreachable_after, error.message)
    chats = [
        t.receiver for t in targets(settings, spec, {kind}, NOTICE_SEVERITY) if t.receiver.type == "slack"
    ]
    for receiver in chats:
        outbox.enqueue(
            session,
            server_id=server.id,
            event_id=None,
            channel="slack",
            receiver=receiver.name,
            action="post",
            dedup_key=f"driftwatch/{server.name}/{streak}/{now.isoformat()}",
            payload=payload,
            now=now,
        )
    return bool(chats)


def route_of(
    settings: Settings, spec: ServerSpec, kinds: Sequence[str] = routing.SERVER_EVENTS
) -> dict[str, list[tuple[str, str, list[Severity]]]]:
    """`spec`'s resolved route, per event type a server raises (`kinds`): each receiver reached,
    its type, and at which severities (what `config check` prints)."""
    resolved: dict[str, list[tuple[str, str, list[Severity]]]] = {}
    for kind in kinds:
        events = {"drift", "finding"} if kind == "finding" else {kind}
        reached: dict[str, tuple[str, list[Severity]]] = {}
        levels = [NOTICE_SEVERITY] if kind in ("unreachable", "auth_failure") else list(Severity)
        for severity in reversed(levels):  # (receivers in route order, as the most severe event meets them)
            for target in targets(settings, spec, events, severity):
                if kind in ("unreachable", "auth_failure") and target.receiver.type != "slack":
                    continue
                reached.setdefault(target.receiver.name, (target.receiver.type, []))[1].insert(0, severity)
        resolved[kind] = [(name, kind_, levels_) for name, (kind_, levels_) in reached.items()]
    return resolved


def channels_for(settings: Settings, spec: ServerSpec) -> list[str]:
    """The receivers a drift of `spec`'s would reach at some severity: empty means nobody would
    hear of it."""
    return [name for name, _, _ in route_of(settings, spec, ("drift",))["drift"]]
