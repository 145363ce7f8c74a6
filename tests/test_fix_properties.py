"""Property tests for --fix over generated stories in all three formats.

Stories are built from our own sentence fragments, with the slips the fixes are for injected
between and inside them: debris paragraphs and lines, doubled words (some with markup around
the second word: a link, emphasis), doubled and trailing spaces, markup around words, a
table cell holding debris, an ad or share container around paragraphs (with an image or a
comment in it, or none), one-line (minified) HTML, CRLF line endings. Whatever the rules
find and fix:

- every finding and every edit lies inside the original file;
- a safe fix removes no word its finding does not name, and inserts none;
- over the whole story, no word outside a finding is lost;
- HTML tags stay balanced (only whole elements go) and Markdown delimiters stay paired;
- a second --fix changes nothing, also where a fix makes paragraphs copies (near copies of
  one paragraph, differing by doubled words, are generated for that).

Hypothesis runs derandomized, so CI sees the same examples every time.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newslint
from newslint.fixes import apply_edits, fixes_to_apply
from newslint.inputs import normalise_newlines
from newslint.parsers import html, markdown, plain

PROPERTY = settings(
    max_examples=45, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

SUBJECTS = (
    "The harbour board",
    "Local traders",
    "A spokeswoman for the ferry firm",
    "The new mayor",
    "Two councillors",
    "The school governors",
)
VERBS = (
    "agreed to review",
    "said they would fund",
    "voted against",
    "postponed",
    "welcomed",
    "asked the minister about",
)
OBJECTS = (
    "the parking scheme",
    "a plan for the quay",
    "the library's opening hours",
    "the cost of the bridge",
    "next year's budget",
    "the bus timetable",
)
ENDINGS = ("on Monday.", "after a long meeting.", "in a statement.", "at the town hall.", ".")
DEBRIS = (
    "Advertisement",
    "Share this post",
    "Skip to main content",
    "Read more",
    "Share on Facebook",
)
WORD_RE = re.compile(r"[A-Za-z0-9'’]+")
FORMATS = {"txt": plain.parse, "md": markdown.parse, "html": html.parse}


@st.composite
def sentences(draw) -> str:
    """One sentence of our own, perhaps with a slip in it; words plain or marked up (the
    markup is applied per format by ``mark``)."""
    words = [
        draw(st.sampled_from(SUBJECTS)),
        draw(st.sampled_from(VERBS)),
        draw(st.sampled_from(OBJECTS)),
    ]
    ending = draw(st.sampled_from(ENDINGS))
    sentence = " ".join(words) + ("" if ending == "." else " ") + ending
    slip = draw(st.integers(0, 5))
    if slip == 1:  # a doubled word
        sentence = sentence.replace(" the ", " the the ", 1)
    elif slip == 2:  # the repeat inside markup: {the council} becomes a link or emphasis
        sentence = (
            sentence.replace(" the ", " the {the ", 1).replace(".", "}.", 1)
            if " the " in sentence
            else sentence
        )
    elif slip == 3:
        sentence = sentence.replace(" ", "  ", 1)
    elif slip == 4:  # a doubled word at the start of the sentence
        first = sentence.split(" ", 1)[0]
        sentence = f"{first} {first.lower()} {sentence.split(' ', 1)[1]}"
    return sentence


def mark(fmt: str, text: str, style: int) -> str:
    """Turn ``{...}`` into the format's markup around words."""
    if fmt == "md":
        opener, closer = [("[", "](https://example.org/x)"), ("**", "**"), ("*", "*")][style % 3]
    elif fmt == "html":
        opener, closer = [('<a href="/x">', "</a>"), ("<strong>", "</strong>"), ("<em>", "</em>")][
            style % 3
        ]
    else:
        opener = closer = ""
    return text.replace("{", opener).replace("}", closer)


@st.composite
def echoes(draw) -> list[str]:
    """Two to four near copies of one sentence: as it is, with a doubled word, or with a word
    in front and a doubled word. Fixing a doubled word can make two of them copies, or one
    the nearer original of another, which changes which fixes duplicate-paragraph holds back
    (``hold_fixes_in_copied_text``): the chain a second --fix once found more work in."""
    # Long enough (fifteen words and more) for duplicate-paragraph to match near copies.
    words = " ".join(
        [
            draw(st.sampled_from(SUBJECTS)),
            draw(st.sampled_from(VERBS)),
            draw(st.sampled_from(OBJECTS)),
            "after a long meeting at the town hall on Monday",
        ]
    ).split(" ")
    out = []
    # The copies with more slips first (as where a pasted draft precedes the clean text):
    # that order is the one where a fix moves which paragraph counts as the original.
    kinds = sorted(draw(st.lists(st.integers(0, 2), min_size=2, max_size=4)), reverse=True)
    for kind in kinds:
        copy = list(words)
        if kind:  # a doubled word
            at = draw(st.integers(0, len(copy) - 1))
            copy.insert(at + 1, copy[at].lower())
        if kind == 2:
            copy = ["Soon", copy[0].lower(), *copy[1:]]
        out.append(" ".join(copy) + ".")
    return out


