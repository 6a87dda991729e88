"""What readers produce: a document cut into recommendation items, with a map back to the source.

An item's `text` is clean prose (list markers, markup and directive comments removed, line
breaks folded to spaces). `pieces` maps item offsets back to source offsets so the engine can
report exact lines and columns.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import field
from datetime import date
from typing import Literal

from smartlint.slotted import Record, described_with_slots

DirectiveKind = Literal["ignore", "disable", "enable", "file-ignore", "learning-point", "invalid"]


@described_with_slots
class Item(Record):
    """One recommendation as found in the source."""

    id: str
    index: int  # 1-based position among the document's items
    text: str
    # (item_offset, source_offset) at the start of each contiguous run copied from the source,
    # in increasing order of both.
    pieces: list[tuple[int, int]] = field(default_factory=list)
    ref: str | None = None  # format-specific location (spreadsheet cell, table cell)

    def __init__(
        self,
        id: str,
        index: int,
        text: str,
        pieces: list[tuple[int, int]] | None = None,
        ref: str | None = None,
    ) -> None:
        self.id = id
        self.index = index
        self.text = text
        self.pieces = [] if pieces is None else pieces
        self.ref = ref

    def source_offset(self, item_offset: int) -> int:
        """Map an offset in `text` to an offset in the document's source text."""
        if not self.pieces:
            return 0
        # pieces are sorted by item offset; (offset, inf) sorts after every piece starting there
        k = max(0, bisect.bisect_right(self.pieces, (item_offset, math.inf)) - 1)
        item_start, source_start = self.pieces[k]
        return source_start + (item_offset - item_start)


@described_with_slots
class Directive(Record):
    """A `smartlint:` comment found in the document.

    `item` is the index (1-based) of the item the directive applies to: the item that contains
    it, else the next one; None for block and file-wide forms or when no item follows.
    """

    kind: DirectiveKind
    selectors: list[str]
    reason: str | None
    line: int
    column: int
    raw: str
    item: int | None = None
    error: str | None = None  # for kind == "invalid": what is wrong with it

    def __init__(
        self,
        kind: DirectiveKind,
        selectors: list[str],
        reason: str | None,
        line: int,
        column: int,
        raw: str,
        item: int | None = None,
        error: str | None = None,
    ) -> None:
        self.kind = kind
        self.selectors = selectors
        self.reason = reason
        self.line = line
        self.column = column
        self.raw = raw
        self.item = item
        self.error = error


class Section:
    """A headed part of the document (used by whole-document rules, e.g. findings sections).

    A reader may give the text as `source_slice=(source, start, end)` instead: it is cut from the
    source (and stripped) when first read, so a long document's sections do not hold a second
    copy of it (a fifth of the memory of checking 100,000 recommendations)."""

    __slots__ = ("title", "level", "line", "_text", "_slice")

    def __init__(self, title: str, level: int, line: int, text: str | None = None, *,
                 source_slice: tuple[str, int, int] | None = None) -> None:
        if (text is None) == (source_slice is None):
            raise TypeError("Section takes its text or a source_slice")
        self.title = title
        self.level = level
        self.line = line
        self._text = text
        self._slice = source_slice

    @property
    def text(self) -> str:
        if self._text is None:
            source, start, end = self._slice  # type: ignore[misc]
            self._text = source[start:end].strip()
            self._slice = None
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self._text = value
        self._slice = None

    def _fields(self) -> tuple[str, int, int, str]:
        return self.title, self.level, self.line, self.text

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value, as a dataclass

    def __repr__(self) -> str:
        return f"Section(title={self.title!r}, level={self.level!r}, line={self.line!r}, text={self.text!r})"


@described_with_slots
class Document(Record):
    """A read document: its source text, recommendation items, directives, sections and notes."""

    path: str
    format: str  # "md", "txt", "docx", "xlsx", "csv", "pdf"
    source: str  # the text positions refer to (for Word: one paragraph per line)
    items: list[Item] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    date: date | None = None  # the document's own date, when it states one
    notes: list[str] = field(default_factory=list)
    _line_starts: list[int] | None = field(default=None, repr=False)

    def __init__(
        self,
        path: str,
        format: str,
        source: str,
        items: list[Item] | None = None,
        directives: list[Directive] | None = None,
        sections: list[Section] | None = None,
        date: date | None = None,
        notes: list[str] | None = None,
        _line_starts: list[int] | None = None,
    ) -> None:
        self.path = path
        self.format = format
        self.source = source
        self.items = [] if items is None else items
        self.directives = [] if directives is None else directives
        self.sections = [] if sections is None else sections
        self.date = date
        self.notes = [] if notes is None else notes
        self._line_starts = _line_starts

    def position(self, source_offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset."""
        if self._line_starts is None:
            starts = [0]
            find = self.source.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        k = bisect.bisect_right(self._line_starts, source_offset) - 1
        return k + 1, source_offset - self._line_starts[k] + 1
