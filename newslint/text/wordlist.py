"""What the spelling rule knows of English words: how common each is on the web, and
whether a spelling dictionary has it.

The list ships with newslint as ``newslint/data/english_words.tsv.gz`` (1.8 MB), built by
``tools/build_word_list.py`` from three well-kept packages that newslint itself does not
install: wordfreq's large English list (its data CC BY-SA 4.0) for how often the web writes
each word, and the English dictionaries of symspellpy (SCOWL words seen in Google Books) and
pyspellchecker (MIT both), which together cover British and American spelling. The data
file is distributed under CC BY-SA 4.0 (``english_words.LICENSE.txt`` beside it).

Its lines are ``<word>\\t<code>`` sorted by word (the code is the Zipf frequency x 100,
doubled, plus one for a dictionary word; Zipf 3.0 is once per million words), with a third
field on the lines of the common misspellings the web writes, their corrections
("occured\\t560\\toccurred", "realy\\t552\\treally,relay", from codespell's list), then a blank line and the common words (Zipf 3 or more) alone, from
which suggestions are drawn.
Decompressing it costs about 15 ms, so it is unpacked once into a cache file; each later
run maps that file into memory (only the pages a look-up touches are read) and looks words
up by binary search, turning the whole list into a dict only once a run has asked about
many words (a corpus), where building it pays for itself.

The cache lives in ``$NEWSLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/newslint``, else
``~/.cache/newslint``; it is named after the size and checksum of the shipped file, so an
upgrade unpacks it again (and removes the older copies), and it is written atomically.
Where it cannot be written the list is unpacked in memory for the run.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import mmap

CACHE_FORMAT = 5
# The shipped list (package data).
SOURCE = Path(__file__).resolve().parent.parent / "data" / "english_words.tsv.gz"
# Distinct words whose lookups are remembered; past this, the memo starts again (a run's
# vocabulary is open-ended: making the whole list a dict instead cost some 30 MB).
_MEMO_WORDS = 20000
_CACHE_PREFIX = "english-"


class WordListError(Exception):
    """The shipped word list is missing or unreadable (one line, for the user)."""


def cache_dir() -> Path:
    explicit = os.environ.get("NEWSLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newslint"


def _decode(path: Path) -> bytes:
    """The shipped list, unpacked."""
    import gzip
    import zlib

    try:
        with open(path, "rb") as handle:
            return gzip.decompress(handle.read())
    except (OSError, EOFError, zlib.error) as exc:
        raise WordListError(f"newslint's English word list is unreadable ({path}: {exc})") from None


def _mapped(path: Path) -> mmap.mmap | None:
    """The file mapped read-only (pages are read as lookups touch them), or None."""
    import mmap

    try:
        with open(path, "rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable, or empty
        return None


def _cached_bytes(source: Path = SOURCE) -> bytes | mmap.mmap:
    """The list as bytes (or a read-only map of the cache file, which reads like bytes)."""
    try:
        stat = source.stat()
    except OSError as exc:
        raise WordListError(f"newslint's English word list is missing ({source}: {exc})") from None
    folder = cache_dir()
    name = f"{_CACHE_PREFIX}{stat.st_size}-{_content_tag(source, stat)}-v{CACHE_FORMAT}.tsv"
    mapped = _mapped(folder / name)
    if mapped is not None:
        return mapped
    blob = _decode(source)
    try:
        import tempfile

        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".english-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(temp, folder / name)
        except BaseException:
            os.unlink(temp)
            raise
        _remove_stale(folder, name)
    except OSError:
        pass  # a read-only home or cache: the list lives in memory for this run
    return blob


def _content_tag(source: Path, stat: os.stat_result) -> str:
    """What names the list's cache: the CRC-32 of the unpacked list, from the gzip file's
    last 8 bytes. Named after the file's time instead, each install or work tree of the same
    release removed the others' caches, and each run after another's unpacked the list into
    memory again (5 MB, and as much again while unpacking)."""
    try:
        with open(source, "rb") as handle:
            handle.seek(-8, os.SEEK_END)
            return handle.read(4).hex()
    except OSError:  # shorter than a gzip trailer: unpacking it will say what is wrong
        return str(stat.st_mtime_ns)


def _remove_stale(folder: Path, keep: str) -> None:
    """Older unpacked lists (an earlier install's): each is 5 MB, and nothing reads them."""
    for path in folder.glob(f"{_CACHE_PREFIX}*.tsv"):
        if path.name != keep:
            # In use elsewhere, or not ours to remove: left as it is.
            with contextlib.suppress(OSError):
                path.unlink()


class Entry(NamedTuple):
    zipf100: int  # Zipf frequency x 100; 0 when the web list does not have the word
    in_dictionary: bool  # in symspellpy's or pyspellchecker's English dictionary
    # For a common misspelling ("occured"), what it is a misspelling of, the likeliest first.
    corrections: tuple[str, ...] = ()


UNKNOWN = Entry(0, False)


class WordList:
    """What is known of lower-case English words: how common, and whether a dictionary has them."""

    def __init__(self, blob: bytes | mmap.mmap) -> None:
        # The blob is searched in place, never sliced whole: copying its 5 MB would cost
        # more than reading it.
        self._blob = blob
        split = blob.rfind(b"\n\n")  # from the end: the common words are the short tail
        self._end = len(blob) if split == -1 else split + 1  # the sorted lines end here
        self._memo: dict[str, Entry] = {}
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
        found = self._memo.get(word)
        if found is None:
            if len(self._memo) >= _MEMO_WORDS:  # bounded: a run's vocabulary is open-ended
                self._memo.clear()
            found = self._memo[word] = self._search(word.encode("utf-8", "surrogatepass"))
        return found

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


def _entry(fields: str | bytes) -> Entry:
    """A line's fields after the word: ``<code>``, or ``<code>\\t<corrections>``."""
    text = fields.decode("utf-8") if isinstance(fields, bytes) else fields
    code, _, corrections = text.partition("\t")
    zipf, curated = divmod(int(code), 2)
    return Entry(zipf, bool(curated), tuple(corrections.split(",")) if corrections else ())


_lock = threading.Lock()
_loaded: WordList | None = None


def word_list() -> WordList:
    """The English word list, read on first use (shared by every run in the process)."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = WordList(_cached_bytes())
        return _loaded
