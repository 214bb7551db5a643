"""One ServerSpec in, one Manifest (or a CollectError) out, through the `mcp` SDK.

The SDK is used the way a monitor needs it (docs/mcp-sdk.md):
- `cache=None` and `cache_mode="bypass"`: a monitor must see what the server says now, never a
  response cached on the server's `ttlMs` hint;
- one TLS context per scan cycle, shared by every HTTP server, and one small connection pool per
  server, closed when its scan ends, seen through its own ServerTransport with its own headers
  (a pool shared by the fleet only held idle connections to servers already done, and checked
  every one of them on each request: a fifth of a scan's CPU at 200 servers); no GET stream is opened
  (driftwatch wants no server notifications in a scan), so a streamable-HTTP server is read over
  one connection;
- one ServerProcesses per cycle (collect/spawn.py): stdio servers started early are taken from it,
  and a server whose lists are read is stopped in the background while the scan goes on;
- the protocol era of each server remembered (`Era`): a server that answered in a 2025-era
  version is greeted with `initialize` next time instead of being asked `server/discover` first,
  until it shows another manifest or fails (then it is probed again);
- every list followed to its last page, with a cap on items;
- a per-request timeout (`read_timeout_seconds`) and a deadline for the whole server;
- when traces are on, the server's span (opened by the caller) is sent as the W3C `traceparent`
  of its HTTP requests (driftwatch/telemetry.py); the SDK's own request spans hang from it.
"""

from __future__ import annotations

import contextlib
import re
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeVar

import anyio
import httpx2
import mcp_types as types
from mcp import Client, MCPError
from mcp.client.auth import OAuthFlowError, OAuthRegistrationError, OAuthTokenError
from mcp.client.session import MessageHandlerFnT
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client
from pydantic import BaseModel, ValidationError

from driftwatch import __version__, netconf, redact, telemetry
from driftwatch.collect import authsurface, guard
from driftwatch.collect.budget import ByteBudget, ServerTransport
from driftwatch.collect.launch import StdioTransport
from driftwatch.collect.spawn import ServerProcesses
from driftwatch.errors import CollectError, ConfigError, CustodyError, ErrorClass
from driftwatch.manifest import Manifest
from driftwatch.model import AuthSurface, JSONObject
from driftwatch.registry import ServerSpec, display_url, resolve_all, resolve_url
from driftwatch.settings import Settings

CLIENT_INFO = types.Implementation(name="driftwatch", version=__version__)

SERVER_CONNECTIONS = httpx2.Limits(max_connections=4, max_keepalive_connections=2)
"""One server's pool: a POST connection, an SSE transport's GET stream, room for a retry."""

SURFACE_MARGIN = 0.5
"""Seconds of the scan's deadline the authorization surface's read leaves unused: it is bounded
below the deadline, so that a slow metadata endpoint leaves the surface unknown, never the scan failed."""

MODERN_PROTOCOL = "2026-07-28"
"""The first protocol version reached by `server/discover` rather than `initialize`."""


@dataclass(frozen=True)
class Era:
    """The protocol version a server answered in at its last scan, and the manifest it showed."""

    protocol_version: str
    manifest_hash: str

    @property
    def legacy(self) -> bool:
        """A 2025-era server: `server/discover` would only earn an error before `initialize`."""
        return self.protocol_version < MODERN_PROTOCOL


@dataclass(frozen=True)
class Collected:
    """A successful collection: the manifest and facts about the connection that produced it."""

    manifest: Manifest
    protocol_version: str
    auth_surface: AuthSurface | None = None
    """An HTTP server's authorization surface (collect/authsurface.py); None for stdio, or unknown."""


@dataclass(frozen=True)
class Link:
    """What the SDK connects through (`target`), and our own transport beneath it (`link`),
    which saw what went wrong: a fault on the pipe, an HTTP status, a refusal."""

    target: Any
    link: StdioTransport | ServerTransport


