"""Specific (the S of SMART): exactly what is to be done, best a single action.

One analysis ("specific.detail") finds every reason a recommendation is not specific, with the
words to quote; the four rules report their share of it and the public "specific" analyzer
summarises it, so the assessment and the rules always agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise
from typing import NamedTuple

import regex

from smartlint.records import SpecificAssessment
from smartlint.vocabulary import Criterion, Severity
from smartlint.rule import RecContext, Rule, RuleMeta, Violation, compile_terms

from .actions import (
    ANALYZERS as ACTION_ANALYZERS,
)
from .actions import (
    ANAPHORS,
    COMPARATIVES,
    DETERMINERS,
    ELABORATING_VERBS,
    MATERIALS_GATES,
    MATERIALS_LOCATIVE,
    MODALS,
    NOUN_LIKE_VERBS,
    OPTIONAL_MODALS,
    PREPOSITIONS,
    TAGS,
    Action,
    Parse,
    any_in,
    lemma_of,
    words,
)

VAGUE = "vague-action"
UNDEFINED = "undefined-object"
OPTIONAL = "optional-wording"
BUNDLED = "bundled-actions"
REASON_ORDER = (VAGUE, UNDEFINED, OPTIONAL, BUNDLED)
AGENT_PRONOUNS = frozenset({"it", "they"})
BACK_REFERENCES = frozenset({"her", "his", "its", "their", "it", "them", "this", "these"})

_SOURCES = (
    "Handley and Green (2004), as quoted in Brandon et al. (2011, DFE-RR157): Specific means exactly "
    "what should be done, best limited to a single action; Working Together (HM Government 2010) asks for "
    "Specific, Measurable, Achievable, Relevant and Timely proposals for change."
)

# -- word lists, compiled once -------------------------------------------------------------------
_VAGUE_ENTRIES = words("specific_vague_verbs")
VAGUE_SINGLE = frozenset(e for e in _VAGUE_ENTRIES if " " not in e)
VAGUE_MULTI: dict[str, list[tuple[str, ...]]] = {}
for _entry in sorted(_VAGUE_ENTRIES):
    if " " in _entry:
        _verb, *_rest = _entry.split()
        VAGUE_MULTI.setdefault(_verb, []).append(tuple(_rest))
STATIVE = words("specific_stative_verbs")
VAGUE_ADJECTIVES = words("specific_vague_adjectives")
AIM_NOUNS = words("specific_aim_nouns")
INANIMATE = words("specific_inanimate_subjects")
DELIVERABLES = words("measure_deliverable_nouns")
BODIES = words("measure_body_nouns")
CHANGE_VERBS = words("measure_change_verbs")
# verbs whose vagueness depends on an agent: with a document as subject they describe content
CONTENT_SENSE = frozenset(
    {
        "consider",
        "reflect",
        "address",
        "reinforce",
        "promote",
        "recognise",
        "recognize",
        "emphasise",
        "focus",
        "examine",
        "explore",
    }
)
_AIM_MODIFIERS = frozenset(
    {
        "greater",
        "better",
        "more",
        "improved",
        "increased",
        "clear",
        "clearer",
        "shared",
        "wider",
        "full",
        "fuller",
        "deeper",
        "good",
        "a",
        "an",
        "the",
        "their",
        "its",
        "of",
    }
)

HEDGES = compile_terms(words("specific_hedges"))


def _ascii_terms(terms: Iterable[str]) -> re.Pattern[str]:
    """What ``compile_terms(terms)`` matches, for lower-cased ASCII text, with the ``re`` module
    (several times faster): each term as a whole word, grouped by first letter so the engine skips
    to the letters that can start one. Same matches as long as no term is a prefix of another
    (checked below), since then at most one term can match at any position."""
    by_first: dict[str, list[str]] = {}
    # longest first, then alphabetical: the same pattern text in every process, so it can be cached
    for term in sorted({t.strip() for t in terms if t.strip()}, key=lambda t: (-len(t), t)):
        by_first.setdefault(term[0], []).append(term)
    alts = [
        re.escape(first) + r"(?<!\w.)(?:" + "|".join(re.escape(t[1:]) for t in group) + ")"
        for first, group in sorted(by_first.items())
    ]
    return re.compile("(?:" + "|".join(alts) + r")(?!\w)")


_HEDGE_TERMS = sorted({t.strip() for t in words("specific_hedges") if t.strip()})
# the fast path needs plain lower-case ASCII terms, none a prefix of another
HEDGES_ASCII = (
    _ascii_terms(_HEDGE_TERMS)
    if all(t.isascii() and t == t.lower() for t in _HEDGE_TERMS)
    and not any(b.startswith(a) for a, b in pairwise(_HEDGE_TERMS))
    else None
)
MODIFIERS = words("specific_undefined_modifiers")
_MODIFIER_NOUN = regex.compile(
    r"(?<![\w-])(?P<mod>\L<mods>)(?:\s+and\s+\w+)?\s+(?P<noun>[A-Za-z][\w'-]*)"
    r"(?P<more>(?:\s+(?!(?:of|to|for|in|on|at|by|with|and|or|from|about|that|which|who|should|must|will|shall|is|are"
    r"|be|as|where|when|if)\b)[a-z][\w'-]*){0,2})",
    regex.IGNORECASE,
    mods=sorted(MODIFIERS),
)
_MODIFIER_WORDS = tuple(sorted(MODIFIERS))
_MODIFIERS_READY = all(m.isascii() and m.isalpha() and m == m.lower() for m in MODIFIERS)


def matches_at(pattern: re.Pattern[str] | regex.Pattern[str], text: str, starts: Iterable[str],
               where: str | None = None) -> list:
    """``list(pattern.finditer(text))`` for a pattern whose every match starts with one of ``starts``:
    the pattern is tried only where one of them occurs in ``where`` (``text`` itself, or a copy of it
    with the same offsets, such as its lower case when the text is ASCII), left to right and after
    the previous match, as finditer tries it (a match attempt at a position is the same either way)."""
    haystack = text if where is None else where
    at_list: list[int] = []
    for word in starts:
        at = haystack.find(word)
        while at != -1:
            at_list.append(at)
            at = haystack.find(word, at + 1)
    out = []
    last = 0
    for at in sorted(at_list):
        if at < last:
            continue
        m = pattern.match(text, at)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def _modifier_nouns(p: Parse) -> list[regex.Match[str]]:
    """_MODIFIER_NOUN.finditer(p.text) as a list. Every match starts with a modifier word, so in ASCII
    text (where ignoring case is comparing the lower case, at the same offsets) the pattern is tried
    only where ``p.lower`` has one."""
    text = p.text
    if not _MODIFIERS_READY or not text.isascii():
        return list(_MODIFIER_NOUN.finditer(text))
    return matches_at(_MODIFIER_NOUN, text, _MODIFIER_WORDS, p.lower)


_DEFINED_AFTER = regex.compile(
    r"^[^.;]{0,60}?(?:\(\s*(?:e\.g|eg|i\.e|ie|such as|including|namely)\b|\bsuch as\b|\bincluding\b|\bnamely\b|:)",
    regex.IGNORECASE,
)
OPTION_PHRASES = compile_terms(words("specific_options"))
_CONSIDERATION_GIVEN = regex.compile(
    r"\bconsideration\s+(?:should|must|could|will|would|might|may|needs?\s+to|is\s+to)\s+"
    r"(?:\w+ly\s+|also\s+|further\s+|now\s+)*be\s+given\b",
    regex.IGNORECASE,
)
_EITHER = regex.compile(r"\beither\b(?!\s+(?:of|side|party|parent|way|case)\b)", regex.IGNORECASE)

_STOP = words("specific_overlap_stopwords")


class Problem(NamedTuple):
    rule: str
    start: int
    end: int
    message: str
    suggestion: str


class SpecificDetail(NamedTuple):
    problems: list[Problem]

    def of(self, rule: str) -> list[Problem]:
        return [p for p in self.problems if p.rule == rule]

    @property
    def reasons(self) -> list[str]:
        found = {p.rule for p in self.problems}
        return [r for r in REASON_ORDER if r in found]


# -- helpers -------------------------------------------------------------------------------------


def subject_head(p: Parse, action: Action) -> str:
    """The head noun of an action's subject ("standards" in "The standards of training ...")."""
    s, e = action.subj
    head = ""
    low = p.low
    for k in range(s, e):
        w = low[k]
        if p.depth[k] > 0 or w in {"(", ")"}:
            continue
        if (
            w in PREPOSITIONS
            or w in {",", "which", "who", "that", "agreed", "known", "held", "made"}
            or (k > s and w.endswith("ed") and head)
        ):
            break
        if w in DETERMINERS:
            continue  # "The revised policy": a participle after a determiner modifies the head, it does not end it
        if w.isalpha() or "-" in w:
            head = w
    return head


