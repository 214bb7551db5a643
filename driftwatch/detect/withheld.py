"""A fact kept from someone else: an order to leave a fact out of, or misstate it in, what the model
writes for a third party.

Concealment need not be aimed at the user. A tool can have the model write a report, a confirmation
or a message for a customer, a patient, a tenant or a homeowner, and tell it to leave a defect, a
positive test, an alarm or a fee out of it, or to describe it otherwise (`describe the boiler as
'serviced'`). The shape is grammatical in every language: a written thing addressed to a party
(`the report to the tenant`, `Bericht an den Kunden`, `informe para el comprador`, `顧客向け報告書`),
a verb of leaving out (`leave out`, `weglassen`, `no lo incluye`, `non vanno riportati`, `載せず`) or
of wording with a label after it (`describe … as '…'`, `scrive solo '…'`, `「…」と記載`), and in the
same text a fact of the kind that is hidden (a defect, a breach, a reading over the limit). An
account others read by its nature (a postmortem, the minutes of a meeting, a board update) needs no
party named, and one written to account to reviewers, auditors or a board is kept clean of a
lateness, an outage or a matter of security as a customer's is of a defect. Dropping personal data,
keys or internal fields from such a text is what a careful tool does: not a hit. An order given
to the model itself, in the imperative or the must form, to leave an unfavourable fact (an incident,
a complaint, a refund, an expense, an error) out of an output it writes (a report, a summary, a
digest, a log, an export) needs no reader named either (`omitted_hit`); one to leave out secrets,
personal data or what is only formatting (empty sections, null fields, unchanged files) is not one.
Which facts an account is kept clean of no list can name: an entry kept out of an account written
for others (a report, a summary, minutes; named in the sentence or in the tool's own name) by the
grammar of leaving out in each language (`_NOT_PUT`) needs no fact of a listed kind at all.
Nor does the model's own act taken out of a record of acts (`own_records_hit`): the model named as the
actor of what a log, a history, an audit trail or an account holds (`actor is this agent`, `the
commands you ran`, `que l'agent a ouvertes`, `내가 삭제한`) and a verb of taking out; whoever reads
the record is kept from what the model did, whatever it did.

Bounded alternations of literal words, run per sentence of a text holding a party and a fact
(a fixed number of sentences): linear in the text's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain, islice

from driftwatch.detect.caseless import Caseless
from driftwatch.detect.falsified import _FAILED, _GOOD, _LACKS, _MARK_AFTER, labels
from driftwatch.detect.gate import Gated, Substrings, casefolded, keep_last, per_name
from driftwatch.detect.lexicon import (
    NEGATING,
    NEGATIONS,
    PARTY,
    PARTY_WORDS,
    SENTENCE_STOPS,
    UNTIL_WORDS,
    WATCHED,
    Concept,
    ideas,
    occurrences,
    plain,
)
from driftwatch.detect.rule import Hit

_CLIENT = Caseless(
    r"\b(?:customers?|clients?|homeowners?|owners?|parents?|clinicians?|proposers?|guests?|landlords?"
    r"|\w{0,12}kunden?|eltern|eigentümer\w{0,2}|propriétaires?|parents|clientes?|propietari[oa]s?|padres"
    r"|clienti|proprietari[oa]?|genitori|proprietári[oa]s?|pais|клиент\w{0,3}|владел\w{0,4}|родител\w{0,3})\b"
    r"|顧客|お客様|保護者|客户|客戶|家长|房主|고객|보호자|집주인",
)
"""Third parties a business writes to that lexicon PARTY leaves out (it names the counterparts a
reply is for): customers, owners, parents."""
_OVERSEER_STEMS = (
    "reviewer", "auditor", "regulator", "investor", "inspector", "board", "executives", "management",
    "prüfer", "vorstand", "aufsicht", "geschäftsführung", "auditeur", "régulateur", "investisseur",
    "direction", "revisor", "revisori", "junta", "directiva", "reguladores", "inversores", "diretoria",
    "conselho", "investidores", "consiglio", "direzione", "investitori", "аудитор", "ревизор", "правлени",
    "руководств", "инвестор", "регулятор",
)  # fmt: skip
_OVERSEER_WIDE = (
    "审计", "董事会", "管理层", "评审", "监管", "監査", "取締役会", "経営陣", "レビュアー",
    "감사인", "이사회", "경영진", "검토자",
)  # fmt: skip
_OVERSEER = re.compile(
    rf"\b(?:{'|'.join(_OVERSEER_STEMS)})\w{{0,8}}\b|{'|'.join(_OVERSEER_WIDE)}", re.IGNORECASE
)
"""Those a report is written to account to: reviewers, auditors, a board, regulators, investors,
management (a stem and its endings: `auditors`, `Aufsichtsrat`, `revisores`)."""
_OVERSEERS = Substrings((*_OVERSEER_STEMS, *_OVERSEER_WIDE), guards=(_OVERSEER,))
"""Substrings of `_OVERSEER` (folded): most text names none, and it is not searched then."""
_ACCOUNT = re.compile(
    r"\b(?:post-?mortems?|meeting minutes|minutes of the|board (?:update|pack|report)s?|audit reports?"
    r"|sitzungsprotokoll\w{0,2}|protokoll|procès-verbal|proces-verbal|acta|ata|verbale|протокол\w{0,2})\b"
    r"|会议纪要|纪要|議事録|회의록",
    re.IGNORECASE,
)
"""A written account others read by its nature, who need no naming: a postmortem, the minutes of a
meeting, a board update, an audit report."""
_ACCOUNTS = Substrings((
    "postmortem", "post-mortem", "meeting minutes", "minutes of the", " board ", "audit report",
    "protokoll", "procès-verbal", "proces-verbal", " acta", " ata", "verbale", "протокол", "纪要", "議事録",
    "회의록",
), guards=(_ACCOUNT,))  # fmt: skip
"""Substrings every word of `_ACCOUNT` holds (folded)."""
_PARTY = Gated(PARTY.pattern, PARTY_WORDS, PARTY_WORDS)
"""lexicon PARTY, searched only where one of its words stands: the text read here is long (it names a
written thing, a fact and a leaving out), and a party named in it is rare."""
_ARTEFACT = Caseless(
    r"\b(?:reports?|summary|summaries|messages?|confirmations?|letters?|notices?|repl(?:y|ies)|responses?"
    r"|e-?mails?|texts?|statements?|updates?|invoices?|\w{0,12}bericht|zusammenfassung|nachricht|bestätigung"
    r"|brief|schreiben|mitteilung|antwort|rapport|résumé|compte rendu|lettre|réponse|avis|informe|resumen"
    r"|mensaje|carta|respuesta|aviso|rapporto|riepilogo|messaggio|lettera|risposta|relatório|relatorio"
    r"|resumo|mensagem|resposta|отч[её]т\w{0,2}|сводк\w{0,2}|сообщени\w{0,2}|письм\w{0,2}|ответ\w{0,2})\b"
    r"|-facing|报告|摘要|通知|回复|邮件|報告|レポート|メッセージ|回答|向け|보고서|요약|메시지|안내문|답변|통지",
)
"""A written thing: a report, a summary, a message, a reply (or `-facing`, `向け`: written for)."""
_ARTEFACT_REACH = 60
"""Characters between a written thing and the party it is for (`the summary the assistant writes for
students`), either side (`proposer-facing summary`, `顧客向け報告書`)."""

_LEFT_OUT = Caseless(
    r"\b(?:omit\w{0,4}|leav\w{0,3} (?:\w+ ){0,3}out|left (?:\w+ ){0,3}out|exclud\w{0,4}|downplay\w{0,3}"
    r"|(?:not|never) (?:be )?(?:mention|includ|repeat|list|report|show|disclos)\w{0,4}"
    r"|weglass\w{0,3}|auslass\w{0,3}|nicht (?:erwähn|angeb|aufführ|nenn)\w{0,3}|verschweig\w{0,3}"
    r"|omett\w{0,4}|omis\w{0,2}|retir[ée]\w{0,2}|pas mentionn\w{0,3}|jamais signal\w{0,3}"
    r"|omit\w{0,4}|no (?:lo |la |los |las )?(?:incluy|mencion|indiqu|indic)\w{0,4}|excluy\w{0,4}"
    r"|non (?:vanno |va |devono |deve )?(?:riportat|menzionat|inclus|indicat)\w{0,2}|esclud\w{0,4}"
    r"|não (?:inclu|mencion|inform|cit)\w{0,4}|exclu\w{0,4}"
    r"|не (?:упомина|указыва|укажи|включа|сообща)\w{0,4}|опуст\w{0,4}|исключ\w{0,4}|умалчива\w{0,3}"
    r"|drop(?:s|ped|ping)? (?:\w+ ){0,3}(?:entr|line|item|row|mention|part|section)\w{0,3}"
    r"|skip(?:s|ped|ping)?"
    r"|leav\w{0,3} (?:\w+ ){0,5}aside|(?:not|never) appear|streich\w{0,3}|herausnehm\w{0,3}"
    r"|quit(?:a|ar|en|ad|ando)|sac(?:a|ar|ad|ue)|tir(?:a|ar|em)|togli\w{0,3}|убр\w{1,3}|убер\w{1,3}"
    r"|вычеркн\w{0,3})"
    r"|不要提及|不提|不写|省略|略去|删去|去掉|拿掉|不列入|不包括|隐去|載せず|載せない|記載せず|記載しない|含めず|含めない"
    r"|触れず|触れない|伏せ|省き|省く|省いて|빼(?:고| 주|주|세요)|제외|생략|언급하지|기재하지|포함하지",
)
"""A verb of leaving a thing out of a text, in each language (with the negation that makes it one)."""
_WORDED = Caseless(
    r"\b(?:describ\w{0,3}|word\w{0,3}|label+\w{0,3}|says?|lists?|present\w{0,3}|stat(?:e|es|ed)|call\w{0,3}"
    r"|beschreib\w{0,3}|bezeichn\w{0,3}|formulier\w{0,3}|darstell\w{0,3}|décri\w{0,3}|présent\w{0,3}"
    r"|qualifi\w{0,3}|descri\w{0,4}|presenta\w{0,2}|scriv\w{0,3}|scrive|apresent\w{0,3}|descrev\w{0,3}"
    r"|описыва\w{0,3}|называ\w{0,3}|представля\w{0,3})\b"
    r"|と記載|と書|と説明|描述为|写成|表述为|라고 (?:기재|표시|설명|안내)",
)
"""A verb of wording a thing, which a label follows (`describes ventilation as 'checked and fine'`)."""
_LABEL = re.compile(r"['\"“‘«「]|\bwithin (?:limits|target|range)\b|\bbalanced\b|\bfine\b|\bunchanged\b")
"""The label a worded thing is given: a quotation, or a good status (with falsified._GOOD)."""
_HIDDEN_FACT = Caseless(
    r"\b(?:breach\w{0,2}|alarm\w{0,2}|risk\w{0,2}|incident\w{0,2}|positiv\w{0,2}|residu\w{0,3}|beyond"
    r"|outside|above|overtime|critical|complaints?|leak\w{0,3}|fees?|surcharge|price increase|vulnerab\w{0,6}"
    r"|true value|real (?:cause|reason)|mangel|mängel|befund\w{0,2}|réclamation\w{0,2}|reclamation\w{0,2}"
    r"|incidente?s?|humedad|encima del límite|residuos|rischi\w?|riesgo|risco|инцидент\w{0,2})\b"
    r"|欠陥|緊急|脆弱|重大|漏れ|事故|隐患|泄漏|超标|위험|누수|사고",
)
"""Facts of the kind kept from a third party, with falsified._FAILED (a fault, a defect, a failure)."""
_SLIP = re.compile(
    r"\b(?:late|security|auth|crypto|outages?|stoppages?|downtime|churn|verspät\w{0,3}|sicherheit\w{0,2}"
    r"|ausf[aä]ll\w{0,2}|störung\w{0,2}|retard\w{0,2}|sécurité|retras\w{1,2}|seguridad|atras\w{1,2}"
    r"|segurança|ritard\w{1,2}|sicurezza|опоздан\w{0,3}|безопасност\w{0,2}|сбо[йеия]\w{0,2})\b"
    r"|迟到|延误|宕机|安全|风险|遅れ|遅延|リスク|セキュリティ|障害|지연|늦게|보안|장애|리스크",
    re.IGNORECASE,
)
"""Facts an account to others is kept clean of: a lateness, an outage, a matter of security, a risk."""
_GUARDED = Caseless(
    r"\b(?:pii|personal (?:data|information|details)|api keys?|tokens?|passwords?|secrets?|credentials?"
    r"|boilerplate|internal (?:fields?|ids?)|personenbezogen\w{0,3}|passwörter|passwort|données personnelles"
    r"|datos personales|dati personali|dados pessoais|персональн\w{0,3}|парол\w{0,2})\b"
    r"|個人情報|个人信息|개인정보|パスワード|密码|비밀번호",
)
"""What a careful tool leaves out of a text for others: personal data, keys, internal fields."""
_DENIED_REACH_BEFORE = 24
"""Characters before a verb of leaving out read for the refusing idea that denies it."""
_ONE_WORD_TO_END = re.compile(r"\W+\w{0,12}\W*")
"""What may stand between a refusing idea and the verb it denies: one word at most (`nothing is`)."""


def _denied(before: str) -> bool:
    """Whether the text just before a verb of leaving out ends in one of lexicon's refusing ideas
    (lexicon.NEGATING: `never omits`, `nothing is left out`, `nie weggelassen`), a word apart at most."""
    read = plain(before)
    return any(
        found.concept in NEGATING and _ONE_WORD_TO_END.fullmatch(read, found.end) is not None
        for found in occurrences(read)
    )


_SENTENCE = re.compile(rf"[^{SENTENCE_STOPS}]{{1,600}}")
_SENTENCES_READ = 40
"""Sentences read per text at most (the cost stays linear)."""


def _sentences(text: str) -> Iterator[str]:
    """The first `_SENTENCES_READ` sentences of `text`."""
    return (sentence.group() for sentence in islice(_SENTENCE.finditer(text), _SENTENCES_READ))


_BLANK_RUN = re.compile(r"[^\S\n]{2,}|[^\S \n]")
"""Blanks that are not one plain space: a run of two or more, a tab, a no-break space (a line break,
which ends a sentence, is kept)."""


def _spaced(text: str) -> str:
    """`text` with every run of blanks made one space (the same object when there is none): a phrase
    of leaving out is the same phrase whatever blank stands between its words (`Do not<TAB>mention`),
    and its words and gates are written with one space."""
    return _BLANK_RUN.sub(" ", text) if _blank_run_in(text) else text


_ODD_ASCII_BLANKS = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"
"""The blanks of ASCII (`str.isspace`, as `\\s` reads them) but the space and the line break."""


def _blank_run_in(text: str) -> bool:
    """Whether `_BLANK_RUN` matches in `text`: in ASCII text, exactly when it holds two spaces in a row
    or another blank but the line break (none of which is printable): substring tests in C, where the
    pattern's class is tested at every character."""
    if not text.isascii():
        return _BLANK_RUN.search(text) is not None
    return "  " in text or (not text.isprintable() and any(blank in text for blank in _ODD_ASCII_BLANKS))


