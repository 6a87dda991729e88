"""The annotated Word copy: `smartlint check draft.docx --annotate reviewed.docx`.

A copy of the draft with one Word comment (author "smartlint") anchored on each
recommendation that has findings: its SMART scorecard, each finding with its fix, and a
suggested rewrite. Whole-document findings go in one comment on the first paragraph. The
input file is never written: the copy is built in memory from its bytes and saved to a
temporary file next to the output, then moved into place, and an output path that is the
input itself is refused.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from smartlint.errors import InputError, SmartlintError
from smartlint.models import SMART_CRITERIA, FileResult, Finding, Recommendation

AUTHOR = "smartlint"
INITIALS = "SL"
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACE = re.compile(r"\s+")

# What to put in place of the words a finding quotes, by criterion, in the suggested rewrite.
_SPAN_HINTS = {
    "owner": "the accountable body or post, e.g. 'The Safeguarding Partnership'",
    "timescale": "a date, e.g. 'by 31 March 2026'",
    "specific": "one concrete action, e.g. 'publish', 'audit', 'amend'",
}
# What to add when a criterion is missing altogether.
_ADDITIONS = {
    "timescale": "[by <date>, e.g. 31 March 2026]",
    "measurable": "[measured by <a count, deliverable or audit>, e.g. 'an audit of 20 cases reported to the Board']",
    "evidence": "[(<source>, e.g. Working Together to Safeguard Children 2023)]",
}


class AnnotateError(SmartlintError):
    """The annotated copy cannot be written (one line, exit 2)."""


def _clean(text: str) -> str:
    return _XML_UNSAFE.sub(" ", text)


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", _clean(text)).strip()


def scorecard(rec: Recommendation) -> str | None:
    """"S ✓  M ✗  A ✓  T ✗  E ✗  (2/5)", or None when the run had no assessment."""
    if rec.assessment is None:
        return None
    from smartlint.formatters.text import CRITERIA, FAIL, PASS

    marks = "  ".join(f"{letter} {PASS if test(rec.assessment) else FAIL}" for letter, _label, test in CRITERIA)
    return f"{marks}  ({rec.assessment.score}/5)"


def scorecard_words(rec: Recommendation) -> list[tuple[str, str, bool]]:
    """(letter, label, passed) for each assessed criterion, in SMART order."""
    if rec.assessment is None:
        return []
    from smartlint.formatters.text import CRITERIA

    return [(letter, label, bool(test(rec.assessment))) for letter, label, test in CRITERIA]


def suggested_rewrite(rec: Recommendation) -> str | None:
    """The recommendation with placeholders where the findings say something is missing or
    vague: the quoted vague words marked for replacement, a named owner in front, a deadline,
    a measure and a source after. None when no SMART finding applies."""
    findings = [f for f in rec.findings if f.criterion in SMART_CRITERIA]
    if not findings:
        return None
    text = rec.text
    edits: list[tuple[int, int, str, str]] = []  # start, end, replacement, criterion
    for finding in findings:
        criterion = str(finding.criterion)
        hint = _SPAN_HINTS.get(criterion)
        span = finding.span
        if hint is None or span is None or not 0 < span.end - span.start <= 60:
            continue
        if criterion == "owner" and "generic" not in finding.name:
            continue  # a missing owner goes in front, not in place of the quoted verb
        if criterion == "timescale" and "vague" not in finding.name:
            continue  # a passed or distant date: the finding says what to change
        if any(span.start < e and s < span.end for s, e, _, _ in edits):
            continue
        edits.append((span.start, span.end, f"[{text[span.start:span.end]} \u2192 {hint}]", criterion))
    for start, end, replacement, _ in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    in_place = {criterion for *_, criterion in edits}
    assessment = rec.assessment
    criteria = {str(f.criterion) for f in findings}

    def lacking(criterion: str) -> bool:
        if criterion not in criteria or criterion in in_place:
            return False
        if assessment is None:
            return any("missing" in f.name for f in findings if str(f.criterion) == criterion)
        return {
            "owner": assessment.owner.status == "missing",
            "timescale": assessment.timescale.status == "missing",
            "measurable": assessment.measurable.status != "measurable",
            "evidence": assessment.evidence.status != "cited",
        }.get(criterion, False)

    if lacking("owner"):
        text = "[Who will act, e.g. 'The Safeguarding Partnership will'] " + text
    tail = [_ADDITIONS[c] for c in ("timescale", "measurable", "evidence") if lacking(c)]
    if tail:
        text = text.rstrip() + " " + " ".join(tail)
    if text == rec.text:
        return None
    return _one_line(text)


def _finding_text(finding: Finding) -> list[str]:
    from smartlint.formatters import with_quote

    lines = [f"\u2022 {finding.code} {finding.name} ({finding.severity}): {_one_line(with_quote(finding.message, finding.quote))}"]
    if finding.suggestion:
        lines.append(f"  Fix: {_one_line(finding.suggestion)}")
    return lines


def comment_text(rec: Recommendation) -> str:
    """The comment for one recommendation: header, scorecard, findings with fixes, rewrite."""
    lines = [f"smartlint \u2014 recommendation {rec.id}"]
    card = scorecard(rec)
    if card:
        lines.append(f"SMART: {card}")
    for finding in rec.findings:
        lines.extend(_finding_text(finding))
    rewrite = suggested_rewrite(rec)
    if rewrite:
        lines.append(f"Suggested rewrite: {rewrite}")
    return _clean("\n".join(lines))


def document_comment_text(result: FileResult) -> str:
    lines = ["smartlint \u2014 about the whole document"]
    for finding in result.findings:
        lines.extend(_finding_text(finding))
    return _clean("\n".join(lines))


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def annotate_docx(input_path: str | os.PathLike[str], output_path: str | os.PathLike[str], result: FileResult,
                  data: bytes | None = None) -> int:
    """Write an annotated copy of `input_path` to `output_path`; return the number of comments.

    `result` is the FileResult of linting that same file (its lines are paragraph numbers).
    `data`, when given, is the input's bytes as already read (so the copy matches the lint).
    A light result (file_records.FileRecord, from the check command) is accepted too.
    """
    from smartlint.file_records import to_model

    result = to_model(result)
    source, target = Path(input_path), Path(output_path)
    if _same_file(source, target):
        raise AnnotateError(f"{target}: refusing to overwrite the input file; choose another name for the annotated copy")
    if target.suffix.lower() not in (".docx", ".docm"):
        raise AnnotateError(f"{target}: the annotated copy must be a .docx file")
    if result.format != "docx":
        raise AnnotateError(f"{source}: --annotate needs a Word .docx file, not .{result.format}")
    if data is None:
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    from smartlint.readers.docx import iter_paragraphs, load

    document, _package = load(str(source), data)
    paragraphs = {p.number: p.element for p in iter_paragraphs(document.element.body)}
    count = 0
    for rec in result.recommendations:
        if not rec.findings:
            continue
        first = paragraphs.get(rec.line)
        last = paragraphs.get(max(rec.end_line, rec.line), first)
        if first is None:
            continue
        _add_comment(document, first, last if last is not None else first, comment_text(rec))
        count += 1
    if result.findings and paragraphs:
        anchor = next((el for _n, el in sorted(paragraphs.items()) if "".join(el.itertext()).strip()), None)
        if anchor is not None:
            _add_comment(document, anchor, anchor, document_comment_text(result))
            count += 1
    _save(document, target)
    return count


def _add_comment(document: Any, first: Any, last: Any, text: str) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    comment = document.comments.add_comment(text=text, author=AUTHOR, initials=INITIALS)
    cid = str(comment.comment_id)
    start = OxmlElement("w:commentRangeStart")
    start.set(qn("w:id"), cid)
    ppr = first.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        first.insert(0, start)
    end = OxmlElement("w:commentRangeEnd")
    end.set(qn("w:id"), cid)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "CommentReference")
    if _has_style(document, "CommentReference"):
        rpr.append(style)
        run.append(rpr)
    ref = OxmlElement("w:commentReference")
    ref.set(qn("w:id"), cid)
    run.append(ref)
    last.append(end)
    last.append(run)


def _has_style(document: Any, style_id: str) -> bool:
    from docx.oxml.ns import qn

    try:
        root = document.styles.element
    except Exception:
        return False
    return any(st.get(qn("w:styleId")) == style_id for st in root.iterchildren(qn("w:style")))


def _save(document: Any, target: Path) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".smartlint-", suffix=".docx", dir=folder)
    except OSError as exc:
        raise AnnotateError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            document.save(handle)
        os.replace(tmp, target)
    except OSError as exc:
        raise AnnotateError(f"{target}: cannot write: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
