"""A canonical digest of every finding the detectors give on every corpus, so that a change meant
only to make them faster can be shown to change no finding.

    .venv/bin/python bench/findings_snapshot.py [--corpus D] [--out FILE] [--adversarial]

It runs `detect` over each manifest of the development corpus (../shared/corpus, or --corpus DIR;
both sides of a pair), over each line of the held-out sets of bench/corpus/ (bench/detection.py
reads the same), and over the two 10,000-tool throughput inputs of bench/detection.py (the real
tools, and the same with every long string distinct). With --adversarial it also runs the hostile
strings of bench/adversarial.py at 16 K and 256 K characters (windows, oversized text). Each
manifest's findings (kind, name, field, rule, severity, message, detail, evidence, evidence hash),
in detect's own order, are hashed; FILE (default: stdout) gets one `item-id sha256` line per
manifest and a last `total` line over them all. Two runs give the same file exactly when no finding changed:
`diff before.txt after.txt` names the manifests that differ. Findings do not depend on the
interpreter's hash seed (detect/learned.py orders its n-grams): two runs under different
PYTHONHASHSEED values give the same file. Nor on the machine's load: detect's time budget
(detect/limits.py TIME_BUDGET, 60 s of wall time per manifest) is lifted here, since on a shared
machine the distinct throughput input can take longer than that, and the strings left unread then
changed its digest from one run to the next.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from detection import (  # (bench/ is this script's directory, so on sys.path)
    MEASURED_SETS,
    ROOT,
    as_manifest,
    distinct_tools,
    load,
    read_held_out,
    second_manifest,
    throughput_tools,
)

from driftwatch.detect import Finding, detect, limits
from driftwatch.manifest import Manifest


def canonical(findings: list[Finding]) -> str:
    """The sha256 of the findings, each as a JSON list of its fields."""
    fields = [
        [f.kind, f.name, f.field, f.rule, int(f.severity), f.message, f.detail, f.evidence, f.evidence_hash]
        for f in findings
    ]
    lines = [json.dumps(each, ensure_ascii=True) for each in fields]
    return hashlib.sha256("\n".join(lines).encode("ascii")).hexdigest()


def development(corpus: Path) -> Iterator[tuple[str, Manifest]]:
    """Every manifest the development corpus's items refer to, both sides of each pair."""
    seen: set[str] = set()
    for line in (corpus / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        refs = item["manifest"] if isinstance(item["manifest"], list) else [item["manifest"]]
        for ref in refs:
            if ref in seen:
                continue
            seen.add(ref)
            data = load(corpus, ref)
            if item["kind"] == "manifest-pair" and not isinstance(item["manifest"], list):
                yield f"dev:{ref}:before", as_manifest(data["before"])
                yield f"dev:{ref}:after", as_manifest(data["after"])
            else:
                yield f"dev:{ref}", as_manifest(data)


def held_out_sets() -> Iterator[tuple[str, Manifest]]:
    for name in MEASURED_SETS:
        for item in read_held_out(ROOT / "bench" / "corpus" / name):
            yield f"{name}:{item['id']}", second_manifest(item)


def throughput_inputs(corpus: Path) -> Iterator[tuple[str, Manifest]]:
    """The two manifests bench/detection.py times (built by the same functions)."""
    tools = throughput_tools(corpus)
    yield "throughput:real", Manifest.build(tools=tools)
    yield "throughput:distinct", Manifest.build(tools=distinct_tools(tools))


def adversarial() -> Iterator[tuple[str, Manifest]]:
    from adversarial import FAMILIES  # (bench/adversarial.py)

    for family, expression in FAMILIES.items():
        for size in (2**14, 2**18):
            text = eval(expression, {"base64": base64, "n": size})  # (our own table of expressions)
            yield f"adversarial:{family}:{size}", Manifest.build(tools=[{"name": "t", "description": text}])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--adversarial", action="store_true")
    args = parser.parse_args()
    limits.TIME_BUDGET = float("inf")  # (read by each Budget as it is made: see the module docstring)
    sources = [development(args.corpus), held_out_sets(), throughput_inputs(args.corpus)]
    if args.adversarial:
        sources.append(adversarial())
    lines = []
    total = hashlib.sha256()
    for source in sources:
        for key, manifest in source:
            digest = canonical(detect(manifest))
            lines.append(f"{key} {digest}")
            total.update(f"{key} {digest}\n".encode())
    lines.append(f"total {total.hexdigest()} ({len(lines)} manifests)")
    text = "\n".join(lines) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(lines[-1])


if __name__ == "__main__":
    main()
