"""British and American spellings mixed in one story (colour/color, centre/center,
travelled/traveled, defence/defense): one story-level finding on the first minority
spelling, naming every other one.

Capitalised words mid-sentence are names and keep their own spelling (World Trade Center,
Pearl Harbor, the Australian Labor Party). -ise/-ize verbs are an axis of their own, since
Oxford spelling writes "organize" beside "colour". Words right in both varieties (program
for software, licence and license) are not listed in ``british_american.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from newslint.rules.inconsistent_naming.story import Story
from newslint.rules.inconsistent_naming.voting import Report
from newslint.rules.inconsistent_naming.words import strip_possessive
from newslint.text.varieties import (
    AMERICAN,
    BRITISH,
    mixes,
    spelling_table,
    written_runs,
)
from newslint.text.words import trie_alternation

if TYPE_CHECKING:
    from newslint.document import Document

_AXES = {
    "main": "British and American spellings are mixed",
    "ize": "-ise and -ize spellings are mixed",
}


class Spelling(NamedTuple):
    """A listed word as written, and its spelling in the other variety."""

    start: int
    end: int
    word: str
    other: str


def _spelling_listed(token: str) -> bool:
    """A token holding a word of the spelling table (alone, in a compound or possessive)."""
    table = spelling_table()
    return (
        token in table
        or ("-" in token and any(p in table for p in token.split("-")))
        or (token.endswith(("'s", "’s")) and token[:-2] in table)
    )


@lru_cache(maxsize=64)  # bounded: one regex per distinct set of listed words
def _spelling_regex(words: frozenset[str] | None = None) -> re.Pattern[str]:
    """The listed words (or ``words`` of them), alone, as a part of a hyphenated compound or
    before a possessive, as one regex: a trie of alternatives, so that a pass over a story
    tries a few branches at each word start rather than every listed word."""
    listed: Iterable[str] = spelling_table() if words is None else words
    return re.compile(
        "(?<![\\w\ufffc])(?<![\\w\ufffc][’'.])"
        + trie_alternation(listed)
        + "(?![\\w\ufffc])(?![.][\\w\ufffc])"
    )


def spelling_mix_findings(document: Document, story: Story, prefer: str | None) -> Iterator[Report]:
    """One finding per axis whose listed words the story writes in both varieties."""
    # A listed word the regex below finds is a run of word characters in the story, so
    # it is one of ``written``; and the check ends unless two of those are of one axis and
    # different varieties (asked again below of the words as the tokens hold them).
    written = written_runs(document.text)
    if written is not None and not mixes(written):
        return
    table = spelling_table()
    # Every word holding a listed word as a whole, a part of a compound or with a possessive.
    listed = set()
    for match in _spelling_regex(written).finditer(document.text):
        found = story.token_containing(match.start())
        if found is not None and _spelling_listed(found.text):
            listed.add(found.text)
    if not listed:
        return
    if not mixes(strip_possessive(part) for token in listed for part in token.split("-")):
        return  # every listed word of an axis is of one variety: nothing is mixed
    seen: dict[str, dict[str, list[Spelling]]] = {}  # axis -> variety -> its spellings
    for offset, _, raw in story.occurrences(listed):
        if story.out_of_play(offset):
            continue  # a quotation may keep its speaker's spelling; furniture is not prose
        parts = raw.split("-") if "-" in raw else (raw,)
        for part in parts:
            start, word = offset, strip_possessive(part)
            offset += len(part) + 1
            entry = table.get(word)
            # Only lower-case words: a capitalised one may be a name, which keeps its own
            # spelling (World Trade Center, Stuart Gray).
            if entry is None:
                continue
            axis, variety, other = entry
            seen.setdefault(axis, {}).setdefault(variety, []).append(
                Spelling(start, start + len(word), word, other)
            )
    for axis, varieties in seen.items():
        if len(varieties) < 2:
            continue
        british, american = varieties[BRITISH], varieties[AMERICAN]
        if len(british) != len(american):
            major, minor = (
                (british, american) if len(british) > len(american) else (american, british)
            )
        elif prefer in (BRITISH, AMERICAN):
            major, minor = (british, american) if prefer == BRITISH else (american, british)
        else:
            continue  # one each way and no house preference: no evidence which is the slip
        major_name = BRITISH if major is british else AMERICAN
        first = minor[0]
        where = ", ".join(f"'{s.word}' (line {document.line_of(s.start)})" for s in minor)
        usual = ", ".join(dict.fromkeys(s.word for s in major))
        message = (
            f"{_AXES.get(axis, 'Spellings are mixed')}: {where}, but the story's "
            f"{major_name} spelling elsewhere ({usual}; first on line "
            f"{document.line_of(major[0].start)}); keep to one"
        )
        yield Report(
            first.start,
            first.end,
            message,
            first.other,
            {
                "kind": "spelling",
                "axis": axis,
                "majority": major_name,
                "minority": [[s.start, s.end] for s in minor],
            },
        )
