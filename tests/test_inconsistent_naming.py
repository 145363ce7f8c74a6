"""inconsistent-naming: one entity written in different forms in one story."""

from __future__ import annotations

import pytest
from conftest import rule_hits

from newslint.config import Config
from newslint.engine import Linter
from newslint.inputs import Source
from newslint.rules.inconsistent_naming import VariantGroup, parse_group, variant_groups
from newslint.rules.inconsistent_naming.edits import edit_kind, one_edit_apart, one_edit_pairs

RULE = "inconsistent-naming"


def hits(text: str, **options):
    if not options:
        return rule_hits(text, RULE)
    linter = Linter.create(Config(select=(RULE,), rules={RULE: options}), entry_points=False)
    return [f for f in linter.run([Source("story.txt", text)])[0].findings if f.rule == RULE]


def spans(text: str, findings) -> list[str]:
    return [text[f.start : f.end] for f in findings]


def test_a_slip_in_the_prose_beside_a_caption_is_still_reported():
    # The caption backs the prose's form; the prose's own minority form is still a slip.
    text = (
        "Envoy visits\n\nThe U.S. envoy arrived on Monday. U.S. officials met her, and the US embassy closed."
        "\n\nThe envoy waves outside the U.S. embassy. Jane Roe/AFP\n\nU.S. aid was discussed."
    )
    assert spans(text, hits(text)) == ["US"]


def test_a_title_case_phrase_before_a_colon_outside_a_title_is_still_reported():
    # A colon with lower-case words after it is no subtitle: the capitals are the writer's.
    text = (
        "Talks resume\n\nA spokesman for the foreign ministry said talks would resume. Asked "
        "about the Foreign Ministry: the talks go on, he said. The foreign ministry agreed."
    )
    assert spans(text, hits(text)) == ["Foreign Ministry"]


def test_a_caption_backs_a_form_a_quotation_uses():
    # Neither a quotation nor a caption outvotes the prose alone, but a form both use, and
    # the prose writes once the other way, is the story's form.
    text = (
        'Envoy visits\n\nThe envoy said on Monday that "the U.S. stands with you."\n\n'
        "The envoy waves outside the U.S. embassy. Jane Roe/AFP\n\nThe US envoy leaves on Friday."
    )
    assert spans(text, hits(text)) == ["US"]


# --- an article with the faults of a scraped wire story --------------------------------

ARTICLE = """Share this post

Minister Urges Talks Between Govt and Rebels

The Norwegian Foreign Ministry said on Thursday it was ready to host talks between the
Sudanese government and rebel groups, after weeks of fighting in the west of the country.

Oslo has organised similar meetings before, and officials said the government had
welcomed the offer. The US said it would send an observer.

A spokesman for the rebels said the defeat of Daesh fighters across the border had left
the region calmer, but that the government still had to release prisoners.

Minister Urges Talks Between Govt and Rebels

The Foreign Ministry said a date would be set once both sides had replied.
"""


def test_article_flags_only_govt_in_both_headlines():
    found = hits(ARTICLE)
    assert spans(ARTICLE, found) == ["Govt", "Govt"]
    lines = [ARTICLE[: f.start].count("\n") + 1 for f in found]
    assert lines == [3, 14]
    for finding in found:
        assert finding.severity == "warning" and finding.category == "naming"
        assert "'government' elsewhere" in finding.message
        assert "3 times, first on line 6" in finding.message
        assert finding.suggestions == ("Government",)  # a Title Case headline keeps its capital


