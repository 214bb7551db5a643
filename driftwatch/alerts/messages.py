"""What an alert says, for Slack (Block Kit) and PagerDuty (Events API v2).

Every server-provided string is hostile here too. Slack would turn `<!channel>` into a ping, `<@U1>`
into a mention and `<https://evil|docs>` into a disguised link; its documented escaping of `&`, `<`
and `>` makes all of them inert text. Hidden characters are made visible first, so an ANSI escape or
a tag character in a description reaches nobody's screen as anything but its escape. Every piece is
escaped, then fitted to the channel's limits (fit.py), so no server can make its own alert too big
to deliver; each payload also carries a `minimal` form (server, severity, approve command) that a
channel sends once if the full one is refused.

Every drift alert says why it paged or did not: the policy's decision reason (alerts/policy.py: the
policy rule, its threshold and the evidence behind the severity) is a *Why* section in Slack and
`custom_details.why` in PagerDuty, and each change line names its rules and their first reason.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from driftwatch import jsonout
from driftwatch.alerts.fit import (
    OPSGENIE_DESCRIPTION,
    OPSGENIE_MESSAGE,
    PAGERDUTY_SUMMARY,
    SLACK_FIELD,
    SLACK_HEADER,
    SLACK_SECTION,
    SLACK_TEXT,
    TEAMS_BYTES,
    html_text,
    lines_within,
    plain,
    run_text,
    slack_text,
)
from driftwatch.model import Change, DriftEventRecord, Finding, JSONObject, Severity, by_severity
from driftwatch.visible import shorten, visible

MAX_CHANGES_SHOWN = 8
MAX_FINDINGS_SHOWN = 3

PAGERDUTY_SEVERITY = {
    Severity.CRITICAL: "critical",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "info",
    Severity.INFO: "info",
}


LINE = 600
"""Escaped characters per bullet line: eight changes and the heading fit a 3,000-character section."""
WORD = 300
"""Escaped characters of a short value (owner, window, who closed)."""


@dataclass(frozen=True)
class Link:
    """An http(s) address from the configuration, and what it is."""

    href: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"href": self.href, "text": self.text}

    def slack(self) -> str:
        """`<href|text>`, the address unable to break out of it (`|`, `<`, `>`, `&` and spaces
        percent-encoded, whatever the configuration held)."""
        href = "".join(SLACK_UNSAFE_IN_LINK.get(c, c) for c in self.href)
        return f"<{href}|{self.text}>"


SLACK_UNSAFE_IN_LINK = {c: f"%{ord(c):02X}" for c in "|<>& \t\n"}


@dataclass(frozen=True)
class AlertContext:
    """Who and what the alert is about, beyond the event itself."""

    server: str
    team: str | None
    window: str | None
    """Description of the change window the drift happened in, or None (outside any window)."""
    paging: bool
    reason: str
    """Why the policy paged or did not (policy.Decision.reason): server text in it is escaped here."""
    links: tuple[Link, ...] = ()
    """Where the on-call goes next (the server, its runbook, the event in the published report):
    the operator's addresses, never a server's (alerts/triggers.py `links_for`)."""
    group: tuple[str, ...] = ()
    """The servers of the event's group, when it speaks for more than itself (alerts/grouping.py)."""
    group_id: int | None = None
    """That group's id (its first event's), for `driftwatch approve --group`."""

    @property
    def grouped(self) -> bool:
        return len(self.group) > 1


GROUP_NAMES = 50
"""Servers a grouped notification names at most (the count says how many there are)."""


def group_names(context: AlertContext, limit: int = GROUP_NAMES) -> str:
    """`a, b, c and 17 more`: the servers of a group, each one visible line within a bound."""
    shown = [shorten(visible(name, one_line=True), 80) for name in context.group[:limit]]
    more = len(context.group) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


def approve_command(event: DriftEventRecord, context: AlertContext | None = None) -> str:
    """The exact command that closes the event, or every event of its group (the on-call copies
    it into a terminal)."""
    if context is not None and context.grouped and context.group_id is not None:
        return f'driftwatch approve --group {context.group_id} --by "<you>" --reason "<why>"'
    reference = event.observed_hash[:19]
    return f'driftwatch approve {event.server} --hash {reference} --by "<you>" --reason "<why>"'


