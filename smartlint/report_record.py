"""The run's report for the `check` path: models.LintReport's fields in light records, summed
from each file's counts (file_records.FindingCounts) without reading its recommendations again."""

from __future__ import annotations

from typing import Any

from smartlint.file_records import PlainRecord
from smartlint.vocabulary import SCHEMA_VERSION


class ToolRecord(PlainRecord):
    __slots__ = __record_fields__ = ("name", "version")

    def __init__(self, name: str, version: str) -> None:
        self.name = name
        self.version = version


class RunSummaryRecord(PlainRecord):
    __slots__ = __record_fields__ = ("files", "recommendations", "findings", "by_severity", "by_code")

    def __init__(self, files: int = 0, recommendations: int = 0, findings: int = 0,
                 by_severity: dict[str, int] | None = None, by_code: dict[str, int] | None = None) -> None:
        self.files = files
        self.recommendations = recommendations
        self.findings = findings
        self.by_severity: dict[str, int] = {} if by_severity is None else by_severity
        self.by_code: dict[str, int] = {} if by_code is None else by_code


class ReportRecord(PlainRecord):
    __slots__ = __record_fields__ = ("schema_version", "tool", "files", "errors", "summary")

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
