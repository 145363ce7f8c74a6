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
  Committee on Energy and Commerce") are not counted; nor is a lower-case phrase of common
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
"U.S.". Aliases given on purpose ("also known as ISIS or ISIL", "(ISIS, or ISIL)") are not
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
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, compress
from operator import and_, itemgetter
from typing import Any, Iterator, NamedTuple

from newslint.options import Choice, Flag, Integer, Items, option
from newslint.rule import Rule, hookimpl
from newslint.text.lexicon import load_lines, load_set
from newslint.text.names import (
    Occurrence,
    StoryWords,
    edit_kind,
    fold,
    is_all_caps,
    name_titles,
    near_pairs,
    one_edit_pairs,
    not_names,
    story_words,
    strip_possessive,
    token_memo,
    trim_memos,
    vote,
)
from newslint.text.words import trie_alternation
from newslint.text.varieties import (
    AMERICAN,
    BRITISH,
    is_spelling_pair,
    mixes,
    spelling_table,
    written_runs,
)


# --- options -------------------------------------------------------------------------


def _option_group(spec: object) -> VariantGroup:
    try:
        return parse_group(spec)
    except ValueError as exc:  # the option's error names the rule already
        raise ValueError(str(exc).removeprefix("inconsistent-naming: ")) from None


NO_PREFERENCE = "none"


