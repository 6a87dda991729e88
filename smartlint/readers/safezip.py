"""Checks an Office Open XML file (.docx, .docm, .xlsx, .xlsm) before any parser touches it.

Office files are zip packages of XML parts, so a hostile one can be a decompression bomb, carry
XML entity declarations (external entities, "billion laughs"), or not be a zip at all: an old
binary .doc renamed, a password-protected file (which Office stores as an encrypted OLE
compound file, not a zip), an OpenDocument file. `open_package` refuses each of these with one
line that says what the file is and what to do, and otherwise returns the bytes to hand to
python-docx or openpyxl. Macros in macro-enabled files are never run: only XML text is read.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from smartlint.errors import InputError

# The most the parts of one package may expand to, and how many parts it may have. A long
# report's document.xml is a few MiB; an action plan with tens of thousands of rows is tens.
MAX_UNCOMPRESSED = 128 * 1024 * 1024
MAX_MEMBERS = 5000
# A single part that expands more than this many times over is a bomb, not a document
# (XML compresses 5-20x; runs of one repeated byte compress about 1000x).
MAX_RATIO = 200
_RATIO_FLOOR = 1024 * 1024  # parts smaller than this expanded size are never bombs
_PROLOG_LIMIT = 64 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# Encrypted OOXML: an OLE compound file whose streams are named (UTF-16LE) like this.
_ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_WORD_OLE_MARKER = "WordDocument".encode("utf-16-le")
_EXCEL_OLE_MARKERS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ELEMENT_START = re.compile(rb"<[A-Za-z_]")
_BINARY_SUFFIXES = (
    ".bin", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".svg", ".ttf",
    ".odttf", ".fntdata", ".wdp", ".mp3", ".mp4", ".wav", ".avi", ".ole", ".xlsx", ".docx", ".pptx",
)

KIND_NAMES = {"docx": "a Word document (.docx)", "xlsx": "an Excel workbook (.xlsx)"}
_LEGACY = {
    "docx": ("an old-style Word 97-2003 .doc file", "open it in Word or LibreOffice and save it as .docx"),
    "xlsx": ("an old-style Excel 97-2003 .xls file", "open it in Excel or LibreOffice and save it as .xlsx"),
}


@dataclass(slots=True)
class Package:
    """An Office package that passed the checks."""

    data: bytes
    names: list[str]
    content_types: str
    macros: bool = False
    notes: list[str] = field(default_factory=list)


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB"


def _not_a_package(path: str, data: bytes, kind: str) -> InputError:
    """The one-line reason a file that should be a zip package is not one."""
    what = KIND_NAMES[kind]
    head = data[:8]
    if not data:
        return InputError(f"{path}: is empty, not {what}")
    if head.startswith(OLE_MAGIC):
        if any(marker in data for marker in _ENCRYPTED_MARKERS):
            return InputError(
                f"{path}: is password-protected (encrypted); smartlint cannot read it: save a copy without a password and check that"
            )
        legacy, fix = _LEGACY[kind]
        other = "docx" if kind == "xlsx" else "xlsx"
        markers = (_WORD_OLE_MARKER,) if other == "docx" else _EXCEL_OLE_MARKERS
        if any(m in data for m in markers):
            legacy, fix = _LEGACY[other]
        return InputError(f"{path}: is {legacy}, not {what}; {fix}")
    if head.startswith(b"{\\rtf"):
        return InputError(f"{path}: is a Rich Text (RTF) file, not {what}; save it as .docx")
    if head.startswith(b"%PDF"):
        return InputError(f"{path}: is a PDF, not {what}; rename it to .pdf")
    stripped = data[:512].lstrip().lower()
    if stripped.startswith((b"<html", b"<!doctype html", b"<?xml", b"<meta")):
        return InputError(f"{path}: is a web page or XML file, not {what}; open it in Word or Excel and save it as .{kind}")
    return InputError(f"{path}: is not {what} (it is not a zip package: damaged, or another kind of file renamed)")


def _check_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> None:
    """Refuse XML parts that declare a DOCTYPE or entities: Office never writes them, and they
    are how external-entity and entity-expansion attacks are carried."""
    with zf.open(info) as stream:
        head = stream.read(_PROLOG_LIMIT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8", "ignore")
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not body.startswith(b"<"):
        return  # not XML
    start = _ELEMENT_START.search(head)
    prolog = head if start is None else head[: start.start()]
    if _DOCTYPE.search(prolog):
        raise InputError(
            f"{path}: part {info.filename} declares a DOCTYPE or XML entities, which Office files never do; "
            "refusing to read it (possible XML entity attack)"
        )
    if start is None and len(head) >= _PROLOG_LIMIT:
        raise InputError(f"{path}: part {info.filename} has no XML content in its first {_PROLOG_LIMIT // 1024} KiB; refusing to read it")


def open_package(path: str, data: bytes, kind: str) -> Package:
    """Check `data` (a .docx/.docm or .xlsx/.xlsm) and return it as a Package, or raise InputError."""
    if not data.startswith(_ZIP_MAGIC):
        raise _not_a_package(path, data, kind)
    what = KIND_NAMES[kind]
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise InputError(f"{path}: is a damaged {_bare(what)}: its zip structure cannot be read") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"{path}: has {len(infos)} parts (more than {MAX_MEMBERS}); refusing to read it")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise InputError(f"{path}: has encrypted zip entries; save an unprotected copy and check that")
            size = info.file_size
            total += size
            if total > MAX_UNCOMPRESSED:
                raise InputError(
                    f"{path}: expands to more than {_mib(MAX_UNCOMPRESSED)} when unzipped (limit {_mib(MAX_UNCOMPRESSED)}; "
                    "possible zip bomb); refusing to read it"
                )
            if size > _RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
                raise InputError(
                    f"{path}: part {info.filename} expands {size // max(info.compress_size, 1)} times over "
                    f"(to {_mib(size)}; possible zip bomb); refusing to read it"
                )
        names = [info.filename for info in infos]
        lower = {name.lower(): name for name in names}
        if "[content_types].xml" not in lower:
            if "mimetype" in lower:
                mimetype = zf.read(lower["mimetype"])[:100]
                if b"opendocument" in mimetype:
                    ext = "odt" if b"text" in mimetype else "ods" if b"spreadsheet" in mimetype else "odf"
                    target = "docx" if kind == "docx" else "xlsx"
                    raise InputError(f"{path}: is an OpenDocument (.{ext}) file, not {what}; save it as .{target}")
            raise InputError(f"{path}: is a zip file but not {what} (no [Content_Types].xml part)")
        try:
            for info in infos:
                if info.is_dir() or info.filename.lower().endswith(_BINARY_SUFFIXES):
                    continue
                _check_prolog(zf, info, path)
            content_types = zf.read(lower["[content_types].xml"]).decode("utf-8", "replace")
        except InputError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise InputError(f"{path}: is a damaged {_bare(what)}: {_reason(exc)}") from None
    actual = _main_kind(content_types)
    if actual is not None and actual != kind:
        if actual == "pptx":
            raise InputError(f"{path}: is a PowerPoint presentation, not {what}; smartlint reads Word and Excel files")
        raise InputError(f"{path}: is {KIND_NAMES[actual]}, not {what}; rename it to .{actual}")
    macros = any(name.lower().endswith("vbaproject.bin") for name in names) or "macroEnabled" in content_types
    package = Package(data=data, names=names, content_types=content_types, macros=macros)
    if macros:
        package.notes.append("This file contains macros; they were not run (smartlint reads only its text).")
    return package


_MAIN_PARTS = (
    ("docx", ("wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml",
              "wordprocessingml.template.main+xml", "ms-word.template.macroEnabledTemplate.main+xml")),
    ("xlsx", ("spreadsheetml.sheet.main+xml", "ms-excel.sheet.macroEnabled.main+xml",
              "spreadsheetml.template.main+xml", "ms-excel.template.macroEnabled.main+xml")),
    ("pptx", ("presentationml.presentation.main+xml", "ms-powerpoint.presentation.macroEnabled.main+xml")),
)


def _main_kind(content_types: str) -> str | None:
    """Which kind of Office file the package's main part says it is."""
    for kind, types in _MAIN_PARTS:
        if any(t in content_types for t in types):
            return kind
    return None


def _bare(what: str) -> str:
    """'a Word document (.docx)' -> 'Word document (.docx)'."""
    return what.split(" ", 1)[1]


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]


def damaged(path: str, kind: str, exc: BaseException) -> InputError:
    """The InputError for a package that passed the checks but that the parser could not read."""
    return InputError(f"{path}: is a damaged or unsupported {_bare(KIND_NAMES[kind])}: {_reason(exc)}")
