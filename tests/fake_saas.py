"""A local stand-in for Slack's Web API and PagerDuty's Events API v2 that records what it got.

The only stand-ins the test suite allows are at the SaaS edge. This one speaks just enough of both
APIs for driftwatch (chat.postMessage with threads, chat.update of a message it posted, else
`message_not_found`; enqueue with dedup keys) and can be told to fail: answer 500, or hang past the
client's timeout, for a while, or refuse the next rich payloads as invalid. It enforces the
documented limits the way the real services answer them: Slack Block Kit (at most 50 blocks, section
text 3,000 characters, a section field 2,000 and at most 10 fields, header text 150, message text
40,000: `200 {"ok": false, "error": "invalid_blocks"}`), PagerDuty Events API v2 (summary 1,024
characters, event 512 KB: `400 {"status": "invalid event", ...}`) and its Change Events endpoint
`/v2/change/enqueue` (`routing_key` and `payload.summary` required, summary 1,024 characters; `202
{"status": "success", "message": "Change event processed"}`); and a generic webhook receiver at
`/webhook` that verifies each request as the Standard Webhooks reference library does (signature
over id, timestamp and the exact body, timestamps within 5 minutes: else `401`) and acknowledges a
replayed `webhook-id` without recording it twice (`duplicates` counts them); and Opsgenie's Alert
API v2 (`POST /v2/alerts`, `POST /v2/alerts/{alias}/close?identifierType=alias` and `/acknowledge`,
`Authorization: GenieKey …` else 401; message 130 characters and required, alias 512, description
15,000, at most 20 tags of 50, details 8,000 characters in all and strings only, entity 512, source
100, priority P1-P5: else `422`; `202 {"result": "Request will be processed"}`); and a Teams
workflow webhook at `/teams` (a `message` with one Adaptive Card attachment, the request at most 28
KB: else `413`, a malformed card `400`; `202`); and Splunk's HTTP Event Collector at
`/services/collector/event` (`Authorization: Splunk TOKEN` else `401 {"text": "Token is required",
"code": 2}`; an `event` field required, else `400 {"text": "Event field is required", "code": 12}`;
`200 {"text": "Success", "code": 0}`).
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote

from standardwebhooks import Webhook
from standardwebhooks.exceptions import WebhookVerificationError

from tests.localhttp import StandIn, listening

WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"driftwatch-test-signing-key-32by").decode()


@dataclass
class Recorded:
    service: str  # "slack" | "pagerduty" | "webhook" | "opsgenie" | "teams" | "splunk"
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
    refuse_rich: int = 0
    """Refuse this many payloads with blocks (Slack) or custom_details (PagerDuty) as invalid."""
    port: int = 0
    webhook_secret: str = WEBHOOK_SECRET
    duplicates: int = 0
    """Webhook deliveries that repeated an id already accepted (a retry after a lost answer)."""
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: int = 0
    _posted: dict[str, str] = field(default_factory=dict)
    """Slack messages posted: ts -> channel (what chat.update may edit)."""

    @property
    def slack_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    @property
    def webhook_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"

    @property
    def splunk_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def teams_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/teams"

    def receive_teams(self, raw: str) -> tuple[int, dict[str, Any]]:
        """A Teams workflow webhook: the message's size and shape checked, then recorded."""
        body = json.loads(raw or "{}")
        if len(raw.encode()) > TEAMS_BYTES:
            status, answer = 413, {"error": {"code": "RequestEntityTooLarge"}}
        elif problems := teams_violations(body):
            status, answer = 400, {"error": {"code": "BadRequest", "message": "; ".join(problems)}}
        else:
            status, answer = 202, {}
        with self._lock:
            self.requests.append(Recorded("teams", "/teams", body, status, {}, answer))
        return status, answer

    @property
    def opsgenie_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def opsgenie_open(self) -> dict[str, Recorded]:
        """Opsgenie alerts created and not closed since, by alias."""
        alive: dict[str, Recorded] = {}
        for r in self.delivered("opsgenie"):
            if r.path == "/v2/alerts":
                alive[r.body["alias"]] = r
            elif r.path.endswith("/close"):
                alive.pop(unquote(r.path.split("/")[3]), None)
        return alive

    @property
    def pagerduty_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v2/enqueue"

    def change_events(self) -> list[Recorded]:
        """Change Events PagerDuty accepted, in order."""
        return [r for r in self.delivered("pagerduty") if r.path == "/v2/change/enqueue"]

    def delivered(self, service: str) -> list[Recorded]:
        """Requests the fake accepted (2xx), in order."""
        with self._lock:
            return [r for r in self.requests if r.service == service and r.status < 300]

    def receive_webhook(self, raw: str, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """Verify and record a webhook delivery, as a receiver following Standard Webhooks does."""
        answer: dict[str, Any]
        try:
            body = Webhook(self.webhook_secret).verify(raw, headers)
        except WebhookVerificationError as refused:
            status, answer, body = 401, {"error": str(refused)}, {"raw": raw}
        else:
            status, answer = 200, {"ok": True}
        lowered = {k.lower(): v for k, v in headers.items()}
        seen = {r.headers.get("webhook-id") for r in self.delivered("webhook")}
        with self._lock:
            if status == 200 and lowered.get("webhook-id") in seen:
                self.duplicates += 1
                return status, answer
            self.requests.append(Recorded("webhook", "/webhook", body, status, lowered, answer))
        return status, answer

    def handle(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if path == "/services/collector/event":
            return self._splunk(body, headers)
        if path.startswith("/v2/alerts"):
            return self._opsgenie(path, body, headers)
        service = "pagerduty" if path.startswith("/v2/") else "slack"
        answer: dict[str, Any]
        if self.mode == "hang":
            time.sleep(self.hang_seconds)
            status, answer = 504, {"ok": False}
        elif self.mode == "error":
            status, answer = 500, {"ok": False, "error": "internal_error"}
        elif (problem := self._invalid(service, body, path)) is not None:
            status, answer = problem
        elif path == "/v2/change/enqueue":
            status, answer = 202, {"status": "success", "message": "Change event processed"}
        elif service == "pagerduty":
            status, answer = (
                202,
                {"status": "success", "dedup_key": body.get("dedup_key"), "message": "Event processed"},
            )
        elif path.endswith("/chat.update"):
            with self._lock:
                known = self._posted.get(str(body.get("ts"))) == body.get("channel")
            status, answer = (
                200,
                (
                    {"ok": True, "channel": body["channel"], "ts": body["ts"]}
                    if known
                    else {"ok": False, "error": "message_not_found"}
                ),
            )
        else:
            with self._lock:
                self._ts += 1
                ts = f"1700000000.{self._ts:06d}"
                self._posted[ts] = body.get("channel", "C1")
            status, answer = 200, {"ok": True, "channel": body.get("channel", "C1"), "ts": ts}
        with self._lock:
            self.requests.append(Recorded(service, path, body, status, headers, answer))
        return status, answer

    def _splunk(self, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
        lowered = {k.lower(): v for k, v in headers.items()}
        if not lowered.get("authorization", "").startswith("Splunk ") or len(lowered["authorization"]) < 10:
            status, answer = 401, {"text": "Token is required", "code": 2}
        elif not body.get("event"):
            status, answer = 400, {"text": "Event field is required", "code": 12}
        else:
            status, answer = 200, {"text": "Success", "code": 0}
        with self._lock:
            self.requests.append(
                Recorded("splunk", "/services/collector/event", body, status, lowered, answer)
            )
        return status, answer

    def _opsgenie(
        self, path: str, body: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, Any]]:
        lowered = {k.lower(): v for k, v in headers.items()}
        if not lowered.get("authorization", "").startswith("GenieKey ") or len(lowered["authorization"]) < 12:
            status, answer = 401, {"message": "Could not authenticate", "took": 0.0}
        elif problems := opsgenie_violations(path, body):
            status, answer = 422, {"message": "; ".join(problems), "took": 0.0, "requestId": "r"}
        else:
            status, answer = 202, {"result": "Request will be processed", "took": 0.01, "requestId": "r"}
        with self._lock:
            self.requests.append(Recorded("opsgenie", path.split("?")[0], body, status, lowered, answer))
        return status, answer

    def _invalid(self, service: str, body: dict[str, Any], path: str) -> tuple[int, dict[str, Any]] | None:
        """The real service's answer to a payload it refuses, or None."""
        if service == "slack":
            rich = bool(body.get("blocks"))
            broken = slack_violations(body)
        else:
            rich = bool((body.get("payload") or {}).get("custom_details"))
            broken = pagerduty_violations(body, change=path == "/v2/change/enqueue")
        with self._lock:
            if rich and self.refuse_rich > 0:
                self.refuse_rich -= 1
                broken = broken or ["refused on request"]
        if not broken:
            return None
        if service == "slack":
            return 200, {"ok": False, "error": "invalid_blocks", "errors": broken}
        return 400, {"status": "invalid event", "message": "Event object is invalid", "errors": broken}

    @contextmanager
    def running(self) -> Iterator[FakeSaaS]:
        fake = self

        class Handler(StandIn):
            def do_POST(self) -> None:
                raw = self.body().decode()
                if self.path == "/webhook":
                    self.answer(*fake.receive_webhook(raw, dict(self.headers)))
                    return
                if self.path == "/teams":
                    self.answer(*fake.receive_teams(raw))
                    return
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw).items()}
                    for key in ("blocks",):
                        if isinstance(body.get(key), str):
                            body[key] = json.loads(body[key])
                self.answer(*fake.handle(self.path, body, dict(self.headers)))

            def answer(self, status: int, answer: dict[str, Any]) -> None:
                self.reply(status, json.dumps(answer).encode(), {"Content-Type": "application/json"})

        with listening(Handler) as where:
            self.port = where.port
            yield self


