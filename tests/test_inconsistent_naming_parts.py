"""inconsistent-naming part by part: the story's name index, the vote, one-edit pairs, and
each kind of inconsistency on its own; then a long story checked in-process."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.config import Config
from newslint.engine import Linter
from newslint.inputs import Source
from newslint.rules.inconsistent_naming import NamingOptions, check
from newslint.rules.inconsistent_naming.edits import (
    deletion_variants,
    edit_kind,
    one_edit_apart,
    one_edit_pairs,
)
from newslint.rules.inconsistent_naming.house_forms import (
    house_form_findings,
    matcher,
    variant_groups,
)
from newslint.rules.inconsistent_naming.multiword import multiword_findings
from newslint.rules.inconsistent_naming.near_spellings import (
    near_spelling_findings,
    plausible_pair,
)
from newslint.rules.inconsistent_naming.spelling_mix import spelling_mix_findings
from newslint.rules.inconsistent_naming.story import Story, Word
from newslint.rules.inconsistent_naming.voting import Occurrence, vote
from newslint.rules.inconsistent_naming.words import describe, word_after, word_before, word_key

LINTER = Linter.create(Config(select=("inconsistent-naming",)), entry_points=False)


def parse(text: str):
    return LINTER.parse(Source("story.txt", text))


def story_of(text: str, **kwargs) -> Story:
    return Story(parse(text), **kwargs)


def flagged(text: str, reports) -> list[str]:
    return [text[r.start : r.end] for r in reports]


# --- one edit apart ---------------------------------------------------------------------


def test_edit_kinds_name_the_slip():
    assert edit_kind("harrington", "harington") == "double"
    assert edit_kind("wellesley", "wellelsey") == "swap"
    assert edit_kind("okonkwo", "okonkwa") == "last"
    assert edit_kind("marisol", "marosol") == "vowel"
    assert edit_kind("tarrant", "barrant") == "first"
    assert edit_kind("castellano", "castelano") == "double"
    assert edit_kind("dunmore", "dunmoore") == "double"
    assert edit_kind("fenwick", "fenwik") == "letter"


def test_deletion_variants_are_distinct_and_start_with_the_key():
    assert deletion_variants("anna") == ("anna", "nna", "ana", "ann")


def brute_pairs(keys):
    return {
        (a, b) if a < b else (b, a) for a, b in combinations(set(keys), 2) if one_edit_apart(a, b)
    }


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abcd", min_size=1, max_size=5), max_size=25))
def test_one_edit_pairs_without_a_limit_finds_every_pair(keys):
    found = list(one_edit_pairs(keys, max_bucket=None))
    assert len(found) == len(set(found))
    assert set(found) == brute_pairs(keys)
    assert set(one_edit_pairs(keys)) <= set(found)  # a bucket limit only drops pairs


def filed_in_one_index(keys, max_bucket):
    """One index of every key's deletion variants, read bucket by bucket: the order and the
    bucket limit one_edit_pairs keeps while it files one variant length at a time."""
    index: dict[str, list[str]] = {}
    for key in sorted(set(keys)):
        for variant in deletion_variants(key):
            index.setdefault(variant, []).append(key)
    seen = []
    for bucket in index.values():
        if len(bucket) < 2 or (max_bucket is not None and len(bucket) > max_bucket):
            continue
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                pair = (a, b) if a < b else (b, a)
                if pair not in seen and one_edit_apart(a, b):
                    seen.append(pair)
    return seen


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet="abc", min_size=1, max_size=4), max_size=30),
    st.sampled_from([None, 2, 3, 8]),
)
def test_one_edit_pairs_keeps_the_order_and_limit_of_one_index(keys, max_bucket):
    assert list(one_edit_pairs(keys, max_bucket)) == filed_in_one_index(keys, max_bucket)


def test_a_crowded_deletion_bucket_pairs_none_of_its_keys():
    # "mar" is a deletion variant of each: nine look-alikes are names of their own.
    crowd = ["mark", "mary", "marx", "mare", "mars", "marl", "marc", "mara", "marn"]
    assert list(one_edit_pairs(crowd)) == []
    assert ("mark", "mary") in set(one_edit_pairs(crowd, max_bucket=None))
    assert list(one_edit_pairs(["talbot", "talbott"])) == [("talbot", "talbott")]


# --- words ----------------------------------------------------------------------------------


def test_what_a_capitalised_word_is():
    okafor = describe("Okafor's")
    assert okafor.key == "okafor" and okafor.capital and not okafor.parts
    assert okafor.name is not None and okafor.name.word == "Okafor" and okafor.folded == "okafor"
    assert okafor.listed is None
    tuesday = describe("Tuesday")
    assert tuesday.name is None and tuesday.listed is not None and tuesday.listed.word == "Tuesday"
    assert describe("al-Shabab").parts and describe("FreshLeaf").parts
    assert not describe("McAllister").parts
    assert not describe("Radio-enabled").capital
    assert describe("Renée").folded == "renee"
    assert word_key("Al-Shabab's") == "alshabab"
    first = word_before("Ms.")
    assert first is not None and first.is_title and first.value == "ms"
    given_name = word_before("Tamsin")
    assert given_name is not None and not given_name.is_title and given_name.value == "tamsin"
    assert word_before("Monday") is None
    assert word_after("Okafor's") == "okafor" and word_after("said") is None


# --- the story's name index --------------------------------------------------------------

INDEX_STORY = (
    "Harbour Trust Wins Grant\n\n"
    "The Harbour Trust said on Monday it had won the grant. Dr Tamsin Okafor, who leads "
    'the trust, said: "We will restore the old pier." The harbour trust board meets in June.'
)


def test_the_index_knows_where_words_stand():
    story = story_of(INDEX_STORY)
    text = story.text
    words = list(story.capital_words)
    assert words[0].text == "Harbour" and words[0].start == 0 and words[0].next == 8
    assert {w.text for w in words} >= {"Harbour", "Trust", "Tamsin", "Okafor", "Dr", "We"}
    assert story.in_heading(text.index("Wins")) and not story.in_heading(text.index("Monday"))
    assert text.index("The Harbour Trust said") in story.forced  # a sentence's first word
    assert text.index("We will") in story.forced  # a quotation's first word
    assert story.quoted(text.index("restore")) and not story.quoted(text.index("board"))
    okafor = text.index("Okafor")
    assert story.prev_linked(okafor) == Word(okafor - 7, okafor - 1, "Tamsin")
    assert story.next_linked(okafor - 1) == Word(okafor, okafor + 6, "Okafor")
    assert story.next_linked(text.index("Okafor,") + 6) is None  # a comma between
    assert story.token_at(okafor) == "Okafor" and story.token_at(okafor + 1) is None
    found = list(story.occurrences(["trust", "Trust"]))
    assert [w.text for w in found] == ["Trust", "Trust", "trust", "trust"]
    assert [w.start for w in found] == sorted(w.start for w in found)
    assert story.has_token("harbour") and not story.has_token("pier.")
    assert story.lowered("harbour") and not story.lowered("okafor")
    assert sorted(story.tokens_with_key("harbour")) == ["Harbour", "harbour"]


def test_written_one_way_says_whether_a_name_has_other_forms():
    text = "The Kestrel Fund grew. Kestrel Fund managers met, and the kestrel fund paid out."
    story = story_of(text)
    start = text.index("Kestrel Fund")
    assert not story.written_one_way(start, start + len("Kestrel Fund"))
    same = "The Kestrel Fund grew. Kestrel Fund managers met, and the Kestrel Fund paid out."
    start = same.index("Kestrel Fund")
    assert story_of(same).written_one_way(start, start + len("Kestrel Fund"))
    # Without a budget it cannot tell, and says so: every candidate is then checked in full.
    spent = story_of(same, one_way_budget=0)
    assert not spent.written_one_way(start, start + len("Kestrel Fund"))


# --- the vote -------------------------------------------------------------------------------


def test_the_vote_picks_the_majority_and_lists_the_rest():
    occurrences = [
        Occurrence(0, 4, "Kyiv", "Kyiv"),
        Occurrence(10, 14, "Kiev", "Kiev"),
        Occurrence(20, 24, "Kyiv", "Kyiv"),
        Occurrence(30, 34, "Kiev", "Kiev", quoted=True),
    ]
    result = vote(occurrences)
    assert result is not None and result.majority == "Kyiv"
    assert [o.start for o in result.minority] == [10]  # a quotation is never reported
    assert result.first == {"Kyiv": 0, "Kiev": 10}
    tie = vote(occurrences[:2], prefer=("Kiev",))
    assert tie is not None and tie.majority == "Kiev"
    assert vote(occurrences[:1]) is None


# --- each kind of inconsistency ---------------------------------------------------------------


def test_house_forms():
    text = (
        "The Govt will publish the plan on Friday. Ministers said the government had "
        "costed it, and the government expects support."
    )
    document = parse(text)
    reports = list(house_form_findings(document, (), Story(document)))
    assert flagged(text, reports) == ["Govt"]
    assert reports[0].suggestion == "government" and reports[0].data["kind"] == "group"
    groups = variant_groups((["Kestrel Fund", "the Fund"],))
    hit = matcher(groups).lookup("Kestrel Fund")
    assert hit is not None and groups[hit.group].forms == ("Kestrel Fund", "the Fund")


def test_multiword_names():
    text = (
        "The Coastal Survey Office mapped the bay. Staff at the Coastal Survey Office "
        "said the coastal survey office would publish the charts."
    )
    document = parse(text)
    reports = list(multiword_findings(document, Story(document)))
    assert flagged(text, reports) == ["coastal survey office"]
    assert reports[0].suggestion == "Coastal Survey Office"
    hyphen = "Fans of Jo-Ann Ruiz cheered. Jo-Ann Ruiz waved, and Jo Ann Ruiz left."
    document = parse(hyphen)
    assert flagged(hyphen, multiword_findings(document, Story(document))) == ["Jo Ann Ruiz"]


def test_near_spellings():
    assert plausible_pair("Okafor", "Okaffor", 5)
    assert not plausible_pair("Marlow", "Barlow", 5)  # another first letter: another name
    assert not plausible_pair("Poland", "Polands", 5)
    text = (
        "Tamsin Okafor opened the pier on Saturday. Ms Okafor said the repairs took a year. "
        "Ms Okaffor thanked the volunteers."
    )
    document = parse(text)
    reports = list(near_spelling_findings(document, Story(document), 5))
    assert flagged(text, reports) == ["Okaffor"]
    assert reports[0].suggestion == "Okafor" and reports[0].data["kind"] == "name"


def test_spelling_mix():
    text = (
        "The harbour office changed its colour scheme. The new colours were chosen by "
        "pupils, though one color was dropped."
    )
    document = parse(text)
    reports = list(spelling_mix_findings(document, Story(document), None))
    assert flagged(text, reports) == ["color"]
    assert reports[0].suggestion == "colour" and reports[0].data["majority"] == "british"


# --- a long story, in-process ---------------------------------------------------------------

PARAGRAPHS = [
    (
        "The Coastal Survey Office said on {day} that the bay had silted again. Ms Okafor, "
        "who leads the survey, said dredging would start within weeks."
    ),
    (
        "Fishing crews in Port Ellery said the channel was too shallow at low tide. The Port "
        "Ellery harbour master, Dev Anand, said boats had been grounded twice this year."
    ),
    (
        "The council's transport committee will meet on {day} to discuss the cost. A report "
        "for the committee puts it at £{n} million over five years."
    ),
    (
        "Residents near the estuary said the smell of the mud flats was worse each summer. "
        "The survey found the flats had grown by {n} hectares."
    ),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def long_story(slip: bool) -> str:
    parts = []
    for i in range(160):
        template = PARAGRAPHS[i % len(PARAGRAPHS)]
        parts.append(template.format(day=DAYS[i % len(DAYS)], n=i + 3))
    if slip:
        parts[72] = (
            parts[72]
            .replace("Ms Okafor", "Ms Okaffor")
            .replace("The Coastal Survey Office", "The coastal survey office")
        )
        parts[77] += " Some colors faded; the harbour colours stayed."
    return "\n\n".join(parts)


def test_a_long_story_is_checked_in_process():
    clean, slipped = long_story(slip=False), long_story(slip=True)
    assert len(clean) > 20_000
    assert list(check(parse(clean), NamingOptions())) == []
    found = list(check(parse(slipped), NamingOptions()))
    assert [(slipped[f.start : f.end], f.data["kind"]) for f in found] == [
        ("coastal survey office", "case"),
        ("Okaffor", "name"),
        ("colors", "spelling"),
    ]
    assert found[1].suggestions == ("Okafor",)


def reports_of(text: str, budget: int | None = None):
    document = parse(text)
    story = Story(document) if budget is None else Story(document, one_way_budget=budget)
    return (
        list(house_form_findings(document, (), story))
        + list(multiword_findings(document, story))
        + list(near_spelling_findings(document, story, 5))
        + list(spelling_mix_findings(document, story, None))
    )


@pytest.mark.parametrize("text", [long_story(slip=True), INDEX_STORY])
def test_checking_every_candidate_in_full_finds_the_same(text):
    assert reports_of(text, budget=0) == reports_of(text)


SENTENCES = [
    "The Coastal Survey Office met.",
    "The coastal survey office met.",
    "Staff at the Coastal Survey office agreed.",
    "Ms Okafor spoke.",
    "Ms Okaffor spoke.",
    "The Govt said so.",
    "The government said so.",
    "Jo-Ann Ruiz waved.",
    "Jo Ann Ruiz waved.",
    "The harbour colour faded.",
    "The harbor color faded.",
    '"The coastal survey office is slow," she said.',
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=12))
def test_the_budget_never_changes_the_findings(sentences):
    text = " ".join(sentences)
    assert reports_of(text, budget=0) == reports_of(text)
