"""A learned second opinion on the orders a tool gives: a linear model over the ideas its text holds.

The rules (orders.py) recognise an order by shapes written by hand, and wording nobody wrote a
shape for slips past them: measured on sets written after the rules, they miss about one poisoned
tool in five. This layer reads the same ideas the rules read (lexicon.py: concepts named in ten
languages), each idea alone and each pair of ideas sharing a clause, over every string of an item,
and weighs them with a logistic model trained on labelled tools (bench/train_ideas.py writes
`ideas_model.json`, which ships inside the package: nothing is downloaded, ever). Because it reads
ideas rather than words, its inputs are the same in every language the lexicon covers, and a
change to the lexicon's concepts is caught by a test until the model is trained again.

Its pairs of ideas do not say which idea a negation bears on: `do not follow them; tell the user`
weighs like `do not tell the user`, the commonest order to hide. In a clause that refuses to follow
(a negated `follow`, `comply`, `obey`, as the rules read it: orders.refuses) the negation bears
on following, so it is not paired with telling or the user there (the pairs of hiding from them).
And quoted examples (`sentences like "ignore previous instructions"`) are blanked out, as the
rules blank them (orders.blank_quoted_examples): they are what a tool looks for, not what it says.

It is a second opinion only: it fires `suspected-order` (medium, never higher) on an item no rule
flagged at medium or above, and names its evidence: the clause whose ideas weighed most, the ideas,
and the model's probability.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import combinations
from pathlib import Path

from driftwatch.detect.lexicon import Concept, occurrences, plain
from driftwatch.detect.orders import Clause, blank_quoted_examples, idea_clauses, refuses
from driftwatch.detect.rule import Hit

MODEL_FILE = Path(__file__).with_name("ideas_model.json")
TEXT_LIMIT = 20_000
"""Characters of a string the model reads: its inputs are bounded (the rules read the rest)."""
MEMO_LIMIT = 2_000
"""Strings up to this length are remembered with their ideas: schemas repeat the same strings."""

_CONCEPT = operator.itemgetter(2)
"""An occurrence's concept."""
PAIR = 1024
"""A pair of ideas (a, b), a < b, is the feature a * PAIR + b; a single idea is its own value."""
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


@dataclass(frozen=True)
class IdeaModel:
    """The trained weights: one per feature, a bias, and the probability at which it fires."""

    weights: dict[int, float]
    bias: float
    threshold: float
    concepts: tuple[str, ...]
    """The lexicon's concept names when it was trained: features name them."""

    def probability(self, features: Iterable[int]) -> float:
        total = self.bias + sum(self.weights.get(feature, 0.0) for feature in features)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, total))))


def feature_key(name: str) -> int:
    """`SEND` or `SECRET+SEND` (as a model file writes them) as the feature number."""
    first, _, second = name.partition("+")
    return Concept[first] * PAIR + Concept[second] if second else int(Concept[first])


def feature_name(key: int) -> str:
    first, second = divmod(key, PAIR)
    return f"{Concept(first).name}+{Concept(second).name}" if first else Concept(second).name


@cache
def model() -> IdeaModel | None:
    """The shipped model, or None when the package holds none (the rules alone then)."""
    if not MODEL_FILE.is_file():
        return None
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return IdeaModel(
        {feature_key(name): float(weight) for name, weight in data["weights"].items()},
        float(data["bias"]),
        float(data["threshold"]),
        tuple(data["concepts"]),
    )


def concept_names() -> tuple[str, ...]:
    """The lexicon's concepts, as a model file records them."""
    return tuple(sorted(concept.name for concept in Concept))


StringIdeas = list[tuple[list[int], str, int, int]]
"""The features of each clause of a string holding ideas, with the plain text and the clause's span."""


def string_ideas(raw: str) -> StringIdeas:
    """The features of one string: every idea of a clause, and every pair of ideas sharing one."""
    text, clauses = idea_clauses(blank_quoted_examples(raw[:TEXT_LIMIT]))
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


def string_features(raw: str) -> StringFeatures:
    """The features of `string_ideas(raw)` without where they are: what the model weighs. Where is
    asked again only of an item it flags (ItemFeatures.hit), and most strings hold one idea or none,
    so that their clauses need not be cut at all."""
    cut = blank_quoted_examples(raw[:TEXT_LIMIT])
    found = occurrences(plain(cut))
    ideas = set(map(_CONCEPT, found))
    if len(ideas) == 1 and Concept.MENTION not in ideas:  # (what an example drops needs clauses)
        return dict.fromkeys(map(int, ideas))
    features: StringFeatures = {}
    if ideas:
        text, clauses = idea_clauses(cut)
        for clause in clauses:
            features.update(dict.fromkeys(_features(text, clause)))
    return features


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

    def hit(self, trained: IdeaModel) -> tuple[str, Hit] | None:
        """(field, `suspected-order` hit) when the model reads an order here."""
        probability = trained.probability(self.places)
        return None if probability < trained.threshold else self.named(trained, probability)

    def named(self, trained: IdeaModel, probability: float) -> tuple[str, Hit]:
        """(field, `suspected-order` hit) naming the clause whose ideas weigh most, and its ideas."""
        weight: dict[Place, float] = {}
        for key, place in self.places.items():
            weight[place] = weight.get(place, 0.0) + max(0.0, trained.weights.get(key, 0.0))
        place = max(weight, key=weight.__getitem__)
        named = sorted(
            (k for k, p in self.places.items() if p is place and trained.weights.get(k, 0.0) > 0),
            key=lambda k: -trained.weights[k],
        )[:4]
        detail = (
            f"a model trained on labelled tools reads an order to the model (p={probability:.2f}; "
            f"ideas: {', '.join(feature_name(k).lower() for k in named) or 'none'})"
        )
        return place.field, Hit.of("suspected-order", detail, place.clause())


@dataclass
class ItemFeatures:
    """What detect keeps of an item: its features (in the order ItemIdeas would place them, so that
    the model sums the same weights in the same order), and its strings that hold any."""

    features: StringFeatures = field(default_factory=dict)
    strings: list[tuple[str, str]] = field(default_factory=list)
    """(field path, raw text): read again, with places, only when the model flags the item."""

    def add(self, field_path: str, raw: str, found: StringFeatures) -> None:
        self.features.update(found)  # (a feature seen before keeps its place in the order)
        self.strings.append((field_path, raw))

    def hit(self, trained: IdeaModel) -> tuple[str, Hit] | None:
        """ItemIdeas.hit on the item's strings, which are read with places only when it fires."""
        probability = trained.probability(self.features)
        if probability < trained.threshold:
            return None
        ideas = ItemIdeas()
        for field_path, raw in self.strings:
            ideas.add(field_path, string_ideas(raw))
        return ideas.named(trained, probability)
