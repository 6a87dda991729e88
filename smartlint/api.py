"""The library API: lint text or files and get pydantic results back."""

from __future__ import annotations

# Nothing here imports pydantic or smartlint.models at start: the check command works on light
# records (smartlint.records); the library functions convert to the models as they return.

import gc
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartlint.config import Config, find_config, load_config_file, parse_config
from smartlint.document import Document
from smartlint.engine import Linter, Overrides
from smartlint.errors import ConfigError, InputError, SmartlintError
from smartlint.file_records import FileRecord
from smartlint.records import FileErrorRecord
from smartlint.report_record import report_record

if TYPE_CHECKING:
    from smartlint.models import FileError, FileResult, LintReport

MAX_FILE_BYTES = 256 * 1024 * 1024
STDIN = "-"
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}

ConfigLike = Config | Mapping[str, Any] | str | os.PathLike[str] | None


def version() -> str:
    from smartlint.entrypoints import distribution_version  # importlib.metadata's, read cheaply

    return distribution_version("smartlint") or "0+unknown"


def as_config(config: ConfigLike) -> Config | None:
    """Accept a Config, a mapping shaped like [tool.smartlint], or a path to a TOML file."""
    if config is None or isinstance(config, Config):
        return config
    if isinstance(config, Mapping):
        return parse_config(dict(config), "<config>")
    path = Path(config)
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    loaded = load_config_file(path)
    if loaded is None:
        raise ConfigError(f"{path}: has no [tool.smartlint] table")
    return loaded


def format_for(path: str) -> str | None:
    from smartlint.readers import format_for_path

    return format_for_path(path)


def parse_document(path: str, data: bytes, fmt: str, config: Config | None = None) -> Document:
    """Turn the bytes of one file into a Document, choosing the reader by format."""
    if fmt in ("md", "txt"):
        from smartlint.readers import read_text_document
        from smartlint.readers.decode import decode_bytes

        text = decode_bytes(data, path)
        del data  # the bytes are not needed while the text is segmented (a second copy of the file)
        return read_text_document(text, path, fmt)
    from importlib import import_module

    try:
        reader = import_module(f"smartlint.readers.{fmt}")
    except ImportError as exc:
        raise InputError(f"{path}: cannot read .{fmt} files here ({exc.name or exc} is not installed)") from None
    if fmt in ("docx", "xlsx", "csv"):
        return reader.read(path, data, columns=config.action_plan.columns if config is not None else None)
    return reader.read(path, data)


