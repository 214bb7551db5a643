"""Reading the config files a walk chose into found servers, each with its host identity.

Every value a config holds that could be a credential (env and header values, a Codex
`bearer_token`, URL passwords and query values, an argument after a flag whose name says key or
token, `NAME=value` arguments with such a name, a token-like URL path segment) is registered with
`driftwatch.redact` the moment it is read, so that `redact.scrub` removes it from anything the
command prints, whichever field it turns up in. Path-like env values (`/home/…`) are not secrets
and are not registered: scrubbing them would blank out the very file names the report shows.

A file that cannot be read or parsed, and an entry that is not a server, is one `Problem` (file,
one line); the other files and entries are still read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from driftwatch import redact
from driftwatch.discover import parse
from driftwatch.discover.clients import MAX_SERVERS, ConfigFile, ServerEntry, entry, server_tables
from driftwatch.discover.identity import Identity, of_launch, of_url
from driftwatch.discover.walk import Walk, home_files, walk_tree
from driftwatch.errors import ConfigError


@dataclass(frozen=True)
class Found:
    """One server entry of one config file."""

    identity: Identity
    client: str
    file: str
    name: str
    """The entry's name in that file (its author's choice: never used to match)."""
    entry: ServerEntry = field(repr=False)
    also: tuple[Identity, ...] = ()
    """Other identities of the same server (a Kubernetes object's service URL beside its image):
    a registry entry with any of them matches."""
    line: int | None = None
    """The line of `file` that declares it (SARIF points there); None when not found."""


@dataclass(frozen=True)
class Problem:
    """A file or an entry that could not be read; the message is one line and quotes no value."""

    file: str
    message: str


@dataclass(frozen=True)
class Discovery:
    """Everything one discovery read."""

    files: tuple[str, ...]
    found: tuple[Found, ...]
    problems: tuple[Problem, ...]


def discover(paths: Sequence[Path], *, home: Path | None, excludes: Sequence[str] = ()) -> Discovery:
    """Read the client configs of `home` (if given) and of every tree or file in `paths`."""
    walk = Walk()
    if home is not None:
        walk.files.extend(home_files(home))
    for path in paths:
        walk_tree(path, excludes, walk)
    found: list[Found] = []
    problems = [Problem(path, message) for path, message in walk.errors]
    unique = list(dict.fromkeys(walk.files))
    for path, kind in unique:
        try:
            found.extend(read_file(path, kind, problems))
        except ConfigError as exc:
            problems.append(Problem(str(path), str(exc)))
    return Discovery(tuple(str(p) for p, _ in unique), tuple(found), tuple(problems))


def merge(runs: Iterable[Discovery]) -> Discovery:
    """Several discoveries (homes, trees, a cluster) as one."""
    runs = list(runs)
    return Discovery(
        files=tuple(f for run in runs for f in run.files),
        found=tuple(f for run in runs for f in run.found),
        problems=tuple(p for run in runs for p in run.problems),
    )


def read_file(path: Path, kind: ConfigFile, problems: list[Problem]) -> list[Found]:
    """The servers of one file; problems with single entries are added to `problems`."""
    text = parse.read_text(path)
    document = parse.parse(text, kind.syntax)
    project = _project_dir(path, kind)
    found: list[Found] = []
    for where, table in server_tables(document):
        if not isinstance(table, dict):
            problems.append(Problem(str(path), f"`{_short(where)}` is not an object of servers"))
            continue
        for name, server in table.items():
            if len(found) >= MAX_SERVERS:
                problems.append(Problem(str(path), f"more than {MAX_SERVERS} servers; the rest not read"))
                return found
            try:
                declared = entry(str(name), server)
                if project is not None and declared.transport == "stdio" and declared.cwd is None:
                    declared = replace(declared, cwd=project)  # where the client starts it
            except ConfigError as exc:
                problems.append(Problem(str(path), f"server {_short(str(name))!r}: {exc}"))
                continue
            register_secrets(declared)
            found.append(Found(identify(declared, project), kind.client, str(path), str(name), declared))
    lines = parse.declaration_lines(text, kind.syntax, {f.name for f in found})
    return [replace(f, line=lines.get(f.name)) for f in found]


def identify(declared: ServerEntry, project: str | None = None) -> Identity:
    """The host identity of a declared server; `${workspaceFolder}` is the project directory."""
    if declared.transport != "stdio":
        return of_url(declared.url or "")
    folder = project or "."
    args = [a.replace("${workspaceFolder}", folder) for a in declared.args]
    command = (declared.command or "").replace("${workspaceFolder}", folder)
    return of_launch(command, args, declared.cwd or project)


def _project_dir(path: Path, kind: ConfigFile) -> str | None:
    """The directory a project file belongs to (`repo` for `repo/.vscode/mcp.json`); None for a
    file of a home directory, whose servers run wherever the client was started."""
    depth = len(Path(kind.path).parts)
    absolute = path.absolute()  # `discover .` reads `.mcp.json`, whose project is the directory it is in
    if depth > len(absolute.parts) - 1 or kind.path.startswith((".config/", "Library/", "AppData/")):
        return None
    if kind.path in (".claude.json", ".codeium/windsurf/mcp_config.json"):
        return None
    return str(absolute.parents[depth - 1])


def _short(text: str) -> str:
    return text if len(text) <= 80 else f"{text[:80]}…"


# ------------------------------------------------------------------------------------- secrets

_TOKEN_LIKE = re.compile(r"^(?:(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])[A-Za-z0-9_\-.~+/=]{20,}|[0-9a-fA-F]{32,})$")
"""A value shaped like a token (mixed case and digits, or long hex): package, image and module
names are lower case, so they are not taken for one."""
_PATH_LIKE = re.compile(r"^(/|~|\./|\.\./|[A-Za-z]:[\\/])")


def register_secrets(declared: ServerEntry) -> None:
    """Register every value of `declared` that could be a credential (see the module doc)."""
    for key, value in declared.env.items():
        if not _PATH_LIKE.match(value) or redact.is_secret_name(key):
            redact.register(value, name=key, credential=redact.is_secret_name(key))
    for key, value in declared.headers.items():
        redact.register(value, name=key, credential=True)
        scheme, _, token = value.partition(" ")
        if token and scheme.lower() in ("bearer", "basic", "token"):
            redact.register(token, credential=True)
    if declared.url:
        _register_url(declared.url)
    _register_args(declared.args)


def _register_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return
    if password:
        redact.register(password, credential=True)
        redact.register(f"{parts.username or ''}:{password}", credential=True)
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        redact.register(value, name=key, credential=True)
    for segment in parts.path.split("/"):
        if _TOKEN_LIKE.match(segment):
            redact.register(segment, credential=True)


def _register_args(args: Iterable[str]) -> None:
    previous = ""
    for arg in args:
        name, equals, value = arg.partition("=")
        if equals and redact.is_secret_name(name):
            redact.register(value, credential=True)
        elif previous.startswith("-") and redact.is_secret_name(previous):
            redact.register(arg, credential=True)
        if re.match(r"(?i)^[a-z][a-z0-9+.-]*://", arg):
            _register_url(arg)
        elif _TOKEN_LIKE.match(arg) and not _PATH_LIKE.match(arg):
            redact.register(arg, credential=True)
        previous = arg
