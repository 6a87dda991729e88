"""The Word reader: lists, numbering, headings, labels, tables, directives and odd structures."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from docs_helpers import docx_bytes, lint, rezip
from smartlint.readers import docx as docx_reader
from smartlint.readers.plan import PlanItem

W_NS = nsdecls("w")


def read(document) -> object:
    return docx_reader.read("draft.docx", docx_bytes(document))


def texts(doc) -> list[str]:
    return [item.text for item in doc.items]


def line_of(doc, item) -> int:
    return doc.position(item.source_offset(0))[0]


def standard_draft():
    document = docx.Document()
    document.add_paragraph("Child Safeguarding Practice Review: Child E")  # 1
    document.add_paragraph("Date: 14 January 2026")  # 2
    document.add_heading("Background", 1)  # 3
    document.add_paragraph("The family moved three times in a year.", style="List Bullet")  # 4
    document.add_heading("Recommendations", 1)  # 5
    document.add_paragraph("The review makes the following recommendations:")  # 6
    document.add_paragraph("The Safeguarding Partnership will publish a revised neglect protocol by 31 March 2026.", style="List Number")  # 7
    document.add_paragraph("Staff should be reminded of the importance of information sharing.", style="List Number")  # 8
    document.add_paragraph("")  # 9: an empty paragraph between items
    document.add_paragraph("Health visitors should attend training on neglect.", style="List Number")  # 10
    document.add_heading("Appendix: glossary", 1)  # 11
    document.add_paragraph("CSPR means child safeguarding practice review.", style="List Bullet")  # 12
    return document


def test_list_paragraphs_in_the_recommendations_section_are_the_items():
    doc = read(standard_draft())
    assert doc.format == "docx"
    assert texts(doc) == [
        "The Safeguarding Partnership will publish a revised neglect protocol by 31 March 2026.",
        "Staff should be reminded of the importance of information sharing.",
        "Health visitors should attend training on neglect.",
    ]
    assert [item.id for item in doc.items] == ["1", "2", "3"]


def test_lines_are_paragraph_numbers_and_the_source_has_one_paragraph_per_line():
    doc = read(standard_draft())
    assert [line_of(doc, item) for item in doc.items] == [7, 8, 10]
    lines = doc.source.split("\n")
    assert len(lines) == 12
    assert lines[6].startswith("The Safeguarding Partnership")
    # A quote maps back to its column in the paragraph.
    item = doc.items[1]
    start = item.text.index("information sharing")
    assert doc.position(item.source_offset(start)) == (8, lines[7].index("information sharing") + 1)


def test_document_date_and_sections_use_paragraph_numbers():
    doc = read(standard_draft())
    assert doc.date.isoformat() == "2026-01-14"
    titles = {s.title: s for s in doc.sections}
    assert titles["Recommendations"].line == 5
    assert "Staff should be reminded" in titles["Recommendations"].text
    assert "glossary" not in titles["Recommendations"].text.lower()


def test_a_list_number_2_paragraph_belongs_to_the_item_above():
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    document.add_paragraph("The LSCB should review the neglect protocol by March 2026.", style="List Number")
    document.add_paragraph("The review should include the voice of fathers.", style="List Number 2")
    document.add_paragraph("The Board will publish an annual report.", style="List Number")
    doc = read(document)
    assert texts(doc) == [
        "The LSCB should review the neglect protocol by March 2026. The review should include the voice of fathers.",
        "The Board will publish an annual report.",
    ]


def add_multilevel_list(document, level_texts=("%1.", "%1.%2."), formats=("decimal", "decimal"), start=1) -> str:
    """Add a two-level list definition to the numbering part; return its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = str(900 + len(numbering.findall(qn("w:abstractNum"))))
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:pPr><w:ind w:left="{720 * (k + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for k, (text, fmt) in enumerate(zip(level_texts, formats))
    )
    abstract = parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num_id = str(900 + len(numbering.findall(qn("w:num"))))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return num_id


