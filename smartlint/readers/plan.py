"""Action plans: tables with one recommendation per row (shared by the .xlsx, .csv and .docx readers).

The header row is found by its column names (Recommendation, Action, Lead/Owner,
Timescale/Target date, Evidence/Outcome measure, Progress/RAG/Status, ...), or by a mapping
the user gives for odd headers. Each data row becomes a `PlanItem` whose text is the
recommendation and action followed by labelled sentences built from the other columns:

    The LSCB should review the neglect protocol. Lead: Head of Service. Timescale: 31 March 2026.

The labels are the forms the rules already read in prose ("Lead: X" names an owner,
"Timescale: ..." a deadline), so a filled column counts towards its criterion with no special
case in the engine. The progress/status column is not part of the text (progress notes are
not the recommendation); it sets `PlanItem.complete`. A `PlanItem` also carries the cells
themselves, so a finding about an empty Lead column can point at that cell ("Plan!D7").

How the columns map to the SMART guide: "Lead", "Owner", "Responsible officer" -> owner;
"Timescale", "Target date", "Deadline" -> timescale; "Evidence", "Evidence of completion",
"Outcome measure", "Success criteria" -> measure (in action plans these say how completion
will be shown, which the guide calls Measurable); "Evidence base", "Source", "Research" ->
evidence (a cited basis, the guide's E); "Progress", "RAG", "Status" -> status.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, NamedTuple

from smartlint.document import Item
from smartlint.errors import ConfigError

ROLES = ("id", "recommendation", "action", "owner", "timescale", "measure", "evidence", "status")
# The criterion (models.Criterion values) each role's column answers.
CRITERION_ROLE = {
    "owner": "owner",
    "timescale": "timescale",
    "measurable": "measure",
    "evidence": "evidence",
}
LABELS = {"owner": "Lead", "timescale": "Timescale", "measure": "Measure", "evidence": "Evidence"}

HEADER_SCAN_ROWS = 50  # the header row must be among the first rows of a sheet
MAX_COLUMNS = 200
MAX_DATA_ROWS = 100_000

_HEADER_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        ("id", r"(?:rec(?:ommendation)?s? )?(?:no|number|num|ref|reference|ref no|id|item|item no|index)"),
        ("evidence", r"evidence base|(?:the )?sources?|research(?: evidence| basis| base)?|citations?|basis|evidence source|references? to research"),
        (
            "measure",
            r"(?:the )?evidence(?: of (?:completion|impact|progress|success|outcomes?|implementation|effectiveness))?"
            r"|evidence (?:required|needed|to be provided)|(?:desired |expected |intended |measurable |target )?outcomes?(?: measures?| and evidence| sought)?"
            r"|success (?:criteria|measures?|indicators?)|measures? of (?:success|impact)|(?:performance |outcome )?measures?"
            r"|how (?:will|do) (?:we|you) know.*|impact(?: measure)?|kpis?|key performance indicators?|evaluation",
        ),
        (
            "recommendation",
            r"(?:(?:the |review |scr |cspr |sar |dhr |learning )?recommendations?(?: text| made| from the review| arising)?)"
            r"|(?:review )?recommendations? and (?:learning|findings)",
        ),
        (
            "action",
            r"(?:agreed |proposed |key |specific |smart |planned |required |single agency |multi agency )?actions?"
            r"(?: (?:required|to be taken|planned|agreed|plan|points?|needed|proposed))?|action\(s\)|actions? to (?:be taken|address (?:the )?recommendations?)"
            r"|what (?:will|needs to|is to) (?:be done|happen)|tasks?|how will (?:this|it|the recommendation) be (?:achieved|done|delivered|implemented)"
            r"|activity|activities|steps(?: to be taken)?",
        ),
        (
            "owner",
            r"(?:action |named |lead )?(?:owners?|leads?)(?: (?:officer|agency|agencies|organisation|person|partner|manager|body|responsible|professional))?"
            r"|responsib(?:le|ility)(?: (?:officer|person|agency|lead|body|manager|organisation|for action))?|by whom|who"
            r"|who (?:will|is to) (?:do|lead|deliver|own) (?:this|it)|accountable(?: (?:officer|person|body|lead))?|lead and partners",
        ),
        (
            "timescale",
            r"(?:target |due |completion |end |deadline )?dates?(?: (?:for|of) completion| due| to be completed by)?|target(?: completion)?(?: dates?)?"
            r"|time ?scales?|time ?frames?|deadlines?|by when|when|completion by|to be completed by|target for completion|due",
        ),
        (
            "status",
            r"(?:current )?status|progress(?: update| to date| made| report)?|(?:b ?)?rag(?: rating| status)?|updates?|current position|position|completed\??|complete\??",
        ),
    )
)

_NORMALISE_DROP = re.compile(r"[^\w\s()]+")
_SPACES = re.compile(r"\s+")
# Cells that hold a placeholder, not a value.
_PLACEHOLDER = re.compile(
    r"(?:-+|\u2013|\u2014|\?+|x|n/?a|none|nil|tbc|tba|tbd|tbc\.?|unknown|not known|not applicable"
    r"|to be (?:confirmed|agreed|decided|determined|set))\.?",
    re.IGNORECASE,
)
_COMPLETE = re.compile(
    r"\b(?:complete|completed|done|closed|achieved|implemented|finished|delivered|signed off|met|blue)\b", re.IGNORECASE
)
_NOT_COMPLETE = re.compile(
    r"\b(?:not|partially|partly|almost|nearly|near|un|yet to be|to be)\s*(?:yet\s+)?(?:complete|completed|done|closed|achieved|implemented|finished|delivered|met)\b"
    r"|\bincomplete\b|\bin progress\b|\bongoing\b|\bon ?track\b|\bdelayed\b|\boverdue\b",
    re.IGNORECASE,
)
# "R3: ...", "3. ...", "Recommendation 3 - ...": a label at the start of a recommendation cell.
_LEADING_LABEL = re.compile(
    r"\s*(?:(?:recommendation|rec\.?)\s*(?:no\.?\s*)?)?(?P<id>R?\d{1,3}(?:\.\d{1,3})*[a-z]?)(?:\s*[.):\-\u2013]\s*|\s+(?=[A-Z(]))",
    re.IGNORECASE,
)
_EXCEL_EPOCH = datetime(1899, 12, 30)


def normalise_header(text: str) -> str:
    text = text.replace("&", " and ").replace("/", " ").replace("_", " ").lower()
    return _SPACES.sub(" ", _NORMALISE_DROP.sub(" ", text)).strip()


def validate_columns(columns: Mapping[str, str] | None, where: str = "configuration") -> dict[str, str]:
    """The user's header -> role mapping, normalised; an unknown role is a ConfigError."""
    out: dict[str, str] = {}
    for header, role in (columns or {}).items():
        role_key = str(role).strip().lower()
        if role_key not in ROLES and role_key != "ignore":
            raise ConfigError(
                f"{where}: action-plan column '{header}' maps to '{role}', which is not one of {', '.join(ROLES)} or ignore"
            )
        out[normalise_header(str(header))] = role_key
    return out


