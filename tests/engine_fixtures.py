"""A tiny rule pack for engine tests, so they do not depend on the built-in rules' judgement."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from smartlint.models import Criterion, Severity
from smartlint.registry import Registry, _add_pack
from smartlint.rule import DocContext, RecContext, Rule, RuleMeta, RulePack, RuleOptions, Violation
from smartlint.meta_rules import engine_pack


def _meta(code: str, name: str, criterion: Criterion, severity: Severity = Severity.WARNING, **extra) -> RuleMeta:
    return RuleMeta(
        code=code, name=name, criterion=criterion, severity=severity, summary=f"{name} summary",
        rationale="test", fix=f"fix {name}", bad=(), good=(), **extra,
    )


class WordRule(Rule):
    """Flags each occurrence of `word` (configurable)."""

    class Options(RuleOptions):
        word: str = "ensure"

    meta = _meta("TT001", "flag-word", Criterion.SPECIFIC)

    def check(self, rec: RecContext) -> Iterable[Violation]:
        for match in regex.finditer(rf"\b{regex.escape(self.options.word)}\b", rec.text, regex.IGNORECASE):
            yield Violation(match.start(), match.end(), f"'{match.group()}' is vague")


class NoDigitRule(Rule):
    meta = _meta("TT002", "no-digit", Criterion.TIMESCALE)

    def check(self, rec: RecContext) -> Iterable[Violation]:
        if not any(ch.isdigit() for ch in rec.text):
            yield Violation(message="no number")


class OffByDefault(Rule):
    meta = _meta("TT101", "always-info", Criterion.EVIDENCE, Severity.INFO, enabled_by_default=False)

    def check(self, rec: RecContext) -> Iterable[Violation]:
        yield Violation()


class CountRule(Rule):
    meta = _meta("TD001", "too-many", Criterion.DOCUMENT, scope="document")

    def check_document(self, doc: DocContext) -> Iterable[Violation]:
        if len(doc.recommendations) > 3:
            yield Violation(message=f"{len(doc.recommendations)} recommendations")


test_pack = RulePack("test", rules=lambda: [WordRule, NoDigitRule, OffByDefault, CountRule])


def make_registry() -> Registry:
    registry = Registry()
    _add_pack(registry, engine_pack, "smartlint")
    _add_pack(registry, test_pack, "tests")
    registry.rules = dict(sorted(registry.rules.items()))
    return registry
