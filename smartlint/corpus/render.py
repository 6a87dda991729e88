"""The corpus report as tables: one table builder feeds the terminal, CSV and Markdown, so every
format shows the same numbers. Percentages are numbers (0-100, one decimal) under "(%)" headings."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

from smartlint.corpus.model import NO_AGENCY, SCORECARD, CorpusReport

Cell = str | int | float | None


@dataclass(slots=True)
class Table:
    name: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    note: str = ""


def _short_agency(report: CorpusReport) -> dict[str, str]:
    return report.labels.get("agency_short") or report.labels.get("agencies", {})


def documents_table(report: CorpusReport) -> Table:
    shorts = _short_agency(report)
    agency_keys = [row.key for row in report.agencies]
    headers = ["Document", "Recommendations"]
    headers += [f"{shorts.get(k, k)}" for k in agency_keys]
    headers += [f"{label} (%)" for label in SCORECARD.values()]
    headers += ["Duplicates", "Findings", "Unanswered findings"]
    rows: list[list[Cell]] = []
    for doc in report.documents:
        row: list[Cell] = [doc.path, doc.recommendations]
        row += [doc.agencies.get(k, 0) for k in agency_keys]
        card = doc.scorecard
        row += [getattr(card, key) if card is not None else None for key in SCORECARD]
        row += [doc.duplicates, doc.findings, len(doc.unanswered_findings)]
        rows.append(row)
    return Table(
        "documents",
        "Documents: recommendations by agency, SMART scorecard, duplicates",
        headers,
        rows,
        "A recommendation addressed to two agencies counts under both.",
    )


def agencies_table(report: CorpusReport) -> Table:
    rows: list[list[Cell]] = [[r.label, r.recommendations, r.share, r.documents] for r in report.agencies]
    return Table(
        "agencies",
        "Recommendations by agency (Brandon et al. 2011, Table 1)",
        ["Agency", "Recommendations", "Share (%)", "Documents"],
        rows,
        "Share of all recommendations; one addressed to two agencies counts under both.",
    )


def themes_table(report: CorpusReport) -> Table:
    rows: list[list[Cell]] = [
        [r.label, r.group, r.documents, r.recommendations, r.raised_not_recommended] for r in report.themes
    ]
    return Table(
        "themes",
        "Themes (Brandon et al. 2011, Table 2, and case themes)",
        ["Theme", "Group", "Documents", "Recommendations", "Raised in findings, not recommended"],
        rows,
        f"Documents: how many of the {len(report.documents)} documents have a recommendation on the theme.",
    )


def remedies_table(report: CorpusReport) -> Table:
    rows: list[list[Cell]] = [[r.label, r.recommendations, r.share] for r in report.remedies]
    return Table("remedies", "Remedy balance", ["Remedy", "Recommendations", "Share (%)"], rows)


def distribution_table(report: CorpusReport) -> Table:
    d = report.distribution
    rows: list[list[Cell]] = [
        ["Documents", d.documents],
        ["Recommendations", d.total],
        ["Minimum", d.min],
        ["Maximum", d.max],
        ["Mean", d.mean],
        ["Median", d.median],
        ["Duplicates", report.duplicates],
    ]
    rows += [[f"Documents with {b.label} recommendations", b.documents] for b in d.buckets]
    card = report.scorecard
    rows += [[f"{label} (%)", getattr(card, key)] for key, label in SCORECARD.items()]
    return Table(
        "distribution",
        "Recommendations per document, and the overall scorecard",
        ["Statistic", "Value"],
        rows,
        "Brandon et al. (2011) found 10 to 94 recommendations per review, mean 47.",
    )


def links_table(report: CorpusReport) -> Table:
    rows: list[list[Cell]] = []
    for doc in report.documents:
        rel = doc.relevance
        if rel is None:
            continue
        answered: dict[str, list[str]] = {f.id: [] for f in rel.findings}
        for rec_id, ids in rel.links.items():
            for ident in ids:
                answered.setdefault(ident, []).append(rec_id)
        for finding in rel.findings:
            rows.append([doc.path, finding.id, finding.line, finding.title, " ".join(answered.get(finding.id, [])) or None])
        unlinked = [rec_id for rec_id, ids in rel.links.items() if not ids]
        if unlinked:
            rows.append([doc.path, None, None, "(answer no finding)", " ".join(unlinked)])
    return Table(
        "links",
        "Findings and the recommendations that answer them",
        ["Document", "Finding", "Line", "Title", "Answered by"],
        rows,
    )


def errors_table(report: CorpusReport) -> Table:
    return Table("errors", "Files that could not be read", ["Path", "Message"], [[e.path, e.message] for e in report.errors])


BUILDERS = {
    "documents": documents_table,
    "agencies": agencies_table,
    "themes": themes_table,
    "remedies": remedies_table,
    "distribution": distribution_table,
    "links": links_table,
    "errors": errors_table,
}


def tables(report: CorpusReport, only: str | None = None) -> list[Table]:
    names = [only] if only else list(BUILDERS)
    built = [BUILDERS[name](report) for name in names]
    return [t for t in built if only or t.rows or t.name not in ("links", "errors")]


def _files(n: int) -> str:
    return "1 file" if n == 1 else f"{n} files"


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


# --- formats -----------------------------------------------------------------------------------


def render_csv(report: CorpusReport, table: str = "documents") -> str:
    """One table as CSV (RFC 4180, header row first); empty cells are unknown values."""
    t = BUILDERS[table](report)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(t.headers)
    for row in t.rows:
        writer.writerow([cell_text(c) for c in row])
    return out.getvalue()


def render_json(report: CorpusReport, table: str | None = None) -> str:
    if table is None:
        return report.model_dump_json(indent=2)
    if table == "links":
        data = [
            {"document": d.path, "relevance": d.relevance.model_dump(mode="json") if d.relevance else None}
            for d in report.documents
        ]
    else:
        value = getattr(report, table)
        data = value.model_dump(mode="json") if hasattr(value, "model_dump") else [v.model_dump(mode="json") for v in value]
    return json.dumps(data, indent=2, ensure_ascii=False)


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_table(t: Table) -> str:
    numeric = [all(isinstance(r[k], (int, float)) or r[k] is None for r in t.rows) for k in range(len(t.headers))]
    lines = ["| " + " | ".join(_md_escape(h) for h in t.headers) + " |"]
    lines.append("| " + " | ".join("---:" if num else "---" for num in numeric) + " |")
    for row in t.rows:
        lines.append("| " + " | ".join(_md_escape(cell_text(c)) for c in row) + " |")
    return "\n".join(lines)


def render_markdown(report: CorpusReport, table: str | None = None) -> str:
    parts = []
    if table is None:
        d = report.distribution
        parts.append("# smartlint corpus report\n")
        parts.append(
            f"{d.documents} documents, {d.total} recommendations"
            + (f" (per document: {d.min} to {d.max}, mean {d.mean})" if d.documents else "")
            + (f"; {_files(len(report.errors))} could not be read" if report.errors else "")
            + ".\n"
        )
    for t in tables(report, table):
        parts.append(f"## {t.title}\n")
        if t.note:
            parts.append(f"{t.note}\n")
        parts.append(markdown_table(t) + "\n")
    return "\n".join(parts)


def render_terminal(report: CorpusReport, table: str | None = None, *, color: bool = False, width: int | None = None) -> str:
    """Rich tables; the wide per-document table is split into its agency and scorecard halves."""
    from rich.console import Console
    from rich.table import Table as RichTable

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width or 120, highlight=False)
    if table is None:
        d = report.distribution
        summary = f"{d.documents} documents, {d.total} recommendations"
        if d.documents:
            summary += f" (per document: {d.min} to {d.max}, mean {d.mean})"
        if report.errors:
            summary += f"; {_files(len(report.errors))} could not be read"
        console.print(summary, style="bold" if color else None)
    for t in tables(report, table):
        for part in _split_documents(t) if t.name == "documents" else [t]:
            rich = RichTable(title=part.title, caption=part.note or None, title_justify="left", show_lines=False)
            numeric = [all(isinstance(r[k], (int, float)) or r[k] is None for r in part.rows) and k > 0 for k in range(len(part.headers))]
            for header, num in zip(part.headers, numeric):
                rich.add_column(header, justify="right" if num else "left", overflow="fold")
            for row in part.rows:
                rich.add_row(*(cell_text(c) for c in row))
            console.print()
            console.print(rich)
    return buffer.getvalue()


def _split_documents(t: Table) -> Sequence[Table]:
    agency_end = t.headers.index(next(h for h in t.headers if h.endswith("(%)")))
    left = Table(
        "documents",
        "Documents: recommendations by agency",
        t.headers[:agency_end],
        [row[:agency_end] for row in t.rows],
        t.note,
    )
    keep = [0, 1, *range(agency_end, len(t.headers))]
    right = Table(
        "documents",
        "Documents: SMART scorecard, duplicates and findings",
        [t.headers[k] for k in keep],
        [[row[k] for k in keep] for row in t.rows],
    )
    return [left, right]


__all__ = ["BUILDERS", "NO_AGENCY", "Table", "render_csv", "render_json", "render_markdown", "render_terminal", "tables"]
