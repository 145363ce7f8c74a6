"""The same time phrase or the same attribution twice in one sentence.

Two rewrites of one sentence often leave both versions of a clause behind: "Police
arrested two men on Friday, a spokesman said on Friday" dates the story twice, and "The
plan will cost £2m, according to the council, and save £5m, according to the council"
credits one source twice. The reader notices; the sub-editor meant to keep one.

It catches, within one sentence and outside quotation marks:

- a time phrase repeated: a day ("on Wednesday", "Wednesday night"), a date ("on Nov. 5",
  "on 5 November", which count as the same date), or a relative time ("yesterday", "last
  week", "earlier this month"; the list is ``newslint/data/relative_times.txt``);
- "according to" twice for the same source;
- "in a statement" (or "told reporters", "at a news conference" ...) twice;
- the same speaker with the same speech verb twice ("Mr Lee said ... Mr Lee said", "police
  said ... police said").

Two different times ("began on Monday and ended on Friday"), two different speakers ("he
said the plan, which she said was flawed, would stand"), and words inside quoted speech
are left alone, as are names that hold a day ("the Mail on Sunday", "Good Friday"). The
finding sits on the second occurrence and names where the first is; for a repeated time
phrase, the fix deletes the repeat.

Wire and American copy repeat on purpose in ways this rule leaves alone: two events on one
day (a date after "beginning", "due", "scheduled", "to be ..." dates a schedule, not what is
reported: "a summit beginning Friday ... to be signed Friday"); an AP caption's date line
("In this June 3, 2020, photo, ..."); a date inside a name ("the National September 11
Memorial"); the parallel halves of a poll ("45 percent say ..., 30 percent say ...") and a
statement contrasted with another ("in public it says no, but in court it says yes"); a
speaker's own repetition ("Tonight, tonight").

## Wrong

```text
Firefighters were called to the warehouse on Tuesday, the fire service said [[on Tuesday]].
```

```text
The scheme will cost £4m, according to the council, and create 200 jobs, [[according to the council]].
```

```text
The museum said in a statement that the painting had been returned, and said [[in a statement]] that no ransom was paid.
```

## Right

```text
The hearing began on Monday and ended on Friday, the court said.
```

```text
He said the plan, which she said was flawed, would stand.
```

```text
"We trained on Sunday and we will rest on Sunday," the coach said on Sunday.
```

```text
Leaders meet at a summit beginning Friday, where the pact is to be signed Friday.
```

```text
About 45 percent say they back the plan, while 30 percent say they oppose it.
```

## Fix safety

Safe when the fix removes only the repeated phrase and the space before it. Where it also
takes the commas around the phrase ("The minister, on Friday, said"), it is unsafe: the
punctuation may be doing other work. A repeated attribution has no fix (which one to keep
is the writer's call).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from newslint.lazy import lazy_compile
from newslint.model import Edit, Finding, Fix, safe_fix, unsafe_fix
from newslint.options import Flag, option
from newslint.rule import Rule, hookimpl
from newslint.text.lexicon import load_lines, load_set
from newslint.text.words import TOKEN_END, TOKEN_START, slices, trie_alternation

if TYPE_CHECKING:
    from newslint.document import Document

_PARTS = r"morning|afternoon|evening|night|lunchtime"
# A word before a day or date that makes it something other than "when it happened":
# a deadline ("by Friday"), a range ("from Monday", "Monday and Friday"), a habit
# ("every Friday") or a noun ("the Friday meeting"). Such mentions are never compared.
_NOT_WHEN = frozenset(
    "by until till since from before after through to every each the a an that and or of "
    "between than including except following per like as until into for time".split()
)
_CALENDAR_PREFIX = frozenset({"last", "next", "this", "coming"})
# Adverbs and auxiliaries that may sit between a speaker and the verb ("he also said").
_SKIP_BEFORE_VERB = frozenset(
    "also later previously then has had have once reportedly repeatedly simply only earlier "
    "recently again has have had would will had just".split()
)
_DETERMINERS = frozenset("the a an its his her their our this that".split())
_PRONOUNS = frozenset("he she they we i it you".split())
_NOT_SPEAKERS = frozenset(
    "who which that what as and but or than so it's there this these those when where "
    "while if because to be been being not never can cannot could would should will may "
    "might must do does did don't didn't can't won't is was are were "
    # a preposition before "states", "notes", "claims": the noun, not the verb ("in states")
    "in on at of for from with by into about over under across among per "
    # a share of a poll: "45 percent say ..., 30 percent say ..." are two findings, not one
    # attribution given twice
    "percent cent % half third quarter majority minority most many some others few fewer "
    "more rest all both none".split()
)
# A contrast just before a speaker opens a second statement: "in public it says no, but in
# court it says yes" attributes two things, not one thing twice.
_CONTRAST = frozenset("but while whereas yet although though".split())
# Before a day or date, these make it the date of something else than what the sentence
# reports, a schedule: "a summit beginning Friday", "the deal, to be signed Friday", "talks
# due Monday". Two such dates are two events.
_SCHEDULE = frozenset(
    "beginning starting ending opening closing due scheduled slated planned set expected".split()
)
# A date inside a proper name: "the National September 11 Memorial", "the June 4 Movement".
_NAME_HEADS = frozenset(
    "memorial museum commission accords agreement movement revolution declaration act "
    "attacks attack massacre uprising incident protests".split()
)
# An AP caption opens with the date the picture was taken: "In this June 3, 2020, photo,
# protesters rally Wednesday, June 3, 2020" gives the date twice by design.
_CAPTION_AFTER_DATE_RE = lazy_compile(
    r",?\s+(?:[\w-]+\s+){0,2}(?:photo|photograph|image|picture|video|frame|file|handout)\b", re.I
)
# A speaker after one of these is inside a relative or coordinate clause ("the plan, which
# he said was flawed"; "but he said"): a normal way to carry one attribution through.
_EMBEDDING = frozenset(
    "which who whom whose that what as where when and but or while although though because "
    "so if since".split()
)
_SOURCE_STOP = frozenset(
    "and but which who that while whereas or with in on at for from by to after before as "
    "is was are were has have had said says".split()
)
_DATE_AFTER_DAY_RE = lazy_compile(r",?\s+(?:\d|the\s+\d|[A-Z][a-z]+\.?\s+\d)")
_WORD_RE = lazy_compile(r"[\w’'&.-]+")
_PREV_WORD_RE = lazy_compile(r"([\w’'&.-]+)[^\w’'&.-]*$")


# What makes two mentions the same: a kind ("day", "date", "rel", ...) and its parts.
MentionKey = tuple[str | int, ...]


class Mention(NamedTuple):
    key: MentionKey
    start: int  # prose offsets of what the finding points at
    end: int
    anchor: int  # the offset whose quoting decides whether it counts
    label: str
    fixable: bool
    # Mentions with one key repeat each other when one detail starts the other: "according
    # to police" and "according to police sources"; empty for everything else.
    detail: tuple[str, ...] = ()
    # A contrast ("but", "while") just before it: a second statement, not a repeat of the first.
    contrasted: bool = False


def _alternation(lexicon: str) -> str:
    """A regex alternation of a lexicon's phrases, longest first, any run of space between words."""
    phrases = sorted(load_set(lexicon), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


@cache
def _time_re() -> re.Pattern[str]:
    days = "|".join(load_lines("days.txt"))
    months = load_lines("months.txt")
    month_alt = "|".join(
        sorted(set(months) | {m[:3] for m in months} | {"Sept"}, key=len, reverse=True)
    )
    relative = _alternation("relative_times.txt")
    return re.compile(
        rf"\b(?P<day>(?:{days})(?:\s+(?P<part>{_PARTS}))?)(?![\w’'])"
        rf"|\b(?P<date>(?:(?P<m1>{month_alt})\.?\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?"
        rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{month_alt}))"
        rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?)(?![\w’'])"
        rf"|\b(?P<rel>(?i:{relative}))(?![\w’'])"
    )


@cache
def _exceptions_re() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alternation('time_phrase_exceptions.txt')})\b", re.I)


