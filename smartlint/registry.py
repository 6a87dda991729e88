"""Discovers rule packs through the `smartlint.rules` entry-point group, each in isolation.

The built-in pack arrives through the same entry point as any third-party pack; the engine's
own suppression rules (SL...) are added here because they belong to the engine, not a pack.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from smartlint import startup
from smartlint.errors import PluginError
from smartlint.rule import Analyzer, Rule, RuleMeta, RulePack

ENTRY_POINT_GROUP = "smartlint.rules"


class Registry:
    """The rules and analyzers of the loaded packs (a plain class: a dataclass costs an exec at start-up)."""

    __slots__ = ("rules", "analyzers", "packs", "pack_of", "failures")

    def __init__(self) -> None:
        self.rules: dict[str, type[Rule]] = {}  # code -> rule class, sorted by code
        self.analyzers: dict[str, Analyzer] = {}
        self.packs: dict[str, str] = {}  # pack and entry-point names -> distribution "name version"
        self.pack_of: dict[str, str] = {}  # code -> pack name
        self.failures: list[str] = []  # one line per pack that failed to load

    @property
    def metas(self) -> list[RuleMeta]:
        return [rule.meta for rule in self.rules.values()]

    def by_name(self) -> dict[str, str]:
        """name and aliases -> code."""
        names: dict[str, str] = {}
        for code, rule in self.rules.items():
            names[rule.meta.name] = code
            for alias in rule.meta.aliases:
                names[alias] = code
        return names

    def lookup(self, code_or_name: str) -> type[Rule] | None:
        key = code_or_name.strip()
        if key.upper() in self.rules:
            return self.rules[key.upper()]
        code = self.by_name().get(key.lower())
        return self.rules.get(code) if code else None


def _add_pack(registry: Registry, pack: RulePack, origin: str, alias: str | None = None) -> None:
    """Add a pack's rules and analyzers, refusing collisions with what is already registered."""
    rules = list(pack.rules())
    analyzers: Mapping[str, Analyzer] = pack.analyzers()
    names = registry.by_name()
    for rule in rules:
        meta = getattr(rule, "meta", None)
        if not isinstance(meta, RuleMeta):
            raise TypeError(f"{rule!r} has no RuleMeta `meta`")
        if meta.code in registry.rules:
            other = registry.pack_of[meta.code]
            raise ValueError(f"rule code {meta.code} is already used by pack '{other}'")
        if meta.name in names:
            raise ValueError(f"rule name {meta.name} is already used by {names[meta.name]}")
    for rule in rules:
        registry.rules[rule.meta.code] = rule
        registry.pack_of[rule.meta.code] = pack.name
    for name, analyzer in analyzers.items():
        registry.analyzers.setdefault(name, analyzer)
    registry.packs[pack.name] = origin
    if alias:
        registry.packs[alias] = origin


def _entry_points() -> Iterable[Any]:
    from smartlint.entrypoints import entry_points  # importlib.metadata's, read cheaply

    return entry_points(ENTRY_POINT_GROUP)


def build_registry(extra_packs: Iterable[RulePack] = (), require: Iterable[str] = ()) -> Registry:
    """Load every installed pack; a broken pack is recorded in `failures` and skipped."""
    from smartlint.meta_rules import engine_pack

    registry = Registry()
    _add_pack(registry, engine_pack, "smartlint")
    def own_core_first(ep: Any) -> tuple[bool, str]:
        return (not ep.value.startswith("smartlint_rules:"), ep.name)

    for ep in sorted(_entry_points(), key=own_core_first):
        dist = getattr(ep, "dist", None)
        origin = f"{dist.name} {dist.version}" if dist is not None else ep.value
        try:
            pack = ep.load()
            if not isinstance(pack, RulePack):
                raise TypeError(f"entry point {ep.value} is not a smartlint.rule.RulePack")
            _add_pack(registry, pack, origin, alias=ep.name)
        except Exception as exc:  # a third-party pack must never take the run down with it
            registry.failures.append(f"rule pack '{ep.name}' ({origin}) failed to load and was skipped: {exc}")
    for pack in extra_packs:
        try:
            _add_pack(registry, pack, "config")
        except (TypeError, ValueError) as exc:
            from smartlint.errors import ConfigError

            raise ConfigError(f"[[patterns]]: {exc}") from None
    registry.rules = dict(sorted(registry.rules.items()))
    missing = [name for name in require if name not in registry.packs]
    if missing:
        detail = "; ".join(registry.failures) or "not installed"
        raise PluginError(f"required rule pack(s) {', '.join(missing)} not loaded: {detail}")
    startup.resume()  # the rule packs are loaded: start-up is over (see smartlint.startup)
    return registry


@cache
def default_registry() -> Registry:
    """The installed packs, loaded once per process."""
    return build_registry()
