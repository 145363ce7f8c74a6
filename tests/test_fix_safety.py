"""Fixes change only what their finding names: applicability, structural edits in HTML and
Markdown, edits that would cut into markup, quoted speech, house-style scopes and capitals,
two fixes on one span, and where the edits point in the file (issue 9's reproducers)."""

from __future__ import annotations

import json

import pytest
from conftest import assert_valid_sarif, run_in_process

import newslint
from newslint.config import ConfigError, config_from_dict
from newslint.document import SourceMap
from newslint.model import Edit, Fix


def fixed(text: str, filename: str, *, unsafe: bool = False, config=None) -> str:
    return newslint.fix_text(text, filename=filename, unsafe_fixes=unsafe, config=config).text


def rules_of(text: str, filename: str, config=None) -> list[str]:
    return [f.rule for f in newslint.lint_text(text, filename=filename, config=config)]


# --- debris: the element, the cell, the line; nothing else ------------------------------


def test_one_line_html_loses_only_the_debris_element():
    story = (
        "<p>The council met on Monday.</p><p>Advertisement</p><p>Members voted to approve it.</p>"
    )
    assert (
        fixed(story, "s.html")
        == "<p>The council met on Monday.</p><p>Members voted to approve it.</p>"
    )


def test_a_share_div_between_paragraphs_goes_alone():
    story = (
        '<p>The council met on Monday.</p> <div class="share">Share on Facebook</div> '
        "<p>Members voted to approve it.</p>"
    )
    assert (
        fixed(story, "s.html")
        == "<p>The council met on Monday.</p>  <p>Members voted to approve it.</p>"
    )


@pytest.mark.parametrize(
    "slot",
    [
        '<div class="ad"><p>Advertisement</p></div>',
        '<div id="ad-slot-3">\n  <div class="advert"><p>Advertisement</p></div>\n</div>',
        '<div class="story-share_bar"><ul><li>Share on Facebook</li></ul></div>',
        # Several debris blocks: every one is debris, so the slot goes with them.
        '<div class="ad"><p>Advertisement</p><p>Story continues below advertisement</p></div>',
        '<div class="ad">\n  <p>Advertisement</p>\n  <p>Story continues below advertisement</p>\n</div>',
        '<div class="ad"><div class="ad-inner"><p>Advertisement</p><p>Sponsored</p></div></div>',
        '<div class="share"><p>Share on Facebook</p><ul><li>Share on X</li></ul></div>',
    ],
)
def test_an_ad_or_share_container_holding_only_debris_goes_with_it(slot):
    story = f"<p>The council met on Monday.</p>\n{slot}\n<p>Members voted to approve it.</p>\n"
    assert (
        fixed(story, "s.html")
        == "<p>The council met on Monday.</p>\n<p>Members voted to approve it.</p>\n"
    )


@pytest.mark.parametrize(
    "story, kept",
    [
        # The container holds copy, an image or a table's shape: only the debris goes.
        (
            '<div class="ad"><p>Advertisement</p><p>Members voted to approve it.</p></div>',
            '<div class="ad"><p>Members voted to approve it.</p></div>',
        ),
        (
            '<div class="ad"><p>Advertisement</p><img src="m.jpg"></div>',
            '<div class="ad"><img src="m.jpg"></div>',
        ),
        (
            '<table><tr><td class="ad">Advertisement</td><td>Members voted.</td></tr></table>',
            '<table><tr><td class="ad"></td><td>Members voted.</td></tr></table>',
        ),
        (
            '<div class="ad"><p>Advertisement</p><p>Sponsored</p><p>Members voted.</p></div>',
            '<div class="ad"><p>Members voted.</p></div>',
        ),
        (
            '<div class="ad"><p>Advertisement</p><p>Sponsored</p><img src="m.jpg"></div>',
            '<div class="ad"><img src="m.jpg"></div>',
        ),
        (  # the inner slot holds only debris, the outer one copy too
            '<div class="ad"><p>Members voted.</p><div class="ad"><p>Advertisement</p>'
            "<p>Sponsored</p></div></div>",
            '<div class="ad"><p>Members voted.</p></div>',
        ),
        # A class that names no chrome ("header", "shadow", "load") keeps its element.
        (
            '<div class="header shadow load"><p>Advertisement</p></div>',
            '<div class="header shadow load"></div>',
        ),
        (
            '<div class="story-extra"><p>Advertisement</p><p>Sponsored</p></div>',
            '<div class="story-extra"></div>',
        ),
        # A class named inside another attribute's value is not the element's class.
        (
            '<div title=" class=ad" data-x=\'id="share"\'><p>Advertisement</p></div>',
            '<div title=" class=ad" data-x=\'id="share"\'></div>',
        ),
        # A processing instruction or declaration is not prose: not ours to remove.
        (
            '<div class="ad"><p>Advertisement</p><?php slot(3) ?><p>Sponsored</p></div>',
            '<div class="ad"><?php slot(3) ?></div>',
        ),
    ],
)
def test_a_container_holding_anything_else_or_not_chrome_stays(story, kept):
    assert fixed(story, "s.html") == kept


