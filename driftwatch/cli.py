"""The `driftwatch` command. Thin: parse, call the layers, print, pick the exit code.

Exit codes for `scan` and `check` (CONTRACT.md): 0 nothing at or above `--fail-on`; 1 drift or
findings at or above it; 2 usage or configuration error; 3 some servers could not be scanned and
nothing else failed.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import anyio
import typer

from driftwatch import console, logs, monitor
from driftwatch.registry import (
    Registry,
    ServerSpec,
    Transport,
    display_url,
    dump_entries,
    literal_secret_keys,
    load_registry,
    parse_registry,
    read_config_file,
    slug,
)
from driftwatch.settings import ConfigError, Settings, load_settings
from driftwatch.severity import Severity
from driftwatch.store import Store
from driftwatch.store.database import make_engine, schema_status, upgrade

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_UNSCANNED = 0, 1, 2, 3

app = typer.Typer(
    help="Watch the MCP servers your agents use: detect rug pulls and tool poisoning, page the owner.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
servers_app = typer.Typer(help="The registry of watched servers.", no_args_is_help=True)
db_app = typer.Typer(help="The database.", no_args_is_help=True)
app.add_typer(servers_app, name="servers")
app.add_typer(db_app, name="db")


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class _State:
    config: Path | None = None
    settings: Settings | None = None


state = _State()


def settings() -> Settings:
    if state.settings is None:
        state.settings = load_settings(state.config)
        logs.configure(state.settings.log_level, state.settings.log_format)
    return state.settings


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    console.stderr().print(console.safe(f"error: {message}", "red"))
    raise typer.Exit(code)


@app.callback()
def main_options(
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="YAML config file (or DRIFTWATCH_CONFIG).")
    ] = None,
) -> None:
    state.config = config
    state.settings = None


def parse_severity(text: str) -> Severity:
    try:
        return Severity.parse(text)
    except ValueError as exc:
        fail(str(exc))


@app.command()
def scan(
    server: Annotated[
        list[str] | None, typer.Option("--server", "-s", help="Only this server (repeatable).")
    ] = None,
    url: Annotated[
        list[str] | None,
        typer.Option("--url", help="Scan a server that is not in the registry (repeatable)."),
    ] = None,
    transport: Annotated[
        str | None, typer.Option(help="Transport for --url: streamable_http (default) or sse.")
    ] = None,
    output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
    fail_on: Annotated[
        str, typer.Option(help="Exit 1 on drift or findings at or above this severity.")
    ] = "high",
) -> None:
    """Scan the registered servers (or --url ones) once: store, diff against baselines, detect."""
    threshold = parse_severity(fail_on)
    specs = _scan_targets(server or [], url or [], transport)
    store = Store.open(settings())
    try:
        results = anyio.run(monitor.scan, specs, settings(), store)
    finally:
        store.close()
    if output is OutputFormat.json:
        console.write_json(
            json.dumps({"servers": [r.to_json() for r in results]}, indent=2, ensure_ascii=False)
        )
    else:
        out = console.stdout()
        out.print(console.scan_table(results))
        for line in console.scan_errors(results):
            out.print(line)
    raise typer.Exit(_scan_exit_code(results, threshold))


def _scan_targets(names: list[str], urls: list[str], transport: str | None) -> list[ServerSpec]:
    if transport not in (None, "sse", "streamable_http"):
        fail(f"--transport must be sse or streamable_http, not {transport!r}")
    if urls:
        return [_adhoc_spec(u, transport) for u in urls] + (
            load_registry(settings()).select(names) if names else []
        )
    registry = load_registry(settings())
    if names:
        return registry.select(names)
    if not registry.servers:
        fail(f"no servers registered (registry: {settings().registry_path}); add some or use --url")
    return list(registry.servers)


def _adhoc_spec(url: str, transport: str | None) -> ServerSpec:
    """A registry entry for a URL given on the command line, named after where it points."""
    chosen: Transport = (
        "sse"
        if transport == "sse" or (transport is None and url.rstrip("/").endswith("/sse"))
        else "streamable_http"
    )
    name = slug(display_url(url).split("://", 1)[-1])
    try:
        return ServerSpec(name=name, transport=chosen, url=url)
    except ValueError as exc:
        fail(f"--url {display_url(url)}: {exc}")


def _scan_exit_code(results: list[monitor.ServerResult], fail_on: Severity) -> int:
    if any(r.drift and Severity.parse(r.drift["severity"]) >= fail_on for r in results):
        return EXIT_FINDINGS
    if any(Severity.parse(f["severity"]) >= fail_on for r in results for f in r.findings):
        return EXIT_FINDINGS
    if any(r.status != "ok" for r in results):
        return EXIT_UNSCANNED
    return EXIT_OK


@servers_app.command("list")
def servers_list(output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text) -> None:
    """List the registered servers (secrets stay references; URLs lose credentials)."""
    registry = load_registry(settings())
    if output is OutputFormat.json:
        entries = [
            {
                "name": s.name,
                "transport": s.transport,
                "target": s.target,
                "owner": s.owner.model_dump(),
                "tags": list(s.tags),
            }
            for s in registry.servers
        ]
        console.write_json(json.dumps({"servers": entries}, indent=2, ensure_ascii=False))
    else:
        console.stdout().print(console.servers_table(registry.servers))


@servers_app.command("import")
def servers_import(
    file: Annotated[
        Path, typer.Argument(help="Claude Desktop / Cursor / Windsurf / VS Code MCP config JSON.")
    ],
    replace: Annotated[bool, typer.Option(help="Replace registered servers of the same name.")] = False,
) -> None:
    """Add the servers of an `mcpServers` (or VS Code `servers`) JSON file to the registry."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        fail(f"cannot read {file}: {exc}")
    imported = parse_registry(data, source=str(file)).servers
    path = settings().registry_path
    existing = parse_registry(read_config_file(path), source=str(path)).servers if path.exists() else ()
    clashes = sorted({s.name for s in imported} & {s.name for s in existing})
    if clashes and not replace:
        fail(f"already registered: {', '.join(clashes)} (use --replace)")
    kept = [s for s in existing if s.name not in {i.name for i in imported}]
    merged = Registry(servers=(*kept, *imported))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_entries(merged.servers), encoding="utf-8")
    err = console.stderr()
    err.print(console.safe(f"imported {len(imported)} servers into {path}"))
    literal = literal_secret_keys(s.model_dump() for s in imported)
    if literal:
        err.print(
            console.safe(
                "note: these values are written literally, consider ${ENV} or ${file:/path} references: "
                + ", ".join(literal),
                "yellow",
            )
        )


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Apply database migrations (run once per release, e.g. as a Kubernetes Job)."""
    engine = make_engine(settings().database_url)
    try:
        upgrade(engine, revision)
        current, head = schema_status(engine)
    finally:
        engine.dispose()
    console.stderr().print(console.safe(f"database at revision {current} (head {head})"))


def main() -> None:
    """Console-script entry point: configuration errors become exit code 2 with one clear line."""
    try:
        app()
    except ConfigError as exc:
        console.stderr().print(console.safe(f"error: {exc}", "red"))
        raise SystemExit(EXIT_USAGE) from None
