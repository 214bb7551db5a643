"""Found servers against the registry, by host identity: which ones nobody registered.

A registered server is identified the way a found one is (driftwatch/discover/identity.py), from
its command, arguments and directory or from its URL, never from its name: a registered server
that a client config calls something else still matches, and an unknown server that a config
names like a registered one does not. Found entries of one identity are one server, seen in
every place listed (`found_in`).

Everything this module hands to a printer has been scrubbed of the secrets the reading
registered (driftwatch/discover/found.py): JSON, SARIF and text all start from `to_json` or from
the same scrubbed strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from driftwatch import redact
from driftwatch.discover.clients import ServerEntry
from driftwatch.discover.found import Discovery, Found, Problem
from driftwatch.discover.identity import Identity, of_launch, of_url
from driftwatch.model import JSONObject
from driftwatch.registry import Registry, ServerSpec, slug


@dataclass(frozen=True)
class Sighting:
    """Where a server was found: the file, its client, and the name that file gives it."""

    file: str
    client: str
    name: str
    version: str | None
    line: int | None = None
    """The line of `file` that declares it; None when not found (or a Kubernetes object)."""

    def to_json(self) -> JSONObject:
        return {
            "file": _clean(self.file),
            "client": self.client,
            "name": _clean(self.name),
            "version": _clean(self.version) if self.version else None,
            "line": self.line,
        }


@dataclass(frozen=True)
class Seen:
    """One server (one identity), where it was found, and the registered server it is, if any."""

    identity: Identity
    transport: str
    sightings: tuple[Sighting, ...]
    server: str | None
    """The registry name of the server it matched; None: nobody registered it."""
    declared: ServerEntry = field(repr=False)
    """Its first declaration, as written (secrets included): what `--add` imports."""

    def to_json(self) -> JSONObject:
        identity = {k: _clean(v) if isinstance(v, str) else v for k, v in self.identity.to_json().items()}
        return {
            "server": self.server,
            "identity": identity,
            "transport": self.transport,
            "found_in": [s.to_json() for s in self.sightings],
        }


@dataclass(frozen=True)
class Report:
    """The outcome of `discover`: every server seen, the files read, the problems met."""

    files: tuple[str, ...]
    servers: tuple[Seen, ...]
    problems: tuple[Problem, ...]

    @property
    def unknown(self) -> list[Seen]:
        return [s for s in self.servers if s.server is None]

    @property
    def registered(self) -> list[Seen]:
        return [s for s in self.servers if s.server is not None]

    def to_json(self) -> JSONObject:
        """`discover --format json` (docs/contract.md)."""
        return {
            "files": [_clean(f) for f in self.files],
            "unknown": [s.to_json() for s in self.unknown],
            "registered": [s.to_json() for s in self.registered],
            "errors": [{"file": _clean(p.file), "message": _clean(p.message)} for p in self.problems],
        }


def of_spec(spec: ServerSpec) -> Identity:
    """The host identity of a registered server (references in it stay as written)."""
    if spec.transport == "stdio":
        return of_launch(spec.command or "", spec.args, spec.cwd)
    return of_url(spec.url or "")


def match(discovery: Discovery, registry: Registry) -> Report:
    """Group what was found by identity and name the registered server each one is."""
    known: dict[str, str] = {}
    for spec in registry.servers:
        known.setdefault(of_spec(spec).key, spec.name)
    groups: dict[str, list[Found]] = {}
    for found in discovery.found:
        groups.setdefault(found.identity.key, []).append(found)
    servers = tuple(_seen(group, _registered(key, group, known)) for key, group in groups.items())
    return Report(discovery.files, servers, discovery.problems)


def _registered(key: str, group: Sequence[Found], known: dict[str, str]) -> str | None:
    """The registered server of `key`, or of another identity a found entry has (`Found.also`)."""
    if key in known:
        return known[key]
    return next((known[a.key] for f in group for a in f.also if a.key in known), None)


def _seen(group: Sequence[Found], server: str | None) -> Seen:
    first = group[0]
    sightings = tuple(Sighting(f.file, f.client, f.name, f.identity.version, f.line) for f in group)
    return Seen(first.identity, first.entry.transport, sightings, server, first.entry)


def registry_entries(unknown: Iterable[Seen], taken: Iterable[str]) -> list[JSONObject]:
    """Registry entries for `unknown` servers (as `server import` reads them), each named after
    its config name, made unique against `taken` (the registered names) and each other: an
    unknown server that a config calls like a registered one is a different server."""
    used = set(taken)
    entries: list[JSONObject] = []
    for seen in unknown:
        declared = seen.declared
        base = slug(declared.name)
        name, number = base, 1
        while name in used:
            number += 1
            name = f"{base}-{number}"
        used.add(name)
        entry: JSONObject = {"name": name, "transport": declared.transport}
        if declared.transport == "stdio":
            entry.update(command=declared.command, args=list(declared.args))
            if declared.cwd:
                entry["cwd"] = declared.cwd
            if declared.env:
                entry["env"] = dict(declared.env)
        else:
            entry["url"] = declared.url
            if declared.headers:
                entry["headers"] = dict(declared.headers)
        entries.append(entry)
    return entries


def _clean(text: str) -> str:
    """A string safe to print as far as secrets go (hidden characters are the printer's job)."""
    return redact.scrub(text)
