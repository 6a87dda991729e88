"""Synthetic review reports whose true counts are known, for testing `smartlint report`.

Every recommendation is built from parts whose classification is fixed by construction: an owner
from one agency category (Brandon et al. 2011, Table 1), an action that reaches for one remedy, a
topic on one theme (Table 2 or a case theme), a concrete, vague or missing timescale, and a
citation or none. Within a document no two recommendations share an action and a topic, except
the duplicates planted on purpose. Some documents have a "Key findings" section with one finding
that no recommendation answers.

    python tests/corpus/corpus_generator.py OUTDIR [N_DOCS] [SEED]
"""

from __future__ import annotations

import random
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# agency category -> owner as written (the sentence's subject)
OWNERS = {
    "childrens-social-care": "Children's Social Care",
    "community-health": "The Designated Nurse",
    "hospital-trusts": "The Hospital Trust",
    "police": "The Police",
    "education": "The Designated Safeguarding Lead",
    "gps": "The Named GP",
    "probation-youth-offending": "The Youth Offending Service",
    "safeguarding-board": "The Safeguarding Partnership",
    "national": "The Department for Education",
    "other": "The Ambulance Service",
}
# remedy -> (action with {topic}, themes the action itself carries)
ACTIONS = {
    "training": ("deliver training on {topic} to all front-line staff", {"training"}),
    "procedure": ("publish a revised protocol on {topic}", set()),
    "audit": ("audit 20 cases for {topic} and report the results to the Board", {"audit"}),
    "supervision": ("introduce reflective supervision on {topic} for every social worker", {"supervision"}),
    "staffing": ("recruit a specialist practitioner for {topic} work", set()),
    "information": ("record {topic} concerns in the electronic record", {"recording"}),
    "other": ("convene a task group on {topic}", set()),
}
NATIONAL_ACTION = ("revise the statutory guidance on {topic}", set())
# theme -> topic phrase carrying that theme and no other
TOPICS = {
    "domestic-abuse": "domestic abuse",
    "substance-misuse": "substance misuse",
    "mental-health": "parental mental illness",
    "hidden-men": "male carers",
    "teenage-parents": "teenage parents",
    "prematurity": "premature babies",
    "disguised-compliance": "disguised compliance",
    "poverty-housing": "poor housing",
    "focus-on-child": "the voice of the child",
    "hard-to-engage": "missed appointments",
    "referral": "referrals",
    "whole-picture": "family history",
    "meetings": "child protection conferences",
    "case-responsibility": "case drift",
    "assessment": "pre-birth assessment",
    "learning-disability": "parental learning disability",
    "professional-challenge": "professional challenge",
    "staff-roles": "roles and responsibilities",
    "information-sharing": "information sharing",
}
# topics that would add a remedy word of their own to a recommendation
REMEDY_TOPICS = {"information-sharing"}
TIMESCALES = {"concrete": " by 31 March 2026", "vague": " as soon as possible", "missing": ""}
CITATION = ", as required by Working Together to Safeguard Children (HM Government 2018)"
# Actions that set a practice rule rather than produce something to check: not measurable (SMART guide).
UNMEASURABLE = {"supervision", "information"}
WEAK = "Staff should be reminded of the importance of {topic}."
FINDING = "Agencies did not recognise the significance of {topic} for the children."


@dataclass
class Rec:
    text: str
    agency: str  # category, or "none"
    remedy: str
    themes: set[str]
    owner_named: bool
    timescale: str  # concrete | vague | missing
    cited: bool
    measurable: bool = True
    specific: bool = True
    weak: bool = False
    duplicate: bool = False


@dataclass
class Doc:
    name: str
    recs: list[Rec] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # the theme of each finding, in order
    unanswered: list[str] = field(default_factory=list)  # finding ids no recommendation answers

    @property
    def themes(self) -> set[str]:
        return {t for r in self.recs for t in r.themes}

    def text(self) -> str:
        lines = [f"# Serious case review: {self.name}", "", "Date: 12 January 2026", ""]
        if self.findings:
            lines += ["## Key findings", ""]
            for k, theme in enumerate(self.findings, 1):
                lines += [f"Finding {k}: " + FINDING.format(topic=TOPICS[theme]), ""]
        lines += ["## Recommendations", "", "The review makes the following recommendations:", ""]
        lines += [f"{k}. {rec.text}" for k, rec in enumerate(self.recs, 1)]
        return "\n".join(lines) + "\n"


def _good(rng: random.Random, agency: str, remedy: str, theme: str) -> Rec:
    template, action_themes = NATIONAL_ACTION if agency == "national" else ACTIONS[remedy]
    timescale = rng.choice(["concrete", "concrete", "vague", "missing"])
    cited = rng.random() < 0.3
    text = f"{OWNERS[agency]} will {template.format(topic=TOPICS[theme])}{TIMESCALES[timescale]}{CITATION if cited else ''}."
    remedy = "national" if agency == "national" else remedy
    return Rec(text, agency, remedy, {theme, *action_themes}, True, timescale, cited, measurable=remedy not in UNMEASURABLE)


