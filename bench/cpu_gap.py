"""Where driftwatch's CPU over the bare SDK client goes, on an unchanged fleet (issue 15).

    .venv/bin/python bench/cpu_gap.py [--servers 200] [--runs 5] [--concurrency 16]
                                      [--callgrind] [--profile DIR] [--before DIR]
                                      [--postgres URL [--postgres-database NAME]]

bench/scale.py says how much more CPU `driftwatch scan` spends than the bare SDK client over the
same fleet; on a shared 2-core machine its CPU seconds move by 10-20 % from run to run, too much
to see a cut of a few percent. This script sets up what scale.py sets up (the canned fleet of K
servers, a SQLite database that already knows it, learned in scale.py's LEARNING_SCANS,
bench/scale.py's own functions) and then:

- by default, runs `driftwatch scan --format json` and the bare SDK client (bench/fleet_clients.py
  `sdk`) `--runs` times, interleaved, and prints the median CPU seconds of each (user and sys
  apart, from os.wait4: the whole process, imports included), per server, and the ratio;
- `--callgrind`: runs each once under `valgrind --tool=callgrind` instead and prints the
  instructions it executed (Ir), total and per server: repeatable to a fraction of a percent
  whatever the load (user space only: the kernel's share, about 0.1 s of 3 s at K=200, is not in
  it). At K=200 under load 6-9 it takes 13 minutes for both; `callgrind_annotate --inclusive=yes`
  on the files it leaves (their path is printed) splits imports (PyImport_ImportModuleLevelObject),
  the event loop's work (task_step) and the store's worker threads (thread_run);
- `--profile DIR`: runs each once under cProfile timed by CPU (time.process_time: the machine is
  shared), after its imports (not profiled: the import-only comparison is a callgrind of `python
  -c "import ..."`), with the threads the scan's store work runs in folded into the profile
  (`anyio.to_thread.run_sync` runs its function in the event loop's thread instead: the same
  work, measured), and writes DIR/scan.prof and DIR/sdk.prof. cProfile's cost per call inflates
  Python-heavy code several times: compare the two profiles, not a profile with the clock;
- `--before DIR`: also runs the `driftwatch` package in DIR (say `git archive main driftwatch | tar
  -x -C DIR`) on a database of its own, to measure a change before and after.

Per-server figures subtract nothing: at K servers the start-up is in them; compare two K's to
separate the two (what grows with K is per server, the rest start-up).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import LEARNING_SCANS, ROOT, Fleet, canned_fleet, driftwatch_env, fresh_postgres, record

from tests.support import PY

_PROFILED = """\
import cProfile, runpy, sys, time
import anyio.to_thread
import driftwatch.cli, driftwatch.monitor, driftwatch.lockfile, driftwatch.audit  # the load is not profiled
import driftwatch.auth.storage, driftwatch.collect.client, driftwatch.registry

async def inline(function, *args, **kwargs):
    return function(*args)

