"""`discover`: the MCP servers client configs launch that nobody registered (issue 16).

Thin, as every command: the walk, the reading and the matching are driftwatch.discover's; the
import is `server import`'s (driftwatch.importer); this module parses, prints and picks the exit
code: 0 nothing unregistered (or all of it imported by `--add`), 1 unregistered servers found
(with `--add`: some could not be imported, as a URL carrying a credential, which `server import`
refuses too),
2 a usage or configuration error. A config file (or a Kubernetes API) that cannot be read is one
line on stderr (and an `errors[]` entry in JSON) and never stops the rest.
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from driftwatch import console, jsonout
from driftwatch.cli.app import EXIT_FINDINGS, EXIT_OK, app, fail, settings
from driftwatch.cli.params import Format, format_option

if TYPE_CHECKING:
    from driftwatch.discover import Report


class KubeMode(StrEnum):
    OFF = "off"
    AUTO = "auto"
    ON = "on"


@app.command()
def discover(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Repositories or directories to search (recursively), or config files."),
    ] = None,
    home: Annotated[
        Path | None, typer.Option(help="Home directory whose client configs to read (default: yours).")
    ] = None,
    no_home: Annotated[bool, typer.Option("--no-home", help="Read no home directory.")] = False,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", help="Glob of paths not to enter (repeatable).")
    ] = None,
    output: Annotated[Format, format_option(Format.TEXT, Format.JSON, Format.SARIF)] = Format.TEXT,
    add: Annotated[
        bool, typer.Option("--add", help="Import the unregistered servers into the registry.")
    ] = False,
    kubernetes: Annotated[
        KubeMode | None,
        typer.Option(
            "--kubernetes",
            help="Also read ToolHive MCPServers and labelled pods from a cluster: auto (when a "
            "kubeconfig or service account is there), on, off (default: discovery_kubernetes).",
        ),
    ] = None,
    kubeconfig: Annotated[
        Path | None, typer.Option(help="The kubeconfig to read (implies --kubernetes on).")
    ] = None,
    context: Annotated[str | None, typer.Option(help="The kubeconfig context (default: current).")] = None,
    namespace: Annotated[
        list[str] | None,
        typer.Option("--namespace", "-n", help="A namespace to list (repeatable; default: all)."),
    ] = None,
) -> None:
    """List MCP servers that client configs (Claude, Cursor, VS Code, Windsurf, Codex, Gemini, Zed) launch,
    or a cluster runs, but the registry does not hold, matched by what runs, not by name. Exit 1 if any."""
    from driftwatch import discover as found
    from driftwatch.registry import load_registry

    roots = list(paths or [])
    _check_inputs(roots, home, kubeconfig)
    reading = None if no_home else (home or Path.home())
    config = settings()
    registry = load_registry(config)
    configured = found.kube_options(config)
    cluster = replace(  # the options given here, over the settings' discovery_kubernetes_*
        configured,
        mode=kubernetes.value if kubernetes else ("on" if kubeconfig else configured.mode),
        kubeconfig=kubeconfig or configured.kubeconfig,
        context=context or configured.context,
        namespaces=tuple(namespace or configured.namespaces),
    )
    discovery = found.merge(
        [found.discover(roots, home=reading, excludes=exclude or ()), found.discover_kubernetes(cluster)]
    )
    report = found.match(discovery, registry)
    _print(report, output)
    if add and report.unknown:
        refused = _add(report, [s.name for s in registry.servers])
        raise typer.Exit(EXIT_FINDINGS if refused else EXIT_OK)
    raise typer.Exit(EXIT_FINDINGS if report.unknown else EXIT_OK)


def _check_inputs(roots: list[Path], home: Path | None, kubeconfig: Path | None) -> None:
    """A path given that is not there is a mistake, not an empty answer: one line, exit 2."""
    missing = [str(p) for p in roots if not p.exists()]
    if missing:
        fail(f"no such file or directory: {', '.join(missing)}")
    if kubeconfig is not None and not kubeconfig.is_file():
        fail(f"--kubeconfig {kubeconfig} is not a file")
    if home is not None and not home.is_dir():
        fail(f"--home {home} is not a directory")


def _print(report: Report, output: Format) -> None:
    document = report.to_json()
    err = console.stderr()
    for problem in document["errors"]:
        err.print(console.safe(f"skipped {problem['file']}: {problem['message']}", "yellow"))
    if output is Format.JSON:
        console.write_stdout(jsonout.dumps(jsonout.document("discover", document)))
        return
    if output is Format.SARIF:
        from driftwatch.report.sarif import unknown_servers_sarif

        console.write_stdout(unknown_servers_sarif(report))
        return
    if document["unknown"]:
        console.show(console.unknown_servers_table(document["unknown"]))
    clusters = sum(1 for f in document["files"] if f.startswith("kubernetes:"))
    files, known = len(document["files"]) - clusters, len(document["registered"])
    summary = f"{len(document['unknown'])} unregistered, {known} registered servers in {files} config files"
    summary += f" and {clusters} Kubernetes cluster" if clusters else ""
    err.print(console.safe(summary, "red" if document["unknown"] else "green"))


def _add(report: Report, registered: list[str]) -> int:
    """Import the unknown servers as `server import` would; the number left out (URL credentials)."""
    from driftwatch import importer
    from driftwatch.discover import registry_entries

    entries = registry_entries(report.unknown, registered)
    done = importer.import_entries(entries, settings().registry_path, skip_refused=True)
    err = console.stderr()
    err.print(console.safe(f"imported {len(done.servers)} servers into {done.path} (mode 600)"))
    for why in sorted(done.refused.values()):
        err.print(console.safe(f"not imported: {why}", "yellow"))
    if done.variables:
        err.print(console.safe("set these environment variables before scanning:", "yellow"))
        for name, where in sorted(done.variables.items()):
            err.print(console.safe(f"  {name}  (was {where})"))
    return len(done.refused)
