"""Owner (the A of SMART): who must act on the recommendation.

One computation, ``owner.detail``, reads the recommendation once: a leading agency tag or an
owner label, else the main clause of the first directive sentence (its subject, the agent
after "by" in a passive, an approving or umbrella body, the possessor of an instruction's
object, the body named as delivering what recipients receive), with later sentences able to
supply a named owner. The public ``owner`` analyzer and the rules OW001/OW002 are derived from it.

Owners are found from the lexicons (owner_*.txt), from capitalised organisation and post
patterns, and from proper names that no list knows ("Riverside Housing", "St Anne's Care
Home"): capitalised words with at least one that is not common vocabulary
(owner_common_words.txt) and that do not end in a thing (owner_thing_heads.txt: "the Care Act").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate
from typing import Literal, NamedTuple

from smartlint import patterncache
from smartlint.lexicon import load_lexicon
from smartlint.records import OwnerAssessment
from smartlint.vocabulary import Criterion, Severity
from smartlint.rule import RecContext, Rule, RuleMeta, Violation

from . import grammar
from .grammar import Clause, Span

Status = Literal["named", "generic", "missing"]
_PACKAGE = "smartlint_rules"

# --- lexicons, compiled once ------------------------------------------------------------------


def _plural(term: str) -> str:
    if " of " in term:  # "head of service" -> "heads of service"
        first, _, rest = term.partition(" of ")
        plural = _plural(first)
        return f"{plural} of {rest}" if plural else ""
    head, _, last = term.rpartition(" ")
    if last.isupper() or last in {"police", "staff", "probation", "camhs", "social care", "mash", "marac", "mappa"}:
        return ""
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "sh", "ch", "x")):
        return ""
    else:
        last += "s"
    return f"{head} {last}".strip()


class _Entry(NamedTuple):
    kind: Literal["body", "post", "people", "bodies"]
    plural: bool
    needs_det: bool = False  # listed as "the board": counts only after a determiner


_LEXICONS = (("people", "owner_generic"), ("bodies", "owner_generic_bodies"), ("post", "owner_named_posts"), ("body", "owner_named_bodies"))


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern[str], dict[str, _Entry]]:
    # the entries are kept between runs (as plain tuples: marshal stores no named tuples), keyed
    # by the word lists and the code building them
    key = ("owner._entries", tuple(load_lexicon(_PACKAGE, name) for _, name in _LEXICONS), patterncache.code_version(_entries, _plural))
    entries = {term: _Entry(*entry) for term, entry in patterncache.derived(key, _entries).items()}
    # The word-start test comes first (not after each first letter, as terms_regex puts it): the scan
    # then rejects the letters inside words at once, about twice as fast. Same matches.
    pattern = re.compile(r"(?<![\w-])" + grammar.trie_source(entries) + r"(?![\w-]|'\w\w)")
    return pattern, entries


@lru_cache(maxsize=1)
def _lexicon_scan() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``_lexicon()``'s pattern as two that find the same matches faster: one for a term at the start
    of the text, and one that takes the character before a term (not a letter, digit, "_" or "-",
    as the look-behind asks) with it, the term in group 1. A pattern opening with a character class
    lets the scan skip the letters inside words without trying a match at each (some twice as fast).
    No term starts or ends with anything but a letter or digit (checked here), so a match never ends
    with the character the next one needs before it: the scans find the same terms in turn."""
    pattern, entries = _lexicon()
    assert all(term[0].isalnum() and term[-1].isalnum() for term in entries)
    source = grammar.trie_source(entries) + r"(?![\w-]|'\w\w)"
    return re.compile(source), re.compile(r"[^\w-](" + source + ")")


def _entries() -> dict[str, tuple[str, bool, bool]]:
    """Each owner term (and its plurals) -> (kind, plural, needs_det), as _Entry takes them."""
    entries: dict[str, tuple[str, bool, bool]] = {}
    for kind, name in _LEXICONS:
        for term in load_lexicon(_PACKAGE, name):
            term = " ".join(term.lower().split())
            needs_det = term.startswith("the ")
            if needs_det:
                term = term[4:]
                if term in entries:
                    continue
            # "safeguarding partners" is itself plural: bare, it is the class; "the safeguarding partners" are named.
            entries[term] = (kind, term.endswith(" partners"), needs_det)
            if kind in ("body", "post"):
                plural = _plural(term)
                if plural and plural not in entries:
                    # "Substance misuse services" with no determiner or place is a class of services
                    # (generic); "the substance misuse services", "Kent substance misuse services" name one.
                    # Department names that are plural in form ("children's services") are listed as such.
                    entries[plural] = (kind, True, needs_det)
                # acronym plurals: "PCTs", "LSCBs"
                if " " not in term and len(term) <= 6 and term.isalpha():
                    entries.setdefault(term + "s", (kind, True, False))
    return entries


# Capitalised organisation names: "The Education Support Team", "Hampshire Constabulary",
# "Sussex Partnership NHS Foundation Trust", "the Leaving Care team".
_ORG_HEADS = (
    "Service|Services|Team|Board|Partnership|Trust|Council|Department|Directorate|Unit|Authority|Agency|"
    "Group|Sub-?[Gg]roup|Committee|Panel|Hub|Forum|Office|Commissioner|Constabulary|Police|Commission|"
    "Inspectorate|Executive|Network|Alliance|Centre|Center|Hospital|Practice|Force|Company|Collaborative"
)
_CAP_WORD = r"(?!(?:The|A|An|All|Each|Every|Any|This|These|That|Those|Its|Their|It|In|For|To|Where|When|If|Local|Relevant|Other)\b)(?:[A-Z][\w'&.-]*|\d[A-Z\d]\w*)"
# (A word opening with a capital is taken whole by the first alternative, so the second needs only the
# digit-led acronyms, "2GETHER": written "[A-Z\d]{2,}\w*" it also re-split each capitalised word, and a
# run of capitals ("THE LOCAL SAFEGUARDING ...") backtracked exponentially. Same matches.)
# The first word opens with a plain capital (fast to find); leading function words are trimmed after.
_FIRST_CAP = r"[A-Z](?<![\w-].)[\w'&.-]*"
_ORG_RE = re.compile(
    rf"{_FIRST_CAP}(?:\s+(?:(?:of(?:\s+the)?|for|and|&|on|in)\s+)?{_CAP_WORD}){{0,6}}\s+(?:(?:{_ORG_HEADS})s?|team|service|unit|hub|board|department|partnership)(?![\w-])"
)
# Posts: "Director of Children's Services", "Head of Early Help", "Safeguarding Adults Manager".
_POST_RE = re.compile(
    rf"""(?:
        (?:D(?<![\w-].)irector|H(?<![\w-].)ead|C(?<![\w-].)hief|D(?<![\w-].)eputy\s+Director|A(?<![\w-].)ssistant\s+Director|C(?<![\w-].)hair|M(?<![\w-].)inister|S(?<![\w-].)ecretary\s+of\s+State)\s+(?:of|for)\s+(?:the\s+)?{_CAP_WORD}(?:\s+(?:and\s+|&\s+|of\s+)?{_CAP_WORD}){{0,5}}
      | {_FIRST_CAP}(?:\s+{_CAP_WORD}){{0,4}}\s+(?:Director|Manager|Lead|Officer|Nurse|Doctor|Co-?ordinator|Adviser|Advisor|Chair|Guardian|Midwife|Paediatrician)
    )(?![\w-])""",
    re.VERBOSE,
)
# An unknown acronym acting or employing staff: "KSCS staff", "WMAS should review".
_ACRONYM_ACTOR_RE = re.compile(
    r"[A-Z](?<![\w-].)[A-Z&]{1,5}(?![\w-])(?=\s+(?:staff|officers|practitioners|managers|workers|professionals|colleagues|teams?|should|must|will|shall|needs?\s+to|is\s+to|are\s+to|to\s+[a-z]))"
)
# "the substance misuse service", "the duty team": a definite, particular service.
_LOWER_SERVICE_RE = re.compile(
    r"[Tt](?<![\w-].)he\s+(?!(?:relevant|appropriate|same|allocated|other|right|correct|new|respective|responsible|specialist|local|wider|whole|team\s+around)\b)"
    r"(?:[a-z][\w'-]*\s+){1,3}(?:service|team|department|unit|directorate|hub)(?![\w-])(?!\s+around)"
)
_LEADING_FUNCTION_WORDS = re.compile(
    r"(?:(?:The|A|An|All|Each|Every|Any|This|These|That|Those|Its|Their|It|In|For|To|Where|When|If|Local|Relevant|Other)\s+)+"
)
# What is left after trimming still has a capitalised word before its head word.
_STILL_NAMED = re.compile(r"(?:[A-Z][\w'&.-]*|Director|Head|Chief|Chair)\s+\S")
# NHS bodies and prisons named by place: "NHS Kent and Medway", "HMP Wandsworth".
_PLACE_BODY_RE = re.compile(r"(?:N(?<![\w-].)HS|H(?<![\w-].)M(?:P|YOI|PYOI))\s+(?!England\b|Improvement\b|Trust|Foundation)[A-Z][\w'-]+(?:\s+(?:and\s+|&\s+)?[A-Z][\w'-]+){0,3}")
# One scan for all of them: posts first, so "Director of Children's Services" is a post. Every
# alternative opens a word (each checks ``(?<![\w-].)`` after its first letter); checking that once,
# first, lets the scan reject the letters inside words at once: about twice as fast, same matches.
_NAME_PARTS = (("place", _PLACE_BODY_RE), ("acronym", _ACRONYM_ACTOR_RE), ("post", _POST_RE), ("org", _ORG_RE), ("lower", _LOWER_SERVICE_RE))


