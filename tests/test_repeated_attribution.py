"""repeated-attribution: one time phrase or one attribution twice in a sentence."""

from __future__ import annotations

import pytest
from conftest import lint, rule_hits
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.text.quotes import quoted_spans

RULE = "repeated-attribution"


def hits(text: str):
    return rule_hits(text, RULE)


def spans(text: str):
    return [text[f.start : f.end] for f in hits(text)]


# An article of our own with the seed story's fault: the day given twice in the opening
# sentence, in two copies of the story pasted one after the other.
ARTICLE = """\
Ferry Operator Suspends Island Route After Storm

Harbour officials closed the northern pier on Thursday after high winds damaged a mooring, the port authority said in a statement on Thursday.

"We will reopen as soon as the engineers are satisfied... and not a day before," the statement said.

Ferry services to the islands will run from the southern terminal until further notice.

Harbour officials closed the northern pier on Thursday after high winds damaged a mooring, the port authority said in a statement on Thursday.

Passengers were told to check the timetable before travelling.
"""


def test_article_flags_each_repeated_day_once():
    # The paragraph on line 9 is a copy: duplicate-paragraph reports it, and the repeat
    # inside it is not reported a second time (the editor deletes the copy).
    assert [(f.line, f.column) for f in hits(ARTICLE)] == [(3, 131), (9, 131)]
    findings = [f for f in lint(ARTICLE) if f.rule == RULE]
    assert [(f.line, f.column) for f in findings] == [(3, 131)]
    for f in findings:
        assert f.category == "attribution" and f.severity == "warning"
        assert f.message.startswith(
            "'on Thursday' already appears earlier in this sentence (column 44)"
        )
        assert "delete the repeat" in f.message
        assert f.end_column - f.column == len("on Thursday")


def test_fix_deletes_the_repeat_and_its_space():
    text = "Police arrested two men on Friday, a spokesman said on Friday."
    (finding,) = hits(text)
    assert text[finding.start : finding.end] == "on Friday"
    assert finding.start == text.rindex("on Friday")
    (edit,) = finding.fix.edits
    assert (
        text[: edit.start] + edit.text + text[edit.end :]
        == "Police arrested two men on Friday, a spokesman said."
    )
    assert finding.data["first"] == "on Friday"


def test_fix_removes_a_parenthetical_repeat_with_its_commas():
    text = "The mayor opened the bridge on Monday and the council, on Monday, approved the tolls."
    (finding,) = hits(text)
    (edit,) = finding.fix.edits
    assert text[: edit.start] + edit.text + text[edit.end :] == (
        "The mayor opened the bridge on Monday and the council approved the tolls."
    )


@pytest.mark.parametrize(
    "text, second",
    [
        ("Police arrested two men on Friday, a spokesman said on Friday.", "on Friday"),
        ("The plant closed on Nov. 5 after a leak was found on 5 November.", "on 5 November"),
        ("Talks collapsed yesterday and the union called a strike yesterday.", "yesterday"),
        ("Sales fell last week, the retailer said last week.", "last week"),
        (
            "The bank cut rates earlier this month, its governor said earlier this month.",
            "earlier this month",
        ),
        ("Troops left Saturday night, the army confirmed Saturday night.", "Saturday night"),
        ("Voting ends on March 3, 2005, the commission said on 3rd March.", "on 3rd March"),
        ("The firm reported a loss last Friday and cut jobs last Friday.", "last Friday"),
        ("Shares slid Tuesday after the regulator said Tuesday it would investigate.", "Tuesday"),
    ],
)
def test_repeated_time_phrases(text, second):
    found = hits(text)
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == second
    assert found[0].start == text.rindex(second)


def test_different_spellings_of_one_date_name_the_first():
    (finding,) = hits("The plant closed on Nov. 5 after a leak was found on 5 November.")
    assert "'on 5 November' repeats 'on Nov. 5'" in finding.message
    assert "(column 18)" in finding.message


