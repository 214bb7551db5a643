"""The benchmark of record for scale (issue 15): driftwatch against the floors, on one fleet.

    .venv/bin/python bench/scale.py [--servers 200 1000] [--runs 3] [--concurrency 16]
                                    [--postgres URL [--postgres-database NAME] | --no-postgres]
                                    [--stdio [--git PATH]] [--startup] [--before DIR]
    .venv/bin/python bench/scale.py --daemon 1000 [--interval 60] [--minutes 5]

The fleet: K streamable-HTTP MCP servers (bench/canned_fleet.py), every one answering what a real
server (tests/servers/manifest_server.py, 2026-07-28) answered when recorded at the start of the
run, each with its own tool names (20 tools, a prompt, a resource, a template). Against it, in one
interleaved run (one of each, then again; the median of `--runs`):

- driftwatch's full pipeline as a user runs it: `python -m driftwatch scan` of this checkout over a
  registry of the K servers (collect, store, diff, detect), on SQLite and on PostgreSQL, each on a
  database that already knows the fleet (the daemon's and CI's common case: nothing changed);
- the bare mcp SDK client with a shared connection pool, and raw httpx (bench/fleet_clients.py);
- with `--before DIR` (a directory holding another checkout's `driftwatch` package, say
  `git archive BASE driftwatch | tar -x -C DIR`), that checkout's scan too, on databases of its
  own, so that a change is measured before and after in the same interleaved run.

Every client runs as a process of its own, timed whole (imports included) with its peak RSS and
its CPU time (user + sys, from its rusage) measured alone (tests/support.py `measure`); the fleet
counts the connections and requests it was sent, and the CPU it spent answering them. On a shared
machine the wall-clock ratios move with the other load; CPU ms per server, and driftwatch's CPU over
the bare SDK client's, are the figures to compare (the clients are single-threaded and CPU-bound).
`--stdio` adds the five real stdio servers against a sequential SDK client
(bench/fleet.py) and `--startup` the cold start of `--help` (bench/startup.py), each printing its own
table in the same run.

`--daemon K` runs `driftwatch run` over K servers at a `--interval`: it waits until every server's
first scan is stored (the learning cycle: every manifest is new and read by the detectors, the
semantic layer's worker included; timed apart, it can take several intervals), then measures for
`--minutes` the CPU the daemon and its worker processes used (share of one core), the scans stored
per server per interval (the daemon's /metrics; the fleet's `tools/list` count beside it), and how
many servers were scanned within the last interval. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fleet_clients import LISTS, request  # noqa: E402  (beside this script)

from tests.support import (  # noqa: E402
    PY,
    TEST_SERVERS,
    default_manifest,
    free_port,
    measure,
    proc_stats,
    wait_for_port,
)

TOOLS = 20
RECORDED = ("server/discover", *LISTS)
LEARNING_SCANS = 2
"""Scans before the measured ones, so that those see an unchanged fleet: the first stores every
manifest (each read by the detectors), the second judges each server against a tool index that
now holds every server's tools (each server's view of the others made once more, monitor.py
`_judged_in`); from the third on, nothing is new."""


def fleet_manifest() -> dict[str, object]:
    """What every server of the fleet shows, with `fleetNNNN` where its number goes."""
    manifest = default_manifest()
    manifest["server"] = {"serverInfo": {"name": "fleetNNNN", "version": "1.0.0"}}
    first, second = manifest["tools"]
    manifest["tools"] = [
        dict(first if i % 2 else second, name=f"fleetNNNN_{i:02d}_{(first if i % 2 else second)['name']}")
        for i in range(TOOLS)
    ]
    return manifest


def record(work: Path) -> Path:
    """Ask a real manifest server each method once; keep its `result` objects, as JSON text."""
    source = work / "manifest.json"
    source.write_text(json.dumps(fleet_manifest()))
    port = free_port()
    server = subprocess.Popen(
        [PY, str(TEST_SERVERS / "manifest_server.py"), str(source), "streamable-http", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, server)
        answers = {}
        for method in RECORDED:
            body, headers = request(1, method)
            reply = httpx.post(f"http://127.0.0.1:{port}/mcp", json=body, headers=headers).json()
            answers[method] = json.dumps(reply["result"], separators=(",", ":"))
    finally:
        server.kill()
        server.wait()
    recording = work / "recording.json"
    recording.write_text(json.dumps(answers))
    return recording


@dataclass
class Fleet:
    """The canned fleet's process, its servers' URLs, and its door counter."""

    process: subprocess.Popen[str]
    urls: list[str]
    control: int

    def cpu(self) -> float:
        """CPU seconds the fleet's process has used so far: what the clients' requests cost it."""
        return cpu_seconds(self.process.pid)

    def counts(self) -> tuple[int, int]:
        seen = self._seen()
        return seen["connections"], seen["requests"]

    def scans(self) -> int:
        """Scans the fleet answered: its `tools/list` requests (one per scan; the requests of a
        scan also count the authorization surface's GETs, which a server's era may change)."""
        return self._seen()["lists"]

    def _seen(self) -> dict[str, int]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.control}/counts") as answer:
            seen: dict[str, int] = json.loads(answer.read())
        return seen


@contextmanager
def canned_fleet(recording: Path, servers: int) -> Iterator[Fleet]:
    process = subprocess.Popen(
        [PY, str(ROOT / "bench" / "canned_fleet.py"), str(recording), str(servers)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        started = json.loads(process.stdout.readline())
        urls = [f"http://127.0.0.1:{port}/mcp" for port in started["ports"]]
        yield Fleet(process, urls, started["control"])
    finally:
        process.kill()
        process.wait()


@dataclass
class Client:
    """One contender: how to run it, and what each of its runs measured."""

    label: str
    argv: list[str]
    env: dict[str, str]
    walls: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    """CPU seconds (user + sys) of the client's process, imports included."""
    fleet_cpus: list[float] = field(default_factory=list)
    """CPU seconds the fleet spent answering the client."""
    requests: list[float] = field(default_factory=list)
    connections: list[float] = field(default_factory=list)

    def run(self, fleet: Fleet, work: Path) -> None:
        connections, requests = fleet.counts()
        fleet_cpu = fleet.cpu()
        started = time.perf_counter()
        usage = measure(self.argv, self.env, work / "out.txt", work / "err.txt", timeout=900)
        wall = time.perf_counter() - started
        if usage.code not in (0, 1):  # 1: a finding at --fail-on, still a complete scan
            err = (work / "err.txt").read_text()[-2000:]
            sys.exit(f"{self.label} exited {usage.code}:\n{err}")
        after_connections, after_requests = fleet.counts()
        servers = len(fleet.urls)
        self.walls.append(wall)
        self.peaks.append(usage.peak_mb)
        self.cpus.append(usage.cpu_seconds)
        self.fleet_cpus.append(fleet.cpu() - fleet_cpu)
        self.requests.append((after_requests - requests) / servers)
        self.connections.append((after_connections - connections) / servers)