@st.composite
def stories(draw, formats: tuple[str, ...] = tuple(sorted(FORMATS)), container: bool = False):
    """A story in one of ``formats``; in HTML, with an ad or share container among its
    paragraphs when ``container`` (else sometimes)."""
    fmt = draw(st.sampled_from(formats))
    paragraphs: list[tuple[str, str]] = []  # (kind, text)
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.integers(0, 3)) == 0:
            paragraphs.append(("debris", draw(st.sampled_from(DEBRIS))))
        else:
            body = " ".join(draw(st.lists(sentences(), min_size=1, max_size=3)))
            body = mark(fmt, body, draw(st.integers(0, 2)))
            if fmt != "html" and draw(st.integers(0, 3)) == 0:
                body += draw(st.sampled_from([" ", "  ", "\t"]))  # trailing whitespace
            if fmt != "html" and draw(st.integers(0, 4)) == 0:  # a debris line inside it
                body += "\n" + draw(st.sampled_from(DEBRIS))
            paragraphs.append(("para", body))
    if draw(st.booleans()):  # near copies of one paragraph, in a run among the others
        at = draw(st.integers(0, len(paragraphs)))
        paragraphs[at:at] = [("para", echo) for echo in draw(echoes())]
    if fmt == "html":
        tags = [draw(st.sampled_from(["p", "div", "li"])) for _ in paragraphs]
        joiner = draw(st.sampled_from(["", " ", "\n", "\n  "]))  # one-line, minified or indented
        if draw(st.booleans()):  # a debris line inside a paragraph broken with <br>
            at = draw(st.integers(0, len(paragraphs) - 1))
            kind, body = paragraphs[at]
            paragraphs[at] = (
                kind,
                body
                + draw(st.sampled_from(["<br>", "<br/>", "<br> "]))
                + draw(st.sampled_from(DEBRIS)),
            )
        elements = [f"<{t}>{body}</{t}>" for t, (_, body) in zip(tags, paragraphs)]
        if container or draw(st.booleans()):  # an ad or share container (or a plain div)
            held = [
                f"<p>{draw(st.sampled_from(DEBRIS))}</p>"
                if draw(st.integers(0, 3))
                else "<p>The ferry firm said it was sorry.</p>"
                for _ in range(draw(st.integers(1, 3)))
            ]
            extra = draw(st.sampled_from(["", "", '<img src="m.jpg">', "<!-- slot -->"]))
            held.insert(draw(st.integers(0, len(held))), extra)
            kind = draw(st.sampled_from(["ad", "ad", "share-bar", "story", 'x" title="class=ad']))
            container = f'<div class="{kind}">{joiner.join(held)}</div>'
            elements.insert(draw(st.integers(0, len(elements))), container)
        text = joiner.join(elements)
        if draw(st.booleans()):
            cell = draw(st.sampled_from(DEBRIS))
            text += f"{joiner}<table><tr><td>Harbour ward</td><td>{cell}</td></tr></table>"
        text = f"<html><body>{joiner}{text}{joiner}</body></html>"
    else:
        blocks = [body for _, body in paragraphs]
        if fmt == "md":
            if draw(st.booleans()):
                blocks.insert(0, "# Harbour plan goes to a vote")
            if draw(st.booleans()):
                cell = draw(st.sampled_from(DEBRIS))
                blocks.append(
                    f"| Ward | Note |\n|---|---|\n| Harbour | {cell} |\n| Quay | Held over |"
                )
            if draw(st.booleans()):
                blocks.append("The mayor opened it ![Photo](m.jpg) on Saturday in the rain.")
        text = "\n\n".join(blocks)
    text += draw(st.sampled_from(["", "\n"]))
    if draw(st.integers(0, 3)) == 0:
        text = text.replace("\n", "\r\n")
    return f"story.{fmt}", text


# Half the examples are HTML with a container, so that --fix's removal of a whole ad slot
# (and its refusal where the slot holds anything else) is exercised on every run.
STORIES = st.one_of(stories(), stories(formats=("html",), container=True))


def prose_words(filename: str, text: str) -> Counter:
    document = FORMATS[filename.rsplit(".", 1)[1]](filename, normalise_newlines(text))
    return Counter(w.lower() for w in WORD_RE.findall(document.text.replace("\ufffc", " ")))


def finding_words(filename: str, text: str, findings) -> Counter:
    """Words of the findings' own spans, read in the story's prose."""
    document = FORMATS[filename.rsplit(".", 1)[1]](filename, normalise_newlines(text))
    out: Counter = Counter()
    for f in findings:
        out.update(w.lower() for w in WORD_RE.findall(document.text[f.start : f.end]))
    return out


