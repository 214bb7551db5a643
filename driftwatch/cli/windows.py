"""`window open|list|close`: ad-hoc change windows, inside which drift notifies instead of paging."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from driftwatch import console, jsonout
from driftwatch.cli.app import fail, open_store, window_app
from driftwatch.cli.params import Format, duration, duration_option, format_option


@window_app.command("open")
def window_open(
    length: Annotated[str, duration_option("--for", help_text="How long: 30m, 2h, 1d.")],
    by: Annotated[str, typer.Option("--by", help="Who opens it.")],
    server: Annotated[str | None, typer.Argument(help="The server (or --all).")] = None,
    all_servers: Annotated[bool, typer.Option("--all", help="A window for every server.")] = False,
    reason: Annotated[str | None, typer.Option(help="Why drift is expected.")] = None,
    ticket: Annotated[str | None, typer.Option(help="Change ticket, e.g. CHG-1234.")] = None,
) -> None:
    """Open an ad-hoc change window: drift in it notifies instead of paging."""
    from driftwatch.store import windows
    from driftwatch.store.events import server_by_name

    if (server is None) == (not all_servers):
        fail("name one server, or --all")
    how_long, now = duration(length), datetime.now(UTC)
    with open_store() as store, store.transaction() as session:
        target = server_by_name(session, server) if server else None
        window = windows.add_window(
            session, target, duration=how_long, by=by, reason=reason, ticket=ticket, now=now
        )
        ends = window.ends_at
    console.stderr().print(
        console.safe(
            f"change window {window.id} open for {server or 'all servers'} until {ends:%Y-%m-%d %H:%M} UTC"
        )
    )


@window_app.command("list")
def window_list(output: Annotated[Format, format_option(Format.TEXT, Format.JSON)] = Format.TEXT) -> None:
    """Change windows open now (ad-hoc ones; recurring ones are in the registry)."""
    from driftwatch.store import windows

    with open_store() as store, store.transaction() as session:
        rows = [w.to_json() for w in windows.active_records(session, datetime.now(UTC))]
    if output is Format.JSON:
        console.write_stdout(jsonout.dumps(jsonout.document("window-list", {"windows": rows})))
    else:
        console.show(console.windows_table(rows))


@window_app.command("close")
def window_close(
    window_id: Annotated[int, typer.Argument(help="The window's id (see `window list`).")],
    by: Annotated[str, typer.Option("--by", help="Who closes it.")] = "cli",
) -> None:
    """Close an ad-hoc change window before it expires."""
    from driftwatch.store import windows

    with open_store() as store, store.transaction() as session:
        windows.close_window(session, window_id, by, datetime.now(UTC))
    console.stderr().print(console.safe(f"change window {window_id} closed"))
