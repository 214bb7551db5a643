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

Ideas = dict[str, str]
"""Feature name (`SEND`, `SECRET+SEND`) -> the clause it was first seen in."""


@dataclass(frozen=True)
class IdeaModel:
    """The trained weights: one per feature, a bias, and the probability at which it fires."""

    weights: dict[str, float]
    bias: float
    threshold: float
    concepts: tuple[str, ...]
    """The lexicon's concept names when it was trained: features name them."""

    def probability(self, features: set[str] | dict[str, str]) -> float:
        total = self.bias + sum(self.weights.get(name, 0.0) for name in features)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, total))))


@cache
def model() -> IdeaModel | None:
    """The shipped model, or None when the package holds none (the rules alone then)."""
    if not MODEL_FILE.is_file():
        return None
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return IdeaModel(
        {str(k): float(v) for k, v in data["weights"].items()},
        float(data["bias"]),
        float(data["threshold"]),
        tuple(data["concepts"]),
    )


def concept_names() -> tuple[str, ...]:
    """The lexicon's concepts, as a model file records them."""
    return tuple(sorted(concept.name for concept in Concept))


def string_ideas(raw: str) -> Ideas:
    """The features of one string: every idea of a clause, and every pair of ideas sharing one."""
    text, clauses = idea_clauses(raw[:TEXT_LIMIT])
    found: Ideas = {}
    for clause in clauses:
        span = text[clause.start : clause.end].strip()
        names = sorted(concept.name for concept in clause.found)
        for name in names:
            found.setdefault(name, span)
        for first, second in combinations(names, 2):
            found.setdefault(f"{first}+{second}", span)
    return found


@dataclass
class ItemIdeas:
    """The features of one item (a tool, a prompt, a resource, the server block), string by string."""

    ideas: Ideas = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    """Clause -> the field it sits in."""

    def add(self, field_path: str, found: Ideas) -> None:
        for name, clause in found.items():
            if name not in self.ideas:
                self.ideas[name] = clause
                self.fields.setdefault(clause, field_path)

    def hit(self, trained: IdeaModel) -> tuple[str, Hit] | None:
        """(field, `suspected-order` hit) when the model reads an order here."""
        probability = trained.probability(self.ideas)
        if probability < trained.threshold:
            return None
        weight: dict[str, float] = {}
        for name, clause in self.ideas.items():
            weight[clause] = weight.get(clause, 0.0) + max(0.0, trained.weights.get(name, 0.0))
        clause = max(weight, key=lambda c: weight[c])
        named = sorted(
            (n for n, c in self.ideas.items() if c == clause and trained.weights.get(n, 0.0) > 0),
            key=lambda n: -trained.weights[n],
        )[:4]
        detail = (
            f"a model trained on labelled tools reads an order to the model (p={probability:.2f}; "
            f"ideas: {', '.join(n.lower() for n in named) or 'none'})"
        )
        return self.fields[clause], Hit.of("suspected-order", detail, clause)
