"""Keep secrets out of everything driftwatch writes, including what a server says back.

Every value driftwatch resolves for a server (env values, header values, URL passwords and query
values, OAuth tokens) is registered here the moment it exists. Two kinds of text then pass
through this module before they go anywhere:

- our own messages (stored errors, log lines, CLI output): `scrub()` replaces every registered
  value;
- what a server sent (its manifest): `redact_json()` replaces every *credential* it echoes, so
  the database, the diff, every report, the lock file and the alerts only ever see the marker,
  and the manifest hash stays stable when the secret is rotated.

A server that wants to launder a secret does not echo it verbatim, so an echo is looked for in
every form it can take: plain, URL-encoded, base64 (standard and URL-safe, alone or embedded in a
longer base64 text such as a Basic auth header at any byte alignment), and any piece of at least
`PIECE` characters of each. All forms are matched in one Aho-Corasick pass (linear in the text),
and overlapping hits merge into one marker. Redaction always runs on whole text, before anything
shortens it: a secret cut in two by truncation would no longer match.
"""

from __future__ import annotations

import base64
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, quote_plus

import ahocorasick

MARKER = "[driftwatch:redacted]"
"""What replaces a secret. Its presence in a server's manifest is itself a finding."""

MIN_SECRET_LENGTH = 4
"""Shorter values (`1`, `on`) are not secret material, and scrubbing them would mangle text."""

MIN_CREDENTIAL_LENGTH = 8
"""Shorter values are not redacted from manifests: `prod` or `true` echoed in a description is
not a leak, and redacting it would raise a false `credential-echo`."""

PIECE = 12
"""Any run of this many characters of a secret counts as the secret: a truncated echo leaks too."""

_SECRET_NAME = re.compile(r"(?i)(key|token|secret|passw|pwd|auth|credential|cookie|session|bearer|private)")


@dataclass(frozen=True)
class _Known:
    values: frozenset[str] = frozenset()
    credentials: frozenset[str] = frozenset()


_lock = threading.Lock()
_known = _Known()
_matchers: dict[frozenset[str], _Matcher] = {}


def register(value: str, *, name: str | None = None, credential: bool = False) -> None:
    """Remember a resolved value as a secret, for the life of the process.

    `credential` marks a value a server must never echo (a token, a header value, a referenced
    env value); `name` (an env or header name) makes it one when the name says so (`API_KEY`).
    Other values (a literal `LOG_LEVEL: debug`) are only scrubbed from driftwatch's own messages.
    """
    global _known
    value = value.strip()
    if len(value) < MIN_SECRET_LENGTH:
        return
    credential = credential or (name is not None and _SECRET_NAME.search(name) is not None)
    credential = credential and len(value) >= MIN_CREDENTIAL_LENGTH
    known = _known
    if value in known.values and (not credential or value in known.credentials):
        return
    with _lock:
        _known = _Known(
            values=_known.values | {value},
            credentials=_known.credentials | ({value} if credential else set()),
        )


def is_secret_name(name: str) -> bool:
    """Whether a variable, header or parameter name says its value is a credential."""
    return _SECRET_NAME.search(name) is not None


def is_credential(value: str) -> bool:
    return value.strip() in _known.credentials


def scrub(text: str) -> str:
    """`text` with every registered value, in every echo form, replaced by the marker."""
    values = _known.values
    return _matcher(values).redact(text) if values and text else text


def redact_text(text: str) -> str:
    """`text` (sent by a server) with every credential, in every echo form, replaced."""
    credentials = _known.credentials
    return _matcher(credentials).redact(text) if credentials and text else text


def redact_json(value: Any) -> Any:
    """A JSON value (sent by a server) with every credential replaced in every string and key.

    Iterative, so a hostile nesting depth cannot exhaust the stack; returns the value itself
    when nothing is registered.
    """
    if not _known.credentials:
        return value
    return _Redactor(_matcher(_known.credentials)).run(value)


