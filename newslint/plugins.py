"""Building the plugin manager: built-in plugins first, then the ``newslint`` entry points."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Iterable

import pluggy

from newslint import hookspecs
from newslint.parsers import Parser
from newslint.rule import Rule
from newslint.rules import BUILTIN_RULE_MODULES

ENTRY_POINT_GROUP = "newslint"
BUILTIN_PARSER_MODULES = (
    "newslint.parsers.plain",
    "newslint.parsers.markdown",
    "newslint.parsers.html",
)


@dataclass
class Registry:
    """What the plugins of one run provide."""

    manager: pluggy.PluginManager
    rules: dict[str, Rule] = field(default_factory=dict)
    parsers: dict[str, Parser] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # one line per plugin that failed to load

    def parser_for(self, path: str) -> Parser:
        lower = path.lower()
        for parser in self.parsers.values():
            if lower.endswith(parser.extensions):
                return parser
        return self.parsers["text"]

    def plugins(self) -> list[tuple[str, object]]:
        """(name, plugin) in the order they were registered: built-ins, entry points, extras.
        pluggy's ``get_plugins()`` is a set, so with it which of two plugins claiming one rule
        id won, and the order hooks ran and problems were listed in, changed from run to run."""
        return [
            (name, plugin) for name, plugin in self.manager.list_name_plugin() if plugin is not None
        ]

    @property
    def extensions(self) -> tuple[str, ...]:
        return tuple(ext for p in self.parsers.values() for ext in p.extensions)


def build_registry(
    *,
    entry_points: bool = True,
    disabled: Iterable[str] = (),
    extra_plugins: Iterable[object] = (),
) -> Registry:
    """Register built-in plugins, outside plugins and ``extra_plugins``; collect what they provide.

    ``disabled`` names entry points (or built-in module names) to leave out.
    """
    manager = pluggy.PluginManager("newslint")
    manager.add_hookspecs(hookspecs)
    registry = Registry(manager)
    disabled = set(disabled)

    for name in BUILTIN_PARSER_MODULES + BUILTIN_RULE_MODULES:
        if name not in disabled:
            manager.register(importlib.import_module(name), name=name)
    if entry_points:
        _load_entry_points(registry, disabled)
    for plugin in extra_plugins:
        manager.register(plugin)

    for plugin_name, parsers in _collect(registry, "newslint_parsers"):
        for parser in parsers or ():
            registry.parsers[parser.name] = parser
    for plugin_name, rules in _collect(registry, "newslint_rules"):
        for rule in rules or ():
            if rule.id in registry.rules:
                registry.errors.append(
                    f"plugin {plugin_name}: rule id {rule.id!r} is already taken; ignored"
                )
                continue
            if rule.plugin == "newslint" and not plugin_name.startswith("newslint."):
                rule = _with_plugin(rule, plugin_name)
            registry.rules[rule.id] = rule
    return registry


def _with_plugin(rule: Rule, plugin_name: str) -> Rule:
    from dataclasses import replace

    return replace(rule, plugin=plugin_name)


def _collect(registry: Registry, hook_name: str):
    """Call a hook plugin by plugin, so one that raises is named and the rest still count."""
    for name, plugin in registry.plugins():
        impl = getattr(plugin, hook_name, None)
        if impl is None:
            continue
        try:
            yield name, impl()
        except Exception as exc:  # a broken plugin must not take the run down
            registry.errors.append(f"plugin {name}: {hook_name} raised {type(exc).__name__}: {exc}")


def _load_entry_points(registry: Registry, disabled: set[str]) -> None:
    from newslint.entrypoints import entry_points  # importlib.metadata's answer, quicker

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in disabled or registry.manager.has_plugin(ep.name):
            continue
        try:
            plugin = ep.load()
        except Exception as exc:
            registry.errors.append(
                f"plugin {ep.name}: failed to load ({type(exc).__name__}: {exc})"
            )
            continue
        registry.manager.register(plugin, name=ep.name)
