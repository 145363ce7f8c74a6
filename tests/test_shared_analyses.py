"""Rules that look at a few anchor words read them from the text, so the whole-story word
list (the largest shared cost) is never built for them; their findings are the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.parsers.plain import parse
from newslint.plugins import build_registry
from newslint.text import words
from newslint.text.words import WORD_RE, Tokens, token_pattern

STORY = (
    "The the minister said it not considered the Germany's offer, an university plan "
    "and a hour-long debate. (Not) not e-mail e-mail U.S. U.S. possible...the end.\n\n"
    "A second paragraph: they not surprised.\n"
)

ANCHORED = [
    "a-an",
    "article-before-possessive",
    "doubled-word",
    "missing-verb",
    "repeated-attribution",
]


@pytest.mark.parametrize("rule_id", ANCHORED)
def test_rule_does_not_build_the_word_list(rule_id):
    rule = build_registry(entry_points=False).rules[rule_id]
    document = parse("s.txt", STORY)
    list(rule.check(document, rule.options()))
    assert "words" not in document.__dict__


def test_tokens_around_a_position_match_the_documents_word_list():
    document = parse("s.txt", STORY)
    words = document.words
    tokens = Tokens(document.text)
    for i in range(1, len(words) - 2):
        assert tokens.before(words[i].start) == words[i - 1]
        assert tokens.after(words[i].end, 2) == words[i + 1 : i + 3]
        assert tokens.at(words[i].start, words[i].end) == words[i]
    assert tokens.before(words[0].start) is None
    assert tokens.after(words[-1].end, 3) == []


def test_token_pattern_matches_whole_tokens_only():
    text = "bathe the theme e-the THE the.the possible...the"
    found = [m.group() for m in token_pattern(["the"], ignorecase=True).finditer(text)]
    expected = [m.group() for m in WORD_RE.finditer(text) if m.group().lower() == "the"]
    assert found == expected == ["the", "THE", "the"]


@pytest.fixture(scope="module")
def monkeypatch_slice():
    """Slices and read-back windows of a few characters, so short texts cross many cuts."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(words, "_SLICE", 4)
        patch.setattr(words, "_BACK_WINDOW", 2)
        yield


# Text made of what decides tokens and case: word characters, joiners, white space, a final
# sigma, letters that grow when lower-cased.
_TOKEN_TEXT = st.text(alphabet="ab ΣσςİIß\n\t.-'’\ufffc", max_size=120)


@settings(deadline=None)
@given(_TOKEN_TEXT)
def test_slice_helpers_match_a_pass_over_the_whole_text(monkeypatch_slice, text):
    assert words._SLICE == 4  # the fixture's: slices of a few characters, cut at white space
    assert "".join(words.slices(text)) == text
    assert words.lower_text(text) == text.lower()
    assert words.distinct_words(text) == set(WORD_RE.findall(text))


@settings(deadline=None)
@given(_TOKEN_TEXT)
def test_chunk_start_from_a_small_window_matches_a_whole_read(monkeypatch_slice, text):
    tokens = Tokens(text)
    for at in range(len(text) + 1):
        start = at
        while start > 0 and words.is_chunk_char(text[start - 1]):
            start -= 1
        assert tokens.chunk_start(at) == start
