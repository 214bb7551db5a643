"""`auth login|status|logout|new-key`: OAuth credentials of remote servers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from driftwatch import console, jsonout
from driftwatch.cli.app import auth_app, fail, open_store, settings
from driftwatch.cli.params import Format, duration, duration_option, format_option
from driftwatch.errors import CollectError, LoginError

if TYPE_CHECKING:
    from driftwatch.registry import ServerSpec


def _oauth_server(name: str) -> ServerSpec:
    from driftwatch.registry import load_registry

    spec = load_registry(settings()).select([name])[0]
    if spec.auth is None:
        fail(f"{name} has no `auth:` block in the registry")
    return spec


@auth_app.command("login")
def auth_login(
    name: Annotated[str, typer.Argument(metavar="SERVER")],
    browser: Annotated[bool, typer.Option(help="Open the authorization URL in a browser (BROWSER).")] = True,
    wait: Annotated[str, duration_option(help_text="How long to wait for the authorization.")] = "5m",
) -> None:
    """Authorize driftwatch for SERVER once (authorization code + PKCE); the daemon then refreshes."""
    import anyio

    from driftwatch import login

    spec = _oauth_server(name)
    assert spec.auth is not None
    if spec.auth.flow != "authorization_code":
        fail(f"{name} uses the {spec.auth.flow} flow, which needs no login")
    err = console.stderr()

    def show(url: str) -> None:
        err.print(console.safe(f"Open this URL to authorize driftwatch for {name}:"))
        err.print(console.safe(url), soft_wrap=True)

    try:
        authorizer = login.LoopbackAuthorizer(
            spec.auth.redirect_port,  # fixed: a registered client's redirect URI must match the next login
            show=show,
            open_browser=browser,
            wait_seconds=duration(wait).total_seconds(),
        )
        with open_store() as store:
            collected = anyio.run(login.login, spec, settings(), store, authorizer)
    except (LoginError, CollectError, ValueError) as exc:
        fail(f"login to {name} failed: {exc}")
    err.print(console.safe(f"logged in: {name} shows {len(collected.manifest.tools)} tools; tokens stored"))


@auth_app.command("status")
def auth_status(
    name: Annotated[str, typer.Argument(metavar="SERVER")],
    output: Annotated[Format, format_option(Format.TEXT, Format.JSON)] = Format.TEXT,
) -> None:
    """What is stored for SERVER: whether a token is, until when, refreshable, readable."""
    from driftwatch.auth import storage as auth_storage

    _oauth_server(name)
    with open_store() as store:
        status = auth_storage.describe(store, settings(), name)
    if output is Format.JSON:
        console.write_stdout(jsonout.dumps(jsonout.document("auth-status", status)))
        return
    out = console.stdout()
    for key, value in status.items():
        out.print(console.safe(f"{key.replace('_', ' ')}: {value}"))


@auth_app.command("logout")
def auth_logout(name: Annotated[str, typer.Argument(metavar="SERVER")]) -> None:
    """Delete what is stored for SERVER (the authorization server keeps its own grant until revoked)."""
    from driftwatch.auth import storage as auth_storage

    with open_store() as store:
        forgotten = auth_storage.forget(store, name)
    console.stderr().print(
        console.safe(f"{name}: " + ("credentials deleted" if forgotten else "nothing stored"))
    )


@auth_app.command("new-key")
def auth_new_key() -> None:
    """Print a new key for DRIFTWATCH_SECRET_KEY (to rotate: NEW,OLD until every token is rewritten)."""
    from driftwatch.auth import custody

    console.write_stdout(custody.new_key())
