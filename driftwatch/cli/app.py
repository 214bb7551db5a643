"""The `driftwatch` command: the typer app, its groups, global options, and the exit codes.

The CLI is thin: each command parses (params.py), calls the layers, prints (driftwatch.console,
the one JSON writer driftwatch.jsonout) and picks an exit code. Exit codes are decided here, in
one place (`exit_code_for` for errors; docs/contract.md for `scan` and `check`): 0 nothing at or
above `--fail-on`; 1 drift or findings at or above it; 2 usage or configuration error (the one
line says which); 3 some servers could not be scanned and nothing else failed.

Command groups are singular nouns (`server`, `window`, `baseline`, `suppression`, `auth`, `db`);
`servers` and `suppress` are hidden aliases kept for one release.

Every command line imports this whole package before it runs, `--help` included, so the command
modules import at the top only typer, the console and the plain words (model, errors); each command
imports the layers it uses (settings, the store, the mcp SDK, the detectors) inside its function.
`driftwatch --help` then starts about as fast as typer itself; tests/cli/test_startup.py names what
each command may not load.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.main import get_command_name
from typer.models import CommandInfo

from driftwatch import console
from driftwatch.errors import DriftwatchError

if TYPE_CHECKING:
    from driftwatch.settings import Settings
    from driftwatch.store import Store

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_UNSCANNED = 0, 1, 2, 3


class _Group(TyperGroup):
    """The top-level group: an error of driftwatch's raised by any command becomes one line and its
    exit code here, so an in-process runner (typer's CliRunner) sees what the installed command
    prints, not an exception."""

    def invoke(self, ctx: Any) -> Any:  # typer's own click Context; its type is private
        try:
            return super().invoke(ctx)
        except DriftwatchError as exc:
            _error_line(exc)
            raise typer.Exit(exit_code_for(exc)) from None


app = typer.Typer(
    cls=_Group,
    help="Watch the MCP servers your agents use: detect rug pulls and tool poisoning, page the owner.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # click's plain help: typer's boxed help imports rich.markdown and more (0.1 s)
)


def group(name: str, help_text: str, *, alias: str | None = None) -> typer.Typer:
    """A command group under `name` (and, hidden, under its old `alias`)."""
    sub = typer.Typer(help=help_text, no_args_is_help=True, rich_markup_mode=None)
    app.add_typer(sub, name=name)
    if alias is not None:
        app.add_typer(sub, name=alias, hidden=True)
    return sub


server_app = group("server", "The registry of watched servers.", alias="servers")
baseline_app = group("baseline", "Approved baselines as files (GitOps).")
suppression_app = group("suppression", "Recorded false positives of the detectors.", alias="suppress")
window_app = group("window", "Ad-hoc change windows: drift inside one notifies instead of paging.")
config_app = group("config", "The configuration: settings, registry, alert channels.")
silence_app = group("silence", "Silences: notifications held for matching drift (never its evaluation).")
auth_app = group("auth", "OAuth credentials of remote servers.")
db_app = group("db", "The database.")
audit_app = group("audit", "The audit log: a hash-chained record of approvals, drift, windows and changes.")
policy_app = group("policy", "Approvals enforced: the approved servers and tools as client configuration.")


class _State:
    config: Path | None = None
    settings: Settings | None = None


state = _State()


def settings() -> Settings:
    """The settings, loaded once per command (from --config, the environment, defaults)."""
    if state.settings is None:
        from driftwatch import logs
        from driftwatch.settings import load_settings

        state.settings = load_settings(state.config)
        logs.configure(state.settings.log_level, state.settings.log_format)
    return state.settings


def _version(asked: bool) -> None:
    if asked:
        from driftwatch import __version__

        console.write_stdout(f"driftwatch {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="YAML config file (or DRIFTWATCH_CONFIG).")
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    state.config = config
    state.settings = None


@contextmanager
def open_store() -> Iterator[Store]:
    from driftwatch.store import Store

    store = Store.open(settings())
    try:
        yield store
    finally:
        store.close()


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """One red line on stderr, then the exit code."""
    console.stderr().print(console.safe(f"error: {message}", "red"))
    raise typer.Exit(code)


def exit_code_for(error: BaseException) -> int:
    """The exit code of an error that reached the top: every branch of driftwatch.errors that a
    command can meet is the person's to fix (exit 2); anything else is a bug and propagates."""
    if isinstance(error, DriftwatchError):
        return EXIT_USAGE
    raise error


def main() -> None:
    """Console-script entry point: an error of driftwatch's becomes one clear line and its exit code."""
    try:
        named(sys.argv[1:2])()
    except DriftwatchError as exc:  # raised outside a command (the group maps those inside)
        _error_line(exc)
        raise SystemExit(exit_code_for(exc)) from None


def named(first: list[str]) -> typer.Typer:
    """The app as a command line starting with `first` needs it: only the command or group it
    names, when it names one.

    typer builds every command of the app before it runs one, reading the signature of each of
    the ~80 command functions (their annotations evaluated): ~40 ms of CPU at every start, before
    `scan` can start its first server (issue 15). A command line that names its command first
    gets an app holding only that command (and the global options), which runs it, and shows its
    help and its usage errors, exactly as the whole app would; any other (`--help`, a global
    option first, a name that is no command) gets the whole app.
    """
    if not first:
        return app
    commands = [c for c in app.registered_commands if _command_name(c) == first[0]]
    groups = [g for g in app.registered_groups if g.name == first[0]]
    if not commands and not groups:
        return app
    only = copy.copy(app)
    only.registered_commands, only.registered_groups = commands, groups
    return only


def _command_name(command: CommandInfo) -> str | None:
    """The name typer gives `command` (its own rule, typer.main.get_command_name)."""
    if command.name:
        return command.name
    return None if command.callback is None else get_command_name(command.callback.__name__)


def _error_line(exc: DriftwatchError) -> None:
    console.stderr().print(console.safe(f"error: {exc}", "red"))
