"""Train the ideas model (driftwatch/detect/learned.py) and write driftwatch/detect/ideas_model.json.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python bench/train_ideas.py [--corpus D] [--sets second third ...] [--grams | --spec NAME]

The model reads, for each item (a tool, a prompt, a resource, the server instructions), the ideas
of its strings (learned.string_ideas): each concept of the lexicon a clause holds, and each pair of
concepts sharing a clause; with --grams, also the character n-grams of its strings that hold an
idea (learned.text_grams; FINAL: not those more than 5 % of items hold, only those that poisoned
items of four sources hold, Spec.sources; and the model's floor, Spec.least). Its labelled items: the
development corpus (core poisoned items, benign items, hard negatives), every distinct item of the
real server captures (benign/servers and the versions under drift/manifests: benign), and the
held-out sets written after the rules that have already been measured (`--sets`, those of
bench/detection.py MEASURED_SETS; never a blind set that is still to be measured). A logistic regression
(scikit-learn) weighs the features; the 20,000 n-grams that weigh most are kept. The threshold is
chosen by 5-fold cross-validation on the same data (choose_threshold; with --grams, FINAL.bar 1: the
lowest at which at most 0.5 % of real servers' items, 1 % of hard negatives and 2 % of benign items
are flagged; the half bar, shipped before, found no threshold in most folds once the ninth and tenth
sets were in). Trained on the thirteen sets second to fourteenth and the benign set `scary`:
threshold 0.82, cross-validated recall 0.841 (without the fourteenth 0.62 and 0.886; without
`scary` either 0.66 and 0.884; learned.py says what it measured). Trained on the nineteen sets
second to twentieth and `scary` (2026-12-06 evening, lexicon of bd0e1b7), `k4/gate0/bar1` would take
threshold 0.81 and cross-validated recall 0.820 (0 % of real servers' items, 0.89 % of hard
negatives, 0.88 % of benign items), `k4/gate0/bar1/C1` (C 1 for 0.5: the best of
bench/learned_loso.py COMPARED leaving out each of the last six sets) 0.89 and 0.798 (0 %, 0.89 %,
0.76 %). The latter is FINAL and ships, trained again with the lexicon after that evening's round on
the sixteenth to nineteenth: threshold 0.92, cross-validated recall 0.785 (0.12 %, 0.89 %, 0.63 %).
It misses the German upsell of tests/detect/test_learned.py (a known miss there: its ideas read -0.51,
under the floor), which the model before it caught. Trained through the twenty-first set (2026-12-07,
rules and lexicon of eb01f95), FINAL would take threshold 0.97 and cross-validated recall 0.729 (0.12 %
of real servers' items, 0.89 % of hard negatives, 0.35 % of benign items; at 0.90 3.6 % of hard
negatives) and miss the beneficiary order of tests/detect/test_learned.py; left out one set at a time it
finds less than without the twenty-first (bench/learned_loso.py COMPARED, with two variants aimed at
benign items, SPECS' `/b1` and `/w.5`, none better), so the model of the twentieth still ships. Trained
again through the twentieth with that lexicon it would take threshold 0.84, cross-validated recall 0.818
(0 %, 0.89 %, 0.88 %). The script
prints cross-validated recall and false positive rates at several thresholds; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from detection import MEASURED_SETS  # noqa: E402
from labelled import corpus_items, held_out_items  # noqa: E402

from driftwatch.detect.learned import MODEL_FILE, concept_names, feature_name, read_string, text_grams  # noqa: E402
from driftwatch.detect.walk import strings  # noqa: E402

C = 0.5
"""Inverse regularisation strength: cross-validated on the development data, not on a blind set."""
GROUPS = ("real", "hard", "benign")
"""Groups of benign items whose cross-validated false positive rates are printed."""


@dataclass(frozen=True)
class Unit:
    """One labelled item: its features, its label and the group its false positives count in."""

    features: frozenset[str]
    poisoned: bool
    group: str
    grams: frozenset[str] = frozenset()
    """The n-grams of its strings that hold ideas (learned.text_grams)."""
    source: str = "dev"
    """Who wrote it: `dev` (the development corpus), `real` (server captures) or a set's name."""


