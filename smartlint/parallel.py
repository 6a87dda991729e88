"""Linting many files in worker processes (`--jobs`): loaded only when a run uses more than one.

The check command's streamed formats (text, json) are rendered in the workers: each file comes
back as its block of output (the formatter's `write_file`) with the few counts the parent needs
for the summary and the exit code (RenderedFile), and the formatter's `write` puts the blocks in
their places, so the parent's serial part is little more than writing the blocks in order. The
blocks are held until every file is done (as a serial run holds its results), so that a
configuration error met on the way leaves the output unwritten, as it does in a serial run. Other formats (and the library API) get the results back pickled;
pydantic results travel as their field dicts (see _ResultPickler).
"""

from __future__ import annotations

import io
import pickle
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from smartlint.errors import ConfigError
from smartlint.file_records import FileRecord

if TYPE_CHECKING:
    from smartlint.api import Session
    from smartlint.file_records import FileSummaryRecord, FindingCounts

_worker_session: Session | None = None
_worker_render: RenderSpec | None = None

# A typical recommendation, linted once before the pool forks so the rule modules' lazily built
# lexicons and patterns are inherited by every worker instead of being built in each.
_WARM_UP_TEXT = (
    "1. The Local Safeguarding Children Board should ensure that all agencies review their "
    "training on neglect and report to the Board by 31 March 2026 (Working Together 2010)."
)

# The formats whose output is the files' blocks in order between a head and a tail, so that
# the workers can render each file's block.
RENDERED_IN_WORKERS = ("text", "json")


@dataclass(frozen=True, slots=True)
class RenderSpec:
    """How the check command renders its report (as formatters.emit is called)."""

    fmt: str
    color: bool = False
    quiet: bool = False
    statistics: bool = False


def _init_worker(session: Session, render: RenderSpec | None) -> None:
    global _worker_session, _worker_render
    _worker_session = session
    _worker_render = render


def _lint_in_worker(path: Path) -> Any:
    assert _worker_session is not None
    outcome = _worker_session._lint_or_error(path)
    if isinstance(outcome, FileRecord):
        if _worker_render is not None:
            try:
                return render_file(outcome, _worker_render)
            finally:
                outcome.close()
        outcome = outcome.materialised()  # its spool cannot travel
    return dumps_results(outcome)


def _warm(session: Session, files: list[Path]) -> None:
    from smartlint.readers import read_text_document

    linter = session.linter_for(files[0])
    document = read_text_document(_WARM_UP_TEXT, "warm-up.md", "md")
    if session.light:
        # the check path's own records: pydantic is not imported in the parent for a warm-up
        linter.check_document(document).close()
    else:
        linter.lint_document(document)


