"""Case, hyphen and space variants of one multiword name: "Foreign Ministry" and "foreign
ministry", "al-Shabab" and "al Shabab", "DataVault" and "Data Vault".

Candidates are runs of capitalised words (connectors such as "of" allowed inside) with a
capital the writer chose; every place the story writes words with the same key (folded,
hyphens and spaces dropped) is an occurrence, and the majority form wins. Not counted: a
name used as a title before a person's name ("Prime Minister Jane Doe"), a name inside a
longer name ("a House committee" beside "the House Committee on Energy and Commerce"), a
lower-case phrase of common words beside a product of that name ("trending topics") unless
it ends in an institution's noun (``institution_nouns.txt``), and capitals alone unless a
clear majority writes them and style guides do not leave them to the house (the
Government, the government: ``case_optional.txt``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from newslint.lazy import lazy_compile
from newslint.rules.inconsistent_naming.story import CONNECTORS, Story, Word
from newslint.rules.inconsistent_naming.voting import (
    Occurrence,
    Report,
    Vote,
    minority_report,
    vote,
)
from newslint.rules.inconsistent_naming.words import (
    OPENING_WORDS,
    PARTICLES,
    name_titles,
    strip_possessive,
)
from newslint.text.lexicon import load_set

if TYPE_CHECKING:
    from newslint.document import Document

# A lower-case word between two capitalised ones joins them into one longer name.
_JOINERS = CONNECTORS | frozenset("on in to the at".split())
_GENERIC = frozenset("a an any every each another other no some many several".split())
_SHOUTED_RE = lazy_compile(r"\b[A-Z]{5,}\b")
# A shift-key slip ("WHite House") is no speaker's style, even in a quotation.
SHIFT_SLIP_RE = lazy_compile(r"\b[A-Z]{2}[a-z]{2}")
_POSSESSIVE = ("'s", "’s")
_MAX_WORDS = 5  # words in a name, at most


class Candidate(NamedTuple):
    """A run of capitalised words that may be a name."""

    keys: tuple[str, ...]  # each word's key (the story's own strings: nothing copied)
    # False when every run of words with its key is written the same way: nothing to vote on.
    may_differ: bool


def _written_lower(text: str, initial: bool) -> bool:
    """No capital but one forced by position (``initial``: it opens a sentence)."""
    if initial:
        text = text[1:]
    return text == text.lower()


def _words(surface: str) -> list[str]:
    return re.split(r"[\s-]+", surface)


def _optional_capitals(a: str, b: str) -> bool:
    """Every word whose capital differs is one that style guides capitalise or not."""
    optional = load_set("case_optional.txt")
    return all(x.lower() in optional for x, y in zip(_words(a), _words(b)) if x != y)


def _candidates(story: Story) -> Iterator[Candidate]:
    """Runs of capitalised words (connectors allowed inside) with a chosen capital. Only a
    word followed by another capitalised word (or a connector and one) starts a run of two
    or more; a lone word counts only when it has parts of its own (al-Shabab). Two words
    are linked when only a space or a line break lies between them."""
    forced, capitals, info = story.forced, story.capitals, story.info
    titles = name_titles()  # "Ms Lloyd Price": a title, not part of the name
    upper = story.capital_words
    resume = 0
    for k in story.run_starts():
        first = upper[k]
        if first.start < resume or story.in_heading(first.start) or story.out_of_play(first.start):
            continue
        run = [Word(first.start, first.end, first.text)]
        here = run[0]
        while not here.text.endswith(_POSSESSIVE):
            after = story.next_linked(here.end)
            if after is None:
                break
            if after.text not in capitals:
                if after.text not in CONNECTORS:
                    break
                beyond = story.next_linked(after.end)
                if beyond is None or beyond.text not in capitals:
                    break
            run.append(after)
            here = after
        lo, last = 0, len(run) - 1
        while last > lo:
            key = story.key_of(run[lo].text)
            if not (
                key == "the"
                or key in titles
                or (run[lo].start in forced and (key in OPENING_WORDS or story.lowered(key)))
            ):
                break
            lo += 1  # "The", "Ms", "President" or a sentence's opening word before the name
        if last - lo < _MAX_WORDS and (last > lo or info[run[lo].text].parts):
            for word in run[lo:]:
                # a word without a capital has no chosen one
                if word.text in story.capital_texts and (
                    info[word.text].chosen_capital_initial
                    if word.start in forced
                    else info[word.text].chosen_capital
                ):
                    end = run[last].start + len(strip_possessive(run[last].text))
                    yield Candidate(
                        tuple(story.key_of(w.text) for w in run[lo:]),
                        not story.written_one_way(run[lo].start, end),
                    )
                    break
        resume = run[-1].end


def _longer_name_before(story: Story, first: Word) -> bool:
    """Whether the words before ``first`` make it part of a longer name ("Russian Foreign
    Ministry", "bin Laden", "Convention on Human Rights"), or a generic use ("a moving
    castle")."""
    capitals, forced = story.capitals, story.forced
    before = story.prev_linked(first.start)
    if before is None:
        return False
    word = before.text
    if (
        word in capitals
        and before.start not in forced
        and word.rstrip(".").lower() not in name_titles()
    ) or word in PARTICLES:
        return True
    if word in _JOINERS:
        further = story.prev_linked(before.start)
        if further is not None and further.text in capitals and further.start not in forced:
            return True
    return word.lower() in _GENERIC and first.text not in capitals


def _longer_name_after(story: Story, last: Word) -> bool:
    """Whether the words after ``last`` make the run a title before a name or part of a
    longer name ("House Committee on Energy and Commerce")."""
    after = story.next_linked(last.end)
    if after is None:
        return False
    if after.text in story.capitals or after.text in ("of", "for"):
        return True
    if after.text == "on":
        beyond = story.next_linked(after.end)
        return beyond is not None and beyond.text in story.capitals
    return False


def _occurrences(story: Story, runs: Iterable[Candidate]) -> dict[str, list[Occurrence]]:
    """Every standalone sequence of words whose joined key is a candidate's, by key. The
    runs are read once, as ``_candidates`` finds them (a long story has tens of thousands)."""
    candidates: set[str] = set()  # the keys of the runs that may be written two ways
    prefixes: set[str] = set()  # every run's key up to each word boundary
    for run in runs:
        key = ""
        for word_key in run.keys:
            key += word_key
            prefixes.add(key)
        if run.may_differ:
            candidates.add(key)
    if not candidates:
        return {}  # every candidate is written one way wherever its key occurs
    # The words an occurrence of a candidate may start with: those whose key begins one.
    # A key begins a candidate when the first candidate not below it in sorted order starts
    # with it (a long file has many runs: comparing each with every candidate would grow
    # with the square, and a set of every candidate's beginnings held many times their size).
    ordered = sorted(candidates)

    def begins_a_candidate(prefix: str) -> bool:
        at = bisect_left(ordered, prefix)
        return at < len(ordered) and ordered[at].startswith(prefix)

    # Each starting word with its key, so a walk need not work it out again.
    start_keys = {
        token: prefix
        for prefix in prefixes
        if begins_a_candidate(prefix)
        for token in story.tokens_with_key(prefix)
    }
    per_key: dict[str, list[Occurrence]] = {}
    surfaces: dict[str, str] = {}
    text, forced = story.text, story.forced
    # In story order, one at a time: a list of them all ("The" is a prefix of many names)
    # would be the largest thing this check held on a long story.
    # Most walks (from "to" or "a", prefixes of "Tony Blair" or "Abbott") stop at their
    # second word: where the walk starts is asked about only once it spells a candidate.
    for first in story.occurrences(start_keys):
        start = first.start
        key = start_keys[first.text]
        here: Word | None = first
        checked_place = False  # whether the first word's place was asked about
        checked_before: bool | None = None  # whether a longer name starts before, once asked
        for step in range(_MAX_WORDS):
            if step:
                assert here is not None
                if here.text.endswith(_POSSESSIVE):
                    break
                here = story.next_linked(here.end)
                if here is None:
                    break
                key += story.key_of(here.text)
            assert here is not None
            if key not in prefixes:
                break
            if key not in candidates:
                continue
            if not checked_place:
                if story.in_heading(start) or story.aside(start):
                    break
                checked_place = True
            if checked_before is None:
                checked_before = _longer_name_before(story, first)
            if checked_before or _longer_name_after(story, here):
                continue
            end = here.start + len(strip_possessive(here.text))
            surface = " ".join(text[start:end].split())
            surface = surfaces.setdefault(surface, surface)  # one string a form, not a place
            if _SHOUTED_RE.search(surface) or story.in_work_title(start, end):
                continue
            slip = SHIFT_SLIP_RE.search(surface) is not None
            quoted = story.quoted(start) and not slip
            caption = story.in_caption(start) and not slip
            per_key.setdefault(key, []).append(
                Occurrence(
                    start,
                    end,
                    surface,
                    surface,
                    initial=start in forced,
                    quoted=quoted,
                    caption=caption,
                )
            )
    return per_key


def _clear_capitals(occ: Occurrence, result: Vote) -> bool:
    """Whether a minority that differs from the majority by capitals alone is reported:
    only against a clear majority, and not on words whose capital is a matter of house
    style (the prime minister, the Government)."""
    majority = result.counts[result.majority]
    return (
        majority >= 2
        and majority > result.counts.get(occ.form, 0)
        and not _optional_capitals(occ.text, result.majority)
    )


def multiword_findings(document: Document, story: Story) -> Iterator[Report]:
    """The minority forms of the story's multiword names."""
    for occurrences in _occurrences(story, _candidates(story)).values():
        result = vote(occurrences)
        if result is None:
            continue
        for occ in result.minority:
            if (
                _written_lower(occ.text, occ.initial)
                and not _written_lower(result.majority, False)
                and strip_possessive(occ.text.split()[-1]).lower()
                not in load_set("institution_nouns.txt")
            ):
                # "trending topics" beside the product "Trending Topics": common nouns
                # written as such, not a misspelt name ("the foreign ministry" is one).
                continue
            if occ.text.lower() == result.majority.lower() and not _clear_capitals(occ, result):
                continue
            yield minority_report(document, occ, result, "case")
