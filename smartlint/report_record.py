"""The run's report for the `check` path: models.LintReport's fields in light records, summed
from each file's counts (file_records.FindingCounts) without reading its recommendations again."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from smartlint.slotted import Record, described_with_slots
from smartlint.vocabulary import SCHEMA_VERSION


@described_with_slots
class ToolRecord(Record):
    name: str
    version: str

    def __init__(self, name: str, version: str) -> None:
        self.name = name
        self.version = version


@described_with_slots
class RunSummaryRecord(Record):
    files: int = 0
    recommendations: int = 0
    findings: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    by_code: dict[str, int] = field(default_factory=dict)

    def __init__(self, files: int = 0, recommendations: int = 0, findings: int = 0,
                 by_severity: dict[str, int] | None = None, by_code: dict[str, int] | None = None) -> None:
        self.files = files
        self.recommendations = recommendations
        self.findings = findings
        self.by_severity: dict[str, int] = {} if by_severity is None else by_severity
        self.by_code: dict[str, int] = {} if by_code is None else by_code


@described_with_slots
class ReportRecord(Record):
    schema_version: int
    tool: ToolRecord
    files: list[Any]  # file_records.FileRecord
    errors: list[Any]  # models.FileError
    summary: RunSummaryRecord

    def __init__(self, schema_version: int, tool: ToolRecord, files: list[Any], errors: list[Any],
                 summary: RunSummaryRecord) -> None:
        self.schema_version = schema_version
        self.tool = tool
        self.files = files  # file_records.FileRecord
        self.errors = errors  # models.FileError
        self.summary = summary


def report_record(results: list[Any], errors: list[Any], version: str) -> ReportRecord:
    by_severity: dict[str, int] = {}  # in the order the files' sorted findings first show them
    by_code: dict[str, int] = {}
    for result in results:
        for severity, count in result.counts.ordered("s").items():
            by_severity[severity] = by_severity.get(severity, 0) + count
        for code, count in result.counts.by_code.items():
            by_code[code] = by_code.get(code, 0) + count
    summary = RunSummaryRecord(
        files=len(results),
        recommendations=sum(len(r.recommendations) for r in results),
        findings=sum(r.counts.total for r in results),
        by_severity=by_severity,
        by_code=dict(sorted(by_code.items())),
    )
    return ReportRecord(SCHEMA_VERSION, ToolRecord("smartlint", version), results, errors, summary)


def to_model(report: Any) -> Any:
    """The pydantic LintReport for a ReportRecord (anything else is returned as it is)."""
    if not isinstance(report, ReportRecord):
        return report
    from smartlint.file_records import to_model as file_model
    from smartlint.records import to_pydantic
    from smartlint.models import LintReport, RunSummary, ToolInfo, trusted

    s = report.summary
    return trusted(
        LintReport,
        schema_version=report.schema_version,
        tool=trusted(ToolInfo, name=report.tool.name, version=report.tool.version),
        files=[file_model(f) for f in report.files],
        errors=to_pydantic(report.errors),
        summary=trusted(RunSummary, files=s.files, recommendations=s.recommendations, findings=s.findings,
                        by_severity=s.by_severity, by_code=s.by_code),
    )
