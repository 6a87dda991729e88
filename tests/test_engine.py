"""The pipeline with a small test pack: enrichment, suppression, learning points, document rules."""

from __future__ import annotations

import pytest

from engine_fixtures import make_registry
from smartlint.config import parse_config
from smartlint.engine import Linter, Overrides, at_or_above
from smartlint.readers import read_text_document


def lint(text: str, fmt: str = "md", overrides: Overrides | None = None, **config):
    linter = Linter(parse_config(config, "cfg.toml"), overrides, registry=make_registry())
    return linter.lint_document(read_text_document(text, "draft." + fmt, fmt))


def codes(rec) -> list[str]:
    return [f.code for f in rec.findings]


def test_findings_are_enriched_with_code_quote_position_and_suggestion():
    result = lint("# Recommendations\n\n1. The Board will ensure the policy is read by 2026.\n")
    (rec,) = result.recommendations
    assert rec.id == "1"
    (finding,) = rec.findings
    assert finding.code == "TT001" and finding.name == "flag-word" and finding.criterion == "specific"
    assert finding.quote == "ensure" and rec.text[finding.span.start : finding.span.end] == "ensure"
    assert (finding.line, finding.column) == (3, 19)
    assert finding.suggestion == "fix flag-word" and finding.recommendation_id == "1"


def test_whole_item_finding_points_at_the_recommendation_start():
    result = lint("Intro.\n\n- Review the policy.\n")
    (finding,) = result.recommendations[0].findings
    assert finding.code == "TT002" and finding.quote is None and finding.span is None
    assert (finding.line, finding.column) == (3, 3)


def test_ignore_directive_inside_item_suppresses_only_that_rule_there():
    text = "- Ensure review. <!-- smartlint: ignore TT002 -- dated in the action plan -->\n- Ensure review.\n"
    first, second = lint(text).recommendations
    assert codes(first) == ["TT001"]
    assert sorted(codes(second)) == ["TT001", "TT002"]


def test_ignore_directive_on_its_own_line_applies_to_the_next_item():
    text = "<!-- smartlint: ignore flag-word -->\n- Ensure review.\n- Ensure review.\n"
    result = lint(text)
    assert codes(result.recommendations[0]) == ["TT002"]
    assert "TT001" in codes(result.recommendations[1])
    assert [f.code for f in result.suppressed] == ["TT001"]
    assert result.suppressed[0].suppressed_by.startswith("<!-- smartlint: ignore flag-word")


def test_unused_and_invalid_directives_are_findings():
    text = "- Review by 2026. <!-- smartlint: ignore TT001 -->\n- Ensure it. <!-- smartlint: ignore nonsense-rule -->\n"
    result = lint(text)
    found = {f.code: f for f in result.findings}
    assert set(found) == {"SL001", "SL003"}
    assert "nonsense-rule" in found["SL003"].message


def test_malformed_directive_is_reported():
    result = lint("- Ensure it by 2026. <!-- smartlint: ignroe TT001 -->\n")
    assert [f.code for f in result.findings] == ["SL003"]


def test_disable_enable_block_and_unclosed_disable():
    text = (
        "<!-- smartlint: disable TT001 -->\n\n- Ensure a by 2026.\n\n<!-- smartlint: enable TT001 -->\n\n"
        "- Ensure b by 2026.\n\n<!-- smartlint: disable TT002 -->\n\n- Ensure c.\n"
    )
    result = lint(text)
    a, b, c = result.recommendations
    assert codes(a) == [] and codes(b) == ["TT001"] and codes(c) == ["TT001"]
    assert [f.code for f in result.findings] == ["SL002"]


def test_file_ignore():
    result = lint("<!-- smartlint: file-ignore specific -->\n\n- Ensure a by 2026.\n- Ensure b by 2026.\n")
    assert all(codes(r) == [] for r in result.recommendations)
    assert len(result.suppressed) == 2


def test_no_suppress_ignores_every_directive():
    text = "- Ensure a. <!-- smartlint: ignore ALL -->\n"
    result = lint(text, overrides=Overrides(no_suppress=True))
    assert sorted(codes(result.recommendations[0])) == ["TT001", "TT002"]


def test_learning_point_exempts_smart_rules_but_still_counts():
    text = "- <!-- smartlint: learning-point -- reflective by design --> Ensure curiosity.\n- Ensure b.\n"
    first, second = lint(text).recommendations
    assert first.learning_point == "reflective by design" and codes(first) == []
    assert sorted(codes(second)) == ["TT001", "TT002"]


def test_document_rule_findings_belong_to_the_file():
    result = lint("".join(f"- Item {n}.\n" for n in range(5)))
    assert [f.code for f in result.findings] == ["TD001"]
    assert result.summary.recommendations == 5


def test_no_recommendations_is_a_note_not_an_error():
    result = lint("")
    assert result.recommendations == [] and result.notes


def test_fail_on_levels():
    result = lint("- Ensure a by 2026.\n")
    findings = result.all_findings()
    assert at_or_above(findings, "warning") and not at_or_above(findings, "error")
    assert not at_or_above(findings, "never")


def test_pattern_rules_from_config_fire_with_message_and_suggestion():
    config = parse_config(
        {"patterns": [{"code": "LC001", "name": "no-tac", "pattern": r"\bTAC\b", "message": "Spell out TAC", "suggestion": "Team Around the Child", "ignore-case": False}]},
        "cfg.toml",
    )
    linter = Linter(config)
    result = linter.lint_document(read_text_document("- The TAC will meet by May 2026; tac.\n", "d.md", "md"))
    (finding,) = [f for f in result.recommendations[0].findings if f.code == "LC001"]
    assert finding.quote == "TAC" and finding.message == "Spell out TAC" and finding.suggestion == "Team Around the Child"


def test_catastrophic_pattern_times_out_with_a_note():
    config = parse_config({"patterns": [{"code": "LC002", "name": "slow", "pattern": r"(a|aa)+$", "message": "m"}]}, "cfg.toml")
    linter = Linter(config)
    result = linter.lint_document(read_text_document("- " + "a" * 40 + "!\n", "d.md", "md"))
    assert any("timed out" in note for note in result.notes)
    assert not any(f.code == "LC002" for f in result.recommendations[0].findings)


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_same_input_same_output(fmt):
    text = "Recommendations\n\n1. Ensure a.\n\n2. Ensure b by 2026.\n"
    assert lint(text, fmt).model_dump_json() == lint(text, fmt).model_dump_json()
