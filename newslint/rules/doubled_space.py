"""Two or more spaces between words inside a sentence.

A doubled space usually marks a deleted word or a clumsy edit ("the  council"), and it
shows in narrow columns and on phones. Two spaces after a full stop are a typing habit,
not an error, and are left alone; so is indentation at the start of a line.

## Wrong

```text
The council[[  ]]approved the budget on Tuesday.
```

## Right

```text
The council approved the budget on Tuesday.  Members voted nine to two.
```

## Fix safety

Safe: the run of spaces (or ``&nbsp;``) becomes one space; nothing else changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newslint.lazy import lazy_compile
from newslint.model import Edit, safe_fix
from newslint.rule import Rule, hookimpl

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.document import Document
    from newslint.model import Finding


_RUN_RE = lazy_compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


def check(document: Document, options: object) -> Iterator[Finding]:
    text = document.text
    for block in document.blocks:
        for match in _RUN_RE.finditer(text, block.start, block.end):
            before = text[match.start() - 1]
            if before in ".!?:;…" or (before in '"”’)' and text[match.start() - 2] in ".!?"):
                continue
            # Spaces that only meet in the prose (around a tag, a comment or a Markdown
            # image left out of it) are not a doubled space in the file.
            if document.source_span(match.start(), match.end()) is None:
                continue
            yield RULE.finding(
                match.start(),
                match.end(),
                "Doubled space between words",
                fix=safe_fix(Edit(match.start(), match.end(), " "), description="Keep one space"),
            )


RULE = Rule(id="doubled-space", category="whitespace", severity="info", check=check, doc=__doc__)


@hookimpl
def newslint_rules() -> list[Rule]:
    return [RULE]