def describe_change(change: Change) -> str:
    """`changed tool "echo" description (high: new-destination, silent-change: new destination
    'evil.example')`: the rules and the first one's reason, hidden characters visible."""
    what = f"{change.change} {change.kind} {shorten(str(change.name), 80)!r}"
    if change.path:
        what += f" {shorten(str(change.path), 80)}"
    rules = ", ".join(change.rules)
    why = f": {shorten(str(change.reasons[0]), 160)}" if change.reasons else ""
    text = f"{what} ({change.severity}{': ' + rules if rules else ''}{why})"
    if change.category in ("description", "instructions") and isinstance(change.after, str):
        text += f', now: "{shorten(change.after, 120)}"'  # what the model reads now, at a glance
    return visible(text, one_line=True)


def describe_finding(finding: Finding) -> str:
    """`high hidden-instruction-tag in tool "add" description: <IMPORTANT>…`, hidden characters visible."""
    where = f"{finding.kind} {shorten(str(finding.name), 80)!r} {finding.field}"
    return visible(
        f"{finding.severity} {finding.rule} in {where}: {shorten(str(finding.evidence), 160)}",
        one_line=True,
    )


def summary_lines(event: DriftEventRecord) -> list[str]:
    """Slack bullet lines for the event's changes, most severe first, escaped."""
    if event.baseline_hash is None:
        return ["• the server has no approved baseline yet: nothing it shows has been reviewed"]
    shown = by_severity(event.changes)[:MAX_CHANGES_SHOWN]
    lines = ["• " + slack_text(describe_change(c), LINE) for c in shown]
    if len(event.changes) > MAX_CHANGES_SHOWN:
        lines.append(f"• … and {len(event.changes) - MAX_CHANGES_SHOWN} more changes")
    return lines


def _section(heading: str, lines: list[str]) -> JSONObject:
    more = "• … (more in `driftwatch diff`)"
    text = lines_within([heading, *lines], SLACK_SECTION, more)
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _minimal(title: str, event: DriftEventRecord, context: AlertContext) -> str:
    """The form a channel falls back to when it refuses the full one: what, and how to close it."""
    return f"{slack_text(title, 300)}. To approve: `{_approve(event, context)}`"


def _approve(event: DriftEventRecord, context: AlertContext) -> str:
    """The approve command for Slack: its `<you>` placeholders escaped like any other text."""
    return slack_text(approve_command(event, context), 1_000)


def drift_title(event: DriftEventRecord, context: AlertContext) -> str:
    """`MCP drift on notes: high` (or `Unapproved MCP server …`): the headline of a chat message."""
    if event.baseline_hash is None:
        return f"Unapproved MCP server {context.server}: {event.severity}"
    if context.grouped:
        return f"MCP drift on {len(context.group)} servers: {event.severity}"
    return f"MCP drift on {context.server}: {event.severity}"


def _where_and_what(context: AlertContext, window: str | None) -> tuple[str, str]:
    """(`inside change window …` or `outside any change window`, `paging the owner` or
    `waiting for approval`), the window's description as the channel escaped it."""
    where = f"inside change window {window}" if window else "outside any change window"
    return where, "paging the owner" if context.paging else "waiting for approval"


def slack_drift_message(event: DriftEventRecord, context: AlertContext) -> JSONObject:
    """chat.postMessage arguments (text fallback + Block Kit) for an opened drift event."""
    title = drift_title(event, context)
    shown = slack_text(context.window, WORD) if context.window else None
    window, action = _where_and_what(context, shown)
    where = f"{len(context.group)} servers" if context.grouped else context.server
    fields = [
        f"*Server*\n{slack_text(where, WORD)}",
        f"*Owner*\n{slack_text(context.team or 'unassigned', WORD)}",
        f"*Severity*\n{event.severity}",
        f"*Window*\n{window}, {action}",
    ]
    blocks: list[JSONObject] = [
        {"type": "header", "text": {"type": "plain_text", "text": plain(title, SLACK_HEADER)}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f[:SLACK_FIELD]} for f in fields]},
        _section("*Why*", [slack_text(context.reason, LINE * 2)]),
        *(
            [
                _section(
                    f"*Same change on {len(context.group)} servers*",
                    [slack_text(group_names(context), 2_500)],
                )
            ]
            if context.grouped
            else []
        ),
        _section("*Changes*", summary_lines(event)),
    ]
    findings = by_severity(event.findings)[:MAX_FINDINGS_SHOWN]
    if findings:
        blocks.append(
            _section("*Top findings*", ["• " + slack_text(describe_finding(f), LINE) for f in findings])
        )
    blocks.append(
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": f"*To approve*\n```{_approve(event, context)}```"},
        }
    )
    blocks.append(
        {
            "type": "context",
            "elements": [
                {"type": "mrkdwn", "text": f"drift event {event.id} · observed {event.observed_hash[:19]}"},
                *({"type": "mrkdwn", "text": link.slack()} for link in context.links),
            ],
        }
    )
    return {
        "text": slack_text(title, SLACK_TEXT),
        "blocks": blocks,
        "minimal": _minimal(title, event, context),
    }


