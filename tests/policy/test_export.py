"""`policy export`: each format checked against its documented schema or example
(tests/policy/fixtures, sources in its README), listing exactly the approved servers and their
baseline's tools; no secret and no unsafe server-provided name in any of them."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from sqlalchemy import event

from driftwatch import enforce
from driftwatch.enforce import ApprovedServer
from driftwatch.enforce.approved import quoted, reference
from driftwatch.store import Store
from driftwatch.store.events import approved_tools
from tests.policy.conftest import (
    BEARER_SECRET,
    DRIFTED_TOOL,
    ENV_SECRET,
    FILES_TOOLS,
    HOSTILE_TOOLS,
    SEARCH_TOOLS,
    URL_SECRET,
    Fleet,
)

FIXTURES = Path(__file__).parent / "fixtures"
APPROVED = {"files": FILES_TOOLS, "search": SEARCH_TOOLS}


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def exported(fleet: Fleet, store: Store, fmt: str) -> enforce.Rendered:
    servers, _ = enforce.approved(fleet.registry.servers, store.read(approved_tools))
    return enforce.render(fmt, servers)


def test_the_baselines_tools_come_in_one_query(fleet: Fleet, store: Store) -> None:
    statements: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    tools = store.read(approved_tools)
    assert len(statements) == 1
    # the baseline in force: not the drifted manifest's tools, not the superseded baseline's
    assert tools["files"] == tuple(sorted((*FILES_TOOLS, *HOSTILE_TOOLS)))
    assert DRIFTED_TOOL not in tools["files"]
    assert tools["search"] == SEARCH_TOOLS
    assert set(tools) == {"files", "search", "legacy"}  # `shell` was never approved


def test_approved_means_registered_with_a_baseline_and_safe_names(fleet: Fleet, store: Store) -> None:
    servers, refused = enforce.approved(fleet.registry.servers, store.read(approved_tools))
    assert {s.name: s.tools for s in servers} == APPROVED
    assert sorted(r.what for r in refused) == sorted(f"tool {quoted(t)}" for t in HOSTILE_TOOLS)
    for refusal in refused:
        assert "\n" not in refusal.line() and "\x1b" not in refusal.line() and "\u200b" not in refusal.line()


def test_claude_code_managed_mcp_json(fleet: Fleet, store: Store) -> None:
    schema = fixture("claude-code-managed-mcp.schema.json")
    jsonschema.validate(fixture("claude-code-managed-mcp.example.json"), schema)  # the schema fits the docs
    rendered = exported(fleet, store, "claude-code")
    document = json.loads(rendered.text)
    jsonschema.validate(document, schema)
    servers = document["mcpServers"]
    assert set(servers) == {"files", "search"}
    assert servers["files"] == {
        "type": "stdio",
        "command": "npx",
        "args": ["-y", "@acme/files-mcp@1.2.0", "--root", "/srv/data"],
        "env": {"FILES_TOKEN": "${FILES_TOKEN}", "HOME_DIR": "${HOME}", "KEYFILE": "${KEYFILE}"},
    }
    assert servers["search"] == {
        "type": "http",
        "url": "https://search.example.com/mcp",
        "headers": {"Authorization": "Bearer ${AUTHORIZATION}"},
    }
    assert [r.what for r in rendered.refusals] == ["its URL's user info or query"]


def test_vscode_copilot_allowlist(fleet: Fleet, store: Store) -> None:
    schema = fixture("copilot-managed-settings.schema.json")
    jsonschema.validate(fixture("copilot-managed-settings.example.json"), schema)
    document = json.loads(exported(fleet, store, "vscode").text)
    jsonschema.validate(document, schema)
    assert document == {
        "allowedMcpServers": [
            {"serverCommand": ["npx", "-y", "@acme/files-mcp@1.2.0", "--root", "/srv/data"]},
            {"serverUrl": "https://search.example.com/mcp?*"},
        ]
    }


def test_cursor_permissions_allowlist(fleet: Fleet, store: Store) -> None:
    schema = fixture("cursor-permissions.schema.json")
    jsonschema.validate(fixture("cursor-permissions.example.json"), schema)
    document = json.loads(exported(fleet, store, "cursor").text)
    jsonschema.validate(document, schema)
    assert document["mcpAllowlist"] == [f"{s}:{t}" for s, tools in APPROVED.items() for t in tools]


def test_toolhive_tool_configs(fleet: Fleet, store: Store) -> None:
    schema = fixture("toolhive-mcptoolconfig.crd-schema.json")
    documents = list(yaml.safe_load_all(exported(fleet, store, "toolhive").text))
    filters = {}
    for document in documents:
        jsonschema.validate(document, schema)
        assert (document["apiVersion"], document["kind"]) == (
            "toolhive.stacklok.dev/v1beta1",
            "MCPToolConfig",
        )
        tools = document["spec"]["toolsFilter"]
        assert tools and len(set(tools)) == len(tools)  # never empty (all tools), a set
        filters[document["metadata"]["name"]] = tuple(tools)
    assert filters == APPROVED


def gateway_enables(tools_file: str, server: str, tool: str) -> bool:
    """What `docker mcp gateway run` does with the command line the file's header gives and the file
    as `--tools-config` (tests/policy/fixtures/docker-gateway-run.md): only `--servers` run, and with
    `--tools` empty a server the file names gets exactly the tools listed under it."""
    [command] = [line for line in tools_file.splitlines() if line.startswith("# docker mcp gateway run ")]
    flags = dict(word.split("=", 1) for word in command.split()[5:])
    assert set(flags) == {"--servers", "--tools-config"}  # no --tools: the file decides
    if server not in next(csv.reader([flags["--servers"]])):
        return False
    listed = yaml.safe_load(tools_file)
    assert isinstance(listed, dict) and all(isinstance(v, list) for v in listed.values())
    return tool in listed[server] if server in listed else True


def test_docker_gateway_tools_file(fleet: Fleet, store: Store) -> None:
    tools_file = exported(fleet, store, "docker-gateway").text
    shown = {
        "files": (*FILES_TOOLS, *HOSTILE_TOOLS, DRIFTED_TOOL, "READ_FILE"),
        "search": (*SEARCH_TOOLS, "old_tool"),
        "shell": ("run",),
        "legacy": ("gone",),
    }
    enabled = {(s, t) for s, tools in shown.items() for t in tools if gateway_enables(tools_file, s, t)}
    assert enabled == {(s, t) for s, tools in APPROVED.items() for t in tools}


@pytest.mark.parametrize("fmt", sorted(enforce.FORMATS))
def test_no_secret_and_no_hostile_name_in_any_format(fleet: Fleet, store: Store, fmt: str) -> None:
    rendered = exported(fleet, store, fmt)
    written = rendered.text + "".join(r.line() for r in rendered.refusals)
    for secret in (ENV_SECRET, BEARER_SECRET, URL_SECRET, "/run/secrets/key"):
        assert secret not in written
    # the hostile names add nothing: the document is the one a baseline without them gives
    servers, _ = enforce.approved(fleet.registry.servers, {"files": FILES_TOOLS, "search": SEARCH_TOOLS})
    assert rendered.text == enforce.render(fmt, servers).text
    assert (
        "shell" not in rendered.text and "legacy" not in rendered.text and DRIFTED_TOOL not in rendered.text
    )


def server(name: str, tools: tuple[str, ...], **launch: Any) -> ApprovedServer:
    fields: dict[str, Any] = {"transport": "stdio", "command": "run", "args": (), "env": {}, "url": None}
    return ApprovedServer(name=name, tools=tools, headers={}, **{**fields, **launch})


def test_what_a_format_cannot_say_is_refused_not_widened() -> None:
    empty, underscored, fine = server("empty", ()), server("under_score", ("t",)), server("fine", ("t",))
    toolhive = enforce.render("toolhive", [empty, underscored, fine])
    assert [d["metadata"]["name"] for d in yaml.safe_load_all(toolhive.text)] == ["fine"]
    assert [r.server for r in toolhive.refusals] == ["empty", "under_score"]
    docker = yaml.safe_load(enforce.render("docker-gateway", [empty, fine]).text)
    assert docker == {"empty": [], "fine": ["t"]}  # `empty` listed with none: not "not named" (all)
    referenced = server("ref", ("t",), command="${BIN}/srv")
    vscode = enforce.render("vscode", [referenced, fine])
    assert json.loads(vscode.text) == {"allowedMcpServers": [{"serverCommand": ["run"]}]}
    assert [r.server for r in vscode.refusals] == ["ref"]


@pytest.mark.parametrize(
    ("key", "value", "header", "expected"),
    [
        ("API_KEY", "literal-secret", False, "${API_KEY}"),
        ("API_KEY", "${VAULT_TOKEN}", False, "${VAULT_TOKEN}"),
        ("API_KEY", "${file:/run/secret}", False, "${API_KEY}"),
        ("API_KEY", "pre-${VAULT_TOKEN}", False, "${API_KEY}"),
        ("Authorization", "Bearer abc.def", True, "Bearer ${AUTHORIZATION}"),
        ("Authorization", "bearer ${TOKEN}", True, "bearer ${TOKEN}"),
        ("X-Api-Key", "k", True, "${X_API_KEY}"),
        ("1BAD", "v", False, None),
    ],
)
def test_a_value_becomes_a_reference_never_itself(
    key: str, value: str, header: bool, expected: str | None
) -> None:
    assert reference(key, value, header=header) == expected
