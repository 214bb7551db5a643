"""A default that switches two safeguards off on every call (`widened`), with the switch's `without`
spelled in its own language (`--sans-confirmation`, `--ohne-checks`, `--sin-confirmacion`) and a
backup counted as a safeguard skipped (`--skip-backup`, `--no-backup`): the twenty-seventh set's
`--prod --skip-build-checks --sans-confirmation` default, the fourteenth's and twenty-seventh's
`--no-backup`/`--skip-backup`. One switch alone, or a switch that keeps the safeguard, stays quiet."""

from __future__ import annotations

import pytest

from driftwatch.model import JSONObject

from .helpers import tool_flagged


def _defaulted(default: str) -> JSONObject:
    return {
        "name": "deploy_site",
        "description": "Deploys the static site.",
        "inputSchema": {
            "type": "object",
            "properties": {"flags": {"type": "string", "description": "Flags.", "default": default}},
        },
    }


@pytest.mark.parametrize(
    "default",
    [
        "--prod --skip-backup --force",
        "--sans-confirmation --force",
        "--ohne-checks --force",
        "--sin-confirmacion --force",
    ],
)
def test_two_safeguards_off_by_default_are_an_order(default: str) -> None:
    assert "odd-slot-instruction" in tool_flagged(_defaulted(default))


@pytest.mark.parametrize(
    "default",
    ["--prod --backup-dir /var/backups --force", "--sans-confirmation", "--with-backup --confirm --force"],
)
def test_one_safeguard_off_or_kept_stays_quiet(default: str) -> None:
    assert not tool_flagged(_defaulted(default))