def numbered(document, text: str, num_id: str, ilvl: int):
    paragraph = document.add_paragraph(text)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def test_multi_level_numbering_sub_items_join_their_parent_and_ids_come_from_word():
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    num = add_multilevel_list(document)
    numbered(document, "The Board will commission a review of transfers between areas by June 2026.", num, 0)
    numbered(document, "The review will include families who move across borders.", num, 1)
    numbered(document, "It will report to the Board by September 2026.", num, 1)
    numbered(document, "The ICB will audit 20 GP records by March 2026.", num, 0)
    doc = read(document)
    assert [item.id for item in doc.items] == ["1", "2"]
    assert texts(doc)[0] == (
        "The Board will commission a review of transfers between areas by June 2026. "
        "The review will include families who move across borders. It will report to the Board by September 2026."
    )


def test_word_numbering_labels_become_ids_letters_restarts_and_multi_level():
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    letters = add_multilevel_list(document, ("(%1)",), ("lowerLetter",))
    numbered(document, "The Board will publish a protocol by June 2026.", letters, 0)
    numbered(document, "The ICB will audit 20 records by June 2026.", letters, 0)
    doc = read(document)
    assert [item.id for item in doc.items] == ["(a)", "(b)"]

    document = docx.Document()
    document.add_heading("Recommendations", 1)
    num = add_multilevel_list(document, ("%1.", "%1.%2"), ("decimal", "decimal"), start=3)
    numbered(document, "Information sharing", num, 0)  # a numbered theme title
    doc_labels = docx_reader.Numbering.of(document)
    assert doc_labels.advance(num, 0) == ("3.", "decimal")
    assert doc_labels.advance(num, 1) == ("3.3", "decimal")
    assert doc_labels.advance(num, 1) == ("3.4", "decimal")
    assert doc_labels.advance(num, 0) == ("4.", "decimal")
    assert doc_labels.advance(num, 1) == ("4.3", "decimal")


@pytest.mark.parametrize(
    ("label", "expected"),
    [("3.", "3"), ("2.1.", "2.1"), ("(a)", "(a)"), ("iv)", "iv"), ("Recommendation 4:", "4"), ("R3.", "R3"), ("\u2022", None), ("", None)],
)
def test_normalise_label(label, expected):
    assert docx_reader.normalise_label(label) == expected


def test_recommendation_n_paragraphs_without_word_lists():
    document = docx.Document()
    document.add_paragraph("Recommendation 1: The Board will publish an annual report on neglect by June 2026.")
    document.add_paragraph("The report will be presented to the Partnership.")
    document.add_paragraph("Recommendation 2: The ICB will audit 20 GP records by March 2026.")
    doc = read(document)
    assert [item.id for item in doc.items] == ["1", "2"]
    assert doc.items[0].text.startswith("The Board will publish an annual report")
    assert line_of(doc, doc.items[1]) == 3


def test_a_bold_heading_like_paragraph_starts_the_recommendations_section():
    document = docx.Document()
    document.add_paragraph("The agencies involved were as follows.")
    document.add_paragraph("Police", style="List Bullet")
    document.add_paragraph("Health", style="List Bullet")
    title = document.add_paragraph()
    title.add_run("Recommendations").bold = True
    document.add_paragraph("The Board will publish a neglect protocol by June 2026.", style="List Number")
    document.add_paragraph("The ICB will audit 20 records by March 2026.", style="List Number")
    doc = read(document)
    assert texts(doc) == ["The Board will publish a neglect protocol by June 2026.", "The ICB will audit 20 records by March 2026."]


