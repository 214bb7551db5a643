"""Breaking-change classification, oasdiff style: narrowing a request breaks callers, widening does not."""

from __future__ import annotations

from typing import Any

import pytest

from driftwatch.diff import Change, diff_manifests
from driftwatch.model import Severity
from tests.diff.helpers import Edit, manifest, only, params, schema, send_tool, tool_changes, tool_diff

P = "inputSchema.properties"


def _required(tool: dict[str, Any], *names: str) -> None:
    schema(tool)["required"] = ["message", *names]


def _add_required_priority(tool: dict[str, Any]) -> None:
    params(tool)["priority"] = {"type": "integer"}
    _required(tool, "priority")


def _set(name: str, **keywords: Any) -> Edit:
    return lambda tool: params(tool)[name].update(keywords)


def _drop(name: str, keyword: str) -> Edit:
    return lambda tool: params(tool)[name].pop(keyword)


CASES = [
    # (id, edit, path of the change, breaking)
    ("new optional parameter", lambda t: params(t).update(priority={"type": "int"}), f"{P}.priority", False),
    ("new required parameter", _add_required_priority, f"{P}.priority", True),
    ("new required parameter's required entry", _add_required_priority, "inputSchema.required[1]", True),
    ("parameter removed", lambda t: params(t).pop("count"), f"{P}.count", True),
    ("parameter made required", lambda t: _required(t, "count"), "inputSchema.required[1]", True),
    ("parameter made optional", lambda t: schema(t).update(required=[]), "inputSchema.required[0]", False),
    ("type changed string -> integer", _set("message", type="integer"), f"{P}.message.type", True),
    ("type widened integer -> number", _set("count", type="number"), f"{P}.count.type", False),
    ("type widened to a list", _set("message", type=["string", "null"]), f"{P}.message.type", False),
    ("type removed", _drop("message", "type"), f"{P}.message.type", False),
    ("enum value removed", _set("mode", enum=["fast", "slow"]), f"{P}.mode.enum[1]", True),
    ("enum value added", _set("mode", enum=["fast", "safe", "slow", "turbo"]), f"{P}.mode.enum[3]", False),
    ("enum imposed", _set("message", enum=["hi", "bye"]), f"{P}.message.enum", True),
    ("enum lifted", _drop("mode", "enum"), f"{P}.mode.enum", False),
    ("maximum lowered", _set("count", maximum=5), f"{P}.count.maximum", True),
    ("maximum raised", _set("count", maximum=50), f"{P}.count.maximum", False),
    ("minimum raised", _set("count", minimum=2), f"{P}.count.minimum", True),
    ("maxLength imposed", _set("message", maxLength=80), f"{P}.message.maxLength", True),
    ("pattern imposed", _set("message", pattern="^[a-z]+$"), f"{P}.message.pattern", True),
    ("extra properties forbidden", lambda t: schema(t).update(additionalProperties=False),
     "inputSchema.additionalProperties", True),
    ("extra properties allowed", lambda t: schema(t).update(additionalProperties=True),
     "inputSchema.additionalProperties", False),
    ("description edited", _set("message", description="Text."), f"{P}.message.description", False),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "path", "breaking"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_input_schema_breaking_classification(edit: Edit, path: str, breaking: bool) -> None:
    change = only(tool_diff(edit, bump=True), path=path)
    assert change.category in ("schema", "description")
    assert change.breaking is breaking
    if change.category == "schema":
        assert change.severity is (Severity.MEDIUM if breaking else Severity.LOW)


def _param_diff(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Changes when the `message` parameter's schema goes from `before` to `after`."""
    old, new = send_tool(), send_tool()
    params(old)["message"], params(new)["message"] = before, after
    return tool_changes(diff_manifests(manifest([old]), manifest([new], version="2")))


PARAM_CASES = [
    # (id, parameter schema before, after, changed path under the parameter, breaking)
    ("type narrowed number -> integer", {"type": "number"}, {"type": "integer"}, "type", True),
    ("type imposed where any was accepted", {}, {"type": "string"}, "type", True),
    ("null dropped from a type list", {"type": ["string", "null"]}, {"type": ["string"]}, "type[1]", True),
    ("null dropped, list to string", {"type": ["string", "null"]}, {"type": "string"}, "type", True),
    ("pattern dropped", {"type": "string", "pattern": "^a"}, {"type": "string"}, "pattern", False),
    ("anyOf alternative dropped", {"anyOf": [{"type": "string"}, {"type": "integer"}]},
     {"anyOf": [{"type": "string"}]}, "anyOf[1]", True),
    ("anyOf alternative added", {"anyOf": [{"type": "string"}]},
     {"anyOf": [{"type": "string"}, {"type": "integer"}]}, "anyOf[1]", False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("before", "after", "path", "breaking"), [c[1:] for c in PARAM_CASES], ids=[c[0] for c in PARAM_CASES]
)
def test_parameter_schema_breaking_classification(
    before: dict[str, Any], after: dict[str, Any], path: str, breaking: bool
) -> None:
    change = only(_param_diff(before, after))
    assert (change.path, change.breaking) == (f"{P}.message.{path}", breaking)


def test_enum_value_replaced_is_a_breaking_removal_and_a_harmless_addition() -> None:
    changes = _param_diff({"enum": ["a", "b"]}, {"enum": ["a", "c"]})
    assert [(c.path, c.before, c.after, c.breaking) for c in changes] == [
        (f"{P}.message.enum[1]", "b", None, True),
        (f"{P}.message.enum[1]", None, "c", False),
    ]


def test_nested_property_is_required_by_its_own_object() -> None:
    def edit(tool: dict[str, Any]) -> None:
        params(tool)["options"] = {"type": "object", "properties": {"urgent": {"type": "boolean"}}}

    before = send_tool()
    edit(before)
    after = send_tool()
    edit(after)
    nested = params(after)["options"]
    nested["properties"]["silent"] = {"type": "boolean"}
    nested["required"] = ["silent"]
    params(after)["urgent"] = {"type": "boolean"}  # top-level, optional, same name as a nested one
    changes = tool_changes(diff_manifests(manifest([before]), manifest([after], version="2")))
    assert only(changes, path=f"{P}.options.properties.silent").breaking
    assert only(changes, path=f"{P}.options.required").breaking
    assert not only(changes, path=f"{P}.urgent").breaking


def test_output_schema_removed_property_is_breaking_added_is_not() -> None:
    def with_output(*names: str) -> dict[str, Any]:
        properties = {n: {"type": "string"} for n in names}
        return send_tool() | {"outputSchema": {"type": "object", "properties": properties}}

    removed = only(
        diff_manifests(manifest([with_output("id", "ts")]), manifest([with_output("id")])), kind="tool"
    )
    assert (removed.path, removed.breaking) == ("outputSchema.properties.ts", True)
    added = only(
        diff_manifests(manifest([with_output("id")]), manifest([with_output("id", "ts")])), kind="tool"
    )
    assert not added.breaking


def test_prompt_argument_made_required_is_breaking() -> None:
    def prompt(required: bool) -> dict[str, Any]:
        return {"name": "draft", "arguments": [{"name": "tone", "required": required}]}

    before = manifest(prompts=[prompt(False)])
    change = only(diff_manifests(before, manifest(prompts=[prompt(True)])), kind="prompt")
    assert (change.path, change.category, change.breaking) == ("arguments[0].required", "schema", True)
    relaxed = only(diff_manifests(manifest(prompts=[prompt(True)]), before), kind="prompt")
    assert not relaxed.breaking