def slack_closed_message(
    event: DriftEventRecord, group: tuple[int, Sequence[str]] | None = None
) -> JSONObject:
    """The thread reply when the event closes (approved or reverted), or the last of its group."""
    who = f" by {slack_text(event.closed_by, WORD)}" if event.closed_by else ""
    text = f"Drift event {event.id} on {slack_text(event.server, WORD)} is {event.state}{who}."
    if group is not None:
        text = f"Every drift event of group {group[0]} ({len(group[1])} servers) is closed; the last: {text}"
    return _text_message(text)


def plain_message(text: str) -> JSONObject:
    """A one-section Slack message of `text`, escaped (it may hold a name someone typed)."""
    return _text_message(slack_text(text, SLACK_SECTION))


def teams_note(title: str, text: str) -> JSONObject:
    """A Teams card of a title and one line (a reminder)."""
    return _teams_card(title, [text], ())


def _text_message(text: str) -> JSONObject:
    """A one-section message whose text is already escaped; its minimal form is the text alone."""
    return {
        "text": text,
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
        "minimal": text,
    }


def slack_unreachable_message(server: str, failures: int, error: str) -> JSONObject:
    text = (
        f"driftwatch cannot scan {slack_text(server, WORD)}: {failures} scans in a row failed. "
        f"Last error: {slack_text(error, 1_000)}. While it fails, nobody sees whether it changed."
    )
    return _text_message(text)


def slack_auth_failed_message(server: str, error: str) -> JSONObject:
    text = (
        f"driftwatch cannot scan {slack_text(server, WORD)}: its credentials were refused "
        f"({slack_text(error, 1_000)}). Until someone renews them, nobody sees whether it changed. "
        "This is said once, not every scan."
    )
    return _text_message(text)


SUBJECTS = {
    "manifest": "MCP manifest drift",
    "package": "MCP package drift",
    "auth": "MCP authorization surface drift",
}
"""What a page calls a drift event, by its subject."""


def kind_of(event: DriftEventRecord) -> str:
    """What a page calls `event`: `MCP manifest drift`, …, or `unapproved MCP server`."""
    if event.baseline_hash is None:
        return "unapproved MCP server"
    return SUBJECTS.get(event.subject, "MCP drift")


def pagerduty_trigger(event: DriftEventRecord, context: AlertContext) -> JSONObject:
    """An Events API v2 `trigger`, without `routing_key` (a secret: added when sent)."""
    subject = kind_of(event)
    where = (
        f"{len(context.group)} servers ({group_names(context, 10)})" if context.grouped else context.server
    )
    summary = plain(
        f"{subject} on {where} ({event.severity}, {event.change_count} changes)", PAGERDUTY_SUMMARY
    )
    return {
        "event_action": "trigger",
        "payload": {
            "summary": summary,
            "source": f"driftwatch/{context.server}",
            "severity": PAGERDUTY_SEVERITY[event.severity],
            "component": context.server,
            "group": context.team or "unassigned",
            "class": "mcp-drift",
            "custom_details": _page_details(event, context),
        },
        "links": [link.to_json() for link in context.links],
        "minimal": {"summary": summary, "approve": approve_command(event, context)},
    }


PAGE_CHANGES = 20
PAGE_FINDINGS = 10
"""The most severe changes and findings a page lists (PagerDuty's details, Opsgenie's description)."""


def _page_details(event: DriftEventRecord, context: AlertContext) -> JSONObject:
    """PagerDuty's `custom_details` of a trigger or a Change Event."""
    details: JSONObject = {
        "event_id": event.id,
        "baseline_hash": event.baseline_hash,
        "observed_hash": event.observed_hash,
        "window": context.window or "outside any change window",
        "why": plain(context.reason, LINE * 2),
        "changes": [describe_change(c) for c in by_severity(event.changes)[:PAGE_CHANGES]],
        "findings": [describe_finding(f) for f in by_severity(event.findings)[:PAGE_FINDINGS]],
        "approve": approve_command(event, context),
    }
    if context.grouped:
        details["group"] = {
            "id": context.group_id,
            "count": len(context.group),
            "servers": group_names(context),
        }
    return details