def test_table_with_a_recommendation_column_is_read_row_by_row():
    document = docx.Document()
    document.add_paragraph("Action plan")
    table = document.add_table(rows=3, cols=4)
    for row, values in enumerate([
        ["No.", "Recommendation", "Lead", "Target date"],
        ["1", "Review the escalation policy.", "Head of Service", "31/03/2026"],
        ["2", "Procedures should be reviewed.", "", "TBC"],
    ]):
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    doc = read(document)
    assert [item.id for item in doc.items] == ["1", "2"]
    first, second = doc.items
    assert isinstance(first, PlanItem)
    assert first.text == "Review the escalation policy. Lead: Head of Service. Timescale: 31/03/2026."
    assert first.ref == "table 1, row 2"
    assert first.cells["owner"].ref == "table 1, row 2, cell 3"
    # Paragraph numbering counts the cells' paragraphs: 1 title, row 1 = 2-5, row 2 = 6-9.
    assert line_of(doc, first) == 7
    lead = first.text.index("Head of Service")
    assert doc.position(first.source_offset(lead)) == (8, 1)
    assert second.text == "Procedures should be reviewed."  # "TBC" is no timescale
    assert second.ref_for("owner", None) == "table 1, row 3, cell 3"
    assert second.ref_for("timescale", None) == "table 1, row 3, cell 4"


def test_tables_without_a_recommendation_column_are_not_read_but_a_one_column_box_is():
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    layout = document.add_table(rows=1, cols=2)
    layout.cell(0, 0).text = "Agency"
    layout.cell(0, 1).text = "Contacts in the year"
    box = document.add_table(rows=1, cols=1)
    cell = box.cell(0, 0)
    cell.paragraphs[0].text = "The Board will publish a neglect protocol by June 2026."
    cell.paragraphs[0].style = document.styles["List Number"]
    doc = read(document)
    assert texts(doc) == ["The Board will publish a neglect protocol by June 2026."]


def test_comment_directive_applies_to_its_paragraph_and_suppresses_the_finding():
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    first = document.add_paragraph("Staff should be reminded of the importance of information sharing.", style="List Number")
    document.add_comment(first.runs, "smartlint: ignore missing-owner -- the owner is agreed in the action plan", author="Author")
    document.add_paragraph("Procedures should be reviewed by June 2026.", style="List Number")
    doc = read(document)
    [directive] = doc.directives
    assert (directive.kind, directive.selectors, directive.item, directive.line) == ("ignore", ["missing-owner"], 1, 2)
    result = lint(doc)
    first_codes = {f.code for f in result.recommendations[0].findings}
    second_codes = {f.code for f in result.recommendations[1].findings}
    assert "OW001" not in first_codes and "OW001" in second_codes
    assert [f.code for f in result.suppressed] == ["OW001"]


def test_inline_bracket_directive_is_left_out_of_the_text_and_columns_still_match():
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    text = "[smartlint: learning-point -- a reflective prompt] Practitioners should reflect on the child's daily life."
    document.add_paragraph(text, style="List Number")
    doc = read(document)
    [item] = doc.items
    assert item.text == "Practitioners should reflect on the child's daily life."
    [directive] = doc.directives
    assert (directive.kind, directive.reason, directive.item, directive.column) == ("learning-point", "a reflective prompt", 1, 1)
    word = item.text.index("reflect")
    assert doc.position(item.source_offset(word)) == (2, text.index("should reflect") + len("should ") + 1)
    result = lint(doc)
    assert result.recommendations[0].learning_point == "a reflective prompt"


def test_comments_by_smartlint_itself_are_not_directives_and_bad_directives_are_reported():
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    first = document.add_paragraph("The Board will publish a neglect protocol by June 2026.", style="List Number")
    document.add_comment(first.runs, "smartlint \u2014 recommendation 1\nsmartlint: ignore ALL", author="smartlint")
    second = document.add_paragraph("Staff should be reminded of the protocol.", style="List Number")
    document.add_comment(second.runs, "smartlint ignore OW001", author="Author")  # no colon
    doc = read(document)
    assert [d.kind for d in doc.directives] == ["invalid"]
    result = lint(doc)
    assert any(f.code.startswith("SL") for f in result.findings)


def test_tracked_insertions_count_and_deletions_do_not():
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    paragraph = document.add_paragraph("The Board will publish ", style="List Number")
    paragraph._p.append(parse_xml(
        f'<w:del {W_NS} w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>a leaflet</w:delText></w:r></w:del>'
    ))
    paragraph._p.append(parse_xml(
        f'<w:ins {W_NS} w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t>a neglect protocol</w:t></w:r></w:ins>'
    ))
    paragraph._p.append(parse_xml(f'<w:r {W_NS}><w:t xml:space="preserve"> by June 2026.</w:t></w:r>'))
    doc = read(document)
    assert texts(doc) == ["The Board will publish a neglect protocol by June 2026."]


