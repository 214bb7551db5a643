"""Alert payload size and build time for growing hostile input: bounded whatever the server sends.

Builds the Slack drift message and the PagerDuty trigger for a drift event whose changes and
findings quote hostile text (characters that escape to more characters, pings, hidden code
points) of growing length, and prints the time to build and the size of each payload against
the channel's documented limit. Run: `.venv/bin/python bench/alert_payloads.py`.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

from driftwatch.alerts import messages, policy
from driftwatch.model import Change, DriftEventRecord, EventState, Finding, Severity
from driftwatch.registry import AlertingSpec

UNIT = "<!channel> & <@U1> `x` \u202e\x1b[31m "


def _event(length: int, changes: int) -> DriftEventRecord:
    text = (UNIT * (length // len(UNIT) + 1))[:length]
    now = datetime.now(UTC)
    change: dict[str, Any] = {"change": "changed", "kind": "tool", "name": text[:1000], "path": "description"}
    change |= {"category": "description", "severity": "high", "rules": [], "before": "", "after": text}
    finding: dict[str, Any] = {
        "rule": "r",
        "severity": "high",
        "kind": "tool",
        "name": "t",
        "field": "description",
    }
    finding |= {"evidence": text, "message": text}
    listed = [Change.from_json(change)] * changes
    found = [Finding.from_json(finding)] * min(changes, 50)
    return DriftEventRecord(
        7, "victim", "sha256:a", "sha256:b", EventState.OPEN, Severity.HIGH, changes,
        listed, found, now, now, None, None,
    )  # fmt: skip


def main() -> None:
    header = [("text chars", 11), ("changes", 8), ("slack ms", 9)]
    header += [("slack bytes", 12), ("pd ms", 7), ("pd bytes", 9)]
    print(" ".join(f"{name:>{width}}" for name, width in header))
    for length in (1_000, 100_000, 1_000_000, 16_000_000):
        for changes in (1, 1_000):
            event = _event(length, changes)
            reason = policy.decide(event, None, AlertingSpec()).reason
            context = messages.AlertContext("victim", "team", None, paging=True, reason=reason)
            start = time.perf_counter()
            slack = json.dumps(messages.slack_drift_message(event, context))
            middle = time.perf_counter()
            pagerduty = json.dumps(messages.pagerduty_trigger(event, context))
            end = time.perf_counter()
            print(
                f"{length:>11,} {changes:>8,} {1000 * (middle - start):>9.1f} {len(slack):>12,}"
                f" {1000 * (end - middle):>7.1f} {len(pagerduty):>9,}"
            )
    print("limits: Slack section 3,000 chars x blocks (<= 50); PagerDuty event 524,288 bytes")


if __name__ == "__main__":
    main()
