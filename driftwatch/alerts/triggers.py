"""Turn what happened to a server into outbox rows, in the caller's transaction.

- a drift event opened: a Slack post and/or a PagerDuty trigger, as the policy decides;
- a drift event closed (approved, reverted, superseded): a PagerDuty resolve for its trigger and
  a Slack reply in the thread of its post;
- a server failing scan after scan: one Slack notice per streak of failures; for refused
  credentials at once (they will not heal by themselves), for other failures after a few scans.

Only channels that are configured get rows: an alert nobody could ever deliver is noise.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from driftwatch import policy
from driftwatch.alerts import messages, outbox
from driftwatch.errors import CollectError, ErrorClass
from driftwatch.logs import get_logger
from driftwatch.model import Severity
from driftwatch.registry import ServerSpec, display_url
from driftwatch.settings import Settings
from driftwatch.store.history import DriftEventRecord
from driftwatch.store.models import ChangeWindow, Observation, Server
from driftwatch.windows import OpenWindow, first_open

log = get_logger(__name__)


def slack_configured(settings: Settings) -> bool:
    return settings.slack_bot_token is not None or settings.slack_webhook_url is not None


def pagerduty_configured(settings: Settings, spec: ServerSpec) -> bool:
    return settings.pagerduty_routing_key is not None or bool(spec.owner.pagerduty_routing_key)


def open_window(session: Session, server: Server, spec: ServerSpec, now: datetime) -> OpenWindow | None:
    """A recurring window of the server's, or an ad-hoc one for it or for all servers, open now."""
    recurring = first_open(spec.change_windows, now)
    if recurring is not None:
        return recurring
    adhoc = session.scalar(
        select(ChangeWindow)
        .where(or_(ChangeWindow.server_id == server.id, ChangeWindow.server_id.is_(None)))
        .where(ChangeWindow.starts_at <= now, ChangeWindow.ends_at > now, ChangeWindow.closed_at.is_(None))
        .order_by(ChangeWindow.id)
        .limit(1)
    )
    if adhoc is None:
        return None
    what = f"#{adhoc.id} opened by {adhoc.opened_by}" + (f" ({adhoc.ticket})" if adhoc.ticket else "")
    return OpenWindow(adhoc.starts_at, adhoc.ends_at, what)


def on_opened(
    session: Session,
    server: Server,
    spec: ServerSpec,
    event: DriftEventRecord,
    settings: Settings,
    now: datetime,
) -> policy.Decision:
    window = open_window(session, server, spec, now)
    decision = policy.decide(event, window, spec.alerting)
    context = messages.AlertContext(
        server=server.name,
        team=spec.owner.team,
        window=window.description if window else None,
        paging=decision.page,
    )
    key = messages.dedup_key(server.name, event.observed_hash)
    enqueued: list[str] = []
    if decision.notify and slack_configured(settings):
        enqueued.append("slack:post")
        outbox.enqueue(
            session,
            server_id=server.id,
            event_id=event.id,
            channel="slack",
            action="post",
            dedup_key=key,
            payload=messages.slack_drift_message(event, context),
            now=now,
        )
    if decision.page and pagerduty_configured(settings, spec):
        enqueued.append("pagerduty:trigger")
        links = [{"href": display_url(spec.url), "text": "the MCP server"}] if spec.url else []
        outbox.enqueue(
            session,
            server_id=server.id,
            event_id=event.id,
            channel="pagerduty",
            action="trigger",
            dedup_key=key,
            payload=messages.pagerduty_trigger(event, context, links),
            now=now,
        )
    _log_event("drift event opened", event, enqueued, window="open" if window else "closed")
    return decision


def on_closed(session: Session, server: Server, event: DriftEventRecord, now: datetime) -> None:
    """Resolve what the event triggered and answer in its Slack thread; nothing if it alerted nobody."""
    enqueued: list[str] = []
    trigger = outbox.first_alert(session, event.id, "pagerduty", "trigger")
    if trigger is not None:
        enqueued.append("pagerduty:resolve")
        outbox.enqueue(
            session,
            server_id=server.id,
            event_id=event.id,
            channel="pagerduty",
            action="resolve",
            dedup_key=trigger.dedup_key,
            payload=messages.pagerduty_resolve(),
            now=now,
        )
    post = outbox.first_alert(session, event.id, "slack", "post")
    if post is not None:
        enqueued.append("slack:reply")
        outbox.enqueue(
            session,
            server_id=server.id,
            event_id=event.id,
            channel="slack",
            action="reply",
            dedup_key=post.dedup_key,
            payload=messages.slack_closed_message(event),
            now=now,
            parent_id=post.id,
        )
    _log_event("drift event closed", event, enqueued)


def top_rule(event: DriftEventRecord) -> str | None:
    """The rule of the event's most severe finding (the first, on a tie)."""
    ranked = sorted(event.findings, key=lambda f: -_rank(f.get("severity")))
    return str(ranked[0].get("rule")) if ranked else None


def _rank(severity: object) -> int:
    try:
        return int(Severity.parse(str(severity)))
    except ValueError:
        return -1


def _log_event(what: str, event: DriftEventRecord, enqueued: list[str], window: str | None = None) -> None:
    """One structured line per drift event opened or closed: what an on-call greps for."""
    fields: dict[str, object] = {
        "server": event.server,
        "event_id": event.id,
        "state": event.state,
        "severity": event.severity,
        "changes": event.change_count,
        "top_rule": top_rule(event),
        "alerts_enqueued": ",".join(enqueued) or "none",
    }
    if window is not None:
        fields["window"] = window
    if event.is_open:
        log.warning(what, **fields)
    else:
        log.info(what, **fields)


def failing_streak(session: Session, server_id: int, limit: int, error_class: str | None = None) -> int:
    """Consecutive failed scans up to now (of `error_class`, or of any), counting at most `limit` rows."""
    streak = 0
    for observation in session.scalars(
        select(Observation)
        .where(Observation.server_id == server_id)
        .order_by(Observation.id.desc())
        .limit(limit)
    ):
        if observation.status == "ok" or error_class not in (None, observation.error_class):
            break
        streak += observation.scans
    return streak


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
    return channels
