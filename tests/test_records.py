"""The check path's light records: the same fields as the pydantic models, the same output, and a
spool that gives back what it was given however large the file."""

from __future__ import annotations

import dataclasses

import pytest

from smartlint import models, spool
from smartlint.api import Session, build_report, lint_text
from smartlint.file_records import FileRecord, FileSummaryRecord, to_model
from smartlint.formatters import render
from smartlint.records import FindingRecord, RecommendationRecord, SpanRecord
from smartlint.report_record import ReportRecord, RunSummaryRecord, ToolRecord
from smartlint.report_record import to_model as report_model


def _names(record: type) -> list[str]:
    """The fields the JSON writer reads."""
    return [f.name for f in dataclasses.fields(record)]


@pytest.mark.parametrize(
    ("record", "model"),
    [
        (SpanRecord, models.Span),
        (FindingRecord, models.Finding),
        (RecommendationRecord, models.Recommendation),
        (FileSummaryRecord, models.FileSummary),
        (ToolRecord, models.ToolInfo),
        (RunSummaryRecord, models.RunSummary),
        (ReportRecord, models.LintReport),
    ],
)
def test_record_fields_match_the_model_fields_in_order(record, model):
    assert _names(record) == list(model.model_fields)


def test_file_record_has_the_file_result_fields_and_its_counts():
    assert _names(FileRecord) == [*models.FileResult.model_fields, "counts"]


# Directives, a learning point, a near-duplicate and whole-document findings: every path the
# records take through suppression and the document rules.
TEXT = """# Review

<!-- smartlint: file-ignore EV -->

## Recommendations

1. The Board should ensure that all agencies review training on neglect by 31 March 2026.
2. Lessons should be learned. <!-- smartlint: ignore SP001 -- deliberate -->
3. The Police should review their procedure for responding to missed health appointments by 31 March 2026.
4. Children's Social Care should review its procedure for responding to missed health appointments by 31 March 2026.
<!-- smartlint: disable TM -->
5. Relevant practitioners should consider disguised compliance.
<!-- smartlint: enable TM -->
<!-- smartlint: learning-point -- a change of culture -->
6. Practitioners should be more curious.
7. <!-- smartlint: ignore OW001 --> The Partnership will audit 20 cases by June 2026.
"""


@pytest.fixture(scope="module")
def light_and_model(tmp_path_factory):
    path = tmp_path_factory.mktemp("records") / "review.md"
    path.write_text(TEXT, encoding="utf-8")
    light = Session(isolated=True, light=True).lint_file(path)
    model = Session(isolated=True).lint_file(path)
    return light, model


def test_light_results_convert_to_the_library_results(light_and_model):
    light, model = light_and_model
    assert isinstance(light, FileRecord)
    assert to_model(light) == model
    assert to_model(light).model_dump_json() == model.model_dump_json()
    assert model.suppressed and model.findings  # the example exercises suppression and document rules


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "html"])
def test_light_report_renders_like_the_pydantic_report(light_and_model, fmt):
    light, model = light_and_model
    light_report, model_report = build_report([light, light]), build_report([model, model])
    assert isinstance(light_report, ReportRecord)
    assert report_model(light_report).summary == model_report.summary
    assert render(light_report, fmt) == render(model_report, fmt)


def test_quiet_text_and_statistics_read_light_results(light_and_model):
    from smartlint.formatters import render_statistics

    light, model = light_and_model
    assert render(build_report([light]), "text", quiet=True) == render(build_report([model]), "text", quiet=True)
    assert render_statistics(build_report([light])) == render_statistics(build_report([model]))


def test_a_file_spooled_to_disk_reads_back_whole_and_in_order(monkeypatch):
    monkeypatch.setattr(spool, "BATCH", 2)
    monkeypatch.setattr(spool, "IN_MEMORY", 4)
    text = "".join(f"{n}. The Board should review item {n} by 31 March 2026.\n" for n in range(1, 12))
    from smartlint.engine import Linter
    from smartlint.readers import read_text_document

    linter = Linter()
    light = linter.check_document(read_text_document(text, "many.md", "md"))
    assert light.recommendations._spool._file is not None  # the test covers the disk
    assert [r.index for r in light.recommendations] == list(range(1, 12))
    assert [r.index for r in light.recommendations] == list(range(1, 12))  # read twice
    assert to_model(light) == lint_text(text, path="many.md")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_a_light_run_where_every_file_failed_renders_like_the_pydantic_run(fmt):
    from smartlint.models import FileError
    from smartlint.records import FileErrorRecord

    light = build_report([], [FileErrorRecord("bad.docx", "bad.docx: is damaged")])
    model = build_report([], [FileError(path="bad.docx", message="bad.docx: is damaged")])
    assert render(light, fmt) == render(model, fmt)