def lint_in_pool(session: Session, files: list[Path], workers: int, render: dict[str, Any] | None = None) -> list[Any]:
    """Each file's outcome, in order: a FileResult/FileRecord or FileError; or, given `render`
    (RenderSpec's fields) in a light session and a format in RENDERED_IN_WORKERS, a RenderedFile
    or FileErrorRecord."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    spec = RenderSpec(**render) if render is not None and session.light and render.get("fmt") in RENDERED_IN_WORKERS else None
    # fork shares the already-imported rules with the workers at no cost, where the OS has it
    methods = multiprocessing.get_all_start_methods()
    forking = "fork" in methods
    context = multiprocessing.get_context("fork" if forking else None)
    if forking:
        # the workers inherit this session's linters, warmed up here once
        _warm(session, files)
        shared = session
    else:
        from smartlint.api import Session

        shared = Session(session.fixed, session.overrides, isolated=session.isolated, light=session.light)
    outcomes: list[Any] = [None] * len(files)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(shared, spec)) as pool:
        for future in [pool.submit(_lint_chunk, chunk) for chunk in plan_chunks(files, workers)]:
            for index, outcome in future.result():
                outcomes[index] = outcome if type(outcome) is not bytes else pickle.loads(outcome)
    # the error a serial run would have stopped at: the first in the files' order
    failed = next((o for o in outcomes if isinstance(o, ConfigError)), None)
    if failed is not None:
        raise failed
    return outcomes


def plan_chunks(files: list[Path], workers: int) -> list[list[tuple[int, Path]]]:
    """The files (with their places in `files`) in chunks for the workers, biggest files first so
    that no worker is left with a long file at the end while the others idle (the results are put
    back in order). A chunk holds about 1/32 of a worker's share of the bytes: small enough that
    the workers finish together, big enough that its cost in IPC stays small."""
    sizes = [_size(path) for path in files]
    target = max(1, sum(sizes) // (workers * 32))
    chunks: list[list[tuple[int, Path]]] = []
    chunk: list[tuple[int, Path]] = []
    held = 0
    for index in sorted(range(len(files)), key=lambda i: -sizes[i]):  # stable: equal sizes keep their order
        chunk.append((index, files[index]))
        held += sizes[index]
        if held >= target:
            chunks.append(chunk)
            chunk, held = [], 0
    if chunk:
        chunks.append(chunk)
    return chunks


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will say what is wrong


def _lint_chunk(chunk: list[tuple[int, Path]]) -> list[tuple[int, Any]]:
    done: list[tuple[int, Any]] = []
    for index, path in chunk:
        try:
            done.append((index, _lint_in_worker(path)))
        except ConfigError as exc:  # raised in the parent if no earlier file has one (a serial run's error)
            done.append((index, exc))
    return done


# ---- rendering in the workers -------------------------------------------------------------


class _Finding(NamedTuple):
    """What --statistics reads of a finding."""

    code: str
    name: str


class _Tallied:
    """A rendered file's findings as far as the parent reads them: `severities` for the exit
    code; iterated (for --statistics), each finding's code and name."""

    __slots__ = ("_pairs", "severities")

    def __init__(self, counts: FindingCounts, pairs: dict[tuple[str, str], int] | None) -> None:
        self.severities = frozenset(counts.by_severity)
        self._pairs = pairs

    def __iter__(self) -> Iterator[_Finding]:
        if self._pairs is None:
            raise RuntimeError("this file's findings were rendered without their codes (no --statistics)")
        for (code, name), count in self._pairs.items():
            for _ in range(count):
                yield _Finding(code, name)


@dataclass(slots=True)
class RenderedFile:
    """A file linted and rendered in a worker: its block of output and what the report's summary,
    --statistics and the exit code read of it (file_records.FileRecord's names for them)."""

    path: str
    block: str
    summary: FileSummaryRecord
    counts: FindingCounts
    recommendations: range  # only its length is read (the summary's count)
    met: tuple[int, list[int]] | None = None  # text: recommendations assessed, and meeting each criterion
    pairs: dict[tuple[str, str], int] | None = None  # text --statistics: (code, name) -> findings

    def all_findings(self) -> _Tallied:
        return _Tallied(self.counts, self.pairs)


def render_file(file: FileRecord, spec: RenderSpec) -> RenderedFile:
    """`file`'s block of the report, exactly as the formatter writes it within the whole report."""
    out = io.StringIO()
    met = pairs = None
    if spec.fmt == "text":
        from smartlint.formatters import text

        met = text.write_file(file, out, color=spec.color, quiet=spec.quiet)
        if spec.statistics:
            pairs = dict(Counter((f.code, f.name) for f in file.all_findings()))
    elif spec.fmt == "json":
        from smartlint.formatters import json

        json.write_file(file, out)
    else:
        raise ValueError(f"format {spec.fmt!r} is not rendered a file at a time")
    return RenderedFile(file.path, out.getvalue(), file.summary, file.counts, range(len(file.recommendations)), met, pairs)


# ---- pickling of results for the other formats and the library API ---------------------------


class _ResultPickler(pickle.Pickler):
    """Pickles pydantic results as their field dicts: the parent rebuilds them without pydantic's
    per-instance __setstate__, which halves the cost of moving results back from the workers."""

    def reducer_override(self, obj: Any) -> Any:
        if getattr(obj, "__pydantic_fields_set__", None) is not None and obj.__pydantic_extra__ is None and obj.__pydantic_private__ is None:
            from smartlint.models import rebuild

            return rebuild, (type(obj), obj.__dict__, obj.__pydantic_fields_set__)
        return NotImplemented


def dumps_results(obj: Any) -> bytes:
    buffer = io.BytesIO()
    _ResultPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buffer.getvalue()
