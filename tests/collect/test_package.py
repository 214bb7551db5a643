"""Reading what a launch runs from fixture trees (collect/package.py): no process, no network.

The files are hostile: garbage, the wrong name, huge or deep JSON, control characters, a FIFO,
a missing RECORD or lock. Each gives an unknown (None) part, never an error.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from driftwatch.collect.package import npm_package, pypi_package, resolve, unpinned
from driftwatch.model import Package
from driftwatch.registry import ServerSpec

NAME = "@acme/tool"
INTEGRITY = "sha512-" + "A" * 86 + "=="


def npx_install(cache: Path, spec: str, version: str, *, integrity: str | None = INTEGRITY) -> Path:
    install = cache / "_npx" / f"h{abs(hash(spec)) % 10**8}"
    package = install / "node_modules" / NAME
    package.mkdir(parents=True)
    (install / "package.json").write_text(json.dumps({"_npx": {"packages": [spec]}}))
    (package / "package.json").write_text(json.dumps({"name": NAME, "version": version}))
    entry = {"version": version, **({"integrity": integrity} if integrity else {})}
    lock = {"packages": {f"node_modules/{NAME}": entry}}
    (install / "node_modules" / ".package-lock.json").write_text(json.dumps(lock))
    return install


def npx(tmp_path: Path, spec: str) -> ServerSpec:
    env = {"npm_config_cache": str(tmp_path / "npm")}
    return ServerSpec(name="tool", command="npx", args=("-y", spec), env=env)


def test_an_npx_launch_is_read_from_the_install_npx_recorded_for_that_spec(tmp_path: Path) -> None:
    npx_install(tmp_path / "npm", f"{NAME}@1.2.0", "1.2.0")
    npx_install(tmp_path / "npm", f"{NAME}@1.3.0", "1.3.0", integrity="sha512-other")
    assert resolve(npx(tmp_path, f"{NAME}@1.2.0")) == Package("npm", NAME, "1.2.0", INTEGRITY)
    assert resolve(npx(tmp_path, f"{NAME}@1.3.0")) == Package("npm", NAME, "1.3.0", "sha512-other")
    assert resolve(npx(tmp_path, f"{NAME}@9.9.9")) is None  # never installed: unknown


def test_a_lock_that_disagrees_with_the_installed_version_gives_no_digest(tmp_path: Path) -> None:
    install = npx_install(tmp_path / "npm", NAME, "2.0.0")
    (install / "node_modules" / NAME / "package.json").write_text(
        json.dumps({"name": NAME, "version": "2.0.1"})
    )
    assert resolve(npx(tmp_path, NAME)) == Package("npm", NAME, "2.0.1", None)


def test_hostile_package_json_is_unknown_not_an_error(tmp_path: Path) -> None:
    modules = tmp_path / "node_modules"
    (modules / NAME).mkdir(parents=True)
    manifest = modules / NAME / "package.json"
    for garbage in (
        b"\xff\xfe not json",
        b"[1, 2]",
        b"[" * 100_000,
        json.dumps({"name": "@evil/other"}).encode(),
    ):
        manifest.write_bytes(garbage)
        assert npm_package(modules, NAME) is None
    manifest.write_text(json.dumps({"name": NAME, "version": "1.0.0\x1b[31m\n"}))
    assert npm_package(modules, NAME) == Package("npm", NAME, None, None)  # a version with controls: dropped
    manifest.write_text(json.dumps({"name": NAME, "version": "1.0.0", "x": "y" * (2 << 20)}))
    assert npm_package(modules, NAME) is None  # over the size bound: not read
    manifest.unlink()
    os.mkfifo(manifest)  # a FIFO would block an ordinary open: refused, not waited on
    assert npm_package(modules, NAME) is None


def test_a_node_launch_reads_the_node_modules_its_script_lives_in(tmp_path: Path) -> None:
    install = npx_install(tmp_path / "npm", NAME, "3.1.4")
    script = install / "node_modules" / NAME / "dist" / "index.js"
    spec = ServerSpec(name="tool", command="node", args=(str(script),))
    assert resolve(spec) == Package("npm", NAME, "3.1.4", INTEGRITY)


def dist_info(site: Path, name: str, version: str, *, record: bool = True) -> Path:
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    if record:
        (info / "RECORD").write_text(f"{name.replace('-', '_')}/__init__.py,sha256=abc,10\n")
    return info


def test_a_uvx_launch_is_read_from_the_uv_cache_with_a_digest_of_record(tmp_path: Path) -> None:
    site = tmp_path / "uv" / "archive-v0" / "x1" / "lib" / "python3.12" / "site-packages"
    dist_info(site, "mcp-server-time", "2025.9.25")
    spec = ServerSpec(
        name="time",
        command="uvx",
        args=("mcp-server-time==2025.9.25",),
        env={"UV_CACHE_DIR": str(tmp_path / "uv")},
    )
    package = resolve(spec)
    assert package is not None and (package.ecosystem, package.name, package.version) == (
        "pypi",
        "mcp-server-time",
        "2025.9.25",
    )
    assert package.digest is not None and package.digest.startswith("sha256:")
    assert unpinned(spec, package) is None


def test_a_missing_record_leaves_the_digest_unknown(tmp_path: Path) -> None:
    info = dist_info(tmp_path, "mcp-server-time", "1.0", record=False)
    assert pypi_package(info, "mcp-server-time") == Package("pypi", "mcp-server-time", "1.0", None)
    (info / "METADATA").write_bytes(b"\x00" * 100 + b"\nVersion: \x1b]8;;evil\x07\n")
    assert pypi_package(info, "mcp-server-time").version == "1.0"  # from the directory's name instead


def test_an_image_has_a_digest_only_when_the_launch_names_it() -> None:
    digest = "sha256:" + "a" * 64
    by_digest = ServerSpec(name="gh", command="docker", args=("run", "-i", f"ghcr.io/acme/gh:1@{digest}"))
    by_tag = ServerSpec(name="gh", command="docker", args=("run", "-i", "ghcr.io/acme/gh:1"))
    assert resolve(by_digest) == Package("oci", "ghcr.io/acme/gh", "1", digest)
    assert resolve(by_tag) == Package("oci", "ghcr.io/acme/gh", "1", None)
    assert unpinned(by_digest, resolve(by_digest)) is None
    finding = unpinned(by_tag, resolve(by_tag))
    assert finding is not None and "ghcr.io/acme/gh@sha256:" in finding.detail


def test_unpinned_launches_name_the_pinned_form() -> None:
    seen = Package("npm", NAME, "1.2.3", INTEGRITY)
    for args in (("-y", NAME), ("-y", f"{NAME}@latest"), ("-y", f"{NAME}@^1.2")):
        finding = unpinned(ServerSpec(name="t", command="npx", args=args), seen)
        assert finding is not None and finding.rule == "unpinned-launch"
        assert f"npx -y {NAME}@1.2.3" in finding.detail
    assert unpinned(ServerSpec(name="t", command="npx", args=("-y", f"{NAME}@1.2.3")), seen) is None
    finding = unpinned(ServerSpec(name="t", command="uvx", args=("mcp-server-time",)), None)
    assert finding is not None and "uvx mcp-server-time==<version>" in finding.detail
    assert unpinned(ServerSpec(name="t", command="/usr/bin/my-server"), None) is None
    # an installed package started from its path runs what is installed (the example registry's way)
    installed = ServerSpec(name="t", command="node", args=(f"node_modules/{NAME}/dist/index.js",))
    assert unpinned(installed, seen) is None
    assert (
        unpinned(ServerSpec(name="t", transport="streamable_http", url="https://x.example/mcp"), None) is None
    )
