"""The registry: which MCP servers to watch, how to reach them, who owns them.

Servers are declared in YAML (`servers:` list) or taken unchanged from the `mcpServers` JSON that
Claude Desktop, Cursor and Windsurf write (VS Code: `servers`). Env and header values are kept as
written, as references (`${NAME}` from the environment, `${file:/path}` from a file), and are only
resolved at the moment a server is launched or called: the resolved values never enter the
database, a report or a log line (see `redact`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    field_validator,
    model_validator,
)

from driftwatch import redact
from driftwatch.errors import ConfigError
from driftwatch.model import JSONObject, Severity
from driftwatch.routing import LinkAddress
from driftwatch.settings import (
    Duration,
    Location,
    Period,
    Settings,
    at_line,
    did_you_mean,
    key_lines,
    load_yaml,
    parse_error,
    unknown_keys,
)

Transport = Literal["stdio", "sse", "streamable_http"]

NAME_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
_REFERENCE = re.compile(r"\$\{(file:)?([^}]+)\}")


class ChangeWindowSpec(BaseModel):
    """A recurring window in which drift is expected: it notifies instead of paging."""

    model_config = ConfigDict(extra="forbid")

    cron: str
    """When the window opens, as a 5-field cron expression, in `timezone`."""
    duration: Duration
    timezone: str = "UTC"

    @field_validator("cron")
    @classmethod
    def _five_field_cron(cls, cron: str) -> str:
        """Refuse a window that could never be evaluated now, at load time, not at 2 a.m."""
        # Imported here: croniter runs `file -b` on the interpreter when imported, a process start
        # that a scan would pay before it can start its own servers (cli/scan.py).
        from croniter import croniter

        if len(cron.split()) != 5 or not croniter.is_valid(cron):
            raise ValueError(f"{cron!r} is not a 5-field cron expression")
        return cron

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {name!r}") from None
        return name

    @field_validator("duration")
    @classmethod
    def _positive(cls, duration: timedelta) -> timedelta:
        if duration <= timedelta(0):
            raise ValueError("duration must be positive")
        return duration


class Owner(BaseModel):
    """Who gets told, and how. Values may be `${NAME}` references."""

    model_config = ConfigDict(extra="forbid")

    team: str | None = None
    slack_channel: str | None = None
    pagerduty_routing_key: str | None = None
    email: str | None = None
    runbook_url: LinkAddress | None = None
    """The runbook this team's alerts link to (else the `runbook_url` setting)."""


def _severity(value: object) -> Severity:
    return value if isinstance(value, Severity) else Severity.parse(str(value))


SeverityName = Annotated[Severity, BeforeValidator(_severity), PlainSerializer(str, when_used="json")]


