"""The HTML report: one self-contained page (inline CSS and SVG; nothing fetched from anywhere).

A summary at the top (counts per severity and per criterion, with a small bar chart), then
per file one card per recommendation: its text with the quoted words highlighted and
numbered, its SMART scorecard, and beside it the findings with their fixes and a suggested
rewrite. Written for people, and accessible: real headings, ✓/✗ and words as well as colour,
a text alternative for the chart, and a print style. All document text is escaped.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from smartlint.formatters import safe

if TYPE_CHECKING:
    from smartlint.models import FileResult, Finding, LintReport, Recommendation
    from smartlint.rule import RuleMeta

CRITERIA_ORDER = ("specific", "measurable", "owner", "timescale", "relevant", "evidence", "document")
CRITERION_LABELS = {
    "specific": "Specific",
    "measurable": "Measurable",
    "owner": "Owner (achievable)",
    "timescale": "Timescale",
    "relevant": "Relevant",
    "evidence": "Evidence",
    "document": "Whole document",
}
SEVERITY_ORDER = ("error", "warning", "info")

_CSS = """
:root { --ink: #1b1b1b; --muted: #555; --line: #c9c9c9; --bg: #fff; --card: #fafafa;
  --error: #a4000f; --warning: #8a4b00; --info: #005a8c; --pass: #1d6b2f; --fail: #a4000f; --mark: #fff1a8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--bg); }
header, main { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; border-bottom: 2px solid var(--ink); }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin: 0 0 .5rem; }
h4 { font-size: 1rem; margin: 0 0 .4rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.totals { display: flex; flex-wrap: wrap; gap: .75rem; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; background: var(--card); }
.totals strong { display: block; font-size: 1.5rem; }
.summary-grid { display: grid; grid-template-columns: minmax(18rem, 1fr) minmax(18rem, 1fr); gap: 1.5rem; align-items: start; }
table.criteria { border-collapse: collapse; width: 100%; }
table.criteria th, table.criteria td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; }
table.criteria td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0; }
figcaption { color: var(--muted); font-size: .9rem; }
svg.chart text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: var(--ink); }
.rec { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 6px; background: var(--card);
  padding: 1rem; margin: 0 0 1rem; display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; }
