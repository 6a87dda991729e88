"""Evidence (the E Brandon et al. add to SMART): does the recommendation cite a source for its basis?

A citation is a reference that can be looked up: an author-year reference, a named report,
inquiry, guidance, standard or statute given as the reason or the standard to meet, a URL or DOI,
or a footnote marker. Naming a procedure is not citing it ("joint Section 47 investigations"); a
statute or guidance that is the object of the change ("amend the Sentencing Act") is not a source;
a local scheme merely named ("the LSCB procedures") is not a source (SMART guide, Evidence).

One analysis ("evidence.detail") is shared by EV001, EV002 and the public "evidence" analyzer.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import regex

from smartlint.records import EvidenceAssessment
from smartlint.vocabulary import Criterion, Severity
from smartlint.rule import RecContext, Rule, RuleMeta, Violation
from smartlint.rule import longest_first as _longest_first

from .actions import ANALYZERS as ACTION_ANALYZERS
from .actions import MONTHS, any_in, words

_SOURCES = (
    "Brandon et al. (2011, DFE-RR157) found that the evidence for a recommendation is rarely cited; Working "
    "Together (HM Government 2010) asks that recommendations be grounded in the review's findings."
)

GENERIC_CAPS = words("evidence_generic_caps")
DOC_NOUNS = words("evidence_doc_nouns")
_YEAR = r"(?:19|20)\d\d"
_CAP = r"[A-Z][\w'’\-]*"
_SEASONS = MONTHS | {
    "spring",
    "summer",
    "autumn",
    "winter",
    "q1",
    "q2",
    "q3",
    "q4",
    "by",
    "from",
    "until",
    "before",
    "after",
    "in",
    "end",
}

URL = regex.compile(r"\bhttps?://[^\s<>()\"']+|\bwww\.[\w-]+(?:\.[\w-]+)+[^\s<>()\"']*", regex.IGNORECASE)
DOI = regex.compile(r"\b(?:doi:\s*)?10\.\d{4,9}/[^\s\"<>]+", regex.IGNORECASE)
FOOTNOTE = regex.compile(r"(?<=\w[.,;:)]?)\[\d{1,3}\]|(?<=\w)\^\d{1,3}\b|(?<=\w[.,;:)]?)[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
AUTHOR_YEAR = regex.compile(
    rf"""\(
    (?:see\s+|e\.g\.\s*|cf\.\s+|as\s+cited\s+in\s+)?
    (?P<author>{_CAP}(?:\s+(?:et\s+al\.?|and\s+{_CAP}|&\s+{_CAP}|{_CAP}|(?:of|to|for|on|in)\s+{_CAP})){{0,7}}),?\s+{_YEAR}[a-z]?
    (?:\s*[,:]\s*(?:pp?\.\s*)?\d+(?:[-–]\d+)?)?
    (?:\s*;\s*[^()]{{2,80}})?
    \)""",
    regex.VERBOSE,
)
ET_AL = regex.compile(rf"\b{_CAP}\s+et\s+al\.?(?:,?\s*\(?{_YEAR}[a-z]?\)?)?|\bet\s+al\b\.?")
NAME_YEAR = regex.compile(rf"\b(?P<name>{_CAP}(?:\s+(?:{_CAP}|to|of|and|for|in|the|on))*)\s*\(\s*{_YEAR}[a-z]?\s*\)")
STATUTE = regex.compile(
    rf"\b(?:(?:[Ss]ections?|[Pp]art|[Ss]chedule|[Rr]egulation"
    rf"|[Pp]aragraph)\s+[\w.()]+\s+of\s+(?:the\s+)?)?(?:{_CAP}\s+(?:(?:and|of|for|in"
    rf"|on),?\s+)?){{1,8}}Act\s+{_YEAR}\b"
)
# a statute named without its year counts only when framed as the standard: "under the Sentencing Act"
NAMED_ACT = regex.compile(rf"\b(?:the\s+)?(?:{_CAP}\s+(?:(?:and|of|for|in|on),?\s+)?){{1,8}}Act\b(?!\s+{_YEAR})")
FRAMED_NAME = regex.compile(
    rf"\s+(?:the\s+)?(?P<name>{_CAP}(?:\s+(?:{_CAP}|of|for|on|and|to|in)(?=\s+[A-Z]|\s*$|[\s,.;]))*(?:\s+{_CAP})?)"
)
NICE_CODE = regex.compile(r"\bNICE\b(?:\s+[\w-]+){0,3}?\s+(?:NG|CG|PH|QS)\d{1,3}\b|\b(?:NG|CG|PH|QS)\d{2,3}\b")
NAMED_DOC = regex.compile(
    rf"\b(?P<name>{_CAP}(?:\s+(?:{_CAP}|of|into|and|for|on|the|to"
    rf"|in))*?\s+(?P<noun>\L<docs>))\b(?P<tail>(?:\s+(?:{_CAP}|of|into|and|for|on)(?=[\s.,;:)]|$))*)",
    docs=sorted({d.title() for d in DOC_NOUNS if d != "act"}),
)
_BODY = (
    rf"(?:the\s+)?(?:Royal\s+College\s+of(?:\s+(?:{_CAP}|and|of))+"
    rf"|(?:{_CAP}\s+(?:(?:and|of|for|on)\s+)?){{1,6}}(?:Committee|Commission|Commissioner|Inspectorate|Institute"
    rf"|Association|Panel|Council)(?:\s+(?:of|for|on)(?:\s+the)?\s+{_CAP}(?:\s+(?:and\s+)?{_CAP})*)?"
    r"|\L<bodies>"
    rf"|(?:Lord|Lady|Baroness|Dame|Sir|Professor|Prof\.?|Dr\.?)\s+{_CAP}(?:\s+{_CAP})?)"
)
_BODY_NAMES = sorted(
    {
        " ".join(w.capitalize() if w not in {"and", "of", "for", "the"} else w for w in b.split())
        for b in words("evidence_bodies")
    }
    | {b.upper() for b in words("evidence_bodies") if len(b) <= 6}
)
# a body right after a frame: "as envisaged by the Royal College of Paediatrics and Child Health"
BODY_AFTER_FRAME = regex.compile(rf"\s+(?:(?:the|its|their)\s+)?(?P<body>{_BODY})", bodies=_BODY_NAMES)
BODY_POSITION = regex.compile(
    rf"\b[Aa]s\s+{_BODY}\s+(?:has\s+|have\s+|had\s+)?(?:recommended|advised|proposed|envisaged|envisages|set\s+out"
    rf"|sets\s+out|concluded|found|stated|states|noted|highlighted|suggested|argued|requires|required|expects"
    rf"|expected)\b",
    bodies=_BODY_NAMES,
)
_CITING_AFTER = regex.compile(
    r"^\s*(?:\(\s*\d{4}\s*\)\s*)?(?:,\s*)?(?:which\s+|that\s+)?(?:requires|required|states|stated|sets\s+out"
    r"|set\s+out|recommends|recommended|envisages|envisaged|says|makes\s+clear|expects|specifies|advises|advised"
    r"|found|concluded|highlights|highlighted)\b",
    regex.IGNORECASE,
)
OBJECT_OF_CHANGE = regex.compile(
    r"(?:amend|revise|update|review|redraft|re-draft|rewrite|re-write|modify|change|replace|repeal|publish|produce"
    r"|develop|draft|write|prepare|refresh|reform|consult\s+on|legislate\s+to\s+amend)\w*\s+"
    r"(?:(?:the|its|their|a|an|current|existing|local|national|relevant|draft|new)\s+)*"
    r"(?:(?:section|sections|part|schedule|paragraph|chapter|regulation)\s+[\w.()]+\s+(?:of\s+)?(?:the\s+)?)?$",
    regex.IGNORECASE,
)
_CLAIM_SUBJECTS = words("evidence_claim_subjects")
_CLAIM_VERBS = words("evidence_claim_verbs")
CLAIM = re.compile(
    r"\b(?:" + "|".join(re.escape(t) for t in sorted(_CLAIM_SUBJECTS, key=_longest_first)) + r")\s+"
    r"(?:(?:from|in)\s+[\w\s-]{1,40}?\s+)?(?:"
    + "|".join(re.escape(t) for t in sorted(_CLAIM_VERBS, key=_longest_first))
    + r")\b",
    re.IGNORECASE,
)


class EvidenceDetail(NamedTuple):
    citation: tuple[int, int] | None = None
    kind: str | None = None  # "url", "doi", "footnote", "author-year", "statute", "named-source", "body"
    claim: tuple[int, int] | None = None


_LEADING = frozenset({"the", "a", "an", "this", "that", "these", "its", "their"})
_VERBISH = frozenset(
    {"review", "revise", "amend", "update", "publish", "produce", "develop", "implement", "use", "consider", "ensure"}
)


# a proper-named document ending just before a parenthesis: "the Multi-agency Statutory Guidance for the Conduct
# of Domestic Homicide Reviews (Home Office, 2016)"
_NAME_BEFORE = regex.compile(
    rf"(?<![\w'’-]){_CAP}(?:(?:\s+(?:{_CAP}|of|for|on|to|in|and|the|into))*?\s+{_CAP})?"
    r"(?:\s+(?:on|for|in)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2})?\s*$"
)


# a statute as the topic of training or the name of a process, not a source: "Mental Capacity Act 2005
# training", "Care Act assessments", "training on the Children Act 1989" (SMART guide: naming a
# procedure is not citing it)
_TOPIC_AFTER = regex.compile(
    r"\s+(?:[\w-]+\s+)?(?:training|assessments?|awareness|e-learning|courses?|briefings?|sessions?|workshops?"
    r"|modules?|competenc(?:y|ies|e|es)|applications?|referrals?|eligibility|reviews?|enquiries|investigations?)\b"
)
_TOPIC_BEFORE = regex.compile(
    r"\b(?:training|train|trained|briefings?|briefed|awareness|e-learning|courses?|sessions?|workshops?|modules?"
    r"|understanding|knowledge)\s+(?:[\w-]+\s+){0,2}?(?:on|in|about|of)\s+(?:the\s+)?$",
    regex.IGNORECASE,
)


def _statute_as_topic(text: str, start: int, end: int) -> bool:
    return _TOPIC_AFTER.match(text, end) is not None or _TOPIC_BEFORE.search(text, max(0, start - 60), start) is not None


# an inspection, review or inquiry report given as the source after a frame: "in line with the 2023 joint
# thematic inspection of stalking by HMICFRS and HMCPSI", "as recommended by the 2024 HMICFRS inspection"
FRAMED_REPORT = regex.compile(
    rf"\s+(?:the\s+)?(?P<year>{_YEAR}\s+)?(?P<name>(?:[\w&'’-]+\s+){{0,4}}?)(?:inspection|inquiry|review|report"
    rf"|evaluation|study)\b(?P<rest>[^.;]{{0,100}})"
)
_BY_CAP = regex.compile(rf"\bby\s+(?:the\s+)?{_CAP}")


def _framed_report(text: str, frame_end: int) -> tuple[int, int] | None:
    m = FRAMED_REPORT.match(text, frame_end)
    if m is None:
        return None
    rest = m.group("rest")
    by = _BY_CAP.search(rest)
    named = _CAP_WORD.search(m.group("name")) is not None
    if m.group("year") is None and by is None and not named:
        return None  # "in line with the review of the policy": no source named
    if not (by or named) or _LOCAL_OWNER.search(m.group(0)):
        return None  # a year alone, or a local body's own review, is not a published source
    end = m.start("rest") + by.end() if by is not None else m.end("rest") - len(rest)
    return m.start() + len(m.group(0)) - len(m.group(0).lstrip()), end


def _is_object_of_change(text: str, start: int) -> bool:
    return OBJECT_OF_CHANGE.search(text, max(0, start - 80), start) is not None


_FRAME_GAP = regex.compile(r"\s*(?:(?:the|its|their|all|current|national|relevant|statutory)\s+)*$", regex.IGNORECASE)


def _framed(text: str, start: int, frames: list[tuple[int, int]]) -> bool:
    """A source frame ("as required by", "in line with") ends just before `start`."""
    return any(fe <= start and start - fe <= 40 and _FRAME_GAP.match(text, fe, start) is not None for _, fe in frames)


_WORD = regex.compile(r"[\w'’\-]+")
_CAP_WORD = regex.compile(_CAP)
_POSITION_FRAMES = (
    "recommended by", "advised by", "advocated by", "proposed by", "suggested by", "endorsed by", "called for by", "urged by",
    "argued by",
)
_LOCAL_OWNER = regex.compile(r"\b(?:Partnership|Board|LSCB|Trust|Council)(?:'s|’s)?\b")
_BODY_TAIL = regex.compile(r"(?:\s+(?:and|of)\s+" + _CAP + r"|\s+" + _CAP + r")+")
_LOCAL_ACRONYMS = frozenset(
    {"lscb", "scr", "dhr", "sar", "nhs", "ccg", "la", "mash", "marac", "mappa", "imr", "csc", "cp"}
)


def _proper(name: str) -> bool:
    """A name with at least one capitalised word that is not the generic vocabulary of reviews."""
    for w in _WORD.findall(name):
        lw = w.lower()
        if w[0].isupper() and lw not in GENERIC_CAPS and lw not in DOC_NOUNS and not w.isupper():
            return True
        if w.isupper() and len(w) >= 2 and lw not in GENERIC_CAPS and lw not in _LOCAL_ACRONYMS:
            return True
    return False


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:;"


class Terms:
    """A word list matched by plain substring search on the lowercased text, each term gated by
    its longest word being among the tokens: much cheaper than one big alternation."""

    __slots__ = ("_by_gate", "_gates", "items")

    def __init__(self, terms: frozenset[str]) -> None:
        self.items = tuple(
            sorted(
                ((t, max(t.replace(",", " ").replace(":", " ").split(), key=len)) for t in terms),
                key=lambda x: -len(x[0]),
            )
        )
        by_gate: dict[str, list[int]] = {}
        for k, (_, gate) in enumerate(self.items):
            by_gate.setdefault(gate, []).append(k)
        self._by_gate = by_gate
        self._gates = frozenset(by_gate)

    def finditer(self, lower: str, tokens: frozenset[str]):
        """(start, end) of every whole-word occurrence, longest terms first."""
        # only the terms whose gate is among the tokens, in the terms' order (one set intersection
        # instead of a membership test per term)
        gates = self._gates.intersection(tokens)
        if not gates:
            return
        by_gate = self._by_gate
        chosen = by_gate[next(iter(gates))] if len(gates) == 1 else sorted(k for g in gates for k in by_gate[g])
        items = self.items
        for k in chosen:
            term = items[k][0]
            i = lower.find(term)
            while i != -1:
                j = i + len(term)
                if (i == 0 or not (lower[i - 1].isalnum())) and (j >= len(lower) or not lower[j].isalnum()):
                    yield i, j
                i = lower.find(term, i + 1)


NAMED_TERMS = Terms(words("evidence_named_sources"))
FRAME_TERMS = Terms(words("evidence_source_frames") | {"compliance with"})
CLAIM_TERMS = Terms(words("evidence_claims"))


# cheap gates: each pattern runs only when its trigger words occur
_YEARISH = re.compile(r"(?:19|20)\d\d")
_SUPERSCRIPTS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]|\[\d|\^\d")
_DOC_GATES = tuple(sorted({d.title() for d in DOC_NOUNS if d != "act"}))
_BODY_GATES = frozenset(
    {
        "committee",
        "commission",
        "commissioner",
        "college",
        "council",
        "inspectorate",
        "institute",
        "association",
        "panel",
        "lord",
        "sir",
        "dame",
        "professor",
        "dr",
    }
    | {b.split()[-1] for b in words("evidence_bodies")}
)
_CLAIM_SUBJECT_WORDS = frozenset(w for t in _CLAIM_SUBJECTS for w in t.split() if w != "the")
# the longest word of each claim verb ("has shown" -> "shown"), sought in the lowercased text
_CLAIM_VERB_NEEDLES = tuple(sorted({max(t.split(), key=len) for t in _CLAIM_VERBS}))


def find_citation(text: str, lt: str, tokens: frozenset[str]) -> tuple[tuple[int, int], str] | None:
    if "http" in lt or "www." in lt:
        m = URL.search(text)
        if m:
            return (m.start(), m.end()), "url"
    if "10." in text:
        m = DOI.search(text)
        if m:
            return (m.start(), m.end()), "doi"
    # (every match holds "[", "^" or a superscript digit, which is not ASCII)
    if ("[" in text or "^" in text or not text.isascii()) and _SUPERSCRIPTS.search(text):
        m = FOOTNOTE.search(text)
        if m:
            return (m.start(), m.end()), "footnote"
    # (a year is looked for only when a parenthesis or "Act" could use it)
    has_year = ("(" in text or "Act" in text) and _YEARISH.search(text) is not None
    if has_year and "(" in text:
        for m in AUTHOR_YEAR.finditer(text):
            if m.group("author").split()[0].lower() in _SEASONS:
                continue  # "(March 2012)" is a date
            name = _NAME_BEFORE.search(text, max(0, m.start() - 160), m.start())
            if name is not None and _is_object_of_change(text, name.start()):
                continue  # "revise the Statutory Guidance for X (Home Office, 2016)": the reference of the thing changed
            return (m.start(), m.end()), "author-year"
    if "et al" in lt:
        m = ET_AL.search(text)
        if m:
            return (m.start(), m.end()), "author-year"
    if has_year and "Act" in text:
        for m in STATUTE.finditer(text):
            if not _is_object_of_change(text, m.start()) and not _statute_as_topic(text, m.start(), m.end()):
                return (m.start(), m.end()), "statute"
    # (every match holds one of the codes' letter pairs, as written)
    if "NG" in text or "CG" in text or "PH" in text or "QS" in text:
        m = NICE_CODE.search(text)
        if m:
            return (m.start(), m.end()), "named-source"
    if has_year and "(" in text:
        for m in NAME_YEAR.finditer(text):
            first = m.group("name").split()[0].lower()
            if first in _SEASONS or _is_object_of_change(text, m.start()):
                continue
            return (m.start(), m.end()), "named-source"
    if any_in(text, _DOC_GATES):
        for m in NAMED_DOC.finditer(text):
            words_ = m.group("name").split()
            offset = m.start()
            # drop leading articles and a sentence-initial verb: "Review the Munro Report" -> "Munro Report"
            while len(words_) > 1 and (
                words_[0].lower() in _LEADING or (words_[0].lower() in _VERBISH and _sentence_initial(text, offset))
            ):
                offset = text.index(words_[1], offset + len(words_[0]))
                words_ = words_[1:]
            if not _proper(" ".join(words_[:-1]) + (m.group("tail") or "")) or _is_object_of_change(text, offset):
                continue
            end = m.end("name") + len(m.group("tail") or "")
            return (offset, end), "named-source"
    frames = sorted(FRAME_TERMS.finditer(lt, tokens))
    for start, end in NAMED_TERMS.finditer(lt, tokens):
        original = text[start:end]
        if original[0].islower() and " " in original and not original.lower().startswith(("statutory", "nice")):
            continue  # "working together with partners" is not the guidance
        if _is_object_of_change(text, start):
            continue
        if _framed(text, start, frames) or _CITING_AFTER.match(text, end):
            return (start, end), "named-source"
    if frames and "Act" in text:
        for m in NAMED_ACT.finditer(text):
            if (
                _framed(text, m.start(), frames)
                and not _is_object_of_change(text, m.start())
                and not _statute_as_topic(text, m.start(), m.end())
            ):
                return (m.start(), m.end()), "statute"
    for frame_start, frame_end in frames:
        # a framed, proper-named national document: "as required by the Authorised Professional Practice"
        named = FRAMED_NAME.match(text, frame_end)
        if named:
            name = named.group("name")
            if len(_CAP_WORD.findall(name)) >= 2 and _proper(name):
                if not _LOCAL_OWNER.search(name):
                    return (named.start("name"), named.end("name")), "named-source"
                # a named body's position: "as recommended by the Suzy Lamplugh Trust" (not "the Trust's policy")
                if lt.endswith(_POSITION_FRAMES, frame_start, frame_end) and _proper(
                    _LOCAL_OWNER.sub(" ", name)
                ) and not (name.endswith(("'s", "’s")) or text.startswith(("'s", "’s"), named.end("name"))):
                    return (named.start("name"), named.end("name")), "body"
        report = _framed_report(text, frame_end)
        if report is not None:
            return report, "named-source"
        # a national body's position: "as envisaged by the Royal College of Paediatrics and Child Health"
        body = BODY_AFTER_FRAME.match(text, frame_end)
        if body:
            end = body.end()
            tail = _BODY_TAIL.match(text, end)
            if tail:
                end = tail.end()
            return (body.start("body"), end), "body"
    if "as" in tokens and not tokens.isdisjoint(_BODY_GATES):
        m = BODY_POSITION.search(text)
        if m:
            return (m.start(), m.end()), "body"
    return None


_LEADING = frozenset({"the", "a", "an", "this", "that", "these", "its", "their"})
_VERBISH = frozenset(
    {"review", "revise", "amend", "update", "publish", "produce", "develop", "implement", "use", "consider", "ensure"}
)


_CLAIM_TAIL = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:[Rr]eviews?|SCRs|DHRs|SARs|cases|areas|studies|inquiries)\b")


def find_claim(text: str, lt: str, tokens: frozenset[str]) -> tuple[int, int] | None:
    """An appeal to evidence with no source: a fixed phrase, or "<research|evidence|studies>
    (from ...)? <shows|suggests|has found ...>"."""
    for start, end in CLAIM_TERMS.finditer(lt, tokens):
        more = _CLAIM_TAIL.match(text, end)  # "evidence from this and other" + "Serious Case Reviews"
        return start, more.end() if more else end
    if tokens.isdisjoint(_CLAIM_SUBJECT_WORDS):
        return None
    if text.isascii() and not any_in(lt, _CLAIM_VERB_NEEDLES):
        return None  # no verb of a claim: on ASCII text, a match would hold one of these as written
    m = CLAIM.search(text)
    return (m.start(), m.end()) if m else None