@pytest.mark.parametrize(
    "text, second",
    [
        (
            "The scheme will cost £4m, according to the council, and create 200 jobs, according to the council.",
            "according to the council",
        ),
        (
            "The museum said in a statement that the painting was safe, and said in a statement that no ransom was paid.",
            "in a statement",
        ),
        ("Mr Okafor said the deal was done, Mr Okafor said.", "Mr Okafor said"),
        ("A spokeswoman said the line was closed, the spokeswoman said.", "the spokeswoman said"),
        ("The ship sank, said Capt Moreau, who survived, said Capt Moreau.", "said Capt Moreau"),
        (
            "According to police, the driver fled, according to police sources.",
            "according to police sources",
        ),
        ("Police said the road would stay shut until Monday, police said.", "police said"),
        (
            "The minister told reporters the plan was sound and told reporters it would pass.",
            "told reporters",
        ),
    ],
)
def test_repeated_attributions(text, second):
    found = hits(text)
    assert [text[f.start : f.end] for f in found] == [second]
    assert found[0].start == text.rindex(second)
    assert found[0].message.endswith(("attribute once", "delete the repeat"))


def test_attribution_message_names_the_first():
    text = "Mr Okafor said the deal was done, Mr Okafor said."
    (finding,) = hits(text)
    assert finding.message == (
        "'Mr Okafor said' already appears earlier in this sentence (column 1); attribute once"
    )
    assert finding.fix is None


def test_check_fix_rewrites_the_file_once(cli, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(
        "Bridge Reopens\n\nThe bridge reopened on Tuesday, the council said on Tuesday.\n"
    )
    first = cli("check", "--no-plugins", "--select", RULE, "--fix", str(story))
    assert first.exit_code == 0, first.output
    assert (
        story.read_text() == "Bridge Reopens\n\nThe bridge reopened on Tuesday, the council said.\n"
    )
    again = cli("check", "--no-plugins", "--select", RULE, "--fix", str(story))
    assert again.exit_code == 0
    assert (
        story.read_text() == "Bridge Reopens\n\nThe bridge reopened on Tuesday, the council said.\n"
    )


def test_first_occurrence_on_an_earlier_line_gives_the_line():
    text = "Police arrested two men on Friday,\na spokesman said on Friday."
    (finding,) = hits(text)
    assert "(line 1, column 25)" in finding.message
    assert (finding.line, finding.column) == (2, 18)


@pytest.mark.parametrize(
    "text",
    [
        # Two different times.
        "The trial began on Monday and ended on Friday, the court said.",
        "The plant closed on Nov. 5 and reopened on Nov. 12.",
        "Trading was halted on Monday morning and resumed on Monday afternoon.",
        # Different speakers, and one speaker carried through a relative clause.
        "He said the plan, which she said was flawed, would stand.",
        "Mr Lee said the bridge, which he said was unsafe, should close.",
        "Officials said the fire was out, but residents said smoke was still rising.",
        # Quoted speech repeating a day, inside the quote or one in and one out.
        '"We trained on Sunday and we will rest on Sunday," the coach said.',
        "“I signed on Monday,” the striker said on Monday.",
        "‘We trained on Sunday,’ the coach said on Sunday.",
        '"It was a good year," she said of last year, adding that "last year" had been hard.',
        # Names and ranges that hold a day.
        "The Mail on Sunday said on Sunday that the minister would resign.",
        "Shops opened on Good Friday, and most stayed open on Friday evening.",
        "Fares rise from Monday, and the discount ends by Monday, the operator said.",
        "The Sunday Times reported the story on Sunday.",
        # Different sources after "according to".
        "Unemployment is 5%, according to official figures, or 8%, according to the unions.",
        "Inflation is 2%, according to official figures, or 4%, according to official union estimates.",
        # A day that a date then pins down, and a schedule where repeating is the style.
        "Schools close on Monday and reopen on Monday 14 March.",
        "Fixtures: Bury v Hull on Saturday, Leeds v Derby on Saturday, Crewe v Wigan on Saturday.",
        # Habitual and comparative uses.
        "Growth this year will be weaker than last year, the bank said, and weaker still next year.",
        "The club has lost every Saturday since Saturday's defeat at home.",
        "She said on Wednesday that the vote, held on Tuesday, was fair.",
        "The company said Friday it would appeal the Friday ruling by Friday next week.",
        "Mr Lee said police said the gunman had fled on foot.",
        "The minister told MPs he would act and he told MPs the law was clear.",
    ],
)
def test_silent_on_correct_copy(text):
    assert hits(text) == [], [f.message for f in hits(text)]


def test_sentences_are_compared_separately():
    text = "Police arrested two men on Friday. A spokesman said on Friday that both were released."
    assert hits(text) == []


def test_options_turn_halves_off():
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.inputs import Source

    text = "Sales fell last week, the retailer said last week, according to Reuters, according to Reuters."
    config = Config(select=(RULE,), rules={RULE: {"times": False}})
    linter = Linter.create(config, entry_points=False)
    findings = linter.run([Source("s.txt", text)])[0].findings
    assert [text[f.start : f.end] for f in findings] == ["according to Reuters"]


def test_quoted_spans():
    text = 'He said "we met on Friday" and “left on Friday,” then went on Friday.'
    assert [text[a:b] for a, b in quoted_spans(text)] == ["we met on Friday", "left on Friday,"]
    # A quote left open at the end of a paragraph runs to its end.
    text = 'She said: "We will win on Friday'
    assert [text[a:b] for a, b in quoted_spans(text)] == ["We will win on Friday"]
    # A closing mark with no opening one: quoted from the start.
    assert [t[a:b] for t in ['we won on Friday," he said.'] for a, b in quoted_spans(t)] == [
        "we won on Friday,"
    ]
    # Apostrophes are not quotes.
    assert quoted_spans("The players' union said it's not Tom's fault.") == []


# --- false alarms of American and wire copy (issue 10) --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # two events on one day: a schedule's date is not the date of what is reported
        "Leaders arrive for a summit beginning Friday, where a trade pact is to be signed Friday.",
        "The talks, scheduled for Monday, were confirmed Monday by the embassy.",
        # an AP caption's date line, then the date in the caption itself
        "In this March 9, 2021, photo, nurses march through Denver on Tuesday, March 9, 2021.",
        "In this March 9, 2021, file photo, nurses march through Denver on March 9.",
        # a date inside a name
        "Wreaths were laid at the National September 11 Memorial on September 11.",
        # parallel findings of a poll, and contrasted statements
        "About 45 percent say they back the plan, while 30 percent say they oppose it.",
        "In public it says no, but in court it says yes.",
        "He led in states worth 180 votes and trailed in states worth 90.",
        # a speaker's own repetition
        "Tonight, tonight the crowd would sing, the band promised.",
    ],
)
def test_silent_on_parallel_and_scheduled_mentions(text):
    assert hits(text) == []