def pagerduty_change(event: DriftEventRecord, context: AlertContext) -> JSONObject:
    """A Change Events API `/v2/change/enqueue` body, without `routing_key`: drift inside a change
    window is an approved change, so it goes on the service's timeline, not into an incident."""
    summary = plain(
        f"{kind_of(event)} on {context.server} inside change window "
        f"{context.window} ({event.severity}, {event.change_count} changes)",
        PAGERDUTY_SUMMARY,
    )
    return {
        "payload": {
            "summary": summary,
            "timestamp": event.first_seen.isoformat(),
            "source": f"driftwatch/{context.server}",
            "custom_details": _page_details(event, context),
        },
        "links": [link.to_json() for link in context.links],
        "minimal": {"summary": summary, "approve": approve_command(event)},
    }


WEBHOOK_SCHEMA = jsonout.schema_id("webhook")
"""The `schema` of a webhook body (docs/webhook.md, docs/schemas/webhook.v2.json): a new shape is a
new version (jsonout.SCHEMAS), never a silent change."""
WEBHOOK_ITEMS = 20
"""Changes and findings a webhook body lists at most (the most severe; `change_count` says all);
with each string bounded, a body stays under 256 KiB whatever the server sent."""
WEBHOOK_REASONS = 5
WEBHOOK_GROUP = 200
"""Servers a grouped webhook body names at most (`count` says how many there are)."""


def webhook_body(
    event: DriftEventRecord,
    context: AlertContext | None,
    kind: Literal["drift.opened", "drift.grouped", "drift.closed"],
    group: tuple[int, Sequence[str]] | None = None,
) -> JSONObject:
    """The body of a generic webhook (channels.Webhook) for an event opened (with `context`: why it
    paged or not) or closed. Every server string is one visible line within a bound (`plain`)."""
    alert = None
    if context is not None:
        alert = {
            "team": plain(context.team, WORD) if context.team else None,
            "window": plain(context.window, WORD) if context.window else None,
            "page": context.paging,
            "reason": plain(context.reason, LINE * 2),
        }
    return {
        "schema": WEBHOOK_SCHEMA,
        "type": kind,
        "server": plain(event.server, WORD),
        "event": {
            "id": event.id,
            "subject": event.subject,
            "state": str(event.state),
            "severity": str(event.severity),
            "baseline_hash": event.baseline_hash,
            "observed_hash": event.observed_hash,
            "change_count": event.change_count,
            "first_seen": event.first_seen.isoformat(),
            "closed_at": event.closed_at.isoformat() if event.closed_at else None,
            "closed_by": plain(event.closed_by, WORD) if event.closed_by else None,
            "changes": [_webhook_change(c) for c in by_severity(event.changes)[:WEBHOOK_ITEMS]],
            "findings": [_webhook_finding(f) for f in by_severity(event.findings)[:WEBHOOK_ITEMS]],
        },
        "alert": alert,
        "links": [link.to_json() for link in context.links] if context is not None else [],
        "approve": approve_command(event, context),
        "group": _webhook_group(context, group),
    }


def _webhook_group(
    context: AlertContext | None, group: tuple[int, Sequence[str]] | None
) -> JSONObject | None:
    """The servers an event speaks for beside itself (a group's opening or update, from the
    context; its close, from `group`): None for an event alone."""
    if context is not None and context.grouped:
        group = (context.group_id or 0, context.group)
    if group is None or len(group[1]) < 2:
        return None
    return {
        "id": group[0],
        "count": len(group[1]),
        "servers": [plain(s, WORD) for s in group[1][:WEBHOOK_GROUP]],
    }


def _webhook_change(change: Change) -> JSONObject:
    return {
        "change": str(change.change),
        "kind": str(change.kind),
        "name": plain(str(change.name), WORD),
        "path": plain(str(change.path), WORD),
        "severity": str(change.severity),
        "breaking": change.breaking,
        "rules": list(dict.fromkeys(change.rules))[:WEBHOOK_REASONS],
        "reasons": [plain(str(r), LINE) for r in change.reasons[:WEBHOOK_REASONS]],
    }


def _webhook_finding(finding: Finding) -> JSONObject:
    return {
        "rule": finding.rule,
        "severity": str(finding.severity),
        "kind": str(finding.kind),
        "name": plain(str(finding.name), WORD),
        "field": plain(str(finding.field), WORD),
        "evidence": plain(str(finding.evidence), LINE),
    }


TEAMS_CHANGES = 10
TEAMS_FINDINGS = 5


