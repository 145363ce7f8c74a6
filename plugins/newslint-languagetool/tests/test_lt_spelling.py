"""With the built-in spelling rule on, a misspelling LanguageTool also finds is reported once
(the plugin drops a match on a span where a core rule of its category reported)."""

from __future__ import annotations

from lt_fakeserver import RULES, FakeRule, fake_lt_fixture, isolated_languagetool  # noqa: F401 (fixtures)
from test_lt_findings import run

SPELLER = FakeRule(
    r"\b(?:goverment|recieve|maunga)\b",
    "MORFOLOGIK_RULE_EN_GB",
    "TYPOS",
    "misspelling",
    "Possible spelling mistake found.",
    ("government",),
)
TEXT = "The goverment will recieve the report at the maunga on Friday."


def spelling(found) -> dict[str, str]:
    """Each flagged word and the rule that reported it (a word reported twice fails)."""
    out: dict[str, str] = {}
    for f in found["story.txt"]:
        if f.category == "spelling":
            word = TEXT[f.column - 1 : f.end_column - 1]
            assert word not in out, f"{word} reported by {out[word]} and {f.rule}"
            out[word] = f.rule
    return out


def test_a_misspelling_both_find_is_reported_once_by_the_builtin_rule(fake_lt):
    fake_lt.rules = (*RULES, SPELLER)
    found, problems = run(fake_lt, TEXT)
    assert problems == []
    assert spelling(found) == {"goverment": "spelling", "recieve": "spelling", "maunga": "spelling"}


def test_languagetool_reports_what_the_builtin_rule_accepts_or_is_off_for(fake_lt):
    fake_lt.rules = (*RULES, SPELLER)
    found, _ = run(fake_lt, TEXT, vocabulary=["maunga"])
    assert spelling(found) == {
        "goverment": "spelling",
        "recieve": "spelling",
        "maunga": "languagetool/MORFOLOGIK_RULE_EN_GB",
    }
    found, _ = run(fake_lt, TEXT, rules={"spelling": {"enabled": False}})
    assert set(spelling(found).values()) == {"languagetool/MORFOLOGIK_RULE_EN_GB"}