def driftwatch_env(
    work: Path, fleet: Fleet, database_url: str, concurrency: int, checkout: Path = ROOT
) -> dict[str, str]:
    registry = work / "registry.yaml"
    entries = [
        {"name": f"fleet{i:04d}", "transport": "streamable_http", "url": url}
        for i, url in enumerate(fleet.urls)
    ]
    registry.write_text(json.dumps({"servers": entries}))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")}
    return env | {
        "PYTHONPATH": str(checkout),
        "DRIFTWATCH_REGISTRY": str(registry),
        "DRIFTWATCH_DATABASE_URL": database_url,
        "DRIFTWATCH_CONCURRENCY": str(concurrency),
        "DRIFTWATCH_LOG_LEVEL": "error",
    }


def fresh_postgres(url: str, name: str) -> str:
    """`url` with its database replaced by a new, empty `name`."""
    import sqlalchemy

    admin = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return str(sqlalchemy.make_url(url).set(database=name).render_as_string(hide_password=False))


def contenders(work: Path, fleet: Fleet, options: argparse.Namespace) -> list[Client]:
    urls = work / "urls.json"
    urls.write_text(json.dumps(fleet.urls))
    # -P: the checkout on PYTHONPATH is the one run, not a `driftwatch` in the working directory
    scan = [PY, "-P", "-m", "driftwatch", "scan", "--format", "json"]
    checkouts = [("", ROOT)] + ([("before ", Path(options.before).resolve())] if options.before else [])
    clients = []
    for prefix, checkout in checkouts:
        name = prefix.strip().replace(" ", "_")
        databases = [("SQLite", f"sqlite:///{work / f'bench{name}.db'}")]
        if options.postgres:
            database = options.postgres_database + (f"_{name}" if name else "")
            databases.append(("PostgreSQL", fresh_postgres(options.postgres, database)))
        clients += [
            Client(
                f"{prefix}driftwatch scan, {label}",
                scan,
                driftwatch_env(work, fleet, url, options.concurrency, checkout),
            )
            for label, url in databases
        ]
    plain = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")}
    for kind, label in (("sdk", "bare SDK, shared pool"), ("httpx", "raw httpx")):
        argv = [PY, str(ROOT / "bench" / "fleet_clients.py"), kind, str(urls), str(options.concurrency)]
        clients.append(Client(label, argv, plain))
    return clients


