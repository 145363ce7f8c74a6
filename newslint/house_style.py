"""House style as data: ``[[house-style]]`` tables in a config become rules ``house/<id>``.

A desk writes its style guide as configuration, not Python::

    [[house-style]]
    id = "govt"
    kind = "substitution"
    pattern = '\\bGovt\\b'
    replace = "government"
    message = "Spell out '{replace}'; 'Govt' is for headlines only"

Three kinds:

- ``substitution``: ``pattern`` (a regular expression, ``regex`` module syntax) and
  ``replace``, the preferred form, offered as the suggestion and as a fix. ``replace`` may use
  the pattern's groups (``\\1``, ``\\g<name>``). At the start of a sentence a replacement that
  begins in lower case is capitalised.
- ``existence``: ``pattern`` or ``words`` (a list, each matched as a whole word or phrase):
  forms the house bans.
- ``consistency``: ``variants`` (a list) and optional ``prefer``: one entity, one form per
  story. It fires only when a story uses two or more of the variants; then it reports every
  form other than ``prefer`` (without ``prefer``: other than the first form the story used).

Every table takes ``id``, ``kind``, optional ``message`` (``{match}`` and ``{replace}`` are
filled in), ``severity`` (default ``warning``), ``category`` (default ``style``) and
``ignorecase`` (default ``true`` for ``words``, ``false`` for ``pattern`` and ``variants``:
a regular expression says its own case rules, and names are spelt with capitals).

``scope`` (a list of ``body``, ``headline``, ``quotes``, ``captions``; default body and
headline) says where in the story a rule applies (``newslint.regions``): quoted speech is a
speaker's words and is left alone unless the scope names it, and even then no fix rewrites
it. ``fix`` (``"safe"`` or ``"unsafe"``, default unsafe) is the applicability of a
substitution's or consistency rule's fix: unsafe ones are applied only with
``--unsafe-fixes``. A replacement keeps a capital its place forces: a sentence's first word,
a title-case headline's words. A replacement or variant holding a control character is a
config error, and a fix that would write the replacement beside the same word ("Govt
Govt") is not offered, so a second ``--fix`` has nothing to do.

Patterns are compiled once, when the config is loaded (a bad one is a config error naming
the file, the table and its id), and matched paragraph by paragraph within a time budget per
story (``pattern-timeout``, default 1 second), so a pattern that backtracks without end
stops the run with one clear error instead of hanging a CI job.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from newslint.budget import PatternBudget, PatternTimeout
from newslint.config import ConfigError, abridged
from newslint.lazy import lazy_compile
from newslint.model import APPLICABILITIES, CATEGORIES, SEVERITIES, UNSAFE, Edit, Finding, Fix
from newslint.options import Choice, Flag, Kind, LoadContext, OptionError, Strings, Text
from newslint.pattern_cost import PatternAllowance
from newslint.regions import DEFAULT_SCOPE, SCOPES
from newslint.rule import Check, Rule

if TYPE_CHECKING:
    from regex import Match as RegexMatch

    from newslint.document import Document

# Builds a house rule's finding: start, end, message, then Finding's other fields by name.
_Make = Callable[..., Finding]

KINDS = ("substitution", "existence", "consistency")
COMMON_KEYS = ("id", "kind", "message", "severity", "category", "ignorecase", "scope")
KIND_KEYS = {
    "substitution": ("pattern", "replace", "fix"),
    "existence": ("pattern", "words"),
    "consistency": ("variants", "prefer", "fix"),
}
PLUGIN = "house-style"
ID_RE = regex.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
DEFAULT_MESSAGES = {
    "substitution": "House style is '{replace}', not '{match}'",
    "existence": "'{match}' is not house style",
    "consistency": "'{match}' here, but '{replace}' elsewhere in this story; use one form throughout",
}
PREFERRED_MESSAGE = "'{match}' here, but house style is '{replace}', also used in this story; use one form throughout"
# Whole words: not part of a longer word, nor of a hyphenated or apostrophe'd one ("non-amid",
# "o'clock"); a possessive "'s" after the word is fine ("TransLink's").
_BEFORE = r"(?<!\w)(?<!\w[-'’])"
_AFTER = r"(?!\w)(?!-\w)(?!['’](?!s\b)\w)"


def build_rules(tables: Any, origin: str, *, timeout: float) -> tuple[Rule, ...]:
    """Validate the ``[[house-style]]`` array of ``origin`` and compile it into rules."""
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ConfigError(
            f"{origin}: key 'house-style': expected an array of tables ([[house-style]])"
        )
    rules: list[Rule] = []
    seen: set[str] = set()
    allowance = PatternAllowance()  # compiling has no time limit: its cost is counted first
    for number, table in enumerate(tables, 1):
        rule = _build(
            table, f"{origin}: [[house-style]] table {number}", origin, timeout, allowance
        )
        if rule.id in seen:
            raise ConfigError(
                f"{origin}: [[house-style]] table {number}: key 'id': "
                f"expected a unique id, got {rule.id[len('house/') :]!r} twice"
            )
        seen.add(rule.id)
        rules.append(rule)
    return tuple(rules)


def _build(
    table: dict[str, Any], where: str, origin: str, timeout: float, allowance: PatternAllowance
) -> Rule:
    ident = table.get("id")
    if not isinstance(ident, str) or not ID_RE.fullmatch(ident):
        raise ConfigError(
            f"{where}: key 'id': expected letters, digits, '-', '_' or '.', got {ident!r}"
            if ident is not None
            else f"{where}: key 'id': missing"
        )
    where = f"{where} (id '{ident}')"

    def fail(key: str, expected: str, value: Any = ...) -> ConfigError:
        got = "" if value is ... else f", got {abridged(value)}"
        return ConfigError(f"{where}: key '{key}': expected {expected}{got}")

    kind = table.get("kind")
    if kind not in KINDS:
        raise fail("kind", "one of " + ", ".join(KINDS), ... if kind is None else kind)
    for key in table:
        if key not in COMMON_KEYS + KIND_KEYS[kind]:
            raise ConfigError(
                f"{where}: unknown key '{key}' for kind {kind} "
                f"(expected: {', '.join(COMMON_KEYS + KIND_KEYS[kind])})"
            )

    def get(key: str, default: Any, kind_of: Kind[Any]) -> Any:
        """The value of ``key`` (``default`` when absent), checked as rule options are."""
        if key not in table:
            return default
        try:
            return kind_of.convert(table[key], LoadContext())
        except OptionError as exc:
            raise fail(key, exc.expected, table[key]) from None

    scope = get("scope", DEFAULT_SCOPE, Strings())
    if not scope or not all(s in SCOPES for s in scope):
        raise fail("scope", "a non-empty list of " + ", ".join(SCOPES), table["scope"])
    scope = frozenset(scope)
    applicability = get("fix", UNSAFE, Choice(*APPLICABILITIES))

    def printable(key: str, value: str) -> None:
        """A replacement is written into stories: no control characters (a NUL, a newline)."""
        if any(unicodedata.category(c) == "Cc" for c in value):
            raise fail(key, "text without control characters", value)

    severity = get("severity", "warning", Choice(*SEVERITIES))
    category = get("category", "style", Choice(*(c for c in CATEGORIES if c != "internal")))
    default = (
        PREFERRED_MESSAGE
        if kind == "consistency" and table.get("prefer")
        else DEFAULT_MESSAGES[kind]
    )
    message = get("message", default, Text())
    if not message.strip():
        raise fail("message", "a non-empty string", message)

    def strings(key: str) -> list[str]:
        value = table.get(key)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise fail(key, "a non-empty list of non-empty strings", value)
        return value

    def compile_(source: str, key: str, ignorecase: bool) -> regex.Pattern[str]:
        too_large = allowance.charge(source)
        if too_large:
            raise fail(key, too_large, table.get(key))
        try:
            compiled = regex.compile(source, regex.IGNORECASE if ignorecase else 0)
        except regex.error as exc:
            raise fail(key, f"a valid regular expression ({exc})", table.get(key)) from None
        if compiled.search("", timeout=timeout) is not None and key == "pattern":
            raise fail(key, "a pattern that cannot match empty text", table.get(key))
        return compiled

    label = where
    rule_id = f"house/{ident}"

    def make(start: int, end: int, text: str, **extra: Any) -> Finding:
        return Finding(
            rule=rule_id,
            category=category,
            severity=severity,
            message=text,
            start=start,
            end=end,
            **extra,
        )

    if kind == "consistency":
        variants = strings("variants")
        if len(set(variants)) < 2:
            raise fail("variants", "at least two different forms", variants)
        for variant in variants:
            printable("variants", variant)
        prefer = get("prefer", None, Text())
        if prefer is not None and prefer not in variants:
            raise fail("prefer", "one of the variants (" + ", ".join(variants) + ")", prefer)
        ignorecase = get("ignorecase", False, Flag())
        matcher = _Matcher(
            compile_(_words_pattern(variants), "variants", ignorecase), label, timeout
        )
        detail = f"Variants: {', '.join(variants)}" + (f"; preferred: {prefer}" if prefer else "")
        check = _consistency(
            matcher, make, variants, prefer, ignorecase, message, scope, applicability
        )
    else:
        has_pattern, has_words = "pattern" in table, "words" in table
        if kind == "substitution" and not has_pattern:
            raise fail("pattern", "a regular expression (the form to replace)")
        if has_pattern == has_words:
            raise ConfigError(f"{where}: expected exactly one of the keys 'pattern' and 'words'")
        if has_words:
            words = strings("words")
            ignorecase = get("ignorecase", True, Flag())
            matcher = _Matcher(compile_(_words_pattern(words), "words", ignorecase), label, timeout)
            detail = f"Words: {', '.join(words)}"
        else:
            pattern = get("pattern", None, Text())
            ignorecase = get("ignorecase", False, Flag())
            matcher = _Matcher(compile_(pattern, "pattern", ignorecase), label, timeout)
            detail = f"Pattern: {pattern}"
        if kind == "substitution":
            replace = table.get("replace")
            if not isinstance(replace, str):
                raise fail("replace", "a string (the preferred form)", replace)
            printable("replace", replace)
            too_large = _template_problem(replace)
            if too_large:
                raise fail("replace", too_large, replace)
            try:  # a bad group reference is a config error now, not a crash later
                _check_template(matcher.regex, replace)
            except regex.error as exc:
                raise fail(
                    "replace", f"a replacement using only the pattern's groups ({exc})", replace
                ) from None
            detail += f"; replace: {replace}"
            check = _substitution(matcher, make, replace, message, ignorecase, scope, applicability)
        else:
            check = _existence(matcher, make, message, scope)
    case = "ignoring case" if ignorecase else "case-sensitive"
    detail += f"\nScope: {', '.join(s for s in SCOPES if s in scope)}"
    if kind != "existence":
        detail += f"\nFix safety: {applicability}" + (
            ' (set fix = "safe" to apply it with --fix)' if applicability == UNSAFE else ""
        )
    doc = (
        f"{message.replace('{match}', '…').replace('{replace}', '…')}\n\n"
        f"House-style rule ({kind}, {case}) from {origin}, [[house-style]] id '{ident}'.\n"
        f"{detail}\n"
    )
    return Rule(
        id=rule_id, category=category, severity=severity, check=check, doc=doc, plugin=PLUGIN
    )


# Each group reference copies matched text into the story (and into every finding's
# suggestion): "\g<0>" 3,000 times made 1.7 GB and 74 s of a 100 KB story.
MAX_REPLACEMENT_CHARS = 1000
MAX_GROUP_REFERENCES = 10
_GROUP_REFERENCE = regex.compile(r"\\(?:(\d+)|g<([^>]*)>)")


def _template_problem(template: str) -> str | None:
    """What is wrong with a replacement's size, if anything."""
    if (
        len(template) > MAX_REPLACEMENT_CHARS
        or len(_GROUP_REFERENCE.findall(template)) > MAX_GROUP_REFERENCES
    ):
        return (
            f"a replacement of at most {MAX_REPLACEMENT_CHARS} characters and "
            f"{MAX_GROUP_REFERENCES} group references (each copies the matched text)"
        )
    return None


