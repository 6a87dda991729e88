"""Light result records for the `check` path: slotted dataclasses with the field names of the
pydantic models in smartlint.models, so the formatters read either, and `to_model` converts
them at the library-API boundary.

A pydantic instance carries a __dict__ and a fields-set; at 100,000 recommendations with four
findings each that alone is gigabytes. These records hold the same values in slots, and
`pack`/`unpack` turn a recommendation into plain tuples that `marshal` can write to a spool.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from smartlint.vocabulary import Criterion, Severity


@dataclass(slots=True)
class SpanRecord:
    start: int
    end: int


@dataclass(slots=True)
class FindingRecord:
    code: str
    name: str
    criterion: Criterion
    severity: Severity
    message: str
    quote: str | None
    span: SpanRecord | None
    suggestion: str | None
    recommendation_id: str | None
    line: int
    column: int
    ref: str | None
    suppressed_by: str | None = None


@dataclass(slots=True)
class RecommendationRecord:
    id: str
    index: int
    text: str
    line: int
    column: int
    end_line: int
    ref: str | None
    learning_point: str | None
    assessment: Any  # models.Assessment (the analyzers return its pydantic parts)
    profile: Any  # models.Profile
    findings: list[FindingRecord] = field(default_factory=list)


def position_key(finding: Any) -> tuple[int, int, str]:
    """Findings are reported in document order, then by code."""
    return finding.line, finding.column, finding.code


# ---- packing for the spool: plain tuples of str/int/None, which marshal writes fast -------------

_CRITERIA = {c.value: c for c in Criterion}
_SEVERITIES = {s.value: s for s in Severity}


def pack_finding(f: FindingRecord) -> tuple:
    span = (f.span.start, f.span.end) if f.span is not None else None
    return (f.code, f.name, f.criterion.value, f.severity.value, f.message, f.quote, span, f.suggestion,
            f.recommendation_id, f.line, f.column, f.ref, f.suppressed_by)


def unpack_finding(t: tuple) -> FindingRecord:
    code, name, criterion, severity, message, quote, span, suggestion, rec_id, line, column, ref, by = t
    return FindingRecord(code, name, _CRITERIA[criterion], _SEVERITIES[severity], message, quote,
                         SpanRecord(*span) if span is not None else None, suggestion, rec_id, line, column, ref, by)


def _pack_assessment(a: Any) -> tuple | None:
    if a is None:
        return None
    t = a.timescale
    due = t.due.toordinal() if t.due is not None else None
    return ((a.owner.status, a.owner.text), (t.status, t.text, due),
            (a.measurable.status, a.measurable.kind, a.measurable.text),
            (a.specific.status, list(a.specific.reasons)), (a.evidence.status, a.evidence.text), a.score)


def _unpack_assessment(t: tuple | None) -> Any:
    if t is None:
        return None
    from smartlint.models import (
        Assessment,
        EvidenceAssessment,
        MeasurableAssessment,
        OwnerAssessment,
        SpecificAssessment,
        TimescaleAssessment,
        trusted,
    )

    owner, timescale, measurable, specific, evidence, score = t
    due = date.fromordinal(timescale[2]) if timescale[2] is not None else None
    return trusted(
        Assessment,
        owner=trusted(OwnerAssessment, status=owner[0], text=owner[1]),
        timescale=trusted(TimescaleAssessment, status=timescale[0], text=timescale[1], due=due),
        measurable=trusted(MeasurableAssessment, status=measurable[0], kind=measurable[1], text=measurable[2]),
        specific=trusted(SpecificAssessment, status=specific[0], reasons=specific[1]),
        evidence=trusted(EvidenceAssessment, status=evidence[0], text=evidence[1]),
        score=score,
    )


def _pack_profile(p: Any) -> tuple | None:
    return None if p is None else (list(p.themes), p.remedy, list(p.agencies))


def _unpack_profile(t: tuple | None) -> Any:
    if t is None:
        return None
    from smartlint.models import Profile, trusted

    return trusted(Profile, themes=t[0], remedy=t[1], agencies=t[2])


def pack(rec: RecommendationRecord) -> tuple:
    """`rec` as nested tuples of plain values (its findings packed too)."""
    return (rec.id, rec.index, rec.text, rec.line, rec.column, rec.end_line, rec.ref, rec.learning_point,
            _pack_assessment(rec.assessment), _pack_profile(rec.profile), [pack_finding(f) for f in rec.findings])


def unpack(t: tuple) -> RecommendationRecord:
    rec_id, index, text, line, column, end_line, ref, learning, assessment, profile, findings = t
    return RecommendationRecord(rec_id, index, text, line, column, end_line, ref, learning,
                                _unpack_assessment(assessment), _unpack_profile(profile),
                                [unpack_finding(f) for f in findings])


# ---- conversion to the public pydantic models ---------------------------------------------------


def finding_model(f: Any) -> Any:
    from smartlint.models import Finding, Span, trusted

    if not isinstance(f, FindingRecord):
        return f
    span = trusted(Span, start=f.span.start, end=f.span.end) if f.span is not None else None
    return trusted(Finding, code=f.code, name=f.name, criterion=f.criterion, severity=f.severity, message=f.message,
                   quote=f.quote, span=span, suggestion=f.suggestion, recommendation_id=f.recommendation_id,
                   line=f.line, column=f.column, ref=f.ref, suppressed_by=f.suppressed_by)


def recommendation_model(r: Any) -> Any:
    from smartlint.models import Recommendation, trusted

    if not isinstance(r, RecommendationRecord):
        return r
    return trusted(Recommendation, id=r.id, index=r.index, text=r.text, line=r.line, column=r.column,
                   end_line=r.end_line, ref=r.ref, learning_point=r.learning_point, assessment=r.assessment,
                   profile=r.profile, findings=[finding_model(f) for f in r.findings])
