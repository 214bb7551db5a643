"""Structured logs that cannot be used against their reader.

Log lines carry server-provided text (error messages quoting stderr, names, URLs). Before any
renderer sees an event, every string in it has registered secrets scrubbed and hidden characters
made visible on one line, so a log viewer's terminal is never driven by an ANSI sequence from a
server and a token echoed by a crashing server never reaches the log pipeline.

When traces are on (driftwatch/telemetry.py), a line logged inside a span carries its `trace_id`
and `span_id`, so a JSON log line leads to its trace.

structlog is loaded with the first line that is written, not with this module: its `dev` module
loads rich, pygments and attrs, about a tenth of what a scan imports beyond the mcp SDK (issue 15),
and a scan at `log_level: error` that goes well writes no line at all. A logger (`Logger`) drops a
line below the configured level itself, as structlog's filtering logger would.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from driftwatch import redact, telemetry
from driftwatch.visible import visible


def _defang(value: Any) -> Any:
    if isinstance(value, str):
        return visible(redact.scrub(value), one_line=True)
    if isinstance(value, dict):
        return {k: _defang(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_defang(v) for v in value]
    return value


def defang_event(_logger: Any, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: scrub secrets and neutralize hidden characters in every field."""
    return {key: _defang(value) for key, value in event.items()}


_SHOWN_ELSEWHERE: ContextVar[frozenset[str]] = ContextVar("shown_elsewhere", default=frozenset())


@contextmanager
def shown_elsewhere(*events: str) -> Iterator[None]:
    """Within this block, drop log events the command itself prints (a CLI scan's failures are in
    its output: logging them too would say everything twice)."""
    token = _SHOWN_ELSEWHERE.set(_SHOWN_ELSEWHERE.get() | set(events))
    try:
        yield
    finally:
        _SHOWN_ELSEWHERE.reset(token)


def _drop_shown_elsewhere(
    _logger: Any, _method: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    if event.get("event") in _SHOWN_ELSEWHERE.get():
        import structlog  # (loaded already: this runs inside its pipeline)

        raise structlog.DropEvent
    return event


def _trace_ids(_logger: Any, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: the current span's `trace_id` and `span_id`, when traces are on and a
    span is current (a scan's, a server's), so a log line leads to its trace (telemetry.py)."""
    for key, value in telemetry.current_ids().items():
        event.setdefault(key, value)
    return event


class _Stderr:
    """Whatever `sys.stderr` is when a line is written, not when logging was configured: a
    command run in process (tests, an embedding program) may swap stderr and close the old one,
    and a logger bound to the closed stream would turn every later log line into a crash."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


class _Config:
    """The configured level and format (`configured`: by `configure`, else the defaults); `loaded`:
    whether structlog has been loaded and configured with them."""

    level = logging.INFO
    fmt = "console"
    configured = False
    loaded = False


def configure(level: str = "info", fmt: str = "console") -> None:
    """Log to stderr (stdout belongs to command output) as console lines or JSON."""
    _Config.level, _Config.fmt = logging.getLevelNamesMapping()[level.upper()], fmt
    _Config.configured = True
    if _Config.loaded:
        _load()
    # Libraries (the SDK, httpx) log through stdlib logging; keep them quiet but scrubbed.
    handler = logging.StreamHandler(_Stderr())
    handler.setFormatter(_ScrubbingFormatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(_Config.level if level == "debug" else logging.WARNING)
    # The SDK logs every failed OAuth flow with a traceback; the scan reports it as one `auth` error,
    # and a revoked credential would otherwise print a traceback every interval.
    logging.getLogger("mcp.client.auth").setLevel(logging.CRITICAL if level != "debug" else logging.DEBUG)


def _load() -> None:
    """Configure structlog (loading it) with the configured level and format; but a program that
    configured structlog itself and never called `configure` keeps its own configuration."""
    import structlog

    if not _Config.configured and structlog.is_configured():
        _Config.level, _Config.loaded = logging.NOTSET, True
        return

    renderer: Any = (
        structlog.processors.JSONRenderer()
        if _Config.fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            _drop_shown_elsewhere,
            structlog.contextvars.merge_contextvars,
            _trace_ids,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            defang_event,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(_Config.level),
        logger_factory=structlog.PrintLoggerFactory(file=_Stderr()),  # type: ignore[arg-type]  # write+flush: all print() needs
        cache_logger_on_first_use=False,
    )
    _Config.loaded = True


class Logger:
    """A structlog logger that loads structlog when it first has a line to write (a line below the
    configured level is dropped here, as structlog's filtering logger drops it)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _write(
        self, level: int, method: str, event: str, args: tuple[Any, ...], fields: dict[str, Any]
    ) -> None:
        if level < _Config.level:
            return
        if not _Config.loaded:
            _load()
        import structlog

        getattr(structlog.get_logger(self.name), method)(event, *args, **fields)

    def debug(self, event: str, *args: Any, **fields: Any) -> None:
        self._write(logging.DEBUG, "debug", event, args, fields)

    def info(self, event: str, *args: Any, **fields: Any) -> None:
        self._write(logging.INFO, "info", event, args, fields)

    def warning(self, event: str, *args: Any, **fields: Any) -> None:
        self._write(logging.WARNING, "warning", event, args, fields)

    def error(self, event: str, *args: Any, **fields: Any) -> None:
        self._write(logging.ERROR, "error", event, args, fields)

    def exception(self, event: str, *args: Any, **fields: Any) -> None:
        """An error with the exception being handled (structlog's `exception`)."""
        self._write(logging.ERROR, "exception", event, args, fields)

    def critical(self, event: str, *args: Any, **fields: Any) -> None:
        self._write(logging.CRITICAL, "critical", event, args, fields)


class _ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return visible(redact.scrub(super().format(record)), one_line=True)


def get_logger(name: str) -> Logger:
    """A logger of `name` (`Logger`); logging goes to stderr at `info` even when no command
    configured it (library use)."""
    return Logger(name)
