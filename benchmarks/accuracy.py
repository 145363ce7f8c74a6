#!/usr/bin/env python3
"""Accuracy harness: every built-in rule over the dev corpora, counted, saved, compared and scored.

    python benchmarks/accuracy.py                         # measure the working tree
    python benchmarks/accuracy.py --compare main HEAD     # what a change adds and drops
    python benchmarks/accuracy.py --against main          # a revision (or a saved RUN.json) against the working tree
    python benchmarks/accuracy.py --compare main HEAD --fail-on-change   # the speed-work oracle

Runs every built-in rule (those off by default too; no outside plugins) over
``<corpora>/bbc-dev`` and ``<corpora>/outlets-dev`` (``--corpora``, default ``../shared/corpora``
next to the repository) in one process per corpus through the Python API, and prints:

- per rule and corpus: findings by severity and findings per 10,000 words;
- precision per rule from judged verdicts: ``<corpora>/outlets-dev.judged.json`` (shared, keyed
  by file, rule, line, column and flagged text) and the project's own ``benchmarks/judged/*.json``
  (keyed by corpus, file, rule, line and column; no corpus text). A finding matches a verdict
  with the same corpus, file, rule, line and column. Findings at ``info`` are counted, not scored.

Every run is saved outside the repository (``~/.cache/newslint-accuracy/<commit>[-dirty].json``
or ``--save PATH``) with each finding's flagged text: the corpora's terms forbid committing it.
``--compare A B`` checks each revision out into a temporary git worktree and runs this script on
it with ``PYTHONPATH`` set to that worktree (nothing installed); either side may also be a saved
run's ``.json``; ``--against REV`` compares a revision (or a saved run) with the working
tree. The diff is finding by finding (added, dropped, and changed: same rule and
start but another message, severity or end), with each finding's text in context and per-rule
+/- counts. A clean commit's run is cached by its hash and reused (``--fresh`` recomputes).

Exit status: 0 (it is a measurement), 2 for a usage error, and 1 under ``--fail-on-change``
when the two runs' findings differ.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Bump when what a run records changes, so cached runs of older harnesses are not reused.
HARNESS_FORMAT = 1
CORPORA = ("bbc-dev", "outlets-dev")
SHARED_JUDGED = {"outlets-dev": "outlets-dev.judged.json"}
REPO = Path(__file__).resolve().parent.parent
REPO_JUDGED = REPO / "benchmarks" / "judged"
DEFAULT_CACHE = Path.home() / ".cache" / "newslint-accuracy"
EXTENSIONS = (".txt", ".md", ".html", ".htm")

# Verdicts: a real slip, web chrome correctly flagged, borderline, a false alarm.
VERDICTS = ("TP", "TP-scrape", "BL", "FA")
REAL = ("TP", "TP-scrape")
# The "language findings": everything but the structural rules (debris, duplicates,
# whitespace, suppression comments).
LANGUAGE_CATEGORIES = ("attribution", "grammar", "naming", "spelling", "typography")
SCORED_SEVERITIES = ("error", "warning")  # what a desk sees by default; the judged lists cover it
PER_WORDS = 10_000
CONTEXT_CHARS = 40


class UsageError(Exception):
    """A mistake in how the harness was called (exit 2)."""


# --- records ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedFinding:
    corpus: str
    file: str  # relative to the corpus folder
    rule: str
    category: str
    severity: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str  # the flagged text (never committed: saved runs stay outside the repository)
    message: str

    @property
    def start(self) -> tuple[str, str, str, int, int]:
        """Where a finding starts: what verdicts key on and what 'changed' pairs by."""
        return (self.corpus, self.file, self.rule, self.line, self.column)

    @property
    def where(self) -> str:
        return f"{self.corpus}/{self.file}:{self.line}:{self.column}"


@dataclass
class CorpusStats:
    name: str
    files: int = 0
    words: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)  # "file: cause" for files not checked


@dataclass
class Run:
    revision: str
    corpora: dict[str, CorpusStats]
    findings: list[SavedFinding]
    seconds: float = 0.0
    module: str = ""  # the newslint package that produced it (checked for --compare)
    fingerprint: str = (
        ""  # of the corpora's file names and sizes (a cached run is reused only on a match)
    )
    harness: int = HARNESS_FORMAT

    def to_json(self) -> dict:
        return {
            "harness": self.harness,
            "revision": self.revision,
            "seconds": round(self.seconds, 2),
            "module": self.module,
            "fingerprint": self.fingerprint,
            "corpora": {k: asdict(v) for k, v in self.corpora.items()},
            "findings": [asdict(f) for f in self.findings],
        }

    @classmethod
    def from_json(cls, data: dict) -> Run:
        return cls(
            revision=data["revision"],
            seconds=data.get("seconds", 0.0),
            module=data.get("module", ""),
            fingerprint=data.get("fingerprint", ""),
            harness=data.get("harness", 0),
            corpora={k: CorpusStats(**v) for k, v in data["corpora"].items()},
            findings=[SavedFinding(**f) for f in data["findings"]],
        )


@dataclass(frozen=True)
class Verdict:
    corpus: str
    file: str
    rule: str
    line: int
    column: int | None  # None: any column on the line
    verdict: str
    pattern: str = ""
    note: str = ""
    text: str | None = None  # the shared list's flagged text (the project's own list has none)

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.corpus, self.file, self.rule, self.line)


# --- measuring --------------------------------------------------------------------------------


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in EXTENSIONS and p.is_file())


def fingerprint(folders: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in corpus_files(folder):
            digest.update(
                f"{folder.name}/{path.relative_to(folder)}\0{path.stat().st_size}\n".encode()
            )
    return digest.hexdigest()[:16]


def all_rules_linter():
    """A Linter with every built-in rule on, those off by default included; no outside plugins
    (a backend such as LanguageTool needs a server) and no config discovery."""
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.plugins import build_registry

    registry = build_registry(entry_points=False)
    config = Config(rules={rule_id: {"enabled": True} for rule_id in registry.rules})
    return Linter(config, registry)


def span_text(lines: Sequence[str], line: int, column: int, end_line: int, end_column: int) -> str:
    """The text between two 1-based positions (end exclusive) of a file split into lines."""
    if not 1 <= line <= len(lines):
        return ""
    if end_line <= line:
        return lines[line - 1][column - 1 : max(end_column - 1, column - 1)]
    tail = lines[end_line - 1][: end_column - 1] if end_line <= len(lines) else ""
    return "\n".join([lines[line - 1][column - 1 :], *lines[line : end_line - 1], tail])


def check_corpus(folder: Path, name: str | None = None) -> tuple[CorpusStats, list[SavedFinding]]:
    """Every rule over one corpus in this process, in one run (so run-wide rules compare the
    corpus's stories with each other, as ``newslint check FOLDER`` does)."""
    from newslint.inputs import InputError, read_path

    name = name or folder.name
    stats = CorpusStats(name)
    start = time.perf_counter()
    sources, texts = [], {}
    for path in corpus_files(folder):
        relative = path.relative_to(folder).as_posix()
        try:
            source = read_path(path, relative)
        except InputError as exc:
            stats.errors.append(f"{relative}: {exc.cause}")
            continue
        sources.append(source)
        texts[relative] = source.text.split("\n")
        stats.words += len(source.text.split())
    stats.files = len(sources)
    findings = []
    for result in all_rules_linter().run(sources):
        if result.error:
            stats.errors.append(f"{result.path}: {result.error}")
            continue
        lines = texts[result.path]
        for f in result.findings:
            findings.append(
                SavedFinding(
                    name,
                    result.path,
                    f.rule,
                    f.category,
                    f.severity,
                    f.line,
                    f.column,
                    f.end_line,
                    f.end_column,
                    span_text(lines, f.line, f.column, f.end_line, f.end_column),
                    f.message,
                )
            )
    stats.seconds = time.perf_counter() - start
    return stats, findings


def _check_corpus_job(args: tuple[str, str]) -> tuple[CorpusStats, list[SavedFinding]]:
    return check_corpus(Path(args[0]), args[1])


def measure(folders: Sequence[Path], revision: str = "", jobs: int = 1) -> Run:
    """Check each corpus folder; with ``jobs`` > 1, one worker process a corpus."""
    import newslint

    start = time.perf_counter()
    work = [(str(folder), folder.name) for folder in folders]
    if jobs > 1 and len(work) > 1:
        import multiprocessing

        with multiprocessing.Pool(min(jobs, len(work))) as pool:
            parts = pool.map(_check_corpus_job, work)
    else:
        parts = [_check_corpus_job(w) for w in work]
    return Run(
        revision=revision,
        corpora={stats.name: stats for stats, _ in parts},
        findings=[f for _, found in parts for f in found],
        seconds=time.perf_counter() - start,
        module=str(Path(newslint.__file__).resolve().parent),
        fingerprint=fingerprint(folders),
    )


def save_run(run: Run, path: Path) -> None:
    """Written whole or not at all: the cache is shared by every worktree on the machine, so
    two harnesses may save one commit's run at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=path.name, suffix=".tmp", delete=False
    ) as out:
        try:
            json.dump(run.to_json(), out, ensure_ascii=False)
        except BaseException:
            os.unlink(out.name)
            raise
    os.replace(out.name, path)


def load_run(path: Path) -> Run:
    try:
        return Run.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{path}: not a saved run ({type(exc).__name__}: {exc})") from None


# --- counting ---------------------------------------------------------------------------------


def per_words(count: int, words: int) -> float:
    return count * PER_WORDS / words if words else 0.0


def count_table(run: Run) -> str:
    """Per rule and corpus: findings by severity, and per 10,000 words."""
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for f in run.findings:
        counts[(f.rule, f.corpus)][f.severity] += 1
    rules = sorted({rule for rule, _ in counts})
    out = [
        f"{'rule':<28} {'corpus':<12} {'error':>6} {'warning':>8} {'info':>6} {'total':>6} {'/10k words':>10}"
    ]
    for corpus, stats in run.corpora.items():
        for rule in rules:
            c = counts.get((rule, corpus), Counter())
            total = sum(c.values())
            out.append(
                f"{rule:<28} {corpus:<12} {c['error']:>6} {c['warning']:>8} {c['info']:>6} "
                f"{total:>6} {per_words(total, stats.words):>10.2f}"
            )
        total = sum(1 for f in run.findings if f.corpus == corpus)
        out.append(
            f"{'(all rules)':<28} {corpus:<12} {'':>6} {'':>8} {'':>6} {total:>6} "
            f"{per_words(total, stats.words):>10.2f}"
        )
    return "\n".join(out)


def corpus_lines(run: Run) -> str:
    return "\n".join(
        f"{s.name}: {s.files} files, {s.words:,} words, {s.seconds:.1f} s"
        + (f", {len(s.errors)} not checked ({'; '.join(s.errors[:3])})" if s.errors else "")
        for s in run.corpora.values()
    )


# --- judged verdicts --------------------------------------------------------------------------


def _verdict(entry: dict, corpus: str, origin: str) -> Verdict:
    try:
        verdict = Verdict(
            corpus=str(entry.get("corpus", corpus)),
            file=str(entry["file"]),
            rule=str(entry["rule"]),
            line=int(entry["line"]),
            column=None if entry.get("column") is None else int(entry["column"]),
            verdict=str(entry["verdict"]),
            pattern=str(entry.get("pattern", "")),
            note=str(entry.get("note", "")),
            text=entry.get("text"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"{origin}: a verdict lacks or mistypes {exc} ({entry!r:.120})") from None
    if verdict.verdict not in VERDICTS:
        raise UsageError(
            f"{origin}: unknown verdict {verdict.verdict!r} (known: {', '.join(VERDICTS)})"
        )
    if not verdict.corpus:
        raise UsageError(f"{origin}: a verdict names no corpus ({entry!r:.120})")
    return verdict


def read_verdicts(path: Path, corpus: str = "") -> list[Verdict]:
    """A judged list: a JSON list of verdicts, or an object holding one under ``verdicts``.
    ``corpus`` is the corpus for entries that do not name one (the shared list's)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read the judged list ({exc})") from None
    entries = data.get("verdicts") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise UsageError(f"{path}: expected a list of verdicts")
    return [_verdict(entry, corpus, str(path)) for entry in entries]


def load_verdicts(corpora: Path, judged_dir: Path = REPO_JUDGED) -> list[Verdict]:
    """The shared judged lists present under ``corpora`` and the project's own."""
    verdicts = []
    for corpus, name in SHARED_JUDGED.items():
        if (corpora / name).is_file():
            verdicts += read_verdicts(corpora / name, corpus)
    for path in sorted(judged_dir.glob("*.json")) if judged_dir.is_dir() else ():
        verdicts += read_verdicts(path)
    return verdicts


def match_verdicts(
    findings: Iterable[SavedFinding], verdicts: Iterable[Verdict]
) -> dict[SavedFinding, Verdict]:
    """Each finding's verdict: same corpus, file, rule and line, and the same column when the
    verdict gives one. Where several verdicts fit (two findings start at one place), the one
    whose flagged text agrees wins; a verdict is used once."""
    by_line: dict[tuple, list[Verdict]] = defaultdict(list)
    for v in verdicts:
        by_line[v.key].append(v)
    matched: dict[SavedFinding, Verdict] = {}
    used: set[int] = set()
    for f in findings:
        candidates = [
            v
            for v in by_line.get((f.corpus, f.file, f.rule, f.line), ())
            if (v.column is None or v.column == f.column) and id(v) not in used
        ]
        if not candidates:
            continue
        agreeing = [v for v in candidates if v.text is not None and f.text.startswith(v.text)]
        chosen = (agreeing or [v for v in candidates if v.column is not None] or candidates)[0]
        used.add(id(chosen))
        matched[f] = chosen
    return matched


@dataclass
class Tally:
    verdicts: Counter = field(default_factory=Counter)
    unjudged: int = 0

    @property
    def judged(self) -> int:
        return sum(self.verdicts.values())

    @property
    def real(self) -> int:
        return sum(self.verdicts[v] for v in REAL)

    def add(self, other: Tally) -> None:
        self.verdicts.update(other.verdicts)
        self.unjudged += other.unjudged


def tally(run: Run, verdicts: Iterable[Verdict]) -> dict[tuple[str, str], Tally]:
    """Per (corpus, rule): verdict counts of the run's scored findings, and how many have none."""
    scored = [f for f in run.findings if f.severity in SCORED_SEVERITIES]
    matched = match_verdicts(scored, verdicts)
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for f in scored:
        t = tallies[(f.corpus, f.rule)]
        if f in matched:
            t.verdicts[matched[f].verdict] += 1
        else:
            t.unjudged += 1
    return tallies


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def precision_table(run: Run, verdicts: Sequence[Verdict]) -> str:
    """Per corpus and rule: TP (real slips and scrape chrome), BL, FA, unjudged, precision
    (real / judged), real-or-borderline share, false alarms per 10,000 words; and the
    language rules together (the issue's measure)."""
    tallies = tally(run, verdicts)
    judged_corpora = {v.corpus for v in verdicts}
    categories = {f.rule: f.category for f in run.findings}
    out = [
        f"{'corpus':<12} {'rule':<28} {'TP':>5} {'TPscr':>5} {'BL':>5} {'FA':>5} {'unjdg':>6} "
        f"{'prec':>6} {'TP+BL':>6} {'FA/10k':>7}"
    ]

    def row(corpus: str, label: str, t: Tally, words: int) -> str:
        v = t.verdicts
        return (
            f"{corpus:<12} {label:<28} {v['TP']:>5} {v['TP-scrape']:>5} {v['BL']:>5} {v['FA']:>5} "
            f"{t.unjudged:>6} {_share(t.real, t.judged):>6} {_share(t.real + v['BL'], t.judged):>6} "
            f"{per_words(v['FA'], words):>7.2f}"
        )

    for corpus, stats in run.corpora.items():
        if corpus not in judged_corpora:
            continue
        language, everything = Tally(), Tally()
        for (c, rule), t in sorted(tallies.items()):
            if c != corpus:
                continue
            out.append(row(corpus, rule, t, stats.words))
            everything.add(t)
            if categories.get(rule) in LANGUAGE_CATEGORIES:
                language.add(t)
        out.append(row(corpus, "(language rules)", language, stats.words))
        out.append(row(corpus, "(all rules)", everything, stats.words))
    if len(out) == 1:
        return "no judged verdicts for these corpora"
    return "\n".join(out)


def stale_verdicts(run: Run, verdicts: Sequence[Verdict]) -> Counter:
    """Per corpus and rule, verdicts that no finding of the run matches (the finding went
    away, or moved): a dropped FA is progress, a dropped TP a lost slip."""
    matched = {
        id(v)
        for v in match_verdicts(
            [f for f in run.findings if f.severity in SCORED_SEVERITIES], verdicts
        ).values()
    }
    measured = set(run.corpora)
    return Counter(
        (v.corpus, v.rule, v.verdict)
        for v in verdicts
        if id(v) not in matched and v.corpus in measured
    )


def stale_table(run: Run, verdicts: Sequence[Verdict]) -> str:
    stale = stale_verdicts(run, verdicts)
    if not stale:
        return "every judged verdict matches a finding"
    rows = defaultdict(Counter)
    for (corpus, rule, verdict), n in stale.items():
        rows[(corpus, rule)][verdict] = n
    out = [f"{'corpus':<12} {'rule':<28} " + " ".join(f"{v:>9}" for v in VERDICTS)]
    out += [
        f"{corpus:<12} {rule:<28} " + " ".join(f"{c[v]:>9}" for v in VERDICTS)
        for (corpus, rule), c in sorted(rows.items())
    ]
    return "\n".join(out)


# --- comparing --------------------------------------------------------------------------------


@dataclass
class RunDiff:
    added: list[SavedFinding]
    dropped: list[SavedFinding]
    # Same rule and start, another message, severity or end: (before, after).
    changed: list[tuple[SavedFinding, SavedFinding]]

    @property
    def empty(self) -> bool:
        return not (self.added or self.dropped or self.changed)


def _identity(f: SavedFinding) -> tuple:
    return (
        f.corpus,
        f.file,
        f.rule,
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        f.severity,
        f.message,
    )


def diff_runs(before: Run, after: Run) -> RunDiff:
    """Finding by finding (as multisets: two identical findings count twice)."""
    old = Counter(_identity(f) for f in before.findings)
    new = Counter(_identity(f) for f in after.findings)
    gone, came = old - new, new - old

    def take(findings: list[SavedFinding], wanted: Counter) -> list[SavedFinding]:
        out = []
        for f in findings:
            if wanted[_identity(f)] > 0:
                wanted[_identity(f)] -= 1
                out.append(f)
        return out

    dropped, added = take(before.findings, Counter(gone)), take(after.findings, Counter(came))
    # Pair a dropped and an added finding that start at one place under one rule.
    waiting: dict[tuple, list[SavedFinding]] = defaultdict(list)
    for f in dropped:
        waiting[f.start].append(f)
    changed, still_added = [], []
    for f in added:
        if waiting.get(f.start):
            changed.append((waiting[f.start].pop(0), f))
        else:
            still_added.append(f)
    paired = {id(b) for b, _ in changed}
    return RunDiff(
        added=still_added, dropped=[f for f in dropped if id(f) not in paired], changed=changed
    )


def shown(text: str) -> str:
    """Text made safe to print on one terminal line: control characters escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def abridged(text: str, most: int = 3 * CONTEXT_CHARS) -> str:
    """A long flagged span (a whole duplicated paragraph) cut in the middle for the terminal."""
    if len(text) <= most:
        return text
    return f"{text[: most // 2]} … {text[-most // 3 :]}"


class ContextReader:
    """The line a finding stands on, from the corpus file, with the flagged span in [[ ]]."""

    def __init__(self, corpora: Path | None) -> None:
        self.corpora = corpora
        self.cache: dict[tuple[str, str], list[str] | None] = {}

    def lines(self, corpus: str, file: str) -> list[str] | None:
        key = (corpus, file)
        if key not in self.cache:
            path = self.corpora / corpus / file if self.corpora else None
            try:
                self.cache[key] = (
                    path.read_text(encoding="utf-8-sig").splitlines() if path else None
                )
            except (OSError, UnicodeDecodeError):
                self.cache[key] = None
        return self.cache[key]

    def __call__(self, f: SavedFinding) -> str:
        lines = self.lines(f.corpus, f.file)
        first_line = f.text.split("\n", 1)[0]
        if not lines or not 1 <= f.line <= len(lines):
            return f"[[{shown(abridged(first_line))}]]"
        line = lines[f.line - 1]
        start = f.column - 1
        end = start + len(first_line)
        before = line[max(0, start - CONTEXT_CHARS) : start]
        after = line[end : end + CONTEXT_CHARS]
        more = " (+ more lines)" if f.end_line > f.line else ""
        return (
            f"{'…' if start > CONTEXT_CHARS else ''}{shown(before)}[[{shown(abridged(line[start:end]))}]]"
            f"{shown(after)}{'…' if end + CONTEXT_CHARS < len(line) else ''}{more}"
        )


def verdict_label(verdict: Verdict | None) -> str:
    return f" [{verdict.verdict} {verdict.pattern}]".rstrip() if verdict else " [unjudged]"


def describe(
    sign: str, f: SavedFinding, context: ContextReader, verdict: Verdict | bool | None = False
) -> str:
    """One finding on two lines: where, rule, severity, its verdict (when asked), the text in
    context; then the message."""
    label = "" if verdict is False else verdict_label(verdict or None)
    return f"{sign} {f.where} {f.rule} {f.severity}{label}: {context(f)}\n    {shown(f.message)}"


def listed(items: Sequence, line_of, limit: int, sign: str) -> list[str]:
    """``line_of(item)`` for each item, at most ``limit`` a rule (0: all), then how many more."""
    out: list[str] = []
    per_rule: Counter = Counter()
    for item in items:
        rule = (item[1] if isinstance(item, tuple) else item).rule
        per_rule[rule] += 1
        if not limit or per_rule[rule] <= limit:
            out.append(line_of(item))
    out += [
        f"  ... {n - limit} more {sign} {rule} (raise --limit, or read the saved runs)"
        for rule, n in sorted(per_rule.items())
        if limit and n > limit
    ]
    return out


def format_diff(
    diff: RunDiff, context: ContextReader, limit: int = 0, verdicts: Sequence[Verdict] = ()
) -> str:
    """Per rule: +added -dropped ~changed, and the dropped findings by verdict (a dropped real
    slip is a loss, a dropped false alarm progress); then each finding with its verdict and
    its text in context (at most ``limit`` of each kind a rule, 0: all)."""
    per_rule: dict[str, Counter] = defaultdict(Counter)
    judged = match_verdicts(
        [*diff.dropped, *diff.added, *(after for _, after in diff.changed)], verdicts
    )
    for f in diff.added:
        per_rule[f.rule]["+"] += 1
    for f in diff.dropped:
        per_rule[f.rule]["-"] += 1
        verdict = judged.get(f)
        per_rule[f.rule][
            "-real"
            if verdict and verdict.verdict in REAL
            else f"-{verdict.verdict}"
            if verdict
            else "-unjudged"
        ] += 1
    for _, f in diff.changed:
        per_rule[f.rule]["~"] += 1
    if not per_rule:
        return "no change: every finding is the same"
    total = Counter()
    for c in per_rule.values():
        total.update(c)
    columns = ("-real", "-BL", "-FA", "-unjudged")
    out = [
        f"{'rule':<28} {'added':>6} {'dropped':>8} {'changed':>8}   dropped: "
        + " ".join(f"{c[1:]:>8}" for c in columns)
    ]
    out += [
        f"{rule:<28} {c['+']:>+6} {-c['-']:>+8} {c['~']:>8}            "
        + " ".join(f"{c[k]:>8}" for k in columns)
        for rule, c in [*sorted(per_rule.items()), ("(all rules)", total)]
    ]
    if diff.added:
        out += [
            "",
            "added:",
            *listed(diff.added, lambda f: describe("+", f, context, judged.get(f)), limit, "+"),
        ]
    if diff.dropped:
        out += [
            "",
            "dropped:",
            *listed(diff.dropped, lambda f: describe("-", f, context, judged.get(f)), limit, "-"),
        ]
    if diff.changed:
        out += [
            "",
            "changed (same rule and start):",
            *listed(
                diff.changed,
                lambda pair: (
                    f"~ {pair[1].where} {pair[1].rule}{verdict_label(judged.get(pair[1]))}: {context(pair[1])}\n"
                    f"    was {pair[0].severity} to {pair[0].end_line}:{pair[0].end_column}: {shown(pair[0].message)}\n"
                    f"    now {pair[1].severity} to {pair[1].end_line}:{pair[1].end_column}: {shown(pair[1].message)}"
                ),
                limit,
                "~",
            ),
        ]
    return "\n".join(out)


def unjudged_findings(run: Run, verdicts: Sequence[Verdict]) -> list[SavedFinding]:
    """The scored findings of the judged corpora that no verdict matches: new, to be read."""
    judged_corpora = {v.corpus for v in verdicts}
    scored = [
        f for f in run.findings if f.severity in SCORED_SEVERITIES and f.corpus in judged_corpora
    ]
    matched = match_verdicts(scored, verdicts)
    return [f for f in scored if f not in matched]


def pattern_table(run: Run, verdicts: Sequence[Verdict]) -> str:
    """Per corpus and rule, the borderline and false findings by pattern, most first: the
    classes still to fix."""
    scored = [f for f in run.findings if f.severity in SCORED_SEVERITIES]
    counts = Counter(
        (f.corpus, f.rule, v.verdict, v.pattern)
        for f, v in match_verdicts(scored, verdicts).items()
        if v.verdict not in REAL
    )
    if not counts:
        return "no borderline or false findings judged"
    return "\n".join(
        f"{corpus:<12} {rule:<28} {verdict:<3} {n:>5}  {pattern}"
        for (corpus, rule, verdict, pattern), n in sorted(
            counts.items(), key=lambda item: (item[0][0], item[0][1], item[0][2], -item[1])
        )
    )


# --- revisions --------------------------------------------------------------------------------


def git(*args: str, cwd: Path = REPO) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise UsageError(f"git {' '.join(args)}: {result.stderr.strip() or 'failed'}")
    return result.stdout.strip()


def commit_of(revision: str) -> str:
    try:
        return git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except UsageError:
        raise UsageError(f"{revision!r} is neither a revision nor a saved run's .json") from None


def working_tree_revision() -> str:
    """The commit checked out, with ``-dirty`` when the package or its data differ from it."""
    try:
        commit = commit_of("HEAD")
        dirty = git("status", "--porcelain", "--", "newslint")
    except (UsageError, OSError):
        return "unknown"
    return commit + ("-dirty" if dirty else "")


def _is_saved_run(revision: str) -> bool:
    return revision.endswith(".json") and Path(revision).is_file()


def run_revision(revision: str, corpora: Path, cache: Path, jobs: int, fresh: bool) -> Run:
    """A revision's run: a saved run's file as it is, else the commit checked out into a
    temporary worktree and measured there by this script, with nothing installed."""
    if _is_saved_run(revision):
        return load_run(Path(revision))
    commit = commit_of(revision)
    cached = cache / f"{commit}.json"
    folders = [corpora / name for name in CORPORA]
    if cached.is_file() and not fresh:
        run = load_run(cached)
        if run.harness == HARNESS_FORMAT and run.fingerprint == fingerprint(folders):
            print(f"{revision}: cached run {cached}", file=sys.stderr)
            return run
    with tempfile.TemporaryDirectory(prefix="newslint-accuracy-") as scratch:
        tree = Path(scratch) / "tree"
        git("worktree", "add", "--detach", "--quiet", str(tree), commit)
        try:
            out = Path(scratch) / "run.json"
            env = {**os.environ, "PYTHONPATH": str(tree)}
            print(
                f"{revision}: measuring {commit[:12]} in a temporary worktree ...", file=sys.stderr
            )
            result = subprocess.run(
                [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    "--corpora",
                    str(corpora),
                    "--save",
                    str(out),
                    "--jobs",
                    str(jobs),
                    "--measure-only",
                    "--revision",
                    commit,
                ],
                cwd=tree,
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise UsageError(f"measuring {revision} failed: {result.stderr.strip()[-2000:]}")
            run = load_run(out)
            if Path(run.module).resolve() != (tree / "newslint").resolve():
                raise UsageError(
                    f"measuring {revision} imported newslint from {run.module}, not its worktree"
                )
        finally:
            git("worktree", "remove", "--force", str(tree))
    save_run(run, cached)
    return run


# --- command line -----------------------------------------------------------------------------


def report(run: Run, verdicts: Sequence[Verdict], *, patterns: bool = False) -> str:
    parts = [
        f"revision {run.revision}",
        corpus_lines(run),
        f"wall time {run.seconds:.1f} s",
        "",
        "findings per rule (every built-in rule on):",
        count_table(run),
    ]
    if verdicts:
        parts += [
            "",
            f"precision per rule ({len(verdicts)} judged verdicts; findings at "
            f"{' and '.join(SCORED_SEVERITIES)}; TP = real slip, TPscr = chrome rightly "
            f"flagged, prec = (TP+TPscr)/judged):",
            precision_table(run, verdicts),
            "",
            "judged verdicts no finding matches now (gone or moved):",
            stale_table(run, verdicts),
        ]
        if patterns:
            parts += [
                "",
                "borderline (BL) and false (FA) findings by pattern:",
                pattern_table(run, verdicts),
            ]
    return "\n".join(parts)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpora",
        type=Path,
        default=REPO.parent / "shared" / "corpora",
        help="folder holding bbc-dev/ and outlets-dev/ (default: %(default)s)",
    )
    parser.add_argument(
        "--corpus",
        action="append",
        choices=CORPORA,
        help="measure only this corpus (repeatable; default: both)",
    )
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument(
        "--compare",
        nargs=2,
        metavar=("REV_A", "REV_B"),
        help="diff two revisions (or saved runs' .json), A before B",
    )
    modes.add_argument(
        "--against",
        metavar="REV|SAVED.json",
        help="diff a revision or a saved run against the working tree",
    )
    parser.add_argument(
        "--save",
        type=Path,
        help="where to save the working tree's run "
        "(default: ~/.cache/newslint-accuracy/<commit>[-dirty].json)",
    )
    parser.add_argument(
        "--jobs", type=int, default=1, choices=(1, 2), help="worker processes (one a corpus)"
    )
    parser.add_argument(
        "--limit", type=int, default=40, help="findings listed per rule and kind in a diff (0: all)"
    )
    parser.add_argument(
        "--patterns", action="store_true", help="the BL and FA findings by pattern, per rule"
    )
    parser.add_argument(
        "--unjudged",
        action="store_true",
        help="list the findings of the judged corpora that no verdict matches, in context",
    )
    parser.add_argument(
        "--fail-on-change", action="store_true", help="exit 1 when the two runs' findings differ"
    )
    parser.add_argument(
        "--fresh", action="store_true", help="measure a commit again even when its run is cached"
    )
    parser.add_argument(
        "--judged",
        type=Path,
        default=REPO_JUDGED,
        help="the project's judged lists (default: %(default)s)",
    )
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help=argparse.SUPPRESS)
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--revision", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.fail_on_change and not (args.compare or args.against):
        parser.error("--fail-on-change needs --compare or --against")
    if args.limit < 0:
        parser.error("--limit must be 0 or more")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return _main(args)
    except UsageError as exc:
        print(f"accuracy: error: {exc}", file=sys.stderr)
        return 2


def _main(args: argparse.Namespace) -> int:
    corpora = args.corpora.resolve()
    names = tuple(args.corpus or CORPORA)
    folders = [corpora / name for name in names]
    needs_corpora = not (args.compare and all(_is_saved_run(r) for r in args.compare))
    missing = [str(f) for f in folders if not f.is_dir()]
    if needs_corpora and missing:
        raise UsageError(f"no corpus at {', '.join(missing)} (give --corpora DIR)")

    if args.compare:
        if args.corpus:
            raise UsageError("--compare measures both corpora (drop --corpus)")
        before, after = (
            run_revision(r, corpora, args.cache, args.jobs, args.fresh) for r in args.compare
        )
    else:
        revision = args.revision or working_tree_revision()
        save = args.save or args.cache / f"{revision}.json"
        if REPO in save.resolve().parents and not args.measure_only:
            raise UsageError(f"{save}: saved runs hold corpus text and stay outside the repository")
        after = measure(folders, revision, args.jobs)
        save_run(after, save)
        if args.measure_only:
            return 0
        print(f"saved {save}", file=sys.stderr)
        before = (
            run_revision(args.against, corpora, args.cache, args.jobs, args.fresh)
            if args.against
            else None
        )
    verdicts = load_verdicts(corpora, args.judged)
    context = ContextReader(corpora if corpora.is_dir() else None)
    print(report(after, verdicts, patterns=args.patterns))
    if args.unjudged:
        unjudged = unjudged_findings(after, verdicts)
        print(f"\nunjudged findings ({len(unjudged)}; judge them in benchmarks/judged/):")
        print(
            "\n".join(listed(unjudged, lambda f: describe("?", f, context), args.limit, "?"))
            or "none"
        )
    if before is None:
        return 0
    diff = diff_runs(before, after)
    print(f"\nfindings of {before.revision} -> {after.revision}:")
    print(format_diff(diff, context, args.limit, verdicts))
    return 1 if args.fail_on_change and not diff.empty else 0


if __name__ == "__main__":
    sys.exit(main())
