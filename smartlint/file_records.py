"""One file's results as the `check` path holds them: recommendations in a spool (read back one
at a time), the rest in light records. Field names follow models.FileResult, so formatters read
either; `to_model` gives the pydantic FileResult the library API returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import field
from datetime import date
from typing import Any

from smartlint.records import FindingRecord, RecommendationRecord, pack_finding, position_key, to_pydantic, unpack
from smartlint.slotted import Record, described_with_slots
from smartlint.spool import Spool


@described_with_slots
class FindingCounts(Record):
    """Counts of reported findings, by severity, criterion and code. Severities and criteria are
    kept in the order a sorted list of the findings would first show them, as Counter would."""

    total: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    by_criterion: dict[str, int] = field(default_factory=dict)
    by_code: dict[str, int] = field(default_factory=dict)
    _first: dict[tuple[str, str], tuple] = field(default_factory=dict)  # (kind, value) -> earliest key

    def __init__(self, total: int = 0, by_severity: dict[str, int] | None = None, by_criterion: dict[str, int] | None = None,
                 by_code: dict[str, int] | None = None, _first: dict[tuple[str, str], tuple] | None = None) -> None:
        self.total = total
        self.by_severity: dict[str, int] = {} if by_severity is None else by_severity
        self.by_criterion: dict[str, int] = {} if by_criterion is None else by_criterion
        self.by_code: dict[str, int] = {} if by_code is None else by_code
        self._first: dict[tuple[str, str], tuple] = {} if _first is None else _first  # (kind, value) -> earliest key

    def add(self, findings: Iterable[FindingRecord]) -> None:
        """Count these findings (the records' path: files with suppression directives, document rules)."""
        self.add_packed(map(pack_finding, findings))

    def add_packed(self, findings: Iterable[tuple]) -> None:
        """Count findings packed as records.pack_finding packs them (severity and criterion as
        their values' text)."""
        first = self._first
        by_severity, by_criterion, by_code = self.by_severity, self.by_criterion, self.by_code
        total = self.total
        for code, _, criterion, severity, _, _, _, _, _, line, column, _, _ in findings:
            total += 1
            key = (line, column, code)
            by_severity[severity] = by_severity.get(severity, 0) + 1
            seen = first.get(("s", severity))
            if seen is None or key < seen:
                first[("s", severity)] = key
            by_criterion[criterion] = by_criterion.get(criterion, 0) + 1
            seen = first.get(("c", criterion))
            if seen is None or key < seen:
                first[("c", criterion)] = key
            by_code[code] = by_code.get(code, 0) + 1
        self.total = total

    def ordered(self, kind: str) -> dict[str, int]:
        counts = self.by_severity if kind == "s" else self.by_criterion
        return {value: counts[value] for value in sorted(counts, key=lambda v: self._first[(kind, v)])}


@described_with_slots
class FileSummaryRecord(Record):
    recommendations: int = 0
    findings: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    by_criterion: dict[str, int] = field(default_factory=dict)
    suppressed: int = 0

    def __init__(self, recommendations: int = 0, findings: int = 0, by_severity: dict[str, int] | None = None,
                 by_criterion: dict[str, int] | None = None, suppressed: int = 0) -> None:
        self.recommendations = recommendations
        self.findings = findings
        self.by_severity: dict[str, int] = {} if by_severity is None else by_severity
        self.by_criterion: dict[str, int] = {} if by_criterion is None else by_criterion
        self.suppressed = suppressed


class SpooledRecommendations:
    """The file's recommendations, read back from the spool in order each time it is iterated,
    each with the whole-document findings that concern it merged in."""

    __slots__ = ("_spool", "_extra")

    def __init__(self, spool: Spool, extra: dict[int, list[FindingRecord]]) -> None:
        self._spool = spool
        self._extra = extra

    def __len__(self) -> int:
        return len(self._spool)

    def __bool__(self) -> bool:
        return len(self._spool) > 0

    def __iter__(self) -> Iterator[RecommendationRecord]:
        extra = self._extra
        for packed in self._spool:
            rec = unpack(packed)
            more = extra.get(rec.index)
            if more:
                rec.findings = sorted(rec.findings + more, key=position_key)
            yield rec

    def packed(self) -> Iterator[Any]:
        """The recommendations as the spool holds them (records.pack's tuples), for writers that
        read those directly; one with whole-document findings to merge in comes as its record,
        merged as `iter` gives it."""
        extra = self._extra
        if not extra:
            yield from self._spool
            return
        for packed in self._spool:
            more = extra.get(packed[1])
            if more:
                rec = unpack(packed)
                rec.findings = sorted(rec.findings + more, key=position_key)
                yield rec
            else:
                yield packed


class AllFindings:
    """Every reported finding of a file in document order, sorted when first iterated; `severities`
    answers "is anything at or above this severity?" without reading the spool."""

    __slots__ = ("_file", "severities")

    def __init__(self, file: FileRecord) -> None:
        self._file = file
        self.severities = frozenset(file.counts.by_severity)

    def __iter__(self) -> Iterator[FindingRecord]:
        found = [f for rec in self._file.recommendations for f in rec.findings] + self._file.findings
        return iter(sorted(found, key=position_key))


@described_with_slots
class FileRecord(Record):
    path: str
    format: str
    document_date: date | None
    recommendations: Any  # SpooledRecommendations, or a list once materialised
    findings: list[FindingRecord]
    suppressed: list[FindingRecord]
    relevance: Any  # models.Relevance
    notes: list[str]
    summary: FileSummaryRecord
    counts: FindingCounts  # not part of the report: what the summary and exit code are made from

    def __init__(self, path: str, format: str, document_date: date | None, recommendations: Any,
                 findings: list[FindingRecord], suppressed: list[FindingRecord], relevance: Any, notes: list[str],
                 summary: FileSummaryRecord, counts: FindingCounts) -> None:
        self.path = path
        self.format = format
        self.document_date = document_date
        self.recommendations = recommendations  # SpooledRecommendations, or a list once materialised
        self.findings = findings
        self.suppressed = suppressed
        self.relevance = relevance  # models.Relevance
        self.notes = notes
        self.summary = summary
        self.counts = counts

    def all_findings(self) -> AllFindings:
        return AllFindings(self)

    def materialised(self) -> FileRecord:
        """A copy holding its recommendations in a list (to send to another process)."""
        recs = list(self.recommendations)
        return FileRecord(self.path, self.format, self.document_date, recs, self.findings, self.suppressed,
                          self.relevance, self.notes, self.summary, self.counts)

    def close(self) -> None:
        spool = getattr(self.recommendations, "_spool", None)
        if spool is not None:
            spool.close()


def to_model(result: Any) -> Any:
    """The pydantic FileResult for a FileRecord (anything else is returned as it is)."""
    if not isinstance(result, FileRecord):
        return result
    from smartlint.models import FileResult, FileSummary, trusted

    s = result.summary
    return trusted(
        FileResult,
        path=result.path,
        format=result.format,
        document_date=result.document_date,
        recommendations=[to_pydantic(r) for r in result.recommendations],
        findings=to_pydantic(result.findings),
        suppressed=to_pydantic(result.suppressed),
        relevance=to_pydantic(result.relevance),
        notes=result.notes,
        summary=trusted(FileSummary, recommendations=s.recommendations, findings=s.findings, by_severity=s.by_severity,
                        by_criterion=s.by_criterion, suppressed=s.suppressed),
    )
