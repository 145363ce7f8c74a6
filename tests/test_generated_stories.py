"""Generated stories in every input format, through every output format.

Stories of our own sentences, with the accidents the rules look for (doubled words and
spaces, debris lines, repeated time phrases, places with an article), laid out as plain
text, Markdown or HTML. Whatever the rules find: every position lies inside the file and
every output format parses.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conftest import assert_valid_sarif
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_output_escaping import github_commands

import newslint
from newslint.inputs import normalise_newlines
from newslint.model import FileResult
from newslint.output import Report, render
from newslint.plugins import builtin_formats

FORMATS = tuple(builtin_formats())  # every built-in output format

SENTENCES = (
    "The council met on Monday to discuss the new harbour plan.",
    "The the mayor said the vote would go ahead on Monday on Monday.",
    "Officials said the Germany's exporters had been hit hardest.",
    "It was a honour to serve, an university spokesman said.",
    "Residents said they not surprised by the  decision.",
    "Work starts in spring, the chairman told reporters on Tuesday.",
    "The Govt said the government would respond in a statement.",
    "Kiev and Kyiv were both named in the report.",
    "Café owners welcomed the plan — “at last”, one said.",
    "Prices rose 5% in the year to March, according to the ONS.",
)
DEBRIS = ("Share this post", "Advertisement", "Skip to main content", "Most read")


@st.composite
def paragraphs(draw) -> list[str]:
    count = draw(st.integers(1, 5))
    out = []
    for _ in range(count):
        if draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(DEBRIS)))
        else:
            sentences = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))
            out.append(
                draw(st.sampled_from([" ", "  ", "\n"])).join(sentences)
                + draw(st.sampled_from(["", " ", "\t"]))
            )
    if draw(st.booleans()):  # a paste that doubled a paragraph
        out.append(draw(st.sampled_from(out)))
    return out


def as_text(draw, paras: list[str]) -> str:
    return "\n\n".join(paras) + draw(st.sampled_from(["", "\n"]))


def as_markdown(draw, paras: list[str]) -> str:
    blocks = [f"# {paras[0]}"]
    for para in paras[1:]:
        style = draw(st.integers(0, 4))
        if style == 1:
            para = f"- {para}"
        elif style == 2:
            para = para.replace("council", "**council**").replace(
                "mayor", "[mayor](https://example.org/m)"
            )
        elif style == 3:
            para = f"> {para}"
        blocks.append(para)
    if draw(st.booleans()):
        blocks.insert(1, "<!-- newslint-disable-next-line debris -->")
    return "\n\n".join(blocks) + "\n"


def as_html(draw, paras: list[str]) -> str:
    body = []
    for para in paras:
        para = para.replace("&", "&amp;").replace(
            " the ", draw(st.sampled_from([" the ", " <em>the</em> ", " the&nbsp;"]))
        )
        tag = draw(st.sampled_from(["p", "h2", "li", "div"]))
        body.append(f"<{tag}>{para}</{tag}>")
    joiner = draw(st.sampled_from(["\n", "", "\n  "]))  # minified or indented
    return f"<html><body><article>{joiner}{joiner.join(body)}{joiner}</article></body></html>\n"


@st.composite
def stories(draw) -> tuple[str, str]:
    paras = draw(paragraphs())
    kind = draw(st.sampled_from(["txt", "md", "html"]))
    text = {"txt": as_text, "md": as_markdown, "html": as_html}[kind](draw, paras)
    if draw(st.integers(0, 3)) == 0:
        text = text.replace("\n", "\r\n")
    return f"story.{kind}", text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(story=stories())
def test_positions_are_inside_the_file_and_every_format_parses(story):
    filename, text = story
    findings = newslint.lint_text(text, filename=filename)
    lines = normalise_newlines(text).split("\n")
    for f in findings:
        assert f.category != "internal", f.message
        assert 1 <= f.line <= f.end_line <= len(lines), f
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, f
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, f
        if f.end_line == f.line:
            assert f.end_column >= f.column, f
        for edit in f.fix.edits if f.fix else ():
            assert 1 <= edit.line <= edit.end_line <= len(lines), edit
            assert 1 <= edit.column <= len(lines[edit.line - 1]) + 1, edit
    report = Report([FileResult(filename, findings)])
    outputs = {fmt: render(fmt, report) for fmt in FORMATS}
    data = json.loads(outputs["json"])
    assert len(data["files"][0]["findings"]) == len(findings)
    assert len(assert_valid_sarif(json.loads(outputs["sarif"]))["runs"][0]["results"]) == len(
        findings
    )
    suite = ET.fromstring(outputs["junit"])
    assert suite.get("tests") == "1"
    assert len(github_commands(outputs["github"])) == len(findings)
    fixable = any(f.fix for f in findings)  # then a "[*] N fixable" line
    assert len(outputs["text"].splitlines()) == len(findings) + 1 + fixable
