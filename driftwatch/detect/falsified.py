"""An order to write a good result over a bad one: a record falsified at the model's hand.

A poisoned tool need not send anything anywhere. It can tell the model to record a failed test as
passed, an uncertified person as certified, a job not done as done: the harm is in the record the
user relies on. The shape is the same in every language: a verb of recording or labelling with
the word that gives a thing its label (`as`, `comme`, `como`, `come`, `als`, `как`, `写成`, `と記録`,
`으로 표시`), a good status for that label (passed, certified, normal, 合格, 적합), and in the
same text the fact it contradicts (a negation, a failure, `even if`, `regardless`). A tool that
labels a failure as a failure, or a success as a success, holds no contradiction.

Three bounded regex passes (each alternation of literal words, no nested repeats) and the lexicon's
ideas already read for the text: linear in its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from driftwatch.detect.caseless import Caseless
from driftwatch.detect.gate import Substrings, casefolded
from driftwatch.detect.lexicon import Concept, ideas
from driftwatch.detect.rule import Hit

_MARK = re.compile(
    r"\b(?:as|comme|como|come|als|как|что)\b|«|(?<=\s)['\"“‘]|写成|写为|记为|记成|标为|标成|登记为|填成|填为"
    r"|记入|计入|计为|列为|算作|当作|作为"
    r"|\b(?:compté(?:e|s|es)?|counted|contad[oa]s?|contat[ie]|conteggiat[ie]|gezählt|засчитан\w{0,2})\b"
    r"|と記録|と記載|として記録|として登録|と表示|と書|(?:으?로|라고) ?(?:표시|기록|적|기재|등록)"
    r"|\b(?:mark|tick|stamp)(?:s|ed)? (?:it|them|each|every \w+|all)\b",
    re.IGNORECASE,
)
"""The word that gives a thing its label (`as`, `comme`, `como`, `als`, `как`, `«`), or a labelling
word that holds it (`写成`, `と記録`, `으로 표시`)."""
_ASCII_MARK = re.compile(
    r"a(?<!\wa)(?:s|ls)\b|c(?<!\wc)om(?:me|o|e)\b|'(?<=\s')|\"(?<=\s\")"
    r"|c(?<!\wc)ounted\b|c(?<!\wc)ontad(?:o|a|os|as)\b|c(?<!\wc)ont(?:at|eggiat)[ie]\b"
    r"|m(?<!\wm)ark(?:s|ed)? (?:it|them|each|every \w+|all)\b"
    r"|t(?<!\wt)ick(?:s|ed)? (?:it|them|each|every \w+|all)\b"
    r"|s(?<!\ws)tamp(?:s|ed)? (?:it|them|each|every \w+|all)\b"
)
"""`_MARK`'s alternatives that ASCII can match, case-sensitive (for lower-case text), each opening on
its first character (the `\\b` before it a lookbehind after it): the regex engine then skips in C to
the characters that can open one, where `_MARK`, case-insensitive and opening on `\\b`, is tried at
every character (six times slower)."""
_VERB_BEFORE = re.compile(
    r"\b(?:log|mark|list|record|report|show|describe|summari[sz]e|label|note|enter|register|sign|certify"
    r"|count|class|book|attribut|muestr|mostr|compt|contabiliz|zähl|счита|учитыва|классифиц"
    r"|writ|tick|return|state|treat"
    r"|file|flag|not|indiqu|marqu|inscri|enregistr|décri|decri|présent|present|rapport|anot|anót|registr"
    r"|marc|indic|describ|descrev|firm|assin|figur|pon|annot|segn|descriv|riport|trag|vermerk|markier"
    r"|notier|meld|beschreib|protokollier|führ|fuehr|zeichne|пиш|запиш|запис|укаж|указыв|отмеч|отмет"
    r"|помеч|фиксир|отраж)\w{0,7}\b[^.;\n]{0,60}\Z",
    re.IGNORECASE,
)
"""A verb of recording or labelling in any of the languages, within a few words before the label's
word (asked of the stretch before each, anchored at its end)."""


def _ascii_verbs(pattern: str) -> str:
    """The alternation of ASCII verbs that opens `pattern` (`\\b(?:log|mark|…)`, literal letters and
    classes only), each opening on its first letter, the `\\b` before it a lookbehind after it. A
    ValueError for any other shape: the verbs are read off `_VERB_BEFORE`, not written twice."""
    head, closed, _rest = pattern.partition(")")
    if not head.startswith(r"\b(?:") or not closed or re.search(r"[()?*+{\\]", head[5:]):
        raise ValueError(f"not an alternation of words: {head[:40]!r}…")
    verbs = [verb for verb in head[5:].split("|") if verb.isascii()]
    if not all(verb[:1].isalpha() for verb in verbs):
        raise ValueError("a verb that opens on no letter")
    return "|".join(f"{verb[0]}(?<!\\w{verb[0]}){verb[1:]}" for verb in verbs)


_ASCII_VERB_BEFORE = re.compile(f"(?:{_ascii_verbs(_VERB_BEFORE.pattern)})" + r"\w{0,7}\b[^.;\n]{0,60}\Z")
"""`_VERB_BEFORE`'s ASCII verbs, case-sensitive (for lower-case text), each opening on its first letter
(as `_ASCII_MARK`): whether it finds one in a stretch of ASCII text is whether `_VERB_BEFORE` does."""
_VERB_REACH = 76
"""Characters before a label's word read for its verb."""
_LABELLING = frozenset("写记标登填计列算当作とし으로라")
"""First characters of the labelling words that hold their verb (Chinese, Japanese, Korean)."""
_MARKING = (
    "mark",
    "tick",
    "stamp",
    "compt",
    "count",
    "contad",
    "contat",
    "conteggiat",
    "gezählt",
    "засчитан",
)
"""Verbs that give their object its label with no `as` (`mark it passed`, `comptés conformes`,
`counted compliant`, `als … gezählt` has its own)."""
_MARKS_READ = 8
"""Labels' words read per text at most (the cost stays linear)."""


