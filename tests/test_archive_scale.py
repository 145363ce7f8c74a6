"""Archive scale (issue 13): streaming in batches, --jobs, the progress bar."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.config import config_from_dict
from newslint.engine import Linter
from newslint.inputs import Source, discover
from newslint.output import Report, render
from newslint.progress import line as progress_line
from newslint.runner import CheckRequest, run_check

OPENINGS = [
    "The harbour board met on Monday",
    "A new ferry timetable was published",
    "Residents of the old quarter gathered",
    "The county library reopened its doors",
]
MIDDLES = [
    "after months of talks about the cost of repairs to the eastern quay wall",
    "to hear how the plan to widen the coastal road would affect their homes",
    "while the council said that that the budget was already stretched thin",
    "and volunteers  handed out leaflets explaining the changes to bus routes",
]
SHARED = (
    "The harbour master said the quay would stay open to fishing boats during the works, "
    "which are expected to last until the end of next summer at the earliest."
)


def story(number: int) -> str:
    paragraphs = [
        f"{OPENINGS[number % 4]} {MIDDLES[(number // 4) % 4]}.",
        f"{OPENINGS[(number + 1) % 4]} {MIDDLES[(number + 2) % 4]}.",
    ]
    if number % 3 == 0:  # a paragraph several stories share: duplicate-across-stories
        paragraphs.insert(1, SHARED)
    return "\n\n".join(paragraphs) + "\n"


def write_stories(folder, count: int) -> None:
    folder.mkdir()
    for number in range(count):
        (folder / f"story-{number:03d}.txt").write_text(story(number), encoding="utf-8")
    (folder / "newslint.toml").write_text("[rules.duplicate-across-stories]\nenabled = true\n")


def json_of(folder, jobs: int) -> dict:
    outcome = run_check(
        CheckRequest([str(folder)], jobs=jobs, entry_points=False, keep_sources=False)
    )
    return json.loads(render("json", outcome.report()))


def test_two_processes_give_the_same_json_as_one(tmp_path, monkeypatch):
    folder = tmp_path / "archive"
    write_stories(folder, 40)
    monkeypatch.chdir(folder)
    one, two = json_of(folder, 1), json_of(folder, 2)
    assert one == two
    # The run found things, the run-wide rule among them, so the comparison means something.
    assert '"rule": "duplicate-across-stories"' in json.dumps(
        one
    ) and '"rule": "doubled-word"' in json.dumps(one)


def test_the_cli_prints_the_same_json_with_jobs(tmp_path):
    folder = tmp_path / "archive"
    write_stories(folder, 12)
    outs = [
        subprocess.run(
            [sys.executable, "-m", "newslint", "check", "--format", "json", "-j", jobs, "."],
            cwd=folder,
            capture_output=True,
            timeout=120,
        ).stdout
        for jobs in ("1", "2")
    ]
    assert outs[0] == outs[1] and b"duplicate-across-stories" in outs[0]


def _linter() -> Linter:
    return Linter.create(
        config_from_dict({"rules": {"duplicate-across-stories": {"enabled": True}}}),
        entry_points=False,
    )


@settings(max_examples=15, deadline=None)
@given(
    numbers=st.lists(st.integers(0, 40), min_size=1, max_size=12, unique=True),
    batch=st.integers(1, 5),
)
def test_a_stream_in_batches_finds_what_one_whole_run_finds(numbers, batch):
    """Batches with the run's fingerprints reduced = every document at once (the old run)."""
    linter = _linter()
    sources = [Source(f"s{n}.txt", story(n)) for n in numbers]
    whole = linter.run(sources)
    index = linter.reduce(linter.fingerprint(linter.parse(s)) for s in sources)
    streamed = list(linter.stream(iter(sources), index=index, batch=batch))
    assert [(r.path, r.findings) for r in streamed] == [(r.path, r.findings) for r in whole]
    assert all(r.source is None for r in streamed)  # only findings are kept


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_output_file_by_file_is_the_whole_report(tmp_path, cli, output_format):
    folder = tmp_path / "archive"
    write_stories(folder, 7)
    (folder / "zz-binary.txt").write_bytes(b"\x00\x01 not text")  # an error entry
    os.chdir(folder)
    streamed = cli("check", "-j", "1", "--format", output_format, ".").stdout
    outcome = run_check(CheckRequest(["."], entry_points=False))
    assert streamed == render(output_format, Report(outcome.results, fail_on=outcome.fail_on))
    assert "doubled-word" in streamed