def is_inanimate(p: Parse, action: Action) -> bool:
    head = subject_head(p, action)
    if head in INANIMATE:
        return True
    return action.subj[1] > action.subj[0] and p.low[action.subj[0]] in ANAPHORS and action.role == "elaboration"


def _first_noun(p: Parse, i: int, j: int, skip: frozenset[str] = _AIM_MODIFIERS) -> int | None:
    low = p.low
    for k in range(i, min(j, i + 5)):
        if low[k] in skip or low[k] in DETERMINERS:
            continue
        return k
    return None


_BY_DOING = regex.compile(
    r"\bby\s+(?:\w+\s+)??(?:introducing|developing|providing|producing|setting|establishing|commissioning|delivering"
    r"|amending"
    r"|revising|auditing|reviewing|creating|issuing|publishing|implementing|appointing|adding|including|using)\b",
    regex.IGNORECASE,
)
# the means spelt out as a quantified practice: "strengthen supervision, with every NQSW receiving fortnightly
# supervision", "improve the response, with each report reviewed by a sergeant within an hour"
_WITH_EVERY = regex.compile(
    r"\bwith\s+(?P<q>every|each|all|at\s+least\s+\w+|\d+%?)\s+(?:[\w'-]+\s+){0,4}?[\w-]+(?:ing|ed|en)\b(?:\s+[\w'-]+){1,}",
    regex.IGNORECASE,
)
# what makes the "with" phrase concrete: a number, a bound or a stated frequency
_CONCRETE_TAIL = regex.compile(
    r"\b(?:\d+|within|every|each|at\s+least|daily|weekly|fortnightly|monthly|quarterly|annually|yearly"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b",
    regex.IGNORECASE,
)
_CITED_STANDARD = regex.compile(r"\s+(?:by|under|in)\b")
_HEDGE_GATES = (
    "appropriate",
    "necessary",
    "possible",
    "relevant",
    "required",
    "needed",
    "practicable",
    "feasible",
    "as and when",
    "adequately",
    "suitably",
    "sufficiently",
    "robustly",
    "properly",
    "effectively",
    "effort",
    "endeavour",
)
_MODIFIER_GATES = tuple(sorted(MODIFIERS))
_OPTION_GATES = ("consideration", "wish to", "want to", "helpful", "useful", "beneficial", "benefit from")

_LETTER_RUN = re.compile(r"[a-z]+")


class WordGates:
    """Which groups of gate needles may occur in a recommendation's lower-cased text, read from its words.

    Each needle stands for its longest run of ASCII letters: wherever the needle occurs in ``text.lower()``
    that run does too, and a run of letters lies inside one token, so one of the recommendation's words
    (``Parse.wordset``) holds it. A group none of whose runs is in any word cannot occur, and its gate is
    shut without searching the text; an open gate is then checked on the text as before. Each distinct
    word is tested once per process (bounded over a huge corpus, like _WordStems)."""

    def __init__(self, *groups: tuple[str, ...]) -> None:
        self.runs: list[tuple[str, ...] | None] = []
        for needles in groups:
            runs = [_LETTER_RUN.findall(n) for n in needles]
            self.runs.append(None if not all(runs) else tuple(sorted({max(r, key=len) for r in runs})))
        self.known: set[str] = set()
        self.hits: list[set[str]] = [set() for _ in groups]
        self.any_hit: set[str] = set()  # the words in any of the hits
        self.always = sum(1 << i for i, runs in enumerate(self.runs) if runs is None)  # groups never shut
        self.bits = [(1 << i, hits) for i, (runs, hits) in enumerate(zip(self.runs, self.hits)) if runs is not None]

    def learn(self, words: Iterable[str]) -> None:
        if len(self.known) > 100_000:
            self.known.clear()
            self.any_hit.clear()
            for hits in self.hits:
                hits.clear()
        for word in words:
            self.known.add(word)
            for runs, hits in zip(self.runs, self.hits):
                if runs is not None and any(r in word for r in runs):
                    hits.add(word)
                    self.any_hit.add(word)

    def flags(self, words: frozenset[str]) -> int:
        """Bit i set when group i may occur in the text whose words are ``words``."""
        if not self.known.issuperset(words):
            self.learn(words - self.known)
        if self.any_hit.isdisjoint(words):
            return self.always
        bits = self.always
        for bit, hits in self.bits:
            if not hits.isdisjoint(words):
                bits |= bit
        return bits

    def may_occur(self, group: int, words: list[str]) -> bool:
        """Whether group ``group`` (an index) may occur in the text of the tokens ``words``."""
        if self.runs[group] is None:
            return True
        if not self.known.issuperset(words):
            self.learn(set(words) - self.known)
        return not self.hits[group].isdisjoint(words)


_HEDGE_GATE, _MODIFIER_GATE, _OPTION_GATE = 1, 2, 4
_GATES = WordGates(_HEDGE_GATES, _MODIFIER_GATES, _OPTION_GATES)
_MATERIALS = WordGates(MATERIALS_GATES)
_THROUGH_WORDS = frozenset({"through", "via", "means"})


# content placed in a named instrument: "reflect the learning in its domestic abuse strategy", "embed the
# pathway in the induction programme" (SMART guide: putting a message into named materials is concrete)
PLACING_VERBS = frozenset({"reflect", "embed", "incorporate", "integrate", "include", "build", "insert", "put"})
INSTRUMENT_LOCATIVE = regex.compile(
    r"\b(?:in|into|within)\s+(?:(?:its|their|the|all|our|any|existing|new|revised|updated|next|local|multi-agency"
    r"|single-agency|national)\s+)*(?:[\w'-]+\s+){0,3}?\L<deliverables>\b",
    regex.IGNORECASE,
    deliverables=sorted(DELIVERABLES, key=len, reverse=True),
)