def _marks(text: str, lowered: str | None) -> Iterator[re.Match[str]]:
    """`_MARK.finditer(text)`: for ASCII text (`lowered`: its lower case, else None), where `_ASCII_MARK`
    finds one in `lowered` (the same places), `_MARK` matched there, for its match on the text."""
    if lowered is None:
        yield from _MARK.finditer(text)
        return
    for found in _ASCII_MARK.finditer(lowered):
        if (mark := _MARK.match(text, found.start())) is not None:  # (always: the same alternative)
            yield mark


def labels(text: str) -> Iterator[re.Match[str]]:
    """The labels' words with a verb of recording before them (or labelling words that hold one), the
    first `_MARKS_READ` words read at most: withheld.relabelled_hit reads the label each gives."""
    lowered = text.lower() if text.isascii() else None  # (lower-casing ASCII moves no character)
    for count, mark in enumerate(_marks(text, lowered)):
        if count >= _MARKS_READ:
            return
        if mark.group()[0] in _LABELLING or mark.group().lower().startswith(_MARKING):
            yield mark  # (`写成`, `と記録`, `으로 표시`, `mark it`: the labelling word itself)
            continue
        start = max(0, mark.start() - _VERB_REACH)
        if lowered is None:
            verb = _VERB_BEFORE.search(text, start, mark.start())
        else:
            verb = _ASCII_VERB_BEFORE.search(lowered, start, mark.start())
        if verb is not None:
            yield mark


def _labelled(text: str) -> re.Match[str] | None:
    """The first label's word with a verb of recording before it (or a labelling word that holds one)."""
    return next(labels(text), None)


_GOOD = Caseless(
    r"\b(?:pass(?:ed)?|ok(?:ay)?|sound|original|documented|certified|inspected|verified|compliant|normal"
    r"|clean|safe|approved|valid|potable|healthy|intact|tested|checked|licensed|received|signed|delivered"
    r"|no issues|no defects|assinad[oa]s?|firmad[oa]s?|sign[ée]e?s?|unterschrieben|keine mängel|mängelfrei"
    r"|sin incidencias|sem problemas|senza problemi|без замечаний|без дефектов|подписан\w*"
    r"|examin[ée]e?s?|conformes?|valid[ée]e?s?|certifi[ée]e?s?|v[ée]rifi[ée]e?s?|sains?|normale?s?"
    r"|aprobad[oa]s?|correct[oa]s?|revisad[oa]s?|certificad[oa]s?|apt[oa]s?|verificad[oa]s?|aprovad[oa]s?"
    r"|approvat[oi]|certificat[oi]|verificat[oi]|idone[oi]|regolari?"
    r"|bestanden|geprüft|geprueft|zertifiziert|in ordnung|einwandfrei|konform"
    r"|норм\w*|сделан\w*|выполнен\w*|проверен\w*|исправн\w*|годн\w*)\b"
    r"|已取证|合格|正常|已检|通过|达标|已认证|无异常|没有问题|已签|適合|検査済|済み|問題なし|異常なし|署名済"
    r"|적합|합격|정상|통과|완료|이상 없음|문제없음",
)
"""A good status: what a falsified record claims (not `done`: task tools mark their own tasks so)."""