@cache
def _attribution_re() -> re.Pattern[str]:
    verbs = "|".join(sorted(load_set("speech_verbs.txt"), key=len, reverse=True))
    phrases = _alternation("attribution_phrases.txt")
    return re.compile(
        rf"\b(?P<according>[Aa]ccording\s+to)\s+(?P<source>[^,;:.!?()\"“”]{{1,80}})"
        rf"|\b(?P<phrase>{phrases})\b"
        rf"|\b(?P<verb>{verbs})\b"
    )


@cache
def _month_number(name: str) -> int:
    for i, month in enumerate(load_lines("months.txt"), 1):
        if name.lower().rstrip(".")[:3] == month.lower()[:3]:
            return i
    return 0


def _word_before(text: str, pos: int, window: int = 40) -> tuple[str, int]:
    """The word ending just before ``pos`` (and its start), skipping spaces and punctuation."""
    lo = max(0, pos - window)
    m = _PREV_WORD_RE.search(text, lo, pos)
    if not m:
        return "", pos
    # Punctuation between the word and ``pos`` ends a clause: report no word.
    gap = text[m.end(1) : pos]
    if gap.strip():
        return "", pos
    return m.group(1), m.start(1)


def _time_mentions(sentence: str, base: int) -> Iterator[Mention]:
    exception_starts: list[int] | None = None
    exception_ends: list[int] = []
    for m in _time_re().finditer(sentence):
        start, end = m.span()
        if exception_starts is None:
            found = [e.span() for e in _exceptions_re().finditer(sentence)]
            exception_starts = [s for s, _ in found]
            exception_ends = [e for _, e in found]
        # The exceptions do not overlap and come in order: only the last one starting before
        # this mention ends can overlap it (a bisection, not a scan of them all per mention).
        last = bisect_left(exception_starts, end) - 1
        if last >= 0 and exception_ends[last] > start:
            continue
        prev, prev_start = _word_before(sentence, start)
        prev_lower = prev.lower()
        if m.group("rel"):
            text = m.group("rel")
            if text[0].isupper() and sentence[:start].strip():
                continue  # "the Today programme", a title in capitals
            if prev_lower in _NOT_WHEN:
                continue
            key: MentionKey = ("rel", " ".join(text.lower().split()))
            label = " ".join(text.split())
        else:
            if prev_lower in _NOT_WHEN:
                continue
            if m.group("day"):
                name = sentence[start:end].split()[0]
                part = (m.group("part") or "").lower()
                if not part and re.match(rf"\s+(?:{_PARTS})\b", sentence[end : end + 12]):
                    continue  # "Friday night's match"
                if _DATE_AFTER_DAY_RE.match(sentence, end):
                    continue  # "on Monday 14 March": the date is the mention
                prefix = prev_lower if prev_lower in _CALENDAR_PREFIX else ""
                if not prefix and prev_lower != "on" and not part:
                    nxt = (
                        _WORD_RE.match(sentence, end + 1)
                        if end < len(sentence) and sentence[end] == " "
                        else None
                    )
                    if nxt and nxt.group(0)[0].isupper():
                        continue  # "Sunday Times", "Friday Night Lights"
                key = ("day", prefix, name.lower(), part)
            else:
                month = _month_number(m.group("m1") or m.group("m2"))
                day = int(m.group("d1") or m.group("d2"))
                if not month or not 1 <= day <= 31:
                    continue
                if prev_lower == "this" and _CAPTION_AFTER_DATE_RE.match(sentence, end):
                    continue  # "In this June 3, 2020, photo": the caption's date line
                if (
                    prev[:1].isupper()
                    and prev_start > 0
                    and prev_lower not in ("on", *_CALENDAR_PREFIX)
                ):
                    continue  # "the National September 11 Memorial"
                nxt = _WORD_RE.match(sentence, end + 1) if sentence[end : end + 1] == " " else None
                if nxt and nxt.group(0).lower() in _NAME_HEADS and nxt.group(0)[0].isupper():
                    continue
                key = ("date", month, day)
            if prev_lower in ("on", *_CALENDAR_PREFIX):
                start = prev_start
            label = " ".join(sentence[start:end].split())
            if _scheduled(sentence, start):
                continue  # the date of another event than the one reported
        yield Mention(key, base + start, base + end, base + m.start(), label, True)


