"""The few words an order to a model is made of, in ten languages, found in one pass.

Rules that read phrases are fitted to the grammar of the texts they were written from; a
paraphrase or a translation walks past them. An order to a model is made of a handful of *ideas*
that every language has short words for: a negation, the user, telling, hiding, every reply or
command, sending, a secret, the conversation, ignoring instructions. This module names those
ideas (`Concept`) and lists, per language, the function words and stems that express them
(English, German, French, Spanish, Portuguese, Italian, Russian, Chinese, Japanese, Korean). The
rules (orders.py) combine ideas within a clause; they never list phrases of their own.

Matching is an Aho-Corasick pass (pyahocorasick) over the text, linear in its length whatever
the number of entries (a second one, for the entries in scripts without spaces, only on text that
holds their characters). An entry in a spaced script matches at the start of a word, as a stem
(`mention` matches `mentioning`); an entry written `=word` must be the whole word (`=no` is not
`now`), and one written `~word` may sit inside a word: the tail of a German compound
(`Chatverlauf`, `Löschwerkzeug`). Entries in Chinese and Japanese match anywhere: those scripts
have no spaces. The text is
matched case-folded and NFKC-normalised, hidden characters removed, without the look-alike
folding of normalize.py (which would turn Russian into mixed-script noise).
"""

from __future__ import annotations

import enum
import operator
import re
import threading
import unicodedata
from typing import NamedTuple

import ahocorasick

from driftwatch.detect.caseless import Caseless
from driftwatch.normalize import fold_confusables, has_confusables, join_spaced, strip_hidden, unwrap


class Concept(enum.IntEnum):
    """An idea an order is made of (an IntEnum: it is hashed millions of times, and ints hash fast)."""

    NEGATION = enum.auto()
    FORBID = enum.auto()
    """`do not`, `don't`: a negation in the imperative (English; elsewhere NEGATION is read so)."""
    YOU = enum.auto()
    RECIPIENT = enum.auto()
    """Who or what receives: a recipient, a payee, an account. Changing one redirects."""
    STATED_NEGATION = enum.auto()
    """`does not`, `is not`, `cannot`: a negation that states a fact rather than forbids."""
    NO_NEED = enum.auto()
    USER = enum.auto()
    TELL = enum.auto()
    HIDE = enum.auto()
    STEALTH = enum.auto()
    """An adverb of secrecy on an action: silently, secretly, in the background."""
    EVERY = enum.auto()
    DIRECTIVE = enum.auto()
    """A modal or adverb that turns a sentence into an order: must, always, make sure."""
    ANSWER = enum.auto()
    """An order about how the model answers: `always answer`, `antworte`, `rispondi`."""
    REPLY = enum.auto()
    """The model's own answer to the user (not the tool's response)."""
    COMMAND = enum.auto()
    OTHER_TOOL = enum.auto()
    MESSAGE_OUT = enum.auto()
    """Things the model sends elsewhere: e-mails, messages, posts."""
    SEND = enum.auto()
    READ = enum.auto()
    SECRET = enum.auto()
    CONVERSATION = enum.auto()
    IGNORE = enum.auto()
    INSTRUCTIONS = enum.auto()
    PRIOR = enum.auto()
    DECODE = enum.auto()
    FOLLOW = enum.auto()
    """Acting on something: follow, execute, apply. With DECODE, an encoded order."""
    CONTENTS = enum.auto()
    """The contents of something (a file, a message), not its name or path."""
    SYSTEM_PROMPT = enum.auto()
    """The model's own instructions: the system prompt, the developer's instructions."""
    PRINT = enum.auto()
    PERSONA = enum.auto()
    """A new identity for the model: `you are now`, `du bist jetzt`, `あなたは今`."""
    UNRESTRICTED = enum.auto()
    LIMITS = enum.auto()
    """Restrictions, filters, censorship: negated (`without any filters`), the model unbound."""
    ONLY_IF = enum.auto()
    """`only when`, `unless`: an act held back for the user's own request: no hijack, no secrecy."""
    AUTHORIZED = enum.auto()
    """A claim that the user already approved everything: consent the model is told not to ask for."""
    OTHER = enum.auto()
    TOOL = enum.auto()
    EXCLUSIVE = enum.auto()
    """Only this tool: `exclusively`, `only this one`, `このツールだけ`."""
    EVEN_IF = enum.auto()
    PREFER = enum.auto()
    DISPARAGE = enum.auto()
    MENTION = enum.auto()
    """Words that introduce a quotation or an example: documentation of a phrase, not its use."""
    ONLY_SAY = enum.auto()
    """`just say`, `only confirm`: what the model may tell, so the rest goes untold."""
    SCOPE = enum.auto()
    """A reach beyond this call: this session, the rest of the conversation, whether or not
    this tool is used."""
    WHEN = enum.auto()
    ASK = enum.auto()
    """The user asking or saying something: with WHEN, a trigger set on the user's other requests."""
    COPY_TO = enum.auto()
    """A copy of a message to someone else: bcc, cc, 密送."""
    SELF_USE = enum.auto()
    """`call this tool`, `use this`: an order about this tool itself."""
    RETURNED = enum.auto()
    """What a tool gives back: results, returns, 返回. With another tool named, its output."""
    HERE = enum.auto()
    """Into this tool: here, ici, сюда, ここ."""
    HANDLE = enum.auto()
    """An identifier: passing another tool's id along is chaining, not harvesting its output."""
    OWN_OUTPUT = enum.auto()
    """This tool's own results: putting them in the reply is presenting them, not a standing order."""
    SELF = enum.auto()
    """The tool speaking about itself (`this tool`, `returns`): description, not an order."""
    ALTER = enum.auto()
    """Verbs that change what the model does elsewhere: prefix, append, bcc, recommend, route."""
    PARAMETER = enum.auto()
    ADDRESS = enum.auto()
    """Words that address the model itself: you, the assistant, the AI."""
    ONLY = enum.auto()
    """A restriction to a part: `only`, `nur`, `лишь`, `只`, `だけ` (what is told narrowed to it)."""
    ENOUGH = enum.auto()
    """Sufficiency: `is enough`, `genügt`, `достаточно`, `足够` (a short answer declared sufficient)."""
    USE = enum.auto()
    """Using or calling a tool: `use`, `benutzen`, `utilice`, `используйте`, `用`, `使う`, `사용`."""
    APPLY = enum.auto()
    """Rules being in force: `apply`, `gelten`, `s'appliquent`, `valer`, `действуют`, `适用`, `적용`."""
    CEASE = enum.auto()
    """Ceasing: `stop`, `no longer`, `nicht mehr`, `dejan de`, `deixam de`, `перестают`, `不再`."""


C = Concept

NEGATING = frozenset({C.NEGATION, C.FORBID, C.STATED_NEGATION})
"""The ideas that turn an act after them into its refusal (`never make it public`, `must not`,
`does not send`)."""

_PER_CALL_SPACED = (
    "every time", "each time", "every call", "each call", "jedes mal", "bei jedem aufruf", "bei jedem abruf",
    "à chaque", "a chaque", "cada vez", "toda vez", "a cada", "ogni volta", "a ogni", "каждый раз",
    "при каждом",
)  # fmt: skip
_PER_CALL_WIDE = ("每次", "毎回", "たびに", "度に", "때마다", "마다")
PER_CALL = Caseless(rf"\b(?:{'|'.join(_PER_CALL_SPACED)})\b|{'|'.join(_PER_CALL_WIDE)}")
"""Every time the tool is called (`à chaque appel`, `каждый раз`, `조회할 때마다`): the narrower part
of EVERY that reaches each call rather than each item, matched on case-folded text. Its words are
EVERY's too (the automaton lists them whole), so a rule that asks for a standing act (exposed.py:
a share made public on every call) and one that asks for any reach read the same words."""