SLACK_LIMITS = {"blocks": 50, "section": 3_000, "field": 2_000, "fields": 10, "header": 150, "text": 40_000}
PAGERDUTY_LIMITS = {"summary": 1_024, "bytes": 512 * 1024}
TEAMS_BYTES = 28 * 1024


def teams_violations(body: dict[str, Any]) -> list[str]:
    """What a Teams workflow webhook would refuse: not a message with one Adaptive Card."""
    attachments = body.get("attachments") or []
    if body.get("type") != "message" or len(attachments) != 1:
        return ["a message with one attachment is expected"]
    card = attachments[0].get("content") or {}
    found = []
    if attachments[0].get("contentType") != "application/vnd.microsoft.card.adaptive":
        found.append("contentType must be an Adaptive Card")
    if card.get("type") != "AdaptiveCard" or not isinstance(card.get("body"), list):
        found.append("content must be an AdaptiveCard with a body")
    return found


OPSGENIE_LIMITS = {"message": 130, "alias": 512, "description": 15_000, "entity": 512, "source": 100}


def opsgenie_violations(path: str, body: dict[str, Any]) -> list[str]:
    """What Opsgenie's Alert API v2 would refuse in a create or a close by alias."""
    found = [
        f"{name}: {len(str(body[name]))} > {limit}"
        for name, limit in OPSGENIE_LIMITS.items()
        if name in body and len(str(body[name])) > limit
    ]
    if path.startswith("/v2/alerts/"):
        verbs = ("/close?identifierType=alias", "/acknowledge?identifierType=alias")
        if not path.endswith(verbs) or path.count("/") != 4:
            found.append(f"unknown request {path}")
        return found
    if not body.get("message"):
        found.append("message is required")
    tags = body.get("tags") or []
    if len(tags) > 20 or any(len(str(t)) > 50 for t in tags):
        found.append("at most 20 tags of 50 characters")
    details = body.get("details") or {}
    if not all(isinstance(v, str) for v in details.values()):
        found.append("details values must be strings")
    if sum(len(str(k)) + len(str(v)) for k, v in details.items()) > 8_000:
        found.append("details over 8000 characters")
    if body.get("priority", "P3") not in ("P1", "P2", "P3", "P4", "P5"):
        found.append("priority must be P1-P5")
    return found


