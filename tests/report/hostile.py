"""Histories built by hand whose server text tries every trick a report could fall for.

If any of it ran, it would leave a mark that the tests look for: the page title `PWNED`, a
`data-pwned` attribute, a link to evil.example, an ANSI colour or an invisible tag character.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from driftwatch.model import (
    AuthSurface,
    Change,
    DriftEventRecord,
    EventState,
    Finding,
    Held,
    ObservationStatus,
    Package,
    Severity,
)
from driftwatch.store.history import BaselineRecord, ObservationRecord, ServerHistory

SCRIPT = "<script>document.title='PWNED'</script>"
IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
ANSI = "\x1b[31mRED-ALERT\x1b[0m"
TAGS = "\U000e0041\U000e0042"  # invisible "AB" in the Unicode tag block
ZERO_WIDTH = "\u200b"
SLACK = "<!channel>"
MARKUP = "[bold red]RICH-MARKUP[/]"
MD_LINK = "[click here](https://evil.example/steal)"
FENCE = "````\n</pre><script>document.title='PWNED'</script>\n```"
APPROVER = "Alice Approver"
CLOSER = "Bob Closer"
TICKET = "CHG-4242"

PACKAGE = Package("npm", "@evil/pkg" + SCRIPT + MD_LINK, "2.0.0" + ANSI, "sha512-" + TAGS)
AUTH_SURFACE = AuthSurface(
    True,
    "https://mcp.example/mcp" + SCRIPT,
    ("https://login.evil.example/" + MD_LINK,),
    ("notes" + ANSI,),
    (("https://login.evil.example/" + MD_LINK, "issuer" + TAGS),),
)
"""What the latest launch of `github` ran: a name, version and digest a registry let someone write."""
HELD = Held(
    7,
    "tag=prod" + ANSI,
    "Ana" + SCRIPT,
    "vendor upgrade " + MD_LINK + TAGS,
    datetime(2026, 10, 3, 9, 0, tzinfo=UTC),
)
"""The silence that held the open event's alerts: who set it and why, as someone typed them."""

HASH_V1 = "sha256:" + "1" * 64
HASH_V2 = "sha256:" + "2" * 64
HASH_V3 = "sha256:" + "3" * 64
HASH_S1 = "sha256:" + "a" * 64

T0 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def change(**fields: Any) -> Change:
    """A Change (built from its JSON form): the defaults of a changed tool description."""
    base: dict[str, Any] = {
        "change": "changed",
        "kind": "tool",
        "name": "create_issue",
        "path": "description",
        "before": "Create an issue.",
        "after": "Create an issue.",
        "category": "description",
        "breaking": False,
        "severity": "high",
        "rules": ["silent-change"],
        "reasons": ["The description changed while the version did not."],
    }
    return Change.from_json(base | fields)


def finding(**fields: Any) -> Finding:
    base: dict[str, Any] = {
        "kind": "tool",
        "name": "create_issue",
        "field": "description",
        "rule": "hidden-instruction-tag",
        "severity": "critical",
        "message": f"Instruction-like text {MD_LINK} {SLACK}",
        "evidence": "\\U000e0041 <IMPORTANT>" + SCRIPT + " | `extra|cell`",
    }
    return Finding.from_json(base | fields)


def _rug_pulled() -> DriftEventRecord:
    """The first rug pull, approved by a human."""
    return DriftEventRecord(
        id=1,
        server="github",
        baseline_hash=HASH_V1,
        observed_hash=HASH_V2,
        state=EventState.APPROVED,
        severity=Severity.HIGH,
        change_count=1,
        changes=[change(after="Create an issue. " + SCRIPT)],
        findings=[],
        first_seen=at(2),
        last_seen=at(5),
        closed_at=at(6),
        closed_by=CLOSER,
    )


