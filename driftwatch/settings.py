"""Settings: `DRIFTWATCH_*` environment variables over an optional YAML file over defaults.

The YAML file is named by `--config PATH` or `DRIFTWATCH_CONFIG`. It may set any setting (same
names, lower case) and may hold `servers:` inline instead of pointing at a registry file. Relative
paths inside it are relative to the file, so a config directory can be moved as a whole.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

import platformdirs
import yaml
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    SecretStr,
    ValidationError,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from driftwatch.errors import ConfigError
from driftwatch.model import JSONObject
from driftwatch.netconf import check_allow_entry
from driftwatch.routing import LinkAddress, ReceiverSpec, Route, SigningSecret, implicit, unknown_references
from driftwatch.rules import SeverityOverrides

APP_NAME = "driftwatch"

_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h|d|w)")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """` (did you mean database_url?)` for a near miss among `known`, else ``."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def unknown_keys(
    source: str,
    keys: Iterable[object],
    known: Iterable[str],
    what: str,
    lines: Mapping[Location, int] | None = None,
) -> None:
    """Refuse keys that mean nothing here: a typo must not silently fall back to a default.
    With `lines` (key_lines of the file), each is named with its line."""
    known = sorted(known)
    strangers = [str(k) for k in keys if str(k) not in known]
    if strangers:
        hints = "; ".join(
            f"{at_line(lines, (k,))}unknown {what} {k!r}{did_you_mean(k, known)}" for k in strangers
        )
        raise ConfigError(f"{source}: {hints}")


Location = tuple[str | int, ...]
"""Where a value sits in a YAML document: keys and list indexes from the root."""


def key_lines(path: Path) -> dict[Location, int]:
    """The line (1-based) of every key and list item of a YAML (or JSON) file, by location: for
    naming where an error is. Empty when the file cannot be read again or parsed."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError):
        return {}
    found: dict[Location, int] = {}
    pending: list[tuple[Location, yaml.Node | None]] = [((), root)]
    while pending:  # (iterative: a deeply nested file cannot exhaust the stack)
        where, node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                at = (*where, str(key.value))
                found[at] = key.start_mark.line + 1
                pending.append((at, value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                found[(*where, index)] = item.start_mark.line + 1
                pending.append(((*where, index), item))
    return found


def at_line(lines: Mapping[Location, int] | None, where: Location) -> str:
    """`line 12: ` for the deepest part of `where` the file has a line for, else ``."""
    for end in range(len(where), 0, -1):
        if lines and where[:end] in lines:
            return f"line {lines[where[:end]]}: "
    return ""


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe loader on libyaml's C parser where PyYAML was built with it: a registry of 1,000
servers loads in 0.06 s instead of 0.6 s."""


def load_yaml(text: str) -> Any:
    """YAML as plain data (the safe loader: no tags that build objects)."""
    return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)


def parse_error(path: Path, exc: Exception) -> ConfigError:
    """A YAML or JSON syntax error as one line: `file:line:col: what` (editors jump there)."""
    if isinstance(exc, json.JSONDecodeError):
        return ConfigError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}")
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
    text = f"{problem} ({context})" if context else problem
    return ConfigError(f"{where}: not valid YAML: {' '.join(text.split())}")


def parse_duration(value: object, *, unit_required: bool = False) -> timedelta:
    """`30s`, `5m`, `1h30m`, `90d`, a number of seconds, or a timedelta -> timedelta.

    `unit_required` refuses a bare number: on a command line `--for 2` could mean anything.
    """
    if isinstance(value, timedelta):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and not unit_required:
        return timedelta(seconds=value)
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if re.fullmatch(r"\d+(\.\d+)?", text):
            if unit_required:
                raise ValueError(f"{value!r} has no unit: write e.g. {text}m, {text}h or {text}d")
            return timedelta(seconds=float(text))
        if text and _DURATION.sub("", text) == "":
            return timedelta(seconds=sum(float(n) * _UNIT_SECONDS[u] for n, u in _DURATION.findall(text)))
    raise ValueError(f"not a duration: {value!r} (use e.g. 30s, 5m, 1h30m, 7d)")


def format_duration(value: timedelta) -> str:
    """The shortest of `1h30m`-style spellings for a duration (what `parse_duration` reads)."""
    seconds = value.total_seconds()
    if seconds != int(seconds):
        return f"{seconds:g}s"
    parts, rest = [], int(seconds)
    for unit in ("d", "h", "m", "s"):
        count, rest = divmod(rest, int(_UNIT_SECONDS[unit]))
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or "0s"


