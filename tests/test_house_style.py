"""House style as data: [[house-style]] tables become rules house/<id>."""

from __future__ import annotations

import json
import time

import pytest
from conftest import REPO, run_module

from newslint.config import ConfigError, config_from_dict
from newslint.engine import Linter
from newslint.inputs import Source

HOUSE = {
    "house-style": [
        {
            "id": "govt",
            "kind": "substitution",
            "pattern": r"\bGovt\b",
            "replace": "government",
            "message": "Spell out '{replace}', not '{match}'",
        },
        {
            "id": "per-cent",
            "kind": "substitution",
            "pattern": r"\b(?P<n>\d+) per cent\b",
            "replace": r"\g<n>%",
        },
        {
            "id": "whilst",
            "kind": "substitution",
            "pattern": r"\bwhilst\b",
            "replace": "while",
            "ignorecase": True,
        },
        {
            "id": "slammed",
            "kind": "existence",
            "words": ["slammed", "hit out at"],
            "message": "'{match}' is tabloid shorthand",
            "severity": "info",
        },
        {"id": "amid", "kind": "existence", "pattern": r"\bamid\b", "category": "grammar"},
        {
            "id": "kyiv",
            "kind": "consistency",
            "variants": ["Kyiv", "Kiev"],
            "prefer": "Kyiv",
            "category": "naming",
        },
        {"id": "nato", "kind": "consistency", "variants": ["Nato", "NATO"]},
    ]
}


def house(text: str, config: dict | None = None, path: str = "story.txt"):
    cfg = config_from_dict(dict(config or HOUSE, select=["house"]), "newslint.toml")
    return Linter.create(cfg, entry_points=False).run([Source(path, text)])[0].findings


def by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


# --- substitution ----------------------------------------------------------------------


def test_substitution_suggests_and_fixes_the_replacement():
    (f,) = house("Ministers said the Govt would publish the plan in June.\n")
    assert (f.rule, f.category, f.severity) == ("house/govt", "style", "warning")
    assert (f.line, f.column, f.end_column) == (1, 20, 24)
    assert f.message == "Spell out 'government', not 'Govt'"
    assert f.suggestions == ("government",)
    assert [(e.start, e.end, e.text) for e in f.fix.edits] == [(19, 23, "government")]


def test_substitution_is_silent_on_the_fixed_story():
    assert house("Ministers said the government would publish the plan in June.\n") == []


def test_substitution_expands_named_and_numbered_groups():
    (f,) = house("Turnout rose to 64 per cent, the highest since 1992.\n")
    assert f.suggestions == ("64%",)
    assert f.message == "House style is '64%', not '64 per cent'"
    config = {
        "house-style": [
            {
                "id": "mr",
                "kind": "substitution",
                "pattern": r"\b(Mr|Dr)\.(?= [A-Z])",
                "replace": r"\1",
            }
        ]
    }
    (g,) = house("Dr. Amina Patel led the study.\n", config)
    assert g.suggestions == ("Dr",)


def test_replacement_is_capitalised_where_the_sentence_needs_it():
    (a,) = house("Whilst we wait, commuters pay, she said.\n")
    assert a.suggestions == ("While",)
    (b, c) = house("Govt sources said the vote was close. They said the Govt had lost.\n")
    assert (b.suggestions, c.suggestions) == (("Government",), ("government",))


# --- existence -------------------------------------------------------------------------


def test_existence_words_match_whole_words_in_any_case():
    found = house("Critics Slammed the decision. The mayor hit out at rivals.\n")
    assert [(f.rule, f.message, f.severity) for f in found] == [
        ("house/slammed", "'Slammed' is tabloid shorthand", "info"),
        ("house/slammed", "'hit out at' is tabloid shorthand", "info"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The doors slam shut at midnight, the caretaker said.\n",
        "A slammed-door policy was never discussed.\n",
        "The hit outfit returned to the stage on Friday.\n",
        "The talks took place amidst tight security.\n",
        "Pyramid schemes were banned in 1990, the regulator said.\n",
    ],
)
def test_existence_leaves_other_words_alone(text):
    assert house(text) == []


def test_existence_pattern_is_case_sensitive_by_default():
    (f,) = house("Prices rose amid fears of a strike.\n")
    assert (f.rule, f.category, f.message) == ("house/amid", "grammar", "'amid' is not house style")
    assert house("Amid the noise, she spoke.\n") == []


# --- consistency -----------------------------------------------------------------------


def test_consistency_reports_forms_other_than_the_preferred_one():
    story = (
        "Officials in Kiev said the convoy had left.\n\n"
        "Kyiv has asked for more air defences, and Kiev's mayor agreed.\n"
    )
    found = house(story)
    assert [(f.rule, f.line, f.column, f.suggestions) for f in found] == [
        ("house/kyiv", 1, 14, ("Kyiv",)),
        ("house/kyiv", 3, 43, ("Kyiv",)),
    ]
    assert found[0].category == "naming"


def test_consistency_is_silent_when_the_story_keeps_one_form():
    assert house("Officials in Kiev said the convoy had left. Kiev's mayor agreed.\n") == []
    assert house("Officials in Kyiv said the convoy had left. Kyiv's mayor agreed.\n") == []


