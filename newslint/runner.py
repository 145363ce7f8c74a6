"""One check run from start to finish, as ``newslint check`` and ``lint_paths`` perform it.

    request ─► plugins ─► configs (per folder) ─► inputs ─► Linter ─► filters ─► outcome
                                                              │      (changed lines,
                                                              │       baseline)
                                                              └─► --fix, then check again

The CLI only turns options into a CheckRequest and an outcome into output and an exit code,
so every front end gets the same behaviour.
"""

from __future__ import annotations

import dataclasses
import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Sequence

from newslint.config import Config, ConfigError, ConfigResolver, validate
from newslint.engine import Linter, SelectionError, check_selectors
from newslint.inputs import STDIN, InputError, Skipped, Source, decode, discover, read_path, read_stdin
from newslint.model import FileResult
from newslint.plugins import Registry, build_registry
from newslint.output import Report

STDIN_NAME = "<stdin>"


class RunAborted(Exception):
    """A problem that stops the run before any file is checked (usage, config, git); its
    message is the one line the user sees."""


@dataclass
class CheckRequest:
    paths: Sequence[str]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    config_path: Path | None = None  # one config file for every checked file
    config: Config | None = None  # a config object for every checked file (the API)
    no_config: bool = False
    stdin: BinaryIO | None = None
    stdin_filename: str | None = None
    entry_points: bool = True
    disabled_plugins: tuple[str, ...] = ()
    changed_since: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False  # with fix: apply unsafe fixes too
    baseline: Path | None = None
    write_baseline: Path | None = None
    # The report's own file (--output): a folder walk that meets it (the last run's
    # report.html) does not read it as a story.
    output: Path | None = None

    @property
    def stdin_name(self) -> str:
        return self.stdin_filename or STDIN_NAME


@dataclass
class CheckOutcome:
    results: list[FileResult]
    rules: dict
    fail_on: str
    fail_on_for: Callable[[str], str]
    problems: list[str] = field(default_factory=list)  # errors, one line each: exit code 2
    notes: list[str] = field(default_factory=list)  # what the run did (fixes, baseline)
    # With --fix on '-': the text to print on stdout, fixed (or as read, if nothing could be
    # fixed); None when stdin was not read as text.
    fixed_stdin: bytes | None = None

    def report(self, *, color: bool = False) -> Report:
        return Report(self.results, rules=self.rules, color=color, fail_on=self.fail_on,
                      fail_on_for=self.fail_on_for)

    @property
    def exit_code(self) -> int:
        return 2 if self.problems else self.report().exit_code()


