"""A scan costs each server as little as it can: started first, not waited for, asked once.

Issue 15: `scan` starts its stdio servers before it loads the heavy half of driftwatch; a server
whose lists are read is stopped in the background, and none survives the cycle; an HTTP server
is read over one connection with no GET stream (its authorization surface too); a server known
to be of the 2025 era is not asked `server/discover` again. Every count here is taken at the
server (its own log of methods, or a proxy at its door), never from the client's opinion of itself.
"""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import anyio
import pytest
import yaml

from driftwatch.collect.client import Collected, Collector, Era
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from tests.http_count import CountingProxy
from tests.support import (
    PY,
    TEST_SERVERS,
    ControlledServer,
    Processes,
    default_manifest,
    driftwatch,
    faulty_spec,
    free_port,
    processes_with,
    run_probe,
    zombie_children,
)

pytestmark = pytest.mark.e2e  # starts MCP servers and the driftwatch CLI

PROBE = """
import json, sys
report, sys.argv = sys.argv[1], ["driftwatch", *sys.argv[2:]]
from driftwatch.collect import spawn

loaded_at_start = []
original = spawn.start_process

async def recording(*args, **kwargs):
    heavy = ("mcp", "mcp_types", "sqlalchemy", "driftwatch.monitor", "driftwatch.store")
    loaded_at_start.append(sorted(m for m in sys.modules if m in heavy or m.startswith(heavy)))
    return await original(*args, **kwargs)

spawn.start_process = recording
from driftwatch.cli import main
try:
    main()
    code = 0
except SystemExit as exc:
    code = exc.code or 0
with open(report, "w") as out:
    json.dump({"code": code, "starts": loaded_at_start, "modules": sorted(sys.modules)}, out)
"""


def test_scan_starts_its_stdio_server_before_the_heavy_imports(
    controlled: ControlledServer, database_url: str, tmp_path: Path
) -> None:
    controlled.write(default_manifest())
    registry = tmp_path / "registry.yaml"
    registry.write_text(yaml.safe_dump({"servers": [controlled.registry_entry()]}))
    env = {"DRIFTWATCH_REGISTRY": str(registry), "DRIFTWATCH_DATABASE_URL": database_url}
    done, found = run_probe(PROBE, tmp_path / "report.json", "scan", "--format", "json", env=env, timeout=120)
    assert json.loads(done.stdout)["servers"][0]["status"] == "ok"
    # one start, before the SDK, SQLAlchemy or the pipeline were loaded; the collector took that
    # process instead of starting a second one
    assert found["starts"] == [[]]
    assert {"mcp", "sqlalchemy", "driftwatch.monitor"} <= set(found["modules"])  # loaded later
    assert processes_with(str(controlled.path)) == []


def test_a_server_is_not_waited_for_yet_none_outlives_the_cycle(settings: Settings) -> None:
    """The server ignores stdin EOF and SIGTERM and leaves a grandchild in its own session."""
    marker = f"driftwatch-test-{uuid.uuid4().hex}"
    spec = faulty_spec("linger", "linger", marker)

    async def scan() -> tuple[Collected, list[int]]:
        async with Collector(settings).session() as collector:
            collected = await collector.collect(spec)
            return collected, processes_with(marker)

    collected, running_after_collect = anyio.run(scan)
    assert collected.manifest.counts()["tools"] == 1
    assert running_after_collect != []  # collect returned while the server was still there
    assert processes_with(marker) == []  # and the cycle killed it, its grandchild and the shim
    assert zombie_children() == []


def test_the_cycle_ends_the_grace_of_the_servers_it_no_longer_needs(settings: Settings) -> None:
    """A server given a minute to exit after stdin closes does not hold the cycle for it: when the
    cycle has nothing left to do, it stops the server (and the grandchild) at once."""
    marker = f"driftwatch-test-{uuid.uuid4().hex}"
    spec = faulty_spec("linger", "linger", marker)
    patient = settings.model_copy(update={"stdio_shutdown_grace": timedelta(minutes=1)})

    async def scan() -> Collected:
        async with Collector(patient).session() as collector:
            return await collector.collect(spec)

    started = time.monotonic()
    assert anyio.run(scan).manifest.counts()["tools"] == 1
    assert time.monotonic() - started < 30  # not the minute of grace
    assert processes_with(marker) == []
    assert zombie_children() == []


