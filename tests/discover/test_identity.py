"""Host identity normalization: every spelling of one launch or URL is one key, and different
servers stay different (driftwatch/discover/identity.py)."""

from __future__ import annotations

import pytest

from driftwatch.discover.identity import of_launch, of_url


@pytest.mark.parametrize(
    ("command", "args", "cwd", "key", "version"),
    [
        ("npx", ["-y", "@Scope/Pkg@1.2.3"], None, "npm:@scope/pkg", "1.2.3"),
        ("npx", ["@scope/pkg"], None, "npm:@scope/pkg", None),
        ("/usr/local/bin/npx", ["--yes", "--", "pkg@latest", "--token", "x"], None, "npm:pkg", "latest"),
        ("npx.cmd", ["-y", "pkg"], None, "npm:pkg", None),
        ("npx", ["-p", "pkg@2", "bin-name"], None, "npm:pkg", "2"),
        ("pnpm", ["dlx", "pkg@3"], None, "npm:pkg", "3"),
        ("bunx", ["pkg"], None, "npm:pkg", None),
        (
            "npx",
            ["-y", "mcp-remote", "https://Remote.example.com/mcp/"],
            None,
            "url:https://remote.example.com/mcp",
            None,
        ),
        ("node", ["/home/u/app/node_modules/@scope/pkg/dist/index.js"], None, "npm:@scope/pkg", None),
        ("node", ["./server/../server/index.js"], "/srv/app", "script:/srv/app/server/index.js", None),
        ("node", ["C:\\tools\\server\\index.js"], None, "script:C:/tools/server/index.js", None),
        ("uvx", ["Mcp_Server.Fetch==1.0"], None, "pypi:mcp-server-fetch", "1.0"),
        ("uvx", ["--from", "mcp-server-git@0.6", "mcp-server-git"], None, "pypi:mcp-server-git", "0.6"),
        ("uv", ["tool", "run", "pkg"], None, "pypi:pkg", None),
        ("pipx", ["run", "pkg[extra]"], None, "pypi:pkg", None),
        ("python3", ["-u", "-m", "my_server.main"], None, "module:my_server.main", None),
        ("uv", ["--directory", "/srv/x", "run", "python", "-m", "srv"], None, "module:srv", None),
        ("uv", ["run", "--directory", "/srv/x", "server.py"], None, "script:/srv/x/server.py", None),
        ("python", ["server.py"], "/opt/s", "script:/opt/s/server.py", None),
        (
            "docker",
            ["run", "-i", "--rm", "-e", "TOKEN", "ghcr.io/Acme/tool:1.2"],
            None,
            "oci:ghcr.io/acme/tool",
            "1.2",
        ),
        ("podman", ["run", "--env=A=b", "docker.io/library/redis@sha256:ab"], None, "oci:redis", "sha256:ab"),
        ("docker", ["run", "localhost:5000/img"], None, "oci:localhost:5000/img", None),
        ("bash", ["/opt/run.sh"], None, "script:/opt/run.sh", None),
        ("/opt/bin/my-mcp", ["--port", "1"], None, "command:/opt/bin/my-mcp", None),
        ("My-MCP", [], None, "command:my-mcp", None),
    ],
)
def test_launches(command: str, args: list[str], cwd: str | None, key: str, version: str | None) -> None:
    identity = of_launch(command, args, cwd)
    assert (identity.key, identity.version) == (key, version)


@pytest.mark.parametrize(
    "url",
    [
        "https://mcp.example.com/mcp",
        "HTTPS://MCP.Example.COM/mcp/",
        "https://mcp.example.com:443/mcp",
        "https://user:pass@mcp.example.com/mcp?api_key=abc#frag",
        "https://mcp.example.com//mcp",
    ],
)
def test_spellings_of_one_url_are_one_identity(url: str) -> None:
    assert of_url(url).key == "url:https://mcp.example.com/mcp"


def test_different_urls_stay_different() -> None:
    keys = {
        of_url(u).key
        for u in (
            "https://mcp.example.com/mcp",
            "http://mcp.example.com/mcp",
            "https://mcp.example.com:8443/mcp",
            "https://mcp.example.com/MCP",
            "https://other.example.com/mcp",
        )
    }
    assert len(keys) == 5
    assert of_url("http://[::1]:8080/mcp").key == "url:http://[::1]:8080/mcp"
    assert of_url("http://host:99999/mcp").key == "url:http://host/mcp"  # a bad port is not a crash


def test_versions_are_shown_but_never_matched() -> None:
    assert of_launch("npx", ["pkg@1"]).key == of_launch("npx", ["-y", "pkg@2"]).key
    assert str(of_launch("npx", ["pkg@1"])) == "npm:pkg@1"
