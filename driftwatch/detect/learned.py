"""A learned second opinion on the orders a tool gives: a linear model over the ideas its text holds.

The rules (orders.py) recognise an order by shapes written by hand, and wording nobody wrote a
shape for slips past them: measured on sets written after the rules, they miss about one poisoned
tool in five. This layer reads the same ideas the rules read (lexicon.py: concepts named in ten
languages), each idea alone and each pair of ideas sharing a clause, over every string of an item,
and weighs them with a logistic model trained on labelled tools (bench/train_ideas.py writes
`ideas_model.json`, which ships inside the package: nothing is downloaded, ever). Because it reads
ideas rather than words, its inputs are the same in every language the lexicon covers, and a
change to the lexicon's concepts is caught by a test until the model is trained again.

Ideas alone miss what the lexicon has no concept for, so the same logistic model can also weigh
the character n-grams (2 to 5 characters within a word, and each CJK, kana or hangul character
alone: word_grams) of the plain text (lexicon.plain) of every string that holds at least one idea:
each n-gram present in an item counts once, whatever the text repeats, so that padding a string
with words the model finds benign lowers its score by a bounded amount. Only n-grams that poisoned
items of at least four writers hold are weighed (bench/train_ideas.py: the development corpus and
each hand-written set count as one writer each), so that one set's wording is no feature. And an
item's n-grams are read only when its ideas alone (with the bias) reach the model's floor
(IdeaModel.floor, 0 in the shipped model): n-grams sharpen an item whose ideas already lean to an
order, they do not make one of a plain tool (`Builds a report from the given rows`, whose words
`put`, `buil` the sets' wording made heavy), and most strings cost nothing more.

The shipped model (bench/train_ideas.py FINAL, `k4/gate0/bar1`) is trained on the development
corpus, all thirteen hand-written sets, second to fourteenth, each measured blind once before it
was trained on, and the benign-only development set `scary` (bench/corpus/scary: 141 tools modelled
on real security and devops servers), with the lexicon of the rounds of 2026-12-06. Its threshold
(0.82; cross-validated recall 0.841, flagging 0.12 % of real servers' items, 0.89 % of hard
negatives and 0.75 % of benign items; without the fourteenth: 0.62, 0.886; without `scary` either:
0.66, 0.884; with the lexicon before that night's first round: 0.63, 0.887) is the lowest at which
cross-validation flags at most 0.5 % of real servers' items, 1 % of hard negatives and 2 % of
benign items (the model before the thirteenth: 0.81, cross-validated recall 0.861); the stricter
half bar (`k4/gate0`, shipped before) found no threshold in most folds once the ninth and tenth
sets' security tools were in, and fell back to 0.99. Measured leave one set out over the twelve
sets (bench/learned_loso.py: trained without the set, threshold chosen by cross-validation on the
training data alone, the set read by the whole of detect, rules of 2026-12-05 late night, as the
thirteenth was measured), pooled recall is 0.933 with 55 of 1,556 benign items flagged, against
0.877 and 36 for the rules alone; over the eleven sets but the thirteenth, 0.952 and 34 of 1,406
(the rules 0.900 and 20), where trained without the thirteenth it was 0.956 and 37 (before the
round on classes spread over the eleven sets: 0.943 and 43, the rules 0.882 and 27; the ten sets
with the rules before the twelfth's classes: 0.936 and 42 of 1,256, the rules 0.877 and 30). The
thirteenth in its training costs the sets it was trained on before: the shipped model finds 1,860
of their 1,945 poisoned items where the model before found 1,867 (fifth, seventh to eleventh one
or two fewer each), flagging the same 20 of their 1,406 benign items (bench/detection.py --sets; the fifth's
concealment and the eighth's override families fall to 10 of 13, under its bar of 0.8). With the
rules of the round of 2026-12-06 (bench/detection.py) and this model unchanged: 1,870 of those
1,945 (1,865 with the rules before it), 17 of their benign items (20 before), and 176 of the
thirteenth's 180 (164 before). Trained again with that round's lexicon: 1,871 of them (the
eighth one more), the same 17 benign items, and the thirteenth's figures unchanged (176 of 180, 6
of 150 benign). Left out one set at a time with the rules of 62c5240 (just before that round):
pooled 0.949 with 46 of 1,556 benign items flagged (the rules alone 0.895 and 26), the thirteenth
left out 0.894 and 12 of 150 (the rules 0.789 and 6); what was tried then against its long texts
and languages, and not kept, is in bench/learned_loso.py (COMPARED).
Each set was measured once, blind, with the model and rules shipped at the time (trained and
written without it): the ninth (bench/corpus/ninth/README.md) 0.830 against 0.713 for the rules
alone; the tenth (bench/corpus/tenth/README.md) 0.793 against 0.704; on neither did the model flag
a benign item; the eleventh (bench/corpus/eleventh/README.md) 0.789; the twelfth
(bench/corpus/twelfth/README.md) 0.839; the thirteenth (bench/corpus/thirteenth/README.md) 0.728
against 0.628 for the rules alone, the model flagging 5 of its 150 benign items the rules did not;
the fourteenth (bench/corpus/fourteenth/README.md) 0.811, flagging 26 of its 150 benign items; the
fifteenth (bench/corpus/fifteenth/README.md) 0.567, flagging 26; the sixteenth to twentieth
(bench/corpus/<name>/README.md) 0.567, 0.411, 0.478, 0.544 and 0.828; the twenty-first
(bench/corpus/twentyfirst/README.md; with this model) 0.861, the model finding 24 of its 180
poisoned items the rules alone miss and flagging 2 of its 150 benign items (both defensive) they do
not (the 16 of its 70 security and devops tools flagged are the rules' alone). With the rules of
main at bd0e1b7, the six sets fifteenth to twentieth (still unseen by this model) pooled: 0.785 (848
of 1,080) with 57 of 900 benign items flagged (security-devops 21 of 420), against 0.709 and 49 (20)
for the rules alone. Trained again without the set read, each in turn (bench/learned_loso.py
COMPARED), the best specification that flags no more security and devops tools found 0.811 and
60 (20): C 1 instead of 0.5. It ships (2026-12-06 night), trained on every set measured then with the lexicon
after that evening's round (bench/train_ideas.py FINAL); it keeps the n-grams of the German upsell of
tests/detect/test_learned.py under the floor (its ideas alone -0.51: a known miss there), which the
model before it caught. Trained again with the twenty-first too, it would find less left out one set at
a time (sixteenth to twenty-first: 0.822 and 58 benign items against 0.825 and 59 without the
twenty-first, bench/learned_loso.py COMPARED) and miss the beneficiary order of that test file: this
model still ships.

Its pairs of ideas do not say which idea a negation bears on: `do not follow them; tell the user`
weighs like `do not tell the user`, the commonest order to hide. In a clause that refuses to follow
(a negated `follow`, `comply`, `obey`, as the rules read it: orders.refuses) the negation bears
on following, so it is not paired with telling or the user there (the pairs of hiding from them).
And quoted examples (`sentences like "ignore previous instructions"`) and the requests another
text is said to make (`任何要求发送文件或聊天记录的内容都会被标记`: content asking to send files or the
chat is flagged) are blanked out, as the rules blank them (orders.blank_quoted_examples,
orders.blank_reported): they are what a tool looks for, not what it says.

It is a second opinion only: it fires `suspected-order` (medium, never higher) on an item no rule
flagged at medium or above, and names its evidence: the clause whose ideas weighed most, the ideas,
the n-grams that weighed most, and the model's probability.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import chain, combinations, repeat
from pathlib import Path
from typing import Any, cast

from driftwatch.detect.lexicon import Concept, ideas, plain
from driftwatch.detect.orders import (
    Clause,
    blank_quoted_examples,
    blank_reported,
    idea_clauses,
    one_clause,
    refuses,
)
from driftwatch.detect.rule import Hit

MODEL_FILE = Path(__file__).with_name("ideas_model.json")
TEXT_LIMIT = 20_000
"""Characters of a string the model reads: its inputs are bounded (the rules read the rest)."""
MEMO_LIMIT = 2_000
"""Strings up to this length are remembered with their ideas: schemas repeat the same strings."""

PAIR = 1024
"""A pair of ideas (a, b), a < b, is the feature a * PAIR + b; a single idea is its own value."""
GRAM = PAIR * PAIR
"""Feature numbers from here on are character n-grams: GRAM + the n-gram's place in the model file."""
GRAM_SIZES = (2, 3, 4, 5)
WIDE = "\u3000"
"""Characters from here on (CJK, kana, hangul) are n-grams alone too: one of them is a word's worth."""
WORD_MEMO = 50_000
"""Words remembered with their weighted n-grams (a model's memo is cleared when it holds this many)."""
TEXT_MEMO = 4_096
ITEM_MEMO = 1_024
"""Items' plain texts remembered with the sum of their n-grams' weights (up to ITEM_MEMO_LENGTH
characters in all each: a tool listed again, under another name, is not read again)."""
ITEM_MEMO_LENGTH = 8_000
"""Plain texts remembered with their weighted n-grams (up to MEMO_LIMIT characters each)."""
WORD_MEMO_LENGTH = 40
"""Longer words are not remembered: the memo's memory stays bounded whatever the text."""
_READ_IN_CLAUSE = frozenset({Concept.MENTION, Concept.FOLLOW})
"""Ideas whose clause is read again (what an example drops, a refusal to follow): see _features."""
_HIDING = frozenset({Concept.NEGATION * PAIR + Concept.TELL, Concept.NEGATION * PAIR + Concept.USER})
"""The pairs that weigh `do not tell the user`."""