def _scheduled(sentence: str, pos: int) -> bool:
    """Whether the day or date at ``pos`` dates a scheduled event ("beginning Friday", "to be
    signed Friday", "will meet on Friday"): within the three words before it."""
    cursor = pos
    for _ in range(3):
        word, start = _word_before(sentence, cursor)
        if not word:
            return False
        lower = word.lower()
        if lower in _SCHEDULE:
            return True
        if lower == "be" and _word_before(sentence, start)[0].lower() == "to":
            return True  # "to be signed Friday"
        cursor = start
    return False


def _contrast_before(sentence: str, pos: int) -> bool:
    """A contrast word among the three words before ``pos`` ("but in court it says")."""
    cursor = pos
    for _ in range(3):
        lo = max(0, cursor - 40)
        m = _PREV_WORD_RE.search(sentence, lo, cursor)
        if not m:
            return False
        if m.group(1).lower() in _CONTRAST:
            return True
        cursor = m.start(1)
    return False


def _speaker_before(sentence: str, pos: int) -> tuple[str, int] | None:
    """The head word of the speaker written before a speech verb, and where it starts."""
    cursor = pos
    for _ in range(4):
        word, start = _word_before(sentence, cursor)
        if not word:
            return None
        lower = word.lower().rstrip(".")
        if lower in _SKIP_BEFORE_VERB:
            cursor = start
            continue
        if lower in _NOT_SPEAKERS or lower in _DETERMINERS:
            return None
        if lower in _PRONOUNS:
            return lower, start
        if lower.endswith(("’s", "'s")):
            return None  # "the council's lawyer said" is fine to read as a speaker, but rare
        # Walk back over the rest of the name or noun phrase to report it whole.
        first = start
        for _ in range(3):
            w, s = _word_before(sentence, first)
            if not w or not (
                w[0].isupper()
                or w.lower() in _DETERMINERS
                or w.lower() in ("mr", "mrs", "ms", "dr")
            ):
                break
            first = s
            if w.lower() in _DETERMINERS:
                break
        return lower, first
    return None