_ENTRIES: dict[Concept, tuple[str, ...]] = {
    C.NEGATION: (
        "=nothing", "=nobody", "=rien", "=nada", "=niente", "=nulla", "=ничего", "=nenhuma", "伝えず",
        "言わず", "知らせず", "触れず", "報告せず",
        "=avoid", "=evita", "=evite", "=evitare", "=évite", "=évitez", "=evitar", "=vermeide",
        "=vermeiden", "=избегай", "=избегайте", "避免", "避け", "피하",
        "=not", "=never", "=no", "n't", "=nor", "=without",
        "=nicht", "=nichts", "=nie", "=niemals", "=kein", "=keine", "=keinen", "=keinem", "=keiner",
        "=keinerlei", "=keinesfalls", "=ohne",
        "=don't", "=dont", "=doesn't", "=won't", "=can't", "=shouldn't", "=mustn't", "=isn't", "=aren't",
        "=ne", "=n'", "=pas", "=jamais", "=sans", "=aucun", "=aucune",
        "=nunca", "=jamás", "=sin", "=ningún", "=ninguna", "=tralascia",
        "=não", "=sem", "=nenhum", "=nenhuma",
        "=non", "=mai", "=senza", "=nessun", "=nessuna",
        "=не", "=никогда", "=без", "=ни", "=нельзя",
        "不", "别", "勿", "没有", "无需", "禁止", "切勿",
        "ないで", "ないよう", "ません", "ないこと", "せず", "なく", "ずに",
        "지 마", "지 말", "않", "말고", "금지", "없이",
    ),
    C.FORBID: (
        "=do not", "=don't", "=dont", "=must not", "=mustn't", "=should not", "=shouldn't", "=never",
        "=is not to be", "=are not to be",
    ),
    C.YOU: (
        "=the assistant", "=der assistent", "=l'assistant", "=el asistente", "=o assistente",
        "=l'assistente", "=ассистент", "アシスタント", "어시스턴트", "助手",
        "=you", "=du", "=dich", "=dir", "=vous", "=tu", "=te", "=tú", "=usted", "=você", "=ты", "=тебе",
        "=вы",
        "你", "您", "あなた", "당신", "너",
    ),
    C.RECIPIENT: (
        "=recipient", "=recipients", "=destination", "=payee", "=iban", "=account number",
        "=wallet address",
        "=to address", "=phone number", "=receiver", "empfänger", "=kontonummer", "destinataire",
        "bénéficiaire",
        "destinatario", "beneficiario", "destinatário", "получател", "=номер счёта", "=номер счета",
        "收件人",
        "收款", "宛先", "受取人", "振込先", "수신자", "수취인", "계좌",
        "=payout account", "=payment account", "=bank account", "=pix key", "=chave pix",
        "=compte bancaire", "=cuenta bancaria", "=conta bancária", "=conta bancaria", "=conto corrente",
        "=банковский счёт", "=банковский счет", "支払先", "口座", "收款账户", "银行账户",
    ),
    C.STATED_NEGATION: (
        "=does not", "=doesn't", "=is not", "=isn't", "=are not", "=aren't", "=will not", "=won't",
        "=cannot", "=can't", "=did not", "=didn't", "=was not", "=wasn't", "=has not", "=have not",
        "=could not", "=would not", "=may not", "=might not",
    ),
    C.NO_NEED: (
        "=необязательно", "=nicht notwendig", "=facultatif", "=opcional",
        "=don't need to know", "=doesn't need to know", "=do not need to know", "=does not need to know",
        "=need not know", "=needn't know", "=brauchen das nicht zu wissen", "=muss das nicht wissen",
        "=n'a pas besoin de savoir", "=no necesita saber", "=não precisa saber",
        "=non ha bisogno di sapere", "=не нужно знать",
        "no need to", "=needn't", "=unnecessary", "don't bother", "there is no reason to",
        "nicht nötig", "nicht notwendig", "nicht erforderlich", "brauchst nicht", "brauchen sie nicht",
        "kein grund",
        "pas besoin", "inutile de", "pas nécessaire", "pas la peine",
        "no hace falta", "no es necesario", "=innecesario",
        "não precisa", "não é necessário", "=desnecessário", "não é preciso",
        "non serve", "non è necessario", "=inutile", "non occorre", "non c'è bisogno",
        "не нужно", "не надо", "нет необходимости", "=незачем", "не обязательно", "не стоит",
        "无需", "不必", "不需要", "没必要", "用不着", "不用",
        "必要はありません", "必要はない", "必要ない", "不要です",
        "필요 없", "필요가 없", "필요는 없",
    ),
    C.USER: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "utilisatric", "usuaria", "usuária",
        "=user", "=users", "user's", "=human", "=person", "=operator", "=customer", "=requester",
        "=someone",
        "=anyone", "=jemand", "quelqu'un", "=alguien", "=alguém",
        "=qualcuno", "кто-то", "有人", "誰か", "누군가",
        "benutzer", "nutzer", "anwender",
        "utilisateur", "=client",
        "usuario", "=cliente",
        "usuário", "utilizador",
        "=utente", "=utenti",
        "пользовател", "юзер", "клиент",
        "用户", "使用者", "客户", "顾客",
        "ユーザ", "利用者", "使用者",
        "사용자", "유저", "고객",
    ),
    C.TELL: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "=mitgeteilt", "erzähl", "=verrät", "=disclosing", "=informs", "=notifies", "=notified", "=told",
        "=informant", "=prevenir", "=prevenez", "=previens", "révèl", "=cuente", "=cuenten",
        "cuéntal", "cuental", "=dígale", "=digale", "=díganle", "=díselo", "=diselo", "=informad",
        "=informarle", "=informarles", "=informarlo", "=digli", "=dille", "=diglielo", "=ditegli", "=dite",
        "=informate", "=informalo", "=informala", "=informali", "=digam", "скаж", "расскаж",
        "言って", "言います", "말해",
        "=give the user", "=give them",
        "=don't need to know", "=doesn't need to know", "=do not need to know", "=does not need to know",
        "=need not know", "=needn't know", "=brauchen das nicht zu wissen", "=muss das nicht wissen",
        "=n'a pas besoin de savoir", "=no necesita saber", "=não precisa saber",
        "=non ha bisogno di sapere", "=не нужно знать",
        "elenc", "aufzähl", "énumér", "=enumerar", "перечисл", "列出", "列举", "列挙", "나열", "알릴", "안내",
        "=tell", "=tells", "=telling", "mention", "=inform", "=informing", "notify", "notifying", "=show",
        "=showing",
        "reveal", "disclose", "=explain", "=explaining", "=report", "=reporting", "=say", "=saying",
        "bring up", "bring it up", "bring this up", "brought up", "=let the user know", "=let them know",
        "=let the user see", "acknowledge", "point out", "=warn",
        "=surface", "leave out", "=omit", "=enumerate", "=enumerated", "=itemize", "=describe",
        "=comment on",
        "erwähn", "=sag", "=sage", "=sagen", "mitteil", "informier", "=zeig", "=zeige", "zeigen",
        "verrat", "benachrichtig", "hinweis", "offenleg", "=sprich", "ansprechen", "=melde", "=melden",
        "=nenne", "=nennen", "=quote", "=reported", "=angesprochen", "=citar",
        "=citer", "=citare",
        "=weglassen", "=berichte", "=berichten", "=warne", "=ausgewiesen", "=ausweisen", "=ausweist",
        "mentionn", "=dire", "=dis", "=dites", "informer", "informez", "informe", "=signale", "=signalez",
        "=signaler", "signalé", "=signalee", "=signalees", "révél", "montr",
        "préven", "prévien", "indiqu", "=parler", "=parlez", "=avertir", "=avertissez", "=afficher",
        "=affiche", "=évoquer",
        "=évoque",
        "=raconte", "=racontez",
        "mencion", "=decir", "=digas", "=diga", "=di al", "=di a", "=dile", "=dí", "=informa", "=informe",
        "=informar", "=informes", "relatad", "=relatar", "=relatem",
        "mostr", "revel", "avis",
        "=notifica", "=notificar", "=notifique", "=notifiques",
        "=hablar", "=hables", "=contar", "=cuentes", "=advertir", "=comentes", "=comentar", "=enumeres",
        "=dizer", "=digas", "=diga", "=conte", "=contar", "=falar", "=fale", "=comentar", "=comente",
        "=dirlo", "=dirle", "=dirgli", "=dirglielo", "=decirlo", "=decirle", "=decírselo", "=dizê-lo",
        "=contarlo", "=contárselo", "=riferirlo", "=comunicarlo",
        "menzion", "=dire", "=dica", "=dici", "rivel", "avvis", "=notificare", "=notifichi", "=parlare",
        "=parlarne",
        "segnal", "comunic", "=informare", "=informarlo", "=informarla", "=informi", "farne cenno",
        "=accennare", "=tirarlo fuori", "=raccontare", "=racconta", "=riferire", "=riferirlo", "=riferirle",
        "=riferisci", "=riferisca", "=riferite",
        "сообща", "сообщ", "сказ", "говор", "упомина", "упомян", "показ", "раскры", "уведом", "информир",
        "предупре", "рассказ", "заводить речь", "=упоминай",
        "告诉", "告知", "提及", "提到", "提起", "透露", "通知", "显示给",
        "说明", "提醒", "汇报", "报告", "别提", "再提", "不要提",
        "说了", "讲",
        "伝え", "言わ", "言う", "知らせ", "通知", "説明", "触れ", "報告", "言及", "表示し",
        "알리", "알려", "말하", "말씀", "언급", "보여", "공개하", "공개해", "공개되", "공개 하",
        "보고", "설명", "통지",
        "꺼낼", "꺼내",
        "아무 말", "말도 하지",
    ),
    C.HIDE: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "verbirg", "escónd", "ocúlt", "숨긴",
        "out of your summary", "out of your reply", "out of your response", "out of your answer",
        "out of the summary", "out of the reply", "out of replies", "out of summaries",
        "=omit", "=omitting", "=leave out", "=leaving out", "=weglassen", "=lass weg", "auslassen",
        "=omettez", "=omets", "=omettre", "=omite", "=omitir", "=omita", "=omitas", "=ometti",
        "=omettere", "=ometta", "опуска", "=опустите", "=опусти", "省略", "略去",
        "省い", "省く", "생략",
        "=hide", "=hides", "=hiding", "conceal", "=keep it secret", "=keep this secret", "=secret",
        "verberg", "verheimlich", "geheim", "verschweig",
        "=cacher", "=cachez", "=cache-le", "dissimul", "=secret",
        "ocult", "escond", "=secreto",
        "=esconda", "=segredo",
        "nascond", "occult", "=segreto",
        "скры", "скрой", "тайн", "утаи", "умолчи",
        "隐藏", "隐瞒", "保密", "瞒",
        "隠", "秘密", "内緒",
        "숨기", "숨겨", "비밀",
    ),
    C.STEALTH: (
        "silently", "secretly", "quietly", "covertly", "invisibly", "discreetly", "behind the scenes",
        "in the background", "without asking", "without confirmation", "without notice",
        "heimlich", "unauffällig", "stillschweigend", "im hintergrund", "ohne nachfrage",
        "secrètement", "discrètement", "silencieusement", "en arrière-plan", "en douce", "sans demander",
        "secretamente", "discretamente", "silenciosamente", "en segundo plano", "sin preguntar",
        "em segundo plano", "sem perguntar",
        "segretamente", "di nascosto", "silenziosamente", "in background", "senza chiedere",
        "втихую", "тайно", "незаметно", "молча", "в фоновом", "не спрашивая",
        "悄悄", "暗中", "默默", "偷偷", "秘密地", "后台", "静默",
        "こっそり", "黙って", "密かに", "ひそかに", "バックグラウンド",
        "몰래", "조용히", "은밀히", "백그라운드",
    ),
    C.EVERY: (
        "凡是", "之后凡",
        "=always", "=every", "=each", "=all", "=any", "whenever", "from now on",
        "=entire", "=whole", "=full", "=complete", "=verbatim", "=gesamte", "=gesamten", "=ganze",
        "=ganzen",
        "=tout", "=toute", "=tutta", "=tutto", "=toda", "=todo", "=inteira", "=intera", "=весь", "=всю",
        "=completo", "=completa", "=complet", "=complète", "=vollständig", "=komplett", "=kompletter",
        "=komplette", "=kompletten", "=полный",
        "=полностью",
        "=всё", "целиком", "全部", "全体", "完整", "原样", "그대로", "전체", "모두", "빠짐없이", "省略せず",
        "=sem cortes", "=sin cortes", "=senza tagli", "=ohne kürzung",
        "chaque fois", "每当", *(f"={word}" for word in _PER_CALL_SPACED), *_PER_CALL_WIDE,
        "=immer", "=stets", "=jede", "=jeder", "=jedes", "=jeden", "=jedem", "=alle", "=allen", "ab sofort",
        "=toujours", "=chaque", "=tous", "=toutes", "=systématiquement", "désormais",
        "=siempre", "=cada", "=todos", "=todas", "=cualquier", "de ahora en adelante",
        "=sempre", "=todos", "=todas", "=qualquer", "a partir de agora",
        "=ogni", "=tutti", "=tutte", "=qualsiasi", "d'ora in poi",
        "=всегда", "кажд", "=все", "=всех", "=всем", "любой", "любого", "любом", "=отныне",
        "总是", "始终", "每", "所有", "一律", "任何", "从现在起",
        "常に", "必ず", "すべて", "全て", "毎", "いつも", "あらゆる",
        "항상", "모든", "매번", "언제나", "늘", "앞으로",
    ),
    C.DIRECTIVE: (
        "=сначала", "=zuerst", "=d'abord", "=primero", "=primeiro",
        "=soll", "=sollte", "=is expected", "=are expected", "=expected to",
        "=must", "=should", "need to", "have to", "make sure", "be sure", "=ensure", "=always", "=please",
        "you are required", "it is required", "=required", "=mandatory", "remember to", "=important",
        "=before using", "=before calling", "=before you", "=before any", "=before each", "=before every",
        "=first", "=prior to", "=after using",
        "=after calling", "vor der verwendung", "bevor du", "avant d'utiliser", "avant d'appeler",
        "antes de usar", "antes de llamar", "antes de utilizar", "prima di usare", "prima di chiamare",
        "перед использованием", "перед вызовом", "使用前", "调用前", "使用する前", "呼び出す前",
        "사용하기 전", "호출하기 전",
        "=muss", "=musst", "=müssen", "=sollst", "=sollen", "=immer", "=bitte", "stelle sicher",
        "stellen sie sicher", "=unbedingt", "=wichtig", "=pflicht", "pflichtfeld", "=erforderlich",
        "=dois", "=doit", "=doivent", "=devez", "=devrez", "=toujours", "assurez-vous", "assure-toi",
        "veuillez",
        "=obligatoire", "=important", "n'oubliez pas",
        "=debes", "=debe", "=deben", "=deberás", "=siempre", "asegúrate", "asegúrese", "por favor",
        "=obligatorio",
        "=importante", "no olvides", "tienes que",
        "=deve", "=deves", "=devem", "=sempre", "certifique-se", "=obrigatório", "não se esqueça", "tem que",
        "=devi", "=deve", "=devono", "=sempre", "assicurati", "per favore", "=obbligatorio",
        "non dimenticare",
        "должен", "должны", "=всегда", "обязательно", "необходимо", "=нужно", "=надо", "=важно",
        "=пожалуйста", "не забудь",
        "必须", "务必", "总是", "始终", "一定要", "请", "需要", "重要", "一律", "之前", "首先", "前，先",
        "前先",
        "必ず", "常に", "ください", "なければ", "こと。", "重要",
        "반드시", "항상", "해야", "세요", "주세요", "십시오", "꼭", "중요", "언제나",
    ),
    C.REPLY: (
        "ответах", "ответам", "ответу ассистента", "ответе ассистента", "=answers", "=replies", "답변에",
        "回复中", "回答中",
        "your response", "your reply", "your answer", "your final", "your output", "your message",
        "your summary", "your summaries", "deine zusammenfassung", "deiner zusammenfassung",
        "ihre zusammenfassung", "ton résumé", "votre résumé", "tu resumen", "seu resumo", "teu resumo",
        "tuo riepilogo", "tuo resoconto", "твоей сводке", "твоём резюме", "你的总结", "你的摘要",
        "あなたの要約", "당신의 요약",
        "=every response you", "=every response to the user", "=every reply", "=every answer",
        "=each response you", "=each response to the user", "=each reply",
        "=each answer", "=all responses you", "=all replies", "=all answers", "=always answer",
        "=always respond", "=always reply", "=respond with", "=reply with", "=answer with",
        "=answer that", "=respond that", "=reply that", "to the user that", "in the chat",
        "=antwort", "=antworten", "=antworte", "deine antwort", "ihre antwort", "jede antwort",
        "=réponse", "=réponses", "=réponds", "=répondez", "=répondre",
        "=respuesta", "=respuestas", "=responde", "=responda", "=responder",
        "=resposta", "=respostas", "=responda", "=responder",
        "=risposta", "=risposte", "=rispondi", "=rispondere", "=risponda",
        "=ответ", "=ответе", "=ответа", "=ответы", "отвеча", "=ответь", "=ответьте",
        "回复", "回答", "答复",
        "回答", "返信", "返答", "応答",
        "응답", "답변", "대답",
    ),
    C.ANSWER: (
        "=say", "=say that", "=sag", "=dis-lui", "=diles", "=dile", "=diga", "=dica", "=скажи", "=скажите",

        "=always answer", "=always respond", "=always reply", "=respond with", "=reply with",
        "=answer with", "=answer that", "=respond that", "=reply that", "=tell the user that",
        "=responder que", "=responda que", "=responde que", "=répondre que", "=répondez que",
        "=rispondere che", "=rispondi che",
        "=antworte", "=antworten sie", "=réponds", "=répondez", "=responde", "=responda", "=contesta",
        "=rispondi", "=risponda", "=ответь", "=отвечай", "=ответьте", "=отвечайте",
        "回答说", "回复说", "答复说", "总是回答", "回答して", "答えて", "返答して", "と答え", "と回答",
        "답변하", "대답하", "응답하", "라고 답", "라고 대답",
    ),
    C.COMMAND: (
        "=git commit", "=commits", "=pull request", "=pull requests",
        "=generate code", "=generating code", "=write code", "=writing code", "=any code",
        "=code you write", "=code you generate", "=code for the user", "=code snippet", "=code snippets",
        "code generierst", "code schreibst", "=générer du code", "=génères du code", "=écris du code",
        "=generar código", "=generes código", "=escribas código", "=gerar código", "=escrever código",
        "=gerar codigo", "=generi codice", "=scrivi codice", "=generare codice", "генерируешь код",
        "пишешь код", "генерации кода", "генерации любого кода", "=любой код", "=любого кода",
        "生成代码", "写代码", "编写代码", "コードを生成", "コードを書",
        "코드를 생성", "코드를 작성",
        "=command", "=commands", "=shell", "=terminal", "=bash", "=script", "=scripts",
        "=befehl", "=befehle", "=befehls", "=kommando", "=kommandos",
        "=commande", "=commandes",
        "=comando", "=comandos", "=comandi",
        "команд", "=терминал", "=скрипт",
        "命令", "终端", "脚本",
        "コマンド", "シェル", "ターミナル", "スクリプト",
        "명령", "쉘", "셸", "터미널", "스크립트",
    ),
    C.OTHER_TOOL: (
        "other tool", "another tool", "=any tool", "=all tools", "=every tool", "other function",
        "tool call", "other server", "=every other", "=any other", "=other mcp",
        "anderen tool", "andere tool", "anderen werkzeug", "andere werkzeug", "anderen server",
        "jedes tool",
        "jeden tool", "alle tools", "werkzeugaufruf", "tool-aufruf",
        "autre outil", "autres outils", "appel d'outil", "autre serveur", "tout outil", "tous les outils",
        "otra herramienta", "otras herramientas", "cualquier herramienta", "otro servidor",
        "outra ferramenta", "outras ferramentas", "qualquer ferramenta", "outro servidor",
        "altro strumento", "altri strumenti", "qualsiasi strumento", "altro server", "altri server",
        "другой инструмент", "других инструмент", "другие инструмент", "любой инструмент",
        "любого инструмент", "другого инструмент", "других сервер", "другой сервер",
        "其他工具", "其它工具", "别的工具", "任何工具", "其他服务",
        "他のツール", "ほかのツール", "別のツール", "すべてのツール", "他のサーバ",
        "다른 도구", "다른 툴", "모든 도구", "다른 서버",
    ),
    C.MESSAGE_OUT: (
        "=email", "=emails", "e-mail", "=mail", "=mails", "=mailed", "=emailed", "=messages", "=message",
        "=posts",
        "=nachricht", "=nachrichten",
        "courriel", "=courriels",
        "=correo", "=correos", "=mensaje", "=mensajes", "=mensagem", "=mensagens",
        "=messaggio", "=messaggi",
        "=письм", "письмо", "письма", "сообщени", "почт",
        "邮件", "消息", "メール", "メッセージ", "메일", "메시지", "이메일",
    ),
    C.SEND: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "übermitt", "überträg", "weitergeleit", "hochgelad", "weiterschick", "weitergeschick", "=sendet",
        "=sendest", "=gesendet", "=schickt", "=schickst", "=leitet", "=sharing",
        "envia", "envía", "envíe", "enviá", "=envie", "=envien", "=enviem", "=envielo", "=mandad", "=mandado",
        "=mandados", "=mandada", "=mandan", "=mandam", "=mandando", "=manden", "=mandem", "=mandarlo",
        "=mandarla", "=mandarle", "mándal", "mándasel", "=mandaselo", "=súbelo", "=subelo", "transfèr",
        "=transfere", "=transferer", "=transferez", "=transmis", "=transmise", "=transmises", "inviagl",
        "=inviando", "=inviato", "=inviata", "=inviati", "inviarl", "=inviino", "=mandano", "=mandare",
        "=mandi", "mandagl", "trasmess", "пересла",
        "传送", "寄给", "送れ", "보낸다",
        "joign", "mitschick", "mitsend", "inserisc", "переда", "insér", "=insertando", "=inserindo",
        "=place it", "=place them", "=placez", "=platziere", "放进", "放到", "填到", "写进",
        "=passed", "=sent", "=included", "=appended", "=attached", "=copied", "=added", "=posted",
        "=shared", "=submitted",
        "=run them through", "=run it through",
        "=salva", "=salvare", "=salvi", "=speichere", "=speichern", "=sauvegarde", "=sauvegardez",
        "=enregistre", "=enregistrez", "=guarda", "=guarde", "=salve", "=сохрани", "=сохраните",
        "=сохраняй", "保存到", "保存在", "保存し", "保存して", "저장", "incoll", "=escribe", "=escriba",
        "=scrivi", "=scriva", "=schreibe", "=schreib", "=écris", "=écrivez", "=escreva", "=escreve",
        "=напиши", "=запиши", "=впиши", "einfueg", "=fuege", "=fueg", "hinzufueg", "anhaeng", "=haenge",
        "uebertrag", "=uebergib",
        "=send", "=sends", "=sending", "=post", "=posting", "upload", "forward", "transmit", "=submit",
        "=include", "=including", "=append", "=appending", "=attach", "=pass", "=passing", "=put",
        "=paste", "=copy", "=bcc", "=cc", "=add", "exfiltrat", "=leak", "=share", "=embed", "=encode",
        "=sync", "=mirror", "=deliver", "=redirect", "=route", "=export", "=write", "=save", "=dump",
        "=report",
        "=sende", "=senden", "=schicke", "=schick", "=schicken", "übertrag", "hochlad",
        "weiterleit",
        "=leite", "anhäng", "=häng", "=hänge", "hinzufüg", "=füge", "=füg", "einfüg", "=gib", "=übergib",
        "=übergebe", "kopier",
        "envoi", "envoy", "transmet", "transmett", "=ajout", "ajoute", "joindre", "joins", "=inclure",
        "=incluez",
        "=inclus", "=incluez-y", "=copie", "=copiez", "=copier", "recopie", "=reporte", "=reportez",
        "transfér", "partag", "=mets", "=mettez", "=passe", "=passez",
        "=manda",
        "=mande", "=mandar", "transmit", "adjunt", "añad", "agreg", "reenv", "compart", "=pon",
        "=pasa", "=inserta", "=insertar", "=incluye", "=incluya", "=incluir", "=copia", "=copiar",
        "=coloca", "=mete", "pásal", "pásel", "=sube", "=subir", "=suba", "téléverse",
        "pasal", "pasel",

        "anex", "adicion", "encaminh", "=coloque", "=passe", "=inclua", "=copie", "=cole", "=cola",
        "=invia", "=inviare", "=invii", "=inviate", "=inviala", "=invialo", "=manda", "trasmett", "allega",
        "aggiung", "inoltr", "condivid", "=metti", "=passa",
        "=includi", "=inserisci", "=inserire", "=riporta", "=riportare", "=incolla", "=copia", "passal",
        "invial", "mandal",

        "отправ", "=передай", "=передайте", "=передать", "=передавай", "пересыл", "перешл", "прикреп",
        "добав", "включ", "загруз", "скопир",
        "=вставь", "=вставьте", "=укажи", "=укажите", "=приложи",
        "发送", "发给", "发到", "上传", "转发", "附加", "附上", "添加", "包含", "传给", "传到", "抄送",
        "提交", "放入", "填入", "加上", "写入", "粘贴", "转录", "复制到",
        "送信", "送っ", "送る", "送り", "発送", "アップロード", "転送", "添付", "追加", "含め", "付け",
        "渡し", "貼り付け", "入れ", "転記", "記入", "コピー",
        "보내", "전송", "발송", "업로드", "전달", "첨부", "추가",
        "포함", "붙여", "넣어", "넣으", "옮겨", "적어", "복사",
    ),
    C.READ: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "=liest", "sammel", "=gesammelt", "=ausgelesen", "=abgerufen", "=extracts",
        "=extracting", "=fetches", "=fetching", "=retrieves", "=retrieving", "=leed", "=leyendo", "=léelo",
        "=leelo", "=léela", "=leela", "=leerlo", "=leerla", "=extraed", "=obten", "=obtenga", "=obtengan",
        "=extrayez", "=lisant", "récupèr", "=leggete", "=leggendo", "=leggilo", "=leggila", "=leggili",
        "raccolg", "=leiam", "=lendo", "=obter", "=читайте", "=читать", "=собрать",
        "=извлечь", "読む",
        "=read", "=collect", "=gather", "=extract", "=retrieve", "=dump", "=cat", "=open", "=load",
        "=grab", "=fetch", "=obtain", "=harvest", "=steal", "=scrape", "=look up", "=find",
        "=lies", "=lese", "=lesen", "auslesen", "=sammle", "=sammeln", "extrahier", "=hole", "abruf",
        "=öffne",
        "=lire", "=lis", "=lisez", "collect", "récupér", "extrai", "=ouvre", "=ouvrez",
        "=lee", "=leer", "=lea", "recopil", "=extrae", "=extraer", "=extraiga", "obtén", "=obtener",
        "=abre",
        "=ler", "=leia", "=lê", "colet", "=extraia", "obtenha", "=abra",
        "=leggi", "=leggere", "=legga", "raccogl", "estra", "recuper", "=apri",
        "прочит", "прочт", "=читай", "собер", "собира", "извлек", "получ", "открой",
        "读取", "读出", "收集", "提取", "获取", "打开", "查看",
        "読み", "読ん", "読取", "収集", "取得", "抽出", "開い",
        "읽", "수집", "추출", "가져", "열어",
    ),
    C.SECRET: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "=geheimnisse", "=ключей", "=ключом", "=токенов",
        "ip-адрес", "=ip address", "ip-adresse", "=adresse ip", "=dirección ip", "=endereço ip",
        "=indirizzo ip", "ip地址", "ipアドレス", "ip 주소",
        "~passwort", "~kennwort", "~zugangsdaten", "~anmeldedaten",
        "=home address", "date of birth", "social security", "passport number",
        "api key", "api-key", "apikey", "api_key", "=token", "=tokens", "access token", "api token",
        "auth token",
        "bearer token",
        "session token", "refresh token", "secret token", "access tokens", "=password",
        "=passwords", "passphrase", "=secret", "=secrets", "credential", "private key", "ssh key",
        "=seed phrase", "mnemonic", "environment variable", "=env var", "=cookie", "=cookies",
        "=user data", "=personal data", "=customer data",
        "session id", "=.env",
        "passwort", "kennwort", "zugangsdaten", "schlüssel", "=geheimnis", "anmeldedaten",
        "umgebungsvariable",
        "mot de passe", "mots de passe", "=clé", "=clés", "identifiant", "=jeton", "=jetons",
        "variable d'environnement",
        "contraseña", "=clave", "=claves", "credencial", "=tokens", "variable de entorno",
        "=senha", "=senhas", "=chave", "=chaves", "credencia", "variável de ambiente",
        "=chiave", "=chiavi", "credenzial", "variabile d'ambiente", "variabili d'ambiente",
        "парол", "=ключ", "ключи", "ключа", "=токен", "токены", "токена", "учетн", "учётн", "секрет",
        "переменн окружения", "переменные окружения", "переменных окружения", "=printenv",
        "=parol", "=parolya", "=parolem", "=paroli", "=klyuchi", "=tokeny", "=miyao", "=siyao",
        "=pingzheng", "=lingpai",
        "密码", "密钥", "令牌", "凭据", "凭证", "私钥", "口令", "环境变量",
        "パスワード", "鍵", "キー", "トークン", "認証情報", "秘密鍵", "環境変数", "シークレット",
        "비밀번호", "암호", "=키", "키를", "키와", "토큰", "자격 증명", "인증 정보", "개인 키", "환경 변수",
        # Personal identifiers of the people a tool serves, in bulk or by nature (their addresses, when
        # they were born, their identity numbers): what leaves with them is who they are. (Not one
        # address, a phone or a card number: where a parcel goes, what an API takes one at a time.)
        "=customer addresses", "=client addresses", "=member addresses", "=names and addresses",
        "=dates of birth", "~kundenadressen", "~mitgliederadressen", "~geburtsdat",
        "adresses des clients", "date de naissance", "sécurité sociale",
        "direcciones de los clientes", "fecha de nacimiento",
        "endereços dos clientes", "data de nascimento", "=cpf",
        "indirizzi dei clienti", "data di nascita", "codice fiscale",
        "адреса клиентов", "дата рождения", "дату рождения", "паспортн",
        "身份证", "生年月日", "マイナンバー", "생년월일", "주민등록번호",
    ),
    C.CONVERSATION: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "konversation", "=беседа", "=беседу", "=беседы", "=беседе", "=беседой",
        "보낸 메시지", "보낸 모든 메시지", "送ったメッセージ", "发送的所有消息",
        "=messages the user has sent", "=each message the user", "=every message the user",
        "=messages the user sent",
        "=messages échangés", "=l'ensemble des messages", "やり取り", "やりとり", "会話履歴",
        "charla", "bate-papo", "chiacchierat",
        "=the whole chat", "=the entire chat", "=the full chat", "=den ganzen chat", "=den kompletten chat",
        "=toute la discussion", "=tout le chat", "=todo el chat", "=el chat completo", "=todo o chat",
        "=tutta la chat", "=l'intera chat", "=весь чат", "=всю переписку", "整个聊天", "聊天记录",
        "チャット全文", "チャット履歴", "대화 내용", "대화 전체", "채팅 기록",
        "=mensajes intercambiados", "=mensagens trocadas", "=messaggi scambiati",
        "~chatverlauf", "~nachrichtenverlauf", "~dialogverlauf", "~chatprotokoll", "~gesprächsprotokoll",
        "~systemanweisung",
        "conversation", "chat history", "chat log", "=user messages", "=last user message", "=user message",
        "=user's last message", "сообщений пользователя",
        "сообщения пользователя", "messages de l'utilisateur", "mensajes del usuario",
        "mensagens do usuário",
        "messaggi dell'utente", "nachrichten des nutzers", "用户的消息", "ユーザーのメッセージ",
        "사용자의 메시지", "results of previous", "results of other",
        "results from other", "outputs of other", "output of other", "output from other",
        "responses from other",
        "other tools' output", "other tools' results", "previous tool", "prior tool", "earlier tool",
        "last message", "user's message", "user's messages",
        "letzte nachricht", "dernier message", "último mensaje", "última mensagem", "ultimo messaggio",
        "messaggio dell'utente", "последнее сообщение", "最后一条消息", "最後のメッセージ", "마지막 메시지",
        "previous message", "prior message", "earlier message",
        "system prompt", "context window", "=transcript", "message history",
        "gespräch", "verlauf", "unterhaltung", "systemprompt", "system-prompt", "bisherigen nachrichten",
        "historique", "invite système", "prompt système", "messages précédents",
        "conversación", "historial", "mensajes anteriores", "prompt del sistema",
        "conversa", "histórico", "mensagens anteriores", "prompt do sistema",
        "conversazione", "cronologia", "messaggi precedenti", "prompt di sistema",
        "переписк", "диалог", "истори", "разговор", "системн промпт", "системный промпт",
        "предыдущие сообщения",
        "对话", "聊天记录", "聊天历史", "历史记录", "系统提示", "上下文",
        "会話", "履歴", "チャット", "システムプロンプト", "これまでのメッセージ",
        "대화", "기록", "채팅", "시스템 프롬프트", "이전 메시지",
    ),
    C.IGNORE: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "=vergesst", "=disregards", "=disregarding", "=forgets", "=forgetting", "ignór", "olvid", "olvíd",
        "=oublier", "=oubliant", "=oublions", "=dimenticare", "=dimentichi", "=dimenticale", "=dimenticali",
        "=dimenticalo", "=trascurare", "=esquecer", "=esquece", "=esqueçam", "desconsider", "=забыть",
        "=забывай", "=забывайте", "пренебрег", "=пренебречь",
        "descart", "=discard", "=verwirf", "=écarte", "=écartez", "=scarta", "=отбрось", "=отбросьте",
        "丢弃", "破棄",
        "=outdated", "=obsolete", "=superseded", "=expired", "=no longer valid", "=no longer apply",
        "=out of date", "=out-of-date", "=nicht mehr aktuell", "=obsolète", "=périmée", "=desactualizada",
        "=desactualizadas", "=desactualizado", "=desactualizados", "=desatualizada", "=desatualizadas",
        "=desatualizado", "=desatualizados", "=obsoleta", "=obsoleto", "=obsoleti", "=устарела", "=устарел",
        "=устарело",
        "失效", "已过期", "过时", "=veraltet", "=überholt", "=obsolètes", "=caduques", "=périmées",
        "=obsoletas", "=caducadas", "=obsoletas", "=superate", "=obsolete", "=scadute", "=устарели",
        "утратили силу", "古くなっ", "期限切れ", "만료", "효력",
        "=ignore", "=disregard", "=forget", "=override", "=overrule", "=bypass", "=supersede", "=no longer",
        "=disable", "=turn off", "=switch off", "=deactivate", "deaktivier", "=schalte", "désactiv",
        "desactiv",
        "desativ", "disattiv", "отключ", "禁用", "关闭", "無効に", "オフに", "비활성", "해제",
        "=void", "=revoked", "=invalid", "=null and void", "nicht mehr", "ungültig", "aufgehoben",
        "ne s'appliquent plus", "plus valables", "=annulées", "=annulés", "=ya no", "=anuladas",
        "=revocadas", "=revogadas", "=revogados", "não valem mais", "non valgono più", "non seguire più",
        "=annullate", "=revocate", "=больше не", "=отменены", "недействительн", "不再", "作废", "撤销",
        "無効",
        "取り消", "더 이상", "무효",
        "ignorier", "vergiss", "vergessen", "missacht", "=übergehe",
        "ignor", "=oublie", "=oubliez", "=outrepasse",
        "=olvida", "=olvide", "=omite", "=omita",
        "=esqueça", "=esqueca", "=desconsidere",
        "=dimentica", "=dimenticate", "=trascura",
        "игнорир", "проигнорир", "забудь", "забудьте", "пренебреги",
        "忽略", "无视", "忘记", "忘掉", "不要理会", "覆盖",
        "無視", "忘れ",
        "무시", "잊어", "잊으",
    ),
    C.INSTRUCTIONS: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "directric", "instrucao",
        "~anweisung", "~vorgabe", "~regeln",
        "guidance", "=anleitung", "=orientações", "=indicazioni",
        "=you received", "=you were given", "=you've received", "=you have received", "=du erhalten hast",
        "=que tu as reçu", "=que has recibido", "=que você recebeu", "=che hai ricevuto",
        "=которые ты получил", "你收到的", "受け取った指示", "받은 지시",
        "you were told", "you have been told", "you've been told", "dir gesagt wurde", "on t'a dit",
        "on vous a dit", "te dijeron", "te han dicho", "te disseram", "ti è stato detto", "тебе сказали",
        "告诉你的", "言われた", "들은",
        "instruction", "=rules", "guideline", "system prompt", "=directives", "=guardrails", "safety",
        "anweisung", "=regeln", "richtlinie", "vorgabe", "sicherheit",
        "consigne", "=règles", "directive", "sécurité",
        "instrucci", "=reglas", "indicacion", "directriz", "seguridad",
        "instruç", "instruco", "=regras", "diretriz", "segurança",
        "istruzion", "=regole", "direttiv", "sicurezza",
        "инструкци", "указани", "правил", "безопасност",
        "指令", "指示", "规则", "安全",
        "指示", "ルール", "命令", "安全", "規則",
        "지시", "지침", "규칙", "안전",
        "=policy", "=policies", "=politiques", "=políticas", "=politiche", "политик", "政策", "ポリシー",
        "정책",
    ),
    C.DECODE: (
        "раскодир",
        "decodifiq", "descodifiq", "decodifíc", "descodifíc", "descifr",
        "=decode", "=decodes", "=decrypt", "=decrypts", "=deobfuscate", "=unscramble", "=deciphers",
        "zurückübersetz", "rückübersetz", "rot13", "base64-decode", "dekodier",
        "entschlüssel", "décod", "=decoder", "déchiffr", "decodific", "descodific", "decifr", "декодир",
        "расшифр", "解码", "解密", "デコード", "復号", "디코딩", "해독", "복호화",
        "=right to left", "=backwards", "=von rechts nach links", "=rückwärts", "=de droite à gauche",
        "=de derecha a izquierda", "=da direita para a esquerda", "=de trás para frente",
        "=da destra a sinistra", "=справа налево", "=задом наперёд", "=задом наперед", "从右到左", "倒着读",
        "右から左", "逆から読", "오른쪽에서 왼쪽", "거꾸로 읽",
        # a transformation undone: letters transliterated, keys mapped back, kana shifted back
        "descífr", "decífr", "transliterat", "translitér", "translitera", "traslitter", "транслитер",
        "=map each key back", "=map the keys back", "=map it back", "=map them back",
        "=shift each letter back", "=shift the letters back", "=shift it back", "=shift them back",
        "戻して読", "ずらして読", "되돌려 읽",
    ),
    C.FOLLOW: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "gehorch", "=obeys", "=obeying", "obedec", "obedezc", "=seguid", "=sigan", "=siguiendo",
        "=obéir", "=obéis", "obéiss", "=obeir", "=obeis", "obeiss", "=segua", "=seguite",
        "obbed", "ubbid", "=segue", "=sigam", "=cumpre", "obedeç", "подчиня", "подчини", "=следовать",
        "遵守", "服从", "听从", "従う", "준수",
        "=carrying out", "=carrying them out", "=carry them out", "=carrying it out", "=carry it out",
        "=cumple", "=cumpla", "=cumplir", "cúmpl", "=cumpra", "=cumprir", "=attieniti", "=adempi",
        "=acting on", "=follows it", "=follows them", "=carries it out", "=carries them out",
        "=be followed", "=being followed", "=be obeyed",
        "esegu", "ejecut", "execut", "exécut", "=comply with", "=befolge", "=befolgen", "=следуй",
        "=выполни",
        "=follow", "=execute", "=obey", "=apply", "=carry out", "=act on", "=comply", "befolg",
        "=ausführen",
        "umsetzen", "=führe", "=anwenden", "=suivre", "=suivez", "=appliquer", "=appliquez", "=exécute",
        "=exécuter", "=exécutez", "=seguir", "=sigue", "=siga", "=aplicar", "=aplica", "=ejecuta",
        "=ejecutar",
        "=cumple", "=execute", "=executar", "=segui", "=seguire", "=esegui", "=eseguire", "=applica",
        "=applicare", "aplicarl", "aplícal", "aplical", "ejecutarl", "ejecútal", "applical", "eseguil",
        "выполн", "следу", "примен", "照做", "执行", "遵循", "按照", "従って", "従い", "実行",
        "따르", "실행", "적용",
        "=do what it says", "=do as it says", "=do what they say", "=come dice", "=tu ce qu'il dit",
        "=lo que dice", "=o que diz", "=was dort steht",
    ),
    C.CONTENTS: (
        "=content", "=contents", "=full text", "=text of", "=body of", "inhalt", "contenu", "contenido",
        "=le texte de", "=el texto de", "=o texto de", "=il testo di", "=den text der", "=den text des",
        "conteúdo", "contenuto", "содержим", "полный текст", "全文", "内容", "中身", "내용", "전문",
        "=neirong", "=quanwen", "=soderzhimoe", "=soderzhimoye", "=naiyo", "=naiyou", "=nakami",
    ),
    C.SYSTEM_PROMPT: (
        "=consignes initiales", "=instructions initiales", "システム指示", "=your earlier configuration",
        "=your earlier instructions", "=instrucciones iniciales", "=instruções iniciais",
        "=istruzioni iniziali", "=начальные инструкции", "=anfängliche anweisungen", "初始指令",
        "초기 지시",
        "=your configuration", "=your original instructions", "=the instructions you were given",
        "configuration text",
        "system instructions", "instructions système", "instructions du système", "instrucciones del sistema",
        "indicaciones del sistema", "indicações do sistema", "indicazioni del sistema",
        "indications du système", "consignes du système", "system guidance",
        "instruções do sistema", "istruzioni di sistema", "istruzioni del sistema", "systemanweisung",
        "system prompt", "system message", "developer instructions", "developer's instructions",
        "hidden instructions", "initial instructions", "systemprompt", "system-prompt",
        "entwickleranweisung",
        "prompt système", "invite système", "instructions du développeur", "prompt del sistema",
        "instrucciones del desarrollador", "prompt do sistema", "instruções do desenvolvedor",
        "prompt di sistema", "istruzioni dello sviluppatore", "системный промпт", "системного промпта",
        "системные инструкции", "системными инструкци", "системных инструкци", "системным инструкци",
        "системным промпт", "системному промпт", "системном промпт", "инструкции разработчика", "系统提示",
        "开发者给你", "开发者指令", "隐藏指令",
        "システムプロンプト", "開発者からの指示", "開発者の指示", "시스템 프롬프트", "개발자 지시",
        # (the model's set-up, named as the assistant's: `ranks above the assistant's configuration`)
        "=assistant's configuration", "=assistant's setup", "=assistant's set-up", "=assistant configuration",
        "=what the assistant was set up with", "=your own setup", "=configuración del asistente",
        "=configuração do assistente", "=configuration de l'assistant", "=configurazione dell'assistente",
        "=konfiguration des assistenten", "=настройки ассистента",
        "prompt de sistema", "mensagem do sistema", "mensaje del sistema", "message système",
        "systemnachricht", "messaggio di sistema", "системное сообщение", "системного сообщения",
        "系统消息", "系统指令", "システムメッセージ", "システムの指示", "システム設定", "시스템 메시지",
        "시스템 지시", "시스템 설정",
    ),
    C.PRINT: (
        "=printing", "=repeating", "=revealing", "=outputting", "=reciting",
        "=print", "=output", "=reveal", "=repeat", "=dump", "=show", "=display", "=disclose", "=leak",
        "=recite", "=gib", "=gib aus", "ausgeben", "=zeige", "=zeig", "=affiche", "=imprime", "=révèle",
        "=répète", "=muestra", "=imprime", "=revela", "=repite", "=mostre", "=imprima", "=revele",
        "=stampa", "=mostra", "=rivela", "=ripeti", "=выведи", "=покажи", "=раскрой", "=повтори",
        "输出", "显示", "透露", "重复", "出力", "表示", "見せ", "教え", "출력", "보여", "공개하", "공개해",
        "알려",
    ),
    C.PERSONA: (
        "you are now", "from now on you are", "=you obey", "=you will obey", "=obey only", "=only obey",
        "=act as an admin", "=act as admin", "=act as root", "=act as the system",
        "=act as an unrestricted",
        "=act as a developer", "=act as dan", "=act as the administrator", "pretend to be",
        "pretend you are",
        "you are no longer",
        "du bist jetzt", "du bist nun", "ab jetzt bist du", "vous êtes maintenant", "tu es maintenant",
        "tu es désormais", "ahora eres", "a partir de ahora eres", "você agora é", "agora você é",
        "ora sei", "adesso sei", "=sei «", "ты теперь", "теперь ты", "отныне ты", "你现在是", "现在你是",
        "从现在起你是", "あなたは今", "これからあなたは", "今からあなたは", "당신은 이제", "이제 당신은",
        "너는 이제", "이제부터 당신은",
    ),
    C.LIMITS: (
        "restriction", "=filter", "=filters", "=filtering", "censor", "guardrail", "content polic",
        "safety polic", "einschränkung", "beschränkung", "zensur", "restricci", "=filtros", "=filtres",
        "restriç", "restrizion", "=filtri", "ограничени", "цензур", "=фильтр", "限制", "过滤", "审查",
        "制限", "フィルタ", "検閲", "제한", "필터", "검열",
        "=limits", "=grenzen", "=limites", "=límites", "=limiti", "=лимиты", "=allowed roots",
    ),
    C.ONLY_IF: (
        "=only when", "=only if", "=unless", "=nur wenn", "=nur falls", "=es sei denn", "=außer wenn",
        "=seulement si", "=uniquement si", "=sauf si", "=à moins que", "=à moins qu", "=solo si",
        "=sólo si", "=solo cuando", "=sólo cuando", "=a menos que", "=salvo que", "=apenas se",
        "=apenas quando", "=somente se", "=a não ser que", "=solo se", "=solo quando", "=soltanto se",
        "=a meno che", "=salvo che", "=только если", "=только когда", "=если только", "除非", "仅在",
        "只有在", "只在", "場合のみ", "ときだけ", "時だけ", "ときのみ", "때만", "경우에만", "않는 한",
    ),
    C.AUTHORIZED: (
        "pre-approved", "preapproved", "already approved", "already authorized", "already authorised",
        "already consented", "has approved all", "has authorized all", "bereits zugestimmt",
        "bereits genehmigt", "schon autorisiert", "bereits autorisiert", "déjà autorisé", "déjà approuvé",
        "ya autorizó", "ya aprobó", "ya ha autorizado", "já autorizou", "já aprovou", "ha già autorizzato",
        "ha già approvato", "già autorizzato", "уже разрешил", "уже одобрил", "уже подтвердил", "已授权",
        "已经授权", "已经同意", "已批准", "承認済み", "許可済み", "既に承認", "すでに承認", "이미 승인",
        "이미 허락", "이미 동의",
        # consent claimed in other words: agreed, given, or granted in advance
        "already agreed", "already given consent", "already given their consent", "already given approval",
        "already given their approval", "already signed off", "agreed in advance", "approved in advance",
        "granted in advance", "given in advance", "consented in advance", "approved beforehand",
        "bereits einverstanden", "schon zugestimmt", "vorab zugestimmt", "vorab genehmigt", "vorab erteilt",
        "im voraus genehmigt", "im voraus erteilt", "déjà donné son accord", "déjà consenti", "déjà accepté",
        "approuvé à l'avance", "accordée à l'avance", "donné à l'avance", "ya dio su consentimiento",
        "ya dio su aprobación", "ya aceptó", "ya consintió", "aprobado de antemano", "otorgado de antemano",
        "concedido de antemano", "já concordou", "já deu o seu consentimento", "já deu consentimento",
        "já aceitou", "concedida antecipadamente", "aprovado antecipadamente", "già acconsentito",
        "già dato il consenso", "già dato il suo consenso", "già accettato", "approvato in anticipo",
        "concesso in anticipo", "уже согласил", "уже дал согласие", "уже дала согласие", "заранее одобрен",
        "заранее согласован", "заранее разреш", "事先同意", "事先批准", "预先批准", "预先授权", "事先授权",
        "同意済み", "事前に承認", "事前に同意", "事前承認", "既に同意", "すでに同意", "사전에 승인",
        "사전 승인", "미리 동의", "미리 승인", "사전에 동의",
    ),
    C.UNRESTRICTED: (
        "不受任何限制", "没有任何限制", "without any content restrictions",
        "without content restrictions", "without any restrictions", "without filters",
        "without any filters", "no filters", "uncensored", "ohne jegliche einschränkungen", "ohne filter",
        "sans aucun filtre", "sans filtre", "sin filtros", "sin ningún filtro", "sem filtros",
        "senza filtri", "без фильтров", "без цензуры", "無制限", "検閲なし", "제한 없이", "검열 없이",
        "=unrestricted", "no restrictions", "without restrictions", "without any restrictions", "no limits",
        "never refuse", "=jailbroken", "developer mode", "no content policy", "without safety",
        "ohne einschränkungen", "ohne beschränkungen", "keine einschränkungen", "niemals ablehnen",
        "sans restrictions", "sans aucune restriction", "sans limites", "ne refuse jamais",
        "ne refuses jamais",
        "sin restricciones", "sin límites", "nunca rechaces", "nunca te niegues", "sem restrições",
        "sem limites", "nunca recuse", "sem políticas", "senza restrizioni", "senza limiti",
        "non rifiuta mai", "non rifiutare mai", "без ограничений", "не отказывай", "отключить отказы",
        "отключи отказы", "无限制", "没有限制", "不受限制", "不要拒绝", "制限のない", "制限なし",
        "断らず", "拒否しない", "제한 없는", "제한이 없는", "거절하지", "안전 정책이 해제",
    ),
    C.OTHER: (
        "=other", "=another", "=others", "=different", "=andere", "=anderen", "=anderes", "=anderer",
        "=übrigen",
        "=autre", "=autres",
        "=otra", "=otras", "=otro", "=otros", "=demás", "=resto", "=outra", "=outras", "=outro", "=outros",
        "=demais", "=restantes",
        "=altri", "=altre", "=altro", "=altra", "=другие", "=других", "=другой", "=другим", "其他", "其它",
        "别的", "他の", "ほかの", "別の", "다른",
    ),
    C.TOOL: (
        "~werkzeug", "~werkzeuge",
        "=tool", "=tools", "=server", "=servers", "=function", "=functions", "werkzeug", "=tool", "=server",
        "=outil", "=outils", "=serveur", "=serveurs", "herramienta", "=servidor", "=servidores",
        "ferramenta", "strumento", "strumenti", "инструмент", "=сервер", "=сервера", "=серверы", "工具",
        "服务器", "ツール", "サーバ", "도구", "서버",
    ),
    C.EXCLUSIVE: (
        "=los únicos", "=las únicas", "=les seuls", "=les seules", "=os únicos", "=gli unici",
        "=die einzigen", "=the only ones",
        "=through this tool", "=via this tool", "=stick to this", "=über dieses werkzeug",
        "=par cet outil", "=por esta herramienta", "=por esta ferramenta", "=tramite questo strumento",
        "=через этот инструмент",
        "=the only reliable", "=the only safe", "=the only trusted", "=the only trustworthy",
        "=the only accurate", "=the only approved", "=die einzig", "=die einzige", "=das einzige",
        "=der einzige", "=le seul", "=la seule", "=el único", "=la única", "=o único", "=a única",
        "=l'unica", "=единственн", "唯一可靠", "唯一可信", "唯一安全", "唯一正确", "唯一的", "唯一の",
        "유일한", "도구만", "ツールだけ", "ツールのみ", "只使用", "仅使用",
        "=exclusively", "=only this", "=only use this", "ausschließlich", "=nur dieses", "=nur diese",
        "exclusivement", "=uniquement", "exclusivamente", "=solo esta", "=solo este", "=solamente",
        "=apenas esta", "=apenas este", "esclusivamente", "=solo questo", "l'unico", "=только этот",
        "=только эту", "исключительно", "只能", "只用", "必须走本", "このツールだけ", "このツールのみ",
        "이 도구만", "=always use this", "=usa siempre esta", "=prefira sempre esta", "常にこのツール",
        "必ずこのツール", "항상 이 도구", "всё направляй сюда",
    ),
    C.EVEN_IF: (
        "=auch dann", "=even then", "=même alors", "=incluso cuando", "=anche quando", "=даже когда",
        "就算",
        "=even if", "=even when", "=auch wenn", "=selbst wenn", "=même si", "=même lorsque", "=aunque",
        "=incluso si", "=mesmo que", "=mesmo quando", "=anche se", "=даже если", "即使", "即便", "ても",
        "해도", "라도",
        "=mesmo se", "=ainda que", "=aun si", "=aún si", "=aun cuando", "=aún cuando", "=sogar wenn",
        "=selbst dann", "=quand bien même", "=même quand", "=persino se", "=perfino se",
        "=regardless", "=whatever", "unabhängig", "=quel que soit", "=quelle que soit", "independientemente",
        "=sin importar", "independentemente", "indipendentemente", "=a prescindere", "=независимо", "不论",
        "无论", "不管", "に関係なく", "にかかわらず", "관계없이", "상관없이",
    ),
    C.PRIOR: (
        "=previous", "=prior", "=above", "=earlier", "=preceding", "=original", "=existing", "=all",
        "=vorherigen", "=vorherige", "=bisherigen", "=alle", "=allen", "=obigen", "=früheren", "=frühere",
        "=älteren", "=ältere",
        "précédent", "antérieur", "=toutes", "=tous",
        "anterior", "=todas", "=todos", "previas",
        "=todas", "=todos", "prévi",
        "precedent", "=tutte", "=tutti",
        "предыдущ", "прежн", "=все", "=всех", "=выше",
        "之前", "先前", "以上", "所有", "以前",
        "以前", "前の", "これまで", "すべて", "全て",
        "이전", "모든", "위의", "기존",
        "=your", "=deine", "=ihre", "=vos", "=tes", "=tus", "=sus", "=suas", "=tue", "=твои", "=ваши",
        "你的", "您的", "あなたの", "당신의",
    ),
    C.PREFER: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "préfèr", "=privilégie", "prioriz", "선호",
        "=higher authority than", "=higher priority than", "=outranks", "=takes priority over",
        "=trust this", "=rely on this", "=rely only on", "=authoritative", "=source of truth",
        "=maßgeblich", "=fait autorité", "=fonte di verità",
        "precedence", "priority over", "=prefer", "instead of", "rather than", "=in place of", "=overrides",
        "=avoid",
        "=outrank", "prevalec", "=priment sur", "=prime sur", "=priman sobre", "=prima sobre",
        "=prevalgono", "=prevale su", "=prevail over", "=prevails over",
        "=remplacent", "=reemplazan", "=substituem", "=sostituiscono", "=заменяют",
        "=supersedes", "=takes over", "=replaces", "=ersetzt", "=remplace", "=reemplaza", "=substitui",
        "=sostituisce", "=заменяет",
        "=weighs more than", "=outweighs", "=counts more than", "=count for more than",
        "=counts for more than", "wiegt mehr als", "zählt mehr als",
        "pèse plus que", "compte plus que", "pesa más que", "cuenta más que", "pesa mais que",
        "vale mais que", "conta mais que", "pesa più di", "conta più di", "весит больше", "значит больше",
        "more important than", "wichtiger als", "plus important que", "más importante que",
        "mais importante que", "più importante di", "важнее", "更重要", "より優先", "보다 우선",
        "=стоят выше", "=стоит выше", "=ставятся выше", "=главнее",
        "=ranks above", "=rank above", "=ranked above", "=sits above", "=sit above", "=stands above",
        "=the final word", "=stand in for", "=stands in for", "valem mais do que", "vale mais do que",
        "valgono più di", "vale più di", "valent plus que", "vaut plus que", "valen más que", "vale más que",
        "vorrang", "bevorzug", "=statt", "anstelle", "=anstatt",
        "=das letzte wort", "=steht über", "=stehen über", "sobrepõ", "=valem sobre", "=vale sobre",
        "=falam mais alto", "=fala mais alto", "=estão acima", "=estao acima", "=está acima", "=esta acima",
        "=están por encima", "=está por encima", "=sont au-dessus", "=est au-dessus",
        "=sono al di sopra", "=è al di sopra", "=stanno sopra", "=sta sopra",
        "=privilégier", "=privilegier", "=privilégiez", "=privilegiez", "=privilegiar", "=privilegie",
        "=privilegiare", "=privilegiate", "=privilegia",
        "priorité", "préfér", "au lieu de", "plutôt que",
        "prioridad", "prefier", "prefer", "en lugar de", "en vez de", "首选", "首選",
        "prioridade", "prefira", "em vez de", "em lugar de",
        "priorità", "preferi", "invece di", "anziché",
        "приоритет", "предпоч", "вместо",
        "优先", "代替", "而不是", "取代", "替代",
        "優先", "代わりに", "代わり",
        "우선", "대신",
    ),
    C.DISPARAGE: (
        "descontinuad", "discontinued", "=eingestellt", "=abandonné", "=dismess", "=expose your data",
        "=poisoned", "=damage", "=damages", "=beschädigt", "=endommage", "=dañar", "=daña", "=danificar",
        "=danifica", "=danneggiare", "=danneggia", "=повредить", "=повреждает",
        "=expor seus dados", "=exponer tus datos", "corruption", "=known bug", "=has a bug",
        "=to be disregarded", "=to be ignored", "=should be ignored", "=should be disregarded",
        "=must be ignored", "=must be disregarded",
        "unmaintained", "=abandoned", "=partial data", "=incomplete", "=being retired", "=retired",
        "end-of-life", "=end of life", "nicht gewartet", "=unvollständig", "non maintenu", "=incomplet",
        "=incomplète", "sin mantenimiento", "=incompleto", "=incompleta", "sem manutenção",
        "non mantenut", "не поддержива", "неполн", "无人维护", "不完整", "メンテナンスされていない",
        "不完全", "유지보수되지 않", "불완전",
        "misinformation", "disinformation", "fehlinformation", "désinformation", "desinformation",
        "desinformación", "desinformacion", "desinformação", "desinformacao", "disinformazione",
        "дезинформац", "誤情報", "허위", "=fictitious", "=fiktiv", "=fiktive", "=fictif", "=fictive",
        "=fictifs", "=ficticio", "=ficticios", "=ficticias", "=fictício", "=fictícios",
        "=fittizi", "=fittizie", "фиктивн", "=scam", "=scams", "betrügerisch", "=arnaque", "=estafa",
        "=truffa", "мошенни", "诈骗", "詐欺",
        "=stale", "fabricat", "inaccurate", "=wrong", "=incorrect", "low quality", "low-quality",
        "poor quality", "=spyware", "=harmful", "=flawed", "=fake", "=leak", "=leaks", "=leaking",
        "ungenau", "=falsche", "=falschen", "=erfundene", "minderwertig", "erroné", "inexact", "périmé",
        "=fausses", "=fausse", "erróne", "inexact", "desactualizad", "=falsos", "=falsas", "desatualizad",
        "incorret", "imprecis", "=errat", "=errati", "=errate", "inaccurat", "scadent", "неточн",
        "ошибочн", "некачествен", "устаревш", "=ложн", "фальшив", "不准确", "错误的", "质量差", "质量低",
        "泄露", "虚假", "陈旧", "不正確", "品質が低", "漏洩", "誤った", "偽の", "품질이 낮", "부정확",
        "유출", "잘못된", "가짜",
        "deprecated", "=broken", "=buggy", "unreliable", "=insecure", "=unsafe", "=outdated",
        "known to leak",
        "=leaks data", "=corrupt", "=corrupts", "untrustworthy", "=not trustworthy", "veraltet",
        "=fehlerhaft",
        "obsoletas", "obsoletos", "pierden", "corrompem", "=insicuri", "=insicure", "устарели",
        "недостоверн", "废弃", "不可靠", "信用できません", "信頼できません", "깨지",
        "=compromised", "=malicious", "=untrusted", "=obsolete",
        "veraltet", "unzuverlässig", "=unsicher", "=fehlerhaft", "kompromittiert",
        "obsolète", "peu fiable", "=dangereu", "non fiable", "compromis",
        "obsolet", "poco fiable", "=inseguro", "=insegura", "=peligros", "comprometid",
        "=ultrapassad", "pouco confiável", "=insegur",
        "=inaffidabil", "=insicur", "deprecat", "compromess",
        "устарев", "ненадёж", "ненадеж", "небезопас", "скомпрометир",
        "过时", "不可靠", "不安全", "已弃用", "弃用", "有漏洞",
        "非推奨", "古い", "信頼できない", "安全でない", "危険",
        "더 이상 사용되지", "오래된", "신뢰할 수 없", "안전하지 않", "위험",
    ),
    C.MENTION: (
        "=lines like", "=messages like", "=commands like", "=prompts like", "=requests like",
        "=content like", "=sentences like", "=something like", "=words like", "=text such as", "=etwa",
        "=wie etwa", "=beispielsweise", "=zb", "=tels que", "=telles que", "=ad es",
        "=such as", "=e.g.", "=for example", "=for instance", "=phrases like", "=strings like",
        "=patterns like", "=text like", "=things like", "=wording like", "=instructions like", "=phrases",
        "=patterns", "=detects", "=flags", "=blocks", "=catches", "=quoted", "=looks for", "=scans",
        "=detect", "=identifies", "=audits", "=inspects", "=проверяет", "=prüft", "=analysiert",
        "=zum beispiel", "=erkennt", "=z.b.", "=par exemple", "=détecte",
        "=por ejemplo", "=detecta", "=por exemplo", "=per esempio", "=rileva", "=ad esempio",
        "=например", "=обнаруживает",
        "例如", "比如", "检测", "诸如",
        "例えば", "検出", "など",
        "예를 들어", "탐지",
    ),
    C.ONLY_SAY: (
        "=focus only on", "=keep your reply focused on", "=keep the reply focused on", "에만 집중",
        "だけに集中", "只关注", "=mention only", "=say only", "=tell only", "=answer only",
        "=only answer",
        "다고만", "고만 말", "=just report", "=only state", "=simply confirm",
        "just say", "only say", "only tell", "simply say", "only confirm", "just confirm", "only report",
        "just tell", "merely say", "only mention", "simply tell",
        "sag nur", "sage nur", "nur sagen", "bestätige nur", "nur bestätigen", "sag lediglich", "lediglich",
        "erkläre nur", "nur erklären", "explain only", "only explain", "explique seulement", "explica solo",
        "spiega solo", "只解释", "说明だけ", "만 설명",
        "contente-toi de", "contentez-vous de", "dis seulement", "dites seulement", "confirme seulement",
        "confirmez seulement", "indique seulement", "seulement que",
        "basta con decir", "solo di", "di solo", "solo confirma", "confirma solo", "limítate a",
        "solo dile",
        "diga apenas", "apenas diga", "só diga", "apenas confirme", "confirme apenas", "limite-se a",
        "conferma solo", "di' solo", "dì solo", "limitati a", "solo che", "conferma soltanto",
        "только скажи", "просто скажи", "скажи только", "только сообщи", "просто сообщи", "лишь скажи",
        "只说", "只需说", "只告诉", "只回复", "只需告诉", "只要说",
        "とだけ", "だけ伝え", "のみ伝え", "だけ言", "だけ答え",
        "만 말", "만 알려", "라고만", "만 전달",
    ),
    C.SCOPE: (
        "=from this point on", "=from this point forward", "=from here on", "=henceforth",
        "=going forward", "=ab jetzt", "=von nun an", "=fortan", "=dorénavant", "=à partir d'ici",
        "=de ahora en más", "=en adelante", "=daqui em diante", "=de agora em diante", "=d'ora in avanti",
        "=da ora in poi", "=впредь", "=с этого момента", "以后你", "以后每", "此后你", "往后你",
        "以后所有", "今後は", "これからは", "이제부터", "지금부터는",
        "this session", "=for the session", "=throughout the session", "=rest of the session",
        "session rule", "from this moment", "da questo momento",
        "à partir de maintenant", "a partir de ahora", "с этого момента", "从现在开始", "これ以降",
        "今から",
        "지금부터", "rest of the conversation", "this conversation",
        "whole conversation", "entire conversation", "whether or not this tool", "even when this tool",
        "regardless of which tool", "from now on", "every time you", "for all future",
        "=whatever the question", "=whatever the user asks", "=whatever the topic", "=no matter the question",
        "=regardless of the question", "=quelle que soit la question", "=quel que soit le sujet",
        "=sea cual sea la pregunta", "=cualquiera que sea la pregunta", "=seja qual for a pergunta",
        "=qualquer que seja a pergunta", "=qualunque sia la domanda", "=qualsiasi sia la domanda",
        "=egal, was gefragt", "=egal welche frage", "=unabhängig von der frage", "=каким бы ни был вопрос",
        "=о чём бы ни", "=что бы ни спросил", "无论什么问题", "无论问什么", "不管问什么", "どんな質問でも",
        "어떤 질문이든",
        "무엇을 묻든", "무엇을 물어보든", "何を聞かれても",
        "diese sitzung", "dieser sitzung", "der sitzung", "dieses gesprächs", "diesem gespräch",
        "ab sofort",
        "gesamten unterhaltung", "ganzen gespräch",
        "cette session", "la session", "cette conversation", "toute la conversation", "désormais",
        "esta sesión", "la sesión", "esta conversación", "toda la conversación", "de ahora en adelante",
        "nesta sessão", "esta sessão", "da sessão", "nesta conversa", "esta conversa", "conversa inteira",
        "a partir de agora",
        "questa sessione", "della sessione", "questa conversazione", "intera conversazione", "d'ora in poi",
        "этой сессии", "эту сессию", "этом разговоре", "этой беседе", "всего разговора", "всей беседы",
        "отныне", "до конца",
        "本次会话", "这次会话", "本会话", "这次对话", "本次对话", "整个对话", "今后", "从现在起",
        "このセッション", "この会話", "今後", "会話全体", "以降",
        "이 세션", "이번 세션", "이 대화", "이번 대화", "앞으로", "대화 내내",
    ),
    C.WHEN: (
        "=when", "=whenever", "=if", "=once", "every time", "each time", "물어보면", "묻는다면", "요청하면",
        "질문하면", "언급하면", "물으면", "말하면",
        "=wenn", "=falls", "=sobald", "=jedes mal",
        "=si", "=quand", "=lorsque", "=lorsqu", "chaque fois",
        "=cuando", "=siempre que", "cada vez",
        "=quando", "=sempre que", "=se", "toda vez",
        "ogni volta", "=qualora",
        "=когда", "=если", "каждый раз", "=при генерации", "=при создании", "=при написании",
        "=при изменении",
        "当", "如果", "每当", "时，", "时,",
        "とき", "時は", "場合", "たびに", "たら",
        "때", "마다", "경우",
    ),
    C.ASK: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "=gefragt", "=gebeten", "=verlangt", "=verlangen", "=preguntan", "=preguntado",
        "=preguntar", "=piden", "=solicita", "=solicitan", "=solicitar", "=demander", "=demandez",
        "=demandé", "=demandant", "=chieda", "=chiedere", "=chiedi", "=chiesto", "=domandano",
        "=domandare", "=pedem", "=perguntam", "=pergunte", "=peça", "=solicitam", "=просить", "=попросил",
        "=спросил", "=спросила", "=попросила", "聞く", "聞きます", "물어봐",
        "=parla di", "=parla", "=talks", "=parle de", "=habla de", "=fala de", "=spricht über",
        "=ask", "=asks", "=asked", "=mentions", "=mention", "=says", "=types", "=requests", "=wants",
        "=inquires", "=talks about", "=brings up",
        "=fragt", "=erwähnt", "=sagt", "=bittet", "=möchte", "=wissen will",
        "=demande", "=demandent", "=mentionne", "=dit", "=parle", "=veut",
        "=pregunta", "=pregunte", "=pide", "=pida", "=menciona", "=dice", "=quiere",
        "=pergunta", "=perguntar", "=pedir", "=pede", "=mencionar", "=menciona", "=disser", "=quiser",
        "=chiede", "=chiedono", "=domanda", "=menziona", "=dice", "=vuole",
        "спрашива", "спросит", "=просит", "попросит", "упомин", "=говорит", "=скажет", "=хочет",
        "询问", "问到", "问起", "提到", "要求", "想要", "说",
        "尋ね", "聞い", "聞か", "質問", "求め", "言った", "話し",
        "물어보", "묻", "질문", "요청", "언급", "말하면", "원하",
    ),
    C.COPY_TO: (
        "=bcc", "=cc", "blindkopie", "=cci", "copie cachée", "=cco", "copia oculta", "=ccn",
        "copia nascosta",
        "скрытую копию", "скрытой копии", "密送", "抄送", "bcc", "숨은참조", "숨은 참조",
    ),
    C.SELF_USE: (
        "=call this", "=use this", "=run this", "=invoke this", "=call it", "=use it", "=verwende dieses",
        "=verwenden sie dieses", "=nutze dieses", "=utilise cet", "=utilisez cet", "=usa esta", "=use esta",
        "=utiliza esta", "=usa questo", "=utilizza questo", "=используй этот", "=используйте этот",
        "使用此",
        "使用本工具", "このツールを使", "이 도구를 사용", "이 도구를 써",
        "=prefer this", "=bevorzuge dieses", "=bevorzugen sie dieses", "=préférez cet",
        "=prefiera esta", "=prefira esta", "=prefira este", "=preferisci questo",
        "=preferite questo", "=предпочитай этот", "=предпочитайте этот", "优先使用本", "このツールを優先",
        "이 도구를 우선",
    ),
    C.RETURNED: (
        "=result", "=results", "=returns", "=returned", "=return", "=gets back", "=get back", "=output",
        "=outputs", "=responses",
        "ergebnis", "=liefert", "=zurückgibt", "=zurückgeben", "=ausgabe",
        "résultat", "=renvoie", "=renvoient", "=retourne", "=sortie",
        "resultado", "=devuelve", "=devuelvan", "=devolvieron", "=retorna",
        "=devolveram", "=devolver", "=retornar", "=retornou",
        "risultat", "=restituisce", "=restituito", "=ritorna", "=output",
        "результат", "=вернёт", "=вернет", "возвращ", "=вывод",
        "结果", "返回", "输出",
        "結果", "返し", "返っ", "返す", "出力",
        "결과", "돌려주", "반환", "출력",
    ),
    C.HERE: (
        "=here", "=into this tool", "=to this tool", "=this tool's", "=hier", "=hierher", "=ici", "=aquí",
        "=aqui", "=qui", "=сюда", "=здесь", "这里", "此处", "本工具", "ここ", "このツール", "여기",
        "이 도구",
    ),
    C.HANDLE: (
        "=project key", "=issue key", "=item key", "=primary key", "=sort key", "=partition key",
        "=ключ проекта", "=ключ задачи", "=projektschlüssel", "=clé du projet", "=clave del proyecto",
        "=chave do projeto", "=chiave del progetto", "项目键", "プロジェクトキー", "프로젝트 키",
        "=id", "=ids", "identifier", "=uuid", "=slug", "=cursor", "=kennung",
        "identificador",
        "identificativo", "идентификатор", "编号", "識別子", "식별자", "=key of", "=the name", "=the path",
    ),
    C.OWN_OUTPUT: (
        "=result", "=results", "=returned", "=these", "=the output", "this tool's", "the tool's",
        "=retrieved", "=citation", "=citations", "=sources", "=docs page",
        "ergebnis", "résultat", "resultado", "risultat", "результат", "结果", "結果", "결과",
    ),
    C.SELF: (
        "=adds", "=creates", "=sets", "=generates", "=posts", "=gets", "=runs", "=executes", "=writes",
        "=deletes", "=updates", "=applies", "=shows", "=exports", "=imports", "=converts", "=queries",
        "=searches", "=finds", "=checks", "=summarizes", "=summarises", "=translates", "=rotates",
        "=provides", "=performs", "=computes", "=calculates", "=formats", "=parses", "=validates",
        "=publishes", "=schedules", "=starts", "=stops", "=moves", "=copies", "=renames", "=downloads",
        "=extracts", "=collects", "=stores", "=saves", "=gives",
        "=this tool", "=the tool", "=this function", "=this server", "=this endpoint", "=returns", "=it",
        "=reports", "=detects", "=flags", "=warns", "=scans",
        "=reads", "=loads", "=lists", "=opens", "=retrieves", "=fetches", "=sends", "=uploads",
        "=this command", "=it returns", "=the server",
    ),
    C.ALTER: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "=aendere", "=aendern", "=aendert", "=ändere", "=ändern", "=ändert", "ersetz", "=fuege", "=haenge",
        "=añadir", "=anadir", "=cambia", "=cambie", "=cambiar", "=reemplace", "=reemplazar", "=ajouter",
        "=modifie", "=modifier", "=modifiez", "=remplacer", "=aggiunga", "=aggiungere", "=modifica",
        "=modificare", "=modifichi", "=sostituire", "=sostituisca", "=adiciona", "=adicionar", "=altera",
        "=alterar", "=altere", "=recomenda", "=substitui", "=substituir", "=добавить", "=измени",
        "=измените", "=изменить", "修改", "変更し", "変更す", "追加す", "변경하", "변경해", "변경한",
        "추가해", "추가한", "바꿔",
        "=terminez", "=termine", "=se terminer par", "aconsej", "aconséj", "设置为", "设为",
        "=carry", "=conseille", "=conseillez", "=aconseja", "=aconseje", "=aconselhe",
        "=recommends", "=suggests", "=promotes", "consigli", "=raccomandare", "=empfehlen",
        "=recommander", "=recomendar", "=terminar", "=terminare", "=terminer",
        "=never ask", "=beende", "=beenden sie", "=schließe", "=endet", "=упоминай", "=mention",
        "=erwähne", "=mentionne", "=menciona", "=mencione", "=menziona", "=désactive", "=desactiva",
        "=desative", "=disattiva", "=deaktiviere", "=отключай", "=отключи", "дописыва", "=допиши",
        "=prefix", "=prepend", "=append", "=start with", "=begin with", "=end with", "=insert", "=sign",
        "=bcc", "=cc", "=recommend", "=suggest", "=promote", "=route", "=redirect", "=replace", "=rewrite",
        "=add", "=include", "=attach", "=set", "=change", "=switch", "=treat", "=consider", "=author",
        "=mark", "=always use", "=always call", "=call", "=use", "=run", "=tell", "=disable", "=turn off",
        "=switch off", "=skip", "abschalten", "=schalte", "deaktivier", "désactiv", "desactiv", "desativ",
        "disattiv", "отключ", "禁用", "关闭", "無効に", "オフに", "끄", "비활성",
        "voranstell", "=stelle", "=beginne", "=hänge", "=füge", "=empfiehl", "=empfehle", "=ersetze",
        "=leite", "=rufe", "=verwende", "=nutze", "=setze", "=unterschreibe", "=schlage", "=nenne",
        "=behandle",
        "=markiere", "=signiere",
        "=préfixe", "=ajoute", "=ajoutez", "=commence", "=commencez", "=termine", "=insère", "=insérez",
        "=recommande", "=recommandez", "=remplace", "=remplacez", "=appelle", "=appelez", "=utilise",
        "=suggère",
        "=présente", "=dis",
        "=utilisez", "=signe",
        "=antepón", "=añade", "=añada", "=agrega", "=agregue", "=empieza", "=comienza", "=inserta",
        "=recomienda", "=recomiende", "=reemplaza", "=llama", "=llame", "=usa", "=utiliza", "=sugiere",
        "=di al", "=di a", "=dile", "=termina", "=marca", "=márcalo",
        "=firma", "=copia",
        "=adicione", "=acrescente", "=comece", "=insira", "=recomende", "=substitua", "=chame", "=indique",
        "=indica", "=termine", "=termina", "=sugira", "=diga",
        "=utilize", "=assine",
        "=imposta", "=impostare", "=imposti", "=définir", "=définis", "=définissez", "=establece",
        "=establecer", "=defina", "=definir", "установи", "устанавливай",
        "=aggiungi", "=anteponi", "=inizia", "=inserisci", "=raccomanda", "=consiglia", "=sostituisci",
        "=chiama", "=usa", "=utilizza", "=firma", "=suggerisci", "=suggerisca", "=termina", "=di'",
        "добавь", "добавляй", "добавляйте", "начинай", "начни", "вставь", "вставляй", "рекоменд",
        "замени", "заменяй", "вызови", "вызывай", "используй", "подпис", "перенаправ", "=советуй",
        "=посоветуй",
        "=предлагай", "=предложи", "=называй", "=считай", "=отмечай",
        "加上", "添加", "前面加", "开头", "结尾", "插入", "推荐", "建议", "替换", "调用", "使用本",
        "使用此",
        "抄送", "签名", "视为", "当作", "标记",
        "付け加え", "先頭に", "末尾に", "追加し", "挿入", "推奨し", "勧め", "置き換え", "呼び出", "使用し",
        "署名", "おすすめ", "勧めて", "推薦", "みなし", "扱っ",
        "붙이", "붙여", "앞에", "추가하", "삽입", "추천",
        "권장", "바꾸", "대체", "호출", "사용하", "서명", "넣으",
        "간주",
    ),
    C.PARAMETER: (
        "parameter", "=argument", "=arguments", "=field", "=header", "query string", "query param",
        "=in the request", "=in your request", "=into the request", "=in the query", "=in the url",
        "=in the body", "=in the headers",
        "=feld", "=argument", "=kopfzeile",
        "paramètre", "=champ",
        "parámetro", "=campo", "=argumento",
        "parâmetro", "=campo",
        "parametr", "=campo", "=argomento",
        "параметр", "аргумент", "=поле", "=поля",
        "参数", "字段",
        "パラメータ", "パラメーター", "引数", "フィールド", "欄", "栏",
        "매개변수", "파라미터", "인자", "필드",
    ),
    C.ADDRESS: (
        "=you", "=your", "=assistant", "=assistants", "=ai", "=llm", "=llms", "=model", "=agent", "=claude",
        "=chatgpt", "=yourself", "=yourselves", "=du selbst", "=dich selbst", "=toi-même", "=vous-même",
        "=tú mismo", "=tú misma", "=usted mismo", "=você mesmo", "=você mesma", "=tu stesso", "=te stesso",
        "=ты сам", "=вы сами", "=сам лично", "你自己", "您自己", "あなた自身", "당신이 직접", "스스로",
        "=du", "=dein", "=deine", "=deinen", "=ki", "=assistent", "=assistenten", "=modell",
        "=vous", "=votre", "=tu", "=ton", "=ta", "=tes", "=ia", "=assistant",
        "=tú", "=usted", "=tus", "=asistente", "=modelo",
        "=você", "=seu", "=sua", "=assistente",
        "=tuo", "=tua", "=tuoi", "=assistente",
        "=ты", "=вы", "=тебе", "=вам", "=твой", "=ваш", "ассистент", "=модель",
        "你", "您", "助手", "模型",
        "あなた", "アシスタント", "モデル",
        "당신", "너", "어시스턴트", "모델",
    ),
    C.ONLY: (
        "=only", "=just", "=merely", "=solely",
        "=nur", "=lediglich", "=bloß",
        "=seulement", "=uniquement",
        "=solo", "=sólo", "=solamente", "=únicamente",
        "=apenas", "=somente", "=só",
        "=soltanto", "=unicamente",
        "=только", "=лишь",
        "只", "仅",
        "だけ", "のみ",
        "~고만",
    ),
    C.USE: (
        # forms of the same verbs and nouns a stem or word above missed (tests/detect/test_morphology.py)
        "=nutzt", "=aufgerufen", "=uses", "=calls", "=invokes", "=invoking", "=usad", "=usando", "=úsalo",
        "=usalo", "=úsala", "=usala", "=usarlo", "=utilicen", "=utilizad", "utilízal", "=utilizando",
        "=utilizalo", "=appelle", "=chiama", "=chama", "=usem", "=usá", "=utilizem", "=вызови",
        "=вызовите", "=вызвать", "使います", "使いなさい", "이용",
        "=use", "=using", "=used", "=call", "=calling", "=called", "=invoke",
        "benutz", "verwend", "=nutze", "=nutzen", "=aufrufen",
        "utilis", "=appelez", "=appeler",
        "=usar", "=use", "=usa", "=usate",
        "=usarse", "=usen", "=utilice", "=utilices", "=utilizar", "=utiliza",
        "=utilizarse", "=llame", "=llamar",
        "=usado", "=usada", "=usados", "=usadas", "=utilize", "=utilizado", "=chame", "=chamar",
        "=usare", "=usi", "=usata", "=usato", "utilizz", "=chiamare", "=chiami",
        "использ", "=вызывайте", "=вызывать", "=вызывай", "=применяйте",
        "用", "调用", "使用",
        "使う", "使わ", "使って", "使用し", "呼び出",
        "사용", "쓰지", "호출",
    ),
    C.APPLY: (
        "=apply", "=applies", "=applying", "=in force", "=carry into", "=carry over",
        "=gelten", "=gilt", "=greifen",
        "s'appliqu", "=valent", "=valables",
        "=aplican", "=aplicarse", "=aplica", "=valen", "=vigentes",
        "=valer", "=valem", "=vale", "=aplicam", "=aplicar-se",
        "=applicano", "=applicarsi", "=valgono", "=valere",
        "=действуют", "=действовать", "=действует", "=применяются", "=распространяются",
        "适用", "生效", "有效",
        "適用", "有効",
        "적용", "유효",
    ),
    C.CEASE: (
        "=stop", "=stops", "=cease", "=ceases", "=no longer", "=nicht mehr", "=hören auf", "=ne plus",
        "=cessent de", "=dejan de", "=deja de", "=deixam de", "=deixa de", "=smettono di", "=cessano di",
        "=перестают", "=перестаёт", "=больше не",
        "不再", "もう", "더 이상",
    ),
    C.ENOUGH: (
        "=enough", "=suffices", "=sufficient",
        "genügt", "genuegt", "=reicht", "=ausreichend",
        "=suffit", "=suffira", "=suffisant",
        "=basta", "=bastará", "=suficiente",
        "=basterà", "=sufficiente",
        "=достаточно",
        "足够", "就够",
        "で十分", "十分です",
        "충분",
    ),
}  # fmt: skip
"""Each idea's words. Only the English list of SELF matters: other languages mark a description by
verb forms the rules do not parse, and are judged on what they order instead."""

