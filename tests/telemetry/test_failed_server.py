"""A failed server's span: an error of its class, and nothing of what the server said (it may be a
secret it echoed, or text written to mislead whoever reads the trace)."""

from __future__ import annotations

import anyio
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from driftwatch import monitor
from driftwatch.settings import Settings
from driftwatch.store import Store
from tests.support import ControlledServer, faulty_spec

pytestmark = pytest.mark.e2e  # starts processes (MCP servers)

SECRET = "sk-live-0123456789abcdef"


def test_a_failed_server_is_an_error_span_without_its_words(
    spans: InMemorySpanExporter, controlled: ControlledServer, settings: Settings, store: Store
) -> None:
    failing = faulty_spec("leaky", "secret-stderr", env={"SECRET_TOKEN": SECRET})
    good, bad = anyio.run(monitor.scan, [controlled.spec(), failing], settings, store)
    assert (good.status, bad.status) == ("ok", "error")
    assert bad.error is not None
    named = {span.name: span for span in spans.get_finished_spans()}
    cycle, span = named["scan cycle"], named["scan leaky"]
    assert dict(cycle.attributes or {})["driftwatch.failed"] == 1
    attributes = dict(span.attributes or {})
    assert attributes["driftwatch.outcome"] == "error"
    assert attributes["error.type"] == bad.error.error_class
    assert (span.status.status_code, span.status.description) == (
        trace.StatusCode.ERROR,
        bad.error.error_class,
    )
    assert "mcp.protocol.version" not in attributes
    assert dict(named["scan controlled"].attributes or {})["driftwatch.outcome"] == "changed"
    assert named["scan controlled"].status.status_code is trace.StatusCode.UNSET
    shown = repr([(s.name, s.attributes, s.status.description, s.events) for s in named.values()])
    assert SECRET not in shown and SECRET[:16] not in shown
