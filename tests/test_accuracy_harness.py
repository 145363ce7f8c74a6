"""The accuracy harness (benchmarks/accuracy.py) on a tiny corpus of our own sentences: counting,
saving, diffing two runs and matching judged verdicts, so the oracle other work relies on
cannot rot. Needs nothing outside the repository."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parent.parent / "benchmarks" / "accuracy.py"


@pytest.fixture(scope="module")
def accuracy():
    spec = importlib.util.spec_from_file_location("newslint_accuracy_harness", HARNESS)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


BRIDGE = """Council approves the new bridge

The council voted on Tuesday to build the the bridge across the river.

Work will start in a hour, the mayor said.
"""

HARBOUR = """Harbour reopens after storm

Skip to main content

The harbour reopened on Monday after a week of repairs.
"""


@pytest.fixture
def corpora(tmp_path: Path) -> Path:
    root = tmp_path / "corpora"
    (root / "bbc-dev").mkdir(parents=True)
    (root / "outlets-dev" / "wires").mkdir(parents=True)
    (root / "bbc-dev" / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    (root / "outlets-dev" / "wires" / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    return root


def measure(accuracy, corpora: Path):
    return accuracy.measure([corpora / "bbc-dev", corpora / "outlets-dev"], "test")


def by_rule(run) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in run.findings:
        out.setdefault(f.rule, []).append(f)
    return out


def test_a_run_holds_each_finding_with_its_place_and_flagged_text(accuracy, corpora):
    run = measure(accuracy, corpora)
    found = by_rule(run)
    (doubled,) = found["doubled-word"]
    assert (doubled.corpus, doubled.file, doubled.line) == ("bbc-dev", "bridge.txt", 3)
    assert (
        doubled.text == "the the" and doubled.column == BRIDGE.splitlines()[2].index("the the") + 1
    )
    (article,) = found["a-an"]
    assert article.text == "a hour" and article.line == 5
    (chrome,) = found["debris"]
    assert (chrome.corpus, chrome.file, chrome.text) == (
        "outlets-dev",
        "wires/harbour.txt",
        "Skip to main content",
    )
    assert run.corpora["bbc-dev"].files == 1
    assert run.corpora["bbc-dev"].words == len(BRIDGE.split())
    assert run.corpora["outlets-dev"].words == len(HARBOUR.split())


def test_rules_off_by_default_run_too(accuracy, corpora):
    # The same paragraph in two stories of one corpus: only the off-by-default
    # duplicate-across-stories rule reports it.
    shared = "The ferry timetable changes next month, with fewer sailings on weekday evenings and more at weekends."
    for name in ("first.txt", "second.txt"):
        (corpora / "bbc-dev" / name).write_text(f"Ferry news\n\n{shared}\n", encoding="utf-8")
    assert "duplicate-across-stories" in by_rule(measure(accuracy, corpora))


def test_counts_per_rule_and_corpus(accuracy, corpora):
    table = accuracy.count_table(measure(accuracy, corpora))
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in table.splitlines()[1:]}
    # error, warning, info, total, per 10,000 words
    assert rows[("doubled-word", "bbc-dev")][:4] == ["0", "1", "0", "1"]
    assert float(rows[("doubled-word", "bbc-dev")][4]) == pytest.approx(
        10_000 / len(BRIDGE.split()), abs=0.01
    )
    assert rows[("debris", "outlets-dev")][:4] == ["0", "1", "0", "1"]
    assert rows[("doubled-word", "outlets-dev")][3] == "0"


def test_a_saved_run_loads_as_it_was(accuracy, corpora, tmp_path):
    run = measure(accuracy, corpora)
    path = tmp_path / "cache" / "run.json"
    accuracy.save_run(run, path)
    again = accuracy.load_run(path)
    assert again.findings == run.findings
    assert again.corpora == run.corpora
    assert accuracy.diff_runs(run, again).empty


def test_diff_names_the_added_dropped_and_changed_findings(accuracy, corpora):
    before = measure(accuracy, corpora)
    story = corpora / "bbc-dev" / "bridge.txt"
    story.write_text(
        BRIDGE.replace("the the", "the").replace("a hour", "an hour")
        + "\nIt is a honour, she said.\n",
        encoding="utf-8",
    )
    after = measure(accuracy, corpora)
    diff = accuracy.diff_runs(before, after)
    assert sorted((f.rule, f.text) for f in diff.dropped) == [
        ("a-an", "a hour"),
        ("doubled-word", "the the"),
    ]
    assert [(f.rule, f.text, f.line) for f in diff.added] == [("a-an", "a honour", 7)]
    assert not diff.changed

    printed = accuracy.format_diff(diff, accuracy.ContextReader(corpora))
    assert "+ bbc-dev/bridge.txt:7:7 a-an" in printed and "[[a honour]]" in printed
    rows = {line.split()[0]: line.split()[1:] for line in printed.splitlines()[1:4]}
    # added, dropped, changed; the dropped ones by verdict: real, BL, FA, unjudged
    assert rows["a-an"] == ["+1", "-1", "0", "0", "0", "0", "1"]
    assert rows["doubled-word"] == ["+0", "-1", "0", "0", "0", "0", "1"]

    # With verdicts: a dropped real slip is counted as such and each finding names its verdict.
    doubled = next(f for f in diff.dropped if f.rule == "doubled-word")
    verdicts = [
        accuracy.Verdict(
            "bbc-dev",
            "bridge.txt",
            "doubled-word",
            doubled.line,
            doubled.column,
            "TP",
            "real-doubled",
            "typed twice",
        )
    ]
    printed = accuracy.format_diff(diff, accuracy.ContextReader(corpora), verdicts=verdicts)
    rows = {line.split()[0]: line.split()[1:] for line in printed.splitlines()[1:4]}
    assert rows["doubled-word"] == ["+0", "-1", "0", "1", "0", "0", "0"]
    assert (
        "- bbc-dev/bridge.txt:3:" in printed
        and "doubled-word warning [TP real-doubled]: " in printed
    )
    assert "a-an warning [unjudged]: " in printed


def test_a_new_message_at_the_same_place_is_a_change_not_an_addition(accuracy, corpora):
    before = measure(accuracy, corpora)
    reworded = [
        replace(f, message="reworded") if f.rule == "debris" else f for f in before.findings
    ]
    diff = accuracy.diff_runs(before, replace(before, findings=reworded))
    assert not diff.added and not diff.dropped
    ((was, now),) = diff.changed
    assert was.rule == now.rule == "debris" and now.message == "reworded"


def test_diff_counts_repeated_identical_findings(accuracy, corpora):
    before = measure(accuracy, corpora)
    doubled = replace(before, findings=before.findings + before.findings[:1])
    diff = accuracy.diff_runs(before, doubled)
    assert diff.added == before.findings[:1] and not diff.dropped


def test_verdicts_match_by_file_rule_line_and_column(accuracy, corpora, tmp_path):
    run = measure(accuracy, corpora)
    found = by_rule(run)
    doubled, article = found["doubled-word"][0], found["a-an"][0]
    judged = tmp_path / "judged"
    judged.mkdir()
    (judged / "bbc-dev.json").write_text(
        json.dumps(
            {
                "verdicts": [
                    {
                        "corpus": "bbc-dev",
                        "file": "bridge.txt",
                        "rule": "doubled-word",
                        "line": doubled.line,
                        "column": doubled.column,
                        "verdict": "TP",
                        "pattern": "real-doubled",
                        "note": "typed twice",
                    },
                    # the right line, the wrong column: no match
                    {
                        "corpus": "bbc-dev",
                        "file": "bridge.txt",
                        "rule": "a-an",
                        "line": article.line,
                        "column": article.column + 1,
                        "verdict": "FA",
                        "pattern": "x",
                        "note": "x",
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    # The shared list's shape: no corpus, with the flagged text.
    (corpora / "outlets-dev.judged.json").write_text(
        json.dumps(
            [
                {
                    "file": "wires/harbour.txt",
                    "rule": "debris",
                    "line": 3,
                    "column": 1,
                    "text": "Skip to main content",
                    "verdict": "TP-scrape",
                    "pattern": "chrome",
                    "note": "nav",
                },
            ]
        ),
        encoding="utf-8",
    )
    verdicts = accuracy.load_verdicts(corpora, judged)
    assert len(verdicts) == 3
    tallies = accuracy.tally(run, verdicts)
    assert tallies[("bbc-dev", "doubled-word")].verdicts == {"TP": 1}
    assert tallies[("bbc-dev", "a-an")].judged == 0 and tallies[("bbc-dev", "a-an")].unjudged == 1
    assert tallies[("outlets-dev", "debris")].verdicts == {"TP-scrape": 1}
    assert accuracy.stale_verdicts(run, verdicts) == {("bbc-dev", "a-an", "FA"): 1}

    table = accuracy.precision_table(run, verdicts)
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in table.splitlines()[1:]}
    # TP TPscr BL FA unjudged precision real-or-borderline FA/10k
    assert rows[("bbc-dev", "doubled-word")] == [
        "1",
        "0",
        "0",
        "0",
        "0",
        "100.0%",
        "100.0%",
        "0.00",
    ]
    assert rows[("bbc-dev", "a-an")][:5] == ["0", "0", "0", "0", "1"]
    assert rows[("bbc-dev", "(language")][1:6] == ["1", "0", "0", "0", "1"]

    assert accuracy.unjudged_findings(run, verdicts) == [article]
    # Only real verdicts: no borderline or false pattern to list.
    assert "no borderline or false" in accuracy.pattern_table(run, verdicts)
    false_alarm = replace(next(v for v in verdicts if v.rule == "a-an"), column=article.column)
    assert accuracy.pattern_table(run, [false_alarm]).split() == ["bbc-dev", "a-an", "FA", "1", "x"]


def test_two_verdicts_at_one_place_go_to_the_finding_whose_text_agrees(accuracy):
    def finding(text):
        return accuracy.SavedFinding(
            "c",
            "f.txt",
            "inconsistent-naming",
            "naming",
            "warning",
            4,
            9,
            4,
            9 + len(text),
            text,
            "m",
        )

    def verdict(text, kind):
        return accuracy.Verdict("c", "f.txt", "inconsistent-naming", 4, 9, kind, text=text)

    long, short = finding("Harbour Board"), finding("Harbour")
    matched = accuracy.match_verdicts(
        [short, long], [verdict("Harbour Board", "FA"), verdict("Harbour", "BL")]
    )
    assert matched[long].verdict == "FA" and matched[short].verdict == "BL"


def test_a_bad_verdict_is_a_usage_error(accuracy, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps([{"corpus": "c", "file": "f", "rule": "r", "line": 1, "verdict": "maybe"}])
    )
    with pytest.raises(accuracy.UsageError, match="unknown verdict 'maybe'"):
        accuracy.read_verdicts(path)


def test_command_line_measures_saves_and_gates_on_change(accuracy, corpora, tmp_path, capsys):
    saved = tmp_path / "runs" / "before.json"
    common = [
        "--corpora",
        str(corpora),
        "--judged",
        str(tmp_path / "none"),
        "--cache",
        str(tmp_path / "cache"),
    ]
    assert accuracy.main([*common, "--save", str(saved)]) == 0
    assert "doubled-word" in capsys.readouterr().out and saved.is_file()

    assert (
        accuracy.main(
            [
                *common,
                "--save",
                str(tmp_path / "same.json"),
                "--against",
                str(saved),
                "--fail-on-change",
            ]
        )
        == 0
    )
    assert "no change" in capsys.readouterr().out

    (corpora / "bbc-dev" / "bridge.txt").write_text(
        BRIDGE.replace("the the", "the"), encoding="utf-8"
    )
    assert (
        accuracy.main(
            [
                *common,
                "--save",
                str(tmp_path / "after.json"),
                "--against",
                str(saved),
                "--fail-on-change",
            ]
        )
        == 1
    )
    assert "- bbc-dev/bridge.txt:3:" in capsys.readouterr().out
    # Without --fail-on-change a difference is a measurement, not a failure.
    assert (
        accuracy.main([*common, "--save", str(tmp_path / "after.json"), "--against", str(saved)])
        == 0
    )
    # Two saved runs compare without measuring anything.
    assert (
        accuracy.main(
            [*common, "--compare", str(saved), str(tmp_path / "after.json"), "--fail-on-change"]
        )
        == 1
    )


def test_usage_errors_exit_2(accuracy, tmp_path, capsys):
    assert accuracy.main(["--corpora", str(tmp_path / "nowhere")]) == 2
    assert "no corpus at" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        accuracy.main(["--fail-on-change"])
    assert exit_.value.code == 2


def test_a_saved_run_stays_outside_the_repository(accuracy, corpora, capsys):
    inside = HARNESS.parent / "run.json"
    assert accuracy.main(["--corpora", str(corpora), "--save", str(inside)]) == 2
    assert not inside.exists()
    assert "outside the repository" in capsys.readouterr().err


def test_against_something_that_is_neither_revision_nor_run_is_a_usage_error(
    accuracy, corpora, tmp_path, capsys
):
    assert (
        accuracy.main(
            [
                "--corpora",
                str(corpora),
                "--save",
                str(tmp_path / "run.json"),
                "--against",
                "no-such-revision-anywhere",
            ]
        )
        == 2
    )
    assert "neither a revision nor a saved run" in capsys.readouterr().err


@pytest.mark.skipif(not (HARNESS.parent.parent / ".git").exists(), reason="needs the git checkout")
def test_a_revision_is_measured_in_its_own_worktree_without_installing(
    accuracy, corpora, tmp_path, capsys
):
    cache = tmp_path / "cache"
    assert (
        accuracy.main(
            [
                "--corpora",
                str(corpora),
                "--cache",
                str(cache),
                "--judged",
                str(tmp_path / "none"),
                "--compare",
                "HEAD",
                "HEAD",
                "--fail-on-change",
            ]
        )
        == 0
    )
    assert "no change" in capsys.readouterr().out
    (cached,) = cache.glob("*.json")
    run = accuracy.load_run(cached)
    assert cached.stem == accuracy.commit_of("HEAD") == run.revision
    assert "newslint-accuracy-" in run.module  # the temporary worktree's package, not this one
    assert {f.rule for f in run.findings} >= {"doubled-word", "a-an", "debris"}


def test_the_committed_judged_lists_are_keys_and_verdicts_only(accuracy):
    # The corpora's terms: keys, a verdict, a pattern and a short note of ours; no flagged text.
    allowed = {"corpus", "file", "rule", "line", "column", "verdict", "pattern", "note"}
    paths = sorted(accuracy.REPO_JUDGED.glob("*.json"))
    assert paths
    for path in paths:
        verdicts = accuracy.read_verdicts(path)
        assert verdicts and all(v.text is None and v.pattern and v.note for v in verdicts)
        entries = json.loads(path.read_text(encoding="utf-8"))["verdicts"]
        assert all(set(entry) <= allowed and len(entry["note"]) <= 160 for entry in entries)
        keys = [(v.corpus, v.file, v.rule, v.line, v.column) for v in verdicts]
        assert len(keys) == len(set(keys)), f"{path.name}: a finding judged twice"
