"""A config comes with the content it checks, so it is untrusted: it can never make newslint
run a program, read outside its own folder tree, or be picked up from a folder anyone can
write to; and no mistake in it is more than one error line."""

from __future__ import annotations

import os
import re
import threading
import warnings
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_config import STORY, check, rules_of, write

from newslint.config import (
    MAX_CONFIG_FILE_BYTES,
    ConfigError,
    config_from_dict,
    find_config,
    read_bounded,
)

ALL_RULES_ON_STORY = {"debris", "doubled-space", "trailing-whitespace"}


def one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newslint: error: ")
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home folder of our own, with the temp folder somewhere harmless, so the real ones
    never take part in a search."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home)
    return home


# --- no program named by a config ------------------------------------------------------


def evil_script(folder: Path) -> tuple[Path, Path]:
    """A script that, if ever run, leaves a marker file behind."""
    marker = folder / "ran.marker"
    script = folder / "evil.sh"
    script.write_text(f"#!/bin/sh\ntouch '{marker}'\nexit 1\n", encoding="utf-8")
    script.chmod(0o755)
    return script, marker


@pytest.mark.parametrize(
    "table, key, instead",
    [
        ("[languagetool]", "java", "set NEWSLINT_LANGUAGETOOL_JAVA in the environment instead"),
        ("[languagetool]", "jar_dir", "set LTP_JAR_DIR_PATH in the environment instead"),
        ("[languagetool.server]", "command", "set it in the environment or on the command line"),
        ("[some-plugin]", "executable", "set it in the environment or on the command line"),
    ],
)
def test_a_config_naming_a_program_is_one_error_and_runs_nothing(
    cli, home, monkeypatch, table, key, instead
):
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    _script, marker = evil_script(repo)
    write(repo / "newslint.toml", f'{table}\n{key} = "./evil.sh"\n')
    write(repo / "a.txt", STORY)
    install = repo / "lt"  # a LanguageTool install to start, were the config obeyed
    (install / "languagetool-server.jar").parent.mkdir()
    (install / "languagetool-server.jar").write_bytes(b"")
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(install))
    monkeypatch.chdir(repo)
    line = one_error_line(cli("check", "a.txt"))
    section = table.strip("[]")
    assert line.startswith(
        f"newslint: error: newslint.toml: key '{section}.{key}': a config file "
        "may not name a program to run"
    ), line
    assert instead in line
    assert not marker.exists()


def test_the_program_check_needs_no_plugin(cli, home):
    write(home / "newslint.toml", '[languagetool]\njava = "/bin/sh"\n')
    write(home / "a.txt", STORY)
    assert "key 'languagetool.java'" in one_error_line(check(cli, "a.txt"))


def test_the_api_refuses_a_program_too():
    with pytest.raises(
        ConfigError,
        match=re.escape("key 'languagetool.java': a config file may not name a program"),
    ):
        config_from_dict({"languagetool": {"java": "./evil.sh"}})


def test_a_program_in_an_array_of_tables_or_deep_down_is_refused():
    with pytest.raises(
        ConfigError, match=r"key 'spell.servers\[2\].command': a config file may not"
    ):
        config_from_dict({"spell": {"servers": [{"url": "x"}, {"command": "./evil.sh"}]}})
    deep: dict = {"command": "./evil.sh"}
    for _ in range(5000):  # a dict from the API may nest deeper than Python recurses
        deep = {"inner": deep}
    with pytest.raises(ConfigError, match="a config file may not name a program"):
        config_from_dict({"spell": deep})


# --- discovery bounds --------------------------------------------------------------------


def test_a_config_in_a_folder_every_user_may_write_is_skipped_with_a_note(cli, home):
    shared = home / "shared"
    write(shared / "newslint.toml", 'select = ["debris"]\n')
    story = write(shared / "a.txt", STORY)
    shared.chmod(0o777)
    result = check(cli, str(story))
    assert rules_of(result) == {"a.txt": ALL_RULES_ON_STORY}
    assert result.stderr.splitlines() == [
        "newslint: skipped config shared/newslint.toml: its folder is writable by every user, so "
        "anyone could have put it there (fix the permissions or name it with --config)"
    ]
    # Named on purpose, it is used.
    assert rules_of(check(cli, "--config", str(shared / "newslint.toml"), str(story))) == {
        "a.txt": {"debris"}
    }


def test_a_config_file_every_user_may_write_is_skipped(cli, home):
    config = write(home / "news" / "newslint.toml", 'select = ["debris"]\n')
    config.chmod(0o666)
    story = write(home / "news" / "a.txt", STORY)
    other = write(home / "news" / "b.txt", STORY)
    result = check(cli, str(story), str(other))
    assert "news/newslint.toml: it is writable by every user" in result.stderr
    assert len([n for n in result.stderr.splitlines() if "skipped config" in n]) == 1
    assert rules_of(result)["a.txt"] == ALL_RULES_ON_STORY


