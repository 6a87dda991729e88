"""Measurable (the M of SMART): the text itself says how completion or effect will be known.

Three kinds of evidence count (SMART guide, Measurable): a quantity, proportion or target; a
tangible deliverable produced or changed by the main action; an explicit monitoring, reporting
or audit mechanism. Deliverables are looked for only in the demand itself (the main action, the
action inside a wrapper, their subject and object), never in a condition, a relative clause or
a vague verb's object: "explore the feasibility of a web-based system" produces no system.

One analysis ("measurable.detail") is shared by MS001, MS002 and the public "measurable" analyzer.
"""

from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Iterable
from typing import NamedTuple

import regex

from smartlint.records import MeasurableAssessment
from smartlint.vocabulary import Criterion, Severity
from smartlint.rule import RecContext, Rule, RuleMeta, Violation
from smartlint.rule import longest_first as _longest_first

from .actions import ANALYZERS as ACTION_ANALYZERS
from .actions import (
    MATERIALS,
    MATERIALS_GATES,
    MATERIALS_LOCATIVE,
    MONTHS,
    TAGS,
    Action,
    Parse,
    lemma_of,
    words,
)
from .specific import (
    AIM_NOUNS,
    BODIES,
    CHANGE_VERBS,
    DELIVERABLES,
    INANIMATE,
    VAGUE_MULTI,
    VAGUE_SINGLE,
    aim_object,
    copula_vague,
    is_consideration,
    is_inanimate,
    matches_at,
    placed_in_instrument,
    subject_head,
    through_deliverable,
    vague_multi,
)

_SOURCES = (
    "Handley and Green (2004), as quoted in Brandon et al. (2011, DFE-RR157): Measurable means how much, how "
    "many, how well; Working Together (HM Government 2010) asks for Specific, Measurable, Achievable, Relevant "
    "and Timely proposals for change."
)

MAKE_VERBS = words("measure_make_verbs")
ESTABLISH_VERBS = words("measure_establish_verbs")
CONTENT_VERBS = words("measure_content_verbs")
MESSAGE_VERBS = words("measure_message_verbs")
OUTCOME_NOUNS = words("measure_outcome_nouns")
OUTPUT_WORDS = words("measure_output_words")
REPORT_OBJECTS = words("measure_report_objects")
MADE_NOUNS = words("measure_made_nouns")
POST_NOUNS = words("measure_post_nouns")
_MADE = DELIVERABLES | MADE_NOUNS  # what a making verb can produce
_NOMINAL_CHANGES = frozenset(
    {
        "review",
        "audit",
        "revision",
        "redrafting",
        "redraft",
        "rewrite",
        "evaluation",
        "development",
        "introduction",
        "production",
        "publication",
        "implementation",
        "commissioning",
        "creation",
        "establishment",
        "amendment",
        "update",
        "refresh",
        "roll-out",
        "rollout",
        "expansion",
        "extension",
        "launch",
    }
)
_KEPT_TERMS = (DELIVERABLES | MADE_NOUNS | BODIES | POST_NOUNS) - {"course", "courses"}
_COPULA_DELIVERABLE = DELIVERABLES | frozenset({"mandatory", "compulsory"})
_IN_PLACE = frozenset({"place", "available", "established", "agreed", "operational", "implemented"})

NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred".split()  # noqa: SIM905
)
_NUM = r"(?:\d+(?:\.\d+)?|a\s+hundred|" + "|".join(sorted(NUMBER_WORDS, key=_longest_first)) + ")"
_I = re.IGNORECASE


def _forms(*stems: str) -> frozenset[str]:
    """Gate words: each stem with the endings it takes ("monitor" -> monitor, monitors, monitored, monitoring)."""
    out: set[str] = set()
    for stem in stems:
        base, _, endings = stem.partition(":")
        out.add(base)
        out.update(base + e for e in endings.split(",") if e)
    return frozenset(out)


class Probe(NamedTuple):
    """A small pattern that runs only when one of its gate words is among the recommendation's
    tokens (and, when `needs_number` is set, a number occurs too): most recommendations trigger
    none, so most patterns never run."""

    category: str  # "quantity", "monitoring", "outcome"
    gate: frozenset[str]
    pattern: re.Pattern[str] | regex.Pattern[str]
    needs_number: bool = False
    # when set, one of these words must be among the tokens too (a word the pattern needs whole)
    also: frozenset[str] = frozenset()
    # when set, every match starts with one of these strings (case as given), so the pattern is tried there only
    starts: tuple[str, ...] = ()


def _both_cases(*words: str) -> tuple[str, ...]:
    """Each word as written and with a capital: "report" -> "report", "Report"."""
    return tuple(w for word in words for w in (word, word.capitalize()))


