"""Where SARIF results point: the lock file line of a server's baseline or of the tool a result
concerns, the client config line that declares a server (in-process; the Action's end-to-end run
is tests/ci/test_action.py)."""

from __future__ import annotations

import json
from pathlib import Path

from driftwatch import lockfile
from driftwatch.discover.parse import declaration_lines
from driftwatch.lockfile import LockedBaseline
from driftwatch.manifest import Manifest
from driftwatch.model import ItemKind
from driftwatch.report import render_report
from driftwatch.report.sarif import FINGERPRINT_KEY, FileFinding, findings_sarif
from tests.report import hostile
from tests.report.test_sarif import validate


def manifest(description: str) -> Manifest:
    return Manifest.build(
        tools=[{"name": "t", "description": description, "inputSchema": {"type": "object"}}]
    )


def test_lock_lines_are_where_each_server_entry_opens_and_each_item_is_named(tmp_path: Path) -> None:
    names = ["alpha", 'odd "name"', "zeta"]
    text = lockfile.dumps([LockedBaseline(name, manifest(name)) for name in names])
    path = tmp_path / "driftwatch.lock"
    path.write_text(text)
    lines = lockfile.lock_lines(path)
    assert set(lines.servers) == set(names)
    for name, number in lines.servers.items():
        assert text.splitlines()[number - 1] == f"    {json.dumps(name)}: {{"
        tool = lines.line(name, ItemKind.TOOL, "t")
        assert tool > number and text.splitlines()[tool - 1] == '            "name": "t"'
    assert lines.line("alpha", ItemKind.TOOL, "absent") == lines.servers["alpha"]
    assert lines.line("absent", ItemKind.TOOL, "t") == 1
    path.write_text(json.dumps(json.loads(text)))  # reformatted by hand: one line
    assert lockfile.lock_lines(path) == lockfile.LockLines()
    assert lockfile.lock_lines(tmp_path / "missing.lock") == lockfile.LockLines()


def test_item_lines_are_the_key_fields_of_listed_items_only(tmp_path: Path) -> None:
    """A `name` in a schema or in the server header is not a tool; a resource is named by its URI."""
    schema = {"type": "object", "properties": {"name": {"type": "string"}}}
    listed = Manifest.build(
        tools=[{"description": "d", "inputSchema": schema, "name": "real"}],
        resources=[{"name": "shown", "uri": "file:///notes"}],
        server={"serverInfo": {"name": "decoy"}},
    )
    path = tmp_path / "driftwatch.lock"
    path.write_text(lockfile.dumps([LockedBaseline("s", listed)]))
    lines = lockfile.lock_lines(path)
    assert set(lines.items) == {("s", ItemKind.TOOL, "real"), ("s", ItemKind.RESOURCE, "file:///notes")}


def test_report_results_point_at_their_server_and_tool_in_a_real_lock(tmp_path: Path) -> None:
    """`report --format sarif`: each open event's change and finding at the line where the lock
    names its item (a renamed tool by its old name), a server the lock lacks at line 1."""
    github = Manifest.build(
        tools=[
            {"name": "create_issue", "description": "Create an issue.", "inputSchema": {"type": "object"}},
            {"name": "list_repos", "description": "List.", "inputSchema": {"type": "object"}},
        ],
        prompts=[{"name": "triage" + hostile.ANSI, "description": "Triage."}],
    )
    path = tmp_path / "driftwatch.lock"
    text = lockfile.dumps([LockedBaseline("github", github), LockedBaseline("other", manifest("x"))])
    path.write_text(text)
    rendered = render_report(
        hostile.histories(),
        since=None,
        generated_at=hostile.GENERATED_AT,
        fmt="sarif",
        lock_path=str(path),
        lock_lines=lockfile.lock_lines(path),
    )
    results = json.loads(rendered)["runs"][0]["results"]
    placed = [
        (r["properties"]["server"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in results
    ]
    written = text.splitlines()
    named = [
        json.dumps(n)[1:-1] for n in ("create_issue", "create_issue", "list_repos", "triage" + hostile.ANSI)
    ]
    named.append("create_issue")  # the finding
    for (server, line), name in zip(placed[:5], named, strict=True):
        assert server == "github" and f'"name": "{name}"' in written[line - 1], (line, name)
    assert placed[5:] == [("search", 1), ("search", 1)]  # never approved: not in the lock


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