# a deliverable named as the means: "improve its response through a dedicated coordinator post"
THROUGH_DELIVERABLE = regex.compile(
    r"\b(?:through|via|by\s+means\s+of)\s+(?:(?:a|an|the|its|their|new|dedicated|single|multi-agency|revised)\s+)*"
    r"(?:[\w'-]+\s+){0,3}?\L<deliverables>\b",
    regex.IGNORECASE,
    deliverables=sorted(DELIVERABLES | BODIES, key=len, reverse=True),
)
# concrete verbs: what a vague enabling verb ("support GP practices to adopt ...") may pass its action to
CONCRETE_VERBS = CHANGE_VERBS | words("measure_make_verbs") | words("measure_establish_verbs")


def through_deliverable(p: Parse, action: Action) -> tuple[int, int] | None:
    a0, a1 = action.arg
    if _THROUGH_WORDS.isdisjoint(p.wordset):
        return None  # none of the words anywhere
    if a0 >= a1 or ("through" not in p.low[a0:a1] and "via" not in p.low[a0:a1] and "means" not in p.low[a0:a1]):
        return None
    m = THROUGH_DELIVERABLE.search(p.text, p.starts[a0], p.ends[a1 - 1])
    return m.span() if m is not None else None


def placed_in_instrument(p: Parse, action: Action) -> tuple[int, int] | None:
    """The span of "<placing verb> ... in <deliverable>", when the verb places content in an instrument."""
    a0, a1 = action.arg
    if a0 >= a1 or PLACING_VERBS.isdisjoint(action.verbs):
        return None
    m = INSTRUMENT_LOCATIVE.search(p.text, p.starts[a0], p.ends[a1 - 1])
    if m is None:
        return None
    k = p.token_at(m.end() - 1)
    if p.low[k] in {"review", "reviews", "report", "inquiry"} and p.low[k - 1] in {"this", "these"}:
        return None  # "reflect on the learning in this review"
    return p.starts[action.head], m.end()


def has_means(p: Parse, action: Action) -> bool:
    """A vague verb with a concrete means: "improve X by introducing ...", "reinforce X in training materials"."""
    a0, a1 = action.arg
    if a0 >= a1:
        return False
    s0, e0 = p.span(a0, a1)
    region = p.text[s0:e0]
    lowered = region.lower()
    if _MATERIALS.may_occur(0, p.low[a0:a1]) and any_in(lowered, MATERIALS_GATES) and MATERIALS_LOCATIVE.search(region):
        return True
    if "with " in lowered:
        m = _WITH_EVERY.search(region)
        if m is not None and _CONCRETE_TAIL.search(region, m.end("q"), m.start() + 160) is not None:
            return True
    if placed_in_instrument(p, action) is not None or through_deliverable(p, action) is not None:
        return True
    return "by " in lowered and _BY_DOING.search(region) is not None


def vague_multi(p: Parse, action: Action) -> bool:
    entries = VAGUE_MULTI.get(action.verb)
    if not entries:
        return False
    low = p.low
    if action.passive:
        # "awareness is raised", "be made aware of"
        words_near = set(low[action.subj[0] : action.subj[1]]) | set(
            low[action.arg[0] : min(action.arg[1], action.arg[0] + 2)]
        )
        return any(all(w in words_near for w in rest) for rest in entries)
    a0, a1 = action.arg
    window = low[a0 : min(a1, a0 + 4)]
    for rest in entries:
        n = len(rest)
        for off in range(0, 3):
            if tuple(window[off : off + n]) == rest:
                return True
    return False


_BE_VAGUE = frozenset(r[0] for r in VAGUE_MULTI.get("be", []))


def copula_vague(p: Parse, action: Action) -> bool:
    """ "should be aware/curious/more joined up", "There should be greater awareness",
    "ensure that its policies are robust"."""
    a0, a1 = action.arg
    low = p.low
    k = a0
    while k < a1 and (
        low[k] in {"very", "sufficiently", "suitably", "always", "also", "fully", "more", "better"}
        or (low[k].endswith("ly") and low[k] not in {"only"})
    ):
        if low[k] in COMPARATIVES:
            return True  # "be more joined up", "be better coordinated": a comparative with no measure
        k += 1
    if k >= a1:
        return False
    comp = low[k]
    if comp in _BE_VAGUE or comp in VAGUE_ADJECTIVES:
        return True
    head = np_head(p, k, a1)
    if head is not None and low[head] in AIM_NOUNS and not _named_np(p, k, head):
        return True
    first = _first_noun(p, k, a1, frozenset({"a", "an", "the"}))
    return first is not None and low[first] in COMPARATIVES


def np_head(p: Parse, i: int, j: int) -> int | None:
    """Head of the noun phrase starting at token i: its last word before a preposition, a clause
    word or punctuation ("a think-family approach" -> approach; "an understanding of" -> understanding)."""
    low = p.low
    head = None
    for k in range(i, min(j, i + 6)):
        w = low[k]
        if w in DETERMINERS or w in _AIM_MODIFIERS and head is None:
            continue
        if (
            w in PREPOSITIONS
            or not (w[0].isalnum())
            or w in {"that", "which", "who", "and", "or", "where", "when", "to"}
        ):
            break
        head = k
    return head


def _named_np(p: Parse, i: int, head: int) -> bool:
    """A named approach ("the Signs of Safety approach") is a definite object."""
    return any(p.raw[k][0].isupper() for k in range(i, head))


def aim_object(p: Parse, action: Action) -> bool:
    """The object is an aim: "develop an understanding of", "have clarity about", "awareness is raised"."""
    if action.verb in CHANGE_VERBS:
        return False
    if AIM_NOUNS.isdisjoint(p.wordset):
        return False  # the head judged below is one of the words (or "", never an aim noun)
    low = p.low
    if action.passive:
        head = subject_head(p, action)
        return head in AIM_NOUNS
    a0, a1 = action.arg
    k = np_head(p, a0, a1)
    return k is not None and low[k] in AIM_NOUNS and not _named_np(p, a0, k)


def region_has(p: Parse, i: int, j: int, terms: frozenset[str]) -> bool:
    low = p.low
    for k in range(i, j):
        if low[k] in terms or (k + 1 < j and f"{low[k]} {low[k + 1]}" in terms):
            return True
    return False


def _is_wrapper(action: Action) -> bool:
    return action.wrapper_kind in {"ensure", "satisfy", "assurance"} and action.verb in {
        "ensure",
        "make",
        "satisfy",
        "assure",
        "seek",
        "receive",
        "obtain",
        "gain",
        "get",
        "provide",
        "give",
        "request",
        "require",
        "be",
    }


def is_consideration(p: Parse, action: Action) -> bool:
    """ "Consideration should be given to ...", "give consideration to ...": an option (SP003), not a deliverable."""
    if action.verb != "give":
        return False
    if action.passive:
        return subject_head(p, action) == "consideration"
    a0, a1 = action.arg
    return "consideration" in p.low[a0 : min(a1, a0 + 4)]


_CAPACITIES = AIM_NOUNS | frozenset(
    {"skills", "skill", "capacity", "capability", "opportunity", "time", "access", "support", "resources", "ability"}
)


