"""The corpus report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts and
nothing fetched from elsewhere, so it can be mailed or archived as a single file."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from smartlint.corpus.model import SCORECARD, CorpusReport, DocumentStats
from smartlint.corpus.render import Table, cell_text, tables

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1b1f24;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.sub{color:#57606a;margin-top:0}.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1.2rem 0}
.card{border:1px solid #d0d7de;border-radius:8px;padding:.6rem 1rem;min-width:8.5rem}.card b{display:block;font-size:1.5rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:1.2rem}
figure{margin:0;border:1px solid #d0d7de;border-radius:8px;padding:.8rem}figcaption{font-weight:600;margin-bottom:.4rem}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0;width:100%}th,td{border:1px solid #d0d7de;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}.note{color:#57606a;font-size:.85rem}
.scroll{overflow-x:auto}details{margin:.6rem 0}summary{cursor:pointer;font-weight:600}.err{color:#cf222e}
svg text{font-family:inherit}
"""

_BAR = "#0969da"
_BAR_ALT = "#bf8700"
_MUTED = "#8c959f"


def _bars(rows: Sequence[tuple[str, float, str]], maximum: float, *, color: str = _BAR, label_width: int = 300) -> str:
    """A horizontal bar chart: (label, value, text shown after the bar)."""
    bar_area, row_height = 300, 22
    width = label_width + bar_area + 90
    height = row_height * len(rows) + 6
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {width} {height}" role="img" '
            'preserveAspectRatio="xMinYMin meet">'
        )
    ]
    for k, (label, value, shown) in enumerate(rows):
        y = 3 + k * row_height
        length = 0 if maximum <= 0 else max(0.0, min(1.0, value / maximum)) * bar_area
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 15}" font-size="12" text-anchor="end">{escape(_clip(label, 44))}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row_height - 6}" fill="{color}" rx="2">'
            f"<title>{escape(label)}: {escape(shown)}</title></rect>"
            f'<text x="{label_width + length + 5:.1f}" y="{y + 15}" font-size="12" fill="#1b1f24">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _columns(rows: Sequence[tuple[str, int]]) -> str:
    """A vertical bar chart (the distribution of recommendations per document)."""
    col, gap, chart_height, top, bottom = 64, 14, 160, 20, 34
    width = len(rows) * (col + gap) + gap
    height = top + chart_height + bottom
    maximum = max((v for _, v in rows), default=0)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {width} {height}" role="img">']
    for k, (label, value) in enumerate(rows):
        x = gap + k * (col + gap)
        h = 0 if maximum == 0 else value / maximum * chart_height
        y = top + chart_height - h
        parts.append(
            f'<rect x="{x}" y="{y:.1f}" width="{col}" height="{h:.1f}" fill="{_BAR}" rx="2"><title>{escape(label)}: {value}</title></rect>'
            f'<text x="{x + col / 2}" y="{y - 5:.1f}" font-size="12" text-anchor="middle">{value}</text>'
            f'<text x="{x + col / 2}" y="{top + chart_height + 18}" font-size="12" text-anchor="middle">{escape(label)}</text>'
        )
    parts.append(
        f'<line x1="{gap / 2}" y1="{top + chart_height}" x2="{width - gap / 2}" y2="{top + chart_height}" stroke="{_MUTED}"/></svg>'
    )
    return "".join(parts)