@dataclass(frozen=True)
class NamingOptions:
    groups: tuple[VariantGroup, ...] = option(
        Items(
            _option_group,
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


# --- variant groups ------------------------------------------------------------------


@dataclass(frozen=True)
class VariantGroup:
    """Forms of one entity a story must not mix.

    ``forms`` are compared with each other (the first, or ``prefer``, wins a tie);
    ``full`` names may stand beside any one of them ("Islamic State (IS)"); a
    ``body_only`` group ignores headlines.
    """

    forms: tuple[str, ...]
    full: tuple[str, ...] = ()
    body_only: bool = False
    prefer: str | None = None

    @property
    def preferred(self) -> str:
        return self.prefer or self.forms[0]


def parse_group(spec: Any) -> VariantGroup:
    """A group from the data file's line syntax, a list of forms, or a table."""
    if isinstance(spec, VariantGroup):
        return spec
    if isinstance(spec, str):
        line = spec.strip()
        body_only = line.startswith("[body]")
        if body_only:
            line = line[len("[body]") :].strip()
        full_part, sep, short_part = line.partition("::")
        if not sep:
            full_part, short_part = "", full_part
        forms = tuple(f.strip() for f in short_part.split("|") if f.strip())
        full = tuple(f.strip() for f in full_part.split("|") if f.strip())
        return _checked(VariantGroup(forms, full, body_only), spec)
    if isinstance(spec, (list, tuple)):
        return _checked(VariantGroup(tuple(str(f) for f in spec)), spec)
    if isinstance(spec, dict):
        forms = spec.get("forms", ())
        prefer = spec.get("prefer")
        full = spec.get("full", ())
        if isinstance(forms, str) or isinstance(full, str):
            raise ValueError(
                f"inconsistent-naming: 'forms' and 'full' must be lists of strings in {spec!r}"
            )
        group = VariantGroup(
            tuple(str(f) for f in forms),
            tuple(str(f) for f in full),
            bool(spec.get("body-only", spec.get("body_only", False))),
            str(prefer) if prefer else None,
        )
        if group.prefer and group.prefer not in group.forms:
            group = VariantGroup(
                (group.prefer, *group.forms), group.full, group.body_only, group.prefer
            )
        return _checked(group, spec)
    raise ValueError(
        f"inconsistent-naming: a variant group must be a list of forms or a table, not {spec!r}"
    )


def _checked(group: VariantGroup, spec: Any) -> VariantGroup:
    if len(group.forms) < 2 or not all(f.strip() for f in group.forms):
        raise ValueError(f"inconsistent-naming: a variant group needs two or more forms: {spec!r}")
    return group


@lru_cache(maxsize=None)
def builtin_groups() -> tuple[VariantGroup, ...]:
    return tuple(parse_group(line) for line in load_lines("naming_variants.txt"))


def variant_groups(extra: tuple[Any, ...] = ()) -> tuple[VariantGroup, ...]:
    """The built-in groups followed by ``extra`` (the ``groups`` option: a newsroom's own)."""
    return builtin_groups() + tuple(parse_group(g) for g in extra)


def _form_pattern(form: str) -> str:
    body = r"\s+".join(re.escape(part) for part in form.split())
    return f"(?i:{body})" if form == form.lower() else body


@dataclass(frozen=True)
class _GroupMatcher:
    regex: re.Pattern
    exact: dict  # surface -> (group index, form)
    folded: dict  # lower-case surface -> (group index, form), for lower-case forms
    starts: re.Pattern  # where a form may start: a superset of where ``regex`` matches
    other_starts: re.Pattern | None  # the same for non-ASCII text, when a form ignores case

    def finditer(self, text: str) -> Iterator[re.Match]:
        """``regex.finditer(text)``, trying the regex only where a form may start.

        ``starts`` scans fast because every branch opens with a literal character; the
        matches are those of ``regex.finditer``: leftmost first, resuming at a match's end."""
        at = [m.start() for m in self.starts.finditer(text)]
        if self.other_starts is not None and not text.isascii():
            others = [m.start() for m in self.other_starts.finditer(text)]
            if others:
                at = sorted(set(at).union(others))
        match = self.regex.match
        last = 0
        for start in at:
            if start < last:
                continue
            found = match(text, start)
            if found is not None:
                last = found.end()
                yield found


_ASCII = [chr(c) for c in range(128)]


_AHEAD = 4  # characters after the first that a candidate start must also show


def _start_filter(forms) -> tuple[re.Pattern, re.Pattern | None]:
    """A regex matching (one character) wherever one of ``forms`` could start: its first
    letter (any ASCII letter a lower-case form folds to), not after a word character or a
    point, and followed by the form's next few characters (up to its first space)."""
    aheads: dict[str, set[str]] = {}
    any_case = False
    for form in forms:
        folds = form == form.lower()
        any_case = any_case or folds
        if folds:
            firsts = [c for c in _ASCII if re.fullmatch(f"(?i:{re.escape(form[0])})", c)]
        else:
            firsts = [form[0]]
        ahead = ""
        for char in form[1 : 1 + _AHEAD]:
            if char.isspace():
                ahead += r"\s"
                break  # a space stands for any run of white space
            ahead += f"(?i:{re.escape(char)})" if folds else re.escape(char)
        for first in firsts:
            aheads.setdefault(first, set()).add(ahead)
    branches = []
    for first, after in sorted(aheads.items()):
        ahead = "" if "" in after else "(?=" + "|".join(sorted(after)) + ")"
        branches.append(rf"{re.escape(first)}(?<![\w.].){ahead}")
    starts = re.compile("(?:" + "|".join(branches) + ")" if branches else "(?!)", re.DOTALL)
    # A lower-case form folds to a few non-ASCII letters too (Kelvin K, long s): try every
    # non-ASCII letter at a word's start.
    other = re.compile(r"[^\W\x00-\x7f](?<![\w.].)", re.DOTALL) if any_case else None
    return starts, other


@lru_cache(maxsize=64)
def _matcher(groups: tuple[VariantGroup, ...]) -> _GroupMatcher:
    exact: dict[str, tuple[int, str]] = {}
    folded: dict[str, tuple[int, str]] = {}
    forms: set[str] = set()
    for index, group in enumerate(groups):
        for form in (*group.forms, *group.full):
            key = " ".join(form.split())
            forms.add(key)
            if key == key.lower():
                folded.setdefault(key, (index, form))
            else:
                exact.setdefault(key, (index, form))
    alternation = "|".join(_form_pattern(f) for f in sorted(forms, key=len, reverse=True))
    regex = re.compile(rf"(?<![\w.])(?:{alternation})(?![\w]|\.\w)")
    return _GroupMatcher(regex, exact, folded, *_start_filter(forms))


def _group_findings(document, options: NamingOptions, sw: StoryWords) -> Iterator:
    groups = variant_groups(options.groups)
    matcher = _matcher(groups)
    per_group: dict[int, list[tuple[int, int, str, str]]] = {}  # (start, end, form, surface)
    for block in document.blocks:
        if is_all_caps(block.text):
            continue
        for match in matcher.finditer(block.text):
            surface = " ".join(match.group(0).split())
            hit = matcher.exact.get(surface) or matcher.folded.get(surface.lower())
            if hit is None:
                continue
            index, form = hit
            if form.isupper() and _shouted_around(block.text, match.start(), match.end()):
                continue  # "ALERT US TO WRONGDOING": a line in capitals, where "US" is a pronoun
            if form not in groups[index].full:
                per_group.setdefault(index, []).append(
                    (block.start + match.start(), block.start + match.end(), form, surface)
                )
    aliases = None
    for index, found in per_group.items():
        if len({form for _, _, form, _ in found}) < 2:
            continue  # one form: nothing to vote on
        if aliases is None:
            aliases = _alias_ranges(document)
        # A quotation keeps its speaker's form, furniture is not prose, and an alias given
        # on purpose ("also known as ISIL") is no inconsistency: none of them votes.
        found = [f for f in found if not (sw.aside(f[0]) or _in_ranges(aliases, f[0]))]
        if len({form for _, _, form, _ in found}) < 2:
            continue
        group = groups[index]
        occurrences = []
        for start, end, form, surface in found:
            own = sw.token_at(start) is not None  # the match starts a word ("US", not "pro-US")
            in_heading = sw.in_heading(start)
            if in_heading and group.body_only:
                continue
            occurrences.append(
                Occurrence(
                    start,
                    end,
                    form,
                    surface,
                    initial=own and start in sw.forced,
                    heading=in_heading,
                    quoted=sw.quoted(start),
                )
            )
        result = vote(occurrences, prefer=(group.preferred,))
        if result is None:
            continue
        for occ in result.minority:
            yield _minority_finding(document, occ, result, "group")


_CAPS_WORD_RE = re.compile(r"[A-Z]{2,}")
_SHIFT_SLIP_RE = re.compile(r"\b[A-Z]{2}[a-z]{2}")


def _shouted_around(text: str, start: int, end: int) -> bool:
    """Whether the words either side of ``start:end`` are written in capitals."""
    before = text[max(0, start - 30) : start].split()
    after = text[end : end + 30].split()
    return (
        bool(before)
        and bool(after)
        and _CAPS_WORD_RE.fullmatch(before[-1].strip(".,:;!?\"'“”‘’")) is not None
        and _CAPS_WORD_RE.fullmatch(after[0].strip(".,:;!?\"'“”‘’")) is not None
    )


def _written_lower(occ: Occurrence) -> bool:
    """No capital but one forced by position."""
    text = occ.text[1:] if occ.initial else occ.text
    return text == text.lower()


def _out_of_play(sw: StoryWords, offset: int) -> bool:
    """Words that neither vote nor are flagged: furniture (handles, URLs, datelines,
    embedded posts, labels, tables) and quoted speech, which keeps its speaker's forms."""
    return sw.aside(offset) or sw.quoted(offset)


# "also known as ISIS or ISIL", "a.k.a.", "(ISIS, or ISIL)": a writer naming the other forms
# on purpose. The range runs to the end of the clause (or of the brackets).
_ALIAS_RE = re.compile(
    r"\b(?:(?:also|otherwise|commonly|widely|better|formerly|previously|sometimes) )?"
    r"(?:known|called|referred to|written|spelled|spelt) as\b[^.;:()\n]{0,80}"
    r"|\ba\.?k\.?a\.?(?!\w)[^.;:()\n]{0,80}"
    r"|\((?=[^()\n]{0,60}\bor\b)[^()\n]{1,80}\)"
)


def _alias_ranges(document) -> list[tuple[int, int]]:
    return [m.span() for m in _ALIAS_RE.finditer(document.text)]


def _in_ranges(ranges: list[tuple[int, int]], offset: int) -> bool:
    return any(lo <= offset < hi for lo, hi in ranges)


# --- case, hyphen and space variants of a multiword name --------------------------------

# Lower-case particles inside names ("Bank of England", "al-Shabab", "van Gogh").
_PARTICLES = frozenset("al el bin de da du la le van von der den".split())
_CONNECTORS = _PARTICLES | frozenset({"of", "for", "and"})
# A lower-case word between two capitalised ones joins them into one longer name.
_JOINERS = _CONNECTORS | frozenset("on in to the at".split())
# A connector word and the marks after it, and the letters such a word starts with.
_CONNECTOR_AT_RE = re.compile(
    "(?:" + "|".join(sorted(_CONNECTORS)) + ")(?![\\w\ufffc])[^\\w\ufffc]*"
)
_CONNECTOR_FIRSTS = frozenset(word[0] for word in _CONNECTORS)
_GENERIC = frozenset("a an any every each another other no some many several".split())
_CAMEL_RE = re.compile(r"[a-z][A-Z]")
_SHOUTED_RE = re.compile(r"\b[A-Z]{5,}\b")
_OPENING_WORDS = frozenset(
    "the a an but and in on at as if so for this that these those his her its their our "
    "when while after before since new".split()
)


def _is_capital_word(text: str) -> bool:
    """A word that can be part of a name: capitalised, and no lower-case tail after a
    hyphen ("Radio-enabled" is a name plus an adjective)."""
    if "-" not in text:
        return text[:1].isupper()
    parts = [p for p in strip_possessive(text).split("-") if p]
    if not parts:
        return False
    if parts[0][:1].isupper():
        return all(p[:1].isupper() or p[:1].isdigit() for p in parts[1:])
    return any(p[:1].isupper() for p in parts[1:])  # al-Shabab


def _unforced_capital(text: str, initial: bool) -> bool:
    """A capital the writer chose: not only the first letter of a sentence's first word."""
    word = strip_possessive(text)
    if initial:
        word = word[1:]
    if word.isascii():
        return word != word.lower()  # holds a letter A-Z
    return any(c.isupper() for c in word)


def _has_parts(texts: list[str]) -> bool:
    """Two words, or one word with a hyphen or an inner capital (al-Shabab, TimeWarner)."""
    if len(texts) > 1:
        return True
    word = strip_possessive(texts[0])
    return "-" in word.strip("-") or (
        _CAMEL_RE.search(word) is not None and not re.match(r"(?:Mc|Mac|O')", word)
    )


def _words(surface: str) -> list[str]:
    return re.split(r"[\s-]+", surface)


def _case_only(a: str, b: str) -> bool:
    return a.lower() == b.lower()


def _optional_capitals(a: str, b: str) -> bool:
    """Every word whose capital differs is one that style guides capitalise or not."""
    optional = load_set("case_optional.txt")
    return all(x.lower() in optional for x, y in zip(_words(a), _words(b)) if x != y)


_POSSESSIVE = ("'s", "’s")


_LINKS = (" ", "\n")


def _case_findings(document, story: "_Story") -> Iterator:
    text = document.text
    sw = story.sw
    forced, in_heading, next_linked, upper = sw.forced, sw.in_heading, sw.next_linked, sw.upper
    info, capitals = story.info, story.capitals
    lowered = story.lowered
    titles = name_titles()  # "Ms Lloyd Price": a title, not part of the name
    keys = _KEY
    one_form = sw.one_form if sw.plain_words else None

    def key_of(token: str) -> str:
        found = info.get(token)
        return found.key if found is not None else keys[token]

    # Candidates: runs of capitalised words (connectors allowed inside) with a chosen capital.
    # Only a word followed by another capitalised word (or a connector and one) starts a run
    # of two or more; a lone word counts only when it has parts of its own (al-Shabab).
    # (Two words are linked when only a space or a line break lies between them.)
    runs: list[tuple[list, bool]] = []  # (the run's tokens, may be written two ways)
    any_two = False
    resume = 0
    for k in story.run_starts():
        first = upper[k]
        if first[0] < resume or in_heading(first[0]) or _out_of_play(sw, first[0]):
            continue
        run = [first]
        here = first
        while not here[2].endswith(_POSSESSIVE):
            after = next_linked(here[1])
            if after is None:
                break
            if after[2] not in capitals:
                if after[2] not in _CONNECTORS:
                    break
                beyond = next_linked(after[1])
                if beyond is None or beyond[2] not in capitals:
                    break
            run.append(after)
            here = after
        lo, j = 0, len(run) - 1
        while j > lo:
            key = key_of(run[lo][2])
            if not (
                key == "the"
                or key in titles
                or run[lo][0] in forced
                and (key in _OPENING_WORDS or lowered(key))
            ):
                break
            lo += 1  # "The", "Ms", "President" or a sentence's opening word before the name
        if j - lo < 5 and (j > lo or info[run[lo][2]].parts):
            for token in run[lo:]:
                # a word without a capital has no chosen one
                if token[2] in info and _UNFORCED[token[2]][token[0] in forced]:
                    two = one_form is None or not one_form(
                        run[lo][0], run[j][0] + len(strip_possessive(run[j][2]))
                    )
                    runs.append((run[lo:], two))
                    any_two = any_two or two
                    break
        resume = run[-1][1]
    if not any_two:
        return  # every candidate is written one way wherever its key occurs: nothing to vote on

    candidates: set[str] = set()  # the keys of the runs that may be written two ways
    prefixes: set[str] = set()  # every run's key up to each word boundary
    for run, two in runs:
        key = ""
        for token in run:
            key += key_of(token[2])
            prefixes.add(key)
        if two:
            candidates.add(key)

    # Every standalone sequence of words whose joined key is a candidate is an occurrence.
    streams = []
    # Every beginning of a candidate key, so that each prefix is one set look-up (a long
    # file has many runs: comparing each with every candidate would grow with the square).
    beginnings = {key[:i] for key in candidates for i in range(len(key) + 1)}
    for prefix in prefixes:
        if prefix not in beginnings:
            continue  # no occurrence of a candidate starts with this word
        for token in story.tokens_with_key(prefix):
            streams.append(sw.iter_occurrences(token))
    # In story order, merged as they are read: a list of them all ("The" is a prefix of
    # many names) was the largest thing this rule held on a long story.
    firsts = heapq.merge(*streams)
    per_key: dict[str, list[Occurrence]] = {}
    for first in firsts:
        start = first[0]
        if in_heading(start) or sw.aside(start):
            continue
        key = key_of(first[2])
        here = first
        before: Any = None  # the linked word before, once looked up
        for step in range(5):
            if step:
                if here[2].endswith(_POSSESSIVE):
                    break
                here = next_linked(here[1])
                if here is None:
                    break
                key += key_of(here[2])
            if key not in prefixes:
                break
            if key not in candidates:
                continue
            if before is None:
                before = sw.prev_linked(start) or ()
            if before:
                word = before[2]
                if (
                    word in capitals
                    and before[0] not in forced
                    and word.rstrip(".").lower() not in titles
                ) or word in _PARTICLES:
                    continue  # part of a longer name ("Russian Foreign Ministry", "bin Laden")
                if word in _JOINERS:
                    further = sw.prev_linked(before[0])
                    if further is not None and further[2] in capitals and further[0] not in forced:
                        continue  # "Convention on Human Rights"
                if word.lower() in _GENERIC and first[2] not in capitals:
                    continue  # "a moving castle": a kind of thing, not the name
            after = next_linked(here[1])
            if after is not None and (after[2] in capitals or after[2] in ("of", "for")):
                continue  # a title before a name, or part of a longer name
            if after is not None and after[2] == "on":
                beyond = next_linked(after[1])
                if beyond is not None and beyond[2] in capitals:
                    continue  # "House Committee on Energy and Commerce": a longer name
            end = here[0] + len(strip_possessive(here[2]))
            surface = " ".join(text[start:end].split())
            if _SHOUTED_RE.search(surface):
                continue
            # A shift-key slip ("WHite House") is no speaker's style, even in a quotation.
            quoted = sw.quoted(start) and _SHIFT_SLIP_RE.search(surface) is None
            per_key.setdefault(key, []).append(
                Occurrence(start, end, surface, surface, initial=start in forced, quoted=quoted)
            )
    for occurrences in per_key.values():
        result = vote(occurrences)
        if result is None:
            continue
        for occ in result.minority:
            if (
                _written_lower(occ)
                and not _written_lower(Occurrence(0, 0, "", result.majority))
                and strip_possessive(occ.text.split()[-1]).lower()
                not in load_set("institution_nouns.txt")
            ):
                # "trending topics" beside the product "Trending Topics": common nouns
                # written as such, not a misspelt name ("the foreign ministry" is one).
                continue
            if _case_only(occ.text, result.majority):
                # Capitals alone: only against a clear majority, and not on words whose
                # capital is a matter of house style (the prime minister, the Government).
                if (
                    result.counts[result.majority] < 2
                    or result.counts[result.majority] <= result.counts.get(occ.form, 0)
                    or _optional_capitals(occ.text, result.majority)
                ):
                    continue
            yield _minority_finding(document, occ, result, "case")


# --- near spellings of one proper name ---------------------------------------------------

_MALE_TITLES = frozenset({"mr", "sir", "lord"})
_FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "dame", "lady"})
_NAME_RE = re.compile(r"[^\W\d_][^\W\d_'’]*(?:['’][^\W\d_]+)?$")


