"""The `driftwatch` command. Thin: parse, call the layers, print, pick the exit code.

Exit codes for `scan` and `check` (docs/contract.md): 0 nothing at or above `--fail-on`; 1 drift or
findings at or above it; 2 usage or configuration error; 3 some servers could not be scanned and
nothing else failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import anyio
import typer

from driftwatch import approval as approval_service
from driftwatch import console, daemon, drift, importer, jsonout, lockfile, logs, monitor, redact, report
from driftwatch import login as auth_login_flow
from driftwatch.auth import custody
from driftwatch.auth import storage as auth_storage
from driftwatch.detect import detect
from driftwatch.detect.files import load_manifest_file
from driftwatch.errors import CollectError, ConfigError, LoginError
from driftwatch.manifest import Manifest
from driftwatch.model import JSONObject, Severity
from driftwatch.registry import (
    Registry,
    ServerSpec,
    Transport,
    display_url,
    load_registry,
    slug,
)
from driftwatch.settings import Settings, load_settings, parse_duration
from driftwatch.store import Store, prune, suppressions
from driftwatch.store import events as events_store
from driftwatch.store import windows as windows_store
from driftwatch.store.database import make_engine, schema_status, upgrade
from driftwatch.store.history import ServerHistory, load_histories
from driftwatch.store.manifests import load_manifests

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_UNSCANNED = 0, 1, 2, 3

app = typer.Typer(
    help="Watch the MCP servers your agents use: detect rug pulls and tool poisoning, page the owner.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
servers_app = typer.Typer(help="The registry of watched servers.", no_args_is_help=True)
db_app = typer.Typer(help="The database.", no_args_is_help=True)
baseline_app = typer.Typer(help="Approved baselines as files (GitOps).", no_args_is_help=True)
app.add_typer(servers_app, name="servers")
app.add_typer(db_app, name="db")
app.add_typer(baseline_app, name="baseline")
suppress_app = typer.Typer(help="Recorded false positives of the detectors.", no_args_is_help=True)
app.add_typer(suppress_app, name="suppress")
auth_app = typer.Typer(help="OAuth credentials of remote servers.", no_args_is_help=True)
app.add_typer(auth_app, name="auth")
window_app = typer.Typer(
    help="Ad-hoc change windows: drift inside one notifies instead of paging.", no_args_is_help=True
)
app.add_typer(window_app, name="window")


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


FAIL_ON_HELP = (
    "Exit 1 on drift or findings at or above this severity: critical, high, medium, low, info, "
    "or `any` (any drift or finding at all)."
)


def parse_fail_on(text: str) -> Severity:
    """`--fail-on`: a severity, or `any` (the lowest: every drift and finding counts)."""
    return Severity.INFO if text.strip().lower() == "any" else parse_severity(text)


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
    fail_on: Annotated[str, typer.Option(help=FAIL_ON_HELP)] = "high",
    baseline_file: Annotated[
        Path | None,
        typer.Option(
            help="Compare with the baselines of this lock file instead of the database (stores nothing); "
            "a server missing from it fails the scan."
        ),
    ] = None,
) -> None:
    """Scan the registered servers (or --url ones) once: store, diff against baselines, detect."""
    threshold = parse_fail_on(fail_on)
    specs = _scan_targets(server or [], url or [], transport)
    quiet = ("scan failed",) if output is OutputFormat.text else ()  # the text output says why
    with logs.shown_elsewhere(*quiet):
        if baseline_file is not None:
            results = anyio.run(monitor.scan_against_lock, specs, settings(), lockfile.load(baseline_file))
        else:
            with _store() as store:
                results = anyio.run(monitor.scan, specs, settings(), store)
    if output is OutputFormat.json:
        console.write_stdout(jsonout.dumps({"servers": [r.to_json() for r in results]}))
    else:
        console.show(console.scan_view(results))
    code = _scan_exit_code(results, threshold)
    if baseline_file is not None:
        code = _unlocked(results, baseline_file) or code
    raise typer.Exit(code)


def _unlocked(results: list[monitor.ServerResult], baseline_file: Path) -> int:
    """CI fails closed: a scanned server the lock file has no approved baseline for is a failure."""
    locked = lockfile.load(baseline_file)
    missing = sorted(r.name for r in results if r.name not in locked)
    if not missing:
        return EXIT_OK
    console.stderr().print(
        console.safe(f"error: no approved baseline in {baseline_file} for: {', '.join(missing)}", "red")
    )
    return EXIT_FINDINGS


def _scan_targets(names: list[str], urls: list[str], transport: str | None) -> list[ServerSpec]:
    if transport not in (None, "sse", "streamable_http"):
        fail(f"--transport must be sse or streamable_http, not {transport!r}")
    registry = load_registry(settings())
    if urls:
        return [_adhoc_spec(u, transport, registry) for u in urls] + (registry.select(names) if names else [])
    if names:
        return registry.select(names)
    if not registry.servers:
        fail(f"no servers registered (registry: {settings().registry_path}); add some or use --url")
    return list(registry.servers)


def _adhoc_spec(url: str, transport: str | None, registry: Registry) -> ServerSpec:
    """The registered server at a URL given on the command line (with its auth), or an entry for
    it named after where it points."""
    registered = registry.at_url(url)
    if registered is not None and transport in (None, registered.transport):
        return registered
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
    if any(r.drift and r.drift.severity >= fail_on for r in results):
        return EXIT_FINDINGS
    if any(f.severity >= fail_on for r in results for f in r.findings):
        return EXIT_FINDINGS
    if any(r.status != "ok" for r in results):
        return EXIT_UNSCANNED
    return EXIT_OK


@contextmanager
def _store() -> Iterator[Store]:
    store = Store.open(settings())
    try:
        yield store
    finally:
        store.close()


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"


@app.command()
def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Manifest files: a tools/list result, a list of tools, "
            "or a full manifest as driftwatch exports it."
        ),
    ],
    output: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.text,
    fail_on: Annotated[str, typer.Option(help=FAIL_ON_HELP)] = "high",
) -> None:
    """Run the poisoning detectors on manifest files or lock files, offline: no server is contacted."""
    threshold = parse_fail_on(fail_on)
    checked = [target for path in files for target in _check_targets(path)]
    findings = [(path, server, f) for path, server, manifest in checked for f in detect(manifest)]
    if output is CheckFormat.json:
        document = {
            "files": len(files),
            "items": sum(len(list(m.items())) for _, _, m in checked),
            "findings": [
                {"file": str(path), "server": server, **f.to_json()} for path, server, f in findings
            ],
        }
        console.write_stdout(jsonout.dumps(document))
    elif output is CheckFormat.sarif:
        console.write_stdout(report.findings_sarif([(str(path), f) for path, _, f in findings]))
    else:
        shown = [(f"{path} ({server})" if server else str(path), f) for path, server, f in findings]
        console.show(report.findings_renderable(shown))
    raise typer.Exit(EXIT_FINDINGS if any(f.severity >= threshold for _, _, f in findings) else EXIT_OK)


def _check_targets(path: Path) -> list[tuple[Path, str | None, Manifest]]:
    """The manifests of one file: a manifest file, or every server of a lock file."""
    try:
        if lockfile.is_lock_file(path):
            return [(path, name, locked.manifest) for name, locked in lockfile.load(path).items()]
        return [(path, None, load_manifest_file(path))]
    except (OSError, ValueError) as exc:
        fail(f"{path}: {exc}")


@app.command()
def approve(
    server: Annotated[str, typer.Argument(help="The server whose manifest to approve.")],
    by: Annotated[str, typer.Option("--by", help="Who approves (recorded in the audit trail).")],
    reason: Annotated[str, typer.Option("--reason", help="Why this manifest is trusted.")],
    ref: Annotated[
        str | None,
        typer.Option("--hash", help="The manifest to approve: `latest` (default) or a hash prefix."),
    ] = None,
    ticket: Annotated[str | None, typer.Option(help="Change ticket, e.g. CHG-1234.")] = None,
) -> None:
    """Approve the server's latest (or given) manifest as its baseline; closes its drift events."""
    registry = load_registry(settings())
    with _store() as store:
        approval = approval_service.approve(
            store,
            settings(),
            registry,
            server,
            ref=ref,
            by=by,
            reason=reason,
            ticket=ticket,
            now=datetime.now(UTC),
        )
    err = console.stderr()
    err.print(console.safe(f"approved {approval.manifest_hash} as the baseline of {server}"))
    for event in approval.closed:
        err.print(console.safe(f"drift event {event.id} closed as {event.state}"))
    if (opened := approval.opened) is not None:
        err.print(
            console.safe(
                f"the server currently shows {opened.observed_hash[:19]}: drift event {opened.id} "
                f"({opened.severity}) tracks the difference",
                "yellow",
            )
        )


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
def diff(
    server: Annotated[str, typer.Argument()],
    from_ref: Annotated[
        str | None, typer.Option("--from", help="`baseline` (default), `latest` or a hash prefix.")
    ] = None,
    to_ref: Annotated[
        str | None, typer.Option("--to", help="`latest` (default), `baseline` or a hash prefix.")
    ] = None,
    output: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.text,
    full: Annotated[
        bool, typer.Option("--full", help="Show added and removed items whole, not as a digest.")
    ] = False,
) -> None:
    """The classified changes between two manifests a server showed: a summary, then the changes."""
    with _store() as store, store.transaction() as session:
        before, after, changes = drift.diff_refs(session, server, from_ref, to_ref)
        findings = drift.diff_findings(session, server, after, changes)
    if output is DiffFormat.json:
        as_json = [c.to_json() for c in changes]
        console.write_stdout(
            jsonout.dumps({"server": server, "from": before, "to": after, "changes": as_json})
        )
    elif output is DiffFormat.markdown:
        console.write_stdout(report.diff_markdown(server, before, after, list(changes), findings, full=full))
    else:
        console.show(report.diff_renderable(server, before, after, list(changes), findings, full=full))