_NOT_A_CHILD = (
    r"(?!\s+(?:the\s+)?(?:risks?|child|children|child's|weight|health|behaviour|development|progress\s+of\s+the\s+child"
    r"|baby|baby's|infant|infant's|adult|adult's|patient|patient's|person's|mother|father|parents?|victim|victim's|his|her"
    r"|their\s+(?:weight|health|mood|behaviour|wellbeing))\b)"
)
_AUDIT = _forms("audit:s,ed,ing", "re-audit")
_OUTCOME_NOUNS = "|".join(sorted((regex.escape(n) for n in OUTCOME_NOUNS), key=_longest_first))
_CHANGE = _forms(
    "fewer",
    "less",
    "lower",
    "higher",
    "reduce:s,d",
    "reducing",
    "reduction:s",
    "decrease:s,d",
    "decreasing",
    "increase:s,d",
    "increasing",
    "rise:s",
    "fall:s",
    "drop:s",
    "improvement:s",
)
PROBES: tuple[Probe, ...] = (
    # a quantity, proportion or target
    Probe(
        "quantity",
        frozenset({"%", "percent", "cent"}),
        re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|per\s?cent\b|percent\b)", _I),
        True,
    ),
    Probe(
        "quantity",
        frozenset({"least", "minimum", "maximum", "most", "target"}),
        re.compile(
            rf"\b(?:at\s+least|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of|minimum\s+of|a\s+maximum\s+of|at\s+most"
            rf"|a\s+target\s+of|target\s+of)"
            rf"\s+(?:{_NUM}\b|once\b|twice\b|monthly\b|weekly\b|annually\b|quarterly\b|every\b|each\b"
            rf"|half\b)(?:\s+[\w-]+)?",
            _I,
        ),
    ),
    Probe("quantity", frozenset({"all"}), re.compile(rf"\ball\s+{_NUM}\s+[\w-]+", _I), True),
    Probe(
        "quantity",
        frozenset({"number", "numbers", "proportion", "percentage", "rate", "ratio"}),
        re.compile(
            r"(?<!\ba\s)(?<!\blarge\s)\b(?:the\s+)?(?:number|numbers|proportion|percentage|rate"
            r"|ratio)\s+of\s+(?:[\w'-]+\s+){0,2}[\w'-]+",
            _I,
        ),
    ),
    Probe(
        "quantity",
        frozenset({"target", "targets"}),
        re.compile(
            r"\b(?:a|an|the|clear|measurable|specific|numerical|agreed|performance)\s+targets?\b|\btargets?\s+(?:for"
            r"|of)\b",
            _I,
        ),
    ),
    Probe(
        "quantity",
        _AUDIT | {"sample", "survey", "review"},
        re.compile(rf"\b(?:audit|sample|survey|review|dip\s+sample)\s+of\s+(?:at\s+least\s+)?{_NUM}\s+[\w-]+", _I),
        True,
    ),
    # a monitoring, reporting or audit mechanism
    Probe("monitoring", _forms("monitor:s,ed,ing"), re.compile(rf"\bmonitor(?:s|ed|ing)?\b{_NOT_A_CHILD}", _I)),
    Probe("monitoring", _AUDIT, re.compile(r"\b(?:re-?)?audit(?:s|ed|ing)?\b", _I)),
    Probe(
        "monitoring",
        _forms("evaluate:s,d", "evaluating", "evaluation:s"),
        re.compile(rf"\bevaluat(?:e|es|ed|ing|ion|ions)\b{_NOT_A_CHILD}", _I),
    ),
    Probe(
        "monitoring",
        _forms("report:s,ed,ing"),
        re.compile(
            r"\b[Rr]eport(?:s|ing)?\s+(?:back\s+|regularly\s+|annually\s+|quarterly\s+|six-monthly\s+|monthly\s+"
            r"|progress\s+|on\s+progress\s+|its\s+findings\s+|findings\s+)?"
            r"(?:to|for)\s+(?:the\s+)?(?:[A-Z][\w'-]*|board|partnership|committee|panel|executive|minister|secretary"
            r"|parliament|steering|group)"
            r"|\b(?:[Pp]rogress|[Aa]ssurance|[Aa]nnual|[Uu]pdate|[Aa]udit|[Ee]xception|[Hh]ighlight|[Ee]valuation"
            r"|[Oo]utcome)\s+reports?\b"
        ),
        starts=_both_cases(
            "report", "progress", "assurance", "annual", "update", "audit", "exception", "highlight", "evaluation", "outcome"
        ),
    ),
    Probe(
        "monitoring",
        _forms("report:s,ed,ing", "present:s,ed,ing", "submit:s,ted,ting"),
        regex.compile(
            r"\b(?:[Rr]eport|[Pp]resent|[Ss]ubmit)(?:s|ed|ing|ted|ting)?\s+(?:[\w'-]+\s+){0,4}?\L<objects>"
            r"\s+(?:(?:regularly|monthly|quarterly|annually|yearly|six-monthly|back|each\s+\w+|every\s+\w+(?:\s+months)?)\s+)?"
            r"(?:to|for)\s+(?:the\s+)?(?:[A-Z][\w'-]*|(?:[\w'-]+\s+){0,2}?(?:board|partnership|committee|panel|executive"
            r"|minister|parliament|group|forum))\b",
            objects=sorted(REPORT_OBJECTS),
        ),
        also=REPORT_OBJECTS,  # an object is a whole word there, between spaces
        starts=_both_cases("report", "present", "submit"),
    ),
    Probe(
        # anything reported to a governance body: "report attendance to the Domestic Abuse Partnership
        # Board every quarter" (not casework: "report concerns to the Police")
        "monitoring",
        _forms("report:s,ed,ing"),
        re.compile(
            r"\b[Rr]eport(?:s|ing)?\s+(?:on\s+)?(?!(?:any\s+|all\s+|the\s+)?(?:concerns?|allegations?|suspicions?|abuse"
            r"|disclosures?|children|adults|him|her|them|it)\b)(?:[\w'-]+\s+){1,5}?to\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+)"
            r"{0,6}?(?:Board|Partnership|Committee|Panel|Executive|Sub-?[Gg]roup|Forum|Parliament|Minister)\b"
        ),
        starts=_both_cases("report"),
    ),
    Probe(
        "monitoring",
        frozenset({"reported", "presented", "submitted"}),
        regex.compile(
            r"\b(?i:\L<objects>)\b(?:\s+[\w'-]+){0,8}?\s+(?:be|is|are)\s+(?:reported|presented|submitted)"
            r"\s+(?:[\w-]+\s+)?(?:to|for)\s+(?:the\s+)?(?:[A-Z][\w'-]*|(?:[\w'-]+\s+){0,2}?(?:board|partnership"
            r"|committee|panel|executive|minister|parliament|group|forum))\b",
            objects=sorted(REPORT_OBJECTS),
        ),
    ),
    Probe(
        "monitoring",
        frozenset({"assurance", "assurances", "assured"}),
        re.compile(
            r"\b(?:seek|seeks|sought|seeking|receive|receives|received|receiving|obtain|obtains|obtained|gain|gains"
            r"|provide|provides|provided"
            r"|give|gives|given|request|requests|requested)\s+(?:[\w-]+\s+){0,2}assurances?\b|\bassurances?\s+(?:that"
            r"|from|to|report|on)\b|\bbe\s+assured\b",
            _I,
        ),
    ),
    Probe(
        # assurance given to another body, also asked as a question: "Can the ICB assure the Partnership
        # that ...?", "the Trust should assure the Board that ..."; not "assure itself" (satisfy itself) nor
        # "assure families that ..." (reassuring people is practice)
        "monitoring",
        frozenset({"assure", "assures", "reassure", "reassures"}),
        re.compile(
            r"\b(?:re)?assures?\s+(?:the\s+)?(?:(?-i:[A-Z])[\w'-]*|(?:[\w'-]+\s+){0,2}?(?:board|partnership|committee"
            r"|panel|executive|group|forum|council|commissioners?|regulator|minister|secretary))(?:\s+[\w'-]+){0,3}?"
            r"\s+that\b",
            _I,
        ),
    ),
    Probe(
        # written confirmation is a reporting mechanism, like assurance: "confirm in writing to the Board
        # that ...", "provide written confirmation that ..."
        "monitoring",
        frozenset({"writing", "written"}),
        re.compile(
            r"\bconfirm(?:s|ed|ing)?\s+(?:[\w-]+\s+){0,6}?in\s+writing\b|\bwritten\s+(?:confirmation|assurances?)\b",
            _I,
        ),
    ),
    Probe(
        "monitoring",
        frozenset({"update", "updates"}),
        re.compile(
            r"\b(?:provide|provides|give|gives|submit|submits|present|presents|send"
            r"|sends)\s+(?:[\w-]+\s+){0,4}?updates?\b|\bupdates?\s+(?:to|for)\s+the\s+\w",
            _I,
        ),
    ),
    Probe(
        "monitoring",
        frozenset(
            {
                "indicator",
                "indicators",
                "kpi",
                "kpis",
                "dashboard",
                "dashboards",
                "data",
                "dataset",
                "datasets",
                "scorecard",
                "scorecards",
                "information",
                "performance",
            }
        ),
        re.compile(
            r"\b(?:performance\s+indicators?|key\s+performance|KPIs?|dashboards?|data\s*sets?|performance\s+data"
            r"|management\s+information|scorecards?)\b",
            _I,
        ),
    ),
    Probe(
        "monitoring",
        frozenset({"evidence"}),
        re.compile(
            r"\b(?:provide|provides|provided|providing|submit|submits|present|presents|give|gives|produce"
            r"|produces)\s+(?:[\w-]+\s+){0,2}?evidence\b",
            _I,
        ),
    ),
    Probe(
        "monitoring",
        frozenset({"measured", "evidenced", "demonstrated", "tested"}),
        re.compile(r"\b(?:measured|evidenced|demonstrated|tested)\s+(?:by|through|against)\b", _I),
    ),
    Probe("monitoring", _forms("benchmark:s,ed,ing"), re.compile(r"\bbenchmark(?:s|ed|ing)?\b", _I)),
    Probe(
        # a standing meeting with a stated rhythm and a tracking purpose is a monitoring mechanism:
        # "the panel should meet monthly to review every case open for six months"
        "monitoring",
        frozenset({"meet", "meets", "meeting"}),
        re.compile(
            r"\bmeet(?:s|ing)?\s+(?:at\s+least\s+)?(?:weekly|fortnightly|monthly|bi-monthly|quarterly|six-monthly|annually"
            r"|every\s+(?:\w+\s+)?(?:weeks?|months?)|(?:once|twice)\s+(?:a|each|every)\s+(?:week|month|quarter|year))"
            r"\s+to\s+(?:track|monitor|review|oversee|scrutini[sz]e|audit)\b",
            _I,
        ),
    ),
    # an outcome: an effect on practice or on people, not an activity
    Probe(
        "outcome",
        _CHANGE,
        re.compile(
            rf"\b(?:fewer|less|lower|higher|reduc(?:e|es|ed|ing|tion)(?:\s+in)?|decreas(?:e|es|ed|ing)(?:\s+in)?"
            rf"|increas(?:e|es|ed|ing)(?:\s+in)?|ris(?:e|es)\s+in|falls?\s+in|drops?\s+in"
            rf"|improvements?\s+in)\s+(?:the\s+)?(?:[\w'-]+\s+){{0,3}}?(?:{_OUTCOME_NOUNS})\b",
            _I,
        ),
    ),
    Probe(
        "outcome",
        _AUDIT,
        re.compile(
            r"\baudit\w*\s+(?:[\w'-]+\s+){0,5}?(?:shows?|showing|demonstrates?|demonstrating|confirms?|confirming"
            r"|evidences?|finds|found)\b",
            _I,
        ),
    ),
    Probe(
        "outcome",
        frozenset({"evidenced", "demonstrated", "measured", "shown"}),
        re.compile(
            r"\b(?:evidenced|demonstrated|measured|shown)\s+by\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:audit|survey|evaluation"
            r"|feedback|data|sample)",
            _I,
        ),
    ),
    Probe(
        "outcome",
        _AUDIT,
        re.compile(
            rf"\baudit(?:s|ed|ing)?\s+(?:of\s+)?(?:at\s+least\s+)?{_NUM}\s+(?:[\w-]+\s+)?(?:cases|case\s+files|files|records"
            rf"|assessments|referrals|plans)",
            _I,
        ),
        True,
    ),
    Probe(
        "outcome",
        frozenset({"impact", "effectiveness", "outcome", "outcomes", "effect"}),
        re.compile(
            r"\b(?:evaluat\w*|measur\w*|assess\w*)\s+(?:[\w'-]+\s+){0,3}?(?:impact|effectiveness|outcomes?|effect)\b"
            r"|\b(?:impact|effectiveness|outcomes?)\s+(?:of\s+[\w\s'-]{1,60}?\s+)?(?:is|are|will\s+be|should\s+be"
            r"|must\s+be)\s+(?:evaluated|measured|audited|assessed|monitored)",
            _I,
        ),
    ),
)
_PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)


