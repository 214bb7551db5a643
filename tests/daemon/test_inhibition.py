"""Inhibition in the real daemon (issue 17, third acceptance point): a server that was unreachable
lately does not page (nor notify) for the items it lists no more when it comes back; the same
removal from a steady server pages as any drift does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.daemon.test_routing import open_events, outbox, settled
from tests.daemon_support import DaemonProcess, register, triggers, wait_for
from tests.fake_saas import FakeSaaS
from tests.support import ControlledServer

pytestmark = pytest.mark.e2e  # starts processes (MCP servers, the driftwatch CLI or daemon)


def unreachable_notices(fake: FakeSaaS) -> list[Any]:
    return [r for r in fake.delivered("slack") if "driftwatch cannot scan" in r.body.get("text", "")]


def test_an_unreachable_server_coming_back_with_fewer_tools_pages_nobody(
    daemon: DaemonProcess, fake: FakeSaaS, controlled: ControlledServer, daemon_env: dict[str, str]
) -> None:
    database = daemon_env["DRIFTWATCH_DATABASE_URL"]
    entry = {**controlled.registry_entry(), "alerting": {"page_at": "low"}}  # (a removal is `low`)
    register(Path(daemon_env["DRIFTWATCH_REGISTRY"]), entry)
    daemon.start()
    wait_for(lambda: daemon.scanned("controlled"), 30, "the first scan")
    assert daemon.cli("approve", "controlled", "--by", "alice", "--reason", "initial").returncode == 0
    before = len(wait_for(lambda: settled(database), 30, "the first manifest's notices"))

    healthy = controlled.read()
    controlled.path.write_text("{ this is not a manifest")  # (the server dies at start)
    wait_for(lambda: unreachable_notices(fake) or None, 30, "the unreachable notice")
    controlled.write(_without(healthy, "list_notes"))
    wait_for(lambda: daemon.events("controlled", "open"), 30, "the removal's drift event")
    [event] = open_events(daemon, "controlled")
    assert [(c["change"], c["name"]) for c in event["changes"]] == [("removed", "list_notes")]
    # the event and its alerts are written in one transaction: none were, for anyone
    assert [row for row in outbox(database, before) if row[1] != "post"] == []
    assert len(outbox(database, before)) == 1  # (only the unreachable notice)
    assert triggers(fake) == []

    # the same kind of removal from a server that stayed up pages: once its failures are older than
    # the inhibition's reach (its last unreachable_after + 1 scans; six scans are more)
    retired = daemon.cli("approve", "controlled", "--by", "alice", "--reason", "list_notes retired")
    assert retired.returncode == 0, retired.stderr
    wait_for(daemon.scans_after(6), 60, "six more scans of the steady server")
    controlled.write(_without(_without(healthy, "list_notes"), "add_note"))
    [trigger] = wait_for(lambda: triggers(fake) or None, 30, "the page for a steady server's removal")
    assert "add_note" in str(trigger.body["payload"]["custom_details"]["changes"])


def _without(manifest: dict[str, Any], tool: str) -> dict[str, Any]:
    return {**manifest, "tools": [t for t in manifest["tools"] if t["name"] != tool]}
