"""One class per destination behind one `send` method (the healthchecks transports model).

A channel gets an alert as written to the outbox and either delivers it (returning what later
alerts need, such as the Slack `ts` to thread under) or raises DeliveryError saying whether a retry
could help. A payload the channel refuses as invalid (a 4xx other than 429) is sent once more in
its `minimal` form (messages.py) before the alert counts as failed: a page that says less is
better than no page. Credentials are resolved here, at the moment of sending, from the server's owner or the
settings: they are never part of the stored alert.
"""

from __future__ import annotations

import json
import os
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol
from urllib.parse import quote, urlsplit

import httpx
from pydantic import SecretStr

from driftwatch import netconf, redact
from driftwatch.alerts import ocsf
from driftwatch.errors import ConfigError, DeliveryError
from driftwatch.logs import get_logger
from driftwatch.model import JSONObject
from driftwatch.registry import Owner, resolve
from driftwatch.routing import ReceiverSpec
from driftwatch.settings import Settings

if TYPE_CHECKING:  # slack_sdk is imported by the Slack channel when one is made, not by a scan
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError
    from slack_sdk.webhook import WebhookClient

log = get_logger(__name__)


@dataclass(frozen=True)
class Outgoing:
    """An alert ready to send: what the outbox row says, plus where to (the owner)."""

    alert_id: int
    channel: str
    receiver: str
    """The named receiver (routing.py) whose target it goes to."""
    action: str
    dedup_key: str
    payload: JSONObject
    owner: Owner
    thread_ref: str | None = None
    """For a Slack reply: the `ts` of the message to answer in its thread."""


class Channel(Protocol):
    name: str

    def send(self, alert: Outgoing) -> str | None:
        """Deliver `alert`; return a reference later alerts need (or None). Raise DeliveryError."""
        ...


def _owner_value(value: str | None, default: str | None) -> str | None:
    """An owner's setting (possibly a `${REF}`) or the global default."""
    if value:
        try:
            return resolve(value)
        except ConfigError as exc:
            raise DeliveryError(str(exc), retry=False) from exc
    return default


def _flat(kind: str) -> ReceiverSpec:
    """The receiver the flat settings make for a channel type (named after it)."""
    return ReceiverSpec(name=kind, type=kind)


def _target(
    own: SecretStr | str | None, flat: SecretStr | str | None, credential: bool = False
) -> str | None:
    """A receiver's own target (a `${REF}` resolved), else the flat setting's; registered with
    the redactor, since every target here is a secret or carries one."""
    value = own.get_secret_value() if isinstance(own, SecretStr) else own
    if value:
        try:
            value = resolve(value)
        except ConfigError as exc:
            raise ConfigError(f"receiver: {exc}") from exc
    else:
        value = flat.get_secret_value() if isinstance(flat, SecretStr) else flat
    if value:
        redact.register(value, credential=credential)
    return value


class PagerDuty:
    """Events API v2 over httpx: `trigger` and `resolve`, deduplicated by `dedup_key`; and
    `change`, a Change Event (drift inside a change window) on the endpoint beside it
    (`…/v2/change/enqueue`), which takes no `dedup_key` and opens no incident."""

    name = "pagerduty"

    def __init__(
        self, settings: Settings, client: httpx.Client, receiver: ReceiverSpec | None = None
    ) -> None:
        receiver = receiver or _flat(self.name)
        self.url = settings.pagerduty_events_url
        self.change_url = change_events_url(settings.pagerduty_events_url)
        self.own_key = _target(receiver.routing_key, None)
        self.default_key = _target(None, settings.pagerduty_routing_key)
        self.client = client

    def send(self, alert: Outgoing) -> str | None:
        routing_key = self.own_key or _owner_value(alert.owner.pagerduty_routing_key, self.default_key)
        if not routing_key:
            raise DeliveryError(
                "no PagerDuty routing key (owner pagerduty_routing_key or setting)", retry=False
            )
        change = alert.action == "change"
        url = self.change_url if change else self.url
        keys = (
            {"routing_key": routing_key}
            if change
            else {"routing_key": routing_key, "dedup_key": alert.dedup_key}
        )
        _post_or_minimal(
            alert,
            lambda body: self._post(url, {**body, **keys}),
            lambda full, minimal: _pagerduty_minimal(full, minimal, change),
        )
        return None

    def _post(self, url: str, body: JSONObject) -> None:
        _post_json(self.client, "PagerDuty", url, body, {})


