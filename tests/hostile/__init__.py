"""Hostile inputs, built by code: runs of one character, long tokens, deep markup, many
comments. Each ``HostileInput`` builds a story of about ``size`` characters, so a test or a
benchmark can double it and watch the cost. Shared by tests/test_hostile.py and
benchmarks/hostile.py; nothing here is committed as a big file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

FORMATS = ("text", "markdown", "html")
SUFFIX = {"text": "story.txt", "markdown": "story.md", "html": "story.html"}


@dataclass(frozen=True)
class HostileInput:
    name: str
    unit: str  # repeated to fill the size (``build`` may wrap it)
    formats: tuple[str, ...] = FORMATS
    wrap: Callable[[str, int], str] | None = None  # (repeated units, repeat count) -> text

    def build(self, size: int) -> str:
        count = max(1, size // len(self.unit))
        body = self.unit * count
        return self.wrap(body, count) if self.wrap else body


def _nested(open_tag: str, close_tag: str) -> Callable[[str, int], str]:
    """``count`` open tags, a word, then the matching closes: markup nested ``count`` deep."""
    return lambda body, count: body + "word" + close_tag * count


_PUNCTUATION = ".!?,;:-—'\"“”‘’()[]{}*_#<>&`~|/\\…=+%$@^"
_SENTENCE = "The minister said the report would be published in the spring. "

HOSTILE_INPUTS: tuple[HostileInput, ...] = (
    # The cases issue 9 names.
    HostileInput("slash-words", "a/"),
    HostileInput("dots", "."),
    HostileInput("straight-quotes", '"'),
    HostileInput(
        "suppression-comments", "<!-- newslint-disable debris -->\n", ("markdown", "html")
    ),
    HostileInput(
        "suppression-mixed",
        "<!-- newslint-disable doubled-word, debris -->\nthe the\n"
        "<!-- newslint-enable debris -->\n<!-- newslint-disable-next-line -->\nAdvertisement\n",
        ("markdown", "html"),
    ),
    HostileInput(
        "suppression-unknown", "<!-- newslint-disable nosuchrule -->\n", ("markdown", "html")
    ),
    # Runs of one punctuation character.
    *(HostileInput(f"run-{ord(ch):04x}", ch) for ch in _PUNCTUATION),
    HostileInput("spaces", " "),
    HostileInput("tabs", "\t"),
    HostileInput("newlines", "\n"),
    HostileInput("object-replacement", "\ufffc"),
    HostileInput("dotted-capital-i", "İ"),
    HostileInput("combining-accents", "e\u0301"),
    # Runs of one word, long tokens, no white space.
    HostileInput("one-word", "the "),
    HostileInput("doubled-words", "the the. "),
    HostileInput("one-long-token", "a"),
    HostileInput("hyphen-chain", "a-"),
    HostileInput("initialism-chain", "A."),
    HostileInput("apostrophe-chain", "a'"),
    HostileInput("no-whitespace", _SENTENCE.replace(" ", "")),
    HostileInput("long-line", _SENTENCE),
    HostileInput("many-lines", "a\n"),
    HostileInput("many-paragraphs", _SENTENCE + "\n\n"),
    HostileInput("capitalised-words", "Kiev Kyiv Govt government Sinn Fein "),
    HostileInput("titles", "Mr. J. U.S. Gov. No. "),
    HostileInput("time-phrases", "on Monday said "),
    HostileInput("pronoun-not", "it not "),
    HostileInput("articles", "a an hour the Germany's "),
    HostileInput("quoted-speech", '"Why?" Mr Lee asked. '),
    HostileInput("unclosed-quoted-slips", "\u201crecieve "),  # one quotation, a slip a word
    HostileInput("apostrophes", "'s 'tis o' "),
    HostileInput("brackets", "(a [b {c "),
    HostileInput("debris-lines", "Advertisement\n"),
    HostileInput("doubled-spaces", "a  b   "),
    HostileInput("trailing-spaces", "a \n"),
    # Markup.
    HostileInput("nested-divs", "<div>", ("html",), _nested("<div>", "</div>")),
    HostileInput("nested-inline", "<b><i>", ("html",), _nested("<b><i>", "</i></b>")),
    HostileInput("unclosed-paragraphs", "<p>a "),
    HostileInput("entities", "&amp;&nbsp;&#128512;&#x1F600;"),
    HostileInput("broken-entities", "&#x&#&amp"),
    HostileInput("html-comments", "<!-- x -->"),
    HostileInput("unclosed-comments", "<!--"),
    HostileInput("script-tags", "<script>"),
    HostileInput("long-attribute", "a", ("html",), lambda body, count: f'<p title="{body}">x</p>'),
    HostileInput("many-attributes", "b=c ", ("html",), lambda body, count: f"<p {body}>x</p>"),
    HostileInput("nested-quotes-md", "> "),
    HostileInput("nested-lists-md", "- "),
    HostileInput("link-openers-md", "[a]("),
    HostileInput("image-openers-md", "!["),
    HostileInput("emphasis-md", "*a_"),
    HostileInput("code-ticks-md", "`a``"),
    HostileInput("table-md", "|a", ("markdown",), lambda body, count: f"{body}\n|-|\n{body}\n"),
)
