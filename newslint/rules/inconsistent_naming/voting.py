"""Which form of an entity is the story's: the vote among the places it is written, and
the report on each place that departs from it.

Every kind of inconsistency ends here: a check gathers the ``Occurrence``s of one entity,
``vote`` picks the majority form, and ``report`` words the finding on a minority one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol


@dataclass(slots=True)  # many of them on a long story
class Occurrence:
    """One place a form of an entity is written. ``initial`` and ``heading`` occurrences (a
    capital forced by the sentence start or a headline) agree with any form they could
    stand for."""

    start: int
    end: int
    form: str  # the form it stands for (a group's spelling of it)
    text: str  # as written
    initial: bool = False
    heading: bool = False
    # Inside quotation marks: a speaker's form. It is never reported, and it votes only for
    # a form the writer also uses (so a quotation backs the body but never outvotes it).
    quoted: bool = False
    # In a photo caption: the picture desk's style ("US" beside the body's "U.S."). Never
    # reported; it votes for a form written outside captions (in the prose or a quotation).
    caption: bool = False


@dataclass
class Vote:
    """How one name's forms fared in a story: the winning form and who voted for which."""

    majority: str
    counts: dict[str, int]
    minority: list[Occurrence]  # occurrences that cannot stand for the majority form
    first: dict[str, int]  # first prose offset of each form


class Report(NamedTuple):
    """One finding as a check words it; the rule turns it into a ``Finding``."""

    start: int
    end: int
    message: str
    suggestion: str
    data: dict[str, Any]


class LineOf(Protocol):
    """What ``report`` needs of a document: the line a prose offset stands on."""

    def line_of(self, offset: int) -> int: ...


def first_letter_key(form: str) -> str:
    return form[:1].lower() + form[1:]


def title_key(form: str) -> str:
    return re.sub(r"(?<![\w'’])(\w)", lambda m: m.group(1).upper(), form)


def compatible(occurrence: Occurrence, form: str) -> bool:
    """Whether ``occurrence`` can stand for ``form``: it is that form, or differs from it
    only by a capital its position forces."""
    if occurrence.form == form:
        return True
    if occurrence.heading:
        return title_key(occurrence.text) == title_key(form)
    if occurrence.initial:
        return first_letter_key(occurrence.text) == first_letter_key(form)
    return False


def vote(occurrences: list[Occurrence], prefer: Iterable[str] = ()) -> Vote | None:
    """The majority form among ``occurrences`` and the occurrences that differ from it.

    Only occurrences that can stand for exactly one form vote; a tie goes to the first of
    ``prefer`` that is tied, else to the form used first. None when the story is consistent.
    Quoted occurrences count only for forms written outside quotation marks too, captions
    only for forms written outside captions; neither is ever among the minority.
    """
    forms: dict[str, int] = {}
    outside_captions = {occ.form for occ in occurrences if not occ.caption}
    for occ in occurrences:
        if not occ.quoted and (not occ.caption or occ.form in outside_captions):
            forms.setdefault(occ.form, occ.start)
    if len(forms) < 2:
        return None
    counts = dict.fromkeys(forms, 0)
    for occ in occurrences:
        fits = [f for f in forms if compatible(occ, f)]
        if len(fits) == 1:
            counts[fits[0]] += 1
    top = max(counts.values())
    if top == 0:
        return None
    tied = [f for f, c in counts.items() if c == top]
    majority = next((p for p in prefer if p in tied), None) or min(tied, key=lambda f: forms[f])
    minority = [
        occ
        for occ in occurrences
        if not (occ.quoted or occ.caption) and not compatible(occ, majority)
    ]
    if not minority:
        return None
    return Vote(majority, counts, minority, forms)


def match_case(suggestion: str, original: str) -> str:
    """``suggestion`` with the capital ``original`` opens with (a sentence or a headline's)."""
    if original[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def report(
    document: LineOf,
    occ: Occurrence,
    majority: str,
    counts: dict[str, int],
    firsts: dict[str, int],
    kind: str,
) -> Report:
    """The finding on ``occ``, a minority form: it names the story's ``majority`` form, how
    often and where it is first written (``counts`` and ``firsts`` per form)."""
    times = counts.get(majority, 0)
    line = document.line_of(firsts[majority])
    count = f"{times} times" if times != 1 else "once"
    message = (
        f"'{occ.text}' here, but '{majority}' elsewhere in this story ({count}, first on "
        f"line {line}); use one form throughout"
    )
    suggestion = match_case(majority, occ.text) if (occ.initial or occ.heading) else majority
    return Report(
        occ.start,
        occ.end,
        message,
        suggestion,
        {"kind": kind, "form": occ.text, "majority": majority},
    )


def minority_report(document: LineOf, occ: Occurrence, result: Vote, kind: str) -> Report:
    """``report`` on a minority occurrence of ``result``."""
    return report(document, occ, result.majority, result.counts, result.first, kind)