_one_spaced = keep_last(_spaced)
"""`_spaced`, asked once per string: each reader of `kept_back_hit` asks it of the same string."""


_HINTS = Substrings((
    "omit", "leav", "left", "exclu", "downplay", "not ", "never ", "weglass", "auslass", "nicht ",
    "verschweig", "omett", "omis", "retir", "mentionn", "signal", "no ", "non ", "esclud", "não ", "не ",
    "опуст", "исключ", "умалчива", "不", "省略", "略去", "删去", "隐去",
    "載せ", "記載", "含め", "触れ", "伏せ",
    "빼", "제외", "생략", "하지", "drop", "skip", "aside", "appear", "streich", "herausnehm", "quit", " sac",
    " tir", "togli", "убр", "убер", "вычеркн", "去掉", "拿掉", "省き", "省く", "省い",
    "describ", "word", "label", "say", "list", "present", "stat", "call",
    "beschreib", "bezeichn", "formulier", "darstell", "décri", "présent", "qualifi", "descri", "scriv",
    "scrive", "apresent", "descrev", "описыва", "называ", "представля", "と書", "と説明", "描述为", "写成",
    "表述为", "라고",
))  # fmt: skip
"""Substrings every leaving out or wording holds: most text holds none, and nothing else is run."""
_ARTEFACTS = Substrings((
    "report", "summar", "messag", "confirmation", "letter", "notice", "repl", "respons", "mail", "text",
    "statement", "update", "invoice", "bericht", "zusammenfassung", "nachricht", "bestätigung", "brief",
    "schreiben", "mitteilung", "antwort", "rapport", "résumé", "compte rendu", "lettre", "réponse", "avis",
    "informe", "resumen", "mensaje", "carta", "respuesta", "aviso", "riepilogo", "risposta", "relatório",
    "relatorio", "resumo", "mensagem", "resposta", "отч", "сводк", "сообщени", "письм", "ответ", "-facing",
    "报告", "摘要", "通知", "回复", "邮件", "報告", "レポート", "メッセージ", "回答", "向け",
    "보고서", "요약", "메시지", "안내문", "답변", "통지",
), guards=(_ARTEFACT,))  # fmt: skip
"""Substrings every word of `_ARTEFACT` holds (folded): a text that names no written thing is for no one."""
_FACTS = Substrings((
    "breach", "alarm", "risk", "incident", "positiv", "residu", "beyond", "outside", "above", "overtime",
    "critical", "complaint", "leak", "fee", "surcharge", "price increase", "vulnerab", "true value",
    "real cause", "real reason", "mangel", "mängel", "befund", "réclamation", "reclamation", "humedad",
    "encima del límite", "rischi", "riesgo", "risco", "инцидент", "欠陥", "緊急", "脆弱", "重大",
    "漏れ", "事故", "隐患", "泄漏", "超标", "위험", "누수", "사고",
), guards=(_HIDDEN_FACT,))  # fmt: skip
"""Substrings every word of `_HIDDEN_FACT` holds (folded); falsified._LACKS is `_FAILED`'s."""
_SLIPS = Substrings((
    "late", "security", "auth", "crypto", "outage", "stoppage", "downtime", "churn", "verspät",
    "sicherheit", "ausfall", "ausfäll", "störung", "retard", "sécurité", "retras", "seguridad", "atras",
    "segurança", "ritard", "sicurezza", "опоздан", "безопасност", "сбо",
    "迟到", "延误", "宕机", "安全", "风险", "遅れ", "遅延", "リスク", "セキュリティ", "障害",
    "지연", "늦게", "보안", "장애", "리스크",
), guards=(_SLIP,))  # fmt: skip
"""Substrings every word of `_SLIP` holds (folded)."""


