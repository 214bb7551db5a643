"""Where an OAuth flow keeps its client registration and tokens (the SDK's `TokenStorage`).

`DatabaseTokenStorage` encrypts both into the database, so that a token obtained once (by
`driftwatch auth login`, or by the machine flows on their first scan) survives restarts and is
shared by daemon replicas. `MemoryTokenStorage` serves scans that have no database (a lock-file
scan in CI): the machine flows simply fetch a fresh token each time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import anyio
import httpx2
from mcp.shared.auth import OAuthClientInformationFull, OAuthToken

from driftwatch import redact
from driftwatch.auth.custody import Vault
from driftwatch.collect.client import AuthFor
from driftwatch.errors import CustodyError
from driftwatch.registry import ServerSpec
from driftwatch.settings import Settings
from driftwatch.store import Store, credentials
from driftwatch.store.models import OAuthCredential

if TYPE_CHECKING:
    # providers.py loads the SDK's OAuth flows (PyJWT, cryptography's x509): `auth` below imports
    # it when a server needs auth, so a scan of servers without OAuth never does.
    from driftwatch.auth.providers import Authorizer, KeptTokens


class MemoryTokenStorage:
    """Tokens for the life of one scan."""

    def __init__(self) -> None:
        self.tokens: OAuthToken | None = None
        self.client_info: OAuthClientInformationFull | None = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = _known(tokens)

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.client_info

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        self.client_info = client_info

    async def expires_at(self) -> datetime | None:
        if self.tokens is None or self.tokens.expires_in is None:
            return None
        return datetime.now(UTC) + timedelta(seconds=self.tokens.expires_in)


class DatabaseTokenStorage:
    """One server's credentials in `oauth_credentials`, sealed with the vault's key."""

    def __init__(self, store: Store, vault: Vault, server: str) -> None:
        self.store, self.vault, self.server = store, vault, server
        self._resealed = not vault.rotating
        self._row: OAuthCredential | None = None
        """The row as last read or written: a scan asks for tokens, registration and expiry in turn."""

    async def get_tokens(self) -> OAuthToken | None:
        row = await anyio.to_thread.run_sync(self._load)
        if row is None or row.tokens is None:
            return None
        return _known(
            OAuthToken.model_validate_json(self.vault.decrypt(row.tokens, what=self._what("token")))
        )

    async def set_tokens(self, tokens: OAuthToken) -> None:
        _known(tokens)
        now = datetime.now(UTC)
        expires_at = now + timedelta(seconds=tokens.expires_in) if tokens.expires_in is not None else None
        sealed = self.vault.encrypt(tokens.model_dump_json(exclude_none=True))

        def save() -> None:
            with self.store.transaction() as session:
                credentials.save_tokens(
                    session,
                    self.server,
                    sealed,
                    expires_at=expires_at,
                    scope=tokens.scope,
                    refreshable=tokens.refresh_token is not None,
                    now=now,
                )

        await anyio.to_thread.run_sync(save)
        self._row = None

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        row = await anyio.to_thread.run_sync(self._load)
        if row is None or row.client_info is None:
            return None
        plain = self.vault.decrypt(row.client_info, what=self._what("client registration"))
        return OAuthClientInformationFull.model_validate_json(plain)

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        sealed = self.vault.encrypt(client_info.model_dump_json(exclude_none=True))

        def save() -> None:
            with self.store.transaction() as session:
                credentials.save_client_info(session, self.server, sealed, datetime.now(UTC))

        await anyio.to_thread.run_sync(save)
        self._row = None

    async def expires_at(self) -> datetime | None:
        row = await anyio.to_thread.run_sync(self._load)
        return row.expires_at if row is not None else None

    def _load(self) -> OAuthCredential | None:
        if self._row is not None:
            return self._row
        with self.store.transaction() as session:
            row = credentials.load(session, self.server)
            if row is not None and not self._resealed:  # during a key rotation: rewrite with the new key
                if row.tokens is not None:
                    row.tokens = self.vault.reseal(row.tokens, what=self._what("token"))
                if row.client_info is not None:
                    row.client_info = self.vault.reseal(
                        row.client_info, what=self._what("client registration")
                    )
            self._resealed = True
            self._row = row
            return row

    def _what(self, thing: str) -> str:
        return f"the stored OAuth {thing} of {self.server}"


def _known(tokens: OAuthToken) -> OAuthToken:
    """Tokens handed to a server are credentials it must never echo back (redact.py)."""
    redact.register(tokens.access_token, credential=True)
    if tokens.refresh_token:
        redact.register(tokens.refresh_token, credential=True)
    return tokens


def database_tokens(store: Store, settings: Settings) -> Callable[[str], DatabaseTokenStorage]:
    """Token storage per server name, in `store`; the key is read when a server first needs it, so
    a registry without OAuth servers runs without `DRIFTWATCH_SECRET_KEY`."""
    vault: Vault | None = None

    def for_server(server: str) -> DatabaseTokenStorage:
        nonlocal vault
        vault = vault or Vault.from_settings(settings)
        return DatabaseTokenStorage(store, vault, server)

    return for_server


def describe(store: Store, settings: Settings, server: str) -> dict[str, object]:
    """What is stored for `server`, without a secret: for `driftwatch auth status`."""
    with store.transaction() as session:
        row = credentials.load(session, server)
    if row is None:
        return {"server": server, "stored": False}
    readable: bool | None = None
    if settings.secret_key is not None and row.tokens is not None:
        try:
            Vault.from_settings(settings).decrypt(row.tokens, what="token")
            readable = True
        except CustodyError:
            readable = False
    return {
        "server": server,
        "stored": True,
        "client_registered": row.client_info is not None,
        "token": row.tokens is not None,
        "readable_with_current_key": readable,
        "expires_at": row.expires_at.isoformat() if row.expires_at else None,
        "refreshable": row.refreshable,
        "scope": row.scope,
        "updated_at": row.updated_at.isoformat(),
    }


def forget(store: Store, server: str) -> bool:
    """Delete what is stored for `server`; whether there was anything."""
    with store.transaction() as session:
        return credentials.forget(session, server)


TokenKeeper = Callable[[str], "KeptTokens"]
"""Where a server's OAuth tokens are kept, by server name (`database_tokens`)."""


def auth_for(tokens: TokenKeeper | None = None, authorizer: Authorizer | None = None) -> AuthFor:
    """What the collector asks for a server's OAuth: `build_auth` over the server's kept tokens.

    Without `tokens` a scan keeps tokens in memory only, which serves the machine flows (a fresh
    token per scan) but not a login's refresh token. `authorizer` is the person of an
    authorization code flow: only `driftwatch auth login` has one.
    """

    def auth(spec: ServerSpec, url: str) -> httpx2.Auth | None:
        if spec.auth is None:
            return None  # build_auth's answer too, without loading the OAuth flows
        from driftwatch.auth.providers import build_auth

        kept: KeptTokens = tokens(spec.name) if tokens is not None else MemoryTokenStorage()
        return build_auth(spec, url, kept, authorizer)

    return auth