class Listening(Protocol):
    """A long-lived session's needs (collect/listen.py): told when the stream that carries the
    server's notifications ends, and how long an SSE stream may stay silent."""

    idle_seconds: float

    def on_stream_end(self, reason: str) -> None: ...


class _Page(Protocol):
    next_cursor: str | None


P = TypeVar("P", bound=_Page)


AuthFor = Callable[[ServerSpec, str], httpx2.Auth | None]
"""The OAuth of a server's requests to its (resolved) URL: injected by the application
(driftwatch.auth.providers.auth_for), so that collecting knows nothing of how tokens are kept."""

_ERROR_CODE = re.compile(r'"error"\s*:\s*"([A-Za-z0-9_.-]{1,64})"')


def oauth_error(text: str) -> str | None:
    """The RFC 6749 `error` code in an authorization server's JSON answer (`invalid_grant`)."""
    found = _ERROR_CODE.search(text)
    return found.group(1) if found else None


class Collector:
    """Collects manifests for one scan cycle; owns the cycle's TLS context and server processes.

    `auth` gives the OAuth of servers whose registry entry has an `auth:` block; without it such a
    server cannot be scanned (a config error, never a silent unauthenticated scan).
    """

    def __init__(
        self,
        settings: Settings,
        auth: AuthFor | None = None,
        *,
        processes: ServerProcesses | None = None,
        eras: Mapping[str, Era] | None = None,
        resolver: guard.Resolver = guard.system_resolver,
    ) -> None:
        self.settings = settings
        self.auth = auth
        self.resolver = resolver
        """How the SSRF guard resolves the addresses a server names (collect/guard.py)."""
        self.allowance = netconf.Allowance.parse(settings.ssrf_allow)
        self.eras: dict[str, Era] = dict(eras or {})
        """Each server's protocol era, by name: seeded by the caller (from the store), kept up to
        date by every scan, so a long-lived collector (the daemon's) needs no seed."""
        self._given_processes = processes
        self._processes: ServerProcesses | None = None
        self._tls: ssl.SSLContext | None = None
        self.proxies: dict[str, str] | None = None
        """The environment's proxy variables as this cycle read them (`read_environment`); None
        before any cycle, when each server reads them for itself."""

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[Collector]:
        """Open the cycle's server processes (unless the caller opened those, to start servers
        early); wait out every server's stop when it ends. The TLS context is made for the first
        HTTP server (`_tls_context`): a cycle of stdio servers does not load the CA store."""
        async with contextlib.AsyncExitStack() as stack:
            self._processes = self._given_processes or await stack.enter_async_context(ServerProcesses())
            try:
                yield self
            finally:
                self._tls = self._processes = self.proxies = None

    def read_environment(self) -> None:
        """Read the environment's proxy variables once for the cycle that starts (a long-lived
        collector, the daemon's, reads them again at each cycle); before any cycle, every server
        reads them for itself."""
        self.proxies = netconf.environment_proxies()

    @contextlib.asynccontextmanager
    async def connections(self, spec: ServerSpec) -> AsyncIterator[guard.Guarded | None]:
        """The connection pool of one HTTP server's scan (None for stdio), closed when it ends.

        Each server has its own small pool, built on the cycle's TLS context, through the proxy
        the environment names for its URL (netconf.proxy_for, from the variables read at the
        cycle's start: a client given a transport reads no proxy variable itself): a connection
        is only ever reused by the server it was opened to, within its scan (the next scan is an
        interval away, past any keep-alive), so one pool
        shared by the fleet would only hold idle connections to servers already done, and check
        every one of them on each request. Requests to any origin but the operator's (the
        server's URL, its `auth.issuer`) go through the SSRF guard (collect/guard.py).
        """
        if spec.transport == "stdio":
            yield None
            return
        assert spec.url is not None
        url = resolve_url(spec.url)
        tls = self._tls_context()
        proxy = netconf.proxy_for(url, self.proxies)
        own = httpx2.AsyncHTTPTransport(verify=tls, limits=SERVER_CONNECTIONS, proxy=proxy)
        issuer = [spec.auth.issuer] if spec.auth is not None and spec.auth.issuer else []
        pool = guard.Guarded(own, [url, *issuer], tls=tls, allowance=self.allowance, resolver=self.resolver)
        try:
            yield pool
        finally:
            with anyio.CancelScope(shield=True):  # a deadline must not leak the sockets
                await pool.aclose()

    def _tls_context(self) -> ssl.SSLContext:
        """The cycle's TLS context, made when its first HTTP server needs it (~30 ms of CPU). A
        `ca_bundle` that cannot be read fails each HTTP server with a config error that names it
        (stdio servers are still scanned), never the cycle."""
        if self._tls is None:
            try:
                self._tls = netconf.tls_context(self.settings.ca_bundle)
            except OSError as exc:  # (ssl.SSLError is one: a file that holds no certificate)
                reason = exc.strerror or getattr(exc, "reason", None) or type(exc).__name__
                raise ConfigError(f"ca_bundle {self.settings.ca_bundle}: cannot load: {reason}") from None
        return self._tls

    async def collect(self, spec: ServerSpec, kept: authsurface.Kept | None = None) -> Collected:
        """Fetch everything `spec`'s server shows an agent, within the server's deadline.
        `kept`: the authorization surface to report instead of reading it, when the server served
        its lists without credentials and showed the manifest it was kept for (authsurface.Kept)."""
        budget = ByteBudget(self.settings.max_manifest_bytes)
        deadline = spec.scan_timeout(self.settings).total_seconds()
        started = anyio.current_time()
        link: Link | None = None
        mode = self.mode(spec)
        try:
            with anyio.fail_after(deadline):
                async with self.connections(spec) as pool:
                    link = self.link(spec, budget, pool)
                    async with self.client(link, mode) as client:
                        manifest = await self._fetch(client)
                        protocol = client.protocol_version
                    if kept is not None and not spec.credentialed and kept.manifest_hash == manifest.hash:
                        surface: AuthSurface | None = kept.surface
                    else:
                        surface = await self._surface_over(
                            spec, pool, deadline - (anyio.current_time() - started), spec.credentialed
                        )
        except BaseException as exc:
            self.eras.pop(spec.name, None)  # whatever went wrong, the next scan probes again
            raise explain(exc, spec, budget, link, deadline) from exc
        self._remember(spec.name, mode, Era(protocol, manifest.hash))
        return Collected(manifest=manifest, protocol_version=protocol, auth_surface=surface)

    async def surface(self, spec: ServerSpec) -> AuthSurface | None:
        """The authorization surface of an HTTP server whose scan failed (a server that moves its
        logins elsewhere may fail driftwatch's own), over a pool of its own."""
        async with self.connections(spec) as pool:
            seconds = spec.scan_timeout(self.settings).total_seconds()
            return await self._surface_over(spec, pool, seconds, challenge=True)

    async def _surface_over(
        self,
        spec: ServerSpec,
        pool: guard.Guarded | None,
        seconds_left: float,
        challenge: bool,
    ) -> AuthSurface | None:
        """The HTTP server's authorization surface (collect/authsurface.py), read over the scan's
        own pool once its lists are in (on the same connection, kept alive) and ended before the
        scan's deadline: it never fails the scan. `challenge`: ask for the 401 a client without
        credentials gets (the scan did not see it). None for stdio, or when pins are off."""
        if pool is None or spec.url is None or not self.settings.auth_surface_pins:
            return None
        request = self.settings.request_timeout.total_seconds()
        bound = min(request * authsurface.READ_BOUND, seconds_left - SURFACE_MARGIN)
        if bound <= 0:
            return None
        url = resolve_url(spec.url)
        return await authsurface.fetch_surface(pool, url, request, bound, challenge=challenge)

    @contextlib.asynccontextmanager
    async def client(
        self, link: Link, mode: Literal["auto", "legacy"], on_message: MessageHandlerFnT | None = None
    ) -> AsyncIterator[Client]:
        """The SDK client over `link`; a refusal the link saw (a foreign SSE endpoint, an unsafe
        encoding) ends the connection at once and is raised as what went wrong."""
        with anyio.CancelScope() as refusal:
            if isinstance(link.link, ServerTransport):
                link.link.on_fault = refusal.cancel
            async with Client(
                link.target,
                mode=mode,
                read_timeout_seconds=self.settings.request_timeout.total_seconds(),
                cache=None,
                client_info=CLIENT_INFO,
                message_handler=on_message,
            ) as client:
                yield client
        if refusal.cancelled_caught and isinstance(link.link, ServerTransport) and link.link.fault:
            raise link.link.fault

    def mode(self, spec: ServerSpec) -> Literal["auto", "legacy"]:
        """`legacy` (initialize, no probe) for a server known to be of the 2025 era."""
        era = self.eras.get(spec.name)
        return "legacy" if era is not None and era.legacy else self.settings.protocol_mode

    def _remember(self, name: str, mode: str, era: Era) -> None:
        """Keep `era` for the next scan; but a server greeted as 2025-era that now shows another
        manifest may have been upgraded, and is probed again next time."""
        known = self.eras.get(name)
        changed = known is not None and known.manifest_hash != era.manifest_hash
        if mode == "legacy" and self.settings.protocol_mode == "auto" and changed:
            del self.eras[name]
        else:
            self.eras[name] = era

    def link(
        self,
        spec: ServerSpec,
        budget: ByteBudget,
        pool: guard.Guarded | None,
        listening: Listening | None = None,
    ) -> Link:
        """The SDK transport for `spec`, and our own link beneath it that saw what went wrong;
        `listening`: for a long-lived session that wants the server's notifications."""
        target, link = self._target(spec, budget, pool, listening)
        return Link(target, link)

    def _target(
        self,
        spec: ServerSpec,
        budget: ByteBudget,
        pool: guard.Guarded | None,
        listening: Listening | None,
    ) -> tuple[Any, StdioTransport | ServerTransport]:
        request_timeout = self.settings.request_timeout.total_seconds()
        if spec.transport == "stdio":
            assert spec.command is not None and self._processes is not None
            stdio = StdioTransport(
                spec.command,
                spec.args,
                env=resolve_all(spec.env),
                cwd=spec.cwd,
                budget=budget,
                shutdown_grace=self.settings.stdio_shutdown_grace.total_seconds(),
                processes=self._processes,
            )
            return stdio, stdio
        assert spec.url is not None and pool is not None
        link = ServerTransport(pool, budget, sse=spec.transport == "sse", notifications=listening is not None)
        if listening is not None:
            link.on_stream_end = listening.on_stream_end
        # A listening session's streams may stay quiet for hours: no read timeout on them (each
        # request still has `read_timeout_seconds`, and the listener checks the session is alive).
        read_timeout = None if listening is not None else request_timeout
        url = resolve_url(spec.url)
        link.propagate(url, telemetry.trace_headers())  # the server's span is current here
        headers = resolve_all(spec.headers, credentials=True)
        oauth = None
        if spec.auth is not None:
            if self.auth is None:
                raise CollectError(
                    ErrorClass.CONFIG, "the server needs OAuth, and this scan has no credentials"
                )
            oauth = self.auth(spec, url)

        def http_client(
            headers: dict[str, str] | None = headers,
            timeout: httpx2.Timeout | None = None,
            auth: httpx2.Auth | None = oauth,
        ) -> httpx2.AsyncClient:
            return httpx2.AsyncClient(
                transport=link,
                headers=headers,
                timeout=httpx2.Timeout(request_timeout, read=read_timeout),
                auth=auth,
            )

        if spec.transport == "sse":
            return sse_client(
                url,
                headers=headers,
                timeout=request_timeout,
                sse_read_timeout=listening.idle_seconds if listening is not None else request_timeout,
                httpx_client_factory=http_client,
                auth=oauth,
            ), link
        return streamable_http_client(url, http_client=http_client()), link

    async def _fetch(self, client: Client) -> Manifest:
        capabilities = client.server_capabilities
        server: JSONObject = {"capabilities": _wire(capabilities)}
        if client.server_info is not None:
            server["serverInfo"] = _wire(client.server_info)
        tools = prompts = resources = templates = []
        if capabilities.tools is not None:
            tools = await self._all_pages("tools", lambda c: client.list_tools(cursor=c, cache_mode="bypass"))
        if capabilities.prompts is not None:
            prompts = await self._all_pages(
                "prompts", lambda c: client.list_prompts(cursor=c, cache_mode="bypass")
            )
        if capabilities.resources is not None:
            resources = await self._all_pages(
                "resources", lambda c: client.list_resources(cursor=c, cache_mode="bypass")
            )
            templates = await self._all_pages(
                "resourceTemplates", lambda c: client.list_resource_templates(cursor=c, cache_mode="bypass")
            )
        # Credentials the server echoes are replaced before anything hashes, stores or shows
        # the manifest (redact.py): the hash then survives a secret's rotation.
        return Manifest.build(
            server=redact.redact_json(server),
            instructions=redact.redact_json(client.instructions),
            tools=redact.redact_json(tools),
            prompts=redact.redact_json(prompts),
            resources=redact.redact_json(resources),
            resource_templates=redact.redact_json(templates),
        )

    async def _all_pages(self, field: str, fetch: Callable[[str | None], Awaitable[Any]]) -> list[JSONObject]:
        """Follow `nextCursor` to the end, refusing more than `max_items` items or a cursor loop."""
        items: list[JSONObject] = []
        cursor: str | None = None
        seen_cursors: set[str] = set()
        while True:
            page = await fetch(cursor)
            items.extend(_wire_items(page, field))
            if len(items) > self.settings.max_items:
                raise CollectError(
                    "too_large",
                    f"{field} has more than {self.settings.max_items:,} items (the max_items cap)",
                )
            cursor = page.next_cursor
            if cursor is None:
                return items
            if cursor in seen_cursors:
                raise CollectError(ErrorClass.PROTOCOL, f"{field} pagination repeats cursor {cursor!r}")
            seen_cursors.add(cursor)


