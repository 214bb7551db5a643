"""The `driftwatch` command line: one module per command group, registered on one typer app.

app.py holds the app, the global options and the exit codes; params.py the parameter types every
command shares; the other modules one group each. Importing this package registers them all.
"""

from driftwatch.cli import (
    audit,
    auth,
    config,
    db,
    discover,
    policy,
    review,
    scan,
    servers,
    silences,
    suppressions,
    windows,
)
from driftwatch.cli.app import app, exit_code_for, main

__all__ = [
    "app",
    "audit",
    "auth",
    "config",
    "db",
    "discover",
    "exit_code_for",
    "main",
    "policy",
    "review",
    "scan",
    "servers",
    "silences",
    "suppressions",
    "windows",
]
