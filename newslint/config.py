"""Run configuration: which rules run, how severe they are, their options, the house style.

A config lives in ``newslint.toml``, ``.newslint.toml`` or the ``[tool.newslint]`` table of
``pyproject.toml``. Each checked file gets the nearest one found from its own folder upward,
stopping at the repository root, the home folder, and before the temp folder or any folder
every user may write to (see :func:`find_config`); ``--config`` names one for every file and
``--no-config`` ignores them all. A config is untrusted (it comes with the content): it may
not name a program to run (PROGRAM_KEYS) nor read a file outside its folder tree
(:func:`file_below`), a config the search finds may not be a symlink leading out of the
tree the search covers (:func:`find_config`), and every file it leads to is read bounded
(:func:`read_bounded`). Keys::

    select = ["debris", "whitespace"]     # only these rule ids, categories or plugins
    ignore = ["doubled-space"]            # never these
    fail-on = "warning"                   # error | warning | info | never
    vocabulary = ["Zelensky", "Sinn Féin"]  # or "names.txt", or {words = [...], files = [...]}
    pattern-timeout = 1.0                 # seconds a house-style pattern may run per story
    extend-exclude = ["drafts/"]          # gitignore patterns a folder walk leaves out
                                          # (exclude replaces [".*"]; see newslint/exclusion.py)

    [rules.debris]                        # any rule: severity, enabled, max-findings, its own options
    severity = "error"
    extra = ['Listen to this article']

    [[overrides]]                         # for some paths (globs relative to this file)
    paths = ["wires/**"]
    ignore = ["house"]
    fail-on = "error"

    [[house-style]]                       # see newslint.house_style
    id = "govt"
    kind = "substitution"
    pattern = '\\bGovt\\b'
    replace = "government"

Any other top-level table belongs to a plugin and is allowed only if a plugin of that name is
installed (``[languagetool]`` always). Every mistake is a ConfigError: one line naming the
file, the key and what was expected.

The vocabulary (names the house accepts) reaches rules through their options: a rule that
declares an option named ``vocabulary`` receives, as a frozenset of strings, its own default
plus the config's ``vocabulary`` plus any ``vocabulary`` set in its ``[rules.<id>]`` table.
``Config.vocabulary`` holds the config's part for other uses.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from newslint.exclusion import Exclusion, ExclusionError, build_exclusion
from newslint.options import (
    BadValue,
    Choice,
    Flag,
    Integer,
    Kind,
    LoadContext,
    OptionError,
    UnknownOption,
    bind,
)
from newslint.options import keys as option_keys

if TYPE_CHECKING:
    from newslint.rule import Rule

CONFIG_NAMES = ("newslint.toml", ".newslint.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")
SEVERITY_NAMES = ("error", "warning", "info")
TOP_KEYS = (
    "select",
    "ignore",
    "fail-on",
    "rules",
    "overrides",
    "house-style",
    "vocabulary",
    "pattern-timeout",
    "exclude",
    "extend-exclude",
    "force-exclude",
)
# Keys every [rules.<id>] table takes, besides the rule's own options. ``max-findings``: how
# many findings of one rule one story reports before the rest are summed up in one info
# finding, so a hostile story (100,000 doubled words) costs seconds, not minutes, and a
# report stays readable.
MAX_FINDINGS_KEY = "max-findings"
DEFAULT_MAX_FINDINGS = 1000
# What each of them takes, checked as the rules' own options are (newslint.options).
GENERIC_RULE_OPTIONS: dict[str, Kind[Any]] = {
    "severity": Choice(*SEVERITY_NAMES),
    "enabled": Flag(),
    MAX_FINDINGS_KEY: Integer(minimum=1),
}
GENERIC_RULE_KEYS = tuple(GENERIC_RULE_OPTIONS)
OVERRIDE_KEYS = ("paths", "select", "ignore", "fail-on", "rules")
# Plugin tables accepted even when the plugin is not installed in this environment.
KNOWN_PLUGIN_TABLES = ("languagetool",)
# Keys that would name a program, an interpreter or an install to execute. A config file
# usually comes with the content it checks (a content repository, a pull request), so it
# must never be able to make newslint run code: such settings come from the environment or
# the command line. Refused in every plugin table; where a plugin documents its own way,
# the error names it.
PROGRAM_KEYS = (
    "java",
    "jar",
    "jar_dir",
    "jar_path",
    "command",
    "executable",
    "program",
    "binary",
    "interpreter",
    "exe",
    "cmd",
    "server_command",
)
PROGRAM_KEY_INSTEAD = {
    ("languagetool", "java"): "set NEWSLINT_LANGUAGETOOL_JAVA in the environment instead",
    ("languagetool", "jar_dir"): "set LTP_JAR_DIR_PATH in the environment instead",
}
# A config, a pyproject.toml or a vocabulary file larger than this is refused unread.
MAX_CONFIG_FILE_BYTES = 5 * 1024 * 1024
# Tables and arrays nested deeper than this are refused: a real config is about five levels
# deep ([tool.newslint.rules.<id>] groups = [{forms = [...]}]); a hostile one nested
# thousands deep would otherwise end in a RecursionError in whatever walks it.
MAX_CONFIG_DEPTH = 32
DEFAULT_PATTERN_TIMEOUT = 1.0


class ConfigError(Exception):
    """A bad configuration; the message is one line naming the file, the key and the cause."""


class _Identified(Protocol):
    """What the config needs of a rule to find its table: its id and default severity."""

    @property
    def id(self) -> str: ...

    @property
    def severity(self) -> str: ...


# A state of Glob.fullmatch: the index of the next token, or ("in", index) within a
# "folders" token.
_State = int | tuple[str, int]


def _fail(origin: str, key: str, expected: str, value: Any = ...) -> ConfigError:
    got = "" if value is ... else f", got {abridged(value)}"
    return ConfigError(f"{origin}: key '{key}': expected {expected}{got}")


def abridged(value: Any, limit: int = 200) -> str:
    """``repr(value)``, cut to about ``limit`` characters: an error is one readable line
    even when the value is a list of 20,000 items."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit] + f"... ({len(shown)} characters)"


