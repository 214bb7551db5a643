"""Text that markup hides from the person reading the rendered view, whatever the markup language.

hidden.py reads HTML and Markdown comments, and the comments of a few template languages that
speak to the model. The class is wider: every comment syntax (block comments of C, Go templates,
Razor, ERB, PowerShell, Haskell, Pascal; line comments of shell, TOML and YAML, SQL, INI, groff,
Mermaid, Pug, Haml), elements a browser does not render (a closed `<dialog>`, `<template>`,
`<noframes>`, `<noembed>`, SVG `<metadata>`), an element with the `hidden` attribute, and any style
that makes text invisible (`display:none`, `visibility:hidden`, `opacity:0`, `color:transparent`,
`font-size:0`, a position or indent thousands of pixels off screen).

A comment counts when it speaks to the model (its body addresses it, or opens with a label for it):
code samples in descriptions are full of comments for their readers. Text hidden by an element or
a style counts when it is words (four or more, no markup inside): a page's own hidden text is
markup (a menu, a template's nodes), a sentence hidden in a tool's text is for the model alone.
Each syntax is looked for only where the text holds its opening (a substring search), and each
scan is linear (str.find between an opening and its closing; one regex pass for line comments).
"""

from __future__ import annotations

import re

from driftwatch.detect.caseless import Caseless

BLOCK_COMMENTS = (
    ("{#", "#}"),
    ("{{!--", "--}}"),
    ("{{!", "}}"),
    ("<%--", "--%>"),
    ("<%#", "%>"),
    ("<noscript>", "</noscript>"),
    ("{{/*", "*/}}"),
    ("{{- /*", "*/ -}}"),
    ("@*", "*@"),
    ("/*", "*/"),
    ("<#", "#>"),
    ("{-", "-}"),
    ("(*", "*)"),
)
"""Comments of Jinja and Twig, Handlebars (both forms), JSP, ERB, `<noscript>` (shown only where
scripts are off), Go templates (both trims), Razor, C and CSS, PowerShell, Haskell, Pascal and OCaml:
a rendered view drops each, the model reads it."""

_LINE_COMMENT = re.compile(
    r"(?:[#;](?<![^ \t\n][#;])|(?://|--|%%|-#)(?<![^ \t\n]..)-?|\.\\\"(?<![^ \t\n]...))"
    r"[ \t]*+([^\n:：]{0,40}[:：][^\n]{3,300})"
)
"""A line comment (shell, TOML, YAML and Python `#`; C and Pug `//` and `//-`; SQL and Lua `--`; INI
`;`; Mermaid `%%`; groff `.\\"`; Haml `-#`) whose body opens with a label (`agent:`): a comment of a
code sample speaks to its reader without one. The leader opens the pattern and the blank or line
start before it is asked after it, so that the search skips in C to the next leader's character."""
_LEADERS = tuple(f"{blank}{leader}" for leader in ("#", "//", "--", ";", "%%", '.\\"') for blank in " \n\t")
"""What every line comment `_LINE_COMMENT` reads opens with, after the blank or line break before
it (`-#` and `//-` hold one); a text that starts with its comment is asked apart."""

_LEADER = re.compile(r'[ \t\n](?:[#;]|//|--|%%|\.\\")')
"""Any of `_LEADERS`, in one regex pass."""

_OPENING_LEADERS = ("#", "//", "--", ";", "%%", '.\\"', "-#")


def may_comment(text: str) -> bool:
    """Whether `text` can hold a labelled line comment: a colon, and a leader before the last colon
    (substring searches: a label's colon follows its leader, so `issue #12` after every colon is none)."""
    last = text.rfind(":") if text.isascii() else max(text.rfind(":"), text.rfind("："))
    if last < 0:
        return False
    return text.startswith(_OPENING_LEADERS) or _LEADER.search(text, 0, last) is not None


def line_comments(text: str) -> list[str]:
    """The labelled bodies of line comments in `text` (only text `may_comment` can hold one)."""
    if not may_comment(text):
        return []
    return [match.group(1) for match in _LINE_COMMENT.finditer(text)]


_UNRENDERED = ("dialog", "template", "noframes", "noembed", "metadata")
"""Elements a browser does not render: a `<dialog>` without `open`, a `<template>`'s content, the
fallbacks of frames and embeds, SVG metadata."""
_OPENING_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]{0,20})(\s[^<>]{0,400})?>")
_HIDING_STYLE = Caseless(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|opacity\s*:\s*0*\.?0+\b(?!\.)"
    r"|color\s*:\s*(?:transparent|rgba\([^)]*,\s*0\s*\))|font-size\s*:\s*0(?![.\d])"
    r"|(?:left|top|right|text-indent|margin-left)\s*:\s*-\d{4,}|clip(?:-path)?\s*:"
    r"|(?:width|height)\s*:\s*0(?:px)?\s*;[^\"']*overflow\s*:\s*hidden",
)
"""Styles that make an element's text invisible: not displayed, hidden, fully transparent, no size,
thousands of pixels off screen, clipped away."""
_HIDDEN_ATTRIBUTE = Caseless(r"(?:^|\s)hidden(?:\s|=|$)")
_HIDDEN_WORDS = 4
_WORDS = re.compile(r"[^\W\d_]+")
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def hidden_elements(text: str) -> list[str]:
    """The text of every element `text` does not render: an element of `_UNRENDERED` (a `<dialog>`
    not `open`), or one whose attributes hide it (`hidden`, a `_HIDING_STYLE`), when that text is
    words and holds no markup of its own."""
    if "<" not in text or ">" not in text:
        return []
    bodies: list[str] = []
    read = 0
    for tag in _OPENING_TAG.finditer(text):
        name, attributes = tag.group(1).lower(), tag.group(2) or ""
        hides = (name in _UNRENDERED and not (name == "dialog" and "open" in attributes.lower())) or (
            attributes and (_HIDDEN_ATTRIBUTE.search(attributes) or _HIDING_STYLE.search(attributes))
        )
        if not hides:
            continue
        if (read := read + 1) > 4 * _BODIES:
            break
        end = text.find(f"</{tag.group(1)}", tag.end(), tag.end() + _BODY_LIMIT)
        body = text[tag.end() : end if end >= 0 else tag.end() + _BODY_LIMIT]
        if "<" not in body and _worded(body):
            bodies.append(body)
            if len(bodies) >= _BODIES:
                break
    return bodies


_BODY_LIMIT = 2000
"""Characters after a hiding tag searched for its end and read: each tag costs a bounded scan."""
_BODIES = 8
"""Hidden bodies read per text at most (the first is the evidence)."""


def _worded(body: str) -> bool:
    """Four words or more (or eight characters of a script written without spaces)."""
    return len(_WORDS.findall(body)) >= _HIDDEN_WORDS or len(_UNSPACED.findall(body)) >= 2 * _HIDDEN_WORDS
