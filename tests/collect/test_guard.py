"""The SSRF guard's check (collect/guard.py), in process: which server-named addresses are refused,
with what words, and which the `ssrf_allow` setting lets through; no socket is opened."""

from __future__ import annotations

import anyio
import httpx2
import pytest

from driftwatch import netconf
from driftwatch.collect.guard import Guarded, Refused
from tests.collect.netsupport import Resolver

DNS = Resolver(
    {
        "public.example": [["93.184.216.34"]],
        "inside.example": [["10.0.0.7"]],
        "mixed.example": [["93.184.216.34", "127.0.0.1"]],
        "localhost": [["127.0.0.1", "::1"]],
    }
)


def check(url: str, allow: list[str] | None = None) -> list[str]:
    guard = Guarded(
        httpx2.AsyncHTTPTransport(),
        ["https://mcp.example/mcp"],
        allowance=netconf.Allowance.parse(allow or []),
    )
    guard.resolver = DNS
    return anyio.run(guard.check, httpx2.URL(url))


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://127.0.0.1/x", "127.0.0.1 is a loopback address"),
        (
            "https://169.254.169.254/latest/meta-data",
            "169.254.169.254 is a link-local address (cloud metadata)",
        ),
        ("https://[fd00:ec2::254]/", "fd00:ec2::254 is a private address (cloud metadata)"),
        ("https://10.1.2.3/", "10.1.2.3 is a private address"),
        ("https://100.64.0.9/", "100.64.0.9 is a shared (CGNAT) address"),
        ("https://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1 is a loopback address, IPv6-embedded"),
        ("https://0.0.0.0/", "0.0.0.0 is an unspecified address"),
        ("https://inside.example/", "inside.example resolves to 10.0.0.7, a private address"),
        ("https://mixed.example/", "mixed.example resolves to 127.0.0.1, a loopback address"),
        ("https://localhost:8443/", "localhost resolves to 127.0.0.1, a loopback address"),
        ("http://public.example/", "plain http (https is required outside loopback)"),
        ("ftp://public.example/", "not an http(s) address"),
    ],
)
def test_a_server_named_address_is_refused(url: str, words: str) -> None:
    with pytest.raises(Refused, match="refused \\(allow it with the ssrf_allow setting\\)") as refused:
        check(url)
    assert words in str(refused.value)


def test_a_public_address_is_pinned_to_what_was_checked() -> None:
    assert check("https://public.example/.well-known/x") == ["93.184.216.34"]
    assert check("https://[2606:4700::1111]/") == ["2606:4700::1111"]


def test_the_setting_allows_networks_and_names_and_plain_http_only_on_loopback() -> None:
    assert check("https://inside.example/", ["10.0.0.0/8"]) == ["10.0.0.7"]
    assert check("https://169.254.169.254/", ["169.254.169.254"]) == ["169.254.169.254"]
    assert check("http://localhost:8080/", ["localhost"]) == ["127.0.0.1", "::1"]
    assert check("http://127.0.0.1:8080/", ["127.0.0.0/8"]) == ["127.0.0.1"]
    with pytest.raises(Refused, match="plain http"):
        check("http://inside.example/", ["10.0.0.0/8"])  # (allowed, but not loopback: https only)
    with pytest.raises(Refused, match="::1, a loopback address"):
        check("https://localhost/", ["127.0.0.1"])  # every address it resolves to must be allowed


def test_a_name_that_does_not_resolve_is_a_connection_error_not_a_refusal() -> None:
    with pytest.raises(httpx2.ConnectError, match=r"cannot resolve nowhere\.example"):
        check("https://nowhere.example/")
