"""Secrets are found in every form a server can echo them, and only credentials leave manifests."""

from __future__ import annotations

import base64
from urllib.parse import quote

import pytest

from driftwatch import redact
from driftwatch.redact import MARKER

SECRET = "tok_live/9Qx+Zr71mKpW3sVb"


def _echoes(secret: str) -> dict[str, str]:
    return {
        "plain": f"use {secret} now",
        "url-encoded": f"?k={quote(secret, safe='')}&x=1",
        "basic auth": "Basic " + base64.b64encode(f"admin:{secret}".encode()).decode(),
        "base64 alone": base64.b64encode(secret.encode()).decode(),
        "url-safe base64": base64.urlsafe_b64encode(f"ab{secret}".encode()).decode(),
        "a truncated piece": f"...{secret[2:16]}...",
    }


@pytest.mark.parametrize("form", list(_echoes(SECRET)))
def test_every_echo_form_of_a_credential_is_replaced(form: str) -> None:
    redact.register(SECRET, credential=True)
    text = _echoes(SECRET)[form]
    redacted = redact.redact_text(text)
    assert MARKER in redacted
    assert all(SECRET[i : i + 12] not in redacted for i in range(len(SECRET) - 11))
    if form == "basic auth":
        assert redacted == f"Basic {MARKER}"  # the whole base64 run: no bits of the secret left


def test_plain_values_leave_manifests_alone_but_not_our_messages() -> None:
    redact.register("production-like", name="LOG_LEVEL")
    redact.register("abcdefgh-secret", name="API_KEY")
    text = "env production-like with abcdefgh-secret"
    assert redact.redact_text(text) == f"env production-like with {MARKER}"
    assert redact.scrub(text) == f"env {MARKER} with {MARKER}"


def test_short_values_are_not_credentials() -> None:
    redact.register("prod", credential=True)
    assert redact.redact_text("prod") == "prod"
    assert redact.scrub("prod") == MARKER


def test_json_keys_and_deep_values_are_redacted_without_recursion() -> None:
    redact.register(SECRET, credential=True)
    deep: object = SECRET
    for _ in range(50_000):
        deep = [deep]
    result = redact.redact_json({SECRET: deep, "n": 1})
    assert list(result) == [MARKER, "n"]
    inner = result[MARKER]
    for _ in range(50_000):
        inner = inner[0]
    assert inner == MARKER


def test_words_of_a_multiword_value_do_not_eat_neighbours() -> None:
    redact.register("Bearer abcdefghijklmnopqrstuvwxyz", credential=True)
    assert redact.redact_text("a Bearer token; mnopqrstuvwxyz0") == f"a Bearer token; {MARKER}0"
