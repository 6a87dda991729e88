from __future__ import annotations

import json

import jsonschema
import pytest

from cli_helpers import EXAMPLE_MD, ROOT, run

WEAK = "# Recommendations\n\n1. Staff should be reminded of the importance of information sharing.\n"
STRONG = (
    "# Recommendations\n\n1. The Safeguarding Partnership will publish a revised neglect protocol by "
    "31 March 2027 and report progress to the Board quarterly (Working Together 2023).\n"
)


def test_check_example_groups_findings_with_quotes_and_suggestions():
    proc = run("check", str(EXAMPLE_MD))
    out = proc.stdout.decode()
    assert proc.returncode == 1, proc.stderr
    assert "Recommendation 1" in out and "OW001" in out and "fix:" in out
    assert "S ✗" in out or "S ✓" in out
    assert "'" in out  # quoted words


def test_json_output_validates_against_the_published_schema():
    proc = run("check", "--format", "json", str(EXAMPLE_MD))
    report = json.loads(proc.stdout)
    schema = json.loads(run("schema").stdout)
    jsonschema.validate(report, schema)
    recs = report["files"][0]["recommendations"]
    assert [r["id"] for r in recs][:3] == ["1", "2", "3"]
    assessment = recs[0]["assessment"]
    assert set(assessment) == {"owner", "timescale", "measurable", "specific", "evidence", "score"}


def test_sarif_output_validates_against_sarif_2_1_0():
    proc = run("check", "--format", "sarif", str(EXAMPLE_MD))
    sarif = json.loads(proc.stdout)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    assert sarif["runs"][0]["results"]


def test_github_annotations():
    out = run("check", "--format", "github", str(EXAMPLE_MD)).stdout.decode()
    assert out.startswith("::") and "title=OW001" in out


def test_exit_codes(tmp_path):
    weak, strong = tmp_path / "weak.md", tmp_path / "strong.md"
    weak.write_text(WEAK, encoding="utf-8")
    strong.write_text(STRONG, encoding="utf-8")
    assert run("check", "--isolated", str(weak)).returncode == 1
    assert run("check", "--isolated", str(strong)).returncode == 0, run("check", "--isolated", str(strong)).stdout.decode()
    assert run("check", "--isolated", "--fail-on", "never", str(weak)).returncode == 0
    assert run("check", "--isolated", "--format", "nope", str(weak)).returncode == 2


def test_stdin_with_stdin_filename():
    proc = run("check", "--isolated", "--stdin-filename", "draft.txt", "-", stdin=WEAK.encode())
    assert proc.returncode == 1
    assert "draft.txt" in proc.stdout.decode()


def test_select_and_ignore_on_the_command_line(tmp_path):
    path = tmp_path / "weak.md"
    path.write_text(WEAK, encoding="utf-8")
    out = json.loads(run("check", "--isolated", "--format", "json", "--select", "owner", str(path)).stdout)
    found = {f["code"] for r in out["files"][0]["recommendations"] for f in r["findings"]}
    assert found and all(code.startswith("OW") for code in found)
    out = json.loads(run("check", "--isolated", "--format", "json", "--ignore", "OW,TM", str(path)).stdout)
    found = {f["code"] for r in out["files"][0]["recommendations"] for f in r["findings"]}
    assert not any(code.startswith(("OW", "TM")) for code in found)


def test_unknown_selector_suggests_closest(tmp_path):
    path = tmp_path / "weak.md"
    path.write_text(WEAK, encoding="utf-8")
    proc = run("check", "--isolated", "--select", "missing-ownr", str(path))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "missing-owner" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_statistics_and_quiet(tmp_path):
    path = tmp_path / "weak.md"
    path.write_text(WEAK, encoding="utf-8")
    out = run("check", "--isolated", "--statistics", str(path)).stdout.decode()
    assert "OW001" in out.split("\n\n")[-1] or "OW001" in out
    quiet = run("check", "--isolated", "--quiet", str(path)).stdout.decode()
    assert "weak.md:3:" in quiet


def test_rules_table_and_json():
    table = run("rules").stdout.decode()
    assert "OW001" in table and "missing-owner" in table
    rows = json.loads(run("rules", "--format", "json").stdout)
    assert {"code", "name", "criterion", "severity", "summary", "rationale", "fix"} <= set(rows[0])


@pytest.mark.parametrize("key", ["OW001", "missing-owner"])
def test_explain(key):
    out = run("explain", key).stdout.decode()
    assert "missing-owner" in out and "Why it matters" in out and "How to fix it" in out and "✗" in out


def test_explain_unknown_rule_suggests():
    proc = run("explain", "misssing-owner")
    assert proc.returncode == 2 and "did you mean 'missing-owner'" in proc.stderr.decode()


def test_init_writes_a_valid_config_and_refuses_to_overwrite(tmp_path):
    assert run("init", cwd=tmp_path).returncode == 0
    assert (tmp_path / "smartlint.toml").is_file()
    (tmp_path / "d.md").write_text(WEAK, encoding="utf-8")
    assert run("check", "d.md", cwd=tmp_path).returncode == 1
    again = run("init", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr.decode()


def test_config_shows_resolved_settings(tmp_path):
    (tmp_path / "smartlint.toml").write_text('ignore = ["evidence"]\n', encoding="utf-8")
    out = run("config", str(tmp_path)).stdout.decode()
    assert "smartlint.toml" in out and '"evidence"' in out and "OW001" in out and "EV001" not in out.split("rules that run")[1]


def test_no_color_when_piped_and_when_no_color_set():
    out = run("check", str(EXAMPLE_MD)).stdout.decode()
    assert "\x1b[" not in out


def test_version_of_python_module_entry():
    proc = run("--help")
    assert proc.returncode == 0 and "check" in proc.stdout.decode()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["check", "--bogus", "x.md"], "No such option: --bogus"),
        (["chek", "x.md"], "No such command 'chek'"),
        (["check", "--jobs", "abc", "x.md"], "Invalid value for '--jobs'"),
        (["check"], "Missing argument"),
    ],
)
def test_a_mistyped_command_line_is_one_plain_error_line(args, said):
    proc = run(*args)
    assert proc.returncode == 2
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("smartlint: error: "), proc.stderr
    assert said in lines[0] and "--help" in lines[0] and "internal error" not in lines[0]
