"""The largest alert a server can cause still reaches Slack and PagerDuty.

Every piece of a server's text that an alert quotes is escaped, then fitted to the channel's
documented limits (driftwatch/alerts/fit.py). The stand-in (tests/fake_saas.py) enforces those
limits the way the real services answer them, so an oversized payload here fails as it would in
production. A payload the channel refuses anyway is sent once more in its minimal form.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import SecretStr
from standardwebhooks import Webhook as StandardWebhook

from driftwatch.alerts import messages, ocsf, triggers
from driftwatch.alerts.channels import (
    Opsgenie,
    Outgoing,
    PagerDuty,
    SiemFile,
    Slack,
    Splunk,
    Syslog,
    Teams,
    Webhook,
)
from driftwatch.alerts.fit import cut, slack_text
from driftwatch.errors import ConfigError, DeliveryError
from driftwatch.model import Change, DriftEventRecord, EventState, Finding, Severity
from driftwatch.registry import Owner, ServerSpec
from driftwatch.routing import Route
from driftwatch.settings import Settings, load_settings
from tests.fake_saas import (
    WEBHOOK_SECRET,
    FakeSaaS,
    opsgenie_violations,
    pagerduty_violations,
    slack_violations,
    teams_violations,
)
from tests.fake_syslog import FakeSyslog

HOSTILE = "<!channel> & <@U123> <https://evil.example|docs> `x` *b* \u202e\x1b[31m\U000e0041 "
HUGE = HOSTILE * 200_000  # 14 MB of characters that escape to more characters


def _change(number: int, after: str = HUGE) -> Change:
    return Change.from_json(
        {
            "change": "changed",
            "kind": "tool",
            "name": f"{HOSTILE * 50}{number}",
            "path": f"description{HOSTILE * 20}",
            "category": "description",
            "severity": "high",
            "rules": ["silent-change"] * 30,
            "before": "old",
            "after": after,
        }
    )


def _finding(number: int) -> Finding:
    return Finding.from_json(
        {
            "rule": "hidden-instruction-tag",
            "severity": "critical",
            "kind": "tool",
            "name": f"{HOSTILE * 50}{number}",
            "field": "description",
            "evidence": HUGE,
            "message": HUGE,
        }
    )


def _event() -> DriftEventRecord:
    now = datetime.now(UTC)
    return DriftEventRecord(
        id=7,
        server="victim",
        baseline_hash="sha256:" + "a" * 64,
        observed_hash="sha256:" + "b" * 64,
        state=EventState.OPEN,
        severity=Severity.CRITICAL,
        change_count=10_000,
        changes=[_change(n) for n in range(200)],
        findings=[_finding(n) for n in range(50)],
        first_seen=now,
        last_seen=now,
        closed_at=None,
        closed_by=HUGE,
    )


CONTEXT = messages.AlertContext(
    server="victim", team=HOSTILE * 1000, window=HOSTILE * 1000, paging=True, reason=HOSTILE * 1000
)


@pytest.fixture
def saas(fake: FakeSaaS) -> FakeSaaS:
    """The Slack and PagerDuty stand-in (conftest's `fake`: a real server, so the test is e2e)."""
    return fake


def _settings(saas: FakeSaaS) -> Settings:
    return Settings(
        slack_bot_token=SecretStr("xoxb-test-token-0000"),
        slack_channel="#alerts",
        slack_api_url=saas.slack_url,
        pagerduty_routing_key=SecretStr("R0UT1NGKEY0000000000000000000000"),
        pagerduty_events_url=saas.pagerduty_url,
        webhook_url=SecretStr(saas.webhook_url),
        webhook_secret=SecretStr(WEBHOOK_SECRET),
        opsgenie_api_key=SecretStr("0123abcd-genie-key"),
        teams_webhook_url=SecretStr(saas.teams_url),
        opsgenie_api_url=saas.opsgenie_url,
    )


def _outgoing(channel: str, payload: dict[str, Any]) -> Outgoing:
    return Outgoing(1, channel, channel, "trigger", "driftwatch/victim/x", payload, Owner())


def _no_live_markup(text: str) -> None:
    """Nothing in Slack text can ping, mention or link: every `<` is escaped."""
    assert "<" not in text and ">" not in text, text[:200]
    assert "\x1b" not in text and "\u202e" not in text and "\U000e0041" not in text


def test_the_largest_slack_message_is_within_limits_and_delivered(saas: FakeSaaS) -> None:
    payload = messages.slack_drift_message(_event(), CONTEXT)
    assert slack_violations(payload) == []
    for block in payload["blocks"]:
        for text in [(block.get("text") or {}).get("text", "")] + [
            f["text"] for f in block.get("fields", [])
        ]:
            if block["type"] != "header":
                _no_live_markup(text)
    Slack(_settings(saas)).send(_outgoing("slack", payload))
    [sent] = saas.delivered("slack")
    assert sent.body["blocks"] and sent.answer["ok"] is True


def test_every_slack_message_kind_fits() -> None:
    event = _event()
    for payload in (
        messages.slack_closed_message(event),
        messages.slack_unreachable_message("victim", 3, HUGE),
        messages.slack_auth_failed_message("victim", HUGE),
    ):
        assert slack_violations(payload) == []
        _no_live_markup(payload["text"])


def test_the_largest_pagerduty_event_is_within_limits_and_delivered(saas: FakeSaaS) -> None:
    payload = messages.pagerduty_trigger(_event(), CONTEXT)
    PagerDuty(_settings(saas), httpx.Client()).send(_outgoing("pagerduty", payload))
    [sent] = saas.delivered("pagerduty")
    assert pagerduty_violations(sent.body) == []
    assert "minimal" not in sent.body  # driftwatch's fallback is not part of the Events API


def test_a_refused_slack_message_is_sent_once_minimal(saas: FakeSaaS) -> None:
    saas.refuse_rich = 1
    event = _event()
    Slack(_settings(saas)).send(_outgoing("slack", messages.slack_drift_message(event, CONTEXT)))
    refused, delivered = saas.requests
    assert refused.answer == {"ok": False, "error": "invalid_blocks", "errors": ["refused on request"]}
    assert not delivered.body.get("blocks")
    assert slack_text(messages.approve_command(event), 1000) in delivered.body["text"]
    assert "victim" in delivered.body["text"]


def test_a_refused_pagerduty_event_is_sent_once_minimal(saas: FakeSaaS) -> None:
    saas.refuse_rich = 2  # the minimal form has custom_details too: refused again, then failed
    payload = messages.pagerduty_trigger(_event(), CONTEXT)
    with pytest.raises(DeliveryError) as failed:
        PagerDuty(_settings(saas), httpx.Client()).send(_outgoing("pagerduty", payload))
    assert not failed.value.retry
    assert [r.status for r in saas.requests] == [400, 400]  # one retry, not a loop
    saas.refuse_rich = 1
    PagerDuty(_settings(saas), httpx.Client()).send(_outgoing("pagerduty", payload))
    minimal = saas.delivered("pagerduty")[-1].body
    assert minimal["payload"]["custom_details"] == {"approve": messages.approve_command(_event())}
    assert minimal["dedup_key"] == "driftwatch/victim/x"


@pytest.mark.parametrize("limit", range(1, 30))
def test_cutting_never_splits_an_escape(limit: int) -> None:
    escaped = slack_text("a<&>" * 10, 1000)
    fitted = cut(escaped, limit)
    assert len(fitted) <= limit
    body = fitted.removesuffix("…")
    assert re.fullmatch(r"(?:a|&lt;|&amp;|&gt;)*", body), fitted


def test_payload_size_is_bounded_whatever_the_input() -> None:
    """Bounded, not merely linear: ten times the hostile text makes no larger alert."""
    sizes = []
    for repeat in (1, 10):
        event = replace(_event(), changes=[_change(0, HUGE * repeat), *_event().changes[1:]])
        sizes.append(len(json.dumps(messages.slack_drift_message(event, CONTEXT))))
    assert sizes[0] == sizes[1] < 40_000


WEBHOOK_SCHEMA = json.loads((Path(__file__).parents[2] / "docs/schemas/webhook.v2.json").read_text())


@pytest.mark.parametrize("kind", ["drift.opened", "drift.closed"])
def test_the_largest_webhook_body_is_valid_bounded_inert_and_verified(saas: FakeSaaS, kind: str) -> None:
    context = CONTEXT if kind == "drift.opened" else None
    payload = messages.webhook_body(_event(), context, kind)  # type: ignore[arg-type]
    Draft202012Validator(WEBHOOK_SCHEMA, format_checker=FormatChecker()).validate(payload)
    with httpx.Client() as client:
        Webhook(_settings(saas), client).send(_outgoing("webhook", payload))
    [sent] = saas.delivered("webhook")
    assert sent.body == payload  # (verified by the stand-in: signature, id, timestamp)
    assert sent.headers["webhook-id"] == "driftwatch-alert-1"
    assert len(json.dumps(payload).encode()) < 256 * 1024  # (as sent: ASCII, escapes spelled out)
    raw = json.dumps(payload, ensure_ascii=False)
    assert "\x1b" not in raw and "\u202e" not in raw and "\U000e0041" not in raw
    assert len(payload["event"]["changes"]) == messages.WEBHOOK_ITEMS


def test_a_tampered_or_stale_webhook_is_refused_and_a_retry_keeps_its_id(saas: FakeSaaS) -> None:
    payload = messages.webhook_body(_event(), CONTEXT, "drift.opened")
    with httpx.Client() as client:
        channel = Webhook(_settings(saas), client)
        channel.send(_outgoing("webhook", payload))
        channel.send(_outgoing("webhook", payload))  # a retry after a lost answer: same id
    assert saas.duplicates == 1 and len(saas.delivered("webhook")) == 1
    [sent] = saas.delivered("webhook")
    signed = {k: sent.headers[k] for k in ("webhook-id", "webhook-timestamp", "webhook-signature")}
    tampered = {**payload, "event": {**payload["event"], "severity": "info"}}
    refused = httpx.post(saas.webhook_url, json=tampered, headers=signed)
    assert refused.status_code == 401, refused.text
    stale = datetime.now(UTC) - timedelta(minutes=10)
    body = json.dumps(payload)
    old = {
        "webhook-id": "driftwatch-alert-1",
        "webhook-timestamp": str(int(stale.timestamp())),
        "webhook-signature": StandardWebhook(WEBHOOK_SECRET).sign("driftwatch-alert-1", stale, body),
    }
    replayed = httpx.post(saas.webhook_url, content=body, headers=old)
    assert replayed.status_code == 401 and "too old" in replayed.text
    assert len(saas.delivered("webhook")) == 1


@pytest.mark.parametrize(
    ("settings", "problem"),
    [
        ({"webhook_url": "https://hooks.example/x"}, "needs webhook_secret"),
        ({"webhook_url": "https://hooks.example/x", "webhook_secret": "whsec_c2hvcnQ="}, "at least 24 bytes"),
        ({"webhook_url": "https://hooks.example/x", "webhook_secret": "plain words"}, "followed by base64"),
    ],
)
def test_an_unsigned_or_weakly_signed_webhook_is_a_configuration_error(
    settings: dict[str, str], problem: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings(None, **settings)
    assert problem in str(refused.value) and "\n" not in str(refused.value)


def test_every_alert_links_the_runbook_and_the_event_in_the_report() -> None:
    spec = ServerSpec(
        name="notes",
        transport="streamable_http",
        url="https://user:pw@mcp.example/a|b?token=t",
        owner=Owner(team="platform", runbook_url="https://wiki.example/runbooks/mcp-drift"),
    )
    settings = Settings(report_base_url="https://reports.example/driftwatch.html")
    event = _event()
    links = triggers.links_for(spec, settings, event)
    assert [(link.text, link.href) for link in links] == [
        ("the MCP server", "https://mcp.example/a|b"),
        ("runbook", "https://wiki.example/runbooks/mcp-drift"),
        ("drift report", f"https://reports.example/driftwatch.html#event-{event.id}"),
    ]
    context = replace(CONTEXT, links=links)
    slack = json.dumps(messages.slack_drift_message(event, context))
    assert "<https://mcp.example/a%7Cb|the MCP server>" in slack  # (a `|` cannot split the link)
    assert "<https://wiki.example/runbooks/mcp-drift|runbook>" in slack
    for body in (messages.pagerduty_trigger(event, context), messages.pagerduty_change(event, context)):
        assert body["links"][1:] == [link.to_json() for link in links[1:]]
    assert messages.webhook_body(event, context, "drift.opened")["links"][2]["text"] == "drift report"
    owned_by_nobody = spec.model_copy(update={"owner": Owner()})
    fallback = Settings(runbook_url="https://wiki.example/runbooks/default")
    assert [link.text for link in triggers.links_for(owned_by_nobody, fallback, event)] == [
        "the MCP server",
        "runbook",
    ]
    # a route's runbook wins over the setting's (an owner's over both): the deepest on the path
    routed = fallback.model_copy(
        update={
            "route": Route.model_validate(
                {
                    "runbook_url": "https://wiki.example/runbooks/root",
                    "routes": [
                        {"match": {"tag": "x"}, "runbook_url": "https://wiki.example/runbooks/x"},
                        {"match": {"server": "no*"}, "runbook_url": "https://wiki.example/runbooks/notes"},
                    ],
                }
            )
        }
    )
    hrefs = [link.href for link in triggers.links_for(owned_by_nobody, routed, event)]
    assert "https://wiki.example/runbooks/notes" in hrefs
    assert "https://wiki.example/runbooks/mcp-drift" in [
        link.href for link in triggers.links_for(spec, routed, event)
    ]


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "https://x.example/a b", "https://x.example/<b>", "https://x|y", ""]
)
def test_a_link_address_that_could_break_out_is_refused(address: str) -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings(None, runbook_url=address)
    assert "http(s) address" in str(refused.value)


