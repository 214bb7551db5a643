"""Suppressions in process: rule ids are checked against the catalogue, old ids stored as new."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from driftwatch.errors import ConfigError
from driftwatch.store import Store, suppressions
from driftwatch.store.models import Server

NOW = datetime(2026, 12, 4, 5, 0, tzinfo=UTC)
EVIDENCE = "sha256:" + "ab" * 32


def add(store: Store, rule: str) -> str:
    with store.transaction() as session:
        server = Server(name="s", transport="stdio")
        session.add(server)
        session.flush()
        added = suppressions.add(
            session, server, rule=rule, item="tool:t", evidence_hash=EVIDENCE, by="me", reason="known",
            now=NOW, duration=None,
        )  # fmt: skip
        assert suppressions.active_keys(session, server.id, NOW) == {(added.rule, "tool:t", EVIDENCE)}
        return added.rule


def test_an_old_rule_id_is_stored_under_its_new_name(store: Store) -> None:
    assert add(store, "cross-tool-shadowing") == "cross-tool-instruction"


def test_a_current_rule_id_is_stored_as_typed(store: Store) -> None:
    assert add(store, "conceal-from-user") == "conceal-from-user"


@pytest.mark.parametrize("rule", ["no-such-rule", "silent-change"])
def test_only_detector_rules_can_be_suppressed(store: Store, rule: str) -> None:
    with pytest.raises(ConfigError, match=f"unknown rule '{rule}'"):
        add(store, rule)
