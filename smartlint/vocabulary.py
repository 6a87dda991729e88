"""The words results are labelled with: severities and criteria (no pydantic, so the engine and
rules can use them without loading it)."""

from enum import StrEnum
from typing import Any

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


def smart_score(owner: Any, timescale: Any, measurable: Any, specific: Any, evidence: Any) -> int:
    """How many of the five criteria an assessment's parts meet (its `score`, 0-5)."""
    return sum(
        (
            specific.status == "specific",
            measurable.status == "measurable",
            owner.status == "named",
            timescale.status == "concrete",
            evidence.status == "cited",
        )
    )