def _rug_pulled_again() -> DriftEventRecord:
    """The second rug pull, still open: every kind of change, each carrying hostile text."""
    return DriftEventRecord(
        id=2,
        server="github",
        baseline_hash=HASH_V2,
        observed_hash=HASH_V3,
        state=EventState.OPEN,
        severity=Severity.CRITICAL,
        change_count=4,
        changes=[
            change(
                before="Create an issue. " + SCRIPT,
                after=f"Create an issue.{ZERO_WIDTH} {IMG} {ANSI} {TAGS} {SLACK} {MARKUP} {MD_LINK}",
                severity="critical",
                rules=["silent-change", "hidden-unicode"],
                reasons=[f"Hidden characters were added {SLACK} {MD_LINK}."],
            ),
            change(
                change="added",
                path="inputSchema.properties.sidenote",
                before=None,
                after={"type": "string", "description": FENCE},
                category="schema",
                breaking=False,
                severity="high",
                rules=["side-channel-parameter"],
                reasons=["A free-text parameter was added: a channel for exfiltration."],
            ),
            change(
                change="renamed",
                name="list_repos",
                path=None,
                before="list_repos",
                after="list_repos" + TAGS,
                category="metadata",
                severity="medium",
                rules=[],
                reasons=["The tool was renamed."],
            ),
            change(
                change="removed",
                kind="prompt",
                name="triage" + ANSI,
                path=None,
                before={"name": "triage", "description": FENCE},
                after=None,
                category="metadata",
                severity="low",
                rules=[],
                reasons=[],
            ),
        ],
        findings=[finding()],
        first_seen=at(30),
        last_seen=at(40),
        closed_at=None,
        closed_by=None,
        held=HELD,
    )


def _github_observations() -> list[ObservationRecord]:
    return [
        ObservationRecord(ObservationStatus.OK, HASH_V1, "1.0.0", "2025-06-18", None, None, at(0), at(2), 12),
        ObservationRecord(
            ObservationStatus.OK, HASH_V2, "1.0.0", "2025-06-18", None, None, at(2), at(30), 40
        ),
        ObservationRecord(
            ObservationStatus.OK,
            HASH_V3,
            "1.0.0" + ANSI,
            "2025-06-18",
            None,
            None,
            at(30),
            at(40),
            9,
            PACKAGE,
            AUTH_SURFACE,
        ),
    ]


def github() -> ServerHistory:
    """Approved, rug-pulled once (approved by a human), then rug-pulled again (still open)."""
    return ServerHistory(
        name="github",
        observations=_github_observations(),
        baselines=[
            BaselineRecord(1, HASH_V1, APPROVER, "initial review " + SCRIPT, TICKET, at(1), at(6)),
            BaselineRecord(
                2, HASH_V2, APPROVER, f"reviewed the new text {MD_LINK} | extra | cells", TICKET, at(6), None
            ),
        ],
        events=[_rug_pulled(), _rug_pulled_again()],
    )


def search() -> ServerHistory:
    """Never approved; its latest scan failed with an error message that carries markup."""
    event = DriftEventRecord(
        id=3,
        server="search",
        baseline_hash=None,
        observed_hash=HASH_S1,
        state=EventState.OPEN,
        severity=Severity.MEDIUM,
        change_count=0,
        changes=[],
        findings=[finding(name="search" + TAGS, rule="ansi-escape", severity="high", evidence="\\x1b[31m")],
        first_seen=at(10),
        last_seen=at(20),
        closed_at=None,
        closed_by=None,
    )
    return ServerHistory(
        name="search",
        observations=[
            ObservationRecord(
                ObservationStatus.OK, HASH_S1, None, "2025-06-18", None, None, at(10), at(20), 5
            ),
            ObservationRecord(
                ObservationStatus.ERROR,
                None,
                None,
                None,
                "ProtocolError",
                f"bad frame {IMG} {ANSI}",
                at(20),
                at(21),
                2,
            ),
        ],
        baselines=[],
        events=[event],
    )


def histories() -> list[ServerHistory]:
    return [github(), search()]


SINCE = T0 - timedelta(days=1)
GENERATED_AT = at(48)


def smuggled(text: str) -> list[str]:
    """The raw hidden characters of the hostile data found in `text` (ESC, C1 CSI, tags, zero width)."""
    return [c for c in text if c in "\x1b\x9b\u200b" or 0xE0000 <= ord(c) <= 0xE007F]
