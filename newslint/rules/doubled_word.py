"""A word typed twice in a row: "the the", "said said".

A doubled word is the commonest slip an edit leaves behind and the eye skips over it. Only
two identical words separated by nothing but spaces count; a comma ("very, very") or any
other punctuation between them means the repeat is deliberate. Short words are doubled by
slips most often ("in in", "to to", "of of", "can can", "was was"), and English repeats
some of them on purpose, so these are decided by the words around them:

- "that that" is right before a noun or a verb ("said that that decision was final", "knew
  that that was wrong") and a slip before a clause ("said that that the plan");
- "had had" is right ("they had had enough") unless "been" follows;
- "is is" and "was was" are right after a wh-clause subject ("what it is is a mess", "what
  the motive was was unclear") and slips elsewhere;
- "in in", "on on", "for for" and the other particles are right after the verb they
  complete ("sworn in in 2009", "waited for for years", "go on on his own") and slips after
  a noun ("the rise in in prices");
- "can can" is right after an article ("a can can hold a litre").

Always left alone: reduplications and chants ("bye bye", "there there", "hey hey, ho ho",
"very very"; the list is in ``newslint/data/doubled_word_allowed.txt``), "do do" and "her
her" ("gave her her passport"), numbers ("20 20"), two capitalised words (names such as
"Bora Bora" or the band The The), a lower-case word before the same word opening a name ("a
new New York law"), a speaker's "-y" reduplication in quotes ("nicey nicey"), a repeat the
writer marks "[sic]", an embedded social post, a debris line, and a word that ends one line
of a list and starts the next.

## Wrong

```text
The minister said [[the the]] report would be published in the spring.
```

```text
A spokeswoman [[said said]] the company had no plans to close the plant.
```

```text
The sharp rise [[in in]] food prices was blamed on the drought.
```

```text
Officials said [[that that]] the bridge would reopen, and it [[was was]] still closed on Monday.
```

## Right

```text
By the time the inquiry reported, the family had had to sell the house.
```

```text
She said that that decision was taken before she joined the board.
```

```text
He was sworn in in 2009, and what the board wanted was was a fresh start for a new New York
office.
```

```text
Voters were asked to name the capital:
- Madrid
Madrid came out top with 40%.
```

## Fix safety

Safe: the fix deletes the repeat and the space before it, or, where the repeat starts a
link or other markup, the first word and the space after it. An edit that would cut into
markup either way is not made. Inside quoted speech there is no fix.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from newslint.lazy import lazy_compile
from newslint.model import Edit, safe_fix
from newslint.rule import Rule, hookimpl
from newslint.rules.debris import is_debris_line
from newslint.text.lexicon import load_set
from newslint.text.words import TOKEN_END, TOKEN_START, WORD_RE, Tokens

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.document import Document, Word
    from newslint.model import Finding, Fix

_LIST_MARKER_RE = lazy_compile(r"[ \t]*(?:[-*•+]|\d+[.)])\s")
# A line shorter than this reads as a list entry or a caption, not wrapped prose.
_SHORT_LINE = 40


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end == -1 else end)


def _is_list_break(text: str, first: Word, second: Word) -> bool:
    """Whether a line break between the two words reads as a list, not wrapped prose."""
    a_start, a_end = _line_bounds(text, first.start)
    b_start, b_end = _line_bounds(text, second.start)
    for start, end in ((a_start, a_end), (b_start, b_end)):
        line = text[start:end]
        if _LIST_MARKER_RE.match(line) or len(line.strip()) < _SHORT_LINE:
            return True
    return False


# Prepositions and particles that end a phrasal verb and start the next phrase: "sworn in
# in 2009", "waited for for years", "go on on his own".
_PARTICLES = frozenset("in on for at with up out off over down by".split())
# Verbs whose particle or stranded preposition can meet the next phrase's preposition ("buy
# in in the next month", "fought for for years", "sworn in in 2009"). Past, participle and
# -ing forms of them all count; plain and -s forms only of those that are seldom nouns
# ("the care for for the elderly", "a step by by step plan" are slips). A particle after any
# other word ("the rise in in prices", "arrested in in London") is a slip.
_PHRASAL_VERBS = frozenset(
    "go come get give sit take put let weigh buy sink dig carry hold fill hang keep bring haul "
    "send swear cave rein usher barge hem ask pray wait join".split()
)
_PHRASAL_VERBS_NOUNS_TOO = frozenset(
    "stand set turn log check call move kick chip pitch step drop lock pay look vote sign plug "
    "tune break cash wrap jump count fall work win zero phase factor settle pencil ring chime "
    "butt box close lead run fight care hope".split()
)
_IRREGULAR_PASTS = frozenset(
    "went gone came got gotten gave given sat took taken bought sank sunk dug held hung kept "
    "brought sent swore sworn stood fought paid broke broken fell fallen won led ran rang".split()
)


def _verb_like(word: str) -> bool:
    """A form of a verb a particle completes ("weighing", "turned", "hauls", "sworn")."""
    if word in _PHRASAL_VERBS or word in _IRREGULAR_PASTS:
        return True
    for suffix in ("ing", "ed", "es", "s", "d"):
        if not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        stems = {stem, stem + "e"}
        if len(stem) > 2 and stem[-1] == stem[-2]:
            stems.add(stem[:-1])  # "chipped", "plugging"
        if stems & _PHRASAL_VERBS:
            return True
        if suffix not in ("s", "es") and stems & _PHRASAL_VERBS_NOUNS_TOO:
            return True
    return False


_DETERMINERS = frozenset("a an the one each every this that any no another".split())
# After "that that", these start a clause, so one "that" is a slip ("said that that the
# plan"); a noun or a verb after it is the demonstrative ("that that decision", "that that
# was wrong").
_CLAUSE_STARTS = frozenset(
    "the a an he she they we i you it there his her their our its my your this these those".split()
)
_DECIDED_IN_CONTEXT = frozenset({"that", "had", "is", "was", "can"}) | _PARTICLES
_CLEFT_WORDS = frozenset("what where how why who whatever all".split())
# Words in -y that a speaker doubles by slip, not by reduplication: "in every every way".
_NOT_REDUPLICATED = frozenset("every only early many any they away".split())
_SIC_RE = lazy_compile(r"\s*[\[(]sic[\])]", re.IGNORECASE)


def _legitimate_in_context(text: str, tokens: Tokens, first: Word, second: Word) -> bool:
    """The doubles that are right in some places and slips in others, decided by the words
    around them (see the module docs)."""
    word = first.lower
    if word not in _DECIDED_IN_CONTEXT:
        return False
    before = tokens.before(first.start)
    after = tokens.after(second.end, 1)
    prev = before.lower if before is not None else ""
    nxt = after[0].lower if after else ""
    if word == "that":
        return nxt not in _CLAUSE_STARTS  # "that that decision" / "that that the plan"
    if word == "had":
        return nxt != "been"  # "had had enough" / "had had been"
    if word in ("is", "was"):
        # "what it is is a mess": a wh-clause as the subject, within the sentence so far
        window = text[max(0, first.start - 80) : first.start].lower()
        window = re.split(r"[.!?;:]", window)[-1]
        return any(w in _CLEFT_WORDS for w in re.findall(r"[a-z]+", window))
    if word == "can":
        return prev in _DETERMINERS  # "a can can hold" / "we can can do"
    if word in _PARTICLES:
        if _verb_like(prev):
            return True  # "sworn in in 2009" / "the rise in in prices"
        # A preposition stranded at the end of a relative clause: "the situation that we
        # have been placed in in the past".
        words = re.findall(r"[a-z’']+", text[max(0, first.start - 60) : first.start].lower())[-7:]
        return (
            prev.endswith(("ed", "en"))
            and len(words) > 2
            and words[-2] == "been"
            and any(w in ("that", "which", "who", "where") for w in words[:-2])
        )
    return False


# Debris lines are short; a longer line is not looked at (a long line of doubles stays linear).
_DEBRIS_LINE_CHARS = 200


def _on_debris_line(text: str, offset: int) -> bool:
    start = text.rfind("\n", max(0, offset - _DEBRIS_LINE_CHARS), offset) + 1
    if start == 0 and offset > _DEBRIS_LINE_CHARS:
        return False
    end = text.find("\n", offset, offset + _DEBRIS_LINE_CHARS)
    if end == -1:
        if len(text) - offset > _DEBRIS_LINE_CHARS:
            return False
        end = len(text)
    return is_debris_line(text[start:end])


def _posts(document: Document) -> tuple[list[int], list[int]]:
    posts = [r for r in document.regions.furniture if r.kind == "post"]
    return [r.start for r in posts], [r.end for r in posts]


def _in_post(document: Document, offset: int) -> bool:
    starts, ends = document.shared("doubled-word/posts", _posts)
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < ends[i]


def _skip(first: Word, second: Word) -> bool:
    word = first.lower
    if word in load_set("doubled_word_allowed.txt"):
        return True
    if first.text[:1].islower() and second.text[:1].isupper():
        return True  # the second opens a name: "a new New York law", "will Will Smith"
    if any(ch.isdigit() for ch in word) or "." in word or "\ufffc" in word:
        return True  # numbers ("20 20"), initialisms, inline code placeholders
    if len(word) == 1 and not (first.text == second.text == "a"):
        return True  # letters: "Grade A A-levels", stammered "I I"
    # names: "Bora Bora", "Duran Duran", the band The The
    return first.text[:1].isupper() and second.text[:1].isupper()


# A token followed, after white space only, by the same token in any case. The second is
# in a look-ahead so that "the the the" yields both pairs. The first token is read in a
# look-ahead and then consumed by back-reference, which makes it atomic: no look-ahead
# here scans past the token it starts at, so text without white space ("a/a/a/...", where
# every "a" starts a token) costs one pass, not a scan of the rest of the run per token.
_DOUBLED_RE = lazy_compile(
    rf"{TOKEN_START}(?=({WORD_RE.pattern}))\1(?=(\s+)\1{TOKEN_END})", re.IGNORECASE
)


def _fix(first: Word, second: Word) -> Fix:
    """Delete the second word and the space before it; where that would cut into markup (the
    second word opens a link: "by the <a>the council</a>"), delete the first word and the
    space after it instead, when both are written alike."""
    alternative = None
    if first.text == second.text:
        alternative = safe_fix(
            Edit(first.start, second.start, ""), description="Delete the first one"
        )
    return safe_fix(
        Edit(first.end, second.end, ""), description="Delete the repeat", alternative=alternative
    )


def check(document: Document, options: object) -> Iterator[Finding]:
    text = document.text
    tokens = Tokens(text)
    for match in _DOUBLED_RE.finditer(text):
        first = tokens.at(*match.span(1))
        second_start = match.end(2)
        second = tokens.at(second_start, second_start + len(first.text))
        if first.lower != second.lower:
            continue
        gap = match.group(2)
        if "\n" in gap and ("\n\n" in gap or _is_list_break(text, first, second)):
            continue
        if _skip(first, second) or _legitimate_in_context(text, tokens, first, second):
            continue
        if _SIC_RE.match(text, second.end):
            continue  # the writer marks the repeat as the source's own: "the the [sic]"
        if (
            len(first.lower) > 3
            and first.lower.endswith("y")
            and first.lower not in _NOT_REDUPLICATED
            and document.regions.quote_at(first.start)
        ):
            continue  # a speaker's reduplication: "nicey nicey", "a bushy bushy hairdo"
        if _in_post(document, first.start):
            continue  # an embedded tweet or post keeps its author's slips
        if _on_debris_line(text, first.start):
            continue  # debris reports the whole line
        yield RULE.finding(
            first.start,
            second.end,
            f"'{first.text}' is doubled; delete one",
            suggestions=(first.text,),
            fix=_fix(first, second),
            data={"word": first.lower},
        )


RULE = Rule(id="doubled-word", category="grammar", severity="warning", check=check, doc=__doc__)


@hookimpl
def newslint_rules() -> list[Rule]:
    return [RULE]
