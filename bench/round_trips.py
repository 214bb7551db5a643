"""Connections and requests one `scan` costs a streamable-HTTP server, counted at the server.

    .venv/bin/python bench/round_trips.py [--compare OTHER_CHECKOUT]

Two local servers, each behind a counting proxy (tests/http_count.py) that sees every TCP
connection and HTTP request: published server-everything over streamable HTTP (2025 era,
stateful, offers a GET stream) and the Python manifest server (tests/servers/manifest_server.py,
2026-07-28, stateless). `driftwatch scan --url` runs twice on one SQLite database, as a user
would run it (the second scan knows the server from the first). With `--compare DIR` the same
runs are made with the driftwatch of another checkout (say, main before issue 15), for a
before/after table. Prints tables; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.http_count import CountingProxy  # noqa: E402
from tests.support import EVERYTHING, PY, TEST_SERVERS, Processes, default_manifest, free_port, node  # noqa: E402


def start_servers(processes: Processes, work: Path) -> dict[str, str]:
    """The two servers; their URLs by label."""
    everything = free_port()
    processes.start(
        [node(), "--require", str(TEST_SERVERS / "loopback.cjs"), str(EVERYTHING), "streamableHttp"],
        everything,
        env={"PORT": str(everything)},
    )
    manifest = work / "manifest.json"
    manifest.write_text(json.dumps(default_manifest()))
    controlled = free_port()
    processes.start(
        [PY, str(TEST_SERVERS / "manifest_server.py"), str(manifest), "streamable-http", str(controlled)],
        controlled,
    )
    return {
        "server-everything (2025 era)": f"http://127.0.0.1:{everything}/mcp",
        "manifest server (2026-07-28)": f"http://127.0.0.1:{controlled}/mcp",
    }


def scan_twice(checkout: Path, url: str, database: Path) -> list[tuple[int, Counter[str]]]:
    """(connections, requests by method) the server saw in each of two scans."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")}
    env |= {"PYTHONPATH": str(checkout), "DRIFTWATCH_DATABASE_URL": f"sqlite:///{database}"}
    counts = []
    with CountingProxy(url) as proxy:
        for _ in range(2):
            proxy.seen.clear()
            done = subprocess.run(
                [sys.executable, "-m", "driftwatch", "scan", "--url", proxy.url, "--format", "json"],
                env=env,
                cwd=checkout,
                capture_output=True,
                text=True,
                check=False,
            )
            status = json.loads(done.stdout)["servers"][0]["status"] if done.stdout else done.stderr
            if status != "ok":
                sys.exit(f"scan of {url} with {checkout} failed: {status}")
            counts.append((proxy.seen.connections, proxy.seen.methods()))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=Path, help="another checkout of driftwatch, run the same way")
    options = parser.parse_args()
    checkouts = {"this checkout": ROOT}
    if options.compare is not None:
        checkouts = {f"{options.compare}": options.compare.resolve(), **checkouts}
    work = Path(tempfile.mkdtemp(prefix="driftwatch-round-trips-"))
    processes = Processes()
    try:
        servers = start_servers(processes, work)
        print(f"{'server':<30} {'driftwatch':<22} {'scan':>4} {'conns':>6} {'reqs':>5}  requests")
        for index, (label, checkout) in enumerate(checkouts.items()):
            for server, url in servers.items():
                database = work / f"{index}-{abs(hash(server))}.db"
                for number, (connections, methods) in enumerate(scan_twice(checkout, url, database), 1):
                    detail = ", ".join(f"{name} x{n}" if n > 1 else name for name, n in methods.items())
                    print(
                        f"{server:<30} {label[-22:]:<22} {number:>4} {connections:>6} "
                        f"{sum(methods.values()):>5}  {detail}"
                    )
    finally:
        processes.stop_all()


if __name__ == "__main__":
    main()