def _possesses_thing(p: Parse, action: Action) -> bool:
    """ "has a current authorisation", "have a written plan": "a/an" + a thing that is not a capacity or an aim."""
    a0, a1 = action.arg
    if a0 >= a1 or p.low[a0] not in {"a", "an"}:
        return False
    k = np_head(p, a0, a1)
    return k is not None and p.low[k] not in _CAPACITIES and p.low[k] not in VAGUE_ADJECTIVES


def judge_vague(p: Parse, action: Action) -> tuple[Action, str] | None:
    """(the action to quote, why) when the action names no concrete means, else None."""
    if action.verb == "give" and is_consideration(p, action):
        return None  # reported as optional wording
    if action.wrapper_kind is not None and _is_wrapper(action):
        inner = action.inner
        if inner is None:
            if action.wrapper_kind == "ensure":
                a0, a1 = action.arg
                if region_has(p, a0, a1, DELIVERABLES):
                    return None
                return action, "aim"
            if action.wrapper_kind == "satisfy":
                return action, "aim"
            return None
        found = judge_vague(p, inner)
        if found is not None:
            return found
        if "able" in inner.chain and not has_means(p, inner):
            return action, "aim"  # "be satisfied that staff are able to identify ...": a capability, not an action
        if inner.verb in STATIVE and not inner.copula:
            if inner.verb == "have" and region_has(
                p, inner.arg[0], min(inner.arg[1], inner.arg[0] + 6), DELIVERABLES | BODIES
            ):
                return None  # "ensure that GP practices have a named safeguarding lead"
            if inner.verb == "have" and _possesses_thing(p, inner):
                return None  # "assurance that every resident has a current authorisation": a thing each one holds
            return action, "aim"
        if inner.copula:
            s0, s1 = inner.subj
            a0, a1 = inner.arg
            if region_has(p, s0, s1, DELIVERABLES) or region_has(
                p, a0, a1, DELIVERABLES | {"requirement", "mandatory", "compulsory"}
            ):
                return None
            return action, "aim"
        return None
    if action.wrapper_kind in ("means", "recommend") and action.inner is not None:
        found = judge_vague(p, action.inner)  # "recommends that the Police reinforce ...": judge what is recommended
        if found is None and action.verb in VAGUE_SINGLE and CONCRETE_VERBS.isdisjoint(action.inner.verbs):
            return action, "verb"  # "support adults to remain at home": an enabling verb with no concrete action
        return found
    if action.copula:
        return (action, "aim") if copula_vague(p, action) else None
    if action.verb in VAGUE_SINGLE or not VAGUE_SINGLE.isdisjoint(action.verbs):
        if action.verb in CONTENT_SENSE and is_inanimate(p, action):
            return None
        if has_means(p, action):
            return None
        return action, "verb"
    if action.verb in VAGUE_MULTI and vague_multi(p, action):
        if has_means(p, action):
            return None  # "raise awareness of the Herbert Protocol through a leaflet"
        return action, "verb"
    if not AIM_NOUNS.isdisjoint(p.wordset) and aim_object(p, action):  # (aim_object's own first test, inline)
        return action, "aim"
    if not _DISSEMINATE.isdisjoint(action.verbs) and _unspecified_dissemination(p, action):
        return action, "verb"
    return None


_DISSEMINATE = frozenset({"disseminate", "share", "cascade", "circulate", "communicate", "spread", "distribute"})
_LESSONS = frozenset({"learning", "lessons", "messages", "findings", "learnings"})
_COLUMN_BREAKS = frozenset({"–", "—", "|"})


# "with all partner agencies", "to all relevant staff": a class, not a named audience
_UNBOUNDED_AUDIENCE = frozenset(
    {"agencies", "partners", "organisations", "professionals", "practitioners", "staff", "stakeholders", "colleagues"}
)


def _unspecified_dissemination(p: Parse, action: Action) -> bool:
    """ "Lessons from this review should be disseminated across the partnership": spreading unnamed
    lessons with no channel and no named audience says nothing concrete."""
    if _DISSEMINATE.isdisjoint(action.verbs):
        return False
    a0, a1 = action.arg
    if action.passive:
        head = subject_head(p, action)
    else:
        k = np_head(p, a0, a1)
        head = p.low[k] if k is not None else ""
    if head not in _LESSONS:
        return False
    for k in range(a0, a1):
        if p.low[k] in _COLUMN_BREAKS:
            a1 = k  # an action-plan row: "... to be shared – Lead: TBC – Short term"; the columns are not the action
            break
    if has_means(p, action) or any(
        p.low[k] in DELIVERABLES and p.low[k - 1] not in {"this", "these"} for k in range(max(a0, 1), a1)
    ):
        return False  # a channel: "through a seven-minute briefing", "in a newsletter to all practices"
    low = p.low
    for k in range(a0, a1 - 1):
        if low[k] in {"to", "with", "among", "amongst"}:
            j = k + 1 if low[k + 1] != "the" else k + 2
            if j < a1 and (
                p.raw[j][0].isupper()
                or low[j] in {"every", "all", "each"}
                and not (j + 1 < a1 and low[j + 1] in _UNBOUNDED_AUDIENCE)
                and not (j + 2 < a1 and low[j + 2] in _UNBOUNDED_AUDIENCE)
            ):
                return False  # a named audience: "with every GP practice", "to the Board"
    return True


def _should_consider(p: Parse, action: Action) -> bool:
    return (
        action.verb == "consider"
        and action.modal in {"should", "shall", "could", "may", "might", "will"}
        and not action.passive
        and not is_inanimate(p, action)
    )


class _WordStems(dict):
    """word -> its stem for `_stems`, None for a word it skips: each distinct word worked out once
    per process (bounded over a huge corpus)."""

    def __missing__(self, w: str) -> str | None:
        if len(self) > 100_000:
            self.clear()
        stem = self[w] = None if len(w) < 4 or w in _STOP or not w[0].isalpha() else lemma_of(w)[:6].rstrip("s")
        return stem


_WORD_STEMS = _WordStems()


def _stems(p: Parse, i: int, j: int) -> set[str]:
    out = set(map(_WORD_STEMS.__getitem__, p.low[i:j]))
    out.discard(None)
    return out  # type: ignore[return-value]


# -- the analysis --------------------------------------------------------------------------------


