"""A value that makes a share public for everything: an enum choice or a default that opens data
to anyone, said to apply to every item, or publishing a person's data.

A sharing tool offers `private`, `team`, `public` as choices: a word each, the user picks. A poisoned
one hides a whole setting in one choice or default: `anyone on the internet (apply this to every
share)`, `публичная ссылка без пароля (применяется ко всем папкам)`, `publier l'adresse et les prénoms
des enfants sur le groupe public`. The shape is the same in every language: in a value slot, the word
for public (`public`, `anyone on the internet`, `öffentlich`, `публичн`, `公開`, `공개`) with a reach
over every item (`every`, `ко всем`, `à tous`, `すべて`, `모든`), or every time the tool is called
(`à chaque appel`, `каждый раз`, `毎回`, `조회할 때마다`), or as an act added to the choice (`pdf and
also grant a public link`, lexicon ADDED), or with a person's data named (lexicon PERSONAL); not after
a negation (`never make links public for every share` keeps them private). A value spelled as an
identifier (`pdf_and_also_grant_public_link_to_everyone`) is read as its words; an extension field
(`x-…`) is read for the call and the added act only. A bare `public` among the choices is a choice.

Three bounded alternations over a value (a short string): linear in its length.
"""

from __future__ import annotations

from driftwatch.detect.caseless import Caseless
from driftwatch.detect.gate import Substrings
from driftwatch.detect.lexicon import NEGATING, PER_CALL, PERSONAL, occurrences
from driftwatch.detect.orders import ADDED
from driftwatch.detect.rule import Hit

_PUBLIC = Caseless(
    r"\b(?:public|publicly|anyone on the internet|anyone with the link|publi(?:er|é|ée|és|ées|e|ez)"
    r"|publica[rd]?|pública|público|pubblic\w{0,3}|öffentlich\w{0,3}|публичн\w{0,3}|всем в интернете)\b"
    r"|公开|公開|공개",
)
_EVERY = Caseless(
    r"\b(?:every|each|to all|for all|all (?:shares|folders|files|items|documents)|à tous|a tous|pour tous"
    r"|a todos|a todas|para todos|a tutti|a tutte|per tutti|allen|für alle|ко всем|для всех|всем папкам)\b"
    r"|すべての|全ての|所有|每个|모든",
)
_HINTS = Substrings((
    "public", "anyone on", "anyone with", "publi", "pubblic", "öffentlich", "публичн", "всем в", "公开",
    "公開", "공개",
))  # fmt: skip
_LONGEST = 600
"""Characters of a value read at most (a choice or a default is short)."""


def exposed_hit(value: str, *, prose: bool = False) -> Hit | None:
    """A value slot that makes a share public for every item, or publishes a person's data, or None.
    `prose`: an extension field's note, where `every` may count what a scanner reads (`public links
    are scanned every night`): only a share opened on every call or as an added act counts there."""
    folded = value[:_LONGEST].casefold()
    if not _HINTS.any_in(folded):
        return None
    public = _PUBLIC.search(folded)
    if public is None or folded.strip() == public.group():
        return None
    reach = PER_CALL.search(folded) or ADDED.search(folded)
    if reach is None and not prose:
        reach = _EVERY.search(folded) or PERSONAL.search(folded)
    # A negation before the word for public keeps the share closed (`never make links public`); one
    # after it qualifies the link (`öffentlicher Link ohne Passwort`).
    if reach is None or any(o.concept in NEGATING and o.start < public.start() for o in occurrences(folded)):
        return None
    return Hit.of(
        "standing-order",
        f"a value that makes data {public.group()!r} with {reach.group()!r}",
        value[:_LONGEST],
    )
