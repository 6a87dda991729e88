"""Find the main action of a recommendation: a small, fast shallow parser shared by the
measurable, specific and evidence rules.

A recommendation's *main action* is what its author asks someone to do: the verb after the
modal ("The LSCB should **review** ..."), an imperative ("**Amend** records ..."), an infinitive
("The PCTs to **provide** ..."), a subjunctive ("That the LSCB **undertake** ..."), or a nominal
("There should be a **review** of ..."). Wrappers are looked inside: in "should ensure that
<clause>", "seek assurance that <clause>", "must satisfy itself that <clause>", "It is essential
that <clause>", "use <X> to <verb>" and "undertake work to <verb>" the action judged is the one
in the clause (SMART guide, Specific: "judge the action inside").

Every token also gets a *role*: "main" (the demand itself), "sub" (a condition or relative
clause: "where abuse could be a factor", "information that could be pertinent"), "purpose"
("to ensure that ...", "in order to ..."), "question" (after "whether") or "rationale" (a
sentence that gives a reason: "This should help to reduce stress"). Rules read only the roles
they care about, so that a hedge in a purpose clause or "could" in a relative clause is not
taken for the demand.

Everything is compiled once at import; one parse per recommendation (analyzer "core.actions").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from bisect import insort
from functools import cache
from itertools import accumulate
from operator import attrgetter, sub

import regex

from smartlint import patterncache
from smartlint.lexicon import load_lexicon

PACKAGE = "smartlint_rules"


@cache
def words(name: str) -> frozenset[str]:
    """A lexicon as a set of lowercase terms."""
    return frozenset(term.lower() for term in load_lexicon(PACKAGE, name))


# --------------------------------------------------------------------------------------------
# Verb morphology: every form of every verb we know maps to its lemma and its tags.

_VOWELS = frozenset("aeiou")


def _inflect(base: str) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = {base: {"base"}}

    def add(form: str, tag: str) -> None:
        forms.setdefault(form, set()).add(tag)

    if base.endswith(("s", "sh", "ch", "x", "z")):
        add(base + "es", "3sg")
    elif base.endswith("y") and len(base) > 2 and base[-2] not in _VOWELS:
        add(base[:-1] + "ies", "3sg")
    else:
        add(base + "s", "3sg")
    if base.endswith("e"):
        past, ing = base + "d", (base if base.endswith("ee") else base[:-1]) + "ing"
    elif base.endswith("y") and len(base) > 2 and base[-2] not in _VOWELS:
        past, ing = base[:-1] + "ied", base + "ing"
    else:
        past, ing = base + "ed", base + "ing"
        # consonant doubling (plan -> planned, refer -> referred, embed -> embedded); both
        # spellings are accepted because the plain one (target -> targeted) is as common.
        if (
            len(base) >= 3
            and base[-1] not in _VOWELS | {"w", "x", "y"}
            and base[-2] in _VOWELS
            and base[-3] not in _VOWELS
        ):
            add(base + base[-1] + "ed", "past")
            add(base + base[-1] + "ed", "pp")
            add(base + base[-1] + "ing", "ing")
    add(past, "past")
    add(past, "pp")
    add(ing, "ing")
    return forms


_FORM_LEXICONS = (
    "specific_verbs",
    "measure_change_verbs",
    "measure_make_verbs",
    "measure_content_verbs",
    "measure_message_verbs",
    "measure_establish_verbs",
    "measure_approve_verbs",
    "specific_stative_verbs",
)


def _build_forms() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    lemma: dict[str, str] = {}
    tags: dict[str, set[str]] = {}
    bases: set[str] = set()
    for name in _FORM_LEXICONS:
        bases |= words(name)
    bases |= {entry.split()[0] for entry in words("specific_vague_verbs")}
    bases.discard("be")
    bases.discard("have")
    for base in bases:
        for form, form_tags in _inflect(base).items():
            lemma.setdefault(form, base)
            tags.setdefault(form, set()).update(form_tags)
    for line in words("specific_irregular_verbs"):
        base, *others = line.split()
        lemma[base] = base
        tags.setdefault(base, set()).add("base")
        for other in others:
            lemma[other] = base
            t = tags.setdefault(other, set())
            if other.endswith("ing"):
                t.add("ing")
            elif other.endswith("s") and other not in {"was", "is"}:
                t.add("3sg")
            else:
                t.update({"past", "pp"})
    for form in ("is", "are", "was", "were", "am"):
        tags[form] = {"3sg", "past"} if form in {"is", "was"} else {"base", "past"}
    return lemma, {k: frozenset(v) for k, v in tags.items()}


def _forms() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """`_build_forms()`, kept between runs (smartlint.patterncache) under the word lists and the
    code it is built from."""
    names = (*_FORM_LEXICONS, "specific_vague_verbs", "specific_irregular_verbs")
    key = (
        "actions._build_forms",
        tuple(tuple(sorted(words(name))) for name in names),
        tuple(sorted(_VOWELS)),
        patterncache.code_version(_build_forms, _inflect, words.__wrapped__),
    )
    return patterncache.derived(key, _build_forms)


LEMMA, TAGS = _forms()


def lemma_of(word: str) -> str:
    """The lemma of a (lowercase) verb form; unknown words are returned with regular endings cut."""
    known = LEMMA.get(word)
    if known is not None:
        return known
    if word.endswith("ied"):
        return word[:-3] + "y"
    if word.endswith("ed") and len(word) > 4:
        return word[:-2]
    return word


def is_participle(word: str) -> bool:
    tags = TAGS.get(word)
    if tags is not None:
        return "pp" in tags
    return len(word) > 4 and word.endswith("ed")


# --------------------------------------------------------------------------------------------
# Closed word classes.

MODALS = frozenset({"should", "must", "shall", "will", "would", "could", "might", "may"})
OPTIONAL_MODALS = frozenset({"could", "might", "may"})
_MODALS_TO = MODALS | {"to"}
BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "am"})
HAVE = frozenset({"have", "has", "had"})
AUX = BE | HAVE | frozenset({"do", "does"})
# words that may sit between a modal and its verb, but only as part of a longer phrase
# ("should, as a matter of urgency, review", "should in future record"); the -ly adverbs are
# recognised by their ending.
_PARENTHETICAL_OPENERS = frozenset(
    {
        "as",
        "in",
        "where",
        "if",
        "when",
        "following",
        "subject",
        "under",
        "with",
        "after",
        "before",
        "by",
        "through",
        "within",
        "for",
        "once",
        "wherever",
        "whenever",
    }
)
_SIMPLE_ADVERBS = frozenset(
    {"also", "always", "never", "not", "now", "then", "therefore", "further", "still", "only", "jointly", "again", "either"}
)
DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "any",
        "every",
        "each",
        "all",
        "some",
        "no",
        "such",
        "other",
        "another",
        "both",
    }
)
PREPOSITIONS = frozenset(
    {
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "about",
        "into",
        "within",
        "between",
        "across",
        "under",
        "over",
        "through",
        "via",
        "regarding",
        "around",
        "upon",
        "among",
        "amongst",
        "towards",
        "without",
        "during",
        "after",
        "before",
        "against",
        "as",
        "per",
    }
)
SUBORDINATORS = frozenset(
    {
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "whenever",
        "wherever",
        "if",
        "unless",
        "because",
        "although",
        "though",
        "whereas",
        "while",
        "whilst",
        "until",
        "whereby",
        "since",
        "once",
        "that",
    }
)
# "where appropriate", "if necessary", "when needed": hedges, not the start of a clause
HEDGE_TAILS = frozenset(
    {"appropriate", "necessary", "possible", "relevant", "required", "needed", "practicable", "feasible", "applicable"}
)
COMPARATIVES = frozenset(
    {
        "more",
        "less",
        "better",
        "greater",
        "closer",
        "stronger",
        "clearer",
        "improved",
        "increased",
        "further",
        "well",
        "fully",
    }
)
# "Research shows ...", "Audit found ...": the first word is a noun, not an imperative
_REPORTING_VERBS = frozenset(
    {
        "shows",
        "showed",
        "suggests",
        "suggested",
        "indicates",
        "indicated",
        "demonstrates",
        "demonstrated",
        "found",
        "finds",
        "highlights",
        "highlighted",
        "confirms",
        "confirmed",
        "tells",
        "says",
    }
)
LIST_MARKERS = frozenset("a b c d e f g h i ii iii iv v vi vii viii ix x 1 2 3 4 5 6 7 8 9".split())  # noqa: SIM905
REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself", "ourselves"})
ANAPHORS = frozenset({"this", "these", "such", "it", "they", "those", "that"})
ABBREVIATIONS = frozenset(
    {
        "e",
        "g",
        "i",
        "eg",
        "ie",
        "etc",
        "al",
        "dr",
        "mr",
        "mrs",
        "ms",
        "no",
        "st",
        "vs",
        "cf",
        "para",
        "approx",
        "viz",
        "ref",
    }
)
MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
# verbs that pass the action on to the infinitive after them ("seek to improve", "agree to develop")
TO_CHAIN = frozenset(
    {
        "seek",
        "continue",
        "aim",
        "endeavour",
        "strive",
        "look",
        "agree",
        "act",
        "try",
        "work",
        "need",
        "plan",
        "begin",
        "start",
        "wish",  # "may wish to commission": the hedge is an option (SP003), the action is still "commission"
        "want",
    }
)
# participles that after "have" are adjectives, not a perfect: "should have named leads", "have trained staff"
ADJECTIVAL_PARTICIPLES = frozenset(
    {
        "named",
        "designated",
        "dedicated",
        "trained",
        "qualified",
        "experienced",
        "skilled",
        "specialised",
        "specialized",
        "allocated",
        "nominated",
        "detailed",
        "limited",
        "ring-fenced",
        "accredited",
        "integrated",
        "informed",
    }
)
# participles that do the same after "be" ("are required to record", "is encouraged to attend")
BE_CHAIN = frozenset(
    {
        "required",
        "expected",
        "asked",
        "encouraged",
        "invited",
        "able",
        "obliged",
        "mandated",
        "requested",
        "directed",
        "instructed",
    }
)
# "It is <adjective> that <clause>" and "It is <adjective> to <verb>"
STATEMENT_ADJECTIVES = frozenset(
    {
        "essential",
        "important",
        "vital",
        "crucial",
        "imperative",
        "necessary",
        "critical",
        "recommended",
        "expected",
        "key",
        "paramount",
        "fundamental",
        "required",
        "advised",
        "proposed",
        "desirable",
    }
)
# words after which "that" opens the demand itself: "ensure that ...", "seek assurance that ...", "it is vital that ..."
DEMAND_BEFORE_THAT = (
    frozenset({"ensure", "ensures", "sure", "itself", "themselves", "assurance", "recommends", "recommend", "requirement"})
    | STATEMENT_ADJECTIVES
)
# an action judged through the clause after "<verb> that"
THAT_WRAPPERS = frozenset({"ensure", "recommend", "require", "propose", "advise", "request", "direct", "insist"})
ASSURANCE_VERBS = frozenset({"seek", "receive", "obtain", "gain", "get", "provide", "give", "request", "require"})
STEP_NOUNS = frozenset({"steps", "step", "action", "actions", "measures", "work", "opportunity", "opportunities"})
MEANS_VERBS = frozenset({"use", "utilise", "utilize", "work", "undertake", "commission", "carry", "conduct", "take"})
# "ask the Home Office to amend ...", "require every trust to report ...": the action asked of another is judged
ASK_VERBS = frozenset(
    {"ask", "require", "request", "invite", "urge", "direct", "instruct", "call", "support", "help", "enable", "assist"}
)


# adverbs that make a present passive a finding: "older victims are often overlooked"
_FINDING_ADVERBS = frozenset(
    {"often", "rarely", "not", "frequently", "sometimes", "seldom", "never", "usually", "commonly", "typically", "still"}
)
# words that open a fronted time or condition phrase before an imperative
_FRONTED_OPENERS = frozenset(
    {
        "within",
        "by",
        "in",
        "from",
        "following",
        "after",
        "before",
        "once",
        "where",
        "when",
        "if",
        "as",
        "at",
        "during",
        "on",
        "over",
        "until",
        "wherever",
        "whenever",
        "with",
    }
)


# --------------------------------------------------------------------------------------------
# Tokens.

# stdlib re: about twice as fast as regex for this simple tokeniser
_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")


def _finite_tags(word: str) -> bool:
    """A known verb form that can be finite (not an -ing form)."""
    tags = TAGS.get(word)
    return tags is not None and ("base" in tags or "3sg" in tags or "past" in tags) and "ing" not in tags


def any_in(text: str, needles: tuple[str, ...]) -> bool:
    """Cheap gate before an expensive pattern: does any needle occur in text?"""
    for needle in needles:
        if needle in text:
            return True
    return False


@dataclass(slots=True)
class Action:
    """One predicate: what is asked, who (the subject words) and to what (the argument words)."""

    verb: str  # lemma of the head verb ("review"); "be" for a copula; a noun for a nominal
    verbs: tuple[str, ...]  # the lemmas of coordinated verbs ("create and launch")
    head: int  # token index of the head verb
    last: int  # token index of the last verb word (coordinated verbs, particles)
    start: int  # token index where the predicate begins (the modal, "to", or the verb)
    subj: tuple[int, int]  # token range of the subject (may be empty)
    arg: tuple[int, int]  # token range of the argument region after the verb
    sentence: int
    form: str  # "modal", "imperative", "infinitive", "subjunctive", "finite", "nominal", "indicative"
    modal: str | None = None
    passive: bool = False
    copula: bool = False
    chain: tuple[str, ...] = ()  # "encouraged", "required", ... from "be encouraged to"
    role: str = "main"  # "main", "inner" (inside a wrapper), "sub", "elaboration", "rationale"
    wrapper: Action | None = None  # the wrapper this action was found inside
    wrapper_kind: str | None = None  # for a wrapper: "ensure", "assurance", "satisfy", "means", "recommend"
    inside: str | None = None  # the kind of wrapper this action sits in, or "statement" ("It is essential that")
    inner: Action | None = None  # for a wrapper: the action inside it


@dataclass(slots=True)
class Parse:
    text: str
    lower: str  # text.lower(), for cheap substring gates
    wordset: frozenset[str]  # the lowercase tokens, for cheap gates before a pattern runs
    low: list[str]
    raw: list[str]
    starts: list[int]
    ends: list[int]
    depth: list[int]
    sentence_of: list[int]
    sentences: list[tuple[int, int]]  # token ranges [start, end)
    roles: list[str]
    actions: list[Action] = field(default_factory=list)
    sentence_kind: list[str] = field(default_factory=list)  # "demand", "elaboration", "rationale", "none"

    # -- helpers for rules ------------------------------------------------------------------
    def span(self, i: int, j: int) -> tuple[int, int]:
        """Character span of tokens [i, j)."""
        return self.starts[i], self.ends[j - 1]

    def quote(self, i: int, j: int) -> str:
        s, e = self.span(i, j)
        return self.text[s:e]

    def token_at(self, char: int) -> int:
        """Index of the token that contains or follows a character offset."""
        lo, hi = 0, len(self.starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.ends[mid] <= char:
                lo = mid + 1
            else:
                hi = mid
        return min(lo, len(self.starts) - 1)

    def role_at(self, char: int) -> str:
        if not self.starts:
            return "main"
        return self.roles[self.token_at(char)]

    def demands(self) -> list[Action]:
        """The main actions of demand sentences, wrappers resolved to the action inside."""
        return [a for a in self.actions if a.role == "main"]

    def judged(self) -> list[Action]:
        """The actions judged for specificity: each main action, or the innermost action of a wrapper."""
        out: list[Action] = []
        for action in self.actions:
            if action.role not in ("main", "elaboration"):
                continue
            while action.inner is not None:
                action = action.inner
            out.append(action)
        return out

    def predicate_actions(self) -> Iterable[Action]:
        """Main and elaboration actions and everything wrapped inside them."""
        for action in self.actions:
            if action.role not in ("main", "elaboration"):
                continue
            yield action
            inner = action.inner
            while inner is not None:
                yield inner
                inner = inner.inner


_MATCH = re.Match


# On ASCII text `\w` is [A-Za-z0-9_] and `\s` is the characters str.split() splits at (including
# \x1c-\x1f): with the explicit classes `re` is faster. Each match takes the whitespace before its
# token, so the matches laid end to end are the text up to the last token: their lengths give the
# ends, and the tokens come back from one join and split (tokens hold no whitespace). The repeats
# are possessive (they never need to give back: all that follows them is optional), which is faster.
_ASCII_SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f "
_SPACED_TOKEN_ASCII = re.compile(
    rf"[{_ASCII_SPACE}]*+(?:[A-Za-z0-9_]++(?:['\-][A-Za-z0-9_]++)*+|[^A-Za-z0-9_{_ASCII_SPACE}])"
)


def _tokenize(text: str) -> tuple[list[str], list[str], list[int], list[int]]:
    if text.isascii():
        pieces = _SPACED_TOKEN_ASCII.findall(text)
        joined = " ".join(pieces)
        raw = joined.split()
        ends = list(accumulate(map(len, pieces)))
        starts = list(map(sub, ends, map(len, raw)))
        return joined.lower().split(), raw, starts, ends
    return _tokenize_general(text)


def _tokenize_general(text: str) -> tuple[list[str], list[str], list[int], list[int]]:
    # the matches' words and offsets read by C-level maps, not a Python loop over the tokens
    matches = list(_TOKEN.finditer(text))
    raw = list(map(_MATCH.group, matches))
    starts = list(map(_MATCH.start, matches))
    ends = list(map(_MATCH.end, matches))
    lowered = " ".join(raw).lower()
    low = lowered.split(" ") if "’" not in lowered else lowered.replace("’", "'").split(" ")
    if len(low) != len(raw):  # a token whose lowercase form has a space (never in practice)
        low = [w.lower().replace("’", "'") for w in raw]
    return low, raw, starts, ends


_SENTENCE_MARKS = frozenset({".", "!", "?"})


def _sentences(low: list[str], raw: list[str], depth: list[int], text: str) -> list[tuple[int, int]]:
    n = len(low)
    # each ".", "!" and "?" of the text is a token of its own: none, or only the last token, is one sentence
    marks = text.count(".") + text.count("!") + text.count("?")
    if marks == 0 or marks == 1 and low[-1] in _SENTENCE_MARKS:
        return [(0, n)] if n else []
    out: list[tuple[int, int]] = []
    start = 0
    for i in [i for i, w in enumerate(low) if w in _SENTENCE_MARKS]:  # (the few candidates only)
        if depth[i] > 0 or i + 1 >= n:
            continue
        prev = low[i - 1] if i else ""
        if prev in ABBREVIATIONS or (len(prev) == 1 and prev.isalpha()):
            continue
        nxt = raw[i + 1]
        if not (nxt[0].isupper() or nxt[0].isdigit() or nxt in {"(", '"', "“", "'", "‘"}):
            continue
        out.append((start, i + 1))
        start = i + 1
    if start < n:
        out.append((start, n))
    return out


def _depths(low: list[str], text: str) -> list[int]:
    if "(" not in text and "[" not in text:
        return [0] * len(low)
    depth: list[int] = []
    d = 0
    for w in low:
        if w in {")", "]"}:
            d = max(0, d - 1)
            depth.append(d)
            continue
        depth.append(d)
        if w in {"(", "["}:
            d += 1
    return depth


# --------------------------------------------------------------------------------------------
# The parser.


# words that open an object noun phrase after a coordinated verb with no comma before "and"
OBJECT_OPENERS = DETERMINERS | frozenset(
    {
        "additional", "annual", "clear", "dedicated", "formal", "joint", "local", "mandatory", "minimum",
        "national", "new", "regular", "routine", "specialist", "specific", "written", "further", "more",
        "two", "three", "four", "five", "six", "ten", "one",
    }
)
# base forms that are more often nouns in a list ("training and support", "policy and practice")
NOUN_LIKE_VERBS = frozenset(
    {"support", "practice", "process", "guide", "plan", "record", "report", "review", "audit", "advice", "care",
     "access", "need", "use", "work", "help", "change", "challenge", "contact", "supervise", "oversight"}
)
RELATIVES = frozenset({"who", "which", "whose", "where", "when"})
CLAUSE_OPENERS = frozenset({"that", "whether", "how", "when", "where", "who", "which", "what", "if", "so"})
# candidates of the per-sentence scans (a set test in a comprehension, then the full test)
_IS_NEED = frozenset({"is", "are", "need", "needs"})
_REGION_STOPS = SUBORDINATORS | {";", "to", "in", "so", ","}
_SUBJECT_STOPS = SUBORDINATORS | MODALS | {";", ":", "that", "and", "but", "or"}
_COORD_TOKENS = CLAUSE_OPENERS | {"and", ","}
# unions the parser tests against, made once (not at every test)
_BE_HAVE = BE | HAVE
_NOT_ADJECTIVE_BEFORE = DETERMINERS | PREPOSITIONS | COMPARATIVES
_NOT_IMPERATIVE_BEFORE = MODALS | AUX | {"of", "for", "'s", "s", "to", ",", "from", "on", "in"}
_NOT_AFTER_SEMICOLON_VERB = MODALS | AUX | {"of"}
_NOT_AFTER_COORDINATED_VERB = MODALS | AUX | {"of", "'s"}
_NOT_AFTER_FRONTED_VERB = MODALS | AUX | {"of", "'s", "s"}
_NOT_AFTER_LABEL_VERB = MODALS | AUX | {"of", "'s", "s", ":", ",", "and", "to", "|"}


def opens_object(word: str) -> bool:
    return word in OBJECT_OPENERS or word.isdigit()


_START = attrgetter("start")


class _Parser:
    __slots__ = ("p", "low", "depth", "n", "has_semicolon", "may_coordinate", "has_colon", "may_label", "has_to", "may_need", "may_modal")

    def __init__(self, parse: Parse) -> None:
        self.p = parse
        self.low = parse.low
        self.depth = parse.depth
        self.n = len(parse.low)
        # Asked once per text, not per sentence: a whole report read as one item has thousands.
        self.has_semicolon = ";" in parse.text
        words = parse.wordset
        self.may_coordinate = "and" in words or "," in words or ")" in parse.text
        # gates for the scans that only a word of the text can set off
        self.has_colon = ":" in words
        self.may_label = self.has_colon or "|" in words
        self.has_to = "to" in words
        self.may_need = self.has_to and not _IS_NEED.isdisjoint(words)
        self.may_modal = not MODALS.isdisjoint(words)

    # -- small helpers -----------------------------------------------------------------------
    def skip_adverbs(self, j: int, end: int) -> int:
        low = self.low
        while j < end:
            w = low[j]
            if w in _SIMPLE_ADVERBS or (w.endswith("ly") and len(w) > 4 and w not in LEMMA):
                j += 1
            elif w == "," and j + 1 < end:
                # ", as a matter of urgency," or ", as required by section 16 of the Act," between a modal and its verb
                reach = 26 if low[j + 1] in _PARENTHETICAL_OPENERS else 8
                k = j + 1
                while k < end and k < j + reach and low[k] not in {",", ";"}:
                    k += 1
                if k < end and low[k] == "," and k < j + reach:
                    j = k + 1
                else:
                    return j
            elif w in {"in", "as", "at"} and j + 1 < end and low[j + 1] in {"future", "a", "least", "all"}:
                # "in future", "as a matter of urgency", "at all times"
                k = j + 1
                while k < end and k < j + 6 and low[k] not in LEMMA and low[k] != "," and low[k] not in MODALS:
                    k += 1
                if k > j + 1 and k < end and (low[k] in LEMMA or low[k] == ","):
                    j = k + (1 if low[k] == "," else 0)
                else:
                    return j
            else:
                return j
        return j

    def skip_marker(self, j: int, end: int) -> int:
        """Skip a list marker: ":", "(a)", "(ii)", "b)", "3.", as in "should: (a) publish ...; (b) fund ..."."""
        low = self.low
        while j < end:
            if low[j] == ":":
                j += 1
            elif low[j] == "(" and j + 2 < end and low[j + 2] == ")" and low[j + 1] in LIST_MARKERS:
                j += 3
            elif low[j] in LIST_MARKERS and j + 1 < end and low[j + 1] == ")":
                j += 2
            else:
                return j
        return j

    def is_demand_verb(self, action: Action) -> bool:
        """A bare finite verb that asks for something: a subjunctive ("That the LSCB undertake",
        "the standards be redrafted") or "recommends that"."""
        low = self.low
        first = low[action.start]
        if first == "be" or action.verb in {"recommend", "propose", "urge"}:
            return True
        if first in {"is", "are"} and (
            action.chain
            or (
                action.passive
                and not any(a.role == "main" for a in self.p.actions)
                and _FINDING_ADVERBS.isdisjoint(low[action.start + 1 : action.head])
            )
        ):
            # "Agencies are asked to reflect ...", and a present passive opening the recommendation
            # ("Training is undertaken by all practitioners within 12 months"): demands in the indicative
            return True
        tags = TAGS.get(first, frozenset())
        return "base" in tags and first not in {"are", "were", "am", "have", "do"} and "past" not in tags

    def is_base_verb(self, j: int) -> bool:
        tags = TAGS.get(self.low[j])
        return tags is not None and "base" in tags and self.low[j] not in _BE_HAVE

    def verb_group(self, j: int, end: int) -> dict | None:
        """Parse the verb group that starts at token j (after a modal or 'to')."""
        low = self.low
        chain: list[str] = []
        passive = copula = False
        j = self.skip_adverbs(self.skip_marker(j, end), end)
        for _ in range(4):
            if j >= end:
                return None
            w = low[j]
            if w in {"need", "needs"} and j + 1 < end and low[j + 1] == "to":
                j = self.skip_adverbs(j + 2, end)
                continue
            if w in TO_CHAIN and j + 2 < end and low[j + 1] == "to" and self.is_base_verb(j + 2):
                chain.append(w)
                j = self.skip_adverbs(j + 2, end)
                continue
            if w in BE:
                k = self.skip_adverbs(j + 1, end)
                if k < end and low[k] in BE_CHAIN and k + 1 < end and low[k + 1] == "to":
                    chain.append(low[k])
                    j = self.skip_adverbs(k + 2, end)
                    continue
                if k < end and low[k] in {"been", "being"}:
                    j = k
                    continue
                break
            if w in HAVE and j + 1 < end and low[j + 1] in {"been", "to"}:
                j = j + 1 if low[j + 1] == "been" else self.skip_adverbs(j + 2, end)
                continue
            if w in {"has", "have"}:
                # a perfect: "compliance has reached 90%", "agencies have learned": the verb is the participle
                k = self.skip_adverbs(j + 1, end)
                if k < end and is_participle(low[k]) and low[k] not in ADJECTIVAL_PARTICIPLES and low[k] not in BE:
                    j = k
            break
        w = low[j]
        if w in BE:
            k = self.skip_adverbs(j + 1, end)
            if (
                k < end
                and is_participle(low[k])
                and low[k] not in {"based", "aware", "alert"}
                and not (low[k] in BE_CHAIN and (k + 1 >= end or low[k + 1] == "to"))
                or k < end
                and low[k] == "based"
            ):
                head, passive = k, True
            elif (
                k + 1 < end
                and low[k] not in _NOT_ADJECTIVE_BEFORE
                and not low[k].endswith("ly")
                and low[k] not in TAGS
                and low[k].isalpha()
                and is_participle(low[k + 1])
                and low[k + 1] not in BE_CHAIN
            ):
                head, passive = k + 1, True  # "be case managed", "be risk assessed"
            elif k < end and low[k].endswith("ing") and "ing" in TAGS.get(low[k], ()):
                head = k
            else:
                head, copula = j, True
        else:
            if not (w[0].isalpha()):
                return None
            head = j
        verb = "be" if copula else lemma_of(low[head])
        verbs = [verb]
        last = head
        if not copula:
            # coordinated verbs: "create and launch", "monitored and raised", "commission or undertake"
            k = head + 1
            while k + 1 < end and low[k] in {"and", "or", ","} and low[k + 1] in TAGS and low[k + 1] not in BE:
                t = TAGS[low[k + 1]]
                if (passive and "pp" in t) or (not passive and ("base" in t or "3sg" in t)):
                    verbs.append(lemma_of(low[k + 1]))
                    last = k + 1
                    k += 2
                else:
                    break
            # particles: "set up", "carry out", "roll out", "put in place", "look at"
            if last + 1 < end and low[last + 1] in {"up", "out"}:
                last += 1
        return {
            "head": head,
            "last": last,
            "verb": verb,
            "verbs": tuple(verbs),
            "passive": passive,
            "copula": copula,
            "chain": tuple(chain),
        }

    def region_end(self, j: int, end: int, stop: int) -> int:
        """Where the argument of a verb ending before j stops: a purpose clause, a condition or
        relative clause, a semicolon, the next predicate, or the end of the sentence."""
        low, depth = self.low, self.depth
        limit = min(end, stop)
        # only these words can end the region: the others are passed over without a test
        for k in [k for k in range(j, limit) if low[k] in _REGION_STOPS]:
            if depth[k] > 0:
                continue
            w = low[k]
            if w == ";":
                return k
            if w in SUBORDINATORS and w != "that" and k > j and not (k + 1 < limit and low[k + 1] in HEDGE_TAILS):
                return k
            if (
                w == "to"
                and k > j
                and k + 1 < limit
                and self.is_base_verb(k + 1)
                and low[k - 1] not in {"as", "how", "able", "order"}
            ):
                return k
            if w == "in" and k + 2 < limit and low[k + 1] == "order" and low[k + 2] == "to":
                return k
            if w == "so" and k + 1 < limit and low[k + 1] in {"that", "as"}:
                return k
            if (
                w == ","
                and k + 1 < limit
                and low[k + 1]
                in {
                    "which",
                    "who",
                    "so",
                    "as",
                    "because",
                    "whilst",
                    "while",
                    "although",
                    "particularly",
                    "especially",
                    "including",
                    "but",
                }
            ):
                return k
        return limit

    def subject_start(self, s: int, i: int) -> int:
        """Start of the subject of a predicate at i: back to the clause start."""
        low, depth = self.low, self.depth
        # only these words can start the subject: the others are passed over without a test
        for k in [k for k in range(i - 1, s - 1, -1) if low[k] in _SUBJECT_STOPS]:
            if depth[k] == 0 and (
                low[k] in {";", ":"} or (low[k] in SUBORDINATORS and low[k] not in {"that"}) or low[k] in MODALS
            ):
                return k + 1
            if depth[k] == 0 and low[k] == "that" and k > s:
                return k + 1
            if depth[k] == 0 and low[k] in {"and", "but", "or"} and k > s and low[k - 1] == ",":
                return k + 1
        return s

    def finite_in(self, j: int, end: int) -> int | None:
        """Index of the finite verb (or modal) of the clause that starts at j, if one is found
        soon enough: the clause after "ensure that", "That ..." or "It is essential that"."""
        low, depth = self.low, self.depth
        k = j
        limit = min(end, j + 40)
        while k < limit:
            w = low[k]
            if depth[k] > 0:
                k += 1
                continue
            if w in {";", ":"}:
                return None
            if w == "," and k + 1 < limit and low[k + 1] in {"which", "who", "whose"}:
                # skip a non-defining relative clause: ", which has been delayed ..., be accelerated"
                m = k + 1
                while m < limit and low[m] != ",":
                    m += 1
                k = m + 1
                continue
            if w in {"which", "who", "whom", "whose", "where", "when", "if"} and k > j:
                # a defining relative clause inside the subject: skip to its verb and past it ("staff who could
                # be affected receive ...", "officers who attend could ...")
                m = k + 1
                while (
                    m < limit
                    and not (low[m] in MODALS or low[m] in AUX or (m > k + 1 and _finite_tags(low[m])))
                    and low[m] not in {";", ","}
                ):
                    m += 1
                if m < limit and (low[m] in MODALS or low[m] in AUX):
                    while m + 1 < limit and (low[m + 1] in BE or low[m + 1] in {"been", "have"}):
                        m += 1
                k = m + 1
                continue
            if k > j and (w in MODALS or w in BE or w in HAVE) and not (w == "may" and self.p.raw[k][0] == "M"):
                return k
            if (
                k > j
                and low[k] in TAGS
                and ("base" in TAGS[w] or "3sg" in TAGS[w] or "past" in TAGS[w])
                and "ing" not in TAGS[w]
            ):
                prev = low[k - 1]
                if "pp" in TAGS[w] and k + 1 < limit and (low[k + 1] in PREPOSITIONS or low[k + 1] == "to"):
                    k += 1  # a reduced relative: "no patient known to be homeless is discharged", "cases referred by"
                    continue
                if (
                    prev not in DETERMINERS
                    and prev not in PREPOSITIONS
                    and prev not in {"and", "or", "'s", "s", ",", "to", "-", "/"}
                    and not (k + 1 < limit and (low[k + 1] in {"of", "'s"} or low[k + 1] in MODALS or low[k + 1] in BE))
                    and not (self.p.raw[k][0].isupper() and k > j)
                ):
                    return k
            k += 1
        return None

    # -- building actions --------------------------------------------------------------------
    def make_action(
        self,
        s: int,
        e: int,
        start: int,
        group: dict,
        form: str,
        stop: int,
        modal: str | None = None,
        subj_from: int | None = None,
    ) -> Action:
        subj0 = self.subject_start(s, start) if subj_from is None else subj_from
        arg_end = self.region_end(group["last"] + 1, e, stop)
        last = group["last"]
        return Action(  # (positional: verb, verbs, head, last, start, subj, arg, sentence, form, modal, ...)
            group["verb"],
            group["verbs"],
            group["head"],
            last,
            start,
            (subj0, start),
            (last + 1, arg_end),
            self.p.sentence_of[s] if s < self.n else 0,
            form,
            modal,
            group["passive"],
            group["copula"],
            group["chain"],
        )

    def clause_action(self, j: int, e: int, stop: int, form: str) -> Action | None:
        """The predicate of the clause that starts at token j."""
        k = self.finite_in(j, min(e, stop))
        if k is None:
            return None
        low = self.low
        if low[k] in MODALS:
            group = self.verb_group(k + 1, e)
            modal = low[k]
        else:
            group = self.verb_group(k, e)
            modal = None
        if group is None:
            return None
        return self.make_action(j, e, k, group, form if modal is None else "modal", stop, modal=modal, subj_from=j)

    def unwrap(self, action: Action, e: int, stop: int) -> None:
        """Look inside wrappers: "ensure that X", "seek assurance that X", "satisfy itself that X",
        "use X to Y", "take steps to Y", "undertake work to Y", "recommend that X"."""
        low = self.low
        a0, a1 = action.arg
        verb = action.verb
        inner: Action | None = None
        kind: str | None = None
        if verb in {"ensure", "make"} and (verb == "ensure" or (a0 < a1 and low[a0] == "sure")):
            j = a0 + (1 if verb == "make" else 0)
            if j < e and low[j] == "that":
                j += 1
            inner = self.clause_action(j, e, stop, "finite")
            kind = "ensure"
        elif (
            verb in {"satisfy", "assure"}
            and a0 < e
            and (low[a0] in REFLEXIVES or (action.passive and low[a0] == "that"))
        ):
            # "must satisfy itself that ...", "should be satisfied that ..."
            j = a0 + (0 if action.passive else 1)
            if j < e and low[j] == "that":
                j += 1
            inner = self.clause_action(j, e, stop, "finite")
            kind = "satisfy"
        elif verb in ASSURANCE_VERBS and a0 < e and "assurance" in low[a0 : min(a0 + 3, e)]:
            j = a0
            while j < e and low[j] != "that" and j < a0 + 12 and low[j] not in {";", "."}:
                j += 1
            if j < e and low[j] == "that":
                inner = self.clause_action(j + 1, e, stop, "finite")
            kind = "assurance"
        elif action.copula and a0 < e and low[a0] in {"assured", "satisfied", "confident"}:
            j = a0 + 1
            if j < e and low[j] == "that":
                inner = self.clause_action(j + 1, e, stop, "finite")
                kind = "satisfy"
        elif verb in THAT_WRAPPERS and a0 < e and low[a0] == "that":
            inner = self.clause_action(a0 + 1, e, stop, "finite")
            kind = "recommend"
        elif verb in THAT_WRAPPERS and action.passive and a0 + 1 < e and low[a0] == "to" and self.is_base_verb(a0 + 1):
            # "Children's Social Care is recommended to review ...": judge what is recommended
            inner = self.to_action(a0, e, stop)
            kind = "recommend"
        elif verb == "take" and a0 < e:
            # "take (all reasonable) steps to", "take action to"
            j = a0
            while j < min(e, a0 + 4) and low[j] not in STEP_NOUNS:
                j += 1
            if j < e and low[j] in STEP_NOUNS and j + 2 < e and low[j + 1] == "to" and self.is_base_verb(j + 2):
                inner = self.to_action(j + 1, e, stop)
                kind = "means"
        elif verb in MEANS_VERBS and a0 < e:
            # "use the existing networks to ensure", "undertake or commission work to develop",
            # "work with the police to agree"
            j = a0
            limit = min(e, a0 + 14)
            while (
                j < limit
                and low[j] not in {";", "."}
                and not (low[j] == "to" and j + 1 < e and self.is_base_verb(j + 1))
            ):
                j += 1
            if j < limit and low[j] == "to" and (
                verb in {"use", "utilise", "utilize", "work"}
                or "work" in low[a0:j]
                or action.passive
                and not STEP_NOUNS.isdisjoint(low[action.subj[0] : action.subj[1]])
            ):
                # "... work to develop", and the passive "Further work should be undertaken to understand ..."
                inner = self.to_action(j, e, stop)
                kind = "means"
        elif verb in ASK_VERBS and not action.passive and a0 < e and low[a0] not in {"that", "assurance"}:
            j = a0
            limit = min(e, a0 + 10)
            while j < limit and low[j] not in {";", ".", ","} and not (
                low[j] == "to" and j + 1 < e and self.is_base_verb(j + 1)
            ):
                j += 1
            if j < limit and j > a0 and low[j] == "to":
                inner = self.to_action(j, e, stop)
                kind = "means"
        if inner is not None:
            inner.role = "inner"
            inner.wrapper = action
            inner.inside = kind
            action.inner = inner
            action.wrapper_kind = kind
            self.unwrap(inner, e, stop)
        elif kind is not None:
            action.wrapper_kind = kind

    def to_action(self, j: int, e: int, stop: int) -> Action | None:
        """The predicate of "to <verb> ..." at token j (j is "to")."""
        group = self.verb_group(j + 1, e)
        if group is None:
            return None
        return self.make_action(j, e, j, group, "infinitive", stop, subj_from=j)

    def sentence(self, s: int, e: int) -> list[Action]:
        """All predicates of one sentence, with roles."""
        low, depth, raw = self.low, self.depth, self.p.raw
        found: list[Action] = []
        # skip a leading agency label: "(Police) Review ...", "Action 3:"
        b = s
        while b < e and depth[b] > 0 or (b < e and low[b] in {"(", ")", "[", "]", "-", "•"}):
            b += 1
        # a field label: "Action: Develop ...", "Target date: March 2025", "Recommendation 4: ..."
        for k in range(b, min(e - 1, b + 4)) if self.has_colon else ():
            if low[k] == ":" and depth[k] == 0:
                if k + 1 < e:
                    b = k + 1
                break
            if not (low[k].isalnum()):
                break
        # (the cheap set test first: most tokens are no modal)
        modal_idx = [
            k
            for k in (range(b, e) if self.may_modal else ())
            if low[k] in MODALS
            and depth[k] == 0
            and not (low[k] == "may" and (raw[k][0] == "M" or (k + 1 < e and low[k + 1].isdigit())))
        ]
        # also "is to", "are to" and "need(s) to" used as modals ("The Board is to review")
        for k in [k for k in range(b, e - 2) if low[k] in _IS_NEED] if self.may_need else ():
            if (
                depth[k] == 0
                and low[k] in {"is", "are"}
                and low[k + 1] == "to"
                and self.is_base_verb(k + 2)
                or (
                    depth[k] == 0
                    and low[k] in {"needs", "need"}
                    and low[k + 1] == "to"
                    and (k == b or low[k - 1] not in _MODALS_TO)
                    and k > b
                )
            ):
                modal_idx.append(k)
        modal_idx.sort()
        first_modal = modal_idx[0] if modal_idx else e
        # 1. leading forms: imperative, "To <verb>", "That <clause>", "It is essential that",
        #    "There should be", "NP to <verb>"
        lead: Action | None = None
        w = low[b] if b < e else ""
        if w in _FRONTED_OPENERS:
            fronted = self.fronted_imperative(b, e)
        else:  # (no colon or bar in the text: no label)
            fronted = self.labelled_imperative(b, e) if self.may_label else None
        if fronted is not None:
            # "Within three months, write to every provider ...": a fronted time or condition, then an imperative
            group = self.verb_group(fronted, e)
            if group is not None:
                lead = self.make_action(fronted, e, fronted, group, "imperative", first_modal, subj_from=fronted)
        elif b < e and w == "to" and b + 1 < e and self.is_base_verb(b + 1):
            lead = self.to_action(b, e, first_modal)
        elif b < e and w == "that" and raw[b][0] == "T":
            lead = self.clause_action(b + 1, e, e, "subjunctive")
            if lead is not None and lead.modal is not None:
                lead = None  # "That X should Y": the modal predicate below covers it
        elif (
            b + 4 < e
            and w == "there"
            and low[b + 1] in {"is", "was"}
            and low[b + 2] in {"a", "an"}
            and low[b + 3] in {"need", "requirement"}
            and low[b + 4] in {"for", "to"}
        ):
            # "There is a need to review ..." / "There is a need for better communication ..."
            if low[b + 4] == "to":
                lead = self.to_action(b + 4, e, first_modal)
            else:
                group = {
                    "head": b + 1,
                    "last": b + 4,
                    "verb": "be",
                    "verbs": ("be",),
                    "passive": False,
                    "copula": True,
                    "chain": (),
                }
                lead = self.make_action(b, e, b + 1, group, "nominal", first_modal, subj_from=b)
        elif b + 3 < e and w == "it" and low[b + 1] in {"is", "was"}:
            k = self.skip_adverbs(b + 2, e)
            adjective = low[k] if k < e else ""
            if adjective in {"a", "an"} and k + 1 < e:
                k += 1
                adjective = low[k]
            if (
                (adjective in STATEMENT_ADJECTIVES or adjective == "requirement")
                and k + 1 < e
                and low[k + 1] in {"that", "to"}
            ):
                if low[k + 1] == "that":
                    inner = self.clause_action(k + 2, e, e, "subjunctive")
                else:
                    inner = self.to_action(k + 1, e, e)
                if inner is not None:
                    inner.inside = "statement"
                    lead = inner
                    if inner.modal is not None:
                        modal_idx = [m for m in modal_idx if m != inner.start]
        elif (
            b < e
            and self.is_base_verb(b)
            and raw[b][0].isupper()
            and not (
                b + 1 < e
                and (
                    low[b + 1] in _NOT_IMPERATIVE_BEFORE
                    or (low[b + 1] in {"and"} and b + 2 < e and low[b + 2] not in TAGS)
                    or low[b + 1] in _REPORTING_VERBS
                    or (low[b + 1].endswith(("s", "ed")) and b + 2 < e and low[b + 2] == "that")
                    or (
                        low[b + 1] in {"by", "from", "into", "(", "with"}
                        and any(low[j] in _REPORTING_VERBS for j in range(b + 2, min(e, b + 12)))
                    )
                )
            )
            and not (first_modal - b <= 4 and DETERMINERS.isdisjoint(low[b + 1 : first_modal]))
        ):  # not "Research shows that ...", "Research by X (2019) found ...", "Review of ..." or "Support for ...",
            # nor the subject of a modal: "Think Family training should be delivered ..."
            group = self.verb_group(b, e)
            if group is not None:
                lead = self.make_action(b, e, b, group, "imperative", first_modal, subj_from=b)
        if lead is None:
            # "The PCTs to provide ...", "GPs to undertake ...": a noun phrase then "to <verb>"; with a modal
            # later only as "GPs to be reminded that a child ... must be seen" (the modal is in the that-clause)
            for k in range(b + 1, min(e - 1, b + 14, first_modal)) if self.has_to else ():
                if depth[k] > 0:
                    continue
                if low[k] in AUX or low[k] in {";", ","} and k > b + 8:
                    break
                if (
                    low[k] == "to"
                    and (self.is_base_verb(k + 1) or first_modal < e and low[k + 1] == "be")
                    and low[k - 1] not in {"able", "order", "need", "needs"}
                ):
                    group = self.verb_group(k + 1, e)
                    if group is not None and (first_modal == e or group["passive"] and self.that_follows(group["last"] + 1, e)):
                        lead = self.make_action(b, e, k, group, "infinitive", e, subj_from=b)
                    break
        if lead is not None:
            found.append(lead)
        # 2. modal predicates
        for idx, k in enumerate(modal_idx):
            if lead is not None and lead.start <= k <= lead.last:
                continue
            stop = modal_idx[idx + 1] if idx + 1 < len(modal_idx) else e
            j = k + 1
            if low[k] in {"is", "are", "need", "needs"}:
                j = k + 2
            group = self.verb_group(j, e)
            if group is None:
                continue
            action = self.make_action(s, e, k, group, "modal", stop, modal=low[k])
            action.role = self.modal_role(b, k, found)
            found.append(action)
        # 3. nothing found: a bare finite clause ("The Council make it a requirement ...")
        if not found:
            action = self.clause_action(b, e, e, "subjunctive")
            if action is not None and action.modal is None and not self.is_demand_verb(action):
                action = None  # "The Inquiry was told that ...": a finding, not a demand
            elif action is not None and action.modal is None and low[action.start] in {"is", "are"}:
                action.form = "indicative"  # kept only if the recommendation has no other demand (see parse)
            if action is None and b < e and self.is_base_verb(b):
                group = self.verb_group(b, e)
                if group is not None:
                    action = self.make_action(b, e, b, group, "imperative", e, subj_from=b)
            if action is not None:
                found.append(action)
        # imperatives after a semicolon: "...; and also provide their contact details"
        for k in range(b + 1, e - 1) if self.has_semicolon else ():
            if depth[k] == 0 and low[k] == ";":
                j = self.skip_marker(k + 1, e)
                while j < e and low[j] in {"and", "also", "then", "to"}:
                    j = self.skip_marker(j + 1, e)
                if (
                    j < e
                    and self.is_base_verb(j)
                    and not any(a.start <= j <= a.last for a in found)
                    and (j + 1 >= e or low[j + 1] not in _NOT_AFTER_SEMICOLON_VERB)
                ):
                    group = self.verb_group(j, e)
                    if group is not None:
                        nxt = [m for m in modal_idx if m > j]
                        found.append(self.make_action(j, e, j, group, "imperative", nxt[0] if nxt else e, subj_from=j))
        # a coordinated demand after ", and" or a list marker: "should review its policy, and train
        # call handlers ...", "should (i) record ... and (ii) appoint ..."
        # Without the comma ("should create a register and set minimum standards"), or in a list ("update
        # A, recruit B and introduce C"), the word after must also open an object ("a", "two", "minimum"),
        # since "training and support to staff" is a noun list; and no "that" clause may intervene
        # ("ensure that staff record X and inform Y" is one practice inside a wrapper).
        last_clause = -1
        # only the tokens the loop acts on: a clause opener, "and" or ","
        for k in [k for k in range(b + 1, e - 2) if low[k] in _COORD_TOKENS] if self.may_coordinate else ():
            if depth[k] > 0:
                continue
            if low[k] in CLAUSE_OPENERS:
                last_clause = k
            strict = False
            if low[k] == "," and low[k + 1] == "and":
                j = k + 2
            elif low[k] in {"and", ","} and low[k + 1] == "(" and self.skip_marker(k + 1, e) > k + 1:
                j = self.skip_marker(k + 1, e)
            elif low[k] in {"and", ","} and k + 2 < e and low[k - 1] not in {",", "and", "or"}:
                j, strict = k + 1, True
            else:
                continue
            if j < e and low[j] == "also":
                j += 1
            if j >= e or not self.is_base_verb(j) or (j + 1 < e and low[j + 1] in _NOT_AFTER_COORDINATED_VERB):
                continue
            if strict and (low[j] in NOUN_LIKE_VERBS or j + 1 >= e or not opens_object(low[j + 1])):
                continue
            owners = [
                a
                for a in found
                if a.role == "main"
                and a.arg[0] <= k
                and (
                    k < a.arg[1]
                    # "review its response to children who go missing, and consider ...": past a relative clause
                    or not strict
                    and a.arg[1] < e
                    and low[a.arg[1]] in RELATIVES
                )
                and (not strict or last_clause < a.head)
            ]
            if not owners or any(a.start <= j <= a.last for a in found):
                continue
            previous = owners[-1]
            group = self.verb_group(j, e)
            if group is None:
                continue
            nxt = [m for m in modal_idx if m > j]
            action = self.make_action(j, e, j, group, "coordinated", nxt[0] if nxt else e, subj_from=j)
            action.subj, action.modal = previous.subj, previous.modal
            previous.arg = (previous.arg[0], k)
            found.append(action)
        for action in found:
            if action.role != "sub":
                break
        else:
            if found:
                # a fronted condition: "If a bruise ... the health visitor must ...", "Where a victim may be at
                # risk, the Police should ...": the main clause comes last
                max(found, key=_START).role = "main"
        if len(found) > 1:
            found.sort(key=_START)
        for action in found:
            if action.role == "main":
                self.unwrap(action, e, e)
        return found

    def that_follows(self, j: int, e: int) -> bool:
        """ "that" at token j, or after a short comma-enclosed aside: "reminded, with immediate effect, that"."""
        low = self.low
        if j < e and low[j] == ",":
            k = j + 1
            while k < min(e, j + 10) and low[k] != ",":
                k += 1
            j = k + 1
        return j < e and low[j] == "that"

    def fronted_imperative(self, b: int, e: int) -> int | None:
        """The imperative after a fronted phrase and its comma: "Within six months, amend ...", "Where a
        carer declines, record ..."."""
        low, depth = self.low, self.depth
        for k in range(b + 1, min(e - 1, b + 12)):
            if depth[k] > 0:
                continue
            if low[k] in {",", ":"}:
                j = k + 1
                if self.is_base_verb(j) and (j + 1 >= e or low[j + 1] not in _NOT_AFTER_FRONTED_VERB):
                    return j
                return None
            if low[k] in MODALS or low[k] in {";", "."}:
                return None
        return None

    def labelled_imperative(self, b: int, e: int) -> int | None:
        """The imperative after a short leading label and its colon or pipe: "High priority (0-3 months):
        produce a leaflet ...", "Action: rewrite the procedure ...", "Recommendation 4 | Develop a guide ...".
        The label has no verb group of its own (a modal, auxiliary or clause punctuation ends the search)."""
        low, depth = self.low, self.depth
        if b + 1 >= e:
            return None
        if b > 0 and low[b - 1] == ":" and depth[b - 1] == 0 and self.label_verb(b, e):
            return b  # the field label is already skipped: "Action: rewrite ..."
        if not self.may_label or ":" not in low[b + 1 : b + 10] and "|" not in low[b : b + 10]:
            return None  # most sentences: no label at all
        for k in range(b, min(e - 1, b + 10)):
            if depth[k] > 0:
                continue
            if low[k] in {":", "|"}:
                if self.label_verb(k + 1, e):
                    return k + 1
                continue  # a label's value, then perhaps another label: "Lead: X. Action: rewrite ..."
            if low[k] in MODALS or low[k] in AUX or low[k] in {";", ","}:
                return None
        return None

    def label_verb(self, j: int, e: int) -> bool:
        return (
            j + 1 < e
            and self.is_base_verb(j)
            and self.low[j + 1] not in _NOT_AFTER_LABEL_VERB
        )

    def modal_role(self, b: int, k: int, found: list[Action]) -> str:
        """Main or subordinate: scan back from the modal to the clause start."""
        low, depth = self.low, self.depth
        comma_seen = False
        if k > b and low[k - 1] in {"and", "or", "but"} and found:
            # "... and should ensure that ...": a coordinated demand shares the role of the last one
            top = found[-1]
            return "main" if top.role in ("main", "inner") else top.role
        j = k - 1
        while j >= b:
            if depth[j] > 0:
                j -= 1
                continue
            w = low[j]
            if w == ",":
                comma_seen = True
            if w == ";":
                return "main"
            for a in found:
                if a.start <= j <= a.last:
                    return a.role if a.role != "inner" else "main"
            if (
                w in {"and", "but"}
                and j > b
                and (
                    low[j - 1] in {",", ";"}
                    or (k - j <= 6 and (low[j + 1] in DETERMINERS or self.p.raw[j + 1][0].isupper()))
                )
            ):
                return "main"  # "..., and the Police should review ...": a new main clause
            if w in {"whether", "how", "why", "what"}:
                return "sub"  # "consider whether the guidance needs to be revised", "guidance on how staff might ..."
            if w in SUBORDINATORS and not (j + 1 < k and (low[j + 1] == "of" or low[j + 1] in HEDGE_TAILS)):
                if w == "that":
                    prev = low[j - 1] if j > b else ""
                    if j == b or prev in DEMAND_BEFORE_THAT:
                        return "inner"
                    return "sub"
                if j == b and comma_seen:
                    return "main"  # fronted condition: "Where X, Y should ..."
                return "sub"
            j -= 1
        return "main"


