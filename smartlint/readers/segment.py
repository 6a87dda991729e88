"""Cutting a Markdown or plain-text document into recommendation items (shared by both readers).

What counts as a recommendation:
- list items ("1.", "1)", "(1)", "3.2", "(a)", "a.", "a)", "i.", "(iv)", "-", "*", "+", "\u2022" ...) and
  paragraphs or headings labelled "Recommendation 1:", "Recommendation 3.2 -", "Rec. 2:", "R1." ...;
  continuation lines, sub-lists (indented, or at the same indent after a line ending ':') and
  indented paragraphs belong to their item; a label alone ("### Recommendation 4") takes the
  paragraph after it;
- when a heading names recommendations ("## Recommendations", "RECOMMENDATIONS", "Summary of
  recommendations", "Recommendations for the LSCP", "**Recommendations**"), only the items in
  those sections count (up to the next heading of the same or a higher level; a short line such
  as "Police" is a sub-heading inside it); a section with no list reads each paragraph, skipping
  preambles ("... the following recommendations:") and heading-like lines;
- with no such heading, every item counts except those under background, findings, glossary...
  headings; with no items at all, each paragraph outside those sections counts.
Not prose: front matter, code fences, HTML comments, tables, block quotes, link reference and
footnote definitions. Item ids are the author's numbering ("3", "R3", "3.2", "(a)"), else the
item's position.

The work is one pass over the lines, so it is linear in the size of the document:

1. A format's `prepare` step (markdown.py, text.py) finds what is not prose: front matter, code
   fences, HTML comments, directive lines. It returns `Prepared`: `vis`, a copy of the source in
   which comments are masked with NUL characters (same length, same line breaks), and a flag
   per line (code / hidden).
2. `_Scanner` classifies each line (blank, heading, rule, quote, table, list marker, text) and
   groups lines into blocks: list items, "Recommendation N" items, paragraphs and headings.
3. `segment` works out the sections, chooses the items as above, and builds each item's clean
   text with `emit`, which records how it maps back to the source.

Item text never contains a character that is not in the source at the offset its piece says,
except the single spaces that fold line breaks and runs of whitespace (the "joins").
"""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import field
from datetime import date
from itertools import accumulate
from typing import NamedTuple

from smartlint.document import Directive, Document, Item, Section
from smartlint.slotted import Record, described_with_slots

# ---------------------------------------------------------------------------------------------
# What a format's prepare step hands over

LINE_CODE = 1  # inside a code fence or front matter: never prose
LINE_HIDDEN = 2  # only comments or a directive: transparent to the block structure


@described_with_slots
class Prepared(Record):
    """A format's source made ready for segmenting."""

    vis: str  # the source with comments masked by NUL (same length and line breaks)
    lines: list[str]  # vis split on "\n"
    starts: list[int]  # offset of each line in the source
    flags: bytearray  # LINE_CODE / LINE_HIDDEN per line
    code_indent: dict[int, int] = field(default_factory=dict)  # fence lines: the opening fence's indent
    directives: list[Directive] = field(default_factory=list)
    directive_offsets: list[int] = field(default_factory=list)  # source offset of each directive's carrier
    notes: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # front matter keys (lower case) and values
    markup_free: bool = True  # no character the format's cleaner would act on

    def __init__(
        self,
        vis: str,
        lines: list[str],
        starts: list[int],
        flags: bytearray,
        code_indent: dict[int, int] | None = None,
        directives: list[Directive] | None = None,
        directive_offsets: list[int] | None = None,
        notes: list[str] | None = None,
        meta: dict[str, str] | None = None,
        markup_free: bool = True,
    ) -> None:
        self.vis = vis
        self.lines = lines
        self.starts = starts
        self.flags = flags
        self.code_indent = {} if code_indent is None else code_indent
        self.directives = [] if directives is None else directives
        self.directive_offsets = [] if directive_offsets is None else directive_offsets
        self.notes = [] if notes is None else notes
        self.meta = {} if meta is None else meta
        self.markup_free = markup_free


def split_lines(text: str) -> tuple[list[str], list[int]]:
    lines = text.split("\n")
    starts = [0]
    starts += accumulate(len(line) + 1 for line in lines[:-1])
    return lines, starts


# ---------------------------------------------------------------------------------------------
# Emitting clean text with its source map

# Anything but a lone space between words: runs of whitespace, other whitespace, NUL (masked comments).
_SEP = re.compile(r"[\s\x00]{2,}|[^\S ]|\x00")

# A deletion is (start, end, join) in raw coordinates; join=True means "acts as a space".
Deletion = tuple[int, int, bool]


