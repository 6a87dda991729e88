"""The annotated Word copy: comments on flagged recommendations, the input untouched, and a file
that python-docx, smartlint itself and LibreOffice can all open."""

from __future__ import annotations

import hashlib
import io
import os

import docx
import pytest
from docx.oxml.ns import qn

from docs_helpers import FIXTURES, TODAY, docx_bytes, lint, needs_soffice, needs_wiring, one_line_error, run_cli, soffice_convert
from smartlint.annotate import AnnotateError, annotate_docx, comment_text, suggested_rewrite
from smartlint.models import Assessment, Criterion, EvidenceAssessment, Finding, MeasurableAssessment, OwnerAssessment
from smartlint.models import Recommendation, Severity, Span, SpecificAssessment, TimescaleAssessment
from smartlint.readers import docx as docx_reader

GOOD = "The Safeguarding Partnership will publish a revised neglect protocol by 31 March 2026 (Working Together 2023)."
WEAK = "Staff should be reminded of the importance of information sharing."


def draft(tmp_path):
    document = docx.Document()
    document.add_paragraph("Review of the care of Child J")  # 1
    document.add_heading("Recommendations", 1)  # 2
    document.add_paragraph(GOOD, style="List Number")  # 3
    document.add_paragraph(WEAK, style="List Number")  # 4
    document.add_paragraph("Procedures should be reviewed as soon as possible.", style="List Number")  # 5
    path = tmp_path / "draft.docx"
    path.write_bytes(docx_bytes(document))
    return path


def annotated(tmp_path, source=None):
    source = source or draft(tmp_path)
    data = source.read_bytes()
    result = lint(docx_reader.read(str(source), data))
    target = tmp_path / "reviewed.docx"
    count = annotate_docx(source, target, result)
    return source, target, result, count


def comments_by_paragraph(path):
    """Paragraph number -> texts of the comments whose range starts there."""
    document = docx.Document(str(path))
    texts = {str(c.comment_id): (c.author, c.text) for c in document.comments}
    out: dict[int, list[tuple[str, str]]] = {}
    seen: set[str] = set()
    for para in docx_reader.iter_paragraphs(document.element.body):
        for mark in para.element.iter(qn("w:commentRangeStart"), qn("w:commentReference")):
            cid = mark.get(qn("w:id"))
            if cid not in seen:  # a comment is a range (Word) or a point (LibreOffice)
                seen.add(cid)
                out.setdefault(para.number, []).append(texts[cid])
    return out


def test_each_flagged_recommendation_gets_one_comment_by_smartlint(tmp_path):
    source, target, result, count = annotated(tmp_path)
    flagged = [rec for rec in result.recommendations if rec.findings]
    assert count == len(flagged) >= 2
    comments = comments_by_paragraph(target)
    assert set(comments) == {rec.line for rec in flagged}
    weak = comments[4][0]
    assert weak[0] == "smartlint"
    text = weak[1]
    assert "recommendation 2" in text and "SMART: S \u2717" in text
    assert "OW001 missing-owner" in text and "Fix:" in text
    assert "Suggested rewrite:" in text and "[Who will act" in text and "[by <date>" in text


def test_the_input_is_never_modified_and_cannot_be_the_output(tmp_path):
    source = draft(tmp_path)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    annotated(tmp_path, source)
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    result = lint(docx_reader.read(str(source), source.read_bytes()))
    for same in (source, tmp_path / "." / "draft.docx"):
        with pytest.raises(AnnotateError, match="refusing to overwrite the input"):
            annotate_docx(source, same, result)
    link = tmp_path / "link.docx"
    os.link(source, link)
    with pytest.raises(AnnotateError, match="refusing to overwrite the input"):
        annotate_docx(source, link, result)
    with pytest.raises(AnnotateError, match="must be a .docx"):
        annotate_docx(source, tmp_path / "reviewed.pdf", result)
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_the_copy_reads_back_with_the_same_recommendations_and_its_comments_are_not_directives(tmp_path):
    _source, target, result, _ = annotated(tmp_path)
    again = docx_reader.read(str(target), target.read_bytes())
    assert [item.text for item in again.items] == [rec.text for rec in result.recommendations]
    assert again.directives == []
    assert [[f.code for f in r.findings] for r in lint(again).recommendations] == [
        [f.code for f in r.findings] for r in result.recommendations
    ]


def test_whole_document_findings_go_in_a_comment_on_the_first_paragraph(tmp_path):
    document = docx.Document()
    document.add_paragraph("Review of the care of Child K")
    document.add_heading("Recommendations", 1)
    paragraph = document.add_paragraph(WEAK, style="List Number")
    document.add_comment(paragraph.runs, "smartlint: ignore no-such-rule", author="Author")
    source = tmp_path / "draft.docx"
    source.write_bytes(docx_bytes(document))
    _s, target, result, count = annotated(tmp_path, source)
    assert result.findings, "an unknown selector in a directive is a document finding"
    comments = comments_by_paragraph(target)
    assert any("about the whole document" in text for _author, text in comments[1])