def compare(recording: Path, servers: int, options: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"driftwatch-scale-{servers}-"))
    with canned_fleet(recording, servers) as fleet:
        clients = contenders(work, fleet, options)
        for client in clients[
            :-2
        ]:  # each database learns the fleet first (LEARNING_SCANS): the runs are unchanged scans
            subprocess.run([PY, "-P", "-m", "driftwatch", "db", "upgrade"], env=client.env, check=True)
            for _ in range(LEARNING_SCANS):
                client.run(fleet, work)
            for measured in (
                client.walls,
                client.peaks,
                client.cpus,
                client.fleet_cpus,
                client.requests,
                client.connections,
            ):
                measured.clear()
        for _ in range(options.runs):
            for client in clients:
                client.run(fleet, work)
    report(servers, options, clients)


def report(servers: int, options: argparse.Namespace, clients: list[Client]) -> None:
    walls = {c.label: statistics.median(c.walls) for c in clients}
    cpus = {c.label: statistics.median(c.cpus) for c in clients}
    sdk, raw = walls["bare SDK, shared pool"], walls["raw httpx"]
    sdk_cpu = cpus["bare SDK, shared pool"]
    print(
        f"\n{servers} streamable-HTTP servers, concurrency {options.concurrency}, "
        f"median of {options.runs} interleaved runs (whole process, imports included); "
        f"load {os.getloadavg()[0]:.2f}"
    )
    print(
        f"  {'client':36} {'wall s':>7} {'servers/s':>9} {'vs SDK':>7} {'vs httpx':>8} "
        f"{'CPU s':>6} {'CPU ms/srv':>10} {'CPU vs SDK':>10} {'fleet ms/srv':>12} "
        f"{'peak RSS MB':>11} {'req/server':>10} {'conn/server':>11}"
    )
    for client in clients:
        wall, cpu = walls[client.label], cpus[client.label]
        print(
            f"  {client.label:36} {wall:7.2f} {servers / wall:9.1f} {sdk / wall:6.2f}x {raw / wall:7.2f}x "
            f"{cpu:6.2f} {1000 * cpu / servers:10.2f} {cpu / sdk_cpu:9.2f}x "
            f"{1000 * statistics.median(client.fleet_cpus) / servers:12.2f} "
            f"{statistics.median(client.peaks):11.0f} {statistics.median(client.requests):10.1f} "
            f"{statistics.median(client.connections):11.2f}"
        )
    print(
        "  (vs SDK, vs httpx: that client's throughput over the yardstick's; 1.00x = as fast. CPU: the "
        "client's process, user + sys, imports included; CPU vs SDK: over the bare SDK client's; fleet: "
        "the CPU the fleet spent answering it)"
    )


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of `pid` and every process below it: the children it waited for (cutime,
    cstime) and the ones alive now (the semantic layer's worker reads every new manifest)."""
    parents: dict[int, int] = {}
    own: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for process, fields in proc_stats():
        parents[process] = int(fields[1])
        own[process] = sum(int(f) for f in fields[11:15]) / tick
    total, below = 0.0, [pid]
    while below:
        current = below.pop()
        total += own.get(current, 0.0)
        below += [child for child, parent in parents.items() if parent == current]
    return total


@dataclass
class DaemonMetrics:
    """What the daemon's /metrics says: scans stored (any outcome), scheduled scans skipped
    (`driftwatch_scans_skipped_total`: the previous scan of the server was still waiting or
    running) and, per server, its last successful scan (refreshed by its housekeeping every few
    seconds)."""

    scans: float
    skipped: float
    last_success: dict[str, float]

    @classmethod
    def read(cls, port: int) -> DaemonMetrics:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
            text = answer.read().decode()
        scans, skipped, last = 0.0, 0.0, {}
        for line in text.splitlines():
            if line.startswith("driftwatch_scans_total"):
                scans += float(line.rsplit(" ", 1)[1])
            elif line.startswith("driftwatch_scans_skipped_total"):
                skipped += float(line.rsplit(" ", 1)[1])
            elif line.startswith("driftwatch_last_successful_scan_timestamp_seconds{"):
                server = line.split('server="', 1)[1].split('"', 1)[0]
                last[server] = float(line.rsplit(" ", 1)[1])
        return cls(scans, skipped, last)


def learned(port: int, process: subprocess.Popen[bytes], servers: int, timeout: float) -> float:
    """Wait until every server's first scan is stored (each manifest is new: the detectors, the
    semantic layer's worker included, read all of them once); the seconds it took."""
    started = time.monotonic()
    # (servers with a successful scan stored, not scans counted: a server learned early is scanned
    # again each interval while the others still wait for their first)
    while len(DaemonMetrics.read(port).last_success) < servers:
        if process.poll() is not None or time.monotonic() - started > timeout:
            sys.exit(f"the daemon did not scan its {servers} servers once in {timeout:.0f} s")
        time.sleep(2)
    return time.monotonic() - started


def daemon(recording: Path, servers: int, options: argparse.Namespace) -> None:
    """`driftwatch run` over the fleet: once every server was scanned once (the learning cycle,
    timed apart), CPU share of one core over `--minutes` (the daemon and its worker processes),
    scans stored per server per interval, and how many servers were scanned in the last interval."""
    work = Path(tempfile.mkdtemp(prefix="driftwatch-daemon-"))
    with canned_fleet(recording, servers) as fleet:
        port = free_port()
        env = driftwatch_env(work, fleet, f"sqlite:///{work / 'bench.db'}", options.concurrency)
        env |= {"DRIFTWATCH_SCAN_INTERVAL": f"{options.interval}s", "DRIFTWATCH_HTTP_PORT": str(port)}
        process = subprocess.Popen([PY, "-m", "driftwatch", "run"], env=env, start_new_session=True)
        try:
            wait_for_port(port, process, timeout=60)
            learning = learned(port, process, servers, timeout=options.learn_minutes * 60)
            learning_cpu, load0 = tree_cpu_seconds(process.pid), os.getloadavg()[0]
            before, lists0, wall0 = DaemonMetrics.read(port), fleet.scans(), time.monotonic()
            time.sleep(options.minutes * 60)
            cpu1, load1 = tree_cpu_seconds(process.pid), os.getloadavg()
            after, lists1, wall1 = DaemonMetrics.read(port), fleet.scans(), time.monotonic()
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(60)
    elapsed, cpu = wall1 - wall0, cpu1 - learning_cpu
    intervals = elapsed / options.interval
    # a job runs once per interval on its server's grid, and the gauges lag by housekeeping
    recent = sum(when >= time.time() - 1.1 * options.interval - 5 for when in after.last_success.values())
    print(
        f"\ndaemon over {servers} servers every {options.interval} s (concurrency {options.concurrency}):"
        f"\n  learning (every server's first scan stored): {learning:.0f} s, {learning_cpu:.1f} s CPU"
        f"\n  then measured for {elapsed:.0f} s: CPU {cpu:.1f} s = {100 * cpu / elapsed:.1f} % of one core "
        f"(daemon and its workers); {after.scans - before.scans:.0f} scans stored = "
        f"{(after.scans - before.scans) / servers / intervals:.2f} per server per interval "
        f"({(lists1 - lists0) / servers / intervals:.2f} tools/list per server per interval at the fleet); "
        f"{recent} of {servers} servers scanned within the last interval; "
        f"{after.skipped - before.skipped:.0f} scheduled scans skipped, the server's previous one still "
        f"waiting or running (driftwatch_scans_skipped_total; {after.skipped:.0f} since the start)"
        f"\n  load average at the start {load0:.2f}, at the end {load1[0]:.2f} (5 min {load1[1]:.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--no-postgres", dest="postgres", action="store_const", const=None)
    parser.add_argument(
        "--postgres-database", default="driftwatch_bench", help="the database the run drops and creates"
    )
    parser.add_argument("--stdio", action="store_true", help="also bench/fleet.py (five real stdio servers)")
    parser.add_argument("--git", help="for --stdio: the mcp-server-git executable (see bench/fleet.py)")
    parser.add_argument("--startup", action="store_true", help="also bench/startup.py (cold start)")
    parser.add_argument("--before", help="a directory holding another checkout's driftwatch, timed too")
    parser.add_argument(
        "--daemon", type=int, metavar="K", help="measure `driftwatch run` over K servers instead"
    )
    parser.add_argument("--interval", type=int, default=60)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument(
        "--learn-minutes", type=float, default=30, help="--daemon: longest wait for the first scans"
    )
    options = parser.parse_args()
    # An installed driftwatch has its bytecode compiled (pip does it); a checkout run under
    # PYTHONDONTWRITEBYTECODE would compile ~90 modules from source on every scan (~0.5 s).
    compileall.compile_dir(ROOT / "driftwatch", quiet=1)
    if options.before:
        compileall.compile_dir(Path(options.before) / "driftwatch", quiet=1)
    recording = record(Path(tempfile.mkdtemp(prefix="driftwatch-record-")))
    if options.daemon:
        daemon(recording, options.daemon, options)
        return
    for servers in options.servers:
        compare(recording, servers, options)
    extra = {"fleet.py": ["--git", options.git] if options.git else [], "startup.py": []}
    for flag, script in ((options.stdio, "fleet.py"), (options.startup, "startup.py")):
        if flag:
            print(flush=True)
            argv = [PY, str(ROOT / "bench" / script), "--runs", str(options.runs), *extra[script]]
            subprocess.run(argv, check=True)


if __name__ == "__main__":
    main()
