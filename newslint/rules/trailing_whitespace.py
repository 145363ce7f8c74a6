"""Spaces or tabs at the end of a line.

Invisible in the editor, but they survive into feeds and CMS fields, break diffs and
signal a careless paste. In Markdown, trailing spaces are markup (a hard line break) and
are not prose, so this rule sees them only in plain text and HTML text. Only white space
the source line really ends with counts (in HTML, before closing tags or a `<br>` at the
line's end): the spaces before an image, a code span or a tag mid-line are not trailing.

## Wrong

```text
The mayor opened the new bridge on Saturday.[[   ]]
```

## Right

```text
The mayor opened the new bridge on Saturday.
```

## Fix safety

Safe: the fix deletes only the trailing spaces or tabs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newslint.lazy import lazy_compile
from newslint.model import Edit, safe_fix
from newslint.rule import Rule, hookimpl

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.document import Document
    from newslint.model import Finding

# What may stand between trailing white space and the end of its line in an HTML source:
# closing tags and line breaks, which end the text without adding any.
_HTML_LINE_END_RE = lazy_compile(r"(?:[ \t]|</[A-Za-z][\w:.-]*\s*>|<br\s*/?>)*", re.IGNORECASE)


def ends_source_line(document: Document, start: int, end: int) -> bool:
    """Whether the prose white space ``start:end`` is where its source line really ends:
    the source holds it as its own text, and after it comes the line's end (in HTML, closing
    tags or a ``<br>`` first). Prose that ends before an image, a code span or other inline
    content the parser leaves out is not the end of the source's line."""
    span = document.source_span(start, end)
    if span is None:
        return False
    source = document.source
    line_end = source.find("\n", span[1])
    rest = source[span[1] : len(source) if line_end == -1 else line_end]
    if document.format == "html":
        return _HTML_LINE_END_RE.fullmatch(rest) is not None
    return not rest


def check(document: Document, options: object) -> Iterator[Finding]:
    for block in document.blocks:
        for start, line in block.lines():
            stripped = len(line.rstrip(" \t\u00a0"))
            if stripped < len(line) and line.strip():
                begin, end = start + stripped, start + len(line)
                if not ends_source_line(document, begin, end):
                    continue
                yield RULE.finding(
                    begin,
                    end,
                    "Trailing whitespace at the end of the line",
                    fix=safe_fix(Edit(begin, end, ""), description="Delete it"),
                )


RULE = Rule(
    id="trailing-whitespace", category="whitespace", severity="info", check=check, doc=__doc__
)


@hookimpl
def newslint_rules() -> list[Rule]:
    return [RULE]