@dataclass
class _Name:
    surface: str
    starts: list = field(default_factory=list)  # prose offsets
    initials: list = field(default_factory=list)  # capital forced by position, per occurrence
    given: set = field(default_factory=set)  # first names written before it
    following: set = field(default_factory=set)  # surnames written after it
    titles: set = field(default_factory=set)
    quoted: list = field(default_factory=list)  # inside quotation marks, per occurrence
    # The story also writes the word in lower case ("Budget" and "budget"): no name to be
    # misspelt, but still the right spelling that a slip ("Budgett") departs from.
    lowered: bool = False

    @property
    def named(self) -> bool:
        """Used at least once in the writer's own prose where its capital is not forced by
        position."""
        return any(not forced and not quoted for forced, quoted in zip(self.initials, self.quoted))

    @property
    def votes(self) -> int:
        """How many times the name counts: everywhere, when the writer uses it outside
        quotation marks at least once; else not at all (a speaker's form never outvotes the
        writer's)."""
        return len(self.starts) if False in self.quoted else 0


def _is_name_word(word: str) -> bool:
    if not word[:1].isupper() or _NAME_RE.match(word) is None:
        return False
    rest = word[1:]
    if rest.isascii():
        return rest != rest.upper()  # holds a letter a-z
    return any(c.islower() for c in rest)


