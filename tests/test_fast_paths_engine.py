"""The engine's and writers' shortcuts give exactly what the general code they stand in for gives:
the duplicate finder's word-by-word normalisation, the engine's packed path (findings made
straight as the spool's tuples) and the text and JSON writers reading those tuples."""

from __future__ import annotations

import io
import random

from hypothesis import given, settings
from hypothesis import strategies as st

import smartlint_rules.document as D
from smartlint.api import parse_document
from smartlint.engine import Linter, Overrides
from smartlint.file_records import FileRecord
from smartlint.formatters import json as json_format
from smartlint.formatters import text as text_format
from smartlint.records import pack
from smartlint.report_record import report_record
from test_fast_paths import _reference_duplicates  # the finder with every candidate scored

# text with the characters the normalisation decides on: apostrophes (straight and curly),
# pronouns and leading words, underscores, digits, punctuation, and letters whose lower case is
# ASCII (the Kelvin sign) or not
WORDS = ["the", "The", "that", "and", "all", "ALL", "its", "their", "His", "her", "hers", "our", "ours", "theory",
         "Board's", "children\u2019s", "co-ordinate", "e.g.", "x_y", "2026", "\u212a", "\u00e9t\u00e9", "\u0130"]
TEXTS = st.lists(st.sampled_from(WORDS) | st.sampled_from([" ", ",", ".", "'", "  ", "\t", "-", "(", ")"]),
                 max_size=14).map(" ".join) | st.text(max_size=40)


@given(TEXTS)
def test_normal_words_are_the_words_of_the_normalising_patterns(text):
    words = D._normal_words(text)
    if words is not None:
        assert " ".join(words) == D._unled(D._norm(text))
        assert all(words)


@given(TEXTS, st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=3))
def test_action_and_key_match_the_patterns(text, raw_spans):
    spans = tuple((min(a, b), max(a, b)) for a, b in raw_spans)
    plain = D._unled(D._norm(D._remove(text, spans) if spans else text))
    assert D._action(text, spans) == plain
    key = D.dup_key(D.DupEntry(text, spans, addressee_known=True))
    assert key.action == plain
    assert key.size == len(plain)
    assert key.words == D._action_codes(plain)


# ---- the engine's packed path against the records' path ------------------------------------------

_OWNERS = ["The Police", "Children's Social Care", "The ICB", "Schools", "The Board", ""]
_PARTS = ["will review", "should consider", "the neglect procedure", "relevant staff", "as appropriate",
          "by 31 March 2026", "within six months", "as soon as possible", "and report to the Board", "training",
          "(Brandon et al. 2011)", "their practice", "caf\u00e9 \u2019s"]


def _document(rows: list[tuple[str, list[str]]], layout: str) -> str:
    recs = [f"{owner} {' '.join(parts)}.".strip() for owner, parts in rows]
    if layout == "wrapped":  # items over two lines: columns cannot be found by addition
        recs = [rec.replace(" ", "\n   ", 1) for rec in recs]
    body = "\n".join(f"{n}. {rec}" for n, rec in enumerate(recs, 1))
    return f"# Review\n\n## Recommendations\n\n{body}\n"


_LINTERS: dict[bool, Linter] = {}


def _check(source: str, records_only: bool, name: str = "t.md") -> FileRecord:
    linter = _LINTERS.get(records_only)
    if linter is None:
        linter = _LINTERS[records_only] = Linter(overrides=Overrides())
        linter.records_only = records_only
    document = parse_document(name, source.encode("utf-8"), name.rsplit(".", 1)[1], linter.config)
    return linter.check_document(document)


def _spooled(result: FileRecord) -> list:
    return list(result.recommendations._spool)


ROWS = st.lists(st.tuples(st.sampled_from(_OWNERS), st.lists(st.sampled_from(_PARTS), min_size=1, max_size=6)),
                min_size=1, max_size=8)


@settings(max_examples=30, deadline=None)
@given(ROWS, st.sampled_from(["plain", "wrapped"]))
def test_packed_path_spools_what_the_records_path_packs(rows, layout):
    source = _document(rows, layout)
    fast, plain = _check(source, False), _check(source, True)
    assert _spooled(fast) == _spooled(plain)
    assert fast.counts == plain.counts
    assert fast.summary == plain.summary
    assert fast.findings == plain.findings


