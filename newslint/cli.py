"""The command line: ``newslint check`` and ``newslint rules``.

Exit codes (DESIGN.md): 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage,
config, input or internal error, with one line per problem on stderr naming file and cause.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from newslint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def _error(message: str) -> None:
    click.echo(f"newslint: error: {message}", err=True)


def _use_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """A linter for news copy: duplicated paragraphs, repeated attributions, grammar slips,
    inconsistent names and web or CMS debris."""
    import gc

    # A short-lived process building many small objects (words, sentences) spends a large
    # share of its time in the cyclic collector at the default thresholds.
    gc.set_threshold(100_000, 50, 100)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", default="text", show_default=True,
              type=click.Choice(["text", "json", "github", "sarif", "junit"]),
              help="Output format: text, json, github (Actions annotations), sarif, junit.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rule ids or categories (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Skip these rule ids or categories (comma-separated, repeatable).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this config file instead of searching for one.")
@click.option("--no-config", is_flag=True, help="Ignore every config file.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: warning).")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="Name (and so format) of the text read from '-'.")
@click.option("--disable-plugin", multiple=True, metavar="NAME",
              help="Do not load this plugin (entry-point name; repeatable).")
@click.option("--no-plugins", is_flag=True, help="Load no outside plugins, only built-in rules.")
@click.option("--fix", is_flag=True,
              help="Write the safe fixes (whitespace, debris lines, doubled words...) into the files, "
                   "atomically, then report what is left.")
@click.option("--changed-since", metavar="REV", default=None,
              help="Report only findings on lines added or changed since git revision REV.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              metavar="FILE", help="Hide the findings recorded in this baseline file; report only new ones.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False), default=None,
              metavar="FILE", help="Record today's findings in this baseline file (and hide them).")
def check(paths, output_format, select, ignore, config_path, no_config, fail_on,
          stdin_filename, disable_plugin, no_plugins, changed_since=None, fix=False,
          baseline_path=None, write_baseline=None):
    """Check files, directories (recursively) or '-' (stdin) for problems in news copy."""
    from newslint.config import ConfigError, ConfigResolver
    from newslint.engine import Linter, SelectionError, check_selectors
    from newslint.inputs import STDIN, InputError, read_path, read_stdin
    from newslint.output import Report, render

    if not paths:
        _error("no paths given; name files or directories, or '-' to read stdin")
        sys.exit(EXIT_ERROR)
    # Each file gets the nearest config from its folder upward (see newslint/config.py);
    # --select/--ignore/--fail-on apply on top of whichever config that is.
    resolver = ConfigResolver(
        explicit=Path(config_path) if config_path else None, disabled=no_config,
        adjust=lambda c: c.narrowed(select=_split(select), ignore=_split(ignore), fail_on=fail_on))
    linter = Linter.create(entry_points=not no_plugins, disabled=disable_plugin)
    resolver.check = _config_check(linter.registry)
    try:
        linter.config = resolver.for_cwd()
    except ConfigError as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)
    linter.config_for = resolver.for_path
    problems = list(linter.registry.errors)
    baseline = _open_baseline(baseline_path, write_baseline)
    if baseline is not None:
        linter.document_filter = baseline.record_and_filter if write_baseline else baseline.filter

    changes = None
    if changed_since:
        from newslint.changes import ChangesError, changed_lines

        try:
            changes = changed_lines(changed_since, [p for p in paths if p != STDIN])
        except ChangesError as exc:
            _error(str(exc))
            sys.exit(EXIT_ERROR)

    from newslint.inputs import discover

    sources = []
    formats = {}
    seen = set()
    for item in discover(paths, linter.registry.extensions):
        if isinstance(item, InputError):
            sources.append(item)
            continue
        if item in seen:
            continue
        seen.add(item)
        try:
            if item == STDIN:
                shown = stdin_filename or "<stdin>"
                sources.append(read_stdin(shown, sys.stdin.buffer))
            else:
                sources.append(read_path(Path(item), item))
        except InputError as exc:
            sources.append(exc)

    try:  # every file's config is loaded and checked before any is linted
        for source in sources:
            if not isinstance(source, InputError):
                resolver.for_path(source.path)
        # --select/--ignore may name any rule of the run, house rules of any folder included.
        check_selectors(_split(select) + _split(ignore), [*linter.registry.rules.values(),
                                                          *resolver.house_rules().values()])
    except (ConfigError, SelectionError) as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)

    def only_changed(results):
        if changes is None:
            return results
        from newslint.changes import keep_changed

        return keep_changed(results, changes, exempt=[stdin_filename or "<stdin>"] if STDIN in paths else [])

    results = only_changed(linter.run(sources, formats, problems=problems))
    if fix:
        # Fix only what is reported, then report what is left of it.
        results = only_changed(_apply_fixes(linter, sources, results, formats, problems))
    for result in results:
        if result.error:
            problems.append(f"{result.path}: {result.error}")
    for problem in problems:
        _error(problem)
    if baseline is not None:
        _close_baseline(baseline, write_baseline, problems)

    report = Report(results, rules=linter.registry.rules, color=_use_color(sys.stdout),
                    fail_on=linter.config.fail_on, fail_on_for=_fail_on_for(resolver, linter.config))
    click.echo(render(output_format, report), nl=False)
    code = report.exit_code()
    sys.exit(EXIT_ERROR if problems else code)


def _fail_on_for(resolver, default):
    """Each file's --fail-on threshold: its own config's (a file that could not be read: the
    current folder's)."""
    from newslint.config import ConfigError

    def fail_on(path: str) -> str:
        try:
            return resolver.for_path(path).fail_on
        except ConfigError:
            return default.fail_on
    return fail_on


def _config_check(registry):
    """Validate a loaded config against this run's rules and plugins (a ConfigError if not)."""
    from newslint.config import validate

    tables = [registry.manager.get_name(p) for p in registry.manager.get_plugins()]
    return lambda config: validate(config, registry.rules, [t for t in tables if t])


def _open_baseline(baseline_path, write_baseline):
    from newslint.baseline import Baseline, BaselineError

    if write_baseline:
        return Baseline.empty(Path(write_baseline))
    if baseline_path:
        try:
            return Baseline.load(Path(baseline_path))
        except BaselineError as exc:
            _error(str(exc))
            sys.exit(EXIT_ERROR)
    return None


def _close_baseline(baseline, write_baseline, problems) -> None:
    """Write a new baseline, or say how many entries of the old one no longer match."""
    if write_baseline:
        try:
            count = baseline.write()
        except OSError as exc:
            problems.append(f"{write_baseline}: cannot write the baseline ({exc.strerror or exc})")
            _error(problems[-1])
            return
        click.echo(f"newslint: wrote {count} finding{'s' if count != 1 else ''} to the baseline "
                   f"{write_baseline}", err=True)
        return
    stale = baseline.stale_count()
    if stale:
        click.echo(f"newslint: {stale} baseline entr{'ies' if stale != 1 else 'y'} no longer match "
                   f"(fixed findings); rewrite {baseline.path} with --write-baseline to drop them", err=True)


def _apply_fixes(linter, sources, results, formats, problems):
    """Fix each file in place, then check the fixed files again so the report shows what is left."""
    from newslint.fixes import fix_file
    from newslint.inputs import InputError, read_path

    texts = {s.path: s.text for s in sources if not isinstance(s, InputError)}
    fixed_paths, applied = [], 0
    for result in results:
        fixable = [f for f in result.findings if f.fix]
        if not fixable or result.path not in texts or result.path == "<stdin>":
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
    click.echo(f"newslint: fixed {applied} problem{'s' if applied != 1 else ''} "
               f"in {len(fixed_paths)} file{'s' if len(fixed_paths) != 1 else ''}", err=True)
    again = {r.path: r for r in linter.run([read_path(Path(p), p) for p in fixed_paths], formats)}
    return [again.get(r.path, r) for r in results]


def _plugin_notes(registry) -> None:
    """Print the plugins' ``newslint_notes`` (a backend with no server, say) on stderr."""
    from newslint.config import Config, ConfigError, find_config, load_config

    try:
        found = find_config(Path.cwd())
        config = load_config(found) if found else Config()
    except ConfigError:
        config = Config()  # 'newslint check' reports a bad config; here it only mutes notes
    for plugin in registry.manager.get_plugins():
        impl = getattr(plugin, "newslint_notes", None)
        if impl is None:
            continue
        name = registry.manager.get_name(plugin)
        try:
            notes = list(impl(config=config) or ())
        except Exception as exc:  # a broken plugin must not take 'rules' down
            notes = [f"newslint_notes raised {type(exc).__name__}: {exc}"]
        for note in notes:
            click.echo(f"newslint: note: plugin {name}: {note}", err=True)


@main.command()
@click.argument("rule_id", required=False)
@click.option("--format", "output_format", default="text", type=click.Choice(["text", "json"]))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Also list the house-style rules ([[house-style]]) of this config file.")
def rules(rule_id, output_format, config_path=None):
    """List every rule, or print one rule's documentation."""
    import json

    from newslint.plugins import build_registry
    from newslint.rule import documentation

    registry = build_registry()
    for problem in registry.errors:
        _error(problem)
    _plugin_notes(registry)
    known = dict(registry.rules)
    if config_path:
        from newslint.config import ConfigError, load_config

        try:
            known.update((r.id, r) for r in load_config(Path(config_path)).house_rules)
        except ConfigError as exc:
            _error(str(exc))
            sys.exit(EXIT_ERROR)
    if rule_id:
        rule = known.get(rule_id)
        if rule is None:
            _error(f"unknown rule {rule_id!r} (see 'newslint rules')")
            sys.exit(EXIT_ERROR)
        click.echo(documentation(rule), nl=False)
        return
    ordered = sorted(known.values(), key=lambda r: (r.plugin != "newslint", r.category, r.id))
    if output_format == "json":
        click.echo(json.dumps([
            {"id": r.id, "category": r.category, "severity": r.severity, "plugin": r.plugin,
             "summary": r.summary} for r in ordered], indent=2))
        return
    width = max((len(r.id) for r in ordered), default=10)
    for r in ordered:
        click.echo(f"{r.id:<{width}}  {r.category:<11}  {r.severity:<7}  {r.plugin:<10}  {r.summary}")