def emit(raw: str, deletions: list[Deletion] | tuple[()] = ()) -> tuple[str, list[list[int]]]:
    """Fold whitespace and drop deletions from `raw`.

    Returns the text and its runs [text_offset, raw_offset, length]: each run is copied from
    `raw` unchanged. Characters of the text in no run are single joining spaces.
    """
    if not deletions and raw.isprintable() and "  " not in raw and raw[:1] != " " and raw[-1:] != " ":
        return raw, ([[0, 0, len(raw)]] if raw else [])  # already clean: the common case
    parts: list[str] = []
    runs: list[list[int]] = []
    n = 0
    space = True  # the text so far ends with a space (or is empty): drop further spaces

    def copy(p: int, q: int) -> None:
        nonlocal n, space
        if space and raw[p] == " ":
            p += 1
        if p >= q:
            return
        if runs:
            last = runs[-1]
            if last[0] + last[2] == n and last[1] + last[2] == p:
                last[2] += q - p
            else:
                runs.append([n, p, q - p])
        else:
            runs.append([n, p, q - p])
        parts.append(raw[p:q])
        n += q - p
        space = raw[q - 1] == " "

    def kept(p: int, q: int) -> None:
        nonlocal n, space
        for m in _SEP.finditer(raw, p, q):
            ms, me = m.span()
            if ms > p:
                copy(p, ms)
            if not space:
                chunk = m.group()
                if chunk.strip("\x00"):  # some whitespace, not only masked comment
                    k = chunk.find(" ")
                    if k >= 0:
                        copy(ms + k, ms + k + 1)
                    else:
                        parts.append(" ")
                        n += 1
                        space = True
            p = me
        if p < q:
            copy(p, q)

    pos = 0
    for a, b, join in deletions:
        if pos < a:
            kept(pos, a)
        if join and not space:
            parts.append(" ")
            n += 1
            space = True
        pos = max(pos, b)
    if pos < len(raw):
        kept(pos, len(raw))
    if space and n:
        parts[-1] = parts[-1][:-1]
        last = runs[-1] if runs else None
        if last is not None and last[0] + last[2] == n:
            last[2] -= 1
            if not last[2]:
                runs.pop()
        n -= 1
    return "".join(parts), runs


def drop_prefix(text: str, runs: list[list[int]], k: int) -> tuple[str, list[list[int]]]:
    """Remove the first `k` characters (and the spaces after them) from an emitted text."""
    while k < len(text) and text[k] == " ":
        k += 1
    out: list[list[int]] = []
    for start, src, length in runs:
        if start + length <= k:
            continue
        if start < k:
            cut = k - start
            out.append([0, src + cut, length - cut])
        else:
            out.append([start - k, src, length])
    return text[k:], out


Cleaner = Callable[[str], list[Deletion]]


def clean_ranges(vis: str, ranges: list[tuple[int, int]], cleaner: Cleaner | None) -> tuple[str, list[list[int]]]:
    """Clean text of the source ranges (one per line), joined by line breaks; runs in source offsets."""
    if len(ranges) == 1:
        s, e = ranges[0]
        raw = vis[s:e]
        text, runs = emit(raw, cleaner(raw) if cleaner else ())
        for run in runs:
            run[1] += s
        return text, runs
    raw = "\n".join(vis[s:e] for s, e in ranges)
    raw_starts = []
    offset = 0
    for s, e in ranges:
        raw_starts.append(offset)
        offset += e - s + 1
    text, runs = emit(raw, cleaner(raw) if cleaner else ())
    for run in runs:
        k = bisect.bisect_right(raw_starts, run[1]) - 1
        run[1] = ranges[k][0] + run[1] - raw_starts[k]
    return text, runs


# ---------------------------------------------------------------------------------------------
# Patterns

_LEAD = re.compile(r"[ \t\x00\ufeff]*")
_ATX = re.compile(r"(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]*(?<![^ \t])#+[ \t]*$")  # optional closing hashes
_HR = re.compile(r"([-*_=])(?:[ \t]*\1){2,}[ \t\x00]*$")
_TABLE_DELIMITER = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_GRID_TABLE = re.compile(r"\+[-=:]+\+(?:[-=:]*\+)*[ \t]*$")
_REFDEF = re.compile(r"\[\^?[^\]\n]{1,100}\]:(?:[ \t]|$)")

_BULLETS = "-*+\u2022\u2023\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u25ba\u27a2\u2013\u2014\u00b7\uf0b7\uf0a7\uf076\uf0d8"
_WEAK_BULLETS = "\u2013\u2014\u00b7"  # dashes and dots also start wrapped lines of prose
_MARKER = re.compile(
    r"""(?:
        (?P<bullet>["""
    + re.escape(_BULLETS)
    + r"""]|[o\u00a7](?=\t))
      | (?P<num>\d{1,3}(?:\.\d{1,3})*[.)])
      | (?P<pnum>\(\d{1,3}\))
      | (?P<multi>\d{1,3}(?:\.\d{1,3})+(?=[ \t]+[A-Z(]))
      | (?P<proman>\((?:[ivxlc]{1,7}|[IVXLC]{1,7})\))
      | (?P<roman>(?:[ivxlc]{2,7}|[IVXLC]{2,7})[.)])
      | (?P<palpha>\([A-Za-z]\))
      | (?P<alpha>[A-Za-z][.)])
    )(?:[ \t]+|(?=[\x00]*$))""",
    re.VERBOSE,
)
_ROMAN = re.compile(r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})", re.IGNORECASE)

_NUMBER_WORDS = {
    word: str(number)
    for number, word in enumerate(
        (
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        ),
        1,
    )
}
# "Recommendation 1:", "Recommendation 3.2 -", "Rec. 2:", "Rec 1 -", "R1.", "R1:", "Recommendation R3"
_LABEL_CORE = (
    r"""(?:
    (?i:recommendation|rec\b\.?)[ \t]*(?i:no\.?[ \t]*)?
      (?P<id>R?\d{1,3}(?:\.\d{1,3})*[a-zA-Z]?|(?i:"""
    + "|".join(_NUMBER_WORDS)
    + r"""))\b
  | (?P<rid>R\d{1,3}(?:\.\d{1,3})*[a-z]?)\b
)[*_]{0,3}(?:[ \t]*[:.)]+|[ \t]*[-\u2013\u2014]+(?=\s|$)|(?=\s+[A-Z("'\u2018\u201c*_])|(?=[ \t\x00*_]*$))"""
)
_LABEL_CLEAN = re.compile(_LABEL_CORE + r"\s*", re.VERBOSE)
_LABEL_LINE = re.compile(r"(?:[*_]{1,3})?" + _LABEL_CORE, re.VERBOSE)

