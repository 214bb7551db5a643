"""A company's network, end to end: the SSRF guard on the authorization surface a real local HTTP
server names (collect/guard.py, collect/authsurface.py), a forward proxy that sees (or, for a host
in NO_PROXY, does not see) driftwatch's requests to an MCP server, and an MCP server over HTTPS
whose certificate a test CA signed, trusted through `ca_bundle` or `SSL_CERT_FILE`."""

from __future__ import annotations

import json
import ssl
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

import anyio
import httpx
import httpx2
import pytest

from driftwatch import netconf
from driftwatch.alerts.dispatcher import Routed
from driftwatch.collect.authsurface import MAX_REDIRECTS, fetch_surface
from driftwatch.collect.client import Collected, Collector
from driftwatch.collect.guard import Guarded
from driftwatch.errors import CollectError
from driftwatch.model import AuthSurface
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from tests.collect.netsupport import Answer, Resolver, mint_ca, proxying, serving
from tests.support import TEST_SERVERS, Processes, default_manifest, free_port

pytestmark = pytest.mark.e2e  # listens on sockets, starts MCP servers

PRM = "/.well-known/oauth-protected-resource/mcp"
AS = "/.well-known/oauth-authorization-server"


def ok(document: object) -> Answer:
    return 200, json.dumps(document).encode(), {"content-type": "application/json"}


def moved(location: str) -> Answer:
    return 302, b"", {"location": location}


def read(base: str, *, allow: tuple[str, ...] = (), dns: Resolver | None = None) -> AuthSurface | None:
    url = f"{base}/mcp"

    async def main() -> AuthSurface | None:
        pool = Guarded(httpx2.AsyncHTTPTransport(), [url], allowance=netconf.Allowance.parse(allow))
        if dns is not None:
            pool.resolver = dns
        async with pool:
            return await fetch_surface(pool, url, 2.0)

    return anyio.run(main)


# --- the SSRF guard on the authorization surface ----------------------------------------------


def test_authorization_servers_at_inside_addresses_are_not_read(caplog: pytest.LogCaptureFixture) -> None:
    """Loopback (another origin), cloud metadata, the private network, a name resolving to loopback:
    each issuer is unknown, nothing reached the loopback server, and the surface is still read."""
    dns = Resolver({"as.inside.test": [["127.0.0.1"]]})
    with serving({AS: ok({"issuer": "https://leaked.example"})}) as (inside, seen):
        port = inside.rsplit(":", 1)[1]
        named = [inside, "https://169.254.169.254", "https://10.1.2.3", f"https://as.inside.test:{port}"]
        with serving({PRM: ok({"authorization_servers": named})}) as (base, _):
            surface = read(base, dns=dns)
    assert surface is not None and surface.protected
    assert dict(surface.issuers) == dict.fromkeys(named)
    assert seen.requests == []  # the guard refused before connecting
    assert dns.calls == ["as.inside.test"]


def test_allowed_by_the_setting_it_is_read() -> None:
    with (
        serving({AS: ok({"issuer": "https://idp.corp.example"})}) as (inside, seen),
        serving({PRM: ok({"authorization_servers": [inside]})}) as (base, _),
    ):
        surface = read(base, allow=("127.0.0.1",))
    assert surface is not None and dict(surface.issuers) == {inside: "https://idp.corp.example"}
    assert seen.requests == [f"GET {AS}"]


def test_dns_rebinding_the_connection_goes_to_the_address_checked() -> None:
    """The name answers an allowed address first and the metadata service after: the guard asks
    once per request and connects to the address it checked, the name kept as the Host header."""
    dns = Resolver({"as.rebind.test": [["127.0.0.1"], ["169.254.169.254"]]})
    with serving({AS: ok({"issuer": "https://as.rebind.test"})}) as (inside, seen):
        named = f"http://as.rebind.test:{inside.rsplit(':', 1)[1]}"
        with serving({PRM: ok({"authorization_servers": [named]})}) as (base, _):
            surface = read(base, allow=("127.0.0.1/32",), dns=dns)
    assert surface is not None and dict(surface.issuers) == {named: "https://as.rebind.test"}
    assert dns.calls == ["as.rebind.test"]  # one answer asked, and it was the one used
    assert seen.hosts == [named.removeprefix("http://")]


