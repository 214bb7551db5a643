"""withheld._no_sentence_opens: whether no sentence of a text passes a gate, said without folding each
sentence, is said only where it holds: a gate's word written after a blank holds at a sentence's start
(gate.Substrings.opening), with no blank before it in the text (`…del mes.sin-retrasos`)."""

from __future__ import annotations

import pytest

from driftwatch.detect.withheld import _NOT_PUT_SAID, _SENTENCE, _no_sentence_opens


def _said(text: str) -> bool:
    """Whether some sentence passes the gate, as _kept_out_of_account asks it of each."""
    return any(_NOT_PUT_SAID.any_in(m.group().casefold()) for m in _SENTENCE.finditer(text))


@pytest.mark.parametrize(
    "text",
    ["Informe del mes.sin-retrasos", "Relatório.Sem-falhas", "Report:\nsinData"],
)
def test_a_sentence_opening_on_a_word_written_after_a_blank_is_not_ruled_out(text: str) -> None:
    """(Seen failing with the helper reduced to the whole text's gate alone, as it stood before the
    gate read openings: each of these was ruled out.)"""
    assert _said(text)
    assert not _no_sentence_opens(text, text.casefold(), _NOT_PUT_SAID)


@pytest.mark.parametrize("text", ["Using a business process. Closing it", "Lists open issues", ""])
def test_a_text_no_sentence_of_which_passes_is_ruled_out(text: str) -> None:
    assert not _said(text)
    assert _no_sentence_opens(text, text.casefold(), _NOT_PUT_SAID)
