"""The evidence pack's faces over a pack built by hand whose every string tries a trick: the HTML
page runs and links nothing, the Markdown forms no markup, mention or table cell, the JSON follows
its schema, and the gates and risk rows follow their figures."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from driftwatch.evidence import risks
from driftwatch.evidence.pack import (
    AuditState,
    CredentialEntry,
    EventEntry,
    EvidencePack,
    FindingEntry,
    InventoryEntry,
    ServerTotals,
    SuppressionEntry,
    UnknownServer,
)
from driftwatch.model import Finding, ItemKind, Severity
from driftwatch.report.evidence import duration, render_evidence_html, render_evidence_markdown
from driftwatch.store.history import ApprovalRecord, BaselineRecord
from tests.report.hostile import ANSI, IMG, MD_LINK, SCRIPT, SLACK, TAGS, ZERO_WIDTH, smuggled

PARSER = MarkdownIt("commonmark").enable("table")
SCHEMA = json.loads((Path(__file__).parents[2] / "docs/schemas/evidence.v1.json").read_text())
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SINCE = NOW - timedelta(days=90)
EVIL = SCRIPT + IMG + MD_LINK + SLACK + ANSI + TAGS + ZERO_WIDTH + " | cell | @here #1"


def event(
    number: int, *, window: str | None = None, ticket: str | None = None, state: str = "approved"
) -> EventEntry:
    opened = NOW - timedelta(days=number)
    return EventEntry(
        number,
        "github" + EVIL,
        "manifest",
        "high",
        state,
        opened,
        opened + timedelta(hours=2),
        "rita" + EVIL,
        window,
        ticket,
        30.0,
        42.5,
        3.0,
        None if state == "open" else 7200.0,
    )


def _inventory() -> list[InventoryEntry]:
    """A stdio server whose every field carries hostile text, and a plain HTTP one."""
    return [
        InventoryEntry(
            "github" + EVIL,
            "team" + EVIL,
            None,
            "stdio",
            "npx -y @x/y" + EVIL,
            "npm:@x/y@1.0.0",
            None,
            "`@x/y@1.0.0`" + EVIL,
            "sha256:" + "1" * 64,
        ),
        InventoryEntry(
            "search",
            None,
            "a@b.example",
            "streamable_http",
            "https://search.example/mcp",
            None,
            None,
            None,
            None,
        ),
    ]


def _hit() -> Finding:
    """A finding whose every string carries hostile text."""
    return Finding(
        ItemKind.TOOL,
        "x" + EVIL,
        "description",
        "hidden-instruction-tag",
        Severity.HIGH,
        "m" + EVIL,
        "d" + EVIL,
        "<IMPORTANT>" + EVIL,
        "sha256:" + "e" * 64,
    )


def pack(audit: AuditState | None = None, events: list[EventEntry] | None = None) -> EvidencePack:
    inventory = _inventory()
    events = events if events is not None else [event(3, window="release " + EVIL, ticket="CHG-1"), event(2)]
    audit = audit or AuditState(True, 12, 12, "sha256:" + "f" * 64, None, None)
    unknown = [UnknownServer("npm:@evil/shadow" + EVIL, "stdio", ("/home/u/.claude.json" + EVIL,), NOW)]
    findings = [FindingEntry("github" + EVIL, _hit(), False)]
    suppressions = [
        SuppressionEntry(
            1, "github", "hidden-markup", "tool:x", "sam" + EVIL, "why" + EVIL, NOW, None, None, True
        )
    ]
    credentials = [CredentialEntry("search", True, True, True, "read" + EVIL, NOW, NOW)]
    totals = ServerTotals("", 1, len(events), sum(e.unexplained for e in events), 0, 1, 42.5, 7200.0)
    return EvidencePack(
        NOW,
        SINCE,
        "1.0" + EVIL,
        inventory,
        [
            ApprovalRecord(
                "github" + EVIL,
                BaselineRecord(
                    1, "sha256:" + "1" * 64, "rita" + EVIL, "ok" + EVIL, "CHG-1" + EVIL, NOW, None
                ),
            )
        ],
        events,
        unknown,
        findings,
        suppressions,
        credentials,
        audit,
        [totals],
        totals,
        risks.gates(inventory, events, unknown, audit),
        risks.risk_rows(inventory, events, findings, unknown, suppressions, credentials, audit),
    )


def test_the_json_follows_its_schema_and_a_field_it_does_not_allow_fails() -> None:
    document = json.loads(json.dumps(pack().to_json()))
    jsonschema.validate(document, SCHEMA)
    document["drift_events"][0]["extra"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)


def test_gates_and_risks_follow_the_figures() -> None:
    shown = pack()
    gates = {g.name: g.value for g in shown.gates}
    assert gates == {
        "drift_outside_window_without_ticket": 1,  # event 2: no window, no ticket
        "unknown_servers": 1,
        "unapproved_servers": 1,  # search
        "unpinned_launches": 1,  # github
        "audit_log_problems": 0,
    }
    attention = {r.risk for r in shown.risks if r.attention}
    assert attention == {
        "Tool poisoning and rug pulls",  # an unsuppressed high finding
        "Registry and supply chain",
        "Shadow servers",
        "Change management",
        "Exceptions",  # a suppression that never expires
    }
    broken = pack(AuditState(False, 12, 12, "sha256:" + "f" * 64, 5, "content does not match its hash"))
    [row] = [r for r in broken.risks if r.risk == "Audit logs"]
    assert row.attention and "entry 5 does not verify" in row.answer
    assert {g.name: g.passed for g in broken.gates}["audit_log_problems"] is False
    explained = pack(events=[event(3, window=None, ticket="CHG-7"), event(2, window="w", ticket=None)])
    assert {g.name: g.value for g in explained.gates}["drift_outside_window_without_ticket"] == 0


def test_the_html_page_shows_everything_and_runs_nothing() -> None:
    page = render_evidence_html(pack())
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;" in page and 'href="https://evil' not in page
    assert smuggled(page) == [] and "\\x1b[31mRED-ALERT" in page
    assert "default-src 'none'" in page  # no script, no fetch, whatever an escape missed
    for figure in ('id="gate-unknown_servers"', 'id="event-3"', 'id="event-2"', "42 s", "2 h 0 min"):
        assert figure in page


def test_the_markdown_forms_no_markup() -> None:
    text = render_evidence_markdown(pack())
    html = PARSER.render(text)
    assert smuggled(text) == []
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<!channel>" not in html and "&lt;!channel&gt;" in html
    tables = html.split("<table>")[1:]
    assert len(tables) == 10  # every section but the audit log
    for table in tables:  # a pipe in server text must not add a column
        head, body = table.split("</thead>")
        rows = body.split("</table>")[0].split("<tr>")[1:]
        assert rows and all(row.count("<td>") == head.count("<th>") for row in rows)
    assert "<strong>FAIL</strong>" in html


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (None, "-"),
        (0.4, "0.4 s"),
        (42.5, "42 s"),
        (192, "3 min 12 s"),
        (7500, "2 h 5 min"),
        (273600, "3 d 4 h"),
    ],
)
def test_durations_read_as_people_say_them(seconds: float | None, shown: str) -> None:
    assert duration(seconds) == shown
