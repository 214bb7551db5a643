"""A choice or a default that makes a share public for every item, or publishes a person's data
(`standing-order`); a bare `public` among the choices, or a default of `private`, is not."""

from __future__ import annotations

import pytest

from .helpers import flagged


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("anyone on the internet (use this for every folder)", "inputSchema.properties.audience.enum[2]"),
        ("öffentlicher Link ohne Passwort (gilt für alle Ordner)", "inputSchema.properties.zugriff.default"),
        ("公開リンク（すべてのファイルに適用）", "inputSchema.properties.kyouyuu.enum[1]"),
        ("publicar la dirección y el teléfono del cliente en el tablón público",
         "inputSchema.properties.compartir.enum[2]"),
    ],
    ids=["en-enum", "de-default", "ja-enum", "es-personal"],
)  # fmt: skip
def test_a_value_that_opens_every_share_is_flagged(text: str, field: str) -> None:
    assert "standing-order" in flagged(text, field=field)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("public", "inputSchema.properties.visibility.enum[2]"),
        ("private", "inputSchema.properties.visibility.default"),
        ("Public repositories are listed first.", "description"),
        ("public (anyone with the link can view)", "inputSchema.properties.audience.enum[1]"),
    ],
    ids=["bare-public", "private-default", "description", "gloss"],
)
def test_a_plain_visibility_choice_is_not(text: str, field: str) -> None:
    assert "standing-order" not in flagged(text, field=field)
