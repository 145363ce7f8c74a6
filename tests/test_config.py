"""Configuration: discovery per checked file, keys, per-path overrides, one-line errors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from newslint.config import Config, ConfigError, compile_glob, config_from_dict, validate
from newslint.options import Integer, Words, option
from newslint.plugins import build_registry
from newslint.rule import Rule

# A doubled space (info), trailing whitespace (info) and a debris line (warning).
STORY = "Share this post\n\nThe mayor  resigned on Friday. \n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A content repository (it has .git) and a folder outside it to run newslint from."""
    root = tmp_path / "content"
    (root / ".git").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return root


def rules_of(result) -> dict[str, set[str]]:
    data = json.loads(result.stdout)
    return {Path(f["path"]).name: {x["rule"] for x in f["findings"]} for f in data["files"]}


def check(cli, *args, input=None):
    return cli("check", "--no-plugins", "--format", "json", *args, input=input)


# --- discovery -------------------------------------------------------------------------


def test_config_in_the_repo_root_applies_when_run_from_another_folder(cli, repo):
    write(repo / "newslint.toml", 'ignore = ["doubled-space"]\n')
    story = write(repo / "stories" / "2024" / "mayor.txt", STORY)
    result = check(cli, str(story))
    assert rules_of(result) == {"mayor.txt": {"debris", "trailing-whitespace"}}
    assert result.exit_code == 1


def test_nearest_config_wins_and_each_file_gets_its_own(cli, repo):
    write(repo / "newslint.toml", 'ignore = ["doubled-space"]\n')
    write(repo / "opinion" / ".newslint.toml", 'select = ["whitespace"]\n')
    news = write(repo / "news" / "a.txt", STORY)
    opinion = write(repo / "opinion" / "b.txt", STORY)
    result = check(cli, str(news), str(opinion))
    assert rules_of(result) == {
        "a.txt": {"debris", "trailing-whitespace"},
        "b.txt": {"doubled-space", "trailing-whitespace"},
    }


def test_search_stops_at_the_repository_root(cli, repo):
    write(repo.parent / "newslint.toml", 'ignore = ["debris"]\n')  # above the repo: not ours
    story = write(repo / "a.txt", STORY)
    assert "debris" in rules_of(check(cli, str(story)))["a.txt"]


def test_pyproject_counts_only_with_a_tool_newslint_table(cli, repo):
    story = write(repo / "news" / "a.txt", STORY)
    write(repo / "news" / "pyproject.toml", '[project]\nname = "site"\n')
    write(repo / "pyproject.toml", '[tool.newslint]\nignore = ["debris"]\n')
    assert "debris" not in rules_of(check(cli, str(story)))["a.txt"]


def test_config_option_overrides_discovery_and_no_config_ignores_it(cli, repo, tmp_path):
    write(repo / "newslint.toml", 'ignore = ["debris"]\n')
    other = write(tmp_path / "other.toml", 'select = ["debris"]\n')
    story = write(repo / "a.txt", STORY)
    assert rules_of(check(cli, "--config", str(other), str(story)))["a.txt"] == {"debris"}
    assert rules_of(check(cli, "--no-config", str(story)))["a.txt"] == {
        "debris",
        "doubled-space",
        "trailing-whitespace",
    }


def test_stdin_uses_the_config_of_the_current_folder(cli, repo, monkeypatch):
    write(repo / "newslint.toml", 'ignore = ["whitespace"]\n')
    monkeypatch.chdir(repo)
    assert rules_of(check(cli, "-", input=STORY)) == {"<stdin>": {"debris"}}


def test_command_line_selection_applies_on_top_of_the_config(cli, repo):
    write(repo / "newslint.toml", 'ignore = ["debris"]\nfail-on = "info"\n')
    story = write(repo / "a.txt", STORY)
    result = check(cli, "--ignore", "trailing-whitespace", str(story))
    assert rules_of(result)["a.txt"] == {"doubled-space"}
    assert result.exit_code == 1  # fail-on = "info" from the config
    assert (
        check(cli, "--fail-on", "warning", "--ignore", "trailing-whitespace", str(story)).exit_code
        == 0
    )


# --- rule tables and overrides ---------------------------------------------------------


