"""The cyclic collector around a command's load (driftwatch/heap.py): paused while the pipeline
loads, the load frozen as it is, the collector running again for the work, whichever way out."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from driftwatch import heap


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The freezes and collections `heap` asks for, recorded instead of done (this test process's
    heap is not frozen), from a process that has settled nothing yet."""
    seen: list[str] = []
    monkeypatch.setattr(heap, "_settled", False)
    monkeypatch.setattr(heap, "_paused", False)

    def collect(generation: int = 2) -> int:
        seen.append(f"collect {generation}")
        return 0

    monkeypatch.setattr(gc, "freeze", lambda: seen.append("freeze"))
    monkeypatch.setattr(gc, "collect", collect)
    enabled = gc.isenabled()
    try:
        yield seen
    finally:
        (gc.enable if enabled else gc.disable)()


def test_a_paused_load_is_frozen_as_it_is_and_the_collector_runs_again(calls: list[str]) -> None:
    heap.pause()
    assert not gc.isenabled()
    heap.settle()
    assert gc.isenabled()
    assert calls == ["freeze"]  # no collection of a young generation that holds the whole load


def test_an_unpaused_load_has_its_young_garbage_collected_before_it_is_frozen(calls: list[str]) -> None:
    heap.settle()
    assert gc.isenabled()
    assert calls == ["collect 1", "freeze"]


def test_once_settled_nothing_pauses_the_collector_again(calls: list[str]) -> None:
    heap.settle()
    heap.pause()  # a second scan in the same process (the tests' CliRunner)
    assert gc.isenabled()
    heap.settle()
    assert calls == ["collect 1", "freeze"]


def test_a_command_that_ends_before_it_settles_resumes_the_collector(calls: list[str]) -> None:
    heap.pause()
    heap.resume()
    assert gc.isenabled()
    assert calls == []
    heap.settle()  # a later load is settled as an unpaused one
    assert calls == ["collect 1", "freeze"]
