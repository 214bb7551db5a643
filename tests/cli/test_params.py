"""The CLI's shared parameters and exit codes, in process (typer's CliRunner; no database)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import typer
from typer.testing import CliRunner

from driftwatch.cli import app, exit_code_for
from driftwatch.cli.app import EXIT_USAGE
from driftwatch.cli.params import Format, duration, fail_on
from driftwatch.errors import CollectError, ConfigError, ConflictError, ErrorClass, NotFoundError
from driftwatch.model import Severity

runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30s", timedelta(seconds=30)), ("5m", timedelta(minutes=5)), ("1h30m", timedelta(minutes=90)),
     ("7d", timedelta(days=7)), ("26w", timedelta(weeks=26))],
)  # fmt: skip
def test_one_duration_parser(text: str, expected: timedelta) -> None:
    assert duration(text) == expected


@pytest.mark.parametrize("text", ["30", "zz", "-5m", ""])
def test_a_bad_duration_is_one_line_and_exit_2(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as raised:
        duration(text)
    assert raised.value.exit_code == EXIT_USAGE


def test_fail_on_takes_a_severity_or_any() -> None:
    assert fail_on("medium") is Severity.MEDIUM and fail_on(" HIGH ") is Severity.HIGH
    assert fail_on("any") is Severity.INFO
    with pytest.raises(typer.Exit):
        fail_on("loud")


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["report", "--format", "pdf"], "html, markdown, json, sarif"),
        (["diff", "s", "--format", "sarif"], "text, json, markdown"),
        (["check", "x.json", "-f", "html"], "text, json, sarif"),
        (["history", "s", "-f", "markdown"], "text, json"),
    ],
)
def test_each_command_accepts_its_own_formats(args: list[str], allowed: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == EXIT_USAGE
    assert f"--format is one of {allowed}" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_formats_are_one_enum() -> None:
    assert {str(f) for f in Format} == {"text", "json", "markdown", "html", "sarif"}


@pytest.mark.parametrize(
    "error",
    [
        ConfigError("bad"),
        NotFoundError("no such server"),
        ConflictError("already the baseline"),
        CollectError(ErrorClass.CONFIG, "command not found"),
    ],
)
def test_errors_map_to_exit_codes_in_one_place(error: Exception) -> None:
    assert exit_code_for(error) == EXIT_USAGE


def test_an_error_outside_the_tree_is_a_bug_and_propagates() -> None:
    with pytest.raises(KeyError):
        exit_code_for(KeyError("bug"))


@pytest.mark.parametrize(("new", "old"), [("server", "servers"), ("suppression", "suppress")])
def test_groups_are_singular_nouns_and_the_old_names_still_work(new: str, old: str) -> None:
    for name in (new, old):
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "list" in result.output
    commands = runner.invoke(app, ["--help"]).output.split("Commands", 1)[1]
    listed = {line.strip("│ ").split(" ", 1)[0] for line in commands.splitlines()}
    assert new in listed and old not in listed  # the alias is hidden
