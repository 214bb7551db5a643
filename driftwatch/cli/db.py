"""`db upgrade|prune`: the database's schema and how much history it keeps."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from driftwatch import console
from driftwatch.cli.app import db_app, open_store, settings
from driftwatch.cli.params import duration, duration_option


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Apply database migrations (run once per release, e.g. as a Kubernetes Job)."""
    from driftwatch.store.database import make_engine, schema_status, upgrade

    engine = make_engine(settings().database_url)
    try:
        upgrade(engine, revision)
        current, head = schema_status(engine)
    finally:
        engine.dispose()
    console.stderr().print(console.safe(f"database at revision {current} (head {head})"))


@db_app.command("prune")
def db_prune(
    keep: Annotated[str, duration_option(help_text="How much history to keep: 90d, 26w.")] = "90d",
) -> None:
    """Delete history older than --keep; baselines and the manifests they point to always stay."""
    from driftwatch.store import prune

    now = datetime.now(UTC)
    cutoff = now - duration(keep)
    with open_store() as store, store.transaction() as session:
        pruned = prune.prune(session, cutoff, now)
    console.stderr().print(
        console.safe(
            f"pruned {pruned.observations} observations, {pruned.drift_events} drift events, "
            f"{pruned.alerts} alerts, {pruned.suppressions} suppressions, {pruned.manifests} manifests, "
            f"{pruned.items} items"
        )
    )
