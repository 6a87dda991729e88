"""The command line's entry point. Thin: every command calls the library; errors are one line
and exit 2.

`smartlint check` runs on every commit, so its usual command lines (plain options and paths)
are parsed by smartlint.check_command without importing typer (some 60 ms of a cold start);
anything else (other commands, --help, unusual spellings, mistakes) goes to the typer app in
smartlint.commands, which declares every command and its help.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any, Optional

from smartlint import patterncache, startup

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageProblem(Exception):
    """A bad flag value: reported like any other one-line error."""


class CommandExit(Exception):
    """A command's exit code (typer.Exit without typer)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def echo_err(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def split(values: Optional[list[str]]) -> list[str]:
    """`--select OW,TM --select SP001` -> ["OW", "TM", "SP001"]."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def use_color(no_color: bool) -> bool:
    return not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def parse_date(value: Optional[str], flag: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageProblem(f"{flag} takes a date as YYYY-MM-DD, not '{value}'") from None


def write(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        return
    try:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageProblem(f"{output}: cannot write: {exc.strerror or exc}") from None


def warn_plugins(linter: object) -> None:
    for failure in getattr(getattr(linter, "registry", None), "failures", []):
        echo_err(f"smartlint: warning: {failure}")


def main() -> None:
    """Entry point: run the app, turning every error into one line and exit code 2."""
    startup.pause()  # no garbage collection while start-up builds what lives for the whole run
    patterncache.load()  # first, so that the patterns typer and the rules compile come from the cache
    try:
        _run()
    finally:
        startup.resume()  # normally done once the rule packs are loaded (smartlint.registry)
        patterncache.save()


def _run() -> None:
    from smartlint.errors import SmartlintError

    try:
        sys.exit(_dispatch(sys.argv[1:]))
    except CommandExit as exc:
        sys.exit(exc.code)
    except (SmartlintError, UsageProblem) as exc:
        echo_err(f"smartlint: error: {exc}")
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # click usage errors and anything unforeseen: one line, never a traceback
        typer = sys.modules.get("typer")
        if typer is not None and isinstance(exc, typer.Exit):
            sys.exit(exc.exit_code)
        for click in (sys.modules.get("typer._click"), sys.modules.get("click")):  # typer 0.29 vendors click
            if click is None:
                continue
            if isinstance(exc, click.exceptions.UsageError):  # a mistyped command line: say so in one line
                command = exc.ctx.command_path if exc.ctx is not None else "smartlint"
                echo_err(f"smartlint: error: {exc.format_message()} (see `{command} --help`)")
                sys.exit(EXIT_ERROR)
            if isinstance(exc, click.ClickException):
                echo_err(f"smartlint: error: {exc.format_message()}")
                sys.exit(EXIT_ERROR)
            if isinstance(exc, click.exceptions.Abort):
                sys.exit(EXIT_ERROR)
        if os.environ.get("SMARTLINT_DEBUG"):
            raise
        echo_err(f"smartlint: internal error: {type(exc).__name__}: {exc} (set SMARTLINT_DEBUG=1 for details)")
        sys.exit(EXIT_ERROR)


def _dispatch(args: list[str]) -> int:
    """Run the command `args` name; its exit code."""
    if args[:1] == ["check"]:
        from smartlint import check_command

        values = check_command.parse_args(args[1:])
        if values is not None:
            return _as_click_would(check_command.run, values)
    from smartlint.commands import app

    # without standalone mode click returns the code a command exits with instead of exiting
    code = app(standalone_mode=False)
    return code if isinstance(code, int) else 0


def _as_click_would(command: Any, values: dict[str, Any]) -> int:
    """Run a command as click's main loop would (typer's `_main`): end of input is an abort,
    and a closed output pipe ends the run quietly with exit code 1."""
    try:
        command(**values)
    except EOFError:
        echo_err("")
        return EXIT_ERROR
    except OSError as exc:
        import errno

        if exc.errno != errno.EPIPE:
            raise
        sys.stdout = _PipeClosed(sys.stdout)  # type: ignore[assignment]
        sys.stderr = _PipeClosed(sys.stderr)  # type: ignore[assignment]
        return EXIT_FINDINGS
    return EXIT_CLEAN


class _PipeClosed:
    """A stream whose flush ignores a closed pipe (click's PacifyFlushWrapper), so that the
    interpreter's final flush does not print an error."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped

    def flush(self) -> None:
        import errno

        try:
            self.wrapped.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)
