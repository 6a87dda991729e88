"""The words results are labelled with: severities and criteria (no pydantic, so the engine and
rules can use them without loading it)."""

from enum import StrEnum

SCHEMA_VERSION = 1


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Criterion(StrEnum):
    SPECIFIC = "specific"
    MEASURABLE = "measurable"
    OWNER = "owner"
    TIMESCALE = "timescale"
    RELEVANT = "relevant"
    EVIDENCE = "evidence"
    DOCUMENT = "document"


SMART_CRITERIA = frozenset(
    {
        Criterion.SPECIFIC,
        Criterion.MEASURABLE,
        Criterion.OWNER,
        Criterion.TIMESCALE,
        Criterion.RELEVANT,
        Criterion.EVIDENCE,
    }
)
