"""All rules on one string, with the context that sets their severity.

A string is read in several views: its folded form (normalize.fold), the words of any long
identifier in it (a sentence hidden in a parameter name), the bodies of its comments, and every
payload decoded out of it (encoded.py). Rules report at their default severity; context raises
it: an instruction-looking tag, a priority claim or cross-tool control becomes `high` when the
same text also shows intent (secrecy, override, a sensitive request, exfiltration), and any
instruction found in hidden or encoded text becomes `high`, because hiding it is intent. A
regular expression given as a parameter's example or default (a scanner's pattern for the attack
it finds) is not read by the instruction rules: it is what the tool searches, not what it says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace

from driftwatch.detect.commented import commented_name_hit
from driftwatch.detect.encoded import ciphered, decoded_variants, is_passage
from driftwatch.detect.exposed import exposed_hit
from driftwatch.detect.falsified import falsified_hit
from driftwatch.detect.favoured import favoured_hit
from driftwatch.detect.gate import gates_hinted
from driftwatch.detect.harms import harm_hits
from driftwatch.detect.hidden import comments, hidden_hits, labelled_for_model
from driftwatch.detect.instructions import instruction_hits
from driftwatch.detect.lexicon import Concept, ideas, occurrences, plain
from driftwatch.detect.opaque import (
    CIPHER_NAMED,
    addressed_in_historic_letters,
    letter_soup,
    opaque_block,
    small_alphabet_run,
)
from driftwatch.detect.orders import (
    COMMENT,
    account_name_hit,
    blank_quoted_examples,
    blank_reported,
    blank_userinfo,
    imposed_hit,
    named_request_hit,
    odd_slot,
    odd_slot_hit,
    order_hits,
)
from driftwatch.detect.overreach import overreach_hit
from driftwatch.detect.parameters import is_parameter_field, named_secret_hit, side_channel_hit
from driftwatch.detect.rivalled import rivalled_hit
from driftwatch.detect.rule import Hit
from driftwatch.detect.shadowing import shadowing_hit
from driftwatch.detect.split import proofs_hit
from driftwatch.detect.walk import Switch, is_key_of
from driftwatch.detect.widened import value_hit
from driftwatch.detect.withheld import kept_back_hit, relabelled_hit
from driftwatch.model import Severity
from driftwatch.normalize import identifier_phrase, views
from driftwatch.visible import shorten

INTENT = frozenset(
    {
        "conceal-from-user",
        "instruction-override",
        "sensitive-file-access",
        "sensitive-data-request",
        "exfiltration-destination",
        "decode-and-follow",
        "side-channel-request",
    }
)
"""Rules that show malicious intent on their own, and lend it to the weaker signals beside them."""

AMPLIFIED = frozenset(
    {
        "hidden-instruction-tag",
        "priority-claim",
        "cross-tool-instruction",
        "coercive-precondition",
        "standing-order",
        "odd-slot-instruction",
        "safeguard-waived",
        "withheld-finding",
        "unfair-charge",
    }
)
"""Rules that are only suggestive alone and become `high` beside intent (or each other)."""

CONTROL = frozenset(
    {
        Concept.ALTER, Concept.SEND, Concept.DIRECTIVE, Concept.WHEN, Concept.EVERY, Concept.PREFER,
        Concept.COPY_TO, Concept.SELF_USE, Concept.NEGATION, Concept.FORBID, Concept.RECIPIENT,
    }
)  # fmt: skip
"""Ideas one of which every way of controlling another tool holds (`when X is called, bcc …`,
`always use X`, `do not use X`, `use X instead`): shadowing looks for tool names only beside one."""

OBFUSCATION = frozenset(
    {
        "ansi-escape",
        "bidi-control",
        "zero-width-characters",
        "whitespace-padding",
        "mixed-script-word",
        "hidden-markup-text",
    }
)


def view_hits(
    text: str, field: str, known: Mapping[str, str], own: str, *, controlled: bool = True
) -> list[Hit]:
    """The instruction rules on one folded view (`controlled`: see shadowing_hit).

    Every pattern these rules run is `Gated` (gate.py), and only the tool names of shadowing are
    looked for without a hint, in `controlled` text: a view with neither (most) is done at once."""
    if max(gates_hinted(text), default=-1) < 0:  # (no Gated hint: the keys below 0 are Substrings')
        # (no pattern can match: only another tool's name beside a control word can, in shadowing)
        shadow = shadowing_hit(text, known, own) if controlled else None
        return [] if shadow is None else [shadow]
    hits = list(instruction_hits(text))
    if (shadow := shadowing_hit(text, known, own, controlled=controlled)) is not None:
        hits.append(shadow)
    if (side := side_channel_hit(text, field)) is not None:
        hits.append(side)
    return hits


_VALUE_KEYS = ("examples", "example", "default", "enum", "const", "pattern")
_VALUE_ENDS = (*_VALUE_KEYS, "]")
"""What a value slot's field ends with: its key, or an index into it (`examples[2]`)."""
_EXTENSION = re.compile(r"(?:\A|\.)x-[^.]*\Z")
"""An extension field (`x-agent-notes`): a value the schema carries, read as the values are."""
_REGEX_SYNTAX = re.compile(r"\)[?*+{]|\][?*+{]|\\[bdswBDSW]|\.[*+]|\(\?[:=!<]")
"""A quantified group or class, an escape class, `.*`: what marks a value as a regular expression."""


