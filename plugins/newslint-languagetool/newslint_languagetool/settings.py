"""The ``[languagetool]`` config section, read and checked once per run."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Where LanguageTool is: only ever from the environment (the user's shell, a CI job's own
# settings), never from a config file. A config comes with the content it checks: one that
# could name the server could send every story a CI job checks (unpublished copy included)
# to any host, and put what that host answers into the job's output.
URL_ENV = "NEWSLINT_LANGUAGETOOL_URL"
# A local LanguageTool install (the variable language-tool-python reads for one).
JAR_DIR_ENV = "LTP_JAR_DIR_PATH"
# The java that starts a local install: a config must not be able to name a program to run.
JAVA_ENV = "NEWSLINT_LANGUAGETOOL_JAVA"
PROGRAM_KEYS = {"java": JAVA_ENV, "jar_dir": JAR_DIR_ENV}

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
    """A run's LanguageTool settings: the config's [languagetool] section, checked, and the
    server (a URL, or a local install and its java) from the environment."""

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


def _strings(section: dict[str, Any], key: str) -> tuple[str, ...]:
    value = section.get(key, DEFAULTS[key])
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"[languagetool] {key} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


# The most seconds a config may grant: it comes with the content it checks, and could
# otherwise hold a CI job on a server that never answers.
MAX_SECONDS = {"timeout": 300.0, "startup_timeout": 600.0}


def _number(section: dict[str, Any], key: str) -> float:
    value = section.get(key, DEFAULTS[key])
    # TOML writes nan and inf too: neither is a number of seconds or characters.
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value <= 0
    ):
        raise SettingsError(f"[languagetool] {key} must be a positive number (got {value!r})")
    if key in MAX_SECONDS and value > MAX_SECONDS[key]:
        raise SettingsError(
            f"[languagetool] {key} must be at most {MAX_SECONDS[key]:g} seconds (got {value!r})"
        )
    return float(value)


def _flag(section: dict[str, Any], key: str) -> bool:
    value = section.get(key, DEFAULTS[key])
    if not isinstance(value, bool):
        raise SettingsError(f"[languagetool] {key} must be true or false (got {value!r})")
    return value


def read_settings(section: dict[str, Any], environ: Mapping[str, str] = os.environ) -> Settings:
    """Settings from the config section; the server (a URL, or a local install and its
    java) from the environment only.

    Raises SettingsError on a bad value."""
    for key, variable in PROGRAM_KEYS.items():
        if key in section:
            raise SettingsError(
                f"[languagetool] {key}: a config may not name a program to run; "
                f"set {variable} in the environment instead"
            )
    if "url" in section:
        raise SettingsError(
            "[languagetool] url: a config may not choose where the copy it comes with is "
            f"sent; set {URL_ENV} in the environment instead"
        )
    unknown = sorted(set(section) - set(DEFAULTS))
    if unknown:
        raise SettingsError(
            f"[languagetool] unknown key {unknown[0]!r} (known: {', '.join(DEFAULTS)})"
        )
    language = section.get("language", DEFAULTS["language"])
    if not isinstance(language, str):
        raise SettingsError(f"[languagetool] language must be a string (got {language!r})")
    categories = section.get("categories", {})
    if not isinstance(categories, dict) or not all(
        isinstance(v, str) and v in NEWSLINT_CATEGORIES for v in categories.values()
    ):
        raise SettingsError(
            "[languagetool] categories maps LanguageTool category ids to newslint "
            f"categories ({', '.join(NEWSLINT_CATEGORIES)})"
        )
    max_chars = int(_number(section, "max_chars"))
    if max_chars < 100:
        raise SettingsError(f"[languagetool] max_chars must be at least 100 (got {max_chars})")
    url = environ.get(URL_ENV, "").strip()
    if "://" in url and not url.lower().startswith(("http://", "https://")):
        raise SettingsError(f"{URL_ENV} must be an http:// or https:// address (got {url!r})")
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
