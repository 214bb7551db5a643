"""Instructions addressed to the model, rather than documentation for it.

Benign descriptions are full of imperatives ("IMPORTANT: paths must be absolute", "Always call
list_allowed_directories first", "Do not use this tool for…"), so no rule here fires on a keyword
alone: markup must be the kind that speaks to a model (`<SYSTEM>`, `[INST]`), secrecy must be
secrecy *toward the user*, an override must target the model's instructions or safety controls,
a priority claim must disparage or displace *other* tools. Negated forms ("never ignore previous
instructions") are defensive text and do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from driftwatch.detect.gate import Gated
from driftwatch.detect.rule import Hit
from driftwatch.detect.vocab import GAP, affirmed, span

STRONG_TAG = Gated(
    r"<\s*/?\s*(?:important|system|sys|hidden|secret|admin|override|critical|inst|system[ _-]?(?:prompt|message|"
    r"instructions?)|(?:ai|assistant|model|llm|agent)[ _-]?instructions?"
    r"|wichtig|geheim|versteckt|sistema|système|systeme|importante|secreto|segreto|segredo|oculto|nascosto|caché"
    r"|важно|система|секрет|скрыто|重要|系统|系統|秘密|システム|중요|시스템|비밀)\s*>"
    r"|<<\s*/?\s*sys\s*>>|<\|\s*/?\s*(?:system|im_start|im_end|assistant|endoftext)\s*\|>"
    r"|\[\s*/?\s*(?:inst|sys|system|important|hidden|admin|critical|secret|override)\s*(?:\]|:)"
    r"|(?<!\[)\[\[++\s*+(?:system|important|hidden|admin)|\{\{\s*(?:system|important|hidden)"
    r"|(?<!#)#{2,}+\s*+(?:system|hidden) (?:instructions?|prompt)\b"
    r"|(?<!#)#{2,}+ ?(?:system|admin)(?: (?:message|prompt|note))? ?:? ?(?:the (?:assistant|ai|model|llm|agent)"
    r"|you\b|assistant|ai\b|model|llm|agent|アシスタント|助手|模型|어시스턴트|ассистент|модель|assistent|asistente"
    r"|assistente|l'assistant|le modèle|il modello|el modelo|o modelo)"


    r"|(?<![a-z0-9])(?:system|admin|hidden|secret)[ _](?:instructions?|override|injection|directive|command)s?\b",
    ("<", "[", "{{", "##", "system", "admin", "hidden", "secret"),
)  # fmt: skip
"""Markup and headings that address the model itself: hidden-instruction blocks, chat-template tokens.
Runs of `[` or `#` are matched from their first character only, possessively: tried at every
position of a long run, they would cost the square of its length."""

WEAK_TAG = Gated(
    r"<\s*/?\s*(?:instructions?|context|priority|rules?|directive)\s*>"
    r"|\bnote (?:to|for) (?:the )?(?:ai|assistant|model|llm|agent)s?\b",
    ("<", "note "),
)  # fmt: skip
"""Markup that structures legitimate descriptions too (`<instructions>`, "note to LLM:"): a hint only."""

SECRECY = Gated(
    r"\b(?:do not|don't|never|must not|should not|without|avoid) (?:\w+ )?(?:tell|telling|mention|mentioning|"
    r"inform|informing|notify|notifying|alert|alerting|show|showing|display|displaying|disclose|disclosing|"
    r"reveal|revealing|explain|explaining|report|reporting|let|letting)"
    r"(?: (?:this|that|these|them|anything|any of this|these steps|these instructions))?(?: (?:to|with|know))? "
    r"(?:the |your |any )?(?:users?|human|anyone|operator|person)\b"
    r"|\b(?:do not|don't|never|must not|should not|without) (?:\w+ )?(?:mention|mentioning|say|saying|reveal|"
    r"revealing|disclose|disclosing|tell|telling|acknowledge|acknowledging|indicate|indicating|explain|explaining)"
    r" (?:that|this|these instructions|the instructions|you|you're|you are|where|why|how you)\b"
    r"|\bthe user (?:must|should|need|needs|will|does|may) (?:not|never) (?:\w+ )?(?:know|see|notice|find out|learn|"
    r"be (?:told|informed|aware|notified|alerted))\b"
    r"|\b(?:hide|conceal) (?:this|it|that|these|them|the \w+)(?: \w+)? from (?:the )?users?\b"
    r"|\b(?:keep|treat) (?:this|these|it|the following)(?: \w+)? (?:secret|hidden|confidential|private)\b"
    r"|\bpresent (?:it|this|them) as if\b|\bthis (?:could|would|might|will) (?:upset|alarm|worry|scare|confuse) "
    r"the user\b|\bwithout (?:the user'?s? )?(?:knowledge|noticing|awareness)\b"
    r"|\b(?:silently|secretly|covertly|quietly|invisibly) (?:read|send|include|copy|forward|add|collect|upload|"
    r"access|exfiltrate|bcc|attach|append|pass|call|execute|run|change|replace|redirect)\b"
    r"|\bmere implementation detail\b",
    (
        "not", "n't", "never", "without", "avoid", "user", "keep", "treat", "as if", "silently", "secretly",
        "covertly", "quietly", "invisibly", "mere implementation",
    ),
)  # fmt: skip
"""Secrecy toward the user: the one thing a legitimate tool never asks of the model."""

OVERRIDE = Gated(
    r"\b(?:ignore|disregard|forget|override|bypass|overrule|supersede) (?:all |any |the |every )?(?:of )?(?:the |your )?"
    r"(?:previous|prior|above|earlier|preceding|former|original|your|existing|system|safety|security|user'?s?|"
    r"developer'?s?|initial|default|any|all)(?: \w+){0,2} (?:instructions?|directions?|prompts?|rules|guidelines|"
    r"guardrails|restrictions|policies|constraints|messages|directives|commands)\b"
    r"|\b(?:reveal|print|output|show|repeat|leak|disclose|dump) (?:your |the )?(?:full |entire |complete |hidden )?"
    r"(?:system prompt|hidden instructions|initial instructions|system message|instructions above)\b"
    r"|\b(?:disable|deactivate|bypass|circumvent|turn off|switch off) (?:all |any |the )?(?:\w+ )?(?:security|safety|"
    r"content)(?: \w+)? (?:guardrails|checks|restrictions|filters|controls|measures|policies|protocols|mechanisms)\b"
    r"|\b(?:disable|bypass|turn off|remove) (?:all |any |the )?(?:guardrails|safety checks|safety filters)\b"
    r"|\bgrant (?:\w+ ){0,2}(?:unrestricted|unlimited|full system|root|superuser) (?:access|privileges|permissions)\b"
    r"|\bsecurity_level ?= ?0\b|\b(?:escalate|elevate) (?:your |the )?(?:privileges|permissions)\b"
    r"|\bnew (?:system )?instructions ?:|\bfrom now on,? (?:you|ignore|always|never)\b"
    r"|\byour (?:new|real|true) (?:task|role|instructions|goal|purpose)\b",
    (
        "ignore", "disregard", "forget", "override", "bypass", "overrule", "supersede", "system prompt",
        "hidden instructions", "initial instructions", "system message", "instructions", "disable",
        "deactivate", "circumvent", "turn off", "switch off", "guardrails", "safety", "grant",
        "security_level", "escalate", "elevate", "from now on", "your new", "your real", "your true",
    ),
)  # fmt: skip
"""Attempts to replace the model's instructions or switch off its safety controls."""