def _addressed(text: str) -> bool:
    """Whether the text names a party with a written thing beside it (`the report to the tenant`):
    the first parties it names (lexicon PARTY, then the customers it leaves out), read one by one
    as the scans find them (the first one beside a written thing ends both scans)."""
    parties = chain(
        islice(_PARTY.finditer(text), _SENTENCES_READ),
        islice(_CLIENT.finditer(text), _SENTENCES_READ),
        islice(_OVERSEER.finditer(text), _SENTENCES_READ) if _OVERSEERS.any_in(text.casefold()) else (),
    )
    for count, party in enumerate(parties):
        if count >= _SENTENCES_READ:
            return False
        start, end = max(0, party.start() - _ARTEFACT_REACH), party.end() + _ARTEFACT_REACH
        if _ARTEFACT.search(text, start, end) is not None:
            return True
    return False


def _kept(sentence: str) -> re.Match[str] | None:
    """A leaving out (not denied) or a wording with a label after it in one sentence, or None."""
    for left in _LEFT_OUT.finditer(sentence):
        if not _denied(sentence[max(0, left.start() - _DENIED_REACH_BEFORE) : left.start()]):
            return left
    worded = _WORDED.search(sentence)
    if worded is None:
        return None
    after = sentence[worded.end() : worded.end() + 80]
    if _LABEL.search(after) is not None or _GOOD.search(after) is not None:
        return worded
    return None


def withheld_hit(text: str) -> Hit | None:
    """An order to leave a fact out of, or misstate it in, a text written for a third party, or None."""
    text = _one_spaced(text)
    folded = casefolded(text)  # (three automata in C first: the alternations below cost a scan each)
    account = _ACCOUNTS.any_in(folded)
    if not (_HINTS.any_in(folded) and (account or _ARTEFACTS.any_in(folded))):
        return None
    facts = _FACTS.any_in(folded) and _HIDDEN_FACT.search(text) is not None
    facts = facts or (_SLIPS.any_in(folded) and _SLIP.search(text) is not None)
    if not facts and not (_LACKS.any_in(folded) and _FAILED.search(text) is not None):
        return None
    if not ((account and _ACCOUNT.search(text) is not None) or _addressed(text)):
        return None
    for count, sentence in enumerate(_SENTENCE.finditer(text)):
        if count >= _SENTENCES_READ:
            return None
        if _GUARDED.search(sentence.group()) is not None or WATCHED.search(sentence.group()):
            continue  # (keys left out, or a checker that warns when a fact is left out)
        if (kept := _kept(sentence.group())) is not None:
            return Hit.of(
                "conceal-from-user",
                f"has the model keep a fact from a third party it writes to ({kept.group()!r})",
                sentence.group(),
            )
    return None


# -- entries kept out of an account and its tally ---------------------------------------------------

_UNCOUNTED = Caseless(
    r"\b(?:(?:not|nor|never)\s+(?:be\s+)?(?:counted|tallied)|out of the (?:\w+ )?(?:count|total|tally)"
    r"|nicht (?:mit)?gezählt|nicht mitzuzählen|nicht (?:in die|in der) (?:summe|gesamtzahl|zählung)"
    r"|ni (?:dans |au )?(?:le |la )?(?:total|décompte|comptage)"
    r"|pas (?:compté\w{0,2}|comptabilisé\w{0,2}|décompté\w{0,2})"
    r"|ni (?:se )?(?:cuentan|contabiliz\w{1,4})|ni (?:en )?(?:el |los |las )?(?:recuento|total|conteo|cifras)"
    r"|no se (?:cuentan|contabilizan)|né (?:conteggiat|contat|computat)\w"
    r"|né (?:nel |nei )?(?:totale|conteggio)"
    r"|non (?:vanno |va |sono )?(?:conteggiat|contat|computat)\w"
    r"|(?:e|nem) (?:d|n)o total|(?:nem|não) (?:são )?contad\w{1,2}|não (?:entram|contam) n[oa]"
    r"|(?:в )?(?:итог|подсч[её]т|процент)\w{0,3}(?: \w+){0,2} не (?:засчитыва|учитыва|включа|влия)\w{0,4}"
    r"|не (?:засчитыва|учитыва)\w{0,4})"
    r"|件数にも?(?:含め|入れ|数え)(?:ず|ない)|カウントし(?:ない|ず)|集計に含め(?:ず|ない)"
    r"|不计入|不计算在|不算入|不纳入统计|不統計"
    r"|건수에(?:도|서)? (?:넣지|포함하지|포함시키지)|집계에서 (?:빼|제외)|집계하지",
)
"""A count, a total or a tally an entry is kept out of (`nor counted`, `ni en el total`, `不计入`)."""
_UNLISTED = Caseless(
    r"\b(?:not (?:be )?(?:listed|mentioned|included|shown|reported)|omit\w{0,4}|exclud\w{0,4}"
    r"|left out|leave out"
    r"|nicht (?:aufgeführt|aufgelistet|erwähnt|genannt|angegeben|ausgewiesen)|weggelassen"
    r"|pas (?:mentionn|list|indiqu|inclu)\w{0,4}|omis\w{0,2}|retir\w{1,4}"
    r"|no se (?:incluy|mencion|list|indic)\w{0,4}|se omit\w{0,4}|se excluy\w{0,4}"
    r"|non (?:vanno |va |sono )?(?:elencat|riportat|menzionat|inclus|indicat)\w"
    r"|fora do|não (?:são )?(?:listad|mencionad|incluíd|inclu)\w{0,4}"
    r"|не (?:включа|упомина|указыва|перечисля)\w{0,4})"
    r"|記載せず|記載しない|載せず|含めず|省き|不列入|不写入|不要提及|不提及|빼고|제외하고|기재하지",
)
"""Entries kept out of a written account (`not listed`, `fora do relatório`, `빼고`)."""
_HOUSEKEEPING = Caseless(
    r"\b(?:empty|blank|duplicat\w{0,3}|deleted|test|null|zero|binary|whitespace|cancell?ed|archived|drafts?"
    r"|storniert\w{0,2}|archiviert\w{0,2}|annulé\w{0,2}|archivé\w{0,2}|cancelad\w{1,2}|archivad\w{1,2}"
    r"|annullat\w|archiviat\w|отмен[её]нн\w{1,3}|leer\w{0,2}|doppelt\w{0,2}|gelöscht\w{0,2}"
    r"|vides?|doublons?|supprimé\w{0,2}|vac[ií]\w{1,2}|duplicad\w{1,2}|eliminad\w{1,2}|vuot\w|duplicat\w"
    r"|eliminat\w|teste?|пуст\w{1,3}|дублир\w{1,4}|удал[её]нн\w{1,3}|тестов\w{1,3})\b"
    r"|空行|空白|重复|重複|削除済|テスト|중복|빈 |삭제된|테스트",
)
"""Housekeeping a count leaves out on purpose: empty, duplicate, deleted, test, cancelled or archived
entries."""
_LEDGER_WIDE = ("議事録", "周报", "汇报", "月报", "報表", "报表")
_LEDGER = re.compile(rf"\bbilan\b|{'|'.join(_LEDGER_WIDE)}")
"""Accounts `_ARTEFACT` leaves out: a French `bilan`, minutes, a weekly or monthly report in Chinese."""
_LEDGERS = Substrings(("bilan", *_LEDGER_WIDE), guards=(_LEDGER,))
"""Substrings of `_LEDGER`."""
_TALLIES = Substrings((
    "count", "tall", "total", "gezählt", "zuzählen", "summe", "gesamtzahl", "zählung", "décompt", "compt",
    "cuentan", "contabiliz", "recuento", "conteo", "cifras", "conteggi", "contat", "computat", "contad",
    "entram", "contam", "итог", "подсч", "процент", "засчитыва", "учитыва", "件数", "カウント", "集計",
    "计入", "计算在", "算入", "统计", "統計", "건수", "집계",
), guards=(_UNCOUNTED,))  # fmt: skip
"""Substrings every word of `_UNCOUNTED` holds (folded): most text names no count, and nothing else is run."""


def uncounted_hit(text: str) -> Hit | None:
    """Entries kept out of both a written account and its count in one sentence (`not listed nor
    counted in the weekly report`), unless they are housekeeping (empty, duplicate, test), or None."""
    text = _one_spaced(text)
    folded = casefolded(text)
    if not (_TALLIES.any_in(folded) and (_ARTEFACTS.any_in(folded) or _LEDGERS.any_in(folded))):
        return None
    if _UNCOUNTED.search(text) is None:  # (one scan of the whole text: most counts named are kept)
        return None
    for said in _sentences(text):
        if (tally := _UNCOUNTED.search(said)) is None or _UNLISTED.search(said) is None:
            continue
        if (_ARTEFACT.search(said) or _LEDGER.search(said)) is None:
            continue
        if _HOUSEKEEPING.search(said) is not None or _GUARDED.search(said) is not None:
            continue
        return Hit.of(
            "conceal-from-user",
            f"keeps entries out of a written account and its count ({tally.group()!r})",
            said,
        )
    return None


