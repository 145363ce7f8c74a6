"""A suppression comment names a rule or category newslint does not know, or is misspelt.

``<!-- newslint-disable RULE -->`` silences findings only when RULE is a real rule id,
category or plugin name (``newslint rules`` lists them). A typo such as ``debirs``, or a
directive such as ``newslint-disabel``, silences nothing, so the findings the desk meant to
accept come back with no hint why. This rule reports the comment at the unknown name, with
the closest known names as suggestions. The known ids in the same comment still work. The
check runs where suppressions are applied (Markdown and HTML comments), so it reports even
inside a disabled range, and a suppression comment cannot silence it. Its category is
``style``: the fault is in the house markup of the story, not in its copy.

## Wrong

```markdown
<!-- newslint-disable [[debirs]] -->
The council approved the budget on Tuesday.
```

```html
<p>The council approved the budget on Tuesday.</p>
<!-- [[newslint-disabel]] debris -->
<div>Share on Facebook</div>
```

## Right

```markdown
<!-- newslint-disable debris -- the sponsor line stays -->
The council approved the budget on Tuesday.
<!-- newslint-enable -->
```

```html
<!-- newslint-disable-next-line whitespace -->
<p>The council approved the budget on Tuesday.</p>
```
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newslint.rule import Rule, hookimpl

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newslint.document import Document
    from newslint.model import Finding


def check(document: Document, options: object) -> Iterable[Finding]:
    # The findings come from newslint.suppression, which knows every registered rule id
    # (a rule's check sees only its document); see Linter.check_documents.
    return ()


RULE = Rule(
    id="invalid-suppression", category="style", severity="warning", check=check, doc=__doc__
)


@hookimpl
def newslint_rules() -> list[Rule]:
    return [RULE]
