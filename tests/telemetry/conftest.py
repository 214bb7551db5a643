"""The tracer of in-process telemetry tests: a local provider's, recording in memory. No test installs
the global provider, so the other tests of the process stay untraced."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from driftwatch import otlp, telemetry


@pytest.fixture
def spans(monkeypatch: pytest.MonkeyPatch) -> Iterator[InMemorySpanExporter]:
    """driftwatch's spans on, recorded in memory (as `telemetry.setup` would have turned them on)."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(telemetry, "_decided", True)
    monkeypatch.setattr(telemetry, "_tracing", telemetry.Tracing(provider.get_tracer(otlp.SCOPE), provider))
    yield exporter
    provider.shutdown()
