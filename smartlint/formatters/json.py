"""`--format json`: the LintReport itself, and the JSON Schema it conforms to."""

from __future__ import annotations

import io
import json
from datetime import date
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from pydantic import BaseModel

from smartlint.models import SCHEMA_VERSION, LintReport

if TYPE_CHECKING:
    from smartlint.rule import RuleMeta

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:smartlint:report:v{SCHEMA_VERSION}"


def render(
    report: LintReport,
    *,
    color: bool = False,
    rules: Sequence[RuleMeta] = (),
    quiet: bool = False,
) -> str:
    out = io.StringIO()
    write(report, out)
    return out.getvalue()


def write(report: Any, out: TextIO, **_: Any) -> None:
    """Write the report to `out` exactly as `report.model_dump_json(indent=2)` would give it, plus
    a newline; nulls are kept so every key is always present: consumers need not guess at absence.

    It is written piece by piece, a recommendation at a time: one dump of the whole report would
    hold the output several times over (gigabytes at 100,000 recommendations)."""
    chunks = _Chunks(out)
    _write_report(report, chunks)
    chunks.write("\n")
    chunks.flush()


_INDENT = 2
_TOP_KEYS = ("schema_version", "tool")
_FILE_HEAD_KEYS = ("path", "format", "document_date")
_FILE_TAIL_KEYS = ("findings", "suppressed", "relevance", "notes", "summary")


class _Chunks:
    """Strings written to `out` in batches (one write call per few hundred recommendations)."""

    __slots__ = ("out", "pending", "size")

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.pending: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.pending.append(text)
        self.size += len(text)
        if self.size >= 1 << 20:
            self.flush()

    def flush(self) -> None:
        self.out.write("".join(self.pending))
        self.pending = []
        self.size = 0


def _dump(model: BaseModel, depth: int) -> str:
    """`model` as JSON, indented to sit `depth` levels deep."""
    text = model.model_dump_json(indent=_INDENT, exclude_none=False)
    return text.replace("\n", "\n" + " " * (_INDENT * depth)) if depth else text


def _pad(depth: int) -> str:
    return "\n" + " " * (_INDENT * depth)


def _fields(obj: Any, names: Sequence[str], depth: int) -> list[str]:
    """`"name": value` for each of these fields of `obj`, as they sit `depth` levels deep."""
    pad = _pad(depth)
    return [f"{pad}\"{name}\": {_value(getattr(obj, name), depth)}" for name in names]


def _value(value: Any, depth: int) -> str:
    """A field's value as pydantic writes it, indented to sit `depth` levels deep."""
    if value is None:
        return "null"
    if isinstance(value, BaseModel):
        return _dump(value, depth)
    if isinstance(value, str):  # enums included: they are str
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, (bool, int)):
        return json.dumps(value)
    if isinstance(value, date):
        return f'"{value.isoformat()}"'
    if isinstance(value, list):
        if not value:
            return "[]"
        pad = _pad(depth + 1)
        return "[" + ",".join(pad + _value(item, depth + 1) for item in value) + _pad(depth) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        pad = _pad(depth + 1)
        return "{" + ",".join(f"{pad}{json.dumps(k, ensure_ascii=False)}: {_value(v, depth + 1)}" for k, v in value.items()) + _pad(depth) + "}"
    return _dump(_adapters[type(value)](value), depth)


def _record_models() -> dict[type, Any]:
    from smartlint.file_records import FileSummaryRecord
    from smartlint.models import FileSummary, RunSummary, ToolInfo, trusted
    from smartlint.records import FindingRecord, RecommendationRecord, finding_model, recommendation_model
    from smartlint.report_record import RunSummaryRecord, ToolRecord

    return {
        RecommendationRecord: recommendation_model,
        FindingRecord: finding_model,
        FileSummaryRecord: lambda s: trusted(FileSummary, recommendations=s.recommendations, findings=s.findings,
                                             by_severity=s.by_severity, by_criterion=s.by_criterion, suppressed=s.suppressed),
        ToolRecord: lambda t: trusted(ToolInfo, name=t.name, version=t.version),
        RunSummaryRecord: lambda s: trusted(RunSummary, files=s.files, recommendations=s.recommendations,
                                            findings=s.findings, by_severity=s.by_severity, by_code=s.by_code),
    }


_adapters: dict[type, Any] = {}


def _list(items: Any, depth: int, out: _Chunks) -> None:
    """A JSON list at `depth`, each item written as soon as it is dumped."""
    first = True
    pad = _pad(depth + 1)
    for item in items:
        out.write("[" + pad if first else "," + pad)
        first = False
        out.write(_value(item, depth + 1))
    out.write("[]" if first else _pad(depth) + "]")


def _write_file(result: Any, depth: int, out: _Chunks) -> None:
    out.write("{" + ",".join(_fields(result, _FILE_HEAD_KEYS, depth + 1)) + "," + _pad(depth + 1) + '"recommendations": ')
    _list(result.recommendations, depth + 1, out)
    out.write("," + ",".join(_fields(result, _FILE_TAIL_KEYS, depth + 1)) + _pad(depth) + "}")


def _write_report(report: Any, out: _Chunks) -> None:
    if not _adapters:
        _adapters.update(_record_models())
    out.write("{" + ",".join(_fields(report, _TOP_KEYS, 1)) + "," + _pad(1) + '"files": ')
    first = True
    for result in report.files:
        out.write("[" + _pad(2) if first else "," + _pad(2))
        first = False
        _write_file(result, 2, out)
    out.write("[]" if first else _pad(1) + "]")
    out.write("," + ",".join(_fields(report, ("errors", "summary"), 1)) + _pad(0) + "}")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12, as pydantic writes it) of the output of `render`."""
    generated = LintReport.model_json_schema(mode="serialization")
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "smartlint report",
        "description": (
            f"The output of `smartlint check --format json` (schema_version {SCHEMA_VERSION}): "
            "every file checked, its recommendations with their SMART assessment and findings, "
            "whole-document findings, and summaries."
        ),
    }
    schema.update({key: value for key, value in generated.items() if key not in ("title", "description")})
    return schema
