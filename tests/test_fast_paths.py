"""The check path's shortcuts give exactly what the plain code they stand in for gives."""

from __future__ import annotations

import math
import re
import signal
from collections import Counter, defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

import smartlint_rules.document as D
import smartlint_rules.grammar as G
import smartlint_rules.owner as O
from smartlint.formatters import _NEEDS_WORK, _SPACE, _UNSAFE, _escape_char, one_line, safe

# text with the characters the shortcuts decide on: spaces, control and bidi characters, curly
# apostrophes, hyphens, digits, and letters whose lower case is longer or ASCII
TRICKY = st.text(
    alphabet=st.sampled_from(list("ab yz' -_09\t\n\x00\x7f\x85\xa0\u2019\u2028\u202e\u0130\u212a\u00e9&.,")) | st.characters(),
    max_size=60,
)


@given(TRICKY)
def test_one_line_and_safe_match_their_patterns(text):
    assert safe(text) == _UNSAFE.sub(_escape_char, text)
    plain = text.strip() if _NEEDS_WORK.search(text) is None else safe(_SPACE.sub(" ", text).strip())
    assert one_line(text) == plain


def _words(codes: str) -> set[str]:
    return {D._WORD_OF[ord(c)] for c in codes}


@given(TRICKY)
def test_action_codes_are_the_action_content_words(text):
    action = D._action(text, ())
    assert _words(D._action_codes(action)) == set(D.content_words(action))
    assert len(D._action_codes(action)) == len(set(D.content_words(action)))


def _reference_duplicates(keys, min_similarity=D.DEFAULT_SIMILARITY):
    """The duplicate finder before candidates were filtered by length (every candidate scored)."""
    from rapidfuzz.fuzz import ratio
    from rapidfuzz.process import extract

    frequency: Counter[str] = Counter()
    for key in keys:
        frequency.update(key.words)
    order = {c: (n, D._WORD_OF[ord(c)]) for c, n in frequency.items()}
    index: dict[str, list[int]] = defaultdict(list)
    first_with_words: dict[str, int] = {}
    others: dict[str, int] = {}
    pairs = []
    for j, key in enumerate(keys):
        ws, action, matches = key.words, key.action, []
        first = first_with_words.setdefault(ws, j)
        if first == j:
            exact = None
        elif keys[first].action == action:
            exact = first
        else:
            exact = others.setdefault(action, j)
            exact = None if exact == j else exact
        if exact is not None and len(ws) >= 2:
            earlier = keys[exact]
            differ = earlier.owner_key and key.owner_key and earlier.owner_key != key.owner_key
            kind = "agencies" if differ and D._norm(earlier.text) != D._norm(key.text) else "wording"
            matches.append((exact, 100.0, kind))
        elif len(ws) >= D.MIN_CONTENT_WORDS:
            ranked = sorted(ws, key=order.__getitem__)
            prefix = len(ranked) - math.ceil(D.CANDIDATE_JACCARD * len(ranked)) + 1
            candidates: set[int] = set()
            for word in ranked[:prefix]:
                room = D.MAX_CANDIDATES - len(candidates)
                if room > 0:
                    posting = index[word]
                    candidates.update(posting if len(posting) <= room else posting[:room])
                index[word].append(j)
            low, high = D.CANDIDATE_JACCARD * len(ws), len(ws) / D.CANDIDATE_JACCARD
            ordered = sorted(candidates)
            scored = extract(action, [keys[i].action for i in ordered], scorer=ratio, score_cutoff=min_similarity, limit=None)
            for _, score, k in sorted(scored, key=lambda m: m[2]):
                i = ordered[k]
                other = keys[i].words
                if not score or not low <= len(other) <= high:
                    continue
                if not D._substituted(D._bare(other), D._bare(ws)):
                    differ = keys[i].owner_key and key.owner_key and keys[i].owner_key != key.owner_key
                    matches.append((i, score, "agencies" if differ else "wording"))
        if matches:
            i, score, kind = matches[0]
            pairs.append(D.DuplicatePair(i, j, round(score, 1), kind, tuple(m[0] for m in matches[1:])))
    return pairs


