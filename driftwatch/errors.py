"""Every error driftwatch raises on purpose, in one tree.

A caller that can do something about a failure catches its branch; the CLI maps the branches to
exit codes in one place (`driftwatch.cli.app.exit_code_for`), and anything outside the tree is a
bug. Every message is one line an operator can act on.

    DriftwatchError
    ├── ConfigError        the configuration (settings, registry, a command's arguments) is unusable
    │   ├── NotFoundError  a server, manifest, window or suppression the command names does not exist
    │   └── ConflictError  the command contradicts what is stored (already approved, already closed)
    ├── CollectError       a server could not be scanned (`error_class` says how)
    ├── DeliveryError      an alert channel did not take an alert
    ├── CustodyError       stored OAuth credentials cannot be read or written
    └── LoginError         the person's part of an OAuth login did not complete

`NotFoundError` and `ConflictError` are configuration errors because, to the person typing the
command, they are: the reference or the request needs changing (exit 2, as before).

A `CollectError` quotes what a server said (its stderr, a garbage line): the message is scrubbed of
secrets, made visible and shortened here, once, before it goes anywhere. Scrubbing comes first: a
secret cut in two by shortening would no longer be recognised, and its first half would leak.
"""

from __future__ import annotations

from enum import StrEnum

from driftwatch import redact
from driftwatch.visible import shorten, visible


class DriftwatchError(Exception):
    """The root: something driftwatch expected could go wrong did."""


class ConfigError(DriftwatchError):
    """The configuration (settings, registry, a reference) is unusable; the message says why."""


class NotFoundError(ConfigError):
    """What a command names (a server, a manifest, a window, a suppression) does not exist."""


class ConflictError(ConfigError):
    """The command contradicts the stored state (approving the baseline again, closing a closed window)."""


class ErrorClass(StrEnum):
    """How a scan failed: stored, counted in metrics, matched by alert rules."""

    CONFIG = "config"
    """The registry entry cannot be used (missing env var, command not found)."""
    CONNECT = "connect"
    """Nothing answered at the address, or the process could not be started."""
    TIMEOUT = "timeout"
    """A request or the whole scan took longer than allowed."""
    HTTP_STATUS = "http_status"
    """The server answered HTTP with an error status."""
    EXITED = "exited"
    """The stdio process ended before the scan finished."""
    PROTOCOL = "protocol"
    """The server spoke something other than MCP (garbage on stdout, bad JSON-RPC)."""
    MCP_ERROR = "mcp_error"
    """The server answered a request with a JSON-RPC error."""
    TOO_LARGE = "too_large"
    """The server sent more bytes or items than the caps allow."""
    AUTH = "auth"
    """The server refused our credentials."""
    STORE = "store"
    """What the server sent could not be written to the database."""
    INTERNAL = "internal"
    """A bug in driftwatch: the message says what, the traceback is logged."""


MAX_QUOTED = 64 * 1024
"""A message is read no further than this (a server can make one huge); scrubbing runs on it
whole, and any piece of a secret long enough to matter is still recognised at the cut."""


class CollectError(DriftwatchError):
    """A server scan failed; `error_class` says how, `message` says what to do about it."""

    def __init__(self, error_class: ErrorClass | str, message: str) -> None:
        self.error_class = ErrorClass(error_class)
        self.message = shorten(visible(redact.scrub(message[:MAX_QUOTED]), one_line=True), 600)
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.error_class}: {self.message}"


class DeliveryError(DriftwatchError):
    """The channel did not take the alert. `retry`: whether trying again later could help;
    `invalid`: the channel answered that this payload is invalid (a smaller one may pass)."""

    def __init__(self, message: str, *, retry: bool, invalid: bool = False) -> None:
        super().__init__(redact.scrub(message))
        self.retry = retry
        self.invalid = invalid and not retry


class CustodyError(DriftwatchError):
    """Stored credentials cannot be read or written; the message says what the operator must do."""


class LoginError(DriftwatchError):
    """The person's part of the flow did not complete; the message says why."""
