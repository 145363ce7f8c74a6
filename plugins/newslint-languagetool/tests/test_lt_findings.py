"""LanguageTool matches become newslint findings: ids, categories, messages, exact positions,
chunks, the per-run cache, options, quotes, core duplicates and --select/--ignore."""

from __future__ import annotations

import pytest
from lt_fakeserver import (  # noqa: F401 (fixtures)
    RULES,
    FakeRule,
    fake_lt_fixture,
    isolated_languagetool,
    server_named,
)

from newslint.config import config_from_dict
from newslint.engine import Linter
from newslint.inputs import Source, normalise_newlines
from newslint_languagetool import plugin
from newslint_languagetool.mapping import chunk_spans, quoted_spans, span_in_code_points, utf16_len


def run(fake, texts, *, section=None, **config):
    """Lint ``texts`` ({path: text} or one text) with the built-in rules and the plugin."""
    if isinstance(texts, str):
        texts = {"story.txt": texts}
    data = {"languagetool": section or {}, **config}
    linter = Linter.create(config_from_dict(data), entry_points=False, extra_plugins=[plugin])
    problems: list[str] = []
    with server_named(fake.url if fake else None):
        results = linter.run(
            [Source(p, normalise_newlines(t)) for p, t in texts.items()], problems=problems
        )
    return {r.path: r.findings for r in results}, problems


def lt(findings):
    return [f for f in findings if f.rule.startswith("languagetool/")]


def at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth ``word`` in ``text``, counted in code points."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(word, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# --- mapping ------------------------------------------------------------------------------
def test_spelling_match_becomes_a_finding_with_id_category_message_and_suggestions(fake_lt):
    text = "The mayor opened teh new bridge on Monday."
    found, problems = run(fake_lt, text)
    assert problems == []
    [finding] = lt(found["story.txt"])
    assert finding.rule == "languagetool/MORFOLOGIK_RULE_EN_US"
    assert finding.category == "spelling" and finding.severity == "warning"
    assert finding.message == "Possible spelling mistake found."
    assert finding.suggestions == ("the", "ten", "tea")
    assert (finding.line, finding.column) == at(text, "teh")
    assert finding.end_column == finding.column + 3
    assert finding.data == {"languagetool_category": "TYPOS"}


@pytest.mark.parametrize(
    "text, rule, category, severity",
    [
        ("Officials said their was no warning.", "THEIR_IS", "grammar", "warning"),
        ("The design is very unique, the architect said.", "VERY_UNIQUE", "style", "info"),
        ("The colour of the flag was disputed.", "MORFOLOGIK_RULE_EN_US", "spelling", "warning"),
    ],
)
def test_categories_are_mapped(fake_lt, text, rule, category, severity):
    [finding] = lt(run(fake_lt, text)[0]["story.txt"])
    assert (finding.rule, finding.category, finding.severity) == (
        f"languagetool/{rule}",
        category,
        severity,
    )


def test_unknown_categories_are_style_and_config_can_remap_them(fake_lt):
    fake_lt.rules = (FakeRule(r"\bwhilst\b", "WHILST", "NEWSROOM_HOUSE", "style", "Use “while”."),)
    text = "The talks went on whilst the protest grew."
    [finding] = lt(run(fake_lt, text)[0]["story.txt"])
    assert finding.category == "style" and finding.severity == "info"
    [finding] = lt(
        run(fake_lt, text, section={"categories": {"NEWSROOM_HOUSE": "grammar"}})[0]["story.txt"]
    )
    assert finding.category == "grammar" and finding.severity == "warning"


def test_whitespace_issue_type_is_the_whitespace_category(fake_lt):
    fake_lt.rules = (FakeRule(r" +$", "TRAILING", "TYPOGRAPHY", "whitespace", "Trailing space."),)
    [finding] = lt(
        run(fake_lt, "Rain is forecast for the weekend. ", ignore=["trailing-whitespace"])[0][
            "story.txt"
        ]
    )
    assert finding.category == "whitespace"


# --- offsets ------------------------------------------------------------------------------
def test_span_conversion_counts_astral_characters_as_two_units():
    assert span_in_code_points("a\U0001f600b", 1, 2) == (1, 2)
    assert span_in_code_points("a\U0001f600\U0001f600b", 1, 4) == (1, 3)
    assert span_in_code_points("abc", 1, 1) == (1, 2)
    assert utf16_len("\U0001f389 ok") == 5


