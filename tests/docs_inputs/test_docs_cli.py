"""The new formats end to end through the command line (once the lead's wiring is in)."""

from __future__ import annotations

import json
from datetime import datetime

import docx
import openpyxl

from docs_helpers import FIXTURES, TODAY, docx_bytes, needs_wiring, run_cli, workbook_bytes
from test_docs_pdf import REPORT, make_pdf

pytestmark = needs_wiring


def check_json(*args: str) -> dict:
    proc = run_cli("check", "--isolated", "--today", TODAY.isoformat(), "--format", "json", *args)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return json.loads(proc.stdout)


def test_word_positions_are_paragraph_numbers_in_json(tmp_path):
    document = docx.Document()
    document.add_paragraph("Review of the care of Child L")
    document.add_heading("Recommendations", 1)
    document.add_paragraph("Staff should be reminded of the importance of information sharing.", style="List Number")
    path = tmp_path / "draft.docx"
    path.write_bytes(docx_bytes(document))
    report = check_json(str(path))
    [file] = report["files"]
    assert file["format"] == "docx"
    [rec] = file["recommendations"]
    assert (rec["line"], rec["column"], rec["id"]) == (3, 1, "1")
    owner = next(f for f in rec["findings"] if f["code"] == "OW001")
    assert owner["line"] == 3 and owner["quote"] == "should be reminded"


def test_action_plan_with_a_column_mapping_in_the_configuration(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(["Ref", "Learning to act on", "Responsible Officer", "Complete by", "Progress"])
    sheet.append(["A1", "The Board will publish a neglect protocol.", "JS", datetime(2026, 6, 30), "On track"])
    sheet.append(["A2", "Staff should be reminded of the protocol.", None, None, "Not started"])
    (tmp_path / "plan.xlsx").write_bytes(workbook_bytes(workbook))
    (tmp_path / "smartlint.toml").write_text(
        '[action-plan.columns]\n"Learning to act on" = "recommendation"\n"Responsible Officer" = "owner"\n'
        '"Complete by" = "timescale"\n',
        encoding="utf-8",
    )
    proc = run_cli("check", "--today", TODAY.isoformat(), "--format", "json", "plan.xlsx", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr.decode()
    [file] = json.loads(proc.stdout)["files"]
    first, second = file["recommendations"]
    assert (first["id"], first["ref"], first["assessment"]["owner"]["status"]) == ("A1", "Plan!B2", "named")
    refs = {f["code"]: f["ref"] for f in second["findings"]}
    assert refs["OW001"] == "Plan!C3" and refs["TM001"] == "Plan!D3"


def test_unknown_column_role_in_the_configuration_is_one_line(tmp_path):
    (tmp_path / "smartlint.toml").write_text('[action-plan.columns]\n"By" = "deadline"\n', encoding="utf-8")
    (tmp_path / "plan.csv").write_text("Recommendation,By\nThe Board will publish a protocol.,June 2026\n", encoding="utf-8")
    proc = run_cli("check", "plan.csv", cwd=tmp_path)
    assert proc.returncode == 2 and len(proc.stderr.decode().strip().splitlines()) == 1


def test_a_folder_of_mixed_documents(tmp_path):
    (tmp_path / "review.pdf").write_bytes(make_pdf(REPORT))
    (tmp_path / "plan.csv").write_text("Recommendation,Lead,Timescale\nThe Board will publish a protocol.,Board,June 2026\n", encoding="utf-8")
    (tmp_path / "draft.docx").write_bytes((FIXTURES / "libreoffice-draft.docx").read_bytes())
    report = check_json(str(tmp_path))
    assert sorted(f["format"] for f in report["files"]) == ["csv", "docx", "pdf"]
    assert report["errors"] == []


def test_sarif_and_text_show_cell_references(tmp_path):
    (tmp_path / "plan.csv").write_text("Recommendation,Lead\nProcedures should be reviewed.,\n", encoding="utf-8")
    proc = run_cli("check", "--isolated", str(tmp_path / "plan.csv"))
    assert "B2" in proc.stdout.decode()
