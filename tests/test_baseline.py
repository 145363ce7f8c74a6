"""Baselines: record today's findings, then fail only on new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ARCHIVE_STORY


def check(cli, *args):
    return cli("check", "--no-plugins", "--select", "debris,whitespace", "--format", "json", *args)


def findings(result) -> list[tuple[str, str, int]]:
    return [
        (Path(f["path"]).name, x["rule"], x["line"])
        for f in json.loads(result.stdout)["files"]
        for x in f["findings"]
    ]


def test_written_baseline_makes_the_same_tree_pass(cli, archive):
    assert check(cli, "stories").exit_code == 1
    written = check(cli, "--write-baseline", "baseline.json", "stories")
    assert written.exit_code == 0
    assert "wrote 3 findings to the baseline baseline.json" in written.stderr
    again = check(cli, "--baseline", "baseline.json", "stories")
    assert (again.exit_code, findings(again), again.stderr) == (0, [], "")


def test_baseline_file_is_sorted_stable_and_versioned(cli, archive):
    check(cli, "--write-baseline", "baseline.json", "stories")
    first = (archive / "baseline.json").read_text(encoding="utf-8")
    data = json.loads(first)
    assert data["version"] == 1
    entries = data["entries"]
    assert [(e["path"], e["rule"], e["text"]) for e in entries] == [
        ("stories/council.txt", "debris", "Share this post"),
        ("stories/mayor.txt", "debris", "Advertisement"),
        ("stories/mayor.txt", "doubled-space", ""),
    ]
    assert all(set(e) == {"rule", "path", "text", "context", "count"} for e in entries)
    assert entries == sorted(entries, key=lambda e: (e["rule"], e["path"], e["text"], e["context"]))
    check(cli, "--write-baseline", "baseline.json", "stories")
    assert (archive / "baseline.json").read_text(encoding="utf-8") == first
    assert [
        p.name for p in archive.iterdir() if p.name.startswith(".baseline")
    ] == []  # no temp files


def test_a_new_error_above_an_old_one_is_the_only_one_reported(cli, archive):
    check(cli, "--write-baseline", "baseline.json", "stories")
    story = archive / "stories" / "council.txt"
    story.write_text("Skip to main content\n\n" + ARCHIVE_STORY, encoding="utf-8")
    result = check(cli, "--baseline", "baseline.json", "stories")
    assert findings(result) == [("council.txt", "debris", 1)]
    assert result.exit_code == 1
    assert result.stderr == ""


def test_an_edit_elsewhere_keeps_the_entry_but_the_same_finding_twice_shows_once(cli, archive):
    check(cli, "--write-baseline", "baseline.json", "stories")
    story = archive / "stories" / "council.txt"
    story.write_text(
        ARCHIVE_STORY.replace("nine to two", "eight to three") + "\nShare this post\n",
        encoding="utf-8",
    )
    result = check(cli, "--baseline", "baseline.json", "stories")
    # One "Share this post" was known; the second copy is new (entries are counted).
    assert findings(result) == [("council.txt", "debris", 7)]


def test_stale_entries_are_counted_on_stderr(cli, archive):
    check(cli, "--write-baseline", "baseline.json", "stories")
    (archive / "stories" / "mayor.txt").write_text("The mayor resigned.\n", encoding="utf-8")
    result = check(cli, "--baseline", "baseline.json", "stories")
    assert result.exit_code == 0
    assert result.stderr == (
        "newslint: 2 baseline entries no longer match (fixed findings); "
        "rewrite baseline.json with --write-baseline to drop them\n"
    )
    # Files not checked in this run do not make their entries stale.
    only = check(cli, "--baseline", "baseline.json", "stories/council.txt")
    assert (only.exit_code, only.stderr) == (0, "")


def test_only_entries_of_rules_that_ran_can_be_stale(cli, archive):
    check(cli, "--write-baseline", "baseline.json", "stories")  # debris and doubled-space entries
    narrowed = check(cli, "--baseline", "baseline.json", "--select", "debris", "stories")
    assert (narrowed.exit_code, findings(narrowed), narrowed.stderr) == (0, [], "")
    ignoring = check(cli, "--baseline", "baseline.json", "--ignore", "whitespace", "stories")
    assert (ignoring.exit_code, ignoring.stderr) == (0, "")
    # A rule that ran and no longer finds its entry's problem: that entry is stale, the other
    # rule's entry (not run) is not.
    (archive / "stories" / "mayor.txt").write_text("The mayor  resigned.\n", encoding="utf-8")
    fixed = check(cli, "--baseline", "baseline.json", "--select", "debris", "stories")
    assert fixed.stderr.startswith("newslint: 1 baseline entry no longer match")


def test_a_folder_config_that_turns_a_rule_off_leaves_its_entries_alone(cli, archive):
    check(cli, "--write-baseline", "baseline.json", "stories")
    (archive / "newslint.toml").write_text(
        '[[overrides]]\npaths = ["stories/mayor.txt"]\nignore = ["debris"]\n', encoding="utf-8"
    )
    result = cli(
        "check", "--no-plugins", "--format", "json", "--baseline", "baseline.json", "stories"
    )
    assert (result.exit_code, result.stderr) == (0, "")


def test_baseline_matches_from_another_folder(cli, archive, monkeypatch):
    check(cli, "--write-baseline", "baseline.json", "stories")
    monkeypatch.chdir(archive / "stories")
    result = check(cli, "--baseline", "../baseline.json", ".")
    assert (result.exit_code, findings(result)) == (0, [])


def test_a_changed_sentence_makes_its_finding_new(cli, archive):
    check(cli, "--write-baseline", "baseline.json", "stories")
    story = archive / "stories" / "mayor.txt"
    story.write_text("Advertisement\n\nThe mayor  resigned on Friday.\n", encoding="utf-8")
    assert findings(check(cli, "--baseline", "baseline.json", "stories")) == [
        ("mayor.txt", "doubled-space", 3)
    ]


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "missing.json: baseline not found (write one with --write-baseline)"),
        ("{not json", "missing.json: not a newslint baseline (invalid JSON"),
        ('{"version": 99, "entries": []}', "missing.json: not a newslint baseline of version 1"),
        ('{"version": 1, "entries": [{"rule": "debris"}]}', "missing.json: entry 1 is malformed"),
        (
            '{"version": 1, "entries": [{"rule": "debris", "path": "a", "text": "", "context": "", "count": true}]}',
            "missing.json: entry 1 is malformed",
        ),
        (
            '{"version": 1, "entries": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "missing.json: not a newslint baseline (JSON nested too deeply)",
        ),
        (
            '{"version": 1, "entries": [' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "]}",
            "missing.json: not a newslint baseline (JSON nested too deeply)",
        ),
    ],
)
def test_a_bad_baseline_is_one_error_line_and_exit_2(cli, archive, content, expected):
    if content is not None:
        (archive / "missing.json").write_text(content, encoding="utf-8")
    result = check(cli, "--baseline", "missing.json", "stories")
    assert result.exit_code == 2
    assert result.stderr.startswith("newslint: error: " + expected)
    assert len(result.stderr.splitlines()) == 1 and result.stdout == ""


def test_baseline_with_fix_counts_the_rechecked_file_once(cli, archive):
    check(cli, "--write-baseline", "baseline.json", "stories")
    (archive / "stories" / "mayor.txt").write_text(
        "Advertisement\n\nThe mayor  resigned. \n", encoding="utf-8"
    )
    result = check(cli, "--baseline", "baseline.json", "--fix", "stories")
    assert result.exit_code == 0
    assert findings(result) == []
