"""What a changed text introduces: its cues, compared as sets between the before and after side.

A change's severity comes from the evidence it brings, not from the fact that something changed
(a rewording, a typo fixed, a sentence moved are `low`). Each side of a changed leaf is read for
cues; a cue is new when the after side has it and the before side does not. Cues are sets, keyed by
what they are rather than where they sit, so that moving a cue within the text neither hides a new
one nor makes an approved one look new. Each new cue fires a drift rule (driftwatch/rules.py):

- `new-detector-finding`: a detector finding of `medium` or above that the before text did not
  have (same rule at a lower severity, or fired by a sentence the before text did not hold), at
  the finding's own severity; `new-concealment` (high) when that rule is `conceal-from-user`;
- `new-destination`: a URL host, e-mail address, IP address, host name or phone number;
- `new-tool-reference`: a tool name of this manifest or of another registered server, or another
  server's name (a plain word such as `add` counts only when quoted or called a tool or server);
- `new-hidden-characters`: invisible or control characters, keyed with the words around them,
  except their legitimate uses (flag emoji, emoji and script joiners, marks in right-to-left text).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from driftwatch.detect import scan_text
from driftwatch.detect.limits import STRING_BUDGET
from driftwatch.detect.vocab import destinations
from driftwatch.manifest import Manifest
from driftwatch.model import Finding, Severity
from driftwatch.names import NameIndex, joined, words
from driftwatch.rules import NO_OVERRIDES, SeverityOverrides, rule
from driftwatch.visible import shorten, visible


@dataclass(frozen=True)
class Cue:
    """One thing a text holds that a reviewer cares about, and the drift rule it fires when new."""

    rule: str
    key: str
    """What makes this cue itself (a host, a rule and its evidence): the set element."""
    severity: Severity
    """The rule's catalogue severity; a finding's own for `new-detector-finding` (overrides apply later)."""
    reason: str


@dataclass(frozen=True)
class Context:
    """What the cues of one diff are read against."""

    names: Mapping[str, str]
    """Casefolded tool or server name -> how a reason names it (`tool 'send_email' of server 'mail'`)."""
    distinctive: frozenset[str]
    """Casefolded names that are identifiers (`send_email`, `getUser`), found without quotes."""
    overrides: SeverityOverrides = NO_OVERRIDES
    index: NameIndex = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", NameIndex(self.names))

    def names_in(self, text: str) -> list[str]:
        """The names whose every word `text` holds: all a detector could see named in it."""
        return self.index.held_by(words(text))

    @classmethod
    def of(
        cls,
        before: Manifest,
        after: Manifest,
        other_servers_tools: Mapping[str, str],
        overrides: SeverityOverrides = NO_OVERRIDES,
    ) -> Context:
        names: dict[str, str] = {}
        distinctive: set[str] = set()
        for server in set(other_servers_tools.values()):
            names.setdefault(server.casefold(), f"server {server!r}")
            distinctive.update([server.casefold()] if _IDENTIFIER.search(server) else [])
        for name, server in other_servers_tools.items():
            names[name.casefold()] = f"tool {name!r} of server {server!r}"
            distinctive.update([name.casefold()] if _IDENTIFIER.search(name) else [])
        for tool in (*before.tools, *after.tools):
            names.setdefault(tool.key.casefold(), f"tool {tool.key!r}")
            distinctive.update([tool.key.casefold()] if _IDENTIFIER.search(tool.key) else [])
        return cls(names, frozenset(distinctive), overrides)


def introduced(before: Any, after: Any, field: str, own: str, context: Context, *, prose: bool) -> list[Cue]:
    """The cues `after` holds and `before` does not, in a stable order.

    `field` is the leaf's path (the detectors read parameters differently), `own` the item's own
    name (a tool naming itself is no reference). Hidden characters count in any value; the other
    cues only where `prose` (text the model reads: descriptions, instructions, schemas).
    """
    old, new = joined(before), joined(after)
    if old == new:
        return []
    # The cues read what the detectors read of a string (detect/limits.py); the rest of a longer
    # one is the detectors' `oversized-text`. Folding and splitting a whole 14 MB description
    # into sentences would hold several copies of it at once.
    old, new = old[:STRING_BUDGET], new[:STRING_BUDGET]

    cues = _new(hidden_cues(old), hidden_cues(new))
    if prose:
        cues += finding_cues(old, new, field, context)
        cues += _new(destination_cues(old), destination_cues(new))
        cues += _new(reference_cues(old, own, context), reference_cues(new, own, context))
    return cues


def _new(old: list[Cue], new: list[Cue]) -> list[Cue]:
    """The cues of `new` whose (rule, key) `old` does not have, each once."""
    had = {(c.rule, c.key) for c in old}
    fresh: dict[tuple[str, str], Cue] = {}
    for cue in new:
        fresh.setdefault((cue.rule, cue.key), cue)
    return [cue for key, cue in fresh.items() if key not in had]


# --- the text of a value (driftwatch/names.py: `joined`) ------------------------------------


def fold(text: str) -> str:
    """Compatibility-folded, lower case, one space between words: how two sentences are compared."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|(?<=[。！？；])|\n+")


