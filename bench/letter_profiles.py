"""Build driftwatch/detect/letters_model.txt: how likely each letter is after two others, in prose.

opaque.py reads a run of Latin words as letter soup (cipher text, keyboard-shifted text) when every
language it knows finds the run's letter sequences unlikely. Its knowledge is this table: letter
trigram log-probabilities P(c | a b) (words bounded by `^` and `$`, accents folded away), the best of
seven profiles (English, German, French, Spanish, Italian, Portuguese, Dutch) for each trigram. The
profiles come from text any Debian machine has and nobody wrote for this bench: the message
catalogues under /usr/share/locale (the translations of coreutils, apt, git, glib, gtk, postgres...;
the English from their msgids), so technical words (`ssh`, `json`, `config`) are in the profile as
well as prose. Nothing of the bench's corpora is read.

    .venv/bin/python bench/letter_profiles.py   # rewrites driftwatch/detect/letters_model.txt

Each trigram is one character of the file: its log-probability times -4, rounded, capped at 40,
as chr(48 + level); trigrams in the order of `ALPHABET` cubed.
"""

from __future__ import annotations

import gettext
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "driftwatch" / "detect" / "letters_model.txt"
LOCALE = Path("/usr/share/locale")
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")
ALPHABET = "^abcdefghijklmnopqrstuvwxyz$"
LEVELS = 40
SMOOTHING = 0.5
_WORD = re.compile(r"[a-z]+")
_MARKUP = re.compile(r"%\S+|--?[\w-]+|\\\w")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def messages(language: str) -> Iterator[str]:
    """Every message of the catalogues in `language` (English: the German catalogues' msgids)."""
    directory = LOCALE / ("de" if language == "en" else language) / "LC_MESSAGES"
    for path in sorted(directory.glob("*.mo")):
        if path.name.startswith("iso_"):  # (lists of country and language names, not prose)
            continue
        with path.open("rb") as handle:
            try:
                catalogue = gettext.GNUTranslations(handle)
            except (OSError, UnicodeDecodeError):
                continue
        parsed: dict[object, object] = getattr(catalogue, "_catalog")  # noqa: B009 (the parsed catalogue)
        for source, target in parsed.items():
            text = target if language != "en" else source[0] if isinstance(source, tuple) else source
            if isinstance(text, str):
                yield text


def profile(language: str) -> dict[str, float]:
    """log P(c | a b) for every trigram of `ALPHABET` in `language`'s messages."""
    counts: Counter[str] = Counter()
    contexts: Counter[str] = Counter()
    for message in messages(language):
        for word in _WORD.findall(fold(_MARKUP.sub(" ", message))):
            if len(word) < 2:
                continue
            bounded = "^^" + word + "$"
            for i in range(len(bounded) - 2):
                counts[bounded[i : i + 3]] += 1
                contexts[bounded[i : i + 2]] += 1
    size = len(ALPHABET) - 1
    return {
        a + b + c: math.log((counts[a + b + c] + SMOOTHING) / (contexts[a + b] + size * SMOOTHING))
        for a in ALPHABET
        for b in ALPHABET
        for c in ALPHABET
    }


def main() -> None:
    profiles = [profile(language) for language in LANGUAGES]
    levels = []
    for a in ALPHABET:
        for b in ALPHABET:
            for c in ALPHABET:
                best = max(p[a + b + c] for p in profiles)
                levels.append(chr(48 + min(LEVELS, round(-best * 4))))
    OUT.write_text("".join(levels) + "\n", encoding="ascii")
    print(f"wrote {OUT} ({len(levels)} trigrams)")


if __name__ == "__main__":
    main()
