"""The loop that empties the outbox: claim, send, record (see outbox.py for why in that order)."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import anyio
import httpx

from driftwatch import netconf
from driftwatch.alerts import outbox, unregistered
from driftwatch.alerts.channels import (
    Channel,
    Opsgenie,
    Outgoing,
    PagerDuty,
    SiemFile,
    Slack,
    Splunk,
    Syslog,
    Teams,
    Webhook,
)
from driftwatch.errors import ConfigError
from driftwatch.logs import get_logger
from driftwatch.model import AlertState
from driftwatch.registry import Owner
from driftwatch.replica import replica_id
from driftwatch.routing import ReceiverSpec
from driftwatch.settings import Settings
from driftwatch.store import Store

log = get_logger(__name__)


class Routed(httpx.BaseTransport):
    """Every alert destination through the proxy the environment names for it (netconf.proxy_for:
    `HTTPS_PROXY`, `NO_PROXY`...), verified with the `ca_bundle` setting or the system's CAs: one
    pool per proxy, so a destination in `NO_PROXY` goes direct while the others use the proxy."""

    def __init__(self, tls: ssl.SSLContext) -> None:
        self.tls = tls
        self._by_proxy: dict[str | None, httpx.HTTPTransport] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        proxy = netconf.proxy_for(str(request.url))
        if proxy not in self._by_proxy:
            self._by_proxy[proxy] = httpx.HTTPTransport(verify=self.tls, proxy=proxy)
        return self._by_proxy[proxy].handle_request(request)

    def close(self) -> None:
        for transport in self._by_proxy.values():
            transport.close()


@dataclass
class DispatchStats:
    sent: int = 0
    retried: int = 0
    failed: int = 0


class Dispatcher:
    """Delivers due alerts through the configured channels. One per process."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        owners: Callable[[], Mapping[str, Owner]],
        on_outcome: Callable[[str, str], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.settings = settings
        self.clock = clock
        """What is due, and how old an alert is (`alert_give_up_after`), are read on this clock."""
        self.store = store
        self.owners = owners
        self.on_outcome = on_outcome
        self.replica = replica_id()
        self.lease = outbox.lease_for(settings.alert_timeout)
        self._tls = netconf.tls_context(settings.ca_bundle)
        self._http = httpx.Client(timeout=settings.alert_timeout.total_seconds(), transport=Routed(self._tls))
        self.channels: dict[str, Channel] = {}
        """By receiver name (routing.py)."""
        for receiver in settings.receiver_specs().values():
            try:
                self.channels[receiver.name] = self._channel(receiver)
            except ConfigError as exc:  # (its alerts wait, as for a receiver no longer configured)
                log.error("receiver not usable", receiver=receiver.name, error=str(exc))

    def _channel(self, receiver: ReceiverSpec) -> Channel:
        settings, http = self.settings, self._http
        made: dict[str, Callable[[], Channel]] = {
            "pagerduty": lambda: PagerDuty(settings, http, receiver),
            "slack": lambda: Slack(settings, receiver, tls=self._tls),
            "webhook": lambda: Webhook(settings, http, receiver),
            "opsgenie": lambda: Opsgenie(settings, http, receiver),
            "teams": lambda: Teams(settings, http, receiver),
            "siem": lambda: SiemFile(settings, receiver),
            "syslog": lambda: Syslog(settings, receiver),
            "splunk": lambda: Splunk(settings, http, receiver),
        }
        return made[receiver.type]()

    def close(self) -> None:
        self._http.close()

    async def run_once(self, limit: int = 20) -> DispatchStats:
        """One pass: deliver what is due now (each alert in a worker thread; channels are sync)."""
        stats = DispatchStats()
        now = self.clock()
        prepared = await anyio.to_thread.run_sync(self._claim, now, limit)
        for item in prepared:
            if isinstance(item, Outgoing) and item.receiver not in self.channels:
                # (written while a receiver was configured, which a config edit removed since:
                # retried until `alert_give_up_after`, so restoring the setting delivers it)
                attempt = outbox.Attempt(
                    item.alert_id,
                    item.channel,
                    delivered=False,
                    error=f"receiver {item.receiver} is not configured",
                )
            elif isinstance(item, Outgoing):
                attempt = await anyio.to_thread.run_sync(outbox.deliver, item, self.channels[item.receiver])
            else:
                attempt = item
            state = await anyio.to_thread.run_sync(self._record, attempt)
            if not attempt.waiting:
                self._count(stats, attempt, state)
        return stats

    def _claim(self, now: datetime, limit: int) -> list[Outgoing | outbox.Attempt]:
        with self.store.transaction() as session:
            claimed = outbox.claim(session, self.replica, now, self.lease, limit)
            if not claimed:
                return []
            owners = {**self.owners(), outbox.UNREGISTERED: unregistered.owner(self.settings)}
            return outbox.prepare(session, claimed, owners)

    def _record(self, attempt: outbox.Attempt) -> AlertState:
        with self.store.transaction() as session:
            return outbox.record(
                session,
                attempt,
                self.replica,
                self.clock(),
                give_up_after=self.settings.alert_give_up_after,
                backoff=self.settings.alert_backoff,
                backoff_cap=self.settings.alert_backoff_cap,
            )

    def _count(self, stats: DispatchStats, attempt: outbox.Attempt, state: AlertState) -> None:
        channel = attempt.channel
        outcome = "retry" if state is AlertState.PENDING else str(state)
        if outcome == "sent":
            stats.sent += 1
        elif outcome == "failed":
            stats.failed += 1
        else:
            stats.retried += 1
        if attempt.error:
            log.warning(
                "alert not delivered",
                alert=attempt.alert_id,
                channel=channel,
                error=attempt.error,
                outcome=outcome,
            )
        if self.on_outcome is not None:
            self.on_outcome(channel, outcome)

    async def drain(self, deadline: float) -> None:
        """Deliver what is due until nothing is, or `deadline` seconds pass (shutdown flush)."""
        with anyio.move_on_after(deadline):
            while True:
                stats = await self.run_once()
                if stats.sent + stats.retried + stats.failed == 0:
                    return
