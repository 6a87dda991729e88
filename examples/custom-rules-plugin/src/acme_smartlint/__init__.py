"""ACME Safeguarding Partnership's house rules for smartlint, as an installable rule pack.

smartlint loads `pack` through the `smartlint.rules` entry point named in pyproject.toml.
"""

from __future__ import annotations

from smartlint.rule import RulePack


def _rules():
    # Imported on first use so that `smartlint --help` does not pay for this pack.
    from acme_smartlint.rules import RULES

    return RULES


pack = RulePack(
    name="acme",
    rules=_rules,
    description="ACME house rules: spell out local acronyms.",
)
