"""`--format json`: the LintReport itself, and the JSON Schema it conforms to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

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
    # Nulls are kept so every key is always present: consumers need not guess at absence.
    return report.model_dump_json(indent=2, exclude_none=False) + "\n"


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