@dataclass(frozen=True, eq=False)
class Place:
    """Where a feature was first seen: the field, and the clause [start, end) of its plain text."""

    field: str
    text: str
    start: int
    end: int

    def clause(self) -> str:
        return self.text[self.start : self.end].strip()


@dataclass(frozen=True, eq=False)
class IdeaModel:
    """The trained weights: one per feature, a bias, and the probability at which it fires."""

    weights: dict[int, float]
    bias: float
    threshold: float
    concepts: tuple[str, ...]
    """The lexicon's concept names when it was trained: features name them."""
    grams: dict[str, int] = field(default_factory=dict)
    """Each weighted n-gram -> its feature number (GRAM + its place in the model file)."""
    floor: float = -math.inf
    """An item whose ideas alone sum (with the bias) below this is not flagged whatever its n-grams:
    they are not read (chosen on the training data with a margin: bench/train_ideas.py)."""
    _words: dict[str, frozenset[int]] = field(default_factory=dict, repr=False, compare=False)
    """Word -> the feature numbers of its weighted n-grams: words recur far more than strings."""
    _texts: dict[str, set[int]] = field(default_factory=dict, repr=False, compare=False)
    """Plain text up to MEMO_LIMIT characters -> its weighted n-grams: schemas repeat strings."""
    _sums: dict[tuple[str, ...], float] = field(default_factory=dict, repr=False, compare=False)
    """An item's plain texts -> the weights of their n-grams summed (grams_weight)."""

    def gram_features(self, text: str) -> set[int]:
        """The weighted n-grams of a plain text (text_grams), as feature numbers."""
        if len(text) > MEMO_LIMIT:
            return self._gram_features(text)
        found = self._texts.get(text)
        if found is None:
            if len(self._texts) >= TEXT_MEMO:
                self._texts.clear()
            found = self._texts[text] = self._gram_features(text)
        return found

    def grams_weight(self, texts: tuple[str, ...]) -> float:
        """The weights of the n-grams of several plain texts summed, each n-gram once, in no set
        order (for clear_below only). Read word by word: a word the texts share is looked up once,
        and no set is made per text; remembered for the same texts read together again."""
        found = self._sums.get(texts)
        if found is None:
            words: set[str] = set()
            for text in texts:
                words.update(text.split())
            found = sum(map(self.weights.__getitem__, self._words_grams(words)))
            if sum(map(len, texts)) <= ITEM_MEMO_LENGTH:
                if len(self._sums) >= ITEM_MEMO:
                    self._sums.clear()
                self._sums[texts] = found
        return found

    def _gram_features(self, text: str) -> set[int]:
        return self._words_grams(set(text.split()))

    def _words_grams(self, words: set[str]) -> set[int]:
        known = list(map(self._words.get, words))  # (most words are known: no Python call for them)
        if None not in known:  # (no word new: no Python loop either, a comparison in C)
            return set().union(*cast(list[frozenset[int]], known))
        # (the new words, found by a set difference in C, are the only ones a Python call reads: `known`
        # was read before any, so that a memo cleared while they are learned loses none of the others)
        new = words.difference(self._words)
        return set().union(*filter(None, known), *map(self._learn, new))

    def _learn(self, word: str) -> frozenset[int]:
        # (the weighted n-grams in the order found, as a loop testing each would add them, but in C:
        # every feature number is GRAM or more, so only a missing n-gram's None is false)
        numbers = frozenset(filter(None, map(self.grams.get, word_grams(word))))
        if len(word) <= WORD_MEMO_LENGTH:
            if len(self._words) >= WORD_MEMO:
                self._words.clear()
            self._words[word] = numbers
        return numbers

    def gram_name(self, key: int) -> str:
        return next(gram for gram, number in self.grams.items() if number == key)  # (only to name a finding)

    def logit(self, features: Iterable[int]) -> float:
        return self.bias + sum(map(self.weights.get, features, repeat(0.0)))  # (no Python call per feature)

    def probability(self, features: Iterable[int]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, self.logit(features)))))

    @cached_property
    def clear_below(self) -> float:
        """A logit summed in any order or grouping below this is one the model does not fire at summed in
        its own order: the threshold's logit, less twice the bound on the rounding of a sum of at most
        every weight and the bias (n terms: (n - 1) * 2**-53 * their magnitudes) and a margin far
        wider than the rounding of the probability itself."""
        if not 0.0 < self.threshold < 1.0:
            return -math.inf
        terms = len(self.weights) + 1
        magnitude = abs(self.bias) + sum(map(abs, self.weights.values()))
        rounding = 2 * terms * 2.0**-53 * magnitude
        return math.log(self.threshold / (1.0 - self.threshold)) - 2 * rounding - 1e-9