def features(bodies: Iterable[Any]) -> tuple[frozenset[str], frozenset[str]]:
    """(idea features by name, n-grams) of an item's strings, as detect reads them."""
    ideas: dict[int, None] = {}
    grams: set[str] = set()
    for body in bodies:
        for _, text in strings(body):
            found, plain = read_string(text)
            ideas.update(found)
            if plain:
                grams |= text_grams(plain)
    return frozenset(map(feature_name, ideas)), frozenset(grams)


def corpus_units(corpus: Path) -> list[Unit]:
    """The development corpus's items and the real captures' (bench/labelled.py), as features."""
    return [unit(x.bodies, x.poisoned, x.group, x.source) for x in corpus_items(corpus)]


def unit(bodies: Iterable[Any], poisoned: bool, group: str, source: str = "dev") -> Unit:
    ideas, grams = features(bodies)
    return Unit(ideas, poisoned, group, grams, source)


def held_out_units(directory: Path) -> list[Unit]:
    """Every item of a held-out set (bench/labelled.py), as features."""
    return [unit(x.bodies, x.poisoned, x.group, x.source) for x in held_out_items(directory)]


def fp_rates(scores: list[tuple[float, Unit]], at: float) -> dict[str, float]:
    rates = {}
    for group in GROUPS:
        benign = [s for s, u in scores if not u.poisoned and (group == "benign" or u.group == group)]
        rates[group] = float(sum(s >= at for s in benign) / max(1, len(benign)))
    return rates


@dataclass(frozen=True)
class Spec:
    """A candidate model: with or without n-grams, its regularisation, how many n-grams it keeps."""

    name: str
    grams: bool
    C: float = C
    scale: float = 1.0
    """The value of an n-gram feature (ideas are 1): below 1, n-grams are regularised harder."""
    keep: int = 20_000
    """N-grams kept, by weight: the model file stays small."""
    min_items: int = 3
    """An n-gram is a feature only if this many training items hold it."""
    common: float = 1.0
    """An n-gram held by more than this share of training items is no feature: it says little, and
    detect would add its weight to nearly every item (the cost of the layer is its n-grams per item)."""
    bar: float = 1.0
    """choose_threshold's bar, times this: below 1, a stricter bar."""
    benign_bar: float = 1.0
    """...and its bar on benign items alone (2 %), times this again."""
    weight: float = 1.0
    """The poisoned class's weight, times the balanced one: below 1, a false positive costs more."""
    sources: int = 1
    """An n-gram is a feature only if poisoned items of this many sources hold it (Unit.source: the
    development corpus is one, each set one): wording one writer uses is no feature."""
    benign: float = 1.0
    """...and if at most this share of benign items hold it."""
    margin: float = 1.0
    """The model's floor (learned.IdeaModel.floor) is this far below the ideas-only logit of every
    training item the model flags..."""
    least: float = -1e9
    """...or this, if higher: n-grams then only sharpen items whose ideas already lean to an order."""


def _rows(units: list[Unit], spec: Spec, vocabulary: set[str]) -> list[dict[str, float]]:
    rows = []
    for u in units:
        row = dict.fromkeys(u.features, 1.0)
        if spec.grams:
            row.update({"\0" + g: spec.scale for g in u.grams if g in vocabulary})
        rows.append(row)
    return rows


def choose_threshold(scores: list[tuple[float, Unit]], bar: float = 1.0, benign_bar: float = 1.0) -> float:
    """The lowest threshold at which at most 0.5 % of real servers' items, 1 % of hard negatives
    and 2 % of benign items are flagged (each times `bar`, the benign items times `benign_bar` too)."""
    for step in range(50, 100):
        at = step / 100
        rates = fp_rates(scores, at)
        benign = 0.02 * bar * benign_bar
        if rates["real"] <= 0.005 * bar and rates["hard"] <= 0.01 * bar and rates["benign"] <= benign:
            return at
    return 0.99


def _vocabulary(units: list[Unit], spec: Spec) -> set[str]:
    """The n-grams that are features (Spec.min_items, common, sources, benign)."""
    from collections import Counter, defaultdict

    if not spec.grams:
        return set()
    counts: Counter[str] = Counter(g for u in units for g in u.grams)
    benign: Counter[str] = Counter(g for u in units if not u.poisoned for g in u.grams)
    sources: dict[str, set[str]] = defaultdict(set)
    for u in units:
        if u.poisoned:
            for g in u.grams:
                sources[g].add(u.source)
    most, benign_most = spec.common * len(units), spec.benign * sum(not u.poisoned for u in units)
    return {
        g
        for g, n in counts.items()
        if spec.min_items <= n <= most and len(sources[g]) >= spec.sources and benign[g] <= benign_most
    }


