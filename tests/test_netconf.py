"""The network's words (driftwatch/netconf.py): which addresses a server may not send driftwatch
to, which proxy a URL goes through (standard `NO_PROXY` semantics, CIDR included), which CAs are
trusted, and the `ssrf_allow` setting's entries."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from driftwatch import netconf
from driftwatch.errors import ConfigError
from driftwatch.settings import load_settings


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("127.0.0.1", "loopback address"),
        ("127.8.9.10", "loopback address"),
        ("::1", "loopback address"),
        ("169.254.169.254", "link-local address (cloud metadata)"),
        ("169.254.1.1", "link-local address"),
        ("fe80::1", "link-local address"),
        ("fd00:ec2::254", "private address (cloud metadata)"),
        ("10.1.2.3", "private address"),
        ("172.16.0.1", "private address"),
        ("172.31.255.255", "private address"),
        ("192.168.1.1", "private address"),
        ("fc00::5", "private address"),
        ("100.64.0.1", "shared (CGNAT) address"),
        ("0.0.0.0", "unspecified address"),
        ("::", "unspecified address"),
        ("224.0.0.1", "multicast address"),
        ("ff02::1", "multicast address"),
        ("240.0.0.1", "reserved address"),
        ("255.255.255.255", "reserved address"),
        ("192.0.2.1", "reserved address"),
        ("::ffff:127.0.0.1", "loopback address, IPv6-embedded"),
        ("::ffff:169.254.169.254", "link-local address (cloud metadata), IPv6-embedded"),
        ("64:ff9b::a9fe:a9fe", "link-local address (cloud metadata), IPv6-embedded"),
        ("2002:0a00:0001::1", "private address, IPv6-embedded"),
        ("8.8.8.8", None),
        ("172.32.0.1", None),
        ("100.128.0.1", None),
        ("2606:4700:4700::1111", None),
        ("::ffff:8.8.8.8", None),
    ],
)
def test_address_classes(address: str, refused: str | None) -> None:
    assert netconf.refusal(ipaddress.ip_address(address)) == refused


def test_the_allowance_takes_networks_and_names() -> None:
    allowed = netconf.Allowance.parse(["10.0.0.0/8", "127.0.0.1", "localhost", "*.corp.example"])
    assert allowed.allows("any", ipaddress.ip_address("10.2.3.4"))
    assert allowed.allows("any", ipaddress.ip_address("::ffff:10.2.3.4"))
    assert allowed.allows("any", ipaddress.ip_address("127.0.0.1"))
    assert not allowed.allows("any", ipaddress.ip_address("127.0.0.2"))
    assert allowed.allows("LOCALHOST.", ipaddress.ip_address("::1"))
    assert allowed.allows("idp.corp.example", ipaddress.ip_address("192.168.0.9"))
    assert not allowed.allows("corp.example.evil", ipaddress.ip_address("192.168.0.9"))
    assert not allowed.allows("any", ipaddress.ip_address("169.254.169.254"))


def test_ssrf_allow_entries_are_checked_at_load() -> None:
    loaded = load_settings(ssrf_allow=["10.0.0.0/8", "fd00::/8", "localhost", "*.corp.example"])
    assert loaded.ssrf_allow == ["10.0.0.0/8", "fd00::/8", "localhost", "*.corp.example"]
    with pytest.raises(ConfigError, match=r"ssrf_allow.*neither an IP address"):
        load_settings(ssrf_allow=["http://10.0.0.1/"])


PROXY = "http://proxy.corp:3128"


@pytest.mark.parametrize(
    ("url", "no_proxy", "proxied"),
    [
        ("https://api.example.com/x", "", True),
        ("https://api.example.com/x", "*", False),
        ("https://api.example.com/x", "example.com", False),
        ("https://example.com/x", "example.com", False),
        ("https://api.example.com/x", ".example.com", False),
        ("https://api.example.com/x", "*.example.com", False),
        ("https://badexample.com/x", "example.com", True),
        ("https://api.example.com/x", "other.org, EXAMPLE.COM", False),
        ("https://10.1.2.3/x", "10.0.0.0/8", False),
        ("https://11.1.2.3/x", "10.0.0.0/8", True),
        ("https://10.1.2.3/x", "10.1.2.3", False),
        ("https://[fd00::5]/x", "fd00::/8", False),
        ("https://[::1]:8443/x", "::1", False),
        ("https://[::1]:8443/x", "[::1]:8443", False),
        ("https://host.corp:8443/x", "host.corp:8443", False),
        ("https://host.corp:9443/x", "host.corp:8443", True),
        ("https://10.1.2.3/x", "example.com", True),
    ],
)
def test_no_proxy(monkeypatch: pytest.MonkeyPatch, url: str, no_proxy: str, proxied: bool) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("HTTPS_PROXY", PROXY)
    monkeypatch.setenv("NO_PROXY", no_proxy)
    assert netconf.proxy_for(url) == (PROXY if proxied else None)


def test_each_scheme_its_proxy_lower_case_first(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "REQUEST_METHOD"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("ALL_PROXY", "socks5://all:1080")
    assert netconf.proxy_for("https://a.example") == "socks5://all:1080"
    monkeypatch.setenv("HTTP_PROXY", "plain:3128")
    monkeypatch.setenv("https_proxy", "http://lower:3128")
    monkeypatch.setenv("HTTPS_PROXY", "http://upper:3128")
    assert netconf.proxy_for("http://a.example") == "http://plain:3128"
    assert netconf.proxy_for("https://a.example") == "http://lower:3128"


def test_a_cycle_reads_the_environments_proxies_once_and_the_next_cycle_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A scan cycle reads the proxy variables once (Collector.read_environment) and decides each
    server's proxy from what it read; a long-lived collector (the daemon's) reads them again at
    its next cycle."""
    from driftwatch.collect.client import Collector

    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "REQUEST_METHOD"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("HTTPS_PROXY", PROXY)
    monkeypatch.setenv("NO_PROXY", "direct.example")
    collector = Collector(load_settings())
    collector.read_environment()
    read = collector.proxies
    assert read is not None
    monkeypatch.setenv("HTTPS_PROXY", "http://later:3128")
    assert netconf.proxy_for("https://a.example/mcp", read) == PROXY
    assert netconf.proxy_for("https://direct.example/mcp", read) is None
    collector.read_environment()
    assert netconf.proxy_for("https://a.example/mcp", collector.proxies) == "http://later:3128"


def test_the_ca_bundle_setting_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.collect.netsupport import mint_ca

    ca, _, _ = mint_ca(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "missing.pem"))
    context = netconf.tls_context(ca)
    assert [c["subject"] for c in context.get_ca_certs()] == [((("commonName", "driftwatch test CA"),),)]
    with pytest.raises(FileNotFoundError):
        netconf.tls_context(None)  # (SSL_CERT_FILE is read when no bundle is set)
