"""What one word is, as the naming checks see it: its key, whether it can be a name, and
what the words beside a name say about it (a title, a first name, a surname).

Everything here depends on a word's spelling alone. The answers are kept per story
(``WordMemo`` on the ``Story``), never in a module-wide cache: an archive's vocabulary has
no end.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import NamedTuple, TypeVar

from newslint.lazy import lazy_compile
from newslint.text.lexicon import load_set

V = TypeVar("V")


class WordMemo(dict[str, V]):
    """Answers that depend only on a word's spelling, worked out once per distinct word of
    one story: ``memo[word]`` computes a missing answer, ``memo.get`` does not."""

    def __init__(self, compute: Callable[[str], V]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> V:
        value = self[word] = self._compute(word)
        return value


def fold(text: str) -> str:
    """Lower case without diacritics: 'Erdoğan' and 'Erdogan' fold alike."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("ı", "i")
    )


def strip_possessive(word: str) -> str:
    if word[-1:] not in ("s", "'", "’"):
        return word
    for tail in ("'s", "’s", "'", "’"):
        if word.endswith(tail) and len(word) > len(tail):
            return word[: -len(tail)]
    return word


def word_key(word: str) -> str:
    """What two forms of one word share: folded, without a possessive or hyphens
    ("Al-Shabab's" and "al Shabab" -> "alshabab" once joined)."""
    if word.isascii() and word.isalpha() and word.islower():
        return word  # most words are their own key: asked often, and nothing to copy
    return fold(strip_possessive(word)).replace("-", "")


_SMALL_ASCII_RE = re.compile("[a-z]")


def is_all_caps(text: str) -> bool:
    """Written in capitals: eight letters or more and none in lower case."""
    if _SMALL_ASCII_RE.search(text):
        return False  # found at once in ordinary copy, where upper() would copy it all
    return text == text.upper() and sum(1 for c in text if c.isalpha()) >= 8


@cache  # one data file, read once
def name_titles() -> frozenset[str]:
    """Titles written before a person's name: Mr, Ms, Dr, President, Senator."""
    return load_set("name_titles.txt")


@cache  # one data file, read once
def not_names() -> frozenset[str]:
    """Capitalised words that are not names: months, days, titles, sentence openers."""
    return load_set("not_names.txt") | name_titles()


# Words that open sentences: capitalised there by position, never a first name.
OPENING_WORDS = frozenset(
    "the a an but and in on at as if so for this that these those his her its their our "
    "when while after before since new".split()
)
MALE_TITLES = frozenset({"mr", "sir", "lord"})
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "dame", "lady"})
# Lower-case particles inside names ("Bank of England", "al-Shabab", "van Gogh").
PARTICLES = frozenset("al el bin de da du la le van von der den".split())

_NAME_RE = re.compile(r"[^\W\d_][^\W\d_'’]*(?:['’][^\W\d_]+)?$")
_CAMEL_RE = re.compile(r"[a-z][A-Z]")
_SCOTTISH_IRISH_RE = lazy_compile(r"(?:Mc|Mac|O')")


class NameWord(NamedTuple):
    """A capitalised word of letters (possessive stripped) and its key."""

    word: str
    key: str


def is_name_word(word: str) -> bool:
    """Capitalised, letters only (an inner apostrophe allowed), with a lower-case letter."""
    if not word[:1].isupper() or _NAME_RE.match(word) is None:
        return False
    rest = word[1:]
    if rest.isascii():
        return rest != rest.upper()  # holds a letter a-z
    return any(c.islower() for c in rest)


def capital_word(raw: str) -> NameWord | None:
    """A capitalised token of letters (possessive stripped) whose key holds at least four
    letters; what kind of word it is, each caller decides."""
    if not raw[:1].isupper():
        return None
    word = strip_possessive(raw)
    if not is_name_word(word):
        return None
    key = word_key(word)
    return NameWord(word, key) if len(key) >= 4 else None