# --------------------------------------------------------------------------------------------
# Roles and sentence kinds.

_RATIONALE_VERBS = frozenset(
    {
        "help",
        "enable",
        "allow",
        "provide",
        "reduce",
        "improve",
        "support",
        "assist",
        "contribute",
        "lead",
        "mean",
        "give",
        "promote",
        "ensure",
        "prevent",
        "increase",
        "build",
        "strengthen",
        "enhance",
        "result",
        "be",
        "offer",
        "create",
    }
)


# verbs with which a following sentence fills in the first one's deliverable ("It should include ...")
ELABORATING_VERBS = frozenset(
    {
        "include",
        "contain",
        "cover",
        "set",
        "specify",
        "state",
        "be",
        "have",
        "give",
        "detail",
        "outline",
        "address",
        "reflect",
        "consider",
    }
)


def _sentence_kind(p: Parse, index: int, s: int, e: int, actions: list[Action]) -> str:
    low = p.low
    mains = [a for a in actions if a.role == "main"]
    if not mains:
        return "none"
    head = mains[0]
    first = low[head.subj[0]] if head.subj[0] < head.subj[1] else ""
    if first in {"it", "they"} and head.verb not in ELABORATING_VERBS and not head.copula:
        first = ""  # "It should also reduce ...": the owner again, with a new demand
    anaphoric = (
        index > 0
        and head.inside != "statement"
        and (first in ANAPHORS or (first == "the" and head.subj[0] + 1 < e and low[head.subj[0] + 1] == "same"))
    )
    if anaphoric and head.subj[1] - head.subj[0] <= 3 and head.verb in _RATIONALE_VERBS and not head.passive:
        if head.verb != "be" or (
            head.arg[0] < e
            and low[head.arg[0]] in {"particularly", "especially", "because", "important", "essential", "vital", "so"}
        ):
            return "rationale"
    if anaphoric:
        return "elaboration"
    return "demand"


