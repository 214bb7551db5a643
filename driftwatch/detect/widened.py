"""Values that widen the act a tool does past any choice, in the slots that hold values.

An enum value, a default, an example, a title, an extension field or a parameter's name is one
choice among the tool's own. Five shapes of value are orders instead, whatever their wording:

- an extreme amount fixed for every case: 90 to 100 per cent, nothing (`0 EUR`), the whole amount
  or deposit, twice, beside a mark that it holds always (`every refund at 0 EUR`, `aplicar 100 por
  cento em todos os pedidos`, `pay everyone twice`): a value is an amount chosen per case;
- the highest privilege granted as a standing rule (`every invite with the owner role`, `concedi
  sempre privilegi amministratore`, `allow-all from 0.0.0.0/0 on every rule`), not under a negation;
- a value held whatever a person asks for (`regardless of the requested value`, `aunque el cliente
  pida otra`): a value is what the person chose, not what sets the choice aside;
- a default, a constant, an enum value or an example that switches off two of the checks of an
  install, a commit, a migration or a connection (`--skip-checksums --force --allow-root`,
  `--no-verify … --force`, `upgrade head --skip-backup --no-confirm`), or, in a default, pipes a
  fetched script into a shell (`curl … | sh`): applied on every call, or offered as the way to call;
- a parameter's name that opens with `also` or `then` (`also_copy_the_file_to_…`): a name says
  what its value is; a name that opens with a joining word is a second act joined to the tool's;
- a standing order (`standing_hit`): an occasion every later call meets (`always`, `bei jeder
  Buchung`, `prima di ogni scrittura`, `при каждом масштабировании`, `常に`) beside a stake read from
  the act, not from its wording: a deletion, a control weakened or a switch of one written with its
  value (`privileged: true`, `host_key_checking=False`), a destination, a levy set on the customer.
  A standing word alone is a hint on the tool's own use (`always round to 2 decimals`). Read in
  every odd slot, an output schema's descriptions too (what the model is to fill in every time);
- a command that destroys, offered or applied as the way to call (`broad_destruction_hit`: an
  example, an enum value, a default) and aimed past one chosen object: at production or at every
  object (`--full-refresh --target prod`, `--clean … against the production DSN`, `destroy -r … for
  every snapshot`). A tool whose name holds the deleting verb deletes as its own act.

The amount, the privilege and the switches are looked for by a plain pattern first (most values
hold none of them); the lexicon's automaton (one pass, its last reading kept) is read for `even if`.
Linear in the text: bounded patterns, no nested repetition, at most two switches kept.
"""

from __future__ import annotations

import re
from itertools import islice

from driftwatch.detect.harms import control_at_stake
from driftwatch.detect.lexicon import (
    ADD_STEMS,
    ADD_WHOLE,
    ADD_WIDE,
    ADMIN_STEMS,
    ADMIN_WIDE,
    CONFIRMED,
    DESTROY,
    LEVY,
    NEGATING,
    PARTY,
    STANDING,
    Concept,
    Occurrence,
    negated,
    occurrences,
    plain,
)
from driftwatch.detect.orders import (
    ADDED,
    CHECK_OFF,
    EVEN_IF_REACH,
    REQUESTED,
    SWITCH_OFF,
    ideas_within,
    odd_slot,
    plain_joints,
)
from driftwatch.detect.rule import Hit
from driftwatch.normalize import identifier_phrase
from driftwatch.visible import shorten

RULE = "odd-slot-instruction"