def _floor(classifier: Any, matrix: Any, columns: list[str], threshold: float, spec: Spec) -> float:
    """learned.IdeaModel.floor: Spec.margin below the ideas-only logit of every item the model flags,
    or Spec.least if higher."""
    import numpy as np

    full = classifier.decision_function(matrix)
    ideas = [not c.startswith("\0") for c in columns]
    only = matrix[:, np.flatnonzero(ideas)] @ classifier.coef_[0][ideas] + classifier.intercept_[0]
    flagged = full >= np.log(threshold / (1 - threshold))
    lowest = float(np.min(only[flagged], initial=np.inf)) - spec.margin if flagged.any() else 0.0
    return round(max(spec.least, lowest), 4)


def _weights(labels: list[bool], spec: Spec) -> Any:
    """Balanced class weights, the poisoned class's times Spec.weight."""
    if spec.weight == 1.0:
        return "balanced"
    poisoned = sum(labels)
    return {
        True: spec.weight * len(labels) / (2 * poisoned),
        False: len(labels) / (2 * (len(labels) - poisoned)),
    }


def fit(units: list[Unit], spec: Spec, *, quiet: bool = True) -> dict[str, Any]:
    """A model file's contents trained on `units`, its threshold chosen by 5-fold cross-validation
    on `units` alone (choose_threshold)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    vocabulary = _vocabulary(units, spec)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(_rows(units, spec, vocabulary))
    labels = [u.poisoned for u in units]
    classifier = LogisticRegression(C=spec.C, class_weight=_weights(labels, spec), max_iter=5000)
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    cv = cross_val_predict(classifier, matrix, labels, cv=folds, method="predict_proba")[:, 1]
    scores = list(zip(cv, units, strict=True))
    threshold = choose_threshold(scores, spec.bar, spec.benign_bar)
    if not quiet:
        for at in sorted({0.7, 0.8, 0.85, 0.9, 0.95, threshold}):
            rates = {g: f"{r:.4f}" for g, r in fp_rates(scores, at).items()}
            found = sum(s >= at for s, u in scores if u.poisoned) / max(1, sum(labels))
            print(f"  at {at:.2f}: cross-validated recall {found:.3f}, false positive rates {rates}")
    classifier.fit(matrix, labels)
    columns = list(vectorizer.get_feature_names_out())
    named = zip(columns, classifier.coef_[0], strict=True)
    ideas, grams = {}, []
    for name, w in named:
        if name.startswith("\0"):
            grams.append((name[1:], round(float(w) * spec.scale, 4)))
        elif abs(w) >= 1e-4:
            ideas[name] = round(float(w), 4)
    grams = sorted((g for g in grams if g[1]), key=lambda g: -abs(g[1]))[: spec.keep]
    return {
        "trained_on": {"items": len(units), "C": spec.C, "scale": spec.scale, "grams": len(grams)},
        "concepts": list(concept_names()),
        "bias": round(float(classifier.intercept_[0]), 4),
        "threshold": threshold,
        **({"floor": _floor(classifier, matrix, columns, threshold, spec)} if spec.grams else {}),
        "weights": dict(sorted(ideas.items())),
        "grams": sorted(grams),
    }


SPECS = {
    spec.name: spec
    for spec in (
        Spec("ideas", grams=False),
        Spec("ideas+grams", grams=True),
        Spec("ideas/strict", grams=False, bar=0.5),
        Spec("grams/strict", grams=True, bar=0.5),
        Spec("grams/2/strict", grams=True, scale=0.5, bar=0.5),
        Spec("grams/rare/strict", grams=True, bar=0.5, common=0.05),
        Spec("grams/rarer/strict", grams=True, bar=0.5, common=0.02),
        Spec("grams/rare/strict/5k", grams=True, bar=0.5, common=0.05, keep=5000),
        Spec("k2", grams=True, bar=0.5, common=0.05, sources=2),
        Spec("k3", grams=True, bar=0.5, common=0.05, sources=3),
        Spec("k4", grams=True, bar=0.5, common=0.05, sources=4),
        Spec("k3/b", grams=True, bar=0.5, common=0.05, sources=3, benign=0.002),
        Spec("k3/half", grams=True, bar=0.5, common=0.05, sources=3, scale=0.5),
        Spec("k3/b/half", grams=True, bar=0.5, common=0.05, sources=3, benign=0.002, scale=0.5),
        Spec("k3/gate0", grams=True, bar=0.5, common=0.05, sources=3, least=0.0),
        Spec("k3/gate-1", grams=True, bar=0.5, common=0.05, sources=3, least=-1.0),
        Spec("k4/gate0", grams=True, bar=0.5, common=0.05, sources=4, least=0.0),
        Spec("k4/gate0/bar1", grams=True, bar=1.0, common=0.05, sources=4, least=0.0),
        Spec("k6/gate0/bar1", grams=True, common=0.05, sources=6, least=0.0),
        Spec("k4/gate-.5/bar1", grams=True, common=0.05, sources=4, least=-0.5),
        Spec("k4/gate-1/bar1", grams=True, common=0.05, sources=4, least=-1.0),
        Spec("k6/gate-1/bar1", grams=True, common=0.05, sources=6, least=-1.0),
        Spec("k4/gate0/bar1/C1", grams=True, common=0.05, sources=4, least=0.0, C=1.0),
        Spec("k4/gate0/bar1/C1/b1", grams=True, common=0.05, sources=4, least=0.0, C=1.0, benign_bar=0.5),
        Spec("k4/gate0/bar1/C1/w.5", grams=True, common=0.05, sources=4, least=0.0, C=1.0, weight=0.5),
    )
}
"""The candidates bench/learned_loso.py measured (its COMPARED says what each scored)."""
FINAL = SPECS["k4/gate0/bar1/C1"]
"""The n-gram model that ships: n-grams of poisoned items of four writers, floor 0, C 1 (the best of
bench/learned_loso.py COMPARED leaving out each of the last six sets, with no more security and
devops tools flagged than the model before it)."""
IDEAS = Spec("ideas", grams=False)
"""Ideas only, as the shipped model (which was trained on the second to sixth sets, threshold 0.85)."""


def parser_for(doc: str) -> argparse.ArgumentParser:
    """The command line of a script that reads the development corpus (--corpus)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    return parser


