"""The audit log as a reviewer meets it: verified from the database or from an export, exported
signed, and the configuration recorded when it changes (docs/audit.md).

The chain itself (entries, canonical bytes, the walk) is `driftwatch.chain`'s; the rows are
`driftwatch.store.audit`'s. This module adds what needs the settings, the registry and a key:

- `verify_store` walks the whole log from entry 1 to the head row; `verify_export` walks an
  exported file from its first entry (whose `prev` is the anchor: a `--since` export starts
  mid-chain) to the head line, and checks the head's Ed25519 signature against a public key the
  reviewer holds, with no database. Both name the first entry that does not verify.
- `export` writes entries as JSON lines, each line canonical (so any one-byte edit shows), and a
  last line with the head, signed when the operator configured `audit_signing_key`.
- `record_config` appends `config.changed` when a digest of the configuration differs from the
  last one the same process kind (`daemon`, `scan`) recorded. The digest is over a redacted form:
  a secret (env and header values written literally, URL credentials and query values, tokens,
  routing keys, signing secrets) is replaced by a marker before anything is hashed, so no digest
  can be brute-forced back into a secret; `${NAME}` references stay, they name where a secret
  comes from, not what it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from sqlalchemy.orm import Session

from driftwatch import chain, files, redact
from driftwatch.errors import ConfigError
from driftwatch.model import JSONObject
from driftwatch.registry import Registry, ServerSpec
from driftwatch.settings import Settings
from driftwatch.store import audit as rows

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

KEY_FILE_LIMIT = 64 * 1024
EXPORT_LIMIT = 4 << 30
"""An export file read back whole: 4 GiB (a year of a busy fleet's entries is far less)."""


@dataclass(frozen=True)
class Verification:
    """What verifying the log found: `ok`, how many entries verified, the head, and where it stopped
    verifying (`first_bad`, the seq of the first bad entry; `problem`, what is wrong)."""

    ok: bool
    entries: int
    head_seq: int | None
    head_hash: str | None
    first_bad: int | None
    problem: str | None
    signed: bool = False
    """An export whose head signature was checked against the reviewer's public key."""

    def to_json(self) -> JSONObject:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "first_bad": self.first_bad,
            "problem": self.problem,
            "signed": self.signed,
        }

    def summary(self) -> str:
        if self.ok:
            signed = ", head signature verified" if self.signed else ""
            return (
                f"audit log verified: {self.entries} entries, head {self.head_seq} {self.head_hash}{signed}"
            )
        return f"audit log does not verify: {self.problem}"


def _verification(
    count: int, head: chain.Head | None, fault: chain.Fault | None, signed: bool = False
) -> Verification:
    return Verification(
        ok=fault is None,
        entries=count,
        head_seq=head.seq if head else None,
        head_hash=head.hash if head else None,
        first_bad=fault.seq if fault else None,
        problem=fault.problem if fault else None,
        signed=signed and fault is None,
    )


def verify_store(session: Session) -> Verification:
    """Walk the database's log from entry 1 to its head row.

    The head is read first and the entries up to it after: an entry appended meanwhile (by the
    daemon, beside this command) is not walked, and is no fault; an entry past a head that did
    not move is one (the head was set back)."""
    head = rows.head(session)
    with closing(rows.links(session, 1, head.seq if head else None)) as links:
        count, fault = chain.walk(links, 1, None, head)
    if fault is None and head is not None:
        last = rows.last_seq(session)
        now = rows.head(session) or head
        if last > now.seq:
            fault = chain.Fault(now.seq + 1, f"entry {now.seq + 1} is past the head (entry {now.seq})")
    return _verification(count, head, fault)


# -- exports ------------------------------------------------------------------------------------


def export(
    session: Session, since: datetime | None, now: datetime, key: Ed25519PrivateKey | None
) -> list[str]:
    """The log from the first entry at or after `since` (None: all of it) to the head, as lines
    (without their newline): one `{"entry": …, "hash": …}` per entry, then the head line."""
    return list(_export(session, since, now, key))


def _export(
    session: Session, since: datetime | None, now: datetime, key: Ed25519PrivateKey | None
) -> Iterator[str]:
    head = rows.head(session) or chain.Head(0, None)
    first = (rows.first_since(session, since) if since is not None else 1) or head.seq + 1
    with closing(rows.links(session, first, head.seq)) as links:
        for link in links:
            yield chain.canonical({"entry": json.loads(link.body), "hash": link.hash})
    signed = {"seq": head.seq, "hash": head.hash, "at": chain.timestamp(now), "first": first}
    signature = public = None
    if key is not None:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        signature = key.sign(chain.canonical(signed).encode("ascii")).hex()
        public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    yield chain.canonical({"head": signed, "signature": signature, "public_key": public})


