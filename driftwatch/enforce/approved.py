"""What was approved, as records every format renders, and what cannot be named safely.

An approved server is a registered server whose baseline is in force; its approved tools are the
tools of that baseline's manifest, not whatever the server shows now (a drifted tool is not
approved). Registry entries without a baseline, and baselines of servers no longer registered, are
not approved.

Tool names come from the servers, so they are hostile: a name with a newline, a quote, a comma
(command-line lists: the Docker gateway's `--servers`/`--tools`), a `:` or `*` (Cursor's
`server:tool` patterns), a control character, or anything else outside the MCP specification's tool-name
alphabet (https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-names: 1-128
of A-Z a-z 0-9 `_` `-` `.`) is refused: left out of every format and named on stderr. A tool that
cannot be named safely is not allowed.

Secrets never leave: env and header values are written only as the client's variable references
(`reference`), never as values, and URLs lose their user info and query (`display_url`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from driftwatch.registry import ServerSpec, Transport, display_url
from driftwatch.visible import shorten, visible

TOOL_NAME = re.compile(r"[A-Za-z0-9_.-]{1,128}")
"""A tool name every format can carry as it is (matched whole)."""

VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
"""An environment variable name a client's `${NAME}` expansion takes (matched whole)."""

_PURE_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SCHEME = re.compile(r"(Bearer|Basic|Token) ", re.IGNORECASE)


@dataclass(frozen=True)
class ApprovedServer:
    """A registered server with a baseline in force, as the registry declares it (env and header
    values unresolved: references or literals, never to be written as they are)."""

    name: str
    transport: Transport
    command: str | None
    args: tuple[str, ...]
    env: Mapping[str, str]
    url: str | None
    headers: Mapping[str, str]
    tools: tuple[str, ...]
    """The baseline's tool names that can be named safely, sorted."""


@dataclass(frozen=True)
class Refusal:
    """Something left out of an export, and why: one line on stderr."""

    server: str
    what: str
    why: str

    def line(self) -> str:
        return f"left out of {self.server}: {self.what}: {self.why}"


@dataclass(frozen=True)
class Rendered:
    """A format's document, and what it had to leave out."""

    text: str
    refusals: tuple[Refusal, ...] = field(default=())


def approved(
    specs: Sequence[ServerSpec], baselines: Mapping[str, Sequence[str]]
) -> tuple[list[ApprovedServer], list[Refusal]]:
    """The registered servers (in registry order) with a baseline in force (`baselines`: server name
    -> its baseline's tool names), each with the tools that can be named safely; the others refused."""
    servers, refusals = [], []
    for spec in specs:
        if spec.name not in baselines:
            continue
        tools = []
        for tool in baselines[spec.name]:
            if TOOL_NAME.fullmatch(tool):
                tools.append(tool)
            else:
                refusals.append(Refusal(spec.name, f"tool {quoted(tool)}", _NOT_A_NAME))
        servers.append(
            ApprovedServer(
                name=spec.name,
                transport=spec.transport,
                command=spec.command,
                args=spec.args,
                env=dict(spec.env),
                url=spec.url,
                headers=dict(spec.headers),
                tools=tuple(sorted(set(tools))),
            )
        )
    return servers, refusals


_NOT_A_NAME = "not a name every client can match safely (1-128 of A-Z a-z 0-9 _ - .), so not allowed"


def quoted(text: str) -> str:
    """A server-provided string for one stderr line: quoted, hidden characters escaped, bounded."""
    return "'" + visible(shorten(text, 80), one_line=True).replace("'", "\\'") + "'"


def reference(key: str, value: str, *, header: bool = False) -> str | None:
    """What a client that expands `${NAME}` gets instead of an env or header value: the registry's
    own reference when the value is one (`${TOKEN}`, or `Bearer ${TOKEN}` for a header), else a
    reference named after the key (`API_KEY` -> `${API_KEY}`, header `X-Api-Key` -> `${X_API_KEY}`,
    keeping a header's `Bearer `); None when no variable name can be made of the key. Never the value:
    a literal, a `${file:…}` path and a mixed value all become the key's reference."""
    scheme = _SCHEME.match(value) if header else None
    rest = value[scheme.end() :] if scheme else value
    prefix = f"{scheme.group(1)} " if scheme else ""
    own = _PURE_REFERENCE.fullmatch(rest)
    if own is not None:
        return f"{prefix}${{{own.group(1)}}}"
    name = key.upper().replace("-", "_") if header else key
    if not VARIABLE.fullmatch(name):
        return None
    return f"{prefix}${{{name}}}"


def public_url(url: str) -> str:
    """The server URL a client may be given: without user info and query, which carry tokens."""
    return display_url(url)
