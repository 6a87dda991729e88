"""The human-readable report, written for the author of a review rather than a programmer.

Per file: the path; each recommendation that has findings (or is marked a learning point)
with its SMART scorecard, a short excerpt and its findings, each with a plain-words fix;
a count of the recommendations with nothing to report; whole-document findings; notes.
Then a summary with the share of recommendations meeting each criterion. Colour is optional
and never the only signal: the ✓/✗ glyphs and the severity words carry the meaning.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, TextIO

from smartlint.formatters import one_line, safe, shorten, with_quote

if TYPE_CHECKING:
    from smartlint.models import Assessment, FileResult, Finding, LintReport, Recommendation
    from smartlint.rule import RuleMeta

PASS = "✓"
FAIL = "✗"
EXCERPT_WIDTH = 100

# (letter, label, test on the assessment) in SMART order; R is not assessed by the rules.
CRITERIA = (
    ("S", "specific", lambda a: a.specific.status == "specific"),
    ("M", "measurable", lambda a: a.measurable.status == "measurable"),
    ("A", "owner named", lambda a: a.owner.status == "named"),
    ("T", "timescale concrete", lambda a: a.timescale.status == "concrete"),
    ("E", "evidence cited", lambda a: a.evidence.status == "cited"),
)

_SEVERITY_ORDER = ("error", "warning", "info")
_SEVERITY_STYLE = {"error": "1;31", "warning": "33", "info": "36"}
_SEVERITY_WIDTH = max(map(len, _SEVERITY_ORDER))


class _Paint:
    """ANSI styling when on; the identity when off."""

    __slots__ = ("on",)

    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, text: str, style: str | None) -> str:
        if not self.on or not style or not text:
            return text
        return f"\x1b[{style}m{text}\x1b[0m"


def render(
    report: LintReport,
    *,
    color: bool = False,
    rules: Sequence[RuleMeta] = (),
    quiet: bool = False,
) -> str:
    out = io.StringIO()
    write(report, out, color=color, rules=rules, quiet=quiet)
    return out.getvalue()


def write(
    report: LintReport,
    out: TextIO,
    *,
    color: bool = False,
    rules: Sequence[RuleMeta] = (),
    quiet: bool = False,
) -> None:
    """Write the report to `out` as it is rendered, a recommendation at a time, so the output
    of a big file is never held whole. A file that carries its `block` was rendered already, by
    `write_file` in a worker process (smartlint.parallel), with its criteria counts as `met`."""
    paint = _Paint(color)
    lines = _Lines(out)
    met = _CriteriaMet()
    for file in report.files:
        block = getattr(file, "block", None)
        if block is None:
            _write_file(file, paint, lines, met, quiet)
        else:
            lines.flush()
            out.write(block)
            if file.met is not None:
                met.merge(*file.met)
    if quiet:
        lines.extend(
            f"{safe(error.path)}: {paint('error', '1;31')}: {one_line(error.message)}" for error in report.errors
        )
        lines.append(_summary_line(report, paint))
        lines.flush()
        return
    for error in report.errors:
        lines.append(paint(safe(error.path), "1"))
        lines.append(f"  {paint(FAIL, '31')} could not be read: {one_line(error.message)}")
        lines.append("")
    lines.extend(_summary(report, paint, met))
    lines.flush()


def write_file(file: FileResult, out: TextIO, *, color: bool = False, quiet: bool = False) -> tuple[int, list[int]] | None:
    """Write one file's part of the report, as `write` does; returns how many of its
    recommendations were assessed and met each criterion (None when quiet: no summary uses them)."""
    lines = _Lines(out)
    met = _CriteriaMet()
    _write_file(file, _Paint(color), lines, met, quiet)
    lines.flush()
    return None if quiet else (met.assessed, met.met)


def _write_file(file: FileResult, paint: _Paint, lines: _Lines, met: _CriteriaMet, quiet: bool) -> None:
    if quiet:
        lines.extend(_quiet_line(file.path, finding, paint) for finding in file.all_findings())
    else:
        _write_file_block(file, paint, lines, met)
        lines.append("")


class _Lines:
    """Lines written to `out` each followed by a newline, a few thousand at a time."""

    __slots__ = ("out", "pending")

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.pending: list[str] = []

    def append(self, line: str) -> None:
        self.pending.append(line)
        if len(self.pending) >= 4096:
            self.flush()

    def extend(self, lines: Iterable[str]) -> None:
        pending = self.pending
        pending.extend(lines)
        if len(pending) >= 4096:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.pending.append("")
            self.out.write("\n".join(self.pending))
            self.pending = []


class _CriteriaMet:
    """How many recommendations were assessed, and how many met each criterion (for the summary)."""

    __slots__ = ("assessed", "met")

    def __init__(self) -> None:
        self.assessed = 0
        self.met = [0] * len(CRITERIA)

    def add(self, assessment: Assessment | None) -> None:
        if assessment is None:
            return
        self.assessed += 1
        for k, (_, _, test) in enumerate(CRITERIA):
            if test(assessment):
                self.met[k] += 1

    def add_packed(self, assessment: tuple | None) -> None:
        """`add` for an assessment as the spool packs it (records._pack_assessment)."""
        if assessment is None:
            return
        self.assessed += 1
        met = self.met
        for k, ok in enumerate(_packed_met(assessment)):
            if ok:
                met[k] += 1

    def merge(self, assessed: int, met: list[int]) -> None:
        self.assessed += assessed
        self.met = [a + b for a, b in zip(self.met, met)]


def render_statistics(report: LintReport, *, color: bool = False) -> str:
    """One row per rule code: code, name and number of findings, most frequent first."""
    paint = _Paint(color)
    counts: Counter[tuple[str, str]] = Counter(
        (safe(finding.code), safe(finding.name)) for file in report.files for finding in file.all_findings()
    )
    if not counts:
        return "No findings.\n"
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    code_width = max(len(code) for (code, _), _ in rows)
    name_width = max(len(name) for (_, name), _ in rows)
    count_width = max(len(str(count)) for _, count in rows)
    lines = [
        f"{paint(code.ljust(code_width), '1')}  {name.ljust(name_width)}  {str(count).rjust(count_width)}"
        for (code, name), count in rows
    ]
    return "\n".join(lines) + "\n"


# ---- pieces ---------------------------------------------------------------------------------


def _where(line: int, column: int, ref: str | None) -> str:
    return safe(ref) if ref else f"{line}:{column}"


# (severity, colour on, padded) -> the severity as written
_SEVERITY_TEXT: dict[tuple[object, bool, bool], str] = {}


def _severity(finding: Finding, paint: _Paint, *, pad: bool = True) -> str:
    severity = finding.severity
    key = (severity, paint.on, pad)
    text = _SEVERITY_TEXT.get(key)
    if text is None:
        word = str(severity.value)
        padding = " " * (_SEVERITY_WIDTH - len(word)) if pad else ""
        text = _SEVERITY_TEXT[key] = paint(word, _SEVERITY_STYLE.get(word)) + padding
    return text


def _finding_lines(finding: Finding, paint: _Paint, where_width: int = 0) -> list[str]:
    where = _where(finding.line, finding.column, finding.ref).ljust(where_width)
    message = one_line(with_quote(finding.message, finding.quote))
    code, name = safe(finding.code), safe(finding.name)
    lines = [f"  {where}  {_severity(finding, paint)}  {paint(code, '1') if paint.on else code} {name}  {message}"]
    # Follow-on lines hang under the severity column.
    hang = " " * (2 + len(where) + 2)
    if finding.suppressed_by:
        lines.append(f"{hang}suppressed by: {one_line(finding.suppressed_by)}")
    if finding.suggestion and finding.suggestion.strip():
        lines.append(f"{hang}{paint('fix:', '32')} {one_line(finding.suggestion)}")
    return lines


def _scorecard(assessment: Assessment, paint: _Paint) -> str:
    marks = []
    for letter, _, met in CRITERIA:
        ok = met(assessment)
        marks.append(f"{letter} {paint(PASS, '32') if ok else paint(FAIL, '31')}")
    return "  ".join(marks) + f"   ({assessment.score}/5)"


def _label_of(rec_id: str) -> str:
    return f"Recommendation {one_line(rec_id)}"


def _rec_lines(path: str, rec: Recommendation, label_width: int, where_width: int, paint: _Paint) -> list[str]:
    label = _label_of(rec.id)
    head = f"{path}:{_where(rec.line, rec.column, rec.ref)}  {paint(label, '1')}"
    if rec.assessment is not None:
        head += " " * (label_width - len(label) + 3) + _scorecard(rec.assessment, paint)
    lines = [head]
    excerpt = shorten(rec.text, EXCERPT_WIDTH)
    if excerpt:
        lines.append("  " + paint(f'"{excerpt}"', "2"))
    if rec.learning_point is not None:
        reason = one_line(rec.learning_point) or "(no reason given)"
        lines.append(f"  learning point: {reason}")
    for finding in _in_order(rec.findings):
        lines.extend(_finding_lines(finding, paint, where_width))
    return lines


def _shown(rec: Recommendation) -> bool:
    return bool(rec.findings) or rec.learning_point is not None


def _write_file_block(file: FileResult, paint: _Paint, lines: _Lines, met: _CriteriaMet) -> None:
    """The file's path, then blocks separated by blank lines: each recommendation worth showing,
    the count of the others, whole-document findings, suppressed findings, notes.

    Two passes over the recommendations: the first measures the columns (a file's findings line
    up), the second writes; neither holds more than one recommendation. A spooled file's
    recommendations are read as the spool's packed tuples (records.pack), without making records."""
    path = safe(file.path)
    where_width = max((len(_where(f.line, f.column, f.ref)) for f in (*file.findings, *file.suppressed)), default=0)
    label_width = 0
    shown = 0
    packed = getattr(file.recommendations, "packed", None)  # file_records.SpooledRecommendations
    recs = file.recommendations if packed is None else packed()
    for rec in recs:
        if type(rec) is tuple:
            findings = rec[10]
            if findings or rec[7] is not None:
                shown += 1
                label_width = max(label_width, len(_label_of(rec[0])))
                for f in findings:
                    ref = f[11]
                    width = len(safe(ref) if ref else f"{f[9]}:{f[10]}")
                    if width > where_width:
                        where_width = width
        elif _shown(rec):
            shown += 1
            label_width = max(label_width, len(_label_of(rec.id)))
            for f in rec.findings:
                where_width = max(where_width, len(_where(f.line, f.column, f.ref)))

    lines.append(paint(path, "1"))
    first = True
    packed_lines = _PackedLines(path, label_width, where_width, paint)
    for rec in file.recommendations if packed is None else packed():
        if type(rec) is tuple:
            met.add_packed(rec[8])
            if rec[10] or rec[7] is not None:
                if not first:
                    lines.append("")
                first = False
                lines.extend(packed_lines.rec_lines(rec))
            continue
        met.add(rec.assessment)
        if _shown(rec):
            if not first:
                lines.append("")
            first = False
            lines.extend(_rec_lines(path, rec, label_width, where_width, paint))
    blocks = []
    clean = len(file.recommendations) - shown
    if clean:
        noun = "other recommendation" if shown else "recommendation"
        verb = "has" if clean == 1 else "have"
        blocks.append([f"  {paint(PASS, '32')} {_plural(clean, noun, noun + 's')} {verb} no findings"])
    for title, findings in (("Whole document", file.findings), ("Suppressed", file.suppressed)):
        if findings:
            block = [f"{path}  {paint(title, '1')}"]
            for finding in _in_order(findings):
                block.extend(_finding_lines(finding, paint, where_width))
            blocks.append(block)
    if file.notes:
        blocks.append([f"  note: {one_line(note)}" for note in file.notes])
    for block in blocks:
        if not first:
            lines.append("")
        first = False
        lines.extend(block)