_GUARDED_FIRST = re.compile(r"(\[A-Z\]|\[Tt\]|[A-Z])\(\?<!\[\\w-\]\.\)")


def _names_source(skip: frozenset[str] = frozenset()) -> str:
    r"""One pattern for the ``_NAME_PARTS`` not in ``skip``. Every alternative opens with a capital
    (or the "t" of "the") checked to start a word, ``X(?<![\w-].)``: the pattern reads that first
    letter once, ``[A-Zt](?<![\w-].)``, and each alternative checks it looking back, ``(?<=X)``.
    Opening with a character class lets the scan skip at once the letters that cannot start a
    name (some three times as fast); the matches are the same."""
    body = "|".join(f"(?P<{name}>{p.pattern})" for name, p in _NAME_PARTS if name not in skip)
    return ("[A-Z]" if "lower" in skip else "[A-Zt]") + r"(?<![\w-].)(?:" + _GUARDED_FIRST.sub(r"(?<=\1)", body) + ")"


_NAME_PATTERNS = re.compile(_names_source(), re.VERBOSE)
# A text with no word a "lower" or "place" match needs scans without those alternatives: an
# alternative that cannot match anywhere changes no match, and "lower" alone is about a third of
# the scan.
# "post" (most of the rest) needs one of its title words, which most recommendations lack.
_NAMES_BY_NEED: dict[tuple[bool, bool, bool], re.Pattern[str]] = {(True, True, True): _NAME_PATTERNS}
# Every title word of _POST_RE, as written there (it is case-sensitive).
_POST_WORDS = re.compile(
    "Director|Head|Chief|Chair|Minister|Secretary|Manager|Lead|Officer|Nurse|Doctor|Co-ordinator|Coordinator|"
    "Adviser|Advisor|Guardian|Midwife|Paediatrician"
)


def _names_for(text: str) -> re.Pattern[str]:
    """``_NAME_PATTERNS``, less the alternatives that cannot match in ``text``: "lower" needs one of
    its head words, "place" needs "NHS" or "HM", "post" one of its title words."""
    key = (
        "service" in text or "team" in text or "unit" in text or "department" in text or "hub" in text or "directorate" in text,
        "NHS" in text or "HM" in text,
        _POST_WORDS.search(text) is not None,
    )
    found = _NAMES_BY_NEED.get(key)
    if found is None:
        skip = frozenset(name for name, needed in zip(("lower", "place", "post"), key) if not needed)
        found = _NAMES_BY_NEED[key] = re.compile(_names_source(skip), re.VERBOSE)
    return found


_NOT_POST_HEAD = re.compile(r"(?:Social|Support|Key|Case|Family|Youth|Police|Health|Visiting|Lead)\s+(?:Worker|Officer|Practitioner)$|Lead$", re.IGNORECASE)

# Proper names that no lexicon or head word knows: "Riverside Housing", "St Anne's Care Home",
# "Kestrel Housing Association". Two or more capitalised words (small connectors between them);
# ``_proper_span`` then asks for a word that is not common vocabulary.
_PROPER_RE = re.compile(r"[A-Z](?<![\w-].)[\w'&-]*(?:\s+(?:(?:of|and|&|for|the|on)\s+)?[A-Z][\w'&-]*)+")
_NAME_CONNECTORS = frozenset("of and & for the on".split())
_AFTER_GROUP = re.compile(r"\s+(?:of|for|and|&|on)(?:\s+the)?\s+")
_PERSON_MARKERS = frozenset("mr mrs ms miss dr adult child baby mother father sibling subject victim person family".split())
_LAW_WORDS = frozenset("act acts bill code regulations".split())
_LEADING_NON_NAME = grammar.DETERMINERS | grammar.PREPOSITIONS | grammar.SUBORDINATORS | frozenset("it we they there".split())
# Endings of common nouns and adjectives: a lone capitalised word that opens a sentence with one of
# these ("Assessments", "Consideration", "Supervision") is not taken for a name.
_COMMON_ENDING = re.compile(
    r"(?:tion|sion|ment|ness|ity|ance|ence|ing|ship|ism|ogy|ure|acy|ency|ics|ies|ed|ly|ive|al|ful|ous|ss|[^s'\W]s)\Z"
)


@lru_cache(maxsize=1)
def _name_words() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(load_lexicon(_PACKAGE, "owner_common_words")), frozenset(load_lexicon(_PACKAGE, "owner_thing_heads"))


def _word_key(word: str) -> str:
    w = word.lower()
    if w.endswith("'s"):
        return w[:-2]
    return w.rstrip("'")


def _proper_span(text: str, start: int, end: int, *, single: bool = False) -> Span | None:
    """The words of ``text[start:end]`` that form an organisation's proper name, else None.

    Every word must be capitalised (leading determiners and prepositions aside, small connectors
    between words allowed) and one of them must not be common vocabulary; people ("Adult A",
    "Mr B"), laws and things ("the Care Act", "the Graded Care Profile") are not names. A single
    word counts only with ``single``; opening a sentence, it must also not look like a common noun
    ("Assessments", "Supervision").
    """
    toks = grammar.tokenize(text, start, end)
    while toks and not toks[-1].is_word:
        toks.pop()
    i = 0
    while i < len(toks) and toks[i].is_word and toks[i].lower in _LEADING_NON_NAME:
        i += 1
    if i + 1 < len(toks) and grammar.is_action_verb(toks[i].lower) and _opens_sentence(text, toks[i].start):
        i += 1  # "Review Riverside Housing's policy": the instruction's verb is not part of the name
    toks = toks[i:]
    if not toks or not toks[0].is_capitalised:
        return None
    common, things = _name_words()
    words = []
    for t in toks:
        if not t.is_word:
            if t.text != "&":
                return None
        elif t.is_capitalised:
            words.append(t.text)
        elif t.lower not in _NAME_CONNECTORS:
            return None
    if _word_key(words[0]) in _PERSON_MARKERS or _word_key(words[-1]) in things:
        return None
    proper = False
    for w in words:
        key = _word_key(w)
        if len(key) == 1 or key in _LAW_WORDS:
            return None
        if key not in common and not (w.isupper() and len(w) > 1) and not all(part in common for part in key.split("-")):
            proper = True
    if not proper:
        return None
    if len(words) == 1:
        if not single:
            return None
        if _opens_sentence(text, toks[0].start) and _COMMON_ENDING.search(_word_key(words[0])):
            return None
    end = toks[-1].end
    if text.endswith("'s", toks[-1].start, end):
        end -= 2  # "Riverside Housing's policy": the name without its possessive
    elif text.endswith("'", toks[-1].start, end):
        end -= 1
    return toks[0].start, end


