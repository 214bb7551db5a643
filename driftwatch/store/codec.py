"""Text every database accepts, for whatever string a server sends.

A server's strings may hold code points a backend refuses: PostgreSQL rejects NUL in any text
value, and neither backend's driver encodes a lone surrogate (legal as a JSON escape, not in
UTF-8). If storing failed on them, one NUL in a tool name would turn "changed" into "not stored"
and hide a rug pull. So server text is stored as JSON, with exactly those code points written as
`\\u` escapes: lossless (json.loads gives back the very string, which hashes as sent) and
readable in the database for everything else.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storage_json(value: Any) -> str:
    """`value` as canonical JSON text (sorted keys, no whitespace) that every backend stores."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return _UNSTORABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class JSONString(TypeDecorator[str]):
    """A string column holding server text, stored as a JSON string literal (see above)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else storage_json(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        decoded = json.loads(value)
        return decoded if isinstance(decoded, str) else value