@pytest.mark.parametrize(
    "slot",
    [
        '<div class="ad"><p>Advertisement</p>',
        '<div class="ad"><p>Advertisement</p><p>Sponsored</p>',
        "<p>Advertisement",
    ],
)
def test_an_element_never_closed_keeps_the_markup_after_it(slot):
    # A template's fragment: the page opened <body> in another file. An element still open
    # at the end of the file ends nobody knows where; the end tags after it are not its own.
    story = f"<p>Members voted to approve it.</p>{slot}<?php footer() ?></body></html>"
    after = fixed(story, "s.html")
    assert after.endswith("<?php footer() ?></body></html>")
    assert "Members voted to approve it." in after


def test_an_element_alone_on_its_line_takes_the_line():
    story = "<ul>\n  <li>The council met on Monday.</li>\n  <li>Share this post</li>\n</ul>\n"
    assert fixed(story, "s.html") == "<ul>\n  <li>The council met on Monday.</li>\n</ul>\n"


def test_a_br_broken_line_goes_with_its_break():
    story = "<p>The council met on Monday.<br>Advertisement<br>Members voted to approve it.</p>"
    assert (
        fixed(story, "s.html")
        == "<p>The council met on Monday.<br>Members voted to approve it.</p>"
    )
    assert (
        fixed("<p>The council met.<br>Share this post</p>", "s.html") == "<p>The council met.</p>"
    )


def test_debris_line_wrapped_in_markup_inside_a_paragraph_has_no_fix():
    story = (
        "<p>The council met on Monday.<br><b>Advertisement</b><br>Members voted to approve it.</p>"
    )
    (finding,) = newslint.lint_text(story, filename="s.html")
    assert finding.rule == "debris" and finding.fix is None
    assert fixed(story, "s.html") == story


def test_html_table_cell_loses_its_content_not_the_cell():
    story = "<table><tr><td>Harbour</td><td>Advertisement</td></tr></table>"
    assert fixed(story, "s.html") == "<table><tr><td>Harbour</td><td></td></tr></table>"


def test_markdown_table_row_with_debris_in_one_cell_keeps_the_row():
    story = "| Ward | Note |\n|---|---|\n| Harbour | Advertisement |\n| Quay | Held |\n"
    assert fixed(story, "s.md") == "| Ward | Note |\n|---|---|\n| Harbour |  |\n| Quay | Held |\n"


@pytest.mark.parametrize("filename", ["s.md", "s.txt"])
@pytest.mark.parametrize(
    "story, after",
    [
        (
            "The council met.\n\nAdvertisement\n\nMembers voted.\n",
            "The council met.\n\nMembers voted.\n",
        ),
        ("Advertisement\n\nThe council met.\n", "The council met.\n"),
        ("The council met.\n\nAdvertisement\n", "The council met.\n"),
        ("The council met.\n\nAdvertisement\n\nShare this post\n", "The council met.\n"),
        (
            "The council met.\n\nAdvertisement\n\nShare this post\n\nMembers voted.\n",
            "The council met.\n\nMembers voted.\n",
        ),
        ("The council met.\nAdvertisement\nMembers voted.\n", "The council met.\nMembers voted.\n"),
    ],
)
def test_removing_a_debris_line_leaves_one_blank_line_between_paragraphs(filename, story, after):
    assert fixed(story, filename) == after


def test_markdown_list_item_and_wrapped_debris_lines_go_whole():
    assert fixed("- The council met.\n- Share this post\n", "s.md") == "- The council met.\n"
    assert fixed("The council met.\n**Advertisement**\nMembers voted.\n", "s.md") == (
        "The council met.\nMembers voted.\n"
    )


# --- edits that would cut into markup ----------------------------------------------------


def test_doubled_word_into_a_link_deletes_the_first_word_instead():
    story = 'The plan was backed by the <a href="/council">the council</a> on Monday.'
    after = 'The plan was backed by <a href="/council">the council</a> on Monday.'
    assert fixed(story, "s.html") == after