_ROLE_TRIGGERS = SUBORDINATORS | frozenset({";", ",", "whether", "to", "in", "so"})


def _roles(p: Parse, s: int, e: int, actions: list[Action], kind: str) -> None:
    """Mark sub/purpose/question/rationale tokens of one sentence."""
    low, depth, roles = p.low, p.depth, p.roles
    if kind == "rationale":
        roles[s:e] = ["rationale"] * (e - s)
        return
    nested: list[Action] = []
    for a in actions:
        while a is not None:
            nested.append(a)
            a = a.inner
    actions = nested
    starts = {a.start for a in actions if a.role in ("main", "inner")}
    state = "main"
    state_until_comma = False
    first = True
    triggers = _ROLE_TRIGGERS
    # Only a trigger word or an action's start can change the state: the runs of tokens between
    # them take the current state by slice assignment.
    done = s  # roles[s:done] are set
    changes = [k for k in range(s, e) if low[k] in triggers]
    for k in starts:
        if s <= k < e and low[k] not in triggers:  # an action's start that is no trigger word
            insort(changes, k)
    # roles[s:e] are all "main" on entry (parse fills the list with it), so only other states are written
    for k in changes:
        if k > done:
            if state != "main":
                roles[done:k] = [state] * (k - done)
            first = False
        done = k + 1
        w = low[k]
        if k in starts:
            state, state_until_comma = "main", False
        if depth[k] == 0:
            if w == ";":
                state, state_until_comma = "main", False
            elif w == "," and state_until_comma:
                state, state_until_comma = "main", False
                roles[k] = "sub"
                first = False
                continue
            elif (
                w in SUBORDINATORS
                and w != "that"
                and not (k + 1 < e and (low[k + 1] == "of" or low[k + 1] in HEDGE_TAILS))
            ):
                if w in {"once", "since"} and not first:
                    pass
                else:
                    state = "sub"
                    state_until_comma = first or (k > s and low[k - 1] == ",")
            elif w == "that" and k > s:
                prev = low[k - 1]
                if (
                    prev in DEMAND_BEFORE_THAT
                    or prev in {"assured", "satisfied"}
                    or any(a.role == "inner" and a.subj[0] == k + 1 for a in actions)
                ):
                    pass  # a wrapper's clause is the demand itself ("seek assurance from the ICB that ...")
                elif any(a.start <= k - 1 <= a.last for a in actions) or prev in {
                    "emphasise",
                    "emphasize",
                    "highlight",
                    "state",
                    "stress",
                    "confirm",
                    "clarify",
                    "specify",
                }:
                    pass  # the content of the action ("emphasise that ...")
                else:
                    state, state_until_comma = "sub", False
            elif w == "whether":
                state, state_until_comma = "question", False
            elif w == "to" and k + 1 < e and TAGS.get(low[k + 1]) and "base" in TAGS[low[k + 1]] and k > s:
                if not any(
                    a.start <= k <= a.last or a.start == k for a in actions if a.role in ("main", "inner")
                ) and low[k - 1] not in {"able", "need", "needs", "have", "has", "is", "are"}:
                    state, state_until_comma = "purpose", False
            elif (
                w == "in"
                and k + 2 < e
                and low[k + 1] == "order"
                and low[k + 2] == "to"
                or w == "so"
                and k + 1 < e
                and low[k + 1] in {"that", "as"}
            ):
                state, state_until_comma = "purpose", False
        if state != "main":
            roles[k] = state
        first = False
    if e > done and state != "main":
        roles[done:e] = [state] * (e - done)


