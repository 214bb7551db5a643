"""What a server IS, from how it is launched or where it listens: the one key discovery matches on.

A client config names a server whatever its author likes (`github`, `gh`, `work-tools`), and a
server reports whatever name it likes; neither says what runs. Two entries are the same server
when they launch the same package (or image, module, script, program) or call the same URL, so
that is what is compared, never a name:

- `npx -y pkg@1.2`, `npx pkg`, `bunx pkg`, `pnpm dlx pkg`, `npm exec -- pkg`, and `node
  …/node_modules/pkg/dist/index.js` are `npm:pkg`; `npx mcp-remote URL` is the URL it proxies;
- `uvx pkg==1`, `uv tool run --from pkg cmd`, `pipx run pkg` are `pypi:pkg` (PEP 503 name);
- `python -m mod` (also under `uv run`) is `module:mod`, `python path.py` is `script:path`;
- `docker|podman run [flags] image:tag` is `oci:image` (Docker Hub prefixes dropped);
- any other program is `command:program` (its first script argument for a shell);
- a URL is `url:scheme://host[:port]/path`: scheme and host lower case, default port dropped,
  trailing slash, query, fragment and credentials gone.

The version (an npm or PyPI version, an image tag or digest) is kept to show, never matched:
a registered server launched at another version is the same server (version drift is the
package pins' business, not discovery's).
"""

from __future__ import annotations

import ntpath
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

Kind = Literal["npm", "pypi", "oci", "module", "script", "command", "url"]


@dataclass(frozen=True)
class Identity:
    """The host identity of one server: `kind:name` is what matching compares."""

    kind: Kind
    name: str
    version: str | None = None
    """Shown, never compared."""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.name}"

    def __str__(self) -> str:
        return self.key + (f"@{self.version}" if self.version else "")

    def to_json(self) -> dict[str, str | None]:
        return {"key": self.key, "kind": self.kind, "name": self.name, "version": self.version}


# ------------------------------------------------------------------------------------------ URLs

_DEFAULT_PORTS = {"http": 80, "https": 443}


