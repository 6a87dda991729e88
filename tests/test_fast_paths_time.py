"""The shortcuts in rules/dates.py and rules/evidence.py give what the plain paths give.

Each fast path stands in for a general one (a gate before an expensive pattern); these tests run
both on generated text built from the patterns' own words, so a gate that loses a match fails here.
"""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

import smartlint_rules.dates as D
import smartlint_rules.evidence as E

# Every word the deadline pattern spells out, with small words, fillers and numbers in the shapes
# it reads: the gates must hold for any arrangement of them.
_PATTERN_WORDS = sorted(set(re.findall(r"[a-z]+", D._PATTERN_SOURCE.lower())) - {"p", "d", "s", "w", "i"})
_FILLERS = [
    "Board", "practice", "schools", "child", "review", "report", "meeting", "publication", "policy", "the", "a",
    "an", "to", "at", "in", "not", "no", "by", "on", "for", "from", "during", "before", "until", "till", "of",
    "May", "MAY", "March", "Sept", "THE", "To", "In", "By", "A", "An", "Not", "aday", "anhour", "a-2", "schools",
    "non-mobile", "this", "current", "period", "couple", "or", "first", "Last", "language",
]
_NUMBERS = ["1", "3", "12", "30", "31", "47", "2012", "2026", "31/03/2026", "2025-03-31", "2025/26", "Q2", "FY26", "1st", "3rd", "0-3"]
_SEPARATORS = [" ", " ", " ", "  ", "\n", ", ", ". ", "-", ": ", " (", ") ", "/", "'s "]

_words = st.sampled_from(_PATTERN_WORDS + _FILLERS + _NUMBERS)
_texts = st.lists(st.tuples(_words, st.sampled_from(_SEPARATORS)), min_size=1, max_size=14).map(
    lambda parts: "".join(w + s for w, s in parts)
)


def _plain_find_deadlines(text: str, reference: date) -> list[D.TimeExpr]:
    """find_deadlines with no gates: the full pattern tried at every start word."""
    saved = D._NEEDS
    D._NEEDS = {}
    try:
        return D.find_deadlines(text, reference)
    finally:
        D._NEEDS = saved


@settings(max_examples=1000, deadline=None)
@given(_texts)
def test_a_gate_that_fails_means_the_deadline_pattern_cannot_match(text):
    for word in D._WORD_START.finditer(text):
        need = D._NEEDS.get(word.group().lower())
        if need is not None and need.match(text, word.start()) is None:
            assert D._PATTERN.match(text, word.start()) is None, text[word.start() :]


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_find_deadlines_equals_the_ungated_search(text):
    ref = date(2026, 1, 1)
    assert D.find_deadlines(text, ref) == _plain_find_deadlines(text, ref)


def test_the_gates_let_the_usual_deadlines_through():
    ref = date(2026, 1, 1)
    for text in (
        "The Board should do this by 31 March 2026.",
        "Report to the next Board meeting.",
        "Audit in a timely way within the next 3 months.",
        "Complete the audit at least once a year.",
        "Review the policy not later than the end of the financial year.",
        "Publish it in 2026/27.",
        "The LSCB will report at an annual basis and a six-monthly review.",
    ):
        assert D.find_deadlines(text, ref), text
        assert D.find_deadlines(text, ref) == _plain_find_deadlines(text, ref)


# --- evidence ------------------------------------------------------------------------------------

_CLAIM_WORDS = sorted(E._CLAIM_SUBJECTS | E._CLAIM_VERBS | {"from", "in", "this", "review", "Shows", "HAS", "NG", "CG", "PH", "QS"})
_evidence_texts = st.lists(
    st.tuples(st.sampled_from(_CLAIM_WORDS + ["NICE", "NG76", "CG89", "PH4", "QS12", "guideline", "Group", "The"]), st.sampled_from(_SEPARATORS)),
    min_size=1,
    max_size=10,
).map(lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=1000, deadline=None)
@given(_evidence_texts)
def test_the_claim_and_nice_gates_only_skip_texts_with_no_match(text):
    if E.CLAIM.search(text) is not None and text.isascii():
        assert any(needle in text.lower() for needle in E._CLAIM_VERB_NEEDLES)
    if E.NICE_CODE.search(text) is not None:
        assert any(pair in text for pair in ("NG", "CG", "PH", "QS"))


def test_the_claim_gate_keeps_the_usual_claims():
    for text in ("Research shows that fathers are overlooked.", "Evidence from previous reviews has found gaps.",
                 "The research tells us that neglect is missed."):
        lower = text.lower()
        assert E.find_claim(text, lower, frozenset(lower.replace(".", " ").split())) is not None


@settings(max_examples=1000, deadline=None)
@given(st.one_of(_texts, st.text(alphabet="q1fy26 -bi-annualend(/.x2012QMonth\u00e9\u0660", max_size=40)))
def test_trigger_starts_equal_the_single_trigger_scan(text):
    lowered = D.grammar_lowered(text)
    assert D._trigger_starts(lowered) == [m.start() for m in D._TRIGGER.finditer(lowered)]
