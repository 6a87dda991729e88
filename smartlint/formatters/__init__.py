"""Output formatters: pure functions of a LintReport, one module per format.

`render(report, fmt)` imports the format's module only when asked, so the CLI starts light.
No formatter imports rich or jsonschema. `render` returns the whole output as one string that
ends with a newline, or the empty string when the format has nothing to say (github with no
findings). `emit` writes it instead: the STREAMED formats (text, json) a recommendation at a
time, so the output of a long document is never held whole.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any, TextIO

from smartlint.errors import ConfigError, SmartlintError


class OutputError(SmartlintError):
    """The report cannot be written where asked."""

if TYPE_CHECKING:
    from smartlint.models import LintReport
    from smartlint.rule import RuleMeta

FORMATS = ("text", "json", "sarif", "github", "html")

__all__ = ["FORMATS", "STREAMED", "emit", "render", "render_statistics", "json_schema"]


def render(
    report: LintReport,
    fmt: str,
    *,
    color: bool = False,
    rules: Sequence[RuleMeta] = (),
    quiet: bool = False,
) -> str:
    """Render `report` in format `fmt` (one of FORMATS).

    `color` adds ANSI colour (text only); `rules` is the metadata of the rules in the run (SARIF
    rule descriptors); `quiet` gives the text format's one-line-per-finding form.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown output format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    module = import_module(f"{__name__}.{fmt}")
    if fmt not in STREAMED:
        report = _as_model(report)
    return module.render(report, color=color, rules=rules, quiet=quiet)


# Formats written as they are rendered, a recommendation at a time (they read light records too).
STREAMED = ("text", "json")


def _as_model(report: Any) -> Any:
    from smartlint.report_record import to_model

    return to_model(report)


def emit(
    report: Any,
    fmt: str,
    output: os.PathLike[str] | None,
    *,
    color: bool = False,
    rules: Sequence[RuleMeta] = (),
    quiet: bool = False,
    statistics: bool = False,
) -> None:
    """Write the report to `output` (None: standard output) as the command line does: the text
    and JSON formats as they are rendered; the rest whole, with a final newline added if missing
    (and nothing on standard output when the format has nothing to say)."""
    if fmt not in STREAMED:
        text = render(report, fmt, rules=rules)
        if output is None:
            sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        else:
            with _open_output(output) as out:
                out.write(text if text.endswith("\n") else text + "\n")
        return
    module = import_module(f"{__name__}.{fmt}")
    with (_open_output(output) if output is not None else contextlib.nullcontext(sys.stdout)) as out:
        module.write(report, out, color=color, rules=rules, quiet=quiet)
        if statistics and fmt == "text":
            out.write("\n" + render_statistics(report))


def _open_output(output: os.PathLike[str]) -> TextIO:
    try:
        return open(output, "w", encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{output}: cannot write: {exc.strerror or exc}") from None


def render_statistics(report: LintReport, *, color: bool = False) -> str:
    """One line per rule code with its name and how many findings it produced, most first."""
    from smartlint.formatters.text import render_statistics as _render_statistics

    return _render_statistics(report, color=color)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of `--format json` output."""
    from smartlint.formatters.json import json_schema as _json_schema

    return _json_schema()


# ---- helpers shared by the format modules -------------------------------------------------

# Control characters and the bidirectional overrides ("Trojan Source") could rewrite a terminal
# or hide text in a review; document text is untrusted, so show them as visible escapes.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """`text` with control, line-separator and bidi-override characters shown as escapes."""
    if text.isascii() and text.isprintable():  # nothing to escape (printable ASCII is \x20-\x7e)
        return text
    return _UNSAFE.sub(_escape_char, text)


# Anything one_line would change besides the ends: whitespace other than a single space, or an
# unsafe character. Most messages have none, and one search is cheaper than two substitutions.
_NEEDS_WORK = re.compile(r"[^\S ]| {2}|" + _UNSAFE.pattern)


def one_line(text: str) -> str:
    """`text` folded to a single line: runs of whitespace become one space; unsafe characters escaped."""
    # Printable ASCII holds no whitespace but the space, and nothing unsafe: only a double space
    # needs work (a quicker test than the pattern's).
    if (text.isascii() and text.isprintable() and "  " not in text) or _NEEDS_WORK.search(text) is None:
        return text.strip()
    return safe(_SPACE.sub(" ", text).strip())


def shorten(text: str, width: int) -> str:
    """`text` on one line, cut at a word boundary to at most `width` characters, marked with '…'."""
    line = one_line(text)
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def posix_path(path: str) -> str:
    """The path with forward slashes, as annotations and SARIF URIs expect."""
    return path.replace("\\", "/")


def with_quote(message: str, quote: str | None) -> str:
    """The finding's message with the words judged quoted after it, unless it already quotes them."""
    message = message.strip()
    if not quote or not quote.strip():
        return message
    quoted = f"'{quote.strip()}'"
    if quoted in message:
        return message
    return f"{message.rstrip('.')}: {quoted}"


def rule_metas(rules: Iterable[Any]) -> list[RuleMeta]:
    """Accept RuleMeta objects or rule classes/instances carrying `.meta`."""
    return [getattr(rule, "meta", rule) for rule in rules]