_OWNERS = ["The Police", "Children's Social Care", "The ICB", "Schools"]
_PHRASES = ["will review", "will publish a revised protocol on", "the neglect procedure", "domestic abuse",
            "missed appointments", "by 31 March 2026", "and report to the Board", "for all staff", "quarterly"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_OWNERS), st.lists(st.sampled_from(_PHRASES), min_size=2, max_size=7)), max_size=40),
    st.sampled_from([70, 80, 90, 95, 100]),
)
def test_duplicates_are_the_pairs_every_candidate_scored_gives(rows, similarity):
    keys = [D.dup_key(D.DupEntry(f"{owner} {' '.join(words)}.")) for owner, words in rows]
    assert D.duplicates_among(keys, similarity) == _reference_duplicates(keys, similarity)


# ---- grammar and owner: plain-ASCII patterns and the name scan ---------------------------------

_PHRASES = [
    "should", "Should", "must", "MUST", "may", "May", "will", "would", "could", "can", "cannot", "not", "need to",
    "needs to", "is asked to", "are expected to", "ought to", "shall", "won't", "The", "the", "Board", "LSCB",
    "Local Safeguarding Children Board", "THE LOCAL SAFEGUARDING CHILDREN BOARD", "NHS England", "HMP Leeds",
    "the hospital discharge team", "Children's Services", "2GETHER", "Director of Public Health", "St Anne's",
    "Northgate Homes", "Early Help service", "ICB", "Police", "and", ",", ".", ";", "(", ")", "-", "'", "e.g.",
    "co-ordinate", "ﬁle", "Ærø", "\u2019", "İstanbul", "K",
]
SENTENCES = st.lists(st.sampled_from(_PHRASES), max_size=10).map(" ".join)


@given(SENTENCES | st.text(alphabet=st.sampled_from(list("aZ09'&./-_ ,;")), max_size=40))
def test_tokenize_matches_the_general_token_pattern(text):
    tokens = [(t.start, t.end, t.text) for t in G.tokenize(text)]
    assert tokens == [(m.start(), m.end(), m.group()) for m in G._TOKEN_RE.finditer(text)]


@given(SENTENCES, st.integers(0, 5), st.integers(0, 5))
def test_modal_matches_match_the_modal_pattern(text, cut_start, cut_end):
    start, end = min(cut_start, len(text)), max(len(text) - cut_end, 0)
    found = [(m.start(), m.end(), m.group()) for m in G._modal_matches(text, start, end)]
    assert found == [(m.start(), m.end(), m.group()) for m in G.MODAL_RE.finditer(text, start, end)]


# The name scan as it was written before it opened with a character class, with the capitalised
# word that backtracked on runs of capitals.
_OLD_CAP_WORD = r"(?:[A-Z][\w'&.-]*|[A-Z\d]{2,}\w*)"
_NEW_CAP_WORD = r"(?:[A-Z][\w'&.-]*|\d[A-Z\d]\w*)"


def _old_names() -> re.Pattern[str]:
    parts = "|".join(f"(?P<{name}>{p.pattern})" for name, p in O._NAME_PARTS)
    assert _NEW_CAP_WORD in parts
    return re.compile(r"(?<![\w-])(?:" + parts.replace(_NEW_CAP_WORD, _OLD_CAP_WORD) + ")", re.VERBOSE)


OLD_NAMES = _old_names()


@settings(max_examples=200, deadline=None)  # the old pattern takes up to ~1 s on ten phrases in capitals
@given(SENTENCES)
def test_the_name_scan_finds_what_the_plain_pattern_finds(text):
    found = [(m.span(), m.lastgroup) for m in O._names_for(text).finditer(text)]
    assert found == [(m.span(), m.lastgroup) for m in OLD_NAMES.finditer(text)]


def test_a_recommendation_in_capitals_is_read_in_linear_time():
    # A run of capitals once backtracked exponentially in the name scan (240 characters: 0.7 s,
    # twice that: hours). Without the fix this test would not finish; the alarm makes it fail.
    text = "THE LOCAL SAFEGUARDING CHILDREN BOARD SHOULD ENSURE THAT ALL PARTNER AGENCIES REVIEW " * 12

    def stop(signum, frame):
        raise AssertionError("the name scan took more than 20 s on 1,000 capitals")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        O.find_mentions(text)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