def test_field_codes_text_boxes_and_table_of_contents_are_not_text():
    document = docx.Document()
    toc = document.add_paragraph("Recommendations\t12")
    toc.style = document.styles.add_style("TOC 1", 1)
    document.add_heading("Recommendations", 1)
    paragraph = document.add_paragraph("The Board will publish a protocol by June 2026", style="List Number")
    paragraph._p.append(parse_xml(
        f'<w:r {W_NS}><w:fldChar w:fldCharType="begin"/></w:r>'
    ))
    paragraph._p.append(parse_xml(f'<w:r {W_NS}><w:instrText> PAGE </w:instrText></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {W_NS}><w:fldChar w:fldCharType="separate"/></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {W_NS}><w:t>.</w:t></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {W_NS}><w:fldChar w:fldCharType="end"/></w:r>'))
    doc = read(document)
    assert texts(doc) == ["The Board will publish a protocol by June 2026."]
    assert [s.title for s in doc.sections] == ["Recommendations"]


def test_macro_enabled_docm_is_read_as_text_and_says_so():
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    document.add_paragraph("The Board will publish a protocol by June 2026.", style="List Number")
    data = docx_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml").decode()
    types = types.replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
    ).replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    docm = rezip(data, {"[Content_Types].xml": types.encode()}, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro bytes, never run"})
    doc = docx_reader.read("draft.docm", docm)
    assert texts(doc) == ["The Board will publish a protocol by June 2026."]
    assert any("macros" in note and "not run" in note for note in doc.notes)


MINIMAL_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
MINIMAL_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def minimal_docx(body: str) -> bytes:
    """A .docx as a minimal writer makes it: no styles, numbering or settings parts at all."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document {W_NS}><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", MINIMAL_CONTENT_TYPES)
        zf.writestr("_rels/.rels", MINIMAL_RELS)
        zf.writestr("word/document.xml", document)
    return out.getvalue()


def para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_a_minimal_package_with_typed_numbers_and_no_styles_part():
    data = minimal_docx(
        para("RECOMMENDATIONS")
        + para("1. The Board will publish a neglect protocol by June 2026.")
        + para("2. Staff should be reminded of the protocol.")
    )
    doc = docx_reader.read("minimal.docx", data)
    assert [item.id for item in doc.items] == ["1", "2"]
    assert texts(doc)[1] == "Staff should be reminded of the protocol."
    assert line_of(doc, doc.items[0]) == 2


def test_line_breaks_and_tabs_inside_a_paragraph_stay_on_its_line():
    data = minimal_docx(
        '<w:p><w:r><w:t>1. The Board will publish</w:t><w:br/><w:t>a protocol</w:t><w:tab/><w:t>by June 2026.</w:t></w:r></w:p>'
    )
    doc = docx_reader.read("minimal.docx", data)
    assert doc.source == "1. The Board will publish a protocol by June 2026."
    assert texts(doc) == ["The Board will publish a protocol by June 2026."]


def test_an_empty_document_has_no_items_and_a_note():
    doc = read(docx.Document())
    assert doc.items == []
    result = lint(doc)
    assert result.recommendations == []
    assert any("no recommendations" in note.lower() for note in result.notes)


def test_headings_keep_their_word_number_in_the_section_title():
    document = docx.Document()
    num = add_multilevel_list(document)
    heading = document.add_heading("Recommendations", 1)
    heading._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'))
    run = document.add_paragraph("The Board will publish a protocol by June 2026.", style="List Number").runs[0]
    run.font.size = Pt(11)
    doc = read(document)
    assert doc.sections[0].title == "1. Recommendations"
    assert texts(doc) == ["The Board will publish a protocol by June 2026."]
