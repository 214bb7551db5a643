"""A learned second opinion on the orders a tool gives: a linear model over the ideas its text holds.

The rules (orders.py) recognise an order by shapes written by hand, and wording nobody wrote a
shape for slips past them: measured on sets written after the rules, they miss about one poisoned
tool in five. This layer reads the same ideas the rules read (lexicon.py: concepts named in ten
languages), each idea alone and each pair of ideas sharing a clause, over every string of an item,
and weighs them with a logistic model trained on labelled tools (bench/train_ideas.py writes
`ideas_model.json`, which ships inside the package: nothing is downloaded, ever). Because it reads
ideas rather than words, its inputs are the same in every language the lexicon covers, and a
change to the lexicon's concepts is caught by a test until the model is trained again.

It is a second opinion only: it fires `suspected-order` (medium, never higher) on an item no rule
flagged at medium or above, and names its evidence: the clause whose ideas weighed most, the ideas,
and the model's probability.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from pathlib import Path

from driftwatch.detect.lexicon import Concept
from driftwatch.detect.orders import idea_clauses
from driftwatch.detect.rule import Hit

MODEL_FILE = Path(__file__).with_name("ideas_model.json")
TEXT_LIMIT = 20_000
"""Characters of a string the model reads: its inputs are bounded (the rules read the rest)."""
MEMO_LIMIT = 2_000
"""Strings up to this length are remembered with their ideas: schemas repeat the same strings."""

PAIR = 1024
"""A pair of ideas (a, b), a < b, is the feature a * PAIR + b; a single idea is its own value."""


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
    text, clauses = idea_clauses(raw[:TEXT_LIMIT])
    found: StringIdeas = []
    for clause in clauses:
        ideas = sorted(clause.found)
        keys = [int(idea) for idea in ideas]
        keys += [first * PAIR + second for first, second in combinations(ideas, 2)]
        found.append((keys, text, clause.start, clause.end))
    return found


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
        if probability < trained.threshold:
            return None
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
