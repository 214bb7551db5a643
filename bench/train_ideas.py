"""Train the ideas model (driftwatch/detect/learned.py) and write driftwatch/detect/ideas_model.json.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python bench/train_ideas.py [--corpus ../shared/corpus] [--sets second third fourth]

The model reads, for each item (a tool, a prompt, a resource, the server instructions), the ideas
of its strings (learned.string_ideas): each concept of the lexicon a clause holds, and each pair of
concepts sharing a clause. Its labelled items: the development corpus (core poisoned items, benign
items, hard negatives), every distinct item of the real server captures (benign/servers and the
versions under drift/manifests: benign), and the held-out sets written after the rules that have
already been measured (`--sets`; never the blind set that is
still to be measured). A logistic regression (scikit-learn) weighs the features. The threshold is
THRESHOLD, fixed: the one cross-validation chose on the data before the fifth set (the lowest at
which at most 0.5 % of real servers' items, 1 % of hard negatives and 2 % of benign items were
flagged), then measured blind on the fifth set. The script prints cross-validated recall and false
positive rates at several thresholds, so that the next blind set can confirm or move it; it
asserts nothing.
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

from detection import as_manifest, capture_manifest, load, read_held_out, target_of  # noqa: E402

from driftwatch.detect.learned import MODEL_FILE, ItemIdeas, concept_names, feature_name, string_ideas  # noqa: E402
from driftwatch.detect.walk import strings  # noqa: E402
from driftwatch.manifest import Manifest  # noqa: E402

C = 0.5
"""Inverse regularisation strength: cross-validated on the development data, not on a blind set."""
THRESHOLD = 0.85
"""Chosen by cross-validation before the fifth set, then measured blind on it: recall 0.767 -> 0.855
with the rules, one more benign item flagged of 104 (bench/corpus/fifth/README.md); and on the
sixth: 0.723 -> 0.789, four more of 114 (bench/corpus/sixth/README.md)."""

GROUPS = ("real", "hard", "benign")
"""Groups of benign items whose cross-validated false positive rates are printed."""


@dataclass(frozen=True)
class Unit:
    """One labelled item: its features, its label and the group its false positives count in."""

    features: frozenset[str]
    poisoned: bool
    group: str


def features(bodies: Iterable[Any]) -> frozenset[str]:
    item = ItemIdeas()
    for body in bodies:
        for field_path, text in strings(body):
            item.add(field_path, string_ideas(text))
    return frozenset(map(feature_name, item.places))


def _server_bodies(manifest: Manifest) -> list[Any]:
    return [
        {"serverInfo": manifest.server.get("serverInfo", {}), "instructions": manifest.instructions or ""}
    ]


def corpus_units(corpus: Path) -> list[Unit]:
    units = []
    for line in (corpus / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        poisoned = item["label"] == "poisoned"
        if item["kind"] == "manifest-pair" or (poisoned and item.get("scope") != "core"):
            continue
        data = load(corpus, item["manifest"])
        target = target_of(item, data)
        manifest = as_manifest(data)
        if target is None:
            continue
        kind, name = target
        bodies = (
            _server_bodies(manifest)
            if kind == "server"
            else [i.body for i in manifest.items() if i.kind == kind and name in ("*", i.key)]
        )
        group = "hard" if item.get("hard_negative") else "benign"
        units.append(Unit(features(bodies), poisoned, group))
    seen: set[str] = set()
    captures = [
        *(corpus / "benign" / "servers").glob("*.json"),
        *(corpus / "drift" / "manifests").glob("*.json"),
    ]
    for capture in sorted(captures):
        manifest = capture_manifest(json.loads(capture.read_text(encoding="utf-8")))
        for body in [i.body for i in manifest.items()] + _server_bodies(manifest):
            key = json.dumps(body, sort_keys=True)  # (the versions of one server repeat most items)
            if key not in seen:
                seen.add(key)
                units.append(Unit(features([body]), False, "real"))
    return units


def held_out_units(directory: Path) -> list[Unit]:
    units = []
    for item in read_held_out(directory):
        data, target = item["manifest"], item["target"]
        if target["kind"] == "server":
            units.append(
                Unit(features([data.get("instructions") or ""]), item["label"] == "poisoned", "benign")
            )
        for kind, listed in (("tool", "tools"), ("prompt", "prompts"), ("resource", "resources")):
            for body in data.get(listed) or []:
                aimed = kind == target["kind"] and target["name"] in (body.get("name"), body.get("uri"))
                units.append(Unit(features([body]), aimed and item["label"] == "poisoned", "benign"))
    return units


def fp_rates(scores: list[tuple[float, Unit]], at: float) -> dict[str, float]:
    rates = {}
    for group in GROUPS:
        benign = [s for s, u in scores if not u.poisoned and (group == "benign" or u.group == group)]
        rates[group] = float(sum(s >= at for s in benign) / max(1, len(benign)))
    return rates


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--sets", nargs="*", default=["second", "third", "fourth", "fifth", "sixth"])
    args = parser.parse_args()
    units = corpus_units(args.corpus)
    for name in args.sets:
        units += held_out_units(ROOT / "bench" / "corpus" / name)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(u.features, 1) for u in units])
    labels = [u.poisoned for u in units]
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    cv = cross_val_predict(classifier, matrix, labels, cv=folds, method="predict_proba")[:, 1]
    scores = list(zip(cv, units, strict=True))
    chosen = THRESHOLD
    for at in (0.8, 0.85, 0.9, 0.95):
        rates = {g: f"{r:.4f}" for g, r in fp_rates(scores, at).items()}
        found = sum(s >= at for s, u in scores if u.poisoned) / max(1, sum(labels))
        print(f"  at {at:.2f}: recall {found:.3f}, false positive rates {rates}")

    recall = sum(s >= chosen for s, u in scores if u.poisoned) / max(1, sum(labels))
    print(f"{len(units)} items ({sum(labels)} poisoned); threshold {chosen:.2f}")
    print(f"cross-validated: recall {recall:.3f}, false positive rates {fp_rates(scores, chosen)}")
    classifier.fit(matrix, labels)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), classifier.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    top = sorted(weights.items(), key=lambda kv: -kv[1])
    print("weigh most:", ", ".join(f"{n} {w:+.2f}" for n, w in top[:12]))
    print("weigh least:", ", ".join(f"{n} {w:+.2f}" for n, w in top[-8:]))
    model = {
        "trained_on": {"corpus": "development split", "sets": args.sets, "items": len(units), "C": C},
        "concepts": list(concept_names()),
        "bias": round(float(classifier.intercept_[0]), 4),
        "threshold": chosen,
        "weights": dict(sorted(weights.items())),
    }
    MODEL_FILE.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE.relative_to(ROOT)} ({len(weights)} weights)")


if __name__ == "__main__":
    main()
