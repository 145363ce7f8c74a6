#!/usr/bin/env python3
"""Build ``newslint/data/english_words.tsv.gz``, the spelling rule's word list.

    pip install 'wordfreq>=3.1,<4' 'symspellpy>=6.7' 'pyspellchecker>=0.8' msgpack codespell==2.4.1
    apt-get install wamerican-huge wbritish-huge    # SCOWL's word lists, in /usr/share/dict
    python tools/build_word_list.py            # writes newslint/data/english_words.tsv.gz

The rule needs two facts about a lower-case English word: how often the web writes it, and
whether a spelling dictionary has it. Three well-kept packages hold them, and this script
joins them, with SCOWL's word lists, once, when the list is built, so that newslint installs none of them (wordfreq
alone is 57 MB installed with every language it knows, and brings ftfy, wcwidth, langcodes
and locate; the rule reads one 1.5 MB English file of it):

- wordfreq 3.1 (Apache-2.0; its data CC BY-SA 4.0, by Robyn Speer and contributors): the
  ``large_en`` list, words by Zipf frequency (3.0 is once per million words), read with
  msgpack as ``wordfreq.read_cBpack`` reads it;
- symspellpy 6.10 (MIT): its 82,765-word English dictionary (SCOWL words seen in Google
  Books), British-leaning;
- pyspellchecker 0.9 (MIT): its English dictionary, American;
- SCOWL's "huge" word lists, American and British (size 70: the rare but real words of an
  unabridged dictionary: "tieless", "oche"), from Debian's ``wamerican-huge``
  and ``wbritish-huge`` packages (``apt-get install wamerican-huge wbritish-huge``; Kevin
  Atkinson's SCOWL, a permissive licence that asks for its notice to be kept);
- codespell 2.4.1 (code GPL-2.0, its dictionaries CC BY-SA 3.0, grown from Wikipedia's
  "Lists of common misspellings"): common misspellings and what they are of. The web writes
  many of them often ("occured" once in six million words, "definately", "untill"), so
  frequency alone cannot tell them from words. A listed misspelling is marked as one, with
  its correction, where neither dictionary has it and the web does not write it commonly;
  where only SCOWL's unabridged lists have it ("publically", "supercede"), where its
  correction is about eight times as common too. Its entries for dropped g's ("trippin") are left
  out: copy writes those on purpose, with an apostrophe. Only the one file is read (its data
  is baked into the list; newslint installs nothing of codespell), and the version is
  pinned so the list builds the same bytes.

The output, in newslint's cache format (``newslint/text/wordlist.py``): ``<word>\\t<code>``
lines sorted by word, the code being the Zipf frequency x 100, doubled, plus one for a
dictionary word, and for a listed misspelling a third field, its corrections (the likeliest
first, comma-separated); then a blank line and the common words (Zipf 3 or more, letters only),
from which suggestions are drawn. It is gzipped with no timestamp, so the same packages
build the same bytes. The file is distributed under CC BY-SA 4.0, as wordfreq's data is
(``newslint/data/english_words.LICENSE.txt``).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
from pathlib import Path

import msgpack

COMMON = 300  # Zipf x 100 of the words kept apart as suggestions (once per million words)
SCOWL = ("american-english-huge", "british-english-huge")
# A SCOWL-only word is taken for a misspelling when its correction is this much more common
# (Zipf x 100: eight times): "publically" (2.69) beside "publicly" (4.28), "supercede" (1.72)
# beside "supersede" (2.68), but not "hander" (a left-hander, 2.87) beside "handler" (3.50)
# nor "momento" beside "memento".
SCOWL_MISSPELLING_GAP = 90
_WORD = re.compile(r"[a-z]+")
_CORRECTION = re.compile(r"[a-z]+(?: [a-z]+)?")  # "infact" -> "in fact"
OUTPUT = Path(__file__).resolve().parent.parent / "newslint" / "data" / "english_words.tsv.gz"


def package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"build_word_list: install '{package}' first (see the docstring)")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def scowl_file(name: str) -> Path:
    path = Path("/usr/share/dict", name)
    if not path.is_file():
        raise SystemExit(
            f"build_word_list: {path} is missing (apt-get install wamerican-huge wbritish-huge)"
        )
    return path


def scowl_words(paths: list[Path]) -> set[str]:
    """One word a line; possessives ("aardvark's") are the rule's to read, not the list's."""
    return {
        line
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and "'" not in line
    }


def web_frequencies(path: Path) -> dict[str, int]:
    """wordfreq's cBpack file: a header, then lists of words, the list at index ``i``
    holding the words seen ``-i`` centibels often (Zipf ``9 - i / 100``)."""
    with gzip.open(path, "rb") as handle:
        data = msgpack.load(handle, raw=False)
    header = data[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise SystemExit(f"build_word_list: unknown wordfreq format in {path}")
    zipf: dict[str, int] = {}
    for index, bucket in enumerate(data[1:]):
        for word in bucket:
            if word.isprintable() and "\t" not in word:
                zipf.setdefault(word, 900 - index)
    return zipf


def dictionary_words(symspell: Path, pyspell: Path) -> set[str]:
    words = {
        line.split()[0]
        for line in symspell.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    with gzip.open(pyspell, "rt", encoding="utf-8") as handle:
        words.update(word for word in json.load(handle) if isinstance(word, str))
    return {w for w in words if w.isprintable() and "\t" not in w and "\n" not in w}


def codespell_pairs(path: Path) -> dict[str, tuple[str, ...]]:
    """codespell's ``wrong->right`` lines (``wrong->likeliest, other,`` where it lists
    several) whose corrections are lower-case words (not names: "carribean->Caribbean")."""
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        wrong, _, right = line.strip().partition("->")
        corrections = tuple(part.strip() for part in right.rstrip(",").split(","))
        if _WORD.fullmatch(wrong) and all(_CORRECTION.fullmatch(c) for c in corrections):
            pairs[wrong] = corrections
    return pairs


def misspellings(
    pairs: dict[str, tuple[str, ...]], zipf: dict[str, int], dictionaries: set[str], scowl: set[str]
) -> dict[str, tuple[str, ...]]:
    """The listed misspellings the web writes that the rule would otherwise take for words
    (or find only by luck: "tommorow" is two edits from "tomorrow"), with their corrections,
    the likeliest first."""
    found = {}
    for wrong, corrections in pairs.items():
        score = zipf.get(wrong, 0)
        if not score or score >= COMMON or wrong in dictionaries:
            continue  # never written (a rare slip the rule reads by itself), common, or a word
        if wrong + "g" in corrections:
            continue  # "trippin'": dialect written so on purpose
        words = tuple(
            c
            for c in corrections
            if all(p in dictionaries or zipf.get(p, 0) >= COMMON for p in c.split())
        )
        if not words:
            continue
        likeliest = min(zipf.get(p, 0) for p in words[0].split())
        if wrong in scowl and likeliest < score + SCOWL_MISSPELLING_GAP:
            continue
        found[wrong] = words[:3]
    return found


def build() -> bytes:
    zipf = web_frequencies(package_file("wordfreq", "data", "large_en.msgpack.gz"))
    dictionaries = dictionary_words(
        package_file("symspellpy", "frequency_dictionary_en_82_765.txt"),
        package_file("spellchecker", "resources", "en.json.gz"),
    )
    scowl = scowl_words([scowl_file(name) for name in SCOWL])
    for word in dictionaries:
        zipf.setdefault(word, 0)
    # SCOWL's rare words count only where the web writes them too: "oche", "tieless" (its
    # 160,000 others would make the list a third longer for words no copy uses).
    # A listed misspelling is no dictionary word, whatever SCOWL's unabridged lists say.
    wrong = misspellings(
        codespell_pairs(package_file("codespell_lib", "data", "dictionary.txt")),
        zipf,
        dictionaries,
        scowl,
    )
    curated = (dictionaries | {word for word in scowl if zipf.get(word)}) - wrong.keys()
    lines = [
        f"{word}\t{score * 2 + (word in curated)}"
        + (f"\t{','.join(wrong[word])}\n" if word in wrong else "\n")
        for word, score in sorted(zipf.items())
    ]
    common = sorted(word for word, score in zipf.items() if score >= COMMON and word.isalpha())
    return ("".join(lines) + "\n" + "\n".join(common)).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    blob = build()
    args.output.write_bytes(gzip.compress(blob, compresslevel=9, mtime=0))
    listed = sum(line.count(b"\t") == 2 for line in blob.split(b"\n"))
    words = blob.count(b"\t") - listed
    size = args.output.stat().st_size
    print(f"{args.output}: {words:,} words ({listed:,} marked misspelt), {size:,} bytes")


if __name__ == "__main__":
    main()