def run_check(request: CheckRequest, registry: Registry | None = None) -> CheckOutcome:
    """Check what ``request`` names. Raises RunAborted for a problem that stops the run."""
    if not request.paths:
        raise RunAborted("no paths given; name files or directories, or '-' to read stdin")
    if registry is None:
        registry = build_registry(entry_points=request.entry_points, disabled=request.disabled_plugins)
    # Each file gets the nearest config from its folder upward (see newslint/config.py);
    # --select/--ignore/--fail-on apply on top of whichever config that is.
    resolver = ConfigResolver(
        explicit=request.config_path, disabled=request.no_config, fixed=request.config,
        check=_validator(registry),
        adjust=lambda c: c.narrowed(select=request.select, ignore=request.ignore, fail_on=request.fail_on))
    linter = Linter(Config(), registry)
    try:
        linter.config = resolver.for_cwd()
    except ConfigError as exc:
        raise RunAborted(str(exc)) from exc
    linter.config_for = resolver.for_path
    problems = list(registry.errors)
    notes: list[str] = []

    # The baseline sees every finding before --changed-since drops those on untouched lines:
    # its entries match the whole story (and are not counted stale for being out of the diff).
    baseline = _open_baseline(request)
    if baseline is not None:
        ran_by_config: dict[int, tuple[Config, Callable[[str], bool]]] = {}

        def rules_ran_for(path: str) -> Callable[[str], bool]:
            config = resolver.for_path(path)  # one answer per config, which many files share
            if id(config) not in ran_by_config:
                ran_by_config[id(config)] = (config, linter.rule_ran(config))
            return ran_by_config[id(config)][1]

        baseline.rules_ran_for = rules_ran_for
        linter.document_filters.append(baseline.record_and_filter if request.write_baseline else baseline.filter)
    if request.changed_since:
        from newslint.changes import ChangesError, changed_lines

        try:
            changes = changed_lines(request.changed_since, [p for p in request.paths if p != STDIN])
        except ChangesError as exc:
            raise RunAborted(str(exc)) from exc
        exempt = request.stdin_name if STDIN in request.paths else None
        linter.document_filters.append(
            lambda document, findings: findings if document.path == exempt
            else [f for f in findings if changes.touches(document.path, f)])

    stdin_copy = None
    if request.fix and STDIN in request.paths and request.stdin is not None:
        stdin_copy = _RecordedStream(request.stdin)
        request = dataclasses.replace(request, stdin=stdin_copy)
    walked_from: dict[str, str] = {}
    sources = read_sources(request, registry, walked_from, notes)
    try:  # every file's config is loaded and checked before any is linted
        for source in sources:
            if not isinstance(source, InputError):
                resolver.for_path(source.path)
        # --select/--ignore may name any rule of the run, house rules of any folder included.
        check_selectors(request.select + request.ignore,
                        [*registry.rules.values(), *resolver.house_rules().values()])
    except (ConfigError, SelectionError) as exc:
        raise RunAborted(str(exc)) from exc
    notes.extend(resolver.notes)  # configs the search skipped, named on stderr

    results = linter.run(sources, problems=problems)
    fixed_stdin = None
    if request.fix:
        stdin = None
        if stdin_copy is not None and any(s.path == request.stdin_name for s in sources if isinstance(s, Source)):
            stdin = _Stdin(request.stdin_name, bytes(stdin_copy.data))
        results, fixed_stdin = _apply_fixes(linter, sources, results, problems, notes,
                                            walked_from=walked_from, stdin=stdin, unsafe=request.unsafe_fixes)
    problems.extend(f"{r.path}: {r.error}" for r in results if r.error)
    if baseline is not None:
        checked = {_file_identity(s.path) for s in sources if isinstance(s, Source) and s.path != request.stdin_name}
        _close_baseline(baseline, request.write_baseline, problems, notes, checked=checked)

    def fail_on_for(path: str) -> str:
        try:
            return resolver.for_path(path).fail_on
        except ConfigError:  # a file that could not be read: the current folder's
            return linter.config.fail_on

    return CheckOutcome(results, rules=registry.rules, fail_on=linter.config.fail_on,
                        fail_on_for=fail_on_for, problems=problems, notes=notes, fixed_stdin=fixed_stdin)


def read_sources(request: CheckRequest, registry: Registry,
                 walked_from: dict[str, str] | None = None,
                 notes: list[str] | None = None) -> list[Source | InputError]:
    """Each file once, under the first name given (``a.txt ./a.txt``, a symlink and its
    target, two hard links: one file), directories expanded, stdin read; unreadable ones as
    errors. ``walked_from`` is filled with the folder each file found inside a folder came from.
    FIFOs, devices and sockets found in a folder are skipped with a line in ``notes``."""
    sources: list[Source | InputError] = []
    seen: set = set()
    report = _file_identity(str(request.output)) if request.output else None
    for raw in request.paths:
        for item in discover([raw], registry.extensions):
            if isinstance(item, Skipped):
                if notes is not None:
                    notes.append(str(item))
                continue
            if isinstance(item, InputError):
                sources.append(item)
                continue
            identity = item if item == STDIN else _file_identity(item)
            if identity in seen or (item != raw and identity == report):
                continue
            seen.add(identity)
            if item != raw and walked_from is not None:
                walked_from[item] = raw
            sources.append(_read(request, item))
    return sources


def _file_identity(path: str) -> tuple:
    try:
        info = os.stat(path)
    except OSError:  # reading it will say what is wrong
        return ("path", os.path.realpath(path))
    return (info.st_dev, info.st_ino)


def _read(request: CheckRequest, item: str) -> Source | InputError:
    if item != STDIN:
        return _read_file(item)
    try:
        if request.stdin is None:
            raise InputError(request.stdin_name, "no standard input to read")
        return read_stdin(request.stdin_name, request.stdin)
    except InputError as exc:
        return exc


def _read_file(path: str) -> Source | InputError:
    try:
        return read_path(Path(path), path)
    except InputError as exc:  # missing, unreadable, binary...: the report says so for this file
        return exc


