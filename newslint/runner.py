"""One check run from start to finish, as ``newslint check`` and ``lint_paths`` perform it.

    request ─► plugins ─► configs (per folder) ─► inputs ─► Linter ─► filters ─► outcome
                                                              │      (changed lines,
                                                              │       baseline)
                                                              └─► --fix, then check again

The CLI only turns options into a CheckRequest and an outcome into output and an exit code,
so every front end gets the same behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Sequence

from newslint.config import Config, ConfigError, ConfigResolver, validate
from newslint.engine import Linter, SelectionError, check_selectors
from newslint.inputs import STDIN, InputError, Source, discover, read_path, read_stdin
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
    baseline: Path | None = None
    write_baseline: Path | None = None

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

    sources = read_sources(request, registry)
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
    if request.fix:
        results = _apply_fixes(linter, sources, results, problems, notes,
                               skip=request.stdin_name if STDIN in request.paths else None)
    problems.extend(f"{r.path}: {r.error}" for r in results if r.error)
    if baseline is not None:
        _close_baseline(baseline, request.write_baseline, problems, notes)

    def fail_on_for(path: str) -> str:
        try:
            return resolver.for_path(path).fail_on
        except ConfigError:  # a file that could not be read: the current folder's
            return linter.config.fail_on

    return CheckOutcome(results, rules=registry.rules, fail_on=linter.config.fail_on,
                        fail_on_for=fail_on_for, problems=problems, notes=notes)


def read_sources(request: CheckRequest, registry: Registry) -> list[Source | InputError]:
    """Each named file once, directories expanded, stdin read; unreadable ones as errors."""
    sources: list[Source | InputError] = []
    seen: set[str] = set()
    for item in discover(request.paths, registry.extensions):
        if isinstance(item, InputError):
            sources.append(item)
            continue
        if item in seen:
            continue
        seen.add(item)
        try:
            if item == STDIN:
                if request.stdin is None:
                    raise InputError(request.stdin_name, "no standard input to read")
                sources.append(read_stdin(request.stdin_name, request.stdin))
            else:
                sources.append(read_path(Path(item), item))
        except InputError as exc:
            sources.append(exc)
    return sources


def _validator(registry: Registry) -> Callable[[Config], None]:
    """Validate a loaded config against this run's rules and plugins (a ConfigError if not)."""
    tables = [registry.manager.get_name(p) for p in registry.manager.get_plugins()]
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


def _close_baseline(baseline, write_baseline, problems: list[str], notes: list[str]) -> None:
    """Write a new baseline, or say how many entries of the old one no longer match."""
    if write_baseline:
        try:
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
                 notes: list[str], skip: str | None) -> list[FileResult]:
    """Fix each file in place, then check the fixed files again so the report shows what is
    left (through the same filters: only changed lines, baseline)."""
    from newslint.fixes import fix_file

    texts = {s.path: s.text for s in sources if isinstance(s, Source)}
    fixed_paths, applied = [], 0
    for result in results:
        fixable = [f for f in result.findings if f.fix]
        if not fixable or result.path not in texts or result.path == skip:  # stdin: no file
            continue
        try:
            count = fix_file(result.path, texts[result.path], fixable)
        except InputError as exc:
            problems.append(str(exc))
            continue
        if count:
            applied += count
            fixed_paths.append(result.path)
    if not fixed_paths:
        return results
    notes.append(f"fixed {applied} problem{'s' if applied != 1 else ''} "
                 f"in {len(fixed_paths)} file{'s' if len(fixed_paths) != 1 else ''}")
    again = {r.path: r for r in linter.run([read_path(Path(p), p) for p in fixed_paths])}
    return [again.get(r.path, r) for r in results]
