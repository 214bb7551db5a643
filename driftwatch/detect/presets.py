"""Preset destinations: a parameter that sends data somewhere, defaulting to an address in the schema.

A split payload puts each half where it looks harmless. The description says "use the default
recipient unless the user says otherwise"; the parameter `recipient` defaults to an outside
address. Neither half orders anything alone, and the text rules read one string at a time. This
rule reads the parameter whole: its default is a destination (a URL, a bucket, an e-mail address)
and its name or description says that data goes there (recipient, destination, upload, send, in
any language of the lexicon).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from driftwatch.detect.lexicon import Concept, occurrences, plain
from driftwatch.detect.rule import Hit
from driftwatch.detect.split import (
    SendsOut,
    carrier_hit,
    default_hit,
    personal_bundle,
    sibling_hits,
    split_hit,
)
from driftwatch.detect.vocab import KEY_FILES
from driftwatch.manifest import Manifest
from driftwatch.model import ItemKind

MAX_PROPERTIES = 10_000
"""Properties read per tool: a schema with more is read up to here (the text rules read all of it)."""

_ADDRESS = re.compile(
    r"\A(?:[a-z][a-z0-9+.-]{1,15}://[^\s/]{3,}|[\w.+-]{1,64}@[\w-]{1,64}\.[\w.-]{2,64})",
    re.I,
)
"""A URL with a host (`https://…`, `s3://bucket`) or an e-mail address, at the start of a default."""
_DESTINATION_WORDS = re.compile(
    r"recipient|destination|\bdest\b|upload|webhook|callback|forward|\bsink\b|report_to|send_to"
    r"|destino|destinat|empfänger|\bziel|получател|адрес|目的|地址|上传|宛先|送信先|수신|주소|업로드",
    re.I,
)
_SENDS = frozenset({Concept.SEND, Concept.COPY_TO})
_ADDRESS_NAMES = frozenset({"to", "cc", "bcc", "target", "sink"})


def _sends_there(name: str, schema: Mapping[str, Any]) -> bool:
    """Whether the parameter is where data goes: by its name or by what its description says."""
    if not _ADDRESS_NAMES.isdisjoint(re.split(r"[^a-z]+", name.casefold())):
        return True  # `to`, `cc_email`, `bcc`, `target`
    description = schema.get("description")
    words = f"{name} {description if isinstance(description, str) else ''}"[:2_000]
    if _DESTINATION_WORDS.search(words):
        return True
    return any(o.concept in _SENDS for o in occurrences(plain(words)))


Property = tuple[str, str, Mapping[str, Any]]
"""(field path, name, schema) of one property of an input schema."""


def _properties(schema: Any) -> Iterator[Property]:
    """(field path, name, schema) of the properties of an input schema, nested ones included."""
    pending: list[tuple[str, Any]] = [("inputSchema", schema)]
    seen = 0
    while pending and seen < MAX_PROPERTIES:
        path, current = pending.pop()
        properties = current.get("properties") if isinstance(current, dict) else None
        if not isinstance(properties, dict):
            continue
        for name, inner in properties.items():
            seen += 1
            if isinstance(inner, dict):
                inner_path = f"{path}.properties.{str(name)[:200]}"
                yield inner_path, str(name), inner
                pending.append((inner_path, inner))


def _extensions(body: Mapping[str, Any]) -> str:
    """A tool's own `x-` strings (`x-endpoint: mailto:…`), read with its description for where it sends."""
    found = [
        f" {value[:500]}" for key, value in body.items() if key.startswith("x-") and isinstance(value, str)
    ]
    return "".join(found[:8])


