"""The HTML report (``--format html``), opened in a real headless Chromium.

One browser launch for the module (DevTools protocol on a pipe, tools/make_report_screenshot.py):
the example stories plus hostile ones (markup and script in the story, in its file name and
in a house rule's message) are checked by the real command line, the page is loaded, and
from the DOM as it stands after the page's own script ran we check that every finding of
``--format json`` is highlighted on exactly its words, that nothing from a story became
markup or ran (no dialog opened), that a screenshot came out, that the severity and rule
filters hide what they name and nothing else, and that a long archive renders a story only
when it is opened.

Chromium comes from Debian's ``chromium`` package (.ci/run installs it). Without it the test
is skipped on a developer's machine and fails under CI, where it must be there.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, run_in_process

from newslint.output.html import OPEN_LIMIT

TOOL = REPO / "tools" / "make_report_screenshot.py"
HOSTILE_NAME = '"><img src=x onerror=alert(1)>.txt'
HOSTILE_STORY = (
    "Skip to main content\n"
    "<script>alert(1)</script> and <script>document.body.dataset.pwned = 'story'</script> ran in the the report.\n"
    '"><img src=x onerror=alert(1)> and "><img src=x onerror="document.body.dataset.pwned=\'img\'"> stayed text.\n'
    "The minister said \u201cit\u2019s fine\u201d \U0001f389\U0001f389 on Monday  and left. \n"
)
HOSTILE_CONFIG = """\
[[house-style]]
id = "alert"
kind = "existence"
words = ["alert"]
message = "<b>{match}</b><script>document.body.dataset.pwned = 'message'</script> is markup"
"""


def _tool():
    spec = importlib.util.spec_from_file_location("newslint_report_screenshot", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Piece:
    line: int
    start: int  # 0-based code points in the line, end exclusive
    end: int


@dataclass
class RenderedReport(HTMLParser):
    """What the rendered page shows outside ``<template>`` (the lazily rendered sources)."""

    marks: dict[int, list[Piece]] = field(default_factory=lambda: defaultdict(list))
    mark_classes: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    cards: list[dict] = field(default_factory=list)
    rows: dict[tuple[str, int], str] = field(default_factory=dict)  # (section id, line) -> text
    links: dict[str, str] = field(default_factory=dict)  # section id -> file name shown
    elements: list[tuple[str, dict]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)
        self._template = 0
        self._open_marks: list[int] = []
        self._section: str | None = None
        self._row: int | None = None
        self._in_text = False
        self._row_text: list[str] = []
        self._link: str | None = None
        self._skip = 0  # inside script or style

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self._template += 1
        if self._template:
            return
        self.elements.append((tag, attrs))
        classes = set((attrs.get("class") or "").split())
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "details" and "story" in classes:
            self._section = attrs["id"]
        elif tag == "div" and "row" in classes:
            self._row = int(attrs["id"].rsplit("-", 1)[1])
            self._row_text = []
        elif tag == "div" and "tx" in classes:
            self._in_text = True
        elif tag == "mark" and self._in_text:
            number = next(int(c[1:]) for c in classes if c[0] == "f" and c[1:].isdigit())
            self._open_marks.append(number)
            self.mark_classes[number] |= classes
            if "pt" in classes:
                self._add(number, 0)
        elif tag == "div" and "card" in classes:
            self.cards.append({**attrs, "section": self._section})
        elif (
            tag == "a" and (attrs.get("href") or "").startswith("#file-") and self._section is None
        ):
            self._link = attrs["href"][1:]
            self.links[self._link] = ""

    def handle_endtag(self, tag):
        if tag == "template":
            self._template -= 1
            return
        if self._template:
            return
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag == "mark" and self._in_text:
            self._open_marks.pop()
        elif tag == "div" and self._in_text:
            self._in_text = False
            self.rows[(self._section, self._row)] = "".join(self._row_text)
        elif tag == "a":
            self._link = None
        elif tag == "details":
            self._section = None

    def handle_data(self, data):
        if self._template or self._skip:
            return
        self.text.append(data)
        if self._link:
            self.links[self._link] += data
        if self._in_text:
            for number in self._open_marks:
                self._add(number, len(data))
            self._row_text.append(data)

    def _add(self, number: int, length: int) -> None:
        start = sum(map(len, self._row_text))
        pieces = self.marks[number]
        if pieces and pieces[-1].line == self._row and pieces[-1].end == start and length:
            pieces[-1].end += length  # one piece per line: a mark cut by a nested one
        else:
            pieces.append(Piece(self._row, start, start + length))


def _expected_pieces(finding: dict, lines: list[str]) -> list[Piece]:
    """Where a finding's words are, line by line, from its JSON line and column alone."""
    if (finding["line"], finding["column"]) == (finding["end_line"], finding["end_column"]):
        return [Piece(finding["line"], finding["column"] - 1, finding["column"] - 1)]
    pieces = []
    for line in range(finding["line"], min(finding["end_line"], len(lines)) + 1):
        text = lines[line - 1]
        start = finding["column"] - 1 if line == finding["line"] else 0
        end = finding["end_column"] - 1 if line == finding["end_line"] else len(text)
        if min(end, len(text)) > start:
            pieces.append(Piece(line, start, min(end, len(text))))
    return pieces


