"""Published reports as PDF: best-effort text extraction (pypdf), then the plain-text segmentation.

A PDF stores positioned glyphs, not paragraphs, so this is for researchers counting and
comparing published recommendations, not for editing drafts. Page numbers, running headers
and footers are dropped and words hyphenated across lines are joined; each recommendation's
`ref` gives its page. A PDF with no text layer (a scan) is refused with a message saying so,
rather than reported as having no recommendations.
"""

from __future__ import annotations

import bisect
import io
import logging
import re
import warnings
from collections import Counter

from smartlint.document import Document
from smartlint.errors import InputError

MAX_PAGES = 3000
# Fewer visible characters than this per page on average: the pages are images.
_MIN_CHARS_PER_PAGE = 20

_PAGE_NUMBER = re.compile(
    r"\s*(?:(?:page|p\.)\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*(?:\|\s*P\s*a\s*g\s*e)?\s*|\s*[-\u2013]\s*\d{1,4}\s*[-\u2013]\s*"
    r"|\s*[ivxlc]{1,6}\s*",
    re.IGNORECASE,
)
_HYPHENATED = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _extract(path: str, data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # many PDFs are encrypted only against editing
            except (DependencyError, NotImplementedError):
                opened = 0
            if not opened:
                raise InputError(f"{path}: is password-protected; save a copy without a password and check that")
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise InputError(f"{path}: has {count} pages (smartlint reads PDFs up to {MAX_PAGES} pages)")
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
        return pages
    except InputError:
        raise
    except FileNotDecryptedError:
        raise InputError(f"{path}: is password-protected; save a copy without a password and check that") from None
    except (PdfReadError, Exception) as exc:  # pypdf raises many kinds on damaged files
        reason = (str(exc).strip() or type(exc).__name__).splitlines()[0][:160]
        raise InputError(f"{path}: is a damaged PDF that cannot be read ({reason})") from None


def _repeated_lines(pages: list[list[str]]) -> set[str]:
    """Running headers and footers: short lines found at the top or bottom of most pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {line.strip() for line in lines[:3] + lines[-3:] if line.strip() and len(line.strip()) < 120}
        counts.update(edge)
    threshold = max(3, len(pages) // 2)
    return {line for line, n in counts.items() if n >= threshold}


def clean_pages(raw_pages: list[str]) -> tuple[str, list[int]]:
    """The text of all pages, and the offset where each page starts in it."""
    pages = [_CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n") for text in raw_pages]
    repeated = _repeated_lines(pages)
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for lines in pages:
        kept = [
            line.rstrip()
            for line in lines
            if line.strip() not in repeated and not _PAGE_NUMBER.fullmatch(line)
        ]
        text = _HYPHENATED.sub("", "\n".join(kept)).strip("\n")
        starts.append(offset)
        # A blank line between pages: a page break ends a paragraph only if the text says so,
        # but list items and headings never continue across one without a marker.
        chunk = text + "\n\n"
        parts.append(chunk)
        offset += len(chunk)
    return "".join(parts), starts


def read(path: str, data: bytes) -> Document:
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{path}: is not a PDF file (no %PDF header)")
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # pypdf logs repairs of damaged files; they are not the user's concern
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            raw_pages = _extract(path, data)
    finally:
        logger.setLevel(level)
    visible = sum(len(re.sub(r"\s+", "", text)) for text in raw_pages)
    if not raw_pages:
        raise InputError(f"{path}: has no pages")
    if visible < _MIN_CHARS_PER_PAGE * len(raw_pages) and visible < 200:
        raise InputError(
            f"{path}: has no extractable text (it looks like a scanned image); run OCR on it first "
            "(e.g. ocrmypdf) or check the original Word file"
        )
    text, page_starts = clean_pages(raw_pages)
    from smartlint.readers import read_text_document

    document = read_text_document(text, path, "txt")
    document.format = "pdf"
    for item in document.items:
        first = bisect.bisect_right(page_starts, item.source_offset(0))
        last = bisect.bisect_right(page_starts, item.source_offset(max(len(item.text) - 1, 0)))
        item.ref = f"page {first}" if first == last else f"pages {first}-{last}"
    empty = sum(1 for page in raw_pages if not page.strip())
    if empty and empty * 2 >= len(raw_pages):
        document.notes.append(f"{empty} of {len(raw_pages)} pages have no text layer (scanned images?); only the rest was read.")
    return document