@dataclass(frozen=True)
class Override:
    """Settings for the files matching ``paths`` (globs relative to the config's folder)."""

    paths: tuple[str, ...]
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    _patterns: tuple[Glob, ...] = ()

    def matches(self, relative: str) -> bool:
        """Does the path (posix, relative to the config folder) or one of its folders match?"""
        parts = relative.split("/")
        candidates = ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]
        return any(p.fullmatch(c) for p in self._patterns for c in candidates)


@dataclass(frozen=True)
class Glob:
    """A compiled path glob. Matching runs the glob's tokens as a set of states over the
    path, one character at a time, so its cost is (tokens x characters) whatever the glob:
    as a backtracking regex, ``*a*a*a*a*b`` took 26 s on a 200-character file name and ten
    ``**/`` hours on a deep path, and a content repository writes both the config and the
    file names."""

    pattern: str
    # (kind, test): kind "one" (one character passing test), "many" (any run of such
    # characters) or "folders" (``**/``: nothing, or anything ending with "/").
    tokens: tuple[tuple[str, Callable[[str], bool]], ...]

    def fullmatch(self, text: str) -> bool:
        tokens, end = self.tokens, len(self.tokens)

        def closure(states: set[_State]) -> set[_State]:
            pending = list(states)
            while pending:  # "many" and "folders" may match nothing: on to the next token
                state = pending.pop()
                if (
                    isinstance(state, int)
                    and state < end
                    and tokens[state][0] != "one"
                    and state + 1 not in states
                ):
                    states.add(state + 1)
                    pending.append(state + 1)
            return states

        states = closure({0})
        for char in text:
            following: set[_State] = set()
            for state in states:
                # ("in", i): within a "folders" token
                index = state if isinstance(state, int) else state[1]
                if index == end:
                    continue
                kind, test = tokens[index]
                if kind == "folders":
                    following.add(("in", index))
                    if char == "/":
                        following.add(index + 1)
                elif test(char):
                    following.add(index if kind == "many" else index + 1)
            if not following:
                return False
            states = closure(following)
        return end in states


def _any(char: str) -> bool:
    return True


def _in_a_name(char: str) -> bool:
    return char != "/"


def compile_glob(pattern: str) -> Glob:
    """A path glob: ``**`` any folders, ``*`` and ``?`` within one name, a trailing ``/`` a
    folder; a glob without ``/`` matches a name at any depth. Raises re.error for a bad
    ``[...]`` class."""
    glob = pattern.strip()
    while glob.startswith("./"):
        glob = glob[2:]
    glob = glob.rstrip("/") or "**"
    if "/" not in glob:
        glob = "**/" + glob
    tokens: list[tuple[str, Callable[[str], bool]]] = []
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            tokens.append(("folders", _any))
            i += 3
        elif glob.startswith("**", i):
            tokens.append(("many", _any))
            i += 2
        elif glob[i] == "*":
            tokens.append(("many", _in_a_name))
            i += 1
        elif glob[i] == "?":
            tokens.append(("one", _in_a_name))
            i += 1
        elif (
            glob[i] == "["
            and (close := glob.find("]", i + (3 if glob.startswith("[!", i) else 2))) != -1
        ):
            # A "]" first in the class (after "!") is one of its characters, as in fnmatch.
            body = glob[i + 1 : close]
            negate = body.startswith("!")
            char_class = re.compile(
                "[" + ("^" if negate else "") + _glob_class(body[1:] if negate else body) + "]"
            )
            tokens.append(("one", _one_of(char_class)))
            i = close + 1
        else:
            tokens.append(("one", glob[i].__eq__))
            i += 1
    return Glob(pattern, tuple(tokens))


def _one_of(char_class: re.Pattern[str]) -> Callable[[str], bool]:
    """The test of a glob's ``[...]`` on one character."""
    match = char_class.fullmatch
    return lambda char: match(char) is not None