def _snake(field: str) -> str:
    return "resource_templates" if field == "resourceTemplates" else field


def _wire_items(page: BaseModel, field: str) -> list[JSONObject]:
    """The items of a list result's page (`field`: its camelCase name) as the JSON the server sent,
    each as `_wire` makes it: the page dumped once, not once per item (for a page of 20 tools, one
    serializer call instead of 20 costs a third of the CPU: ~0.09 against ~0.27 ms)."""
    data = page.model_dump(by_alias=True, mode="json", exclude_none=True, include={_snake(field)})
    items: list[JSONObject] = data.get(field, [])
    return items


def _wire(model: BaseModel) -> JSONObject:
    """A result model back as the camelCase JSON the server sent."""
    data: JSONObject = model.model_dump(by_alias=True, mode="json", exclude_none=True)
    return data


def _leaves(exc: BaseException) -> list[BaseException]:
    """The innermost exceptions of an exception group (the SDK wraps transport errors in groups)."""
    if isinstance(exc, BaseExceptionGroup):
        return [leaf for inner in exc.exceptions for leaf in _leaves(inner)]
    return [exc]


def explain(
    exc: BaseException, spec: ServerSpec, budget: ByteBudget, link: Link | None, deadline: float
) -> CollectError:
    """The CollectError that says what went wrong with `spec`'s connection (a cancellation is
    raised again: a shutdown is not the server's failure)."""
    if isinstance(exc, CollectError):
        return exc
    if isinstance(exc, ConfigError | CustodyError):
        return CollectError(ErrorClass.CONFIG, str(exc))
    return _explain(exc, spec, budget, link.link if link is not None else None, deadline)


