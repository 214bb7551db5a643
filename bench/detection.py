"""Detector quality and speed on the labeled development corpus (../shared/corpus, or --corpus DIR).

    .venv/bin/python bench/detection.py [--corpus DIR] [--worst 10]

An item counts as flagged when its own tool/prompt/resource (or, for server instructions, the
server block) has a finding of severity `medium` or above; the rest of its manifest is context
(the other tool names, for cross-tool shadowing). Manifest pairs (rug pulls, real version drift)
count as flagged when the *after* manifest has such a finding on an item the pair changed.
Recall counts `scope: core` poisoned items; `peripheral` ones are reported apart; the false
positive rate is over benign items. Throughput: `detect` over 10,000 real tools on one core.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--worst", type=int, default=10)
    args = parser.parse_args()
    items = [
        json.loads(line) for line in (args.corpus / "corpus.jsonl").read_text().splitlines() if line.strip()
    ]

    per_technique: dict[str, list[bool]] = defaultdict(list)
    false_positives, misses, peripheral = [], [], []
    for item in items:
        findings = evaluate(args.corpus, item)
        flagged = [f for f in findings if f.severity >= Severity.MEDIUM]
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

    core = [v for t, vs in per_technique.items() if not t.startswith("benign:") for v in vs]
    benign = [v for t, vs in per_technique.items() if t.startswith("benign:") for v in vs]
    tp, fp = sum(core), sum(benign)
    precision = tp / (tp + fp) if tp + fp else 0.0
    print(f"core poisoned items: {len(core)}   benign items: {len(benign)}   peripheral: {len(peripheral)}")
    print(f"recall    {tp / len(core):.3f}  ({tp}/{len(core)})")
    print(f"FPR       {fp / len(benign):.4f}  ({fp}/{len(benign)})")
    print(f"precision {precision:.3f}")
    print(f"peripheral flagged (reported apart, not in recall): {sum(peripheral)}/{len(peripheral)}")
    print("\nper technique (flagged/total):")
    for technique, values in sorted(per_technique.items()):
        print(f"  {technique:45s} {sum(values):3d}/{len(values):<3d}")
    print(f"\nfalse positives ({len(false_positives)}):")
    for item, flagged in false_positives[: args.worst]:
        worst = max(flagged, key=lambda f: f.severity)
        print(f"  {item['id']}: {worst.rule} {worst.severity} {worst.field}: {worst.evidence[:120]!r}")
    print(f"\nmisses ({len(misses)}):")
    for item, findings in misses[: args.worst]:
        print(
            f"  {item['id']} [{item['technique']}]: {[(f.rule, str(f.severity)) for f in findings]} "
            f"{str(item.get('text'))[:100]!r}"
        )
    throughput(args.corpus)


def throughput(corpus: Path) -> None:
    tools = []
    for capture in sorted((corpus / "benign" / "servers").glob("*.json")):
        tools += [item.body for item in capture_manifest(json.loads(capture.read_text())).tools]
    tools = [dict(t, name=f"{t['name']}_{i}") for i, t in enumerate(tools * (10_000 // len(tools) + 1))][
        :10_000
    ]
    manifest = Manifest.build(tools=tools)
    started = time.perf_counter()
    found = detect(manifest)
    elapsed = time.perf_counter() - started
    text = sum(len(json.dumps(t)) for t in tools) / 1e6
    print(
        f"\nthroughput: detect on 10,000 real tools ({text:.1f} MB of JSON) in {elapsed:.2f} s on one core "
        f"({10_000 / elapsed:,.0f} tools/s), {len(found)} findings"
    )
    # The same tools with every string of 20+ characters made distinct: no repeated text to reuse.
    unique = Manifest.build(tools=[_distinct(t, i) for i, t in enumerate(tools)])
    started = time.perf_counter()
    detect(unique)
    elapsed = time.perf_counter() - started
    print(f"throughput, every long string distinct: {elapsed:.2f} s ({10_000 / elapsed:,.0f} tools/s)")


def _distinct(value: Any, index: int) -> Any:
    if isinstance(value, str):
        return value if len(value) < 20 else f"{value} #{index}"
    if isinstance(value, dict):
        return {k: _distinct(v, index) for k, v in value.items()}
    if isinstance(value, list):
        return [_distinct(v, index) for v in value]
    return value


if __name__ == "__main__":
    main()