def test_a_pinned_https_fetch_verifies_the_certificate_for_the_name(tmp_path: Path) -> None:
    """Connecting to the checked address keeps TLS honest: the certificate is verified for the name
    (sent as SNI), so a pinned fetch is as strict as an unpinned one."""
    ca, cert, key = mint_ca(tmp_path, "as.pinned.test")
    dns = Resolver({"as.pinned.test": [["127.0.0.1"]], "as.wrong.test": [["127.0.0.1"]]})
    with serving_tls({AS: ok({"issuer": "https://as.pinned.test"})}, cert, key) as port:
        named = [f"https://as.pinned.test:{port}", f"https://as.wrong.test:{port}"]
        with serving({PRM: ok({"authorization_servers": named})}) as (base, _):
            url = f"{base}/mcp"

            async def main() -> AuthSurface | None:
                pool = Guarded(
                    httpx2.AsyncHTTPTransport(),
                    [url],
                    tls=netconf.tls_context(ca),
                    allowance=netconf.Allowance.parse(["127.0.0.1"]),
                    resolver=dns,
                )
                async with pool:
                    return await fetch_surface(pool, url, 2.0)

            surface = anyio.run(main)
    assert surface is not None
    # (the certificate does not name as.wrong.test: its issuer is unknown)
    assert dict(surface.issuers) == {named[0]: "https://as.pinned.test", named[1]: None}


@contextmanager
def serving_tls(routes: dict[str, Answer], cert: Path, key: Path) -> Iterator[int]:
    with serving(routes) as (plain, _):
        server = ThreadingHTTPServer(("127.0.0.1", 0), _relay_to(int(plain.rsplit(":", 1)[1])))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield server.server_address[1]
        finally:
            server.shutdown()
            server.server_close()


