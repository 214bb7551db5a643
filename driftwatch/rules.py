"""The rule catalogue: every rule driftwatch fires, with its id, severity, message and help.

One catalogue for the detectors (findings on the text a server shows), the rug-pull rules of the
diff (signals on a change) and the generic results SARIF needs for an unflagged change. Every hit
site names a rule and takes its severity and message from here; docs/contract.md lists the same
table (a test compares them) and SARIF publishes it as `tool.driver.rules`.

A rule's `severity` is what it fires with on its own. Context may move it, only as the rule says:
`escalated` (with `escalates_when`) is what it fires with beside intent, in obfuscated or encoded
text; `lowered` (with `lowered_when`) is a weaker form of the same signal. No hit site picks a
severity of its own.

Renamed rules keep their old ids in `ALIASES` for one release: a suppression typed or stored with
an old id still matches, and stored events read back with the new ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from driftwatch.model import Finding, Severity


class Source(StrEnum):
    DETECTOR = "detector"
    """Fires on the text of a manifest (a Finding), whatever the baseline."""
    DRIFT = "drift"
    """Fires on a change against the baseline (the `rules` of a Change)."""
    LAUNCH = "launch"
    """Fires on how the registry launches a stdio server, or on what that launch runs (its package)."""
    GENERIC = "generic"
    """Names a change no rule flagged, or a server with no baseline (SARIF needs a rule per result)."""


@dataclass(frozen=True)
class Rule:
    id: str
    source: Source
    severity: Severity
    message: str
    """What the rule means, in one line: the `message` of every finding it fires."""
    help: str
    """What it guards against and what to do about it."""
    escalated: Severity | None = None
    escalates_when: str | None = None
    lowered: Severity | None = None
    lowered_when: str | None = None

    @property
    def severities(self) -> frozenset[Severity]:
        """Every severity this rule can fire with."""
        return frozenset(s for s in (self.severity, self.escalated, self.lowered) if s is not None)


_INTENT = "beside an instruction that shows intent, in obfuscated text, or hidden in an encoding"


def _detector(
    rule_id: str,
    severity: Severity,
    message: str,
    help_text: str,
    *,
    escalates: bool = True,
    escalates_when: str = _INTENT,
    lowered: Severity | None = None,
    lowered_when: str | None = None,
) -> Rule:
    """A detector rule; below `high` it escalates to `high` in context (analyze.py), unless not."""
    up = escalates and severity < Severity.HIGH
    return Rule(
        rule_id,
        Source.DETECTOR,
        severity,
        message,
        help_text,
        escalated=Severity.HIGH if up else None,
        escalates_when=escalates_when if up else None,
        lowered=lowered,
        lowered_when=lowered_when,
    )


_DETECTOR_RULES = [
    # Instructions addressed to the model (detect/orders.py; markup, preconditions: instructions.py).
    _detector(
        "hidden-instruction-tag",
        Severity.MEDIUM,
        "markup that addresses the model (<IMPORTANT>, <SYSTEM>, [INST], <|system|>)",
        "Tool text that speaks to the model in its own markup is how poisoned tools smuggle orders "
        "past a reviewer. Read the text around the tag; suppress it only if it is documentation.",
        lowered=Severity.LOW,
        lowered_when='markup that structures legitimate descriptions too (<instructions>, "note to the LLM")',
    ),
    _detector(
        "conceal-from-user",
        Severity.HIGH,
        "tells the model to keep something from the user",
        "A tool has no reason to ask the model for secrecy toward its user. Treat as poisoning.",
    ),
    _detector(
        "instruction-override",
        Severity.HIGH,
        "tries to override the model's instructions or safety controls",
        '"Ignore previous instructions" and its kin: a prompt injection in the tool\'s own text.',
    ),
    _detector(
        "priority-claim",
        Severity.MEDIUM,
        "claims precedence over other tools or disparages them, or gives the model a new role",
        "A tool that tells the model to prefer it, or not to trust others, competes for the agent's "
        "actions. Check whether the claim is marketing or an order.",
    ),
    _detector(
        "decode-and-follow",
        Severity.HIGH,
        "asks the model to decode hidden text and act on it",
        "Encoded orders get past keyword filters and human review alike.",
    ),
    _detector(
        "coercive-precondition",
        Severity.LOW,
        "claims the tool fails unless the model does something first",
        '"This tool will not work unless you first …" is how a poisoned tool makes the model run '
        "its errand. Harmless alone; read what it asks for.",
    ),
    # Sensitive data and where it goes (detect/orders.py).
    _detector(
        "sensitive-file-access",
        Severity.HIGH,
        "asks the model to read key, credential or agent config files (~/.ssh, .env, mcp.json, …)",
        "The classic exfiltration: the model reads a secret and passes it to the tool.",
    ),
    _detector(
        "sensitive-data-request",
        Severity.HIGH,
        "asks the model to collect secrets or conversation data and pass them on",
        "A tool asking for tokens, keys or the conversation is asking the model to leak them.",
    ),
    _detector(
        "exfiltration-destination",
        Severity.HIGH,
        "tells the model to send or copy data to a URL, email address or phone number",
        "Data sent where the text says is data that leaves. Check the destination's owner.",
    ),
    # Control over other tools (detect/shadowing.py).
    _detector(
        "cross-tool-instruction",
        Severity.MEDIUM,
        "tells the model how to use another tool or server",
        "A tool's text that changes how the model uses a different tool (shadowing) lets one "
        "server hijack another's actions, e.g. adding a recipient to every e-mail sent elsewhere.",
    ),
    _detector(
        "standing-order",
        Severity.MEDIUM,
        "orders how the model behaves beyond this tool's own call (every reply, every command, other tools)",
        "A tool's text is read before every action the model takes. An order that reaches past the "
        "tool's own call (a prefix on every shell command, a line added to every reply, a copy of "
        "every e-mail) turns one server into a hand on all of them, with no sensitive word needed.",
    ),
    _detector(
        "odd-slot-instruction",
        Severity.MEDIUM,
        "an instruction to the model in a slot people rarely read (a parameter name, an enum value, "
        "a default, an example, a title, an output schema, an extension field, a comment)",
        "These slots hold values, not prose. An order there is written for the model and placed "
        "where a reviewer does not look.",
    ),
    _detector(
        "falsified-record",
        Severity.MEDIUM,
        "tells the model to record a good result over a fact the same text contradicts",
        "A failed test written down as passed, an uncertified person listed as certified, a job not done "
        "reported as done: no data leaves, but the record the user relies on is false. Read what the "
        "text has the model write and what it says the fact is.",
    ),
    _detector(
        "safeguard-waived",
        Severity.MEDIUM,
        "tells the model to skip, waive or override a safeguard: of the people the tool serves, or a "
        "security control",
        "A check, a test, a consent, a permit, a signature or a warning notice waived (`without the pull "
        "test`, `regardless of the flag`, `sin pedir documentos`, `без проверки`): no data leaves, but the "
        "act the safeguard guards now harms someone. A security control weakened is the same order: a "
        "firewall, TLS or signature checks, branch protection or an audit log switched off, the broadest "
        "privilege granted, a push forced to production, backups or snapshots deleted. Read what the text "
        "has the model do without.",
    ),
    _detector(
        "withheld-finding",
        Severity.MEDIUM,
        "tells the model to keep a defect, damage or risk out of what a customer is given",
        "Damage, a defect, a contamination or an injury left out of the customer's report, receipt, "
        "quote or label, or kept internal only: the record the customer relies on is silent about what "
        "matters to them. Read what the text has the model leave out, and for whom.",
    ),
    _detector(
        "unfair-charge",
        Severity.MEDIUM,
        "tells the model to charge a customer more than the act: twice, or a fee kept from them",
        "A bill doubled, a deduction or a service fee hidden, an order placed at twice the quantity: no "
        "data leaves, but the customer pays for what they did not get. Read what the text has the model "
        "charge, and what it keeps from the customer.",
    ),
    _detector(
        "preset-destination",
        Severity.MEDIUM,
        "a parameter that sends data somewhere defaults to an address written in the schema",
        "A recipient, upload target or webhook that defaults to a fixed outside address sends the "
        "data there whenever the model keeps the default, which a description can quietly ask it "
        "to do. Check who owns the address.",
    ),
    # A learned second opinion on the same ideas (detect/learned.py).
    _detector(
        "suspected-order",
        Severity.MEDIUM,
        "a model trained on labelled tools reads an order to the model that no rule recognised",
        "The ideas of this text (what it asks for, what it sends, whom it addresses) weigh like those "
        "of poisoned tools, in wording the rules have no shape for. Read the clause named as "
        "evidence: it is the one that weighed most.",
        escalates=False,
    ),
    # An optional reader of meaning: a sentence-embedding model (detect/semantic.py, `driftwatch[semantic]`).
    _detector(
        "semantic-order",
        Severity.MEDIUM,
        "a sentence-embedding model reads an order to the model in text no rule flagged",
        "The meaning of this chunk of text lies close to that of poisoned tools' orders, in any language "
        "and in wording neither the rules nor the learned layer have words for. Read the chunk named as "
        "evidence: it is the one that scored highest.",
        escalates=False,
    ),
    # Schema side channels (detect/parameters.py; a tool read with its parameters: detect/split.py).
    _detector(
        "side-channel-request",
        Severity.HIGH,
        "a parameter whose name or text asks for file contents, secrets or conversation data, or names a "
        "secret as the value a tool sends out",
        "A parameter the user never sees (`sidenote`, `context`) asking for secrets is a side channel "
        "out of the conversation.",
    ),
    # Hidden content (detect/hidden.py, detect/encoded.py).
    _detector(
        "unicode-tag-characters",
        Severity.HIGH,
        "invisible Unicode tag characters (U+E0000–E007F)",
        "Tag characters are invisible in every interface and read by the model: text only it sees.",
    ),
    _detector(
        "ansi-escape",
        Severity.HIGH,
        "ANSI escape sequences that hide or rewrite text in a terminal",
        "Escape sequences can erase or recolour text in a reviewer's terminal.",
    ),
    _detector(
        "bidi-control",
        Severity.HIGH,
        "bidirectional control characters that reorder displayed text",
        "An override makes the text a reviewer sees differ from the text the model reads.",
        lowered=Severity.MEDIUM,
        lowered_when="embedding controls around Latin text (no override character)",
    ),
    _detector(
        "zero-width-characters",
        Severity.MEDIUM,
        "invisible characters (zero-width, format and control characters, by Unicode property)",
        "Invisible characters defeat keyword filters and reviewers' searches, and can carry a hidden "
        "channel (a backspace prints over text in a terminal). Joiners between letters of scripts that "
        "need them (Persian, Indic) and in emoji, bidi marks in right-to-left text and an opening BOM "
        "do not count.",
    ),
    _detector(
        "whitespace-padding",
        Severity.MEDIUM,
        "long whitespace runs that push text out of view",
        "Text pushed past the edge of a dialog is read by the model and missed by the reviewer.",
    ),
    _detector(
        "hidden-comment",
        Severity.LOW,
        "HTML or Markdown comments, which rendered views hide",
        "A comment is invisible where the description is rendered. Read what it holds.",
        escalates_when="the comment holds instructions for the model",
    ),
    _detector(
        "hidden-markup-text",
        Severity.MEDIUM,
        "words in an element or a style that keeps them out of the rendered view",
        "A closed <dialog>, a <template>, an element styled display:none, transparent or off screen: "
        "a reviewer of the rendered text never sees the words the model reads.",
        escalates_when="the hidden words hold instructions for the model",
    ),
    _detector(
        "mixed-script-word",
        Severity.MEDIUM,
        "words mixing Latin with look-alike Cyrillic or Greek letters",
        "Homoglyphs make a word look like another to a reviewer and not to a filter.",
    ),
    _detector(
        "encoded-payload",
        Severity.MEDIUM,
        "text in a binary-to-text encoding, escapes, styled letters, a rotation, a cipher or a spelling "
        "alphabet that decodes to prose",
        "Readable text hidden in an encoding: a passage of it hides what a reviewer cannot read (documented "
        "examples are short), and no tool documents itself in a cipher (Bacon, Polybius, a key given "
        "beside its ciphertext), the radio alphabet, leetspeak or small capitals; high when it decodes "
        "to instructions.",
        escalates_when="it decodes to instructions for the model",
        lowered=Severity.LOW,
        lowered_when="fewer than eight decoded words (a token, a short documented example), unless a cipher "
        "or spelling reads as language (four words or more)",
    ),
    # The manifest as a whole (detect/limits.py, detect/duplicates.py, detect/echo.py).
    _detector(
        "oversized-text",
        Severity.MEDIUM,
        "text too long for the detectors to read in full within their budget; the unread part is unchecked",
        "A server can make a string huge to hide an instruction past what any reader checks. "
        "Review the item by hand.",
        escalates=False,
        lowered=Severity.LOW,
        lowered_when="text the rules read in full that the semantic layer did not (its cap of chunks, its "
        "worker failed)",
    ),
    _detector(
        "duplicate-name",
        Severity.HIGH,
        "two tools, prompts, resources or templates listed under one name",
        "A client keeps only one of two same-named tools: which one is up to the client, and the "
        "other can shadow the reviewed one.",
    ),
    _detector(
        "credential-echo",
        Severity.HIGH,
        "the server sent back a credential driftwatch gave it (redacted before anything stores it)",
        "A server that reflects its credentials into what the model reads leaks them to every agent.",
    ),
]

_DRIFT_RULES = [
    # What a change introduces (diff/cues.py): each sets the change's severity by itself.
    Rule(
        "new-detector-finding",
        Source.DRIFT,
        Severity.MEDIUM,
        "the changed text now holds a detector finding of medium or above that it did not hold before",
        "A detector rule fires on the new text and did not on the approved one (the same sentence moved "
        "is not new). Read the finding the reason names.",
        escalated=Severity.HIGH,
        escalates_when="the finding introduced is high",
    ),
    Rule(
        "new-destination",
        Source.DRIFT,
        Severity.MEDIUM,
        "the changed text names a destination (URL host, e-mail address, IP address, host) it did not name",
        "A new place data could be sent to. Check who owns it.",
    ),
    Rule(
        "new-concealment",
        Source.DRIFT,
        Severity.HIGH,
        "the changed text now tells the model to keep something from the user",
        "Secrecy toward the user appeared after approval (detector rule `conceal-from-user`): treat as "
        "poisoning.",
    ),
    Rule(
        "new-tool-reference",
        Source.DRIFT,
        Severity.MEDIUM,
        "the changed text now names another tool or server",
        "Text that starts naming another tool or server can steer how the model uses it (shadowing).",
    ),
    Rule(
        "new-hidden-characters",
        Source.DRIFT,
        Severity.HIGH,
        "the changed text holds invisible or control characters it did not hold",
        "Zero-width, tag, bidirectional, variation-selector or escape characters hide text from a "
        "reviewer while the model reads it.",
    ),
    Rule(
        "annotation-escalation",
        Source.DRIFT,
        Severity.HIGH,
        "a tool annotation now grants more power: no longer read-only or idempotent, now destructive "
        "or open-world",
        "Clients use annotations to decide what needs a human's confirmation.",
    ),
    Rule(
        "side-channel-parameter",
        Source.DRIFT,
        Severity.HIGH,
        "a new free-text parameter whose name or description suggests a channel for smuggling data out",
        "A parameter added after approval is a new way for data to leave through the tool.",
    ),
    Rule(
        "new-free-text-parameter",
        Source.DRIFT,
        Severity.MEDIUM,
        "an existing tool gained a parameter that accepts any text",
        "Free text is what a side channel needs; check what the parameter is for.",
    ),
    Rule(
        "new-mcp-header",
        Source.DRIFT,
        Severity.MEDIUM,
        "a parameter is now mirrored into an HTTP header (`x-mcp-header`, MCP 2026-07-28)",
        "Header values are visible to every proxy and log between client and server: a parameter "
        "newly sent in one may expose what the model passes.",
    ),
    Rule(
        "breaking-schema-change",
        Source.DRIFT,
        Severity.MEDIUM,
        "a schema change can break its callers (oasdiff's request/response rules)",
        "A call that was valid may now be rejected, or a consumer may receive what it did not expect.",
    ),
    Rule(
        "tool-name-collision",
        Source.DRIFT,
        Severity.HIGH,
        "a tool was added or renamed to a name another registered server already exposes",
        "Two servers with one tool name: the agent may call the newcomer instead of the reviewed one.",
    ),
    Rule(
        "renamed-tool",
        Source.DRIFT,
        Severity.MEDIUM,
        "a tool changed its name and nothing else: approvals and pins on the old name no longer hold",
        "Allow-lists and pins keyed on the old name silently stop applying.",
    ),
    # Labels: they say how a change was made, not what it introduces.
    Rule(
        "silent-change",
        Source.DRIFT,
        Severity.LOW,
        "a description, schema or the server instructions changed while serverInfo.version did not",
        "An honest release bumps its version; a rug pull edits what the model reads in place. The label "
        "alone adds nothing: a change with no evidence stays low.",
        escalated=Severity.HIGH,
        escalates_when="the change already has evidence of medium: one step up, never from low",
    ),
    Rule(
        "package-changed",
        Source.DRIFT,
        Severity.MEDIUM,
        "the package a stdio server runs changed (version or digest) while its manifest did not",
        "New code under the same tools is how a trusted server turns (postmark-mcp 1.0.16 BCCed every "
        "e-mail without changing a tool): read what changed in the package, then approve the manifest "
        "again (`driftwatch approve`) to accept it.",
    ),
    Rule(
        "auth-surface-changed",
        Source.DRIFT,
        Severity.HIGH,
        "an HTTP server's authorization surface changed (authorization servers, issuers, scopes or resource)",
        "Its protected resource metadata says where clients get their tokens: a new authorization server or "
        "issuer sends every login and token elsewhere, with no tool changed. Confirm the change with the "
        "server's owner, then approve the manifest again (`driftwatch approve`) to accept it.",
    ),
    Rule(
        "whitespace-only",
        Source.DRIFT,
        Severity.LOW,
        "only whitespace changed in text the model reads",
        "Shown so that nothing is hidden, at low, so that it does not page.",
    ),
]

_LAUNCH_RULES = [
    Rule(
        "unpinned-launch",
        Source.LAUNCH,
        Severity.MEDIUM,
        "the launch runs whatever was published last (no exact version or image digest)",
        "`npx -y pkg`, `uvx pkg`, `@latest` or an image by tag fetch new code whenever it is "
        "published: pin the exact version (`pkg@1.2.3`, `pkg==1.2.3`) or the image digest "
        "(`image@sha256:…`), so that new code arrives only when you change the registry.",
    ),
]

_GENERIC_RULES = [
    Rule(
        "drift-added",
        Source.GENERIC,
        Severity.MEDIUM,
        "an item was added to the server's manifest after its approval",
        "New power for the model that nobody reviewed: approve it or remove it.",
        lowered=Severity.LOW,
        lowered_when="a prompt, resource or template (a person picks those, not the model)",
    ),
    Rule(
        "drift-removed",
        Source.GENERIC,
        Severity.LOW,
        "an item was removed from the server's manifest after its approval",
        "It breaks its users but grants nothing.",
    ),
    Rule(
        "drift-changed",
        Source.GENERIC,
        Severity.LOW,
        "an item of the server's manifest changed after its approval",
        "A change no rule flagged introduces nothing a rule names (a rewording, a widening): review "
        "it and approve it, or ask the owner why it happened.",
        lowered=Severity.INFO,
        lowered_when="serverInfo.version (a version bump is context for the other changes)",
    ),
    Rule(
        "drift-renamed",
        Source.GENERIC,
        Severity.MEDIUM,
        "a tool was renamed after its approval: pins on its name no longer hold",
        "Update pins and allow-lists, or ask why the name moved.",
    ),
    Rule(
        "unapproved-server",
        Source.GENERIC,
        Severity.MEDIUM,
        "the server has no approved baseline: nothing it shows has been reviewed",
        "Review what it shows and approve it (`driftwatch approve`).",
    ),
    Rule(
        "unregistered-server",
        Source.GENERIC,
        Severity.HIGH,
        "an MCP client config launches a server that is not in the registry: nobody watches it",
        "Register it (`driftwatch discover --add`, then review and approve its first scan) or "
        "remove it from the client config. Matched by what runs (package, image, script or URL), "
        "never by the name the config gives it.",
    ),
]

CATALOGUE: Mapping[str, Rule] = {
    r.id: r for r in (*_DETECTOR_RULES, *_DRIFT_RULES, *_LAUNCH_RULES, *_GENERIC_RULES)
}

ALIASES: Mapping[str, str] = {
    "cross-tool-shadowing": "cross-tool-instruction",
    "schema-side-channel": "side-channel-request",
    "tool-shadowing": "tool-name-collision",
}
"""Old rule id -> its new id (renamed so that each threat has one unambiguous name); kept for one
release, for suppressions and stored events written with the old ids."""


def canonical(rule_id: str) -> str:
    """The current id of `rule_id` (itself, unless it is an old alias)."""
    return ALIASES.get(rule_id, rule_id)


def rule(rule_id: str) -> Rule:
    """The catalogue entry of `rule_id` (or of the rule it is an old name of)."""
    try:
        return CATALOGUE[canonical(rule_id)]
    except KeyError:
        raise KeyError(f"{rule_id!r} is not in the rule catalogue (driftwatch/rules.py)") from None


def of(source: Source) -> dict[str, Rule]:
    return {r.id: r for r in CATALOGUE.values() if r.source is source}


OVERRIDABLE = frozenset({Source.DETECTOR, Source.DRIFT, Source.LAUNCH})


@dataclass(frozen=True)
class SeverityOverrides:
    """Per-rule severities an operator chose (`severity_overrides:` in the config), by current id.

    A detector rule's override replaces the severity of each finding it fires; a drift rule's
    replaces the severity it gives a change. `silent-change` is special: without an override it
    raises a change that already has evidence by one step; with one, it raises every unannounced
    change to at least that severity (`high` is the old behaviour, `low` makes it a label only).
    """

    by_rule: Mapping[str, Severity] = field(default_factory=dict)

    @classmethod
    def parse(cls, raw: Mapping[str, object]) -> SeverityOverrides:
        """`{rule-id: severity}` checked: a ValueError naming the first unknown rule or severity."""
        chosen: dict[str, Severity] = {}
        for rule_id, severity in raw.items():
            entry = CATALOGUE.get(canonical(str(rule_id)))
            if entry is None:
                raise ValueError(f"unknown rule {rule_id!r} in severity_overrides (see docs/contract.md)")
            if entry.source not in OVERRIDABLE:
                raise ValueError(f"rule {rule_id!r} names no signal of its own and cannot be overridden")
            chosen[entry.id] = severity if isinstance(severity, Severity) else Severity.parse(str(severity))
        return cls(chosen)

    def get(self, rule_id: str) -> Severity | None:
        """The operator's severity for `rule_id`, or None when it was not overridden."""
        return self.by_rule.get(canonical(rule_id))

    def severity(self, rule_id: str, default: Severity | None = None) -> Severity:
        """The operator's severity for `rule_id`, else `default`, else the catalogue's."""
        chosen = self.get(rule_id)
        if chosen is not None:
            return chosen
        return default if default is not None else rule(rule_id).severity

    def findings(self, findings: Iterable[Finding]) -> list[Finding]:
        """`findings` with each overridden rule's severity replaced."""
        if not self.by_rule:
            return list(findings)
        return [replace(f, severity=self.severity(f.rule, f.severity)) for f in findings]


NO_OVERRIDES = SeverityOverrides()