def test_rule_tables_set_severity_enabled_and_options(cli, repo):
    write(
        repo / "newslint.toml",
        """
[rules.debris]
severity = "error"
extra = ['Listen to this article']

[rules.doubled-space]
enabled = false
""",
    )
    story = write(repo / "a.txt", "Listen to this article\n\nThe mayor  resigned on Friday.\n")
    data = json.loads(check(cli, str(story)).stdout)
    (found,) = data["files"][0]["findings"]
    assert (found["rule"], found["severity"], found["line"]) == ("debris", "error", 1)


def test_overrides_give_some_folders_other_rules(cli, repo):
    write(
        repo / "newslint.toml",
        """
ignore = ["trailing-whitespace"]

[[overrides]]
paths = ["wires/"]
ignore = ["debris"]
fail-on = "never"

[[overrides]]
paths = ["*.md"]
[overrides.rules.doubled-space]
severity = "warning"
""",
    )
    news = write(repo / "news" / "a.txt", STORY)
    wire = write(repo / "wires" / "reuters" / "b.txt", STORY)
    md = write(repo / "news" / "c.md", STORY)
    result = check(cli, str(news), str(wire), str(md))
    assert rules_of(result) == {
        "a.txt": {"debris", "doubled-space"},
        "b.txt": {"doubled-space"},
        "c.md": {"debris", "doubled-space"},
    }
    severities = {
        Path(f["path"]).name: {x["rule"]: x["severity"] for x in f["findings"]}
        for f in json.loads(result.stdout)["files"]
    }
    assert severities["c.md"]["doubled-space"] == "warning"
    assert severities["a.txt"]["doubled-space"] == "info"
    # The wire copy alone never fails: its override says fail-on = "never".
    assert check(cli, str(wire), "--select", "debris,whitespace").exit_code == 0
    assert check(cli, str(news)).exit_code == 1


@pytest.mark.parametrize(
    "glob, path, hit",
    [
        ("wires/**", "wires/a/b.md", True),
        ("wires/", "wires/b.md", True),
        ("wires", "sport/wires/b.md", True),
        ("wires/*.md", "wires/a/b.md", False),
        ("*.html", "a/b/c.html", True),
        ("opinion/**/*.md", "opinion/x.md", True),
        ("opinion/**/*.md", "news/opinion.md", False),
        ("stor?.md", "story.md", True),
    ],
)
def test_override_globs(glob, path, hit):
    from newslint.config import Override

    assert Override(paths=(glob,), _patterns=(compile_glob(glob),)).matches(path) is hit


# --- vocabulary ------------------------------------------------------------------------


@dataclass(frozen=True)
class NamesOptions:
    vocabulary: frozenset[str] = option(Words(), frozenset({"Seanad"}), "Names it accepts.")
    limit: int = option(Integer(minimum=1), 3, "How many.")


def _vocab_rule():
    return Rule(
        id="names",
        category="naming",
        severity="warning",
        check=lambda d, o: (),
        doc="x",
        options=NamesOptions,
    )


def test_vocabulary_reaches_rules_that_declare_the_option(tmp_path):
    write(tmp_path / "names.txt", "# the desk's names\nTaoiseach\nSinn Féin  # party\n")
    config = config_from_dict(
        {
            "vocabulary": {"words": ["Dáil"], "files": ["names.txt"]},
            "rules": {"names": {"vocabulary": ["Oireachtas"]}},
        },
        "newslint.toml",
        folder=tmp_path,
    )
    assert config.vocabulary == {"Dáil", "Taoiseach", "Sinn Féin"}
    options = config.rule_options(_vocab_rule())
    assert options.vocabulary == frozenset(
        {"Dáil", "Taoiseach", "Sinn Féin", "Oireachtas", "Seanad"}
    )
    assert options.limit == 3
    other = Rule(id="other", category="style", severity="info", check=lambda d, o: (), doc="x")
    assert not hasattr(config.rule_options(other), "vocabulary")


def test_vocabulary_as_a_file_name(tmp_path):
    write(tmp_path / "desk" / "names.txt", "Zelensky\n")
    config = config_from_dict({"vocabulary": "desk/names.txt"}, "newslint.toml", folder=tmp_path)
    assert config.vocabulary == {"Zelensky"}