def test_positions_after_and_around_emoji_are_exact(fake_lt):
    fake_lt.rules = (
        *RULES,
        FakeRule(
            "(?:\U0001f600){2,}",
            "EMOJI_REPEAT",
            "TYPOGRAPHY",
            "typographical",
            "Repeated emoji.",
            ("\U0001f600",),
        ),
    )
    text = (
        "\U0001f389 Fans cheered \U0001f600\U0001f600 as teh team won.\n"
        "\U0001f3c6\U0001f3c6 Then teh captain spoke."
    )
    findings = lt(run(fake_lt, text)[0]["story.txt"])
    emoji = next(f for f in findings if f.rule == "languagetool/EMOJI_REPEAT")
    assert (emoji.line, emoji.column) == at(text, "\U0001f600\U0001f600")
    assert emoji.end_column == emoji.column + 2  # two code points, four UTF-16 units
    spelled = [(f.line, f.column, f.end_column) for f in findings if f.rule.endswith("EN_US")]
    assert spelled == [
        (*at(text, "teh"), at(text, "teh")[1] + 3),
        (*at(text, "teh", 1), at(text, "teh", 1)[1] + 3),
    ]


def test_positions_in_a_crlf_file_are_those_of_the_file(fake_lt):
    text = "Headline here\r\n\r\nThe vote was close.\r\nBut teh result stood.\r\n"
    [finding] = lt(run(fake_lt, text)[0]["story.txt"])
    assert (finding.line, finding.column) == (4, 5)


def test_markdown_prose_only_is_sent_and_positions_are_in_the_source(fake_lt):
    text = (
        "---\ntitle: teh draft\n---\n# Vote on teh budget\n\n"
        "A **bold** plan that [teh council](https://example.com/teh) backed.\n\n"
        "```\nteh code\n```\n"
    )
    findings = lt(run(fake_lt, {"story.md": text})[0]["story.md"])
    assert [(f.line, f.column) for f in findings] == [at(text, "teh", 1), at(text, "teh", 2)]
    sent = "".join(fake_lt.texts)
    assert "**" not in sent and "example.com" not in sent and "teh code" not in sent
    assert "title" not in sent


def test_html_prose_only_is_sent_and_positions_are_in_the_source(fake_lt):
    text = (
        "<html><head><title>x</title><script>var teh = 1;</script></head><body>\n"
        "<h1>Vote on teh budget</h1>\n"
        '<p>The mayor&rsquo;s <a href="/teh">plan</a> &amp; teh \U0001f389 vote.</p>\n'
        "</body></html>\n"
    )
    findings = lt(run(fake_lt, {"story.html": text})[0]["story.html"])
    assert [(f.line, f.column, f.end_column - f.column) for f in findings] == [
        (*at(text, "teh", 1), 3),
        (*at(text, "teh", 3), 3),
    ]
    sent = "".join(fake_lt.texts)
    assert "<" not in sent and "var teh" not in sent and "\u2019" in sent


# --- chunks and the cache -----------------------------------------------------------------
def paragraphs(count: int) -> str:
    return "\n\n".join(f"Paragraph {i} says teh council met on day {i}." for i in range(count))


def test_a_story_is_sent_once_when_it_fits(fake_lt):
    run(fake_lt, paragraphs(6))
    assert len(fake_lt.requests) == 1


def test_long_stories_are_split_on_paragraph_boundaries_within_the_limit(fake_lt):
    text = paragraphs(9)
    found, problems = run(fake_lt, text, section={"max_chars": 100})
    assert problems == []
    assert len(fake_lt.requests) > 1
    blocks = text.split("\n\n")
    for sent in fake_lt.texts:
        assert utf16_len(sent) <= 100
        assert all(piece in blocks for piece in sent.split("\n\n"))  # whole paragraphs only
    assert "\n\n".join(fake_lt.texts) == text
    positions = [(f.line, f.column) for f in lt(found["story.txt"])]
    assert positions == [at(text, "teh", i) for i in range(9)]


