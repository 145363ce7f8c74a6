"""The engine: parse each input, run the active rules on it, resolve positions.

Rules are pure functions of a Document; everything stateful about a run (which rules are
on, their severities and options) lives here, so one Linter can serve many threads and
many calls without leaking state between them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from newslint.config import Config
from newslint.document import Document
from newslint.inputs import InputError, Source
from newslint.model import CATEGORIES, FileResult, Finding
from newslint.plugins import Registry, build_registry
from newslint.rule import Rule

INTERNAL_RULE = "internal-error"
# Documents checked together by Linter.stream: enough for a batching backend's requests,
# few enough that memory stays flat in the number of files.
BATCH = 32


class RunFingerprint(NamedTuple):
    """What the run-wide rules keep of one document: its path and each fingerprinting
    plugin's compact summary of it (see the ``newslint_fingerprint`` hook)."""

    path: str
    prints: dict[str, Any]


class BackendError(Exception):
    """Raised by a plugin whose backend (a server, a service) cannot serve this run.

    The CLI prints its message once per run, not once per file, and exits 2; the other
    rules' findings are still reported.
    """


class SelectionError(ValueError):
    """--select/--ignore (or config) named something that is neither a rule nor a category."""


def matches(token: str, rule: Rule | FindingView) -> bool:
    """A selector names a rule id, a category, a plugin, or an id prefix ending in '/'."""
    token = token.strip()
    return (
        token == rule.id
        or token == rule.category
        or token == rule.plugin
        or rule.id.startswith(token.rstrip("/") + "/")
    )


def names(token: str, rule: Rule | FindingView) -> bool:
    """``matches``, or the token names one of the rule's sub-ids: ``languagetool/EN_QUOTES``
    under a backend's umbrella rule ``languagetool``, whose findings carry such ids."""
    return matches(token, rule) or token.strip().startswith(rule.id + "/")


def is_selected(rule: Rule | FindingView, config: Config) -> bool:
    """Does --select/--ignore and the config leave this rule (or finding view) on?"""
    if config.select and not any(names(t, rule) for t in config.select):
        return False
    if any(matches(t, rule) for t in config.ignore):
        return False
    return config.rule_enabled(rule) or any(t == rule.id for t in config.select)


def check_selectors(tokens: Iterable[str], rules: Iterable[Rule]) -> None:
    """Raise SelectionError for a token that names no rule, category or plugin."""
    rules = list(rules)
    for token in tokens:
        # A category is always valid: a backend's findings may bring one no rule has.
        if token.strip() not in CATEGORIES and not any(names(token, r) for r in rules):
            raise SelectionError(f"unknown rule or category {token!r} (see 'newslint rules')")


def select_rules(rules: Iterable[Rule], config: Config) -> list[Rule]:
    rules = list(rules)
    if not config.selection_checked:
        check_selectors((*config.select, *config.ignore), rules)
    return [rule for rule in rules if is_selected(rule, config)]


@dataclass(frozen=True)
class FindingView:
    """What selection and config need of a rule, for a finding whose id is not a registered
    rule (a backend's ``languagetool/<ID>``): its id, category, severity and plugin."""

    id: str
    category: str
    severity: str
    plugin: str


def internal_finding(message: str, start: int = 0) -> Finding:
    return Finding(
        rule=INTERNAL_RULE,
        category="internal",
        severity="error",
        message=message,
        start=start,
        end=start,
    )


