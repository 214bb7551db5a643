"""The conformance suite's client command: the scenario's credentials as driftwatch config, then a scan.

`conformance client --command "python tests/conformance/adapter.py" --scenario NAME` runs this with
the scenario server's URL as the last argument, `MCP_CONFORMANCE_SCENARIO` and, for credential
scenarios, `MCP_CONFORMANCE_CONTEXT` (JSON: client_id, client_secret, private_key_pem, …). What an
operator would write in the registry is written here, in a fresh directory with its own SQLite
database and secret key; then it runs what an operator would run: `driftwatch auth login` for the
authorization code flow (the suite's authorization server approves at once; browser.py plays the
browser), and `driftwatch scan --url URL`.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from cryptography.fernet import Fernet

HERE = Path(__file__).resolve().parent
DRIFTWATCH = str(Path(sys.executable).with_name("driftwatch"))
CIMD_URL = "https://conformance-test.local/client-metadata.json"
"""The client ID metadata document URL the suite expects (it never fetches it)."""


def free_port() -> int:
    """A port nobody holds now (this script runs alone, without the test package on its path)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def oauth_block(scenario: str, context: dict[str, Any], work: Path) -> dict[str, Any] | None:
    """The registry `auth:` block for a scenario, or None when it needs no credentials."""
    if "private_key_pem" in context:
        (work / "client-key.pem").write_text(context["private_key_pem"])
        return {
            "flow": "private_key_jwt",
            "client_id": context["client_id"],
            "private_key": "${file:" + str(work / "client-key.pem") + "}",
            "signing_algorithm": context.get("signing_algorithm", "RS256"),
        }
    if scenario.startswith("auth/client-credentials"):
        return {
            "flow": "client_credentials",
            "client_id": context["client_id"],
            "client_secret": "${CLIENT_SECRET}",
        }
    if not scenario.startswith("auth/"):
        return None
    block: dict[str, Any] = {
        "flow": "authorization_code",
        "client_metadata_url": CIMD_URL,
        "redirect_port": free_port(),  # the default lies in the ephemeral range: see test_auth.py
    }
    if "client_id" in context:  # a pre-registered client
        block["client_id"] = context["client_id"]
        if "client_secret" in context:
            block["client_secret"] = "${CLIENT_SECRET}"
    return block


def main() -> int:
    """One scenario in a temporary directory that is removed afterwards, whatever the outcome."""
    with tempfile.TemporaryDirectory(prefix="driftwatch-conformance-") as work:
        return run_scenario(sys.argv[-1], Path(work))


def run_scenario(url: str, work: Path) -> int:
    scenario = os.environ.get("MCP_CONFORMANCE_SCENARIO", "")
    context = json.loads(os.environ.get("MCP_CONFORMANCE_CONTEXT") or "{}")
    auth = oauth_block(scenario, context, work)
    config: dict[str, Any] = {
        "database_url": f"sqlite:///{work / 'driftwatch.db'}",
        "registry": str(work / "none.yaml"),
        # the suite's authorization servers run on loopback, on origins of their own: an operator
        # testing against local ones allows them (collect/guard.py, the SSRF guard)
        "ssrf_allow": ["127.0.0.0/8", "::1", "localhost"],
    }
    config["servers"] = (
        [{"name": "conformance", "transport": "streamable_http", "url": url, "auth": auth}] if auth else []
    )
    (work / "config.yaml").write_text(yaml.safe_dump(config))
    (work / "none.yaml").write_text("servers: []\n")
    env = {
        **os.environ,
        "DRIFTWATCH_CONFIG": str(work / "config.yaml"),
        "DRIFTWATCH_SECRET_KEY": Fernet.generate_key().decode(),
        "CLIENT_SECRET": context.get("client_secret", ""),
        "BROWSER": f"{sys.executable} {HERE / 'browser.py'} %s",
    }
    if auth is not None and auth["flow"] == "authorization_code":
        login = subprocess.run(
            [DRIFTWATCH, "auth", "login", "conformance", "--wait", "20s"], env=env, check=False
        )
        if login.returncode != 0:
            return login.returncode
    return subprocess.run(
        [DRIFTWATCH, "scan", "--url", url, "--format", "json"], env=env, check=False
    ).returncode


if __name__ == "__main__":
    sys.exit(main())
