"""Hostile input against what issue 9 landed (outputs, writing, config security), tried as
a hostile user would: each case here broke before its fix. Bad input is one line naming the
file and the cause, exit 2, never a traceback; nothing newslint does not own is replaced."""

from __future__ import annotations

import json
import os
import re
import stat
import threading
from pathlib import Path

import pytest
from conftest import ARCHIVE_STORY
from hypothesis import given, settings
from hypothesis import strategies as st
from test_baseline import check
from test_config import STORY, write
from test_config import check as config_check
from test_config_security import one_error_line

# --- baselines: read bounded, never replace what is not a baseline ----------------------


def test_a_baseline_that_is_a_fifo_is_refused_without_waiting(cli, archive):
    os.mkfifo(archive / "baseline.json")
    writer_opened = threading.Event()

    def unblock():  # if newslint opened the FIFO for reading, this lets the test end
        if not writer_opened.wait(5):
            fd = os.open(archive / "baseline.json", os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)

    threading.Thread(target=unblock, daemon=True).start()
    line = one_error_line(check(cli, "--baseline", "baseline.json", "stories"))
    writer_opened.set()
    assert "baseline.json: cannot read the baseline (not a regular file" in line


def test_a_baseline_larger_than_the_cap_is_refused_unread(cli, archive, monkeypatch):
    import newslint.baseline

    monkeypatch.setattr(newslint.baseline, "MAX_BASELINE_BYTES", 1000)
    with open(archive / "baseline.json", "wb") as stream:
        stream.truncate(1001)  # sparse: no disk, and reading it whole would be the bug
    line = one_error_line(check(cli, "--baseline", "baseline.json", "stories"))
    assert "baseline.json: cannot read the baseline (larger than" in line


@pytest.mark.parametrize("version", ["1.0", "true"])
def test_a_baseline_version_must_be_the_integer(cli, archive, version):
    (archive / "baseline.json").write_text(
        f'{{"version": {version}, "entries": []}}', encoding="utf-8"
    )
    assert "not a newslint baseline of version 1" in one_error_line(
        check(cli, "--baseline", "baseline.json", "stories")
    )


def test_write_baseline_never_replaces_a_fifo(cli, archive):
    os.mkfifo(archive / "out.json")
    line = one_error_line(check(cli, "--write-baseline", "out.json", "stories"))
    assert "out.json: cannot write the baseline (not a regular file" in line
    assert stat.S_ISFIFO(os.stat(archive / "out.json").st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device needs root")
def test_write_baseline_never_replaces_a_device(cli, archive):
    device = archive / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    line = one_error_line(check(cli, "--write-baseline", "null", "stories"))
    assert "null: cannot write the baseline (not a regular file" in line
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_write_baseline_never_replaces_a_story(cli, archive):
    story = archive / "stories" / "council.txt"
    line = one_error_line(check(cli, "--write-baseline", "stories/council.txt", "stories"))
    assert "council.txt: cannot write the baseline (it is a file being checked" in line
    assert story.read_text(encoding="utf-8") == ARCHIVE_STORY


def test_write_baseline_never_replaces_a_file_that_is_not_a_baseline(cli, archive):
    notes = archive / "notes.md"
    notes.write_text("# Desk notes\n\nNot a baseline.\n", encoding="utf-8")
    line = one_error_line(check(cli, "--write-baseline", "notes.md", "stories"))
    assert "notes.md: cannot write the baseline (it exists and is not a newslint baseline" in line
    assert notes.read_text(encoding="utf-8") == "# Desk notes\n\nNot a baseline.\n"


@pytest.mark.parametrize(
    "old",
    ["", '{"version": 0, "entries": []}', '<<<<<<< HEAD\n{"version": 1, "entries": [\n=======\n'],
)
def test_write_baseline_replaces_an_old_or_damaged_baseline(cli, archive, old):
    (archive / "baseline.json").write_text(old, encoding="utf-8")
    result = check(cli, "--write-baseline", "baseline.json", "stories")
    assert result.exit_code == 0, result.output
    assert json.loads((archive / "baseline.json").read_text(encoding="utf-8"))["version"] == 1


# --- configs: every mistake in one is a config error, never an internal one -------------


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A content repository with one story, checked from its root."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root / "a.txt", STORY)
    monkeypatch.chdir(root)
    return root


def config_error(cli, repo, name: str, text: str) -> str:
    write(repo / name, text)
    line = one_error_line(config_check(cli, "a.txt"))
    assert "internal error" not in line, line
    assert line.startswith(f"newslint: error: {name}: "), line
    return line


@pytest.mark.parametrize(
    "files, link",
    [
        ('"names\\u0000.txt"', None),
        ('"loop"', "loop"),
        ('"loop/names.txt"', "loop"),
    ],
)
def test_a_vocabulary_name_that_is_no_file_is_one_config_error(cli, repo, files, link):
    if link:
        os.symlink(link, repo / link)  # a link to itself: a loop
    line = config_error(cli, repo, "newslint.toml", f"vocabulary = {{files = [{files}]}}\n")
    assert "key 'vocabulary'" in line


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 100_000 + "]" * 100_000 + "\n",
        "[" + ".".join(["a"] * 5000) + "]\n",
        "x = {" + "a={" * 3000 + "}" * 3000 + "}\n",
        "[languagetool]\nx = {" + "a={" * 900 + "}" * 900 + "}\n",
    ],
)
def test_a_config_nested_too_deeply_is_one_config_error(cli, repo, text):
    assert "nested too deeply" in config_error(cli, repo, "newslint.toml", text)