.rec.has-error { border-left-color: var(--error); }
.rec.has-warning { border-left-color: var(--warning); }
.rec.has-info { border-left-color: var(--info); }
.rec.clean { border-left-color: var(--pass); }
.rec-head { grid-column: 1 / -1; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.where { color: var(--muted); font-weight: normal; font-size: .9rem; }
.rec-text { margin: 0 0 .75rem; padding: .5rem .75rem; background: var(--bg); border-left: 3px solid var(--line); }
mark { background: var(--mark); color: inherit; text-decoration: underline dotted; text-underline-offset: 3px; padding: 0 1px; }
sup.fref { font-size: .7rem; font-weight: bold; margin-left: 1px; }
sup.fref a { color: var(--ink); }
ul.scorecard { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .4rem; }
ul.scorecard li { border: 1px solid var(--line); border-radius: 4px; padding: .1rem .45rem; background: var(--bg); font-size: .9rem; }
ul.scorecard li.pass { color: var(--pass); border-color: var(--pass); }
ul.scorecard li.fail { color: var(--fail); border-color: var(--fail); }
.score { font-weight: bold; margin: .4rem 0 0; }
.learning { color: var(--info); font-style: italic; }
ol.findings { margin: 0; padding-left: 1.4rem; }
ol.findings li { margin: 0 0 .6rem; }
.sev { font-weight: bold; text-transform: uppercase; font-size: .75rem; letter-spacing: .04em; padding: 0 .3rem;
  border: 1px solid currentColor; border-radius: 3px; }
.sev-error { color: var(--error); }
.sev-warning { color: var(--warning); }
.sev-info { color: var(--info); }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; }
.fix { margin: .2rem 0 0; }
.rewrite { margin: .75rem 0 0; padding: .5rem .75rem; border: 1px dashed var(--line); background: var(--bg); }
.none { color: var(--pass); margin: 0; }
.notes { color: var(--muted); }
details { margin: 1rem 0; }
.errors li { color: var(--error); }
@media (max-width: 50rem) { .summary-grid, .rec { grid-template-columns: 1fr; } }
@media print {
  body { font-size: 10.5pt; color: #000; }
  header, main { max-width: none; }
  .rec { break-inside: avoid; page-break-inside: avoid; background: none; border-color: #000; }
  mark { background: none; font-weight: bold; text-decoration: underline; }
  .sev, ul.scorecard li { border-color: #000; color: #000; }
  a { color: #000; text-decoration: none; }
  details > *:not(summary) { display: block; }
}
"""


def _e(text: object) -> str:
    return html.escape(safe(str(text)), quote=True)


def render(report: LintReport, *, color: bool = False, rules: Sequence[RuleMeta] = (), quiet: bool = False) -> str:
    from smartlint.formatters import rule_metas

    summaries = {meta.code: meta.summary for meta in rule_metas(rules)}
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may be fetched: the report must open offline and leak nothing.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="generator" content="smartlint ' + _e(report.tool.version) + '">',
        f"<title>smartlint report{_title_suffix(report)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>smartlint report</h1>",
        f'<p class="meta">SMART check of {_plural(report.summary.files, "file")}: specific, measurable, owned, '
        f"timely and evidenced recommendations. smartlint {_e(report.tool.version)}.</p>",
        "</header>",
        "<main>",
    ]
    out.extend(_summary(report))
    for number, file in enumerate(report.files, 1):
        out.extend(_file(file, number, summaries))
    if report.errors:
        out.append('<section class="errors" aria-labelledby="errors-h">')
        out.append('<h2 id="errors-h">Files that could not be read</h2>')
        out.append("<ul>")
        out.extend(f"<li><strong>{_e(err.path)}</strong>: {_e(err.message)}</li>" for err in report.errors)
        out.append("</ul></section>")
    out.extend(["</main>", "</body>", "</html>"])
    return "\n".join(out) + "\n"


def _title_suffix(report: LintReport) -> str:
    if len(report.files) == 1:
        return f": {_e(report.files[0].path)}"
    return ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


# ---- summary ----------------------------------------------------------------------------------


def _summary(report: LintReport) -> list[str]:
    findings = [f for file in report.files for f in file.all_findings()]
    by_severity = Counter(str(f.severity) for f in findings)
    by_criterion = Counter(str(f.criterion) for f in findings)
    recs = [rec for file in report.files for rec in file.recommendations]
    assessed = [rec for rec in recs if rec.assessment is not None]
    out = ['<section class="summary" aria-labelledby="summary-h">', '<h2 id="summary-h">Summary</h2>']
    out.append('<ul class="totals">')
    out.append(f"<li><strong>{report.summary.files}</strong> {'file' if report.summary.files == 1 else 'files'}</li>")
    out.append(f"<li><strong>{len(recs)}</strong> {'recommendation' if len(recs) == 1 else 'recommendations'}</li>")
    out.append(f"<li><strong>{len(findings)}</strong> {'finding' if len(findings) == 1 else 'findings'}</li>")
    for severity in SEVERITY_ORDER:
        out.append(f'<li class="sev-{severity}"><strong>{by_severity.get(severity, 0)}</strong> {severity}</li>')
    out.append("</ul>")
    out.append('<div class="summary-grid">')
    out.append('<table class="criteria"><caption class="meta">Findings and passes per criterion</caption>')
    out.append('<thead><tr><th scope="col">Criterion</th><th scope="col">Findings</th><th scope="col">Recommendations meeting it</th></tr></thead><tbody>')
    met = _met(assessed)
    rows = [c for c in CRITERIA_ORDER if by_criterion.get(c) or c in met]
    for criterion in rows:
        meeting = f"{met[criterion]} of {len(assessed)}" if criterion in met else "\u2014"
        out.append(
            f'<tr data-criterion="{criterion}"><th scope="row">{_e(CRITERION_LABELS[criterion])}</th>'
            f'<td class="num">{by_criterion.get(criterion, 0)}</td><td class="num">{meeting}</td></tr>'
        )
    out.append("</tbody></table>")
    out.append(_chart(by_criterion))
    out.append("</div></section>")
    return out


def _met(recs: list[Recommendation]) -> dict[str, int]:
    if not recs:
        return {}
    from smartlint.formatters.text import CRITERIA

    keys = {"S": "specific", "M": "measurable", "A": "owner", "T": "timescale", "E": "evidence"}
    return {keys[letter]: sum(1 for rec in recs if test(rec.assessment)) for letter, _label, test in CRITERIA}


def _chart(by_criterion: Counter[str]) -> str:
    """A horizontal bar chart of findings per criterion, as inline SVG with a text alternative."""
    rows = [c for c in CRITERIA_ORDER if c != "document" or by_criterion.get(c)]
    top = max([by_criterion.get(c, 0) for c in rows] + [1])
    label_w, bar_w, row_h = 150, 220, 26
    height = row_h * len(rows) + 10
    width = label_w + bar_w + 50
    description = "; ".join(f"{CRITERION_LABELS[c]}: {by_criterion.get(c, 0)}" for c in rows)
    parts = [
        f'<figure><svg class="chart" role="img" aria-labelledby="chart-t chart-d" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-t">Findings per criterion</title>',
        f'<desc id="chart-d">{_e(description)}</desc>',
    ]
    for k, criterion in enumerate(rows):
        n = by_criterion.get(criterion, 0)
        y = 5 + k * row_h
        w = 0 if n == 0 else max(2, round(bar_w * n / top))
        parts.append(
            f'<g class="bar" data-criterion="{criterion}" data-count="{n}">'
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{_e(CRITERION_LABELS[criterion])}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 8}" fill="#8a4b00" stroke="#1b1b1b" stroke-width="0.5"></rect>'
            f'<text x="{label_w + w + 6}" y="{y + 16}">{n}</text></g>'
        )
    parts.append("</svg><figcaption>Findings per criterion (bar length and number).</figcaption></figure>")
    return "".join(parts)


# ---- files and recommendations -----------------------------------------------------------------


def _where(file: FileResult, line: int, ref: str | None) -> str:
    if ref:
        return ref
    if file.format == "docx":
        return f"paragraph {line}"
    return f"line {line}"


def _file(file: FileResult, number: int, summaries: dict[str, str]) -> list[str]:
    anchor = f"file-{number}"
    findings = file.all_findings()
    out = [f'<section class="file" id="{anchor}" aria-labelledby="{anchor}-h">', f'<h2 id="{anchor}-h">{_e(file.path)}</h2>']
    flagged = sum(1 for rec in file.recommendations if rec.findings)
    out.append(
        f'<p class="meta">{_plural(len(file.recommendations), "recommendation")}, {flagged} with findings; '
        f"{_plural(len(findings), 'finding')}"
        + (f"; {file.summary.suppressed} suppressed by directives" if file.summary.suppressed else "")
        + (f"; document dated {file.document_date.isoformat()}" if file.document_date else "")
        + ".</p>"
    )
    for note in file.notes:
        out.append(f'<p class="notes">Note: {_e(note)}</p>')
    for rec in file.recommendations:
        out.extend(_card(file, rec, f"{anchor}-r{rec.index}", summaries))
    if file.findings:
        out.append('<section class="doc-findings">')
        out.append("<h3>About the whole document</h3>")
        out.append('<ol class="findings">')
        for k, finding in enumerate(file.findings, 1):
            out.append(_finding_item(file, finding, f"{anchor}-d{k}", summaries, with_where=True))
        out.append("</ol></section>")
    if file.suppressed:
        out.append(f"<details><summary>Suppressed by directives ({len(file.suppressed)})</summary><ul>")
        for finding in file.suppressed:
            out.append(
                f"<li>{_e(_where(file, finding.line, finding.ref))}: <code>{_e(finding.code)}</code> {_e(finding.name)}"
                f" \u2014 {_e(finding.suppressed_by or '')}</li>"
            )
        out.append("</ul></details>")
    out.append("</section>")
    return out


def _card(file: FileResult, rec: Recommendation, anchor: str, summaries: dict[str, str]) -> list[str]:
    from smartlint.annotate import scorecard_words, suggested_rewrite

    severities = {str(f.severity) for f in rec.findings}
    worst = next((s for s in SEVERITY_ORDER if s in severities), None)
    classes = "rec " + (f"has-{worst}" if worst else "clean")
    where = _where(file, rec.line, rec.ref)
    out = [
        f'<article class="{classes}" id="{anchor}" data-rec-id="{_e(rec.id)}" aria-labelledby="{anchor}-h">',
        f'<div class="rec-head"><h3 id="{anchor}-h">Recommendation {_e(rec.id)} <span class="where">({_e(where)})</span></h3></div>',
        '<div class="rec-main">',
        f'<blockquote class="rec-text">{_highlight(rec, anchor)}</blockquote>',
    ]
    card = scorecard_words(rec)
    if card:
        out.append('<ul class="scorecard" aria-label="SMART scorecard">')
        for letter, label, passed in card:
            mark, word = ("\u2713", "yes") if passed else ("\u2717", "no")
            out.append(
                f'<li class="{"pass" if passed else "fail"}" title="{_e(label)}: {word}">'
                f'{letter} <span aria-hidden="true">{mark}</span><span class="visually-hidden"> {_e(label)}: {word}</span></li>'
            )
        out.append("</ul>")
        assert rec.assessment is not None
        out.append(f'<p class="score">Score {rec.assessment.score}/5</p>')
    if rec.learning_point is not None:
        reason = f": {_e(rec.learning_point)}" if rec.learning_point else ""
        out.append(f'<p class="learning">Marked as a deliberate learning point{reason}.</p>')
    out.append("</div>")
    out.append('<aside class="rec-findings" aria-label="Findings">')
    if rec.findings:
        out.append("<h4>Findings</h4>")
        out.append('<ol class="findings">')
        for k, finding in enumerate(rec.findings, 1):
            out.append(_finding_item(file, finding, f"{anchor}-f{k}", summaries))
        out.append("</ol>")
        rewrite = suggested_rewrite(rec)
        if rewrite:
            out.append(f'<p class="rewrite"><strong>Suggested rewrite:</strong> {_e(rewrite)}</p>')
    else:
        out.append('<p class="none">\u2713 No findings.</p>')
    out.append("</aside></article>")
    return out


def _finding_item(file: FileResult, finding: Finding, anchor: str, summaries: dict[str, str], with_where: bool = False) -> str:
    severity = str(finding.severity)
    title = summaries.get(finding.code, "")
    where = f"{_e(_where(file, finding.line, finding.ref))}: " if with_where else ""
    quote = f' <q class="quoted">{_e(finding.quote)}</q>' if finding.quote and finding.quote not in finding.message else ""
    ref = f' <span class="where">({_e(finding.ref)})</span>' if finding.ref and not with_where else ""
    fix = f'<p class="fix"><strong>Fix:</strong> {_e(finding.suggestion)}</p>' if finding.suggestion else ""
    return (
        f'<li class="finding" id="{anchor}" data-code="{_e(finding.code)}" data-severity="{_e(severity)}">'
        f'{where}<span class="sev sev-{_e(severity)}">{_e(severity)}</span> '
        f'<code title="{_e(title)}">{_e(finding.code)}</code> {_e(finding.name)}{ref}: '
        f'<span class="message">{_e(finding.message)}</span>{quote}{fix}</li>'
    )


def _highlight(rec: Recommendation, anchor: str) -> str:
    """The recommendation's text with each finding's quoted words in <mark>, followed by the
    finding's number (a link to it) so that the highlight does not rely on colour."""
    text = rec.text
    spans: list[tuple[int, int, int, Finding]] = []
    for k, finding in enumerate(rec.findings, 1):
        span = finding.span
        if span is not None and 0 <= span.start < span.end <= len(text):
            spans.append((span.start, span.end, k, finding))
    if not spans:
        return _e(text)
    cuts = sorted({0, len(text)} | {s for s, _, _, _ in spans} | {e for _, e, _, _ in spans})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(k, f) for s, e, k, f in spans if s <= a and b <= e]
        piece = _e(text[a:b])
        if covering:
            codes = ", ".join(f"{f.code} {f.name}" for _, f in covering)
            out.append(f'<mark class="hl" data-codes="{_e(",".join(f.code for _, f in covering))}" title="{_e(codes)}">{piece}</mark>')
        else:
            out.append(piece)
        ending = [k for s, e, k, _ in spans if e == b]
        if ending:
            links = ",".join(f'<a href="#{anchor}-f{k}" aria-label="finding {k}">{k}</a>' for k in ending)
            out.append(f'<sup class="fref">{links}</sup>')
    return "".join(out)
