"""`silence add|list|expire`: notifications about matching drift held for a while.

A silence mutes notifications, never evaluation (driftwatch/store/silences.py): the events are
recorded and shown as usual, and what a silence held is sent when it ends, if still open.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from driftwatch import console, jsonout
from driftwatch.cli.app import open_store, silence_app
from driftwatch.cli.params import Format, duration, duration_option, format_option


@silence_app.command("add")
def silence_add(
    match: Annotated[str, typer.Option("--match", help="server=NAME, tag=TAG or rule=RULE-ID.")],
    length: Annotated[str, duration_option("--for", help_text="How long: 30m, 4h, 1d.")],
    by: Annotated[str, typer.Option("--by", help="Who sets it.")],
    reason: Annotated[
        str, typer.Option("--reason", help="Why it may be quiet (shown to whoever is paged later).")
    ],
    ticket: Annotated[str | None, typer.Option(help="Ticket, e.g. CHG-1234.")] = None,
) -> None:
    """Hold notifications about drift that matches, for a while: the events are still recorded,
    and what was held is sent when the silence ends, if the event is still open."""
    from driftwatch.store import silences

    matched = silences.Match.parse(match)
    how_long, now = duration(length), datetime.now(UTC)
    with open_store() as store, store.transaction() as session:
        added = silences.add_silence(
            session, matched, duration=how_long, by=by, reason=reason, ticket=ticket, now=now
        )
    console.stderr().print(
        console.safe(f"silence {added.id} ({added.match}) until {added.ends_at:%Y-%m-%d %H:%M} UTC")
    )


@silence_app.command("list")
def silence_list(
    ended: Annotated[bool, typer.Option("--all", help="Ended silences too.")] = False,
    output: Annotated[Format, format_option(Format.TEXT, Format.JSON)] = Format.TEXT,
) -> None:
    """Silences in force now (with --all, every one)."""
    from driftwatch.store import silences

    with open_store() as store, store.transaction() as session:
        rows = [s.to_json() for s in silences.records(session, datetime.now(UTC), ended_too=ended)]
    if output is Format.JSON:
        console.write_stdout(jsonout.dumps(jsonout.document("silence-list", {"silences": rows})))
    else:
        console.show(console.silences_table(rows))


@silence_app.command("expire")
def silence_expire(
    silence_id: Annotated[int, typer.Argument(help="The silence's id (see `silence list`).")],
    by: Annotated[str, typer.Option("--by", help="Who ends it.")] = "cli",
) -> None:
    """End a silence now: what it held is sent now, for the events still open."""
    from driftwatch.store import silences

    with open_store() as store, store.transaction() as session:
        released = silences.expire(session, silence_id, by, datetime.now(UTC))
    console.stderr().print(console.safe(f"silence {silence_id} ended; {released} held alerts due now"))