def test_doubled_word_into_a_markdown_link_keeps_the_link():
    assert fixed(
        "It was backed by the [the council](https://example.org) on Monday.\n", "s.md"
    ) == ("It was backed by [the council](https://example.org) on Monday.\n")


def test_doubled_word_after_emphasis_keeps_the_delimiters():
    assert (
        fixed("**the** the council met on Monday.\n", "s.md") == "**the** council met on Monday.\n"
    )


def test_doubled_word_that_differs_in_case_across_markup_has_no_fix():
    story = "It was <b>The</b> the best."
    (finding,) = [
        f for f in newslint.lint_text(story, filename="s.html") if f.rule == "doubled-word"
    ]
    # Deleting " the" is clean here ("<b>The</b>" keeps its tags).
    assert fixed(story, "s.html") == "It was <b>The</b> best."
    assert finding.fix is not None


def test_a_markdown_image_is_never_a_doubled_space():
    story = "The mayor opened it ![Photo](m.jpg) on Saturday morning in the rain.\n"
    assert "doubled-space" not in rules_of(story, "s.md")
    assert fixed(story, "s.md") == story


def test_clean_span_refuses_gaps_and_cut_entities():
    source_map = SourceMap()
    source_map.add(0, 4, 0, 4)  # "the " copied
    source_map.add(4, 3, 10, 3)  # "the" after a tag
    source_map.add(7, 1, 13, 6)  # an entity standing for one character
    assert source_map.clean_span(0, 4) == (0, 4)
    assert source_map.clean_span(3, 7) is None  # across the tag
    assert source_map.clean_span(4, 8) == (10, 19)  # the entity whole
    source_map.add(8, 2, 19, 2)
    assert source_map.clean_span(7, 9) == (13, 20)


# --- applicability -------------------------------------------------------------------------


def test_rules_state_their_fix_safety():
    findings = newslint.lint_text(
        "The meeting lasted a hour.  It ended the the day.\n", filename="s.txt"
    )
    by_rule = {f.rule: f.fix.applicability for f in findings if f.fix}
    assert by_rule == {"a-an": "unsafe", "doubled-word": "safe"}


def test_fix_applies_safe_fixes_and_unsafe_ones_only_when_asked(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("The meeting lasted a hour and the the vote followed.\n")
    done = run_in_process("check", "--no-plugins", "--fix", str(path))
    assert path.read_text() == "The meeting lasted a hour and the vote followed.\n"
    assert "[*] 0 fixable with --fix (1 more with --fix --unsafe-fixes)" in done.stdout
    run_in_process("check", "--no-plugins", "--fix", "--unsafe-fixes", str(path))
    assert path.read_text() == "The meeting lasted an hour and the vote followed.\n"


def test_without_fix_the_text_output_counts_the_fixes(cli):
    result = cli("check", "--no-plugins", "-", input="Advertisement\nThe meeting lasted a hour.\n")
    assert "[*] 1 fixable with --fix (1 more with --fix --unsafe-fixes)" in result.output


def test_unsafe_fixes_without_fix_is_a_usage_error():
    done = run_in_process("check", "--no-plugins", "--unsafe-fixes", "-", input="x\n")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "--fix" in done.stderr


def test_plugin_edits_without_an_applicability_count_as_unsafe():
    from newslint.rule import Rule

    rule = Rule(id="demo", category="style", severity="info", check=lambda d, o: (), doc="Demo.\n")
    assert rule.finding(0, 1, "m", fix=[Edit(0, 1, "x")]).fix.applicability == "unsafe"
    assert rule.finding(0, 1, "m", fix=()).fix is None
    with pytest.raises(ValueError):
        Fix((Edit(0, 1, ""),), "maybe")


def test_lint_paths_fixes_like_the_command_line(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("The meeting lasted a hour and the the vote followed.\n")
    newslint.lint_paths([path], fix=True)
    assert path.read_text() == "The meeting lasted a hour and the vote followed.\n"
    (result,) = newslint.lint_paths([path], fix=True, unsafe_fixes=True)
    assert path.read_text() == "The meeting lasted an hour and the vote followed.\n"
    assert result.findings == []


# --- JSON and SARIF --------------------------------------------------------------------------


def test_json_fix_offsets_are_in_the_original_crlf_file(cli):
    body = "Advertisement\r\nThe mayor  resigned.\r\nShe had  served.\r\n"
    result = cli("check", "--no-plugins", "--format", "json", "-", input=body.encode())
    out = json.loads(result.output)
    assert out["version"] == "0.4.0" and out["summary"]["fixable"] == {"safe": 3, "unsafe": 0}
    edits = [e for f in out["files"][0]["findings"] for e in f["fix"]["edits"]]
    assert [body[e["start"] : e["end"]] for e in edits] == ["Advertisement\r\n", "  ", "  "]
    assert [(e["line"], e["column"]) for e in edits] == [(1, 1), (2, 10), (3, 8)]


def test_crlf_file_is_fixed_at_the_right_places(tmp_path):
    path = tmp_path / "story.md"
    path.write_bytes(b"The council met.\r\n\r\nAdvertisement\r\n\r\nIt voted  on the the plan.\r\n")
    run_in_process("check", "--no-plugins", "--fix", str(path))
    assert path.read_bytes() == b"The council met.\r\n\r\nIt voted on the plan.\r\n"


def test_sarif_carries_fixes_and_validates(tmp_path):
    (tmp_path / "story.html").write_text(
        "<p>The council met.</p><p>Advertisement</p><p>It voted a hour later.</p>"
    )
    done = run_in_process("check", "--no-plugins", "--format", "sarif", "story.html", cwd=tmp_path)
    log = json.loads(done.stdout)
    assert_valid_sarif(log)
    fixes = {r["ruleId"]: r["fixes"][0] for r in log["runs"][0]["results"]}
    (change,) = fixes["debris"]["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "story.html"
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 1, "startColumn": 24, "endLine": 1, "endColumn": 44},
            "insertedContent": {"text": ""},
        }
    ]
    assert fixes["a-an"]["properties"]["applicability"] == "unsafe"


