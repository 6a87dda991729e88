"""Whole-document analysis: how many recommendations, repetition, remedy balance, relevance.

Brandon et al. (2011, DFE-RR157) found 932 recommendations in 20 serious case reviews (10 to 94
each, mean 47) although Working Together (HM Government 2010) asks for few; repetitive
messages; a reflex toward training and procedures; and themes raised by the case that never
became recommendations. These rules look at a document as a whole.

Analyzers registered here:
- "profile" (per recommendation): themes, remedy, agency categories (rules/themes.py);
- "document:review-findings": the review's own findings, parsed from its findings section;
- "document:relevance": the link map from recommendations to those findings (records.Relevance);
- "document:duplicates": near-duplicate pairs at the default similarity.
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

import regex

from smartlint.document import Document
from smartlint.records import Relevance, ReviewFinding
from smartlint.vocabulary import Criterion, Severity
from smartlint.rule import (
    DocContext,
    RecContext,
    Rule,
    RuleMeta,
    RuleOptions,
    Violation,
    option,
)

from . import themes as T

# --- shared text helpers ----------------------------------------------------------------------

_WORD = regex.compile(r"[\w']+(?:-[\w']+)*")
_STOPWORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "upon", "as", "that", "this", "these", "those", "it", "its", "their", "his", "her", "them", "they", "he", "she", "we", "our", "us", "you", "your", "be", "is", "are", "was", "were", "been", "being", "am", "has", "have", "had", "do", "does", "did", "should", "must", "shall", "will", "would", "could", "may", "might", "can", "need", "needs", "ought", "not", "no", "any", "all", "each", "every", "some", "such", "other", "than", "then", "there", "here", "where", "when", "which", "who", "whom", "whose", "what", "how", "why", "also", "only", "so", "if", "whether", "about", "after", "before", "over", "under", "between", "within", "without", "through", "during", "including", "include", "includes", "included", "per", "via", "i.e", "e.g", "etc"]
)
# Words every safeguarding recommendation and finding uses: shared, they say nothing about a link.
_GENERIC = frozenset(
    ["child", "children", "childs", "child's", "young", "person", "people", "family", "families", "parent", "parents", "agency", "agencies", "professional", "professionals", "practitioner", "practitioners", "staff", "safeguarding", "review", "reviews", "case", "cases", "work", "working", "practice", "service", "services", "local", "multi", "multi-agency", "partner", "partners", "partnership", "board", "lscb", "ensure", "ensured", "ensuring", "ensures", "make", "made", "making", "take", "taken", "consider", "considered", "use", "used", "using", "need", "needed", "needs", "relevant", "appropriate", "appropriately", "all", "both", "clear", "clearly", "effective", "effectively", "further", "future", "current", "currently", "new", "existing", "identified", "identify", "identifies", "support", "supported", "concerns", "concern", "information", "issue", "issues", "example", "important", "importance", "able", "within", "where", "there", "recommendation", "recommendations", "finding", "findings", "report", "reports", "recommends", "recommended", "learning", "lessons", "process"]
)


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(text: str) -> list[str]:
    words = []
    for word in _WORD.findall(text.lower().replace("\u2019", "'")):
        word = word.strip("'")
        if len(word) >= 3 and word not in _STOPWORDS and not word.isdigit():
            words.append(_stem(word))
    return words


def key_terms(text: str) -> frozenset[str]:
    """Content words that can carry a link between a finding and a recommendation."""
    return frozenset(w for w in content_words(text) if len(w) >= 4 and w not in _GENERIC)


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "\u2026"


def _ids(ids: Sequence[str]) -> str:
    ids = list(ids)
    if len(ids) <= 1:
        return "".join(ids)
    return ", ".join(ids[:-1]) + " and " + ids[-1]


# --- near-duplicates --------------------------------------------------------------------------

DEFAULT_SIMILARITY = 90
# Candidate pairs share a rare word: with prefix filtering on word sets (Bayardo et al. 2007)
# every pair whose word sets overlap by at least this Jaccard share one of the first words of
# their rarest-first prefixes, so no pair is compared by brute force.
CANDIDATE_JACCARD = 0.6
# Each recommendation is compared with at most this many earlier ones (those sharing its rarest
# words first), so a huge templated list costs O(n), not O(n^2); no document of 100 or fewer (the study saw at most 94)
# recommendations reaches the cap.
MAX_CANDIDATES = 100
MIN_CONTENT_WORDS = 4  # shorter items are compared only when identical

_PRONOUNS = regex.compile(r"\b(?:its|their|his|her|our)\b")
_NON_WORD = regex.compile(r"[^\w]+")
_LEADING = regex.compile(r"^(?:that |the |and |all )+")


class DupEntry(NamedTuple):
    """One recommendation as the duplicate finder sees it (value types here are named tuples:
    cheaper to define at start-up, and to make, than dataclasses)."""

    text: str
    owner_spans: tuple[tuple[int, int], ...] = ()
    agencies: tuple[str, ...] = ()
    addressee_known: bool = False  # owner_spans already include the agencies named in the subject


class DuplicatePair(NamedTuple):
    first: int  # 0-based position of the earlier recommendation
    second: int  # the later one, to which the finding is attached
    similarity: float  # 0-100
    kind: Literal["wording", "agencies"]  # near-identical text, or the same action for another owner
    also: tuple[int, ...] = ()  # other earlier recommendations it matches


_MONTHS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)


def _substituted(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    """True when each text has content words the other lacks: a different object, not a repeat
    ("a revised neglect protocol" / "a revised domestic abuse protocol")."""
    return bool(words_a - words_b) and bool(words_b - words_a)


# The same patterns for `re`, faster: on ASCII text `\w` and `\b` mean the same in both.
_PRONOUNS_ASCII = re.compile(_PRONOUNS.pattern)
_NON_WORD_ASCII = re.compile(_NON_WORD.pattern)
_LEADING_ASCII = re.compile(_LEADING.pattern)


def _norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("'", "")
    if text.isascii():
        return _PRONOUNS_ASCII.sub("its", _NON_WORD_ASCII.sub(" ", text).strip())
    text = _NON_WORD.sub(" ", text).strip()
    return _PRONOUNS.sub("its", text)


def _unled(text: str) -> str:
    """`text` without its leading "that", "the", "and", "all"."""
    return (_LEADING_ASCII if text.isascii() else _LEADING).sub("", text)


# _unled(_norm(text)) on ASCII text, word by word: _norm leaves the runs of `\w` joined by single
# spaces, so its pronoun pattern matches whole words, and _unled's drops leading words followed by
# another (tests/test_fast_paths_engine.py holds the two to the patterns).
# Plain-ASCII bytes: letters lowered, word characters (`\w` on ASCII) kept, anything else a space.
_WORD_BYTES = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 or c == 95 else 32 for c in range(256)
)
_PRONOUN_WORDS = frozenset(("its", "their", "his", "her", "our"))
_LEADING_WORDS = frozenset(("that", "the", "and", "all"))


def _normal_words(text: str) -> list[str] | None:
    """The words of _unled(_norm(text)), or None when the text is not plain ASCII once lowered."""
    if not text.isascii():
        text = text.lower().replace("\u2019", "'")
        if not text.isascii():
            return None
    # lowered, apostrophes dropped, split at every run of non-word characters
    words = text.encode("ascii").translate(_WORD_BYTES, b"'").decode("ascii").split()
    if not _PRONOUN_WORDS.isdisjoint(words):
        words = ["its" if word in _PRONOUN_WORDS else word for word in words]
    last = len(words) - 1
    k = 0
    while k < last and words[k] in _LEADING_WORDS:
        k += 1
    return words[k:] if k else words


def _remove(text: str, spans: Iterable[tuple[int, int]]) -> str:
    out, at = [], 0
    for start, end in sorted(spans):
        if start >= at:
            out.append(text[at:start])
            at = end
    out.append(text[at:])
    return " ".join(out)


def _owner_spans(entry: DupEntry) -> tuple[tuple[int, int], ...]:
    """The owner's words, plus any agency named in the subject (when no owner analyzer ran)."""
    spans = list(entry.owner_spans)
    if entry.addressee_known:
        return tuple(spans)
    subject = T.subject_span(entry.text)
    if subject is not None:
        spans += [(h.start, h.end) for h in T.agencies().hits(entry.text, *subject)]
    return tuple(spans)


