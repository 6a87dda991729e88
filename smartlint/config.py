"""Configuration: `[tool.smartlint]` in pyproject.toml, or smartlint.toml / .smartlint.toml.

The nearest file walking up from the linted file wins (one file, no cascade). Everything is
validated: an unknown key is an error that names the key and the file.
"""

from __future__ import annotations

from dataclasses import field, fields, is_dataclass, replace
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Literal

from smartlint.errors import ConfigError
from smartlint.vocabulary import Criterion, Severity
from smartlint.rule import CODE_PATTERN, NAME_PATTERN
from smartlint.slotted import FrozenRecord, described_with_slots

CONFIG_FILES = ("smartlint.toml", ".smartlint.toml", "pyproject.toml")
FailOn = Literal["info", "warning", "error", "never"]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


# The settings are plain dataclasses, so that a run never needs pydantic for them. A file's
# settings (parse_config) are checked by smartlint.plainvalues when they are plainly right, else
# by pydantic; both read the dataclasses' types, and pydantic also `__pydantic_config__` (a plain
# dict) and the constraints and descriptions in each field's metadata (given to its `Field`).
# They are frozen, with their methods written out rather than generated (smartlint.slotted: some
# 5 ms of every start); pydantic builds them without calling `__init__`. A list or dict setting's
# default (None in `__init__`) is a new empty one.
_SECTION_CONFIG = {"extra": "forbid", "populate_by_name": True, "alias_generator": _kebab}
_set = object.__setattr__  # frozen: `__init__` sets the slots directly


def _about(description: str, **constraints: Any) -> dict[str, Any]:
    return {"description": description, **constraints}


@described_with_slots
class Lexicons(FrozenRecord):
    """Word lists of the project's own (`[tool.smartlint.lexicons]`)."""

    __pydantic_config__ = _SECTION_CONFIG

    owners: list[str] = field(
        default_factory=list, metadata=_about("Local agency or post names that count as named owners.")
    )

    def __init__(self, owners: list[str] | None = None) -> None:
        _set(self, "owners", [] if owners is None else owners)


PlanRole = Literal["id", "recommendation", "action", "owner", "timescale", "measure", "evidence", "status", "ignore"]


@described_with_slots
class ActionPlan(FrozenRecord):
    """How to read the project's action plans (`[tool.smartlint.action-plan]`)."""

    __pydantic_config__ = _SECTION_CONFIG

    columns: dict[str, PlanRole] = field(
        default_factory=dict,
        metadata=_about("Odd action-plan headers -> what the column holds, e.g. 'Responsible Officer' = 'owner'."),
    )

    def __init__(self, columns: dict[str, PlanRole] | None = None) -> None:
        _set(self, "columns", {} if columns is None else columns)


@described_with_slots
class PatternRuleSpec(FrozenRecord):
    """A phrase rule written in configuration, no Python needed."""

    __pydantic_config__ = _SECTION_CONFIG

    code: str = field(metadata={"pattern": CODE_PATTERN})
    name: str = field(metadata={"pattern": NAME_PATTERN})
    pattern: str
    message: str
    suggestion: str | None = None
    severity: Severity = Severity.WARNING
    criterion: Criterion = Criterion.SPECIFIC
    ignore_case: bool = True

    def __init__(self, code: str, name: str, pattern: str, message: str, suggestion: str | None = None,
                 severity: Severity = Severity.WARNING, criterion: Criterion = Criterion.SPECIFIC,
                 ignore_case: bool = True) -> None:
        _set(self, "code", code)
        _set(self, "name", name)
        _set(self, "pattern", pattern)
        _set(self, "message", message)
        _set(self, "suggestion", suggestion)
        _set(self, "severity", severity)
        _set(self, "criterion", criterion)
        _set(self, "ignore_case", ignore_case)