def _post_json(
    client: httpx.Client,
    service: str,
    url: str,
    body: JSONObject,
    headers: dict[str, str],
    invalid: tuple[int, ...] | None = None,
) -> None:
    """POST `body` as JSON; a 2xx is delivered. Raises DeliveryError: retry on a network fault, a
    429 or a 5xx; `invalid` (a refusal of this payload, worth its minimal form) for the statuses
    given, or for any other answer when None. The answer is scrubbed of secrets and cut."""
    try:
        response = client.post(url, json=body, headers=headers)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"{service} unreachable: {type(exc).__name__}", retry=True) from exc
    if response.status_code in (200, 201, 202):
        return
    retry = response.status_code == 429 or response.status_code >= 500
    raise DeliveryError(
        f"{service} answered {response.status_code}: {redact.scrub(response.text)[:200]}",
        retry=retry,
        invalid=invalid is None or response.status_code in invalid,
    )


def change_events_url(events_url: str) -> str:
    """The Change Events endpoint beside an Events API v2 one (`…/v2/enqueue` ->
    `…/v2/change/enqueue`), so that one setting serves both, EU region and stand-ins included."""
    base, found, tail = events_url.rpartition("/enqueue")
    return f"{base}/change/enqueue{tail}" if found else events_url.rstrip("/") + "/change/enqueue"


def _post_or_minimal(
    alert: Outgoing,
    post: Callable[[JSONObject], None],
    shorter: Callable[[JSONObject, JSONObject], JSONObject],
) -> None:
    """`post` the alert's payload (without its `minimal`); when the channel refuses it as invalid,
    `post` once more what `shorter(full, minimal)` makes of its minimal form, and no more."""
    full = {k: v for k, v in alert.payload.items() if k != "minimal"}
    try:
        post(full)
    except DeliveryError as refused:
        minimal = alert.payload.get("minimal")
        if not refused.invalid or not isinstance(minimal, dict):
            raise
        _log_minimal(alert, refused)
        post(shorter(full, minimal))


def _pagerduty_minimal(full: JSONObject, minimal: JSONObject, change: bool = False) -> JSONObject:
    payload = full.get("payload") or {}
    if change:
        return {
            "payload": {
                "summary": minimal["summary"],
                "source": payload.get("source", "driftwatch"),
                "custom_details": {"approve": minimal["approve"]},
            }
        }
    return {
        "event_action": full.get("event_action", "trigger"),
        "payload": {
            "summary": minimal["summary"],
            "source": payload.get("source", "driftwatch"),
            "severity": payload.get("severity", "error"),
            "custom_details": {"approve": minimal["approve"]},
        },
    }


def _log_minimal(alert: Outgoing, refused: DeliveryError) -> None:
    log.warning(
        "alert refused, sending its minimal form",
        channel=alert.channel,
        alert_id=alert.alert_id,
        error=str(refused),
    )


class SiemFile:
    """OCSF findings appended to a file as JSON lines (ASCII, one `write` per line on a file
    opened for appending, so lines of several replicas never interleave), for a log shipper."""

    name = "siem"

    def __init__(self, settings: Settings, receiver: ReceiverSpec | None = None) -> None:
        receiver = receiver or _flat(self.name)
        path = receiver.path or settings.siem_file
        assert path is not None  # (settings.py refuses a siem receiver without one)
        self.path = path

    def send(self, alert: Outgoing) -> str | None:
        line = json.dumps(alert.payload, ensure_ascii=True, separators=(",", ":"), sort_keys=True) + "\n"
        try:
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                os.write(descriptor, line.encode())
            finally:
                os.close(descriptor)
        except OSError as exc:
            raise DeliveryError(f"SIEM file not writable: {exc.strerror}", retry=True) from exc
        return None


