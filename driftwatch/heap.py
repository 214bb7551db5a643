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

Loading is itself work for the collector, and wasted: the imports allocate objects that stay, so
every collection they trigger walks an ever larger young heap and frees next to nothing (about a
thousand objects of the whole load; the collections cost 50-110 ms of the ~1.3 s of CPU a `scan`
spends importing its pipeline). `pause` stops the collector for the load; `settle` then freezes
what was loaded as it is (collecting a young generation that holds the whole load would cost what
pausing saved, for those thousand objects) and resumes it; `resume` resumes it on any other way out.
"""

from __future__ import annotations

import gc

_settled = False
_paused = False


def pause() -> None:
    """Pause the cyclic collector while a command loads its pipeline (until `settle` or `resume`);
    nothing once the heap is settled: the work after it is collected as usual."""
    global _paused
    if not _settled and gc.isenabled():
        gc.disable()
        _paused = True


def settle() -> None:
    """Set aside everything alive now from the cyclic collector, once per process; resume the
    collector if `pause` stopped it."""
    global _settled
    if not _settled:
        _settled = True
        # What is garbage already is not kept forever: the young generations' (the loaded heap is
        # old, and a full collection of it found nothing to free, for 40-70 ms of a scan's start);
        # unless the load ran paused: then the young generation is the whole load (see above).
        if not _paused:
            gc.collect(1)
        gc.freeze()
    resume()


def resume() -> None:
    """Resume the cyclic collector if `pause` stopped it (a command that ends before it settles)."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
