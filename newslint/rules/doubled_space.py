"""Two or more spaces between words inside a sentence.

A doubled space usually marks a deleted word or a clumsy edit ("the  council"), and it
shows in narrow columns and on phones. Two spaces after a full stop are a typing habit,
not an error, and are left alone; so is indentation at the start of a line.

## Wrong

```text
The council  approved the budget on Tuesday.
```

## Right

```text
The council approved the budget on Tuesday.  Members voted nine to two.
```
"""

from __future__ import annotations

import re

from newslint.model import Edit
from newslint.rule import Rule, hookimpl

_RUN_RE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


def check(document, options):
    text = document.text
    for block in document.blocks:
        for match in _RUN_RE.finditer(text, block.start, block.end):
            before = text[match.start() - 1]
            if before in ".!?:;…" or (before in "\"”’)" and text[match.start() - 2] in ".!?"):
                continue
            # Spaces that only meet in the prose (around a removed comment or tag) are
            # not a doubled space in the file.
            to_source = document.source_map.to_source
            if "<" in document.source[to_source(match.start()):to_source(match.end(), end=True)]:
                continue
            yield RULE.finding(match.start(), match.end(), "Doubled space between words",
                               fix=(Edit(match.start(), match.end(), " "),))


RULE = Rule(id="doubled-space", category="whitespace", severity="info", check=check, doc=__doc__)


@hookimpl
def newslint_rules():
    return [RULE]
