"""smartlint: checks the recommendations in review reports for SMART qualities.

    >>> import smartlint
    >>> result = smartlint.lint_text("1. Staff should be reminded of the procedure.")
    >>> [f.name for f in result.recommendations[0].findings]  # doctest: +SKIP

Heavy modules load on first use so that `smartlint` starts fast on every commit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smartlint.api import lint_paths, lint_text
    from smartlint.models import Finding, FileResult, LintReport, Recommendation
    from smartlint.vocabulary import Severity
    from smartlint.rule import Rule, RuleMeta, RuleOptions, RulePack, Violation

__all__ = [
    "lint_text",
    "lint_paths",
    "Finding",
    "FileResult",
    "LintReport",
    "Recommendation",
    "Severity",
    "Rule",
    "RuleMeta",
    "RuleOptions",
    "RulePack",
    "Violation",
]

_HOMES = {
    "lint_text": "smartlint.api",
    "lint_paths": "smartlint.api",
    "Finding": "smartlint.models",
    "FileResult": "smartlint.models",
    "LintReport": "smartlint.models",
    "Recommendation": "smartlint.models",
    "Severity": "smartlint.vocabulary",  # no pydantic needed
    "Rule": "smartlint.rule",
    "RuleMeta": "smartlint.rule",
    "RuleOptions": "smartlint.rule",
    "RulePack": "smartlint.rule",
    "Violation": "smartlint.rule",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'smartlint' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
