"""spelling: keyboard slips in lower-case words, offline, without flagging names, handles,
URLs, units, compounds, foreign phrases or either variety of English."""

from __future__ import annotations

import gzip
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.config import ConfigError, config_from_dict, validate
from newslint.engine import Linter
from newslint.fixes import apply_edits, fixes_to_apply
from newslint.inputs import Source
from newslint.plugins import build_registry
from newslint.rules.spelling import edits1, front_matter_words, keyboard_slip
from newslint.text import wordlist

RULE = "spelling"


_PLAIN = Linter.create(config_from_dict({"select": [RULE]}), entry_points=False)


def hits(text: str, path: str = "story.txt", **config):
    linter = (
        Linter.create(config_from_dict({"select": [RULE], **config}), entry_points=False)
        if config
        else _PLAIN
    )
    return [f for f in linter.run([Source(path, text)])[0].findings if f.rule == RULE]


def words(found) -> list[str]:
    return [f.data["word"] for f in found]


# --- slips are found, with the right word first or among the first three ----------------


@pytest.mark.parametrize(
    "text, slip, meant",
    [
        ("The goverment will publish its spending plans on Tuesday.", "goverment", "government"),
        ("Residents will recieve a letter from the council next week.", "recieve", "receive"),
        ("Thousands ran the city maraton despite the heat.", "maraton", "marathon"),
        ("Ministers promised more social hiusing in the north.", "hiusing", "housing"),
        ("The results were compueted by an independent panel.", "compueted", "computed"),
        ("Police said the suspect had been arested at the airport.", "arested", "arrested"),
        ("The club's new stadium will have a larger capacitty.", "capacitty", "capacity"),
        ("Investors were worried abuot the bank's exposure.", "abuot", "about"),
        ("The minister said the decison was final.", "decison", "decision"),
    ],
)
def test_a_keyboard_slip_is_flagged_with_the_meant_word_among_three_suggestions(text, slip, meant):
    (hit,) = hits(text)
    assert text[hit.start : hit.end] == slip
    assert hit.column == text.index(slip) + 1 and hit.end_column == hit.column + len(slip)
    assert meant in hit.suggestions[:3]
    assert hit.category == "spelling" and hit.severity == "warning"
    assert f"'{slip}'" in hit.message


# Classic misspellings of news copy, many of them written on the web often enough to pass
# for words by frequency alone ("occured" once in six million words), some two edits from
# the word ("tommorow"), some in SCOWL's unabridged lists ("publically", "supercede").
CLASSICS = {
    "occured": "occurred",
    "occurence": "occurrence",
    "recieve": "receive",
    "seperate": "separate",
    "accomodate": "accommodate",
    "definately": "definitely",
    "goverment": "government",
    "existance": "existence",
    "untill": "until",
    "tommorow": "tomorrow",
    "wierd": "weird",
    "independant": "independent",
    "publically": "publicly",
    "concensus": "consensus",
    "millenium": "millennium",
    "embarassed": "embarrassed",
    "harrass": "harass",
    "liason": "liaison",
    "supercede": "supersede",
    "truely": "truly",
    "arguement": "argument",
    "noticable": "noticeable",
    "pronounciation": "pronunciation",
    "maintainance": "maintenance",
    "neccessary": "necessary",
    "begining": "beginning",
    "reccomend": "recommend",
    "commitee": "committee",
    "tounge": "tongue",
    "seige": "siege",
    "wich": "which",
}


@pytest.mark.parametrize("slip, meant", sorted(CLASSICS.items()))
def test_a_classic_misspelling_is_flagged_with_its_word_first(slip, meant):
    text = f"The minister said the {slip} was noted by the committee."
    (hit,) = hits(text)
    assert hit.data["word"] == slip and hit.suggestions[0] == meant
    assert f"did you mean '{meant}'?" in hit.message


def test_the_desk_can_still_accept_a_listed_misspelling():
    assert hits("The board said the wich elm stood.", vocabulary=["wich"]) == []


