"""Spaces or tabs at the end of a line.

Invisible in the editor, but they survive into feeds and CMS fields, break diffs and
signal a careless paste. In Markdown, trailing spaces are markup (a hard line break) and
are not prose, so this rule sees them only in plain text and HTML text.

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

from typing import TYPE_CHECKING

from newslint.model import Edit, safe_fix
from newslint.rule import Rule, hookimpl

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.document import Document
    from newslint.model import Finding


def check(document: Document, options: object) -> Iterator[Finding]:
    for block in document.blocks:
        for start, line in block.lines():
            stripped = len(line.rstrip(" \t\u00a0"))
            if stripped < len(line) and line.strip():
                begin, end = start + stripped, start + len(line)
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
