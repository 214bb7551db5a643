"""The process's long-lived heap, set aside from the cyclic garbage collector once it is loaded.

A scan loads the mcp SDK, SQLAlchemy, pydantic's models and the detectors' tables: hundreds of
thousands of objects that live as long as the process. Every full collection of the cyclic
collector walks all of them again, and a scan of many servers allocates enough to trigger a
dozen: 0.9-1.0 s of the 11 s of CPU of an unchanged 1,000-server scan (bench/scale.py's fleet),
against 0.3 s once they are set aside.

`settle` moves what is alive now to the collector's permanent generation (`gc.freeze`), once,
when the pipeline is loaded and before the work starts: full collections then walk only what the
work allocates. Frozen objects are never collected, so it runs once per process, never per scan
(detect/ pauses the collector around its own work for the same reason).
"""

from __future__ import annotations

import gc

_settled = False


def settle() -> None:
    """Set aside everything alive now from the cyclic collector; once per process."""
    global _settled
    if not _settled:
        _settled = True
        # What is garbage already is not kept forever: the young generations' (the loaded heap is
        # old, and a full collection of it found nothing to free, for 40-70 ms of a scan's start).
        gc.collect(1)
        gc.freeze()