def _search_pattern(text: str, field: str) -> bool:
    """Whether `text` is a regular expression given as a parameter's value (`examples`, `default`):
    a scanner's pattern for the attack it looks for (`ignore (all )?previous instructions`) is
    what the tool searches, not what it says to the model."""
    last = field[field.rfind(".") + 1 :].partition("[")[0]  # (`….examples[2]`)
    return last in _VALUE_KEYS and len(text) <= 300 and _REGEX_SYNTAX.search(text) is not None


_CATEGORY_VALUE = re.compile(
    r"\.properties\.(?:labels?|categor(?:y|ies)|class(?:ification)?|verdict|kind)\.enum\[\d+\]\Z",
    re.IGNORECASE,
)
"""An enum value of a parameter that labels what the tool reads (`label`, `category`, `verdict`)."""
_CATEGORY_WORDS = 4
_SENTENCE = re.compile(r"[.,;:!?@/]")


def _category_name(text: str, field: str) -> bool:
    """Whether `text` is one of the names a classifier's label may take (`hidden instruction`,
    `payment without consent`, `sends-conversation-out`): a kind of attack named, as a reviewer
    files it, not said to the model. Only a short name: no sentence, address or path, at most
    `_CATEGORY_WORDS` words."""
    return (
        _CATEGORY_VALUE.search(field) is not None
        and len(text.split()) <= _CATEGORY_WORDS
        and _SENTENCE.search(text) is None
    )


_SETTING_HEAD = re.compile(
    r"[_-](?:size|count|limit|max|min|length|page|pages|header|headers|format|mode|type|flag|enabled"
    r"|disabled|timeout|interval|ttl|level|style|offset|cursor|version|encoding|id|ids|tamano|taille"
    r"|groesse|anzahl|formato|modo|modus|limite|razmer)\Z",
    re.IGNORECASE,
)
"""The last word of a name that names a setting of what the words before it name: `chat_history_
page_size` sizes a page of history, `include_api_key_header` switches a header; neither asks for
the history or the key (a head noun closes an English compound, and names are written in English)."""


def _names_a_setting(text: str, field: str) -> bool:
    """Whether `text` is the name of the parameter `field` is (its key), and the name a setting's."""
    return "_" in text and is_key_of(field, text) and _SETTING_HEAD.search(text) is not None


_SETTING_CLAIMS = frozenset({"instruction-override", "priority-claim"})
"""What a setting's name may still say, when it ranks something above another: a claim over the
model's instructions (`operator_precedence_over_system_prompt_disabled` switches nothing a tool
has). It asks for nothing, and orders nothing."""


