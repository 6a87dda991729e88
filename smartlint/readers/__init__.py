"""Readers turn a file into a smartlint Document.

`format_for_path` chooses the format from the file name (FORMATS is the table: add an
extension there when a reader for it exists); Markdown and plain text are read by
`read_text_document` after `decode.decode_bytes`.
"""

from __future__ import annotations

import os

from smartlint.document import Document

# Extension (lower case, with the dot) -> format id.
FORMATS: dict[str, str] = {
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".mkd": "md",
    ".txt": "txt",
    ".text": "txt",
    ".docx": "docx",
    ".docm": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".csv": "csv",
    ".pdf": "pdf",
}

TEXT_FORMATS = ("md", "txt")


def format_for_path(path: str) -> str | None:
    """The format id for a file name ('md', 'txt', ...), or None when no reader handles it."""
    return FORMATS.get(os.path.splitext(path)[1].lower())


def read_text_document(text: str, path: str, fmt: str) -> Document:
    """Segment decoded text (fmt 'md' or 'txt') into recommendation items and directives."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt == "md":
        from smartlint.readers.markdown import read_markdown

        return read_markdown(text, path)
    if fmt == "txt":
        from smartlint.readers.text import read_text

        return read_text(text, path)
    raise ValueError(f"read_text_document reads 'md' or 'txt', not {fmt!r}")
