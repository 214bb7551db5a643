"""An MCP server whose whole manifest the test controls: it serves what a JSON file says.

    python manifest_server.py MANIFEST.json stdio
    python manifest_server.py MANIFEST.json streamable-http PORT

The file has the export shape of driftwatch manifests: {"server": {"serverInfo": {...}},
"instructions": ..., "tools": [...], "prompts": [...], "resources": [...], "resourceTemplates": [...]}.
Lists are re-read from the file on every request, so a test can change a running server's tools;
serverInfo and instructions are read at start. `PAGE_SIZE` (env) makes every list paginate.

With `ANNOUNCE=1`, the server tells its clients when the file changes, the
way a real server announces a tool it added: on 2026-07-28 `subscriptions/listen` streams
(tools, prompts, resources), and on 2025-era sessions (advertising `listChanged`; over HTTP
stateful, with a GET stream) `notifications/tools/list_changed`. `FLOOD=N` also sends N notifications of each
kind every 20 ms, whether anything changed or not: a server that floods its listeners.
With `TRACEPARENT_LOG=PATH` (over HTTP), every request is appended to PATH as a line `METHOD PATH
TRACEPARENT` (`-` when it has no `traceparent` header): what a traced server would continue from.
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
from mcp.server import InitializationOptions, NotificationOptions, Server, ServerRequestContext
from mcp.server.stdio import stdio_server
from mcp.server.subscriptions import InMemorySubscriptionBus, ListenHandler, ToolsListChanged

MANIFEST = Path(sys.argv[1])
PAGE_SIZE = int(os.environ.get("PAGE_SIZE", "0"))
ANNOUNCE = os.environ.get("ANNOUNCE") == "1"
FLOOD = int(os.environ.get("FLOOD", "0"))
TICK = 0.02
TRACEPARENT_LOG = os.environ.get("TRACEPARENT_LOG")
BUS = InMemorySubscriptionBus()
SESSIONS: set[Any] = set()
"""The 2025-era sessions that completed their handshake (they hear `list_changed`)."""


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


class AnnouncingServer(Server[Any]):
    """Advertises `listChanged` to 2025-era clients (2026-07-28 clients see `subscriptions/listen`)."""

    def create_initialization_options(
        self,
        notification_options: NotificationOptions | None = None,
        experimental_capabilities: dict[str, dict[str, Any]] | None = None,
        extensions: dict[str, dict[str, Any]] | None = None,
    ) -> InitializationOptions:
        every = NotificationOptions(prompts_changed=True, resources_changed=True, tools_changed=True)
        return super().create_initialization_options(every, experimental_capabilities, extensions)


async def remember_session(ctx: ServerRequestContext, params: types.NotificationParams) -> None:
    SESSIONS.add(ctx.session)


async def tell_everyone() -> None:
    await BUS.publish(ToolsListChanged())
    for session in list(SESSIONS):
        try:
            await session.send_tool_list_changed()
        except Exception:
            SESSIONS.discard(session)  # gone


async def announce() -> None:
    """Watch the manifest file; tell every listener when it changes (and flood, if asked)."""
    stamp = None
    while True:
        status = os.stat(MANIFEST)
        now = (status.st_mtime_ns, status.st_size)
        if stamp is not None and now != stamp:
            await tell_everyone()
        stamp = now
        for _ in range(FLOOD):
            await tell_everyone()
        await anyio.sleep(TICK)


def build() -> Server[Any]:
    data = load()
    info = data.get("server", {}).get("serverInfo", {})
    if ANNOUNCE:
        server = AnnouncingServer(
            info.get("name", "manifest-server"),
            version=info.get("version", "1.0.0"),
            instructions=data.get("instructions"),
            on_list_tools=list_tools,
            on_list_prompts=list_prompts,
            on_list_resources=list_resources,
            on_list_resource_templates=list_templates,
            on_subscriptions_listen=ListenHandler(BUS),
        )
        initialized = "notifications/initialized"
        server.add_notification_handler(initialized, types.NotificationParams, remember_session)
        return server
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


def traceparents(app: Any) -> Any:
    """`app`, writing each request's `traceparent` to TRACEPARENT_LOG when that is set."""
    if TRACEPARENT_LOG is None:
        return app
    log = Path(TRACEPARENT_LOG)

    async def recording(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            traceparent = headers.get(b"traceparent", b"-").decode("latin-1")
            async with await anyio.open_file(log, "a", encoding="utf-8") as out:
                await out.write(f"{scope['method']} {scope['path']} {traceparent}\n")
        await app(scope, receive, send)

    return recording


def main() -> None:
    server = build()
    transport = sys.argv[2]
    if transport == "stdio":

        async def run() -> None:
            async with stdio_server() as (read, write), anyio.create_task_group() as tasks:
                if ANNOUNCE:
                    tasks.start_soon(announce)
                await server.run(read, write, server.create_initialization_options())
                tasks.cancel_scope.cancel()

        anyio.run(run)
        return
    if not ANNOUNCE:
        app = server.streamable_http_app(stateless_http=True, json_response=True)
        # over HTTPS when told a certificate (tests/collect/test_netguard.py: a company's own CA)
        tls = os.environ.get("MANIFEST_TLS_CERT")
        files = {"ssl_certfile": tls, "ssl_keyfile": os.environ["MANIFEST_TLS_KEY"]} if tls else {}
        uvicorn.run(traceparents(app), host="127.0.0.1", port=int(sys.argv[3]), log_level="warning", **files)  # type: ignore[arg-type]
        return
    # Stateful: a 2025-era session keeps a GET stream open for the notifications.
    app = server.streamable_http_app(stateless_http=False, json_response=True)
    config = uvicorn.Config(app, host="127.0.0.1", port=int(sys.argv[3]), log_level="warning")

    async def serve() -> None:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(announce)
            await uvicorn.Server(config).serve()
            tasks.cancel_scope.cancel()

    anyio.run(serve)


if __name__ == "__main__":
    main()