def teams_message(event: DriftEventRecord, context: AlertContext) -> JSONObject:
    """A Teams workflow webhook message: one Adaptive Card whose server text is all in TextRuns
    (no Markdown), the links as buttons, the whole within 28 KB (lines dropped from the end)."""
    title = drift_title(event, context)
    window, action = _where_and_what(context, context.window)
    lines = [
        f"Owner: {context.team or 'unassigned'}; {window}, {action}",
        *(
            [f"Same change on {len(context.group)} servers: {group_names(context)}"]
            if context.grouped
            else []
        ),
        f"Why: {context.reason}",
        *(describe_change(c) for c in by_severity(event.changes)[:TEAMS_CHANGES]),
        *(describe_finding(f) for f in by_severity(event.findings)[:TEAMS_FINDINGS]),
    ]
    approve = f"To approve: {approve_command(event, context)}"
    return _teams_card(title, [approve, *lines], context.links)


def teams_closed_message(
    event: DriftEventRecord, group: tuple[int, Sequence[str]] | None = None
) -> JSONObject:
    """A new card when the event closes (a Teams webhook cannot answer in a thread)."""
    who = f" by {event.closed_by}" if event.closed_by else ""
    title = f"Drift event {event.id} on {event.server} is {event.state}{who}"
    if group is not None:
        title = f"Drift on {len(group[1])} servers (group {group[0]}) is closed; the last: {title}"
    return _teams_card(title, [], ())


def _teams_card(title: str, lines: list[str], links: Sequence[Link]) -> JSONObject:
    def message(kept: list[str]) -> JSONObject:
        body: list[JSONObject] = [_rich(title, 300, bold=True), *(_rich(line, LINE) for line in kept)]
        card: JSONObject = {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": body,
            "actions": [{"type": "Action.OpenUrl", "title": link.text, "url": link.href} for link in links],
        }
        attachment = {
            "contentType": "application/vnd.microsoft.card.adaptive",
            "contentUrl": None,
            "content": card,
        }
        return {"type": "message", "attachments": [attachment]}

    kept = list(lines)
    while kept and len(json.dumps(message(kept)).encode()) > TEAMS_BYTES:
        kept.pop()
    return {**message(kept), "minimal": message(lines[:1])}


def _rich(text: str, limit: int, bold: bool = False) -> JSONObject:
    run: JSONObject = {"type": "TextRun", "text": run_text(text, limit)}
    if bold:
        run["weight"] = "bolder"
    return {"type": "RichTextBlock", "inlines": [run]}


OPSGENIE_PRIORITY = {
    Severity.CRITICAL: "P1",
    Severity.HIGH: "P2",
    Severity.MEDIUM: "P3",
    Severity.LOW: "P4",
    Severity.INFO: "P5",
}


def opsgenie_create(event: DriftEventRecord, context: AlertContext) -> JSONObject:
    """An Opsgenie Alert API v2 create body, `alias` the PagerDuty dedup key (the close finds it by
    that); Opsgenie renders HTML in the message and description, so server text is escaped for it."""
    subject = kind_of(event)
    where = f"{len(context.group)} servers" if context.grouped else context.server
    message = html_text(f"{subject} on {where}: {event.severity}", OPSGENIE_MESSAGE)
    why = [html_text(context.reason, LINE * 2)]
    if context.grouped:
        why.append(
            html_text(f"Same change on {len(context.group)} servers: {group_names(context)}", LINE * 4)
        )
    changes = [html_text(describe_change(c), LINE) for c in by_severity(event.changes)[:PAGE_CHANGES]]
    findings = [html_text(describe_finding(f), LINE) for f in by_severity(event.findings)[:PAGE_FINDINGS]]
    links = [f"{link.text}: {link.href}" for link in context.links]
    approve = html_text(approve_command(event, context), 1_000)
    lines = [f"To approve: {approve}", *links, "Why:", *why, "Changes:", *changes, "Findings:"]
    description = lines_within(  # (the command first: a cut never drops it)
        [*lines, *(findings or ["none"])], OPSGENIE_DESCRIPTION, "… (driftwatch history shows the rest)"
    )
    details = {
        "event_id": str(event.id),
        "subject": event.subject,
        "observed_hash": event.observed_hash,
        "baseline_hash": event.baseline_hash or "none",
        "window": plain(context.window or "outside any change window", WORD),
        "team": plain(context.team or "unassigned", WORD),
    }
    tags = ["driftwatch", f"severity:{event.severity}", f"subject:{event.subject}"]
    return {
        "message": message,
        "description": description,
        "details": details,
        "tags": tags,
        "entity": plain(context.server, 512),
        "source": "driftwatch",
        "priority": OPSGENIE_PRIORITY[event.severity],
        "minimal": {"message": message, "description": f"To approve: {approve}"},
    }


