"""SARIF output validates against the SARIF 2.1.0 schema and says what GitHub code scanning needs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema.validators import validator_for

from driftwatch.report import render_report
from driftwatch.report.sarif import FileFinding, findings_sarif
from tests.report import hostile

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate(document: dict[str, Any]) -> None:
    validator = validator_for(SCHEMA)(SCHEMA)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def sarif(histories: list[Any] | None = None, **options: Any) -> dict[str, Any]:
    text = render_report(
        hostile.histories() if histories is None else histories,
        since=hostile.SINCE,
        generated_at=hostile.GENERATED_AT,
        fmt="sarif",
        **options,
    )
    assert hostile.smuggled(text) == []
    document: dict[str, Any] = json.loads(text)
    return document


@pytest.fixture(scope="module")
def log() -> dict[str, Any]:
    return sarif()


def test_valid_against_the_schema(log: dict[str, Any]) -> None:
    validate(log)
    validate(sarif([]))


def test_results_are_the_open_events_changes_and_findings(log: dict[str, Any]) -> None:
    results = log["runs"][0]["results"]
    # event 2 (open): 4 changes + 1 finding; event 3 (open, unapproved): 1 + 1 finding; event 1 is approved
    assert [r["ruleId"] for r in results] == [
        "silent-change",
        "side-channel-parameter",
        "drift-renamed",
        "drift-removed",
        "hidden-instruction-tag",
        "unapproved-server",
        "ansi-escape",
    ]
    assert [r["level"] for r in results] == ["error", "error", "warning", "note", "error", "warning", "error"]
    assert all(r["properties"]["event_id"] in (2, 3) for r in results)


def test_rules_cover_every_result(log: dict[str, Any]) -> None:
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "driftwatch"
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids[:5] == ["drift-added", "drift-removed", "drift-changed", "drift-renamed", "unapproved-server"]
    assert {"silent-change", "side-channel-parameter", "hidden-instruction-tag", "ansi-escape"} <= set(ids)
    assert len(ids) == len(set(ids))
    for result in log["runs"][0]["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]


def test_locations_name_the_server_item_and_field(log: dict[str, Any]) -> None:
    first, schema = log["runs"][0]["results"][:2]
    location = first["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "driftwatch.lock"
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "github/tool/create_issue/description"
    fqn = schema["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
    assert fqn == "github/tool/create_issue/inputSchema.properties.sidenote"
    moved = sarif(lock_path=".github/mcp.lock")
    uri = moved["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == ".github/mcp.lock"


def test_fingerprints_are_stable_and_follow_the_observed_manifest(log: dict[str, Any]) -> None:
    key = "driftwatch/v1"
    prints = [r["partialFingerprints"][key] for r in log["runs"][0]["results"]]
    assert prints == [r["partialFingerprints"][key] for r in sarif()["runs"][0]["results"]]
    assert len(set(prints)) == len(prints)

    github = hostile.github()
    event = github.events[1]
    moved = type(event)(**{**event.__dict__, "observed_hash": "sha256:" + "9" * 64})
    other = type(github)(name="github", events=[moved])
    moved_prints = [r["partialFingerprints"][key] for r in sarif([other])["runs"][0]["results"]]
    assert not set(moved_prints) & set(prints)


def test_messages_are_visible_text(log: dict[str, Any]) -> None:
    first = log["runs"][0]["results"][0]["message"]["text"]
    assert first.startswith('github: changed tool "create_issue" description.')
    assert "\\u200b" in first and "x1b\\[31mRED-ALERT" in first  # shown, and inert as Markdown


def test_check_findings_are_anchored_in_their_files() -> None:
    text = findings_sarif(
        [
            FileFinding("manifests/my tools.json", hostile.finding()),
            FileFinding("/abs/x.json", hostile.finding()),
        ]
    )
    document = json.loads(text)
    validate(document)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in document["runs"][0]["results"]
    ]
    assert uris == ["manifests/my%20tools.json", "file:///abs/x.json"]


def test_message_text_cannot_carry_a_live_link_or_image() -> None:
    """GitHub renders `message.text` as Markdown: server text must not become a link or an image."""
    finding = hostile.finding(
        message="see [the docs](https://evil.example/x) ![pixel](https://evil.example/p.png)",
        evidence="<https://evil.example/auto> or www-less https://evil.example/bare \\[x](y)",
    )
    document = json.loads(findings_sarif([FileFinding("tools.json", finding)]))
    validate(document)
    text = document["runs"][0]["results"][0]["message"]["text"]
    # every [, ], <, > is backslash escaped, and a backslash of the server's cannot undo that
    unescaped = re.findall(r"(?<!\\)(?:\\\\)*[\[\]<>]", text)
    assert unescaped == [], text
    assert "https://" not in text and "https\\[:\\]//evil.example/bare" in text