def test_the_fix_writes_the_first_suggestion_and_is_unsafe():
    text = "Officials said the goverment’s plan would recieve support.\n"
    found = hits(text)
    assert [f.fix.applicability for f in found] == ["unsafe", "unsafe"]
    edits = [edit for f in found for edit in f.fix.edits]
    assert (
        apply_edits(text, edits)[0]
        == "Officials said the government’s plan would receive support.\n"
    )
    assert fixes_to_apply(found) == [] and len(fixes_to_apply(found, unsafe=True)) == 2


def test_fix_applies_spelling_only_with_unsafe_fixes(tmp_path):
    from conftest import run_in_process

    path = tmp_path / "story.txt"
    path.write_text("The goverment met on Monday.\n")
    command = ["check", "--no-plugins", "--select", RULE, "--fix", str(path)]
    run_in_process(*command)
    assert path.read_text() == "The goverment met on Monday.\n"
    run_in_process(*command, "--unsafe-fixes")
    assert path.read_text() == "The government met on Monday.\n"


def test_suggestions_are_ranked_by_how_common_the_word_is():
    (hit,) = hits("Analysts said the figures were teh worst since 2009.".replace("teh", "wrost"))
    assert hit.suggestions[0] == "worst"
    zipf = wordlist.word_list().zipf100
    assert [zipf(s) for s in hit.suggestions] == sorted(
        (zipf(s) for s in hit.suggestions), reverse=True
    )


def test_a_word_that_keeps_the_first_letter_ranks_before_a_more_common_one():
    # "resistant" is more common and one edit away too, but first letters are seldom mistyped.
    (hit,) = hits("Several unions were hesistant to back the deal.")
    assert hit.suggestions[:2] == ("hesitant", "resistant")


def test_two_words_run_together_are_split():
    (hit,) = hits("The chairman said that willmean job cuts at the plant.")
    assert hit.data["word"] == "willmean" and hit.suggestions == ("will mean",)


@pytest.mark.parametrize(
    "text, slip, first",
    [
        # A lost space is likelier than a letter changed into an unrelated one.
        ("The union rejected the paycuts offered on Friday.", "paycuts", "pay cuts"),
        ("Nobody knows the cost andhow long the repairs will take.", "andhow", "and how"),
        # A letter added comes before two words.
        ("The wholescale changes were announced on Monday.", "wholescale", "wholesale"),
    ],
)
def test_a_misspelt_word_that_is_two_words_run_together_suggests_them(text, slip, first):
    (hit,) = hits(text)
    assert hit.data["word"] == slip and hit.suggestions[0] == first


def test_no_split_is_offered_beside_a_typing_slip():
    # "marrage" is "marriage" with a letter dropped: "mar rage" would only be noise.
    (hit,) = hits("Their marrage was held in June.")
    assert hit.suggestions == ("marriage",)


# --- real words the dictionaries lack -----------------------------------------------------


@pytest.mark.parametrize(
    "word",
    [
        "tieless",  # tie + less: a three-letter stem that is a common word
        "rueing",  # rue + ing keeping its "e" (a variant the dictionaries lack)
        "snitty",  # snit + y after a doubled consonant
        "repped",  # rep + ed, consonant doubled
        "faming",  # fame + ing, "e" dropped (wordplay on "shaming")
    ],
)
def test_regular_derivations_of_common_words_are_words(word):
    assert hits(f"The minister arrived {word} and cheerful, aides said.") == []


@pytest.mark.parametrize(
    "slip, meant",
    [
        ("commited", "committed"),  # the same stem and suffix, far more often doubled
        ("begining", "beginning"),
        ("argueing", "arguing"),  # "e" kept where English drops it
    ],
)
def test_a_misspelt_derivation_is_still_a_slip(slip, meant):
    (hit,) = hits(f"The officials were {slip} to the plan, the report said.")
    assert hit.data["word"] == slip and meant in hit.suggestions


def test_a_rare_word_one_edit_only_from_words_of_another_first_letter_is_a_term():
    # "oche" (darts) is written on the web and one edit from "ache" and "once" alone.
    assert hits("The players stood at the oche before the final leg.") == []


# --- what is deliberately not checked -------------------------------------------------