@pytest.mark.parametrize("text", ["tool = 5\n# newslint\n", 'tool = ["newslint"]\n'])
def test_a_pyproject_whose_tool_is_not_a_table_holds_no_config(cli, repo, text):
    write(repo / "pyproject.toml", text)
    found = config_check(cli, "a.txt")
    assert found.exit_code == 1 and found.stderr == "", found.output  # the defaults apply
    line = one_error_line(config_check(cli, "--config", "pyproject.toml", "a.txt"))
    assert line == "newslint: error: pyproject.toml: key 'tool': expected a table"


# --- rule options: a bad value is a config error, not an internal error on every file ---


@pytest.mark.parametrize(
    "table, expected",
    [
        (
            '[rules.debris]\nextra = ["["]\n',
            "key 'rules.debris.extra': expected a list of regular expressions",
        ),
        (
            "[rules.debris]\nextra = [5]\n",
            "key 'rules.debris.extra': expected a list of regular expressions",
        ),
        (
            "[rules.inconsistent-naming]\ngroups = [5]\n",
            "key 'rules.inconsistent-naming.groups': expected",
        ),
        (
            '[rules.inconsistent-naming]\ngroups = [["Govt"]]\n',
            "key 'rules.inconsistent-naming.groups': expected",
        ),
        *(
            (
                f"[rules.inconsistent-naming]\ngroups = [{group}]\n",
                "key 'rules.inconsistent-naming.groups': expected",
            )
            # Wrong types inside a group: were names "1" and "2", true for "no", or an
            # internal error on every file.
            for group in (
                "[1, 2]",
                "{forms = 5}",
                '{forms = ["Kiev", "Kyiv"], full = 7}',
                '{forms = ["Kiev", "Kyiv"], body-only = "no"}',
                '{forms = ["Kiev", "Kyiv"], prefer = 1}',
                '{forms = ["Kiev", "Kyiv"], bodyonly = true}',
            )
        ),
        (
            '[[overrides]]\npaths = ["*"]\n[overrides.rules.debris]\nextra = ["(?P<a>"]\n',
            "key 'overrides[1].rules.debris.extra': expected a list of regular expressions",
        ),
    ],
)
def test_a_rule_option_that_cannot_work_is_one_config_error(cli, repo, table, expected):
    assert expected in config_error(cli, repo, "newslint.toml", table)


def test_a_huge_option_value_is_abridged_in_the_error(cli, repo):
    words = ", ".join(f'"w{n}"' for n in range(20_000))
    line = config_error(cli, repo, "newslint.toml", f"[rules.debris]\nextra = [{words}, 5]\n")
    assert len(line) < 600


# --- user patterns: compiling them is bounded before it starts --------------------------

NESTED_REPEATS = "(?:(?:(?:a{100}){100}){100}){100}"  # 35 characters, hours to compile


