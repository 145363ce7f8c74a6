"""One entity written in different forms in one story: Govt and government, Kiev and Kyiv.

A reader who meets "Brennan" in one paragraph and "Brenan" in the next wonders whether
they are two people; a sub-editor's job is to pick one form and keep to it. The rule finds
four kinds of inconsistency and reports each occurrence of the minority form, naming the
form the rest of the story uses (and where it first appears) as the suggestion:

- **Variant groups**: forms a desk knows belong together (U.S./US, U.N./UN,
  government/Govt, Gaddafi/Qaddafi, al-Qaeda/al Qaeda, Kyiv/Kiev, ISIS/ISIL/Daesh, ...),
  listed in ``newslint/data/naming_variants.txt``. A newsroom adds its own with the
  ``groups`` option: each group a list of forms (the first is the house choice when two
  forms tie) or a table ``{forms = [...], prefer = "...", full = [...], body-only = true}``.
  "US" never matches the pronoun "us": forms with a capital match only as written.
- **Case, hyphen and space variants of one multiword name**: "Foreign Ministry" and
  "foreign ministry", "al-Shabab" and "al Shabab", "Time Warner" and "TimeWarner". A name
  used as a title before a person's name ("Prime Minister Jane Doe" beside "the prime
  minister") and a name inside a longer name ("a House committee" beside "the House
  Committee on Energy and Commerce") are not counted, nor is a work's title with a subtitle
  in Title Case ("author of Open Secrets: Money and Power in the City"); nor is a lower-case phrase of common
  words beside a product of that name ("trending topics", "Trending Topics") unless it ends
  in an institution's noun (``newslint/data/institution_nouns.txt``: the foreign ministry).
- **Near spellings of a recurring proper name**: Brennan/Brenan, Mohammed/Mohammad,
  Zelensky/Zelenskyy, Erdogan/Erdoğan: one letter added, dropped, changed or swapped, or
  only diacritics differ, in names of five letters or more. A capitalised word written two
  or more times and once with one inner letter dropped, added, changed or swapped is found
  too, also when the story writes the word in lower case elsewhere ("Budget", "budget",
  "Budgett") or when it names no one (Senate, Tuesday: "Senote"); the slip must not be a
  common English word of its own (Status beside States), a word the story writes in lower
  case, or a word whose capital is only forced ("Write to ..." beside "White"). Two people
  introduced with different first names or initials (Ruth Johnston, Boris Johnson; M Horan,
  S Horgan) are not variants; nor are a country and its people (Israel, Israeli; the
  Americas, Americans), a first name and a place (Lyndon B. Johnson, London), a straight
  and a curly apostrophe (O'Rourke, O’Rourke), or a word that is capitalised only because it
  opens a sentence. The majority decides which form is reported; when each is written once,
  the fuller one (a dropped letter is the commonest slip), else the earlier, is the story's.
- **British and American spellings mixed** (colour/color, centre/center,
  travelled/traveled, defence/defense): one story-level finding on the first minority
  spelling, naming every other one. Capitalised words mid-sentence are names and keep their
  own spelling (World Trade Center, Pearl Harbor, the Australian Labor Party). -ise/-ize
  verbs are compared only with each other, since Oxford spelling writes "organize" beside
  "colour". Words that are right in both varieties (program for software, licence and
  license, practice and practise) are not listed.

Capitals forced by position are never a variant: the first word of a sentence or
quotation, the word after a wire dateline or a speaker label, and headline-style blocks (the
title, headings, Title Case or all-capitals lines, live-blog subheads such as "Update at
5:10 p.m. ET. ..."), where "Talks Between Govt and Taliban" capitalises every word.
Headlines still count for variant groups, so "Govt" in a headline is flagged against
"government" in the body, and for a name's letters.

What is not the writer's prose is not read at all (``document.regions.furniture``): social
handles, hashtags, URLs, e-mail addresses, wire datelines ("NEW YORK (AP) —"), embedded
social posts ("... — Name (@handle) June 2, 2021"), transcript speaker labels, data-table
lines ("SUSPECT: US citizen"), promotion lines and link cards. Quoted speech keeps its
speaker's forms: a form inside quotation marks is never reported (but for a letter slip in a
name, or a shift-key capital such as "WHite") and votes only for a form the writer also uses
outside them, so "US" in a quoted statement neither is flagged nor outvotes the body's
"U.S.". A photo caption (an HTML caption, or a paragraph ending in the picture's credit, "...
Jane Roe/AFP via Getty Images", "REUTERS/Jane Roe", or holding a gallery's "Hide Caption 2 of
9") keeps the picture desk's style: its forms are never reported and vote only for a form
the story writes outside captions. Aliases given on purpose ("also known as ISIS or ISIL", "(ISIS, or ISIL)") are not
counted.
"the Government" and "the government" are not reported: many style guides capitalise a
specific government and lower-case a generic one, so a single word's capital alone is not an
inconsistency; a desk that wants one form adds its own group.

## Wrong

```text
Officials at the Foreign Ministry said the talks would resume in March.

A spokesman for the [[foreign ministry]] later confirmed that the date had been agreed.

The Foreign Ministry said both delegations had accepted the venue.
```

```text
The government said on Monday it would cut fuel duty. The government expects the cut to
cost about £2bn a year, and opposition parties said the [[Govt]] had not said how it would be paid for.
```

```text
Maria Brennan, the charity's director, said the appeal had raised £40,000. Ms Brennan said
donations had come from across the region. Ms [[Brenan]] added that a second appeal would open in
the spring, and Ms Brennan thanked volunteers.
```

```text
The council said the new sports centre would open in May. The centre will have a pool and a
gym, and a second [[center]] is planned for the north of the town.
```

## Right

```text
Ruth Johnston, a local councillor, said the plan was flawed. Boris Johnson, the former prime
minister, did not comment. Ms Johnston said she would vote against it, and Mr Johnson's office
said he was travelling.
```

```text
Prime Minister Jane Doe met union leaders on Tuesday. The prime minister said afterwards
that the talks had been useful.
```

```text
The exhibition at the World Trade Center site opens in June, the museum's British curator
said, and the centre of the display is a steel beam.
```

```text
"Tell us what happened," the judge said. The US embassy said it had no comment.
```

```text
The US envoy arrived on Monday, and US officials met her at the airport.

The envoy waves outside the U.S. embassy on Monday. Jane Roe/AFP via Getty Images

The US envoy leaves on Friday.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newslint.model import Finding
from newslint.options import Choice, Flag, Integer, Items, option
from newslint.rule import Rule, hookimpl
from newslint.rules.inconsistent_naming.house_forms import (
    VariantGroup,
    house_form_findings,
    option_group,
    parse_group,
    variant_groups,
)
from newslint.rules.inconsistent_naming.multiword import multiword_findings
from newslint.rules.inconsistent_naming.near_spellings import near_spelling_findings
from newslint.rules.inconsistent_naming.spelling_mix import spelling_mix_findings
from newslint.rules.inconsistent_naming.story import Story
from newslint.rules.inconsistent_naming.voting import Report
from newslint.text.varieties import AMERICAN, BRITISH

if TYPE_CHECKING:
    from newslint.document import Document

__all__ = [
    "RULE",
    "NamingOptions",
    "VariantGroup",
    "check",
    "newslint_rules",
    "parse_group",
    "variant_groups",
]

NO_PREFERENCE = "none"


@dataclass(frozen=True)
class NamingOptions:
    """The inconsistent-naming rule's options ([rules.inconsistent-naming])."""

    groups: tuple[VariantGroup, ...] = option(
        Items(
            option_group,
            "variant groups: each a list of two or more forms, or a table "
            "{forms, prefer, full, body-only}",
            "list of variant groups",
            lambda group: list(group.forms),
            single=lambda value: isinstance(value, (str, dict)),
        ),
        (),
        "The desk's own variant groups, checked besides the built-in ones.",
    )
    min_name_length: int = option(
        Integer(minimum=3),
        5,
        "Near spellings are compared in names of at least this many letters.",
    )
    spelling: bool = option(Flag(), True, "Report British and American spellings mixed.")
    prefer_spelling: str = option(
        Choice(NO_PREFERENCE, BRITISH, AMERICAN),
        NO_PREFERENCE,
        "The variety that wins when a story writes each once (none: no finding then).",
    )


def check(document: Document, options: NamingOptions) -> Iterator[Finding]:
    """Every kind of inconsistency, one finding a place."""
    story = Story(document)  # built for this story alone, and dropped with it
    found: list[Report] = []
    found.extend(house_form_findings(document, options.groups, story))
    found.extend(multiword_findings(document, story))
    found.extend(near_spelling_findings(document, story, options.min_name_length))
    if options.spelling:
        prefer = None if options.prefer_spelling == NO_PREFERENCE else options.prefer_spelling
        found.extend(spelling_mix_findings(document, story, prefer))
    # One finding a place: where two checks flag the same word ("WHite House" as a name of
    # two words, "WHite" as one), the one that names more of it.
    seen: set[int] = set()
    for report in sorted(found, key=lambda r: (r.start, -r.end)):
        if report.start not in seen:
            seen.add(report.start)
            yield RULE.finding(
                report.start,
                report.end,
                report.message,
                suggestions=(report.suggestion,),
                data=report.data,
            )


RULE = Rule(
    id="inconsistent-naming",
    category="naming",
    severity="warning",
    check=check,
    doc=__doc__ or "",
    options=NamingOptions,
)


@hookimpl
def newslint_rules() -> list[Rule]:
    return [RULE]
