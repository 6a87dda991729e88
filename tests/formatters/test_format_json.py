"""`--format json` and its JSON Schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
from formatter_fixtures import sample_report, summarise

from smartlint.formatters import json_schema, render
from smartlint.models import SCHEMA_VERSION, LintReport


def validator():
    schema = json_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_output_round_trips_to_the_same_report():
    report = sample_report()
    assert LintReport.model_validate_json(render(report, "json")) == report


def test_output_keeps_nulls_and_ends_with_newline():
    out = render(sample_report(), "json")
    assert out.endswith("}\n")
    data = json.loads(out)
    ev001 = data["files"][0]["recommendations"][0]["findings"][2]
    assert ev001["code"] == "EV001"
    assert ev001["quote"] is None and ev001["span"] is None
    assert data["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize("report", [sample_report(), summarise([])], ids=["sample", "empty"])
def test_output_validates_against_the_schema(report):
    validator().validate(json.loads(render(report, "json")))


def test_schema_identifies_itself():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:smartlint:report:v")
    assert schema["title"] == "smartlint report"
    assert set(schema["required"]) >= {"tool", "files", "summary"}


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("tool"),
        lambda d: d["files"][0]["recommendations"][0]["findings"][0].update(severity="fatal"),
        lambda d: d["files"][0]["recommendations"][0].update(line=0),
        lambda d: d["files"][0].update(unexpected=True),
    ],
    ids=["missing-tool", "bad-severity", "line-zero", "extra-key"],
)
def test_schema_rejects_damaged_output(damage):
    data = json.loads(render(sample_report(), "json"))
    damage(data)
    assert not validator().is_valid(data)
