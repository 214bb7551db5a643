"""The daemon's discovery job (issue 16, item 4): unregistered servers page once, registered never.

On the real home directory and repositories of tests/discover (eight clients, renamed registered
servers, tokens everywhere, hostile files), with a real database. In process on a fake clock:
the job is run by hand, interval after interval, and what it wrote (outbox rows), delivered (to the
Slack and PagerDuty stand-in) and counted (metrics) is checked; nothing sleeps. The last test runs
the real `driftwatch run` process and waits on its run counter, not on a number of intervals.
"""

from __future__ import annotations

import asyncio
import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr
from sqlalchemy import select

from driftwatch import discover
from driftwatch.alerts.dispatcher import Dispatcher
from driftwatch.daemon import Daemon
from driftwatch.settings import Settings, load_settings
from driftwatch.store import Store
from driftwatch.store.models import Alert
from tests.daemon.test_scheduling import Clock
from tests.daemon_support import DaemonProcess, wait_for
from tests.discover import test_kubernetes as kube_tests
from tests.discover.kube_api import TOKEN, cluster_router, serve
from tests.discover.test_discover import REGISTRY, assert_no_secret, expected, write
from tests.discover.test_discover import world as world  # the home and two repositories, as a fixture
from tests.fake_saas import FakeSaaS, pagerduty_violations, slack_violations

HOUR = timedelta(hours=1)


def discovering(settings: Settings, world: dict[str, Path], **more: Any) -> Settings:
    return settings.model_copy(
        update={
            "registry": world["registry"],
            "discovery_homes": [world["home"]],
            "discovery_paths": [world["repo1"], world["repo2"]],
            "discovery_excludes": ["vendor"],
            "slack_bot_token": SecretStr("xoxb-test-token-1234"),
            "slack_channel": "#mcp-alerts",
            "pagerduty_routing_key": SecretStr("pd-routing-key-5678"),
            **more,
        }
    )


def started(settings: Settings, store: Store, clock: Clock) -> Daemon:
    daemon = Daemon(settings, clock=clock)
    daemon.store = store
    daemon.load_first_registry()
    return daemon


def alerts(store: Store) -> list[Alert]:
    with store.transaction() as session:
        rows = list(session.scalars(select(Alert).order_by(Alert.id)))
        session.expunge_all()
        return rows


def sample(daemon: Daemon, name: str, **labels: str) -> float:
    return daemon.metrics.registry.get_sample_value(name, labels) or 0.0


def identities(rows: list[Alert]) -> set[str]:
    return {json.loads(r.payload)["payload"]["component"] for r in rows if r.channel == "pagerduty"}


def test_each_unknown_server_alerts_once_and_a_registered_one_never(
    settings: Settings, store: Store, world: dict[str, Path]
) -> None:
    clock = Clock()
    daemon = started(discovering(settings, world), store, clock)
    asyncio.run(daemon.discover_unknown())
    rows = alerts(store)
    unknown = expected(world)
    assert identities(rows) == unknown  # exactly the unregistered ones: github, search, fetch, notes never
    assert sorted((r.channel, r.action) for r in rows) == sorted(
        [("slack", "post"), ("pagerduty", "trigger")] * len(unknown)
    )
    assert len({r.dedup_key for r in rows}) == len(unknown)
    assert all(r.server_id is None and r.dedup_key.startswith("driftwatch/unregistered/") for r in rows)
    assert_no_secret(*(r.payload for r in rows), *(r.dedup_key for r in rows))
    assert sample(daemon, "driftwatch_unknown_servers") == len(unknown)
    assert sample(daemon, "driftwatch_discovery_unreadable_files") >= 3  # the hostile files, one each

    asyncio.run(daemon.discover_unknown())  # the same interval: already looked (by this replica or another)
    assert sample(daemon, "driftwatch_discovery_runs_total", outcome="ok") == 1

    clock.now += HOUR
    asyncio.run(daemon.discover_unknown())
    assert sample(daemon, "driftwatch_discovery_runs_total", outcome="ok") == 2
    assert len(alerts(store)) == len(rows)  # the next run: the same servers, no new alert