def _speaker_after(sentence: str, pos: int) -> tuple[str, int] | None:
    """The head of an inverted speaker ("..., said Mr Lee."), and where it ends."""
    words: list[re.Match[str]] = []
    cursor = pos
    while len(words) < 5:
        m = (
            _WORD_RE.match(sentence, cursor + 1)
            if cursor < len(sentence) and sentence[cursor] == " "
            else None
        )
        if not m:
            break
        words.append(m)
        cursor = m.end()
    if not words:
        return None
    head: re.Match[str] | None = None
    for i, m in enumerate(words):
        w = m.group(0).rstrip(".")
        if i == 0 and w.lower() in _DETERMINERS:
            continue
        if w[:1].isupper() or (
            head is None and i == 1 and words[0].group(0).lower() in _DETERMINERS
        ):
            head = m
            nxt = sentence[m.end() : m.end() + 1]
            if nxt in (",", ".", ";", ":", "") or nxt in "!?":
                break
            continue
        break
    if head is None:
        return None
    after = sentence[head.end() : head.end() + 1]
    if after not in (",", ".", ";", ":", "!", "?", ""):
        return None  # "said the plan would ..." is reported speech, not a speaker
    word = head.group(0)
    return word.rstrip(".").lower(), head.end() - (len(word) - len(word.rstrip(".")))


def _attribution_mentions(sentence: str, base: int) -> Iterator[Mention]:
    for m in _attribution_re().finditer(sentence):
        start, end = m.span()
        if m.group("according"):
            words: list[str] = []
            src_end = start
            for w in _WORD_RE.finditer(sentence, m.start("source"), m.end("source")):
                lw = w.group(0).lower().rstrip(".")
                if not words and lw in _DETERMINERS:
                    continue
                if lw in _SOURCE_STOP or len(words) == 4:
                    break
                words.append(re.sub(r"[’']s$", "", lw))
                src_end = w.end() - (1 if w.group(0).endswith(".") else 0)
            if not words:
                continue
            label = " ".join(sentence[start:src_end].split())
            yield Mention(
                ("according", words[0]),
                base + start,
                base + src_end,
                base + start,
                label,
                False,
                tuple(words),
            )
        elif m.group("phrase"):
            phrase = " ".join(m.group("phrase").lower().split())
            yield Mention(
                ("phrase", phrase), base + start, base + end, base + start, m.group("phrase"), True
            )
        else:
            verb = m.group("verb")
            if not verb[0].islower():
                continue
            before = _speaker_before(sentence, start)
            if before:
                head, s = before
                if _word_before(sentence, s)[0].lower() in _EMBEDDING:
                    continue
                yield Mention(
                    ("speaker", head, verb),
                    base + s,
                    base + end,
                    base + start,
                    " ".join(sentence[s:end].split()),
                    False,
                    contrasted=_contrast_before(sentence, s),
                )
                continue
            after = _speaker_after(sentence, end)
            if after:
                head, e = after
                yield Mention(
                    ("speaker", head, verb),
                    base + start,
                    base + e,
                    base + start,
                    " ".join(sentence[start:e].split()),
                    False,
                )