class AlertingSpec(BaseModel):
    """How loudly this server's drift is announced (see alerts/policy.py for what the defaults mean)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    page_at: SeverityName = Severity.MEDIUM
    """Drift outside a change window at or above this severity pages; below it, Slack only. A
    change is `medium` when it introduces evidence (driftwatch/diff), `low` when it does not."""
    notify_at: SeverityName = Severity.INFO
    """Drift at or above this severity is posted to Slack."""
    poisoning_pages_at: SeverityName = Severity.HIGH
    """A detector finding at or above this severity pages, even inside a change window."""
    page_unapproved: bool = False
    """Whether a newly registered server that nobody approved yet pages (it always notifies)."""


OAuthFlow = Literal["client_credentials", "private_key_jwt", "authorization_code"]


class OAuthSpec(BaseModel):
    """How driftwatch gets an OAuth access token for a remote server (the MCP authorization spec).

    `client_credentials` and `private_key_jwt` are machine-to-machine: the daemon needs nothing
    else. `authorization_code` needs a person once (`driftwatch auth login SERVER`); the refresh
    token it yields lets the daemon scan unattended. Endpoints, scopes and the resource are
    discovered from the server (RFC 9728, RFC 8414); secrets are `${NAME}`/`${file:…}` references.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    flow: OAuthFlow
    client_id: str | None = None
    """Required for the machine flows; for `authorization_code`, a pre-registered client (else the
    client registers itself: a client ID metadata document if `client_metadata_url` is set and the
    server supports it, dynamic client registration otherwise)."""
    client_secret: str | None = None
    token_endpoint_auth_method: Literal["client_secret_basic", "client_secret_post", "none"] | None = None
    private_key: str | None = None
    """PEM private key for `private_key_jwt`, normally `${file:/var/run/secrets/…/key.pem}`."""
    signing_algorithm: str = "RS256"
    scope: str | None = None
    """Scopes to ask for; by default what the server challenges with or advertises."""
    issuer: str | None = None
    """The authorization server expected (its metadata `issuer`), when it must be pinned."""
    client_metadata_url: str | None = None
    """An https URL where driftwatch's client ID metadata document is published (CIMD)."""
    redirect_port: int = Field(default=33418, ge=1, le=65535)
    """Loopback port `auth login` listens on for the authorization code."""

    @model_validator(mode="after")
    def _flow_has_its_credentials(self) -> OAuthSpec:
        if self.flow == "client_credentials" and not (self.client_id and self.client_secret):
            raise ValueError("flow client_credentials needs `client_id` and `client_secret`")
        if self.flow == "private_key_jwt" and not (self.client_id and self.private_key):
            raise ValueError("flow private_key_jwt needs `client_id` and `private_key`")
        if self.client_metadata_url is not None and urlsplit(self.client_metadata_url).scheme != "https":
            raise ValueError("`client_metadata_url` must be an https URL")
        return self


class ServerSpec(BaseModel):
    """One registered MCP server, exactly as declared (references unresolved)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=NAME_PATTERN, max_length=128)
    transport: Transport = "stdio"
    command: str | None = None
    args: tuple[str, ...] = ()
    cwd: str | None = None
    env: dict[str, str] = Field(default_factory=dict)
    url: str | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    auth: OAuthSpec | None = None
    owner: Owner = Field(default_factory=Owner)
    change_windows: tuple[ChangeWindowSpec, ...] = ()
    alerting: AlertingSpec = Field(default_factory=AlertingSpec)
    interval: Period | None = None
    """How often this server is scanned; defaults to the `scan_interval` setting (at least 1s)."""
    timeout: Period | None = None
    """Longest this server's scan may take; defaults to the `server_timeout` setting."""
    tags: tuple[str, ...] = ()
    listen: Literal["auto", "on", "off"] = "auto"
    """Real-time drift (driftwatch/collect/listen.py): `auto` keeps a listening session open to an
    HTTP server that supports one, `on` to a stdio server too (a process kept running), `off` never."""

    @model_validator(mode="after")
    def _target_matches_transport(self) -> ServerSpec:
        if self.transport == "stdio":
            if not self.command:
                raise ValueError("a stdio server needs `command`")
            if self.url or self.headers or self.auth:
                raise ValueError("a stdio server takes `command`/`args`/`env`, not `url`/`headers`/`auth`")
        else:
            if not self.url:
                raise ValueError(f"a {self.transport} server needs `url`")
            if urlsplit(self.url).scheme not in ("http", "https"):
                raise ValueError("`url` must be http:// or https://")
            if self.command or self.args or self.env:
                raise ValueError(
                    f"a {self.transport} server takes `url`/`headers`, not `command`/`args`/`env`"
                )
            parts = urlsplit(self.url)
            authorization = any(k.lower() == "authorization" for k in self.headers) or self.auth is not None
            if (parts.username or parts.password) and authorization:
                raise ValueError(
                    "`url` carries user:password@ and an Authorization header or `auth` is set too:"
                    " the URL's credentials would silently replace them; keep one"
                )
        return self

    @field_validator("env", "headers")
    @classmethod
    def _string_values(cls, values: JSONObject) -> dict[str, str]:
        return {str(k): str(v) for k, v in values.items()}

    @property
    def credentialed(self) -> bool:
        """Whether driftwatch presents credentials to this HTTP server (headers, OAuth, or URL
        user info or query), so that its scan never sees the 401 a client without them gets."""
        parts = urlsplit(self.url or "")
        return bool(self.headers or self.auth or parts.username or parts.password or parts.query)

    @property
    def target(self) -> str:
        """Where the server is, safe to show: the command line, or the URL without credentials."""
        if self.transport == "stdio":
            return " ".join([self.command or "", *self.args])
        return display_url(self.url or "")

    def listing(self) -> JSONObject:
        """The `servers[]` entry of `server list --format json`: references stay references, URL
        credentials are gone (`target`), and a routing key written literally is masked."""
        owner = self.owner.model_dump()
        key = owner.get("pagerduty_routing_key")
        if isinstance(key, str) and not key.startswith("${"):
            owner["pagerduty_routing_key"] = redact.MARKER
        return {
            "server": self.name,
            "name": self.name,  # the old name of `server`, kept until the next release
            "transport": self.transport,
            "target": self.target,
            "owner": owner,
            "tags": list(self.tags),
        }

    def scan_timeout(self, settings: Settings) -> timedelta:
        return self.timeout or settings.server_timeout


