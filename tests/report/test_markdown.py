"""Markdown keeps server text inert: parsed by a CommonMark parser, it forms no HTML, link or break-out."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from driftwatch.report import render_report
from driftwatch.report.markdown import code, diff_markdown, fenced, prose
from tests.report import hostile

PARSER = MarkdownIt("commonmark").enable("table")


@pytest.fixture(scope="module")
def report() -> str:
    return render_report(
        hostile.histories(), since=hostile.SINCE, generated_at=hostile.GENERATED_AT, fmt="markdown"
    )


def test_rendered_markdown_has_no_html_or_links_from_the_data(report: str) -> None:
    html = PARSER.render(report)
    assert "<script" not in html and "<img" not in html
    assert "<a " not in html  # `[click here](https://evil.example/steal)` stays text
    assert "<!channel>" not in html
    assert "&lt;!channel&gt;" in html
    assert "[click here](https://evil.example/steal)" in html
    assert "npm:@evil/pkg&lt;script&gt;" in html  # the package a launch ran, inert
    assert "silenced by Ana&lt;script&gt;" in html  # the silence that held the open event, inert
    assert hostile.smuggled(report) == []


def test_values_stay_inside_their_fenced_blocks(report: str) -> None:
    """The added schema holds ```` and ``` runs; its block must still end where the report ends it."""
    fences = [t for t in PARSER.parse(report) if t.type == "fence"]
    sidenote = [t for t in fences if '"description": "````\\n</pre><script>' in t.content]
    assert len(sidenote) == 2  # the added parameter, and the removed prompt
    for token in sidenote:
        assert token.info == "diff"
        assert token.content.rstrip("\n").splitlines()[-1].lstrip("+- ") == "}"


def test_raw_fence_in_a_value_cannot_close_the_block() -> None:
    value = "text\n```\n# Heading that must stay code\n````\n<script>x</script>"
    block = fenced([f"+ {line}" for line in value.splitlines()], "diff")
    tokens = PARSER.parse(block)
    assert [t.type for t in tokens] == ["fence"]
    assert "# Heading that must stay code" in tokens[0].content


def test_code_spans_and_prose_are_literal() -> None:
    for text in ("a ` b `` c", "``", "<b>x</b> **y** [l](http://e) @here #1 | pipe", "x\U000e0041\x1b[2J"):
        rendered = PARSER.render(f"{code(text)} and {prose(text)}")
        assert "<b>" not in rendered and "<strong>" not in rendered and "<a " not in rendered
        assert hostile.smuggled(rendered) == []
    assert PARSER.render(code("a ` b")) == "<p><code>a ` b</code></p>\n"
    assert PARSER.render(prose("**y** [l](http://e)")) == "<p>**y** [l](http://e)</p>\n"


def test_table_cells_stay_in_their_column(report: str) -> None:
    """GFM splits cells on `|`, even inside code spans: a pipe in server text must not add a column."""
    tables = PARSER.render(report).split("<table>")[1:]
    assert len(tables) == 6
    for table in tables:
        head, body = table.split("</thead>")
        rows = body.split("</table>")[0].split("<tr>")[1:]
        assert rows and all(row.count("<td>") == head.count("<th>") for row in rows)


def test_diff_markdown() -> None:
    event = hostile.github().events[1]
    changes = event.changes
    text = diff_markdown("github", hostile.HASH_V2, hostile.HASH_V3, changes, event.findings)
    assert text.startswith(
        "## Drift of ` github `\n\n` sha256:222222222222 ` → ` sha256:333333333333 `\n\n"
        "**4 changes**: 1 critical, 1 high, 1 medium, 1 low; none breaking; rules fired: "
    )
    summary = text.split("### Changes")[0]
    assert "| ` tool ` | 1 | - | 1 | 1 |" in summary
    assert "**Findings on the new text:** 1" in summary and "hidden-instruction-tag" in summary
    assert "- **critical** changed ` description `: ` silent-change `" in text
    html = PARSER.render(text)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    # most severe first: the critical description change comes before the others
    assert html.index("critical") < html.index("medium") < html.index("low")
    assert "identical" in diff_markdown("github", hostile.HASH_V2, hostile.HASH_V2, [])