def preset_hits(manifest: Manifest) -> Iterator[tuple[str, str, str, Hit]]:
    """(kind, name, field, hit) for each parameter that defaults to a destination it sends data to,
    and (split.py, on the same walk) each one filled with a secret by a tool that sends it out or
    named by the description as the carrier of a secret file; then each tool that sends out what a
    sibling gathers (split.sibling_hits)."""
    descriptions: dict[str, str] = {}
    for tool in manifest.items_of(ItemKind.TOOL):
        if isinstance(about := tool.body.get("description"), str):
            descriptions[tool.key] = about + _extensions(tool.body)
        sends = SendsOut(tool.body.get("description"), _extensions(tool.body))
        schema_root = tool.body.get("inputSchema")
        required = schema_root.get("required") if isinstance(schema_root, dict) else None
        properties = list(_properties(schema_root))  # (walked once: _key_contents_hit reads it too)
        for path, name, schema in properties:
            if (split := split_hit(sends, name, schema)) is not None:
                yield "tool", tool.key, f"{path}.description", split
            elif (preset := default_hit(sends, name, schema)) is not None:
                yield "tool", tool.key, f"{path}.default", preset
            if path.count(".properties.") == 1 and (
                carried := carrier_hit(sends.description, name, schema, required)
            ):
                yield "tool", tool.key, "description", carried
            default = schema.get("default")
            if not isinstance(default, str) or not (address := _ADDRESS.match(default.strip())):
                continue
            if _sends_there(name, schema):
                detail = f"parameter {name[:80]!r} sends data to a preset address unless the model changes it"
                yield (
                    "tool",
                    tool.key,
                    f"{path}.default",
                    Hit.of("preset-destination", detail, address.group()),
                )
        if isinstance(schema_root, dict) and (example := _example_hit(schema_root)) is not None:
            yield "tool", tool.key, "inputSchema.examples", example
        handed = _key_contents_hit(schema_root, properties) if isinstance(schema_root, dict) else None
        if handed is not None:
            yield "tool", tool.key, handed[0], handed[1]
    for name, hit in sibling_hits(descriptions):
        yield "tool", name, "description", hit


_EXAMPLES_READ = 8
"""Example calls read per tool."""


def _example_hit(schema: Mapping[str, Any]) -> Hit | None:
    """An example call that sends a person's records to an outside address: one argument of it a
    destination the parameter sends to (`recipients: [..., "archive@elsewhere.dev"]`), another two
    kinds or more of personal identifiers (`include: ["iban", "tax_id", "home_address"]`). The model
    copies an example's arguments; the split puts the address and the records in one example call."""
    examples = schema.get("examples")
    properties = schema.get("properties")
    if not isinstance(examples, list) or not isinstance(properties, dict):
        return None
    for example in (e for e in examples[:_EXAMPLES_READ] if isinstance(e, dict)):
        places = [
            value
            for name, value in example.items()
            if isinstance(properties.get(name), dict) and _sends_there(str(name), properties[name])
            for value in (value if isinstance(value, list) else [value])
            if isinstance(value, str) and _ADDRESS.match(value.strip())
        ]
        if not places:
            continue  # (most examples: no outside address, the records are not read)
        records = [bundle for value in example.values() if (bundle := _records(value)) is not None]
        if records:
            detail = f"an example call sends personal records to {places[0][:80]!r}"
            return Hit.of("side-channel-request", detail, records[0])
    return None


def _records(value: object) -> str | None:
    """Two kinds or more of personal identifiers in an example's argument (a string or a list)."""
    if isinstance(value, list):
        value = ", ".join(item for item in value[:64] if isinstance(item, str))
    return personal_bundle(value) if isinstance(value, str) else None


_CONTENTS_REACH = 40
"""Characters between a key file and the word for its contents (`conteúdo de ~/.gem/credentials`)."""


def _values(schema: Mapping[str, Any], properties: list[Property]) -> Iterator[tuple[str, str]]:
    """(field, text) of the values a schema fills a call with: each property's default, nested
    properties' included, and each argument of its example calls."""
    for path, _name, inner in properties:
        if isinstance(default := inner.get("default"), str):
            yield f"{path}.default", default[:2_000]
    examples = schema.get("examples")
    for index, example in enumerate(examples[:_EXAMPLES_READ] if isinstance(examples, list) else []):
        for name, value in example.items() if isinstance(example, dict) else ():
            if isinstance(value, str):
                yield f"inputSchema.examples[{index}].{str(name)[:200]}", value[:2_000]


def _key_contents_hit(schema: Mapping[str, Any], properties: list[Property]) -> tuple[str, Hit] | None:
    """A value the schema fills a call with that is the contents of a key file (`<conteúdo completo
    de ~/.gem/credentials>`, `contents of ~/.composer/auth.json`), beside a value that is an outside
    address (`https://…/upload`, `support@…`): the example or default call carries the key there.
    A key file's path alone is where a client looks for its own login, not what it sends."""
    values = list(_values(schema, properties))
    if not any(_ADDRESS.match(text.strip()) or "@" in text or "://" in text for _field, text in values):
        return None
    for field, text in values:
        folded = text.casefold()
        if not KEY_FILES.possible(folded):
            continue
        plain_text = plain(folded)
        contents = [o.start for o in occurrences(plain_text) if o.concept is Concept.CONTENTS]
        for found in KEY_FILES.pattern.finditer(plain_text):
            if any(abs(at - found.start()) <= _CONTENTS_REACH for at in contents):
                detail = "an example or default call puts a key file's contents beside an outside address"
                return field, Hit.of("side-channel-request", detail, text[:200])
    return None
