"""`approve`, `ack`, `diff`, `history`, `report`, `evidence` and `baseline export`: what a reviewer
reads and decides."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from driftwatch import console, jsonout, report
from driftwatch.cli.app import EXIT_FINDINGS, app, baseline_app, fail, open_store, settings
from driftwatch.cli.params import Format, duration, duration_option, format_option
from driftwatch.files import write_atomically

if TYPE_CHECKING:
    from driftwatch import approval
    from driftwatch.store.history import ServerHistory


@app.command()
def approve(
    by: Annotated[str, typer.Option("--by", help="Who approves (recorded in the audit trail).")],
    reason: Annotated[str, typer.Option("--reason", help="Why this manifest is trusted.")],
    server: Annotated[
        str | None, typer.Argument(help="The server whose manifest to approve (or give --group).")
    ] = None,
    ref: Annotated[
        str | None,
        typer.Option("--hash", help="The manifest to approve: `latest` (default) or a hash prefix."),
    ] = None,
    group: Annotated[
        int | None,
        typer.Option(
            "--group", help="Approve what every server of this drift event group shows (the id alerts name)."
        ),
    ] = None,
    ticket: Annotated[str | None, typer.Option(help="Change ticket, e.g. CHG-1234.")] = None,
) -> None:
    """Approve the server's latest (or given) manifest as its baseline; closes its drift events."""
    from driftwatch import approval
    from driftwatch.registry import load_registry

    if (server is None) == (group is None):
        fail("approve needs a server or --group (not both)")
    if group is not None and ref is not None:
        fail("--hash approves one server's manifest: --group approves what each server shows")
    registry = load_registry(settings())
    now = datetime.now(UTC)
    with open_store() as store:
        if group is not None:
            done = approval.approve_group(
                store, settings(), registry, group, by=by, reason=reason, ticket=ticket, now=now
            )
        else:
            assert server is not None
            done = [
                approval.approve(
                    store, settings(), registry, server, ref=ref, by=by, reason=reason, ticket=ticket, now=now
                )
            ]
    for one in done:
        _approved(one)


@app.command()
def ack(
    event: Annotated[int, typer.Argument(help="The drift event (any event of a group takes the group).")],
    by: Annotated[str, typer.Option("--by", help="Who takes it (shown in the Slack thread).")],
) -> None:
    """Acknowledge an open drift event: reminders stop, PagerDuty and Opsgenie are told; it stays
    open until approved or reverted."""
    from driftwatch.alerts import reminders

    with open_store() as store, store.transaction() as session:
        taken = reminders.acknowledge(session, event, by, datetime.now(UTC))
    console.stderr().print(console.safe(f"acknowledged by {by}: drift events {', '.join(map(str, taken))}"))


def _approved(done: approval.Approval) -> None:
    err = console.stderr()
    err.print(console.safe(f"approved {done.manifest_hash} as the baseline of {done.server.name}"))
    for event in done.closed:
        err.print(console.safe(f"drift event {event.id} closed as {event.state}"))
    if (opened := done.opened) is not None:
        err.print(
            console.safe(
                f"the server currently shows {opened.observed_hash[:19]}: drift event {opened.id} "
                f"({opened.severity}) tracks the difference",
                "yellow",
            )
        )


@app.command()
def diff(
    server: Annotated[str, typer.Argument()],
    from_ref: Annotated[
        str | None, typer.Option("--from", help="`baseline` (default), `latest` or a hash prefix.")
    ] = None,
    to_ref: Annotated[
        str | None, typer.Option("--to", help="`latest` (default), `baseline` or a hash prefix.")
    ] = None,
    output: Annotated[Format, format_option(Format.TEXT, Format.JSON, Format.MARKDOWN)] = Format.TEXT,
    full: Annotated[
        bool, typer.Option("--full", help="Show added and removed items whole, not as a digest.")
    ] = False,
) -> None:
    """The classified changes between two manifests a server showed: a summary, then the changes."""
    from driftwatch import drift

    with open_store() as store, store.transaction() as session:
        overrides = settings().overrides
        before, after, changes = drift.diff_refs(session, server, from_ref, to_ref, overrides)
        findings = drift.diff_findings(session, server, after, changes, overrides, before_hash=before)
    if output is Format.JSON:
        as_json = [c.to_json() for c in changes]
        console.write_stdout(
            jsonout.dumps(
                jsonout.document("diff", {"server": server, "from": before, "to": after, "changes": as_json})
            )
        )
    elif output is Format.MARKDOWN:
        from driftwatch.report.markdown import diff_markdown

        console.write_stdout(diff_markdown(server, before, after, changes, findings, full=full))
    else:
        from driftwatch.report.terminal import diff_renderable

        console.show(diff_renderable(server, before, after, changes, findings, full=full))


