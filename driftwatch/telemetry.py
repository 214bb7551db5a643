"""Traces of driftwatch's scans for an operator who asks for them, and nothing for one who does not.

An operator who runs a tracing backend wants to see a scan cycle, each server's scan inside it, and
each MCP request inside that, in the same trace as what the server did with it. Everyone else
wants driftwatch to open no connection but to their servers and their alert destinations. So:

- traces are on only when the standard OpenTelemetry variables ask for them (`wanted`): an OTLP
  endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) or
  `OTEL_TRACES_EXPORTER=otlp`, and not `OTEL_SDK_DISABLED=true`; nothing is exported otherwise;
- the OpenTelemetry SDK (the optional `driftwatch[otel]` extra) is imported only then, by `setup`
  (driftwatch/otlp.py); without it driftwatch says so in one warning and scans untraced;
- what leaves the process is bounded (docs/telemetry.md): names driftwatch chose or the operator
  wrote, hashes, counts, error classes; never a header, a secret, an error message or a string a
  server sent beyond the protocol version (checked against its date form);
- `trace_headers` and `current_ids` (the W3C `traceparent` of driftwatch's requests to an HTTP
  server, the trace and span ids in log lines) read the current span only when OpenTelemetry is
  already loaded (the `mcp` SDK loads its API): they never import it.

The `mcp` SDK opens a client span of its own for each request it sends (`MCP send tools/list`,
with `mcp.method.name`) and puts the trace context in the request's `_meta`: opened inside the
server's span here, they are its children, so driftwatch opens no span per request of its own.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from driftwatch import redact

ENDPOINTS = ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT")
PROTOCOLS = ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL")
SUPPORTED_PROTOCOL = "http/protobuf"

_PROTOCOL_VERSION = re.compile(r"\d{4}-\d{2}-\d{2}")

Attribute = str | int | float | bool


def wanted(environ: Mapping[str, str]) -> tuple[bool, str | None]:
    """Whether `environ` asks for traces, and why not when it asks for what driftwatch cannot
    export (another exporter, OTLP over gRPC): that deserves a warning, not silence."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False, None
    exporters = {
        name.strip().lower() for name in environ.get("OTEL_TRACES_EXPORTER", "").split(",") if name.strip()
    }
    if exporters - {"otlp", "none"}:
        return False, f"OTEL_TRACES_EXPORTER names {', '.join(sorted(exporters - {'otlp', 'none'}))}"
    if "none" in exporters or not (exporters or any(environ.get(name, "").strip() for name in ENDPOINTS)):
        return False, None
    protocol = next((environ[name].strip() for name in PROTOCOLS if environ.get(name, "").strip()), None)
    if protocol not in (None, SUPPORTED_PROTOCOL):
        return False, f"the OTLP protocol is {protocol}, and driftwatch exports {SUPPORTED_PROTOCOL} only"
    return True, None


class Tracing:
    """The tracer of driftwatch's spans, once `setup` has installed the SDK's provider."""

    def __init__(self, tracer: Any, provider: Any) -> None:
        self.tracer = tracer
        self.provider = provider


_tracing: Tracing | None = None
_decided = False


def setup(warn: Callable[[str], None], environ: Mapping[str, str] | None = None) -> Tracing | None:
    """Turn traces on, once per process, when the environment asks for them (`wanted`); `warn`
    logs the one line that says they were asked for and are not coming."""
    global _tracing, _decided
    if _decided:
        return _tracing
    _decided = True
    environ = os.environ if environ is None else environ
    on, why_not = wanted(environ)
    if why_not is not None:
        warn(f"{why_not}: running without traces")
    if not on:
        return None
    try:
        otlp = importlib.import_module("driftwatch.otlp")
    except ImportError:
        warn(
            "OTEL_* asks for traces, but OpenTelemetry is not installed (pip install 'driftwatch[otel]'):"
            " running without traces"
        )
        return None
    _tracing = Tracing(*otlp.install(environ))
    return _tracing


class SpanHandle:
    """A span of driftwatch's, or nothing at all when traces are off: the caller never asks."""

    def __init__(self, span: Any) -> None:
        self._span = span

    def set(self, attributes: Mapping[str, Attribute | None]) -> None:
        if self._span is not None:
            self._span.set_attributes({k: v for k, v in attributes.items() if v is not None})

    def fail(self, error_type: str) -> None:
        """The span's status is an error of class `error_type` (a word driftwatch chose, never a
        message: messages quote what servers sent)."""
        if self._span is not None:
            from opentelemetry.trace import Status, StatusCode

            self._span.set_attribute("error.type", error_type)
            self._span.set_status(Status(StatusCode.ERROR, error_type))


@contextmanager
def span(name: str, attributes: Mapping[str, Attribute | None]) -> Iterator[SpanHandle]:
    """A span around the block, current inside it (its children and the `traceparent` of the
    requests sent in it hang from it); a no-op when traces are off. An exception ends it as an
    error of the exception's class, without its message."""
    if _tracing is None:
        yield SpanHandle(None)
        return
    shown = {k: v for k, v in attributes.items() if v is not None}
    with _tracing.tracer.start_as_current_span(
        name, attributes=shown, record_exception=False, set_status_on_exception=False
    ) as current:
        handle = SpanHandle(current)
        try:
            yield handle
        except BaseException as exc:
            handle.fail(type(exc).__name__)
            raise


def server_attributes(name: str, transport: str, url: str | None) -> dict[str, Attribute | None]:
    """A server's span attributes (the MCP and general semantic conventions, and driftwatch's):
    for HTTP, the host and port as the registry writes them: a host given by a `${VAR}` reference
    is left out, and neither user info, path nor query is ever read."""
    attributes: dict[str, Attribute | None] = {
        "driftwatch.server": name,
        "driftwatch.transport": transport,
        "network.transport": "pipe" if transport == "stdio" else "tcp",
    }
    if url is not None:
        attributes["network.protocol.name"] = "http"
        try:
            parts = urlsplit(url)
            host, port = parts.hostname, parts.port
        except ValueError:
            return attributes
        if host and "$" not in host and "{" not in host:
            attributes["server.address"] = redact.scrub(host)
            attributes["server.port"] = port or (443 if parts.scheme == "https" else 80)
    return attributes


def protocol_version(version: str | None) -> str | None:
    """The protocol version a server answered in, when it has the form of one (it is the server's
    string: anything else is not sent)."""
    if version is not None and _PROTOCOL_VERSION.fullmatch(version):
        return version
    return None


def _current_context() -> Any:
    """The current span's context when OpenTelemetry is loaded and a span is current, else None."""
    trace = sys.modules.get("opentelemetry.trace")
    if trace is None:
        return None
    context = trace.get_current_span().get_span_context()
    return context if context.is_valid else None


def trace_headers() -> dict[str, str]:
    """The W3C `traceparent` of the current span, for a request driftwatch sends now ({} when no
    span is current)."""
    if _current_context() is None:
        return {}
    from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

    carrier: dict[str, str] = {}
    TraceContextTextMapPropagator().inject(carrier)
    return carrier


def current_ids() -> dict[str, str]:
    """`trace_id` and `span_id` of the current span, in hex, for a log line ({} when none)."""
    context = _current_context()
    if context is None:
        return {}
    return {"trace_id": f"{context.trace_id:032x}", "span_id": f"{context.span_id:016x}"}