def test_option_values_are_checked_against_the_declaration():
    registry = build_registry(entry_points=False)
    rules = dict(registry.rules)
    rules["names"] = _vocab_rule()
    good = config_from_dict(
        {
            "rules": {
                "names": {"limit": 4, "vocabulary": ["A"]},
                "debris": {"extra": ["Listen now"]},
            }
        },
        "n.toml",
    )
    validate(good, rules)
    for table, key in [
        ({"limit": "4"}, "limit"),
        ({"limit": True}, "limit"),
        ({"vocabulary": "A"}, "vocabulary"),
        ({"limit": 0}, "limit"),
    ]:
        with pytest.raises(ConfigError, match=f"n.toml: key 'rules.names.{key}': expected"):
            validate(config_from_dict({"rules": {"names": table}}, "n.toml"), rules)


# --- errors: one line naming the file, the key and what was expected; exit 2 -----------


@pytest.mark.parametrize(
    "text, expected",
    [
        ('selct = ["debris"]\n', "newslint.toml: unknown key 'selct' (expected one of: select,"),
        (
            '[rules.no-such-rule]\nseverity = "info"\n',
            "newslint.toml: key 'rules.no-such-rule': unknown rule id 'no-such-rule'",
        ),
        (
            '[rules.debris]\nextras = ["x"]\n',
            "newslint.toml: unknown key 'rules.debris.extras' (rule debris takes: severity, enabled, max-findings, extra)",
        ),
        (
            '[rules.debris]\nextra = "Listen now"\n',
            "newslint.toml: key 'rules.debris.extra': expected a list of regular expressions (strings), got 'Listen now'",
        ),
        (
            '[rules.debris]\nseverity = "fatal"\n',
            "newslint.toml: key 'rules.debris.severity': expected one of 'error', 'warning', 'info', got 'fatal'",
        ),
        (
            '[rules.debris]\nenabled = "no"\n',
            "newslint.toml: key 'rules.debris.enabled': expected true or false",
        ),
        (
            'fail-on = "sometimes"\n',
            "newslint.toml: key 'fail-on': expected one of 'error', 'warning', 'info', 'never', got 'sometimes'",
        ),
        (
            'select = ["debirs"]\n',
            "newslint.toml: key 'select': expected rule ids, categories or plugin names",
        ),
        (
            "ignore = 3\n",
            "newslint.toml: key 'ignore': expected a list of rule ids, categories or plugin names, got 3",
        ),
        (
            '[[overrides]]\nignore = ["debris"]\n',
            "newslint.toml: key 'overrides[1].paths': expected a list",
        ),
        (
            '[[overrides]]\npaths = ["wires/"]\nignroe = ["debris"]\n',
            "newslint.toml: unknown key 'overrides[1].ignroe'",
        ),
        (
            '[[overrides]]\npaths = ["wires/"]\nselect = ["nope"]\n',
            "newslint.toml: key 'overrides[1].select'",
        ),
        (
            'vocabulary = "missing.txt"\n',
            "newslint.toml: key 'vocabulary': expected a readable UTF-8 file",
        ),
        ("vocabulary = [1, 2]\n", "newslint.toml: key 'vocabulary': expected a list of names"),
        (
            "pattern-timeout = 0\n",
            "newslint.toml: key 'pattern-timeout': expected a number of seconds",
        ),
        ('[spellchecker]\nlanguage = "en"\n', "newslint.toml: unknown key 'spellchecker'"),
        ("select = [\n", "newslint.toml: invalid TOML"),
    ],
)
def test_config_errors_are_one_line_and_exit_2(cli, repo, monkeypatch, text, expected):
    write(repo / "newslint.toml", text)
    write(repo / "a.txt", STORY)
    monkeypatch.chdir(repo)
    result = cli("check", "--no-plugins", "a.txt")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newslint: error: " + expected), lines[0]
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_a_bad_config_found_for_a_file_names_that_file(cli, repo):
    write(repo / "news" / "newslint.toml", 'fail-on = "sometimes"\n')
    story = write(repo / "news" / "a.txt", STORY)
    result = cli("check", "--no-plugins", str(story))
    assert result.exit_code == 2
    assert "news/newslint.toml: key 'fail-on'" in result.stderr


def test_a_plugin_table_is_allowed(cli, repo, monkeypatch):
    write(repo / "newslint.toml", '[languagetool]\nlanguage = "en-GB"\n')
    write(repo / "a.txt", "The mayor resigned on Friday.\n")
    monkeypatch.chdir(repo)
    assert cli("check", "--no-plugins", "a.txt").exit_code == 0


def test_config_from_dict_keeps_plugin_tables_as_sections():
    config = config_from_dict({"languagetool": {"language": "en-GB"}})
    assert config.section("languagetool") == {"language": "en-GB"}
    assert isinstance(config, Config)