@pytest.mark.parametrize(
    "table, key",
    [
        (
            f'[[house-style]]\nid = "slow"\nkind = "existence"\npattern = "{NESTED_REPEATS}"\n',
            "[[house-style]] table 1 (id 'slow'): key 'pattern'",
        ),
        (f'[rules.debris]\nextra = ["{NESTED_REPEATS}"]\n', "key 'rules.debris.extra'"),
        (
            "[rules.debris]\nextra = [" + ", ".join(f'"zz{n}"' for n in range(20_000)) + "]\n",
            "key 'rules.debris.extra'",
        ),
        (
            "".join(
                f'[[house-style]]\nid = "h{n}"\nkind = "existence"\npattern = "zq{n}"\n'
                for n in range(3_000)
            ),
            "key 'pattern'",
        ),
    ],
)
def test_patterns_too_costly_to_compile_are_one_config_error(cli, repo, table, key):
    line = config_error(cli, repo, "newslint.toml", table)
    assert key in line and "compile in bounded time" in line, line


@pytest.mark.parametrize(
    "pattern, size",
    [
        ("Govt", 4),
        (r"\bGovt\b", 6),
        ("a|bc", 3),
        ("(?:ab){3}", 9),
        ("a{65535}", 65_535),
        ("(?:a{100}){100}", 10_100),
        ("[a-z]{2,5}", 25),
        (r"\p{Lu}{3}", 3),
        ("a{,7}", 7),
        ("x{e<=1}", 7),
        ("[]a]", 4),
        (r"[\]]{2}", 8),
    ],
)
def test_expanded_size_unrolls_counted_repeats(pattern, size):
    from newslint.pattern_cost import expanded_size

    assert expanded_size(pattern) == size


# --- plugins: which one wins is decided by the order they were registered, every run -----


def test_two_plugins_claiming_one_rule_id_are_settled_in_registration_order():
    from newslint.plugins import build_registry
    from newslint.rule import Rule, hookimpl

    def provider(name: str):
        rule = Rule(
            id="acme/clash",
            category="style",
            severity="info",
            check=lambda d, o: (),
            doc=f"From {name}.",
            plugin=name,
        )

        class Provider:
            @hookimpl
            def newslint_rules(self):
                return [rule]

        return Provider()

    for order in (("first", "second"), ("second", "first")):
        # Made in the opposite order to their registration: a set of plugins (pluggy's
        # get_plugins) tends to iterate in the order objects were made, not registered.
        plugins = [provider(name) for name in reversed(order)][::-1]
        registry = build_registry(entry_points=False, extra_plugins=plugins)
        assert registry.rules["acme/clash"].plugin == order[0]
        first, second = [name for name, _ in registry.plugins()][-2:]
        assert registry.errors == [
            f"plugins {first} and {second} both provide rule id 'acme/clash'; "
            f"{first}'s is used (turn one off with --disable-plugin)"
        ]


# --- override globs: matching is linear, whatever the glob and the path -----------------


@pytest.mark.parametrize(
    "glob, path",
    [
        (
            "/".join(["**"] * 10) + "/x.md",
            "/".join(["a"] * 60) + "/y.md",
        ),  # was hours (backtracking)
        ("*a" * 8 + "*b", "a" * 250),  # 26 s with four "*a" on 200 characters; a name may hold 255
        ("**a" * 8 + "**b", "a/" * 120 + "a"),
    ],
)
def test_an_override_glob_matches_in_bounded_time(tmp_path, glob, path):
    import time

    from newslint.config import config_from_dict

    config = config_from_dict(
        {"overrides": [{"paths": [glob], "ignore": ["debris"]}]}, "c", folder=tmp_path
    )
    started = time.monotonic()
    assert "debris" not in config.for_path(tmp_path / path).ignore
    assert time.monotonic() - started < 5


