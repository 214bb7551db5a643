"""The OpenTelemetry SDK as driftwatch runs it: OTLP over HTTP, batched, and bounded.

Imported only by `telemetry.setup`, when the environment asks for traces: it needs the optional
`driftwatch[otel]` extra, which a plain install has not. The exporter reads the standard
variables itself (`OTEL_EXPORTER_OTLP_*`: endpoint, headers, timeout, compression, certificates;
`OTEL_BSP_*`: the batch), the resource too (`OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`).

The provider is the process's global one, so the `mcp` SDK's own request spans (its tracer is the
global provider's) are exported with driftwatch's. What they carry is not driftwatch's to choose:
their status text is a server's error message, their exception events quote what went wrong.
`Bounded` keeps of them what the conventions name and nothing a server wrote (docs/telemetry.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import SERVICE_NAME, SERVICE_VERSION, Resource
from opentelemetry.sdk.trace import Event, ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult
from opentelemetry.trace import Status
from opentelemetry.util.types import AttributeValue

from driftwatch import __version__, redact

SCOPE = "driftwatch"
"""The instrumentation scope of driftwatch's own spans, exported as they are."""

KEPT_ATTRIBUTES = frozenset(
    {
        "mcp.method.name",
        "mcp.protocol.version",
        "jsonrpc.request.id",
        "jsonrpc.protocol.version",
        "rpc.response.status_code",
        "error.type",
        "network.transport",
        "network.protocol.name",
        "server.address",
        "server.port",
    }
)
"""What is kept of the attributes of spans other libraries open (the mcp SDK's): the MCP and
general conventions' names for what driftwatch itself asked or where it asked it. Never
`mcp.session.id`: a streamable-HTTP session id lets its holder speak in the session."""

HEADER_VARIABLES = ("OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS")


class Bounded(SpanExporter):
    """Exports driftwatch's spans as they are, and other libraries' spans bounded (`bounded`)."""

    def __init__(self, inner: SpanExporter) -> None:
        self._inner = inner

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        return self._inner.export([bounded(span) for span in spans])

    def shutdown(self) -> None:
        self._inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self._inner.force_flush(timeout_millis)


def bounded(span: ReadableSpan) -> ReadableSpan:
    """`span` with only KEPT_ATTRIBUTES, its status without its text, and of its exception events
    only the exception's type: a span another library opened may quote a server."""
    scope = span.instrumentation_scope
    if scope is not None and scope.name == SCOPE:
        return span
    attributes: dict[str, AttributeValue] = {
        key: value for key, value in (span.attributes or {}).items() if key in KEPT_ATTRIBUTES
    }
    events = [
        Event("exception", {"exception.type": kind}, event.timestamp)
        for event in span.events
        if event.name == "exception"
        and isinstance(kind := (event.attributes or {}).get("exception.type"), str)
    ]
    return ReadableSpan(
        name=span.name,
        context=span.context,
        parent=span.parent,
        resource=span.resource,
        attributes=attributes,
        events=events,
        links=span.links,
        kind=span.kind,
        status=Status(span.status.status_code),
        start_time=span.start_time,
        end_time=span.end_time,
        instrumentation_scope=scope,
    )


def resource(environ: Mapping[str, str]) -> Resource:
    """driftwatch's name and version, unless the operator names the service
    (`OTEL_SERVICE_NAME`, `service.name` in `OTEL_RESOURCE_ATTRIBUTES`: the SDK reads both)."""
    attributes: dict[str, AttributeValue] = {SERVICE_VERSION: __version__}
    named = environ.get("OTEL_SERVICE_NAME", "").strip() or "service.name=" in environ.get(
        "OTEL_RESOURCE_ATTRIBUTES", ""
    )
    if not named:
        attributes[SERVICE_NAME] = "driftwatch"
    return Resource.create(attributes)


def install(environ: Mapping[str, str]) -> tuple[Any, TracerProvider]:
    """The global tracer provider, exporting in batches to the configured OTLP/HTTP endpoint; it
    flushes when the process exits. The exporter's headers (an API key, often) are secrets.
    Returns driftwatch's tracer and the provider."""
    for name in HEADER_VARIABLES:
        for pair in environ.get(name, "").split(","):
            _, _, value = pair.partition("=")
            if value.strip():
                redact.register(value.strip(), credential=True)
    provider = TracerProvider(resource=resource(environ))
    provider.add_span_processor(BatchSpanProcessor(Bounded(OTLPSpanExporter())))
    trace.set_tracer_provider(provider)
    return provider.get_tracer(SCOPE, __version__), provider
