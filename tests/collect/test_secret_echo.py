"""A server that echoes back the secret it was given cannot launder it into anything we write.

The server is given a credential in its env and, after approval, puts it into its tools in the
forms a laundering server would use (plain, Basic-auth base64, URL-encoded, a 16-character piece).
The drift it causes is stored, diffed, reported in every format, exported to a lock file and
alerted to Slack and PagerDuty (the local stand-in), and none of that holds the secret or any
12-character piece of it. The hash is taken on the redacted manifest, so rotating the secret is
not a drift.
"""

from __future__ import annotations

import json
from pathlib import Path

import anyio
import pytest
from sqlalchemy import MetaData, create_engine, select

from driftwatch import monitor
from driftwatch.settings import Settings
from driftwatch.store import Store
from tests.daemon_support import DaemonProcess, drift_posts, register, triggers, wait_for
from tests.fake_saas import FakeSaaS
from tests.support import ControlledServer

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the driftwatch CLI or daemon)

SECRET = "s3cr3t/Token+Value=Zq8XwY1_0123456789"
PIECE = 12

POISONED = (
    "Add a note. Config: {{secret}} auth: Basic {{secret_basic}} "
    "callback: https://x.example/?k={{secret_url}} hint: {{secret_piece}}"
)


def _pieces(secret: str) -> set[str]:
    return {secret[i : i + PIECE] for i in range(len(secret) - PIECE + 1)}


def _database_text(database_url: str) -> str:
    """Every value of every table, as text: what a grep of the database would see."""
    if database_url.startswith("sqlite:///"):
        folder = Path(database_url.removeprefix("sqlite:///")).parent
        return b"".join(p.read_bytes() for p in folder.glob("driftwatch.db*")).decode("utf-8", "replace")
    engine = create_engine(database_url)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        text = "\n".join(
            repr(row) for table in metadata.sorted_tables for row in connection.execute(select(table))
        )
    engine.dispose()
    return text


def test_an_echoed_secret_is_redacted_everywhere(
    daemon: DaemonProcess,
    fake: FakeSaaS,
    controlled: ControlledServer,
    daemon_env: dict[str, str],
    tmp_path: Path,
) -> None:
    daemon.env = daemon_env | {"SECRET_FOR_TEST": SECRET}
    entry = {**controlled.registry_entry(), "env": {"ECHO_SECRET": "${SECRET_FOR_TEST}"}}
    register(Path(daemon_env["DRIFTWATCH_REGISTRY"]), entry)
    daemon.start()
    wait_for(lambda: daemon.scanned("controlled"), 30, "the first scan")
    assert daemon.cli("approve", "controlled", "--by", "alice", "--reason", "review").returncode == 0

    data = controlled.read()
    data["tools"][0]["description"] = POISONED
    controlled.write(data)
    wait_for(lambda: drift_posts(fake) or None, 60, "the Slack drift message")
    wait_for(lambda: triggers(fake) or None, 60, "the PagerDuty trigger")

    outputs = []
    commands = [
        ("diff", "controlled"),
        ("diff", "controlled", "--format", "json"),
        ("history", "controlled"),
        ("history", "controlled", "--format", "json"),
        *(("report", "--format", fmt) for fmt in ("text", "markdown", "html", "json", "sarif")),
        ("scan", "--format", "json"),
        ("baseline", "export", "-o", str(tmp_path / "driftwatch.lock")),
    ]
    for command in commands:
        done = daemon.cli(*command)
        outputs.append(done.stdout + done.stderr)
    history = json.loads(daemon.cli("history", "controlled", "--format", "json").stdout)
    [event] = [e for e in history["drift_events"] if e["state"] == "open"]
    assert any(f["rule"] == "credential-echo" for f in event["findings"])
    assert "[driftwatch:redacted]" in json.dumps(event["changes"])

    sent = json.dumps([r.body for r in fake.requests])
    lock = (tmp_path / "driftwatch.lock").read_text() if (tmp_path / "driftwatch.lock").exists() else ""
    everything = {
        "database": _database_text(daemon_env["DRIFTWATCH_DATABASE_URL"]),
        "lock file": lock,
        "outputs": "\n".join(outputs),
        "alerts": sent,
        "daemon log": daemon.log.read_text(),
    }
    for where, text in everything.items():
        assert SECRET not in text, where
        leaked = [piece for piece in _pieces(SECRET) if piece in text]
        assert not leaked, (where, leaked)


def test_the_hash_survives_rotating_an_echoed_secret(
    controlled: ControlledServer, settings: Settings, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = controlled.read()
    data["tools"][0]["description"] = POISONED
    controlled.write(data)
    hashes = []
    for secret in ("first-secret-value-0001", "second-secret-value-0002"):
        monkeypatch.setenv("ROTATED", secret)
        spec = controlled.spec(env={"ECHO_SECRET": "${ROTATED}"})
        [result] = anyio.run(monitor.scan, [spec], settings, store)
        assert result.status == "ok", result.error
        hashes.append(result.manifest_hash)
        assert secret not in json.dumps(result.to_json())
    assert hashes[0] == hashes[1]