def read_path(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{path}: file is {size // (1024 * 1024)} MiB; smartlint reads files up to {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _lintable_below(folder: Path) -> Iterable[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS and not d.startswith(".")]
        for name in names:
            if format_for(name) is not None:
                yield Path(root) / name


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand folders into the lintable files below them (sorted); files are taken as given."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(_lintable_below(path))
            if not found:
                raise InputError(f"{path}: no lintable files (.md, .txt, .docx, .xlsx, .csv, .pdf) in this folder")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


class Session:
    """Lints many files, finding each one's configuration by walking up from it (cached per folder)."""

    def __init__(self, config: ConfigLike = None, overrides: Overrides | None = None, *, isolated: bool = False,
                 light: bool = False) -> None:
        self.fixed = as_config(config)
        self.isolated = isolated
        # light: results as smartlint.file_records.FileRecord (the check command's formatters read
        # them; a big file's recommendations wait in a spool on disk), not pydantic FileResults
        self.light = light
        self.overrides = overrides or Overrides()
        self._by_config: dict[str | None, Linter] = {}
        self._by_folder: dict[Path, Linter] = {}

    def linter_for(self, path: Path | None) -> Linter:
        if self.fixed is not None or self.isolated or path is None:
            config = self.fixed if self.fixed is not None else (None if self.isolated else find_config(Path.cwd()))
            return self._linter(config)
        folder = path.parent.resolve()
        if folder not in self._by_folder:
            self._by_folder[folder] = self._linter(find_config(folder))
        return self._by_folder[folder]

    def _linter(self, config: Config | None) -> Linter:
        key = config.source if config is not None else None
        if key not in self._by_config:
            self._by_config[key] = Linter(config, self.overrides)
        return self._by_config[key]

    def lint_file(self, path: Path, display: str | None = None, data: bytes | None = None, fmt: str | None = None) -> FileResult:
        name = display or str(path)
        fmt = fmt or format_for(name)
        if fmt is None:
            raise InputError(f"{name}: not a file type smartlint reads (use .md, .txt, .docx, .xlsx, .csv or .pdf)")
        linter = self.linter_for(path)
        if self.light:
            _freeze_start_up()
        # the bytes and decoded text are dropped before linting: only the Document is needed
        document = parse_document(name, data if data is not None else read_path(path), fmt, linter.config)
        data = None
        if self.light:
            return linter.check_document(document)
        return linter.lint_document(document)

    def _lint_or_error(self, path: Path) -> FileResult | FileError:
        try:
            return self.lint_file(path)
        except ConfigError:
            raise
        except SmartlintError as exc:
            if self.light:
                return FileErrorRecord(str(path), str(exc))
            from smartlint.models import FileError

            return FileError(path=str(path), message=str(exc))

    def lint_files(self, files: list[Path], jobs: int | None = None,
                   render: dict[str, Any] | None = None) -> tuple[list[FileResult], list[FileError]]:
        """Lint `files` in order. `jobs=None` uses every core for many files and one for a few;
        the output is identical to a serial run.

        `render` (parallel.RenderSpec's fields; light sessions): when the files are linted in
        worker processes and the format is one they can render (parallel.RENDERED_IN_WORKERS),
        each comes back as a parallel.RenderedFile, its output already rendered, instead of a
        FileRecord; a serial run gives FileRecords as always."""
        workers = default_jobs(len(files)) if jobs is None else max(1, jobs)
        workers = min(workers, len(files)) if files else 1
        if workers <= 1:
            outcomes = [self._lint_or_error(path) for path in files]
        else:
            from smartlint.parallel import lint_in_pool

            outcomes = lint_in_pool(self, files, workers, render)
        errors = [o for o in outcomes if _is_error(o)]
        results = [o for o in outcomes if not _is_error(o)]
        return results, errors

    def lint_paths(self, paths: Iterable[str | os.PathLike[str]], jobs: int | None = None) -> LintReport:
        return build_report(*self.lint_files(collect_files(paths), jobs))


_start_up_frozen = False


def _freeze_start_up() -> None:
    """Put what start-up built (modules, compiled rules, lexicons) out of the garbage collector's
    sight, once: the full collections a long document triggers then walk only its own objects,
    so their cost stays in proportion to the document."""
    global _start_up_frozen
    if not _start_up_frozen:
        gc.freeze()
        _start_up_frozen = True


def _is_error(outcome: Any) -> bool:
    return type(outcome).__name__ in ("FileError", "FileErrorRecord")


# Below this many files a process pool costs more than it saves.
PARALLEL_MIN_FILES = 8


def default_jobs(n_files: int) -> int:
    return (os.cpu_count() or 1) if n_files >= PARALLEL_MIN_FILES else 1


def build_report(results: list[Any], errors: list[FileError] | None = None) -> Any:
    """The LintReport of these results; for light results (file_records.FileRecord) a ReportRecord
    with the same fields, summed from each file's counts without reading its recommendations."""
    if any(isinstance(r, FileRecord) for r in results) or any(isinstance(e, FileErrorRecord) for e in errors or ()):
        return report_record(results, errors or [], version())
    from smartlint.models import LintReport, RunSummary, ToolInfo

    findings = [f for result in results for f in result.all_findings()]
    summary = RunSummary(
        files=len(results),
        recommendations=sum(len(r.recommendations) for r in results),
        findings=len(findings),
        by_severity=dict(Counter(str(f.severity) for f in findings)),
        by_code=dict(sorted(Counter(f.code for f in findings).items())),
    )
    return LintReport(tool=ToolInfo(version=version()), files=results, errors=errors or [], summary=summary)


def lint_text(text: str, *, format: str = "md", config: ConfigLike = None, path: str = "<text>") -> FileResult:
    """Lint a string of Markdown (`format="md"`) or plain text (`"txt"`).

    `config` is a Config, a mapping shaped like `[tool.smartlint]`, or a path to a TOML file;
    None means the defaults (no configuration file is searched for).
    """
    if format not in ("md", "txt"):
        raise ValueError("format must be 'md' or 'txt'")
    from smartlint.readers import read_text_document

    linter = Linter(as_config(config))
    return linter.lint_document(read_text_document(text.replace("\r\n", "\n").replace("\r", "\n"), path, format))


def lint_paths(paths: Iterable[str | os.PathLike[str]], *, config: ConfigLike = None, jobs: int | None = 1) -> LintReport:
    """Lint files and folders. With `config=None` each file's configuration is found by walking up.

    `jobs` processes lint files in parallel (None: every core when there are many files)."""
    return Session(config).lint_paths(paths, jobs)