def role_of(header: str, custom: Mapping[str, str]) -> str | None:
    """The role of a header cell, or None when it names none."""
    raw = header.strip()
    if not raw:
        return None
    key = normalise_header(raw)
    if key in custom:
        role = custom[key]
        return None if role == "ignore" else role
    if raw in ("#", "No.", "Ref."):
        return "id"
    if len(key) > 60:
        return None
    key = key.replace("(s)", "s").replace("(", " ").replace(")", " ")
    key = _SPACES.sub(" ", key).strip()
    for role, pattern in _HEADER_PATTERNS:
        if pattern.fullmatch(key):
            return role
    return None


def header_roles(cells: list[str], custom: Mapping[str, str]) -> dict[int, str]:
    """Column index -> role for a candidate header row (the first column of each role wins,
    except status, which may have several)."""
    roles: dict[int, str] = {}
    seen: set[str] = set()
    for col, cell in enumerate(cells[:MAX_COLUMNS]):
        role = role_of(cell, custom)
        if role is None or (role in seen and role != "status"):
            continue
        seen.add(role)
        roles[col] = role
    return roles


def is_header(roles: Mapping[int, str]) -> bool:
    values = set(roles.values())
    return bool(values & {"recommendation", "action"}) and len(values) >= 2


def is_lone_header(roles: Mapping[int, str]) -> bool:
    """A header naming only the recommendation column (a plain list in a table)."""
    return set(roles.values()) == {"recommendation"}


