"""`--format github`: workflow commands that GitHub Actions turns into annotations."""

from __future__ import annotations

from formatter_fixtures import assert_golden, missing_owner, sample_report, summarise

from smartlint.formatters import render
from smartlint.formatters.github import escape_data, escape_property, unescape
from smartlint.models import FileResult, Recommendation, Severity


def github(report) -> str:
    return render(report, "github")


def _single(finding, path="docs/a.md"):
    rec = Recommendation(id="1", index=1, text="t", line=1, column=1, end_line=1, findings=[finding])
    return summarise([FileResult(path=path, format="md", recommendations=[rec])])


def test_sample_matches_golden():
    assert_golden("sample.github.txt", github(sample_report()))


def test_one_command_per_finding_plus_notes():
    lines = github(sample_report()).splitlines()
    report = sample_report()
    findings = sum(len(f.all_findings()) for f in report.files)
    notes = sum(len(f.notes) for f in report.files)
    assert len(lines) == findings + notes + len(report.errors)
    assert all(line.startswith("::") for line in lines)


def test_warning_annotation_exact():
    out = github(_single(missing_owner()))
    assert out == (
        "::warning file=docs/a.md,line=12,col=5,title=OW001 missing-owner::"
        "No one is named to do this: 'should be reviewed'"
        "%0AFix: Name who will do this: 'The Safeguarding Partnership will ...'\n"
    )


def test_severity_maps_to_command():
    assert github(_single(missing_owner().model_copy(update={"severity": Severity.ERROR}))).startswith("::error ")
    assert github(_single(missing_owner().model_copy(update={"severity": Severity.INFO}))).startswith("::notice ")


def test_path_uses_forward_slashes_and_properties_are_escaped():
    out = github(_single(missing_owner(), path="a\\b, c:d.md"))
    assert out.startswith("::warning file=a/b%2C c%3Ad.md,line=12,col=5,")


def test_message_percent_and_newlines_escaped():
    finding = missing_owner().model_copy(update={"message": "100% of\r\nstaff", "quote": None, "suggestion": None})
    assert github(_single(finding)).endswith("::100%25 of%0D%0Astaff\n")


def test_notes_become_notices():
    out = github(sample_report())
    assert "::notice file=reviews/empty.md,title=smartlint::no recommendations found\n" in out


def test_unreadable_files_become_errors():
    out = github(sample_report())
    assert out.endswith(
        "::error file=reviews/broken.docx,title=smartlint::Could not be read: It is not a Word document, or it is damaged.\n"
    )


def test_no_findings_no_output():
    assert github(summarise([])) == ""


def test_escaping_follows_the_toolkit():
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"
    assert escape_property("%3A") == "%253A"
    assert unescape(escape_property("%3A,:")) == "%3A,:"