def _explain(
    exc: BaseException,
    spec: ServerSpec,
    budget: ByteBudget,
    link: StdioTransport | ServerTransport | None,
    deadline: float,
) -> CollectError:
    """Turn whatever the SDK raised into the error that tells the operator what happened.

    Causes are ranked: a cap we enforced, a fault we saw on the pipe or an HTTP error status
    explains the symptom (a closed connection, a generic JSON-RPC error) the SDK reports for it,
    so those come first.
    """
    where = f"{spec.transport} {display_url(spec.url)}" if spec.url else spec.transport
    if budget.exceeded is not None:
        return budget.exceeded
    if isinstance(link, StdioTransport) and (fault := link.exit_error()) is not None:
        return fault
    if isinstance(link, ServerTransport) and link.fault is not None:
        return link.fault
    leaves = _leaves(exc)
    for leaf in leaves:
        if isinstance(leaf, CollectError):
            return leaf
        if isinstance(leaf, CustodyError):
            return CollectError(ErrorClass.CONFIG, str(leaf))
        if isinstance(leaf, OAuthFlowError):
            return _auth_error(leaf)
    if isinstance(link, ServerTransport) and link.error_status is not None:
        return _http_error(where, *link.error_status)
    for leaf in leaves:
        if isinstance(leaf, TimeoutError):
            return CollectError(
                ErrorClass.TIMEOUT, f"no complete answer within {deadline:g}s (server timeout)"
            )
        if isinstance(leaf, httpx2.HTTPStatusError):
            return _http_error(where, leaf.response.status_code, leaf.response.reason_phrase)
        if isinstance(leaf, httpx2.TimeoutException):
            return CollectError(ErrorClass.TIMEOUT, f"{where}: HTTP {type(leaf).__name__}")
        if isinstance(leaf, httpx2.TransportError):
            return CollectError(ErrorClass.CONNECT, f"cannot reach {where}: {type(leaf).__name__} {leaf}")
        if isinstance(leaf, MCPError):
            if leaf.code == -32001 or "timed out" in str(leaf).lower():
                return CollectError(ErrorClass.TIMEOUT, f"{leaf} (request timeout)")
            return CollectError(ErrorClass.MCP_ERROR, f"server answered error {leaf.code}: {leaf}")
        if isinstance(leaf, OSError):
            return CollectError(ErrorClass.CONNECT, f"{where}: {leaf}")
        if isinstance(leaf, ValidationError):
            return _invalid(leaf)
    first = leaves[0]
    if isinstance(first, anyio.get_cancelled_exc_class()):
        raise exc  # a real cancellation (shutdown) is not the server's failure
    return CollectError(ErrorClass.INTERNAL, f"{type(first).__name__}: {first}")