def test_consistency_without_prefer_keeps_the_first_form():
    (f,) = house("NATO ministers met on Monday. Nato said the talks were useful.\n")
    assert (f.rule, f.column, f.suggestions) == ("house/nato", 31, ("NATO",))
    assert f.message == "'Nato' here, but 'NATO' elsewhere in this story; use one form throughout"


def test_house_consistency_supersedes_the_builtin_group_on_the_same_span():
    cfg = config_from_dict(
        dict(HOUSE, select=["house/kyiv", "inconsistent-naming"]), "newslint.toml"
    )
    text = "Officials in Kyiv said the convoy had left. Kyiv's mayor agreed, and Kiev said no.\n"
    found = Linter.create(cfg, entry_points=False).run([Source("story.txt", text)])[0].findings
    assert [(f.rule, f.column) for f in found] == [("house/kyiv", 70)]


# --- selection, config, docs -----------------------------------------------------------


def test_house_rules_are_selected_by_id_prefix_and_category():
    story = "The Govt slammed the plan.\n"
    cfg = config_from_dict(dict(HOUSE, ignore=["house/govt"]), "n.toml")
    found = Linter.create(cfg, entry_points=False).run([Source("s.txt", story)])[0].findings
    assert {f.rule for f in found} == {"house/slammed"}
    cfg = config_from_dict(dict(HOUSE, select=["style"]), "n.toml")
    found = Linter.create(cfg, entry_points=False).run([Source("s.txt", story)])[0].findings
    assert {f.rule for f in found} == {"house/govt", "house/slammed"}


def test_rules_table_sets_a_house_rules_severity(cli, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "newslint.toml").write_text(
        '[[house-style]]\nid = "govt"\nkind = "substitution"\npattern = \'\\bGovt\\b\'\n'
        'replace = "government"\n\n[rules."house/govt"]\nseverity = "error"\n'
    )
    (tmp_path / "a.txt").write_text("The Govt said no.\n")
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--no-plugins", "--format", "json", "a.txt")
    (f,) = json.loads(result.stdout)["files"][0]["findings"]
    assert (f["rule"], f["severity"], f["suggestions"]) == ("house/govt", "error", ["government"])


def test_rules_command_documents_house_rules(cli):
    config = str(REPO / "examples" / "newslint.toml")
    listing = cli("rules", "--config", config)
    assert "house/govt" in listing.stdout and "house-style" in listing.stdout
    doc = cli("rules", "--config", config, "house/per-cent")
    assert doc.exit_code == 0
    assert "substitution" in doc.stdout and "newslint.toml" in doc.stdout and r"\1%" in doc.stdout


# --- errors at load: file, table and id named ------------------------------------------


@pytest.mark.parametrize(
    "table, expected",
    [
        (
            {"id": "bad", "kind": "existence", "pattern": "(unclosed"},
            "n.toml: [[house-style]] table 1 (id 'bad'): key 'pattern': expected a valid regular expression",
        ),
        (
            {"kind": "existence", "words": ["x"]},
            "n.toml: [[house-style]] table 1: key 'id': missing",
        ),
        (
            {"id": "x", "kind": "banned", "words": ["x"]},
            "n.toml: [[house-style]] table 1 (id 'x'): key 'kind': expected one of substitution, existence, consistency",
        ),
        (
            {"id": "x", "kind": "existence", "words": ["x"], "replace": "y"},
            "n.toml: [[house-style]] table 1 (id 'x'): unknown key 'replace' for kind existence",
        ),
        (
            {"id": "x", "kind": "existence"},
            "expected exactly one of the keys 'pattern' and 'words'",
        ),
        (
            {"id": "x", "kind": "existence", "words": ["x"], "category": "tone"},
            "key 'category': expected one of",
        ),
        (
            {"id": "x", "kind": "existence", "words": ["x"], "severity": "fatal"},
            "key 'severity': expected one of",
        ),
        (
            {"id": "x", "kind": "existence", "words": ["x"], "ignorecase": "yes"},
            "key 'ignorecase': expected true or false",
        ),
        (
            {"id": "x", "kind": "substitution", "pattern": "Govt", "replace": "a", "fix": "yes"},
            "key 'fix': expected one of 'safe', 'unsafe', got 'yes'",
        ),
        (
            {"id": "x", "kind": "existence", "words": ["x"], "scope": ["footer"]},
            "key 'scope': expected a non-empty list of body, headline",
        ),
        (
            {"id": "x", "kind": "existence", "words": ["x"], "scope": "body"},
            "key 'scope': expected a list of non-empty strings, got 'body'",
        ),
        (
            {"id": "x", "kind": "existence", "words": "slammed"},
            "key 'words': expected a non-empty list",
        ),
        (
            {"id": "x", "kind": "existence", "pattern": "a*"},
            "key 'pattern': expected a pattern that cannot match empty",
        ),
        (
            {"id": "x", "kind": "substitution", "pattern": "Govt"},
            "key 'replace': expected a string",
        ),
        (
            {"id": "x", "kind": "substitution", "pattern": "(Govt)", "replace": r"\2"},
            "key 'replace': expected a replacement",
        ),
        (
            {"id": "x", "kind": "consistency", "variants": ["Kyiv"]},
            "key 'variants': expected at least two",
        ),
        (
            {"id": "x", "kind": "consistency", "variants": ["Kyiv", "Kiev"], "prefer": "Kyyiv"},
            "key 'prefer': expected one of the variants",
        ),
        (
            {"id": "two words", "kind": "existence", "words": ["x"]},
            "key 'id': expected letters, digits",
        ),
    ],
)
def test_bad_tables_name_file_table_and_id(table, expected):
    with pytest.raises(ConfigError) as info:
        config_from_dict({"house-style": [table]}, "n.toml")
    assert expected in str(info.value)
    assert "\n" not in str(info.value)


