"""Bad and hostile Office files: each gives one clear line (InputError; exit 2 from the CLI),
never a traceback and never a silent partial result."""

from __future__ import annotations

import io
import struct
import zipfile

import docx
import openpyxl
import pytest

from docs_helpers import FIXTURES, docx_bytes, needs_wiring, one_line_error, rezip, run_cli, workbook_bytes
from smartlint.errors import InputError
from smartlint.readers import docx as docx_reader
from smartlint.readers import safezip
from smartlint.readers import xlsx as xlsx_reader

SECRET = "TOP-SECRET-MARKER-4711"


def small_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    document.add_paragraph("The Board will publish a protocol by June 2026.", style="List Number")
    return docx_bytes(document)


def small_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Recommendation", "Lead"])
    workbook.active.append(["The Board will publish a protocol.", "Board"])
    return workbook_bytes(workbook)


def with_doctype(data: bytes, part: str, secret_file) -> bytes:
    """The package with `part` rewritten to declare an external entity and use it."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read(part).decode("utf-8")
    return rezip(data, {part: declare(xml, f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret_file}">]>', "&xxe;").encode()})


def declare(xml: str, doctype: str, use: str) -> str:
    """`xml` with `doctype` in its prolog and the entity `use` in its first text."""
    if xml.startswith("<?xml"):
        end = xml.index("?>") + 2
        xml = xml[:end] + doctype + xml[end:]
    else:
        xml = doctype + xml
    if "The Board will publish" in xml:
        return xml.replace("The Board will publish", f"{use} The Board will publish", 1)
    return xml.replace("<t>", f"<t>{use}", 1)


def lying_sizes(data: bytes, member: str) -> bytes:
    """The package with `member` claiming (in both headers) to expand to 10 bytes."""
    raw = bytearray(data)
    name = member.encode()
    for signature, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = 0
        while (start := raw.find(signature, start)) != -1:
            length = struct.unpack_from("<H", raw, start + name_len_at)[0]
            if raw[start + name_at : start + name_at + length] == name:
                struct.pack_into("<I", raw, start + size_at, 10)
            start += 4
    return bytes(raw)


def zip_bomb(member: str, size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open(member, "w") as handle:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                handle.write(chunk)
    return out.getvalue()


def encrypted_ole(marker: str) -> bytes:
    return safezip.OLE_MAGIC + b"\0" * 504 + marker.encode("utf-16-le") + b"\0" * 512


DOCX_CASES = {
    "empty": (b"", "is empty"),
    "garbage": (b"this is not a word document at all" * 10, "not a zip package"),
    "corrupt-zip": (b"PK\x03\x04" + b"\x00\x13\x37" * 300, "damaged"),
    "truncated": (None, "damaged"),
    "renamed-doc": (None, "old-style Word 97-2003 .doc"),
    "encrypted": (None, "password-protected"),
    "encrypted-synthetic": (encrypted_ole("EncryptedPackage"), "password-protected"),
    "rtf": (b"{\\rtf1\\ansi Recommendations}", "Rich Text"),
    "html": (b"<html><body><p>Recommendations</p></body></html>", "web page"),
    "odt": (None, "OpenDocument (.odt)"),
    "plain-zip": (None, "no [Content_Types].xml"),
    "lying-sizes": (None, "damaged"),
    "bomb": (None, "possible zip bomb"),
}


def docx_case(name: str, tmp_path) -> bytes:
    data, _ = DOCX_CASES[name]
    if data is not None:
        return data
    if name == "truncated":
        return small_docx()[: len(small_docx()) // 2]
    if name == "renamed-doc":
        return (FIXTURES / "word97.doc").read_bytes()
    if name == "encrypted":
        return (FIXTURES / "encrypted.docx").read_bytes()
    if name == "odt":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            zf.writestr("content.xml", "<office:document-content/>")
        return out.getvalue()
    if name == "plain-zip":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr("notes.txt", "hello")
        return out.getvalue()
    if name == "lying-sizes":
        return lying_sizes(small_docx(), "word/document.xml")
    if name == "bomb":
        return zip_bomb("word/document.xml", 300 * 1024 * 1024)
    raise AssertionError(name)


@pytest.mark.parametrize("name", list(DOCX_CASES))
def test_bad_docx_gives_one_clear_line(name, tmp_path):
    data = docx_case(name, tmp_path)
    with pytest.raises(InputError) as caught:
        docx_reader.read("draft.docx", data)
    message = str(caught.value)
    assert message.startswith("draft.docx: ")
    assert DOCX_CASES[name][1] in message
    assert "\n" not in message


def test_the_uncompressed_size_cap_is_checked_before_parsing(monkeypatch):
    monkeypatch.setattr(safezip, "MAX_UNCOMPRESSED", 20_000)
    with pytest.raises(InputError) as caught:
        docx_reader.read("draft.docx", small_docx())
    assert "expands to more than" in str(caught.value) and "zip bomb" in str(caught.value)


def test_external_entities_are_refused_and_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    for reader, data, part in (
        (docx_reader, small_docx(), "word/document.xml"),
        (xlsx_reader, small_xlsx(), "xl/worksheets/sheet1.xml"),
    ):
        hostile = with_doctype(data, part, secret)
        with pytest.raises(InputError) as caught:
            reader.read("hostile", hostile)
        assert "DOCTYPE" in str(caught.value) and SECRET not in str(caught.value)


def test_the_xml_parsers_underneath_do_not_resolve_entities_either(tmp_path):
    """Defence in depth: even past the package check, python-docx's parser keeps entities
    unresolved and openpyxl's refuses them."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:r><w:t>&xxe;</w:t></w:r></w:p>'
    )
    from docx.oxml.parser import parse_xml

    element = parse_xml(xml.encode())
    assert SECRET not in "".join(element.itertext())
    from openpyxl.xml.functions import fromstring

    try:
        parsed = fromstring(xml.encode())
    except Exception:
        return  # refused outright: fine
    assert SECRET not in "".join(t for t in parsed.itertext() if isinstance(t, str))