def _capital_word(raw: str) -> tuple[str, str] | None:
    """(word, key) for a capitalised token of letters (possessive stripped) whose key holds
    at least four letters; what kind of word it is, each caller decides."""
    if not raw[:1].isupper():
        return None
    word = strip_possessive(raw)
    if not _is_name_word(word):
        return None
    key = _KEY[word]
    return (word, key) if len(key) >= 4 else None


def _name_word(raw: str) -> tuple[str, str] | None:
    """(name, key) when a token can be a name: capitalised, letters only, long enough and
    not a word listed as no name; the story's lower-case words are ruled out later."""
    found = _capital_word(raw)
    if found is None or found[1] in not_names() or found[1] in _OPENING_WORDS:
        return None
    return found


def _listed_word(raw: str) -> tuple[str, str] | None:
    """(word, key) for a capitalised word of letters listed as no name (not_names)."""
    found = _capital_word(raw)
    return found if found is not None and found[1] in not_names() else None


def _word_before(raw: str) -> tuple[bool, str] | None:
    """(is a title, what it adds) for the word before a name: a title, a first name, or None."""
    before = raw.rstrip(".")
    lower = before.lower()
    if lower in _MALE_TITLES or lower in _FEMALE_TITLES:
        return True, lower
    if _is_name_word(before) and fold(before) not in not_names():
        return False, fold(before)
    return None