Duration = Annotated[
    timedelta, BeforeValidator(parse_duration), PlainSerializer(format_duration, when_used="json")
]
"""A timedelta that also accepts `30s`, `5m`, `1h` in env vars and YAML."""

MIN_PERIOD = timedelta(seconds=1)


def _at_least_min_period(value: timedelta) -> timedelta:
    if value < MIN_PERIOD:
        raise ValueError(f"must be at least {format_duration(MIN_PERIOD)}, not {value.total_seconds():g}s")
    return value


Period = Annotated[Duration, AfterValidator(_at_least_min_period)]
"""An interval or timeout: a Duration of at least 1 s. Shorter would spin the scheduler or fail
every request, and 0 would crash it: refused as a configuration error at start and at reload."""


def _known_rules(value: dict[str, str]) -> dict[str, str]:
    """Refuse an override naming no rule (a typo must not silently keep the default severity)."""
    SeverityOverrides.parse(value)
    return value


RuleSeverities = Annotated[dict[str, str], AfterValidator(_known_rules)]

_SYSLOG = re.compile(r"(udp|tcp)://[^\s/:@]+(:\d{1,5})?")


def _syslog_address(value: str) -> str:
    if not _SYSLOG.fullmatch(value):
        raise ValueError("must be udp://HOST[:PORT] or tcp://HOST[:PORT]")
    return value


SyslogAddress = Annotated[str, AfterValidator(_syslog_address)]

SsrfAllowEntry = Annotated[str, AfterValidator(check_allow_entry)]
"""An `ssrf_allow` entry: an IP address, a CIDR block or a host name (driftwatch/netconf.py)."""
"""`{rule-id: severity}`: each id in the rule catalogue (driftwatch/rules.py), each severity a name."""

_config_file: ContextVar[Path | None] = ContextVar("driftwatch_config_file", default=None)


def default_database_url() -> str:
    data_dir = Path(platformdirs.user_data_dir(APP_NAME))
    return f"sqlite:///{data_dir / 'driftwatch.db'}"


def default_registry_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "registry.yaml"


