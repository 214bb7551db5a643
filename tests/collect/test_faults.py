"""A hung, crashed, garbage-spewing, huge or HTTP-500 server fails alone, clearly and in time."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import anyio
import pytest

from driftwatch import monitor, redact
from driftwatch.errors import CollectError
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings, load_settings
from driftwatch.store import Store
from driftwatch.store.manifests import load_manifests
from driftwatch.store.observations import latest_per_server
from tests.localhttp import StandIn, listening
from tests.support import ControlledServer, faulty_spec, processes_with, stored_manifest, zombie_children

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the driftwatch CLI or daemon)


class _Answer500(StandIn):
    def _fail(self) -> None:
        self.reply(500, b'{"error": "internal"}', {"Content-Type": "application/json"})

    do_GET = do_POST = do_DELETE = _fail


@pytest.fixture
def http_500_url() -> Iterator[str]:
    with listening(_Answer500) as where:
        yield f"{where.url}/mcp"


@pytest.fixture
def fault_settings(settings: Settings) -> Settings:
    return load_settings(
        database_url=settings.database_url,
        request_timeout="2s",
        server_timeout="10s",
        stdio_shutdown_grace="0.5s",
        max_manifest_bytes=1024 * 1024,
    )


def _assert_each_error(results: dict[str, monitor.ServerResult]) -> None:
    """Each fault is named by its class, in one clear line that shows, never obeys, what the server sent."""

    def error_of(name: str) -> tuple[str, str]:
        error = results[name].error
        assert error is not None, f"{name} should have failed"
        return error.error_class, error.message

    kind, message = error_of("hangs")
    assert kind == "timeout"
    assert "3s" in message
    kind, message = error_of("exits")
    assert kind == "exited"
    assert "exit code 1" in message
    assert "cannot open database" in message
    kind, message = error_of("garbage")
    assert kind == "protocol"
    assert "not a JSON-RPC message" in message
    assert "\x1b" not in message
    assert "\\x1b[31m" in message  # the escape is shown, not obeyed
    kind, message = error_of("huge")
    assert kind == "too_large"
    assert "1,048,576 bytes" in message
    assert error_of("orphans")[0] == "timeout"
    kind, message = error_of("http-500")
    assert kind == "http_status"
    assert "500" in message


def test_each_fault_fails_alone_with_a_clear_error(
    controlled: ControlledServer, fault_settings: Settings, store: Store, http_500_url: str
) -> None:
    marker = f"driftwatch-test-{uuid.uuid4().hex}"
    specs = [
        controlled.spec(),
        faulty_spec("hangs", "hang", marker, timeout="3s"),
        faulty_spec("exits", "exit", marker),
        faulty_spec("garbage", "garbage", marker),
        faulty_spec("huge", "huge", marker),
        faulty_spec("orphans", "spawn-and-hang", marker, timeout="3s"),
        ServerSpec(name="http-500", transport="streamable_http", url=http_500_url),
    ]
    results = {r.name: r for r in anyio.run(monitor.scan, specs, fault_settings, store)}

    assert results["controlled"].status == "ok"
    assert stored_manifest(store, results["controlled"]).counts()["tools"] == 2
    _assert_each_error(results)
    # each within its own deadline (plus the bounded kill), never the scan's (10 s): a server that
    # fails fast is not held until the slowest one has
    deadline = fault_settings.server_timeout.total_seconds()
    assert all(results[name].duration < deadline for name in ("hangs", "exits", "garbage", "http-500"))

    # errors are stored as observations, the healthy server's manifest is stored whole
    latest = store.read(latest_per_server)
    assert {name: o.status for name, o in latest.items()} == {r.name: r.status for r in results.values()}
    assert latest["huge"].error_class == "too_large"
    healthy = latest["controlled"]
    assert healthy.manifest_hash == results["controlled"].manifest_hash
    assert healthy.manifest_hash is not None
    assert store.read(load_manifests, [healthy.manifest_hash])[healthy.manifest_hash].counts()["tools"] == 2

    # nothing started by the scan outlives it: no orphaned grandchild, no zombie child
    assert processes_with(marker) == []
    assert zombie_children() == []


def test_cap_on_items(controlled: ControlledServer, settings: Settings, store: Store) -> None:
    data = controlled.read()
    data["tools"] = [dict(data["tools"][1], name=f"t{i}") for i in range(30)]
    controlled.write(data)
    capped = load_settings(database_url=settings.database_url, max_items=25)
    [result] = anyio.run(monitor.scan, [controlled.spec(env={"PAGE_SIZE": "10"})], capped, store)
    assert result.error is not None
    assert result.error.error_class == "too_large"
    assert "max_items" in result.error.message


def test_unreachable_url_and_missing_command(settings: Settings, store: Store) -> None:
    specs = [
        ServerSpec(name="nobody-home", transport="streamable_http", url="http://127.0.0.1:9/mcp"),
        ServerSpec(name="no-such-command", command="driftwatch-no-such-server"),
        ServerSpec(name="unset-env", command="true", env={"TOKEN": "${DRIFTWATCH_TEST_UNSET_VARIABLE}"}),
    ]
    results = {r.name: r.error for r in anyio.run(monitor.scan, specs, settings, store)}
    assert results["nobody-home"] is not None
    assert results["nobody-home"].error_class == "connect"
    assert results["no-such-command"] is not None
    assert results["no-such-command"].error_class == "config"
    assert "not found on PATH" in results["no-such-command"].message
    assert results["unset-env"] is not None
    assert results["unset-env"].error_class == "config"
    assert "DRIFTWATCH_TEST_UNSET_VARIABLE is not set" in results["unset-env"].message


def test_a_secret_cut_by_shortening_leaks_no_piece() -> None:
    """Messages are scrubbed before they are shortened (issue 11): a secret straddling the cut
    would otherwise leave its first half in the stored error."""
    secret = f"sk-live-{uuid.uuid4().hex}{uuid.uuid4().hex}"
    redact.register(secret, credential=True)
    for offset in range(560, 600, 7):
        message = CollectError("exited", "x" * offset + secret + " trailing words").message
        pieces = {secret[i : i + redact.PIECE] for i in range(len(secret) - redact.PIECE + 1)}
        assert not any(piece in message for piece in pieces), message
