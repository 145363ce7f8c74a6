"""Rule options are declared fields: checked when the config loads, typed in the check,
listed by ``newslint rules ID``, the same for built-in rules and plugins'."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_config import write

from newslint.config import Config, ConfigError, config_from_dict, validate
from newslint.engine import Linter
from newslint.inputs import Source
from newslint.options import (
    Choice,
    FilePath,
    Flag,
    Integer,
    PatternList,
    Patterns,
    Strings,
    bind,
    declared,
    option,
)
from newslint.plugins import build_registry
from newslint.rule import Rule, documentation, hookimpl
from newslint.runner import CheckRequest, RunAborted, run_check

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root / "a.txt", "The council met on Tuesday.\n")
    monkeypatch.chdir(root)
    return root


def error_line(cli, repo: Path, config: str) -> str:
    write(repo / "newslint.toml", config)
    result = cli("check", "--no-plugins", "a.txt")
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newslint: error: newslint.toml: "), lines[0]
    return lines[0]


# --- built-in rules: every mistake is one line naming the file, the key and what is allowed


@pytest.mark.parametrize(
    "config, expected",
    [
        (
            '[rules.inconsistent-naming]\nprefer-spelling = "uk"\n',
            "key 'rules.inconsistent-naming.prefer-spelling': expected one of 'none', "
            "'british', 'american', got 'uk'",
        ),
        (
            "[rules.inconsistent-naming]\nmin-name-length = 1\n",
            "key 'rules.inconsistent-naming.min-name-length': expected a whole number of at "
            "least 3, got 1",
        ),
        (
            '[rules.inconsistent-naming]\ngroups = ["Govt"]\n',
            "key 'rules.inconsistent-naming.groups': expected variant groups: each a list of "
            "two or more forms",
        ),
        (
            '[rules.repeated-attribution]\ntimes = "no"\n',
            "key 'rules.repeated-attribution.times': expected true or false, got 'no'",
        ),
        (
            '[rules.duplicate-paragraph]\nmin-words = "3"\n',
            "key 'rules.duplicate-paragraph.min-words': expected a whole number of at least 1",
        ),
        (
            '[rules.debris]\nextra = ["a)|(b"]\n',
            "key 'rules.debris.extra': expected a list of regular expressions",
        ),
        (
            '[rules.debris]\nextra = ["(unclosed"]\n',
            "key 'rules.debris.extra': expected a list of regular expressions ('(unclosed' "
            "does not compile",
        ),
        (
            '[rules.spelling]\nvariety = "canadian"\n',
            "key 'rules.spelling.variety': expected one of 'both', 'british', 'american'",
        ),
        (
            "[rules.doubled-word]\nextra = []\n",
            "unknown key 'rules.doubled-word.extra' (rule doubled-word takes: severity, "
            "enabled, max-findings)",
        ),
        (
            "[rules.duplicate-paragraph]\nmin-word = 3\n",
            "unknown key 'rules.duplicate-paragraph.min-word' (rule duplicate-paragraph "
            "takes: severity, enabled, max-findings, min-words, near-min-words)",
        ),
        (
            "[rules.duplicate-paragraph]\nmin-words = 4\nmin_words = 5\n",
            "key 'rules.duplicate-paragraph.min_words': expected one spelling of the key, "
            "not both min-words and min_words, got 5",
        ),
        (
            '[[overrides]]\npaths = ["*"]\n[overrides.rules.inconsistent-naming]\n'
            'prefer-spelling = "us"\n',
            "key 'overrides[1].rules.inconsistent-naming.prefer-spelling': expected one of",
        ),
    ],
)
def test_a_bad_option_stops_the_run_at_config_load(cli, repo, config, expected):
    line = error_line(cli, repo, config)
    assert expected in line, line


def test_an_old_snake_case_key_works_with_a_note(cli, repo):
    story = "Floods closed the road.\n\nFloods closed the road.\n"
    write(repo / "a.txt", story)
    write(repo / "newslint.toml", "[rules.duplicate-paragraph]\nmin_words = 9\n")
    old = cli("check", "--no-plugins", "--select", "duplicate-paragraph", "a.txt")
    write(repo / "newslint.toml", "[rules.duplicate-paragraph]\nmin-words = 9\n")
    new = cli("check", "--no-plugins", "--select", "duplicate-paragraph", "a.txt")
    assert old.exit_code == new.exit_code == 0  # the four-word paragraph is now too short
    assert new.stderr == ""
    assert old.stderr.count("\n") == 1, old.stderr  # one note, though the config serves a run
    assert (
        "newslint.toml: key 'rules.duplicate-paragraph.min_words' is the old spelling of "
        "'min-words'; write 'min-words'" in old.stderr
    )
    write(repo / "newslint.toml", "")
    assert cli("check", "--no-plugins", "--select", "duplicate-paragraph", "a.txt").exit_code == 1


def test_an_old_key_and_an_overrides_new_one_are_one_option(cli, repo):
    write(repo / "wires" / "b.txt", "Floods closed the road.\n\nFloods closed the road.\n")
    write(
        repo / "newslint.toml",
        "[rules.duplicate-paragraph]\nmin_words = 9\n"
        '[[overrides]]\npaths = ["wires/"]\n[overrides.rules.duplicate-paragraph]\nmin-words = 2\n',
    )
    found = cli("check", "--no-plugins", "--select", "duplicate-paragraph", "wires/b.txt")
    assert found.exit_code == 1 and "[duplicate-paragraph]" in found.stdout, found.output
    assert "is the old spelling of 'min-words'" in found.stderr


def test_prefer_spelling_is_no_longer_ignored(cli, repo):
    write(repo / "a.txt", "The sports centre opened. A second center is planned.\n")
    found = {}
    for prefer in ("none", "british", "american"):
        write(
            repo / "newslint.toml", f'[rules.inconsistent-naming]\nprefer-spelling = "{prefer}"\n'
        )
        found[prefer] = cli("check", "--no-plugins", "--select", "inconsistent-naming", "a.txt")
    assert found["none"].exit_code == 0  # one each way and no preference: no evidence
    assert "mixed: 'center' (line 1)" in found["british"].stdout
    assert "mixed: 'centre' (line 1)" in found["american"].stdout


# --- plugins declare options the same way --------------------------------------------------


@dataclass(frozen=True)
class LengthOptions:
    max_words: int = option(Integer(1, 10_000), 600, "A story longer than this is reported.")
    style: str = option(Choice("plain", "loud"), "plain", "How the finding is worded.")
    banned: PatternList = option(Patterns(), PatternList(), "Words never to print.")
    sources: tuple[str, ...] = option(Strings(), (), "Bylines the desk expects.")
    glossary: Path | None = option(FilePath(), None, "The desk's glossary file.")
    loud: bool = option(Flag(), False, "Shout.")


SEEN: list[LengthOptions] = []


def _length_check(document, options: LengthOptions):
    SEEN.append(options)
    if len(document.words) > options.max_words:
        yield LENGTH.finding(0, 1, "Too long" if options.style == "plain" else "TOO LONG")


LENGTH = Rule(
    id="acme/length",
    category="style",
    severity="warning",
    check=_length_check,
    doc="Stories over a length.",
    plugin="acme",
    options=LengthOptions,
)


class LengthPlugin:
    @hookimpl
    def newslint_rules(self):
        return [LENGTH]


@pytest.fixture
def registry():
    return build_registry(entry_points=False, extra_plugins=[LengthPlugin()])


def run(tmp_path: Path, registry, config: str):
    write(tmp_path / ".git" / "HEAD", "")
    write(tmp_path / "newslint.toml", config)
    story = write(tmp_path / "s.txt", "one two three four\n")
    write(tmp_path / "glossary.txt", "words\n")
    SEEN.clear()
    request = CheckRequest(paths=[str(story)], select=("acme/length",), entry_points=False)
    return run_check(request, registry)


def test_a_plugin_rule_gets_its_options_typed_and_defaulted(tmp_path, registry):
    outcome = run(
        tmp_path,
        registry,
        "[rules.acme-length]\n".replace("acme-length", '"acme/length"')
        + 'max-words = 3\nstyle = "loud"\nbanned = ["slam(med)?"]\nglossary = "glossary.txt"\n',
    )
    assert [f.message for r in outcome.results for f in r.findings] == ["TOO LONG"]
    options = SEEN[0]
    assert isinstance(options, LengthOptions)
    assert options.max_words == 3 and options.style == "loud" and options.loud is False
    assert options.banned.sources == ("slam(med)?",)
    assert options.banned.combined.fullmatch("SLAMMED")  # compiled at load, ignoring case
    assert options.sources == ()
    assert options.glossary == (tmp_path / "glossary.txt").resolve()


@pytest.mark.parametrize(
    "table, expected",
    [
        ("max-words = 0\n", "max-words': expected a whole number from 1 to 10000, got 0"),
        ('style = "quiet"\n', "style': expected one of 'plain', 'loud', got 'quiet'"),
        ('banned = ["(?<"]\n', "banned': expected a list of regular expressions"),
        ('sources = ["", "AP"]\n', "sources': expected a list of non-empty strings"),
        ('glossary = "../secret.txt"\n', "glossary': expected the name of a file below"),
        ("loud = 1\n", "loud': expected true or false, got 1"),
        ("colour = 1\n", "unknown key 'rules.acme/length.colour' (rule acme/length takes: "),
    ],
)
def test_a_plugin_rule_option_is_checked_at_load(tmp_path, registry, table, expected):
    with pytest.raises(RunAborted) as raised:
        run(tmp_path, registry, '[rules."acme/length"]\n' + table)
    message = str(raised.value)
    assert message.startswith(f"{tmp_path / 'newslint.toml'}: ") and "\n" not in message
    assert expected in message, message
    assert SEEN == []  # no story was checked


def test_options_not_declared_as_fields_are_refused():
    with pytest.raises(TypeError, match="rule acme/x: rule options must be a frozen dataclass"):
        Rule(id="acme/x", category="style", severity="info", check=_length_check, doc="x",
             options={"max_words": 5})  # fmt: skip

    @dataclass(frozen=True)
    class Guessed:
        limit: int = 5

    with pytest.raises(TypeError, match=r"Guessed\.limit: declare it with"):
        Rule(id="acme/y", category="style", severity="info", check=_length_check, doc="y",
             options=Guessed)  # fmt: skip


def test_the_api_refuses_a_bad_option():
    from newslint.api import lint_text

    with pytest.raises(ConfigError, match=r"key 'rules\.debris\.extra'"):
        lint_text("Share this post\n", config={"rules": {"debris": {"extra": ["("]}}})


# --- documentation: every option listed with its type, default and doc ---------------------


@lru_cache(maxsize=1)
def built_ins():
    return build_registry(entry_points=False)


def built_in_rules() -> list[Rule]:
    return [r for r in built_ins().rules.values() if r.plugin == "newslint"]


def test_newslint_rules_id_lists_each_option(cli):
    text = cli("rules", "inconsistent-naming").stdout
    assert "## Options" in text
    assert 'prefer-spelling = "none"  ("none" | "british" | "american")' in text
    assert "min-name-length = 5  (integer >= 3)" in text
    assert "The variety that wins when a story writes each once" in text
    for rule in built_in_rules():
        doc = documentation(rule)
        for declared_option in declared(rule.options):
            assert f"\n{declared_option.name} = " in doc, (rule.id, declared_option.name)
            assert declared_option.doc in doc


def test_the_readme_rules_table_names_each_rules_options():
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \|.*\| ([^|]+) \|$", readme, re.M))
    for rule in built_in_rules():
        listed = rows[rule.id].strip()
        names = [o.name for o in declared(rule.options)]
        assert listed == (", ".join(f"`{n}`" for n in names) or "-"), rule.id


@pytest.mark.parametrize("rule", built_in_rules(), ids=lambda r: r.id)
def test_the_documented_defaults_are_a_valid_config_meaning_the_defaults(rule):
    """What ``newslint rules ID`` shows, pasted into a config, binds to the defaults."""
    options = declared(rule.options)
    if not options:
        return
    table = "\n".join(f"{o.name} = {o.kind.show(o.default)}" for o in options)
    config = config_from_dict(tomllib.loads(f'[rules."{rule.id}"]\n{table}'), "n.toml")
    validate(config, {rule.id: rule})
    assert config.rule_options(rule) == rule.options()


# --- property: whatever a config holds, loading either accepts it or says why in one line


WORDS = st.sampled_from(["Govt", "government", "Gov", "", "(", "a)|(b", "x{100}", "british"])
# Values of every shape TOML gives, drawn from small pools (so a compiled pattern or group
# set is reused across examples) and often of the right kind for some option.
values = st.one_of(
    st.booleans(),
    st.integers(-5, 50),
    WORDS,
    st.sampled_from(["none", "both", "american"]),
    st.lists(WORDS, max_size=3),
    # Few distinct group sets: each new one compiles the rule's matcher again.
    st.lists(st.lists(st.sampled_from(["Govt", "government", "("]), max_size=2), max_size=1),
    st.dictionaries(st.sampled_from(["forms", "prefer", "x"]), WORDS | st.lists(WORDS, max_size=2)),
)


@settings(max_examples=40, deadline=None)
@given(
    rule=st.sampled_from([r for r in built_in_rules() if declared(r.options)]),
    data=st.data(),
)
def test_any_value_is_accepted_typed_or_refused_in_one_line(rule, data):
    names = [o.name for o in declared(rule.options)] + ["nonsense"]
    table = data.draw(st.dictionaries(st.sampled_from(names), values, max_size=2))
    config = Config(rules={rule.id: table}, path="n.toml")
    try:
        validate(config, {rule.id: rule})
    except ConfigError as exc:
        assert str(exc).startswith("n.toml: ") and "\n" not in str(exc)
        return
    bound = config.rule_options(rule)
    for declared_option in declared(rule.options):
        value = getattr(bound, declared_option.attribute)
        if declared_option.name not in table:
            assert value == declared_option.default
    # and the rule runs on it without an internal error
    linter = Linter(Config(select=(rule.id,), rules={rule.id: table}), built_ins())
    result = linter.run([Source("s.txt", "The Govt said. The government said.\n")])[0]
    assert not any(f.rule == "internal-error" for f in result.findings)


def test_bind_applies_defaults_and_converts():
    bound = bind(LengthOptions, {"max-words": 9, "sources": ["AP"]})
    assert bound == LengthOptions(max_words=9, sources=("AP",))


def test_rules_json_lists_each_rules_options_as_rules_id_prints_them(cli):
    listed = {rule["id"]: rule for rule in json.loads(cli("rules", "--format", "json").stdout)}
    for rule_id, rule in listed.items():
        text = cli("rules", rule_id).stdout
        for entry in rule["options"]:  # the text's "name = default  (type)" line and doc
            assert f"{entry['name']} = " in text and f"  ({entry['type']})" in text
            assert entry["doc"] in text
    assert listed["spelling"]["options"][0] == {
        "name": "variety",
        "type": '"both" | "british" | "american"',
        "default": "both",
        "doc": "Which variety's spellings are right; the other's are flagged.",
        "choices": ["both", "british", "american"],
    }
    (min_words,) = listed["duplicate-across-stories"]["options"]
    assert (min_words["default"], min_words["minimum"], min_words["maximum"]) == (15, 1, None)
    (extra,) = listed["debris"]["options"]
    assert extra["default"] == [] and "regular expressions" in extra["type"]
    assert listed["a-an"]["options"] == []
