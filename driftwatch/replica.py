"""Who this process is among driftwatch's replicas.

Several daemons (Kubernetes replicas) and CLI commands share one database; every claim they write
(a scan slot, an outbox lease) names its replica, so a row says which process holds it. One name
for that process across the code: `replica` (the columns that store it are `scan_slots.holder`
and `alerts.claimed_by`, named before this module).
"""

from __future__ import annotations

import os
import socket


def replica_id() -> str:
    """`host:pid`: unique among live processes, readable in a table."""
    return f"{socket.gethostname()}:{os.getpid()}"
