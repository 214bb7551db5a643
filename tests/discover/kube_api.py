"""A Kubernetes API server for tests: recorded answers (tests/discover/kube/) over real HTTPS.

A threaded `http.server` behind TLS with a certificate made for 127.0.0.1, which the test's
kubeconfig trusts through `certificate-authority-data`, as a real cluster's does. Every request
must carry `Authorization: Bearer <token>` (else a 401 `Status`, as the API server answers); each
one is recorded (path and query) so tests can see the pages that were asked for.
"""

from __future__ import annotations

import base64
import datetime
import ipaddress
import json
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.localhttp import StandIn, listening

RECORDED = Path(__file__).parent / "kube"
TOKEN = "KubeBearer-eyJhbGciOiJSUzI1NiIsImtpZCI6IjQ4In0.SaToken0123456789"

Answer = tuple[int, bytes]
Router = Callable[[str, dict[str, str]], Answer]


def recorded(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


def status(code: int, reason: str, message: str = "") -> Answer:
    body = {"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": message, "reason": reason}
    return code, json.dumps({**body, "code": code}).encode()


def cluster_router(path: str, query: dict[str, str]) -> Answer:
    """The recorded cluster: ToolHive installed, three MCPServers (one broken), two pod pages."""
    if path == "/apis/toolhive.stacklok.dev":
        return 200, recorded("apigroup.json")
    if path == "/apis/toolhive.stacklok.dev/v1alpha1/mcpservers":
        return 200, recorded("mcpservers.json")
    if path == "/api/v1/pods" and query.get("labelSelector") == "driftwatch.io/mcp-server=true":
        first = json.loads(recorded("pods-1.json"))
        if query.get("continue") == first["metadata"]["continue"]:
            return 200, recorded("pods-2.json")
        return 200, recorded("pods-1.json")
    return status(404, "NotFound", "the server could not find the requested resource")


@dataclass
class FakeApi:
    url: str
    ca_pem: str
    requests: list[str] = field(default_factory=list)

    def kubeconfig(self, path: Path, *, token: str = TOKEN, user: dict[str, Any] | None = None) -> Path:
        """A kubeconfig whose current context is this server, trusting its certificate."""
        document = {
            "apiVersion": "v1",
            "kind": "Config",
            "current-context": "test",
            "contexts": [{"name": "test", "context": {"cluster": "kind-test", "user": "tester"}}],
            "clusters": [
                {
                    "name": "kind-test",
                    "cluster": {
                        "server": self.url,
                        "certificate-authority-data": base64.b64encode(self.ca_pem.encode()).decode(),
                    },
                }
            ],
            "users": [{"name": "tester", "user": user if user is not None else {"token": token}}],
        }
        path.write_text(json.dumps(document), encoding="utf-8")  # JSON is YAML
        return path


def certificate() -> tuple[bytes, bytes]:
    """A self-signed certificate for 127.0.0.1 and its key (PEM)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kube-apiserver")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


@contextmanager
def serve(router: Router, tmp: Path, *, token: str = TOKEN) -> Iterator[FakeApi]:
    """Serve `router`'s answers over HTTPS on 127.0.0.1 until the block ends."""
    cert_pem, key_pem = certificate()
    (tmp / "server.crt").write_bytes(cert_pem)
    (tmp / "server.key").write_bytes(key_pem)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp / "server.crt", tmp / "server.key")
    requests: list[str] = []

    class Handler(StandIn):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            requests.append(self.path)
            if self.headers.get("Authorization") != f"Bearer {token}":
                code, body = status(401, "Unauthorized", "Unauthorized")
            else:
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                code, body = router(parts.path, query)
            self.reply(code, body, {"Content-Type": "application/json"})

    with listening(Handler, tls=context) as where:
        yield FakeApi(where.url, cert_pem.decode(), requests)
