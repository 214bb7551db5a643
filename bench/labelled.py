"""The labelled items both learned readers learn from (bench/train_ideas.py, bench/semantic_probe.py).

One walk of the development corpus, the real server captures and the held-out sets, so that the
ideas model and the embedding probe are trained and measured on the same items, and a change to
what counts as an item (a scope, a target, a capture) is made once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detection import as_manifest, capture_manifest, load, read_held_out, target_of

from driftwatch.manifest import Manifest


@dataclass(frozen=True)
class Labelled:
    """One item (a tool, prompt, resource or the server block) as the bodies a reader reads."""

    bodies: tuple[Any, ...]
    poisoned: bool
    group: str
    """`real`, `hard` or `benign`: where a false positive counts."""
    source: str
    """Who wrote it: `dev` (the development corpus), `real` (server captures) or a set's name."""
    item: str | None = None
    """The held-out line it comes from."""
    aimed: bool = False
    """Whether it is the target of its held-out line (what bench/detection.py judges)."""


def server_body(manifest: Manifest) -> dict[str, Any]:
    """The server block as the detectors read it: its identity and its instructions."""
    return {"serverInfo": manifest.server.get("serverInfo", {}), "instructions": manifest.instructions or ""}


def corpus_items(corpus: Path) -> Iterator[Labelled]:
    """The development corpus's core poisoned, benign and hard-negative items (manifest pairs and
    peripheral items left out), then every distinct item of the real server captures."""
    for line in (corpus / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        poisoned = item["label"] == "poisoned"
        if item["kind"] == "manifest-pair" or (poisoned and item.get("scope") != "core"):
            continue
        data = load(corpus, item["manifest"])
        if (target := target_of(item, data)) is None:
            continue
        manifest = as_manifest(data)
        kind, name = target
        bodies = (
            (server_body(manifest),)
            if kind == "server"
            else tuple(i.body for i in manifest.items() if i.kind == kind and name in ("*", i.key))
        )
        yield Labelled(bodies, poisoned, "hard" if item.get("hard_negative") else "benign", "dev")
    yield from _captures(corpus)


def _captures(corpus: Path) -> Iterator[Labelled]:
    captures = [
        *(corpus / "benign" / "servers").glob("*.json"),
        *(corpus / "drift" / "manifests").glob("*.json"),
    ]
    seen: set[str] = set()
    for capture in sorted(captures):
        manifest = capture_manifest(json.loads(capture.read_text(encoding="utf-8")))
        for body in [i.body for i in manifest.items()] + [server_body(manifest)]:
            key = json.dumps(body, sort_keys=True)  # (the versions of one server repeat most items)
            if key not in seen:
                seen.add(key)
                yield Labelled((body,), False, "real", "real")


def held_out_items(directory: Path) -> Iterator[Labelled]:
    """Every item of every manifest of a held-out set; its target poisoned if the line is."""
    for line in read_held_out(directory):
        data, target, poisoned = line["manifest"], line["target"], line["label"] == "poisoned"
        if target["kind"] == "server":
            instructions = data.get("instructions") or ""
            yield Labelled((instructions,), poisoned, "benign", directory.name, line["id"], True)
        for kind, listed in (("tool", "tools"), ("prompt", "prompts"), ("resource", "resources")):
            for body in data.get(listed) or []:
                aimed = kind == target["kind"] and target["name"] in (body.get("name"), body.get("uri"))
                yield Labelled((body,), aimed and poisoned, "benign", directory.name, line["id"], aimed)