def test_names_are_never_flagged_capitalised_or_at_the_start_of_a_sentence():
    text = (
        "Oleksandra Matviichuk met Ngozi Okonjo-Iweala in Strasbourg. Kyivstar and "
        "Zhytomyrenergo were named. Goverment sources declined to comment."
    )
    assert hits(text) == []


def test_handles_hashtags_urls_emails_and_units_are_not_prose():
    text = (
        "Send tips to newsdesk@examplepaper.co.uk or follow @metrodesk_live and #floodwatch "
        "at https://examplepaper.co.uk/live/flooding-latest for updates. The £2bn scheme "
        "covers the 10,000m course, 5G masts, 4x4s and 35mph limits near the gasworks."
    )
    assert hits(text) == []


def test_abbreviations_and_words_with_digits_are_skipped():
    text = "The mp3 files, the covid19 dashboard and the fwd notes were shared btwn desks."
    assert hits(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The colour of the programme's logo was criticised by the organisers at the centre.",
        "The color of the program's logo was criticized by the organizers at the center.",
        "She travelled to the theatre; he traveled to the theater.",
    ],
)
def test_british_and_american_spellings_are_both_accepted_by_default(text):
    assert hits(text) == []


def test_contractions_and_possessives_with_straight_and_curly_apostrophes():
    assert (
        hits("It won't happen, the officials' union said; the officials’ lawyers didn’t agree.")
        == []
    )
    found = hits("The goverment’s plan and the goverment's budget were delayed.")
    assert words(found) == ["goverment’s", "goverment's"]
    assert found[0].suggestions == ("government’s",) and found[1].suggestions == ("government's",)


def test_hyphenated_compounds_check_parts_that_are_no_word_at_all():
    assert words(hits("It was a well-knwon problem at the plant.")) == ["knwon"]
    assert hits("A touchy-feely e-mail from the have-nots reached the gung-ho board.") == []


def test_a_quotation_with_several_odd_words_is_a_foreign_phrase_left_alone():
    assert (
        hits('The banner read "nous sommes avec vous, toujours ensemblle et fiers" outside.') == []
    )
    # One slip in a quotation is still a slip.
    assert words(hits('"We will recieve the report on Friday," she said.')) == ["recieve"]


@pytest.mark.parametrize(
    "text",
    [
        'Marchers chanted "Todos con las familias" as they passed the hall.',
        '"Vamos, amigos, a las familias," the mayor told the crowd.',
        'She wrote "Ella siempre recibe las listas" on the card.',
    ],
)
def test_a_quotation_in_another_language_is_left_alone(text):
    # One word looks like a slip of English ("familias", "listas"), but the quotation holds
    # another word English does not know and none of its function words.
    assert hits(text) == []


@pytest.mark.parametrize(
    "text, slip",
    [
        ('"Todos will recieve the money," the mayor said.', "recieve"),  # English words in it
        ('He said: "Dzhokhar and Smith recieve nothing."', "recieve"),  # names prove nothing
        ('She said: "Totally unacceptible."', "unacceptible"),  # nothing foreign in it
        ("Marchers said the familias of the dead were there.", "familias"),  # no quotation
    ],
)
def test_a_slip_in_an_english_quotation_is_still_a_slip(text, slip):
    assert words(hits(text)) == [slip]


def test_a_word_beside_a_french_elision_is_left_alone():
    assert hits("The group's raison d'etre was never clear to the panel.") == []
    assert words(hits("The group's raison for it was never clear.")) == ["raison"]


def test_a_word_beside_accented_foreign_words_is_left_alone():
    assert hits("The crowd chanted la foule est là for an hour.") == []


def test_inline_code_and_code_blocks_in_markdown_are_not_checked():
    text = "Set `goverment` in the file.\n\n```\nrecieve = 1\n```\n\nThe report was published.\n"
    assert hits(text, "story.md") == []


def test_positions_are_exact_in_html_after_entities():
    text = "<p>Caf&eacute; owners &amp; the goverment met.</p>\n"
    (hit,) = hits(text, "story.html")
    assert (hit.line, hit.column) == (1, text.index("goverment") + 1)
    assert hit.end_column == hit.column + len("goverment")


