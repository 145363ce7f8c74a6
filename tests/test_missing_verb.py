"""missing-verb: a pronoun, "not" and a participle or adjective with no verb."""

from __future__ import annotations

import pytest
from conftest import rule_hits

RULE = "missing-verb"


def test_pronoun_not_participle_is_flagged_with_suggestions():
    text = "The union said the offer it not considered fair by most members."
    (hit,) = rule_hits(text, RULE)
    assert text[hit.start : hit.end] == "it not considered"
    assert hit.column == text.index("it not") + 1
    assert hit.suggestions == ("it is not considered", "it was not considered", "is not considered")
    assert "has no verb" in hit.message
    assert hit.category == "grammar" and hit.severity == "warning"


@pytest.mark.parametrize(
    "text, phrase, first",
    [
        (
            "Club officials said they not surprised by the size of the fine.",
            "they not surprised",
            "they are not surprised",
        ),
        (
            "Residents who not consulted before the closure have written to the council.",
            "who not consulted",
            "who is not consulted",
        ),
        (
            "The minister admitted she not aware of the report until Monday.",
            "she not aware",
            "she is not aware",
        ),
        (
            "A plan which not approved by the board cannot be put to shareholders.",
            "which not approved",
            "which is not approved",
        ),
        (
            "We not able to reach the village for three days, the aid agency said.",
            "We not able",
            "We are not able",
        ),
        (
            "It not known how many people were inside the building.",
            "It not known",
            "It is not known",
        ),
    ],
)
def test_flagged(text, phrase, first):
    (hit,) = rule_hits(text, RULE)
    assert text[hit.start : hit.end] == phrase
    assert hit.suggestions[0] == first


@pytest.mark.parametrize(
    "text",
    [
        # not only / not just / not least / not all / not everyone
        "The reforms will not only cut costs but also shorten waiting lists, the minister said.",
        "It is a deal that not just the unions but the employers have welcomed.",
        "The plan, which not everyone on the council supports, goes to a vote on Monday.",
        "Economists said that not all of the new jobs would be full-time.",
        "Several teams, not least the champions, have complained about the fixture list.",
        # -ing, or not, hope not
        "The hearing was adjourned, it not being clear whether the witness would appear.",
        "Whether or not the strike goes ahead, services will be disrupted on Friday.",
        "Believe it or not, the bridge was built in under six months.",
        'Asked whether the factory would close, the manager said: "I hope not."',
        # inversions and conditions
        "Had they not acted so quickly, the fire would have spread to the houses next door.",
        "Is it not clear by now that the policy has failed?",
        "Were they not told about the risks before the trial began?",
        # subjunctive with a plain verb, absolute phrases, objects with a complement
        "The judge ordered that they not come within 100 metres of the school.",
        "The court asked that the family not be named.",
        "With it not yet known who will succeed him, the party faces a long contest.",
        "The jury found it not proven after a three-week trial.",
        "Ministers thought it not necessary to recall parliament.",
        # contractions and punctuation between
        "It's not clear when the ferry will resume sailing.",
        "They had asked for help, not surprised by the delay but frustrated by it.",
    ],
)
def test_silent_on_correct_copy(text):
    assert rule_hits(text, RULE) == []


# --- a missing auxiliary before "not" when no participle follows (issue 10) -----------------


@pytest.mark.parametrize(
    "text, phrase, first",
    [
        (
            "Pressed on the budget, she not directly answer the question.",
            "she not directly",
            "she does not directly",
        ),
        (
            "After the vote they not then told the members what had happened.",
            "they not then",
            "they do not then",
        ),
        (
            "The real question, it not when the bridge opens but who pays.",
            "it not when",
            "it is not when",
        ),
        ("He not know the answer, his lawyer said on Tuesday.", "He not know", "He does not know"),
        ("Polls show we not want another election this year.", "we not want", "we do not want"),
        ("It not a problem for the council, the leader insisted.", "It not a", "It is not a"),
        (
            "The company said they not planning any more closures.",
            "they not planning",
            "they are not planning",
        ),
    ],
)
def test_missing_auxiliary_before_a_plain_verb_adverb_or_wh_word(text, phrase, first):
    (hit,) = rule_hits(text, RULE)
    assert text[hit.start : hit.end] == phrase
    assert hit.suggestions[0] == first


@pytest.mark.parametrize(
    "text",
    [
        "They not only won the title but kept every clean sheet at home.",
        "She not merely chaired the inquiry; she wrote most of its report.",
        "The union demanded that she not attend the hearing.",
        "Her lawyers urged she not answer any further questions.",
        "It is vital they not lose heart, the coach said.",
        "Lest we not forget, the memorial was built by the villagers themselves.",
        "He did it not for money but for the town.",
        "Voters would like it not when the tax rises, but when it falls.",
        "He not being a lawyer, the court appointed one for him.",
        "They not having been warned, the road was closed without notice.",
        "Did they not see the signs?",
        "Ministers make it not a question of money but of will.",
    ],
)
def test_no_auxiliary_needed(text):
    assert rule_hits(text, RULE) == []


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("The mayor said that they not want a second inquiry.", "they not want"),
        ("The firm said it not clear when the plant would reopen.", "it not clear"),
        ("The council says it not plan any further cuts this year.", "it not plan"),
    ],
)
def test_after_said_that_the_clause_needs_its_auxiliary(text, phrase):
    (hit,) = rule_hits(text, RULE)
    assert text[hit.start : hit.end] == phrase


def test_that_after_a_verb_of_asking_or_is_keeps_the_subjunctive():
    assert rule_hits("The demand is that they not return before May.", RULE) == []
    assert rule_hits("The union insisted that she not attend.", RULE) == []


@pytest.mark.parametrize(
    "text",
    [
        "She spoke on condition it not be published.",
        "I would have told you not testifying was the safer course.",
    ],
)
def test_condition_and_gerund_need_no_auxiliary(text):
    assert rule_hits(text, RULE) == []
