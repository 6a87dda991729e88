"""`--format sarif`: a SARIF 2.1.0 log with one run, for GitHub code scanning and other viewers.

Rule descriptors come from the metadata of the rules in the run (`rules`); a finding whose code
is not among them still gets a minimal descriptor so that every result's ruleIndex is valid.
Suppressed findings, when the report carries them, are results with an in-source suppression;
file notes and files that could not be read are tool-execution notifications.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from smartlint.formatters import one_line, posix_path, rule_metas

if TYPE_CHECKING:
    from smartlint.models import FileResult, Finding, LintReport, Recommendation
    from smartlint.rule import RuleMeta

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "smartlint/v1"


def render(
    report: LintReport,
    *,
    color: bool = False,
    rules: Sequence[RuleMeta] = (),
    quiet: bool = False,
) -> str:
    return json.dumps(sarif_log(report, rules), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: LintReport, rules: Sequence[RuleMeta] = ()) -> dict[str, Any]:
    """The SARIF log as a dict (render() serialises it)."""
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for meta in rule_metas(rules):
        if meta.code not in index:
            index[meta.code] = len(descriptors)
            descriptors.append(_descriptor(meta))

    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for file in report.files:
        by_id = _recommendation_of(file)
        for finding in file.all_findings():
            results.append(_result(file, finding, by_id.get(id(finding)), descriptors, index))
        for finding in file.suppressed:
            result = _result(file, finding, None, descriptors, index)
            result["suppressions"] = [_suppression(finding)]
            results.append(result)
        for note in file.notes:
            notifications.append(
                {
                    "level": "note",
                    "message": {"text": note},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(file.path)}}}],
                }
            )

    for error in report.errors:
        notifications.append(
            {
                "level": "error",
                "message": {"text": f"Could not be read: {error.message}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(error.path)}}}],
            }
        )

    driver: dict[str, Any] = {"name": report.tool.name, "version": report.tool.version, "rules": descriptors}
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        # Columns count characters (code points), as Python strings do.
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": notifications}]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def artifact_uri(path: str) -> str:
    """A URI reference for `path`: relative paths stay relative (forward slashes, percent-encoded)."""
    posix = posix_path(path)
    if PureWindowsPath(path).drive:
        return "file:///" + quote(posix, safe="/:")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")


def _descriptor(meta: RuleMeta) -> dict[str, Any]:
    help_text = meta.fix.strip()
    markdown = help_text
    if meta.bad:
        markdown += f"\n\n**Flagged:** {one_line(meta.bad[0])}"
    if meta.good:
        markdown += f"\n\n**Better:** {one_line(meta.good[0])}"
    descriptor: dict[str, Any] = {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": meta.rationale.strip()},
        "help": {"text": help_text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[str(meta.severity.value)], "enabled": meta.enabled_by_default},
        "properties": {"criterion": str(meta.criterion.value), "tags": ["smart", str(meta.criterion.value)]},
    }
    if meta.aliases:
        descriptor["properties"]["aliases"] = list(meta.aliases)
    return descriptor


def _recommendation_of(file: FileResult) -> dict[int, Recommendation]:
    return {id(finding): rec for rec in file.recommendations for finding in rec.findings}


def _message(finding: Finding) -> str:
    text = finding.message.strip()
    if finding.suggestion and finding.suggestion.strip():
        text += " — " + finding.suggestion.strip()
    return text


def _fingerprint(file: FileResult, finding: Finding, rec: Recommendation | None) -> str:
    # Stable when lines move: the file, the rule, the recommendation's words and the words judged.
    if rec is None and finding.recommendation_id is not None:
        rec = next((r for r in file.recommendations if r.id == finding.recommendation_id), None)
    context = " ".join(rec.text.split()) if rec is not None else ""
    parts = (posix_path(file.path), finding.code, context, finding.quote or "", "" if rec else finding.message)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _result(
    file: FileResult,
    finding: Finding,
    rec: Recommendation | None,
    descriptors: list[dict[str, Any]],
    index: dict[str, int],
) -> dict[str, Any]:
    if finding.code not in index:
        index[finding.code] = len(descriptors)
        descriptors.append(
            {
                "id": finding.code,
                "name": finding.name,
                "properties": {"criterion": str(finding.criterion.value), "tags": ["smart", str(finding.criterion.value)]},
            }
        )
    region: dict[str, Any] = {"startLine": finding.line, "startColumn": finding.column}
    if finding.quote:
        region["snippet"] = {"text": finding.quote}
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(file.path)}, "region": region}
    }
    if finding.ref:
        location["properties"] = {"ref": finding.ref}
    properties: dict[str, Any] = {"criterion": str(finding.criterion.value), "name": finding.name}
    if finding.recommendation_id is not None:
        properties["recommendationId"] = finding.recommendation_id
    if finding.suggestion:
        properties["suggestion"] = finding.suggestion
    return {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": LEVEL.get(str(finding.severity.value), "warning"),
        "message": {"text": _message(finding)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(file, finding, rec)},
        "properties": properties,
    }


def _suppression(finding: Finding) -> dict[str, Any]:
    suppression: dict[str, Any] = {"kind": "inSource"}
    if finding.suppressed_by:
        suppression["justification"] = finding.suppressed_by
    return suppression