# a deliverable given as the means: "improve the response by introducing a risk assessment checklist"
BY_MAKING_GERUNDS = frozenset(
    v[:-1] + "ing" if v.endswith("e") and not v.endswith("ee") else v + "ing" for v in MAKE_VERBS | CHANGE_VERBS
)
BY_MAKING = regex.compile(
    r"\b(?:by|through)\s+(?:\L<making>)\b(?:\s+[\w'-]+){0,6}?\s+\L<deliverables>\b",
    regex.IGNORECASE,
    making=sorted(BY_MAKING_GERUNDS),
    deliverables=sorted(DELIVERABLES, key=len, reverse=True),
)


# a change verb produces its deliverable whatever the object: "enhance its response by appointing a hospital IDVA"
BY_CHANGING = regex.compile(
    r"\b(?:by|through)\s+(?:\L<changing>)\b(?:\s+[\w'-]+){1,4}",
    regex.IGNORECASE,
    changing=sorted(
        {
            v[:-1] + "ing" if v.endswith("e") and not v.endswith("ee") else v + "ing"
            for v in CHANGE_VERBS - {"monitor", "evaluate"}  # "by monitoring her weight" is casework
        }
    ),
)


class Measure(NamedTuple):
    category: str  # "outcome", "quantity", "monitoring", "deliverable"
    start: int
    end: int


class MeasureDetail(NamedTuple):
    measures: list[Measure]
    anchor: tuple[int, int] | None = None  # the main action's words, for MS001

    @property
    def measurable(self) -> bool:
        return bool(self.measures)

    @property
    def kind(self) -> str | None:
        if not self.measures:
            return None
        return "outcome" if any(m.category == "outcome" for m in self.measures) else "output"

    def best(self) -> Measure | None:
        order = {"outcome": 0, "quantity": 1, "monitoring": 2, "deliverable": 3}
        return min(self.measures, key=lambda m: (order[m.category], m.start)) if self.measures else None


# -- deliverables found through the actions ---------------------------------------------------------


# nouns that point at a source rather than at the thing produced: "implement the recommendations of
# the Law Commission's report" produces no report
_SOURCE_POINTERS = frozenset(
    {"recommendations", "findings", "learning", "lessons", "messages", "conclusions", "outcome", "outcomes"}
)
_POINTING = frozenset({"from", "of", "in", "by", "since", "following", "after", "throughout"})


# the document that makes the recommendation is not a deliverable of it: "learned from this review"
_THIS_DOCUMENT = frozenset({"review", "reviews", "report", "inquiry"})


class _Starts(dict):
    """terms -> the words a match of `_find` can start with: the one-word terms and the first word
    of each longer term (a token never holds a space), so most tokens are passed over with one
    set lookup instead of two formatted pairs. Keyed by the (few, module-level) term sets."""

    def __missing__(self, terms: frozenset[str]) -> frozenset[str]:
        starts = self[terms] = frozenset(t.split(" ")[0] for t in terms)
        return starts


_STARTS = _Starts()


def _find(p: Parse, i: int, j: int, terms: frozenset[str]) -> int | None:
    low = p.low
    starts = _STARTS[terms]
    for k in range(i, j):
        if low[k] not in starts:
            continue  # no term starts here (the checks below all need one to)
        if p.roles[k] in ("sub", "rationale", "question"):
            continue
        if (
            low[k] in terms
            or (k + 1 < j and f"{low[k]} {low[k + 1]}" in terms)
            or (k + 2 < j and low[k + 1] == "of" and f"{low[k]} of {low[k + 2]}" in terms)
        ):
            if low[k] == "course" and k > 0 and low[k - 1] == "due":
                continue  # "in due course" is a time phrase, not a training course
            if low[k] in _THIS_DOCUMENT and k >= 2 and low[k - 1] in {"this", "these"} and low[k - 2] in _POINTING:
                continue
            if any(
                low[m] in _SOURCE_POINTERS and m + 1 < len(low) and low[m + 1] in {"of", "from", "in"}
                for m in range(max(i, k - 5), k)
            ):
                continue
            return k
    return None


_FRONTED = frozenset({"within", "by", "before", "over", "following", "after", "in", "from", "during", "as"})


def _head_phrase(p: Parse, s0: int, s1: int) -> tuple[int, int]:
    """The head noun phrase of a subject: up to its first preposition or clause word
    ("Learning from this review" -> "Learning"; "The threshold document" -> all of it). A fronted
    adverbial is not the subject: "By the end of June, a joint working agreement ..." -> "a joint working agreement"."""
    low = p.low
    if s0 < s1 and low[s0] in _FRONTED:
        for k in range(s0 + 1, s1 - 1):
            if low[k] == "," and p.depth[k] == 0:
                s0 = k + 1
                break
    for k in range(s0, s1):
        if (
            k > s0
            and p.depth[k] == 0
            and (
                low[k]
                in {"of", "from", "for", "to", "in", "on", "about", "with", "by", ",", "which", "who", "that", "where"}
            )
        ):
            return s0, k
    return s0, s1


