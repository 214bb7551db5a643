"""The detectors' findings on a manifest a server showed before, read back from the store instead of
detected again, when they were computed in the context the caller would detect in.

Each observation stores the detectors' own findings on its manifest and their context
(drift.ToolIndex.context: the detectors' code, the semantic layer, the other servers' tools the
manifest could name). `diff`, an approval and a drift assessment read a baseline (and often the
manifest just seen) that some observation already judged; detecting it again took as long as the
scan did (seconds on a large manifest). The caller's `other_tools` (a registry's tools, or the view
a scan made of them for another manifest) are filed as an index of their own and the manifest's
view of them made again: the detectors react only to the tools in that view (drift.ToolIndex), so a
stored context that digests the same view, under the same code and layer, holds findings identical
to those `detect` would return now. Anything else (no observation of the manifest, a context of
other tools or other code, none stored because the semantic layer failed) is detected again.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

from sqlalchemy.orm import Session

from driftwatch.drift.assess import ToolIndex
from driftwatch.manifest import Manifest
from driftwatch.model import Finding
from driftwatch.store import observations


class Recall:
    """A server's stored findings, for manifests judged against `other_tools` (tool name -> another
    server exposing it: what the caller passes `detect`)."""

    def __init__(self, server_id: int | None, server_name: str, other_tools: Mapping[str, str]) -> None:
        self._server_id = server_id
        self._server = server_name
        self.other_tools = other_tools

    @cached_property
    def _index(self) -> ToolIndex:
        # (made once for the two manifests of a diff: a registry's tools filed by their words)
        return ToolIndex({tool: [owner] for tool, owner in self.other_tools.items()})

    def stored(self, session: Session, manifest: Manifest) -> list[Finding] | None:
        """The detectors' own findings on `manifest` (before suppressions and overrides) as the
        server's newest observation of it stored them in this very context; None when none did."""
        if self._server_id is None:
            return None
        contexts = observations.findings_contexts(session, self._server_id, manifest.hash)
        if not contexts:
            return None  # (a manifest never judged: no view is made of it)
        context = ToolIndex.context(self._index.others(self._server, manifest))
        if context not in contexts:
            return None
        return observations.stored_findings(session, self._server_id, manifest.hash, context)

    def detected(self, session: Session, manifest: Manifest) -> list[Finding]:
        """The detectors' own findings on `manifest`: stored ones in this context, else detected."""
        found = self.stored(session, manifest)
        return self.detected_now(manifest) if found is None else found

    def detected_now(self, manifest: Manifest) -> list[Finding]:
        """The detectors run on `manifest` (no transaction needs to be open)."""
        from driftwatch import detect  # (loaded only when something is detected again)

        return detect.detect(manifest, other_tools=self.other_tools)