def test_a_2025_era_stdio_server_is_not_probed_twice(settings: Settings, tmp_path: Path) -> None:
    log = tmp_path / "methods.log"
    spec = faulty_spec("linger", "linger", env={"METHODS_LOG": str(log)})

    async def scan_twice() -> tuple[list[str], list[str], list[str]]:
        hashes, seen = [], []
        async with Collector(settings).session() as collector:  # as the daemon keeps one
            for _ in range(2):
                log.write_text("")
                hashes.append((await collector.collect(spec)).manifest.hash)
                seen.append(log.read_text().split())
        return hashes, seen[0], seen[1]

    hashes, first, second = anyio.run(scan_twice)
    assert first == ["server/discover", "initialize", "notifications/initialized", "tools/list"]
    assert second == ["initialize", "notifications/initialized", "tools/list"]
    assert hashes[0] == hashes[1]


def test_a_server_that_shows_another_manifest_is_probed_again(settings: Settings, tmp_path: Path) -> None:
    """It may have been upgraded to the 2026 era: one scan later, `server/discover` is asked again."""
    log = tmp_path / "methods.log"

    def spec(tool: str) -> ServerSpec:
        return faulty_spec("linger", "linger", env={"METHODS_LOG": str(log), "TOOL_NAME": tool})

    async def scans() -> list[bool]:
        probed = []
        async with Collector(settings).session() as collector:
            for tool in ("stay", "stay", "moved", "moved"):
                log.write_text("")
                await collector.collect(spec(tool))
                probed.append("server/discover" in log.read_text().split())
        return probed

    # the third scan still greets it as 2025-era (nothing told otherwise yet), and sees the change
    assert anyio.run(scans) == [True, False, False, True]


LISTS = ["tools/list", "prompts/list", "resources/list", "resources/templates/list"]
SURFACE = ["GET metadata"] * 2
"""The authorization surface's reads (collect/authsurface.py): the protected resource metadata at
the endpoint's path and at the root, each a 404 here, on the same connection."""


def test_a_2025_era_http_server_sees_one_connection_and_no_get_stream(
    everything_http: Callable[..., str], settings: Settings
) -> None:
    """server-everything over streamable HTTP: stateful, 2025 era, offers a GET stream."""
    with CountingProxy(everything_http("streamableHttp")) as proxy:
        spec = ServerSpec(name="everything", transport="streamable_http", url=proxy.url)
        first = _collect(settings, spec)
        assert proxy.seen.connections == 1
        handshake = ["server/discover", "initialize", "notifications/initialized"]
        assert proxy.seen.methods() == Counter([*handshake, *LISTS, "DELETE", *SURFACE])

        proxy.seen.clear()
        second = _collect(settings, spec, first[1])
        assert proxy.seen.connections == 1
        assert proxy.seen.methods() == Counter([*handshake[1:], *LISTS, "DELETE", *SURFACE])
    assert first[0].manifest.hash == second[0].manifest.hash


def test_a_2026_era_http_server_sees_one_connection(
    controlled: ControlledServer, processes: Processes, settings: Settings
) -> None:
    controlled.write(default_manifest())
    port = free_port()
    processes.start(
        [PY, str(TEST_SERVERS / "manifest_server.py"), str(controlled.path), "streamable-http", str(port)],
        port,
    )
    with CountingProxy(f"http://127.0.0.1:{port}/mcp") as proxy:
        spec = ServerSpec(name="controlled", transport="streamable_http", url=proxy.url)
        collected, _ = _collect(settings, spec)
        assert collected.protocol_version == "2026-07-28"
        assert proxy.seen.connections == 1
        assert proxy.seen.methods() == Counter(["server/discover", *LISTS, *SURFACE])