class _YamlFileSource(PydanticBaseSettingsSource):
    """Settings from the YAML config file of this load, with relative paths made absolute."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        raise NotImplementedError  # __call__ reads the whole file at once

    def __call__(self) -> JSONObject:
        path = _config_file.get()
        if path is None:
            return {}
        try:
            data = load_yaml(path.read_text(encoding="utf-8")) or {}
        except OSError as exc:
            raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from exc
        except yaml.YAMLError as exc:
            raise parse_error(path, exc) from exc
        if not isinstance(data, dict):
            raise ConfigError(f"config file {path} must hold a mapping of settings")
        if not set(map(str, data)) <= set(self.settings_cls.model_fields):
            lines = key_lines(path)
            unknown_keys(f"config file {path}", data, self.settings_cls.model_fields, "setting", lines)
        if isinstance(data.get("registry"), str):
            data["registry"] = str((path.parent / data["registry"]).expanduser())
        for key in ("discovery_kubeconfig", "audit_signing_key", "ca_bundle"):
            if isinstance(data.get(key), str):
                data[key] = str(path.parent / Path(data[key]).expanduser())
        for receiver in data.get("receivers") or []:
            if isinstance(receiver, dict) and isinstance(receiver.get("path"), str):
                receiver["path"] = str(path.parent / Path(receiver["path"]).expanduser())
        for key in ("discovery_homes", "discovery_paths"):
            if isinstance(data.get(key), list):
                data[key] = [str(path.parent / Path(str(p)).expanduser()) for p in data[key]]
        data.setdefault("config_dir", str(path.parent))
        return data


class Settings(BaseSettings):
    """Every knob driftwatch has. Field names are the YAML keys; `DRIFTWATCH_<NAME>` the env vars."""

    model_config = SettingsConfigDict(
        env_prefix="DRIFTWATCH_", env_file=".env", extra="ignore", validate_default=True
    )

    database_url: str = Field(default_factory=default_database_url)
    registry: Path | None = None
    servers: list[JSONObject] | None = None
    """Servers declared inline in the config file (instead of, or on top of, `registry`)."""
    config_dir: Path | None = None
    """Directory of the config file; relative `cwd`s of inline servers are resolved against it."""

    concurrency: int = Field(default=8, ge=1, le=1024)
    """Servers scanned at once. 8 keeps a 2-core box busy without thrashing on node start-ups."""
    request_timeout: Period = timedelta(seconds=10)
    """Longest wait for one MCP request (initialize, one page of tools/list, …)."""
    server_timeout: Period = timedelta(seconds=30)
    """Longest a whole server scan may take, connect to disconnect; a server's `timeout` wins."""
    stdio_shutdown_grace: Duration = timedelta(seconds=1)
    """How long a stdio server may take to exit after its stdin closes before it is killed (a
    cycle with nothing left to do ends it early: collect/spawn.py)."""
    max_manifest_bytes: int = Field(default=16 * 1024 * 1024, ge=1024)
    """Bytes accepted from one server in one scan; a server that sends more fails as too_large."""
    max_items: int = Field(default=10_000, ge=1)
    """Items accepted per list (tools, prompts, …) from one server; more fails as too_large."""
    protocol_mode: Literal["auto", "legacy"] = "auto"
    """`auto` asks for the newest protocol (2026-07-28) and falls back to `initialize`."""

    scan_interval: Period = timedelta(minutes=5)
    auth_surface_pins: bool = True
    """Read each HTTP server's authorization surface (OAuth protected resource metadata and its
    authorization servers' issuers) on every scan, and page on a change (`auth-surface-changed`)."""
    auth_surface_recheck: Duration = timedelta(hours=1)
    """How often the surface of an HTTP server that publishes none, and serves its lists to
    driftwatch without credentials or a challenge, is read again (collect/authsurface.py
    `recheck_due`; once per period per server, spread over the period); `0s`: on every scan.
    Servers driftwatch presents credentials to, that publish metadata, or whose scan failed are
    read on every scan."""
    listen_max_sessions: int = Field(default=64, ge=0, le=10_000)
    """Long-lived listening sessions the daemon keeps open at most (real-time drift, registry
    `listen:`); servers past the cap are polled only, until a session closes. 0 turns listening off."""
    listen_debounce: Duration = timedelta(milliseconds=250)
    """How long a server's change notifications are gathered before the one re-scan they trigger."""
    listen_rescan_gap: Period = timedelta(seconds=5)
    """Least time between two re-scans of one server triggered by its notifications."""
    listen_backoff: Duration = timedelta(seconds=1)
    """First wait before a dropped listening session is opened again; doubles per failure (with
    jitter) up to `listen_backoff_cap`, and starts over once a session has stayed up."""
    listen_backoff_cap: Duration = timedelta(minutes=5)
    ca_bundle: Path | None = None
    """The CA certificates (a PEM file, or an OpenSSL hashed directory) every HTTPS connection
    trusts: MCP servers, OAuth, alert destinations. It replaces the system's store, as
    `SSL_CERT_FILE` / `SSL_CERT_DIR` do (used when this is unset); proxies come from `HTTPS_PROXY`,
    `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` (driftwatch/netconf.py, docs/contract.md "Networks")."""
    ssrf_allow: list[SsrfAllowEntry] = Field(default_factory=list)
    """Addresses a server may send driftwatch to although they are not public (collect/guard.py):
    IP addresses or CIDR blocks (`10.0.0.0/8`), or host names (`localhost`, `*.corp.example`). An
    authorization server, a metadata document or a redirect a server names is otherwise refused
    when it is loopback, link-local (cloud metadata), private, CGNAT, multicast or reserved."""
    http_host: str = "0.0.0.0"  # noqa: S104 - a daemon in a pod serves its probes on all interfaces
    http_port: int = 9464
    shutdown_grace: Duration = timedelta(seconds=20)
    """On SIGTERM: how long running scans may take to finish, and then the outbox to flush."""

    slack_bot_token: SecretStr | None = None
    """Bot token for chat.postMessage (threads follow-ups under the first message)."""
    slack_channel: str | None = None
    """Channel when the server's owner names none."""
    slack_api_url: str = "https://slack.com/api/"
    slack_webhook_url: SecretStr | None = None
    """Incoming webhook, used when no bot token is set (no threads)."""
    pagerduty_routing_key: SecretStr | None = None
    """Events API v2 routing key when the server's owner names none."""
    pagerduty_events_url: str = "https://events.pagerduty.com/v2/enqueue"
    teams_webhook_url: SecretStr | None = None
    """A Microsoft Teams workflow webhook ("When a Teams webhook request is received"): drift that
    notifies posts an Adaptive Card. A secret: the URL carries its signature."""
    siem_file: Path | None = None
    """OCSF Detection Findings (alerts/ocsf.py) appended as JSON lines, one per drift event opened
    or closed, for a log shipper (Splunk, Datadog, Elastic agents) to pick up."""
    splunk_hec_url: str | None = None
    """Splunk's HTTP Event Collector (`https://splunk:8088`): the same findings, sourcetype
    `ocsf:detection_finding`; needs `splunk_hec_token`."""
    splunk_hec_token: SecretStr | None = None
    syslog_url: SyslogAddress | None = None
    """A syslog collector (`udp://host:514`, `tcp://host:601`): the same findings as RFC 5424
    messages (alerts/ocsf.py `syslog_message`), over TCP with octet-counting framing (RFC 6587)."""
    opsgenie_api_key: SecretStr | None = None
    """Opsgenie API integration key (`GenieKey`): a page creates an alert, the event's close closes it."""
    opsgenie_api_url: str = "https://api.opsgenie.com"
    """`https://api.eu.opsgenie.com` for an EU account."""
    runbook_url: LinkAddress | None = None
    """The runbook every alert links to, when the server's owner names none (`owner.runbook_url`)."""
    report_base_url: LinkAddress | None = None
    """Where the HTML report (`driftwatch report --format html`) is published: every drift alert
    links to `<report_base_url>#event-<id>`, the event's own section of it."""
    webhook_url: SecretStr | None = None
    """A generic webhook (alerts/webhook.py): every drift event opened or closed, as JSON of the
    documented schema (docs/webhook.md), signed. A secret: such URLs often carry a token."""
    webhook_secret: SigningSecret | None = None
    """The webhook's signing secret (Standard Webhooks: `whsec_` and base64 of at least 24
    bytes); required with `webhook_url`: an unsigned alert could be forged by anyone."""
    receivers: list[ReceiverSpec] = Field(default_factory=list)
    """Named destinations beside the ones the settings above make (routing.py): each a type
    and, optionally, its own target (Slack channel, PagerDuty routing key, webhook URL, …)."""
    route: Route | None = None
    """The routing tree (routing.py, docs/routing.md): which receivers hear of which
    server's events, at which minimum severity. None: every receiver hears of everything."""
    group_by: Literal["cause", "team", "server"] = "cause"
    """What makes several servers' drift one notification (alerts/grouping.py): `cause`, the same
    change (the same new package, or the same changed items); `team`, the same owner; `server`,
    nothing (one notification per event). Only events going to the same receivers, paging alike,
    are grouped."""
    group_interval: Duration = timedelta(minutes=10)
    """How long after a group's first event another event still joins it (0: no grouping)."""
    repeat_interval: Duration = timedelta(hours=4)
    """How often an open drift event nobody acknowledged is said again (alerts/reminders.py); 0s: never."""
    pagerduty_webhook_secret: SecretStr | None = None
    """The signing secret of a PagerDuty V3 webhook subscription pointed at the daemon's
    `/hooks/pagerduty`: an incident acknowledged in PagerDuty acknowledges its drift events."""
    alert_give_up_after: Duration = timedelta(hours=24)
    """How long an alert is retried (Slack or PagerDuty down) before it is marked failed."""
    alert_backoff: Duration = timedelta(seconds=5)
    """First retry delay; doubles per attempt up to `alert_backoff_cap`."""
    alert_backoff_cap: Duration = timedelta(hours=1)
    alert_timeout: Period = timedelta(seconds=10)
    """Longest wait for Slack or PagerDuty to answer one request."""
    unreachable_after: int = Field(default=3, ge=1)
    """Consecutive failed scans after which the owner is told the server cannot be watched."""
    semantic_detection: Literal["auto", "on", "off"] = "auto"
    """The optional semantic layer (detect/semantic.py, docs/semantic.md): a sentence-embedding model,
    in a worker process, reads each item the rules did not flag. `auto`: on where the extra
    `driftwatch[semantic]` is installed; `on`: the daemon refuses to start without it; `off`. The
    daemon's setting: `scan` and `check` read with it only when given `--semantic`."""
    severity_overrides: RuleSeverities = Field(default_factory=dict)
    """Rule id -> severity, replacing the catalogue's default for that detector or drift rule
    (docs/contract.md, "Rule catalogue"); an unknown id is refused at load."""

    discovery_homes: list[Path] = Field(default_factory=list)
    """Home directories whose MCP client configs the daemon reads (Claude, Cursor, VS Code, …)."""
    discovery_paths: list[Path] = Field(default_factory=list)
    """Repositories or directories searched recursively for client configs (`.mcp.json`, …)."""
    discovery_excludes: list[str] = Field(default_factory=list)
    """Globs of paths not to enter, on top of the walk's defaults (`node_modules`, `.git`, …)."""
    discovery_interval: Period = timedelta(hours=1)
    """How often the daemon looks for unregistered servers. Discovery is off while neither
    `discovery_homes` nor `discovery_paths` names anything and `discovery_kubernetes` is off:
    the daemon never reads its own home (in a pod it holds nothing, and a walk nobody asked for
    is a cost nobody expects)."""
    discovery_kubernetes: Literal["off", "auto", "on"] = "off"
    """Also look for MCP servers in a Kubernetes cluster (ToolHive `MCPServer` resources, pods
    labelled `driftwatch.io/mcp-server: "true"`): `auto` when a kubeconfig or an in-cluster
    service account is there, `on` where finding none is a problem to report."""
    discovery_kubeconfig: Path | None = None
    """The kubeconfig to read (default: `KUBECONFIG`, the in-cluster service account, then
    `~/.kube/config`)."""
    discovery_kubernetes_context: str | None = None
    """The kubeconfig context to use (default: its current-context)."""
    discovery_kubernetes_namespaces: list[str] = Field(default_factory=list)
    """Namespaces to list (default: all of them, which needs cluster-wide list permission)."""
    discovery_severity: Literal["critical", "high", "medium", "low", "info"] = "high"
    """Severity of the alert an unregistered server raises (PagerDuty severity, Slack title)."""
    discovery_page: bool = True
    """Page (PagerDuty trigger) on an unregistered server; false: Slack notice only."""
    discovery_slack_channel: str | None = None
    """Slack channel for unregistered servers (default: `slack_channel`)."""
    discovery_pagerduty_routing_key: SecretStr | None = None
    """PagerDuty routing key for unregistered servers (default: `pagerduty_routing_key`)."""

    secret_key: SecretStr | None = None
    """Fernet key(s) that encrypt stored OAuth tokens: `driftwatch auth new-key` makes one. To
    rotate, give `NEW,OLD`: tokens are read with either and written with the first."""

    audit_signing_key: Path | None = None
    """An Ed25519 private key (PEM, `openssl genpkey -algorithm ed25519`) that signs the head of
    `driftwatch audit export` (docs/audit.md); the key never leaves the file, the log, or a line."""

    log_level: Literal["debug", "info", "warning", "error"] = "info"
    log_format: Literal["console", "json"] = "console"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, dotenv_settings, _YamlFileSource(settings_cls))

    @model_validator(mode="after")
    def _splunk_has_its_token(self) -> Settings:
        if self.splunk_hec_url is not None and self.splunk_hec_token is None:
            raise ValueError("splunk_hec_url (DRIFTWATCH_SPLUNK_HEC_URL) needs splunk_hec_token")
        return self

    @model_validator(mode="after")
    def _webhook_is_signed(self) -> Settings:
        if self.webhook_url is not None and self.webhook_secret is None:
            raise ValueError(
                "webhook_url (DRIFTWATCH_WEBHOOK_URL) needs webhook_secret (DRIFTWATCH_WEBHOOK_SECRET):"
                " an unsigned alert could be forged"
            )
        return self

    @model_validator(mode="after")
    def _receivers_are_whole(self) -> Settings:
        names = [r.name for r in self.receivers]
        if twice := sorted({n for n in names if names.count(n) > 1}):
            raise ValueError(f"receivers: each name once, not {', '.join(twice)} twice")
        for receiver in self.receivers:
            if missing := self._missing_target(receiver):
                raise ValueError(f"receiver {receiver.name!r} ({receiver.type}) needs {missing}")
        return self

    def _missing_target(self, receiver: ReceiverSpec) -> str | None:
        """What a receiver lacks to be deliverable, counting what the flat settings give it."""
        needs: dict[str, list[tuple[str, object]]] = {
            "slack": [
                ("url or slack_bot_token", receiver.url or self.slack_bot_token or self.slack_webhook_url)
            ],
            "teams": [("url", receiver.url or self.teams_webhook_url)],
            "opsgenie": [("api_key", receiver.api_key or self.opsgenie_api_key)],
            "webhook": [
                ("url", receiver.url or self.webhook_url),
                ("secret", receiver.secret or self.webhook_secret),
            ],
            "siem": [("path", receiver.path or self.siem_file)],
            "syslog": [("url", receiver.url or self.syslog_url)],
            "splunk": [
                ("url", receiver.url or self.splunk_hec_url),
                ("token", receiver.token or self.splunk_hec_token),
            ],
        }
        lacking = [what for what, value in needs.get(receiver.type, []) if not value]
        return " and ".join(lacking) or None

    def receiver_specs(self) -> dict[str, ReceiverSpec]:
        """Every receiver: one per destination the flat settings configure (named after its type;
        PagerDuty always, since owners may carry routing keys), then the `receivers` setting's,
        which replace a flat one of the same name."""
        flat = {
            "slack": self.slack_bot_token is not None or self.slack_webhook_url is not None,
            "pagerduty": True,
            "webhook": self.webhook_url is not None and self.webhook_secret is not None,
            "opsgenie": self.opsgenie_api_key is not None,
            "teams": self.teams_webhook_url is not None,
            "siem": self.siem_file is not None,
            "syslog": self.syslog_url is not None,
            "splunk": self.splunk_hec_url is not None,
        }
        return implicit(k for k, on in flat.items() if on) | {r.name: r for r in self.receivers}

    @property
    def registry_path(self) -> Path:
        """The registry file: the configured one, or the per-user default."""
        return self.registry or default_registry_path()

    @property
    def overrides(self) -> SeverityOverrides:
        """`severity_overrides`, parsed (validated at load, so this cannot fail)."""
        return SeverityOverrides.parse(self.severity_overrides)

    @property
    def discovery_enabled(self) -> bool:
        """Whether the daemon runs its discovery job: only when told where to look."""
        return bool(self.discovery_homes or self.discovery_paths) or self.discovery_kubernetes != "off"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Load settings, naming the config file explicitly or through `DRIFTWATCH_CONFIG`."""
    if config_file is None and os.environ.get("DRIFTWATCH_CONFIG"):
        config_file = Path(os.environ["DRIFTWATCH_CONFIG"])
    token = _config_file.set(config_file.expanduser().resolve() if config_file else None)
    try:
        loaded = Settings(**overrides)
    except ValidationError as exc:
        lines = key_lines(config_file) if config_file is not None else {}
        where = f" ({config_file})" if lines else ""
        raise ConfigError(f"invalid settings{where}: {_describe_settings_errors(exc, lines)}") from exc
    finally:
        _config_file.reset(token)
    _check_references(loaded, config_file)
    return loaded


def _check_references(loaded: Settings, config_file: Path | None) -> None:
    """Refuse a route naming a receiver nobody configured (a typo must not drop alerts)."""
    known = loaded.receiver_specs()
    unknown = unknown_references(loaded.route, known)
    if not unknown:
        return
    lines = key_lines(config_file) if config_file is not None and "DRIFTWATCH_ROUTE" not in os.environ else {}
    where = f" ({config_file})" if lines else ""
    hints = "; ".join(
        f"{at_line(lines, at)}{'.'.join(map(str, at))}: no receiver {name!r}{did_you_mean(name, known)}"
        for at, name in unknown
    )
    raise ConfigError(f"invalid settings{where}: {hints}")


def _describe_settings_errors(exc: ValidationError, lines: Mapping[Location, int] | None = None) -> str:
    """`scan_interval (DRIFTWATCH_SCAN_INTERVAL): must be at least 1s, not 0.5s` for each error;
    `line 4: …` first where the value came from the config file (not from the environment)."""
    problems = []
    for error in exc.errors():
        loc = ".".join(map(str, error["loc"]))
        field = str(error["loc"][0]) if error["loc"] else ""
        where = f"{loc} (DRIFTWATCH_{field.upper()})" if field in Settings.model_fields else loc
        if field and f"DRIFTWATCH_{field.upper()}" not in os.environ:
            where = at_line(lines, tuple(error["loc"])) + where
        message = error["msg"].removeprefix("Value error, ")
        problems.append(f"{where}: {message}" if where else message)
    return " ".join("; ".join(problems).split())
