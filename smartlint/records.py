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

from smartlint.vocabulary import Criterion, Severity, smart_score


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


@dataclass(slots=True)
class OwnerAssessment:
    status: str  # "named" | "generic" | "missing"
    text: str | None = None


@dataclass(slots=True)
class TimescaleAssessment:
    status: str  # "concrete" | "vague" | "missing"
    text: str | None = None
    due: date | None = None


@dataclass(slots=True)
class MeasurableAssessment:
    status: str  # "measurable" | "unmeasurable"
    kind: str | None = None  # "outcome" | "output"
    text: str | None = None


@dataclass(slots=True)
class SpecificAssessment:
    status: str  # "specific" | "unspecific"
    reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class EvidenceAssessment:
    status: str  # "cited" | "uncited"
    text: str | None = None


@dataclass(slots=True)
class AssessmentRecord:
    owner: Any
    timescale: Any
    measurable: Any
    specific: Any
    evidence: Any
    score: int

    @classmethod
    def build(cls, owner: Any, timescale: Any, measurable: Any, specific: Any, evidence: Any) -> AssessmentRecord:
        """The assessment from the five analyzers' results (records, or a plug-in's pydantic parts)."""
        score = smart_score(owner, timescale, measurable, specific, evidence)
        return cls(owner, timescale, measurable, specific, evidence, score)


@dataclass(slots=True)
class Profile:
    """What a recommendation is about (the "profile" analyzer's result; models.Profile's fields)."""

    themes: list[str] = field(default_factory=list)
    remedy: str | None = None
    agencies: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ReviewFinding:
    id: str
    title: str
    line: int
    themes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Relevance:
    findings: list[ReviewFinding] = field(default_factory=list)
    links: dict[str, list[str]] = field(default_factory=dict)
    no_recommendation_statement: bool = False


@dataclass(slots=True)
class FileErrorRecord:
    path: str
    message: str


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


def _unpack_assessment(t: tuple | None) -> AssessmentRecord | None:
    if t is None:
        return None
    owner, timescale, measurable, specific, evidence, score = t
    due = date.fromordinal(timescale[2]) if timescale[2] is not None else None
    return AssessmentRecord(
        OwnerAssessment(*owner),
        TimescaleAssessment(timescale[0], timescale[1], due),
        MeasurableAssessment(*measurable),
        SpecificAssessment(*specific),
        EvidenceAssessment(*evidence),
        score,
    )


def _pack_profile(p: Any) -> tuple | None:
    return None if p is None else (list(p.themes), p.remedy, list(p.agencies))


def _unpack_profile(t: tuple | None) -> Profile | None:
    return None if t is None else Profile(*t)


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

# Record class name -> model class name, where they differ.
_MODEL_NAMES = {"AssessmentRecord": "Assessment", "FindingRecord": "Finding", "SpanRecord": "Span",
                "RecommendationRecord": "Recommendation", "FileErrorRecord": "FileError"}


def to_pydantic(value: Any) -> Any:
    """`value` with every record in it (at any depth) replaced by the pydantic model of the same
    name and fields, built without validation (the engine made the values). Models and plain
    values are returned as they are."""
    if isinstance(value, list):
        return [to_pydantic(v) for v in value]
    if isinstance(value, dict):
        return {k: to_pydantic(v) for k, v in value.items()}
    fields = getattr(type(value), "__dataclass_fields__", None)
    if fields is None or type(value).__module__ != __name__:
        return value
    from smartlint import models

    name = type(value).__name__
    model = getattr(models, _MODEL_NAMES.get(name, name))
    return models.trusted(model, **{f: to_pydantic(getattr(value, f)) for f in fields})