def _glob_as_regex(glob: str) -> str:
    """The glob meanings as a backtracking regex: slow on hostile input, fine as an oracle."""
    glob = glob.strip()
    while glob.startswith("./"):
        glob = glob[2:]
    glob = glob.rstrip("/") or "**"
    glob = glob if "/" in glob else "**/" + glob
    pieces = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    out, i = [], 0
    while i < len(glob):
        token = next((t for t in pieces if glob.startswith(t, i)), glob[i])
        out.append(pieces.get(token, re.escape(token)))
        i += len(token)
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab/*?.", min_size=1, max_size=10), st.text(alphabet="ab/.", max_size=10))
def test_a_glob_on_a_path_means_what_its_regex_meant(glob, path):
    from newslint.config import compile_glob

    assert compile_glob(glob).fullmatch(path) == bool(re.fullmatch(_glob_as_regex(glob), path))


@pytest.mark.parametrize("replace", ["\\\\g<0>" * 3000, "\\\\1" * 11, "x" * 1001])
def test_a_replacement_that_multiplies_the_story_is_one_config_error(cli, repo, replace):
    table = (
        f'[[house-style]]\nid = "boom"\nkind = "substitution"\npattern = "([a-z]+)"\n'
        f'replace = "{replace}"\n'
    )
    line = config_error(cli, repo, "newslint.toml", table)
    assert (
        "key 'replace': expected a replacement of at most 1000 characters and 10 group references"
        in line
    )


# --- --output: a report never replaces a device, a FIFO or a story ----------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device needs root")
def test_a_report_into_a_device_writes_into_it_and_keeps_it_a_device(cli, repo):
    device = repo / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    result = config_check(cli, "--output", "null", "a.txt")
    assert result.exit_code == 1 and result.stderr == "", result.output
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_a_report_into_a_fifo_is_written_into_it(cli, repo):
    os.mkfifo(repo / "report.fifo")
    received: list[bytes] = []
    reader = threading.Thread(
        target=lambda: received.append((repo / "report.fifo").read_bytes()), daemon=True
    )
    reader.start()
    result = config_check(cli, "--output", "report.fifo", "a.txt")
    reader.join(10)
    assert result.exit_code == 1, result.output
    assert json.loads(received[0])["summary"]["files"] == 1
    assert stat.S_ISFIFO(os.stat(repo / "report.fifo").st_mode)


@pytest.mark.parametrize("name", ["a.txt", "./a.txt", "link.txt"])
def test_a_report_never_replaces_a_story_being_checked(cli, repo, name):
    (repo / "link.txt").symlink_to("a.txt")
    line = one_error_line(config_check(cli, "--output", name, "a.txt"))
    assert "cannot write the report (it is a file being checked; not overwritten)" in line
    assert (repo / "a.txt").read_text(encoding="utf-8") == STORY


def test_write_atomically_never_replaces_what_is_not_a_regular_file(tmp_path):
    from newslint.writing import write_atomically

    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(OSError, match="not a regular file"):
        write_atomically(tmp_path / "fifo", b"{}")
    assert stat.S_ISFIFO(os.stat(tmp_path / "fifo").st_mode)


# --- folders: one that cannot be listed is named, never silently passed over ------------


def test_a_folder_that_cannot_be_listed_is_one_error_line(cli, tmp_path, monkeypatch):
    # Past PATH_MAX (4096 bytes) a folder cannot be listed by its path, even by root;
    # os.walk passed over it in silence and its stories were never checked.
    root = tmp_path / "archive"
    root.mkdir()
    write(root / "top.txt", STORY)
    fd = os.open(root, os.O_RDONLY)
    depth = 0
    try:
        while len(str(root)) + depth * 201 < 4300:
            os.mkdir("d" * 200, dir_fd=fd)
            inner = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd, depth = inner, depth + 1
        story = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(story, STORY.encode("utf-8"))
        os.close(story)
    finally:
        os.close(fd)
    monkeypatch.chdir(tmp_path)
    result = config_check(cli, "archive")
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("newslint: error: ")]
    assert len(errors) == 1 and "cannot be read (File name too long)" in errors[0], result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["files"] if f["findings"]] == [
        "archive/top.txt"
    ]


def test_a_report_inside_the_checked_folder_is_not_read_as_a_story(cli, repo):
    # The second run walked into the first run's report.html, checked it as a story and
    # (before) overwrote it, or (since a checked file is never overwritten) refused it.
    for _ in range(2):
        result = cli("check", "--no-plugins", "--format", "html", "--output", "report.html", ".")
        assert result.exit_code == 1 and result.stderr == "", result.output
    listed = config_check(cli, ".")
    assert [Path(f["path"]).name for f in json.loads(listed.stdout)["files"]] == [
        "a.txt",
        "report.html",
    ]
