"""What a recommendation is about: its themes, the kind of remedy it reaches for, and the
agencies it is addressed to.

The word lists are data (rules/lexicons/theme_*.txt, remedy_*.txt, agency_*.txt); each file
carries its label, group and order in `# label:`, `# group:` and `# order:` header comments, so a
theme is added by adding a file. Categories follow Brandon et al. (2011, DFE-RR157): Table 1
(recommendations by agency) and Table 2 (themes of the recommendations), plus the case themes
the study found raised but rarely turned into recommendations.

`profile(rec)` is the "profile" analyzer: one records.Profile per recommendation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from functools import cache
from itertools import accumulate, compress, repeat
from typing import NamedTuple

import regex

from smartlint.records import Profile
from smartlint.rule import RecContext

_PACKAGE = "smartlint_rules"

# Words between which a "compound" is formed: "information-sharing protocol" is a protocol.
_COMPOUND_GAP = regex.compile(r"[\s-]{0,2}\Z")
_new_tuple = tuple.__new__  # a Hit made without NamedTuple's Python-level __new__


class Category(NamedTuple):
    key: str  # kebab-case, from the file name: theme_information_sharing.txt -> information-sharing
    label: str
    group: str
    order: int
    short: str = ""  # a column heading; the label when not given


class Hit(NamedTuple):
    """A term found: where, and its categories (a named tuple: cheap to make, one per term)."""

    start: int
    end: int
    keys: tuple[str, ...]


_TOKEN = regex.compile(r"[\w'&]+(?:-[\w'&]+)*")
# Every _TOKEN of a text in one match (the gaps between tokens are exactly the characters that
# cannot start one): the regex module keeps each repetition's capture, so the words and their
# offsets come out of C without a Python loop.
_ALL_TOKENS = regex.compile(r"(?:[^\w'&]*+([\w'&]++(?:-[\w'&]+)*+))*+")
_TOKEN_ASCII = re.compile(_TOKEN.pattern)
# _TOKEN as a group to split at, for ASCII text, where `\w` is [A-Za-z0-9_] (faster in `re` spelt out)
_SPLIT_TOKENS_ASCII = re.compile(r"([A-Za-z0-9_'&]++(?:-[A-Za-z0-9_'&]++)*+)")  # (possessive: faster, same words)


class Tokens:
    """A text cut into lower-case words once, shared by every classifier (hyphenated compounds
    are one word, so "post" never matches "post-natal" nor "agency" "multi-agency")."""

    __slots__ = ("ascii_lower", "candidates", "ends", "starts", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        if text.isascii():
            plain = text
            lower = self.ascii_lower = text.lower()
        else:
            self.ascii_lower = None
            plain = _normalise(text)  # _normalise changes no ASCII character
            lower = plain.lower()
            if len(lower) != len(plain):  # a few characters lengthen when lower-cased: keep the offsets true
                lower = plain
        if lower.isascii():  # `\w` means the same in `re`, which is faster here
            # split at the words (kept): gap, word, gap, word, ..., gap; the running total of the
            # parts' lengths alternates between the words' starts and ends
            parts = _SPLIT_TOKENS_ASCII.split(lower)
            bounds = list(accumulate(map(len, parts)))
            words = parts[1::2]
            starts = bounds[0:-1:2]
            ends = bounds[1::2]
        else:
            match = _ALL_TOKENS.match(lower)
            words = match.captures(1)
            starts = match.starts(1)
            ends = match.ends(1)
        if lower is plain:  # the words still need lower-casing one by one
            words = [word.lower() for word in words]
        joined = " ".join(words) if "'" in lower else ""  # no apostrophe, no word to trim
        if joined[:1] == "'" or joined[-1:] == "'" or " '" in joined or "' " in joined:
            kept_words, kept_starts, kept_ends = [], [], []
            for word, start, end in zip(words, starts, ends):
                if word[0] == "'" or word[-1] == "'":
                    word = word.strip("'")
                    if not word:
                        continue
                kept_words.append(word)
                kept_starts.append(start)
                kept_ends.append(end)
            words, starts, ends = kept_words, kept_starts, kept_ends
        self.words = words
        self.starts = starts
        self.ends = ends
        self.candidates: dict[Classifier, list[int]] = {}  # classifier -> indices of the words it may match


    @classmethod
    def of_parse(cls, text: str, parse: object) -> Tokens | None:
        """The same Tokens, read off the actions parser's tokens of `text` (a Parse), when the text
        is ASCII with no apostrophe or ampersand: then a word here is exactly a token there that is
        no punctuation mark (`\\w+(?:-\\w+)*` both), at the same offsets. None otherwise."""
        if not text.isascii() or "'" in text or "&" in text or getattr(parse, "text", None) != text:
            return None
        low = parse.low  # type: ignore[attr-defined]
        keep = list(map(_NOT_PUNCTUATION.get, low, repeat(True)))
        tokens = cls.__new__(cls)
        tokens.text = text
        tokens.ascii_lower = parse.lower  # type: ignore[attr-defined]
        tokens.words = list(compress(low, keep))
        tokens.starts = list(compress(parse.starts, keep))  # type: ignore[attr-defined]
        tokens.ends = list(compress(parse.ends, keep))  # type: ignore[attr-defined]
        tokens.candidates = {}
        return tokens


# the actions parser's punctuation tokens of ASCII text: one character, neither `\w` nor space
_NOT_PUNCTUATION = dict.fromkeys((c for c in map(chr, range(128)) if not c.isalnum() and c != "_" and not c.isspace()), False)


def _term_words(term: str) -> tuple[str, ...]:
    return tuple(w.strip("'") for w in _TOKEN.findall(_normalise(term).lower()) if w.strip("'"))


Tables = tuple[dict[str, tuple[tuple[int, object], ...]], dict[str, tuple[str, ...]], list[int]]


def _tables(order: tuple[str, ...], terms: Mapping[str, Iterable[str]]) -> Tables:
    """A classifier's lookup tables from its terms (`order`: its category keys in order): plain
    dicts, tuples and lists, so that patterncache can keep them between runs."""
    rank = {key: i for i, key in enumerate(order)}

    def ordered(found: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(found, key=rank.__getitem__))

    phrases: dict[tuple[str, ...], set[str]] = {}
    prefixes: dict[str, set[str]] = {}
    for key, entries in terms.items():
        for entry in entries:
            entry = entry.strip()
            if entry.endswith("*"):
                words = _term_words(entry[:-1])
                if len(words) != 1 or " " in entry.strip():
                    raise ValueError(f"lexicon term {entry!r}: '*' is allowed only at the end of a one-word term")
                prefixes.setdefault(words[0], set()).add(key)
            else:
                words = _term_words(entry)
                if words:
                    phrases.setdefault(words, set()).add(key)
    by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for words, keys in phrases.items():
        by_first.setdefault(words[0], []).append((words, ordered(keys)))
    for options in by_first.values():
        options.sort(key=lambda o: -len(o[0]))
    # The phrases opening with a word, by length, longest first: (1, categories) for the word
    # alone, (n, {words: categories}) for longer ones; two phrases of one length never both
    # match, so trying lengths longest first takes the phrase the longest-first scan takes.
    sized: dict[str, tuple[tuple[int, object], ...]] = {}
    for first, options in by_first.items():
        tables: dict[int, object] = {}
        for words, keys in options:
            if len(words) == 1:
                tables[1] = keys
            else:
                tables.setdefault(len(words), {})[words] = keys  # type: ignore[index]
        sized[first] = tuple(sorted(tables.items(), reverse=True))
    return sized, {p: ordered(k) for p, k in prefixes.items()}, sorted({len(p) for p in prefixes}, reverse=True)


class Classifier:
    """All the lexicons sharing one prefix (theme_, remedy_, agency_).

    Matching is by words: at each word the longest term starting there wins (then matching resumes
    after it); a term may belong to several categories. A trailing `*` on a one-word term matches
    any ending.
    """

    def __init__(
        self, categories: list[Category], terms: Mapping[str, Iterable[str]] = {}, tables: Tables | None = None
    ) -> None:
        """`tables`: what `_tables(keys, terms)` returns, when the caller has it already (then
        `terms` is not read)."""
        self.categories = sorted(categories, key=lambda c: (c.order, c.key))
        self.keys = tuple(c.key for c in self.categories)
        self.labels = {c.key: c.label for c in self.categories}
        self.shorts = {c.key: c.short or c.label for c in self.categories}
        self._rank = {key: i for i, key in enumerate(self.keys)}
        if tables is None:
            tables = _tables(self.keys, terms)
        sized, self._prefixes, self._prefix_lengths = tables
        self._lookup = _WordLookup(sized, self._prefixes, self._prefix_lengths)

    def _candidates(self, tokens: Tokens) -> list[int]:
        """The indices of the words that open a term or match a wildcard (once per text)."""
        found = tokens.candidates.get(self)
        if found is None:
            found = tokens.candidates[self] = list(
                compress(range(len(tokens.words)), map(self._lookup.__getitem__, tokens.words))
            )
        return found

    def hits(self, text: str | Tokens, start: int = 0, end: int | None = None) -> list[Hit]:
        """Terms found in `text` (or in its [start, end) character range), leftmost-longest."""
        tokens = text if isinstance(text, Tokens) else Tokens(text)
        words, starts, ends = tokens.words, tokens.starts, tokens.ends
        stop = len(tokens.text) if end is None else end
        lookup = self._lookup
        n = len(words)
        first = bisect.bisect_left(starts, start) if start else 0
        # Words that are not candidates never match and only ever advance the scan by one, so
        # the scan may jump from candidate to candidate.
        candidates = tokens.candidates.get(self)
        if candidates is None and end is not None:
            # a range of a text not classified whole: only its own words are looked up
            last = bisect.bisect_right(ends, stop)
            candidates = list(compress(range(first, last), map(lookup.__getitem__, words[first:last])))
            begin = 0
        else:
            if candidates is None:
                candidates = self._candidates(tokens)
            begin = bisect.bisect_left(candidates, first) if first else 0
        found: list[Hit] = []
        if not candidates:
            return found
        nxt = 0  # the first word not yet taken by a phrase
        for c in range(begin, len(candidates)):
            i = candidates[c]
            if i < nxt:
                continue
            if ends[i] > stop:
                break
            options, wildcard, seconds, single = lookup[words[i]]
            # a longer phrase is tried only when the next word can be its second word
            if seconds is not None and i + 1 < n and words[i + 1] in seconds:
                for size, table in options:
                    if size == 1:
                        found.append(_new_tuple(Hit, (starts[i], ends[i], table)))
                        break
                    j = i + size
                    if j <= n and ends[j - 1] <= stop:
                        keys = table.get(tuple(words[i:j]))
                        if keys is not None:
                            found.append(_new_tuple(Hit, (starts[i], ends[j - 1], keys)))
                            nxt = j
                            break
                else:
                    if wildcard is not None:
                        found.append(_new_tuple(Hit, (starts[i], ends[i], wildcard)))
            elif single is not None:
                found.append(_new_tuple(Hit, (starts[i], ends[i], single)))
            elif wildcard is not None:
                found.append(_new_tuple(Hit, (starts[i], ends[i], wildcard)))
        return found

    def classify(self, text: str | Tokens) -> list[str]:
        """The categories that any term of `text` belongs to, in the lexicons' order."""
        found: set[str] = set()
        for hit in self.hits(text):
            found.update(hit.keys)
        return sorted(found, key=self._rank.__getitem__)