def _is_vague_verb(p: Parse, action: Action) -> bool:
    if action.verb == "give" and is_consideration(p, action):
        return True
    if action.verb in CONTENT_VERBS and is_inanimate(p, action):
        return False
    return (
        action.verb in VAGUE_SINGLE
        or action.verb in VAGUE_MULTI
        and vague_multi(p, action)
        or not AIM_NOUNS.isdisjoint(p.wordset)  # (aim_object's own first test, inline)
        and aim_object(p, action)
    )


def _span_to(p: Parse, action: Action, k: int) -> tuple[int, int]:
    """From the action's verb to the deliverable noun at token k (or back from it, for a passive)."""
    a = min(action.head, k)
    b = max(action.last, k)
    if b == k and k + 2 < len(p.low) and p.low[k + 1] == "of" and f"{p.low[k]} of {p.low[k + 2]}" in DELIVERABLES:
        b = k + 2  # "key lines of enquiry"
    elif b == k and k + 1 < len(p.low) and f"{p.low[k]} {p.low[k + 1]}" in DELIVERABLES:
        b = k + 1  # "a statutory duty"
    if b - a > 12:
        a, b = (k, k) if k < action.head else (action.head, action.last)
    return p.starts[a], p.ends[b]


_TRIM = frozenset(
    {
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "the",
        "a",
        "an",
        "and",
        "or",
        ",",
        "its",
        "their",
        "whether",
        "not",
    }
)


def _phrase_end(p: Parse, a0: int, a1: int, last: int) -> int:
    """Last token of a short object phrase: at most 7 tokens, not ending on a function word."""
    end = min(a1, a0 + 7) - 1
    while end >= a0 and (p.low[end] in _TRIM or not p.low[end][0].isalnum()):
        end -= 1
    return end if end >= a0 else last


def _materials_span(p: Parse, m: regex.Match[str]) -> tuple[int, int]:
    """Extend a materials match over the words that continue it ("publicity and training materials")."""
    k = p.token_at(m.end() - 1) + 1
    end = m.end()
    while k < len(p.low) and (
        p.low[k] in MATERIALS or (p.low[k] == "and" and k + 1 < len(p.low) and p.low[k + 1] in MATERIALS)
    ):
        end = p.ends[k]
        k += 1
    return m.start(), end


_PERSON_WORDS = frozenset(
    {
        "child",
        "children",
        "child's",
        "baby",
        "infant",
        "adult",
        "adult's",
        "patient",
        "patients",
        "patient's",
        "person",
        "person's",
        "weight",
        "health",
        "behaviour",
        "development",
        "mood",
        "wellbeing",
        "risk",
        "risks",
        "family",
        "mother",
        "father",
        "parent",
        "parents",
    }
)


def _watches_a_person(p: Parse, action: Action) -> bool:
    """The object of "monitor"/"evaluate" is a person or their state: a clinical or casework act."""
    s0, s1 = _head_phrase(p, *action.subj) if action.passive else (action.arg[0], min(action.arg[1], action.arg[0] + 4))
    return not _PERSON_WORDS.isdisjoint(p.low[s0:s1])


_EVERY = frozenset({"every", "all", "each"})
_LETTER_CONTENT = frozenset({"setting", "outlining", "explaining", "summarising", "informing", "reminding", "asking"})
_GERUNDS = frozenset(
    (v[:-1] if v.endswith("e") and not v.endswith("ee") else v) + "ing" for v in MAKE_VERBS | CHANGE_VERBS | ESTABLISH_VERBS
)


_SPEED_VERBS = frozenset(
    {"prioritise", "prioritize", "accelerate", "expedite", "progress", "complete", "resource", "support", "oversee"}
)
_UPDATE_VERBS = frozenset({"update", "refresh", "replace", "extend", "expand", "relaunch"})


def _named_object(p: Parse, a0: int, a1: int) -> int | None:
    """The last word of a proper-named object ("update the Authorised Professional Practice on stalking"): a
    named document or system is a deliverable when it is updated."""
    k = a0
    while k < a1 and p.low[k] in {"the", "its", "their", "current", "existing", "national", "local"}:
        k += 1
    last = None
    while k < a1 and p.raw[k][0].isupper() and p.low[k] not in MONTHS:
        last = k
        k += 1
    return last if last is not None and last > a0 and k - a0 >= 2 else None


def _per_case(p: Parse, a0: int, a1: int) -> bool:
    """The action is repeated in each case ("after each visit", "whenever ..."): practice, not a deliverable."""
    low = p.low
    return any(
        low[m] in {"after", "following", "at", "on", "for"} and low[m + 1] in {"each", "every", "any"}
        for m in range(a0, a1 - 1)
    ) or "whenever" in low[a0:a1]


def _gerund_deliverable(p: Parse, a0: int, a1: int) -> int | None:
    """A deliverable made by the gerund that opens a region: "(to) commissioning a thematic review"."""
    k = a0 + 1 if a0 < a1 and p.low[a0] == "to" else a0
    if k < a1 and p.low[k] in _GERUNDS:
        return _find(p, k + 1, min(a1, k + 8), _DELIVERABLES_BODIES)
    return None


_SERVICE_USERS = _PERSON_WORDS | frozenset(
    {
        "resident",
        "residents",
        "adults",
        "victim",
        "victims",
        "carer",
        "carers",
        "people",
        "families",
        "client",
        "clients",
        "user",
        "users",
        "tenant",
        "tenants",
        "pupil",
        "pupils",
        "woman",
        "women",
        "man",
        "men",
        "leaver",
        "leavers",
        "prisoner",
        "prisoners",
        "offender",
        "offenders",
        "student",
        "students",
        "learner",
        "learners",
        "survivor",
        "survivors",
        "perpetrator",
        "perpetrators",
        "detainee",
        "detainees",
        "individual",
        "individuals",
        "mothers",
        "fathers",
        "babies",
        "infants",
        "girls",
        "boys",
    }
)


_FIELD_SEPARATORS = frozenset({"–", "—", "-", "|"})
# where a verbless action field's head noun phrase ends: "Multi-agency training on neglect"
_FIELD_HEAD_END = frozenset({"on", "for", "from", "of", "to", "about", "in", "with", "and", ",", "(", ":"})


def _row_field_end(p: Parse, fields: int = 3) -> int | None:
    """An action-plan row pasted as text ("<action> – <owner> – <date>", fields split on spaced dashes
    or pipes): the index of the separator that closes the action field, else None. At least two
    separators of one kind, and a short last field, tell a row from a sentence with a dashed aside."""
    text = p.text
    if "–" not in text and "—" not in text and "|" not in text and " - " not in text:
        return None  # most recommendations: no field separator at all
    low = p.low
    first: int | None = None
    count = 0
    last = 0
    kind = ""
    for k, w in enumerate(low):
        if w in _FIELD_SEPARATORS and p.depth[k] == 0:
            if first is None:
                first, kind, last = k, w, k
                count = 1
            elif w == kind:
                count += 1
                last = k
    if first is None or count < fields - 1 or first == 0 or len(low) - last - 1 > 6:
        return None
    return first


def _clamped(action: Action, end: int) -> Action:
    return replace(action, arg=(action.arg[0], end), last=min(action.last, end - 1))


def _verbless_row_deliverable(p: Parse, end: int | None) -> tuple[int, int] | None:
    """A row whose action field is a noun phrase headed by a deliverable: "Multi-agency training on X –
    All agencies – Q1" is a training deliverable. A field with a verb is judged as a demand."""
    if end is None:
        return None
    for action in p.actions:
        if action.head < end:
            return None
    low = p.low
    for k in range(0, min(end, 6)):
        if low[k] in _FIELD_HEAD_END:
            break
        if low[k] in DELIVERABLES and low[k] != "lead":
            return p.starts[0], p.ends[end - 1]
    return None


