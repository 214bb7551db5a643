"""An error a command raises ends the same in process as from the installed command: one line, its
exit code (driftwatch.cli.app.exit_code_for), no exception left for the runner to report."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from driftwatch.cli import app
from driftwatch.cli.app import EXIT_USAGE

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["scan"], "does not exist"),  # ConfigError from the settings' registry
        (["server", "list"], "does not exist"),
        (["servers", "list"], "does not exist"),  # the hidden alias maps the same way
    ],
)
def test_a_configuration_error_in_a_command_is_exit_2_in_process(
    args: list[str], words: str, tmp_path: Path
) -> None:
    result = runner.invoke(app, args, env={"DRIFTWATCH_REGISTRY": str(tmp_path / "nope.yaml")})
    assert result.exit_code == EXIT_USAGE, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], lines


def test_a_usage_error_from_a_layer_is_exit_2_in_process(tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text("servers: []\n")
    env = {"DRIFTWATCH_REGISTRY": str(registry)}
    for args, words in [
        (["scan"], "no servers registered"),
        (["scan", "--transport", "pigeon", "--url", "http://x"], "--transport"),
    ]:
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == EXIT_USAGE, result.output
        assert result.output.startswith("error: ") and words in result.output, result.output
