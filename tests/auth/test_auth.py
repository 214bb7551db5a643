"""OAuth against a real protected MCP server (tests/servers/oauth_server.py, with its own
authorization server): login, token custody, unattended refresh, refused credentials.

The flows themselves (discovery variants, registration, scopes, back-compat) are proven against
the official conformance suite in test_conformance.py; these tests are about what a monitor must
add: tokens encrypted at rest, a key rotation that explains itself, and one notification, not one
per scan, when a credential is revoked; and the server's authorization surface pinned: a new
authorization server in its protected resource metadata is `high` drift (`auth-surface-changed`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet

from tests.daemon_support import DaemonProcess, register, wait_for
from tests.fake_saas import FakeSaaS
from tests.support import TEST_SERVERS, VENV_BIN, Processes, default_manifest, free_port

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the driftwatch CLI or daemon)

BROWSER = f"{sys.executable} {Path(__file__).resolve().parents[1] / 'conformance' / 'browser.py'} %s"
"""Plays the person's browser: follows the authorization URL's redirect to driftwatch's listener."""


class OAuthServer:
    def __init__(self, base: str) -> None:
        self.base = base
        self.url = f"{base}/mcp"

    def grants(self) -> list[dict[str, Any]]:
        answer: list[dict[str, Any]] = httpx.get(f"{self.base}/admin/grants").json()
        return answer

    def revoke(self) -> None:
        httpx.post(f"{self.base}/admin/revoke").raise_for_status()

    def entry(self, name: str = "notes", **auth: Any) -> dict[str, Any]:
        return {
            "name": name,
            "transport": "streamable_http",
            "url": self.url,
            # a free port, not the default: 33418 lies in Linux's ephemeral range, where any
            # outgoing connection on the machine may hold it for a while
            "auth": auth or {"flow": "authorization_code", "redirect_port": free_port()},
            "owner": {"team": "platform"},
        }


@pytest.fixture
def oauth(processes: Processes, tmp_path: Path) -> OAuthServer:
    manifest = tmp_path / "oauth-manifest.json"
    manifest.write_text(json.dumps(default_manifest()))
    port = free_port()
    processes.start(
        [sys.executable, str(TEST_SERVERS / "oauth_server.py"), str(manifest), str(port), "2"], port
    )
    return OAuthServer(f"http://127.0.0.1:{port}")


class Cli:
    """`driftwatch` on its own SQLite file (the raw bytes are inspected), with a secret key."""

    def __init__(self, tmp_path: Path) -> None:
        self.env = {
            "DRIFTWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'auth.db'}",
            "DRIFTWATCH_REGISTRY": str(tmp_path / "registry.yaml"),
            "DRIFTWATCH_SECRET_KEY": Fernet.generate_key().decode(),
            "DRIFTWATCH_LOG_LEVEL": "debug",
            "BROWSER": BROWSER,
            "MACHINE_SECRET": "machine-secret",
        }

    def __call__(self, *args: str, **overrides: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(VENV_BIN / "driftwatch"), *args],
            env={**os.environ, **self.env, **overrides},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


def scanned(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    server: dict[str, Any] = json.loads(result.stdout)["servers"][0]
    return server


def test_login_keeps_the_refresh_token_encrypted_and_the_scans_refresh_unattended(
    oauth: OAuthServer, cli: Cli, tmp_path: Path
) -> None:
    register(tmp_path / "registry.yaml", oauth.entry())
    login = cli("auth", "login", "notes")
    assert login.returncode == 0, login.stderr
    assert "logged in: notes shows 2 tools" in login.stderr
    [granted] = oauth.grants()
    assert granted["grant_type"] == "authorization_code" and granted["refresh_token"]

    time.sleep(2.5)  # the access token (2 s) has expired: only the refresh token can help now
    scans = [cli("scan", "--format", "json") for _ in range(2)]
    for scan in scans:
        assert scan.returncode == 0, scan.stderr
        assert scanned(scan)["counts"]["tools"] == 2
    kinds = [g["grant_type"] for g in oauth.grants()]
    assert kinds == ["authorization_code", "refresh_token", "refresh_token"]  # never a person again

    status = json.loads(cli("auth", "status", "notes", "--format", "json").stdout)
    assert status["refreshable"] and status["readable_with_current_key"] and status["token"]

    secrets = {t for g in oauth.grants() for t in (g["access_token"], g["refresh_token"]) if t}
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("auth.db*"))
    shown = login.stdout + login.stderr + "".join(s.stdout + s.stderr for s in scans) + json.dumps(status)
    for secret in secrets:
        assert secret.encode() not in stored, "a token is stored in clear"
        assert secret not in shown, "a token leaked into output or debug logs"

    assert cli("auth", "logout", "notes").returncode == 0
    after = cli("scan", "--format", "json")
    assert after.returncode == 3
    assert scanned(after)["error"] == {
        "class": "auth",
        "message": "auth failed: nothing stored; run `driftwatch auth login notes`",
    }


