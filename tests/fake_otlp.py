"""A local OpenTelemetry collector that records the spans it got, the way a real one reads them.

It listens on 127.0.0.1 (a free port) for OTLP over HTTP: `POST /v1/traces` with a protobuf
`ExportTraceServiceRequest` (gzip-compressed or not), decoded with the OTLP protobuf package the
exporter itself depends on (opentelemetry-proto), and answers as a collector does. Anything else is
refused (404, or 400 for a body that does not decode) and counted.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from google.protobuf.message import DecodeError
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.common.v1.common_pb2 import AnyValue

from tests.localhttp import StandIn, listening

STATUS = {0: "unset", 1: "ok", 2: "error"}


@dataclass(frozen=True)
class Span:
    """One span as a backend shows it: ids in hex, attributes as plain values."""

    name: str
    trace_id: str
    span_id: str
    parent_id: str
    scope: str
    attributes: dict[str, Any]
    status: str
    status_message: str
    events: list[tuple[str, dict[str, Any]]]
    resource: dict[str, Any]


def _value(value: AnyValue) -> Any:
    kind = value.WhichOneof("value")
    if kind == "array_value":
        return [_value(item) for item in value.array_value.values]
    return getattr(value, kind) if kind else None


def _attributes(pairs: Any) -> dict[str, Any]:
    return {pair.key: _value(pair.value) for pair in pairs}


@dataclass
class FakeCollector:
    spans: list[Span] = field(default_factory=list)
    refused: int = 0
    port: int = 0
    _lock: threading.Condition = field(default_factory=threading.Condition)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait(self, count: int, timeout: float = 20) -> list[Span]:
        """The spans once `count` have arrived (woken by each arrival, never by polling)."""
        with self._lock:
            assert self._lock.wait_for(lambda: len(self.spans) >= count, timeout), (
                f"the collector got {len(self.spans)} spans, not {count}"
            )
            return list(self.spans)

    def take(self, body: bytes) -> bool:
        request = ExportTraceServiceRequest()
        try:
            request.ParseFromString(body)
        except DecodeError:
            return False
        found = [
            Span(
                name=span.name,
                trace_id=span.trace_id.hex(),
                span_id=span.span_id.hex(),
                parent_id=span.parent_span_id.hex(),
                scope=scoped.scope.name,
                attributes=_attributes(span.attributes),
                status=STATUS[span.status.code],
                status_message=span.status.message,
                events=[(event.name, _attributes(event.attributes)) for event in span.events],
                resource=_attributes(resourced.resource.attributes),
            )
            for resourced in request.resource_spans
            for scoped in resourced.scope_spans
            for span in scoped.spans
        ]
        with self._lock:
            self.spans.extend(found)
            self._lock.notify_all()
        return True

    @contextmanager
    def running(self) -> Iterator[FakeCollector]:
        fake = self

        class Handler(StandIn):
            def do_POST(self) -> None:
                body = self.body()
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                if self.path != "/v1/traces" or not fake.take(body):
                    with fake._lock:
                        fake.refused += 1
                    self.reply(404 if self.path != "/v1/traces" else 400)
                    return
                answer = ExportTraceServiceResponse().SerializeToString()
                self.reply(200, answer, {"Content-Type": "application/x-protobuf"})

        with listening(Handler) as where:
            self.port = where.port
            yield self
