"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

    ::warning file=draft.md,line=12,col=5,title=OW001 missing-owner::No one is named ...

error -> ::error, warning -> ::warning, info -> ::notice. Values are escaped as the Actions
toolkit does (`escapeData` / `escapeProperty` in @actions/core): '%', CR and LF everywhere,
and ':' and ',' in properties too. File notes ("no recommendations found") become notices and
files that could not be read become errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from smartlint.formatters import posix_path, with_quote

if TYPE_CHECKING:
    from smartlint.models import Finding, LintReport
    from smartlint.rule import RuleMeta

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}

_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = _DATA_ESCAPES + ((":", "%3A"), (",", "%2C"))


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command ('%' first, so escapes are not re-escaped)."""
    for raw, escaped in _DATA_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def escape_property(text: str) -> str:
    """Escape a property value (file, title) of a workflow command."""
    for raw, escaped in _PROPERTY_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def unescape(text: str) -> str:
    """Invert escape_data / escape_property (as the runner does)."""
    for raw, escaped in reversed(_PROPERTY_ESCAPES):
        text = text.replace(escaped, raw)
    return text


def command(kind: str, message: str, **properties: str | int) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind} {props}::{escape_data(message)}" if props else f"::{kind}::{escape_data(message)}"


def annotation(path: str, finding: Finding) -> str:
    message = with_quote(finding.message, finding.quote)
    if finding.suggestion and finding.suggestion.strip():
        message += "\nFix: " + finding.suggestion.strip()
    return command(
        COMMAND.get(str(finding.severity.value), "warning"),
        message,
        file=posix_path(path),
        line=finding.line,
        col=finding.column,
        title=f"{finding.code} {finding.name}",
    )


def render(
    report: LintReport,
    *,
    color: bool = False,
    rules: Sequence[RuleMeta] = (),
    quiet: bool = False,
) -> str:
    lines: list[str] = []
    for file in report.files:
        lines.extend(annotation(file.path, finding) for finding in file.all_findings())
        lines.extend(command("notice", note, file=posix_path(file.path), title="smartlint") for note in file.notes)
    for error in report.errors:
        lines.append(command("error", f"Could not be read: {error.message}", file=posix_path(error.path), title="smartlint"))
    return "".join(line + "\n" for line in lines)
