"""The owner analyzer's and clause reader's shortcuts give exactly what the plain code gives.

Each test keeps the plain code (as it was before the shortcut) as the reference and compares on
generated recommendations: phrase pools with labels, preambles, tags, modals, names and
punctuation, and random characters among them.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import smartlint_rules.grammar as G
import smartlint_rules.owner as O

_PHRASES = [
    "should", "Should", "must", "may", "May", "will", "cannot", "shouldn't", "not", "needs to", "is asked to",
    "are expected to", "ought to", "be", "been", "fully", "urgently", "reviewed", "review", "undertaken",
    "The", "the", "a", "an", "all", "each", "in each", "of every", "at all", "from any", "within",
    "Board", "LSCB", "Local Safeguarding Children Board", "THE LOCAL SAFEGUARDING CHILDREN BOARD", "NHS Kent",
    "HMP Leeds", "the hospital discharge team", "Children's Services", "Director of Public Health",
    "Designated Safeguarding Lead", "Head of Early Help", "Manager", "St Anne's", "Northgate Homes",
    "Riverside Housing", "Early Help service", "ICB", "Police", "police", "staff", "practitioners", "GPs",
    "schools", "agencies", "the school", "training", "refresher training", "e-learning", "supervision",
    "who", "which", "if", "unless", "that", "That", "It is recommended that", "The review recommends that",
    "Research shows that", "This review found that", "Evidence suggests that", "so", "Therefore,",
    "In future,", "By 31 March 2026", "Within 6 months:", "High priority (0-3 months):", "Recommendation 3:",
    "1.", "a)", "(Police)", "[Health]", "Police:", "Lead: Head of Service.", "Responsibility lies with",
    "Owner -", "Action -", "|", "-", "-", "(", ")", ",", ".", ";", ":", "?", "'", "'s", "e.g.", "Dr.", "No.",
    "A.", "co-ordinate", "self-neglect", "\u2019", "\u2013", "\u00a0", "\u0130stanbul", "\u212a", "\u017f",
    "\u00e9t\u00e9", "  ", "\n", "\t",
]
RECS = st.lists(st.sampled_from(_PHRASES) | st.text(alphabet="aZs ,.;:-'()\u00e9", max_size=4), max_size=28).map(" ".join)
GLUED = st.lists(st.sampled_from(_PHRASES), max_size=12).map("".join)  # words run together, no spaces
TEXTS = RECS | GLUED


# ---- sentences ---------------------------------------------------------------------------------


def _plain_sentence_spans(text: str, semicolons: bool = False) -> list[G.Span]:
    cuts: list[int] = []
    for m in G._SENTENCE_END.finditer(text):
        stop = m.start()
        if text[m.start()] == ".":
            k = stop
            lowest = max(0, stop - G._LONGEST_ABBREVIATION - 1)
            while k > lowest and (text[k - 1].isalnum() or text[k - 1] == "."):
                k -= 1
            word = text[k:stop].lower()
            if word in G._ABBREVIATIONS or (len(word) == 1 and word.isalpha() and text[k].isupper()):
                if m.end() < len(text):
                    continue
        cuts.append(m.end())
    if semicolons:
        cuts.extend(m.end() for m in G._SEMICOLON.finditer(text) if not G._inside_brackets(text, m.start()))
        cuts.sort()
    spans: list[G.Span] = []
    begin = 0
    for cut in [*cuts, len(text)]:
        s, e = begin, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        begin = cut
    return spans


@given(TEXTS, st.booleans())
def test_sentence_spans_match_the_plain_walk_back(text, semicolons):
    assert G.sentence_spans(text, semicolons) == _plain_sentence_spans(text, semicolons)


# ---- preambles, labels and tags ----------------------------------------------------------------


def _plain_skip_preamble(text: str, start: int, end: int) -> int:
    pos = start
    m = G._LABEL.match(text, pos, end)
    if m is not None:
        pos = m.end()
    tag = G.leading_tag(text[pos:end])
    if tag is not None:
        pos += tag.span[1]
    near = min(end, pos + 200)
    patterns = G._PREAMBLES_WITH_REPORT if text.find("that", pos, near) != -1 else G._PREAMBLES
    has_colon = text.find(":", pos, near) != -1
    for _ in range(4):
        moved = False
        for pattern in patterns:
            m = pattern.match(text, pos, end)
            if m is not None and m.end() > pos:
                pos = m.end()
                moved = True
        m = G._COLON_LABEL.match(text, pos, end) if has_colon else None
        if m is not None and not G.MODAL_RE.search(text, pos, m.end()) and not G._LABEL_NO_CLAUSE.search(text, pos, m.end()):
            pos = m.end()
            moved = True
        if not moved:
            break
    while pos < end and (text[pos].isspace() or text[pos] in "\"'-*•"):
        pos += 1
    return pos


@given(TEXTS)
def test_skip_preamble_matches_the_plain_pattern_loop(text):
    for start, end in [(0, len(text)), *G.sentence_spans(text, semicolons=True)]:
        assert G.skip_preamble(text, start, end) == _plain_skip_preamble(text, start, end)


@given(TEXTS, st.integers(0, 6))
def test_the_preamble_gates_never_skip_a_match(text, offset):
    pos, end = min(offset, len(text)), len(text)
    if G._LABEL.match(text, pos, end) is not None:
        assert G._may_open_label(text, pos, end)
    if G.leading_tag(text[pos:end]) is not None:
        assert G._may_open_tag(text, pos, end)
    if any(G._REPORTING.match(text, p, end) for p in range(pos, end)):
        assert G._may_report(text, pos, end)
    for patterns, combined in ((G._PREAMBLES, G._ANY_PREAMBLE), (G._PREAMBLES_WITH_REPORT, G._ANY_PREAMBLE_WITH_REPORT)):
        assert (combined.match(text, pos, end) is None) == all(p.match(text, pos, end) is None for p in patterns)


@given(TEXTS)
def test_the_owner_gates_never_skip_a_match(text):
    if O._LABEL_RE.search(text) is not None:
        assert O._may_have_label(text)
    for end in range(len(text) + 1):
        if O._SCOPE_AFTER.match(text, end) is not None:
            assert O._may_scope(text, end)


# ---- clauses -----------------------------------------------------------------------------------


def _plain_analyse_clause(text: str, start: int, end: int) -> G.Clause:
    """analyse_clause with every modal found first and the whole window read at once."""
    pos = G.skip_preamble(text, start, end)
    modals = G._modal_matches(text, pos, end)
    if not modals and pos > start and G._REPORTING.search(text, start, pos):
        return G.Clause("fragment", pos, end)
    limit = min(end, modals[-1].end() + 80) if modals else end
    toks = G.tokenize(text, pos, limit)
    if not toks:
        return G.Clause("fragment", pos, end)
    return G._read_clause(text, pos, end, modals, toks)


# Long sentences: the short window (and its traps) only comes into play some way past a modal.
# Capitalised runs after "of" let the post-name reading run on past the words it has read.
LONG_RECS = st.lists(st.sampled_from(_PHRASES + ["of", "Of", "to", "TO", "Head of", "Chair of the Board"]), min_size=6, max_size=40).map(" ".join)
LONG_RECS = LONG_RECS | LONG_RECS.map(str.upper)


@settings(max_examples=300)
@given(LONG_RECS | TEXTS)
def test_a_clause_read_in_a_short_window_is_the_clause_read_whole(text):
    text = G.normalise(text)
    for start, end in G.sentence_spans(text, semicolons=True):
        assert G.analyse_clause(text, start, end) == _plain_analyse_clause(text, start, end)


def test_a_post_name_read_past_the_short_window_is_read_as_in_the_whole_window():
    # The post's name runs on through capitalised words to "TO": the reading tests the list's
    # length two places past the last word it read (so the short window carries three traps).
    text = "THE DIRECTOR OF CHILDREN'S SERVICES IS RECOMMENDED TO PROVIDE EVIDENCE TO THE BOARD OF IMPROVEMENTS."
    clause = G.analyse_clause(text, 0, len(text))
    assert clause == _plain_analyse_clause(text, 0, len(text))
    assert clause.head == (0, 35)


def test_the_short_window_gives_way_when_the_reading_runs_on():
    # The adverbs after the modal run past the short window: the trap is read and the clause is
    # read again whole (same result as the plain reading, which sees the participle).
    text = "The Board should " + "fully " * 6 + "be reviewed by the Council."
    clause = G.analyse_clause(text, 0, len(text))
    assert clause == _plain_analyse_clause(text, 0, len(text))
    assert clause.kind == "modal" and clause.passive and text[clause.verb[0] : clause.verb[1]] == "reviewed"


@given(st.lists(st.tuples(st.sampled_from(["the Board", "staff who", "staff if", "Staff", "and"]),
                          st.sampled_from(["should", "will", "must", "x"])), max_size=6))
def test_find_modal_stops_at_the_modal_as_the_plain_scan_decides(parts):
    text = " ".join(f"{a} {b}" for a, b in parts) + " review it."
    modals = G._modal_matches(text, 0, len(text))
    toks = G.tokenize(text)

    def plain(matches, toks):
        if len(matches) <= 1:
            return matches[0] if matches else None
        for m in matches[:-1]:
            if not any(t.start < m.start() and (t.lower in G.RELATIVES or t.lower in {"if", "unless"}) for t in toks[1:]):
                return m
        return matches[-1]

    assert G._find_modal(modals, toks) is plain(modals, toks)


@given(TEXTS, st.integers(0, 5), st.integers(0, 5))
def test_the_first_modal_is_the_first_of_all_modals(text, cut_start, cut_end):
    start, end = min(cut_start, len(text)), max(len(text) - cut_end, 0)
    first = [(m.start(), m.end(), m.group()) for m in G._modal_matches(text, start, end, first=True)]
    every = [(m.start(), m.end(), m.group()) for m in G._modal_matches(text, start, end)]
    assert first == every[:1]


# ---- owner mentions ----------------------------------------------------------------------------


def _plain_word_before(text: str, pos: int) -> str:
    k = pos
    while k > 0 and text[k - 1] == " ":
        k -= 1
    j = k
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'-"):
        j -= 1
    return text[j:k]


@given(TEXTS | st.text(alphabet="ab '-_\t\u00e9\u0130", max_size=60))
def test_word_before_matches_the_plain_walk_back(text):
    for pos in range(len(text) + 1):
        assert O._word_before(text, pos) == _plain_word_before(text, pos)


def test_word_before_reaches_past_a_long_word():
    text = "x " + "a" * 100 + " the Board"
    assert O._word_before(text, 102) == "a" * 100


@given(TEXTS)
def test_the_lexicon_scans_find_what_the_single_pattern_finds(text):
    low = G.lowered(G.normalise(text))
    pattern, _ = O._lexicon()
    at_start, after = O._lexicon_scan()
    first = at_start.match(low)
    rest = after.finditer(low, first.end() if first is not None else 0)
    found = [m.span(m.lastindex or 0) for m in (rest if first is None else (first, *rest))]
    assert found == [m.span() for m in pattern.finditer(low)]


@given(TEXTS)
def test_the_name_scan_without_unneeded_alternatives_finds_what_the_full_one_finds(text):
    found = [(m.span(), m.lastgroup) for m in O._names_for(text).finditer(text)]
    assert found == [(m.span(), m.lastgroup) for m in O._NAME_PATTERNS.finditer(text)]


@given(TEXTS)
def test_normalise_leaves_ascii_text_as_it_is(text):
    assert G.normalise(text) == text.translate(G._FOLD)