def sentences(text: str) -> set[str]:
    """The folded sentences (and lines) of `text`."""
    return {folded for part in _SENTENCE_END.split(text) if (folded := fold(part))}


# --- detector findings -----------------------------------------------------------------------

FINDING_FLOOR = Severity.MEDIUM
"""Findings below this are context for a reviewer, not evidence that pages."""


def finding_cues(old: str, new: str, field: str, context: Context) -> list[Cue]:
    """Detector findings of `medium` or above on `new` that `old` did not have.

    A finding is new when its rule did not fire on `old` at that severity, or when it fires on the
    sentences `new` has and `old` does not (a second payload of a kind already approved). Sentences
    that only moved are no new text, so a moved finding is not new.
    """
    found = [f for f in _scan(new, field, context) if f.severity >= FINDING_FLOOR]
    if not found:
        return []
    had: dict[str, Severity] = {}
    for finding in _scan(old, field, context) if old else []:
        had[finding.rule] = max(finding.severity, had.get(finding.rule, Severity.INFO))
    again = [f.rule in had and f.severity <= had[f.rule] for f in found]
    fresh_rules = _fresh_rules(old, new, field, context) if any(again) else set()
    fresh = [f for f, had_it in zip(found, again, strict=True) if not had_it or f.rule in fresh_rules]
    return _new([], [_finding_cue(f) for f in fresh])


def _fresh_rules(old: str, new: str, field: str, context: Context) -> set[str]:
    """The rules that fire on the sentences of `new` that `old` does not have (read only when a
    finding of `new` is one `old` already had: the sentences tell whether it is a second one)."""
    known = sentences(old)
    parts = _SENTENCE_END.split(new)
    fresh = "\n".join(part for part in parts if (folded := fold(part)) and folded not in known)
    return {f.rule for f in _scan(fresh, field, context)} if fresh else set()


def _scan(text: str, field: str, context: Context) -> list[Finding]:
    """The detectors on `text`, told only the names it holds (10,000 known tools per call would
    cost more than the text)."""
    return context.overrides.findings(scan_text(text, field=field, known_tools=context.names_in(text)))


def _finding_cue(finding: Finding) -> Cue:
    evidence = shorten(finding.evidence, 120)
    if finding.rule == "conceal-from-user":
        reason = f"new concealment clause: {evidence}"
        return Cue("new-concealment", fold(finding.evidence), rule("new-concealment").severity, reason)
    reason = f"new {finding.rule} finding ({finding.severity}): {evidence}"
    return Cue("new-detector-finding", f"{finding.rule}:{fold(finding.evidence)}", finding.severity, reason)


# --- destinations ----------------------------------------------------------------------------

_DOTTED = re.compile(r"[a-z0-9][a-z0-9.-]*[a-z0-9]")
"""Candidate host names: runs of label characters, each run tried once (linear on any input)."""
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
TOP_LEVEL = frozenset(
    [
        "com",
        "net",
        "org",
        "io",
        "ai",
        "co",
        "me",
        "ru",
        "cn",
        "xyz",
        "dev",
        "app",
        "site",
        "info",
        "biz",
        "cc",
        "tk",
        "top",
        "online",
        "shop",
        "link",
        "click",
        "gg",
        "pw",
        "su",
        "ws",
        "example",
        "test",
        "invalid",
        "internal",
        "local",
        "onion",
    ]
)
"""Common and reserved top-level domains: a bare `relay.vendor.io` is a host, `config.py` and
`notes.md` are file names."""
_NOT_A_PLACE = re.compile(r"attacker|(?:external|remote|third[- ]party|my|our) (?:server|endpoint|host)")
"""Words the detectors treat as destinations in an order, but that a benign text uses too."""


def destination_cues(text: str) -> list[Cue]:
    """Every place `text` names, keyed by host (a URL's path may change freely) or address."""
    if not text:
        return []
    folded = unicodedata.normalize("NFKC", text).casefold()
    named = destinations(folded)
    rest, at = [], 0
    for match in named:  # hosts inside a URL or an address are that destination, not another
        rest.append(folded[at : max(at, match.start())])
        at = max(at, match.end())
    rest.append(folded[at:])
    places = [m.group() for m in named] + [
        m.group() for m in _DOTTED.finditer(" ".join(rest)) if _is_host(m.group())
    ]
    cues = []
    for place in places:
        if _NOT_A_PLACE.fullmatch(place.strip()):
            continue
        key = _place(place)
        if key:
            cues.append(
                Cue("new-destination", key, rule("new-destination").severity, f"new destination {key!r}")
            )
    return cues