def _vague_problems(p: Parse, out: list[Problem]) -> set[int]:
    """SP001; returns the heads already reported as optional ("should consider")."""
    seen: set[tuple[int, int]] = set()
    optional_heads: set[int] = set()
    for action in p.actions:
        if action.role not in ("main", "elaboration"):
            continue
        if action.verb == "consider" and _should_consider(p, action):
            optional_heads.add(action.head)
            continue
        found = judge_vague(p, action)
        if found is None:
            continue
        target, why = found
        if _should_consider(p, target):
            optional_heads.add(target.head)
            continue
        if target.wrapper_kind in {"ensure", "satisfy", "assurance"} and why == "aim":
            # quote the wrapper and the aim inside it: "ensure that staff ... focus"
            end_tok = target.inner.last if target.inner is not None else target.last
            start_tok = target.head
            s, e = p.span(start_tok, end_tok + 1)
            verb = p.quote(target.head, target.last + 1)
            message = f"'{verb}' wraps an aim, not an action: nothing concrete is asked for."
        else:
            s, e = p.span(target.head, target.last + 1)
            if why == "verb" and target.verb in VAGUE_MULTI and vague_multi(p, target):
                after = tuple(p.low[target.arg[0] : min(target.arg[1], target.arg[0] + 3)])
                forward = not target.passive or any(after[: len(r)] == r for r in VAGUE_MULTI[target.verb])
                if target.passive and not forward and 0 < target.subj[1] - target.subj[0] <= 4:
                    s = p.starts[target.subj[0]]
                elif forward:
                    longest = max(len(r) for r in VAGUE_MULTI[target.verb])
                    a0 = target.arg[0]
                    for k in range(a0, min(target.arg[1], a0 + longest + 2)):
                        if any(p.low[k] == r[-1] for r in VAGUE_MULTI[target.verb]):
                            e = p.ends[k]
                            break
            quoted = p.text[s:e]
            if why == "aim":
                a0, a1 = target.arg
                k = None
                if target.copula:
                    k = a0
                    while k < a1 - 1 and (
                        p.low[k] in COMPARATIVES or p.low[k].endswith("ly") or p.low[k] in {"very", "more"}
                    ):
                        k += 1
                    head = np_head(p, k, a1)
                    k = head if head is not None and p.low[head] in AIM_NOUNS else k
                    if k + 1 < a1 and p.low[k + 1] in {"up", "to"} and p.low[k] != "need":
                        k += 1 if p.low[k + 1] == "up" else 0
                elif not target.passive:
                    k = np_head(p, a0, a1)
                if k is not None:
                    e = p.ends[k]
                elif target.passive and target.subj[1] > target.subj[0]:
                    s = p.starts[target.subj[0]]
                quoted = p.text[s:e]
                message = f"'{quoted}' names an aim or a state of mind, not an action: it does not say what will be done."
            else:
                message = f"'{quoted}' is a vague action: it does not say what concrete thing will be done."
        if (s, e) in seen:
            continue
        seen.add((s, e))
        out.append(
            Problem(
                VAGUE,
                s,
                e,
                message,
                "Name the concrete action and its object, e.g. 'revise the escalation policy to require ...' or "
                "'deliver training on X to all duty social workers'.",
            )
        )
    return optional_heads


def _hedges(text: str, lower: str) -> list[tuple[int, int]]:
    """The spans of HEDGES in ``text`` (``lower`` is ``text.lower()``)."""
    if HEDGES_ASCII is not None and text.isascii():
        return [m.span() for m in HEDGES_ASCII.finditer(lower)]
    return [m.span() for m in HEDGES.finditer(text)]


# hedge terms by their first word, for reading them off the tokens
_HEDGES_BY_FIRST: dict[str, list[str]] = {}
for _term in _HEDGE_TERMS:
    _HEDGES_BY_FIRST.setdefault(_term.split(" ")[0], []).append(_term)
# the token path needs what HEDGES_ASCII needs, and terms of lower-case letters and single spaces
_HEDGE_TOKENS_READY = HEDGES_ASCII is not None and all(re.fullmatch(r"[a-z]+(?: [a-z]+)*", t) for t in _HEDGE_TERMS)
_HEDGE_FIRSTS = frozenset(_HEDGES_BY_FIRST)
_JOINER = re.compile(r"['-]")
_WORD_CHAR = re.compile(r"\w")


def _hedge_spans(p: Parse) -> list[tuple[int, int]]:
    """``_hedges(p.text, p.lower)``, read off the tokens in ASCII text.

    HEDGES_ASCII matches a term where no word character comes before it and none after it. Its first
    word is then a whole run of word characters: a token, or a part of one after an apostrophe or a
    hyphen (the only joiners inside a token). So each run that is some term's first word is tried
    with ``startswith``; no term is a prefix of another, so at most one matches there, and the
    matches are taken left to right without overlaps, as ``finditer`` takes them."""
    if not _HEDGE_TOKENS_READY or not p.text.isascii():
        return _hedges(p.text, p.lower)
    lower, low, starts = p.lower, p.low, p.starts
    runs: list[tuple[int, str]] = []  # (offset, word) of each run that may start a term
    for word in _HEDGE_FIRSTS.intersection(p.wordset):
        k = -1
        while True:
            try:
                k = low.index(word, k + 1)
            except ValueError:
                break
            runs.append((starts[k], word))
    if "-" in lower or "'" in lower:
        for k, token in enumerate(low):
            if "-" in token or "'" in token:
                at = starts[k]
                for piece in _JOINER.split(token):
                    if piece in _HEDGE_FIRSTS:
                        runs.append((at, piece))
                    at += len(piece) + 1
    if not runs:
        return []
    runs.sort()
    out: list[tuple[int, int]] = []
    last = 0
    n = len(lower)
    for at, word in runs:
        if at < last:
            continue
        for term in _HEDGES_BY_FIRST[word]:
            end = at + len(term)
            if lower.startswith(term, at) and (end == n or _WORD_CHAR.match(lower, end) is None):
                out.append((at, end))
                last = end
                break
    return out


_APOSTROPHE_MODIFIERS = tuple("'" + m for m in MODIFIERS)


def _may_qualify(p: Parse) -> bool:
    """False only when _MODIFIER_NOUN cannot match. In ASCII text its modifier is a whole word
    (nothing from [\\w-] before it, a space after it), so a token equal to it, or one joined to it
    by an apostrophe ("x'relevant"); outside ASCII, ignoring case also matches a few other letters
    (the long s), so a substring test stands in."""
    if not _MODIFIERS_READY or not p.text.isascii():
        return any_in(p.lower, _MODIFIER_GATES)
    if not MODIFIERS.isdisjoint(p.wordset):
        return True
    return "'" in p.text and any(w.endswith(_APOSTROPHE_MODIFIERS) for w in p.wordset)


def _undefined_problems(p: Parse, out: list[Problem], gates: int | None = None) -> None:
    text = p.text
    main_roles = ("main",)
    if gates is None:
        gates = _GATES.flags(p.wordset)
    hedges: list[tuple[int, int]] = []
    if gates & _HEDGE_GATE:
        if _HEDGE_TOKENS_READY and text.isascii():
            # read off the tokens (cheap) first; the substring gate then decides as before
            hedges = _hedge_spans(p)
            if hedges and not any_in(p.lower, _HEDGE_GATES):
                hedges = []
        elif any_in(p.lower, _HEDGE_GATES):
            hedges = _hedge_spans(p)
    for start, end in hedges:
        if p.role_at(start) not in main_roles:
            continue
        words_ = text[start:end]
        if words_.lower().endswith("required") and _CITED_STANDARD.match(text, end):
            continue  # "as required by Working Together": a standard, not a hedge
        out.append(
            Problem(
                UNDEFINED,
                start,
                end,
                f"'{words_}' leaves it to the reader to decide when or how much: the action is undefined.",
                "Say exactly when or to what it applies, e.g. replace 'where appropriate' with 'for every child on a child protection plan'.",
            )
        )
    for action in p.predicate_actions() if not _BARE_OBJECTS.isdisjoint(p.wordset) else ():
        if action.copula:
            continue
        k = _bare_object(p, action)
        if k is None:
            continue
        s, e = p.starts[k], p.ends[k]
        out.append(
            Problem(
                UNDEFINED,
                s,
                e,
                f"'{text[s:e]}' does not say which {text[s:e].lower()}: the object of the action is undefined.",
                "Name the information meant, e.g. 'the risk assessment and the safety plan' or 'details of every adult in the household'.",
            )
        )
    for m in _modifier_nouns(p) if gates & _MODIFIER_GATE and _may_qualify(p) else ():
        if p.role_at(m.start()) not in main_roles:
            continue
        noun = m.group("noun")
        low_noun = noun.lower()
        if low_noun in {"to", "for", "and", "or"} or low_noun in PREPOSITIONS:
            continue  # "relevant to their post", "appropriate for the child's age" are defined
        if noun[0].isupper() and m.group("mod")[0].islower():
            continue  # "the relevant Local Authority": a particular body, identified by the case
        after = text[m.end() :]
        if _DEFINED_AFTER.match(after):
            continue  # "relevant education establishments (e.g. schools)": defined by example
        s, e = m.span()
        if m.group("more") and (m.group("more").split()[-1].endswith("ing") or m.group("more").split()[-1] in MODALS):
            e = m.end("noun")
        out.append(
            Problem(
                UNDEFINED,
                s,
                e,
                f"'{text[s:e]}' does not say which: '{m.group('mod')}' leaves the object undefined.",
                f"Say which {noun} is meant, e.g. list them or name the document that defines them.",
            )
        )


