"""What every report format shares: how a value, a change, a time and a text diff are shown.

Renderers differ in markup, not in what they say. Keeping the wording and the diff here means
the terminal, Markdown, HTML and SARIF never disagree about a change, and `visible()` is applied
in one place for the values that are diffed (so a zero-width space that appears in a description
shows up as an inserted `\\u200b` token rather than as nothing).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from typing import Any, Literal

from driftwatch.model import Change, Finding, JSONObject, Severity
from driftwatch.visible import shorten, visible

SEVERITY_STYLE = {  # the terminal's style for each severity (rich style strings)
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}

CONTEXT_LINES = 3
"""Unchanged lines kept around each change of a long multi-line value (as `diff -u` does)."""

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_FILLER = re.compile(r"[^\w]{0,3}")


def short_hash(digest: str | None) -> str:
    """`sha256:` and 12 hex digits: enough to tell manifests apart and to type as a `--hash` prefix."""
    return digest[:19] if digest else "-"


def when(moment: datetime | None) -> str:
    """A time in UTC to the minute; reports are read across time zones, so no local time."""
    if moment is None:
        return "-"
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def plural(count: object, noun: str) -> str:
    """`1 change`, `3 changes`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def show(value: Any) -> str:
    """A before/after value as text: strings as they are, anything else as indented JSON.

    Hidden characters are made visible; tabs and newlines stay, so multi-line descriptions and
    schemas diff line by line.
    """
    if isinstance(value, str):
        return visible(value)
    return visible(json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True))


def one_line(value: Any, limit: int = 200) -> str:
    """A value for a table cell or a message: visible, on one line, shortened."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return visible(shorten(text, limit), one_line=True)


def item_label(change: Change | Finding) -> str:
    """`tool "echo"`: the kind and the (visible, shortened) name of the item a change is about."""
    name = one_line(str(change.name), 80)
    return f'{change.kind} "{name}"'


def change_title(change: Change) -> str:
    """`changed tool "echo" description`: what happened, to what, where; visible, one line."""
    title = f"{change.change} {item_label(change)}"
    if change.path:
        title += f" {one_line(str(change.path), 120)}"
    return title


def finding_location(finding: Finding) -> str:
    """`tool "add" description`: where a detector finding is."""
    return f"{item_label(finding)} {one_line(str(finding.field or ''), 120)}".rstrip()


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool
    """True for the words that differ between the two versions of a replaced line."""


DiffOp = Literal[" ", "-", "+", "@"]


@dataclass(frozen=True)
class DiffLine:
    """One line of a unified diff: kept (` `), removed (`-`), added (`+`), or a gap (`@`)."""

    op: DiffOp
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


def diff_lines(before: Any, after: Any) -> list[DiffLine]:
    """A unified diff of two values, with the changed words of each replaced line marked.

    Descriptions are usually one long line; a line diff alone would show two walls of text, so
    lines replaced one for one are also compared word by word, which is where an injected
    sentence or an invisible character stands out.
    """
    old, new = (text.splitlines() for text in _around_change(show(before), show(after)))
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    lines: list[DiffLine] = []
    for number, group in enumerate(matcher.get_grouped_opcodes(CONTEXT_LINES)):
        if number:
            lines.append(DiffLine("@", (Segment("…", False),)))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(DiffLine(" ", (Segment(line, False),)) for line in old[i1:i2])
            elif tag == "replace" and i2 - i1 == j2 - j1:
                for removed, added in zip(old[i1:i2], new[j1:j2], strict=True):
                    minus, plus = _word_diff(removed, added)
                    lines += [DiffLine("-", minus), DiffLine("+", plus)]
            else:
                lines.extend(DiffLine("-", (Segment(line, True),)) for line in old[i1:i2])
                lines.extend(DiffLine("+", (Segment(line, True),)) for line in new[j1:j2])
    return lines


DIFF_CHARS = 6_000
"""Most characters of a changed value that are diffed and shown. difflib's matching is quadratic
in the worst case, and a server decides how long its text is: past this, the diff shows the
changed middle with some context and says how much it left out (the JSON formats keep all)."""
CONTEXT_CHARS = 300
WORD_DIFF_TOKENS = 2_000
"""Most words of a pair of lines compared word by word; longer lines are marked changed whole."""


def _around_change(old: str, new: str) -> tuple[str, str]:
    """Both texts cut to the part that differs, with context, when together they are too long."""
    if len(old) + len(new) <= DIFF_CHARS:
        return old, new
    start = max(_common_prefix(old, new) - CONTEXT_CHARS, 0)
    tail = _common_prefix(old[start:][::-1], new[start:][::-1])
    end = max(tail - CONTEXT_CHARS, 0)
    return _cut(old, start, end), _cut(new, start, end)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by halving (slice comparisons run in C): O(n log n)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _cut(text: str, start: int, end: int) -> str:
    middle = text[start : len(text) - end]
    half = DIFF_CHARS // 4
    if len(middle) > 2 * half:
        middle = f"{middle[:half]}\n… ({len(middle) - 2 * half} characters not shown) …\n{middle[-half:]}"
    before = f"… ({start} characters unchanged) " if start else ""
    after = f" … ({end} characters unchanged)" if end else ""
    return before + middle + after


def _word_diff(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """The segments of two versions of a line, changed words marked.

    A short run of punctuation or spaces that happens to match between two changes (the `<` of
    two different tags) is counted as changed: marking it unchanged would chop one edit into
    confetti.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(a) + len(b) > WORD_DIFF_TOKENS:
        return (Segment(old, True),), (Segment(new, True),)
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    minus: list[Segment] = []
    plus: list[Segment] = []
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        same = "".join(a[i1:i2])
        inside = 0 < number < len(opcodes) - 1
        changed = tag != "equal" or (inside and _FILLER.fullmatch(same) is not None)
        _extend(minus, "".join(a[i1:i2]), changed)
        _extend(plus, "".join(b[j1:j2]), changed)
    return tuple(minus), tuple(plus)


