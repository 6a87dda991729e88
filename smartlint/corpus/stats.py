"""From lint results to the corpus tables: one DocumentStats per file, then the totals."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence

from smartlint.corpus.model import (
    NO_AGENCY,
    NO_AGENCY_LABEL,
    SCORECARD,
    AgencyRow,
    Bucket,
    CorpusReport,
    Distribution,
    DocumentStats,
    DuplicatePairInfo,
    RemedyRow,
    Scorecard,
    ThemeRow,
)
from smartlint.models import FileError, FileResult, Recommendation, ToolInfo

# Buckets of recommendations per document; Brandon et al. (2011) saw 10 to 94.
BUCKETS = ((0, 0), (1, 9), (10, 19), (20, 49), (50, 99), (100, None))


def _taxonomy():  # the categories live in the built-in pack's lexicons
    from smartlint_rules import themes

    return themes


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _card(counts: dict[str, int], assessed: int) -> Scorecard:
    return Scorecard(assessed=assessed, counts=counts, **{key: _percent(n, assessed) for key, n in counts.items()})


def scorecard(recommendations: Sequence[Recommendation]) -> Scorecard | None:
    """None when no recommendation was assessed (the SMART analyzers are not installed)."""
    assessed = [r.assessment for r in recommendations if r.assessment is not None]
    if not assessed and recommendations:
        return None
    counts = {
        "owner_named": sum(a.owner.status == "named" for a in assessed),
        "concrete_timescale": sum(a.timescale.status == "concrete" for a in assessed),
        "measurable": sum(a.measurable.status == "measurable" for a in assessed),
        "specific": sum(a.specific.status == "specific" for a in assessed),
        "cited": sum(a.evidence.status == "cited" for a in assessed),
    }
    return _card(counts, len(assessed))


def _owner_span(rec: Recommendation) -> tuple[tuple[int, int], ...]:
    owner = rec.assessment.owner.text if rec.assessment is not None else None
    if not owner:
        return ()
    at = rec.text.find(owner)
    return ((at, at + len(owner)),) if at >= 0 else ()


def document_stats(result: FileResult) -> DocumentStats:
    """The per-document row, computed from the lint result (and the duplicate finder)."""
    T = _taxonomy()
    from smartlint_rules.document import DupEntry, find_duplicates

    recs = result.recommendations
    agencies: Counter[str] = Counter()
    remedies: Counter[str] = Counter()
    themes: Counter[str] = Counter()
    for rec in recs:
        profile = rec.profile
        if profile is None:
            continue
        agencies.update(profile.agencies or [NO_AGENCY])
        remedies[profile.remedy or T.OTHER_REMEDY] += 1
        themes.update(profile.themes)
    entries = [
        DupEntry(rec.text, _owner_span(rec), tuple(rec.profile.agencies) if rec.profile else ()) for rec in recs
    ]
    pairs = find_duplicates(entries)
    relevance = result.relevance
    finding_themes: list[str] = []
    unanswered: list[str] = []
    if relevance is not None and relevance.findings:
        answered = {ident for ids in relevance.links.values() for ident in ids}
        unanswered = [f.id for f in relevance.findings if f.id not in answered]
        raised = {t for f in relevance.findings for t in f.themes}
        finding_themes = [k for k in T.themes().keys if k in raised]
    agency_keys = [*T.agencies().keys, NO_AGENCY]
    remedy_keys = list(T.remedy_keys())
    return DocumentStats(
        path=result.path,
        format=result.format,
        recommendations=len(recs),
        learning_points=sum(rec.learning_point is not None for rec in recs),
        agencies={k: agencies.get(k, 0) for k in agency_keys},
        remedies={k: remedies.get(k, 0) for k in remedy_keys},
        themes={k: themes[k] for k in T.themes().keys if themes.get(k)},
        finding_themes=finding_themes,
        scorecard=scorecard(recs),
        duplicates=len(pairs),
        duplicate_pairs=[
            DuplicatePairInfo(earlier=recs[p.first].id, later=recs[p.second].id, similarity=p.similarity, kind=p.kind)
            for p in pairs
        ],
        findings=len(relevance.findings) if relevance is not None else 0,
        unanswered_findings=unanswered,
        relevance=relevance if relevance is not None and relevance.findings else None,
        notes=list(result.notes),
    )


def _overall_scorecard(documents: Sequence[DocumentStats]) -> Scorecard:
    """Pooled over every assessed recommendation (not an average of the documents' percentages)."""
    counts: Counter[str] = Counter(dict.fromkeys(SCORECARD, 0))
    assessed = 0
    for doc in documents:
        if doc.scorecard is not None:
            assessed += doc.scorecard.assessed
            counts.update(doc.scorecard.counts)
    return _card(dict(counts), assessed)


def _distribution(documents: Sequence[DocumentStats]) -> Distribution:
    counts = [d.recommendations for d in documents]
    if not counts:
        return Distribution(buckets=[Bucket(label=_bucket_label(lo, hi), low=lo, high=hi, documents=0) for lo, hi in BUCKETS])
    buckets = [
        Bucket(
            label=_bucket_label(lo, hi),
            low=lo,
            high=hi,
            documents=sum(1 for c in counts if c >= lo and (hi is None or c <= hi)),
        )
        for lo, hi in BUCKETS
    ]
    return Distribution(
        documents=len(counts),
        total=sum(counts),
        min=min(counts),
        max=max(counts),
        mean=round(statistics.fmean(counts), 1),
        median=float(statistics.median(counts)),
        buckets=buckets,
    )


def _bucket_label(low: int, high: int | None) -> str:
    if high is None:
        return f"{low}+"
    return str(low) if low == high else f"{low}\u2013{high}"


def aggregate(documents: list[DocumentStats], errors: list[FileError], version: str) -> CorpusReport:
    """The cross-document tables."""
    T = _taxonomy()
    total = sum(d.recommendations for d in documents)
    agency_labels = {**T.agencies().labels, NO_AGENCY: NO_AGENCY_LABEL}
    agencies = [
        AgencyRow(
            key=key,
            label=label,
            recommendations=(n := sum(d.agencies.get(key, 0) for d in documents)),
            documents=sum(1 for d in documents if d.agencies.get(key, 0)),
            share=_percent(n, total) or 0.0,
        )
        for key, label in agency_labels.items()
    ]
    theme_classifier = T.themes()
    themes = []
    for category in theme_classifier.categories:
        key = category.key
        themes.append(
            ThemeRow(
                key=key,
                label=category.label,
                group=category.group,
                documents=sum(1 for d in documents if d.themes.get(key)),
                recommendations=sum(d.themes.get(key, 0) for d in documents),
                raised_not_recommended=sum(1 for d in documents if key in d.finding_themes and not d.themes.get(key)),
            )
        )
    remedies = [
        RemedyRow(
            key=key,
            label=T.remedy_label(key),
            recommendations=(n := sum(d.remedies.get(key, 0) for d in documents)),
            share=_percent(n, total) or 0.0,
        )
        for key in T.remedy_keys()
    ]
    return CorpusReport(
        tool=ToolInfo(version=version),
        documents=documents,
        errors=errors,
        agencies=agencies,
        themes=themes,
        remedies=remedies,
        distribution=_distribution(documents),
        scorecard=_overall_scorecard(documents),
        duplicates=sum(d.duplicates for d in documents),
        labels={
            "agencies": agency_labels,
            "agency_short": {**T.agencies().shorts, NO_AGENCY: "No agency"},
            "remedies": {key: T.remedy_label(key) for key in T.remedy_keys()},
            "themes": dict(theme_classifier.labels),
        },
    )