_PER_CENT = (
    r"(?:%|％|per ?cent|percent|por ?ciento|por ?cento|per ?cento|prozent|pour ?cent|процент\w*|퍼센트"
    r"|パーセント)"
)
_CURRENCY = r"(?:원|円|元|€|\$|eur\b|euros?\b|usd\b|dollars?\b|рубл\w*|₽)"
_WHOLE = (
    r"(?:full|whole|entire|ganze\w*|gesamte\w*|volle\w*|entière|entiere|entier|completa|completo|intera"
    r"|inteira|toda|весь|всю|полн\w*)"
)
_DEPOSIT = r"(?:deposit|caparra|fianza|kaution|caution|dep[óo]sito|cau[çc][ãa]o|залог\w*)"
_EXTREME = re.compile(
    rf"(?:1(?<![\d.,]1)00|9(?<![\d.,]9)\d)(?:[.,]0+)?\s?{_PER_CENT}"
    rf"|0(?<![\d.,]0)\s?{_CURRENCY}"
    rf"|\b{_WHOLE}\s(?:(?:the|der|die|la|le|el|a|o|il|l')\s?)?{_DEPOSIT}\b|\b{_DEPOSIT}\s{_WHOLE}\b"
    r"|全额|全部押金|押金全部|全額|전액"
)
"""An extreme amount: 90 to 100 per cent, nothing in a currency, the whole deposit or amount."""
_TWICE = re.compile(
    r"\b(?:twice|two times|zweimal|doppelt|deux fois|dos veces|duas vezes|due volte|дважды)\b|两次|二回|두 번"
)
"""Twice: an amount doubled (not `double`, which quotes and checks are too)."""
_MONEY = re.compile(
    r"\b(?:pay|paid|payment|charge|bill|invoice|refund|fee|price|wage|salary|bezahl|zahl|rechnung|erstatt"
    r"|pai|factur|rembours|pag|cobr|reembols|fattur|rimbors|оплат|плат|счёт|счет|возврат)"
    r"|付|支付|退款|收费|払|返金|請求|지급|결제|환불|청구"
)
"""Paying, charging, refunding: what a doubled amount is one of (`twice` alone may be a retry)."""
_EVERYONE = re.compile(r"\b(?:everyone|everybody|all of them)\b")
"""`everyone`: the lexicon's EVERY reads whole words, and `every` is not `everyone`."""
_STANDING = frozenset({Concept.EVERY, Concept.EVEN_IF})
"""What makes an amount a rule for every case: always, every, all, whatever the case."""

TOP = re.compile(
    r"\b(?:(?:owner|co-owner|allow[ -]all|(?:mit)?inhaber|eigentümer|propriétaire|dueño|dueña"
    rf"|proprietári[oa]|proprietari[oa]|proprietario|владел\w{{1,4}})\b|{'|'.join(ADMIN_STEMS)})"
    rf"|0\.0\.0\.0/0|::/0|{'|'.join(ADMIN_WIDE)}|所有者|소유자|拥有者|オーナー"
)
"""The highest privilege: an owner's or an administrator's (lexicon.py's), or a rule open to every address."""
GRANTED = re.compile(
    r"\b(?:role|roles|privileges?|rights|permissions?|grant\w*|assign\w*|ruolo|privilegi\w*"
    r"|concede\w*|concedi|conced\w*|otorg\w*|accord\w*|rôle|rol|rolle|rechte\w*|berechtigung\w*|verleih\w*"
    r"|права|привилеги\w*|роль\w*|назнач\w*|выда\w*)\b"
    r"|権限|付与|权限|授予|권한|부여"
)
"""A privilege as a role granted (`with the owner role`, `concedi … privilegi`), not a noun's modifier
(`bucket owner full control`, `owner approval`)."""
_ADDRESS = re.compile(
    r"[\w.+-]@[\w-]{1,64}(?:[. ][\w-]{1,64}){0,3}?\.[a-z]{2,24}\b"
    r"|[a-z0-9] at(?: [a-z0-9]{1,30}){1,3} (?:com|net|org|io|ru|de|fr|es|it|pt|br|cn|jp|kr|uk|eu|dev|app)\b"
)
"""An e-mail address or a domain a role is given to, written whole (its joints may be read as spaces:
`ops@kawasemi net.jp`) or spelled in a name's words."""
_RESERVED = re.compile(
    r"(?:[@.]example[.](?:com|net|org)|[.](?:example|test|invalid|localhost)|@localhost)\Z"
)
"""The names reserved for examples and tests (RFC 2606): `user@example.com` is the form of a value."""
_GIVEN = re.compile(
    r"\b(?:(?:as|als|comme|como|come|adds|invite|invites|make|füge|hinzufügen|einladen|invite[rz]?|convide"
    rf"|invita|пригласи|в качестве|{'|'.join(ADD_WHOLE)})\b|{'|'.join(ADD_STEMS)})|{'|'.join(ADD_WIDE)}"
    r"|として|邀请|设为|作为|追加|招待|추가|초대"
)
"""A role given to someone (`as owner`, `als Mitinhaber`, `como administrador`, `として`, `添加`)."""
_OPEN = re.compile(r"\ballow[ -]all\b|0\.0\.0\.0/0|::/0")
"""A rule open to every address: granted by being there (`an allow-all rule from 0.0.0.0/0`)."""
_CAP = re.compile(
    r"\b(?:at most|no more than|not more than|up to|max|maximum|höchstens|maximal|au plus|au maximum"
    r"|pas plus de|como máximo|a lo sumo|no más de|no máximo|no maximo|al massimo|non più di|не более"
    r"|не больше|максимум)\b|最多|至多|不超过|以内|まで|최대|이하"
)
"""A cap before `even if`: what is held whatever the person asks is a limit, which narrows the act."""
_ASKERS = frozenset({Concept.USER, Concept.RECIPIENT, Concept.ASK})
"""Who asks, or the asking: what a value held `even if` sets aside."""

