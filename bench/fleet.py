"""`driftwatch scan` on five real stdio servers against a plain sequential SDK client (issue 15).

    .venv/bin/python bench/fleet.py [--runs 3] [--git PATH/TO/mcp-server-git]

The question a user asks is "what does driftwatch cost over just listing my servers myself?".
The yardstick is the simplest honest client: one Python process that imports the mcp SDK and,
for each server in turn, opens `mcp.Client` (defaults: mode auto, response cache on), lists
tools, prompts, resources and resource templates (where the server has them), and closes it.
driftwatch runs as `python -m driftwatch scan` from this checkout, on a SQLite database migrated
beforehand (a scan of a fleet already known, which is the common case), so it pays for its own
start-up, the store, the diff and the detectors, and still has to beat the yardstick.

The fleet: server-everything, -memory, -filesystem (npm, config/example-servers),
mcp-server-time (PyPI, in the venv) and mcp-server-git (PyPI; `pip install mcp-server-git`
into any venv and pass `--git`, or have it on PATH or in ../shared/fleet/.venv).

Runs are interleaved (one of each, then again) and the median of `--runs` is reported, so a
machine getting busier shifts both columns alike; the CPU seconds (the command and every process
it started, servers included) do not depend on how busy the machine is. Prints a table and the
ratio; asserts nothing.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVERS = ROOT / "config" / "example-servers"
MODULES = SERVERS / "node_modules" / "@modelcontextprotocol"

PLAIN_CLIENT = """
import json, sys
import anyio
from mcp import Client, StdioServerParameters

async def main(servers):
    for server in servers:
        params = StdioServerParameters(command=server["command"], args=server["args"],
                                       env=server.get("env") or None, cwd=server.get("cwd"))
        async with Client(params) as client:
            caps = client.server_capabilities
            if caps.tools is not None:
                await client.list_tools()
            if caps.prompts is not None:
                await client.list_prompts()
            if caps.resources is not None:
                await client.list_resources()
                await client.list_resource_templates()

anyio.run(main, json.loads(sys.argv[1]))
"""


def find_git_server(given: str | None) -> str:
    """The mcp-server-git executable: --git, PATH, beside our Python, or the shared fleet's venv."""
    candidates = [
        given,
        shutil.which("mcp-server-git"),
        str(Path(sys.executable).parent / "mcp-server-git"),
        str(ROOT.parent / "shared" / "fleet" / ".venv" / "bin" / "mcp-server-git"),
        "/work/shared/fleet/.venv/bin/mcp-server-git",
    ]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    sys.exit("mcp-server-git not found: `pip install mcp-server-git` into a venv and pass --git PATH")


def fleet(work: Path, git_server: str) -> list[dict[str, object]]:
    """The five servers, as registry entries (the plain client reads the same fields)."""
    repo = work / "repo"
    if not (repo / ".git").exists():
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
        (repo / "a.txt").write_text("x\n")
        who = ["-c", "user.email=bench@localhost", "-c", "user.name=bench"]
        subprocess.run(["git", "-C", str(repo), *who, "add", "a.txt"], check=True)
        subprocess.run(["git", "-C", str(repo), *who, "commit", "-qm", "init"], check=True)
    node = shutil.which("node") or sys.exit("node is not installed")
    time_server = shutil.which("mcp-server-time") or str(Path(sys.executable).parent / "mcp-server-time")
    return [
        {
            "name": "everything",
            "command": node,
            "args": [str(MODULES / "server-everything/dist/index.js"), "stdio"],
        },
        {
            "name": "memory",
            "command": node,
            "args": [str(MODULES / "server-memory/dist/index.js")],
            "env": {"MEMORY_FILE_PATH": str(work / "memory.jsonl")},
        },
        {
            "name": "filesystem",
            "command": node,
            "args": [str(MODULES / "server-filesystem/dist/index.js"), str(SERVERS / "sandbox")],
        },
        {"name": "time", "command": time_server, "args": ["--local-timezone", "UTC"]},
        {"name": "git", "command": git_server, "args": ["--repository", str(repo)]},
    ]


def timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall seconds of one run, and the CPU seconds it and every process it started used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: findings at --fail-on, still a complete scan
        sys.exit(f"{argv[:4]} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--git", help="path of the mcp-server-git executable")
    parser.add_argument(
        "--checkout", type=Path, default=ROOT, help="the driftwatch to time (another checkout: before/after)"
    )
    options = parser.parse_args()
    checkout = options.checkout.resolve()
    work = Path(tempfile.mkdtemp(prefix="driftwatch-fleet-"))
    servers = fleet(work, find_git_server(options.git))
    registry = work / "registry.yaml"
    registry.write_text(json.dumps({"servers": [{"transport": "stdio", **s} for s in servers]}))
    base = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")}
    env = {
        **base,
        "PYTHONPATH": str(checkout),
        "DRIFTWATCH_REGISTRY": str(registry),
        "DRIFTWATCH_DATABASE_URL": f"sqlite:///{work / 'bench.db'}",
        "DRIFTWATCH_LOG_LEVEL": "error",
    }
    # An installed driftwatch has its bytecode compiled; a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile ~90 modules from source on every run (~0.5 s).
    compileall.compile_dir(checkout / "driftwatch", quiet=1)
    scan = [sys.executable, "-m", "driftwatch", "scan", "--format", "json"]
    plain = [sys.executable, "-c", PLAIN_CLIENT, json.dumps(servers)]
    timed(scan, env, checkout)  # migrates the database and records the first baselines: not measured
    commands = {"driftwatch scan": (scan, env), "plain SDK client": (plain, base)}
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(options.runs):
        for name, (argv, run_env) in commands.items():
            wall, cpu = timed(argv, run_env, checkout)
            walls[name].append(wall)
            cpus[name].append(cpu)
    medians = {name: statistics.median(times) for name, times in walls.items()}
    print(f"driftwatch of {checkout}")
    print(f"5 real stdio servers, median of {options.runs} interleaved runs ({os.cpu_count()} CPUs)")
    print(f"  {'':<18} {'wall s':>7} {'CPU s':>7}   wall of each run")
    for name, times in walls.items():
        runs = " ".join(f"{t:.2f}" for t in times)
        print(f"  {name:<18} {medians[name]:7.2f} {statistics.median(cpus[name]):7.2f}   {runs}")
    print(f"  ratio scan/plain   {medians['driftwatch scan'] / medians['plain SDK client']:7.2f}")


if __name__ == "__main__":
    main()
