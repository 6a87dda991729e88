"""The text report: what a review author reads."""

from __future__ import annotations

import re

from formatter_fixtures import (
    REC1_TEXT,
    assert_golden,
    assessment,
    missing_owner,
    sample_report,
    summarise,
)

from smartlint.formatters import render, render_statistics
from smartlint.models import Criterion, FileResult, Finding, Recommendation, Severity

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def text(report, **kwargs) -> str:
    return render(report, "text", **kwargs)


def test_sample_report_matches_golden():
    assert_golden("sample.txt", text(sample_report()))


def test_sample_report_in_colour_matches_golden():
    assert_golden("sample-color.txt", text(sample_report(), color=True))


def test_quiet_and_statistics_match_golden():
    assert_golden("sample-quiet.txt", text(sample_report(), quiet=True))
    assert_golden("sample-statistics.txt", render_statistics(sample_report()))


def test_recommendation_line_has_location_label_and_scorecard():
    out = text(sample_report())
    assert "reviews/draft.md:12:1  Recommendation 1    S ✗  M ✓  A ✗  T ✗  E ✗   (1/5)" in out
    assert "reviews/draft.md:20:1  Recommendation R4   S ✓  M ✗  A ✗  T ✗  E ✓   (2/5)" in out


def test_finding_line_quotes_the_words_and_fix_hangs_under_severity():
    lines = text(sample_report()).splitlines()
    index = lines.index(
        "  12:5   warning  OW001 missing-owner  No one is named to do this: 'should be reviewed'"
    )
    fix = lines[index + 1]
    assert fix == "         fix: Name who will do this: 'The Safeguarding Partnership will ...'"
    assert fix.index("fix:") == lines[index].index("warning")


def test_scorecard_omitted_without_assessment_and_learning_point_shown():
    out = text(sample_report())
    assert "reviews/draft.md:18:1  Recommendation 3\n" in out
    assert "  learning point: a reflection for practice, not an action" in out


def test_clean_recommendations_are_counted_not_listed():
    out = text(sample_report())
    assert "Recommendation 2" not in out
    assert "✓ 1 other recommendation has no findings" in out


def test_all_clean_file_says_so():
    rec = Recommendation(id="1", index=1, text="x", line=1, column=1, end_line=1, assessment=assessment())
    rec2 = rec.model_copy(update={"id": "2", "index": 2})
    report = summarise([FileResult(path="ok.md", format="md", recommendations=[rec, rec2])])
    out = text(report)
    assert "ok.md\n  ✓ 2 recommendations have no findings\n" in out
    assert "Summary: 1 file, 2 recommendations, no findings" in out


def test_excerpt_is_short_and_on_one_line():
    out = text(sample_report())
    excerpt = next(line for line in out.splitlines() if line.startswith('  "The procedures'))
    assert len(excerpt) <= 2 + 2 + 100
    assert excerpt.endswith('…"')
    assert REC1_TEXT not in out


def test_document_findings_follow_recommendations_and_notes_are_shown():
    out = text(sample_report())
    assert out.index("Recommendation R4") < out.index("reviews/draft.md  Whole document")
    assert out.index("Whole document") < out.index("DC001 unnumbered-recommendations")
    assert "reviews/empty.md\n  note: no recommendations found" in out


def test_suppressed_findings_say_what_suppressed_them():
    out = text(sample_report())
    assert "reviews/draft.md  Suppressed" in out
    assert "suppressed by: smartlint: learning-point" in out


def test_unreadable_files_are_listed_before_the_summary():
    out = text(sample_report())
    assert "reviews/broken.docx\n  ✗ could not be read: It is not a Word document, or it is damaged.\n\nSummary:" in out


def test_spreadsheet_findings_are_located_by_cell():
    out = text(sample_report())
    assert "plans\\action plan.xlsx:Plan!D7  Recommendation 5" in out
    assert "  Plan!D7  warning  OW001 missing-owner" in out