def test_a_minimal_package_without_styles_or_comments_parts_can_be_annotated(tmp_path):
    from test_docs_docx_reader import minimal_docx, para

    source = tmp_path / "minimal.docx"
    source.write_bytes(minimal_docx(para("Recommendations") + para("1. " + WEAK)))
    _s, target, _result, count = annotated(tmp_path, source)
    assert count == 1
    assert comments_by_paragraph(target)[2][0][0] == "smartlint"


def test_the_libreoffice_made_draft_can_be_annotated(tmp_path):
    source = tmp_path / "lo.docx"
    source.write_bytes((FIXTURES / "libreoffice-draft.docx").read_bytes())
    _s, target, result, count = annotated(tmp_path, source)
    comments = comments_by_paragraph(target)
    assert count >= 2
    # The author's own comment is kept beside smartlint's.
    assert any(author == "Review author" for texts in comments.values() for author, _ in texts)


@pytest.mark.slow
@needs_soffice
def test_libreoffice_opens_the_annotated_copy(tmp_path):
    _s, target, _result, _ = annotated(tmp_path)
    pdf = soffice_convert(target, "pdf", tmp_path)
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Staff should be reminded" in text
    # LibreOffice also reads the comments: its own flat XML format has them as annotations.
    flat = soffice_convert(target, "fodt", tmp_path).read_text(encoding="utf-8")
    assert flat.count("<office:annotation") >= 2
    assert "<dc:creator>smartlint</dc:creator>" in flat
    assert "Suggested rewrite" in flat


def rec(text: str, findings: list[Finding], **status) -> Recommendation:
    assessment = Assessment.build(
        owner=OwnerAssessment(status=status.get("owner", "named")),
        timescale=TimescaleAssessment(status=status.get("timescale", "concrete")),
        measurable=MeasurableAssessment(status=status.get("measurable", "measurable")),
        specific=SpecificAssessment(status=status.get("specific", "specific")),
        evidence=EvidenceAssessment(status=status.get("evidence", "cited")),
    )
    return Recommendation(id="1", index=1, text=text, line=1, column=1, end_line=1, assessment=assessment, findings=findings)


def finding(code: str, name: str, criterion: str, span: tuple[int, int] | None = None) -> Finding:
    return Finding(
        code=code, name=name, criterion=Criterion(criterion), severity=Severity.WARNING, message="m",
        span=Span(start=span[0], end=span[1]) if span else None, line=1, column=1,
    )


def test_suggested_rewrite_marks_vague_words_and_adds_what_is_missing():
    text = "All agencies should review the policy as soon as possible."
    r = rec(text, [
        finding("OW002", "generic-owner", "owner", (0, 12)),
        finding("TM002", "vague-timescale", "timescale", (text.index("as soon"), len(text) - 1)),
        finding("MS001", "unmeasurable", "measurable"),
    ], owner="generic", timescale="vague", measurable="unmeasurable")
    rewrite = suggested_rewrite(r)
    assert rewrite.startswith("[All agencies \u2192 the accountable body or post")
    assert "[as soon as possible \u2192 a date" in rewrite
    assert rewrite.endswith("[measured by <a count, deliverable or audit>, e.g. 'an audit of 20 cases reported to the Board']")
    assert "[by <date>" not in rewrite  # the vague words are marked instead


def test_no_rewrite_without_smart_findings_and_comment_text_is_xml_safe():
    assert suggested_rewrite(rec(GOOD, [])) is None
    r = rec("Bad\x01text\x0b here.", [finding("OW001", "missing-owner", "owner")], owner="missing")
    text = comment_text(r)
    assert "\x01" not in text and "\x0b" not in text
    assert text.splitlines()[0] == "smartlint \u2014 recommendation 1"


@needs_wiring
def test_cli_round_trip(tmp_path):
    source = draft(tmp_path)
    before = source.read_bytes()
    target = tmp_path / "reviewed.docx"
    proc = run_cli("check", "--isolated", "--today", TODAY.isoformat(), str(source), "--annotate", str(target))
    assert proc.returncode == 1, proc.stderr.decode()
    assert "wrote" in proc.stderr.decode() and target.exists()
    assert source.read_bytes() == before
    assert len(docx.Document(str(target)).comments) >= 2
    line = one_line_error(run_cli("check", "--isolated", str(source), "--annotate", str(source)))
    assert "refusing to overwrite the input" in line
    line = one_line_error(run_cli("check", "--isolated", str(FIXTURES / "libreoffice-draft.fodt"), "--annotate", str(target)))
    assert "--annotate" in line