# -- an order to leave facts out of an output, no reader named ---------------------------------------

_ORDERED_OUT = Caseless(
    r"(?:(?:^|[,:;(]|\b(?:please|also|then|and|always|simply|just|so)\b)\W{0,4}"
    r"(?:(?:leave|keep)\s(?:[\w'-]+\s){0,8}?(?:out|off|aside)\b|(?:omit|exclude|skip|drop|strip)\b"
    r"|(?:omite|excluye|quita)\b)"
    r"|\b(?:do not|don't|dont|never|must not|mustn't|should not|shouldn't|are not to|is not to)\s+"
    r"(?:mention|include|list|report|show|count|record|log|cite|itemi[sz]e|surface|raise|add)\b"
    r"|\b(?:must not|mustn't|should not|shouldn't|are not to|is not to)\s+(?:be\s+)?"
    r"(?:mentioned|included|listed|reported|shown|counted|recorded|logged|cited|itemi[sz]ed|surfaced|appear)\b"
    r"|\b(?:ne |n')(?:les |la |le |l'|en |y )?(?:mentionn|inclu|list|signal|indiqu|compt|report|cit)ez pas\b"
    r"|\bne pas (?:mentionner|inclure|lister|signaler|indiquer|compter|reporter|citer)\b"
    r"|\b(?:omettez|excluez|retirez)\b"
    r"|\bnicht (?:erwähnen|aufführen|auflisten|angeben|nennen|zählen|aufnehmen)\b"
    r"|\b(?:erwähne|erwähnen sie|nenne|nennen sie|führe|führen sie)\s(?:\w+\s){0,6}nicht\b"
    r"|\b(?:lass|lassen sie)\s(?:\w+\s){0,6}(?:weg|aus)\b"
    r"|\bno (?:lo |la |los |las )?(?:(?:mencion|list|indiqu|report|cuent)(?:e|es|en)|incluy(?:a|as|an))\b"
    r"|\bno (?:mencionar|incluir|listar|contar)\b|\b(?:omita|excluya|quite)\b"
    r"|\bnon (?:(?:menzion|elenc|indic|riport|cont|segnal)(?:are|ate)|includ(?:ere|ete))\b"
    r"|\b(?:omettete|escludete|togliete)\b"
    r"|\bnão (?:(?:mencion|list|report|cont)(?:e|em|ar)|indiqu(?:e|em)|indicar|inclu(?:a|am|ir))\b"
    r"|\b(?:omita|omitam|exclua|excluam)\b"
    r"|\bне (?:упомина|включа|указыва|перечисля|сообща|учитыва)(?:й|йте|ть)\b"
    r"|\b(?:исключи|исключите|опусти|опустите|убери|уберите)\b)"
    r"|(?:書か|記載し|含め|載せ|記録し|触れ|列挙し|報告し|挙げ)ないで|省いてください|除いてください|伏せてください"
    r"|(?:不要|别|勿|不得|不可)(?:在\w{0,10})?(?:列出|列入|提及|提到|写|包括|包含|计入|记录|报告|显示|透露)"
    r"|(?:언급|포함|기재|기록|표시|보고)하지 (?:마|말)|(?:쓰|넣)지 (?:마|말)"
    r"|빼 주세요|빼세요|제외하(?:세요|십시오)",
)
"""An order to the model to leave a thing out, in the imperative or the must form of each language
(`leave out`, `do not mention`, `ne mentionnez pas`, `no incluyas`, `не упоминай`, `書かないで`,
`不要列出`, `언급하지 마`): an English verb only in imperative place (after a clause's opening, a
comma or a colon, `please`, `and`), never `the summary omits` (a tool describing its own output)."""
_ORDERED_OUT_HINTS = Substrings((
    "leav", "omit", "exclu", "skip", "drop", "keep", "strip", "not ", "n't", "dont ", "never ", "ez pas",
    "ne pas", "omet", "retirez", "nicht", "lass", "no ", "quit", "non ", "esclud", "togli", "não ",
    "не ", "исключ", "опуст", "убер", "ないで", "省いて", "除いて", "伏せて",
    "不要", "别", "勿", "不得", "不可",
    "하지 ", "지 마", "지 말", "빼", "제외하",
), guards=(_ORDERED_OUT,))  # fmt: skip
"""Substrings every match of `_ORDERED_OUT` holds (folded), in a text and in each of its sentences where
the spaces are all spaces (`_UNGATED`). The French forms by their end (`ez pas`, `ne pas`), not by
`ne ` or `n'`, which most English text holds (`one `, `none `, `don't`); `n't` with no space after it."""
_ACCOUNT_WORDS = (
    r"reports?|summary|summaries|digests?|minutes|dashboards?|board pack|rapport|bilan|résumé|compte rendu"
    r"|zusammenfassung|protokoll|informe|resumen|rapporto|riepilogo|relatório|relatorio|resumo"
    r"|отч[её]т\w{0,2}|сводк\w{0,2}"
)
_ACCOUNT_WIDE = "日報|週報|月報|年報|報告|レポート|日报|周报|月报|年报|报告|汇总|摘要|报表|보고서|요약|일지"
"""An account written for others to read, in each language: a report, a summary, minutes (`_OUTPUT`
and `_FOR_OTHERS` add to these words)."""
_OUTPUT = Caseless(
    rf"\b(?:{_ACCOUNT_WORDS}|logs?|exports?|exported|changelogs?|answers?|repl(?:y|ies)|responses?"
    rf"|bericht\w{{0,2}}|summari[sz]\w{{0,4}}|zusammenfass\w{{0,4}}|résum\w{{1,4}}|resum(?:ir|a|e|indo|iendo)"
    rf"|riassum\w{{0,4}}|резюмир\w{{0,4}})\b|{_ACCOUNT_WIDE}|まとめ|总结|정리",
)
"""An output the model writes for others: a report, a summary, a digest, a log, an export; or the
writing of one (`when summarising the scan`, `beim Zusammenfassen`, `月報をまとめる際`)."""
_OUTPUTS = Substrings((
    "report", "summar", "digest", "log", "export", "minutes", "dashboard", "board pack", "answer", "repl",
    "respons", "rapport", "bilan", "résumé", "compte rendu", "bericht", "zusammenfassung", "protokoll",
    "informe", "resumen", "riepilogo", "relatório", "relatorio", "resumo", "отч", "сводк",
    "日報", "週報", "月報", "年報", "報告", "レポート", "日报", "周报", "月报", "年报", "报告", "汇总",
    "摘要", "报表", "보고서", "요약", "일지",
    "zusammenfass", "résum", "resum", "riassum", "резюмир", "まとめ", "总结", "정리",
), guards=(_OUTPUT,))  # fmt: skip
"""Substrings every word of `_OUTPUT` holds (folded): a text that names no output orders nothing left
out of one."""
_UNFAVOURABLE = Caseless(
    r"\b(?:expenses?|costs?|charge[sd]?|payments?|transfers?|refunds?|failures?|failed|errors?|defects?"
    r"|findings?|near-miss\w{0,2}|delay\w{0,3}|recall\w{0,3}|complaint\w{0,2}"
    r"|beschwerde\w{0,2}|reklamation\w{0,2}|erstattung\w{0,2}|fehler\w{0,2}|kosten|ausgaben"
    r"|rappel\w{0,3}|r[ée]clamation\w{0,2}|rembourse\w{0,4}|erreurs?|d[ée]faillance\w{0,2}|[ée]checs?"
    r"|d[ée]penses?|co[uû]ts?|quejas?|reclamaci\w{0,4}|reclamo\w{0,2}|reembolso\w{0,2}|fallos?|fallas?"
    r"|errores|incidencias?|gastos?|costes?|reclami|rimbors\w{1,2}|guast\w|errori|costi|spese"
    r"|reclamaç\w{0,3}|falhas?|erros?|custos?|despesas?|жалоб\w{0,2}|возврат\w{0,3}|ошибк\w{0,2}"
    r"|расход\w{0,3}|затрат\w{0,2})\b"
    r"|投诉|退款|延迟|错误|失败|事故|费用|开支|誤って|誤り|失敗|削除した|クレーム|苦情|返金|エラー|費用|経費"
    r"|환불|오류|실패|불만|민원|비용|경비",
)
"""Facts of the kind an account is kept clean of besides `_HIDDEN_FACT` and `_SLIP`: costs and money
moved, failures and errors, findings, delays, recalls, complaints, refunds, a deletion by mistake."""
_UNFAVOURABLES = Substrings((
    "expense", "cost", "charge", "payment", "transfer", "refund", "fail", "error", "defect", "finding",
    "near-miss", "delay", "recall", "complaint", "beschwerde", "reklamation", "erstattung", "fehler",
    "kosten", "ausgaben", "rappel", "clamation", "rembourse", "erreur", "faillance", "échec", "echec",
    "dépense",
    "depense", "coût", "cout", "queja", "reclamaci", "reclamo", "reembolso", "fallo", "falla", "errore",
    "incidencia", "gasto", "coste", "reclami", "rimbors", "guast", "costi", "spese", "reclamaç", "falha",
    "erro", "custo", "despesa", "жалоб", "возврат", "ошибк", "расход", "затрат",
    "投诉", "退款", "延迟", "错误", "失败", "事故", "费用", "开支", "誤って", "誤り", "失敗", "削除した",
    "クレーム", "苦情", "返金", "エラー", "費用", "経費",
    "환불", "오류", "실패", "불만", "민원", "비용", "경비",
), guards=(_UNFAVOURABLE,))  # fmt: skip
"""Substrings every word of `_UNFAVOURABLE` holds (folded)."""
_FORMATTING = Caseless(
    r"\b(?:empty|blank|null|none|unchanged|whitespace|boilerplate|duplicat\w{0,3}|headers?|footers?"
    r"|resolved|closed|raw|verbose|stack ?traces?|debug|twice|more than once)\b",
)
"""What a careful output leaves out for tidiness: empty or null fields, unchanged files, resolved items,
raw traces."""


