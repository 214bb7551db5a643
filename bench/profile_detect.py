"""Where `detect` spends its time on the throughput inputs, by sampling, not by tracing.

    .venv/bin/python bench/profile_detect.py [--corpus D] [--real] [--top N] [--focus FILE:FUNC ...]

cProfile charges every Python call a fixed cost, and the detectors make some 300 calls per string,
most of them cheap gates: on this code it inflates the run fourfold and ranks the many cheap calls
far above the few scans that cost the time. This samples instead: a profiling timer interrupts
the process every half millisecond of CPU and the stack it interrupts is counted, each function
once per sample (`inclusive`: it or something it called was running) and the innermost Python
function (`self`: C work, a regex scan or an automaton pass, counts for the function that asked
for it). `--focus` breaks one function's samples down by what ran below it. The input is
bench/detection.py's: 10,000 real tools with every long string distinct (`--real`: as they are,
where the memo of repeated strings works). The time budget of detect/limits.py is lifted, so that a
loaded machine cuts no reading short. Prints shares of the samples; asserts nothing.
"""

from __future__ import annotations

import argparse
import collections
import signal
import time
from collections.abc import Iterable
from pathlib import Path
from types import FrameType

from detection import ROOT, distinct_tools, throughput_tools  # (bench/ is on sys.path)

from driftwatch import semantic_switch
from driftwatch.detect import detect, limits
from driftwatch.manifest import Manifest

INTERVAL = 0.0005
"""Seconds of CPU between two samples."""


class Sampler:
    """Counts of the stacks a profiling timer interrupts."""

    def __init__(self, focus: Iterable[str]) -> None:
        self.samples = 0
        self.inclusive: collections.Counter[str] = collections.Counter()
        self.self: collections.Counter[str] = collections.Counter()
        self.below: dict[str, collections.Counter[str]] = {name: collections.Counter() for name in focus}

    def sample(self, _signal: int, frame: FrameType | None) -> None:
        self.samples += 1
        chain = []
        while frame is not None:
            chain.append(f"{Path(frame.f_code.co_filename).name}:{frame.f_code.co_name}")
            frame = frame.f_back
        if chain:
            self.self[chain[0]] += 1
        self.inclusive.update(set(chain))
        for name, counts in self.below.items():
            if name in chain:
                counts.update(set(chain[: chain.index(name)]))

    def report(self, top: int) -> None:
        def lines(title: str, counts: collections.Counter[str]) -> None:
            print(title)
            for name, count in counts.most_common(top):
                print(f"  {100 * count / max(self.samples, 1):5.1f} %  {name}")

        lines("inclusive (it, or what it called, was running):", self.inclusive)
        lines("self (the innermost Python function, with the C work it asked for):", self.self)
        for name, counts in self.below.items():
            lines(f"below {name} ({100 * self.inclusive[name] / max(self.samples, 1):.1f} % in all):", counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--real", action="store_true", help="the real tools, repeated strings and all")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--focus", nargs="*", default=[], help="FILE:FUNCTION, e.g. encoded.py:_decoded")
    args = parser.parse_args()
    semantic_switch.choose("off")  # (`check`'s default, as the throughput lines)
    limits.TIME_BUDGET = float("inf")  # (read by each Budget as it is made)
    tools = throughput_tools(args.corpus)
    manifest = Manifest.build(tools=tools if args.real else distinct_tools(tools))
    detect(Manifest.build(tools=tools[:50]))  # (models and automata loaded before the clock starts)
    sampler = Sampler(args.focus)
    signal.signal(signal.SIGPROF, sampler.sample)
    signal.setitimer(signal.ITIMER_PROF, INTERVAL, INTERVAL)
    cpu = time.process_time()
    detect(manifest)
    cpu = time.process_time() - cpu
    signal.setitimer(signal.ITIMER_PROF, 0, 0)
    with open("/proc/loadavg") as load:
        print(f"{cpu:.2f} s of CPU, {sampler.samples} samples, load {load.read().split()[0]}")
    sampler.report(args.top)


if __name__ == "__main__":
    main()