# --------------------------------------------------------------------------------------------


def parse(text: str) -> Parse:
    """Tokenise, split into sentences, find the actions and the role of every token."""
    low, raw, starts, ends = _tokenize(text)
    depth = _depths(low, text)
    sents = _sentences(low, raw, depth, text)
    if len(sents) == 1:
        sentence_of = [0] * len(low)
    else:
        sentence_of = []
        for idx, (s, e) in enumerate(sents):
            sentence_of.extend([idx] * (e - s))
    p = Parse(
        text, text.lower(), frozenset(low), low, raw, starts, ends, depth, sentence_of, sents, ["main"] * len(low)
    )
    parser = _Parser(p)
    for index, (s, e) in enumerate(sents):
        actions = parser.sentence(s, e)
        kind = _sentence_kind(p, index, s, e, actions)
        p.sentence_kind.append(kind)
        if kind in ("rationale", "elaboration"):
            for a in actions:
                if a.role == "main":
                    a.role = kind
        _roles(p, s, e, actions, kind)
        p.actions.extend(actions)
    if "indicative" in [a.form for a in p.actions] and any(
        a.role == "main" and a.form != "indicative" for a in p.actions
    ):
        # "Older victims are overlooked. The CSP should develop guidance ...": the present passive was context
        p.actions = [a for a in p.actions if a.form != "indicative"]
    return p


def actions_analyzer(rec) -> Parse:  # noqa: ANN001 - RecContext, kept untyped to avoid an import cycle
    return parse(rec.text)


ANALYZERS = {"core.actions": actions_analyzer}


# --------------------------------------------------------------------------------------------
# Shared helpers for the rules.

MATERIALS = words("measure_materials")
MATERIALS_GATES = tuple(sorted(MATERIALS))
# a message put into named materials, or an action carried out through them: "in its publicity and
# training materials", "through the induction programme"
MATERIALS_LOCATIVE = regex.compile(
    r"\b(?:in|through|via|using)\s+(?:(?:its|their|the|all|our|any|existing|new|revised|updated|single|multi-agency"
    r"|single-agency|and)\s+)*"
    r"(?:[\w-]+\s+){0,2}?\L<materials>\b",
    regex.IGNORECASE,
    materials=sorted(MATERIALS),
)


def describe(action: Action, p: Parse) -> str:
    """The words of an action, for messages: "should ensure", "be reviewed"."""
    return p.quote(action.start, action.last + 1)