class Syslog:
    """OCSF findings as RFC 5424 messages (alerts/ocsf.py `syslog_message`) to a collector: over
    UDP one message per datagram (at most `SYSLOG_UDP_BYTES`), over TCP with octet-counting
    framing (RFC 6587: `LEN SP MSG`), a connection per message (findings are rare; a collector
    that restarted is reached again without a reconnect state)."""

    name = "syslog"

    def __init__(self, settings: Settings, receiver: ReceiverSpec | None = None) -> None:
        receiver = receiver or _flat(self.name)
        url = _target(receiver.url, settings.syslog_url)
        assert url is not None  # (settings.py refuses a syslog receiver without one)
        parsed = urlsplit(url)
        self.udp = parsed.scheme == "udp"
        self.address = (parsed.hostname or "localhost", parsed.port or (514 if self.udp else 601))
        self.timeout = settings.alert_timeout.total_seconds()
        self.hostname = socket.gethostname()

    def send(self, alert: Outgoing) -> str | None:
        limit = ocsf.SYSLOG_UDP_BYTES if self.udp else None
        message = ocsf.syslog_message(alert.payload, self.hostname, os.getpid(), limit)
        try:
            if self.udp:
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                    udp.sendto(message, self.address)
            else:
                with socket.create_connection(self.address, timeout=self.timeout) as tcp:
                    tcp.sendall(f"{len(message)} ".encode() + message)
        except OSError as exc:
            raise DeliveryError(f"syslog unreachable: {type(exc).__name__}", retry=True) from exc
        return None


class Splunk:
    """Splunk's HTTP Event Collector: each OCSF finding as one event (`Authorization: Splunk
    TOKEN`, sourcetype `ocsf:detection_finding`); 200 is delivered, 503 (busy) and 5xx retried."""

    name = "splunk"

    def __init__(
        self, settings: Settings, client: httpx.Client, receiver: ReceiverSpec | None = None
    ) -> None:
        receiver = receiver or _flat(self.name)
        url = _target(receiver.url, settings.splunk_hec_url)
        token = _target(receiver.token, settings.splunk_hec_token, credential=True)
        assert url is not None and token is not None  # (settings.py refuses a receiver without them)
        self.url = url.rstrip("/") + "/services/collector/event"
        self.token = token
        self.client = client

    def send(self, alert: Outgoing) -> str | None:
        finding = alert.payload
        body = {
            "time": finding.get("time", 0) / 1000,
            "source": "driftwatch",
            "sourcetype": "ocsf:detection_finding",
            "event": finding,
        }
        _post_json(
            self.client, "Splunk", self.url, body, {"authorization": f"Splunk {self.token}"}, invalid=()
        )
        return None


class Teams:
    """A Microsoft Teams workflow webhook: the Adaptive Card message POSTed as is (202 from a
    workflow, 200 from a classic connector); a message refused (400, 413) is sent once more as
    its minimal card (title and approve command)."""

    name = "teams"

    def __init__(
        self, settings: Settings, client: httpx.Client, receiver: ReceiverSpec | None = None
    ) -> None:
        receiver = receiver or _flat(self.name)
        url = _target(receiver.url, settings.teams_webhook_url)
        assert url is not None  # (settings.py refuses a teams receiver without one)
        self.url = url
        self.client = client

    def send(self, alert: Outgoing) -> str | None:
        _post_or_minimal(
            alert,
            lambda body: _post_json(self.client, "Teams", self.url, body, {}, invalid=(400, 413)),
            lambda full, minimal: minimal,
        )
        return None


