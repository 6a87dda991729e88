"""The results smartlint returns: pydantic models that serialise to the published JSON Schema.

Spans are half-open, 0-based character offsets into the recommendation's text; lines and
columns are 1-based positions in the source file (for Word files the line is the paragraph
number; for spreadsheets `ref` names the cell).
"""

from __future__ import annotations

from datetime import date
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

# Re-exported: they were defined here first and are part of the public API.
from smartlint.vocabulary import (  # noqa: F401
    SCHEMA_VERSION,
    SMART_CRITERIA,
    Criterion,
    Severity,
    smart_score,
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


_M = TypeVar("_M", bound=_Model)
_object_setattr = object.__setattr__
_ALL_FIELDS: dict[type[BaseModel], set[str]] = {}


def trusted(cls: type[_M], /, **values: object) -> _M:
    """An instance of `cls` from values the engine built itself, without validation.

    Like `model_construct` with every field given, but several times cheaper and about half the
    memory: instances of a class share one fields-set (it holds every field name, so pydantic's
    add-on-assignment never changes it). Every field must be passed.
    """
    fields_set = _ALL_FIELDS.get(cls)
    if fields_set is None:
        fields_set = _ALL_FIELDS[cls] = set(cls.model_fields)
    return rebuild(cls, values, fields_set)


def rebuild(cls: type[_M], values: dict, fields_set: set[str]) -> _M:
    """An instance of `cls` holding exactly these field values and fields-set, not validated
    (for `trusted`, and for results unpickled from a worker process)."""
    obj = cls.__new__(cls)
    _object_setattr(obj, "__dict__", values)
    _object_setattr(obj, "__pydantic_fields_set__", fields_set)
    _object_setattr(obj, "__pydantic_extra__", None)
    _object_setattr(obj, "__pydantic_private__", None)
    return obj


def share_fields_set(model: _Model) -> None:
    """Let a validated model that has every field set share its class's fields-set (memory)."""
    cls = type(model)
    fields_set = _ALL_FIELDS.get(cls)
    if fields_set is None:
        fields_set = _ALL_FIELDS[cls] = set(cls.model_fields)
    if model.__pydantic_fields_set__ == fields_set:
        _object_setattr(model, "__pydantic_fields_set__", fields_set)


class Span(_Model):
    """Half-open character range [start, end) in the recommendation's text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Finding(_Model):
    code: str = Field(description="Rule code, e.g. OW001; never reused.")
    name: str = Field(description="Kebab-case rule name, e.g. missing-owner.")
    criterion: Criterion
    severity: Severity
    message: str
    quote: str | None = Field(
        default=None, description="The words judged, exactly as they appear in the recommendation text."
    )
    span: Span | None = Field(
        default=None,
        description="Where the quote sits in the recommendation text; null when the finding is about the whole recommendation or document.",
    )
    suggestion: str | None = None
    recommendation_id: str | None = None
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    ref: str | None = Field(default=None, description="Format-specific location, e.g. a spreadsheet cell 'Plan!D7'.")
    suppressed_by: str | None = Field(default=None, description="The directive that suppressed this finding, when shown.")


class OwnerAssessment(_Model):
    status: Literal["named", "generic", "missing"]
    text: str | None = None


class TimescaleAssessment(_Model):
    status: Literal["concrete", "vague", "missing"]
    text: str | None = None
    due: date | None = None


class MeasurableAssessment(_Model):
    status: Literal["measurable", "unmeasurable"]
    kind: Literal["outcome", "output"] | None = None
    text: str | None = None


class SpecificAssessment(_Model):
    status: Literal["specific", "unspecific"]
    reasons: list[str] = Field(default_factory=list)


class EvidenceAssessment(_Model):
    status: Literal["cited", "uncited"]
    text: str | None = None


class Assessment(_Model):
    owner: OwnerAssessment
    timescale: TimescaleAssessment
    measurable: MeasurableAssessment
    specific: SpecificAssessment
    evidence: EvidenceAssessment
    score: int = Field(ge=0, le=5, description="One point each for S, M, A (owner named), T (concrete), E.")

    @classmethod
    def build(
        cls,
        owner: OwnerAssessment,
        timescale: TimescaleAssessment,
        measurable: MeasurableAssessment,
        specific: SpecificAssessment,
        evidence: EvidenceAssessment,
    ) -> Assessment:
        score = smart_score(owner, timescale, measurable, specific, evidence)
        parts = (owner, timescale, measurable, specific, evidence)
        if all(type(part) is kind for part, kind in zip(parts, _ASSESSMENT_PARTS)):
            # already validated models: share their fields-sets, skip revalidating them
            for part in parts:
                share_fields_set(part)
            return trusted(
                cls, owner=owner, timescale=timescale, measurable=measurable, specific=specific, evidence=evidence, score=score
            )
        return cls(
            owner=owner, timescale=timescale, measurable=measurable, specific=specific, evidence=evidence, score=score
        )


_ASSESSMENT_PARTS = (OwnerAssessment, TimescaleAssessment, MeasurableAssessment, SpecificAssessment, EvidenceAssessment)


class Profile(_Model):
    """What a recommendation is about, for whole-document and corpus analysis."""

    themes: list[str] = Field(default_factory=list, description="Theme keys from the theme lexicons.")
    remedy: str | None = Field(default=None, description="The kind of remedy, e.g. training, procedure, supervision.")
    agencies: list[str] = Field(default_factory=list, description="Agency categories named as owners or addressees.")


class ReviewFinding(_Model):
    """A finding of the review itself (from its findings section), which recommendations should answer."""

    id: str
    title: str
    line: int = Field(ge=1)
    themes: list[str] = Field(default_factory=list)


class Relevance(_Model):
    findings: list[ReviewFinding] = Field(default_factory=list)
    links: dict[str, list[str]] = Field(
        default_factory=dict, description="Recommendation id -> ids of the review findings it answers."
    )
    no_recommendation_statement: bool = Field(
        default=False, description="The document says that some findings get no recommendation."
    )


class Recommendation(_Model):
    id: str = Field(description="The author's numbering ('3', 'R3', '3.2', '(a)'), else the position.")
    index: int = Field(ge=1, description="1-based position among the file's recommendations.")
    text: str
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    ref: str | None = None
    learning_point: str | None = Field(
        default=None, description="The reason given when the author marked this a deliberate learning point."
    )
    assessment: Assessment | None = None
    profile: Profile | None = None
    findings: list[Finding] = Field(default_factory=list)


class FileSummary(_Model):
    recommendations: int = 0
    findings: int = 0
    by_severity: dict[str, int] = Field(default_factory=dict)
    by_criterion: dict[str, int] = Field(default_factory=dict)
    suppressed: int = 0


class FileResult(_Model):
    path: str
    format: str
    document_date: date | None = None
    recommendations: list[Recommendation] = Field(default_factory=list)
    findings: list[Finding] = Field(
        default_factory=list, description="Findings about the whole document, tied to no single recommendation."
    )
    suppressed: list[Finding] = Field(default_factory=list)
    relevance: Relevance | None = None
    notes: list[str] = Field(default_factory=list)
    summary: FileSummary = Field(default_factory=FileSummary)

    def all_findings(self) -> list[Finding]:
        """Every reported finding of the file, in document order."""
        found = [f for rec in self.recommendations for f in rec.findings] + self.findings
        return sorted(found, key=lambda f: (f.line, f.column, f.code))


class ToolInfo(_Model):
    name: str = "smartlint"
    version: str


class RunSummary(_Model):
    files: int = 0
    recommendations: int = 0
    findings: int = 0
    by_severity: dict[str, int] = Field(default_factory=dict)
    by_code: dict[str, int] = Field(default_factory=dict)


class FileError(_Model):
    path: str
    message: str


class LintReport(_Model):
    """The top level of `--format json`."""

    schema_version: int = SCHEMA_VERSION
    tool: ToolInfo
    files: list[FileResult]
    errors: list[FileError] = Field(default_factory=list, description="Files that could not be read.")
    summary: RunSummary
