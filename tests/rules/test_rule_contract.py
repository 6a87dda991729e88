"""Every registered rule keeps the conventions, and its own bad/good examples are executed."""

from __future__ import annotations

import regex
import pytest

from smartlint import lint_text
from smartlint.registry import default_registry

REGISTRY = default_registry()
RULES = list(REGISTRY.rules.values())
SOURCES = ("Working Together", "Brandon", "Handley", "ruff", "sqlfluff", "SMART guide")


def as_document(example: str) -> str:
    """Examples are single recommendations unless they are written as whole documents."""
    if "\n" in example or example.lstrip().startswith(("-", "<!--", "#", "1.")):
        return example
    return "# Recommendations\n\n1. " + example + "\n"


def found_codes(example: str, code: str) -> set[str]:
    result = lint_text(as_document(example), config={"extend-select": [code], "document-date": "2026-01-15"})
    return {f.code for f in result.all_findings()}


def test_the_core_pack_is_loaded_without_failures():
    assert REGISTRY.failures == []
    assert "core" in REGISTRY.packs
    assert {"OW001", "TM001", "MS001", "SP001", "EV001"} <= set(REGISTRY.rules)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.code)
def test_rule_metadata_conventions(rule):
    meta = rule.meta
    assert regex.fullmatch(r"[A-Z]{2}\d{3}", meta.code)
    assert regex.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", meta.name)
    assert meta.summary and "\n" not in meta.summary
    assert meta.fix.strip()
    assert any(source in meta.rationale for source in SOURCES), f"{meta.code} rationale cites no source"
    assert meta.bad and meta.good, f"{meta.code} needs bad and good examples"


def test_codes_and_names_are_unique():
    names = [r.meta.name for r in RULES]
    assert len(names) == len(set(names))


BAD = [(r.meta.code, ex) for r in RULES for ex in r.meta.bad]
GOOD = [(r.meta.code, ex) for r in RULES for ex in r.meta.good]


@pytest.mark.parametrize(("code", "example"), BAD, ids=[f"{c}-bad{i}" for i, (c, _) in enumerate(BAD)])
def test_bad_examples_are_flagged(code, example):
    assert code in found_codes(example, code)


@pytest.mark.parametrize(("code", "example"), GOOD, ids=[f"{c}-good{i}" for i, (c, _) in enumerate(GOOD)])
def test_good_examples_pass(code, example):
    assert code not in found_codes(example, code)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.code)
def test_every_finding_quotes_or_explains_and_suggests(rule):
    code = rule.meta.code
    for example in rule.meta.bad:
        result = lint_text(as_document(example), config={"extend-select": [code], "document-date": "2026-01-15"})
        for rec in result.recommendations:
            for finding in rec.findings:
                assert finding.message and finding.suggestion
                if finding.span is not None:
                    assert rec.text[finding.span.start : finding.span.end] == finding.quote