def _check_template(pattern: regex.Pattern[str], template: str) -> None:
    """Raise if ``template`` names a group the pattern does not have."""
    for ref in _GROUP_REFERENCE.finditer(template):
        number, name = ref.groups()
        if number is not None:
            if int(number) > pattern.groups:
                raise regex.error(f"no group {number}")
        elif name.isdigit():
            if int(name) > pattern.groups:
                raise regex.error(f"no group {name}")
        elif name not in pattern.groupindex:
            raise regex.error(f"no group named {name!r}")


def _words_pattern(words: list[str]) -> str:
    """One alternation matching any of ``words`` as whole words (longest first)."""
    parts = sorted(
        {r"\s+".join(regex.escape(p) for p in w.split()) for w in words}, key=len, reverse=True
    )
    return _BEFORE + "(?:" + "|".join(parts) + ")" + _AFTER


@dataclass(frozen=True)
class _Matcher:
    # Immutable and shared by every story the config checks: what one story's run spends or
    # hits (a timeout) stays in that call, so it never touches another story's result.
    regex: regex.Pattern[str]
    label: str
    timeout: float

    def matches(self, document: Document) -> Iterator[tuple[int, RegexMatch[str]]]:
        """(offset of the block, match) for every non-empty match, paragraph by paragraph,
        all within one time budget for the document."""
        budget = PatternBudget(self.timeout)
        for block in document.blocks:
            try:
                found = [
                    m
                    for m in self.regex.finditer(block.text, timeout=budget.left())
                    if m.end() > m.start()
                ]
            except TimeoutError:
                raise PatternTimeout(
                    f"{self.label}: the pattern took longer than {self.timeout:g}s on "
                    f"{document.path} and was stopped; simplify it (nested repeats such "
                    f"as (a+)+ backtrack without end) or raise pattern-timeout"
                ) from None
            for match in found:
                yield block.start, match

    def in_scope(
        self, document: Document, scope: frozenset[str]
    ) -> Iterator[tuple[int, int, RegexMatch[str]]]:
        """(start, end, match) of the matches that stand where the rule applies."""
        regions = document.regions
        for offset, m in self.matches(document):
            if regions.scope_of(offset + m.start()) in scope:
                yield offset + m.start(), offset + m.end(), m