anyio.to_thread.run_sync = inline
out, *sys.argv = sys.argv[1:]
profiler = cProfile.Profile(time.process_time)  # CPU, not wall: the machine is shared
try:
    profiler.runcall(runpy.run_module, sys.argv[0], run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    profiler.dump_stats(out)
"""


_PROFILED_SDK = """\
import cProfile, runpy, sys, time
import anyio, httpx2, mcp, mcp.client.streamable_http  # the load is not profiled
out, *sys.argv = sys.argv[1:]
profiler = cProfile.Profile(time.process_time)
profiler.runcall(runpy.run_path, sys.argv[0], run_name="__main__")
profiler.dump_stats(out)
"""


def contenders(
    work: Path, fleet: Fleet, options: argparse.Namespace
) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Label -> (argv, environment), each driftwatch on a database that already knows the fleet."""
    urls = work / "urls.json"
    urls.write_text(json.dumps(fleet.urls))
    scan = ["-P", "-m", "driftwatch", "scan", "--format", "json"]
    checkouts = [("driftwatch", ROOT)] + (
        [("before", Path(options.before).resolve())] if options.before else []
    )
    runs = {}
    for label, checkout in checkouts:
        for suffix, url in databases(work, label, options):
            env = driftwatch_env(work, fleet, url, options.concurrency, checkout)
            subprocess.run([PY, "-P", "-m", "driftwatch", "db", "upgrade"], env=env, check=True)
            for _ in range(LEARNING_SCANS):
                subprocess.run([PY, *scan], env=env, check=False, stdout=subprocess.DEVNULL)
            runs[label + suffix] = (scan, env)
    plain = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")}
    runs["sdk"] = (
        [str(ROOT / "bench" / "fleet_clients.py"), "sdk", str(urls), str(options.concurrency)],
        plain,
    )
    return runs


def databases(work: Path, label: str, options: argparse.Namespace) -> list[tuple[str, str]]:
    """(label suffix, database URL) of each database a checkout's scan runs on."""
    found = [("", f"sqlite:///{work / f'{label}.db'}")]
    if options.postgres:
        name = options.postgres_database + ("_before" if label == "before" else "")
        found.append(("-pg", fresh_postgres(options.postgres, name)))
    return found


def drop_postgres(options: argparse.Namespace) -> None:
    """Drop the databases `databases` made."""
    import sqlalchemy

    admin = sqlalchemy.create_engine(options.postgres, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name in (options.postgres_database, options.postgres_database + "_before"):
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
    admin.dispose()


def run_once(argv: list[str], env: dict[str, str], work: Path) -> tuple[float, float]:
    """User and system CPU seconds of one run of `argv` (os.wait4: that process alone)."""
    with (work / "out.txt").open("wb") as out, (work / "err.txt").open("wb") as err:
        process = subprocess.Popen([PY, *argv], env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: a finding at --fail-on, still a complete scan
        sys.exit(f"{argv} exited {code}: {(work / 'err.txt').read_text()[-2000:]}")
    return usage.ru_utime, usage.ru_stime


def cpu(runs: dict[str, tuple[list[str], dict[str, str]]], work: Path, servers: int, count: int) -> None:
    seconds: dict[str, list[tuple[float, float]]] = {label: [] for label in runs}
    for _ in range(count):
        for label, (argv, env) in runs.items():
            seconds[label].append(run_once(argv, env, work))
    sdk = statistics.median(u + s for u, s in seconds["sdk"])
    print(f"{servers} servers, median CPU of {count} interleaved runs; load {os.getloadavg()[0]:.2f}")
    for label, values in seconds.items():
        total = statistics.median(u + s for u, s in values)
        user, system = statistics.median(u for u, _ in values), statistics.median(s for _, s in values)
        print(
            f"  {label:14} {total:6.2f} s (user {user:.2f}, sys {system:.2f})  "
            f"{1000 * total / servers:6.2f} ms/server  {total / sdk:5.2f}x SDK  "
            f"(runs: {', '.join(f'{u + s:.2f}' for u, s in values)})"
        )


UNDER_VALGRIND = {"DRIFTWATCH_REQUEST_TIMEOUT": "600s", "DRIFTWATCH_SERVER_TIMEOUT": "1800s"}
"""Under valgrind a scan runs some fifty times slower, and on a loaded machine its servers ran
out of time (timeouts, then error paths counted instead of unchanged scans): the deadlines are
raised, which changes no instruction of a scan that keeps within them."""


def callgrind(runs: dict[str, tuple[list[str], dict[str, str]]], work: Path, servers: int) -> None:
    counts = {}
    for label, (argv, env) in runs.items():
        out = work / f"callgrind.{label}"
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", PY, *argv],
            env=env | UNDER_VALGRIND,
            capture_output=True,
            text=True,
            check=False,
        )
        found = re.search(r"Collected : (\d+)", done.stderr)
        if done.returncode not in (0, 1) or found is None:
            sys.exit(f"{label} under valgrind exited {done.returncode}: {done.stderr[-2000:]}")
        counts[label] = int(found.group(1))
    sdk = counts["sdk"]
    print(f"{servers} servers, instructions under callgrind (Ir); the files: {work}/callgrind.*")
    for label, count in counts.items():
        print(
            f"  {label:14} {count / 1e9:7.2f} G  {count / servers / 1e6:7.2f} M/server  "
            f"{count / sdk:5.2f}x SDK"
        )


def profile(runs: dict[str, tuple[list[str], dict[str, str]]], into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    for label, out in (("driftwatch", "scan.prof"), ("driftwatch-pg", "scan-pg.prof")):
        if label not in runs:
            continue
        argv, env = runs[label]
        scan = ["driftwatch", *argv[argv.index("driftwatch") + 1 :]]
        profiled = [PY, "-P", "-c", _PROFILED, str(into / out), *scan]
        subprocess.run(profiled, env=env, stdout=subprocess.DEVNULL)
    argv, env = runs["sdk"]
    subprocess.run(
        [PY, "-c", _PROFILED_SDK, str(into / "sdk.prof"), *argv], env=env, stdout=subprocess.DEVNULL
    )
    print(f"profiles in {into}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--callgrind", action="store_true")
    parser.add_argument("--profile", metavar="DIR")
    parser.add_argument("--before", metavar="DIR")
    parser.add_argument("--postgres", metavar="URL", help="also on PostgreSQL, e.g. postgresql+psycopg://...")
    parser.add_argument(
        "--postgres-database", default="driftwatch_cpu_gap", help="the database the run makes and drops"
    )
    options = parser.parse_args()
    compileall.compile_dir(ROOT / "driftwatch", quiet=1)
    if options.before:
        compileall.compile_dir(Path(options.before) / "driftwatch", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="driftwatch-cpu-gap-"))
    recording = record(work)
    try:
        with canned_fleet(recording, options.servers) as fleet:
            runs = contenders(work, fleet, options)
            if options.profile:
                profile(runs, Path(options.profile))
            elif options.callgrind:
                callgrind(runs, work, options.servers)
            else:
                cpu(runs, work, options.servers, options.runs)
    finally:
        if options.postgres:
            drop_postgres(options)


if __name__ == "__main__":
    main()