def test_packed_path_matches_on_action_plan_rows_and_learning_points(tmp_path):
    # an action plan's rows give cell references (ref_for), which take the general path
    plan = (
        "Recommendation,Action,Lead,Timescale\n"
        "1,Staff should be more aware of neglect,,ASAP\n"
        "2,The Police will audit 20 cases by June 2026,DI Smith,June 2026\n"
    )
    learning = (
        "# Review\n\n## Recommendations\n\n<!-- smartlint: learning-point -- context -->\n"
        "1. Staff should be more aware of neglect.\n2. Agencies should work together better.\n"
    )
    for source, name in ((plan, "plan.csv"), (learning, "t.md")):
        fast, plain = _check(source, False, name), _check(source, True, name)
        assert _spooled(fast) == _spooled(plain)
        assert fast.counts == plain.counts
    refs = [f[11] for rec in _spooled(_check(plan, False, "plan.csv")) for f in rec[10]]
    assert refs and all(refs)
    assert [rec[7] for rec in _spooled(_check(learning, False))] == ["context", None]


# ---- writers reading the spool's tuples against writers reading records ----------------------------


def _materialised(result: FileRecord) -> FileRecord:
    return result.materialised()  # recommendations as records: the writers' general path


def _render(module, result: FileRecord, **options) -> str:
    out = io.StringIO()
    module.write(report_record([result], [], "0"), out, **options)
    return out.getvalue()


@settings(max_examples=20, deadline=None)
@given(ROWS, st.sampled_from(["plain", "wrapped"]), st.booleans())
def test_writers_read_packed_recommendations_as_records(rows, layout, color):
    source = _document(rows + rows[:2], layout)  # repeats: near-duplicate findings merged in
    result = _check(source, False)
    records = _materialised(result)
    assert _render(json_format, result) == _render(json_format, records)
    assert _render(text_format, result, color=color) == _render(text_format, records, color=color)


def test_packed_recommendation_round_trip_is_the_record():
    result = _check(_document([("The Police", ["will review", "by 31 March 2026"])] * 3, "plain"), False)
    for packed, record in zip(result.recommendations.packed(), result.materialised().recommendations):
        assert (packed if isinstance(packed, tuple) else pack(packed)) == pack(record)


# ---- the duplicate finder once a word's candidate list is full -------------------------------------

_DUP_OWNERS = ["The Police", "Children's Social Care", "The ICB", "Schools", "Health visitors"]
_DUP_PHRASES = ["will review", "will publish a revised protocol on", "the neglect procedure", "domestic abuse",
                "missed appointments", "by 31 March 2026", "and report to the Board", "for all staff", "quarterly",
                "pre-birth assessment", "with GPs", "every case", "their supervision"]


def _dup_rows(rng, count):
    """Recommendations from a small pool of phrases (so a word's candidate list fills), a third
    of them near repeats of an earlier one."""
    rows = []
    for _ in range(count):
        if rows and rng.random() < 0.3:
            _, words = rng.choice(rows)
            words = list(words)
            words[rng.randrange(len(words))] = rng.choice(_DUP_PHRASES)
            rows.append((rng.choice(_DUP_OWNERS), words))
        else:
            rows.append((rng.choice(_DUP_OWNERS), rng.sample(_DUP_PHRASES[:8], rng.randint(3, 6))))
    return rows


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from([70, 85, 90, 100]))
def test_duplicates_past_a_full_candidate_list_are_the_pairs_every_candidate_scored_gives(seed, similarity):
    # more than MAX_CANDIDATES recommendations share their rarest words, so the finder takes its
    # shortcut for a word whose first MAX_CANDIDATES recommendations are known
    windows = []

    class Counted(D._Window):
        __slots__ = ()

        def __init__(self, *args):
            windows.append(1)
            super().__init__(*args)

    keys = [D.dup_key(D.DupEntry(f"{owner} {' '.join(words)}.")) for owner, words in _dup_rows(random.Random(seed), 400)]
    original, D._Window = D._Window, Counted
    try:
        found = D.duplicates_among(keys, similarity)
    finally:
        D._Window = original
    assert windows  # the shortcut was taken
    assert found == _reference_duplicates(keys, similarity)
