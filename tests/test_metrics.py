"""The daemon's metrics say when the optional semantic layer is degraded (driftwatch/metrics.py).

A worker that crashes or hangs costs manifests their semantic reading while the rules still read
them; on-call must see it where they look (the /metrics scrape), not only in a log line. The
daemon end to end (/metrics over HTTP) is tests/daemon/test_daemon.py; the layer's own failures
with its real worker are tests/detect/test_semantic.py.
"""

from __future__ import annotations

from prometheus_client import generate_latest

from driftwatch import semantic_switch
from driftwatch.metrics import Metrics


def samples(metrics: Metrics) -> dict[str, float]:
    lines = generate_latest(metrics.registry).decode().splitlines()
    return {
        name: float(value)
        for name, value in (line.split() for line in lines if line.startswith("driftwatch_semantic"))
    }


def test_a_failed_reading_shows_as_degraded_until_a_reading_succeeds() -> None:
    metrics = Metrics()
    assert samples(metrics) == {"driftwatch_semantic_degraded": 0, "driftwatch_semantic_failures_total": 0}
    semantic_switch.reading_done(failed=True)
    semantic_switch.reading_done(failed=True)
    assert samples(metrics) == {"driftwatch_semantic_degraded": 1, "driftwatch_semantic_failures_total": 2}
    semantic_switch.reading_done(failed=False)
    assert samples(metrics) == {"driftwatch_semantic_degraded": 0, "driftwatch_semantic_failures_total": 2}