@pytest.mark.parametrize(
    "text, repeat",
    [
        (
            "Also Friday, jets crossed the border near the river Friday, the agency reported.",
            "Friday",
        ),
        (
            "The official said the deal would be signed soon, the official said.",
            "the official said",
        ),
        ("On March 9, the clinic treated 40 patients, officials said March 9.", "March 9"),
    ],
)
def test_still_flags_the_real_repeats(text, repeat):
    assert spans(text) == [repeat]


def test_sentences_split_after_an_exclamation_in_quotes_and_a_final_initialism():
    text = (
        "Crowds chanted “Go home!” Officials said Friday the rally ended early. "
        "Troops returned to the U.S. Officials said Friday they were safe."
    )
    assert hits(text) == []


_TRIGGER_PIECES = ["said", "monday", "mon", "sept", "ago", "told", "according", "x", "7"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_TRIGGER_PIECES), st.sampled_from(list(" .,-'’\ufffc_\n"))),
        max_size=24,
    ).map("".join)
)
def test_trigger_words_read_token_by_token_are_the_trigger_patterns_hits(text):
    # A short run reads a story's tokens against the table instead of compiling the trigger
    # pattern: both must find the same words at the same places.
    from newslint.rules.repeated_attribution import _trigger_re, _TriggerHits

    def spans(matches):
        return [(m.start(), m.end()) for m in matches]

    assert spans(_TriggerHits().finditer(text)) == spans(_trigger_re().finditer(text))
