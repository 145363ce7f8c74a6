"""Near spellings of one recurring proper name: Brennan/Brenan, Mohammed/Mohammad,
Zelensky/Zelenskyy, Erdogan/Erdoğan (one letter added, dropped, changed or swapped, or only
diacritics differ), and slips in a capitalised word the story writes two or more times
("Conservatve" beside "Conservative", "Senote" beside "Senate").

Two spellings are one name spelt two ways only when the edit is a typing slip
(``plausible_pair``) and nothing says they are two people: different first names or
initials (Ruth Johnston, Boris Johnson), a Mr and a Ms, a first name and a place (Lyndon B.
Johnson, London). A slip must not be a common word of its own (Status beside States) nor a
word the story writes in lower case.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newslint.lazy import lazy_compile
from newslint.rules.inconsistent_naming.edits import edit_kind, one_edit_pairs
from newslint.rules.inconsistent_naming.multiword import SHIFT_SLIP_RE
from newslint.rules.inconsistent_naming.story import Story
from newslint.rules.inconsistent_naming.voting import Occurrence, Report, report
from newslint.rules.inconsistent_naming.words import (
    FEMALE_TITLES,
    MALE_TITLES,
    OPENING_WORDS,
    PARTICLES,
    fold,
    strip_possessive,
)
from newslint.text.lexicon import load_set
from newslint.text.varieties import is_spelling_pair

if TYPE_CHECKING:
    from newslint.document import Document

_INITIAL_RE = lazy_compile(r"[A-Z]\.")
# Kinds of one-letter difference that are typing slips rather than two real names. Two
# short names one consonant apart are usually two names (Bolton, Boston; Preston, Peston).
_SLIPS = frozenset({"double", "swap", "vowel"})
_LONG_NAME = 8
# A word this common (Zipf frequency x 100: 3.5 is about three times per million words) and
# in the dictionary is a word of its own, not a slip in a name.
_COMMON_WORD = 350


@dataclass(slots=True)  # one per name word: a long story has tens of thousands
class Name:
    """One spelling of a capitalised word and everything the story says around it (the
    sets stay the one empty frozenset until something is added: most names have none)."""

    surface: str
    starts: list[int] = field(default_factory=list)  # prose offsets
    initials: list[bool] = field(default_factory=list)  # capital forced by position, each
    given: frozenset[str] = frozenset()  # first names (or initials) written before it
    following: frozenset[str] = frozenset()  # surnames written after it
    titles: frozenset[str] = frozenset()  # Mr, Ms... written before it
    quoted: list[bool] = field(default_factory=list)  # inside quotation marks, each
    # The story also writes the word in lower case ("Budget" and "budget"), or it is a word
    # listed as no name: no name to be misspelt, but still the right spelling that a slip
    # ("Budgett") departs from.
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

    def placed(self, letters: bool) -> bool:
        """Written at least once where its capital is not forced by position; outside
        quotation marks too unless only the letters are compared."""
        return any(not forced for forced in self.initials) if letters else self.named

    def first_vote(self) -> int:
        """Where the name is first written in the writer's own prose (else first at all)."""
        return next((s for s, q in zip(self.starts, self.quoted) if not q), self.starts[0])


def _name_words(story: Story) -> dict[str, None]:
    """The name words of the story written outside its furniture, in order of first use."""
    words: dict[str, None] = {}
    for start, _, raw, _ in story.capital_words:
        token = story.info[raw]
        found = token.name or token.listed
        if found is not None and found.word not in words and not story.aside(start):
            words[found.word] = None
    return words


