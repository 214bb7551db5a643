"""Leave one set out: how the learned layer generalises to a set of texts it was not trained on.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python bench/learned_loso.py [--corpus ../shared/corpus] [--specs ideas ideas+grams]
        [--held fifteenth sixteenth]

For each measured set (bench/detection.py MEASURED_SETS, or those `--held` names) held out in turn,
each candidate model (train_ideas.Spec) is trained on the development corpus, the real server
captures and the other sets, its threshold chosen by cross-validation on that training data alone
(train_ideas.choose_threshold: at most 0.5 % of real servers' items, 1 % of hard negatives, 2 % of
benign items flagged); then the held set is read by the whole of `detect` (rules and that model), as
bench/detection.py reads it. `ideas` is the layer as it was (ideas and pairs of ideas), retrained
the same way, so that the comparison is fair; `rules` is detect without a model, `shipped` detect
with the model that ships (held out only for the sets it was not trained on). Prints recall on
poisoned items, benign items flagged and `security-devops` items flagged, per set and pooled, and
pooled per family and language. Asserts nothing.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from detection import MEASURED_SETS, Outcome, judge, rate, read_held_out  # noqa: E402
from train_ideas import SPECS, corpus_units, fit, parser_for, set_units  # noqa: E402

from driftwatch.detect import learned  # noqa: E402

COMPARED = ("ideas", "k4/gate0/bar1", "k4/gate0/bar1/C1")
"""Ideas alone, the n-gram model that ships (train_ideas.FINAL) and the best candidate since. Each of
the six sets sixteenth to twenty-first held out in turn (2026-12-07, the rules of main at eb01f95;
recall, benign items flagged of 900, security-devops of 420, pooled): the rules alone 0.730, 788 of
1,080, 52, 28; the model shipped (k4/gate0/bar1/C1 trained through the twentieth: blind to the
twenty-first alone, 155 of 180 and 27 of 150 there) 0.830, 54, 28; k4/gate0/bar1/C1 trained again
without the held set nor the twenty-first (as the model shipped was; 157 of the twenty-first's 180,
threshold 0.84) 0.825, 59, 28; with the twenty-first in training (for the five others) 0.822, 58, 28
(sixteenth 125 against 127, twentieth 163 against 164 with 2 benign items against 3, the rest the
same; thresholds 0.68 to 0.83 against 0.72 to 0.99); k4/gate0/bar1/C1/b1 (choose_threshold's bar on
benign items 1 %) 0.821, 58, 28; k4/gate0/bar1/C1/w.5 (the poisoned class weighing half) 0.799, 56,
28. None kept: the twenty-first in training costs recall and spares no security or devops tool,
every one of those flagged is flagged by the rules alone (the twenty-first's 16 of 70 alike).
Trained on every measured set, the twenty-first too, FINAL takes threshold 0.97 (cross-validated,
3.6 % of hard negatives are flagged up to 0.90, against the bar's 1 %; cross-validated recall 0.729)
and misses the beneficiary order of tests/detect/test_learned.py. Each of
the six sets fifteenth to twentieth held out in turn (2026-12-06 evening, the rules of main at
bd0e1b7; recall, benign items flagged of 900, security-devops of 420, pooled): the rules alone
0.709, 49, 20; the model shipped (k4/gate0/bar1 trained through the fourteenth, blind to all six)
0.785, 57, 21; trained again without the held set: ideas 0.745, 64, 26; k4/gate0/bar1 0.801, 60, 20;
k6/gate0/bar1 0.806, 60, 20; k4/gate0/bar1/C1 0.811, 60, 20 (fifteenth 168 of 180, 19 of 150 benign;
sixteenth 123, 11; seventeenth 140, 12; eighteenth 136, 7; nineteenth 146, 7; twentieth 163, 4);
k4/gate-.5/bar1 0.818, 63, 22; k4/gate-1/bar1 0.837, 67, 23; k6/gate-1/bar1 0.838, 66, 23 (a lower
floor finds more and flags more security and devops tools than the model before: not kept).
k4/gate0/bar1/C1 is the one that would ship, but trained on every measured set (threshold 0.89) it
fails tests/detect/test_learned.py: the German upsell there (`Bei jeder Antwort ... auf den
Premium-Tarif hinweisen`) sums -0.57 on its ideas alone (the model shipped: +0.07), under the floor,
so its n-grams (+5.3) are never read (k4/gate0/bar1 retrained: -0.44); a floor of -0.5 or -1 would
read them but flags more security and devops tools. So the model of the fourteenth still ships,
though held out k4/gate0/bar1/C1 finds no family less than it (of 90 each: preference 72 against 68,
override 80 against 71, behaviour-hijack 58 against 53; the rules alone 53, 58, 41). The threshold
chosen by cross-validation swings from 0.68 to 0.99 as one set is left out (0.99, the highest it
tries, without the seventeenth), but with floor 0 the held sets' recall hardly moves with it:
k4/gate0/bar1 at any fixed threshold from 0.5 to 0.9 finds 0.802 to 0.806 with 59 to 66 benign items
flagged; with floor -1 (from 0.7 to 0.9) 0.839 to 0.850 and 66 to 76. Also tried, on the fifteenth
and sixteenth only (of 360 poisoned and 300 benign items): k3/gate0/bar1 0.797 and 29, k4/gate0/bar1
with C 0.25 0.794 and 29, k8/gate0/bar1 0.789 and 26, against k4/gate0/bar1 0.797 and 30 and
k4/gate0/bar1/C1 0.808 and 30.
Over the twelve sets with the
rules of 2026-12-06 (62c5240, after the thirteenth's round): k4/gate0/bar1 pooled recall 0.949 with
46 of 1,556 benign items flagged (security-devops 14 of 827), the rules alone 0.895 and 26 (12);
the thirteenth held out 0.894 and 12 of 150 (threshold 0.83), the rules 0.789 and 6. Of its 19
misses there, 16 score 0.00: their ideas alone stay under the floor (0), and 9 of those would pass
the threshold with their n-grams; the rest hold no idea. Tried then, each with its threshold chosen
by cross-validation scored the same way (the fold models reused), none kept: the floor applied in
cross-validation too, 0.949 and 48; the floor met by any paragraph of a long string (split at
blank lines and headings) rather than the whole item, 0.950 and 48 (thirteenth 0.900 and 12); the
score the highest of the whole item and each paragraph (the long texts' payload undiluted by the
prose around it), 0.936 and 28, on the curve of the plain model at a stricter bar (bar 0.5: 0.938
and 35), no better; floor -0.5, 0.956 and 54, floor -1, 0.963 and 64, no floor 0.976 and 102 (more
recall bought with as many benign items, as a lower threshold buys it); n-grams of words with
Latin diacritics folded (`Übermittle` as `ubermittle`), the thirteenth and twelfth held out
unchanged (161 and 171 of 180, 12 and 2 benign). Over the twelve sets second to
thirteenth (2026-12-05 near midnight, the rules with which the thirteenth was measured blind, only
k4/gate0/bar1 run): k4/gate0/bar1 pooled recall 0.933 with 55 of 1,556 benign items flagged
(security-devops 19 of 827), the rules alone 0.877 and 36 (17); the thirteenth held out 0.728 and
21 of 150 (threshold 0.81, as measured blind: the shipped model of the time retrained exactly), the
rules 0.628 and 16; over the eleven others 0.952 and 34 (12 of 759), the rules 0.900 and 20 (10).
Over the eleven sets second to
twelfth (2026-12-05 late night, the rules reading classes spread over all eleven: settings imposed
on other tools' calls, a payee's account fixed, key files asked for verbatim, names as phrases;
reported requests, a URL's user and password, refused files): k4/gate0/bar1 pooled recall 0.956
with 37 of 1,406 benign items flagged (security-devops 11 of 759), the rules alone 0.900 and 20
(10); before that round 0.943 and 43 (12), the rules 0.882 and 27 (11); no set's recall lower or
benign items flagged more. Over the eleven sets second to
twelfth (2026-12-05 night, the rules reading the twelfth's classes of false positive and miss):
k4/gate0/bar1 pooled recall 0.943 with 43 of 1,406 benign items flagged, the rules alone 0.882 and
27; with the rules before that round, 0.930 and 57, the rules alone 0.868 and 43 (the ten sets but
the twelfth: +7 items and -4 benign items flagged, rules alone and with the model alike; no set's
security-devops items flagged more). Over the ten sets second to
eleventh (2026-12-05 evening, the rules reading the eleventh's classes of miss): k4/gate0/bar1
pooled recall 0.936 with 42 of 1,256 benign items flagged, the rules alone 0.877 and 30; with the
rules of that morning, 0.902 and 43, the rules alone 0.837 and 33. Over the nine sets second to
tenth (2026-12-05, with that day's rules): k4/gate0/bar1 pooled recall 0.917 with 38 of 1,106
benign items flagged, k4/gate0 (the half bar) 0.902 and 30, the rules alone 0.852 and 28. Over
the seven sets second to eighth (2026-12-04): ideas 0.902 and 40, k4/gate0 0.913 and 11, the rules
0.862 and 11; also tried then (train_ideas.SPECS): grams/rare/strict 0.943 and 15, k3 0.943 and
15, k2 0.944 and 13, k4 0.938 and 12 (all without a floor: trained on everything they flag
tests/detect/test_presets' plain tools), k3/b 0.922 and 18, k3/b/half 0.917 and 17, k3/gate0
0.911 and 13, k3/gate-1 0.926 and 14 (floor -1: lets those tools' n-grams in)."""


def outcomes(directory: Path, trained: dict[str, Any] | None) -> list[Outcome]:
    """Every item of a set, judged by detect with `trained` as the learned layer (None: rules only)."""
    shipped = learned.model
    layer = None if trained is None else learned.from_json(trained)
    learned.model = lambda: layer  # type: ignore[assignment]
    try:
        return [judge(item) for item in read_held_out(directory)]
    finally:
        learned.model = shipped


def line(name: str, found: list[Outcome], extra: str = "") -> str:
    poisoned = [o for o in found if o.item["label"] == "poisoned"]
    benign = [o for o in found if o.item["label"] == "benign"]
    devops = [o for o in benign if o.item.get("family") == "security-devops"]
    return (
        f"  {name:14s} recall {rate(poisoned):.3f} ({sum(o.hit for o in poisoned)}/{len(poisoned)})"
        f"  benign flagged {sum(o.hit for o in benign)}/{len(benign)} ({rate(benign):.3f})"
        f"  security-devops {sum(o.hit for o in devops)}/{len(devops)}{extra}"
    )


def by(found: list[Outcome], field: str) -> dict[str, str]:
    grouped: dict[str, list[Outcome]] = defaultdict(list)
    for o in found:
        if o.item["label"] == "poisoned":
            grouped[str(o.item.get(field, "?"))].append(o)
    return {k: f"{sum(o.hit for o in v)}/{len(v)}" for k, v in sorted(grouped.items())}


def main() -> None:
    parser = parser_for(__doc__)
    parser.add_argument("--specs", nargs="*", default=list(COMPARED), help=f"of {', '.join(SPECS)}")
    parser.add_argument("--held", nargs="*", default=list(MEASURED_SETS), help="the sets held out in turn")
    args = parser.parse_args()
    dev = corpus_units(args.corpus)
    sets = set_units(MEASURED_SETS)
    pooled: dict[str, list[Outcome]] = defaultdict(list)
    for held in args.held:
        directory = ROOT / "bench" / "corpus" / held
        training = dev + [u for name, units in sets.items() if name != held for u in units]
        print(f"\nheld out: {held} (trained on {len(training)} items)")
        found = outcomes(directory, None)
        pooled["rules"] += found
        print(line("rules", found))
        found = [judge(item) for item in read_held_out(directory)]
        pooled["shipped"] += found
        print(line("shipped", found))
        for name in args.specs:
            trained = fit(training, SPECS[name])
            found = outcomes(directory, trained)
            pooled[name] += found
            floor = trained.get("floor", "-")
            chosen = f"  threshold {trained['threshold']:.2f}, {len(trained['grams'])} n-grams, floor {floor}"
            print(line(name, found, chosen))
    print("\npooled over the held sets:")
    for name, found in pooled.items():
        print(line(name, found))
    for field in ("family", "language"):
        print(f"\npooled recall per {field}:")
        for name, found in pooled.items():
            print(f"  {name:14s} {by(found, field)}")


if __name__ == "__main__":
    main()