def _owner_key(entry: DupEntry, spans: Iterable[tuple[int, int]]) -> str:
    """Who the recommendation is addressed to: its agency categories, else its owner's words."""
    if entry.agencies and set(entry.agencies) != {"other"}:
        return " ".join(sorted(entry.agencies))
    return " ".join(sorted({_action(entry.text[a:b], ()) for a, b in spans}))


class DupKey(NamedTuple):
    """A recommendation as the duplicate finder compares it. One is kept for every recommendation
    until the document's rules run, so it holds little: the text is the item's own (no copy), the
    owner key is interned, the spans are shared, the words are coded one character each, and the
    normalised action is recomputed when needed (only for the few recommendations that later
    ones are compared with); its length is kept, to pass over candidates too long or too short
    to reach the similarity cutoff without scoring them."""

    text: str
    owner_key: str
    words: str  # the action's distinct content words, one character each (see _word_codes)
    addressee: tuple[tuple[int, int], ...]  # the words left out of the action
    owner: tuple[tuple[int, int], ...] = ()  # where the owner's words are (for the message)
    size: int = -1  # the length of the action (-1: not known)

    @property
    def action(self) -> str:
        return _action(self.text, self.addressee)


# Content words as one-character codes, shared by every document in the process (like interned
# strings): a recommendation's word set costs a byte a word instead of a string each.
_CODE_OF: dict[str, str] = {}
_WORD_OF: list[str] = []


def _word_codes(words: Iterable[str]) -> str:
    codes = []
    for word in words:
        code = _CODE_OF.get(word)
        if code is None:
            code = _CODE_OF[word] = chr(len(_WORD_OF))
            _WORD_OF.append(word)
        codes.append(code)
    return "".join(sorted(codes))


def _action(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """What is asked, whoever is asked: the normalised text without the owner's words."""
    text = _remove(text, spans) if spans else text
    words = _normal_words(text)
    return _unled(_norm(text)) if words is None else " ".join(words)


# An action's word -> its content word's code ("" when it is not one): an action is words of
# `\w` separated by single spaces, and on ASCII content_words reads exactly its split() words.
_ACTION_WORD_CODE: dict[str, str] = {}


def _action_codes(action: str) -> str:
    """_word_codes(set(content_words(action))) for an action (see _action)."""
    if not action.isascii():
        return _word_codes(set(content_words(action)))
    return _word_list_codes(action.split())


def _word_list_codes(words: list[str]) -> str:
    """_action_codes of the action made of these words (see _normal_words)."""
    table = _ACTION_WORD_CODE
    codes = set(map(table.get, words))
    if None in codes:  # words met for the first time, coded in the order they come
        codes = set()
        for word in words:
            code = table.get(word)
            if code is None:
                if len(table) > 20_000:  # a bound on memory over a huge corpus
                    table.clear()
                stemmed = content_words(word)
                code = table[word] = _word_codes(stemmed) if stemmed else ""
            codes.add(code)
    codes.discard("")
    return "".join(sorted(codes))


# Shared int objects for the action lengths the keys hold (an int above 256 is otherwise an
# object of its own per recommendation).
_SIZES = tuple(range(2048))


def dup_key(entry: DupEntry, owner: tuple[tuple[int, int], ...] = ()) -> DupKey:
    spans = _shared(_owner_spans(entry))
    text = entry.text
    words = _normal_words(_remove(text, spans) if spans else text)
    if words is None:
        action = _action(text, spans)
        size = len(action)
        codes = _action_codes(action)
    else:  # the action's length and words without joining them
        size = len(words) - 1 + sum(map(len, words)) if words else 0
        codes = _word_list_codes(words)
    return DupKey(text, sys.intern(_owner_key(entry, spans)), codes, spans, _shared(owner),
                  _SIZES[size] if size < len(_SIZES) else size)


def duplicate_key(rec: RecContext) -> DupKey:
    """The "duplicates.key" analyzer: what the duplicate finder keeps of a recommendation."""
    detail: T.Detail = rec.analysis("profile.detail")
    entry = DupEntry(rec.text, detail.addressee, tuple(detail.profile.agencies), addressee_known=True)
    return dup_key(entry, detail.owner.spans)


# A bounded table of equal span tuples: most owners sit at the same few places.
_SHARED_SPANS: dict[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]] = {}
_SHARED_SPANS_LIMIT = 4096


