"""Small query helpers shared by the store's modules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session


def pairs(session: Session, query: Select[Any, Any]) -> dict[Any, Any]:
    """A two-column query as a dict. (`dict(result)` would not do: a Result has `keys()`, so dict
    takes it for a mapping of column names.)"""
    return {key: value for key, value in session.execute(query)}
