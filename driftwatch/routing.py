"""Routes and receivers: who hears of what, configured the way Alertmanager users expect.

A *receiver* is one named destination: a type (slack, pagerduty, opsgenie, teams, webhook, siem,
splunk, syslog) and, optionally, its own target (a Slack channel, a PagerDuty routing key, a webhook URL
and secret, …); what it leaves out comes from the owner (Slack channel, PagerDuty routing key)
and then from the flat settings. Every destination the flat settings configure is also a
receiver named after its type (`slack`, `pagerduty`, …), so a configuration without receivers
or routes behaves exactly as before they existed.

A *route* matches an alert's subject (server name glob, tag, owner team, severity, event type)
and names receivers, each with a minimum severity. Routes are a tree walked as Alertmanager
walks it: the children of a matching route are tried in order, the first that matches handles
the alert (its own children first) unless it says `continue: true`, and when no child matches
the route's own receivers do. The root route matches everything; its receivers default to every
receiver configured (the behaviour before routes). A receiver named twice for one alert gets it
once, at the lower of its minimum severities.

Event types: `drift` (a drift event opened or closed), `finding` (a drift event that carries a
detector finding: it is both), `unreachable` and `auth_failure` (a server that cannot be
scanned; chat receivers get these notices), `unknown_server` (a server clients launch that
nobody registered). Whether a receiver gets a drift event at all is still the policy's call
(alerts/policy.py: pagers only when it pages, chat when it notifies); a route decides who.

Everything here is a pure decision over configuration: no database, no network.
"""

from __future__ import annotations

import base64
import binascii
import fnmatch
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, SecretStr, model_validator

from driftwatch.model import Severity

ReceiverType = Literal["slack", "pagerduty", "opsgenie", "teams", "webhook", "siem", "splunk", "syslog"]
EventType = Literal["drift", "finding", "unreachable", "auth_failure", "unknown_server"]
EVENT_TYPES: tuple[EventType, ...] = ("drift", "finding", "unreachable", "auth_failure", "unknown_server")
SERVER_EVENTS: tuple[EventType, ...] = ("drift", "finding", "unreachable", "auth_failure")
"""The event types a registered server can raise (what `config check` resolves per server)."""

PAGERS: frozenset[str] = frozenset({"pagerduty", "opsgenie"})
"""Receiver types that page: they hear of a drift event only when the policy pages."""
CHATS: frozenset[str] = frozenset({"slack", "teams"})
"""Receiver types that notify people: they hear of a drift event when the policy notifies."""
SIEMS: frozenset[str] = frozenset({"siem", "splunk", "syslog"})
"""Receiver types that get OCSF findings (alerts/ocsf.py)."""

MAX_LINK = 1000
_LINK = re.compile(r"https?://[^\s<>|\x00-\x1f\x7f]+")


def _link_address(value: str) -> str:
    """An address alerts link to (a runbook, the published report): http(s), one piece, nothing a
    Slack link or an HTML attribute could be broken out of."""
    if len(value) > MAX_LINK or not _LINK.fullmatch(value):
        raise ValueError(
            f"must be an http(s) address of at most {MAX_LINK} characters, without spaces, `<`, `>` or `|`"
        )
    return value


LinkAddress = Annotated[str, AfterValidator(_link_address)]
"""An address alerts link to (a runbook, the published report)."""

MIN_SIGNING_KEY = 24
"""Bytes of a webhook signing key at least (Standard Webhooks: 24 to 64)."""


def _signing_secret(value: SecretStr) -> SecretStr:
    """`whsec_` and base64 of the key (the Standard Webhooks form), the key long enough."""
    text = value.get_secret_value().removeprefix("whsec_")
    try:
        key = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("must be `whsec_` followed by base64 (Standard Webhooks)") from None
    if len(key) < MIN_SIGNING_KEY:
        raise ValueError(f"must hold a key of at least {MIN_SIGNING_KEY} bytes, not {len(key)}")
    return value


SigningSecret = Annotated[SecretStr, AfterValidator(_signing_secret)]


def _severity(value: object) -> Severity:
    return value if isinstance(value, Severity) else Severity.parse(str(value))


SeverityName = Annotated[Severity, BeforeValidator(_severity)]


def _listed(value: object) -> object:
    """A single value where a list is expected (`tag: prod`) is a list of one."""
    return [value] if isinstance(value, str | Severity) else value


Names = Annotated[tuple[str, ...], BeforeValidator(_listed)]

_TARGETS: dict[str, frozenset[str]] = {
    "slack": frozenset({"channel", "url"}),
    "pagerduty": frozenset({"routing_key"}),
    "opsgenie": frozenset({"api_key"}),
    "teams": frozenset({"url"}),
    "webhook": frozenset({"url", "secret"}),
    "siem": frozenset({"path"}),
    "syslog": frozenset({"url"}),
    "splunk": frozenset({"url", "token"}),
}
"""Which target fields each receiver type takes (`url` of slack: an incoming webhook)."""