def _word_after(raw: str) -> str | None:
    """The folded surname a first name is followed by, or None."""
    after = strip_possessive(raw)
    if _is_name_word(after) and fold(after) not in not_names():
        return fold(after)
    return None


def _names(story: "_Story") -> dict[str, _Name]:
    sw = story.sw
    forced, in_heading = sw.forced, sw.in_heading
    info, lowered = story.info, story.lowered
    word_before, word_after = _WORD_BEFORE, _WORD_AFTER
    names: dict[str, _Name] = {}
    for start, end, raw, _ in sw.upper:
        token = info[raw]
        found = token.name or token.listed
        if found is None or sw.aside(start):
            continue
        # A headline's capitals are its style, but its letters are the story's spelling: it
        # counts as a capital forced by position.
        heading = in_heading(start)
        word, key = found
        entry = names.get(word)
        if entry is None:
            entry = names[word] = _Name(word, lowered=token.name is None or lowered(key))
        entry.starts.append(start)
        entry.initials.append(heading or start in forced)
        entry.quoted.append(sw.quoted(start))
        previous = sw.prev_linked(start)
        if previous is not None:
            before = word_before[previous[2]]
            if before is not None and (
                before[0] or not (before[1] in _OPENING_WORDS or lowered(before[1]))
            ):
                # ("And Trump", "When Trump": a sentence's opening word is no first name)
                (entry.titles if before[0] else entry.given).add(before[1])
            elif len(previous[2]) == 1 and previous[2].isupper() and previous[2] not in "AI":
                entry.given.add(previous[2] + ".")  # "M Horan" and "S Horgan": two players
        if raw == word:
            following = sw.next_linked(end)
            if following is not None and following[2] in _PARTICLES:
                following = sw.next_linked(following[1])  # Mohammed bin Salman
            if following is not None:
                after = word_after[following[2]]
                if after is None and _INITIAL_RE.fullmatch(sw.text, following[0], following[1] + 1):
                    after = following[2].lower() + "."  # Lyndon B. Johnson: a first name
                if (
                    after is not None
                    and not after.endswith(".")
                    and (after in load_set("institution_nouns.txt") or lowered(after))
                ):
                    after = None  # the Clinton Foundation, the White House: no surname
                if after is not None:
                    entry.following.add(after)
    return names


def _may_have_near_names(story: "_Story", min_length: int) -> bool:
    """Whether two of the story's name words could be read as one name spelt two ways:
    checked on its distinct capitalised words (headlines and words also written in lower
    case included), before finding where each stands."""
    folds = {found.name[0]: found.folded for found in story.info.values() if found.name is not None}
    folds.update(
        (found.listed[0], fold(found.listed[0]))
        for found in story.info.values()
        if found.listed is not None
    )
    by_fold = {folded: surface for surface, folded in folds.items()}
    if len(by_fold) < len(folds):
        return True  # Erdogan / Erdoğan
    for a, b in one_edit_pairs(k for k in by_fold if len(k) >= min_length - 1):
        if _plausible_pair(by_fold[a], by_fold[b], min_length, recurring=True):
            return True
    return False


_INITIAL_RE = re.compile(r"[A-Z]\.")


def _different_people(a: _Name, b: _Name) -> bool:
    if a.given and b.given and not (a.given & b.given):
        return True  # Ruth Johnston and Boris Johnson
    # A first name: written before a surname, never after a first name of its own.
    a_first, b_first = a.following and not a.given, b.following and not b.given
    if a_first and b_first and not (a.following & b.following):
        return True  # first names of two people: Julian Smith and Julien Dupont
    if (a_first and b.given) or (b_first and a.given):
        return True  # Jennifer Lopez, and a singer introduced as "the French singer Jenifer"
    a_male, a_female = bool(a.titles & _MALE_TITLES), bool(a.titles & _FEMALE_TITLES)
    b_male, b_female = bool(b.titles & _MALE_TITLES), bool(b.titles & _FEMALE_TITLES)
    return (a_male and b_female and not a_female) or (a_female and b_male and not a_male)


