"""The SSRF guard: driftwatch reaches an address a server named only if the operator would have.

An MCP server names other addresses: its protected resource metadata (RFC 9728, also the 401
challenge's `resource_metadata`), its authorization servers and their endpoints (RFC 8414), and
the redirects of any of these. driftwatch fetches them from inside the operator's network, so a
hostile server could point them at the cloud metadata service (169.254.169.254), an admin port on
loopback or a host on the private network, and read the answer back through the pinned surface
or an OAuth error (the MCP security best practices: a client fetching OAuth metadata MUST guard
against SSRF). So every request to an origin the operator did not give (`Guarded`, a transport
under the server's connection, used by the authorization surface's read and the SDK's OAuth flow):

1. resolves the host once, and is refused if any address it resolves to is not a global unicast
   one (netconf.refusal: loopback, link-local, private, CGNAT, unspecified, multicast, reserved,
   IPv4-mapped or NAT64 forms of those), unless the `ssrf_allow` setting allows it;
2. is refused over plain http unless every address is loopback and allowed;
3. connects to the address it checked (the pin): the request goes to `https://<address>/…` with
   the name kept as the `Host` header and as the TLS server name (httpcore's `sni_hostname`), so
   the certificate is verified for the name and a second DNS answer (rebinding) is never asked;
   each pinned destination has a pool of its own, so no connection opened for one name carries
   another's requests;
4. is never redirected by httpx: a caller that follows a redirect sends a new request, which is
   checked and pinned again (collect/authsurface.py follows at most MAX_REDIRECTS).

The operator's own origins (the registry `url` of the server, its `auth.issuer`) pass untouched:
the operator chose them, and loopback servers are normal in tests and deployments.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable

import anyio
import httpx2

from driftwatch import netconf
from driftwatch.logs import get_logger

log = get_logger(__name__)

Resolver = Callable[[str, int], Awaitable[list[str]]]
"""Host and port -> the addresses it resolves to (injected in tests to answer as DNS would)."""

PINNED_LIMITS = httpx2.Limits(max_connections=2, max_keepalive_connections=1)
MAX_DESTINATIONS = 16
"""Pinned destinations one guard opens pools to, at most (an OAuth flow needs two or three)."""

Origin = tuple[str, str, int]


class Refused(httpx2.TransportError):
    """An address a server named that the guard does not reach; says which, and why (its class)."""


async def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system's resolver gives `host` (all of them, in its order)."""
    found = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in found]


def origin_of(url: httpx2.URL | str) -> Origin:
    """(scheme, host, port) with the scheme's default port filled in."""
    parsed = httpx2.URL(url) if isinstance(url, str) else url
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return parsed.scheme, parsed.host.lower(), port


class Guarded(httpx2.AsyncBaseTransport):
    """One server's connection: its own origins through `own` (its pool), every other origin
    checked and pinned (the module's docstring). Closing it closes `own` and the pinned pools."""

    def __init__(
        self,
        own: httpx2.AsyncBaseTransport,
        own_origins: Iterable[str],
        *,
        tls: ssl.SSLContext | None = None,
        allowance: netconf.Allowance | None = None,
        resolver: Resolver = system_resolver,
    ) -> None:
        self.own = own
        self.own_origins = frozenset(origin_of(url) for url in own_origins)
        self.tls = tls or netconf.tls_context(None)
        self.allowance = allowance or netconf.Allowance()
        self.resolver = resolver
        self._pinned: dict[tuple[str, str, str | None], httpx2.AsyncHTTPTransport] = {}

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if origin_of(request.url) in self.own_origins:
            return await self.own.handle_async_request(request)
        addresses = await self.check(request.url)
        proxy = netconf.proxy_for(str(request.url))
        for address in addresses:  # (each was checked: the next is tried only if one cannot connect)
            try:
                return await self._pool(request.url.host, address, proxy).handle_async_request(
                    _pinned(request, address)
                )
            except httpx2.ConnectError:
                if address == addresses[-1]:
                    raise
        raise AssertionError("unreachable: check returns at least one address")

    async def check(self, url: httpx2.URL) -> list[str]:
        """The addresses `url` may be fetched from, in the resolver's order, each checked; raises
        Refused (and logs why) when any of them may not be."""
        if url.scheme not in ("http", "https") or not url.host:
            raise self._refuse(url, "not an http(s) address")
        host = url.host
        literal = True
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            literal = False
            try:
                resolved = await self.resolver(host, origin_of(url)[2])
            except OSError as exc:
                raise httpx2.ConnectError(f"cannot resolve {host}: {exc.strerror or exc}") from exc
            addresses = list(dict.fromkeys(ipaddress.ip_address(a.split("%")[0]) for a in resolved))
        if not addresses:
            raise httpx2.ConnectError(f"cannot resolve {host}: no address")
        for address in addresses:
            why = netconf.refusal(address)
            if why and not self.allowance.allows(host, address):
                named = f"{host} is" if literal else f"{host} resolves to {address},"
                raise self._refuse(url, f"{named} {'an' if why[0] in 'aeiou' else 'a'} {why}")
        plain_ok = all(a.is_loopback or netconf.embedded(a).is_loopback for a in addresses)
        if url.scheme == "http" and not plain_ok:
            raise self._refuse(url, "plain http (https is required outside loopback)")
        return [str(address) for address in addresses]

    def _refuse(self, url: httpx2.URL, why: str) -> Refused:
        where = f"{url.scheme}://{url.netloc.decode('ascii', 'replace')}"
        log.warning("server-named address refused", address=where, reason=why, setting="ssrf_allow")
        return Refused(f"{where}: {why}; refused (allow it with the ssrf_allow setting)")

    def _pool(self, host: str, address: str, proxy: str | None) -> httpx2.AsyncHTTPTransport:
        key = (host.lower(), address, proxy)
        if key not in self._pinned:
            if len(self._pinned) >= MAX_DESTINATIONS:
                raise Refused(f"more than {MAX_DESTINATIONS} destinations named by one server")
            self._pinned[key] = httpx2.AsyncHTTPTransport(verify=self.tls, limits=PINNED_LIMITS, proxy=proxy)
        return self._pinned[key]

    async def aclose(self) -> None:
        with anyio.CancelScope(shield=True):  # (a deadline must not leak the sockets)
            for pool in self._pinned.values():
                await pool.aclose()
            self._pinned.clear()
            await self.own.aclose()


def _pinned(request: httpx2.Request, address: str) -> httpx2.Request:
    """`request` sent to `address`, the name kept for the Host header and the TLS server name."""
    url = request.url
    headers = request.headers.copy()
    headers["host"] = url.netloc.decode("ascii")
    extensions = dict(request.extensions)
    if url.scheme == "https":
        extensions["sni_hostname"] = url.host
    return httpx2.Request(
        request.method,
        url.copy_with(host=address),
        headers=headers,
        stream=request.stream,
        extensions=extensions,
    )