# any_in(text, MATERIALS_GATES) as one search (the gates are plain strings)
_MATERIALS_GATE = re.compile("|".join(re.escape(g) for g in MATERIALS_GATES))


_MAKING_GERUNDS = tuple(sorted(BY_MAKING_GERUNDS))
_BY_THROUGH = ("by", "through")


def _may_say_by(p: Parse, a0: int, a1: int) -> bool:
    """False only when BY_MAKING and BY_CHANGING cannot match in the text of tokens [a0, a1): both
    need "by" or "through" there (any case; checked on the lower-cased text when its offsets are the
    text's), and, in ASCII text, a token ending in one of them followed by a token that starts with
    one of their gerunds (the words are whole tokens: only spaces can separate them). Outside ASCII,
    ignoring case also matches a few other letters (the long s), so the patterns decide."""
    lower = p.lower
    if len(lower) != len(p.text):
        return True
    start, end = p.starts[a0], p.ends[a1 - 1]
    if lower.find("by", start, end) == -1 and lower.find("through", start, end) == -1:
        return False
    if not p.text.isascii():
        return True
    low = p.low
    for k in range(a0, a1 - 1):
        if low[k].endswith(_BY_THROUGH) and low[k + 1].startswith(_MAKING_GERUNDS):
            return True
    return False


_HAS_MATERIAL = 1  # the word holds one of the MATERIALS_GATES
_HAS_GERUND = 2  # the word starts with one of BY_MAKING's gerunds
_ALL_FLAGS = _HAS_MATERIAL | _HAS_GERUND


class _WordSets:
    """The words seen so far, split by the flags they carry: each distinct word is worked out once per
    process (bounded over a huge corpus, like specific._WordStems), and a recommendation's flags are
    then read with set operations on its words."""

    def __init__(self) -> None:
        self.known: set[str] = set()
        self.material: set[str] = set()  # words holding one of the MATERIALS_GATES
        self.gerund: set[str] = set()  # words starting with one of BY_MAKING's gerunds

    def learn(self, words: Iterable[str]) -> None:
        if len(self.known) > 100_000:
            self.known.clear()
            self.material.clear()
            self.gerund.clear()
        for word in words:
            self.known.add(word)
            if any(g in word for g in MATERIALS_GATES):
                self.material.add(word)
            if word.startswith(_MAKING_GERUNDS):
                self.gerund.add(word)

    def flags(self, words: frozenset[str]) -> int:
        if not words <= self.known:
            self.learn(words - self.known)
        return (0 if words.isdisjoint(self.material) else _HAS_MATERIAL) | (
            0 if words.isdisjoint(self.gerund) else _HAS_GERUND
        )


_WORDS = _WordSets()
# the gates are letters only, so in a text whose lower case keeps its offsets an occurrence lies
# inside one token (a token is a whole run of word characters and more)
_GATES_ARE_LETTERS = all(g.isascii() and g.isalpha() for g in MATERIALS_GATES)


def _word_flags(p: Parse) -> int:
    """The _HAS_* flags of any of the recommendation's words; all of them when a flag cannot be
    read from the words: outside ASCII (ignoring case also matches a few other letters, such as
    the long s)."""
    if not p.text.isascii() or not _GATES_ARE_LETTERS:
        return _ALL_FLAGS
    return _WORDS.flags(p.wordset)


def _may_name_materials(p: Parse, a0: int, a1: int) -> bool:
    """Whether a MATERIALS_GATES word occurs in the lower-cased text of tokens [a0, a1)."""
    if _GATES_ARE_LETTERS and len(p.lower) == len(p.text):
        words = p.low[a0:a1]
        if not _WORDS.known.issuperset(words):
            _WORDS.learn(set(words) - _WORDS.known)
        return not _WORDS.material.isdisjoint(words)
    return _MATERIALS_GATE.search(p.lower, p.starts[a0], p.ends[a1 - 1]) is not None