# Kinds of one-letter difference that are typing slips rather than two real names. Two
# short names one consonant apart are usually two names (Bolton, Boston; Preston, Peston).
_SLIPS = frozenset({"double", "swap", "vowel"})
_LONG_NAME = 8


# A word this common (Zipf frequency x 100: 3.5 is about three times per million words) and
# in the dictionary is a word of its own, not a slip in a name.
_COMMON_WORD = 350


@lru_cache(maxsize=4096)
def _common_word(surface: str) -> bool:
    """Whether ``surface``, lower-cased, is a common English word (the spelling rule's word
    list); False when the list cannot be read."""
    try:
        from newslint.text.wordlist import WordListError, word_list
    except ImportError:  # pragma: no cover - the list ships with newslint
        return False
    try:
        entry = word_list().entry(fold(strip_possessive(surface)))
    except (WordListError, OSError):
        return False
    return entry.in_dictionary and entry.zipf100 >= _COMMON_WORD


def _placed(name: _Name, letters: bool) -> bool:
    """Written at least once where its capital is not forced by position; outside quotation
    marks too unless only the letters are compared."""
    return any(not forced for forced in name.initials) if letters else name.named


def _first_vote(name: _Name) -> int:
    """Where the name is first written in the writer's own prose (else first at all)."""
    return next((s for s, q in zip(name.starts, name.quoted) if not q), name.starts[0])


def _plausible_pair(a: str, b: str, min_length: int, recurring: bool = False) -> bool:
    """Whether two spellings one edit apart can be one name spelt two ways. ``recurring``:
    one of them is written twice or more and the other once, which makes any inner slip
    (a letter dropped or changed as well as doubled, swapped or a vowel) plausible."""
    if a.replace("’", "'") == b.replace("’", "'"):
        return False  # O'Rourke and O’Rourke: typography, not another spelling
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True  # only diacritics or capitals differ
    shortest = min_length - 1 if recurring else min_length  # "Koea" beside a recurring "Korea"
    if (
        min(len(fa), len(fb)) < shortest
        or max(len(fa), len(fb)) < min_length
        or is_spelling_pair(fa, fb)
    ):
        return False
    kind = edit_kind(fa, fb)
    if kind in ("first", "last"):
        return False  # Hollywood/Bollywood, David/Davis, Argentina/Argentine
    short, long_ = (fa, fb) if len(fa) < len(fb) else (fb, fa)
    if len(long_) > len(short) and long_.startswith(short) and kind != "double":
        return False  # Israel/Israeli, Russia/Russian, Brown/Browne, German/Germany
    if short.endswith("s") and long_ == short[:-1] + "ns":
        return False  # the Americas and Americans: a place and its people, in the plural
    return kind in _SLIPS or len(short) >= _LONG_NAME or (recurring and kind == "letter")


def _name_findings(document, story: "_Story", min_length: int) -> Iterator:
    if not _may_have_near_names(story, min_length):
        return
    names = _names(story)
    by_key: dict[str, list[_Name]] = {}
    for entry in names.values():
        by_key.setdefault(_FOLD[entry.surface], []).append(entry)
    pairs: list[tuple[_Name, _Name]] = []
    for entries in by_key.values():  # Erdogan / Erdoğan
        for i, a in enumerate(entries):
            pairs.extend((a, b) for b in entries[i + 1 :])
    for ka, kb in near_pairs(k for k in by_key if len(k) >= min_length - 1):
        pairs.extend((a, b) for a in by_key[ka] for b in by_key[kb])

    flagged: set[int] = set()
    for a, b in pairs:
        # Letters that differ are the writer's to get right, in a quotation too (a speaker
        # says a name, the reporter spells it); capitals, accents and apostrophes in a
        # quotation are its author's: only the writer's own prose votes on those.
        letters = _FOLD[a.surface] != _FOLD[b.surface]
        va, vb = (len(a.starts), len(b.starts)) if letters else (a.votes, b.votes)
        if not (_placed(a, letters) or _placed(b, letters)):
            continue
        # A name written twice or more beside one written once, not where a capital is
        # forced ("Write to ..." is no "White").
        recurring = (
            min(len(a.starts), len(b.starts)) == 1
            and max(va, vb) >= 2
            and not (a.initials == [True] or b.initials == [True])
        )
        if not _plausible_pair(a.surface, b.surface, min_length, recurring):
            continue
        if not (a.lowered or b.lowered) and _different_people(a, b):
            continue  # (a word that names no one, "Senate" or "President", is nobody's name)
        ca, cb = va, vb
        if ca == cb:
            if bool(a.given) != bool(b.given):
                major, minor = (a, b) if a.given else (b, a)  # the fuller form: "Jane Brennan"
            elif ca == 1:
                # Once each: the fuller spelling (a dropped letter is the commonest slip),
                # else the earlier.
                major, minor = (
                    (a, b)
                    if (-len(a.surface), _first_vote(a)) < (-len(b.surface), _first_vote(b))
                    else (b, a)
                )
            else:
                continue  # no evidence which spelling is the story's
        else:
            major, minor = (a, b) if ca > cb else (b, a)
        # Found only because one spelling recurs, or against a word that names no one: a
        # common word is then a word of its own (Status beside States), no slip.
        relaxed = major.lowered or not _plausible_pair(a.surface, b.surface, min_length)
        if letters and relaxed and _common_word(minor.surface):
            continue
        if not _placed(major, letters) or minor.lowered or (major.lowered and not recurring):
            continue  # a word the story writes in lower case is no slip; nor the right form but for a clear majority
        if any(f.endswith(".") for f in minor.following) and not (
            major.following or major.given or major.titles
        ):
            continue  # the first name Lyndon (B. Johnson), and the city London
        firsts = {
            major.surface: major.starts[0] if letters else _first_vote(major),
            minor.surface: minor.starts[0],
        }
        counts = {major.surface: ca if major is a else cb, minor.surface: cb if major is a else ca}
        # In a quotation only a slip is reported: letters that differ, or a shift-key
        # capital ("WHite"). A speaker's capitals and accents are theirs.
        quote_slip = letters or _SHIFT_SLIP_RE.search(minor.surface) is not None
        for start, forced, quoted in zip(minor.starts, minor.initials, minor.quoted):
            if start in flagged or (quoted and not quote_slip):
                continue
            flagged.add(start)
            occ = Occurrence(
                start, start + len(minor.surface), minor.surface, minor.surface, initial=forced
            )
            yield _finding(document, occ, major.surface, counts, firsts, "name")


