"""Detector quality and speed on the labeled development corpus (../shared/corpus, or --corpus DIR),
then on the held-out sets already measured (bench/corpus/second to eighth, or --sets NAME...).

    .venv/bin/python bench/detection.py [--corpus D] [--sets second third ...] [--blind D]
                                          [--semantic [auto|on|off]] [--throughput-only]

An item counts as flagged when its own tool/prompt/resource (or, for server instructions, the
server block) has a finding of severity `medium` or above; the rest of its manifest is context
(the other tool names, for cross-tool shadowing). Manifest pairs (rug pulls, real version drift)
count as flagged when the *after* manifest has such a finding on an item the pair changed.
Recall counts `scope: core` poisoned items; `peripheral` ones are reported apart; the false
positive rate is over benign items. Throughput: `detect` over 10,000 real tools on one core.

The held-out sets measure what the development split cannot. Each was written by someone who did
not read the detectors (bench/corpus/*/README.md), and each stays blind only until its misses are
used: the second set was then used to find what the rules missed, the third (first measured blind
at recall 0.803), the fourth (0.818), the fifth (0.767 for the rules, 0.855 with the learned
layer of detect/learned.py trained without it), the sixth (0.723 and 0.789), the seventh (0.784
and 0.832), the eighth (0.643 and 0.754), the ninth (0.713 and 0.830), the tenth (0.704 and 0.793),
the eleventh (0.789 with the learned layer) and the twelfth (0.822 with the detectors of the
eleventh's measure, 0.839 after the round below; 17 of 150 benign items flagged) likewise, so all
eleven are development sets now (the learned layer is trained on the sets measured before it:
bench/train_ideas.py; bench/learned_loso.py measures it leaving each out in turn). Per-set patching
plateaued (blind recall 0.75 to 0.86 whatever was fixed on the set before), so the rules now read
ideas a miss is made of rather than its wording, and a change is kept only if it also helps the
sets it was not drawn from (the rules alone, each set left out: pooled 0.837 before the eleventh's
classes of miss were read, 0.877 after, with 33 and 30 of 1,256 benign items flagged; on the
twelfth, measured blind after, that round gained 3 of 180 items, not the 4 points the sets left out
promised). The twelfth's classes of false positive (documentation of attacks, a tool's own output,
whole-not-each) and of miss (encodings the text names, claims in titles, a sibling handed secrets)
were read next: over the eleven sets, the rules alone left out one at a time 0.868 -> 0.882 pooled
(43 -> 27 of 1,406 benign items flagged), with the model 0.930 -> 0.943 (57 -> 43); on the ten sets
but the twelfth, +7 items and -4 benign both ways (bench/learned_loso.py). A last round read
classes of miss and false positive spread over the eleven sets (settings imposed on other tools'
calls, a payee's account fixed, key files asked for verbatim, a parameter's name as a phrase;
requests reported of fetched content, a URL's user and password, files a tool refuses): the rules
alone left out one at a time 0.882 -> 0.900 pooled (27 -> 20 of 1,406 benign items flagged), with
the model 0.943 -> 0.956 (43 -> 37), no set's recall lower or benign items flagged more. The
thirteenth set, written after that round and measured blind once, gave 0.728 both before and after
it (21 of 150 benign items flagged after it, 22 before): the rounds' gains on the sets they read do
not carry to new text, and the thirteenth is a development set now. A round on classes of miss and
false positive (2026-12-06, read from the thirteenth and spread over the sets: replies scripted
whatever the facts, an environment dumped and passed into another tool's field, host names carrying
a secret named before them, text to read right to left, base32, addresses spelled in names or as a
whole domain, a key file sent on by a pronoun, base images put in place of the official ones; a
literal under a negation, a test value, a name whose head names a setting, requests reported in
any language, a negation ended at a dash, the system prompt kept) took the rules alone over the
twelve sets from 1,901 to 1,924 of 2,125 poisoned items (with the model, in-sample, 2,029 to 2,046),
benign items flagged 26 -> 23 of 1,556, no set losing an item or flagging one more. With that
round, a round on false positives read from the benign-only set `scary`, and the model retrained,
the fourteenth set, written meanwhile and measured blind once, gave 0.811 (26 of 150 benign items
flagged) where the detectors of the night's start gave 0.817 (28): again nothing carried to new
text; the fourteenth is a development set now. The fifteenth, written by a hand asked for soft,
paraphrased payloads and hiding methods no earlier set used, gave 0.567 blind (26 of 150 benign
items flagged) with the same detectors; the sixteenth, asked for a balance of plain, disguised and
soft payloads, gave 0.567 blind too (9 of 150) after four rounds read from the fifteenth; both are
development sets now. The
next blind measure needs a new set, written and measured the same way (`--blind DIR`: a set is
reported only when asked for, so that nobody reads its misses by accident). Each line of their
poisoned.jsonl / benign.jsonl holds a whole
manifest (instructions, tools, prompts, resources) and a `target` (kind and name; kind `server` for
the instructions); an item is flagged when a finding of severity `medium` or above is on its target.
It reports recall by family, language and slot, the false positive rate by family and language,
and one PASS/FAIL line against the targets below. It reads as `check` does by default: with the
rules (and the learned layer). `--semantic` (or `--semantic auto`, as the daemon's setting
`semantic_detection`: where the extra `driftwatch[semantic]` is installed) reads with the semantic
layer too (driftwatch/detect/semantic.py, in its worker); every figure then has a "rules alone"
count beside it (the layer reads only what nothing else flagged, so the rules' figures are those
of the same run without its findings) and the run ends with what its worker cost. The throughput
lines are always `check`'s default, without the layer (its 5 s budget for 10,000 tools holds no
model). The layer's weights were trained on the development corpus and every set here
(bench/semantic_probe.py --export), so its figures on them are in-sample; only `--blind` on a set
written after the weights measures it. `--throughput-only` prints the throughput lines alone
(with the CPU time and the load average beside them: the machine may be shared). Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MEASURED_SETS = (
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twentyfirst",
    "twentysecond",
    "twentythird",
    "twentyfourth",
    "twentyfifth",
    "twentysixth",
    "twentyseventh",
    "twentyeighth",
    "twentyninth",
    "thirtieth",
    "thirtyfirst",
    "thirtysecond",
    "thirtythird",
    "scary",
)
"""The held-out sets measured blind once each (bench/corpus/<name>/README.md): development sets now;
`scary` is a benign-only development set written for reading false positives by class, never blind."""
sys.path.insert(0, str(ROOT))

from driftwatch import semantic_switch  # noqa: E402
from driftwatch.detect import Finding, detect  # noqa: E402
from driftwatch.detect.files import manifest_from_json  # noqa: E402
from driftwatch.manifest import Manifest  # noqa: E402
from driftwatch.model import Severity  # noqa: E402

_STEP = re.compile(r"\['([^']+)'\]|\[(\d+)\]|\.?([A-Za-z_]\w*)")
KIND_OF_LIST = {
    "tools": "tool",
    "prompts": "prompt",
    "resources": "resource",
    "resourceTemplates": "resourceTemplate",
}


def navigate(data: Any, path: str) -> Any:
    for key, index, attribute in _STEP.findall(path):
        data = data[int(index)] if index else data[key or attribute]
    return data


def capture_manifest(capture: dict[str, Any]) -> Manifest:
    """A driftwatch Manifest from a corpus capture (initialize + list results as sent)."""
    results = capture.get("results", {})

    def listed(method: str, field: str) -> list[Any]:
        pages = results.get(method) or []
        return [item for page in pages for item in (page or {}).get(field, [])]

    init = capture.get("initialize") or {}
    return Manifest.build(
        server={"serverInfo": init.get("serverInfo", {}), "capabilities": init.get("capabilities", {})},
        instructions=init.get("instructions"),
        tools=listed("tools/list", "tools"),
        prompts=listed("prompts/list", "prompts"),
        resources=listed("resources/list", "resources"),
        resource_templates=listed("resources/templates/list", "resourceTemplates"),
    )


def load(corpus: Path, relative: str) -> Any:
    return json.loads((corpus / relative).read_text(encoding="utf-8"))


def as_manifest(data: Any) -> Manifest:
    return (
        capture_manifest(data) if isinstance(data, dict) and "results" in data else manifest_from_json(data)
    )


def target_of(item: dict[str, Any], data: Any) -> tuple[str, str] | None:
    """(kind, name) of the item the label is about, or None for a whole manifest."""
    if item["kind"] == "server-instructions":
        return ("server", "*")
    path = item.get("manifest_path")
    if path and isinstance(data, dict) and "results" in data:
        obj = navigate(data, path)
        list_field = re.findall(r"\.(tools|prompts|resources|resourceTemplates)\[", path)[-1]
        kind = KIND_OF_LIST[list_field]
        return kind, obj.get("uriTemplate") or obj.get("uri") or obj.get("name") if kind != "tool" else obj[
            "name"
        ]
    label_kind = {"tool": "tool", "schema-field": "tool", "prompt": "prompt", "resource": "resource"}
    kind = label_kind.get(item["kind"], "")
    if kind == "resource":
        return (
            "resource",
            "*",
        )  # keyed by URI, which the label does not give; the file holds the one resource
    if kind and item.get("tool_name"):
        return (kind, item["tool_name"])
    return None


def relevant(findings: list[Finding], target: tuple[str, str] | None) -> list[Finding]:
    if target is None:
        return findings
    kind, name = target
    return [f for f in findings if f.kind == kind and (name == "*" or f.name == name)]


def evaluate(corpus: Path, item: dict[str, Any]) -> list[Finding]:
    manifest_ref = item["manifest"]
    if isinstance(manifest_ref, list) or item["kind"] == "manifest-pair":
        if isinstance(manifest_ref, list):
            before, after = (as_manifest(load(corpus, m)) for m in manifest_ref)
        else:
            pair = load(corpus, manifest_ref)
            before, after = as_manifest(pair["before"]), as_manifest(pair["after"])
        old = {(i.kind, i.key): i.hash for i in before.items()}
        changed = {(i.kind, i.key) for i in after.items() if old.get((i.kind, i.key)) != i.hash}
        server_changed = before.header() != after.header()
        return [
            f for f in detect(after) if (f.kind, f.name) in changed or (f.kind == "server" and server_changed)
        ]
    data = load(corpus, manifest_ref)
    return relevant(detect(as_manifest(data)), target_of(item, data))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--sets", nargs="*", default=list(MEASURED_SETS), help="bench/corpus/<name> sets")
    parser.add_argument(
        "--blind",
        type=Path,
        default=None,
        help="a blind set (a new bench/corpus/<name>): pass it only to measure it, once",
    )
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument(
        "--semantic",
        nargs="?",
        choices=("auto", "on", "off"),
        default="off",
        const="on",
        help="read with the semantic layer: on, auto (where installed, as the daemon), off (default)",
    )
    parser.add_argument("--throughput-only", action="store_true", help="only the two throughput lines")
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    if args.throughput_only:
        semantic_switch.choose("off")
        throughput(args.corpus)
        return
    layer = semantic_switch.choose(args.semantic)
    print(f"semantic layer: {'on' if layer else 'off'} (--semantic {args.semantic})")
    development(args.corpus, args.worst, layer=bool(layer))
    semantic_switch.choose("off")  # `check`'s throughput (the module's docstring)
    throughput(args.corpus)
    semantic_switch.choose(args.semantic)
    for name in args.sets:
        held_out(f"{name} set", ROOT / "bench" / "corpus" / name, args.worst)
    if args.blind is not None:
        held_out(f"blind set {args.blind.name}", args.blind, args.worst)
    if layer:
        semantic_cost()


def development(corpus: Path, worst: int, *, layer: bool) -> None:
    """The development split: recall on core poisoned items, FPR on benign ones (hard negatives
    among them, by technique), the rules' own counts beside the layer's, the worst of each side."""
    items = [json.loads(line) for line in (corpus / "corpus.jsonl").read_text().splitlines() if line.strip()]
    per_technique: dict[str, list[bool]] = defaultdict(list)
    false_positives, misses, peripheral = [], [], []
    rules_alone: dict[str, list[bool]] = defaultdict(list)
    for item in items:
        findings = evaluate(corpus, item)
        flagged = [f for f in findings if f.severity >= Severity.MEDIUM]
        if item["label"] == "benign" or item.get("scope") == "core":
            rules_alone[item["label"]].append(any(f.rule != SEMANTIC_RULE for f in flagged))
        if item["label"] == "poisoned":
            if item.get("scope") == "core":
                per_technique[item["technique"]].append(bool(flagged))
                if not flagged:
                    misses.append((item, findings))
            else:
                peripheral.append(bool(flagged))
        else:
            per_technique["benign:" + item["technique"]].append(bool(flagged))
            if flagged:
                false_positives.append((item, flagged))
    _print_development(per_technique, rules_alone if layer else None, peripheral)
    print(f"\nfalse positives ({len(false_positives)}):")
    for item, flagged in false_positives[:worst]:
        top = max(flagged, key=lambda f: f.severity)
        print(f"  {item['id']}: {top.rule} {top.severity} {top.field}: {top.evidence[:120]!r}")
    print(f"\nmisses ({len(misses)}):")
    for item, findings in misses[:worst]:
        print(
            f"  {item['id']} [{item['technique']}]: {[(f.rule, str(f.severity)) for f in findings]} "
            f"{str(item.get('text'))[:100]!r}"
        )


def _print_development(
    per_technique: dict[str, list[bool]], rules_alone: dict[str, list[bool]] | None, peripheral: list[bool]
) -> None:
    core = [v for t, vs in per_technique.items() if not t.startswith("benign:") for v in vs]
    benign = [v for t, vs in per_technique.items() if t.startswith("benign:") for v in vs]
    tp, fp = sum(core), sum(benign)
    precision = tp / (tp + fp) if tp + fp else 0.0
    print(f"core poisoned items: {len(core)}   benign items: {len(benign)}   peripheral: {len(peripheral)}")
    print(f"recall    {tp / len(core):.3f}  ({tp}/{len(core)})")
    print(f"FPR       {fp / len(benign):.4f}  ({fp}/{len(benign)})")
    print(f"precision {precision:.3f}")
    if rules_alone is not None:
        caught, false = sum(rules_alone["poisoned"]), sum(rules_alone["benign"])
        print(f"rules alone: recall {caught}/{len(core)}, FPR {false}/{len(benign)}")
    print(f"peripheral flagged (reported apart, not in recall): {sum(peripheral)}/{len(peripheral)}")
    print("\nper technique (flagged/total):")
    for technique, values in sorted(per_technique.items()):
        print(f"  {technique:45s} {sum(values):3d}/{len(values):<3d}")


def semantic_cost() -> None:
    """What the semantic layer's worker cost over the run: chunks embedded, its CPU and peak RSS."""
    from driftwatch.detect import semantic

    layer = semantic.active()
    worker = layer.worker if layer is not None else None
    if layer is None or worker is None:
        return
    with open(f"/proc/{worker.process.pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    with open(f"/proc/{worker.process.pid}/status") as status:
        peak = next((line.split()[1] for line in status if line.startswith("VmHWM")), "?")
    print(
        f"\nsemantic layer: {layer.embedded:,} chunks embedded, worker CPU {cpu:.1f} s "
        f"({1000 * cpu / max(layer.embedded, 1):.1f} ms per chunk), worker peak RSS {peak} kB"
        + (f"; degraded: {layer.degraded}" if layer.degraded else "")
    )


def throughput_tools(corpus: Path) -> list[dict[str, Any]]:
    """The 10,000 tools the throughput lines time: the benign servers' real tools, repeated under
    names of their own (bench/findings_snapshot.py and bench/profile_detect.py read the same)."""
    tools = []
    for capture in sorted((corpus / "benign" / "servers").glob("*.json")):
        tools += [item.body for item in capture_manifest(json.loads(capture.read_text())).tools]
    return [dict(t, name=f"{t['name']}_{i}") for i, t in enumerate(tools * (10_000 // len(tools) + 1))][
        :10_000
    ]


def distinct_tools(tools: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`tools` with every string of 20+ characters made distinct: no repeated text to reuse."""
    return [_distinct(t, i) for i, t in enumerate(tools)]


def throughput(corpus: Path) -> None:
    tools = throughput_tools(corpus)
    manifest = Manifest.build(tools=tools)
    found, elapsed, cpu = _timed(manifest)
    text = sum(len(json.dumps(t)) for t in tools) / 1e6
    print(
        f"\nthroughput: detect on 10,000 real tools ({text:.1f} MB of JSON) in {elapsed:.2f} s on one core "
        f"({10_000 / elapsed:,.0f} tools/s; {cpu:.2f} s of CPU), {len(found)} findings; load {_load()}"
    )
    unique = Manifest.build(tools=distinct_tools(tools))
    found, elapsed, cpu = _timed(unique)
    print(
        f"throughput, every long string distinct: {elapsed:.2f} s ({10_000 / elapsed:,.0f} tools/s; "
        f"{cpu:.2f} s of CPU); load {_load()}"
    )


def _load() -> str:
    """The 1-minute load average: beside a timing on a shared machine, how much it is to be trusted."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def _timed(manifest: Manifest) -> tuple[list[Finding], float, float]:
    """detect's findings on `manifest`, its wall time and its CPU time; a warning when its time
    budget (detect/limits.py) stopped the reading, which makes the figure no throughput."""
    started, cpu = time.perf_counter(), time.process_time()
    found = detect(manifest)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if cut := sum(f.rule == "oversized-text" and f.severity >= Severity.MEDIUM for f in found):
        print(f"  (warning: {cut} strings left unread by detect's time budget: the machine is too loaded)")
    return found, elapsed, cpu


def _distinct(value: Any, index: int) -> Any:
    if isinstance(value, str):
        return value if len(value) < 20 else f"{value} #{index}"
    if isinstance(value, dict):
        return {k: _distinct(v, index) for k, v in value.items()}
    if isinstance(value, list):
        return [_distinct(v, index) for v in value]
    return value


# The held-out sets: items, each a whole manifest with one target -----------------------------------

RECALL_TARGET = 0.90
"""Recall wanted over all poisoned items of a held-out set."""
RECALL_FLOOR = 0.80
"""Recall wanted in every poisoned family and every language."""
FPR_TARGET = 0.05
"""Highest acceptable false positive rate on the `security-devops` benign family."""


SEMANTIC_RULE = "semantic-order"
"""The semantic layer's rule: a run with the layer tells the rules' figures apart by it."""


@dataclass(frozen=True)
class Outcome:
    """One held-out item and the findings of severity medium or above on its target."""

    item: dict[str, Any]
    flagged: list[Finding]

    @property
    def hit(self) -> bool:
        return bool(self.flagged)

    @property
    def rules_hit(self) -> bool:
        """Whether a finding of the rules (not the semantic layer's) is among them."""
        return any(f.rule != SEMANTIC_RULE for f in self.flagged)


def rules_line(outcomes: list[Outcome]) -> str:
    """ ", rules alone N" when the semantic layer flagged any of `outcomes` (else "")."""
    layer = sum(o.hit and not o.rules_hit for o in outcomes)
    return f"; rules alone {sum(o.rules_hit for o in outcomes)}, the layer adds {layer}" if layer else ""


def second_manifest(item: dict[str, Any]) -> Manifest:
    """The Manifest of a held-out line (no server header: the items carry everything)."""
    data = item["manifest"]
    return Manifest.build(
        server={},
        instructions=data.get("instructions"),
        tools=data.get("tools") or [],
        prompts=data.get("prompts") or [],
        resources=data.get("resources") or [],
        resource_templates=[],
    )


def target_names(item: dict[str, Any]) -> set[str]:
    """The names a finding on the target can carry: resources are keyed by URI, labelled by name."""
    name: str = item["target"]["name"]
    if item["target"]["kind"] != "resource":
        return {name}
    uris = {
        r.get("uri", "")
        for r in item["manifest"].get("resources") or []
        if name in (r.get("name"), r.get("uri"))
    }
    return {name} | uris


def judge(item: dict[str, Any]) -> Outcome:
    kind = item["target"]["kind"]
    names = target_names(item)
    flagged = [
        f
        for f in detect(second_manifest(item))
        if f.severity >= Severity.MEDIUM and f.kind == kind and (kind == "server" or f.name in names)
    ]
    return Outcome(item, flagged)


def read_held_out(directory: Path) -> list[dict[str, Any]]:
    """Every labelled line of a held-out set's *.jsonl files (poisoned.jsonl, benign.jsonl, ...)."""
    return [
        json.loads(line)
        for path in sorted(directory.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def rate(outcomes: list[Outcome]) -> float:
    return sum(o.hit for o in outcomes) / len(outcomes) if outcomes else 0.0


def groups(outcomes: list[Outcome], field: str) -> dict[str, list[Outcome]]:
    grouped: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        grouped[str(outcome.item.get(field, "?"))].append(outcome)
    return dict(sorted(grouped.items()))


def print_rates(title: str, outcomes: list[Outcome], field: str) -> None:
    print(f"  per {title}:")
    for key, members in groups(outcomes, field).items():
        print(f"    {key:30s} {sum(o.hit for o in members):3d}/{len(members):<3d} {rate(members):.3f}")


def report_poisoned(name: str, outcomes: list[Outcome], worst: int) -> None:
    hits = sum(o.hit for o in outcomes)
    print(f"\n{name}, poisoned: recall {rate(outcomes):.3f} ({hits}/{len(outcomes)}{rules_line(outcomes)})")
    for title, field in (("family", "family"), ("language", "language"), ("slot", "slot")):
        print_rates(title, outcomes, field)
    missed = [o.item for o in outcomes if not o.hit]
    print(f"  missed ({len(missed)}):")
    for item in missed[:worst]:
        target = item["target"]
        print(f"    {item['id']} [{item.get('family')}/{item.get('slot')}] {target['kind']}:{target['name']}")


def report_benign(name: str, outcomes: list[Outcome], worst: int) -> None:
    hits = sum(o.hit for o in outcomes)
    print(f"\n{name}, benign: FPR {rate(outcomes):.4f} ({hits}/{len(outcomes)}{rules_line(outcomes)})")
    for title, field in (("family", "family"), ("language", "language")):
        print_rates(title, outcomes, field)
    flagged = [o for o in outcomes if o.hit]
    print(f"  falsely flagged ({len(flagged)}):")
    for outcome in flagged[:worst]:
        f = max(outcome.flagged, key=lambda f: f.severity)
        print(f"    {outcome.item['id']}: {f.rule} {f.severity} {f.field}: {f.evidence[:100]!r}")


def verdict(poisoned: list[Outcome], benign: list[Outcome]) -> tuple[bool, list[str]]:
    """Whether a held-out set meets the targets, and each target it misses."""
    failures: list[str] = []
    if not poisoned:
        failures.append("no poisoned items")
    elif rate(poisoned) < RECALL_TARGET:
        failures.append(f"recall {rate(poisoned):.3f} < {RECALL_TARGET}")
    for field in ("family", "language"):
        for key, members in groups(poisoned, field).items():
            if rate(members) < RECALL_FLOOR:
                failures.append(f"recall {field} {key} {rate(members):.3f} < {RECALL_FLOOR}")
    devops = groups(benign, "family").get("security-devops", [])
    if not devops:
        failures.append("no security-devops benign items")
    elif rate(devops) > FPR_TARGET:
        failures.append(f"FPR security-devops {rate(devops):.3f} > {FPR_TARGET}")
    return not failures, failures


def held_out(name: str, directory: Path, worst: int) -> None:
    """Report a held-out set (its *.jsonl files), if there is one."""
    items = read_held_out(directory)
    if not items:
        print(f"\n{name}: none at {directory}")
        return
    poisoned = [judge(item) for item in items if item["label"] == "poisoned"]
    benign = [judge(item) for item in items if item["label"] == "benign"]
    if poisoned:
        report_poisoned(name, poisoned, worst)
    if benign:
        report_benign(name, benign, worst)
    passed, failures = verdict(poisoned, benign)
    print(f"\n{name}: {'PASS' if passed else 'FAIL'}" + ("" if passed else ": " + "; ".join(failures)))


if __name__ == "__main__":
    main()