def test_labels_are_not_sentences():
    assert hits("ferdinand oyelaran\nThe talks went well, he said.") == []  # a speaker's line
    assert hits("archived recording (ferdinand oyelaran) The talks went well.") == []
    assert hits("newsfan88: the talks went well\nquietreader: they did") == []  # commenters
    assert hits("Photo: maria dela crux/Example Agency") == []  # a credit's lower-case names
    # A slip in a sentence in parentheses is still a slip.
    assert words(hits("The board (which met on Monday to discuss the goverment plan) agreed.")) == [
        "goverment"
    ]


def test_a_word_quoted_as_a_word_is_a_mention():
    assert hits("The MP coined the term 'deskocrats' and called the memo “snarkish”.") == []


# --- variety, vocabulary, front matter, suppression -------------------------------------


def test_variety_british_flags_american_spellings_and_suggests_the_british_one():
    found = hits(
        "The color of the new flag was analyzed by the jury.", rules={RULE: {"variety": "british"}}
    )
    assert [(f.data["word"], f.suggestions[0]) for f in found] == [
        ("color", "colour"),
        ("analyzed", "analysed"),
    ]
    assert "American spelling" in found[0].message
    assert hits("The colour was analysed.", rules={RULE: {"variety": "british"}}) == []


def test_a_slip_suggests_the_story_variety_first():
    slip = "The coach moved him to cente back for the second half."
    british = slip + " The colour of the kit and the theatre were new."
    american = slip + " The color of the kit was new."
    assert hits(british)[0].suggestions[:2] == ("centre", "center")
    assert hits(american)[0].suggestions[:2] == ("center", "centre")
    # With no variety known, the usual order: the more common spelling first.
    assert hits(slip)[0].suggestions[:2] == ("center", "centre")
    assert hits(slip, rules={RULE: {"variety": "british"}})[0].suggestions[:2] == (
        "centre",
        "center",
    )
    # The fix writes the variety's spelling, and a possessive keeps its apostrophe.
    assert hits(british)[0].fix.edits[0].text == "centre"
    possessive = "The cente’s roof leaked. The colour had faded."
    assert hits(possessive)[0].suggestions[:2] == ("centre’s", "center’s")


def test_variety_american_flags_british_spellings():
    found = hits("The colour of the flag was criticised.", rules={RULE: {"variety": "american"}})
    assert [(f.data["word"], f.suggestions[0]) for f in found] == [
        ("colour", "color"),
        ("criticised", "criticized"),
    ]


def test_a_wrong_variety_is_a_config_error_naming_the_key():
    rules = build_registry(entry_points=False).rules
    config = config_from_dict({"rules": {RULE: {"variety": "australian"}}}, "newslint.toml")
    with pytest.raises(
        ConfigError,
        match=re.escape(
            "newslint.toml: key 'rules.spelling.variety': expected one of "
            "'both', 'british', 'american', got 'australian'"
        ),
    ):
        validate(config, rules)


def test_a_wrong_variety_stops_the_cli_with_one_line_and_exit_2(cli, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "newslint.toml").write_text('[rules.spelling]\nvariety = "british english"\n')
    (tmp_path / "a.txt").write_text("The council met.\n")
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--no-plugins", "a.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "newslint: error: newslint.toml: key 'rules.spelling.variety': expected one of 'both', "
        "'british', 'american', got 'british english'"
    ]


TE_REO = "The kaimahi climbed the maunga before the hui."


def test_the_house_vocabulary_accepts_words(tmp_path):
    assert words(hits(TE_REO)) == ["maunga"]
    assert hits(TE_REO, vocabulary=["Maunga"]) == []
    (tmp_path / "words.txt").write_text("# te reo words the desk uses\nmaunga\n")
    config = config_from_dict(
        {"select": [RULE], "vocabulary": "words.txt"}, "newslint.toml", folder=tmp_path
    )
    linter = Linter.create(config, entry_points=False)
    assert linter.run([Source("story.txt", TE_REO)])[0].findings == []


def test_the_rules_own_vocabulary_option_accepts_words():
    assert hits(TE_REO, rules={RULE: {"vocabulary": ["maunga"]}}) == []