def _is_host(candidate: str) -> bool:
    labels = candidate.split(".")
    return len(labels) >= 2 and labels[-1] in TOP_LEVEL and all(_LABEL.fullmatch(label) for label in labels)


def _place(match: str) -> str:
    text = match.strip().strip("()[]<>\"'`.,;:!?")
    if "://" in text or text.startswith("www."):
        try:
            host = urlsplit(text if "://" in text else f"http://{text}").hostname
        except ValueError:
            host = None
        return (host or text).rstrip(".")
    return text


# --- references to other tools and servers ---------------------------------------------------

_IDENTIFIER = re.compile(r"[_\-./\d]|[a-z][A-Z]")
"""What makes a name an identifier rather than a word: `send_email`, `getUser`, `mail-2`."""
_TOKEN = re.compile(r"\w[\w.\-/]*\w|\w")
_QUOTES = "`'\"“”‘’«»"
_CALLED = re.compile(r"(?:tools?|servers?|functions?|commands?|mcp)\b", re.IGNORECASE)


def reference_cues(text: str, own: str, context: Context) -> list[Cue]:
    """The tools and servers `text` names, other than the item itself."""
    if not text or not context.names:
        return []
    own = own.casefold()
    cues = []
    for token in _TOKEN.finditer(text):
        for name in _names_in(token.group().casefold()):
            if name == own or name not in context.names:
                continue
            if name in context.distinctive or _called(text, token.start(), token.end()):
                label = context.names[name]
                cues.append(
                    Cue("new-tool-reference", name, rule("new-tool-reference").severity, f"now names {label}")
                )
    return cues


def _names_in(token: str) -> set[str]:
    """A token and its dotted or slashed parts: `mail.send_email` names `send_email` too."""
    return {token, *re.split(r"[./]", token)} - {""}


def _called(text: str, start: int, end: int) -> bool:
    """A plain word used as a name: quoted, or called a tool or server (`the add tool`)."""
    quoted = start > 0 and end < len(text) and text[start - 1] in _QUOTES and text[end] in _QUOTES
    after = _CALLED.match(text, end + 1) if text[end : end + 1] == " " else None
    before = re.search(
        r"(?:tool|server|function|command)\s+$", text[max(0, start - 12) : start], re.IGNORECASE
    )
    return quoted or after is not None or before is not None


# --- hidden characters -----------------------------------------------------------------------

_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef]+"
)
"""Characters that show nothing (or act on the display) where a reviewer reads the text."""
_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
"""A subdivision flag emoji (🏴 + tag letters + cancel tag): tag characters used as intended."""
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_JOINERS = frozenset("\u200c\u200d")
_MARKS = frozenset("\u200e\u200f\u061c")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_WORD_AFTER = re.compile(r"\W*(\w+)")


def hidden_cues(text: str) -> list[Cue]:
    """One cue per run of invisible characters, keyed by the run and the words on either side."""
    if text.isprintable() and text.isascii():
        return []
    text = _FLAG.sub("\U0001f3f4", text)
    right_to_left = _RIGHT_TO_LEFT.search(text) is not None
    cues: dict[str, Cue] = {}
    for run in _INVISIBLE.finditer(text):
        start, end = run.span()
        if _legitimate(text, start, end, right_to_left):
            continue
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        after = _WORD_AFTER.match(text, end, end + 40)
        around = (before.group(1) if before else "", after.group(1) if after else "")
        key = f"{run.group()}|{around[0].casefold()}|{around[1].casefold()}"
        if key not in cues:
            cues[key] = _hidden_cue(key, run.group(), around)
    return list(cues.values())


def _hidden_cue(key: str, chars: str, around: tuple[str, str]) -> Cue:
    codes = " ".join(sorted({f"U+{ord(c):04X}" for c in chars[:64]}))
    where = visible(f"{around[0]}{chars[:64]}{around[1]}", one_line=True)
    reason = f"{len(chars)} invisible characters ({codes}) newly in the text: {shorten(where, 80)}"
    return Cue("new-hidden-characters", key, rule("new-hidden-characters").severity, reason)


def _legitimate(text: str, start: int, end: int, right_to_left: bool) -> bool:
    chars = text[start:end]
    if chars == "\ufeff" and start == 0:
        return True  # a byte order mark left by an editor
    if right_to_left and set(chars) <= _MARKS:
        return True  # direction marks in right-to-left text
    left, right = text[start - 1 : start], text[end : end + 1]
    if chars in ("\ufe0e", "\ufe0f"):
        return bool(left) and (ord(left) > 0x2FF or right == "\u20e3")  # emoji or keycap presentation
    if set(chars) <= _JOINERS | {"\ufe0f"}:
        # emoji sequences and Indic or Arabic joiners: between two characters beyond Latin
        return bool(left and right) and ord(left) > 0x2FF and ord(right) > 0x2FF
    return False