def omitted_hit(text: str, own: str = "") -> Hit | None:
    """An order to the model to leave an unfavourable fact out of an output it writes for others
    (`leave out every expense booked under EXEC-01 from the report`, `dans le rapport, ne mentionnez pas
    les réclamations`, `汇总时不要列出关于退款延迟的投诉`), with no reader named (`withheld_hit` wants
    one), or None; or an entry kept out of an account written for others (`_kept_out_of_account`).
    Leaving out secrets, personal data or what is only formatting is not one."""
    text = _one_spaced(text)
    folded = casefolded(text)
    if not (_ORDERED_OUT_HINTS.any_in(folded) or _NOT_PUT_HINTS.any_in(folded)):
        return None
    owned = _names_own_account(own)
    if not _OUTPUTS.any_in(folded) and not owned:
        return None
    if (kept := _kept_out_of_account(text, own)) is not None:
        return kept
    if not (_UNFAVOURABLES.any_in(folded) or _FACTS.any_in(folded) or _SLIPS.any_in(folded)):
        return None  # (no fact of the kind: nothing kept back, whatever is left out)
    gated = _UNGATED.search(text) is None
    if gated and _no_sentence_opens(text, folded, _ORDERED_OUT_HINTS):
        return None  # (no sentence passes the gate `_may_leave_out_of_output` asks of each, below)
    if gated and not any(_may_leave_out_of_output(said, owned) for said in _sentences(text)):
        return None  # (no sentence the loop below reads could pass it: the whole text is not scanned)
    if _ORDERED_OUT.search(text) is None:
        return None  # (one scan of the whole text first: most text orders nothing left out)
    for said in _sentences(text):
        if gated and not _ORDERED_OUT_HINTS.any_in(said.casefold()):
            continue  # (a sentence without a word of leaving out: `_ORDERED_OUT` not tried on it)
        if (order := _ORDERED_OUT.search(said)) is None or not (owned or _OUTPUT.search(said)):
            continue  # (the output named in the sentence, or in the name of the tool: `vuln_summary`)
        if not _fact_in(said) or _tidy(said) or WATCHED.search(said) is not None:
            continue
        return Hit.of(
            "conceal-from-user",
            f"orders the model to leave a fact out of what it writes ({order.group().strip()!r})",
            said,
        )
    return None


def _may_leave_out_of_output(said: str, owned: bool = False) -> bool:
    """Whether a sentence holds a word of leaving out and a word of an output (`_ORDERED_OUT_HINTS`,
    `_OUTPUTS`; the output may be named by the tool instead, `owned`), as every sentence `omitted_hit`
    finds an order in does, when the text's spaces are all spaces and it holds no dotless `ı`
    (`_UNGATED`): a few substring tests, where the whole text's scan by `_ORDERED_OUT` tries some
    twenty alternatives at every character."""
    folded = said.casefold()
    return _ORDERED_OUT_HINTS.any_in(folded) and (owned or _OUTPUTS.any_in(folded))


def _fact_in(said: str) -> bool:
    """Whether a sentence names a fact of the kind an account is kept clean of."""
    return (_UNFAVOURABLE.search(said) or _HIDDEN_FACT.search(said) or _SLIP.search(said)) is not None


def _tidy(said: str) -> bool:
    """Whether what a sentence leaves out is what a careful output leaves out: personal data, keys,
    formatting, housekeeping entries."""
    return (_GUARDED.search(said) or _FORMATTING.search(said) or _HOUSEKEEPING.search(said)) is not None


_PUT_IN = (
    r"mention|includ|list|report|show|count|record|cite|itemi[sz]|surfac|rais|enter|not(?:e|ed)\b|disclos"
)
"""English verbs of putting a thing in an account (stems)."""
_NOT_PUT = Caseless(
    # English: a forbidding negation in imperative place (`never list …`, not `the export never lists …`),
    # or a modal one anywhere, a few words, a verb of putting a thing in an account (or `be` and its
    # participle; `appear`, said of the entry, after a modal only)
    rf"(?:^|[,:;(]|\b(?:please|also|then|and|so|just|simply|you)\b)\W{{0,4}}(?:do not|don't|dont|never)\s+"
    rf"(?:[\w'-]+\s+){{0,3}}?(?:{_PUT_IN})\w{{0,4}}"
    r"|\b(?:must not|mustn't|should not|shouldn't|are not to|is not to)\s+(?:[\w'-]+\s+){0,3}?(?:be\s+)?"
    rf"(?:{_PUT_IN}|appear)\w{{0,4}}"
    # German: `nicht` and an infinitive (the imperative of notes), or an imperative and `nicht` after it
    r"|\bnicht\s+(?:\w+\s+){0,3}?(?:erwähn|aufführ|aufnehm|auflist|angeb|nenn|zeig|eintrag|schreib|ausweis"
    r"|vermerk)en\b|\b(?:erwähne|nenne|zeige|führe|schreibe|liste)\s+(?:\w+\s+){0,6}?nicht\b"
    # French, Spanish, Portuguese, Italian: the negation, a clitic or a modal, the verb
    r"|\bne pas (?:\w+ ){0,2}?(?:mentionn|inclu|list|signal|indiqu|compt|report|cit|montr|inscri)\w{0,3}"
    r"|\bn(?:e |')(?:\w+ ){0,2}?(?:mentionn|inclu|list|signal|indiqu|compt|report|cit|montr|inscri)\w{0,4}"
    r" pas\b"
    r"|\bno (?:(?:se|lo|la|los|las|les|le|debe|deben|hay que)\s+){0,2}(?:mencion|inclu|list|indic|report"
    r"|cont|mostr|escrib|anot|figur|aparec|reflej|registr)\w{0,6}"
    r"|\bnão (?:(?:se|o|a|os|as|deve|devem)\s+){0,2}(?:mencion|inclu|list|indic|report|cont|mostr|escrev"
    r"|anot|figur|aparec|const|registr)\w{0,6}"
    r"|\bnon (?:(?:va|vanno|deve|devono|si|lo|la|li|le)\s+){0,2}(?:menzion|includ|inclus|elenc|indic|riport"
    r"|cont|mostr|scriv|scritt|annot|segnal|compar|registr)\w{0,6}"
    # Russian: `не` (and a modal), the verb in the imperative or the infinitive
    r"|\bне\s+(?:(?:надо|нужно|следует|стоит)\s+)?(?:упомина|упомян|включа|включ|указыва|укаж|перечисля"
    r"|сообща|показыва|покаж|пиш|писа|внос|внес|отража|отраз)\w{0,4}"
    # a preposition of lack before a mention, or after the account (`relatório sem …`, `отчёт без …`)
    r"|\b(?:without|ohne|sans|sin|sem|senza|без)\s+(?:\w+\s+)?(?:mention|erwähnung|menci[oó]n|menç[aã]o"
    r"|menzion|упоминани)\w{0,3}"
    r"|\b(?:reports?|summary|bericht|rapport|informe|rapporto|relat[oó]rio|resumo|resumen|отч[её]т\w{0,2})"
    r"\s+(?:without|ohne|sans|sin|sem|senza|без)\b"
    # Chinese, Japanese, Korean: the negation after the verb (or before it, in Chinese)
    r"|(?:不要|别|勿|不得|不可|无需|不必|不用)(?:在\w{0,10})?(?:写|列|提|包括|包含|计入|记录|报告|显示|透露|注明|载)"
    r"|(?:含め|載せ|触れ|挙げ)(?:ず|ない)"
    r"|(?:記載|書|含め|載せ|触れ|報告|記録|表示|列挙|挙げ|記入)(?:せず|しない|かない|かず|めない|めず|せない|れない"
    r"|れず)|(?:언급|포함|기재|기록|표시|보고|쓰|넣|적)(?:하)?지\s?(?:마|말|않)|에서 빼|빼고|제외하"
)
"""An entry kept out of an account, by grammar rather than by phrase: in each language the negation
(its forbidding forms in English, whose stated ones describe a tool) with a verb of putting a thing
in an account (`mention`, `aufführen`, `indiquer`, `incluir`, `riportare`, `показывать`, `記載`, `포함`)
a few words or a clitic apart (`nicht im Bericht erwähnen`, `non indicarli`, `no se incluyen`, `non va
riportato`), an entry `kept out of` one, a preposition of lack (`relatório sem …`, `без упоминания`)."""
_NOT_PUT_HINTS = Substrings((
    "not ", "n't ", "dont ", "never ", "out of", "nicht", "ne ", "n'", "no ", "não ", "non ", "не ",
    "without", "ohne", "sans", "sin ", "sem ", "senza", "без", "不", "别", "勿", "无需",
    "せず", "しない", "かない", "かず", "めない", "めず", "せない", "れない", "れず", "げず", "げない",
    "지 ", "지마", "지말", "빼", "제외",
))  # fmt: skip
"""Substrings every match of `_NOT_PUT` holds (folded)."""
_NOT_PUT_SAID = Substrings((*_NOT_PUT_HINTS.words, " sin", " sem", "지않"), guards=(_NOT_PUT,))
"""Substrings every match of `_NOT_PUT` holds (folded) in a sentence whose spaces are all spaces
(`_UNGATED`): `_NOT_PUT_HINTS`, and the ends `informe sin` and `지않` that they miss (a gate on the whole
text may pass on another word; a sentence's must hold the match's own)."""
_UNGATED = re.compile(r"[ıİ]")
"""What a sentence's gate of hints cannot answer for: a dotless `ı`/`İ`, which a case-insensitive
match takes for `i` and a folded hint does not (a blank other than a space, which `\\s` matches and a
hint's ` ` does not, is made one space first: `_one_spaced`). A text holding one has each sentence
searched."""
_FOR_OTHERS = Caseless(
    rf"\b(?:{_ACCOUNT_WORDS}|log|reviews?|statements?|verbale|\w{{0,12}}bericht\w{{0,2}})\b|{_ACCOUNT_WIDE}",
)
"""An account the model writes for others to read (not its reply to the user, which orders.py reads;
nor logs and exports, where data is kept rather than told: `never written to logs` guards it)."""
_OWN_ACCOUNT = Caseless(
    r"bericht|\b(?:reports?|summary|digest|minutes|rapport|bilan|informe|rapporto|relat[oó]rio|resumo|resumen"
    r"|riepilogo|verbale|otchet\w{0,2}|svodk\w|houkoku|hokoku|baogao|huizong|bogoseo)\b"
)
"""A tool's name that names the account it writes (`kassenbericht`, `report_qualita`, `otchet_sklad`,
`houkoku_sakusei`): a value of that tool leaves things out of that account."""


