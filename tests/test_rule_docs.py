"""Every rule documents itself and ships examples that really fail and really pass."""

from __future__ import annotations

import pytest

from newslint.plugins import build_registry
from newslint.rule import documentation

from conftest import rule_hits

RULES = sorted(build_registry(entry_points=False).rules.values(), key=lambda r: r.id)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_documentation_and_examples(rule):
    wrong, right = rule.examples()
    assert rule.summary and rule.summary != rule.id
    assert wrong, f"{rule.id} has no ## Wrong example"
    assert right, f"{rule.id} has no ## Right example"
    assert rule.id in documentation(rule)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_wrong_examples_fire(rule):
    for path, example in rule.example_files()[0]:
        assert rule_hits(example, rule.id, path), f"{rule.id} is silent on its own wrong example:\n{example}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_right_examples_stay_silent(rule):
    for path, example in rule.example_files()[1]:
        assert not rule_hits(example, rule.id, path), f"{rule.id} fires on its own right example:\n{example}"