def _distinct_bytes(png: bytes) -> int:
    """How many different byte values the image's pixel data holds: a blank page has a
    handful, a page of text and colour has hundreds."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    data, at = b"", 8
    while at < len(png):
        length = int.from_bytes(png[at : at + 4], "big")
        kind = png[at + 4 : at + 8]
        if kind == b"IDAT":
            data += png[at + 8 : at + 8 + length]
        at += 12 + length
    return len(set(zlib.decompress(data)))


@dataclass
class Opened:
    folder: Path
    findings: dict  # newslint check --format json on the same stories
    page: RenderedReport  # the DOM once the page's script ran
    screenshot: Path
    browser: object  # the Chromium it is open in (tools/make_report_screenshot.py)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The report of examples/ and the hostile stories, open in one headless Chromium that
    the module's tests share."""
    tool = _tool()
    try:
        tool.find_chromium()
    except tool.BrowserMissing as exc:
        if os.environ.get("CI"):
            pytest.fail(f"{exc}; .ci/run installs it, so CI must have it")
        pytest.skip(str(exc))
    folder = tmp_path_factory.mktemp("report")
    shutil.copytree(
        REPO / "examples", folder / "examples", ignore=shutil.ignore_patterns("ci", "*.png")
    )
    hostile = folder / "examples" / "hostile"
    hostile.mkdir()
    (hostile / HOSTILE_NAME).write_text(HOSTILE_STORY, encoding="utf-8")
    (hostile / "newslint.toml").write_text(HOSTILE_CONFIG, encoding="utf-8")
    report = run_in_process(
        "check", "examples", "--format", "html", "--output", "report.html", cwd=folder
    )
    assert report.returncode == 1, report.stderr
    assert report.stdout == ""  # --output: the page went to the file
    findings = json.loads(
        run_in_process("check", "examples", "--format", "json", cwd=folder).stdout
    )
    with tool.Chromium(width=1400, height=1200) as browser:
        browser.load(folder / "report.html")
        parsed = RenderedReport()
        parsed.feed(browser.dom())
        yield Opened(folder, findings, parsed, browser.screenshot(folder / "report.png"), browser)