def test_a_paragraph_longer_than_the_limit_is_split_at_sentence_ends(fake_lt):
    sentences = [f"Witness {i} saw teh fire spread." for i in range(8)]
    text = " ".join(sentences)
    found, _ = run(fake_lt, text, section={"max_chars": 100})
    assert len(fake_lt.requests) >= 3
    for sent in fake_lt.texts:
        assert utf16_len(sent) <= 100 and sent.endswith(".")
    assert [(f.line, f.column) for f in lt(found["story.txt"])] == [
        at(text, "teh", i) for i in range(8)
    ]


def test_the_limit_counts_utf16_units():
    class Doc:
        text = "\U0001f600" * 60 + "\n\n" + "\U0001f600" * 60
        blocks = (
            type("B", (), {"start": 0, "end": 60, "text": "\U0001f600" * 60})(),
            type("B", (), {"start": 62, "end": 122, "text": "\U0001f600" * 60})(),
        )
        sentences = ()

    assert chunk_spans(Doc, 200) == [(0, 60), (62, 122)]  # 120 + 2 + 120 units > 200
    assert chunk_spans(Doc, 242) == [(0, 122)]


def test_identical_paragraphs_are_sent_once_per_run(fake_lt):
    shared = "Teh wire copy paragraph that every edition carries, word for word, from the agency."
    stories = {f"edition{i}.txt": f"Edition {i} leads on local news.\n\n{shared}" for i in range(3)}
    _found, _ = run(fake_lt, stories, section={"max_chars": 100})
    assert fake_lt.texts.count(shared) == 1
    assert len(fake_lt.requests) == 4  # three distinct first paragraphs, one shared one
    run(fake_lt, stories, section={"max_chars": 100})  # a new run asks again
    assert fake_lt.texts.count(shared) == 2


def test_duplicate_stories_share_one_request(fake_lt):
    found, _ = run(fake_lt, {"a.txt": "The teh mistake.", "b.txt": "The teh mistake."})
    assert len(fake_lt.requests) == 1
    assert len(lt(found["a.txt"])) == len(lt(found["b.txt"])) == 1


# --- options ------------------------------------------------------------------------------
def test_options_reach_the_server(fake_lt):
    run(
        fake_lt,
        "Teh end.",
        section={
            "language": "en-GB",
            "disabled_rules": ["EN_QUOTES", "DASH_RULE"],
            "enabled_rules": ["X"],
            "enabled_categories": ["STYLE"],
            "disabled_categories": ["CASING"],
            "picky": True,
        },
    )
    [fields] = fake_lt.requests
    assert fields["language"] == "en-GB"
    assert set(fields["disabledRules"].split(",")) == {
        "EN_QUOTES",
        "DASH_RULE",  # and the rules whose job a built-in rule does:
        "ENGLISH_WORD_REPEAT_RULE",
        "EN_A_VS_AN",
        "WHITESPACE_RULE",
        "CONSECUTIVE_SPACES",
    }
    assert fields["enabledRules"] == "X"
    assert fields["enabledCategories"] == "STYLE" and fields["disabledCategories"] == "CASING"
    assert fields["level"] == "picky"
    assert "enabledOnly" not in fields


def test_picky_level_adds_picky_rules(fake_lt):
    text = "Crews worked overnight in order to reopen the road."
    assert lt(run(fake_lt, text)[0]["story.txt"]) == []
    [finding] = lt(run(fake_lt, text, section={"picky": True})[0]["story.txt"])
    assert finding.rule == "languagetool/IN_ORDER_TO" and finding.category == "style"


def test_disabled_rules_and_enabled_only(fake_lt):
    text = "Officials said their was teh plan."
    found = lt(run(fake_lt, text, section={"disabled_rules": ["THEIR_IS"]})[0]["story.txt"])
    assert [f.rule for f in found] == ["languagetool/MORFOLOGIK_RULE_EN_US"]
    found = lt(
        run(fake_lt, text, section={"enabled_rules": ["THEIR_IS"], "enabled_only": True})[0][
            "story.txt"
        ]
    )
    assert [f.rule for f in found] == ["languagetool/THEIR_IS"]