@pytest.mark.parametrize(
    "front",
    [
        "---\ntitle: Hui\nnewslint-vocabulary: [maunga, 'kaimahi']\n---\n",
        "---\nnewslint-vocabulary:\n  - maunga\n  - kaimahi\nauthor: desk\n---\n",
        '+++\nnewslint-vocabulary = ["maunga"]\n+++\n',
    ],
)
def test_a_markdown_storys_front_matter_accepts_words(front):
    assert hits(front + "\n" + TE_REO + "\n", "story.md") == []
    assert words(hits("\n" + TE_REO + "\n", "story.md")) == ["maunga"]


def test_front_matter_words_are_read_only_from_markdown_front_matter():
    class Doc:
        format = "text"
        source = "---\nnewslint-vocabulary: [marae]\n---\n"

    assert front_matter_words(Doc()) == frozenset()
    Doc.format = "markdown"
    assert front_matter_words(Doc()) == {"marae"}


def test_a_suppression_comment_silences_the_finding():
    text = "<!-- newslint-disable-next-line spelling -- the desk's spelling -->\n" + TE_REO + "\n"
    assert hits(text, "story.md") == []


# --- the word list ---------------------------------------------------------------------


def test_the_word_list_is_cached_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    first = wordlist.WordList(wordlist._cached_bytes())
    [cached] = (tmp_path / "cache").iterdir()
    again = wordlist.WordList(wordlist._cached_bytes())
    assert again._blob[:] == first._blob[:] and cached.stat().st_size > 1_000_000
    assert first.zipf100("government") > 500 and first.entry("government").in_dictionary
    assert first.zipf100("goverment") < 300 and not first.entry("goverment").in_dictionary
    assert first.entry("zqxjkv") == wordlist.UNKNOWN


def test_an_unwritable_cache_folder_still_gives_the_word_list(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocker / "cache"))
    # The list as the shipped file would give it (unpacking it is tested above).
    monkeypatch.setattr(wordlist, "_decode", lambda *sources: b"plume\t601\nthe\t1546\n\nthe")
    words_ = wordlist.WordList(wordlist._cached_bytes())
    assert words_.zipf100("the") == 773 and words_.entry("plume") == wordlist.Entry(300, True)
    assert words_.common() == {"the"} and blocker.read_text() == ""


def test_an_upgrade_unpacks_the_list_again_and_removes_the_older_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "english_words.tsv.gz"
    source.write_bytes(gzip.compress(b"plume\t601\nthe\t1546\n\nthe"))
    wordlist._cached_bytes(source)
    [old] = (tmp_path / "cache").iterdir()
    source.write_bytes(gzip.compress(b"plume\t601\nthe\t1547\n\nthe"))  # a new release
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    assert wordlist.WordList(wordlist._cached_bytes(source)).zipf100("the") == 773
    [new] = (tmp_path / "cache").iterdir()
    assert new.name != old.name