PRIORITY = Gated(
    r"\b(?:takes?|has|have|given|gets?) (?:absolute |highest |top |the highest |full )?(?:precedence|priority) over\b"
    r"|\b(?:prioriti[sz]e|prefer|favou?r|choose|select|use|trust) this (?:tool|function|server)(?: \w+)? "
    r"(?:over|instead of|rather than|above) (?:any|all|every|other|the other)\b"
    r"|\b(?:ignore|do not use|don't use|never use|avoid(?: using)?|stop using|instead of(?: using)?) (?:all |any )?"
    r"(?:the )?other (?:\w+ ){0,2}(?:tools?|servers?|functions?|converters?|services?|alternatives|implementations?)\b"
    r"|\bother (?:\w+ ){0,2}(?:tools?|servers?|functions?|converters?|services?|alternatives|implementations?) (?:are|is) "
    r"(?:\w+ )?(?:buggy|broken|deprecated|unsafe|insecure|malicious|unreliable|outdated|compromised|inaccurate|"
    r"dangerous|fake|untrusted)\b"
    r"|\b(?:always|only) (?:use|prefer|choose|call) this (?:tool|function|server)(?: instead| over| rather| no matter|"
    r" for (?:all|every|any))"
    r"|\bthe only (?:\w+ ){0,2}(?:tool|converter|server|function|source|service)(?: \w+)? (?:you should|you can|to) "
    r"(?:trust|use)\b|\b(?:the )?(?:most|only) (?:trusted|trustworthy|reliable|authoritative) (?:\w+ )?"
    r"(?:tool|source|server)\b|\bis mandatory for (?:all|every|any)\b"
    r"|\b(?:overrides?|supersedes?|replaces?) (?:the )?(?:instructions|rules|descriptions?|tools?) (?:given by|of|from) "
    r"(?:other|all|any)\b"
    r"|\byou are now\b|\bact as (?:an? |the )?(?:admin|administrator|root|system|developer|superuser|unrestricted|"
    r"jailbroken)\b|\bpretend (?:to be|you are|that you)\b|\b(?:enter|enable|activate|switch to) developer mode\b"
    r"|\bjailbreak (?:yourself|mode)\b|\bdo anything now\b",
    (
        "precedence", "priority", "this tool", "this function", "this server", "other", "the only", "trust",
        "reliable", "authoritative", "mandatory", "override", "supersede", "replace", "you are now",
        "act as", "pretend", "developer mode", "jailbreak ", "do anything now",
    ),
)  # fmt: skip
"""Claims over other tools or the model's role: manipulation, not documentation."""

