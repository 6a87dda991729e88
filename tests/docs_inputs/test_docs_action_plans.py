"""Action plans in .xlsx and .csv: header rows, column mapping, cell references, dates, status."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from docs_helpers import lint, workbook_bytes
from smartlint.errors import ConfigError, InputError
from smartlint.readers import csv as csv_reader
from smartlint.readers import plan
from smartlint.readers import xlsx as xlsx_reader

HEADER = ["No.", "Recommendation", "Action", "Lead", "Target date", "Evidence of completion", "RAG status"]


def plan_workbook(rows, header=HEADER, title="Plan", preamble=(("Action plan: Child F review",), ())):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in preamble:
        sheet.append(list(row))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    return workbook


ROWS = [
    [1, "The LSCB should review the neglect protocol.", "Revise the protocol and publish it", "Head of Safeguarding",
     datetime(2026, 3, 31), "Protocol published on the website", "Amber"],
    [2, "Staff should be reminded of information sharing.", None, None, None, None, "In progress"],
    ["Theme 2: Health"],
    [3, "R3: The ICB will audit 20 GP records against the protocol.", None, "JS", datetime(2025, 6, 30),
     "Audit report to the Board", "Complete"],
    [4, "The ICB will audit 20 GP records against the protocol.", None, "JS", datetime(2025, 6, 30),
     "Audit report to the Board", "Not complete"],
    [5, "The Board will publish an escalation policy.", None, "Designated Nurse", 46843, "", "Not started"],
]


def read_plan(rows=ROWS, **kwargs):
    return xlsx_reader.read("plan.xlsx", workbook_bytes(plan_workbook(rows, **kwargs)))


def test_header_row_is_found_below_a_title_and_each_row_is_one_item():
    doc = read_plan()
    assert doc.format == "xlsx"
    assert [item.id for item in doc.items] == ["1", "2", "3", "4", "5"]  # the theme row is a title, not an item
    first = doc.items[0]
    assert first.text == (
        "The LSCB should review the neglect protocol. Action: Revise the protocol and publish it. "
        "Lead: Head of Safeguarding. Timescale: 31 March 2026. Measure: Protocol published on the website."
    )
    assert first.ref == "Plan!B4"


def test_line_numbers_are_the_first_sheets_row_numbers_and_cells_have_references():
    doc = read_plan()
    rows = [doc.position(item.source_offset(0))[0] for item in doc.items]
    assert rows == [4, 5, 7, 8, 9]
    second = doc.items[1]
    assert second.cells["owner"].ref == "Plan!D5" and second.cells["owner"].text == ""
    assert second.ref_for("owner", None) == "Plan!D5"
    assert second.ref_for("timescale", None) == "Plan!E5"
    assert second.ref_for("measurable", None) == "Plan!F5"
    assert second.ref_for("specific", 0) == "Plan!B5"
    first = doc.items[0]
    lead = first.text.index("Head of Safeguarding")
    assert first.ref_for("owner", lead) == "Plan!D4"
    assert first.ref_for("specific", first.text.index("Revise")) == "Plan!C4"


def test_real_excel_dates_and_date_serials_become_dates_and_labels_are_stripped_into_ids():
    doc = read_plan()
    third, fifth = doc.items[2], doc.items[4]
    assert third.text.startswith("The ICB will audit 20 GP records")  # "R3:" left out of the text
    assert third.cells["timescale"].due == date(2025, 6, 30)
    assert "Timescale: 30 June 2025." in third.text
    assert fifth.cells["timescale"].due == date(2028, 3, 31)  # 46843 is an Excel serial date
    assert "Timescale: 31 March 2028." in fifth.text


def test_status_sets_complete_and_is_not_part_of_the_text():
    doc = read_plan()
    assert [item.complete for item in doc.items] == [False, False, True, False, False]
    assert all("Amber" not in item.text and "Complete" not in item.text for item in doc.items)


@pytest.mark.parametrize(
    ("status", "complete"),
    [("Complete", True), ("Completed 3/2/26", True), ("Blue", True), ("Closed", True), ("Done", True),
     ("Not complete", False), ("Partially completed", False), ("In progress", False), ("Green", False),
     ("Complete? No - delayed", False), ("", False)],
)
def test_complete_status_words(status, complete):
    assert plan.is_complete(status) is complete


def test_the_whole_engine_on_an_action_plan():
    result = lint(read_plan(), today=date(2026, 1, 14))
    by_id = {rec.id: rec for rec in result.recommendations}
    first = by_id["1"].assessment
    assert (first.owner.status, first.timescale.status, first.measurable.status) == ("named", "concrete", "measurable")
    second = {f.code for f in by_id["2"].findings}
    assert {"OW001", "TM001", "MS001"} <= second
    # Past the deadline: flagged when the row is not complete, not when it is.
    assert "TM003" in {f.code for f in by_id["4"].findings}
    assert "TM004" in {f.code for f in by_id["5"].findings}  # more than 12 months out


@pytest.fixture
def wired():
    from docs_helpers import WIRED

    if not WIRED:
        pytest.skip("issue-4 wiring (engine ref hook, analyzer column hooks) not in yet")


def test_findings_point_at_the_empty_cell(wired):
    result = lint(read_plan(), today=date(2026, 1, 14))
    second = {f.code: f for f in result.recommendations[1].findings}
    assert second["OW001"].ref == "Plan!D5"
    assert second["TM001"].ref == "Plan!E5"
    assert second["MS001"].ref == "Plan!F5"


def test_a_filled_column_satisfies_its_criterion_and_completed_rows_are_not_overdue(wired):
    result = lint(read_plan(), today=date(2026, 1, 14))
    third = result.recommendations[2]
    assert third.assessment.owner.status == "named"  # "JS" in the Lead column
    assert "OW001" not in {f.code for f in third.findings}
    assert "TM003" not in {f.code for f in third.findings}  # past the date but complete


def test_custom_column_mapping_for_odd_headers():
    header = ["Ref", "What the review found we must do", "Responsible Officer", "By"]
    rows = [["A1", "The Board will publish a protocol.", "Jo Bloggs", "June 2026"]]
    with pytest.raises(InputError, match="no sheet has a header row"):
        read_plan(rows, header=header)
    doc = xlsx_reader.read(
        "plan.xlsx",
        workbook_bytes(plan_workbook(rows, header=header)),
        columns={"What the review found we must do": "recommendation", "By": "timescale"},
    )
    [item] = doc.items
    assert item.id == "A1"
    assert item.text == "The Board will publish a protocol. Lead: Jo Bloggs. Timescale: June 2026."
    with pytest.raises(ConfigError, match="not one of"):
        xlsx_reader.read("plan.xlsx", workbook_bytes(plan_workbook(rows, header=header)), columns={"By": "deadline"})


@pytest.mark.parametrize(
    ("header", "role"),
    [("Recommendation", "recommendation"), ("Recommendations", "recommendation"), ("SCR Recommendation", "recommendation"),
     ("Rec No.", "id"), ("Action(s)", "action"), ("Actions to be taken", "action"), ("Lead officer", "owner"),
     ("Lead Agency", "owner"), ("Owner", "owner"), ("Responsible", "owner"), ("By whom", "owner"),
     ("Timescale", "timescale"), ("Target Date", "timescale"), ("By when", "timescale"), ("Deadline", "timescale"),
     ("Evidence", "measure"), ("Evidence of impact", "measure"), ("Outcome measure", "measure"), ("Success criteria", "measure"),
     ("Evidence base", "evidence"), ("Source", "evidence"), ("RAG", "status"), ("Progress update", "status"),
     ("BRAG rating", "status"), ("Status", "status"), ("Comments", None), ("Notes", None), ("", None)],
)
def test_header_names(header, role):
    assert plan.role_of(header, {}) == role


def test_hidden_sheets_are_skipped_and_every_visible_plan_sheet_is_read():
    workbook = plan_workbook([[1, "The Board will publish a protocol.", None, "Board", "June 2026", "", ""]])
    lookup = workbook.create_sheet("Lists")
    lookup.append(["Recommendation", "Lead"])
    lookup.append(["Hidden rows are not recommendations.", "Nobody"])
    lookup.sheet_state = "hidden"
    second = workbook.create_sheet("Health plan")
    second.append(["Recommendation", "Lead", "Timescale"])
    second.append(["The ICB will audit 20 records.", "ICB", "March 2026"])
    doc = xlsx_reader.read("plan.xlsx", workbook_bytes(workbook))
    assert [item.ref for item in doc.items] == ["Plan!B4", "'Health plan'!A2"]
    assert any("hidden sheet" in note for note in doc.notes)


def test_a_workbook_with_no_plan_says_so():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Budget", "2026"])
    with pytest.raises(InputError) as caught:
        xlsx_reader.read("budget.xlsx", workbook_bytes(workbook))
    assert "no sheet has a header row naming a Recommendation or Action column" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_formulas_are_read_as_their_cached_values_not_their_code():
    workbook = plan_workbook([[1, "The Board will publish a protocol.", None, "=CONCAT(\"Bo\",\"ard\")", None, None, None]])
    doc = xlsx_reader.read("plan.xlsx", workbook_bytes(workbook))
    # openpyxl does not compute formulas: with no cached value the cell is empty, never "=CONCAT(...)".
    assert "CONCAT" not in doc.items[0].text


def test_very_many_rows_are_refused_with_one_line(monkeypatch):
    monkeypatch.setattr(plan, "MAX_DATA_ROWS", 50)
    rows = [[k, f"The Board will publish protocol {k}.", None, "Board", "June 2026", "", ""] for k in range(60)]
    with pytest.raises(InputError) as caught:
        read_plan(rows)
    assert "more than 50 rows" in str(caught.value)


# ---- CSV ---------------------------------------------------------------------------------------


def test_csv_plan_with_commas_in_quoted_cells():
    data = (
        'Ref,Recommendation,Owner,Timescale\n'
        '1,"The Board will publish a protocol, with a summary, for families.",Board Chair,March 2026\n'
        '2,Staff should be reminded,,\n'
    ).encode()
    doc = csv_reader.read("plan.csv", data)
    assert doc.format == "csv"
    first, second = doc.items
    assert first.text == "The Board will publish a protocol, with a summary, for families. Lead: Board Chair. Timescale: March 2026."
    assert first.ref == "B2" and second.ref_for("owner", None) == "C3"
    assert doc.position(second.source_offset(0))[0] == 3


def test_csv_with_semicolons_bom_and_windows_1252():
    data = "\ufeffRecommendation;Lead;Timescale\r\nThe Board will publish a protocol;Board;March 2026\r\n".encode("utf-8")
    assert csv_reader.read("plan.csv", data).items[0].text == "The Board will publish a protocol. Lead: Board. Timescale: March 2026."
    data = "Recommendation\tLead\nThe Board will review the caf\xe9 policy\tBoard\n".encode("cp1252")
    assert csv_reader.read("plan.csv", data).items[0].text == "The Board will review the caf\xe9 policy. Lead: Board."


def test_csv_without_a_header_row_is_refused():
    with pytest.raises(InputError, match="no header row"):
        csv_reader.read("plan.csv", b"a,b,c\n1,2,3\n")


def test_csv_that_is_binary_is_refused():
    with pytest.raises(InputError):
        csv_reader.read("plan.csv", b"\x00\x01\x02\x03" * 100)