@app.command()
def history(
    server: Annotated[str, typer.Argument()],
    output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
) -> None:
    """Observations, baselines and drift events of a server, oldest first."""
    with _store() as store, store.transaction() as session:
        events_store.server_by_name(session, server)
        [found] = load_histories(session, [server], since=None)
    if output is OutputFormat.json:
        console.write_stdout(jsonout.dumps(found.to_json()))
    else:
        console.show(report.history_renderable(found))


class ReportFormat(StrEnum):
    html = "html"
    markdown = "markdown"
    json = "json"
    sarif = "sarif"


@app.command("report")
def report_command(
    output: Annotated[ReportFormat, typer.Option("--format", "-f")],
    since: Annotated[str, typer.Option(help="The period, back from now: 30d, 12h, …")] = "30d",
    server: Annotated[
        list[str] | None, typer.Option("--server", "-s", help="Only this server (repeatable).")
    ] = None,
    out: Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
) -> None:
    """A historical diff report: per server, observations, drift events, approvals and diffs."""
    try:
        start = datetime.now(UTC) - parse_duration(since)
    except ValueError as exc:
        fail(str(exc))
    with _store() as store, store.transaction() as session:
        histories = load_histories(session, server or None, since=start)
    _known_servers(server, histories)
    text = report.render_report(histories, since=start, generated_at=datetime.now(UTC), fmt=output.value)
    if out is None:
        console.write_stdout(text)
    else:
        _write_atomically(out, text)
        console.stderr().print(console.safe(f"wrote {out}"))