def _names(story: Story, wanted: set[str]) -> dict[str, Name]:
    """The ``wanted`` name words of the story outside its furniture, with what surrounds
    them."""
    forced = story.forced
    names: dict[str, Name] = {}
    for start, end, raw, _ in story.capital_words:
        token = story.info[raw]
        found = token.name or token.listed
        if found is None or found.word not in wanted or story.aside(start):
            continue
        # A headline's capitals are its style, but its letters are the story's spelling: it
        # counts as a capital forced by position.
        heading = story.in_heading(start)
        word, key = found
        entry = names.get(word)
        if entry is None:
            entry = names[word] = Name(word, lowered=token.name is None or story.lowered(key))
        entry.starts.append(start)
        entry.initials.append(heading or start in forced)
        entry.quoted.append(story.keeps_own_forms(start))
        previous = story.prev_linked(start)
        if previous is not None:
            before = story.before[previous.text]
            if before is not None and (
                before.is_title
                or not (before.value in OPENING_WORDS or story.lowered(before.value))
            ):
                # ("And Trump", "When Trump": a sentence's opening word is no first name)
                if before.is_title:
                    entry.titles |= {before.value}
                else:
                    entry.given |= {before.value}
            elif len(previous.text) == 1 and previous.text.isupper() and previous.text not in "AI":
                entry.given |= {previous.text + "."}  # "M Horan" and "S Horgan": two players
        if raw == word:
            following = story.next_linked(end)
            if following is not None and following.text in PARTICLES:
                following = story.next_linked(following.end)  # Mohammed bin Salman
            if following is not None:
                after = story.after[following.text]
                if after is None and _INITIAL_RE.fullmatch(
                    story.text, following.start, following.end + 1
                ):
                    after = following.text.lower() + "."  # Lyndon B. Johnson: a first name
                if (
                    after is not None
                    and not after.endswith(".")
                    and (after in load_set("institution_nouns.txt") or story.lowered(after))
                ):
                    after = None  # the Clinton Foundation, the White House: no surname
                if after is not None:
                    entry.following |= {after}
    return names


def _different_people(a: Name, b: Name) -> bool:
    if a.given and b.given and not (a.given & b.given):
        return True  # Ruth Johnston and Boris Johnson
    # A first name: written before a surname, never after a first name of its own.
    a_first, b_first = a.following and not a.given, b.following and not b.given
    if a_first and b_first and not (a.following & b.following):
        return True  # first names of two people: Julian Smith and Julien Dupont
    if (a_first and b.given) or (b_first and a.given):
        return True  # Jennifer Lopez, and a singer introduced as "the French singer Jenifer"
    a_male, a_female = bool(a.titles & MALE_TITLES), bool(a.titles & FEMALE_TITLES)
    b_male, b_female = bool(b.titles & MALE_TITLES), bool(b.titles & FEMALE_TITLES)
    return (a_male and b_female and not a_female) or (a_female and b_male and not a_male)


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
    return bool(entry.in_dictionary and entry.zipf100 >= _COMMON_WORD)


def plausible_pair(a: str, b: str, min_length: int, recurring: bool = False) -> bool:
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


def _may_have_near_names(story: Story, min_length: int) -> bool:
    """Whether two of the story's name words could be read as one name spelt two ways:
    checked on its distinct capitalised words (headlines and words also written in lower
    case included), before finding where each stands."""
    folds: dict[str, str] = {}  # surface -> folded
    for token in story.capital_texts:
        info = story.info[token]
        if info.name is not None and info.folded is not None:
            folds[info.name.word] = info.folded
        elif info.listed is not None:
            folds[info.listed.word] = fold(info.listed.word)
    by_fold = {folded: surface for surface, folded in folds.items()}
    if len(by_fold) < len(folds):
        return True  # Erdogan / Erdoğan
    keys = (k for k in by_fold if len(k) >= min_length - 1)
    return any(
        plausible_pair(by_fold[a], by_fold[b], min_length, recurring=True)
        for a, b in one_edit_pairs(keys, max_bucket=None)
    )


