"""What a stdio launch actually runs, read from the files it uses: the package pin.

A manifest says what a server lists, not what code answers: postmark-mcp 1.0.16 kept its tools
and BCCed every e-mail. So for each stdio server the package behind the launch is identified and
stored with the observation (a changed package under an unchanged manifest is drift):

- npm (`npx -y pkg@1.2`, `node …/node_modules/pkg/…`): the installed `package.json`'s version and
  the lock's `integrity`, from the npx cache the launch used (`<npm cache>/_npx/*/`, matched by
  the spec npx recorded in its `package.json`) or the `node_modules` the script lives in;
- PyPI (`uvx pkg==1`, `uv tool run`, `pipx run`): the version in the `.dist-info` of the uv cache
  (or pipx venv) and `sha256:` of its RECORD, which lists the hash of every installed file;
- OCI (`docker|podman run image`): the reference; the digest only when the launch names it
  (asking a container engine would execute something: never done).

What a launch names comes from discover/identity.py (one parser). Every file is hostile: read
only if it is a regular file under a size bound, parsed as JSON within a depth the parser
survives, and every string kept only when short and printable. Nothing is executed. Anything
unreadable gives None (unknown), never an error: the scan itself does not depend on it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from driftwatch.collect.spawn import server_environment
from driftwatch.files import UnreadableFile, read_regular
from driftwatch.model import Finding, ItemKind, Package
from driftwatch.registry import ServerSpec
from driftwatch.rules import rule
from driftwatch.visible import shorten

if TYPE_CHECKING:
    from driftwatch.discover.identity import Identity

MAX_MANIFEST_BYTES = 1 << 20
"""A package.json or METADATA larger than this is not read."""
MAX_LOCK_BYTES = 16 << 20
MAX_RECORD_BYTES = 16 << 20
MAX_CACHE_ENTRIES = 2000
"""Directories of an npx or uv cache looked at, at most (newest matching one wins)."""
MAX_LISTED = 20_000
"""Directory entries listed in all, at most, while looking for a distribution."""
MAX_TEXT = 256
"""A name, version or digest longer than this (or not printable) is not kept."""

EXACT_SEMVER = re.compile(r"^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$")
OCI_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")


def identify(spec: ServerSpec) -> Identity | None:
    """What the launch names (discover/identity.py), or None for a server that is not stdio."""
    if spec.transport != "stdio" or not spec.command:
        return None
    # (loaded for a stdio server only: `driftwatch.discover` loads the whole discovery with it)
    from driftwatch.discover.identity import of_launch

    return of_launch(spec.command, spec.args, spec.cwd)


def resolve(spec: ServerSpec) -> Package | None:
    """The package `spec` runs, as far as the files its launch uses say; None when unknown."""
    identity = identify(spec)
    if identity is None:
        return None
    env = _environment(spec)
    if identity.kind == "npm":
        return _npm(identity, spec, env)
    if identity.kind == "pypi":
        return _pypi(identity, env)
    if identity.kind == "oci":
        return _oci(identity)
    return None


LOCATION_VARIABLES = ("npm_config_cache", "NPM_CONFIG_CACHE", "UV_CACHE_DIR", "XDG_CACHE_HOME", "HOME")
"""The only variables of a server's env read here: where its caches are. Nothing else is resolved
(no `${file:…}` read, no secret remembered: the launch itself does that)."""
_REFERENCE = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$")


def _environment(spec: ServerSpec) -> dict[str, str]:
    """Where the launch's caches are: PATH and HOME as the server gets them (collect/spawn.py),
    and the cache locations its entry declares, literally or as a `${NAME}` reference."""
    env = server_environment({})
    for key in LOCATION_VARIABLES:
        value: str | None = spec.env.get(key)
        reference = _REFERENCE.match(value) if value is not None else None
        if reference is not None:
            value = os.environ.get(reference.group(1))
        elif value is not None and "${" in value:
            value = None
        if value:
            env[key] = value
    return env


# ---------------------------------------------------------------------------------- bounded reads


def read_bounded(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes (files.read_regular); None for anything
    else: a package whose metadata cannot be read is unknown, not an error."""
    try:
        return read_regular(path, limit)
    except UnreadableFile:
        return None


def read_json_object(path: Path, limit: int) -> dict[str, Any] | None:
    """A JSON object from a bounded file; None when it is not one (or too deep to parse)."""
    data = read_bounded(path, limit)
    if data is None:
        return None
    try:
        value = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def text(value: object, limit: int = MAX_TEXT) -> str | None:
    """A file-provided string worth keeping: a str, short, printable (no controls, no newlines)."""
    if not isinstance(value, str) or not value or len(value) > limit or not value.isprintable():
        return None
    return value


