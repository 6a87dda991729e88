"""Shared linguistic helpers for the built-in rules: light, dictionary-based clause analysis.

No parser is used: recommendations are short and formulaic, so a handful of closed word classes
(modals, determiners, prepositions, subordinators) plus one lexicon of action verbs find what
the rules need. Every offset is a character offset into the text passed in; spans are
half-open ``(start, end)`` tuples.

Public API (stable; other rule modules import it):

- ``normalise(text)``: the text with typographic quotes and dashes folded to ASCII, same length.
- ``sentence_spans(text, semicolons=False)``: sentence spans, abbreviation-aware.
- ``Token`` and ``tokenize(text, start=0, end=None)``: word and punctuation tokens with offsets.
- ``leading_tag(text)``: a leading agency tag such as ``"(Police)"`` or ``"Police:"``
  (a ``Tag`` with the whole tag's span and the inner name's span), else None.
- ``skip_labels(text, start, end)``: offset after list labels, priority bands and time labels
  ("Recommendation 3:", "High priority (0-3 months):", "Within 6 months:"), not agency tags.
- ``skip_preamble(text, start, end)``: offset after list labels ("Recommendation 3:"), priority
  and time labels, reporting frames ("Research shows that"), connectives ("so", "therefore"),
  "It is recommended that", "The review recommends that", a leading "That" and
  "It is essential that ..." wrappers.
- ``analyse_clause(text, start, end)``: a ``Clause``: the kind of the main clause (modal,
  to-infinitive with subject, subjunctive, imperative, infinitive, existential, declarative),
  its subject span and head chunk, the modal or marker, the main verb, passive voice,
  negation and the agent after "by".
- ``main_clauses(text)``: ``analyse_clause`` for every sentence, in order.
- ``agent_after_by(text, start, end)``: the noun phrase after the first agentive "by" in
  ``text[start:end]`` (not "by March 2025", "by the end of", "by ensuring", "by means of").
- ``subject_before(text, pos, start)``: the noun phrase (with coordinated noun phrases)
  ending just before ``pos``, found by walking back from it.
- ``is_participle(word)``, ``is_action_verb(word)``: word tests used above.
- ``lowered(text)``: lower case with the length kept; ``trie_source(terms, guard)`` and
  ``terms_regex(terms)``: fast whole-word patterns for word lists (stdlib ``re``, alternatives
  merged by prefix), to run over ``lowered`` text.
- Word sets: ``MODAL_RE``, ``DETERMINERS``, ``QUANTIFIERS``, ``PREPOSITIONS``,
  ``SUBORDINATORS``, ``RELATIVES``.

Patterns here use the standard ``re`` module: for these scans it measured several times faster
than ``regex`` (some thirty times for long word lists).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from bisect import bisect_left
from functools import lru_cache
from operator import attrgetter
from typing import Literal, NamedTuple

from smartlint import patterncache
from smartlint.lexicon import load_lexicon

Span = tuple[int, int]

# --- text normalisation -----------------------------------------------------------------------

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-", "\u00a0": " "})


def normalise(text: str) -> str:
    """Fold curly quotes, en/em dashes and no-break spaces to ASCII; offsets are unchanged."""
    if text.isascii():
        return text  # nothing to fold (every folded character is outside ASCII)
    return text.translate(_FOLD)


def lowered(text: str) -> str:
    """``text`` lower-cased with its length kept (characters whose lower case is longer stay as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _trie(terms: list[str], guard: str = "") -> str:
    root: dict = {}
    for term in terms:
        node = root
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    escaped = _ESCAPED

    def build(node: dict, top: bool = False) -> str:
        head = []
        if not top:
            # a chain of single letters (most of a trie) needs no group: walk it without recursing
            while len(node) == 1:
                ((ch, child),) = node.items()
                if not ch:
                    return "".join(head)
                head.append(escaped.get(ch) or escaped.setdefault(ch, re.escape(ch)))
                node = child
        ends = "" in node
        after = guard if top else ""
        alts = [(escaped.get(ch) or escaped.setdefault(ch, re.escape(ch))) + after + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return "".join(head)
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:
            body = "(?:" + body + ")?" if len(alts) == 1 else body[:-1] + ")?"
        return "".join(head) + body

    return build(root, top=True)


_ESCAPED: dict[str, str] = {}  # re.escape of single characters, for _trie


def trie_source(terms: Iterable[str], guard: str = "") -> str:
    """Regex source matching any of ``terms`` (lower case), alternatives merged by common prefix;
    a space in a term matches any run of whitespace. ``guard`` is put after each first letter,
    e.g. ``(?<![\\w-].)`` for "not inside a word": a pattern that opens with a plain letter lets the
    ``re`` engine skip quickly to the letters that can start a match."""
    words = sorted({" ".join(t.lower().split()) for t in terms if t.strip()})
    # Building the trie of a whole lexicon is a few ms per start; the pattern cache keeps the
    # source, keyed by the words, the guard and the code that builds it.
    key = ("trie", _trie_code(), guard, "\n".join(words))
    return patterncache.derived(key, lambda: "(?:" + _trie(words, guard).replace(r"\ ", r"\s+") + ")")


@lru_cache(maxsize=1)
def _trie_code() -> tuple:
    """The code of trie_source and _trie (with its inner function): a change to it makes new keys."""
    return patterncache.code_version(trie_source, _trie)


WORD_START_GUARD = r"(?<![\w-].)"


def terms_regex(terms: Iterable[str], *, after: str = r"(?![\w-])") -> re.Pattern[str]:
    """One fast pattern matching any of ``terms`` (lower case) as whole words in a ``lowered`` text.

    The alternatives are merged by common prefix and compiled with the standard ``re`` module,
    which measured some thirty times faster here than the ``regex`` module's named lists; the
    match is leftmost-longest. Spaces in a term match any run of whitespace.
    """
    return re.compile(trie_source(terms, WORD_START_GUARD) + after)


# --- closed word classes ----------------------------------------------------------------------

DETERMINERS = frozenset(
    "the a an this that these those its their his her our your my all each every any some no both "
    "either neither such other another".split()
)
QUANTIFIERS = frozenset("all each every any some many most various individual relevant other both".split())
PREPOSITIONS = frozenset(
    "of in for to with from within across at on by under about regarding including involving between "
    "through via into onto upon over after before during following among amongst against around "
    "beyond towards toward without concerning re per than like".split()
)
SUBORDINATORS = frozenset(
    "where when whenever if unless whilst while although though once since because given following "
    "after before during in for with within by as at on under through to from upon having building "
    "recognising recognizing taking noting acknowledging learning drawing despite further over throughout "
    "mindful cognisant cognizant conscious".split()
)
RELATIVES = frozenset("who whom whose which that where when".split())
_COORD = frozenset({"and", "or", "&", ","})
_BE = frozenset({"be", "been", "being", "is", "are", "was", "were", "am"})
_FINITE_BE = frozenset({"is", "are", "was", "were"})
# Adverbs and particles that may sit between a modal and its verb.
_ADVERBS = frozenset(
    "also not never always then now further still jointly both either all immediately urgently "
    "routinely regularly fully subsequently henceforth therefore thus additionally".split()
)
# Participle-shaped words that describe a state of mind rather than an action done to the subject.
_STATIVE = frozenset(
    "prepared satisfied assured committed concerned interested determined involved engaged "
    "alert aware mindful vigilant confident clear able responsible accountable curious familiar "
    "sighted skilled experienced qualified equipped".split()
)
_IRREGULAR_PARTICIPLES = frozenset(
    "given taken made held kept sent set shown told brought taught done seen known met put led run "
    "sought written undertaken undergone drawn found thought built paid read understood spent heard "
    "left lost begun chosen upheld withdrawn overseen forgotten bound dealt felt meant won shut cut "
    "let split spread become got gotten laid hung rewritten redrawn driven broken spoken stolen "
    "struck sworn torn worn arisen forbidden hidden ridden risen shaken proven mistaken overtaken "
    "outlined".split()
)

MODAL_RE = re.compile(
    r"""(?<![\w'-])(?:
        (?:should|must|shall|will|would|could|can(?!not)|might|ought\s+to|(?-i:may))(?:\s+not|n't)?
      | cannot
      | (?:needs?|has|have|is|are)(?:\s+not)?\s+to
      | (?:is|are)\s+(?:required|expected|asked|recommended|encouraged|invited|requested|advised|urged|commissioned)\s+to
    )(?![\w'-])""",
    re.IGNORECASE | re.VERBOSE,
)
_NEGATED_MODAL = re.compile(r"\bnot\b|n't|cannot", re.IGNORECASE)
# MODAL_RE without IGNORECASE, for lower-cased ASCII text: some twice as fast. Its "may" also matches a
# lowered "May", which _modal_matches then drops, as MODAL_RE does.
_MODAL_LOWER = re.compile(MODAL_RE.pattern.replace("(?-i:may)", "may"), re.VERBOSE)
assert _MODAL_LOWER.pattern != MODAL_RE.pattern


class _Found:
    """A modal found by ``_modal_matches``: the parts of a match object that ``analyse_clause`` reads."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start = start
        self._end = end
        self._text = text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> Span:
        return self._start, self._end

    def group(self) -> str:
        return self._text


def _modal_matches(text: str, pos: int, end: int, first: bool = False) -> list:
    """The matches of ``MODAL_RE.finditer(text, pos, end)`` (as ``_Found``, or match objects); with
    ``first``, only the first of them (a list of one or none)."""
    lo = pos - 1 if pos > 0 else 0  # the character before ``pos`` is seen by the look-behind
    piece = text[lo:end]
    if not piece.isascii():  # lower-casing is exact for ASCII only ("ſ" and "K" match "s" and "k" ignoring case)
        if first:
            m = MODAL_RE.search(text, pos, end)
            return [] if m is None else [m]
        return list(MODAL_RE.finditer(text, pos, end))
    low = piece.lower()
    found = []
    search = _MODAL_LOWER.search
    i = pos - lo
    while True:
        m = search(low, i)
        if m is None:
            return found
        s, e = m.span()
        if low.startswith("may", s) and not piece.startswith("may", s):
            i = s + 1  # "May": a month, not a modal (MODAL_RE takes only a lower-case "may")
            continue
        found.append(_Found(s + lo, e + lo, piece[s:e]))
        if first:
            return found
        i = e

# "Recommendation 3:", "R3.", "3.2", "a)", "Action 4 -" at the start of an item.
_LABEL = re.compile(
    r"""\s*(?:
        (?:recommendation|rec|action|learning\s+point|finding)\s*(?:no\.?\s*)?[\w.]*\s*[:.)\-]\s*
      | (?:R|Rec)\d+(?:\.\d+)*\s*[:.)\-]?\s+
      | \d+(?:\.\d+)*(?:\s*[:.)]|\s)\s*
      | \(?[a-z]\)\s+
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_PREAMBLE = re.compile(
    r"""(?:
        it\s+is\s+(?:therefore\s+|also\s+|further\s+|strongly\s+)*(?:recommended|suggested|proposed|advised)\s+(?:that\s+)?
      | (?:the|this)\s+(?:serious\s+case\s+|safeguarding\s+adults?\s+|domestic\s+homicide\s+|overview\s+|independent\s+|practice\s+)?
            (?:review|panel|report|author|reviewer|overview\s+author|sar|scr|dhr|cspr|lcspr|board|inquiry|investigation|
               commission|committee|chair|reviewers|authors)(?:\s+(?:panel|team|author|group|chair))?\s+
            (?:therefore\s+|also\s+|further\s+|strongly\s+)*recommends?\s+(?:that\s+)?
      | (?:we|i)\s+(?:therefore\s+|also\s+|further\s+|strongly\s+)*recommend\s+(?:that\s+)?
      | that\s+
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# "It is essential that", "It is a requirement that", "It is important for X to".
_IMPERSONAL = re.compile(
    r"""it\s+(?:is|will\s+be|would\s+be|should\s+be|must\s+be|remains)\s+(?:therefore\s+|also\s+|now\s+|vital\w*\s+)?
        (?:essential|important|vital|crucial|critical|imperative|necessary|key|expected|required|advisable|clear|evident|apparent|
           desirable|a\s+requirement|a\s+priority|recommended|suggested|proposed|good\s+practice|
           of\s+(?:the\s+)?(?:utmost\s+|great\s+|particular\s+)?importance)\s+
        (?:that|for)\s+""",
    re.IGNORECASE | re.VERBOSE,
)
# A report of what is known before the demand: "Research shows that", "This review found that",
# "Evidence from this and other reviews suggests that". The demand follows "that".
_REPORTING = re.compile(
    r"""(?:(?!(?:should|must|shall|will|would|could|can|may|might|needs?|has\s+to|have\s+to)\b)[\w'-]+\s+){1,8}?
        (?:has\s+|have\s+|had\s+)?(?:shows?|showed|shown|suggests?|suggested|indicates?|indicated|demonstrates?|demonstrated|
           highlights?|highlighted|confirms?|confirmed|found|finds|concludes?|concluded|tells?\s+us|told\s+us)\s+that\s+""",
    re.IGNORECASE | re.VERBOSE,
)
# A short label before a colon: "High priority (0-3 months):", "Action (by March 2026):",
# "Within 6 months:", "Learning point 2:". Agency tags ("Police:") are read by ``leading_tag``.
_COLON_LABEL = re.compile(r"[^\s:;!?,]{1,3}[^:;!?,\n]{0,60}?:\s+(?=\S)")
_LABEL_NO_CLAUSE = re.compile(r"\.\s|\bthat\b|\bto\s+(?!\d)[a-z]+\s+(?:the|a|an|all|its|their)\b|\bto\s*:\s*\Z", re.IGNORECASE)
# A priority band or term given as a label with a dash: "Short term (within 3 months) - ".
_PRIORITY_LABEL = re.compile(
    r"""(?:(?:high|medium|low|top|urgent|immediate)(?:\s+priority)?|priority(?:\s+(?:\d+|one|two|three|high|medium|low|[abc]))?|
        (?:short|medium|long)[\s-]term)\s*(?:\([^()]{1,40}\))?\s*(?:-|:)\s+""",
    re.IGNORECASE | re.VERBOSE,
)
# "..., so the Board should", "...; therefore the Trust must": the demand after a consequence.
_CONSEQUENCE = re.compile(
    r"[,;]\s*(?:and\s+)?(?:so|therefore|thus|hence|consequently|as\s+a\s+result)(?!\s+(?:that|as|far|long|much|many)\b)\s*,?\s+",
    re.IGNORECASE,
)
# The same connective opening a clause: "So the Board should", "Therefore, the Trust must".
_CONNECTIVE = re.compile(
    r"(?:and\s+)?(?:so|therefore|thus|hence|consequently|as\s+a\s+result)(?!\s+(?:that|as|far|long|much|many)\b)\s*,?\s+",
    re.IGNORECASE,
)

_EXISTENTIAL = re.compile(
    r"""there\s+(?:should|must|will|shall|needs?\s+to|ought\s+to|is|are)\s+(?:also\s+|now\s+|further\s+)?
        (?:be\s+|a\s+need\s+for\s+|an?\s+requirement\s+for\s+)?(?:an?\s+|more\s+|further\s+|greater\s+|clear\s+)?""",
    re.IGNORECASE | re.VERBOSE,
)

# --- tokens -----------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"[^\W_]+(?:['&./-][^\W_]+)*'?|[^\s\w]|_")
# The same tokens in ASCII text (where [^\W_] is [A-Za-z0-9]), with possessive repeats (they never
# give back: all that follows them is optional): about 1.7 times as fast.
_ASCII_TOKEN_RE = re.compile(r"[A-Za-z0-9]++(?:['&./-][A-Za-z0-9]++)*+'?|[^\s\w]|_")


_START = attrgetter("start")


class Token:
    """A word or punctuation mark with its offsets (a plain slotted class: cheap to build)."""

    __slots__ = ("end", "lower", "start", "text")

    def __init__(self, start: int, end: int, text: str, lower: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = lower

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    pattern = _ASCII_TOKEN_RE if text[start:end].isascii() else _TOKEN_RE
    return [Token(m.start(), m.end(), word, word.lower()) for m in pattern.finditer(text, start, end) for word in (m.group(),)]


# --- sentences --------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    "e.g i.e etc eg ie dr mr mrs ms no nos st vs cf approx para paras ref al co ltd inc jan feb mar apr "
    "jun jul aug sep sept oct nov dec fig p pp vol ch sec s ss cllr prof rev est dept govt".split()
)
# (One opening character class, so that the scan jumps from one [.!?] to the next; the same matches as
# r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])|[.!?]+[\"')\]]*\s*\Z", about twice as fast.)
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
_SENTENCE_END = re.compile(r"[.!?][.!?]*[\"')\]]*(?:(?=\s+[\"'(\[]?[A-Z0-9])|\s*\Z)")
_SEMICOLON = re.compile(r";\s*")
# The letters, digits ([^\W_] is str.isalnum) and dots that end a search's window: the leftmost start
# from which they run to the end of the window.
_RUN_BEFORE_STOP = re.compile(r"(?:[^\W_]|\.)*+\Z")


def sentence_spans(text: str, semicolons: bool = False) -> list[Span]:
    """Spans of the sentences of ``text`` (whitespace trimmed). With ``semicolons``, a ';' also ends one.

    A full stop after a known abbreviation ("e.g.", "Dr.", "No.") or a single capital initial
    does not end a sentence.
    """
    cuts: list[int] = []
    size = len(text)
    for m in _SENTENCE_END.finditer(text):
        stop, cut = m.span()
        if cut < size and text[stop] == ".":  # (at the end of the text a cut is made all the same)
            # The run of letters, digits and dots before the stop; a word longer than the longest
            # abbreviation is none, so the run is looked for no further back.
            k = _RUN_BEFORE_STOP.search(text, max(0, stop - _LONGEST_ABBREVIATION - 1), stop).start()
            word = text[k:stop].lower()
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha() and text[k].isupper()):
                continue
        cuts.append(cut)
    if semicolons and ";" in text:
        cuts.extend(m.end() for m in _SEMICOLON.finditer(text) if not _inside_brackets(text, m.start()))
        cuts.sort()
    spans: list[Span] = []
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


def _inside_brackets(text: str, pos: int) -> bool:
    return text.rfind("(", 0, pos) > text.rfind(")", 0, pos)


# --- tags and preambles -----------------------------------------------------------------------


class Tag(NamedTuple):
    span: Span  # the whole tag, brackets or colon included
    name: Span  # the words naming the agency


_BRACKET_TAG = re.compile(r"\A\s*[(\[]\s*(?P<name>[A-Z][^()\[\]]{1,60}?)\s*[)\]]")
_HEADING_TAG = re.compile(
    r"\A\s*(?P<name>[A-Z](?:[^\W\d_]|['&])*(?:[ \-/](?:[^\W\d_]|['&()])+){0,6}?)\s*(?::|\s-\s)\s*(?=\S)"
)
_NOT_TAG = re.compile(
    r"\A(?:recommendation|rec|action|note|priority|timescale|finding|learning|summary|outcome|rationale|"
    r"evidence|status|high|medium|low|urgent|new|update|[ivxlc]+|[a-z])\b",
    re.IGNORECASE,
)


_ENDS_IN_DEMAND = re.compile(
    r"(?<![\w'-])(?:should|must|shall|will|would|could|can|may|needs?|to|is\s+asked\s+to|are\s+asked\s+to)\Z", re.IGNORECASE
)


# The closing dash of an aside, right before the predicate: "... - should", "... - is asked to".
_DASH_ASIDE_CLOSE = re.compile(r"\s-\s+(?:should|must|shall|will|would|could|may|needs?\s+to|is|are|has|have)\b", re.IGNORECASE)


_SPACED_DASH = re.compile(r"\s-\s")


def leading_tag(text: str) -> Tag | None:
    """A leading agency tag: "(Police) Review ...", "[Health] ...", "Police: Review ..." or
    "Children's Social Care - Review ...". Only the shape is checked here (capitalised, short,
    not a numbering or label word); whether the name is an agency is for the caller to judge."""
    # A heading tag ends in ':' or a spaced dash: most sentences have neither, and are not tried.
    heading = ":" in text or ("-" in text and _SPACED_DASH.search(text) is not None)
    for pattern in (_BRACKET_TAG, _HEADING_TAG) if heading else (_BRACKET_TAG,):
        m = pattern.match(text)
        if m is None:
            continue
        name = m.group("name")
        if _NOT_TAG.match(name) or name.isdigit() or _ENDS_IN_DEMAND.search(name) or MODAL_RE.search(name):
            continue  # "The ICB will:", "The LSCB to:" open a clause, not a tag
        if pattern is _HEADING_TAG and text[m.end("name") : m.end()].strip() == "-" and _DASH_ASIDE_CLOSE.search(text, m.end(), m.end() + 160):
            continue  # "The Board - which meets quarterly - should ...": a dashed aside, then the predicate
        return Tag((m.start("name") if pattern is _HEADING_TAG else m.start(), m.end()), m.span("name"))
    return None


# A sentence adverb set off by a comma: "Immediately, the police should ...", "In future, ...".
_SENTENCE_ADVERB = re.compile(
    r"""(?:immediately|urgently|additionally|finally|firstly|secondly|thirdly|lastly|similarly|importantly|crucially|
        specifically|particularly|ideally|initially|subsequently|ultimately|also|further|furthermore|moreover|however|
        next|then|now|again|likewise|meanwhile|in\s+addition|in\s+particular|in\s+future|in\s+the\s+future|going\s+forward|
        as\s+a\s+priority|as\s+a\s+matter\s+of\s+(?:urgency|priority))\s*,\s+""",
    re.IGNORECASE | re.VERBOSE,
)
# A fronted time phrase before the subject, comma or not: "By 31 March 2026 the Named Nurse will ...",
# "Every six months, the Partnership should ...", "Within three months the Trust should ...".
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_NUMBER = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)"
_UNIT = r"(?:days?|weeks?|months?|years?|quarters?|working\s+days?)"
_FRONTED_TIME = re.compile(
    rf"""(?:annually|quarterly|monthly|weekly|yearly|bi-?annually|six-monthly|twice\s+(?:a\s+)?year(?:ly)?|once\s+a\s+year)\s*,\s+(?=[a-z])
      |(?:by|before|from|within|every|each|after|until|no\s+later\s+than|in|during|over)\s+
        (?:the\s+)?(?:(?:end|start|beginning|close)\s+of\s+(?:the\s+)?)?(?:next\s+|first\s+|coming\s+)?
        (?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}(?:\s+\d{{4}})?|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}
           |(?:{_NUMBER}\s+)?{_UNIT}(?:\s+of\s+(?:this|the)\s+(?:review|report)(?:\s+being\s+\w+)?)?)
        (?:\s*,\s+|(?:\s+(?:of|after|following|from|since)\s+[^,.;:]{{1,60}}),\s+|\s+(?!(?:of|after|following|from|before|since|and|or|to|for|at|in|on|is|are|was|were|will|should|must|groups?)\b))(?=[a-z])""",
    re.IGNORECASE | re.VERBOSE,
)
_PREAMBLES = (_LABEL, _PREAMBLE, _IMPERSONAL, _PRIORITY_LABEL, _CONNECTIVE, _SENTENCE_ADVERB, _FRONTED_TIME)
_PREAMBLES_WITH_REPORT = (_LABEL, _PREAMBLE, _IMPERSONAL, _PRIORITY_LABEL, _REPORTING, _CONNECTIVE, _SENTENCE_ADVERB, _FRONTED_TIME)


def _any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern that matches where any of ``patterns`` matches (each keeps its own flags)."""
    def scoped(p: re.Pattern[str]) -> str:
        flags = ("i" if p.flags & re.IGNORECASE else "") + ("x" if p.flags & re.VERBOSE else "")
        end = "\n)" if p.flags & re.VERBOSE else ")"  # (a newline ends a verbose pattern's comment)
        return f"(?{flags}:{p.pattern}{end}"
    assert all(p.flags & ~(re.IGNORECASE | re.VERBOSE | re.UNICODE) == 0 for p in patterns)
    return re.compile("|".join(scoped(p) for p in patterns))


_ANY_PREAMBLE = _any_of(_PREAMBLES)
_ANY_PREAMBLE_WITH_REPORT = _any_of(_PREAMBLES_WITH_REPORT)
# Both tag shapes open, after spaces, with a bracket or a capital; a heading tag also needs a ':' or '-'.
_TAG_OPEN = re.compile(r"\s*(?:([(\[])|[A-Z])")


def _may_open_tag(text: str, pos: int, end: int) -> bool:
    """False when ``leading_tag(text[pos:end])`` is surely None."""
    m = _TAG_OPEN.match(text, pos, end)
    if m is None:
        return False
    return m.group(1) is not None or text.find(":", pos, end) != -1 or text.find("-", pos, end) != -1


def _may_open_label(text: str, pos: int, end: int) -> bool:
    """False when ``_LABEL.match(text, pos, end)`` is surely None: after any spaces a label opens with
    "r", "a", "l", "f" (either case), a digit, "(" or a letter and ")". Other characters than ASCII are
    left to the pattern (under IGNORECASE a few match ASCII letters)."""
    if pos >= end:
        return True
    c = text[pos]
    return not c.isascii() or c in _LABEL_OPENERS or c.isspace() or c.isdigit() or text.startswith(")", pos + 1, end)


_LABEL_OPENERS = frozenset("rRaAlLf(F")
# The verbs of _REPORTING, as they start: it cannot match a text without one of them.
_REPORT_STEMS = ("show", "suggest", "indicat", "demonstrat", "highlight", "confirm", "found", "finds", "conclud", "tell", "told")


def _may_report(text: str, pos: int, end: int) -> bool:
    """False when ``_REPORTING`` cannot match anywhere in ``text[pos:end]`` (ASCII text without any
    of its verbs; other text is left to the pattern)."""
    piece = text[pos:end]
    if not piece.isascii():
        return True
    low = piece.lower()
    return any(stem in low for stem in _REPORT_STEMS)


def skip_labels(text: str, start: int, end: int) -> int:
    """Offset after list labels, priority bands and time labels ("Recommendation 4:", "Short term -",
    "Within 6 months:"), stopping at an agency tag ("Police:"), which callers read with ``leading_tag``."""
    pos = start
    for _ in range(4):
        moved = False
        for pattern in (_LABEL, _PRIORITY_LABEL):
            m = pattern.match(text, pos, end)
            if m is not None and m.end() > pos:
                pos = m.end()
                moved = True
        m = _COLON_LABEL.match(text, pos, end)
        if (m is not None and not MODAL_RE.search(text, pos, m.end()) and not _LABEL_NO_CLAUSE.search(text, pos, m.end())
                and leading_tag(text[pos:end]) is None):
            pos = m.end()
            moved = True
        if not moved:
            break
    return pos


def skip_preamble(text: str, start: int, end: int) -> int:
    """Offset of the first word of the clause proper after list labels, "It is recommended that",
    "The review recommends that", "That" and "It is essential that"/"It is important for"."""
    pos = start
    m = _LABEL.match(text, pos, end) if _may_open_label(text, pos, end) else None
    if m is not None:
        pos = m.end()
    if _may_open_tag(text, pos, end):
        tag = leading_tag(text[pos:end])
        if tag is not None:
            pos += tag.span[1]
    # The report and colon-label patterns need a "that" or a ':' near the start: look once.
    near = min(end, pos + 200)
    has_that = text.find("that", pos, near) != -1 and _may_report(text, pos, end)
    patterns = _PREAMBLES_WITH_REPORT if has_that else _PREAMBLES
    has_colon = text.find(":", pos, near) != -1
    if not has_colon and (_ANY_PREAMBLE_WITH_REPORT if has_that else _ANY_PREAMBLE).match(text, pos, end) is None:
        patterns = ()  # no pattern matches here (the usual case), so none can move ``pos``
    for _ in range(4):
        moved = False
        for pattern in patterns:
            m = pattern.match(text, pos, end)
            if m is not None and m.end() > pos:
                pos = m.end()
                moved = True
        m = _COLON_LABEL.match(text, pos, end) if has_colon else None
        if m is not None and not MODAL_RE.search(text, pos, m.end()) and not _LABEL_NO_CLAUSE.search(text, pos, m.end()):
            pos = m.end()
            moved = True
        if not moved:
            break
    while pos < end and (text[pos].isspace() or text[pos] in "\"'-*•"):
        pos += 1
    return pos


# --- word tests -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _action_verbs() -> frozenset[str]:
    return frozenset(load_lexicon("smartlint_rules", "owner_action_verbs"))


def is_action_verb(word: str) -> bool:
    """True for the base form of a verb that commonly opens an instruction ("review", "amend")."""
    return word.lower() in _action_verbs()


def is_participle(word: str) -> bool:
    """True for a past participle that makes a passive ("reviewed", "given"), not a stative
    adjective ("aware", "satisfied")."""
    w = word.lower()
    if w in _STATIVE:
        return False
    if w in _IRREGULAR_PARTICIPLES:
        return True
    return len(w) > 3 and w.endswith("ed") and w not in {"need", "embed", "proceed", "exceed", "succeed", "feed", "seed", "shed"}


# --- clauses ----------------------------------------------------------------------------------

ClauseKind = Literal["modal", "to", "subjunctive", "imperative", "infinitive", "existential", "declarative", "fragment"]


class Clause(NamedTuple):
    """The main clause of one sentence, as far as a dictionary-based reading can tell.

    - ``kind``: "modal" (subject + should/must/will/needs to...), "to" ("The LSCB to review"),
      "subjunctive" ("That the Board undertake ...", "The standards be redrafted"), "imperative"
      ("Amend records"), "infinitive" ("To review the tool"), "existential" ("There should be a
      review of"), "declarative" ("professionals receive training"), "fragment" (no verb found).
    - ``start``/``end``: the clause after labels and preambles.
    - ``subject``: the whole subject noun phrase (modifiers included), ``head``: its head chunk
      (the noun phrase before any preposition, comma, relative clause or participle phrase);
      None for imperatives and existentials.
    - ``marker``: the modal phrase, "to", the imperative verb or "There should be".
    - ``verb``: the main verb (the participle when passive).
    - ``passive``: the main verb is "be" + past participle; ``passive_span`` quotes it with
      its modal ("should be reviewed").
    - ``negated``: "must not", "should never".
    - ``agent``: the noun phrase after an agentive "by" in the predicate (passives and
      existentials only).
    - ``adverbial``: True when the subject follows a leading adverbial with no comma, so
      ``subject`` was found by walking back from the modal.
    """

    kind: ClauseKind
    start: int
    end: int
    subject: Span | None = None
    head: Span | None = None
    marker: Span | None = None
    verb: Span | None = None
    passive: bool = False
    passive_span: Span | None = None
    negated: bool = False
    agent: Span | None = None
    adverbial: bool = False


_ING_KEEP = frozenset(
    "safeguarding visiting nursing offending training housing learning leaving funding commissioning "
    "planning sentencing policing screening mentoring counselling teaching reporting monitoring "
    "operating steering working caring nursing marketing accounting prosecuting licensing".split()
)


# Words that end a head chunk: prepositions, relatives, "be" and the modals.
_HEAD_STOP = PREPOSITIONS | RELATIVES | _BE | frozenset(
    {"should", "must", "will", "shall", "would", "could", "can", "may", "might", "need", "needs", "has", "have", "ought", "cannot"}
)


def _head_end(toks: list[Token], i: int) -> int:
    """Index of the first token after the head chunk that starts at ``toks[i]``."""
    n = len(toks)
    j = i
    depth = 0
    while j < n:
        t = toks[j]
        lw = t.lower
        if t.text == "(":
            # A parenthesis inside the head ("The Police (authority)") stays part of it.
            depth += 1
            j += 1
            continue
        if t.text == ")":
            depth = max(0, depth - 1)
            j += 1
            continue
        if depth:
            j += 1
            continue
        if j > i:
            if not t.is_word and t.text not in "&'":
                break
            if lw in _HEAD_STOP:
                break
            nxt = toks[j + 1] if j + 1 < n else None
            if lw.endswith("ing") and lw not in _ING_KEEP and toks[j - 1].lower not in DETERMINERS and nxt is not None and (
                nxt.lower in DETERMINERS or nxt.lower in PREPOSITIONS or nxt.is_capitalised or not nxt.is_word
            ):
                break
            if is_participle(lw) and not t.is_capitalised and nxt is not None and (
                nxt.lower in PREPOSITIONS or nxt.lower in DETERMINERS
            ):
                break
            if lw in {"and", "or"} and nxt is not None and (is_action_verb(nxt.lower) and nxt.lower not in DETERMINERS and not nxt.is_capitalised and nxt.lower not in _NOUNISH):
                # "That the LSCB commission or undertake work": the verbs begin the predicate.
                break
        j += 1
    return j


# Words in the action-verb lexicon that more often end a noun phrase than begin a predicate.
_NOUNISH = frozenset("staff members agencies services partners practitioners professionals".split())


def subject_before(text: str, pos: int, start: int) -> Span | None:
    """The noun phrase that ends just before ``pos`` (coordinated phrases included), walking back
    no further than ``start``: in "If a bruise is seen the health visitor must", before "must"
    it is "the health visitor"."""
    toks = tokenize(text, start, pos)
    if not toks:
        return None
    j = len(toks) - 1
    while j >= 0 and toks[j].text in {")", "(", ","} | {'"', "'"}:
        j -= 1
    first = None
    k = j
    while k >= 0:
        t = toks[k]
        lw = t.lower
        if lw in DETERMINERS:
            first = k
            if k > 0 and toks[k - 1].lower in {"and", "or", "&"}:
                k -= 2
                continue
            break
        if not t.is_word or lw in PREPOSITIONS or lw in RELATIVES or lw in _BE or lw in SUBORDINATORS:
            if lw in {"and", "or", "&"}:
                k -= 1
                continue
            break
        if is_participle(lw) and not t.is_capitalised:
            break
        first = k
        k -= 1
    if first is None:
        return None
    return toks[first].start, toks[j].end


_BY_NOT_AGENT = re.compile(
    r"""(?:(?:the\s+)?(?:end|close|start|beginning|middle|time|date|deadline|next|following|latest|earliest|
        then|now|(?:\d|[12]\d|3[01])(?:st|nd|rd|th)?\b|(?:19|20)\d\d|q[1-4]\b|
        (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|spring|summer|autumn|winter|
        means|way|virtue|default|law|statute|telephone|phone|email|e-mail|letter|post|hand
        )\b|(?-i:[a-z]+ing)\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_AGENT_STOP = frozenset(
    ", ; . : to so which who whom that within when where if before after following during until as with without "
    "through using via at on from under across into because alongside prior "
    "should must will would could may can is are was were has have by".split()
)


def agent_after_by(text: str, start: int, end: int) -> Span | None:
    """The noun phrase after the first agentive "by" in ``text[start:end]``, else None.

    "by March 2025", "by the end of", "by the next Board meeting", "by ensuring", "by means of",
    "by email" are not agents.
    """
    for m in _BY_RE.finditer(text, start, end):
        after = m.end()
        if _BY_NOT_AGENT.match(text, after, end):
            continue
        toks = tokenize(text, after, end)
        stop = 0
        depth = 0
        while stop < len(toks) and stop < 12:
            t = toks[stop]
            if t.text == "(":
                depth += 1
            elif t.text == ")":
                if depth == 0:
                    break
                depth -= 1
            elif not depth and t.lower in _AGENT_STOP:
                break
            stop += 1
        if stop == 0:
            continue
        return toks[0].start, toks[stop - 1].end
    return None


_BY_RE = re.compile(r"b(?<!\w.)y\s+(?:either\s+|both\s+)?", re.IGNORECASE)


def _opens_inner_clause(toks: list[Token], at: int) -> bool:
    """A relative or conditional word among ``toks[1:]`` before offset ``at`` (see ``_find_modal``)."""
    for t in toks[1:]:
        if t.start >= at:
            return False
        if t.lower in RELATIVES or t.lower in {"if", "unless"}:
            return True
    return False


def _find_modal(matches: list, toks: list[Token]):
    """The main clause's modal among the modal ``matches`` of the clause: the first one, unless it
    sits in a relative or conditional clause inside the subject ("Staff who will be working ... should")."""
    if len(matches) <= 1:
        return matches[0] if matches else None
    for m in matches[:-1]:
        at = m.start()
        for t in toks[1:]:
            if t.start >= at:
                return m  # (tokens are in order: none after this one starts before the modal)
            if t.lower in RELATIVES or t.lower in {"if", "unless"}:
                break
        else:
            return m
    return matches[-1]


def _predicate(text: str, toks: list[Token], k: int) -> tuple[Span | None, bool, Span | None, int]:
    """Read the verb group starting at token ``k``: (verb, passive, be_span, index after verb)."""
    n = len(toks)
    while k < n and (toks[k].text in ":-" or toks[k].lower in _ADVERBS or (toks[k].lower.endswith("ly") and toks[k].lower not in {"supply", "apply", "reply", "rely", "only"})):
        k += 1  # "The ICB will: audit ..." reads on past the colon
    if k >= n:
        return None, False, None, k
    t = toks[k]
    if t.lower in _BE or (t.lower in {"have", "has", "had"} and k + 1 < n and toks[k + 1].lower == "been"):
        be = k
        k += 1
        if k < n and toks[k].lower in {"been", "being", "be"}:
            k += 1
        while k < n and (toks[k].lower in _ADVERBS or (toks[k].lower.endswith("ly") and toks[k].lower != "only")):
            k += 1
        if k < n and is_participle(toks[k].lower) and toks[be].lower != "had":
            # "be case managed": a noun-adjunct before the participle.
            return (toks[k].start, toks[k].end), True, (toks[be].start, toks[k].end), k + 1
        if k + 1 < n and toks[k].is_word and is_participle(toks[k + 1].lower) and not toks[k].lower in DETERMINERS and toks[k + 1].lower not in _STATIVE:
            return (toks[k + 1].start, toks[k + 1].end), True, (toks[be].start, toks[k + 1].end), k + 2
        return (toks[be].start, toks[be].end), False, None, be + 1
    return (t.start, t.end), False, None, k + 1


def analyse_clause(text: str, start: int, end: int) -> Clause:
    """Read the main clause of the sentence ``text[start:end]`` (see ``Clause``)."""
    pos = skip_preamble(text, start, end)
    # Most readings need only the first modal and a few words after it. Read the words up to a space
    # a little past that modal, with traps after them in place of the rest; reading a trap (or past
    # them) means the rest was needed, and the clause is read again below as it always was. Words
    # end at spaces, so the words before the space are the first words of the longer window read
    # below. The reading tests the list's length at most two places past the last word it has read,
    # so with three traps, and at least three more words in the longer window, every such test goes
    # as it would there. The first modal is the main one (as ``_find_modal`` picks it) unless a
    # relative or "if" comes before it: that case too is read below.
    found = _modal_matches(text, pos, end, first=True)
    if found:
        modal = found[0]
        bound = min(end, modal.end() + 80)  # (the window below reaches at least this far)
        cut = text.find(" ", modal.end() + _SHORT_TAIL, bound)
        if cut != -1 and _MORE_WORDS.match(text, cut, bound) is not None:
            toks = tokenize(text, pos, cut)
            if toks and not _opens_inner_clause(toks, modal.start()):
                toks.extend(_TRAPS)
                try:
                    return _read_clause(text, pos, end, found, toks)
                except (_NeedMore, IndexError):
                    pass
    # Only the words up to just past the main modal matter; long sentences are not tokenized whole.
    modals = _modal_matches(text, pos, end)
    if not modals and pos > start and _REPORTING.search(text, start, pos):
        # "Evidence suggests that older victims rarely call the police;": a finding, not a demand.
        return Clause("fragment", pos, end)
    limit = min(end, modals[-1].end() + 80) if modals else end
    toks = tokenize(text, pos, limit)
    if not toks:
        return Clause("fragment", pos, end)
    return _read_clause(text, pos, end, modals, toks)


_SHORT_TAIL = 12  # characters read after the last modal before the trap (see analyse_clause)
# Three runs of other characters than spaces (each holds a word at least) after a space.
_MORE_WORDS = re.compile(r"(?:\s+\S+){3}")


class _NeedMore(Exception):
    """Raised by ``_TRAP``: a clause's reading went past the words it was given."""


class _Trap:
    """Stands for the words after a short window in ``analyse_clause``: any use of it raises ``_NeedMore``."""

    __slots__ = ()

    def __getattr__(self, name: str):
        raise _NeedMore


_TRAP = _Trap()
_TRAPS = (_TRAP, _TRAP, _TRAP)


def _read_clause(text: str, pos: int, end: int, modals: list, toks: list[Token]) -> Clause:
    """``analyse_clause`` once the clause's start, its modals and its words are known."""
    first = toks[0]

    m = _EXISTENTIAL.match(text, pos, end)
    if m is not None:
        agent = agent_after_by(text, m.end(), end)
        noun = _TOKEN_RE.match(text, m.end(), end)  # "There should be a review": quote the noun too
        marker_end = noun.end() if noun is not None and noun.group()[0].isalnum() else m.end()
        while marker_end > pos and text[marker_end - 1].isspace():
            marker_end -= 1
        return Clause("existential", pos, end, marker=(pos, marker_end), agent=agent)

    # "To review the tool, which ..." / "To reinforce to all practitioners ..."
    if first.lower == "to" and len(toks) > 1 and toks[1].is_word and toks[1].lower not in DETERMINERS:
        comma = text.find(",", pos, end)
        rest = comma + 1 if comma != -1 else -1
        rest_toks = tokenize(text, rest, end) if rest != -1 else []
        if not rest_toks or rest_toks[0].lower in RELATIVES or rest_toks[0].lower in _COORD or rest_toks[0].lower in {"but", "so", "including", "and", "as"}:
            return Clause("infinitive", pos, end, marker=(first.start, toks[1].end), verb=(toks[1].start, toks[1].end))

    # Imperative: "Amend records ...", "Create and launch a leaflet ...", "Review information sharing policy ..."
    if is_action_verb(first.lower) and first.lower not in SUBORDINATORS and _opens_imperative(text, toks, end):
        return Clause("imperative", pos, end, marker=(first.start, first.end), verb=(first.start, first.end))

    # A leading adverbial ("Where ..., the LSCB should"; "In its publicity the LSCB should").
    adverbial = False
    participial = (
        first.lower.endswith("ing") and len(toks) > 1 and (toks[1].lower in PREPOSITIONS or toks[1].lower in DETERMINERS)
    )  # "Working with the police, Children's Social Care should ..."
    modal = _find_modal(modals, toks)
    if modal is not None:
        consequence = None
        for consequence in _CONSEQUENCE.finditer(text, pos, modal.start()):
            pass
        if consequence is not None:
            # "Hoarding is linked to trauma, so practitioners should ...": the demand is the second clause.
            return _with_adverbial(analyse_clause(text, consequence.end(), end), pos)
    comma = _top_level_comma(text, pos, end) if participial else -1
    if first.lower in SUBORDINATORS and first.lower != "to" or (first.lower == "to" and len(toks) > 1) or comma != -1:
        comma = _top_level_comma(text, pos, end)
        # "Because older victims may not call, the CSP should ...": the main clause follows the comma.
        if comma != -1 and (modal is None or comma < modal.start() or MODAL_RE.search(text, comma + 1, end)):
            after = tokenize(text, comma + 1, end)
            if after and after[0].lower not in RELATIVES and after[0].lower not in {"and", "or", "but", "including", "such", "as", "e.g", "i.e"}:
                return _with_adverbial(analyse_clause(text, comma + 1, end), pos)
        adverbial = True

    head_stop = _head_end(toks, 0)
    head = (toks[0].start, toks[head_stop - 1].end) if head_stop > 0 and not adverbial else None

    # "The LSCB to review ...": subject, then "to" + verb, before any modal. A post's name runs on
    # through "of"/"for" and capitalised words: "The Head of Early Help to ...", "Chair of the Board to ...".
    if head is not None and head_stop < len(toks) and toks[head_stop].lower in {"of", "for"} and toks[head_stop - 1].is_capitalised:
        j = head_stop + 1
        while j < len(toks) and j < head_stop + 8 and (
            toks[j].is_capitalised or toks[j].lower in {"of", "for", "the", "and", "&", "'", "s"}
        ):
            j += 1
        if j > head_stop + 1 and j + 1 < len(toks) and toks[j].lower == "to" and toks[j - 1].is_capitalised:
            head_stop = j
            head = (toks[0].start, toks[j - 1].end)
    if head is not None and head_stop + 1 < len(toks) and toks[head_stop].lower == "to":
        after_to = head_stop + 2 if toks[head_stop + 1].text == ":" and head_stop + 2 < len(toks) else head_stop + 1
        verb_tok = toks[after_to]
        if (
            verb_tok.is_word
            and verb_tok.lower not in DETERMINERS
            and not verb_tok.is_capitalised
            and (modal is None or toks[head_stop].start < modal.start())
            and (is_action_verb(verb_tok.lower) or verb_tok.lower in _BE)
        ):
            verb, passive, be_span, _ = _predicate(text, toks, after_to)
            agent = agent_after_by(text, verb[1], end) if passive and verb else None
            return Clause(
                "to", pos, end, subject=head, head=head, marker=(toks[head_stop].start, toks[head_stop].end),
                verb=verb, passive=passive, passive_span=(toks[head_stop].start, be_span[1]) if be_span else None, agent=agent,
            )

    if modal is not None:
        subj_end = modal.start()
        while subj_end > pos and text[subj_end - 1] in " ,":
            subj_end -= 1
        if adverbial:
            subject = subject_before(text, modal.start(), pos)
            head = subject
        else:
            subject = (pos, subj_end) if subj_end > pos else None
            if head is not None and subject is not None and head[1] > subject[1]:
                head = subject
        k = _index_at(toks, modal.end())
        verb, passive, be_span, _ = _predicate(text, toks, k)
        agent = agent_after_by(text, verb[1], end) if passive and verb else None
        return Clause(
            "modal", pos, end, subject=subject, head=head, marker=modal.span(), verb=verb, passive=passive,
            passive_span=(modal.start(), be_span[1]) if be_span else None,
            negated=_NEGATED_MODAL.search(modal.group()) is not None or _negated_after(toks, k), agent=agent, adverbial=adverbial,
        )

    if adverbial:
        return Clause("fragment", pos, end, adverbial=True)

    # No modal: a subjunctive ("That the standards be redrafted", "The Council make it ...") or a
    # declarative ("professionals receive training", "training is undertaken by all staff").
    bare_be = next((t for t in toks[head_stop:] if t.lower == "be"), None)
    if bare_be is None:
        head_stop = _verb_split(toks, head_stop)
        head = (toks[0].start, toks[head_stop - 1].end) if head_stop > 0 else None
    if bare_be is not None:
        k = toks.index(bare_be)
        verb, passive, be_span, _ = _predicate(text, toks, k)
        agent = agent_after_by(text, verb[1], end) if passive and verb else None
        return Clause("subjunctive", pos, end, subject=(pos, bare_be.start - 1 if bare_be.start > pos else pos), head=head,
                      marker=(bare_be.start, bare_be.end), verb=verb, passive=passive, passive_span=be_span, agent=agent)
    if head_stop < len(toks):
        k = head_stop
        subject = head
        if toks[k].lower in PREPOSITIONS or toks[k].lower in RELATIVES or not toks[k].is_word:
            # A post-modified subject: "A group under the auspices of the Board is established".
            k = next((i for i in range(k, len(toks)) if toks[i].lower in _FINITE_BE), len(toks))
            if k < len(toks):
                subject = (pos, toks[k - 1].end)
        if k < len(toks):
            verb, passive, be_span, _ = _predicate(text, toks, k)
            if verb is not None and toks[k].is_word and toks[k].lower not in PREPOSITIONS and toks[k].lower not in RELATIVES:
                agent = agent_after_by(text, verb[1], end) if passive else None
                kind: ClauseKind = "declarative" if toks[k].lower in _FINITE_BE or toks[k].lower.endswith("s") and not toks[k].lower.endswith("ss") else "subjunctive"
                return Clause(kind, pos, end, subject=subject, head=head, marker=None, verb=verb, passive=passive,
                              passive_span=be_span, negated=_negated_after(toks, k), agent=agent)
    return Clause("fragment", pos, end, subject=head, head=head)


def _opens_imperative(text: str, toks: list[Token], end: int) -> bool:
    """A verb-like first word opens an imperative unless it is the head of a subject noun phrase:
    "Review of the policy should ...", "Audit findings should be shared" (a modal comes before any
    determiner or preposition)."""
    if len(toks) == 1:
        return True
    if toks[1].lower in {"of", "for", "'s", "to"} or toks[1].lower in _BE or toks[1].lower in {"has", "have"}:
        return False
    modal = MODAL_RE.search(text, toks[1].start, end)
    if modal is None:
        return True
    for t in toks[1:]:
        if t.start >= modal.start():
            return False
        if t.lower in DETERMINERS or t.lower in PREPOSITIONS or not t.is_word:
            return True
    return False


def _verb_split(toks: list[Token], stop: int) -> int:
    """With no modal, the head chunk may run on into the verb ("The Council make it ..."): cut it
    at the first base-form or third-person verb after a noun."""
    for j in range(1, stop):
        lw = toks[j].lower
        if toks[j].is_capitalised or toks[j - 1].lower in DETERMINERS or not toks[j - 1].is_word:
            continue
        if is_action_verb(lw) or (lw.endswith("s") and (is_action_verb(lw[:-1]) or lw.endswith("es") and is_action_verb(lw[:-2]))):
            return j
    return stop


def _negated_after(toks: list[Token], k: int) -> bool:
    return k < len(toks) and toks[k].lower in {"not", "never"}


def _index_at(toks: list[Token], offset: int) -> int:
    """Index of the first token starting at or after ``offset`` (tokens are in order)."""
    # (not the traps at the end of a short window: the answer is then the first trap's index if no
    # word before it starts at or after ``offset``, and reading that trap makes the caller read again)
    return bisect_left(toks, offset, 0, len(toks) - len(_TRAPS) if toks and toks[-1] is _TRAP else len(toks), key=_START)


def _top_level_comma(text: str, start: int, end: int) -> int:
    depth = 0
    for i in range(start, end):
        c = text[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif c == "," and not depth:
            return i
    return -1


def _with_adverbial(clause: Clause, start: int) -> Clause:
    """A clause read after a leading adverbial keeps the adverbial inside its span."""
    return clause._replace(start=start)


class Parsed:
    """One recommendation's normalised text, its sentences and the clauses read from them, each
    worked out once and shared by the analyzers that read them (the ``grammar.parsed`` analyzer:
    per recommendation, on its context, never kept across recommendations)."""

    __slots__ = ("_clauses", "_sentences", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences: dict[bool, list[Span]] = {}
        self._clauses: dict[Span, Clause] = {}

    def sentences(self, semicolons: bool = False) -> list[Span]:
        """``sentence_spans(self.text, semicolons)`` (the same list each time: do not change it)."""
        spans = self._sentences.get(semicolons)
        if spans is None:
            spans = self._sentences[semicolons] = sentence_spans(self.text, semicolons)
        return spans

    def clause(self, start: int, end: int) -> Clause:
        """``analyse_clause(self.text, start, end)``."""
        key = (start, end)
        found = self._clauses.get(key)
        if found is None:
            found = self._clauses[key] = analyse_clause(self.text, start, end)
        return found


def parsed(rec) -> Parsed:
    """The ``grammar.parsed`` analyzer: the recommendation's text, ``normalise``d, as a ``Parsed``."""
    return Parsed(normalise(rec.text))


def main_clauses(text: str) -> list[Clause]:
    """``analyse_clause`` for each sentence of ``text`` (a ';' also ends one), in order."""
    return [analyse_clause(text, s, e) for s, e in sentence_spans(text, semicolons=True)]
