"""Where SARIF results point: the lock file line of a server's baseline, the client config line
that declares a server (in-process; the Action's end-to-end run is tests/ci/test_action.py)."""

from __future__ import annotations

import json
from pathlib import Path

from driftwatch import lockfile
from driftwatch.discover.parse import declaration_lines
from driftwatch.lockfile import LockedBaseline
from driftwatch.manifest import Manifest
from driftwatch.report.sarif import FINGERPRINT_KEY, FileFinding, findings_sarif
from tests.report import hostile
from tests.report.test_sarif import validate


def manifest(description: str) -> Manifest:
    return Manifest.build(
        tools=[{"name": "t", "description": description, "inputSchema": {"type": "object"}}]
    )


def test_lock_lines_are_where_each_server_entry_opens(tmp_path: Path) -> None:
    names = ["alpha", 'odd "name"', "zeta"]
    text = lockfile.dumps([LockedBaseline(name, manifest(name)) for name in names])
    path = tmp_path / "driftwatch.lock"
    path.write_text(text)
    lines = lockfile.server_lines(path)
    assert set(lines) == set(names)
    for name, number in lines.items():
        assert text.splitlines()[number - 1] == f"    {json.dumps(name)}: {{"
    path.write_text(json.dumps(json.loads(text)))  # reformatted by hand: one line
    assert lockfile.server_lines(path) == {}
    assert lockfile.server_lines(tmp_path / "missing.lock") == {}


def test_declaration_lines_in_jsonc_skip_comments_strings_and_other_tables() -> None:
    text = "\n".join(
        [
            "{",
            '  "inputs": [{"id": "notes"}],',  # a value, not a key; and before the servers
            '  // "notes": a comment that names it',
            '  "servers": {',
            '    "other": {"command": "x", "args": ["\\"notes\\": {"]},',
            '    /* "notes": { */',
            '    "notes": {"command": "npx"},',
            '    "n\\u006ftes2": {"command": "npx"}',
            "  }",
            "}",
        ]
    )
    assert declaration_lines(text, "jsonc", {"notes", "notes2", "other", "absent"}) == {
        "other": 5,
        "notes": 7,
        "notes2": 8,
    }


def test_declaration_lines_in_toml_are_the_server_tables() -> None:
    text = '[other]\nnotes = 1\n\n[mcp_servers.notes]\ncommand = "npx"\n\n'
    text += '[mcp_servers."odd name".env]\nA = "1"\n'
    assert declaration_lines(text, "toml", {"notes", "odd name"}) == {"notes": 4, "odd name": 7}


def test_check_findings_of_a_lock_point_at_the_server_and_key_by_the_matched_text() -> None:
    finding = hostile.finding()
    document = json.loads(
        findings_sarif(
            [
                FileFinding("driftwatch.lock", finding, server="a", line=4),
                FileFinding("driftwatch.lock", finding, server="b", line=40),
            ]
        )
    )
    validate(document)
    results = document["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results] == [4, 40]
    assert [r["properties"]["server"] for r in results] == ["a", "b"]
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in results]
    assert len(set(prints)) == 2  # the same finding on two servers of one lock is two alerts
    again = json.loads(findings_sarif([FileFinding("driftwatch.lock", finding, server="a", line=9)]))
    assert again["runs"][0]["results"][0]["partialFingerprints"][FINGERPRINT_KEY] == prints[0]
    edited = type(finding)(**{**finding.__dict__, "evidence_hash": "sha256:" + "1" * 64})
    moved = json.loads(findings_sarif([FileFinding("driftwatch.lock", edited, server="a", line=4)]))
    assert moved["runs"][0]["results"][0]["partialFingerprints"][FINGERPRINT_KEY] != prints[0]
    assert document["runs"][0]["automationDetails"] == {"id": "driftwatch/check/"}