def _listdir(path: Path, limit: int) -> list[str]:
    try:
        with os.scandir(path) as entries:
            names = []
            for entry in entries:
                names.append(entry.name)
                if len(names) >= limit:
                    break
            return names
    except OSError:
        return []


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


# -------------------------------------------------------------------------------------------- npm


def _npm(identity: Identity, spec: ServerSpec, env: dict[str, str]) -> Package | None:
    root = _node_modules_of(identity.name, spec.args, spec.cwd)
    if root is None:
        root = _npx_install(identity, env)
    if root is None:
        return None
    return npm_package(root, identity.name)


def npm_package(node_modules: Path, name: str) -> Package | None:
    """`name` as installed in `node_modules`: its package.json's version, and the `integrity` the
    lock (`node_modules/.package-lock.json`, npm's hidden lockfile) gives that same version."""
    manifest = read_json_object(node_modules / name / "package.json", MAX_MANIFEST_BYTES)
    if manifest is None or manifest.get("name") != name:
        return None
    version = text(manifest.get("version"))
    lock = read_json_object(node_modules / ".package-lock.json", MAX_LOCK_BYTES)
    entries = lock.get("packages") if lock is not None else None
    entry = entries.get(f"node_modules/{name}") if isinstance(entries, dict) else None
    digest = None
    if isinstance(entry, dict) and version is not None and entry.get("version") == version:
        digest = text(entry.get("integrity"))
    return Package("npm", name, version, digest)


def _node_modules_of(name: str, args: tuple[str, ...], cwd: str | None) -> Path | None:
    """The `node_modules` a `node …/node_modules/<name>/…` launch runs its script from."""
    marker = f"node_modules/{name}/"
    for arg in args:
        path = arg.replace("\\", "/")
        at = path.lower().rfind(marker)
        if at >= 0:
            base = Path(path[: at + len("node_modules")])
            return base if base.is_absolute() or cwd is None else Path(cwd) / base
    return None


def npm_cache(env: dict[str, str]) -> Path | None:
    """npm's cache directory for this environment (`npm_config_cache`, else `~/.npm`)."""
    configured = env.get("npm_config_cache") or env.get("NPM_CONFIG_CACHE")
    if configured:
        return Path(configured)
    home = env.get("HOME")
    return Path(home) / ".npm" if home else None


def _npx_install(identity: Identity, env: dict[str, str]) -> Path | None:
    """The `node_modules` of the newest npx install of exactly this spec (npx writes the specs it
    installed in `_npx/<hash>/package.json` under `_npx.packages`)."""
    from driftwatch.discover.identity import npm_spec  # (loaded with `identify`'s)

    cache = npm_cache(env)
    if cache is None:
        return None
    wanted = (identity.name, identity.version)
    found: list[tuple[float, Path]] = []
    for entry in _listdir(cache / "_npx", MAX_CACHE_ENTRIES):
        install = cache / "_npx" / entry
        root = read_json_object(install / "package.json", MAX_MANIFEST_BYTES)
        npx = root.get("_npx") if root is not None else None
        packages = npx.get("packages") if isinstance(npx, dict) else None
        if isinstance(packages, list) and any(
            isinstance(p, str) and len(p) <= 1024 and npm_spec(p) == wanted for p in packages[:64]
        ):
            found.append((_mtime(install / "node_modules"), install / "node_modules"))
    return max(found)[1] if found else None


# ------------------------------------------------------------------------------------------- PyPI


def _pypi(identity: Identity, env: dict[str, str]) -> Package | None:
    found: list[tuple[float, Path]] = []
    budget = [MAX_LISTED]
    for site in _site_packages(identity.name, env, budget):
        for dist_info in _dist_infos(site, identity.name, identity.version, budget):
            found.append((_mtime(dist_info), dist_info))
    return pypi_package(max(found)[1], identity.name) if found else None


def pypi_package(dist_info: Path, name: str) -> Package:
    """A distribution from its `.dist-info`: the version METADATA gives (else the directory's
    name), and `sha256:` of RECORD (None when RECORD is missing or too large)."""
    version = None
    metadata = read_bounded(dist_info / "METADATA", MAX_MANIFEST_BYTES)
    if metadata is not None:
        found = re.search(rb"(?m)^Version:[ \t]*([^\r\n]{1,256})$", metadata[:65536])
        version = text(found.group(1).decode("utf-8", "replace").strip()) if found else None
    if version is None:
        version = text(dist_info.name.removesuffix(".dist-info").partition("-")[2])
    record = read_bounded(dist_info / "RECORD", MAX_RECORD_BYTES)
    digest = "sha256:" + hashlib.sha256(record).hexdigest() if record is not None else None
    return Package("pypi", name, version, digest)


