"""The corpus report as data (pydantic): what `smartlint report --format json` prints."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from smartlint.models import FileError, Relevance, ToolInfo

REPORT_SCHEMA_VERSION = 1

# The scorecard columns: key -> heading. Percentages of the assessed recommendations.
SCORECARD = {
    "owner_named": "Owner named",
    "concrete_timescale": "Concrete timescale",
    "measurable": "Measurable",
    "specific": "Specific",
    "cited": "Evidence cited",
}
NO_AGENCY = "none"
NO_AGENCY_LABEL = "No agency named"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Scorecard(_Model):
    """SMART scorecard: the percentage of assessed recommendations with each quality."""

    assessed: int = 0
    owner_named: float | None = None
    concrete_timescale: float | None = None
    measurable: float | None = None
    specific: float | None = None
    cited: float | None = None
    counts: dict[str, int] = Field(default_factory=dict, description="The numbers behind the percentages.")


class DuplicatePairInfo(_Model):
    earlier: str = Field(description="Id of the earlier recommendation.")
    later: str = Field(description="Id of the later one, which repeats it.")
    similarity: float
    kind: str = Field(description="'wording' (near-identical text) or 'agencies' (same action, another owner).")


class DocumentStats(_Model):
    path: str
    format: str
    recommendations: int
    learning_points: int = 0
    agencies: dict[str, int] = Field(description="Agency category -> recommendations addressed to it ('none': no agency named).")
    remedies: dict[str, int] = Field(description="Remedy kind -> recommendations.")
    themes: dict[str, int] = Field(description="Theme -> recommendations addressing it (themes with none are left out).")
    finding_themes: list[str] = Field(default_factory=list, description="Themes raised in the review's findings.")
    scorecard: Scorecard | None = None
    duplicates: int = Field(0, description="Recommendations that repeat an earlier one.")
    duplicate_pairs: list[DuplicatePairInfo] = Field(default_factory=list)
    findings: int = Field(0, description="Findings found in the review's findings section.")
    unanswered_findings: list[str] = Field(default_factory=list, description="Ids of findings no recommendation answers.")
    relevance: Relevance | None = None
    notes: list[str] = Field(default_factory=list)


class ThemeRow(_Model):
    key: str
    label: str
    group: str
    documents: int = Field(description="Documents with at least one recommendation on the theme.")
    recommendations: int
    raised_not_recommended: int = Field(
        description="Documents whose findings raise the theme while no recommendation addresses it."
    )


class AgencyRow(_Model):
    key: str
    label: str
    recommendations: int
    documents: int
    share: float = Field(description="Percentage of all recommendations.")


class RemedyRow(_Model):
    key: str
    label: str
    recommendations: int
    share: float


class Bucket(_Model):
    label: str
    low: int
    high: int | None
    documents: int


class Distribution(_Model):
    documents: int = 0
    total: int = 0
    min: int | None = None
    max: int | None = None
    mean: float | None = None
    median: float | None = None
    buckets: list[Bucket] = Field(default_factory=list)


class CorpusReport(_Model):
    schema_version: int = REPORT_SCHEMA_VERSION
    tool: ToolInfo
    documents: list[DocumentStats]
    errors: list[FileError] = Field(default_factory=list)
    agencies: list[AgencyRow]
    themes: list[ThemeRow]
    remedies: list[RemedyRow]
    distribution: Distribution
    scorecard: Scorecard
    duplicates: int = 0
    labels: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Display labels: {'agencies': {key: label}, 'remedies': ..., 'themes': ...}."
    )
