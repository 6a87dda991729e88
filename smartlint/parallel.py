"""Linting many files in worker processes (`--jobs`): loaded only when a run uses more than one.

Results come back pickled; pydantic results travel as their field dicts (see _ResultPickler).
"""

from __future__ import annotations

import io
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartlint.file_records import FileRecord

if TYPE_CHECKING:
    from smartlint.api import Session
    from smartlint.models import FileError, FileResult

_worker_session: Session | None = None

# A typical recommendation, linted once before the pool forks so the rule modules' lazily built
# lexicons and patterns are inherited by every worker instead of being built in each.
_WARM_UP_TEXT = (
    "1. The Local Safeguarding Children Board should ensure that all agencies review their "
    "training on neglect and report to the Board by 31 March 2026 (Working Together 2010)."
)


def _init_worker(session: Session) -> None:
    global _worker_session
    _worker_session = session


def _lint_in_worker(path: Path) -> bytes:
    assert _worker_session is not None
    outcome = _worker_session._lint_or_error(path)
    if isinstance(outcome, FileRecord):
        outcome = outcome.materialised()  # its spool cannot travel
    return dumps_results(outcome)


def _warm(session: Session, files: list[Path]) -> None:
    from smartlint.readers import read_text_document

    linter = session.linter_for(files[0])
    linter.lint_document(read_text_document(_WARM_UP_TEXT, "warm-up.md", "md"))


def lint_in_pool(session: Session, files: list[Path], workers: int) -> list[FileResult | FileError]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the already-imported rules with the workers at no cost, where the OS has it
    methods = multiprocessing.get_all_start_methods()
    forking = "fork" in methods
    context = multiprocessing.get_context("fork" if forking else None)
    if forking:
        # the workers inherit this session's linters, warmed up here once
        _warm(session, files)
        shared = session
    else:
        shared = Session(session.fixed, session.overrides, isolated=session.isolated, light=session.light)
    # Small chunks keep both workers busy to the end (a file of 50 recommendations takes well under
    # 0.1 s, so a chunk of 25 could leave one worker idle for seconds); a chunk's cost in IPC is tiny.
    chunk = max(1, len(files) // (workers * 16))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(shared,)) as pool:
        return [pickle.loads(packed) for packed in pool.map(_lint_in_worker, files, chunksize=chunk)]


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


