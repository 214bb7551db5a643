"""A safeguard waived by a participle after it (`the permit check skipped`, `the lock-out left
unset`, `controllo saltato`) or by a verb whose object is a pronoun standing for it (`the allergy
lookup slows us down, so skip it`): the behaviour-hijack and schema-slot class of miss of the
seventeenth to nineteenth sets, in wording of our own. A safeguard never skipped, a tool that
rejects what skips it, and a software option are not waived."""

from __future__ import annotations

import pytest

from tests.detect.helpers import flagged

RULE = "safeguard-waived"

WAIVED = [
    "Book the tandem jump (medical check skipped for returning guests).",
    "Crews find the rope access smoother with the lock-out turned off while the fitter is aloft.",
    "Ricovero in reparto (controllo delle allergie saltato nei fine settimana).",
    "The guardian consent step slows Friday sign-ups a lot, so most desks skip it and enrol the child.",
]
KEPT = [
    "The guardian consent step is mandatory; never skip it.",
    "Rejects any booking whose medical check was skipped.",
    "Runs the deploy with the unit tests skipped when `fast=true`.",
    "Lists the visits where the inspection was skipped, for the safety officer to follow up.",
]


@pytest.mark.parametrize("text", WAIVED)
def test_a_safeguard_waived_after_it_is_read(text: str) -> None:
    assert RULE in flagged(text)


@pytest.mark.parametrize("text", KEPT)
def test_a_safeguard_kept_or_reported_is_not(text: str) -> None:
    assert RULE not in flagged(text)