def near_spelling_findings(document: Document, story: Story, min_length: int) -> Iterator[Report]:
    """Each occurrence of the minority spelling of a name written two ways."""
    if not _may_have_near_names(story, min_length):
        return
    # Which spellings pair up is known from the words alone; what surrounds each is
    # gathered only for those (a long story names thousands of people and places once).
    by_key: dict[str, list[str]] = {}
    for word in _name_words(story):
        by_key.setdefault(fold(word), []).append(word)
    word_pairs: list[tuple[str, str]] = []
    for words in by_key.values():  # Erdogan / Erdoğan
        for i, first in enumerate(words):
            word_pairs.extend((first, second) for second in words[i + 1 :])
    for ka, kb in one_edit_pairs(k for k in by_key if len(k) >= min_length - 1):
        word_pairs.extend((first, second) for first in by_key[ka] for second in by_key[kb])
    if not word_pairs:
        return
    names = _names(story, {word for pair in word_pairs for word in pair})
    pairs = [(names[first], names[second]) for first, second in word_pairs]

    flagged: set[int] = set()
    for a, b in pairs:
        # Letters that differ are the writer's to get right, in a quotation too (a speaker
        # says a name, the reporter spells it); capitals, accents and apostrophes in a
        # quotation are its author's: only the writer's own prose votes on those.
        letters = fold(a.surface) != fold(b.surface)
        va, vb = (len(a.starts), len(b.starts)) if letters else (a.votes, b.votes)
        if not (a.placed(letters) or b.placed(letters)):
            continue
        # A name written twice or more beside one written once, not where a capital is
        # forced ("Write to ..." is no "White").
        recurring = (
            min(len(a.starts), len(b.starts)) == 1
            and max(va, vb) >= 2
            and not (a.initials == [True] or b.initials == [True])
        )
        if not plausible_pair(a.surface, b.surface, min_length, recurring):
            continue
        if not (a.lowered or b.lowered) and _different_people(a, b):
            continue  # (a word that names no one, "Senate" or "President", is nobody's name)
        if va == vb:
            if bool(a.given) != bool(b.given):
                major, minor = (a, b) if a.given else (b, a)  # the fuller form: "Jane Brennan"
            elif va == 1:
                # Once each: the fuller spelling (a dropped letter is the commonest slip),
                # else the earlier.
                major, minor = (
                    (a, b)
                    if (-len(a.surface), a.first_vote()) < (-len(b.surface), b.first_vote())
                    else (b, a)
                )
            else:
                continue  # no evidence which spelling is the story's
        else:
            major, minor = (a, b) if va > vb else (b, a)
        # Found only because one spelling recurs, or against a word that names no one: a
        # common word is then a word of its own (Status beside States), no slip.
        relaxed = major.lowered or not plausible_pair(a.surface, b.surface, min_length)
        if letters and relaxed and _common_word(minor.surface):
            continue
        if not major.placed(letters) or minor.lowered or (major.lowered and not recurring):
            continue  # a word written in lower case is no slip; the right form needs a majority
        if any(f.endswith(".") for f in minor.following) and not (
            major.following or major.given or major.titles
        ):
            continue  # the first name Lyndon (B. Johnson), and the city London
        firsts = {
            major.surface: major.starts[0] if letters else major.first_vote(),
            minor.surface: minor.starts[0],
        }
        counts = {
            major.surface: va if major is a else vb,
            minor.surface: vb if major is a else va,
        }
        # In a quotation only a slip is reported: letters that differ, or a shift-key
        # capital ("WHite"). A speaker's capitals and accents are theirs.
        quote_slip = letters or SHIFT_SLIP_RE.search(minor.surface) is not None
        for start, forced, quoted in zip(minor.starts, minor.initials, minor.quoted):
            if start in flagged or (quoted and not quote_slip):
                continue
            flagged.add(start)
            occ = Occurrence(
                start,
                start + len(minor.surface),
                minor.surface,
                minor.surface,
                initial=forced,
            )
            yield report(document, occ, major.surface, counts, firsts, "name")