def _deliverable(
    p: Parse, action: Action, end: int | None = None, flags: int = _ALL_FLAGS
) -> tuple[int, int] | None:
    """The span of the deliverable the action produces, or None. ``flags`` (from _word_flags) lets
    searches that need a word the recommendation lacks be skipped."""
    if action.role in ("rationale", "sub"):
        return None
    if end is not None and action.head < end < action.arg[1]:
        # the action field of a pasted row ends at its separator: the owner field is no object
        action = _clamped(action, end)
    if action.wrapper_kind == "ensure":
        contains = _document_contains(p, action)  # "ensure that its neglect strategy sets out ..."
        if contains is not None:
            return contains
    if action.wrapper_kind in ("ensure", "satisfy") and action.inner is not None:
        return None  # "make sure that officers are conversant with the guidance": judged by the clause inside
    s0, s1 = action.subj
    a0, a1 = action.arg
    verbs = set(action.verbs)
    if action.copula:
        if copula_vague(p, action):
            return None  # "GPs are aware of the local guidance": the guidance is known, not produced
        k = _find(p, a0, min(a1, a0 + 8), _COPULA_REQUIRED)
        if k is not None:
            return _span_to(p, action, k)
        if a0 < a1 and p.low[a0] in {"in", "available", "established", "agreed", "operational"}:
            if a0 + 1 >= a1 or p.low[a0] != "in" or p.low[a0 + 1] in _IN_PLACE:
                k = _find(p, s0, s1, DELIVERABLES)
                if k is not None:
                    return _span_to(p, action, k)
        return None
    if a1 > a0 and flags & _HAS_GERUND and _may_say_by(p, a0, a1):
        m = BY_MAKING.search(p.text, p.starts[a0], p.ends[a1 - 1]) or BY_CHANGING.search(
            p.text, p.starts[a0], p.ends[a1 - 1]
        )
        if m is not None:
            return m.start(), m.end()
    if verbs & MESSAGE_VERBS:
        # a message put into named publicity or training materials
        if subject_head(p, action) in MATERIALS:
            return p.starts[s0], p.ends[action.last]
        m = MATERIALS_LOCATIVE.search(
            p.text,
            p.starts[s0] if s0 < s1 else p.starts[action.head],
            p.ends[a1 - 1] if a1 > a0 else p.ends[action.last],
        )
        if m is not None:
            return _materials_span(p, m)
        return None
    placed = placed_in_instrument(p, action) or through_deliverable(p, action)
    if placed is not None and not p.lower.endswith("due course", placed[0], placed[1]):  # a time phrase
        return placed  # "reflect the learning in its domestic abuse strategy", "through a coordinator post"
    if a1 > a0 and flags & _HAS_MATERIAL and _may_name_materials(p, a0, a1):
        m = MATERIALS_LOCATIVE.search(p.text, p.starts[a0], p.ends[a1 - 1])
        if m is not None and not p.lower.endswith("due course", m.start(), m.end()):
            return _materials_span(p, m)  # "raise awareness ... through a leaflet", "cascaded ... through the newsletter"
    if verbs & _SPEED_VERBS and a1 > a0:
        # a nominal change as the object: "prioritise the recruitment of AMHPs", "support the development of ..."
        k = a0 + 1 if p.low[a0] in {"the", "its", "their"} else a0
        if k + 1 < a1 and p.low[k] in _SPED_CHANGES and p.low[k + 1] == "of":
            return p.starts[action.head], p.ends[min(a1 - 1, k + 4)]
    if action.verb == "consider" or action.verb == "give" and is_consideration(p, action):
        # a hedge does not hide a deliverable: "should consider commissioning a thematic review"
        k = _gerund_deliverable(p, a0, a1)
        if k is not None:
            return _span_to(p, action, k)
    if _is_vague_verb(p, action):
        return _coordinated_deliverable(p, action)
    if verbs & CHANGE_VERBS:
        if verbs <= {"monitor", "evaluate"} and _watches_a_person(p, action):
            return None  # "monitor the child's weight": practice, not a monitoring mechanism
        if action.passive:
            first = s0 if 0 < s1 - s0 <= 8 else action.start
            return p.starts[first], p.ends[action.last]
        return p.starts[action.head], p.ends[_phrase_end(p, a0, a1, action.last)]
    if action.verb == "have" and subject_head(p, action) not in _SERVICE_USERS:
        # "ensure that GP practices have a named safeguarding lead", "every trust should have a
        # non-executive director responsible for safeguarding": the deliverable must exist; but "every
        # resident has an annual review" is a practice standard for each case
        k = _find(p, a0, min(a1, a0 + 4), _DELIVERABLES_BODIES)
        if k is not None:
            return _span_to(p, action, k)
    if action.passive and action.verb in _POST_VERBS:
        # "A single point of contact should be identified": the post is the deliverable; so is "a named
        # manager should be identified": a named or designated person is a post to fill
        h0, h1 = _head_phrase(p, s0, s1)
        k = _find(p, h0, min(s1, h1 + 2), POST_NOUNS)  # "point of contact" runs past the head's "of"
        if k is None and not _NAMED.isdisjoint(p.low[s0 : min(s1, s0 + 3)]):
            k = s0
        if k is not None:
            return p.starts[s0], p.ends[action.last]
    if action.passive and verbs & _APPROVE_VERBS:
        # "the revised referral form should be approved by the Board": the document is signed off
        k = _find(p, *_head_phrase(p, s0, s1), DELIVERABLES)
        if k is not None:
            return p.starts[s0], p.ends[action.last]
    if verbs & _APPROVE_VERBS and not action.passive and a1 > a0:
        # approving, ratifying or signing off a named document: "approve the revised referral form"
        k = _find(p, a0 + (p.low[a0] == "off"), min(a1, a0 + 7), DELIVERABLES)
        if k is not None:
            return _span_to(p, action, k)
    # "bring forward legislation", "draw up a protocol" (the particle may close the verb group)
    particle = a0 < a1 and (action.verb, p.low[a0]) in _PHRASAL_MAKE
    if verbs & MAKE_VERBS or particle or (action.verb, p.low[action.last]) in _PHRASAL_MAKE:
        if action.verb == "make" and "use" in p.low[a0 : min(a1, a0 + 4)]:
            return None  # "make full use of the referral database": using it, not producing it
        k = None if _purpose_unmade(p, a0, a1) else _find(p, a0 + particle, a1, _MADE)
        if k is None and action.passive:
            k = _find(p, *_head_phrase(p, s0, s1), _MADE)
        if k is None and verbs & _UPDATE_VERBS and not action.passive:
            k = _named_object(p, a0, a1)
        if k is not None:
            return _span_to(p, action, k)
    if verbs & ESTABLISH_VERBS:
        k = _find(p, a0, min(a1, a0 + 6), BODIES)
        if k is None and action.passive:
            # "That a single point of contact for carers be established", "a protocol should be created"
            h0, h1 = _head_phrase(p, s0, s1)
            k = _find(p, h0, min(s1, h1 + 2), _ESTABLISHED)
        if k is not None:
            return _span_to(p, action, k)
    if verbs & {"write", "report"} and not action.passive and a0 + 2 < a1 and p.low[a0] == "to":
        # a letter or report to a named body: "write to the Secretary of State"; a letter to every
        # provider, or one that sets out its content: "write to all registered providers setting out ..."
        k = a0 + 1 if p.low[a0 + 1] != "the" else a0 + 2
        if _per_case(p, a0, a1):
            pass  # "write to the GP after each visit": practice in every case, not a deliverable
        elif (
            p.raw[k][0].isupper()
            or ("write" in verbs and p.low[a0 + 1] in _EVERY)
            or ("write" in verbs and not _LETTER_CONTENT.isdisjoint(p.low[a0 + 2 : min(a1, a0 + 12)]))
        ):
            return p.starts[action.head], p.ends[_phrase_end(p, a0, a1, action.last)]

    if verbs & CONTENT_VERBS:
        head = subject_head(p, action)
        if head in DELIVERABLES or (
            head and head in INANIMATE and head not in {"assessment", "assessments", "record", "process", "plan"}
        ):
            return p.starts[s0], p.ends[action.last]
    if verbs & {"recommend", "propose", "request", "require"} and a1 > a0:
        # "The Inquiry recommends a review of the regulatory framework"
        k = _find(p, a0, min(a1, a0 + 5), _RECOMMENDED)
        if k is not None:
            return _span_to(p, action, k)
    # a nominal change in the subject: "That the redrafting of the standards be accelerated"
    for k in range(s0, s1 - 1):
        if p.low[k] in _NOMINAL_CHANGES and p.low[k + 1] == "of":
            return p.starts[k], p.ends[min(s1 - 1, k + 5)]
    return None


# "bring forward legislation", "put forward proposals", "draw up a protocol": a making verb with its particle
_PHRASAL_MAKE = frozenset({("bring", "forward"), ("put", "forward"), ("draw", "up"), ("carry", "out")})
APPROVE_VERBS = words("measure_approve_verbs")
_APPROVE_VERBS = APPROVE_VERBS
_NAMED = frozenset({"named", "designated", "nominated", "dedicated"})
_POST_VERBS = frozenset({"identify", "name", "nominate", "designate", "appoint", "agree", "confirm"})
_DETERMINERS = frozenset({"the", "its", "their", "a", "an", "all", "any", "his", "her", "our", "local", "current"})
_COORD_CHANGES = CHANGE_VERBS - {"monitor", "evaluate"}
# unions of the term sets, made once (each is a few hundred words)
_COPULA_REQUIRED = _COPULA_DELIVERABLE | {"requirement"}
_DELIVERABLES_BODIES = DELIVERABLES | BODIES
_ESTABLISHED = BODIES | POST_NOUNS | DELIVERABLES
_RECOMMENDED = DELIVERABLES | _NOMINAL_CHANGES
_SPED_CHANGES = _NOMINAL_CHANGES | {"recruitment", "appointment"}


def _purpose_unmade(p: Parse, a0: int, a1: int) -> bool:
    """ "Further work should be undertaken to understand why victims rarely report": the object is a
    purpose infinitive whose verb makes nothing, so a noun inside it ("report") is no deliverable;
    "undertaken to develop a protocol" still makes one."""
    low = p.low
    k = a0
    while k + 1 < min(a1, a0 + 6) and low[k] != "to":
        if low[k] in _MADE and not (k > a0 and low[k - 1] == "due"):  # "in due course" is no course
            return False  # the object comes first: "undertaken a review in due course to ..."
        k += 1
    if k + 1 >= a1 or low[k] != "to":
        return False
    tags = TAGS.get(low[k + 1])
    if tags is None or "base" not in tags:
        return False
    lemma = lemma_of(low[k + 1])
    return lemma not in MAKE_VERBS and lemma not in CHANGE_VERBS and lemma not in ESTABLISH_VERBS