def test_duplicate_ids_are_an_error():
    tables = [
        {"id": "x", "kind": "existence", "words": ["a"]},
        {"id": "x", "kind": "existence", "words": ["b"]},
    ]
    with pytest.raises(
        ConfigError, match=r"n.toml: \[\[house-style\]\] table 2: key 'id': expected a unique id"
    ):
        config_from_dict({"house-style": tables}, "n.toml")


def test_a_bad_pattern_is_exit_2_through_the_cli(cli, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "newslint.toml").write_text(
        '[[house-style]]\nid = "amid"\nkind = "existence"\npattern = "(amid"\n'
    )
    (tmp_path / "a.txt").write_text("Prices rose amid fears.\n")
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--no-plugins", "a.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "newslint: error: newslint.toml: [[house-style]] table 1 (id 'amid'): key 'pattern': "
        "expected a valid regular expression (missing )"
    )
    assert len(result.stderr.splitlines()) == 1


# --- a catastrophic pattern ends within its time budget --------------------------------


def test_catastrophic_pattern_stops_with_one_clear_error(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "newslint.toml").write_text(
        'pattern-timeout = 0.5\n\n[[house-style]]\nid = "runaway"\nkind = "existence"\n'
        "pattern = '(a+)+$'\n"
    )
    long_line = "a" * 20000 + "!\n"
    for name in ("one.txt", "two.txt", "three.txt"):
        (tmp_path / name).write_text(long_line)
    started = time.monotonic()
    result = run_module("check", "--no-plugins", ".", cwd=tmp_path)
    elapsed = time.monotonic() - started
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("newslint: error:")]
    assert len(errors) == 1, errors
    assert errors[0].startswith(
        "newslint: error: newslint.toml: [[house-style]] table 1 (id 'runaway'): "
        "the pattern took longer than 0.5s on ./one.txt and was stopped"
    )
    assert errors[0].endswith(
        "simplify it (nested repeats such as (a+)+ backtrack without end) or raise pattern-timeout"
    )
    assert "Traceback" not in result.stderr
    assert elapsed < 10  # one budget spent, not one per file, and no hang


def test_the_api_reports_a_timeout_as_an_internal_finding():
    cfg = config_from_dict(
        {
            "pattern-timeout": 0.2,
            "select": ["house"],
            "house-style": [{"id": "runaway", "kind": "existence", "pattern": "(a|aa)+$"}],
        },
        "n.toml",
    )
    (f,) = (
        Linter.create(cfg, entry_points=False)
        .run([Source("s.txt", "a" * 5000 + "!\n")])[0]
        .findings
    )
    assert f.category == "internal" and "id 'runaway'" in f.message and "0.2s" in f.message


# --- the example house style -----------------------------------------------------------


def test_the_example_story_trips_the_example_house_style(cli, monkeypatch):
    monkeypatch.chdir(REPO)
    result = cli("check", "--format", "json", "--select", "house", "examples/house-style/story.md")
    found = {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert len(found) >= 12, sorted(found)
    assert result.exit_code == 1


def test_the_example_house_style_is_silent_on_the_clean_example(cli, monkeypatch):
    monkeypatch.chdir(REPO)
    result = cli("check", "--format", "json", "--select", "house", "examples/clean-story.md")
    assert json.loads(result.stdout)["files"][0]["findings"] == []
    assert result.exit_code == 0


def test_fixed_example_story_is_silent():
    story = (REPO / "examples" / "house-style" / "story.md").read_text(encoding="utf-8")
    fixed = story
    for wrong, right in [
        ("Govt to", "Government to"),
        ("The Govt", "The government"),
        ("40 per cent", "40%"),
        ("Ms. ", "Ms "),
        ("slammed", "criticised"),
        ("Whilst", "While"),
        ("e-mails", "emails"),
        ("Sinn Fein", "Sinn Féin"),
        ("amid growing", "as there is growing"),
        ("amongst", "among"),
        ("TransLink", "Translink"),
        ("past history", "history"),
        (" going forward", ""),
    ]:
        assert wrong in fixed
        fixed = fixed.replace(wrong, right)
    assert len({f.rule for f in house(story, _raw_example(), "story.md")}) >= 12
    assert house(fixed, _raw_example(), "story.md") == []


def _raw_example() -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads((REPO / "examples" / "newslint.toml").read_text(encoding="utf-8"))
