"""Every JSON document driftwatch writes is checked against its published schema
(driftwatch/schemas/, docs/schemas/): the one named by its `schema` field.

tests/conftest.py checks what commands write in process (console.write_stdout), and
tests/support.driftwatch what the installed command prints; tests/test_schemas.py checks the
schemas themselves and runs every command once.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

import driftwatch

SCHEMAS = Path(driftwatch.__file__).parent / "schemas"
_NAMED = re.compile(r"driftwatch\.([a-z-]+)/v([0-9]+)")


@cache
def validator(schema: str) -> jsonschema.Draft202012Validator:
    """The validator of `schema` (`driftwatch.scan/v1`), from its file (scan.v1.json)."""
    named = _NAMED.fullmatch(schema)
    assert named, f"not a driftwatch schema name: {schema!r}"
    document = json.loads((SCHEMAS / f"{named[1]}.v{named[2]}.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(document, format_checker=jsonschema.FormatChecker())


def validate(document: Any) -> None:
    """Fail unless `document` follows the schema its `schema` field names."""
    assert isinstance(document, dict) and isinstance(document.get("schema"), str), "no `schema` field"
    errors = sorted(validator(document["schema"]).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message[:300]}" for e in errors[:5])


def validate_text(text: str) -> None:
    """`validate` a command's output when it is one of driftwatch's JSON documents (SARIF, lock
    files, other programs' formats and text are left alone)."""
    stripped = text.strip()
    if not stripped.startswith("{") or '"schema"' not in stripped[:64]:
        return
    try:
        document = json.loads(stripped)
    except json.JSONDecodeError:
        return  # (JSON lines: the audit export, docs/audit.md)
    if isinstance(document, dict) and str(document.get("schema", "")).startswith("driftwatch."):
        validate(document)