def _shared(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    shared = _SHARED_SPANS.get(spans)
    if shared is not None:
        return shared
    if len(_SHARED_SPANS) < _SHARED_SPANS_LIMIT:
        _SHARED_SPANS[spans] = spans
    return spans


def _bare(codes: str) -> frozenset[str]:
    # dates and numbers may differ between a recommendation and its repeat
    words = (_WORD_OF[ord(c)] for c in codes)
    return frozenset(w for w in words if w not in _MONTHS and not w[:1].isdigit())


def find_duplicates(entries: Sequence[DupEntry], min_similarity: float = DEFAULT_SIMILARITY) -> list[DuplicatePair]:
    """Pairs of recommendations worded almost the same, or asking the same of different owners.

    Each later recommendation is paired with the earliest one it matches. Near-linear: candidates
    come from an inverted index over each item's rarest words, verified with rapidfuzz.
    """
    return duplicates_among([dup_key(entry) for entry in entries], min_similarity)


def duplicates_among(keys: Sequence[DupKey], min_similarity: float = DEFAULT_SIMILARITY) -> list[DuplicatePair]:
    """find_duplicates over the recommendations' keys."""
    from rapidfuzz.fuzz import ratio
    from rapidfuzz.process import extract

    frequency: Counter[str] = Counter()
    for key in keys:
        frequency.update(key.words)
    order = {c: (n, _WORD_OF[ord(c)]) for c, n in frequency.items()}  # rarest first, then by the word
    # Actions of the recommendations later ones may be compared with: only the first
    # MAX_CANDIDATES of each word's list are ever candidates, so few are held however long the
    # document (each is kept from when its own recommendation is compared).
    actions: list[str | None] = [None] * len(keys)
    counts = [len(key.words) for key in keys]
    sizes = [key.size if key.size >= 0 else len(key.action) for key in keys]
    # ratio is 100 * (1 - indel distance / total length), and the distance is at least the
    # difference in length: candidates whose lengths alone keep them below the cutoff are not
    # scored (a margin keeps the test safe from rounding).
    slack = (100 - min_similarity + 1e-6) / 100
    shortest, longest = ((1 - slack) / (1 + slack), (1 + slack) / (1 - slack)) if slack < 1 else (0.0, math.inf)

    index: dict[str, list[int]] = defaultdict(list)
    # The first recommendation asking each action. The same action has the same words, so the
    # first with the same words (keyed by the words string the key already holds) usually is
    # it; holding every action's text would cost more than the rest of the finder. `others`
    # keeps, exactly, the first of each action that differs from its words' first.
    first_with_words: dict[str, int] = {}
    others: dict[str, int] = {}
    full: dict[str, _Window] = {}  # word -> its first MAX_CANDIDATES recommendations, once it has that many
    pairs: list[DuplicatePair] = []
    for j, key in enumerate(keys):
        ws = key.words
        action = key.action
        matches: list[tuple[int, float, str]] = []
        first = first_with_words.setdefault(ws, j)
        if first == j:
            exact = None
        elif (actions[first] or keys[first].action) == action:
            exact = first
        else:
            exact = others.setdefault(action, j)
            exact = None if exact == j else exact
        if exact is not None and len(ws) >= 2:
            earlier = keys[exact]
            differ = earlier.owner_key and key.owner_key and earlier.owner_key != key.owner_key
            kind = "agencies" if differ and _norm(earlier.text) != _norm(key.text) else "wording"
            matches.append((exact, 100.0, kind))
        elif len(ws) >= MIN_CONTENT_WORDS:
            ranked = sorted(ws, key=order.__getitem__)
            prefix = len(ranked) - math.ceil(CANDIDATE_JACCARD * len(ranked)) + 1
            low, high = CANDIDATE_JACCARD * len(ws), len(ws) / CANDIDATE_JACCARD
            size = sizes[j]
            short, long = size * shortest, size * longest
            rarest = index[ranked[0]]
            if len(rarest) >= MAX_CANDIDATES:
                # The rarest word's list alone fills the candidates: they are its first
                # MAX_CANDIDATES, the same for every later recommendation it is rarest in, kept
                # ordered by length, so those of a length that allows the cutoff are one slice.
                window = full.get(ranked[0])
                if window is None:
                    window = full[ranked[0]] = _Window(rarest[:MAX_CANDIDATES], sizes, actions, keys)
                for word in ranked[:prefix]:
                    posting = index[word]
                    if len(posting) < MAX_CANDIDATES:
                        actions[j] = action  # it may be a later recommendation's candidate
                    posting.append(j)
                lo, hi = bisect_left(window.sizes, short), bisect_right(window.sizes, long)
                ids = window.ids
                scored = extract(action, window.actions[lo:hi], scorer=ratio, score_cutoff=min_similarity, limit=None)
                hits = sorted([(ids[lo + k], score) for _, score, k in scored])
            else:
                candidates: set[int] = set()
                for word in ranked[:prefix]:
                    posting = index[word]
                    room = MAX_CANDIDATES - len(candidates)
                    if room > 0:
                        candidates.update(posting if len(posting) <= room else posting[:room])
                    if len(posting) < MAX_CANDIDATES:
                        actions[j] = action  # it may be a later recommendation's candidate
                    posting.append(j)
                # only candidates of a comparable number of words (checked again below, as it always
                # was, for a pair that reaches the cutoff) and a length that allows the cutoff
                # the same bounds as whole numbers (counts and sizes are): cheaper comparisons
                least, most = math.ceil(low), math.floor(high)
                shortest_size = math.ceil(short)
                longest_size = math.floor(long) if long != math.inf else max(sizes)
                ordered = [i for i in sorted(candidates)
                           if least <= counts[i] <= most and shortest_size <= sizes[i] <= longest_size]
                choices = [actions[i] for i in ordered]
                if None in choices:
                    for k, i in enumerate(ordered):
                        if choices[k] is None:
                            choices[k] = actions[i] = keys[i].action
                # One C call scores every candidate (ratio is symmetric); the Python checks run on the
                # few that reach the cutoff, in the candidates' order.
                scored = extract(action, choices, scorer=ratio, score_cutoff=min_similarity, limit=None)
                hits = [(ordered[k], score) for _, score, k in sorted(scored, key=_choice_index)]
            bare = None
            for i, score in hits:
                if not score:
                    continue
                other = keys[i].words
                if not low <= len(other) <= high:
                    continue
                bare = _bare(ws) if bare is None else bare
                if not _substituted(_bare(other), bare):
                    differ = keys[i].owner_key and key.owner_key and keys[i].owner_key != key.owner_key
                    matches.append((i, score, "agencies" if differ else "wording"))
        if matches:
            i, score, kind = matches[0]
            pairs.append(DuplicatePair(i, j, round(score, 1), kind, tuple(m[0] for m in matches[1:])))  # type: ignore[arg-type]
    return pairs


class _Window:
    """The first MAX_CANDIDATES recommendations with a word (a list that no longer changes), in
    order of their actions' lengths: ids, lengths and actions."""

    __slots__ = ("ids", "sizes", "actions")

    def __init__(self, first: list[int], sizes: list[int], actions: list[str | None], keys: Sequence[DupKey]) -> None:
        for i in first:
            if actions[i] is None:
                actions[i] = keys[i].action
        self.ids = sorted(first, key=sizes.__getitem__)
        self.sizes = [sizes[i] for i in self.ids]
        self.actions = [actions[i] for i in self.ids]


def _words_at(text: str, spans: Iterable[tuple[int, int]]) -> str:
    return " ".join(text[a:b] for a, b in spans)


def _choice_index(match: tuple[str, float, int]) -> int:
    return match[2]


def _difference(earlier: str, later: str) -> tuple[tuple[int, int] | None, list[str]]:
    """How the later text differs from the earlier, word by word: the span in `later` of the first
    words it adds or changes, and up to three short descriptions ("adds 'and GPs'")."""
    import difflib

    a = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(earlier)]
    b = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(later)]
    matcher = difflib.SequenceMatcher(None, [w for w, *_ in a], [w for w, *_ in b], autojunk=False)
    span: tuple[int, int] | None = None
    notes: list[str] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old = _short(earlier[a[a1][1] : a[a2 - 1][2]], 40) if a2 > a1 else ""
        new = _short(later[b[b1][1] : b[b2 - 1][2]], 40) if b2 > b1 else ""
        if b2 > b1 and span is None:
            span = (b[b1][1], b[b2 - 1][2])
        if old and new:
            notes.append(f"'{new}' for '{old}'")
        elif new:
            notes.append(f"adds '{new}'")
        else:
            notes.append(f"leaves out '{old}'")
    if len(notes) > 3:
        notes = [*notes[:3], "..."]
    return span, notes