def _deletion(text: str, start: int, end: int) -> Fix | None:
    """An edit deleting the phrase at ``start:end`` and the space before it, when clean."""
    if start == 0 or text[start - 1] != " ":
        return None
    after = text[end : end + 1]
    before = text[start - 2 : start - 1] if start >= 2 else ""
    if after in (".", ",", ";", ":", "!", "?", ")") and before != ",":
        return safe_fix(Edit(start - 1, end, ""), description="Delete the repeat")
    if after == " " and before.isalnum():
        return safe_fix(Edit(start - 1, end, ""), description="Delete the repeat")
    if before == "," and after == ",":  # "The minister, on Friday, said"
        return unsafe_fix(
            Edit(start - 2, end + 1, ""), description="Delete the repeat and its commas"
        )
    return None


def _describe(document: Document, first: int, second: int) -> str:
    line1, col1 = document.position(first)
    line2, _ = document.position(second)
    return f"column {col1}" if line1 == line2 else f"line {line1}, column {col1}"


@cache
def _triggers() -> tuple[dict[str, str], frozenset[str]]:
    """Words without which no mention repeats: a sentence must hold one of them twice.

    Maps a lower-case word to what it stands for (months to their first three letters), and
    says which of those words belong to attributions. Checking a sentence's words against
    these is far cheaper than running the phrase patterns on every sentence.
    """
    time_words: dict[str, str] = {}
    for day in load_lines("days.txt"):
        time_words[day.lower()] = day.lower()
    for month in load_lines("months.txt"):
        time_words[month.lower()] = time_words[month.lower()[:3]] = month.lower()[:3]
    time_words["sept"] = "sep"
    for phrase in load_set("relative_times.txt"):
        last = phrase.split()[-1]
        time_words[last] = last
    attribution_words = {"according"} | {p.split()[-1] for p in load_set("attribution_phrases.txt")}
    attribution_words |= load_set("speech_verbs.txt")
    words = dict(time_words)
    words.update({w: w for w in attribution_words})
    return words, frozenset(attribution_words)


@cache
def _trigger_re() -> re.Pattern[str]:
    """Any trigger word as a whole token (as ``newslint.text.words`` cuts them: "Monday's"
    and "e-mail" are one token each), for a pass over the lower-cased story."""
    table, _ = _triggers()
    return re.compile(f"{TOKEN_START}{trie_alternation(table)}{TOKEN_END}")


# A whole token of WORD_RE's word branch, from a TOKEN_START to a TOKEN_END: every trigger
# word (word characters only) is one, so the tokens found in the table are the trigger
# pattern's hits.
_TOKEN_RE = lazy_compile(r"[\w\uFFFC]+(?:[’'\-.][\w\uFFFC]+)*")
# Text a process reads token by token before it compiles the trigger pattern.
_READ_BEFORE_COMPILING = 1 << 16


class _TriggerHits:
    """The trigger words' hits in lower-cased text, in order, each a whole token.

    The trie pattern of the triggers scans fastest, but compiling it costs some 2 ms, a
    share of a single-file run's start-up (issue 13). Looking each token up in the table
    finds the same hits (a test compares them), more slowly: so the first 64 KB a process
    reads are read that way, and the pattern, once compiled, pays for itself on the rest.
    """

    def __init__(self) -> None:
        self._read = 0

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._read >= _READ_BEFORE_COMPILING:
            return _trigger_re().finditer(text)
        self._read += len(text)
        table, _ = _triggers()
        return (match for match in _TOKEN_RE.finditer(text) if match.group() in table)


_trigger_hits = _TriggerHits()