def test_the_search_does_not_go_above_a_folder_every_user_may_write(cli, home):
    write(home / "newslint.toml", 'select = ["debris"]\n')
    drop = home / "drop"
    story = write(drop / "a.txt", STORY)
    drop.chmod(0o777)
    assert rules_of(check(cli, str(story))) == {"a.txt": ALL_RULES_ON_STORY}


def test_the_search_stops_at_the_home_folder(cli, home):
    write(home.parent / "newslint.toml", 'select = ["debris"]\n')  # above home: never read
    story = write(home / "notes" / "a.txt", STORY)
    assert rules_of(check(cli, str(story))) == {"a.txt": ALL_RULES_ON_STORY}
    write(home / "newslint.toml", 'select = ["whitespace"]\n')  # home itself: read
    assert rules_of(check(cli, str(story))) == {"a.txt": {"doubled-space", "trailing-whitespace"}}


def test_the_temp_folder_itself_is_never_searched(tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    write(temp / "newslint.toml", 'select = ["debris"]\n')
    (temp / "x").mkdir()
    assert find_config(temp / "x") is None
    notes: list[str] = []
    assert find_config(temp, notes) is None
    # Said, not silent: TMPDIR set to a project's own folder would hide the project's config.
    assert notes == [
        f"skipped config {temp / 'newslint.toml'}: it is in the temp folder, where anyone "
        "could have put it (name it with --config)"
    ]
    own = write(temp / "x" / "newslint.toml", 'select = ["debris"]\n')
    assert find_config(temp / "x") == own


def test_without_a_repository_the_nearest_config_below_home_applies(home):
    config = write(home / "desk" / "newslint.toml", "")
    (home / "desk" / "2024" / "may").mkdir(parents=True)
    assert find_config(home / "desk" / "2024" / "may") == config


def test_a_git_file_marks_the_repository_root_too(home):
    """A worktree or submodule has a .git file, not a folder."""
    write(home / "newslint.toml", "")
    write(home / "wt" / ".git", "gitdir: /elsewhere/.git/worktrees/wt\n")
    (home / "wt" / "news").mkdir()
    assert find_config(home / "wt" / "news") is None


def test_a_config_that_is_a_fifo_or_a_device_is_not_a_config(home):
    os.mkfifo(home / "newslint.toml")
    (home / ".newslint.toml").symlink_to("/dev/zero")
    assert find_config(home) is None


def test_a_found_config_linked_out_of_its_repository_is_refused_but_not_by_config(
    cli, home, monkeypatch
):
    """A content repository must not lead discovery to a file of the machine's (its
    contents could end up in error lines in CI logs); --config names the user's own."""
    elsewhere = write(home / "elsewhere" / "house.toml", 'ignore = ["debris"]\n')
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "newslint.toml").symlink_to(elsewhere)
    write(repo / "a.txt", STORY)
    monkeypatch.chdir(repo)
    line = one_error_line(check(cli, "a.txt"))
    assert line.startswith("newslint: error: newslint.toml: is a symlink to "), line
    assert f"outside {repo.resolve()} where it was found" in line
    with pytest.raises(ConfigError, match="symlink"):
        find_config(repo)
    chosen = check(cli, "--config", "newslint.toml", "a.txt")
    assert chosen.exit_code != 2, chosen.output
    assert rules_of(chosen) == {"a.txt": {"doubled-space", "trailing-whitespace"}}


def test_a_found_config_linked_out_of_the_home_folder_is_refused(home):
    """No repository: the tree is the one the search covered, up to the home folder."""
    outside = write(home.parent / "shared.toml", "")
    (home / "desk").mkdir()
    (home / "newslint.toml").symlink_to(outside)
    with pytest.raises(ConfigError, match=f"outside {re.escape(str(home.resolve()))} "):
        find_config(home / "desk")


def test_a_found_config_linked_within_its_repository_is_used(cli, home, monkeypatch):
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / "configs" / "house.toml", 'ignore = ["debris"]\n')
    (repo / "desk").mkdir()
    (repo / "desk" / "newslint.toml").symlink_to(repo / "configs" / "house.toml")
    write(repo / "desk" / "a.txt", STORY)
    monkeypatch.chdir(repo)
    assert find_config(repo / "desk") == repo / "desk" / "newslint.toml"
    assert rules_of(check(cli, "desk/a.txt")) == {"a.txt": {"doubled-space", "trailing-whitespace"}}


# --- files a config names: below its folder, regular, bounded -------------------------


