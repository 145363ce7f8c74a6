"""--fix: the only way newslint writes to a user's file; atomic, idempotent, endings kept."""

from __future__ import annotations

import json
import os

import pytest
from conftest import run_in_process

from newslint import fix_text, fixes, inputs, lint_text
from newslint.fixes import apply_edits
from newslint.model import Edit, Finding, Fix

STORY = "Share this post\nThe mayor  resigned on Friday. \n\nShe had served six years.\n"
FIXED = "The mayor resigned on Friday.\n\nShe had served six years.\n"


def test_without_fix_the_file_is_never_written(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    before = path.stat().st_mtime_ns
    run_in_process("check", "--no-plugins", str(path))
    assert path.read_text() == STORY and path.stat().st_mtime_ns == before


def test_fix_rewrites_and_is_idempotent(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    first = run_in_process("check", "--no-plugins", "--fix", str(path))
    assert path.read_text() == FIXED
    assert "fixed 3 problems in 1 file" in first.stderr
    assert first.returncode == 0, first.stdout
    second = run_in_process("check", "--no-plugins", "--fix", str(path))
    assert path.read_text() == FIXED and "fixed" not in second.stderr
    assert list(tmp_path.iterdir()) == [path]  # no temporary files left behind


def test_fix_keeps_crlf_and_bom(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode())
    run_in_process("check", "--no-plugins", "--fix", str(path))
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()


def test_mixed_line_endings_are_kept_as_they_are(tmp_path):
    # Edits hold offsets in the file as it is, so every line ending stays its own.
    path = tmp_path / "story.txt"
    path.write_bytes(b"The mayor  resigned.\r\nShe had served six years.\nShe  left.\r")
    proc = run_in_process("check", "--no-plugins", "--fix", str(path))
    assert path.read_bytes() == b"The mayor resigned.\r\nShe had served six years.\nShe left.\r"
    assert proc.returncode == 0, proc.stderr


def test_overlapping_edits_wait_for_the_next_run():
    text, applied = apply_edits("abcdef", [Edit(1, 3, "X"), Edit(2, 4, "Y"), Edit(5, 6, "")])
    assert (text, applied) == ("aXde", 2)


def test_overlapping_deletions_merge():
    text, applied = apply_edits("abcdefg", [Edit(1, 4, ""), Edit(3, 5, ""), Edit(6, 7, "")])
    assert (text, applied) == ("af", 3)


def test_json_gives_each_fix_as_a_line_and_column_range(cli):
    import json

    result = cli(
        "check",
        "--no-plugins",
        "--format",
        "json",
        "-",
        input="Advertisement\nThe mayor  resigned.\n",
    )
    findings = json.loads(result.output)["files"][0]["findings"]
    debris, space = findings
    assert debris["fix"]["applicability"] == "safe"
    assert debris["fix"]["edits"] == [
        {"line": 1, "column": 1, "end_line": 2, "end_column": 1, "text": "", "start": 0, "end": 14}
    ]
    assert {
        k: space["fix"]["edits"][0][k] for k in ("line", "column", "end_line", "end_column", "text")
    } == {"line": 2, "column": 10, "end_line": 2, "end_column": 12, "text": " "}


def test_fix_file_reads_again_through_the_bounded_reader(tmp_path, monkeypatch):
    """What stands in the story's place when its fixes are written is read as any story is:
    a FIFO is refused without being opened for a blocking read, a folder is named as one."""
    findings = lint_text(STORY, filename="story.txt")
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    with pytest.raises(inputs.NotRegularFile, match="a FIFO"):
        fixes.fix_file(str(fifo), STORY, findings)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(IsADirectoryError, match="Is a directory"):
        fixes.fix_file(str(folder), STORY, findings)
    # A file grown past the limit since it was checked is not read whole.
    monkeypatch.setattr(fixes, "MAX_BYTES", 10)
    grown = tmp_path / "grown.txt"
    grown.write_text(STORY)
    with pytest.raises(inputs.FileTooLarge):
        fixes.fix_file(str(grown), STORY, findings)


# A chain one pass leaves half done: in the third paragraph the doubled "rink" is held (that
# paragraph is the original the last one nearly repeats); fixing the doubled "skaters" in the
# first makes the first the nearer original, which releases the held fix for the next pass.
RINK = "The skaters said the new rink at the leisure centre would open before the winter break."
CHAIN = (
    "Soon the skaters skaters said the new rink at the leisure centre would open before the "
    "winter break.",
    RINK.replace("rink", "rink rink"),
    RINK,
)
SETTLED = ("Soon " + RINK.replace("The", "the"), RINK, RINK)


def _chain_story(suffix: str, paragraphs: tuple[str, ...]) -> str:
    if suffix == "html":
        body = "\n".join(f"<div><section><p>{p}</p></section></div>" for p in paragraphs)
        return f"<html><body>{body}</body></html>\n"
    return "\n\n".join(paragraphs) + "\n"


@pytest.mark.parametrize("suffix", ["txt", "html"])
def test_one_fix_settles_a_fix_that_makes_two_paragraphs_copies(tmp_path, suffix):
    path = tmp_path / f"story.{suffix}"
    path.write_text(_chain_story(suffix, CHAIN))
    first = run_in_process("check", "--no-plugins", "--fix", "--format", "json", str(path))
    assert path.read_text() == _chain_story(suffix, SETTLED)
    assert "fixed 2 problems in 1 file" in first.stderr, first.stderr
    assert "passes" not in first.stderr
    # The report is what is left: the two copies, nothing fixable.
    left = json.loads(first.stdout)["files"][0]["findings"]
    assert [f["rule"] for f in left] == ["duplicate-paragraph", "duplicate-paragraph"]
    second = run_in_process("check", "--no-plugins", "--fix", str(path))
    assert path.read_text() == _chain_story(suffix, SETTLED)
    assert "fixed" not in second.stderr
    story = _chain_story(suffix, CHAIN)
    piped = run_in_process(
        "check", "--no-plugins", "--fix", "--stdin-filename", path.name, "-", input=story
    )
    assert piped.stdout == _chain_story(suffix, SETTLED)
    fixed = fix_text(story, filename=path.name)
    assert (fixed.text, fixed.applied) == (_chain_story(suffix, SETTLED), 2)
    assert fix_text(fixed.text, filename=path.name).text == fixed.text


def test_fixes_that_do_not_settle_within_the_bound_keep_the_last_pass_and_say_so(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(fixes, "MAX_FIX_PASSES", 1)
    path = tmp_path / "story.txt"
    path.write_text(_chain_story("txt", CHAIN))
    proc = run_in_process("check", "--no-plugins", "--fix", str(path))
    one_pass = (SETTLED[0], *CHAIN[1:])
    assert path.read_text() == _chain_story("txt", one_pass)
    assert f"{path}: fixes were still to apply after 1 pass of --fix" in proc.stderr
    assert "fixed 1 problem in 1 file" in proc.stderr
    assert "doubled-word" in proc.stdout  # what the last pass left is reported
    with pytest.warns(RuntimeWarning, match="story.txt: fixes were still to apply"):
        fixed = fix_text(_chain_story("txt", CHAIN), filename="story.txt")
    assert fixed.text == _chain_story("txt", one_pass)


def test_a_later_pass_applies_an_unsafe_fix_only_when_asked():
    unsafe = Fix((Edit(0, 1, "A"),), applicability="unsafe")
    later = [Finding("a-an", "grammar", "warning", "m", fix=unsafe)]

    def recheck(text: str) -> list[Finding]:
        return later if text.startswith("a") else []

    first = [Finding("doubled-word", "grammar", "warning", "m", fix=Fix((Edit(1, 2, ""),)))]
    assert fixes.fix_until_settled("a  b", first, recheck) == ("a b", 1, True)
    assert fixes.fix_until_settled("a  b", first, recheck, unsafe=True) == ("A b", 2, True)
