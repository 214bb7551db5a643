"""Where an HTTP server sends its clients for tokens: the authorization surface, pinned per scan.

A client that follows the MCP authorization spec asks the server's OAuth protected resource
metadata (RFC 9728) which authorization servers issue its tokens, and then asks each of those
for its metadata (RFC 8414). A server that changes that answer redirects every client's login,
and every token, to someone else, without changing a tool. So each scan of an HTTP server reads
the surface too (model.AuthSurface) and it is diffed like the package (drift/authsurface.py).

What the server sends here is as hostile as its tools, and it must not cost the scan:
- a handful of GETs, each bounded in bytes (`MAX_BODY`) and time (the scan's own request
  timeout), a redirect followed at most MAX_REDIRECTS times; nothing of the registry's (headers,
  tokens) is sent, since the metadata is public and an authorization server's address is the
  server's choice;
- every address off the MCP server's own origin (an authorization server, the challenge's
  metadata, a redirect's target) goes through the SSRF guard (collect/guard.py): resolved once,
  refused when private, loopback, link-local... or plain http, unless `ssrf_allow` allows it, and
  pinned to the address checked; a refusal is logged and leaves what it would have read unknown;
- the (at most four) authorization servers are read side by side, each within one request
  timeout: one that hangs leaves only its own issuer unknown, not the surface;
- strings and lists are bounded (`_bounded`): a longer one is kept as its hash, so that a change
  past the bound still shows;
- anything that is not a clear answer (a network fault, a 5xx, garbage, a body over the bound,
  JSON nested past the parser's depth, an address that is not one) leaves the surface unknown
  (None), or one issuer unknown, which is never a change and never fails the scan (`UNCLEAR`); a
  404 (or another 4xx) for every well-known address is a known answer: no metadata (`protected`
  False).

A client that follows the spec asks the address in the `resource_metadata` of the server's 401
challenge (`WWW-Authenticate`) before the well-known ones. Where driftwatch presents credentials
(`ServerSpec.credentialed`) or its scan failed, it never sees that challenge, so the read begins
with one request as a client without credentials would send it (`_challenge`): the address is
pinned (`AuthSurface.resource_metadata`; "" for none), and read first when the guard lets it
(else the well-known addresses are read). A challenge that was not asked is unknown, never a change.

When a read can wait (`recheck_due`). The MCP authorization spec (2025-11-25, as 2026-07-28) has a
client read this metadata when the server challenges a request: "MCP request without token" ->
"HTTP 401 Unauthorized with WWW-Authenticate header" -> "Extract resource_metadata URL" (Authorization
Flow Steps), from the challenge "when present; otherwise, they MUST fall back to constructing and
requesting the well-known URIs" (Protected Resource Metadata Discovery Requirements). A challenge
is per request, so a server that serves its lists to a client without credentials may still
challenge a tool call (the spec's step-up speaks of "the minimum scopes needed for the
operation"; public servers do it: tools/list open, tools/call behind a token), and clients read
its metadata then. So a scan that saw no challenge never stands in for a read. What can wait is
the read of a server that publishes no metadata (`NO_METADATA`, every well-known address 4xx),
scanned without credentials and without a challenge: the one change a read would show is the
server starting to publish some, and it is read again once per `auth_surface_recheck`, or at once
when the server shows another manifest (its last answer kept in between, `Kept`, so that its
unchanged scan stays one). A server driftwatch presents
credentials to, one that publishes metadata, one never read, and a failed scan are read on every
scan.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import anyio
import httpx2

from driftwatch import redact
from driftwatch.collect import guard
from driftwatch.manifest import content_hash
from driftwatch.model import AuthSurface
from driftwatch.registry import display_url

MAX_BODY = 64 * 1024
"""Bytes of one metadata document read at most: real ones are a few hundred."""
MAX_AUTHORIZATION_SERVERS = 4
"""Authorization servers whose metadata is read (the rest are pinned by address only)."""
READ_BOUND = 3
"""The whole read takes at most this many request timeouts, however many documents it asks."""
MAX_ITEMS = 32
MAX_STRING = 512
PRM_PATH = "/.well-known/oauth-protected-resource"
AS_PATHS = ("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration")
MAX_REDIRECTS = 3
"""Redirects one read follows at most, each hop checked and pinned again by the guard."""
REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_CHALLENGE = 4096
"""Characters of a `WWW-Authenticate` header searched: the parameter is near its start."""
RESOURCE_METADATA = re.compile(r'resource_metadata=(?:"([^"]*)"|([^\s,]+))')
"""RFC 9728 section 5.1, quoted or not (as the mcp SDK reads it)."""
PROBE = b'{"jsonrpc":"2.0","id":0,"method":"ping"}'


NO_METADATA = AuthSurface(protected=False)
"""The surface of a server that publishes no metadata, read without asking for a challenge."""


@dataclass(frozen=True)
class Kept:
    """A surface a scan reports instead of reading it (`recheck_due`), while the server shows the
    manifest `manifest_hash`: a server that shows another one is read at once."""

    manifest_hash: str
    surface: AuthSurface


def recheck_due(name: str, last_scan: datetime | None, now: datetime, every: timedelta) -> bool:
    """Whether a scan at `now` reads again the surface of the server `name` that publishes none
    (see the module's docstring), its previous scan at `last_scan`: at the first scan in each
    period `every` of the server's own, offset by a hash of its name so that a fleet's reads
    spread over the period instead of falling due together; always when `every` is zero."""
    if last_scan is None or every <= timedelta(0):
        return True
    period = every.total_seconds()
    offset = zlib.crc32(name.encode()) / 2**32 * period
    return (now.timestamp() - offset) // period != (last_scan.timestamp() - offset) // period


class _Borrowed(httpx2.AsyncBaseTransport):
    """The scan's pool, lent to this read: closing the read's client leaves it open for its owner."""

    def __init__(self, pool: httpx2.AsyncBaseTransport) -> None:
        self.pool = pool

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        return await self.pool.handle_async_request(request)

    async def aclose(self) -> None:
        pass


class _Unknown(Exception):
    """The answer is not a clear one: the surface stays unknown."""


UNCLEAR = (_Unknown, httpx2.HTTPError, TimeoutError, ValueError, UnicodeError, RecursionError)
"""What the server's answers can make the read raise (a bad address raises ValueError, JSON nested
too deep RecursionError): each leaves the surface, or one issuer, unknown."""


async def fetch_surface(
    pool: guard.Guarded,
    url: str,
    request_seconds: float,
    bound: float | None = None,
    *,
    challenge: bool = False,
) -> AuthSurface | None:
    """The surface of the MCP server at `url`, read through its scan's guarded connection `pool`
    (whose own origin is `url`'s: every other address is checked, collect/guard.py), each
    request within `request_seconds` and the whole within `bound` (READ_BOUND requests' worth by
    default), asking first for the server's 401 challenge when `challenge`; None when unknown.
    Never raises for anything the server does."""
    try:
        with anyio.fail_after(bound if bound is not None else request_seconds * READ_BOUND):
            client = httpx2.AsyncClient(
                transport=_Borrowed(pool), timeout=request_seconds, follow_redirects=False
            )
            async with client:
                return await _surface(client, url, challenge)
    except UNCLEAR:
        return None


async def _surface(client: httpx2.AsyncClient, url: str, challenge: bool) -> AuthSurface:
    parts = urlsplit(url)
    origin = _origin(parts.scheme, parts.hostname, parts.port)
    path = parts.path.rstrip("/")
    candidates = [f"{origin}{PRM_PATH}{path}"] + ([f"{origin}{PRM_PATH}"] if path else [])
    pinned = await _challenge(client, url) if challenge else None
    metadata = await _pointed_at(client, pinned) if pinned else None
    if metadata is None:
        metadata = await _first_document(client, candidates)
    if metadata is None:
        return _redacted(AuthSurface(protected=False, resource_metadata=_pin(pinned)))
    servers = _bounded(metadata.get("authorization_servers"))
    asked = servers[:MAX_AUTHORIZATION_SERVERS]
    found: dict[str, str | None] = dict.fromkeys(asked)

    async def ask(server: str) -> None:
        with anyio.move_on_after(client.timeout.read or 10.0):  # (a slow drip is bounded too)
            try:
                found[server] = await _issuer(client, server)
            except UNCLEAR:  # (inside the task group: it must not end the others, nor the read)
                found[server] = None

    async with anyio.create_task_group() as tasks:  # side by side: one hung server costs one bound
        for server in asked:
            tasks.start_soon(ask, server)
    issuers = [(server, found[server]) for server in asked]
    resource = metadata.get("resource")
    surface = AuthSurface(
        protected=True,
        resource=_string(resource) if resource is not None else None,
        authorization_servers=servers,
        scopes_supported=_bounded(metadata.get("scopes_supported")),
        issuers=tuple(issuers),
        resource_metadata=_pin(pinned),
    )
    return _redacted(surface)


def _redacted(surface: AuthSurface) -> AuthSurface:
    """The surface without any secret the server echoed back."""
    return AuthSurface.from_json(redact.redact_json(surface.to_json()))


async def _challenge(client: httpx2.AsyncClient, url: str) -> str | None:
    """The `resource_metadata` address of the 401 the server gives a client without credentials
    ("" for none, None when unknown): one JSON-RPC ping to the server's URL without user info or
    query (either may be the credential), its body read within the bound and its header within
    MAX_CHALLENGE."""
    headers = {"content-type": "application/json", "accept": "application/json, text/event-stream"}
    try:
        async with client.stream("POST", display_url(url), content=PROBE, headers=headers) as response:
            if response.status_code != 401:
                return ""  # (a 200's stream is closed unread: its connection is not kept)
            await _bounded_body(response)
            header = response.headers.get("www-authenticate", "")[:MAX_CHALLENGE]
    except UNCLEAR:
        return None
    found = RESOURCE_METADATA.search(header)
    return (found.group(1) or found.group(2) or "") if found else ""


def _pin(address: str | None) -> str | None:
    """A challenge's metadata address as pinned: without user info or query, bounded."""
    if not address:
        return address
    try:
        return _string(display_url(address))
    except ValueError:
        return _string(address)


async def _pointed_at(client: httpx2.AsyncClient, address: str) -> dict[str, Any] | None:
    """The metadata at the challenge's address; None when it has none (4xx), or when it is not
    one or the guard refuses it (logged): the well-known addresses are read instead."""
    try:
        return await _first_document(client, [address])
    except (guard.Refused, httpx2.InvalidURL, httpx2.UnsupportedProtocol):
        return None


async def _issuer(client: httpx2.AsyncClient, server: str) -> str | None:
    """The `issuer` of an authorization server's metadata; None when it cannot be read. Raises
    one of UNCLEAR for an address or an answer that is not one (a refusal of the guard too)."""
    parts = urlsplit(server)
    own = _origin(parts.scheme, parts.hostname, parts.port)
    path = parts.path.rstrip("/")
    candidates = [f"{own}{well_known}{path}" for well_known in AS_PATHS]
    if path:
        candidates.append(f"{own}{path}{AS_PATHS[1]}")
    metadata = await _first_document(client, candidates)
    issuer = metadata.get("issuer") if metadata is not None else None
    return _string(issuer) if issuer is not None else None


async def _first_document(client: httpx2.AsyncClient, urls: list[str]) -> dict[str, Any] | None:
    """The first JSON object found at `urls`, in order; None when each answers 4xx."""
    for url in urls:
        status, body = await _get(client, url)
        if 400 <= status < 500:
            continue
        if status != 200 or body is None:
            raise _Unknown(f"HTTP {status}" if body is not None else "metadata over the bound")
        document = json.loads(body)
        if not isinstance(document, dict):
            raise _Unknown("metadata is not a JSON object")
        return document
    return None


async def _get(client: httpx2.AsyncClient, url: str) -> tuple[int, bytes | None]:
    """The status and bounded body at `url`, following at most MAX_REDIRECTS redirects by hand:
    each hop is a new request, which the guard checks and pins again."""
    for _ in range(MAX_REDIRECTS + 1):
        async with client.stream("GET", url, headers={"accept": "application/json"}) as response:
            body = await _bounded_body(response)  # (a 404's too: read whole, the connection is kept)
            location = response.headers.get("location")
        if response.status_code not in REDIRECTS or not location:
            return response.status_code, body
        url = str(httpx2.URL(url).join(location))
    raise _Unknown(f"more than {MAX_REDIRECTS} redirects")


async def _bounded_body(response: httpx2.Response) -> bytes | None:
    """The response's body, or None past MAX_BODY (read no further)."""
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > MAX_BODY:
            return None
    return bytes(body)


def _origin(scheme: str, host: str | None, port: int | None) -> str:
    """scheme://host[:port], without any credentials the URL held."""
    if not host:
        raise _Unknown("no host")
    shown = f"[{host}]" if ":" in host else host
    return f"{scheme}://{shown}" + (f":{port}" if port else "")


def _string(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)[:MAX_BODY]
    return text if len(text) <= MAX_STRING else content_hash(text)


def _bounded(value: Any) -> tuple[str, ...]:
    """A list of strings as pinned: each string bounded, sorted (order means nothing here), and
    past MAX_ITEMS the rest kept as one hash of the whole list."""
    if value is None:
        return ()
    items = sorted({_string(v) for v in (value if isinstance(value, list) else [value])})
    if len(items) <= MAX_ITEMS:
        return tuple(items)
    return (*items[:MAX_ITEMS], f"+{len(items) - MAX_ITEMS} more ({content_hash(items)})")
