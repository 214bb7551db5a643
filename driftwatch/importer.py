"""`server import`: a client's MCP config into the registry file, keeping its comments, never a secret.

A client config (Claude Desktop, Cursor, Windsurf `mcpServers`, VS Code `servers`) holds API keys
and tokens as literal values. Copied as they are, they would land in a file that is committed,
shared and pasted into tickets. So, in this order:

1. the client file is read and every entry validated as a registry entry (registry.py);
2. a URL carrying credentials (`user:password@`, or a query value whose name says key, token,
   secret…) is refused: the operator moves it into a header first; so is an argument carrying
   one (`--api-key VALUE`, `TOKEN=VALUE`), as arguments are passed as written (never resolved);
3. every env and header value becomes a `${NAME}` reference (a value that already is one stays),
   and the variables to set are returned, with where each came from, never the values;
4. the registry file is edited round-trip (ruamel.yaml), so its comments, order and layout
   survive, and written atomically (a temporary file, then a rename) with mode 600.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from driftwatch.errors import ConfigError
from driftwatch.files import write_atomically
from driftwatch.model import JSONObject
from driftwatch.redact import is_secret_name
from driftwatch.registry import ServerSpec, parse_registry

_REFERENCE = re.compile(r"^\$\{[^}]+\}$")
_VARIABLE = re.compile(r"^[A-Z_][A-Z0-9_]*$")


@dataclass
class Imported:
    """What an import did: the servers added and the variables the operator must now set."""

    path: Path
    servers: list[str]
    variables: dict[str, str] = field(default_factory=dict)
    """NAME -> where its value was (`server.env.KEY`, `server.headers.Authorization`)."""
    refused: dict[str, str] = field(default_factory=dict)
    """Server name -> why it was not imported (only with `skip_refused`)."""


def import_servers(client_file: Path, registry_path: Path, *, replace: bool) -> Imported:
    """Add the servers of `client_file` to the registry at `registry_path` (see the module doc)."""
    return _import(_client_entries(client_file), registry_path, replace=replace)


def import_entries(
    entries: list[JSONObject], registry_path: Path, *, replace: bool = False, skip_refused: bool = False
) -> Imported:
    """Add registry `entries` (`name`, `transport`, `command`… as written, secrets included) to the
    registry at `registry_path`, validated and then as steps 2 to 4 of the module doc say
    (`discover --add`). With `skip_refused`, a server whose URL carries a credential is left out
    (`Imported.refused` says why) instead of stopping the whole import."""
    specs = parse_registry({"servers": entries}, source="servers to import").servers
    return _import(_as_entries(specs), registry_path, replace=replace, skip_refused=skip_refused)


def _import(
    entries: list[JSONObject], registry_path: Path, *, replace: bool, skip_refused: bool = False
) -> Imported:
    refused: dict[str, str] = {}
    for entry in entries:
        try:
            _refuse_url_credentials(entry)
            _refuse_arg_credentials(entry)
        except ConfigError as exc:
            if not skip_refused:
                raise
            refused[entry["name"]] = str(exc).removesuffix(" (nothing was written)")
    entries = [e for e in entries if e["name"] not in refused]
    imported = Imported(registry_path, [e["name"] for e in entries], refused=refused)
    for entry in entries:
        _reference_secrets(entry, imported.variables)
    yaml = _yaml()
    document = _load(yaml, registry_path)
    if document.get("servers") is None:  # absent, or `servers:` with nothing under it yet
        document["servers"] = CommentedSeq()
    servers = document["servers"]
    if not isinstance(servers, list):
        raise ConfigError(f"{registry_path}: `servers` must be a list")
    clashes = sorted({e["name"] for e in entries} & {s.get("name") for s in servers if isinstance(s, dict)})
    if clashes and not replace:
        raise ConfigError(f"already registered: {', '.join(clashes)} (use --replace)")
    for index in reversed(range(len(servers))):
        if isinstance(servers[index], dict) and servers[index].get("name") in clashes:
            del servers[index]
    servers.extend(CommentedMap(entry) for entry in entries)
    _write(yaml, document, registry_path)
    return imported


def _client_entries(client_file: Path) -> list[JSONObject]:
    try:
        data = json.loads(client_file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {client_file}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{client_file} is not JSON: {exc}") from exc
    return _as_entries(parse_registry(data, source=str(client_file)).servers)


def _as_entries(specs: Iterable[ServerSpec]) -> list[JSONObject]:
    """Validated servers in the shape the registry file takes (defaults left out)."""
    return [
        {"name": s.name, "transport": s.transport, **s.model_dump(mode="json", exclude_defaults=True)}
        for s in specs
    ]


def _refuse_url_credentials(entry: JSONObject) -> None:
    url = entry.get("url")
    if not isinstance(url, str):
        return
    parts = urlsplit(url)
    named = [name for name, _ in parse_qsl(parts.query, keep_blank_values=True) if is_secret_name(name)]
    if parts.username or parts.password or named:
        where = "user:password@" if parts.username or parts.password else f"?{named[0]}="
        raise ConfigError(
            f"server {entry['name']!r}: its URL carries a credential ({where}); move it into a header "
            "such as Authorization and import again (nothing was written)"
        )


def _refuse_arg_credentials(entry: JSONObject) -> None:
    """Arguments are not resolved at launch (only env and headers are), so a credential passed as
    one (`--api-key VALUE`, `--token=VALUE`, `API_KEY=VALUE`) cannot become a reference: refused."""
    previous = ""
    for arg in entry.get("args") or []:
        name, equals, value = str(arg).partition("=")
        flagged = previous.startswith("-") and is_secret_name(previous) and not str(arg).startswith("-")
        if (equals and value and is_secret_name(name)) or flagged:
            where = f"{name}=…" if equals else f"{previous} …"
            raise ConfigError(
                f"server {entry['name']!r}: its arguments carry a credential ({where}); pass it "
                "through an env variable instead and import again (nothing was written)"
            )
        previous = str(arg)


def _reference_secrets(entry: JSONObject, variables: dict[str, str]) -> None:
    """Every literal env and header value replaced by a `${NAME}` reference."""
    for section in ("env", "headers"):
        values = entry.get(section) or {}
        for key, value in list(values.items()):
            if isinstance(value, str) and _REFERENCE.match(value):
                continue
            name = _variable_name(entry["name"], section, key, variables)
            variables[name] = f"{entry['name']}.{section}.{key}"
            values[key] = f"${{{name}}}"


def _variable_name(server: str, section: str, key: str, taken: dict[str, str]) -> str:
    """The env key itself when it is a plain variable name nobody else took, else SERVER_KEY."""
    if section == "env" and _VARIABLE.match(key) and key not in taken:
        return key
    base = re.sub(r"[^A-Z0-9]+", "_", f"{server}_{key}".upper()).strip("_")
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}_{number}"
    return name


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: comments, key order, quotes and flow style kept
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _load(yaml: YAML, path: Path) -> Any:
    if path.suffix == ".json":
        raise ConfigError(f"{path} is a client config used as the registry; import needs a YAML registry")
    try:
        document = yaml.load(path.read_text(encoding="utf-8")) if path.exists() else None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from exc
    except Exception as exc:  # ruamel's error tree has no single base; any parse error is one line
        raise ConfigError(f"{path} is not valid YAML: {' '.join(str(exc).split())}") from exc
    if document is None:
        return CommentedMap()
    if not isinstance(document, dict):
        raise ConfigError(f"{path}: expected a mapping with `servers:`")
    return document


def _write(yaml: YAML, document: Any, path: Path) -> None:
    text = io.StringIO()
    yaml.dump(document, text)
    write_atomically(path, text.getvalue(), mode=0o600)
