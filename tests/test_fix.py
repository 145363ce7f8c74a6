"""--fix: the only way newslint writes to a user's file; atomic, idempotent, endings kept."""

from __future__ import annotations

import os

import pytest
from conftest import run_in_process

from newslint import fixes, inputs, lint_text
from newslint.fixes import apply_edits
from newslint.model import Edit

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
