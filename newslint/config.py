"""Run configuration: which rules run, how severe they are, and their options.

Read from ``newslint.toml``, ``.newslint.toml`` or ``[tool.newslint]`` in ``pyproject.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_NAMES = ("newslint.toml", ".newslint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A bad configuration; the message is one line naming the file, the key and the cause."""


@dataclass
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    sections: dict[str, Any] = field(default_factory=dict)
    path: str | None = None

    def rule_table(self, rule_id: str) -> dict[str, Any]:
        return self.rules.get(rule_id, {})

    def rule_options(self, rule) -> dict[str, Any]:
        table = self.rule_table(rule.id)
        merged = dict(rule.options)
        merged.update({k: v for k, v in table.items() if k not in ("severity", "enabled")})
        return merged

    def rule_severity(self, rule) -> str:
        return self.rule_table(rule.id).get("severity", rule.severity)

    def rule_enabled(self, rule) -> bool:
        return bool(self.rule_table(rule.id).get("enabled", True))

    def section(self, name: str) -> dict[str, Any]:
        value = self.sections.get(name, {})
        return value if isinstance(value, dict) else {}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None


def find_config(start: Path) -> Path | None:
    """The nearest config file from ``start`` upward, stopping at a repository root."""
    here = start.resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name != "pyproject.toml" or "[tool.newslint" in candidate.read_text("utf-8", "replace"):
                    return candidate
        if (folder / ".git").exists():
            return None
    return None


def load_config(path: Path) -> Config:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("newslint", {})
    return config_from_dict(data, str(path))


def config_from_dict(data: dict[str, Any], origin: str = "<config>") -> Config:
    cfg = Config(path=origin)

    def str_list(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{origin}: key '{key}' must be a list of rule ids or categories")
        return tuple(value)

    cfg.select = str_list("select")
    cfg.ignore = str_list("ignore")
    fail_on = data.get("fail-on", "warning")
    if fail_on not in ("error", "warning", "info", "never"):
        raise ConfigError(f"{origin}: key 'fail-on' must be one of error, warning, info, never (got {fail_on!r})")
    cfg.fail_on = fail_on
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(f"{origin}: 'rules' must hold tables, one per rule id ([rules.<id>])")
    cfg.rules = rules
    cfg.sections = {k: v for k, v in data.items() if k not in ("select", "ignore", "fail-on", "rules")}
    return cfg