_BARE_OBJECTS = frozenset({"information", "data", "details"})
_SPECIFYING = frozenset(
    {
        "about",
        "on",
        "regarding",
        "of",
        "relating",
        "concerning",
        "from",
        "held",
        "recorded",
        "that",
        "which",
        "set",
        "specified",
        "listed",
        "in",
    }
)


def _manner_after(low: list[str], k: int) -> bool:
    """ "in a timely manner", "in an effective way": a manner, not what the information is about."""
    return low[k] == "in" and any(w in {"manner", "way", "fashion"} for w in low[k + 1 : k + 5])


def _bare_object(p: Parse, action: Action) -> int | None:
    """Token of a bare "information" (no determiner, no modifier, no specifying phrase) that is
    the action's object: "Information must be updated", "share information with the Police"."""
    low = p.low
    if action.passive:
        s0, s1 = action.subj
        k = s1 - 1 if s1 - s0 == 1 else None
    else:
        a0, a1 = action.arg
        k = a0 if a0 < a1 else None
    if k is None or low[k] not in _BARE_OBJECTS or p.roles[k] not in ("main",):
        return None
    if (
        k > 0
        and (low[k - 1] in DETERMINERS or low[k - 1] in {"relevant", "appropriate", "such"})
        and k - 1 >= action.subj[0]
    ):
        return None
    if k + 1 < len(low) and low[k + 1] in _SPECIFYING and not _manner_after(low, k + 1):
        return None
    nxt = low[k + 1] if k + 1 < len(low) else "."
    if (
        nxt[0].isalpha()
        and not nxt.endswith("ly")
        and nxt not in PREPOSITIONS
        and nxt not in {"and", "or", "but"}
        and nxt not in MODALS
        and nxt not in {"is", "are", "be", "was", "were", "should", "must"}
    ):
        return None  # a modifier in a compound: "information sharing policy"
    return k


def _optional_problems(p: Parse, out: list[Problem], optional_heads: set[int], gates: int | None = None) -> None:
    text = p.text
    if gates is None:
        gates = _GATES.flags(p.wordset)
    reported: list[tuple[int, int]] = []

    def add(s: int, e: int, message: str) -> None:
        if any(s < re and rs < e for rs, re in reported):
            return
        reported.append((s, e))
        out.append(
            Problem(
                OPTIONAL,
                s,
                e,
                message,
                "Make it a decision: replace the option with what must be done, e.g. 'The Board will ...' instead of "
                "'consideration should be given to ...'.",
            )
        )

    for pattern in (OPTION_PHRASES, _CONSIDERATION_GIVEN) if gates & _OPTION_GATE and any_in(p.lower, _OPTION_GATES) else ():
        for m in pattern.finditer(text):
            if p.role_at(m.start()) not in ("main", "elaboration"):
                continue
            add(m.start(), m.end(), f"'{m.group()}' offers an option rather than asking for an action.")
    # each test below needs one of these among the words ("consider" as a lemma: every form holds it)
    maybe = (
        optional_heads
        or "consider" in p.lower
        or not OPTIONAL_MODALS.isdisjoint(p.wordset)
        or not _ENCOURAGED.isdisjoint(p.wordset)
    )
    for action in p.predicate_actions() if maybe else ():
        if action.role not in ("main", "inner", "elaboration"):
            continue
        if action.head in optional_heads or action.verb == "consider" and _should_consider(p, action):
            s, e = p.span(action.start, action.last + 1)
            add(s, e, f"'{p.text[s:e]}' leaves it to the owner to decide whether to act.")
        elif action.modal in OPTIONAL_MODALS:
            s, e = p.span(action.start, action.start + 1)
            add(s, e, f"'{p.text[s:e]}' makes the action optional.")
        elif not _ENCOURAGED.isdisjoint(action.chain):
            s, e = p.span(action.start, action.head)
            add(s, e, f"'{p.text[s:e].strip()}' makes the action optional.")
    for action in p.actions if "or" in p.wordset else ():
        if action.role == "main":
            k = _alternative_demand(p, action)
            if k is not None:
                s, e = p.span(k, _alt_end(p, k))
                add(s, e, f"'{p.text[s:e]}' offers an alternative instead of choosing one action.")
    for m in _EITHER.finditer(text) if "either" in p.lower else ():
        if p.role_at(m.start()) not in ("main",):
            continue
        k = p.token_at(m.start())
        sent = p.sentences[p.sentence_of[k]]
        for j in range(k + 1, min(sent[1], k + 30)):
            if p.low[j] == "or":
                s, e = m.start(), p.ends[j]
                add(s, e, "'either ... or' offers alternatives instead of choosing one action.")
                break


_ALT_ADVERBS = frozenset({"alternatively", "else", "instead", "otherwise"})


def _alternative_demand(p: Parse, action: Action) -> int | None:
    """ "re-commission the service, or alternatively extend the contract", "extend the contract or commission a
    new provider": a second verb with its own object after "or" is a choice between demands. Returns the
    token index of "or"."""
    low = p.low
    a0, a1 = action.arg
    for k in range(a0, a1 - 1):
        if low[k] != "or" or p.depth[k] > 0:
            continue
        j = k + 1
        adverb = low[j] in _ALT_ADVERBS
        if adverb:
            j += 1
        if j >= a1:
            return None
        w = low[j]
        tags = TAGS.get(w)
        if tags is None or "base" not in tags or w in NOUN_LIKE_VERBS:
            continue
        if adverb or j + 1 < a1 and (low[j + 1] in DETERMINERS or low[j + 1] in _ALT_OBJECT_WORDS):
            return k
    return None


_ALT_OBJECT_WORDS = frozenset({"a", "an", "new", "additional", "further", "two", "three", "one"})


def _alt_end(p: Parse, k: int) -> int:
    """The end of the quoted alternative: "or alternatively extend"."""
    j = k + 1
    if j < len(p.low) and p.low[j] in _ALT_ADVERBS:
        j += 1
    return min(j + 1, len(p.low))