def _doubled_triggers(document: Document) -> dict[int, tuple[bool, bool]]:
    """For each sentence (by index) that holds some time word twice, or some attribution
    word twice: (times, attributions). One regex pass over the story lower-cased; the
    hits come in order, so a moving index finds each one's sentence, and a sentence's words
    are weighed as soon as the hits move past it (only one sentence's are held)."""
    table, attribution_words = _triggers()
    text = document.text
    # Lower-cased a slice at a time (a trigger is one token, and no token holds white space):
    # a copy of a long story lower-cased took 4 bytes a character once it held one emoji.
    # A few characters grow when lower-cased: then the story is read as it is written.
    grows = any(len(part.lower()) != len(part) for part in slices(text))
    sentences = document.sentences
    found: dict[int, tuple[bool, bool]] = {}

    def weigh(index: int, words: list[str]) -> None:
        if len(words) < 2 or len(set(words)) == len(words):
            return
        doubled = {w for w, count in Counter(words).items() if count > 1}
        found[index] = (
            any(w not in attribution_words for w in doubled),
            any(w in attribution_words for w in doubled),
        )

    held = -1  # the sentence whose hits are being gathered
    words: list[str] = []  # and its words
    index, last = 0, len(sentences) - 1
    offset = 0  # where the slice starts in the story
    for part in slices(text):
        for match in _trigger_hits.finditer(part if grows else part.lower()):
            at = offset + match.start()
            while index < last and sentences[index].end <= at:
                index += 1
            if (
                sentences
                and sentences[index].start <= at
                and offset + match.end() <= sentences[index].end
            ):
                if index != held:
                    weigh(held, words)
                    held, words = index, []
                words.append(table[match.group()])
        offset += len(part)
    weigh(held, words)
    return found


def _repeats(mentions: list[Mention], text: str) -> list[tuple[Mention, Mention]]:
    """(first, repeat) pairs among a sentence's mentions, in order.

    A key given three or more times is a list or a schedule ("A v B on Saturday, C v D on
    Saturday, ..."), where repeating is the style, so it yields nothing.
    """
    by_key: dict[MentionKey, list[Mention]] = {}
    for mention in mentions:
        by_key.setdefault(mention.key, []).append(mention)
    pairs = []
    for group in by_key.values():
        if len(group) != 2:
            continue
        first, second = group
        if (
            first.key[0] in ("day", "rel")
            and " " not in first.label + second.label
            and not text[first.end : second.start].strip(" ,;:-–—.!?…\"'“”‘’")
        ):
            continue  # "Tonight, tonight": a speaker's own repetition, not a leftover
        if second.contrasted:
            continue
        shorter = min(len(first.detail), len(second.detail))
        if second.start >= first.end and first.detail[:shorter] == second.detail[:shorter]:
            pairs.append((first, second))
    pairs.sort(key=lambda pair: pair[1].start)
    return pairs


@dataclass(frozen=True)
class RepeatedAttributionOptions:
    """The repeated-attribution rule's options ([rules.repeated-attribution])."""

    times: bool = option(Flag(), True, "Report a time phrase given twice in one sentence.")
    attributions: bool = option(
        Flag(), True, "Report a source or speaker credited twice in one sentence."
    )


def check(document: Document, options: RepeatedAttributionOptions) -> Iterator[Finding]:
    check_times = options.times
    check_attributions = options.attributions
    regions = document.regions
    text = document.text
    sentences = document.sentences
    for index, (times, attributions) in sorted(_doubled_triggers(document).items()):
        sentence = sentences[index]
        mentions: list[Mention] = []
        if check_times and times:
            mentions.extend(_time_mentions(sentence.text, sentence.start))
        if check_attributions and attributions:
            mentions.extend(_attribution_mentions(sentence.text, sentence.start))
        if len(mentions) < 2:
            continue
        mentions.sort(key=lambda x: x.start)
        if not _repeats(mentions, text):
            continue
        # Compare only what stands outside quotation marks.
        outside = [m for m in mentions if not regions.quote_at(m.anchor)]
        for first, mention in _repeats(outside, text):
            where = _describe(document, first.start, mention.start)
            if mention.label.lower() == first.label.lower():
                said = f"'{mention.label}' already appears earlier in this sentence ({where})"
            else:
                said = f"'{mention.label}' repeats '{first.label}' from earlier in this sentence ({where})"
            if mention.key[0] in ("speaker", "according"):
                message = f"{said}; attribute once"
                suggestions: tuple[str, ...] = ()
                fix: Fix | None = None
            else:
                message = f"{said}; delete the repeat"
                suggestions = ("",)
                fix = _deletion(text, mention.start, mention.end) if mention.fixable else None
            yield RULE.finding(
                mention.start,
                mention.end,
                message,
                suggestions=suggestions,
                fix=fix,
                data={"first": first.label, "first_offset": first.start},
            )


RULE = Rule(
    id="repeated-attribution",
    category="attribution",
    severity="warning",
    check=check,
    doc=__doc__,
    options=RepeatedAttributionOptions,
)


@hookimpl
def newslint_rules() -> list[Rule]:
    return [RULE]