DECODE_AND_FOLLOW = Gated(
    r"\b(?:decode|decrypt|deobfuscate|unscramble|de-?rot13|reverse)\b" + GAP
    + r"\b(?:follow|execute|obey|comply with|act on|carry out|apply)\b",
    ("decode", "decrypt", "deobfuscate", "unscramble", "rot13", "reverse"),
)  # fmt: skip

COERCION = Gated(
    r"\b(?:otherwise|or else|if not|failure to do so|failing to do so|if you (?:do not|don't|skip this))\b,? "
    r"(?:\w+ ){0,3}(?:will|would|may|might|can) ?(?:not|never|fail|break|crash|be (?:rejected|blocked|denied))"
    r"|\b(?:tool|function|this) (?:will|would) (?:not|never) work (?:unless|without|if you (?:do not|don't))\b"
    r"|\brequired for (?:the )?(?:tool|proxy|authentication|authorization|verification) to work\b",
    ("otherwise", "or else", "if not", "failure to do so", "failing to do so", "if you", "work"),
)  # fmt: skip
"""`otherwise the tool will not work`: a false precondition, sinister only beside an odd request."""


def _first(pattern: Gated, text: str) -> re.Match[str] | None:
    return next(affirmed(pattern, text), None)


_NAMED_AS_MARKUP = re.compile(r"\s*(?:blocks?|tags?|markers?|sections?|elements?|headers?|headings?)\b")
"""`<IMPORTANT> blocks`: a tag named as a kind of markup (documentation of attacks), not used as one."""


def _used_tag(text: str) -> re.Match[str] | None:
    return next((t for t in STRONG_TAG.finditer(text) if _NAMED_AS_MARKUP.match(text, t.end()) is None), None)


def instruction_hits(text: str) -> Iterator[Hit]:
    """Rules on one folded text, at their default severity (analyze.py raises them with context)."""
    if (tag := _used_tag(text)) is not None:
        yield Hit.of(
            "hidden-instruction-tag",
            "markup that addresses the model directly",
            span(text, tag.start(), tag.end()),
        )
    elif (tag := WEAK_TAG.search(text)) is not None:
        yield Hit.weak(
            "hidden-instruction-tag",
            "instruction markup (common in benign descriptions too)",
            span(text, tag.start(), tag.end()),
        )
    if (secrecy := SECRECY.search(text)) is not None:
        yield Hit.of(
            "conceal-from-user",
            "tells the model to keep something from the user",
            span(text, secrecy.start(), secrecy.end()),
        )
    if (override := _first(OVERRIDE, text)) is not None:
        yield Hit.of(
            "instruction-override",
            "tries to override the model's instructions or safety controls",
            span(text, override.start(), override.end()),
        )
    if (priority := _first(PRIORITY, text)) is not None:
        yield Hit.of(
            "priority-claim",
            "claims precedence over other tools, disparages them, or gives the model a new role",
            span(text, priority.start(), priority.end()),
        )
    if (decode := _first(DECODE_AND_FOLLOW, text)) is not None:
        yield Hit.of(
            "decode-and-follow",
            "asks the model to decode hidden text and act on it",
            span(text, decode.start(), decode.end()),
        )
    if (coercion := COERCION.search(text)) is not None:
        yield Hit.of(
            "coercive-precondition",
            "claims the tool fails unless the model complies",
            span(text, coercion.start(), coercion.end()),
        )
