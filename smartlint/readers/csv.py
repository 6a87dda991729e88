"""CSV action plans: one recommendation per row, columns found by their header (see readers.plan).

Decoded like the text formats (UTF-8 with or without BOM, UTF-16 with a BOM), plus
Windows-1252, which Excel still writes for "CSV" on many machines. The delimiter (comma,
semicolon, tab, bar) is the one with which a header row is found. References name the cell as a spreadsheet would ("D7").

(Named csv.py so the engine finds it as `smartlint.readers.csv`; `import csv` below is the
standard library, since imports are absolute.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping

from smartlint.document import Document
from smartlint.errors import InputError
from smartlint.readers import plan
from smartlint.readers.decode import decode_bytes

_MAX_FIELD = 1024 * 1024


def _decode(data: bytes, path: str) -> str:
    try:
        return decode_bytes(data, path)
    except InputError as exc:
        if "UTF-8" not in str(exc):
            raise
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > 8:
        raise InputError(f"{path}: is neither UTF-8 nor Windows-1252 text; save it from Excel as 'CSV UTF-8'")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(text: str, custom: Mapping[str, str]) -> str:
    """The delimiter with which a header row is found (Excel writes ';' in some locales)."""
    for delimiter in _DELIMITERS:
        reader = csv.reader(io.StringIO(text[:200_000], newline=""), delimiter=delimiter)
        head = []
        try:
            for number, row in enumerate(reader, 1):
                head.append((number, row))
                if number >= plan.HEADER_SCAN_ROWS:
                    break
        except csv.Error:
            continue
        found = plan.find_header(head, custom)
        if found is not None and len(found[1]) >= 2:
            return delimiter
    try:
        return csv.Sniffer().sniff(text[:20000], delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        return ","


def _rows(text: str, path: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for row in reader:
            number += 1
            yield number, row[: plan.MAX_COLUMNS]
    except csv.Error as exc:
        raise InputError(f"{path}: is not a readable CSV file (record {number + 1}: {exc})") from None


def read(path: str, data: bytes, columns: Mapping[str, str] | None = None) -> Document:
    text = _decode(data, path)
    custom = plan.validate_columns(columns)
    old_limit = csv.field_size_limit()
    csv.field_size_limit(_MAX_FIELD)
    try:
        grid = plan.read_grid([plan.Sheet(None, _rows(text, path, _delimiter(text, custom)))], custom)
    except plan.TooLarge as exc:
        raise InputError(f"{path}: {exc}; split the file") from None
    finally:
        csv.field_size_limit(old_limit)
    if not grid.sheets_read:
        raise InputError(
            f"{path}: no header row naming a Recommendation or Action column (looked in the first "
            f"{plan.HEADER_SCAN_ROWS} rows); name the columns, or map odd headers in [action-plan.columns]"
        )
    return Document(path=path, format="csv", source=grid.source, items=list(grid.items), notes=grid.notes)
