"""The commands and their options, declared with typer (imported only when a run needs it:
`smartlint check` with plain arguments is parsed by smartlint.check_command instead, which is
why `check` only declares its options here and runs `check_command.run`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from smartlint.cli import UsageProblem, parse_date, warn_plugins, write


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
    options = dict(locals())  # here, exactly the options as typer coerced them
    from smartlint import check_command

    check_command.run(**options)


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

        rows = [m.as_json() | {"pack": registry.pack_of[m.code]} for m in metas]
        write(json.dumps(rows, indent=2, ensure_ascii=False), None)
        return
    if format != "table":
        raise UsageProblem(f"unknown format '{format}' (choose table or json)")
    from smartlint.docs import rules_table

    write(rules_table(metas, markdown=False), None)


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
    write(explain_rule(found.meta, found.Options), None)


@app.command(cls=_Command)
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the configuration.")] = Path("smartlint.toml"),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented smartlint.toml to start from."""
    from smartlint.docs import starter_config

    if path.exists() and not force:
        raise UsageProblem(f"{path} already exists (use --force to overwrite it)")
    write(starter_config(), path)
    typer.echo(f"wrote {path}")


@app.command(cls=_Command)
def schema() -> None:
    """Print the JSON Schema of `check --format json` output."""
    import json

    from smartlint.formatters.json import json_schema

    write(json.dumps(json_schema(), indent=2), None)


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
    warn_plugins(linter)
    settings = linter.config.as_json()
    lines = [f"# configuration: {linter.config.source or 'defaults (no configuration file found)'}"]
    lines.append(json.dumps(settings, indent=2))
    lines.append("# rules that run (code, name, severity):")
    for code, meta in linter.metas.items():
        if code in linter.enabled:
            lines.append(f"{code}  {meta.name:<28} {linter.severity_of(meta)}")
    write("\n".join(lines), None)


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
        paths, format, jobs, output, config=config, isolated=isolated, today=parse_date(today, "--today"),
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
    write(render(evaluation, show_errors=show_errors), None)