def _link_map(doc: DocumentStats) -> str:
    """Findings on the left, recommendations on the right, a line for each link."""
    rel = doc.relevance
    if rel is None or not rel.findings:
        return ""
    findings = rel.findings[:60]
    recs = list(rel.links)[:80]
    row = 20
    left_x, right_x, width = 250, 470, 560
    height = max(len(findings), len(recs)) * row + 10
    y_finding = {f.id: 10 + k * row for k, f in enumerate(findings)}
    y_rec = {r: 10 + k * row for k, r in enumerate(recs)}
    answered = {ident for ids in rel.links.values() for ident in ids}
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" style="max-width:100%;height:auto" '
            f'viewBox="0 0 {width} {height}" role="img">'
        )
    ]
    for rec_id, ids in rel.links.items():
        if rec_id not in y_rec:
            continue
        for ident in ids:
            if ident in y_finding:
                parts.append(
                    f'<line x1="{left_x}" y1="{y_finding[ident]}" x2="{right_x}" y2="{y_rec[rec_id]}" stroke="{_BAR}" '
                    'stroke-opacity=".55"/>'
                )
    for f in findings:
        y = y_finding[f.id]
        fill = _BAR if f.id in answered else _BAR_ALT
        parts.append(
            f'<circle cx="{left_x}" cy="{y}" r="5" fill="{fill}"><title>{escape(f.id)}: {escape(f.title)}</title></circle>'
            f'<text x="{left_x - 10}" y="{y + 4}" font-size="11" text-anchor="end">{escape(f.id)} {escape(_clip(f.title, 34))}</text>'
        )
    for rec_id in recs:
        y = y_rec[rec_id]
        fill = _BAR if rel.links.get(rec_id) else _BAR_ALT
        parts.append(
            f'<circle cx="{right_x}" cy="{y}" r="5" fill="{fill}"/>'
            f'<text x="{right_x + 10}" y="{y + 4}" font-size="11">Rec {escape(rec_id)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _html_table(t: Table) -> str:
    numeric = [all(isinstance(r[k], (int, float)) or r[k] is None for r in t.rows) and k > 0 for k in range(len(t.headers))]
    head = "".join(f"<th>{escape(h)}</th>" for h in t.headers)
    body = []
    for row in t.rows:
        cells = "".join(
            f'<td class="n">{escape(cell_text(c))}</td>' if num else f"<td>{escape(cell_text(c))}</td>"
            for c, num in zip(row, numeric)
        )
        body.append(f"<tr>{cells}</tr>")
    note = f'<p class="note">{escape(t.note)}</p>' if t.note else ""
    return f'<div class="scroll"><table data-table="{escape(t.name)}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>{note}'


def _figure(caption: str, svg: str) -> str:
    return f"<figure><figcaption>{escape(caption)}</figcaption>{svg}</figure>"


def render_html(report: CorpusReport) -> str:
    d = report.distribution
    n_docs = d.documents
    charts = [
        _figure(
            f"Documents addressing each theme (of {n_docs})",
            _bars([(r.label, r.documents, str(r.documents)) for r in report.themes], n_docs),
        ),
        _figure(
            "Recommendations by agency",
            _bars(
                [(r.label, r.recommendations, f"{r.recommendations} ({r.share:.1f}%)") for r in report.agencies],
                max((r.recommendations for r in report.agencies), default=0),
            ),
        ),
        _figure(
            "Remedy balance",
            _bars(
                [(r.label, r.share, f"{r.recommendations} ({r.share:.1f}%)") for r in report.remedies],
                max((r.share for r in report.remedies), default=0),
                color=_BAR_ALT,
            ),
        ),
        _figure("Recommendations per document", _columns([(b.label, b.documents) for b in d.buckets])),
    ]
    card = report.scorecard
    if card.assessed:
        charts.append(
            _figure(
                f"SMART scorecard ({card.assessed} recommendations assessed)",
                _bars(
                    [(label, getattr(card, key) or 0.0, f"{getattr(card, key) or 0.0:.1f}%") for key, label in SCORECARD.items()],
                    100,
                ),
            )
        )
    cards = [
        ("Documents", str(n_docs)),
        ("Recommendations", str(d.total)),
        ("Per document", f"{d.min}\u2013{d.max}, mean {d.mean}" if n_docs else "\u2013"),
        ("Duplicates", str(report.duplicates)),
    ]
    if report.errors:
        cards.append(("Files not read", str(len(report.errors))))
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>smartlint corpus report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>smartlint corpus report</h1>",
        (
            '<p class="sub">Recommendations counted and classified as in Brandon et al. (2011, DFE-RR157), Tables 1 and 2. '
            f"smartlint {escape(report.tool.version)}.</p>"
        ),
        '<div class="cards">' + "".join(f'<div class="card"><b>{escape(v)}</b>{escape(k)}</div>' for k, v in cards) + "</div>",
        '<div class="charts">' + "".join(charts) + "</div>",
    ]
    for t in tables(report):
        if t.name == "links":
            continue
        out.append(f"<h2>{escape(t.title)}</h2>")
        out.append(_html_table(t))
    maps = [doc for doc in report.documents if doc.relevance is not None]
    if maps:
        out.append("<h2>Findings and the recommendations that answer them</h2>")
        out.append(
            '<p class="note">Blue: linked. Amber: a finding no recommendation answers, or a recommendation '
            "that answers no finding. Links come from explicit references (\u201cFinding 3\u201d), else shared themes "
            "and key terms.</p>"
        )
        for doc in maps:
            out.append(f"<details><summary>{escape(doc.path)}: {doc.findings} findings, "
                       f"{len(doc.unanswered_findings)} unanswered</summary>{_link_map(doc)}</details>")
        links = next(t for t in tables(report, "links"))
        out.append(_html_table(links))
    out.append("</body></html>")
    return "\n".join(out) + "\n"
