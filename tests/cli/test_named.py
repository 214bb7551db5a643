"""A command line that names its command first builds only that command (cli/app.py `named`).

typer reads the signature of every command function before it runs one; `main` hands it an app
holding only the command or group the command line names, so a `scan` does not pay for the ~80
others before it can start its first server (issue 15). These tests run `main` in this process
and record whose signatures typer read; the twins show that a command line naming no command
still gets the whole app, help and errors included.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest
import typer.main
from typer.utils import get_params_from_function

from driftwatch.cli import main


def _run(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[set[str], int]:
    """Run `driftwatch ARGS` in-process: the modules of the functions whose signatures typer
    read, and the exit code."""
    read: set[str] = set()

    def recording(callback: Callable[..., Any]) -> Any:
        read.add(f"{callback.__module__}.{callback.__name__}")
        return get_params_from_function(callback)

    monkeypatch.setattr(typer.main, "get_params_from_function", recording)
    monkeypatch.setattr(sys, "argv", ["driftwatch", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return read, int(exited.value.code or 0)


def _commands(read: set[str]) -> set[str]:
    """The command functions among them (not the global options' nor typer's own callbacks)."""
    return {name for name in read if name.startswith("driftwatch.cli.") and ".cli.app." not in name}


def test_a_named_group_builds_only_that_group(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    read, code = _run(monkeypatch, "window", "--help")
    assert code == 0
    assert "list" in capsys.readouterr().out
    assert {name.rsplit(".", 1)[0] for name in _commands(read)} == {"driftwatch.cli.windows"}


def test_a_named_command_builds_only_that_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    read, code = _run(monkeypatch, "scan", "--format", "xml")
    assert code == 2  # the usage error, as the whole app gives it
    assert "--format is one of text, json, sarif, not 'xml'" in capsys.readouterr().err
    assert _commands(read) == {"driftwatch.cli.scan.scan"}


def test_help_still_builds_and_lists_every_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    read, code = _run(monkeypatch, "--help")
    assert code == 0
    out = capsys.readouterr().out
    assert all(name in out for name in ("scan", "check", "window", "server", "db"))
    assert {"driftwatch.cli.scan.scan", "driftwatch.cli.windows.window_list"} <= read


@pytest.mark.parametrize("args", [("--config", "nowhere.yaml", "window", "--help"), ("windw", "list")])
def test_a_line_not_naming_its_command_first_gets_the_whole_app(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    """A global option first, or a misspelt command (typer suggests the right one)."""
    read, code = _run(monkeypatch, *args)
    assert "driftwatch.cli.scan.scan" in read
    if args[0] == "windw":
        assert code == 2
        assert "window" in capsys.readouterr().err
    else:
        assert code == 0
