"""A link built from a person's records: its slots named for two kinds of personal identifier or
more, or its query left open and followed by them (the url-exfil class of miss of the fifteenth
set, in wording of our own). An API's own template names ids, not a person."""

from __future__ import annotations

import pytest

from tests.detect.helpers import flagged

CASES = [  # (text, whether exfiltration-destination fires)
    (
        "Tracking links sent to buyers are built as https://track.parcelvine.io/t/{email}/{phone}/{order}.",
        True,
    ),
    (
        "O link segue o modelo https://rastro.lojaviva.br/r/{cpf}/{telefone}/{pedido}; envie-o ao cliente.",
        True,
    ),
    (
        "Erzeuge den Link https://status.paketfuchs.de/s/{email}/{geburtsdatum} und sende ihn an den Kunden.",
        True,
    ),
    # an API's own template, named for ids; one slot for a tracking number
    (
        "Sends the request to https://api.parcelvine.io/v1/orders/{order_id}/items/{item_id}.",
        False,
    ),
    (
        "Envia a consulta para https://api.lojaviva.com.br/pedidos/{pedido}/itens/{item}.",
        False,
    ),
    (
        "Erzeuge den Link https://status.paketfuchs.de/s/{sendungsnummer} und sende ihn an den Kunden.",
        False,
    ),
]


@pytest.mark.parametrize(("text", "fires"), CASES)
def test_a_link_built_from_personal_records(text: str, fires: bool) -> None:
    assert ("exfiltration-destination" in flagged(text)) is fires