def _fill(message: str, match: str, replace: str = "") -> str:
    return message.replace("{match}", match).replace("{replace}", replace)


# Words a title-case headline leaves in lower case.
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or the to vs via with".split()
)
_WORD_RE = regex.compile(r"[^\W\d_][\w'’-]*")


def _title_case(text: str) -> bool:
    """Does a headline capitalise its words (Talks Between Govt and Taliban)?"""
    words = [w for w in _WORD_RE.findall(text) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


class _Capitals:
    """Keeps a capital the context forces in a replacement: a title-case headline's words,
    a sentence's first word, and (for a pattern that ignores case) a capital the writer gave
    the match."""

    def __init__(self, document: Document, ignorecase: bool) -> None:
        self.document = document
        self.ignorecase = ignorecase
        self._starts: list[int] | None = None
        regions = document.regions
        headline = regions.headline
        self.headline = (
            headline
            if headline is not None and _title_case(document.text[headline.start : headline.end])
            else None
        )

    def apply(self, start: int, matched: str, replacement: str) -> str:
        if self.headline is not None and self.headline.start <= start <= self.headline.end:
            return _WORD_RE.sub(
                lambda w: (
                    w.group()
                    if w.group().lower() in _SMALL_WORDS and w.start()
                    else w.group()[0].upper() + w.group()[1:]
                ),
                replacement,
            )
        if replacement[:1].islower() and matched[:1].isupper():
            # "Whilst" -> "While" when the pattern ignores case; a case-sensitive pattern's
            # capital is its own ("Govt"), so only a sentence's first word is capitalised.
            from newslint.text.sentences import opens_sentence

            if self._starts is None and not self.ignorecase:
                self._starts = [s.start for s in self.document.sentences]
            if self.ignorecase or opens_sentence(self.document.text, self._starts or [], start):
                return replacement[0].upper() + replacement[1:]
        return replacement


_WORD_BEFORE_RE = lazy_compile(r"(\w+)\s+\Z")
_WORD_AFTER_RE = lazy_compile(r"\s+(\w+)")


def _makes_doubled_word(text: str, start: int, end: int, replacement: str) -> bool:
    """Would writing ``replacement`` over ``start:end`` put it beside the same word ("Govt
    Govt" -> "government government")? Such a fix would hand doubled-word a new finding,
    so a second --fix would change the story again; it is not offered."""
    before = _WORD_BEFORE_RE.search(text, max(0, start - 64), start)
    after = _WORD_AFTER_RE.match(text, end, end + 64)
    forms = {replacement.lower(), text[start:end].lower()}
    return bool(before and before.group(1).lower() in forms) or bool(
        after and after.group(1).lower() in forms
    )


def _fix(
    document: Document, start: int, end: int, replacement: str, applicability: str
) -> Fix | None:
    if _makes_doubled_word(document.text, start, end, replacement):
        return None
    return Fix((Edit(start, end, replacement),), applicability, f"Write '{replacement}'")


def _substitution(
    matcher: _Matcher,
    make: _Make,
    template: str,
    message: str,
    ignorecase: bool,
    scope: frozenset[str],
    applicability: str,
) -> Check:
    def check(document: Document, options: object) -> Iterator[Finding]:
        capitals = _Capitals(document, ignorecase)
        for start, end, m in matcher.in_scope(document, scope):
            replacement = capitals.apply(start, m.group(), m.expand(template))
            if replacement == m.group():
                continue
            yield make(
                start,
                end,
                _fill(message, m.group(), replacement),
                suggestions=(replacement,),
                fix=_fix(document, start, end, replacement, applicability),
            )

    return check


def _existence(matcher: _Matcher, make: _Make, message: str, scope: frozenset[str]) -> Check:
    def check(document: Document, options: object) -> Iterator[Finding]:
        for start, end, m in matcher.in_scope(document, scope):
            yield make(start, end, _fill(message, m.group()))

    return check


def _consistency(
    matcher: _Matcher,
    make: _Make,
    variants: list[str],
    prefer: str | None,
    ignorecase: bool,
    message: str,
    scope: frozenset[str],
    applicability: str,
) -> Check:
    def canonical(text: str) -> str:
        key = " ".join(text.split())
        for variant in variants:
            if (variant.lower() == key.lower()) if ignorecase else (variant == key):
                return variant
        return key

    def check(document: Document, options: object) -> Iterator[Finding]:
        found = [
            (start, end, m.group(), canonical(m.group()))
            for start, end, m in matcher.in_scope(document, scope)
        ]
        if len({form for *_, form in found}) < 2:
            return
        keep = prefer or found[0][3]
        capitals = _Capitals(document, ignorecase)
        for start, end, text, form in found:
            if form != keep:
                replacement = capitals.apply(start, text, keep)
                yield make(
                    start,
                    end,
                    _fill(message, text, keep),
                    suggestions=(replacement,),
                    fix=_fix(document, start, end, replacement, applicability),
                )

    return check


def supersede(findings: list[Finding]) -> list[Finding]:
    """Drop another rule's finding where a house rule proposes the same edit on the same
    span: a desk's own consistency group covers a built-in one of ``inconsistent-naming``
    (Sinn Fein/Sinn Féin), and its substitution a built-in variant (Govt/government)."""
    house = {(f.start, f.end, f.suggestions) for f in findings if f.rule.startswith("house/")}
    if not house:
        return findings
    return [
        f
        for f in findings
        if f.rule.startswith("house/") or (f.start, f.end, f.suggestions) not in house
    ]
