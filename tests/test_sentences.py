"""The shared sentence splitter on news copy: where it cuts and, above all, where it must not."""

from __future__ import annotations

import time

import pytest

from newslint.text.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Okafor and Mrs Lund met Dr. Haas at the depot on Tuesday.",
        "Gov. Ramirez signed the bill, and Lt. Col. Brandt read it aloud.",
        "Sen. Alvarez spoke after Prof. Weir and Supt. Kaye had left.",
        "The strike began on Nov. 5 and ended on Dec. 12, the union said.",
        "The U.S. Senate and the U.N. Security Council both met in the U.K. capital.",
        "The novel by J. K. Rowling was praised by George W. Bush and T. S. Eliot fans.",
        "Inflation rose to 3.5% in March, and the shares closed at $1.13 on the day.",
        "The budget for 2005 is £2.4bn, up 0.75 points on the year before.",
        '"We strongly recommend that talks start soon... to end the war," the statement said.',
        '"Will it work?" Mr Lee asked, before the meeting closed.',
        '"Get out of here!" Ms Tan shouted at the reporters outside.',
        "The talks open at 9 a.m. GMT and close at noon.",
        "Downing Street said No. 10 had no comment on Fig. 3 of the report.",
        "Profits at Acme Inc. rose, while Widget Corp. shares fell.",
    ],
)
def test_one_sentence_stays_whole(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The vote was close. Ministers met again on Friday.",
            ["The vote was close.", "Ministers met again on Friday."],
        ),
        (
            'He said the plan "was never going to work." Then he left the room.',
            ['He said the plan "was never going to work."', "Then he left the room."],
        ),
        ('"It is over," she said. "We lost."', ['"It is over," she said.', '"We lost."']),
        (
            '"We won!" The crowd cheered for an hour.',
            ['"We won!"', "The crowd cheered for an hour."],
        ),
        ("Is it legal? Lawyers are divided.", ["Is it legal?", "Lawyers are divided."]),
        (
            "The firm expanded into the U.S. The move cost $40m.",
            ["The firm expanded into the U.S.", "The move cost $40m."],
        ),
        (
            "Flights resume at 6 a.m. Passengers should check first.",
            ["Flights resume at 6 a.m.", "Passengers should check first."],
        ),
        (
            "Voters said no. Then the council tried again.",
            ["Voters said no.", "Then the council tried again."],
        ),
        (
            "The report was due in Oct. The delay angered MPs.",
            ["The report was due in Oct.", "The delay angered MPs."],
        ),
        (
            "The drug helps patients with MS. Final approval is due in May.",
            ["The drug helps patients with MS.", "Final approval is due in May."],
        ),
        (
            "We waited and waited... Nothing happened.",
            ["We waited and waited...", "Nothing happened."],
        ),
        ("We waited… Nothing happened.", ["We waited…", "Nothing happened."]),
        ("The result (a draw.) Fans went home.", ["The result (a draw.)", "Fans went home."]),
        (
            "Turnout fell to 41.2%. It was 44% in 2001.",
            ["Turnout fell to 41.2%.", "It was 44% in 2001."],
        ),
    ],
)
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_bulleted_lines_are_sentences():
    text = "The plan has three parts:\n- cut fares by 10%\n- add night buses\n• close two depots"
    assert sentences(text) == [
        "The plan has three parts:",
        "- cut fares by 10%",
        "- add night buses",
        "• close two depots",
    ]


def test_numbered_list_lines_are_sentences():
    text = "Key dates:\n1. talks open\n2) a vote follows"
    assert sentences(text) == ["Key dates:", "1. talks open", "2) a vote follows"]


def test_offsets_point_into_the_text_without_surrounding_space():
    text = "  First one.   Second one.  "
    spans = split_sentences(text)
    assert spans == [(2, 12), (15, 26)]


def test_document_sentences_carry_prose_offsets():
    from newslint.parsers.plain import parse

    doc = parse("s.txt", "Headline here\n\nMr. Cole spoke. He left at 5 p.m. GMT.\n")
    assert [s.text for s in doc.sentences] == [
        "Headline here",
        "Mr. Cole spoke.",
        "He left at 5 p.m. GMT.",
    ]
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


def test_document_sentences_read_as_a_list_of_records():
    """Held as offsets, the sentences still index, slice and iterate as the records do."""
    from newslint.document import Sentence
    from newslint.parsers.markdown import parse

    doc = parse("s.md", "# A title\n\nOne here. Two *here* too.\n\n- Three. Four?\n")
    records = [Sentence(s.start, s.end, doc.text[s.start : s.end], s.block) for s in doc.sentences]
    assert [r.text for r in records] == ["A title", "One here.", "Two here too.", "Three.", "Four?"]
    assert [r.block for r in records] == [0, 1, 1, 2, 2]
    assert list(doc.sentences) == records and len(doc.sentences) == len(records)
    assert doc.sentences[-1] == records[-1] and doc.sentences[1:4] == records[1:4]
    assert doc.sentences[::-2] == records[::-2]
    with pytest.raises(IndexError):
        doc.sentences[len(records)]


def test_empty_and_blank_text():
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []


def _time_split(n: int) -> float:
    text = "Mr. Lee said the U.S. deal was worth $3.5bn. Then he left... " * n
    start = time.process_time()  # CPU time: another test worker's share of the cores is not ours
    spans = split_sentences(text)
    elapsed = time.process_time() - start
    assert len(spans) == 2 * n
    return elapsed


def test_splitting_is_linear_in_block_length():
    # One enormous paragraph (a paste with no blank lines) must not go quadratic.
    _time_split(200)  # warm the lexicon cache
    small = min(_time_split(2_000) for _ in range(3))
    large = min(_time_split(20_000) for _ in range(3))
    assert large < small * 25, (small, large)