# --- British and American spelling ------------------------------------------------------

_AXES = {
    "main": "British and American spellings are mixed",
    "ize": "-ise and -ize spellings are mixed",
}


def _spelling_listed(token: str) -> bool:
    """A token holding a word of the spelling table (alone, in a compound or possessive)."""
    table = spelling_table()
    return (
        token in table
        or ("-" in token and any(p in table for p in token.split("-")))
        or (token.endswith(("'s", "’s")) and token[:-2] in table)
    )


@lru_cache(maxsize=64)
def _spelling_regex(words: frozenset[str] | None = None) -> re.Pattern:
    """The listed words (or ``words`` of them), alone, as a part of a hyphenated compound or
    before a possessive, as one regex: a trie of alternatives, so that a pass over a story
    tries a few branches at each word start rather than every listed word."""
    words = spelling_table() if words is None else words
    return re.compile(
        "(?<![\\w\ufffc])(?<![\\w\ufffc][’'.])"
        + trie_alternation(words)
        + "(?![\\w\ufffc])(?![.][\\w\ufffc])"
    )


def _spelling_findings(document, sw: StoryWords, prefer: str | None) -> Iterator:
    # A listed word the regex below finds is a run of word characters in the story, so
    # it is one of ``written``; and the check ends unless two of those are of one axis and
    # different varieties (asked again below of the words as the tokens hold them).
    written = written_runs(document.text)
    if written is not None and not mixes(written):
        return
    table = spelling_table()
    seen: dict[str, dict[str, list[tuple[int, int, str, str]]]] = {}
    # A compound or a possessive holds a hyphen or an apostrophe: an irregular token.
    # Every word holding a listed word as a whole, a part of a compound or with a possessive.
    listed = set()
    for match in _spelling_regex(written).finditer(document.text):
        found = sw.token_containing(match.start())
        if found is not None and _spelling_listed(found[2]):
            listed.add(found[2])
    if not listed:
        return
    if not mixes(strip_possessive(part) for token in listed for part in token.split("-")):
        return  # every listed word of an axis is of one variety: nothing is mixed
    for offset, _, raw in sorted(chain.from_iterable(map(sw.occurrences, listed))):
        if _out_of_play(sw, offset):
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
                (start, start + len(word), word, other)
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
        start, end, word, other = minor[0]
        where = ", ".join(f"'{w}' (line {document.line_of(s)})" for s, _, w, _ in minor)
        usual = ", ".join(dict.fromkeys(w for _, _, w, _ in major))
        message = (
            f"{_AXES.get(axis, 'Spellings are mixed')}: {where}, but the story's "
            f"{major_name} spelling elsewhere ({usual}; first on line {document.line_of(major[0][0])}); "
            f"keep to one"
        )
        yield RULE.finding(
            start,
            end,
            message,
            suggestions=(other,),
            data={
                "kind": "spelling",
                "axis": axis,
                "majority": major_name,
                "minority": [[s, e] for s, e, _, _ in minor],
            },
        )


# --- findings --------------------------------------------------------------------------


class _Token(NamedTuple):
    """What the checks ask about one word that holds a capital letter."""

    key: str  # folded, without a possessive or hyphens: "Al-Shabab" and "al Shabab" share it
    capital: bool  # can be part of a name (_is_capital_word)
    parts: bool  # two parts of its own: a hyphen or an inner capital (al-Shabab, TimeWarner)
    name: tuple[str, str] | None  # (name, key) when it can be a person's or place's name
    folded: str | None  # the name folded
    # (word, key) for a capitalised word listed as no name (Senate, Tuesday, December): it
    # names no one, yet it is the right spelling a slip ("Sentae") departs from.
    listed: tuple[str, str] | None = None


def _key(token: str) -> str:
    return fold(strip_possessive(token)).replace("-", "")


def _token(token: str) -> _Token:
    name = _name_word(token)
    return _Token(
        _KEY[token],
        _is_capital_word(token),
        _has_parts([token]),
        name,
        None if name is None else fold(name[0]),
        None if name is not None else _listed_word(token),
    )


# Per-token answers shared by every story (emptied together by ``trim_memos``).
_KEY = token_memo(_key)
_TOKEN = token_memo(_token)
# A chosen capital, when not first in a sentence and when first (asked of words in runs).
_UNFORCED = token_memo(
    lambda token: (_unforced_capital(token, False), _unforced_capital(token, True))
)
_FOLD = token_memo(fold)
_WORD_BEFORE = token_memo(_word_before)
_WORD_AFTER = token_memo(_word_after)