def test_entity_expansion_bomb_is_refused():
    laughs = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )
    data = small_xlsx()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<t>" in sheet
    hostile = rezip(data, {"xl/worksheets/sheet1.xml": declare(sheet, laughs, "&lol3;").encode()})
    with pytest.raises(InputError, match="DOCTYPE"):
        xlsx_reader.read("plan.xlsx", hostile)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (lambda: (FIXTURES / "encrypted.xlsx").read_bytes(), "password-protected"),
        (lambda: (FIXTURES / "word97.doc").read_bytes(), "old-style Word 97-2003 .doc"),
        (lambda: encrypted_ole("Workbook"), "old-style Excel 97-2003 .xls"),
        (lambda: b"PK\x03\x04" + b"\xff" * 100, "damaged"),
        (lambda: small_xlsx()[:400], "damaged"),
        (lambda: zip_bomb("xl/worksheets/sheet1.xml", 300 * 1024 * 1024), "possible zip bomb"),
        (lambda: b"Recommendation,Lead\nA,B\n", "not a zip package"),
    ],
    ids=["encrypted", "word-doc-renamed", "xls-renamed", "corrupt", "truncated", "bomb", "csv-renamed"],
)
def test_bad_xlsx_gives_one_clear_line(data, expected):
    with pytest.raises(InputError) as caught:
        xlsx_reader.read("plan.xlsx", data())
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_macro_enabled_workbook_is_read_as_data_and_says_so():
    data = small_xlsx()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml").decode()
    types = types.replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    xlsm = rezip(data, {"[Content_Types].xml": types.encode()}, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 never run"})
    doc = xlsx_reader.read("plan.xlsm", xlsm)
    assert doc.items[0].text == "The Board will publish a protocol. Lead: Board."
    assert any("macros" in note for note in doc.notes)


def test_a_large_sheet_is_read_in_full():
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Plan")
    sheet.append(["Recommendation", "Lead", "Timescale"])
    for k in range(3000):
        sheet.append([f"The Board will publish protocol {k}.", "Board", "June 2026"])
    doc = xlsx_reader.read("plan.xlsx", workbook_bytes(workbook))
    assert len(doc.items) == 3000
    assert doc.items[-1].ref == "Plan!A3001"


# ---- through the command line: one line on stderr, exit 2 ------------------------------------


@needs_wiring
@pytest.mark.parametrize(
    ("filename", "case", "expected"),
    [
        ("draft.docx", "corrupt-zip", "damaged"),
        ("draft.docx", "renamed-doc", "Word 97-2003"),
        ("draft.docx", "encrypted", "password-protected"),
        ("draft.docx", "bomb", "zip bomb"),
        ("plan.xlsx", "encrypted-xlsx", "password-protected"),
        ("plan.xlsm", "garbage", "not a zip package"),
        ("draft.docm", "html", "web page"),
        ("report.pdf", "scan", "no extractable text"),
        ("report.pdf", "broken-pdf", "damaged PDF"),
        ("plan.csv", "binary", "binary"),
    ],
)
def test_cli_one_line_and_exit_2(filename, case, expected, tmp_path):
    from test_docs_pdf import make_pdf

    if case == "encrypted-xlsx":
        data = (FIXTURES / "encrypted.xlsx").read_bytes()
    elif case == "scan":
        data = make_pdf([[], []])
    elif case == "broken-pdf":
        data = b"%PDF-1.7\n" + b"\x00\xff garbage " * 200
    elif case == "binary":
        data = b"\x00\x01\x02\x03" * 200
    else:
        data = docx_case(case, tmp_path)
    path = tmp_path / filename
    path.write_bytes(data)
    line = one_line_error(run_cli("check", "--isolated", str(path)))
    assert expected in line
    assert path.read_bytes() == data  # never modified


def test_a_workbook_named_docx_and_a_document_named_xlsx_say_what_they_are():
    with pytest.raises(InputError) as caught:
        docx_reader.read("plan.docx", small_xlsx())
    assert "is an Excel workbook (.xlsx), not a Word document (.docx); rename it to .xlsx" in str(caught.value)
    with pytest.raises(InputError) as caught:
        xlsx_reader.read("draft.xlsx", small_docx())
    assert "is a Word document (.docx), not an Excel workbook (.xlsx); rename it to .docx" in str(caught.value)
    presentation = rezip(small_docx(), {"[Content_Types].xml": b'<Types><Override PartName="/ppt/presentation.xml" '
                                        b'ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>'})
    with pytest.raises(InputError, match="PowerPoint"):
        docx_reader.read("slides.docx", presentation)