# a later demand that checks the first one is its measure, not a second action
_MONITOR_VERBS = frozenset(
    {"audit", "monitor", "evaluate", "review", "report", "measure", "check", "track", "present", "publish"}
)
_MONITORED = frozenset(
    {
        "compliance",
        "progress",
        "implementation",
        "impact",
        "effectiveness",
        "uptake",
        "take-up",
        "use",
        "usage",
        "adherence",
        "completion",
        "results",
        "outcomes",
        "findings",
        "conclusions",
        "performance",
        "attendance",
        "it",
        "this",
        "them",
    }
)
# verbs that fill in the deliverable already asked for
_PART_VERBS = frozenset({"include", "contain", "cover", "set", "specify", "detail", "outline", "incorporate"})


_RECURRENCE = frozenset(
    {"annually", "quarterly", "monthly", "regularly", "yearly", "six-monthly", "twice", "back", "formally", "each", "every", "year"}
)
_REPORTED = _MONITORED | frozenset({"data", "figures", "statistics", "returns", "findings", "progress"})


def _measures_earlier(p: Parse, action: Action) -> bool:
    """ "..., and its manager should audit compliance", "The post holder should report annually to the Board",
    "GP practices should submit data quarterly": the check on the first demand, not a second action."""
    verbs = set(action.verbs)
    a0, a1 = action.arg
    first = p.low[a0 : min(a1, a0 + 4)]
    if not _MONITOR_VERBS.isdisjoint(verbs) and not _MONITORED.isdisjoint(first):
        return True
    if action.passive and not _MONITOR_VERBS.isdisjoint(verbs):
        s0, s1 = action.subj
        if not _MONITORED.isdisjoint(p.low[s0 : min(s1, s0 + 4)]):
            return True  # "Its use should be audited annually by ...", "Compliance will be monitored by ..."
    if verbs & {"submit", "report", "present", "provide"} and not _REPORTED.isdisjoint(first):
        return True
    if verbs & {"report"} and a0 < a1:
        # "report (annually) to the Board"
        k = a0
        while k < a1 and p.low[k] in _RECURRENCE:
            k += 1
        if k + 1 < a1 and p.low[k] == "to":
            j = k + 2 if p.low[k + 1] == "the" and k + 2 < a1 else k + 1
            return p.raw[j][0].isupper() or p.low[j] in {"board", "partnership", "committee"}
    return False


def _head_stems(p: Parse, action: Action) -> set[str]:
    """Stems of the head nouns of an action's subject and object (and of the action inside a wrapper):
    what it is about, not the topic words that modify it ("a domestic abuse lead" -> "lead")."""
    out: set[str] = set()
    current: Action | None = action
    while current is not None:
        heads: list[str] = []
        if current.subj[1] > current.subj[0] and current.form not in ("imperative", "coordinated", "infinitive"):
            heads.append(subject_head(p, current))
        if not current.copula:
            k = np_head(p, *current.arg)
            if k is not None:
                heads.append(p.low[k])
        for w in heads:
            if len(w) >= 4 and w not in _STOP and w[0].isalpha():
                out.add(lemma_of(w)[:6].rstrip("s"))
        current = current.inner
    return out


_POSSESSIVES = frozenset({"its", "their", "his", "her"})
_PARTICIPATION_VERBS = frozenset({"invite", "involve"})
# what the first demand produces, referred to with "the": "and publish the report", "and act on the findings"
_RESULT_NOUNS = frozenset(
    {"changes", "change", "report", "findings", "results", "recommendations", "outcome", "outcomes", "conclusions"}
)


def _result_of_first(p: Parse, action: Action) -> bool:
    a0, a1 = action.arg
    k = a0
    while k < a1 and p.low[k] in {"on", "upon", "to"}:
        k += 1
    if k >= a1 or p.low[k] not in {"the", "any"}:
        return False
    return any(p.low[m] in _RESULT_NOUNS for m in range(k + 1, min(a1, k + 4)))  # "the (necessary) changes needed"


def _refers_back(p: Parse, i: int, j: int, earlier: set[str]) -> bool:
    """ "audit 20 cases against it", "evaluate its use", "and circulate the revised protocol to its members":
    the words point back at the first deliverable. A possessive inside a later phrase counts only before a word
    for a check or one already used ("set standards for their employers" points at the workers, not at the
    register)."""
    low = p.low
    for k in range(i, j):
        w = low[k]
        if w in BACK_REFERENCES and w not in _POSSESSIVES:
            return True
        if w in _POSSESSIVES and k + 1 < j:
            nxt = low[k + 1]
            if k == i or nxt in _MONITORED or lemma_of(nxt)[:6].rstrip("s") in earlier:
                return True  # the object itself is theirs: "and also provide their contact details"
    return False


def _bundled_problems(p: Parse, out: list[Problem]) -> None:
    demands = [a for a in p.actions if a.role == "main"]
    if len(demands) < 2:
        return
    first = demands[0]
    for action in demands[1:]:
        if action.sentence == first.sentence and action.start <= first.last:
            continue
        s_tok = action.subj[0] if action.subj[1] > action.subj[0] and action.form != "coordinated" else action.start
        before = p.low[max(0, s_tok - 2) : s_tok]
        if "or" in before or "either" in before:
            continue  # alternatives, reported as optional wording
        subj_first = p.low[s_tok] if s_tok < len(p.low) else ""
        if subj_first in AGENT_PRONOUNS and action.verb not in ELABORATING_VERBS:
            pass  # "It should also reduce the time taken ...": the same owner, a new demand
        elif (
            subj_first in ANAPHORS
            or subj_first in {"the", "same"}
            and s_tok + 1 < len(p.low)
            and p.low[s_tok + 1] == "same"
        ):
            continue
        if action.modal in {"will", "would"} and action.sentence != first.sentence:
            continue  # a later "will" sentence usually predicts rather than asks
        end_tok = action.arg[1]
        inner = action.inner
        while inner is not None:
            end_tok = max(end_tok, inner.arg[1])
            inner = inner.inner
        subjectless = action.form in ("imperative", "coordinated") or (
            action.form == "modal" and action.start > 0 and p.low[action.start - 1] in {"and", "then"}
        )
        earlier: set[str] | None = None  # the stems before it, worked out when first needed
        if subjectless and action.sentence == first.sentence:
            earlier = _stems(p, 0, s_tok)
        if (
            earlier is not None
            and _refers_back(p, action.arg[0], end_tok, earlier)
        ):
            # "...; and also provide her contact details", "publish a protocol ..., and will audit 20
            # cases against it": the same deliverable, referred back to
            continue
        if _measures_earlier(p, action):
            continue  # "..., and its manager should audit compliance quarterly": the measure of the first demand
        if (
            action.verb in _PART_VERBS
            and (action.verb != "set" or p.low[action.last] == "out")
            and (subjectless or p.low[s_tok] in ANAPHORS)
        ):
            continue  # "revise the protocol, and include a section on fire risk": one deliverable in parts
        if action.verb in ELABORATING_VERBS and subj_first in {"its", "their"}:
            continue  # "... establish a panel. Its membership should include ...": the deliverable filled in
        if subjectless and action.verb in _PARTICIPATION_VERBS:
            continue  # "convene a strategy meeting and invite the school nurse": who takes part in the first
        if subjectless and _result_of_first(p, action):
            continue  # "review the policy and make the changes needed", "commission a review and publish the report"
        if not action.copula and action.arg[0] < action.arg[1] and p.low[action.arg[0]] in {"it", "them"}:
            continue  # "... publish a briefing. Partner agencies should circulate it ...": the same deliverable
        mine = _head_stems(p, action)
        if mine and mine & (_stems(p, 0, s_tok) if earlier is None else earlier):
            continue  # its subject or object is what came before: one deliverable in parts
        s, e = p.span(s_tok, max(end_tok, action.last + 1))
        quoted = p.text[s:e].rstrip(" .;,")
        e = s + len(quoted)
        out.append(
            Problem(
                BUNDLED,
                s,
                e,
                f"A second, separate action is bundled in: '{quoted}'. Each demand should be its own recommendation.",
                "Split it: make the second action a recommendation of its own, with its own owner, measure and deadline.",
            )
        )
        break


