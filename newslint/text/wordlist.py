"""What the spelling rule knows of English words: how common each is on the web, and
whether a spelling dictionary has it.

Three installed packages hold the data. wordfreq (Apache-2.0; its data CC BY-SA 4.0) ships
one gzipped msgpack file a language: a header, then lists of words, the list at index ``i``
holding the words seen ``-i`` centibels often (Zipf frequency ``9 - i / 100``; 3.0 is once
per million words). symspellpy (MIT) ships an 82,765-word English dictionary (SCOWL words
seen in Google Books) and pyspellchecker (MIT) a 160,000-word one; the two together cover
British and American spelling.

Decoding them into Python objects costs over 100 ms, which would double a single-file run.
So they are read once into a cache file: ``<word>\\t<code>`` lines sorted by word (the code
is the Zipf frequency x 100, doubled, plus one for a dictionary word), then a blank line and
the common words (Zipf 3 or more) alone, from which suggestions are drawn. Each later run
maps that file into memory (only the pages a look-up touches are read) and looks words up
by binary search, turning the whole list into a dict only once a run has asked about many
words (a corpus), where building it pays for itself.

The cache lives in ``$NEWSLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/newslint``, else
``~/.cache/newslint``; it is named after the size and time of the three source files, so an
upgrade rebuilds it, and it is written atomically. Where it cannot be written the list is
built in memory for the run. wordfreq itself is never imported (its import alone takes
200 ms): its file is found through the import system and read with msgpack, as
``wordfreq.read_cBpack`` does.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from pathlib import Path
from typing import NamedTuple

CACHE_FORMAT = 3
COMMON = 300  # Zipf x 100 of the words kept apart as suggestions (once per million words)
# Distinct words looked up by binary search before the whole list is made a dict.
_DICT_AFTER = 20000


class WordListError(Exception):
    """wordfreq's English list is missing or unreadable (one line, for the user)."""


