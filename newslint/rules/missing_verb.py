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

An auxiliary dropped before "not" leaves the same hole when no participle follows: "she not
directly answer" (did), "they not then told" (were), "it not when but whether" (is), "we not
want" (do). After a subject that can only be one (I, he, she, we, they), or "it" and "you"
where a clause starts, "not" followed by a plain verb, an adverb, an article or a wh-word is
reported too, with "do"/"did" or "is"/"was" offered first by what follows. Correct copy stays
silent: "they not only won" ("not merely", "not just"), the subjunctive after "lest", "on
condition", a verb of asking or urging, or "that" after one of them ("urged she not answer",
"asked that they not come", "it is vital they not lose"; after "said that" the clause needs
its auxiliary), absolute phrases ("he not being a lawyer", "they not having been told"), a
gerund ("told you not testifying was wise"), and "it" or "you" as an object ("did it not for
money", "let it not be said", "took it not lightly").

## Wrong

```text
Ministers said the proposal [[it not expected]] to pass before the summer recess.
```

```text
Asked about the fine, the club said [[they not surprised]] by the decision.
```

```text
Pressed on the cost, [[she not directly]] answer the question.
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

```text
They not only rebuilt the pier; they did it not for money but for the town.
```
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newslint.rule import Rule, hookimpl
from newslint.text.lexicon import load_set
from newslint.text.words import Tokens, spaced, token_pattern

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.document import Document, Word
    from newslint.model import Finding

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

# The auxiliaries an edit drops before "not" when what follows is not a participle: "she
# (did) not directly answer", "they (were) not then told", "it (is) not when but whether".
_DO_FORMS = {
    "i": ("do", "did"),
    "he": ("does", "did"),
    "she": ("does", "did"),
    "it": ("does", "did"),
    "we": ("do", "did"),
    "they": ("do", "did"),
    "you": ("do", "did"),
}
# Subjects that are never objects; "it" and "you" are also objects ("did it not for money"),
# so they count as subjects only where a clause starts.
_PLAIN_SUBJECTS = frozenset("i he she we they".split())
_CLAUSE_OPENERS = frozenset(
    "and but or so because if when while although though since as after before until where "
    "whereas yet".split()
)
# "They not only won but ...", "not least", "it not being clear", "he not having been told":
# correct without an auxiliary.
_CORRECT_AFTER_NOT = frozenset("only just merely simply solely least being having".split())
# Before the subject, these make the verb a subjunctive ("asked that they not come", "urged
# he not run", "lest we not forget"), which takes no auxiliary; so does "that" after one of
# them or after "is" ("the demand is that they not return"). After "said that" the clause
# is an ordinary one and needs its auxiliary ("said that they not want").
_MANDATIVE = frozenset(
    "lest ask asks asked asking insist insists insisted insisting demand demands demanded "
    "request requests requested require requires required recommend recommends recommended "
    "suggest suggests suggested propose proposes proposed urge urges urged order orders "
    "ordered advise advises advised rather important essential vital crucial imperative "
    "necessary namely is was be condition conditions provided".split()
)
# Verbs that take an object and a plain verb: "let it not be said", "made it not happen".
_OBJECT_AND_VERB = frozenset(
    "let lets make makes made have has had see sees saw watch watched hear heard help helps "
    "helped bid".split()
)
# What reads as "be" when it follows: "it (is) not a problem", "they (were) not in".
_BE_FIRST = frozenset(
    "a an the this these those my his her its our their your any some no every there here in "
    "on at for about from with by as to when where why how what whether because until if".split()
)


def _subjunctive(tokens: Tokens, earlier: Word | None) -> bool:
    """Whether the subject follows a word that makes its verb a subjunctive."""
    if earlier is None:
        return False
    if earlier.lower == "that":
        before = tokens.before(earlier.start)
        return before is not None and before.lower in _MANDATIVE
    return earlier.lower in _MANDATIVE


def _auxiliary_dropped(
    subject: Word, earlier: Word | None, complement: Word, clause_start: bool, tokens: Tokens
) -> bool:
    """A subject pronoun, "not", then something that needs an auxiliary before "not" though
    it is not a participle: a plain verb, an adverb, a wh-word, an article ("she not directly
    answer", "they not then", "it not when", "it not a problem")."""
    word = complement.lower
    if word in _CORRECT_AFTER_NOT or not complement.text[:1].isalpha():
        return False
    if _subjunctive(tokens, earlier):
        return False
    if subject.lower in _PLAIN_SUBJECTS:
        return True
    if subject.lower in ("it", "you"):
        # A subject where a clause starts, after "that" or a speech verb ("he said it not
        # want"). Elsewhere "it" may be an object ("did it not for money", "let it not be
        # said", "took it not lightly"): only a verb after "not", and not after a verb that
        # takes an object and a plain verb, reads as a missing auxiliary.
        if (
            clause_start
            or earlier is None  # (the same: no word before the subject opens a clause)
            or earlier.lower in _CLAUSE_OPENERS
            or earlier.lower == "that"
        ):
            return True
        if word.endswith("ing"):
            return False  # a gerund: "told you not testifying would be wise"
        if earlier.lower in load_set("speech_verbs.txt"):
            return True
        return (
            earlier.lower not in _OBJECT_AND_VERB
            and word not in _BE_FIRST
            and not word.endswith("ly")
        )
    return False


def check(document: Document, options: object) -> Iterator[Finding]:
    text = document.text
    tokens = Tokens(text)
    context = load_set("missing_verb_context.txt")
    for match in _NOT_RE.finditer(text):
        neg = tokens.at(*match.span())
        subject = tokens.before(neg.start)
        if subject is None:
            continue
        auxes: tuple[str, ...] | None = _SUBJECTS.get(subject.lower)
        if auxes is None or subject.text not in (subject.lower, subject.lower.capitalize(), "I"):
            continue
        following = tokens.after(neg.end, 1)
        if not following:
            continue
        complement = following[0]
        if not (spaced(text, subject, neg) and spaced(text, neg, complement)):
            continue
        earlier = tokens.before(subject.start)
        if earlier is not None and not spaced(text, earlier, subject):
            earlier = None  # punctuation between them: the subject opens a clause
        participle = _is_participle_or_adjective(complement.text)
        if not participle and not _auxiliary_dropped(
            subject, earlier, complement, earlier is None, tokens
        ):
            continue
        if earlier is not None:
            before = earlier.lower
            if before in context:
                continue
            if (
                before.endswith("ed")
                and subject.lower in ("it", "you", "that")
                and before not in load_set("speech_verbs.txt")
            ):
                continue  # "considered it not worth", "declared it not valid"; not "said it not clear"
        phrase = f"{subject.text} not {complement.text}"
        if not participle and not (
            complement.lower in _BE_FIRST or complement.lower.endswith("ing")
        ):
            auxes = _DO_FORMS[subject.lower] + auxes  # "she did not directly answer"
        suggestions = [f"{subject.text} {aux} not {complement.text}" for aux in auxes]
        if subject.lower == "it" and participle:
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
def newslint_rules() -> list[Rule]:
    return [RULE]
