"""`suppression add|list|remove`: recorded false positives of the detectors (alias: `suppress`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from driftwatch import console, jsonout
from driftwatch.cli.app import open_store, suppression_app
from driftwatch.cli.params import Format, duration, duration_option, format_option


@suppression_app.command("add")
def suppression_add(
    server: Annotated[str, typer.Argument()],
    rule: Annotated[str, typer.Option(help="The finding's rule.")],
    item: Annotated[str, typer.Option(help="The finding's item as `kind:name`, e.g. tool:add_note.")],
    evidence_hash: Annotated[str, typer.Option(help="The finding's `evidence_hash` (scan --format json).")],
    by: Annotated[str, typer.Option("--by", help="Who decided it is a false positive.")],
    reason: Annotated[str, typer.Option(help="Why.")],
    length: Annotated[
        str | None, duration_option("--for", help_text="Expire after: 30d, 12h (default: never).")
    ] = None,
) -> None:
    """Record a false positive: this finding stops firing (the same rule on other text still fires)."""
    from driftwatch.store import suppressions
    from driftwatch.store.events import server_by_name

    expires_after, now = duration(length) if length else None, datetime.now(UTC)
    with open_store() as store, store.transaction() as session:
        added = suppressions.add(
            session,
            server_by_name(session, server),
            rule=rule,
            item=item,
            evidence_hash=evidence_hash,
            by=by,
            reason=reason,
            now=now,
            duration=expires_after,
        )
        suppression_id = added.id
    console.stderr().print(console.safe(f"suppression {suppression_id} recorded"))


@suppression_app.command("list")
def suppression_list(
    output: Annotated[Format, format_option(Format.TEXT, Format.JSON)] = Format.TEXT,
) -> None:
    """Suppressions in force."""
    from driftwatch.store import suppressions

    with open_store() as store, store.transaction() as session:
        rows = [s.to_json() for s in suppressions.active_records(session, datetime.now(UTC))]
    if output is Format.JSON:
        console.write_stdout(jsonout.dumps(jsonout.document("suppression-list", {"suppressions": rows})))
    else:
        console.show(console.rows_table("suppressions in force", [_shown(r) for r in rows]))


def _shown(row: dict[str, object]) -> dict[str, object]:
    """The table's columns: the JSON row less the old alias."""
    return {k: v for k, v in row.items() if k != "by"}


@suppression_app.command("remove")
def suppression_remove(
    suppression_id: Annotated[int, typer.Argument()],
    by: Annotated[
        str | None, typer.Option("--by", help="Who removes it (recorded in the audit log).")
    ] = None,
) -> None:
    """Remove a suppression: its finding fires again."""
    from driftwatch.store import suppressions

    with open_store() as store, store.transaction() as session:
        suppressions.remove(session, suppression_id, datetime.now(UTC), by)
    console.stderr().print(console.safe(f"suppression {suppression_id} removed"))