def test_a_long_lived_collector_holds_no_connection_between_scans(
    controlled: ControlledServer, processes: Processes, settings: Settings
) -> None:
    """The daemon's collector lives for days: each scan of an HTTP server opens its connection and
    closes it when the server is read, so no idle connection waits at the server between scans
    (and none is checked on every other server's request)."""
    controlled.write(default_manifest())
    port = free_port()
    processes.start(
        [PY, str(TEST_SERVERS / "manifest_server.py"), str(controlled.path), "streamable-http", str(port)],
        port,
    )

    async def closed(proxy: CountingProxy, count: int) -> None:
        assert await anyio.to_thread.run_sync(proxy.seen.wait_closed, count), "a connection stayed open"

    async def scan_twice(proxy: CountingProxy) -> None:
        spec = ServerSpec(name="controlled", transport="streamable_http", url=proxy.url)
        async with Collector(settings).session() as collector:
            await collector.collect(spec)
            await closed(proxy, 1)
            assert proxy.seen.connections == 1
            await collector.collect(spec)
            await closed(proxy, 2)
            assert proxy.seen.connections == 2

    with CountingProxy(f"http://127.0.0.1:{port}/mcp") as proxy:
        anyio.run(scan_twice, proxy)


def test_the_cli_remembers_the_era_between_scans(
    everything_http: Callable[..., str], database_url: str
) -> None:
    """`scan` is a new process each time: the era it remembers comes from the store."""
    with CountingProxy(everything_http("streamableHttp")) as proxy:
        env = {"DRIFTWATCH_DATABASE_URL": database_url}
        seen = []
        for _ in range(2):
            proxy.seen.clear()
            done = driftwatch("scan", "--url", proxy.url, "--format", "json", env=env)
            assert json.loads(done.stdout)["servers"][0]["status"] == "ok", done.stderr
            seen.append(proxy.seen.methods())
        assert seen[0]["server/discover"] == 1
        assert proxy.seen.methods()["server/discover"] == 0
        assert proxy.seen.methods()["initialize"] == 1
        assert proxy.seen.connections == 1


@pytest.mark.parametrize("recheck", ["1h", "0s"])
def test_the_cli_reads_no_metadata_again_of_a_server_that_publishes_none_until_it_is_due(
    controlled: ControlledServer, processes: Processes, database_url: str, recheck: str
) -> None:
    """A server that publishes no metadata and serves its lists without credentials: its surface
    is read again once per `auth_surface_recheck` (collect/authsurface.py), or when it shows
    another manifest, not on every scan; a server scanned with credentials (here a query) is read
    on every scan."""
    controlled.write(default_manifest())
    port = free_port()
    processes.start(
        [PY, str(TEST_SERVERS / "manifest_server.py"), str(controlled.path), "streamable-http", str(port)],
        port,
    )
    env = {"DRIFTWATCH_DATABASE_URL": database_url, "DRIFTWATCH_AUTH_SURFACE_RECHECK": recheck}
    with CountingProxy(f"http://127.0.0.1:{port}/mcp") as proxy:
        reads = []
        changed = default_manifest()
        changed["tools"][0]["description"] = "Adds a note, now with a tag."
        for scan, url in enumerate([proxy.url] * 3 + [f"{proxy.url}?key=x"] * 2):
            if scan == 2:
                controlled.write(changed)
            proxy.seen.clear()
            done = driftwatch("scan", "--url", url, "--format", "json", env=env)
            [server] = json.loads(done.stdout)["servers"]
            assert server["status"] == "ok", done.stderr
            assert server["auth_surface"]["protected"] is False
            reads.append(proxy.seen.methods()["GET metadata"])
    assert reads == ([2, 0, 2, 2, 2] if recheck == "1h" else [2, 2, 2, 2, 2])


def _collect(
    settings: Settings, spec: ServerSpec, eras: dict[str, Era] | None = None
) -> tuple[Collected, dict[str, Era]]:
    """One scan cycle of `spec` (its own connection pool), seeded with `eras`; and the eras after."""

    async def scan() -> tuple[Collected, dict[str, Era]]:
        collector = Collector(settings, eras=eras)
        async with collector.session():
            return await collector.collect(spec), dict(collector.eras)

    return anyio.run(scan)


def test_an_error_inside_the_cycle_comes_out_as_itself() -> None:
    """The task group that stops servers in the background does not wrap the cycle's own error:
    a bad lock file stays a ConfigError (exit 2, one line), not an exception group."""
    from driftwatch.collect.spawn import ServerProcesses
    from driftwatch.errors import ConfigError

    async def cycle() -> None:
        async with ServerProcesses():
            raise ConfigError("the lock file does not match")

    with pytest.raises(ConfigError, match="does not match"):
        anyio.run(cycle)
