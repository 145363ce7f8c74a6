"""A lower-case word that is no English word but one slip from a common one: "goverment".

Keyboard slips (a letter dropped, doubled, swapped with its neighbour, a vowel changed) are
what editors expect a checker to catch first, and no server is needed to catch them. Two
word lists from installed packages decide, both British and American: two spelling
dictionaries (symspellpy's, from SCOWL, and pyspellchecker's) say what is a word, and
wordfreq's large English list says how often each word is written on the web.

A word is accepted when a dictionary has it (or has its British or American twin), when it
is common on the web (once in a million words: "coronavirus", "tweeted"), or when it is a
known word with an English prefix or suffix ("reopenings", "nondefense", "tieless", "snitty",
"rueing"), unless the same stem and suffix spelt the other way (consonant doubled or not,
"e" kept or dropped) is far more common ("commited", "stoping"). A common misspelling is
never a word, however often the web writes it: the list marks the misspellings of
codespell's list (grown from Wikipedia's lists of common misspellings) that no dictionary
has ("occured", "untill", "tommorow"), or only SCOWL's unabridged lists have, beside a far
more common correction ("publically", "supercede"); it is flagged with its correction
first, even two edits away. Otherwise a word is flagged when a common word lies one edit
away and the word is either rare on the web (under once in 30 million words: "maraton") or
a misspelling by its frequency: that common word with a typing slip past its first letter
and a hundred times rarer ("recieve", "definately"). A word the web
writes that is one edit only from words with another first letter is a term of its own
("oche" beside "ache"). A rare word with no common word one edit away is taken for a
coinage, a name or a foreign word and left alone, unless it is two common words run
together ("willmean"). Suggestions are ranked: the words it is a typing slip of, then those
that keep its first letter, then the rest, the most common first within each; two common
words run together ("paycuts" -> "pay cuts") come before a word with a letter changed into
an unrelated one ("payouts"). Where the story's variety is known (``variety``, or else most
of the story's own lower-case British or American spellings: "colour", "theatre"), that
variety's spelling comes first ("cente": "centre" before "center" in British copy); else the
more common one does. The first suggestion is the fix.

What it checks, deliberately:

- Only words written wholly in lower case. A capitalised word may be a name, and names are
  the naming rule's job, so capitalised words are never checked, at the start of a sentence
  too: a slip there is missed rather than every unfamiliar name flagged.
- Contractions and possessives with straight or curly apostrophes ("don't", "officials’"):
  the word before "'s" is checked, and the suggestion keeps the story's apostrophe.
- The parts of a hyphenated compound, where a part is no English word at all ("well-knwon"),
  unless the parts written together are a word ("e-mail"); rare halves stay ("touchy-feely").
- Not checked: the story's furniture (``document.regions.aside``: handles, hashtags, URLs,
  e-mail addresses, datelines, embedded posts, speaker labels, tables, promotions, photo
  credits), a word glued to ``@``, ``#``, ``/``, ``_`` or a dot between letters (file names,
  paths), words with digits (``5G``, ``£2bn``, ``10,000m``), words of one or two letters,
  short words without a vowel (abbreviations: "btwn"), square-bracketed changes in
  quotations ("[A]dding"), inline and block code.
- Not checked either: foreign phrases, which keep their own spelling ("listos" is no slip of
  "lists"). A word is taken to stand in one beside a lower-case word with accented letters
  or a French or Italian elision ("raison d'etre"), or inside a quotation that is foreign:
  one where two or more words look misspelt, or one that holds another word English does not
  know (no dictionary has it, the web seldom writes it, it is no slip of an English word:
  "todos"; the quotation's first word counts in lower case) and none of English's commonest
  function words ("the", "and", "we", "with"...). Foreign quotations are judged by these
  signs rather than by a share of unknown words because their short words ("la", "de",
  "para", "die") are on the web's English list too. So a single slip in an English
  quotation is still flagged, and a name in it proves nothing (capitalised words inside a
  quotation are not counted); a foreign word outside quotation marks and with no accent
  beside it is checked like any other.

British and American spellings are both accepted. ``variety = "british"`` (or
``"american"``) flags the other variety's spelling of a word listed in
``newslint/data/british_american.txt`` and suggests this variety's; a story that mixes the
two is ``inconsistent-naming``'s concern.

Words the desk accepts: the config's ``vocabulary`` (inline or a newsroom word-list file,
see the README), ``vocabulary`` in ``[rules.spelling]``, a Markdown story's front matter key
``newslint-vocabulary`` (``newslint-vocabulary: [maunga, kaimahi]``, or one ``- word`` a line),
and a suppression comment (``<!-- newslint-disable-next-line spelling -->``).

## Wrong

```text
The [[goverment]] said the new [[maraton]] route would avoid the city centre.
```

```text
Officials said they would [[recieve]] the report [[justfor]] the record, which [[occured]] late.
```

```markdown
The council's well-[[knwon]] plan was [[commited]] to paper, and that [[willmean]] delays.
```

## Right

```text
The government said the marathon would pass the theatre and the theater district.
```

```text
Zelensky's aide tweeted from @kyivindependent about #Ukraine and 5G masts at example.org/news.
```

```text
Supporters chanted "Todos con las familias" outside; the group's raison d'etre is plain.
```

```markdown
---
newslint-vocabulary: [maunga]
---
The e-mail said the hui below the maunga had drawn a touchy-feely crowd to the £2bn centre,
10,000m from the 5G mast.
```

## Fix safety

Unsafe: the fix writes the first suggestion, but a slip can be one edit from several words
("compueted": completed, competed, computed) and only a person knows which was meant; it is
applied only with ``--unsafe-fixes``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from newslint.lazy import lazy_compile
from newslint.model import Edit, Finding, unsafe_fix
from newslint.options import Choice, Words, option
from newslint.rule import Rule, hookimpl
from newslint.text.varieties import (
    AMERICAN,
    BRITISH,
    spelling_table,
    spelling_variety,
    written_runs,
)
from newslint.text.words import WORD_RE, distinct_words

if TYPE_CHECKING:
    from newslint.document import Document
    from newslint.text.wordlist import WordList

VARIETIES = ("both", BRITISH, AMERICAN)


@dataclass(frozen=True)
class SpellingOptions:
    """The spelling rule's options ([rules.spelling])."""

    variety: str = option(
        Choice(*VARIETIES), "both", "Which variety's spellings are right; the other's are flagged."
    )
    vocabulary: frozenset[str] = option(
        Words(), frozenset(), "Words the desk accepts, besides the config's vocabulary."
    )