@pytest.mark.parametrize(
    "name", ["../outside.txt", "{outside}", "link.txt", "sub/../../outside.txt"]
)
def test_a_vocabulary_file_outside_the_config_folder_is_refused(cli, home, monkeypatch, name):
    outside = write(home / "outside.txt", "Zelensky\n")
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    (repo / "link.txt").symlink_to(outside)
    write(repo / "newslint.toml", f'vocabulary = "{name.format(outside=outside)}"\n')
    write(repo / "a.txt", STORY)
    monkeypatch.chdir(repo)
    line = one_error_line(check(cli, "a.txt"))
    assert line.startswith("newslint: error: newslint.toml: key 'vocabulary': "), line
    assert "is not below the config's folder" in line


def test_a_vocabulary_file_below_the_config_folder_through_a_symlink_is_read(home):
    write(home / "desk" / "names.txt", "Zelensky\n")
    (home / "names.txt").symlink_to(home / "desk" / "names.txt")
    assert config_from_dict(
        {"vocabulary": "names.txt"}, "newslint.toml", folder=home
    ).vocabulary == {"Zelensky"}


def test_a_vocabulary_fifo_is_refused_without_waiting(home):
    os.mkfifo(home / "names.txt")
    outcome: list[BaseException | object] = []

    def load():
        try:
            outcome.append(
                config_from_dict({"vocabulary": "names.txt"}, "newslint.toml", folder=home)
            )
        except ConfigError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "reading a FIFO named by the config hung"
    assert isinstance(outcome[0], ConfigError)
    assert "not a regular file" in str(outcome[0])


def test_a_device_is_never_read(cli, home):
    with pytest.raises(OSError, match="not a regular file"):
        read_bounded(Path("/dev/zero"))
    write(home / "a.txt", STORY)
    line = one_error_line(check(cli, "--config", "/dev/zero", "a.txt"))
    assert line == "newslint: error: /dev/zero: not a regular file (a device, never read)"


def test_a_huge_vocabulary_file_is_refused_unread(home):
    with open(home / "names.txt", "wb") as handle:
        handle.truncate(MAX_CONFIG_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(ConfigError, match=r"key 'vocabulary'.*larger than 5 MiB, not read"):
        config_from_dict({"vocabulary": "names.txt"}, "newslint.toml", folder=home)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_the_cap_holds_for_a_file_larger_than_its_stated_size():
    """/proc files say they hold 0 bytes: the cap is enforced on what is read, too."""
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(OSError, match="larger than"):
        read_bounded(Path("/proc/self/status"), limit=100)
    assert b"Name:" in read_bounded(Path("/proc/self/status"))


# --- override globs ------------------------------------------------------------------------


def test_an_invalid_override_glob_is_a_config_error(cli, home):
    write(
        home / "newslint.toml",
        '[[overrides]]\npaths = ["wires/", "[z-a]*.md"]\nignore = ["debris"]\n',
    )
    write(home / "a.txt", STORY)
    line = one_error_line(check(cli, "a.txt"))
    assert line == (
        "newslint: error: newslint.toml: key 'overrides[1].paths': invalid path glob "
        "'[z-a]*.md' (bad character range z-a)"
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab/*?[]!^-\\&~|.z", max_size=12))
@example("[?--]")  # "--" in a class once read as regex set difference (a FutureWarning)
def test_any_override_glob_compiles_or_is_one_config_error(glob):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no FutureWarning for regex set syntax either
        try:
            config = config_from_dict(
                {"overrides": [{"paths": [glob or "x"], "ignore": ["debris"]}]}, "newslint.toml"
            )
        except ConfigError as exc:
            assert str(exc).startswith("newslint.toml: key 'overrides[1].paths': ")
            return
    config.for_path("a/b.md")  # matching never raises either


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="ab*?[]!^-&", min_size=1, max_size=8), st.text(alphabet="ab!^-&]", max_size=5)
)
def test_a_glob_on_a_name_matches_as_fnmatch_does(glob, name):
    """On one file name, the override globs mean what fnmatch means (except that an empty
    range such as [b-a] is an error, where fnmatch quietly drops it)."""
    import fnmatch
    import re

    from newslint.config import compile_glob

    try:
        ours = compile_glob(glob)
    except re.error:
        return
    assert bool(ours.fullmatch(name)) == fnmatch.fnmatchcase(name, glob)


def test_glob_classes_match_as_in_fnmatch(tmp_path):
    config = config_from_dict(
        {"overrides": [{"paths": ["[!]a]x.md", "[^]y.md", "[&&]z.md"], "ignore": ["debris"]}]},
        "c",
        folder=tmp_path,
    )

    def hit(name: str) -> bool:
        return "debris" in config.for_path(tmp_path / name).ignore

    assert hit("bx.md") and not hit("ax.md") and not hit("]x.md")
    assert hit("^y.md") and not hit("ay.md")
    assert hit("&z.md")
