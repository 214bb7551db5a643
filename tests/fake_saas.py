"""A local stand-in for Slack's Web API and PagerDuty's Events API v2 that records what it got.

The only stand-ins the test suite allows are at the SaaS edge. This one speaks just enough of
both APIs for driftwatch (chat.postMessage with threads; enqueue with dedup keys) and can be told
to fail: answer 500, or hang past the client's timeout, for a while.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs


@dataclass
class Recorded:
    service: str  # "slack" | "pagerduty"
    path: str
    body: dict[str, Any]
    status: int
    headers: dict[str, str]
    answer: dict[str, Any]


@dataclass
class FakeSaaS:
    """Start with `running()`; `slack_url`, `pagerduty_url` point at it."""

    requests: list[Recorded] = field(default_factory=list)
    mode: str = "ok"  # "ok" | "error" (HTTP 500) | "hang" (no answer for `hang_seconds`)
    hang_seconds: float = 15.0
    port: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: int = 0

    @property
    def slack_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    @property
    def pagerduty_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v2/enqueue"

    def delivered(self, service: str) -> list[Recorded]:
        """Requests the fake accepted (2xx), in order."""
        with self._lock:
            return [r for r in self.requests if r.service == service and r.status < 300]

    def handle(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
        service = "pagerduty" if path.startswith("/v2/") else "slack"
        if self.mode == "hang":
            time.sleep(self.hang_seconds)
            status, answer = 504, {"ok": False}
        elif self.mode == "error":
            status, answer = 500, {"ok": False, "error": "internal_error"}
        elif service == "pagerduty":
            status, answer = (
                202,
                {"status": "success", "dedup_key": body.get("dedup_key"), "message": "Event processed"},
            )
        else:
            with self._lock:
                self._ts += 1
                ts = f"1700000000.{self._ts:06d}"
            status, answer = 200, {"ok": True, "channel": body.get("channel", "C1"), "ts": ts}
        with self._lock:
            self.requests.append(Recorded(service, path, body, status, headers, answer))
        return status, answer

    @contextmanager
    def running(self) -> Iterator[FakeSaaS]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw).items()}
                    for key in ("blocks",):
                        if isinstance(body.get(key), str):
                            body[key] = json.loads(body[key])
                status, answer = fake.handle(self.path, body, dict(self.headers))
                data = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the "hang" mode)

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self.port = server.server_address[1]
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