@pytest.mark.parametrize("damage", ["missing", "not gzip", "cut short"])
def test_a_missing_or_damaged_list_is_one_clear_error(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "english_words.tsv.gz"
    if damage != "missing":
        packed = gzip.compress(b"the\t1546\n" * 1000)
        source.write_bytes(b"not a gzip file" if damage == "not gzip" else packed[:50])
    with pytest.raises(wordlist.WordListError, match=r"English word list is (missing|unreadable)"):
        wordlist._cached_bytes(source)


def test_the_shipped_list_is_sorted_and_its_common_words_are_its_own():
    blob = gzip.decompress(wordlist.SOURCE.read_bytes()).decode("utf-8")
    lines, _, common = blob.partition("\n\n")
    entries = [line.partition("\t") for line in lines.split("\n")]
    keys = [word.encode() for word, _, _ in entries]
    assert keys == sorted(keys)  # in byte order, as the binary search compares them
    # Each line's own code, not a search per line: the search is the next test's subject.
    assert {
        word for word, _, code in entries if word.isalpha() and wordlist._entry(code).zipf100 >= 300
    } == set(common.split("\n"))


def test_the_shipped_lists_misspellings_are_no_words_and_their_corrections_are():
    entries = wordlist.word_list()
    blob = gzip.decompress(wordlist.SOURCE.read_bytes()).decode("utf-8")
    marked = [line.split("\t") for line in blob.partition("\n\n")[0].split("\n")]
    marked = [fields for fields in marked if len(fields) == 3]
    assert len(marked) > 1000
    for word, _, corrections in marked:
        entry = entries.entry(word)  # found by the binary search, corrections and all
        assert entry.corrections == tuple(corrections.split(","))
        assert 0 < entry.zipf100 < 300 and not entry.in_dictionary
        for correction in entry.corrections:
            assert all(
                entries.entry(p).in_dictionary or entries.zipf100(p) >= 300
                for p in correction.split()
            ), (word, correction)


@pytest.fixture(scope="module")
def whole_list():
    """Every entry of the list read line by line: what the binary search must find."""
    word_list = wordlist.word_list()
    lines = bytes(word_list._blob[: word_list._end]).decode("utf-8").rstrip("\n").split("\n")
    return {word: wordlist._entry(code) for word, _, code in (x.partition("\t") for x in lines)}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(sorted(wordlist.word_list().common())), min_size=1, max_size=30),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9),
)
def test_binary_search_finds_every_line_of_the_list(whole_list, common, other):
    word_list = wordlist.word_list()
    whole = whole_list
    for word in [*common, other, other + "s"]:
        assert word_list._search(word.encode()) == whole.get(word, wordlist.UNKNOWN)


# --- the slip model ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, meant, slip",
    [
        ("goverment", "government", True),  # a letter dropped inside
        ("untill", "until", True),  # a letter doubled
        ("recieve", "receive", True),  # neighbours swapped
        ("definately", "definitely", True),  # a vowel changed
        ("forma", "form", False),  # a letter added at the end: another word
        ("dribs", "ribs", False),  # the first letter
        ("mano", "many", False),  # a consonant changed
    ],
)
def test_keyboard_slip(typed, meant, slip):
    assert keyboard_slip(typed, meant) is slip


@given(st.text(alphabet="abcdefghij", min_size=2, max_size=8))
def test_every_edit_is_one_edit_away(word):
    for candidate in edits1(word):
        assert candidate != word and abs(len(candidate) - len(word)) <= 1


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "the",
                "goverment",
                "council's",
                "e-mail",
                "recieve",
                "Maraton",
                "@desk",
                "5G",
                "marae",
                "well-knwon",
                "“",
                "”",
                "\n\n",
                "—",
            ]
        ),
        max_size=40,
    )
)
def test_findings_lie_on_lower_case_words_of_the_text(tokens):
    text = " ".join(tokens)
    lines = text.split("\n")
    for finding in hits(text):
        assert finding.line == finding.end_line
        span = lines[finding.line - 1][finding.column - 1 : finding.end_column - 1]
        assert span.islower() and span.replace("'", "").replace("’", "").replace("-", "").isalpha()
        assert finding.suggestions


@pytest.mark.parametrize(
    "unit",
    [
        "The goverment said the maraton would recieve funding, officials said. " * 40 + "\n\n",
        "goverment/maraton/recieve(goverment)-",  # one run of text with no space or line break
        "a" * 5000,  # one "word" of letters
    ],
)
def test_the_rule_stays_linear_on_long_and_hostile_stories(unit):
    import time

    timings = []
    for copies in (15, 30):
        start = time.process_time()  # CPU time: not what other processes take of the cores
        hits(unit * copies)
        timings.append(time.process_time() - start)
    assert timings[1] < 2.5 * timings[0] + 0.5


def test_the_word_lists_memo_is_bounded_and_forgets_nothing_it_answers(monkeypatch):
    word_list = wordlist.WordList(bytes(wordlist.word_list()._blob))
    monkeypatch.setattr(wordlist, "_MEMO_WORDS", 3)
    words_ = ["the", "council", "goverment", "harbour", "zzzq", "the", "voted", "council"]
    answers = [word_list.entry(w) for w in words_]
    assert len(word_list._memo) <= 3
    assert answers == [word_list._search(w.encode()) for w in words_]
