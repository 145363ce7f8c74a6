"""A paragraph that also stands, word for word, in another story of the same run.

A paragraph pasted into the wrong story, or a story filed twice under two names, is
invisible when each file is read alone. This rule sees every story checked in one run
(a folder, a commit's files, a CMS batch) and reports each long paragraph that appears in
more than one of them, after normalising case, spacing and quote style, naming the other
file and line. Short paragraphs and boilerplate lines are left alone; a newsroom whose
stories share a standard background paragraph can raise ``min_words`` or turn the rule off
for those folders.

## Wrong

```text first.txt
The city council approved a £40m plan on Tuesday to rebuild the old market hall as a library, a theatre and a covered square.
```

```text second.txt
A fire broke out in a warehouse near the docks early on Sunday, the fire service said.

The city council approved a £40m plan on Tuesday to rebuild the old market hall as a library, a theatre and a covered square.
```

## Right

```text first.txt
The city council approved a £40m plan on Tuesday to rebuild the old market hall as a library, a theatre and a covered square.
```

```text second.txt
The council's plan for the old market hall, approved on Tuesday, includes a library, a theatre and a covered square.
```
"""

from __future__ import annotations

from newslint.rule import Rule, hookimpl
from newslint.rules.duplicate_paragraph import paragraph_tokens


def check(document, options):
    return ()  # it needs every story of the run: see newslint_check_documents below


RULE = Rule(id="duplicate-across-stories", category="duplication", severity="warning",
            check=check, doc=__doc__, options={"min_words": 15}, enabled_by_default=False)


def _runs(matches):
    """Group (index, other document, other index) into runs that advance together in both
    stories, so a story filed twice is one finding, not one per paragraph."""
    runs: list[list[tuple[int, object, int]]] = []
    for match in matches:
        last = runs[-1][-1] if runs else None
        if last and last[1] is match[1] and match[0] > last[0] and match[2] > last[2]:
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


def _lines(document, first: int, last: int) -> str:
    a, b = document.block_lines(first)[0], document.block_lines(last)[1]
    return f"line {a}" if a == b else f"lines {a}-{b}"


@hookimpl
def newslint_check_documents(documents, config):
    min_words = int(config.rule_options(RULE).get("min_words", 15))
    places: dict[tuple[str, ...], list[tuple[object, int]]] = {}
    for document in documents:
        for index, tokens in enumerate(paragraph_tokens(document)):
            if len(tokens) >= min_words:
                found = places.setdefault(tokens, [])
                if not found or found[-1][0] is not document:
                    found.append((document, index))
    matches: dict[int, list[tuple[int, object, int]]] = {}
    for found in places.values():
        for document, index in found:
            other = next(((d, i) for d, i in found if d is not document), None)
            if other is not None:
                matches.setdefault(id(document), []).append((index, *other))
    for document in documents:
        for run in _runs(sorted(matches.get(id(document), ()), key=lambda m: m[0])):
            first, last = run[0], run[-1]
            other = first[1]
            here = document.blocks[first[0]].start, document.blocks[last[0]].end
            what = "This paragraph" if len(run) == 1 else f"These {len(run)} paragraphs"
            verb = "appears" if len(run) == 1 else "appear"
            yield document, RULE.finding(
                *here,
                f"{what} also {verb} in {other.path} ({_lines(other, first[2], last[2])}); "
                "pasted into the wrong story, or the story filed twice?",
                data={"also_in": other.path, "related_lines": []})


@hookimpl
def newslint_rules():
    return [RULE]
