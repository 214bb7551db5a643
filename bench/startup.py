"""How long `driftwatch --help` takes to appear, and how much memory it needs (issue 15).

    .venv/bin/python bench/startup.py [--runs 5]

Every command line starts the whole CLI before it does anything, so whatever the CLI imports up
front (the mcp SDK, SQLAlchemy, alembic, the detectors, the alert channels) is paid by
`driftwatch --help` too. The yardstick is `python -c "import typer, rich"`: the least any typer
CLI with rich help can cost; the target is `--help` within 2x of it.

Each command runs `--runs` times, interleaved (one of each, then again), so a machine getting
busier or quieter shifts every column alike. The driftwatch commands run as
`python -m driftwatch` with this checkout first on PYTHONPATH, so they time the code here, not an
installed copy. Each run is started by a small Python in between, which reports the wall time of
its child and the child's peak RSS alone (Linux carries a parent's high-water mark across fork and
exec; see tests/support.py `run_measured`). The checkout's bytecode is compiled first, as an
installed copy's is. Prints the medians; asserts nothing.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BASELINE = "import typer, rich"
COMMANDS: dict[str, list[str]] = {
    "driftwatch --help": [sys.executable, "-m", "driftwatch", "--help"],
    "driftwatch scan --help": [sys.executable, "-m", "driftwatch", "scan", "--help"],
    BASELINE: [sys.executable, "-c", BASELINE],
}

_MEASURED = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
wall = time.perf_counter() - start
print(json.dumps({"wall": wall, "rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def measure(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run of `argv`."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    env = {k: v for k, v in env.items() if not k.startswith("DRIFTWATCH_")}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *argv],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(done.stdout)
    return figures["wall"], figures["rss_kb"] / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    # An installed driftwatch has its bytecode compiled (pip does it); a checkout run under
    # PYTHONDONTWRITEBYTECODE would compile its modules from source on every start.
    compileall.compile_dir(ROOT / "driftwatch", quiet=1)
    walls: dict[str, list[float]] = {name: [] for name in COMMANDS}
    peaks: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, argv in COMMANDS.items():
            wall, peak = measure(argv)
            walls[name].append(wall)
            peaks[name].append(peak)
    base_wall, base_peak = statistics.median(walls[BASELINE]), statistics.median(peaks[BASELINE])
    print(f"median of {runs} runs, interleaved; x = ratio to `{BASELINE}`")
    print(f"{'command':<26} {'wall s':>8} {'x':>6} {'peak MB':>9} {'x':>6}")
    for name in COMMANDS:
        wall, peak = statistics.median(walls[name]), statistics.median(peaks[name])
        print(f"{name:<26} {wall:>8.3f} {wall / base_wall:>6.1f} {peak:>9.1f} {peak / base_peak:>6.1f}")


if __name__ == "__main__":
    main()
