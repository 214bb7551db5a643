"""A list result's page dumped whole gives each item as dumping it alone did: the manifest's bytes
(and so every stored hash) do not depend on how the collector serializes a page."""

from __future__ import annotations

import mcp_types as types

from driftwatch.collect.client import _wire, _wire_items
from driftwatch.model import JSONObject

TOOLS = {
    "tools": [
        {
            "name": "send_email",
            "title": None,
            "description": "Send an email.",
            "inputSchema": {"type": "object", "properties": {"to": {"type": "string"}}, "x-extra": [1, None]},
            "annotations": {"readOnlyHint": False, "destructiveHint": None},
            "icons": [{"src": "https://example.com/i.png", "mimeType": "image/png"}],
            "_meta": {"vendor/key": {"nested": True}},
            "unknownField": "kept as the server sent it",
        },
        {"name": "plain", "inputSchema": {"type": "object"}},
    ],
    "nextCursor": "abc",
}


def test_a_tools_page_dumped_whole_gives_each_tool_as_dumped_alone() -> None:
    page = types.ListToolsResult.model_validate(TOOLS)
    assert _wire_items(page, "tools") == [_wire(tool) for tool in page.tools]


def test_every_list_kind_dumped_whole_gives_each_item_as_dumped_alone() -> None:
    pages: list[
        tuple[
            type[types.ListPromptsResult | types.ListResourcesResult | types.ListResourceTemplatesResult],
            str,
            JSONObject,
        ]
    ] = [
        (types.ListPromptsResult, "prompts", {"name": "p", "arguments": [{"name": "a", "required": None}]}),
        (types.ListResourcesResult, "resources", {"name": "r", "uri": "file:///x y", "size": 3}),
        (types.ListResourceTemplatesResult, "resourceTemplates", {"name": "t", "uriTemplate": "x://{id}"}),
    ]
    for model, field, item in pages:
        page = model.model_validate({field: [item, {**item, "description": "second"}]})
        items = getattr(page, "resource_templates" if field == "resourceTemplates" else field)
        assert _wire_items(page, field) == [_wire(each) for each in items]
        assert _wire_items(page, field)[1]["description"] == "second"


def test_an_empty_page_has_no_items() -> None:
    assert _wire_items(types.ListToolsResult(tools=[]), "tools") == []