def test_the_largest_opsgenie_alert_is_within_limits_inert_and_closed_by_its_alias(saas: FakeSaaS) -> None:
    event = _event()
    payload = messages.opsgenie_create(event, CONTEXT)
    assert opsgenie_violations("/v2/alerts", payload) == []
    for text in (payload["message"], payload["description"]):
        _no_live_markup(text)  # (Opsgenie renders HTML in both)
    assert messages.approve_command(event).split(" --by")[0] in payload["description"].splitlines()[0]
    alias = "driftwatch/victim/sha256:" + "b" * 64
    with httpx.Client() as client:
        channel = Opsgenie(_settings(saas), client)
        channel.send(Outgoing(1, "opsgenie", "opsgenie", "create", alias, payload, Owner()))
        assert list(saas.opsgenie_open()) == [alias]
        closed = replace(event, state=EventState.APPROVED, closed_by="bob")
        channel.send(
            Outgoing(2, "opsgenie", "opsgenie", "close", alias, messages.opsgenie_close(closed), Owner())
        )
    assert saas.opsgenie_open() == {}
    assert [r.status for r in saas.requests] == [202, 202]
    assert saas.requests[0].headers["authorization"] == "GenieKey 0123abcd-genie-key"
    assert saas.requests[1].body["note"] == f"drift event {event.id} approved by bob"


