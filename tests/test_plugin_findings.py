"""A run-wide plugin's findings whose ids are not registered rules (a backend's
``languagetool/<ID>``): selection, severities, the core findings it may see, and the notes
``newslint rules`` prints for a plugin."""

from __future__ import annotations

import types

import pytest

from newslint import Finding, Rule, hookimpl
from newslint.config import config_from_dict
from newslint.engine import Linter, SelectionError
from newslint.inputs import Source

TEXT = "The council met on  Monday. It voted."


def demo_plugin(seen: dict | None = None, with_findings: bool = True):
    """A backend named 'demo' with an umbrella rule and two findings of its own ids."""
    module = types.ModuleType("demo")
    umbrella = Rule(
        id="demo",
        category="grammar",
        severity="warning",
        check=lambda d, o: (),
        doc="Demo backend.",
    )
    module.newslint_rules = hookimpl(lambda: [umbrella])

    def produce(documents):
        return [
            (d, f)
            for d in documents
            for f in (
                Finding(
                    rule="demo/ONE",
                    category="spelling",
                    severity="warning",
                    message="one",
                    start=4,
                    end=11,
                ),
                Finding(
                    rule="demo/TWO",
                    category="style",
                    severity="info",
                    message="two",
                    start=12,
                    end=15,
                ),
            )
        ]

    if with_findings:

        def newslint_check_documents(documents, config, findings):
            if seen is not None:
                seen.update(findings)
            return produce(documents)
    else:

        def newslint_check_documents(documents, config):
            return produce(documents)

    module.newslint_check_documents = hookimpl(newslint_check_documents)
    module.newslint_notes = hookimpl(lambda config: ["no demo server configured"])
    return module


def rules_found(plugin=None, **config):
    linter = Linter.create(
        config_from_dict(config), entry_points=False, extra_plugins=[plugin or demo_plugin()]
    )
    problems: list[str] = []
    [result] = linter.run([Source("story.txt", TEXT)], problems=problems)
    assert problems == []
    return sorted((f.rule, f.severity) for f in result.findings)


def test_unregistered_ids_are_reported_by_default():
    assert rules_found() == [
        ("demo/ONE", "warning"),
        ("demo/TWO", "info"),
        ("doubled-space", "info"),
    ]


@pytest.mark.parametrize(
    "select, expected",
    [
        (["demo"], ["demo/ONE", "demo/TWO"]),  # the plugin's name and umbrella id
        (["demo/"], ["demo/ONE", "demo/TWO"]),  # an id prefix
        (["demo/ONE"], ["demo/ONE"]),  # one sub-id
        (["spelling"], ["demo/ONE"]),  # a category no registered rule has
        (["whitespace"], ["doubled-space"]),
    ],
)
def test_select_applies_to_unregistered_ids(select, expected):
    assert [rule for rule, _ in rules_found(select=select)] == expected


@pytest.mark.parametrize(
    "ignore, expected",
    [
        (["demo"], ["doubled-space"]),
        (["demo/TWO"], ["demo/ONE", "doubled-space"]),
        (["style"], ["demo/ONE", "doubled-space"]),
    ],
)
def test_ignore_applies_to_unregistered_ids(ignore, expected):
    assert [rule for rule, _ in rules_found(ignore=ignore)] == expected


def test_rules_tables_apply_to_unregistered_ids():
    found = rules_found(rules={"demo/ONE": {"severity": "info"}, "demo/TWO": {"enabled": False}})
    assert found == [("demo/ONE", "info"), ("doubled-space", "info")]


def test_unknown_tokens_are_still_refused():
    with pytest.raises(SelectionError):
        rules_found(select=["nosuch/ONE"])


def test_the_hook_sees_the_core_findings_when_it_asks_for_them():
    seen: dict = {}
    rules_found(demo_plugin(seen))
    [(path, core)] = seen.items()
    assert path == "story.txt" and [f.rule for f in core] == ["doubled-space"]
    assert TEXT[core[0].start : core[0].end] == "  "  # prose offsets, not yet resolved


def test_a_hook_without_the_findings_argument_still_works():
    assert [r for r, _ in rules_found(demo_plugin(with_findings=False))] == [
        "demo/ONE",
        "demo/TWO",
        "doubled-space",
    ]


def test_rules_prints_plugin_notes_on_stderr(capsys, tmp_path, monkeypatch):
    from newslint.cli import _plugin_notes
    from newslint.plugins import build_registry

    monkeypatch.chdir(tmp_path)
    _plugin_notes(build_registry(entry_points=False, extra_plugins=[demo_plugin()]))
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "newslint: note: plugin demo: no demo server configured\n"


def test_config_files_may_name_sub_ids_and_any_category():
    from newslint.config import ConfigError, validate
    from newslint.plugins import build_registry

    rules = build_registry(entry_points=False, extra_plugins=[demo_plugin()]).rules
    validate(
        config_from_dict(
            {
                "select": ["spelling", "demo/ONE"],
                "ignore": ["demo/TWO"],
                "rules": {"demo/ONE": {"severity": "info", "enabled": True}},
            }
        ),
        rules,
    )
    with pytest.raises(ConfigError, match="unknown rule id 'nosuch/ONE'"):
        validate(config_from_dict({"rules": {"nosuch/ONE": {"severity": "info"}}}, "n.toml"), rules)
    with pytest.raises(ConfigError, match="unknown rule id 'demo/ONE'"):  # sub-ids take no options
        validate(config_from_dict({"rules": {"demo/ONE": {"limit": 3}}}, "n.toml"), rules)
