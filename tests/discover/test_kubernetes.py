"""`driftwatch discover` against a Kubernetes API (issue 16, item 4): recorded answers served
locally over HTTPS (tests/discover/kube_api.py), reached through a kubeconfig the test writes or
an in-cluster service account directory.

The cluster holds ToolHive `MCPServer`s (one registered by image, one by its service URL, one
nobody registered, one without an image) and labelled pods over two pages (two replicas of one
unregistered image, and a pod whose annotations pick its container and give a URL with a key
in it). `discover` must list exactly the unregistered ones, page through the pods, keep the
bearer token and the URL key out of everything it prints, and report a broken API (refusal,
garbage, a huge answer, endless pages) as one line without losing the config files' servers.
The tests that serve the API listen on a socket, so they are `e2e` (a second each, no process).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from driftwatch.cli import app
from driftwatch.cli.app import EXIT_FINDINGS, EXIT_USAGE
from driftwatch.discover import KubeOptions, Problem, discover_kubernetes, kube, kube_options
from driftwatch.settings import load_settings
from tests.discover.kube_api import (
    TOKEN,
    Answer,
    FakeApi,
    certificate,
    cluster_router,
    recorded,
    serve,
    status,
)

URL_KEY = "PodUrlKey-7766554433"
REGISTRY = {
    "servers": [
        {"name": "notes", "command": "docker", "args": ["run", "-i", "--rm", "ghcr.io/acme/notes:1.2"]},
        {
            "name": "fetch",
            "transport": "streamable_http",
            "url": "http://mcp-fetch-proxy.tools.svc.cluster.local:8080/mcp",
        },
    ]
}
UNKNOWN = {"oci:ghcr.io/evil/shadow-tools", "oci:ghcr.io/github/github-mcp-server", "oci:reports-mcp"}
SHADOW = "kubernetes:kind-test/team-b/MCPServer/shadow"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "registry.yaml"
    path.write_text(yaml.safe_dump(REGISTRY), encoding="utf-8")
    return path


def run(registry: Path, *args: str) -> Result:
    env = {"DRIFTWATCH_REGISTRY": str(registry)}
    return CliRunner().invoke(app, ["discover", "--no-home", *args], env=env)


def report(result: Result) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.mark.e2e  # a local HTTPS server
def test_lists_exactly_the_unregistered_cluster_servers(tmp_path: Path, registry: Path) -> None:
    with serve(cluster_router, tmp_path) as api:
        config = api.kubeconfig(tmp_path / "kubeconfig")
        result = run(registry, "--kubeconfig", str(config), "--format", "json")
    assert result.exit_code == EXIT_FINDINGS, result.output
    document = report(result)
    assert {s["identity"]["key"] for s in document["unknown"]} == UNKNOWN
    registered = {s["server"]: [p["file"] for p in s["found_in"]] for s in document["registered"]}
    assert registered == {  # by image (another tag), and by the service URL ToolHive reports
        "notes": ["kubernetes:kind-test/team-a/MCPServer/notes"],
        "fetch": ["kubernetes:kind-test/tools/MCPServer/fetch"],
    }
    by_key = {s["identity"]["key"]: s for s in document["unknown"]}
    github = by_key["oci:ghcr.io/github/github-mcp-server"]
    assert [p["name"] for p in github["found_in"]] == ["github-7f9c4d8b6-abcde"]  # replicas: one sighting
    assert github["identity"]["version"] == "v0.24.0"
    assert by_key["oci:ghcr.io/evil/shadow-tools"]["found_in"][0]["file"] == SHADOW
    assert by_key["oci:ghcr.io/evil/shadow-tools"]["transport"] == "sse"
    assert by_key["oci:reports-mcp"]["found_in"][0]["client"] == "kubernetes"
    assert document["files"] == ["kubernetes:kind-test"]
    assert document["errors"] == [
        {
            "file": "kubernetes:kind-test/team-b/MCPServer/broken",
            "message": "spec.image is missing or not an image reference",
        }
    ]
    pages = [r for r in api.requests if r.startswith("/api/v1/pods")]
    assert len(pages) == 2 and "continue=eyJ2Ijoi" in pages[1]  # the second page was asked for
    assert TOKEN not in result.output and URL_KEY not in result.output


@pytest.mark.e2e  # a local HTTPS server
def test_text_and_sarif_name_the_cluster_source(tmp_path: Path, registry: Path) -> None:
    with serve(cluster_router, tmp_path) as api:
        config = api.kubeconfig(tmp_path / "kubeconfig")
        text = run(registry, "--kubeconfig", str(config))
        sarif = run(registry, "--kubeconfig", str(config), "--format", "sarif")
    assert text.exit_code == sarif.exit_code == EXIT_FINDINGS
    assert "team-b/MCPServer/shadow" in text.output and "oci:ghcr.io/evil/shadow-tools" in text.output
    assert "3 unregistered, 2 registered servers in 0 config files and 1 Kubernetes cluster" in text.stderr
    results = json.loads(sarif.stdout)["runs"][0]["results"]
    assert len(results) == 3
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert SHADOW in uris
    for output in (text.output, sarif.output):
        assert TOKEN not in output and URL_KEY not in output and TOKEN[:12] not in output


@pytest.mark.e2e  # a local HTTPS server
def test_a_broken_api_leaves_file_discovery_intact(
    tmp_path: Path, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kube, "MAX_BODY", 64 * 1024)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".mcp.json").write_text(
        json.dumps({"mcpServers": {"x": {"command": "uvx", "args": ["shadow-tool"]}}})
    )

    def broken(path: str, query: dict[str, str]) -> Answer:
        if path == "/apis/toolhive.stacklok.dev":
            return 200, b"\x00{not json" * 10
        return 200, b'{"items": [' + b'{"a": 1},' * 50_000 + b"{}]}"  # 450 KiB

    with serve(broken, tmp_path) as api:
        result = run(
            registry, str(repo), "--kubeconfig", str(api.kubeconfig(tmp_path / "kc")), "--format", "json"
        )
    assert result.exit_code == EXIT_FINDINGS, result.output
    document = report(result)
    assert {s["identity"]["key"] for s in document["unknown"]} == {"pypi:shadow-tool"}
    assert document["errors"] == [
        {
            "file": "kubernetes:kind-test",
            "message": "GET /apis/toolhive.stacklok.dev: the answer is not JSON",
        },
        {"file": "kubernetes:kind-test", "message": "GET /api/v1/pods: the answer is larger than 64 KiB"},
    ]
    assert "skipped kubernetes:kind-test: GET /api/v1/pods" in result.stderr


@pytest.mark.e2e  # a local HTTPS server
def test_refusals_are_one_line_without_the_servers_words(tmp_path: Path, registry: Path) -> None:
    def forbidding(path: str, query: dict[str, str]) -> Answer:
        if path == "/api/v1/pods":
            return 403, recorded("forbidden.json")
        return status(404, "NotFound")

    with serve(forbidding, tmp_path) as api:
        config = api.kubeconfig(tmp_path / "kubeconfig")
        refused = run(registry, "--kubeconfig", str(config), "--format", "json")
        wrong = run(registry, "--kubeconfig", str(api.kubeconfig(tmp_path / "k2", token="not-the-token")))
    assert report(refused)["errors"] == [
        {"file": "kubernetes:kind-test", "message": "GET /api/v1/pods: HTTP 403 Forbidden"}
    ]
    assert report(refused)["unknown"] == [] and refused.exit_code == 0  # no ToolHive (404): no error
    assert "system:serviceaccount" not in refused.output
    assert "HTTP 401 Unauthorized" in wrong.stderr


@pytest.mark.e2e  # a local HTTPS server
def test_pages_stop_at_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kube, "MAX_PAGES", 3)

    def endless(path: str, query: dict[str, str]) -> Answer:
        page = int(query.get("continue", "0"))
        return 200, json.dumps({"metadata": {"continue": str(page + 1)}, "items": []}).encode()

    with serve(endless, tmp_path) as api:
        found = discover_kubernetes(
            KubeOptions("on", kubeconfig=api.kubeconfig(tmp_path / "kc"), namespaces=("a",))
        )
    assert [p.message for p in found.problems] == [
        "GET /apis/toolhive.stacklok.dev/v1alpha1/namespaces/a/mcpservers: stopped after 3 pages of 250",
        "GET /api/v1/namespaces/a/pods: stopped after 3 pages of 250",
    ]
    assert len(api.requests) == 1 + 3 + 3


@pytest.mark.e2e  # a local HTTPS server
def test_in_cluster_service_account(tmp_path: Path) -> None:
    account = tmp_path / "serviceaccount"
    account.mkdir()
    (account / "token").write_text(TOKEN + "\n")
    with serve(cluster_router, tmp_path) as api:
        (account / "ca.crt").write_text(api.ca_pem)
        host, port = api.url.removeprefix("https://").split(":")
        env = {"KUBERNETES_SERVICE_HOST": host, "KUBERNETES_SERVICE_PORT": port}
        found = discover_kubernetes(KubeOptions("auto", env=env, service_account=account, home=tmp_path))
    assert {f.identity.key for f in found.found} >= UNKNOWN
    assert found.files == ("kubernetes:in-cluster",)
    assert all(f.file.startswith("kubernetes:in-cluster/") for f in found.found)


@pytest.mark.e2e  # a local HTTPS server
def test_token_file_and_client_certificate(tmp_path: Path) -> None:
    cert, key = certificate()
    (tmp_path / "token").write_text(TOKEN)
    user = {
        "tokenFile": "token",  # relative to the kubeconfig's directory
        "client-certificate-data": base64.b64encode(cert).decode(),
        "client-key-data": base64.b64encode(key).decode(),
    }
    with serve(cluster_router, tmp_path) as api:
        good = discover_kubernetes(KubeOptions("on", kubeconfig=api.kubeconfig(tmp_path / "kc", user=user)))
        user["client-key-data"] = base64.b64encode(b"not a key").decode()
        bad = discover_kubernetes(KubeOptions("on", kubeconfig=api.kubeconfig(tmp_path / "kc", user=user)))
    assert {f.identity.key for f in good.found} >= UNKNOWN
    assert [p.message for p in bad.problems] == ["the cluster's certificates cannot be used: SSLError"]
    assert bad.found == ()


def test_no_cluster_and_unsupported_credentials(tmp_path: Path, registry: Path) -> None:
    assert run(registry, "--kubeconfig", str(tmp_path / "missing")).exit_code == EXIT_USAGE
    nothing = KubeOptions("auto", env={}, service_account=tmp_path / "none", home=tmp_path)
    assert discover_kubernetes(nothing).problems == ()
    insisted = discover_kubernetes(
        KubeOptions("on", env={}, service_account=tmp_path / "none", home=tmp_path)
    )
    assert [p.message for p in insisted.problems] == [
        "no kubeconfig (KUBECONFIG, ~/.kube/config) and no in-cluster service account"
    ]
    api = FakeApi("https://127.0.0.1:1", "")
    plugin = api.kubeconfig(tmp_path / "kc", user={"exec": {"command": "aws", "args": ["eks", "get-token"]}})
    (message,) = [p.message for p in discover_kubernetes(KubeOptions("auto", kubeconfig=plugin)).problems]
    assert "`exec` plugin, which driftwatch does not run" in message
    env = {"KUBECONFIG": f"{tmp_path / 'missing'}:{plugin}"}  # the first file of the list that exists
    assert discover_kubernetes(KubeOptions("auto", env=env, home=tmp_path)).problems[0].message == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: [1, 2\n", "not valid YAML"),
        ("- a list\n", "expected a mapping at the top"),
        ("clusters: []\n", "no current-context (give one with --context)"),
        ("current-context: x\ncontexts: [{name: y, context: {}}]\n", "no context named 'x'"),
        (
            "current-context: x\ncontexts: [{name: x, context: {cluster: c}}]\n"
            "clusters: [{name: c, cluster: {server: 'ftp://h'}}]\n",
            "cluster 'c' has no http(s) server",
        ),
        (
            "current-context: x\ncontexts: [{name: x, context: {cluster: c}}]\n"
            "clusters: [{name: c, cluster: {server: 'https://h', certificate-authority-data: '%%%'}}]\n",
            "`certificate-authority-data` is not base64 of a PEM text",
        ),
        ("[" * 100_000, "not valid YAML"),
    ],
)
def test_a_malformed_kubeconfig_is_one_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "kubeconfig"
    path.write_text(text)
    (problem,) = discover_kubernetes(KubeOptions("auto", kubeconfig=path)).problems
    assert problem.message == f"kubeconfig {path}: {message}"


def test_settings_turn_the_cluster_on(tmp_path: Path) -> None:
    config = tmp_path / "etc" / "driftwatch.yaml"
    config.parent.mkdir()
    config.write_text(
        "discovery_kubernetes: auto\ndiscovery_kubeconfig: kube/config\n"
        "discovery_kubernetes_context: prod\ndiscovery_kubernetes_namespaces: [mcp, tools]\n"
    )
    settings = load_settings(config)
    assert settings.discovery_enabled  # with no homes nor paths: the cluster alone
    assert kube_options(settings) == KubeOptions(
        "auto", kubeconfig=tmp_path / "etc" / "kube" / "config", context="prod", namespaces=("mcp", "tools")
    )
    assert not load_settings(None).discovery_enabled


@pytest.mark.e2e  # a local HTTPS server
def test_add_registers_the_service_url_or_the_image(tmp_path: Path, registry: Path) -> None:
    with serve(cluster_router, tmp_path) as api:
        config = api.kubeconfig(tmp_path / "kubeconfig")
        added = run(registry, "--kubeconfig", str(config), "--add")
        again = run(registry, "--kubeconfig", str(config), "--format", "json")
    assert added.exit_code == EXIT_FINDINGS  # the pod's URL carries a key: not imported, and named
    assert "not imported" in added.stderr and URL_KEY not in added.output
    servers = {s["name"]: s for s in yaml.safe_load(registry.read_text())["servers"]}
    assert servers["shadow"]["url"] == "http://mcp-shadow-proxy.team-b.svc.cluster.local:8080/sse#shadow"
    assert servers["shadow"]["transport"] == "sse"
    github = servers["github-7f9c4d8b6-abcde"]
    assert github["command"] == "docker" and github["args"][-1] == "ghcr.io/github/github-mcp-server:v0.24.0"
    assert {s["identity"]["key"] for s in report(again)["unknown"]} == {"oci:reports-mcp"}


@pytest.mark.e2e  # a local HTTPS server
def test_many_broken_objects_are_counted_past_a_hundred(tmp_path: Path) -> None:
    def broken(path: str, query: dict[str, str]) -> Answer:
        if path == "/api/v1/pods":
            items = [{"metadata": {"name": f"p{i}", "namespace": "x"}, "spec": {}} for i in range(150)]
            return 200, json.dumps({"items": [*items, "not an object"]}).encode()
        return status(404, "NotFound")

    with serve(broken, tmp_path) as api:
        found = discover_kubernetes(KubeOptions("on", kubeconfig=api.kubeconfig(tmp_path / "kc")))
    assert len(found.problems) == kube.MAX_PROBLEMS + 1
    assert found.problems[0] == Problem("kubernetes:kind-test/x/Pod/p0", "no containers")
    assert found.problems[-1] == Problem("kubernetes:kind-test", "51 more objects or lists could not be read")
