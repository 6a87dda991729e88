"""The actions parser's and the theme profile's shortcuts give exactly what the plain code they
stand in for gives (each test holds the plain code as it was, or the general path, as reference)."""

from __future__ import annotations

import bisect
from itertools import compress

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import smartlint_rules.actions as A
import smartlint_rules.themes as T

# words and marks the shortcuts decide on: apostrophes (straight and curly), hyphens, ampersands,
# sentence marks, brackets, ASCII control and space characters, underscores, digits, capitals
_PHRASES = [
    "The", "Board", "should", "review", "its", "multi-agency", "child protection", "procedures", "by", "March",
    "2026", "and", "report", "to", "the", "Police", "Children's", "parents'", "'quoted'", "A&E", "&", "-", "--",
    "co-ordinate", "well-being", "e.g.", "i.e.", ".", "!", "?", ";", ":", ",", "(a)", "[1]", "Dr.", "St.",
    "that", "whether", "in order to", "so that", "where appropriate", "It is essential that", "Within six months,",
    "_x", "x_", "\t", "\n", "\x1c", "\x0b", "  ", "health visitor", "domestic abuse", "information sharing",
    "information-sharing protocol", "NHS England", "local authority", "training", "guidance", "audit",
]
SENTENCES = st.lists(st.sampled_from(_PHRASES), max_size=14).map(" ".join)
ASCII_TEXT = st.text(alphabet=st.characters(max_codepoint=127), max_size=60)
MIXED = st.text(
    alphabet=st.sampled_from(list("ab yZ09'&.-_,;:()!?\t\n\x1c\x0b\xa0\u2019\u2018\u2011\u0130\u00e9")), max_size=50
)
TEXTS = SENTENCES | ASCII_TEXT | MIXED


# ---- actions: tokens and sentences -------------------------------------------------------------


@given(TEXTS)
def test_ascii_tokens_are_the_general_tokens(text):
    assert A._tokenize(text) == A._tokenize_general(text)


def _plain_sentences(low, raw, depth):
    """_sentences before the shortcut for texts with at most one sentence mark."""
    out, start, n = [], 0, len(low)
    for i in [i for i, w in enumerate(low) if w in A._SENTENCE_MARKS]:
        if depth[i] > 0 or i + 1 >= n:
            continue
        prev = low[i - 1] if i else ""
        if prev in A.ABBREVIATIONS or (len(prev) == 1 and prev.isalpha()):
            continue
        nxt = raw[i + 1]
        if not (nxt[0].isupper() or nxt[0].isdigit() or nxt in {"(", '"', "“", "'", "‘"}):
            continue
        out.append((start, i + 1))
        start = i + 1
    if start < n:
        out.append((start, n))
    return out


@given(TEXTS)
def test_sentences_are_the_plain_sentences(text):
    low, raw, _, _ = A._tokenize(text)
    depth = A._depths(low, text)
    assert A._sentences(low, raw, depth, text) == _plain_sentences(low, raw, depth)


def test_roles_mark_purpose_subordinate_and_rationale_words():
    # roles are written only where they are not "main": the rest must still read "main"
    p = A.parse("The Board should review the policy in order to reduce delay, where abuse could be a factor. "
                "This should help to reduce stress.")
    roles = list(zip(p.low, p.roles))
    assert roles[:6] == [(w, "main") for w in ("the", "board", "should", "review", "the", "policy")]
    assert roles[6:12] == [(w, "purpose") for w in ("in", "order", "to", "reduce", "delay", ",")]
    assert roles[12:19] == [(w, "sub") for w in ("where", "abuse", "could", "be", "a", "factor", ".")]
    assert {r for _, r in roles[19:]} == {"rationale"}


# ---- themes: tokens ------------------------------------------------------------------------------


def _plain_tokens(text):
    """Tokens' words and offsets as they were found before: every _TOKEN match, then apostrophes
    trimmed from the ends of words."""
    plain = T._normalise(text)
    lower = plain.lower()
    if len(lower) != len(plain):
        lower = plain
    found = [(m.group().lower(), m.start(), m.end()) for m in T._TOKEN.finditer(lower)]
    kept = []
    for word, start, end in found:
        word = word.strip("'") if word[0] == "'" or word[-1] == "'" else word
        if word:
            kept.append((word, start, end))
    return [w for w, _, _ in kept], [s for _, s, _ in kept], [e for _, _, e in kept]


@given(TEXTS)
def test_theme_tokens_are_the_plain_tokens(text):
    tokens = T.Tokens(text)
    assert (tokens.words, tokens.starts, tokens.ends) == _plain_tokens(text)
    assert tokens.ascii_lower == (text.lower() if text.isascii() else None)