class Opsgenie:
    """Opsgenie's Alert API v2 over httpx: `create` (alias: the event's dedup key), `close` and
    `acknowledge` by that alias. Requests are processed asynchronously: a 202 is delivered. A
    payload refused as invalid (422, 400) is sent once more in its minimal form."""

    name = "opsgenie"

    def __init__(
        self, settings: Settings, client: httpx.Client, receiver: ReceiverSpec | None = None
    ) -> None:
        receiver = receiver or _flat(self.name)
        key = _target(receiver.api_key, settings.opsgenie_api_key, credential=True)
        assert key is not None  # (settings.py refuses an opsgenie receiver without one)
        self.key = key
        self.url = settings.opsgenie_api_url.rstrip("/") + "/v2/alerts"
        self.client = client

    def send(self, alert: Outgoing) -> str | None:
        if alert.action in ("close", "acknowledge"):
            alias = quote(alert.dedup_key, safe="")
            self._post(f"{self.url}/{alias}/{alert.action}?identifierType=alias", alert.payload)
            return None
        _post_or_minimal(
            alert,
            lambda body: self._post(self.url, {**body, "alias": alert.dedup_key}),
            lambda full, minimal: {**minimal, "source": "driftwatch"},
        )
        return None

    def _post(self, url: str, body: JSONObject) -> None:
        headers = {"authorization": f"GenieKey {self.key}"}
        _post_json(self.client, "Opsgenie", url, body, headers, invalid=(400, 422))