def _known_servers(asked: list[str] | None, histories: list[ServerHistory]) -> None:
    """`--server NAME` that the database has never seen is a mistake, not an empty answer."""
    unknown = sorted(set(asked or ()) - {h.name for h in histories})
    if unknown:
        fail(f"no such server in the database (never scanned): {', '.join(unknown)}")


def _write_atomically(path: Path, text: str) -> None:
    """Write `path` whole or not at all: a temporary file beside it, then a rename."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
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
    with _store() as store, store.transaction() as session:
        histories = load_histories(session, server or None, since=None)
        _known_servers(server, histories)
        approved = {h.name: h.baseline for h in histories if h.baseline is not None}
        manifests = load_manifests(session, [b.manifest_hash for b in approved.values()])
    left_out = sorted(h.name for h in histories if h.baseline is None)
    if left_out:
        console.stderr().print(
            console.safe(f"left out (no approved baseline): {', '.join(left_out)}", "yellow")
        )
    if not approved:
        fail("nothing is approved: no lock file written (approve servers first)", EXIT_FINDINGS)
    locked = [
        lockfile.LockedBaseline(
            server=name,
            manifest=manifests[b.manifest_hash],
            approved_by=b.approved_by,
            approved_at=b.approved_at.isoformat(),
            reason=b.reason,
            ticket=b.ticket,
        )
        for name, b in approved.items()
    ]
    if out is None:
        console.write_stdout(lockfile.dumps(locked).rstrip("\n"))
    else:
        _write_atomically(out, lockfile.dumps(locked))
        console.stderr().print(console.safe(f"wrote {len(locked)} baselines to {out}"))


@app.command()
def run() -> None:
    """The daemon: scan every server on its schedule, alert, serve /healthz /readyz /metrics."""
    raise typer.Exit(daemon.run(settings()))


@window_app.command("open")
def window_open(
    duration: Annotated[str, typer.Option("--for", help="How long: 30m, 2h, 1d.")],
    by: Annotated[str, typer.Option("--by", help="Who opens it.")],
    server: Annotated[str | None, typer.Argument(help="The server (or --all).")] = None,
    all_servers: Annotated[bool, typer.Option("--all", help="A window for every server.")] = False,
    reason: Annotated[str | None, typer.Option(help="Why drift is expected.")] = None,
    ticket: Annotated[str | None, typer.Option(help="Change ticket, e.g. CHG-1234.")] = None,
) -> None:
    """Open an ad-hoc change window: drift in it notifies instead of paging."""
    if (server is None) == (not all_servers):
        fail("name one server, or --all")
    try:
        length = parse_duration(duration, unit_required=True)
    except ValueError as exc:
        fail(str(exc))
    now = datetime.now(UTC)
    with _store() as store, store.transaction() as session:
        target = events_store.server_by_name(session, server) if server else None
        window = windows_store.add_window(
            session, target, duration=length, by=by, reason=reason, ticket=ticket, now=now
        )
        ends = window.ends_at
    console.stderr().print(
        console.safe(
            f"change window {window.id} open for {server or 'all servers'} until {ends:%Y-%m-%d %H:%M} UTC"
        )
    )


@window_app.command("list")
def window_list(output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text) -> None:
    """Change windows open now (ad-hoc ones; recurring ones are in the registry)."""
    with _store() as store, store.transaction() as session:
        rows = [
            {
                "id": w.id,
                "server": name,
                "opened_by": w.opened_by,
                "reason": w.reason,
                "ticket": w.ticket,
                "starts_at": w.starts_at.isoformat(),
                "ends_at": w.ends_at.isoformat(),
            }
            for w, name in windows_store.active_windows(session, datetime.now(UTC))
        ]
    if output is OutputFormat.json:
        console.write_stdout(jsonout.dumps({"windows": rows}))
    else:
        console.show(console.windows_table(rows))


@window_app.command("close")
def window_close(
    window_id: Annotated[int, typer.Argument(help="The window's id (see `window list`).")],
    by: Annotated[str, typer.Option("--by", help="Who closes it.")] = "cli",
) -> None:
    """Close an ad-hoc change window before it expires."""
    with _store() as store, store.transaction() as session:
        windows_store.close_window(session, window_id, by, datetime.now(UTC))
    console.stderr().print(console.safe(f"change window {window_id} closed"))


@suppress_app.command("add")
def suppress_add(
    server: Annotated[str, typer.Argument()],
    rule: Annotated[str, typer.Option(help="The finding's rule.")],
    item: Annotated[str, typer.Option(help="The finding's item as `kind:name`, e.g. tool:add_note.")],
    evidence_hash: Annotated[str, typer.Option(help="The finding's `evidence_hash` (scan --format json).")],
    by: Annotated[str, typer.Option("--by", help="Who decided it is a false positive.")],
    reason: Annotated[str, typer.Option(help="Why.")],
    duration: Annotated[
        str | None, typer.Option("--for", help="Expire after: 30d, 12h (default: never).")
    ] = None,
) -> None:
    """Record a false positive: this finding stops firing (the same rule on other text still fires)."""
    try:
        length = parse_duration(duration) if duration else None
    except ValueError as exc:
        fail(str(exc))
    with _store() as store, store.transaction() as session:
        added = suppressions.add(
            session,
            events_store.server_by_name(session, server),
            rule=rule,
            item=item,
            evidence_hash=evidence_hash,
            by=by,
            reason=reason,
            now=datetime.now(UTC),
            duration=length,
        )
        suppression_id = added.id
    console.stderr().print(console.safe(f"suppression {suppression_id} recorded"))


@suppress_app.command("list")
def suppress_list(
    output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
) -> None:
    """Suppressions in force."""
    with _store() as store, store.transaction() as session:
        rows = [
            {
                "id": s.id,
                "server": name,
                "rule": s.rule,
                "item": s.item,
                "evidence_hash": s.evidence_hash,
                "by": s.created_by,
                "reason": s.reason,
                "expires_at": s.expires_at.isoformat() if s.expires_at else None,
            }
            for s, name in suppressions.active(session, datetime.now(UTC))
        ]
    if output is OutputFormat.json:
        console.write_stdout(jsonout.dumps({"suppressions": rows}))
    else:
        console.show(console.rows_table("suppressions in force", rows))


@suppress_app.command("remove")
def suppress_remove(suppression_id: Annotated[int, typer.Argument()]) -> None:
    """Remove a suppression: its finding fires again."""
    with _store() as store, store.transaction() as session:
        suppressions.remove(session, suppression_id, datetime.now(UTC))
    console.stderr().print(console.safe(f"suppression {suppression_id} removed"))


@servers_app.command("list")
def servers_list(output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text) -> None:
    """List the registered servers (secrets stay references; URLs lose credentials)."""
    registry = load_registry(settings())
    if not registry.servers:
        where = settings().registry_path
        why = "is empty" if where.exists() else "does not exist"
        hint = "set DRIFTWATCH_REGISTRY or --config"
        console.stderr().print(console.safe(f"no servers registered: {where} {why} ({hint})", "yellow"))
    if output is OutputFormat.json:
        entries = [
            {
                "name": s.name,
                "transport": s.transport,
                "target": s.target,
                "owner": _masked_owner(s.owner.model_dump()),
                "tags": list(s.tags),
            }
            for s in registry.servers
        ]
        console.write_stdout(jsonout.dumps({"servers": entries}))
    else:
        console.show(console.servers_table(registry.servers))


def _masked_owner(owner: JSONObject) -> JSONObject:
    """An owner block for output: a routing key written literally (not a `${REF}`) is masked."""
    key = owner.get("pagerduty_routing_key")
    if isinstance(key, str) and not key.startswith("${"):
        owner["pagerduty_routing_key"] = redact.MARKER
    return owner


@servers_app.command("import")
def servers_import(
    file: Annotated[
        Path, typer.Argument(help="Claude Desktop / Cursor / Windsurf / VS Code MCP config JSON.")
    ],
    replace: Annotated[bool, typer.Option(help="Replace registered servers of the same name.")] = False,
) -> None:
    """Add the servers of an `mcpServers` (or VS Code `servers`) JSON file to the registry.

    The registry keeps its comments; env and header values are written as `${NAME}` references
    (the variables to set are listed); a URL carrying credentials is refused; the file is mode 600.
    """
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


def _oauth_server(name: str) -> ServerSpec:
    spec = load_registry(settings()).select([name])[0]
    if spec.auth is None:
        fail(f"{name} has no `auth:` block in the registry")
    return spec


@auth_app.command("login")
def auth_login(
    name: Annotated[str, typer.Argument(metavar="SERVER")],
    browser: Annotated[bool, typer.Option(help="Open the authorization URL in a browser (BROWSER).")] = True,
    wait: Annotated[str, typer.Option(help="How long to wait for the authorization.")] = "5m",
) -> None:
    """Authorize driftwatch for SERVER once (authorization code + PKCE); the daemon then refreshes."""
    spec = _oauth_server(name)
    assert spec.auth is not None
    if spec.auth.flow != "authorization_code":
        fail(f"{name} uses the {spec.auth.flow} flow, which needs no login")
    err = console.stderr()

    def show(url: str) -> None:
        err.print(console.safe(f"Open this URL to authorize driftwatch for {name}:"))
        err.print(console.safe(url), soft_wrap=True)

    try:
        authorizer = auth_login_flow.LoopbackAuthorizer(
            spec.auth.redirect_port,  # fixed: a registered client's redirect URI must match the next login
            show=show,
            open_browser=browser,
            wait_seconds=parse_duration(wait).total_seconds(),
        )
        with _store() as store:
            collected = anyio.run(auth_login_flow.login, spec, settings(), store, authorizer)
    except (LoginError, CollectError, ValueError) as exc:
        fail(f"login to {name} failed: {exc}")
    err.print(console.safe(f"logged in: {name} shows {len(collected.manifest.tools)} tools; tokens stored"))


@auth_app.command("status")
def auth_status(
    name: Annotated[str, typer.Argument(metavar="SERVER")],
    output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
) -> None:
    """What is stored for SERVER: whether a token is, until when, refreshable, readable."""
    _oauth_server(name)
    with _store() as store:
        status = auth_storage.describe(store, settings(), name)
    if output is OutputFormat.json:
        console.write_stdout(jsonout.dumps(status))
        return
    out = console.stdout()
    for key, value in status.items():
        out.print(console.safe(f"{key.replace('_', ' ')}: {value}"))


@auth_app.command("logout")
def auth_logout(name: Annotated[str, typer.Argument(metavar="SERVER")]) -> None:
    """Delete what is stored for SERVER (the authorization server keeps its own grant until revoked)."""
    with _store() as store:
        forgotten = auth_storage.forget(store, name)
    console.stderr().print(
        console.safe(f"{name}: " + ("credentials deleted" if forgotten else "nothing stored"))
    )


@auth_app.command("new-key")
def auth_new_key() -> None:
    """Print a new key for DRIFTWATCH_SECRET_KEY (to rotate: NEW,OLD until every token is rewritten)."""
    console.write_stdout(custody.new_key())


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


@db_app.command("prune")
def db_prune(
    keep: Annotated[str, typer.Option(help="How much history to keep: 90d, 26w.")] = "90d",
) -> None:
    """Delete history older than --keep; baselines and the manifests they point to always stay."""
    try:
        cutoff = datetime.now(UTC) - parse_duration(keep)
    except ValueError as exc:
        fail(str(exc))
    with _store() as store, store.transaction() as session:
        pruned = prune.prune(session, cutoff)
    console.stderr().print(
        console.safe(
            f"pruned {pruned.observations} observations, {pruned.drift_events} drift events, "
            f"{pruned.alerts} alerts, {pruned.suppressions} suppressions, {pruned.manifests} manifests, "
            f"{pruned.items} items"
        )
    )


def main() -> None:
    """Console-script entry point: configuration errors become exit code 2 with one clear line."""
    try:
        app()
    except ConfigError as exc:
        console.stderr().print(console.safe(f"error: {exc}", "red"))
        raise SystemExit(EXIT_USAGE) from None
