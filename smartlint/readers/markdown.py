"""Markdown: front matter, code fences and HTML comments (the directive carrier), and the inline
markup removed from item text (emphasis, code backticks, link targets, tags, escapes)."""

from __future__ import annotations

import bisect
import re

from smartlint.directives import parse_directive
from smartlint.document import Directive, Document
from smartlint.readers.segment import (
    LINE_CODE,
    LINE_HIDDEN,
    Deletion,
    Prepared,
    paused_gc,
    segment,
    split_lines,
)

_FENCE = re.compile(r"([ \t]*)(`{3,}|~{3,})([^\n]*)$")
_FRONT_MATTER_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
_DIRECTIVE_START = re.compile(r"\s*smartlint\b", re.IGNORECASE)
_BACKTICKS = re.compile(r"`+")
_NOT_NEWLINE = re.compile(r"[^\n]")


def _fence_closes(line: str, char: str, length: int) -> bool:
    stripped = line.strip()
    return len(stripped) >= length and stripped == char * len(stripped)


def _code_spans(line: str) -> list[tuple[int, int]]:
    """The (start, end) of each `code span` in `line`: backtick runs paired with the next run of
    the same length, as CommonMark pairs them; an unpaired run is literal."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    later: dict[int, list[int]] = {}
    for k in range(len(runs) - 1, -1, -1):
        later.setdefault(runs[k][1] - runs[k][0], []).append(k)  # reversed: pop() gives the next one
    spans = []
    k = 0
    while k < len(runs):
        start, end = runs[k]
        same = later[end - start]
        while same and same[-1] <= k:
            same.pop()
        if same:
            j = same.pop()
            spans.append((end, runs[j][0]))
            k = j + 1
        else:
            k += 1
    return spans


def _in_code_span(spans: list[tuple[int, int]], p: int) -> bool:
    k = bisect.bisect_right(spans, p, key=lambda span: span[0]) - 1
    return k >= 0 and spans[k][0] <= p < spans[k][1]


def prepare_markdown(source: str) -> Prepared:
    lines, starts = split_lines(source)
    count = len(lines)
    prep = Prepared(vis=source, lines=lines, starts=starts, flags=bytearray(count))
    flags = prep.flags
    comments: list[tuple[int, int]] = []
    i = 0

    if count > 1 and lines[0].rstrip() == "---":
        for j in range(1, count):
            if lines[j].rstrip() in ("---", "..."):
                for k in range(j + 1):
                    flags[k] = LINE_CODE
                for line in lines[1:j]:
                    m = _FRONT_MATTER_KEY.match(line)
                    if m:
                        prep.meta[m.group(1).lower()] = m.group(2).strip()
                i = j + 1
                break

    unclosed: list[tuple[int, str]] = []  # (line, "line" | "paragraph")
    no_close_from = len(source) + 1  # no "-->" at or after this offset
    fence: tuple[str, int, int] | None = None  # char, length, indent of the open fence
    fence_line = 0
    while i < count:
        line = lines[i]
        if fence is not None:
            flags[i] = LINE_CODE
            prep.code_indent[i] = fence[2]
            if _fence_closes(line, fence[0], fence[1]):
                fence = None
            i += 1
            continue
        m = _FENCE.match(line)
        if m and not (m.group(2)[0] == "`" and "`" in m.group(3)):
            indent = len(m.group(1).expandtabs(4))
            fence = (m.group(2)[0], len(m.group(2)), indent)
            fence_line = i
            flags[i] = LINE_CODE
            prep.code_indent[i] = indent
            i += 1
            continue
        p = line.find("<!--")
        spans_line, spans = -1, []
        while p >= 0:
            if "`" in line:
                if spans_line != i:
                    spans_line, spans = i, _code_spans(line)
                if _in_code_span(spans, p):
                    p = line.find("<!--", p + 4)
                    continue
            begin = starts[i] + p
            close = source.find("-->", begin + 4) if begin + 4 < no_close_from else -1
            if close < 0:
                no_close_from = min(no_close_from, begin + 4)
                # Never closed: end it with its line (or, when the line holds only '<!--', with its
                # paragraph) rather than hide the rest of the file.
                j = i
                if not line[p + 4 :].strip():
                    while j + 1 < count and lines[j + 1].strip():
                        j += 1
                end = starts[j] + len(lines[j])
                _comment_directive(prep, source, begin, end, i, p, closed=False)
                unclosed.append((i + 1, "line" if j == i else "paragraph"))
                comments.append((begin, end))
                for k in range(i + 1, j + 1):
                    flags[k] = LINE_HIDDEN
                i = j
                line = lines[i]
                p = -1
                break
            end = close + 3
            _comment_directive(prep, source, begin, end, i, p, closed=True)
            comments.append((begin, end))
            j = i
            while j + 1 < count and starts[j + 1] <= close:
                j += 1
            for k in range(i + 1, j):
                flags[k] = LINE_HIDDEN
            i = j
            line = lines[i]
            p = line.find("<!--", end - starts[i])
        i += 1
    if unclosed:
        where = ", ".join(f"line {number} (to the end of its {extent})" for number, extent in unclosed[:5])
        more = f" and {len(unclosed) - 5} more" if len(unclosed) > 5 else ""
        prep.notes.append(
            f"An HTML comment '<!--' is never closed with '-->' at {where}{more}; "
            "each was taken to end there rather than hide the rest of the file."
        )
    if fence is not None:
        prep.notes.append(
            f"Line {fence_line + 1}: a code block opened with {fence[0] * 3} is never closed; "
            "the rest of the file was read as code."
        )

    prep.markup_free = not comments and _SPECIAL.search(source) is None
    if comments:
        parts = []
        pos = 0
        for begin, end in comments:
            parts.append(source[pos:begin])
            parts.append(_NOT_NEWLINE.sub("\x00", source[begin:end]))
            pos = end
        parts.append(source[pos:])
        prep.vis = "".join(parts)
        prep.lines = prep.vis.split("\n")
    return prep


def _comment_directive(prep: Prepared, source: str, begin: int, end: int, line: int, column: int, closed: bool) -> None:
    body = source[begin + 4 : end - 3 if closed else end]
    if not _DIRECTIVE_START.match(body):
        return
    directive = parse_directive(body, line + 1, column + 1)
    directive.raw = " ".join(source[begin:end].split())  # the comment as written, on one line
    if not closed:
        directive = Directive(
            kind="invalid",
            selectors=[],
            reason=None,
            line=line + 1,
            column=column + 1,
            raw=directive.raw,
            error="this comment is never closed: end it with '-->'",
        )
    prep.directives.append(directive)
    prep.directive_offsets.append(begin)


# ---------------------------------------------------------------------------------------------
# Inline markup

_SPECIAL = re.compile(r"[*_`\[\]<>\\&]")
_LINK = re.compile(
    r"!?\[(?!\^)(?P<text>[^\[\]]*)\]"
    # Lengths are bounded so that a failed attempt at each '[' cannot rescan the rest of the item.
    r"(?:\((?P<url>[^()\s]{0,2000}(?:\([^()\s]{0,2000}\)[^()\s]{0,2000}){0,3})"
    r"(?:\s{1,20}(?:\"[^\"\n]{0,500}\"|'[^'\n]{0,500}'))?\s{0,20}\)|\[[^\[\]]{0,500}\])"
)
_INLINE = re.compile(
    r"(?P<esc>\\[!-/:-@\[-`{-~])"
    r"|(?P<hardbreak>\\(?=\n))"
    r"|(?P<auto><(?:https?|ftp|mailto):[^\s<>]*>)"
    r"|(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>)"
    r"|(?P<space>&(?:nbsp|#160|#[xX][aA]0);)"
    r"|(?P<amp>&amp;)"
)
# Tags that separate words when rendered (the others are removed without a space).
_SPACE_TAGS = frozenset(
    {"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote"}
)
_EMPHASIS = re.compile(r"\*+|_+")
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u2018\u2019\u201c\u201d\u2013\u2014\u2026")
_FLANK_LOOKBACK = 16


def _mark(blocked: bytearray, a: int, b: int) -> None:
    blocked[a:b] = b"\x01" * (b - a)


def markdown_deletions(raw: str) -> list[Deletion]:
    """What to remove from `raw` (one item's lines joined by '\\n') to leave its prose."""
    if not _SPECIAL.search(raw):
        return []
    dels: list[Deletion] = []
    blocked = bytearray(len(raw))

    if "`" in raw:
        runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(raw)]
        by_length: dict[int, list[int]] = {}
        for k, (a, b) in enumerate(runs):
            by_length.setdefault(b - a, []).append(k)
        pointer = dict.fromkeys(by_length, 0)
        k = 0
        while k < len(runs):
            a, b = runs[k]
            same = by_length[b - a]
            ptr = pointer[b - a]
            while ptr < len(same) and same[ptr] <= k:
                ptr += 1
            pointer[b - a] = ptr
            if ptr < len(same):
                j = same[ptr]
                c, d = runs[j]
                dels.append((a, b, False))
                dels.append((c, d, False))
                _mark(blocked, a, d)
                k = j + 1
            else:
                k += 1

    if "[" in raw:
        for m in _LINK.finditer(raw):
            start = m.start()
            if blocked[start]:
                continue
            text_start, text_end = m.span("text")
            dels.append((start, text_start, False))
            dels.append((text_end, m.end(), False))
            _mark(blocked, start, text_start)
            _mark(blocked, text_end, m.end())

    for m in _INLINE.finditer(raw):
        start, end = m.span()
        if blocked[start]:
            continue
        kind = m.lastgroup
        if kind == "esc":
            dels.append((start, start + 1, False))
            _mark(blocked, start, end)
        elif kind == "hardbreak":
            dels.append((start, end, False))
        elif kind == "auto":
            dels.append((start, start + 1, False))
            dels.append((end - 1, end, False))
            _mark(blocked, start, end)
        elif kind == "tag":
            dels.append((start, end, m.group("name").lower() in _SPACE_TAGS))
            _mark(blocked, start, end)
        elif kind == "space":
            dels.append((start, end, True))
            _mark(blocked, start, end)
        else:  # &amp; keeps its "&"
            dels.append((start + 1, end, False))
            _mark(blocked, start, end)

    if "*" in raw or "_" in raw:
        size = len(raw)
        stack: list[tuple[int, int, str]] = []
        for m in _EMPHASIS.finditer(raw):
            a, b = m.span()
            if blocked[a]:
                continue
            char = raw[a]
            before = raw[a - 1] if a else " "
            after = raw[b] if b < size else " "
            before_space = before.isspace() or before == "\x00"
            after_space = after.isspace() or after == "\x00"
            left = not after_space and (after not in _PUNCT or before_space or before in _PUNCT)
            right = not before_space and (before not in _PUNCT or after_space or after in _PUNCT)
            if char == "_":
                can_open = left and (not right or before in _PUNCT)
                can_close = right and (not left or after in _PUNCT)
            else:
                can_open, can_close = left, right
            if can_close:
                for k in range(len(stack) - 1, max(-1, len(stack) - 1 - _FLANK_LOOKBACK), -1):
                    if stack[k][2] == char:
                        dels.append((stack[k][0], stack[k][1], False))
                        dels.append((a, b, False))
                        del stack[k:]
                        break
                else:
                    if can_open:
                        stack.append((a, b, char))
                continue
            if can_open:
                stack.append((a, b, char))

    dels.sort()
    return dels


def read_markdown(text: str, path: str) -> Document:
    with paused_gc():
        return segment(text, path, "md", prepare_markdown(text), markdown_deletions)