class _WordLookup(dict):
    """word -> (the phrases it opens, its wildcard categories, the second words of its phrases of
    two words or more (None when it opens none), the categories of the word alone (None when it is
    no term)), or None when it can match nothing; filled as words are met and bounded in size over
    a huge corpus."""

    def __init__(self, by_first, prefixes, lengths) -> None:
        super().__init__()
        self._by_first = by_first
        self._prefixes = prefixes
        self._lengths = lengths

    def __missing__(self, word: str):
        if len(self) > 200_000:  # a bound on memory over a huge corpus
            self.clear()
        prefixes = self._prefixes
        wildcard = next((prefixes[word[:k]] for k in self._lengths if k <= len(word) and word[:k] in prefixes), None)
        options = self._by_first.get(word, ())
        if options or wildcard is not None:
            seconds = frozenset(words[1] for size, table in options if size > 1 for words in table)
            single = next((table for size, table in options if size == 1), None)
            entry = self[word] = (options, wildcard, seconds or None, single)
        else:
            entry = self[word] = None
        return entry


class _JointLookup(dict):
    """word -> which of several classifiers it may match in, as bits (1 for the first ...): one
    look-up per word for all of them; filled as words are met, bounded like _WordLookup."""

    def __init__(self, lookups: tuple[_WordLookup, ...]) -> None:
        super().__init__()
        self._lookups = lookups

    def __missing__(self, word: str) -> int:
        if len(self) > 200_000:
            self.clear()
        flags = 0
        for bit, lookup in enumerate(self._lookups):
            if lookup[word] is not None:
                flags |= 1 << bit
        self[word] = flags
        return flags