def _coordinated_deliverable(p: Parse, action: Action) -> tuple[int, int] | None:
    """A second demand joined inside the argument of the first, which the parser leaves as words:
    "strengthen its safeguarding supervision and update the supervision policy", "raise awareness of the
    risks and produce a leaflet for carers". Only after a vague main verb, which measures nothing itself."""
    a0, a1 = action.arg
    if action.passive or action.copula or action.role not in ("main", "inner"):
        return None
    if action.form not in ("imperative", "modal", "infinitive", "subjunctive"):
        return None
    low = p.low
    for k in range(a0, a1 - 2):
        if low[k] != "and" or p.depth[k] != 0 or low[k + 2] not in _DETERMINERS:
            continue
        verb = low[k + 1]
        tags = TAGS.get(verb)
        if tags is None or "base" not in tags:
            continue
        lemma = lemma_of(verb)
        if lemma in _COORD_CHANGES:
            return p.starts[k + 1], p.ends[_phrase_end(p, k + 2, a1, k + 1)]
        if lemma in MAKE_VERBS:
            m = _find(p, k + 2, min(a1, k + 9), _MADE)
            if m is not None:
                return p.starts[k + 1], p.ends[m]
    return None


_CONTENT_FINITE = CONTENT_VERBS | frozenset(v + ("es" if v.endswith(("s", "sh", "ch", "x")) else "s") for v in CONTENT_VERBS)
# activities, not documents: "ensure that every review includes the father" is a practice standard
_ACTIVITY_NOUNS = frozenset(
    {"review", "reviews", "audit", "audits", "inspection", "evaluation", "consultation", "exercise", "event", "events"}
)


def _document_contains(p: Parse, action: Action) -> tuple[int, int] | None:
    """An ensure wrapper around a finite content clause with a particular document as its subject:
    "ensure that its discharge policy covers ...", "make sure the local procedures set out ...". The
    document must be changed to say so: a deliverable. A quantified or activity subject ("that all
    assessments include fathers", "that every review includes ...") is a practice standard."""
    a0, a1 = action.arg
    low = p.low
    k = a0 + 1 if a0 < a1 and low[a0] == "that" else a0
    if k >= a1 or low[k] not in {"the", "its", "their", "his", "her", "our"}:
        return None
    for m in range(k + 1, min(a1, k + 9)):
        if low[m] in _CONTENT_FINITE and p.depth[m] == 0:
            head = low[m - 1]
            if head in DELIVERABLES and head not in _ACTIVITY_NOUNS:
                return p.starts[k], p.ends[m]
            return None
        if low[m] in {",", "that", "which", "who", "is", "are", "should", "will", "must", "and", "or"}:
            return None
    return None


def _predicate_end(p: Parse, action: Action) -> int:
    """Last token of the words that say what is asked: the verb, or for "be" its complement
    ("be more curious", "are alert")."""
    if not action.copula:
        return action.last
    k = action.arg[0]
    end = min(action.arg[1], k + 3)
    last = action.last
    while k < end and p.low[k][0].isalnum() and p.low[k] not in {"to", "of", "about", "in", "on", "for", "with", "that"}:
        last = k
        k += 1
    return last


# -- the analysis ----------------------------------------------------------------------------------


_DIGIT = re.compile(r"\d")


def _usable(p: Parse, start: int) -> bool:
    return p.role_at(start) not in ("sub",)


_EVENT_TIMING = re.compile(
    r"\s*(?:\w+\s+)?(?:hours?|days?|weeks?|months?)?\s*(?:before|after|prior\s+to|ahead\s+of|following|of)\b", _I
)
_TIME_UNIT = re.compile(r"\b(?:hours?|days?|weeks?|months?)\b", _I)


def _per_case_timing(text: str, m: re.Match[str] | regex.Match[str], tokens: frozenset[str]) -> bool:
    """ "ensure that every prisoner has a plan agreed at least 12 weeks before release": the number
    times a universal practice rule in each case (SMART guide: a universal practice rule is a
    standard, not a target), so it measures nothing."""
    if tokens.isdisjoint(_EVERY):
        return False
    if _TIME_UNIT.search(m.group(0)) is None and _TIME_UNIT.match(text, m.end() + 1) is None:
        return False
    if _EVENT_TIMING.match(text, m.end()) is None:
        return False
    head = text[: m.start()].lower()
    return any(f"{w} " in head for w in _EVERY)


def _absolute_with(text: str, start: int) -> bool:
    """A trailing ", with compliance measured through an audit of 20 records" belongs to the whole
    demand, not to the "only when ..." clause the parser hangs it on."""
    return text.find(", with ", max(0, start - 60), start) >= 0


_DUE_COURSE = re.compile(r",?\s+(?:in|at)\s+(?:the\s+)?due\s+course$", _I)


def _before_due_course(p: Parse, action: Action, span: tuple[int, int]) -> tuple[int, int] | None:
    """A deliverable span running into "in due course" keeps what comes before the time phrase, when
    that still names a deliverable or the verb itself changes something: "commission a specialist
    advocacy service in due course"; "undertake work in due course" names none."""
    m = _DUE_COURSE.search(p.text, span[0], span[1])
    if m is None or m.start() <= span[0]:
        return None
    kept = p.lower[span[0] : m.start()]
    if set(action.verbs) & CHANGE_VERBS or not _KEPT_TERMS.isdisjoint(kept.split()):
        return span[0], m.start()
    return None


def measurable_detail(rec: RecContext) -> MeasureDetail:
    detail = _measurable_detail(rec)
    if not detail.measures and getattr(rec.item, "cells", None):  # only action-plan rows have cells
        from smartlint.readers.plan import column_span

        column = column_span(rec.item, "measure")  # an action plan's filled Evidence/Outcome measure column
        if column is not None:
            detail.measures.append(Measure("monitoring", column[0], column[1]))
    return detail


# gate word -> the probes it opens, so one set intersection finds the probes to run
def _index_probes() -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for k, probe in enumerate(PROBES):
        for word in probe.gate:
            index.setdefault(word, []).append(k)
    return index


_PROBES_BY_GATE = _index_probes()
_PROBE_GATES = frozenset(_PROBES_BY_GATE)
# gate word -> the probes it opens, as bits of one number (bit k: PROBES[k])
_PROBE_BITS = {word: sum(1 << k for k in set(ks)) for word, ks in _PROBES_BY_GATE.items()}


def _gated_probes(tokens: frozenset[str]) -> list[Probe]:
    """The probes with a gate word among ``tokens``, in PROBES order."""
    return [PROBES[k] for k in _gated_indices(tokens)]


def _gated_indices(tokens: frozenset[str]) -> list[int]:
    """The indices in PROBES of the probes with a gate word among ``tokens``, in order."""
    found = _PROBE_GATES.intersection(tokens)
    if not found:
        return []
    bits = 0
    for word in found:
        bits |= _PROBE_BITS[word]
    return [k for k in range(bits.bit_length()) if bits >> k & 1]


# an escape a lower-case twin may keep: classes and assertions that do not depend on case, and
# escaped punctuation (not \\x41, \\N{...}, \\1 ..., which name letters or groups)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_CASELESS_ESCAPES = frozenset("bBsSwWdD") | frozenset(r"""\.^$*+?{}[]|()-'"#&~ %,:;<=>!/@`_""")
_INLINE_FLAGS = re.compile(r"\(\?[a-zA-Z-]")