_REC_TITLE = re.compile(r"\brecommendations?\b", re.IGNORECASE)
_NOT_THIS_REVIEW = re.compile(r"\b(?:previous|earlier|prior|past|former)\b", re.IGNORECASE)
_SECTION_VOCAB = re.compile(
    r"""(?:(?:part|section|chapter)[ \t]+\w+[ \t]*[:.\-\u2013\u2014]?[ \t]*)?(?:\d+(?:\.\d+)*\.?[ \t]+)?
    (?:the\s+|key\s+|main\s+|summary\s+of\s+(?:the\s+)?)?
    (?:findings?|analysis|learning|lessons|introduction|background|conclusions?|summary|executive\s+summary
      |appendix|appendices|annex(?:es|e)?|glossary|contents|table\s+of\s+contents|references|bibliography
      |acknowledge?ments?|terms\s+of\s+reference|methodology|methods?|scope|chronology|action\s+plan|context
      |overview|foreword|preface|family|good\s+practice|next\s+steps|themes?|issues|case\s+summary
      |review\s+process|purpose|agency\s+involvement|practice\s+issues|discussion|evaluation)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_NOT_RECS_START = re.compile(
    r"""(?:(?:part|section|chapter|appendix|annex)[ \t]+\w+[ \t]*[:.\-\u2013\u2014]?[ \t]*)?(?:\d+(?:\.\d+)*\.?[ \t]+)?
    (?:the\s+|key\s+|main\s+|summary\s+of\s+(?:the\s+)?)?
    (?:findings?|background|introduction|chronology|methodology|methods?|scope|family|case\s+summary
      |agency\s+involvement|review\s+process|purpose|foreword|preface|finding\s+\d+)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_NOT_RECS_ANYWHERE = re.compile(
    r"\b(?:glossary|references|bibliography|acknowledge?ments?|terms\s+of\s+reference|contents)\b", re.IGNORECASE
)
_FINDING_TITLE = re.compile(r"(?:finding|theme|issue|learning\s+point|lesson)\s+\d+\b", re.IGNORECASE)
_VERBISH = re.compile(
    r"\b(?:should|must|shall|will|would|could|can|may|might|ought|is|are|was|were|be|been|being|has|have|had"
    r"|makes?|following|needs?|to)\b",
    re.IGNORECASE,
)
_PREAMBLE = re.compile(
    r"\b(?:following|below|these|(?:\w+ )?further)\s+recommendations\b|recommendations\s+(?:are|were|is|have been)\b"
    r"|\bmakes?\s+(?:the\s+following|\w+)\s+recommendations?\b|\brecommends?\s+(?:the\s+following|as\s+follows)\b",
    re.IGNORECASE,
)
_TRAILING_CLOSERS = " \t\x00*_)]}\"'\u2019\u201d"
_BREAK_PUNCT = frozenset(".!?:;")

BLANK, TEXT, CODE, HIDDEN, HR, QUOTE, TABLE, ATX, REFDEF = range(9)


def ends_with_break(line: str) -> bool:
    stripped = line.rstrip(_TRAILING_CLOSERS)
    return not stripped or stripped[-1] in _BREAK_PUNCT


def heading_like(title: str) -> int:
    """0: not a heading; 1: could be a heading (short, no sentence); 2: names a known section."""
    t = title.strip()
    if not t or len(t) > 150:
        return 0
    if _FINDING_TITLE.match(t) and len(t.split()) <= 25:
        return 2
    colon = t.endswith(":")
    core = t.rstrip(":").rstrip()
    if not core or core[-1] in ".,;!?" or len(core.split()) > 12:
        return 0
    first = core[0]
    if not (first.isupper() or first.isdigit() or first in "(\"'\u2018\u201c"):
        return 0
    if _VERBISH.search(core):
        return 0
    letters = [ch for ch in core if ch.isalpha()]
    strong = (
        _REC_TITLE.search(core) is not None
        or _SECTION_VOCAB.match(core) is not None
        or (len(letters) >= 3 and core.upper() == core)
    )
    if not strong and (colon or ":" in core or _DATE.fullmatch(core)):
        return 0  # "Date: 12 March 2025", "Author: ...", a date alone: metadata, not a heading
    return 2 if strong else 1


def names_recommendations(title: str) -> bool:
    return (
        _REC_TITLE.search(title) is not None
        and _LABEL_CLEAN.match(title.strip()) is None
        and _NOT_THIS_REVIEW.search(title) is None
    )


def _label_id(m: re.Match[str]) -> str:
    ident = m.group("rid") or m.group("id")
    return _NUMBER_WORDS.get(ident.lower(), ident)


def _has_body(text: str) -> bool:
    """Whether the words after a label are a sentence rather than a title."""
    text = text.strip()
    return bool(text) and (len(text.split()) > 8 or text[-1] in ".!?;:" or _VERBISH.search(text) is not None)


# ---------------------------------------------------------------------------------------------
# Blocks


@described_with_slots
class _Block(Record):
    """A list item, labelled recommendation or paragraph being gathered."""

    kind: str  # "list" | "label" | "para"
    first: int  # first line
    last: int  # last line that belongs to it
    indent: int
    ranges: list[tuple[int, int]]
    mtype: str = ""
    ident: str | None = None
    label: bool = False  # the text starts with a "Recommendation N" label to strip
    colon: bool = False  # the last line ends with ":" (a sub-list follows)
    sub: str | None = None  # marker type of the sub-list absorbed at the item's own indent
    blank: bool = False  # a blank line has been seen since the last line
    body: bool = True  # label items: the text after the label is a sentence

    def __init__(
        self,
        kind: str,
        first: int,
        last: int,
        indent: int,
        ranges: list[tuple[int, int]],
        mtype: str = "",
        ident: str | None = None,
        label: bool = False,
        colon: bool = False,
        sub: str | None = None,
        blank: bool = False,
        body: bool = True,
    ) -> None:
        self.kind = kind
        self.first = first
        self.last = last
        self.indent = indent
        self.ranges = ranges
        self.mtype = mtype
        self.ident = ident
        self.label = label
        self.colon = colon
        self.sub = sub
        self.blank = blank
        self.body = body


class _Head(NamedTuple):
    line: int
    body_line: int  # first line of the section's body
    title: str
    level: int
    real: bool  # Markdown ATX / setext, as opposed to a line that looks like a heading


class _Marker(NamedTuple):
    mtype: str  # bullet, num, alpha, roman
    ident: str | None
    content: int  # offset in the line where the item's text starts
    strong: bool  # can interrupt a paragraph
    depth: int = 1


def _indent_of(line: str, lead: int) -> int:
    col = 0
    for ch in line[:lead]:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col = (col // 4 + 1) * 4
    return col


def _marker(line: str, lead: int, alpha_context: bool) -> _Marker | None:
    m = _MARKER.match(line, lead)
    if m is None:
        return None
    kind = m.lastgroup
    token = m.group(kind)  # type: ignore[arg-type]
    end = m.end()
    if kind == "num":
        ident = token[:-1]
        return _Marker("num", ident, end, True, ident.count(".") + 1)
    if kind == "bullet":
        return _Marker("bullet", None, end, token not in _WEAK_BULLETS)
    if kind == "multi":
        return _Marker("num", token, end, True, token.count(".") + 1)
    if kind == "pnum":
        return _Marker("num", token, end, True)
    if kind == "proman":
        roman = token[1:-1]
        if len(roman) == 1:
            letter_kind = "roman" if roman in "ivxIVX" and not alpha_context else "alpha"
            return _Marker(letter_kind, token, end, True)
        return _Marker("roman", token, end, True) if _ROMAN.fullmatch(roman) else None
    if kind == "roman":
        if not _ROMAN.fullmatch(token[:-1]):
            return None
        return _Marker("roman", token[:-1], end, token[-1] == ")")
    letter = token[1] if kind == "palpha" else token[0]
    letter_kind = "roman" if letter in "ivxIVX" and not alpha_context else "alpha"
    if kind == "palpha":
        return _Marker(letter_kind, token, end, True)
    return _Marker(letter_kind, letter, end, token[-1] == ")")


class _Scanner:
    """One pass over the lines, building candidate items, paragraphs and headings."""

    def __init__(self, prep: Prepared, markdown: bool, cleaner: Cleaner | None) -> None:
        self.prep = prep
        self.markdown = markdown
        self.cleaner = cleaner
        self.items: list[_Block] = []
        self.paras: list[_Block] = []
        self.heads: list[_Head] = []
        self._base = 0  # level of the last real heading
        self._last_strong = 0  # level of the last heading that is not a weak one
        lines = prep.lines
        self.unwrapped = not markdown and _unwrapped(lines)

    # -- helpers -------------------------------------------------------------------------------

    def clean_line(self, i: int, begin: int, end: int | None = None) -> str:
        start = self.prep.starts[i]
        line = self.prep.lines[i]
        stop = len(line) if end is None else end
        return clean_ranges(self.prep.vis, [(start + begin, start + stop)], self.cleaner)[0]

    def add_head(self, line: int, body_line: int, title: str, level: int, real: bool, weak: bool = False) -> None:
        if real:
            self._base = level
            self._last_strong = level
        elif not weak:
            self._last_strong = level
        self.heads.append(_Head(line, body_line, title, level, real))

    def pseudo_level(self, strength: int, depth: int = 0, finding: bool = False) -> int:
        """Level of a line that looks like a heading. In Markdown it nests under the last real
        heading; in plain text every strong heading-like line is top level (it ends the section)."""
        base = self._base if self.markdown else 0
        if depth:
            return base + min(depth, 6)
        if strength == 2 and not finding:
            return base + 1
        return self._last_strong + 1

    # -- the pass ------------------------------------------------------------------------------

    def run(self) -> None:
        prep = self.prep
        lines, starts, flags = prep.lines, prep.starts, prep.flags
        count = len(lines)
        kinds = [BLANK] * count
        leads = [0] * count
        indents = [0] * count
        for i, line in enumerate(lines):
            flag = flags[i]
            if flag == LINE_CODE:
                kinds[i] = CODE
                indents[i] = prep.code_indent.get(i, 0)
                continue
            if flag == LINE_HIDDEN:
                kinds[i] = HIDDEN
                continue
            lead = _LEAD.match(line).end()  # type: ignore[union-attr]
            leads[i] = lead
            if lead == len(line):
                kinds[i] = HIDDEN if "\x00" in line else BLANK
                continue
            indent = lead if line.startswith(" " * lead) else _indent_of(line, lead)
            indents[i] = indent
            first = line[lead]
            if first == "#" and indent <= 3 and _ATX.match(line, lead):
                kinds[i] = ATX
            elif first in "-*_=" and _HR.match(line, lead):
                kinds[i] = HR
            elif first == ">":
                kinds[i] = QUOTE
            elif first == "|" or (
                "|" in line
                and (
                    (i + 1 < count and _TABLE_DELIMITER.match(lines[i + 1].strip()))
                    or (i and kinds[i - 1] == TABLE)
                )
            ) or first == "+" and _GRID_TABLE.match(line, lead):
                kinds[i] = TABLE
            elif first == "[" and self.markdown and _REFDEF.match(line, lead):
                kinds[i] = REFDEF
            else:
                kinds[i] = TEXT
        self.kinds, self.leads, self.indents = kinds, leads, indents

        unwrapped = self.unwrapped  # one paragraph per line: every line ends a paragraph
        cur: _Block | None = None
        para: _Block | None = None
        brk = True  # the previous line ended a sentence or block
        skipping = 0  # inside a quote (QUOTE) or table (TABLE): lazy lines belong to it

        def close_cur() -> None:
            nonlocal cur
            if cur is not None:
                self.items.append(cur)
                cur = None

        def close_para() -> None:
            nonlocal para
            if para is not None:
                self.paras.append(para)
                para = None

        def absorb(block: _Block, i: int, begin: int) -> None:
            start = starts[i]
            block.ranges.append((start + begin, start + len(lines[i])))
            block.last = i
            block.blank = False
            block.colon = lines[i].rstrip(_TRAILING_CLOSERS[:3] + "*_").endswith(":")

        for i in range(count):
            kind = kinds[i]
            if kind == HIDDEN:
                continue
            if kind == BLANK:
                if cur is not None:
                    cur.blank = True
                close_para()
                skipping = 0
                brk = True
                continue
            line = lines[i]
            indent = indents[i]
            inside = cur is not None and indent > cur.indent
            if kind == CODE:
                if cur is not None and (inside or cur.kind == "label"):
                    cur.last = i
                else:
                    close_cur()
                close_para()
                brk = True
                continue
            if skipping:
                if kind == skipping or (kind == TEXT and skipping == QUOTE):
                    continue
                skipping = 0
            if kind in (QUOTE, TABLE, REFDEF):
                if cur is not None and inside:
                    cur.last = i
                else:
                    close_cur()
                    close_para()
                    skipping = kind if kind != REFDEF else 0
                brk = True
                continue
            lead = self.leads[i]
            if kind == ATX:
                close_cur()
                close_para()
                cur = self._atx(i, line, lead)  # a "Recommendation N" heading starts an item
                brk = True
                continue
            if kind == HR:
                char = line[lead]
                if char in "=-" and para is not None and cur is None and para.last == i - 1:
                    title = clean_ranges(prep.vis, para.ranges, self.cleaner)[0]
                    label = _LABEL_CLEAN.match(title)
                    if label:
                        para.kind, para.ident, para.label, para.body = "label", _label_id(label), True, False
                        para.last = i
                        cur, para = para, None
                    else:
                        self.add_head(para.first, i + 1, title, 1 if char == "=" else 2, True)
                        para = None
                elif (
                    char in "=-"
                    and self.heads
                    and not self.heads[-1].real
                    and self.heads[-1].body_line == i
                    and cur is None
                ):
                    head = self.heads[-1] = self.heads[-1]._replace(real=True, level=1 if char == "=" else 2, body_line=i + 1)
                    self._base = self._last_strong = head.level
                elif char in "=-" and cur is not None and cur.kind == "label" and cur.last == i - 1 and not cur.body:
                    cur.last = i
                else:
                    close_cur()
                    close_para()
                brk = True
                continue

            # TEXT: a list marker, a label, a heading-like line or prose
            alpha_context = cur is not None and (cur.mtype == "alpha" or cur.sub == "alpha")
            marker = _marker(line, lead, alpha_context)
            if marker is not None:
                if (
                    marker.mtype == "num"
                    and not inside
                    and len(line) - marker.content <= 120
                    and self._numbered_heading(i, line, marker)
                ):
                    close_cur()
                    close_para()
                    brk = True
                    continue
                if cur is not None:
                    if cur.kind == "label" or inside:
                        absorb(cur, i, marker.content)
                        brk = unwrapped or ends_with_break(line)
                        continue
                    same = marker.mtype == cur.mtype or marker.mtype == cur.sub
                    if not marker.strong and not brk and not same:
                        absorb(cur, i, lead)  # a dash or "A." that merely starts a wrapped line
                        brk = unwrapped or ends_with_break(line)
                        continue
                    if marker.mtype != cur.mtype and (cur.sub == marker.mtype or (cur.colon and cur.sub is None)):
                        absorb(cur, i, marker.content)
                        cur.sub = marker.mtype
                        brk = unwrapped or ends_with_break(line)
                        continue
                    close_cur()
                elif para is not None and not brk and not marker.strong:
                    absorb(para, i, lead)
                    brk = unwrapped or ends_with_break(line)
                    continue
                close_para()
                cur = _Block("list", i, i, indent, [(starts[i] + marker.content, starts[i] + len(line))], marker.mtype, marker.ident)
                label = _LABEL_LINE.match(line, marker.content)
                if label:
                    cur.ident, cur.label = _label_id(label), True
                cur.colon = line.rstrip(_TRAILING_CLOSERS[:3] + "*_").endswith(":")
                brk = unwrapped or ends_with_break(line)
                continue

            if cur is not None and cur.kind == "list" and inside:
                absorb(cur, i, lead)
                brk = unwrapped or ends_with_break(line)
                continue

            label = _LABEL_LINE.match(line, lead)
            if label and (brk or (cur is None and para is None)):
                close_cur()
                close_para()
                cur = _Block("label", i, i, indent, [(starts[i] + lead, starts[i] + len(line))], "label", _label_id(label))
                cur.label = True
                cur.body = _has_body(self.clean_line(i, label.end()))
                brk = unwrapped or ends_with_break(line)
                continue

            if (
                brk
                and len(line) - lead <= 150
                and not (cur is not None and cur.kind == "label" and not cur.body)
                and self._standalone(i)
                and self._pseudo_heading(i, line, lead)
            ):
                close_cur()
                close_para()
                brk = True
                continue

            if cur is not None:
                if cur.kind == "list":
                    if not cur.blank and not unwrapped:
                        absorb(cur, i, lead)
                        brk = unwrapped or ends_with_break(line)
                        continue
                    close_cur()
                else:
                    if (not cur.blank and not unwrapped) or inside or not cur.body:
                        if cur.blank:
                            cur.body = True
                        absorb(cur, i, lead)
                        if not cur.body:
                            cur.body = _has_body(self.clean_line(i, lead))
                        brk = unwrapped or ends_with_break(line)
                        continue
                    close_cur()

            if para is not None and not self.unwrapped:
                absorb(para, i, lead)
            else:
                close_para()
                para = _Block("para", i, i, indent, [(starts[i] + lead, starts[i] + len(line))])
            brk = unwrapped or ends_with_break(line)
        close_cur()
        close_para()

    def _atx(self, i: int, line: str, lead: int) -> _Block | None:
        m = _ATX.match(line, lead)
        assert m is not None
        begin = m.end()
        close = _ATX_CLOSE.search(line, begin)
        end = close.start() if close else len(line)
        end = max(end, begin)
        title = self.clean_line(i, begin, end) if end > begin else ""
        label = _LABEL_CLEAN.match(title)
        if label:
            start = self.prep.starts[i]
            block = _Block("label", i, i, self.indents[i], [(start + begin, start + end)], "label", _label_id(label))
            block.label = True
            block.body = _has_body(title[label.end() :])
            return block
        self.add_head(i, i + 1, title, len(m.group(1)), True)
        return None

    def _standalone(self, i: int) -> bool:
        """The line stands alone: the next visible line is blank, a marker, a heading or the end."""
        if self.unwrapped:
            return True
        kinds = self.kinds
        j = i + 1
        while j < len(kinds) and kinds[j] == HIDDEN:
            j += 1
        if j >= len(kinds) or kinds[j] != TEXT:
            return True
        line = self.prep.lines[j]
        lead = self.leads[j]
        return _MARKER.match(line, lead) is not None or _LABEL_LINE.match(line, lead) is not None

    def _pseudo_heading(self, i: int, line: str, lead: int) -> bool:
        if not _could_be_heading(line, lead):
            return False
        title = self.clean_line(i, lead)
        strength = heading_like(title)
        if not strength:
            return False
        if self.markdown and strength == 1:
            body = line[lead:].rstrip(" \t\x00")
            if body[:2] in ("**", "__") and body.endswith((body[:2], body[:2] + ":")):
                strength = 2
        finding = _FINDING_TITLE.match(title) is not None
        level = self.pseudo_level(strength, finding=finding)
        self.add_head(i, i + 1, title.rstrip(":").rstrip(), level, False, weak=strength == 1 or finding)
        return True

    def _numbered_heading(self, i: int, line: str, marker: _Marker) -> bool:
        """'3. Recommendations', '3. Actions' followed by '3.1 ...', or (plain text) '2. Background'
        followed by prose: a numbered section heading rather than an item."""
        if len(line) - marker.content > 120 or not _could_be_heading(line, marker.content):
            return False
        title = self.clean_line(i, marker.content)
        strength = heading_like(title)
        if not strength or _LABEL_CLEAN.match(title):
            return False
        if strength == 1 and not self._followed_by_body(i, self.indents[i], marker.ident or ""):
            return False
        number = line[self.leads[i] : marker.content].strip()  # as written: "3.", "3.2"
        title = f"{number} {title}".rstrip(":").rstrip()
        self.add_head(i, i + 1, title, self.pseudo_level(2, depth=marker.depth), False)
        return True

    def _followed_by_body(self, i: int, indent: int, ident: str) -> bool:
        """What follows is the body of a section: items numbered under this one ('3.1' after '3.'),
        or (in plain text) prose rather than the next item."""
        kinds = self.kinds
        j = i + 1
        if j < len(kinds) and kinds[j] == TEXT and not self.unwrapped:
            line = self.prep.lines[j]
            return _numbered_under(_MARKER.match(line, self.leads[j]), ident)
        while j < len(kinds) and kinds[j] in (BLANK, HIDDEN):
            j += 1
        if j >= len(kinds) or kinds[j] != TEXT or self.indents[j] > indent:
            return False
        line = self.prep.lines[j]
        lead = self.leads[j]
        marker = _MARKER.match(line, lead)
        if marker is not None:
            return _numbered_under(marker, ident)
        return not self.markdown and _LABEL_LINE.match(line, lead) is None


def _numbered_under(marker: re.Match[str] | None, ident: str) -> bool:
    """The marker numbers a sub-item of `ident` ('3.1' under '3')."""
    if marker is None or not ident:
        return False
    token = marker.group().strip().rstrip(".)")
    return token.startswith(ident + ".") and len(token) > len(ident) + 1


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip(", '") + "'..."


def _could_be_heading(line: str, begin: int) -> bool:
    """A cheap test on the raw line that rules out most sentences before cleaning it."""
    rest = line[begin:]
    if _FINDING_TITLE.match(rest.lstrip(" \t*_")):
        return True
    if len(rest) > 150 or _VERBISH.search(rest):
        return False
    stripped = rest.rstrip(_TRAILING_CLOSERS)
    return bool(stripped) and stripped[-1] not in ".,;!?"


def _unwrapped(lines: list[str]) -> bool:
    """Plain text written one paragraph per line (as exported from a word processor)."""
    # Text wrapped by hand or by an editor keeps to 72-80 columns; an export's paragraphs run long.
    nonblank = long = 0
    for line in lines:
        if line.strip():
            nonblank += 1
            if len(line) > 90:
                long += 1
    return long > 0 and long * 100 >= 15 * nonblank


# ---------------------------------------------------------------------------------------------
# Dates

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}
_MONTH = r"(?P<{}>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_DATE = re.compile(
    r"(?:(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<nd>\d{1,2})[/.](?P<nm>\d{1,2})[/.](?P<ny>\d{4})"
    r"|(?P<dd>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.format("dm") + r",?\s+(?P<dy>\d{4})"
    r"|" + _MONTH.format("mm") + r"\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<my>\d{4})"
    r"|" + _MONTH.format("om") + r",?\s+(?P<oy>\d{4}))\b",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"[\s*_#>|-]*(?:report\s+date|date\s+of\s+(?:publication|report|issue)|publication\s+date|date\s+published"
    r"|date\s+issued|version\s+date|last\s+updated|final\s+(?:version|report)|published|dated|issued|date)"
    r"[\s*_|]*[:\-\u2013\u2014]?[\s*_|]*",
    re.IGNORECASE,
)
_DATE_HEAD_LINES = 40