def test_a_run_that_keeps_no_results_counts_them_all(tmp_path):
    """A format that prints as the run goes needs only the tally: same summary and exit
    code as from every result kept."""
    folder = tmp_path / "archive"
    write_stories(folder, 7)
    (folder / "zz-binary.txt").write_bytes(b"\x00\x01 not text")
    kept = run_check(CheckRequest([str(folder)], entry_points=False))
    counted = run_check(CheckRequest([str(folder)], entry_points=False, keep_results=False))
    assert counted.results == [] and len(kept.results) == 8
    whole = Report(kept.results, fail_on=kept.fail_on)
    assert counted.report().summary() == whole.summary()
    assert whole.summary()["errors"] == 1 and whole.summary()["findings"] > 0
    assert counted.exit_code == kept.exit_code == 2


def _run_with_stderr_on_a_terminal(args, cwd) -> tuple[bytes, bytes]:
    controller, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "newslint", "check", *args],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=terminal,
            timeout=120,
        )
        os.close(terminal)
        terminal = None
        seen = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            seen += chunk
        return done.stdout, seen
    finally:
        if terminal is not None:
            os.close(terminal)
        os.close(controller)


def test_a_progress_bar_on_a_terminal_and_nothing_when_piped_or_quiet(tmp_path):
    folder = tmp_path / "archive"
    write_stories(folder, 8)
    out, err = _run_with_stderr_on_a_terminal(["-j", "1", "."], folder)
    assert b"8/8 files" in err and b"/s" in err and b"left" in err
    assert b"/8 files" not in out  # the report itself is untouched
    quiet_out, quiet_err = _run_with_stderr_on_a_terminal(["-j", "1", "--quiet", "."], folder)
    assert b"/8 files" not in quiet_err and quiet_out == out
    piped = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "-j", "1", "."],
        cwd=folder,
        capture_output=True,
        timeout=120,
    )
    assert piped.stderr == b"" and piped.stdout == out


def test_the_progress_line_says_done_of_total_rate_and_time_left():
    assert (
        progress_line(50, 200, 10.0) == "[######..................] 50/200 files  5.0/s  0:30 left"
    )
    assert progress_line(0, 10, 0.0).endswith("0/10 files  0.0/s  --:-- left")


def test_a_folder_in_a_git_work_tree_skips_what_git_ignores(tmp_path):
    repo = tmp_path / "desk"
    (repo / "build").mkdir(parents=True)
    (repo / "sub").mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitignore").write_text("build/\nscratch-*.txt\n!scratch-keep.txt\n")
    for name in (
        "story.txt",
        "build/copy.txt",
        "scratch-1.txt",
        "scratch-keep.txt",
        "sub/other.txt",
    ):
        (repo / name).write_text("The mayor  spoke on Monday.\n")
    found = list(discover([str(repo)], (".txt",)))
    assert sorted(os.path.relpath(p, repo) for p in found) == [
        "scratch-keep.txt",
        "story.txt",
        "sub/other.txt",
    ]
    # Named on the command line, an ignored file is still read; outside git, nothing is skipped.
    assert list(discover([str(repo / "scratch-1.txt")], (".txt",))) == [str(repo / "scratch-1.txt")]
    assert len(list(discover([str(repo)], (".txt",), respect_gitignore=False))) == 5


def test_files_that_one_config_covers_share_one_config_object(tmp_path):
    """An archive's files hold no Config each (the command line's narrowing, or the same
    overrides matching, once per config), and each still gets its own overrides."""
    from newslint.config import ConfigResolver

    (tmp_path / "newslint.toml").write_text(
        '[[overrides]]\npaths = ["wires/"]\nignore = ["debris"]\n', encoding="utf-8"
    )
    for name in ("a.txt", "b.txt", "wires/c.txt", "wires/d.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Text.\n", encoding="utf-8")
    resolver = ConfigResolver(adjust=lambda c: c.narrowed(fail_on="never"))
    a, b, c, d = (
        resolver.for_path(str(tmp_path / n))
        for n in ("a.txt", "b.txt", "wires/c.txt", "wires/d.txt")
    )
    assert a is b and c is d and a is not c
    assert a.fail_on == c.fail_on == "never"
    assert "debris" in c.ignore and "debris" not in a.ignore


def test_a_long_run_collects_its_cyclic_garbage_as_it_goes(tmp_path, monkeypatch):
    """Checked stories leave reference cycles; a run collects them every so many files
    instead of letting them pile up until a full collection the CLI's thresholds make rare."""
    import gc

    import newslint.runner

    folder = tmp_path / "archive"
    write_stories(folder, 7)
    monkeypatch.setattr(newslint.runner, "FILES_PER_COLLECTION", 2)
    full = []

    def count(phase, info):
        if phase == "start" and info["generation"] == 2:
            full.append(info)

    gc.callbacks.append(count)
    try:
        run_check(CheckRequest([str(folder)], entry_points=False, keep_results=False))
    finally:
        gc.callbacks.remove(count)
    assert len(full) >= 3  # after files 2, 4 and 6
