"""`driftwatch scan` on five real stdio servers against a plain sequential SDK client (issue 15).

    .venv/bin/python bench/fleet.py [--runs 3] [--git PATH/TO/mcp-server-git] [--checkout DIR ...]

The question a user asks is "what does driftwatch cost over just listing my servers myself?".
The yardstick is the simplest honest client: one Python process that imports the mcp SDK and,
for each server in turn, opens `mcp.Client` (defaults: mode auto, response cache on), lists
tools, prompts, resources and resource templates (where the server has them), and closes it.
driftwatch runs as `python -m driftwatch scan` from this checkout, on a SQLite database migrated
and scanned twice beforehand (a scan of a fleet already known, which is the common case), so it
pays for its own start-up, the store, the diff and the detectors, and still has to beat the
yardstick.

The fleet: server-everything, -memory, -filesystem (npm, config/example-servers),
mcp-server-time (PyPI, in the venv) and mcp-server-git (PyPI; `pip install mcp-server-git`
into any venv and pass `--git`, or have it on PATH or in ../shared/fleet/.venv).

Runs are interleaved (one of each, then again) and the median of `--runs` is reported, so a
machine getting busier shifts both columns alike; the CPU seconds (the command and every process
it started, servers included) depend less on how busy the machine is. `own CPU` is the client's
process alone, servers not included (each reports its own rusage as it exits): what a client
can cut. `--checkout` may be given more than once (main's checkout, then a branch's: before and
after, in one interleaved run, each on its own database). Prints a table and the ratios; asserts
nothing.
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

OWN_CPU = """
import atexit, os, resource, sys
def _report(path=os.environ.pop("FLEET_OWN_CPU")):
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open(path, "w") as out:
        out.write(str(usage.ru_utime + usage.ru_stime))
atexit.register(_report)
"""
"""Prepended to each client: it writes the CPU seconds of its own process (no server's) as it exits."""

SCAN = (
    OWN_CPU
    + """
import runpy
sys.argv = ["driftwatch", *sys.argv[1:]]
runpy.run_module("driftwatch", run_name="__main__", alter_sys=True)
"""
)
"""`python -m driftwatch ARGS`, the same process reporting its own CPU."""


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


def timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds of one run, the CPU seconds it and every process it started used, and those
    of its own process alone."""
    own = Path(tempfile.mkstemp(prefix="driftwatch-fleet-cpu-")[1])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        argv, env={**env, "FLEET_OWN_CPU": str(own)}, cwd=cwd, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: findings at --fail-on, still a complete scan
        sys.exit(f"{argv[:4]} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    own_cpu = float(own.read_text())
    own.unlink()
    return elapsed, cpu, own_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--git", help="path of the mcp-server-git executable")
    parser.add_argument(
        "--checkout",
        type=Path,
        action="append",
        help="a driftwatch to time (default: this one); repeat it to time several, interleaved",
    )
    options = parser.parse_args()
    checkouts = [c.resolve() for c in options.checkout or [ROOT]]
    work = Path(tempfile.mkdtemp(prefix="driftwatch-fleet-"))
    servers = fleet(work, find_git_server(options.git))
    base = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")}
    commands: dict[str, tuple[list[str], dict[str, str], Path]] = {}
    for number, checkout in enumerate(checkouts):
        name = "driftwatch scan" if len(checkouts) == 1 else f"scan {number + 1}"
        commands[name] = (*_scan_command(checkout, work / f"checkout-{number + 1}", servers, base), checkout)
    commands["plain SDK client"] = (
        [sys.executable, "-c", OWN_CPU + PLAIN_CLIENT, json.dumps(servers)],
        base,
        ROOT,
    )
    for argv, env, checkout in list(commands.values())[:-1]:
        timed(argv, env, checkout)  # migrates the database and records the first baselines: not measured
    figures: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(options.runs):
        for name, (argv, env, checkout) in commands.items():
            figures[name].append(timed(argv, env, checkout))
    _print(figures, checkouts, options.runs)


def _scan_command(
    checkout: Path, work: Path, servers: list[dict[str, object]], base: dict[str, str]
) -> tuple[list[str], dict[str, str]]:
    """`driftwatch scan` of `checkout`, on a database and registry of its own under `work`."""
    work.mkdir()
    registry = work / "registry.yaml"
    registry.write_text(json.dumps({"servers": [{"transport": "stdio", **s} for s in servers]}))
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
    return [sys.executable, "-c", SCAN, "scan", "--format", "json"], env


def _print(figures: dict[str, list[tuple[float, float, float]]], checkouts: list[Path], runs: int) -> None:
    for number, checkout in enumerate(checkouts):
        print(f"driftwatch of {checkout}" + (f" (scan {number + 1})" if len(checkouts) > 1 else ""))
    print(f"5 real stdio servers, median of {runs} interleaved runs ({os.cpu_count()} CPUs)")
    print(f"  {'':<18} {'wall s':>7} {'CPU s':>7} {'own CPU':>8}   wall of each run")
    walls = {name: statistics.median(f[0] for f in runs_) for name, runs_ in figures.items()}
    for name, runs_ in figures.items():
        cpu, own = statistics.median(f[1] for f in runs_), statistics.median(f[2] for f in runs_)
        each = " ".join(f"{f[0]:.2f}" for f in runs_)
        print(f"  {name:<18} {walls[name]:7.2f} {cpu:7.2f} {own:8.2f}   {each}")
    for name in list(figures)[:-1]:
        print(f"  ratio {name + '/plain':<13}{walls[name] / walls['plain SDK client']:7.2f}")


if __name__ == "__main__":
    main()