class ReceiverSpec(BaseModel):
    """One named destination. Secret values may be `${NAME}` references, resolved when sent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    type: ReceiverType
    channel: str | None = None
    routing_key: SecretStr | None = None
    api_key: SecretStr | None = None
    url: SecretStr | None = None
    secret: SigningSecret | None = None
    token: SecretStr | None = None
    path: Path | None = None

    @model_validator(mode="after")
    def _targets_of_its_type(self) -> ReceiverSpec:
        given = {
            k
            for k in ("channel", "routing_key", "api_key", "url", "secret", "token", "path")
            if getattr(self, k)
        }
        if stray := sorted(given - _TARGETS[self.type]):
            takes = ", ".join(sorted(_TARGETS[self.type]))
            raise ValueError(f"a {self.type} receiver takes {takes}, not {', '.join(stray)}")
        return self


class ReceiverRef(BaseModel):
    """A receiver named by a route, with the least severity it is told about."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    min_severity: SeverityName = Severity.INFO


def _ref(value: object) -> object:
    return {"name": value} if isinstance(value, str) else value


class Match(BaseModel):
    """What a route matches: every key given must match (a list: any of its values)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    server: Names = ()
    """Server names or globs (`github-*`)."""
    tag: Names = ()
    team: Names = ()
    severity: Annotated[tuple[SeverityName, ...], BeforeValidator(_listed)] = ()
    event: Annotated[tuple[EventType, ...], BeforeValidator(_listed)] = ()

    def matches(self, subject: Subject) -> bool:
        return (
            (not self.server or any(fnmatch.fnmatchcase(subject.server, glob) for glob in self.server))
            and (not self.tag or bool(subject.tags & set(self.tag)))
            and (not self.team or subject.team in self.team)
            and (not self.severity or subject.severity in self.severity)
            and (not self.event or bool(subject.events & set(self.event)))
        )


class Route(BaseModel):
    """A node of the routing tree (the root is the `route` setting)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    match: Match = Match()
    receivers: tuple[Annotated[ReceiverRef, BeforeValidator(_ref)], ...] | None = None
    """None on the root: every receiver configured; on a child: its parent's."""
    continue_: bool = Field(default=False, alias="continue")
    routes: tuple[Route, ...] = ()
    runbook_url: LinkAddress | None = None
    """The runbook the alerts this route takes link to (an owner's `runbook_url` wins)."""


@dataclass(frozen=True)
class Subject:
    """What a route is matched against: one alert's server and what happened to it."""

    server: str
    tags: frozenset[str]
    team: str | None
    severity: Severity
    events: frozenset[str]


@dataclass(frozen=True)
class Target:
    """A receiver an alert goes to, and the least severity it wants."""

    receiver: ReceiverSpec
    min_severity: Severity

    def wants(self, severity: Severity) -> bool:
        return severity >= self.min_severity


def implicit(configured: Iterable[str]) -> dict[str, ReceiverSpec]:
    """The receivers the flat settings make, one per configured destination type, named after it."""
    return {kind: ReceiverSpec(name=kind, type=kind) for kind in configured}


def resolve(root: Route | None, receivers: Mapping[str, ReceiverSpec], subject: Subject) -> list[Target]:
    """The receivers `subject` goes to under `root`, each once (at its lowest minimum)."""
    root = root or Route()
    everyone = root.receivers if root.receivers is not None else tuple(ReceiverRef(name=n) for n in receivers)
    found = _walk(root, subject, everyone)
    if found is None:
        found = list(everyone)
    floors: dict[str, Severity] = {}
    for ref in found:
        floors[ref.name] = min(floors.get(ref.name, ref.min_severity), ref.min_severity)
    return [Target(receivers[name], floor) for name, floor in floors.items() if name in receivers]


def _walk(node: Route, subject: Subject, inherited: tuple[ReceiverRef, ...]) -> list[ReceiverRef] | None:
    """The receivers of `node`'s matching children (None: no child matched); a child that names
    none has its parent's (`inherited`)."""
    found: list[ReceiverRef] | None = None
    for child in node.routes:
        if not child.match.matches(subject):
            continue
        own = child.receivers if child.receivers is not None else inherited
        deeper = _walk(child, subject, own)
        found = (found or []) + list(deeper if deeper is not None else own)
        if not child.continue_:
            break
    return found


def runbook(root: Route | None, subject: Subject) -> str | None:
    """The runbook of the deepest route on `subject`'s first matching path (else the root's)."""
    found = root.runbook_url if root else None
    node = root
    while node is not None:
        node = next((child for child in node.routes if child.match.matches(subject)), None)
        if node is not None and node.runbook_url:
            found = node.runbook_url
    return found


def unknown_references(root: Route | None, names: Iterable[str]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every receiver a route names that is not configured: (where in the `route` setting, name)."""
    known = set(names)
    problems: list[tuple[tuple[str | int, ...], str]] = []
    pending: list[tuple[tuple[str | int, ...], Route]] = [(("route",), root)] if root else []
    while pending:
        where, node = pending.pop()
        for index, ref in enumerate(node.receivers or ()):
            if ref.name not in known:
                problems.append(((*where, "receivers", index), ref.name))
        pending.extend(((*where, "routes", i), child) for i, child in enumerate(node.routes))
    return sorted(problems, key=lambda p: [str(part) for part in p[0]])
