"""Scan-cycle throughput: how long one cycle over many servers takes, and what it costs in memory.

    .venv/bin/python bench/scan.py [--servers 200] [--processes 8] [--cycles 3] [--stdio 10]

Starts `--processes` HTTP MCP servers (tests/servers/manifest_server.py, streamable HTTP on
127.0.0.1), registers `--servers` registry entries spread over them, and runs full scan cycles
(collect, store, diff, detect) against a fresh SQLite database; then a cycle over `--stdio`
stdio servers (published server-everything). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import anyio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from driftwatch import logs, monitor  # noqa: E402
from driftwatch.registry import ServerSpec  # noqa: E402
from driftwatch.settings import load_settings  # noqa: E402
from driftwatch.store import Store  # noqa: E402
from tests.support import EVERYTHING, TEST_SERVERS, default_manifest, free_port, node, wait_for_port  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--servers", type=int, default=200)
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--cycles", type=int, default=3)
    parser.add_argument("--stdio", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    logs.configure("warning")

    work = Path(tempfile.mkdtemp(prefix="driftwatch-bench-"))
    manifest = work / "manifest.json"
    data = default_manifest()
    data["tools"] = [dict(data["tools"][0], name=f"tool_{i}") for i in range(40)]
    manifest.write_text(json.dumps(data))
    started = []
    urls = []
    for _ in range(args.processes):
        port = free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                str(TEST_SERVERS / "manifest_server.py"),
                str(manifest),
                "streamable-http",
                str(port),
            ],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        wait_for_port(port, process)
        urls.append(f"http://127.0.0.1:{port}/mcp")
    try:
        settings = load_settings(database_url=f"sqlite:///{work / 'bench.db'}", concurrency=args.concurrency)
        store = Store.open(settings)
        specs = [
            ServerSpec(name=f"http-{i:04d}", transport="streamable_http", url=urls[i % len(urls)])
            for i in range(args.servers)
        ]
        print(
            f"{args.servers} streamable-HTTP servers behind {args.processes} processes, "
            f"concurrency {args.concurrency}, 40 tools each"
        )
        for cycle in range(args.cycles):
            t0 = time.perf_counter()
            results = anyio.run(monitor.scan, specs, settings, store)
            elapsed = time.perf_counter() - t0
            durations = sorted(r.duration for r in results)
            ok = sum(r.status == "ok" for r in results)
            print(
                f"  cycle {cycle + 1}: {elapsed:6.2f} s  ({args.servers / elapsed:6.1f} servers/s)"
                f"  ok {ok}/{len(results)}"
                f"  per-server p50 {statistics.median(durations) * 1000:.0f} ms"
                f"  p95 {durations[int(len(durations) * 0.95) - 1] * 1000:.0f} ms"
            )
        if args.stdio:
            stdio = [
                ServerSpec(name=f"stdio-{i:03d}", command=node(), args=(str(EVERYTHING), "stdio"))
                for i in range(args.stdio)
            ]
            t0 = time.perf_counter()
            results = anyio.run(monitor.scan, stdio, settings, store)
            elapsed = time.perf_counter() - t0
            print(
                f"{args.stdio} stdio server-everything processes: {elapsed:.2f} s "
                f"({sum(r.status == 'ok' for r in results)} ok)"
            )
        db_size = sum(p.stat().st_size for p in work.glob("bench.db*"))
        print(f"database after all cycles: {db_size / 1024:.0f} KiB")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of the scanning process: {peak:.0f} MiB")
        store.close()
    finally:
        for process in started:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


if __name__ == "__main__":
    main()
