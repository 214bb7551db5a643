"""The httpx2 `Auth` that gets a server's requests an OAuth access token, per its `auth:` block.

The mcp SDK's providers do the protocol (discovery of protected resource and authorization server
metadata, registration, PKCE, refresh). What a monitor adds on top:
- expiry that survives a restart, and a refresh a minute early, so an unattended daemon never
  presents an expired token and never falls back to a flow that needs a person;
- failures in words an operator acts on ("auth failed: invalid_grant; run `driftwatch auth login`"),
  never the token endpoint's whole answer;
- the 2025-03-26 authorization servers that live under a path of the MCP server's own origin
  (`https://host/oauth`): the SDK expects the origin itself as their issuer and refuses them.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import AsyncGenerator, Awaitable, Callable
from datetime import datetime
from typing import Protocol, cast
from urllib.parse import urlsplit

import httpx2
from mcp.client.auth import AuthorizationCodeResult, OAuthClientProvider, TokenStorage
from mcp.client.auth.extensions.client_credentials import (
    ClientCredentialsOAuthProvider,
    PrivateKeyJWTOAuthProvider,
    SignedJWTParameters,
)
from mcp.client.auth.utils import create_oauth_metadata_request
from mcp.shared.auth import OAuthClientInformationFull, OAuthClientMetadata

from driftwatch.collect.client import oauth_error
from driftwatch.errors import CollectError, ErrorClass
from driftwatch.registry import OAuthSpec, ServerSpec, resolve

REFRESH_EARLY_SECONDS = 60
"""A token is refreshed this long before it expires: a scan must not race its expiry."""


class KeptTokens(TokenStorage, Protocol):
    """Token storage that also remembers when the access token expires."""

    async def expires_at(self) -> datetime | None: ...


class Authorizer(Protocol):
    """The person's part of the authorization code flow (login.py), and where it redirects to."""

    redirect_uri: str

    async def redirect_handler(self, authorization_url: str) -> None: ...

    async def callback_handler(self) -> AuthorizationCodeResult: ...


class _Custody(OAuthClientProvider):
    """Persisted expiry, early refresh, and the reason a refresh was refused."""

    refused: str | None = None

    async def _initialize(self) -> None:
        await super()._initialize()
        expires_at = await cast(KeptTokens, self.context.storage).expires_at()
        if expires_at is not None:
            self.context.token_expiry_time = expires_at.timestamp() - REFRESH_EARLY_SECONDS

    async def _handle_token_response(self, response: httpx2.Response) -> None:
        await super()._handle_token_response(response)
        self._expire_early()

    async def _handle_refresh_response(self, response: httpx2.Response) -> bool:
        if response.status_code != 200:
            body = (await response.aread()).decode("utf-8", "replace")
            self.refused = oauth_error(body) or f"HTTP {response.status_code}"
        refreshed = await super()._handle_refresh_response(response)
        if refreshed:
            self._expire_early()
        return refreshed

    def _expire_early(self) -> None:
        """Count a new token as expired a little early: a minute, or half its life if that is shorter
        (a token counted as expired the moment it arrives would send the flow round again)."""
        tokens = self.context.current_tokens
        if self.context.token_expiry_time is not None and tokens is not None and tokens.expires_in:
            self.context.token_expiry_time -= min(REFRESH_EARLY_SECONDS, tokens.expires_in / 2)


class _ClientCredentials(_Custody, ClientCredentialsOAuthProvider):
    pass


class _PrivateKeyJWT(_Custody, PrivateKeyJWTOAuthProvider):
    pass