def document_duplicates(doc: DocContext) -> list[DuplicatePair]:
    """The "document:duplicates" analyzer (default similarity)."""
    return duplicates_among([rec.analysis("duplicates.key") for rec in doc.recommendations], DEFAULT_SIMILARITY)


# --- the review's own findings ----------------------------------------------------------------

FindingsKind = Literal["findings", "learning", "analysis"]

_HEADING_NUMBER = regex.compile(
    r"^\s*(?:(?:part|section|chapter)\s+\w+\s*[:.\-\u2013\u2014]?\s*)?(?:\d+(?:\.\d+)*\.?\s+|[ivx]+\.\s+|[a-z]\)\s+)?",
    regex.IGNORECASE,
)
_FINDINGS_TITLE = regex.compile(
    r"""^(?:the\s+)?(?:review'?s\s+)?(?:
        (?P<findings>(?:key|main|summary\s+of(?:\s+the)?|principal)?\s*findings?(?:\s+and\s+(?:analysis|learning|conclusions))?)
      | (?P<learning>(?:key\s+)?learning(?:\s+points?|\s+and\s+improvement)?|lessons?(?:\s+learn(?:ed|t))?|(?:key\s+)?lessons\s+to\s+be\s+learn(?:ed|t))
      | (?P<analysis>analysis(?:\s+of\s+(?:practice|the\s+case|agency\s+involvement))?)
    )\s*(?:[:.\-\u2013\u2014].*)?$""",
    regex.IGNORECASE | regex.VERBOSE,
)
_NOT_FINDINGS = regex.compile(r"recommend|good\s+practice|positive\s+practice|strengths|terms\s+of\s+reference", regex.IGNORECASE)
# "Finding 3: ...", "### Finding 3 - ...", "**Finding 3.** ..." at the start of a line.
_LABEL = regex.compile(
    r"^\s*(?:\#{1,6}\s*)?(?:[-*+]\s+|\d+[.)]\s+)?[*_]{0,3}\s*(?:key\s+)?finding\s+(?:no\.?\s*)?(?P<n>\d+)\b"
    r"[*_]{0,3}\s*[:.)\-\u2013\u2014]?\s*[*_]{0,3}\s*(?P<rest>.*)$",
    regex.IGNORECASE,
)
_MARKER = regex.compile(r"^(?P<indent>[ \t]*)(?:[-*+\u2022]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\))[ \t]+")
_COMMENT = regex.compile(r"<!--.*?-->", regex.DOTALL)
_MARKUP = regex.compile(r"[*_`#>]+|\[(?=[^\]]*\]\()|\]\([^)]*\)")
_NO_RECOMMENDATION = regex.compile(
    r"\bno\s+(?:specific\s+|further\s+|separate\s+|new\s+|additional\s+|single-agency\s+|formal\s+)?recommendations?\s+"
    r"(?:is\s+|are\s+|has\s+been\s+|have\s+been\s+|was\s+|were\s+)?(?:being\s+)?(?:made|needed|necessary|required|proposed)"
    r"|\b(?:does|do|did|will)\s+not\s+(?:make|need|require|propose)\s+(?:a\s+|any\s+)?(?:specific\s+|further\s+|separate\s+|new\s+)?recommendations?"
    r"|\bnot\s+(?:the\s+subject\s+of|made\s+the\s+subject\s+of)\s+(?:a\s+)?recommendations?"
    r"|\bwithout\s+(?:a\s+)?(?:specific\s+)?recommendations?\b",
    regex.IGNORECASE,
)
_REFERENCE = regex.compile(
    r"\bfindings?\s+(?:no\.?\s*)?(?P<list>\d+(?:\s*(?:,|and|&|or|-|\u2013|to)\s*\d+)*)", regex.IGNORECASE
)
TITLE_LIMIT = 100
MIN_PARAGRAPH = 40  # characters: shorter paragraphs in a findings section are captions, not findings


class ParsedFinding:
    """A finding of the review as parsed (filled in as the parse goes on)."""

    __slots__ = ("id", "title", "line", "text", "themes", "terms", "no_recommendation", "head")

    def __init__(self, id: str, title: str, line: int, text: str) -> None:
        self.id = id
        self.title = title
        self.line = line  # 1-based
        self.text = text
        self.themes: list[str] = []
        self.terms: frozenset[str] = frozenset()
        self.no_recommendation = False  # the document says no recommendation is made on this finding
        self.head = ""  # the finding's first paragraph


class ReviewFindings(NamedTuple):
    findings: list[ParsedFinding]
    statement: bool  # the document says that some findings get no recommendation
    general_statement: bool  # ... outside any one finding, so it may cover any of them


def _item_lines(document: Document) -> set[int]:
    lines: set[int] = set()
    for item in document.items:
        if not item.pieces or not item.text:
            continue
        first = document.position(item.source_offset(0))[0] - 1
        last = document.position(item.source_offset(len(item.text) - 1))[0] - 1
        lines.update(range(first, last + 1))
    return lines


