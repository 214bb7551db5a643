"""Parameter types every command shares: durations, severities and output formats.

One parser per kind of value, so `--since 30d`, `--for 2h`, `--keep 26w` and `--wait 5m` accept
the same words and fail with the same one line (exit 2); one `Format` enum, with each command
naming the subset it writes.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from typing import Any

import typer

from driftwatch.cli.app import fail
from driftwatch.model import Severity


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    SARIF = "sarif"


def format_option(*allowed: Format, help_text: str = "Output format.") -> Any:
    """`--format/-f`, accepting `allowed` only (and showing them in --help)."""

    def parse(value: str | Format) -> Format:
        if isinstance(value, Format):
            return value
        try:
            chosen = Format(value.strip().lower())
        except ValueError:
            chosen = None
        if chosen not in allowed:
            fail(f"--format is one of {', '.join(allowed)}, not {value!r}")
        return chosen

    choices = "[" + "|".join(allowed) + "]"
    return typer.Option("--format", "-f", parser=parse, metavar=choices, help=help_text, show_default=True)


def duration(value: str | timedelta) -> timedelta:
    """`30s`, `5m`, `1h30m`, `7d`, `26w`: a positive length of time."""
    if isinstance(value, timedelta):
        return value
    from driftwatch.settings import parse_duration  # pydantic: only for a command that takes one

    try:
        return parse_duration(value, unit_required=True)
    except ValueError as exc:
        fail(str(exc))


def duration_option(*names: str, help_text: str) -> Any:
    """An option taking a duration (parsed in the command with `duration`, so --help shows `30d`)."""
    return typer.Option(*names, metavar="DURATION", help=help_text)


def severity(value: str | Severity) -> Severity:
    if isinstance(value, Severity):
        return value
    try:
        return Severity.parse(value)
    except ValueError as exc:
        fail(str(exc))


def fail_on(value: str | Severity) -> Severity:
    """`--fail-on`: a severity, or `any` (the lowest: every drift and finding counts)."""
    if isinstance(value, str) and value.strip().lower() == "any":
        return Severity.INFO
    return severity(value)


FAIL_ON_HELP = (
    "Exit 1 on drift or findings at or above this severity: critical, high, medium, low, info, "
    "or `any` (any drift or finding at all)."
)


def fail_on_option() -> Any:
    """`--fail-on` (parsed in the command with `fail_on`, so --help shows `high`)."""
    return typer.Option(metavar="SEVERITY", help=FAIL_ON_HELP)


def semantic_option() -> Any:
    """`--semantic`: read with the optional semantic layer too (one-shot commands opt in: it costs
    30 to 65 ms of CPU per chunk of text the rules did not flag)."""
    return typer.Option(
        "--semantic",
        help="Also read with the semantic layer (the extra driftwatch[semantic]; slower: docs/semantic.md).",
    )


def semantic_on(wanted: bool) -> None:
    """Turn the semantic layer on for this command when `wanted`; without the extra, one line, exit 2.
    Off otherwise, whatever `semantic_detection` says: that setting is the daemon's."""
    from driftwatch import semantic_switch
    from driftwatch.errors import ConfigError

    try:
        semantic_switch.choose("on" if wanted else "off")
    except ConfigError as exc:
        fail(str(exc))
