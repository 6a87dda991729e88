"""`smartlint report` on generated documents whose true counts are known, asserted in every format."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from corpus_generator import OWNERS, generate, truth
from smartlint_rules import themes as T

from smartlint.corpus import FORMATS
from smartlint.corpus.model import CorpusReport
from smartlint.corpus.run import build_corpus_report, render, run_report

N_DOCS = 12
SCORE_COLUMNS = {
    "owner_named": "Owner named (%)",
    "concrete_timescale": "Concrete timescale (%)",
    "measurable": "Measurable (%)",
    "specific": "Specific (%)",
    "cited": "Evidence cited (%)",
}
SHORT = {**T.agencies().shorts, "none": "No agency"}
AGENCY_LABEL = {**T.agencies().labels, "none": "No agency named"}
THEME_LABEL = T.themes().labels


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    docs = generate(folder, N_DOCS, seed=2011)
    return folder, truth(docs)


@pytest.fixture(scope="module")
def report(corpus) -> CorpusReport:
    folder, _ = corpus
    return build_corpus_report([folder], jobs=1, isolated=True)


def test_the_generator_writes_what_it_says(corpus):
    folder, expected = corpus
    assert sorted(p.stem for p in folder.glob("*.md")) == sorted(expected["documents"])
    assert expected["duplicates"] > 0 and any(d["unanswered"] for d in expected["documents"].values())
    assert set(OWNERS) == set(T.agencies().keys), "the generator covers every agency category"


# --- the expected tables, as {row key: {column: value}} ----------------------------------------


def expected_documents(expected) -> dict[str, dict[str, float]]:
    rows = {}
    for name, doc in expected["documents"].items():
        row = {"Recommendations": doc["recommendations"], "Duplicates": doc["duplicates"]}
        row |= {SHORT[key]: doc["agencies"].get(key, 0) for key in SHORT}
        row |= {column: doc[key] for key, column in SCORE_COLUMNS.items()}
        row |= {"Findings": doc["findings"], "Unanswered findings": len(doc["unanswered"])}
        rows[name] = row
    return rows


def expected_themes(expected) -> dict[str, dict[str, float]]:
    return {
        label: {
            "Documents": expected["theme_documents"].get(key, 0),
            "Raised in findings, not recommended": expected["raised_not_recommended"].get(key, 0),
        }
        for key, label in THEME_LABEL.items()
    }


def expected_agencies(expected) -> dict[str, dict[str, float]]:
    total = expected["total"]
    return {
        AGENCY_LABEL[key]: {
            "Recommendations": expected["agency_totals"].get(key, 0),
            "Share (%)": round(100 * expected["agency_totals"].get(key, 0) / total, 1),
        }
        for key in AGENCY_LABEL
    }


def expected_remedies(expected) -> dict[str, dict[str, float]]:
    return {T.remedy_label(key): {"Recommendations": expected["remedy_totals"].get(key, 0)} for key in T.remedy_keys()}


def expected_distribution(expected) -> dict[str, dict[str, float]]:
    values = {
        "Documents": N_DOCS,
        "Recommendations": expected["total"],
        "Minimum": expected["min"],
        "Maximum": expected["max"],
        "Mean": expected["mean"],
        "Duplicates": expected["duplicates"],
    }
    return {name: {"Value": value} for name, value in values.items()}


EXPECTED = {
    "documents": expected_documents,
    "themes": expected_themes,
    "agencies": expected_agencies,
    "remedies": expected_remedies,
    "distribution": expected_distribution,
}


def _number(text: str | float | None) -> float | None:
    if text is None or text == "":
        return None
    return float(text)


def assert_table(name: str, parsed: dict[str, dict[str, str]], expected) -> None:
    """Every expected cell is present in the parsed table with the expected value."""
    wanted = EXPECTED[name](expected)
    for key, columns in wanted.items():
        assert key in parsed, f"{name}: no row for {key!r} (rows: {sorted(parsed)[:5]}...)"
        for column, value in columns.items():
            assert column in parsed[key], f"{name}: no column {column!r}"
            assert _number(parsed[key][column]) == _number(value), f"{name}[{key!r}][{column!r}]"


def _key(name: str, first_cell: str) -> str:
    return Path(first_cell).stem if name == "documents" else first_cell


def _rows_to_table(name: str, headers: list[str], rows: list[list[str]]) -> dict[str, dict[str, str]]:
    return {_key(name, row[0]): dict(zip(headers, row)) for row in rows}


# --- JSON -------------------------------------------------------------------------------------


def test_json_reproduces_the_known_counts(report, corpus):
    _, expected = corpus
    data = json.loads(render(report, "json"))
    assert data["schema_version"] == 1 and not data["errors"]
    by_name = {Path(d["path"]).stem: d for d in data["documents"]}
    for name, doc in expected["documents"].items():
        got = by_name[name]
        assert got["recommendations"] == doc["recommendations"]
        assert {k: v for k, v in got["agencies"].items() if v} == dict(doc["agencies"])
        assert {k: v for k, v in got["remedies"].items() if v} == dict(doc["remedies"])
        assert got["themes"] == dict(doc["themes"])
        assert got["duplicates"] == doc["duplicates"] == len(got["duplicate_pairs"])
        for key in SCORE_COLUMNS:
            assert got["scorecard"][key] == doc[key], (name, key)
        assert got["findings"] == doc["findings"]
        assert got["unanswered_findings"] == doc["unanswered"]
        if doc["findings"]:  # the link map: every finding and every recommendation appears
            assert [f["id"] for f in got["relevance"]["findings"]] == [f"F{k}" for k in range(1, doc["findings"] + 1)]
            assert len(got["relevance"]["links"]) == doc["recommendations"]
    assert {r["key"]: r["documents"] for r in data["themes"]} == {k: expected["theme_documents"].get(k, 0) for k in THEME_LABEL}
    assert {r["key"]: r["recommendations"] for r in data["agencies"]} == {
        k: expected["agency_totals"].get(k, 0) for k in AGENCY_LABEL
    }
    assert {r["key"]: r["recommendations"] for r in data["remedies"]} == {
        k: expected["remedy_totals"].get(k, 0) for k in T.remedy_keys()
    }
    dist = data["distribution"]
    assert (dist["total"], dist["min"], dist["max"], dist["mean"]) == (
        expected["total"], expected["min"], expected["max"], expected["mean"],
    )
    assert sum(b["documents"] for b in dist["buckets"]) == N_DOCS
    assert data["duplicates"] == expected["duplicates"]


def test_json_of_one_table_is_that_table(report):
    themes = json.loads(render(report, "json", table="themes"))
    assert [t["key"] for t in themes] == list(THEME_LABEL)
    links = json.loads(render(report, "json", table="links"))
    assert len(links) == N_DOCS and sum(1 for d in links if d["relevance"]) == N_DOCS // 2


# --- CSV --------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", sorted(EXPECTED))
def test_csv_reproduces_the_known_counts(report, corpus, table):
    _, expected = corpus
    rows = list(csv.reader(io.StringIO(render(report, "csv", table=table))))
    headers, body = rows[0], rows[1:]
    assert all(len(row) == len(headers) for row in body)
    assert_table(table, _rows_to_table(table, headers, body), expected)


def test_csv_defaults_to_one_row_per_document(report):
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert len(rows) == N_DOCS and "Recommendations" in rows[0]


# --- Markdown ---------------------------------------------------------------------------------

TITLES = {
    "documents": "Documents: recommendations by agency, SMART scorecard, duplicates",
    "agencies": "Recommendations by agency",
    "themes": "Themes",
    "remedies": "Remedy balance",
    "distribution": "Recommendations per document",
}


def parse_markdown(text: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    found: dict[str, tuple[list[str], list[list[str]]]] = {}
    title = None
    rows: list[list[str]] = []
    for line in text.splitlines() + [""]:
        if line.startswith("## "):
            title = line[3:]
            rows = []
        elif line.startswith("|"):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            rows.append(cells)
        elif rows and title:
            found[title] = (rows[0], [r for r in rows[2:]])
            rows = []
    return found


@pytest.mark.parametrize("table", sorted(EXPECTED))
def test_markdown_reproduces_the_known_counts(report, corpus, table):
    _, expected = corpus
    parsed = parse_markdown(render(report, "markdown"))
    title = next(t for t in parsed if t.startswith(TITLES[table]))
    headers, rows = parsed[title]
    assert_table(table, _rows_to_table(table, headers, rows), expected)


# --- terminal ---------------------------------------------------------------------------------


def parse_terminal(text: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """Rich's box tables: title lines, a header row (┃), then body rows (│)."""
    tables: list[tuple[str, list[str], list[list[str]]]] = []
    title = ""
    previous = ""
    headers: list[str] | None = None
    rows: list[list[str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("┃"):
            headers = [c.strip() for c in stripped.strip("┃").split("┃")]
        elif stripped.startswith("│") and headers is not None:
            rows.append([c.strip() for c in stripped.strip("│").split("│")])
        elif stripped.startswith("└") and headers is not None:
            tables.append((title, headers, rows))
            headers, rows = None, []
        elif stripped and stripped[0] not in "┏┡┗━":
            # a long title wraps onto a second line
            title = f"{title} {stripped}" if previous and previous[0] not in "└┏┡━│┃" else stripped
        previous = stripped
    return tables


def test_terminal_tables_reproduce_the_known_counts(report, corpus):
    _, expected = corpus
    text = render(report, "terminal", width=400)
    assert "\x1b[" not in text  # no colour unless asked
    parsed = parse_terminal(text)
    by_title = {title: (headers, rows) for title, headers, rows in parsed}
    # the wide per-document table is printed in two halves: by agency, then the scorecard
    left = by_title["Documents: recommendations by agency"]
    right = by_title["Documents: SMART scorecard, duplicates and findings"]
    merged = _rows_to_table("documents", *left)
    for name, row in _rows_to_table("documents", *right).items():
        merged[name].update(row)
    assert_table("documents", merged, expected)
    for table in ("agencies", "themes", "remedies", "distribution"):
        title = next(t for t in by_title if t.startswith(TITLES[table]))
        assert_table(table, _rows_to_table(table, *by_title[title]), expected)


def test_terminal_colour_is_optional(report):
    assert "\x1b[" in render(report, "terminal", color=True, width=200)


# --- HTML -------------------------------------------------------------------------------------


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.tags: list[str] = []
        self.svgs = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "svg":
            self.svgs += 1
        if tag == "table":
            self.current = self.tables.setdefault(attrs.get("data-table", f"t{len(self.tables)}"), [])
        elif tag == "tr" and self.current is not None:
            self.current.append([])
        elif tag in ("td", "th") and self.current is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.current is not None:
            self.current[-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def test_html_is_self_contained_with_charts_and_the_known_counts(report, corpus):
    _, expected = corpus
    page = render(report, "html")
    parser = _Tables()
    parser.feed(page)
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "<link" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?:""", page), "nothing is fetched from elsewhere"
    assert parser.svgs >= 5 + N_DOCS // 2  # five charts and one link map per document with findings
    for table in EXPECTED:
        rows = parser.tables[table]
        assert_table(table, _rows_to_table(table, rows[0], rows[1:]), expected)
    links = parser.tables["links"]
    assert sum(1 for row in links[1:] if row[1].startswith("F")) == sum(d["findings"] for d in expected["documents"].values())


def test_html_escapes_what_documents_contain(tmp_path):
    (tmp_path / "a<b>.md").write_text(
        "# R\n\n## Key findings\n\nFinding 1: The <script>alert(1)</script> notes on domestic abuse were lost.\n\n"
        "## Recommendations\n\n1. The Police will publish a protocol on domestic abuse by 31 March 2026.\n",
        encoding="utf-8",
    )
    page = render(build_corpus_report([tmp_path], isolated=True), "html")
    assert "<script>" not in page and "a&lt;b&gt;.md" in page


# --- running ----------------------------------------------------------------------------------


def test_parallel_run_is_identical_to_serial(corpus, report):
    folder, _ = corpus
    parallel = build_corpus_report([folder], jobs=2, isolated=True)
    assert parallel.model_dump_json() == report.model_dump_json()


def test_a_file_that_fails_is_reported_and_the_run_goes_on(corpus, tmp_path, capsys):
    folder, _ = corpus
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 this is not a Word document")
    missing = tmp_path / "missing.md"
    out = tmp_path / "report.json"
    code = run_report([folder, broken, missing], "json", jobs=1, output=out, isolated=True, progress=False)
    assert code == 2
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"]) == N_DOCS
    assert sorted(Path(e["path"]).name for e in data["errors"]) == ["broken.docx", "missing.md"]
    err = capsys.readouterr().err
    assert "broken.docx" in err and "missing.md" in err


def test_a_clean_run_exits_zero_and_writes_every_format(corpus, tmp_path, capsys):
    folder, _ = corpus
    for fmt in FORMATS:
        out = tmp_path / f"report.{fmt}"
        assert run_report([folder], fmt, jobs=1, output=out, isolated=True, progress=False) == 0
        assert out.read_text(encoding="utf-8").strip()
    assert capsys.readouterr().err == ""


def test_refuses_to_overwrite_an_input(corpus):
    folder, _ = corpus
    target = next(folder.glob("*.md"))
    from smartlint.errors import InputError

    with pytest.raises(InputError, match="refusing to overwrite"):
        run_report([target], "json", output=target, isolated=True)


def test_unknown_format_and_table_are_one_line_errors(report):
    from smartlint.errors import InputError

    with pytest.raises(InputError, match="unknown report format"):
        render(report, "pdf")
    with pytest.raises(InputError, match="unknown table"):
        render(report, "csv", table="nope")


def test_progress_bar_goes_to_stderr_and_leaves_the_report_alone(corpus, capsys):
    folder, _ = corpus
    quiet = build_corpus_report([folder], jobs=1, isolated=True, progress=False)
    shown = build_corpus_report([folder], jobs=1, isolated=True, progress=True)
    assert shown.model_dump_json() == quiet.model_dump_json()
    assert capsys.readouterr().out == ""


def test_empty_folder_of_readable_files_gives_an_empty_report(tmp_path):
    (tmp_path / "empty.md").write_text("# Nothing here\n", encoding="utf-8")
    report = build_corpus_report([tmp_path], isolated=True)
    assert report.distribution.documents == 1 and report.documents[0].recommendations == 0
    for fmt in FORMATS:
        assert render(report, fmt)