@cache
def _profile_classifiers() -> tuple[tuple[Classifier, ...], _JointLookup]:
    classifiers = (themes(), remedies(), agencies())
    return classifiers, _JointLookup(tuple(c._lookup for c in classifiers))


def _find_candidates(tokens: Tokens) -> None:
    """The candidates of the theme, remedy and agency classifiers in `tokens`, from one look-up
    per word (what each classifier's _candidates would find)."""
    classifiers, joint = _profile_classifiers()
    flags = list(map(joint.__getitem__, tokens.words))
    any_index = list(compress(range(len(flags)), flags))
    candidates = tokens.candidates
    bit = 1
    for classifier in classifiers:
        candidates[classifier] = [i for i in any_index if flags[i] & bit]
        bit <<= 1


def _normalise(text: str) -> str:
    """Curly apostrophes and dashes as typed; same length, so offsets still hold."""
    return text.translate(_TRANSLATE)


_TRANSLATE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-", "\u00a0": " "})


def _parse_header(text: str, fallback_label: str) -> tuple[str, str, int, str]:
    label, group, order, short = fallback_label, "", 1000, ""
    for line in text.splitlines():
        if not line.startswith("#"):
            continue
        name, _, value = line[1:].strip().partition(":")
        value = value.strip()
        if name == "label" and value:
            label = value
        elif name == "group" and value:
            group = value
        elif name == "order" and value.isdigit():
            order = int(value)
        elif name == "short" and value:
            short = value
    return label, group, order, short or label


