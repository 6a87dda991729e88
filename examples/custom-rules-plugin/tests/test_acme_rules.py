"""The ACME pack, tested the way smartlint runs it: installed, found through its entry point,
and driven through smartlint's public API."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

import acme_smartlint
from smartlint import lint_text
from smartlint.registry import default_registry
from acme_smartlint.rules import UndefinedAcronym

CONFIG = {"document-date": "2026-11-01"}


def as_document(recommendation: str, preamble: str = "") -> str:
    return f"{preamble}# Recommendations\n\n1. {recommendation}\n"


def codes(text: str, config: dict | None = None) -> list[str]:
    result = lint_text(text, config={**CONFIG, **(config or {})})
    return [f.code for f in result.all_findings()]


def test_the_entry_point_names_the_pack():
    (ep,) = [ep for ep in entry_points(group="smartlint.rules") if ep.name == "acme"]
    assert ep.load() is acme_smartlint.pack


def test_smartlint_loads_the_pack_beside_its_own_rules():
    registry = default_registry()
    assert registry.failures == []
    assert {"core", "acme"} <= set(registry.packs)
    assert registry.pack_of["AC001"] == "acme"
    assert registry.lookup("undefined-acronym") is UndefinedAcronym


@pytest.mark.parametrize("example", UndefinedAcronym.meta.bad)
def test_bad_examples_are_flagged(example):
    assert "AC001" in codes(as_document(example))


@pytest.mark.parametrize("example", UndefinedAcronym.meta.good)
def test_good_examples_pass(example):
    assert "AC001" not in codes(as_document(example))


def test_the_finding_quotes_the_acronym_and_suggests_spelling_it_out():
    result = lint_text(as_document("The MASH will audit 20 referrals by 31 March 2027."), config=CONFIG)
    (finding,) = [f for f in result.all_findings() if f.code == "AC001"]
    assert finding.quote == "MASH"
    assert "MASH" in finding.message and "(MASH)" in finding.suggestion


def test_an_acronym_spelled_out_earlier_in_the_report_passes():
    preamble = "The Multi-Agency Safeguarding Hub (MASH) screens every referral.\n\n"
    text = as_document("The MASH will audit 20 referrals by 31 March 2027.", preamble)
    assert "AC001" not in codes(text)


def test_each_acronym_is_reported_once_per_recommendation():
    text = as_document("The LADO and the MASH will audit 20 referrals; the LADO will report by 31 March 2027.")
    assert codes(text).count("AC001") == 2


def test_roman_numerals_and_headings_in_capitals_are_not_acronyms():
    assert "AC001" not in codes(as_document("The Board will revise Part II of the protocol by 31 March 2027."))


def test_a_report_can_declare_its_own_known_acronyms():
    text = as_document("The MASH will audit 20 referrals by 31 March 2027.")
    assert "AC001" not in codes(text, {"rules": {"undefined-acronym": {"known": ["MASH"]}}})


def test_the_rule_can_be_switched_off_like_a_built_in_rule():
    text = as_document("The MASH will audit 20 referrals by 31 March 2027.")
    assert "AC001" not in codes(text, {"ignore": ["AC001"]})
    assert "AC001" not in codes(text, {"ignore": ["undefined-acronym"]})