def _clean(text: str) -> str:
    text = _COMMENT.sub(" ", text)
    text = _MARKUP.sub("", text)
    return " ".join(text.split())


def _title_of(text: str) -> str:
    text = _clean(text)
    match = regex.search(r"(?<=[.!?])\s+(?=[A-Z(\"'\u2018\u201c])", text)
    first = text[: match.start()] if match else text
    return _short(first, TITLE_LIMIT)


def _headings(document: Document) -> list[tuple[int, int, str]]:
    """(0-based line, level, title) of each heading the reader found (else ATX headings)."""
    if document.sections:
        return [(s.line - 1, s.level, s.title) for s in document.sections]
    found = []
    for k, line in enumerate(document.source.split("\n")):
        match = regex.match(r"^(#{1,6})\s+(.+?)\s*#*\s*$", line)
        if match:
            found.append((k, len(match.group(1)), match.group(2)))
    return found


def _blocks(lines: list[str], rows: list[int], one_per_line: bool) -> tuple[list[list[int]], list[list[int]]]:
    """Top-level list items and paragraphs among `rows` (0-based line numbers, in order)."""
    items: list[list[int]] = []
    paras: list[list[int]] = []
    indents = [len(m.group("indent").expandtabs(4)) for r in rows if (m := _MARKER.match(lines[r]))]
    top = min(indents) if indents else -1
    current: list[int] | None = None
    in_item = False
    previous = None
    for r in rows:
        line = lines[r]
        gap = previous is not None and r != previous + 1
        previous = r
        if not line.strip():
            current = None if not in_item else current
            continue
        marker = _MARKER.match(line)
        if marker is not None and len(marker.group("indent").expandtabs(4)) <= top + 1:
            current = [r]
            items.append(current)
            in_item = True
            continue
        indent = len(line) - len(line.lstrip())
        if in_item and current is not None and not gap and (indent > top or lines[r - 1].strip()):
            current.append(r)
            continue
        in_item = False
        if current is None or one_per_line or gap or not lines[r - 1].strip():
            current = [r]
            paras.append(current)
        else:
            current.append(r)
    return items, paras


def parse_findings(document: Document) -> ReviewFindings:
    """The review's findings: "Finding N" labels, else the items of a findings section."""
    lines = document.source.split("\n")
    skip = _item_lines(document)
    heads = _headings(document)
    head_lines = {k for k, _, _ in heads}
    raw: list[tuple[str | None, int, str, str | None]] = []  # (number, 0-based line, text, title)

    labels = [(k, m) for k, line in enumerate(lines) if k not in skip and (m := _LABEL.match(line))]
    if labels:
        starts = [k for k, _ in labels]
        for n, (k, match) in enumerate(labels):
            stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
            body = [match.group("rest")]
            for r in range(k + 1, stop):
                if r in head_lines or r in skip:
                    break
                body.append(lines[r])
            raw.append((match.group("n"), k, "\n".join(body), None))
    else:
        ends = [len(lines)] * len(heads)
        stack: list[int] = []
        for n, (k, level, _) in enumerate(heads):
            while stack and heads[stack[-1]][1] >= level:
                ends[stack.pop()] = k
            stack.append(n)
        covered = -1
        for n, (k, level, title) in enumerate(heads):
            if k < covered:
                continue
            core = _HEADING_NUMBER.sub("", _clean(title), count=1)
            match = _FINDINGS_TITLE.match(core)
            if match is None or _NOT_FINDINGS.search(core):
                continue
            kind: FindingsKind = "findings" if match.group("findings") else "learning" if match.group("learning") else "analysis"
            covered = ends[n]
            raw.extend(_section_findings(document, lines, heads, n, ends, skip, kind))

    findings: list[ParsedFinding] = []
    by_id: dict[str, ParsedFinding] = {}
    for position, (number, k, text, title) in enumerate(raw, 1):
        clean = _clean(text)
        if not clean:
            continue
        ident = f"F{number}" if number is not None else f"F{position}"
        if ident in by_id:  # the same finding summarised twice (executive summary and body)
            by_id[ident].text += " " + clean
            continue
        head = _clean(text.split("\n\n", 1)[0])
        finding = ParsedFinding(ident, _short(_clean(title), TITLE_LIMIT) if title else _title_of(text), k + 1, clean)
        finding.head = head
        by_id[ident] = finding
        findings.append(finding)
    theme_classifier = T.themes()
    for finding in findings:
        finding.themes = theme_classifier.classify(finding.text)
        finding.terms = key_terms(finding.text)
    # "No recommendation is made ...": about the findings it names, else the finding whose own
    # paragraph says it, else (anywhere else) about any finding.
    outside = _clean("\n".join(line for k, line in enumerate(lines) if k not in skip))
    general = False
    statement = False
    for sentence in _SENTENCE.split(outside):
        if _NO_RECOMMENDATION.search(sentence) is None:
            continue
        statement = True
        named = [ident for ident in _references(sentence) if ident in by_id]
        own = [f for f in findings if sentence in f.head]
        if named:
            for ident in named:
                by_id[ident].no_recommendation = True
        elif own:
            own[0].no_recommendation = True
        else:
            general = True
    return ReviewFindings(findings, statement, general)


_SENTENCE = regex.compile(r"(?<=[.!?])\s+")


def _section_findings(
    document: Document,
    lines: list[str],
    heads: list[tuple[int, int, str]],
    n: int,
    ends: list[int],
    skip: set[int],
    kind: FindingsKind,
) -> list[tuple[str | None, int, str, str | None]]:
    start = heads[n][0]
    end = ends[n]
    children = [(m, heads[m]) for m in range(n + 1, len(heads)) if heads[m][0] < end]
    if children and kind != "analysis":
        top = min(h[1] for _, h in children)
        out = []
        for m, (k, lvl, title) in children:
            if lvl != top or _NOT_FINDINGS.search(title):
                continue
            body = [title] + [lines[r] for r in range(k + 1, ends[m]) if r not in skip]
            out.append((None, k, "\n".join(body), title))
        if out:
            return out
    heading_rows = {h[0] for _, h in children}
    rows = [r for r in range(start + 1, end) if r not in skip and r not in heading_rows]
    items, paras = _blocks(lines, rows, one_per_line=document.format not in ("md", "txt"))
    if items:
        return [
            (None, block[0], "\n".join(_MARKER.sub("", lines[r], count=1) if r == block[0] else lines[r] for r in block), None)
            for block in items
        ]
    if kind != "findings":
        return []
    out = []
    for block in paras:
        text = "\n".join(lines[r] for r in block)
        clean = _clean(text)
        if len(clean) < MIN_PARAGRAPH or clean.endswith(":"):
            continue
        out.append((None, block[0], text, None))
    return out