def cell_text(value: Any) -> str:
    """A cell's value as one line of text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return format_date(value.date())
        return f"{format_date(value.date())} {value:%H:%M}"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    return _SPACES.sub(" ", text.replace("\x00", " ")).strip()


def format_date(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def excel_serial_date(value: Any) -> date | None:
    """A number that is an Excel date serial in a plausible range (1990-2100), as a date."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if 32874 <= value <= 73415:
        from datetime import timedelta

        return (_EXCEL_EPOCH + timedelta(days=int(value))).date()
    return None


def is_placeholder(text: str) -> bool:
    return not text or _PLACEHOLDER.fullmatch(text.strip()) is not None


def is_complete(status: str) -> bool:
    return bool(status) and _COMPLETE.search(status) is not None and _NOT_COMPLETE.search(status) is None


@dataclass(slots=True)
class Cell:
    role: str
    ref: str  # "Plan!D7", "D7", "table 1, row 3, cell 2"
    text: str  # one line; "" when empty or a placeholder
    due: date | None = None  # a real date cell (timescale)
    span: tuple[int, int] | None = None  # where the text sits in the item's text


@dataclass(slots=True)
class PlanItem(Item):
    """A row of an action plan: an Item that also knows its cells.

    `cells` maps a role to the row's cell in that column (present, possibly empty, whenever the
    column exists). `complete` is True when the status column says the action is complete.
    """

    cells: dict[str, Cell] = field(default_factory=dict)
    complete: bool | None = None

    def filled(self, role: str) -> str | None:
        """The text of the row's cell for `role` when it holds a value, else None."""
        cell = self.cells.get(role)
        return cell.text if cell is not None and cell.text else None

    def ref_for(self, criterion: str | None, offset: int | None) -> str | None:
        """The cell a finding about `criterion` (at item offset `offset`, None for the whole
        item) belongs to: the criterion's own column when it is empty or holds the words
        quoted, else the cell holding the words, else the row's recommendation cell."""
        role = CRITERION_ROLE.get(str(criterion)) if criterion is not None else None
        own = self.cells.get(role) if role else None
        if own is not None and (not own.text or offset is None or (own.span and own.span[0] <= offset < own.span[1])):
            return own.ref
        if offset is not None:
            for cell in self.cells.values():
                if cell.span is not None and cell.span[0] <= offset < cell.span[1]:
                    return cell.ref
        return self.ref


def column_span(item: Item, role: str) -> tuple[int, int] | None:
    """For an action-plan row: where the text of its filled `role` column ("owner", "measure",
    "evidence", ...) sits in `item.text`. None for prose items, missing columns and empty cells.

    Analyzers use it so that a filled Lead, Outcome measure or Evidence base column satisfies
    its criterion even when the words in it are not ones they recognise ("Lead: JS").
    """
    cells = getattr(item, "cells", None)
    if not cells:
        return None
    cell = cells.get(role)
    if cell is None or not cell.text or cell.span is None:
        return None
    return cell.span


class Row(NamedTuple):
    """One data row: its cells by role (first column of each role; all status columns)."""

    number: int  # 1-based row number in its sheet or table
    cells: dict[str, Cell]
    statuses: list[Cell]


class Composed(NamedTuple):
    text: str
    # (start, end, cell) for each stretch of text copied from a cell, in order
    spans: list[tuple[int, int, Cell]]
    ident: str | None


