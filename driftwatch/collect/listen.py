"""Real-time drift: a long-lived listening session per server, and a re-scan when it changes.

Polling sees a rug pull at the next interval; a server that announces its changes can be
re-scanned the moment it does. For each server whose registry entry wants it (`listen:`; `auto`
means HTTP servers, `on` stdio servers too, since a stdio session is a process kept running),
the daemon keeps one session open (`Listeners`, one asyncio task per server):

- protocol 2026-07-28: a `subscriptions/listen` stream for tools, prompts and resources;
- 2025-era servers: the session itself (the GET stream of streamable HTTP, the SSE stream, the
  pipes of stdio) carries `notifications/*/list_changed`, if the server advertises `listChanged`;
  a ping every PING_SECONDS shows the server still answers.

A list-changed notification never carries the change: it only asks for the re-scan the daemon
runs anyway (the same single-server scan, evaluation, outbox and paging as the scheduled one).
Notifications are gathered for `listen_debounce`, then one re-scan runs, and one server's
re-scans are at least `listen_rescan_gap` apart: a flood costs one re-scan per gap, at most.

Bounded, and no server's misbehaviour reaches another's: at most `listen_max_sessions` sessions
are open (the others are polled only, until a slot frees); each session may receive
SESSION_BYTES bytes (counted after decompression, like a scan's) and FLOOD_MESSAGES messages per
FLOOD_WINDOW seconds, after which it is closed; a session that drops, fails or floods is opened
again after a backoff that doubles (with jitter) up to `listen_backoff_cap`; a server that cannot
notify (no `listChanged`, no `subscriptions/listen`, a refused notification stream) is asked
again after UNSUPPORTED_RETRY seconds. Every session is renewed after RENEW_SECONDS (a silently
dead connection says nothing), and every session opened after the first triggers a re-scan:
a change made while nobody listened is seen at once. Polling stays on whatever happens here;
nothing a server sends (`ttlMs` included) changes when the daemon looks.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

import anyio
import mcp_types as types
from mcp import Client, MCPError
from mcp.client.session import IncomingMessage
from mcp.client.subscriptions import SubscriptionLost

from driftwatch import redact
from driftwatch.collect.budget import ByteBudget
from driftwatch.collect.client import MODERN_PROTOCOL, Collector, Link, explain
from driftwatch.logs import get_logger
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings

log = get_logger(__name__)

SESSION_BYTES = 1024 * 1024
"""Bytes one listening session may receive; past them it is closed and opened again later."""

FLOOD_WINDOW = 10.0
FLOOD_MESSAGES = 100
"""More messages than this within FLOOD_WINDOW seconds is a flood: the session is closed."""

PING_SECONDS = 60.0
"""How often a 2025-era session is pinged (2026-07-28 has no ping: those are renewed instead)."""

RENEW_SECONDS = 30 * 60.0
"""Every session is closed and opened again after this long."""

STABLE_SECONDS = 60.0
"""A session that stayed up this long starts its server's backoff over, however it ended."""

UNSUPPORTED_RETRY = 3600.0
"""A server that cannot notify is asked again after this long (it may have been upgraded)."""

CHANGED = (
    types.ToolListChangedNotification,
    types.PromptListChangedNotification,
    types.ResourceListChangedNotification,
)


class Counts(Protocol):
    """Where listening is counted (driftwatch.metrics.Metrics)."""

    def listen_notified(self, server: str) -> None: ...
    def listen_rescanned(self, server: str) -> None: ...
    def listen_sessions(self, listening: int) -> None: ...
    def listen_ended(self, reason: str) -> None: ...


Rescan = Callable[[str], Awaitable[None]]
"""Scan this server now (the daemon's single-server scan)."""


def wanted(spec: ServerSpec) -> bool:
    """Whether `spec`'s server gets a listening session (`auto`: HTTP servers only)."""
    if spec.listen == "off":
        return False
    return spec.listen == "on" or spec.transport != "stdio"


