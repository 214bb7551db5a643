"""Shared fixtures: a real database, real MCP servers started for the test and always stopped.

The database backend is SQLite by default; `DRIFTWATCH_TEST_DATABASE_URL` (a PostgreSQL URL whose
database the tests may fill and empty) runs the same tests against PostgreSQL. That database is
created (through the server's `postgres` database) when it does not exist yet, so `make test` works
on a fresh machine whose PostgreSQL has only its default databases.
"""

from __future__ import annotations

import functools
import os
import re
import socket
import subprocess
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from driftwatch import console, redact, semantic_switch
from driftwatch.detect.caseless import Starts
from driftwatch.detect.gate import Beside, Gated, Substrings
from driftwatch.settings import Settings, load_settings
from driftwatch.store import Store
from driftwatch.store.database import make_engine, schema_status, upgrade
from driftwatch.store.models import Base
from tests.daemon_support import DAEMON_INTERVAL, DaemonProcess
from tests.fake_saas import WEBHOOK_SECRET, FakeSaaS
from tests.schemas import validate_text
from tests.support import (
    CHROMIUM,
    EVERYTHING,
    TEST_SERVERS,
    VENV_BIN,
    ControlledServer,
    Processes,
    default_manifest,
    free_port,
    node,
)


def _database_per_worker() -> None:
    """Under pytest-xdist (`make test` runs a worker per core) each worker process gets a database
    of its own on the PostgreSQL pass (`driftwatch_test_gw0`, …), created like the single one
    (_create_database): tests empty the database they use, and two workers must not share one."""
    url, worker = os.environ.get("DRIFTWATCH_TEST_DATABASE_URL"), os.environ.get("PYTEST_XDIST_WORKER")
    if url and worker:
        parsed = make_url(url)
        own = parsed.set(database=f"{parsed.database}_{worker}")
        os.environ["DRIFTWATCH_TEST_DATABASE_URL"] = own.render_as_string(hide_password=False)


