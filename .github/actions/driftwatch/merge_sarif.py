"""The Action's SARIF files, one per command, merged into one log: every run kept whole.

    python merge_sarif.py OUT [IN.sarif]...

Each driftwatch run names its command in `automationDetails.id` (driftwatch/report/sarif.py), so
code scanning keeps one analysis per command in the merged upload. Standard library only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def main(out: str, *inputs: str) -> None:
    runs = []
    for name in inputs:
        path = Path(name)
        if path.is_file():
            runs.extend(json.loads(path.read_text(encoding="utf-8"))["runs"])
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": runs}
    Path(out).write_text(json.dumps(log, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