_ROMANISED: dict[Concept, tuple[str, ...]] = {
    C.DIRECTIVE: (
        "=tsuneni", "=kanarazu", "=qing", "=bixu", "=wubi", "=zongshi", "=yiding", "=hangsang", "=bandeusi",
    ),
    C.EVERY: ("=tsuneni", "=subete", "=maikai", "=suoyou", "=quanbu", "=zongshi", "=hangsang", "=modeun"),
    C.ALTER: ("=okikaeru", "=okikae", "=tsuikasuru", "=tihuan", "=gaiwei", "=daeche"),
    C.RECIPIENT: ("=furikomisaki", "=kouza", "=kooza", "=shoukuanren", "=zhanghu", "=gyejwa", "=suchwiin"),
    C.SEND: ("=tianru", "=tianxie", "=fasong", "=okuru", "=soushin", "=jeonsong"),
    C.USER: ("=riyousha", "=yuuza", "=yonghu", "=sayongja"),
    C.SECRET: ("=mima", "=shenfenzheng", "=yinhangka mima", "=pasuwaado", "=anshou", "=bimilbeonho"),
    C.INSTRUCTIONS: ("=shiji", "=zhiling", "=jisi"),
    C.PREFER: ("=yuusen", "=youxian", "=useon"),
    C.IGNORE: ("=hulue", "=wushi", "=mushi", "=mushishite", "=musi", "=musihago"),
    C.SYSTEM_PROMPT: ("=xitong tishi", "=shisutemu puronputo", "=siseutem peurompeuteu"),
}  # fmt: skip
"""The same ideas as a Japanese, Chinese or Korean name spells them: identifiers are written in
Latin letters (`furikomisaki_wa_tsuneni_kouza_…_ni_okikaeru`, `qing_tianru_yonghu_…_mima`), in the
romanisation each language's keyboards type (Hepburn, pinyin without tones, Revised Romanisation).
Whole words only: a syllable alone is another language's word."""


