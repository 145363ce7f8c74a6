""" "A" or "an" that does not match how the next word sounds: "a hour", "an university".

"An" goes before a vowel sound and "a" before a consonant sound, whatever the first letter:
"an hour", "an honest", "an heir", "a university", "a European", "a one-off", "a onetime
ally" (every "one-" word but "onerous"). The prefix un- keeps its vowel before a stem that
starts with one: "an unannounced visit", "an unidentified man" (only "unanimous" and the
uni- words start with "you"). Acronyms spelt out letter by letter follow the name of their
first letter ("an MP", "an FBI agent", "an NHS trust", "a UN report", "a U.S. official"),
and so does a lowercase code with no vowel to say it by ("an ntl engineer"); acronyms said
as words follow the word ("a Nato summit", "a Nasa mission", "a UEFA ruling", "a UNESCO
site": a U before one consonant is "you"). Numbers follow how they are read: "an
8% rise", "an 11-year-old", "an 18th-century", "an 80mph gust", but "a 1990s hit".

The rule only speaks when it is sure. It stays silent on words where both articles are in
use ("an historic", "a hotel"), on acronyms that could be said either way, on names whose
sound the letters do not tell ("Uber", "Mbeki", "Ewood" and "Ewan"), and after a currency sign ("an £8m deal").
The exceptions are data: ``newslint/data/a_an_sounds.txt`` and
``newslint/data/a_an_acronyms.txt``.

## Wrong

```text
The talks lasted [[a hour]] and ended without [[an university]] place for the student.
```

```text
[[A MP]] said [[an European]] official had joined the call.
```

```text
The minister made [[a unannounced]] visit to [[an UNESCO]] site with [[an onetime]] adviser.
```

```text
Residents were promised [[a an hourly]] bus service.
```

```text
Police said [[a 18-year-old]] man had been arrested after [[a 8]]% rise in thefts.
```

## Right

```text
An FBI agent spent an hour with a UN official and an MP at a Nato summit.
```

```text
A U.S. official said it was a one-off: an honest mistake by a European firm.
```

```text
An 18-year-old won a university place after an 8% rise in offers in a 1990s scheme.
```

```text
An unannounced visit by a onetime adviser brought a UNESCO team and an ntl engineer.
```

## Fix safety

Unsafe: the fix changes a word, and how the next word sounds is a judgement the desk may
read otherwise (an acronym said as letters or as a word, "an historic"); it is applied
only with ``--unsafe-fixes``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from newslint.lazy import lazy_compile
from newslint.model import Edit, unsafe_fix
from newslint.rule import Rule, hookimpl
from newslint.text.lexicon import load_lines
from newslint.text.sentences import opens_sentence
from newslint.text.words import WORD_RE, Tokens, spaced, token_pattern

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.document import Document, Word
    from newslint.model import Finding

VOWEL, CONSONANT = "vowel", "consonant"

# Letters whose spoken names start with a vowel sound ("eff", "aitch", "em", "ex").
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
_ONSETS = frozenset(
    "bl br ch cl cr dr dw fl fr gh gl gn gr kh kl kn kr ph pl pr ps qu rh sc sh sk sl sm sn sp "
    "st sw th tr tw wh wr zh".split()
)
# Words that cannot follow an article: "a a job", "a on a" are slips of another kind, and
# the a/an advice would be wrong.
_NOT_AFTER_ARTICLE = frozenset("a an the on in of at to and or as is it if".split())
# Sounds written without a vowel, which are not read letter by letter.
_INTERJECTIONS = frozenset("hmm hm hmmm mm mmm shh sh pfft psst tsk grr brr zzz".split())
_GAP_RE = lazy_compile(r"[ \u00a0]+[\"'“‘(]?")
_NUMBER_RE = lazy_compile(r"\d[\d,]*")
_INITIALISM_RE = lazy_compile(r"(?:[A-Za-z]\.)+")
_LETTER_CODE_RE = lazy_compile(r"[A-Z]\d*")
_ACRONYM_RE = lazy_compile(r"([A-Z][A-Z0-9&]+)s?")


@cache
def _sounds() -> tuple[dict[str, str], dict[str, str]]:
    """(exact words, stems) from a_an_sounds.txt."""
    exact: dict[str, str] = {}
    stems: dict[str, str] = {}
    for line in load_lines("a_an_sounds.txt"):
        key, sound = line.split()
        if key.endswith("*"):
            stems[key[:-1]] = sound
        else:
            exact[key] = sound
    return exact, stems


@cache
def _acronyms() -> dict[str, str]:
    return dict(line.split() for line in load_lines("a_an_acronyms.txt"))


def _letter_sound(letter: str) -> str:
    return VOWEL if letter.upper() in _VOWEL_LETTERS else CONSONANT


def _number_sound(token: str) -> str | None:
    number = _NUMBER_RE.match(token)
    if number is None:
        return None
    group = number.group(0).split(",")[0]
    if group.startswith("8") or group in ("11", "18"):
        return VOWEL  # eight..., eleven, eighteen (thousand)
    if len(group) == 4 and group[:2] in ("11", "18"):
        return None  # "eighteen hundred" or "one thousand eight hundred"
    return CONSONANT


def _acronym_sound(core: str) -> str | None:
    reading = _acronyms().get(core)
    if reading == "word":
        if core[0] == "U" and len(core) > 2 and core[1] not in "AEIOUY" and core[2] in "AEIOUY":
            return CONSONANT  # said as a word, U before one consonant is "you": UNESCO, UNICEF
        return word_sound(core.lower(), capitalised=True)
    first = core[0]
    if reading == "letters" or first not in "FHLMNRSX":
        return _letter_sound(first)
    if len(set(core)) == 1:
        return None  # "AAA" is often "triple A"
    # F, H, L, M, N, R, S, X sound different spelt ("an MP") and said ("a Nato summit").
    second = core[1]
    if second in "AEIOUY":
        return None
    rest_has_vowel = any(ch in "AEIOUY" for ch in core[2:])
    if core[:2].lower() in _ONSETS and rest_has_vowel:
        return None  # could be said as a word ("SWAPO")
    return VOWEL  # FBI, NHS, SNP, MSP: spelt out


def word_sound(word: str, *, capitalised: bool = False) -> str | None:
    """VOWEL or CONSONANT for an ordinary lowercase word, None when unsure."""
    exact, stems = _sounds()
    if word in exact:
        found = exact[word]
    else:
        found = None
        for length in range(len(word), 0, -1):
            if word[:length] in stems:
                found = stems[word[:length]]
                break
    if found is not None:
        if capitalised and word.startswith("ew") and word not in exact:
            return None  # names: "Ewan" and "Ewing" start with "you", "Ewood" with "ee"
        return found if found in (VOWEL, CONSONANT) else None
    first = word[0]
    if first in "aeio":
        return VOWEL
    if first == "u":
        if word.startswith(("un", "up")):
            return VOWEL
        if len(word) > 2 and word[1] not in "aeiouy" and word[2] not in "aeiouy":
            return VOWEL  # "an umbrella", "an urgent", "an usher"
        return None
    if first == "y":
        return CONSONANT if len(word) > 1 and word[1] in "aeiou" else None  # "a year"; "Ypres"
    if first == "x" or not first.isalpha() or not first.isascii():
        return None
    if not capitalised and not any(ch in "aeiouy" for ch in word):
        # No vowel to say it by: a lowercase brand or code is spelt out ("an ntl spokesman",
        # "an mp"), but "hmm", "shh" and "pfft" are sounds, not letters, and a capitalised
        # "St", "Mr" or "Ft" is read as the word it stands for.
        if word in _INTERJECTIONS or len(word) > 5:
            return None
        return _letter_sound(first)
    if capitalised and len(word) > 1 and word[1] not in "aeiouy" and word[:2] not in _ONSETS:
        return None  # foreign names: "Mbeki", "Nkosi"
    return CONSONANT


def sound_of(token: str) -> str | None:
    """How ``token`` starts when read aloud: VOWEL, CONSONANT or None (unsure)."""
    if token[-2:] in ("'s", "’s"):
        token = token[:-2]
    if not token:
        return None
    if token[0].isdigit():
        return _number_sound(token)
    if _INITIALISM_RE.fullmatch(token):
        return _letter_sound(token[0])
    if len(token) == 1 and token.isupper():
        return _letter_sound(token)  # "an M&S shop", "an R&B singer"
    piece = token.split("-", 1)[0]
    if _LETTER_CODE_RE.fullmatch(piece) and piece != token:
        return _letter_sound(piece)  # "an X-ray", "a U-turn", "an F1 car", "an M25 jam"
    acronym = _ACRONYM_RE.fullmatch(piece)
    if acronym:
        return _acronym_sound(acronym.group(1))
    if not piece.isalpha() or (len(piece) > 1 and not piece[1:].islower()):
        return None  # "iPod"-style and mixed case ("MoD"): unsure
    return word_sound(piece.lower(), capitalised=piece[0].isupper())


def _two_articles(text: str, first: Word, second: Word, word: Word) -> Finding | None:
    """ "a an hourly", "an a university": two articles left by an edit; keep the right one."""
    if not spaced(text, first, second) or _GAP_RE.fullmatch(text, second.end, word.start) is None:
        return None
    sound = sound_of(word.text)
    if sound is None:
        return None
    right = "an" if sound == VOWEL else "a"
    if first.text[0] == "A":
        right = right.capitalize()
    shown = text[word.start : word.end]
    return RULE.finding(
        first.start,
        word.end,
        f"Two articles in a row: keep '{right}' before '{shown}'",
        suggestions=(f"{right}{text[second.end : word.start]}{shown}",),
        fix=unsafe_fix(Edit(first.start, second.end, right), description=f"Keep '{right}'"),
        data={"article": f"{first.text} {second.text}", "word": shown},
    )


# An article, then (looked ahead, not consumed: the next word may be an article too) the
# white space and the word after it. An article followed by anything else is never wrong here.
_ARTICLE_RE = token_pattern(
    ["a", "an", "A", "An"], then=rf"(?=[ \t\u00a0]+[\"'“‘(]?({WORD_RE.pattern}))"
)


def check(document: Document, options: object) -> Iterator[Finding]:
    text = document.text
    tokens = Tokens(text)
    starts: list[int] | None = None
    skip = -1
    for match in _ARTICLE_RE.finditer(text):
        if match.start() == skip:
            continue
        article = tokens.at(*match.span())
        nxt = tokens.at(*match.span(1))
        if nxt.lower in ("a", "an") and nxt.lower != article.lower:
            third = tokens.after(nxt.end, 1)
            if third:
                finding = _two_articles(text, article, nxt, third[0])
                if finding is not None:
                    skip = nxt.start
                    yield finding
            continue
        if nxt.lower in _NOT_AFTER_ARTICLE:
            continue
        gap = _GAP_RE.fullmatch(text, article.end, nxt.start)
        if gap is None:
            continue
        if article.text[0] == "A":
            if starts is None:
                starts = [sentence.start for sentence in document.sentences]
            if not opens_sentence(text, starts, article.start):
                continue  # "Grade A", "Plan A", "An Post"
        sound = sound_of(nxt.text)
        if sound is None:
            continue
        is_an = article.lower == "an"
        if is_an == (sound == VOWEL):
            continue
        right = "a" if is_an else "an"
        if article.text[0] == "A":
            if right == "a" and nxt.text[:1].isupper() and not _ACRONYM_RE.fullmatch(nxt.text):
                continue  # "An Post", "An Garda": Irish names
            right = right.capitalize()
        shown = text[nxt.start : nxt.end]
        yield RULE.finding(
            article.start,
            nxt.end,
            f"Use '{right}' before '{shown}', which starts with a "
            f"{'vowel' if sound == VOWEL else 'consonant'} sound",
            suggestions=(f"{right}{text[article.end : nxt.start]}{shown}",),
            fix=unsafe_fix(Edit(article.start, article.end, right), description=f"Write '{right}'"),
            data={"article": article.text, "word": shown},
        )


RULE = Rule(id="a-an", category="grammar", severity="warning", check=check, doc=__doc__)


@hookimpl
def newslint_rules() -> list[Rule]:
    return [RULE]
