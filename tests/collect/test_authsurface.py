"""Reading an HTTP server's authorization surface (collect/authsurface.py) from a real local HTTP
server that answers each well-known address as the test says: what it pins, and that nothing the
server sends (garbage, a bomb, a redirect, a 500, a hang) costs more than an unknown surface."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import anyio
import httpx2
import pytest

from driftwatch.collect.authsurface import MAX_ITEMS, MAX_STRING, fetch_surface
from driftwatch.collect.guard import Guarded
from driftwatch.model import AuthSurface
from tests.collect.netsupport import HANG, Answer
from tests.collect.netsupport import serving as recording

pytestmark = pytest.mark.e2e  # listens on a socket

PRM = "/.well-known/oauth-protected-resource/mcp"
AS = "/.well-known/oauth-authorization-server"


@contextmanager
def serving(routes: dict[str, Answer]) -> Iterator[str]:
    """A server on 127.0.0.1 answering `routes` (path -> status, body, headers), 404 elsewhere."""
    with recording(routes) as (base, _):
        yield base


def read(base: str, challenge: bool = False) -> AuthSurface | None:
    async def main() -> AuthSurface | None:
        url = f"{base}/mcp?token=not-sent"
        async with Guarded(httpx2.AsyncHTTPTransport(), [url]) as pool:
            return await fetch_surface(pool, url, 2.0, challenge=challenge)

    return anyio.run(main)


def ok(document: object) -> Answer:
    return 200, json.dumps(document).encode(), {"content-type": "application/json"}


def test_the_metadata_and_the_issuer_of_its_own_authorization_server() -> None:
    routes: dict[str, Answer] = {}
    with serving(routes) as base:
        routes[PRM] = ok(
            {"resource": f"{base}/mcp", "authorization_servers": [base], "scopes_supported": ["b", "a"]}
        )
        routes[AS] = ok({"issuer": base, "token_endpoint": f"{base}/token"})
        surface = read(base)
    assert surface == AuthSurface(True, f"{base}/mcp", (base,), ("a", "b"), ((base, base),))


def test_no_metadata_is_a_known_answer_and_the_root_form_is_asked_too() -> None:
    routes: dict[str, Answer] = {}
    with serving(routes) as base:
        assert read(base) == AuthSurface(protected=False)
        routes["/.well-known/oauth-protected-resource"] = ok({"authorization_servers": []})
        assert read(base) == AuthSurface(True, None, (), (), ())


@pytest.mark.parametrize(
    "answer",
    [
        (500, b"{}", {}),
        (200, b"not json", {}),
        (200, b"[1, 2]", {}),
        (200, b"{" + b" " * (128 * 1024) + b"}", {}),
        (302, b"", {"location": "http://127.0.0.1:9/elsewhere"}),
        (200, b"[" * 50_000, {}),
    ],
    ids=["5xx", "garbage", "not-an-object", "over-the-bound", "redirect", "nested-past-the-parser"],
)
def test_an_unclear_answer_leaves_the_surface_unknown(answer: Answer) -> None:
    with serving({PRM: answer}) as base:
        assert read(base) is None


def test_long_strings_and_lists_are_pinned_by_their_hash() -> None:
    servers = [f"https://as{i}.example" for i in range(MAX_ITEMS + 5)]
    routes = {
        PRM: ok(
            {"resource": "r" * (MAX_STRING + 1), "authorization_servers": servers, "scopes_supported": "one"}
        )
    }
    with serving(routes) as base:
        surface = read(base)
    assert surface is not None
    assert surface.resource is not None and surface.resource.startswith("sha256:")
    assert len(surface.authorization_servers) == MAX_ITEMS + 1
    assert surface.authorization_servers[-1].startswith("+5 more (sha256:")
    assert surface.scopes_supported == ("one",)
    # only the first few authorization servers are asked (https, unreachable here: issuer unknown)
    assert len(surface.issuers) == 4 and all(issuer is None for _, issuer in surface.issuers)


def test_plain_http_authorization_servers_elsewhere_are_not_asked() -> None:
    routes: dict[str, Answer] = {AS: ok({"issuer": "https://issuer.example"})}
    with serving(routes) as other, serving({PRM: ok({"authorization_servers": [other]})}) as protected:
        surface = read(protected)
    # (the other origin would answer; over plain http it is not asked, so its issuer is unknown)
    assert surface is not None and surface.issuers == ((other, None),)


def test_an_authorization_server_that_hangs_leaves_only_its_issuer_unknown() -> None:
    routes: dict[str, Answer] = {}
    with serving(routes) as base:
        slow = f"{base}/slow"
        routes[PRM] = ok({"authorization_servers": [base, slow]})
        routes[AS] = ok({"issuer": base})
        routes[f"{AS}/slow"] = (HANG, json.dumps({"issuer": slow}).encode(), {})
        surface = read(base)
    assert surface is not None and dict(surface.issuers) == {base: base, slow: None}


@pytest.mark.parametrize(
    "address", ["https://[::1", "https://as.example:99999", "ftp://as.example", "http://", 7]
)
def test_an_authorization_server_address_that_is_not_one_leaves_only_its_issuer_unknown(
    address: object,
) -> None:
    routes: dict[str, Answer] = {}
    with serving(routes) as base:
        routes[PRM] = ok({"authorization_servers": [address, base]})
        routes[AS] = ok({"issuer": base})
        surface = read(base)
    assert surface is not None and dict(surface.issuers) == {str(address): None, base: base}


def test_authorization_server_metadata_nested_past_the_parser_leaves_only_its_issuer_unknown() -> None:
    routes: dict[str, Answer] = {}
    with serving(routes) as base:
        deep = f"{base}/deep"
        routes[PRM] = ok({"authorization_servers": [base, deep]})
        routes[AS] = ok({"issuer": base})
        routes[f"{AS}/deep"] = (200, b'{"issuer":' + b"[" * 50_000, {})
        surface = read(base)
    assert surface is not None and dict(surface.issuers) == {base: base, deep: None}


def challenge(address: str) -> Answer:
    return 401, b"{}", {"www-authenticate": f'Bearer error="invalid_token", resource_metadata="{address}"'}


def test_the_challenge_names_the_metadata_a_client_reads_first_and_its_address_is_pinned() -> None:
    routes: dict[str, Answer] = {}
    with serving(routes) as base:
        routes[PRM] = ok({"authorization_servers": ["https://usual.example"]})
        routes["/meta?sig=kept"] = ok({"authorization_servers": ["https://elsewhere.example"]})
        routes["POST /mcp"] = challenge(f"{base}/meta?sig=kept")
        asked = read(base, challenge=True)
        not_asked = read(base)
    assert asked is not None and asked.authorization_servers == ("https://elsewhere.example",)
    assert asked.resource_metadata == f"{base}/meta"
    assert not_asked is not None and not_asked.authorization_servers == ("https://usual.example",)
    assert not_asked.resource_metadata is None and "resource_metadata" not in not_asked.to_json()


def test_a_challenge_elsewhere_over_plain_http_is_pinned_not_read() -> None:
    routes: dict[str, Answer] = {PRM: ok({"authorization_servers": ["https://usual.example"]})}
    with serving(routes) as base:
        routes["POST /mcp"] = challenge("http://198.51.100.7/meta")
        surface = read(base, challenge=True)
    assert surface is not None and surface.authorization_servers == ("https://usual.example",)
    assert surface.resource_metadata == "http://198.51.100.7/meta"


@pytest.mark.parametrize(
    "answer",
    [(405, b"", {}), (401, b"{}", {"www-authenticate": "Bearer"}), (401, b"{}", {})],
    ids=["not-protected", "no-parameter", "no-header"],
)
def test_no_challenge_address_is_a_known_answer(answer: Answer) -> None:
    with serving({"POST /mcp": answer}) as base:
        surface = read(base, challenge=True)
    assert surface == AuthSurface(protected=False, resource_metadata="")


def test_a_challenge_that_hangs_leaves_only_the_challenge_unknown() -> None:
    with serving({"POST /mcp": (HANG, b"", {}), PRM: ok({"scopes_supported": ["a"]})}) as base:
        surface = read(base, challenge=True)
    assert surface is not None and surface.scopes_supported == ("a",)
    assert surface.resource_metadata is None
