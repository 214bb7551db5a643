"""The own-records reader (detect/withheld.py) asks `_BY_MODEL` only of text holding one of
`_BY_MODELS`: the substrings every match of `_BY_MODEL` holds. An alternative added to `_BY_MODEL`
without its substring would never be tried; this table names one phrase of each alternative, in
every language it lists, and each must both match and pass the gate."""

from __future__ import annotations

import pytest

from driftwatch.detect.gate import casefolded
from driftwatch.detect.withheld import _BY_MODEL, _BY_MODELS, _one_spaced

ACTOR_PHRASES = (
    # English
    "actor is the assistant", "actor = bot", "opened by this agent", "from the model",
    "the assistant has deleted", "this agent ran", "your own session", "you yourself have opened",
    "you ran", "the model's own", "this agent's own",
    # German
    "du selbst", "dich selbst", "die du gestern angelegt hast", "vom Assistenten", "durch den Agenten",
    "deine eigenen",
    # French
    "que l'assistant a ouvertes", "que vous avez créées", "par l'agent", "vos propres", "toi-même",
    # Spanish
    "por el asistente", "del agente", "que el agente", "que tú", "que borraste", "que abriste",
    "tus propios", "tú mismo",
    # Portuguese
    "pelo assistente", "do agente", "que o assistente", "que você", "suas próprias", "você mesmo",
    # Italian
    "dall'assistente", "dell’agente", "che l'agente", "che hai aperto", "che tu hai", "tu stesso",
    "le tue proprie", "i tuoi propri",
    # Russian
    "ассистентом", "агента", "тобой", "вами", "которые ты", "которое вы", "ты сам", "вы сами",
    "свои собственные",
    # Chinese, Japanese, Korean
    "助手执行的", "智能体创建的", "你自己", "你亲自删除的", "アシスタントが実行した", "エージェントが開いた",
    "あなたが作成した", "あなた自身", "自分で実行", "어시스턴트가 삭제한", "에이전트가 처리한",
    "당신이 삭제한 ", "내가 삭제한 ", "네가 처리한 ", "직접 처리한 ", "스스로",
)  # fmt: skip


@pytest.mark.parametrize("phrase", ACTOR_PHRASES)
def test_every_actor_phrase_passes_the_gate(phrase: str) -> None:
    text = _one_spaced(phrase)
    assert _BY_MODEL.search(text) is not None
    assert _BY_MODELS.any_in(casefolded(text))


@pytest.mark.parametrize("text", ["Purges a room on the homeserver.", "Sends an invoice to the customer."])
def test_text_naming_no_actor_is_not_read(text: str) -> None:
    assert _BY_MODEL.search(text) is None
    assert not _BY_MODELS.any_in(casefolded(text))