@app.command()
def history(
    server: Annotated[str, typer.Argument()],
    output: Annotated[Format, format_option(Format.TEXT, Format.JSON)] = Format.TEXT,
) -> None:
    """Observations, baselines and drift events of a server, oldest first."""
    from driftwatch.store.events import server_by_name
    from driftwatch.store.history import load_histories

    with open_store() as store, store.transaction() as session:
        server_by_name(session, server)
        [found] = load_histories(session, [server], since=None)
    if output is Format.JSON:
        console.write_stdout(jsonout.dumps(jsonout.document("history", found.to_json())))
    else:
        from driftwatch.report.terminal import history_renderable

        console.show(history_renderable(found))


@app.command("report")
def report_command(
    output: Annotated[Format, format_option(Format.HTML, Format.MARKDOWN, Format.JSON, Format.SARIF)],
    since: Annotated[str, duration_option(help_text="The period, back from now: 30d, 12h, …")] = "30d",
    server: Annotated[
        list[str] | None, typer.Option("--server", "-s", help="Only this server (repeatable).")
    ] = None,
    out: Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
    lock_file: Annotated[
        Path,
        typer.Option(
            "--lock-file",
            help="SARIF: the lock file results point into, at each server's and tool's line "
            "(line 1 when the file is absent).",
        ),
    ] = Path("driftwatch.lock"),
) -> None:
    """A historical diff report: per server, observations, drift events, approvals and diffs."""
    from driftwatch import lockfile
    from driftwatch.store.history import load_histories

    start = datetime.now(UTC) - duration(since)
    with open_store() as store, store.transaction() as session:
        histories = load_histories(session, server or None, since=start)
    _known_servers(server, histories)
    lines = lockfile.lock_lines(lock_file) if output is Format.SARIF else None
    text = report.render_report(
        histories,
        since=start,
        generated_at=datetime.now(UTC),
        fmt=output.value,
        lock_path=str(lock_file),
        lock_lines=lines,
    )
    if out is None:
        console.write_stdout(text)
    else:
        _write(out, text)
        console.stderr().print(console.safe(f"wrote {out}"))


@app.command("evidence")
def evidence_command(
    output: Annotated[Format, format_option(Format.HTML, Format.MARKDOWN, Format.JSON)] = Format.HTML,
    since: Annotated[str, duration_option(help_text="The period, back from now: 90d, 12h, …")] = "90d",
    out: Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
) -> None:
    """The evidence pack for a security review: inventory, approvals, drift and how fast it was
    handled, unknown servers, findings and exceptions, token custody, the audit log's verification."""
    from driftwatch import evidence
    from driftwatch.registry import load_registry
    from driftwatch.report.evidence import render_evidence_html, render_evidence_markdown

    registry = load_registry(settings())
    now = datetime.now(UTC)
    with open_store() as store, store.transaction() as session:
        pack = evidence.build(session, settings(), registry, now - duration(since), now)
    if output is Format.HTML:
        text = render_evidence_html(pack)
    elif output is Format.MARKDOWN:
        text = render_evidence_markdown(pack)
    else:
        text = jsonout.dumps(pack.to_json())
    if out is None:
        console.write_stdout(text)
    else:
        _write(out, text)
        console.stderr().print(console.safe(f"wrote {out}"))


def _known_servers(asked: list[str] | None, histories: list[ServerHistory]) -> None:
    """`--server NAME` that the database has never seen is a mistake, not an empty answer."""
    unknown = sorted(set(asked or ()) - {h.name for h in histories})
    if unknown:
        fail(f"no such server in the database (never scanned): {', '.join(unknown)}")


def _write(path: Path, text: str) -> None:
    try:
        write_atomically(path, text)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror}")


@baseline_app.command("export")
def baseline_export(
    server: Annotated[
        list[str] | None, typer.Option("--server", "-s", help="Only this server (repeatable).")
    ] = None,
    out: Annotated[Path | None, typer.Option("-o", "--output", help="Write here (atomically).")] = None,
) -> None:
    """Write the approved baselines as a lock file (stdout, or `-o driftwatch.lock`).

    Unapproved servers are left out and named; with nothing approved, nothing is written (exit 1).
    """
    from driftwatch import lockfile
    from driftwatch.store.history import load_histories, locked_baselines

    with open_store() as store, store.transaction() as session:
        histories = load_histories(session, server or None, since=None)
        _known_servers(server, histories)
        locked = locked_baselines(session, histories)
    left_out = sorted(h.name for h in histories if h.baseline is None)
    if left_out:
        console.stderr().print(
            console.safe(f"left out (no approved baseline): {', '.join(left_out)}", "yellow")
        )
    if not locked:
        fail("nothing is approved: no lock file written (approve servers first)", EXIT_FINDINGS)
    if out is None:
        console.write_stdout(lockfile.dumps(locked).rstrip("\n"))
    else:
        _write(out, lockfile.dumps(locked))
        console.stderr().print(console.safe(f"wrote {len(locked)} baselines to {out}"))