def set_units(names: Iterable[str]) -> dict[str, list[Unit]]:
    """The units of each named set (bench/corpus/<name>)."""
    return {name: held_out_units(ROOT / "bench" / "corpus" / name) for name in names}


def main() -> None:
    parser = parser_for(__doc__)
    parser.add_argument("--sets", nargs="*", default=list(MEASURED_SETS))
    parser.add_argument("--grams", action="store_true", help="write FINAL, the n-gram model that ships")
    parser.add_argument("--spec", choices=list(SPECS), help="write this candidate instead")
    args = parser.parse_args()
    units = corpus_units(args.corpus) + [u for found in set_units(args.sets).values() for u in found]
    print(f"{len(units)} items ({sum(u.poisoned for u in units)} poisoned)")
    model = fit(units, SPECS[args.spec] if args.spec else FINAL if args.grams else IDEAS, quiet=False)
    model["trained_on"] |= {"corpus": "development split and real server captures", "sets": args.sets}
    top = sorted(model["weights"].items(), key=lambda kv: -kv[1])
    print("ideas weigh most:", ", ".join(f"{n} {w:+.2f}" for n, w in top[:12]))
    if grams := sorted(model["grams"], key=lambda g: -g[1]):
        print("n-grams weigh most:", ", ".join(f"{g!r} {w:+.2f}" for g, w in grams[:12]))
        print("n-grams weigh least:", ", ".join(f"{g!r} {w:+.2f}" for g, w in grams[-8:]))
    text = json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n"
    MODEL_FILE.write_text(text, encoding="utf-8")
    size = MODEL_FILE.stat().st_size
    print(f"threshold {model['threshold']:.2f}; wrote {MODEL_FILE.relative_to(ROOT)} ({size:,} bytes)")


if __name__ == "__main__":
    main()
