"""The README stays true: its rules table matches the registry, its first screen has the two commands."""

from __future__ import annotations

from pathlib import Path

from smartlint.docs import README_BEGIN, README_END, rules_table
from smartlint.registry import default_registry

README = Path(__file__).resolve().parent.parent / "README.md"


def test_rules_table_is_current():
    text = README.read_text(encoding="utf-8")
    current = text[text.index(README_BEGIN) + len(README_BEGIN) : text.index(README_END)].strip()
    assert current == rules_table(default_registry().metas).strip(), "run `python -m smartlint.docs` to regenerate it"


def test_first_screen_has_install_run_and_test_commands():
    first_screen = "\n".join(README.read_text(encoding="utf-8").splitlines()[:24])
    assert "pip install . && smartlint check examples/draft-recommendations.md" in first_screen
    assert "pip install -e '.[test]' && python -m pytest" in first_screen


def test_ci_runs_the_readme_test_command():
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && python -m pytest" in ci


def test_published_output_schema_is_current():
    import json

    from smartlint.formatters.json import json_schema

    published = json.loads((README.parent / "docs" / "output-schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(), "run `smartlint schema > docs/output-schema.json`"
