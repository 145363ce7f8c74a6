"""No rule raises on any text: stories cut anywhere, trigger words at the very end.

A rule that looks a token or a character ahead must stop at the end of the prose: "the
Germany's" (the article, a listed place's possessive, then nothing) was an IndexError.
"""

from __future__ import annotations

from functools import lru_cache

from conftest import run_module
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newslint
from newslint.text.lexicon import load_lines


def test_a_possessive_place_at_the_very_end_is_found_not_a_crash():
    for text in (
        "the Germany's",
        "the Germany’s",
        "The talks began in the Wales'",
        "the Germany's\n",
    ):
        findings = newslint.lint_text(text, filename="story.txt")
        assert [f.rule for f in findings if f.category == "internal"] == [], text
    (finding,) = newslint.lint_text("the Germany's", filename="story.txt")
    assert (finding.rule, finding.column, finding.end_column) == (
        "article-before-possessive",
        1,
        14,
    )
    assert finding.suggestions == ("Germany's",)
    done = run_module("check", "--no-config", "-", input="the Germany's")
    assert done.returncode == 1 and "internal-error" not in done.stdout
    assert done.stdout.startswith("<stdin>:1:1: warning [article-before-possessive]")


@lru_cache(maxsize=1)
def trigger_words() -> tuple[str, ...]:
    """Words the grammar, attribution and naming rules start from or look ahead for."""
    words = {
        "the",
        "The",
        "a",
        "A",
        "an",
        "An",
        "it",
        "It",
        "they",
        "who",
        "which",
        "that",
        "I",
        "not",
        "Not",
        "considered",
        "sure",
        "clear",
        "only",
        "said",
        "told",
        "according",
        "to",
        "on",
        "Monday",
        "Tuesday",
        "last",
        "night",
        "yesterday",
        "in",
        "statement",
        "hour",
        "university",
        "NATO",
        "FBI",
        "MP",
        "8",
        "11",
        "1800s",
        "U.S.",
        "US",
        "Govt",
        "government",
        "Kiev",
        "Kyiv",
        "Germany",
        "Germany's",
        "Germany’s",
        "Wales",
        "Wales'",
        "New",
        "York",
        "York's",
        "Britain's",
        "Got",
        "Talent",
        "Paris",
        "Agreement's",
        "had",
        "is",
        "was",
        "by",
        "with",
        "Mr",
        "Dr.",
        "Ms",
        "St",
        "Jan.",
        "January",
        "5",
    }
    for name in (
        "places_without_article.txt",
        "possessive_titles.txt",
        "speech_verbs.txt",
        "relative_times.txt",
        "attribution_phrases.txt",
    ):
        for line in load_lines(name)[:12]:
            words.update(line.split())
    return tuple(sorted(words))


# Openings of what the rules look for, so that a short draw often ends inside one.
PHRASES = (
    "the Germany's",
    "the Germany’s",
    "the Wales'",
    "the New York's",
    "the Britain's Got",
    "a hour",
    "an university",
    "a NATO",
    "an FBI",
    "a 8",
    "an 11",
    "A U.S.",
    "it not considered",
    "they not sure",
    "which not",
    "the the",
    "said said",
    "on Monday",
    "on Monday on Monday",
    "said on Monday",
    "told reporters",
    "in a statement",
    "according to",
    "Govt government",
    "Kiev Kyiv",
    "Mr. Smith",
    "Jan. 5",
)


SEPARATORS = [
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    ", ",
    ". ",
    "'",
    "’",
    "'s",
    "’s",
    '"',
    "“",
    "”",
    "-",
    "—",
    "(",
    ")",
    "\u00a0",
    "\t",
    "?",
    "!",
    ":",
    ";",
    "...",
    "/",
    "",
]


@st.composite
def prose(draw) -> str:
    words = draw(
        st.lists(
            st.one_of(st.sampled_from(PHRASES), st.sampled_from(trigger_words())),
            min_size=1,
            max_size=10,
        )
    )
    text, word_ends = "", []
    for word in words:
        text += word
        word_ends.append(len(text))
        text += draw(st.sampled_from(SEPARATORS))
    # End the text at any point (in a word, after an apostrophe, on a separator), and often
    # right after a word, where a rule's look-ahead finds nothing.
    return text[: draw(st.one_of(st.sampled_from(word_ends), st.integers(1, len(text))))]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=prose(), filename=st.sampled_from(["story.txt", "story.md"]))
def test_no_rule_raises_on_trigger_words_cut_anywhere(text, filename):
    findings = newslint.lint_text(text, filename=filename)
    assert [f.message for f in findings if f.category == "internal"] == []