def compose(row: Row) -> Composed | None:
    """The item text for a row: recommendation and action, then labelled columns. None when the
    row has no recommendation or action text."""
    parts: list[str] = []
    spans: list[tuple[int, int, Cell]] = []
    length = 0
    ident = None

    def add(text: str, cell: Cell | None = None) -> None:
        nonlocal length
        if cell is not None:
            cell.span = (length, length + len(text))
            spans.append((length, length + len(text), cell))
        parts.append(text)
        length += len(text)

    rec = row.cells.get("recommendation")
    action = row.cells.get("action")
    rec_text = rec.text if rec is not None else ""
    if rec is not None and rec_text:
        label = _LEADING_LABEL.match(rec_text)
        if label and label.end() < len(rec_text):
            ident = label.group("id")
            rec_text = rec_text[label.end() :]
    action_text = action.text if action is not None else ""
    if not rec_text and not action_text:
        return None
    if rec_text:
        add(rec_text, rec)
    if action_text:
        if rec_text:
            add(_stop(parts) + " Action: ")
        add(action_text, action)
    for role in ("owner", "timescale", "measure", "evidence"):
        cell = row.cells.get(role)
        if cell is not None and cell.text:
            add(_stop(parts) + f" {LABELS[role]}: ")
            add(cell.text, cell)
    if parts and parts[-1] and parts[-1][-1] not in ".!?":
        add(".")
    return Composed("".join(parts), spans, ident)


def _stop(parts: list[str]) -> str:
    """A full stop to end the text so far, unless it ends with punctuation already."""
    last = parts[-1] if parts else ""
    return "" if not last or last[-1] in ".!?;:" else "."


def row_cells(values: list[Any], roles: Mapping[int, str], ref_of: Any, number: int) -> Row:
    """A Row from a row's raw values. `ref_of(col)` gives a cell's reference."""
    cells: dict[str, Cell] = {}
    statuses: list[Cell] = []
    for col, role in roles.items():
        value = values[col] if col < len(values) else None
        due = None
        if role == "timescale":
            if isinstance(value, datetime):
                due = value.date()
            elif isinstance(value, date):
                due = value
            else:
                due = excel_serial_date(value)
                if due is not None:
                    value = due
        text = cell_text(value)
        if role in ("owner", "timescale", "measure", "evidence", "status") and is_placeholder(text):
            text = ""
        cell = Cell(role, ref_of(col), text, due)
        if role == "status":
            statuses.append(cell)
            cells.setdefault("status", cell)
        else:
            cells[role] = cell
    return Row(number, cells, statuses)


def is_data(row: Row) -> bool:
    """Whether a row holds a recommendation (not blank, not a section title)."""
    rec = row.cells.get("recommendation")
    action = row.cells.get("action")
    text = (rec.text if rec else "") or (action.text if action else "")
    if not text:
        return False
    filled = [c for c in row.cells.values() if c.text and c.role != "id"]
    if len(filled) == 1 and len(text) < 100:
        from smartlint.readers.segment import heading_like

        if heading_like(text):
            return False  # "Theme 2: Information sharing" spanning the table
    return True


def make_item(row: Row, composed: Composed, index: int, ref: str | None, pieces: list[tuple[int, int]]) -> PlanItem:
    ident_cell = row.cells.get("id")
    ident = (ident_cell.text.rstrip(".").strip() if ident_cell is not None and ident_cell.text else None) or composed.ident
    statuses = [c.text for c in row.statuses if c.text]
    complete = is_complete("; ".join(statuses)) if row.statuses else None
    return PlanItem(
        id=ident or str(index),
        index=index,
        text=composed.text,
        pieces=pieces,
        ref=ref,
        cells=dict(row.cells),
        complete=complete,
    )


def row_ref(row: Row) -> str | None:
    for role in ("recommendation", "action"):
        cell = row.cells.get(role)
        if cell is not None and cell.text:
            return cell.ref
    return None


