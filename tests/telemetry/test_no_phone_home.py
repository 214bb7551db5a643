"""Nothing leaves a scan but its questions to the configured servers (issue 19, item 3).

A loopback-only socket audit: `driftwatch scan` runs in a fresh Python that first installs an
audit hook (`sys.addaudithook`), which sees every `socket.connect`, `socket.sendto` and
`socket.getaddrinfo` the process makes, from any thread (an exporter's batch thread included).
With no `OTEL_*` variable, the scan of a stdio server and an HTTP server on 127.0.0.1 connects to
that HTTP server and to nothing else, resolves no other name, and loads no OpenTelemetry SDK. The
control case: with an OTLP endpoint configured, the same audit sees the exporter's connection to
it (made at exit, when the last batch is flushed: the report is written after that), so a probe
that saw too little would not pass by accident. (PostgreSQL's connections are made by libpq, in C,
which no Python audit hook sees: on the PostgreSQL pass the database's own connection is not in
the list.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.fake_otlp import FakeCollector
from tests.support import PY, TEST_SERVERS, ControlledServer, Processes, default_manifest, free_port

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the CLI)

PROBE = """
import atexit, json, sys
report, sys.argv = sys.argv[1], ["driftwatch", *sys.argv[2:]]
events = []
found = {"code": None, "events": events}

def write():
    found["modules"] = sorted(sys.modules)
    with open(report, "w") as out:
        json.dump(found, out)

atexit.register(write)  # the first registered runs last: after the exporter's flush at exit

def audit(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        events.append([event, repr(args[1])])
    elif event == "socket.getaddrinfo":
        events.append([event, repr(args[0])])

sys.addaudithook(audit)
from driftwatch.cli import main
try:
    main()
    found["code"] = 0
except SystemExit as exc:
    found["code"] = exc.code or 0
"""


def _audited_scan(tmp_path: Path, database_url: str, registry: Path, otel: dict[str, str]) -> dict[str, Any]:
    """`driftwatch scan -f json` under the audit hook, with no OTEL_* variable but `otel`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DRIFTWATCH_", "OTEL_"))}
    report = tmp_path / "audit.json"
    env = {**clean, "DRIFTWATCH_DATABASE_URL": database_url, "DRIFTWATCH_REGISTRY": str(registry), **otel}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(report), "scan", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(report.read_text())
    statuses = {server["server"]: server["status"] for server in json.loads(done.stdout)["servers"]}
    assert statuses == {"notes": "ok", "notes-http": "ok"}, done.stderr
    return found


@pytest.fixture
def registry(tmp_path: Path, processes: Processes) -> tuple[Path, int]:
    """A stdio server and a streamable-HTTP server on 127.0.0.1; the registry and its port."""
    manifest = ControlledServer(tmp_path / "manifest.json", "notes")
    manifest.write(default_manifest())
    port = free_port()
    processes.start(
        [PY, str(TEST_SERVERS / "manifest_server.py"), str(manifest.path), "streamable-http", str(port)], port
    )
    entries = [
        manifest.registry_entry(),
        {"name": "notes-http", "transport": "streamable_http", "url": f"http://127.0.0.1:{port}/mcp"},
    ]
    path = tmp_path / "registry.yaml"
    path.write_text(yaml.safe_dump({"servers": entries}))
    return path, port


def test_a_scan_connects_to_its_servers_only(
    tmp_path: Path, database_url: str, registry: tuple[Path, int]
) -> None:
    path, port = registry
    found = _audited_scan(tmp_path, database_url, path, {})
    events = found["events"]
    connects = {address for event, address in events if event != "socket.getaddrinfo"}
    lookups = {host for event, host in events if event == "socket.getaddrinfo"}
    assert connects == {repr(("127.0.0.1", port))}, events
    assert lookups <= {repr("127.0.0.1")}, events
    # Untraced, the OpenTelemetry SDK is not even loaded (the mcp SDK loads only its API).
    sdk = ("opentelemetry.sdk", "opentelemetry.exporter", "driftwatch.otlp")
    assert [m for m in found["modules"] if m.startswith(sdk)] == []


def test_the_audit_sees_the_exporter_when_traces_are_asked_for(
    tmp_path: Path, database_url: str, registry: tuple[Path, int]
) -> None:
    path, port = registry
    with FakeCollector().running() as collector:
        otel = {"OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint}
        events = _audited_scan(tmp_path, database_url, path, otel)["events"]
    connects = {address for event, address in events if event != "socket.getaddrinfo"}
    assert connects == {repr(("127.0.0.1", port)), repr(("127.0.0.1", collector.port))}, events
    assert any(span.name == "scan cycle" for span in collector.spans)