def _opens_sentence(text: str, pos: int) -> bool:
    k = pos
    while k > 0 and (text[k - 1].isspace() or text[k - 1] in "\"'*-([•"):
        k -= 1
    return k == 0 or text[k - 1] in ".:;!?)"


@lru_cache(maxsize=1)
def _word_sets() -> dict[str, frozenset[str]]:
    return {
        name: frozenset(load_lexicon(_PACKAGE, f"owner_{name}"))
        for name in ("recipient_verbs", "training_nouns", "receiving_verbs", "tag_sectors")
    }


@lru_cache(maxsize=1)
def _approver_re() -> re.Pattern[str]:
    return grammar.terms_regex(load_lexicon(_PACKAGE, "owner_approvers"), after=r"\s+")


@lru_cache(maxsize=64)
def _user_re(names: frozenset[str]) -> re.Pattern[str] | None:
    terms = [n for n in names if n.strip()]
    return grammar.terms_regex(terms) if terms else None


_LABEL_RE = re.compile(
    r"""(?<![\w-])(?:
        (?:responsibility|accountability)\s+(?:for\s+[^.;:]{1,60}?\s+)?(?:lies|rests|sits|will\s+(?:lie|rest|sit))\s+with\s+
      | (?:lead(?:\s+(?:agency|agencies|organisation|officer|body|partner|professional))?|owners?|action\s+owner|
           responsible\s+(?:agency|agencies|officer|lead|body|person|organisation)|responsibility|
           accountable\s+(?:body|officer|lead|agency))\s*[:\-]\s*
      | responsible\s*:\s*
    )(?P<name>[^.;:|\n]{2,80}?)(?=\s*(?:[.;\n|]|\s(?:timescale|target|by\s+when|deadline|due|priority|action)\b|\Z))""",
    re.IGNORECASE | re.VERBOSE,
)
_TITLE_CASE_TEAM = re.compile(
    r"(?:[Tt]he\s+)?(?!(?:All|Each|Every|Any|Other|Relevant|Local|Some|Many|These|Those|This|That)\b)[A-Z][\w'&-]*"
    r"(?:\s+(?:(?:of|and|&|for)\s+)?[A-Z][\w'&-]*){1,4}"
)
_FIELD_LABEL = re.compile(r"(?:lead|leads|owner|owners|action\s+owner|responsible|accountable|responsibility)", re.IGNORECASE)
_QUANT_BEFORE = frozenset("all each every any other individual various relevant most many some several".split())
_DEFINITE = frozenset("the its their our these those both his her".split())
_SCOPE_AFTER = re.compile(r"\s*(?:in|of|within|across|at|from)\s+(?:each|every|all|any)\b", re.IGNORECASE)

_SCOPE_OPENERS = frozenset("iIoOwWaAfF")


def _may_scope(text: str, end: int) -> bool:
    """False when ``_SCOPE_AFTER.match(text, end)`` is surely None: after one space, the next word
    must open with "in", "of", "within", "across", "at" or "from" (ASCII letters not among their
    first letters rule it out; anything else is left to the pattern)."""
    if not text.startswith(" ", end):
        return True
    c = text[end + 1 : end + 2]
    return not c or not c.isascii() or c in _SCOPE_OPENERS or c.isspace()


# "All KSCS staff": the quantifier is over the staff, not the body.
_STAFF_AFTER = re.compile(
    r"\s+(?:staff|officers|practitioners|managers|workers|professionals|colleagues|members|employees|personnel|"
    r"social\s+workers|nurses|clinicians|teams)\b",
    re.IGNORECASE,
)
_PARTICULAR = frozenset({"the", "this", "that"})
# Plural or open-ended group words stay generic even after "the": "the agencies", "the partners".
_GROUP_WORD = re.compile(r"(?:s|partner|member|services)\Z", re.IGNORECASE)
_QUANTIFIED = re.compile(r"(?:each|every|any|all)\b", re.IGNORECASE)
_DETERMINED = frozenset("the this its their our your".split())

# --- mentions ---------------------------------------------------------------------------------


class Mention(NamedTuple):
    """A phrase naming a possible owner, judged in its context.

    ``status`` is "named" (an accountable body or post) or "generic" (a profession, an
    unbounded group, or a class of bodies: "all agencies", "Safeguarding Partnerships");
    ``kind`` is "body", "post", "people" (professions, staff), "bodies" (unbounded groups of
    bodies: "all agencies", "schools") or "user" (from the configuration).
    """

    start: int
    end: int
    kind: str
    status: Literal["named", "generic"]


def find_mentions(text: str, user_owners: frozenset[str] = frozenset()) -> list[Mention]:
    """Owner mentions in ``text`` (already ``grammar.normalise``d), leftmost-longest, no overlaps."""
    pattern, entries = _lexicon()
    low = grammar.lowered(text)
    raw: list[tuple[int, int, str, bool, int]] = []  # start, end, kind, plural, priority
    user = _user_re(user_owners) if user_owners else None
    if user is not None:
        raw.extend((m.start(), m.end(), "user", False, 3) for m in user.finditer(low))
    get = entries.get
    at_start, after = _lexicon_scan()  # (the same matches as ``pattern``: see _lexicon_scan)
    first = at_start.match(low)
    matches = after.finditer(low, first.end() if first is not None else 0)
    for m in matches if first is None else (first, *matches):
        start, end = m.span(m.lastindex or 0)
        word = low[start:end]
        entry = get(word) or entries[" ".join(word.split())]  # (a match's spaces may be any run of whitespace)
        if entry.needs_det and _word_before(low, start) not in _DETERMINED:
            continue
        raw.append((start, end, entry.kind, entry.plural, 2))
    for m in _names_for(text).finditer(text):
        kind = m.lastgroup
        word = m.group()
        if kind == "place":
            raw.append((m.start(), m.end(), "body", False, 1))
        elif kind == "acronym":
            if word.lower() not in entries:
                raw.append((m.start(), m.end(), "body", False, 0))
        elif kind == "org" or kind == "post":
            start = m.start()
            lead = _LEADING_FUNCTION_WORDS.match(word)
            if lead is not None:
                start += lead.end()
                if not _STILL_NAMED.match(text, start, m.end()):
                    continue
            if kind == "org":
                raw.append((start, m.end(), "body", word.endswith("s") and not word.endswith(("Services", "services", "ss")), 1))
            elif not _NOT_POST_HEAD.search(word):
                raw.append((start, m.end(), "post", False, 1))
        elif not _modifies_noun(text, m.end()):  # not "the outreach hub project"
            raw.append((m.start() + 4, m.end(), "body", False, 0))
    proper = _proper_names(text, raw)
    if proper:
        raw.extend(proper)
    if not raw:
        return []
    # Leftmost-longest; on equal spans the higher priority (user > lexicon > pattern) wins.
    raw.sort(key=lambda r: (r[0], -(r[1] - r[0]), -r[4]))
    chosen: list[tuple[int, int, str, bool, int]] = []
    last_end = -1
    for r in raw:
        if r[0] >= last_end:
            chosen.append(r)
            last_end = r[1]
        elif r[1] > last_end and r[4] >= chosen[-1][4] and r[1] - r[0] > chosen[-1][1] - chosen[-1][0]:
            chosen[-1] = r
            last_end = r[1]
    mentions = [_judge_mention(text, s, e, kind, plural) for s, e, kind, plural, _ in chosen if kind != "bodies" or not _modifies_noun(text, e)]
    return [_with_quantifier(text, m) if m.status == "generic" else m for m in mentions]


