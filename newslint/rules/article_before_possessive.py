""" "The" before the possessive of a place that takes no article: "the Germany's exporters".

Countries and cities such as Germany, Afghanistan or Paris never take "the", and their
possessive does not either: "Germany's exporters", "Afghanistan's conflict". The slip
usually comes from rewriting "the conflict in Afghanistan" or "the German exporters" and
keeping the article. Names that do take "the" are not flagged: "the Netherlands'", "the
Philippines'", "the Gambia's", "the United States'", "the UK's", "the EU's", "the
Kremlin's", "the Taliban's". Nor is a longer name that merely starts with a place, because
there the possessive belongs to the whole name: "the Paris Agreement's", "the Berlin
Wall's", "the New York Times'"; nor a title that opens with a place's possessive ("the
Britain's Got Talent final", listed in ``newslint/data/possessive_titles.txt``). The places
are listed in ``newslint/data/places_without_article.txt``; names that also belong to a
river, a race or a person ("the Jordan's waters", "the Derby's favourite") are left out.

## Wrong

```text
Officials said [[the Germany's]] exporters had suffered most from the new tariffs.
```

```text
The talks will focus on [[the Afghanistan’s]] future after foreign troops leave.
```

## Right

```text
Germany's exporters have suffered most from the new tariffs, the report said.
```

```text
Analysts said the Netherlands' budget, the Philippines' election and the Kremlin's
response would dominate the week, along with the Paris Agreement's targets.
```

## Fix safety

Unsafe: the fix deletes "the", which is right for the place but wrong where the word is
part of a name the list does not know ("the Georgia's" of a ship); it is applied only
with ``--unsafe-fixes``.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from newslint.model import Edit, unsafe_fix
from newslint.rule import Rule, hookimpl
from newslint.text.lexicon import load_lines
from newslint.text.words import Tokens, normalise_quotes, spaced, token_pattern

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.document import Document, Word
    from newslint.model import Finding

_APOSTROPHES = "'’"
_APOSTROPHE_CHARS = tuple(_APOSTROPHES)


@cache
def _places() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Place names by their first word, longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in load_lines("places_without_article.txt"):
        parts = tuple(name.split())
        by_first.setdefault(parts[0], []).append(parts)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}


def _apostrophe_at(text: str, at: int) -> bool:
    # Not ``text[at:at + 1] in _APOSTROPHES``: at the end of the text that slice is "", which
    # is "in" every string (the IndexError of "the Germany's" at the end of a story).
    return text.startswith(_APOSTROPHE_CHARS, at)


def _possessed(text: str, word: Word) -> str | None:
    """The name a possessive word stands for ("Germany's" -> "Germany"), or None."""
    token = word.text
    if len(token) > 2 and token[-1] in "sS" and token[-2] in _APOSTROPHES:
        return token[:-2]
    if (
        token.endswith("s")
        and _apostrophe_at(text, word.end)
        and (text[word.end + 1 : word.end + 2].isspace() or word.end + 1 == len(text))
    ):
        return token  # "Wales' captain"
    return None


@cache
def _titles() -> tuple[str, ...]:
    return load_lines("possessive_titles.txt")


def _starts_title(text: str, start: int, end: int) -> bool:
    """Whether the possessive opens a title: "the Britain's Got Talent final"."""
    ahead = normalise_quotes(text[start : end + 60])
    return any(
        ahead.startswith(title) and not ahead[len(title) : len(title) + 1].isalnum()
        for title in _titles()
    )


# "the" then spaces and a capital: every listed place starts with one (A-Z), so other
# "the"s are passed over by the regex engine, not in Python.
_THE_RE = token_pattern(["the"], ignorecase=True, then=r"(?=[ \t\u00a0]+(?-i:[A-Z]))")


def check(document: Document, options: object) -> Iterator[Finding]:
    text = document.text
    tokens = Tokens(text)
    places = _places()
    for match in _THE_RE.finditer(text):
        the = tokens.at(*match.span())
        following = tokens.after(the.end, 1)
        if not following:
            continue
        first = following[0]
        if not spaced(text, the, first):
            continue
        key = first.text
        owner = _possessed(text, first)
        candidates = places.get(owner if owner is not None else key, ())
        if not candidates and owner is None:
            continue
        longest = max(len(parts) for parts in candidates) if candidates else 1
        ahead = [first, *tokens.after(first.end, longest - 1)]
        for parts in candidates:
            span = ahead[: len(parts)]
            if len(span) < len(parts):
                continue
            last = span[-1]
            if _possessed(text, last) != parts[-1]:
                continue
            if [w.text for w in span[:-1]] != list(parts[:-1]):
                continue
            if not all(spaced(text, a, b) for a, b in pairwise(span)):
                continue
            if _starts_title(text, first.start, last.end):
                break
            name = " ".join(parts)
            phrase = text[first.start : last.end]
            if _apostrophe_at(text, last.end):
                phrase += text[last.end]
            yield RULE.finding(
                the.start,
                first.start + len(phrase),
                f"{name} takes no article: write '{phrase}', not '{the.text} {phrase}'",
                suggestions=(phrase,),
                fix=unsafe_fix(
                    Edit(the.start, first.start, ""), description=f"Delete '{the.text}'"
                ),
                data={"place": name},
            )
            break


RULE = Rule(
    id="article-before-possessive", category="grammar", severity="warning", check=check, doc=__doc__
)


@hookimpl
def newslint_rules() -> list[Rule]:
    return [RULE]
