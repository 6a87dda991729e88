"""The HTML report: self-contained, accessible, escaped, and checked in a real headless Chromium
(its DOM, a screenshot that must not be blank, and a printout)."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import unicodedata
import zlib
from datetime import date
from html.parser import HTMLParser

import docx
import openpyxl
import pytest

from docs_helpers import CHROMIUM, TODAY, docx_bytes, lint, needs_chromium, needs_wiring, run_cli, workbook_bytes
from smartlint.api import build_report
from smartlint.formatters import html as html_format
from smartlint.readers import docx as docx_reader
from smartlint.readers import xlsx as xlsx_reader
from smartlint.registry import default_registry

HOSTILE = "The Board will publish <script>alert('x')</script> & \u202eevil\u202c guidance by June 2026."


def sample_report():
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    document.add_paragraph("The Safeguarding Partnership will publish a revised neglect protocol by 31 March 2026.", style="List Number")
    document.add_paragraph("Staff should be reminded of the importance of information sharing.", style="List Number")
    document.add_paragraph("All agencies should review the policy as soon as possible.", style="List Number")
    document.add_paragraph(HOSTILE, style="List Number")
    draft = lint(docx_reader.read("draft.docx", docx_bytes(document)))
    workbook = openpyxl.Workbook()
    workbook.active.title = "Plan"
    workbook.active.append(["Recommendation", "Lead", "Target date"])
    workbook.active.append(["Procedures should be reviewed.", None, None])
    plan = lint(xlsx_reader.read("plan.xlsx", workbook_bytes(workbook)), today=date(2026, 1, 14))
    return build_report([draft, plan])


def render(report=None) -> str:
    report = report or sample_report()
    return html_format.render(report, rules=[rule.meta for rule in default_registry().rules.values()])


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.in_script = 0

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    def having(self, tag: str, cls: str | None = None, **attrs: str) -> list[dict[str, str]]:
        out = []
        for name, a in self.elements:
            if name != tag:
                continue
            if cls is not None and cls not in a.get("class", "").split():
                continue
            if any(a.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            out.append(a)
        return out


def parse(page: str) -> Collector:
    collector = Collector()
    collector.feed(page)
    return collector


def test_one_card_per_recommendation_with_scorecard_findings_and_highlights():
    report = sample_report()
    page = parse(render(report))
    total = sum(len(f.recommendations) for f in report.files)
    cards = page.having("article", "rec")
    assert len(cards) == total == 5
    assert len(page.having("ul", "scorecard")) == total
    marks = page.having("mark", "hl")
    assert marks and all(m.get("data-codes") for m in marks)
    assert page.having("li", "finding", data_code="OW001")
    assert "Suggested rewrite:" in "".join(page.text)
    text = "".join(page.text)
    assert "\u2713" in text and "\u2717" in text  # pass and fail are glyphs and words, not colour alone
    assert "Plan!A2" in text and "paragraph 2" in text


def test_summary_counts_and_an_inline_svg_bar_chart():
    report = sample_report()
    page = parse(render(report))
    bars = {a["data-criterion"]: int(a["data-count"]) for a in page.having("g", "bar")}
    findings = [f for file in report.files for f in file.all_findings()]
    for criterion in ("specific", "measurable", "owner", "timescale", "evidence"):
        assert bars[criterion] == sum(1 for f in findings if f.criterion == criterion)
    assert page.having("svg", "chart", role="img")
    assert page.having("table", "criteria")


def test_headings_are_semantic():
    page = render()
    headings = re.findall(r"<h([1-6])\b", page)
    assert headings[0] == "1" and headings.count("1") == 1
    assert "2" in headings and "3" in headings
    levels = [int(h) for h in headings]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), "no heading level is skipped"
    assert '<html lang="en">' in page


def test_the_page_is_self_contained():
    page = render()
    assert "<script" not in page.lower()
    assert "<link" not in page.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert not re.search(r"url\(", page)
    assert re.findall(r"https?://[^\s\"'<>]+", page) == ["http://www.w3.org/2000/svg"]
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "@media print" in page


def test_document_text_is_escaped():
    page = render()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "\u202e" not in page  # bidi overrides shown as escapes, never applied


def test_an_empty_report_and_file_errors_render():
    from smartlint.models import FileError

    page = html_format.render(build_report([], [FileError(path="bad.docx", message="bad.docx: is damaged")]))
    assert "Files that could not be read" in page and "bad.docx: is damaged" in page
    assert page.endswith("</html>\n")


def chromium(*args: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
         "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'chromium-profile'}", *args],
        capture_output=True, timeout=120,
    )


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and raw RGB(A) rows of an 8-bit PNG (enough to tell blank from not)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            upleft = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upleft
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else upleft)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


@pytest.mark.slow
@needs_chromium
def test_chromium_renders_the_report_dom_screenshot_and_print(tmp_path):
    report = sample_report()
    path = tmp_path / "report.html"
    path.write_text(render(report), encoding="utf-8")
    url = path.as_uri()

    dom = chromium("--dump-dom", url, tmp_path=tmp_path)
    assert dom.returncode == 0, dom.stderr.decode()[-2000:]
    page = parse(dom.stdout.decode())
    assert len(page.having("article", "rec")) == sum(len(f.recommendations) for f in report.files)
    assert page.having("mark", "hl")
    assert page.having("svg", "chart")

    shot = tmp_path / "report.png"
    proc = chromium(f"--screenshot={shot}", "--window-size=1200,1600", url, tmp_path=tmp_path)
    assert shot.exists(), proc.stderr.decode()[-2000:]
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (1200, 1600)
    step = 4
    background = rows[0][:3]
    samples = [row[x : x + 3] for row in rows[::step] for x in range(0, len(row) - 3, 3 * step)]
    colours = set(samples)
    inked = sum(1 for s in samples if s != background)
    assert len(colours) > 20, "the screenshot is blank or nearly so"
    assert inked / len(samples) > 0.02

    printed = tmp_path / "report.pdf"
    chromium(f"--print-to-pdf={printed}", "--no-pdf-header-footer", url, tmp_path=tmp_path)
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(printed.read_bytes())).pages)
    text = " ".join(unicodedata.normalize("NFKC", text).split())  # ligatures, wrapped lines
    assert "Staff should be reminded" in text and "Suggested rewrite" in text


@needs_wiring
def test_cli_writes_the_html_report(tmp_path):
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    document.add_paragraph("Staff should be reminded of the importance of information sharing.", style="List Number")
    source = tmp_path / "draft.docx"
    source.write_bytes(docx_bytes(document))
    out = tmp_path / "report.html"
    proc = run_cli("check", "--isolated", "--today", TODAY.isoformat(), "--format", "html", "-o", str(out), str(source))
    assert proc.returncode == 1, proc.stderr.decode()
    page = parse(out.read_text(encoding="utf-8"))
    assert len(page.having("article", "rec")) == 1