def cache_dir() -> Path:
    explicit = os.environ.get("NEWSLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newslint"


def _package_file(package: str, *parts: str) -> Path:
    """A data file of an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise WordListError(
            f"the spelling rule needs the '{package}' package (pip install {package})"
        )
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.is_file():
        raise WordListError(f"{package}'s English word list is missing ({path})")
    return path


def _sources() -> tuple[Path, Path, Path]:
    return (
        _package_file("wordfreq", "data", "large_en.msgpack.gz"),
        _package_file("symspellpy", "frequency_dictionary_en_82_765.txt"),
        _package_file("spellchecker", "resources", "en.json.gz"),
    )


def _decode(path: Path, british: Path, american: Path) -> bytes:
    """wordfreq's cBpack file and the two dictionaries as sorted
    ``word\tzipf100\tin-dictionary\n`` lines."""
    import json
    import gzip

    import msgpack

    try:
        with gzip.open(path, "rb") as handle:
            data = msgpack.load(handle, raw=False)
    except (OSError, ValueError, msgpack.ExtraData, msgpack.FormatError, msgpack.StackError) as exc:
        raise WordListError(f"wordfreq's English word list is unreadable ({path}: {exc})") from None
    header = data[0] if isinstance(data, list) and data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise WordListError(f"wordfreq's English word list has an unknown format ({path})")
    zipf: dict[str, int] = {}
    for index, bucket in enumerate(data[1:]):
        score = 900 - index
        for word in bucket:
            if word.isprintable() and "\t" not in word:
                zipf.setdefault(word, score)
    try:
        curated = {
            line.split()[0]
            for line in british.read_text(encoding="utf-8").splitlines()
            if line.strip()
        }
    except (OSError, UnicodeDecodeError) as exc:
        raise WordListError(
            f"symspellpy's English dictionary is unreadable ({british}: {exc})"
        ) from None
    try:
        with gzip.open(american, "rt", encoding="utf-8") as handle:
            curated.update(word for word in json.load(handle) if isinstance(word, str))
    except (OSError, ValueError) as exc:
        raise WordListError(
            f"pyspellchecker's English dictionary is unreadable ({american}: {exc})"
        ) from None
    for word in curated:
        zipf.setdefault(word, 0)
    lines = [f"{word}\t{score * 2 + (word in curated)}\n" for word, score in sorted(zipf.items())]
    # After a blank line, the common words alone, for suggestions: a set of them is quick to build.
    common = [word for word, score in zipf.items() if score >= COMMON and word.isalpha()]
    return ("".join(lines) + "\n" + "\n".join(sorted(common))).encode("utf-8")


def _mapped(path: Path):
    """The file mapped read-only (pages are read as lookups touch them), or None."""
    import mmap

    try:
        with open(path, "rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable, or empty
        return None


def _cached_bytes():
    """The list as bytes (or a read-only map of the cache file, which reads like bytes)."""
    sources = _sources()
    stamp = "-".join(f"{s.st_size}-{int(s.st_mtime)}" for s in (p.stat() for p in sources))
    folder = cache_dir()
    target = folder / f"english-{stamp}-v{CACHE_FORMAT}.tsv"
    mapped = _mapped(target)
    if mapped is not None:
        return mapped
    blob = _decode(*sources)
    try:
        import tempfile

        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".english-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(temp, target)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass  # a read-only home or cache: the list lives in memory for this run
    return blob


class Entry(NamedTuple):
    zipf100: int  # Zipf frequency x 100; 0 when wordfreq does not have the word
    in_dictionary: bool  # in symspellpy's English dictionary (SCOWL words seen in Google Books)


UNKNOWN = Entry(0, False)


class WordList:
    """What is known of lower-case English words: how common, and whether a dictionary has them."""

    def __init__(self, blob: bytes) -> None:
        # The blob is searched in place, never sliced whole: copying its 5 MB would cost
        # more than reading it.
        self._blob = blob
        split = blob.rfind(b"\n\n")  # from the end: the common words are the short tail
        self._end = len(blob) if split == -1 else split + 1  # the sorted lines end here
        self._memo: dict[str, Entry] = {}
        self._all: dict[str, Entry] | None = None
        self._common: frozenset[str] | None = None

    def common(self) -> frozenset[str]:
        """The words of Zipf 3 or more (letters only), built on first use."""
        if self._common is None:
            text = self._blob[self._end + 1 :].decode("utf-8")
            self._common = frozenset(text.split("\n")) if text else frozenset()
        return self._common

    def zipf100(self, word: str) -> int:
        return self.entry(word).zipf100

    def entry(self, word: str) -> Entry:
        if self._all is not None:
            return self._all.get(word, UNKNOWN)
        found = self._memo.get(word)
        if found is None:
            found = self._memo[word] = self._search(word.encode("utf-8", "surrogatepass"))
            if len(self._memo) > _DICT_AFTER:
                self._all = self.whole()
        return found

    def whole(self) -> "_Entries":
        """Every entry as a dict (about 100 ms: for runs that ask about many words)."""
        return _as_dict(self._blob[: self._end])

    def _search(self, key: bytes) -> Entry:
        """Binary search for ``key`` among the sorted lines of the blob."""
        blob = self._blob
        lo, hi = 0, self._end
        while lo < hi:
            mid = (lo + hi) // 2
            start = blob.rfind(b"\n", 0, mid) + 1
            tab = blob.find(b"\t", start)
            end = blob.find(b"\n", tab)
            word = blob[start:tab]
            if word == key:
                return _entry(blob[tab + 1 : end])
            if word < key:
                lo = end + 1
            else:
                hi = start
        return UNKNOWN


class _Entries(dict):
    """The whole list as a dict of word -> its line's numbers, kept as text and read into an
    Entry on access: building it takes two C-level passes over the file, not 320,000 tuples."""

    def get(self, word, default=None):
        found = dict.get(self, word)
        return default if found is None else _entry(found)


def _entry(code) -> Entry:
    zipf, curated = divmod(int(code), 2)
    return Entry(zipf, bool(curated))


def _as_dict(blob: bytes) -> _Entries:
    parts = iter(blob.decode("utf-8").rstrip("\n").replace("\t", "\n").split("\n"))
    return _Entries(zip(parts, parts))


_lock = threading.Lock()
_loaded: WordList | None = None


def word_list() -> WordList:
    """The English word list, read on first use (shared by every run in the process)."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = WordList(_cached_bytes())
        return _loaded