def parse_date(text: str) -> date | None:
    """The first date at the start of `text`, or None."""
    m = _DATE.match(text)
    if m is None:
        return None
    g = m.group
    try:
        if g("iy"):
            return date(int(g("iy")), int(g("im")), int(g("id")))
        if g("ny"):
            return date(int(g("ny")), int(g("nm")), int(g("nd")))
        if g("dy"):
            return date(int(g("dy")), _MONTHS[g("dm").lower()], int(g("dd")))
        if g("my"):
            return date(int(g("my")), _MONTHS[g("mm").lower()], int(g("md")))
        return date(int(g("oy")), _MONTHS[g("om").lower()], 1)
    except (ValueError, KeyError):
        return None


def _plausible(d: date | None) -> date | None:
    return d if d is not None and 1980 <= d.year <= 2100 else None


def find_date(prep: Prepared) -> date | None:
    """The document's own date: front matter `date:`, a 'Date: ...' line near the top, or a date alone on a line."""
    if "date" in prep.meta:
        found = _plausible(parse_date(prep.meta["date"].strip().strip("'\"")))
        if found:
            return found
    bare: date | None = None
    seen = 0
    for i, line in enumerate(prep.lines):
        if seen >= _DATE_HEAD_LINES:
            break
        if prep.flags[i] or not line.strip():
            continue
        seen += 1
        if len(line) > 200:
            continue
        label = _DATE_LABEL.match(line)
        if label and label.end() > len(line) - len(line.lstrip(" \t*_#>|-")):
            found = _plausible(parse_date(line[label.end() :]))
            if found:
                return found
        if bare is None:
            stripped = line.strip(" \t*_#>|\x00")
            m = _DATE.fullmatch(stripped)
            if m:
                bare = _plausible(parse_date(stripped))
    return bare


