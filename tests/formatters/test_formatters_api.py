"""The `smartlint.formatters` entry points and the promise to keep start-up light."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from formatter_fixtures import sample_report, sample_rules

from smartlint.errors import ConfigError
from smartlint.formatters import FORMATS, render


def test_formats():
    assert FORMATS == ("text", "json", "sarif", "github", "html")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_a_newline_terminated_string(fmt):
    out = render(sample_report(), fmt, rules=sample_rules())
    assert isinstance(out, str) and out.endswith("\n")


def test_unknown_format_is_a_config_error():
    with pytest.raises(ConfigError, match="choose one of text, json, sarif, github"):
        render(sample_report(), "xml")


def test_formatters_import_lazily_and_never_pull_in_heavy_libraries():
    report_json = sample_report().model_dump_json()
    script = f"""
import json, sys
import smartlint.formatters as formatters
from smartlint.models import LintReport
assert not any(m.startswith("smartlint.formatters.") for m in sys.modules), "formats imported eagerly"
report = LintReport.model_validate_json({report_json!r})
for fmt in formatters.FORMATS:
    formatters.render(report, fmt)
formatters.render_statistics(report)
formatters.json_schema()
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("rich", "jsonschema", "typer"))))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