def of_url(url: str) -> Identity:
    """`url:` + the origin and path, normalized (see the module doc); credentials never kept."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/") or "/"
    return Identity("url", f"{scheme}://{host}{path}")


# ----------------------------------------------------------------------------------------- stdio

_NPX = {"npx", "bunx", "pnpx"}
_DLX = {"pnpm": "dlx", "yarn": "dlx", "bun": "x", "npm": "exec"}
_PYTHON = re.compile(r"^(python[0-9.]*|py|pypy[0-9.]*)$")
_NODE = {"node", "nodejs", "tsx", "ts-node", "deno", "bun"}
_SHELLS = {"sh", "bash", "zsh", "dash", "pwsh", "powershell", "cmd"}
_CONTAINERS = {"docker", "podman", "nerdctl"}
_PROXIES = {"mcp-remote"}
"""npm packages that only relay to a remote server: the server is the URL they are given."""

_NPX_VALUE_FLAGS = {"-p", "--package", "-c", "--call", "--registry", "--cache", "--prefix"}
_UV_VALUE_FLAGS = {
    "--from", "--with", "--with-requirements", "--python", "-p", "--directory", "--project",
    "--index", "--index-url", "--extra-index-url", "--default-index", "--env-file", "--extra",
    "--group", "--cache-dir", "--config-file", "--spec",
}  # fmt: skip
_PYTHON_VALUE_FLAGS = {"-X", "-W", "-c"}
_CONTAINER_VALUE_FLAGS = {
    "-e", "--env", "--env-file", "-v", "--volume", "--mount", "--name", "-p", "--publish", "-w",
    "--workdir", "-u", "--user", "--entrypoint", "--network", "--net", "-l", "--label", "--platform",
    "--pull", "--cpus", "-m", "--memory", "--add-host", "--cap-add", "--cap-drop", "--security-opt",
    "--device", "-h", "--hostname", "--ulimit", "--tmpfs", "--gpus", "--restart", "--runtime",
    "--ipc", "--pid", "--log-driver", "--log-opt", "--dns", "--shm-size", "--userns", "--label-file",
    "--expose", "--link", "--group-add", "--stop-signal", "--cidfile", "--health-cmd",
}  # fmt: skip


def of_launch(command: str, args: Sequence[str], cwd: str | None = None) -> Identity:
    """The identity of a stdio server launched as `command args…` (in `cwd`, when known)."""
    program = _program(command)
    rest = list(args)
    if program in _NPX:
        return _npm_launch(rest)
    if program in _DLX and rest[:1] == [_DLX[program]]:
        return _npm_launch(rest[1:])
    if program in ("uvx", "uv", "pipx"):
        return _python_tool(program, rest, cwd)
    if _PYTHON.match(program):
        return _python(rest, cwd)
    if program in _NODE:
        return _node(program, rest, cwd)
    if program in _CONTAINERS and "run" in rest[:3]:
        return _container(rest[rest.index("run") + 1 :])
    if program in _SHELLS:
        script = _first_positional(rest, set())
        if script is not None and not script.startswith("/c"):
            return Identity("script", _path(script, cwd))
    return Identity("command", _path(command, cwd) if _is_path(command) else program)


def _program(command: str) -> str:
    """`/usr/local/bin/npx`, `C:\\…\\npx.cmd` -> `npx`."""
    base = ntpath.basename(posixpath.basename(command.strip()))
    return re.sub(r"(?i)\.(exe|cmd|bat|ps1)$", "", base).lower()


def _is_path(value: str) -> bool:
    return "/" in value or "\\" in value


def _path(value: str, cwd: str | None) -> str:
    """A path as the same string however it is spelt: `/` separators, `.` and `..` folded, and
    made absolute against `cwd` when that is absolute."""
    path = value.strip().replace("\\", "/")
    base = (cwd or "").replace("\\", "/")
    if base.startswith("/") and not path.startswith("/") and not re.match(r"^[A-Za-z]:/", path):
        path = posixpath.join(base, path)
    return posixpath.normpath(path)


def _positional_index(args: Sequence[str], value_flags: set[str]) -> int | None:
    """Where the first argument that is not an option (nor an option's value) is."""
    skip = False
    for index, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--":
            continue
        elif arg.startswith("-"):
            skip = arg in value_flags
        else:
            return index
    return None


def _first_positional(args: Sequence[str], value_flags: set[str]) -> str | None:
    """The first argument that is not an option (nor an option's value)."""
    index = _positional_index(args, value_flags)
    return None if index is None else args[index]


def _flag_value(args: Sequence[str], names: set[str]) -> str | None:
    """The value of the first of `names` (`--from X` or `--from=X`)."""
    for index, arg in enumerate(args):
        flag, equals, value = arg.partition("=")
        if flag in names:
            if equals:
                return value
            if index + 1 < len(args):
                return args[index + 1]
    return None


def _npm_launch(args: Sequence[str]) -> Identity:
    spec = _flag_value(args, {"-p", "--package"}) or _first_positional(args, _NPX_VALUE_FLAGS)
    if spec is None:
        return Identity("command", "npx")
    name, version = npm_spec(spec)
    if name in _PROXIES:
        rest = list(args[list(args).index(spec) + 1 :]) if spec in args else []
        target = next((a for a in rest if re.match(r"(?i)^https?://", a)), None)
        if target is not None:
            return of_url(target)
    return Identity("npm", name, version)


def npm_spec(spec: str) -> tuple[str, str | None]:
    """`@scope/pkg@1.2` -> (`@scope/pkg`, `1.2`); `npm:pkg@1` likewise; names are lower case."""
    spec = spec.strip().removeprefix("npm:")
    at = spec.find("@", 1)
    name, version = (spec[:at], spec[at + 1 :]) if at > 0 else (spec, None)
    return name.lower(), version or None


def pypi_name(spec: str) -> tuple[str, str | None]:
    """`Pkg_Name[extra]==1.0` or `pkg@1.0` -> (`pkg-name`, `1.0`): the PEP 503 normalized name."""
    found = re.match(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?:(==|@|>=|~=)\s*(\S+))?", spec)
    if found is None:
        return spec.strip().lower(), None
    return re.sub(r"[-_.]+", "-", found.group(1)).lower(), found.group(4)


def _python_tool(program: str, args: list[str], cwd: str | None) -> Identity:
    """`uvx pkg`, `uv tool run pkg`, `uv run …`, `pipx run pkg`."""
    if program == "uv":
        directory = _flag_value(args, {"--directory", "--project"})
        sub = _first_positional(args, _UV_VALUE_FLAGS)
        if sub == "tool" and "run" in args:
            args = args[args.index("run") + 1 :]
        elif sub == "run":
            return _uv_run(args[args.index("run") + 1 :], directory or cwd)
        else:
            return Identity("command", "uv")
    elif program == "pipx":
        if "run" not in args:
            return Identity("command", "pipx")
        args = args[args.index("run") + 1 :]
    spec = _flag_value(args, {"--from", "--spec"}) or _first_positional(args, _UV_VALUE_FLAGS)
    if spec is None:
        return Identity("command", program)
    name, version = pypi_name(spec)
    return Identity("pypi", name, version)


def _uv_run(args: list[str], cwd: str | None) -> Identity:
    """What `uv run` starts: a Python module or script, or a program of the project."""
    start = _positional_index(args, _UV_VALUE_FLAGS)
    if start is None:
        return Identity("command", "uv")
    rest = args[start:]
    if _PYTHON.match(_program(rest[0])):
        return _python(rest[1:], cwd)
    if rest[0].endswith(".py"):
        return Identity("script", _path(rest[0], cwd))
    return of_launch(rest[0], rest[1:], cwd)


def _python(args: Sequence[str], cwd: str | None) -> Identity:
    module = _flag_value(args, {"-m"})
    if module is not None:
        return Identity("module", module.strip())
    script = _first_positional(args, _PYTHON_VALUE_FLAGS)
    return Identity("script", _path(script, cwd)) if script else Identity("command", "python")


def _node(program: str, args: list[str], cwd: str | None) -> Identity:
    if program in ("deno", "bun") and args[:1] == ["run"]:
        args = args[1:]
    script = _first_positional(args, {"-r", "--require", "--import", "--loader"})
    if script is None:
        return Identity("command", program)
    if script.startswith("npm:"):
        name, version = npm_spec(script)
        return Identity("npm", name, version)
    path = _path(script, cwd)
    if "node_modules/" in path:
        tail = path.rsplit("node_modules/", 1)[1]
        package = re.match(r"^(@[^/]+/[^/]+|[^/]+)", tail)
        if package is not None:
            return Identity("npm", package.group(1).lower())
    return Identity("script", path)


def _container(args: Sequence[str]) -> Identity:
    image = _first_positional(args, _CONTAINER_VALUE_FLAGS)
    if image is None:
        return Identity("command", "docker")
    return oci_image(image)


_HUB_PREFIXES = (
    "docker.io/library/",
    "index.docker.io/library/",
    "docker.io/",
    "index.docker.io/",
    "library/",
)


def oci_image(reference: str) -> Identity:
    """`docker.io/library/Redis:7@sha256:…` -> `oci:redis`, version `7@sha256:…`."""
    name, digest = reference.strip().partition("@")[::2]
    slash = name.rfind("/")
    colon = name.rfind(":")
    tag = None
    if colon > slash:
        name, tag = name[:colon], name[colon + 1 :]
    first, _, rest = name.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        name = f"{first.lower()}/{rest}"
    for prefix in _HUB_PREFIXES:
        if name.startswith(prefix):
            name = name.removeprefix(prefix)
            break
    name = name.lower()
    version = "@".join(v for v in (tag, digest) if v) or None
    return Identity("oci", name, version)