def test_cli_reports_line_and_column(cli, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(ARTICLE, encoding="utf-8")
    result = cli("check", "--select", RULE, "--format", "json", str(story))
    import json

    findings = json.loads(result.output)["files"][0]["findings"]
    assert [(f["line"], f["column"], f["end_column"]) for f in findings] == [
        (3, 30, 34),
        (14, 30, 34),
    ]


# --- variant groups --------------------------------------------------------------------


def test_group_minority_is_flagged_each_time_with_majority_suggested():
    text = (
        "Shelling hit Kyiv overnight, the mayor said. Power was cut across Kyiv for six hours.\n\n"
        "Trains from Kiev to the west were running late, and schools in Kyiv stayed shut. "
        "Officials in Kiev gave no figures."
    )
    found = hits(text)
    assert spans(text, found) == ["Kiev", "Kiev"]
    assert all(f.suggestions == ("Kyiv",) for f in found)
    assert "'Kyiv' elsewhere in this story (3 times, first on line 1)" in found[0].message


def test_us_variants_ignore_the_pronoun_and_headlines():
    text = (
        "US Envoy Visits Seoul\n\n"
        "The U.S. envoy arrived in Seoul on Monday. The U.S. embassy said the visit would last "
        'two days. "Let us talk," she told reporters, before a US official briefed them.'
    )
    found = hits(text)
    assert spans(text, found) == ["US"]
    assert found[0].start == text.index("a US official") + 2
    assert found[0].suggestions == ("U.S.",)


def test_tie_goes_to_the_house_form():
    text = "The Govt said the plan was sound. Critics said the government had not costed it."
    found = hits(text)
    assert spans(text, found) == ["Govt"]


def test_sentence_initial_capital_matches_lower_case_form():
    text = (
        "Al-Qaeda claimed the attack. Officials said al-Qaeda had planned it for months, and "
        "that al-Qaeda cells were still active. Later al Qaeda posted a video."
    )
    found = hits(text)
    assert spans(text, found) == ["al Qaeda"]
    assert found[0].suggestions == ("al-Qaeda",)


def test_full_name_may_stand_beside_one_short_form():
    text = (
        "Islamic State (IS) lost its last town in the region on Sunday. IS fighters fled east, "
        "and Islamic State commanders were reported killed. IS said nothing."
    )
    assert hits(text) == []
    mixed = text + " Daesh media denied it."
    assert spans(mixed, hits(mixed)) == ["Daesh"]


def test_groups_option_extends_the_built_in_groups():
    text = "The Beeb said on Friday it would cut jobs. The BBC said 200 posts would go. The BBC denied it."
    assert hits(text) == []
    found = hits(text, groups=[["BBC", "Beeb"]])
    assert spans(text, found) == ["Beeb"]
    table = hits(text, groups=[{"forms": ["Beeb", "BBC"], "prefer": "BBC"}])
    assert spans(text, table) == ["Beeb"]


def test_variant_groups_function_merges_config():
    groups = variant_groups((["Beeb", "BBC"], "Auntie | BBC"))
    assert groups[-2] == VariantGroup(("Beeb", "BBC"))
    assert groups[-1].forms == ("Auntie", "BBC")
    assert any(g.forms[:2] == ("U.S.", "US") and g.body_only for g in groups)
    assert parse_group("Islamic State :: IS | ISIS").full == ("Islamic State",)
    with pytest.raises(ValueError):
        parse_group(["alone"])
    with pytest.raises(ValueError):
        parse_group(42)


# --- case, hyphen and space variants ----------------------------------------------------


def test_case_variant_of_a_multiword_name():
    text = (
        "Officials at the Foreign Ministry said the talks would resume.\n\n"
        "A spokesman for the foreign ministry later confirmed the date.\n\n"
        "The Foreign Ministry said both delegations had accepted."
    )
    found = hits(text)
    assert spans(text, found) == ["foreign ministry"]
    assert found[0].suggestions == ("Foreign Ministry",)
    assert "first on line 1" in found[0].message


def test_hyphen_and_space_variants():
    text = (
        "Fighters from al-Shabab attacked a base on Tuesday. The army said al-Shabab lost 20 men. "
        "Residents said al Shabab had withdrawn."
    )
    assert spans(text, hits(text)) == ["al Shabab"]
    joined = (
        "Shares in DataVault rose 4%. DataVault said profits doubled, and analysts said "
        "Data Vault was now worth £2bn."
    )
    assert spans(joined, hits(joined)) == ["Data Vault"]
    hyphen = (
        "Anna Lloyd-Price won the seat. Ms Lloyd-Price said she would serve everyone. "
        "Supporters cheered Ms Lloyd Price outside."
    )
    assert spans(hyphen, hits(hyphen)) == ["Lloyd Price"]


def test_inner_capital_variant():
    text = "PayPal said fees would rise. PayPal users complained, and Paypal said it would listen."
    found = hits(text)
    assert spans(text, found) == ["Paypal"]


# --- near spellings of a proper name -----------------------------------------------------


def test_surname_that_changes_after_the_first_reference():
    text = (
        "John Brennan, who chairs the committee, said the report was late. "
        "Mr Brenan said it would be published in May."
    )
    found = hits(text)
    assert spans(text, found) == ["Brenan"]
    assert found[0].suggestions == ("Brennan",)
    assert "'Brennan' elsewhere in this story (once, first on line 1)" in found[0].message


def test_near_spellings_against_a_majority():
    text = (
        "Mohammed Salem, 34, was arrested on Friday. Police said Mohammed had travelled from "
        "Leeds. A lawyer for Mohammad said he denied the charge."
    )
    assert spans(text, hits(text)) == ["Mohammad"]
    doubled = (
        "Roberta Harrington won the vote. Harrington thanked her staff, and Harington's "
        "rivals conceded."
    )
    assert spans(doubled, hits(doubled)) == ["Harington"]


def test_diacritics_only():
    text = (
        "President Recep Tayyip Erdoğan met EU leaders. Erdoğan said Turkey wanted closer "
        "ties; Erdogan's aides said talks would go on."
    )
    found = hits(text)
    assert spans(text, found) == ["Erdogan"]
    assert found[0].suggestions == ("Erdoğan",)


def test_edit_distance_helpers():
    assert one_edit_apart("brennan", "brenan")
    assert one_edit_apart("kujda", "kudja")
    assert not one_edit_apart("brennan", "brennan")
    assert not one_edit_apart("johnston", "jonson")
    assert edit_kind("brennan", "brenan") == "double"
    assert edit_kind("mohammed", "mohammad") == "vowel"
    assert edit_kind("kudja", "kujda") == "swap"
    assert edit_kind("bolton", "boston") == "change"
    assert edit_kind("david", "davis") == "last"
    assert sorted(one_edit_pairs(["brennan", "brenan", "smith", "smyth", "jones"])) == [
        ("brenan", "brennan"),
        ("smith", "smyth"),
    ]


# --- British and American spelling --------------------------------------------------------


def test_spelling_mixed_is_one_finding_on_the_minority():
    text = (
        "The council said the new sports centre would open in May. The centre will have a "
        "pool, and its colour scheme was chosen by pupils.\n\n"
        "A second center is planned, and the color of the roof is still undecided."
    )
    found = hits(text)
    assert len(found) == 1
    assert spans(text, found) == ["center"]
    assert "'center' (line 3), 'color' (line 3)" in found[0].message
    assert "british" in found[0].message
    assert found[0].suggestions == ("centre",)


def test_ise_and_ize_are_their_own_axis():
    text = (
        "The club organised a march and recognised the volunteers. It will organize another "
        "next year."
    )
    found = hits(text)
    assert spans(text, found) == ["organize"]
    assert "-ise and -ize" in found[0].message


def test_spelling_tie_needs_a_house_preference():
    text = "The colour of the flag was debated, and the color of the banner too."
    assert hits(text) == []
    found = hits(text, **{"prefer-spelling": "british"})
    assert spans(text, found) == ["color"]


# --- negatives: correct copy that must stay silent ----------------------------------------

NEGATIVES = [
    # Two different people with similar surnames, both introduced.
    "Ruth Johnston, a local councillor, said the plan was flawed. Boris Johnson, the former "
    "prime minister, did not comment. Ms Johnston said she would vote against it, and Mr "
    "Johnson's office said he was travelling.",
    # The pronoun "us" beside the country.
    '"Give us time," the mayor said. The US ambassador said his country would help, and US '
    "officials arrived on Friday.",
    # A Title Case headline over a body that writes the same words in lower case.
    "Foreign Ministry Rejects Claims\n\nThe foreign ministry of a neighbouring state rejected "
    "the claims on Monday. A spokesman said the ministry had not been consulted.",
    # A name that keeps its American spelling in a British story.
    "The exhibition at the World Trade Center site opens in June, the museum's British curator "
    "said, and the centre of the display is a steel beam. Pearl Harbor survivors will attend.",
    # A title before a name, and the office in lower case.
    "Prime Minister Jane Doe met union leaders on Tuesday. The prime minister said afterwards "
    "that the talks had been useful.",
    # A country and its people; a month; sentence-initial capitals.
    "Israel said on Monday it would reopen the crossing. Israeli officials said March would be "
    "too late. Many Israelis welcomed the move, and Israel's allies agreed.",
    # Two towns one letter apart.
    "Bolton beat Boston 2-0 in the cup on Saturday. Bolton's manager praised Boston's fans, and "
    "Bolton now face Chelsea.",
    # Oxford spelling: -ize beside British -our and -re.
    "The theatre organized a festival of colour. Its director recognized the centre's "
    "volunteers and said the programme had honoured them.",
    # An American speaker quoted in a British story.
    'The airline said demand had fallen. "My favorite route lost its color," the passenger '
    "said. The airline's favourite route reopens in spring, and its colour scheme will change.",
    # "the Government" and "the government" are a matter of house style.
    "The Government said it would act. Critics said the government had waited too long, and "
    "the Government denied it.",
    # A generic lower-case use beside the name of one institution.
    "The European Central Bank kept rates on hold. Japan's central bank did the same, and the "
    "European Central Bank will meet again in March.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_correct_copy_stays_silent(text):
    assert hits(text) == [], spans(text, hits(text))


def test_reads_the_text_without_building_the_shared_word_list():
    # The shared list of every word is the largest shared cost of the language rules: this
    # rule reads document.text around the words it looks at instead.
    text = (
        "The Foreign Ministry said the talks would resume. A spokesman for the foreign "
        "ministry said the date was agreed, and the Foreign Ministry named the venue.\n\n"
        "Maria Brennan said the appeal had raised £40,000. Ms Brennan thanked the donors, "
        "Ms Brenan said, and the new sports centre, a youth centre and a second center will open in May. "
        "The US embassy and the U.S. consulate said the Govt and the government agreed."
    )
    linter = Linter.create(Config(), entry_points=False)
    rule = linter.registry.rules[RULE]
    document = linter.parse(Source("story.txt", text))
    found = list(rule.check(document, rule.options()))
    assert {f.data["kind"] for f in found} == {"case", "name", "spelling", "group"}
    assert "words" not in document.__dict__


# --- issue 10: furniture, quotations and other false-alarm classes, and the slips it must find

QUIET = [  # (class, a story of ours): no finding
    (
        "handles_hashtags_urls_and_emails_neither_vote_nor_are_flagged",
        "Councillor Jane Fairweather said the plan was sound. Fairweather wrote on Twitter "
        "(@janefairweather) and tagged #Fairweather4Mayor; her office is at fairweather.org/plan "
        "and press@fairweather.org. Ms Fairweather said she would publish the figures.",
    ),
    (
        "an_embedded_post_keeps_its_authors_spelling",
        "The U.S. embassy said the talks had ended. The U.S. team flew home on Friday.\n\n"
        "Talks over, heading home to the US now — Sam Envoy (@samenvoy) June 2, 2021\n\n"
        "A U.S. official confirmed the trip.",
    ),
    (
        "a_wire_dateline_is_not_a_form_of_the_name",
        "NEW DELHI (Reuters) - Officials in New Delhi said on Monday the smog had eased. "
        "Schools in New Delhi will reopen on Wednesday.",
    ),
    (
        "transcript_labels_do_not_outvote_the_body",
        "Today we hear from Ruth Okafor about the flood.\n\nruth okafor\n\nThe water came fast.\n\n"
        "ruth okafor\n\nWe lost the ground floor.\n\nruth okafor\n\nThen the power went.\n\n"
        "Ruth Okafor has since moved away.",
    ),
    (
        "a_data_table_is_not_prose",
        "The list names every incident the U.S. agency logged. The U.S. figures were disputed.\n\n"
        "SUSPECT: US citizen\n\nPLACE: Ohio\n\nSUSPECT: US resident\n\nPLACE: Utah\n\n"
        "SUSPECT: US citizen\n\nThe agency did not comment.",
    ),
    (
        "quoted_forms_neither_are_flagged_nor_outvote_the_body",
        'The U.S. government said the sanctions would stay. "The US will not back down, and the US '
        'stands with its allies," the envoy said. "The US is ready," she added. U.S. officials agreed.',
    ),
    (
        "a_photo_caption_keeps_the_picture_desks_forms",
        "Envoy visits\n\nThe US envoy arrived on Monday. The US delegation met ministers, and US "
        "aid was discussed.\n\nThe envoy waves outside the U.S. embassy on Monday. Jane Roe/AFP via "
        "Getty Images\n\nThe US envoy leaves on Friday.",
    ),
    (
        "a_photo_caption_keeps_the_picture_desks_forms",
        "Team trains\n\nThe US team trained on Monday. US officials watched.\n\nPlayers stretch before the U.S. "
        "session. Hide Caption 1 of 3 Fans queue at the U.S. camp. Hide Caption 2 of 3\n\n"
        "The US squad flies out on Friday.",
    ),
    (
        "a_works_title_keeps_its_capitals",
        "Privilege row\n\nCritics say executive privilege has no limit. Ann Roe, author of Executive Privilege: "
        "Secrets, Power and the Courts, said executive privilege was never meant to be absolute.",
    ),
    (
        "a_form_used_only_in_quotations_is_not_an_inconsistency",
        'Officials said the fighters of Islamic State had been pushed back. "Daesh is finished '
        'here," the minister said, and "Daesh has no future." Islamic State did not comment.',
    ),
    (
        "a_common_noun_against_a_longer_proper_name_is_no_inconsistency",
        "A House committee will hear evidence on Tuesday. The House Committee on Energy and Commerce "
        "has called three witnesses. The committee chair said the House Committee on Energy and "
        "Commerce would sit late.",
    ),
    (
        "generic_words_beside_a_product_name",
        "The app's Trending Topics panel was redesigned. Staff decide which trending topics appear, "
        "and the Trending Topics team reviews them. Critics say trending topics favour outrage.",
    ),
    (
        "deliberate_aliases_are_not_inconsistencies",
        "The campaign against Islamic State, also known as ISIS or ISIL, will take years. ISIS has lost ground.",
    ),
    (
        "deliberate_aliases_are_not_inconsistencies",
        "The strikes hit Islamic State of Iraq and Syria (ISIS, or ISIL) targets. ISIS fighters fled. ISIS lost the town.",
    ),
    (
        "different_words_and_people_one_letter_apart",
        "Trade across the Americas grew. Americans bought more, and Americans travelled more.",
    ),
    (
        "different_words_and_people_one_letter_apart",
        "He met every leader but Lyndon B. Johnson. London was the venue, and London paid.",
    ),
    (
        "different_words_and_people_one_letter_apart",
        "Crown Prince Mohammed bin Salman met Mohammad Javad Zarif. Mohammed bin Salman spoke first, "
        "and Mohammed bin Salman left early.",
    ),
    (
        "straight_and_curly_apostrophes_are_typography_not_a_naming_slip",
        "Siobhan O'Rourke won the seat. O’Rourke thanked voters, and O’Rourke will sit in June.",
    ),
    (
        "a_live_blog_subhead_is_not_capitalisation_evidence",
        "Police said the harbour road was closed.\n\nUpdate at 3:15 p.m. ET. Harbour Road Reopens:\n\n"
        "The harbour road reopened after an hour. Drivers used the harbour road again by evening.",
    ),
    (
        "a_word_that_opens_a_line_is_no_slip_of_a_recurring_name",
        "Officials at the White House said the plan was ready. The White House will publish it.\n\n"
        "Write to the desk at desk@example.org",
    ),
    (
        "two_people_with_different_initials_are_not_one_name",
        "The side: M Horan, S Horgan, B Kelly. Horgan scored twice and Horgan was named man of the match.",
    ),
    (
        "a_common_word_beside_a_recurring_name_is_no_slip",
        "The United States and its allies met. The States agreed, and the States signed. "
        "A report on the Status of Women was published.",
    ),
]


@pytest.mark.parametrize("text", [t for _, t in QUIET], ids=[n for n, _ in QUIET])
def test_false_alarm_classes_stay_quiet(text):
    assert hits(text) == []


FLAGGED = [  # (class, a story of ours, the spans reported)
    (
        "a_misspelt_name_in_a_quotation_is_still_a_slip",
        "Inspector Alan Prendergast led the search. Prendergast said the team worked through "
        'the night. "We owe a lot to Mr. Prendergrast," the mayor said. Prendergast declined to comment.',
        ["Prendergrast"],
    ),
    (
        "a_shift_key_capital_in_a_quotation_is_still_a_slip",
        'The White House said the visit was on. "We spoke to the WHite House today," the aide said. '
        "The White House did not give a date.",
        ["WHite House"],
    ),
    (
        "an_institution_written_in_lower_case_is_still_flagged",
        "Officials at the Foreign Ministry said the talks would resume. A spokesman for the foreign "
        "ministry confirmed the date. The Foreign Ministry said both sides agreed.",
        ["foreign ministry"],
    ),
    (
        "once_each_the_finding_sits_on_the_shorter_slip",
        "Activists met at the Heritage Foundaton on Monday. The Heritage Foundation said "
        "it would publish a report.",
        ["Foundaton"],
    ),
    (
        "once_each_and_as_long_the_later_form_is_flagged",
        "Officials at Brandwick said the plan was fair. Critics at Brnadwick disagreed.",
        ["Brnadwick"],
    ),
    (
        "a_slip_in_a_name_the_story_also_writes_in_lower_case_is_found",
        "The Budget will be set out on Wednesday. Critics of the Budget say the budget gap is wide, "
        "and supporters of the Budgett say it is fair.",
        ["Budgett"],
    ),
    (
        "a_dropped_letter_beside_a_name_written_three_times_is_found",
        "The Conservative manifesto is out. Every Conservative candidate backs it, and one "
        "Conservative MP called it bold. A Conservatve aide disagreed.",
        ["Conservatve"],
    ),
    (
        "a_slip_in_a_word_that_names_no_one_is_found",
        "The Senate met on Monday. The Senate vote was close, and the Senate adjourned. "
        "Later, Senote leaders met again.",
        ["Senote"],
    ),
    (
        "the_headline_spells_a_name_even_when_its_capitals_are_style",
        "Kenya Floods Displace Thousands\n\nHeavy rain hit Kenya on Monday. Officials in Knya said "
        "roads were cut.",
        ["Knya"],
    ),
    (
        "a_quotation_backs_the_letters_of_a_name",
        '"The Oscar panel was fair," she said. "Every Oscar voter reads the list." '
        "Critics said the Osccar voting was rushed.",
        ["Osccar"],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [(t, e) for _, t, e in FLAGGED], ids=[n for n, _, _ in FLAGGED]
)
def test_slips_are_found_on_the_slip(text, expected):
    assert spans(text, hits(text)) == expected


def test_document_regions_hold_the_furniture():
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.inputs import Source

    text = "LISBON (AP) — Officials said more at example.org/story, tagging @citydesk."
    document = Linter.create(Config(), entry_points=False).parse(Source("story.txt", text))
    regions = document.regions
    assert [r.kind for r in regions.furniture] == ["dateline", "url", "handle"]
    assert regions.aside(text.index("@citydesk")) and not regions.aside(text.index("Officials"))
    assert {r.kind for r in regions.all()} >= {"dateline", "url", "handle"}