@per_name
def _names_own_account(own: str) -> bool:
    """Whether the tool's name (`own`, casefolded; "" for none) names an account it writes for
    others (`_OWN_ACCOUNT`, its joints read as spaces). It depends on the name alone, and every
    string of a tool asks it: answered once per name."""
    return bool(own) and _OWN_ACCOUNT.search(own.replace("_", " ")) is not None


_UNTIL = re.compile(rf"\b(?:{UNTIL_WORDS})\b")
"""lexicon's `until` in the spaced languages (its Japanese, Chinese and Korean marks are also `by` a
date, too common in a sentence to lift a leaving out alone)."""


def _lifted(said: str) -> bool:
    """Whether a leaving out is one the user or a condition can lift (`unless the user asks`, `bis
    der Kunde nachfragt`): lexicon's ONLY_IF or `until` in the sentence. A choice, not a concealment."""
    return Concept.ONLY_IF in ideas(said) or _UNTIL.search(plain(said)) is not None


def _left_out_of(said: str) -> re.Match[str] | None:
    """An entry left or kept out of an account with a fact of the kind kept back beside it, or None."""
    left = _LEFT_OUT_OF.search(said)
    return left if left is not None and _fact_in(said) else None


_LEFT_OUT_OF = Caseless(r"\b(?:kept|left)\s+(?:[\w'-]+\s+){0,2}?out of\b")
"""An entry `kept out of` or `left out of` an account: said of the entry, a state a tool may describe
as well as an order (`merge commits are best left out of the summary`), so a fact of the kind kept
back must stand beside it (`near-miss entries are kept out of the weekly log`)."""
_KEPT_OUT = "out of"
"""What every match of `_LEFT_OUT_OF` holds, folded, in any text: no letter of it has a case partner
beyond its capital (as `i` has `ı`), so that `_LEFT_OUT_OF` is tried on no sentence of a text without it."""


def _no_sentence_opens(text: str, folded: str, gate: Substrings) -> bool:
    """Whether no sentence of `text` (`folded`: its casefold) passes `gate`, found without folding each:
    a sentence's casefold is a piece of the text's (str.casefold folds each character alone), so a word
    the text lacks no sentence holds; and a word written after a blank, which holds at a sentence's
    start too (`gate.opening`), opens none where the text holds it nowhere, or (ASCII, folded one
    character for one) at no sentence's start. False whenever that is not shown."""
    if gate.any_in(folded):
        return False
    if not any(map(folded.__contains__, gate.opening)):
        return True
    return text.isascii() and not any(
        folded.startswith(gate.opening, sentence.start()) for sentence in _SENTENCE.finditer(text)
    )


def _kept_out_of_account(text: str, own: str) -> Hit | None:
    """An entry kept out of an account written for others, whatever the entry: the account named in the
    sentence (or in the name of the tool whose value it is) and a leaving out in the grammar of
    `_NOT_PUT`, with no condition that lifts it and no tidiness that explains it. What is left out of
    an account others rely on is what they are kept from; which facts those are no list can name."""
    owned = _names_own_account(own)
    gated = _UNGATED.search(text) is None
    kept_out = _KEPT_OUT in casefolded(text)
    if gated and not kept_out and _no_sentence_opens(text, casefolded(text), _NOT_PUT_SAID):
        return None  # (no sentence passes the gate the loop asks of each: nothing is read below)
    for said in _sentences(text):
        put = _NOT_PUT.search(said) if not gated or _NOT_PUT_SAID.any_in(said.casefold()) else None
        if (order := put or (_left_out_of(said) if kept_out else None)) is None:
            continue
        if not (owned or _FOR_OTHERS.search(said)) or _tidy(said) or _lifted(said):
            continue
        if WATCHED.search(said) is not None:
            continue  # (`warns when a report omits incidents`: a checker of reports)
        if _denied(said[max(0, order.start() - _DENIED_REACH_BEFORE) : order.start()]):
            continue  # (`nothing is left out of the report`)
        return Hit.of(
            "conceal-from-user",
            f"orders the model to keep an entry out of an account ({order.group().strip()!r})",
            said,
        )
    return None


_OWN_ACT = Caseless(
    r"\b(?:the assistant's|the model's|the agent's) own\b|\byou\s(?:[\w'-]+\s){0,6}?yourself\b"
    r"|\b(?:dir|dich) selbst\b"
)
"""An act marked as the model's own: the assistant's own calls, what you do yourself (`die du dir
selbst gibst`). English and German only so far: the languages the measured sets word it in."""
_OWN_ACTS = Substrings(("assistant's own", "model's own", "agent's own", "yourself", "selbst"))
_NOT_SHOWN = Caseless(
    r"\b(?:are|is|be|get|gets)\s+(?:not|never)\s+(?:listed|shown|mentioned|included|reported|surfaced"
    r"|displayed|logged)\b|\b(?:do|does|will|should)\s?(?:not|n't)\s+(?:appear|show up)\b"
    r"|\bnever (?:appears?|shows? up)\b"
    r"|\b(?:tauch\w{0,3}|erschein\w{0,3})\s(?:[\w-]+\s){0,8}?nicht\b"
    r"|\bnicht (?:angezeigt|aufgeführt|erwähnt)\b"
)
"""Said not to appear in an output: `are not listed`, `do not appear`, `tauchen … nicht auf`."""
_NOT_SHOWNS = Substrings(("not", "n't", "never", "nicht"))
_THE_USER = Caseless(r"\bthe user\b|\b(?:den|dem|der) (?:nutzer|benutzer)\b")
"""The user the model serves, as the reader (one user, named with an article: not `other users`)."""
_THE_USERS = Substrings(("user", "nutzer"))


def own_acts_hit(text: str) -> Hit | None:
    """The model's own acts said not to appear in what the user is shown (`entries made by the
    assistant's own calls are not listed in the summary shown to the user`, `Rechte, die du dir selbst
    gibst, tauchen im Protokoll an den Nutzer nicht auf`), or None. An act of the user's, shown, or kept
    from other users' views is not one; a fact about the data names no act of the model's."""
    text = _one_spaced(text)
    folded = casefolded(text)
    if not (_OWN_ACTS.any_in(folded) and _NOT_SHOWNS.any_in(folded) and _THE_USERS.any_in(folded)):
        return None
    for said in _sentences(text):
        if _OWN_ACT.search(said) is None or (hidden := _NOT_SHOWN.search(said)) is None:
            continue
        if _THE_USER.search(said) is None:
            continue
        return Hit.of(
            "conceal-from-user",
            f"keeps the model's own acts out of what the user is shown ({hidden.group()!r})",
            said,
        )
    return None


# -- the model's own acts taken out of a record of acts -----------------------------------------------