def slack_violations(body: dict[str, Any]) -> list[str]:
    """What Slack would refuse in a chat.postMessage / webhook body (Block Kit's documented limits)."""
    found: list[str] = []
    blocks = body.get("blocks") or []
    if len(blocks) > SLACK_LIMITS["blocks"]:
        found.append(f"{len(blocks)} blocks")
    if len(str(body.get("text") or "")) > SLACK_LIMITS["text"]:
        found.append("text too long")
    for number, block in enumerate(blocks):
        text = str((block.get("text") or {}).get("text") or "")
        limit = SLACK_LIMITS["header"] if block.get("type") == "header" else SLACK_LIMITS["section"]
        if len(text) > limit:
            found.append(f"blocks[{number}].text: {len(text)} > {limit}")
        fields = block.get("fields") or []
        if len(fields) > SLACK_LIMITS["fields"]:
            found.append(f"blocks[{number}]: {len(fields)} fields")
        for field_ in fields:
            if len(str(field_.get("text") or "")) > SLACK_LIMITS["field"]:
                found.append(f"blocks[{number}].fields: too long")
    return found


def pagerduty_violations(body: dict[str, Any], change: bool = False) -> list[str]:
    """What the Events API v2 would refuse: an over-long summary or an event over 512 KB; for a
    Change Event, also a missing routing key or summary."""
    found: list[str] = []
    summary = str((body.get("payload") or {}).get("summary") or "")
    if (change or body.get("event_action") == "trigger") and len(summary) > PAGERDUTY_LIMITS["summary"]:
        found.append(f"summary: {len(summary)} > 1024")
    if change and not (body.get("routing_key") and summary):
        found.append("routing_key and payload.summary are required")
    if len(json.dumps(body).encode()) > PAGERDUTY_LIMITS["bytes"]:
        found.append("event larger than 512 KB")
    return found