@cache
def classifier(prefix: str) -> Classifier:
    """The classifier built from every `lexicons/<prefix>_*.txt` shipped in the rule pack (its
    tables are kept between runs by patterncache, keyed by the files and the code building them)."""
    from smartlint import patterncache
    from smartlint.lexicon import lexicon_filenames, parse_lexicon, read_lexicon_file

    categories: list[Category] = []
    texts: dict[str, str] = {}
    for name in lexicon_filenames(_PACKAGE):
        if not (name.startswith(prefix + "_") and name.endswith(".txt")):
            continue
        key = name[len(prefix) + 1 : -4].replace("_", "-")
        text = texts[key] = read_lexicon_file(_PACKAGE, name)
        label, group, order, short = _parse_header(text, key.replace("-", " ").capitalize())
        categories.append(Category(key, label, group, order, short))
    order = tuple(c.key for c in sorted(categories, key=lambda c: (c.order, c.key)))

    def build() -> Tables:
        return _tables(order, {key: parse_lexicon(text) for key, text in texts.items()})

    code = (_TOKEN.pattern, tuple(sorted(_TRANSLATE.items())), _tables_code())
    cache_key = ("themes._tables", order, tuple(texts.items()), code)
    return Classifier(categories, tables=patterncache.derived(cache_key, build))


def _tables_code() -> tuple[object, ...]:
    from smartlint import patterncache
    from smartlint.lexicon import parse_lexicon

    return patterncache.code_version(_tables, _term_words, _normalise, parse_lexicon)


