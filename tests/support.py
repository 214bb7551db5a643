"""Helpers for tests: real MCP servers (npm, PyPI, and ones the tests start) and their specs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from driftwatch.registry import ServerSpec

if TYPE_CHECKING:
    from driftwatch.manifest import Manifest
    from driftwatch.monitor import ServerResult
    from driftwatch.store import Store
from tests.schemas import validate_text

ROOT = Path(__file__).resolve().parent.parent
TEST_SERVERS = Path(__file__).resolve().parent / "servers"
NODE_MODULES = ROOT / "config" / "example-servers" / "node_modules"
EVERYTHING = NODE_MODULES / "@modelcontextprotocol" / "server-everything" / "dist" / "index.js"
EVERYTHING_2025 = NODE_MODULES / "server-everything-2025" / "dist" / "index.js"
PY = sys.executable
VENV_BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")


def stored_manifest(store: Store, result: ServerResult) -> Manifest:
    """The manifest a scan stored for `result` (the result itself keeps only what it reports)."""
    from driftwatch.store.manifests import load_manifests

    assert result.manifest_hash is not None, result.error
    return store.read(load_manifests, [result.manifest_hash])[result.manifest_hash]


def tools_manifest(*tools: str) -> Manifest:
    """A small manifest listing `tools` (each with a one-line description) and one prompt."""
    from driftwatch.manifest import Manifest

    return Manifest.build(
        server={"serverInfo": {"name": "test", "version": "1"}},
        instructions=None,
        tools=[{"name": t, "description": f"{t}.", "inputSchema": {"type": "object"}} for t in tools],
        prompts=[{"name": "not-a-tool", "description": "a prompt"}],
        resources=[],
        resource_templates=[],
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before listening on {port}")
        with socket.socket() as sock:
            sock.settimeout(0.2)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on {port} after {timeout}s")


class Processes:
    """Background servers a test started; all of them are stopped (by process group) at teardown."""

    def __init__(self) -> None:
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, args: list[str], port: int, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            args,
            env={**os.environ, **(env or {})},
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.started.append(process)
        wait_for_port(port, process)
        return process

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for process in self.started:
            self.stop(process)


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is not installed: run `make test` (or .ci/run), which installs the test servers")
    return found


def default_manifest(**overrides: Any) -> dict[str, Any]:
    """A small manifest for the controlled test server: two tools, a prompt, a resource, a template."""
    manifest: dict[str, Any] = {
        "server": {"serverInfo": {"name": "controlled", "version": "1.0.0"}},
        "instructions": "Use these tools to manage notes.",
        "tools": [
            {
                "name": "add_note",
                "title": "Add note",
                "description": "Add a note to the notebook.",
                "inputSchema": {
                    "type": "object",
                    "properties": {"text": {"type": "string", "description": "The note text."}},
                    "required": ["text"],
                },
                "annotations": {"readOnlyHint": False, "destructiveHint": False},
            },
            {
                "name": "list_notes",
                "description": "List all notes.",
                "inputSchema": {"type": "object", "properties": {}},
                "annotations": {"readOnlyHint": True},
            },
        ],
        "prompts": [
            {
                "name": "summarize",
                "description": "Summarize the notes.",
                "arguments": [{"name": "style", "description": "Tone of the summary."}],
            }
        ],
        "resources": [{"uri": "notes://all", "name": "all notes", "mimeType": "text/plain"}],
        "resourceTemplates": [{"uriTemplate": "notes://{id}", "name": "one note"}],
    }
    manifest.update(overrides)
    return manifest


class ControlledServer:
    """The manifest server (tests/servers/manifest_server.py) behind a JSON file the test edits."""

    def __init__(self, path: Path, name: str = "controlled") -> None:
        self.path = path
        self.name = name

    def write(self, manifest: dict[str, Any]) -> None:
        self.path.write_text(json.dumps(manifest), encoding="utf-8")

    def read(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        return data

    def spec(self, **fields: Any) -> ServerSpec:
        return ServerSpec(
            name=self.name,
            transport="stdio",
            command=PY,
            args=(str(TEST_SERVERS / "manifest_server.py"), str(self.path), "stdio"),
            **fields,
        )

    def registry_entry(self) -> dict[str, Any]:
        return self.spec().model_dump(mode="json", exclude_defaults=True) | {"transport": "stdio"}


def faulty_spec(name: str, mode: str, marker: str = "", **fields: Any) -> ServerSpec:
    args = [str(TEST_SERVERS / "faulty_server.py"), mode] + ([marker] if marker else [])
    return ServerSpec(name=name, transport="stdio", command=PY, args=tuple(args), **fields)


def processes_with(marker: str) -> list[int]:
    """PIDs of live (non-zombie) processes whose command line contains `marker`."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in cmdline and state != "Z":
            found.append(int(proc.name))
    return found