def verify_export(data: bytes, public_key: bytes | None) -> Verification:
    """Walk an exported file; with `public_key` (raw Ed25519), its head must be signed by it."""
    try:
        lines = _lines(data)
        head_line = _head_line(lines[-1])
        links = [_entry_link(line, number) for number, line in enumerate(lines[:-1], start=1)]
    except ValueError as exc:
        return _verification(0, None, chain.Fault(None, str(exc)))
    signed, signature, key = head_line
    head = chain.Head(signed["seq"], signed["hash"])
    first, anchor = (links[0].seq, links[0].prev) if links else (head.seq + 1, head.hash)
    count, fault = chain.walk(links, first, anchor, head)
    if fault is None and signed["first"] != first:
        fault = chain.Fault(first, f"the head says the export starts at entry {signed['first']}, not {first}")
    if fault is None and public_key is not None:
        fault = _signature_fault(signed, signature, key, public_key)
    return _verification(count, head, fault, signed=public_key is not None)


def _lines(data: bytes) -> list[str]:
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        raise ValueError("the export is not ASCII (an export is canonical JSON lines)") from None
    if not text.endswith("\n"):
        raise ValueError("the export does not end with a newline (truncated?)")
    lines = text[:-1].split("\n")
    for number, line in enumerate(lines, start=1):
        if chain.canonical(_json(line, number)) != line:
            raise ValueError(f"line {number} is not canonical JSON (edited?)")
    return lines


def _json(line: str, number: int) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError:
        raise ValueError(f"line {number} is not JSON") from None


_HEX = re.compile(r"[0-9a-f]+")


def _head_line(line: str) -> tuple[JSONObject, bytes | None, bytes | None]:
    """The signed head, the signature and the public key of the last line."""
    value = json.loads(line)
    if not isinstance(value, dict) or set(value) != {"head", "signature", "public_key"}:
        raise ValueError("the last line is not the head (truncated?)")
    signed = value["head"]
    if not isinstance(signed, dict) or set(signed) != {"seq", "hash", "at", "first"}:
        raise ValueError("the head line's head is not {seq, hash, at, first}")
    if not all(isinstance(signed[k], int) and not isinstance(signed[k], bool) for k in ("seq", "first")):
        raise ValueError("the head line's seq and first are not numbers")
    if not isinstance(signed["hash"], str | None):
        raise ValueError("the head line's hash is not a hash")
    return signed, _hex(value["signature"], "signature"), _hex(value["public_key"], "public key")


def _hex(value: object, what: str) -> bytes | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _HEX.fullmatch(value) or len(value) % 2:
        raise ValueError(f"the head line's {what} is not lower-case hex")
    return bytes.fromhex(value)


def _entry_link(line: str, number: int) -> chain.Link:
    value = json.loads(line)
    if not isinstance(value, dict) or set(value) != {"entry", "hash"} or not isinstance(value["entry"], dict):
        raise ValueError(f"line {number} is not an entry line ({{entry, hash}})")
    entry, hashed = value["entry"], value["hash"]
    seq, kind, prev = entry.get("seq"), entry.get("kind"), entry.get("prev")
    if not isinstance(seq, int) or not isinstance(kind, str) or not isinstance(hashed, str):
        raise ValueError(f"line {number} is not an audit entry")
    return chain.Link(seq, kind, prev if isinstance(prev, str) else None, chain.canonical(entry), hashed)


def _signature_fault(
    signed: JSONObject, signature: bytes | None, key: bytes | None, public_key: bytes
) -> chain.Fault | None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if signature is None:
        return chain.Fault(None, "the export is not signed")
    if key != public_key:
        return chain.Fault(None, "the export was signed with another key than the one given")
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(
            signature, chain.canonical(signed).encode("ascii")
        )
    except InvalidSignature:
        return chain.Fault(None, "the head's signature does not verify")
    return None


def read_export(path: Path) -> bytes:
    try:
        return files.read_regular(path, EXPORT_LIMIT)
    except files.UnreadableFile as exc:
        raise ConfigError(f"{path}: {exc}") from None