def test_summary_counts_and_criterion_shares():
    out = text(sample_report())
    assert (
        "Summary: 3 files, 5 recommendations, 6 findings (1 error, 3 warnings, 2 info), 1 suppressed, "
        "1 file could not be read"
    ) in out
    assert "Recommendations meeting each criterion (of 4 assessed):" in out
    assert "  A  owner named         1/4   25%" in out
    assert "  E  evidence cited      2/4   50%" in out


def test_no_criterion_table_when_nothing_was_assessed():
    report = summarise([FileResult(path="empty.md", format="md", notes=["no recommendations found"])])
    out = text(report)
    assert "meeting each criterion" not in out
    assert out.endswith("Summary: 1 file, 0 recommendations, no findings\n")


def test_plain_output_has_no_escape_codes_and_colour_adds_only_styling():
    plain = text(sample_report())
    coloured = text(sample_report(), color=True)
    assert "\x1b" not in plain
    assert "\x1b[31m✗\x1b[0m" in coloured and "\x1b[32m✓\x1b[0m" in coloured
    assert "\x1b[1;31merror\x1b[0m" in coloured
    # Colour is never the only signal: without it the words and glyphs are all still there.
    assert ANSI.sub("", coloured) == plain


def test_quiet_prints_one_line_per_finding_and_the_summary():
    lines = text(sample_report(), quiet=True).splitlines()
    assert lines[:2] == [
        "reviews/draft.md:10:1: DC001 [info] The recommendations are not numbered, so action plans cannot refer to them.",
        "reviews/draft.md:12:1: EV001 [info] No finding of the review is cited in support of this recommendation.",
    ]
    assert "reviews/draft.md:12:5: OW001 [warning] No one is named to do this: 'should be reviewed'" in lines
    assert "plans\\action plan.xlsx:Plan!D7: OW001 [warning] No one is named to do this: 'Review'" in lines
    assert lines[-2] == "reviews/broken.docx: error: It is not a Word document, or it is damaged."
    assert len(lines) == 6 + 1 + 1
    assert lines[-1].startswith("Summary: 3 files")


def test_statistics_sorted_by_count_then_code():
    lines = render_statistics(sample_report()).splitlines()
    assert lines[0].split() == ["OW001", "missing-owner", "2"]
    assert [line.split()[0] for line in lines[1:]] == ["DC001", "EV001", "OW002", "TS002"]


def test_statistics_without_findings():
    assert render_statistics(summarise([])) == "No findings.\n"


def _report_with(finding: Finding, text_: str = "Text.") -> object:
    rec = Recommendation(id="1", index=1, text=text_, line=1, column=1, end_line=1, findings=[finding])
    return summarise([FileResult(path="a.md", format="md", recommendations=[rec])])


def test_quote_not_repeated_when_the_message_already_quotes_it():
    finding = missing_owner().model_copy(update={"message": "'should be reviewed' names no one."})
    out = text(_report_with(finding))
    assert out.count("'should be reviewed'") == 1


def test_finding_without_quote_or_suggestion():
    finding = Finding(
        code="SP001",
        name="several-actions",
        criterion=Criterion.SPECIFIC,
        severity=Severity.WARNING,
        message="This asks for three things at once.",
        line=3,
        column=2,
    )
    lines = text(_report_with(finding)).splitlines()
    row = next(line for line in lines if "SP001" in line)
    assert row == "  3:2  warning  SP001 several-actions  This asks for three things at once."
    assert not any("fix:" in line for line in lines)


def test_untrusted_control_characters_are_made_visible():
    finding = missing_owner().model_copy(
        update={"message": "Bad\x1b[2J news\u202e", "quote": "line\nbreak", "suggestion": "a\tb"}
    )
    out = text(_report_with(finding, text_="Evil \x1b]0;title\x07 text"))
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "Bad\\x1b[2J news\\u202e: 'line break'" in out
    assert "fix: a b" in out
