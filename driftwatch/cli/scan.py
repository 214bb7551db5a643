"""`scan`, `check` and `run`: read servers (once, offline, or forever) and say what changed.

The scan pipeline (the mcp SDK, the store, the detectors, the daemon) is imported by the command
that runs it, not with the module: `scan --help` loads none of it. `scan` itself starts its first
stdio servers before it imports that pipeline, so the servers boot while driftwatch loads (issue
15; `_scan`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from driftwatch import console, heap, jsonout
from driftwatch.cli.app import EXIT_FINDINGS, EXIT_OK, EXIT_UNSCANNED, app, fail, open_store, settings
from driftwatch.cli.params import Format, fail_on_option, format_option, semantic_on, semantic_option
from driftwatch.cli.params import fail_on as parse_fail_on
from driftwatch.model import Finding, ObservationStatus, Severity

if TYPE_CHECKING:
    from driftwatch import monitor
    from driftwatch.manifest import Manifest
    from driftwatch.registry import Registry, ServerSpec


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
    output: Annotated[Format, format_option(Format.TEXT, Format.JSON, Format.SARIF)] = Format.TEXT,
    fail_on: Annotated[str, fail_on_option()] = "high",
    baseline_file: Annotated[
        Path | None,
        typer.Option(
            help="Compare with the baselines of this lock file instead of the database (stores nothing); "
            "a server missing from it fails the scan."
        ),
    ] = None,
    semantic: Annotated[bool, semantic_option()] = False,
) -> None:
    """Scan the registered servers (or --url ones) once: store, diff against baselines, detect."""
    threshold = parse_fail_on(fail_on)
    semantic_on(semantic)
    if output is Format.SARIF and baseline_file is None:
        fail(
            "scan --format sarif compares with a lock file: add --baseline-file "
            "(the database's drift events as SARIF: report --format sarif)"
        )
    heap.pause()  # what the scan loads lives as long as it: no collection until it is settled
    try:
        results = _run(server or [], url or [], transport, output, baseline_file)
    finally:
        heap.resume()
    if output is Format.JSON:
        console.write_stdout(jsonout.dumps_listing("servers", (r.to_json() for r in results), schema="scan"))
    elif output is Format.SARIF and baseline_file is not None:
        console.write_stdout(_lock_sarif(results, baseline_file))
    else:
        console.show(console.scan_view(results))
    code = _exit_code(results, threshold)
    if baseline_file is not None:
        code = _unlocked(results, baseline_file) or code
    raise typer.Exit(code)


def _run(
    names: list[str],
    urls: list[str],
    transport: str | None,
    output: Format,
    baseline_file: Path | None,
) -> list[monitor.ServerResult]:
    """The scan itself, once its options are checked: the servers of the registry (or at `urls`)."""
    import anyio

    from driftwatch import logs

    registry, specs = _targets(names, urls, transport)
    quiet = ("scan failed",) if output is Format.TEXT else ()  # the text output says why
    with logs.shown_elsewhere(*quiet):
        return anyio.run(_scan, registry, specs, baseline_file)


async def _scan(
    registry: Registry, specs: list[ServerSpec], baseline_file: Path | None
) -> list[monitor.ServerResult]:
    """Start the stdio servers the scan reads first, then load the pipeline while they boot.

    A stdio server takes about as long to boot as driftwatch takes to import the mcp SDK,
    SQLAlchemy and the detectors; started first, the two overlap. The processes are handed to the
    collector through ServerProcesses (collect/spawn.py imports neither), which also stops them
    all, taken or not, before this returns. Only as many start early as the scan reads at once.

    A scan that stores records first, in the audit log, the configuration it runs with when it
    differs from the last a scan recorded (audit.record_config).
    """
    from driftwatch.collect.spawn import ServerProcesses

    config = settings()
    async with ServerProcesses() as processes:
        await processes.start_early(specs[: config.concurrency])
        # The heavy imports block the event loop for about a second, which has nothing to do
        # meanwhile: the servers boot on their own, their first words wait in the pipes.
        from driftwatch import lockfile, monitor
        from driftwatch.auth.storage import auth_for, database_tokens
        from driftwatch.collect.client import Collector

        if baseline_file is not None:
            locked = lockfile.load(baseline_file)
            heap.settle()
            async with Collector(config, auth_for(), processes=processes).session() as collector:
                return await monitor.scan_against_lock(specs, config, locked, collector)
        with open_store() as store:
            from driftwatch import audit

            heap.settle()  # the pipeline is loaded: what lives now lives as long as the process

            with store.transaction() as session:
                audit.record_config(session, config, registry, "scan", datetime.now(UTC))
            auth = auth_for(database_tokens(store, config))
            async with Collector(config, auth, processes=processes).session() as collector:
                return await monitor.scan(specs, config, store, collector, eras_from_store=True)


def _targets(names: list[str], urls: list[str], transport: str | None) -> tuple[Registry, list[ServerSpec]]:
    """The registry, and the servers of it (or at `urls`) this scan reads."""
    from driftwatch.registry import load_registry

    registry = load_registry(settings())
    try:
        specs = registry.targets(names, urls, transport)
    except ValueError as exc:
        fail(str(exc))
    if not specs:
        fail(f"no servers registered (registry: {settings().registry_path}); add some or use --url")
    return registry, specs


def _lock_sarif(results: list[monitor.ServerResult], baseline_file: Path) -> str:
    """The scan as SARIF, each server's results at the line of its baseline (or of the tool
    concerned) in the lock."""
    from driftwatch import lockfile
    from driftwatch.report.sarif import LockedScan, lock_scan_sarif

    scans = [LockedScan(r.name, r.drift, r.changes, r.findings) for r in results]
    return lock_scan_sarif(scans, str(baseline_file), lockfile.lock_lines(baseline_file))


def _unlocked(results: list[monitor.ServerResult], baseline_file: Path) -> int:
    """CI fails closed: a scanned server the lock file has no approved baseline for is a failure."""
    from driftwatch import lockfile

    locked = lockfile.load(baseline_file)
    missing = sorted(r.name for r in results if r.name not in locked)
    if not missing:
        return EXIT_OK
    console.stderr().print(
        console.safe(f"error: no approved baseline in {baseline_file} for: {', '.join(missing)}", "red")
    )
    return EXIT_FINDINGS


def _exit_code(results: list[monitor.ServerResult], fail_on: Severity) -> int:
    if any(r.drift and r.drift.severity >= fail_on for r in results):
        return EXIT_FINDINGS
    if any(f.severity >= fail_on for r in results for f in r.findings):
        return EXIT_FINDINGS
    if any(r.status is not ObservationStatus.OK for r in results):
        return EXIT_UNSCANNED
    return EXIT_OK


@app.command()
def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Manifest files: a tools/list result, a list of tools, "
            "or a full manifest as driftwatch exports it."
        ),
    ],
    output: Annotated[Format, format_option(Format.TEXT, Format.JSON, Format.SARIF)] = Format.TEXT,
    fail_on: Annotated[str, fail_on_option()] = "high",
    semantic: Annotated[bool, semantic_option()] = False,
) -> None:
    """Run the poisoning detectors on manifest files or lock files, offline: no server is contacted."""
    from driftwatch.detect import detect

    threshold = parse_fail_on(fail_on)
    semantic_on(semantic)
    checked = [target for path in files for target in _check_targets(path)]
    overrides = settings().overrides
    findings = [
        (path, server, f) for path, server, manifest in checked for f in overrides.findings(detect(manifest))
    ]
    if output is Format.JSON:
        document = {
            "files": len(files),
            "items": sum(len(list(m.items())) for _, _, m in checked),
            "findings": [
                {"file": str(path), "server": server, **f.to_json()} for path, server, f in findings
            ],
        }
        console.write_stdout(jsonout.dumps(jsonout.document("check", document)))
    elif output is Format.SARIF:
        console.write_stdout(_check_sarif(findings))
    else:
        shown = [(f"{path} ({server})" if server else str(path), f) for path, server, f in findings]
        from driftwatch.report.terminal import findings_renderable

        console.show(findings_renderable(shown))
    raise typer.Exit(EXIT_FINDINGS if any(f.severity >= threshold for _, _, f in findings) else EXIT_OK)


def _check_sarif(findings: list[tuple[Path, str | None, Finding]]) -> str:
    """`check`'s findings as SARIF: a lock file's at the line of the tool (or the server's
    baseline) it concerns."""
    from driftwatch import lockfile
    from driftwatch.report.sarif import FileFinding, findings_sarif

    lines = {path: lockfile.lock_lines(path) for path in {p for p, server, _ in findings if server}}
    return findings_sarif(
        [
            FileFinding(str(path), f, server, lines[path].line(server, f.kind, f.name) if server else 1)
            for path, server, f in findings
        ]
    )


def _check_targets(path: Path) -> list[tuple[Path, str | None, Manifest]]:
    """The manifests of one file: a manifest file, or every server of a lock file."""
    from driftwatch import lockfile
    from driftwatch.detect.files import load_manifest_file

    try:
        if lockfile.is_lock_file(path):
            return [(path, name, locked.manifest) for name, locked in lockfile.load(path).items()]
        return [(path, None, load_manifest_file(path))]
    except (OSError, ValueError) as exc:
        fail(f"{path}: {exc}")


@app.command()
def run() -> None:
    """The daemon: scan every server on its schedule, alert, serve /healthz /readyz /metrics."""
    from driftwatch import daemon

    raise typer.Exit(daemon.run(settings()))
