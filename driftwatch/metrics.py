"""Prometheus metrics of the daemon, in a registry of its own (no process-global state in tests)."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from driftwatch import semantic_switch


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._scanning()
        self._alerting()
        self._discovering()
        self._listening()
        self.registry.register(_SemanticLayer())

    def _scanning(self) -> None:
        self.scans = Counter(
            "driftwatch_scans", "Server scans by outcome.", ["status", "error_class"], registry=self.registry
        )
        self.scans_skipped = Counter(
            "driftwatch_scans_skipped",
            "Scheduled scans skipped because the server's previous scan was still waiting for a slot "
            "or running (the daemon is behind its intervals; `concurrency` bounds the scans at once).",
            registry=self.registry,
        )
        self.scan_duration = Histogram(
            "driftwatch_scan_duration_seconds",
            "Time to scan one server, connect to disconnect.",
            buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60),
            registry=self.registry,
        )
        self.open_events = Gauge(
            "driftwatch_drift_events_open",
            "Open drift events by severity.",
            ["severity"],
            registry=self.registry,
        )
        self.last_success = Gauge(
            "driftwatch_last_successful_scan_timestamp_seconds",
            "When each server was last scanned successfully (Unix time).",
            ["server"],
            registry=self.registry,
        )
        self.registry_reloads = Counter(
            "driftwatch_registry_reloads",
            "Registry file changes seen, by outcome (applied, refused).",
            ["outcome"],
            registry=self.registry,
        )
        self.servers = Gauge("driftwatch_servers", "Servers in the registry.", registry=self.registry)

    def _alerting(self) -> None:
        self.alerts = Counter(
            "driftwatch_alerts",
            "Alert deliveries by channel and outcome.",
            ["channel", "outcome"],
            registry=self.registry,
        )
        self.outbox_depth = Gauge(
            "driftwatch_outbox_depth", "Alerts waiting for delivery.", registry=self.registry
        )
        self.reminders = Counter(
            "driftwatch_reminder_passes",
            "Repeat-interval passes run (alerts/reminders.py), by outcome: `repeated` (some open event "
            "was said again) or `quiet`.",
            ["outcome"],
            registry=self.registry,
        )

    def _discovering(self) -> None:
        self.discovery_runs = Counter(
            "driftwatch_discovery_runs",
            "Discovery runs (client configs read for unregistered servers) by outcome.",
            ["outcome"],
            registry=self.registry,
        )
        self.unknown_servers = Gauge(
            "driftwatch_unknown_servers",
            "MCP servers the last discovery run found in client configs but not in the registry.",
            registry=self.registry,
        )
        self.discovery_unreadable = Gauge(
            "driftwatch_discovery_unreadable_files",
            "Config files or entries the last discovery run could not read.",
            registry=self.registry,
        )

    def _listening(self) -> None:
        self.listen_notifications = Counter(
            "driftwatch_listen_notifications",
            "List-changed notifications received on listening sessions (real-time drift).",
            ["server"],
            registry=self.registry,
        )
        self.listen_rescans = Counter(
            "driftwatch_listen_rescans",
            "Re-scans triggered by notifications (one per debounced burst).",
            ["server"],
            registry=self.registry,
        )
        self.listen_open = Gauge(
            "driftwatch_listen_sessions", "Sessions listening for changes now.", registry=self.registry
        )
        self.listen_ends = Counter(
            "driftwatch_listen_session_ends",
            "Listening sessions ended, by reason (each is followed by a reconnect after a backoff).",
            ["reason"],
            registry=self.registry,
        )

    # The counts of driftwatch.collect.listen.Listeners.

    def listen_notified(self, server: str) -> None:
        self.listen_notifications.labels(server=server).inc()

    def listen_rescanned(self, server: str) -> None:
        self.listen_rescans.labels(server=server).inc()

    def listen_sessions(self, listening: int) -> None:
        self.listen_open.set(listening)

    def listen_ended(self, reason: str) -> None:
        self.listen_ends.labels(reason=reason).inc()


class _SemanticLayer(Collector):
    """The optional semantic layer's health, read from semantic_switch at each scrape: a worker
    that failed costs manifests their semantic reading (the rules still read them), and on-call
    should see that in the metrics, not only in a log line."""

    def collect(self) -> Iterator[Metric]:
        yield GaugeMetricFamily(
            "driftwatch_semantic_degraded",
            "1 while the semantic layer's last reading of a manifest failed (its worker crashed, hung, "
            "was killed or could not start), else 0; the rules read every manifest either way.",
            value=float(semantic_switch.degraded_now()),
        )
        yield CounterMetricFamily(
            "driftwatch_semantic_failures",
            "Readings of a manifest the semantic layer's worker failed.",
            value=semantic_switch.failures(),
        )
