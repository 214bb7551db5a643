"""Running the real daemon process in tests, and reading what the SaaS stand-in received."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock

import yaml
from sqlalchemy import Engine, create_engine, func, select

from driftwatch import approval
from driftwatch.model import AlertState, EventState
from driftwatch.registry import load_registry
from driftwatch.settings import load_settings
from driftwatch.store import Store
from driftwatch.store.models import Alert, DriftEvent, Observation, ScanSlot, Server
from tests.fake_saas import FakeSaaS
from tests.support import VENV_BIN, driftwatch

DAEMON_INTERVAL = 3
"""Seconds between scans of a server in the daemon tests. Every scan of a stdio server starts a
Python process (about 0.6 s of a core for the manifest server's imports), so a one-second interval
kept both cores of a CI machine busy restarting servers the test was only waiting on: the daemon
tests took 440 s of CPU and 452 s on two workers at 1 s, 332 s and 336 s at 3 s (2026-12-06,
loaded). The waits poll the database and the stand-ins, so a longer interval costs a test at most
one interval per step it waits for a scan."""


def wait_for(check: Callable[[], Any], timeout: float = 30, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


ALIVE = '{"status":"alive"}'
"""What the daemon's /healthz answers (daemon.Daemon.http_app)."""

_RUNNING = re.compile(r'driftwatch running\b[^\n]*\bport"?\s*[=:]\s*(\d+)')
"""The daemon's start line with the port it listens on (daemon.Daemon.run), in the console's
`port=N` and in JSON's `"port": N`."""


class DaemonProcess:
    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.env, self.port, self.log = env, port, log
        self.process: subprocess.Popen[bytes] | None = None
        self._engine: Engine | None = None

    @property
    def database(self) -> Engine:
        """The daemon's database, read directly: what the waits poll (a query costs milliseconds,
        a `driftwatch` CLI process a second of a core the daemon needs)."""
        if self._engine is None:
            self._engine = create_engine(self.env["DRIFTWATCH_DATABASE_URL"])
        return self._engine

    def scanned(self, *servers: str) -> bool:
        """Every one of `servers` has a stored observation (it was scanned at least once)."""
        with self.database.connect() as connection:
            joined = select(Server.name).join(Observation, Observation.server_id == Server.id)
            return set(servers) <= set(connection.scalars(joined))

    def between_scans(self, server: str) -> bool:
        """The server's latest claimed scan is stored: none of it is under way. A scan claims its
        slot (store/slots.py) before it starts and stores its observation when it ends, so a scan
        that started before the server left the registry, or before any other edit, has ended once
        this holds; the scan counter alone cannot say whose scan ended."""
        with self.database.connect() as connection:
            claimed = connection.scalar(select(ScanSlot.claimed_at).where(ScanSlot.server_name == server))
            stored = connection.scalar(
                select(func.max(Observation.last_seen))
                .join(Server, Observation.server_id == Server.id)
                .where(Server.name == server)
            )
        return claimed is not None and stored is not None and stored >= claimed

    def sent(self, server: str, channel: str, action: str) -> int:
        """How many of the server's alerts (`channel`, `action`) the outbox recorded as sent. A
        delivery's `sent_at` is written after the receiver answered: a test that reads it (the
        evidence pack's time to page) waits for this, not for the stand-in alone."""
        query = (
            select(func.count())
            .select_from(Alert)
            .join(Server, Alert.server_id == Server.id)
            .where(Server.name == server, Alert.channel == channel, Alert.action == action)
            .where(Alert.state == AlertState.SENT)
        )
        with self.database.connect() as connection:
            return connection.scalar(query) or 0

    def events(self, server: str, state: str | None = None) -> list[int]:
        """The ids of the server's drift events (in `state`, when given), oldest first; none before
        its first scan."""
        query = (
            select(DriftEvent.id)
            .join(Server, DriftEvent.server_id == Server.id)
            .where(Server.name == server)
            .order_by(DriftEvent.id)
        )
        if state is not None:
            query = query.where(DriftEvent.state == EventState(state))
        with self.database.connect() as connection:
            return list(connection.scalars(query))

    def approve_all(self, servers: list[str], by: str, reason: str) -> None:
        """Approve each server's latest manifest in this process, with the daemon's settings: what
        `driftwatch approve NAME` does (approval.approve), without a CLI process per server where
        approving is only a test's setup (tests/drift and the daemon tests run the command)."""
        own = {k: v for k, v in self.env.items() if k.startswith("DRIFTWATCH_")}
        with mock.patch.dict(os.environ, own):
            settings = load_settings()
            registry = load_registry(settings)
            store = Store.open(settings)
        try:
            for server in servers:
                now = datetime.now(UTC)
                approval.approve(
                    store, settings, registry, server, ref=None, by=by, reason=reason, ticket=None, now=now
                )
        finally:
            store.close()

    def start(self) -> None:
        """Start the daemon and wait for its own /healthz. With `DRIFTWATCH_HTTP_PORT` 0 the daemon
        binds a port the system chooses and names it in its "driftwatch running" line: `port` is
        read from there, so no other test's server can take the port between a choice and a bind
        (a port chosen by free_port() and bound later can be: CI at 788070c failed so once)."""
        written = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [str(VENV_BIN / "driftwatch"), "run"],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        if self.env.get("DRIFTWATCH_HTTP_PORT") == "0":
            self.port = wait_for(lambda: self._announced_port(written), 30, "the daemon's port in its log")
        wait_for(lambda: self.get("/healthz") == (200, ALIVE), 30, "the daemon's /healthz")

    def _announced_port(self, offset: int) -> int | None:
        """The port in the daemon's "driftwatch running" line written past `offset` of its log."""
        with self.log.open("rb") as log:
            log.seek(offset)
            found = _RUNNING.search(log.read().decode(errors="replace"))
        return int(found.group(1)) if found else None

    def get(self, path: str) -> tuple[int, str] | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=2) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except OSError:
            return None

    def scans(self) -> int:
        """Scans the daemon finished so far, whatever their outcome (its /metrics counter): a count
        that proves "many more scans" without sleeping a guessed number of intervals."""
        return self.counted("driftwatch_scans_total{")

    def counted(self, prefix: str) -> int:
        """The sum of the daemon's /metrics samples whose line starts with `prefix` (0 when down)."""
        answer = self.get("/metrics")
        if answer is None or answer[0] != 200:
            return 0
        samples = [line.split()[-1] for line in answer[1].splitlines() if line.startswith(prefix)]
        return int(sum(map(float, samples)))

    def scans_after(self, count: int) -> Callable[[], bool]:
        """A check for `wait_for`: `count` more scans than now have finished."""
        target = self.scans() + count
        return lambda: self.scans() >= target

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return driftwatch(*args, env=self.env, timeout=60)

    def observations(self, server: str) -> list[dict[str, Any]]:
        """The server's stored observations; none while it has never been scanned."""
        done = self.cli("history", server, "--format", "json")
        found: list[dict[str, Any]] = json.loads(done.stdout)["observations"] if done.returncode == 0 else []
        return found

    def cli_json(self, *args: str) -> Any:
        """A command's JSON output; a failed command fails the test with what it said."""
        done = self.cli(*args)
        assert done.returncode == 0, (
            f"driftwatch {' '.join(args)}: exit {done.returncode}: {done.stderr[-2000:]}"
        )
        return json.loads(done.stdout)

    def kill(self, sig: signal.Signals = signal.SIGKILL) -> int:
        assert self.process is not None
        self.process.send_signal(sig)
        return self.process.wait(timeout=60)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        if self._engine is not None:
            self._engine.dispose()


def register(path: Path, *entries: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump({"servers": list(entries)}))


def drift_posts(fake: FakeSaaS) -> list[Any]:
    return [r for r in fake.delivered("slack") if "MCP drift on" in r.body.get("text", "")]


def triggers(fake: FakeSaaS) -> list[Any]:
    return [r for r in fake.delivered("pagerduty") if r.body.get("event_action") == "trigger"]
