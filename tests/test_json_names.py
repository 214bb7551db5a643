"""One name per idea in JSON output, with the old names kept for one release (docs/contract.md)."""

from __future__ import annotations

from datetime import UTC, datetime

from driftwatch.model import DriftSummary, EventState, ObservationStatus, Severity
from driftwatch.monitor import ServerResult
from driftwatch.registry import ServerSpec
from driftwatch.store.history import ObservationRecord
from driftwatch.store.suppressions import SuppressionRecord

NOW = datetime(2026, 12, 4, tzinfo=UTC)
A, B = "sha256:" + "a" * 64, "sha256:" + "b" * 64


def test_scan_names_the_server_and_counts_changes_as_history_does() -> None:
    drift = DriftSummary(1, A, B, Severity.HIGH, 3, EventState.OPEN)
    entry = ServerResult(name="notes", status=ObservationStatus.OK, drift=drift).to_json()
    assert entry["server"] == entry["name"] == "notes"
    assert entry["drift"]["change_count"] == entry["drift"]["changes"] == 3
    unapproved = DriftSummary(None, None, B, Severity.MEDIUM, 0, EventState.OPEN).to_json()
    assert unapproved["state"] == "unapproved"


def test_history_observations_carry_the_error_object_of_scan() -> None:
    failed = ObservationRecord(ObservationStatus.ERROR, None, None, None, "timeout", "no answer", NOW, NOW, 2)
    data = failed.to_json()
    assert data["error"] == {"class": "timeout", "message": "no answer"}
    assert (data["error_class"], data["error_message"]) == ("timeout", "no answer")
    ok = ObservationRecord(ObservationStatus.OK, A, "1", "2025-06-18", None, None, NOW, NOW, 1).to_json()
    assert ok["error"] is None and ok["status"] == "ok"


def test_who_did_it_is_named_after_what_they_did() -> None:
    row = SuppressionRecord(1, "notes", "encoded-payload", "tool:t", A, "alice", "benign", None).to_json()
    assert row["created_by"] == row["by"] == "alice"


def test_server_list_names_the_server() -> None:
    listing = ServerSpec(name="notes", transport="stdio", command="true").listing()
    assert listing["server"] == listing["name"] == "notes"