def test_every_finding_is_highlighted_on_its_words(rendered):
    folder, findings, page = rendered.folder, rendered.findings, rendered.page
    section_of = {name: section for section, name in page.links.items()}
    cards = {
        (
            c["section"],
            c["data-rule"],
            int(c["data-line"]),
            int(c["data-column"]),
            int(c["data-end-line"]),
            int(c["data-end-column"]),
        ): int(c["data-f"])
        for c in page.cards
    }
    checked = 0
    for entry in findings["files"]:
        if not entry["findings"]:
            continue
        section = section_of[entry["path"]]
        text = (folder / entry["path"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        for number, line in enumerate(lines, 1):  # the story is shown whole, as written
            assert page.rows[(section, number)] == line
        for finding in entry["findings"]:
            key = (
                section,
                finding["rule"],
                finding["line"],
                finding["column"],
                finding["end_line"],
                finding["end_column"],
            )
            number = cards[key]
            assert page.marks[number] == _expected_pieces(finding, lines), (entry["path"], finding)
            assert f"s-{finding['severity']}" in page.mark_classes[number]
            checked += 1
    assert checked == findings["summary"]["findings"] == len(page.cards)
    # The example stories hold findings of most rules, and a story with emoji and curly quotes.
    assert {
        "debris",
        "duplicate-paragraph",
        "repeated-attribution",
        "doubled-space",
        "house/alert",
    } <= {f["rule"] for e in findings["files"] for f in e["findings"]}


def test_markup_in_stories_names_and_messages_is_text(rendered):
    page = rendered.page
    tags = [tag for tag, _ in page.elements]
    assert tags.count("script") == 1  # the report's own
    assert "img" not in tags and "b" not in tags
    assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs)
    assert not any("pwned" in name for _, attrs in page.elements for name in attrs)
    shown = "".join(page.text)
    assert "<script>alert(1)</script>" in shown
    assert '"><img src=x onerror=alert(1)>' in shown
    assert f"examples/hostile/{HOSTILE_NAME}" in page.links.values()  # the name, as text
    assert "<b>alert</b><script>document.body.dataset.pwned = 'message'</script> is markup" in shown
    browser = rendered.browser
    browser.load(rendered.folder / "report.html")
    assert browser.dialogs == []  # no alert() ran
    assert browser.evaluate(
        "document.body.dataset.pwned === undefined && document.images.length === 0"
    )


def test_screenshot_renders(rendered):
    png = rendered.screenshot.read_bytes()
    assert png[16:24] == (1400).to_bytes(4, "big") + (1200).to_bytes(4, "big")
    assert _distinct_bytes(png) > 100


def test_report_offline_and_filters_present(rendered):
    folder, findings, page = rendered.folder, rendered.findings, rendered.page
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in html  # the page may fetch nothing
    for tag, attrs in page.elements:
        assert not attrs.get("src") and not (attrs.get("href") or "#").split("#")[0], (tag, attrs)
    boxes = {
        attrs["data-hide"]
        for tag, attrs in page.elements
        if tag == "input" and "data-hide" in attrs
    }
    rules = {f["rule"] for e in findings["files"] for f in e["findings"]}
    assert boxes == {"hide-s-error", "hide-s-warning", "hide-s-info"} | {
        f"hide-r{i}" for i in range(len(rules))
    }


SHOWN = """(selector) => {
  const all = [...document.querySelectorAll(selector)];
  const visible = all.filter(e => getComputedStyle(e).display !== "none");
  const coloured = all.filter(e => getComputedStyle(e).backgroundColor !== "rgba(0, 0, 0, 0)");
  return [all.length, visible.length, coloured.length];
}"""


def test_filters_hide_findings_by_severity_and_rule(rendered):
    browser = rendered.browser
    browser.load(rendered.folder / "report.html")

    def shown(selector: str) -> list[int]:
        return browser.evaluate(f"({SHOWN})({json.dumps(selector)})")

    def click(selector: str) -> None:
        browser.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    info_cards, warning_cards = shown(".card.s-info"), shown(".card.s-warning")
    info_marks = shown("mark.m.s-info:not(.pt)")
    assert info_cards[0] == info_cards[1] > 0 and info_marks[0] == info_marks[2] > 0
    click('input[data-hide="hide-s-info"]')  # untick "info"
    assert shown(".card.s-info")[1] == 0 and shown("mark.m.s-info")[2] == 0
    assert shown(".card.s-warning") == warning_cards
    click('input[data-hide="hide-s-info"]')
    assert shown(".card.s-info") == info_cards and shown("mark.m.s-info:not(.pt)") == info_marks

    debris = browser.evaluate(
        "[...document.querySelectorAll('#rules tbody tr')]"
        ".find(r => r.querySelector('code').textContent === 'debris').className"
    )
    before = shown(".card")
    click(f"#rules tr.{debris} input")  # untick the debris rule
    assert shown(f".card.{debris}")[1] == 0 and shown(f"mark.m.{debris}")[2] == 0
    assert shown(".card")[1] == before[1] - shown(f".card.{debris}")[0] > 0
    click('button[data-rules="none"]')
    assert shown(".card")[1] == 0
    click('button[data-rules="all"]')
    assert shown(".card") == before


def test_long_archives_render_a_story_when_it_is_opened(rendered, tmp_path):
    stories = tmp_path / "archive"
    stories.mkdir()
    count = OPEN_LIMIT + 5
    for n in range(count):
        (stories / f"story-{n:03}.txt").write_text(
            f"Story {n} went to the the council.\n", encoding="utf-8"
        )
    done = run_in_process(
        "check", "archive", "--format", "html", "--output", "archive.html", cwd=tmp_path
    )
    assert done.returncode == 1, done.stderr
    browser = rendered.browser
    browser.load(tmp_path / "archive.html")
    assert browser.evaluate("document.querySelectorAll('details.story').length") == count
    assert browser.evaluate("document.querySelectorAll('details.story[open], div.row').length") == 0
    browser.evaluate("document.getElementById('file-7').open = true")
    browser.evaluate("new Promise(done => setTimeout(done, 100))")  # the toggle event
    marks = browser.evaluate(
        "[...document.querySelectorAll('#file-7 mark.m')].map(m => m.textContent)"
    )
    assert marks == ["the the"]
    browser.evaluate("location.hash = '#file-9-1'")
    browser.evaluate("new Promise(done => setTimeout(done, 100))")
    assert browser.evaluate(
        "document.getElementById('file-9-1').textContent.includes('Story 9 went')"
    )
    rendered_in = browser.evaluate(
        "[...document.querySelectorAll('div.row')].map(r => r.closest('details').id)"
    )
    assert set(rendered_in) == {"file-7", "file-9"}  # the others are still inert templates
