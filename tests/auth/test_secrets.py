"""Secrets given to servers (env values, header values) never reach the database, logs or output."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from driftwatch import redact
from tests.localhttp import StandIn, listening
from tests.support import PY, TEST_SERVERS, VENV_BIN, ControlledServer

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the driftwatch CLI or daemon)

ENV_SECRET = "env-secret-7d1f9a3b5c"
HEADER_SECRET = "hdr-secret-4e8b2c6a0f"
QUERY_SECRET = "qry-secret-9c3a5e7b1d"


class _Recorder(StandIn):
    seen: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        _Recorder.seen.append(self.headers.get("Authorization", ""))
        self.reply(401)

    do_GET = do_POST


@pytest.fixture
def recording_server() -> Iterator[str]:
    _Recorder.seen = []
    with listening(_Recorder) as where:
        yield f"{where.url}/mcp"


def _registry(controlled: ControlledServer, recording_server: str) -> dict[str, Any]:
    """Four servers, each handed a secret a different way: an env value, the env of a server that
    echoes it on stderr, a header, a URL's query string."""
    return {
        "servers": [
            {**controlled.registry_entry(), "env": {"API_KEY": "${SECRET_FOR_TEST}"}},
            {
                "name": "leaky",
                "command": PY,
                "args": [str(TEST_SERVERS / "faulty_server.py"), "secret-stderr"],
                "env": {"SECRET_TOKEN": "${SECRET_FOR_TEST}"},
            },
            {
                "name": "protected",
                "transport": "streamable_http",
                "url": recording_server,
                "headers": {"Authorization": "Bearer ${HEADER_FOR_TEST}"},
            },
            {
                "name": "query-token",
                "transport": "streamable_http",
                "url": f"http://127.0.0.1:9/mcp?token={QUERY_SECRET}",
            },
        ]
    }


def test_secrets_stay_out_of_database_logs_and_output(
    controlled: ControlledServer, recording_server: str, tmp_path: Path
) -> None:
    database = tmp_path / "data" / "driftwatch.db"
    (tmp_path / "registry.yaml").write_text(yaml.safe_dump(_registry(controlled, recording_server)))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DRIFTWATCH_")},
        "SECRET_FOR_TEST": ENV_SECRET,
        "HEADER_FOR_TEST": HEADER_SECRET,
        "DRIFTWATCH_DATABASE_URL": f"sqlite:///{database}",
        "DRIFTWATCH_REGISTRY": str(tmp_path / "registry.yaml"),
        "DRIFTWATCH_LOG_LEVEL": "debug",
    }
    outputs = []
    for fmt in ("text", "json"):
        done = subprocess.run(
            [str(VENV_BIN / "driftwatch"), "scan", "--format", fmt],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 3, done.stderr  # some servers failed, nothing else did
        outputs.append(done.stdout + done.stderr)
    listed = subprocess.run(
        [str(VENV_BIN / "driftwatch"), "servers", "list", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    outputs.append(listed.stdout + listed.stderr)

    # the secrets were really used: the header reached the server, the env reached the process
    assert f"Bearer {HEADER_SECRET}" in _Recorder.seen
    everything = "\n".join(outputs)
    assert "leaky" in everything
    assert f"starting with token={redact.MARKER}" in everything  # the server echoed it; we masked it
    assert "answered HTTP 401" in everything

    stored = b"".join(p.read_bytes() for p in database.parent.iterdir())
    assert stored  # the database (and its WAL) was written
    for secret in (ENV_SECRET, HEADER_SECRET, QUERY_SECRET):
        assert secret not in everything
        assert secret.encode() not in stored