def _site_packages(name: str, env: dict[str, str], budget: list[int]) -> Iterator[Path]:
    """The site-packages of uv's cached tool environments and of pipx's venv for `name`."""
    home = Path(env["HOME"]) if env.get("HOME") else None
    uv_cache = env.get("UV_CACHE_DIR") or (
        f"{env['XDG_CACHE_HOME']}/uv"
        if env.get("XDG_CACHE_HOME")
        else (f"{home}/.cache/uv" if home else None)
    )
    roots: list[Path] = []
    if uv_cache:
        archive = Path(uv_cache) / "archive-v0"
        roots += [archive / entry for entry in _listdir(archive, MAX_CACHE_ENTRIES)]
    if home is not None:
        roots += [home / ".local/pipx/venvs" / name, home / ".local/share/pipx/venvs" / name]
    for root in roots:
        for lib in _listdir(root / "lib", 8):
            if lib.startswith("python") and budget[0] > 0:
                budget[0] -= 1
                yield root / "lib" / lib / "site-packages"


def _dist_infos(site: Path, name: str, version: str | None, budget: list[int]) -> Iterator[Path]:
    """`<name>-<version>.dist-info` directories in `site` (names compared PEP 503-normalized)."""
    entries = _listdir(site, min(budget[0], 5000))
    budget[0] -= len(entries)
    for entry in entries:
        stem = entry.removesuffix(".dist-info")
        if stem == entry:
            continue
        dist, _, found = stem.partition("-")
        if re.sub(r"[-_.]+", "-", dist).lower() == name and version in (None, found):
            yield site / entry


# -------------------------------------------------------------------------------------------- OCI


def _oci(identity: Identity) -> Package:
    """The image as referenced: its digest when the reference carries one, else unknown."""
    tag, _, digest = (identity.version or "").partition("@")
    if not digest and OCI_DIGEST.match(tag):
        tag, digest = "", tag
    return Package(
        "oci", identity.name, text(tag) if tag else None, digest if OCI_DIGEST.match(digest) else None
    )


# ---------------------------------------------------------------------------------- unpinned-launch


FETCHING_RUNNERS = frozenset(
    {"npx", "bunx", "pnpm", "npm", "yarn", "uvx", "uv", "pipx", "docker", "podman", "nerdctl"}
)
"""Launchers that fetch what they run at launch time (a package registry, an image registry): only
their launches can be unpinned; a program started from a path runs what is installed."""


def unpinned(spec: ServerSpec, package: Package | None) -> Finding | None:
    """An `unpinned-launch` finding when the launch runs whatever was published last, naming the
    pinned form to use (with the version or digest seen now, when known)."""
    if PurePath(spec.command or "").name not in FETCHING_RUNNERS:
        return None  # (`node node_modules/pkg/…` runs what is installed: the install pins it)
    identity = identify(spec)
    if identity is None:
        return None
    pinned = _pinned_form(identity, spec.args, package)
    if pinned is None:
        return None
    launch = shorten(" ".join((spec.command or "", *spec.args)), 300)
    entry = rule("unpinned-launch")
    return Finding(
        kind=ItemKind.SERVER,
        name=spec.name,
        field="launch",
        rule=entry.id,
        severity=entry.severity,
        message=entry.message,
        detail=shorten(f"{identity} is not pinned; launch {pinned} instead", 500),
        evidence=launch,
        evidence_hash="sha256:" + hashlib.sha256(launch.encode("utf-8", "replace")).hexdigest(),
    )


def _pinned_form(identity: Identity, args: tuple[str, ...], package: Package | None) -> str | None:
    """The pinned spelling of an unpinned launch; None when the launch is pinned (or unknown)."""
    seen = package.version if package is not None and package.version else None
    if identity.kind == "npm":
        if identity.version is not None and EXACT_SEMVER.match(identity.version):
            return None
        return (
            f"`{identity.name}@{seen or '<version>'}` (e.g. `npx -y {identity.name}@{seen or '<version>'}`)"
        )
    if identity.kind == "pypi":
        version = identity.version
        if version is not None and any(f"=={version}" in a or f"@{version}" in a for a in args):
            return None
        return f"`{identity.name}=={seen or '<version>'}` (e.g. `uvx {identity.name}=={seen or '<version>'}`)"
    if identity.kind == "oci":
        if package is not None and package.digest is not None:
            return None
        return f"`{identity.name}@sha256:<digest>` (the digest of the image you reviewed)"
    return None