@pytest.mark.parametrize(
    "section, message",
    [
        ({"timeout": "soon"}, "[languagetool] timeout must be a positive number"),
        ({"timeout": float("nan")}, "[languagetool] timeout must be a positive number"),
        ({"max_chars": float("inf")}, "[languagetool] max_chars must be a positive number"),
        ({"max_chars": 10}, "[languagetool] max_chars must be at least 100"),
        ({"picky": "yes"}, "[languagetool] picky must be true or false"),
        ({"categories": {"TYPOS": "spellling"}}, "[languagetool] categories maps"),
        ({"langauge": "en-GB"}, "[languagetool] unknown key 'langauge'"),
        ({"timeout": 86400}, "[languagetool] timeout must be at most 300 seconds"),
        ({"startup_timeout": 3600}, "[languagetool] startup_timeout must be at most 600 seconds"),
        ({"url": "http://127.0.0.1:8081"}, "[languagetool] url: a config may not choose"),
    ],
)
def test_bad_settings_are_one_error_line(fake_lt, section, message):
    found, problems = run(fake_lt, "Teh end of  it.", section=section)
    assert len(problems) == 1 and message in problems[0]
    assert [f.rule for f in found["story.txt"]] == ["doubled-space"]  # core findings stay
    assert fake_lt.requests == []


# --- quotes and core duplicates -----------------------------------------------------------
@pytest.mark.parametrize(
    "text, kept",
    [
        ("She said the venue was “very unique” in the region.", []),
        ('She said the venue was "very unique" in the region.', []),
        ("“The venue is very unique,\n\nand we love it,” she said.", []),
        ("The venue is very unique, she said.", ["languagetool/VERY_UNIQUE"]),
        ("“It is ours,” she said of the very unique venue.", ["languagetool/VERY_UNIQUE"]),
        (
            "She said “teh venue” was hers.",
            ["languagetool/MORFOLOGIK_RULE_EN_US"],
        ),  # spelling stays
    ],
)
def test_style_findings_inside_quotes_are_dropped(fake_lt, text, kept):
    assert [f.rule for f in lt(run(fake_lt, text)[0]["story.txt"])] == kept


def test_quoted_spans_run_to_the_end_of_an_unclosed_paragraph():
    block = type("B", (), {"start": 10, "end": 30, "text": "“Open quote runs on"})()
    assert quoted_spans([block]) == [(11, 30)]


def test_style_in_quotes_is_kept_when_skip_quotes_is_off(fake_lt):
    text = "She said the venue was “very unique” in the region."
    found = lt(run(fake_lt, text, section={"skip_quotes": False})[0]["story.txt"])
    assert [f.rule for f in found] == ["languagetool/VERY_UNIQUE"]


TWICE = "The minister said the the budget was final.\n\nThe vote  was close. It had had  support."
BUILT_IN_JOBS = {"enabled_rules": ["ENGLISH_WORD_REPEAT_RULE", "WHITESPACE_RULE"]}


def test_languagetool_rules_doing_a_built_in_rules_job_are_off(fake_lt):
    found = run(fake_lt, TWICE)[0]["story.txt"]
    assert sorted(f.rule for f in found) == ["doubled-space", "doubled-space", "doubled-word"]
    # The built-in rules keep their exceptions ("had had") even where they are ignored.
    found = run(fake_lt, TWICE, ignore=["doubled-word", "doubled-space"])[0]["story.txt"]
    assert found == []


def test_when_enabled_they_give_way_to_the_core_finding_on_the_same_span(fake_lt):
    found = run(fake_lt, TWICE, section=BUILT_IN_JOBS)[0]["story.txt"]
    assert sorted(f.rule for f in found) == [
        "doubled-space",
        "doubled-space",
        "doubled-word",
        "languagetool/ENGLISH_WORD_REPEAT_RULE",
    ]  # "had had": the core rule lets it be
    [repeat] = lt(found)
    assert (
        TWICE.splitlines()[repeat.line - 1][repeat.column - 1 : repeat.end_column - 1] == "had had"
    )
    found = run(fake_lt, TWICE, section=BUILT_IN_JOBS, ignore=["doubled-word", "doubled-space"])[0]
    assert sorted(f.rule for f in found["story.txt"]) == [
        "languagetool/ENGLISH_WORD_REPEAT_RULE",
        "languagetool/ENGLISH_WORD_REPEAT_RULE",
        "languagetool/WHITESPACE_RULE",
        "languagetool/WHITESPACE_RULE",
    ]


# --- selection ----------------------------------------------------------------------------
STORY = "Officials said their was teh plan.\n\nThe vote  was close."