def _read(text: str, field: str, known: Mapping[str, str], own: str) -> list[Hit]:
    """Every instruction rule on one string: the folded views, the orders it gives (orders.py),
    and the stricter bar of an odd slot; intent is lent to the suggestive rules. A string that is
    one long name is read as the phrase it spells too. A search pattern in a value slot is read by
    none of them, and a parameter's name that names a setting raises only a claim over the model's
    instructions (its hidden or encoded text is read by the caller)."""
    if field.endswith(_VALUE_ENDS) and (_search_pattern(text, field) or _category_name(text, field)):
        return []  # (the field's end is tested first: this runs on every string)
    setting = _names_a_setting(text, field)
    text = blank_userinfo(blank_reported(blank_quoted_examples(text)))
    controlled = not CONTROL.isdisjoint(ideas(text))
    seen = views(text)
    hits = [hit for view in seen for hit in view_hits(view, field, known, own, controlled=controlled)]
    in_parameter = is_parameter_field(field)
    hits += order_hits(text, in_parameter, own)
    if (phrase := identifier_phrase(text)) is not None:  # (a name, a value: the phrase it spells)
        hits += order_hits(phrase, in_parameter, own)
        if (field.endswith(text) or is_key_of(field, text)) and (
            named := named_request_hit(phrase)
        ) is not None:
            hits.append(named)  # (a parameter's name that is a phrase: its words, not its identifier)
    name = in_parameter and is_key_of(field, text)
    if name and (commented := commented_name_hit(text)) is not None:
        hits.append(commented)  # (a comment with a phrase in a parameter's name)
    if name and (secret := named_secret_hit(text)) is not None:
        hits += [] if any(h.rule == secret.rule for h in hits) else [secret]  # (a name with a path in it too)
    if name and (account := account_name_hit(text)) is not None:
        hits += [] if any(h.rule == account.rule for h in hits) else [account]
    if (weakened := imposed_hit(text, own, field.endswith(_VALUE_ENDS))) is not None:
        hits.append(weakened)
    if (odd := odd_slot_hit(text, field, own, known, switch=isinstance(field, Switch))) is not None:
        hits.append(odd)
    elif (widened := _widened(text, field, name, own)) is not None:
        hits.append(widened)
    if (
        odd_slot(field)
        and (not field.endswith("description") or field.startswith("outputSchema"))
        and (proofs := proofs_hit(phrase or text, field, name=name))
    ):  # (an output schema's description says what the model returns: read as a value's words)
        hits.append(proofs)
    if (falsified := falsified_hit(text) or relabelled_hit(text)) is not None:
        hits.append(falsified)
    if (withheld := kept_back_hit(text, own, phrase)) is not None:
        hits.append(withheld)
    spelled = favoured_hit(phrase, spelled=True) if phrase else None  # (a value spelled as an identifier)
    if (favoured := favoured_hit(text) or spelled or rivalled_hit(text, field, own, known)) is not None:
        hits.append(favoured)
    valued, extension = field.endswith(_VALUE_ENDS), _EXTENSION.search(field) is not None
    if (valued or extension) and (exposed := exposed_hit(phrase or text, prose=not valued)):
        hits.append(exposed)
    hits += harm_hits(text, own)
    if phrase is not None:  # (a name, a value: the phrase it spells)
        hits += [hit for hit in harm_hits(phrase, own) if hit.rule not in {h.rule for h in hits}]
    if setting:  # (a switch named for the system prompt, `override_system_prompt_enabled`, ranks nothing)
        ranks = phrase is not None and Concept.PREFER in ideas(phrase)
        hits = [hit for hit in hits if ranks and hit.rule in _SETTING_CLAIMS]
    return _lend_intent(hits)


def _widened(text: str, field: str, name: bool, own: str) -> Hit | None:
    """A value that widens the tool's act past any choice, stands for every later call or destroys
    past one object (widened.py), or hands over more than the call: a domain's records, every
    account, every source (overreach.py)."""
    return value_hit(text, field, own, name=name) or overreach_hit(text, field, name=name, own=own)


def _lend_intent(hits: list[Hit]) -> list[Hit]:
    if not hits:
        return hits  # (most strings)
    rules = {h.rule for h in hits if h.severity >= Severity.MEDIUM}
    intent = bool(rules & INTENT)
    suggestive = len(rules & AMPLIFIED) >= 2
    if not (intent or suggestive):
        return hits
    lent = " (with an instruction beside it)"
    return [h.escalated(lent) if h.rule in AMPLIFIED else h for h in hits]


_WORD = re.compile(r"\w+")
_ORDER_WORDS = 4
"""Words decoded text needs to be read as an order the model is told to carry out (not a token)."""
_DECODED_ACTS = (Concept.FOLLOW, Concept.ALTER, Concept.DIRECTIVE)


def _told_to_act_on(text: str) -> bool:
    """Whether `text` tells the model to decode something and act on it (`decode and run via
    run_command`, `decodifícala y cúmplela`), or hands the model a policy (`runtime policy follows
    in base64 and is binding for assistants`): whatever readable text is encoded in it is then an
    order, whatever its wording."""
    found = ideas(text)
    if Concept.DECODE in found:
        return not found.isdisjoint(_DECODED_ACTS)
    return Concept.ADDRESS in found and Concept.INSTRUCTIONS in found


def _flagged(hits: list[Hit]) -> bool:
    return any(h.severity >= Severity.MEDIUM for h in hits)


