"""What a server shows an agent, in one canonical, hashable form.

A Manifest holds exactly the wire JSON an MCP server sent (camelCase, as MCP names the fields):
its identity and capabilities, its `instructions`, and its tools, prompts, resources and resource
templates. Hashing must be deterministic across processes, machines and database backends, blind
to what carries no meaning (JSON key order, whitespace, the order a server lists its items in) and
sensitive to every byte of every string: a single zero-width character is a different manifest.

Canonical JSON here is RFC 8785 in spirit: object keys sorted, no insignificant whitespace, UTF-8
without escaping. It is done with the standard library's encoder on purpose: JSON that reaches us
was parsed by Python, so integers of any size and floats round-trip exactly through `repr`, where a
strict RFC 8785 encoder would refuse integers beyond 2**53 that a hostile schema can carry.

The negotiated protocol version is deliberately not part of a Manifest: it describes the connection
(and changes when the client upgrades), not what the server exposes. Observations record it.
"""

from __future__ import annotations

import hashlib
import json
import json.encoder
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from driftwatch.model import ItemKind, JSONObject

ITEM_KINDS = (ItemKind.TOOL, ItemKind.PROMPT, ItemKind.RESOURCE, ItemKind.RESOURCE_TEMPLATE)
"""The kinds of listed items (every ItemKind but the server header), in output order."""

LIST_FIELDS: dict[ItemKind, str] = {
    ItemKind.TOOL: "tools",
    ItemKind.PROMPT: "prompts",
    ItemKind.RESOURCE: "resources",
    ItemKind.RESOURCE_TEMPLATE: "resourceTemplates",
}
"""Item kind -> the manifest field (and MCP list result field) that holds items of that kind."""

KEY_FIELDS: dict[ItemKind, str] = {
    ItemKind.TOOL: "name",
    ItemKind.PROMPT: "name",
    ItemKind.RESOURCE: "uri",
    ItemKind.RESOURCE_TEMPLATE: "uriTemplate",
}
"""The field that identifies an item of each kind: what a diff keys on instead of list position."""


def canonical_json(value: Any) -> bytes:
    """Serialize JSON-compatible data canonically: sorted keys, no whitespace, UTF-8.

    Lone surrogates (legal in JSON text as escapes, not in UTF-8) are kept byte-exact with
    `surrogatepass` so that hostile input neither crashes hashing nor collides with other text.
    """
    if _ENCODE is None:
        return _CANONICAL.encode(value).encode("utf-8", "surrogatepass")
    try:
        text = "".join(_ENCODE(value, 0))
    except RecursionError:  # too deep, or a cycle (a YAML alias): json's own encoder says which
        text = _CANONICAL.encode(value)
    return text.encode("utf-8", "surrogatepass")


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
"""`json.dumps` with these options, made once: a scan hashes every item of every manifest (two dozen
per server), and `json.dumps` given options builds an encoder for each call."""


def _unserializable(value: object) -> object:
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


_MAKE_ENCODER: Callable[..., Callable[[Any, int], Sequence[str]]] | None = getattr(
    json.encoder, "c_make_encoder", None
)
_ENCODE = (
    None  # (no C accelerator: _CANONICAL alone)
    if _MAKE_ENCODER is None
    else _MAKE_ENCODER(
        None, _unserializable, json.encoder.encode_basestring, None, ":", ",", True, False, False
    )
)
"""_CANONICAL's own C encoder, made once: `encode` makes one (and a closure) for each call, a third
of the time of hashing an item of two hundred bytes. Made without the table of containers being
encoded (`markers`), which would hold stale entries after a failed call: a cycle, which no parsed
JSON holds, exhausts the recursion limit instead, and is then told by `_CANONICAL` as before."""


def content_hash(value: Any) -> str:
    """The `sha256:<hex>` hash of a JSON value's canonical form."""
    return "sha256:" + hashlib.sha256(canonical_json(value)).hexdigest()


def item_key(kind: ItemKind, item: Mapping[str, Any]) -> str:
    """The identifying name (or URI) of an item; empty when a hostile server omitted it."""
    key = item.get(KEY_FIELDS[kind])
    return key if isinstance(key, str) else ""


@dataclass(frozen=True)
class Item:
    """One tool, prompt, resource or resource template, with its own content hash."""

    kind: ItemKind
    key: str
    body: JSONObject
    hash: str

    @classmethod
    def of(cls, kind: ItemKind, body: JSONObject) -> Item:
        return cls(kind=kind, key=item_key(kind, body), body=body, hash=content_hash(body))

    @property
    def ref(self) -> str:
        """`tool:echo`, `resource:file:///x`: the name scan JSON uses in its `items` map."""
        return f"{self.kind}:{self.key}"