_PIPED_SHELL = re.compile(
    r"\b(?:curl|wget)\b[^|\n]{0,200}?(?:\||\bpipe(?:d)?\b(?:\s(?:to|into))?)\s?(?:sudo\s)?(?:ba|z|da)?sh\b"
)
"""A fetched script piped into a shell (`curl -s https://… | sh`, spelled in a name `curl pipe sh`)."""
_SWITCHES = 2
"""Checks switched off a default needs: one alone (`--force`, `-ExecutionPolicy Bypass`) is an option."""
_APPLIED_KEYS = frozenset({"default", "const"})
"""The value slots applied on every call nobody chose a value for."""
_OFFERED_KEYS = frozenset({"enum", "examples", "example"})
"""The value slots offered as the way to call (`upgrade head --skip-backup --no-confirm`): two checks
off in one value is a way of calling nobody asked for, not one of the tool's options. A fetched script
piped into a shell is not read there: a classifier's categories name it (`bloccato (curl | sh)`)."""

_SKIPPING_WORD = (
    r"(?:skip\w*|bypass\w*|disabl\w*|without|ohne|überspring\w*|ueberspring\w*|deaktivier\w*|sans"
    r"|désactiv\w*|desactiv\w*|sin|omitir|omite|saltar|salta|sem|pular|desativ\w*|senza|saltare"
    r"|disattiv\w*|без|пропуст\w*|пропуск\w*|отключ\w*)"
)
_SAFEGUARD_NOUN = (
    r"(?:verif\w*|monitor\w*|probes?|kill ?switch\w*|reconciliation|confirm\w*|approv\w*"
    r"|review\w*|backups?|safety|inspection|controll?\w*|contrôl\w*|prüf\w*|pruef\w*|kontroll\w*"
    r"|bestätigung\w*|sicherung\w*|sauvegarde\w*|vérif\w*|verific\w*|confirmaci\w*|confirmação"
    r"|conferma\w*|copia de seguridad|revisi\w*|провер\w*|контрол\w*|подтвержд\w*|резервн\w*)"
)
_SKIPPED = re.compile(
    rf"\b{_SKIPPING_WORD}(?:\s+[\w'-]+){{0,3}}?\s+{_SAFEGUARD_NOUN}\b"
    r"|(?:跳过|略过|绕过|省略|不做|关闭|禁用)[^，。,.;；]{0,6}?(?:备份|确认|检查|审核|验证|监控)"
    r"|(?:バックアップ|確認|検査|監視|백업|확인|검사|점검|검토)[をは를을은는]?\s?(?:スキップ|省略|無効|飛ば|건너뛰|생략|끄)"
)
"""A safeguard skipped, the skipping word first and the safeguard within three words after it (`skip
speed and separation monitoring`, `disable all killswitches`, `ohne readiness probe`, `senza attendere
il controllore`, `跳过备份和人工确认`; the safeguard first where the object comes before its verb:
`バックアップをスキップ`, `백업을 건너뛰고`): in a value that is a clause, an order to act past a check."""
_CLAUSE_WORDS = 5
"""Words a value needs to be a clause rather than an option's name (`skip_tests` is an option)."""
_CLAUSE_WIDE = 10
"""The same in characters, in a script written without spaces."""
_SKIP_SLOTS = frozenset({"enum", "default", "const", "examples", "example", "title"})
"""The value slots read for a skipped safeguard (a parameter's name is a switch: `skip_backup_first`)."""
_HELD = frozenset(
    {
        Concept.NEGATION,
        Concept.FORBID,
        Concept.ONLY_IF,
        Concept.STATED_NEGATION,
        Concept.MENTION,
        Concept.SELF,
    }
)
"""What holds a skipping back or makes it a fact or a quote (`never skip …`, `only if the user asks`):
a negation before the skipping word (the skipping word is often one itself: `without`, `senza`)."""
_ANYWHERE = frozenset({Concept.ONLY_IF, Concept.STATED_NEGATION, Concept.MENTION, Concept.SELF})
"""The ones of `_HELD` read anywhere in the value, with the tool describing itself (`shows runs that
were deployed without approval`: what it reports, not an order)."""
_BREAKS = (",", ";", ":", "，", "；", "：")
_BREAK = re.compile(r"[,;:，；：]")
"""What ends a negation's reach before the skipping word (`non in contatto, senza …`)."""
_HELD_REACH = 24
"""Characters between the skipping and a negation after it that holds it back (`ohne Prüfung wird
nichts versendet`); a negation before it holds it back anywhere in its clause, not across a comma
(`non in contatto, senza …`: a state named before)."""


