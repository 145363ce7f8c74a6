"""The newslint plugin: hook implementations, registered through the ``newslint`` entry point.

Written only against newslint's public plugin API (``newslint.hookimpl``, ``newslint.Rule``,
``newslint.Finding``, ``newslint.engine.BackendError`` and the hooks in
``newslint/hookspecs.py``), so it doubles as the model for third-party plugins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from newslint import Finding, Rule, hookimpl
from newslint.engine import BackendError
from newslint_languagetool.mapping import (
    CATEGORIES,
    DEFAULT_CATEGORY,
    category_for,
    chunk_spans,
    duplicates_core,
    inside,
    quoted_spans,
    severity_for,
)
from newslint_languagetool.settings import Settings, SettingsError, read_settings

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.document import Document
    from newslint_languagetool.client import Connection, LTMatch

RULE_ID = "languagetool"
MAX_SUGGESTIONS = 5

DOC = """Grammar, spelling and style findings from a LanguageTool server.

The plugin sends each story's prose (what a reader sees: no Markdown or HTML markup) to a
LanguageTool server you run, once per run, and reports LanguageTool's matches beside the
core findings at their exact positions. Each finding's rule id is ``languagetool/<ID>``
with LanguageTool's rule id; its category comes from LanguageTool's: TYPOS, CASING and
COMPOUNDING are spelling; GRAMMAR, CONFUSED_WORDS, SEMANTICS and MISC grammar;
TYPOGRAPHY and PUNCTUATION typography; whitespace problems whitespace; STYLE, REDUNDANCY
and anything else style. Spelling and grammar are warnings, the rest info.

Select or ignore its findings by ``languagetool`` (all of them), ``languagetool/<ID>`` or a
category (``--ignore style``); set a severity in ``[rules."languagetool/<ID>"]``. Style
findings on words inside quotation marks are dropped (quotes are what people said), and so
are matches on a span where a core rule of the same category reported a problem.
LanguageTool's rules for doubled words, "a"/"an" and doubled spaces are off: newslint's
own rules do those jobs (name them in enabled_rules to have both).

Nothing happens until a server is named in the environment: ``NEWSLINT_LANGUAGETOOL_URL``,
or a local install in ``LTP_JAR_DIR_PATH`` (started for the run with your own Java 17).
Never in a config: a config comes with the copy it checks, and must not choose where that
copy is sent. The plugin never downloads LanguageTool. A server that is down, slow or answers garbage gives one error line
for the run; the core findings are still reported and the exit code is 2.

Options, in ``[languagetool]``: language (en-US, en-GB, ...), enabled_rules,
disabled_rules, enabled_categories, disabled_categories, enabled_only, picky, timeout
(seconds a request), max_chars (longest text a request; longer stories are split on
paragraph boundaries), skip_quotes, categories (LanguageTool category -> newslint
category), startup_timeout (local install: its java comes from
NEWSLINT_LANGUAGETOOL_JAVA, never from a config), enabled.

## Wrong

```text
The minister said their was no plan to raise taxes this year.
```

## Right

