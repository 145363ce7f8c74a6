"""``--output FILE``: every format written to a file, atomically, instead of stdout."""

from __future__ import annotations

import os

import pytest
from conftest import REPO

FORMATS = ("text", "json", "github", "sarif", "junit", "html")


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Skip to main content\nThe board met on Monday  to vote.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("output_format", FORMATS)
def test_output_file_holds_what_stdout_would(output_format, story, cli):
    target = story.parent / "report.out"
    printed = cli("check", "--format", output_format, str(story))
    written = cli("check", "--format", output_format, "--output", str(target), str(story))
    assert written.exit_code == printed.exit_code == 1
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == printed.stdout
    assert not [p for p in story.parent.iterdir() if p.name.endswith(".newslint-tmp")]


def test_output_file_gets_the_mode_a_new_file_would(story, cli):
    target = story.parent / "report.html"
    previous = os.umask(0o027)
    try:
        assert cli("check", "--format", "html", "--output", str(target), str(story)).exit_code == 1
    finally:
        os.umask(previous)
    assert target.stat().st_mode & 0o777 == 0o640  # not mkstemp's 0600


def test_output_file_that_cannot_be_written_is_one_line(story, cli):
    target = story.parent / "missing" / "report.txt"
    done = cli("check", "--output", str(target), str(story))
    assert done.exit_code == 2
    assert done.stderr.count("\n") == 1 and str(target) in done.stderr


def test_html_report_shows_a_stories_markup_as_text(tmp_path, cli):
    target = tmp_path / "r.html"
    assert (
        cli("check", "--format", "html", "--output", str(target), str(REPO / "examples")).exit_code
        == 1
    )
    page = target.read_text(encoding="utf-8")
    assert "<script>window.dataLayer" not in page  # cms-story.html's own script, as text
    assert "&lt;script&gt;window.dataLayer" in page


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_a_full_standard_output_is_one_line_naming_it_not_an_internal_error(output_format, story):
    import subprocess
    import sys

    args = ["check", "--no-plugins", "--format", output_format, str(story)]
    with open("/dev/full", "w") as full:  # every write fails: No space left on device
        proc = subprocess.run(
            [sys.executable, "-m", "newslint", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "newslint: error: standard output: cannot write the report (No space left on device)"
    ]
