"""Markup that speaks to the model, and false preconditions: the two rules that read form, not meaning.

What an order *says* (secrecy, overrides, claims over other tools, exfiltration) is read by
orders.py from the ideas it is made of, in any language. This module keeps what only the shape of
the text shows: markup of the kind that addresses a model (`<SYSTEM>`, `[INST]`, `<|im_start|>`,
a `### System` heading, tags in other languages such as `<WICHTIG>` or `<重要>`), which structures
benign descriptions too only in its weaker forms (`<instructions>`), and the English
"otherwise the tool will not work" that makes an odd request look required.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from driftwatch.detect.gate import Gated
from driftwatch.detect.rule import Hit
from driftwatch.detect.vocab import span

STRONG_TAG = Gated(
    r"<\s*/?\s*(?:important|system|sys|hidden|secret|admin|override|critical|inst|system[ _-]?(?:prompt|message|"
    r"instructions?)|(?:ai|assistant|model|llm|agent)[ _-]?instructions?"
    r"|wichtig|geheim|versteckt|sistema|système|systeme|importante|secreto|segreto|segredo|oculto|nascosto|caché"
    r"|важно|система|секрет|скрыто|重要|系统|系統|秘密|システム|중요|시스템|비밀)\s*>"
    r"|<<\s*/?\s*sys\s*>>|<\|\s*/?\s*(?:system|im_start|im_end|assistant|endoftext)\s*\|>"
    r"|\[\s*/?\s*(?:inst|sys|system|important|hidden|admin|critical|secret|override)\s*(?:\]|:)"
    r"|\[(?<!\[\[)\[++\s*+(?:system|important|hidden|admin)|\{\{[#/~]?\s*(?:system|important|hidden|assistant)"
    r"|</(?:[a-z]{1,20}[-_:]){0,3}(?:ai|assistant|model|llm|agent|system|bot|claude|gpt)(?:[-_:][a-z]{1,20}){0,3}>"
    r"|#(?<!##)#++\s*+(?:system|hidden) (?:instructions?|prompt)\b"
    r"|#(?<!##)#++ ?(?:system|admin)(?: (?:message|prompt|note))? ?:? ?(?:the (?:assistant|ai|model|llm|agent)"
    r"|you\b|assistant|ai\b|model|llm|agent|アシスタント|助手|模型|어시스턴트|ассистент|модель|assistent|asistente"
    r"|assistente|l'assistant|le modèle|il modello|el modelo|o modelo)",
    ("<", "[", "{{", "##"),
)  # fmt: skip
"""Markup and headings that address the model itself: hidden-instruction blocks, chat-template tokens,
a closing tag named for the model (`</assistant-only>`: a placeholder like `<model-id>` is never
closed), handlebars role blocks (`{{#system}}`).
Runs of `[` or `#` are matched from their first character only, possessively: tried at every
position of a long run, they would cost the square of its length. Every alternative starts with
a literal character (a lookbehind comes after it): the engine then skips to those characters
instead of trying the whole pattern at every position."""

ROLE_WORDS = Gated(
    r"(?:system|admin|hidden|secret)(?<![a-z0-9]system)(?<![a-z0-9]admin)(?<![a-z0-9]hidden)(?<![a-z0-9]secret)"
    r"[ _](?:instructions?|override|injection|directive|command)s?\b",
    ("system", "admin", "hidden", "secret"),
)
"""`system instructions`, `admin_override`: a hidden-instruction block named in words (kept apart
from STRONG_TAG so that the markup pattern keeps its fast first-character scan)."""

WEAK_TAG = Gated(
    r"<\s*/?\s*(?:instructions?|context|priority|rules?|directive)\s*>"
    r"|\bnote (?:to|for) (?:the )?(?:ai|assistant|model|llm|agent)s?\b",
    ("<", "note "),
    ("<", "note "),  # (each branch's first word: the pattern is tried only where one stands)
)  # fmt: skip
"""Markup that structures legitimate descriptions too (`<instructions>`, "note to LLM:"): a hint only."""

COERCION = Gated(
    r"\b(?:otherwise|or else|if not|failure to do so|failing to do so|if you (?:do not|don't|skip this))\b,? "
    r"(?:\w+ ){0,3}(?:will|would|may|might|can) ?(?:not|never|fail|break|crash|be (?:rejected|blocked|denied))"
    r"|\b(?:tool|function|this) (?:will|would) (?:not|never) work (?:unless|without|if you (?:do not|don't))\b"
    r"|\brequired for (?:the )?(?:tool|proxy|authentication|authorization|verification) to work\b",
    (
        "otherwise", "or else", "if not", "failure to do so", "failing to do so",
        "if you do not", "if you don't", "if you skip this", "not work", "never work", "required for",
    ),
)  # fmt: skip
"""`otherwise the tool will not work`: a false precondition, sinister only beside an odd request.
(Hinted by `not work` and `required for`, which its last branches hold, not by `work` and `if you`:
the pattern is tried at every character of a text it runs on, and `work` is in most descriptions.)"""


_NAMED_AS_MARKUP = re.compile(
    r"(?:\s*(?:,|and|or|/)\s*[<\[][^\s<>\[\]]{1,30}[>\]]){0,6}\s*(?:(?:blocks?|tags?|markers?|sections?|elements?|headers?"
    r"|headings?|balises?|etiquetas?|etichett[ae]|tegs?)\b|теги|тег|标签|标记|タグ|태그)"
)
"""`<IMPORTANT> blocks`, `<IMPORTANT> and [SYSTEM] blocks`: a tag named as a kind of markup (alone or
in a list of tags), documentation of attacks, not used as one."""


_MARKUP_BEFORE = re.compile(
    r"(?:\b(?:tags?|markers?|markup|blocks?|tokens?|теги|тегов|тег|terи|terob|балис\w{0,2}|balises?|etiquetas?"
    r"|etichett\w)"
    r"|标签|标记|タグ|태그)\b(?:[^.;:!?\n]|\.\.\.){0,40}\Z"
)
"""`fake system tags like <|im_start|>`, `теги <IMPORTANT>`: a tag named as markup just before it
(`terи`, `terob`: `теги`, `тегов` in the folded view, whose look-alike letters are Latin). An ellipsis
does not end the naming (`blocks like <IMPORTANT>...</IMPORTANT>`)."""


_SOUGHT_BEFORE = re.compile(
    r"\b(?:for|contains?|containing|detects?|detecting|scans?|scanning|audits?|flags?|reviews?|finds?"
    r"|(?:looks?|checks?|searche?s?) for)\b[^.;!?\n]{0,40}\Z"
)
"""`audits … for tool poisoning: hidden instructions in …`, `descriptions that contain hidden
instructions`: the object of a search, or what a text is said to hold, is named, not given."""


_OPEN_QUOTES = "'\"‘“`«「"
_CLOSE_QUOTES = "'\"’”`»」"
_PLACEHOLDER_BEFORE = re.compile(
    r"(?:\b(?:as|with|by|into|como|comme|par|als|durch|come|con|em|как|на)|→|->)\s*['\"`‘“]?\Z"
)
"""`mask them as [secret]`, `replace it with [hidden]`: a tag given as the text that replaces
something (a placeholder, a mask), not markup around an instruction."""


def _named(text: str, tag: re.Match[str], *, words: bool = False) -> bool:
    """Whether the tag is named as a kind of markup, after it or just before it, quoted alone
    (`'<IMPORTANT>'`) or given as a placeholder (`mask it as [secret]`), not used as one;
    `words`: a block named in words (`hidden instructions`) is named too as what is sought."""
    if _NAMED_AS_MARKUP.match(text, tag.end()) is not None:
        return True
    before = text[tag.start() - 1] if tag.start() else ""
    after = text[tag.end()] if tag.end() < len(text) else ""
    if (before and before in _OPEN_QUOTES and after and after in _CLOSE_QUOTES) or (
        _PLACEHOLDER_BEFORE.search(text, max(0, tag.start() - 14), tag.start()) is not None
    ):
        return True
    if words and _SOUGHT_BEFORE.search(text, max(0, tag.start() - 56), tag.start()) is not None:
        return True
    return _MARKUP_BEFORE.search(text, max(0, tag.start() - 56), tag.start()) is not None


def _used_tag(text: str) -> re.Match[str] | None:
    """The first tag used as markup, of either pattern (most text holds no hint of either)."""
    first: re.Match[str] | None = None
    for pattern in (STRONG_TAG, ROLE_WORDS):
        if pattern.possible(text):
            words = pattern is ROLE_WORDS
            used = next((t for t in pattern.finditer(text) if not _named(text, t, words=words)), None)
            if used is not None and (first is None or used.start() < first.start()):
                first = used
    return first


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
    if (coercion := COERCION.search(text)) is not None:
        yield Hit.of(
            "coercive-precondition",
            "claims the tool fails unless the model complies",
            span(text, coercion.start(), coercion.end()),
        )
