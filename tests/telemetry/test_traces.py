"""Traces of a scan, as a tracing backend receives them (issue 19, item 3).

One `driftwatch scan` of three servers (two over stdio, one over streamable HTTP) with
`OTEL_EXPORTER_OTLP_ENDPOINT` pointed at a local collector stand-in (tests/fake_otlp.py): the cycle
is one span, each server one span inside it with the MCP attributes, each MCP request the `mcp`
SDK's span inside its server's; the HTTP server got the server span's trace context; the JSON log
lines carry the trace ids. The exporter flushes when the command exits, so every span is in once
the command has returned.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.daemon_support import DaemonProcess, register, wait_for
from tests.fake_otlp import FakeCollector, Span
from tests.support import (
    PY,
    TEST_SERVERS,
    ControlledServer,
    Processes,
    default_manifest,
    driftwatch,
    free_port,
)

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the CLI)

STDIO = ("notes-a", "notes-b")
HTTP = "notes-http"


def _fleet(tmp_path: Path, processes: Processes, log: Path) -> tuple[Path, int]:
    """A registry of two stdio servers and one streamable-HTTP server (which writes the
    `traceparent` of each request it gets to `log`); the registry and the HTTP server's port."""
    manifest = ControlledServer(tmp_path / "manifest.json")
    manifest.write(default_manifest())
    port = free_port()
    server = [PY, str(TEST_SERVERS / "manifest_server.py"), str(manifest.path), "streamable-http", str(port)]
    processes.start(server, port, env={"TRACEPARENT_LOG": str(log)})
    entries: list[dict[str, Any]] = [ControlledServer(manifest.path, name).registry_entry() for name in STDIO]
    entries.append({"name": HTTP, "transport": "streamable_http", "url": f"http://127.0.0.1:{port}/mcp"})
    registry = tmp_path / "registry.yaml"
    registry.write_text(yaml.safe_dump({"servers": entries}))
    return registry, port


def _by_name(spans: list[Span]) -> dict[str, Span]:
    return {span.name: span for span in spans}


def test_one_scan_of_three_servers_is_one_trace(
    tmp_path: Path, database_url: str, processes: Processes
) -> None:
    log = tmp_path / "traceparents"
    registry, port = _fleet(tmp_path, processes, log)
    with FakeCollector().running() as collector:
        done = driftwatch(
            "scan",
            env={
                "DRIFTWATCH_DATABASE_URL": database_url,
                "DRIFTWATCH_REGISTRY": str(registry),
                "DRIFTWATCH_LOG_FORMAT": "json",
                "OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint,
                "OTEL_SERVICE_NAME": "driftwatch-test",
            },
        )
    assert "notes-http" in done.stdout, done.stderr
    spans = collector.spans
    assert collector.refused == 0
    named = _by_name(spans)
    cycle = named["scan cycle"]
    _assert_cycle(cycle, spans)
    servers = {name: named[f"scan {name}"] for name in (*STDIO, HTTP)}
    _assert_server_spans(servers, cycle, port)
    _assert_request_spans(spans, servers)
    _assert_propagated(log, cycle, servers[HTTP])
    _assert_log_lines(done.stderr, cycle, servers)


def _assert_cycle(cycle: Span, spans: list[Span]) -> None:
    """The cycle is the root of one trace that holds every span."""
    assert cycle.parent_id == ""
    assert cycle.scope == "driftwatch"
    assert cycle.attributes == {
        "driftwatch.trigger": "scan",
        "driftwatch.servers": 3,
        "driftwatch.failed": 0,
        "driftwatch.changed": 3,
    }
    assert cycle.resource["service.name"] == "driftwatch-test"
    assert {span.trace_id for span in spans} == {cycle.trace_id}


