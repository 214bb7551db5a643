"""A module binds each of its top-level names once.

A second `_SENTENCE_END = …` further down a module silently replaced the first for every function
that read it, the earlier ones included, and changed what a detector blanked without any test
noticing. Neither ruff nor mypy reports a constant bound twice, so this walk does.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import driftwatch

PACKAGE = Path(driftwatch.__file__).parent


def _bound(statement: ast.stmt) -> Iterator[str]:
    """The names a top-level statement binds: assignments, functions and classes."""
    if isinstance(statement, ast.Assign):
        yield from (t.id for t in statement.targets if isinstance(t, ast.Name))
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        if isinstance(statement.target, ast.Name):
            yield statement.target.id
    elif isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        yield statement.name


def rebound(source: str) -> list[str]:
    """`name (line)` for each top-level name bound again after its first binding."""
    first: dict[str, int] = {}
    again = []
    for statement in ast.parse(source).body:
        for name in _bound(statement):
            if name in first:
                again.append(f"{name} (line {statement.lineno}, first at {first[name]})")
            first.setdefault(name, statement.lineno)
    return again


def test_a_name_bound_twice_is_found() -> None:
    assert rebound("A = 1\ndef f() -> int:\n    return A\nA = 2\n") == ["A (line 4, first at 1)"]
    assert rebound("A = 1\nB: int = 2\nclass C: ...\n") == []


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_binds_a_name_twice(path: Path) -> None:
    assert rebound(path.read_text(encoding="utf-8")) == []