def _extend(segments: list[Segment], text: str, changed: bool) -> None:
    """Append `text`, merged into the last segment when both are (un)changed alike."""
    if not text:
        return
    if segments and segments[-1].changed == changed:
        segments[-1] = Segment(segments[-1].text + text, changed)
    else:
        segments.append(Segment(text, changed))


def value_lines(change: Change) -> list[DiffLine]:
    """The lines to show for a change: a diff when something changed, the value when added or removed."""
    kind = change.change
    if kind == "added":
        return [DiffLine("+", (Segment(line, False),)) for line in show(change.after).splitlines()]
    if kind == "removed":
        return [DiffLine("-", (Segment(line, False),)) for line in show(change.before).splitlines()]
    return diff_lines(change.before, change.after)


def group_by_item(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    """Changes grouped per item (`tool "echo"`), items in order of first appearance."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(item_label(change), []).append(change)
    return list(groups.items())


DIGEST_LIMIT = 300
"""Characters of a description shown in an item's digest; `--full` shows everything."""


def item_digest(value: Any) -> list[str]:
    """An added or removed item in a few lines: its title, description and parameters.

    What a reviewer reads to know what arrived or left; the whole JSON (`--full`) is for when
    the digest raises a question. Every line is visible, one line, shortened.
    """
    if not isinstance(value, dict):
        return [one_line(value, DIGEST_LIMIT)]
    lines = []
    if value.get("title") not in (None, value.get("name")):
        lines.append(f"title: {one_line(value['title'], 120)}")
    if value.get("name") is not None and ("uri" in value or "uriTemplate" in value):
        lines.append(f"name: {one_line(value['name'], 120)}")
    if value.get("description"):
        lines.append(one_line(value["description"], DIGEST_LIMIT))
    params = _parameters(value)
    if params is not None:
        lines.append(f"parameters: {one_line(', '.join(params), DIGEST_LIMIT) if params else 'none'}")
    if value.get("mimeType"):
        lines.append(f"type: {one_line(value['mimeType'], 80)}")
    return lines or [one_line(value, DIGEST_LIMIT)]


DIGEST_PARAMETERS = 40
"""Parameters named in a digest; a hostile schema with thousands is counted, not listed."""


def _parameters(value: JSONObject) -> list[str] | None:
    """`name: type (required)` per tool input property or prompt argument; None for other items.

    Linear in the item's size and at most `DIGEST_PARAMETERS` entries (plus `… N more`).
    """
    schema = value.get("inputSchema")
    if isinstance(schema, dict):
        properties = schema.get("properties")
        listed = schema.get("required")
        required = {r for r in listed if isinstance(r, str)} if isinstance(listed, list) else set()
        if not isinstance(properties, dict):
            return []
        params = [
            f"{name}: {_type_of(spec)}{' (required)' if name in required else ''}"
            for name, spec in islice(properties.items(), DIGEST_PARAMETERS)
        ]
        total = len(properties)
    else:
        arguments = value.get("arguments")
        if not isinstance(arguments, list):
            return None
        params = [
            f"{a.get('name')}{' (required)' if a.get('required') else ''}"
            for a in islice((a for a in arguments if isinstance(a, dict)), DIGEST_PARAMETERS)
        ]
        total = len(arguments)
    if total > len(params):
        params.append(f"… {total - len(params)} more")
    return params


def _type_of(spec: Any) -> str:
    """A JSON-schema property's type in a word: `string`, `number|null`, `enum`, `object`."""
    if not isinstance(spec, dict):
        return "?"
    kind = spec.get("type")
    if isinstance(kind, list):
        return "|".join(str(k) for k in kind)
    if kind is None:
        return "enum" if "enum" in spec else "any"
    return str(kind)
