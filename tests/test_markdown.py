"""Markdown: what is prose, and positions exact in the original file."""

from __future__ import annotations

from conftest import lint

from newslint.parsers.markdown import parse

STORY = """\
---
title: Share this post
tags: [council]
---
# Council backs *new* bridge

The council voted on **Tuesday** to build a [new bridge](https://example.com/share-this-post) across the river.

```
Share this post
Share this post
```

<!-- Advertisement -->

- Work starts in May.
- It should end in 2027.

> The bridge is long overdue, the mayor said.

| Year | Cost |
| --- | --- |
| 2026 | £4m |

Advertisement
"""


def test_front_matter_code_comments_and_link_targets_are_not_prose():
    doc = parse("s.md", STORY)
    assert "title:" not in doc.text and "example.com" not in doc.text
    assert doc.text.count("Share this post") == 0
    assert [b.kind for b in doc.blocks] == [
        "heading",
        "paragraph",
        "list_item",
        "list_item",
        "quote",
        "cell",
        "cell",
        "cell",
        "cell",
        "paragraph",
    ]
    assert doc.title.text == "Council backs new bridge"


def test_positions_are_exact_through_markup():
    doc = parse("s.md", STORY)
    source_lines = STORY.split("\n")
    for word in doc.words:
        if word.text == "\ufffc":
            continue
        line, column = doc.position(word.start)
        assert source_lines[line - 1][column - 1 : column - 1 + len(word.text)] == word.text, word


def test_only_the_prose_debris_is_reported():
    found = [f for f in lint(STORY, "s.md") if f.rule == "debris"]
    assert [(f.line, f.column) for f in found] == [(25, 1)]


def test_entities_and_escapes_keep_later_positions_exact():
    text = "Tom &amp; Jerry said \\*nothing\\* to the press.\n"
    doc = parse("s.md", text)
    press = next(w for w in doc.words if w.text == "press")
    assert doc.position(press.start) == (1, text.index("press") + 1)
    assert "Tom & Jerry" in doc.text


def test_inline_code_is_a_placeholder_not_a_gap():
    doc = parse("s.md", "Run the `update` command  now.\n")
    assert "update" not in doc.text
    assert doc.text.startswith("Run the \ufffc command")