def test_a_rotated_secret_key_without_the_old_one_is_a_clear_error(
    oauth: OAuthServer, cli: Cli, tmp_path: Path
) -> None:
    register(tmp_path / "registry.yaml", oauth.entry())
    assert cli("auth", "login", "notes").returncode == 0
    old = cli.env["DRIFTWATCH_SECRET_KEY"]
    new = Fernet.generate_key().decode()

    rotated = cli("scan", "--format", "json", DRIFTWATCH_SECRET_KEY=new)
    assert rotated.returncode == 3, rotated.stderr
    error = scanned(rotated)["error"]
    assert error["class"] == "config"
    assert "encrypted with a different DRIFTWATCH_SECRET_KEY" in error["message"]
    assert "Traceback" not in rotated.stderr
    status = json.loads(cli("auth", "status", "notes", "--format", "json", DRIFTWATCH_SECRET_KEY=new).stdout)
    assert status["readable_with_current_key"] is False

    both = cli("scan", "--format", "json", DRIFTWATCH_SECRET_KEY=f"{new},{old}")
    assert both.returncode == 0, both.stderr
    alone = cli(
        "scan", "--format", "json", DRIFTWATCH_SECRET_KEY=new
    )  # rewritten with the new key by the refresh
    assert alone.returncode == 0, alone.stderr


def test_client_credentials_and_a_revoked_secret(oauth: OAuthServer, cli: Cli, tmp_path: Path) -> None:
    entry = oauth.entry(flow="client_credentials", client_id="machine", client_secret="${MACHINE_SECRET}")
    register(tmp_path / "registry.yaml", entry)
    first = cli("scan", "--format", "json")
    assert first.returncode == 0, first.stderr
    assert [g["grant_type"] for g in oauth.grants()] == ["client_credentials"]

    oauth.revoke()
    refused = cli("scan", "--format", "json")
    assert refused.returncode == 3
    assert scanned(refused)["error"] == {
        "class": "auth",
        "message": "auth failed: invalid_client (token request)",
    }
    assert "machine-secret" not in refused.stdout + refused.stderr


def test_a_revoked_grant_notifies_the_owner_once_over_many_scans(
    oauth: OAuthServer, daemon: DaemonProcess, fake: FakeSaaS, daemon_env: dict[str, str]
) -> None:
    daemon_env.update({"DRIFTWATCH_SECRET_KEY": Fernet.generate_key().decode(), "BROWSER": BROWSER})
    register(Path(daemon_env["DRIFTWATCH_REGISTRY"]), oauth.entry())
    login = daemon.cli("auth", "login", "notes")
    assert login.returncode == 0, login.stderr
    daemon.start()
    wait_for(lambda: "refresh_token" in [g["grant_type"] for g in oauth.grants()], 30, "a refreshed scan")

    oauth.revoke()

    def refused() -> list[Any]:
        return [r for r in fake.delivered("slack") if "credentials were refused" in r.body.get("text", "")]

    [notice] = wait_for(refused, 30, "the Slack notice")
    wait_for(daemon.scans_after(5), 30, "five more scans, all refused")
    assert len(refused()) == 1
    assert "invalid_grant" in notice.body["text"] and "driftwatch auth login notes" in notice.body["text"]
    history = json.loads(daemon.cli("history", "notes", "--format", "json").stdout)
    latest = history["observations"][-1]  # oldest first
    assert latest["status"] == "error" and latest["scans"] > 3


# --- the authorization surface (issue 16, item 3) ---------------------------------------------


def machine(oauth: OAuthServer) -> dict[str, Any]:
    return oauth.entry(flow="client_credentials", client_id="machine", client_secret="${MACHINE_SECRET}")