def _proper_names(text: str, raw: list[tuple[int, int, str, bool, int]]) -> list[tuple[int, int, str, bool, int]]:
    """Proper names not already known: none that overlaps a named mention (the lexicons and head
    words judge those) or ends in a class of bodies or people ("Kent Schools")."""
    # Indexes over the mentions keep this linear in the text: a whole report read as one item
    # has thousands of names and mentions.
    matches = list(_PROPER_RE.finditer(text))
    if not matches:
        return []
    named = [(r[0], r[1]) for r in raw if r[2] in ("body", "post", "user")]
    named.sort()
    named_starts = [s for s, _ in named]
    furthest_end = list(accumulate([e for _, e in named], max))
    groups_at: dict[int, list[tuple[int, int]]] | None = None  # made when first needed (most names are known)
    found = []
    for m in matches:
        k = bisect_left(named_starts, m.end())
        if k and furthest_end[k - 1] > m.start():
            continue  # already named by a lexicon or a head word
        if groups_at is None:
            groups_at = {}
            for i, r in enumerate(raw):
                if r[2] in ("people", "bodies"):
                    groups_at.setdefault(r[0], []).append((i, r[1]))
            mention_ends = {r[1] for r in raw if r[0] < r[1]}
        start = _after_groups(text, m, groups_at)
        span = _proper_span(text, start, m.end())
        if span is None:
            continue
        s, e = span
        if not text.startswith("'", e) and _modifies_noun(text, e):
            continue  # "Operation Encompass notifications": the name of a scheme, not an organisation
        if e in mention_ends and text[e - 1] in "sS":
            continue
        found.append((s, e, "body", False, 0))
    return found


def _after_groups(text: str, m, groups_at: dict[int, list[tuple[int, int]]]) -> int:
    """Where a name starts once the groups of people before it are passed ("Staff of Northgate
    Homes": the name starts after the group), taking the mentions in their order."""
    start, last = m.start(), -1
    moved = True
    while moved:
        moved = False
        for i, group_end in groups_at.get(start, ()):
            if i <= last:
                continue
            last = i
            after = _AFTER_GROUP.match(text, group_end, m.end())
            if after is not None:
                start = after.end()
                moved = True
                break
    return start


_NOT_NOUN = grammar.PREPOSITIONS | grammar.RELATIVES | grammar.DETERMINERS | frozenset(
    "and or but should must shall will would could can may might need needs has have had is are was were be been not "
    "also only".split()
)
_NEXT_WORD = re.compile(r"[ ]+([a-z][a-z-]*)\b")


@lru_cache(maxsize=1)
def _people_heads() -> frozenset[str]:
    """First words of the people lexicon ("manager", "staff", "social"): a body before them employs them."""
    _, entries = _lexicon()
    return frozenset(term.split()[0] for term, entry in entries.items() if entry.kind == "people")


