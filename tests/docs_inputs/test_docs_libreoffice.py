"""A Word file written by LibreOffice rather than python-docx: its numbering definitions, heading
styles, point comments (a reference with no range) and tables must read the same way."""

from __future__ import annotations

import pytest

from docs_helpers import FIXTURES, lint, needs_soffice, soffice_convert
from smartlint.readers import docx as docx_reader
from smartlint.readers.plan import PlanItem

EXPECTED_TEXTS = [
    "The Safeguarding Partnership will publish a revised information-sharing protocol for families who move between "
    "areas by 31 March 2026. The protocol will name the manager who receives each transfer notification.",
    "Staff should be reminded of the importance of information sharing.",
    "Practitioners should reflect on what daily life was like for the child.",
    "Audit twenty case files against the escalation policy. Lead: Head of Children's Services. Timescale: 30 June 2026.",
    "Procedures should be reviewed.",
]


def check_libreoffice_draft(doc) -> None:
    assert [item.text for item in doc.items] == EXPECTED_TEXTS
    assert [item.id for item in doc.items] == ["1", "2", "3", "4", "5"]
    lines = [doc.position(item.source_offset(0))[0] for item in doc.items]
    assert lines == [7, 9, 10, 16, 20]
    assert [(d.kind, d.item, d.line) for d in doc.directives] == [("ignore", 2, 9), ("learning-point", 3, 10)]
    assert doc.date is not None and doc.date.isoformat() == "2026-01-14"
    assert [s.title for s in doc.sections] == ["Findings", "Recommendations", "Glossary"]
    table_rows = [item for item in doc.items if isinstance(item, PlanItem)]
    assert [item.ref for item in table_rows] == ["table 1, row 2", "table 1, row 3"]


def test_the_committed_libreoffice_docx():
    data = (FIXTURES / "libreoffice-draft.docx").read_bytes()
    check_libreoffice_draft(docx_reader.read("libreoffice-draft.docx", data))


def test_the_whole_engine_on_the_libreoffice_docx():
    data = (FIXTURES / "libreoffice-draft.docx").read_bytes()
    result = lint(docx_reader.read("libreoffice-draft.docx", data))
    by_id = {rec.id: rec for rec in result.recommendations}
    assert by_id["1"].assessment.score >= 4
    assert "TM001" not in {f.code for f in by_id["2"].findings}  # ignored by the author's comment
    assert [f.code for f in result.suppressed] == ["TM001"]
    assert by_id["3"].learning_point == "a reflective prompt we chose to keep"
    assert not any(f.criterion in ("owner", "specific", "measurable", "timescale") for f in by_id["3"].findings)
    assert {"OW001", "TM001"} <= {f.code for f in by_id["5"].findings}


@pytest.mark.slow
@needs_soffice
def test_libreoffice_builds_the_same_docx_from_the_flat_odt_source(tmp_path):
    built = soffice_convert(FIXTURES / "libreoffice-draft.fodt", "docx", tmp_path)
    check_libreoffice_draft(docx_reader.read(str(built), built.read_bytes()))


@pytest.mark.slow
@needs_soffice
def test_a_round_trip_through_libreoffice_keeps_the_recommendations(tmp_path):
    """python-docx -> LibreOffice -> .docx again: LibreOffice rewrites numbering and styles."""
    import docx

    from docs_helpers import docx_bytes

    document = docx.Document()
    document.add_heading("Recommendations", 1)
    document.add_paragraph("The Board will publish a neglect protocol by June 2026.", style="List Number")
    document.add_paragraph("It will cover families who move between areas.", style="List Number 2")
    document.add_paragraph("Staff should be reminded of the protocol.", style="List Number")
    source = tmp_path / "python-docx.docx"
    source.write_bytes(docx_bytes(document))
    outdir = tmp_path / "out"
    outdir.mkdir()
    rebuilt = soffice_convert(source, "docx", outdir)
    doc = docx_reader.read(str(rebuilt), rebuilt.read_bytes())
    assert [item.text for item in doc.items] == [
        "The Board will publish a neglect protocol by June 2026. It will cover families who move between areas.",
        "Staff should be reminded of the protocol.",
    ]