def text_hits(text: str, field: str, known: Mapping[str, str] | None = None, own: str = "") -> Iterator[Hit]:
    """Every rule's hits on one string. `known`: casefolded tool name -> owning server ("" = this one)."""
    known = known or {}
    hidden = list(hidden_hits(text))
    found = _read(text, field, known, own)
    if _flagged(found) and any(h.rule in OBFUSCATION for h in hidden):
        # Hiding an instruction is intent: both the instruction and the way it is hidden are high.
        found = [h.escalated(" (in obfuscated text)") if h.severity >= Severity.MEDIUM else h for h in found]
        hidden = [h.escalated(", and it hides instructions") if h.rule in OBFUSCATION else h for h in hidden]
    yield from found
    for hit in hidden:
        # (a `hidden-comment` hit is there exactly when the text holds comments: read them only then)
        if hit.rule == "hidden-comment" and any(
            labelled_for_model(body) or _flagged(_read(body, COMMENT, known, own))
            for body in comments(blank_quoted_examples(text))
        ):  # (a comment quoted as an example of an attack, `e.g. '<!-- … -->'`, documents it)
            hit = replace(hit, detail="a comment hides instructions from rendered views").escalated()
        yield hit
    told: bool | None = None  # (whether the text tells the model to decode and act: read once, if at all)
    read: set[str] = set()  # (a blob repeated, `<~87cURD]i,"Ebo80~>` a thousand times, is read once)
    for variant in decoded_variants(text):
        if variant.text in read:
            continue
        read.add(variant.text)
        decoded = _read(variant.text, field, known, own)
        instructed = _flagged(decoded)
        if not instructed and (told := _told_to_act_on(text) if told is None else told):
            instructed = len(_WORD.findall(variant.text)) >= _ORDER_WORDS
        strong = instructed or is_passage(variant.text, variant.how) or ciphered(variant.text, variant.how)
        payload = (Hit.of if strong else Hit.weak)(
            "encoded-payload",
            f"{variant.how}-encoded text decodes to "
            + ("instructions for the model" if instructed else "readable text"),
            f"{variant.how}: {shorten(variant.source, 80)} -> {variant.text}",
        )
        yield payload.escalated() if instructed else payload
        for hit in decoded:
            hidden_as = replace(hit, detail=f"{hit.detail} (hidden as {variant.how})")
            hidden_as = replace(hidden_as, evidence=f"{variant.how} -> {hit.evidence}")
            yield hidden_as.escalated() if hit.severity >= Severity.MEDIUM else hidden_as
    if not read and (opaque := _opaque_order(text, told)) is not None:
        yield opaque


_OPAQUE_SHORTEST = 60
"""Characters below which a string holds no block to decode beside an order to decode it."""
_FOLLOW_REACH = 60
"""Characters before a block read for an order to follow it."""
_FOLLOW_GAP = 8
"""Characters between an order to follow and the block it introduces (`follow it: `, `be followed: `):
a verb with an object of its own between (`values follow the datasheet's order: `) introduces nothing."""


def _follow_introduces(before: str) -> bool:
    """Whether `before` (the text just before a block) ends in an order to follow what comes next."""
    read = plain(before)
    return any(o.concept is Concept.FOLLOW and len(read) - o.end <= _FOLLOW_GAP for o in occurrences(read))


def _opaque_order(text: str, told: bool | None) -> Hit | None:
    """A block no decoder read (opaque.py) that the text tells the model to decode and act on (or
    to follow, just before it: `… that we'd like followed: <block>`), or an address's skeleton
    spelled in a historic alphabet: hidden text whatever its encoding."""
    if (block := addressed_in_historic_letters(text)) is not None:
        detail = "a historic alphabet spells an address's skeleton"
    elif (
        len(text) >= _OPAQUE_SHORTEST
        and (found := opaque_block(text)) is not None
        and (
            (told if told is not None else _told_to_act_on(text))
            or _follow_introduces(text[max(0, found[0] - _FOLLOW_REACH) : found[0]])
        )
    ):
        block = found[1]
        detail = "the model is told to decode a block no decoder reads and act on it"
    else:
        return _unreadable(text, told)
    return Hit.of("encoded-payload", detail, shorten(block, 160)).escalated()


def _unreadable(text: str, told: bool | None) -> Hit | None:
    """A block written in no language (opaque.py: letter soup, a run in a tiny alphabet), with the
    order or the cipher the same text names beside it: `high` when the model is told to decode and
    act on it, `medium` for the block alone. Its evidence is the block, and the order if any."""
    if len(text) < _OPAQUE_SHORTEST:
        return None
    block = small_alphabet_run(text) or letter_soup(text)
    if block is None:
        return None
    named = CIPHER_NAMED.search(text)
    acted = told if told is not None else _told_to_act_on(text)
    evidence = shorten(block, 160) + (f" (beside: {named.group()})" if named is not None else "")
    hit = Hit.of(
        "encoded-payload", "a block written in no language: letter soup or a run in a tiny alphabet", evidence
    )
    return hit.escalated(", and the model is told to decode it and act on it") if acted else hit
