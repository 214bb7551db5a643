"""`audit verify|export`: the tamper-evident record, checked and handed to a reviewer.

`verify` walks the chain (the database's, or an exported file's with no database) and exits 0
when every entry verifies, 1 naming the first that does not (and what is wrong with it), 2 on a
usage or configuration error. `export` writes JSON lines a reviewer files and verifies later
(docs/audit.md).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from driftwatch import console, jsonout
from driftwatch.cli.app import EXIT_FINDINGS, EXIT_OK, audit_app, fail, open_store, settings
from driftwatch.cli.params import Format, duration, duration_option, format_option


@audit_app.command("verify")
def audit_verify(
    file: Annotated[
        Path | None, typer.Option("--file", help="Verify an export (`audit export`) instead of the database.")
    ] = None,
    public_key: Annotated[
        Path | None,
        typer.Option("--public-key", help="Ed25519 public key (PEM) the export's head must be signed with."),
    ] = None,
    output: Annotated[Format, format_option(Format.TEXT, Format.JSON)] = Format.TEXT,
) -> None:
    """Recompute the audit log's hash chain; exit 1 naming the first entry that does not verify."""
    from driftwatch import audit

    if public_key is not None and file is None:
        fail("--public-key checks an export's signature: give the export with --file")
    if file is not None:
        key = audit.public_key(public_key) if public_key is not None else None
        verification = audit.verify_export(audit.read_export(file), key)
    else:
        with open_store() as store:
            verification = store.read(audit.verify_store)
    if output is Format.JSON:
        console.write_stdout(jsonout.dumps(jsonout.document("audit-verify", verification.to_json())))
    else:
        console.stderr().print(console.safe(verification.summary(), "" if verification.ok else "red"))
    raise typer.Exit(EXIT_OK if verification.ok else EXIT_FINDINGS)


@audit_app.command("export")
def audit_export(
    since: Annotated[
        str | None, duration_option("--since", help_text="Only entries this recent: 90d, 26w (default: all).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """The audit log as JSON lines and its head, signed when `audit_signing_key` is set."""
    from driftwatch import audit, files

    now = datetime.now(UTC)
    cutoff = now - duration(since) if since is not None else None
    path = settings().audit_signing_key
    key = audit.signing_key(path) if path is not None else None
    with open_store() as store:
        lines = store.read(audit.export, cutoff, now, key)
    if output is None:
        console.write_stdout("\n".join(lines))
        return
    try:
        files.write_atomically(output, "\n".join(lines) + "\n")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    console.stderr().print(console.safe(f"{len(lines) - 1} audit entries written to {output}"))