# ---------------------------------------------------------------------------------------------
# Grids: the rows of a sheet or CSV file, read into a Document


class Sheet(NamedTuple):
    name: str | None  # None for CSV (references are then "D7")
    rows: Iterable[tuple[int, list[Any]]]  # (1-based row number, values)


def column_letter(col: int) -> str:
    """0-based column index -> spreadsheet letters (0 -> A, 26 -> AA)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _sheet_prefix(name: str | None) -> str:
    if name is None:
        return ""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name):
        return f"{name}!"
    return "'" + name.replace("'", "''") + "'!"


class GridResult(NamedTuple):
    source: str
    items: list[PlanItem]
    notes: list[str]
    sheets_read: list[str]


class TooLarge(Exception):
    pass


def find_header(buffered: list[tuple[int, list[Any]]], custom: Mapping[str, str]) -> tuple[int, dict[int, str]] | None:
    """Position in `buffered` and roles of the header row: the first row naming a recommendation
    or action column and another known column, else the first row that is only a
    'Recommendations' title over a column of them."""
    lone: tuple[int, dict[int, str]] | None = None
    for k, (_, values) in enumerate(buffered):
        texts = [cell_text(v) for v in values]
        roles = header_roles(texts, custom)
        if is_header(roles):
            return k, roles
        if lone is None and is_lone_header(roles) and sum(1 for t in texts if t) == 1:
            lone = (k, roles)
    return lone


def read_grid(sheets: Iterable[Sheet], custom: Mapping[str, str]) -> GridResult:
    """Read every sheet that has a header row into items. The source has one line per row (the
    first sheet's line N is its row N); a data row's line is its item's text."""
    lines: list[str] = []
    items: list[PlanItem] = []
    item_lines: list[int] = []
    notes: list[str] = []
    sheets_read: list[str] = []
    data_rows = 0

    def plain(values: list[Any]) -> str:
        return " | ".join(t for t in (cell_text(v) for v in values) if t)

    for sheet in sheets:
        prefix = _sheet_prefix(sheet.name)
        base = len(lines)
        rows = iter(sheet.rows)
        buffered: list[tuple[int, list[Any]]] = []
        for number, values in rows:
            buffered.append((number, values[:MAX_COLUMNS]))
            if len(buffered) >= HEADER_SCAN_ROWS or is_header(header_roles([cell_text(v) for v in values], custom)):
                break
        header = find_header(buffered, custom)

        def place(number: int, text: str) -> int:
            while len(lines) < base + number - 1:
                lines.append("")
            lines.append(text)
            return len(lines) - 1

        if header is None:
            for number, values in buffered:
                place(number, plain(values))
            continue
        at, roles = header
        sheets_read.append(sheet.name or "")
        found = False

        def data(number: int, values: list[Any]) -> None:
            nonlocal data_rows, found
            row = row_cells(values, roles, lambda col: f"{prefix}{column_letter(col)}{number}", number)
            composed = compose(row) if is_data(row) else None
            if composed is None:
                place(number, plain(values))
                return
            data_rows += 1
            if data_rows > MAX_DATA_ROWS:
                raise TooLarge(f"has more than {MAX_DATA_ROWS:,} rows of recommendations (the most smartlint reads)")
            found = True
            item_lines.append(place(number, composed.text))
            items.append(make_item(row, composed, len(items) + 1, row_ref(row), []))

        for k, (number, values) in enumerate(buffered):
            if k <= at:
                place(number, plain(values))
            else:
                data(number, values)
        for number, values in rows:
            data(number, values[:MAX_COLUMNS])
        if not found:
            where = f"sheet '{sheet.name}'" if sheet.name else "the file"
            notes.append(f"The header row of {where} was found, but no row below it holds a recommendation.")

    offset = 0
    starts: list[int] = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    for item, line_no in zip(items, item_lines):
        item.pieces = [(0, starts[line_no])]
    return GridResult("\n".join(lines), items, notes, sheets_read)
