"""`driftwatch discover` on a real home directory and two real repositories (issue 16, item 4).

The configs of eight clients hold registered servers (some renamed, at other versions, spelt
differently) and unregistered ones (one named like a registered server), with tokens in env
values, headers, URLs and arguments, beside hostile files: one too large, one nested too deeply,
one that is not JSON, a symlink loop. `discover` must list exactly the unregistered servers, in
text, JSON and SARIF, exit 1, print no secret anywhere, give each hostile file one line and still
report the rest. In process (typer's CliRunner): no process is started.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from driftwatch.cli import app
from driftwatch.cli.app import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE

SECRETS = [
    "ghp_HomeToken0123456789abcdefABCDEF",
    "sk-ProjectKey9876543210ZYXWVUTsrqp",
    "hunter2-url-password",
    "QueryTokenValue-55443322",
    "BearerSecret-Zz9988776655",
    "CodexInlineToken-1122334455",
    "ArgSecret-aAbBcC123456789",
    "DockerEnvSecret-998877665544",
]
S = dict(enumerate(SECRETS))

REGISTRY = {
    "servers": [
        {"name": "github", "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"]},
        {"name": "search", "transport": "streamable_http", "url": "https://mcp.example.com/mcp"},
        {"name": "fetch", "command": "uvx", "args": ["mcp-server-fetch"]},
        {"name": "notes", "command": "docker", "args": ["run", "-i", "--rm", "ghcr.io/acme/notes:1"]},
    ]
}

UNKNOWN = {
    "npm:@evil/github-mcp",
    "url:https://shadow.example.net/sse",
    "pypi:shadow-tool",
    "module:shadow_mod",
    "url:https://hidden.example.org/mcp",
    "npm:vscode-shadow",
    "script:{repo2}/server/index.js",
    "npm:@acme/repo-helper",
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def dump(value: Any) -> str:
    return json.dumps(value, indent=2)


def build_home(home: Path) -> None:
    write(home / ".claude.json", dump({
        "numStartups": 3,
        "mcpServers": {"gh-tools": {"command": "npx", "args": ["@modelcontextprotocol/server-github@2.0.0"],
                                    "env": {"GITHUB_TOKEN": S[0]}}},
        "projects": {"/work/x": {"mcpServers": {"hidden": {
            "type": "http", "url": "https://hidden.example.org/mcp",
            "headers": {"Authorization": f"Bearer {S[4]}"}}}}},
    }))  # fmt: skip
    write(home / ".config/Claude/claude_desktop_config.json", dump({"mcpServers": {
        "github": {"command": "npx", "args": ["-y", "@evil/github-mcp"], "env": {"TOKEN": S[0]}},
    }}))  # fmt: skip
    write(home / ".cursor/mcp.json", dump({"mcpServers": {
        "web": {"url": f"https://u:{S[2]}@MCP.Example.com:443/mcp/?api_key={S[3]}"},
    }}))  # fmt: skip
    write(home / ".codeium/windsurf/mcp_config.json", dump({"mcpServers": {
        "shadow": {"serverUrl": f"https://shadow.example.net/sse?token={S[3]}"},
    }}))  # fmt: skip
    write(home / ".codex/config.toml", (
        '[mcp_servers.tool]\ncommand = "uvx"\nargs = ["shadow-tool==1.0", "--api-key", "' + S[6] + '"]\n'
        '[mcp_servers.tool.env]\nSHADOW_KEY = "' + S[1] + '"\n'
        '[mcp_servers.remote]\nurl = "https://mcp.example.com/mcp"\nbearer_token = "' + S[5] + '"\n'
    ))  # fmt: skip
    write(home / ".gemini/settings.json", dump({"theme": "x", "mcpServers": {
        "fetcher": {"command": "uvx", "args": ["mcp-server-fetch==2025.1"]},
    }}))  # fmt: skip
    write(home / ".config/zed/settings.json", """{
      // Zed settings: JSON with comments
      "context_servers": {
        "mod": {"command": {"path": "python3", "args": ["-m", "shadow_mod"], "env": {"K": "SECRET_1"}},},
      },
    }""".replace("SECRET_1", S[1]))  # fmt: skip
    write(home / ".config/Code/User/settings.json", """{
      "editor.fontSize": 13, /* user settings */
      "mcp": {"servers": {"vs": {"type": "stdio", "command": "npx", "args": ["vscode-shadow"]}}},
    }""")  # fmt: skip


def build_repos(repo1: Path, repo2: Path) -> None:
    write(repo1 / ".mcp.json", dump({"mcpServers": {
        "notes-renamed": {"command": "podman", "args": ["run", "--rm", "-i", "-e", f"TOKEN={S[7]}",
                                                       "ghcr.io/acme/notes:2"]},
    }}))  # fmt: skip
    write(repo1 / ".vscode/mcp.json", """{
      // workspace servers
      "servers": {"helper": {"type": "stdio", "command": "npx", "args": ["-y", "@acme/repo-helper@0.1"],
                             "env": {"HELPER_TOKEN": "SECRET_1"},},},
      "inputs": [],
    }""".replace("SECRET_1", S[1]))  # fmt: skip
    write(
        repo1 / "node_modules/dep/.mcp.json",
        dump({"mcpServers": {"dep": {"command": "npx", "args": ["dep"]}}}),
    )
    write(
        repo1 / "vendor/.cursor/mcp.json",
        dump({"mcpServers": {"v": {"command": "npx", "args": ["vendored"]}}}),
    )
    big = repo1 / "big/.mcp.json"
    big.parent.mkdir()
    with big.open("wb") as file:
        file.truncate(9 * 1024 * 1024)  # sparse: larger than the cap, cheap to make
    write(repo1 / "deep/.mcp.json", "[" * 200_000)
    write(repo1 / "bad/.cursor/mcp.json", '{"mcpServers": {"x": ')
    write(repo1 / "odd/.mcp.json", dump({"mcpServers": {"nothing": {"args": []}, "list": [1]}}))
    (repo1 / "loop").mkdir()
    os.symlink(".mcp.json", repo1 / "loop/.mcp.json")  # a symlink to itself
    os.symlink("..", repo1 / "loop/up")  # a directory loop: never followed
    write(repo2 / ".gemini/settings.json", dump({"mcpServers": {
        "local": {"command": "node", "args": ["./server/index.js"]},
    }}))  # fmt: skip
    write(
        repo2 / "sub/.codex/config.toml",
        '[mcp_servers.f]\ncommand = "uvx"\nargs = ["--from", "mcp-server-fetch", "x"]\n',
    )


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    home, repo1, repo2 = tmp_path / "home", tmp_path / "repo1", tmp_path / "repo2"
    build_home(home)
    build_repos(repo1, repo2)
    registry = write(tmp_path / "registry.yaml", yaml.safe_dump(REGISTRY))
    return {"home": home, "repo1": repo1, "repo2": repo2, "registry": registry}


def run(world: dict[str, Path], *args: str) -> Result:
    env = {"DRIFTWATCH_REGISTRY": str(world["registry"])}
    base = [
        "discover",
        str(world["repo1"]),
        str(world["repo2"]),
        "--home",
        str(world["home"]),
        "--exclude",
        "vendor",
    ]
    return CliRunner().invoke(app, [*base, *args], env=env)


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text
            assert secret[:12] not in text  # no piece of one either


def expected(world: dict[str, Path]) -> set[str]:
    return {key.format(repo2=world["repo2"]) for key in UNKNOWN}


def test_json_lists_exactly_the_unregistered_servers(world: dict[str, Path]) -> None:
    result = run(world, "--format", "json")
    assert result.exit_code == EXIT_FINDINGS, result.output
    document = json.loads(result.stdout)
    assert {s["identity"]["key"] for s in document["unknown"]} == expected(world)
    registered = {s["server"]: {p["name"] for p in s["found_in"]} for s in document["registered"]}
    assert registered == {
        "github": {"gh-tools"},
        "search": {"web", "remote"},
        "fetch": {"fetcher", "f"},
        "notes": {"notes-renamed"},
    }
    shadow = next(s for s in document["unknown"] if s["identity"]["key"] == "npm:@evil/github-mcp")
    assert shadow["found_in"][0] | {"file": ""} == {
        "file": "",
        "client": "claude-desktop",
        "name": "github",
        "version": None,
        "line": 3,  # `"github": {` under `"mcpServers": {`: where the entry is declared
    }
    clients = {p["client"] for s in document["unknown"] + document["registered"] for p in s["found_in"]}
    assert clients >= {
        "claude-code",
        "claude-desktop",
        "cursor",
        "vscode",
        "windsurf",
        "codex",
        "gemini",
        "zed",
    }
    assert not any("node_modules" in f or "vendor" in f for f in document["files"])
    assert_no_secret(result.stdout, result.stderr)


def test_each_hostile_file_is_one_line_and_the_rest_is_reported(world: dict[str, Path]) -> None:
    result = run(world, "--format", "json")
    errors: dict[str, str] = {}
    for error in json.loads(result.stdout)["errors"]:
        name = Path(error["file"]).parent.name
        errors[name] = errors.get(name, "") + error["message"]
    assert "larger than 8 MiB" in errors["big"]
    assert errors["deep"] == "nested too deeply"
    assert "not valid JSON" in errors[".cursor"]
    assert "symlink loop" in errors["loop"]
    assert "neither `command` nor `url`" in errors["odd"]
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == len(json.loads(result.stdout)["errors"]) >= 6
    assert all(len(line) < 400 for line in skipped)


def test_sarif_has_one_result_per_place_an_unregistered_server_is_declared(world: dict[str, Path]) -> None:
    result = run(world, "--format", "sarif")
    assert result.exit_code == EXIT_FINDINGS
    run_ = json.loads(result.stdout)["runs"][0]
    results = run_["results"]
    assert {r["properties"]["identity"]["key"] for r in results} == expected(world)
    assert {r["ruleId"] for r in results} == {"unregistered-server"}
    assert "unregistered-server" in {rule["id"] for rule in run_["tool"]["driver"]["rules"]}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert all(uri.startswith("file://") for uri in uris)
    assert len({r["partialFingerprints"]["driftwatch/v1"] for r in results}) == len(results)
    assert_no_secret(result.stdout, result.stderr)


def test_text_lists_them_and_nothing_secret(world: dict[str, Path]) -> None:
    result = run(world)
    assert result.exit_code == EXIT_FINDINGS
    for key in expected(world):
        assert key.split(":", 1)[1][:30] in result.stdout.replace("\n", "")
    assert "8 unregistered, 4 registered servers" in result.stderr
    assert_no_secret(result.stdout, result.stderr)


def test_add_imports_them_as_references_and_then_nothing_is_unknown(world: dict[str, Path]) -> None:
    """Servers whose URL or arguments carry a token are refused, as `server import` refuses them:
    exit 1, and they stay unknown."""
    result = run(world, "--add")
    assert result.exit_code == EXIT_FINDINGS, result.output
    assert "not imported: server 'shadow': its URL carries a credential" in result.stderr
    written = world["registry"].read_text()
    assert_no_secret(result.stdout, result.stderr, written)
    names = [s["name"] for s in yaml.safe_load(written)["servers"]]
    assert "github-2" in names  # the shadow server named like a registered one got its own name
    assert "${HELPER_TOKEN}" in written and "GITHUB_TOKEN" not in written
    again = run(world, "--format", "json")
    assert again.exit_code == EXIT_FINDINGS, again.output
    left = {s["identity"]["key"] for s in json.loads(again.stdout)["unknown"]}
    assert left == {"url:https://shadow.example.net/sse", "pypi:shadow-tool"}


def test_nothing_unknown_is_exit_0_and_a_missing_path_is_exit_2(
    world: dict[str, Path], tmp_path: Path
) -> None:
    env = {"DRIFTWATCH_REGISTRY": str(world["registry"])}
    clean = tmp_path / "clean"
    write(clean / ".mcp.json", dump({"mcpServers": {"s": {"url": "https://mcp.example.com/mcp/"}}}))
    result = CliRunner().invoke(app, ["discover", str(clean), "--no-home"], env=env)
    assert result.exit_code == EXIT_OK, result.output
    missing = CliRunner().invoke(app, ["discover", str(tmp_path / "nope"), "--no-home"], env=env)
    assert missing.exit_code == EXIT_USAGE
    assert missing.output.strip().startswith("error: no such file")
