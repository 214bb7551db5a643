"""`policy export`: the approved servers and their approved tools as the managed configuration a
client or gateway reads (driftwatch/enforce; each format, its source and its limits:
docs/policy-export.md), so that what nobody approved is not even offered to the agent."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from driftwatch import console
from driftwatch.cli.app import EXIT_FINDINGS, fail, open_store, policy_app, settings


class ExportFormat(StrEnum):
    CLAUDE_CODE = "claude-code"
    VSCODE = "vscode"
    CURSOR = "cursor"
    TOOLHIVE = "toolhive"
    DOCKER_GATEWAY = "docker-gateway"


@policy_app.command("export")
def policy_export(
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="The client or gateway to write for."),
    ],
    out: Annotated[Path | None, typer.Option("-o", "--output", help="Write here (atomically).")] = None,
) -> None:
    """Write the approved servers (and, where the client can take them, their approved tools).

    Approved: registered, with a baseline in force; its tools are the baseline's, not what the
    server shows now. What a format cannot carry safely is left out and named on stderr; with
    nothing approved, nothing is written (exit 1).
    """
    from driftwatch import enforce
    from driftwatch.registry import load_registry
    from driftwatch.store.events import approved_tools

    registry = load_registry(settings())
    with open_store() as store:
        baselines = store.read(approved_tools)
    servers, refused = enforce.approved(registry.servers, baselines)
    if not servers:
        fail("nothing is approved: nothing written (approve servers first)", EXIT_FINDINGS)
    rendered = enforce.render(fmt.value, servers)
    tools_refused = refused if fmt.value in enforce.TOOL_FORMATS else []
    for refusal in [*tools_refused, *rendered.refusals]:
        console.stderr().print(console.safe(refusal.line(), "yellow"))
    if out is None:
        console.write_stdout(rendered.text.rstrip("\n"))
        return
    from driftwatch.files import write_atomically

    try:
        write_atomically(out, rendered.text)
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror}")
    console.stderr().print(console.safe(f"wrote {len(servers)} approved servers ({fmt.value}) to {out}"))
