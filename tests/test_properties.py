"""Properties over any text: no crash, spans inside and exact, deterministic, suppression is exact."""

from __future__ import annotations

from hypothesis import given, strategies as st

from smartlint import lint_text

FRAGMENTS = [
    "The LSCB", "Staff", "should", "must", "ensure", "consider", "review the policy", "by 31 March 2026",
    "as soon as possible", "within 3 months", "research shows", "(Munro 2011)", "appropriate", "and", ";",
    "all agencies", "will be reminded", "audit 20 cases", "**bold**", "`code`", "[link](http://x.y)",
    "Q2 2025", "either", "or", "\n   ", "—", "é", "Recommendation 2:", "(a)", "the Designated Nurse",
]
text_strategy = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
item_strategy = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14).map(" ".join)
document_strategy = st.lists(item_strategy, min_size=1, max_size=6).map(
    lambda items: "# Recommendations\n\n" + "".join(f"{n}. {item}.\n\n" for n, item in enumerate(items, 1))
)


def source_at(text: str, line: int, column: int) -> str:
    return text.split("\n")[line - 1][column - 1 :]


def check_spans(result, source: str) -> None:
    for rec in result.recommendations:
        for finding in rec.findings:
            if finding.span is None:
                continue
            assert 0 <= finding.span.start < finding.span.end <= len(rec.text)
            assert rec.text[finding.span.start : finding.span.end] == finding.quote
            # the reported position points at the quoted words in the file
            first_word = finding.quote.split()[0] if finding.quote.split() else finding.quote
            assert source_at(source, finding.line, finding.column).startswith(first_word[:1])


@given(text_strategy, st.sampled_from(["md", "txt"]))
def test_no_exception_on_any_text(text, fmt):
    result = lint_text(text, format=fmt)
    check_spans(result, text.replace("\r\n", "\n").replace("\r", "\n"))


@given(document_strategy, st.sampled_from(["md", "txt"]))
def test_spans_are_exact_on_recommendation_like_text(text, fmt):
    check_spans(lint_text(text, format=fmt), text)


@given(document_strategy)
def test_deterministic(text):
    assert lint_text(text).model_dump_json() == lint_text(text).model_dump_json()


@given(document_strategy, st.data())
def test_suppressing_a_rule_removes_exactly_its_findings_there(text, data):
    before = lint_text(text)
    candidates = [(rec, f.code) for rec in before.recommendations for f in rec.findings]
    if not candidates:
        return
    rec, code = data.draw(st.sampled_from(candidates))
    lines = text.split("\n")
    lines[rec.line - 1] = lines[rec.line - 1] + f" <!-- smartlint: ignore {code} -->"
    after = lint_text("\n".join(lines))
    assert len(after.recommendations) == len(before.recommendations)
    for old, new in zip(before.recommendations, after.recommendations):
        expected = [(f.code, f.quote) for f in old.findings if not (old.index == rec.index and f.code == code)]
        assert [(f.code, f.quote) for f in new.findings] == expected