def signing_key(path: Path) -> Ed25519PrivateKey:
    """The operator's Ed25519 private key (PEM, unencrypted); the error never quotes the file."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        key = load_pem_private_key(_key_file(path), password=None)
    except (ValueError, TypeError):
        raise ConfigError(f"audit_signing_key {path}: not an unencrypted PEM private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigError(
            f"audit_signing_key {path}: not an Ed25519 key (openssl genpkey -algorithm ed25519)"
        )
    return key


def public_key(path: Path) -> bytes:
    """A reviewer's Ed25519 public key (PEM), as its 32 raw bytes."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_public_key

    try:
        key = load_pem_public_key(_key_file(path))
    except (ValueError, TypeError):
        raise ConfigError(f"--public-key {path}: not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise ConfigError(f"--public-key {path}: not an Ed25519 public key")
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _key_file(path: Path) -> bytes:
    try:
        return files.read_regular(path, KEY_FILE_LIMIT)
    except files.UnreadableFile as exc:
        raise ConfigError(f"key file {path}: {exc}") from None


# -- configuration ------------------------------------------------------------------------------


def record_config(
    session: Session, settings: Settings, registry: Registry, source: str, now: datetime
) -> bool:
    """Append `config.changed` when the configuration `source` (`daemon`, `scan`) runs with differs
    from the last it recorded: which servers were added, removed or changed, which settings
    changed, and the digests. Whether it appended; an unchanged configuration appends nothing."""
    servers = {spec.name: _digest(_server_form(spec)) for spec in registry.servers}
    values = {name: _digest(value) for name, value in _settings_form(settings).items()}
    whole = _digest({"servers": servers, "settings": values})
    last = rows.last_of(session, rows.EntryKind.CONFIG_CHANGED, source)
    before: Mapping[str, Any] = last.data if last is not None else {}
    if before.get("digest") == whole:
        return False
    old_servers, old_values = before.get("servers") or {}, before.get("settings") or {}
    rows.record(
        session,
        rows.EntryKind.CONFIG_CHANGED,
        at=now,
        subject=source,
        data={
            "digest": whole,
            "added": sorted(servers.keys() - old_servers.keys()),
            "removed": sorted(old_servers.keys() - servers.keys()),
            "changed": sorted(n for n in servers.keys() & old_servers.keys() if servers[n] != old_servers[n]),
            "settings_changed": sorted(
                n for n in values.keys() | old_values.keys() if values.get(n) != old_values.get(n)
            ),
            "servers": servers,
            "settings": values,
        },
    )
    return True


def _digest(value: Any) -> str:
    """The digest of `value`'s canonical form, its floats and keys made plain (`_plain`). A value
    with neither (every one a configuration gives) is its own plain form: it is not copied first
    (a registry of 1,000 servers, each digested at every `scan`: ~12 of its ~55 ms)."""
    try:
        return chain.digest(chain.canonical(value))
    except ValueError:  # a float, or a key that is not a string: `_plain` makes them canonical
        return chain.digest(chain.canonical(_plain(value)))


def _plain(value: Any) -> Any:
    """A JSON value the canonical form takes: a float (none is expected) becomes its text."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


_OPERATIONAL = frozenset(
    {
        "database_url",  # the log's own database
        "servers",  # inline servers: digested with the registry
        "config_dir",
        "log_level",
        "log_format",
        "http_host",
        "http_port",
        "concurrency",
        "shutdown_grace",
        "stdio_shutdown_grace",
    }
)
"""Settings that say how a process runs, not what is watched or who hears of it: a CLI run beside
the daemon with another log level is not a configuration change worth a reviewer's time."""


def _settings_form(settings: Settings) -> dict[str, Any]:
    """The settings as recorded: secrets (SecretStr) are pydantic's mask, URLs lose credentials."""
    dumped = settings.model_dump(mode="json")
    return {name: _masked_urls(value) for name, value in dumped.items() if name not in _OPERATIONAL}


def _masked_urls(value: Any) -> Any:
    if isinstance(value, str) and "://" in value:
        return masked_url(value)
    if isinstance(value, dict):
        return {k: _masked_urls(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked_urls(v) for v in value]
    return value


def _server_form(spec: ServerSpec) -> JSONObject:
    """A server's declaration as recorded: references kept, literal secrets replaced by the marker."""
    form = spec.model_dump(mode="json")
    form["env"] = {k: kept(v) for k, v in spec.env.items()}
    form["headers"] = {k: kept(v) for k, v in spec.headers.items()}
    form["url"] = masked_url(spec.url) if spec.url else None
    if spec.auth is not None:
        form["auth"] = {
            **form["auth"],
            "client_secret": kept(spec.auth.client_secret),
            "private_key": kept(spec.auth.private_key),
        }
    form["owner"] = {**form["owner"], "pagerduty_routing_key": kept(spec.owner.pagerduty_routing_key)}
    return form


_REFERENCE = re.compile(r"\$\{(file:)?[^}]+\}")
_SCHEMES = frozenset({"", "bearer", "basic", "token"})


def kept(value: str | None) -> str | None:
    """A value that may be a secret, as recorded: as written when it is only `${…}` references
    (and an auth scheme word), else the marker."""
    if value is None:
        return None
    return (
        value
        if _REFERENCE.sub("", value).strip().lower() in _SCHEMES and _REFERENCE.search(value)
        else redact.MARKER
    )


def masked_url(url: str) -> str:
    """A URL with its user info and query values replaced by the marker unless they are references."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else None
    if userinfo is not None:
        host = f"{kept(userinfo)}@{host}"
    query = "&".join(f"{k}={kept(v)}" for k, v in parse_qsl(parts.query, keep_blank_values=True))
    return urlunsplit((parts.scheme, host, parts.path, query, ""))
