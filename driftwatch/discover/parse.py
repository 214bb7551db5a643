"""Reading a client config that anyone may have written: bounded, linear, one line when it fails.

A repository cloned this morning can hold a `.vscode/mcp.json` made to hurt the tool that reads
it: a gigabyte of brackets, a FIFO or `/dev/zero` behind a symlink, a symlink loop, an unclosed
comment repeated a million times. So a file is opened without blocking and read only if it is a
regular file, and no further than `MAX_BYTES`; comments and trailing commas (VS Code and Zed
settings are JSON with comments) are removed by one regular expression whose every alternative
consumes what it starts (an unterminated comment or string runs to the end, it is never retried
from the next character), so the work is linear in the file; nesting deeper than the parsers'
recursion limit is a one-line error. No message quotes the file's content.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from driftwatch.errors import ConfigError
from driftwatch.files import UnreadableFile, read_regular

MAX_BYTES = 8 * 1024 * 1024
"""Larger files are refused (`~/.claude.json`, the largest real one, holds history too)."""

_JSONC = re.compile(
    r'"(?:[^"\\]|\\.)*"?'  # a string, kept (an unterminated one runs to the end)
    r"|//[^\n]*"  # a line comment
    r"|/\*(?:[^*]|\*(?!/))*(?:\*/)?"  # a block comment (an unterminated one runs to the end)
    r"|,(?=\s*[\]}])",  # a trailing comma (comments are gone by the second pass)
    re.DOTALL,
)


_JSON_KEYS = re.compile(
    r'"((?:[^"\\]|\\.)*)"?(\s*:)?'  # a string, and whether it is a key (an unterminated one runs to the end)
    r"|//[^\n]*"  # a line comment
    r"|/\*(?:[^*]|\*(?!/))*(?:\*/)?",  # a block comment
    re.DOTALL,
)
_TOML_TABLE = re.compile(
    r"""^[ \t]*\[[ \t]*mcp_servers[ \t]*\.[ \t]*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[A-Za-z0-9_-]+)""",
    re.MULTILINE,
)
TABLE_KEYS = frozenset({"mcpServers", "servers", "context_servers", "mcp_servers", "mcp"})
"""The keys under which client configs declare their servers (clients.server_tables)."""


class UnreadableConfig(ConfigError):
    """A config file that cannot be read or parsed; the message is one line, without its content."""


def read_text(path: Path) -> str:
    """The file's text: a regular file, at most MAX_BYTES, UTF-8 (a BOM allowed)."""
    try:
        data = read_regular(path, MAX_BYTES)
    except UnreadableFile as exc:
        raise UnreadableConfig(str(exc)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableConfig("not UTF-8 text") from None


def strip_jsonc(text: str) -> str:
    """JSON with comments and trailing commas -> JSON (strings untouched), in two linear passes:
    comments become a space first, so that a comment between a comma and a bracket does not
    hide the trailing comma from the second pass."""

    def drop_comments(match: re.Match[str]) -> str:
        token = match.group()
        return token if token.startswith(('"', ",")) else " "

    def drop_commas(match: re.Match[str]) -> str:
        found = match.group()
        return "" if found == "," else found

    return _JSONC.sub(drop_commas, _JSONC.sub(drop_comments, text))


def parse(text: str, kind: str) -> Any:
    """`kind` is `json`, `jsonc` or `toml`; UnreadableConfig with the parser's position on failure."""
    try:
        if kind == "toml":
            return tomllib.loads(text)
        return json.loads(strip_jsonc(text) if kind == "jsonc" else text)
    except RecursionError:
        raise UnreadableConfig("nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise UnreadableConfig(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UnreadableConfig(f"not valid TOML: {' '.join(str(exc).split())[:200]}") from None


def declaration_lines(text: str, kind: str, names: Collection[str]) -> dict[str, int]:
    """The line (1-based) that declares each of `names` in a config file's `text`: in JSON, the
    first key of that name after the first table of servers (`mcpServers`, `servers`, ...); in
    TOML, the first `[mcp_servers.NAME]` table. One linear pass, as `strip_jsonc` (comments and
    strings are consumed whole, so a quote inside either cannot shift what follows). A name not
    found (an inline TOML table, an escape written another way) is left out."""
    lines: dict[str, int] = {}
    pairs: Iterable[tuple[str, int]]
    if kind == "toml":
        pairs = ((_toml_key(m.group(1)), m.start()) for m in _TOML_TABLE.finditer(text))
    else:
        pairs = _json_keys(text)
    line, at = 1, 0
    for name, position in pairs:
        if name in names and name not in lines:
            line, at = line + text.count("\n", at, position), position
            lines[name] = line
    return lines


def _json_keys(text: str) -> Iterator[tuple[str, int]]:
    inside = False
    for match in _JSON_KEYS.finditer(text):
        if match.group(2) is None:  # a comment, or a string that is a value
            continue
        try:
            key = json.loads(f'"{match.group(1)}"')
        except json.JSONDecodeError:
            continue
        if inside:
            yield key, match.start()
        inside = inside or key in TABLE_KEYS


def _toml_key(token: str) -> str:
    if token.startswith("'"):
        return token[1:-1]
    if token.startswith('"'):
        try:
            return str(json.loads(token))
        except json.JSONDecodeError:
            return ""
    return token