@given(TEXTS)
def test_theme_tokens_read_off_the_actions_parse_are_the_same(text):
    shared = T.Tokens.of_parse(text, A.parse(text))
    if shared is None:
        assert not text.isascii() or "'" in text or "&" in text
        return
    tokens = T.Tokens(text)
    assert (shared.words, shared.starts, shared.ends, shared.ascii_lower) == (
        tokens.words,
        tokens.starts,
        tokens.ends,
        tokens.ascii_lower,
    )


def test_theme_tokens_are_not_read_off_the_parse_of_another_text():
    assert T.Tokens.of_parse("The Board should act.", A.parse("The Police should act.")) is None


# ---- themes: candidates and hits -------------------------------------------------------------------


def _plain_hits(classifier, tokens, start=0, end=None):
    """Classifier.hits as it was: every option of a candidate tried, longest first."""
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    stop = len(tokens.text) if end is None else end
    n = len(words)
    first = bisect.bisect_left(starts, start) if start else 0
    last = bisect.bisect_right(ends, stop)
    found, nxt = [], 0
    for i in range(first, last):
        entry = classifier._lookup[words[i]]
        if i < nxt or entry is None:
            continue
        options, wildcard = entry[0], entry[1]
        for size, table in options:
            if size == 1:
                found.append(T.Hit(starts[i], ends[i], table))
                break
            j = i + size
            if j <= n and ends[j - 1] <= stop:
                keys = table.get(tuple(words[i:j]))
                if keys is not None:
                    found.append(T.Hit(starts[i], ends[j - 1], keys))
                    nxt = j
                    break
        else:
            if wildcard is not None:
                found.append(T.Hit(starts[i], ends[i], wildcard))
    return found


LEXICON_TEXT = st.lists(
    st.sampled_from(
        [*_PHRASES, "child sexual exploitation", "mental health", "children's social care", "safeguarding adults board",
         "looked after children", "serious case review", "early help", "multi-agency safeguarding hub", "GP", "school"]
    ),
    max_size=16,
).map(" ".join)


@settings(max_examples=300)
@given(LEXICON_TEXT | TEXTS, st.integers(0, 40), st.integers(0, 40))
def test_hits_are_the_plain_hits(text, cut_start, cut_end):
    start, end = min(cut_start, len(text)), max(len(text) - cut_end, 0)
    for classifier in (T.themes(), T.remedies(), T.agencies()):
        assert classifier.hits(text) == _plain_hits(classifier, T.Tokens(text))
        assert classifier.hits(text, start, end) == _plain_hits(classifier, T.Tokens(text), start, end)
        whole = T.Tokens(text)
        classifier.hits(whole)  # with the whole text's candidates known, a range reads them
        assert classifier.hits(whole, start, end) == _plain_hits(classifier, T.Tokens(text), start, end)


@given(LEXICON_TEXT | TEXTS)
def test_one_look_up_per_word_finds_each_classifiers_candidates(text):
    shared = T.Tokens(text)
    T._find_candidates(shared)
    for classifier in (T.themes(), T.remedies(), T.agencies()):
        tokens = T.Tokens(text)
        expected = list(compress(range(len(tokens.words)), map(classifier._lookup.__getitem__, tokens.words)))
        assert shared.candidates[classifier] == expected


@given(st.text(alphabet=st.sampled_from(list(" -\t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000a,")), max_size=4))
def test_compound_gap_is_the_gap_pattern(gap):
    source = "x" + gap + "y"
    assert T._compound_gap(source, 1, 1 + len(gap)) == (T._COMPOUND_GAP.match(source, 1, 1 + len(gap)) is not None)


# ---- themes: subject and tag -------------------------------------------------------------------------


@given(LEXICON_TEXT | TEXTS)
def test_subject_span_on_the_lower_cased_text_is_the_plain_one(text):
    plain = T.subject_span(text)
    if text.isascii():
        assert T.subject_span(text, text.lower()) == plain
    pattern = T._SUBJECT_END
    for match in pattern.finditer(text, 0, T.SUBJECT_WINDOW):
        if match.start() == 0:
            assert plain is None
        break


_TAG = regex.compile(T._TAG.pattern)


@given(TEXTS | st.sampled_from(["(Police) Review ...", "  Police: review", "Health: x", "(a)", "A: b"]))
def test_tag_span_is_the_tag_pattern(text):
    match = _TAG.match(text)
    expected = None if match is None else match.span(1 if match.group(1) is not None else 2)
    assert T.tag_span(text) == expected
