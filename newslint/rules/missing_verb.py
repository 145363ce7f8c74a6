"""A pronoun and "not" with no verb between them: "the group it not considered".

When an edit deletes "is", "was" or "were", or a typo turns "is" into "it", the sentence
is left with a subject, "not" and a participle or adjective and no verb: "they not
surprised", "a plan which not approved", "it not clear". The rule looks for a subject
pronoun (I, he, she, it, we, they, you) or "who", "which", "that", then "not", then a past
participle ("considered", "known", "taken") or an adjective that follows a verb ("sure",
"clear", "able"). It stays silent on correct English that looks alike: "not only", "not
just", "not least", "not all", "which not everyone shares", "it not being clear",
"whether or not", "believe it or not", "I hope not", the subjunctive "asked that they not
come", questions and inverted conditions ("Had they not acted", "Is it not clear"),
absolute phrases ("with it not yet known") and objects with a complement ("the jury found
it not guilty"). Word lists: ``newslint/data/irregular_participles.txt``,
``predicative_adjectives.txt`` and ``missing_verb_context.txt``.

## Wrong

```text
Ministers said the proposal it not expected to pass before the summer recess.
```

```text
Asked about the fine, the club said they not surprised by the decision.
```

## Right

```text
The decision, which not everyone on the council shares, will be reviewed in May.
```

```text
Whether or not the bill passes, the party will not only survive but grow, it not being
clear who else could lead it.
```

```text
Had they not acted so quickly, the fire would have spread, and the court asked that they
not be named.
```
"""

from __future__ import annotations

from newslint.rule import Rule, hookimpl
from newslint.text.lexicon import load_set
from newslint.text.words import Tokens, spaced, token_pattern

_SUBJECTS = {
    "i": ("am", "was"),
    "he": ("is", "was"),
    "she": ("is", "was"),
    "it": ("is", "was"),
    "we": ("are", "were"),
    "they": ("are", "were"),
    "you": ("are", "were"),
    "who": ("is", "was"),
    "which": ("is", "was"),
    "that": ("is", "was"),
}
# Plain verbs and nouns ending in -ed, which are not participles.
_NOT_PARTICIPLES = frozenset(
    "need proceed succeed exceed feed bleed breed speed heed seed weed creed greed tweed steed "
    "shred embed imbed wed shed bed red sled hundred kindred naked wicked sacred rugged".split()
)
_EED_PARTICIPLES = frozenset("agreed freed decreed guaranteed refereed disagreed".split())


def _is_participle_or_adjective(word: str) -> bool:
    if not word.islower() or not word.isalpha():
        return False
    if word in load_set("irregular_participles.txt"):
        return True
    if word in load_set("predicative_adjectives.txt"):
        return True
    if len(word) < 5 or not word.endswith("ed") or word in _NOT_PARTICIPLES:
        return False
    return not word.endswith("eed") or word in _EED_PARTICIPLES


_NOT_RE = token_pattern(["not"], ignorecase=True)


def check(document, options):
    text = document.text
    tokens = Tokens(text)
    context = load_set("missing_verb_context.txt")
    for match in _NOT_RE.finditer(text):
        neg = tokens.at(*match.span())
        subject = tokens.before(neg.start)
        if subject is None:
            continue
        auxes = _SUBJECTS.get(subject.lower)
        if auxes is None or subject.text not in (subject.lower, subject.lower.capitalize(), "I"):
            continue
        following = tokens.after(neg.end, 1)
        if not following:
            continue
        complement = following[0]
        if not _is_participle_or_adjective(complement.text):
            continue
        if not (spaced(text, subject, neg) and spaced(text, neg, complement)):
            continue
        earlier = tokens.before(subject.start)
        if earlier is not None and spaced(text, earlier, subject):
            before = earlier.lower
            if before in context:
                continue
            if before.endswith("ed") and subject.lower in ("it", "you", "that"):
                continue  # "considered it not worth", "declared it not valid"
        phrase = f"{subject.text} not {complement.text}"
        suggestions = [f"{subject.text} {aux} not {complement.text}" for aux in auxes]
        if subject.lower == "it":
            suggestions.append(f"{'Is' if subject.text == 'It' else 'is'} not {complement.text}")
        yield RULE.finding(
            subject.start,
            complement.end,
            f"'{phrase}' has no verb: write '{suggestions[0]}' or '{suggestions[1]}'",
            suggestions=suggestions,
            data={"subject": subject.lower, "complement": complement.lower},
        )


RULE = Rule(id="missing-verb", category="grammar", severity="warning", check=check, doc=__doc__)


@hookimpl
def newslint_rules():
    return [RULE]
