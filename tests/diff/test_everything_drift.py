"""Real drift: server-everything 2025.9.25 -> 2026.7.4, captured as sent (see fixtures/README.md).

The expected changes are computed here from the raw lists, independently of the engine: set
algebra on the keys and equality of the items' JSON. The engine must list exactly those.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from driftwatch.diff import Change, diff_manifests
from driftwatch.manifest import Manifest
from driftwatch.model import Severity

FIXTURES = Path(__file__).parent / "fixtures"
OLD, NEW = "server-everything-2025.9.25.json", "server-everything-2026.7.4.json"
LISTS = {  # kind -> (list method, result field, key field)
    "tool": ("tools/list", "tools", "name"),
    "prompt": ("prompts/list", "prompts", "name"),
    "resource": ("resources/list", "resources", "uri"),
    "resourceTemplate": ("resources/templates/list", "resourceTemplates", "uriTemplate"),
}


@cache
def capture(file: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / file).read_text(encoding="utf-8"))
    return data


def raw_items(file: str, kind: str) -> dict[str, dict[str, Any]]:
    """Every page of one list result, keyed: what the server sent, untouched by driftwatch."""
    method, field, key = LISTS[kind]
    return {item[key]: item for page in capture(file)["results"][method] for item in page[field]}


def as_manifest(file: str) -> Manifest:
    initialize = capture(file)["initialize"]
    return Manifest.build(
        server={"serverInfo": initialize["serverInfo"], "capabilities": initialize["capabilities"]},
        instructions=initialize.get("instructions"),
        tools=list(raw_items(file, "tool").values()),
        prompts=list(raw_items(file, "prompt").values()),
        resources=list(raw_items(file, "resource").values()),
        resource_templates=list(raw_items(file, "resourceTemplate").values()),
    )


@pytest.fixture(scope="module")
def changes() -> list[Change]:
    return diff_manifests(as_manifest(OLD), as_manifest(NEW))


def renames(old: dict[str, Any], new: dict[str, Any]) -> set[tuple[str, str]]:
    """Removed and added tools that are equal but for the name (none expected here; computed anyway)."""
    removed, added = old.keys() - new.keys(), new.keys() - old.keys()
    return {(r, a) for r in removed for a in added if _unnamed(old[r]) == _unnamed(new[a])}


def _unnamed(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "name"}


@pytest.mark.parametrize("kind", list(LISTS))
def test_exactly_the_added_removed_and_changed_items(changes: list[Change], kind: str) -> None:
    old, new = raw_items(OLD, kind), raw_items(NEW, kind)
    renamed = renames(old, new) if kind == "tool" else set()
    expected_added = new.keys() - old.keys() - {a for _, a in renamed}
    expected_removed = old.keys() - new.keys() - {r for r, _ in renamed}
    expected_changed = {k for k in old.keys() & new.keys() if old[k] != new[k]}

    mine = [c for c in changes if c.kind == kind]
    assert {c.name for c in mine if c.change == "added"} == expected_added
    assert {c.name for c in mine if c.change == "removed"} == expected_removed
    assert {c.name for c in mine if c.change == "changed"} == expected_changed
    assert {(c.before, c.after) for c in mine if c.change == "renamed"} == renamed
    for change in mine:
        if change.change in ("added", "removed"):
            assert change.path is None
            assert change.after == new.get(change.name) and change.before == old.get(change.name)


def test_the_drift_is_real(changes: list[Change]) -> None:
    """Guards the fixtures: a rewrite with tools on both sides that did change."""
    kinds = {(c.kind, c.change) for c in changes}
    assert {("tool", "added"), ("tool", "removed"), ("tool", "changed")} <= kinds


def test_changed_descriptions_carry_before_and_after(changes: list[Change]) -> None:
    old, new = raw_items(OLD, "tool"), raw_items(NEW, "tool")
    expected = {
        name: (old[name].get("description"), new[name].get("description"))
        for name in old.keys() & new.keys()
        if old[name].get("description") != new[name].get("description")
    }
    assert expected, "the fixtures should hold at least one changed tool description"
    found = {
        c.name: (c.before, c.after)
        for c in changes
        if c.kind == "tool" and c.change == "changed" and c.path == "description"
    }
    assert found == expected


def test_changed_tools_are_explained_leaf_by_leaf(changes: list[Change]) -> None:
    """Every top-level field that differs in a changed tool is covered by a change under it."""
    old, new = raw_items(OLD, "tool"), raw_items(NEW, "tool")
    for name in old.keys() & new.keys():
        differing = {k for k in old[name].keys() | new[name].keys() if old[name].get(k) != new[name].get(k)}
        paths = {c.path for c in changes if c.kind == "tool" and c.name == name}
        covered = {p.split(".")[0].split("[")[0] for p in paths if p}
        assert covered == differing, name


def test_version_bump_means_no_silent_change(changes: list[Change]) -> None:
    version = next(c for c in changes if c.path == "serverInfo.version")
    assert (version.before, version.after, version.severity) == ("1.0.0", "2.0.0", Severity.INFO)
    assert not any("silent-change" in c.rules for c in changes)
    instructions = next(c for c in changes if c.path == "instructions")
    assert instructions.before == capture(OLD)["initialize"]["instructions"]
    assert instructions.after == capture(NEW)["initialize"]["instructions"]
