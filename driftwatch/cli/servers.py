"""`server list|import`: the registry of watched servers (alias: `servers`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from driftwatch import console, jsonout
from driftwatch.cli.app import fail, server_app, settings
from driftwatch.cli.params import Format, format_option
from driftwatch.errors import ConfigError


@server_app.command("list")
def server_list(output: Annotated[Format, format_option(Format.TEXT, Format.JSON)] = Format.TEXT) -> None:
    """List the registered servers (secrets stay references; URLs lose credentials)."""
    from driftwatch.registry import load_registry

    registry = load_registry(settings())
    if not registry.servers:
        where = settings().registry_path
        why = "is empty" if where.exists() else "does not exist"
        hint = "set DRIFTWATCH_REGISTRY or --config"
        console.stderr().print(console.safe(f"no servers registered: {where} {why} ({hint})", "yellow"))
    if output is Format.JSON:
        console.write_stdout(
            jsonout.dumps(
                jsonout.document("server-list", {"servers": [s.listing() for s in registry.servers]})
            )
        )
    else:
        console.show(console.servers_table(registry.servers))


@server_app.command("import")
def server_import(
    file: Annotated[
        Path, typer.Argument(help="Claude Desktop / Cursor / Windsurf / VS Code MCP config JSON.")
    ],
    replace: Annotated[bool, typer.Option(help="Replace registered servers of the same name.")] = False,
) -> None:
    """Add the servers of an `mcpServers` (or VS Code `servers`) JSON file to the registry.

    The registry keeps its comments; env and header values are written as `${NAME}` references
    (the variables to set are listed); a URL carrying credentials is refused; the file is mode 600.
    """
    from driftwatch import importer

    try:
        done = importer.import_servers(file, settings().registry_path, replace=replace)
    except ConfigError as exc:
        fail(str(exc))
    err = console.stderr()
    err.print(console.safe(f"imported {len(done.servers)} servers into {done.path} (mode 600)"))
    if done.variables:
        err.print(console.safe("set these environment variables before scanning:", "yellow"))
        for name, where in sorted(done.variables.items()):
            err.print(console.safe(f"  {name}  (was {where} in {file})"))
