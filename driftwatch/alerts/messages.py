"""What an alert says, for Slack (Block Kit) and PagerDuty (Events API v2).

Every server-provided string is hostile here too. Slack would turn `<!channel>` into a ping, `<@U1>`
into a mention and `<https://evil|docs>` into a disguised link; its documented escaping of `&`, `<`
and `>` makes all of them inert text. Hidden characters are made visible first, so an ANSI escape or
a tag character in a description reaches nobody's screen as anything but its escape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from driftwatch.store.history import DriftEventRecord
from driftwatch.visible import shorten, visible

MAX_CHANGES_SHOWN = 8
MAX_FINDINGS_SHOWN = 3

PAGERDUTY_SEVERITY = {
    "critical": "critical",
    "high": "error",
    "medium": "warning",
    "low": "info",
    "info": "info",
}


def slack_escape(text: str, limit: int = 300) -> str:
    """Server text made safe for Slack mrkdwn: visible, shortened, and `&<>` escaped."""
    shown = visible(shorten(text, limit), one_line=True)
    return shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class AlertContext:
    """Who and what the alert is about, beyond the event itself."""

    server: str
    team: str | None
    window: str | None
    """Description of the change window the drift happened in, or None (outside any window)."""
    paging: bool


def approve_command(event: DriftEventRecord) -> str:
    """The exact command that closes the event (the on-call copies it into a terminal)."""
    reference = event.observed_hash[:19]
    return f'driftwatch approve {event.server} --hash {reference} --by "<you>" --reason "<why>"'


def describe_change(change: dict[str, Any]) -> str:
    """`changed tool "echo" description (high: silent-change)`, hidden characters visible."""
    what = f"{change['change']} {change['kind']} {shorten(str(change['name']), 80)!r}"
    if change.get("path"):
        what += f" {shorten(str(change['path']), 80)}"
    rules = ", ".join(change.get("rules") or [])
    text = f"{what} ({change['severity']}{': ' + rules if rules else ''})"
    if change.get("category") in ("description", "instructions") and isinstance(change.get("after"), str):
        text += f', now: "{shorten(change["after"], 120)}"'  # what the model reads now, at a glance
    return visible(text, one_line=True)


def describe_finding(finding: dict[str, Any]) -> str:
    """`high hidden-instruction-tag in tool "add" description: <IMPORTANT>…`, hidden characters visible."""
    where = f"{finding['kind']} {shorten(str(finding['name']), 80)!r} {finding['field']}"
    return visible(
        f"{finding['severity']} {finding['rule']} in {where}: {shorten(str(finding['evidence']), 160)}",
        one_line=True,
    )


def summary_lines(event: DriftEventRecord) -> list[str]:
    """Slack bullet lines for the event's changes, most severe first, escaped."""
    if event.baseline_hash is None:
        return ["• the server has no approved baseline yet: nothing it shows has been reviewed"]
    lines = ["• " + slack_escape(describe_change(c)) for c in _by_severity(event.changes)[:MAX_CHANGES_SHOWN]]
    if len(event.changes) > MAX_CHANGES_SHOWN:
        lines.append(f"• … and {len(event.changes) - MAX_CHANGES_SHOWN} more changes")
    return lines


def _by_severity(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}
    return sorted(items, key=lambda i: order.get(str(i.get("severity")), 5))


def slack_drift_message(event: DriftEventRecord, context: AlertContext) -> dict[str, Any]:
    """chat.postMessage arguments (text fallback + Block Kit) for an opened drift event."""
    title = f"MCP drift on {context.server}: {event.severity}"
    if event.baseline_hash is None:
        title = f"Unapproved MCP server {context.server}: {event.severity}"
    window = (
        f"inside change window {slack_escape(context.window)}"
        if context.window
        else "outside any change window"
    )
    action = "paging the owner" if context.paging else "waiting for approval"
    fields = [
        f"*Server*\n{slack_escape(context.server)}",
        f"*Owner*\n{slack_escape(context.team or 'unassigned')}",
        f"*Severity*\n{event.severity}",
        f"*Window*\n{window}, {action}",
    ]
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": visible(title, one_line=True)[:150]}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields]},
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": "*Changes*\n" + "\n".join(summary_lines(event))},
        },
    ]
    findings = _by_severity(event.findings)[:MAX_FINDINGS_SHOWN]
    if findings:
        text = "*Top findings*\n" + "\n".join("• " + slack_escape(describe_finding(f)) for f in findings)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text}})
    blocks.append(
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": f"*To approve*\n```{approve_command(event)}```"},
        }
    )
    blocks.append(
        {
            "type": "context",
            "elements": [
                {"type": "mrkdwn", "text": f"drift event {event.id} · observed {event.observed_hash[:19]}"}
            ],
        }
    )
    return {"text": slack_escape(title), "blocks": blocks}


def slack_closed_message(event: DriftEventRecord) -> dict[str, Any]:
    """The thread reply when the event closes (approved or reverted)."""
    who = f" by {slack_escape(event.closed_by)}" if event.closed_by else ""
    text = f"Drift event {event.id} on {slack_escape(event.server)} is {event.state}{who}."
    return {"text": text, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]}


def slack_unreachable_message(server: str, failures: int, error: str) -> dict[str, Any]:
    text = (
        f"driftwatch cannot scan {slack_escape(server)}: {failures} scans in a row failed. "
        f"Last error: {slack_escape(error)}. While it fails, nobody sees whether it changed."
    )
    return {"text": text, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]}


def slack_auth_failed_message(server: str, error: str) -> dict[str, Any]:
    text = (
        f"driftwatch cannot scan {slack_escape(server)}: its credentials were refused "
        f"({slack_escape(error)}). Until someone renews them, nobody sees whether it changed. "
        "This is said once, not every scan."
    )
    return {"text": text, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]}


def pagerduty_trigger(
    event: DriftEventRecord, context: AlertContext, links: list[dict[str, str]]
) -> dict[str, Any]:
    """An Events API v2 `trigger`, without `routing_key` (a secret: added when sent)."""
    subject = "unapproved MCP server" if event.baseline_hash is None else "MCP manifest drift"
    summary = visible(
        f"{subject} on {context.server} ({event.severity}, {event.change_count} changes)", one_line=True
    )
    return {
        "event_action": "trigger",
        "payload": {
            "summary": summary[:1024],
            "source": f"driftwatch/{context.server}",
            "severity": PAGERDUTY_SEVERITY[event.severity],
            "component": context.server,
            "group": context.team or "unassigned",
            "class": "mcp-drift",
            "custom_details": {
                "event_id": event.id,
                "baseline_hash": event.baseline_hash,
                "observed_hash": event.observed_hash,
                "window": context.window or "outside any change window",
                "changes": [describe_change(c) for c in _by_severity(event.changes)[:20]],
                "findings": [describe_finding(f) for f in _by_severity(event.findings)[:10]],
                "approve": approve_command(event),
            },
        },
        "links": links,
    }


def pagerduty_resolve() -> dict[str, Any]:
    return {"event_action": "resolve"}


def dedup_key(server: str, observed_hash: str) -> str:
    """One PagerDuty incident per (server, observed manifest), whatever replays a crash causes."""
    return f"driftwatch/{server}/{observed_hash}"