def evidence_detail(rec: RecContext) -> EvidenceDetail:
    detail = _evidence_detail(rec)
    if detail.citation is None and getattr(rec.item, "cells", None):  # only action-plan rows have cells
        from smartlint.readers.plan import column_span

        column = column_span(rec.item, "evidence")  # an action plan's filled Evidence base / Source column
        if column is not None:
            return EvidenceDetail(column, "column", None)
    return detail


def _evidence_detail(rec: RecContext) -> EvidenceDetail:
    p = rec.analysis("core.actions")
    found = find_citation(p.text, p.lower, p.wordset)
    if found is not None:
        return EvidenceDetail(found[0], found[1], None)
    return EvidenceDetail(None, None, find_claim(p.text, p.lower, p.wordset))


def evidence_assessment(rec: RecContext) -> EvidenceAssessment:
    detail: EvidenceDetail = rec.analysis("evidence.detail")
    if detail.citation is None:
        return EvidenceAssessment(status="uncited", text=None)
    s, e = detail.citation
    return EvidenceAssessment(status="cited", text=rec.text[s:e])  # values of the model's types


class UnsupportedClaim(Rule):
    meta = RuleMeta(
        code="EV001",
        name="unsupported-claim",
        criterion=Criterion.EVIDENCE,
        severity=Severity.WARNING,
        summary="An appeal to evidence with no source ('research shows', 'evidence suggests', 'it is well known').",
        rationale=_SOURCES
        + " The SMART guide rules that an appeal with no source ('research shows', 'evidence from this and other "
        "reviews', 'it is well known') is not evidence and earns a note of its own.",
        fix="Name the source the claim rests on, e.g. '(Brandon et al. 2011)', 'the Munro Review (2011)' or a link "
        "to the report; or drop the claim.",
        bad=(
            "Research shows that fathers are often overlooked, so assessments must always include them.",
            "The LSCB should develop guidance, using the evidence from this and other Serious Case Reviews.",
            "It is well known that neglect is under-recognised; the Board should audit neglect referrals.",
        ),
        good=(
            "Research shows that fathers are often overlooked (Brandon et al. 2009), so assessments must include them.",
            "The LSCB should develop guidance on working with families who are resistant to intervention.",
        ),
    )

    def check(self, rec: RecContext):
        detail: EvidenceDetail = rec.analysis("evidence.detail")
        if detail.claim is None:
            return
        s, e = detail.claim
        quoted = rec.text[s:e]
        yield Violation(
            s,
            e,
            f"'{quoted}' appeals to evidence but names no source.",
            "Cite the source: add an author-year reference such as '(Brandon et al. 2011)', the name of the report, "
            "or a link.",
        )