def test_a_server_registered_later_stops_being_unknown_and_a_new_one_alerts(
    settings: Settings, store: Store, world: dict[str, Path]
) -> None:
    clock = Clock()
    daemon = started(discovering(settings, world), store, clock)
    asyncio.run(daemon.discover_unknown())
    before = len(alerts(store))
    registry = {
        "servers": [*REGISTRY["servers"], {"name": "vs", "command": "npx", "args": ["vscode-shadow"]}]
    }
    write(world["registry"], yaml.safe_dump(registry))
    os.utime(world["registry"], ns=(2, 2))
    daemon.reload_registry()
    write(
        world["home"] / ".cursor/mcp.json",
        json.dumps({"mcpServers": {"n": {"command": "uvx", "args": ["new-one"]}}}),
    )
    clock.now += HOUR
    asyncio.run(daemon.discover_unknown())
    assert sample(daemon, "driftwatch_unknown_servers") == len(expected(world))  # one registered, one new
    added = alerts(store)[before:]
    assert identities(added) == {"pypi:new-one"}
    assert len(added) == 2


def test_notify_only_and_a_route_of_its_own(settings: Settings, store: Store, world: dict[str, Path]) -> None:
    chosen = discovering(settings, world, discovery_page=False, discovery_slack_channel="#shadow-it")
    daemon = started(chosen, store, Clock())
    asyncio.run(daemon.discover_unknown())
    rows = alerts(store)
    assert {r.channel for r in rows} == {"slack"}
    assert len(rows) == len(expected(world))


def test_off_without_paths_and_hourly_by_default(settings: Settings, world: dict[str, Path]) -> None:
    assert not load_settings().discovery_enabled
    quiet = Daemon(settings)
    quiet._schedule_discovery()
    assert quiet.scheduler.get_job("discovery") is None
    looking = Daemon(discovering(settings, world))
    looking._schedule_discovery()
    job = looking.scheduler.get_job("discovery")
    assert job is not None and job.trigger.interval == HOUR