class _Story:
    """One story as the checks see it: its StoryWords, what each of its capitalised words
    is, and which keys it also writes in lower case.

    Words without a capital are looked at only where a check needs them: a word that is
    lower-case ASCII letters and digits is its own key, and every other word is among
    ``sw.upper_tokens`` or ``sw.irregular_tokens``."""

    def __init__(self, document) -> None:
        self.sw = sw = story_words(document)
        upper = sw.upper_tokens
        self.info: dict[str, _Token] = dict(zip(upper, map(_TOKEN.__getitem__, upper)))
        # The words that can be part of a name (capitalised, no lower-case tail after a hyphen).
        self.capitals = {token for token, found in self.info.items() if found.capital}
        self._lowered: dict[str, bool] = {}
        self._other_keys: dict[str, list[str]] | None = None  # key -> tokens that are not their key
        self._lower_keys: set[str] | None = None

    def _index(self) -> None:
        other: dict[str, list[str]] = {}
        for token in self.sw.upper_tokens | self.sw.irregular_tokens:
            found = self.info.get(token)
            key = found.key if found is not None else _KEY[token]
            other.setdefault(key, []).append(token)
        self._other_keys = other

    def lowered(self, key: str) -> bool:
        """Whether the story writes a word with this key in lower case (so it is no name)."""
        found = self._lowered.get(key)
        if found is None:
            found = key[:1].islower() and _KEY[key] == key and self.sw.has_token(key)
            if not found and (not self.sw.plain_words or self.sw.may_write_lower(key)):
                if self._lower_keys is None:
                    sw = self.sw
                    self._lower_keys = {
                        _KEY[token]
                        for token in chain(sw.upper_tokens, sw.irregular_tokens)
                        if token[:1].islower()
                    }
                found = key in self._lower_keys
            self._lowered[key] = found
        return found

    def tokens_with_key(self, key: str) -> list[str]:
        """The distinct words of the story whose key is ``key``."""
        if self._other_keys is None:
            self._index()
        found = list(self._other_keys.get(key, ()))
        if key not in found and _KEY[key] == key and self.sw.has_token(key):
            found.append(key)
        return found

    def run_starts(self) -> list[int]:
        """Indices into ``sw.upper`` of the capitalised words that may start a multiword
        name (the next word, or the one after a connector, is capitalised) or are a name of
        parts on their own."""
        sw = self.sw
        text, upper = sw.text, sw.upper
        capitals = self.capitals
        texts = list(map(_TEXT, upper))
        caps = list(map(capitals.__contains__, texts))
        starts = []
        # Two capitalised words in a row: nothing but marks between them, or one connector.
        for k in compress(range(len(upper) - 1), map(and_, caps, caps[1:])):
            after, following = upper[k][3], upper[k + 1][0]
            if (
                following == after
                or text[after : after + 1] in _CONNECTOR_FIRSTS
                and (
                    (found := _CONNECTOR_AT_RE.match(text, after)) is not None
                    and found.end() == following
                )
            ):
                starts.append(k)
        # Where ``upper`` holds words without capitals too (rare capitals lower() keeps).
        for k in compress(range(len(upper) - 2), map(_CONNECTORS.__contains__, texts[1:])):
            if (
                caps[k]
                and caps[k + 2]
                and upper[k][3] == upper[k + 1][0]
                and upper[k + 1][3] == upper[k + 2][0]
            ):
                starts.append(k)
        parted = {token for token in capitals if self.info[token].parts}
        if parted:
            starts.extend(compress(range(len(upper)), map(parted.__contains__, texts)))
        return sorted(set(starts))


_TEXT = itemgetter(2)


def _match_case(suggestion: str, original: str) -> str:
    if original[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _minority_finding(document, occ: Occurrence, result, kind: str):
    return _finding(document, occ, result.majority, result.counts, result.first, kind)


def _finding(document, occ: Occurrence, majority: str, counts: dict, firsts: dict, kind: str):
    times = counts.get(majority, 0)
    line = document.line_of(firsts[majority])
    count = f"{times} times" if times != 1 else "once"
    message = (
        f"'{occ.text}' here, but '{majority}' elsewhere in this story ({count}, first on "
        f"line {line}); use one form throughout"
    )
    suggestion = _match_case(majority, occ.text) if (occ.initial or occ.heading) else majority
    return RULE.finding(
        occ.start,
        occ.end,
        message,
        suggestions=(suggestion,),
        data={"kind": kind, "form": occ.text, "majority": majority},
    )


def check(document, options: NamingOptions) -> Iterator:
    trim_memos()
    story = _Story(document)
    sw = story.sw
    found = []
    found.extend(_group_findings(document, options, sw))
    found.extend(_case_findings(document, story))
    found.extend(_name_findings(document, story, options.min_name_length))
    if options.spelling:
        prefer = None if options.prefer_spelling == NO_PREFERENCE else options.prefer_spelling
        found.extend(_spelling_findings(document, sw, prefer))
    # One finding a place: where two checks flag the same word ("WHite House" as a name of
    # two words, "WHite" as one), the one that names more of it.
    seen: set[int] = set()
    for finding in sorted(found, key=lambda f: (f.start, -f.end)):
        if finding.start not in seen:
            seen.add(finding.start)
            yield finding


RULE = Rule(
    id="inconsistent-naming",
    category="naming",
    severity="warning",
    check=check,
    doc=__doc__,
    options=NamingOptions,
)


@hookimpl
def newslint_rules():
    return [RULE]