def _relay_to(port: int) -> type:
    from http.server import BaseHTTPRequestHandler

    class Relay(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answer = httpx.get(f"http://127.0.0.1:{port}{self.path}")
            self.send_response(answer.status_code)
            self.send_header("content-length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        def log_message(self, *args: object) -> None:
            pass

    return Relay


@pytest.mark.parametrize(
    "target",
    ["http://127.0.0.1:9/meta", "https://169.254.169.254/latest/meta-data/", "https://10.0.0.8/meta"],
)
def test_a_redirect_to_an_inside_address_leaves_the_surface_unknown(target: str) -> None:
    with serving({PRM: moved(target)}) as (base, _):
        assert read(base) is None


def test_a_redirect_is_followed_hop_by_hop_each_checked() -> None:
    with (
        serving({"/meta": ok({"authorization_servers": []})}) as (inside, seen),
        serving({PRM: moved(f"{inside}/meta")}) as (base, _),
    ):
        assert read(base) is None  # (the other origin is loopback: refused)
        assert read(base, allow=("127.0.0.1",)) == AuthSurface(True, None, (), (), ())
    assert seen.requests == ["GET /meta"]


def test_redirects_past_the_bound_leave_the_surface_unknown() -> None:
    hops = {f"/hop{i}": moved(f"/hop{i + 1}") for i in range(MAX_REDIRECTS + 1)}
    with serving({PRM: moved("/hop0"), **hops, f"/hop{MAX_REDIRECTS + 1}": ok({})}) as (base, seen):
        assert read(base) is None
    assert len(seen.requests) == MAX_REDIRECTS + 1


def test_plain_http_off_loopback_is_refused_even_when_allowed() -> None:
    dns = Resolver({"as.corp.test": [["10.0.0.9"]]})
    with serving({PRM: ok({"authorization_servers": ["http://as.corp.test"]})}) as (base, _):
        surface = read(base, allow=("10.0.0.0/8",), dns=dns)
    assert surface is not None and surface.issuers == (("http://as.corp.test", None),)


# --- proxies and a company's CA, through the collector ---------------------------------------


def _no_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "ssl_cert_file", "ssl_cert_dir"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


def mcp_server(processes: Processes, tmp_path: Path, tls: tuple[Path, Path] | None = None) -> str:
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps(default_manifest()))
    port = free_port()
    env = {"MANIFEST_TLS_CERT": str(tls[0]), "MANIFEST_TLS_KEY": str(tls[1])} if tls else {}
    script = str(TEST_SERVERS / "manifest_server.py")
    processes.start([sys.executable, script, str(manifest), "streamable-http", str(port)], port, env)
    return f"{'https' if tls else 'http'}://127.0.0.1:{port}/mcp"


def collect(settings: Settings, url: str) -> Collected:
    spec = ServerSpec(name="notes", transport="streamable_http", url=url)

    async def main() -> Collected:
        async with Collector(settings).session() as collector:
            return await collector.collect(spec)

    return anyio.run(main)


def test_an_mcp_server_is_reached_through_the_proxy_unless_no_proxy_names_it(
    processes: Processes, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_proxy_environment(monkeypatch)
    url = mcp_server(processes, tmp_path)
    with proxying() as (proxy, seen):
        monkeypatch.setenv("HTTP_PROXY", proxy)
        assert collect(settings, url).manifest.tools
        assert f"POST {url}" in seen.requests  # (absolute-form: a forward proxy's request)
        assert all(line.split()[1].startswith(url.removesuffix("/mcp")) for line in seen.requests)

        seen.requests.clear()
        monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.0/8")
        assert collect(settings, url).manifest.tools
        assert seen.requests == []


def test_a_company_ca_is_trusted_through_the_setting_or_ssl_cert_file(
    processes: Processes, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_proxy_environment(monkeypatch)
    ca, cert, key = mint_ca(tmp_path)
    url = mcp_server(processes, tmp_path, (cert, key))

    with pytest.raises(CollectError, match="CERTIFICATE_VERIFY_FAILED") as untrusted:
        collect(settings, url)
    assert untrusted.value.error_class == "connect"

    assert collect(settings.model_copy(update={"ca_bundle": ca}), url).manifest.tools
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))
    assert collect(settings, url).manifest.tools

    with proxying() as (proxy, seen):  # and through a proxy, HTTPS is tunnelled: CONNECT
        monkeypatch.setenv("HTTPS_PROXY", proxy)
        assert collect(settings, url).manifest.tools
    assert seen.requests == [f"CONNECT {url.removeprefix('https://').removesuffix('/mcp')}"]


def test_alerts_go_through_the_proxy_unless_no_proxy_names_them(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_proxy_environment(monkeypatch)
    with serving({"/hook": ok({})}) as (destination, direct), proxying() as (proxy, seen):
        monkeypatch.setenv("HTTP_PROXY", proxy)
        with httpx.Client(transport=Routed(netconf.tls_context(None))) as client:
            assert client.get(f"{destination}/hook").status_code == 200
            monkeypatch.setenv("NO_PROXY", "127.0.0.1")
            assert client.get(f"{destination}/hook").status_code == 200
    assert seen.requests == [f"GET {destination}/hook"]
    assert direct.requests == ["GET /hook", "GET /hook"]


@pytest.mark.parametrize("content", [None, b"not a certificate\n"], ids=["missing", "garbage"])
def test_a_ca_bundle_that_cannot_load_fails_the_http_server_with_a_config_error(
    processes: Processes, settings: Settings, tmp_path: Path, content: bytes | None
) -> None:
    """The context is made for the cycle's first HTTP server: a bad bundle is that server's one-line
    config error naming the file (a cycle of stdio servers never loads it), not a crashed cycle."""
    url = mcp_server(processes, tmp_path)
    bundle = tmp_path / "company-ca.pem"
    if content is not None:
        bundle.write_bytes(content)
    with pytest.raises(CollectError) as failed:
        collect(settings.model_copy(update={"ca_bundle": bundle}), url)
    assert failed.value.error_class == "config"
    assert str(failed.value).startswith(f"config: ca_bundle {bundle}: cannot load: ")
    assert "\n" not in str(failed.value)
