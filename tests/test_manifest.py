"""Hash properties of the canonical manifest form."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from typing import Any

import pytest

from driftwatch.manifest import Manifest, canonical_json, content_hash
from tests.support import default_manifest


def manifest_hash(data: dict[str, Any]) -> str:
    return Manifest.from_json(data).hash


def test_hash_format_and_determinism() -> None:
    digest = manifest_hash(default_manifest())
    assert digest.startswith("sha256:")
    assert len(digest) == 71
    assert manifest_hash(default_manifest()) == digest


@pytest.mark.e2e  # runs in a separate process
def test_hash_is_the_same_in_another_process() -> None:
    data = default_manifest()
    code = (
        "import json,sys; from driftwatch.manifest import Manifest; "
        "print(Manifest.from_json(json.loads(sys.stdin.read())).hash)"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    )
    assert other.stdout.strip() == manifest_hash(data)


def test_reordered_items_and_keys_hash_the_same() -> None:
    data = default_manifest()
    reordered = copy.deepcopy(data)
    reordered["tools"].reverse()
    reordered["tools"][0] = dict(reversed(list(reordered["tools"][0].items())))
    reordered["tools"][1]["inputSchema"] = dict(reversed(list(reordered["tools"][1]["inputSchema"].items())))
    reordered = dict(reversed(list(reordered.items())))
    assert manifest_hash(reordered) == manifest_hash(data)


def _set(data: dict[str, Any], path: list[Any], value: Any) -> None:
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["tools", 0, "description"], "Add a note to the notebook!"),
        (["tools", 0, "title"], "Add a note"),
        (["tools", 0, "inputSchema", "properties", "text", "type"], "number"),
        (["tools", 0, "inputSchema", "required"], []),
        (["tools", 0, "annotations", "destructiveHint"], True),
        (["prompts", 0, "description"], "Summarise the notes."),
        (["prompts", 0, "arguments", 0, "description"], "Tone."),
        (["resources", 0, "name"], "every note"),
        (["resourceTemplates", 0, "uriTemplate"], "notes://{slug}"),
        (["instructions"], "Use these tools to manage notes. Always."),
        (["server", "serverInfo", "version"], "1.0.1"),
    ],
)
def test_any_change_changes_the_hash(path: list[Any], value: Any) -> None:
    data = default_manifest()
    changed = copy.deepcopy(data)
    _set(changed, path, value)
    assert manifest_hash(changed) != manifest_hash(data)


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\ufeff", "\U000e0041", "\u202e", " "])
def test_one_invisible_character_changes_the_hash(char: str) -> None:
    data = default_manifest()
    changed = copy.deepcopy(data)
    changed["tools"][0]["description"] = "Add a note" + char + " to the notebook."
    assert manifest_hash(changed) != manifest_hash(data)
    # and the tool's own hash, so the change is attributed to the right item
    before = {i.key: i.hash for i in Manifest.from_json(data).tools}
    after = {i.key: i.hash for i in Manifest.from_json(changed).tools}
    assert before["add_note"] != after["add_note"]
    assert before["list_notes"] == after["list_notes"]


def test_hostile_values_hash_without_crashing() -> None:
    data = default_manifest()
    data["tools"][0]["inputSchema"]["maximum"] = 2**80  # beyond what strict RFC 8785 encoders accept
    data["tools"][1]["description"] = "lone surrogate \ud800 here"
    assert manifest_hash(data).startswith("sha256:")


def test_duplicate_names_keep_both_items() -> None:
    data = default_manifest()
    twin = copy.deepcopy(data["tools"][0])
    twin["description"] = "a second tool with the same name"
    data["tools"].append(twin)
    manifest = Manifest.from_json(data)
    assert [t.key for t in manifest.tools].count("add_note") == 2


def test_export_round_trip() -> None:
    manifest = Manifest.from_json(default_manifest())
    assert Manifest.from_json(json.loads(json.dumps(manifest.to_json()))).hash == manifest.hash


def test_canonical_json_is_compact_sorted_utf8() -> None:
    assert canonical_json({"b": 1, "a": ["é", 1.5]}) == '{"a":["é",1.5],"b":1}'.encode()
    assert content_hash({"a": 1}) == content_hash({"a": 1})


def test_canonical_json_is_json_dumps_and_refuses_what_it_refused() -> None:
    """The encoder made once writes what `json.dumps` with the same options writes, and refuses a
    cycle (a YAML alias can make one), a float JSON cannot hold and an object as json does."""
    values = [
        default_manifest(),
        {"z": [1, 2**80, -0.0, 1e300, True, None], "": {"ü": "\ud800\u2028\x00"}, "a": "é"},
        "plain",
        [],
    ]
    for value in values:
        expected = json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )
        assert canonical_json(value) == expected.encode("utf-8", "surrogatepass")
    cycle: list[object] = []
    cycle.append(cycle)
    for refused, error in (
        (cycle, ValueError),
        ({"a": float("nan")}, ValueError),
        ({"a": object()}, TypeError),
    ):
        with pytest.raises(error):
            canonical_json(refused)
    assert canonical_json({"x": 1}) == b'{"x":1}'  # a refusal leaves nothing behind
