"""Excel action plans (.xlsx, .xlsm): one recommendation per row, read with openpyxl.

The package is checked first (readers.safezip: zip bombs, entity declarations, encrypted or
legacy files). Workbooks are opened read-only with formulas' cached values, macros are never
loaded, and hidden sheets are skipped. Each visible sheet with a header row is read; cell
references ("Plan!D7") go into each item and finding. See readers.plan for the columns.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator, Mapping
from typing import Any

from smartlint.document import Document
from smartlint.errors import InputError
from smartlint.readers import plan
from smartlint.readers.safezip import damaged, open_package

MAX_ROWS_SCANNED = 1_048_576  # Excel's own limit; the zip size cap bounds the work before this


def _rows(ws: Any) -> Iterator[tuple[int, list[Any]]]:
    number = 0
    for row in ws.iter_rows(values_only=True):
        number += 1
        if number > MAX_ROWS_SCANNED:
            raise plan.TooLarge(f"sheet '{ws.title}' has more than {MAX_ROWS_SCANNED:,} rows")
        yield number, list(row[: plan.MAX_COLUMNS])


def read(path: str, data: bytes, columns: Mapping[str, str] | None = None) -> Document:
    """Read an action-plan workbook. `columns` maps odd header texts to roles (see plan.ROLES)."""
    package = open_package(path, data, "xlsx")
    custom = plan.validate_columns(columns)
    try:
        import openpyxl
    except ImportError:
        raise InputError(f"{path}: reading .xlsx files needs openpyxl: pip install 'smartlint[docs]'") from None
    try:
        with warnings.catch_warnings():
            # openpyxl warns about unsupported extensions (data validation, conditional formats): not our concern
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(package.data), read_only=True, data_only=True, keep_vba=False, keep_links=False)
            try:
                visible = [ws for ws in workbook.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
                hidden = len(workbook.worksheets) - len(visible)
                grid = plan.read_grid((plan.Sheet(ws.title, _rows(ws)) for ws in visible), custom)
            finally:
                workbook.close()
    except plan.TooLarge as exc:
        raise InputError(f"{path}: {exc}; split the workbook") from None
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on damaged parts (KeyError, ValueError, XML errors...)
        raise damaged(path, "xlsx", exc) from None
    if not grid.sheets_read:
        raise InputError(
            f"{path}: no sheet has a header row naming a Recommendation or Action column (looked in the first "
            f"{plan.HEADER_SCAN_ROWS} rows); name the columns, or map odd headers in [action-plan.columns]"
        )
    notes = list(package.notes) + grid.notes
    if hidden:
        notes.append(f"{hidden} hidden sheet{'s were' if hidden > 1 else ' was'} not read.")
    return Document(path=path, format="xlsx", source=grid.source, items=list(grid.items), notes=notes)
