"""The one JSON writer for everything driftwatch prints or writes as JSON.

JSON output is read by people as well as programs: piped into a terminal, opened in an editor,
pasted into a ticket. Server text inside it must not act there. `json.dumps` with
`ensure_ascii=False` already escapes C0 controls, but leaves other code points raw that can:

1. C1 controls (U+0080–U+009F; U+009B is an 8-bit CSI that some terminals obey);
2. bidi embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E/F,
   U+061C) that reorder what a reviewer sees (Trojan Source);
3. Unicode tag characters (U+E0000–U+E007F) and zero-width characters (U+200B–U+200D,
   U+2060–U+2064, U+FEFF): invisible text a model still reads;
4. U+2028/U+2029, line breaks to JavaScript and to many editors;
5. lone surrogates, which are not UTF-8 at all (writing them raw would crash the writer).

Each is written as a `\\uXXXX` escape (astral characters as their surrogate pair), so the output
stays valid JSON that parses back to exactly the strings it was given. One compiled pattern over
the serialized text: linear in its size. Outside strings JSON is plain ASCII, so every match is
inside a string, where an escape is always valid.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

_ACTIVE = re.compile(
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff\U000e0000-\U000e007f]"
)


def _escape(match: re.Match[str]) -> str:
    point = ord(match.group())
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    point -= 0x10000
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"


def escape_active(serialized: str) -> str:
    """Serialized JSON with every active code point (see the module docstring) as a `\\u` escape.

    ASCII text (`isascii` reads a flag of the string, it does not scan it) can hold one of them
    only as DEL, found by a search in C: the whole of a scan's output of ASCII names and hashes is
    not walked by the pattern (~30 µs per server of `scan --format json`)."""
    if serialized.isascii() and "\x7f" not in serialized:
        return serialized
    return _ACTIVE.sub(_escape, serialized)


def dumps(value: Any, *, indent: int | None = 2, sort_keys: bool = False) -> str:
    """`value` as JSON, readable UTF-8 for ordinary text, escapes for everything that could act."""
    return escape_active(json.dumps(value, indent=indent, sort_keys=sort_keys, ensure_ascii=False))


SCHEMAS: dict[str, int] = {
    "scan": 1,
    "check": 1,
    "diff": 1,
    "history": 1,
    "report": 1,
    "server-list": 1,
    "discover": 1,
    "config-check": 1,
    "window-list": 1,
    "silence-list": 1,
    "suppression-list": 1,
    "audit-verify": 1,
    "auth-status": 1,
    "evidence": 1,
    "webhook": 2,
}
"""Every JSON document driftwatch writes, and the version of its shape: the `schema` it carries
(`driftwatch.scan/v1`) names the JSON Schema that describes it, driftwatch/schemas/scan.v1.json
(docs/schemas/). A document never changes shape without a new version here and a new schema file."""


def schema_id(name: str) -> str:
    """`driftwatch.scan/v1`: the `schema` of document `name` at its current version."""
    return f"driftwatch.{name}/v{SCHEMAS[name]}"


def document(name: str, body: dict[str, Any]) -> dict[str, Any]:
    """`body` as document `name`: its `schema` first, then its own keys."""
    return {"schema": schema_id(name), **body}


def dumps_listing(key: str, items: Iterable[Any], *, schema: str | None = None) -> Iterator[str]:
    """`{key: [items]}` as `dumps` writes it (indent 2), in pieces of one item each; with
    `schema`, the document `{"schema": schema_id(schema), key: [items]}`.

    A scan of a thousand servers prints a few megabytes; made whole, the document, its string and
    its encoded bytes were held at once, a tenth of the scan's peak memory. Each piece here is one
    item, serialized and escaped alone (JSON strings hold no raw line break, so indenting an item's
    lines is indenting the item), and the pieces joined are exactly `dumps({key: list(items)})`.
    """
    name = escape_active(json.dumps(key, ensure_ascii=False))
    head = f'{{\n  "schema": {json.dumps(schema_id(schema))},\n  ' if schema else "{\n  "
    opened = False
    for item in items:
        lines = dumps(item).split("\n")
        yield (",\n" if opened else f"{head}{name}: [\n") + "\n".join("    " + line for line in lines)
        opened = True
    yield "\n  ]\n}" if opened else f"{head}{name}: []\n}}"
