"""The manifest server (manifest_server.py) behind OAuth, with its own small authorization server.

    python oauth_server.py MANIFEST.json PORT EXPIRES_IN

Everything on http://127.0.0.1:PORT, the way a real protected MCP server and its authorization
server answer a client that follows the MCP authorization spec:
- /mcp only with a valid bearer token, else 401 with `WWW-Authenticate: Bearer resource_metadata=…`;
- /.well-known/oauth-protected-resource/mcp (RFC 9728), /.well-known/oauth-authorization-server
  (RFC 8414) advertising `offline_access`;
- /register (RFC 7591), /authorize (approves at once, as the conformance suite's server does, so a
  test's "browser" only follows the redirect), /token: authorization_code with PKCE S256,
  refresh_token, client_credentials. Access tokens last EXPIRES_IN seconds.
For the tests: POST /admin/revoke revokes every token (an administrator revoking driftwatch's
grant); GET /admin/grants lists the token requests so far (grant type, issued refresh token);
POST /admin/authorization-servers `{"authorization_servers": [...]}` changes what the protected
resource metadata names (a server redirecting its clients' logins); POST /admin/challenge
`{"path": "/other-metadata"}` names another metadata document in the 401 challenge, one that names
`https://login.other.invalid` (the same redirection, with the well-known document unchanged).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import sys
import time
from typing import Any
from urllib.parse import urlencode

import uvicorn
from manifest_server import build
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

PORT = int(sys.argv[2])
EXPIRES_IN = int(sys.argv[3])
BASE = f"http://127.0.0.1:{PORT}"

access_tokens: dict[str, float] = {}
refresh_tokens: set[str] = set()
codes: dict[str, str] = {}
clients: dict[str, str] = {"machine": "machine-secret"}
grants: list[dict[str, Any]] = []


authorization_servers: list[str] = [BASE]
challenged = ["/.well-known/oauth-protected-resource/mcp"]
OTHER = "https://login.other.invalid"


def protected_resource(request: Request) -> Response:
    return JSONResponse(
        {
            "resource": f"{BASE}/mcp",
            "authorization_servers": authorization_servers,
            "scopes_supported": ["notes"],
        }
    )


def other_metadata(request: Request) -> Response:
    return JSONResponse(
        {"resource": f"{BASE}/mcp", "authorization_servers": [OTHER], "scopes_supported": ["notes"]}
    )


async def move_challenge(request: Request) -> Response:
    challenged[0] = (await request.json())["path"]
    return JSONResponse({"path": challenged[0]})


async def move_authorization_servers(request: Request) -> Response:
    authorization_servers[:] = (await request.json())["authorization_servers"]
    return JSONResponse({"authorization_servers": authorization_servers})


def authorization_server(request: Request) -> Response:
    # (named after the address it was asked at: as `localhost` it is another origin, which
    # driftwatch's SSRF guard must be allowed to reach, tests/auth/test_auth.py)
    base = str(request.base_url).rstrip("/")
    return JSONResponse(
        {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "registration_endpoint": f"{base}/register",
            "scopes_supported": ["notes", "offline_access"],
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
            "code_challenge_methods_supported": ["S256"],
        }
    )


async def register(request: Request) -> Response:
    body = await request.json()
    client_id = f"client-{secrets.token_hex(4)}"
    clients[client_id] = ""
    return JSONResponse(
        {**body, "client_id": client_id, "token_endpoint_auth_method": "none"}, status_code=201
    )


def authorize(request: Request) -> Response:
    query = request.query_params
    code = secrets.token_urlsafe(16)
    codes[code] = query["code_challenge"]
    target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query.get('state', '')})}"
    return RedirectResponse(target, status_code=302)


def _issue(grant: str, refreshable: bool) -> Response:
    access = secrets.token_urlsafe(24)
    access_tokens[access] = time.time() + EXPIRES_IN
    answer: dict[str, Any] = {"access_token": access, "token_type": "Bearer", "expires_in": EXPIRES_IN}
    if refreshable:
        answer["refresh_token"] = refresh = f"refresh-{secrets.token_urlsafe(24)}"
        refresh_tokens.add(refresh)
    grants.append({"grant_type": grant, "access_token": access, "refresh_token": answer.get("refresh_token")})
    return JSONResponse(answer)


def _refused(error: str) -> Response:
    grants.append({"grant_type": "refused", "error": error})
    return JSONResponse({"error": error}, status_code=400)


async def token(request: Request) -> Response:
    form = await request.form()
    grant = str(form.get("grant_type"))
    if grant == "authorization_code":
        challenge = codes.pop(str(form.get("code")), None)
        verifier = str(form.get("code_verifier", "")).encode()
        computed = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
        return _issue(grant, True) if challenge == computed else _refused("invalid_grant")
    if grant == "refresh_token":
        presented = str(form.get("refresh_token"))
        return _issue(grant, False) if presented in refresh_tokens else _refused("invalid_grant")
    if grant == "client_credentials":
        basic = request.headers.get("authorization", "").removeprefix("Basic ")
        client_id, _, secret = base64.b64decode(basic or b"Og==").decode().partition(":")
        ok = client_id in clients and clients[client_id] and secret == clients[client_id]
        return _issue(grant, False) if ok else _refused("invalid_client")
    return _refused("unsupported_grant_type")


def revoke(request: Request) -> Response:
    access_tokens.clear()
    refresh_tokens.clear()
    clients["machine"] = secrets.token_hex(8)
    return JSONResponse({"revoked": True})


def granted(request: Request) -> Response:
    return JSONResponse(grants)


class BearerOnly(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.url.path.startswith("/mcp"):
            presented = request.headers.get("authorization", "").removeprefix("Bearer ")
            if access_tokens.get(presented, 0) < time.time():
                challenge = f'Bearer resource_metadata="{BASE}{challenged[0]}"'
                return JSONResponse(
                    {"error": "invalid_token"}, status_code=401, headers={"WWW-Authenticate": challenge}
                )
        return await call_next(request)


def main() -> None:
    app = build().streamable_http_app(stateless_http=True, json_response=True)
    app.router.routes.extend(
        [
            Route("/.well-known/oauth-protected-resource/mcp", protected_resource),
            Route("/.well-known/oauth-authorization-server", authorization_server),
            Route("/register", register, methods=["POST"]),
            Route("/authorize", authorize),
            Route("/token", token, methods=["POST"]),
            Route("/admin/revoke", revoke, methods=["POST"]),
            Route("/admin/grants", granted),
            Route("/admin/authorization-servers", move_authorization_servers, methods=["POST"]),
            Route("/other-metadata", other_metadata),
            Route("/admin/challenge", move_challenge, methods=["POST"]),
        ]
    )
    app.add_middleware(BearerOnly)
    uvicorn.run(app, host="127.0.0.1", port=PORT, log_level="warning")


if __name__ == "__main__":
    main()