_PACKED_ORDER = itemgetter(9, 10, 0)  # a packed finding's line, column and code (records.position_key)


class _PackedLines:
    """_rec_lines and _finding_lines for a recommendation as the spool packs it (records.pack):
    the same lines (tests/test_fast_paths_engine.py compares them), with what a rule's findings
    share (severity, code and name as written) worked out once per file."""

    __slots__ = ("path", "label_width", "where_width", "paint", "heads", "fix", "cards")

    def __init__(self, path: str, label_width: int, where_width: int, paint: _Paint) -> None:
        self.path = path
        self.label_width = label_width
        self.where_width = where_width
        self.paint = paint
        self.heads: dict[tuple[str, str, str], str] = {}  # (code, name, severity) -> the line's middle
        self.fix = paint("fix:", "32")
        self.cards: dict[tuple[bool, ...], str] = {}  # which criteria are met -> the scorecard's marks

    def rec_lines(self, t: tuple) -> list[str]:
        paint = self.paint
        rec_id, _, text, line, column, _, ref, learning, assessment, _, findings = t
        label = _label_of(rec_id)
        head = f"{self.path}:{_where(line, column, ref)}  {paint(label, '1')}"
        if assessment is not None:
            met = _packed_met(assessment)
            marks = self.cards.get(met)
            if marks is None:
                marks = self.cards[met] = _packed_marks(met, paint)
            head += " " * (self.label_width - len(label) + 3) + marks + f"   ({assessment[5]}/5)"
        lines = [head]
        excerpt = shorten(text, EXCERPT_WIDTH)
        if excerpt:
            lines.append("  " + paint(f'"{excerpt}"', "2"))
        if learning is not None:
            reason = one_line(learning) or "(no reason given)"
            lines.append(f"  learning point: {reason}")
        if len(findings) > 1:
            findings = sorted(findings, key=_PACKED_ORDER)
        where_width = self.where_width
        heads = self.heads
        fix = self.fix
        for f in findings:
            code, name, _, severity, message, quote, _, suggestion, _, line, column, ref, by = f
            where = (safe(ref) if ref else f"{line}:{column}").ljust(where_width)
            middle = heads.get((code, name, severity))
            if middle is None:
                middle = heads[(code, name, severity)] = self._middle(code, name, severity)
            lines.append(f"  {where}  {middle}  {one_line(with_quote(message, quote))}")
            hang = " " * (4 + len(where))
            if by:
                lines.append(f"{hang}suppressed by: {one_line(by)}")
            if suggestion and suggestion.strip():
                lines.append(f"{hang}{fix} {one_line(suggestion)}")
        return lines

    def _middle(self, code: str, name: str, severity: str) -> str:
        """Severity (padded), code and name, as _finding_lines writes them."""
        paint = self.paint
        word = str(severity)
        padding = " " * (_SEVERITY_WIDTH - len(word))
        code = safe(code)
        return f"{paint(word, _SEVERITY_STYLE.get(word)) + padding}  {paint(code, '1') if paint.on else code} {safe(name)}"


