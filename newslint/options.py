"""Rule options: typed, documented fields a rule declares and a config sets in ``[rules.ID]``.

A rule (built-in or a plugin's) declares its options as a frozen dataclass whose fields are
made with :func:`option`: the option's kind (what values it takes), its default and a
one-line doc. The key a config writes is the field's name in kebab-case::

    @dataclass(frozen=True)
    class DebrisOptions:
        extra: PatternList = option(Patterns(), PatternList(), "Your own debris lines ...")

    RULE = Rule(id="debris", ..., check=check, options=DebrisOptions)

    def check(document: Document, options: DebrisOptions) -> Iterator[Finding]:
        for pattern in options.extra.sources: ...

When a config loads, every ``[rules.ID]`` table is bound to the rule's declaration
(:func:`bind`): an unknown key, a value of the wrong type, a number out of bounds, a value
not among a choice's, a regular expression that does not compile or costs too much to
compile, each stops the run with one line naming the file, the key and what is allowed. The
rule's check then receives an instance of its options class: attribute access, defaults
applied, values already converted (patterns compiled, groups parsed). No option is guessed
from its default's type.

A multi-word key was once written in snake_case (``min_words``). The old spelling is still
accepted, with a note on stderr naming the new one, as setuptools did when it moved
``setup.cfg`` from ``description-file`` to ``description_file``: a content repository's
config is edited by other people on their own schedule, and a linter upgrade that fails
every CI run until they do teaches users to pin old versions. Writing both spellings in
one table is an error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from newslint.pattern_cost import PatternAllowance

if TYPE_CHECKING:
    import regex

T = TypeVar("T")
_METADATA_KEY = "newslint.option"


class OptionError(ValueError):
    """A value an option does not take. ``expected`` says what it takes, as the end of
    "key 'rules.debris.extra': expected ..."."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


@dataclass
class LoadContext:
    """What converting a config's option values needs from the config: its folder (a file
    an option names must lie below it) and what its patterns may still cost to compile
    (one allowance for all the rule options of a config)."""

    folder: Path | None = None
    allowance: PatternAllowance = field(default_factory=PatternAllowance)


class Kind(Generic[T]):
    """What values an option takes: converts a config's value or raises OptionError."""

    # What the docs and errors call the kind: "an integer of at least 1".
    expected: str = "a value"
    # Short, for the option list of ``newslint rules ID``: "integer >= 1".
    label: str = "value"

    def convert(self, value: object, context: LoadContext) -> T:
        raise NotImplementedError

    def show(self, value: T) -> str:
        """The value as a config would write it (TOML)."""
        return _toml(value)

    def plain(self, value: T) -> object:
        """The value as JSON carries it (``newslint rules --format json``): what ``show``
        writes, as lists, strings, numbers and booleans."""
        return _plain(value)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple, frozenset, set)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return "[" + ", ".join(_toml(v) for v in items) + "]"
    return str(value)


def _plain(value: object) -> object:
    if isinstance(value, (list, tuple, frozenset, set)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [_plain(v) for v in items]
    return value


class _OfType(Kind[T]):
    """Any value of one Python type, as TOML gives it."""

    def __init__(self, python_type: type[T], expected: str, label: str) -> None:
        self.python_type, self.expected, self.label = python_type, expected, label

    def convert(self, value: object, context: LoadContext) -> T:
        if not isinstance(value, self.python_type):
            raise OptionError(self.expected)
        return value


class Flag(_OfType[bool]):
    def __init__(self) -> None:
        super().__init__(bool, "true or false", "true or false")


class Integer(Kind[int]):
    """A whole number, optionally within ``minimum`` and ``maximum`` (inclusive)."""

    def __init__(self, minimum: int | None = None, maximum: int | None = None) -> None:
        self.minimum, self.maximum = minimum, maximum
        if minimum is not None and maximum is not None:
            self.expected = f"a whole number from {minimum} to {maximum}"
            self.label = f"integer {minimum}..{maximum}"
        elif minimum is not None:
            self.expected = f"a whole number of at least {minimum}"
            self.label = f"integer >= {minimum}"
        elif maximum is not None:
            self.expected = f"a whole number of at most {maximum}"
            self.label = f"integer <= {maximum}"
        else:
            self.expected, self.label = "a whole number", "integer"

    def convert(self, value: object, context: LoadContext) -> int:
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or (self.minimum is not None and value < self.minimum)
            or (self.maximum is not None and value > self.maximum)
        ):
            raise OptionError(self.expected)
        return value


class Text(_OfType[str]):
    def __init__(self) -> None:
        super().__init__(str, "a string", "string")


class Choice(Kind[str]):
    """One of a few strings: ``Choice("both", "british", "american")``."""

    def __init__(self, *values: str) -> None:
        if not values:
            raise ValueError("a Choice needs at least one value")
        self.values = values
        self.expected = "one of " + ", ".join(repr(v) for v in values)
        self.label = " | ".join(_toml(v) for v in values)

    def convert(self, value: object, context: LoadContext) -> str:
        if not isinstance(value, str) or value not in self.values:
            raise OptionError(self.expected)
        return value


