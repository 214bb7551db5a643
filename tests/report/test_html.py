"""The HTML report shows hostile server text as text: escaped, hidden characters made visible."""

from __future__ import annotations

import re

import pytest

from driftwatch.report import render_report
from tests.report import hostile


@pytest.fixture(scope="module")
def page() -> str:
    return render_report(
        hostile.histories(), since=hostile.SINCE, generated_at=hostile.GENERATED_AT, fmt="html"
    )


def test_no_markup_from_the_data_survives(page: str) -> None:
    lowered = page.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    assert "<!channel>" not in lowered
    assert "</pre><script" not in lowered
    assert "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;document.body.setAttribute(" in page
    assert "&lt;!channel&gt;" in page
    assert "npm:@evil/pkg&lt;script&gt;" in page  # the package a launch ran, inert
    assert "silenced by Ana&lt;script&gt;" in page  # the silence that held the open event, inert


def test_hidden_characters_are_shown_as_escapes(page: str) -> None:
    assert hostile.smuggled(page) == []
    assert "\\x1b[31mRED-ALERT\\x1b[0m" in page
    assert "\\U000e0041\\U000e0042" in page
    assert "\\u200b" in page


def test_the_page_is_self_contained_and_forbids_scripts(page: str) -> None:
    assert (
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">" in page
    )
    assert re.search(r"<(link|iframe|object|embed|base)\b", page) is None
    tags = re.findall(r"<[a-zA-Z][^>]*>", page)
    assert not [tag for tag in tags if re.search(r"\s(src|srcset|action|on\w+)=", tag)]
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(href.startswith(("#server-", "#event-")) for href in hrefs)


def test_summary_and_servers_are_readable(page: str) -> None:
    text = re.sub(r"<[^>]+>", " ", page)
    text = re.sub(r"\s+", " ", text)
    assert "2 servers" in text
    assert "2 open drift events 1 critical 1 medium" in text
    assert "2 approvals in the period" in text
    assert "1 server never approved" in text
    assert "1 server failing to scan" in text
    for expected in ("github", "search", hostile.APPROVER, hostile.CLOSER, hostile.TICKET, "ProtocolError"):
        assert expected in text
    assert "sha256:333333333333" in text  # short manifest hashes, not 64 hex digits


def test_changed_words_are_marked(page: str) -> None:
    assert '<tr class="op-plus"><td class="sign">+</td><td>Create an issue.<mark>\\u200b &lt;img' in page
    assert "list_repos<mark>\\U000e0041\\U000e0042</mark>" in page


def test_open_events_are_expanded_closed_ones_folded(page: str) -> None:
    details = re.findall(r"<details class=\"event sev-(\w+)\" id=\"event-\d+\"( open)?>", page)
    # open events first, most severe first (Needs attention), then the closed one in its server's section
    assert details == [("critical", " open"), ("medium", " open"), ("high", "")]


def test_an_empty_report_still_renders() -> None:
    page = render_report([], since=None, generated_at=hostile.GENERATED_AT, fmt="html")
    assert "No servers match." in page
    assert "all history to" in page
