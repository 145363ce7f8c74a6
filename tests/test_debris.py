from __future__ import annotations

import pytest
from conftest import rule_hits


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Latest news",
        "Share this post",
        "Share on Facebook",
        "Advertisement",
        "Thumbnail",
        "Image copyright Getty Images",
        "Read more",
        "Related stories",
        "Sign up for our daily newsletter",
        "We use cookies to improve your experience",
        "Accept all cookies",
        "Story continues below advertisement",
        "Most read",
        "Follow us on Twitter",
        "READ MORE: Council tax to rise again",
        "Subscribe",
        "Facebook | Twitter | Email",
        # The chrome American outlets' pages carry: a photo viewer's buttons with the credit the
        # scrape put after them, video promos, ad breaks, newsletter plugs, related-story links.
        "Enlarge this image toggle caption Dana Pike/AP Dana Pike/AP",
        "toggle caption Lee Park/Getty Images",
        "JUST WATCHED Mayor on the flood plan Replay More Videos ... MUST WATCH Mayor on the flood plan 02:41",
        "MUST WATCH",
        "Advertisement Continue reading the main story",
        "Story Continued Below",
        "Slideshow (14 Images)",
        "( PHOTOS: Ten moments from the campaign)",
        "More On This...",
        "Harbour board delays the ferry vote again Read more",
        "Follow @cityhalldesk",
        "Newsletter Sign-up",
        "Sign up to receive the top stories every morning",
        "Get the Evening Stories you care about delivered to your inbox.",
        "Help support quality local journalism like this. Subscribe!",
        "This article is more than 2 years old",
        "SHARE THIS ARTICLE Share Tweet Post Email",
        "CLICK HERE TO GET THE CITY NEWS APP",
        "Browser not compatible.",
    ],
)
def test_chrome_lines_are_debris(line):
    found = rule_hits(f"The council met on Monday.\n\n{line}\n\nIt agreed the budget.\n", "debris")
    assert len(found) == 1 and found[0].line == 3 and found[0].column == 1
    assert found[0].end_column == len(line) + 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Shares rose 5% after the announcement.",
        "Latest news from the front suggested the ceasefire was holding, officials said.",
        "The image, shared on Facebook thousands of times, was later shown to be fake.",
        "Read more carefully, the report suggests the opposite, the professor said.",
        "Advertisement revenue at the group fell by a fifth in the first quarter.",
        "Related charges against two other men were dropped in March.",
        "Subscribers will pay £2 more a month from June, the company said.",
        "We use cookies from the local bakery for every meeting, the chairwoman joked.",
        "Voters who want to know more should read more than the leaflets, she said.",
        "The close vote left both parties claiming a mandate.",
        "Close to 400 people attended the vigil on Sunday.",
        "Enlarge this image, the editor told the designer, and move the caption below it.",
    ],
)
def test_sentences_containing_chrome_words_are_copy(sentence):
    assert rule_hits(sentence + "\n", "debris") == []


def test_debris_inside_a_multi_line_block_is_found_per_line():
    found = rule_hits(
        "Skip to main content\nLatest news\nThe mayor resigned on Friday.\n", "debris"
    )
    assert [f.line for f in found] == [1, 2]


def test_newsroom_adds_its_own_debris_patterns():
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.inputs import Source

    config = Config(select=("debris",), rules={"debris": {"extra": [r"more from the [a-z]+ desk"]}})
    linter = Linter.create(config, entry_points=False)
    result = linter.run(
        [Source("s.txt", "Council cuts bus routes.\n\nMore from the politics desk\n")]
    )[0]
    assert [f.line for f in result.findings] == [3]
