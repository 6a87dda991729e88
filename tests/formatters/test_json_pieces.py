"""`--format json` is written piece by piece to save memory; it must equal pydantic's own dump."""

from __future__ import annotations

from smartlint.api import build_report, lint_text
from smartlint.formatters import render
from smartlint.models import FileError

TEXT = (
    "1. The Board should ensure that all agencies review training on neglect by 31 March 2026.\n"
    "2. Lessons should be learned \u2019quickly\u2019 \U0001f600.\n"
    '3. Relevant practitioners should consider "disguised compliance" \\ [] {}.\n'
)


def whole_dump(report) -> str:
    return report.model_dump_json(indent=2, exclude_none=False) + "\n"


def test_json_pieces_equal_the_whole_dump():
    one = lint_text(TEXT, path='odd "recommendations": [] name.md')
    empty = lint_text("")
    for report in (
        build_report([one]),
        build_report([one, empty, one]),
        build_report([]),
        build_report([empty]),
        build_report([one], [FileError(path="x.md", message="cannot read")]),
    ):
        assert render(report, "json") == whole_dump(report)