def test_a_failing_or_hostile_run_is_counted_and_never_raises(
    settings: Settings, store: Store, world: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    os.mkfifo(world["repo2"] / ".mcp.json")  # reading it must not block
    clock = Clock()
    daemon = started(
        discovering(settings, world, discovery_paths=[world["repo2"], world["home"] / "gone"]), store, clock
    )
    asyncio.run(daemon.discover_unknown())
    assert sample(daemon, "driftwatch_discovery_runs_total", outcome="ok") == 1

    def broken(*args: object, **kwargs: object) -> discover.Discovery:
        raise OSError("the disk went away")

    monkeypatch.setattr(discover, "discover", broken)
    clock.now += HOUR
    asyncio.run(daemon.discover_unknown())
    assert sample(daemon, "driftwatch_discovery_runs_total", outcome="failed") == 1


@pytest.mark.e2e  # the Slack and PagerDuty stand-in listens on a socket
def test_the_stand_in_gets_one_message_per_unknown_server_per_channel(
    settings: Settings, store: Store, world: dict[str, Path], fake: FakeSaaS
) -> None:
    chosen = discovering(
        settings, world, slack_api_url=fake.slack_url, pagerduty_events_url=fake.pagerduty_url
    )
    clock = Clock()
    daemon = started(chosen, store, clock)
    dispatcher = Dispatcher(chosen, store, daemon._owners)

    async def run_and_deliver() -> None:
        await daemon.discover_unknown()
        while (await dispatcher.run_once()).sent:
            pass

    asyncio.run(run_and_deliver())
    clock.now += HOUR
    asyncio.run(run_and_deliver())
    dispatcher.close()
    posts, pages = fake.delivered("slack"), fake.delivered("pagerduty")
    unknown = expected(world)
    assert len(posts) == len(pages) == len(unknown)
    assert {p.body["payload"]["component"] for p in pages} == unknown
    assert {p.body["routing_key"] for p in pages} == {"pd-routing-key-5678"}
    assert {p.body["channel"] for p in posts} == {"#mcp-alerts"}
    assert all("Unregistered MCP server" in p.body["text"] for p in posts)
    for post in posts:
        assert slack_violations(post.body) == []
    for page in pages:
        assert pagerduty_violations(page.body) == []
    assert_no_secret(*(json.dumps(r.body) for r in posts + pages))


SHADOW_TOKEN = "ghp_ShadowToken0123456789abcdefXYZ"


def metric(daemon: DaemonProcess, name: str, **labels: str) -> float:
    answer = daemon.get("/metrics")
    if answer is None:
        return 0.0
    for family in text_string_to_metric_families(answer[1]):
        for found in family.samples:
            if found.name == name and all(found.labels.get(k) == v for k, v in labels.items()):
                return float(found.value)
    return 0.0


def unregistered_posts(fake: FakeSaaS) -> list[Any]:
    return [p for p in fake.delivered("slack") if "Unregistered MCP server" in p.body.get("text", "")]


def unregistered_pages(fake: FakeSaaS) -> list[Any]:
    return [p for p in fake.delivered("pagerduty") if p.body.get("event_action") == "trigger"]


@pytest.mark.e2e
@pytest.mark.postgres
def test_the_daemon_process_pages_once_per_unknown_server(
    daemon: DaemonProcess, fake: FakeSaaS, daemon_env: dict[str, str], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    write(home / ".claude.json", json.dumps({"mcpServers": {
        "known-renamed": {"command": "/nonexistent/bin/known-mcp", "args": ["--stdio"]},
        "shadow": {"command": "npx", "args": ["-y", "@evil/shadow-mcp@1.0"],
                   "env": {"GH_TOKEN": SHADOW_TOKEN}},
    }}))  # fmt: skip
    write(Path(daemon_env["DRIFTWATCH_REGISTRY"]), yaml.safe_dump({"servers": [
        {"name": "known", "command": "/nonexistent/bin/known-mcp", "args": ["--stdio"], "interval": "1h"},
    ]}))  # fmt: skip
    daemon.env.update(DRIFTWATCH_DISCOVERY_HOMES=json.dumps([str(home)]), DRIFTWATCH_DISCOVERY_INTERVAL="1s")
    daemon.start()
    posts = wait_for(lambda: unregistered_posts(fake), 60, "the Slack post")
    pages = wait_for(lambda: unregistered_pages(fake), 30, "the PagerDuty trigger")
    runs = metric(daemon, "driftwatch_discovery_runs_total", outcome="ok")
    wait_for(
        lambda: metric(daemon, "driftwatch_discovery_runs_total", outcome="ok") >= runs + 2, 60, "2 runs"
    )
    # a run writes its alerts before it is counted: the rows are all the alerts there will be
    store = Store.open(load_settings(database_url=daemon_env["DRIFTWATCH_DATABASE_URL"]))
    try:
        assert len([a for a in alerts(store) if a.server_id is None]) == 2
    finally:
        store.close()
    assert (unregistered_posts(fake), unregistered_pages(fake)) == (posts, pages)
    assert len(posts) == 1 and len(pages) == 1
    assert pages[0].body["payload"]["component"] == "npm:@evil/shadow-mcp"
    assert SHADOW_TOKEN not in json.dumps(posts[0].body) + json.dumps(pages[0].body)
    assert metric(daemon, "driftwatch_unknown_servers") == 1


@pytest.mark.e2e  # a local HTTPS server stands in for the Kubernetes API
def test_the_cluster_alone_turns_discovery_on_and_its_unknown_servers_alert(
    settings: Settings, store: Store, tmp_path: Path
) -> None:
    registry = write(tmp_path / "registry.yaml", yaml.safe_dump(kube_tests.REGISTRY))
    with serve(cluster_router, tmp_path) as api:
        config = settings.model_copy(
            update={
                "registry": registry,
                "discovery_kubernetes": "on",
                "discovery_kubeconfig": api.kubeconfig(tmp_path / "kubeconfig"),
                "pagerduty_routing_key": SecretStr("pd-routing-key-5678"),
            }
        )
        assert config.discovery_enabled
        daemon = started(config, store, Clock())
        asyncio.run(daemon.discover_unknown())
    rows = alerts(store)
    assert identities(rows) == kube_tests.UNKNOWN
    assert all(TOKEN not in r.payload and TOKEN[:12] not in r.payload for r in rows)
    assert sample(daemon, "driftwatch_unknown_servers") == len(kube_tests.UNKNOWN)
    assert sample(daemon, "driftwatch_discovery_unreadable_files") == 1  # the MCPServer without an image
