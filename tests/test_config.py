from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine_fixtures import make_registry
from smartlint.config import find_config, load_config_file, parse_config
from smartlint.engine import Linter, Overrides
from smartlint.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_smartlint_toml_is_found_walking_up_from_the_file(tmp_path):
    write(tmp_path / "smartlint.toml", 'ignore = ["TT001"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    config = find_config(deep / "draft.md")
    assert config is not None and config.ignore == ["TT001"]
    assert config.source == str((tmp_path / "smartlint.toml").resolve())


def test_pyproject_without_a_smartlint_table_is_skipped(tmp_path):
    write(tmp_path / ".smartlint.toml", 'fail-on = "error"\n')
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    config = find_config(tmp_path / "sub" / "draft.md")
    assert config is not None and config.fail_on == "error"


def test_pyproject_table_is_read(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.smartlint]\nselect = ["owner"]\ndocument-date = 2026-02-01\n')
    config = find_config(tmp_path / "x.md")
    assert config.select == ["owner"] and config.document_date == date(2026, 2, 1)


def test_unknown_key_names_the_key_and_the_file(tmp_path):
    path = write(tmp_path / "smartlint.toml", 'selcet = ["OW"]\n')
    with pytest.raises(ConfigError) as err:
        load_config_file(path)
    message = str(err.value)
    assert "selcet" in message and str(path) in message and "did you mean 'select'" in message


def test_invalid_toml_is_one_line(tmp_path):
    path = write(tmp_path / "smartlint.toml", "select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config_file(path)


def test_bad_value_is_reported():
    with pytest.raises(ConfigError, match="fail-on"):
        parse_config({"fail-on": "sometimes"}, "smartlint.toml")


def test_rule_options_are_validated_and_applied():
    registry = make_registry()
    linter = Linter(parse_config({"rules": {"flag-word": {"word": "consider"}}}, "cfg.toml"), registry=registry)
    assert linter.rules["TT001"].options.word == "consider"
    with pytest.raises(ConfigError, match="unknown option 'wrod' for rule TT001") as err:
        Linter(parse_config({"rules": {"TT001": {"wrod": "x"}}}, "cfg.toml"), registry=registry)
    assert "cfg.toml" in str(err.value)
    with pytest.raises(ConfigError, match="names no rule"):
        Linter(parse_config({"rules": {"no-such-rule": {}}}, "cfg.toml"), registry=registry)


def test_unknown_selector_in_config_names_the_file():
    with pytest.raises(ConfigError, match=r"cfg.toml: unknown rule selector 'TT9'"):
        Linter(parse_config({"ignore": ["TT9"]}, "cfg.toml"), registry=make_registry())


def test_cli_overrides_beat_the_file():
    config = parse_config({"select": ["TT001"], "fail-on": "error"}, "cfg.toml")
    linter = Linter(config, Overrides(select=["TT002"], fail_on="info"), registry=make_registry())
    assert linter.enabled == {"TT002"} and linter.fail_on == "info"


def test_severity_override_by_name_and_prefix():
    config = parse_config({"severity": {"TT": "info", "flag-word": "error"}}, "cfg.toml")
    linter = Linter(config, registry=make_registry())
    assert linter.severity["TT001"] == "error"  # the exact name beats the prefix
    assert linter.severity["TT002"] == "info"


def test_per_file_ignores_use_globs_relative_to_the_config(tmp_path):
    config = parse_config({"per-file-ignores": {"archive/**": ["TT001"], "*.txt": ["timescale"]}}, str(tmp_path / "smartlint.toml"))
    linter = Linter(config, registry=make_registry())
    assert "TT001" not in linter.active_codes(str(tmp_path / "archive" / "old" / "a.md"))
    assert "TT001" in linter.active_codes(str(tmp_path / "current" / "a.md"))
    assert "TT002" not in linter.active_codes(str(tmp_path / "notes" / "b.txt"))


def test_pattern_rule_must_compile():
    with pytest.raises(ConfigError, match="pattern does not compile"):
        parse_config({"patterns": [{"code": "LC001", "name": "x-y", "pattern": "(", "message": "m"}]}, "cfg.toml")
