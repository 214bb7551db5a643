"""Escape, then fit: server text inside a channel's documented limits.

A channel refuses a message that breaks its limits (Slack answers `invalid_blocks`, PagerDuty
400), and a refused page is a page nobody gets: an attacker only has to make its own text long
or full of characters that escape to more characters. So, in this order:

1. make hidden characters visible and the text one line (visible.py);
2. escape it for the channel (Slack mrkdwn: `&`, `<`, `>` as entities, which also disarms
   `<!channel>`, `<@U1>` and `<url|label>`);
3. only then cut it to the limit, never inside an entity, and say that it was cut.

Cutting before escaping (as this module replaced) let 300 characters of `<` become 1,200.
The limits are the documented ones: Slack Block Kit (section text 3,000, a section field 2,000,
header 150, 50 blocks), PagerDuty Events API v2 (summary 1,024, event 512 KB) and Opsgenie's Alert
API (message 130, description 15,000, details 8,000 in all, 20 tags of 50). Teams cards carry server
text only in TextRuns, which render no Markdown, within the webhook's 28 KB.
"""

from __future__ import annotations

from driftwatch.visible import visible

SLACK_SECTION = 3_000
SLACK_FIELD = 2_000
SLACK_HEADER = 150
SLACK_BLOCKS = 50
SLACK_TEXT = 3_000
"""The top-level `text` (notification and fallback): Slack allows 40,000; a page needs far less."""
PAGERDUTY_SUMMARY = 1_024
PAGERDUTY_EVENT_BYTES = 512 * 1024
OPSGENIE_MESSAGE = 130
OPSGENIE_DESCRIPTION = 15_000
OPSGENIE_DETAILS = 8_000
"""Characters of all `details` keys and values together."""
OPSGENIE_TAGS = 20
OPSGENIE_TAG = 50
TEAMS_BYTES = 28 * 1024
"""A Teams webhook message (the card and its envelope, as JSON) is refused past 28 KB."""

ELLIPSIS = "…"
_ENTITY_LONGEST = len("&amp;")


def slack_escape(text: str) -> str:
    """Server text as inert Slack mrkdwn on one line: visible, `&<>` escaped, not cut."""
    shown = visible(text, one_line=True)
    return shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cut(escaped: str, limit: int) -> str:
    """`escaped` in at most `limit` characters, never ending inside a `&…;` entity."""
    if len(escaped) <= limit:
        return escaped
    end = limit - len(ELLIPSIS)
    amp = escaped.rfind("&", max(end - _ENTITY_LONGEST, 0), end)
    if amp != -1 and escaped.find(";", amp, end) == -1:
        end = amp  # the entity starting at `amp` would be split: leave it out whole
    return escaped[:end] + ELLIPSIS


def slack_text(text: str, limit: int) -> str:
    """Escape, then fit: server text for Slack in at most `limit` characters."""
    return cut(slack_escape(text), limit)


def html_text(text: str, limit: int) -> str:
    """Escape, then fit, for a field that renders HTML (Opsgenie's message and description): the
    same three entities as Slack's mrkdwn, so the same cut never splits one."""
    return slack_text(text, limit)


def run_text(text: str, limit: int) -> str:
    """Server text for an Adaptive Card TextRun (rendered as plain text: no Markdown): visible,
    one line, `{{` split so no DATE()/TIME() function runs, cut."""
    return plain(text, limit).replace("{{", "{ {")


def lines_within(lines: list[str], limit: int, more: str) -> str:
    """As many whole (already escaped) lines as fit in `limit`, then `more` if some were left."""
    kept: list[str] = []
    used = 0
    for number, line in enumerate(lines):
        rest = len(lines) - number
        reserve = 0 if rest == 1 else len(more) + 1
        if used + len(line) + 1 + reserve > limit:
            kept.append(more)
            break
        kept.append(line)
        used += len(line) + 1
    return cut("\n".join(kept), limit)


def plain(text: str, limit: int) -> str:
    """Server text for a plain-text field (Slack header, PagerDuty summary): visible, cut."""
    shown = visible(text, one_line=True)
    return shown if len(shown) <= limit else shown[: limit - len(ELLIPSIS)] + ELLIPSIS
