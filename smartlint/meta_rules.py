"""The engine's own rules: problems with `smartlint:` directives, and rules written in config.

SL rules are reported by the suppression step, not by `check`; they are registered so that
they can be listed, explained, selected and ignored like any other rule.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from smartlint.config import PatternRuleSpec
from smartlint.vocabulary import Criterion, Severity
from smartlint.rule import RecContext, Rule, RuleMeta, RulePack, Violation

_DIRECTIVE_RATIONALE = (
    "A suppression that hides nothing, or a directive smartlint cannot read, misleads the next reader "
    "of the draft; linters such as ruff (RUF100) and sqlfluff report them for the same reason."
)


class UnusedSuppression(Rule):
    meta = RuleMeta(
        code="SL001",
        name="unused-suppression",
        criterion=Criterion.DOCUMENT,
        severity=Severity.INFO,
        summary="A smartlint: ignore/disable/learning-point directive suppresses nothing",
        rationale=_DIRECTIVE_RATIONALE,
        fix="Delete the directive, or correct the rule it names.",
        bad=(
            "- The LSCB will publish a revised neglect protocol by 31 March 2026 (Working Together 2018). "
            "<!-- smartlint: ignore missing-owner -- owner in the action plan -->",
        ),
        good=("- Review the neglect protocol. <!-- smartlint: ignore missing-owner -- owner in the action plan -->",),
    )


class UnclosedDisable(Rule):
    meta = RuleMeta(
        code="SL002",
        name="unclosed-disable",
        criterion=Criterion.DOCUMENT,
        severity=Severity.WARNING,
        summary="A smartlint: disable directive has no matching enable",
        rationale=_DIRECTIVE_RATIONALE
        + " An open-ended disable silently switches rules off for the rest of the document.",
        fix="Add '<!-- smartlint: enable -->' where the exempt passage ends.",
        bad=("<!-- smartlint: disable missing-owner -->\n\n- Review the neglect protocol.\n",),
        good=(
            "<!-- smartlint: disable missing-owner -->\n\n- Review the neglect protocol.\n\n"
            "<!-- smartlint: enable missing-owner -->\n",
        ),
    )


class InvalidDirective(Rule):
    meta = RuleMeta(
        code="SL003",
        name="invalid-directive",
        criterion=Criterion.DOCUMENT,
        severity=Severity.WARNING,
        summary="A smartlint: directive cannot be read or names an unknown rule",
        rationale=_DIRECTIVE_RATIONALE,
        fix="Write it as 'smartlint: ignore RULE[, RULE] -- reason' using a rule code or name from `smartlint rules`.",
        bad=("- Review the neglect protocol. <!-- smartlint: ignore no-such-rule -->",),
        good=("- Review the neglect protocol. <!-- smartlint: ignore missing-owner -- owner set in the plan -->",),
    )


DIRECTIVE_RULES = {"unused": "SL001", "unclosed": "SL002", "invalid": "SL003"}

engine_pack = RulePack(
    name="smartlint",
    rules=lambda: [UnusedSuppression, UnclosedDisable, InvalidDirective],
    description="The engine's own directive checks.",
)

# A user pattern gets this long per recommendation before it is abandoned (catastrophic backtracking).
PATTERN_TIMEOUT_SECONDS = 0.25


class PatternTimeout(Exception):
    """A configured pattern took too long; the engine reports it and skips that rule."""


def pattern_rule(spec: PatternRuleSpec) -> type[Rule]:
    """Build a rule class from a `[[tool.smartlint.patterns]]` entry."""
    compiled = regex.compile(spec.pattern, regex.IGNORECASE if spec.ignore_case else 0)
    meta = RuleMeta(
        code=spec.code,
        name=spec.name,
        criterion=spec.criterion,
        severity=spec.severity,
        summary=spec.message.splitlines()[0][:120],
        rationale="A phrase rule from this project's configuration.",
        fix=spec.suggestion or spec.message,
        bad=(),
        good=(),
    )

    class PatternRule(Rule):
        def check(self, rec: RecContext) -> Iterable[Violation]:
            try:
                matches = list(compiled.finditer(rec.text, timeout=PATTERN_TIMEOUT_SECONDS))
            except TimeoutError:
                raise PatternTimeout(
                    f"pattern rule {spec.code} ({spec.name}) timed out on recommendation {rec.id}; simplify its pattern"
                ) from None
            for match in matches:
                if match.end() > match.start():
                    yield Violation(match.start(), match.end(), spec.message, spec.suggestion)

    PatternRule.meta = meta
    PatternRule.__name__ = PatternRule.__qualname__ = "".join(part.title() for part in spec.name.split("-"))
    return PatternRule
