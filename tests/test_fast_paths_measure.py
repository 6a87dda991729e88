"""The shortcuts in rules/measurable.py and rules/specific.py give exactly what the plain code they
stand in for gives: lower-case twins of patterns, gates read from the words, hedges read off tokens,
modifier nouns tried only where a modifier word starts."""

from __future__ import annotations

import json
from pathlib import Path

import regex
import smartlint_rules.measurable as M
import smartlint_rules.specific as S
from hypothesis import given, settings
from hypothesis import strategies as st
from smartlint_rules.actions import MATERIALS_GATES, any_in
from smartlint_rules.actions import parse as parse_text

# words the shortcuts decide on, mixed with spaces, joiners, digits and letters that ignoring case
# folds onto ASCII ones (long s, Kelvin sign, dotted capital I)
_PIECES = sorted(
    set(S._HEDGE_TERMS)
    | set(S.MODIFIERS)
    | set(S._OPTION_GATES)
    | set(MATERIALS_GATES)
    | set(M.BY_MAKING_GERUNDS)
    | set(M.REPORT_OBJECTS)
    | {word for probe in M.PROBES for word in probe.gate}
    | {
        "by", "through", "via", "means", "of", "to", "the", "Board", "Partnership", "report", "reports", "Report",
        "20", "90%", "twenty", "at least", "information", "data", "and", "or", "either", "consideration",
        "should", "will", "The", "Trust", "cases", "audit of 20 cases", "review of 12 files", "re-audit",
        "non-appropriate", "x'relevant", "appropriately-trained", "as and when", "where  possible",
        "in writing", "confirm", "assure", "that", "impact", "evaluated", "fewer", "referrals",
    }
)
_GLUE = st.sampled_from([" ", " ", " ", "  ", "-", "'", ", ", ". ", "\n", "\t", "\x1c", "", "(", ")", "’"])
_ODD = st.sampled_from(["ſ", "\u212a", "\u0130", "é", "ß", "A", "Z", "q"])


@st.composite
def texts(draw, ascii_only: bool = False):
    parts = []
    for _ in range(draw(st.integers(1, 14))):
        piece = draw(st.sampled_from(_PIECES))
        if draw(st.booleans()):
            piece = piece.upper() if draw(st.booleans()) else piece.capitalize()
        parts.append(piece)
        glue = draw(_GLUE)
        if not ascii_only and draw(st.integers(0, 6)) == 0:
            glue += draw(_ODD)
        parts.append(glue)
    text = "".join(parts)
    return text.encode("ascii", "ignore").decode() if ascii_only else text


def _corpus_texts() -> list[str]:
    root = Path(__file__).parent
    out = []
    for path in [root / "data" / "synthetic_labelled.jsonl", Path("/work/shared/corpus/brandon2011_dev.jsonl")]:
        if path.exists():
            out.extend(json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip())
    return out


def _plain_probe_matches(text: str) -> list[tuple[int, int, int]]:
    tokens = parse_text(text).wordset
    return [
        (k, m.start(), m.end())
        for k in M._gated_indices(tokens)
        for m in M.PROBES[k].pattern.finditer(text)
    ]


def _twin_probe_matches(text: str) -> list[tuple[int, int, int]]:
    tokens = parse_text(text).wordset
    out = []
    for k in M._gated_indices(tokens):
        twin = M._TWINS[k] if text.isascii() else None
        if twin is not None:
            found = twin.finditer(text.lower())
        elif M.PROBES[k].starts:
            found = M.matches_at(M.PROBES[k].pattern, text, M.PROBES[k].starts)
        else:
            found = M.PROBES[k].pattern.finditer(text)
        out.extend((k, m.start(), m.end()) for m in found)
    return out


def test_every_ignorecase_probe_without_inline_flags_has_a_twin():
    assert sum(t is not None for t in M._TWINS) >= 20
    for probe, twin in zip(M.PROBES, M._TWINS):
        if twin is not None:
            assert not twin.flags & regex.IGNORECASE


@settings(max_examples=400, deadline=None)
@given(texts(ascii_only=True))
def test_probe_twins_match_where_the_probes_match(text):
    assert _twin_probe_matches(text) == _plain_probe_matches(text)


@settings(max_examples=300, deadline=None)
@given(texts())
def test_probes_tried_at_their_start_words_match_where_the_probes_match(text):
    assert _twin_probe_matches(text) == _plain_probe_matches(text)


def test_probes_with_start_words_start_with_them():
    for probe in M.PROBES:
        if probe.starts:
            assert not probe.pattern.flags & regex.IGNORECASE
            text = "The Trust should report progress reports to the Board and present findings to the Partnership."
            assert M.matches_at(probe.pattern, text, probe.starts) == list(probe.pattern.finditer(text)) or [
                m.span() for m in M.matches_at(probe.pattern, text, probe.starts)
            ] == [m.span() for m in probe.pattern.finditer(text)]