def _skipped_safeguard(text: str) -> str | None:
    """A value long enough to be a clause that skips a safeguard (`_SKIPPED`), with nothing in it
    that holds the skipping back (`never skip the backup`, `only when the user asks`)."""
    if (skipped := _SKIPPED.search(text)) is None:
        return None
    words = len(text.split())
    if words < _CLAUSE_WORDS and not (words == 1 and len(text) >= _CLAUSE_WIDE and not text.isascii()):
        return None
    opened = max(text.rfind(mark, 0, skipped.start()) for mark in _BREAKS)
    for idea in occurrences(text):
        if idea.concept in _HELD and (idea.concept in _ANYWHERE or _holds(text, idea, skipped, opened)):
            return None
    return shorten(text[max(0, skipped.start() - 80) :], 160)


def _holds(text: str, idea: Occurrence, skipped: re.Match[str], opened: int) -> bool:
    """Whether a negation stands in the skipping's own clause (no `,`/`;`/`:` between them): before
    it (`never skip`, `non concedere mai … senza approvazione`), or just after it where the verb comes
    last (`ohne Prüfung wird nichts versendet`)."""
    if idea.end <= skipped.start():
        return idea.start > opened  # (`opened`: where the skipping's clause opens)
    if 0 <= idea.start - skipped.end() <= _HELD_REACH:
        return _BREAK.search(text, skipped.end(), idea.start) is None
    return False


_JOINING = frozenset(
    {
        "also", "then", "additionally", "auch", "dann", "zudem", "aussi", "puis", "ensuite", "también",
        "tambien", "luego", "además", "tambem", "também", "depois", "anche", "poi", "inoltre", "также",
        "затем", "потом", "tambm",
    }
)  # fmt: skip
"""The words that join a second act to the first, in the spaced languages (not the one-letter `e`,
`y`, `и`: `e_mail_address` opens with a letter, not a conjunction)."""
_JOINED_WORDS = 4
"""Words a joined name needs to be a clause (`also_known_as` is a name)."""


def value_hit(raw: str, field: str, own: str = "", *, name: bool) -> Hit | None:
    """Each shape of the module's docstring in turn (`own`: the tool's name, casefolded; `name`:
    `raw` is a parameter's name)."""
    return (
        widened_hit(raw, field, name=name)
        or standing_hit(raw, field, own)
        or broad_destruction_hit(raw, field, own)
    )