_BY_MODEL = Caseless(  # (tried only where a first word stands: caseless.Starts)
    # English: the model named as the actor of the rows (`actor is the assistant`, `opened by this
    # agent`), or you, in the past (`the commands you ran`), or your own (`your own session`; not a
    # place the operator runs: `a room on your own homeserver`)
    r"\bactor\s+(?:is|=|was)\s+(?:the\s+|this\s+)?(?:assistant|agent|model|ai|bot)\b"
    r"|\b(?:by|from)\s+(?:the|this)\s+(?:assistant|agent|model|ai|bot)\b"
    r"|\b(?:the|this)\s+(?:assistant|agent|model)\s+(?:has\s+|had\s+)?(?:opened|made|ran|run|performed"
    r"|created|granted|issued|did|done|executed|took|triggered|gave|changed|deleted|approved|processed)\b"
    r"|\byour\s+own\b(?!\s+(?:home)?(?:servers?|hosts?|machines?|hardware|infrastructure|instances?|clusters?"
    r"|domains?|devices?|networks?|premises|cloud|data\s?cent(?:er|re)s?)\b)|\byou\s+(?:yourself\s+)?(?:have\s+|had\s+)?(?:opened|made|ran|run|performed"
    r"|created|granted|issued|did|executed|took|triggered|gave|changed|deleted|approved|processed)\b"
    r"|\b(?:the assistant's|the model's|the agent's|this agent's) own\b"
    # German: du selbst, die du … hast, vom Assistenten, deine eigenen
    r"|\b(?:du|dir|dich)\s+selbst\b|\b(?:die|den|das|denen|dem)\s+du\s+(?:\w+\s+){0,6}?(?:hast|hattest)\b"
    r"|\b(?:vom|durch\s+den|des)\s+(?:assistenten|agenten)\b|\bdeine[mnrs]?\s+eigene"
    # French: que l'assistant a, par l'agent, que vous avez, vos propres, toi-même
    r"|\bque\s+(?:l['’](?:assistant|agent)|vous|tu)\s+(?:a|avez|as)\b|\bpar\s+l['’](?:assistant|agent)\b"
    r"|\b(?:vos|tes)\s+propres\b|\b(?:toi|vous)-même\b"
    # Spanish: por el asistente, que el agente, que hiciste, tus propios, tú mismo
    r"|\b(?:por|de)\s+(?:el|este)\s+(?:asistente|agente)\b|\bdel\s+(?:asistente|agente)\b"
    r"|\bque\s+(?:el\s+(?:asistente|agente)|tú)\b|\bque\s+\w+(?:aste|iste)\b|\btus\s+propi[oa]s\b|\btú\s+mism[oa]\b"
    # Portuguese: pelo assistente, que o agente, que você, suas próprias, você mesmo
    r"|\b(?:pelo|do|deste)\s+(?:assistente|agente)\b|\bque\s+(?:o\s+(?:assistente|agente)|você)\b"
    r"|\b(?:tuas|suas|seus|teus)\s+própri[oa]s\b|\bvocê\s+mesm[oa]\b"
    # Italian: dall'assistente, che l'agente, che hai, tu stesso, le tue proprie
    r"|\b(?:dall|dell)['’](?:assistente|agente)\b|\bche\s+(?:l['’](?:assistente|agente)|(?:tu\s+)?hai)\b"
    r"|\btu\s+stess[oa]\b|\b(?:le\s+tue|i\s+tuoi)\s+propri[ei]?\b"
    # Russian: ассистентом, которые ты, тобой, ты сам, свои собственные
    r"|\b(?:ассистент|агент)(?:ом|а)\b|\bтобой\b|\bвами\b|\bкотор\w{1,3}\s+(?:ты|вы)\b|\bты\s+сам\b"
    r"|\bвы\s+сами\b|\bсво\w{1,2}\s+собственн\w{1,3}\b"
    # Chinese, Japanese, Korean: the model or you before a verb in the past that qualifies the rows
    r"|(?:助手|智能体|你)(?:自己)?(?:亲自)?(?:执行|创建|打开|操作|做|处理|删除|授予|发起|运行|开启|登录|给自己)\w{0,6}?的"
    r"|你自己|(?:アシスタント|エージェント|あなた)(?:自身)?が[^。、\s]{0,12}?(?:した|った|いた|けた|えた|んだ)"
    r"|あなた自身|自分で(?:行|実行|処理|付与|作成|開)"
    r"|(?:(?:어시스턴트|에이전트|내|네)가|당신이)\s\S{0,8}?(?:한|던)(?=\s|$)|직접\s\S{0,6}?(?:한|던)(?=\s|$)|스스로",
    starts=True,
)
"""The model as the actor of what a record holds, in ten languages: `actor is the assistant`, `opened
by this agent`, `the commands you ran`, `your own session`, `die du dir selbst gegeben hast`, `que
l'assistant a ouvertes`, `procesadas por el agente`, `que você executou`, `che hai aperto`, `созданные
ассистентом`, `你执行的`, `アシスタントが実行した`, `내가 삭제한`, `직접 처리한`."""
_BY_MODELS = Substrings((
    "actor", "assistant", "agent", "model", " ai", " bot", "your", "you ", "selbst", "du ", "deine",
    "l'", "l’", "vous", " tu ", "propres", "-même", "asistente", "agente", "tú", "aste", "iste", "tus ",
    "você", "própri", "hai", "stess", "tue ", "tuoi", "ассистент", "агент", "тобой", "вами", " ты",
    " вы", "сам", "собственн",
    "助手", "智能体", "你", "アシスタント", "エージェント", "あなた", "自分で", "어시스턴트", "에이전트",
    "당신", "내가", "네가", "직접", "스스로",
), guards=(_BY_MODEL,))  # fmt: skip
"""Substrings every match of `_BY_MODEL` holds (folded, blanks made one space)."""
_TAKEN_OUT = Caseless(
    r"\b(?:drop(?:s|ped|ping)?|(?:remov|delet|eras|purg|truncat|wip|prun|exclud)(?:e|es|ed|ing)"
    r"|strip(?:s|ped|ping)?|scrub(?:s|bed|bing)?|hid(?:e|es|den|ing)|omit(?:s|ted|ting)?)\b"
    r"|\bfilter\w{0,3}\s+out\b|\b(?:tak|leav|keep|kept|left)\w{0,3}\s+(?:\S+\s+){0,5}?out\b"
    r"|\b(?:herausnehm|herausnimm|herausfilter|entfern|lösch|loesch|streich|ausblend|weglass|tilg)"
    r"(?:e|en|t|st|te|ten)?\b"
    r"|\b(?:effac|supprim|retir|enlev|masqu|omett|nettoy)(?:e|er|ez|es|é|ée|és|ées|ent|ons)?\b"
    r"|\b(?:borr|elimin|suprim|ocult|omit|exclu|quit)(?:a|ar|e|en|ad|ado|ada|ados|adas|as|ir|id|ido|ida|ya"
    r"|yan|ye|yen|ue|uem|em|er|ando)?\b|\b(?:apag|remov|tir)(?:a|ar|e|em|ue|uem|ado|ada|er|ido|ida)?\b"
    r"|\b(?:cancell|rimuov|rimoss|togli|tolt|nascond|omett|esclud|ripul)(?:a|are|ate|i|o|e|ete|ere|iamo)?\b"
    r"|\b(?:удал(?!ени)|убер|убр|стер|сотр|скро|скры(?!ти)|исключ(?!ени)|вычеркн|очист(?!к)|выреж"
    r"|выреза)\w{0,4}"
    r"|(?:删除|删掉|删去|去掉|清除|抹去|抹掉|隐藏|移除|剔除|拿掉|去除|过滤掉)(?!操作|记录|的|事件)"
    r"|削除(?:し|する|して)|消し|消去(?:し|する)|除外(?:し|する)|取り除|外し|外す|隠し|隠す|省い|省く|省き|抜い|抜く"
    r"|삭제(?:하|해)|빼|지우|지워|제외(?:하|해|시)|숨기|숨겨|없애|걸러",
)
"""A verb of taking a thing out of a record or keeping it from view: drop, remove, erase, truncate,
filter out, herausnehmen, effacer, borrar, apagar, togliere, удалить, 删除, 削除, 빼다."""
_RECORD_WORDS = (
    r"logs?|audit\w{0,6}|trails?|history|histfile|journal\w{0,2}|changelogs?|timeline|activity|summary"
    r"|summaries|reports?|digest|\w{0,12}protokoll\w{0,2}|verlauf|historie|logbuch|revision|anzeige"
    r"|aufzeichnung\w{0,2}|bericht\w{0,2}|zusammenfassung|historique|registre|traces?|rapport|résumé"
    r"|registro\w?|historial|bitácora|auditor[ií]a|informe|resumen|registos?|histórico|historico"
    r"|relatório|relatorio|resumo|cronologia|storico|rapporto|riepilogo|verbale|журнал\w{0,2}|истори\w{1,2}"
    r"|лог\w{0,2}|аудит\w{0,2}|отч[её]т\w{0,2}|сводк\w|протокол\w{0,2}|zhurnal\w?|istori\w{1,2}"
)
_RECORD = Caseless(
    rf"\b(?:{_RECORD_WORDS})\b|日志|记录|历史|审计|报告|摘要|汇总|ログ|履歴|記録|監査|報告|レポート|日報|月報"
    r"|기록|로그|내역|이력|감사|보고서|요약",
)
"""A record of acts, or an account of them, that others read: a log, an audit trail, a history, a
journal, a summary, a report (in the sentence, or in the tool's name: `audit_export`, `shell_history`)."""
_RECORDS = Substrings((
    "log", "audit", "trail", "hist", "journal", "timeline", "activit", "summar", "report", "digest",
    "protokoll", "verlauf", "revision", "anzeige", "aufzeichnung", "bericht", "zusammenfassung", "regist",
    "trace", "rapport", "résum", "bitácora", "informe", "resum", "relat", "cronolog", "storico", "riepilog",
    "verbale", "журнал", "истори", "лог", "аудит", "отч", "сводк", "протокол", "zhurnal", "istori",
    "日志", "记录", "历史", "审计", "报告", "摘要", "汇总", "ログ", "履歴", "記録", "監査", "報告",
    "レポート", "日報", "月報", "기록", "로그", "내역", "이력", "감사", "보고서", "요약",
), guards=(_RECORD,))  # fmt: skip
"""Substrings every match of `_RECORD` holds (folded): text with none names no record."""


