"""Storage grows with changes, not with scans; hashes survive restarts."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import anyio
import pytest
from sqlalchemy import func, select

from driftwatch import approval, drift, monitor
from driftwatch.report import render_report
from driftwatch.settings import Settings
from driftwatch.store import Store
from driftwatch.store.history import load_histories
from driftwatch.store.manifests import load_manifests
from driftwatch.store.models import Baseline, ItemRow, ManifestItem, ManifestRow, Observation
from driftwatch.store.observations import latest_per_server
from driftwatch.store.prune import prune
from tests.support import PY, TEST_SERVERS, ControlledServer, Processes, free_port, stored_manifest

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]  # starts processes; repeated on PostgreSQL


def count_rows(store: Store) -> dict[str, int]:
    with store.transaction() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (ManifestRow, ItemRow, ManifestItem, Observation)
        }


def test_unchanged_server_keeps_its_hash_across_scans_and_restarts(
    controlled: ControlledServer, settings: Settings, store: Store
) -> None:
    spec = controlled.spec()
    first, second = (anyio.run(monitor.scan, [spec], settings, store)[0] for _ in range(2))
    store.close()
    assert first.manifest_hash == second.manifest_hash is not None
    # a new process, a new Store on the same database: same hash, and the stored manifest rebuilds to it
    code = (
        "import anyio, json, sys; from driftwatch import monitor;"
        "from driftwatch.settings import load_settings;"
        "from driftwatch.registry import ServerSpec; from driftwatch.store import Store;"
        "s = load_settings(database_url=sys.argv[1]); st = Store.open(s);"
        "spec = ServerSpec.model_validate_json(sys.argv[2]);"
        "print(anyio.run(monitor.scan, [spec], s, st)[0].manifest_hash)"
    )
    out = subprocess.run(
        [PY, "-c", code, settings.database_url, spec.model_dump_json()],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == first.manifest_hash
    reopened = Store.open(settings)
    assert (
        reopened.read(load_manifests, [first.manifest_hash])[first.manifest_hash].hash == first.manifest_hash
    )
    reopened.close()


def test_a_hundred_unchanged_scans_add_no_rows(
    controlled: ControlledServer, settings: Settings, store: Store, processes: Processes
) -> None:
    """Over streamable HTTP, so that a hundred real scans take seconds, not minutes."""
    port = free_port()
    processes.start(
        [PY, str(TEST_SERVERS / "manifest_server.py"), str(controlled.path), "streamable-http", str(port)],
        port,
    )
    spec = controlled.spec().model_copy(
        update={
            "transport": "streamable_http",
            "url": f"http://127.0.0.1:{port}/mcp",
            "command": None,
            "args": (),
        }
    )
    first = anyio.run(monitor.scan, [spec], settings, store)[0]
    assert first.status == "ok"
    rows_after_first = count_rows(store)
    with store.transaction() as session:
        observation = session.scalars(select(Observation)).one()
        first_seen, last_seen = observation.first_seen, observation.last_seen

    for _ in range(100):
        assert anyio.run(monitor.scan, [spec], settings, store)[0].manifest_hash == first.manifest_hash

    assert count_rows(store) == rows_after_first
    assert rows_after_first["observations"] == 1
    with store.transaction() as session:
        observation = session.scalars(select(Observation)).one()
        assert observation.scans == 101
        assert observation.first_seen == first_seen
        assert observation.last_seen > last_seen


def test_a_change_adds_one_manifest_and_only_the_changed_item(
    controlled: ControlledServer, settings: Settings, store: Store
) -> None:
    spec = controlled.spec()
    anyio.run(monitor.scan, [spec], settings, store)
    before = count_rows(store)
    data = controlled.read()
    data["tools"][0]["description"] = "Add a note to the notebook.\u200b"
    controlled.write(data)
    changed = anyio.run(monitor.scan, [spec], settings, store)[0]
    after = count_rows(store)
    assert after["manifests"] == before["manifests"] + 1
    assert after["items"] == before["items"] + 1  # only the tool whose description changed
    assert after["observations"] == before["observations"] + 1
    # going back to the first manifest reuses its rows and opens a new interval
    data["tools"][0]["description"] = "Add a note to the notebook."
    controlled.write(data)
    back = anyio.run(monitor.scan, [spec], settings, store)[0]
    assert back.manifest_hash != changed.manifest_hash
    assert count_rows(store)["manifests"] == after["manifests"]
    assert count_rows(store)["observations"] == after["observations"] + 1


def test_errors_are_observations_too(
    controlled: ControlledServer, settings: Settings, store: Store, tmp_path: Path
) -> None:
    spec = controlled.spec()
    anyio.run(monitor.scan, [spec], settings, store)
    broken = spec.model_copy(update={"args": (str(tmp_path / "missing.py"),)})
    for _ in range(3):
        assert anyio.run(monitor.scan, [broken], settings, store)[0].status == "error"
    latest = store.read(latest_per_server, [spec.name])[spec.name]
    assert latest.status == "error"
    assert latest.error_class == "exited"
    assert latest.scans == 3
    assert "missing.py" in (latest.error_message or "")


def test_prune_keeps_baselines_their_manifests_and_the_current_state(
    controlled: ControlledServer, settings: Settings, store: Store
) -> None:
    spec = controlled.spec()
    first = anyio.run(monitor.scan, [spec], settings, store)[0]
    with store.transaction() as session:
        approval.record(
            session, spec.name, ref=None, by="alice", reason="r", ticket=None, now=datetime.now(UTC)
        )
    for text in ("second", "third", "fourth"):
        data = controlled.read()
        data["tools"][0]["description"] = text
        controlled.write(data)
        anyio.run(monitor.scan, [spec], settings, store)
    before = count_rows(store)
    with store.transaction() as session:
        result = prune(session, datetime.now(UTC) + timedelta(days=1))  # everything is "old"
    after = count_rows(store)
    assert result.observations == before["observations"] - 1  # the latest one stays
    assert after["observations"] == 1
    assert result.manifests == 2  # "second" and "third": nothing refers to them any more
    with store.transaction() as session:
        baseline = session.scalars(select(Baseline)).one()
        assert baseline.manifest_hash == first.manifest_hash
        [history] = load_histories(session, [spec.name], since=None)
    assert first.manifest_hash in store.read(
        load_manifests, [first.manifest_hash]
    )  # the baseline's manifest stays
    assert [e.state for e in history.events if e.state == "open"] == ["open"]  # the open event stays
    with store.transaction() as session:
        before_after = drift.diff_refs(session, spec.name, None, None)  # diff and reports still work
    assert before_after[2]
    page = render_report([history], since=None, generated_at=datetime.now(UTC), fmt="html")
    assert "alice" in page
    assert spec.name in page


def test_scan_json_shows_every_copy_of_a_duplicated_item(
    controlled: ControlledServer, settings: Settings, store: Store
) -> None:
    data = controlled.read()
    twin = {**data["tools"][0], "description": "the same name, other words"}
    data["tools"].append(twin)
    controlled.write(data)
    [result] = anyio.run(monitor.scan, [controlled.spec()], settings, store)
    shown = result.to_json()
    ref = f"tool:{twin['name']}"
    [copy] = shown["duplicates"]
    assert copy["item"] == ref
    assert {shown["items"][ref], copy["hash"]} == {
        item.hash for item in stored_manifest(store, result).items() if item.ref == ref
    }
