"""Running a corpus report: collect the files, analyse each (in a process pool with --jobs N), add
up the tables and render them. A file that cannot be read is reported and the run goes on."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from smartlint.corpus.model import CorpusReport, DocumentStats
from smartlint.errors import ConfigError, InputError, SmartlintError
from smartlint.models import FileError

EXIT_OK, EXIT_FAILED_FILES = 0, 2
# Below this many files the bar would only flicker.
PROGRESS_MIN_FILES = 10

_session: Any = None  # the Session a worker process analyses with


def _make_session(config: Any, isolated: bool, today: date | None) -> Any:
    from smartlint.api import Session
    from smartlint.engine import Overrides

    # No rule needs to run: the report reads the analyses (assessment, profile, relevance).
    return Session(config, Overrides(select=[], today=today), isolated=isolated)


def analyse(session: Any, path: Path) -> DocumentStats | FileError:
    """One file's row, or the reason it could not be read."""
    from smartlint.corpus.stats import document_stats

    try:
        result = session.lint_file(path)
        return document_stats(result)
    except ConfigError:
        raise
    except SmartlintError as exc:
        return FileError(path=str(path), message=str(exc))
    except Exception as exc:  # noqa: BLE001 -- a damaged file must not stop a run over hundreds of reports
        return FileError(path=str(path), message=f"{path}: could not be analysed ({type(exc).__name__}: {exc})")


def _init_worker(session: Any) -> None:
    global _session
    _session = session


def _analyse_in_worker(path: Path) -> DocumentStats | FileError:
    return analyse(_session, path)


def _expand(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[FileError]]:
    """Files below the given paths; a path that does not exist is an error for that path only."""
    from smartlint.api import collect_files

    files: list[Path] = []
    errors: list[FileError] = []
    for raw in paths:
        try:
            files.extend(collect_files([raw]))
        except InputError as exc:
            errors.append(FileError(path=str(raw), message=str(exc)))
    return files, errors


def _outcomes(session: Any, files: list[Path], jobs: int) -> Iterator[DocumentStats | FileError]:
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            yield analyse(session, path)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    workers = min(jobs, len(files))
    chunk = max(1, min(16, len(files) // (workers * 8)))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(session,)) as pool:
        # map keeps the input order, so the report is identical to a serial run
        yield from pool.map(_analyse_in_worker, files, chunksize=chunk)


def _progress_bar(total: int) -> tuple[Callable[[], None], Callable[[], None]]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn("smartlint report"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task("files", total=total)
    progress.start()
    return (lambda: progress.advance(task)), progress.stop


def build_corpus_report(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = 1,
    config: Any = None,
    isolated: bool = False,
    today: date | None = None,
    progress: bool | None = False,
) -> CorpusReport:
    """Analyse every file below `paths` and return the report (files that fail are in `errors`).

    `jobs=None` uses every core for many files; `progress=None` shows a bar on a terminal for long runs.
    """
    from smartlint.api import default_jobs, version
    from smartlint.corpus.stats import aggregate

    files, errors = _expand(paths)
    session = _make_session(config, isolated, today)
    workers = default_jobs(len(files)) if jobs is None else max(1, jobs)
    show = progress if progress is not None else (sys.stderr.isatty() and len(files) >= PROGRESS_MIN_FILES)
    advance, stop = _progress_bar(len(files)) if show and files else ((lambda: None), (lambda: None))
    documents: list[DocumentStats] = []
    try:
        for outcome in _outcomes(session, files, workers):
            if isinstance(outcome, FileError):
                errors.append(outcome)
            else:
                documents.append(outcome)
            advance()
    finally:
        stop()
    return aggregate(documents, errors, version())


def render(report: CorpusReport, fmt: str, *, table: str | None = None, color: bool = False, width: int | None = None) -> str:
    """The report as text in one of FORMATS; `table` picks one table (required shape for CSV)."""
    from smartlint.corpus import FORMATS, TABLES

    if fmt not in FORMATS:
        raise InputError(f"unknown report format '{fmt}' (choose from {', '.join(FORMATS)})")
    if table is not None and table not in TABLES:
        raise InputError(f"unknown table '{table}' (choose from {', '.join(TABLES)})")
    if fmt == "json":
        from smartlint.corpus.render import render_json

        return render_json(report, table)
    if fmt == "csv":
        from smartlint.corpus.render import render_csv

        return render_csv(report, table or "documents")
    if fmt == "markdown":
        from smartlint.corpus.render import render_markdown

        return render_markdown(report, table)
    if fmt == "html":
        from smartlint.corpus.html import render_html

        return render_html(report)
    from smartlint.corpus.render import render_terminal

    return render_terminal(report, table, color=color, width=width)


def run_report(
    paths: Iterable[str | os.PathLike[str]],
    fmt: str = "terminal",
    jobs: int | None = None,
    output: str | os.PathLike[str] | None = None,
    *,
    config: Any = None,
    isolated: bool = False,
    today: date | None = None,
    table: str | None = None,
    progress: bool | None = None,
    color: bool | None = None,
) -> int:
    """What `smartlint report` does: build, render, write; returns the exit code (2 if any file failed).

    Failed files are listed on stderr as they are in `check`; the run still reports the others.
    """
    from smartlint.corpus import FORMATS, TABLES

    if fmt not in FORMATS:
        raise InputError(f"unknown report format '{fmt}' (choose from {', '.join(FORMATS)})")
    if table is not None and table not in TABLES:
        raise InputError(f"unknown table '{table}' (choose from {', '.join(TABLES)})")
    paths = list(paths)
    if output is not None:
        target = Path(output).resolve()
        for raw in paths:
            if Path(raw).exists() and Path(raw).resolve() == target:
                raise InputError(f"{output}: refusing to overwrite an input file")
    report = build_corpus_report(paths, jobs=jobs, config=config, isolated=isolated, today=today, progress=progress)
    if color is None:
        color = output is None and fmt == "terminal" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = render(report, fmt, table=table, color=color)
    if not text.endswith("\n"):
        text += "\n"
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{output}: cannot write: {exc.strerror or exc}") from None
    for error in report.errors:
        print(f"smartlint: error: {error.message}", file=sys.stderr)
    return EXIT_FAILED_FILES if report.errors else EXIT_OK