def themes() -> Classifier:
    return classifier("theme")


def remedies() -> Classifier:
    return classifier("remedy")


def agencies() -> Classifier:
    return classifier("agency")


OTHER_REMEDY = "other"
REMEDY_LABELS_EXTRA = {OTHER_REMEDY: "Other"}


def remedy_keys() -> tuple[str, ...]:
    return (*remedies().keys, OTHER_REMEDY)


def remedy_label(key: str) -> str:
    return remedies().labels.get(key) or REMEDY_LABELS_EXTRA.get(key, key)


# --- owner words -------------------------------------------------------------------------------

# A leading agency tag: "(Police) Review ...", "Police: review ...".
_TAG = regex.compile(r"^\s*(?:\(([^()]{2,60})\)|([A-Z][\w' &,-]{1,50}):(?=\s))")
# The subject of the first clause ends at its modal or auxiliary ("The LSCB should ..."), or, in a
# short subject, at a bare verb ("That the LSCB undertake ...", "The PCTs to provide ...").
_SUBJECT_END = regex.compile(
    r"\b(?:(?P<aux>should|must|shall|will|would|could|may|might|can|needs?|to|is|are|be|has|have)"
    r"|make|undertake|commission|review|ensure|develop|provide|consider|agree|establish)\b",
    regex.IGNORECASE,
)
# the same pattern for `re`, faster; on ASCII text `\b` and case-insensitive matching agree, and
# so does matching the lower-cased text case-sensitively (faster still)
_SUBJECT_END_ASCII = re.compile(_SUBJECT_END.pattern, re.IGNORECASE)
_SUBJECT_END_LOWER_ASCII = re.compile(_SUBJECT_END.pattern)
SUBJECT_WINDOW = 160
SUBJECT_MAX_WORDS = 14  # before a modal: "In its publicity and training materials the LSCB ... should"
SHORT_SUBJECT_WORDS = 6  # before a bare verb: longer runs are imperatives ("Create a leaflet on ... and provide")


def subject_span(text: str, ascii_lower: str | None = None) -> tuple[int, int] | None:
    """Where the grammatical subject of the first clause is likely to be (before its verb)
    (`ascii_lower`: text.lower(), when the caller has it and the text is ASCII)."""
    if ascii_lower is not None:
        matches = _SUBJECT_END_LOWER_ASCII.finditer(ascii_lower, 0, SUBJECT_WINDOW)
    else:
        matches = (_SUBJECT_END_ASCII if text.isascii() else _SUBJECT_END).finditer(text, 0, SUBJECT_WINDOW)
    for match in matches:
        if match.start() == 0:
            return None
        words = len(text[: match.start()].split())
        if match.group("aux") is not None:
            return (0, match.start()) if words <= SUBJECT_MAX_WORDS else None
        if words <= SHORT_SUBJECT_WORDS:
            return 0, match.start()
    return None


def tag_span(text: str) -> tuple[int, int] | None:
    if "(" not in text and ":" not in text:  # a tag needs one or the other
        return None
    match = _TAG.match(text)
    if match is None:
        return None
    group = 1 if match.group(1) is not None else 2
    return match.start(group), match.end(group)


class OwnerWords(NamedTuple):
    status: str | None  # "named" | "generic" | "missing" | None when no owner analyzer is registered
    spans: tuple[tuple[int, int], ...]  # where the owner's words sit in the text

    def text(self, source: str) -> str:
        return " ".join(source[a:b] for a, b in self.spans)


def owner_words(rec: RecContext) -> OwnerWords:
    """The owner's words: from the "owner" analyzer when the pack has one, plus a leading tag."""
    text = rec.text
    spans: list[tuple[int, int]] = []
    status = None
    try:
        owner = rec.analysis("owner")
    except KeyError:
        owner = None
    if owner is not None:
        status = getattr(owner, "status", None)
        words = getattr(owner, "text", None)
        if words:
            at = text.find(words)
            if at < 0:
                at = text.lower().find(words.lower())
            if at >= 0:
                spans.append((at, at + len(words)))
    tag = tag_span(text)
    if tag is not None and not any(a <= tag[0] < b for a, b in spans):
        spans.append(tag)
    return OwnerWords(status, tuple(sorted(spans)))