@dataclass(frozen=True)
class Ending:
    """Why a session ended: `reason` is a metric label, `detail` says more in the log."""

    reason: str  # closed | renewed | dropped | flood | too_large | error | unsupported
    detail: str = ""


class _Session:
    """One session's state: the flood count, and why it ended if something here ended it."""

    def __init__(self, watch: _Watch) -> None:
        self.watch = watch
        self.scope = anyio.CancelScope()
        self.ending: Ending | None = None
        self.done = False
        """Set once the session is closing on our side: the streams ending then say nothing."""
        self.listening = False
        """Whether the session got as far as listening (it counts in `listen_sessions`)."""
        self.idle_seconds = 3 * PING_SECONDS
        """An SSE stream silent for longer is dead (it carries at least the answers to pings)."""
        self._recent: deque[float] = deque()

    def end(self, reason: str, detail: str = "") -> None:
        if self.ending is None and not self.done:
            self.ending = Ending(reason, detail)
        self.scope.cancel()

    def on_stream_end(self, reason: str) -> None:
        self.end("unsupported" if "refused" in reason else "dropped", reason)

    async def on_message(self, message: IncomingMessage) -> None:
        """Every message the server sends unasked: counted against the flood limit; a
        list-changed notification (either era: listen frames are passed here too) asks for a
        re-scan."""
        now = time.monotonic()
        self._recent.append(now)
        while self._recent and self._recent[0] < now - FLOOD_WINDOW:
            self._recent.popleft()
        if isinstance(message, CHANGED):
            self.watch.changed()
        if len(self._recent) > FLOOD_MESSAGES:
            self.end("flood", f"more than {FLOOD_MESSAGES} messages in {FLOOD_WINDOW:g}s")


