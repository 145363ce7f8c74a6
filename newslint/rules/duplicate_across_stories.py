"""A paragraph that also stands, word for word, in another story of the same run.

A paragraph pasted into the wrong story, or a story filed twice under two names, is
invisible when each file is read alone. This rule sees every story checked in one run
(a folder, a commit's files, a CMS batch) and reports each long paragraph that appears in
more than one of them, after normalising case, spacing and quote style, naming the other
file and line. Short paragraphs and boilerplate lines are left alone; a newsroom whose
stories share a standard background paragraph can raise ``min-words`` or turn the rule off
for those folders.

## Wrong

```text first.txt
[[The city council approved a £40m plan on Tuesday to rebuild the old market hall as a library, a theatre and a covered square.]]
```

```text second.txt
A fire broke out in a warehouse near the docks early on Sunday, the fire service said.

[[The city council approved a £40m plan on Tuesday to rebuild the old market hall as a library, a theatre and a covered square.]]
```

## Right

```text first.txt
The city council approved a £40m plan on Tuesday to rebuild the old market hall as a library, a theatre and a covered square.
```

```text second.txt
The council's plan for the old market hall, approved on Tuesday, includes a library, a theatre and a covered square.
```
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from newslint.options import Integer, option
from newslint.rule import Rule, hookimpl
from newslint.rules.duplicate_paragraph import line_range, paragraph_tokens

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

    from newslint.config import Config
    from newslint.document import Document
    from newslint.model import Finding


@dataclass(frozen=True)
class DuplicateAcrossStoriesOptions:
    """The duplicate-across-stories rule's options ([rules.duplicate-across-stories])."""

    min_words: int = option(
        Integer(minimum=1), 15, "A paragraph of fewer words is not compared across stories."
    )


def check(document: Document, options: object) -> Iterable[Finding]:
    return ()  # it needs every story of the run: see newslint_check_documents below


RULE = Rule(
    id="duplicate-across-stories",
    category="duplication",
    severity="warning",
    check=check,
    doc=__doc__,
    options=DuplicateAcrossStoriesOptions,
    enabled_by_default=False,
)


# A long paragraph is known across the run by a short digest of its normalised words, so a
# run over an archive keeps a few dozen bytes a paragraph, never the stories themselves.
_DIGEST_BYTES = 16


class Paragraph(NamedTuple):
    """One long paragraph of a story, as the rest of the run sees it."""

    key: bytes  # digest of the paragraph's normalised words
    block: int  # its index among the story's blocks
    first_line: int
    last_line: int


class Place(NamedTuple):
    """Where a paragraph stands: the story (path) and its block and lines there."""

    path: str
    block: int
    first_line: int
    last_line: int


def _key(tokens: tuple[str, ...]) -> bytes:
    import hashlib  # here: a run without this rule (off by default) does not import it

    return hashlib.blake2b(
        "\x00".join(tokens).encode("utf-8", "surrogatepass"), digest_size=_DIGEST_BYTES
    ).digest()


def _min_words(config: Config) -> int:
    options: DuplicateAcrossStoriesOptions = config.rule_options(RULE)
    return options.min_words


def _long_paragraphs(document: Document, min_words: int) -> list[tuple[bytes, int]]:
    return [
        (_key(tokens), index)
        for index, tokens in enumerate(paragraph_tokens(document))
        if len(tokens) >= min_words
    ]


@hookimpl
def newslint_fingerprint(document: Document, config: Config) -> list[Paragraph]:
    """The story's long paragraphs as digests with their blocks and lines."""
    out = []
    for key, index in _long_paragraphs(document, _min_words(config)):
        first, last = document.block_lines(index)
        out.append(Paragraph(key, index, first, last))
    return out


@hookimpl
def newslint_reduce_fingerprints(
    fingerprints: Iterable[tuple[str, list[Paragraph]]], config: Config
) -> dict[bytes, tuple[Place, ...]]:
    """For each digest, its first two places in run order (each story once): the other
    place of any story holding it is the first of them that is not the story itself."""
    places: dict[bytes, tuple[Place, ...]] = {}
    for path, paragraphs in fingerprints:
        for paragraph in paragraphs:
            found = places.get(paragraph.key, ())
            if len(found) < 2 and (not found or found[-1].path != path):
                places[paragraph.key] = (
                    *found,
                    Place(path, paragraph.block, paragraph.first_line, paragraph.last_line),
                )
    # Digests seen in one story only can never match: dropped, so the index stays small.
    return {key: found for key, found in places.items() if len(found) > 1}


def _runs(matches: list[tuple[int, Place]]) -> list[list[tuple[int, Place]]]:
    """Group (index, other place) into runs that advance together in both stories, so a
    story filed twice is one finding, not one per paragraph."""
    runs: list[list[tuple[int, Place]]] = []
    for match in matches:
        last = runs[-1][-1] if runs else None
        if (
            last
            and last[1].path == match[1].path
            and match[0] > last[0]
            and match[1].block > last[1].block
        ):
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


@hookimpl
def newslint_check_documents(
    documents: Iterable[Document],
    config_for: Callable[[str], Config],
    index: Mapping[bytes, tuple[Place, ...]],
) -> Iterator[tuple[Document, Finding]]:
    """``index``: what newslint_reduce_fingerprints made of every story of the run (the
    engine builds it from ``documents`` when a caller hands over all stories at once). Each
    story's min-words is its own config's, as its fingerprint's was."""
    if not index:  # no story fingerprinted (the rule is off): no paragraph can match another
        return
    for document in documents:
        matches: list[tuple[int, Place]] = []
        seen: set[bytes] = set()
        min_words = _min_words(config_for(document.path))
        for key, block in _long_paragraphs(document, min_words):
            if key in seen:  # a paragraph repeated inside the story: its first place counts
                continue
            seen.add(key)
            other = next((p for p in index.get(key, ()) if p.path != document.path), None)
            if other is not None:
                matches.append((block, other))
        for run in _runs(matches):
            first, last = run[0], run[-1]
            other_path = first[1].path
            here = document.blocks[first[0]].start, document.blocks[last[0]].end
            what = "This paragraph" if len(run) == 1 else f"These {len(run)} paragraphs"
            verb = "appears" if len(run) == 1 else "appear"
            yield (
                document,
                RULE.finding(
                    *here,
                    f"{what} also {verb} in {other_path} "
                    f"({line_range(first[1].first_line, last[1].last_line)}); "
                    "pasted into the wrong story, or the story filed twice?",
                    data={"also_in": other_path, "related_lines": []},
                ),
            )


@hookimpl
def newslint_rules() -> list[Rule]:
    return [RULE]
