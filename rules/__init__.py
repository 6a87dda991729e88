"""smartlint's built-in rule pack, installed as `smartlint_rules` and loaded through the
`smartlint.rules` entry point exactly as a third-party pack is."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from smartlint.rule import RulePack, Rule

# One module per criterion; each exposes RULES (rule classes) and ANALYZERS (name -> function).
_MODULES = ("owner", "timescale", "measurable", "specific", "evidence", "document")


def _load() -> list[Any]:
    from importlib import import_module

    return [import_module(f"{__name__}.{name}") for name in _MODULES]


def _rules() -> Iterable[type[Rule]]:
    return [rule for module in _load() for rule in module.RULES]


def _analyzers() -> Mapping[str, Any]:
    merged: dict[str, Any] = {}
    for module in _load():
        merged.update(module.ANALYZERS)
    return merged


pack = RulePack(
    name="core",
    rules=_rules,
    analyzers=_analyzers,
    description="The SMART rules: specific, measurable, owner, timescale, evidence.",
)