def _auth_error(error: OAuthFlowError) -> CollectError:
    """`auth failed: invalid_client (token request)`: the RFC 6749 code when the server sent one."""
    code = oauth_error(str(error))
    if isinstance(error, OAuthTokenError):
        return CollectError(ErrorClass.AUTH, f"auth failed: {code or error} (token request)")
    if isinstance(error, OAuthRegistrationError):
        return CollectError(ErrorClass.AUTH, f"auth failed: {code or error} (client registration)")
    return CollectError(ErrorClass.AUTH, f"auth failed: {error}")


def _invalid(error: ValidationError) -> CollectError:
    """The server sent JSON-RPC whose shape MCP forbids (a tool name that is not a string...)."""
    first = error.errors(include_url=False, include_input=False)[0] if error.error_count() else None
    where = ".".join(str(part) for part in first["loc"]) if first else ""
    detail = f"{where}: {first['msg']}" if first else str(error)
    count = error.error_count()
    return CollectError(
        "protocol",
        f"server sent an invalid {error.title} ({count} invalid field{'s' * (count > 1)}; first {detail})",
    )


def _http_error(where: str, status: int, reason: str) -> CollectError:
    kind = ErrorClass.AUTH if status in (401, 403) else ErrorClass.HTTP_STATUS
    return CollectError(kind, f"{where} answered HTTP {status} {reason}")
