"""A word typed twice in a row: "the the", "said said".

A doubled word is the commonest slip an edit leaves behind and the eye skips over it. Only
two identical words separated by nothing but spaces count; a comma ("very, very") or any
other punctuation between them means the repeat is deliberate. Words that English repeats
on purpose are left alone: "had had", "that that", "what it is is", "gave her her",
reduplications such as "bye bye" and "very very" in quoted speech (the list is in
``newslint/data/doubled_word_allowed.txt``), numbers ("20 20"), two capitalised words
(names such as "Bora Bora" or the band The The), and a word that ends one line of a list
and starts the next.

## Wrong

```text
The minister said the the report would be published in the spring.
```

```text
A spokeswoman said said the company had no plans to close the plant.
```

## Right

```text
By the time the inquiry reported, the family had had to sell the house.
```

```text
She said that that decision was taken before she joined the board.
```

```text
Voters were asked to name the capital:
- Madrid
Madrid came out top with 40%.
```

## Fix safety

Safe: the fix deletes the repeat and the space before it, or, where the repeat starts a
link or other markup, the first word and the space after it. An edit that would cut into
markup either way is not made. Inside quoted speech there is no fix.
"""

from __future__ import annotations

import re

from newslint.model import Edit, safe_fix
from newslint.rule import Rule, hookimpl
from newslint.text.lexicon import load_set
from newslint.text.words import TOKEN_END, TOKEN_START, WORD_RE, Tokens

_LIST_MARKER_RE = re.compile(r"[ \t]*(?:[-*•+]|\d+[.)])\s")
# A line shorter than this reads as a list entry or a caption, not wrapped prose.
_SHORT_LINE = 40


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end == -1 else end)


def _is_list_break(text: str, first, second) -> bool:
    """Whether a line break between the two words reads as a list, not wrapped prose."""
    a_start, a_end = _line_bounds(text, first.start)
    b_start, b_end = _line_bounds(text, second.start)
    for start, end in ((a_start, a_end), (b_start, b_end)):
        line = text[start:end]
        if _LIST_MARKER_RE.match(line) or len(line.strip()) < _SHORT_LINE:
            return True
    return False


def _skip(first, second) -> bool:
    word = first.lower
    if word in load_set("doubled_word_allowed.txt"):
        return True
    if any(ch.isdigit() for ch in word) or "." in word or "\ufffc" in word:
        return True  # numbers ("20 20"), initialisms, inline code placeholders
    if len(word) == 1 and not (first.text == second.text == "a"):
        return True  # letters: "Grade A A-levels", stammered "I I"
    if first.text[:1].isupper() and second.text[:1].isupper():
        return True  # names: "Bora Bora", "Duran Duran", the band The The
    return False


# A token followed, after white space only, by the same token in any case. The second is
# in a look-ahead so that "the the the" yields both pairs. The first token is read in a
# look-ahead and then consumed by back-reference, which makes it atomic: no look-ahead
# here scans past the token it starts at, so text without white space ("a/a/a/...", where
# every "a" starts a token) costs one pass, not a scan of the rest of the run per token.
_DOUBLED_RE = re.compile(
    rf"{TOKEN_START}(?=({WORD_RE.pattern}))\1(?=(\s+)\1{TOKEN_END})", re.IGNORECASE)


def _fix(first, second):
    """Delete the second word and the space before it; where that would cut into markup (the
    second word opens a link: "by the <a>the council</a>"), delete the first word and the
    space after it instead, when both are written alike."""
    alternative = None
    if first.text == second.text:
        alternative = safe_fix(Edit(first.start, second.start, ""), description="Delete the first one")
    return safe_fix(Edit(first.end, second.end, ""), description="Delete the repeat", alternative=alternative)


def check(document, options):
    text = document.text
    tokens = Tokens(text)
    for match in _DOUBLED_RE.finditer(text):
        first = tokens.at(*match.span(1))
        second_start = match.end(2)
        second = tokens.at(second_start, second_start + len(first.text))
        if first.lower != second.lower:
            continue
        gap = match.group(2)
        if "\n" in gap and ("\n\n" in gap or _is_list_break(text, first, second)):
            continue
        if _skip(first, second):
            continue
        yield RULE.finding(
            first.start,
            second.end,
            f"'{first.text}' is doubled; delete one",
            suggestions=(first.text,),
            fix=_fix(first, second),
            data={"word": first.lower},
        )


RULE = Rule(id="doubled-word", category="grammar", severity="warning", check=check, doc=__doc__)


@hookimpl
def newslint_rules():
    return [RULE]
