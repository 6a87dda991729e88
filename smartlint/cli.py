"""The command line. Thin: every command calls the library; errors are one line and exit 2."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

from smartlint import patterncache

patterncache.load()  # first, so that the patterns typer and the rules compile come from the cache

import typer  # noqa: E402
from typer.core import TyperCommand, TyperGroup  # noqa: E402


class _CommonValues:
    """Option values as typer would coerce them, without pydantic for the common cases.

    Typer 0.29 coerces every value of every option, absent ones included, through a pydantic
    TypeAdapter built on first use, which puts pydantic on the start-up path of every command.
    The values `check` gets in practice (absent options, text, lists of text, whole numbers
    written with digits) need no pydantic and come out here exactly as the adapter gives them;
    anything else (paths, odd numbers, wrong types) goes to typer's own coercion, unchanged."""

    __slots__ = ("full",)

    def __init__(self) -> None:
        self.full = None

    def coerce(self, value, param, ctx):  # type: ignore[no-untyped-def]
        multi = param.multiple or param.nargs == -1
        if value is None:
            return () if multi else None
        annotation = param.type_descriptor.annotation
        if not multi:
            if (annotation is str and type(value) is str) or (annotation is bool and type(value) is bool):
                return value
            if annotation is int and type(value) is str and value.isascii() and value.isdigit() and len(value) < 19:
                return int(value)
        elif annotation == list[str] and type(value) in (tuple, list) and all(type(v) is str for v in value):
            return list(value)
        if self.full is None:
            from typer._coercion import build_runtime_param

            self.full = build_runtime_param(param.type_descriptor)
        return self.full.coerce(value, param=param, ctx=ctx)


def _common_values(params: list) -> list:  # type: ignore[type-arg]
    for param in params:
        # typer's lazily built coercion (typer 0.29's layout; other versions keep their own)
        if getattr(param, "_runtime_param", False) is None and hasattr(param, "type_descriptor"):
            param._runtime_param = _CommonValues()
    return params


class _Commands(TyperGroup):
    def get_params(self, ctx):  # type: ignore[no-untyped-def]
        return _common_values(super().get_params(ctx))


class _Command(TyperCommand):
    def get_params(self, ctx):  # type: ignore[no-untyped-def]
        return _common_values(super().get_params(ctx))


app = typer.Typer(
    cls=_Commands,
    name="smartlint",
    help="Check the recommendations in review reports for SMART qualities: specific, measurable, "
    "owned, timely and evidenced.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github", "html")


class UsageProblem(Exception):
    """A bad flag value: reported like any other one-line error."""