# --- quotes, scopes, capitals ------------------------------------------------------------------

GOVT = {
    "house-style": [
        {
            "id": "govt",
            "kind": "substitution",
            "pattern": r"\bGovt\b",
            "replace": "government",
            "fix": "safe",
        }
    ]
}


def test_house_rule_leaves_quoted_speech_alone_by_default():
    story = '"The Govt lied to us," the protester shouted.\n\nThe Govt denied it.\n'
    assert fixed(story, "s.txt", config=GOVT) == (
        '"The Govt lied to us," the protester shouted.\n\nThe government denied it.\n'
    )


def test_house_rule_with_quotes_in_scope_reports_but_never_rewrites_them():
    config = {"house-style": [{**GOVT["house-style"][0], "scope": ["body", "quotes"]}]}
    story = '"The Govt lied to us," the protester shouted.\n'
    (finding,) = newslint.lint_text(story, filename="s.txt", config=config)
    assert finding.rule == "house/govt" and finding.fix is None


def test_house_rule_scope_can_leave_out_the_headline():
    config = {"house-style": [{**GOVT["house-style"][0], "scope": ["body"]}]}
    story = "# Govt to review rail link\n\nThe Govt will review it.\n"
    assert (
        fixed(story, "s.md", config=config)
        == "# Govt to review rail link\n\nThe government will review it.\n"
    )


def test_title_case_headline_keeps_its_capitals():
    story = "# Talks Between Govt and Taliban Resume\n\nThe Govt said talks would resume.\n"
    assert fixed(story, "s.md", config=GOVT) == (
        "# Talks Between Government and Taliban Resume\n\nThe government said talks would resume.\n"
    )


def test_sentence_start_keeps_its_capital():
    assert fixed("Govt sources said so.\n", "s.txt", config=GOVT) == "Government sources said so.\n"


def test_fixes_never_rewrite_quoted_speech():
    story = 'She said: "It was the the worst day."\n'
    (finding,) = newslint.lint_text(story, filename="s.txt")
    assert finding.rule == "doubled-word" and finding.fix is None


def test_regions_api():
    document = newslint_document('# Talks Resume\n\nShe said "the Govt lied" today.\n')
    regions = document.regions
    quote_start = document.text.index("the Govt")
    assert regions.headline is not None and regions.scope_of(0) == "headline"
    assert regions.scope_of(quote_start) == "quotes" and regions.in_quote(
        quote_start - 3, quote_start + 1
    )
    assert regions.scope_of(document.text.index("today")) == "body"
    assert [r.kind for r in regions.all()] == ["headline", "quote"]


def newslint_document(text: str, path: str = "s.md"):
    from newslint.parsers.markdown import parse

    return parse(path, text)


