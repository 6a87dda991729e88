"""Published reports as PDF: extraction, segmentation, page references, and PDFs that cannot be read."""

from __future__ import annotations

import io

import pytest

from docs_helpers import lint
from smartlint.errors import InputError
from smartlint.readers import pdf as pdf_reader


def make_pdf(pages: list[list[str]]) -> bytes:
    """A small valid PDF with one line of Helvetica text per entry (no library needed)."""
    objects: list[bytes] = []
    page_ids = []
    font_id = 3 + 2 * len(pages)
    for k, lines in enumerate(pages):
        page_id, content_id = 3 + 2 * k, 4 + 2 * k
        page_ids.append(page_id)
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    head = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode()]
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    all_objects = head + objects + [font]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(all_objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(all_objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(all_objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


REPORT = [
    ["Safeguarding Adults Review: Mr G", "Date: 14 January 2026", "", "1. Introduction", "",
     "This review considers the support given to Mr G.", "", "Page 1 of 2"],
    ["5. Recommendations", "", "Recommendation 1: The Safeguarding Adults Board will publish a",
     "self-neglect protocol by 31 March 2026.", "",
     "Recommendation 2: Staff should be reminded of the importance of information",
     "sharing.", "", "Page 2 of 2"],
]


def test_text_is_extracted_and_segmented_with_page_references():
    doc = pdf_reader.read("review.pdf", make_pdf(REPORT))
    assert doc.format == "pdf"
    assert [item.id for item in doc.items] == ["1", "2"]
    assert doc.items[0].text == "The Safeguarding Adults Board will publish a self-neglect protocol by 31 March 2026."
    assert doc.items[1].text == "Staff should be reminded of the importance of information sharing."
    assert [item.ref for item in doc.items] == ["page 2", "page 2"]
    assert "Page 2 of 2" not in doc.source  # page numbers are dropped
    assert doc.date is not None and doc.date.isoformat() == "2026-01-14"


def test_the_whole_engine_on_a_pdf():
    result = lint(pdf_reader.read("review.pdf", make_pdf(REPORT)))
    codes = {f.code for f in result.recommendations[1].findings}
    assert {"OW001", "TM001"} <= codes
    assert all(f.ref == "page 2" for f in result.recommendations[1].findings)


def test_words_hyphenated_across_lines_are_joined():
    doc = pdf_reader.read("r.pdf", make_pdf([["Recommendations", "", "1. The Board will commis-", "sion a review by June 2026."]]))
    assert doc.items[0].text == "The Board will commission a review by June 2026."


def test_running_headers_are_dropped():
    pages = [["Serious Case Review Child H - Final", f"Body text of page {k} about the review findings."] for k in range(1, 5)]
    pages[3] += ["Recommendations", "", "1. The Board will publish a protocol by June 2026."]
    doc = pdf_reader.read("r.pdf", make_pdf(pages))
    assert "Serious Case Review Child H - Final" not in doc.source
    assert doc.items[0].ref == "page 4"


def test_a_scanned_pdf_with_no_text_says_so():
    with pytest.raises(InputError) as caught:
        pdf_reader.read("scan.pdf", make_pdf([[], [], []]))
    message = str(caught.value)
    assert "no extractable text" in message and "scanned" in message and "\n" not in message


def test_a_password_protected_pdf_says_so():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf(REPORT))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(InputError, match="password-protected"):
        pdf_reader.read("locked.pdf", buffer.getvalue())


def test_a_pdf_encrypted_only_against_editing_is_read():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf(REPORT))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert len(pdf_reader.read("open.pdf", buffer.getvalue()).items) == 2


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        b"%PDF-1.7\n" + b"\x00\xff garbage " * 200,
        make_pdf(REPORT)[:300],
    ],
    ids=["no-pages", "garbage", "truncated"],
)
def test_pdfs_that_fail_to_parse_give_one_line(data, capsys):
    with pytest.raises(InputError) as caught:
        pdf_reader.read("broken.pdf", data)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("broken.pdf: ")
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""  # pypdf's repair warnings are not printed


def test_not_a_pdf_at_all():
    with pytest.raises(InputError, match="not a PDF"):
        pdf_reader.read("fake.pdf", b"<html>not a pdf</html>")


def test_clean_pages_keeps_text_and_reports_page_offsets():
    text, starts = pdf_reader.clean_pages(["one\n2", "two-\nthree\n- 3 -"])
    assert text == "one\n\ntwothree\n\n"
    assert starts == [0, 5]
