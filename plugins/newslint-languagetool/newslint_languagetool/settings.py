"""The ``[languagetool]`` config section, read and checked once per run."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

URL_ENV = "NEWSLINT_LANGUAGETOOL_URL"
JAR_DIR_ENV = "LTP_JAR_DIR_PATH"  # language-tool-python's name for a local LanguageTool install
# The java that starts a local install. Only ever from the environment: a config file comes
# with the content it checks, and must not be able to name a program to run.
JAVA_ENV = "NEWSLINT_LANGUAGETOOL_JAVA"
ENVIRONMENT_ONLY = {"java": JAVA_ENV, "jar_dir": JAR_DIR_ENV}

NEWSLINT_CATEGORIES = (
    "duplication",
    "attribution",
    "grammar",
    "naming",
    "debris",
    "spelling",
    "style",
    "typography",
    "whitespace",
)

DEFAULTS: dict[str, Any] = {
    "enabled": True,
    "url": "",
    "language": "en-US",
    "enabled_rules": [],
    "disabled_rules": [],
    "enabled_categories": [],
    "disabled_categories": [],
    "enabled_only": False,
    "picky": False,
    "timeout": 10.0,
    "max_chars": 20000,
    "skip_quotes": True,
    "categories": {},
    "startup_timeout": 60.0,
}


class SettingsError(ValueError):
    """A bad value in [languagetool]; the message names the key."""


@dataclass(frozen=True)
class Settings:
    enabled: bool = True
    url: str = ""
    jar_dir: str = ""
    language: str = "en-US"
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_only: bool = False
    picky: bool = False
    timeout: float = 10.0
    max_chars: int = 20000
    skip_quotes: bool = True
    categories: dict[str, str] = field(default_factory=dict)
    java: str = ""
    startup_timeout: float = 60.0

    @property
    def configured(self) -> bool:
        return self.enabled and bool(self.url or self.jar_dir)

    def fingerprint(self) -> str:
        """What changes LanguageTool's answer for one text: part of the cache key."""
        return repr(
            (
                self.language,
                self.enabled_rules,
                self.disabled_rules,
                self.enabled_categories,
                self.disabled_categories,
                self.enabled_only,
                self.picky,
            )
        )


def _strings(section: dict, key: str) -> tuple[str, ...]:
    value = section.get(key, DEFAULTS[key])
    if isinstance(value, str):
        value = [v for v in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"[languagetool] {key} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


# The most seconds a config may grant: it comes with the content it checks, and could
# otherwise hold a CI job on a server that never answers.
MAX_SECONDS = {"timeout": 300.0, "startup_timeout": 600.0}


def _number(section: dict, key: str, kind=float):
    value = section.get(key, DEFAULTS[key])
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise SettingsError(f"[languagetool] {key} must be a positive number (got {value!r})")
    if key in MAX_SECONDS and value > MAX_SECONDS[key]:
        raise SettingsError(
            f"[languagetool] {key} must be at most {MAX_SECONDS[key]:g} seconds (got {value!r})"
        )
    return kind(value)


def _flag(section: dict, key: str) -> bool:
    value = section.get(key, DEFAULTS[key])
    if not isinstance(value, bool):
        raise SettingsError(f"[languagetool] {key} must be true or false (got {value!r})")
    return value


def read_settings(section: dict, environ=os.environ) -> Settings:
    """Settings from the config section, the server from config, else the environment;
    the java for a local install from the environment only.

    Raises SettingsError on a bad value."""
    for key, variable in ENVIRONMENT_ONLY.items():
        if key in section:
            raise SettingsError(
                f"[languagetool] {key}: a config may not name a program to run; "
                f"set {variable} in the environment instead"
            )
    unknown = sorted(set(section) - set(DEFAULTS))
    if unknown:
        raise SettingsError(
            f"[languagetool] unknown key {unknown[0]!r} (known: {', '.join(DEFAULTS)})"
        )
    url = section.get("url", "")
    language = section.get("language", DEFAULTS["language"])
    for key, value in (("url", url), ("language", language)):
        if not isinstance(value, str):
            raise SettingsError(f"[languagetool] {key} must be a string (got {value!r})")
    categories = section.get("categories", {})
    if not isinstance(categories, dict) or not all(
        isinstance(v, str) and v in NEWSLINT_CATEGORIES for v in categories.values()
    ):
        raise SettingsError(
            "[languagetool] categories maps LanguageTool category ids to newslint "
            f"categories ({', '.join(NEWSLINT_CATEGORIES)})"
        )
    max_chars = _number(section, "max_chars", int)
    if max_chars < 100:
        raise SettingsError(f"[languagetool] max_chars must be at least 100 (got {max_chars})")
    url = url.strip() or environ.get(URL_ENV, "").strip()
    if "://" in url and not url.lower().startswith(("http://", "https://")):
        raise SettingsError(
            f"[languagetool] url must be an http:// or https:// address (got {url!r})"
        )
    return Settings(
        enabled=_flag(section, "enabled"),
        url=url,
        jar_dir="" if url else environ.get(JAR_DIR_ENV, "").strip(),
        language=language,
        enabled_rules=_strings(section, "enabled_rules"),
        disabled_rules=_strings(section, "disabled_rules"),
        enabled_categories=_strings(section, "enabled_categories"),
        disabled_categories=_strings(section, "disabled_categories"),
        enabled_only=_flag(section, "enabled_only"),
        picky=_flag(section, "picky"),
        timeout=_number(section, "timeout"),
        max_chars=max_chars,
        skip_quotes=_flag(section, "skip_quotes"),
        categories=dict(categories),
        java=environ.get(JAVA_ENV, "").strip(),
        startup_timeout=_number(section, "startup_timeout"),
    )