def review_findings(doc: DocContext) -> ReviewFindings:
    """The "document:review-findings" analyzer."""
    return parse_findings(doc.document)


def _references(text: str) -> list[str]:
    numbers: list[str] = []
    for match in _REFERENCE.finditer(text):
        parts = regex.split(r"\s*(?:,|and|&|or)\s*", match.group("list"))
        for part in parts:
            bounds = regex.split(r"\s*(?:-|\u2013|to)\s*", part)
            if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit() and int(bounds[1]) - int(bounds[0]) < 50:
                numbers += [str(k) for k in range(int(bounds[0]), int(bounds[1]) + 1)]
            elif part.strip().isdigit():
                numbers.append(str(int(part)))
    return [f"F{n}" for n in dict.fromkeys(numbers)]


def link(rec: RecContext, findings: Sequence[ParsedFinding]) -> list[str]:
    """The findings a recommendation answers: by explicit reference, else shared theme or key terms."""
    known = {f.id for f in findings}
    explicit = [ident for ident in _references(rec.text) if ident in known]
    if explicit:
        return explicit
    rec_themes = set(rec.analysis("profile").themes)
    terms = key_terms(rec.text)
    return [f.id for f in findings if rec_themes.intersection(f.themes) or len(terms & f.terms) >= 2]


def relevance(doc: DocContext) -> Relevance:
    """The "document:relevance" analyzer: findings and the recommendation -> findings map."""
    parsed: ReviewFindings = doc.analysis("document:review-findings")
    findings = [
        ReviewFinding(id=f.id, title=f.title, line=f.line, themes=list(f.themes)) for f in parsed.findings
    ]
    links: dict[str, list[str]] = {}
    if parsed.findings:
        for rec in doc.recommendations:
            found = link(rec, parsed.findings)
            links[rec.id] = list(dict.fromkeys([*links.get(rec.id, []), *found]))
    return Relevance(findings=findings, links=links, no_recommendation_statement=parsed.statement)


# --- rules --------------------------------------------------------------------------------------

_DOC_SOURCE = "Brandon et al. (2011, DFE-RR157)"


def _numbered(texts: Sequence[str], heading: str = "Recommendations", before: str = "") -> str:
    body = "\n".join(f"{n}. {text}" for n, text in enumerate(texts, 1))
    return f"# Review\n\n{before}## {heading}\n\n{body}\n"


_OWNERS = ("The Safeguarding Partnership", "Children's Social Care", "The Police", "The Designated Nurse", "Schools", "The ICB")
_ACTIONS = ("will publish a revised protocol on", "will audit 20 cases for", "will report to the Board on", "will train staff on")
_TOPICS = (
    "neglect", "domestic abuse", "missed appointments", "escalation", "pre-birth assessment", "bruising in babies",
    "home visiting", "child sexual exploitation", "private fostering", "information sharing", "supervision",
    "thresholds", "strategy discussions", "core groups", "step-down", "transition to adult services", "referrals",
    "allocation", "case closure", "parental mental health", "substance misuse", "fabricated illness",
    "online safety", "missing children",
)
_MONTH_NAMES = ("March", "April", "May", "June", "July", "September")
_MANY = [
    f"{_OWNERS[k % 6]} {_ACTIONS[k % 4]} {topic} by 30 {_MONTH_NAMES[k % 6]} 2026." for k, topic in enumerate(_TOPICS)
]


class TooManyRecommendations(Rule):
    class Options(RuleOptions):
        max_recommendations: int = option(20, ge=1, description="Flag documents with more recommendations than this.")

    meta = RuleMeta(
        code="DC001",
        name="too-many-recommendations",
        criterion=Criterion.DOCUMENT,
        severity=Severity.WARNING,
        summary="The document makes more recommendations than a board can follow through",
        rationale=(
            "Working Together to Safeguard Children (HM Government 2010) asks for few recommendations. "
            f"{_DOC_SOURCE} found 932 in 20 serious case reviews, 10 to 94 each (mean 47), and judged the long "
            "lists a problem in themselves: repetitive, hard to track, and a dilution of the main messages. "
            "The default limit, 20 (option max-recommendations), is less than half that mean and twice the "
            "shortest list the study saw, so it flags the long lists without flagging the focused ones."
        ),
        fix="Merge recommendations that ask for the same kind of change on the same theme, and keep those "
        "that answer the review's key findings; list the rest in the single-agency action plans.",
        bad=(_numbered(_MANY),),
        good=(_numbered(_MANY[:8]),),
        scope="document",
    )

    def check_document(self, doc: DocContext) -> Iterable[Violation]:
        count = len(doc.recommendations)
        limit = self.options.max_recommendations
        if count <= limit:
            return
        groups = merge_groups(doc)
        detail = ""
        if groups:
            detail = " Largest groups that could merge: " + "; ".join(
                f"{len(ids)} {label} ({_ids(ids) if len(ids) <= 6 else ', '.join(ids[:5]) + ', ...'})" for label, ids in groups
            ) + "."
        yield Violation(
            message=f"The document makes {count} recommendations (more than {limit}); Working Together asks for few.{detail}",
            suggestion=f"Merge related recommendations until there are at most {limit}, starting with the groups above; "
            "keep the ones that answer the review's key findings.",
        )


# The themes that merely restate a remedy.
_REMEDY_THEMES = {
    "training": ("training",),
    "audit": ("audit",),
    "supervision": ("supervision",),
    "information": ("information-sharing", "recording"),
}