def display_url(url: str) -> str:
    """A URL with user info and query string removed: both commonly carry tokens."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 literal keeps its brackets, or the port would read as part of it
        host = f"[{host}]"
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def resolve(
    value: str,
    *,
    environ: Mapping[str, str] | None = None,
    whole_is_secret: bool = True,
    name: str | None = None,
) -> str:
    """Replace `${NAME}` and `${file:/path}` references by their values, and remember those
    values (and, unless told otherwise, the whole result) as secrets so that they are redacted
    wherever they might later be printed or echoed back.

    A referenced value is a credential (the operator kept it out of the file for a reason); a
    literal one is a credential when its `name` says so (`API_KEY`, `Authorization`).
    """
    env = os.environ if environ is None else environ

    def substitute(match: re.Match[str]) -> str:
        is_file, ref = match.group(1), match.group(2)
        if is_file:
            try:
                resolved = Path(ref).expanduser().read_text(encoding="utf-8").rstrip("\r\n")
            except OSError as exc:
                raise ConfigError(f"cannot read secret file {ref}: {exc.strerror}") from exc
        elif ref in env:
            resolved = env[ref]
        else:
            raise ConfigError(f"environment variable {ref} is not set")
        redact.register(resolved, name=ref, credential=True)
        return resolved

    result = _REFERENCE.sub(substitute, value)
    if whole_is_secret:
        redact.register(result, name=name)  # literal values in env/headers are secrets too
    return result


def resolve_url(url: str) -> str:
    """A server URL with references resolved; its password and query values are credentials
    (`?api_key=…` is how many hosted MCP servers take tokens), the rest of it is not."""
    resolved = resolve(url, whole_is_secret=False)
    parts = urlsplit(resolved)
    if parts.password:
        redact.register(parts.password, credential=True)
        redact.register(f"{parts.username or ''}:{parts.password}", credential=True)
    for key, value in parse_qsl(parts.query):
        redact.register(value, name=key, credential=True)
    return resolved


def resolve_all(values: Mapping[str, str], *, credentials: bool = False) -> dict[str, str]:
    """Resolve every value of an env or header mapping; header values are all credentials."""
    resolved = {key: resolve(value, name=key) for key, value in values.items()}
    if credentials:
        for value in resolved.values():
            redact.register(value, credential=True)
            scheme, _, token = value.partition(" ")
            if token and scheme.lower() in ("bearer", "basic", "token"):
                redact.register(token, credential=True)
    return resolved


class Registry(BaseModel):
    """The servers to watch, by unique name."""

    servers: tuple[ServerSpec, ...] = ()

    @model_validator(mode="after")
    def _unique_names(self) -> Registry:
        seen: set[str] = set()
        for spec in self.servers:
            if spec.name in seen:
                raise ValueError(f"server name {spec.name!r} is declared twice")
            seen.add(spec.name)
        return self

    def get(self, name: str) -> ServerSpec | None:
        return next((s for s in self.servers if s.name == name), None)

    def at_url(self, url: str) -> ServerSpec | None:
        """The registered server at `url` (as written, references unresolved), if any."""
        wanted = url.rstrip("/")
        return next((s for s in self.servers if s.url is not None and s.url.rstrip("/") == wanted), None)

    def select(self, names: Iterable[str]) -> list[ServerSpec]:
        """The named servers, in the order given; an unknown name is a configuration error."""
        wanted = list(names)
        unknown = [n for n in wanted if self.get(n) is None]
        if unknown:
            known = ", ".join(s.name for s in self.servers) or "none"
            raise ConfigError(f"unknown server {', '.join(unknown)} (registered: {known})")
        return [s for n in wanted if (s := self.get(n)) is not None]

    def targets(self, names: Sequence[str], urls: Sequence[str], transport: str | None) -> list[ServerSpec]:
        """What one `scan` reads: the named servers, the servers at `urls` (registered or not),
        or every registered server when neither is given. ValueError for an unusable URL."""
        if transport not in (None, "sse", "streamable_http"):
            raise ValueError(f"--transport must be sse or streamable_http, not {transport!r}")
        if urls:
            return [self._adhoc(u, transport) for u in urls] + (self.select(names) if names else [])
        return self.select(names) if names else list(self.servers)

    def _adhoc(self, url: str, transport: str | None) -> ServerSpec:
        """The registered server at a URL given on the command line (with its auth), or an entry
        for it named after where it points."""
        registered = self.at_url(url)
        if registered is not None and transport in (None, registered.transport):
            return registered
        sse = transport == "sse" or (transport is None and url.rstrip("/").endswith("/sse"))
        chosen: Transport = "sse" if sse else "streamable_http"
        name = slug(display_url(url).split("://", 1)[-1])
        try:
            return ServerSpec(name=name, transport=chosen, url=url)
        except ValueError as exc:
            raise ValueError(f"--url {display_url(url)}: {exc}") from None


REGISTRY_KEYS = ("servers",)
"""The top-level keys of a registry file (a client's `mcpServers` JSON may hold others)."""


def parse_registry(
    data: Any, *, source: str, base_dir: Path | None = None, path: Path | None = None
) -> Registry:
    """Build a registry from parsed YAML/JSON: a `servers:` list, or an `mcpServers` object.

    With `base_dir` (the directory of the file that declares the servers), a stdio server's
    relative `cwd` is resolved against it and a server without `cwd` runs in it: so relative
    paths in `command` and `args` mean the same whoever starts driftwatch, from wherever. With
    `path` (the file parsed), an error names the line of what it is about.
    """
    if isinstance(data, dict) and ("mcpServers" in data or _is_vscode(data)):
        entries = from_client_config(data)
    elif isinstance(data, dict):
        if not set(map(str, data)) <= set(REGISTRY_KEYS):
            unknown_keys(source, data, REGISTRY_KEYS, "top-level key", key_lines(path) if path else None)
        entries = data.get("servers") or []
    elif data is None:
        entries = []
    else:
        raise ConfigError(f"{source}: expected a mapping with `servers:` or `mcpServers`")
    if not isinstance(entries, list):
        raise ConfigError(f"{source}: `servers` must be a list")
    if base_dir is not None:
        entries = [_with_base_dir(e, base_dir) for e in entries]
    try:
        return Registry(servers=tuple(entries))
    except ValidationError as exc:
        lines = key_lines(path) if path is not None else {}
        raise ConfigError(f"{source}: {_describe(exc, entries, lines)}") from exc


def load_registry(settings: Settings) -> Registry:
    """The registry file (YAML or client JSON) plus any servers inline in the config file."""
    entries: list[ServerSpec] = []
    path = settings.registry_path
    if path.exists():
        parsed = parse_registry(read_config_file(path), source=str(path), base_dir=path.parent, path=path)
        if not settings.servers:
            return parsed  # validated whole already (a fleet's entries are not validated twice)
        entries += parsed.servers
    elif settings.registry is not None:
        raise ConfigError(f"registry file {path} does not exist")
    if settings.servers:
        inline = parse_registry(
            {"servers": settings.servers}, source="config file", base_dir=settings.config_dir
        )
        entries += inline.servers
    try:
        return Registry(servers=tuple(entries))
    except ValidationError as exc:
        raise ConfigError(f"registry: {exc.errors()[0]['msg']}") from exc


def read_config_file(path: Path) -> Any:
    """Parse a registry file: JSON when it ends in .json, YAML otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from exc
    try:
        return json.loads(text) if path.suffix == ".json" else load_yaml(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise parse_error(path, exc) from exc


def _with_base_dir(entry: Any, base_dir: Path) -> Any:
    """A stdio entry whose `cwd` is absolute: relative to `base_dir`, or `base_dir` itself."""
    if not isinstance(entry, dict) or entry.get("transport", "stdio") != "stdio":
        return entry
    cwd = entry.get("cwd")
    if cwd is None:
        return {**entry, "cwd": str(base_dir.resolve())}
    if isinstance(cwd, str):
        return {**entry, "cwd": str((base_dir / os.path.expanduser(cwd)).resolve())}
    return entry


def _describe(exc: ValidationError, entries: list[Any], lines: Mapping[Location, int] | None = None) -> str:
    """Name the server an error belongs to, not just its list index (and its line, with `lines`)."""
    problems = []
    for error in exc.errors():
        loc = list(error["loc"])
        line = at_line(lines, tuple(loc))
        where = ".".join(map(str, loc))
        if len(loc) >= 2 and loc[0] == "servers" and isinstance(loc[1], int) and loc[1] < len(entries):
            entry = entries[loc[1]]
            name = entry.get("name") if isinstance(entry, dict) else None
            where = f"server {name!r}" + ("." + ".".join(map(str, loc[2:])) if loc[2:] else "")
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = f"unknown key{did_you_mean(str(loc[-1]), _known_keys(loc))}"
        problems.append(f"{line}{where}: {message}")
    return " ".join("; ".join(problems).split())


def _known_keys(loc: list[Any]) -> list[str]:
    """The keys allowed where an unknown key `loc` was found (a server entry or one of its blocks)."""
    model: type[BaseModel] = ServerSpec
    for part in loc[2:-1]:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[str(part)].annotation if str(part) in model.model_fields else None
        nested = [a for a in getattr(annotation, "__args__", (annotation,)) if isinstance(a, type)]
        found = next((a for a in nested if issubclass(a, BaseModel)), None)
        if found is None:
            return []
        model = found
    return list(model.model_fields)


# ---------------------------------------------------------------------------------------------
# Claude Desktop / Cursor / Windsurf (`mcpServers`) and VS Code (`servers` with `type`) configs


def _is_vscode(data: Mapping[str, Any]) -> bool:
    servers = data.get("servers")
    return isinstance(servers, dict)


def slug(name: str) -> str:
    """A registry name from a client config key: lower case, [a-z0-9._-]."""
    cleaned = re.sub(r"[^a-z0-9._-]+", "-", name.strip().lower()).strip("-._")
    return cleaned or "server"


def from_client_config(data: Mapping[str, Any]) -> list[JSONObject]:
    """Registry entries from a client's `mcpServers` (or VS Code `servers`) object."""
    servers = data.get("mcpServers") if "mcpServers" in data else data.get("servers")
    if not isinstance(servers, dict):
        raise ConfigError("`mcpServers` must be an object of name -> server")
    entries: list[JSONObject] = []
    for name, server in servers.items():
        if not isinstance(server, dict):
            raise ConfigError(f"server {name!r}: expected an object")
        entry: JSONObject = {"name": slug(str(name))}
        kind = server.get("type") or server.get("transport")
        if "command" in server:
            entry.update(transport="stdio", command=server["command"], args=list(server.get("args") or []))
            if server.get("env"):
                entry["env"] = dict(server["env"])
            if server.get("cwd"):
                entry["cwd"] = server["cwd"]
        elif "url" in server or "serverUrl" in server:
            url = server.get("url") or server.get("serverUrl")
            is_sse = kind == "sse" or (kind is None and str(url).rstrip("/").endswith("/sse"))
            entry.update(transport="sse" if is_sse else "streamable_http", url=url)
            if server.get("headers"):
                entry["headers"] = dict(server["headers"])
        else:
            raise ConfigError(f"server {name!r}: needs `command` or `url`")
        entries.append(entry)
    return entries