def _lower_case_twin(pattern: re.Pattern[str] | regex.Pattern[str]) -> re.Pattern[str] | None:
    """The same pattern without IGNORECASE, for lower-cased ASCII text; None when there is no such twin.

    On ASCII text an IGNORECASE pattern matches exactly where it matches the text's lower case (letters
    are compared without case; \\w, \\s, \\d and \\b do not depend on case), at the same offsets. With
    its letters lower-cased (outside escapes such as \\S or \\W; none that names a letter by number) and
    no flags set inline, it matches lower-case text alike without IGNORECASE, and several times faster."""
    if not isinstance(pattern, re.Pattern) or pattern.flags & ~re.UNICODE != re.IGNORECASE:
        return None
    source = pattern.pattern
    if _INLINE_FLAGS.search(_ESCAPE.sub("", source)) or not all(
        c in _CASELESS_ESCAPES for c in _ESCAPE.findall(source)
    ):
        return None
    pieces = []
    at = 0
    for m in _ESCAPE.finditer(source):
        pieces.append(source[at : m.start()].lower())
        pieces.append(m.group())
        at = m.end()
    pieces.append(source[at:].lower())
    return re.compile("".join(pieces))


_TWINS = tuple(_lower_case_twin(probe.pattern) for probe in PROBES)


def _measurable_detail(rec: RecContext) -> MeasureDetail:
    p: Parse = rec.analysis("core.actions")
    text = p.text
    measures: list[Measure] = []
    tokens = p.wordset
    has_number = None
    # in ASCII text (offsets kept by lower()) the IGNORECASE probes run as their lower-case twins
    twins = _TWINS if text.isascii() else ()
    for k in _gated_indices(tokens):
        probe = PROBES[k]
        if probe.also and tokens.isdisjoint(probe.also):
            continue
        if probe.needs_number:
            if has_number is None:
                has_number = not tokens.isdisjoint(NUMBER_WORDS) or _DIGIT.search(text) is not None
            if not has_number:
                continue
        twin = twins[k] if twins else None
        if twin is not None:
            found = twin.finditer(p.lower)
        elif probe.starts:
            found = matches_at(probe.pattern, text, probe.starts)
        else:
            found = probe.pattern.finditer(text)
        for m in found:
            if not _usable(p, m.start()) and not _absolute_with(text, m.start()):
                continue
            category = probe.category
            if category != "outcome" and p.role_at(m.start()) == "rationale":
                continue
            if category == "quantity" and _per_case_timing(text, m, tokens):
                continue
            if category == "quantity" and _PERCENT.match(text, m.start()):
                window = text[m.end() : m.end() + 60].lower()
                if not any(w in window for w in OUTPUT_WORDS):
                    category = "outcome"  # "fathers recorded in 90% of assessments"
            measures.append(Measure(category, m.start(), m.end()))
    seen: set[tuple[int, int]] = set()
    row_end = _row_field_end(p)
    # a verbless action field needs no third field: "Multi-agency training on neglect – All agencies"
    row = _verbless_row_deliverable(p, row_end if row_end is not None else _row_field_end(p, 2))
    if row is not None:
        seen.add(row)
        measures.append(Measure("deliverable", row[0], row[1]))
    flags = _word_flags(p)
    for action in p.predicate_actions():
        span = _deliverable(p, action, row_end, flags)
        if span is not None and p.lower.endswith("due course", span[0], span[1]):
            span = _before_due_course(p, action, span)  # "in due course" is a time phrase, not a course
        if span is not None and span not in seen:
            seen.add(span)
            measures.append(Measure("deliverable", span[0], span[1]))
    anchor = None
    for action in p.actions:
        if action.role == "main":
            inner = action
            while inner.inner is not None:
                inner = inner.inner
            first = action.start if action.passive else action.head
            anchor = p.span(first, action.last + 1)
            last = _predicate_end(p, inner)
            anchor = (anchor[0], max(anchor[1], p.ends[last]))
            break
    return MeasureDetail(measures, anchor)


def measurable_assessment(rec: RecContext) -> MeasurableAssessment:
    detail: MeasureDetail = rec.analysis("measurable.detail")
    best = detail.best()
    if best is None:
        return MeasurableAssessment(status="unmeasurable", kind=None, text=None)
    return MeasurableAssessment(status="measurable", kind=detail.kind, text=rec.text[best.start : best.end])


# -- rules -----------------------------------------------------------------------------------------


class Unmeasurable(Rule):
    meta = RuleMeta(
        code="MS001",
        name="unmeasurable",
        criterion=Criterion.MEASURABLE,
        severity=Severity.WARNING,
        summary="Nothing says how completion will be known: no target, no tangible deliverable, no monitoring.",
        rationale=_SOURCES
        + " The SMART guide counts a recommendation measurable when it gives a quantity or target, a tangible "
        "deliverable (document, procedure, protocol, guidance, form, tool, system, post, training, review or audit, "
        "report to a named body) or a monitoring mechanism; aims of awareness, understanding or culture and practice "
        "standards ('assessments must always include fathers') are not measurable.",
        fix="Say what will exist or be counted when it is done: a revised procedure, a training programme, an audit "
        "of 20 cases, or a report to the Board.",
        bad=(
            "Practitioners should be reminded that incidents should not be taken in isolation.",
            "Assessments must always include fathers and other significant males in the household.",
            "The Board should explore the feasibility of a web-based information system.",
            "The CCG should ensure that GPs are aware of the local guidance on bruising in babies.",
        ),
        good=(
            "The Board should review the escalation policy by March 2026.",
            "The Trust will audit 20 case files and report the findings to the Safeguarding Partnership.",
            "Children's Social Care will develop a protocol with the Leaving Care team.",
            "Ofsted should add a question on neglect to its inspection framework by June 2026.",
        ),
    )

    def check(self, rec: RecContext):
        detail: MeasureDetail = rec.analysis("measurable.detail")
        if detail.measurable:
            return
        start, end = detail.anchor if detail.anchor else (None, None)
        quoted = rec.text[start:end] if start is not None else None
        message = (
            f"'{quoted}' gives no way to tell when it is done: no target, deliverable or monitoring is named."
            if quoted
            else "Nothing says how completion will be known: no target, deliverable or monitoring is named."
        )
        yield Violation(
            start,
            end,
            message,
            "Add a measure: name the deliverable ('revise the procedure to ...'), a target ('in 90% of assessments') "
            "or a check ('audit 20 cases and report to the Board by ...').",
        )


class OutputOnlyMeasure(Rule):
    meta = RuleMeta(
        code="MS002",
        name="output-only-measure",
        criterion=Criterion.MEASURABLE,
        severity=Severity.INFO,
        summary="Measurable only by an output (a document, training, a count of attendance), with no outcome.",
        rationale=_SOURCES
        + " Brandon et al. (2011) found that output measures (attendance counted, leaflets sent, procedures updated) "
        "were the easiest and the least useful kind; the SMART guide notes a recommendation measured only by outputs "
        "with an information-level finding.",
        fix="Add how the effect on practice will be seen, e.g. 'an audit of 20 cases in six months will show fathers "
        "recorded in 90% of assessments' or 'fewer repeat referrals'.",
        bad=(
            "Create and launch a leaflet on the role of the Designated Nurse.",
            "The PCTs to provide updates as to the number of GPs attending training.",
        ),
        good=(
            "The Board should audit 20 cases to show that fathers are recorded in 90% of assessments.",
            "Practitioners should be reminded of the escalation policy.",
        ),
    )

    def check(self, rec: RecContext):
        detail: MeasureDetail = rec.analysis("measurable.detail")
        if detail.kind != "output":
            return
        best = detail.best()
        assert best is not None
        quoted = rec.text[best.start : best.end]
        yield Violation(
            best.start,
            best.end,
            f"'{quoted}' measures an output only: nothing says how the effect on practice or on children will be known.",
            "Add an outcome measure, e.g. 'an audit of 20 cases by June will show ...' or 'fewer repeat referrals'.",
        )


RULES = [Unmeasurable, OutputOnlyMeasure]

ANALYZERS = {
    **ACTION_ANALYZERS,
    "measurable.detail": measurable_detail,
    "measurable": measurable_assessment,
}