class _Redactor:
    """Rebuilds a JSON tree with redacted strings, without recursion."""

    def __init__(self, matcher: _Matcher) -> None:
        self.matcher = matcher

    def run(self, root: Any) -> Any:
        holder: list[Any] = [root]
        stack: list[tuple[Any, Any]] = [(holder, 0)]
        while stack:
            parent, key = stack.pop()
            node = parent[key]
            if isinstance(node, str):
                parent[key] = self.matcher.redact(node)
            elif isinstance(node, dict):
                copy = {self.matcher.redact(k) if isinstance(k, str) else k: v for k, v in node.items()}
                parent[key] = copy
                stack.extend((copy, k) for k in copy)
            elif isinstance(node, list):
                items = list(node)
                parent[key] = items
                stack.extend((items, i) for i in range(len(items)))
        return holder[0]


def _matcher(values: frozenset[str]) -> _Matcher:
    matcher = _matchers.get(values)
    if matcher is None:
        matcher = _Matcher(values)
        with _lock:
            _matchers.clear()  # only the latest set is ever asked for again
            _matchers[values] = matcher
    return matcher


_BASE64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=")


class _Matcher:
    """Every echo form of a set of secrets, found in one pass over a text.

    A base64 echo is replaced together with the whole base64 run around it: its first and last
    characters mix the secret's bits with its neighbours', so they would leak a little and, worse,
    change when the secret is rotated (the manifest hash must not)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        patterns: dict[str, bool] = {}
        for secret in secrets:
            plain = plain_forms(secret)
            for form in plain | encoded_forms(secret):
                for piece in _pieces(form):
                    patterns[piece] = patterns.get(piece, False) or form not in plain
        for pattern, encoded in patterns.items():
            self._automaton.add_word(pattern, (len(pattern), encoded))
        self._automaton.make_automaton()

    def redact(self, text: str) -> str:
        hits = sorted(
            (end + 1 - length, end + 1, encoded) for end, (length, encoded) in self._automaton.iter(text)
        )
        if not hits:
            return text
        out: list[str] = []
        cursor = 0  # everything before it is written
        start, stop, encoded = hits[0]
        for next_start, next_stop, next_encoded in [*hits[1:], (len(text) + 1, 0, False)]:
            if encoded:
                while start > cursor and text[start - 1] in _BASE64_CHARS:
                    start -= 1
                while stop < len(text) and text[stop] in _BASE64_CHARS:
                    stop += 1
            if next_start <= stop:
                stop, encoded = max(stop, next_stop), encoded or next_encoded
                continue
            out += [text[cursor:start], MARKER]
            cursor = stop
            start, stop, encoded = next_start, next_stop, next_encoded
        out.append(text[cursor:])
        return "".join(out)


def _pieces(form: str) -> list[str]:
    """The patterns that catch `form` or any `PIECE`-character run of it. A value with spaces
    (`Bearer abc…`) is cut into its words first: a run across the space would also take the
    neighbouring text of an unrelated sentence."""
    words = form.split()
    if len(words) > 1:
        return [form, *(piece for word in words if len(word) >= PIECE for piece in _pieces(word))]
    if len(form) <= PIECE:
        return [form]
    return [form[i : i + PIECE] for i in range(len(form) - PIECE + 1)]


def plain_forms(secret: str) -> set[str]:
    """`secret` as sent, and URL-encoded."""
    return {
        form
        for form in (secret, quote(secret, safe=""), quote_plus(secret))
        if len(form) >= MIN_SECRET_LENGTH
    }


def encoded_forms(secret: str) -> set[str]:
    """`secret` in base64 (standard and URL-safe), alone or embedded in a longer base64 text at
    each byte alignment: the characters that depend on the secret's bytes only."""
    raw = secret.encode("utf-8", "surrogatepass")
    forms = set()
    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        for shift in (0, 1, 2):
            encoded = encode(b"\0" * shift + raw).decode("ascii")
            first = (shift * 8 + 5) // 6
            usable = ((shift + len(raw)) * 8) // 6
            forms.add(encoded[first:usable])
    return {form for form in forms if len(form) >= MIN_SECRET_LENGTH}