def test_a_refused_opsgenie_alert_is_sent_once_minimal(saas: FakeSaaS) -> None:
    payload = messages.opsgenie_create(_event(), CONTEXT)
    payload["tags"] = [f"tag{n}" for n in range(30)]  # (past Opsgenie's limit: refused with 422)
    with httpx.Client() as client:
        Opsgenie(_settings(saas), client).send(
            Outgoing(1, "opsgenie", "opsgenie", "create", "k", payload, Owner())
        )
    refused, delivered = saas.requests
    assert refused.status == 422 and delivered.status == 202
    assert delivered.body["description"].startswith("To approve: driftwatch approve victim")
    assert delivered.body["alias"] == "k"


def _card_texts(message: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(the texts of the card's TextRuns, the types of its body elements)."""
    body = message["attachments"][0]["content"]["body"]
    runs = [run["text"] for block in body for run in block.get("inlines", [])]
    return runs, [block["type"] for block in body]


def test_the_largest_teams_card_fits_its_28_kb_and_carries_server_text_only_as_plain_runs(
    saas: FakeSaaS,
) -> None:
    event = _event()
    message = messages.teams_message(
        event, replace(CONTEXT, links=(messages.Link("https://wiki.example/rb", "runbook"),))
    )
    full = {k: v for k, v in message.items() if k != "minimal"}
    assert teams_violations(full) == [] and len(json.dumps(full).encode()) <= 28 * 1024
    runs, types = _card_texts(full)
    assert set(types) == {"RichTextBlock"}  # (no TextBlock: nothing a server wrote is read as Markdown)
    assert runs[1].startswith("To approve: driftwatch approve victim")
    assert all("\x1b" not in r and "\u202e" not in r and "{{" not in r for r in runs)
    assert full["attachments"][0]["content"]["actions"] == [
        {"type": "Action.OpenUrl", "title": "runbook", "url": "https://wiki.example/rb"}
    ]
    with httpx.Client() as client:
        Teams(_settings(saas), client).send(_outgoing("teams", message))
    [sent] = saas.delivered("teams")
    assert sent.body == full


def test_a_refused_teams_card_is_sent_once_minimal(saas: FakeSaaS) -> None:
    message = messages.teams_message(_event(), CONTEXT)
    message["attachments"][0]["content"]["type"] = "HeroCard"  # (refused by the webhook: 400)
    with httpx.Client() as client:
        Teams(_settings(saas), client).send(_outgoing("teams", message))
    refused, delivered = saas.requests
    assert (refused.status, delivered.status) == (400, 202)
    runs, _ = _card_texts(delivered.body)
    assert len(runs) == 2 and runs[1].startswith("To approve:")


def test_template_functions_in_server_text_do_not_run_in_a_card() -> None:
    event = replace(_event(), changes=[_change(0, "x")], findings=[])
    hostile = replace(
        CONTEXT, reason="{{DATE(2017-02-14T06:08:00Z, SHORT)}} `x` **b** [l](https://evil.example)"
    )
    runs, _ = _card_texts(messages.teams_message(event, hostile))
    assert "{ {DATE(2017-02-14T06:08:00Z, SHORT)}}" in runs[3]


OCSF_SCHEMA = json.loads((Path(__file__).parent / "ocsf/detection_finding-1.1.0.json").read_text())


def _ocsf_valid(finding: dict[str, Any]) -> None:
    Draft202012Validator(OCSF_SCHEMA, format_checker=FormatChecker()).validate(finding)


@pytest.mark.parametrize("subject", ["manifest", "package", "auth"])
def test_ocsf_findings_of_the_largest_event_validate_against_the_ocsf_schema(subject: str) -> None:
    event = replace(_event(), subject=subject)
    opened = ocsf.detection_finding(event, CONTEXT, "create")
    closed = ocsf.detection_finding(
        replace(event, state=EventState.APPROVED, closed_at=event.last_seen, closed_by=HOSTILE), None, "close"
    )
    for finding in (opened, closed):
        _ocsf_valid(finding)
        assert len(json.dumps(finding).encode()) < 64 * 1024
        shown = json.dumps(finding, ensure_ascii=False)
        assert "\x1b" not in shown and "\u202e" not in shown and "\U000e0041" not in shown
    assert (opened["activity_id"], opened["status"], closed["activity_id"], closed["status"]) == (
        1,
        "New",
        3,
        "Resolved",
    )
    assert opened["finding_info"]["uid"] == closed["finding_info"]["uid"] == "driftwatch:victim:7"
    assert opened["severity_id"] == 5 and opened["type_uid"] == 200401 and closed["type_uid"] == 200403


def test_an_unapproved_server_and_a_superseded_event_are_findings_too() -> None:
    unapproved = replace(_event(), baseline_hash=None, changes=[], findings=[])
    finding = ocsf.detection_finding(unapproved, CONTEXT, "create")
    _ocsf_valid(finding)
    assert finding["finding_info"]["title"] == "unapproved MCP server on victim"
    superseded = ocsf.detection_finding(replace(_event(), state=EventState.SUPERSEDED), None, "close")
    _ocsf_valid(superseded)
    assert superseded["status_id"] == 99


def test_findings_reach_the_siem_file_as_lines_and_splunk_as_hec_events(
    saas: FakeSaaS, tmp_path: Path
) -> None:
    settings = Settings(
        siem_file=tmp_path / "driftwatch.ocsf.jsonl",
        splunk_hec_url=saas.splunk_url,
        splunk_hec_token=SecretStr("5p1unk-hec-token"),
    )
    finding = ocsf.detection_finding(_event(), CONTEXT, "create")
    with httpx.Client() as client:
        for channel in (SiemFile(settings), Splunk(settings, client)):
            channel.send(_outgoing(channel.name, finding))
            channel.send(_outgoing(channel.name, finding))
    lines = (tmp_path / "driftwatch.ocsf.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in lines] == [finding, finding] and all(
        line.isascii() for line in lines
    )
    sent = saas.delivered("splunk")
    assert [r.body["event"] for r in sent] == [finding, finding]
    assert (
        sent[0].body["sourcetype"] == "ocsf:detection_finding"
        and sent[0].headers["authorization"] == "Splunk 5p1unk-hec-token"
    )
    assert sent[0].body["time"] == finding["time"] / 1000


@pytest.mark.e2e  # (a collector listening on local sockets)
@pytest.mark.parametrize("transport", ["udp", "tcp"])
def test_findings_reach_a_syslog_collector_as_rfc5424_messages(transport: str) -> None:
    opened = ocsf.detection_finding(_event(), CONTEXT, "create")
    closed = ocsf.detection_finding(replace(_event(), state=EventState.APPROVED), None, "close")
    with FakeSyslog().running() as collector:
        port = collector.udp_port if transport == "udp" else collector.tcp_port
        channel = Syslog(Settings(syslog_url=f"{transport}://127.0.0.1:{port}"))
        for finding in (opened, closed):
            channel.send(_outgoing("syslog", finding))
        arrived = collector.wait(2)
    # (the collector reads each datagram or connection on a thread of its own: arrival order is not
    # sending order, and syslog promises none)
    got = sorted(arrived, key=lambda m: m["msgid"], reverse=True)
    assert collector.refused == 0
    assert [(m["facility"], m["severity"], m["appname"], m["msgid"]) for m in got] == [
        ("local0", "crit", "driftwatch", "ocsf-2004-create"),
        ("local0", "crit", "driftwatch", "ocsf-2004-close"),
    ]
    assert [json.loads(m["msg"]) for m in got] == [opened, closed]  # (the same findings, whole)
    for message in got:
        _ocsf_valid(json.loads(message["msg"]))


@pytest.mark.e2e  # (a collector listening on local sockets)
def test_a_finding_too_long_for_a_datagram_is_sent_shorter_and_still_whole_json() -> None:
    finding = ocsf.detection_finding(_event(), CONTEXT, "create")
    finding["unmapped"]["padding"] = "x" * 20_000  # (as if a finding grew past a datagram)
    with FakeSyslog().running() as collector:
        Syslog(Settings(syslog_url=f"udp://127.0.0.1:{collector.udp_port}")).send(
            _outgoing("syslog", finding)
        )
        [got] = collector.wait(1)
    assert got["bytes"] <= ocsf.SYSLOG_UDP_BYTES and collector.refused == 0
    shorter = json.loads(got["msg"])
    assert "unmapped" not in shorter and shorter["finding_info"]["uid"] == finding["finding_info"]["uid"]
    _ocsf_valid(shorter)


def test_a_syslog_address_is_udp_or_tcp() -> None:
    for wrong in ("syslog.example:514", "http://syslog.example", "tcp://user@syslog.example:601"):
        with pytest.raises(ConfigError, match="udp://HOST"):
            load_settings(None, syslog_url=wrong)


def test_splunk_without_its_token_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings(None, splunk_hec_url="https://splunk.example:8088")
    assert "needs splunk_hec_token" in str(refused.value)