def merge_groups(doc: DocContext, limit: int = 3) -> list[tuple[str, list[str]]]:
    """The largest disjoint groups of recommendations asking for the same kind of change on the same
    theme (duplicates first), as (description, ids)."""
    recs = doc.recommendations
    groups: list[tuple[str, list[int]]] = []
    duplicates: list[DuplicatePair] = doc.analysis("document:duplicates")
    # union-find over the paired recommendations only: the rest are clusters of one, which a
    # list per recommendation would hold for nothing
    parent: dict[int, int] = {}

    def root(k: int) -> int:
        while parent.get(k, k) != k:
            parent[k] = parent.get(parent[k], parent[k])
            k = parent[k]
        return k

    for pair in duplicates:
        parent[root(pair.second)] = root(pair.first)
    clusters: dict[int, list[int]] = defaultdict(list)
    for k in sorted({k for pair in duplicates for k in (pair.first, pair.second)}):
        clusters[root(k)].append(k)
    for members in clusters.values():
        if len(members) >= 2:
            groups.append(("near-duplicates", members))
    theme_labels = T.themes().labels
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, rec in enumerate(recs):
        profile = rec.analysis("profile")
        remedy = profile.remedy or T.OTHER_REMEDY
        if remedy == T.OTHER_REMEDY:
            continue
        for theme in profile.themes:
            if theme not in _REMEDY_THEMES.get(remedy, ()):  # "training on training" says nothing more
                by_key[(remedy, theme)].append(k)
    for (remedy, theme), members in by_key.items():
        if len(members) >= 2:
            groups.append((f"{T.remedy_label(remedy).lower()} recommendations on {theme_labels[theme].lower()}", members))
    groups.sort(key=lambda g: (-len(g[1]), g[1][0], g[0]))
    chosen: list[tuple[str, list[str]]] = []
    used: set[int] = set()
    for label, members in groups:
        fresh = [k for k in members if k not in used]
        if len(fresh) < 2 or len(fresh) < len(members) / 2:
            continue
        used.update(fresh)
        chosen.append((label, [recs[k].id for k in fresh]))
        if len(chosen) == limit:
            break
    return chosen


_DUP_GOOD = (
    "The Safeguarding Partnership will publish a revised neglect protocol by 31 March 2026.",
    "Children's Social Care will audit 20 child protection plans for the voice of the child by June 2026.",
    "The Police will review how domestic abuse notifications reach schools, reporting to the Board by May 2026.",
)


class NearDuplicate(Rule):
    class Options(RuleOptions):
        min_similarity: int = option(
            DEFAULT_SIMILARITY, ge=70, le=100, description="How alike two recommendations must be (0-100)."
        )

    meta = RuleMeta(
        code="DC002",
        name="near-duplicate",
        criterion=Criterion.DOCUMENT,
        severity=Severity.WARNING,
        summary="A recommendation repeats an earlier one, or asks another agency for the same action",
        rationale=(
            f"{_DOC_SOURCE} found repetitive messages across the recommendations of serious case reviews, the "
            "same action often given to several agencies one by one, which lengthens the list Working Together "
            "(HM Government 2010) asks to keep short and splits one change among many owners. Merging is the "
            "author's call; the pair and its similarity (rapidfuzz, 0-100, option min-similarity) are reported."
        ),
        fix="Merge the two into one recommendation (addressed to every agency concerned, if the action is the "
        "same), or delete the repeat.",
        bad=(
            _numbered(
                [
                    "Children's Social Care should review its procedure for responding to missed health appointments by 31 March 2026.",
                    "The Police should review their procedure for responding to missed health appointments by 31 March 2026.",
                ]
            ),
            _numbered(
                [
                    *_DUP_GOOD,
                    "The Police will review how domestic abuse notifications reach schools and GPs, reporting to the Board by May 2026.",
                ]
            ),
        ),
        good=(_numbered(_DUP_GOOD),),
        scope="document",
    )

    def check_document(self, doc: DocContext) -> Iterable[Violation]:
        recs = doc.recommendations
        if len(recs) < 2:
            return
        threshold = self.options.min_similarity
        if threshold == DEFAULT_SIMILARITY:
            pairs: list[DuplicatePair] = doc.analysis("document:duplicates")
        else:
            pairs = duplicates_among([rec.analysis("duplicates.key") for rec in doc.recommendations], threshold)
        for pair in pairs:
            earlier, later = recs[pair.first], recs[pair.second]
            also = [recs[k].id for k in pair.also]
            also_text = f" (and {'recommendations' if len(also) > 1 else 'recommendation'} {_ids(also)})" if also else ""
            if pair.kind == "agencies":
                mine = later.analysis("duplicates.key").owner
                theirs = earlier.analysis("duplicates.key").owner
                who = _words_at(later.text, mine) or "another agency"
                whom = _words_at(earlier.text, theirs) or "another agency"
                span = mine[0] if mine else (None, None)
                yield Violation(
                    span[0],
                    span[1],
                    f"Recommendation {later.id} asks {who} for the same action as recommendation {earlier.id}{also_text} "
                    f"asks of {whom} ({pair.similarity:.0f}% alike once the owner is set aside).",
                    f"Make them one recommendation addressed to every agency concerned: '{whom} and {who} will ...'.",
                    item=later.item.index,
                )
                continue
            span, notes = _difference(earlier.text, later.text)
            if not notes:
                detail = "word for word"
            else:
                detail = f"almost word for word ({pair.similarity:.0f}% alike; it {', '.join(notes)})"
            start, end = span if span is not None else (None, None)
            yield Violation(
                start,
                end,
                f"Recommendation {later.id} repeats recommendation {earlier.id}{also_text} {detail}.",
                f"Merge recommendations {earlier.id} and {later.id} into one, or delete this repeat.",
                item=later.item.index,
            )


_TRAINING_AND_PROCEDURE = frozenset({"training", "procedure"})
_ABSENT = ("supervision", "staffing")
_LOPSIDED = [
    "The Safeguarding Partnership will commission domestic abuse training for all health visitors by June 2026.",
    "Children's Social Care will revise its neglect procedure by 31 March 2026.",
    "The Police will deliver refresher training on child sexual exploitation to response officers by May 2026.",
    "The Safeguarding Partnership will publish an escalation policy by 30 April 2026.",
    "The Designated Nurse will provide training for GPs on fabricated illness by July 2026.",
    "Schools will adopt the revised missing-children protocol by September 2026.",
]
_BALANCED = [
    *_LOPSIDED[:4],
    "Children's Social Care will give every social worker monthly reflective supervision, audited by June 2026.",
    "Children's Social Care will reduce social work caseloads to 18 children each by December 2026.",
]


