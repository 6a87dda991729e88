"""Timescale (the T of SMART): when the change is due.

One computation, ``timescale.detail``, finds the time expressions (rules/dates.py), sets aside
the ones that describe how a practice is done rather than when the change is due, and judges
the rest: concrete, vague or missing. The public ``timescale`` analyzer and the rules
TM001-TM004 are derived from it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from itertools import accumulate
from typing import Literal

from smartlint.lexicon import load_lexicon
from smartlint.records import TimescaleAssessment
from smartlint.vocabulary import Criterion, Severity
from smartlint.rule import RecContext, Rule, RuleMeta, RuleOptions, Violation, option

from . import grammar
from .dates import TimeExpr, add_months, find_deadlines
from .grammar import Span
from .owner import find_mentions

Status = Literal["concrete", "vague", "missing"]
_PACKAGE = "smartlint_rules"


@lru_cache(maxsize=1)
def _vague() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    always = load_lexicon(_PACKAGE, "time_vague")
    manner = load_lexicon(_PACKAGE, "time_vague_manner")
    recurrence = load_lexicon(_PACKAGE, "time_vague_recurrence")
    # grammar.terms_regex, with its word-start guard tested before the first letter rather than after
    # it (same matches; a position inside a word is rejected with one test)
    pattern = re.compile(r"(?<![\w-])" + grammar.trie_source([*always, *manner, *recurrence]) + r"(?![\w-])")
    return pattern, frozenset(manner), frozenset(recurrence)


@lru_cache(maxsize=1)
def _practice_verbs() -> frozenset[str]:
    return frozenset(load_lexicon(_PACKAGE, "time_practice_verbs"))


# "ongoing" or "short term" used as an adjective ("ongoing concerns", "long-term foster care").
_ADJECTIVAL = re.compile(r"\s+(?!(?:and|or|but|basis|to|in|at|by|with|for|from|as|if|when|where|until|thereafter)\b)[a-z]", re.IGNORECASE)
# "ongoing" and the "... term" words, which are also adjectives ("long-term care", "shorter-term placements")
_TERM_WORDS = frozenset(
    "ongoing|short term|short-term|medium term|medium-term|long term|long-term|longer term|longer-term|shorter term"
    "|shorter-term".split("|")
)
_AS_SOON_AS = re.compile(r"(?<![\w-])as\s+$", re.IGNORECASE)
_SOON_AFTER = re.compile(r"\s+(?:after|as|afterwards|enough)\b", re.IGNORECASE)
_BE_BEFORE = re.compile(r"(?:\b(?:be|is|are|remain|remains|being|been|will\s+be)\s+|[:(]\s*)$", re.IGNORECASE)
# A per-case trigger in the same sentence: the time word qualifies a recurring practice.
_CASE_START = re.compile(
    r"\s*(?:when|whenever|if|once|(?:where|following|after|upon|on)\s+(?:a|an|any|each|every|there)\b)\b", re.IGNORECASE
)
_PER_CASE = re.compile(
    r"""(?:\b(?:whenever|each\s+time|every\s+time|on\s+each\s+occasion|in\s+(?:all|every|each)\s+cases?|at\s+the\s+point\s+of|on\s+receipt\s+of\s+(?:a|an|any)
            |(?:following|after|upon|on)\s+(?:a|an|any|each|every)\s+(?!period|year|month)\w+)\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_NEXT_WORD = re.compile(r"\s+([\w-]+)")
_AFTER_CASE = re.compile(r"[^.;]{0,40}?\b(?:when|whenever|if|once)\b", re.IGNORECASE)
_TIMELY_CHANGE_NOUNS = frozenset(
    "completion implementation delivery review publication update updates progress manner way fashion basis revision "
    "introduction roll-out rollout development production".split()
)


class TimescaleDetail:
    """What ``timescale.detail`` finds.

    - ``status``: concrete | vague | missing.
    - ``span``/``due``: the chosen expression (the first deadline; a recurrence or a meeting only
      when there is no dated deadline) and the date it normalises to.
    - ``concrete``: every delivery timescale found (``dates.TimeExpr``).
    - ``vague``: spans of time words with no bound that say when the change is due.
    - ``practice``: spans of time words that describe how the practice is done ("within 24 hours
      of an absence", "share information in a timely manner"): no timescale at all.

    When a concrete timescale is found, ``vague`` and ``practice`` are worked out only if they are
    read (the verdict does not depend on them, and reading the time words' clauses is costly).
    """

    __slots__ = ("_later", "_practice", "_vague", "concrete", "due", "span", "status")

    def __init__(
        self,
        status: Status,
        span: Span | None,
        due: date | None,
        concrete: tuple[TimeExpr, ...],
        vague: tuple[Span, ...] = (),
        practice: tuple[Span, ...] = (),
        later: Callable[[], tuple[tuple[Span, ...], tuple[Span, ...]]] | None = None,
    ) -> None:
        self.status = status
        self.span = span
        self.due = due
        self.concrete = concrete
        self._vague = vague
        self._practice = practice
        self._later = later  # makes (vague, practice) when first needed

    def _resolve(self) -> None:
        if self._later is not None:
            self._vague, self._practice = self._later()
            self._later = None

    @property
    def vague(self) -> tuple[Span, ...]:
        self._resolve()
        return self._vague

    @property
    def practice(self) -> tuple[Span, ...]:
        self._resolve()
        return self._practice

    def _fields(self) -> tuple:
        return (self.status, self.span, self.due, self.concrete, self.vague, self.practice)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        names = ("status", "span", "due", "concrete", "vague", "practice")
        return "TimescaleDetail(" + ", ".join(f"{n}={v!r}" for n, v in zip(names, self._fields(), strict=True)) + ")"

    def __getstate__(self) -> tuple:
        return self._fields()

    def __setstate__(self, state: tuple) -> None:
        self.status, self.span, self.due, self.concrete, self._vague, self._practice = state
        self._later = None


_CLAUSE_OPENERS = frozenset("who whom whose which where when whenever if unless".split())
_NOUN_DET = frozenset("the a an its their his her our this these those each every any all".split())


def _lemmas(word: str) -> tuple[str, ...]:
    w = word.lower()
    return (w, w[:-1], w[:-2], w[:-3], w[:-3] + "e", w[:-2] + "e" if w.endswith("ed") else w)


def _is_practice_verb(word: str) -> bool:
    verbs = _practice_verbs()
    return any(c in verbs for c in _lemmas(word))


@lru_cache(maxsize=1 << 16)
def _is_verb(word: str) -> bool:
    return any(grammar.is_action_verb(c) or c in _practice_verbs() for c in _lemmas(word))


@lru_cache(maxsize=1 << 12)
def _is_modal(word: str) -> bool:
    return grammar.MODAL_RE.fullmatch(word) is not None


# Tokens never hold whitespace, so tokenizing from just after a whitespace character gives the
# same tokens from there on as tokenizing from further back: a window of text is enough.
_WINDOW = 160


def _last_tokens(text: str, start: int, end: int, count: int) -> list[grammar.Token]:
    """``grammar.tokenize(text, start, end)[-count:]``, tokenizing only a window before ``end``."""
    cut = end - _WINDOW
    if cut > start:
        space = _SPACE.search(text, cut, end)
        if space is not None:
            toks = grammar.tokenize(text, space.end(), end)
            if len(toks) >= count:
                return toks[-count:]
    return grammar.tokenize(text, start, end)[-count:]


def _first_tokens(text: str, start: int, end: int, count: int) -> list[grammar.Token]:
    """``grammar.tokenize(text, start, end)[:count]``, tokenizing only a window after ``start``."""
    cut = start + _WINDOW
    if cut < end:
        space = _SPACE.search(text, cut, end)
        if space is not None:
            toks = grammar.tokenize(text, start, space.start())
            if len(toks) >= count:
                return toks[:count]
    return grammar.tokenize(text, start, end)[:count]


_SPACE = re.compile(r"\s")


def _governing_verb(text: str, start: int, end: int, sentence: Span) -> str | None:
    """The verb a time phrase qualifies: the nearest verb before it in its clause, else the first
    one after it ("should immediately notify", "As soon as possible, review ...")."""
    toks = _last_tokens(text, sentence[0], start, 14)
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        if t.text in {";", ":"} or _is_modal(t.lower):
            break
        if t.lower in _CLAUSE_OPENERS:
            # "children who regularly miss school": the time word describes the situation.
            return t.lower
        if not t.is_word or t.is_capitalised or not _is_verb(t.lower):
            continue
        # A noun that looks like a verb: "the threshold document", "in reviews".
        prev = [x.lower for x in toks[max(0, k - 2) : k]]
        # ("to" before a verb is the infinitive: "all agencies to share information promptly")
        if prev and (prev[-1] in _NOUN_DET or (prev[-1] in grammar.PREPOSITIONS and prev[-1] != "to")) or any(
            p in _NOUN_DET for p in prev[:-1]
        ):
            continue
        return t.lower
    for t in _first_tokens(text, end, sentence[1], 5):
        if t.is_word and _is_verb(t.lower):
            return t.lower
    return None


class _LazySentences:
    """Sentence spans, split only when a time phrase needs its sentence."""

    __slots__ = ("_spans", "_starts", "parsed", "text")

    def __init__(self, parsed: grammar.Parsed) -> None:
        self.parsed = parsed
        self.text = parsed.text
        self._spans: list[Span] | None = None
        self._starts: list[int] = []

    def __iter__(self):
        return iter(self._split())

    def _split(self) -> list[Span]:
        if self._spans is None:
            self._spans = self.parsed.sentences()
            self._starts = [s for s, _ in self._spans]
        return self._spans

    def containing(self, pos: int) -> Span:
        """The sentence holding ``pos``; past the last one, the last one (found by bisection:
        a whole report read as one item has thousands of sentences)."""
        spans = self._split()
        if not spans:
            return (0, pos)
        k = bisect_right(self._starts, pos) - 1
        if k >= 0 and pos < spans[k][1]:
            return spans[k]
        return spans[-1]


def _sentence_of(spans: _LazySentences, pos: int) -> Span:
    return spans.containing(pos)


def _outside(spans: list[Span], concrete) -> list[Span]:
    """The spans that neither start inside a concrete expression nor contain the start of one."""
    if not concrete or not spans:
        return spans
    ordered = sorted((c.start, c.end) for c in concrete)
    starts = [s for s, _ in ordered]
    furthest_end = list(accumulate((e for _, e in ordered), max))
    kept = []
    for v in spans:
        k = bisect_right(starts, v[0])
        if k and furthest_end[k - 1] > v[0]:
            continue  # starts inside one: "short term (0-3 months)"
        if bisect_left(starts, v[0]) < bisect_left(starts, v[1]):
            continue  # one starts inside it
        kept.append(v)
    return kept


_ASSURANCE_VERBS = frozenset({"seek", "seeks", "sought", "seeking", "request", "requests", "obtain", "obtains"})
_ASSURANCE = re.compile(r"\bassurances?\b", re.IGNORECASE)


def _describes_practice(
    text: str, start: int, end: int, sentence: Span, people_subject: bool = False, parsed: grammar.Parsed | None = None
) -> bool:
    """True when the time words at ``start:end`` say how a recurring practice is done: a per-case
    trigger ("when a child is reported missing"), a verb of practice ("share", "refer") or, with
    ``people_subject``, a profession doing it ("Practitioners should routinely consider ...")."""
    if (
        _CASE_START.match(text, sentence[0], sentence[1])
        or _PER_CASE.search(text, sentence[0], sentence[1])
        or _AFTER_CASE.match(text, end, sentence[1])
    ):
        return True
    verb = _governing_verb(text, start, end, sentence)
    if verb is not None and (verb in _CLAUSE_OPENERS or _is_practice_verb(verb)):
        # "seek assurance at the earliest opportunity": a body's one-off assurance demand, not casework
        return not (verb in _ASSURANCE_VERBS and _ASSURANCE.search(text, sentence[0], sentence[1]))
    return people_subject and _subject_is_people(text, sentence, parsed)


def _subject_is_people(text: str, sentence: Span, parsed: grammar.Parsed | None = None) -> bool:
    """The sentence's subject is a profession or group of staff ("Practitioners", "GPs")."""
    # the owner analyzer has often read this sentence's clause already: ``parsed`` shares it
    clause = parsed.clause(*sentence) if parsed is not None else grammar.analyse_clause(text, sentence[0], sentence[1])
    if clause.head is None:
        return False
    head = text[clause.head[0] : clause.head[1]]
    found = find_mentions(head)
    return bool(found) and found[-1].kind == "people"


def _vague_spans(text: str, sentences: _LazySentences) -> tuple[list[Span], list[Span]]:
    pattern, manner, recurrence = _vague()
    vague: list[Span] = []
    practice: list[Span] = []
    for m in pattern.finditer(grammar.lowered(text)):
        word = " ".join(m.group().split())
        s, e = m.span()
        if word == "soon" and (_AS_SOON_AS.search(text, 0, s) or _SOON_AFTER.match(text, e)):
            continue
        if word in _TERM_WORDS:
            if _ADJECTIVAL.match(text, e) and not _BE_BEFORE.search(text, 0, s):
                continue
        if word == "timely":
            nxt = _NEXT_WORD.match(text, e)
            if nxt is not None and nxt.group(1).lower() not in _TIMELY_CHANGE_NOUNS and nxt.group(1).lower() not in {"and", "or"}:
                practice.append((s, e))  # "timely referrals": a quality of the practice
                continue
        if word in recurrence and _governing_verb(text, s, e, _sentence_of(sentences, s)) in _CLAUSE_OPENERS:
            continue  # "children who regularly miss school": the situation, not the change
        if word in manner and _describes_practice(text, s, e, _sentence_of(sentences, s), people_subject=True, parsed=sentences.parsed):
            practice.append((s, e))
            continue
        vague.append((s, e))
    return vague, practice


def timescale_detail(rec: RecContext) -> TimescaleDetail:
    """The ``timescale.detail`` analyzer (see ``TimescaleDetail``)."""
    parsed: grammar.Parsed = rec.analysis("grammar.parsed")
    text = parsed.text
    ref = rec.reference_date
    sentences = _LazySentences(parsed)
    concrete: list[TimeExpr] = []
    practice: list[Span] = []
    for expr in find_deadlines(text, ref):
        if expr.kind == "period" and expr.anchor == "event":
            practice.append((expr.start, expr.end))
            continue
        if expr.kind in ("immediate",) or (expr.kind == "period" and expr.anchor is None and "day" in text[expr.start : expr.end].lower()):
            if _describes_practice(text, expr.start, expr.end, _sentence_of(sentences, expr.start)):
                practice.append((expr.start, expr.end))
                continue
        concrete.append(expr)

    def vague_and_practice() -> tuple[tuple[Span, ...], tuple[Span, ...]]:
        vague, manner_practice = _vague_spans(text, sentences)
        # A vague word inside a concrete expression ("short term (0-3 months)") is part of it.
        vague = _outside(vague, concrete)
        return tuple(vague), tuple(sorted(practice + manner_practice))

    if concrete:
        dated = [c for c in concrete if c.due is not None and c.kind not in ("recurrence",)]
        chosen = dated[0] if dated else concrete[0]
        # the verdict is made: the vague and practice words are read only if asked for
        return TimescaleDetail("concrete", (chosen.start, chosen.end), chosen.due, tuple(concrete), later=vague_and_practice)
    vague, practice = vague_and_practice()
    if vague:
        return TimescaleDetail("vague", vague[0], None, (), vague, practice)
    return TimescaleDetail("missing", None, None, (), (), practice)


def timescale_assessment(rec: RecContext) -> TimescaleAssessment:
    """The public ``timescale`` analyzer: status, the words, and the due date."""
    detail: TimescaleDetail = rec.analysis("timescale.detail")
    text = rec.text[detail.span[0] : detail.span[1]] if detail.span is not None else None
    return TimescaleAssessment(status=detail.status, text=text, due=detail.due)


# --- rules ------------------------------------------------------------------------------------

_RATIONALE = (
    "Handley and Green (2004, as quoted in Brandon et al. 2011, DFE-RR157) define Timely as 'what is a realistic "
    "timescale'; Working Together (HM Government 2010, p. 245) asks for SMART proposals for change."
)


class MissingTimescale(Rule):
    meta = RuleMeta(
        code="TM001",
        name="missing-timescale",
        criterion=Criterion.TIMESCALE,
        severity=Severity.WARNING,
        summary="The recommendation says nothing about when it must be done.",
        rationale=_RATIONALE
        + " A recommendation with no timescale cannot be tracked. Time words that describe how a practice is"
        " done ('at all times', 'within 24 hours of an absence') are not a timescale (SMART guide).",
        fix="Add a deadline: a date ('by 31 March 2026'), a period from publication ('within six months of "
        "publication') or a stated recurrence ('annually').",
        bad=(
            "The LSCB should review the threshold document.",
            "Health visitors should visit within 28 days of discharge from hospital.",
            "The vulnerability of teenage mothers must be considered at all times.",
        ),
        good=(
            "The LSCB should review the threshold document by 31 March 2026.",
            "The ICB should audit the records within six months of publication.",
            "The Board will report on progress annually.",
        ),
    )

    def check(self, rec: RecContext):
        detail: TimescaleDetail = rec.analysis("timescale.detail")
        if detail.status != "missing":
            return
        suggestion = "Add a deadline: 'by 31 March 2026' or 'within six months of publication'."
        if detail.practice:
            s, e = detail.practice[0]
            quote = rec.text[s:e]
            yield Violation(
                s, e,
                f"No timescale: '{quote}' says how the practice is done, not when the change is due.",
                suggestion,
            )
        else:
            yield Violation(None, None, "No timescale: the recommendation does not say when it must be done.", suggestion)


class VagueTimescale(Rule):
    meta = RuleMeta(
        code="TM002",
        name="vague-timescale",
        criterion=Criterion.TIMESCALE,
        severity=Severity.WARNING,
        summary="The only timescale is a time word with no bound ('as soon as possible', 'ongoing').",
        rationale=_RATIONALE
        + " 'As soon as possible', 'in due course', 'ongoing' or 'regularly' set no date anyone can be held to"
        " (SMART guide: vague).",
        fix="Replace the vague words with a date or a bounded period: 'by 30 June 2026', 'within three months'.",
        bad=(
            "The LSCB should review the threshold document as soon as possible.",
            "The Partnership will revise the escalation policy in due course.",
            "The redrafting of the national minimum standards should be accelerated.",
            "The Board should regularly review the audit findings.",
        ),
        good=(
            "The LSCB should review the threshold document by 31 March 2026.",
            "Practitioners should share information with the police in a timely manner.",
            "The ICB will publish the revised guidance within three months (short term).",
        ),
    )

    def check(self, rec: RecContext):
        detail: TimescaleDetail = rec.analysis("timescale.detail")
        if detail.status != "vague" or detail.span is None:
            return
        s, e = detail.span
        quote = rec.text[s:e]
        yield Violation(
            s, e,
            f"'{quote}' sets no date: no one can tell when the recommendation is overdue.",
            f"Replace '{quote}' with a date or a bounded period: 'by 31 March 2026' or 'within three months'.",
        )


class DeadlinePassed(Rule):
    meta = RuleMeta(
        code="TM003",
        name="deadline-passed",
        criterion=Criterion.TIMESCALE,
        severity=Severity.WARNING,
        summary="A deadline falls before the document's date.",
        rationale=_RATIONALE
        + " A deadline already past when the report is dated cannot be met and is usually a copying slip.",
        fix="Correct the date, or set a new deadline after the report's date.",
        bad=("The LSCB should review the threshold document by March 2012.",),
        good=("The LSCB should review the threshold document by March 2026.",),
    )

    def check(self, rec: RecContext):
        if getattr(rec.item, "complete", None):
            return  # an action-plan row marked complete is not overdue
        detail: TimescaleDetail = rec.analysis("timescale.detail")
        ref = rec.reference_date
        for expr in detail.concrete:
            # Only a date set as a deadline ("by March 2012"): "in 2019" may tell the story instead.
            if expr.explicit and expr.deadline and expr.due is not None and expr.due < ref:
                quote = rec.text[expr.start : expr.end]
                yield Violation(
                    expr.start, expr.end,
                    f"'{quote}' ({expr.due.isoformat()}) is before the document's date ({ref.isoformat()}): the deadline has already passed.",
                    "Set a deadline after the document's date, e.g. 'within six months of publication'.",
                )


class DistantDeadline(Rule):
    class Options(RuleOptions):
        max_months: int = option(12, ge=1, description="How many months after the document's date a deadline may fall.")

    meta = RuleMeta(
        code="TM004",
        name="distant-deadline",
        criterion=Criterion.TIMESCALE,
        severity=Severity.WARNING,
        summary="A deadline falls more than 12 months (option max-months) after the document's date.",
        rationale=_RATIONALE
        + " None of the action plans studied by Brandon et al. (2011) gave itself more than a year, and momentum"
        " is lost as timescales drift (SMART guide).",
        fix="Bring the deadline within a year, or split the work into stages with an interim deadline.",
        bad=("The LSCB should review the threshold document by March 2030.",),
        good=("The LSCB should review the threshold document by June 2026.",),
    )

    def check(self, rec: RecContext):
        detail: TimescaleDetail = rec.analysis("timescale.detail")
        ref = rec.reference_date
        months = self.options.max_months  # type: ignore[attr-defined]
        limit = add_months(ref, months)
        for expr in detail.concrete:
            if expr.due is None or expr.kind in ("recurrence", "immediate", "event") or expr.due <= limit:
                continue
            quote = rec.text[expr.start : expr.end]
            yield Violation(
                expr.start, expr.end,
                f"'{quote}' ({expr.due.isoformat()}) is more than {months} months after the document's date ({ref.isoformat()}).",
                f"Set a deadline within {months} months, or add an interim milestone, e.g. 'progress report by {limit.strftime('%B %Y')}'.",
            )


RULES = [MissingTimescale, VagueTimescale, DeadlinePassed, DistantDeadline]
ANALYZERS = {"timescale.detail": timescale_detail, "timescale": timescale_assessment, "grammar.parsed": grammar.parsed}