def rules_of(found):
    return sorted(f.rule for f in found["story.txt"])


def test_select_languagetool_keeps_only_its_findings(fake_lt):
    assert rules_of(run(fake_lt, STORY, select=["languagetool"])[0]) == [
        "languagetool/MORFOLOGIK_RULE_EN_US",
        "languagetool/THEIR_IS",
    ]


def test_select_one_languagetool_rule(fake_lt):
    found, problems = run(fake_lt, STORY, select=["languagetool/THEIR_IS"])
    assert problems == [] and rules_of(found) == ["languagetool/THEIR_IS"]


def test_select_a_category_includes_languagetool_findings_of_it(fake_lt):
    assert rules_of(run(fake_lt, STORY, select=["spelling"])[0]) == [
        "languagetool/MORFOLOGIK_RULE_EN_US"
    ]


def test_ignore_one_languagetool_rule_or_a_category(fake_lt):
    assert rules_of(run(fake_lt, STORY, ignore=["languagetool/MORFOLOGIK_RULE_EN_US"])[0]) == [
        "doubled-space",
        "languagetool/THEIR_IS",
    ]
    assert rules_of(run(fake_lt, STORY, ignore=["grammar"])[0]) == [
        "doubled-space",
        "languagetool/MORFOLOGIK_RULE_EN_US",
    ]


def test_ignoring_languagetool_sends_nothing(fake_lt):
    assert rules_of(run(fake_lt, STORY, ignore=["languagetool"])[0]) == ["doubled-space"]
    assert rules_of(run(fake_lt, STORY, select=["debris"])[0]) == []
    assert rules_of(run(fake_lt, STORY, rules={"languagetool": {"enabled": False}})[0]) == [
        "doubled-space"
    ]
    assert fake_lt.requests == []


def test_rules_table_sets_severity_or_turns_one_languagetool_rule_off(fake_lt):
    found = run(
        fake_lt,
        STORY,
        rules={
            "languagetool/THEIR_IS": {"severity": "error"},
            "languagetool/MORFOLOGIK_RULE_EN_US": {"enabled": False},
        },
    )[0]
    assert [(f.rule, f.severity) for f in lt(found["story.txt"])] == [
        ("languagetool/THEIR_IS", "error")
    ]


def test_nothing_is_sent_without_a_server(fake_lt):
    found, problems = run(None, STORY)
    assert problems == [] and rules_of(found) == ["doubled-space"]
    assert fake_lt.requests == []


def test_a_server_url_that_is_not_http_is_one_error_line(fake_lt, monkeypatch):
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_URL", "file:///etc/passwd")
    _found, problems = run(None, "Teh end.")
    assert len(problems) == 1
    assert problems[0].endswith(
        ": NEWSLINT_LANGUAGETOOL_URL must be an http:// or https:// address "
        "(got 'file:///etc/passwd')"
    )


def test_the_environment_names_the_server(fake_lt, monkeypatch):
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_URL", fake_lt.url + "/v2/")
    assert "languagetool/THEIR_IS" in rules_of(run(None, STORY)[0])
    assert len(fake_lt.requests) == 1


def test_each_story_takes_the_languagetool_table_of_its_own_config(fake_lt, tmp_path, monkeypatch):
    """[languagetool] is found as every other setting is, from the story's folder up, not
    only in the folder newslint runs in."""
    from newslint.runner import CheckRequest, run_check

    (tmp_path / ".git").mkdir()  # discovery stops here
    (tmp_path / "newslint.toml").write_text('[languagetool]\nlanguage = "en-US"\n')
    for desk, language in (("world", "en-GB"), ("sport", None)):
        (tmp_path / desk).mkdir()
        (tmp_path / desk / "story.txt").write_text("The council said teh plan was sound.\n")
        if language:
            (tmp_path / desk / "newslint.toml").write_text(
                f'[languagetool]\nlanguage = "{language}"\n'
            )
    monkeypatch.chdir(tmp_path)
    with server_named(fake_lt.url):
        outcome = run_check(CheckRequest(["world/story.txt", "sport/story.txt"]))
    assert outcome.problems == []
    assert sorted(r["language"] for r in fake_lt.requests) == ["en-GB", "en-US"]
    assert all(lt(r.findings) for r in outcome.results)
