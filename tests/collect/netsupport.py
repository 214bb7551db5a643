"""Stand-ins for a company's network in tests: a recording HTTP server, a forward/CONNECT proxy,
a test CA with its server certificate, and a resolver that answers as the test says."""

from __future__ import annotations

import datetime
import ipaddress
import select
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.localhttp import StandIn, listening

Answer = tuple[int, bytes, dict[str, str]]
HANG = -1
"""A status that makes the server hold its answer until the test is done with it: the client's own
timeout is what ends the wait, not a guessed number of seconds."""


@dataclass
class Recorded:
    """What a stand-in saw: each request as `METHOD target` and the Host header it carried."""

    requests: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)


@contextmanager
def serving(routes: dict[str, Answer]) -> Iterator[tuple[str, Recorded]]:
    """An HTTP server on 127.0.0.1 answering GETs by path (404 elsewhere) and POSTs by
    `POST path` (405 elsewhere), recording each request."""
    seen = Recorded()
    done = threading.Event()

    class Handler(StandIn):
        def do_POST(self) -> None:
            self.body()
            self.answer(routes.get(f"POST {self.path}", (405, b"", {})))

        def do_GET(self) -> None:
            self.answer(routes.get(self.path, (404, b"{}", {})))

        def answer(self, route: Answer) -> None:
            seen.requests.append(f"{self.command} {self.path}")
            seen.hosts.append(self.headers.get("host", ""))
            status, body, headers = route
            if status == HANG:
                done.wait()  # (released when the test leaves `serving`)
                status = 200
            self.reply(status, body, headers)

    try:
        with listening(Handler) as where:
            yield where.url, seen
    finally:
        done.set()


def _pipe(one: socket.socket, other: socket.socket) -> None:
    """Relay bytes both ways until either side closes."""
    sockets = [one, other]
    while True:
        ready, _, _ = select.select(sockets, [], [], 10)
        if not ready:
            return
        for source in ready:
            data = source.recv(65536)
            if not data:
                return
            (other if source is one else one).sendall(data)


@contextmanager
def proxying() -> Iterator[tuple[str, Recorded]]:
    """A forward proxy: `CONNECT host:port` tunnels, an absolute-URI request is relayed (one
    request per connection). Records each request line's method and target."""
    seen = Recorded()

    class Handler(StandIn):
        def do_CONNECT(self) -> None:
            seen.requests.append(f"CONNECT {self.path}")
            host, _, port = self.path.rpartition(":")
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
            self.send_response(200, "Connection established")
            self.end_headers()
            with upstream:
                _pipe(self.connection, upstream)
            self.close_connection = True

        def relay(self) -> None:
            seen.requests.append(f"{self.command} {self.path}")
            seen.hosts.append(self.headers.get("host", ""))
            target = urlsplit(self.path)
            body = self.body()
            lines = [
                f"{self.command} {target.path or '/'}{'?' + target.query if target.query else ''} HTTP/1.1"
            ]
            lines += [
                f"{k}: {v}"
                for k, v in self.headers.items()
                if k.lower() not in ("connection", "proxy-connection")
            ]
            lines.append("connection: close")
            upstream = socket.create_connection((target.hostname or "", target.port or 80), timeout=10)
            with upstream:
                upstream.sendall("\r\n".join(lines).encode() + b"\r\n\r\n" + body)
                while data := upstream.recv(65536):
                    self.wfile.write(data)
            self.close_connection = True

        do_GET = do_POST = do_DELETE = relay

    with listening(Handler) as where:
        yield where.url, seen


def mint_ca(directory: Path, *names: str) -> tuple[Path, Path, Path]:
    """A test CA and a server certificate it signed for 127.0.0.1 and `names`: the CA's PEM, the
    server's certificate and its key, written in `directory`."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "driftwatch test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    alternatives: list[x509.GeneralName] = [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    alternatives += [x509.DNSName(name) for name in names]
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "server")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = directory / "ca.pem", directory / "server.pem", directory / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return paths


class Resolver:
    """DNS as the test says: each name's answers in turn (the last one repeated), every call kept."""

    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        turns = self.answers.get(host)
        if not turns:
            raise OSError(f"no such host {host}")
        return turns[min(self.calls.count(host), len(turns)) - 1]
