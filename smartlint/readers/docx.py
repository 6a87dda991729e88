"""Word documents (.docx, .docm): recommendations from lists, labels, sections and tables.

The Word structure is turned into the plain-text form the shared segmenter reads
(readers.segment), so Word files follow exactly the same rules as Markdown and text:

- each paragraph becomes one line, with blank lines between paragraphs;
- a paragraph with a heading style (Heading N, Title, or an outline level) becomes a '#' heading;
- a list paragraph (Word numbering, direct or through its style) gets a list marker, indented
  by its level, so sub-items (level 2 and deeper) belong to their parent item;
- "Recommendation 3:" paragraphs and "Recommendations" sections (from heading styles or
  heading-like text) are found by the segmenter as in any text.

Positions: `Document.source` has one paragraph per line, so a finding's line is the
paragraph number (counting every paragraph of the body in order, including those in table
cells). Items keep Word's own numbering as their id ("3", "2.1", "(a)").

Tables whose header row names a Recommendation (or Action) column are action plans: each row
is one item, read like a spreadsheet row (readers.plan), with ref "table 2, row 3".

Directives: a Word comment whose text contains "smartlint: ..." applies to the paragraph it
is anchored on; so does text in square brackets, "[smartlint: ignore missing-owner -- reason]",
which is left out of the recommendation's text. Comments written by smartlint itself (an
annotated copy read back) are skipped.
"""

from __future__ import annotations

import bisect
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from smartlint.directives import parse_directive
from smartlint.document import Directive, Document, Item, Section
from smartlint.errors import InputError
from smartlint.readers import plan
from smartlint.readers.safezip import Package, damaged, open_package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{%s}" % W
ANNOTATION_AUTHOR = "smartlint"

_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_MAINS = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)