def make_document(rng: random.Random, name: str, size: int, with_findings: bool, duplicates: int) -> Doc:
    doc = Doc(name)
    used: set[tuple[str, str]] = set()
    agencies = list(OWNERS)
    remedies = list(ACTIONS)
    while len(doc.recs) < size:
        theme = rng.choice(list(TOPICS))
        if rng.random() < 0.15:
            if ("weak", theme) in used:
                continue
            used.add(("weak", theme))
            doc.recs.append(
                Rec(
                    WEAK.format(topic=TOPICS[theme]), "none", "training", {theme, "training"}, False, "missing", False,
                    measurable=False, specific=False, weak=True,
                )
            )
            continue
        agency = rng.choice(agencies)
        remedy = "national" if agency == "national" else rng.choice(remedies)
        if remedy == "other" and theme in REMEDY_TOPICS:
            continue
        if (remedy, theme) in used:
            continue
        used.add((remedy, theme))
        doc.recs.append(_good(rng, agency, remedy, theme))
    sources = [r for r in doc.recs if not r.weak and r.agency != "national"]
    for _ in range(min(duplicates, len(sources))):
        source = sources.pop(rng.randrange(len(sources)))
        others = [a for a in OWNERS if a not in (source.agency, "national")]
        agency = rng.choice(others) if rng.random() < 0.7 else source.agency
        text = source.text.replace(OWNERS[source.agency], OWNERS[agency], 1)
        doc.recs.append(
            Rec(
                text, agency, source.remedy, set(source.themes), True, source.timescale, source.cited,
                measurable=source.measurable, duplicate=True,
            )
        )
    if with_findings:
        addressed = [t for t in TOPICS if t in doc.themes]
        missing = [t for t in TOPICS if t not in doc.themes]
        chosen = rng.sample(addressed, min(3, len(addressed)))
        if missing:
            gap = rng.choice(missing)
            chosen.insert(rng.randrange(len(chosen) + 1), gap)
            doc.unanswered = [f"F{chosen.index(gap) + 1}"]
        doc.findings = chosen
    return doc


def generate(folder: Path, n_docs: int = 12, seed: int = 2011) -> list[Doc]:
    """Write `n_docs` Markdown reports into `folder` and return their truth."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    docs = []
    for k in range(1, n_docs + 1):
        size = rng.randint(3, 24)
        doc = make_document(rng, f"review_{k:02d}", size, with_findings=k % 2 == 0, duplicates=k % 3)
        (folder / f"{doc.name}.md").write_text(doc.text(), encoding="utf-8")
        docs.append(doc)
    return docs


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def truth(docs: list[Doc]) -> dict:
    """The tables `smartlint report` must reproduce."""
    per_document = {}
    for doc in docs:
        n = len(doc.recs)
        per_document[doc.name] = {
            "recommendations": n,
            "agencies": Counter(r.agency for r in doc.recs),
            "remedies": Counter(r.remedy for r in doc.recs),
            "themes": Counter(t for r in doc.recs for t in r.themes),
            "duplicates": sum(r.duplicate for r in doc.recs),
            "owner_named": _percent(sum(r.owner_named for r in doc.recs), n),
            "concrete_timescale": _percent(sum(r.timescale == "concrete" for r in doc.recs), n),
            "measurable": _percent(sum(r.measurable for r in doc.recs), n),
            "specific": _percent(sum(r.specific for r in doc.recs), n),
            "cited": _percent(sum(r.cited for r in doc.recs), n),
            "findings": len(doc.findings),
            "unanswered": doc.unanswered,
        }
    counts = [len(d.recs) for d in docs]
    return {
        "documents": per_document,
        "theme_documents": Counter(t for d in docs for t in d.themes),
        "raised_not_recommended": Counter(d.findings[int(f[1:]) - 1] for d in docs for f in d.unanswered),
        "agency_totals": sum((Counter(r.agency for r in d.recs) for d in docs), Counter()),
        "remedy_totals": sum((Counter(r.remedy for r in d.recs) for d in docs), Counter()),
        "total": sum(counts),
        "min": min(counts),
        "max": max(counts),
        "mean": round(statistics.fmean(counts), 1),
        "duplicates": sum(r.duplicate for d in docs for r in d.recs),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1])
    made = generate(out, int(sys.argv[2]) if len(sys.argv) > 2 else 12, int(sys.argv[3]) if len(sys.argv) > 3 else 2011)
    print(f"wrote {len(made)} documents, {sum(len(d.recs) for d in made)} recommendations to {out}")