def feature_key(name: str) -> int:
    """`SEND` or `SECRET+SEND` (as a model file writes them) as the feature number."""
    first, _, second = name.partition("+")
    return Concept[first] * PAIR + Concept[second] if second else int(Concept[first])


def word_grams(word: str) -> list[str]:
    """The character n-grams of one word (GRAM_SIZES, within the word padded by a space on each
    side, so that a word's start and end are n-grams of their own), and each wide character alone."""
    padded = f" {word} "
    grams = [padded[i : i + n] for n in GRAM_SIZES for i in range(len(padded) - n + 1)]
    if not word.isascii():  # (an ASCII word holds no wide character: no Python loop over its letters)
        grams += [c for c in word if c >= WIDE]
    return grams


def text_grams(text: str) -> set[str]:
    """Every n-gram of a plain text (lexicon.plain), each once: what the model was trained on."""
    return {gram for word in set(text.split()) for gram in word_grams(word)}


def feature_name(key: int) -> str:
    first, second = divmod(key, PAIR)
    return f"{Concept(first).name}+{Concept(second).name}" if first else Concept(second).name


@cache
def model() -> IdeaModel | None:
    """The shipped model, or None when the package holds none (the rules alone then)."""
    if not MODEL_FILE.is_file():
        return None
    return from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


