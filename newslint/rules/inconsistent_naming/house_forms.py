"""Variant groups: forms a desk knows belong to one entity (U.S./US, government/Govt,
Kyiv/Kiev, ISIS/ISIL/Daesh), listed in ``newslint/data/naming_variants.txt`` and in the
``groups`` option. A story that writes two forms of one group has the minority flagged.

A form with a capital matches only as written ("US" is never the pronoun "us"); a
lower-case form matches in any case. A ``full`` name may stand beside any one form
("Islamic State (IS)"); a ``body_only`` group ignores headlines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.lazy import lazy_compile
from newslint.rules.inconsistent_naming.story import Story
from newslint.rules.inconsistent_naming.voting import Occurrence, Report, minority_report, vote
from newslint.rules.inconsistent_naming.words import is_all_caps
from newslint.text.lexicon import load_lines

if TYPE_CHECKING:
    from newslint.document import Document


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
        return _checked(VariantGroup(_names(spec, spec)), spec)
    if isinstance(spec, dict):
        # ValueError, as for every other bad group: config loading reports those. A value of
        # the wrong type is refused, not converted: 1 is no name, "no" is not false.
        unknown = sorted(set(spec) - TABLE_KEYS)
        if unknown:
            raise ValueError(f"inconsistent-naming: unknown key {unknown[0]!r} in {spec!r}")
        prefer = spec.get("prefer")
        body_only_value = spec.get("body-only", spec.get("body_only", False))
        if not (prefer is None or isinstance(prefer, str)) or not isinstance(body_only_value, bool):
            raise ValueError(
                f"inconsistent-naming: 'prefer' must be a string, 'body-only' true or false, "
                f"in {spec!r}"
            )
        group = VariantGroup(
            _names(spec.get("forms", ()), spec),
            _names(spec.get("full", ()), spec),
            body_only_value,
            prefer or None,
        )
        if group.prefer and group.prefer not in group.forms:
            group = VariantGroup(
                (group.prefer, *group.forms), group.full, group.body_only, group.prefer
            )
        return _checked(group, spec)
    raise ValueError(
        f"inconsistent-naming: a variant group must be a list of forms or a table, not {spec!r}"
    )


# The keys of a group written as a table (body_only: the older spelling).
TABLE_KEYS = frozenset({"forms", "prefer", "full", "body-only", "body_only"})


def _names(value: Any, spec: Any) -> tuple[str, ...]:
    """A group's forms or full names as a config writes them: a list of strings."""
    if not isinstance(value, (list, tuple)) or not all(isinstance(f, str) for f in value):
        raise ValueError(f"inconsistent-naming: forms must be lists of strings in {spec!r}")
    return tuple(value)


def _checked(group: VariantGroup, spec: Any) -> VariantGroup:
    if len(group.forms) < 2 or not all(f.strip() for f in group.forms):
        raise ValueError(f"inconsistent-naming: a variant group needs two or more forms: {spec!r}")
    return group


@cache  # one data file, read once
def builtin_groups() -> tuple[VariantGroup, ...]:
    return tuple(parse_group(line) for line in load_lines("naming_variants.txt"))


def variant_groups(extra: tuple[Any, ...] = ()) -> tuple[VariantGroup, ...]:
    """The built-in groups followed by ``extra`` (the ``groups`` option: a newsroom's own)."""
    return builtin_groups() + tuple(parse_group(g) for g in extra)


def option_group(spec: object) -> VariantGroup:
    """A group of the ``groups`` option; its error names the rule already."""
    try:
        return parse_group(spec)
    except ValueError as exc:
        raise ValueError(str(exc).removeprefix("inconsistent-naming: ")) from None


# --- finding the forms in a story -----------------------------------------------------


class GroupForm(NamedTuple):
    """A form as the matcher knows it: its group (an index) and its spelling there."""

    group: int
    form: str


def _form_pattern(form: str) -> str:
    body = r"\s+".join(re.escape(part) for part in form.split())
    return f"(?i:{body})" if form == form.lower() else body


_ASCII = [chr(c) for c in range(128)]
_AHEAD = 4  # characters after the first that a candidate start must also show


