"""exclude / extend-exclude: gitignore patterns in the config, relative to its folder, that a
folder walk leaves out; files named on the command line only with --force-exclude."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from newslint.runner import CheckRequest, RunAborted, run_check

STORY = "The council  approved the plan.\n"  # one finding: a doubled space


def tree(root: Path, config: str | None, *files: str) -> Path:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(STORY, encoding="utf-8")
    if config is not None:
        (root / "newslint.toml").write_text(config, encoding="utf-8")
    return root


def checked(root: Path, *paths: str, cwd: Path | None = None, **options) -> list[str]:
    """The files a run checks, relative to ``root``, whatever folder it runs from."""
    previous = os.getcwd()
    os.chdir(cwd or root)
    try:
        outcome = run_check(CheckRequest(list(paths), entry_points=False, **options))
    finally:
        os.chdir(previous)
    base = cwd or root
    return sorted(Path(os.path.relpath(base / r.path, root)).as_posix() for r in outcome.results)


def check_in(root: Path, cli):
    """``newslint check .`` run from ``root``."""
    previous = os.getcwd()
    os.chdir(root)
    try:
        return cli("check", ".")
    finally:
        os.chdir(previous)


FILES = (
    "stories/a.txt",
    "stories/.hidden.txt",
    ".github/b.md",
    "drafts/c.txt",
    "stories/drafts/d.txt",
    "stories/e.bak.txt",
    "stories/keep.bak.txt",
    "archive/old/f.txt",
    "stories/archive/old/g.txt",
)


def test_extend_exclude_adds_gitignore_patterns_to_the_hidden_default(tmp_path):
    config = 'extend-exclude = ["drafts/", "*.bak.txt", "!keep.bak.txt", "/archive/old/"]\n'
    root = tree(tmp_path, config, *FILES)
    assert checked(root, ".") == [
        "stories/a.txt",
        "stories/archive/old/g.txt",  # "/archive/old/" is anchored at the config's folder
        "stories/keep.bak.txt",  # negated
    ]


def test_exclude_replaces_the_default(tmp_path):
    root = tree(tmp_path, 'exclude = ["drafts/"]\n', *FILES)
    found = checked(root, ".")
    assert ".github/b.md" in found and "stories/.hidden.txt" in found
    assert not [f for f in found if "drafts/" in f]


def test_no_exclude_key_leaves_only_hidden_files_out(tmp_path):
    root = tree(tmp_path, 'fail-on = "never"\n', *FILES)
    assert len(checked(root, ".")) == len(FILES) - 2


def test_patterns_are_relative_to_the_config_not_the_working_folder(tmp_path):
    root = tree(tmp_path / "repo", 'extend-exclude = ["/stories/drafts/"]\n', *FILES)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    from_root = checked(root, "stories")
    assert "stories/drafts/d.txt" not in from_root
    assert checked(root, str(root / "stories"), cwd=elsewhere) == from_root


def test_a_folders_own_config_governs_what_is_inside_it(tmp_path):
    root = tree(tmp_path, 'extend-exclude = ["*.bak.txt"]\n', *FILES)
    (root / "stories" / "newslint.toml").write_text('extend-exclude = ["a.txt"]\n')
    found = checked(root, ".")
    assert "stories/a.txt" not in found  # the folder's config
    assert "stories/e.bak.txt" in found  # the nearest config alone applies, as for rules


def test_named_paths_are_checked_unless_force_exclude(tmp_path):
    root = tree(tmp_path, 'extend-exclude = ["drafts/", "*.bak.txt"]\n', *FILES)
    named = ("drafts/c.txt", "stories/e.bak.txt", "stories/a.txt")
    assert checked(root, *named) == sorted(named)
    assert checked(root, *named, force_exclude=True) == ["stories/a.txt"]
    assert checked(root, "drafts") == ["drafts/c.txt"]  # a folder named on purpose
    assert checked(root, "drafts", force_exclude=True) == []
    (root / "newslint.toml").write_text(
        'extend-exclude = ["drafts/", "*.bak.txt"]\nforce-exclude = true\n'
    )
    assert checked(root, *named) == ["stories/a.txt"]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('exclude = "drafts/"', "key 'exclude': expected a list of gitignore patterns"),
        (
            'extend-exclude = ["[z-a]"]',
            "key 'extend-exclude': expected gitignore patterns; '[z-a]'",
        ),
        ('extend-exclude = ["!"]', "key 'extend-exclude': expected gitignore patterns; '!'"),
        ("force-exclude = 1", "key 'force-exclude': expected true or false"),
    ],
)
def test_a_bad_exclude_key_is_one_line_naming_file_and_key(tmp_path, cli, config, message):
    root = tree(tmp_path, config + "\n", "a.txt")
    with pytest.raises(RunAborted, match=f"^newslint.toml: {message}".replace("[", r"\[")):
        checked(root, ".")
    done = check_in(root, cli)
    assert done.exit_code == 2
    assert done.output.count("\n") == 1 and message in done.output


def test_hostile_patterns_on_long_names_match_in_linear_time(tmp_path):
    name = "a" * 200 + ".txt"
    root = tree(tmp_path, 'extend-exclude = ["*a*a*a*a*a*a*b"]\n', name)
    start = time.perf_counter()
    assert checked(root, ".") == [name]
    # A backtracking engine takes minutes here; generous for a loaded machine.
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize(
    "config",
    [
        'extend-exclude = ["drafts/", "*.bak.txt", "!keep.bak.txt", "/archive/old/"]\n',
        'exclude = ["drafts/"]\n',  # hidden files and folders checked
    ],
)
def test_url_folders_leave_out_what_a_local_walk_of_the_same_tree_does(tmp_path, config):
    """file:// and memory:// URLs take the current folder's config; its patterns are
    relative to the URL named, as a local walk's are to the config's folder."""
    fsspec = pytest.importorskip("fsspec")
    root = tree(tmp_path, config, *FILES)
    memory = fsspec.filesystem("memory")
    for name in FILES:
        memory.pipe(f"/{tmp_path.name}/{name}", STORY.encode())
    local = checked(root, ".")
    for url in (root.as_uri(), f"memory://{tmp_path.name}"):
        shown = [r.path for r in _results(root, url)]
        assert [s.split(tmp_path.name + "/", 1)[1] for s in shown] == local
    memory.rm(f"/{tmp_path.name}", recursive=True)


def _results(root: Path, *paths: str) -> list:
    previous = os.getcwd()
    os.chdir(root)
    try:
        return run_check(CheckRequest(list(paths), entry_points=False)).results
    finally:
        os.chdir(previous)


def test_more_patterns_than_re2_compiles_together_is_one_line_naming_the_cause(tmp_path, cli):
    # Each pattern is fine alone; 700 of them are more than RE2's memory limit takes at once
    # (some 1,800 simpler ones such as "d1/**/*.b1" are too).
    patterns = ", ".join(f'"**/x{i}*[a-z]*[0-9]*?*?*/**/*[!q]*{i}.txt"' for i in range(700))
    root = tree(tmp_path, f"extend-exclude = [{patterns}]\n", "a.txt")
    done = check_in(root, cli)
    assert done.exit_code == 2
    assert done.output == (
        "newslint: error: newslint.toml: key 'extend-exclude': expected patterns RE2 can "
        "compile together; these 700 are too large for its memory limit (failed to compile "
        "Set): use fewer, broader ones (one folder pattern such as 'drafts/' covers every "
        "file below it)\n"
    )
