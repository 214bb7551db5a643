"""The raw diff: items matched by key, one change per changed leaf, server header, order, JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from driftwatch.diff import Change, diff_manifests, overall_severity
from driftwatch.diff.leaves import CONTAINER_LIMIT, leaf_changes
from driftwatch.manifest import Manifest
from driftwatch.model import Category, ChangeKind, ItemKind, Severity
from tests.diff.helpers import manifest, only, params, schema, send_tool, tool_changes, tool_diff

LIST_TOOL: dict[str, Any] = {
    "name": "list_channels",
    "description": "List channels.",
    "inputSchema": {"type": "object"},
}
PROMPT: dict[str, Any] = {
    "name": "draft",
    "description": "Draft a message.",
    "arguments": [{"name": "tone"}, {"name": "to"}],
}
RESOURCE: dict[str, Any] = {"uri": "chat://general", "name": "general"}
TEMPLATE: dict[str, Any] = {"uriTemplate": "chat://{channel}", "name": "channel"}


JSON_KEYS = (
    *("change", "kind", "name", "path", "before", "after"),
    *("category", "breaking", "severity", "rules", "reasons"),
)


def full(**overrides: list[dict[str, Any]]) -> Manifest:
    """Every kind of item; `overrides` replaces one list (`tools=[]`, `prompts=[]`, …)."""
    lists = {
        "tools": [send_tool(), LIST_TOOL],
        "prompts": [PROMPT],
        "resources": [RESOURCE],
        "resource_templates": [TEMPLATE],
    } | overrides
    return manifest(
        lists["tools"],
        prompts=lists["prompts"],
        resources=lists["resources"],
        resource_templates=lists["resource_templates"],
    )


def test_identical_manifests_have_no_changes() -> None:
    assert diff_manifests(full(), full()) == []


def test_reordered_items_keys_and_sets_have_no_changes() -> None:
    tool = send_tool()
    reordered = dict(reversed(list(tool.items())))
    reordered["inputSchema"] = dict(reversed(list(tool["inputSchema"].items())))
    schema(reordered)["properties"] = dict(reversed(list(params(tool).items())))
    params(reordered)["mode"] = {"enum": ["slow", "fast", "safe"], "type": "string"}
    schema(reordered)["required"] = ["message"]
    prompt = PROMPT | {"arguments": [{"name": "to"}, {"name": "tone"}]}
    after = full(tools=[LIST_TOOL, reordered], prompts=[prompt])
    assert diff_manifests(full(), after) == []


@pytest.mark.parametrize(
    ("field", "item", "kind", "name", "added_severity"),
    [
        ("tools", LIST_TOOL, "tool", "list_channels", Severity.MEDIUM),
        ("prompts", PROMPT, "prompt", "draft", Severity.LOW),
        ("resources", RESOURCE, "resource", "chat://general", Severity.LOW),
        ("resource_templates", TEMPLATE, "resourceTemplate", "chat://{channel}", Severity.LOW),
    ],
)
def test_added_and_removed_items_are_one_change_without_path(
    field: str, item: dict[str, Any], kind: str, name: str, added_severity: Severity
) -> None:
    without = full(**{field: [send_tool()] if field == "tools" else []})
    added = diff_manifests(without, full())
    assert added == [
        Change(
            ChangeKind.ADDED, ItemKind(kind), name, None, None, item, Category.METADATA, False, added_severity
        ),
    ]
    removed = diff_manifests(full(), without)
    assert removed == [
        Change(
            ChangeKind.REMOVED, ItemKind(kind), name, None, item, None, Category.METADATA, True, Severity.LOW
        )
    ]


def test_changed_item_gives_one_change_per_leaf_path() -> None:
    def edit(tool: dict[str, Any]) -> None:
        tool["description"] = "Send a message anywhere."
        params(tool)["message"]["description"] = "The text."
        params(tool)["count"]["maximum"] = 20
        tool["_meta"] = {"owner": "chat-team"}

    changes = tool_changes(tool_diff(edit, bump=True))
    assert [(c.path, c.before, c.after, c.category) for c in changes] == [
        ("_meta", None, {"owner": "chat-team"}, "metadata"),
        ("description", "Send a message to a channel.", "Send a message anywhere.", "description"),
        ("inputSchema.properties.count.maximum", 10, 20, "schema"),
        ("inputSchema.properties.message.description", "Message text.", "The text.", "description"),
    ]
    assert {(c.change, c.kind, c.name) for c in changes} == {("changed", "tool", "send_message")}


def test_enum_changes_are_values_added_and_removed_not_index_shifts() -> None:
    def edit(tool: dict[str, Any]) -> None:
        params(tool)["mode"]["enum"] = ["batch", "fast", "slow", "urgent"]  # safe out, two in

    changes = tool_changes(tool_diff(edit, bump=True))
    assert [(c.path, c.before, c.after) for c in changes] == [
        ("inputSchema.properties.mode.enum[0]", None, "batch"),
        ("inputSchema.properties.mode.enum[1]", "safe", None),
        ("inputSchema.properties.mode.enum[3]", None, "urgent"),
    ]


def test_inserting_one_enum_value_in_front_is_one_change() -> None:
    changes = tool_diff(lambda t: params(t)["mode"].update(enum=["asap", "fast", "safe", "slow"]), bump=True)
    assert [(c.path, c.before, c.after) for c in tool_changes(changes)] == [
        ("inputSchema.properties.mode.enum[0]", None, "asap")
    ]


def test_server_metadata_and_instructions_changes() -> None:
    before = manifest()
    after = Manifest.build(
        server={
            "serverInfo": {"name": "messenger", "version": "1.1.0", "title": "Messenger"},
            "capabilities": {"tools": {"listChanged": True}},
        },
        instructions="Use these tools to send messages to channels.",
        tools=[send_tool()],
    )
    changes = diff_manifests(before, after)
    assert [(c.kind, c.name, c.path, c.category, c.severity) for c in changes] == [
        ("server", "", "capabilities.tools.listChanged", "metadata", Severity.LOW),
        ("server", "", "instructions", "instructions", Severity.LOW),  # a rewording introduces nothing
        ("server", "", "serverInfo.title", "metadata", Severity.LOW),
        ("server", "", "serverInfo.version", "metadata", Severity.INFO),
    ]
    assert only(changes, path="serverInfo.version").before == "1.0.0"
    assert not any(c.breaking for c in changes)


def test_annotations_category() -> None:
    change = only(tool_diff(lambda t: t["annotations"].update(title="Sender"), bump=True), kind="tool")
    assert (change.path, change.category, change.severity) == (
        "annotations.title",
        "annotations",
        Severity.LOW,
    )


def test_a_parameter_named_description_is_schema_not_text() -> None:
    changes = tool_diff(lambda t: params(t).update(description={"type": "integer"}), bump=True)
    assert only(changes, kind="tool").category == "schema"


def test_rename_alone_is_one_renamed_change_at_least_medium() -> None:
    changes = tool_diff(lambda t: t.update(name="post_message"), bump=True)
    rename = only(changes, kind="tool")
    assert (rename.change, rename.name, rename.path) == ("renamed", "post_message", None)
    assert (rename.before, rename.after) == ("send_message", "post_message")
    assert rename.breaking
    assert rename.severity >= Severity.MEDIUM
    assert rename.rules == ("renamed-tool",)


def test_rename_with_another_edit_is_removed_and_added() -> None:
    changes = tool_diff(lambda t: t.update(name="post_message", description="Post it."), bump=True)
    assert [(c.change, c.name) for c in tool_changes(changes)] == [
        ("added", "post_message"),
        ("removed", "send_message"),
    ]


def test_order_is_kind_then_name_then_path() -> None:
    after = manifest(
        [send_tool() | {"description": "Changed."}],
        version="2.0.0",
        prompts=[],
        resources=[{"uri": "chat://a", "name": "a"}, RESOURCE],
        resource_templates=[TEMPLATE],
    )
    changes = diff_manifests(full(), after)
    assert [(c.kind, c.name, c.path) for c in changes] == [
        ("server", "", "serverInfo.version"),
        ("tool", "list_channels", None),
        ("tool", "send_message", "description"),
        ("prompt", "draft", None),
        ("resource", "chat://a", None),
    ]
    assert diff_manifests(full(), after) == changes


def test_hostile_text_is_kept_raw_and_json_ready() -> None:
    hostile = "Send.\x1b[8m\U000e0041\u202e hidden"
    change = only(tool_diff(lambda t: t.update(description=hostile), bump=True), path="description")
    data = change.to_json()
    assert tuple(data) == JSON_KEYS
    assert data["after"] == hostile
    assert data["severity"] == "high"  # new hidden characters
    assert json.loads(json.dumps(data)) == data


def test_overall_severity_is_the_max_or_none() -> None:
    assert overall_severity([]) is None
    changes = tool_diff(lambda t: t.update(description="Send it to https://example.com."), bump=True)
    assert [c.severity for c in changes] == [Severity.INFO, Severity.MEDIUM]
    assert overall_severity(changes) is Severity.MEDIUM


def test_a_mass_change_is_one_change_not_thousands() -> None:
    """Past CONTAINER_LIMIT members gained, lost or changed, a list or object is one change."""
    many = CONTAINER_LIMIT + 1
    values = [[f"v{i}" for i in range(many)], [f"w{i}" for i in range(many)]]
    objects = [{f"k{i}": i for i in range(many)}, {f"k{i}": -i - 1 for i in range(many)}]
    for before, after in (values, objects):
        [change] = list(leaf_changes({"x": before}, {"x": after}))
        assert (change.path, change.before, change.after) == (["x"], before, after)
    few = [f"w{i}" for i in range(10)]
    assert len(list(leaf_changes({"x": values[0][:10]}, {"x": few}))) == 20  # listed one by one
