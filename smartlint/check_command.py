"""`smartlint check`: what it does, and its command line parsed without typer.

smartlint.commands declares `check` (its options, their help) for typer and runs `run`; the
usual command lines of a pre-commit hook or CI job, plain options and paths, are parsed here
instead, because importing typer and building its commands is some 60 ms of a cold start.
`parse_args` gives the values typer would pass, or None for anything it does not handle
(--help, unknown options, `--`, bundled short flags, values that look like options, a bad
number): those go to typer, which answers as it always did. tests/test_check_args.py keeps the
table below in step with the typer declaration.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

from smartlint.cli import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    CommandExit,
    UsageProblem,
    echo_err,
    parse_date,
    split,
    use_color,
    warn_plugins,
)
from smartlint.formatters import FORMATS

# Each spelling of each option -> (parameter, what it takes): "text", "texts" (repeatable),
# "path", "number", or the value a flag sets.
OPTIONS: dict[str, tuple[str, Any]] = {
    "--format": ("format", "text"),
    "-f": ("format", "text"),
    "--select": ("select", "texts"),
    "--extend-select": ("extend_select", "texts"),
    "--ignore": ("ignore", "texts"),
    "--fail-on": ("fail_on", "text"),
    "--config": ("config", "path"),
    "--isolated": ("isolated", True),
    "--no-isolated": ("isolated", False),
    "--statistics": ("statistics", True),
    "--no-statistics": ("statistics", False),
    "--quiet": ("quiet", True),
    "-q": ("quiet", True),
    "--stdin-filename": ("stdin_filename", "text"),
    "--today": ("today", "text"),
    "--no-suppress": ("no_suppress", True),
    "--no-no-suppress": ("no_suppress", False),
    "--require-plugins": ("require_plugins", "texts"),
    "--output": ("output", "path"),
    "-o": ("output", "path"),
    "--no-color": ("no_color", True),
    "--no-no-color": ("no_color", False),
    "--jobs": ("jobs", "number"),
    "-j": ("jobs", "number"),
    "--annotate": ("annotate", "path"),
}
DEFAULTS: dict[str, Any] = {
    "format": "text",
    "select": None,
    "extend_select": None,
    "ignore": None,
    "fail_on": None,
    "config": None,
    "isolated": False,
    "statistics": False,
    "quiet": False,
    "stdin_filename": None,
    "today": None,
    "no_suppress": False,
    "require_plugins": None,
    "output": None,
    "no_color": False,
    "jobs": None,
    "annotate": None,
}


def parse_args(args: list[str]) -> Optional[dict[str, Any]]:
    """`run`'s arguments for `smartlint check ARGS`, as typer would give them; None to leave
    the command line to typer."""
    values = dict(DEFAULTS)
    paths: list[str] = []
    position = 0
    while position < len(args):
        arg = args[position]
        position += 1
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        name, equals, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        spec = OPTIONS.get(name)
        if spec is None:
            return None
        param, takes = spec
        if type(takes) is bool:
            if equals:
                return None
            values[param] = takes
            continue
        if equals:
            value = inline
        elif position < len(args):
            value = args[position]
            position += 1
        else:
            return None
        if value.startswith("-"):
            return None
        if takes == "texts":
            values[param] = [*(values[param] or ()), value]
        elif takes == "number":
            if not (value.isascii() and value.isdigit() and len(value) < 19):
                return None
            values[param] = int(value)
        elif takes == "path":
            values[param] = Path(value)
        else:
            values[param] = value
    if not paths:
        return None
    values["paths"] = paths
    return values


def run(
    paths: list[str],
    format: str = "text",
    select: Optional[list[str]] = None,
    extend_select: Optional[list[str]] = None,
    ignore: Optional[list[str]] = None,
    fail_on: Optional[str] = None,
    config: Optional[Path] = None,
    isolated: bool = False,
    statistics: bool = False,
    quiet: bool = False,
    stdin_filename: Optional[str] = None,
    today: Optional[str] = None,
    no_suppress: bool = False,
    require_plugins: Optional[list[str]] = None,
    output: Optional[Path] = None,
    no_color: bool = False,
    jobs: Optional[int] = None,
    annotate: Optional[Path] = None,
) -> None:
    """Check documents and report each weak recommendation; ends with CommandExit (0 clean,
    1 findings at or above fail-on, 2 errors)."""
    from smartlint.api import STDIN, Session, build_report
    from smartlint.engine import Overrides, at_or_above
    from smartlint.errors import InputError
    from smartlint.records import FileErrorRecord as FileError

    if format not in FORMATS:
        raise UsageProblem(f"unknown format '{format}' (choose from {', '.join(FORMATS)})")
    if fail_on is not None and fail_on not in ("info", "warning", "error", "never"):
        raise UsageProblem(f"--fail-on takes info, warning, error or never, not '{fail_on}'")
    if annotate is not None:
        if len(paths) != 1 or paths[0] == STDIN or Path(paths[0]).suffix.lower() not in (".docx", ".docm"):
            raise UsageProblem("--annotate takes exactly one Word .docx file to check")
        if Path(paths[0]).exists() and Path(paths[0]).resolve() == annotate.resolve():
            raise UsageProblem(f"{annotate}: refusing to overwrite the input file; choose another name for the annotated copy")
    if output is not None:
        for raw in paths:
            if raw != STDIN and Path(raw).exists() and Path(raw).resolve() == output.resolve():
                raise UsageProblem(f"{output}: refusing to overwrite an input file")
    overrides = Overrides(
        select=split(select) if select else None,
        extend_select=split(extend_select),
        ignore=split(ignore),
        fail_on=fail_on,
        today=parse_date(today, "--today"),
        no_suppress=no_suppress,
        require_plugins=split(require_plugins),
    )
    session = Session(config, overrides, isolated=isolated, light=True)
    text_format = format == "text"
    color = text_format and use_color(no_color) and output is None
    # what the workers need to render each file's output themselves, when files are linted in parallel
    render = {"fmt": format, "color": color, "quiet": quiet and text_format, "statistics": statistics}
    results, errors = [], []
    file_paths = [p for p in paths if p != STDIN]
    if STDIN in paths:
        name = stdin_filename or "stdin.md"
        data = sys.stdin.buffer.read()
        try:
            results.append(session.lint_file(Path(name), display=name, data=data))
        except InputError as exc:
            errors.append(FileError(path=name, message=str(exc)))
    if file_paths:
        from smartlint.api import collect_files

        found, failed = session.lint_files(collect_files(file_paths), jobs, render)
        results += found
        errors += failed
    linter = session.linter_for(Path(file_paths[0]) if file_paths else None)
    warn_plugins(linter)
    # files linted in worker processes may come back already rendered (parallel.RenderedFile)
    rendered = any(type(r).__name__ == "RenderedFile" for r in results)
    if rendered:
        from smartlint.api import version
        from smartlint.parallel import RenderedFile, RenderSpec, render_file
        from smartlint.report_record import report_record

        spec = RenderSpec(**render)
        results = [r if isinstance(r, RenderedFile) else render_file(r, spec) for r in results]  # standard input's
        report = report_record(results, errors, version())
    else:
        report = build_report(results, errors)
    for error in errors:
        echo_err(f"smartlint: error: {error.message}")

    from smartlint import formatters

    metas = list(linter.metas.values())
    formatters.emit(report, format, output, color=color, rules=metas, quiet=quiet and text_format, statistics=statistics)
    if errors:
        raise CommandExit(EXIT_ERROR)
    if annotate is not None and results:
        from smartlint.annotate import annotate_docx

        count = annotate_docx(paths[0], annotate, results[0])
        echo_err(f"smartlint: wrote {annotate} with {count} comment{'s' if count != 1 else ''}")
    failing = any(at_or_above(r.all_findings(), session.linter_for(Path(r.path)).fail_on) for r in results)
    raise CommandExit(EXIT_FINDINGS if failing else EXIT_CLEAN)