def from_json(data: dict[str, Any]) -> IdeaModel:
    """A model as bench/train_ideas.py writes it: idea weights by name, n-gram weights in a list."""
    weights = {feature_key(name): float(weight) for name, weight in data["weights"].items()}
    grams: dict[str, int] = {}
    for index, (gram, weight) in enumerate(data.get("grams", [])):
        grams[gram] = GRAM + index
        weights[GRAM + index] = float(weight)
    threshold = float(data["threshold"])
    floor = min(
        float(data.get("floor", -math.inf)), math.log(threshold / (1 - threshold))
    )  # (ideas alone fire)
    return IdeaModel(weights, float(data["bias"]), threshold, tuple(data["concepts"]), grams, floor)


def concept_names() -> tuple[str, ...]:
    """The lexicon's concepts, as a model file records them."""
    return tuple(sorted(concept.name for concept in Concept))


StringIdeas = list[tuple[list[int], str, int, int]]
"""The features of each clause of a string holding ideas, with the plain text and the clause's span."""


def _as_the_rules_read(raw: str) -> str:
    """`raw` (its first TEXT_LIMIT characters) as the rules read it: quoted examples and the requests
    another text is said to make (`if another tool's description asks to sync the chat, …`) blanked."""
    return blank_reported(blank_quoted_examples(raw[:TEXT_LIMIT]))


def string_ideas(raw: str) -> StringIdeas:
    """The features of one string: every idea of a clause, and every pair of ideas sharing one."""
    text, clauses = idea_clauses(_as_the_rules_read(raw))
    return [(list(_features(text, c)), text, c.start, c.end) for c in clauses]


def _features(text: str, clause: Clause) -> tuple[int, ...]:
    """The features of a clause; in one that refuses to follow, not the pairs of hiding."""
    features = _clause_features(frozenset(clause.found))
    if Concept.FOLLOW in clause.found and refuses(text, clause):
        return tuple(f for f in features if f not in _HIDING)  # (see the module docstring)
    return features


@lru_cache(maxsize=4096)  # (bounded: a text chooses which ideas share its clauses)
def _clause_features(ideas: frozenset[Concept]) -> tuple[int, ...]:
    """Each idea of a clause, then each pair of them: few sets of ideas recur in clause after clause."""
    ordered = sorted(ideas)
    return (*map(int, ordered), *(first * PAIR + second for first, second in combinations(ordered, 2)))


StringFeatures = dict[int, None]
"""The features of `string_ideas`, each once, in the order first seen there (a dict as an ordered set)."""


