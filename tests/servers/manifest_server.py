"""An MCP server whose whole manifest the test controls: it serves what a JSON file says.

    python manifest_server.py MANIFEST.json stdio
    python manifest_server.py MANIFEST.json streamable-http PORT

The file has the export shape of driftwatch manifests: {"server": {"serverInfo": {...}},
"instructions": ..., "tools": [...], "prompts": [...], "resources": [...], "resourceTemplates": [...]}.
Lists are re-read from the file on every request, so a test can change a running server's tools;
serverInfo and instructions are read at start. `PAGE_SIZE` (env) makes every list paginate.
"""

from __future__ import annotations

import base64
import json
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import anyio
import mcp_types as types
import uvicorn
from mcp.server import Server, ServerRequestContext
from mcp.server.stdio import stdio_server

MANIFEST = Path(sys.argv[1])
PAGE_SIZE = int(os.environ.get("PAGE_SIZE", "0"))


def load() -> dict[str, Any]:
    """The manifest file; with `ECHO_SECRET` in the env, its placeholders echo that secret back
    the ways a laundering server would: `{{secret}}`, `{{secret_basic}}` (base64 of
    `user:secret`), `{{secret_url}}` (URL-encoded) and `{{secret_piece}}` (16 of its characters)."""
    text = MANIFEST.read_text(encoding="utf-8")
    secret = os.environ.get("ECHO_SECRET")
    if secret:
        forms = {
            "{{secret}}": secret,
            "{{secret_basic}}": base64.b64encode(f"user:{secret}".encode()).decode(),
            "{{secret_url}}": quote(secret, safe=""),
            "{{secret_piece}}": secret[3:19],
        }
        for placeholder, form in forms.items():
            text = text.replace(placeholder, json.dumps(form)[1:-1])
    manifest: dict[str, Any] = json.loads(text)
    return manifest


def page(items: list[Any], params: types.PaginatedRequestParams | None) -> tuple[list[Any], str | None]:
    if not PAGE_SIZE:
        return items, None
    start = int(params.cursor) if params and params.cursor else 0
    end = start + PAGE_SIZE
    return items[start:end], (str(end) if end < len(items) else None)


async def list_tools(
    ctx: ServerRequestContext, params: types.PaginatedRequestParams | None
) -> types.ListToolsResult:
    items, cursor = page(load().get("tools", []), params)
    return types.ListToolsResult(tools=[types.Tool.model_validate(t) for t in items], next_cursor=cursor)


async def list_prompts(
    ctx: ServerRequestContext, params: types.PaginatedRequestParams | None
) -> types.ListPromptsResult:
    items, cursor = page(load().get("prompts", []), params)
    return types.ListPromptsResult(
        prompts=[types.Prompt.model_validate(p) for p in items], next_cursor=cursor
    )


async def list_resources(
    ctx: ServerRequestContext, params: types.PaginatedRequestParams | None
) -> types.ListResourcesResult:
    items, cursor = page(load().get("resources", []), params)
    return types.ListResourcesResult(
        resources=[types.Resource.model_validate(r) for r in items], next_cursor=cursor
    )


async def list_templates(
    ctx: ServerRequestContext, params: types.PaginatedRequestParams | None
) -> types.ListResourceTemplatesResult:
    items, cursor = page(load().get("resourceTemplates", []), params)
    return types.ListResourceTemplatesResult(
        resource_templates=[types.ResourceTemplate.model_validate(r) for r in items], next_cursor=cursor
    )


def build() -> Server[Any]:
    data = load()
    info = data.get("server", {}).get("serverInfo", {})
    return Server(
        info.get("name", "manifest-server"),
        version=info.get("version", "1.0.0"),
        title=info.get("title"),
        instructions=data.get("instructions"),
        on_list_tools=list_tools,
        on_list_prompts=list_prompts,
        on_list_resources=list_resources,
        on_list_resource_templates=list_templates,
    )


def main() -> None:
    server = build()
    transport = sys.argv[2]
    if transport == "stdio":

        async def run() -> None:
            async with stdio_server() as (read, write):
                await server.run(read, write, server.create_initialization_options())

        anyio.run(run)
        return
    app = server.streamable_http_app(stateless_http=True, json_response=True)
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[3]), log_level="warning")


if __name__ == "__main__":
    main()