class _AuthorizationCode(_Custody):
    """Authorization code + PKCE. Without an authorizer (a scan, the daemon) it never starts the
    person's part: it uses and refreshes stored tokens, and says to log in when there are none."""

    def __init__(
        self,
        *args: object,
        server: str,
        authorizer: Authorizer | None,
        preregistered: OAuthClientInformationFull | None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.server, self.authorizer, self.preregistered = server, authorizer, preregistered
        self._legacy_issuer: str | None = None

    async def _initialize(self) -> None:
        await super()._initialize()
        configured, known = self.preregistered, self.context.client_info
        if configured is not None and (known is None or known.client_id != configured.client_id):
            self.context.client_info = configured  # the configured client wins over a stale registration

    async def _perform_authorization(self) -> httpx2.Request:
        if self.authorizer is None:
            why = f"the refresh token was refused ({self.refused})" if self.refused else "nothing stored"
            raise CollectError(
                ErrorClass.AUTH, f"auth failed: {why}; run `driftwatch auth login {self.server}`"
            )
        return await super()._perform_authorization()

    def _expected_issuer(self) -> str:
        if self.context.auth_server_url is None and self._legacy_issuer is not None:
            return self._legacy_issuer
        return super()._expected_issuer()

    async def _auth_flow(self, request: httpx2.Request) -> AsyncGenerator[httpx2.Request, httpx2.Response]:
        """The SDK's flow, plus one look at the legacy metadata when protected resource metadata is
        missing: an issuer on the server's own origin (`…/oauth`) is then the one expected."""
        inner = super()._auth_flow(request)
        server = urlsplit(self.context.server_url)
        root_metadata = f"{server.scheme}://{server.netloc}/.well-known/oauth-protected-resource"
        try:
            outgoing = await inner.__anext__()
            while True:
                response = yield outgoing
                missing = outgoing is not request and response.status_code != 200
                if missing and str(outgoing.url) == root_metadata:
                    probe = yield create_oauth_metadata_request(
                        f"{server.scheme}://{server.netloc}/.well-known/oauth-authorization-server"
                    )
                    self._legacy_issuer = await _same_origin_issuer(probe, server.scheme, server.netloc)
                outgoing = await inner.asend(response)
        except StopAsyncIteration:
            return
        finally:
            await inner.aclose()


async def _same_origin_issuer(response: httpx2.Response, scheme: str, netloc: str) -> str | None:
    if response.status_code != 200:
        return None
    try:
        issuer = json.loads(await response.aread()).get("issuer")
    except (ValueError, AttributeError):
        return None
    if not isinstance(issuer, str):
        return None
    parts = urlsplit(issuer)
    return issuer if (parts.scheme, parts.netloc) == (scheme, netloc) else None


def build_auth(
    spec: ServerSpec, url: str, storage: KeptTokens, authorizer: Authorizer | None = None
) -> httpx2.Auth | None:
    """The auth for `spec`'s requests to `url` (resolved), or None when it has no `auth:` block."""
    oauth = spec.auth
    if oauth is None:
        return None
    with warnings.catch_warnings():  # omitting `issuer` is deprecated in the SDK; it is the operator's call
        warnings.filterwarnings("ignore", message=".*issuer.*")
        if oauth.flow == "client_credentials":
            assert oauth.client_id is not None and oauth.client_secret is not None
            post = oauth.token_endpoint_auth_method == "client_secret_post"  # noqa: S105 (a method name)
            return _ClientCredentials(
                server_url=url,
                storage=storage,
                client_id=resolve(oauth.client_id, whole_is_secret=False),
                client_secret=resolve(oauth.client_secret),
                token_endpoint_auth_method="client_secret_post" if post else "client_secret_basic",
                scope=oauth.scope,
                issuer=oauth.issuer,
            )
        if oauth.flow == "private_key_jwt":
            assert oauth.client_id is not None and oauth.private_key is not None
            client_id = resolve(oauth.client_id, whole_is_secret=False)
            signer = SignedJWTParameters(
                issuer=client_id,
                subject=client_id,
                signing_key=resolve(oauth.private_key),
                signing_algorithm=oauth.signing_algorithm,
            )
            return _PrivateKeyJWT(
                server_url=url,
                storage=storage,
                client_id=client_id,
                assertion_provider=signer.create_assertion_provider(),
                scope=oauth.scope,
                issuer=oauth.issuer,
            )
    return _authorization_code(spec.name, oauth, url, storage, authorizer)


def _authorization_code(
    server: str, oauth: OAuthSpec, url: str, storage: KeptTokens, authorizer: Authorizer | None
) -> _AuthorizationCode:
    redirect_uri = (
        authorizer.redirect_uri if authorizer else f"http://127.0.0.1:{oauth.redirect_port}/callback"
    )
    metadata = OAuthClientMetadata(
        client_name="driftwatch",
        redirect_uris=[redirect_uri],
        grant_types=["authorization_code", "refresh_token"],
        token_endpoint_auth_method=oauth.token_endpoint_auth_method
        or ("client_secret_basic" if oauth.client_secret else "none"),
    )
    redirect: Callable[[str], Awaitable[None]] | None = authorizer.redirect_handler if authorizer else None
    callback: Callable[[], Awaitable[AuthorizationCodeResult]] | None = (
        authorizer.callback_handler if authorizer else None
    )
    preregistered = None
    if oauth.client_id is not None:
        preregistered = OAuthClientInformationFull(
            client_id=resolve(oauth.client_id, whole_is_secret=False),
            client_secret=resolve(oauth.client_secret) if oauth.client_secret else None,
            redirect_uris=[redirect_uri],
            token_endpoint_auth_method=metadata.token_endpoint_auth_method,
        )
    return _AuthorizationCode(
        url,
        metadata,
        storage,
        redirect,
        callback,
        oauth.client_metadata_url,
        server=server,
        authorizer=authorizer,
        preregistered=preregistered,
    )
