"""Issue 3 acceptance for the grammar rules, on a story written for the tests with the
seed story's slips: "the Afghanistan’s" and "it not considered", each twice, among plenty
of correct copy that looks alike."""

from __future__ import annotations

import json

from conftest import lint

GRAMMAR = ("missing-verb", "article-before-possessive", "doubled-word", "a-an")

STORY = """\
Aid Agencies Warn of Hunger as Winter Nears

Aid agencies warned on Tuesday that an estimated one million people could face hunger this winter.

The UN's food agency said the Afghanistan’s wheat harvest had fallen by a third after a long drought.

Officials in Kabul said they were not surprised by the figures, which not everyone in the ministry accepts.

A spokesman for an NGO said the border crossing it not considered safe for lorries after dark.

Pakistan's government and the Netherlands' embassy have offered an emergency loan and a one-off grant.

Donors met for an hour in Geneva, but whether or not new money will follow is unclear.

Farmers said the Afghanistan’s seed stocks were running low, it not being clear who would pay for more.

An EU official said the route it not considered a priority until the spring, a view the UN shares.
"""


def grammar_findings(text):
    return [(f.rule, f.line) for f in lint(text, select=GRAMMAR)]


def test_story_with_the_seed_slips():
    assert grammar_findings(STORY) == [
        ("article-before-possessive", 5),
        ("missing-verb", 9),
        ("article-before-possessive", 15),
        ("missing-verb", 17),
    ]


def test_the_story_through_the_cli_as_json(cli, tmp_path):
    story = tmp_path / "aid.txt"
    story.write_text(STORY, encoding="utf-8")
    result = cli(
        "check", "--no-plugins", "--format", "json", "--select", ",".join(GRAMMAR), str(story)
    )
    assert result.exit_code == 1
    findings = json.loads(result.output)["files"][0]["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == grammar_findings(STORY)