def _sorted_items(kind: ItemKind, bodies: Sequence[JSONObject]) -> tuple[Item, ...]:
    # Sorting by (key, hash) makes the order total even when a server lists two items under one name.
    return tuple(sorted((Item.of(kind, b) for b in bodies), key=lambda i: (i.key, i.hash)))


@dataclass(frozen=True)
class Manifest:
    """Everything an agent sees of one server, canonically ordered.

    `server` holds `serverInfo` (name, version, title, …) and `capabilities`, as sent.
    """

    server: JSONObject = field(default_factory=dict)
    instructions: str | None = None
    tools: tuple[Item, ...] = ()
    prompts: tuple[Item, ...] = ()
    resources: tuple[Item, ...] = ()
    resource_templates: tuple[Item, ...] = ()

    @classmethod
    def build(
        cls,
        *,
        server: JSONObject | None = None,
        instructions: str | None = None,
        tools: Sequence[JSONObject] = (),
        prompts: Sequence[JSONObject] = (),
        resources: Sequence[JSONObject] = (),
        resource_templates: Sequence[JSONObject] = (),
    ) -> Manifest:
        """Make a manifest from wire JSON, in any order the server chose."""
        return cls(
            server=dict(server or {}),
            instructions=instructions,
            tools=_sorted_items(ItemKind.TOOL, tools),
            prompts=_sorted_items(ItemKind.PROMPT, prompts),
            resources=_sorted_items(ItemKind.RESOURCE, resources),
            resource_templates=_sorted_items(ItemKind.RESOURCE_TEMPLATE, resource_templates),
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Manifest:
        """Read a manifest in the export shape (`to_json`), the inverse of `to_json`."""
        return cls.build(
            server=data.get("server") or {},
            instructions=data.get("instructions"),
            tools=data.get("tools") or (),
            prompts=data.get("prompts") or (),
            resources=data.get("resources") or (),
            resource_templates=data.get("resourceTemplates") or (),
        )

    def items_of(self, kind: ItemKind) -> tuple[Item, ...]:
        return {
            "tool": self.tools,
            "prompt": self.prompts,
            "resource": self.resources,
            "resourceTemplate": self.resource_templates,
        }[kind]

    def items(self) -> Iterator[Item]:
        """Every listed item, tools first, in canonical order."""
        for kind in ITEM_KINDS:
            yield from self.items_of(kind)

    @property
    def server_name(self) -> str | None:
        name = self.server.get("serverInfo", {}).get("name")
        return name if isinstance(name, str) else None

    @property
    def server_version(self) -> str | None:
        version = self.server.get("serverInfo", {}).get("version")
        return version if isinstance(version, str) else None

    def counts(self) -> dict[str, int]:
        """Items per kind, keyed as scan JSON's `counts`."""
        return {LIST_FIELDS[kind]: len(self.items_of(kind)) for kind in ITEM_KINDS}

    def to_json(self) -> JSONObject:
        """The export shape: what `check` reads and what `baseline export` writes."""
        data: JSONObject = {"server": self.server, "instructions": self.instructions}
        for kind in ITEM_KINDS:
            data[LIST_FIELDS[kind]] = [item.body for item in self.items_of(kind)]
        return data

    def header(self) -> JSONObject:
        """The manifest without its items: what the store keeps beside the item hashes."""
        return {"server": self.server, "instructions": self.instructions}

    @cached_property
    def hash(self) -> str:
        """The whole-manifest hash: the header plus the multiset of item hashes per kind.

        Hashing item hashes rather than item bodies is as strong (each item hash is
        collision-resistant) and lets the store recompute it without loading the bodies.
        Computed once per manifest (a scan asks it in the collector, the monitor and the store).
        """
        return manifest_hash(
            self.header(), {kind: [i.hash for i in self.items_of(kind)] for kind in ITEM_KINDS}
        )


def manifest_hash(header: JSONObject, item_hashes: Mapping[ItemKind, Sequence[str]]) -> str:
    """Hash a manifest from its header and its item hashes, in any order."""
    items = {LIST_FIELDS[k]: sorted(item_hashes.get(k, ())) for k in ITEM_KINDS}
    return content_hash({"header": header, "items": items})