class Uncited(Rule):
    meta = RuleMeta(
        code="EV002",
        name="uncited",
        criterion=Criterion.EVIDENCE,
        severity=Severity.INFO,
        summary="No source is cited for the recommendation's basis.",
        rationale=_SOURCES
        + " The SMART guide counts as a citation an author-year reference, a named report, inquiry, guidance, "
        "standard or statute given as the reason or standard, a URL or DOI, or a footnote marker.",
        fix="Where the recommendation rests on research, national guidance or another review, say so: "
        "'as required by Working Together (2018)', '(Munro 2011)', or a footnote to the reference.",
        bad=(
            "The LSCB should review the threshold document.",
            "Joint Section 47 investigations should be a requirement where neglect is suspected.",
            "The Ministry of Justice should amend the Sentencing Act 2020 to include coercive control.",
            "The Home Office should revise the Statutory Guidance for Domestic Homicide Reviews (Home Office, 2016).",
        ),
        good=(
            "Training must reinforce the messages from the Victoria Climbié Inquiry Report.",
            "The LSCB should revise its procedures as required by Working Together (2018).",
            "Health visitors should use the NICE guideline NG76 when assessing neglect.",
            "The Board should adopt the model in Brandon et al. 2009.",
        ),
    )

    def check(self, rec: RecContext):
        detail: EvidenceDetail = rec.analysis("evidence.detail")
        if detail.citation is not None:
            return
        yield Violation(
            None,
            None,
            "No source is cited: the recommendation does not say what research, guidance or finding it rests on.",
            "If it rests on research, national guidance or another review, cite it, e.g. 'as required by Working "
            "Together (2018)' or '(Brandon et al. 2011)'.",
        )


RULES = [UnsupportedClaim, Uncited]

ANALYZERS = {
    **ACTION_ANALYZERS,
    "evidence.detail": evidence_detail,
    "evidence": evidence_assessment,
}