def widened_hit(raw: str, field: str, *, name: bool) -> Hit | None:
    """A value (or, `name`, a parameter's name) in an odd slot that widens the act past any choice."""
    if field.endswith("description") or not odd_slot(field):
        return None  # (prose is read by the order rules: these shapes are of values)
    phrase = identifier_phrase(raw)
    if name and phrase is not None and (joined := _joined_name(phrase)) is not None:
        return joined
    text = plain_joints(raw) if phrase is None else plain(phrase)
    if (extreme := _extreme(text)) is not None:
        return Hit.of(RULE, f"{field or 'a value'} fixes an extreme amount for every case", extreme)
    if (granted := _granted(text)) is not None:
        return Hit.of(RULE, f"{field or 'a value'} grants the highest privilege as a standing rule", granted)
    if (set_aside := _set_aside(text)) is not None:
        return Hit.of(RULE, f"{field or 'a value'} holds whatever is asked for", set_aside)
    if name:
        return None
    steps = {step.partition("[")[0] for step in field.split(".")}
    if not _SKIP_SLOTS.isdisjoint(steps) and (skipped := _skipped_safeguard(text)) is not None:
        return Hit.of(RULE, f"{field} skips a safeguard in a value that is an order", skipped)
    applied = not _APPLIED_KEYS.isdisjoint(steps)
    if (applied or not _OFFERED_KEYS.isdisjoint(steps)) and (switched := _switched_off(raw, text, applied)):
        return Hit.of(RULE, f"{field} switches the checks off on every call", switched)
    return None


def _extreme(text: str) -> str | None:
    found = _EXTREME.search(text)
    if found is None and ((found := _TWICE.search(text)) is None or _MONEY.search(text) is None):
        return None
    concepts = {o.concept for o in occurrences(text)}
    if _STANDING.isdisjoint(concepts) and _EVERYONE.search(text) is None:
        return None
    return shorten(text[max(0, found.start() - 80) :], 160)


def _set_aside(text: str) -> str | None:
    """`regardless of the requested value`, `even if the user picks another`, `aunque el cliente
    pida`: a value held whatever a person asks for. Not under a negation before it (`never
    overwrite, even if the user asks` keeps the person's choice safe), nor after a cap. The first
    negation and the first cap are found once, and each `even` reads only the ideas within its
    reach (`orders.ideas_within`): linear however many times a hostile value says `even if`."""
    found = occurrences(text)  # (the lexicon's automaton: one pass, read again for free by the rules)
    refusal = next((o.start for o in found if o.concept in NEGATING), len(text))
    cap = _CAP.search(text)
    starts = [o.start for o in found]
    for even in (o for o in found if o.concept is Concept.EVEN_IF):
        if refusal < even.start or (cap is not None and cap.end() <= even.start):
            return None  # (`at most 100 rows, even if the user asks for more`: a cap kept, not widened)
        end = even.end + EVEN_IF_REACH
        if _asked(text, ideas_within(found, starts, even.end, end), even, end):
            return text[max(0, even.start - 80) : end]
    return None


def _asked(text: str, near: list[Occurrence], even: Occurrence, end: int) -> bool:
    """Whether a person or a request is named in the `end - even.end` characters after `even`
    (`near`: the ideas starting there)."""
    if REQUESTED.search(text, even.end, end) is not None or PARTY.search(text, even.end, end) is not None:
        return True
    return any(o.concept in _ASKERS for o in near)


def _granted(text: str) -> str | None:
    """The highest privilege granted as a standing rule (`every invite with the owner role`), or
    given to an outside address the value names, always or as an extra (`also invite ops@… as owner`,
    `anade ademas a soporte@… como administrador`, `выдай права владельца адресу root@…` on every call):
    a value chooses a role, it does not hand one to someone the text supplies. Not under a negation."""
    if TOP.search(text) is None:
        return None
    granted = GRANTED.search(text) is not None or _OPEN.search(text) is not None
    addressed = _outside_address(text) and (granted or _GIVEN.search(text) is not None)
    if not (granted or addressed):
        return None
    concepts = {o.concept for o in occurrences(text)}
    if not NEGATING.isdisjoint(concepts):
        return None
    if Concept.EVERY in concepts and granted:
        return shorten(text, 160)
    if addressed and (Concept.EVERY in concepts or ADDED.search(_ADDRESS.sub(" ", text)) is not None):
        return shorten(text, 160)
    return None


