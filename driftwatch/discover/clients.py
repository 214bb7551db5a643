"""Where each MCP client keeps its servers, and how its file spells one: the one table of both.

Formats, as the clients document them:

- Claude Desktop: `claude_desktop_config.json`, `{"mcpServers": {name: {command, args, env}}}`;
- Claude Code: a project's `.mcp.json` (`mcpServers`), and `~/.claude.json`, whose top-level
  `mcpServers` (user scope) and `projects.<path>.mcpServers` (local scope) both count;
- Cursor: `.cursor/mcp.json` in a project and in the home directory (`mcpServers`);
- VS Code: `.vscode/mcp.json` (`servers`, with `type` stdio|http|sse) and user `settings.json`
  (`mcp.servers`); both are JSON with comments and trailing commas;
- Windsurf: `~/.codeium/windsurf/mcp_config.json` (`mcpServers`, remote ones as `serverUrl`);
- Codex: `~/.codex/config.toml` and a project's `.codex/config.toml`, `[mcp_servers.<name>]`
  (`command`/`args`/`env`, or `url` with `http_headers`, `bearer_token`);
- Gemini CLI: `~/.gemini/settings.json` and a project's `.gemini/settings.json` (`mcpServers`;
  `httpUrl` is streamable HTTP, `url` is SSE);
- Zed: `~/.config/zed/settings.json` and a project's `.zed/settings.json`, `context_servers`
  (JSON with comments; older versions nest `command: {path, args, env}`).

Every value is hostile: an entry of the wrong shape is one error for that entry, never a crash.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from driftwatch.errors import ConfigError


@dataclass(frozen=True)
class ConfigFile:
    """A kind of client config file: which client, where (relative to a home or a project), and
    its syntax (`json`, `jsonc` or `toml`)."""

    client: str
    path: str
    syntax: str = "json"


HOME_FILES = (
    ConfigFile("claude-code", ".claude.json"),
    ConfigFile("claude-desktop", ".config/Claude/claude_desktop_config.json"),
    ConfigFile("claude-desktop", "Library/Application Support/Claude/claude_desktop_config.json"),
    ConfigFile("claude-desktop", "AppData/Roaming/Claude/claude_desktop_config.json"),
    ConfigFile("cursor", ".cursor/mcp.json"),
    ConfigFile("vscode", ".config/Code/User/settings.json", "jsonc"),
    ConfigFile("vscode", ".config/Code/User/mcp.json", "jsonc"),
    ConfigFile("vscode", "Library/Application Support/Code/User/settings.json", "jsonc"),
    ConfigFile("vscode", "Library/Application Support/Code/User/mcp.json", "jsonc"),
    ConfigFile("vscode", "AppData/Roaming/Code/User/settings.json", "jsonc"),
    ConfigFile("vscode", "AppData/Roaming/Code/User/mcp.json", "jsonc"),
    ConfigFile("windsurf", ".codeium/windsurf/mcp_config.json"),
    ConfigFile("codex", ".codex/config.toml", "toml"),
    ConfigFile("gemini", ".gemini/settings.json"),
    ConfigFile("zed", ".config/zed/settings.json", "jsonc"),
)
"""The user-level files, relative to a home directory."""

PROJECT_FILES = (
    ConfigFile("claude-code", ".mcp.json"),
    ConfigFile("claude-desktop", "claude_desktop_config.json"),
    ConfigFile("cursor", ".cursor/mcp.json"),
    ConfigFile("vscode", ".vscode/mcp.json", "jsonc"),
    ConfigFile("vscode", ".vscode/settings.json", "jsonc"),
    ConfigFile("windsurf", ".windsurf/mcp_config.json"),
    ConfigFile("codex", ".codex/config.toml", "toml"),
    ConfigFile("gemini", ".gemini/settings.json"),
    ConfigFile("zed", ".zed/settings.json", "jsonc"),
)
"""The files a repository may hold, relative to any directory in it."""

MAX_SERVERS = 1000
"""Entries read from one file; more is an error (the first ones are still reported)."""


@dataclass(frozen=True)
class ServerEntry:
    """One server as a client config declares it, in the registry's words (values as written)."""

    name: str
    transport: str
    command: str | None = None
    args: tuple[str, ...] = ()
    cwd: str | None = None
    url: str | None = None
    env: Mapping[str, str] = field(default_factory=dict, repr=False)
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)


def server_tables(document: Any) -> Iterator[tuple[str, Any]]:
    """Every `name -> server` table in a parsed config file, with where it was (for messages)."""
    if not isinstance(document, dict):
        raise ConfigError("expected an object at the top")
    for key in ("mcpServers", "servers", "context_servers", "mcp_servers"):
        if key in document:
            yield key, document[key]
    mcp = document.get("mcp")
    if isinstance(mcp, dict) and "servers" in mcp:
        yield "mcp.servers", mcp["servers"]
    projects = document.get("projects")
    if isinstance(projects, dict):
        for path, project in projects.items():
            if isinstance(project, dict) and "mcpServers" in project:
                yield f"projects.{path}.mcpServers", project["mcpServers"]


def entry(name: str, server: Any) -> ServerEntry:
    """One table value as a ServerEntry; ConfigError (one line) when it is not a server."""
    if not isinstance(server, dict):
        raise ConfigError("expected an object")
    command = server.get("command")
    if isinstance(command, dict):  # Zed before 0.19x: {"command": {"path", "args", "env"}}
        server = {**server, **command, "command": command.get("path")}
        command = server["command"]
    url = server.get("url") or server.get("serverUrl") or server.get("httpUrl")
    if isinstance(command, str) and command.strip():
        return ServerEntry(
            name=name,
            transport="stdio",
            command=command,
            args=_strings(server.get("args"), "args"),
            cwd=server["cwd"] if isinstance(server.get("cwd"), str) else None,
            env=_mapping(server.get("env"), "env"),
        )
    if isinstance(url, str) and url.strip():
        headers = dict(_mapping(server.get("headers") or server.get("http_headers"), "headers"))
        token = server.get("bearer_token")
        if isinstance(token, str):
            headers["Authorization"] = f"Bearer {token}"
        return ServerEntry(name=name, transport=_transport(server, url), url=url, headers=headers)
    raise ConfigError("has neither `command` nor `url`")


def _transport(server: Mapping[str, Any], url: str) -> str:
    kind = str(server.get("type") or server.get("transport") or "").lower().replace("-", "_")
    if "httpUrl" in server or kind in ("http", "streamable_http", "streamablehttp"):
        return "streamable_http"
    if kind == "sse" or url.rstrip("/").endswith("/sse"):
        return "sse"
    return "streamable_http"


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise ConfigError(f"`{what}` must be a list of strings")
    return tuple(str(v) for v in value)


def _mapping(value: Any, what: str) -> dict[str, str]:
    if value is None:
        return {}
    scalars = isinstance(value, dict) and all(isinstance(v, str | int | float | bool) for v in value.values())
    if not scalars:
        raise ConfigError(f"`{what}` must map names to strings")
    return {str(k): str(v) for k, v in value.items()}