FRONT_MATTER_KEY = "newslint-vocabulary"

# Zipf x 100 (wordfreq's scale: 3.0 is once per million words).
COMMON = 300  # a word this common on the web is a word, dictionary or not ("coronavirus")
RARE = 150  # under this (once in 30 million words), a word outside the dictionary is a slip
# Between RARE and COMMON, a word outside the dictionary is a slip only when a word one edit
# away is a hundred times as common: "goverment" (2.66) beside "government" (5.57).
MISSPELLING_GAP = 200
# ...and the rare word is that word with a typing slip past its first letter (a letter
# dropped, doubled, swapped or a vowel changed): slang, foreign and old words beside common
# ones differ otherwise ("forma" and "form", "muso" and "must", "dribs" and "ribs").
VOWELS = "aeiou"
# A derivation spelt one way is a slip when the same stem and suffix spelt the other way
# (consonant doubled or not, "e" kept or dropped) is ten times as common: "commited".
SIBLING_GAP = 100
SPLIT_PART = 400  # "justfor": each part at least this common...
SPLIT_FUNCTION_WORD = 600  # ...and one of them as common as "for", "the", "will", "is"
# (two nouns run together are more often a compound the dictionary lacks: "tipsheet")
MIN_LENGTH = 3
MAX_LENGTH = 45  # longer "words" are not prose, and edits of them would cost their length squared
NEAR = 200  # characters looked at around a slip for URLs, labels and parentheses
FOREIGN_WINDOW = 40  # characters either side of a slip searched for other foreign words
# English quoted speech holds some of these; a foreign quotation, whose own short words
# ("la", "de", "para", "die") the web list knows as English words, holds none. Words that
# are function words of French, Spanish, Italian or German too ("a", "in", "was", "will",
# "so") are left out.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the and of to is are were it its this that these those we you they our your their "
    "with for have has would not be been what which there here he she his him them my me "
    "from but or if than then at by do does did can could should just about".split()
)

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# A rare word made of a known word and one of these is a derivation, not a slip
# ("reopenings", "strugglers", "nondefense", "outraised"): news coins them daily.
_SUFFIXES = (
    "s",
    "es",
    "ed",
    "d",
    "ing",
    "ings",
    "er",
    "ers",
    "r",
    "rs",
    "ly",
    "ness",
    "able",
    "maker",
    "makers",
    "wide",
    "long",
    "ship",
    "less",
    "like",
    "hood",
    "y",  # only after a doubled consonant: "snitty" <- "snit"
)
_PREFIXES = (
    "un",
    "non",
    "re",
    "de",
    "dis",
    "mis",
    "pre",
    "post",
    "pro",
    "anti",
    "counter",
    "over",
    "under",
    "out",
    "mid",
    "multi",
    "co",
    "sub",
    "super",
    "inter",
    "extra",
    "self",
    "semi",
    "cross",
    "down",
    "up",
    "mega",
    "micro",
    "cyber",
    "tri",
    "bi",
)
# A word or a hyphenated compound in letters only, with apostrophes inside.
_LETTER_WORD_RE = lazy_compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_APOSTROPHE_SUFFIXES = ("s", "ll", "re", "ve", "d", "m")
# In the run of non-space text around a word: signs of a file name, a path, words joined
# by a slash or markup, none of them prose, which the story's furniture does not mark
# (handles, URLs and e-mail addresses it does: ``regions.aside``).
# Square brackets mark an editor's change inside a quotation ("[A]dding"): the word
# is read whole by the reader, not as its halves.
_NOT_PROSE_RE = lazy_compile(r"[@#/\\_=<>{}|~^*+\[\]]|\w\.\w|://")
_SPACE_RE = lazy_compile(r"\s")
# An article or preposition elided before a word: French and Italian, not English
# ("d'etre", "l'etat", "qu'il"; English's own elisions are "c'mon", "n'", "y'all").
_ELISION_RE = lazy_compile(r"(?:d|l|qu|j)['’][^\W\d_]{2,}")
_FRONT_MATTER_RE = lazy_compile(
    r"\A(?:---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)", re.DOTALL
)
_KEY_RE = lazy_compile(rf"^{FRONT_MATTER_KEY}[ \t]*[:=][ \t]*(.*)$", re.MULTILINE)
_ITEM_RE = lazy_compile(r"^[ \t]*-[ \t]+(.+?)[ \t]*$")


