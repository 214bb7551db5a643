"""What the reaper shim (driftwatch/collect/reaper.py) costs and how fast it clears a tree.

    .venv/bin/python bench/reaper.py [--runs 20] [--grandchildren 1,10,50]

1. Start-up cost: wall time of a trivial process (`/bin/true`) started directly and through the
   shim, median over `--runs` (the shim adds one Python start-up per stdio server scan).
2. Tree clearing: a process leaves N grandchildren in new sessions that ignore SIGTERM/SIGHUP;
   the shim is sent SIGTERM (as driftwatch does when a scan ends) and we time until every one
   of them is gone, and count survivors. Prints tables; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAPER = ROOT / "driftwatch" / "collect" / "reaper.py"
sys.path.insert(0, str(ROOT))

from tests.support import processes_with  # noqa: E402

LEAVER = """
import subprocess, sys, time
code = ("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "signal.signal(signal.SIGHUP, signal.SIG_IGN); time.sleep(300)")
for _ in range(int(sys.argv[1])):
    subprocess.Popen([sys.executable, "-c", code, sys.argv[2]], start_new_session=True)
print("ready", flush=True)
time.sleep(300)
"""


def shim(command: list[str]) -> list[str]:
    return [sys.executable, "-I", "-S", str(REAPER), "--parent", str(os.getpid()), "--", *command]


def startup(runs: int) -> None:
    print(f"start-up of /bin/true (median of {runs})")
    print(f"{'launch':<10}{'ms':>10}")
    for label, argv in (("direct", ["/bin/true"]), ("shim", shim(["/bin/true"]))):
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(argv, check=True)
            times.append((time.perf_counter() - started) * 1000)
        print(f"{label:<10}{statistics.median(times):>10.1f}")


def clearing(counts: list[int]) -> None:
    print("\nSIGTERM to the shim, tree of setsid grandchildren that ignore SIGTERM")
    print(f"{'grandchildren':>14}{'cleared ms':>12}{'survivors':>11}")
    for count in counts:
        marker = f"bench-reaper-{uuid.uuid4().hex}"
        process = subprocess.Popen(
            shim([sys.executable, "-c", LEAVER, str(count), marker]), stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        process.stdout.readline()
        while len(processes_with(marker)) < count:
            time.sleep(0.01)
        started = time.perf_counter()
        process.send_signal(signal.SIGTERM)
        process.wait()
        deadline = time.monotonic() + 5
        while processes_with(marker) and time.monotonic() < deadline:
            time.sleep(0.005)
        elapsed = (time.perf_counter() - started) * 1000
        survivors = processes_with(marker)
        for pid in survivors:
            os.kill(pid, signal.SIGKILL)
        print(f"{count:>14}{elapsed:>12.1f}{len(survivors):>11}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--grandchildren", default="1,10,50")
    options = parser.parse_args()
    startup(options.runs)
    clearing([int(n) for n in options.grandchildren.split(",")])


if __name__ == "__main__":
    main()