@dataclass
class Linter:
    """Runs the active rules of a config on documents, with a run's plugins."""

    config: Config
    registry: Registry
    # The config of each checked file (per-folder discovery, [[overrides]]); default: ``config``.
    config_for: Callable[[str], Config] | None = None
    # Run in order on each document's resolved findings before they are reported: only the
    # changed lines (--changed-since), a baseline.
    document_filters: list[Callable[[Document, list[Finding]], list[Finding]]] = field(
        default_factory=list
    )

    @classmethod
    def create(cls, config: Config | None = None, **registry_options: Any) -> Linter:
        return cls(config or Config(), build_registry(**registry_options))

    # --- parsing ----------------------------------------------------------------------
    def parse(self, source: Source, fmt: str | None = None) -> Document:
        parser = self.registry.parsers.get(fmt) if fmt else self.registry.parser_for(source.path)
        if parser is None:
            raise InputError(
                source.path, f"unknown format {fmt!r} (known: {', '.join(self.registry.parsers)})"
            )
        document = parser.parse(source.path, source.text)
        document.crlf = source.crlf
        return document

    # --- checking ---------------------------------------------------------------------
    def active_rules(self, config: Config | None = None) -> list[Rule]:
        config = config or self.config
        return select_rules([*self.registry.rules.values(), *config.house_rules], config)

    def rule_ran(self, config: Config | None = None) -> Callable[[str], bool]:
        """Whether a finding id can come from a run under ``config``: an active rule's id, or
        a backend's sub-id (``languagetool/<ID>``) under an active rule that selection leaves
        on. A baseline counts only such entries as fixed when their findings are gone."""
        config = config or self.config
        active = {rule.id: rule for rule in self.active_rules(config)}

        def ran(rule_id: str) -> bool:
            if rule_id in active:
                return True
            umbrella = active.get(rule_id.split("/", 1)[0])
            if umbrella is None or rule_id in self.registry.rules:
                return False
            return is_selected(
                FindingView(rule_id, umbrella.category, umbrella.severity, umbrella.plugin), config
            )

        return ran

    def check_document(
        self,
        document: Document,
        config: Config | None = None,
        problems: list[str] | None = None,
        stopped: set[str] | None = None,
    ) -> list[Finding]:
        """The findings of every active rule on one document. ``stopped``: the ids of rules
        that raised a BackendError earlier in this run (reported once in ``problems``); they
        are not run again, so a pattern past its time budget costs one budget a run."""
        config = config or self.config
        findings: list[Finding] = []
        for rule in self.active_rules(config):
            if stopped is not None and rule.id in stopped:
                continue
            try:
                produced = list(rule.check(document, config.rule_options(rule)))
            except BackendError as exc:  # e.g. a house-style pattern past its time budget
                if stopped is not None:
                    stopped.add(rule.id)
                if problems is None:
                    findings.append(internal_finding(str(exc)))
                elif str(exc) not in problems:
                    problems.append(str(exc))
                continue
            except Exception as exc:  # one broken rule must not hide the others' findings
                findings.append(
                    internal_finding(
                        f"rule {rule.id} (plugin {rule.plugin}) raised {type(exc).__name__}: {exc}"
                    )
                )
                continue
            limit = config.rule_max_findings(rule)
            notice = None
            if len(produced) > limit:
                produced, notice = _capped(produced, rule, limit)
            findings.extend(self._with_config(f, rule, config) for f in produced)
            if notice is not None:
                findings.append(notice)
        if config.house_rules:  # a house rule's edit supersedes a built-in rule's same edit
            from newslint.house_style import supersede

            findings = supersede(findings)
        return findings

    # --- run-wide rules: fingerprints, reduced once a run ---------------------------------
    def fingerprinting_plugins(self) -> list[str]:
        """The names of the plugins that compare the stories of a run through compact
        fingerprints (``newslint_fingerprint``), in plugin order."""
        return self.registry.implementers("newslint_fingerprint")

    def needs_index(self, configs: Iterable[Config]) -> bool:
        """Whether a run under ``configs`` has a rule of a fingerprinting plugin on, so the
        stories must be fingerprinted (a first pass) before they are checked."""
        plugins = set(self.fingerprinting_plugins())
        if not plugins:
            return False
        configs = list(configs) or [self.config]
        return any(
            self.registry.rule_plugins.get(rule.id) in plugins
            for config in configs
            for rule in self.active_rules(config)
        )

    def fingerprint(self, document: Document) -> RunFingerprint:
        """One document's fingerprints, by plugin: small, picklable, never the document."""
        prints = {}
        # The document's own config, as its check gets (its folder's, not the run's).
        config = self.config_for(document.path) if self.config_for else self.config
        for name in self.fingerprinting_plugins():
            summary = self.registry.call(
                name, "newslint_fingerprint", document=document, config=config
            )
            if summary is not None:
                prints[name] = summary
        return RunFingerprint(document.path, prints)

    def reduce(self, fingerprints: Iterable[RunFingerprint]) -> dict[str, object]:
        """Each fingerprinting plugin's run index, from every document's fingerprints in
        run order; ``check_documents`` hands each plugin its own as ``index``."""
        fingerprints = list(fingerprints)
        reducers = set(self.registry.implementers("newslint_reduce_fingerprints"))
        index = {}
        for name in self.fingerprinting_plugins():
            mine = [(f.path, f.prints[name]) for f in fingerprints if name in f.prints]
            index[name] = (
                self.registry.call(
                    name, "newslint_reduce_fingerprints", fingerprints=mine, config=self.config
                )
                if name in reducers
                else mine
            )
        return index

    def check_documents(
        self,
        documents: Sequence[Document],
        config_for: Callable[[str], Config] | None = None,
        problems: list[str] | None = None,
        *,
        index: dict[str, object] | None = None,
        stopped: set[str] | None = None,
    ) -> dict[str, list[Finding]]:
        """Run every rule on every document, then the run-wide hook; positions resolved.

        ``index``: the run's fingerprints reduced (``reduce``), when ``documents`` is one
        batch of a longer run; without it, ``documents`` are the whole run.
        A plugin's BackendError goes to ``problems`` once (the CLI prints it); without a
        ``problems`` list it becomes an internal finding on each document so it is not lost.
        """
        config_for = config_for or self.config_for or (lambda _path: self.config)
        if index is None:
            index = (
                self.reduce(self.fingerprint(d) for d in documents)
                if self.fingerprinting_plugins()
                else {}
            )
        results: dict[str, list[Finding]] = {}
        failures: list[str] = []  # plugins whose configure/unconfigure raised
        self._broadcast("newslint_configure", failures, config=self.config)
        try:
            # Per run, never on the Linter or a rule: without a ``problems`` list (the API) each
            # document reports its own failure.
            if stopped is None:
                stopped = set() if problems is not None else None
            for document in documents:
                results[document.path] = self.check_document(
                    document, config_for(document.path), problems, stopped
                )
            by_path = {d.path: d for d in documents}
            # What the per-document rules found (prose offsets), for backends that drop
            # their own findings where a core rule already reported the span.
            core = {path: tuple(found) for path, found in results.items()}
            for name in self.registry.implementers("newslint_check_documents"):
                if stopped is not None and f"plugin {name}" in stopped:
                    continue
                try:
                    pairs = list(
                        self.registry.call(
                            name,
                            "newslint_check_documents",
                            documents=documents,
                            config=self.config,
                            findings=core,
                            index=index.get(name, {}),
                            config_for=config_for,
                        )
                        or ()
                    )
                except BackendError as exc:
                    if problems is not None:  # once a run: later batches skip the plugin
                        if stopped is not None:
                            stopped.add(f"plugin {name}")
                        if f"plugin {name}: {exc}" not in problems:
                            problems.append(f"plugin {name}: {exc}")
                    else:
                        for document in documents:
                            results[document.path].append(internal_finding(f"plugin {name}: {exc}"))
                    continue
                except Exception as exc:
                    for document in documents:
                        results[document.path].append(
                            internal_finding(f"plugin {name} raised {type(exc).__name__}: {exc}")
                        )
                    continue
                # The active rule ids per config (kept alive with it, so ids stay unique):
                # a backend may bring thousands of findings.
                active: dict[int, tuple[Config, set[str]]] = {}
                for document, finding in pairs:
                    config = config_for(document.path)
                    rule = self.registry.rules.get(finding.rule)
                    if rule is not None:
                        if id(config) not in active:
                            active[id(config)] = (config, {r.id for r in self.active_rules(config)})
                        if rule.id not in active[id(config)][1]:
                            continue
                        finding = self._with_config(finding, rule, config)
                    else:  # selectable by its id, an id prefix, its category and its plugin
                        view = FindingView(finding.rule, finding.category, finding.severity, name)
                        if not is_selected(view, config):
                            continue
                        finding = self._with_config(finding, view, config)
                    results[by_path[document.path].path].append(finding)
        finally:
            self._broadcast("newslint_unconfigure", failures)
        for failure in failures:
            if problems is not None:
                if failure not in problems:  # once a run, not once a batch
                    problems.append(failure)
            else:
                for document in documents:
                    results[document.path].append(internal_finding(failure))
        from newslint.copies import drop_inside_copies
        from newslint.fixes import hold_fixes_in_copied_text, settle_fixes
        from newslint.suppression import apply_suppressions

        def finish(d: Document) -> list[Finding]:
            kept = apply_suppressions(
                self, d, [resolve(d, f) for f in results[d.path]], config_for(d.path)
            )
            return sorted(
                settle_fixes(hold_fixes_in_copied_text(d, drop_inside_copies(kept))),
                key=Finding.sort_key,
            )

        return {d.path: finish(d) for d in documents}

    def _broadcast(self, hook_name: str, failures: list[str], **kwargs: object) -> None:
        """Call one hook on every plugin; one that raises is named, the others still run."""
        for name in self.registry.implementers(hook_name):
            try:
                self.registry.call(name, hook_name, **kwargs)
            except Exception as exc:
                failures.append(f"plugin {name}: {hook_name} raised {type(exc).__name__}: {exc}")

    @staticmethod
    def _with_config(finding: Finding, rule: Rule | FindingView, config: Config) -> Finding:
        severity = config.rule_severity(rule)
        return finding if severity == finding.severity else finding.with_changes(severity=severity)

    def stream(
        self,
        sources: Iterable[Source | InputError],
        *,
        index: dict[str, object],
        config_for: Callable[[str], Config] | None = None,
        problems: list[str] | None = None,
        keep_sources: bool = False,
        batch: int = BATCH,
    ) -> Iterator[FileResult]:
        """``run`` a batch of sources at a time, each result as soon as its batch is done:
        memory holds one batch of documents, however many files. ``index`` is the run's
        fingerprints reduced (``reduce``; ``{}`` when no run-wide rule is on)."""
        stopped: set[str] | None = set() if problems is not None else None
        chunk: list[Source | InputError] = []
        for source in sources:
            chunk.append(source)
            if len(chunk) >= batch:
                yield from self.run(
                    chunk,
                    config_for=config_for,
                    problems=problems,
                    index=index,
                    keep_sources=keep_sources,
                    stopped=stopped,
                )
                chunk = []
        if chunk:
            yield from self.run(
                chunk,
                config_for=config_for,
                problems=problems,
                index=index,
                keep_sources=keep_sources,
                stopped=stopped,
            )

    def run(
        self,
        sources: Iterable[Source | InputError],
        formats: dict[str, str] | None = None,
        config_for: Callable[[str], Config] | None = None,
        problems: list[str] | None = None,
        *,
        index: dict[str, object] | None = None,
        keep_sources: bool = True,
        stopped: set[str] | None = None,
    ) -> list[FileResult]:
        """Parse and check every source; an unreadable one becomes a FileResult with an error.
        Without ``index`` the sources are the whole run (run-wide rules compare them)."""
        formats = formats or {}
        order: list[FileResult] = []
        documents: list[Document] = []
        for source in sources:
            if isinstance(source, InputError):
                order.append(FileResult(source.path, error=source.cause))
                continue
            try:
                documents.append(self.parse(source, formats.get(source.path)))
                order.append(FileResult(source.path, source=source.text if keep_sources else None))
            except InputError as exc:
                order.append(FileResult(source.path, error=exc.cause))
            except Exception as exc:  # a parser bug: report it on the file, keep going
                order.append(
                    FileResult(
                        source.path, error=f"could not be parsed ({type(exc).__name__}: {exc})"
                    )
                )
        findings = self.check_documents(
            documents, config_for, problems, index=index, stopped=stopped
        )
        for keep in self.document_filters:
            findings = {d.path: keep(d, findings.get(d.path, [])) for d in documents}
        for result in order:
            if result.error is None:
                result.findings = findings.get(result.path, [])
        return order