# Elements whose text is not the paragraph's visible text: deleted or moved-away revisions,
# field codes, drawings and text boxes, properties.
_SKIP = frozenset(
    _W + name
    for name in (
        "del", "moveFrom", "delText", "instrText", "delInstrText", "txbxContent", "drawing", "pict", "object",
        "rPr", "pPr", "fldData", "footnoteReference", "endnoteReference", "commentReference", "annotationRef",
    )
) | {"{%s}AlternateContent" % MC}
_INLINE_DIRECTIVE = re.compile(r"\[\s*(smartlint\b[^\[\]\n]*)\]", re.IGNORECASE)
_COMMENT_DIRECTIVE = re.compile(r"smartlint\b.*", re.IGNORECASE | re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_HEADING_NAME = re.compile(r"(?:heading|titre|überschrift|titolo|encabezado|kop)\s*([1-9])$", re.IGNORECASE)
_TOC_NAME = re.compile(r"(?:toc|table of contents|contents|index|toa)\b", re.IGNORECASE)
_LINE_NOTE = re.compile(r"\bLine (\d+)\b")


# ---------------------------------------------------------------------------------------------
# Opening


def load(path: str, data: bytes) -> tuple[Any, Package]:
    """Check the package and open it with python-docx (macro-enabled files and templates are
    opened as plain documents; their macros are never loaded)."""
    package = open_package(path, data, "docx")
    try:
        import docx
    except ImportError:
        raise InputError(f"{path}: reading .docx files needs python-docx: pip install 'smartlint[docs]'") from None
    blob = package.data
    if _DOCX_MAIN not in package.content_types and any(ct in package.content_types for ct in _OTHER_MAINS):
        blob = _as_plain_document(blob)
    try:
        document = docx.Document(io.BytesIO(blob))
    except InputError:
        raise
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... on damaged parts
        message = str(exc)
        if "content type" in message and "not a Word file" in message:
            raise InputError(f"{path}: is not a Word document (its main part is {message.split('is ')[-1]})") from None
        raise damaged(path, "docx", exc) from None
    return document, package


def _as_plain_document(blob: bytes) -> bytes:
    """The same package with its main part declared as an ordinary document, so python-docx
    opens .docm/.dotx/.dotm files. vbaProject.bin stays an opaque, unread part."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "[Content_Types].xml":
                text = content.decode("utf-8")
                for ct in _OTHER_MAINS:
                    text = text.replace(ct, _DOCX_MAIN)
                content = text.encode("utf-8")
            dst.writestr(info, content)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Walking the body


@dataclass(slots=True)
class Para:
    """One paragraph of the body, in document order."""

    number: int  # 1-based paragraph number (the line in Document.source)
    element: Any
    text: str  # the visible text on one line
    style: str | None = None  # style id
    table: tuple[int, int, int] | None = None  # (table number, row, cell), 1-based
    table_element: Any = None
    in_toc: bool = False


def iter_paragraphs(body: Any) -> Iterator[Para]:
    """Every paragraph of the body in order, including those in tables (numbered alike in the
    reader and the annotator)."""
    counter = [0, 0]  # paragraphs, tables

    def walk(parent: Any, table: tuple[int, int, int] | None, table_element: Any, toc: bool) -> Iterator[Para]:
        for child in parent:
            tag = child.tag
            if tag == _W + "p":
                counter[0] += 1
                yield Para(counter[0], child, paragraph_text(child), _style_of(child), table, table_element, toc)
            elif tag == _W + "tbl":
                counter[1] += 1
                number = counter[1]
                for r, row in enumerate(child.iterchildren(_W + "tr"), 1):
                    for c, cell in enumerate(row.iterchildren(_W + "tc"), 1):
                        yield from walk(cell, (number, r, c), child, toc)
            elif tag == _W + "sdt":
                gallery = child.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
                is_toc = toc or (gallery is not None and "content" in (gallery.get(_W + "val") or "").lower())
                content = child.find(_W + "sdtContent")
                if content is not None:
                    yield from walk(content, table, table_element, is_toc)
            elif tag in (_W + "customXml", _W + "ins", _W + "moveTo"):
                yield from walk(child, table, table_element, toc)

    yield from walk(body, None, None, False)


def paragraph_text(p: Any) -> str:
    """The paragraph's visible text as one line: tracked insertions in, deletions out, line
    breaks and tabs as spaces, field codes and text boxes left out."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag in (_W + "tab", _W + "ptab"):
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append(" ")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "p":
                continue  # a nested paragraph (only in text boxes, skipped above)
            else:
                walk(child)

    walk(p)
    return _CONTROL.sub(" ", "".join(parts))


def _style_of(p: Any) -> str | None:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return style.get(_W + "val") if style is not None else None


# ---------------------------------------------------------------------------------------------
# Styles and numbering


@dataclass(slots=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None  # 0-8
    num: tuple[str, int | None] | None  # numId, ilvl
    indent: int | None = None  # left indent in twips


def _styles(document: Any) -> dict[str, _Style]:
    try:
        root = document.styles.element
    except Exception:
        return {}
    styles: dict[str, _Style] = {}
    for st in root.iterchildren(_W + "style"):
        if st.get(_W + "type") not in (None, "paragraph"):
            continue
        sid = st.get(_W + "styleId")
        if sid is None:
            continue
        name_el = st.find(_W + "name")
        based = st.find(_W + "basedOn")
        outline = st.find(f"{_W}pPr/{_W}outlineLvl")
        num_id = st.find(f"{_W}pPr/{_W}numPr/{_W}numId")
        ilvl = st.find(f"{_W}pPr/{_W}numPr/{_W}ilvl")
        styles[sid] = _Style(
            indent=_indent(st.find(f"{_W}pPr/{_W}ind")),
            name=(name_el.get(_W + "val") if name_el is not None else sid).strip().lower(),
            based_on=based.get(_W + "val") if based is not None else None,
            outline=_int(outline.get(_W + "val")) if outline is not None else None,
            num=(num_id.get(_W + "val"), _int(ilvl.get(_W + "val")) if ilvl is not None else None)
            if num_id is not None
            else None,
        )
    return styles


def _indent(ind: Any) -> int | None:
    """The left indent (twips) of a w:ind element."""
    if ind is None:
        return None
    for attr in ("left", "start"):
        value = _int(ind.get(_W + attr))
        if value is not None:
            return value
    return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _style_chain(styles: dict[str, _Style], sid: str | None) -> Iterator[tuple[str, _Style]]:
    seen: set[str] = set()
    while sid is not None and sid in styles and sid not in seen:
        seen.add(sid)
        yield sid, styles[sid]
        sid = styles[sid].based_on


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False
    indent: int | None = None


@dataclass(slots=True)
class Numbering:
    """Works out the label Word shows for each numbered paragraph ("3.", "2.1", "(a)")."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> level -> start
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    restarted: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document: Any) -> Numbering:
        numbering = cls()
        root = None
        for rel in document.part.rels.values():
            if rel.reltype.endswith("/numbering") and not rel.is_external:
                try:
                    root = rel.target_part.element
                except AttributeError:
                    from docx.oxml.parser import parse_xml

                    root = parse_xml(rel.target_part.blob)
                break
        if root is None:
            return numbering
        for abstract in root.iterchildren(_W + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iterchildren(_W + "lvl"):
                ilvl = _int(lvl.get(_W + "ilvl")) or 0
                level = _Level()
                fmt = lvl.find(_W + "numFmt")
                if fmt is not None:
                    level.fmt = fmt.get(_W + "val") or "decimal"
                text = lvl.find(_W + "lvlText")
                if text is not None:
                    level.text = text.get(_W + "val") or ""
                start = lvl.find(_W + "start")
                if start is not None:
                    level.start = _int(start.get(_W + "val")) or 0
                level.legal = lvl.find(_W + "isLgl") is not None
                level.indent = _indent(lvl.find(f"{_W}pPr/{_W}ind"))
                levels[ilvl] = level
            numbering.abstract[abstract.get(_W + "abstractNumId") or ""] = levels
        for num in root.iterchildren(_W + "num"):
            num_id = num.get(_W + "numId") or ""
            ref = num.find(_W + "abstractNumId")
            if ref is not None:
                numbering.nums[num_id] = ref.get(_W + "val") or ""
            for override in num.iterchildren(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                if start is not None:
                    level = _int(override.get(_W + "ilvl")) or 0
                    numbering.overrides.setdefault(num_id, {})[level] = _int(start.get(_W + "val")) or 0
        return numbering

    def level(self, num_id: str, ilvl: int) -> _Level | None:
        abstract = self.nums.get(num_id)
        if abstract is None:
            return None
        return self.abstract.get(abstract, {}).get(ilvl, _Level())

    def advance(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """Count a paragraph of list `num_id` at level `ilvl`: (label, format), or None when the
        list is not defined."""
        abstract = self.nums.get(num_id)
        if abstract is None:
            return None
        levels = self.abstract.get(abstract, {})
        counts = self.counters.setdefault(abstract, [None] * 9)
        ilvl = max(0, min(ilvl, 8))
        start = levels.get(ilvl, _Level()).start
        override = self.overrides.get(num_id, {})
        if ilvl in override and (num_id, ilvl) not in self.restarted:  # type: ignore[comparison-overlap]
            self.restarted.add((num_id, ilvl))  # type: ignore[arg-type]
            counts[ilvl] = override[ilvl]
        elif counts[ilvl] is None:
            counts[ilvl] = start
        else:
            counts[ilvl] = (counts[ilvl] or 0) + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        level = levels.get(ilvl, _Level())

        def part(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            value = counts[k] if 0 <= k < 9 and counts[k] is not None else levels.get(k, _Level()).start
            fmt = levels.get(k, _Level()).fmt
            if level.legal:
                fmt = "decimal"
            return format_number(value or 0, fmt)

        label = re.sub(r"%([1-9])", part, level.text) if level.fmt not in ("bullet", "none") else level.text
        return label.strip(), level.fmt


def format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        k = max(n, 1)
        repeat = (k - 1) // 26 + 1
        letters = chr(ord("a") + (k - 1) % 26) * repeat  # Word repeats letters: y, z, aa, bb
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, numeral in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def normalise_label(label: str) -> str | None:
    """Word's list label as an item id: "3." -> "3", "2.1." -> "2.1", "(a)" -> "(a)",
    "Recommendation 4:" -> "4"; None for bullets and empty labels."""
    label = label.strip()
    m = re.fullmatch(r"(?i)(?:recommendation|rec\.?)\s+(\S+?)[.:)\-\u2013]*", label)
    if m:
        return m.group(1)
    if re.fullmatch(r"\([^()]{1,8}\)", label):
        return label
    label = label.rstrip(".):\u2013- ")
    if not label or not re.search(r"[0-9A-Za-z]", label):
        return None
    return label


# ---------------------------------------------------------------------------------------------
# Reading


@dataclass(slots=True)
class _Line:
    """A paragraph as written into the synthetic text for the segmenter."""

    number: int  # paragraph number
    syn_start: int  # offset of the paragraph's text in the synthetic text
    prefix: int  # length of the marker/heading prefix before it


@dataclass(slots=True)
class _Table:
    number: int
    rows: list[list[list[Para]]]  # row -> cell -> paragraphs


def _heading_level(para: Para, styles: dict[str, _Style]) -> int | None:
    outline = para.element.find(f"{_W}pPr/{_W}outlineLvl")
    if outline is not None:
        level = _int(outline.get(_W + "val"))
        if level is not None and level < 9:
            return level + 1
    for _sid, style in _style_chain(styles, para.style):
        if _TOC_NAME.match(style.name):
            return None
        if style.name == "title":
            return 1
        m = _HEADING_NAME.match(style.name)
        if m:
            return int(m.group(1))
        if style.outline is not None and style.outline < 9:
            return style.outline + 1
    return None


def _is_toc(para: Para, styles: dict[str, _Style]) -> bool:
    if para.in_toc:
        return True
    return any(_TOC_NAME.match(style.name) for _sid, style in _style_chain(styles, para.style))


def _num_of(para: Para, styles: dict[str, _Style]) -> tuple[str, int] | None:
    num_pr = para.element.find(f"{_W}pPr/{_W}numPr")
    num_id: str | None = None
    ilvl: int | None = None
    if num_pr is not None:
        nid = num_pr.find(_W + "numId")
        lvl = num_pr.find(_W + "ilvl")
        num_id = nid.get(_W + "val") if nid is not None else None
        ilvl = _int(lvl.get(_W + "val")) if lvl is not None else None
    if num_id is None:
        for _sid, style in _style_chain(styles, para.style):
            if style.num is not None:
                num_id = style.num[0]
                if ilvl is None:
                    ilvl = style.num[1]
                break
    if num_id is None or num_id == "0":
        return None
    return num_id, ilvl or 0


_NEST_TOLERANCE = 90  # twips: indents this close are the same level


def _effective_indent(para: Para, styles: dict[str, _Style], numbering: Numbering, num: tuple[str, int] | None) -> int | None:
    """The paragraph's left indent: direct formatting, else its list level's, else its style's."""
    direct = _indent(para.element.find(f"{_W}pPr/{_W}ind"))
    if direct is not None:
        return direct
    if num is not None:
        level = numbering.level(*num)
        if level is not None and level.indent is not None:
            return level.indent
    for _sid, style in _style_chain(styles, para.style):
        if style.indent is not None:
            return style.indent
    return None


class _Nesting:
    """List levels from indentation, so that a "List Number 2" paragraph (a separate Word list,
    indented further) nests under the item above it as a level-2 item does."""

    def __init__(self) -> None:
        self.stack: list[int] = []

    def reset(self) -> None:
        self.stack.clear()

    def level(self, indent: int | None, ilvl: int) -> int:
        if indent is None:
            return ilvl
        stack = self.stack
        while stack and stack[-1] > indent + _NEST_TOLERANCE:
            stack.pop()
        if not stack or abs(stack[-1] - indent) > _NEST_TOLERANCE:
            stack.append(indent)
        return len(stack) - 1


def _all_bold(p: Any) -> bool:
    runs = [r for r in p.iter(_W + "r") if any(t.text and t.text.strip() for t in r.iter(_W + "t"))]
    if not runs:
        return False
    for run in runs:
        b = run.find(f"{_W}rPr/{_W}b")
        if b is None or (b.get(_W + "val") or "true").lower() in ("0", "false", "off"):
            return False
    return True


def _list_continuation(para: Para, styles: dict[str, _Style]) -> bool:
    return any(style.name.startswith(("list paragraph", "list continue")) for _s, style in _style_chain(styles, para.style))


def _comments(document: Any) -> dict[str, tuple[str, str]]:
    """Comment id -> (author, text) for every comment in the document."""
    out: dict[str, tuple[str, str]] = {}
    for rel in document.part.rels.values():
        if not rel.reltype.endswith("/comments") or rel.is_external:
            continue
        part = rel.target_part
        root = getattr(part, "element", None)
        if root is None:
            from docx.oxml.parser import parse_xml

            root = parse_xml(part.blob)
        for comment in root.iterchildren(_W + "comment"):
            paragraphs = ["".join(t.text or "" for t in p.iter(_W + "t")) for p in comment.iter(_W + "p")]
            out[comment.get(_W + "id") or ""] = (comment.get(_W + "author") or "", "\n".join(paragraphs))
    return out


def _comment_ids(p: Any) -> list[str]:
    ids: list[str] = []
    for el in p.iter(_W + "commentRangeStart", _W + "commentReference"):
        cid = el.get(_W + "id")
        if cid is not None and cid not in ids:
            ids.append(cid)
    return ids


def read(path: str, data: bytes, columns: dict[str, str] | None = None) -> Document:
    document, package = load(path, data)
    try:
        return _read(path, document, package, plan.validate_columns(columns))
    except InputError:
        raise
    except RecursionError:
        raise InputError(f"{path}: is nested too deeply to read (tables within tables?)") from None


def _read(path: str, document: Any, package: Package, custom: dict[str, str]) -> Document:
    from smartlint.readers import read_text_document

    styles = _styles(document)
    numbering = Numbering.of(document)
    comments = _comments(document)
    paras = list(iter_paragraphs(document.element.body))

    # Tables: find action-plan tables (a header row naming a recommendation column).
    tables: dict[int, _Table] = {}
    for para in paras:
        if para.table is None:
            continue
        t, r, c = para.table
        table = tables.setdefault(t, _Table(t, []))
        while len(table.rows) < r:
            table.rows.append([])
        row = table.rows[r - 1]
        while len(row) < c:
            row.append([])
        row[c - 1].append(para)
    plan_tables: dict[int, tuple[int, dict[int, str]]] = {}
    for t, table in tables.items():
        head = [(k + 1, [" ".join(p.text.strip() for p in cell) for cell in row]) for k, row in enumerate(table.rows[:3])]
        found = plan.find_header(head, custom)
        if found is not None:
            plan_tables[t] = found
    one_column = {t for t, table in tables.items() if all(len(row) <= 1 for row in table.rows)}

    # Directives: inline [smartlint: ...] text and comments anchored on a paragraph.
    directives: list[tuple[int, Directive]] = []  # (paragraph number, directive)
    masked: dict[int, str] = {}
    for para in paras:
        if "smartlint" in para.text.lower():
            chars = list(para.text)
            for m in _INLINE_DIRECTIVE.finditer(para.text):
                directives.append((para.number, parse_directive(m.group(1), para.number, m.start() + 1)))
                for k in range(m.start(), m.end()):
                    chars[k] = "\x00"
            masked[para.number] = "".join(chars)
        for cid in _comment_ids(para.element):
            author, text = comments.get(cid, ("", ""))
            if author.strip().lower() == ANNOTATION_AUTHOR:
                continue
            m = _COMMENT_DIRECTIVE.search(text)
            if m:
                directives.append((para.number, parse_directive(m.group(), para.number, 1)))

    # The synthetic text for the segmenter.
    out: list[str] = []
    lines: list[_Line] = []  # one per paragraph written
    labels: dict[int, str] = {}  # paragraph number -> Word's list label
    syn_offset = 0
    heading_base = 0
    last_list_level: int | None = None
    nesting = _Nesting()
    for para in paras:
        if para.table is not None and (para.table[0] in plan_tables or para.table[0] not in one_column):
            continue
        text = masked.get(para.number, para.text)
        if not text.replace("\x00", "").strip():
            if text.strip():  # only a directive: transparent, like a comment
                continue
            if para.table is not None:
                last_list_level = None
                nesting.reset()
            continue  # an empty paragraph does not end a list item in Word's eyes
        if _is_toc(para, styles):
            last_list_level = None
            nesting.reset()
            continue
        lead = len(text) - len(text.lstrip(" \t\u00a0"))
        if lead:
            text = "\x00" * lead + text[lead:]
        prefix = ""
        level = _heading_level(para, styles)
        num = _num_of(para, styles)
        numbered = numbering.advance(*num) if num is not None else None
        if level is not None:
            heading_base = level
            label = numbered[0] if numbered and numbered[1] not in ("bullet", "none") else ""
            prefix = "#" * min(level, 6) + " " + (label + " " if label else "")
            last_list_level = None
            nesting.reset()
        elif num is not None and numbered is not None and numbered[1] != "none":
            marker = "-" if numbered[1] == "bullet" else "1."
            depth = nesting.level(_effective_indent(para, styles, numbering, num), num[1])
            prefix = "    " * depth + marker + " "
            last_list_level = depth
            if numbered[1] != "bullet":
                labels[para.number] = numbered[0]
        elif last_list_level is not None and _list_continuation(para, styles):
            prefix = "    " * (last_list_level + 1)
        else:
            last_list_level = None
            nesting.reset()
            if len(text) <= 150 and _all_bold(para.element):
                from smartlint.readers.segment import heading_like

                if heading_like(text.replace("\x00", "").strip()):
                    prefix = "#" * min(heading_base + 1, 6) + " "
        lines.append(_Line(para.number, syn_offset + len(prefix), len(prefix)))
        chunk = prefix + text
        out.append(chunk)
        out.append("")
        syn_offset += len(chunk) + 2
    synthetic = "\n".join(out)
    segmented = read_text_document(synthetic, path, "txt")

    # The real source: one paragraph per line.
    source_lines = [p.text for p in paras]
    starts: list[int] = []
    offset = 0
    for line in source_lines:
        starts.append(offset)
        offset += len(line) + 1
    source = "\n".join(source_lines)
    syn_starts = [line.syn_start - line.prefix for line in lines]

    def to_source(syn: int) -> int:
        k = max(0, bisect.bisect_right(syn_starts, syn) - 1)
        line = lines[k]
        return starts[line.number - 1] + max(0, syn - line.syn_start)

    items: list[tuple[int, int, Item]] = []  # (first paragraph, last paragraph, item)
    for item in segmented.items:
        item.pieces = [(a, to_source(b)) for a, b in item.pieces]
        first = _para_at(starts, item.source_offset(0))
        last = _para_at(starts, item.source_offset(max(len(item.text) - 1, 0)))
        ident = normalise_label(labels[first]) if first in labels else None
        if ident:
            item.id = ident
        items.append((first, last, item))

    # Action-plan tables: one item per data row.
    notes = list(package.notes)
    for t, (at, roles) in sorted(plan_tables.items()):
        found = False
        for r, row in enumerate(tables[t].rows, 1):
            if r <= at + 1:
                continue
            maps = [_cell_map(cell, masked, starts) for cell in row]
            prow = plan.row_cells([m[0] for m in maps], roles, lambda col, r=r: f"table {t}, row {r}, cell {col + 1}", r)
            composed = plan.compose(prow) if plan.is_data(prow) else None
            if composed is None:
                continue
            found = True
            pieces: list[tuple[int, int]] = []
            for start, end, cell in composed.spans:
                col = int(cell.ref.rsplit(" ", 1)[1]) - 1
                cell_text, runs = maps[col]
                cut = len(cell_text) - (end - start)  # a leading "R3:" label left out of the text
                for a, src, n in runs:
                    if a + n <= cut:
                        continue
                    if a < cut:
                        src, a = src + cut - a, cut
                    pieces.append((start + a - cut, src))
            pieces.sort()
            if not pieces:
                continue
            item = plan.make_item(prow, composed, 0, f"table {t}, row {r}", pieces)
            first = _para_at(starts, pieces[0][1])
            last = _para_at(starts, max(src for _, src in pieces))
            items.append((first, last, item))
        if not found:
            notes.append(f"Table {t} has a recommendations header but no rows below it.")

    items.sort(key=lambda entry: (entry[0], entry[2].source_offset(0)))
    final: list[Item] = []
    ranges: list[tuple[int, int]] = []
    for first, last, item in items:
        item.index = len(final) + 1
        if isinstance(item, plan.PlanItem) and item.id == "0":
            item.id = str(item.index)
        final.append(item)
        ranges.append((first, last))

    # Directives apply to the item whose paragraphs hold them, else the next item.
    firsts = [first for first, _ in ranges]
    out_directives: list[Directive] = []
    for number, directive in sorted(directives, key=lambda pair: (pair[0], pair[1].column)):
        if directive.kind in ("ignore", "learning-point"):
            k = bisect.bisect_right(firsts, number) - 1
            if k >= 0 and number <= ranges[k][1]:
                directive.item = k + 1
            elif k + 1 < len(final):
                directive.item = k + 2
        out_directives.append(directive)

    sections = _sections(segmented.sections, lines, synthetic, source_lines)
    for note in segmented.notes:
        if final and note.startswith("No recommendations found"):
            continue
        notes.append(_LINE_NOTE.sub(lambda m: f"Paragraph {_syn_line_to_para(int(m.group(1)), synthetic, lines)}", note))
    return Document(
        path=path,
        format="docx",
        source=source,
        items=final,
        directives=out_directives,
        sections=sections,
        date=segmented.date,
        notes=notes,
    )


def _cell_map(cell: list[Para], masked: dict[int, str], starts: list[int]) -> tuple[str, list[tuple[int, int, int]]]:
    """A table cell's text on one line (paragraphs joined by spaces, directives left out) and
    its runs (text offset, source offset, length)."""
    from smartlint.readers.segment import emit

    texts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    pos = 0
    for para in cell:
        text, para_runs = emit(masked.get(para.number, para.text))
        if not text:
            continue
        if texts:
            pos += 1
        runs.extend((pos + a, starts[para.number - 1] + b, n) for a, b, n in para_runs)
        texts.append(text)
        pos += len(text)
    return " ".join(texts), runs


def _para_at(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


def _syn_line_to_para(line_no: int, synthetic: str, lines: list[_Line]) -> int:
    """Paragraph number of a 1-based line of the synthetic text."""
    offset = 0
    for _ in range(line_no - 1):
        nxt = synthetic.find("\n", offset)
        if nxt == -1:
            break
        offset = nxt + 1
    starts = [line.syn_start - line.prefix for line in lines]
    k = max(0, bisect.bisect_right(starts, offset) - 1)
    return lines[k].number if lines else 1


def _sections(found: list[Section], lines: list[_Line], synthetic: str, source_lines: list[str]) -> list[Section]:
    """The segmenter's sections with paragraph numbers for lines and the real paragraph text."""
    out: list[Section] = []
    numbers = [_syn_line_to_para(s.line, synthetic, lines) for s in found]
    for k, section in enumerate(found):
        start = numbers[k]
        end = len(source_lines) + 1
        for j in range(k + 1, len(found)):
            if found[j].level <= section.level:
                end = numbers[j]
                break
        text = "\n".join(line for line in source_lines[start : end - 1] if line.strip())
        out.append(Section(title=section.title, level=section.level, line=start, text=text))
    return out