class RemedyImbalance(Rule):
    class Options(RuleOptions):
        min_recommendations: int = option(6, ge=2, description="Judge the balance only of lists at least this long.")
        dominant_share: float = option(
            0.6, gt=0, le=1, description="Share of training and procedure remedies that counts as dominant."
        )

    meta = RuleMeta(
        code="DC003",
        name="remedy-imbalance",
        criterion=Criterion.DOCUMENT,
        severity=Severity.INFO,
        summary="Training and procedures dominate; no recommendation addresses supervision or staffing",
        rationale=(
            f"{_DOC_SOURCE} found a reflex toward training and new procedures in serious case review "
            "recommendations, and few on supervision, staffing, workload or support for professional "
            "judgement, which the reviews' own findings often pointed to. A list made only of training and "
            "procedure deserves a second look (the SMART guide: remedy balance)."
        ),
        fix="Check whether the findings point to supervision, management oversight, caseloads or staffing, and "
        "if they do, add a recommendation that addresses them.",
        bad=(_numbered(_LOPSIDED),),
        good=(_numbered(_BALANCED),),
        scope="document",
    )

    def check_document(self, doc: DocContext) -> Iterable[Violation]:
        recs = doc.recommendations
        if len(recs) < self.options.min_recommendations:
            return
        counts = Counter(rec.analysis("profile").remedy or T.OTHER_REMEDY for rec in recs)
        dominant = sum(counts[k] for k in _TRAINING_AND_PROCEDURE)
        if dominant / len(recs) < self.options.dominant_share or any(counts[k] for k in _ABSENT):
            return
        yield Violation(
            message=(
                f"{dominant} of {len(recs)} recommendations ({100 * dominant / len(recs):.0f}%) reach for training or "
                f"procedures ({counts['training']} training/awareness, {counts['procedure']} procedure/policy), and "
                "none for supervision, management oversight or staffing."
            ),
            suggestion="If the findings point to supervision, caseloads or staffing, add a recommendation on them, e.g. "
            "'Children's Social Care will audit the frequency and quality of supervision by <date>'.",
        )


_FINDINGS_DOC = (
    "# Review of practice: Child S\n\n## Key findings\n\n"
    "Finding 1: Health visitors did not know that the mother's partner had convictions for domestic abuse.\n\n"
    "Finding 2: Home conditions were poor and the family had been evicted twice; housing was never part of the assessment.\n\n"
)
_SHARES_NOTIFICATIONS = (
    "The Safeguarding Partnership will share domestic abuse notifications with health visitors within 24 hours, from March 2026."
)
# both findings answered: a good example for RL001 and RL002 alike
_BOTH_FINDINGS_ANSWERED = _numbered(
    [
        _SHARES_NOTIFICATIONS,
        "In response to Finding 2, the Partnership will add housing history to the assessment template by June 2026.",
    ],
    before=_FINDINGS_DOC,
)


class RecommendationWithoutFinding(Rule):
    meta = RuleMeta(
        code="RL001",
        name="recommendation-without-finding",
        criterion=Criterion.RELEVANT,
        severity=Severity.INFO,
        summary="The recommendation answers none of the review's findings",
        rationale=(
            "Working Together (HM Government 2010) asks for recommendations that are Relevant; Handley and Green "
            f"(2004, as quoted in {_DOC_SOURCE}) read that as answering what the review found. A recommendation that "
            "shares no theme or key term with any finding, and cites no finding number, may answer something the "
            "review never established. Information only: links are found from words, and a recommendation may "
            "draw on learning the findings section words differently."
        ),
        fix="Say which finding it answers ('In response to Finding 2, ...'), or move it out of the recommendations "
        "if it answers none.",
        bad=(
            _numbered(
                [
                    _SHARES_NOTIFICATIONS,
                    "The Partnership will redesign its website by June 2026.",
                ],
                before=_FINDINGS_DOC,
            ),
        ),
        good=(_BOTH_FINDINGS_ANSWERED,),
        scope="document",
    )

    def check_document(self, doc: DocContext) -> Iterable[Violation]:
        parsed: ReviewFindings = doc.analysis("document:review-findings")
        if not parsed.findings:
            return
        links = doc.analysis("document:relevance").links
        if not any(links.values()):
            return  # nothing links at all: more likely a findings section we misread than a whole irrelevant list
        listed = _ids([f.id for f in parsed.findings][:6]) + (", ..." if len(parsed.findings) > 6 else "")
        for rec in doc.recommendations:
            if not link(rec, parsed.findings):
                yield Violation(
                    message=f"Recommendation {rec.id} answers none of the review's findings ({listed}): it cites no "
                    "finding and shares no theme or key term with any.",
                    suggestion="Name the finding it answers ('In response to Finding 2, ...'), or move it out of the "
                    "recommendations.",
                    item=rec.item.index,
                )


class FindingWithoutRecommendation(Rule):
    meta = RuleMeta(
        code="RL002",
        name="finding-without-recommendation",
        criterion=Criterion.RELEVANT,
        severity=Severity.WARNING,
        summary="A finding of the review has no recommendation that answers it",
        rationale=(
            f"{_DOC_SOURCE} found themes raised by the case (teenage parenthood, prematurity, disguised "
            "compliance, poverty, housing) that never became recommendations. The SMART guide asks that each "
            "finding have a recommendation or an explicit statement that none is made. Reported only when no "
            "recommendation cites the finding or shares a theme or two key terms with it, and the document does "
            "not say that no recommendation is made."
        ),
        fix="Add a recommendation that answers the finding (and cite it: 'In response to Finding 2, ...'), or say "
        "in the document why no recommendation is made.",
        bad=(_numbered([_SHARES_NOTIFICATIONS], before=_FINDINGS_DOC),),
        good=(
            _BOTH_FINDINGS_ANSWERED,
            _numbered(
                [_SHARES_NOTIFICATIONS],
                before=_FINDINGS_DOC + "No recommendation is made on Finding 2: the housing service has already changed its policy.\n\n",
            ),
        ),
        scope="document",
    )

    def check_document(self, doc: DocContext) -> Iterable[Violation]:
        parsed: ReviewFindings = doc.analysis("document:review-findings")
        if not parsed.findings or parsed.general_statement or not doc.recommendations:
            return
        links = doc.analysis("document:relevance").links
        answered = {ident for ids in links.values() for ident in ids}
        if not answered:
            return  # nothing links at all: more likely a findings section we misread
        for finding in parsed.findings:
            if finding.id in answered or finding.no_recommendation:
                continue
            name = f"Finding {finding.id[1:]}" if finding.id[1:].isdigit() else finding.id
            yield Violation(
                line=finding.line,
                message=f"{name} ('{_short(finding.title, 70)}') has no recommendation that answers it.",
                suggestion=f"Add a recommendation that answers it ('In response to {name}, <owner> will ... by <date>'), "
                "or state in the document why no recommendation is made.",
            )


RULES = [TooManyRecommendations, NearDuplicate, RemedyImbalance, RecommendationWithoutFinding, FindingWithoutRecommendation]

ANALYZERS = {
    "profile": T.profile,
    "profile.detail": T.detail,
    "document:review-findings": review_findings,
    "document:relevance": relevance,
    "document:duplicates": document_duplicates,
    "duplicates.key": duplicate_key,
}