def _packed_met(a: tuple) -> tuple[bool, ...]:
    """CRITERIA's tests on a packed assessment (records._pack_assessment), in CRITERIA's order."""
    return (a[3][0] == "specific", a[2][0] == "measurable", a[0][0] == "named", a[1][0] == "concrete",
            a[4][0] == "cited")


def _packed_marks(met: tuple[bool, ...], paint: _Paint) -> str:
    """_scorecard's marks, without the score, for the criteria met as _packed_met gives them."""
    marks = []
    for (letter, _, _), ok in zip(CRITERIA, met):
        marks.append(f"{letter} {paint(PASS, '32') if ok else paint(FAIL, '31')}")
    return "  ".join(marks)


def _in_order(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.line, f.column, f.code))


def _quiet_line(path: str, finding: Finding, paint: _Paint) -> str:
    where = _where(finding.line, finding.column, finding.ref)
    message = one_line(with_quote(finding.message, finding.quote))
    code = paint(safe(finding.code), "1")
    return f"{safe(path)}:{where}: {code} [{_severity(finding, paint, pad=False)}] {message}"


# ---- summary --------------------------------------------------------------------------------


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _summary_line(report: LintReport, paint: _Paint) -> str:
    summary = report.summary
    parts = [
        _plural(summary.files, "file", "files"),
        _plural(summary.recommendations, "recommendation", "recommendations"),
    ]
    if summary.findings:
        by_severity = [
            paint(_plural(summary.by_severity[sev], sev, sev if sev == "info" else sev + "s"), _SEVERITY_STYLE[sev])
            for sev in _SEVERITY_ORDER
            if summary.by_severity.get(sev)
        ]
        detail = f" ({', '.join(by_severity)})" if by_severity else ""
        parts.append(_plural(summary.findings, "finding", "findings") + detail)
    else:
        parts.append("no findings")
    suppressed = sum(file.summary.suppressed for file in report.files)
    if suppressed:
        parts.append(f"{suppressed} suppressed")
    if report.errors:
        unread = _plural(len(report.errors), "file", "files")
        parts.append(paint(f"{unread} could not be read", "1;31"))
    return "Summary: " + ", ".join(parts)


def _summary(report: LintReport, paint: _Paint, met: _CriteriaMet) -> list[str]:
    lines = [_summary_line(report, paint)]
    if not met.assessed:
        return lines
    total = met.assessed
    lines.append(f"Recommendations meeting each criterion (of {total} assessed):")
    label_width = max(len(label) for _, label, _ in CRITERIA)
    count_width = len(str(total))
    for (letter, label, _), count in zip(CRITERIA, met.met):
        share = round(100 * count / total)
        lines.append(f"  {letter}  {label.ljust(label_width)}  {str(count).rjust(count_width)}/{total}  {share:3d}%")
    return lines