def _modifies_noun(text: str, end: int) -> bool:
    """A word for a kind of body used before a noun: "the care home admission checklist", "school
    attendance". Not before its staff ("care home staff") or a verb ("the school reviews")."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    w = m.group(1)
    if w in _NOT_NOUN or w.endswith(("ly", "ing")) or w in _people_heads() or grammar.is_participle(w):
        return False
    return not (grammar.is_action_verb(w) or (w.endswith("s") and (grammar.is_action_verb(w[:-1]) or grammar.is_action_verb(w[:-2]))))


def _with_quantifier(text: str, m: Mention) -> Mention:
    """A generic mention quoted with its quantifier: "Every police force", "all staff"."""
    before = _word_before(text, m.start)
    if before.lower() not in _QUANT_BEFORE:
        return m
    start = text.rfind(before, 0, m.start)
    return Mention(start, m.end, m.kind, m.status)


def _word_before(text: str, pos: int) -> str:
    k = pos
    while k > 0 and text[k - 1] == " ":
        k -= 1
    # Usually a space comes before the word: it is then the whole run from that space, if every
    # character of it is a letter, digit, apostrophe or hyphen (and one at least is no mark).
    # (The space is looked for over a few words only, so long texts without spaces stay linear.)
    lo = k - 40 if k > 40 else 0
    j = text.rfind(" ", lo, k)
    if j != -1 or lo == 0:
        word = text[j + 1 : k]
        if word.replace("'", "").replace("-", "").isalnum():
            return word
    j = k
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'-"):
        j -= 1
    return text[j:k]


# An anonymised particular body: "Agency A", "Hospital B", "Care Home 2".
_DESIGNATOR = re.compile(r"[ ]+(?:[A-Z]|\d{1,2})(?![\w'%.-]|\.\d)")
_MODIFIER_WORD = re.compile(r"[A-Za-z][\w-]*\Z")
# "the relevant provider", "the lead agency": which body is left open.
_OPEN_MODIFIERS = _QUANT_BEFORE | frozenset("appropriate respective responsible same right correct lead commissioned allocated".split())


def _determiner_before(text: str, start: int) -> str:
    """The determiner of the noun phrase ending in the mention at ``start``, over up to two modifiers:
    "the care provider", "the registered care provider"."""
    pos = start
    for _ in range(3):
        word = _word_before(text, pos)
        low = word.lower()
        if not word or low in _PARTICULAR or low in grammar.DETERMINERS or low in _OPEN_MODIFIERS or not _MODIFIER_WORD.match(word):
            return low
        if low in _NOT_NOUN:
            return ""  # "the review of school ...": the determiner belongs to another phrase
        pos = text.rfind(word, 0, pos)
    return ""


def _judge_mention(text: str, start: int, end: int, kind: str, plural: bool) -> Mention:
    if kind == "bodies" and not _GROUP_WORD.search(text, start, end):
        designator = _DESIGNATOR.match(text, end)
        if designator is not None:
            return Mention(start, designator.end(), kind, "named")
        if _determiner_before(text, start) in _PARTICULAR:
            # "the school", "the care provider": one particular body, accountable for itself.
            return Mention(start, end, kind, "named")
    if kind in ("people", "bodies"):
        return Mention(start, end, kind, "generic")
    if kind == "user":
        return Mention(start, end, kind, "named")
    before = _word_before(text, start)
    lb = before.lower()
    if (lb in _QUANT_BEFORE and not _STAFF_AFTER.match(text, end)) or (_may_scope(text, end) and _SCOPE_AFTER.match(text, end)):
        return Mention(start, end, kind, "generic")
    if plural and lb not in _DEFINITE and not text.startswith(("the ", "The "), start) and not lb.endswith("'s") and not (before[:1].isupper() and (_word_before(text, start - len(before) - 1) or _word_key(before) not in _name_words()[0])) and _determiner_before(text, start) not in _DEFINITE:
        # "Safeguarding Partnerships should ...", "Local authorities must ...": a class of bodies.
        return Mention(start, end, kind, "generic")
    return Mention(start, end, kind, "named")


# --- the analysis -----------------------------------------------------------------------------


class OwnerDetail(NamedTuple):
    """What ``owner.detail`` finds.

    - ``status``: named | generic | missing.
    - ``span``: the words naming the owner (named, generic), else None.
    - ``evidence``: for missing, the words that show it (the agentless passive "should be
      reviewed", "There should be", the imperative "Amend"); None when there is nothing to quote.
    - ``reason``: how the judgement was reached, e.g. "tag", "label", "subject", "agent",
      "approver", "agentless-passive", "recipient", "imperative", "infinitive", "nominal",
      "subjunctive", "prohibition", "no-actor", "column", "unassigned".
    """

    status: Status
    span: Span | None
    evidence: Span | None
    reason: str


def _in(span: Span | None, m: Mention) -> bool:
    return span is not None and span[0] <= m.start < span[1]


def _classify(mentions: list[Mention]) -> tuple[Status, Span] | None:
    named = [m for m in mentions if m.status == "named"]
    if named:
        return "named", (named[0].start, named[0].end)
    if mentions:
        return "generic", (mentions[0].start, mentions[-1].end)
    return None


def _leading_tag(text: str) -> grammar.Tag | None:
    """A leading agency tag, after any label: "Short term - Police: review ..."."""
    opening = text[:120]
    if ":" not in opening and "(" not in opening and "[" not in opening and " -" not in opening:
        return None  # every tag shape needs one of these
    pos = grammar.skip_labels(text, 0, len(text))
    if pos == 0:
        return grammar.leading_tag(text)
    tag = grammar.leading_tag(text[pos:])
    if tag is None:
        return None
    return grammar.Tag((tag.span[0] + pos, tag.span[1] + pos), (tag.name[0] + pos, tag.name[1] + pos))


def _tag_owner(text: str, mentions: list[Mention]) -> OwnerDetail | None:
    tag = _leading_tag(text)
    if tag is not None and _FIELD_LABEL.fullmatch(text, tag.name[0], tag.name[1]):
        tag = None  # "Lead: Head of Service. Action: ...": a field label, read by _LABEL_RE below
    if tag is not None:
        s, e = tag.name
        inner = [m for m in mentions if s <= m.start and m.end <= e]
        covered = sum(m.end - m.start for m in inner)
        if inner and covered >= (e - s) * 0.6:
            got = _classify(inner)
            assert got is not None
            return OwnerDetail(got[0], got[1], None, "tag")
        if text[s:e].lower() in _word_sets()["tag_sectors"]:
            return OwnerDetail("named", (s, e), None, "tag")
        if not inner:
            name = _proper_span(text, s, e, single=True)  # "Lantern: Review ...", "(Northgate Homes) ..."
            if name is not None:
                return OwnerDetail("named", name, None, "tag")
        bracketed = _paren_tag(text, mentions, (s, e))  # "Single agency recommendation (Police): ..."
        if bracketed is not None:
            return OwnerDetail("named", bracketed, None, "tag")
    for m in _LABEL_RE.finditer(text) if mentions and _may_have_label(text) else ():
        s, e = m.span("name")
        inner = [x for x in mentions if s <= x.start < e]
        got = _classify(inner)
        if got is not None:
            return OwnerDetail(got[0], got[1], None, "label")
    return None


def _may_have_label(text: str) -> bool:
    """False when ``_LABEL_RE`` cannot match: every label names a lead, owner, responsibility or
    accountability. (Checked on ASCII text only: under IGNORECASE a few other letters, such as
    the long s, match ASCII ones.)"""
    if not text.isascii():
        return True
    low = text.lower()
    if ":" not in text and "-" not in text:
        # Only "responsibility/accountability ... lies with" is a label without a colon or dash.
        return ("responsib" in low or "accountab" in low) and "with" in low
    return "lead" in low or "owner" in low or "responsib" in low or "accountab" in low


def _paren_tag(text: str, mentions: list[Mention], region: Span | None) -> Span | None:
    """An agency in brackets inside the subject, "known to the (Youth Offending) service": an
    editor's owner tag. Not an acronym after its full name: "Children's Social Care (CSC)"."""
    if region is None or text.find("(", region[0] - 1 if region[0] else 0, region[1]) == -1:
        return None  # both shapes need a "(" in the region or just before it
    sectors = _word_sets()["tag_sectors"]
    for m in _BRACKETS.finditer(text, region[0], region[1]):
        if m.group(1).lower() in sectors:
            return m.span(1)
    for m in mentions:
        if m.status != "named" or not (region[0] <= m.start < region[1]):
            continue
        if m.start > 0 and text[m.start - 1] == "(" and m.end < len(text) and text[m.end] == ")":
            before = text[: m.start - 1].rstrip()
            prev = [x for x in mentions if x.end <= m.start - 1 and before.endswith(text[x.start : x.end])]
            if not prev:
                return m.start, m.end
    return None


# Verbs that fit a thing as subject ("Respite should be available", "Aftercare should include a call"):
# after one of them a lone capitalised word is not taken for an organisation's name.
_INANIMATE_VERB = re.compile(
    r"(?:be|is|are|include|includes|cover|covers|contain|contains|reflect|reflects|involve|involves|follow|continue|"
    r"remain|apply|become|mean|form|underpin|happen|take|go|inform|guide|incorporate|encompass|occur|exist)",
    re.IGNORECASE,
)
_STAFF_OF = re.compile(r"\s*(?:of|in|at|from|within|employed\s+by|working\s+(?:for|in))\s+(?:the\s+)?")
_ASKED_TO = frozenset(
    "asked required expected encouraged invited supported enabled empowered helped urged directed instructed "
    "mandated commissioned requested tasked charged".split()
)
_TO_VERB = re.compile(r"\s+to\s+(?!the\b|a\b|an\b|its\b|their\b)[a-z]")
# Support given to people: "Carers should be better supported to ...", "staff should be helped to
# understand ...": the people receive the support (recipients, SMART guide), nobody is named to give it.
_EQUIPPED_BY = re.compile(r"\s+(?:better\s+|more\s+|well\s+|fully\s+)?(?:equipped|skilled)(?=(?P<by>\s+by\s)?.{0,80}?\sto\s+[a-z])", re.IGNORECASE)
_SUPPORTED_TO = frozenset("supported encouraged helped enabled empowered equipped assisted".split())
_BRACKETS = re.compile(r"\(([^()]{2,40})\)")


@lru_cache(maxsize=1)
def _training_gate() -> re.Pattern[str]:
    """Any training noun as a substring: a token that is one needs it (most heads have none)."""
    # (a trie of the same words: the same strings match, faster)
    return re.compile(grammar.trie_source(_word_sets()["training_nouns"]))


def _is_training(text: str, span: Span | None) -> bool:
    if span is None:
        return False
    if _training_gate().search(text[span[0] : span[1]].lower()) is None:
        return False
    nouns = _word_sets()["training_nouns"]
    return any(t.lower in nouns for t in grammar.tokenize(text, span[0], span[1]))


def _receiving(text: str, clause: Clause) -> bool:
    """"professionals receive refresher training", "staff attend training"."""
    if clause.verb is None or clause.passive:
        return False
    verb = text[clause.verb[0] : clause.verb[1]].lower()
    if verb not in _word_sets()["receiving_verbs"]:
        return False
    if verb.startswith("receive"):
        return True
    return _is_training(text, (clause.verb[1], min(len(text), clause.verb[1] + 60)))


_APPOSITIVE_GAP = re.compile(r"[ ]*,[ ]*")


def _appositive_name(text: str, head: Span | None, subject: Span | None, mentions: list[Mention]) -> Span | None:
    """The particular body named in apposition to a generic head: ", Brightpath Advocacy," in
    "The commissioned advocacy provider, Brightpath Advocacy, should ..."; None otherwise."""
    if head is None or subject is None:
        return None
    gap = _APPOSITIVE_GAP.match(text, head[1], subject[1])
    if gap is None:
        return None
    end = subject[1]
    while end > gap.end() and text[end - 1] in " ,":
        end -= 1
    inner = [m for m in mentions if gap.end() <= m.start and m.end <= end]
    got = _classify(inner) if inner else None
    if got is not None:
        lead = text[gap.end() : got[1][0]].strip().lower()
        if got[0] == "named" and lead in ("", "the") and not text[got[1][1] : end].strip(" ,"):
            return got[1]
        return None
    name = _proper_span(text, gap.end(), end)
    if name is not None and text[gap.end() : name[0]].strip().lower() in ("", "the") and not text[name[1] : end].strip(" ,"):
        return name
    return None


# a group marked as shut out of a task: "non-qualified", "unregistered", "no agency"
_EXCLUDED = re.compile(r"\b(?:non|un(?:qualified|registered|trained|vetted|supervised|authori[sz]ed))\b|\bno\s+\w", re.IGNORECASE)


# what two or more parties do together, so that the parties after "between" are its actors
_JOINT_VERBS = frozenset({"agreed", "signed", "negotiated", "drawn", "developed", "established", "written"})
_BETWEEN = re.compile(r"(?:\s+up)?(?:\s+jointly)?\s+between\s+", re.IGNORECASE)


# A new thing created or placed inside a named body: "created within the Council", "identified in the Team".
_CREATED_VERBS = frozenset(
    "created established set identified appointed located based embedded placed recruited designated nominated introduced".split()
)
_WITHIN = re.compile(r"(?:\s+up)?\s+(?:within|in|inside|at)\s+(?:the\s+|each\s+)?", re.IGNORECASE)


def _judge_clause(text: str, clause: Clause, mentions: list[Mention]) -> OwnerDetail:
    kind = clause.kind
    if kind in ("imperative", "infinitive"):
        owner = _possessor(text, clause, mentions)
        if owner is not None:
            # "Amend the Partnership's protocol": the body whose thing is changed (SMART guide).
            return OwnerDetail("named", owner, None, "possessor")
        return OwnerDetail("missing", None, clause.marker, kind)
    if kind == "existential":
        if clause.agent is not None:
            got = _classify([m for m in mentions if _in(clause.agent, m)])
            if got is not None:
                return OwnerDetail(got[0], got[1], None, "agent")
        return OwnerDetail("missing", None, clause.marker, "nominal")

    tag = _paren_tag(text, mentions, clause.subject)
    if tag is not None:
        return OwnerDetail("named", tag, None, "tag")

    head = clause.head
    head_mentions = [m for m in mentions if head[0] <= m.start < head[1]] if head is not None else []
    if not head_mentions and head is not None:
        name = _proper_span(text, head[0], head[1], single=True)  # "Lantern should ...", "that Northgate will ..."
        lone_word = name is not None and " " not in text[name[0] : name[1]]
        thing_verb = clause.verb is not None and _INANIMATE_VERB.fullmatch(text, clause.verb[0], clause.verb[1]) is not None
        if name is not None and not (lone_word and thing_verb):
            head_mentions = [Mention(name[0], name[1], "body", "named")]
    if not head_mentions and kind == "to" and head is not None and _TITLE_CASE_TEAM.fullmatch(text, head[0], head[1]):
        # "Priority 1: Housing Options to introduce ...": a title-case team name, even of common words.
        head_mentions = [Mention(head[0], head[1], "body", "named")]
    # Staff of a named body given after the head: "staff in the Police", "members of the Board".
    head_is_people = bool(head_mentions) and head_mentions[-1].kind == "people"
    if head is not None and head_is_people and not _QUANTIFIED.match(text, head[0]):
        after = [m for m in mentions if head[1] <= m.start <= head[1] + 20 and m.status == "named"]
        if after and _STAFF_OF.fullmatch(text, head[1], after[0].start):
            head_mentions.append(after[0])

    verb = text[clause.verb[0] : clause.verb[1]].lower() if clause.verb else ""
    # "The Trust should be asked to review ...": the subject will do what follows "to".
    equipped = _EQUIPPED_BY.match(text, clause.verb[1]) if verb == "be" and clause.verb is not None else None
    if equipped is not None and not any(m.status == "named" and m.kind != "people" for m in head_mentions):
        # "Staff should be better equipped to ask ...": stative in grammar, but support received all the same.
        verb = "equipped"
        agent = grammar.agent_after_by(text, equipped.end(), clause.end) if equipped.group("by") else None
        clause = clause._replace(passive=True, agent=agent)
    supported_people = verb in _SUPPORTED_TO and not any(m.status == "named" and m.kind != "people" for m in head_mentions)
    passive = clause.passive and not (verb in _ASKED_TO and not supported_people and _TO_VERB.match(text, clause.verb[1]))
    recipient_verbs = _word_sets()["recipient_verbs"]
    training_subject = _is_training(text, head)

    if clause.agent is not None:
        agent_mentions = [m for m in mentions if _in(clause.agent, m)]
        got = _classify(agent_mentions) or _proper_owner(text, clause.agent)
        if got is not None:
            if training_subject and verb in {"undertaken", "attended", "completed", "received", "undergone", "accessed"}:
                return OwnerDetail("missing", None, clause.passive_span, "recipient")
            return OwnerDetail(got[0], got[1], None, "agent")

    if passive and clause.agent is None and clause.verb is not None and verb in _CREATED_VERBS:
        within = _WITHIN.match(text, clause.verb[1], clause.end)
        if within is not None:
            # "A new post should be created within the Council": the body that will hold it is named
            # as its umbrella (SMART guide, borderline rulings).
            m = next((m for m in mentions if m.start == within.end()), None)
            if m is not None and m.status == "named" and m.kind != "people":
                return OwnerDetail("named", (m.start, m.end), None, "approver")

    got = _classify(head_mentions)
    quote = clause.passive_span or clause.verb
    if got is not None:
        status, span = got
        last_head = head_mentions[-1]
        people = head_is_people  # "Staff at St Anne's Care Home should receive training": recipients still
        receives = people and _receiving(text, clause)
        if status == "named":
            if people and (passive or receives):
                return _provider(text, clause, mentions) or OwnerDetail("missing", None, quote, "recipient")
            if passive and _ends_head(text, head, last_head):
                # "The IDVA service should be expanded": the body is what is changed, not who changes it.
                return OwnerDetail("missing", None, quote, "recipient" if verb in recipient_verbs else "agentless-passive")
            if last_head.kind == "bodies" or (last_head.kind == "body" and text[last_head.start].islower()):
                # "The provider, Oakfield Care, should ...": the apposition gives the body's own name.
                span = _appositive_name(text, head, clause.subject, mentions) or span
            return OwnerDetail("named", span, None, "subject")
        if passive or receives:
            return _provider(text, clause, mentions) or OwnerDetail("missing", None, quote, "recipient")
        if clause.subject is not None:
            umbrella = _approved_by(text, (head[1], clause.subject[1] + 1), mentions) if head is not None else None
            if umbrella is not None:
                # "Partners, led by the Community Safety Partnership, should ...": the umbrella body is named.
                return OwnerDetail("named", umbrella, None, "approver")
        appositive = _appositive_name(text, head, clause.subject, mentions)
        if appositive is not None:
            # "The commissioned advocacy provider, Brightpath Advocacy, should ...": the apposition names it.
            return OwnerDetail("named", appositive, None, "subject")
        # "Professionals must never rely on ...": a prohibition on a whole profession still has that
        # profession as its only actor, which the guide calls generic. But a prohibition on an excluded
        # group ("Non-qualified staff must not undertake the duty function") restricts who is allowed to
        # act, and names no one to enforce it.
        if clause.negated and clause.subject is not None and _EXCLUDED.search(text, clause.subject[0], clause.subject[1]):
            return OwnerDetail("missing", None, clause.marker, "prohibition")
        return OwnerDetail("generic", _with_modifiers(text, head, span), None, "subject")

    region = clause.subject
    if region is not None:
        umbrella = _approved_by(text, (region[0], region[1] + 1), mentions)
        if umbrella is not None:
            return OwnerDetail("named", umbrella, None, "approver")
    if passive and clause.verb is not None:
        umbrella = _approved_by(text, (clause.verb[1], clause.end), mentions)
        if umbrella is not None:
            # "... should be developed under the leadership of the Safeguarding Adults Board".
            return OwnerDetail("named", umbrella, None, "approver")
    if passive and clause.verb is not None and verb in _JOINT_VERBS:
        between = _BETWEEN.match(text, clause.verb[1], clause.end)
        if between is not None:
            # "A joint protocol should be agreed between the Police and Housing": the parties agree it.
            got = _classify([m for m in mentions if between.end() <= m.start < between.end() + 120])
            if got is not None:
                return OwnerDetail(got[0], got[1], None, "agent")
    if passive:
        return OwnerDetail("missing", None, quote, "agentless-passive" if kind != "subjunctive" else "subjunctive")
    if head is not None and clause.marker is not None:
        return OwnerDetail("missing", None, (head[0], clause.marker[1]), "no-actor")
    if head is not None and clause.verb is not None:
        return OwnerDetail("missing", None, (head[0], clause.verb[1]), "no-actor")
    return OwnerDetail("missing", None, None, "no-actor")


_PLAIN_MODIFIERS = re.compile(r"(?:[Tt]he\s+)?((?:[\w'-]+\s+)+)\Z")


def _with_modifiers(text: str, head: Span | None, span: Span) -> Span:
    """A generic owner quoted with the words before it in the head: "Hospital discharge teams"."""
    if head is None or not head[0] < span[0] <= head[1]:
        return span
    m = _PLAIN_MODIFIERS.match(text, head[0], span[0])
    if m is None or text[m.start(1) : span[0]].strip().lower() in grammar.DETERMINERS:
        return span
    return m.start(1), span[1]


def _proper_owner(text: str, span: Span) -> tuple[Status, Span] | None:
    name = _proper_span(text, span[0], span[1], single=True)
    return ("named", name) if name is not None else None


# Who delivers what the recipients receive: "training delivered by the Tissue Viability Service".
_PROVIDER_RE = re.compile(
    r"(?<![\w-])(?:delivered|provided|led|run|facilitated|taught|organised|organized|arranged|commissioned|offered|presented|hosted)\s+by\s",
    re.IGNORECASE,
)


def _provider(text: str, clause: Clause, mentions: list[Mention]) -> OwnerDetail | None:
    """People who receive training are not owners (SMART guide), but the body named as giving it is."""
    start = clause.verb[1] if clause.verb is not None else clause.start
    m = _PROVIDER_RE.search(text, start, clause.end)
    if m is None:
        return None
    agent = grammar.agent_after_by(text, m.start(), clause.end)
    if agent is None:
        return None
    got = _classify([x for x in mentions if _in(agent, x)]) or _proper_owner(text, agent)
    if got is None or got[0] != "named":
        return None
    return OwnerDetail("named", got[1], None, "agent")


_OBJECT_STOP = grammar.PREPOSITIONS - {"of"} | grammar.RELATIVES | frozenset("and or so , ; : ( to".split())


def _possessor(text: str, clause: Clause, mentions: list[Mention]) -> Span | None:
    """A named body that owns the object of an instruction: "amend the Partnership's protocol",
    "review the LSCB procedures", "revise the procedures of the Board". Not a body that is itself
    the object ("inform the Board of progress")."""
    if clause.verb is None or not mentions:
        return None
    toks = grammar.tokenize(text, clause.verb[1], min(clause.end, clause.verb[1] + 120))[:12]
    stop = next((i for i, t in enumerate(toks) if t.lower in _OBJECT_STOP or (t.lower == "of" and i + 1 < len(toks) and toks[i + 1].lower not in _DEFINITE)), len(toks))
    if stop == 0:
        return None
    region = (toks[0].start, toks[stop - 1].end)
    for m in mentions:
        if m.status != "named" or not (region[0] <= m.start < region[1]):
            continue
        after = text[m.end : m.end + 3]
        before = _word_before(text, m.start).lower()
        if after.startswith(("'s", "' ", "s' ")) or before == "of" or _word_before(text, _after_the(text, m.start)).lower() == "of":
            return m.start, m.end
        nxt = grammar.tokenize(text, m.end, min(len(text), m.end + 30))[:1]
        if nxt and nxt[0].is_word and nxt[0].start < region[1] and nxt[0].lower not in _OBJECT_STOP and nxt[0].lower != "of":
            return m.start, m.end  # "the LSCB procedures"
    return None


def _after_the(text: str, pos: int) -> int:
    """The offset of "the" right before ``pos`` ("of the Board"), or ``pos``."""
    k = pos
    while k > 0 and text[k - 1] == " ":
        k -= 1
    return k - 3 if text[max(0, k - 3) : k].lower() == "the" else pos


_THE_ITS = re.compile(r"(?:the|its|their)?\s*")


def _approved_by(text: str, region: Span, mentions: list[Mention]) -> Span | None:
    """A named body after an approving or umbrella phrase in ``region``: "agreed by the Board",
    "under the auspices of the Steering Group"."""
    low = grammar.lowered(text)
    for m in _approver_re().finditer(low, region[0], region[1]):
        after = [x for x in mentions if m.end() <= x.start and x.status == "named" and _THE_ITS.fullmatch(text, m.end(), x.start)]
        if after:
            return after[0].start, after[0].end
    return None


def _ends_head(text: str, head: Span | None, m: Mention) -> bool:
    """The mention is the head itself ("The LSCB should be informed"), not a possessor ("The LSCB
    procedures should be modified")."""
    if head is None:
        return False
    rest = text[m.end : head[1]].strip(" )(")
    return not rest or rest.startswith("(")


# --- action-plan rows pasted as text: "<action> – <owner> – <date>" ----------------------------

# A field separator: a pipe, or a dash with space on both sides (en and em dashes are folded to
# "-" by grammar.normalise, offsets unchanged). "self-neglect" has no spaces and is not one.
_FIELD_SEP = re.compile(r"[ \t]*\|[ \t]*|[ \t]+-{1,2}[ \t]+")
_UNASSIGNED = re.compile(r"(?:owner|lead|responsible)?\s*:?\s*(?:tbc|tba|tbd|n/?a|none|not\s+applicable|to\s+be\s+(?:confirmed|agreed|decided|determined|allocated))\.?\Z", re.IGNORECASE)
# Words an owner field may hold besides the owner names themselves: "All partner agencies",
# "ICB / Local Authority", "Lead: Designated Nurse", "the Police with Children's Social Care".
_FIELD_GLUE = frozenset("the all each every and & / , with lead leads owner owners responsible : ( ) supported by jointly in of for".split())
_FIELD_WORD = re.compile(r"[\w'&/:(),.-]+")
# A modal shows a sentence, not a row: "Agencies should share it - the MASH - ...".
_ROW_MODAL = re.compile(r"\b(?:should|must|shall|will|would|could|may|need\s+to|needs\s+to|is\s+asked|are\s+asked|recommends?)\b", re.IGNORECASE)


def _row_owner(text: str, mentions: list[Mention]) -> OwnerDetail | None:
    """The owner field of an action-plan row written as text, or None when ``text`` is no row.

    A later field that is nothing but owner names (posts, bodies or generic classes, joined by
    "and", "/", "with" ...) is the owner; a date field is not; "TBC"/"N/A" says no one is assigned.
    A dash around a verb phrase is prose ("The Board - which meets quarterly - should ..."), not a field.
    """
    if "|" not in text and " -" not in text and "\t-" not in text:
        return None  # no field separator can match: the common case, decided without a scan
    seps = list(_FIELD_SEP.finditer(text))
    if not seps:
        return None
    bounds = [0, *[x for m in seps for x in (m.start(), m.end())], len(text)]
    fields = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    if _ROW_MODAL.search(text):
        return None  # a sentence with dashes in it: "The ICB - with the Council - should ..."
    k = 0
    unassigned: Span | None = None
    for start, end in fields[1:]:
        while end > start and text[end - 1] in " .;":
            end -= 1
        while k < len(mentions) and mentions[k].start < start:
            k += 1
        inside: list[Mention] = []
        j = k
        while j < len(mentions) and mentions[j].end <= end:
            inside.append(mentions[j])
            j += 1
        if not inside:
            if unassigned is None and _UNASSIGNED.match(text, start, end):
                unassigned = (start, end)
            continue
        if _owner_shaped(text, start, end, inside):
            got = _classify(inside)
            if got is not None:
                return OwnerDetail(got[0], got[1], None, "column")
    if unassigned is not None:
        return OwnerDetail("missing", None, unassigned, "unassigned")
    return None


def _owner_shaped(text: str, start: int, end: int, inside: list[Mention]) -> bool:
    """True when every word of text[start:end] outside the owner mentions is glue or a capitalised
    word of a title ("Education" in "Education Safeguarding Lead"): no verb, no lowercase phrase."""
    pos = start
    for m in [*inside, None]:
        stop = m.start if m is not None else end
        for w in _FIELD_WORD.finditer(text, pos, stop):
            word = w.group()
            if word.lower() in _FIELD_GLUE or word.strip(",():/") == "":
                continue
            if word[0].isupper() and not _ROW_MODAL.fullmatch(word):
                continue
            return False
        if m is not None:
            pos = m.end
    return True


def owner_detail(rec: RecContext) -> OwnerDetail:
    """The ``owner.detail`` analyzer (see ``OwnerDetail``)."""
    found = _owner_detail(rec)
    if found.status == "missing" and getattr(rec.item, "cells", None):  # only action-plan rows have cells
        from smartlint.readers.plan import column_span

        column = column_span(rec.item, "owner")  # an action plan's filled Lead/Owner column
        if column is not None:
            return OwnerDetail("named", column, None, "column")
    return found


def _owner_detail(rec: RecContext) -> OwnerDetail:
    parsed: grammar.Parsed = rec.analysis("grammar.parsed")
    text = parsed.text
    mentions = find_mentions(text, rec.settings.lexicons.get("owners", frozenset()))
    tagged = _tag_owner(text, mentions)
    if tagged is not None:
        return tagged
    row = _row_owner(text, mentions)
    if row is not None:
        return row
    result: OwnerDetail | None = None
    for start, end in parsed.sentences(semicolons=True):
        if result is None and "?" in text[end - 2 : end + 1]:
            asked = _question_owner(text, start, end, mentions)
            if asked is not None:
                return asked
        if result is None:
            clause = parsed.clause(start, end)
            if clause.kind == "fragment" and clause.head is None:
                continue
            result = _judge_clause(text, clause, mentions)
            if result.status == "named" or not mentions:
                return result
        elif any(start <= m.start < end and m.status == "named" for m in mentions):
            # A later sentence may name the owner: "... This work will be led by the Partnership."
            later = _judge_clause(text, parsed.clause(start, end), mentions)
            if later.status == "named":
                return later
    return result or OwnerDetail("missing", None, None, "no-actor")


# A question put to a body: "How will the Board satisfy itself that ...?", "Can the ICB assure ...?",
# "What steps will the Trust take ...?": the subject after the auxiliary is the owner.
_QUESTION = re.compile(
    r"(?:(?:how|what|when|which|in\s+what\s+ways?)(?:\s+[a-z]+){0,2}?\s+)?"
    r"(?:will|would|can|could|should|does|do|did|is|are|has|have|might|may|shall)\s+(?:the\s+|each\s+|all\s+)?",
    re.IGNORECASE,
)


def _question_owner(text: str, start: int, end: int, mentions: list[Mention]) -> OwnerDetail | None:
    pos = grammar.skip_preamble(text, start, end)
    q = _QUESTION.match(text, pos, end)
    if q is None:
        return None
    m = next((m for m in mentions if q.end() - 5 <= m.start <= q.end()), None)
    if m is None:
        name = _proper_span(text, q.end(), min(end, q.end() + 60))
        if name is None or name[0] != q.end():
            return None
        return OwnerDetail("named", name, None, "subject")
    if m.kind == "people" and m.status == "named":
        return None
    return OwnerDetail(m.status, (m.start, m.end), None, "subject")


def owner_assessment(rec: RecContext) -> OwnerAssessment:
    """The public ``owner`` analyzer: status and the words naming the owner."""
    detail: OwnerDetail = rec.analysis("owner.detail")
    text = None
    if detail.span is not None and detail.status != "missing":
        text = rec.text[detail.span[0] : detail.span[1]]
    return OwnerAssessment(status=detail.status, text=text)


# --- rules ------------------------------------------------------------------------------------

_RATIONALE = (
    "Handley and Green (2004, as quoted in Brandon et al. 2011, DFE-RR157) define Achievable as 'can the "
    "person identified do it': a recommendation must name who will act. Working Together (HM Government "
    "2010, p. 245) asks for SMART proposals for change; the SMART guide's owner criterion."
)

_MISSING_MESSAGES = {
    "agentless-passive": "No one is named to act: '{q}' does not say who will do it.",
    "subjunctive": "No one is named to act: '{q}' does not say who will do it.",
    "recipient": "The people named here receive the action; no one is named to carry it out ('{q}').",
    "imperative": "No one is named to act: the recommendation starts with an instruction ('{q}') but not who should carry it out.",
    "infinitive": "No one is named to act: '{q}' does not say who will do it.",
    "nominal": "No one is named to act: '{q}' says something should happen, not who will do it.",
    "prohibition": "No one is named to act: a rule for a whole group ('{q}') names no one to make it happen.",
    "no-actor": "No one is named to act: '{q}' says what should happen, not who will make it happen.",
    "unassigned": "No one is named to act: the owner is given as '{q}', so no one is accountable yet.",
}


class MissingOwner(Rule):
    meta = RuleMeta(
        code="OW001",
        name="missing-owner",
        criterion=Criterion.OWNER,
        severity=Severity.WARNING,
        summary="The recommendation names no one to act on it.",
        rationale=_RATIONALE
        + " Agentless passives, 'There should be a review', bare instructions ('Amend records') and people who"
        " only receive the action ('Health professionals will be reminded') leave no one accountable.",
        fix="Start with who will act: name the organisation, board, team or post, e.g. 'The Safeguarding "
        "Partnership will review the procedures ...' rather than 'Procedures should be reviewed'.",
        bad=(
            "Procedures should be reviewed to include cumulative concerns.",
            "There should be a review of maternity records.",
            "Amend records to include a question on first language.",
            "Health professionals will be reminded of their responsibilities to challenge other agencies.",
            "That the national minimum standards be redrafted.",
        ),
        good=(
            "The LSCB should review the threshold document by March 2026.",
            "The procedures should be reviewed by the Safeguarding Partnership.",
            "(Police) Review the information sharing policy with Children's Services.",
            "Practitioners should record the ethnicity of every child.",
        ),
    )

    def check(self, rec: RecContext):
        detail: OwnerDetail = rec.analysis("owner.detail")
        if detail.status != "missing":
            return
        suggestion = "Name who will do this: 'The Safeguarding Partnership will ...' or '... reviewed by the ICB'."
        if detail.evidence is not None:
            s, e = detail.evidence
            quote = rec.text[s:e]
            message = _MISSING_MESSAGES.get(detail.reason, _MISSING_MESSAGES["no-actor"]).format(q=quote)
            yield Violation(s, e, message, suggestion)
        else:
            yield Violation(None, None, "No one is named to act on this recommendation.", suggestion)


class GenericOwner(Rule):
    meta = RuleMeta(
        code="OW002",
        name="generic-owner",
        criterion=Criterion.OWNER,
        severity=Severity.WARNING,
        summary="The only actor is a profession or an unbounded group, with no one accountable for it.",
        rationale=_RATIONALE
        + " 'Professionals', 'all agencies' or 'GPs' are not an owner anyone can hold to account (SMART guide:"
        " generic owner).",
        fix="Name the body or post accountable for making it happen, e.g. 'The ICB will ensure that GP "
        "practices ...' rather than 'GPs should ...'.",
        bad=(
            "All agencies should ensure that staff understand the escalation policy.",
            "GPs to undertake risk assessments on patients with a history of violence.",
            "Safeguarding Partnerships should publish their escalation procedures.",
            "Midwives must record the reaction of the care giver.",
        ),
        good=(
            "The ICB will ensure that GP practices complete a risk assessment template by June 2026.",
            "The LSCB and all member agencies should emphasise the standards of care.",
            "KSCS staff should complete an audit of open cases.",
        ),
    )

    def check(self, rec: RecContext):
        detail: OwnerDetail = rec.analysis("owner.detail")
        if detail.status != "generic" or detail.span is None:
            return
        s, e = detail.span
        quote = rec.text[s:e]
        yield Violation(
            s,
            e,
            f"'{quote}' is a profession or group, not an owner anyone can hold to account.",
            f"Name the body or post accountable for it, e.g. 'The Safeguarding Partnership will ensure that {quote[:1].lower() + quote[1:]} ...'.",
        )


RULES = [MissingOwner, GenericOwner]
ANALYZERS = {"owner.detail": owner_detail, "owner": owner_assessment, "grammar.parsed": grammar.parsed}
