"""Why a server could not be scanned, in words an on-call engineer can act on.

Each failure has a stable `error_class` (stored, counted in metrics, matched by alert rules) and a
message. Messages may quote what a server said (its stderr, a garbage line): they are made visible,
shortened and scrubbed of secrets here, once, before they go anywhere.
"""

from __future__ import annotations

from typing import Literal

from driftwatch import redact
from driftwatch.visible import shorten, visible

ErrorClass = Literal[
    "config",  # the registry entry cannot be used (missing env var, command not found)
    "connect",  # nothing answered at the address, or the process could not be started
    "timeout",  # a request or the whole scan took longer than allowed
    "http_status",  # the server answered HTTP with an error status
    "exited",  # the stdio process ended before the scan finished
    "protocol",  # the server spoke something other than MCP (garbage on stdout, bad JSON-RPC)
    "mcp_error",  # the server answered a request with a JSON-RPC error
    "too_large",  # the server sent more bytes or items than the caps allow
    "auth",  # the server refused our credentials
    "store",  # what the server sent could not be written to the database
    "internal",  # a bug in driftwatch: the message says what, the traceback is logged
]


class CollectError(Exception):
    """A server scan failed; `error_class` says how, `message` says what to do about it."""

    def __init__(self, error_class: ErrorClass, message: str) -> None:
        self.error_class: ErrorClass = error_class
        self.message = redact.scrub(visible(shorten(message, 600), one_line=True))
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.error_class}: {self.message}"