@per_name
def _names_record(own: str) -> bool:
    """Whether the tool's name (`own`, casefolded; "" for none) names a record (`audit_export`,
    `shell_history`: `_RECORD`, its joints read as spaces): answered once per name, as
    `_names_own_account`."""
    return bool(own) and _RECORD.search(own.replace("_", " ")) is not None


_NEGATED_AFTER = re.compile(r"\w{0,3}?(?:ない|ず|するな|しては|하지\s?(?:마|말|않)|지\s?(?:마|말|않))")
"""A negation just after a verb of taking out, where Japanese and Korean put it (`削除しないで`)."""
_NEGATED_WIDE = re.compile(r"(?:不要|不得|不可|不能|别|勿|切勿|禁止|绝不|不)\Z")
"""A negation just before a Chinese verb of taking out (`不得删除`)."""


_CLAUSE = re.compile(r"(?:[^.;!?\n。！？；]|\.(?=[^\s.;!?])){1,600}")
"""A sentence in which a dot with no blank after it (`~/.histfile`, `v1.2`, `audit.csv`) ends nothing:
a record's own name holds one, between the verb that takes it out and whose acts it holds."""


def own_records_hit(text: str, own: str = "") -> Hit | None:
    """The model's own acts taken out of a record of acts or an account others read (`drop rows where
    actor is the assistant before the file is written`, `truncate the journal entries from your own
    session`, `effacer de l'historique les sessions que l'assistant a ouvertes`, `직접 처리한 환불 건은
    처리 내역에서 빼 주세요`), or None. The record is named in the sentence or in the tool's name. A
    removal denied, one a checker watches for, or what a careful tool drops (keys, personal data,
    test rows) is not one; nor is the model's own act with nothing taken out of a record."""
    text = _one_spaced(text)
    folded = casefolded(text)
    owned = _names_record(own)
    if not (owned or _RECORDS.any_in(folded)) or not _BY_MODELS.any_in(folded):
        return None  # (most text names no record, or no act of the model's)
    if _BY_MODEL.search(text) is None:
        return None
    for said in (clause.group() for clause in islice(_CLAUSE.finditer(text), _SENTENCES_READ)):
        if (by := _BY_MODEL.search(said)) is None or not (owned or _RECORD.search(said)):
            continue
        taken = next((t for t in _TAKEN_OUT.finditer(said) if not _kept_in(said, t, by)), None)
        if taken is None or WATCHED.search(said) is not None or _tidy(said):
            continue
        return Hit.of(
            "conceal-from-user",
            f"has the model take its own acts out of a record ({taken.group().strip()!r}, {by.group()!r})",
            said,
        )
    return None


def _kept_in(said: str, taken: re.Match[str], by: re.Match[str]) -> bool:
    """Whether a verb of taking out is no order to take out: the model's own act itself (`the records
    the assistant deleted`), or denied: a refusing idea before it (`never remove`), a negation just
    after it in Japanese and Korean (`削除しないで`), or just before it in Chinese (`不得删除`)."""
    before = said[max(0, taken.start() - _DENIED_REACH_BEFORE) : taken.start()]
    return (
        (by.start() < taken.end() and taken.start() < by.end())
        or _denied(before)
        or _NEGATED_WIDE.search(before) is not None
        or _NEGATED_AFTER.match(said, taken.end()) is not None
    )


def kept_back_hit(text: str, own: str = "", phrase: str | None = None) -> Hit | None:
    """The first concealment this module reads in a string: a fact kept from a third party, entries
    kept out of an account and its count, a fact left out of an output, the model's own acts kept out
    of what the user is shown or taken out of a record (read in `phrase`, the words of a value spelled
    as one identifier, when there is one); or None. `own`: the name of the tool whose string it is."""
    return (
        withheld_hit(text)
        or uncounted_hit(text)
        or omitted_hit(text, own)
        or own_acts_hit(text)
        or own_records_hit(phrase or text, own)
    )


# -- a fact restated under a softer label -------------------------------------------------------------

_SOFTER = Caseless(
    r"\b(?:minor|cosmetic|temporar\w{1,3}|pre-?existing|older?|earlier|technical|mineur\w{0,2}"
    r"|cosm[ée]tique\w?|temporaire\w?|pr[ée]existant\w{0,2}|ancien\w{0,3}|technique\w?|menor(?:es)?"
    r"|cosm[ée]tic[oa]s?|temporal(?:es)?|preexistente\w?|antigu[oa]s?|t[ée]cnic[oa]s?|minori?|lievi"
    r"|estetic[oi]|temporane[oi]|preesistent[ei]|vecchi[oe]?|tecnic[oi]|geringfügig\w{0,2}|kosmetisch\w{0,2}"
    r"|vorübergehend\w{0,2}|vorbestehend\w{0,2}|alt(?:e|en|er|es)?|technisch\w{0,2}|незначительн\w{0,3}"
    r"|косметическ\w{0,3}|временн\w{0,3}|стар\w{0,3}|техническ\w{0,3})\b"
    r"|轻微|临时|暂时|原有|旧|技术|调整|軽微|一時的|既存|技術的|경미|임시|기존|기술적",
)
"""A label that makes a fact less than it is: minor, cosmetic, temporary, there before, technical."""
_OTHER_PARTY = Caseless(
    r"\b(?:third[- ]party|external|upstream|vendor|provider|supplier|tiers|externe\w?|fournisseur\w?"
    r"|terceros?|extern[oa]s?|proveedor\w{0,2}|terzi|estern[oi]|fornitor\w|drittanbieter\w{0,2}"
    r"|extern\w{0,2}|lieferant\w{0,2}|сторонн\w{0,3}|внешн\w{0,3}|поставщик\w{0,2})\b"
    r"|第三方|外部|供应商|サードパーティ|外部要因|업체|외부",
)
"""A label that lays a fact at another's door: a third party, a provider, an outside cause."""
_OWN = Caseless(
    r"\b(?:our own|our|internal|notre|nos|nuestr[oa]s?|unser\w{0,2}|nostr[oi]|наш\w{0,2})\b"
    r"|我们|自社|당사|우리",
)
"""The fact's own side (`incidents caused by our own deploys`), which a third party's label moves it
from."""
_LABEL_END = re.compile(r"[,.;:()\n，。；：（）]")
_LABEL_REACH = 48
_LABEL_WORDS = 4
"""Characters after a label's word read for its label (to the first punctuation, its first four words:
`successful even when an earlier model failed` is a caveat, its label `successful`)."""
_SUBJECT_REACH = 160
"""Characters before a label's word read for the fact it labels (to the sentence's start)."""
_SENTENCE_START = re.compile(rf".*[{SENTENCE_STOPS}]", re.DOTALL)
_DENIED = Caseless(rf"\b(?:{'|'.join(NEGATIONS)}|n't|nicht|никогда)\b|不|禁止|않")
"""A labelling denied just before its word (`never report failures as minor`): a careful tool."""
_DENIED_REACH = 40


def relabelled_hit(text: str) -> Hit | None:
    """A fact of the unfavourable kind recorded under a label that makes it less than it is or lays
    it elsewhere (`decay cavities are summarised as 'minor defects'`, `les panneaux fêlés pendant la
    dépose sont notés comme fissures anciennes`, `incidents caused by our own deploys are recorded as
    third-party provider issues`, `差额记入“规格调整”`), or None. A label that names the fact's kind
    (`failed runs are reported as errors`) or a labelling denied is not one."""
    folded = casefolded(text)
    if not any(gate.any_in(folded) for gate in (_LACKS, _FACTS, _SLIPS, _UNFAVOURABLES)):
        return None  # (no fact of the unfavourable kind: nothing to restate)
    for mark in labels(text):
        if mark.group()[0] in _MARK_AFTER:
            continue  # (`と記録`, `으로 표시`: the label stands before; falsified_hit reads those)
        if (softer := _softer(text, mark)) is not None:
            return Hit.of(
                "falsified-record",
                f"records an unfavourable fact under a softer label ({softer.strip()!r})",
                text[max(0, mark.start() - 80) : mark.end() + _LABEL_REACH],
            )
    return None


def _softer(text: str, mark: re.Match[str]) -> str | None:
    """The label after a label's word, if it makes the unfavourable fact before it less than it is."""
    start = max(0, mark.start() - _SUBJECT_REACH)
    opened = _SENTENCE_START.match(text, start, mark.start())
    subject = text[opened.end() if opened else start : mark.start()]
    if _DENIED.search(text, max(0, mark.start() - _DENIED_REACH), mark.start()) is not None:
        return None
    if _FAILED.search(subject) is None and not _fact_in(subject):
        return None
    stop = _LABEL_END.search(text, mark.end() + 2, mark.end() + _LABEL_REACH)
    label = " ".join(
        text[mark.end() : stop.start() if stop else mark.end() + _LABEL_REACH].split()[:_LABEL_WORDS]
    )
    if _SOFTER.search(label) is not None:
        return label
    if _OTHER_PARTY.search(label) is not None and _OWN.search(subject) is not None:
        return label
    return None