def _strings(value: object, expected: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise OptionError(expected)
    return value


class Strings(Kind[tuple[str, ...]]):
    """A list of non-empty strings, kept in order."""

    expected = "a list of non-empty strings"
    label = "list of strings"

    def convert(self, value: object, context: LoadContext) -> tuple[str, ...]:
        return tuple(_strings(value, self.expected))


class Words(Kind[frozenset[str]]):
    """A set of words or names (a vocabulary), each stripped of surrounding spaces."""

    expected = "a list of names (non-empty strings)"
    label = "list of names"

    def convert(self, value: object, context: LoadContext) -> frozenset[str]:
        return frozenset(v.strip() for v in _strings(value, self.expected))


@dataclass(frozen=True)
class PatternList:
    """Compiled regular expressions: ``sources`` as written, ``combined`` their alternation
    ``(?:a|b)`` (None when there are none), compiled with the kind's flags."""

    sources: tuple[str, ...] = ()
    combined: regex.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.sources)


class Patterns(Kind[PatternList]):
    """A list of regular expressions (the ``regex`` module's syntax), costed before they are
    compiled (``newslint.pattern_cost``: compiling cannot be stopped once started) and
    compiled when the config loads, each alone (so an error names the pattern) and together
    as one alternation (so ``a)|(b`` cannot break out of its branch)."""

    expected = "a list of regular expressions"
    label = "list of regular expressions"

    def __init__(self, *, ignore_case: bool = True) -> None:
        self.ignore_case = ignore_case
        if ignore_case:
            self.label += " (ignoring case)"

    def convert(self, value: object, context: LoadContext) -> PatternList:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise OptionError(self.expected + " (strings)")
        for pattern in value:  # before compiling, which no time limit can stop
            too_large = context.allowance.charge(pattern)
            if too_large:
                raise OptionError(too_large)
        return _compiled(tuple(value), self.ignore_case)

    def show(self, value: PatternList) -> str:
        return _toml(value.sources)

    def plain(self, value: PatternList) -> object:
        return list(value.sources)


@lru_cache(maxsize=32)  # a config's patterns, compiled again for each file an override covers
def _compiled(sources: tuple[str, ...], ignore_case: bool) -> PatternList:
    import regex

    flags = regex.IGNORECASE if ignore_case else 0
    expected = Patterns.expected
    for pattern in sources:  # one at a time, so the error names the pattern
        try:
            regex.compile(pattern, flags)
        except regex.error as exc:
            raise OptionError(f"{expected} ({pattern!r} does not compile: {exc})") from None
    if not sources:
        return PatternList()
    try:
        combined = regex.compile("(?:" + "|".join(sources) + ")", flags)
    except regex.error as exc:  # each whole alone, yet "a)|(b" unbalances the alternation
        raise OptionError(f"{expected} that each stand alone as one alternative ({exc})") from None
    return PatternList(sources, combined)


class Items(Kind[tuple[T, ...]]):
    """A list whose items the rule parses itself (``parse`` raises ValueError saying what
    is wrong with one): variant groups, for instance. ``single``: one item written without
    its list is taken as a list of one."""

    def __init__(
        self,
        parse: Callable[[object], T],
        expected: str,
        label: str,
        show: Callable[[T], object] = lambda item: item,
        *,
        single: Callable[[object], bool] = lambda value: False,
    ) -> None:
        self.parse, self.expected, self.label = parse, expected, label
        self._show, self._single = show, single

    def convert(self, value: object, context: LoadContext) -> tuple[T, ...]:
        if self._single(value):
            value = [value]
        if not isinstance(value, list):
            raise OptionError(self.expected)
        items = []
        for item in value:
            try:
                items.append(self.parse(item))
            except ValueError as exc:
                raise OptionError(f"{self.expected} ({exc})") from None
        return tuple(items)

    def show(self, value: tuple[T, ...]) -> str:
        return _toml([self._show(item) for item in value])

    def plain(self, value: tuple[T, ...]) -> object:
        return _plain([self._show(item) for item in value])


class FilePath(Kind[Path | None]):
    """The name of a file below the config's folder (never outside it, nor through a
    symlink leading out), relative to that folder; the rule receives the resolved path."""

    expected = "the name of a file below the config's folder"
    label = "file name"

    def convert(self, value: object, context: LoadContext) -> Path | None:
        from newslint.config import path_below

        if not isinstance(value, str) or not value.strip():
            raise OptionError(self.expected)
        try:
            return path_below(context.folder, value)
        except ValueError as exc:
            raise OptionError(f"{self.expected} ({exc})") from None

    def show(self, value: Path | None) -> str:
        return '""' if value is None else _toml(str(value))

    def plain(self, value: Path | None) -> object:
        return "" if value is None else str(value)


