"""Hand-built LintReports for the formatter tests (independent of the engine)."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import jsonschema

from smartlint.models import (
    Assessment,
    Criterion,
    EvidenceAssessment,
    FileError,
    FileResult,
    FileSummary,
    Finding,
    LintReport,
    MeasurableAssessment,
    OwnerAssessment,
    Recommendation,
    RunSummary,
    Severity,
    Span,
    SpecificAssessment,
    TimescaleAssessment,
    ToolInfo,
)
from smartlint.rule import RuleMeta

DATA = Path(__file__).resolve().parent.parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"


def assessment(
    *,
    owner: str = "named",
    timescale: str = "concrete",
    measurable: str = "measurable",
    specific: str = "specific",
    evidence: str = "cited",
) -> Assessment:
    return Assessment.build(
        owner=OwnerAssessment(status=owner),
        timescale=TimescaleAssessment(status=timescale),
        measurable=MeasurableAssessment(status=measurable),
        specific=SpecificAssessment(status=specific),
        evidence=EvidenceAssessment(status=evidence),
    )


def summarise(files: list[FileResult], version: str = "0.1.0", errors: list[FileError] = ()) -> LintReport:
    """A report whose file and run summaries agree with its findings, as the engine's would."""
    run_severity: Counter[str] = Counter()
    run_code: Counter[str] = Counter()
    recommendations = 0
    for file in files:
        found = file.all_findings()
        by_severity = Counter(str(f.severity.value) for f in found)
        by_criterion = Counter(str(f.criterion.value) for f in found)
        file.summary = FileSummary(
            recommendations=len(file.recommendations),
            findings=len(found),
            by_severity=dict(by_severity),
            by_criterion=dict(by_criterion),
            suppressed=len(file.suppressed),
        )
        run_severity.update(by_severity)
        run_code.update(f.code for f in found)
        recommendations += len(file.recommendations)
    return LintReport(
        tool=ToolInfo(version=version),
        files=files,
        errors=list(errors),
        summary=RunSummary(
            files=len(files),
            recommendations=recommendations,
            findings=sum(run_severity.values()),
            by_severity=dict(run_severity),
            by_code=dict(run_code),
        ),
    )


REC1_TEXT = (
    "The procedures for sharing information between agencies should be reviewed regularly so that "
    "practitioners understand what is expected of them when a child is missing from education."
)
REC2_TEXT = (
    "The Safeguarding Partnership will publish revised guidance on home visits by 31 March 2026 and "
    "audit 20 case files by September 2026 to check it is followed (see finding 4)."
)
REC3_TEXT = "All agencies should reflect on the importance of listening to the child."
REC4_TEXT = "Professionals must always consider the wider family."


def missing_owner(line: int = 12, column: int = 5, rec_id: str = "1") -> Finding:
    return Finding(
        code="OW001",
        name="missing-owner",
        criterion=Criterion.OWNER,
        severity=Severity.WARNING,
        message="No one is named to do this",
        quote="should be reviewed",
        span=Span(start=58, end=76),
        suggestion="Name who will do this: 'The Safeguarding Partnership will ...'",
        recommendation_id=rec_id,
        line=line,
        column=column,
    )


