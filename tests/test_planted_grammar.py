"""benchmarks/planted_grammar.py: slips planted in memory, found by the rules (on our own stories)."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "planted_grammar.py"

STORIES = {
    "one.txt": "Ferry Fares Rise\n\nThe operator said it did not expect a further rise. "
    "Passengers were not told about the change in advance.\n\n"
    "Council officers said that the pier would reopen in the spring.\n",
    "two.txt": "Bridge Closed\n\nEngineers said they would not reopen the bridge before May. "
    "The mayor said she did not directly answer the letter.\n\n"
    "What the council wants is a new crossing, and it was closed on Monday.\n",
}


@pytest.fixture(scope="module")
def planted():
    spec = importlib.util.spec_from_file_location("newslint_planted_grammar", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_auxiliary_is_deleted_and_the_kind_follows_the_next_word(planted):
    left_out: Counter = Counter()
    text = STORIES["one.txt"]
    sites = list(planted.auxiliary_sites(text, left_out))
    assert [s.kind for s in sites] == ["missing-aux/other"]  # "Passengers were not": no pronoun
    first = sites[0]
    assert (
        "it not expect" in first.planted
        and first.planted.replace("it not", "it did not", 1) == text
    )


def test_doubles_are_planted_only_where_they_are_slips(planted):
    left_out: Counter = Counter()
    text = STORIES["two.txt"]
    sites = list(planted.doubled_sites(text, left_out))
    planted_words = {s.planted[s.start : s.end] for s in sites}
    assert "is is" not in planted_words  # "what the council wants is is": a wh-clause subject
    assert "the the" in planted_words and left_out["doubled-word/short"] >= 1


def test_every_planted_slip_in_our_stories_is_found(planted, tmp_path, capsys):
    corpus = tmp_path / "bbc-dev"
    corpus.mkdir()
    for name, text in STORIES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    assert (
        planted.main(["--corpora", str(tmp_path), "--corpus", "bbc-dev", "--per-story", "3"]) == 0
    )
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[1:]]
    by_kind = {row[1]: (int(row[2]), int(row[3])) for row in rows}
    assert by_kind["doubled-word/short"][0] == 6 and by_kind["missing-aux/other"][0] == 3
    assert all(found == count for count, found in by_kind.values())


def test_a_missing_corpus_is_a_usage_error(planted, tmp_path):
    assert planted.main(["--corpora", str(tmp_path), "--corpus", "bbc-dev"]) == 2