@dataclass(frozen=True)
class Option:
    """One declared option: its config key (kebab-case), the dataclass attribute the rule
    reads, its kind, its default and a one-line doc."""

    name: str
    attribute: str
    kind: Kind[Any]
    default: Any
    doc: str

    @property
    def old_name(self) -> str | None:
        """The snake_case spelling older configs used for a multi-word key, if any."""
        return self.attribute if self.attribute != self.name else None

    def describe(self) -> str:
        """``name = default  (kind)`` and the doc, as ``newslint rules ID`` lists it."""
        return f"{self.name} = {self.kind.show(self.default)}  ({self.kind.label})\n    {self.doc}"

    def to_dict(self) -> dict[str, Any]:
        """The option as ``newslint rules --format json`` lists it (docs/output.md): what
        ``describe`` says, with the allowed values apart for a program to read."""
        listed: dict[str, Any] = {
            "name": self.name,
            "type": self.kind.label,
            "default": self.kind.plain(self.default),
            "doc": self.doc,
        }
        if isinstance(self.kind, Choice):
            listed["choices"] = list(self.kind.values)
        if isinstance(self.kind, Integer):
            listed["minimum"], listed["maximum"] = self.kind.minimum, self.kind.maximum
        return listed


def option(kind: Kind[T], default: T, doc: str) -> T:
    """Declare one field of a rule's options dataclass (see the module's docstring)."""
    if not doc.strip() or "\n" in doc.strip():
        raise ValueError("an option's doc is one line")
    return field(default=default, metadata={_METADATA_KEY: (kind, doc.strip())})


@dataclass(frozen=True)
class NoOptions:
    """The options of a rule that takes none besides severity, enabled and max-findings."""


def declared(options: type) -> tuple[Option, ...]:
    """The options a rule's options class declares, in declaration order. Raises TypeError
    for a class that is not a dataclass of :func:`option` fields."""
    if not (isinstance(options, type) and dataclasses.is_dataclass(options)):
        raise TypeError(
            f"rule options must be a frozen dataclass of newslint.options.option() fields "
            f"(see newslint/options.py), not {abridged_repr(options)}"
        )
    return _declared(options)


@lru_cache(maxsize=256)  # one entry a rule's options class
def _declared(options: type) -> tuple[Option, ...]:
    found = []
    for item in dataclasses.fields(options):
        spec = item.metadata.get(_METADATA_KEY)
        if spec is None:
            raise TypeError(
                f"{options.__name__}.{item.name}: declare it with newslint.options.option()"
            )
        kind, doc = spec
        found.append(Option(item.name.replace("_", "-"), item.name, kind, item.default, doc))
    return tuple(found)


def abridged_repr(value: object, limit: int = 80) -> str:
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit] + "..."


class UnknownOption(Exception):
    """A key the rule does not declare."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class BadValue(Exception):
    """A key whose value the option does not take; ``expected`` says what it takes."""

    def __init__(self, key: str, expected: str, value: object) -> None:
        super().__init__(f"{key}: expected {expected}")
        self.key, self.expected, self.value = key, expected, value


def bind(
    options: type[T],
    table: Mapping[str, object],
    context: LoadContext | None = None,
    *,
    skip: tuple[str, ...] = (),
    vocabulary: frozenset[str] = frozenset(),
    notes: list[str] | None = None,
) -> T:
    """An instance of ``options`` from a config's ``[rules.ID]`` table: every key converted
    by its option's kind, the rest left at their defaults. ``skip``: keys every table takes
    (severity, enabled...), not the rule's own. An option named ``vocabulary`` gets the
    config's ``vocabulary`` and its default added to the table's. ``notes`` receives, for
    each key written in its old snake_case spelling, that old key (the caller words the
    note). Raises UnknownOption or BadValue."""
    if not vocabulary and all(key in skip for key in table):
        # Most rules of most configs: no table of their own, one shared default instance.
        return cast(T, _defaults(cast(type, options)))
    context = context or LoadContext()
    by_key: dict[str, Option] = {}
    for declared_option in declared(options):
        by_key[declared_option.name] = declared_option
        if declared_option.old_name:
            by_key[declared_option.old_name] = declared_option
    values: dict[str, object] = {}
    written: dict[str, str] = {}  # attribute -> the key that set it
    for key, value in table.items():
        if key in skip:
            continue
        found = by_key.get(key)
        if found is None:
            raise UnknownOption(key)
        if found.attribute in written:
            both = f"{written[found.attribute]} and {key}"
            raise BadValue(key, f"one spelling of the key, not both {both}", value)
        written[found.attribute] = key
        if key != found.name and notes is not None:
            notes.append(key)
        try:
            values[found.attribute] = found.kind.convert(value, context)
        except OptionError as exc:
            raise BadValue(key, exc.expected, value) from None
    for declared_option in declared(options):
        if declared_option.name == VOCABULARY_OPTION:
            values[declared_option.attribute] = frozenset(
                (
                    *declared_option.default,
                    *vocabulary,
                    *cast(frozenset[str], values.get(declared_option.attribute, frozenset())),
                )
            )
    return options(**values)


@lru_cache(maxsize=256)  # one instance a rule's options class: it is frozen
def _defaults(options: type) -> object:
    return options()


# A rule that declares an option of this name receives the names the house accepts.
VOCABULARY_OPTION = "vocabulary"


def keys(options: type) -> tuple[str, ...]:
    """The config keys ``options`` declares."""
    return tuple(o.name for o in declared(options))