# ---------------------------------------------------------------------------------------------
# Putting it together


def _section_ends(heads: list[_Head], count: int) -> list[int]:
    """End line (exclusive) of each heading's section: the next heading of the same or a higher level."""
    ends = [count] * len(heads)
    stack: list[int] = []
    for k, head in enumerate(heads):
        while stack and heads[stack[-1]].level >= head.level:
            ends[stack.pop()] = head.line
        stack.append(k)
    return ends


def _ranges(heads: list[_Head], ends: list[int], wanted: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The merged line ranges of the sections whose title is `wanted`."""
    ranges: list[tuple[int, int]] = []
    for k, head in enumerate(heads):
        if wanted(head.title):
            start, end = head.body_line, ends[k]
            if ranges and start <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end))
            else:
                ranges.append((start, end))
    return ranges


def _not_recommendations(title: str) -> bool:
    """Sections that hold no recommendations: background, findings, glossary..."""
    return not names_recommendations(title) and (
        _NOT_RECS_START.match(title) is not None or _NOT_RECS_ANYWHERE.search(title) is not None
    )


def _outside(blocks: list[_Block], ranges: list[tuple[int, int]]) -> list[_Block]:
    """The blocks that start outside every range (both lists sorted)."""
    out: list[_Block] = []
    k = 0
    for block in blocks:
        while k < len(ranges) and ranges[k][1] <= block.first:
            k += 1
        if k == len(ranges) or block.first < ranges[k][0]:
            out.append(block)
    return out


def _within(blocks: list[_Block], ranges: list[tuple[int, int]]) -> list[list[_Block]]:
    """The blocks that start inside each range (both lists sorted)."""
    out: list[list[_Block]] = [[] for _ in ranges]
    k = 0
    for block in blocks:
        while k < len(ranges) and ranges[k][1] <= block.first:
            k += 1
        if k == len(ranges):
            break
        if ranges[k][0] <= block.first:
            out[k].append(block)
    return out


def _paragraph_items(paras: list[_Block], prep: Prepared, cleaner: Cleaner | None) -> list[_Block]:
    keep = []
    for para in paras:
        last = prep.lines[para.last].rstrip(_TRAILING_CLOSERS)
        if last.endswith(":"):
            continue
        text = clean_ranges(prep.vis, para.ranges, cleaner)[0]
        if not text or _PREAMBLE.search(text) and len(text) < 300:
            continue
        keep.append(para)
    return keep


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: reading allocates several small objects per line and
    none of them form cycles, so its runs during the pass are pure cost (about a third of it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def segment(source: str, path: str, fmt: str, prep: Prepared, cleaner: Cleaner | None) -> Document:
    with paused_gc():
        return _segment(source, path, fmt, prep, cleaner)


def _line_end(starts: Sequence[int], i: int, size: int) -> int:
    """Where line `i` ends (before its line break), from the line offsets alone."""
    return starts[i + 1] - 1 if i + 1 < len(starts) else size


def _segment(source: str, path: str, fmt: str, prep: Prepared, cleaner: Cleaner | None) -> Document:
    scanner = _Scanner(prep, fmt == "md", cleaner)
    scanner.run()
    count = len(prep.lines)
    heads = scanner.heads
    notes = list(prep.notes)
    ends = _section_ends(heads, count)
    rec_ranges = _ranges(heads, ends, names_recommendations)

    sections = []
    for k, head in enumerate(heads):
        begin = prep.starts[head.body_line] if head.body_line < count else len(source)
        end = prep.starts[ends[k]] if ends[k] < count else len(source)
        sections.append(Section(head.title, head.level, head.line + 1, source_slice=(source, begin, end)))

    candidates = scanner.items
    chosen: list[_Block]
    if rec_ranges:
        chosen = []
        inside = _within(candidates, rec_ranges)
        para_inside = _within(scanner.paras, rec_ranges)
        for (first, _end), blocks, paras in zip(rec_ranges, inside, para_inside):
            if blocks:
                chosen.extend(blocks)
                continue
            found = _paragraph_items(paras, prep, cleaner)
            if found:
                chosen.extend(found)
                notes.append(
                    f"The recommendations section at line {first} has no numbered or bulleted list: "
                    "each paragraph in it was read as one recommendation."
                )
        if any(block.kind == "para" for block in chosen):
            chosen.sort(key=lambda b: b.first)
        if not chosen:
            kinds = scanner.kinds
            empty = all(kinds[j] in (BLANK, HIDDEN) for first, end in rec_ranges for j in range(first, end))
            where = ", ".join(str(first) for first, _end in rec_ranges[:5])
            if empty and candidates:
                # Headings with nothing under them (a table of contents): read the document's lists.
                chosen = candidates
                notes.append(
                    f"The recommendations heading (line {where}) has nothing under it, "
                    "so every list item in the document was read."
                )
            elif not empty:
                notes.append(
                    f"The recommendations section (line {where}) has no list, 'Recommendation N' paragraph or "
                    "paragraph of prose to read (tables are not read as recommendations)."
                )
    else:
        # No heading names recommendations: every item counts, except in sections that plainly
        # hold none (background, findings, glossary...); failing items, every such paragraph.
        other = _ranges(heads, ends, _not_recommendations)
        chosen = _outside(candidates, other)
        if not chosen:
            chosen = _paragraph_items(_outside(scanner.paras, other), prep, cleaner)
            if chosen:
                notes.append(
                    "No numbered or bulleted list and no 'Recommendation N' paragraphs were found: "
                    "each paragraph was read as one recommendation."
                )
        if len(chosen) < len(candidates) and other:
            titles = ", ".join(f"'{h.title}'" for h in heads if _not_recommendations(h.title))
            notes.append(
                f"No heading names the recommendations; lists under {_shorten(titles)} were not read as "
                "recommendations. Head the recommendations 'Recommendations' to make this explicit."
            )

    items: list[Item] = []
    kept: list[_Block] = []
    vis, starts = prep.vis, prep.starts
    document_date = find_date(prep)
    # The lines are read no more: let them go before the items' texts are made (on a long
    # document they are a second copy of it, and this is where reading peaks).
    prep.lines = []
    # When the whole document has no markup and no odd whitespace, a one-line item is its own
    # clean text (the common case, checked once here rather than per item).
    plain = (
        prep.markup_free
        and "\t" not in vis
        and "  " not in vis
        and "\x00" not in vis
        and vis.replace("\n", " ").isprintable()
    )
    for block in chosen:
        ranges = block.ranges
        if len(ranges) == 1:
            s, e = ranges[0]
            text = vis[s:e]
            if plain and text[:1] != " " and text[-1:] != " ":
                runs = [[0, s, e - s]] if text else []
            else:
                text, runs = emit(text, cleaner(text) if cleaner else ())
                for run in runs:
                    run[1] += s
        else:
            text, runs = clean_ranges(vis, ranges, cleaner)
        if block.label:
            label = _LABEL_CLEAN.match(text)
            if label:
                text, runs = drop_prefix(text, runs, label.end())
        if not text:
            if block.kind == "label":
                notes.append(f"Line {block.first + 1}: 'Recommendation {block.ident}' has no text and was skipped.")
            continue
        index = len(items) + 1
        ident = block.ident if block.ident is not None else str(index)
        items.append(Item(ident, index, text, [(r[0], r[1]) for r in runs]))
        kept.append(block)

    if not items:
        notes.append(
            "Found no recommendations: expected a numbered or bulleted list, or paragraphs starting "
            "'Recommendation 1:', ideally under a 'Recommendations' heading."
        )

    directives = prep.directives
    if directives:
        spans = [(starts[b.first], _line_end(starts, b.last, len(vis))) for b in kept]
        item_starts = [s for s, _ in spans]
        for directive, offset in zip(directives, prep.directive_offsets):
            if directive.kind not in ("ignore", "learning-point"):
                continue
            k = bisect.bisect_right(item_starts, offset) - 1
            if k >= 0 and offset <= spans[k][1]:
                directive.item = k + 1
            elif k + 1 < len(items):
                directive.item = k + 2

    return Document(
        path=path,
        format=fmt,
        source=source,
        items=items,
        directives=directives,
        sections=sections,
        date=document_date,
        notes=notes,
    )