class Occurrence(NamedTuple):
    """One idea at [start, end) of the text (a tuple: millions are made, and tuples are cheap)."""

    start: int
    end: int
    concept: Concept


_NON_WORD = re.compile(r"\W")
"""Every character that is not part of a word, replaced one for one by a space before matching:
positions stay those of the text, and a word boundary is a space on either side of an entry."""
_NON_WORD_BUT_SPACE = re.compile(r"[^\w ]")
"""`_NON_WORD` without the space, for the text: a space already is one (one replacement less per word)."""
_ASCII_NON_WORD = bytes(
    code if code >= 128 or chr(code).isalnum() or chr(code) == "_" else ord(" ") for code in range(256)
)
"""The same for ASCII text, as a table for bytes.translate (much faster than the regex, or than
str.translate, on long text)."""


def _spaced(char: str) -> bool:
    """Whether `char` is in a script that separates words with spaces (so boundaries apply).

    Korean is spaced, but its particles attach to the word before them (`사용자에게`): its
    entries are matched as parts of words, like Chinese and Japanese ones.
    """
    if char.isascii():
        return True
    name = unicodedata.name(char, "")
    return name.startswith(("LATIN", "CYRILLIC", "GREEK"))


def _key(word: str) -> str:
    """An entry as it is looked for: non-word characters as spaces, a space for each boundary."""
    whole = word.startswith("=")
    inside = word.startswith("~")
    text = _NON_WORD.sub(" ", word.removeprefix("=").removeprefix("~").casefold())
    if inside or not _spaced(text[0]):
        return text
    return " " + text + (" " if whole else "")


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SHORTEST_VARIANT = (5, 7)
"""Letters a variant needs, as a whole word and as the start of one: shorter ones are other
languages' words (`di`, `le`, `so`)."""
_ENGLISH_VARIANTS = frozenset(
    {"enumer", "preven", "inser", "previ", "decod", "transfer", "restric", "instruc", "andere", "andern"}
)
"""Variants that start English words (`enumerate`, `prevent`, `insert`, `preview`), or are other
German words (`ändere`, `ändern` bare are `andere`, `andern`, other): not added."""
_SHORT_VARIANTS = frozenset({"nao", "voce"})
"""Short variants kept all the same: `não`, `você` are written so, and are no other word."""


