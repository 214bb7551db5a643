"""Why a server could not be scanned, in words an on-call engineer can act on.

Each failure has a stable `error_class` (stored, counted in metrics, matched by alert rules) and a
message. Messages may quote what a server said (its stderr, a garbage line): they are scrubbed of
secrets, made visible and shortened here, once, before they go anywhere. Scrubbing comes first:
a secret cut in two by shortening would no longer be recognised, and its first half would leak.
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


MAX_QUOTED = 64 * 1024
"""A message is read no further than this (a server can make one huge); scrubbing runs on it
whole, and any piece of a secret long enough to matter is still recognised at the cut."""


class CollectError(Exception):
    """A server scan failed; `error_class` says how, `message` says what to do about it."""

    def __init__(self, error_class: ErrorClass, message: str) -> None:
        self.error_class: ErrorClass = error_class
        self.message = shorten(visible(redact.scrub(message[:MAX_QUOTED]), one_line=True), 600)
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.error_class}: {self.message}"