def _glob_class(body: str) -> str:
    """The inside of a glob's ``[...]`` as the inside of a regex class: single characters
    and ``a-z`` ranges, every other character literal. Escaped one by one, since the regex
    would read set syntax in some (nested sets, ``--``, ``&&``, ``~~``, ``||``, a ``^``)."""
    out, i = [], 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            low, high = body[i], body[i + 2]
            if low > high:
                raise re.error(f"bad character range {low}-{high}")
            out.append(f"{_class_char(low)}-{_class_char(high)}")
            i += 3
        else:
            out.append(_class_char(body[i]))
            i += 1
    return "".join(out)


def _class_char(char: str) -> str:
    return "\\" + char if char in "\\[]^-&~|" else char


@dataclass
class Config:
    """A loaded configuration: what to check and how (a config file's keys, or the defaults)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    sections: dict[str, Any] = field(default_factory=dict)  # plugin tables, e.g. [languagetool]
    path: str | None = None  # the file it came from (as shown to the user)
    overrides: tuple[Override, ...] = ()
    house_rules: tuple[Rule, ...] = ()  # from [[house-style]]; ids house/<id>
    vocabulary: frozenset[str] = frozenset()
    pattern_timeout: float = DEFAULT_PATTERN_TIMEOUT
    folder: Path | None = None  # override globs and vocabulary files are relative to it
    # What a folder walk leaves out (exclude / extend-exclude; see newslint/exclusion.py),
    # and whether files named on the command line are left out too (force-exclude).
    exclusion: Exclusion = field(default_factory=Exclusion)
    force_exclude: bool = False
    # The command line's --select/--ignore were checked against every rule of the run (a
    # house rule may exist in some folders' configs only): the engine need not refuse them.
    selection_checked: bool = False
    # Notes for stderr found while validating (an option written in its old spelling).
    notes: list[str] = field(default_factory=list, compare=False)
    # Each rule's bound options, by rule id (see rule_options); never copied by replace().
    _bound_options: dict[str, Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # This config with each combination of its overrides applied (see for_path), by the
    # indexes of the overrides that match (None: a path outside its folder): one Config
    # for all the files a combination covers, not one a file (an archive's memory).
    _with_overrides: dict[tuple[int, ...] | None, Config] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def rule_table(self, rule_id: str) -> dict[str, Any]:
        return self.rules.get(rule_id, {})

    def rule_options(self, rule: Rule) -> Any:
        """The rule's options (an instance of ``rule.options``) from its ``[rules.<id>]``
        table, defaults applied; an option named ``vocabulary`` also holds the config's
        vocabulary. Bound once per rule and config. Raises ConfigError for a value the
        option does not take (a config that went through :func:`validate` has none)."""
        bound = self._bound_options.get(rule.id)
        if bound is None:
            origin = self.path or "<config>"
            try:
                bound = bind(
                    rule.options,
                    self.rule_table(rule.id),
                    LoadContext(self.folder),
                    skip=GENERIC_RULE_KEYS,
                    vocabulary=self.vocabulary,
                )
            except (UnknownOption, BadValue) as exc:
                raise _option_error(origin, f"rules.{rule.id}", rule, exc) from None
            self._bound_options[rule.id] = bound
        return bound

    # ``rule``: a Rule, or what the engine knows of a backend's finding id (engine.FindingView).
    def rule_severity(self, rule: _Identified) -> str:
        severity: str = self.rule_table(rule.id).get("severity", rule.severity)
        return severity

    def rule_max_findings(self, rule: _Identified) -> int:
        limit: int = self.rule_table(rule.id).get(MAX_FINDINGS_KEY, DEFAULT_MAX_FINDINGS)
        return limit

    def rule_enabled(self, rule: _Identified) -> bool:
        return bool(
            self.rule_table(rule.id).get("enabled", getattr(rule, "enabled_by_default", True))
        )

    def section(self, name: str) -> dict[str, Any]:
        value = self.sections.get(name, {})
        return value if isinstance(value, dict) else {}

    def for_path(self, path: str | os.PathLike[str]) -> Config:
        """This config with the ``[[overrides]]`` that match ``path`` applied."""
        if not self.overrides:
            return self
        relative = _relative(Path(path), self.folder)
        matching = (
            None
            if relative is None
            else tuple(i for i, o in enumerate(self.overrides) if o.matches(relative))
        )
        found = self._with_overrides.get(matching)
        if found is None:
            found = self._with_overrides[matching] = self._overridden(matching or ())
        return found

    def _overridden(self, matching: tuple[int, ...]) -> Config:
        """This config with the overrides at the indexes ``matching`` applied, in order."""
        config = replace(self, overrides=())
        for override in (self.overrides[i] for i in matching):
            rules = {k: dict(v) for k, v in config.rules.items()}
            for rule_id, table in override.rules.items():
                rules.setdefault(rule_id, {}).update(table)
            config = replace(
                config,
                select=config.select if override.select is None else override.select,
                ignore=config.ignore + override.ignore,
                fail_on=override.fail_on or config.fail_on,
                rules=rules,
            )
        return config

    def narrowed(
        self,
        *,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        fail_on: str | None = None,
    ) -> Config:
        """This config with the command line's --select (replaces), --ignore (adds) and
        --fail-on (replaces) applied on top."""
        if not (select or ignore or fail_on):
            return self
        return replace(
            self,
            select=select or self.select,
            ignore=self.ignore + ignore,
            fail_on=fail_on or self.fail_on,
            selection_checked=bool(select or ignore),
        )


def _relative(path: Path, folder: Path | None) -> str | None:
    base = (folder or Path.cwd()).resolve()
    try:
        return Path(os.path.abspath(path)).relative_to(base).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(base).as_posix()
        except (ValueError, OSError):
            return None


def _shown(path: Path) -> str:
    """A config path as the user should read it: relative to the cwd when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def read_bounded(path: Path, limit: int = MAX_CONFIG_FILE_BYTES) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes (see
    :func:`newslint.inputs.read_regular_file`); anything else raises OSError with a one-line
    ``strerror``, before a byte is read: a FIFO would hang the run and ``/dev/zero`` would
    exhaust memory. A folder raises IsADirectoryError."""
    from newslint.inputs import NotRegularFile, read_regular_file

    try:
        return read_regular_file(path, limit)
    except NotRegularFile as exc:
        if exc.kind == "a directory":
            raise IsADirectoryError(errno.EISDIR, "is a directory") from None
        raise


def _read_toml(path: Path, shown: str | None = None) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    shown = shown or str(path)
    data: dict[str, Any] | None
    try:
        data = tomllib.loads(read_bounded(path).decode("utf-8"))
    except RecursionError:  # tomllib recurses once a level
        data = None
    except FileNotFoundError:
        raise ConfigError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise ConfigError(f"{shown}: is a directory, not a config file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: invalid TOML: not UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{shown}: {exc.strerror or exc}") from None
    if data is None or _too_deep(data, MAX_CONFIG_DEPTH):
        raise ConfigError(
            f"{shown}: invalid config: tables or arrays nested too deeply "
            f"(more than {MAX_CONFIG_DEPTH} levels)"
        )
    return data


def _too_deep(data: Any, limit: int) -> bool:
    """Whether tables and arrays in ``data`` nest more than ``limit`` levels (walked without
    recursion, so any depth is measured)."""
    pending = [(data, 0)]
    while pending:
        value, depth = pending.pop()
        children = (
            value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        )
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > limit:
                    return True
                pending.append((child, depth + 1))
    return False


def _has_newslint_table(pyproject: Path) -> bool:
    try:
        text = read_bounded(pyproject).decode("utf-8", "replace")
    except OSError:
        return False
    if "newslint" not in text:
        return False
    try:
        tool = _read_toml(pyproject).get("tool", {})
        return isinstance(tool, dict) and "newslint" in tool
    except ConfigError:
        return True  # broken TOML that mentions newslint: let loading report it


def find_config(start: Path, notes: list[str] | None = None) -> Path | None:
    """The config that applies to files in the folder ``start``, or None for the defaults.

    The search goes from ``start`` upward and ends at the first folder that holds a config
    (that config is used), at the repository root (a folder holding ``.git``, a folder or a
    file), or at the user's home folder, whichever comes first. It never enters the file
    system's root or the system temp folder itself (``/tmp``), nor a folder every user may
    write to (``chmod o+w``, as ``/tmp`` is): anyone could have planted a config there.
    The search ends there too, and a config file every user may write to is skipped the
    same way; each skipped config is named in ``notes``. A config found that is a symlink
    to a file outside the folder tree the search covers (up to where it would stop: the
    repository root, as a rule) is refused with a ConfigError: a content repository's
    config must not lead to ``/etc/...`` and have it echoed in error lines.
    """
    stops = _stop_folders()
    for folder, open_to_all in _searched_folders(start.resolve(), stops, notes):
        for candidate, mode in _config_files(folder):
            if open_to_all or _writable_by_all(mode):
                if notes is not None:
                    what = "its folder is" if open_to_all else "it is"
                    notes.append(
                        f"skipped config {_shown(candidate)}: {what} writable by every user, so "
                        "anyone could have put it there (fix the permissions or name it with --config)"
                    )
                return None
            if candidate.name != "pyproject.toml" or _has_newslint_table(candidate):
                top = folder  # where the search would stop, had it gone on (no notes)
                for searched in _searched_folders(folder, stops, None):
                    top = searched.folder
                _refuse_outside(candidate, top)
                return candidate
    return None


class _Searched(NamedTuple):
    """A folder the config search enters."""

    folder: Path
    open_to_all: bool  # writable by every user: its configs are skipped, the search ends


def _searched_folders(
    here: Path, stops: _StopFolders, notes: list[str] | None
) -> Iterator[_Searched]:
    """The folders the config search enters from ``here`` upward, up to where it stops
    (see find_config); a config the search skips in the temp folder is named in ``notes``."""
    for folder in (here, *here.parents):
        if folder in stops.never or folder == Path(folder.anchor):
            if notes is not None and folder in stops.never:
                # Not silently: a TMPDIR set to a project's own folder would hide its config.
                notes.extend(
                    f"skipped config {_shown(candidate)}: it is in the temp folder, where "
                    "anyone could have put it (name it with --config)"
                    for candidate, _ in _config_files(folder)
                    if candidate.name != "pyproject.toml" or _has_newslint_table(candidate)
                )
            return
        try:
            open_to_all = _writable_by_all(folder.stat().st_mode)
        except OSError:
            return
        yield _Searched(folder, open_to_all)
        if open_to_all or folder in stops.last or (folder / ".git").exists():
            return


def _refuse_outside(config: Path, top: Path) -> None:
    """A ConfigError when the config file found, followed through its symlinks, lies
    outside ``top``, the folder tree the search covered (``--config`` may name any file:
    that is the user's own choice)."""
    shown = Path(_shown(config.parent)) / config.name  # the link, not where it leads
    try:
        real = config.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop
        raise ConfigError(f"{shown}: cannot be read (a broken symlink)") from None
    if top not in real.parents:
        raise ConfigError(
            f"{shown}: is a symlink to {real}, outside {top} where it was found; "
            "a config found by the search must lie in that folder tree (name it with "
            "--config to use it)"
        )


def _config_files(folder: Path) -> Iterator[tuple[Path, int]]:
    """The files of ``folder`` named as configs (in the order of ``CONFIG_NAMES``) that are
    regular files, with their modes."""
    for name in CONFIG_NAMES:
        candidate = folder / name
        try:
            mode = candidate.stat().st_mode
        except OSError:
            continue
        if stat.S_ISREG(mode):
            yield candidate, mode


def _writable_by_all(mode: int) -> bool:
    # Only POSIX permissions say so: Windows reports every writable file as 0o666.
    return os.name == "posix" and bool(mode & stat.S_IWOTH)


class _StopFolders(NamedTuple):
    """Where the config search ends (see find_config)."""

    last: frozenset[Path]  # searched, but not above (the home folder)
    never: frozenset[Path]  # not searched, nor above (the temp folder)


def _stop_folders() -> _StopFolders:
    def resolved(get: Callable[[], Any]) -> set[Path]:
        try:
            return {Path(get()).resolve()}
        except (OSError, RuntimeError, KeyError):  # no home folder known: nothing to stop at
            return set()

    return _StopFolders(frozenset(resolved(Path.home)), frozenset(resolved(_temp_folder)))


def _temp_folder() -> str:
    """The folder ``tempfile.gettempdir()`` names, found the way it finds it, without
    importing tempfile on every run (with shutil and random, some 3 ms of a single-file
    run): the first of $TMPDIR, $TEMP, $TMP, /tmp, /var/tmp and /usr/tmp that is a folder
    this user may write to, else the current folder. (tempfile also writes a probe file
    there; the access check answers the same but on a full disk.) Where tempfile is loaded
    already, or off POSIX, it is asked: a program may have set ``tempfile.tempdir``."""
    if "tempfile" in sys.modules or os.name != "posix":
        import tempfile

        return tempfile.gettempdir()
    names = [os.environ.get(key) for key in ("TMPDIR", "TEMP", "TMP")]
    for name in (*names, "/tmp", "/var/tmp", "/usr/tmp"):
        if name and os.path.isdir(name) and os.access(name, os.W_OK | os.X_OK):
            return os.path.abspath(name)
    return os.getcwd()


def load_config(path: Path) -> Config:
    shown = _shown(path)
    data = _read_toml(path, shown)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{shown}: key 'tool': expected a table")
        data = tool.get("newslint", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{shown}: key 'tool.newslint': expected a table")
    # Relative paths in a config start from the folder it was found in (for a symlinked
    # config, the link's folder, not its target's).
    return config_from_dict(data, shown, folder=Path(os.path.abspath(path)).parent.resolve())


def config_from_dict(
    data: Mapping[str, Any], origin: str = "<config>", *, folder: Path | None = None
) -> Config:
    """Check the structure of a config's data and build it (house-style patterns compiled).

    Rule ids, option names and selectors are checked against the installed rules by
    :func:`validate`, once the plugins are known.
    """
    cfg = Config(path=origin, folder=folder)
    data = dict(data)
    cfg.select = _selectors(data, "select", origin)
    cfg.ignore = _selectors(data, "ignore", origin)
    cfg.fail_on = _fail_on(data.get("fail-on", "warning"), "fail-on", origin)
    cfg.rules = _rule_tables(data.get("rules", {}), "rules", origin)
    timeout = data.get("pattern-timeout", DEFAULT_PATTERN_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= 60:
        raise _fail(
            origin, "pattern-timeout", "a number of seconds above 0 and at most 60", timeout
        )
    cfg.pattern_timeout = float(timeout)
    cfg.vocabulary = _vocabulary(data.get("vocabulary", []), origin, folder)
    cfg.overrides = tuple(_overrides(data.get("overrides", []), origin))
    try:
        cfg.exclusion = build_exclusion(data, folder)
    except ExclusionError as exc:
        raise _fail(origin, exc.key, str(exc), exc.value) from None
    cfg.force_exclude = data.get("force-exclude", False)
    if not isinstance(cfg.force_exclude, bool):
        raise _fail(origin, "force-exclude", "true or false", cfg.force_exclude)
    if "house-style" in data:
        from newslint.house_style import build_rules

        cfg.house_rules = build_rules(data["house-style"], origin, timeout=cfg.pattern_timeout)
    for key, value in data.items():
        if key in TOP_KEYS:
            continue
        if not isinstance(value, dict):
            raise ConfigError(
                f"{origin}: unknown key '{key}' (expected one of: {', '.join(TOP_KEYS)}, "
                f"or a plugin's table)"
            )
        _refuse_programs(value, key, origin)
        cfg.sections[key] = value
    return cfg


def _refuse_programs(table: Mapping[str, Any], key: str, origin: str) -> None:
    """A plugin table may not name a program, interpreter or install to run: not at its top,
    nor in a table or an array of tables inside it (walked without recursion: a dict from
    the API may nest any depth)."""
    plugin = key
    pending: list[tuple[Any, str]] = [(table, key)]
    while pending:
        value, where = pending.pop()
        if isinstance(value, list):
            pending.extend((item, f"{where}[{n}]") for n, item in enumerate(value, 1))
            continue
        if not isinstance(value, dict):
            continue
        for name, child in value.items():
            if name in PROGRAM_KEYS:
                instead = PROGRAM_KEY_INSTEAD.get(
                    (plugin, name),
                    "set it in the environment or on the command line, as the plugin documents",
                )
                raise ConfigError(
                    f"{origin}: key '{where}.{name}': a config file may not name a program to run "
                    f"(a content repository's config would run it wherever newslint checks "
                    f"that repository); {instead}"
                )
            pending.append((child, f"{where}.{name}"))


def _selectors(
    data: Mapping[str, Any], key: str, origin: str, shown: str | None = None
) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(origin, shown or key, "a list of rule ids, categories or plugin names", value)
    return tuple(v.strip() for v in value)


def _fail_on(value: Any, key: str, origin: str) -> str:
    try:
        return Choice(*FAIL_ON).convert(value, LoadContext())
    except OptionError as exc:
        raise _fail(origin, key, exc.expected, value) from None


def _rule_tables(rules: Any, key: str, origin: str) -> dict[str, dict[str, Any]]:
    if not isinstance(rules, dict):
        raise _fail(origin, key, "a table of tables, one per rule id ([rules.<id>])", rules)
    for rule_id, table in rules.items():
        if not isinstance(table, dict):
            raise _fail(
                origin,
                f"{key}.{rule_id}",
                "a table ([rules.<id>]) of severity, enabled, max-findings and options",
                table,
            )
        for name, kind in GENERIC_RULE_OPTIONS.items():
            if name in table:
                try:
                    kind.convert(table[name], LoadContext())
                except OptionError as exc:
                    raise _fail(
                        origin, f"{key}.{rule_id}.{name}", exc.expected, table[name]
                    ) from None
    return {k: dict(v) for k, v in rules.items()}


def _overrides(value: Any, origin: str) -> Iterable[Override]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _fail(origin, "overrides", "an array of tables ([[overrides]])", value)
    for number, table in enumerate(value, 1):
        key = f"overrides[{number}]"
        for name in table:
            if name not in OVERRIDE_KEYS:
                raise ConfigError(
                    f"{origin}: unknown key '{key}.{name}' (expected one of: {', '.join(OVERRIDE_KEYS)})"
                )
        paths = table.get("paths")
        if isinstance(paths, str):
            paths = [paths]
        if (
            not isinstance(paths, list)
            or not paths
            or not all(isinstance(p, str) and p.strip() for p in paths)
        ):
            raise (
                _fail(
                    origin,
                    f"{key}.paths",
                    "a non-empty list of path globs relative to the config file",
                    paths,
                )
                if paths is not None
                else _fail(origin, f"{key}.paths", "a list of path globs")
            )
        yield Override(
            paths=tuple(paths),
            select=_selectors(table, "select", origin, f"{key}.select")
            if "select" in table
            else None,
            ignore=_selectors(table, "ignore", origin, f"{key}.ignore"),
            fail_on=_fail_on(table["fail-on"], f"{key}.fail-on", origin)
            if "fail-on" in table
            else None,
            rules=_rule_tables(table.get("rules", {}), f"{key}.rules", origin),
            _patterns=tuple(_compiled_glob(p, origin, f"{key}.paths") for p in paths),
        )


def _compiled_glob(pattern: str, origin: str, key: str) -> Glob:
    try:
        return compile_glob(pattern)
    except re.error as exc:
        raise ConfigError(
            f"{origin}: key '{key}': invalid path glob {pattern!r} ({exc.msg})"
        ) from None


def _vocabulary(value: Any, origin: str, folder: Path | None) -> frozenset[str]:
    """Inline names, a file of names (one a line, relative to the config), or a table of both."""
    from newslint.text.lexicon import parse_lines

    words: Any = []  # what the config holds, checked below
    files: Any = []
    if isinstance(value, str):
        files = [value]
    elif isinstance(value, list):
        words = value
    elif isinstance(value, dict):
        for name in value:
            if name not in ("words", "files"):
                raise ConfigError(
                    f"{origin}: unknown key 'vocabulary.{name}' (expected one of: words, files)"
                )
        words = value.get("words", [])
        files = value.get("files", [])
        if isinstance(files, str):
            files = [files]
    else:
        raise _fail(
            origin, "vocabulary", "a list of names, a file name, or a table {words, files}", value
        )
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise _fail(origin, "vocabulary", "a list of names (non-empty strings)", words)
    if not isinstance(files, list) or not all(isinstance(f, str) and f.strip() for f in files):
        raise _fail(origin, "vocabulary.files", "a list of file names", files)
    names = [w.strip() for w in words]
    for name in files:
        path = file_below(folder, name, origin, "vocabulary")
        try:
            names.extend(parse_lines(read_bounded(path).decode("utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            cause = getattr(exc, "strerror", None) or (
                "not UTF-8" if isinstance(exc, UnicodeDecodeError) else str(exc)
            )
            raise _fail(
                origin, "vocabulary", f"a readable UTF-8 file of names ({path}: {cause})", name
            ) from None
    return frozenset(names)


def file_below(folder: Path | None, name: str, origin: str, key: str) -> Path:
    """The file a config option names, which must lie below the config's folder (the
    current folder for a config without one): a content repository's config may read its
    own files, never ``../../secrets`` or ``/etc/passwd``, nor through a symlink leading out.
    Every option that names a file goes through here (or :func:`path_below`)."""
    try:
        return path_below(folder, name)
    except ValueError as exc:
        raise ConfigError(f"{origin}: key '{key}': {exc}") from None


def path_below(folder: Path | None, name: str) -> Path:
    """:func:`file_below`, raising ValueError with the cause alone."""
    base = (folder or Path.cwd()).resolve()
    try:
        if "\0" in name:
            raise ValueError("a file name cannot hold a NUL character")
        target = (base / name).resolve()  # follows every symlink on the way
    except (OSError, RuntimeError, ValueError) as exc:  # RuntimeError: a symlink loop
        cause = (
            "a symlink loop"
            if isinstance(exc, RuntimeError)
            else getattr(exc, "strerror", None) or exc
        )
        raise ValueError(f"{name!r} is not a file that can be read ({cause})") from None
    if base not in target.parents:
        raise ValueError(
            f"{name!r} is not below the config's folder "
            f"{base} (a config may only read files in its own folder tree)"
        )
    return target


# --- checks that need the installed rules --------------------------------------------------


def validate(config: Config, rules: Mapping[str, Rule], plugin_tables: Iterable[str] = ()) -> None:
    """Check selectors, ``[rules.<id>]`` ids, option names and types, and plugin tables
    against the rules of this run; raise ConfigError on the first mistake."""
    from newslint.engine import SelectionError, check_selectors

    origin = config.path or "<config>"
    known = dict(rules)
    known.update({r.id: r for r in config.house_rules})
    allowed = set(KNOWN_PLUGIN_TABLES) | set(plugin_tables) | {r.plugin for r in known.values()}
    for name in config.sections:
        if name not in allowed:
            raise ConfigError(
                f"{origin}: unknown key '{name}' (expected one of: {', '.join(TOP_KEYS)}, "
                f"or the table of an installed plugin)"
            )

    def selectors(tokens: Iterable[str], key: str) -> None:
        for token in tokens:
            try:
                check_selectors([token], known.values())
            except SelectionError:
                raise _fail(
                    origin,
                    key,
                    "rule ids, categories or plugin names (see 'newslint rules')",
                    token,
                ) from None

    def tables(rule_tables: Mapping[str, dict[str, Any]], key: str) -> None:
        for rule_id, table in rule_tables.items():
            rule = known.get(rule_id)
            if (
                rule is None
                and set(table) <= set(GENERIC_RULE_KEYS)
                and any(rule_id.startswith(r.id + "/") for r in known.values())
            ):
                continue  # a backend's finding id under its rule: [rules."languagetool/EN_QUOTES"]
            if rule is None:
                raise ConfigError(
                    f"{origin}: key '{key}.{rule_id}': unknown rule id {rule_id!r} "
                    f"(see 'newslint rules')"
                )
            try:
                bind(rule.options, table, context, skip=GENERIC_RULE_KEYS, notes=old_keys)
            except (UnknownOption, BadValue) as exc:
                raise _option_error(origin, f"{key}.{rule_id}", rule, exc) from None
            for old in old_keys:
                new = old.replace("_", "-")
                # One spelling from here on, so an override's new key replaces the table's
                # old one when the two merge for a path (and vice versa).
                table[new] = table.pop(old)
                note = (
                    f"{origin}: key '{key}.{rule_id}.{old}' is the old spelling of '{new}'; "
                    f"write '{new}' (the old one will stop working in a later release)"
                )
                if note not in config.notes:
                    config.notes.append(note)
            old_keys.clear()

    # One context for the whole config: its patterns share one allowance.
    context = LoadContext(config.folder)
    old_keys: list[str] = []
    selectors(config.select, "select")
    selectors(config.ignore, "ignore")
    tables(config.rules, "rules")
    for number, override in enumerate(config.overrides, 1):
        selectors(override.select or (), f"overrides[{number}].select")
        selectors(override.ignore, f"overrides[{number}].ignore")
        tables(override.rules, f"overrides[{number}].rules")


def _option_error(origin: str, table: str, rule: Rule, exc: Exception) -> ConfigError:
    """The one-line error for a key of a rule's table that its options do not take."""
    if isinstance(exc, BadValue):
        return _fail(origin, f"{table}.{exc.key}", exc.expected, exc.value)
    assert isinstance(exc, UnknownOption)
    takes = ", ".join([*GENERIC_RULE_KEYS, *option_keys(rule.options)])
    return ConfigError(f"{origin}: unknown key '{table}.{exc.key}' (rule {rule.id} takes: {takes})")


# The files whose config a resolver remembers by path (a run asks several times a file,
# within a batch of files); past this it starts again, each config itself kept.
_PATHS_REMEMBERED = 4096


class ConfigResolver:
    """Which config each checked file gets, loading and validating each config file once.

    ``explicit`` names one config file for every file, ``fixed`` one Config object;
    ``disabled`` gives every file the defaults;
    otherwise the nearest config from the file's folder upward (cached per folder; see
    :func:`find_config` for where the search stops). Stdin
    (a display path that is not a real file) uses the config of the current folder.
    ``check`` validates each config once after loading; ``adjust`` applies the command line.
    """

    def __init__(
        self,
        *,
        explicit: Path | None = None,
        disabled: bool = False,
        fixed: Config | None = None,
        check: Callable[[Config], None] | None = None,
        adjust: Callable[[Config], Config] | None = None,
    ) -> None:
        self.explicit = explicit
        self.disabled = disabled
        self.fixed = fixed
        self.check = check
        self.adjust = adjust or (lambda c: c)
        self._files: dict[Path, Config] = {}
        self._folders: dict[Path, Path | None] = {}
        self._paths: dict[str, Config] = {}
        # Each distinct config with the command line applied once (by the id of the config
        # before, kept alive here), so that the files it covers share one Config.
        self._adjusted: dict[int, tuple[Config, Config]] = {}
        self._default: Config | None = None
        # One line for each config the search skipped (writable by every user): the CLI
        # prints them on stderr.
        self.notes: list[str] = []

    def _load(self, path: Path) -> Config:
        key = path.resolve()
        if key not in self._files:
            config = load_config(path)
            if self.check:
                self.check(config)
                self.notes.extend(n for n in config.notes if n not in self.notes)
            self._files[key] = config
        return self._files[key]

    def _defaults(self) -> Config:
        if self._default is None:
            self._default = self.fixed or Config()
            if self.check:
                self.check(self._default)
        return self._default

    def for_folder(self, folder: Path) -> Config:
        """The config (before overrides and the command line) for files in ``folder``."""
        if self.disabled or self.fixed is not None:
            return self._defaults()
        if self.explicit is not None:
            return self._load(self.explicit)
        key = folder.resolve()
        if key not in self._folders:
            skipped: list[str] = []
            self._folders[key] = find_config(key, skipped)
            self.notes.extend(n for n in skipped if n not in self.notes)
        found = self._folders[key]
        return self._load(found) if found else self._defaults()

    def for_path(self, path: str) -> Config:
        """The config that applies to the file shown as ``path``: overrides and command line in."""
        found = self._paths.get(path)
        if found is None:
            folder = Path(os.path.abspath(path)).parent
            if not folder.is_dir():
                folder = Path.cwd()
            config = self.for_folder(folder).for_path(path)
            if id(config) not in self._adjusted:
                self._adjusted[id(config)] = (config, self.adjust(config))
            if len(self._paths) >= _PATHS_REMEMBERED:  # an archive's files: memory stays flat
                self._paths.clear()
            found = self._paths[path] = self._adjusted[id(config)][1]
        return found

    def house_rules(self) -> dict[str, Rule]:
        """Every house-style rule of the configs loaded so far, by id."""
        return {r.id: r for config in self._files.values() for r in config.house_rules}

    def for_cwd(self) -> Config:
        return self.adjust(self.for_folder(Path.cwd()))