def _start_filter(forms: Iterable[str]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """A regex matching (one character) wherever one of ``forms`` could start: its first
    letter (any ASCII letter a lower-case form folds to), not after a word character or a
    point, and followed by the form's next few characters (up to its first space). And, when
    a form ignores case, one for the non-ASCII letters it may fold to (Kelvin K, long s)."""
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
    other = re.compile(r"[^\W\x00-\x7f](?<![\w.].)", re.DOTALL) if any_case else None
    return starts, other


@dataclass(frozen=True)
class GroupMatcher:
    """Every form of every group as one regex, and what each surface stands for."""

    regex: re.Pattern[str]
    exact: dict[str, GroupForm]  # surface -> its group and form
    folded: dict[str, GroupForm]  # lower-case surface -> the same, for lower-case forms
    starts: re.Pattern[str]  # where a form may start: a superset of where ``regex`` matches
    other_starts: re.Pattern[str] | None  # the same for non-ASCII text, when a form ignores case

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
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

    def lookup(self, surface: str) -> GroupForm | None:
        """The group and form ``surface`` (white space made single) stands for."""
        return self.exact.get(surface) or self.folded.get(surface.lower())


@lru_cache(maxsize=64)  # bounded: one matcher per distinct ``groups`` option
def matcher(groups: tuple[VariantGroup, ...]) -> GroupMatcher:
    exact: dict[str, GroupForm] = {}
    folded: dict[str, GroupForm] = {}
    forms: set[str] = set()
    for index, group in enumerate(groups):
        for form in (*group.forms, *group.full):
            key = " ".join(form.split())
            forms.add(key)
            if key == key.lower():
                folded.setdefault(key, GroupForm(index, form))
            else:
                exact.setdefault(key, GroupForm(index, form))
    alternation = "|".join(_form_pattern(f) for f in sorted(forms, key=len, reverse=True))
    regex = re.compile(rf"(?<![\w.])(?:{alternation})(?![\w]|\.\w)")
    starts, other_starts = _start_filter(forms)
    return GroupMatcher(regex, exact, folded, starts, other_starts)


_CAPS_WORD_RE = lazy_compile(r"[A-Z]{2,}")
_EDGE_MARKS = ".,:;!?\"'“”‘’"


def _shouted_around(text: str, start: int, end: int) -> bool:
    """Whether the words either side of ``start:end`` are written in capitals."""
    before = text[max(0, start - 30) : start].split()
    after = text[end : end + 30].split()
    return (
        bool(before)
        and bool(after)
        and _CAPS_WORD_RE.fullmatch(before[-1].strip(_EDGE_MARKS)) is not None
        and _CAPS_WORD_RE.fullmatch(after[0].strip(_EDGE_MARKS)) is not None
    )


# "also known as ISIS or ISIL", "a.k.a.", "(ISIS, or ISIL)": a writer naming the other forms
# on purpose. The range runs to the end of the clause (or of the brackets).
_ALIAS_RE = lazy_compile(
    r"\b(?:(?:also|otherwise|commonly|widely|better|formerly|previously|sometimes) )?"
    r"(?:known|called|referred to|written|spelled|spelt) as\b[^.;:()\n]{0,80}"
    r"|\ba\.?k\.?a\.?(?!\w)[^.;:()\n]{0,80}"
    r"|\((?=[^()\n]{0,60}\bor\b)[^()\n]{1,80}\)"
)


class _Found(NamedTuple):
    """A form of a group, found in the story."""

    start: int
    end: int
    form: str
    surface: str  # as written, white space made single


def house_form_findings(
    document: Document, own_groups: tuple[VariantGroup, ...], story: Story
) -> Iterator[Report]:
    """The minority forms of every variant group the story mixes: the built-in groups and
    ``own_groups`` (the ``groups`` option)."""
    groups = variant_groups(own_groups)
    found_matcher = matcher(groups)
    per_group: dict[int, list[_Found]] = {}
    for block in document.blocks:
        if is_all_caps(block.text):
            continue
        for match in found_matcher.finditer(block.text):
            surface = " ".join(match.group(0).split())
            hit = found_matcher.lookup(surface)
            if hit is None:
                continue
            if hit.form.isupper() and _shouted_around(block.text, match.start(), match.end()):
                continue  # "ALERT US TO WRONGDOING": a line in capitals, where "US" is a pronoun
            if hit.form not in groups[hit.group].full:
                per_group.setdefault(hit.group, []).append(
                    _Found(
                        block.start + match.start(), block.start + match.end(), hit.form, surface
                    )
                )
    aliases: list[tuple[int, int]] | None = None
    for index, found in per_group.items():
        if len({f.form for f in found}) < 2:
            continue  # one form: nothing to vote on
        if aliases is None:
            aliases = [m.span() for m in _ALIAS_RE.finditer(document.text)]
        # A quotation keeps its speaker's form, furniture is not prose, and an alias given
        # on purpose ("also known as ISIL") is no inconsistency: none of them votes.
        found = [
            f
            for f in found
            if not (story.aside(f.start) or any(lo <= f.start < hi for lo, hi in aliases))
        ]
        if len({f.form for f in found}) < 2:
            continue
        group = groups[index]
        occurrences = []
        for f in found:
            own = story.token_at(f.start) is not None  # a word starts it ("US", not "pro-US")
            in_heading = story.in_heading(f.start)
            if in_heading and group.body_only:
                continue
            occurrences.append(
                Occurrence(
                    f.start,
                    f.end,
                    f.form,
                    f.surface,
                    initial=own and f.start in story.forced,
                    heading=in_heading,
                    quoted=story.quoted(f.start),
                    caption=story.in_caption(f.start),
                )
            )
        result = vote(occurrences, prefer=(group.preferred,))
        if result is None:
            continue
        for occ in result.minority:
            yield minority_report(document, occ, result, "group")