class Slip(NamedTuple):
    """A misspelt word (or part of a compound) at ``start:end`` and what to write instead."""

    start: int
    end: int
    word: str  # the word looked up: the part of a compound, the word before "'s"
    suggestions: tuple[str, ...]
    reason: str


def _word_list() -> WordList:
    from newslint.text.wordlist import word_list

    return word_list()


# The distinct words a Speller remembers answers for before it forgets them all (between
# stories): memory stays flat over an archive, and a story's own words are always kept.
_MEMO_LIMIT = 5_000


@lru_cache(maxsize=16)
def speller_for(accepted: frozenset[str], variety: str) -> Speller:
    """One Speller per accepted-word set and variety, shared by the stories of a run (and by
    later runs in the process)."""
    return Speller(accepted, variety)


def edits1(word: str) -> set[str]:
    """Every string one edit from ``word``: a letter dropped, swapped with its neighbour,
    changed or added (an optimal-string-alignment distance of one)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = set()
    for left, right in splits:
        if right:
            out.add(left + right[1:])
            for char in _LETTERS:
                out.add(left + char + right[1:])
        if len(right) > 1:
            out.add(left + right[1] + right[0] + right[2:])
        for char in _LETTERS:
            out.add(left + char + right)
    out.discard(word)
    return out


class Speller:
    """Decides whether a lower-case word is a slip, against the word list and the accepted
    words; remembers its answers (a story repeats its words, a corpus its vocabulary)."""

    def __init__(self, accepted: frozenset[str], variety: str = "both") -> None:
        self.words = _word_list()
        self.accepted = accepted
        self.variety = variety
        self._memo: dict[str, tuple[tuple[str, ...], str] | None] = {}
        # Each lower-case token's slips, offsets relative to its start (most: none).
        self.verdicts: dict[str, tuple[Slip, ...]] = {}

    def suggestions(self, word: str) -> list[str]:
        """Common words one edit away: first those ``word`` is a typing slip of, then those
        that keep its first letter (a first letter is seldom mistyped: "hesistant" is
        "hesitant" before "resistant"), the most common first within each."""
        zipf = self.words.zipf100
        near = edits1(word) & self.words.common()
        return sorted(near, key=lambda c: (_likeness(word, c), -zipf(c), c))

    def split(self, word: str, *, function_word: bool = True) -> str | None:
        """Two common words run together ("justfor" -> "just for"), or None. With
        ``function_word`` one of them must be as common as "for" or "will"; without it two
        common nouns will do ("paycuts" -> "pay cuts"), for a word already found misspelt."""
        zipf = self.words.zipf100
        floor = SPLIT_FUNCTION_WORD if function_word else SPLIT_PART
        # Without a function word, parts of three letters or more that a dictionary has:
        # not "commit ed", "sa they".
        shortest = 2 if function_word else 3
        best = None
        for i in range(shortest, len(word) - shortest + 1):
            left, right = word[:i], word[i:]
            scores = zipf(left), zipf(right)
            score = min(scores)
            if (
                score >= SPLIT_PART
                and max(scores) >= floor
                and (best is None or score > best[0])
                and (function_word or self.words.entry(left).in_dictionary)
                and (function_word or self.words.entry(right).in_dictionary)
            ):
                best = (score, f"{left} {right}")
        return best[1] if best else None

    def known(self, word: str) -> bool:
        """In the dictionary (or its other variety's spelling is), or common on the web."""
        # The entry alone answers: the common-word set (``WordList.common``) is exactly the
        # entries of Zipf COMMON or more, and building it costs some 5 ms, which only a story
        # with a real candidate slip (suggestions) should pay.
        entry = self.words.entry(word)
        if entry.in_dictionary or entry.zipf100 >= COMMON:
            return True
        other = spelling_variety(word)
        return other is not None and self.words.entry(other[2]).in_dictionary

    def derived(self, word: str) -> bool:
        """A known word with a prefix or a suffix added: "nondefense", "reopenings",
        "tieless", "rueing"; but not a misspelt derivation, one whose other spelling from the
        same word is far more common ("commited", "truely", "comeing")."""
        for prefix in _PREFIXES:
            rest = word[len(prefix) :]
            if (
                word.startswith(prefix)
                and len(rest) >= 4
                and (self.known(rest) or self.suffixed(rest))
            ):
                return True
        return self.suffixed(word)

    def suffixed(self, word: str) -> bool:
        """A known word with a suffix added by the spelling rules of English: "strugglers"
        (struggle + rs), "hirings", "shipped" (a doubled consonant), "snitty"; but not
        "roadd", "reasonss", "startted", nor a word that the same stem and suffix spell far
        more often another way ("commited": "committed")."""
        readings = [r for r in suffix_readings(word) if self._stem_known(r.stem)]
        if not readings:
            return False
        floor = max(COMMON, self.words.zipf100(word) + SIBLING_GAP)
        return not any(
            self.words.zipf100(other) >= floor for reading in readings for other in reading.others
        )

    def _stem_known(self, stem: str) -> bool:
        # A stem of three letters must be a common word ("tie", "rue", "fame" less its "e"
        # is not one): short rare stems would read too many slips as derivations.
        if len(stem) == 3:
            return self.words.zipf100(stem) >= COMMON
        return self.known(stem) or stem in self.accepted

    def check(self, word: str) -> tuple[tuple[str, ...], str] | None:
        """(suggestions, reason) when ``word`` is a slip, else None."""
        if word in self._memo:
            return self._memo[word]
        found = None
        corrections = self.words.entry(word).corrections
        if word in self.accepted:
            pass
        elif corrections:
            # A common misspelling (codespell's list): the web writes it often enough to pass
            # for a word ("occured", "untill"), and its correction may be two edits away
            # ("tommorow"). Its corrections first, then the words it is a slip of.
            near = [c for c in self.suggestions(word) if c[0] == word[0] and c not in corrections]
            ranked = self._ranked(word, near) if near else ()
            found = ((*corrections, *ranked)[:3], "a common misspelling")
        elif not self.known(word):
            found = self._unknown(word)
        self._memo[word] = found
        return found

    def unfamiliar(self, word: str) -> bool:
        """A word English does not know and no slip of one: a name, a coinage or a
        foreign word ("vamos")."""
        return (
            len(word) >= MIN_LENGTH
            and word not in self.accepted
            and not self.words.entry(word).corrections
            and not self.known(word)
            and not self.derived(word)
            and self._unknown(word) is None
        )

    def _unknown(self, word: str) -> tuple[tuple[str, ...], str] | None:
        """(suggestions, reason) when ``word``, which no dictionary has, is a slip."""
        score = self.words.zipf100(word)
        near = self.suggestions(word)
        if near and score >= RARE:
            # A rare word that is also a typing slip of a far more common one.
            floor = score + MISSPELLING_GAP
            if not any(keyboard_slip(word, c) and self.words.zipf100(c) >= floor for c in near):
                near = []
        elif score:
            # A word the web writes, one edit only from words of another first letter,
            # is a term of its own ("oche" beside "ache"), not a slip of theirs.
            near = [c for c in near if c[0] == word[0]]
        if near and not self.derived(word):
            return self._ranked(word, near), "not in the dictionary"
        if not near and score == 0 and not self.derived(word):
            joined = self.split(word)
            if joined:
                return (joined,), "two words run together"
        return None

    def _ranked(self, word: str, near: list[str]) -> tuple[str, ...]:
        """The first three suggestions: the words ``word`` is a typing slip of or has a
        letter added to, then two common words run together ("andhow" ->
        "and how", "paycuts" -> "pay cuts"), then the rest: a lost space is likelier than a
        letter changed into an unrelated one ("anyhow", "payouts")."""
        # Only where no word is a typing slip of it ("marrage" is "marriage", not "mar rage").
        joined = None if _likeness(word, near[0]) == 0 else self.split(word, function_word=False)
        if joined:
            likelier = [
                c
                for c in near
                if _likeness(word, c) == 0 or (_likeness(word, c) == 1 and len(c) < len(word))
            ]
            near = [*likelier, joined, *(c for c in near if c not in likelier)]
        return tuple(near[:3])


def keyboard_slip(typed: str, meant: str) -> bool:
    """Whether ``typed`` is ``meant`` with one typing slip past its first letter: a letter
    doubled (anywhere), a letter dropped, two neighbours swapped, or a vowel changed."""
    if len(typed) == len(meant) + 1:  # an extra letter: only a doubled one
        i = next((i for i in range(len(meant)) if typed[i] != meant[i]), len(meant))
        return typed[i] == typed[i - 1] if i > 0 else typed[0] == typed[1]
    if len(typed) + 1 == len(meant):  # a letter dropped, not the first nor the last
        i = next((i for i in range(len(typed)) if typed[i] != meant[i]), len(typed))
        return 0 < i < len(meant) - 1 and typed[i:] == meant[i + 1 :]
    if len(typed) != len(meant):
        return False
    diffs = [i for i in range(len(typed)) if typed[i] != meant[i]]
    if len(diffs) == 1:
        i = diffs[0]
        return i > 0 and typed[i] in VOWELS and meant[i] in VOWELS
    return (
        len(diffs) == 2
        and diffs[0] > 0
        and diffs[1] == diffs[0] + 1
        and typed[diffs[0]] == meant[diffs[1]]
        and typed[diffs[1]] == meant[diffs[0]]
    )


def _short_syllable(stem: str) -> bool:
    """Ends consonant, vowel, consonant ("ship", "plan"): English doubles its last letter."""
    return (
        len(stem) >= 3
        and stem[-1] not in "aeiou"
        and stem[-2] in "aeiou"
        and stem[-3] not in "aeiou"
    )


def _likeness(typed: str, meant: str) -> int:
    """How likely ``meant`` is what was meant by ``typed``, one edit away: 0 a typing slip
    (or its last letter dropped: "wer"), 1 the same first letter, 2 another first letter."""
    if keyboard_slip(typed, meant) or meant[:-1] == typed:
        return 0
    return 1 if typed[:1] == meant[:1] else 2


class Reading(NamedTuple):
    """``word`` read as ``stem`` + a suffix, and the other spellings the same stem and
    suffix could take (the doubled or single consonant, the kept or dropped "e")."""

    stem: str
    others: tuple[str, ...]


def suffix_readings(word: str) -> list[Reading]:
    """Each way ``word`` reads as a stem with one of ``_SUFFIXES`` added by English spelling
    rules: as is ("tieless"), a silent "e" dropped before a vowel ("making" <- "make"), a
    final consonant doubled after a short vowel ("shipped" <- "ship", "snitty" <- "snit")."""
    found = []
    for suffix in _SUFFIXES:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 3:
            continue
        if (suffix[0] == "e" and stem[-1] == "e") or (
            suffix in ("d", "r", "rs") and stem[-1] != "e"
        ):
            continue  # "lateer", "roadd"
        if suffix == "s" and stem[-1] == "s":
            continue  # "reasonss"
        vowel_suffix = suffix[0] in "aeiouy"
        if suffix != "y":
            others = [stem[:-1] + suffix] if stem.endswith("e") and vowel_suffix else []
            if stem.endswith("e") and suffix == "ly":
                others += [stem[:-1] + "ly", stem[:-1] + "y"]  # "truely": "truly"; "gentlely"
            if vowel_suffix and _short_syllable(stem):
                others.append(stem + stem[-1] + suffix)  # "commited" beside "committed"
            found.append(Reading(stem, tuple(others)))
        if vowel_suffix and stem[-1] not in "aeiouy":
            if suffix != "y":
                found.append(Reading(stem + "e", (stem + "e" + suffix,)))  # "making" <- "make"
            if stem[-1] == stem[-2] and stem[-1] not in "wxy" and _short_syllable(stem[:-1]):
                found.append(Reading(stem[:-1], (stem[:-1] + suffix,)))  # "shipped" <- "ship"
    return found


def front_matter_words(document: Document) -> frozenset[str]:
    """The words a Markdown story's front matter accepts under ``newslint-vocabulary``:
    ``[a, b]`` on the key's line, or ``- a`` items on the lines below it."""
    if document.format != "markdown":
        return frozenset()
    front = _FRONT_MATTER_RE.match(document.source)
    if not front:
        return frozenset()
    body = front.group(1)
    key = _KEY_RE.search(body)
    if not key:
        return frozenset()
    value = key.group(1).strip()
    if value.startswith("["):
        items = value.strip("[]").split(",")
    else:
        items = []
        for line in body[key.end() + 1 :].split("\n"):
            item = _ITEM_RE.match(line)
            if not item:
                break
            items.append(item.group(1))
    return frozenset(
        _normal(i.strip().strip("'\"").lower()) for i in items if i.strip().strip("'\"")
    )


def _prose_run(text: str, start: int, end: int) -> str:
    """The run of non-space text holding ``start:end``, up to ``NEAR`` characters either
    side (so a story that is one long run costs no more per word)."""
    floor = max(0, start - NEAR)
    left = start
    while left > floor and not text[left - 1].isspace():
        left -= 1
    match = _SPACE_RE.search(text, end, end + NEAR)
    return text[left : match.start() if match else min(len(text), end + NEAR)]


def _abbreviation(word: str) -> bool:
    """A short word without a vowel: "btwn", "hpq"."""
    return len(word) <= 4 and not any(v in word for v in "aeiouy")


def _normal(word: str) -> str:
    return word.replace("’", "'")


def token_slips(speller: Speller, token: str) -> tuple[Slip, ...]:
    """The slips in one lower-case token (a word, a contraction or a compound), with offsets
    relative to the token's start."""
    if len(token) > MAX_LENGTH or not _LETTER_WORD_RE.fullmatch(token):
        return ()  # digits, dots, inline code; or no word at all (a run of 20,000 letters)
    if _abbreviation(token):
        return ()
    apostrophe = "’" if "’" in token else "'"
    token = _normal(token)
    if speller.variety != "both":
        entry = spelling_variety(token)
        if entry is not None and entry[1] != speller.variety:
            reason = (
                f"{entry[1].capitalize()} spelling; this desk writes {speller.variety.capitalize()}"
            )
            return (Slip(0, len(token), token, (entry[2],), reason),)
    if "-" not in token:
        return tuple(_word_slips(speller, token, 0, apostrophe))
    joined = token.replace("-", "")
    if joined in speller.accepted or speller.words.zipf100(joined) >= RARE:
        return ()  # "e-mail"
    slips: list[Slip] = []
    offset = 0
    for part in token.split("-"):
        # A part is checked only when English has no such word at all ("well-knwon"):
        # compounds keep rare halves ("touchy-feely", "have-nots", "gung-ho").
        if (
            len(part) >= MIN_LENGTH
            and "'" not in part
            and not _abbreviation(part)
            and speller.words.zipf100(part) < RARE
        ):
            slips.extend(_word_slips(speller, part, offset, apostrophe))
        offset += len(part) + 1
    return tuple(slips)


def _word_slips(speller: Speller, token: str, offset: int, apostrophe: str = "'") -> Iterator[Slip]:
    """The slip in one word (straight apostrophes), if any; suggestions keep the story's
    apostrophe."""
    stem, suffix = token, ""
    if "'" in token:
        if token in speller.accepted or speller.known(token):
            return  # "don't", "o'clock", "rock'n'roll"
        head, _, tail = token.rpartition("'")
        if tail not in _APOSTROPHE_SUFFIXES or "'" in head:
            return
        stem, suffix = head, apostrophe + tail
    if len(stem) < MIN_LENGTH:
        return
    found = speller.check(stem)
    if found:
        suggestions, reason = found
        yield Slip(
            offset, offset + len(token), stem, tuple(s + suffix for s in suggestions), reason
        )


def check(document: Document, options: SpellingOptions) -> Iterator[Finding]:
    text = document.text
    accepted = frozenset(_normal(w.lower()) for w in options.vocabulary)
    speller = speller_for(accepted, options.variety)
    if len(speller.verdicts) > _MEMO_LIMIT:  # between stories: an archive's vocabulary is open
        speller.verdicts.clear()
        speller._memo.clear()
    verdicts = speller.verdicts
    # The story's distinct tokens first (one C-level pass; no positions): most stories have
    # no slip at all, and only those that do are scanned again for where the slips stand.
    flagged: dict[str, tuple[Slip, ...]] = {}
    for token in distinct_words(text):
        found = verdicts.get(token)
        if found is None:
            lower = len(token) >= MIN_LENGTH and token.lower() == token
            found = verdicts[token] = token_slips(speller, token) if lower else ()
        if found:
            flagged[token] = found
    if not flagged:
        return
    story_words = front_matter_words(document)
    slips: list[Slip] = []
    for match in WORD_RE.finditer(text):
        found = flagged.get(match.group())
        if found and not _NOT_PROSE_RE.search(_prose_run(text, match.start(), match.end())):
            slips.extend(
                slip._replace(start=match.start() + slip.start, end=match.start() + slip.end)
                for slip in found
                if slip.word not in story_words
            )
    if slips:
        variety = options.variety if options.variety != "both" else story_variety(text)
        if variety is not None:
            slips = [s._replace(suggestions=in_variety(s.suggestions, variety)) for s in slips]
    yield from _report(document, slips, speller)


def story_variety(text: str) -> str | None:
    """The variety most of the story's lower-case British or American spellings are in
    ("centre", "colour": British), or None when it writes none, or as many of each. The
    -ise/-ize axis is left out: Oxford spelling writes "organize" beside "colour"."""
    counts = {BRITISH: 0, AMERICAN: 0}
    table = spelling_table()
    for word in written_runs(text) or ():
        axis, variety, _ = table[word]
        if axis == "main":
            counts[variety] += 1
    if counts[BRITISH] == counts[AMERICAN]:
        return None
    return BRITISH if counts[BRITISH] > counts[AMERICAN] else AMERICAN


def in_variety(suggestions: tuple[str, ...], variety: str) -> tuple[str, ...]:
    """The suggestions with each of the other variety's spellings preceded by this
    variety's ("center" -> "centre, center" in British copy); otherwise in their order."""
    ranked: list[str] = []
    for suggestion in suggestions:
        cut = next((i for i, c in enumerate(suggestion) if c in "'’"), len(suggestion))
        entry = spelling_variety(suggestion[:cut])
        if entry is not None and entry[1] != variety:
            ranked.append(entry[2] + suggestion[cut:])
        ranked.append(suggestion)
    return tuple(dict.fromkeys(ranked))[: len(suggestions)]


def foreign_quotation(speller: Speller, quotation: str, slip_at: int) -> bool:
    """Whether a quotation holding one slip (at ``slip_at``) is in another language: it
    holds another word English does not know (no dictionary has it, the web seldom writes
    it, and it is no slip of an English word: "vamos", "todos") and none of English's
    commonest function words. Its first word counts in lower case (it is capitalised as the
    quotation's start); other capitalised words are names, which prove nothing."""
    other_foreign = False
    for index, match in enumerate(_LETTER_WORD_RE.finditer(quotation)):
        if match.start() <= slip_at < match.end():
            continue
        word = match.group().lower() if index == 0 else match.group()
        if word in _ENGLISH_FUNCTION_WORDS:
            return False  # English, whatever else it holds
        # Compounds and contractions prove nothing either way ("well-known", "d'oh").
        if not other_foreign and word.isalpha() and word.islower():
            other_foreign = speller.unfamiliar(word)
    return other_foreign


def _foreign_around(text: str, slip: Slip) -> bool:
    """Another lower-case word with accented letters near the slip ("la foule", "foncé"),
    or a French or Italian elision ("d'etre", "l'etat", "qu'il"): the slip then sits in a
    foreign phrase ("raison d'etre"), which keeps its own spelling."""
    window = (
        text[max(0, slip.start - FOREIGN_WINDOW) : slip.start]
        + " "
        + text[slip.end : slip.end + FOREIGN_WINDOW]
    )
    return any(
        token == token.lower()
        and (any(c > "\x7f" and c.isalpha() for c in token) or _ELISION_RE.match(token))
        for token in _LETTER_WORD_RE.findall(window)
    )


def _report(document: Document, slips: list[Slip], speller: Speller) -> Iterator[Finding]:
    """Findings for the slips, leaving out quotations that hold two or more (a foreign
    phrase, or a quoted post that keeps its author's spelling) and foreign quotations."""
    if not slips:
        return
    regions = document.regions
    per_quote: dict[tuple[int, int], int] = {}
    where: list[tuple[int, int] | None] = []
    for slip in slips:
        quote = regions.quote_around(slip.start)
        span = None if quote is None else (quote.start, quote.end)
        where.append(span)
        if span is not None:
            per_quote[span] = per_quote.get(span, 0) + 1
    text = document.text
    for slip, span in zip(slips, where):
        # A quotation is read only where it holds this one slip: the many slips of one long
        # (or never closed) quotation must not each copy it.
        if span is not None and (
            per_quote[span] > 1
            or text[span[0] : span[1]].strip(" ,.!?") == text[slip.start : slip.end]
            or foreign_quotation(speller, text[span[0] : span[1]], slip.start - span[0])
        ):
            continue  # a foreign phrase, or a word quoted as a word ("coined the term 'liberati'")
        if regions.aside(slip.start) or _foreign_around(text, slip):
            continue
        shown = text[slip.start : slip.end]
        best = slip.suggestions[0]
        message = f"'{shown}' looks misspelt ({slip.reason}): did you mean '{best}'?"
        yield RULE.finding(
            slip.start,
            slip.end,
            message,
            suggestions=slip.suggestions,
            fix=unsafe_fix(Edit(slip.start, slip.end, best), description=f"write '{best}'"),
            data={"word": shown},
        )


RULE = Rule(
    id="spelling",
    category="spelling",
    severity="warning",
    check=check,
    doc=__doc__,
    options=SpellingOptions,
)


@hookimpl
def newslint_rules() -> list[Rule]:
    return [RULE]