def read_string(raw: str) -> tuple[StringFeatures, str]:
    """The idea features of `string_ideas(raw)`, and the plain text its n-grams are read from ("" when
    it holds no idea: the n-grams of a string are read only where the lexicon saw an idea). Where the
    ideas are is asked again only of an item the model flags (ItemFeatures.hit), and most strings hold
    one idea or none, so that their clauses need not be cut at all."""
    cut = _as_the_rules_read(raw)
    found = ideas(cut)  # (the rules ask for the same ideas of the same string next: lexicon.ideas keeps them)
    if not found:
        return {}, ""  # (most strings: their plain text is not asked for)
    text = plain(cut)  # (what lexicon.ideas just read: kept there)
    if len(found) == 1 and Concept.MENTION not in found:  # (what an example drops needs clauses)
        return dict.fromkeys(map(int, found)), text
    if found.isdisjoint(_READ_IN_CLAUSE) and one_clause(text):  # (a sentence: most strings)
        return dict.fromkeys(_clause_features(found)), text
    features: StringFeatures = {}
    cut_text, clauses = idea_clauses(cut)
    for clause in clauses:
        features.update(dict.fromkeys(_features(cut_text, clause)))
    return features, text


@dataclass
class ItemIdeas:
    """The features of one item (a tool, a prompt, a resource, the server block), string by string."""

    places: dict[int, Place] = field(default_factory=dict)
    """Feature -> where it was first seen."""

    def add(self, field_path: str, found: StringIdeas) -> None:
        for keys, text, start, end in found:
            place = None
            for key in keys:
                if key not in self.places:
                    place = place or Place(field_path, text, start, end)
                    self.places[key] = place

    def named(self, trained: IdeaModel, probability: float, grams: Iterable[int] = ()) -> tuple[str, Hit]:
        """(field, `suspected-order` hit) naming the clause whose ideas weigh most, its ideas, and the
        item's n-grams (`grams`: feature numbers) that weigh most."""
        weight: dict[Place, float] = {}
        for key, place in self.places.items():
            weight[place] = weight.get(place, 0.0) + max(0.0, trained.weights.get(key, 0.0))
        place = max(weight, key=weight.__getitem__)
        named = sorted(
            (k for k, p in self.places.items() if p is place and trained.weights.get(k, 0.0) > 0),
            key=lambda k: (-trained.weights[k], k),
        )[:4]
        top = sorted(  # heaviest first; equal weights by feature number, never by a set's order
            (k for k in grams if trained.weights.get(k, 0.0) > 0), key=lambda k: (-trained.weights[k], k)
        )
        words = ", ".join(repr(trained.gram_name(k)) for k in top[:4])
        detail = (
            f"a model trained on labelled tools reads an order to the model (p={probability:.2f}; "
            f"ideas: {', '.join(feature_name(k).lower() for k in named) or 'none'}"
            + (f"; n-grams: {words})" if words else ")")
        )
        return place.field, Hit.of("suspected-order", detail, place.clause())


@dataclass
class ItemFeatures:
    """What detect keeps of an item: its features (in the order ItemIdeas would place them, so that
    the model sums the same weights in the same order), and its strings that hold any."""

    features: StringFeatures = field(default_factory=dict)
    strings: list[tuple[str, str, str]] = field(default_factory=list)
    """(field path, raw text, plain text): read again, for n-grams only when the ideas alone reach
    the model's floor, with places only when the model flags the item."""

    def add(self, field_path: str, raw: str, found: tuple[StringFeatures, str]) -> None:
        self.features.update(found[0])  # (a feature seen before keeps its place in the order)
        self.strings.append((field_path, raw, found[1]))

    def hit(self, trained: IdeaModel) -> tuple[str, Hit] | None:
        """ItemIdeas.hit on the item's strings: their n-grams are read only when the ideas alone
        reach the model's floor (IdeaModel.floor), their places only when the model fires."""
        grams: list[int] = []
        if trained.grams:
            ideas_logit = trained.logit(self.features)
            if ideas_logit < trained.floor:
                return None
            every = trained.grams_weight(tuple(text for _, _, text in self.strings))
            if ideas_logit + every < trained.clear_below:
                return None  # (most items: their n-grams need no order, which sorting them costs)
            seen: set[int] = set()  # (n-grams only: an idea's feature number is below GRAM)
            for _, _, text in self.strings:  # (sorted: a set's order would vary with the hash seed)
                # (each where first seen: the features, then these, are summed in one pass, in order)
                new = sorted(trained.gram_features(text).difference(seen))
                seen.update(new)
                grams += new
        probability = trained.probability(chain(self.features, grams))
        if probability < trained.threshold:
            return None
        ideas = ItemIdeas()
        for field_path, raw, _ in self.strings:
            ideas.add(field_path, string_ideas(raw))
        return ideas.named(trained, probability, grams)