@described_with_slots
class Config(FrozenRecord):
    """The settings of a run (`[tool.smartlint]`)."""

    __pydantic_config__ = _SECTION_CONFIG

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: FailOn = "warning"
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    lexicons: Lexicons = field(default_factory=Lexicons)
    action_plan: ActionPlan = field(default_factory=ActionPlan)
    patterns: list[PatternRuleSpec] = field(default_factory=list)
    document_date: date | None = None
    require_plugins: list[str] = field(default_factory=list)
    no_suppress: bool = False
    # Where the settings came from (for messages and for per-file-ignore globs); not a key.
    source: str | None = None

    def __init__(
        self,
        select: list[str] | None = None,
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
        severity: dict[str, Severity] | None = None,
        per_file_ignores: dict[str, list[str]] | None = None,
        fail_on: FailOn = "warning",
        rules: dict[str, dict[str, Any]] | None = None,
        lexicons: Lexicons | None = None,
        action_plan: ActionPlan | None = None,
        patterns: list[PatternRuleSpec] | None = None,
        document_date: date | None = None,
        require_plugins: list[str] | None = None,
        no_suppress: bool = False,
        source: str | None = None,
    ) -> None:
        _set(self, "select", select)
        _set(self, "extend_select", [] if extend_select is None else extend_select)
        _set(self, "ignore", [] if ignore is None else ignore)
        _set(self, "severity", {} if severity is None else severity)
        _set(self, "per_file_ignores", {} if per_file_ignores is None else per_file_ignores)
        _set(self, "fail_on", fail_on)
        _set(self, "rules", {} if rules is None else rules)
        _set(self, "lexicons", Lexicons() if lexicons is None else lexicons)
        _set(self, "action_plan", ActionPlan() if action_plan is None else action_plan)
        _set(self, "patterns", [] if patterns is None else patterns)
        _set(self, "document_date", document_date)
        _set(self, "require_plugins", [] if require_plugins is None else require_plugins)
        _set(self, "no_suppress", no_suppress)
        _set(self, "source", source)

    @property
    def root(self) -> Path:
        return Path(self.source).parent if self.source else Path.cwd()

    def as_json(self) -> dict[str, Any]:
        """The settings as JSON values under their configuration keys (`smartlint config`)."""
        return {key: value for key, value in _json(self).items() if key != "source"}


def _json(value: Any) -> Any:
    if is_dataclass(value):
        return {_kebab(f.name): _json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def _known_keys() -> list[str]:
    return sorted(_kebab(f.name) for f in fields(Config) if f.name != "source")


def _format_validation_error(exc: Any, where: str, table: str) -> str:
    err = exc.errors()[0]
    return _one_line(err["type"], err["loc"], err["msg"], where, table)


# pydantic's error types for a key a section does not have (models; dataclasses)
_UNKNOWN_KEY = ("extra_forbidden", "unexpected_keyword_argument")


def _one_line(kind: str, loc: tuple[Any, ...], msg: str, where: str, table: str) -> str:
    key = ".".join(str(part) for part in loc)
    if kind in _UNKNOWN_KEY:
        import difflib  # only for a mistake

        hint = difflib.get_close_matches(str(loc[-1]), _known_keys(), n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        return f"{where}: unknown key '{key}' in [{table}]{suggestion}"
    return f"{where}: invalid value for '{key}' in [{table}]: {msg}"


@cache
def _validator() -> Any:
    """pydantic's validator for Config, built (and pydantic imported) only when a file is read."""
    from pydantic import TypeAdapter

    return TypeAdapter(Config)


def parse_config(data: dict[str, Any], where: str, table: str = "tool.smartlint") -> Config:
    if not data:  # an empty table: the defaults, with nothing to check
        return Config(source=where)
    from smartlint import plainvalues

    # plainly right values need no pydantic (~100 ms); pydantic decides, and words, the rest
    config = plainvalues.convert(Config, data, _kebab)
    if config is plainvalues.DECLINED:
        from pydantic import ValidationError

        try:
            config = _validator().validate_python(data)
        except ValidationError as exc:
            raise ConfigError(_format_validation_error(exc, where, table)) from None
    _check_patterns(config, where, table)
    return replace(config, source=where)


def _check_patterns(config: Config, where: str, table: str) -> None:
    """Each phrase rule's pattern must compile (worded as pydantic words a failed check)."""
    if not config.patterns:
        return
    import regex

    for index, spec in enumerate(config.patterns):
        try:
            regex.compile(spec.pattern)
        except regex.error as exc:
            message = f"Value error, pattern does not compile: {exc}"
            raise ConfigError(_one_line("value_error", ("patterns", index, "pattern"), message, where, table)) from None


def load_config_file(path: Path) -> Config | None:
    """The configuration in `path`, or None for a pyproject.toml without [tool.smartlint]."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
    import tomllib  # only when there is a file to read (not with --isolated)

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