def name_word(raw: str) -> NameWord | None:
    """The name in a token that can be one: capitalised, letters only, long enough and not
    a word listed as no name; the story's lower-case words are ruled out later."""
    found = capital_word(raw)
    if found is None or found.key in not_names() or found.key in OPENING_WORDS:
        return None
    return found


def listed_word(raw: str) -> NameWord | None:
    """A capitalised word of letters listed as no name (not_names): Senate, Tuesday."""
    found = capital_word(raw)
    return found if found is not None and found.key in not_names() else None


def is_capital_word(text: str) -> bool:
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


def unforced_capital(text: str, initial: bool) -> bool:
    """A capital the writer chose: not only the first letter of a sentence's first word
    (``initial``: the word opens a sentence)."""
    word = strip_possessive(text)
    if initial:
        word = word[1:]
    if word.isascii():
        return word != word.lower()  # holds a letter A-Z
    return any(c.isupper() for c in word)


def has_parts(word: str) -> bool:
    """A hyphen or an inner capital of its own (al-Shabab, TimeWarner; not McCain)."""
    word = strip_possessive(word)
    return "-" in word.strip("-") or (
        _CAMEL_RE.search(word) is not None and not _SCOTTISH_IRISH_RE.match(word)
    )


class CapitalWordInfo(NamedTuple):
    """What the checks ask about one word that holds a capital letter."""

    key: str  # word_key: "Al-Shabab" and "al Shabab" share it
    capital: bool  # can be part of a name (is_capital_word)
    parts: bool  # two parts of its own: a hyphen or an inner capital (al-Shabab, TimeWarner)
    name: NameWord | None  # when it can be a person's or a place's name
    folded: str | None  # the name folded
    # A capitalised word listed as no name (Senate, Tuesday, December): it names no one,
    # yet it is the right spelling a slip ("Sentae") departs from.
    listed: NameWord | None
    # A chosen capital (unforced_capital) when the word does not open a sentence, and when
    # it does.
    chosen_capital: bool
    chosen_capital_initial: bool


def _same(value: str, known: str) -> str:
    """``known`` when it is equal to ``value``: one string where two would be held."""
    return known if value == known else value


# Not cached across stories: the story's ``WordMemo`` keeps each answer while the story is
# checked, and a module-wide cache held a second table of them from one story to the next.
def describe(token: str) -> CapitalWordInfo:
    """The ``CapitalWordInfo`` of a token holding a capital letter. Equal strings within it
    (the token's key, its name's key and the name folded: "brennan" three times) are one
    string: a long story describes tens of thousands of words, and keeps every answer."""
    key = word_key(token)
    name = name_word(token)
    if name is not None and name.key == key:
        name = NameWord(name.word, key)
    return CapitalWordInfo(
        key=key,
        capital=is_capital_word(token),
        parts=has_parts(token),
        name=name,
        folded=None if name is None else _same(fold(name.word), key),
        listed=listed_word(token) if name is None else None,
        chosen_capital=unforced_capital(token, False),
        chosen_capital_initial=unforced_capital(token, True),
    )


class WordBefore(NamedTuple):
    """What the word before a name says about it: a title (Ms) or a first name (Jane)."""

    is_title: bool
    value: str  # the title lower-cased, or the first name folded


def word_before(raw: str) -> WordBefore | None:
    """A title or a first name in the word before a name, or None."""
    before = raw.rstrip(".")
    lower = before.lower()
    if lower in MALE_TITLES or lower in FEMALE_TITLES:
        return WordBefore(True, lower)
    if is_name_word(before) and fold(before) not in not_names():
        return WordBefore(False, fold(before))
    return None


def word_after(raw: str) -> str | None:
    """The folded surname a first name is followed by, or None."""
    after = strip_possessive(raw)
    if is_name_word(after) and fold(after) not in not_names():
        return fold(after)
    return None
