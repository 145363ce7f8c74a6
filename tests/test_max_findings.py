"""One rule reports at most ``max-findings`` findings a story (default 1,000), then one info
finding that counts the rest: a hostile story with 100,000 doubled words costs seconds, and
the report stays readable."""

from __future__ import annotations

import pytest

import newslint
from newslint.config import DEFAULT_MAX_FINDINGS, ConfigError, config_from_dict

# Five doubled words, each in its own sentence, so each is one doubled-word finding.
STORY = "".join(f"The {word} {word} fell. " for word in ("rain", "snow", "hail", "sleet", "fog"))


def doubled(text: str, **table) -> list:
    config = (
        {"select": ["doubled-word"], "rules": {"doubled-word": table}}
        if table
        else {"select": ["doubled-word"]}
    )
    return newslint.lint_text(text, filename="story.txt", config=config)


def test_a_rule_past_its_limit_reports_the_first_findings_then_counts_the_rest():
    findings = doubled(STORY, **{"max-findings": 3})
    assert [f.data.get("word") for f in findings[:3]] == ["rain", "snow", "hail"]
    assert all(f.severity == "warning" and f.fix is not None for f in findings[:3])
    notice = findings[3]
    assert len(findings) == 4
    assert (notice.rule, notice.severity, notice.fix) == ("doubled-word", "info", None)
    assert notice.data["not_shown"] == 2
    assert "2 more findings of doubled-word not shown" in notice.message
    # It stands where the first finding not shown would have.
    assert notice.column == STORY.index("sleet") + 1


def test_at_the_limit_nothing_is_summed_up():
    assert len(doubled(STORY, **{"max-findings": 5})) == 5
    assert len(doubled(STORY)) == 5


def test_the_default_limit_applies_without_config():
    findings = doubled("the " * (DEFAULT_MAX_FINDINGS + 11))
    assert len(findings) == DEFAULT_MAX_FINDINGS + 1
    assert findings[-1].data["not_shown"] == 10


@pytest.mark.parametrize("value", [0, -1, "10", True, 2.5])
def test_a_limit_that_is_not_a_positive_whole_number_is_a_config_error(value):
    with pytest.raises(
        ConfigError, match=r"n.toml: key 'rules.doubled-word.max-findings': expected a whole number"
    ):
        config_from_dict({"rules": {"doubled-word": {"max-findings": value}}}, "n.toml")