def test_a_new_authorization_server_is_high_drift(oauth: OAuthServer, cli: Cli, tmp_path: Path) -> None:
    register(tmp_path / "registry.yaml", machine(oauth))
    first = cli("scan", "--format", "json")
    assert first.returncode == 0, first.stderr
    surface = scanned(first)["auth_surface"]
    assert surface == {
        "protected": True,
        "resource": oauth.url,
        "authorization_servers": [oauth.base],
        "scopes_supported": ["notes"],
        "issuers": {oauth.base: oauth.base},
        "resource_metadata": f"{oauth.base}/.well-known/oauth-protected-resource/mcp",
    }
    approved = cli("approve", "notes", "--by", "ops", "--reason", "reviewed")
    assert approved.returncode == 0, approved.stderr
    again = cli("scan", "--format", "json")
    assert scanned(again)["drift"] is None  # the same surface: nothing to say

    evil = "https://login.evil.invalid"
    moved = httpx.post(f"{oauth.base}/admin/authorization-servers", json={"authorization_servers": [evil]})
    moved.raise_for_status()
    changed = cli("scan", "--format", "json")
    server = scanned(changed)
    assert server["auth_surface"] is not None, server["error"]
    assert server["auth_surface"]["authorization_servers"] == [evil]
    assert server["auth_surface"]["issuers"] == {evil: None}  # (no such host: its issuer is unknown)
    assert server["drift"]["severity"] == "high"

    shown = cli("diff", "notes", "--format", "json")
    history = json.loads(cli("history", "notes", "--format", "json").stdout)
    events = history["drift_events"]
    opened = [e for e in events if e["state"] == "open"]
    assert len(opened) == 1, shown.stdout
    changes = {c["path"]: c for c in opened[0]["changes"]}
    assert set(changes) == {"authorization_servers", "issuers"}
    assert changes["authorization_servers"]["before"] == [oauth.base]
    assert changes["authorization_servers"]["after"] == [evil]
    assert all(c["rules"] == ["auth-surface-changed"] and c["severity"] == "high" for c in changes.values())
    assert all(c["kind"] == "authSurface" for c in changes.values())

    accepted = cli("approve", "notes", "--by", "ops", "--reason", "moved to the new IdP")
    assert accepted.returncode == 0, accepted.stderr
    assert scanned(cli("scan", "--format", "json"))["drift"] is None


def test_a_challenge_naming_other_metadata_is_high_drift(
    oauth: OAuthServer, cli: Cli, tmp_path: Path
) -> None:
    """A client follows the 401 challenge's `resource_metadata` before the well-known address: a
    server that names another document there redirects logins with the well-known one unchanged."""
    register(tmp_path / "registry.yaml", machine(oauth))
    assert cli("scan").returncode == 0
    assert cli("approve", "notes", "--by", "ops", "--reason", "reviewed").returncode == 0
    httpx.post(f"{oauth.base}/admin/challenge", json={"path": "/other-metadata"}).raise_for_status()
    server = scanned(cli("scan", "--format", "json"))
    assert server["auth_surface"] is not None, server["error"]
    assert server["auth_surface"]["resource_metadata"] == f"{oauth.base}/other-metadata"
    assert server["auth_surface"]["authorization_servers"] == ["https://login.other.invalid"]
    assert server["drift"]["severity"] == "high"
    history = json.loads(cli("history", "notes", "--format", "json").stdout)
    opened = [e for e in history["drift_events"] if e["state"] == "open"]
    assert len(opened) == 1
    changes = {c["path"]: c for c in opened[0]["changes"]}
    assert set(changes) == {"resource_metadata", "authorization_servers", "issuers"}
    assert all(c["rules"] == ["auth-surface-changed"] for c in changes.values())


# --- the SSRF guard on the OAuth flow (issue 19, item 4) --------------------------------------


def test_an_authorization_server_at_an_inside_address_is_a_login_error_unless_allowed(
    oauth: OAuthServer, cli: Cli, tmp_path: Path
) -> None:
    """The server names an authorization server on another origin that resolves to loopback: the
    flow's request is refused before it is sent (an auth error naming the address class, never the
    secret); allowed by `ssrf_allow`, the token comes from there."""
    register(tmp_path / "registry.yaml", machine(oauth))
    inside = oauth.base.replace("127.0.0.1", "localhost")
    httpx.post(f"{oauth.base}/admin/authorization-servers", json={"authorization_servers": [inside]})
    refused = cli("scan", "--format", "json")
    assert refused.returncode == 3
    error = scanned(refused)["error"]
    assert error["class"] == "auth"
    assert error["message"].startswith(f"auth failed: the server named {inside}: localhost resolves to ")
    assert error["message"].endswith(", a loopback address; refused (allow it with the ssrf_allow setting)")
    assert oauth.grants() == []  # nothing reached the token endpoint
    assert "machine-secret" not in refused.stdout + refused.stderr

    allowed = cli("scan", "--format", "json", DRIFTWATCH_SSRF_ALLOW='["localhost"]')
    assert allowed.returncode == 0, allowed.stderr
    assert scanned(allowed)["counts"]["tools"] == 2
    assert [g["grant_type"] for g in oauth.grants()] == ["client_credentials"]
    assert scanned(allowed)["auth_surface"]["issuers"] == {inside: inside}