def sample_files() -> list[FileResult]:
    rec1 = Recommendation(
        id="1",
        index=1,
        text=REC1_TEXT,
        line=12,
        column=1,
        end_line=13,
        assessment=assessment(owner="missing", timescale="vague", specific="unspecific", evidence="uncited"),
        findings=[
            missing_owner(),
            Finding(
                code="TS002",
                name="vague-timescale",
                criterion=Criterion.TIMESCALE,
                severity=Severity.WARNING,
                message="'regularly' gives no deadline",
                quote="regularly",
                span=Span(start=77, end=86),
                suggestion="Add a deadline: 'by 31 March 2026'",
                recommendation_id="1",
                line=12,
                column=75,
            ),
            Finding(
                code="EV001",
                name="no-evidence-cited",
                criterion=Criterion.EVIDENCE,
                severity=Severity.INFO,
                message="No finding of the review is cited in support of this recommendation.",
                suggestion="Point to the finding it answers: '(see finding 3)'",
                recommendation_id="1",
                line=12,
                column=1,
            ),
        ],
    )
    rec2 = Recommendation(
        id="2", index=2, text=REC2_TEXT, line=15, column=1, end_line=16, assessment=assessment()
    )
    rec3 = Recommendation(
        id="3",
        index=3,
        text=REC3_TEXT,
        line=18,
        column=1,
        end_line=18,
        learning_point="a reflection for practice, not an action",
    )
    rec4 = Recommendation(
        id="R4",
        index=4,
        text=REC4_TEXT,
        line=20,
        column=1,
        end_line=20,
        assessment=assessment(owner="generic", timescale="missing", measurable="unmeasurable"),
        findings=[
            Finding(
                code="OW002",
                name="generic-owner",
                criterion=Criterion.OWNER,
                severity=Severity.ERROR,
                message="'Professionals' is a profession, not someone accountable for the change.",
                quote="Professionals",
                span=Span(start=0, end=13),
                suggestion="Name the organisation: 'Children's Social Care will ...'",
                recommendation_id="R4",
                line=20,
                column=4,
            )
        ],
    )
    draft = FileResult(
        path="reviews/draft.md",
        format="md",
        recommendations=[rec1, rec2, rec3, rec4],
        findings=[
            Finding(
                code="DC001",
                name="unnumbered-recommendations",
                criterion=Criterion.DOCUMENT,
                severity=Severity.INFO,
                message="The recommendations are not numbered, so action plans cannot refer to them.",
                suggestion="Number each recommendation: '1.', '2.', ...",
                line=10,
                column=1,
            )
        ],
        suppressed=[
            Finding(
                code="TS001",
                name="missing-timescale",
                criterion=Criterion.TIMESCALE,
                severity=Severity.WARNING,
                message="No deadline is given.",
                suggestion="Add a deadline: 'by 31 March 2026'",
                recommendation_id="3",
                line=18,
                column=1,
                suppressed_by="smartlint: learning-point",
            )
        ],
    )
    empty = FileResult(path="reviews/empty.md", format="md", notes=["no recommendations found"])
    plan = FileResult(
        path="plans\\action plan.xlsx",
        format="xlsx",
        recommendations=[
            Recommendation(
                id="5",
                index=1,
                text="Review the escalation policy.",
                line=7,
                column=4,
                end_line=7,
                ref="Plan!D7",
                assessment=assessment(owner="missing", timescale="missing", evidence="uncited"),
                findings=[
                    missing_owner(line=7, column=4, rec_id="5").model_copy(
                        update={"quote": "Review", "span": Span(start=0, end=6), "ref": "Plan!D7"}
                    )
                ],
            )
        ],
    )
    return [draft, empty, plan]


def sample_report() -> LintReport:
    unreadable = FileError(path="reviews/broken.docx", message="It is not a Word document, or it is damaged.")
    return summarise(sample_files(), errors=[unreadable])


def rule(code: str, name: str, criterion: Criterion, severity: Severity = Severity.WARNING) -> RuleMeta:
    return RuleMeta(
        code=code,
        name=name,
        criterion=criterion,
        severity=severity,
        summary=f"Flags recommendations with a {name.replace('-', ' ')}.",
        rationale="Working Together (2010) asks for SMART recommendations; Brandon et al. (2011) found few were.",
        fix="Say who will do it, by when, and how completion will be known.",
        bad=("Procedures should be reviewed.",),
        good=("The Safeguarding Partnership will review the procedures by 31 March 2026.",),
    )


def sample_rules() -> list[RuleMeta]:
    """Metadata for the sample's codes, except EV001 (to exercise the fallback descriptor)."""
    return [
        rule("OW001", "missing-owner", Criterion.OWNER),
        rule("OW002", "generic-owner", Criterion.OWNER, Severity.ERROR),
        rule("TS001", "missing-timescale", Criterion.TIMESCALE),
        rule("TS002", "vague-timescale", Criterion.TIMESCALE),
        rule("DC001", "unnumbered-recommendations", Criterion.DOCUMENT, Severity.INFO),
    ]


UPDATE_GOLDEN_ENV = "SMARTLINT_UPDATE_GOLDEN"


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/formatters/golden/<name>; SMARTLINT_UPDATE_GOLDEN=1 rewrites the file."""
    import os

    path = GOLDEN / name
    if os.environ.get(UPDATE_GOLDEN_ENV) == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"missing golden file {path}; run with {UPDATE_GOLDEN_ENV}=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} differs from its golden file; run with {UPDATE_GOLDEN_ENV}=1 if intended"


# RFC 3986 URI-reference characters (the jsonschema format checker skips "uri-reference"
# unless optional packages are installed, so check the shape here).
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$")


@cache
def sarif_validator():
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_sarif_valid(log: dict) -> None:
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    for run in log["runs"]:
        for result in run["results"]:
            for location in result["locations"]:
                assert URI_REFERENCE.match(location["physicalLocation"]["artifactLocation"]["uri"])