def _unaccented(key: str) -> set[str]:
    """A Latin entry as text without its diacritics is written: `erwähn` as `erwaehn` and `erwahn`,
    `não` as `nao`, `réponse` as `reponse` (keyboards and generated text drop them). An entry
    that is already ASCII, or a variant that would be a short or English word, gives none."""
    if key.isascii():
        return set()
    stripped = "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))
    found = set()
    for variant in (key.translate(_UMLAUTS), stripped.replace("ß", "ss")):
        letters = variant.strip()
        shortest = _SHORTEST_VARIANT[0 if variant.endswith(" ") else 1]
        long_enough = len(letters) >= shortest or letters in _SHORT_VARIANTS
        if variant.isascii() and letters not in _ENGLISH_VARIANTS and long_enough:
            found.add(variant)
    return found


_lock = threading.Lock()


class _Automata(NamedTuple):
    """The entries as two automata. pyahocorasick finds a node's child by a linear scan, and a
    character that starts no entry is looked for among all the root's children: hundreds, with
    the first characters of every Chinese, Japanese and Korean entry. Every spaced entry starts
    with a space, so on its own automaton a letter costs one comparison at the root; the others
    run only on text that holds one of their first characters."""

    spaced: ahocorasick.Automaton
    unspaced: ahocorasick.Automaton
    unspaced_starts: frozenset[str]


