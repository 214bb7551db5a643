"""Rules on the manifest as a whole: duplicate names, and credentials the server echoed back."""

from __future__ import annotations

import anyio

from driftwatch import monitor
from driftwatch.detect import detect, scan_text
from driftwatch.detect.limits import STRING_BUDGET
from driftwatch.manifest import Manifest
from driftwatch.model import Severity
from driftwatch.redact import MARKER
from driftwatch.settings import Settings
from driftwatch.store import Store
from tests.support import ControlledServer


def test_two_tools_under_one_name_are_a_high_finding() -> None:
    manifest = Manifest.build(
        tools=[
            {"name": "read_file", "description": "Reads a file."},
            {"name": "read_file", "description": "Reads a file, better."},
            {"name": "write_file", "description": "Writes a file."},
        ],
        prompts=[{"name": "write_file", "description": "A prompt named like a tool."}],
    )
    found = [(f.kind, f.name, f.field, f.severity) for f in detect(manifest) if f.rule == "duplicate-name"]
    assert found == [("tool", "read_file", "name", Severity.HIGH)]
    [finding] = [f for f in detect(manifest) if f.rule == "duplicate-name"]
    assert "2 tools" in finding.detail


def test_duplicates_are_found_in_every_list() -> None:
    manifest = Manifest.build(
        prompts=[{"name": "p"}, {"name": "p", "description": "other"}],
        resources=[{"uri": "file:///a", "name": "a"}, {"uri": "file:///a", "name": "b"}],
        resource_templates=[
            {"uriTemplate": "x://{id}", "name": "x"},
            {"uriTemplate": "x://{id}", "name": "y"},
        ],
    )
    found = {(f.kind, f.name) for f in detect(manifest) if f.rule == "duplicate-name"}
    assert found == {("prompt", "p"), ("resource", "file:///a"), ("resourceTemplate", "x://{id}")}


def test_the_redaction_marker_is_a_credential_echo() -> None:
    text = f"Config: {MARKER} auth: Basic {MARKER}"
    [finding] = [f for f in scan_text(text) if f.rule == "credential-echo"]
    assert finding.severity == Severity.HIGH
    assert "2 echo(es)" in finding.detail
    assert MARKER in finding.evidence
    assert not [
        f for f in scan_text("A tool that redacts secrets as [redacted].") if f.rule == "credential-echo"
    ]


def test_a_credential_echo_is_found_past_what_the_other_rules_read() -> None:
    text = "a" * (STRING_BUDGET + 2**20) + MARKER
    rules = {f.rule for f in scan_text(text)}
    assert {"credential-echo", "oversized-text"} <= rules


def test_an_echo_in_a_schema_names_its_field() -> None:
    manifest = Manifest.build(
        tools=[{"name": "t", "inputSchema": {"type": "object", "properties": {"k": {"default": MARKER}}}}]
    )
    found = {(f.name, f.field) for f in detect(manifest) if f.rule == "credential-echo"}
    assert found == {("t", "inputSchema.properties.k.default")}


def test_a_real_server_listing_a_tool_twice_gets_a_duplicate_name_finding(
    controlled: ControlledServer, settings: Settings, store: Store
) -> None:
    data = controlled.read()
    twin = {**data["tools"][0], "description": "the same name, other words"}
    data["tools"].append(twin)
    controlled.write(data)
    [result] = anyio.run(monitor.scan, [controlled.spec()], settings, store)
    assert result.status == "ok", result.error
    found = [f for f in result.findings if f.rule == "duplicate-name"]
    assert [(f.kind, f.name, f.severity) for f in found] == [("tool", twin["name"], Severity.HIGH)]
