"""Drift: what differs from the approved baseline, and the events that track it.

- assess.py: pure. The diff and the detectors on one observed manifest, and its severity;
- events.py: the event state machine (open, seen again, reverted, superseded), in the caller's
  transaction, its rows written through driftwatch.store.events; an unchanged scan with nothing
  left to decide reuses the findings stored with its observation (decide_unchanged);
- packages.py: a changed package under an unchanged manifest (`package-changed`), as its own event;
- authsurface.py: a changed authorization surface of an HTTP server (`auth-surface-changed`), too;
- refs.py: naming a manifest a server showed (`latest`, `baseline`, a hash prefix) and diffing two;
- recall.py: the findings an observation stored on a manifest, read back instead of detected again
  where they were computed in the caller's context (`diff`, an approval, an assessment's baseline).

Approving a manifest is an application command beside this package (driftwatch.approval).
"""

from driftwatch.drift.assess import (
    UNAPPROVED_SEVERITY,
    Assessment,
    ToolIndex,
    assess,
    findings_on,
    findings_on_changes,
    other_servers_tools,
    screen,
)
from driftwatch.drift.authsurface import evaluate_auth_surface
from driftwatch.drift.events import (
    Evaluation,
    Prepared,
    Unchanged,
    decide_unchanged,
    evaluate,
    evaluate_unstored,
    prepare,
)
from driftwatch.drift.packages import Before, SideEvaluation, evaluate_package, scan_before
from driftwatch.drift.refs import diff_findings, diff_refs, registry_tools, resolve_ref

__all__ = [
    "UNAPPROVED_SEVERITY",
    "Assessment",
    "Before",
    "Evaluation",
    "Prepared",
    "SideEvaluation",
    "ToolIndex",
    "Unchanged",
    "assess",
    "decide_unchanged",
    "diff_findings",
    "diff_refs",
    "evaluate",
    "evaluate_auth_surface",
    "evaluate_package",
    "evaluate_unstored",
    "findings_on",
    "findings_on_changes",
    "other_servers_tools",
    "prepare",
    "registry_tools",
    "resolve_ref",
    "scan_before",
    "screen",
]
