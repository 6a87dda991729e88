"""Property tests: any report renders in every format; escaping round-trips."""

from __future__ import annotations

import json

from formatter_fixtures import assert_sarif_valid, summarise
from hypothesis import given
from hypothesis import strategies as st

from smartlint.formatters import FORMATS, render, render_statistics
from smartlint.formatters.github import escape_data, escape_property, unescape
from smartlint.models import Criterion, FileError, FileResult, Finding, LintReport, Recommendation, Severity, Span
from smartlint.rule import RuleMeta

# Any Unicode at all, surrogates aside (they cannot be encoded, so no document can contain them).
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
positions = st.integers(min_value=1, max_value=10_000)
capitals = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
codes = st.builds(lambda a, b, n: f"{a}{b}{n:03d}", capitals, capitals, st.integers(0, 999))
names = st.lists(st.sampled_from(["missing", "vague", "owner", "timescale", "x1"]), min_size=1, max_size=3).map("-".join)


@st.composite
def findings(draw, rec_id: str | None = None) -> Finding:
    start = draw(st.integers(min_value=0, max_value=50))
    return Finding(
        code=draw(codes),
        name=draw(names),
        criterion=draw(st.sampled_from(list(Criterion))),
        severity=draw(st.sampled_from(list(Severity))),
        message=draw(unicode_text),
        quote=draw(st.none() | unicode_text),
        span=draw(st.none() | st.just(Span(start=start, end=start + 3))),
        suggestion=draw(st.none() | unicode_text),
        recommendation_id=rec_id,
        line=draw(positions),
        column=draw(positions),
        ref=draw(st.none() | unicode_text),
        suppressed_by=draw(st.none() | unicode_text),
    )


@st.composite
def recommendations(draw, index: int) -> Recommendation:
    from formatter_fixtures import assessment

    rec_id = draw(unicode_text)
    status = st.sampled_from
    return Recommendation(
        id=rec_id,
        index=index,
        text=draw(st.text(st.characters(exclude_categories=("Cs",)), max_size=300)),
        line=draw(positions),
        column=draw(positions),
        end_line=draw(positions),
        ref=draw(st.none() | unicode_text),
        learning_point=draw(st.none() | unicode_text),
        assessment=draw(
            st.none()
            | st.builds(
                assessment,
                owner=status(["named", "generic", "missing"]),
                timescale=status(["concrete", "vague", "missing"]),
                measurable=status(["measurable", "unmeasurable"]),
                specific=status(["specific", "unspecific"]),
                evidence=status(["cited", "uncited"]),
            )
        ),
        findings=draw(st.lists(findings(rec_id), max_size=3)),
    )


@st.composite
def files(draw) -> FileResult:
    count = draw(st.integers(min_value=0, max_value=3))
    return FileResult(
        path=draw(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)),
        format=draw(st.sampled_from(["md", "txt", "docx", "xlsx"])),
        recommendations=[draw(recommendations(i + 1)) for i in range(count)],
        findings=draw(st.lists(findings(), max_size=2)),
        suppressed=draw(st.lists(findings(), max_size=1)),
        notes=draw(st.lists(unicode_text, max_size=2)),
    )


reports = st.builds(
    lambda files_, errors: summarise(files_, errors=errors),
    st.lists(files(), max_size=3),
    st.lists(st.builds(FileError, path=unicode_text, message=unicode_text), max_size=2),
)


def rules_for(report: LintReport) -> list[RuleMeta]:
    """Metadata for some of the report's codes (the rest exercise the fallback descriptor)."""
    seen: dict[str, Finding] = {}
    for file in report.files:
        for finding in file.all_findings():
            seen.setdefault(finding.code, finding)
    return [
        RuleMeta(
            code=f.code,
            name=f.name,
            criterion=f.criterion,
            severity=f.severity,
            summary="s",
            rationale=f.message or "r",
            fix=f.suggestion or "f",
            bad=(f.quote or "b",),
            good=(),
        )
        for f in list(seen.values())[::2]
    ]


@given(reports, st.booleans(), st.booleans())
def test_any_report_renders_in_every_format(report, color, quiet):
    rules = rules_for(report)
    for fmt in FORMATS:
        out = render(report, fmt, color=color, rules=rules, quiet=quiet)
        assert isinstance(out, str)
        out.encode("utf-8")  # writable to a UTF-8 stream
    assert render_statistics(report, color=color).endswith("\n")


@given(reports)
def test_plain_text_never_emits_terminal_control_characters(report):
    for quiet in (False, True):
        out = render(report, "text", quiet=quiet)
        assert not any(ch in out for ch in "\x1b\x07\r\x00\u202e"), out


@given(reports)
def test_json_output_round_trips(report):
    assert LintReport.model_validate_json(render(report, "json")) == report


@given(reports)
def test_sarif_output_is_always_schema_valid(report):
    assert_sarif_valid(json.loads(render(report, "sarif", rules=rules_for(report))))


@given(reports)
def test_github_output_is_one_line_per_annotation(report):
    lines = render(report, "github").split("\n")
    expected = sum(len(f.all_findings()) + len(f.notes) for f in report.files) + len(report.errors)
    assert lines[-1] == ""
    assert len(lines) - 1 == expected
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines[:-1])


@given(st.text())
def test_github_property_escaping_round_trips(value):
    escaped = escape_property(value)
    assert not any(ch in escaped for ch in ",:\r\n")
    assert unescape(escaped) == value


@given(st.text())
def test_github_data_escaping_round_trips(value):
    escaped = escape_data(value)
    assert "\r" not in escaped and "\n" not in escaped
    assert unescape(escaped) == value
