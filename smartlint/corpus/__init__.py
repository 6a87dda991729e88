"""`smartlint report`: whole-corpus tables in the manner of Brandon et al. (2011, DFE-RR157).

Per document: the number of recommendations, recommendations by agency category (the study's
Table 1), a SMART scorecard and near-duplicates. Across documents: how many documents address
each theme (Table 2), agency totals, the distribution of counts and the balance of remedies.
Output as terminal tables, CSV, JSON, Markdown or a self-contained HTML page with SVG charts.

Importing this package is cheap; the work is done in its modules, imported when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

FORMATS = ("terminal", "csv", "json", "markdown", "html")
TABLES = ("documents", "agencies", "themes", "remedies", "distribution", "links", "errors")

if TYPE_CHECKING:  # pragma: no cover
    from smartlint.corpus.model import CorpusReport


def __getattr__(name: str) -> Any:
    if name in ("run_report", "build_corpus_report", "render"):
        from smartlint.corpus import run

        return getattr(run, name)
    if name == "CorpusReport":
        from smartlint.corpus.model import CorpusReport

        return CorpusReport
    raise AttributeError(name)


__all__ = ["FORMATS", "TABLES", "CorpusReport", "build_corpus_report", "render", "run_report"]
