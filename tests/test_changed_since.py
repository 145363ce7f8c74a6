"""``newslint check --changed-since REV``: only what an edit added or changed, on real git repos."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_in_process
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.changes import ALL, ChangedLines, ChangesError, changed_lines, parse_diff
from newslint.model import Finding

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Desk",
    "GIT_AUTHOR_EMAIL": "desk@example.org",
    "GIT_COMMITTER_NAME": "Desk",
    "GIT_COMMITTER_EMAIL": "desk@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": os.devnull,
}

OLD_STORY = (
    "The ferry  company cut its timetable on Monday.\n"  # legacy doubled space, line 1
    "\n"
    "Passengers said the changes came without warning.\n"
    "\n"
    "The operator said the winter service would resume in March.\n"
)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "stories").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "stories" / "ferry.txt").write_text(OLD_STORY, encoding="utf-8")
    (root / "stories" / "legacy.txt").write_text(
        "The mayor  opened the bridge.\n\nCrowds lined the  river bank to watch.\n",
        encoding="utf-8",
    )
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "legacy copy")
    return root


def committed_story(root: Path, name: str, text: str) -> Path:
    """A new repository at ``root`` whose one commit holds the story ``name``."""
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / name).write_text(text, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", f"add {name}")
    return root


def check(repo: Path, *args: str):
    done = run_in_process("check", "--format", "json", "--fail-on", "info", *args, cwd=repo)
    payload = json.loads(done.stdout) if done.stdout.strip() else None
    return done, payload


def hits(payload) -> list[tuple[str, int, str]]:
    return [(f["path"], h["line"], h["rule"]) for f in payload["files"] for h in f["findings"]]


def test_old_error_on_untouched_line_is_not_reported_but_new_one_is(repo):
    story = repo / "stories" / "ferry.txt"
    story.write_text(OLD_STORY.replace("without warning", "without  warning"), encoding="utf-8")
    _full, payload = check(repo, "stories/ferry.txt")
    assert hits(payload) == [
        ("stories/ferry.txt", 1, "doubled-space"),
        ("stories/ferry.txt", 3, "doubled-space"),
    ]
    done, payload = check(repo, "--changed-since", "HEAD", "stories/ferry.txt")
    assert hits(payload) == [("stories/ferry.txt", 3, "doubled-space")]
    assert done.returncode == 1
    # The legacy file holds errors too but nobody touched it: it is listed, clean.
    done, payload = check(repo, "--changed-since", "HEAD", "stories")
    assert hits(payload) == [("stories/ferry.txt", 3, "doubled-space")]
    assert {f["path"] for f in payload["files"]} == {"stories/ferry.txt", "stories/legacy.txt"}


def test_with_a_baseline_entries_on_untouched_lines_are_not_stale(repo):
    check(repo, "--write-baseline", "baseline.json", "stories")  # the legacy doubled spaces
    story = repo / "stories" / "ferry.txt"
    # The baseline sees the whole story before --changed-since keeps the edited lines, so the
    # legacy entries match (and are not reported as fixed) while the new problem shows.
    story.write_text(OLD_STORY + "\nThe ferry  company apologised.\n", encoding="utf-8")
    done, payload = check(repo, "--changed-since", "HEAD", "--baseline", "baseline.json", "stories")
    assert hits(payload) == [("stories/ferry.txt", 7, "doubled-space")]
    assert done.stderr == ""  # the entries of untouched lines are not "fixed"


def test_committed_edits_on_a_branch_count_against_the_base(repo):
    git(repo, "checkout", "-q", "-b", "edit")
    story = repo / "stories" / "ferry.txt"
    story.write_text(OLD_STORY + "\nA spokesman  declined to comment.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "add a line")
    # Meanwhile main changes the legacy file; the branch never touched it.
    git(repo, "checkout", "-q", "main")
    (repo / "stories" / "legacy.txt").write_text("The mayor opened the bridge.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "tidy legacy")
    git(repo, "checkout", "-q", "edit")
    _done, payload = check(repo, "--changed-since", "main", "stories")
    assert hits(payload) == [("stories/ferry.txt", 7, "doubled-space")]


def test_no_change_means_no_findings_and_exit_zero(repo):
    done, payload = check(repo, "--changed-since", "HEAD", "stories")
    assert done.returncode == 0, done.stderr
    assert hits(payload) == []


def test_a_pasted_copy_counts_because_the_change_touches_the_duplicate(repo):
    story = repo / "stories" / "ferry.txt"
    story.write_text(
        OLD_STORY + "\nPassengers said the changes came without warning.\n", encoding="utf-8"
    )
    _done, payload = check(
        repo, "--changed-since", "HEAD", "--select", "duplicate-paragraph", "stories/ferry.txt"
    )
    assert hits(payload) == [("stories/ferry.txt", 7, "duplicate-paragraph")]


def test_a_copy_pasted_above_the_original_counts_too(repo):
    story = repo / "stories" / "ferry.txt"
    pasted = "The operator said the winter service would resume in March.\n\n"
    story.write_text(pasted + OLD_STORY, encoding="utf-8")
    _done, payload = check(
        repo, "--changed-since", "HEAD", "--select", "duplicate-paragraph", "stories/ferry.txt"
    )
    assert hits(payload) == [("stories/ferry.txt", 7, "duplicate-paragraph")]


def test_an_old_duplicate_is_not_reported_when_the_edit_is_elsewhere(repo):
    story = repo / "stories" / "ferry.txt"
    story.write_text(
        OLD_STORY + "\nThe operator said the winter service would resume in March.\n",
        encoding="utf-8",
    )
    git(repo, "commit", "-q", "-am", "a legacy duplicate")
    story.write_text(story.read_text("utf-8").replace("on Monday", "on Tuesday"), encoding="utf-8")
    _done, payload = check(
        repo, "--changed-since", "HEAD", "--select", "duplicate-paragraph", "stories/ferry.txt"
    )
    assert hits(payload) == []


def test_renamed_file_reports_only_its_edited_lines(repo):
    git(repo, "mv", "stories/ferry.txt", "stories/ferry timetable.txt")
    moved = repo / "stories" / "ferry timetable.txt"
    moved.write_text(OLD_STORY.replace("resume in March", "resume  in March"), encoding="utf-8")
    _done, payload = check(repo, "--changed-since", "HEAD", "stories")
    assert hits(payload) == [("stories/ferry timetable.txt", 5, "doubled-space")]


def test_pure_rename_brings_no_findings(repo):
    git(repo, "mv", "stories/legacy.txt", "stories/archive.txt")
    git(repo, "commit", "-q", "-m", "rename")
    _done, payload = check(repo, "--changed-since", "HEAD~1", "stories")
    assert hits(payload) == []


def test_new_files_count_whole_committed_or_untracked(repo):
    (repo / "stories" / "staged.txt").write_text("The  board met.\n", encoding="utf-8")
    git(repo, "add", "stories/staged.txt")
    (repo / "stories" / "draft.txt").write_text("The  board\nresigned  today.\n", encoding="utf-8")
    _done, payload = check(repo, "--changed-since", "HEAD", "stories")
    assert sorted(hits(payload)) == [
        ("stories/draft.txt", 1, "doubled-space"),
        ("stories/draft.txt", 2, "doubled-space"),
        ("stories/staged.txt", 1, "doubled-space"),
    ]


def test_paths_are_resolved_from_a_subdirectory(repo):
    (repo / "stories" / "ferry.txt").write_text(OLD_STORY + "\nNew  line.\n", encoding="utf-8")
    done = run_in_process(
        "check", "--changed-since", "HEAD", "--fail-on", "info", "ferry.txt", cwd=repo / "stories"
    )
    assert (
        done.stdout.splitlines()[0]
        == "ferry.txt:7:4: info [doubled-space] Doubled space between words"
    )


def test_missing_revision_is_one_clear_line_and_exit_2(repo):
    done, payload = check(repo, "--changed-since", "origin/main", "stories")
    assert done.returncode == 2
    assert payload is None
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "revision 'origin/main' not found" in lines[0]
    assert "git fetch --deepen=50" in lines[0]


def test_shallow_clone_says_so(repo, tmp_path):
    for n in range(3):
        (repo / "stories" / f"extra{n}.txt").write_text(f"Story number {n}.\n", encoding="utf-8")
        git(repo, "add", ".")
        git(repo, "commit", "-q", "-m", f"story {n}")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow))
    done, _ = check(shallow, "--changed-since", "HEAD~2", "stories")
    assert done.returncode == 2
    assert "shallow clone" in done.stderr and "git fetch --deepen=50" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_outside_a_git_repository_is_a_clear_error(tmp_path):
    (tmp_path / "story.txt").write_text("The  board met.\n", encoding="utf-8")
    done = run_in_process("check", "--changed-since", "HEAD", "story.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert "needs a git repository" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_stdin_keeps_every_finding(repo):
    done = run_in_process(
        "check",
        "--changed-since",
        "HEAD",
        "--fail-on",
        "info",
        "--format",
        "json",
        "--stdin-filename",
        "stories/ferry.txt",
        "-",
        cwd=repo,
        input=OLD_STORY,
    )
    assert [h["line"] for h in json.loads(done.stdout)["files"][0]["findings"]] == [1]


# --- the diff parser and the line test, without git --------------------------------------


def test_parse_diff_reads_hunks_renames_quoted_paths_and_deletions():
    diff = "\n".join(
        [
            "diff --git a/stories/a.txt b/stories/a.txt",
            "--- a/stories/a.txt",
            "+++ b/stories/a.txt",
            "@@ -3 +3 @@ context",
            "@@ -10,2 +11,3 @@",
            "@@ -20,4 +22,0 @@",  # a deletion adds no line
            'diff --git "a/stories/caf\\303\\251.txt" "b/stories/caf\\303\\251 2.txt"',
            "similarity index 90%",
            'rename from "stories/caf\\303\\251.txt"',
            'rename to "stories/caf\\303\\251 2.txt"',
            '--- "a/stories/caf\\303\\251.txt"',
            '+++ "b/stories/caf\\303\\251 2.txt"',
            "@@ -1,0 +2,2 @@",
            "diff --git a/gone.txt b/gone.txt",
            "--- a/gone.txt",
            "+++ /dev/null",
            "@@ -1,3 +0,0 @@",
        ]
    ).encode("ascii")
    assert parse_diff(diff) == {"stories/a.txt": {3, 11, 12, 13}, "stories/café 2.txt": {2, 3}}


def test_a_changed_line_holding_a_line_break_or_a_header_hides_nothing(repo):
    # U+2028 (and CR, VT, NEL) end a line for str.splitlines(), not for git: the text after
    # it, here "+++ b/other.txt", must not be read as a new file's header. Nor may an added
    # line that itself reads "++ b/other.txt" (in the diff: "+++ b/other.txt").
    story = repo / "stories" / "ferry.txt"
    lines = OLD_STORY.splitlines(keepends=True)
    lines[2] = "Passengers said the changes came without warning.\u2028+++ b/other.txt\n"
    lines[3] = "++ b/other.txt\x0b+++ b/legacy.txt\x85\n"
    lines.append("\nShare this post\n")  # new debris on line 7
    story.write_text("".join(lines), encoding="utf-8")
    done, payload = check(repo, "--changed-since", "HEAD", "stories")
    assert hits(payload) == [("stories/ferry.txt", 7, "debris")]
    assert done.returncode == 1


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_followed(repo):
    name = os.fsdecode(b"caf\xe9.txt")
    (repo / "stories" / name).write_text("Floods closed the road.\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "a story named in Latin-1")
    (repo / "stories" / name).write_text(
        "Floods closed the road.\n\nShare this post\n", encoding="utf-8"
    )
    changes = changed_lines("HEAD", ["stories"], cwd=str(repo))
    assert changes.lines(str(repo / "stories" / name)) == {2, 3}


def test_parse_diff_counts_hunk_lines_so_content_is_never_a_header():
    diff = b"\n".join(
        [
            b"diff --git a/a.txt b/a.txt",
            b"--- a/a.txt",
            b"+++ b/a.txt",
            b"@@ -2,2 +2,3 @@",
            b"---- b/old.txt",  # removed line "--- b/old.txt"
            b"-diff --git a/x b/x",
            b"+++ b/other.txt",  # added line "++ b/other.txt"
            b"+@@ -1 +40,9 @@",
            b"+caf\xe9 \xe2\x80\xa8 ok",
            b"\\ No newline at end of file",
            b"@@ -9,0 +10 @@",
            b"+last",
        ]
    )
    assert parse_diff(diff) == {"a.txt": {2, 3, 4, 10}}


def _finding(line, end_line, **data):
    return Finding(
        "duplicate-paragraph",
        "duplication",
        "warning",
        "m",
        line=line,
        column=1,
        end_line=end_line,
        end_column=2,
        data=data,
    )


def test_a_finding_counts_when_any_of_its_lines_or_related_lines_changed(tmp_path):
    path = str(tmp_path / "a.txt")
    changes = ChangedLines(str(tmp_path), {os.path.realpath(path): {5}})
    assert changes.touches(path, _finding(3, 6))
    assert not changes.touches(path, _finding(6, 8))
    assert changes.touches(path, _finding(9, 9, related_lines=[[4, 5]]))
    assert not changes.touches(path, _finding(9, 9, related_lines=[[1, 2]]))
    assert changes.touches(path, Finding("internal-error", "internal", "error", "boom", line=1))
    assert not changes.touches(str(tmp_path / "other.txt"), _finding(5, 5))
    assert ChangedLines(str(tmp_path), {os.path.realpath(path): ALL}).touches(
        path, _finding(99, 99)
    )


def test_changed_lines_api_rejects_paths_outside_the_repository(repo, tmp_path):
    with pytest.raises(ChangesError, match="outside the git repository"):
        changed_lines("HEAD", [str(tmp_path)], cwd=str(repo))


# --- the CI examples run as written --------------------------------------------------------


def _ci_step(command: str, repo: Path, env: dict) -> subprocess.CompletedProcess:
    """A CI script line run by the shell, with this interpreter's newslint."""
    assert command.startswith("newslint ")
    line = f'"{sys.executable}" -m newslint ' + command[len("newslint ") :]
    return subprocess.run(
        ["sh", "-c", line],
        cwd=repo,
        env={**os.environ, **GIT_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def pull_request(repo, tmp_path) -> Path:
    """A clone with origin/main, on a branch that edits one line and adds a story."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    git(clone, "checkout", "-q", "-b", "feature")
    story = clone / "stories" / "ferry.txt"
    story.write_text(OLD_STORY.replace("without warning", "without  warning"), encoding="utf-8")
    (clone / "stories" / "new.md").write_text(
        "# Pier reopens\n\nThe pier reopened on Friday.\n\nThe pier reopened on Friday.\n",
        encoding="utf-8",
    )
    git(clone, "add", ".")
    git(clone, "commit", "-q", "-m", "edit the ferry story")
    return clone


def test_github_workflow_example_annotates_only_the_pull_requests_lines(pull_request):
    import yaml  # pre-commit, a test dependency, brings PyYAML

    workflow = yaml.safe_load((REPO / "examples" / "ci" / "github-workflow.yml").read_text("utf-8"))
    steps = workflow["jobs"]["copy"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    (check,) = [s for s in steps if s.get("name") == "Check changed copy"]
    done = _ci_step(check["run"], pull_request, {"BASE": "main"})
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split("::")[1].split(",title")[0] for line in lines] == [
        "notice file=stories/ferry.txt,line=3,endLine=3,col=41,endColumn=43",
        "warning file=stories/new.md,line=5,endLine=5,col=1,endColumn=29",
    ]
    (sarif,) = [s for s in workflow["jobs"]["copy-sarif"]["steps"] if "sarif" in s.get("run", "")]
    done = _ci_step(sarif["run"], pull_request, {"BASE": "main"})
    assert done.returncode == 0, done.stderr
    log = json.loads((pull_request / "newslint.sarif").read_text("utf-8"))
    assert len(log["runs"][0]["results"]) == 2


def test_gitlab_job_example_writes_a_junit_report_and_fails_on_new_findings(pull_request):
    import xml.etree.ElementTree as ET

    import yaml  # pre-commit, a test dependency, brings PyYAML

    job = yaml.safe_load((REPO / "examples" / "ci" / "gitlab-ci.yml").read_text("utf-8"))[
        "newslint"
    ]
    assert job["variables"]["GIT_DEPTH"] == "0"
    base = git(pull_request, "merge-base", "origin/main", "HEAD")
    env = {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base}
    first, second = (_ci_step(line, pull_request, env) for line in job["script"])
    assert first.returncode == 0  # "|| true": the report is written whatever it holds
    suite = ET.parse(pull_request / job["artifacts"]["reports"]["junit"]).getroot()
    assert (suite.get("tests"), suite.get("failures")) == ("3", "1")
    assert second.returncode == 1
    assert second.stdout.splitlines()[:2] == [
        "stories/ferry.txt:3:41: info [doubled-space] Doubled space between words",
        "stories/new.md:5:1: warning [duplicate-paragraph] Paragraph repeats the one at line 3; delete one copy",
    ]


def test_the_repository_root_itself_is_followed(repo):
    # '.' from the root is the whole repository: its pathspec matched no file at all, so
    # every finding counted as on an untouched line and a CI gate on '.' passed everything.
    story = repo / "stories" / "ferry.txt"
    story.write_text(OLD_STORY + "\nShare this post\n", encoding="utf-8")
    (repo / "new.txt").write_text("Advertisement\n", encoding="utf-8")
    done, payload = check(repo, "--changed-since", "HEAD", ".")
    assert hits(payload) == [("./new.txt", 1, "debris"), ("./stories/ferry.txt", 7, "debris")]
    assert done.returncode == 1


def test_lines_ended_by_a_lone_cr_are_counted_as_newslint_counts_them(repo):
    # git splits on LF alone, newslint on CR too (classic Mac files): git's one changed line
    # "Calm.\rShare this post" is newslint's lines 2 and 3.
    story = repo / "stories" / "mac.txt"
    story.write_bytes(b"The mayor  opened the bridge.\nCalm.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "a story")
    story.write_bytes(b"The mayor  opened the bridge.\nCalm.\rShare this post\rMore  calm.\r\n")
    _done, payload = check(repo, "--changed-since", "HEAD", "stories/mac.txt")
    assert hits(payload) == [
        ("stories/mac.txt", 3, "debris"),
        ("stories/mac.txt", 4, "doubled-space"),
    ]


@pytest.mark.parametrize("setting", ["diff.mnemonicPrefix", "diff.noprefix"])
def test_the_users_diff_prefixes_change_nothing(repo, setting):
    # With these a diff names files "w/stories/..." or "stories/..." instead of
    # "b/stories/...": every finding was dropped (or a folder named "b" lost its name).
    git(repo, "config", setting, "true")
    (repo / "b").mkdir()
    (repo / "b" / "new.txt").write_text("Calm.\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "a folder named b")
    (repo / "b" / "new.txt").write_text("Calm.\nShare this post\n", encoding="utf-8")
    story = repo / "stories" / "ferry.txt"
    story.write_text(OLD_STORY + "\nShare this post\n", encoding="utf-8")
    _done, payload = check(repo, "--changed-since", "HEAD", "stories", "b")
    assert hits(payload) == [("stories/ferry.txt", 7, "debris"), ("b/new.txt", 2, "debris")]


def test_edits_inside_a_submodule_are_seen(repo, tmp_path):
    """A story repository that holds another as a submodule: a line edited in one of its
    stories (committed there or not) and a new story in it count as changes; its untouched
    lines do not, whether the run names the submodule or the story."""
    inner = committed_story(tmp_path / "wire", "wire.txt", OLD_STORY)
    git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner), "wire")
    git(repo, "commit", "-q", "-m", "wire as a submodule")
    story = repo / "wire" / "wire.txt"
    story.write_text(OLD_STORY.replace("without warning", "without  warning"), encoding="utf-8")
    (repo / "wire" / "new.txt").write_text("The pier  reopened.\n", encoding="utf-8")
    for named in ("wire", "wire/wire.txt"):
        _done, payload = check(repo, "--changed-since", "HEAD", named)
        expected = [("wire/wire.txt", 3, "doubled-space")]
        if named != "wire/wire.txt":
            expected.insert(0, ("wire/new.txt", 1, "doubled-space"))
        assert sorted(hits(payload)) == sorted(expected), named


# --- --fix --changed-since: the changed lines follow the fixes through every pass ---------
BRIEF_BEFORE = (
    "The council met on Sunday.\n"
    "\n"
    "The  mayor spoke.\n"  # legacy doubled space: untouched, never fixed nor reported
    "\n"
    "She said the plan would pass.\n"
    "\n"
    "Reporters waited outside.\n"
)
BRIEF_AFTER = (
    "Advertisement\n"  # added: debris, a whole-line removal (with the blank line after it)
    "\n"
    "The council met on Monday.\n"  # changed
    "\n"
    "The  mayor spoke.\n"
    "\n"
    "She said the plan  plan would pass.\n"  # changed: two overlapping fixes, one waits a pass
    "\n"
    "Reporters waited outside, a hour later.\n"  # changed: a-an, an unsafe fix --fix leaves
)


@pytest.fixture
def brief_repo(tmp_path: Path) -> Path:
    root = committed_story(tmp_path / "desk", "brief.txt", BRIEF_BEFORE)
    (root / "brief.txt").write_text(BRIEF_AFTER, encoding="utf-8")
    return root


def test_fix_changed_since_renumbers_changed_lines_after_each_pass(brief_repo):
    # Once the debris line goes, every later line moves up two: the original numbers would
    # have the second pass fix the untouched line now at 3 and drop the waiting fix at 5.
    done, payload = check(brief_repo, "--fix", "--changed-since", "HEAD", "brief.txt")
    assert (brief_repo / "brief.txt").read_text(encoding="utf-8") == (
        "The council met on Monday.\n"
        "\n"
        "The  mayor spoke.\n"
        "\n"
        "She said the plan would pass.\n"
        "\n"
        "Reporters waited outside, a hour later.\n"
    )
    # What is left is reported where it now stands; the legacy line is not reported.
    assert hits(payload) == [("brief.txt", 7, "a-an")]
    assert done.returncode == 1


def test_changed_since_without_fix_keeps_the_files_own_lines(brief_repo):
    # Without --fix the filter is the file's own changed lines, as before.
    _done, payload = check(brief_repo, "--changed-since", "HEAD", "brief.txt")
    assert sorted({(line, rule) for _p, line, rule in hits(payload)}) == [
        (1, "debris"),
        (7, "doubled-space"),
        (7, "doubled-word"),
        (9, "a-an"),
    ]


def test_carry_changed_lines_follows_removed_and_created_lines():
    from newslint.fixes import apply_edits, carry_changed_lines
    from newslint.model import Edit

    text = "one\r\nbad bad\r\ntwo\nthree\rfour\n"
    first, second = text.index("bad "), text.index("three")
    edits = [
        Edit(0, len("one\r\n"), ""),  # line 1 removed whole
        Edit(first, first + len("bad "), "x\ny\n"),  # inside changed line 2: makes 2 and 3
        Edit(second, second, "new "),  # insertion on untouched line 4
    ]
    fixed, _ = apply_edits(text, edits)
    assert fixed == "x\ny\nbad\r\ntwo\nnew three\rfour\n"
    assert carry_changed_lines(text, edits, {2, 5}) == {1, 2, 3, 6}
    assert carry_changed_lines(text, edits, {1}) == set()  # a removed line passes nothing on
    assert carry_changed_lines(text, edits, {4}) == {5}  # untouched edit keeps its line
    assert carry_changed_lines(text, [], {3, 4}) == {3, 4}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["keep", "drop", "edit", "split"]), st.booleans()),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_carried_lines_are_the_changed_lines_where_they_now_stand(plan, ending):
    """Whole lines removed, lines edited in place or split in two: each line of the fixed
    text is changed exactly when the line it comes from was (a split line's both parts)."""
    from newslint.fixes import apply_edits, carry_changed_lines
    from newslint.model import Edit

    lines = [f"line {i}{ending}" for i in range(len(plan))]
    text = "".join(lines)
    edits, expected, offset = [], [], 0
    for (action, changed), line in zip(plan, lines):
        if action == "drop":
            edits.append(Edit(offset, offset + len(line), ""))
        elif action == "split":  # "line 3" -> "line\n3"
            edits.append(Edit(offset + 4, offset + 5, ending))
            expected += [changed, changed]
        else:
            if action == "edit":
                edits.append(Edit(offset, offset + 1, "L"))
            expected.append(changed)
        offset += len(line)
    changed_lines = {n for n, (_a, changed) in enumerate(plan, 1) if changed}
    fixed, _ = apply_edits(text, edits)
    assert fixed.count(ending) == len(expected)
    carried = carry_changed_lines(text, edits, changed_lines)
    assert carried == {n for n, changed in enumerate(expected, 1) if changed}
