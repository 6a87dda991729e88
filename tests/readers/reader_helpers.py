"""Shared helpers for the reader tests: read a document and check its source map is exact."""

from __future__ import annotations

from smartlint.document import Document
from smartlint.readers import read_text_document


def check_source_map(doc: Document) -> None:
    """Every piece of every item is an exact copy of the source; the rest are single joining spaces."""
    source = doc.source
    for item in doc.items:
        text = item.text
        assert text == text.strip() and "  " not in text and "\n" not in text and "\x00" not in text
        if not text:
            continue
        assert item.pieces and item.pieces[0][0] == 0
        bounds = [p[0] for p in item.pieces] + [len(text)]
        for k, (at, src) in enumerate(item.pieces):
            assert bounds[k] < bounds[k + 1], "pieces must advance in the text"
            if k:
                assert src > item.pieces[k - 1][1], "pieces must advance in the source"
            chunk = text[at : bounds[k + 1]]
            copied = source[src : src + len(chunk)]
            if copied != chunk:
                # only the last character may be a join, and a join is a single space
                assert chunk[-1] == " " and copied[:-1] == chunk[:-1], (chunk, copied)
            if k < 50:  # Item.source_offset is linear in the pieces: check the first ones' ends
                last = len(chunk) - 1 - (copied != chunk)
                assert item.source_offset(at) == src and item.source_offset(at + last) == src + last


def read(text: str, fmt: str = "md") -> Document:
    doc = read_text_document(text, f"doc.{fmt}", fmt)
    check_source_map(doc)
    return doc


def texts(doc: Document) -> list[str]:
    return [item.text for item in doc.items]


def ids(doc: Document) -> list[str]:
    return [item.id for item in doc.items]