class _Watch:
    """One server: its sessions one after another, and the re-scans they ask for."""

    def __init__(self, spec: ServerSpec, owner: Listeners) -> None:
        self.spec = spec
        self.owner = owner
        self.pending = asyncio.Event()
        self.opened = 0

    def changed(self) -> None:
        self.owner.counts.listen_notified(self.spec.name)
        self.pending.set()

    async def run(self) -> None:
        rescans = asyncio.create_task(self._rescans())
        try:
            await self._sessions()
        finally:
            rescans.cancel()
            await asyncio.gather(rescans, return_exceptions=True)

    async def _sessions(self) -> None:
        settings = self.owner.settings
        first = backoff = settings.listen_backoff.total_seconds()
        cap = max(first, settings.listen_backoff_cap.total_seconds())
        while True:
            started = time.monotonic()
            async with self.owner.slot():
                ending = await self._session()
            self.owner.counts.listen_ended(ending.reason)
            if ending.reason == "unsupported":
                delay = UNSUPPORTED_RETRY
            else:
                if time.monotonic() - started >= STABLE_SECONDS:
                    backoff = first  # (a server that closes every session at once gets no reset)
                delay = backoff * random.uniform(0.5, 1.5)  # noqa: S311 - jitter, not a secret
                backoff = min(backoff * 2, cap)
            log.info(
                "listening session ended",
                server=self.spec.name,
                reason=ending.reason,
                detail=ending.detail,
                again_in_seconds=round(delay, 1),
            )
            await asyncio.sleep(delay)

    async def _session(self) -> Ending:
        collector = self.owner.collector
        spec = self.spec
        budget = ByteBudget(SESSION_BYTES)
        session = _Session(self)
        link: Link | None = None
        try:
            with anyio.move_on_after(RENEW_SECONDS) as renew, session.scope:
                async with collector.connections(spec) as pool:
                    link = collector.link(spec, budget, pool, session)
                    async with collector.client(link, collector.mode(spec), session.on_message) as client:
                        try:
                            await self._listen(client, session)
                        finally:
                            session.done = True
                            if session.listening:
                                self.owner.listening(-1)
        except Exception as exc:  # a cancellation (shutdown, registry change) goes on up
            error = explain(exc, spec, budget, link, self.owner.settings.request_timeout.total_seconds())
            reason = "too_large" if error.error_class == "too_large" else "error"
            return session.ending or Ending(reason, str(error))
        if session.ending is not None:
            return session.ending
        return Ending("renewed") if renew.cancelled_caught else Ending("closed")

    async def _listen(self, client: Client, session: _Session) -> None:
        """Listen until the session ends; say so when the server cannot notify at all."""
        if client.protocol_version >= MODERN_PROTOCOL:
            try:
                async with client.listen(
                    tools_list_changed=True, prompts_list_changed=True, resources_list_changed=True
                ) as subscription:
                    honored = subscription.honored
                    if not (
                        honored.tools_list_changed
                        or honored.prompts_list_changed
                        or honored.resources_list_changed
                    ):
                        session.end("unsupported", "the server honours no list-changed subscription")
                        return
                    self._opened(session)
                    async for _event in subscription:
                        pass  # counted by on_message, which sees every frame first
            except MCPError as exc:
                if exc.code != types.METHOD_NOT_FOUND:
                    raise
                session.end("unsupported", "the server has no subscriptions/listen")
            except SubscriptionLost:
                session.end("dropped", "the subscription stream dropped")
            return
        caps = client.server_capabilities
        if not any(c is not None and c.list_changed for c in (caps.tools, caps.prompts, caps.resources)):
            session.end("unsupported", "the server does not advertise listChanged")
            return
        self._opened(session)
        while True:
            await anyio.sleep(PING_SECONDS)
            await client.send_ping()

    def _opened(self, session: _Session) -> None:
        """A session is listening; one opened after another may have missed a change."""
        if self.opened:
            self.pending.set()
        self.opened += 1
        session.listening = True
        self.owner.listening(1)

    async def _rescans(self) -> None:
        """One re-scan per burst of notifications, at least `listen_rescan_gap` apart."""
        settings = self.owner.settings
        gap = settings.listen_rescan_gap.total_seconds()
        last = -gap
        while True:
            await self.pending.wait()
            await asyncio.sleep(settings.listen_debounce.total_seconds())
            await asyncio.sleep(max(0.0, last + gap - time.monotonic()))
            self.pending.clear()  # what arrives from here on asks for the next re-scan
            last = time.monotonic()
            self.owner.counts.listen_rescanned(self.spec.name)
            try:
                await self.owner.rescan(self.spec.name)
            except Exception as exc:
                log.error(
                    "re-scan after a notification failed",
                    server=self.spec.name,
                    error_type=type(exc).__name__,
                    error=redact.scrub(str(exc)),
                )


class Listeners:
    """The daemon's listening sessions: `sync` with the registry, `close` at shutdown."""

    def __init__(self, collector: Collector, settings: Settings, rescan: Rescan, counts: Counts) -> None:
        self.collector = collector
        self.settings = settings
        self.rescan = rescan
        self.counts = counts
        self._slots = asyncio.Semaphore(settings.listen_max_sessions)
        self._listening = 0
        self._watches: dict[str, tuple[ServerSpec, asyncio.Task[None]]] = {}

    def slot(self) -> asyncio.Semaphore:
        """One of the `listen_max_sessions` sessions, held while a session opens and listens."""
        return self._slots

    def listening(self, change: int) -> None:
        self._listening += change
        self.counts.listen_sessions(self._listening)

    def sync(self, specs: Iterable[ServerSpec]) -> None:
        """Listen to exactly the servers of `specs` that want it; a changed entry starts over."""
        if self.settings.listen_max_sessions == 0:
            return
        wanted_now = {spec.name: spec for spec in specs if wanted(spec)}
        for name, (spec, task) in list(self._watches.items()):
            if wanted_now.get(name) != spec:
                task.cancel()
                del self._watches[name]
        for name, spec in wanted_now.items():
            if name not in self._watches:
                task = asyncio.create_task(_Watch(spec, self).run(), name=f"listen:{name}")
                self._watches[name] = (spec, task)

    async def close(self) -> None:
        tasks = [task for _spec, task in self._watches.values()]
        self._watches.clear()
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=10)