# --- classification ---------------------------------------------------------------------------


def classify_agencies(text: str | Tokens, owner: OwnerWords, subject_hits: list[Hit] | None = None) -> list[str]:
    """Agency categories (Table 1) named as the owner or as the addressee in the subject
    (`subject_hits`: the agencies found in the subject, when the caller has them already)."""
    tokens = text if isinstance(text, Tokens) else Tokens(text)
    found: set[str] = set()
    classify = agencies()
    if subject_hits is None:
        subject_hits = _subject_agencies(tokens)
    for start, end in owner.spans:
        for hit in classify.hits(tokens, start, end):
            found.update(hit.keys)
    for hit in subject_hits:
        found.update(hit.keys)
    if not found:
        if owner.status != "named":
            return []
        found.add("other")
    rank = classify._rank
    return sorted([key for key in found if key in rank], key=rank.__getitem__)  # in classify.keys' order


def _subject_agencies(tokens: Tokens) -> list[Hit]:
    subject = subject_span(tokens.text, tokens.ascii_lower)
    return agencies().hits(tokens, *subject) if subject is not None else []


def classify_remedy(text: str | Tokens, owner: OwnerWords, agency_keys: Iterable[str]) -> str:
    """The remedy the main action reaches for: the first remedy term outside the owner's words,
    taking the head of a compound ("information-sharing protocol" is a procedure). A
    recommendation addressed to a national body is national policy."""
    if "national" in agency_keys:
        return "national"
    tokens = text if isinstance(text, Tokens) else Tokens(text)
    spans = owner.spans
    found = remedies().hits(tokens)
    if spans and found:
        if len(spans) == 1:
            (a, b), = spans
            found = [h for h in found if not a <= h.start < b]
        else:
            found = [h for h in found if not any(a <= h.start < b for a, b in spans)]
    if not found:
        return OTHER_REMEDY
    first = found[0]
    source = tokens.text
    for k in range(1, len(found)):
        hit = found[k]
        if not _compound_gap(source, first.end, hit.start):
            break
        first = hit
    return first.keys[0]


def _compound_gap(source: str, start: int, end: int) -> bool:
    """_COMPOUND_GAP matches source[start:end]: at most two spaces or hyphens."""
    if end - start > 2:
        return False
    if start <= end and not source[start:end].strip(" -\t\n\r\x0b\x0c"):
        return True  # (all of these are `\s` or "-" to the regex module)
    return _COMPOUND_GAP.match(source, start, end) is not None


class Detail(NamedTuple):
    """What the profile is computed from, kept for the whole-document rules."""

    profile: Profile
    owner: OwnerWords
    addressee: tuple[tuple[int, int], ...]  # the owner's words and any agency named in the subject


def detail(rec: RecContext) -> Detail:
    """The "profile.detail" analyzer."""
    text = rec.text
    tokens = None
    if text.isascii() and "'" not in text and "&" not in text:
        # the actions parser's tokens serve (core.actions runs on every recommendation anyway)
        try:
            tokens = Tokens.of_parse(text, rec.analysis("core.actions"))
        except KeyError:  # a pack without the actions parser
            pass
    if tokens is None:
        tokens = Tokens(text)
    _find_candidates(tokens)
    owner = owner_words(rec)
    subject_hits = _subject_agencies(tokens)
    agency_keys = classify_agencies(tokens, owner, subject_hits)
    addressee = list(owner.spans)
    addressee += [(h.start, h.end) for h in subject_hits]
    profile = Profile(
        themes=themes().classify(tokens),
        remedy=classify_remedy(tokens, owner, agency_keys),
        agencies=agency_keys,
    )
    return Detail(profile, owner, tuple(sorted(set(addressee))))


def profile(rec: RecContext) -> Profile:
    """The "profile" analyzer: themes, remedy and agency categories of one recommendation."""
    return rec.analysis("profile.detail").profile
