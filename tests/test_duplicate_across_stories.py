from __future__ import annotations

from conftest import run_in_process

from newslint.config import Config
from newslint.engine import Linter
from newslint.inputs import Source

P1 = "The regional council agreed on Tuesday to spend four million pounds repairing flood defences along the river before next winter."
P2 = "Residents said the work was long overdue and that insurers had already raised their premiums twice in the past three years."
P3 = "Work is expected to begin in March and to last about eighteen months, with the towpath closed for most of that time."
OTHER = "A new ferry will carry up to four hundred passengers between the two islands from next spring, the operator said on Monday."


def run(stories, config=None):
    linter = Linter.create(
        config or Config(select=("duplicate-across-stories",)), entry_points=False
    )
    return {r.path: r.findings for r in linter.run([Source(p, t) for p, t in stories])}


def test_a_story_filed_twice_is_one_finding_per_copy():
    found = run(
        [("a.txt", f"{P1}\n\n{P2}\n\n{P3}\n"), ("b.txt", f"{OTHER}\n\n{P1}\n\n{P2}\n\n{P3}\n")]
    )
    (a,) = found["a.txt"]
    (b,) = found["b.txt"]
    assert (b.line, b.end_line) == (3, 7)
    assert "These 3 paragraphs also appear in a.txt (lines 1-5)" in b.message
    assert "b.txt (lines 3-7)" in a.message


def test_a_single_pasted_paragraph_names_the_other_story_and_line():
    found = run([("a.md", f"# Flood plan\n\n{P1}\n"), ("b.txt", f"{OTHER}\n\n{P1.upper()}\n")])
    assert [f.line for f in found["b.txt"]] == [3]
    assert "a.md (line 3)" in found["b.txt"][0].message


def test_short_and_unique_paragraphs_are_left_alone():
    short = "The council met on Tuesday."
    assert run([("a.txt", f"{short}\n\n{P1}\n"), ("b.txt", f"{short}\n\n{OTHER}\n")]) == {
        "a.txt": [],
        "b.txt": [],
    }


def test_off_by_default_and_on_through_config():
    stories = [("a.txt", f"{P1}\n"), ("b.txt", f"{P1}\n")]
    assert run(stories, Config()) == {"a.txt": [], "b.txt": []}
    on = Config(rules={"duplicate-across-stories": {"enabled": True, "min_words": 30}})
    assert run(stories, on) == {"a.txt": [], "b.txt": []}  # P1 has fewer than 30 words
    on = Config(rules={"duplicate-across-stories": {"enabled": True}})
    assert all(len(f) == 1 for f in run(stories, on).values())


def test_listed_as_off_by_default():
    listing = run_in_process("rules").stdout
    assert any(
        line.startswith("duplicate-across-stories") and line.endswith("(off by default)")
        for line in listing.splitlines()
    )
    assert "Off by default" in run_in_process("rules", "duplicate-across-stories").stdout


def test_min_words_is_each_storys_own_configs_from_any_folder(tmp_path, monkeypatch):
    """The fingerprints and the check read min-words from the config found for each story,
    as every setting is, not from the folder newslint runs in."""
    from newslint.runner import CheckRequest, run_check

    (tmp_path / ".git").mkdir()  # discovery stops here
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "newslint.toml").write_text(
        "[rules.duplicate-across-stories]\nenabled = true\nmin-words = 3\n"
    )
    short = "The ferry left at noon today."  # six words: under the default of 15
    (desk / "a.txt").write_text(f"{short}\n\n{P1}\n")
    (desk / "b.txt").write_text(f"{short}\n\n{OTHER}\n")
    for cwd, path in ((desk, "."), (tmp_path, "desk")):
        monkeypatch.chdir(cwd)
        outcome = run_check(CheckRequest([path], entry_points=False))
        rules = [f.rule for r in outcome.results for f in r.findings]
        assert rules.count("duplicate-across-stories") == 2, cwd