class _RecordedStream:
    """Standard input that keeps the bytes read from it: with --fix, stdout is the whole text."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.data = bytearray()

    def read(self, *size: int) -> bytes:
        chunk = self.stream.read(*size)
        self.data += chunk.encode("utf-8", "surrogateescape") if isinstance(chunk, str) else chunk
        return chunk


@dataclass(frozen=True)
class _Stdin:
    name: str  # as findings show it (--stdin-filename)
    data: bytes  # as read


def _validator(registry: Registry) -> Callable[[Config], None]:
    """Validate a loaded config against this run's rules and plugins (a ConfigError if not)."""
    tables = [name for name, _ in registry.plugins()]
    return lambda config: validate(config, registry.rules, [t for t in tables if t])


def _open_baseline(request: CheckRequest):
    from newslint.baseline import Baseline, BaselineError

    if request.write_baseline:
        return Baseline.empty(Path(request.write_baseline))
    if request.baseline:
        try:
            return Baseline.load(Path(request.baseline))
        except BaselineError as exc:
            raise RunAborted(str(exc)) from exc
    return None


def _close_baseline(baseline, write_baseline, problems: list[str], notes: list[str], *,
                    checked: set = frozenset()) -> None:
    """Write a new baseline, or say how many entries of the old one no longer match.
    ``checked`` holds the identities of the files checked: a baseline never replaces one."""
    if write_baseline:
        try:
            if _file_identity(str(write_baseline)) in checked:
                raise OSError(errno.EEXIST, "it is a file being checked; not overwritten")
            count = baseline.write()
        except OSError as exc:
            problems.append(f"{write_baseline}: cannot write the baseline ({exc.strerror or exc})")
            return
        notes.append(f"wrote {count} finding{'s' if count != 1 else ''} to the baseline {write_baseline}")
        return
    stale = baseline.stale_count()
    if stale:
        notes.append(f"{stale} baseline entr{'ies' if stale != 1 else 'y'} no longer match "
                     f"(fixed findings); rewrite {baseline.path} with --write-baseline to drop them")


def _apply_fixes(linter: Linter, sources, results: list[FileResult], problems: list[str],
                 notes: list[str], *, walked_from: dict[str, str],
                 stdin: _Stdin | None, unsafe: bool = False) -> tuple[list[FileResult], bytes | None]:
    """Fix each file in place (stdin: into the text returned for stdout), then check the fixed
    texts again so the report shows what is left (through the same filters: only changed
    lines, baseline). A file that cannot be fixed or read again is one line in ``problems``."""
    from newslint.fixes import fix_file, fixed_bytes
    from newslint.writing import outside

    texts = {s.path: s.text for s in sources if isinstance(s, Source)}
    fixed_stdin = stdin.data if stdin else None
    fixed_texts: list[Source] = []  # fixed stdin
    fixed_paths: list[str] = []  # read again once every file is written
    applied = 0
    for result in results:
        fixable = [f for f in result.findings if f.fix is not None and (unsafe or f.fix.is_safe)]
        if not fixable or result.path not in texts:
            continue
        try:
            if stdin and result.path == stdin.name:
                fixed_stdin, count = fixed_bytes(stdin.name, stdin.data, texts[stdin.name], fixable,
                                                    unsafe=unsafe)
                fixed_texts += [Source(stdin.name, decode(stdin.name, fixed_stdin))] if count else []
            else:
                root = walked_from.get(result.path)
                if root is not None and outside(result.path, root):
                    raise InputError(result.path, f"is a symlink to a file outside {root}; not fixed")
                count = fix_file(result.path, texts[result.path], fixable, unsafe=unsafe)
                fixed_paths += [result.path] if count else []
        except InputError as exc:
            problems.append(str(exc))
            continue
        except OSError as exc:  # deleted or made unreadable since it was checked
            problems.append(f"{result.path}: cannot be fixed ({exc.strerror or exc}); not fixed")
            continue
        applied += count
    files = len(fixed_texts) + len(fixed_paths)
    if not files:
        return results, fixed_stdin
    notes.append(f"fixed {applied} problem{'s' if applied != 1 else ''} "
                 f"in {files} file{'s' if files != 1 else ''}")
    rechecked = {r.path: r for r in linter.run([*fixed_texts, *map(_read_file, fixed_paths)])}
    return [rechecked.get(r.path, r) for r in results], fixed_stdin
