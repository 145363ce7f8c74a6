"""Story furniture: handles, hashtags, URLs, e-mail addresses, datelines, embedded posts,
transcript labels, data tables, live-blog subheads and promotions, found in our own text."""

from __future__ import annotations

import time

from newslint.text.furniture import (
    addresses,
    datelines,
    embedded_posts,
    forced_after,
    furniture,
    labels,
    promos,
    story_furniture,
    subheads,
)


def found(detect, text):
    return [(s.kind, text[s.start : s.end]) for s in detect(text)]


def test_addresses_handles_hashtags_urls_and_emails():
    text = (
        "Write to tips@examplenews.org or follow @JaneReporter (.@CityDesk replies) for "
        "#CouncilVote news; the report is at examplenews.com/2020/report and https://t.co/AbC123."
    )
    assert found(addresses, text) == [
        ("email", "tips@examplenews.org"),
        ("handle", "@JaneReporter"),
        ("handle", "@CityDesk"),
        ("hashtag", "#CouncilVote"),
        ("url", "examplenews.com/2020/report"),
        ("url", "https://t.co/AbC123"),
    ]


def test_a_mixed_case_site_name_a_number_sign_and_a_sum_are_not_addresses():
    text = "Visitors to HealthCare.gov ranked it #1 last year; A&E costs £3.5m."
    assert found(addresses, text) == []


def test_wire_datelines():
    assert found(datelines, "LISBON (AP) — The port reopened.") == [("dateline", "LISBON (AP) — ")]
    assert found(datelines, "OSLO/STOCKHOLM (Reuters) - Talks ended.") == [
        ("dateline", "OSLO/STOCKHOLM (Reuters) - ")
    ]
    assert found(datelines, "SANTA FE, N.M. – The governor signed.") == [
        ("dateline", "SANTA FE, N.M. – ")
    ]
    assert found(datelines, "BRUSSELS — Ministers met.") == [("dateline", "BRUSSELS — ")]


def test_not_a_dateline():
    assert datelines("A - B testing is common.") == []
    assert datelines("The NHS - like every service - is stretched.") == []
    assert datelines("Ministers met in BRUSSELS — again.") == []


def test_the_word_after_a_dateline_takes_a_forced_capital():
    text = "LISBON (AP) — Harbour officials said"
    spans = datelines(text)
    assert [text[at : at + 7] for at in forced_after(spans)] == ["Harbour"]


def test_embedded_posts():
    text = (
        "The vote is tomorrow. Be there! https://t.co/x1 — Jo Bloggs (@jobloggs) March 3, 2021\n"
        "Ann Other (@annother) Proud of our team today\n"
        "@citydesk: Roads closed after the flood\n"
        "The mayor said she would speak to @jobloggs later."
    )
    posts = found(embedded_posts, text)
    assert posts == [
        (
            "post",
            "The vote is tomorrow. Be there! https://t.co/x1 — Jo Bloggs (@jobloggs) March 3, 2021",
        ),
        ("post", "Ann Other (@annother) Proud of our team today"),
        ("post", "@citydesk: Roads closed after the flood"),
    ]


def test_two_posts_on_one_line_each_end_at_their_signature():
    text = (
        "First post text — Jo Bloggs (@jobloggs) May 1, 2020 Second post — Jo Bloggs (@jobloggs) "
        "May 2, 2020 and then the writer goes on."
    )
    (post,) = embedded_posts(text)
    assert text[post.end :] == " and then the writer goes on."


def test_transcript_labels_lower_case_and_in_capitals():
    text = (
        "sam presenter\n\nGood morning.\n\nrita guest We got there early.\n\n"
        "He asked a question. archived recording (tom mayor) Thank you all.\n\nHOST: And now the news."
    )
    assert found(labels, text) == [
        ("label", "sam presenter"),
        ("label", "rita guest"),
        ("label", "archived recording (tom mayor)"),
        ("label", "HOST:"),
    ]


def test_a_name_particle_or_an_ordinary_opening_is_no_label():
    assert labels("de Gaulle was president.") == []
    assert labels("van der Berg scored twice.") == []
    assert labels("iPhone sales fell.") == []


def test_a_table_is_a_label_in_capitals_repeated_with_short_values():
    text = "CITY: Lisbon\nVICTIMS: Two injured\nCITY: Porto\nVICTIMS: None\n\nNOTE: This is a sentence."
    kinds = found(labels, text)
    assert ("table", "CITY: Lisbon") in kinds and ("table", "VICTIMS: None") in kinds
    assert ("label", "NOTE:") in kinds  # used once: only the label


def test_live_blog_subheads():
    text = "Update at 4:05 p.m. ET. Crowds Gather Outside The Court:\n\nThe judge arrived late."
    assert found(subheads, text) == [
        ("subhead", "Update at 4:05 p.m. ET. Crowds Gather Outside The Court:")
    ]


def test_promotion_lines_and_link_cards():
    text = (
        "More: Council votes on the budget\n\nMore than 300 people attended.\n\n"
        "The motion by Rep. Jo Bloggs Joanne Bloggs BloggsCity budget passes | Bridge shut MORE (D-Ohio) passed."
    )
    assert found(promos, text) == [
        ("promo", "More: Council votes on the budget"),
        ("promo", "BloggsCity budget passes | Bridge shut MORE"),
    ]


def test_story_furniture_reports_prose_offsets():
    from newslint.document import Block

    text = "Headline\n\nLISBON (AP) — Harbour staff. Mail desk@example.org."
    blocks = [Block(0, 8, "Headline"), Block(10, len(text), text[10:])]
    assert [(s.kind, text[s.start : s.end]) for s in story_furniture(text, blocks)] == [
        ("dateline", "LISBON (AP) — "),
        ("email", "desk@example.org"),
    ]


def test_detectors_stay_linear_on_hostile_text():
    for hostile in (
        "@" * 20000,
        "#a" * 10000,
        "a." * 10000,
        "— (" * 7000,
        "A " * 10000 + ":",
        "x@" * 10000,
        "AAAA " * 4000,
        ("word " * 50 + "\n") * 400,
        "BloggsCity " * 3000,
    ):
        started = time.perf_counter()
        furniture(hostile)
        assert time.perf_counter() - started < 10


def test_photo_credits_up_to_the_bracket_or_the_line_end():
    from newslint.text.furniture import credits

    text = (
        "Crowds at the bridge. Photo: jon dela cruz/Example Agency\n\n"
        "The mayor spoke (Photo: Ann Lee, AP) at noon.\n\nA photograph: not a credit here"
    )
    assert found(credits, text) == [
        ("credit", "Photo: jon dela cruz/Example Agency"),
        ("credit", "Photo: Ann Lee, AP"),
    ]