def _fail(message: str) -> None:
    typer.echo(f"smartlint: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _split(values: Optional[list[str]]) -> list[str]:
    """`--select OW,TM --select SP001` -> ["OW", "TM", "SP001"]."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _use_color(no_color: bool) -> bool:
    return not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def _parse_date(value: Optional[str], flag: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageProblem(f"{flag} takes a date as YYYY-MM-DD, not '{value}'") from None


def _write(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        return
    try:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageProblem(f"{output}: cannot write: {exc.strerror or exc}") from None


def _warn_plugins(linter: object) -> None:
    for failure in getattr(getattr(linter, "registry", None), "failures", []):
        typer.echo(f"smartlint: warning: {failure}", err=True)


@app.command(cls=_Command)
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to check; '-' reads standard input.")],
    format: Annotated[str, typer.Option("--format", "-f", help="text, json, sarif, github or html.")] = "text",
    select: Annotated[Optional[list[str]], typer.Option(help="Only these rules (codes, prefixes, names, criteria; comma-separated).")] = None,
    extend_select: Annotated[Optional[list[str]], typer.Option(help="Add these rules to the selection.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Skip these rules.")] = None,
    fail_on: Annotated[Optional[str], typer.Option(help="Exit 1 when a finding is at or above: info, warning, error, never.")] = None,
    config: Annotated[Optional[Path], typer.Option(help="Use this configuration file instead of searching for one.")] = None,
    isolated: Annotated[bool, typer.Option(help="Ignore all configuration files.")] = False,
    statistics: Annotated[bool, typer.Option(help="Print a count of findings per rule.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the findings, one line each, and the summary.")] = False,
    stdin_filename: Annotated[Optional[str], typer.Option(help="Name to report for standard input (its extension picks the format).")] = None,
    today: Annotated[Optional[str], typer.Option(help="The document's date (YYYY-MM-DD) that deadlines are measured from.")] = None,
    no_suppress: Annotated[bool, typer.Option(help="Ignore every smartlint: directive (for audits).")] = False,
    require_plugins: Annotated[Optional[list[str]], typer.Option(help="Fail (exit 2) unless these rule packs load.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    no_color: Annotated[bool, typer.Option(help="Never colour the output.")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Processes to use (default: all cores for many files, one for a few).")] = None,
    annotate: Annotated[Optional[Path], typer.Option(help="Write a copy of the .docx with a Word comment on each flagged recommendation.")] = None,
) -> None:
    """Check documents and report each weak recommendation with the reason and a fix."""
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
        select=_split(select) if select else None,
        extend_select=_split(extend_select),
        ignore=_split(ignore),
        fail_on=fail_on,
        today=_parse_date(today, "--today"),
        no_suppress=no_suppress,
        require_plugins=_split(require_plugins),
    )
    session = Session(config, overrides, isolated=isolated, light=True)
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

        found, failed = session.lint_files(collect_files(file_paths), jobs)
        results += found
        errors += failed
    linter = session.linter_for(Path(file_paths[0]) if file_paths else None)
    _warn_plugins(linter)
    report = build_report(results, errors)
    for error in errors:
        typer.echo(f"smartlint: error: {error.message}", err=True)

    from smartlint import formatters

    metas = list(linter.metas.values())
    text_format = format == "text"
    color = text_format and _use_color(no_color) and output is None
    formatters.emit(report, format, output, color=color, rules=metas, quiet=quiet and text_format, statistics=statistics)
    if errors:
        raise typer.Exit(EXIT_ERROR)
    if annotate is not None and results:
        from smartlint.annotate import annotate_docx

        count = annotate_docx(paths[0], annotate, results[0])
        typer.echo(f"smartlint: wrote {annotate} with {count} comment{'s' if count != 1 else ''}", err=True)
    failing = any(at_or_above(r.all_findings(), session.linter_for(Path(r.path)).fail_on) for r in results)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


@app.command(cls=_Command)
def rules(
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    all: Annotated[bool, typer.Option("--all", help="Include rules that are off by default.")] = True,
) -> None:
    """List every rule: code, name, criterion, severity and what it checks."""
    from smartlint.registry import default_registry

    registry = default_registry()
    for failure in registry.failures:
        typer.echo(f"smartlint: warning: {failure}", err=True)
    metas = [m for m in registry.metas if all or m.enabled_by_default]
    if format == "json":
        import json

        rows = [m.model_dump(mode="json") | {"pack": registry.pack_of[m.code]} for m in metas]
        _write(json.dumps(rows, indent=2, ensure_ascii=False), None)
        return
    if format != "table":
        raise UsageProblem(f"unknown format '{format}' (choose table or json)")
    from smartlint.docs import rules_table

    _write(rules_table(metas, markdown=False), None)


@app.command(cls=_Command)
def explain(rule: Annotated[str, typer.Argument(help="A rule code or name, e.g. OW001 or missing-owner.")]) -> None:
    """Explain a rule: why it matters, how to fix it, and examples."""
    from smartlint.docs import explain_rule
    from smartlint.registry import default_registry
    from smartlint.selection import _did_you_mean

    registry = default_registry()
    found = registry.lookup(rule)
    if found is None:
        metas = {code: r.meta for code, r in registry.rules.items()}
        raise UsageProblem(f"no rule '{rule}'{_did_you_mean(rule, metas)}")
    _write(explain_rule(found.meta, found.Options), None)


@app.command(cls=_Command)
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the configuration.")] = Path("smartlint.toml"),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented smartlint.toml to start from."""
    from smartlint.docs import starter_config

    if path.exists() and not force:
        raise UsageProblem(f"{path} already exists (use --force to overwrite it)")
    _write(starter_config(), path)
    typer.echo(f"wrote {path}")


@app.command(cls=_Command)
def schema() -> None:
    """Print the JSON Schema of `check --format json` output."""
    import json

    from smartlint.formatters.json import json_schema

    _write(json.dumps(json_schema(), indent=2), None)


@app.command(name="config", cls=_Command)
def show_config(
    path: Annotated[Path, typer.Argument(help="Show the configuration that applies to this file or folder.")] = Path("."),
    config: Annotated[Optional[Path], typer.Option(help="Use this configuration file.")] = None,
    isolated: Annotated[bool, typer.Option(help="Ignore all configuration files.")] = False,
) -> None:
    """Show the resolved configuration and the rules that will run."""
    import json

    from smartlint.api import Session

    linter = Session(config, isolated=isolated).linter_for(path.resolve() / "_" if path.is_dir() else path.resolve())
    _warn_plugins(linter)
    settings = linter.config.model_dump(mode="json", by_alias=True)
    lines = [f"# configuration: {linter.config.source or 'defaults (no configuration file found)'}"]
    lines.append(json.dumps(settings, indent=2))
    lines.append("# rules that run (code, name, severity):")
    for code, meta in linter.metas.items():
        if code in linter.enabled:
            lines.append(f"{code}  {meta.name:<28} {linter.severity_of(meta)}")
    _write("\n".join(lines), None)


@app.command(cls=_Command)
def report(
    paths: Annotated[list[str], typer.Argument(help="Files or folders of review reports (.md, .txt, .docx, .pdf, .csv, .xlsx).")],
    format: Annotated[str, typer.Option("--format", "-f", help="terminal, csv, json, markdown or html.")] = "terminal",
    table: Annotated[Optional[str], typer.Option(help="Only this table: documents, agencies, themes, remedies, distribution, links, errors (CSV: documents unless given).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Processes to use (default: all cores for many files).")] = None,
    config: Annotated[Optional[Path], typer.Option(help="Use this configuration file instead of searching for one.")] = None,
    isolated: Annotated[bool, typer.Option(help="Ignore all configuration files.")] = False,
    today: Annotated[Optional[str], typer.Option(help="The date (YYYY-MM-DD) deadlines are measured from.")] = None,
    no_progress: Annotated[bool, typer.Option(help="Never show the progress bar.")] = False,
    no_color: Annotated[bool, typer.Option(help="Never colour the output.")] = False,
) -> None:
    """Count and classify the recommendations of many reports: agencies, themes, remedies, SMART scorecard, duplicates."""
    from smartlint.corpus import run_report

    code = run_report(
        paths, format, jobs, output, config=config, isolated=isolated, today=_parse_date(today, "--today"),
        table=table, progress=False if no_progress else None, color=False if no_color else None,
    )
    raise typer.Exit(code)


@app.command(name="eval", cls=_Command)
def evaluate_command(
    corpora: Annotated[list[Path], typer.Argument(help="Labelled JSONL files (id, text, owner, timescale, measurable, specific, evidence).")],
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    show_errors: Annotated[bool, typer.Option(help="List every disagreement with its text.")] = False,
    config: Annotated[Optional[Path], typer.Option(help="Use this configuration file.")] = None,
) -> None:
    """Measure how often smartlint's assessment agrees with expert labels."""
    from smartlint.evaluate import evaluate, render_json, render_text

    if format not in ("text", "json"):
        raise UsageProblem(f"unknown format '{format}' (choose text or json)")
    evaluation = evaluate(corpora, config)
    render = render_json if format == "json" else render_text
    _write(render(evaluation, show_errors=show_errors), None)


def main() -> None:
    """Entry point: run the app, turning every error into one line and exit code 2."""
    patterncache.load()
    try:
        _run()
    finally:
        patterncache.save()


def _run() -> None:
    from smartlint.errors import SmartlintError

    try:
        # without standalone mode click returns the code a command exits with instead of exiting
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (SmartlintError, UsageProblem) as exc:
        typer.echo(f"smartlint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # click usage errors and anything unforeseen: one line, never a traceback
        try:  # typer 0.29 vendors click (typer._click); a separate click may be absent
            import click
        except ImportError:
            click = None  # type: ignore[assignment]
        if click is not None and isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(EXIT_ERROR)
        if click is not None and isinstance(exc, click.exceptions.Abort):
            sys.exit(EXIT_ERROR)
        if os.environ.get("SMARTLINT_DEBUG"):
            raise
        typer.echo(f"smartlint: internal error: {type(exc).__name__}: {exc} (set SMARTLINT_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_ERROR)
