"""Listening sessions in process: which servers listen, what a flood does to a session, how a
burst of notifications becomes one re-scan, and the slot a re-scan claims. The sessions against
real servers (both protocol eras, a flood, a drop) are in tests/daemon/test_realtime.py."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import mcp_types as types
import pytest

from driftwatch.collect.client import Collector
from driftwatch.collect.listen import FLOOD_MESSAGES, Listeners, _Session, _Watch, wanted
from driftwatch.daemon import listen_slot
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings


class Counted:
    def __init__(self) -> None:
        self.notified: list[str] = []
        self.rescanned: list[str] = []
        self.listening: list[int] = []
        self.ended: list[str] = []

    def listen_notified(self, server: str) -> None:
        self.notified.append(server)

    def listen_rescanned(self, server: str) -> None:
        self.rescanned.append(server)

    def listen_sessions(self, listening: int) -> None:
        self.listening.append(listening)

    def listen_ended(self, reason: str) -> None:
        self.ended.append(reason)


LOG = types.LoggingMessageNotificationParams(level="info", data="x")
HTTP = ServerSpec(name="remote", transport="streamable_http", url="http://127.0.0.1:9/mcp")
STDIO = ServerSpec(name="local", command="server")


def watch(settings: Settings, spec: ServerSpec = HTTP) -> tuple[_Watch, Counted, list[float]]:
    counted = Counted()
    rescans: list[float] = []

    async def rescan(name: str) -> None:
        rescans.append(time.monotonic())

    listeners = Listeners(Collector(settings), settings, rescan, counted)
    return _Watch(spec, listeners), counted, rescans


@pytest.mark.parametrize(
    ("spec", "listens"),
    [
        (HTTP, True),
        (HTTP.model_copy(update={"transport": "sse"}), True),
        (HTTP.model_copy(update={"listen": "off"}), False),
        (STDIO, False),  # a stdio session is a process kept running: only when asked
        (STDIO.model_copy(update={"listen": "on"}), True),
    ],
)
def test_http_servers_listen_by_default_and_stdio_servers_when_asked(spec: ServerSpec, listens: bool) -> None:
    assert wanted(spec) is listens


def test_a_flood_ends_the_session_and_each_list_changed_notification_is_counted(settings: Settings) -> None:
    async def flood() -> _Session:
        one, counted, _ = watch(settings)
        session = _Session(one)
        await session.on_message(types.ToolListChangedNotification())
        await session.on_message(types.PromptListChangedNotification())
        assert session.ending is None
        assert one.pending.is_set()
        for _ in range(FLOOD_MESSAGES):
            await session.on_message(
                types.LoggingMessageNotification(
                    params=types.LoggingMessageNotificationParams(level="info", data="x")
                )
            )
        assert counted.notified == ["remote", "remote"]  # log messages count for the flood only
        return session

    session = asyncio.run(flood())
    assert session.ending is not None
    assert session.ending.reason == "flood"
    assert session.scope.cancel_called


def test_a_stream_that_ends_after_the_session_closed_says_nothing(settings: Settings) -> None:
    async def ends() -> tuple[_Session, _Session, _Session]:
        one, _, _ = watch(settings)
        dropped, closing, refused = _Session(one), _Session(one), _Session(one)
        dropped.on_stream_end("notification stream ended")
        closing.done = True
        closing.on_stream_end("notification stream ended")
        refused.on_stream_end("notification stream refused: HTTP 405")
        return dropped, closing, refused

    dropped, closing, refused = asyncio.run(ends())
    assert dropped.ending is not None and dropped.ending.reason == "dropped"
    assert closing.ending is None
    assert refused.ending is not None and refused.ending.reason == "unsupported"


def test_a_burst_is_one_rescan_and_rescans_keep_their_gap(settings: Settings) -> None:
    settings = settings.model_copy(
        update={"listen_debounce": timedelta(milliseconds=20), "listen_rescan_gap": timedelta(seconds=1)}
    )

    async def bursts() -> tuple[list[float], Counted]:
        one, counted, rescans = watch(settings)
        scanned = [asyncio.Event(), asyncio.Event()]

        async def rescan(name: str) -> None:
            rescans.append(time.monotonic())
            scanned[len(rescans) - 1].set()

        one.owner.rescan = rescan
        task = asyncio.create_task(one._rescans())
        for _ in range(50):
            one.changed()
        await scanned[0].wait()
        for _ in range(50):  # a second burst, right after the first re-scan began
            one.changed()
        await scanned[1].wait()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return rescans, counted

    rescans, counted = asyncio.run(bursts())
    assert len(counted.notified) == 100
    assert counted.rescanned == ["remote", "remote"]
    assert rescans[1] - rescans[0] >= 1.0


def test_a_rescan_claims_a_slot_that_no_server_name_can_take() -> None:
    assert listen_slot("search") == "(listen) search"
    long = "a" * 128
    assert len(listen_slot(long)) <= 128
    assert listen_slot(long) != listen_slot("a" * 127 + "b")