_database_per_worker()


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's own driftwatch config, registry or database."""
    for key in list(os.environ):
        if key.startswith("DRIFTWATCH_") and key != "DRIFTWATCH_TEST_DATABASE_URL":
            monkeypatch.delenv(key)
    monkeypatch.setattr(semantic_switch, "_on", False)  # (a test that turns the layer on, for itself)
    monkeypatch.setattr(semantic_switch, "_failures", 0)  # (and its health, as the metrics read it)
    monkeypatch.setattr(semantic_switch, "_degraded", False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture(autouse=True)
def _documents_follow_their_schemas(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a command writes in process that is one of driftwatch's JSON documents is checked
    against its published schema (tests/schemas.py): a field the schema does not allow fails the
    test that made it, wherever it is."""
    write = console.write_stdout

    def checked(text: str | Iterable[str]) -> None:
        pieces = [text] if isinstance(text, str) else list(text)
        validate_text("".join(pieces))
        write(pieces)

    monkeypatch.setattr(console, "write_stdout", checked)


@pytest.fixture(autouse=True)
def _fresh_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the secrets another test registered: redaction is process-wide, and a value one
    test registered (an env value holding its tmp path) would hide pieces of every later test's
    paths (any 12-character piece of a secret is redacted)."""
    monkeypatch.setattr(redact, "_known", redact._Known())


PROVEN_UP_TO = 16_384
"""The longest text on which `_sound_gates` proves a gate's answer with the full pattern."""


@pytest.fixture(autouse=True)
def _sound_gates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whenever a detector's substring gate says "cannot match", prove it with the full pattern.

    So every text any test runs through the detectors checks that each gated pattern's hints cover
    its matches: an alternative added without a hint fails here instead of going silently blind.
    A pattern that names the first words of its branches (`starts`) is checked the same way: what
    it finds from them is what the full scan finds (and a `Caseless` one's: `_sound_starts`). And a
    `Substrings` gate's answer is checked against a substring test per word, and where it says "none",
    each pattern it `guards` is proven to find nothing in the same text.

    The proof is of the hints, which no text's length changes, so it is made on texts of up to
    `PROVEN_UP_TO` characters: a size test's megabytes of filler would otherwise pay a full scan of
    every gated pattern per window (half a minute of the 15 MB scans in tests/report).
    """
    gate = Gated.possible

    def checked(self: Gated, text: str) -> bool:
        if gate(self, text):
            return True
        if isinstance(self, Beside) or len(text) > PROVEN_UP_TO:  # (Beside: its hints stand beside a match)
            return False
        found = self.pattern.search(text)
        assert found is None, f"{found.group()!r} matches {self.pattern.pattern[:60]!r}… without a hint"
        return False

    monkeypatch.setattr(Gated, "possible", checked)

    started = Gated._started

    def compared(self: Gated, text: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        if endpos - pos > PROVEN_UP_TO:
            yield from started(self, text, pos, endpos)
            return
        whole = self.pattern.finditer(text, pos, endpos)  # (one match after the other, as many as read)
        for match in started(self, text, pos, endpos):
            expected = next(whole, None)
            assert expected is not None and match.span() == expected.span(), self.pattern.pattern[:60]
            yield match
        assert next(whole, None) is None, f"{self.pattern.pattern[:60]!r}… matches where no start stands"

    monkeypatch.setattr(Gated, "_started", compared)

    any_in = Substrings.any_in

    def scanned(self: Substrings, text: str) -> bool:
        found = any_in(self, text)
        if len(text) <= PROVEN_UP_TO:
            held = any(word in text for word in self.words) or text.startswith(self.opening)
            assert found == held, f"{text[:60]!r}: the automaton disagrees"
            for guarded in () if found else self.guards:
                match = guarded.search(text)
                assert match is None, f"{match.group()!r} matches a guarded pattern without a gate word"
        return found

    monkeypatch.setattr(Substrings, "any_in", scanned)


@pytest.fixture(autouse=True)
def _sound_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A `Caseless` pattern tried only where its first words stand (caseless.Starts) finds, on every
    text any test reads (up to `PROVEN_UP_TO` characters), what its full scan finds."""
    first = Starts.first

    def searched(
        self: Starts, pattern: re.Pattern[str], text: str, pos: int, endpos: int
    ) -> re.Match[str] | None:
        found = first(self, pattern, text, pos, endpos)
        if min(endpos, len(text)) - pos <= PROVEN_UP_TO:
            expected = pattern.search(text, pos, endpos)
            assert (found and found.span()) == (expected and expected.span()), f"{pattern.pattern[:60]!r}…"
        return found

    monkeypatch.setattr(Starts, "first", searched)


@functools.cache
def _create_database(url: str) -> None:
    """Create the test database named by `url` unless it exists (once per session)."""
    wanted = make_url(url)
    server = create_engine(wanted.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": wanted.database}
            ).scalar()
            if not exists:
                quoted = connection.dialect.identifier_preparer.quote(str(wanted.database))
                connection.execute(text(f"CREATE DATABASE {quoted}"))
    finally:
        server.dispose()


def _empty_database(url: str) -> None:
    """Every table of the current schema emptied (migrations run once per session, not per test)."""
    engine = make_engine(url)
    current, head = schema_status(engine)
    if current != head:  # first use, or a migration test left it elsewhere
        with engine.begin() as connection:
            Base.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        upgrade(engine)
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


E2E_FIXTURES = frozenset(
    {"controlled", "daemon", "daemon_env", "processes", "everything_http", "chromium", "fake"}
)
"""Fixtures that start processes or a real network server (`fake`, the Slack and PagerDuty
stand-in): a test using one is end to end (marked `e2e`) without saying so."""


LONGEST_MODULES = (
    "tests/ci/test_pre_commit.py",
    "tests/daemon/test_daemon.py",
    "tests/report/test_hostile_render.py",
    "tests/alerts/test_alert_payloads.py",
    "tests/auth/test_auth.py",
    "tests/drift/test_review_workflow.py",
    "tests/evidence/test_evidence_pack.py",
    "tests/daemon/test_routing.py",
    "tests/daemon/test_realtime.py",
    "tests/daemon/test_grouping.py",
    "tests/ci/test_action.py",
)
"""The modules that take longest on one worker (2.5 to 5 minutes each on a loaded two-core
machine: real servers, daemons, pip installs, 15 MB scans), longest first: handed out first.
Not tests/collect/test_conformance.py: its scenarios fail at the conformance client's 30 s
deadline when they start beside pre-commit's pip installs on a loaded machine."""


def longest_first(items: list[pytest.Item]) -> list[pytest.Item]:
    """Modules in the order a two-worker run ends soonest: the longest known, then those that start
    processes, then the in-process rest, each module whole and in its own order.

    `make test` hands whole modules to workers in collection order (`--dist loadscope
    --no-loadscope-reorder`); xdist's own order (most tests first) left the single-test daemon
    modules of a minute or two for last, one worker running them alone while the other idled.
    """
    modules: dict[str, list[pytest.Item]] = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::")[0], []).append(item)

    def rank(module: str) -> tuple[int, int]:
        if module in LONGEST_MODULES:
            return 0, LONGEST_MODULES.index(module)
        return (1 if any(i.get_closest_marker("e2e") for i in modules[module]) else 2), 0

    ordered = sorted(modules, key=rank)  # (stable: collection order within a rank)
    return [item for module in ordered for item in modules[module]]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the end-to-end layer, and leave the PostgreSQL pass only what it adds.

    1. A test using a fixture that starts processes is `e2e`, as is every test of a module that
       says so (`pytestmark`); `make test-fast` runs the rest (`-m "not e2e"`), and
       `_in_process_only` holds them to it.
    2. The PostgreSQL pass (`DRIFTWATCH_TEST_DATABASE_URL` set) runs the in-process tests that use
       the database under test, directly or through a fixture, and the end-to-end tests marked
       `postgres` (the store, the drift lifecycle, replicas, an outage): the others (detectors,
       renderers, CLI and server plumbing whose database use is incidental) already ran in the
       SQLite pass and would only repeat, at twelve minutes more per run.
    """
    for item in items:
        if E2E_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)
    items[:] = longest_first(items)
    if not os.environ.get("DRIFTWATCH_TEST_DATABASE_URL"):
        return
    skip = pytest.mark.skip(reason="does not use the database under test: runs in the SQLite pass")
    repeat = pytest.mark.skip(reason="its database use is incidental: runs in the SQLite pass")
    for item in items:
        if "database_url" not in getattr(item, "fixturenames", ()):
            item.add_marker(skip)
        elif item.get_closest_marker("e2e") and not item.get_closest_marker("postgres"):
            item.add_marker(repeat)


@pytest.fixture(autouse=True)
def _in_process_only(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test not marked `e2e` starts no process and listens on no socket: the fast loop stays
    fast, and a test that does either without saying so fails here, naming itself, instead of
    slowing everyone down."""
    if request.node.get_closest_marker("e2e") is not None:
        return
    name = request.node.nodeid

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"{name} starts a process or a server: mark it `e2e` (pytest.mark.e2e)")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    monkeypatch.setattr(socket.socket, "listen", refuse)


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    url = os.environ.get("DRIFTWATCH_TEST_DATABASE_URL")
    if url is None:
        yield f"sqlite:///{tmp_path / 'driftwatch.db'}"
        return
    _create_database(url)
    _empty_database(url)
    yield url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return load_settings(
        database_url=database_url,
        registry=tmp_path / "registry.yaml",
        request_timeout="5s",
        server_timeout="15s",
        stdio_shutdown_grace="0.5s",
        semantic_detection="off",  # (its worker and model: tests/detect/test_semantic.py only)
    )


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = Store.open(settings)
    yield opened
    opened.close()


@pytest.fixture
def processes() -> Iterator[Processes]:
    running = Processes()
    yield running
    running.stop_all()


@pytest.fixture
def everything_http(processes: Processes) -> Callable[[str, Path], str]:
    """Start published server-everything over HTTP; returns its URL. transport: sse | streamableHttp."""

    def start(transport: str, script: Path = EVERYTHING) -> str:
        port = free_port()
        processes.start(
            [node(), "--require", str(TEST_SERVERS / "loopback.cjs"), str(script), transport],
            port,
            env={"PORT": str(port)},
        )
        return f"http://127.0.0.1:{port}/{'sse' if transport == 'sse' else 'mcp'}"

    return start


@pytest.fixture
def controlled(tmp_path: Path) -> ControlledServer:
    server = ControlledServer(tmp_path / "manifest.json")
    server.write(default_manifest())
    return server


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium); CI runs this test")
    return CHROMIUM


@pytest.fixture
def fake() -> Iterator[FakeSaaS]:
    with FakeSaaS().running() as running:
        yield running


@pytest.fixture
def daemon_env(database_url: str, tmp_path: Path, fake: FakeSaaS) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")}
    env.update(
        {
            "DRIFTWATCH_DATABASE_URL": database_url,
            "DRIFTWATCH_REGISTRY": str(tmp_path / "registry.yaml"),
            "DRIFTWATCH_SCAN_INTERVAL": f"{DAEMON_INTERVAL}s",
            "DRIFTWATCH_HTTP_HOST": "127.0.0.1",
            "DRIFTWATCH_HTTP_PORT": "0",  # a port the daemon binds itself (DaemonProcess.start)
            "DRIFTWATCH_SLACK_BOT_TOKEN": "xoxb-test-token-1234",
            "DRIFTWATCH_SLACK_CHANNEL": "#mcp-alerts",
            "DRIFTWATCH_SLACK_API_URL": fake.slack_url,
            "DRIFTWATCH_PAGERDUTY_ROUTING_KEY": "pd-routing-key-5678",
            "DRIFTWATCH_PAGERDUTY_EVENTS_URL": fake.pagerduty_url,
            "DRIFTWATCH_WEBHOOK_URL": fake.webhook_url,
            "DRIFTWATCH_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "DRIFTWATCH_OPSGENIE_API_KEY": "genie-key-test-1234",
            "DRIFTWATCH_OPSGENIE_API_URL": fake.opsgenie_url,
            "DRIFTWATCH_TEAMS_WEBHOOK_URL": fake.teams_url,
            "DRIFTWATCH_SIEM_FILE": str(tmp_path / "driftwatch.ocsf.jsonl"),
            "DRIFTWATCH_SPLUNK_HEC_URL": fake.splunk_url,
            "DRIFTWATCH_SPLUNK_HEC_TOKEN": "splunk-hec-token-1234",
            "DRIFTWATCH_ALERT_BACKOFF": "200ms",
            "DRIFTWATCH_ALERT_BACKOFF_CAP": "1s",
            "DRIFTWATCH_ALERT_TIMEOUT": "2s",
            "DRIFTWATCH_SHUTDOWN_GRACE": "5s",
            "DRIFTWATCH_SERVER_TIMEOUT": "20s",
            "DRIFTWATCH_LOG_LEVEL": "info",
            # The semantic layer's worker and model are tests/detect/test_semantic.py's: elsewhere
            # they would add a model's load and its findings to every daemon.
            "DRIFTWATCH_SEMANTIC_DETECTION": "off",
        }
    )
    if not database_url.startswith("sqlite"):
        subprocess.run(
            [str(VENV_BIN / "driftwatch"), "db", "upgrade"], env=env, check=True, capture_output=True
        )
    return env


@pytest.fixture
def daemon(daemon_env: dict[str, str], tmp_path: Path) -> Iterator[DaemonProcess]:
    process = DaemonProcess(daemon_env, int(daemon_env["DRIFTWATCH_HTTP_PORT"]), tmp_path / "daemon.log")
    yield process
    process.stop()