def markup_words(snippet: str) -> Counter:
    """Words a reader sees in a piece of source: tags, link targets and entities left out."""
    snippet = re.sub(r"<[^>]*>", " ", snippet)
    snippet = re.sub(r"\]\([^)]*\)", " ", snippet)
    snippet = re.sub(r"&[A-Za-z#0-9]+;", " ", snippet)
    return Counter(w.lower() for w in WORD_RE.findall(snippet))


def tag_balance(text: str) -> Counter:
    """Start tags less end tags, per element (void elements such as <br> have no end)."""
    balance: Counter = Counter()
    for closing, name in re.findall(r"<(/?)([a-z][a-z0-9]*)", text):
        if name not in ("br", "img", "hr", "wbr"):
            balance[name] += -1 if closing else 1
    return balance


def md_delimiters(text: str) -> tuple:
    return (
        text.count("[") - text.count("]"),
        text.count("(") - text.count(")"),
        text.count("**") % 2,
        (text.count("*") - 2 * text.count("**")) % 2,
    )


@PROPERTY
@given(story=STORIES)
def test_positions_and_edits_lie_inside_the_original_file(story):
    filename, text = story
    lines = normalise_newlines(text).split("\n")
    for f in newslint.lint_text(text, filename=filename):
        assert f.category != "internal", f.message
        assert 1 <= f.line <= f.end_line <= len(lines)
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1
        for edit in f.fix.edits if f.fix else ():
            assert 0 <= edit.start <= edit.end <= len(text), edit
            assert 1 <= edit.line <= edit.end_line <= len(lines), edit


@PROPERTY
@given(story=STORIES)
def test_each_safe_fix_removes_only_what_its_finding_names(story):
    filename, text = story
    findings = newslint.lint_text(text, filename=filename)
    # Findings may share one edit (every line of a block of debris removes the block).
    sharing: dict[tuple, list] = {}
    for f in findings:
        for edit in f.fix.edits if f.fix else ():
            sharing.setdefault((edit.start, edit.end, edit.text), []).append(f)
    for f in findings:
        if f.fix is None or not f.fix.is_safe:
            continue
        for edit in f.fix.edits:
            named = finding_words(filename, text, sharing[edit.start, edit.end, edit.text])
            removed = markup_words(text[edit.start : edit.end])
            assert not removed - named, (f.rule, text[edit.start : edit.end], dict(named))
            assert not markup_words(edit.text), edit  # a safe fix inserts no words


@PROPERTY
@given(story=STORIES)
def test_fix_loses_no_word_outside_a_finding_and_keeps_markup_balanced(story):
    filename, text = story
    findings = newslint.lint_text(text, filename=filename)
    after, _ = apply_edits(text, fixes_to_apply(findings))
    fixed = [f for f in findings if f.fix is not None and f.fix.is_safe]
    lost = prose_words(filename, text) - prose_words(filename, after)
    assert not lost - finding_words(filename, text, fixed), (text, after)
    assert not prose_words(filename, after) - prose_words(filename, text)  # nothing added
    if filename.endswith(".html"):
        assert tag_balance(after) == tag_balance(text)
        assert not Counter(re.findall(r"</?[a-z]+", after)) - Counter(
            re.findall(r"</?[a-z]+", text)
        )
    if filename.endswith(".md"):
        assert md_delimiters(after) == md_delimiters(text), (text, after)


@PROPERTY
@given(story=STORIES)
def test_a_second_fix_changes_nothing(story):
    filename, text = story
    once = newslint.fix_text(text, filename=filename).text
    assert newslint.fix_text(once, filename=filename).text == once, (text, once)


UNSAFE_SLIPS = (
    ("a plan", "a hour-long plan"),
    ("next year's", "the Germany's"),
    ("welcomed", "welcomed an university"),
)


@PROPERTY
@given(story=STORIES)
def test_unsafe_fixes_too_lose_no_word_outside_a_finding_and_settle_in_one_fix_run(story):
    filename, text = story
    for wrong, slip in UNSAFE_SLIPS:
        text = text.replace(wrong, slip)
    findings = newslint.lint_text(text, filename=filename)
    after, _ = apply_edits(text, fixes_to_apply(findings, unsafe=True))
    lost = prose_words(filename, text) - prose_words(filename, after)
    assert not lost - finding_words(filename, text, [f for f in findings if f.fix]), (text, after)
    if filename.endswith(".html"):
        assert tag_balance(after) == tag_balance(text)
    if filename.endswith(".md"):
        assert md_delimiters(after) == md_delimiters(text), (text, after)
    # One pass need not settle (a fix can release another a rule held): --fix runs passes
    # until none applies, and then a second --unsafe-fixes run changes nothing.
    once = newslint.fix_text(text, filename=filename, unsafe_fixes=True).text
    assert newslint.fix_text(once, filename=filename, unsafe_fixes=True).text == once, (text, once)
