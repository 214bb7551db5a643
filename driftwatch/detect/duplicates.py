"""Duplicate names: two tools, prompts, resources or templates listed under one name.

A client keeps one item per name, and which one it keeps is up to the client: a server that lists
a second `read_file` can shadow the reviewed one with its own. The manifest keeps every listed
item (driftwatch/manifest.py sorts them by name, then hash), so duplicates are found here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from driftwatch.detect.rule import Hit
from driftwatch.manifest import ITEM_KINDS, Manifest


def duplicate_hits(manifest: Manifest) -> Iterator[tuple[str, str, Hit]]:
    """(kind, name, hit) for each name listed more than once within one list."""
    for kind in ITEM_KINDS:
        counts = Counter(item.key for item in manifest.items_of(kind))
        for name, count in counts.items():
            if count > 1:
                yield (
                    kind,
                    name,
                    Hit.of(
                        "duplicate-name",
                        f"{count} {kind}s are listed under this name; a client keeps only one of them",
                        name,
                    ),
                )