_FAILED = Caseless(
    r"\b(?:fail(?:s|ed|ing|ure)?|under|below|over the limit|could not|cannot|unsourced|without|with no"
    r"|miss(?:es|ed|ing)?|deviat\w*|out of tolerance|écart\w*|ecart\w*|abweich\w*|desv[ií]\w*"
    r"|scostament\w*|отклонен\w*|decay\w*|rott\w*|corro\w*|pourri\w*|podrid\w*|fäulnis|гнил\w*"
    r"|f[êe]l[ée]\w*|fissur\w*|fisur\w*|трещин\w*"
    r"|sans|sin|sem|senza|ohne|не|без|anyway|trotzdem|quand même|de todos modos|mesmo assim|comunque"
    r"|fall[aeoó]\w*|falh\w*|fallit\w*|fallisc\w*|échou\w*|echou\w*|échec|fehlgeschlagen|durchgefallen"
    r"|провал\w*|всё равно|все равно"
    r"|fault\w*|defect\w*|damage\w*|broken|crack\w*|expired|exceed\w*|elevated|über dem grenzwert"
    r"|ueber dem grenzwert|defekt\w*|schaden|schäden|panne|défaut|defaut|avería|averia|defecto|defeito|avaria"
    r"|guast\w*|difett\w*|неисправ\w*|дефект\w*|поврежд\w*|превыш\w*|повышен\w*)\b"
    r"|未|没|불합격|不合格|미달|없이|않|故障|损坏|缺陷|超过|超出|破損|不具合|超え|고장|파손|결함|초과|偏差|逸脱|편차|腐|裂|균열",
    starts=True,  # (a hundred words, each tried at every character otherwise: caseless.Starts)
)
"""A failure, a lack or a despite (`failed`, `falla`, `could not`, `without`, `trotzdem`, `не`, `未`,
`불합격`): the fact a good label contradicts (or the lexicon's `even if`, `regardless`). A bare
negation is not one: `marked as done but not yet approved` states an order of steps."""
_REACH = 24
_WORDS = re.compile(r"\w+")
"""Characters after the labelling word in which its good status must stand (a word or three)."""
_BEFORE = 20
"""Characters before a Japanese or Korean labelling word (which follows its label) read for it."""
_MARK_AFTER = frozenset("とし으로라")
"""First characters of the labelling words that follow the label they give (Japanese, Korean)."""


_MARKERS = Substrings((
    " as ", "comme", "como", "come ", " als ", "как", "что", "«", " '", ' "', " “", " ‘", "写", "记", "标",
    "填", "と記", "として", "と表示", "と書", "표시", "기록", "적", "기재", "등록", "mark", "tick", "stamp",
    "计", "列为", "算作", "当作", "作为", "compt", "counted", "contad", "contat", "conteggiat", "gezählt",
    "засчитан",
))  # fmt: skip
"""Substrings every labelling word holds (or sits beside): most text holds none, and the search of
`_LABELLED`, an alternation tried at every word, is then never run."""
_LACKS = Substrings((
    "fail", "under", "below", "limit", "could not", "cannot", "unsourced", "without", "with no", "sans",
    "sin ", "sem ", " sin", " sem", "-sin", "-sem",
    "senza", "ohne", "не", "без", "anyway", "trotzdem", "quand même", "de todos modos",
    "mesmo assim", "comunque", "fall", "falh", "échou", "echou", "échec", "fehlgeschlagen", "durchgefallen",
    "провал", "равно", "未", "没", "불합격", "不合格", "미달", "없이", "않",
    "fault", "defect", "damage", "broken", "crack", "expired", "exceed", "elevated", "grenzwert", "defekt",
    "schaden", "schäden", "panne", "défaut", "defaut", "avería", "averia", "defecto", "defeito", "avaria",
    "guast", "difett", "неисправ", "дефект", "поврежд", "превыш", "повышен", "故障", "损坏", "缺陷", "超过",
    "超出", "破損", "不具合", "超え", "고장", "파손", "결함", "초과",
    "miss", "deviat", "tolerance", "écart", "ecart", "abweich", "desvi", "desví", "scostament", "отклонен",
    "偏差", "逸脱", "편차", "decay", "rott", "corro", "pourri", "podrid", "fäulnis", "гнил", "fêl", "fele",
    "felé", "fissur", "fisur", "трещин", "腐", "裂", "균열",
), guards=(_FAILED,))  # fmt: skip
"""Substrings every word of `_FAILED` holds: the same gate for the fact a label contradicts."""


def falsified_hit(text: str) -> Hit | None:
    """An order to record a good status over a fact the same text contradicts, or None."""
    folded = casefolded(text)
    if not _MARKERS.any_in(folded):
        return None
    if not _LACKS.any_in(folded) and Concept.EVEN_IF not in ideas(text):
        return None
    labelled = _labelled(text)
    if labelled is None:
        return None
    before = labelled.group()[0] in _MARK_AFTER  # (`合格と記録`, `'적합'으로 표시`: the label first)
    start = max(0, labelled.start() - _BEFORE) if before else labelled.end()
    good = _GOOD.search(text, start, labelled.start() if before else labelled.end() + _REACH)
    if good is None or (not before and len(_WORDS.findall(text, labelled.end(), good.start())) > 1):
        return None  # (`as a commit signed with …`: the label is `a commit`, its status a detail of it)
    if Concept.EVEN_IF not in ideas(text) and _FAILED.search(text) is None:
        return None
    start, end = max(0, labelled.start() - 60), min(len(text), good.end() + 20)
    return Hit.of(
        "falsified-record",
        f"records {good.group()!r} over a fact the same text contradicts",
        text[start:end],
    )