def _outside_address(text: str) -> bool:
    """Whether `text` names an e-mail address or a domain (also spelled in a name: `esterno at ruota
    corona it`) that is not one of the names reserved for examples (`user@example.com`, `.test`)."""
    spelled = (
        found.group().replace(" at ", "@").replace(" ", ".") for found in islice(_ADDRESS.finditer(text), 4)
    )
    return any(_RESERVED.search(address) is None for address in spelled)


def _switched_off(raw: str, text: str, piped_too: bool) -> str | None:
    """Two distinct checks switched off in `raw`, or (`piped_too`) a fetched script piped into a shell."""
    if piped_too and (piped := _PIPED_SHELL.search(raw) or _PIPED_SHELL.search(text)) is not None:
        return piped.group()
    switches: list[str] = []
    runs = [SWITCH_OFF.finditer(raw)] + ([CHECK_OFF.finditer(raw)] if "=" in raw else [])
    for switch in (found for run in runs for found in run):  # (two distinct are enough: stop there)
        if (word := switch.group().lstrip("-").lower()) not in switches:
            switches.append(word)
            if len(switches) == _SWITCHES:
                return " ".join(switches)
    return None


def _joined_name(phrase: str) -> Hit | None:
    words = phrase.casefold().split()
    if len(words) < _JOINED_WORDS or words[0] not in _JOINING:
        return None
    return Hit.of(RULE, "a parameter's name opens with a joining word: an act added to the tool's", phrase)


_URL_HOST = re.compile(r"https?://([\w.-]{1,253})")
"""A URL's host."""
_SPELLED_URL = re.compile(r"\bhttps?(?: [a-z0-9]{1,30}){1,3} (?:com|net|org|io|dev|app|xyz)\b")
"""A URL spelled in a name's words (`registry_https_npm_x_io`)."""
_DONE = re.compile(r"[a-z]*(?:ed|ing)\b")
"""The rest of an English deleting word that makes it a participle (`cancelled`, `deleting`), not an
order."""
_STANDING_REACH = 80
"""Characters on either side of the standing occasion in which the stake is read."""
_NEGATION_REACH = 24
"""Characters before a stake in which a negation turns it around (`never delete`, `nie löschen`)."""


def standing_hit(raw: str, field: str, own: str = "") -> Hit | None:
    """A standing order in an odd slot: an occasion every later call meets beside a stake (see the
    module's docstring); `own`: the tool's name, casefolded (a deletion its name holds is its act)."""
    if not odd_slot(field) or (field.endswith("description") and not field.startswith("outputSchema")):
        return None
    phrase = identifier_phrase(raw)
    text = plain_joints(raw) if phrase is None else plain(phrase)
    for occasion in islice(STANDING.finditer(text), 4):
        low, high = _clause_around(text, occasion)
        if (stake := _stake(text, low, high, own)) is not None:
            return Hit.of(RULE, f"{field or 'a value'} sets a standing order that {stake}", text[low:high])
    return None


_CLAUSE_END = re.compile(r"[.;!?。；！？\n](?:\s|\Z)|[。；！？\n]")
"""Where a clause ends: a stop, a semicolon or a line break (a dot inside `com.sun` or `3.12` does not)."""


def _clause_around(text: str, occasion: re.Match[str]) -> tuple[int, int]:
    """The clause the occasion stands in, `_STANDING_REACH` characters on either side at most."""
    low = max(0, occasion.start() - _STANDING_REACH)
    high = min(len(text), occasion.end() + _STANDING_REACH)
    for end in _CLAUSE_END.finditer(text, low, occasion.start()):
        low = end.end()
    if (after := _CLAUSE_END.search(text, occasion.end(), high)) is not None:
        high = after.start()
    return low, high


def _stake(text: str, low: int, high: int, own: str) -> str | None:
    """What the standing order around text[low:high] puts at stake, not under a negation."""
    if _held_for_user(text, low, high):
        return None  # (`delete the old VM only once the user confirms`: the act waits for a person)
    for destroyed in islice(DESTROY.finditer(text, low, high), 4):
        said = _DONE.match(text, destroyed.end()) is not None  # (`cancelled trains`, `deleting`: no order)
        if not (said or _refused(text, destroyed.start()) or destroyed.group() in own):
            return f"deletes ({destroyed.group()!r})"
    if (control := control_at_stake(text, low, high)) is not None:
        return control
    if (destination := _destination(text[low:high])) is not None:
        return f"names a destination ({destination!r})"
    levy = LEVY.search(text, low, high)
    if levy is None or levy.group() in own or _refused(text, levy.start()):
        return None
    if _AMOUNT.search(text, max(low, levy.start() - _AMOUNT_REACH), levy.end() + _AMOUNT_REACH):
        return f"sets a levy ({levy.group()!r})"
    return None