```text
The minister said there was no plan to raise taxes this year.
```
"""


def _no_findings(document: Document, options: dict[str, Any]) -> tuple[Finding, ...]:
    """Findings come from the run-wide hook, where one request can serve a whole story."""
    return ()


RULE = Rule(id=RULE_ID, category="grammar", severity="warning", check=_no_findings, doc=DOC)

NOT_CONFIGURED = (
    "no LanguageTool server configured, so its checks are off; set "
    "NEWSLINT_LANGUAGETOOL_URL or LTP_JAR_DIR_PATH in the environment"
)


def wanted(config: Config, categories: dict[str, str]) -> bool:
    """Could any LanguageTool finding survive --select/--ignore? If not, send nothing."""
    if not config.rule_enabled(RULE) and RULE_ID not in config.select:
        return False
    ours = {RULE_ID, RULE_ID + "/"}
    if any(t.strip() in ours for t in config.ignore):
        return False
    if not config.select:
        return True
    reachable = {*CATEGORIES.values(), DEFAULT_CATEGORY, "whitespace", *categories.values()}
    return any(
        t.strip() in ours or t.strip().startswith(RULE_ID + "/") or t.strip() in reachable
        for t in config.select
    )


@hookimpl
def newslint_rules() -> list[Rule]:
    return [RULE]


@hookimpl
def newslint_notes(config: Config) -> list[str]:
    try:
        settings = read_settings(config.section("languagetool"))
    except SettingsError as exc:
        return [str(exc)]
    return [NOT_CONFIGURED] if settings.enabled and not settings.configured else []


@hookimpl
def newslint_check_documents(
    documents: Sequence[Document],
    findings: Mapping[str, tuple[Finding, ...]],
    config_for: Callable[[str], Config],
) -> list[tuple[Document, Finding]]:
    """Check every document of the run, each with the ``[languagetool]`` table of the config
    found for its file, as every other setting is; documents whose settings agree share one
    connection and cache. All state (connections, caches, a local server) lives in this
    call, so runs in several threads at once never share it."""
    groups: dict[str, tuple[Settings, list[Document]]] = {}
    read: dict[int, tuple[Config, Settings]] = {}  # each config read once (kept alive here)
    for document in documents:
        config = config_for(document.path)
        if id(config) not in read:
            try:
                read[id(config)] = (config, read_settings(config.section("languagetool")))
            except SettingsError as exc:
                where = f"{config.path}: " if config.path else ""
                raise BackendError(f"{where}{exc}") from None
        settings = read[id(config)][1]
        if settings.configured and wanted(config, settings.categories):
            groups.setdefault(repr(settings), (settings, []))[1].append(document)
    if not groups:
        return []
    from newslint_languagetool.client import Connection

    pairs: list[tuple[Document, Finding]] = []
    connections: list[Connection] = []
    try:
        for settings, group in groups.values():
            # A local install started for an earlier group serves the later ones too: the
            # server is the environment's, one for the run; only what is asked differs.
            started = next((c.url for c in connections if c.url), "")
            if started and not settings.url:
                settings = replace(settings, url=started)
            connections.append(Connection(settings))
            run = Run(settings, connections[-1])
            pairs.extend(
                (document, finding)
                for document in group
                for finding in run.check(document, findings.get(document.path, ()))
            )
    finally:
        for connection in connections:
            connection.close()
    return pairs


class Run:
    """One run's requests: each distinct chunk of prose is sent once (cached by content)."""

    def __init__(self, settings: Settings, connection: Connection) -> None:
        self.settings = settings
        self.connection = connection
        self.cache: dict[str, list[LTMatch]] = {}

    def matches(self, chunk: str) -> list[LTMatch]:
        # Imported here: loading OpenSSL's hashes costs every newslint run a few milliseconds,
        # and only a run with a server configured sends anything.
        import hashlib

        key = hashlib.sha256(
            (self.settings.fingerprint() + "\0" + chunk).encode("utf-8", "surrogatepass")
        ).hexdigest()
        if key not in self.cache:
            self.cache[key] = self.connection.check(chunk)
        return self.cache[key]

    def check(self, document: Document, core: Iterable[Finding]) -> list[Finding]:
        """The findings on one document, minus style inside quotes and core duplicates."""
        settings = self.settings
        text = document.text
        quotes = None
        out: list[Finding] = []
        for chunk_start, chunk_end in chunk_spans(document, settings.max_chars):
            for match in self.matches(text[chunk_start:chunk_end]):
                start, end = chunk_start + match.start, chunk_start + match.end
                category = category_for(match.category, match.issue_type, settings.categories)
                if category == "style" and settings.skip_quotes:
                    if quotes is None:
                        quotes = quoted_spans(document.blocks)
                    if inside(quotes, start, end):
                        continue
                if duplicates_core(match.rule_id, category, start, end, core):
                    continue
                out.append(
                    Finding(
                        rule=f"{RULE_ID}/{match.rule_id}",
                        category=category,
                        severity=severity_for(category),
                        message=match.message,
                        start=start,
                        end=end,
                        suggestions=match.replacements[:MAX_SUGGESTIONS],
                        data={"languagetool_category": match.category},
                    )
                )
        return out
