"""`--format json`: the LintReport itself, and the JSON Schema it conforms to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from smartlint.models import SCHEMA_VERSION, FileResult, LintReport

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
    # Nulls are kept so every key is always present: consumers need not guess at absence.
    chunks = _report_chunks(report)
    chunks.append("\n")  # joined in, not added after: that would copy the whole output again
    return "".join(chunks)


# The report is serialised piece by piece, exactly as `report.model_dump_json(indent=2)` would
# write it: one pydantic dump of the whole report holds the output about four times over at its
# peak (over a gigabyte at 100,000 recommendations); pieces joined once hold it about twice.
_INDENT = 2
# What a list written empty looks like in the dump of its parent, to be replaced by its items.
_EMPTY_FILES = '"files": []'
_EMPTY_RECOMMENDATIONS = '"recommendations": []'


def _dump(model: BaseModel, depth: int) -> str:
    """`model` as JSON, indented to sit `depth` levels deep."""
    text = model.model_dump_json(indent=_INDENT, exclude_none=False)
    return text.replace("\n", "\n" + " " * (_INDENT * depth)) if depth else text


def _list_chunks(items: list[list[str]], depth: int) -> list[str]:
    """A JSON list at `depth` whose items are given as lists of chunks."""
    if not items:
        return ["[]"]
    pad = "\n" + " " * (_INDENT * (depth + 1))
    chunks = ["[", pad]
    for number, item in enumerate(items):
        if number:
            chunks += [",", pad]
        chunks += item
    chunks += ["\n", " " * (_INDENT * depth), "]"]
    return chunks


def _spliced(model_dump: str, empty: str, replacement: list[str]) -> list[str]:
    """`model_dump` with its first `empty` list (a key of the model itself: string values are
    escaped, so no value can contain it) replaced by `replacement`."""
    at = model_dump.index(empty)
    key = empty[: -len("[]")]
    return [model_dump[:at], key, *replacement, model_dump[at + len(empty) :]]


def _file_chunks(result: FileResult, depth: int) -> list[str]:
    if not result.recommendations:
        return [_dump(result, depth)]
    head = _dump(result.model_copy(update={"recommendations": []}), depth)
    recommendations = [[_dump(rec, depth + 2)] for rec in result.recommendations]
    return _spliced(head, _EMPTY_RECOMMENDATIONS, _list_chunks(recommendations, depth + 1))


def _report_chunks(report: LintReport) -> list[str]:
    if not report.files:
        return [_dump(report, 0)]
    head = _dump(report.model_copy(update={"files": []}), 0)
    return _spliced(head, _EMPTY_FILES, _list_chunks([_file_chunks(f, 2) for f in report.files], 1))


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
