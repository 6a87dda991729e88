"""`--format sarif`, validated against the official SARIF 2.1.0 schema vendored in tests/data."""

from __future__ import annotations

import json

import pytest
from formatter_fixtures import (
    URI_REFERENCE,
    assert_golden,
    assert_sarif_valid,
    missing_owner,
    sample_report,
    sample_rules,
    sarif_validator,
    summarise,
)

from smartlint.formatters import render
from smartlint.formatters.sarif import artifact_uri
from smartlint.models import FileResult, Recommendation


def sarif(report, rules=()) -> dict:
    return json.loads(render(report, "sarif", rules=rules))


def test_vendored_schema_is_sarif_2_1_0():
    schema = sarif_validator().schema
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert "reportingDescriptor" in schema["definitions"]


def test_vendored_schema_rejects_what_sarif_forbids():
    log = sarif(sample_report())
    assert sarif_validator().is_valid(log)
    log["runs"][0]["results"][0]["level"] = "info"
    assert not sarif_validator().is_valid(log)
    del log["runs"][0]["tool"]["driver"]["name"]
    assert not sarif_validator().is_valid(log)


def test_sample_matches_golden():
    assert_golden("sample.sarif", render(sample_report(), "sarif", rules=sample_rules()))


@pytest.mark.parametrize(
    ("report", "rules"),
    [(sample_report(), sample_rules()), (sample_report(), ()), (summarise([]), ())],
    ids=["with-rules", "without-rules", "empty"],
)
def test_output_validates_against_official_schema(report, rules):
    assert_sarif_valid(sarif(report, rules))


def test_log_header_and_driver():
    log = sarif(sample_report(), sample_rules())
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "smartlint" and driver["version"] == "0.1.0"


def test_rule_descriptors_carry_the_rule_documentation():
    rules = sample_rules()
    descriptors = sarif(sample_report(), rules)["runs"][0]["tool"]["driver"]["rules"]
    first = descriptors[0]
    meta = rules[0]
    assert first["id"] == meta.code and first["name"] == meta.name
    assert first["shortDescription"]["text"] == meta.summary
    assert first["fullDescription"]["text"] == meta.rationale
    assert first["help"]["text"] == meta.fix
    assert first["defaultConfiguration"]["level"] == "warning"
    dc001 = next(d for d in descriptors if d["id"] == "DC001")
    assert dc001["defaultConfiguration"]["level"] == "note"


def test_every_result_points_at_its_rule():
    run = sarif(sample_report(), sample_rules())["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    assert len({d["id"] for d in descriptors}) == len(descriptors)
    for result in run["results"]:
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"]


def test_code_missing_from_rules_gets_a_minimal_descriptor():
    descriptors = sarif(sample_report(), sample_rules())["runs"][0]["tool"]["driver"]["rules"]
    assert descriptors[-1] == {
        "id": "EV001",
        "name": "no-evidence-cited",
        "properties": {"criterion": "evidence", "tags": ["smart", "evidence"]},
    }


def test_rules_may_be_given_as_rule_classes():
    class FakeRule:
        meta = sample_rules()[0]

    descriptors = sarif(sample_report(), [FakeRule])["runs"][0]["tool"]["driver"]["rules"]
    assert descriptors[0]["shortDescription"]["text"] == FakeRule.meta.summary


def test_result_fields():
    results = sarif(sample_report(), sample_rules())["runs"][0]["results"]
    ow001 = next(r for r in results if r["ruleId"] == "OW001" and "suppressions" not in r)
    assert ow001["level"] == "warning"
    assert ow001["message"]["text"] == (
        "No one is named to do this — Name who will do this: 'The Safeguarding Partnership will ...'"
    )
    location = ow001["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "reviews/draft.md"
    assert location["region"] == {"startLine": 12, "startColumn": 5, "snippet": {"text": "should be reviewed"}}
    assert {r["level"] for r in results} == {"error", "warning", "note"}


def test_result_without_quote_has_no_snippet():
    results = sarif(sample_report())["runs"][0]["results"]
    ev001 = next(r for r in results if r["ruleId"] == "EV001")
    assert ev001["locations"][0]["physicalLocation"]["region"] == {"startLine": 12, "startColumn": 1}


def test_spreadsheet_path_and_cell():
    results = sarif(sample_report())["runs"][0]["results"]
    plan = results[-1]
    assert plan["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "plans/action%20plan.xlsx"
    assert plan["locations"][0]["properties"] == {"ref": "Plan!D7"}


def test_suppressed_findings_are_suppressed_results():
    results = sarif(sample_report())["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [{"kind": "inSource", "justification": "smartlint: learning-point"}]


def test_notes_and_unreadable_files_become_tool_notifications():
    run = sarif(sample_report())["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [(n["level"], n["message"]["text"]) for n in notes] == [
        ("note", "no recommendations found"),
        ("error", "Could not be read: It is not a Word document, or it is damaged."),
    ]
    assert notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "reviews/broken.docx"


def _one(line: int, text: str = "Review the policy."):
    rec = Recommendation(id="1", index=1, text=text, line=line, column=1, end_line=line, findings=[missing_owner(line)])
    return summarise([FileResult(path="a.md", format="md", recommendations=[rec])])


def test_fingerprint_survives_moved_lines_but_not_changed_words():
    def fingerprint(report):
        return sarif(report)["runs"][0]["results"][0]["partialFingerprints"]

    assert fingerprint(_one(3)) == fingerprint(_one(30))
    assert fingerprint(_one(3)) != fingerprint(_one(3, "Audit the policy."))


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("reviews/draft.md", "reviews/draft.md"),
        ("reviews\\draft 2.md", "reviews/draft%202.md"),
        ("/srv/reviews/100%.md", "file:///srv/reviews/100%25.md"),
        ("C:\\reviews\\a.md", "file:///C:/reviews/a.md"),
        ("révision#1.md", "r%C3%A9vision%231.md"),
    ],
)
def test_artifact_uri(path, uri):
    assert artifact_uri(path) == uri
    assert URI_REFERENCE.match(uri)