def opsgenie_close(event: DriftEventRecord, group: tuple[int, Sequence[str]] | None = None) -> JSONObject:
    """The body of a close by alias: who closed the event (the last of its group), and how."""
    who = f" by {plain(event.closed_by, WORD)}" if event.closed_by else ""
    note = f"drift event {event.id} {event.state}{who}"
    if group is not None:
        note = f"every drift event of group {group[0]} ({len(group[1])} servers) closed; the last: {note}"
    return {"source": "driftwatch", "note": note}


def pagerduty_resolve() -> JSONObject:
    return {"event_action": "resolve"}


def dedup_key(server: str, observed_hash: str, subject: str = "manifest") -> str:
    """One PagerDuty incident per (server, subject, observed manifest), whatever replays a crash
    causes: a package or authorization surface event under an unchanged manifest is an incident of
    its own, which resolving another never resolves. (A manifest event's key has no subject: the
    keys of incidents opened before subjects existed stay the same.)"""
    if subject == "manifest":
        return f"driftwatch/{server}/{observed_hash}"
    return f"driftwatch/{server}/{subject}/{observed_hash}"


MAX_SIGHTINGS_SHOWN = 8


def _sighting(place: JSONObject) -> str:
    """`claude-code /home/ana/.claude.json ("gh")`, hidden characters visible."""
    where = f"{place['client']} {shorten(str(place['file']), 200)} ({shorten(str(place['name']), 80)!r})"
    return visible(where, one_line=True)


def _unregistered_title(seen: JSONObject, severity: Severity) -> str:
    identity = seen["identity"]
    assert isinstance(identity, dict)
    return visible(f"Unregistered MCP server {shorten(str(identity['key']), 120)}: {severity}", one_line=True)


def slack_unregistered_message(seen: JSONObject, severity: Severity, paging: bool) -> JSONObject:
    """A Slack post about a server client configs launch that nobody registered. `seen` is
    `discover.Seen.to_json()` (credentials already scrubbed); every string in it was written by
    whoever wrote the config file, so it is escaped like any server text."""
    title = _unregistered_title(seen, severity)
    places = seen["found_in"]
    assert isinstance(places, list)
    lines = ["• " + slack_text(_sighting(p), LINE) for p in places[:MAX_SIGHTINGS_SHOWN]]
    if len(places) > MAX_SIGHTINGS_SHOWN:
        lines.append(f"• … and {len(places) - MAX_SIGHTINGS_SHOWN} more places")
    action = "paging" if paging else "notify only"
    why = (
        f"no registered server launches it or listens there ({seen['transport']}), so nobody watches "
        f"it for drift; {action}. Register it (`driftwatch discover PATH --add`) or remove it from "
        "these configs. This is said once per server."
    )
    blocks: list[JSONObject] = [
        {"type": "header", "text": {"type": "plain_text", "text": plain(title, SLACK_HEADER)}},
        _section("*Why*", [slack_text(visible(why, one_line=True), LINE)]),
        _section("*Found in*", lines),
    ]
    return {"text": slack_text(title, SLACK_TEXT), "blocks": blocks, "minimal": slack_text(title, 300)}


def pagerduty_unregistered_trigger(seen: JSONObject, severity: Severity) -> JSONObject:
    """An Events API v2 `trigger` for an unregistered server (no `routing_key`: added when sent)."""
    identity = seen["identity"]
    places = seen["found_in"]
    assert isinstance(identity, dict) and isinstance(places, list)
    summary = plain(_unregistered_title(seen, severity), PAGERDUTY_SUMMARY)
    return {
        "event_action": "trigger",
        "payload": {
            "summary": summary,
            "source": "driftwatch/discovery",
            "severity": PAGERDUTY_SEVERITY[severity],
            "component": plain(str(identity["key"]), 300),
            "group": "unregistered",
            "class": "mcp-unregistered-server",
            "custom_details": {
                "identity": plain(str(identity["key"]), 300),
                "transport": plain(str(seen["transport"]), 32),
                "found_in": [plain(_sighting(p), LINE) for p in places[:20]],
                "what_to_do": "driftwatch discover PATH --add (register it), or remove it from the configs",
            },
        },
        "minimal": {"summary": summary},
    }