@pytest.mark.parametrize(
    "table, key",
    [
        ({"replace": "gov\x00ernment"}, "replace"),
        ({"replace": "gov\nernment"}, "replace"),
        ({"fix": "sometimes"}, "fix"),
        ({"scope": ["body", "sidebar"]}, "scope"),
        ({"scope": []}, "scope"),
    ],
)
def test_bad_fix_keys_are_config_errors(table, key):
    with pytest.raises(ConfigError, match=f"key '{key}'"):
        config_from_dict({"house-style": [{**GOVT["house-style"][0], **table}]}, "newslint.toml")


def test_nul_in_a_replacement_stops_the_run_with_one_line(tmp_path):
    (tmp_path / "newslint.toml").write_text(
        '[[house-style]]\nid = "govt"\nkind = "substitution"\npattern = \'Govt\'\nreplace = "\\u0000"\n'
    )
    (tmp_path / "s.txt").write_text("The Govt met.\n")
    done = run_in_process("check", "--no-plugins", "s.txt", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "replace" in done.stderr


# --- two fixes on one span, and idempotence ------------------------------------------------


def test_two_fixes_on_one_span_house_style_wins_and_the_loser_says_so():
    config = {
        "house-style": [
            {"id": "govt", "kind": "substitution", "pattern": r"\bGovt\b", "replace": "government"},
            {
                "id": "govt-short",
                "kind": "substitution",
                "pattern": r"\bGovt\b",
                "replace": "Gov.",
                "fix": "safe",
            },
        ]
    }
    found = newslint.lint_text("The Govt met.\n", filename="s.txt", config=config)
    with_fix = [f for f in found if f.fix is not None]
    assert [f.rule for f in with_fix] == ["house/govt-short"]  # safe beats unsafe
    (loser,) = [f for f in found if f.fix is None]
    assert loser.data["fix_superseded_by"] == "house/govt-short"


def test_house_fix_that_would_make_a_doubled_word_is_not_offered():
    story = "The Govt Govt met.\n"
    once = fixed(story, "s.txt", config=GOVT)
    assert once == story and fixed(once, "s.txt", config=GOVT) == once


def test_second_fix_changes_nothing(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(
        "# Talks Resume\n\nThe the council met.  It voted.\n\nAdvertisement\n\nShare this post\n"
    )
    run_in_process("check", "--no-plugins", "--fix", str(path))
    first = path.read_text()
    run_in_process("check", "--no-plugins", "--fix", str(path))
    assert path.read_text() == first == "# Talks Resume\n\nThe council met.  It voted.\n"


def test_every_rule_that_fixes_states_its_fix_safety():
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.inputs import Source
    from newslint.plugins import build_registry

    fixing = set()
    for rule in build_registry(entry_points=False).rules.values():
        linter = Linter.create(Config(select=(rule.id,)), entry_points=False)
        for stories in rule.example_sets()[0]:
            results = linter.run([Source(p, t) for p, t in stories])
            if any(f.fix for r in results for f in r.findings if f.rule == rule.id):
                fixing.add(rule.id)
                assert "## Fix safety" in (rule.doc or ""), (
                    f"{rule.id} fixes but does not say how safely"
                )
    assert {"debris", "doubled-word", "doubled-space", "a-an"} <= fixing


def test_no_fix_inside_a_paragraph_printed_twice_so_one_fix_run_settles():
    para = "The harbour board agreed to review the the parking scheme on Monday.\nShare this post"
    story = f"{para}\n\nMembers voted.\n\n{para}\n"
    findings = newslint.lint_text(story, filename="s.txt")
    held = [f for f in findings if f.rule in ("doubled-word", "debris")]
    assert held and all(f.fix is None and "delete one copy" in f.data["fix_held"] for f in held)
    assert fixed(story, "s.txt") == story
    one_copy = f"{para}\n\nMembers voted.\n"
    assert fixed(one_copy, "s.txt") == (
        "The harbour board agreed to review the parking scheme on Monday.\n\nMembers voted.\n"
    )


def test_a_block_of_nothing_but_debris_goes_whole():
    story = "<p>Advertisement<br><b>Share this post</b></p><p>The council met.</p>"
    assert fixed(story, "s.html") == "<p>The council met.</p>"
    assert fixed("Text here.\n\nAdvertisement\nShare this post\n\nMore text.\n", "s.txt") == (
        "Text here.\n\nMore text.\n"
    )


def test_one_line_html_with_a_copied_paragraph_still_loses_its_other_debris():
    para = "<p>The harbour board agreed to review the parking scheme on Monday night.</p>"
    story = f"{para}<p>Advertisement</p><p>Members voted nine to two.</p>{para}"
    assert fixed(story, "s.html") == f"{para}<p>Members voted nine to two.</p>{para}"
