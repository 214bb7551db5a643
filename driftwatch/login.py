"""`driftwatch auth login SERVER`: the one step of the authorization code flow that needs a person.

driftwatch prints the authorization URL (and opens a browser, which `BROWSER` chooses), listens on
a loopback port for the redirect that carries the code, and stores the tokens the exchange yields.
With `offline_access` granted, the refresh token lets the daemon scan from then on unattended.

An application service beside monitor and approval (not under auth/, which only provides OAuth to
the collector): it runs a scan, so it sits above both.
"""

from __future__ import annotations

import threading
import webbrowser
from collections.abc import Callable
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import anyio
from mcp.shared.auth import AuthorizationCodeResult

from driftwatch.auth.storage import auth_for, database_tokens
from driftwatch.collect.client import Collected, Collector
from driftwatch.errors import LoginError
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from driftwatch.store import Store

_PAGE = b"<!doctype html><title>driftwatch</title><p>driftwatch has the authorization; close this tab."


class _CallbackServer(HTTPServer):
    received: threading.Event
    params: dict[str, str]


class _Callback(BaseHTTPRequestHandler):
    server: _CallbackServer

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != "/callback":
            self.send_error(404)
            return
        self.server.params = dict(parse_qsl(parts.query))
        self.server.received.set()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(_PAGE)))
        self.end_headers()
        self.wfile.write(_PAGE)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the request line carries the authorization code."""


class LoopbackAuthorizer:
    """Shows the authorization URL and catches the redirect on 127.0.0.1:`port`: always the same
    port, since the client registration (dynamic or not) names the redirect URI."""

    def __init__(
        self, port: int, *, show: Callable[[str], None], open_browser: bool, wait_seconds: float
    ) -> None:
        try:
            self._server = _CallbackServer(("127.0.0.1", port), _Callback)
        except OSError as exc:
            raise LoginError(
                f"cannot listen on 127.0.0.1:{port} for the redirect ({exc.strerror}): "
                "free the port or set `redirect_port` in the server's auth block"
            ) from exc
        self._server.received = threading.Event()
        self._server.params = {}
        self.redirect_uri = f"http://127.0.0.1:{self._server.server_port}/callback"
        self._show, self._open_browser, self.wait_seconds = show, open_browser, wait_seconds

    async def redirect_handler(self, authorization_url: str) -> None:
        threading.Thread(target=self._serve, daemon=True).start()
        self._show(authorization_url)
        if self._open_browser:
            await anyio.to_thread.run_sync(webbrowser.open, authorization_url)

    def _serve(self) -> None:
        self._server.timeout = 1
        while not self._server.received.is_set():
            self._server.handle_request()

    async def callback_handler(self) -> AuthorizationCodeResult:
        if not await anyio.to_thread.run_sync(self._server.received.wait, self.wait_seconds):
            self._server.received.set()  # stops the listener
            raise LoginError(f"no authorization arrived within {self.wait_seconds:g}s")
        params = self._server.params
        if "error" in params:
            raise LoginError(f"the authorization server refused: {params['error']}")
        return AuthorizationCodeResult(
            code=params.get("code", ""), state=params.get("state"), iss=params.get("iss")
        )

    def close(self) -> None:
        self._server.received.set()
        self._server.server_close()


async def login(
    spec: ServerSpec, settings: Settings, store: Store, authorizer: LoopbackAuthorizer
) -> Collected:
    """Run the flow for `spec` and keep its tokens, then read the server with them to prove they work."""
    collector = Collector(settings, auth_for(database_tokens(store, settings), authorizer))
    patient = spec.model_copy(
        update={"timeout": timedelta(seconds=authorizer.wait_seconds) + spec.scan_timeout(settings)}
    )
    try:
        async with collector.session():
            return await collector.collect(patient)
    finally:
        authorizer.close()
