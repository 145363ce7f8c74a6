"""Every rule documents itself and ships examples that really fail and really pass."""

from __future__ import annotations

import pytest

from newslint.config import Config
from newslint.engine import Linter
from newslint.inputs import Source
from newslint.plugins import build_registry
from newslint.rule import documentation

RULES = sorted(build_registry(entry_points=False).rules.values(), key=lambda r: r.id)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_documentation_and_examples(rule):
    wrong, right = rule.examples()
    assert rule.summary and rule.summary != rule.id
    assert wrong, f"{rule.id} has no ## Wrong example"
    assert right, f"{rule.id} has no ## Right example"
    assert rule.id in documentation(rule)


def hits(rule, stories):
    """The rule's findings on a run of one or more example stories."""
    linter = Linter.create(Config(select=(rule.id,)), entry_points=False)
    return [
        f
        for r in linter.run([Source(p, t) for p, t in stories])
        for f in r.findings
        if f.rule == rule.id
    ]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_wrong_examples_fire(rule):
    for stories in rule.example_sets()[0]:
        assert hits(rule, stories), f"{rule.id} is silent on its own wrong example:\n{stories}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_right_examples_stay_silent(rule):
    for stories in rule.example_sets()[1]:
        assert not hits(rule, stories), f"{rule.id} fires on its own right example:\n{stories}"