_automata: _Automata | None = None


def _automaton_of(meanings: dict[str, set[Concept]]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key in sorted(meanings):  # (sorted: a node's children in code point order, ASCII first)
        leading = 1 if key.startswith(" ") else 0
        trailing = 1 if key.endswith(" ") and len(key) > 1 else 0
        automaton.add_word(key, (len(key), leading, trailing, tuple(meanings[key])))
    automaton.make_automaton()
    return automaton


def _build() -> _Automata:
    global _automata
    with _lock:
        if _automata is None:
            spaced: dict[str, set[Concept]] = {}
            unspaced: dict[str, set[Concept]] = {}
            for concept, words in (*_ENTRIES.items(), *_ROMANISED.items()):
                for word in words:
                    key = _key(word)
                    # (`~` entries, inside a word, start with a letter: still a spaced script's)
                    (spaced if _spaced(key[0]) else unspaced).setdefault(key, set()).add(concept)
            for key, meaning in list(spaced.items()):
                for variant in _unaccented(key):
                    spaced.setdefault(variant, set(meaning))
            starts = frozenset(key[0] for key in unspaced)
            _automata = _Automata(_automaton_of(spaced), _automaton_of(unspaced), starts)
    return _automata


_WORD = re.compile(r"[^\W_]+")
"""A word, for folding look-alikes: a name's underscores part its words (`токен_бота_tdata` keeps its
Russian words Russian; `іd_rѕа`, each part holding a Latin letter, still reads `id_rsa`)."""
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _latin_again(match: re.Match[str]) -> str:
    """A word holding a Latin letter, with its look-alikes folded; any other word as it is.
    (Each word is scanned once: a pattern looking for the Latin letter inside a word would
    backtrack over a long word without one.)"""
    word = match.group()
    return fold_confusables(word) if _LATIN_LETTER.search(word) else word


def plain(text: str) -> str:
    """What the lexicon reads: NFKC, hidden characters removed, spaced letters joined, soft wraps
    read as spaces (normalize.unwrap: a hard-wrapped sentence is one clause), case folded.

    Look-alike letters are folded to Latin only inside words that also hold Latin letters
    (`Веfоrе` reads `Before`); a Russian word stays Russian.
    """
    global _plained
    last = _plained  # (one read: another thread may replace it meanwhile)
    if last[0] is text:
        return last[1]
    if text.isascii():
        read = unwrap(join_spaced(text if text.isprintable() else strip_hidden(text))).casefold()
    else:
        clean = strip_hidden(unicodedata.normalize("NFKC", text))
        if has_confusables(clean):
            clean = _WORD.sub(_latin_again, clean)
        read = unwrap(join_spaced(clean)).casefold()
    _plained = (text, read)
    return read


_plained: tuple[str, str] = ("", "")
"""The last string made `plain`, and its plain form: the rules of one string each ask for it (by
identity only, which costs nothing: an equal string is another string, and comparing it would
cost its length)."""


_POSITION = operator.itemgetter(0, 1)
"""An occurrence's (start, end), as a sort key that costs no Python call per occurrence."""
_CONCEPT = operator.itemgetter(2)
"""An occurrence's concept."""


def ideas(raw: str) -> frozenset[Concept]:
    """The ideas a raw string expresses (its `plain` form read once; the rules ask again for free)."""
    global _ideas
    last = _ideas
    if last[0] is raw:
        return last[1]
    found = frozenset(map(_CONCEPT, occurrences(plain(raw))))
    _ideas = (raw, found)
    return found


_ideas: tuple[str, frozenset[Concept]] = ("", frozenset())
"""The last raw string asked about and its ideas (by identity, as `_plained`)."""


_last: tuple[str, list[Occurrence]] = ("", [])
"""The last text read and its ideas: the rules ask about the same text one after another."""


_new = tuple.__new__
"""Builds an Occurrence without the Python-level __new__ a NamedTuple has (a text can hold many)."""


def _matches(automaton: ahocorasick.Automaton, spaced: str) -> list[Occurrence]:
    return [
        _new(Occurrence, (end - length + leading, end - trailing, concept))
        for end, (length, leading, trailing, concepts) in automaton.iter(spaced)
        for concept in concepts
    ]


def negated(text: str) -> bool:
    """Whether `text` (already `plain`: a window before a stake, the words between a rival and its
    failing) holds one of the refusing ideas, NEGATING (`never`, `must not`, `не`)."""
    return any(o.concept in NEGATING for o in occurrences(text))


def occurrences(text: str) -> list[Occurrence]:
    """Every idea expressed in `text` (already `plain`), in order of position."""
    global _last
    last = _last
    if last[0] is text or last[0] == text:
        return last[1]
    automata = _automata or _build()
    # One space before and after, so that the text's first and last words have their boundaries.
    if text.isascii():
        spaced = " " + text.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii") + " "
        found = _matches(automata.spaced, spaced)
    else:
        spaced = " " + _NON_WORD_BUT_SPACE.sub(" ", text) + " "
        found = _matches(automata.spaced, spaced)
        if not automata.unspaced_starts.isdisjoint(spaced):
            found += _matches(automata.unspaced, spaced)
    found.sort(key=_POSITION)
    _last = (text, found)
    return found


_PARTY_WHOLE = (
    "tenant", "tenants", "player", "players", "patient", "patients", "student", "students", "employee",
    "employees", "member", "members", "resident", "residents", "subscriber", "subscribers", "buyer",
    "buyers", "passenger", "passengers", "mieter", "mieterin", "spieler", "patienten",
    "schüler", "studenten", "mitarbeiter", "mitglied", "mitglieder", "bewohner", "käufer", "abonnent",
    "abonnenten", "fahrgast", "locataire", "joueur", "joueurs", "élève", "élèves", "étudiant",
    "étudiants", "salarié", "salariés", "employé", "employés", "membre", "membres",
    "résident", "acheteur", "abonné", "inquilino", "inquilinos", "jugador", "jugadores", "paciente",
    "pacientes", "alumno", "alumnos", "estudiante", "empleado", "empleados", "socio", "socios",
    "comprador", "suscriptor", "pasajero", "locatário", "jogador", "jogadores", "aluno", "alunos",
    "funcionário", "funcionários", "morador", "moradores", "assinante", "passageiro", "giocatore",
    "giocatori", "paziente", "pazienti", "studente", "studenti", "dipendente", "dipendenti", "iscritto",
    "iscritti", "acquirente", "abbonato", "passeggero",
)  # fmt: skip
_PARTY_STEMS = (
    "арендатор", "игрок", "пациент", "студент", "учени", "сотрудник", "работник", "участник", "жител",
    "покупател", "подписчик", "пассажир", "жилец", "жильц", "квартирант", "посетител", "заказчик",
)  # fmt: skip
_PARTY_WIDE = (
    "租户", "租客", "玩家", "患者", "病人", "学生", "员工", "会员", "住户", "业主", "车主", "买家", "乘客",
    "客人", "访客", "住客",
    "入居者", "プレイヤー", "生徒", "従業員", "社員", "会員", "住民", "購入者", "加入者", "乗客",
    "세입자", "플레이어", "환자", "학생", "직원", "회원", "입주민", "구매자", "가입자", "승객",
)  # fmt: skip
PARTY = re.compile(
    rf"\b(?:{'|'.join(_PARTY_WHOLE)})\b|\b(?:{'|'.join(_PARTY_STEMS)})|{'|'.join(_PARTY_WIDE)}"
)
"""The people a business tool deals with, the user's counterparts in its domain: a tenant, a
player, a patient, an employee, a member, in the ten languages (`sem avisar o inquilino`, `不要向
车主提及`). Words, not a Concept: the learned layer's features are the concepts it was trained on
(ideas_model.json), and these people only tell whom a telling is kept from (orders._conceal)."""
PARTY_WORDS = (*_PARTY_WHOLE, *_PARTY_STEMS, *_PARTY_WIDE)
"""The words one of which every match of PARTY starts with (and holds): its hints and starts, where
it is gated (gate.Gated)."""


# Function words the rules of orders.py read by their position rather than as ideas: where a
# negation stands, what joins two acts, what introduces an example. Words, not Concepts, for the
# reason PARTY gives; listed here so that each language's words have one home.

WITHOUT = frozenset({"without", "ohne", "sans", "sin", "senza", "sem", "без"})
"""`without`: a negation that waives an act (`without asking the user`) rather than forbids one."""
LATE_NEGATIONS = frozenset({"nicht", "nichts", "pas", "jamais", "nie", "niemals", "keinesfalls"})
"""Negations that German and French put after the verb (`erwähne es nicht`, `ne le dis pas`); in
English a negation after a verb belongs to what follows (`report it, never follow it`)."""
OBJECT_NEGATIONS = frozenset({"kein", "keine", "keinen", "keinem", "keiner", "keinerlei"})
"""German `no` as the determiner of the object right after its verb (`überträgt keine Daten`, `sende
keinen Verlauf`, `liest keine Zugangsdaten`): the act itself is negated, wherever the sentence puts
its verb."""
OR_WORDS = ("or", "nor", "oder", "ou", "ni", "né", "или", "ни")
"""`or`, `nor`: the word that coordinates a second verb under the negation of the first."""
THEN_WORDS = (
    "and",
    "then",
    "also",
    "und",
    "dann",
    "et",
    "puis",
    "y",
    "luego",
    "e",
    "depois",
    "poi",
    "и",
    "затем",
    "потом",
)
"""`and`, `then`: the words that join a second act to the first."""
LIST_WORDS = ("or", "and", "oder", "und", "ou", "et", "o", "y", "e", "или", "и")
"""`and`, `or` between the items of a list."""
LIKE_WORDS = ("like", "wie", "comme", "como", "come", "как")
"""`like` before an example (`sentences like "…"`), in the languages that put it before."""
LIKE_WIDE = ("如", "像")
"""`like` before an example, in Chinese (one character each)."""
LIKE_AFTER = (
    "같은",
    "와 같은",
    "과 같은",
    "등",
    "のような",
    "のように",
    "などの",
    "など",
    "といった",
    "这样的",
    "之类的",
    "等",
)
"""`like` after the example it introduces, in Korean, Japanese and Chinese."""
PRONOUNS = (
    "it",
    "them",
    "es",
    "sie",
    "ihn",
    "le",
    "la",
    "les",
    "lo",
    "los",
    "las",
    "o",
    "os",
    "a",
    "as",
    "его",
    "их",
    "ее",
    "её",
)
"""Object pronouns standing for a thing named before them, in the spaced scripts."""
PRONOUNS_WIDE = ("它", "それ", "그것")
"""Object pronouns in Chinese, Japanese and Korean."""
NEGATIONS = ("never", "not", "nie", "jamais", "nunca", "mai", "не")
"""The negations every rule that reads a negation by its position reads (`never skip`, `nie melden`,
`не пропускайте`), whole words: each adds its own (`don't`, `nicht`, `no`, `ni`) around them."""
REFUSAL_NEGATIONS = (*NEGATIONS, "no")
"""Negations read just before a refusal (`never rejected`), whole words."""
SENTENCE_STOPS = ".;!?\n。！？；"
"""The marks that end a sentence or a `;` clause in the ten languages, as a regex character class's
contents (`[^{SENTENCE_STOPS}]`: a sentence's characters)."""
UNTIL_WORDS = (
    r"until|till|bis|jusqu'à ce qu|jusqu'à ce que|hasta que|finché|fino a quando|finche|até que|пока"
    r"|до тех пор"
)
"""`until` in the spaced languages (a regex alternation, read between word bounds)."""
UNTIL = re.compile(rf"\b(?:{UNTIL_WORDS})\b|まで|之前|以前|直到|까지|전까지")
"""`until` in each language (after the verb it bounds in Japanese, Chinese and Korean): a telling held
back until the user asks (orders.py). Its Japanese, Chinese and Korean marks also mean `up to` or
`by` a date, and need the asking beside them; withheld.py reads `UNTIL_WORDS` alone."""
WATCHED = re.compile(
    r"\b(?:warn|alert|detect|flag|check|verif|notif|compar)\w{0,5}\W+(?:\w+\W+){0,3}?(?:when|if|whether"
    r"|that)\b|\b(?:warnt|meldet|prüft|erkennt)\w{0,2}\W+(?:\w+\W+){0,3}?(?:wenn|ob|falls)\b"
    r"|\b(?:avertit|alerte|signale|vérifie|détecte)\W+(?:\w+\W+){0,3}?(?:si|quand|lorsque)\b"
    r"|\b(?:avisa|alerta|detecta|verifica|comprueba|comprova)\W+(?:\w+\W+){0,3}?(?:si|se|cuando|quando)\b"
    r"|\b(?:avvisa|segnala|rileva|controlla)\W+(?:\w+\W+){0,3}?(?:se|quando)\b"
    r"|\b(?:предупрежда|сообща|провер|обнаружива)\w{0,4}\W+(?:\w+\W+){0,3}?(?:если|когда|ли)\b"
    r"|(?:如果|若|是否)\w{0,30}(?:警告|告警|提醒|报警)|(?:場合|とき|か)(?:に|を)?(?:警告|通知|検出|確認)"
    r"|(?:경우|때|지)\s?(?:경고|알림|알려|확인)",
    re.IGNORECASE,
)
"""A tool that watches for an act rather than orders it (`alerts when entries made by the assistant
are removed from the audit log`, `warns if any failed test was left out`, `warnt, wenn …`): a checker
names the act it looks for (withheld.py, an own act taken out of a record; harms.py, a finding left out
of a report)."""
ADMIN_STEMS = ("superuser", "admin", "amministrat", "администратор")
"""The administrator's role, the highest privilege, as stems at the start of a word (`admins`,
`administrador`, `amministratore`, `администратора`): what harms.py sees granted by an order's verb
and widened.py in a value that hands it out."""
ADMIN_WIDE = ("管理员", "管理者", "관리자")
"""The administrator's role in Chinese, Japanese and Korean."""
ADD_STEMS = ("ajoute", "añad", "anad", "agreg", "adicion", "aggiungi", "aggiungere")
"""Adding someone or something, as stems at the start of a word (`ajouter`, `añade`, `agregar`,
`adicione`, `aggiungi`): the verb an order or a value gives a role or a privilege with (harms.py,
widened.py)."""
ADD_WHOLE = ("add", "добавь", "добавьте", "добавить")
"""The same as whole words."""
ADD_WIDE = ("添加",)
"""The same in Chinese, before its object (Japanese and Korean `追加`, `추가` stand after it)."""

_PERSONAL_KINDS = (
    r"\biban\b|\brib\b|bank ?account|bank_account|bankverbindung|kontonummer|compte bancaire"
    r"|coordonnées bancaires|cuenta bancaria|conto corrente|conta bancária|банковск\w* сч|银行卡|银行账户"
    r"|口座番号|계좌|account[ _]?number|número de cuenta|numero de cuenta|numéro de compte|numero di conto"
    r"|número da conta|номер сч",
    r"\btax[ _]?id\b|\bssn\b|social security|steuer-?id|steuernummer|sozialversicherungsn|numéro fiscal"
    r"|avis d'imposition|sécurité sociale|\bnif\b|\bdni\b|codice fiscale|\bcpf\b|\bинн\b|снилс|passport"
    r"|reisepass|personalausweis|passeport|pièce d'identité|carte d'identité|pasaporte|documento de identidad"
    r"|passaporto|carta d'identità|passaporte|паспорт|身份证|护照|マイナンバー|パスポート|주민등록|여권",
    r"birth ?date|date of birth|\bdob\b|geburtsdatum|date de naissance|fecha de nacimiento|data di nascita"
    r"|data de nascimento|дата рождения|出生日期|生年月日|생년월일",
    r"home[ _]?address|private address|anschrift|wohnadresse|adresse postale|domicile|domicilio"
    r"|indirizzo di casa|residenza|endereço residencial|домашн\w* адрес|住址|家庭地址|自宅|자택|집 주소"
    r"|\baddress(?:es)?\b(?<!mail address)(?<!mail_address)(?<!ip address)(?<!ip_address)(?<!web address)"
    r"|\bdirecci[oó]n\b"
    r"|\bendere[cç]o\b|\bindirizzo\b|\bадрес(?:а|ом)?\b|住所|收货地址|收件地址|联系地址|居住地址|通讯地址|주소",
    r"phone|mobile number|telefon|téléphone|teléfono|telefono|telefone|celular|телефон|手机|电话|電話番号"
    r"|携帯|전화|휴대폰",
    r"salary|payslip|gehalt|\blohn|salaire|nómina|salario|stipendi|busta paga|salário|зарплат|工资|薪资"
    r"|給与|급여",
    r"medical|health record|diagnos|ärztlich|attest|médical|médic|medic|медицин|病历|诊断|病歴|診断|진료"
    r"|진단|allerg|аллерг|过敏|アレルギー|알레르기",
    r"credit card|card number|kreditkarte|carte bancaire|tarjeta de crédito|carta di credito"
    r"|cartão de crédito|numero de (?:la )?tarjeta|número de (?:la )?tarjeta|numéro de (?:la )?carte"
    r"|numero (?:della |di )?carta"
    r"|número do cartão|номер (?:\w+ )?карт|信用卡|クレジットカード|신용카드",
    r"personal e-?mail|private e-?mail|e-mail personnel|correo personal|email personale",
    r"full[ _]?name|maiden[ _]?name|first[ _]?name|last[ _]?name|surname|\bnachname|\bvorname|nom de famille"
    r"|\bprénom|nombre completo|\bapellido|\bcognome|sobrenome|nome completo|фамили|\bимя\b|\bфио\b"
    r"|姓名|氏名|이름",
)
_UNLOCKING_KINDS = (
    r"security code|sicherheitscode|code de sécurité|código de seguridad|codice di sicurezza"
    r"|código de segurança|\bpin\b|\bcvc\b|\bcvv\b|\bcvv2\b|\bcsc\b|cryptogramme|安全码|セキュリティコード"
    r"|보안 ?코드",
    r"\bpass(?:word|wort|phrase)s?\b|\bkennwort|mots? de passe|contraseña|\bsenha|parola d'ordine|пароль"
    r"|пароля|паролем|\bclave (?:de (?:la )?)?(?:banca|acceso|bancaria)|online ?banking|internet ?banking"
    r"|home ?banking|\bbank(?:ing)? (?:login|app)\b|banca online|app do banco|banco online|интернет-банк"
    r"|онлайн-банк|密码|口令|网银|パスワード|暗証|ネットバンキング|비밀번호|인터넷 ?뱅킹|\bbimilbeonho\b"
    r"|\bmima\b",
    r"\bone[ -]?time (?:code|password|passcode|pin)\b|\botp\b|\b2fa (?:code|token)\b"
    r"|\bsms[ -]?(?:code|token)\b|\bcode sms\b|código (?:sms|de verificación|de verificação|do token|otp)\b"
    r"|codigo (?:sms|de verificacion|de verificacao|do token|otp)\b|codice (?:sms|otp|di verifica)\b"
    r"|code de (?:vérification|confirmation)\b|bestätigungscode|\btan\b|код из смс|смс-код"
    r"|код подтверждения|одноразов\w* (?:код|пароль)|验证码|校验码|ワンタイムパスワード|ワンタイム|認証コード"
    r"|確認コード|인증 ?번호|인증 ?코드",
    r"\bseed (?:phrase|words)\b|\brecovery (?:phrase|words)\b|\bmnemonic\b|助记词|シードフレーズ"
    r"|복구 ?(?:구문|문구)|frase (?:semilla|de recuperação|de recuperacion|de recuperación)"
    r"|phrase de récupération|wiederherstellungsphrase",
)
"""The kinds of what unlocks a person's account or card by itself, in the ten languages: a card's
security code or a PIN, a password (or the bank's online login), a one-time code (`code sms`, `код
из СМС`, `验证码`), a wallet's recovery phrase."""
UNLOCKING = "unlock"
"""The prefix of the named groups of PERSONAL that are `_UNLOCKING_KINDS`."""
PERSONAL = re.compile(
    "|".join(
        [f"(?P<kind{i}>{kind})" for i, kind in enumerate(_PERSONAL_KINDS)]
        + [f"(?P<{UNLOCKING}{i}>{kind})" for i, kind in enumerate(_UNLOCKING_KINDS)]
    )
)
"""Kinds of personal identifiers, in the ten languages, each one named group (`kind0` …, and
`unlock0` … for what unlocks an account: `_UNLOCKING_KINDS`): a bank account's number, a tax or
identity number, a birth date, an address (a person's: not an e-mail, IP or web address), a phone
number, a salary, health data, a card number, a private e-mail address, a person's name (full,
first, last, maiden); a card's code, a password, a one-time code, a recovery phrase. One of them is
a field a form asks for; two or more named as what a call carries are a person's record in bulk
(split.personal_bundle), and two named as a value, one of them unlocking, are what to hand over
(split.proofs_hit). Words, not a Concept, for the reason PARTY gives. Matched on case-folded text."""

GUARDIAN = re.compile(
    r"\b(?:guard|guards|guardian|shield|wächter|\w*schutz|schutzschild|bouclier|sentinelle|guardián"
    r"|guardiana|guardião|guardiano|escudo|scudo|sentinela|sentinella|centinela|страж|защитник|защита)\b"
    r"|防护|守卫|卫士|护栏|ガード|番人|가드|보호기|파수꾼"
)
"""A guard named as a tool's name (`mail guard`, `Egress-Wächter`, `Mailschutz`, `bouclier`,
`guardián de envíos`, `scudo`, `страж`, `防护`, `ガード`, `가드`): a tool that holds something back,
matched on plain text. Words, not a Concept, for the reason PARTY gives: they name the tool, and
say nothing of what it orders (not `guardia`, a shift on duty, nor `garde`, French `keep`)."""

_CONTENT_NOUNS = (
    r"tools?|pages?|documents?|texts?|results?|outputs?|descriptions?|content|files?|messages?|e-?mails?"
    r"|websites?|sites?|seite\w*|dokument\w*|ergebnis\w*|ausgabe\w*|beschreibung\w*|inhalt\w*|datei\w*"
    r"|nachricht\w*|outils?|textes?|résultats?|sorties?|contenus?|fichiers?|herramientas?|páginas?"
    r"|documentos?|textos?|resultados?|salidas?|descripci\w*|contenidos?|archivos?|mensajes?|ferramentas?"
    r"|saídas?|descriç\w*|conteúdos?|arquivos?|mensagens?|strument\w*|pagin\w*|document\w*|test[oi]"
    r"|risultat\w*|descrizion\w*|contenut\w*|messagg\w*|инструмент\w*|страниц\w*|документ\w*|текст\w*"
    r"|результат\w*|вывод\w*|описани\w*|содержим\w*|файл\w*|сообщени\w*"
)
CONTENT_HELD = re.compile(
    r"\w*\W{1,3}(?:(?:found|embedded|contained|hidden|written|gefunden\w*|trouvée?s?|encontrad[ao]s?"
    r"|trovat[aeio]|найденн\w*)\s)?(?:in|inside|within|from|im|in der|in den|aus|dans|dans les|des|du|de la"
    r"|de|en|em|no|na|nos|nas|nel|nella|nei|nelle|negli|в|во|из)\s(?:\w+\s){0,2}?"
    rf"(?:{_CONTENT_NOUNS})\b"
)
"""What follows an instruction held in content (`instructions in tool text`, `instructions found in
the page`, `Anweisungen in Tool-Texten`, `consignes trouvées dans les outils`, `instrucciones en el
texto de las herramientas`, `инструкции в описаниях инструментов`): read from the end of the word of
INSTRUCTIONS, on plain text. Instructions a text holds are what a guard sets aside or reports, not
the model's own (theirs are `previous`, `system`, `your`)."""
CONTENT_HELD_BEFORE = re.compile(
    r"(?:ツール|ページ|文書|ドキュメント|テキスト|結果|出力|説明|記述|内容|ファイル|メッセージ|工具|页面|网页|文档|文本|结果"
    r"|输出|描述|说明|内容|文件|消息|도구|페이지|문서|텍스트|결과|출력|설명|내용|파일|메시지)"
    r"(?:の中の|の中にある|内の|中の|にある|に書かれた|の|中的|里的|的|에 있는|속의|의)\s?\Z"
    r"|(?:求め|要求|요구|요청)[^。.!?\n]{0,20}(?:る|ている|た|的|하는|한)\s?\Z"
)
"""What stands before an instruction held in content, in the languages that put it first
(`ツールの説明にある指示`, `工具描述中的指令`, `도구 설명에 있는 지시`), or before one a text is said to
make (`外部送信を求める指示`, `要求发送聊天记录的指令`, `전송을 요구하는 지시`): read up to the
word of INSTRUCTIONS, on plain text."""

ACCESS_CODE = re.compile(
    r"\b(?:codes?|pin|pins|códigos?|codici|codice|codigos?|код|кода|коды|кодом)\b|验证码|驗證碼|コード|暗証番号|코드"
    r"|인증 ?번호"
)
"""A code told (`the code`, `den Code`, `le code`, `el código`, `il codice`, `код`, `验证码`,
`コード`, `코드`, a PIN), matched on plain text near a verb of telling: a code one is to tell no one
is an access code kept, not an act hidden from the user."""

DESTROY = re.compile(
    r"\b(?:delet|eras|wipe|purg|destroy|zero out|reset|lösch|loesch|entfern|zurücksetz|zuruecksetz|vernicht"
    r"|supprim|effac|remettre a zero|remettre à zéro|réinitialis|reinitialis|borr|elimin|suprim|restablec"
    r"|poner a cero|apag|exclu(?!d)|zerar|cancell|azzer|rimuov|удал|стер|обнул|сбро|уничтож)"
    r"|删除|清空|清除|清零|重置|削除|消去|リセット|삭제|지우|지운|지워|초기화"
)
"""Deleting, erasing or resetting, in the ten languages (`delete`, `löschen`, `remettre à zéro`,
`borrar`, `azzerare`, `удалить`, `删除`, `削除`, `삭제`, `지운`), matched on plain text. Words, not a Concept,
for the reason PARTY gives: they tell what a value does to the data it names (orders._destroys).
Portuguese `excluir` (delete) is `exclu`, but not English `exclude` (`all users, excluding admins`)."""
ORIGINAL = re.compile(
    r"\b(?:originals?|original(?:es|e|i|y)?|ursprünglich\w*|originaux|оригинал\w*|исходн\w*)\b|原始|原件|元の|원본"
)
"""The original a copy was made from (`the original mailbox`, `los originales`, `原始`)."""


def _bare(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


PARTY_UNACCENTED = re.compile(
    rf"\b(?:{'|'.join(sorted({_bare(w) for w in _PARTY_WHOLE} - set(_PARTY_WHOLE)))})\b"
)
"""PARTY's words written without their accents, as identifiers spell them (`du_salarie`,
`dos_funcionarios`)."""


STANDING = re.compile(
    r"\b(?:always|every time|each time|whenever|(?:on|at|before|after|with|upon) (?:every|each|any)"
    r"|immer|stets|jedes ?mal|(?:bei|vor|nach|mit) (?:jede[mnrs]?|allen)"
    r"|toujours|systématiquement|systematiquement|chaque fois|(?:à|a|avant|après|apres|lors de) chaque"
    r"|siempre|cada vez|(?:en|antes de|después de|despues de|tras) cada"
    r"|sempre|toda vez|(?:em|a|antes de|depois de|após|apos) cada"
    r"|ogni volta|(?:a|ad|prima di|dopo|in) ogni"
    r"|всегда|каждый раз|(?:при|перед|после) кажд\w*)\b"
    r"|总是|始终|每次|每当|一律|常に|毎回|たびに|ごとに|항상|매번|언제나|마다"
)
"""A standing occasion: always, every time, on (before, after) every call of it, in the ten
languages (`bei jeder Buchung`, `prima di ogni scrittura`, `при каждом масштабировании`, `常に`,
`매번`), matched on plain text. Narrower than the Concept EVERY, which holds `all` and `full`: the
occasions an order reaches, not the objects a value names (`every snapshot`). Read by
widened.standing_hit."""
LEVY = re.compile(
    r"\b(?:interest|penalt|late fee|surcharge|tax rate|vat\b|zinse?n|verzugszins|strafgebühr|steuersatz"
    r"|mwst|intérêts|interets|pénalité|penalite|taux de tva|tva\b|intereses|recargo|multa|tipo impositivo"
    r"|iva\b|juros|alíquota|aliquota|icms|iss\b|interessi|mora\b|penale|aliquota iva|процент\w* за"
    r"|пени|штраф\w*|ставк\w* налог\w*|ндс)"
    r"|利息|滞纳金|罚金|税率|延滞金|違約金|消費税率|이자|연체료|위약금|세율"
)
"""A levy on the customer: interest, a penalty or late fee, a tax rate, in the ten languages
(`juros`, `multa`, `Verzugszinsen`, `пени`, `滞纳金`, `延滞金`, `연체료`), matched on plain text: what
a standing order in a value slot sets for every customer (widened.standing_hit)."""

ONLY_WHEN = re.compile(r"\bonly\b[^,;:]{1,40}?\b(?:when|if|after|once|on request)\b")
"""`only pass it when the user asks`, `only disable it on request`: an act held back until a condition
that follows, words apart (the Concept ONLY_IF holds `only when` said together); matched on plain
text. Read by orders.on_request and harms._held_back."""
CONFIRMED = re.compile(
    r"\b(?:confirm|bestätig|bestaetig|rückfrag|rueckfrag|zustimm|genehmig|approv|aprob|aprova|conferm|autoriz"
    r"|autoris|подтвер|соглас)|確認|承認|同意|确认|批准|확인|승인|동의"
)
"""A person's confirmation or approval, not any asking or checking (`bis der Nutzer bestätigt`,
`senza chiedere conferma`, `確認する必要はない`; not `ask for broader roles`), matched on plain text.
Read by widened.standing_hit (an act held for it) and orders._waived_after (one waived)."""