class Webhook:
    """A generic webhook: the stored body POSTed as JSON (ASCII only, so no raw control or invisible
    character reaches a receiver's log), signed as Standard Webhooks specify (`webhook-id`,
    `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, made
    by the `standardwebhooks` reference library). The id is the alert's, the same on every retry, so
    a receiver can drop a replay; the timestamp is the attempt's, so a receiver that refuses old
    ones (the library's 5 minutes) refuses a captured request played back later. No redirect is
    followed: the body and signature go only where the operator said."""

    name = "webhook"

    def __init__(
        self, settings: Settings, client: httpx.Client, receiver: ReceiverSpec | None = None
    ) -> None:
        receiver = receiver or _flat(self.name)
        from standardwebhooks import Webhook as Signer

        url = _target(receiver.url, settings.webhook_url)
        secret = _target(receiver.secret, settings.webhook_secret, credential=True)
        assert url is not None and secret is not None  # (settings.py refuses a receiver without them)
        self.url = url
        self.signer = Signer(secret)
        self.client = client

    def send(self, alert: Outgoing) -> str | None:
        body = json.dumps(alert.payload, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
        message_id = f"driftwatch-alert-{alert.alert_id}"
        now = datetime.now(UTC)
        headers = {
            "content-type": "application/json",
            "webhook-id": message_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": self.signer.sign(message_id, now, body),
        }
        try:
            response = self.client.post(self.url, content=body.encode(), headers=headers)
        except httpx.HTTPError as exc:
            raise DeliveryError(f"webhook unreachable: {type(exc).__name__}", retry=True) from exc
        if 200 <= response.status_code < 300:
            return None
        retry = response.status_code in (408, 429) or response.status_code >= 500
        raise DeliveryError(f"webhook answered {response.status_code}", retry=retry)


class Slack:
    """chat.postMessage with a bot token (replies in the thread of the first message), or an
    incoming webhook (no threads: a reply is a new message that names the event)."""

    name = "slack"

    def __init__(
        self, settings: Settings, receiver: ReceiverSpec | None = None, *, tls: ssl.SSLContext | None = None
    ) -> None:
        receiver = receiver or _flat(self.name)
        from slack_sdk import WebClient
        from slack_sdk.webhook import WebhookClient

        timeout = int(settings.alert_timeout.total_seconds()) or 1
        webhook = _target(receiver.url, settings.slack_webhook_url)
        token = _target(None, settings.slack_bot_token) if not receiver.url else None
        api = settings.slack_api_url
        self.web: WebClient | None = (
            WebClient(token=token, base_url=api, timeout=timeout, ssl=tls) if token else None
        )
        self.webhook: WebhookClient | None = (
            WebhookClient(webhook, timeout=timeout, ssl=tls) if webhook and not token else None
        )
        # The proxy netconf decides (NO_PROXY included): the SDK reads HTTPS_PROXY but not
        # NO_PROXY, and reads it again when given None; set afterwards, None sends it through
        # urllib's own opener (whose NO_PROXY knows names and addresses, not CIDR blocks).
        if self.web is not None:
            self.web.proxy = netconf.proxy_for(settings.slack_api_url)
        if self.webhook is not None and webhook is not None:
            self.webhook.proxy = netconf.proxy_for(webhook)
        self.own_channel = receiver.channel
        self.default_channel = settings.slack_channel

    def send(self, alert: Outgoing) -> str | None:
        try:
            return self._send(alert, alert.payload["text"], alert.payload.get("blocks"))
        except DeliveryError as refused:
            minimal = alert.payload.get("minimal")
            if not refused.invalid or not isinstance(minimal, str):
                raise
            _log_minimal(alert, refused)
            return self._send(alert, minimal, None)

    def _send(self, alert: Outgoing, text: str, blocks: list[JSONObject] | None) -> str | None:
        if self.web is not None:
            return self._post(alert, text, blocks)
        if self.webhook is not None:
            try:
                response = self.webhook.send(text=text, blocks=blocks)
            except OSError as exc:
                raise DeliveryError(f"Slack webhook unreachable: {type(exc).__name__}", retry=True) from exc
            if response.status_code != 200:
                retry = response.status_code == 429 or response.status_code >= 500
                raise DeliveryError(
                    f"Slack webhook answered {response.status_code}", retry=retry, invalid=True
                )
            return None
        raise DeliveryError("Slack is not configured (bot token or webhook URL)", retry=False)

    def _post(self, alert: Outgoing, text: str, blocks: list[JSONObject] | None) -> str | None:
        """chat.postMessage (in the thread of `thread_ref` for a reply), or chat.update of the
        message `thread_ref` names for a group's update; returns `ts channel` of the message."""
        from slack_sdk.errors import SlackApiError

        assert self.web is not None
        channel = self.own_channel or _owner_value(alert.owner.slack_channel, self.default_channel)
        if not channel:
            raise DeliveryError("no Slack channel (owner slack_channel or setting)", retry=False)
        ts, _, posted_in = (alert.thread_ref or "").partition(" ")
        try:
            if alert.action == "update" and ts:
                response = self.web.chat_update(channel=posted_in or channel, ts=ts, text=text, blocks=blocks)
            else:
                response = self.web.chat_postMessage(
                    channel=channel,
                    text=text,
                    blocks=blocks,
                    thread_ts=None if alert.action == "update" else ts or None,
                    unfurl_links=False,
                    unfurl_media=False,
                )
        except SlackApiError as exc:
            raise _slack_refusal(exc) from exc
        except OSError as exc:
            raise DeliveryError(f"Slack unreachable: {type(exc).__name__}", retry=True) from exc
        ts = str(response.get("ts") or ts)
        where = response.get("channel")
        return f"{ts} {where}" if ts and where else ts or None


def _slack_refusal(exc: SlackApiError) -> DeliveryError:
    """What a Slack API error means for the alert: retry (rate limit, Slack's fault), or refused
    as invalid (worth the minimal form) unless the channel or token is the problem."""
    response = exc.response
    status = response.status_code
    error = response.get("error", "") if isinstance(response.data, dict) else ""
    retry = status == 429 or status >= 500 or error in ("ratelimited", "internal_error", "fatal_error")
    invalid = error not in (
        "channel_not_found",
        "not_in_channel",
        "invalid_auth",
        "account_inactive",
        "message_not_found",
    )
    return DeliveryError(f"Slack answered {status} {error}".strip(), retry=retry, invalid=invalid)