_ENCOURAGED = frozenset({"encouraged", "invited"})


def _problem_order(problem: Problem) -> tuple[int, str]:
    return problem.start, problem.rule


def specific_detail(rec: RecContext) -> SpecificDetail:
    p: Parse = rec.analysis("core.actions")
    problems: list[Problem] = []
    optional_heads = _vague_problems(p, problems)
    gates = _GATES.flags(p.wordset)
    _undefined_problems(p, problems, gates)
    _optional_problems(p, problems, optional_heads, gates)
    _bundled_problems(p, problems)
    if len(problems) > 1:
        problems.sort(key=_problem_order)
    return SpecificDetail(problems)


def specific_assessment(rec: RecContext) -> SpecificAssessment:
    detail: SpecificDetail = rec.analysis("specific.detail")
    reasons = detail.reasons
    return SpecificAssessment(status="unspecific" if reasons else "specific", reasons=list(reasons))


# -- rules ---------------------------------------------------------------------------------------


class _SpecificRule(Rule):
    def check(self, rec: RecContext):
        detail: SpecificDetail = rec.analysis("specific.detail")
        for problem in detail.of(self.meta.name):
            yield Violation(problem.start, problem.end, problem.message, problem.suggestion)


class VagueAction(_SpecificRule):
    meta = RuleMeta(
        code="SP001",
        name=VAGUE,
        criterion=Criterion.SPECIFIC,
        severity=Severity.WARNING,
        summary="The main action is a vague verb (ensure, consider, explore, raise awareness ...) with no concrete means.",
        rationale=_SOURCES
        + " The SMART guide rules a recommendation unspecific when its main action is a vague verb such as ensure, "
        "consider, explore, reflect, be aware, recognise, promote, improve, strengthen, enhance, take into account, "
        "raise awareness, remind, reinforce the importance of, be alert to, satisfy itself or re-examine. A wrapper "
        "such as 'should ensure that' or 'seek assurance that' is judged on the action inside it.",
        fix="Say what will actually be done and to what: replace 'ensure staff are aware of X' with 'brief every duty "
        "social worker on X at team meetings' or 'add X to the induction checklist'.",
        bad=(
            "Practitioners should be reminded of the importance of professional curiosity.",
            "The Board should explore the feasibility of a shared information system.",
            "The Trust must ensure that staff understand the escalation policy.",
            "The Partnership should raise awareness of coercive control among GPs.",
            "Government departments should learn from this review.",
        ),
        good=(
            "The Safeguarding Partnership should review the escalation policy by March 2026.",
            "The Trust must ensure that the discharge checklist includes a question on carers.",
            "Children's Social Care will amend the referral form to include a question on first language.",
            "The Board should seek assurance from the ICB that training compliance has reached 90% by March 2027.",
        ),
    )


class UndefinedObject(_SpecificRule):
    meta = RuleMeta(
        code="SP002",
        name=UNDEFINED,
        criterion=Criterion.SPECIFIC,
        severity=Severity.WARNING,
        summary="A hedge or undefined object ('appropriate', 'relevant information', 'where possible', 'as necessary').",
        rationale=_SOURCES
        + " The SMART guide rules a recommendation unspecific when its object is undefined: 'relevant information', "
        "'appropriate action', 'as necessary', 'where possible', 'appropriate management levels'. 'Relevant' is left "
        "alone where the text defines it ('relevant to their post', 'relevant schools (e.g. ...)') or where it picks "
        "out one named body ('the relevant Local Authority'); hedges in a purpose or condition clause are not the "
        "demand and are not flagged.",
        fix="Replace the hedge with the thing meant: name the information, the action, the level of management, or "
        "the cases it applies to.",
        bad=(
            "Failures to attend should be reported to appropriate management levels.",
            "The Police should share relevant information with Children's Social Care.",
            "GPs should attend child protection conferences where possible.",
        ),
        good=(
            "The Police should send the domestic abuse notification to Children's Social Care within 24 hours.",
            "Professionals should receive refresher training at a level relevant to their post.",
            "The relevant Local Authority should convene a strategy meeting.",
        ),
    )


class OptionalWording(_SpecificRule):
    meta = RuleMeta(
        code="SP003",
        name=OPTIONAL,
        criterion=Criterion.SPECIFIC,
        severity=Severity.WARNING,
        summary="The text offers options ('could', 'may wish to', 'consideration should be given', 'either ... or').",
        rationale=_SOURCES
        + " The SMART guide rules a recommendation unspecific when it offers options: 'either ... or', 'could', "
        "'may wish to', 'consideration should be given'. 'Could' inside a relative or condition clause ('information "
        "that could be pertinent') is description, not the demand, and is not flagged.",
        fix="Decide: state the one action that must be taken ('The Board will ...') instead of an option to consider.",
        bad=(
            "Consideration should be given to appointing a named GP for safeguarding.",
            "The Trust could introduce a flag on the electronic record.",
            "The Board should consider commissioning training on neglect.",
            "Cases should be managed by either the same social worker or a co-worker.",
        ),
        good=(
            "The Trust will introduce a flag on the electronic record for children on a protection plan.",
            "The Board should audit 20 cases to elicit information that could be pertinent to risk.",
            "The risk assessment should consider the impact of parental substance misuse.",
        ),
    )


class BundledActions(_SpecificRule):
    meta = RuleMeta(
        code="SP004",
        name=BUNDLED,
        criterion=Criterion.SPECIFIC,
        severity=Severity.WARNING,
        summary="Several distinct actions aimed at different ends are bundled into one recommendation.",
        rationale=_SOURCES
        + " The SMART guide rules a recommendation unspecific when it bundles separate demands joined by 'and', ';' "
        "or in separate sentences, aimed at different ends; one deliverable specified in several parts ('The "
        "procedures should be modified ... The feedback should always give ...') is still one action.",
        fix="Split the recommendation so that each distinct action has its own number, owner, measure and deadline.",
        bad=(
            "The Trust should revise its discharge policy. GPs must record the ethnicity of every new patient.",
            "The Board should publish a neglect strategy; the Police should appoint a domestic abuse coordinator.",
            "The Council should adopt a hoarding policy; appoint a hoarding lead; and join the regional hoarding network.",
        ),
        good=(
            "The Board should publish a neglect strategy. The strategy should include a section on adolescents.",
            "Create and launch a leaflet on the role of the Designated Nurse; and also provide her contact details.",
            "The LSCB should review its escalation policy. This will help to reduce drift.",
            "The IDVA service should offer every victim a meeting within 5 days, and its manager should audit compliance.",
        ),
    )


RULES = [VagueAction, UndefinedObject, OptionalWording, BundledActions]

ANALYZERS = {
    **ACTION_ANALYZERS,
    "specific.detail": specific_detail,
    "specific": specific_assessment,
}