def _assert_server_spans(servers: dict[str, Span], cycle: Span, port: int) -> None:
    """Each server's span hangs from the cycle, with the MCP and network attributes."""
    for name, span in servers.items():
        assert span.parent_id == cycle.span_id
        assert span.status == "unset"
        attributes = span.attributes
        assert attributes["driftwatch.server"] == name
        assert attributes["driftwatch.outcome"] == "changed"  # new: no baseline approved
        assert attributes["mcp.protocol.version"] == "2026-07-28"
        assert len(attributes["driftwatch.manifest.hash"]) >= 16
    for name in STDIO:
        assert servers[name].attributes["network.transport"] == "pipe"
        assert "server.address" not in servers[name].attributes
    http = servers[HTTP].attributes
    assert (http["network.transport"], http["network.protocol.name"]) == ("tcp", "http")
    assert (http["server.address"], http["server.port"]) == ("127.0.0.1", port)


def _assert_request_spans(spans: list[Span], servers: dict[str, Span]) -> None:
    """The mcp SDK's span of each request hangs from its server's span, with `mcp.method.name`."""
    by_id = {span.span_id: span for span in spans}
    requests = [span for span in spans if span.scope != "driftwatch"]
    methods: dict[str, set[str]] = {name: set() for name in servers}
    for span in requests:
        parent = by_id[span.parent_id]
        methods[parent.attributes["driftwatch.server"]].add(span.attributes["mcp.method.name"])
        assert span.name.startswith("MCP send ")
    for name in servers:
        assert {"server/discover", "tools/list", "prompts/list", "resources/list"} <= methods[name]


def _assert_propagated(log: Path, cycle: Span, server: Span) -> None:
    """The HTTP server was told the trace: every MCP request carried its server span's context
    (W3C: version-trace id-parent id-flags)."""
    sent = [line.split() for line in log.read_text().splitlines()]
    mcp = [traceparent.split("-") for method, path, traceparent in sent if path == "/mcp"]
    assert mcp and all(method == "POST" for method, path, _ in sent if path == "/mcp")
    assert {(version, trace, parent) for version, trace, parent, _ in mcp} == {
        ("00", cycle.trace_id, server.span_id)
    }


def _assert_log_lines(stderr: str, cycle: Span, servers: dict[str, Span]) -> None:
    """JSON log lines logged inside a span carry its ids."""
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    scanned = [line for line in lines if line["event"] == "scanned"]
    assert len(scanned) == 3
    for line in scanned:
        assert line["trace_id"] == cycle.trace_id
        assert line["span_id"] == servers[line["server"]].span_id


def test_each_daemon_scan_is_a_trace(
    controlled: ControlledServer, daemon_env: dict[str, str], tmp_path: Path
) -> None:
    """The daemon's scheduled scans, each a trace of its own, exported while it runs (batches every
    200 ms here, `OTEL_BSP_SCHEDULE_DELAY`), not only when it stops."""
    register(Path(daemon_env["DRIFTWATCH_REGISTRY"]), controlled.registry_entry())
    with FakeCollector().running() as collector:
        env = {
            **daemon_env,
            "OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint,
            "OTEL_BSP_SCHEDULE_DELAY": "200",
        }
        daemon = DaemonProcess(env, int(daemon_env["DRIFTWATCH_HTTP_PORT"]), tmp_path / "daemon.log")
        daemon.start()
        try:
            cycles = wait_for(
                lambda: _cycles(collector) if len(_cycles(collector)) >= 2 else None, 30, "two cycles"
            )
        finally:
            daemon.stop()
    assert {cycle.attributes["driftwatch.trigger"] for cycle in cycles} == {"schedule"}
    assert len({cycle.trace_id for cycle in cycles}) == len(cycles)
    servers = [span for span in collector.spans if span.name == f"scan {controlled.name}"]
    assert {span.parent_id for span in servers} >= {cycle.span_id for cycle in cycles[:2]}


def _cycles(collector: FakeCollector) -> list[Span]:
    return [span for span in list(collector.spans) if span.name == "scan cycle"]