def test_probe_twins_on_the_corpora():
    for text in _corpus_texts():
        assert _twin_probe_matches(text) == _plain_probe_matches(text)


def test_gated_indices_are_the_gated_probes_in_order():
    tokens = frozenset({"audit", "report", "monitor", "target", "all", "impact", "evidence"})
    expected = [k for k, probe in enumerate(M.PROBES) if not probe.gate.isdisjoint(tokens)]
    assert M._gated_indices(tokens) == expected


def _regions(p):
    return [(a0, a1) for action in p.actions for a0, a1 in [action.arg, action.subj] if a1 > a0] + [(0, len(p.low))]


@settings(max_examples=400, deadline=None)
@given(texts())
def test_word_gates_in_measurable_never_shut_a_search_that_would_match(text):
    p = parse_text(text)
    if not p.low:
        return
    flags = M._word_flags(p)
    for a0, a1 in _regions(p):
        start, end = p.starts[a0], p.ends[a1 - 1]
        by = M.BY_MAKING.search(p.text, start, end) or M.BY_CHANGING.search(p.text, start, end)
        if by is not None:
            assert flags & M._HAS_GERUND and M._may_say_by(p, a0, a1)
        if M._MATERIALS_GATE.search(p.lower, start, end) is not None:
            assert flags & M._HAS_MATERIAL and M._may_name_materials(p, a0, a1)
        elif len(p.lower) == len(p.text):
            assert not M._may_name_materials(p, a0, a1)


@settings(max_examples=400, deadline=None)
@given(texts())
def test_specific_gates_never_shut_a_gate_that_is_open(text):
    p = parse_text(text)
    flags = S._GATES.flags(p.wordset)
    for bit, needles in [(S._HEDGE_GATE, S._HEDGE_GATES), (S._MODIFIER_GATE, S._MODIFIER_GATES), (S._OPTION_GATE, S._OPTION_GATES)]:
        if any_in(p.lower, needles):
            assert flags & bit
    if S._MODIFIER_NOUN.search(p.text) is not None:
        assert S._may_qualify(p)
    for a0, a1 in _regions(p) if p.low else ():
        region = p.text[p.starts[a0] : p.ends[a1 - 1]].lower()
        if any_in(region, MATERIALS_GATES):
            assert S._MATERIALS.may_occur(0, p.low[a0:a1])


@settings(max_examples=400, deadline=None)
@given(texts())
def test_hedges_read_off_the_tokens_are_the_pattern_matches(text):
    p = parse_text(text)
    assert S._hedge_spans(p) == S._hedges(p.text, p.lower)


def test_hedges_and_modifier_nouns_on_the_corpora():
    for text in _corpus_texts():
        p = parse_text(text)
        assert S._hedge_spans(p) == S._hedges(p.text, p.lower)
        assert [m.span() for m in S._modifier_nouns(p)] == [m.span() for m in S._MODIFIER_NOUN.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(texts())
def test_modifier_nouns_tried_at_modifier_words_are_the_pattern_matches(text):
    p = parse_text(text)
    twin = S._modifier_nouns(p)
    plain = list(S._MODIFIER_NOUN.finditer(text))
    assert [(m.span(), m.groupdict()) for m in twin] == [(m.span(), m.groupdict()) for m in plain]


def test_hedge_spans_cover_joined_and_spaced_words():
    p = parse_text("Staff should act appropriately-trained, where appropriate and non-properly, where  possible.")
    assert S._hedge_spans(p) == S._hedges(p.text, p.lower)
    assert len(S._hedge_spans(p)) == 3  # "appropriately", "where appropriate", "properly"


def test_find_with_first_words_equals_the_plain_scan():
    for text in _corpus_texts()[:60]:
        p = parse_text(text)
        n = len(p.low)
        for terms in (M._MADE, M._DELIVERABLES_BODIES, M._ESTABLISHED, M._RECOMMENDED, M.POST_NOUNS):
            for i in range(0, n, 3):
                assert M._find(p, i, n, terms) == _plain_find(p, i, n, terms)


def _plain_find(p, i, j, terms):
    """measurable._find before it skipped tokens no term starts with."""
    low = p.low
    for k in range(i, j):
        if p.roles[k] in ("sub", "rationale", "question"):
            continue
        if (
            low[k] in terms
            or (k + 1 < j and f"{low[k]} {low[k + 1]}" in terms)
            or (k + 2 < j and low[k + 1] == "of" and f"{low[k]} of {low[k + 2]}" in terms)
        ):
            if low[k] == "course" and k > 0 and low[k - 1] == "due":
                continue
            if low[k] in M._THIS_DOCUMENT and k >= 2 and low[k - 1] in {"this", "these"} and low[k - 2] in M._POINTING:
                continue
            if any(
                low[m] in M._SOURCE_POINTERS and m + 1 < len(low) and low[m + 1] in {"of", "from", "in"}
                for m in range(max(i, k - 5), k)
            ):
                continue
            return k
    return None