_AMOUNT = re.compile(
    r"\d|\b(?:zero|null|nul|cero|ноль|нулев\w*|max\w*|máxim\w*|höchst\w*|максимал\w*)\b|零|ゼロ|最大|最高|최대"
)
"""An amount a levy is set to: a figure, zero, the most (`juros de 10%`, `alíquota zero`, `multa máxima`)."""
_AMOUNT_REACH = 40
"""Characters on either side of a levy in which its amount is read."""


def _held_for_user(text: str, low: int, high: int) -> bool:
    """Whether text[low:high] holds the act back for the user's confirmation (`erst löschen, wenn
    der Nutzer bestätigt`), not waived (`without confirmation`, `senza chiedere conferma`)."""
    confirmed = CONFIRMED.search(text, low, high)
    if confirmed is None or _refused(text, confirmed.start()):
        return False
    return Concept.USER in {o.concept for o in occurrences(text[low:high])}


def _destination(window: str) -> str | None:
    """A place `window` sends to that is not reserved for examples (`https://api.example.com`): a
    URL's host, or a URL spelled in words. An e-mail address is not one here: an address given a
    role (`support@… comme lecteur` on every call) is an order only with the highest (`_granted`)."""
    for url in islice(_URL_HOST.finditer(window), 4):
        if _RESERVED.search("." + url.group(1).rstrip(".")) is None:
            return url.group()
    spelled = _SPELLED_URL.search(window)
    return spelled.group() if spelled is not None else None


def _refused(text: str, at: int) -> bool:
    """Whether a negation stands just before `at` (`never delete`, `sem juros`)."""
    before = text[max(0, at - _NEGATION_REACH) : at]
    return negated(before) or _WITHOUT.search(before) is not None


_WITHOUT = re.compile(r"\b(?:without|no|ohne|kein\w*|sans|sin|sem|senza|без)\b|不|無|없이")
"""A `without` before a stake (`sem juros`, `ohne Löschung`): the stake spared."""


_DESTRUCTIVE_FLAG = re.compile(
    r"(?<![\w-])--(?:clean|full-refresh|prune|drop[\w-]*|purge|wipe|truncate)(?![\w-])"
)
"""A command's switch that destroys what it rebuilds or restores over (`pg_restore --clean`, `dbt run
--full-refresh`), written the same in every language."""
_BROAD_TARGET = re.compile(
    r"\b(?:prod|production|produktion\w*|produktiv\w*|producción|produccion|produção|producao|produzione"
    r"|продакшн\w*|прод|every|all|alle[mnrs]?|tous|toutes|todos|todas|tutti|tutte|все\w*)\b"
    r"|(?<![\w-])(?:-r|-rf|--recursive|-recurse)(?![\w-])|生产|本番|운영|全部|すべて|모든"
)
"""Past one chosen object: production, every object, or recursively."""
_BROAD_SLOTS = frozenset({"enum", "default", "const", "examples", "example"})
"""The slots offered or applied as the way to call."""


def broad_destruction_hit(raw: str, field: str, own: str = "") -> Hit | None:
    """A command that destroys, offered or applied as the way to call, aimed at production or at
    every object (see the module's docstring); `own`: the tool's name, casefolded."""
    if _BROAD_SLOTS.isdisjoint(step.partition("[")[0] for step in field.split(".")):
        return None
    text = plain_joints(raw)
    destroyed = _DESTRUCTIVE_FLAG.search(raw.casefold()) or next(
        (
            d
            for d in islice(DESTROY.finditer(text), 4)
            if d.group() not in own and not _refused(text, d.start())
        ),
        None,
    )
    if destroyed is None or (broad := _BROAD_TARGET.search(raw.casefold())) is None:
        return None
    return Hit.of(RULE, f"{field} destroys past one chosen object ({broad.group()!r})", shorten(text, 160))
