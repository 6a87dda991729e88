"""Configuration: `[tool.smartlint]` in pyproject.toml, or smartlint.toml / .smartlint.toml.

The nearest file walking up from the linted file wins (one file, no cascade). Everything is
validated: an unknown key is an error that names the key and the file.
"""

from __future__ import annotations

import difflib
import tomllib
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from smartlint.errors import ConfigError
from smartlint.vocabulary import Criterion, Severity
from smartlint.rule import CODE_PATTERN, NAME_PATTERN

CONFIG_FILES = ("smartlint.toml", ".smartlint.toml", "pyproject.toml")
FailOn = Literal["info", "warning", "error", "never"]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=_kebab)


class Lexicons(_Section):
    owners: list[str] = Field(default=[], description="Local agency or post names that count as named owners.")


PlanRole = Literal["id", "recommendation", "action", "owner", "timescale", "measure", "evidence", "status", "ignore"]


class ActionPlan(_Section):
    columns: dict[str, PlanRole] = Field(
        default={}, description="Odd action-plan headers -> what the column holds, e.g. 'Responsible Officer' = 'owner'."
    )


class PatternRuleSpec(_Section):
    """A phrase rule written in configuration, no Python needed."""

    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(pattern=NAME_PATTERN)
    pattern: str
    message: str
    suggestion: str | None = None
    severity: Severity = Severity.WARNING
    criterion: Criterion = Criterion.SPECIFIC
    ignore_case: bool = True

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        import regex

        try:
            regex.compile(value)
        except regex.error as exc:
            raise ValueError(f"pattern does not compile: {exc}") from None
        return value


class Config(_Section):
    select: list[str] | None = None
    extend_select: list[str] = Field(default=[])
    ignore: list[str] = Field(default=[])
    severity: dict[str, Severity] = Field(default={})
    per_file_ignores: dict[str, list[str]] = Field(default={})
    fail_on: FailOn = "warning"
    rules: dict[str, dict[str, Any]] = Field(default={})
    lexicons: Lexicons = Field(default_factory=Lexicons)
    action_plan: ActionPlan = Field(default_factory=ActionPlan)
    patterns: list[PatternRuleSpec] = Field(default=[])
    document_date: date | None = None
    require_plugins: list[str] = Field(default=[])
    no_suppress: bool = False
    # Where the settings came from (for messages and for per-file-ignore globs); not a key.
    source: str | None = Field(default=None, exclude=True)

    @property
    def root(self) -> Path:
        return Path(self.source).parent if self.source else Path.cwd()


def _format_validation_error(exc: ValidationError, where: str, table: str) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(part) for part in err["loc"])
    if err["type"] == "extra_forbidden":
        known = sorted(f.alias or n for n, f in Config.model_fields.items() if n != "source")
        hint = difflib.get_close_matches(str(err["loc"][-1]), known, n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        return f"{where}: unknown key '{loc}' in [{table}]{suggestion}"
    return f"{where}: invalid value for '{loc}' in [{table}]: {err['msg']}"


def parse_config(data: dict[str, Any], where: str, table: str = "tool.smartlint") -> Config:
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_format_validation_error(exc, where, table)) from None
    config.source = where
    return config


def load_config_file(path: Path) -> Config | None:
    """The configuration in `path`, or None for a pyproject.toml without [tool.smartlint]."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("smartlint")
        if section is None:
            return None
        return parse_config(section, str(path))
    section = data.get("tool", {}).get("smartlint", data) if "tool" in data else data
    return parse_config(section, str(path), "tool.smartlint" if section is not data else "smartlint")


def find_config(start: Path) -> Config | None:
    """The nearest configuration walking up from `start` (a file or folder)."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            if candidate.is_file():
                config = load_config_file(candidate)
                if config is not None:
                    return config
    return None