def proc_stats() -> Iterator[tuple[int, list[str]]]:
    """Every process now: its pid and the fields of /proc/PID/stat after its name (state first)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        yield int(proc.name), fields


def zombie_children() -> list[int]:
    """Our own child processes that exited and were never reaped."""
    me = os.getpid()
    return [pid for pid, fields in proc_stats() if fields[0] == "Z" and int(fields[1]) == me]


_MEASURED = """\
import resource, subprocess, sys
out, err, timeout, *argv = sys.argv[1:]
with open(out, "wb") as stdout, open(err, "wb") as stderr:
    try:
        code = subprocess.run(argv, stdout=stdout, stderr=stderr, timeout=float(timeout)).returncode
    except subprocess.TimeoutExpired:
        code = -9
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, used.ru_maxrss, used.ru_utime + used.ru_stime)
"""


@dataclass(frozen=True)
class Usage:
    """What one command measured alone used: its exit code, peak RSS and CPU time (user + sys)."""

    code: int
    peak_mb: float
    cpu_seconds: float


def run_measured(
    argv: list[str], env: dict[str, str], stdout: Path, stderr: Path, timeout: float = 120
) -> tuple[int, float]:
    """Exit code and peak RSS (MB) of one command, measured on that process alone (`measure`)."""
    usage = measure(argv, env, stdout, stderr, timeout)
    return usage.code, usage.peak_mb


def measure(argv: list[str], env: dict[str, str], stdout: Path, stderr: Path, timeout: float = 120) -> Usage:
    """Exit code, peak RSS and CPU seconds of one command, measured on that process alone.

    Linux carries a process's high-water RSS across fork and exec, so a child of a large pytest
    process reports the parent's peak as its own (`wait4` included). A small Python in between
    starts the command from a process of a few MB and reports its children's peak only. A command
    still running after `timeout` seconds is killed (exit code -9).
    """
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(stdout), str(stderr), str(timeout), *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout + 30,
        check=True,
    )
    code, peak_kb, cpu = done.stdout.split()
    return Usage(int(code), int(peak_kb) / 1024, float(cpu))


def driftwatch(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """The installed `driftwatch` command, as a user runs it: the one way tests start the CLI.

    The caller's DRIFTWATCH_* variables are dropped (a developer's own config never leaks in);
    `env` adds the test's own. A JSON document it prints is checked against its schema
    (tests/schemas.py).
    """
    base = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")}
    done = subprocess.run(
        [str(VENV_BIN / "driftwatch"), *args],
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
    )
    validate_text(done.stdout)
    return done


def run_probe(
    probe: str, report: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """Run `probe` (a `python -c` script that runs the CLI with `args` and writes a JSON report to
    its first argument) in a fresh interpreter without the caller's DRIFTWATCH_ settings; the
    process and the report it wrote, once it exited 0 and the CLI did too."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")}
    done = subprocess.run(
        [sys.executable, "-c", probe, str(report), *args],
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(report.read_text())
    assert found["code"] == 0, done.stdout + done.stderr
    return done, found