def _capped(produced: list[Finding], rule: Rule, limit: int) -> tuple[list[Finding], Finding]:
    """The first ``limit`` of one rule's findings in one story (in story order), then one
    info finding that counts the rest. Capped before positions, fixes and suppressions are
    resolved, which cost most of a finding: a hostile story with 100,000 doubled words
    would otherwise take minutes and print a report no one reads."""
    ordered = sorted(produced, key=lambda f: (f.start, f.end))
    kept, rest = ordered[:limit], ordered[limit:]
    first = rest[0]
    notice = Finding(
        rule.id,
        rule.category,
        "info",
        f"{len(rest)} more findings of {rule.id} not shown "
        f"(at most {limit} a story; [rules.{rule.id}] max-findings)",
        first.start,
        first.start,
        data={"not_shown": len(rest)},
    )
    return kept, notice


def resolve(document: Document, finding: Finding) -> Finding:
    """Turn a finding's prose span into line and column of the original file, and its fix
    into edits on the file (None when it cannot be made cleanly; see newslint.fixes)."""
    start, end = finding.start, max(finding.end, finding.start)
    line, column = document.position(start)
    end_line, end_column = document.position(end, end=True) if end > start else (line, column)
    fix = finding.fix
    if fix is not None:
        from newslint.fixes import resolve_fix

        fix = resolve_fix(document, fix)
    return finding.with_changes(
        line=line, column=column, end_line=end_line, end_column=end_column, fix=fix
    )
